// The OpenAPI description (tiktok-aigc.openapi.json) checked three ways: the small schema
// validator it is checked with, the document's own structure, and the in-process mock's
// answers to a whole workflow over plain httplib, every one of which must conform.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "openapi_conformance.hpp"
#include "schema_validator.hpp"
#include "tiktok_aigc/mock/mock_server.hpp"

#ifndef OPENAPI_FILE
#error "OPENAPI_FILE must name tiktok-aigc.openapi.json"
#endif

namespace {

using nlohmann::json;
using tiktok_aigc::openapi::check_query;
using tiktok_aigc::openapi::check_request;
using tiktok_aigc::openapi::check_response;
using tiktok_aigc::openapi::validate;
using namespace std::chrono_literals;

const json& document() {
  static const json loaded = tiktok_aigc::openapi::load_openapi(OPENAPI_FILE);
  return loaded;
}

std::string joined(const std::vector<std::string>& errors) {
  std::string out;
  for (const auto& error : errors) out += "\n  " + error;
  return out;
}

bool mentions(const std::vector<std::string>& errors, const std::string& text) {
  for (const auto& error : errors) {
    if (error.find(text) != std::string::npos) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// The validator, keyword by keyword: one value that passes, one that fails.

struct KeywordCase {
  const char* name;
  json schema;
  json good;
  json bad;
  const char* expected;  // part of the first error for `bad`
};

class ValidatorKeyword : public ::testing::TestWithParam<KeywordCase> {};

TEST_P(ValidatorKeyword, PassesTheGoodValueAndNamesTheBadOne) {
  const KeywordCase& c = GetParam();
  const json doc = {{"components",
                     {{"schemas",
                       {{"Id", {{"type", "string"}, {"pattern", "^[0-9]+$"}}},
                        {"A", {{"type", "object"}, {"required", {"kind"}}}},
                        {"B", {{"type", "object"}, {"required", {"kind", "b"}}}}}}}}};
  EXPECT_TRUE(validate(c.schema, c.good, doc).empty()) << joined(validate(c.schema, c.good, doc));
  const auto errors = validate(c.schema, c.bad, doc);
  ASSERT_FALSE(errors.empty()) << c.bad.dump() << " passed " << c.schema.dump();
  EXPECT_TRUE(mentions(errors, c.expected))
      << "wanted \"" << c.expected << "\" in" << joined(errors);
}

const json kObject = {{"type", "object"}};

// One row per case, kept on one line each.
// clang-format off
INSTANTIATE_TEST_SUITE_P(
    Keywords, ValidatorKeyword,
    ::testing::Values(
        KeywordCase{"type_string", {{"type", "string"}}, "a", 1, "(root): expected string, got integer 1"},
        KeywordCase{"type_integer", {{"type", "integer"}}, 3, 3.5, "expected integer, got number 3.5"},
        KeywordCase{"type_integer_not_float", {{"type", "integer"}}, -2, json::parse("1.0"), "expected integer"},
        KeywordCase{"type_number", {{"type", "number"}}, 1.25, "1.25", "expected number, got string"},
        KeywordCase{"type_boolean", {{"type", "boolean"}}, true, 0, "expected boolean"},
        KeywordCase{"type_array", {{"type", "array"}}, json::array(), json::object(), "expected array, got object"},
        KeywordCase{"type_object", kObject, json::object(), json::array(), "expected object, got array"},
        KeywordCase{"nullable", {{"type", "string"}, {"nullable", true}}, nullptr, 5, "expected string"},
        KeywordCase{"not_nullable", {{"type", "string"}}, "x", nullptr, "expected string, got null"},
        KeywordCase{"enum", {{"enum", {"A", "B"}}}, "B", "C", "(root): \"C\" is not one of \"A\", \"B\""},
        KeywordCase{"pattern", {{"type", "string"}, {"pattern", "^[0-9]{3}$"}}, "123", "12a", "does not match the pattern ^[0-9]{3}$"},
        KeywordCase{"pattern_unanchored", {{"type", "string"}, {"pattern", "b+"}}, "abba", "aca", "does not match"},
        KeywordCase{"minLength", {{"type", "string"}, {"minLength", 1}}, "x", "", "at least 1 characters, got 0"},
        // Three characters, six bytes: counted as characters.
        KeywordCase{"maxLength_unicode", {{"type", "string"}, {"maxLength", 3}}, "\xC3\xA9\xC3\xA9\xC3\xA9", "abcd", "at most 3 characters, got 4"},
        KeywordCase{"maxLength_unicode_over", {{"type", "string"}, {"maxLength", 2}}, "\xE2\x82\xAC\xE2\x82\xAC", "\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC", "got 3"},
        KeywordCase{"minimum", {{"type", "number"}, {"minimum", 0}}, 0, -0.01, "less than the minimum 0"},
        KeywordCase{"maximum", {{"type", "integer"}, {"maximum", 5}}, 5, 6, "greater than the maximum 5"},
        KeywordCase{"exclusiveMinimum", {{"type", "number"}, {"minimum", 0}, {"exclusiveMinimum", true}}, 0.5, 0, "less than or equal to"},
        KeywordCase{"minItems", {{"type", "array"}, {"minItems", 1}}, json::array({1}), json::array(), "at least 1 items, got 0"},
        KeywordCase{"maxItems", {{"type", "array"}, {"maxItems", 2}}, json::array({1, 2}), json::array({1, 2, 3}), "at most 2 items, got 3"},
        KeywordCase{"items", {{"type", "array"}, {"items", {{"type", "string"}}}}, json::array({"a"}), json::array({"a", 2}), "[1]: expected string"},
        KeywordCase{"properties", {{"type", "object"}, {"properties", {{"n", {{"type", "integer"}}}}}}, json{{"n", 1}}, json{{"n", "1"}}, "n: expected integer"},
        KeywordCase{"required", {{"type", "object"}, {"required", {"id"}}}, json{{"id", 1}}, json{{"ID", 1}}, "id: missing (required)"},
        KeywordCase{"additionalProperties_false", {{"type", "object"}, {"properties", {{"a", json::object()}}}, {"additionalProperties", false}}, json{{"a", 1}}, json{{"a", 1}, {"b", 2}}, "b: not allowed"},
        KeywordCase{"additionalProperties_schema", {{"type", "object"}, {"additionalProperties", {{"type", "integer"}}}}, json{{"x", 1}}, json{{"x", "1"}}, "x: expected integer"},
        KeywordCase{"maxProperties", {{"type", "object"}, {"maxProperties", 0}}, json::object(), json{{"a", 1}}, "at most 0 properties"},
        KeywordCase{"allOf", {{"allOf", {{{"type", "integer"}}, {{"minimum", 2}}}}}, 2, 1, "less than the minimum 2"},
        KeywordCase{"anyOf", {{"anyOf", {{{"type", "integer"}}, {{"type", "string"}}}}}, "s", true, "matches none of the anyOf schemas"},
        KeywordCase{"oneOf_none", {{"oneOf", {{{"type", "integer"}}, {{"type", "string"}}}}}, 1, nullptr, "matches none of the oneOf schemas"},
        KeywordCase{"oneOf_two", {{"oneOf", {{{"type", "number"}}, {{"type", "integer"}}}}}, 1.5, 1, "matches 2 of the oneOf schemas"},
        KeywordCase{"not", {{"not", {{"required", {"x"}}}}}, json{{"y", 1}}, json{{"x", 1}}, "must not match"},
        KeywordCase{"ref", {{"$ref", "#/components/schemas/Id"}}, "123", "12a", "does not match the pattern ^[0-9]+$"},
        KeywordCase{"ref_unresolvable", {{"oneOf", {{{"type", "integer"}}, {{"$ref", "#/components/schemas/Nope"}}}}}, 1, "x", "unresolvable $ref \"#/components/schemas/Nope\""},
        KeywordCase{"discriminator",
                    {{"oneOf", {{{"$ref", "#/components/schemas/A"}}, {{"$ref", "#/components/schemas/B"}}}},
                     {"discriminator", {{"propertyName", "kind"}, {"mapping", {{"a", "#/components/schemas/A"}, {"b", "#/components/schemas/B"}}}}}},
                    json{{"kind", "a"}}, json{{"kind", "b"}}, "b: missing (required)"},
        KeywordCase{"discriminator_unknown",
                    {{"oneOf", {{{"$ref", "#/components/schemas/A"}}}},
                     {"discriminator", {{"propertyName", "kind"}, {"mapping", {{"a", "#/components/schemas/A"}}}}}},
                    json{{"kind", "a"}}, json{{"kind", "z"}}, "kind: \"z\" is not one of \"a\""},
        KeywordCase{"unknown_keywords_ignored", {{"type", "string"}, {"format", "uri"}, {"x-anything", 1}}, "not a uri", 1, "expected string"}),
    [](const ::testing::TestParamInfo<KeywordCase>& param_info) { return std::string(param_info.param.name); });
// clang-format on

TEST(Validator, ReportsTheJsonPathOfNestedValues) {
  const json schema = {
      {"type", "object"},
      {"properties",
       {{"data",
         {{"type", "object"},
          {"properties",
           {{"list",
             {{"type", "array"},
              {"items",
               {{"type", "object"},
                {"properties",
                 {{"status", {{"type", "string"}, {"enum", {"SUBMITTED", "SUCCESS"}}}}}}}}}}}}}}}}};
  const json value = {{"data", {{"list", {{{"status", "SUCCESS"}}, {{"status", "DONE"}}}}}}};
  const auto errors = validate(schema, value, json::object());
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0], "data.list[1].status: \"DONE\" is not one of \"SUBMITTED\", \"SUCCESS\"");
}

TEST(Validator, ReportsEveryErrorNotOnlyTheFirst) {
  const json schema = {
      {"type", "object"}, {"required", {"a", "b"}}, {"properties", {{"c", {{"type", "integer"}}}}}};
  EXPECT_EQ(validate(schema, json{{"c", "x"}}, json::object()).size(), 3u);
}

TEST(Validator, RefCyclesEndWithAnErrorNotACrash) {
  const json doc = {
      {"components", {{"schemas", {{"Loop", {{"$ref", "#/components/schemas/Loop"}}}}}}}};
  const auto errors = validate(json{{"$ref", "#/components/schemas/Loop"}}, 1, doc);
  EXPECT_TRUE(mentions(errors, "nested too deeply")) << joined(errors);
}

// ---------------------------------------------------------------------------------------
// The document itself.

const std::map<std::string, std::string> kOperations = {
    {"/v1.3/file/video/ad/upload/", "post"},
    {"/v1.3/creative/aigc/video/task/create/", "post"},
    {"/v1.3/creative/aigc/video/task/list/", "get"},
    {"/v1.3/creative/aigc/video/list/", "get"},
    {"/v1.3/creative/aigc/script_generation/task/create/", "post"},
    {"/v1.3/creative/aigc/script/task/get/", "get"},
    {"/v1.3/creative/aigc/script/list/", "get"},
    {"/v1.3/creative/aigc/image_animation/task/create/", "post"},
    {"/v1.3/creative/digital_avatar/get/", "get"},
    {"/v1.3/creative/digital_avatar/video/task/create/", "post"},
    {"/v1.3/creative/digital_avatar/video/task/get/", "get"},
    {"/v1.3/creative/digital_avatar/video/list/", "get"},
    {"/v1.3/file/video/ad/update/", "post"},
};

TEST(Document, IsOpenApi303WithTheLiveServerAndTheTokenHeader) {
  const json& doc = document();
  ASSERT_TRUE(doc.at("openapi").is_string());
  EXPECT_EQ(doc.at("openapi").get<std::string>().rfind("3.0.", 0), 0u);
  EXPECT_TRUE(doc.at("info").contains("title"));
  EXPECT_TRUE(doc.at("info").contains("version"));
  EXPECT_EQ(doc.at("servers").at(0).at("url"), "https://business-api.tiktok.com/open_api");
  const json& scheme = doc.at("components").at("securitySchemes").at("AccessToken");
  EXPECT_EQ(scheme.at("type"), "apiKey");
  EXPECT_EQ(scheme.at("in"), "header");
  EXPECT_EQ(scheme.at("name"), "Access-Token");
  EXPECT_EQ(doc.at("security"), json::parse(R"([{"AccessToken": []}])"));
}

TEST(Document, HasExactlyTheDocumentedPathsWithTheirMethods) {
  const json& paths = document().at("paths");
  EXPECT_EQ(paths.size(), kOperations.size());
  const std::set<std::string> verbs = {"get",     "put",  "post",  "delete",
                                       "options", "head", "patch", "trace"};
  for (const auto& [path, method] : kOperations) {
    ASSERT_TRUE(paths.contains(path)) << path;
    for (const auto& item : paths.at(path).items()) {
      if (verbs.count(item.key())) {
        EXPECT_EQ(item.key(), method) << path;
      }
    }
    const json& operation = paths.at(path).at(method);
    EXPECT_TRUE(operation.contains("operationId")) << path;
    EXPECT_TRUE(operation.at("responses").contains("200")) << path;
    EXPECT_EQ(operation.contains("requestBody"), method == "post") << path;
    EXPECT_TRUE(operation.contains("x-return-codes")) << path;
  }
}

void collect_refs(const json& node, std::vector<std::string>& refs) {
  if (node.is_object()) {
    for (const auto& item : node.items()) {
      if (item.key() == "$ref" && item.value().is_string())
        refs.push_back(item.value().get<std::string>());
      // A discriminator's mapping targets are references too.
      if (item.key() == "mapping" && item.value().is_object()) {
        for (const auto& target : item.value()) refs.push_back(target.get<std::string>());
      }
      collect_refs(item.value(), refs);
    }
  } else if (node.is_array()) {
    for (const auto& item : node) collect_refs(item, refs);
  }
}

TEST(Document, EveryRefResolvesInsideComponents) {
  std::vector<std::string> refs;
  collect_refs(document(), refs);
  EXPECT_GT(refs.size(), 40u);
  for (const auto& ref : refs) {
    ASSERT_EQ(ref.rfind("#/components/", 0), 0u) << ref;
    EXPECT_TRUE(document().contains(json::json_pointer(ref.substr(1)))) << "unresolved " << ref;
  }
}

TEST(Document, EverySchemaIsUsedAndThePatternsCompile) {
  std::vector<std::string> refs;
  collect_refs(document(), refs);
  const std::set<std::string> used(refs.begin(), refs.end());
  for (const auto& item : document().at("components").at("schemas").items()) {
    EXPECT_TRUE(used.count("#/components/schemas/" + item.key())) << item.key() << " is unused";
  }
  // Every pattern in the file is a valid ECMAScript regex: validate a string against each.
  std::vector<const json*> stack = {&document()};
  std::size_t patterns = 0;
  while (!stack.empty()) {
    const json* node = stack.back();
    stack.pop_back();
    if (node->is_object() && node->contains("pattern") && node->at("pattern").is_string()) {
      ++patterns;
      EXPECT_FALSE(mentions(validate(json{{"pattern", node->at("pattern")}}, "x", document()),
                            "not a valid"))
          << node->at("pattern");
    }
    if (node->is_structured()) {
      for (const auto& child : *node) stack.push_back(&child);
    }
  }
  EXPECT_GE(patterns, 5u);
}

TEST(Document, ListsTheReturnCodes) {
  std::set<int> codes;
  for (const auto& entry : document().at("x-return-codes")) {
    if (entry.contains("code")) codes.insert(entry.at("code").get<int>());  // else a range
  }
  for (int code : {0, 40002, 40007, 40011, 40100, 40104, 40105, 40118, 40900, 40908, 51010}) {
    EXPECT_TRUE(codes.count(code)) << code;
  }
  for (const auto& [path, method] : kOperations) {
    for (const auto& code : document().at("paths").at(path).at(method).at("x-return-codes")) {
      EXPECT_TRUE(codes.count(code.get<int>())) << path << " lists " << code;
    }
  }
}

TEST(Document, ListParametersAreJsonTextInTheQuery) {
  const auto parameter = [](const char* path, const char* name) {
    for (const json& item : document().at("paths").at(path).at("get").at("parameters")) {
      if (item.at("name") == name) return item;
    }
    ADD_FAILURE() << path << " has no parameter " << name;
    return json::object();
  };
  for (const json& list : {parameter("/v1.3/creative/aigc/video/task/list/", "task_ids"),
                           parameter("/v1.3/creative/aigc/video/list/", "aigc_video_types")}) {
    EXPECT_EQ(list.at("in"), "query");
    EXPECT_EQ(list.at("content").at("application/json").at("schema").at("type"), "array");
    EXPECT_FALSE(list.contains("schema")) << list.dump();  // content and schema are exclusive
  }
}

TEST(Conformance, UnknownPathsAndMethodsAreErrors) {
  const json ok = {{"code", 0}, {"message", "OK"}, {"request_id", "1"}, {"data", json::object()}};
  auto errors =
      check_response(document(), "GET", "/open_api/v1.3/creative/aigc/video/task/get/", 200, ok);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(mentions(errors, "unknown path"));
  errors = check_response(document(), "GET", "/open_api/v1.3/creative/aigc/video/list", 200, ok);
  EXPECT_TRUE(mentions(errors, "unknown path")) << "no trailing slash";
  errors = check_response(document(), "GET", "/open_api/v1.3/file/video/ad/upload/", 200, ok);
  EXPECT_TRUE(mentions(errors, "no such operation"));
  errors = check_response(document(), "GET",
                          "/open_api/v1.3/creative/aigc/script_generation/task/create/", 200, ok);
  EXPECT_TRUE(mentions(errors, "no such operation")) << "the curl example's GET (quirk 4)";
}

TEST(Conformance, FindsThePathWithOrWithoutTheServerPrefix) {
  const json body = {
      {"code", 0}, {"message", "OK"}, {"request_id", "r"}, {"data", {{"task_id", "123"}}}};
  for (const char* path : {"/open_api/v1.3/creative/aigc/script_generation/task/create/",
                           "/v1.3/creative/aigc/script_generation/task/create/",
                           "https://business-api.tiktok.com/open_api/v1.3/creative/aigc/"
                           "script_generation/task/create/?x=1"}) {
    EXPECT_TRUE(check_response(document(), "POST", path, 200, body).empty()) << path;
    EXPECT_TRUE(check_response(document(), "post", path, 200, body).empty()) << path;
  }
}

TEST(Conformance, HttpErrorsAreTextAndNotEnvelopes) {
  EXPECT_TRUE(check_response(document(), "GET", "/open_api/v1.3/creative/aigc/video/list/", 404,
                             "page not found")
                  .empty());
}

// ---------------------------------------------------------------------------------------
// The mock, over plain httplib: every answer goes through check_response.

constexpr const char* kToken = "contract-token";
constexpr const char* kUpload = "/open_api/v1.3/file/video/ad/upload/";
constexpr const char* kVideoTaskCreate = "/open_api/v1.3/creative/aigc/video/task/create/";
constexpr const char* kVideoTaskList = "/open_api/v1.3/creative/aigc/video/task/list/";
constexpr const char* kVideoList = "/open_api/v1.3/creative/aigc/video/list/";
constexpr const char* kScriptTaskCreate =
    "/open_api/v1.3/creative/aigc/script_generation/task/create/";
constexpr const char* kScriptTaskGet = "/open_api/v1.3/creative/aigc/script/task/get/";
constexpr const char* kScriptList = "/open_api/v1.3/creative/aigc/script/list/";

using Query = std::vector<std::pair<std::string, std::string>>;

class MockContract : public ::testing::Test {
 protected:
  static tiktok_aigc::mock::Options mock_options(tiktok_aigc::mock::UploadResponseShape shape) {
    tiktok_aigc::mock::Options options;
    options.seed = 1;
    options.clock_frozen = true;
    options.rate_limits = false;
    options.upload_response = shape;
    return options;
  }

  void start(tiktok_aigc::mock::UploadResponseShape shape =
                 tiktok_aigc::mock::UploadResponseShape::array) {
    server = std::make_unique<tiktok_aigc::mock::MockServer>(mock_options(shape));
    server->start();
    http = std::make_unique<httplib::Client>(server->base_url());
    http->set_read_timeout(15, 0);
  }
  void SetUp() override { start(); }
  void TearDown() override {
    http.reset();
    if (server) server->stop();
  }

  // The envelope, after check_response found nothing wrong with it.
  json conform(const char* method, const std::string& path, const httplib::Result& result) {
    if (!result) {
      ADD_FAILURE() << method << " " << path << ": " << httplib::to_string(result.error());
      return json();
    }
    json body = json::parse(result->body, nullptr, false);
    if (body.is_discarded()) body = result->body;  // text (HTTP errors)
    const auto errors = check_response(document(), method, path, result->status, body);
    EXPECT_TRUE(errors.empty()) << method << " " << path << " answered " << result->body
                                << "\nwhich the document refuses:" << joined(errors);
    ++checked;
    return body;
  }

  json post(const std::string& path, const json& body, bool with_token = true) {
    httplib::Headers headers;
    if (with_token) headers.emplace("Access-Token", kToken);
    return conform("POST", path,
                   http->Post(path.c_str(), headers, body.dump(), "application/json"));
  }

  json get(const std::string& path, const Query& query, bool with_token = true) {
    std::string target = path;
    for (std::size_t i = 0; i < query.size(); ++i) {
      target += (i ? "&" : "?") + query[i].first + "=" +
                httplib::detail::encode_query_param(query[i].second);
    }
    httplib::Headers headers;
    if (with_token) headers.emplace("Access-Token", kToken);
    return conform("GET", path, http->Get(target.c_str(), headers));
  }

  // A request the mock accepts must conform to the request schema, and vice versa here.
  json post_accepted(const std::string& path, const json& body) {
    EXPECT_TRUE(check_request(document(), "POST", path, body).empty())
        << body.dump() << joined(check_request(document(), "POST", path, body));
    json answer = post(path, body);
    EXPECT_EQ(answer.value("code", -1), 0) << answer.dump();
    return answer;
  }

  json get_accepted(const std::string& path, const Query& query) {
    const std::map<std::string, std::string> decoded(query.begin(), query.end());
    EXPECT_TRUE(check_query(document(), "GET", path, decoded).empty())
        << joined(check_query(document(), "GET", path, decoded));
    json answer = get(path, query);
    EXPECT_EQ(answer.value("code", -1), 0) << answer.dump();
    return answer;
  }

  // A body the mock refuses with `code`, which the request schema refuses too (naming
  // `field`), and whose error envelope conforms.
  void post_refused(const std::string& path, const json& body, int code, const std::string& field) {
    const auto errors = check_request(document(), "POST", path, body);
    EXPECT_TRUE(mentions(errors, field))
        << "the schema should refuse " << field << ":" << joined(errors) << "\n"
        << body.dump();
    const json answer = post(path, body);
    EXPECT_EQ(answer.value("code", -1), code) << answer.dump();
  }

  std::string upload(const std::string& url) {
    const json answer = post_accepted(
        kUpload, {{"upload_type", "UPLOAD_BY_URL"}, {"use_scenario", "AIGC"}, {"video_url", url}});
    const json& data = answer.at("data");
    return (data.is_array() ? data.at(0) : data).at("video_id");
  }

  static json product(const std::string& name) {
    return {{"source_language", "en"},
            {"product_name", name},
            {"title", name + " for trails"},
            {"description", "Light trail shoes with a grippy sole."},
            {"selling_points", {"Grippy on wet rock", "Only 240 g a shoe"}},
            {"brand", "Peak"},
            {"price", 89.5},
            {"currency", "USD"}};
  }

  static json video_task(const std::string& type, int count,
                         const std::vector<std::string>& clips) {
    json info = {{"video_generation_count", count},
                 {"product_info_list", {product("Trail Runner")}}};
    if (type == "AVATAR_PRODUCT") {
      info["target_language"] = "de";
      info["input_image_list"] = {
          {"image_url_list",
           {"https://cdn.example.com/1.png", "https://cdn.example.com/2.png",
            "https://cdn.example.com/3.png"}}};
      info["avatar_info"] = {{"avatar_id", "avatar-7"}};
    } else {
      info["input_video_list"] = {{"video_id_list", clips}};
      if (type == "VOICEOVER") info["target_language"] = "fr";
    }
    return {{"aigc_video_type", type}, {"product_video_info", info}};
  }

  std::vector<json> task_list(const std::vector<std::string>& ids, const std::string& type) {
    Query query = {{"task_ids", json(ids).dump()}};
    if (!type.empty()) query.emplace_back("aigc_video_type", type);
    const json answer = get_accepted(kVideoTaskList, query);
    return answer.at("data").at("list").get<std::vector<json>>();
  }

  std::unique_ptr<tiktok_aigc::mock::MockServer> server;
  std::unique_ptr<httplib::Client> http;
  int checked = 0;
};

TEST_F(MockContract, UploadAnswersInTheArrayShape) {
  const json answer = post_accepted(kUpload, {{"upload_type", "UPLOAD_BY_URL"},
                                              {"use_scenario", "AIGC"},
                                              {"video_url", "https://cdn.example.com/shoe.mp4"}});
  EXPECT_TRUE(answer.at("data").is_array());
}

TEST_F(MockContract, UploadAnswersInTheObjectShape) {
  TearDown();
  start(tiktok_aigc::mock::UploadResponseShape::object);
  const json answer = post_accepted(kUpload, {{"upload_type", "UPLOAD_BY_URL"},
                                              {"use_scenario", "AIGC"},
                                              {"video_url", "https://cdn.example.com/shoe.mp4"}});
  EXPECT_TRUE(answer.at("data").is_object());
}

TEST_F(MockContract, VideoWorkflowConforms) {
  const std::vector<std::string> clips = {upload("https://cdn.example.com/a.mp4"),
                                          upload("https://cdn.example.com/b.mov")};
  // The last task created fails, to see a FAILED task's shape too.
  server->queue_video_outcomes(
      {tiktok_aigc::mock::TaskOutcome::success, tiktok_aigc::mock::TaskOutcome::success,
       tiktok_aigc::mock::TaskOutcome::success, tiktok_aigc::mock::TaskOutcome::success,
       tiktok_aigc::mock::TaskOutcome::failed});
  std::map<std::string, std::vector<std::string>> tasks;  // by type
  for (const auto& [type, count] : std::vector<std::pair<std::string, int>>{
           {"STOCK_VIDEO", 2}, {"AVATAR_PRODUCT", 1}, {"VOICEOVER", 1}, {"VOICEOVER", 1}}) {
    const json answer = post_accepted(kVideoTaskCreate, video_task(type, count, clips));
    for (const auto& id : answer.at("data").at("task_ids"))
      tasks[type].push_back(id.get<std::string>());
  }
  ASSERT_EQ(tasks["STOCK_VIDEO"].size(), 2u);
  ASSERT_EQ(tasks["VOICEOVER"].size(), 2u);

  std::set<std::string> statuses;
  for (const auto& [type, ids] : tasks) {
    for (const auto& task : task_list(ids, type))
      statuses.insert(task.at("status").get<std::string>());
  }
  server->advance_clock(10s);
  for (const auto& [type, ids] : tasks) {
    for (const auto& task : task_list(ids, type))
      statuses.insert(task.at("status").get<std::string>());
  }
  // Without the filter only dubbing tasks come back: none (quirk 6).
  EXPECT_TRUE(task_list(tasks["STOCK_VIDEO"], "").empty());

  server->advance_clock(2min);
  for (const auto& [type, ids] : tasks) {
    for (const auto& task : task_list(ids, type)) {
      statuses.insert(task.at("status").get<std::string>());
      EXPECT_EQ(task.contains("video_id"), task.at("status") == "SUCCESS") << task.dump();
    }
  }
  EXPECT_EQ(statuses, (std::set<std::string>{"SUBMITTED", "PROCESSING", "SUCCESS", "FAILED"}));

  const Query all_types = {{"aigc_video_types", R"(["STOCK_VIDEO","AVATAR_PRODUCT","VOICEOVER"])"}};
  json answer = get_accepted(kVideoList, all_types);
  EXPECT_EQ(answer.at("data").at("list").size(), 4u);
  answer = get_accepted(
      kVideoList, {{"aigc_video_types", R"(["VOICEOVER"])"}, {"page", "1"}, {"page_size", "1"}});
  EXPECT_EQ(answer.at("data").at("page_info").at("total_number"), 1);
  answer = get_accepted(kVideoList, {{"aigc_video_types", R"(["STOCK_VIDEO","AVATAR_PRODUCT"])"},
                                     {"page", "2"},
                                     {"page_size", "2"}});
  EXPECT_EQ(answer.at("data").at("page_info").at("total_page"), 2);
  answer = get_accepted(kVideoList, {});
  EXPECT_TRUE(answer.at("data").at("list").empty());  // dubbed videos only (quirk 6)
  EXPECT_GE(checked, 15);
}

TEST_F(MockContract, ScriptWorkflowConforms) {
  const std::string clip = upload("https://cdn.example.com/a.mp4");
  const json product_request = {
      {"script_source", "PRODUCT"},
      {"video_duration", "30S"},
      {"product_info",
       {{"name", "Trail Runner 2"},
        {"brand", "Peak"},
        {"price", 12.98},
        {"currency", "EUR"},
        {"description", "Light trail shoes with a grippy sole."},
        {"selling_points", {"Grippy on wet rock", "Only 240 g a shoe"}}}},
      {"media_list",
       {{"image_url_list", {"https://cdn.example.com/1.png"}}, {"video_id_list", {clip}}}},
      {"script_info",
       {{"tone", "Professional"},
        {"style", "Product focused"},
        {"point_of_view", "From consumer"},
        {"script_language", "ml"},
        {"relevant_industry", "Sports & outdoor"}}},
      {"script_generation_count", 4}};
  const std::string product_task =
      post_accepted(kScriptTaskCreate, product_request).at("data").at("task_id");
  const json custom_request = {
      {"script_source", "CUSTOM"},
      {"custom_prompt", "A 20-second video about waterproof hiking boots."},
      {"script_generation_count", 2}};
  const std::string custom_task =
      post_accepted(kScriptTaskCreate, custom_request).at("data").at("task_id");

  std::vector<std::string> seen;
  const auto poll = [&] {
    const json answer = get_accepted(kScriptTaskGet, {{"task_id", product_task}});
    const std::string status = answer.at("data").at("status");
    if (seen.empty() || seen.back() != status) seen.push_back(status);
    return answer;
  };
  poll();
  server->advance_clock(3s);
  poll();
  server->advance_clock(5s);
  const json partial = poll();
  EXPECT_EQ(partial.at("data").at("status"), "PARTIAL_SUCCESS");
  EXPECT_FALSE(partial.at("data").at("list").empty());
  server->advance_clock(1min);
  const json done = poll();
  EXPECT_EQ(done.at("data").at("list").size(), 4u);
  EXPECT_EQ(seen,
            (std::vector<std::string>{"SUBMITTED", "PROCESSING", "PARTIAL_SUCCESS", "SUCCESS"}));
  EXPECT_EQ(get_accepted(kScriptTaskGet, {{"task_id", custom_task}}).at("data").at("status"),
            "SUCCESS");

  json answer = get_accepted(kScriptList, {});
  EXPECT_EQ(answer.at("data").at("page_info").at("total_number"), 6);
  answer = get_accepted(kScriptList, {{"page", "2"}, {"page_size", "4"}});
  EXPECT_EQ(answer.at("data").at("list").size(), 2u);
}

TEST_F(MockContract, DocumentedRefusalsConformAndTheSchemaRefusesTheirBodies) {
  const std::vector<std::string> clips = {upload("https://cdn.example.com/a.mp4")};

  // 40002: rules of the video task body.
  json body = video_task("STOCK_VIDEO", 6, clips);
  post_refused(kVideoTaskCreate, body, 40002,
               "video_generation_count: 6 is greater than the maximum 5");
  body = video_task("VOICEOVER", 1, clips);
  body["product_video_info"]["product_info_list"][0]["description"] = std::string(301, 'd');
  post_refused(kVideoTaskCreate, body, 40002,
               "description: must be at most 300 characters, got 301");
  body = video_task("VOICEOVER", 1, clips);
  body["product_video_info"]["product_info_list"][0].erase("title");
  post_refused(kVideoTaskCreate, body, 40002, "title: missing (required)");
  body = video_task("AVATAR_PRODUCT", 1, clips);
  body["product_video_info"]["input_image_list"]["image_url_list"].erase(0);
  post_refused(kVideoTaskCreate, body, 40002, "image_url_list: must have at least 3 items, got 2");
  body = video_task("VOICEOVER", 1, clips);
  body["product_video_info"]["target_language"] = "it";
  post_refused(kVideoTaskCreate, body, 40002, "target_language: \"it\" is not one of");
  body = video_task("VOICEOVER", 1, clips);
  body["aigc_video_type"] = "HOLOGRAM";
  post_refused(kVideoTaskCreate, body, 40002, "aigc_video_type: \"HOLOGRAM\" is not one of");
  body = video_task("STOCK_VIDEO", 1, clips);
  body["product_video_info"].erase("input_video_list");
  post_refused(kVideoTaskCreate, body, 40002, "input_video_list: missing (required)");

  // 40002: the script task body and the upload body.
  post_refused(kScriptTaskCreate,
               {{"script_source", "CUSTOM"}, {"custom_prompt", "x"}, {"video_duration", "15S"}},
               40002, "must not match");
  post_refused(kScriptTaskCreate,
               {{"script_source", "PRODUCT"},
                {"custom_prompt", "x"},
                {"product_info", {{"name", "n"}, {"description", "d"}}},
                {"media_list", json::object()}},
               40002, "must not match");
  post_refused(kScriptTaskCreate,
               {{"script_source", "CUSTOM"}, {"custom_prompt", std::string(3001, 'p')}}, 40002,
               "custom_prompt: must be at most 3000 characters, got 3001");
  post_refused(kScriptTaskCreate,
               {{"script_source", "PRODUCT"},
                {"product_info", {{"name", "n"}, {"description", "d"}}},
                {"media_list", json::object()},
                {"script_info", {{"script_language", "ms"}}}},
               40002, "script_language: \"ms\" is not one of");
  post_refused(
      kScriptTaskCreate,
      {{"script_source", "CUSTOM"}, {"custom_prompt", "x"}, {"script_generation_count", 9}}, 40002,
      "script_generation_count: 9 is greater than the maximum 8");
  post_refused(kUpload,
               {{"upload_type", "UPLOAD_BY_FILE"},
                {"use_scenario", "AIGC"},
                {"video_url", "https://a.example/v.mp4"}},
               40002, "upload_type: \"UPLOAD_BY_FILE\" is not one of");
  post_refused(kUpload,
               {{"upload_type", "UPLOAD_BY_URL"},
                {"use_scenario", "AIGC"},
                {"video_url", "https://a.example/my clip.mp4"}},
               40002, "video_url");

  // 40002 on GET parameters: a comma list is not JSON text (quirk 5); page_size 101.
  EXPECT_EQ(get(kVideoTaskList,
                {{"task_ids", clips[0] + "," + clips[0]}, {"aigc_video_type", "VOICEOVER"}})
                .value("code", -1),
            40002);
  EXPECT_FALSE(check_query(document(), "GET", kVideoTaskList, {{"task_ids", "1,2"}}).empty());
  EXPECT_EQ(get(kScriptList, {{"page_size", "101"}}).value("code", -1), 40002);
  EXPECT_TRUE(mentions(check_query(document(), "GET", kScriptList, {{"page_size", "101"}}),
                       "page_size: 101 is greater"));

  // 40011: six task ids; the schema says at most five.
  const std::vector<std::string> six(6, "7000000000000000001");
  EXPECT_TRUE(
      mentions(check_query(document(), "GET", kVideoTaskList, {{"task_ids", json(six).dump()}}),
               "task_ids: must have at most 5 items"));
  EXPECT_EQ(
      get(kVideoTaskList, {{"task_ids", json(six).dump()}, {"aigc_video_type", "STOCK_VIDEO"}})
          .value("code", -1),
      40011);
  body = video_task("STOCK_VIDEO", 1, std::vector<std::string>(21, clips[0]));
  post_refused(kVideoTaskCreate, body, 40011, "video_id_list: must have at most 20 items");

  // 40007: ids this token did not create. The bodies themselves conform.
  EXPECT_EQ(get(kVideoTaskList,
                {{"task_ids", R"(["7000000000000000001"])"}, {"aigc_video_type", "VOICEOVER"}})
                .value("code", -1),
            40007);
  EXPECT_EQ(get(kScriptTaskGet, {{"task_id", "7000000000000000002"}}).value("code", -1), 40007);
  body = video_task("VOICEOVER", 1, {"7000000000000000003"});
  EXPECT_TRUE(check_request(document(), "POST", kVideoTaskCreate, body).empty());
  EXPECT_EQ(post(kVideoTaskCreate, body).value("code", -1), 40007);

  // 40104: no Access-Token, on a POST and a GET.
  EXPECT_EQ(post(kUpload,
                 {{"upload_type", "UPLOAD_BY_URL"},
                  {"use_scenario", "AIGC"},
                  {"video_url", "https://cdn.example.com/a.mp4"}},
                 false)
                .value("code", -1),
            40104);
  EXPECT_EQ(get(kScriptList, {}, false).value("code", -1), 40104);

  // Injected transient codes are error envelopes too.
  server->inject_fault({"video_list", 1, 51010, std::nullopt, 0ms, false});
  EXPECT_EQ(get(kVideoList, {{"aigc_video_types", R"(["VOICEOVER"])"}}).value("code", -1), 51010);
  EXPECT_GE(checked, 25);
}

TEST_F(MockContract, HttpLevelAnswersAreDocumentedAsText) {
  // A wrong method: the mock's 405 is not an operation of the document.
  const auto result = http->Get(kUpload, httplib::Headers{{"Access-Token", kToken}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 405);
  EXPECT_FALSE(check_response(document(), "GET", kUpload, 405, result->body).empty());
  // A documented operation answered by the HTTP layer (here an injected 503).
  server->inject_fault({"script_list", 1, std::nullopt, 503, 0ms, false});
  const json body = get(kScriptList, {});
  EXPECT_TRUE(body.is_string()) << body.dump();
}

// ---------------------------------------------------------------------------------------
// The check must not rot into accepting anything: real answers, altered, are refused.

TEST_F(MockContract, AlteredAnswersAreRefused) {
  const std::vector<std::string> clips = {upload("https://cdn.example.com/a.mp4")};
  const std::vector<std::string> ids =
      post_accepted(kVideoTaskCreate, video_task("VOICEOVER", 2, clips)).at("data").at("task_ids");
  server->advance_clock(2min);
  const json tasks = get_accepted(
      kVideoTaskList, {{"task_ids", json(ids).dump()}, {"aigc_video_type", "VOICEOVER"}});
  const json videos = get_accepted(kVideoList, {{"aigc_video_types", R"(["VOICEOVER"])"}});
  ASSERT_EQ(tasks.at("data").at("list").size(), 2u);
  ASSERT_EQ(videos.at("data").at("list").size(), 2u);

  const auto refused = [](const char* method, const char* path, const json& body,
                          const std::string& expected) {
    const auto errors = check_response(document(), method, path, 200, body);
    EXPECT_TRUE(mentions(errors, expected))
        << "wanted \"" << expected << "\" for " << body.dump() << joined(errors);
  };
  json altered = tasks;
  altered["data"]["list"][0]["status"] = "DONE";
  refused("GET", kVideoTaskList, altered,
          "data.list[0].status: \"DONE\" is not one of \"SUBMITTED\", \"PROCESSING\", \"SUCCESS\", "
          "\"FAILED\"");
  altered = tasks;
  altered["data"]["list"][1].erase("task_id");
  refused("GET", kVideoTaskList, altered, "data.list[1].task_id: missing (required)");
  altered = tasks;
  altered["data"]["list"][0]["video_id"] = 7000000000000000001LL;
  refused("GET", kVideoTaskList, altered, "data.list[0].video_id: expected string, got integer");
  altered = tasks;
  altered["data"]["list"][0]["status"] = "PROCESSING";  // but still with video_id and preview_url
  refused("GET", kVideoTaskList, altered,
          "data.list[0]: must not match the schema {\"required\":[\"video_id\"]}");
  altered = tasks;
  altered["data"]["list"][0].erase("preview_url");  // SUCCESS without its URL
  refused("GET", kVideoTaskList, altered, "preview_url: missing (required)");
  altered = tasks;
  altered["data"].erase("list");
  refused("GET", kVideoTaskList, altered, "data.list: missing (required)");
  altered = tasks;
  altered.erase("request_id");
  refused("GET", kVideoTaskList, altered, "request_id: missing (required)");
  altered = tasks;
  altered["message"] = "Success";
  refused("GET", kVideoTaskList, altered, "message: \"Success\" is not one of \"OK\"");

  altered = videos;
  altered["data"]["list"][0]["video_name"] = "VOICEOVER-2024010100000-ABC, a name longer than fifty characters";
  refused("GET", kVideoList, altered, "data.list[0].video_name");
  altered = videos;
  altered["data"]["list"][0]["create_time"] = "2024-01-01T00:00:01Z";
  refused("GET", kVideoList, altered, "data.list[0].create_time");
  altered = videos;
  altered["data"]["page_info"]["page"] = "1";
  refused("GET", kVideoList, altered, "data.page_info.page: expected integer");
  altered = videos;
  // Ids are opaque strings (the live API's take several shapes), but never empty.
  altered["data"]["list"][0]["video_id"] = "";
  refused("GET", kVideoList, altered, "data.list[0].video_id");

  // Upload: the right id in a wrong shape.
  const json upload_ok = {
      {"code", 0}, {"message", "OK"}, {"request_id", "r"}, {"data", {{{"video_id", "123"}}}}};
  EXPECT_TRUE(check_response(document(), "POST", kUpload, 200, upload_ok).empty());
  json upload_bad = upload_ok;
  upload_bad["data"] = json::array();
  refused("POST", kUpload, upload_bad, "data: matches none of the anyOf schemas");
  upload_bad["data"] = {{"video_id", 123}};
  refused("POST", kUpload, upload_bad, "data: matches none of the anyOf schemas");

  // Script task: a status of the video tasks' that scripts do not have, and vice versa.
  const json script = {
      {"code", 0},
      {"message", "OK"},
      {"request_id", "r"},
      {"data", {{"task_id", "1"}, {"status", "PARTIAL_SUCCESS"}, {"list", json::array()}}}};
  EXPECT_TRUE(check_response(document(), "GET", kScriptTaskGet, 200, script).empty());
  EXPECT_FALSE(check_response(document(), "GET", kVideoTaskList, 200,
                              json{{"code", 0},
                                   {"message", "OK"},
                                   {"request_id", "r"},
                                   {"data",
                                    {{"list",
                                      {{{"task_id", "1"},
                                        {"aigc_video_type", "VOICEOVER"},
                                        {"status", "PARTIAL_SUCCESS"}}}}}}})
                   .empty());

  // Errors: data must be {}, and code 0 is not an error.
  const json error = {{"code", 40002},
                      {"message", "Parameter error."},
                      {"request_id", "r"},
                      {"data", json::object()}};
  EXPECT_TRUE(check_response(document(), "GET", kVideoList, 200, error).empty());
  altered = error;
  altered["data"] = {{"list", json::array()}};
  refused("GET", kVideoList, altered, "data.list: not allowed");
  altered = error;
  altered["code"] = "40002";
  refused("GET", kVideoList, altered, "code: expected integer");
  refused("GET", kVideoList, json::array(), "expected an object");
  // code 0 with an error's empty data is not a success (the video list's {} is: quirk 28).
  refused("GET", kScriptList,
          json{{"code", 0}, {"message", "OK"}, {"request_id", "r"}, {"data", json::object()}},
          "data.list: missing (required)");
}

}  // namespace
