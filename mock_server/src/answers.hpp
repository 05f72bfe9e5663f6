// What the mock answers, built by its parts and written by its HTTP front end: envelopes,
// plain HTTP answers, and the control API's JSON.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace tiktok_aigc::mock {

// An answer the handlers build; the dispatcher writes it, journals it and logs it.
struct Answer {
  int http_status = 200;
  std::optional<int> code;  // set for envelope answers
  std::string message;      // the envelope's message, or a plain answer's text
  std::string request_id;
  std::string body;
  std::string content_type = "application/json";
};

// Appends `text` as a JSON string. Written by hand rather than through a json tree: the
// video list's page, the largest answer, cost more to build as a tree than all else of
// its request. Invalid UTF-8 (messages may quote the caller's bytes) is replaced, as
// json::dump does with error_handler_t::replace.
void append_json_string(std::string& out, std::string_view text);

// The envelope around `data`, already JSON text.
Answer envelope_around(const std::string& request_id, int code, const std::string& message,
                       const std::string& data);
Answer envelope(const std::string& request_id, int code, const std::string& message,
                const nlohmann::json& data = nlohmann::json::object());
Answer plain(int http_status, const std::string& text,
             const std::string& content_type = "text/plain; charset=utf-8");
Answer control_json(const nlohmann::json& body, int http_status = 200);
Answer control_error(const std::string& message);

// httplib ends a connection whose content provider fails: the provider writes the whole
// answer, then fails, so what was left unread on the connection is never taken for a request.
void answer_then_close(httplib::Response& res, const std::string& body, const std::string& content_type);

}  // namespace tiktok_aigc::mock
