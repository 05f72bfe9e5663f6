// The raw JSON kept in results.
#pragma once

#include "tiktok_aigc/json_dependency.hpp"
#include "tiktok_aigc/raw_json.hpp"

namespace tiktok_aigc {

RawJson::RawJson() = default;

RawJson::RawJson(const nlohmann::json& value) : value_(std::make_shared<const nlohmann::json>(value)) {}

RawJson::RawJson(std::shared_ptr<const nlohmann::json> shared) : value_(std::move(shared)) {}

const nlohmann::json& RawJson::json() const {
  static const nlohmann::json kNull;
  return value_ ? *value_ : kNull;
}

std::string RawJson::dump() const { return json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

bool RawJson::is_null() const { return json().is_null(); }

}  // namespace tiktok_aigc
