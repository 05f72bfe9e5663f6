// Holds requests and responses to tiktok-aigc.openapi.json. Header-only.
//
//   const nlohmann::json document = tiktok_aigc::openapi::load_openapi(OPENAPI_FILE);
//   auto errors = tiktok_aigc::openapi::check_response(
//       document, "GET", "/open_api/v1.3/creative/aigc/video/list/", 200, body);
//
// Paths are the documented ones, with or without the server's /open_api prefix (and a
// query string or scheme and host, which are dropped): /open_api/v1.3/creative/... and
// /v1.3/creative/... both find the operation. Matching is exact, trailing slash included,
// as the API's routing is.
#pragma once

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "schema_validator.hpp"

namespace tiktok_aigc::openapi {

// Reads and parses an OpenAPI document; throws std::runtime_error when it cannot.
inline nlohmann::json load_openapi(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + file);
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& error) {
    throw std::runtime_error(file + ": not JSON: " + error.what());
  }
}

namespace detail {

// "/open_api/v1.3/x/?a=b" or "https://host/open_api/v1.3/x/" -> "/v1.3/x/".
inline std::string document_path(std::string path) {
  if (const auto scheme = path.find("://"); scheme != std::string::npos) {
    const auto slash = path.find('/', scheme + 3);
    path = slash == std::string::npos ? "/" : path.substr(slash);
  }
  if (const auto query = path.find_first_of("?#"); query != std::string::npos) path.resize(query);
  const std::string prefix = "/open_api";
  if (path.compare(0, prefix.size(), prefix) == 0 &&
      (path.size() == prefix.size() || path[prefix.size()] == '/')) {
    path = path.substr(prefix.size());
  }
  return path;
}

inline std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Follows $refs until a non-$ref object (bounded); nullptr when one does not resolve.
inline const nlohmann::json* deref(const nlohmann::json& document, const nlohmann::json& node) {
  const nlohmann::json* at = &node;
  for (int hops = 0; hops < 32 && at->is_object() && at->contains("$ref"); ++hops) {
    const auto& ref = at->at("$ref");
    if (!ref.is_string() || ref.get<std::string>().rfind('#', 0) != 0) return nullptr;
    try {
      const nlohmann::json::json_pointer pointer(ref.get<std::string>().substr(1));
      if (!document.contains(pointer)) return nullptr;
      at = &document.at(pointer);
    } catch (const nlohmann::json::exception&) {
      return nullptr;
    }
  }
  return at;
}

// The operation object for a method and path, or an error in `error`.
inline const nlohmann::json* find_operation(const nlohmann::json& document,
                                            const std::string& method, const std::string& path,
                                            std::string& error) {
  const std::string key = document_path(path);
  const auto paths = document.find("paths");
  if (paths == document.end() || !paths->is_object() || !paths->contains(key)) {
    error = "unknown path " + path + " (not in the document's paths)";
    return nullptr;
  }
  const nlohmann::json& item = paths->at(key);
  const std::string verb = lower(method);
  if (!item.contains(verb)) {
    error = method + " " + key + ": the path has no such operation";
    return nullptr;
  }
  return &item.at(verb);
}

}  // namespace detail

// The schema of an operation's JSON request body (usually a $ref), or null when the
// operation is unknown or takes no body.
inline nlohmann::json request_body_schema(const nlohmann::json& document, const std::string& method,
                                          const std::string& path) {
  std::string error;
  const nlohmann::json* operation = detail::find_operation(document, method, path, error);
  if (!operation || !operation->contains("requestBody")) return nullptr;
  const nlohmann::json* body = detail::deref(document, operation->at("requestBody"));
  const nlohmann::json::json_pointer schema("/content/application~1json/schema");
  if (!body || !body->contains(schema)) return nullptr;
  return body->at(schema);
}

// Checks a JSON request body against the operation's request body schema.
inline std::vector<std::string> check_request(const nlohmann::json& document,
                                              const std::string& method, const std::string& path,
                                              const nlohmann::json& body) {
  std::string error;
  if (!detail::find_operation(document, method, path, error)) return {error};
  const nlohmann::json schema = request_body_schema(document, method, path);
  if (schema.is_null()) return {method + " " + path + ": the operation documents no JSON body"};
  return validate(schema, body, document);
}

// Checks GET query parameters, given as their decoded text: a parameter with `content`
// (application/json) is parsed as JSON first, one whose schema is an integer must be
// decimal digits. Undocumented parameters are not errors (the API ignores them).
inline std::vector<std::string> check_query(const nlohmann::json& document,
                                            const std::string& method, const std::string& path,
                                            const std::map<std::string, std::string>& query) {
  std::string error;
  const nlohmann::json* operation = detail::find_operation(document, method, path, error);
  if (!operation) return {error};
  std::vector<std::string> errors;
  if (!operation->contains("parameters")) return errors;
  for (const auto& reference : operation->at("parameters")) {
    const nlohmann::json* parameter = detail::deref(document, reference);
    if (!parameter || !parameter->contains("name")) {
      errors.push_back(method + " " + path + ": a parameter does not resolve");
      continue;
    }
    if (parameter->value("in", "") != "query") continue;
    const std::string name = parameter->at("name");
    const auto given = query.find(name);
    if (given == query.end()) {
      if (parameter->value("required", false)) errors.push_back(name + ": missing (required)");
      continue;
    }
    nlohmann::json value;
    nlohmann::json schema;
    const nlohmann::json::json_pointer json_schema("/content/application~1json/schema");
    if (parameter->contains(json_schema)) {
      schema = parameter->at(json_schema);
      value = nlohmann::json::parse(given->second, nullptr, false);
      if (value.is_discarded()) {
        errors.push_back(name + ": not JSON text: " + given->second);
        continue;
      }
    } else {
      schema = parameter->value("schema", nlohmann::json::object());
      const nlohmann::json* resolved = detail::deref(document, schema);
      const bool integer = resolved && resolved->value("type", "") == "integer";
      const std::string& raw = given->second;
      if (integer) {
        const bool digits = !raw.empty() && raw.size() <= 18 &&
                            raw.find_first_not_of("0123456789") == std::string::npos;
        if (!digits) {
          errors.push_back(name + ": not an integer: " + raw);
          continue;
        }
        value = std::stoll(raw);
      } else {
        value = raw;
      }
    }
    for (auto& message : validate(schema, value, document)) {
      errors.push_back(message.rfind("(root)", 0) == 0 ? name + message.substr(6)
                                                       : name + "." + message);
    }
  }
  return errors;
}

// Checks a response body against the document: a code 0 envelope against the operation's
// success schema, any other code against the error envelope. The 200 response's schema is
// either oneOf [success, ErrorEnvelope] or the success schema alone. Other HTTP statuses
// must be documented for the operation (or by `default`); a JSON schema there is checked,
// a text/plain body is passed as a JSON string (or anything) and not inspected.
inline std::vector<std::string> check_response(const nlohmann::json& document,
                                               const std::string& method, const std::string& path,
                                               int http_status, const nlohmann::json& body) {
  std::string error;
  const nlohmann::json* operation = detail::find_operation(document, method, path, error);
  if (!operation) return {error};
  const std::string where = method + " " + detail::document_path(path);
  if (!operation->contains("responses")) return {where + ": no responses documented"};
  const nlohmann::json& responses = operation->at("responses");
  const std::string status = std::to_string(http_status);
  const nlohmann::json* response = nullptr;
  if (responses.contains(status)) {
    response = detail::deref(document, responses.at(status));
  } else if (responses.contains("default")) {
    response = detail::deref(document, responses.at("default"));
  }
  if (!response) return {where + ": HTTP " + status + " is not a documented response"};

  const nlohmann::json::json_pointer json_schema("/content/application~1json/schema");
  if (!response->contains(json_schema)) return {};  // not JSON: nothing to check
  const nlohmann::json& schema = response->at(json_schema);

  const std::string error_ref = "#/components/schemas/ErrorEnvelope";
  nlohmann::json success = schema;
  nlohmann::json failure = nlohmann::json{{"$ref", error_ref}};
  const nlohmann::json* top = detail::deref(document, schema);
  if (top && top->contains("oneOf")) {
    nlohmann::json others = nlohmann::json::array();
    for (const auto& branch : top->at("oneOf")) {
      if (branch.value("$ref", "") == error_ref) {
        failure = branch;
      } else {
        others.push_back(branch);
      }
    }
    if (others.size() != 1) {
      return {where + ": the 200 schema's oneOf must be [success schema, ErrorEnvelope]"};
    }
    success = others[0];
  }
  if (!document.contains(nlohmann::json::json_pointer("/components/schemas/ErrorEnvelope"))) {
    return {"the document has no #/components/schemas/ErrorEnvelope"};
  }
  if (!body.is_object()) {
    return {"(root): expected an object (the envelope), got " + detail::shown(body)};
  }
  const auto code = body.find("code");
  if (code == body.end()) return {"code: missing (required)"};
  if (!code->is_number_integer()) return {"code: expected integer, got " + detail::shown(*code)};
  return validate(code->get<long long>() == 0 ? success : failure, body, document);
}

}  // namespace tiktok_aigc::openapi
