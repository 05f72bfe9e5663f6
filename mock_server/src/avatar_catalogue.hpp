// The Digital Avatars the mock offers: a fixed catalogue, the same in every mock whatever
// its seed, so a test may name an avatar_id it saw once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tiktok_aigc::mock {

struct CatalogueAvatar {
  std::uint64_t id = 0;   // 19 digits starting with 7, as the live API's
  std::string name;       // "<first name> in <outfit>"
  std::string asset_key;  // names its thumbnail (<key>_cover) and demo video (<key>_video)
};

// In the catalogue's fixed order.
const std::vector<CatalogueAvatar>& avatar_catalogue();
const CatalogueAvatar* find_avatar(std::uint64_t id);
const CatalogueAvatar* find_avatar_by_asset_key(const std::string& key);

}  // namespace tiktok_aigc::mock
