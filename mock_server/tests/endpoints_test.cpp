// The endpoints over HTTP, held to docs/mock-server.md and the API documents:
// success shapes, upload by URL against a real loopback origin, the task state machines
// on the frozen clock, the two lists and their pagination, preview URLs and their expiry,
// seed reproducibility, and token isolation.
#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "answer_assertions.hpp"
#include "origin.hpp"
#include "test_support.hpp"

namespace tiktok_aigc::mock::testing {
namespace {

using namespace std::chrono_literals;

// 2025-03-04 05:06:07 UTC, so that names and times can be checked as exact strings.
constexpr std::int64_t kStartUnix = 1741064767;
constexpr const char* kOtherToken = "other-token";

Clock::time_point start_time() { return Clock::time_point(std::chrono::seconds(kStartUnix)); }

Options endpoint_options() {
  Options options = test_options();
  options.start_time = start_time();
  options.durations.video_submitted = 10s;
  options.durations.video_processing = 50s;
  options.durations.script_submitted = 10s;
  options.durations.script_each = 5s;
  return options;
}

json upload_body(const std::string& url) {
  return {{"upload_type", "UPLOAD_BY_URL"}, {"use_scenario", "AIGC"}, {"video_url", url}};
}

std::string types_param(const std::vector<std::string>& types) {
  return "aigc_video_types=" + encode(json(types).dump());
}

std::string base64_md5(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_md5(), nullptr);
  unsigned char encoded[64];
  const int size = EVP_EncodeBlock(encoded, digest, static_cast<int>(length));
  return std::string(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(size));
}

class EndpointsTest : public MockFixture {
 protected:
  EndpointsTest() : MockFixture(endpoint_options()) {}
  explicit EndpointsTest(Options options) : MockFixture(std::move(options)) {}

  static json stock_task(const std::vector<std::string>& video_ids, int count = 1) {
    return {{"aigc_video_type", "STOCK_VIDEO"},
            {"product_video_info",
             {{"video_generation_count", count},
              {"product_info_list", json::array({product_info()})},
              {"input_video_list", {{"video_id_list", video_ids}}}}}};
  }

  static json avatar_task(int count = 1) {
    return {{"aigc_video_type", "AVATAR_PRODUCT"},
            {"product_video_info",
             {{"video_generation_count", count},
              {"target_language", "en"},
              {"product_info_list", json::array({product_info()})},
              {"input_image_list",
               {{"image_url_list",
                 json::array({"https://cdn.example.com/1.png", "https://cdn.example.com/2.png",
                              "https://cdn.example.com/3.png"})}}}}}};
  }

  std::vector<std::string> create_task(const json& body, const std::string& token = kToken) {
    const Reply reply = post(kVideoTaskCreatePath, body, token);
    EXPECT_TRUE(IsOk(reply));
    if (!field(field(reply.parsed, "data"), "task_ids").is_array()) return {};
    return reply.data().at("task_ids").get<std::vector<std::string>>();
  }

  // The one task a task list answer holds for `task_id` (VOICEOVER filter).
  json task(const std::string& task_id, const std::string& type = "VOICEOVER") {
    const Reply reply = task_list({task_id}, type);
    EXPECT_TRUE(IsOk(reply));
    const json list = field(field(reply.parsed, "data"), "list");
    EXPECT_TRUE(list.is_array() && list.size() == 1) << reply.body;
    return list.is_array() && list.size() == 1 ? list.at(0) : json();
  }

  Reply video_list(const std::optional<std::vector<std::string>>& types,
                   std::optional<int> page = std::nullopt,
                   std::optional<int> page_size = std::nullopt, const std::string& token = kToken) {
    std::vector<std::string> params;
    if (types) params.push_back(types_param(*types));
    if (page) params.push_back("page=" + std::to_string(*page));
    if (page_size) params.push_back("page_size=" + std::to_string(*page_size));
    std::string query;
    for (const auto& param : params) query += (query.empty() ? "" : "&") + param;
    return get(kVideoListPath, query, token);
  }

  Reply script_task(const std::string& task_id, const std::string& token = kToken) {
    return get(kScriptTaskGetPath, "task_id=" + encode(task_id), token);
  }

  Reply script_list(std::optional<int> page = std::nullopt,
                    std::optional<int> page_size = std::nullopt,
                    const std::string& token = kToken) {
    std::string query;
    if (page) query += "page=" + std::to_string(*page);
    if (page_size)
      query += (query.empty() ? "" : "&") + std::string("page_size=") + std::to_string(*page_size);
    return get(kScriptListPath, query, token);
  }

  static std::vector<std::string> ids_of(const json& list, const char* key) {
    std::vector<std::string> ids;
    if (!list.is_array()) return ids;
    for (const auto& item : list)
      ids.push_back(field(item, key).is_string() ? item.at(key).get<std::string>() : "");
    return ids;
  }
};

// ---------------------------------------------------------------------------------------
// 1. Success shapes of the endpoints
// ---------------------------------------------------------------------------------------

TEST_F(EndpointsTest, UploadAnswersAnArrayHoldingTheVideoIdByDefault) {
  const Reply reply = post(kUploadPath, upload_body("https://cdn.example.com/clips/clip.mp4"));
  ASSERT_TRUE(IsOk(reply));
  ASSERT_TRUE(reply.data().is_array()) << reply.body;
  ASSERT_EQ(reply.data().size(), 1u) << reply.body;
  ASSERT_TRUE(reply.data().at(0).is_object()) << reply.body;
  EXPECT_EQ(keys_of(reply.data().at(0)), std::set<std::string>{"video_id"}) << reply.body;
  EXPECT_TRUE(IsUploadId(field(reply.data().at(0), "video_id")));
}

// The sample files are there for anyone to name: unsigned, never expiring, and an upload of
// the sample video passes the upload's checks.
TEST_F(EndpointsTest, SampleMediaAreServedAndUploadable) {
  const auto video = client->Get("/media/samples/video.mp4");
  ASSERT_TRUE(video);
  EXPECT_EQ(video->status, 200);
  EXPECT_EQ(video->get_header_value("Content-Type"), "video/mp4");
  EXPECT_EQ(video->body.compare(4, 4, "ftyp"), 0);
  const auto image = client->Get("/media/samples/image.png");
  ASSERT_TRUE(image);
  EXPECT_EQ(image->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(image->body.compare(1, 3, "PNG"), 0);
  EXPECT_EQ(server.sample_video_url(), server.base_url() + "/media/samples/video.mp4");
  EXPECT_EQ(server.sample_image_url(), server.base_url() + "/media/samples/image.png");

  const Reply reply = post(kUploadPath, upload_body(server.sample_video_url()));
  ASSERT_TRUE(IsOk(reply)) << reply.body;
  server.advance_clock(std::chrono::hours(24 * 365));
  EXPECT_EQ(client->Get("/media/samples/video.mp4")->status, 200);
}

class UploadObjectShapeTest : public EndpointsTest {
 protected:
  static Options object_options() {
    Options options = endpoint_options();
    options.upload_response = UploadResponseShape::object;
    return options;
  }
  UploadObjectShapeTest() : EndpointsTest(object_options()) {}
};

TEST_F(UploadObjectShapeTest, UploadAnswersAnObjectWhenAskedFor) {
  const Reply reply = post(kUploadPath, upload_body("https://cdn.example.com/clips/clip.mp4"));
  ASSERT_TRUE(IsOk(reply));
  ASSERT_TRUE(reply.data().is_object()) << reply.body;
  EXPECT_EQ(keys_of(reply.data()), std::set<std::string>{"video_id"}) << reply.body;
  ASSERT_TRUE(IsUploadId(field(reply.data(), "video_id")));
  // The id is a real upload of this token: a task can use it.
  const std::string video_id = reply.data().at("video_id");
  EXPECT_TRUE(IsOk(post(kVideoTaskCreatePath, voiceover_task({video_id}))));
}

TEST_F(EndpointsTest, VideoTaskCreateAnswersOneTaskIdPerGeneratedVideo) {
  const std::string video_id = upload();
  const Reply reply = post(kVideoTaskCreatePath, voiceover_task({video_id}, 3));
  ASSERT_TRUE(IsOk(reply));
  ASSERT_TRUE(reply.data().is_object()) << reply.body;
  EXPECT_EQ(keys_of(reply.data()), std::set<std::string>{"task_ids"}) << reply.body;
  const json task_ids = field(reply.data(), "task_ids");
  ASSERT_TRUE(task_ids.is_array()) << reply.body;
  ASSERT_EQ(task_ids.size(), 3u) << reply.body;
  std::set<std::string> distinct;
  for (const auto& id : task_ids) {
    EXPECT_TRUE(IsId(id));
    if (id.is_string()) distinct.insert(id.get<std::string>());
  }
  EXPECT_EQ(distinct.size(), 3u) << reply.body;
  EXPECT_EQ(distinct.count(video_id), 0u) << "a task id repeats an upload id";

  // Each id is a task of its own.
  const Reply listed = task_list(task_ids.get<std::vector<std::string>>());
  ASSERT_TRUE(IsOk(listed));
  std::set<std::string> listed_ids;
  for (const auto& item : listed.data().at("list"))
    listed_ids.insert(field(item, "task_id").get<std::string>());
  EXPECT_EQ(listed_ids, distinct);
}

TEST_F(EndpointsTest, VideoGenerationCountDefaultsToOneTask) {
  json body = voiceover_task({upload()});
  body["product_video_info"].erase("video_generation_count");
  const Reply reply = post(kVideoTaskCreatePath, body);
  ASSERT_TRUE(IsOk(reply));
  ASSERT_TRUE(field(reply.data(), "task_ids").is_array()) << reply.body;
  EXPECT_EQ(reply.data().at("task_ids").size(), 1u) << reply.body;
}

TEST_F(EndpointsTest, VideoTaskListAnswersTheDocumentedFields) {
  const std::string task_id = create_voiceover().at(0);
  Reply reply = task_list({task_id});
  ASSERT_TRUE(IsOk(reply));
  ASSERT_TRUE(reply.data().is_object()) << reply.body;
  EXPECT_EQ(keys_of(reply.data()), std::set<std::string>{"list"}) << reply.body;
  ASSERT_TRUE(field(reply.data(), "list").is_array()) << reply.body;
  ASSERT_EQ(reply.data().at("list").size(), 1u) << reply.body;
  json item = reply.data().at("list").at(0);
  // video_name on every task, from the start (quirk 27).
  EXPECT_EQ(keys_of(item), (std::set<std::string>{"task_id", "aigc_video_type", "status", "video_name"}))
      << reply.body;
  EXPECT_EQ(field(item, "task_id"), task_id);
  EXPECT_EQ(field(item, "aigc_video_type"), "VOICEOVER");
  EXPECT_TRUE(field(item, "status").is_string()) << reply.body;

  server.advance_clock(60s);
  reply = task_list({task_id});
  ASSERT_TRUE(IsOk(reply));
  item = field(reply.data(), "list").at(0);
  EXPECT_EQ(keys_of(item), (std::set<std::string>{"task_id", "aigc_video_type", "status",
                                                  "video_name", "video_id", "preview_url"}))
      << reply.body;
  EXPECT_EQ(field(item, "status"), "SUCCESS");
  EXPECT_TRUE(IsId(field(item, "video_id")));
  ASSERT_TRUE(IsNonEmptyString(field(item, "preview_url")));
  EXPECT_EQ(item.at("preview_url").get<std::string>().rfind("http", 0), 0u) << reply.body;
}

TEST_F(EndpointsTest, VideoListAnswersTheDocumentedFields) {
  create_voiceover();
  server.advance_clock(60s);
  const Reply reply = video_list(std::vector<std::string>{"VOICEOVER"});
  ASSERT_TRUE(IsOk(reply));
  ASSERT_TRUE(reply.data().is_object()) << reply.body;
  EXPECT_EQ(keys_of(reply.data()), (std::set<std::string>{"list", "page_info"})) << reply.body;
  const json list = field(reply.data(), "list");
  ASSERT_TRUE(list.is_array()) << reply.body;
  ASSERT_EQ(list.size(), 1u) << reply.body;
  const json& item = list.at(0);
  EXPECT_EQ(keys_of(item), (std::set<std::string>{"aigc_video_type", "video_id", "video_name",
                                                  "create_time", "preview_url"}))
      << reply.body;
  EXPECT_EQ(field(item, "aigc_video_type"), "VOICEOVER");
  EXPECT_TRUE(IsId(field(item, "video_id")));
  EXPECT_TRUE(IsNonEmptyString(field(item, "video_name")));
  EXPECT_TRUE(IsNonEmptyString(field(item, "create_time")));
  EXPECT_TRUE(IsNonEmptyString(field(item, "preview_url")));

  const json page_info = field(reply.data(), "page_info");
  ASSERT_TRUE(page_info.is_object()) << reply.body;
  EXPECT_EQ(keys_of(page_info),
            (std::set<std::string>{"page", "page_size", "total_number", "total_page"}));
  for (const char* key : {"page", "page_size", "total_number", "total_page"}) {
    EXPECT_TRUE(field(page_info, key).is_number_integer()) << key << ": " << reply.body;
  }
}

TEST_F(EndpointsTest, ScriptTaskCreateAnswersTheTaskId) {
  const Reply reply = post(kScriptTaskCreatePath, product_script_task(2));
  ASSERT_TRUE(IsOk(reply));
  ASSERT_TRUE(reply.data().is_object()) << reply.body;
  EXPECT_EQ(keys_of(reply.data()), std::set<std::string>{"task_id"}) << reply.body;
  EXPECT_TRUE(IsId(field(reply.data(), "task_id")));
}

TEST_F(EndpointsTest, ScriptTaskGetAnswersTheDocumentedFields) {
  const std::string task_id = create_script_task(2);
  Reply reply = script_task(task_id);
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(keys_of(reply.data()), (std::set<std::string>{"task_id", "status", "list"}))
      << reply.body;
  EXPECT_EQ(field(reply.data(), "task_id"), task_id);
  EXPECT_TRUE(field(reply.data(), "status").is_string()) << reply.body;
  EXPECT_TRUE(field(reply.data(), "list").is_array()) << reply.body;

  server.advance_clock(10min);
  reply = script_task(task_id);
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "status"), "SUCCESS");
  const json list = field(reply.data(), "list");
  ASSERT_TRUE(list.is_array()) << reply.body;
  ASSERT_EQ(list.size(), 2u) << reply.body;
  std::set<std::string> ids;
  for (const auto& script : list) {
    EXPECT_EQ(keys_of(script), (std::set<std::string>{"script_id", "title", "script"}))
        << reply.body;
    EXPECT_TRUE(IsId(field(script, "script_id")));
    EXPECT_TRUE(IsNonEmptyString(field(script, "title")));
    EXPECT_TRUE(IsNonEmptyString(field(script, "script")));
    if (field(script, "script_id").is_string())
      ids.insert(script.at("script_id").get<std::string>());
  }
  EXPECT_EQ(ids.size(), 2u) << "script ids repeat: " << reply.body;
  EXPECT_EQ(ids.count(task_id), 0u);
}

TEST_F(EndpointsTest, ScriptListAnswersTheDocumentedFields) {
  create_script_task(2);
  server.advance_clock(10min);
  const Reply reply = script_list();
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(keys_of(reply.data()), (std::set<std::string>{"list", "page_info"})) << reply.body;
  const json list = field(reply.data(), "list");
  ASSERT_TRUE(list.is_array()) << reply.body;
  ASSERT_EQ(list.size(), 2u) << reply.body;
  for (const auto& script : list) {
    EXPECT_EQ(keys_of(script), (std::set<std::string>{"script_id", "title", "script"}))
        << reply.body;
    EXPECT_TRUE(IsId(field(script, "script_id")));
    EXPECT_TRUE(IsNonEmptyString(field(script, "title")));
    EXPECT_TRUE(IsNonEmptyString(field(script, "script")));
  }
  const json page_info = field(reply.data(), "page_info");
  EXPECT_EQ(keys_of(page_info),
            (std::set<std::string>{"page", "page_size", "total_number", "total_page"}));
  for (const char* key : {"page", "page_size", "total_number", "total_page"}) {
    EXPECT_TRUE(field(page_info, key).is_number_integer()) << key << ": " << reply.body;
  }
}

TEST_F(EndpointsTest, RequestIdsAreUniqueAndCarryTheMockClock) {
  std::vector<Reply> replies;
  const std::string video_id = upload();
  replies.push_back(post(kUploadPath, upload_body("https://cdn.example.com/clips/b.mp4")));
  replies.push_back(post(kVideoTaskCreatePath, voiceover_task({video_id})));
  const std::string task_id = field(replies.back().data(), "task_ids").at(0);
  replies.push_back(post(kScriptTaskCreatePath, product_script_task(1)));
  const std::string script_task_id = field(replies.back().data(), "task_id");
  for (int i = 0; i < 3; ++i) {
    replies.push_back(task_list({task_id}));
    replies.push_back(video_list(std::vector<std::string>{"VOICEOVER"}));
    replies.push_back(script_task(script_task_id));
    replies.push_back(script_list());
  }
  std::set<std::string> ids;
  for (const Reply& reply : replies) {
    ASSERT_TRUE(IsOk(reply));
    const std::string id = reply.parsed.at("request_id");
    EXPECT_EQ(id.substr(0, 14), "20250304050607") << "the frozen clock's time: " << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), replies.size()) << "request ids repeat";

  server.advance_clock(90s);
  const Reply later = script_list();
  ASSERT_TRUE(IsOk(later));
  EXPECT_EQ(later.parsed.at("request_id").get<std::string>().substr(0, 14), "20250304050737");
  EXPECT_EQ(ids.count(later.parsed.at("request_id")), 0u);
}

// ---------------------------------------------------------------------------------------
// 2. Upload by URL, fetched from a loopback origin
// ---------------------------------------------------------------------------------------

constexpr const char* kMd5Body = "fake mp4 payload for the Content-MD5 check";
constexpr const char* kMd5BodyBase64 =
    "dLFaFCMMYQa093/0GsymOw==";  // openssl dgst -md5 -binary | base64

class UploadFetchTest : public EndpointsTest {
 protected:
  static Options fetch_options() {
    Options options = endpoint_options();
    options.max_upload_bytes = 1000;
    return options;
  }
  UploadFetchTest() : EndpointsTest(fetch_options()) {}

  void SetUp() override {
    EndpointsTest::SetUp();
    origin.add("/good.mp4", {200, "video/mp4", std::string(600, 'v'), {}});
    origin.add("/page.mp4", {200, "text/html", "<html><body>not a video</body></html>", {}});
    origin.add("/plain.mp4", {200, "text/plain; charset=utf-8", "not a video either", {}});
    origin.add("/md5-good.mp4",
               {200, "video/mp4", kMd5Body, {{"Content-MD5", base64_md5(kMd5Body)}}});
    origin.add("/md5-bad.mp4",
               {200, "video/mp4", kMd5Body, {{"Content-MD5", base64_md5("some other bytes")}}});
    origin.add("/empty.mp4", {200, "video/mp4", "", {}});
    origin.add("/limit.mp4", {200, "video/mp4", std::string(1000, 'l'), {}});
    origin.add("/big.mp4", {200, "video/mp4", std::string(5000, 'b'), {}});
    origin.add("/clip.txt", {200, "video/mp4", std::string(100, 't'), {}});
  }

  Reply upload_url(const std::string& url) { return post(kUploadPath, upload_body(url)); }

  Origin origin;
};

TEST_F(UploadFetchTest, FetchedVideoIsAcceptedAndUsable) {
  const Reply reply = upload_url(origin.url("/good.mp4"));
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(origin.hits("/good.mp4"), 1) << "the mock did not fetch the loopback URL";
  ASSERT_TRUE(reply.data().is_array() && reply.data().size() == 1) << reply.body;
  const json video_id = field(reply.data().at(0), "video_id");
  ASSERT_TRUE(IsUploadId(video_id));
  EXPECT_TRUE(IsOk(post(kVideoTaskCreatePath, voiceover_task({video_id.get<std::string>()}))));
}

TEST_F(UploadFetchTest, TextContentTypeIs40908) {
  EXPECT_TRUE(IsError(upload_url(origin.url("/page.mp4")), 40908));
  EXPECT_EQ(origin.hits("/page.mp4"), 1);
  EXPECT_TRUE(IsError(upload_url(origin.url("/plain.mp4")), 40908));
  EXPECT_EQ(origin.hits("/plain.mp4"), 1);
}

TEST_F(UploadFetchTest, MatchingContentMd5IsAccepted) {
  ASSERT_EQ(base64_md5(kMd5Body), kMd5BodyBase64) << "the test's own MD5 helper is wrong";
  const Reply reply = upload_url(origin.url("/md5-good.mp4"));
  EXPECT_TRUE(IsOk(reply));
  EXPECT_EQ(origin.hits("/md5-good.mp4"), 1);
}

TEST_F(UploadFetchTest, MismatchedContentMd5Is40900) {
  EXPECT_TRUE(IsError(upload_url(origin.url("/md5-bad.mp4")), 40900));
  EXPECT_EQ(origin.hits("/md5-bad.mp4"), 1);
}

TEST_F(UploadFetchTest, EmptyFileIs40906) {
  EXPECT_TRUE(IsError(upload_url(origin.url("/empty.mp4")), 40906));
  EXPECT_EQ(origin.hits("/empty.mp4"), 1);
}

TEST_F(UploadFetchTest, NotFoundIs40903) {
  EXPECT_TRUE(IsError(upload_url(origin.url("/missing.mp4")), 40903));
  EXPECT_EQ(origin.hits("/missing.mp4"), 1);
}

TEST_F(UploadFetchTest, FileOverMaxUploadBytesIs40907) {
  EXPECT_TRUE(IsError(upload_url(origin.url("/big.mp4")), 40907));
  EXPECT_EQ(origin.hits("/big.mp4"), 1);
  // Exactly the limit is within it.
  EXPECT_TRUE(IsOk(upload_url(origin.url("/limit.mp4"))));
  EXPECT_EQ(origin.hits("/limit.mp4"), 1);
}

TEST_F(UploadFetchTest, UnsupportedExtensionIs40908WithoutFetching) {
  EXPECT_TRUE(IsError(upload_url(origin.url("/clip.txt")), 40908));
  EXPECT_EQ(origin.hits("/clip.txt"), 0) << "the URL was fetched despite its extension";
  EXPECT_EQ(origin.total_hits(), 0);
}

TEST_F(UploadFetchTest, NonLoopbackHostIsAcceptedWithoutFetching) {
  // .invalid never resolves: a fetch attempt would fail (40903), so code 0 shows none was made.
  const Reply reply = upload_url("https://videos.example.invalid/a.mp4");
  ASSERT_TRUE(IsOk(reply));
  ASSERT_TRUE(reply.data().is_array() && reply.data().size() == 1) << reply.body;
  EXPECT_TRUE(IsUploadId(field(reply.data().at(0), "video_id")));
  EXPECT_EQ(origin.total_hits(), 0);
  // Its extension is still checked.
  EXPECT_TRUE(IsError(upload_url("https://videos.example.invalid/a.txt"), 40908));
}

// ---------------------------------------------------------------------------------------
// 3. The video task state machine
// ---------------------------------------------------------------------------------------

TEST_F(EndpointsTest, VideoTaskGoesSubmittedProcessingSuccess) {
  const std::string task_id = create_voiceover().at(0);
  const auto expect_state = [&](const std::string& status) {
    const json item = task(task_id);
    EXPECT_EQ(field(item, "status"), status) << item.dump();
    EXPECT_EQ(field(item, "task_id"), task_id);
    EXPECT_EQ(field(item, "aigc_video_type"), "VOICEOVER");
    if (status != "SUCCESS") {
      EXPECT_FALSE(item.contains("video_id")) << item.dump();
      EXPECT_FALSE(item.contains("preview_url")) << item.dump();
    }
    return item;
  };
  expect_state("SUBMITTED");
  server.advance_clock(9999ms);
  expect_state("SUBMITTED");
  server.advance_clock(1ms);  // 10 s
  expect_state("PROCESSING");
  server.advance_clock(49999ms);
  expect_state("PROCESSING");
  EXPECT_EQ(
      field(field(video_list(std::vector<std::string>{"VOICEOVER"}).parsed, "data"), "list"),
      json::array())
      << "a video is listed before its task succeeded";
  server.advance_clock(1ms);  // 60 s
  const json done = expect_state("SUCCESS");
  EXPECT_TRUE(IsId(field(done, "video_id")));
  EXPECT_TRUE(IsNonEmptyString(field(done, "preview_url")));
  // And it stays so.
  server.advance_clock(1h);
  EXPECT_EQ(field(task(task_id), "video_id"), field(done, "video_id"));
}

TEST_F(EndpointsTest, EveryTaskOfACreateMovesOnItsOwn) {
  const std::vector<std::string> task_ids = create_voiceover(5);
  ASSERT_EQ(task_ids.size(), 5u);
  server.advance_clock(60s);
  const Reply reply = task_list(task_ids);
  ASSERT_TRUE(IsOk(reply));
  ASSERT_EQ(reply.data().at("list").size(), 5u) << reply.body;
  std::set<std::string> video_ids;
  for (const auto& item : reply.data().at("list")) {
    EXPECT_EQ(field(item, "status"), "SUCCESS") << reply.body;
    if (IsId(field(item, "video_id"))) video_ids.insert(item.at("video_id").get<std::string>());
  }
  EXPECT_EQ(video_ids.size(), 5u) << "each task has a video of its own: " << reply.body;
  const Reply listed = video_list(std::vector<std::string>{"VOICEOVER"});
  ASSERT_TRUE(IsOk(listed));
  EXPECT_EQ(field(listed.data(), "list").size(), 5u) << listed.body;
}

TEST_F(EndpointsTest, QueuedFailedOutcomeFailsTheTask) {
  server.queue_video_outcomes({TaskOutcome::failed});
  const std::vector<std::string> task_ids = create_voiceover(2);  // the first fails, the second not
  ASSERT_EQ(task_ids.size(), 2u);
  server.advance_clock(59s);
  EXPECT_EQ(field(task(task_ids[0]), "status"), "PROCESSING");
  server.advance_clock(1s);
  const json failed = task(task_ids[0]);
  EXPECT_EQ(field(failed, "status"), "FAILED") << failed.dump();
  EXPECT_FALSE(failed.contains("video_id")) << failed.dump();
  EXPECT_FALSE(failed.contains("preview_url")) << failed.dump();
  const json succeeded = task(task_ids[1]);
  EXPECT_EQ(field(succeeded, "status"), "SUCCESS") << succeeded.dump();

  const Reply listed = video_list(std::vector<std::string>{"VOICEOVER"});
  ASSERT_TRUE(IsOk(listed));
  ASSERT_EQ(field(listed.data(), "list").size(), 1u)
      << "a FAILED task has no video: " << listed.body;
  EXPECT_EQ(field(listed.data().at("list").at(0), "video_id"), field(succeeded, "video_id"));
  EXPECT_EQ(field(field(listed.data(), "page_info"), "total_number"), 1);

  // The queue was used up: the next task succeeds again.
  const std::string next = create_voiceover().at(0);
  server.advance_clock(60s);
  EXPECT_EQ(field(task(next), "status"), "SUCCESS");
}

TEST_F(EndpointsTest, TaskListFiltersByAigcVideoType) {
  const std::string task_id = create_voiceover().at(0);
  server.advance_clock(60s);

  // Without the filter only dubbing tasks come back: none.
  Reply reply = task_list({task_id}, "");
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "list"), json::array()) << reply.body;

  reply = task_list({task_id}, "STOCK_VIDEO");
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "list"), json::array()) << reply.body;

  reply = task_list({task_id}, "VOICEOVER");
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "list").size(), 1u) << reply.body;

  // A STOCK_VIDEO task is found with its own type only.
  const std::string stock_id = create_task(stock_task({upload()})).at(0);
  reply = task_list({task_id, stock_id}, "STOCK_VIDEO");
  ASSERT_TRUE(IsOk(reply));
  ASSERT_EQ(field(reply.data(), "list").size(), 1u) << reply.body;
  EXPECT_EQ(field(reply.data().at("list").at(0), "task_id"), stock_id);
  EXPECT_EQ(field(reply.data().at("list").at(0), "aigc_video_type"), "STOCK_VIDEO");
}

TEST_F(EndpointsTest, TaskListIdsMustExist) {
  const std::string task_id = create_voiceover().at(0);
  const std::string unknown = "7000000000000000001";
  Reply reply = task_list({unknown});
  EXPECT_TRUE(IsError(reply, 40007));
  EXPECT_NE(reply.message().find("task_ids"), std::string::npos) << reply.body;
  // One unknown id among known ones is enough.
  EXPECT_TRUE(IsError(task_list({task_id, unknown}), 40007));
  // Even without the filter the ids have to exist.
  EXPECT_TRUE(IsError(task_list({unknown}, ""), 40007));
  // A video id or an upload id is not a task id.
  EXPECT_TRUE(IsError(task_list({upload()}), 40007));
}

// ---------------------------------------------------------------------------------------
// 4. Script tasks
// ---------------------------------------------------------------------------------------

TEST_F(EndpointsTest, ScriptTaskGoesSubmittedProcessingPartialSuccess) {
  // script_submitted 10 s, then one script every 5 s.
  const std::string task_id = create_script_task(3);
  const auto state = [&]() {
    const Reply reply = script_task(task_id);
    EXPECT_TRUE(IsOk(reply));
    return reply.parsed.is_object() ? field(reply.parsed, "data") : json();
  };
  json data = state();
  EXPECT_EQ(field(data, "status"), "SUBMITTED") << data.dump();
  EXPECT_EQ(field(data, "list"), json::array()) << data.dump();
  server.advance_clock(9999ms);
  EXPECT_EQ(field(state(), "status"), "SUBMITTED");
  server.advance_clock(1ms);  // 10 s
  data = state();
  EXPECT_EQ(field(data, "status"), "PROCESSING") << data.dump();
  EXPECT_EQ(field(data, "list"), json::array()) << data.dump();
  server.advance_clock(4999ms);
  EXPECT_EQ(field(state(), "status"), "PROCESSING");

  json previous = json::array();
  for (std::size_t arrived = 1; arrived <= 3; ++arrived) {
    server.advance_clock(arrived == 1 ? 1ms : Millis(5s));
    data = state();
    EXPECT_EQ(field(data, "status"), arrived < 3 ? "PARTIAL_SUCCESS" : "SUCCESS")
        << arrived << " arrived: " << data.dump();
    const json list = field(data, "list");
    ASSERT_TRUE(list.is_array()) << data.dump();
    ASSERT_EQ(list.size(), arrived) << data.dump();
    for (const auto& script : list) {
      EXPECT_TRUE(IsId(field(script, "script_id")));
      EXPECT_TRUE(IsNonEmptyString(field(script, "title")));
      EXPECT_TRUE(IsNonEmptyString(field(script, "script")));
    }
    // The scripts that arrived earlier are still there, unchanged.
    for (const auto& earlier : previous) {
      EXPECT_NE(std::find(list.begin(), list.end(), earlier), list.end())
          << "lost " << earlier.dump() << " in " << data.dump();
    }
    previous = list;
  }
  server.advance_clock(1h);
  EXPECT_EQ(field(state(), "list"), previous) << "a finished task changed";
}

TEST_F(EndpointsTest, ScriptGenerationCountDefaultsToFour) {
  json body = product_script_task();
  body.erase("script_generation_count");
  const Reply created = post(kScriptTaskCreatePath, body);
  ASSERT_TRUE(IsOk(created));
  const std::string task_id = created.data().at("task_id");
  server.advance_clock(10min);
  const Reply reply = script_task(task_id);
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "status"), "SUCCESS");
  EXPECT_EQ(field(reply.data(), "list").size(), 4u) << reply.body;
}

TEST_F(EndpointsTest, ScriptGenerationCountGivesThatManyScripts) {
  const std::string task_id = create_script_task(7);
  server.advance_clock(10min);
  const Reply reply = script_task(task_id);
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "status"), "SUCCESS");
  const json list = field(reply.data(), "list");
  ASSERT_EQ(list.size(), 7u) << reply.body;
  std::set<std::string> ids, texts;
  for (const auto& script : list) {
    ids.insert(field(script, "script_id").dump());
    texts.insert(field(script, "script").dump());
  }
  EXPECT_EQ(ids.size(), 7u);
  EXPECT_GT(texts.size(), 1u) << "every script of the task is the same text";
}

TEST_F(EndpointsTest, QueuedFailedOutcomeFailsTheScriptTask) {
  server.queue_script_outcomes({TaskOutcome::failed});
  const std::string task_id = create_script_task(2);
  for (int step = 0; step < 8; ++step) {
    const Reply reply = script_task(task_id);
    ASSERT_TRUE(IsOk(reply));
    EXPECT_EQ(field(reply.data(), "list"), json::array())
        << "a failing task lists scripts: " << reply.body;
    EXPECT_NE(field(reply.data(), "status"), "PARTIAL_SUCCESS") << reply.body;
    EXPECT_NE(field(reply.data(), "status"), "SUCCESS") << reply.body;
    server.advance_clock(5s);
  }
  server.advance_clock(10min);
  const Reply reply = script_task(task_id);
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "status"), "FAILED") << reply.body;
  EXPECT_EQ(field(reply.data(), "list"), json::array()) << reply.body;
  const Reply listed = script_list();
  ASSERT_TRUE(IsOk(listed));
  EXPECT_EQ(field(listed.data(), "list"), json::array()) << listed.body;
  EXPECT_EQ(field(field(listed.data(), "page_info"), "total_number"), 0);

  // The queue was used up: the next task succeeds again.
  const std::string next = create_script_task(1);
  server.advance_clock(10min);
  EXPECT_EQ(field(script_task(next).data(), "status"), "SUCCESS");
}

TEST_F(EndpointsTest, CustomScriptTaskIsWrittenFromThePrompt) {
  const json body = {{"script_source", "CUSTOM"},
                     {"custom_prompt",
                      "Show how Moonbeam Tea helps people unwind after a long day. Mention the "
                      "calming chamomile blend."},
                     {"script_generation_count", 2}};
  const Reply created = post(kScriptTaskCreatePath, body);
  ASSERT_TRUE(IsOk(created));
  ASSERT_TRUE(IsId(field(created.data(), "task_id")));
  server.advance_clock(10min);
  const Reply reply = script_task(created.data().at("task_id"));
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "status"), "SUCCESS");
  const json list = field(reply.data(), "list");
  ASSERT_EQ(list.size(), 2u) << reply.body;
  for (const auto& script : list) {
    ASSERT_TRUE(IsNonEmptyString(field(script, "title")));
    ASSERT_TRUE(IsNonEmptyString(field(script, "script")));
    const std::string text = script.at("script");
    EXPECT_TRUE(text.find("Moonbeam") != std::string::npos ||
                text.find("chamomile") != std::string::npos)
        << "the script does not reflect the prompt: " << text;
  }
}

TEST_F(EndpointsTest, ProductScriptMentionsTheProductOrASellingPoint) {
  const std::string task_id = create_script_task(4);
  server.advance_clock(10min);
  const Reply reply = script_task(task_id);
  ASSERT_TRUE(IsOk(reply));
  const json list = field(reply.data(), "list");
  ASSERT_EQ(list.size(), 4u) << reply.body;
  for (const auto& script : list) {
    const std::string text = field(script, "title").get<std::string>() + "\n" +
                             field(script, "script").get<std::string>();
    bool mentioned = text.find("Glow Serum") != std::string::npos;
    for (const char* point :
         {"Brighter skin in 7 days", "Vegan formula", "brighter skin in 7 days", "vegan formula"}) {
      mentioned = mentioned || text.find(point) != std::string::npos;
    }
    EXPECT_TRUE(mentioned) << "neither the product nor a selling point: " << text;
  }
}

// ---------------------------------------------------------------------------------------
// 5. The video list
// ---------------------------------------------------------------------------------------

TEST_F(EndpointsTest, VideoListHoldsSucceededVideosOfTheRequestedTypes) {
  const std::string voiceover_task_id = create_voiceover().at(0);
  const std::string stock_task_id = create_task(stock_task({upload()})).at(0);
  server.queue_video_outcomes({TaskOutcome::failed});
  create_voiceover();  // FAILED
  server.advance_clock(30s);
  create_voiceover();  // still PROCESSING at 60 s
  server.advance_clock(30s);

  const std::string voiceover_video = field(task(voiceover_task_id), "video_id");
  const std::string stock_video = field(task(stock_task_id, "STOCK_VIDEO"), "video_id");

  Reply reply = video_list(std::vector<std::string>{"VOICEOVER"});
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(ids_of(field(reply.data(), "list"), "video_id"),
            std::vector<std::string>{voiceover_video})
      << reply.body;
  EXPECT_EQ(field(field(reply.data(), "page_info"), "total_number"), 1);

  reply = video_list(std::vector<std::string>{"STOCK_VIDEO"});
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(ids_of(field(reply.data(), "list"), "video_id"), std::vector<std::string>{stock_video})
      << reply.body;

  reply = video_list(std::vector<std::string>{"AVATAR_PRODUCT"});
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "list"), json::array()) << reply.body;

  reply = video_list(std::vector<std::string>{"VOICEOVER", "STOCK_VIDEO"});
  ASSERT_TRUE(IsOk(reply));
  const auto both = ids_of(field(reply.data(), "list"), "video_id");
  EXPECT_EQ(std::set<std::string>(both.begin(), both.end()),
            (std::set<std::string>{voiceover_video, stock_video}))
      << reply.body;
  EXPECT_EQ(field(field(reply.data(), "page_info"), "total_number"), 2);

  // Without the filter: dubbed videos only, of which there are none.
  reply = video_list(std::nullopt);
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "list"), json::array()) << reply.body;
  EXPECT_EQ(field(field(reply.data(), "page_info"), "total_number"), 0) << reply.body;

  // The PROCESSING one appears once it succeeds.
  server.advance_clock(30s);
  reply = video_list(std::vector<std::string>{"VOICEOVER"});
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "list").size(), 2u) << reply.body;
}

// Pages over several types, read one after another, give the whole list once, in order.
TEST_F(EndpointsTest, PagesOverSeveralTypesSplitTheMergedListWithoutGapsOrRepeats) {
  for (int i = 0; i < 4; ++i) {
    create_voiceover();
    server.advance_clock(1s);
    create_task(stock_task({upload()}, 2));
    server.advance_clock(1s);
    create_task(avatar_task());
    server.advance_clock(1s);
  }
  server.advance_clock(2min);
  const std::vector<std::string> types = {"VOICEOVER", "STOCK_VIDEO", "AVATAR_PRODUCT"};
  const Reply whole = video_list(types, 1, 20);
  ASSERT_TRUE(IsOk(whole));
  const auto all = ids_of(field(whole.data(), "list"), "video_id");
  ASSERT_EQ(all.size(), 16u) << whole.body;

  std::vector<std::string> paged;
  for (int page = 1; page <= 6; ++page) {  // 3 a page: the last one holds one
    const Reply reply = video_list(types, page, 3);
    ASSERT_TRUE(IsOk(reply));
    const auto some = ids_of(field(reply.data(), "list"), "video_id");
    EXPECT_EQ(some.size(), page < 6 ? 3u : 1u) << reply.body;
    EXPECT_EQ(field(field(reply.data(), "page_info"), "total_number"), 16);
    paged.insert(paged.end(), some.begin(), some.end());
  }
  EXPECT_EQ(paged, all);
}

TEST_F(EndpointsTest, VideoNameAndCreateTimeAreTheMomentOfSuccess) {
  // Created at 05:06:07, 05:06:08 and 05:06:09; each succeeds 60 s later.
  create_voiceover();
  server.advance_clock(1s);
  create_task(stock_task({upload()}));
  server.advance_clock(1s);
  create_task(avatar_task());
  server.advance_clock(2min);

  const Reply reply =
      video_list(std::vector<std::string>{"VOICEOVER", "STOCK_VIDEO", "AVATAR_PRODUCT"});
  ASSERT_TRUE(IsOk(reply));
  const json list = field(reply.data(), "list");
  ASSERT_EQ(list.size(), 3u) << reply.body;

  static const std::regex name_pattern(
      R"(^(STOCK_VIDEO|AVATAR_PRODUCT|VOICEOVER)-(\d{14})-[A-Z0-9]{3}$)");
  static const std::regex time_pattern(R"(^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$)");
  const struct {
    const char* type;
    const char* stamp;
    const char* create_time;
  } expected[] = {
      // newest first
      {"AVATAR_PRODUCT", "20250304050709", "2025-03-04 05:07:09"},
      {"STOCK_VIDEO", "20250304050708", "2025-03-04 05:07:08"},
      {"VOICEOVER", "20250304050707", "2025-03-04 05:07:07"},
  };
  for (std::size_t i = 0; i < 3; ++i) {
    const json& item = list.at(i);
    const std::string name =
        field(item, "video_name").is_string() ? item.at("video_name").get<std::string>() : "";
    const std::string time =
        field(item, "create_time").is_string() ? item.at("create_time").get<std::string>() : "";
    std::smatch name_match, time_match;
    ASSERT_TRUE(std::regex_match(name, name_match, name_pattern)) << name;
    ASSERT_TRUE(std::regex_match(time, time_match, time_pattern)) << time;
    EXPECT_EQ(name_match[1].str(), field(item, "aigc_video_type").get<std::string>())
        << item.dump();
    // The name's timestamp is create_time's.
    EXPECT_EQ(name_match[2].str(), time_match[1].str() + time_match[2].str() + time_match[3].str() +
                                       time_match[4].str() + time_match[5].str() +
                                       time_match[6].str());
    EXPECT_EQ(field(item, "aigc_video_type"), expected[i].type) << reply.body;
    EXPECT_EQ(name_match[2].str(), expected[i].stamp) << name;
    EXPECT_EQ(time, expected[i].create_time);
  }
}

TEST_F(EndpointsTest, VideoListPagesNewestFirst) {
  // Seven videos, created (and so succeeding) a second apart.
  std::vector<std::string> task_ids;
  for (int i = 0; i < 7; ++i) {
    if (i > 0) server.advance_clock(1s);
    task_ids.push_back(create_voiceover().at(0));
  }
  server.advance_clock(60s);
  std::vector<std::string> newest_first;
  for (auto id = task_ids.rbegin(); id != task_ids.rend(); ++id) {
    newest_first.push_back(field(task(*id), "video_id").get<std::string>());
  }

  // Defaults: page 1, page_size 10.
  Reply reply = video_list(std::vector<std::string>{"VOICEOVER"});
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "page_info"),
            (json{{"page", 1}, {"page_size", 10}, {"total_number", 7}, {"total_page", 1}}))
      << reply.body;
  EXPECT_EQ(ids_of(field(reply.data(), "list"), "video_id"), newest_first);
  const json all = field(reply.data(), "list");
  for (std::size_t i = 1; i < all.size(); ++i) {
    EXPECT_GT(field(all.at(i - 1), "create_time").get<std::string>(),
              field(all.at(i), "create_time").get<std::string>());
  }

  // Pages of 3: 3 + 3 + 1, then nothing.
  std::vector<std::string> paged;
  for (int page = 1; page <= 4; ++page) {
    reply = video_list(std::vector<std::string>{"VOICEOVER"}, page, 3);
    ASSERT_TRUE(IsOk(reply));
    EXPECT_EQ(field(reply.data(), "page_info"),
              (json{{"page", page}, {"page_size", 3}, {"total_number", 7}, {"total_page", 3}}))
        << reply.body;
    const std::size_t expected_size = page < 3 ? 3 : page == 3 ? 1 : 0;
    const auto ids = ids_of(field(reply.data(), "list"), "video_id");
    EXPECT_EQ(ids.size(), expected_size) << reply.body;
    paged.insert(paged.end(), ids.begin(), ids.end());
  }
  EXPECT_EQ(paged, newest_first);

  // A page size that divides the total.
  reply = video_list(std::vector<std::string>{"VOICEOVER"}, 1, 7);
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(field(reply.data(), "page_info"), "total_page"), 1);
  reply = video_list(std::vector<std::string>{"VOICEOVER"}, 7, 1);
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(field(reply.data(), "page_info"), "total_page"), 7);
  EXPECT_EQ(ids_of(field(reply.data(), "list"), "video_id"),
            std::vector<std::string>{newest_first.back()});
  reply = video_list(std::vector<std::string>{"VOICEOVER"}, 100, 100);
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "list"), json::array());
  EXPECT_EQ(field(reply.data(), "page_info"),
            (json{{"page", 100}, {"page_size", 100}, {"total_number", 7}, {"total_page", 1}}));
}

TEST_F(EndpointsTest, EmptyVideoListHasZeroPages) {
  const Reply reply = video_list(std::vector<std::string>{"VOICEOVER"});
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "list"), json::array());
  EXPECT_EQ(field(field(reply.data(), "page_info"), "total_number"), 0);
  EXPECT_EQ(field(field(reply.data(), "page_info"), "total_page"), 0);
}

// ---------------------------------------------------------------------------------------
// 6. The script list
// ---------------------------------------------------------------------------------------

TEST_F(EndpointsTest, ScriptListPagesTheArrivedScriptsOfAllTasksNewestFirst) {
  const std::string first = create_script_task(3);  // arrive at 15, 20 and 25 s
  server.advance_clock(30s);
  const std::string second = create_script_task(4);  // arrive at 45, 50, 55 and 60 s
  server.advance_clock(20s);                         // 50 s: two of the second have arrived

  const Reply first_task = script_task(first);
  const Reply second_task = script_task(second);
  ASSERT_TRUE(IsOk(first_task));
  ASSERT_TRUE(IsOk(second_task));
  ASSERT_EQ(field(second_task.data(), "status"), "PARTIAL_SUCCESS") << second_task.body;
  const auto first_ids = ids_of(field(first_task.data(), "list"), "script_id");
  const auto second_ids = ids_of(field(second_task.data(), "list"), "script_id");
  ASSERT_EQ(first_ids.size(), 3u);
  ASSERT_EQ(second_ids.size(), 2u);
  // Newest first: the second task's two, the latest first, then the first task's three.
  std::vector<std::string> expected = {second_ids[1], second_ids[0]};
  for (auto id = first_ids.rbegin(); id != first_ids.rend(); ++id) expected.push_back(*id);

  Reply reply = script_list();
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "page_info"),
            (json{{"page", 1}, {"page_size", 10}, {"total_number", 5}, {"total_page", 1}}))
      << reply.body;
  EXPECT_EQ(ids_of(field(reply.data(), "list"), "script_id"), expected) << reply.body;
  // The list entries are the task's scripts, the same fields and text.
  const json listed = field(reply.data(), "list");
  for (const auto& script : field(first_task.data(), "list")) {
    EXPECT_NE(std::find(listed.begin(), listed.end(), script), listed.end()) << script.dump();
  }

  std::vector<std::string> paged;
  for (int page = 1; page <= 4; ++page) {
    reply = script_list(page, 2);
    ASSERT_TRUE(IsOk(reply));
    EXPECT_EQ(field(reply.data(), "page_info"),
              (json{{"page", page}, {"page_size", 2}, {"total_number", 5}, {"total_page", 3}}))
        << reply.body;
    const auto ids = ids_of(field(reply.data(), "list"), "script_id");
    EXPECT_EQ(ids.size(), page < 3 ? 2u : page == 3 ? 1u : 0u) << reply.body;
    paged.insert(paged.end(), ids.begin(), ids.end());
  }
  EXPECT_EQ(paged, expected);

  // The rest arrive.
  server.advance_clock(10s);
  reply = script_list(1, 100);
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(field(reply.data(), "page_info"), "total_number"), 7) << reply.body;
  EXPECT_EQ(field(reply.data(), "list").size(), 7u);
}

TEST_F(EndpointsTest, EmptyScriptListHasZeroResults) {
  create_script_task(2);  // nothing has arrived yet
  const Reply reply = script_list();
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "list"), json::array());
  EXPECT_EQ(field(field(reply.data(), "page_info"), "total_number"), 0);
  EXPECT_EQ(field(field(reply.data(), "page_info"), "total_page"), 0);
}

// ---------------------------------------------------------------------------------------
// 7. Preview URLs
// ---------------------------------------------------------------------------------------

TEST_F(EndpointsTest, PreviewUrlServesAnMp4WithoutTokenForSixHours) {
  const std::string task_id = create_voiceover().at(0);
  server.advance_clock(60s);  // the video is created now
  const std::string url = field(task(task_id), "preview_url");

  Reply reply = fetch_url(url);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.headers.find("Content-Type") != reply.headers.end()
                ? reply.headers.find("Content-Type")->second.substr(0, 9)
                : "",
            "video/mp4");
  ASSERT_GE(reply.body.size(), 8u);
  EXPECT_EQ(reply.body.substr(4, 4), "ftyp");

  // The video list's preview_url is served too.
  const Reply listed = video_list(std::vector<std::string>{"VOICEOVER"});
  ASSERT_TRUE(IsOk(listed));
  EXPECT_EQ(fetch_url(field(listed.data().at("list").at(0), "preview_url")).status, 200);

  server.advance_clock(6h - 1s);
  EXPECT_EQ(fetch_url(url).status, 200) << "expired before six hours";
  server.advance_clock(1s);
  EXPECT_EQ(fetch_url(url).status, 403) << "still served six hours after creation";
  server.advance_clock(24h);
  EXPECT_EQ(fetch_url(url).status, 403);
}

TEST_F(EndpointsTest, TamperedOrUnknownPreviewUrlIsRefused) {
  const std::string task_id = create_voiceover().at(0);
  server.advance_clock(60s);
  const json item = task(task_id);
  const std::string url = field(item, "preview_url");
  const std::string video_id = field(item, "video_id");
  ASSERT_EQ(fetch_url(url).status, 200);

  static const std::regex parts(R"(^(.*[?&]expires=)(\d+)(.*[?&]signature=)([^&]+)(.*)$)");
  std::smatch match;
  ASSERT_TRUE(std::regex_match(url, match, parts)) << url;
  // Another signature.
  std::string signature = match[4];
  signature.back() = signature.back() == '0' ? '1' : '0';
  EXPECT_EQ(fetch_url(match[1].str() + match[2].str() + match[3].str() + signature + match[5].str())
                .status,
            403);
  // A later expiry under the same signature.
  const std::string later = std::to_string(std::stoll(match[2].str()) + 3600);
  EXPECT_EQ(
      fetch_url(match[1].str() + later + match[3].str() + match[4].str() + match[5].str()).status,
      403);
  // An id that names no video.
  std::string unknown = url;
  const auto at = unknown.find(video_id);
  ASSERT_NE(at, std::string::npos) << url;
  unknown.replace(at, video_id.size(), "7000000000000000001");
  EXPECT_EQ(fetch_url(unknown).status, 404);
}

// ---------------------------------------------------------------------------------------
// 8. Seed reproducibility
// ---------------------------------------------------------------------------------------

// One fixed session against a fresh server: everything it was told, except the URLs
// (which carry the port).
json run_session(std::uint64_t seed) {
  Options options = endpoint_options();
  options.seed = seed;
  MockServer server(options);
  server.start();
  httplib::Client http(server.base_url());
  http.set_tcp_nodelay(true);
  const httplib::Headers headers = {{"Access-Token", kToken}};
  const auto call_post = [&](const char* path, const json& body) {
    return to_reply(http.Post(path, headers, body.dump(), "application/json")).parsed;
  };
  const auto call_get = [&](const std::string& target) {
    return to_reply(http.Get(target.c_str(), headers)).parsed;
  };

  json session;
  const json uploaded = call_post(kUploadPath, upload_body("https://cdn.example.com/clips/a.mp4"));
  const std::string video_id = uploaded.at("data").at(0).at("video_id");
  session["upload"] = video_id;
  json task_body = {
      {"aigc_video_type", "VOICEOVER"},
      {"product_video_info",
       {{"video_generation_count", 2},
        {"target_language", "en"},
        {"product_info_list", json::array({{{"source_language", "en"},
                                            {"product_name", "Glow Serum"},
                                            {"title", "Glow Serum 30 ml"},
                                            {"description", "A light serum."},
                                            {"selling_points", json::array({"Vegan formula"})}}})},
        {"input_video_list", {{"video_id_list", json::array({video_id})}}}}}};
  const json tasks = call_post(kVideoTaskCreatePath, task_body);
  session["task_ids"] = tasks.at("data").at("task_ids");
  const json script_body = {
      {"script_source", "PRODUCT"},
      {"product_info",
       {{"name", "Glow Serum"},
        {"description", "A light serum."},
        {"selling_points", json::array({"Vegan formula"})}}},
      {"media_list", {{"image_url_list", json::array({"https://cdn.example.com/a.png"})}}},
      {"script_generation_count", 3}};
  const json script_task = call_post(kScriptTaskCreatePath, script_body);
  session["script_task_id"] = script_task.at("data").at("task_id");
  server.advance_clock(10min);

  const json listed = call_get(std::string(kVideoListPath) + "?" + types_param({"VOICEOVER"}));
  for (const auto& video : listed.at("data").at("list")) {
    session["videos"].push_back(
        {video.at("video_id"), video.at("video_name"), video.at("create_time")});
  }
  const json scripts = call_get(std::string(kScriptTaskGetPath) +
                                "?task_id=" + session["script_task_id"].get<std::string>());
  session["scripts"] = scripts.at("data").at("list");
  server.stop();
  return session;
}

TEST(EndpointsSeedTest, SameSeedGivesTheSameIdsNamesAndScripts) {
  const json first = run_session(1234);
  const json second = run_session(1234);
  ASSERT_EQ(first.at("videos").size(), 2u) << first.dump();
  ASSERT_EQ(first.at("scripts").size(), 3u) << first.dump();
  EXPECT_EQ(first, second);
}

TEST(EndpointsSeedTest, AnotherSeedGivesOtherIds) {
  const json first = run_session(1234);
  const json other = run_session(4321);
  EXPECT_NE(first.at("upload"), other.at("upload"));
  EXPECT_NE(first.at("task_ids"), other.at("task_ids"));
  EXPECT_NE(first.at("script_task_id"), other.at("script_task_id"));
  EXPECT_NE(first.at("videos"), other.at("videos"));
}

// ---------------------------------------------------------------------------------------
// 9. Isolation between tokens
// ---------------------------------------------------------------------------------------

TEST_F(EndpointsTest, AnotherTokenSeesNothingOfThisOne) {
  const std::string video_id = upload();
  const std::string task_id = create_task(voiceover_task({video_id})).at(0);
  const std::string script_task_id = create_script_task(2);
  server.advance_clock(10min);

  // The owner sees everything.
  ASSERT_TRUE(IsOk(task_list({task_id})));
  ASSERT_EQ(field(video_list(std::vector<std::string>{"VOICEOVER"}).data(), "list").size(), 1u);
  ASSERT_TRUE(IsOk(script_task(script_task_id)));
  ASSERT_EQ(field(script_list().data(), "list").size(), 2u);

  Reply reply = task_list({task_id}, "VOICEOVER", kOtherToken);
  EXPECT_TRUE(IsError(reply, 40007));
  reply = script_task(script_task_id, kOtherToken);
  EXPECT_TRUE(IsError(reply, 40007));
  EXPECT_NE(reply.message().find("task_id"), std::string::npos) << reply.body;
  reply = post(kVideoTaskCreatePath, voiceover_task({video_id}), kOtherToken);
  EXPECT_TRUE(IsError(reply, 40007));
  EXPECT_NE(reply.message().find("video_id_list"), std::string::npos) << reply.body;

  reply = video_list(std::vector<std::string>{"VOICEOVER", "STOCK_VIDEO", "AVATAR_PRODUCT"},
                     std::nullopt, std::nullopt, kOtherToken);
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "list"), json::array()) << reply.body;
  EXPECT_EQ(field(field(reply.data(), "page_info"), "total_number"), 0);
  reply = script_list(std::nullopt, std::nullopt, kOtherToken);
  ASSERT_TRUE(IsOk(reply));
  EXPECT_EQ(field(reply.data(), "list"), json::array()) << reply.body;

  // And the other token's own work stays its own.
  const std::string other_task = create_voiceover(1, kOtherToken).at(0);
  EXPECT_TRUE(IsError(task_list({other_task}), 40007));
}

TEST_F(EndpointsTest, UnknownScriptTaskIs40007) {
  const Reply reply = script_task("7000000000000000001");
  EXPECT_TRUE(IsError(reply, 40007));
  EXPECT_NE(reply.message().find("task_id"), std::string::npos) << reply.body;
}

}  // namespace
}  // namespace tiktok_aigc::mock::testing
