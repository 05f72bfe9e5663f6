// A small declarative schema for request parameters, so that each documented rule is
// written once, as a table that reads like the documentation (see api_rules.cpp), and
// every violation is reported with the field's JSON path and the rule it breaks.
#pragma once

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tiktok_aigc::mock {

struct ParamError {
  int code;  // 40002, or 40011 when an id list is too long
  std::string message;
};

// "field is one of values" (or "field is present" when values is empty), where field is
// a top-level field of the request: the documents condition fields on aigc_video_type,
// script_source and product_info.
struct Condition {
  std::string field;
  std::vector<std::string> values;
  bool holds(const nlohmann::json& root) const;
  std::string describe() const;  // "aigc_video_type is AVATAR_PRODUCT"
};

struct FieldRule;

struct ValueRule {
  enum class Kind { string, integer, number, object, array };
  Kind kind = Kind::string;
  // strings
  std::vector<std::string> one_of;
  std::optional<std::size_t> max_chars;  // Unicode characters
  bool http_url = false;
  bool currency_code = false;  // ISO 4217: three upper-case letters
  // integers and numbers
  std::optional<double> min, max;
  // arrays
  std::optional<std::size_t> min_items, max_items;
  bool id_list = false;  // too many items is 40011 rather than 40002
  std::shared_ptr<const ValueRule> items;
  // objects
  std::vector<FieldRule> fields;
  std::optional<std::size_t> max_items_in_all;  // over all the object's array fields
};

enum class Presence {
  optional,
  required,        // present, not null and, for strings and arrays, not empty
  required_when,   // required when the condition holds, optional otherwise
  ignored_unless,  // not checked unless the condition holds
};

struct FieldRule {
  std::string name;
  Presence presence = Presence::optional;
  std::optional<Condition> condition;
  ValueRule value;
  std::optional<Condition> not_supported;  // refused when this holds
};

// Builders, so the tables in api_rules.cpp read like the documents.
ValueRule text(std::optional<std::size_t> max_chars = std::nullopt);
ValueRule enum_of(std::vector<std::string> values);
ValueRule http_url();
ValueRule currency_code();
ValueRule integer(long long min, long long max);
ValueRule non_negative_number();
ValueRule array_of(ValueRule items, std::optional<std::size_t> min_items,
                   std::optional<std::size_t> max_items);
ValueRule id_list(std::optional<std::size_t> min_items, std::size_t max_items);
ValueRule object(std::vector<FieldRule> fields);
ValueRule object(std::vector<FieldRule> fields, std::size_t max_items_in_all);

FieldRule required(std::string name, ValueRule value);
FieldRule optional(std::string name, ValueRule value);
FieldRule required_when(Condition when, std::string name, ValueRule value);
FieldRule not_supported_when(Condition when, FieldRule rule);
FieldRule ignored_unless(Condition when, std::string name, ValueRule value);
Condition when(std::string field, std::vector<std::string> values);
Condition when_present(std::string field);

// Checks `body` (an object) against `rule`; the first violation in document order.
std::optional<ParamError> validate(const ValueRule& rule, const nlohmann::json& body);

// Calls visit(name, value) for each non-empty part of a raw query string ("a=1&b=%5B%5D"),
// in order, undecoded: views into `raw_query`, the value empty when the part has no '='.
// The one place that splits a query, for the parser below and the journal's scrubbing.
template <typename Visit>
void for_each_raw_param(std::string_view raw_query, Visit&& visit) {
  for (std::size_t start = 0; start < raw_query.size();) {
    const std::size_t end = std::min(raw_query.find('&', start), raw_query.size());
    const std::string_view part = raw_query.substr(start, end - start);
    if (!part.empty()) {
      const std::size_t equals = part.find('=');
      visit(part.substr(0, equals),
            equals == std::string_view::npos ? std::string_view() : part.substr(equals + 1));
    }
    start = end + 1;
  }
}

// The decoded name/value pairs of a raw query string ("a=1&b=%5B%5D"), in order and with
// repeats: httplib's own parsing drops a parameter repeated with the same value, and the
// API refuses any repeat.
std::vector<std::pair<std::string, std::string>> parse_query(const std::string& raw_query);

// Turns GET query parameters into the JSON the same rules check: integers from decimal
// digits, lists from their JSON text (task_ids=["a","b"]). Parameters the rule does not
// name are kept as strings.
std::optional<ParamError> query_to_json(
    const ValueRule& rule, const std::vector<std::pair<std::string, std::string>>& params,
    nlohmann::json& out);

}  // namespace tiktok_aigc::mock
