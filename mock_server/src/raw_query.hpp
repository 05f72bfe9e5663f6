// The query string of a request as it arrived, split and decoded the way the API reads it.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tiktok_aigc/api/schema.hpp"

namespace tiktok_aigc::mock {

// Calls visit(name, value) for each non-empty part of a raw query string ("a=1&b=%5B%5D"),
// in order, undecoded: views into `raw_query`, the value empty when the part has no '='.
// The one place that splits a query, for the parser below and the journal's scrubbing.
template <typename Visit>
void for_each_raw_param(std::string_view raw_query, Visit&& visit) {
  for (std::size_t start = 0; start < raw_query.size();) {
    const std::size_t end = std::min(raw_query.find('&', start), raw_query.size());
    const std::string_view part = raw_query.substr(start, end - start);
    if (!part.empty()) {
      const std::size_t equals = part.find('=');
      visit(part.substr(0, equals),
            equals == std::string_view::npos ? std::string_view() : part.substr(equals + 1));
    }
    start = end + 1;
  }
}

// The decoded name/value pairs of a raw query string ("a=1&b=%5B%5D"), in order and with
// repeats: httplib's own parsing drops a parameter repeated with the same value, and the
// API refuses any repeat.
api::QueryParams parse_query(const std::string& raw_query);

}  // namespace tiktok_aigc::mock
