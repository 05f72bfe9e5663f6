#include "avatar_catalogue.hpp"

#include <unordered_map>

#include "mix.hpp"

namespace tiktok_aigc::mock {
namespace {

// The live catalogue lists 88 avatars of varied demographics.
constexpr std::size_t kAvatars = 88;  // at most 100: see the ids

const char* const kFirstNames[] = {"Amara", "Ben",   "Chloe", "Daniel", "Elif",  "Farah", "Gabriel", "Hana",
                                   "Isaac", "Jade",  "Kenji", "Lucia",  "Malik", "Nora",  "Oscar",   "Priya",
                                   "Quinn", "Rosa",  "Samir", "Tess",   "Umar",  "Vera"};
const char* const kOutfits[] = {"Denim Jacket", "Business Suit", "Summer Dress", "Hoodie"};

std::vector<CatalogueAvatar> make_catalogue() {
  static_assert(std::size(kFirstNames) * std::size(kOutfits) >= kAvatars);
  static const char kKeyCharacters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::vector<CatalogueAvatar> out;
  for (std::size_t i = 0; i < kAvatars; ++i) {
    CatalogueAvatar avatar;
    // 7 then 18 digits, distinct as the last two are i's (i < 100).
    avatar.id = 7'000'000'000'000'000'000ull + (mix(i) % 10'000'000'000'000'000ull) * 100 + i;
    avatar.name = std::string(kFirstNames[i % std::size(kFirstNames)]) + " in " +
                  kOutfits[(i / std::size(kFirstNames)) % std::size(kOutfits)];
    // The live asset keys have the shape of an uploaded video's id on the live API.
    avatar.asset_key = "v10033g50000";
    std::uint64_t bits = mix(i ^ 0x415641544152ull);
    for (int c = 0; c < 20; ++c) {
      if (c == 10) bits = mix(bits);
      avatar.asset_key += kKeyCharacters[bits % 36];
      bits /= 36;
    }
    out.push_back(std::move(avatar));
  }
  return out;
}

}  // namespace

const std::vector<CatalogueAvatar>& avatar_catalogue() {
  static const std::vector<CatalogueAvatar> catalogue = make_catalogue();
  return catalogue;
}

const CatalogueAvatar* find_avatar(std::uint64_t id) {
  static const auto by_id = [] {
    std::unordered_map<std::uint64_t, const CatalogueAvatar*> index;
    for (const auto& avatar : avatar_catalogue()) index.emplace(avatar.id, &avatar);
    return index;
  }();
  const auto found = by_id.find(id);
  return found == by_id.end() ? nullptr : found->second;
}

const CatalogueAvatar* find_avatar_by_asset_key(const std::string& key) {
  static const auto by_key = [] {
    std::unordered_map<std::string, const CatalogueAvatar*> index;
    for (const auto& avatar : avatar_catalogue()) index.emplace(avatar.asset_key, &avatar);
    return index;
  }();
  const auto found = by_key.find(key);
  return found == by_key.end() ? nullptr : found->second;
}

}  // namespace tiktok_aigc::mock
