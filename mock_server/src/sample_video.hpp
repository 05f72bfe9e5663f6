#pragma once

#include <string>

namespace tiktok_aigc::mock {

// A short, valid MP4 file (H.264 video), the bytes every preview URL serves.
const std::string& sample_mp4();
// A small, valid PNG image (9:16), the bytes every cover and avatar thumbnail serves.
const std::string& sample_png();

}  // namespace tiktok_aigc::mock
