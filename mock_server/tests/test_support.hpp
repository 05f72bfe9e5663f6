// What the mock's tests share: an in-process mock on a free port with a frozen clock, and
// plain httplib calls that return the decoded envelope. Deliberately not the project's
// client: these tests hold the mock to the documents.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <stdlib.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "tiktok_aigc/mock/mock_server.hpp"

namespace tiktok_aigc::mock::testing {

using nlohmann::json;

inline constexpr const char* kApi = "/open_api/v1.3";
inline constexpr const char* kUploadPath = "/open_api/v1.3/file/video/ad/upload/";
inline constexpr const char* kVideoTaskCreatePath = "/open_api/v1.3/creative/aigc/video/task/create/";
inline constexpr const char* kVideoTaskListPath = "/open_api/v1.3/creative/aigc/video/task/list/";
inline constexpr const char* kVideoListPath = "/open_api/v1.3/creative/aigc/video/list/";
inline constexpr const char* kScriptTaskCreatePath =
    "/open_api/v1.3/creative/aigc/script_generation/task/create/";
inline constexpr const char* kScriptTaskGetPath = "/open_api/v1.3/creative/aigc/script/task/get/";
inline constexpr const char* kScriptListPath = "/open_api/v1.3/creative/aigc/script/list/";
inline constexpr const char* kImageAnimationTaskCreatePath = "/open_api/v1.3/creative/aigc/image_animation/task/create/";
inline constexpr const char* kAvatarListPath = "/open_api/v1.3/creative/digital_avatar/get/";
inline constexpr const char* kAvatarVideoTaskCreatePath = "/open_api/v1.3/creative/digital_avatar/video/task/create/";
inline constexpr const char* kAvatarVideoTaskGetPath = "/open_api/v1.3/creative/digital_avatar/video/task/get/";
inline constexpr const char* kAvatarVideoListPath = "/open_api/v1.3/creative/digital_avatar/video/list/";
inline constexpr const char* kAvatarVideoRenamePath = "/open_api/v1.3/file/video/ad/update/";

inline constexpr const char* kToken = "test-token";

// An HTTP answer: the status, and the body decoded as JSON when it is JSON.
struct Reply {
  int status = 0;
  std::string body;
  json parsed;  // the body as JSON; discarded when it is not JSON
  httplib::Headers headers;

  int code() const { return parsed.at("code").get<int>(); }
  std::string message() const { return parsed.at("message").get<std::string>(); }
  const json& data() const { return parsed.at("data"); }
};

inline Reply to_reply(const httplib::Result& result) {
  Reply reply;
  if (!result) {
    ADD_FAILURE() << "transport error: " << httplib::to_string(result.error());
    return reply;
  }
  reply.status = result->status;
  reply.body = result->body;
  reply.headers = result->headers;
  reply.parsed = json::parse(result->body, nullptr, false);
  return reply;
}

// Options for tests: reproducible, clock frozen, budgets off unless a test turns them on.
inline Options test_options() {
  Options options;
  options.seed = 42;
  options.clock_frozen = true;
  options.rate_limits = false;
  return options;
}

// `unit` `times` times over: long strings and bodies.
inline std::string repeat(const std::string& unit, std::size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

// URL-encodes a query value (JSON text for list parameters, quirk 5).
inline std::string encode(const std::string& value) {
  return httplib::detail::encode_query_param(value);
}

// Documented request bodies of the workflow, for any test.
struct Bodies {
  static json product_info() {
    return {{"source_language", "en"},
            {"product_name", "Glow Serum"},
            {"title", "Glow Serum 30 ml"},
            {"description", "A light vitamin C serum for daily use."},
            {"selling_points", {"Brighter skin in 7 days", "Vegan formula"}},
            {"brand", "Lumen"},
            {"price", 24.99},
            {"currency", "USD"}};
  }

  static json upload_request(const std::string& video_url = "https://cdn.example.com/clips/clip.mp4") {
    return {{"upload_type", "UPLOAD_BY_URL"}, {"use_scenario", "AIGC"}, {"video_url", video_url}};
  }

  static json voiceover_task(const std::vector<std::string>& video_ids, int count = 1) {
    return {{"aigc_video_type", "VOICEOVER"},
            {"product_video_info",
             {{"video_generation_count", count},
              {"target_language", "en"},
              {"product_info_list", {product_info()}},
              {"input_video_list", {{"video_id_list", video_ids}}}}}};
  }

  static json product_script_task(int count = 4) {
    return {{"script_source", "PRODUCT"},
            {"video_duration", "15S"},
            {"product_info",
             {{"name", "Glow Serum"},
              {"brand", "Lumen"},
              {"price", 24.99},
              {"currency", "USD"},
              {"description", "A light vitamin C serum for daily use."},
              {"selling_points", {"Brighter skin in 7 days", "Vegan formula"}}}},
            {"media_list", {{"image_url_list", {"https://cdn.example.com/a.png"}}}},
            {"script_info",
             {{"tone", "Friendly"}, {"style", "Product focused"}, {"point_of_view", "From brand"},
              {"script_language", "en"}, {"relevant_industry", "Beauty & personal care"}}},
            {"script_generation_count", count}};
  }
};

// A fresh directory, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tiktok-aigc-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class MockFixture : public ::testing::Test, public Bodies {
 protected:
  explicit MockFixture(Options options = test_options()) : server(std::move(options)) {}

  void SetUp() override {
    server.start();
    client = std::make_unique<httplib::Client>(server.base_url());
    client->set_tcp_nodelay(true);
    client->set_read_timeout(15, 0);
  }
  void TearDown() override { server.stop(); }

  Reply post(const std::string& path, const json& body, const std::string& token = kToken) {
    return post_raw(path, body.dump(), "application/json", token);
  }
  Reply post_raw(const std::string& path, const std::string& body, const std::string& content_type,
                 const std::string& token = kToken) {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Access-Token", token);
    return to_reply(client->Post(path.c_str(), headers, body, content_type.c_str()));
  }
  // `query` is the raw, already-encoded query string (without '?').
  Reply get(const std::string& path, const std::string& query = "",
            const std::string& token = kToken) {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Access-Token", token);
    const std::string target = query.empty() ? path : path + "?" + query;
    return to_reply(client->Get(target.c_str(), headers));
  }

  // Documented workflow steps, for tests that need them as a given.
  std::string upload(const std::string& token = kToken) {
    const Reply reply = post(kUploadPath, upload_request(), token);
    EXPECT_EQ(reply.code(), 0) << reply.body;
    return reply.data().at(0).at("video_id");
  }

  std::vector<std::string> create_voiceover(int count = 1, const std::string& token = kToken) {
    const Reply reply = post(kVideoTaskCreatePath, voiceover_task({upload(token)}, count), token);
    EXPECT_EQ(reply.code(), 0) << reply.body;
    return reply.data().at("task_ids").get<std::vector<std::string>>();
  }

  std::string create_script_task(int count = 4, const std::string& token = kToken) {
    const Reply reply = post(kScriptTaskCreatePath, product_script_task(count), token);
    EXPECT_EQ(reply.code(), 0) << reply.body;
    return reply.data().at("task_id");
  }

  // The avatar catalogue's first avatar (the same in every mock).
  std::string first_avatar_id() {
    const Reply reply = get(kAvatarListPath, "page_size=1");
    EXPECT_EQ(reply.code(), 0) << reply.body;
    return reply.data().at("list").at(0).at("avatar_id");
  }

  // An avatar video task of that avatar; its id.
  std::string create_avatar_video(const std::string& script = "Hello from the mock.",
                                  const std::string& token = kToken) {
    const json package = {{"avatar_id", first_avatar_id()}, {"script", script}};
    const Reply reply = post(kAvatarVideoTaskCreatePath, {{"material_packages", json::array({package})}}, token);
    EXPECT_EQ(reply.code(), 0) << reply.body;
    return reply.data().at("list").at(0).value("task_id", "");
  }

  Reply task_list(const std::vector<std::string>& task_ids, const std::string& type = "VOICEOVER",
                  const std::string& token = kToken) {
    std::string query = "task_ids=" + encode(json(task_ids).dump());
    if (!type.empty()) query += "&aigc_video_type=" + type;
    return get(kVideoTaskListPath, query, token);
  }

  // The state but the journal, which grows with every request: what a refused request
  // must leave as it was.
  json records() const {
    json out = server.state();
    out.erase("journal_entries");
    return out;
  }

  MockServer server;
  std::unique_ptr<httplib::Client> client;
};

}  // namespace tiktok_aigc::mock::testing
