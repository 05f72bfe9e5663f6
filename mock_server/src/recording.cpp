#include "recording.hpp"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <stdexcept>

#include "raw_query.hpp"

namespace tiktok_aigc::mock::recording {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string replace_all(std::string text, const std::string& what, const std::string& with) {
  if (what.empty()) return text;
  for (std::size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + with.size())) {
    text.replace(at, what.size(), with);
  }
  return text;
}

// Strings under secret-like keys become "[SCRUBBED]"; secrets in any string or key too.
json scrub_value(const json& value, const std::vector<std::string>& secrets, bool secret_key) {
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [key, item] : value.items()) {
      out[replace_secrets(key, secrets)] = scrub_value(item, secrets, is_secret_key(key));
    }
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) out.push_back(scrub_value(item, secrets, secret_key));
    return out;
  }
  if (value.is_string()) {
    return secret_key ? json(kScrubbed) : json(replace_secrets(value.get<std::string>(), secrets));
  }
  return value;
}

std::string show(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

void diff_values(const json& recorded, const json& got, const std::string& path,
                 std::vector<std::string>& out) {
  const auto where = [&](const std::string& key) { return path.empty() ? key : path + "." + key; };
  if (recorded.is_object() && got.is_object()) {
    for (const auto& [key, item] : recorded.items()) {
      if (!got.contains(key)) {
        out.push_back("body " + where(key) + ": recorded " + show(item) + ", got (absent)");
      } else {
        diff_values(item, got.at(key), where(key), out);
      }
    }
    for (const auto& [key, item] : got.items()) {
      if (!recorded.contains(key)) {
        out.push_back("body " + where(key) + ": recorded (absent), got " + show(item));
      }
    }
    return;
  }
  if (recorded.is_array() && got.is_array() && recorded.size() == got.size()) {
    for (std::size_t i = 0; i < recorded.size(); ++i) {
      diff_values(recorded[i], got[i], path + "[" + std::to_string(i) + "]", out);
    }
    return;
  }
  if (recorded != got) {
    out.push_back("body " + (path.empty() ? std::string("(whole)") : path) + ": recorded " +
                  show(recorded) + ", got " + show(got));
  }
}

std::map<std::string, std::vector<std::string>> by_name(const QueryPairs& pairs) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [name, value] : pairs) out[name].push_back(value);
  for (auto& entry : out) std::sort(entry.second.begin(), entry.second.end());
  return out;
}

std::string show_values(const std::vector<std::string>& values) {
  if (values.empty()) return "(absent)";
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "" : " | ") + value;
  return out;
}

}  // namespace

json to_json(const Exchange& exchange) {
  json query = json::array();
  for (const auto& [name, value] : exchange.query) query.push_back({name, value});
  json line = json::object();
  line["method"] = exchange.method;
  line["path"] = exchange.path;
  line["query"] = std::move(query);
  line["request_body"] = exchange.request_body;
  line["status"] = exchange.status;
  line["response_body"] = exchange.response_body;
  return line;
}

Exchange exchange_from_json(const json& line) {
  try {
    Exchange exchange;
    exchange.method = line.at("method").get<std::string>();
    exchange.path = line.at("path").get<std::string>();
    for (const auto& pair : line.at("query")) {
      if (!pair.is_array() || pair.size() != 2) throw std::invalid_argument("query: not a pair");
      exchange.query.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
    }
    exchange.request_body = line.value("request_body", json());
    exchange.status = line.at("status").get<int>();
    exchange.response_body = line.at("response_body");
    return exchange;
  } catch (const json::exception& e) {
    throw std::invalid_argument(e.what());
  }
}

std::vector<Exchange> load(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read the recording " + file);
  std::vector<Exchange> out;
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    const json line = json::parse(text, nullptr, false);
    if (line.is_discarded()) {
      throw std::runtime_error(file + ":" + std::to_string(number) + ": not JSON");
    }
    try {
      out.push_back(exchange_from_json(line));
    } catch (const std::exception& e) {
      throw std::runtime_error(file + ":" + std::to_string(number) + ": " + e.what());
    }
  }
  return out;
}

json body_value(const std::string& body) {
  if (body.empty()) return nullptr;
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) return body;
  return parsed;
}

bool is_secret_key(const std::string& key) {
  std::string name = lower(key);
  std::replace(name.begin(), name.end(), '-', '_');
  static const char* const kNames[] = {"access_token",  "token",         "secret",
                                       "password",      "authorization", "app_secret",
                                       "refresh_token", "client_secret"};
  for (const char* secret : kNames) {
    if (name == secret) return true;
  }
  return ends_with(name, "_token") || ends_with(name, "_secret") || ends_with(name, "_password");
}

std::vector<std::string> secret_texts(const std::vector<std::string>& secrets) {
  std::vector<std::string> texts;
  for (const auto& secret : secrets) {
    // Shorter than kMinSecretLength it is no real secret (TikTok's tokens are 40 hex
    // digits), and replacing, say, every "t" would garble the recording.
    if (secret.size() < kMinSecretLength) continue;
    texts.push_back(secret);
    // As it appears once URL-encoded, e.g. in an echoed query string.
    const std::string encoded = httplib::detail::encode_query_param(secret);
    if (encoded != secret) texts.push_back(encoded);
  }
  return texts;
}

std::string replace_secrets(std::string text, const std::vector<std::string>& texts) {
  for (const auto& secret : texts) text = replace_all(std::move(text), secret, kScrubbed);
  return text;
}

namespace {

// Whether a parameter name of `raw_query` may be secret-like, without decoding or copying
// anything: every secret-like name holds one of these words, and a name with an escape
// (%XX, +) is left to the full check. The journal asks on every request.
bool may_name_a_secret(const std::string& raw_query) {
  static const std::string_view kWords[] = {"token", "secret", "password", "authorization"};
  const auto same = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == static_cast<unsigned char>(b);
  };
  bool may = false;
  for_each_raw_param(raw_query, [&](std::string_view name, std::string_view) {
    may = may || name.find_first_of("%+") != std::string_view::npos ||
          std::any_of(std::begin(kWords), std::end(kWords), [&](std::string_view word) {
            return std::search(name.begin(), name.end(), word.begin(), word.end(), same) !=
                   name.end();
          });
  });
  return may;
}

}  // namespace

std::vector<std::string> secret_query_values(const std::string& raw_query) {
  if (!may_name_a_secret(raw_query)) return {};
  std::vector<std::string> values;
  for (const auto& [name, value] : parse_query(raw_query)) {
    if (is_secret_key(name) && !value.empty()) values.push_back(value);
  }
  return values;
}

std::string scrub_query(const std::string& raw_query, const std::vector<std::string>& texts) {
  if (!may_name_a_secret(raw_query)) return replace_secrets(raw_query, texts);
  // The values of secret-like parameters, as ranges of raw_query, replaced last first so
  // that the earlier ranges stay where they are; all else stays as received.
  std::vector<std::pair<std::size_t, std::size_t>> values;
  for_each_raw_param(raw_query, [&](std::string_view name, std::string_view value) {
    const auto equals = name.data() + name.size();
    if (equals != raw_query.data() + raw_query.size() && *equals == '=' &&
        is_secret_key(httplib::detail::decode_url(std::string(name), true))) {
      values.emplace_back(static_cast<std::size_t>(value.data() - raw_query.data()), value.size());
    }
  });
  std::string out = raw_query;
  for (auto range = values.rbegin(); range != values.rend(); ++range) {
    out.replace(range->first, range->second, kScrubbed);
  }
  return replace_secrets(std::move(out), texts);
}

void scrub(Exchange& exchange, const std::vector<std::string>& secrets) {
  const std::vector<std::string> texts = secret_texts(secrets);
  exchange.path = replace_secrets(exchange.path, texts);
  for (auto& [name, value] : exchange.query) {
    value = is_secret_key(name) ? std::string(kScrubbed) : replace_secrets(value, texts);
    name = replace_secrets(name, texts);
  }
  exchange.request_body = scrub_value(exchange.request_body, texts, false);
  exchange.response_body = scrub_value(exchange.response_body, texts, false);
}

std::string scrubbed_line(Exchange exchange, const std::vector<std::string>& secrets) {
  scrub(exchange, secrets);
  // The fields in the documented order (json would sort them).
  const json plain = to_json(exchange);
  nlohmann::ordered_json ordered;
  for (const char* key : {"method", "path", "query", "request_body", "status", "response_body"}) {
    ordered[key] = plain.at(key);
  }
  std::string line = ordered.dump(-1, ' ', false, json::error_handler_t::replace);
  // A token made of digits alone could still hide in a number: the last net is textual.
  for (const auto& secret : secrets) {
    if (secret.size() >= kMinSecretLength && line.find(secret) != std::string::npos) {
      line = replace_all(std::move(line), secret, kScrubbed);
    }
  }
  return line;
}

std::vector<std::string> find_secrets(const std::string& line) {
  std::vector<std::string> found;
  static const std::regex header(R"(access[-_]token["']?\s*[:=]\s*["']?([^\s"',\]}]+))",
                                 std::regex::icase);
  for (auto it = std::sregex_iterator(line.begin(), line.end(), header);
       it != std::sregex_iterator(); ++it) {
    const std::string value = (*it)[1].str();
    if (value != kScrubbed && value != "[SCRUBBED" && value != "null") {
      found.push_back("an Access-Token with a value: " + it->str());
    }
  }
  const json parsed = json::parse(line, nullptr, false);
  if (parsed.is_discarded()) {
    found.push_back("not JSON");
    return found;
  }
  static const std::regex token_like(R"([A-Za-z0-9_\-\.=+/]{21,})");
  const auto check = [&](const std::string& where, const json& value) {
    if (value.is_null() || value == kScrubbed) return;
    if (value.is_string() && std::regex_match(value.get<std::string>(), token_like)) {
      found.push_back(where + ": a token-like string of " +
                      std::to_string(value.get<std::string>().size()) + " characters");
    } else {
      found.push_back(where + ": holds " + show(value) + " instead of \"[SCRUBBED]\"");
    }
  };
  // Query pairs under a secret-like name.
  if (parsed.is_object() && parsed.contains("query") && parsed["query"].is_array()) {
    for (const auto& pair : parsed["query"]) {
      if (pair.is_array() && pair.size() == 2 && pair[0].is_string() &&
          is_secret_key(pair[0].get<std::string>())) {
        check("query " + pair[0].get<std::string>(), pair[1]);
      }
    }
  }
  // Every value under a secret-like key, at any depth.
  std::vector<std::pair<std::string, const json*>> stack{{"", &parsed}};
  while (!stack.empty()) {
    const auto [where, value] = stack.back();
    stack.pop_back();
    if (value->is_object()) {
      for (const auto& [key, item] : value->items()) {
        const std::string at = where.empty() ? key : where + "." + key;
        if (is_secret_key(key) && !item.is_object() && !item.is_array()) {
          check(at, item);
        } else if (is_secret_key(key) && item.is_array()) {
          for (const auto& element : item) check(at + "[]", element);
        } else {
          stack.emplace_back(at, &item);
        }
      }
    } else if (value->is_array()) {
      for (const auto& item : *value) stack.emplace_back(where + "[]", &item);
    }
  }
  return found;
}

std::vector<std::string> differences(const Exchange& recorded, const Exchange& got) {
  std::vector<std::string> out;
  if (recorded.method != got.method) {
    out.push_back("method: recorded " + recorded.method + ", got " + got.method);
  }
  if (recorded.path != got.path)
    out.push_back("path: recorded " + recorded.path + ", got " + got.path);
  const auto recorded_query = by_name(recorded.query);
  const auto got_query = by_name(got.query);
  std::map<std::string, bool> names;
  for (const auto& entry : recorded_query) names[entry.first] = true;
  for (const auto& entry : got_query) names[entry.first] = true;
  for (const auto& entry : names) {
    const auto r = recorded_query.find(entry.first);
    const auto g = got_query.find(entry.first);
    const std::vector<std::string> none;
    const auto& rv = r == recorded_query.end() ? none : r->second;
    const auto& gv = g == got_query.end() ? none : g->second;
    if (rv != gv) {
      out.push_back("query " + entry.first + ": recorded " + show_values(rv) + ", got " +
                    show_values(gv));
    }
  }
  diff_values(recorded.request_body, got.request_body, "", out);
  return out;
}

bool matches(const Exchange& recorded, const Exchange& got) {
  return differences(recorded, got).empty();
}

Writer::Writer(const std::string& file) : out_(file, std::ios::app) {
  if (!out_) throw std::runtime_error("cannot write the recording " + file);
}

void Writer::append(const Exchange& exchange, const std::vector<std::string>& secrets) {
  const std::string line = scrubbed_line(exchange, secrets);
  std::lock_guard<std::mutex> lock(mutex_);
  out_ << line << '\n';
  out_.flush();
}

}  // namespace tiktok_aigc::mock::recording
