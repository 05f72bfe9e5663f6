// Assertions on the mock's answers shared by the HTTP tests: the envelope of a success and
// of an error, the shape of ids, and fetching a URL the way a media client does.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <utility>

#include "test_support.hpp"

namespace tiktok_aigc::mock::testing {

// A member of a JSON object, or null when it is absent (or the value is not an object).
inline json field(const json& object, const std::string& key) {
  if (!object.is_object()) return json();
  const auto found = object.find(key);
  return found == object.end() ? json() : *found;
}

inline std::set<std::string> keys_of(const json& object) {
  std::set<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) keys.insert(it.key());
  return keys;
}

// An id as the documents describe it: a string of 19 digits, above 2^53.
inline ::testing::AssertionResult IsId(const json& value) {
  if (!value.is_string())
    return ::testing::AssertionFailure() << value.dump() << " is not a string";
  const std::string id = value.get<std::string>();
  static const std::regex digits("^[0-9]{19}$");
  if (!std::regex_match(id, digits)) {
    return ::testing::AssertionFailure() << "\"" << id << "\" is not 19 digits";
  }
  if (std::stoull(id) <= (std::uint64_t{1} << 53)) {
    return ::testing::AssertionFailure() << id << " is not above 2^53";
  }
  return ::testing::AssertionSuccess();
}

// An uploaded video's id in the live API's shape: v10033g50000 and 20 of [a-z0-9].
inline ::testing::AssertionResult IsUploadId(const json& value) {
  static const std::regex shape("^v10033g50000[a-z0-9]{20}$");
  if (value.is_string() && std::regex_match(value.get<std::string>(), shape)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << value.dump() << " is not an uploaded video's id";
}

inline ::testing::AssertionResult IsNonEmptyString(const json& value) {
  if (!value.is_string() || value.get<std::string>().empty()) {
    return ::testing::AssertionFailure() << value.dump() << " is not a non-empty string";
  }
  return ::testing::AssertionSuccess();
}

// The success envelope: HTTP 200, exactly {code: 0 (an integer), message "OK",
// request_id (YYYYMMDDHHMMSS + 20 upper-case hex digits, the live shape), data}.
inline ::testing::AssertionResult IsOk(const Reply& reply) {
  if (reply.status != 200) {
    return ::testing::AssertionFailure() << "HTTP " << reply.status << ": " << reply.body;
  }
  const json& e = reply.parsed;
  if (!e.is_object()) return ::testing::AssertionFailure() << "not a JSON object: " << reply.body;
  if (keys_of(e) != std::set<std::string>{"code", "message", "request_id", "data"}) {
    return ::testing::AssertionFailure() << "envelope fields differ: " << reply.body;
  }
  if (!e.at("code").is_number_integer() || e.at("code").get<long long>() != 0) {
    return ::testing::AssertionFailure() << "code is not the integer 0: " << reply.body;
  }
  if (e.at("message") != "OK") return ::testing::AssertionFailure() << "message: " << reply.body;
  if (!IsNonEmptyString(e.at("request_id"))) {
    return ::testing::AssertionFailure() << "request_id: " << reply.body;
  }
  static const std::regex request_id("^[0-9]{14}[0-9A-F]{20}$");
  if (!std::regex_match(e.at("request_id").get<std::string>(), request_id)) {
    return ::testing::AssertionFailure() << "request_id format: " << reply.body;
  }
  return ::testing::AssertionSuccess();
}

// An error envelope with this code (HTTP 200, data {}).
inline ::testing::AssertionResult IsError(const Reply& reply, int code) {
  if (reply.status != 200) {
    return ::testing::AssertionFailure() << "HTTP " << reply.status << ": " << reply.body;
  }
  if (!reply.parsed.is_object() || !field(reply.parsed, "code").is_number_integer()) {
    return ::testing::AssertionFailure() << "no envelope: " << reply.body;
  }
  if (reply.code() != code) {
    return ::testing::AssertionFailure()
           << "code " << reply.code() << ", expected " << code << ": " << reply.body;
  }
  if (field(reply.parsed, "data") != json::object()) {
    return ::testing::AssertionFailure() << "data is not {}: " << reply.body;
  }
  return ::testing::AssertionSuccess();
}



// The origin and the target of an absolute URL.
inline std::pair<std::string, std::string> split_url(const std::string& url) {
  static const std::regex pattern(R"(^(https?://[^/]+)(/.*)$)");
  std::smatch match;
  if (!std::regex_match(url, match, pattern)) {
    ADD_FAILURE() << "not an absolute URL: " << url;
    return {};
  }
  return {match[1], match[2]};
}

// GET a URL as a media client would: no Access-Token.
inline Reply fetch_url(const std::string& url) {
  const auto [origin, target] = split_url(url);
  httplib::Client http(origin);
  http.set_tcp_nodelay(true);
  http.set_read_timeout(15, 0);
  return to_reply(http.Get(target.c_str()));
}

}  // namespace tiktok_aigc::mock::testing
