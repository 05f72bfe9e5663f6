// UTF-8 as the API counts it: lengths in characters, and text that is always valid.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "tiktok_aigc/api/strings.hpp"

namespace tiktok_aigc::mock {

// Replaces every invalid sequence (overlong forms, surrogates, values past U+10FFFF, cut
// characters) with U+FFFD.
std::string to_valid_utf8(std::string_view in);

// Checks and lengths in characters: the API description's (api/strings.hpp).
using api::strings::is_valid_utf8;
using api::strings::utf8_length;

}  // namespace tiktok_aigc::mock
