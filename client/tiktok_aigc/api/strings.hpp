// Text as the API counts and checks it: UTF-8, lengths in characters, URLs, and values
// quoted back in messages. Shared by the rule checks of the client and the mock.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tiktok_aigc/json_dependency.hpp"

namespace tiktok_aigc::api::strings {

// Strict UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
inline bool is_valid_utf8(std::string_view text) {
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
inline bool is_valid_utf8_json(const nlohmann::json& value) {
  if (value.is_string()) return is_valid_utf8(value.get_ref<const std::string&>());
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!is_valid_utf8(it.key()) || !is_valid_utf8_json(it.value())) return false;
    }
  }
  if (value.is_array()) {
    for (const auto& item : value) {
      if (!is_valid_utf8_json(item)) return false;
    }
  }
  return true;
}

// Lengths are in Unicode characters: every byte that does not continue a sequence.
inline std::size_t utf8_length(std::string_view text) {
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

// A value quoted back in a message: its JSON text, cut to at most 57 bytes of whole
// characters and "..." when longer than 60.
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
inline std::size_t after_http_scheme(std::string_view url) {
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
std::size_t span_of(std::string_view text, std::size_t from, Accept&& accept) {
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
inline constexpr std::size_t kMaxUrlLength = 2048;

inline bool is_http_url(std::string_view url) {
  if (url.size() > kMaxUrlLength) return false;
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
  static constexpr std::string_view kPathSymbols = "-._~!$&'()*+,;=:@/%";
  const auto path_char = [](char c) { return is_alnum_ascii(c) || kPathSymbols.find(c) != std::string_view::npos; };
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
inline std::string url_path(std::string_view url) {
  std::size_t i = after_http_scheme(url);
  if (i == std::string::npos) return std::string(url);
  // Host: "[...]" when bracketed, else up to the first of "/:?#" (at least one character).
  const std::size_t close = url[i] == '[' ? url.find(']', i + 1) : std::string::npos;
  if (close != std::string::npos && close > i + 1) {
    i = close + 1;
  } else {
    const std::size_t length =
        span_of(url, i, [](char c) { return c != '/' && c != ':' && c != '?' && c != '#'; });
    if (length == 0) return std::string(url);
    i += length;
  }
  // A port: up to five digits after ':' (a ':' without digits stays in the path).
  if (i < url.size() && url[i] == ':') {
    const std::size_t digits = span_of(url, i + 1, [](char c) { return c >= '0' && c <= '9'; });
    if (digits > 0) i += 1 + std::min<std::size_t>(digits, 5);
  }
  const std::string_view target = url.substr(i, url.find('#', i) - i);
  return target.empty() ? "/" : std::string(target.substr(0, target.find('?')));
}

// Whether the URL's path ends in one of `extensions` (lower case, with the dot), in any case.
inline bool path_has_extension(std::string_view url, const std::vector<std::string>& extensions) {
  std::string path = url_path(url);
  for (char& c : path) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (const std::string& ext : extensions) {
    if (path.size() >= ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace tiktok_aigc::api::strings
