// The dashboard's files, mock_server/dashboard/, built into the library byte for byte: the
// build writes their definition (mock_server/dashboard/embed.cmake).
#pragma once

#include <cstddef>
#include <string_view>

namespace tiktok_aigc::mock {

struct EmbeddedFile {
  std::string_view name;  // the file's name, without its folder
  std::string_view bytes;
};

extern const EmbeddedFile kDashboardFiles[];
extern const std::size_t kDashboardFileCount;

}  // namespace tiktok_aigc::mock
