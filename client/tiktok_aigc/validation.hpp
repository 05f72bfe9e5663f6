// Client-side checks of every documented request rule, before anything is sent.
//
//   if (std::optional<Status> problem = check(request)) { ... problem->message ... }
//
// A violation is a Status of category invalid_argument with the api_code and the message
// the API (as the project's mock implements the documents) answers for the same request:
// the same field paths, wording and first-violation order, so a caller sees one text
// whether a rule was caught here or by the server. api_code is 40002, except 40011 for
// too many ids (task_ids, video_id_list) and 40908 for an upload URL without a video
// extension. Rules the typed model cannot break (JSON types) are not checked.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tiktok_aigc/dependencies.hpp"
#include "tiktok_aigc/enums.hpp"
#include "tiktok_aigc/model.hpp"
#include "tiktok_aigc/status.hpp"

namespace tiktok_aigc {

namespace detail::rules {

inline constexpr int kParamError = 40002;     // a parameter breaks a documented rule
inline constexpr int kIdLimitExceed = 40011;  // too many ids in one request
inline constexpr int kFileTypeError = 40908;  // upload: not a supported video format

// Strict UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
inline bool is_valid_utf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    unsigned long code_point = 0;
    unsigned long minimum = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2, code_point = lead & 0x1Fu, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, code_point = lead & 0x0Fu, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, code_point = lead & 0x07u, minimum = 0x10000;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3Fu);
    }
    if (code_point < minimum || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

// Every string (and key) of a JSON value is valid UTF-8.
inline bool is_valid_utf8(const nlohmann::json& value) {
  if (value.is_string()) return is_valid_utf8(value.get_ref<const std::string&>());
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!is_valid_utf8(it.key()) || !is_valid_utf8(it.value())) return false;
    }
  }
  if (value.is_array()) {
    for (const auto& item : value) {
      if (!is_valid_utf8(item)) return false;
    }
  }
  return true;
}

// Lengths are in Unicode characters: every byte that does not continue a sequence.
inline std::size_t utf8_length(const std::string& text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

inline std::string join(const std::vector<std::string>& values, const char* separator) {
  std::string out;
  for (const auto& value : values) {
    if (!out.empty()) out += separator;
    out += value;
  }
  return out;
}

// A value quoted back in a message as the API does: its JSON text, cut to at most 57
// bytes of whole characters and "..." when longer than 60.
inline std::string quote(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() <= 60) return text;
  std::size_t cut = 57;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

// URLs are scanned by hand rather than with std::regex: instantiating <regex> cost every
// translation unit that includes the client 2.5 s of compile time (of 6.5 s).

// Where the authority of an http(s) URL starts (after "http://" or "https://", the scheme in
// any case), or npos when `url` has no such scheme.
inline std::size_t after_http_scheme(const std::string& url) {
  const auto lower = [&url](std::size_t i) {
    const char c = url[i];
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  };
  if (url.size() < 7 || lower(0) != 'h' || lower(1) != 't' || lower(2) != 't' || lower(3) != 'p') {
    return std::string::npos;
  }
  std::size_t i = 4;
  if (lower(i) == 's') ++i;
  return url.compare(i, 3, "://") == 0 ? i + 3 : std::string::npos;
}

// How many characters from `from` satisfy `accept`.
template <typename Accept>
std::size_t span_of(const std::string& text, std::size_t from, Accept&& accept) {
  std::size_t i = from;
  while (i < text.size() && accept(text[i])) ++i;
  return i - from;
}

inline bool is_alnum_ascii(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
inline bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// An absolute http(s) URL as a browser sends it: host, optional port, path, query and
// fragment of unreserved, reserved and %XX characters only (spaces must be %20), at most
// 2048 characters.
inline bool is_http_url(const std::string& url) {
  if (url.size() > 2048) return false;
  std::size_t i = after_http_scheme(url);
  if (i == std::string::npos) return false;
  // Host: a name or an IPv4 address, or an IPv6 address in brackets.
  if (i < url.size() && url[i] == '[') {
    const std::size_t length =
        span_of(url, i + 1, [](char c) { return is_hex_digit(c) || c == ':' || c == '.'; });
    if (length == 0 || i + 1 + length >= url.size() || url[i + 1 + length] != ']') return false;
    i += length + 2;
  } else {
    const std::size_t length =
        span_of(url, i, [](char c) { return is_alnum_ascii(c) || c == '.' || c == '-'; });
    if (length == 0) return false;
    i += length;
  }
  if (i < url.size() && url[i] == ':') {
    const std::size_t digits = span_of(url, i + 1, [](char c) { return c >= '0' && c <= '9'; });
    if (digits == 0 || digits > 5) return false;
    i += 1 + digits;
  }
  static const std::string kPathSymbols = "-._~!$&'()*+,;=:@/%";
  const auto path_char = [](char c) { return is_alnum_ascii(c) || kPathSymbols.find(c) != std::string::npos; };
  const auto query_char = [&path_char](char c) { return path_char(c) || c == '?'; };
  if (i < url.size() && url[i] == '/') i += 1 + span_of(url, i + 1, path_char);
  if (i < url.size() && url[i] == '?') i += 1 + span_of(url, i + 1, query_char);
  if (i < url.size() && url[i] == '#') i += 1 + span_of(url, i + 1, query_char);
  if (i != url.size()) return false;
  for (std::size_t at = url.find('%'); at != std::string::npos; at = url.find('%', at + 1)) {
    if (at + 2 >= url.size() || !is_hex_digit(url[at + 1]) || !is_hex_digit(url[at + 2])) return false;
  }
  return true;
}

// The path of an http(s) URL (without query and fragment; "/" when it has none), as
// written; the whole text when it is not such a URL.
inline std::string url_path(const std::string& url) {
  std::size_t i = after_http_scheme(url);
  if (i == std::string::npos) return url;
  // Host: "[...]" when bracketed, else up to the first of "/:?#" (at least one character).
  const std::size_t close = url[i] == '[' ? url.find(']', i + 1) : std::string::npos;
  if (close != std::string::npos && close > i + 1) {
    i = close + 1;
  } else {
    const std::size_t length =
        span_of(url, i, [](char c) { return c != '/' && c != ':' && c != '?' && c != '#'; });
    if (length == 0) return url;
    i += length;
  }
  // A port: up to five digits after ':' (a ':' without digits stays in the path).
  if (i < url.size() && url[i] == ':') {
    const std::size_t digits = span_of(url, i + 1, [](char c) { return c >= '0' && c <= '9'; });
    if (digits > 0) i += 1 + std::min<std::size_t>(digits, 5);
  }
  const std::string target = url.substr(i, url.find('#', i) - i);
  return target.empty() ? "/" : target.substr(0, target.find('?'));
}

// The documented video formats, by the extension of the URL's path (case-insensitive).
inline bool has_video_extension(const std::string& url) {
  std::string path = url_path(url);
  for (char& c : path) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (const char* extension : {".mp4", ".mov", ".mpeg", ".avi"}) {
    const std::string ext = extension;
    if (path.size() >= ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0) {
      return true;
    }
  }
  return false;
}

// Applies rules in order and keeps the first violation; after one, every call is a no-op,
// except that when the first violation is a missing field, every later missing field is
// added to its message, so that one answer names them all. Paths are the fields' JSON paths,
// conditions the documents' ("aigc_video_type is AVATAR_PRODUCT"). "Required" means
// present, not null and, for strings and lists, not empty; in the typed model a
// std::optional that is set, or a plain member, is present.
class Checker {
 public:
  std::optional<Status> result() const { return result_; }

  void fail(int api_code, std::string message) {
    if (result_) return;
    Status status;
    status.category = ErrorCategory::invalid_argument;
    status.api_code = api_code;
    status.message = std::move(message);
    result_ = std::move(status);
  }
  void invalid(const std::string& path, const std::string& rule, int api_code = kParamError) {
    fail(api_code, path + ": " + rule);
  }

  // ---- presence ----

  void missing(const std::string& path, const std::string& required_when = {}) {
    const std::string field =
        path + (required_when.empty() ? "" : " (required when " + required_when + ")");
    if (collecting_missing_) {
      result_->message += ", " + field;
    } else if (!result_) {
      fail(kParamError, "Missing required field(s): " + field);
      collecting_missing_ = true;
    }
  }
  void not_supported(const std::string& path, const std::string& when) {
    invalid(path, "not supported when " + when);
  }
  void not_empty(const std::string& path, const std::string& value) {
    if (value.empty()) invalid(path, "must not be empty");
  }

  // ---- strings ----

  void required_text(const std::string& path, const std::string& value,
                     std::optional<std::size_t> max_chars = std::nullopt) {
    not_empty(path, value);
    text(path, value, max_chars);
  }
  void optional_text(const std::string& path, const std::optional<std::string>& value,
                     std::optional<std::size_t> max_chars = std::nullopt) {
    if (value) text(path, *value, max_chars);
  }
  template <typename Enum>
  void required_enum(const std::string& path, const Enum& value) {
    not_empty(path, value.wire());
    enumeration(path, value);
  }
  template <typename Enum>
  void optional_enum(const std::string& path, const std::optional<Enum>& value) {
    if (value) enumeration(path, *value);
  }
  void required_url(const std::string& path, const std::string& value) {
    not_empty(path, value);
    url(path, value);
  }
  void optional_currency(const std::string& path, const std::optional<std::string>& value) {
    if (!value) return;
    const std::string& code = *value;
    bool ok = code.size() == 3;
    for (const char c : code) ok = ok && c >= 'A' && c <= 'Z';
    if (!ok)
      invalid(path, "must be an ISO 4217 code of three upper-case letters, got " + quote(code));
  }

  // ---- numbers ----

  void optional_integer(const std::string& path, const std::optional<int>& value, long long min,
                        long long max) {
    if (value && (*value < min || *value > max)) {
      invalid(path, "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                        ", got " + std::to_string(*value));
    }
  }
  // A price: a number >= 0. NaN and infinities have no JSON form (they would be sent as
  // null, i.e. as no price), so they are refused here.
  void optional_price(const std::string& path, const std::optional<double>& value) {
    if (!value) return;
    if (!std::isfinite(*value)) {
      invalid(path, "must be a finite number, got " + std::to_string(*value));
    } else if (*value < 0) {
      invalid(path, "must be at least 0, got " + quote(*value));
    }
  }

  // ---- lists ----

  // A list that is present: "must not be empty" when required, then its size (too many
  // first, with too_many_code), then each item with check_item(item, "path[i]").
  template <typename Item, typename CheckItem>
  void list(const std::string& path, const std::vector<Item>& items, bool required,
            std::optional<std::size_t> min_items, std::optional<std::size_t> max_items,
            CheckItem&& check_item, int too_many_code = kParamError) {
    if (stopped()) return;
    if (required && items.empty()) return invalid(path, "must not be empty");
    const std::string got = ", got " + std::to_string(items.size());
    if (max_items && items.size() > *max_items) {
      invalid(path, size_text(min_items, max_items) + got, too_many_code);
    } else if (min_items && items.size() < *min_items) {
      invalid(path, size_text(min_items, max_items) + got);
    }
    for (std::size_t i = 0; i < items.size() && !stopped(); ++i) {
      check_item(items[i], path + "[" + std::to_string(i) + "]");
    }
  }
  // Items of lists: free text, URLs, enum values.
  void text_item(const std::string& value, const std::string& path) { not_empty(path, value); }
  template <typename Enum>
  void enum_item(const Enum& value, const std::string& path) {
    enumeration(path, value);
  }
  // An object's lists together: "a and b must hold at most N items in all".
  void total_items(const std::string& path, const std::vector<std::string>& names,
                   std::size_t total, std::size_t max_items) {
    if (total > max_items) {
      invalid(path, join(names, " and ") + " must hold at most " + std::to_string(max_items) +
                        " items in all, got " + std::to_string(total));
    }
  }

 private:
  void text(const std::string& path, const std::string& value,
            std::optional<std::size_t> max_chars) {
    if (!max_chars) return;
    const std::size_t length = utf8_length(value);
    if (length > *max_chars) {
      invalid(path, "must be at most " + std::to_string(*max_chars) + " characters, got " +
                        std::to_string(length));
    }
  }
  template <typename Enum>
  void enumeration(const std::string& path, const Enum& value) {
    if (!value.is_known()) {
      invalid(path, "must be one of " + join(Enum::known_values(), ", ") + ", got " +
                        quote(value.wire()));
    }
  }
  void url(const std::string& path, const std::string& value) {
    if (!is_http_url(value)) {
      invalid(path,
              "must be an absolute http(s) URL with every space and special character "
              "percent-encoded, got " +
                  quote(value));
    }
  }
  static std::string size_text(std::optional<std::size_t> min_items,
                               std::optional<std::size_t> max_items) {
    const auto items = [](std::size_t n) { return std::to_string(n) + (n == 1 ? " item" : " items"); };
    if (min_items && max_items) {
      return "must hold between " + std::to_string(*min_items) + " and " +
             std::to_string(*max_items) + " items";
    }
    if (min_items) return "must hold at least " + items(*min_items);
    return "must hold at most " + items(*max_items);
  }

  // Nothing more to find: a violation other than a missing field has been kept.
  bool stopped() const { return result_ && !collecting_missing_; }

  std::optional<Status> result_;
  bool collecting_missing_ = false;
};

inline Status invalid_utf8(const char* where) {
  Status status;
  status.category = ErrorCategory::invalid_argument;
  status.api_code = kParamError;
  status.message = where;
  return status;
}

inline constexpr bool kRequired = true;
inline constexpr bool kOptional = false;

}  // namespace detail::rules

// ---------------------------------------------------------------------------------------
// The rules, one block per request, in the documents' order.
// ---------------------------------------------------------------------------------------

inline std::optional<Status> check(const UploadVideoRequest& request) {
  using namespace detail::rules;  // NOLINT: function scope only
  if (!is_valid_utf8(to_body(request))) return invalid_utf8("body: must be valid UTF-8");
  Checker rules;
  rules.required_enum("upload_type", request.upload_type);
  rules.required_enum("use_scenario", request.use_scenario);
  // Required when upload_type is UPLOAD_BY_URL, the only upload type; always sent.
  rules.required_url("video_url", request.video_url);
  if (auto problem = rules.result()) return problem;
  // Format: .mp4, .mov, .mpeg, .avi (answered 40908 by the API).
  if (!has_video_extension(request.video_url)) {
    rules.fail(kFileTypeError,
               "video_url: the file must be .mp4, .mov, .mpeg or .avi, and the "
               "URL's path \"" +
                   url_path(request.video_url) + "\" has none of these extensions");
  }
  return rules.result();
}

inline std::optional<Status> check(const CreateVideoTaskRequest& request) {
  using namespace detail::rules;  // NOLINT: function scope only
  if (!is_valid_utf8(to_body(request))) return invalid_utf8("body: must be valid UTF-8");
  const ProductVideoInfo& info = request.product_video_info;
  const AigcVideoType& type = request.aigc_video_type;
  // Quirk 2: the documents' "video_generation_type" is aigc_video_type.
  const bool avatar = type == AigcVideoType::avatar_product();
  const bool with_voice = avatar || type == AigcVideoType::voiceover();
  const bool with_stock =
      type == AigcVideoType::stock_video() || type == AigcVideoType::voiceover();
  const std::string pvi = "product_video_info";
  Checker rules;

  rules.required_enum("aigc_video_type", type);
  // product_video_info: required for every type; always sent.
  rules.optional_integer(pvi + ".video_generation_count", info.video_generation_count, 1, 5);
  if (with_voice) rules.optional_enum(pvi + ".target_language", info.target_language);
  rules.list(pvi + ".product_info_list", info.product_info_list, kRequired, 1, 1,
             [&](const VideoProductInfo& product, const std::string& at) {
               rules.required_text(at + ".source_language", product.source_language);
               rules.required_text(at + ".product_name", product.product_name, 500);
               rules.required_text(at + ".title", product.title, 500);
               rules.required_text(at + ".description", product.description, 300);
               rules.list(at + ".selling_points", product.selling_points, kRequired, 1, 10,
                          [&](const std::string& point, const std::string& point_at) {
                            rules.text_item(point, point_at);
                          });
               rules.optional_text(at + ".brand", product.brand, 100);
               rules.optional_price(at + ".price", product.price);
               rules.optional_currency(at + ".currency", product.currency);
             });
  if (info.image_url_list) {
    // Invalid URLs are documented as unused, not refused: no syntax check.
    rules.list(pvi + ".input_image_list.image_url_list", *info.image_url_list, kRequired, 3, 30,
               [&](const std::string& url, const std::string& at) { rules.text_item(url, at); });
  } else if (avatar) {
    rules.missing(pvi + ".input_image_list", "aigc_video_type is AVATAR_PRODUCT");
  }
  if (info.video_id_list) {
    rules.list(
        pvi + ".input_video_list.video_id_list", *info.video_id_list, kRequired, 1, 20,
        [&](const std::string& id, const std::string& at) { rules.text_item(id, at); },
        kIdLimitExceed);
  } else if (with_stock) {
    rules.missing(pvi + ".input_video_list", "aigc_video_type is STOCK_VIDEO or VOICEOVER");
  }
  // avatar_info: ignored unless AVATAR_PRODUCT; avatar_id is required in it.
  if (avatar && info.avatar_id)
    rules.required_text(pvi + ".avatar_info.avatar_id", *info.avatar_id);
  return rules.result();
}

inline std::optional<Status> check(const VideoTaskQuery& query) {
  using namespace detail::rules;  // NOLINT: function scope only
  bool utf8 = is_valid_utf8(query.aigc_video_type.wire());
  for (const auto& id : query.task_ids) utf8 = utf8 && is_valid_utf8(id);
  if (!utf8) return invalid_utf8("query: parameters must be valid UTF-8");
  Checker rules;
  rules.list(
      "task_ids", query.task_ids, kRequired, 1, 5,
      [&](const std::string& id, const std::string& at) { rules.text_item(id, at); },
      kIdLimitExceed);
  // Optional in the API, always sent by the client (quirk 6).
  rules.optional_enum("aigc_video_type", std::optional<AigcVideoType>(query.aigc_video_type));
  return rules.result();
}

inline std::optional<Status> check(const VideoListQuery& query) {
  using namespace detail::rules;  // NOLINT: function scope only
  bool utf8 = true;
  for (const auto& type : query.aigc_video_types) utf8 = utf8 && is_valid_utf8(type.wire());
  if (!utf8) return invalid_utf8("query: parameters must be valid UTF-8");
  Checker rules;
  // Optional in the API, always sent by the client (quirk 6).
  rules.list("aigc_video_types", query.aigc_video_types, kOptional, 1, std::nullopt,
             [&](const AigcVideoType& type, const std::string& at) { rules.enum_item(type, at); });
  rules.optional_integer("page", query.page, 1, 2147483647);  // >= 1; the API's int32
  rules.optional_integer("page_size", query.page_size, 1, 100);
  return rules.result();
}

inline std::optional<Status> check(const CreateScriptTaskRequest& request) {
  using namespace detail::rules;  // NOLINT: function scope only
  if (!is_valid_utf8(to_body(request))) return invalid_utf8("body: must be valid UTF-8");
  const bool product = request.script_source == ScriptSource::product();
  const bool custom = request.script_source == ScriptSource::custom();
  Checker rules;

  rules.required_enum("script_source", request.script_source);
  // custom_prompt: required for CUSTOM, not supported for PRODUCT; at most 3000 characters.
  if (request.custom_prompt && product) {
    rules.not_supported("custom_prompt", "script_source is PRODUCT");
  } else if (request.custom_prompt) {
    if (custom) rules.not_empty("custom_prompt", *request.custom_prompt);
    rules.optional_text("custom_prompt", request.custom_prompt, 3000);
  } else if (custom) {
    rules.missing("custom_prompt", "script_source is CUSTOM");
  }
  // video_duration: optional for PRODUCT, not supported for CUSTOM.
  if (request.video_duration && custom)
    rules.not_supported("video_duration", "script_source is CUSTOM");
  rules.optional_enum("video_duration", request.video_duration);
  // product_info: required for PRODUCT, optional for CUSTOM.
  if (const auto& info = request.product_info) {
    rules.required_text("product_info.name", info->name, 300);
    rules.optional_text("product_info.brand", info->brand, 100);
    rules.optional_price("product_info.price", info->price);
    rules.optional_currency("product_info.currency", info->currency);
    rules.required_text("product_info.description", info->description, 500);
    rules.list(
        "product_info.selling_points", info->selling_points, kOptional, std::nullopt, 10,
        [&](const std::string& point, const std::string& at) { rules.text_item(point, at); });
  } else if (product) {
    rules.missing("product_info", "script_source is PRODUCT");
  }
  // media_list (top level, quirk 11): required with product_info; 20 items in all.
  if (const auto& media = request.media_list) {
    rules.list("media_list.image_url_list", media->image_url_list, kOptional, std::nullopt, 20,
               [&](const std::string& url, const std::string& at) { rules.text_item(url, at); });
    rules.list(
        "media_list.video_id_list", media->video_id_list, kOptional, std::nullopt, 20,
        [&](const std::string& id, const std::string& at) { rules.text_item(id, at); },
        kIdLimitExceed);
    rules.total_items("media_list", {"image_url_list", "video_id_list"},
                      media->image_url_list.size() + media->video_id_list.size(), 20);
  } else if (request.product_info) {
    rules.missing("media_list", "product_info is specified");
  }
  // script_info: optional for PRODUCT, not supported for CUSTOM. tone, style,
  // point_of_view and relevant_industry are free text (quirk 12).
  if (const auto& info = request.script_info) {
    if (custom) rules.not_supported("script_info", "script_source is CUSTOM");
    rules.optional_enum("script_info.script_language", info->script_language);
  }
  rules.optional_integer("script_generation_count", request.script_generation_count, 1, 8);
  return rules.result();
}

inline std::optional<Status> check(const ScriptTaskQuery& query) {
  using namespace detail::rules;  // NOLINT: function scope only
  if (!is_valid_utf8(query.task_id)) return invalid_utf8("query: parameters must be valid UTF-8");
  Checker rules;
  rules.required_text("task_id", query.task_id);
  return rules.result();
}

inline std::optional<Status> check(const ScriptListQuery& query) {
  using namespace detail::rules;  // NOLINT: function scope only
  Checker rules;
  rules.optional_integer("page", query.page, 1, 2147483647);  // >= 1; the API's int32
  rules.optional_integer("page_size", query.page_size, 1, 100);
  return rules.result();
}

}  // namespace tiktok_aigc
