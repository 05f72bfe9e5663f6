// What the two mock fuzzers share: the framing of an input into a request, the options of
// the mock they drive, and the invariants every answer must keep.
//
// Input framing (fuzz/corpus/mock_request/ holds examples; write_mock_seeds adds one or
// more per endpoint, made from the API's description):
//   byte 0        low nibble: the target (0-6 the endpoints of the videos and scripts
//                 documents, 7 the media prefix, 8 the control prefix, 9 a raw path, 10-15
//                 the endpoints after them in the API's description: image animation and
//                 the Digital Avatar API); high nibble: the method (0-7 the target's own
//                 method, else GET POST PUT PATCH DELETE OPTIONS in turn)
//   up to '\n'    endpoints: the query string (without '?'); media/control: the path after
//                 the prefix; raw: the whole path
//   up to '\n'    Content-Type TAB Access-Token (no TAB: Content-Type application/json and
//                 the whole line as the token; an empty value sends no header)
//   the rest      the body
//
// Every answer must be one docs/mock-server.md documents: HTTP 200 with the JSON envelope for
// the API paths, 404/405 plain text, 400 (malformed HTTP / control error), 403/404/200
// video/mp4 or image/png on the media host, 413/414. Anything else (500 "mock server error",
// no answer) aborts.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <tiktok_aigc/mock/mock_server.hpp>

#include "tiktok_aigc/api/endpoints.hpp"

namespace mock_fuzz {

using nlohmann::json;

constexpr int kMedia = 7, kControl = 8, kRaw = 9;
constexpr const char* kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
constexpr int kHealthEvery = 200;
constexpr int kResetEvery = 5000;  // bounds the store's growth

// The endpoint a target byte names, if any: the table's first seven before the media
// prefix (so earlier inputs keep their meaning), the rest from 10 on.
inline const tiktok_aigc::api::Endpoint* endpoint_of(int kind) {
  const auto& table = tiktok_aigc::api::endpoints();
  const std::size_t row =
      kind < kMedia ? static_cast<std::size_t>(kind) : static_cast<std::size_t>(kind - 3);
  if ((kind >= kMedia && kind <= kRaw) || row >= table.size()) return nullptr;
  return &table[row];
}

// The target byte of the endpoint in `row` of the table; -1 when the framing cannot name it.
inline int kind_of_row(std::size_t row) {
  const int kind = row < kMedia ? static_cast<int>(row) : static_cast<int>(row) + 3;
  return kind <= 15 ? kind : -1;
}

// A deterministic mock: seeded, its clock frozen at a fixed time, no budgets, no log.
inline tiktok_aigc::mock::Options mock_options() {
  tiktok_aigc::mock::Options o;
  o.seed = 7;
  o.clock_frozen = true;
  o.start_time = std::chrono::system_clock::time_point(std::chrono::seconds(1735689600));
  o.rate_limits = false;
  return o;
}

// Header values travel in the header block: a CR, LF or NUL would split the request.
inline std::string header_safe(const std::string& value) {
  std::string out;
  for (char c : value)
    if (c != '\r' && c != '\n' && c != '\0') out += c;
  return out;
}

// An input read as the request a client sends: path holds the request-target (path and
// query), as httplib::Client takes it.
struct Framed {
  int kind = kRaw;
  httplib::Request req;
};

inline std::optional<Framed> frame(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return std::nullopt;
  const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
  Framed out;
  out.kind = data[0] & 0x0f;
  const int method_pick = data[0] >> 4;

  const std::size_t a = input.find('\n');
  const std::string line1 = input.substr(0, a);
  std::string line2, body;
  if (a != std::string::npos) {
    const std::size_t b = input.find('\n', a + 1);
    line2 = input.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
    if (b != std::string::npos) body = input.substr(b + 1);
  }

  httplib::Request& req = out.req;
  const char* own = "GET";
  if (const auto* endpoint = endpoint_of(out.kind)) {
    req.path = std::string(endpoint->path) + (line1.empty() ? "" : "?" + line1);
    own = endpoint->method;
  } else if (out.kind == kMedia) {
    req.path = "/media/" + line1;
  } else if (out.kind == kControl) {
    req.path = "/__mock__/" + line1;
    own = body.empty() ? "GET" : "POST";
  } else {
    req.path = line1.empty() || line1[0] != '/' ? "/" + line1 : line1;
  }
  req.method = method_pick < 8 ? own : kMethods[method_pick % 6];

  std::string content_type = "application/json", token = line2;
  const std::size_t tab = line2.find('\t');
  if (tab != std::string::npos) {
    content_type = line2.substr(0, tab);
    token = line2.substr(tab + 1);
  }
  content_type = header_safe(content_type);
  token = header_safe(token);
  if (!token.empty()) req.headers.emplace("Access-Token", token);
  if (!body.empty() || req.method == "POST") {
    req.body = body;
    if (!content_type.empty()) req.headers.emplace("Content-Type", content_type);
  }
  return out;
}

[[noreturn]] inline void fail(const std::string& what, const httplib::Request& req, int status,
                              const std::string& body) {
  std::fprintf(stderr, "\nmock fuzzer: %s\n  request: %s %s\n  answer: HTTP %d %.*s\n",
               what.c_str(), req.method.c_str(), req.path.c_str(), status,
               static_cast<int>(body.size() > 2000 ? 2000 : body.size()), body.c_str());
  std::abort();
}

// The invariants of an answer to a request of target `kind`.
inline void check(const httplib::Request& req, int kind, int status,
                  const std::string& content_type, const std::string& body) {
  if (status == 500 || status < 200 || status > 499)
    fail("an undocumented HTTP status", req, status, body);
  // httplib's own answers (413, 414, 400 malformed HTTP), any path: plain text.
  if ((status == 413 || status == 414 || status == 400) &&
      content_type.rfind("text/plain", 0) == 0 && body.rfind("HTTP ", 0) == 0)
    return;
  if (kind == kControl) {  // control: plain JSON, 400 {"error"} when malformed, 404 unknown action
    if (status == 404) return;
    const json j = json::parse(body, nullptr, false);
    if ((status != 200 && status != 400) || !j.is_object())
      fail("a control answer that is not documented", req, status, body);
    if (status == 400 && !(j.contains("error") && j["error"].is_string()))
      fail("a control error without \"error\"", req, status, body);
    return;
  }
  if (kind == kMedia) {  // the media host
    if (status == 403 || status == 404 || status == 405) return;
    if (status == 200 && (content_type == "video/mp4" || content_type == "image/png")) return;
    fail("a media answer that is not documented", req, status, body);
  }
  if (status == 404 || status == 405) {
    if (content_type.rfind("text/plain", 0) != 0)
      fail("a 404/405 that is not plain text", req, status, body);
    return;
  }
  if (status != 200) fail("an API answer with an undocumented status", req, status, body);
  const json j = json::parse(body, nullptr, false);
  const bool envelope = j.is_object() && j.size() == 4 && j.contains("code") &&
                        j["code"].is_number_integer() && j.contains("message") &&
                        j["message"].is_string() && j.contains("request_id") &&
                        j["request_id"].is_string() && j.contains("data") &&
                        (j["data"].is_object() || j["data"].is_array());
  if (!envelope) fail("an HTTP 200 without the documented envelope", req, status, body);
  const int code = j["code"].get<int>();
  if (code != 0 && !(j["data"].is_object() && j["data"].empty()))
    fail("an error envelope whose data is not {}", req, status, body);
  if (code == 0 && j["message"] != "OK") fail("code 0 without message OK", req, status, body);
}

// A request that must always succeed: the first page of scripts.
inline httplib::Request health_request() {
  httplib::Request req;
  req.method = "GET";
  req.path = tiktok_aigc::api::endpoint(tiktok_aigc::api::EndpointId::script_list).path;
  req.headers.emplace("Access-Token", "fuzz-health");
  return req;
}

inline void check_health(const httplib::Request& req, int status, const std::string& body) {
  const json j = json::parse(body, nullptr, false);
  if (status != 200 || !j.is_object() || j.value("code", -1) != 0)
    fail("the health request failed", req, status, body);
}

}  // namespace mock_fuzz
