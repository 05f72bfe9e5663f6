#include "raw_query.hpp"

#include <httplib.h>

namespace tiktok_aigc::mock {

api::QueryParams parse_query(const std::string& raw_query) {
  api::QueryParams params;
  for_each_raw_param(raw_query, [&params](std::string_view name, std::string_view value) {
    params.emplace_back(httplib::detail::decode_url(std::string(name), true),
                        httplib::detail::decode_url(std::string(value), true));
  });
  return params;
}

}  // namespace tiktok_aigc::mock
