// The JSON an answer was decoded from, kept whole in every result for the fields its type
// does not name. It is opaque here, so that a translation unit that uses the client does
// not compile nlohmann/json; include <nlohmann/json.hpp> to read it:
//
//   const nlohmann::json& data = result->raw.json();
#pragma once

#include <memory>
#include <string>

#include "tiktok_aigc/requires_cxx17.hpp"

// nlohmann/json's forward declarations, or, beside a vendored flat json.hpp, the whole of it.
#if __has_include(<nlohmann/json_fwd.hpp>)
#include <nlohmann/json_fwd.hpp>
#elif __has_include("json_fwd.hpp")
#include "json_fwd.hpp"
#else
#include "json.hpp"
#endif

namespace tiktok_aigc {

class RawJson {
 public:
  RawJson();  // null
  explicit RawJson(const nlohmann::json& value);                    // a copy
  explicit RawJson(std::shared_ptr<const nlohmann::json> shared);  // shares it

  const nlohmann::json& json() const;
  std::string dump() const;  // compact JSON text
  bool is_null() const;

 private:
  std::shared_ptr<const nlohmann::json> value_;  // shared: results are copied freely
};

}  // namespace tiktok_aigc
