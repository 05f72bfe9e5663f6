// nlohmann/json, whole: what the API's description and the implementation read and write
// JSON with. The declarations only name it (raw_json.hpp).
#pragma once

#include "tiktok_aigc/requires_cxx17.hpp"

// As installed (<nlohmann/json.hpp>), or its single header copied flat beside
// tiktok_aigc.hpp by a user who vendors both files.
#if __has_include(<nlohmann/json.hpp>)
#include <nlohmann/json.hpp>
#else
#include "json.hpp"
#endif
