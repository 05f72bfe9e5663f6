#include "request_reading.hpp"

#include <set>
#include <stdexcept>
#include <vector>

#include "raw_query.hpp"
#include "utf8.hpp"

namespace tiktok_aigc::mock {
namespace {

using nlohmann::json;

constexpr int kMaxJsonDepth = 64;

}  // namespace

std::optional<api::Violation> parse_body(const std::string& body, json& out) {
  if (!is_valid_utf8(body)) return api::invalid_utf8_body();
  // nlohmann::json stops reading at a NUL byte, so "{...}\0anything" would pass; a raw NUL
  // is never valid JSON.
  if (body.find('\0') != std::string::npos) {
    return api::Violation{api::codes::kParamError, "body: malformed JSON: a raw NUL byte"};
  }
  std::vector<std::set<std::string>> keys;  // of each open container
  try {
    out = json::parse(body, [&keys](int depth, json::parse_event_t event, json& parsed) {
      // A container's start is reported at its parent's depth: count the container itself.
      const bool opens =
          event == json::parse_event_t::object_start || event == json::parse_event_t::array_start;
      if (depth + (opens ? 1 : 0) > kMaxJsonDepth) {
        throw std::length_error("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
      }
      if (opens) {
        keys.emplace_back();
      } else if (event == json::parse_event_t::object_end ||
                 event == json::parse_event_t::array_end) {
        keys.pop_back();
      } else if (event == json::parse_event_t::key &&
                 !keys.back().insert(parsed.get<std::string>()).second) {
        // Parsers differ on which of the two values counts, so neither does.
        throw std::invalid_argument("key " + parsed.dump() + " given more than once");
      }
      return true;
    });
  } catch (const json::parse_error& error) {
    return api::Violation{api::codes::kParamError, std::string("body: malformed JSON: ") + error.what()};
  } catch (const json::out_of_range& error) {  // 1e400: valid JSON, but no double holds it
    return api::Violation{api::codes::kParamError,
                      std::string("body: number out of range: ") + error.what()};
  } catch (const std::length_error& error) {
    return api::Violation{api::codes::kParamError, std::string("body: JSON ") + error.what()};
  } catch (const std::invalid_argument& error) {
    return api::Violation{api::codes::kParamError, std::string("body: ") + error.what()};
  }
  return std::nullopt;
}

bool may_leave_bytes_unread(const httplib::Request& req) {
  const bool reads_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
  const auto lengths = req.headers.count("Content-Length");
  const std::string length = req.get_header_value("Content-Length");
  if (lengths > 1 || (lengths == 1 && (length.empty() || length.find_first_not_of("0123456789") !=
                                                              std::string::npos))) {
    return true;
  }
  return !reads_body && ((lengths == 1 && length.find_first_not_of('0') != std::string::npos) ||
                         req.has_header("Transfer-Encoding"));
}

std::optional<api::Violation> read_request(const httplib::Request& req,
                                                  const api::Endpoint& endpoint, json& request) {
  if (std::string(endpoint.method) == "GET") {
    const auto question = req.target.find('?');
    return api::check_query(
        endpoint, parse_query(question == std::string::npos ? "" : req.target.substr(question + 1)),
        request);
  }
  const std::string type = req.get_header_value("Content-Type");
  if (type.substr(0, type.find(';')) != "application/json") {
    return api::Violation{api::codes::kParamError,
                          "Content-Type: must be application/json, got \"" + type + "\""};
  }
  // parse_body has checked the raw bytes' UTF-8 (and the parser refuses a lone surrogate
  // escape): only the rules are left, not check_body's second walk over every string.
  if (auto e = parse_body(req.body, request)) return e;
  return api::validate(endpoint.request(), request);
}

}  // namespace tiktok_aigc::mock
