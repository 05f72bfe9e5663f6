#pragma once

#include <string>

namespace tiktok_aigc::mock {

// A short, valid MP4 file (H.264 video), the bytes every preview URL serves.
const std::string& sample_mp4();

}  // namespace tiktok_aigc::mock
