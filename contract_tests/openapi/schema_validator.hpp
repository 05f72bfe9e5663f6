// A small JSON Schema validator for the subset of OpenAPI 3.0 schemas that
// tiktok-aigc.openapi.json uses. Header-only; needs nlohmann/json and <regex>.
//
//   std::vector<std::string> errors = tiktok_aigc::openapi::validate(schema, value, document);
//
// Each error names the JSON path of the value it is about, e.g.
//   data.list[0].status: "DONE" is not one of "SUBMITTED", "PROCESSING", "SUCCESS", "FAILED"
// (the root itself is "(root)"). An empty vector means the value conforms.
//
// Supported keywords (everything else, e.g. format, default, example, description,
// readOnly, is ignored):
//   $ref            "#/..." JSON pointers into `document` (e.g. #/components/schemas/X);
//                   siblings of $ref are ignored, as OpenAPI 3.0 says
//   type            string, integer, number, boolean, array, object; "integer" is a JSON
//                   number written without fraction or exponent (1.0 is not an integer)
//   nullable        true: null is accepted whatever else the schema says
//   enum            JSON equality
//   pattern         std::regex, ECMAScript, searched (not anchored unless the pattern is)
//   minLength, maxLength            counted in Unicode characters (UTF-8 code points)
//   minimum, maximum, exclusiveMinimum, exclusiveMaximum (the 3.0 booleans)
//   minItems, maxItems, items
//   properties, required, additionalProperties (false, or a schema), minProperties,
//                   maxProperties
//   allOf, anyOf, oneOf, not
//   discriminator   with propertyName and mapping, next to oneOf/anyOf: the value of the
//                   property picks the one schema to check (clearer errors than oneOf's)
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

namespace tiktok_aigc::openapi {

namespace detail {

inline std::string child_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

inline std::string index_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

inline std::string shown_path(const std::string& path) { return path.empty() ? "(root)" : path; }

// A value as it appears in messages, shortened when long.
inline std::string shown(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > 80) text = text.substr(0, 77) + "...";
  return text;
}

inline std::size_t utf8_length(const std::string& text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

inline std::string type_of(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "integer";
    case nlohmann::json::value_t::number_float:
      return "number";
    case nlohmann::json::value_t::string:
      return "string";
    case nlohmann::json::value_t::array:
      return "array";
    case nlohmann::json::value_t::object:
      return "object";
    default:
      return "unknown";
  }
}

inline bool has_type(const nlohmann::json& value, const std::string& type) {
  if (type == "string") return value.is_string();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "array") return value.is_array();
  if (type == "object") return value.is_object();
  return true;  // an unknown type name constrains nothing
}

inline std::string joined(const nlohmann::json& values) {
  std::string out;
  for (const auto& value : values) {
    if (!out.empty()) out += ", ";
    out += shown(value);
  }
  return out;
}

class Validator {
 public:
  explicit Validator(const nlohmann::json& document) : document_(document) {}

  void check(const nlohmann::json& schema, const nlohmann::json& value, const std::string& path,
             std::vector<std::string>& errors, int depth = 0) const {
    if (depth > 64) {
      errors.push_back(shown_path(path) + ": schema nested too deeply (a $ref cycle?)");
      return;
    }
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) errors.push_back(shown_path(path) + ": no value is allowed here");
      return;
    }
    if (!schema.is_object()) return;
    if (const auto ref = schema.find("$ref"); ref != schema.end()) {
      const nlohmann::json* target = resolve(*ref);
      if (!target) {
        errors.push_back(shown_path(path) + ": unresolvable $ref " + shown(*ref));
        return;
      }
      check(*target, value, path, errors, depth + 1);
      return;
    }
    if (value.is_null() && schema.value("nullable", false)) return;

    if (const auto type = schema.find("type"); type != schema.end() && type->is_string()) {
      if (!has_type(value, type->get<std::string>())) {
        errors.push_back(shown_path(path) + ": expected " + type->get<std::string>() + ", got " +
                         type_of(value) + " " + shown(value));
        return;  // the other keywords would only repeat it
      }
    }
    if (const auto values = schema.find("enum"); values != schema.end() && values->is_array()) {
      if (std::find(values->begin(), values->end(), value) == values->end()) {
        errors.push_back(shown_path(path) + ": " + shown(value) + " is not one of " +
                         joined(*values));
      }
    }
    if (value.is_string()) check_string(schema, value.get_ref<const std::string&>(), path, errors);
    if (value.is_number()) check_number(schema, value, path, errors);
    if (value.is_array()) check_array(schema, value, path, errors, depth);
    if (value.is_object()) check_object(schema, value, path, errors, depth);
    check_combinators(schema, value, path, errors, depth);
  }

 private:
  const nlohmann::json* resolve(const nlohmann::json& ref) const {
    if (!ref.is_string()) return nullptr;
    const std::string& text = ref.get_ref<const std::string&>();
    if (text.empty() || text[0] != '#') return nullptr;
    try {
      const nlohmann::json::json_pointer pointer(text.substr(1));
      if (!document_.contains(pointer)) return nullptr;
      return &document_.at(pointer);
    } catch (const nlohmann::json::exception&) {
      return nullptr;
    }
  }

  static void check_string(const nlohmann::json& schema, const std::string& text,
                           const std::string& path, std::vector<std::string>& errors) {
    const std::size_t length = utf8_length(text);
    if (const auto min = schema.find("minLength"); min != schema.end() && min->is_number()) {
      if (length < min->get<std::size_t>()) {
        errors.push_back(shown_path(path) + ": must be at least " + min->dump() +
                         " characters, got " + std::to_string(length));
      }
    }
    if (const auto max = schema.find("maxLength"); max != schema.end() && max->is_number()) {
      if (length > max->get<std::size_t>()) {
        errors.push_back(shown_path(path) + ": must be at most " + max->dump() +
                         " characters, got " + std::to_string(length));
      }
    }
    if (const auto pattern = schema.find("pattern");
        pattern != schema.end() && pattern->is_string()) {
      try {
        const std::regex re(pattern->get<std::string>(), std::regex::ECMAScript);
        if (!std::regex_search(text, re)) {
          errors.push_back(shown_path(path) + ": " + shown(nlohmann::json(text)) +
                           " does not match the pattern " + pattern->get<std::string>());
        }
      } catch (const std::regex_error&) {
        errors.push_back(shown_path(path) + ": the schema's pattern " + shown(*pattern) +
                         " is not a valid ECMAScript regular expression");
      }
    }
  }

  static void check_number(const nlohmann::json& schema, const nlohmann::json& value,
                           const std::string& path, std::vector<std::string>& errors) {
    const double number = value.get<double>();
    if (const auto min = schema.find("minimum"); min != schema.end() && min->is_number()) {
      const bool exclusive = schema.value("exclusiveMinimum", false);
      const double bound = min->get<double>();
      if (exclusive ? number <= bound : number < bound) {
        errors.push_back(shown_path(path) + ": " + shown(value) + " is less than " +
                         (exclusive ? "or equal to " : "") + "the minimum " + min->dump());
      }
    }
    if (const auto max = schema.find("maximum"); max != schema.end() && max->is_number()) {
      const bool exclusive = schema.value("exclusiveMaximum", false);
      const double bound = max->get<double>();
      if (exclusive ? number >= bound : number > bound) {
        errors.push_back(shown_path(path) + ": " + shown(value) + " is greater than " +
                         (exclusive ? "or equal to " : "") + "the maximum " + max->dump());
      }
    }
  }

  void check_array(const nlohmann::json& schema, const nlohmann::json& value,
                   const std::string& path, std::vector<std::string>& errors, int depth) const {
    if (const auto min = schema.find("minItems"); min != schema.end() && min->is_number()) {
      if (value.size() < min->get<std::size_t>()) {
        errors.push_back(shown_path(path) + ": must have at least " + min->dump() + " items, got " +
                         std::to_string(value.size()));
      }
    }
    if (const auto max = schema.find("maxItems"); max != schema.end() && max->is_number()) {
      if (value.size() > max->get<std::size_t>()) {
        errors.push_back(shown_path(path) + ": must have at most " + max->dump() + " items, got " +
                         std::to_string(value.size()));
      }
    }
    if (const auto items = schema.find("items"); items != schema.end()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        check(*items, value[i], index_path(path, i), errors, depth + 1);
      }
    }
  }

  void check_object(const nlohmann::json& schema, const nlohmann::json& value,
                    const std::string& path, std::vector<std::string>& errors, int depth) const {
    if (const auto required = schema.find("required");
        required != schema.end() && required->is_array()) {
      for (const auto& name : *required) {
        if (name.is_string() && !value.contains(name.get<std::string>())) {
          errors.push_back(child_path(path, name.get<std::string>()) + ": missing (required)");
        }
      }
    }
    const auto properties = schema.find("properties");
    const bool has_properties = properties != schema.end() && properties->is_object();
    const auto additional = schema.find("additionalProperties");
    for (const auto& [key, member] : value.items()) {
      if (has_properties) {
        if (const auto property = properties->find(key); property != properties->end()) {
          check(*property, member, child_path(path, key), errors, depth + 1);
          continue;
        }
      }
      if (additional == schema.end()) continue;
      if (additional->is_boolean()) {
        if (!additional->get<bool>()) {
          errors.push_back(child_path(path, key) + ": not allowed (additionalProperties is false)");
        }
      } else {
        check(*additional, member, child_path(path, key), errors, depth + 1);
      }
    }
    if (const auto min = schema.find("minProperties"); min != schema.end() && min->is_number()) {
      if (value.size() < min->get<std::size_t>()) {
        errors.push_back(shown_path(path) + ": must have at least " + min->dump() +
                         " properties, got " + std::to_string(value.size()));
      }
    }
    if (const auto max = schema.find("maxProperties"); max != schema.end() && max->is_number()) {
      if (value.size() > max->get<std::size_t>()) {
        errors.push_back(shown_path(path) + ": must have at most " + max->dump() +
                         " properties, got " + std::to_string(value.size()));
      }
    }
  }

  // The errors of one subschema, as one line: "[1] a: missing; b: ...".
  static std::string summary(std::size_t index, const std::vector<std::string>& errors) {
    std::string out = "[" + std::to_string(index) + "] ";
    for (std::size_t i = 0; i < errors.size() && i < 3; ++i) {
      if (i) out += "; ";
      out += errors[i];
    }
    if (errors.size() > 3) out += "; ...";
    return out;
  }

  void check_combinators(const nlohmann::json& schema, const nlohmann::json& value,
                         const std::string& path, std::vector<std::string>& errors,
                         int depth) const {
    if (const auto all = schema.find("allOf"); all != schema.end() && all->is_array()) {
      for (const auto& sub : *all) check(sub, value, path, errors, depth + 1);
    }
    if (check_discriminator(schema, value, path, errors, depth)) return;
    for (const char* keyword : {"anyOf", "oneOf"}) {
      const auto list = schema.find(keyword);
      if (list == schema.end() || !list->is_array()) continue;
      std::size_t matched = 0;
      std::vector<std::string> reasons;
      for (std::size_t i = 0; i < list->size(); ++i) {
        std::vector<std::string> sub_errors;
        check((*list)[i], value, path, sub_errors, depth + 1);
        if (sub_errors.empty()) {
          ++matched;
        } else {
          reasons.push_back(summary(i, sub_errors));
        }
      }
      if (matched == 0) {
        std::string message = shown_path(path) + ": matches none of the " + keyword + " schemas";
        for (const auto& reason : reasons) message += " | " + reason;
        errors.push_back(message);
      } else if (matched > 1 && std::string(keyword) == "oneOf") {
        errors.push_back(shown_path(path) + ": matches " + std::to_string(matched) +
                         " of the oneOf schemas, must match exactly one");
      }
    }
    if (const auto negated = schema.find("not"); negated != schema.end()) {
      std::vector<std::string> sub_errors;
      check(*negated, value, path, sub_errors, depth + 1);
      if (sub_errors.empty()) {
        errors.push_back(shown_path(path) + ": must not match the schema " + shown(*negated));
      }
    }
  }

  // OpenAPI's discriminator with a mapping: the named property selects the schema. Returns
  // true when it decided (then oneOf/anyOf beside it are not checked again).
  bool check_discriminator(const nlohmann::json& schema, const nlohmann::json& value,
                           const std::string& path, std::vector<std::string>& errors,
                           int depth) const {
    const auto discriminator = schema.find("discriminator");
    if (discriminator == schema.end() || !discriminator->is_object() || !value.is_object()) {
      return false;
    }
    const auto name = discriminator->find("propertyName");
    const auto mapping = discriminator->find("mapping");
    if (name == discriminator->end() || !name->is_string() || mapping == discriminator->end() ||
        !mapping->is_object()) {
      return false;
    }
    const std::string property = name->get<std::string>();
    const std::string property_path = child_path(path, property);
    const auto selector = value.find(property);
    if (selector == value.end()) {
      errors.push_back(property_path + ": missing (required)");
      return true;
    }
    if (!selector->is_string() || !mapping->contains(selector->get<std::string>())) {
      nlohmann::json keys = nlohmann::json::array();
      for (const auto& item : mapping->items()) keys.push_back(item.key());
      errors.push_back(property_path + ": " + shown(*selector) + " is not one of " + joined(keys));
      return true;
    }
    check(nlohmann::json{{"$ref", mapping->at(selector->get<std::string>())}}, value, path, errors,
          depth + 1);
    return true;
  }

  const nlohmann::json& document_;
};

}  // namespace detail

// Checks `value` against `schema`; $refs resolve in `document` (the whole OpenAPI file).
inline std::vector<std::string> validate(const nlohmann::json& schema, const nlohmann::json& value,
                                         const nlohmann::json& document) {
  std::vector<std::string> errors;
  detail::Validator(document).check(schema, value, "", errors);
  return errors;
}

}  // namespace tiktok_aigc::openapi
