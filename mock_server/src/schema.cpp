#include "schema.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <regex>

#include <httplib.h>

#include "return_codes.hpp"
#include "utf8.hpp"

namespace tiktok_aigc::mock {
namespace {

using nlohmann::json;

std::string join(const std::vector<std::string>& values, const char* separator) {
  std::string out;
  for (const auto& value : values) {
    if (!out.empty()) out += separator;
    out += value;
  }
  return out;
}

// A value short enough to quote back in an error message.
std::string quote(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 60) {
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole characters
    text = text.substr(0, cut) + "...";
  }
  return text;
}

ParamError invalid(const std::string& path, const std::string& rule) {
  return {codes::kParamError, path + ": " + rule};
}

bool is_empty(const json& value) {
  return (value.is_string() && value.get_ref<const std::string&>().empty()) ||
         (value.is_array() && value.empty());
}

// Browsers send these characters unescaped; anything else (spaces above all) must be %XX.
bool is_valid_http_url(const std::string& url) {
  static const std::regex pattern(
      R"(^https?://([A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*)?(\?[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*)?(#[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*)?$)",
      std::regex::icase);
  if (url.size() > 2048 || !std::regex_match(url, pattern)) return false;
  for (std::size_t i = url.find('%'); i != std::string::npos; i = url.find('%', i + 1)) {
    if (i + 2 >= url.size() || !std::isxdigit(static_cast<unsigned char>(url[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(url[i + 2]))) {
      return false;
    }
  }
  return true;
}

std::string type_name(ValueRule::Kind kind) {
  switch (kind) {
    case ValueRule::Kind::string:
      return "a string";
    case ValueRule::Kind::integer:
      return "an integer";
    case ValueRule::Kind::number:
      return "a number";
    case ValueRule::Kind::object:
      return "an object";
    case ValueRule::Kind::array:
      return "an array";
  }
  return "a value";
}

bool has_kind(const json& value, ValueRule::Kind kind) {
  switch (kind) {
    case ValueRule::Kind::string:
      return value.is_string();
    case ValueRule::Kind::integer:
      return value.is_number_integer();
    case ValueRule::Kind::number:
      return value.is_number();
    case ValueRule::Kind::object:
      return value.is_object();
    case ValueRule::Kind::array:
      return value.is_array();
  }
  return false;
}

std::string range_text(const ValueRule& rule) {
  auto number = [](double v) { return std::to_string(static_cast<long long>(v)); };
  if (rule.min && rule.max)
    return "must be between " + number(*rule.min) + " and " + number(*rule.max);
  if (rule.min) return "must be at least " + number(*rule.min);
  return "must be at most " + number(*rule.max);
}

std::string size_text(const ValueRule& rule) {
  const auto items = [](std::size_t n) { return std::to_string(n) + (n == 1 ? " item" : " items"); };
  if (rule.min_items && rule.max_items) {
    return "must hold between " + std::to_string(*rule.min_items) + " and " +
           std::to_string(*rule.max_items) + " items";
  }
  if (rule.min_items) return "must hold at least " + items(*rule.min_items);
  return "must hold at most " + items(*rule.max_items);
}

const std::string kMissingPrefix = "Missing required field(s): ";

// "path", or "path (required when aigc_video_type is AVATAR_PRODUCT)".
std::string missing_text(const FieldRule& field, const std::string& path) {
  if (field.presence != Presence::required_when) return path;
  return path + " (required when " + field.condition->describe() + ")";
}

bool is_required(const FieldRule& field, const json& root) {
  return field.presence == Presence::required ||
         (field.presence == Presence::required_when && field.condition->holds(root));
}

// Every required field missing from `value`, in document order, with no other rule checked:
// a message that names one missing field at a time would take a round trip per field.
void collect_missing(const ValueRule& rule, const json& value, const std::string& path,
                     const json& root, std::vector<std::string>& missing) {
  if (rule.kind == ValueRule::Kind::array && value.is_array() && rule.items) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      collect_missing(*rule.items, value[i], path + "[" + std::to_string(i) + "]", root, missing);
    }
  }
  if (rule.kind != ValueRule::Kind::object || !value.is_object()) return;
  for (const auto& field : rule.fields) {
    if (field.presence == Presence::ignored_unless && !field.condition->holds(root)) continue;
    const std::string field_path = path.empty() ? field.name : path + "." + field.name;
    const auto found = value.find(field.name);
    if (found == value.end() || found->is_null()) {
      if (is_required(field, root)) missing.push_back(missing_text(field, field_path));
    } else {
      collect_missing(field.value, *found, field_path, root, missing);
    }
  }
}

std::optional<ParamError> check_value(const ValueRule& rule, const json& value,
                                      const std::string& path, const json& root);

std::optional<ParamError> check_fields(const std::vector<FieldRule>& fields, const json& object,
                                       const std::string& path, const json& root) {
  for (const auto& field : fields) {
    const std::string field_path = path.empty() ? field.name : path + "." + field.name;
    const auto found = object.find(field.name);
    const bool present = found != object.end() && !found->is_null();
    if (present && field.not_supported && field.not_supported->holds(root)) {
      return invalid(field_path, "not supported when " + field.not_supported->describe());
    }
    if (field.presence == Presence::ignored_unless && !field.condition->holds(root)) continue;
    const bool required = is_required(field, root);
    if (!present) {
      if (!required) continue;
      return ParamError{codes::kParamError, kMissingPrefix + missing_text(field, field_path)};
    }
    if (required && is_empty(*found) && has_kind(*found, field.value.kind)) {
      return invalid(field_path, "must not be empty");
    }
    if (auto error = check_value(field.value, *found, field_path, root)) return error;
  }
  return std::nullopt;
}

std::optional<ParamError> check_value(const ValueRule& rule, const json& value,
                                      const std::string& path, const json& root) {
  if (!has_kind(value, rule.kind)) {
    return invalid(path, "must be " + type_name(rule.kind) + ", got " + quote(value));
  }
  switch (rule.kind) {
    case ValueRule::Kind::string: {
      const auto& text = value.get_ref<const std::string&>();
      if (!rule.one_of.empty() &&
          std::find(rule.one_of.begin(), rule.one_of.end(), text) == rule.one_of.end()) {
        return invalid(path, "must be one of " + join(rule.one_of, ", ") + ", got " + quote(value));
      }
      if (rule.max_chars) {
        const std::size_t length = utf8_length(text);
        if (length > *rule.max_chars) {
          return invalid(path, "must be at most " + std::to_string(*rule.max_chars) +
                                   " characters, got " + std::to_string(length));
        }
      }
      if (rule.http_url && !is_valid_http_url(text)) {
        return invalid(path,
                       "must be an absolute http(s) URL with every space and special "
                       "character percent-encoded, got " +
                           quote(value));
      }
      if (rule.currency_code && !std::regex_match(text, std::regex("^[A-Z]{3}$"))) {
        return invalid(path,
                       "must be an ISO 4217 code of three upper-case letters, got " + quote(value));
      }
      return std::nullopt;
    }
    case ValueRule::Kind::integer:
    case ValueRule::Kind::number: {
      const double number = value.get<double>();
      if ((rule.min && number < *rule.min) || (rule.max && number > *rule.max)) {
        return invalid(path, range_text(rule) + ", got " + quote(value));
      }
      return std::nullopt;
    }
    case ValueRule::Kind::array: {
      if (rule.max_items && value.size() > *rule.max_items) {
        return ParamError{rule.id_list ? codes::kIdLimitExceed : codes::kParamError,
                          path + ": " + size_text(rule) + ", got " + std::to_string(value.size())};
      }
      if (rule.min_items && value.size() < *rule.min_items) {
        return invalid(path, size_text(rule) + ", got " + std::to_string(value.size()));
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string item_path = path + "[" + std::to_string(i) + "]";
        if (auto error = check_value(*rule.items, value[i], item_path, root)) return error;
        if (rule.items->kind == ValueRule::Kind::string && is_empty(value[i])) {
          return invalid(item_path, "must not be empty");
        }
      }
      return std::nullopt;
    }
    case ValueRule::Kind::object: {
      if (auto error = check_fields(rule.fields, value, path, root)) return error;
      if (rule.max_items_in_all) {
        std::size_t total = 0;
        std::vector<std::string> names;
        for (const auto& field : rule.fields) {
          if (field.value.kind != ValueRule::Kind::array) continue;
          names.push_back(field.name);
          const auto found = value.find(field.name);
          if (found != value.end() && found->is_array()) total += found->size();
        }
        if (total > *rule.max_items_in_all) {
          return invalid(path, join(names, " and ") + " must hold at most " +
                                   std::to_string(*rule.max_items_in_all) + " items in all, got " +
                                   std::to_string(total));
        }
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

FieldRule field(std::string name, Presence presence, std::optional<Condition> condition,
                ValueRule value) {
  return FieldRule{std::move(name), presence, std::move(condition), std::move(value), std::nullopt};
}

}  // namespace

bool Condition::holds(const json& root) const {
  const auto found = root.find(field);
  if (found == root.end() || found->is_null()) return false;
  if (values.empty()) return true;
  return found->is_string() && std::find(values.begin(), values.end(),
                                         found->get_ref<const std::string&>()) != values.end();
}

std::string Condition::describe() const {
  if (values.empty()) return field + " is specified";
  return field + " is " + join(values, " or ");
}

ValueRule text(std::optional<std::size_t> max_chars) {
  ValueRule rule;
  rule.max_chars = max_chars;
  return rule;
}

ValueRule enum_of(std::vector<std::string> values) {
  ValueRule rule;
  rule.one_of = std::move(values);
  return rule;
}

ValueRule http_url() {
  ValueRule rule;
  rule.http_url = true;
  return rule;
}

ValueRule currency_code() {
  ValueRule rule;
  rule.currency_code = true;
  return rule;
}

ValueRule integer(long long min, long long max) {
  ValueRule rule;
  rule.kind = ValueRule::Kind::integer;
  rule.min = static_cast<double>(min);
  rule.max = static_cast<double>(max);
  return rule;
}

ValueRule non_negative_number() {
  ValueRule rule;
  rule.kind = ValueRule::Kind::number;
  rule.min = 0;
  return rule;
}

ValueRule array_of(ValueRule items, std::optional<std::size_t> min_items,
                   std::optional<std::size_t> max_items) {
  ValueRule rule;
  rule.kind = ValueRule::Kind::array;
  rule.items = std::make_shared<const ValueRule>(std::move(items));
  rule.min_items = min_items;
  rule.max_items = max_items;
  return rule;
}

ValueRule id_list(std::optional<std::size_t> min_items, std::size_t max_items) {
  ValueRule rule = array_of(text(), min_items, max_items);
  rule.id_list = true;
  return rule;
}

ValueRule object(std::vector<FieldRule> fields) {
  ValueRule rule;
  rule.kind = ValueRule::Kind::object;
  rule.fields = std::move(fields);
  return rule;
}

ValueRule object(std::vector<FieldRule> fields, std::size_t max_items_in_all) {
  ValueRule rule = object(std::move(fields));
  rule.max_items_in_all = max_items_in_all;
  return rule;
}

FieldRule required(std::string name, ValueRule value) {
  return field(std::move(name), Presence::required, std::nullopt, std::move(value));
}
FieldRule optional(std::string name, ValueRule value) {
  return field(std::move(name), Presence::optional, std::nullopt, std::move(value));
}
FieldRule required_when(Condition when, std::string name, ValueRule value) {
  return field(std::move(name), Presence::required_when, std::move(when), std::move(value));
}
FieldRule not_supported_when(Condition when, FieldRule rule) {
  rule.not_supported = std::move(when);
  return rule;
}
FieldRule ignored_unless(Condition when, std::string name, ValueRule value) {
  return field(std::move(name), Presence::ignored_unless, std::move(when), std::move(value));
}
Condition when(std::string field_name, std::vector<std::string> values) {
  return Condition{std::move(field_name), std::move(values)};
}
Condition when_present(std::string field_name) { return Condition{std::move(field_name), {}}; }

std::optional<ParamError> validate(const ValueRule& rule, const json& body) {
  if (!body.is_object()) return ParamError{codes::kParamError, "body: must be a JSON object"};
  auto error = check_value(rule, body, "", body);
  // When the first violation is a missing field, the message names every missing field.
  if (error && error->message.rfind(kMissingPrefix, 0) == 0) {
    std::vector<std::string> missing;
    collect_missing(rule, body, "", body, missing);
    error->message = kMissingPrefix + join(missing, ", ");
  }
  return error;
}

std::vector<std::pair<std::string, std::string>> parse_query(const std::string& raw_query) {
  std::vector<std::pair<std::string, std::string>> params;
  for_each_raw_param(raw_query, [&params](std::string_view name, std::string_view value) {
    params.emplace_back(httplib::detail::decode_url(std::string(name), true),
                        httplib::detail::decode_url(std::string(value), true));
  });
  return params;
}

std::optional<ParamError> query_to_json(
    const ValueRule& rule, const std::vector<std::pair<std::string, std::string>>& params,
    json& out) {
  out = json::object();
  for (const auto& param : params) {
    // Named copies rather than a structured binding: the lambda below captures `name`.
    const std::string& name = param.first;
    const std::string& raw = param.second;
    if (!is_valid_utf8(name) || !is_valid_utf8(raw)) {
      return ParamError{codes::kParamError, "query: parameters must be valid UTF-8"};
    }
    if (out.contains(name)) return invalid(name, "given more than once");
    const auto field = std::find_if(rule.fields.begin(), rule.fields.end(),
                                    [&](const FieldRule& f) { return f.name == name; });
    if (field == rule.fields.end() || field->value.kind == ValueRule::Kind::string) {
      out[name] = raw;
    } else if (field->value.kind == ValueRule::Kind::integer) {
      static const std::regex integer_pattern("^-?[0-9]+$");
      if (!std::regex_match(raw, integer_pattern)) {
        return invalid(name, "must be an integer, got " + quote(json(raw)));
      }
      // Longer than any valid value: saturate so the range rule reports it.
      const bool huge = raw.size() > 18;
      out[name] = huge ? (raw[0] == '-' ? LLONG_MIN : LLONG_MAX) : std::stoll(raw);
    } else {  // arrays travel as one JSON value
      // nlohmann::json stops reading at a NUL byte: ["a"]%00junk must not pass as ["a"].
      json parsed = raw.find('\0') == std::string::npos ? json::parse(raw, nullptr, false)
                                                         : json(json::value_t::discarded);
      if (parsed.is_discarded() || !parsed.is_array()) {
        return invalid(name, "must be a JSON array sent as one parameter, e.g. " + name +
                                 "=[\"a\",\"b\"], got " + quote(json(raw)));
      }
      out[name] = std::move(parsed);
    }
  }
  return std::nullopt;
}

}  // namespace tiktok_aigc::mock
