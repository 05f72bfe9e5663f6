// What the endpoints' handlers share: the success envelope, page_info, and the allowlist of
// the Digital Avatar API.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api_handlers.hpp"

namespace tiktok_aigc::mock {

inline Answer ok(const Call& call, const nlohmann::json& data) {
  return envelope(call.request_id, api::codes::kOk, api::kOkMessage, data);
}

inline nlohmann::json page_info(std::size_t page, std::size_t page_size, std::size_t total) {
  return {{"page", page},
          {"page_size", page_size},
          {"total_number", total},
          {"total_page", (total + page_size - 1) / page_size}};
}

// The Digital Avatar API, and AVATAR_PRODUCT videos with it, are allowlist-only
// (--avatar-tokens; none given: every token is on the list).
inline std::optional<Answer> refuse_unless_allowlisted(const MockState& mock, const Call& call, const std::string& what) {
  if (mock.avatar_tokens.empty() || mock.avatar_tokens.count(call.token) != 0) return std::nullopt;
  return envelope(call.request_id, api::codes::kNotInWhitelist,
                  what + " needs Digital Avatar access, and this app is not on its allowlist");
}

}  // namespace tiktok_aigc::mock
