// UTF-8 as the API counts it: lengths in characters, and text that is always valid.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tiktok_aigc::mock {

// Replaces every invalid sequence (overlong forms, surrogates, values past U+10FFFF, cut
// characters) with U+FFFD.
std::string to_valid_utf8(std::string_view in);
bool is_valid_utf8(std::string_view text);
// Characters (code points) of valid UTF-8.
std::size_t utf8_length(std::string_view text);

}  // namespace tiktok_aigc::mock
