#include "answers.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>

#include "utf8.hpp"

namespace tiktok_aigc::mock {

using nlohmann::json;

void append_json_string(std::string& out, std::string_view text) {
  std::string valid;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    valid = to_valid_utf8(text);
    text = valid;
  }
  out += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  out += '"';
}

Answer envelope_around(const std::string& request_id, int code, const std::string& message,
                       const std::string& data) {
  Answer answer;
  answer.code = code;
  answer.message = message;
  answer.request_id = request_id;
  answer.body = "{\"code\":" + std::to_string(code) + ",\"data\":" + data + ",\"message\":";
  append_json_string(answer.body, message);
  answer.body += ",\"request_id\":";
  append_json_string(answer.body, request_id);
  answer.body += '}';
  return answer;
}

Answer envelope(const std::string& request_id, int code, const std::string& message,
                const json& data) {
  return envelope_around(request_id, code, message,
                         data.dump(-1, ' ', false, json::error_handler_t::replace));
}

Answer plain(int http_status, const std::string& text,
             const std::string& content_type) {
  Answer answer;
  answer.http_status = http_status;
  answer.body = text;
  answer.content_type = content_type;
  if (content_type.rfind("text/", 0) == 0) answer.message = text;
  return answer;
}

Answer control_json(const json& body, int http_status) {
  Answer answer;
  answer.http_status = http_status;
  answer.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return answer;
}

Answer control_error(const std::string& message) { return control_json({{"error", message}}, 400); }

void answer_then_close(httplib::Response& res, const std::string& body,
                       const std::string& content_type) {
  res.set_header("Connection", "close");
  auto shared = std::make_shared<const std::string>(body);
  res.set_content_provider(shared->size(), content_type,
                           [shared](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             sink.write(shared->data() + offset, length);
                             return false;
                           });
}

}  // namespace tiktok_aigc::mock
