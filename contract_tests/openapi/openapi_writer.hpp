// Writes the OpenAPI 3.0 document of the API from its description (client/tiktok_aigc/api/):
// paths from the endpoint table, parameters and request bodies from the request rules,
// response schemas from the answers' tables, x-return-codes from the code table. The
// committed tiktok-aigc.openapi.json is this function's output (write_openapi checks it).
//
// OpenAPI 3.0 has no "required when", so the rules' conditions become:
//   - a condition on a top-level enum (aigc_video_type, script_source): one schema per
//     value, picked by a discriminator, each with the conditions resolved for its value;
//   - any other condition (a field present; a sibling's value in an answer): an implication,
//     anyOf [ {not: condition}, consequence ].
#pragma once

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "tiktok_aigc/api/endpoints.hpp"

namespace tiktok_aigc::openapi {
namespace writer {

using api::Condition;
using api::FieldRule;
using api::Presence;
using api::ValueRule;
using Json = nlohmann::ordered_json;

// "createVideoTasks" -> "CreateVideoTasks"; "STOCK_VIDEO" -> "StockVideo".
inline std::string pascal_case(const std::string& text) {
  const bool shouting = std::none_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  std::string out;
  bool word_start = true;
  for (const char c : text) {
    if (c == '_' || c == '-') {
      word_start = true;
    } else if (word_start) {
      out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      word_start = false;
    } else {
      out += static_cast<char>(shouting && c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  return out;
}

inline Json string_list(const std::vector<std::string>& values) {
  Json out = Json::array();
  for (const auto& value : values) out.push_back(value);
  return out;
}

inline std::string schema_ref(const std::string& name) { return "#/components/schemas/" + name; }

// Where a schema is being written: the value of the request's discriminating enum, when the
// schema is one of its variants, and whether the object at hand is the top level.
struct Scope {
  std::string discriminator;                 // empty: none
  std::optional<std::string> variant_value;  // its value in this variant
  bool top_level = true;
};

// Whether the condition holds, when the scope decides it.
inline std::optional<bool> decided(const Condition& condition, const Scope& scope) {
  if (condition.sibling || condition.is_true || condition.field != scope.discriminator || !scope.variant_value ||
      condition.values.empty()) {
    return std::nullopt;
  }
  bool holds = false;
  for (const auto& value : condition.values) holds = holds || value == *scope.variant_value;
  return holds != condition.negated;
}

// A schema that an object satisfies when the condition holds there.
inline Json condition_schema(const Condition& condition, const Scope& scope) {
  if (!condition.sibling && !scope.top_level) {
    throw std::logic_error("OpenAPI cannot state the condition \"" + condition.describe() +
                           "\" on a nested field");
  }
  Json positive = {{"required", Json::array({condition.field})}};
  if (condition.is_true) {
    positive["properties"] = {{condition.field, {{"enum", Json::array({true})}}}};
  } else if (!condition.values.empty()) {
    positive["properties"] = {{condition.field, {{"enum", string_list(condition.values)}}}};
  }
  return condition.negated ? Json{{"not", positive}} : positive;
}

// anyOf [ {not: condition}, consequence ]: "when the condition holds, so does the consequence".
inline Json implication(const Condition& condition, const Scope& scope, Json consequence) {
  Json holds = condition_schema(condition, scope);
  Json fails = holds.contains("not") ? holds["not"] : Json{{"not", holds}};
  return {{"anyOf", Json::array({fails, std::move(consequence)})}};
}

inline Json schema_of(const ValueRule& rule, const Scope& scope);

inline Json string_schema(const ValueRule& rule) {
  Json out = {{"type", "string"}};
  if (!rule.one_of.empty()) out["enum"] = string_list(rule.one_of);
  if (rule.max_chars) out["maxLength"] = *rule.max_chars;
  if (rule.http_url) {
    out["format"] = "uri";
    out["maxLength"] = api::strings::kMaxUrlLength;
    out["pattern"] = "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$";
  }
  if (rule.currency_code) out["pattern"] = "^[A-Z]{3}$";
  if (rule.date) out["format"] = "date";
  if (!rule.pattern.empty()) out["pattern"] = rule.pattern;
  if (!rule.file_extensions.empty()) out["x-file-extensions"] = string_list(rule.file_extensions);
  return out;
}

inline Json object_schema(const ValueRule& rule, const Scope& scope) {
  Json out = {{"type", "object"}};
  Json properties = Json::object();
  Json required = Json::array();
  Json all_of = Json::array();
  Json refused = Json::array();  // fields not supported here
  const Scope inner{scope.discriminator, scope.variant_value, false};
  for (const FieldRule& field : rule.fields) {
    Json property = schema_of(field.value, inner);
    if (!field.default_value.is_null()) property["default"] = field.default_value;
    if (!field.about.empty()) property["description"] = field.about;
    bool is_required = field.presence == Presence::required || field.presence == Presence::present;
    const bool required_if = field.presence == Presence::required_when || field.presence == Presence::only_when;
    const bool checked_if = field.presence == Presence::ignored_unless || field.presence == Presence::only_when;
    if (required_if) {
      const auto holds = decided(*field.condition, scope);
      if (holds) {
        is_required = *holds;
      } else {
        all_of.push_back(
            implication(*field.condition, scope, {{"required", Json::array({field.name})}}));
      }
    }
    if (checked_if) {
      const auto holds = decided(*field.condition, scope);
      if (!holds) {  // checked only when the condition holds: the schema moves into an implication
        all_of.push_back(implication(*field.condition, scope, {{"properties", {{field.name, property}}}}));
        property = {{"description", "Checked only when " + field.condition->describe() + "." +
                                        (field.about.empty() ? "" : " " + field.about)}};
      } else if (!*holds) {
        property = {{"description", "Ignored unless " + field.condition->describe() + "."}};
      }
    }
    if (field.not_supported) {
      const auto holds = decided(*field.not_supported, scope);
      if (holds && *holds) {
        refused.push_back(Json{{"required", Json::array({field.name})}});
        continue;
      }
      if (!holds) {
        all_of.push_back(implication(*field.not_supported, scope,
                                     {{"not", {{"required", Json::array({field.name})}}}}));
      }
    }
    // Required means not empty too, except for what an answer always holds.
    if (is_required && field.presence != Presence::present) {
      if (field.value.kind == ValueRule::Kind::string && field.value.one_of.empty() &&
          !property.contains("minLength")) {
        property["minLength"] = 1;
      }
      if (field.value.kind == ValueRule::Kind::array && !property.contains("minItems")) {
        property["minItems"] = 1;
      }
    }
    if (is_required) required.push_back(field.name);
    properties[field.name] = std::move(property);
  }
  if (!required.empty()) out["required"] = std::move(required);
  out["properties"] = std::move(properties);
  if (rule.max_items_in_all) {
    out["x-max-items-in-all"] = *rule.max_items_in_all;
    out["description"] = "Its lists together hold at most " + std::to_string(*rule.max_items_in_all) +
                         " items (not expressible in OpenAPI; the API answers 40002).";
  }
  for (const auto& order : rule.orders) {
    out["x-order"].push_back({{"first", order.first}, {"last", order.last}, {"strict", order.strict}});
    out["description"] = order.first + (order.strict ? " must be less than " : " must not be after ") + order.last +
                         " (not expressible in OpenAPI; the API answers 40002).";
  }
  if (refused.size() == 1) all_of.push_back({{"not", refused[0]}});
  if (refused.size() > 1) all_of.push_back({{"not", {{"anyOf", refused}}}});
  if (!all_of.empty()) out["allOf"] = std::move(all_of);
  return out;
}

inline Json kind_schema(const ValueRule& rule, const Scope& scope);

inline Json schema_of(const ValueRule& rule, const Scope& scope) {
  Json out = kind_schema(rule, scope);
  if (rule.nullable) out["nullable"] = true;
  return out;
}

inline Json kind_schema(const ValueRule& rule, const Scope& scope) {
  switch (rule.kind) {
    case ValueRule::Kind::string:
      return string_schema(rule);
    case ValueRule::Kind::integer:
    case ValueRule::Kind::number: {
      Json out = {{"type", rule.kind == ValueRule::Kind::integer ? "integer" : "number"}};
      const auto bound = [&rule](double value) {
        return rule.kind == ValueRule::Kind::integer ? Json(static_cast<long long>(value)) : Json(value);
      };
      if (rule.min) out["minimum"] = bound(*rule.min);
      if (rule.max) out["maximum"] = bound(*rule.max);
      return out;
    }
    case ValueRule::Kind::array: {
      Json out = {{"type", "array"}};
      if (rule.min_items) out["minItems"] = *rule.min_items;
      if (rule.max_items) out["maxItems"] = *rule.max_items;
      if (rule.id_list) out["x-too-many-code"] = api::codes::kIdLimitExceed;
      out["items"] = schema_of(*rule.items, Scope{scope.discriminator, scope.variant_value, false});
      // Items of a list of strings must not be empty.
      if (rule.items->kind == ValueRule::Kind::string && rule.items->one_of.empty()) out["items"]["minLength"] = 1;
      return out;
    }
    case ValueRule::Kind::boolean:
      return {{"type", "boolean"}};
    case ValueRule::Kind::object:
      return object_schema(rule, scope);
    case ValueRule::Kind::either: {
      if (rule.alternatives.empty()) return Json::object();
      Json out = {{"anyOf", Json::array()}};
      for (const ValueRule& alternative : rule.alternatives) out["anyOf"].push_back(schema_of(alternative, scope));
      return out;
    }
  }
  return Json::object();
}

// The top-level enum that the request's other conditions name, if any: its values each get
// a schema of their own.
inline const FieldRule* discriminator_of(const ValueRule& rule) {
  std::vector<std::string> named;
  const auto collect = [&named](const ValueRule& value, const auto& self) -> void {
    for (const FieldRule& field : value.fields) {
      for (const auto* condition : {&field.condition, &field.not_supported}) {
        if (*condition && !(*condition)->sibling && !(*condition)->values.empty()) {
          named.push_back((*condition)->field);
        }
      }
      self(field.value, self);
    }
    if (value.items) self(*value.items, self);
  };
  collect(rule, collect);
  for (const FieldRule& field : rule.fields) {
    const bool is_named = std::find(named.begin(), named.end(), field.name) != named.end();
    if (is_named && field.presence == Presence::required && !field.value.one_of.empty()) return &field;
  }
  return nullptr;
}

// The request body's schemas, added to `schemas`; returns the one to reference.
inline std::string add_request_schemas(const api::Endpoint& endpoint, Json& schemas) {
  const std::string name = pascal_case(endpoint.operation_id) + "Request";
  const ValueRule& rule = endpoint.request();
  const FieldRule* discriminator = discriminator_of(rule);
  if (!discriminator || discriminator->value.one_of.size() == 1) {  // one value: one schema
    const std::string value = discriminator ? discriminator->value.one_of.front() : std::string();
    schemas[name] = discriminator ? schema_of(rule, Scope{discriminator->name, value, true})
                                  : schema_of(rule, Scope{});
    return name;
  }
  Json one_of = Json::array();
  Json mapping = Json::object();
  for (const std::string& value : discriminator->value.one_of) {
    const std::string variant = pascal_case(endpoint.operation_id) + pascal_case(value) + "Request";
    Json schema = schema_of(rule, Scope{discriminator->name, value, true});
    schema["properties"][discriminator->name]["enum"] = Json::array({value});
    schemas[variant] = std::move(schema);
    one_of.push_back({{"$ref", schema_ref(variant)}});
    mapping[value] = schema_ref(variant);
  }
  schemas[name] = {{"description", "One schema per " + discriminator->name + "."},
                   {"oneOf", std::move(one_of)},
                   {"discriminator", {{"propertyName", discriminator->name}, {"mapping", std::move(mapping)}}}};
  return name;
}

// A GET's parameters: lists and objects travel as one JSON text (quirk 5), so they are `content`.
inline Json query_parameters(const api::Endpoint& endpoint) {
  Json parameters = Json::array();
  for (const FieldRule& field : endpoint.request().fields) {
    Json schema = schema_of(field.value, Scope{"", std::nullopt, false});
    if (!field.default_value.is_null()) schema["default"] = field.default_value;
    Json parameter = {{"name", field.name}, {"in", "query"}, {"required", field.presence == Presence::required}};
    if (!field.about.empty()) parameter["description"] = field.about;
    if (field.value.kind == ValueRule::Kind::array || field.value.kind == ValueRule::Kind::object) {
      parameter["content"] = {{"application/json", {{"schema", std::move(schema)}}}};
    } else {
      if (field.presence == Presence::required && field.value.kind == ValueRule::Kind::string) {
        schema["minLength"] = 1;
      }
      parameter["schema"] = std::move(schema);
    }
    parameters.push_back(std::move(parameter));
  }
  return parameters;
}

inline Json envelope_schema() { return schema_of(api::responses::envelope(api::any_value()), Scope{}); }

inline Json return_codes() {
  Json out = Json::array();
  for (const api::ReturnCode& row : api::return_codes()) {
    Json entry = {{"code", row.code}};
    if (*row.name) entry["name"] = row.name;
    entry["meaning"] = row.meaning;
    if (*row.message) entry["message"] = row.message;
    entry["category"] = tiktok_aigc::to_string(row.category);
    entry["retry"] = api::retry_advice(row.category);
    out.push_back(std::move(entry));
  }
  for (const api::ReturnCodeRange& range : api::return_code_ranges()) {
    out.push_back({{"codes", std::to_string(range.first) + "-" + std::to_string(range.last)},
                   {"meaning", "any other code of this range"},
                   {"category", tiktok_aigc::to_string(range.category)},
                   {"retry", api::retry_advice(range.category)}});
  }
  return out;
}

// "/open_api/v1.3/file/video/ad/upload/" -> "1.3"
inline std::string api_version() {
  const std::string path = api::endpoints().front().path;
  const std::size_t start = std::string(api::kApiPrefix).size() + 2;
  return path.substr(start, path.find('/', start) - start);
}

}  // namespace writer

inline nlohmann::ordered_json document() {
  using namespace writer;  // NOLINT: this function is the writer's entry point
  Json schemas = Json::object();
  schemas["Envelope"] = envelope_schema();
  schemas["Envelope"]["description"] =
      "Every answer of the API: HTTP 200 with this envelope. code 0 is success; the code, not the "
      "HTTP status, says what happened (x-return-codes).";
  schemas["ErrorEnvelope"] = {
      {"description", "A refused request: a non-zero code, a message saying why, and data {}."},
      {"allOf", Json::array({{{"$ref", schema_ref("Envelope")}},
                             {{"type", "object"},
                              {"properties",
                               {{"code", {{"type", "integer"}, {"not", {{"enum", Json::array({0})}}}}},
                                {"data", {{"type", "object"}, {"properties", Json::object()},
                                          {"additionalProperties", false}}}}}}})}};

  std::vector<std::string> documents;
  Json paths = Json::object();
  for (const api::Endpoint& endpoint : api::endpoints()) {
    const std::string base = pascal_case(endpoint.operation_id);
    schemas[base + "Data"] = schema_of(endpoint.response_data(), Scope{});
    schemas[base + "Response"] = {
        {"allOf", Json::array({{{"$ref", schema_ref("Envelope")}},
                               {{"type", "object"},
                                {"properties",
                                 {{"code", {{"type", "integer"}, {"enum", Json::array({0})}}},
                                  {"message", {{"type", "string"}, {"enum", Json::array({api::kOkMessage})}}},
                                  {"data", {{"$ref", schema_ref(base + "Data")}}}}}}})}};

    Json operation = {{"operationId", endpoint.operation_id},
                      {"summary", endpoint.summary},
                      {"description", endpoint.about},
                      {"tags", Json::array()}};
    for (const char* document : endpoint.documents) {
      operation["tags"].push_back(document);
      if (std::find(documents.begin(), documents.end(), document) == documents.end()) {
        documents.emplace_back(document);
      }
    }
    if (std::string(endpoint.method) == "GET") {
      operation["parameters"] = query_parameters(endpoint);
    } else {
      const std::string request = add_request_schemas(endpoint, schemas);
      operation["requestBody"] = {
          {"required", true},
          {"content", {{"application/json", {{"schema", {{"$ref", schema_ref(request)}}}}}}}};
    }
    operation["responses"] = {
        {"200", {{"description", "The answer. On an error, the same HTTP 200 with a non-zero code and data {}."},
                 {"content",
                  {{"application/json",
                    {{"schema", {{"oneOf", Json::array({{{"$ref", schema_ref(base + "Response")}},
                                                        {{"$ref", schema_ref("ErrorEnvelope")}}})}}}}}}}}},
        {"default", {{"$ref", "#/components/responses/HttpError"}}}};
    operation["x-return-codes"] = endpoint.return_codes;
    if (endpoint.budget_per_minute > 0) operation["x-rate-limit-per-minute"] = endpoint.budget_per_minute;
    operation["x-idempotent"] = endpoint.idempotent;
    std::string method = endpoint.method;
    for (char& c : method) c = static_cast<char>(c - 'A' + 'a');
    const std::string path = std::string(endpoint.path).substr(std::string(api::kApiPrefix).size());
    paths[path][method] = std::move(operation);
  }

  Json tags = Json::array();
  for (const std::string& document : documents) tags.push_back({{"name", document}});
  Json out;
  out["openapi"] = "3.0.3";
  out["info"] = {
      {"title", "TikTok API for Business: " + api::strings::join(documents, ", ")},
      {"version", api_version()},
      {"description",
       "The endpoints as the tiktok-aigc client and mock implement them, written from the "
       "project's description of the API. Every API outcome is HTTP 200 with the "
           "envelope {code, message, request_id, data}; the code decides (x-return-codes at the "
           "document root; x-return-codes on an operation lists the codes it is known to give). "
           "The numbered quirks are the decisions in docs/quirks.md."}};
  out["servers"] = Json::array(
      {{{"url", std::string(api::kLiveBaseUrl) + api::kApiPrefix}, {"description", "The live API"}}});
  out["security"] = Json::array({{{"AccessToken", Json::array()}}});
  out["tags"] = std::move(tags);
  out["paths"] = std::move(paths);
  out["components"] = {
      {"securitySchemes",
       {{"AccessToken", {{"type", "apiKey"}, {"in", "header"}, {"name", api::kAccessTokenHeader}}}}},
      {"responses",
       {{"HttpError",
         {{"description",
           "The request did not reach the API: 404 (unknown path, or a path without its trailing "
           "slash), 405 (wrong method), 413/414 (too large), 5xx (server fault). Not an envelope."},
          {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}}}}},
      {"schemas", std::move(schemas)}};
  out["x-return-codes"] = return_codes();
  return out;
}

}  // namespace tiktok_aigc::openapi
