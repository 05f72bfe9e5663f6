// A small declarative schema for the API's requests and answers, so that each documented
// rule is written once, as a table that reads like the documentation (api/requests.hpp,
// api/responses.hpp), and every violation is reported with the field's JSON path and the
// rule it breaks. The client checks what it is about to send with validate(), the mock
// checks what it was sent with the same call, and the OpenAPI file is written from the
// same tables.
#pragma once

#include <climits>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tiktok_aigc/api/return_codes.hpp"
#include "tiktok_aigc/api/strings.hpp"
#include "tiktok_aigc/json_dependency.hpp"

namespace tiktok_aigc::api {

// A broken rule: the code the API answers (40002; 40011 for too many ids; 40908 for an
// upload URL without a video extension) and "path: rule".
struct Violation {
  int code;
  std::string message;
};

// "field is one of values" (or "field is present" when values is empty, or "field is true"
// for a boolean condition). field is a
// top-level field of the request (the documents condition fields on aigc_video_type,
// script_source and product_info), or, for a sibling condition, a field of the object that
// holds the conditioned field (an answer's status).
struct Condition {
  std::string field;
  std::vector<std::string> values;
  bool sibling = false;
  bool negated = false;  // "field is not one of values"
  bool is_true = false;  // "field is true" (a boolean field)

  bool holds(const nlohmann::json& root, const nlohmann::json& object) const {
    return matches(sibling ? object : root) != negated;
  }
  std::string describe() const {  // "aigc_video_type is AVATAR_PRODUCT"
    if (is_true) return field + (negated ? " is not true" : " is true");
    if (values.empty()) return field + (negated ? " is not specified" : " is specified");
    return field + (negated ? " is not " : " is ") + strings::join(values, " or ");
  }

 private:
  bool matches(const nlohmann::json& scope) const {
    const auto found = scope.find(field);
    if (found == scope.end() || found->is_null()) return false;
    if (is_true) return found->is_boolean() && found->get<bool>();
    if (values.empty()) return true;
    if (!found->is_string()) return false;
    for (const auto& value : values) {
      if (value == found->get_ref<const std::string&>()) return true;
    }
    return false;
  }
};

struct FieldRule;

struct ValueRule {
  enum class Kind { string, integer, number, boolean, object, array, either };
  Kind kind = Kind::string;
  // strings
  std::vector<std::string> one_of;
  std::optional<std::size_t> max_chars;  // Unicode characters
  bool http_url = false;
  bool currency_code = false;                // ISO 4217: three upper-case letters
  std::vector<std::string> file_extensions;  // of a URL's path; else 40908
  bool date = false;                         // YYYY-MM-DD, a day of the calendar
  // The shape of a value the API writes (an id, a time), for the OpenAPI file. validate()
  // does not check it: no request rule has one.
  std::string pattern;
  // integers and numbers
  std::optional<double> min, max;
  // arrays
  std::optional<std::size_t> min_items, max_items;
  bool id_list = false;  // too many items is 40011 rather than 40002
  std::shared_ptr<const ValueRule> items;
  // objects
  std::vector<FieldRule> fields;
  std::optional<std::size_t> max_items_in_all;  // over all the object's array fields
  // Pairs of fields (dates, or numbers) in order when both are given.
  struct Order {
    std::string first, last;
    bool strict;  // first < last; else first <= last
  };
  std::vector<Order> orders;
  // In answers: null is as good as absent (the OpenAPI file says nullable).
  bool nullable = false;
  // either: the value has one of these shapes (an answer the documents disagree on)
  std::vector<ValueRule> alternatives;
};

enum class Presence {
  optional,
  required,        // present, not null and, for strings and arrays, not empty
  required_when,   // required when the condition holds, optional otherwise
  ignored_unless,  // not checked unless the condition holds
  only_when,       // required when the condition holds, not checked otherwise
  present,         // in answers: always there and not null, but may be empty
};

struct FieldRule {
  std::string name;
  Presence presence = Presence::optional;
  std::optional<Condition> condition;
  ValueRule value;
  std::optional<Condition> not_supported;  // refused when this holds
  nlohmann::json default_value;            // null: none documented
  std::string about;                       // what the documents add, for the OpenAPI file

  FieldRule defaults_to(nlohmann::json fallback) && {
    default_value = std::move(fallback);
    return std::move(*this);
  }
  FieldRule described(std::string text) && {
    about = std::move(text);
    return std::move(*this);
  }
};

// ---- builders, so the tables read like the documents ----

inline ValueRule text(std::optional<std::size_t> max_chars = std::nullopt) {
  ValueRule rule;
  rule.max_chars = max_chars;
  return rule;
}
inline ValueRule enum_of(std::vector<std::string> values) {
  ValueRule rule;
  rule.one_of = std::move(values);
  return rule;
}
inline ValueRule http_url() {
  ValueRule rule;
  rule.http_url = true;
  return rule;
}
inline ValueRule date() {
  ValueRule rule;
  rule.date = true;
  return rule;
}
inline ValueRule currency_code() {
  ValueRule rule;
  rule.currency_code = true;
  return rule;
}
// A string the API writes in this shape (an ECMAScript pattern, for the OpenAPI file).
inline ValueRule text_matching(std::string pattern) {
  ValueRule rule;
  rule.pattern = std::move(pattern);
  return rule;
}
inline ValueRule integer(std::optional<long long> min, std::optional<long long> max) {
  ValueRule rule;
  rule.kind = ValueRule::Kind::integer;
  if (min) rule.min = static_cast<double>(*min);
  if (max) rule.max = static_cast<double>(*max);
  return rule;
}
inline ValueRule boolean() {
  ValueRule rule;
  rule.kind = ValueRule::Kind::boolean;
  return rule;
}
inline ValueRule non_negative_number() {
  ValueRule rule;
  rule.kind = ValueRule::Kind::number;
  rule.min = 0;
  return rule;
}
inline ValueRule array_of(ValueRule items, std::optional<std::size_t> min_items = std::nullopt,
                          std::optional<std::size_t> max_items = std::nullopt) {
  ValueRule rule;
  rule.kind = ValueRule::Kind::array;
  rule.items = std::make_shared<const ValueRule>(std::move(items));
  rule.min_items = min_items;
  rule.max_items = max_items;
  return rule;
}
inline ValueRule id_list(std::optional<std::size_t> min_items, std::size_t max_items) {
  ValueRule rule = array_of(text(), min_items, max_items);
  rule.id_list = true;
  return rule;
}
inline ValueRule object(std::vector<FieldRule> fields) {
  ValueRule rule;
  rule.kind = ValueRule::Kind::object;
  rule.fields = std::move(fields);
  return rule;
}
inline ValueRule object(std::vector<FieldRule> fields, std::size_t max_items_in_all) {
  ValueRule rule = object(std::move(fields));
  rule.max_items_in_all = max_items_in_all;
  return rule;
}
// An object whose field `first` is not after its field `last` (dates: YYYY-MM-DD), or with
// `strict`, is before it (numbers), when both are given.
inline ValueRule with_order(ValueRule rule, std::string first, std::string last, bool strict = false) {
  rule.orders.push_back({std::move(first), std::move(last), strict});
  return rule;
}
inline ValueRule nullable(ValueRule rule) {
  rule.nullable = true;
  return rule;
}
// The empty string: with either(), a field an answer leaves "" until it has a value.
inline ValueRule empty_text() { return text_matching("^$"); }
inline ValueRule either(std::vector<ValueRule> alternatives) {
  ValueRule rule;
  rule.kind = ValueRule::Kind::either;
  rule.alternatives = std::move(alternatives);
  return rule;
}
inline ValueRule any_value() { return either({}); }
inline ValueRule with_file_extensions(ValueRule rule, std::vector<std::string> extensions) {
  rule.file_extensions = std::move(extensions);
  return rule;
}

inline FieldRule field_rule(std::string name, Presence presence, std::optional<Condition> condition,
                            ValueRule value) {
  FieldRule rule;
  rule.name = std::move(name);
  rule.presence = presence;
  rule.condition = std::move(condition);
  rule.value = std::move(value);
  return rule;
}
inline FieldRule required(std::string name, ValueRule value) {
  return field_rule(std::move(name), Presence::required, std::nullopt, std::move(value));
}
inline FieldRule optional(std::string name, ValueRule value) {
  return field_rule(std::move(name), Presence::optional, std::nullopt, std::move(value));
}
inline FieldRule required_when(Condition when, std::string name, ValueRule value) {
  return field_rule(std::move(name), Presence::required_when, std::move(when), std::move(value));
}
inline FieldRule present(std::string name, ValueRule value) {
  return field_rule(std::move(name), Presence::present, std::nullopt, std::move(value));
}
inline FieldRule ignored_unless(Condition when, std::string name, ValueRule value) {
  return field_rule(std::move(name), Presence::ignored_unless, std::move(when), std::move(value));
}
inline FieldRule only_when(Condition when, std::string name, ValueRule value) {
  return field_rule(std::move(name), Presence::only_when, std::move(when), std::move(value));
}
inline FieldRule not_supported_when(Condition when, FieldRule rule) {
  rule.not_supported = std::move(when);
  return rule;
}
inline Condition when(std::string field, std::vector<std::string> values) {
  return Condition{std::move(field), std::move(values), false, false, false};
}
inline Condition when_present(std::string field) { return Condition{std::move(field), {}, false, false, false}; }
inline Condition when_true(std::string field) { return Condition{std::move(field), {}, false, false, true}; }
inline Condition when_sibling(std::string field, std::vector<std::string> values) {
  return Condition{std::move(field), std::move(values), true, false, false};
}
inline Condition unless_sibling(std::string field, std::vector<std::string> values) {
  return Condition{std::move(field), std::move(values), true, true, false};
}

// ---- checking ----

namespace detail {

using nlohmann::json;

inline constexpr const char* kMissingPrefix = "Missing required field(s): ";

inline Violation invalid(const std::string& path, const std::string& rule) {
  return {codes::kParamError, path + ": " + rule};
}

inline bool is_empty(const json& value) {
  return (value.is_string() && value.get_ref<const std::string&>().empty()) ||
         (value.is_array() && value.empty());
}

inline std::string type_name(ValueRule::Kind kind) {
  switch (kind) {
    case ValueRule::Kind::string: return "a string";
    case ValueRule::Kind::integer: return "an integer";
    case ValueRule::Kind::number: return "a number";
    case ValueRule::Kind::boolean: return "true or false";
    case ValueRule::Kind::object: return "an object";
    case ValueRule::Kind::array: return "an array";
    case ValueRule::Kind::either: return "a value";
  }
  return "a value";
}

inline bool has_kind(const json& value, ValueRule::Kind kind) {
  switch (kind) {
    case ValueRule::Kind::string: return value.is_string();
    case ValueRule::Kind::integer: return value.is_number_integer();
    case ValueRule::Kind::number: return value.is_number();
    case ValueRule::Kind::boolean: return value.is_boolean();
    case ValueRule::Kind::object: return value.is_object();
    case ValueRule::Kind::array: return value.is_array();
    case ValueRule::Kind::either: return true;
  }
  return false;
}

inline std::string range_text(const ValueRule& rule) {
  auto number = [](double v) { return std::to_string(static_cast<long long>(v)); };
  if (rule.min && rule.max) return "must be between " + number(*rule.min) + " and " + number(*rule.max);
  if (rule.min) return "must be at least " + number(*rule.min);
  return "must be at most " + number(*rule.max);
}

inline std::string size_text(const ValueRule& rule) {
  const auto items = [](std::size_t n) { return std::to_string(n) + (n == 1 ? " item" : " items"); };
  if (rule.min_items && rule.max_items && *rule.min_items == *rule.max_items) {
    return "must hold exactly " + items(*rule.max_items);
  }
  if (rule.min_items && rule.max_items) {
    return "must hold between " + std::to_string(*rule.min_items) + " and " +
           std::to_string(*rule.max_items) + " items";
  }
  if (rule.min_items) return "must hold at least " + items(*rule.min_items);
  return "must hold at most " + items(*rule.max_items);
}

// YYYY-MM-DD naming a day that exists (leap years included).
inline bool is_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const int year = std::stoi(text.substr(0, 4)), month = std::stoi(text.substr(5, 2)),
            day = std::stoi(text.substr(8, 2));
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month >= 1 && month <= 12 && day >= 1 && day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

inline bool is_currency_code(const std::string& code) {
  bool ok = code.size() == 3;
  for (const char c : code) ok = ok && c >= 'A' && c <= 'Z';
  return ok;
}

// "path", or "path (required when aigc_video_type is AVATAR_PRODUCT)".
inline std::string missing_text(const FieldRule& field, const std::string& path) {
  if (field.presence != Presence::required_when && field.presence != Presence::only_when) return path;
  return path + " (required when " + field.condition->describe() + ")";
}

inline bool is_required(const FieldRule& field, const json& root, const json& object) {
  return field.presence == Presence::required || field.presence == Presence::present ||
         ((field.presence == Presence::required_when || field.presence == Presence::only_when) &&
          field.condition->holds(root, object));
}

// A field the API does not look at here.
inline bool is_ignored(const FieldRule& field, const json& root, const json& object) {
  return (field.presence == Presence::ignored_unless || field.presence == Presence::only_when) &&
         !field.condition->holds(root, object);
}

inline std::string child_path(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

// Every required field missing from `value`, in document order, with no other rule checked:
// a message that names one missing field at a time would take a round trip per field.
inline void collect_missing(const ValueRule& rule, const json& value, const std::string& path,
                            const json& root, std::vector<std::string>& missing) {
  if (rule.kind == ValueRule::Kind::array && value.is_array() && rule.items) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      collect_missing(*rule.items, value[i], path + "[" + std::to_string(i) + "]", root, missing);
    }
  }
  if (rule.kind != ValueRule::Kind::object || !value.is_object()) return;
  for (const auto& field : rule.fields) {
    if (is_ignored(field, root, value)) continue;
    const std::string field_path = child_path(path, field.name);
    const auto found = value.find(field.name);
    if (found == value.end() || found->is_null()) {
      if (is_required(field, root, value)) missing.push_back(missing_text(field, field_path));
    } else {
      collect_missing(field.value, *found, field_path, root, missing);
    }
  }
}

inline std::optional<Violation> check_value(const ValueRule& rule, const json& value,
                                            const std::string& path, const json& root);

inline std::optional<Violation> check_fields(const std::vector<FieldRule>& fields, const json& object,
                                             const std::string& path, const json& root) {
  for (const auto& field : fields) {
    const std::string field_path = child_path(path, field.name);
    const auto found = object.find(field.name);
    const bool present = found != object.end() && !found->is_null();
    if (present && field.not_supported && field.not_supported->holds(root, object)) {
      return invalid(field_path, "not supported when " + field.not_supported->describe());
    }
    if (is_ignored(field, root, object)) continue;
    const bool required = is_required(field, root, object);
    if (!present) {
      if (!required) continue;
      return Violation{codes::kParamError, kMissingPrefix + missing_text(field, field_path)};
    }
    if (field.presence != Presence::present && required && is_empty(*found) && has_kind(*found, field.value.kind)) {
      return invalid(field_path, "must not be empty");
    }
    if (auto error = check_value(field.value, *found, field_path, root)) return error;
  }
  return std::nullopt;
}

inline std::optional<Violation> check_string(const ValueRule& rule, const json& value, const std::string& path) {
  const auto& string = value.get_ref<const std::string&>();
  if (!rule.one_of.empty() &&
      std::find(rule.one_of.begin(), rule.one_of.end(), string) == rule.one_of.end()) {
    return invalid(path, "must be one of " + strings::join(rule.one_of, ", ") + ", got " + strings::quote(value));
  }
  if (rule.max_chars) {
    const std::size_t length = strings::utf8_length(string);
    if (length > *rule.max_chars) {
      return invalid(path, "must be at most " + std::to_string(*rule.max_chars) + " characters, got " +
                               std::to_string(length));
    }
  }
  if (rule.http_url && !strings::is_http_url(string)) {
    return invalid(path,
                   "must be an absolute http(s) URL with every space and special character "
                   "percent-encoded, got " +
                       strings::quote(value));
  }
  if (rule.date && !is_date(string)) {
    return invalid(path, "must be a date written YYYY-MM-DD, got " + strings::quote(value));
  }
  if (rule.currency_code && !is_currency_code(string)) {
    return invalid(path, "must be an ISO 4217 code of three upper-case letters, got " + strings::quote(value));
  }
  if (!rule.file_extensions.empty() && !strings::path_has_extension(string, rule.file_extensions)) {
    std::vector<std::string> listed(rule.file_extensions.begin(), rule.file_extensions.end() - 1);
    return Violation{codes::kFileTypeError, path + ": the file must be " + strings::join(listed, ", ") + " or " +
                                                rule.file_extensions.back() + ", and the URL's path \"" +
                                                strings::url_path(string) + "\" has none of these extensions"};
  }
  return std::nullopt;
}

inline std::optional<Violation> check_value(const ValueRule& rule, const json& value,
                                            const std::string& path, const json& root) {
  if (!has_kind(value, rule.kind)) {
    return invalid(path, "must be " + type_name(rule.kind) + ", got " + strings::quote(value));
  }
  switch (rule.kind) {
    case ValueRule::Kind::string:
      return check_string(rule, value, path);
    case ValueRule::Kind::integer:
    case ValueRule::Kind::number: {
      const double number = value.get<double>();
      // NaN and infinities have no JSON form: only a client's own body can hold them.
      if (!std::isfinite(number)) return invalid(path, "must be a finite number, got " + std::to_string(number));
      if ((rule.min && number < *rule.min) || (rule.max && number > *rule.max)) {
        return invalid(path, range_text(rule) + ", got " + strings::quote(value));
      }
      return std::nullopt;
    }
    case ValueRule::Kind::boolean:
      return std::nullopt;
    case ValueRule::Kind::array: {
      if (rule.max_items && value.size() > *rule.max_items) {
        return Violation{rule.id_list ? codes::kIdLimitExceed : codes::kParamError,
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
      for (const auto& order : rule.orders) {
        const auto a = value.find(order.first), b = value.find(order.last);
        if (a == value.end() || b == value.end()) continue;
        const bool comparable = (a->is_number() && b->is_number()) || (a->is_string() && b->is_string());
        if (!comparable) continue;
        if (order.strict ? *a >= *b : *a > *b) {
          return invalid(child_path(path, order.first), std::string(order.strict ? "must be less than " : "must not be after ") +
                                                            order.last + ", got " + strings::quote(*a) + " and " +
                                                            strings::quote(*b));
        }
      }
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
          return invalid(path, strings::join(names, " and ") + " must hold at most " +
                                   std::to_string(*rule.max_items_in_all) + " items in all, got " +
                                   std::to_string(total));
        }
      }
      return std::nullopt;
    }
    case ValueRule::Kind::either: {
      std::optional<Violation> first;
      for (const ValueRule& alternative : rule.alternatives) {
        auto error = check_value(alternative, value, path, root);
        if (!error) return std::nullopt;
        if (!first) first = std::move(error);
      }
      return first;
    }
  }
  return std::nullopt;
}

}  // namespace detail

// Checks `body` (an object) against `rule`: the first violation in document order, except
// that when it is a missing field, the message names every missing field.
inline std::optional<Violation> validate(const ValueRule& rule, const nlohmann::json& body) {
  if (!body.is_object()) return Violation{codes::kParamError, "body: must be a JSON object"};
  auto error = detail::check_value(rule, body, "", body);
  if (error && error->message.rfind(detail::kMissingPrefix, 0) == 0) {
    std::vector<std::string> missing;
    detail::collect_missing(rule, body, "", body, missing);
    error->message = detail::kMissingPrefix + strings::join(missing, ", ");
  }
  return error;
}

// The decoded name/value pairs of a GET's query, in order.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Turns GET query parameters into the JSON the same rules check: integers from decimal
// digits, lists and objects from their JSON text (task_ids=["a","b"], quirk 5;
// filtering={"avatar_id":"7..."}). Parameters the rule does
// not name are kept as strings; a repeated parameter is refused.
inline std::optional<Violation> query_to_json(const ValueRule& rule, const QueryParams& params,
                                              nlohmann::json& out) {
  using nlohmann::json;
  out = json::object();
  for (const auto& param : params) {
    const std::string& name = param.first;
    const std::string& raw = param.second;
    if (!strings::is_valid_utf8(name) || !strings::is_valid_utf8(raw)) {
      return Violation{codes::kParamError, "query: parameters must be valid UTF-8"};
    }
    if (out.contains(name)) return detail::invalid(name, "given more than once");
    const auto field = std::find_if(rule.fields.begin(), rule.fields.end(),
                                    [&](const FieldRule& f) { return f.name == name; });
    if (field == rule.fields.end() || field->value.kind == ValueRule::Kind::string) {
      out[name] = raw;
    } else if (field->value.kind == ValueRule::Kind::integer) {
      const std::size_t sign = !raw.empty() && raw[0] == '-' ? 1 : 0;
      const bool digits = raw.size() > sign &&
                          strings::span_of(raw, sign, [](char c) { return c >= '0' && c <= '9'; }) == raw.size() - sign;
      if (!digits) return detail::invalid(name, "must be an integer, got " + strings::quote(json(raw)));
      // Longer than any valid value: saturate so the range rule reports it.
      const bool huge = raw.size() > 18;
      out[name] = huge ? (sign ? LLONG_MIN : LLONG_MAX) : std::stoll(raw);
    } else {  // arrays and objects travel as one JSON value
      // nlohmann::json stops reading at a NUL byte: ["a"]%00junk must not pass as ["a"].
      json parsed = raw.find('\0') == std::string::npos ? json::parse(raw, nullptr, false)
                                                         : json(json::value_t::discarded);
      const bool object = field->value.kind == ValueRule::Kind::object;
      if (parsed.is_discarded() || (object ? !parsed.is_object() : !parsed.is_array())) {
        const std::string example = object ? "={\"key\":\"value\"}" : "=[\"a\",\"b\"]";
        return detail::invalid(name, std::string("must be a JSON ") + (object ? "object" : "array") +
                                         " sent as one parameter, e.g. " + name + example + ", got " +
                                         strings::quote(json(raw)));
      }
      out[name] = std::move(parsed);
    }
  }
  return std::nullopt;
}

// The rule of the field at `path` (names from the top), or nullptr when `rule` has none.
inline const ValueRule* rule_at(const ValueRule& rule, const std::vector<std::string>& path) {
  const ValueRule* at = &rule;
  for (const std::string& name : path) {
    const auto field = std::find_if(at->fields.begin(), at->fields.end(),
                                    [&](const FieldRule& candidate) { return candidate.name == name; });
    if (field == at->fields.end()) return nullptr;
    at = &field->value;
  }
  return at;
}

// The value of the field at `path` (names from the top) in `body`, or the default the rule
// documents for it (null when it documents none): what the API does with a field left out.
inline nlohmann::json value_or_default(const ValueRule& rule, const nlohmann::json& body,
                                       const std::vector<std::string>& path) {
  const nlohmann::json* value = &body;
  const ValueRule* at = &rule;
  const FieldRule* field = nullptr;
  for (const std::string& name : path) {
    field = nullptr;
    for (const FieldRule& candidate : at->fields) {
      if (candidate.name == name) field = &candidate;
    }
    if (!field) return nullptr;
    at = &field->value;
    if (value) {
      const auto found = value->is_object() ? value->find(name) : value->end();
      value = value->is_object() && found != value->end() ? &*found : nullptr;
    }
  }
  if (value && !value->is_null()) return *value;
  return field ? field->default_value : nlohmann::json();
}

}  // namespace tiktok_aigc::api
