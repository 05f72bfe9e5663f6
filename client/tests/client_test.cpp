// The client end to end against the in-process mock: every endpoint through the typed API,
// every error category, waiting for tasks (batching, progress, failure, timeout and resume,
// cancellation, poll intervals), every page, downloads, logging, threads and the
// environment. No test sleeps: the FakeClock's sleeps move the mock's clock.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "client_test_support.hpp"
#include "tiktok_aigc/tiktok_aigc.hpp"

namespace tiktok_aigc::testing {
namespace {

using nlohmann::json;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kUploadPath = "/open_api/v1.3/file/video/ad/upload/";
constexpr const char* kVideoTaskCreatePath = "/open_api/v1.3/creative/aigc/video/task/create/";
constexpr const char* kVideoTaskListPath = "/open_api/v1.3/creative/aigc/video/task/list/";
constexpr const char* kVideoListPath = "/open_api/v1.3/creative/aigc/video/list/";
constexpr const char* kScriptCreatePath =
    "/open_api/v1.3/creative/aigc/script_generation/task/create/";
constexpr const char* kScriptGetPath = "/open_api/v1.3/creative/aigc/script/task/get/";
constexpr const char* kScriptListPath = "/open_api/v1.3/creative/aigc/script/list/";

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

mock::Options mock_options(const std::function<void(mock::Options&)>& change) {
  mock::Options options = quiet_mock_options();
  change(options);
  return options;
}

// Sets (or, with nullptr, unsets) an environment variable for a scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = std::string(old);
    if (value) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_.c_str(), old_->c_str(), 1);
    } else {
      ::unsetenv(name_.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

// A file path in the temporary directory, removed (with its ".part") at the end.
class TempPath {
 public:
  explicit TempPath(const std::string& name)
      : path_(std::string(::testing::TempDir()) + "client_test_" + std::to_string(::getpid()) +
              "_" + name) {
    cleanup();
  }
  ~TempPath() { cleanup(); }
  const std::string& str() const { return path_; }

 private:
  void cleanup() const {
    std::remove(path_.c_str());
    std::remove((path_ + ".part").c_str());
  }
  std::string path_;
};

bool file_exists(const std::string& path) { return std::ifstream(path).good(); }

std::uint64_t file_size(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  return in ? static_cast<std::uint64_t>(in.tellg()) : 0;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool all_digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

VideoProductInfo video_product() {
  VideoProductInfo product;
  product.source_language = "en";
  product.product_name = "Trail Runner 2";
  product.title = "Run further";
  product.description = "A light shoe for long trails.";
  product.selling_points = {"Light", "Grippy"};
  product.brand = "Acme";
  product.price = 89.99;
  product.currency = "USD";
  return product;
}

CreateVideoTaskRequest stock_request(const std::vector<std::string>& video_ids, int count) {
  CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::stock_video();
  request.product_video_info.video_generation_count = count;
  request.product_video_info.product_info_list = {video_product()};
  request.product_video_info.video_id_list = video_ids;
  return request;
}

std::vector<std::string> image_urls(int n) {
  std::vector<std::string> urls;
  for (int i = 0; i < n; ++i) urls.push_back("https://cdn.example.com/img/" + std::to_string(i) + ".png");
  return urls;
}

CreateScriptTaskRequest custom_script_request(int count) {
  CreateScriptTaskRequest request;
  request.script_source = ScriptSource::custom();
  request.custom_prompt = "A 20 second script for a trail running shoe, upbeat.";
  request.script_generation_count = count;
  return request;
}

// The mock's journal entries for one path.
std::vector<mock::JournalEntry> entries_for(const mock::MockServer& server, const std::string& path) {
  std::vector<mock::JournalEntry> out;
  for (const auto& entry : server.journal()) {
    if (entry.path == path) out.push_back(entry);
  }
  return out;
}

// The value of one parameter of a raw (URL-encoded) query string.
std::optional<std::string> query_param(const std::string& raw_query, const std::string& name) {
  std::size_t start = 0;
  while (start <= raw_query.size()) {
    std::size_t end = raw_query.find('&', start);
    if (end == std::string::npos) end = raw_query.size();
    const std::string pair = raw_query.substr(start, end - start);
    const std::size_t eq = pair.find('=');
    if (eq != std::string::npos && httplib::detail::decode_url(pair.substr(0, eq), true) == name) {
      return httplib::detail::decode_url(pair.substr(eq + 1), true);
    }
    start = end + 1;
  }
  return std::nullopt;
}

std::size_t count_status(const std::vector<VideoTask>& tasks, const TaskStatus& status) {
  return static_cast<std::size_t>(
      std::count_if(tasks.begin(), tasks.end(), [&](const VideoTask& t) { return t.status == status; }));
}

std::vector<std::string> sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

// The fixture with helpers that drive the workflow through the client under test.
class ClientTest : public ClientFixture {
 protected:
  ClientTest() = default;
  explicit ClientTest(mock::Options options) : ClientFixture(std::move(options)) {}

  std::string upload(Client& with) {
    UploadVideoRequest request;
    request.video_url = "https://cdn.example.com/videos/clip.mp4";
    Result<UploadedVideo> uploaded = with.upload_video(request);
    EXPECT_TRUE(uploaded.ok()) << uploaded.status().to_string();
    return uploaded.ok() ? uploaded->video_id : std::string();
  }
  std::string upload() { return upload(*client); }

  // STOCK_VIDEO tasks, `count` per create, one create per entry of `counts`.
  std::vector<std::string> create_stock_tasks(Client& with, const std::vector<int>& counts) {
    const std::string video_id = upload(with);
    std::vector<std::string> ids;
    for (int count : counts) {
      Result<CreatedVideoTasks> created = with.create_video_tasks(stock_request({video_id}, count));
      EXPECT_TRUE(created.ok()) << created.status().to_string();
      if (!created.ok()) continue;
      EXPECT_EQ(created->task_ids.size(), static_cast<std::size_t>(count));
      ids.insert(ids.end(), created->task_ids.begin(), created->task_ids.end());
    }
    return ids;
  }
  std::vector<std::string> create_stock_tasks(const std::vector<int>& counts) {
    return create_stock_tasks(*client, counts);
  }

  // Options without the client's own rate limiter or retries: one attempt per call.
  ClientOptions single_attempt_options(const std::string& token = "client-test-token") {
    ClientOptions o = options(token);
    o.rate_limit = false;
    o.retry.max_attempts = 1;
    return o;
  }

  // The status fields every API error carries, held to the mock's journal.
  void expect_api_error(const Status& status, ErrorCategory category, int code) {
    EXPECT_EQ(status.category, category) << status.to_string();
    EXPECT_EQ(status.api_code, code);
    EXPECT_EQ(status.http_status, 200);
    EXPECT_FALSE(status.request_id.empty());
    const auto journal = mock.journal();
    ASSERT_FALSE(journal.empty());
    EXPECT_EQ(status.request_id, journal.back().request_id);
    ASSERT_TRUE(journal.back().code.has_value());
    EXPECT_EQ(*journal.back().code, code);
    EXPECT_NE(status.to_string().find(std::to_string(code)), std::string::npos) << status.to_string();
    EXPECT_NE(status.to_string().find(to_string(category)), std::string::npos) << status.to_string();
  }
};

// ---------------------------------------------------------------------------------------
// 1. Every endpoint's success path
// ---------------------------------------------------------------------------------------

TEST_F(ClientTest, UploadReturnsTheVideoIdAndKeepsTheObject) {
  UploadVideoRequest request;
  request.video_url = "https://cdn.example.com/videos/clip.mp4";
  Result<UploadedVideo> uploaded = client->upload_video(request);
  ASSERT_TRUE(uploaded.ok()) << uploaded.status().to_string();
  EXPECT_EQ(uploaded->video_id.size(), 32u) << uploaded->video_id;  // the live API's shape
  ASSERT_TRUE(uploaded->raw.json().is_object()) << uploaded->raw.dump();  // data[0], not data
  EXPECT_EQ(uploaded->raw.json().at("video_id"), uploaded->video_id);

  const auto journal = mock.journal();
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_EQ(journal[0].method, "POST");
  EXPECT_EQ(journal[0].path, kUploadPath);
  EXPECT_EQ(json::parse(journal[0].body),
            json({{"upload_type", "UPLOAD_BY_URL"},
                  {"use_scenario", "AIGC"},
                  {"video_url", "https://cdn.example.com/videos/clip.mp4"}}));
}

class ObjectUploadTest : public ClientTest {
 protected:
  ObjectUploadTest()
      : ClientTest(mock_options([](mock::Options& o) { o.upload_response = mock::UploadResponseShape::object; })) {}
};

TEST_F(ObjectUploadTest, UploadAnsweredAsAnObjectIsReadToo) {
  UploadVideoRequest request;
  request.video_url = "https://cdn.example.com/videos/clip.mov";
  Result<UploadedVideo> uploaded = client->upload_video(request);
  ASSERT_TRUE(uploaded.ok()) << uploaded.status().to_string();
  EXPECT_EQ(uploaded->video_id.size(), 32u) << uploaded->video_id;
  EXPECT_EQ(uploaded->raw.json().at("video_id"), uploaded->video_id);
}

TEST_F(ClientTest, CreatesVideoTasksOfAllThreeTypes) {
  const std::string video_id = upload();

  Result<CreatedVideoTasks> stock = client->create_video_tasks(stock_request({video_id}, 2));
  ASSERT_TRUE(stock.ok()) << stock.status().to_string();
  ASSERT_EQ(stock->task_ids.size(), 2u);

  CreateVideoTaskRequest avatar;
  avatar.aigc_video_type = AigcVideoType::avatar_product();
  avatar.product_video_info.video_generation_count = 1;
  avatar.product_video_info.target_language = TargetLanguage::fr();
  avatar.product_video_info.product_info_list = {video_product()};
  avatar.product_video_info.image_url_list = image_urls(3);
  Result<CreatedVideoTasks> avatar_tasks = client->create_video_tasks(avatar);
  ASSERT_TRUE(avatar_tasks.ok()) << avatar_tasks.status().to_string();
  ASSERT_EQ(avatar_tasks->task_ids.size(), 1u);

  CreateVideoTaskRequest voiceover;
  voiceover.aigc_video_type = AigcVideoType::voiceover();
  voiceover.product_video_info.video_generation_count = 3;
  voiceover.product_video_info.target_language = TargetLanguage::de();
  voiceover.product_video_info.product_info_list = {video_product()};
  voiceover.product_video_info.video_id_list = std::vector<std::string>{video_id};
  Result<CreatedVideoTasks> voice_tasks = client->create_video_tasks(voiceover);
  ASSERT_TRUE(voice_tasks.ok()) << voice_tasks.status().to_string();
  ASSERT_EQ(voice_tasks->task_ids.size(), 3u);

  std::set<std::string> all;
  for (const auto* created : {&*stock, &*avatar_tasks, &*voice_tasks}) {
    ASSERT_TRUE(created->raw.json().is_object());
    ASSERT_TRUE(created->raw.json().at("task_ids").is_array());
    ASSERT_EQ(created->raw.json().at("task_ids").size(), created->task_ids.size());
    for (std::size_t i = 0; i < created->task_ids.size(); ++i) {
      EXPECT_EQ(created->raw.json()["task_ids"][i], created->task_ids[i]);
      EXPECT_TRUE(all_digits(created->task_ids[i]));
      all.insert(created->task_ids[i]);
    }
  }
  EXPECT_EQ(all.size(), 6u);

  // The bodies as sent: the type, and each type's input list.
  const auto creates = entries_for(mock, kVideoTaskCreatePath);
  ASSERT_EQ(creates.size(), 3u);
  EXPECT_EQ(json::parse(creates[0].body).at("aigc_video_type"), "STOCK_VIDEO");
  const json avatar_body = json::parse(creates[1].body);
  EXPECT_EQ(avatar_body.at("aigc_video_type"), "AVATAR_PRODUCT");
  EXPECT_EQ(avatar_body.at("product_video_info").at("input_image_list").at("image_url_list").size(), 3u);
  EXPECT_EQ(avatar_body.at("product_video_info").at("target_language"), "fr");
  EXPECT_EQ(json::parse(creates[2].body).at("aigc_video_type"), "VOICEOVER");
  for (const auto& entry : creates) {
    EXPECT_EQ(entry.method, "POST");
    ASSERT_TRUE(entry.code.has_value());
    EXPECT_EQ(*entry.code, 0);
  }
}

TEST_F(ClientTest, TaskListAndVideoListGiveTypedTasksAndVideos) {
  const std::vector<std::string> ids = create_stock_tasks({2});
  ASSERT_EQ(ids.size(), 2u);

  VideoTaskQuery query;
  query.task_ids = ids;
  query.aigc_video_type = AigcVideoType::stock_video();
  Result<VideoTaskList> early = client->get_video_tasks(query);
  ASSERT_TRUE(early.ok()) << early.status().to_string();
  ASSERT_EQ(early->list.size(), 2u);
  for (const VideoTask& task : early->list) {
    EXPECT_EQ(task.status, TaskStatus::submitted());
    EXPECT_EQ(task.aigc_video_type, AigcVideoType::stock_video());
    EXPECT_FALSE(task.video_id.has_value());
    EXPECT_FALSE(task.preview_url.has_value());
    EXPECT_EQ(task.raw.json().at("task_id"), task.task_id);
  }
  EXPECT_TRUE(early->raw.json().at("list").is_array());

  // The task list request carries the ids as one JSON text and the type.
  const auto lists = entries_for(mock, kVideoTaskListPath);
  ASSERT_EQ(lists.size(), 1u);
  EXPECT_EQ(lists[0].method, "GET");
  EXPECT_EQ(json::parse(query_param(lists[0].query, "task_ids").value_or("null")), json(ids));
  EXPECT_EQ(query_param(lists[0].query, "aigc_video_type"), "STOCK_VIDEO");

  mock.advance_clock(seconds(61));
  Result<VideoTaskList> done = client->get_video_tasks(query);
  ASSERT_TRUE(done.ok()) << done.status().to_string();
  ASSERT_EQ(done->list.size(), 2u);
  std::set<std::string> video_ids;
  for (const VideoTask& task : done->list) {
    EXPECT_EQ(task.status, TaskStatus::success());
    ASSERT_TRUE(task.video_id.has_value());
    ASSERT_TRUE(task.preview_url.has_value());
    EXPECT_EQ(task.raw.json().at("video_id"), *task.video_id);
    EXPECT_EQ(task.raw.json().at("preview_url"), *task.preview_url);
    EXPECT_NE(task.preview_url->find("/media/preview/" + *task.video_id + ".mp4"), std::string::npos);
    video_ids.insert(*task.video_id);
  }
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()),
            (std::set<std::string>{done->list[0].task_id, done->list[1].task_id}));

  Result<VideoPage> page = client->list_videos();
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  ASSERT_EQ(page->list.size(), 2u);
  EXPECT_EQ(page->page_info.page, 1);
  EXPECT_EQ(page->page_info.total_number, 2);
  EXPECT_EQ(page->page_info.total_page, 1);
  EXPECT_GT(page->page_info.page_size, 0);
  std::set<std::string> listed;
  for (const Video& video : page->list) {
    listed.insert(video.video_id);
    EXPECT_EQ(video.aigc_video_type, AigcVideoType::stock_video());
    EXPECT_EQ(video.video_name.rfind("STOCK_VIDEO-", 0), 0u) << video.video_name;
    EXPECT_EQ(video.create_time.size(), 19u) << video.create_time;
    EXPECT_FALSE(video.preview_url.empty());
    EXPECT_EQ(video.raw.json().at("video_id"), video.video_id);
    EXPECT_EQ(video.raw.json().at("video_name"), video.video_name);
  }
  EXPECT_EQ(listed, video_ids);
  EXPECT_EQ(page->raw.json().at("page_info").at("total_number"), 2);

  // The video list always names every type (quirk 6).
  const auto video_lists = entries_for(mock, kVideoListPath);
  ASSERT_EQ(video_lists.size(), 1u);
  EXPECT_EQ(json::parse(query_param(video_lists[0].query, "aigc_video_types").value_or("null")),
            json({"STOCK_VIDEO", "AVATAR_PRODUCT", "VOICEOVER", "IMAGE_ANIMATION", "DUBBING"}));
}

// ---- Image to Video ----

CreateImageAnimationTaskRequest image_animation(int count) {
  CreateImageAnimationTaskRequest request;
  request.image_url = "https://cdn.example.com/images/shoe.png";
  request.change_background = true;
  request.background_prompt = "Simple backdrop";
  request.animation_prompt = "Walk";
  request.video_generation_count = count;
  return request;
}

TEST_F(ClientTest, AnImageIsAnimatedIntoVideosOfTheSharedListsNamedInLowerCase) {
  const Result<CreatedVideoTasks> created = client->create_image_animation_tasks(image_animation(2));
  ASSERT_TRUE(created.ok()) << created.status().to_string();
  ASSERT_EQ(created->task_ids.size(), 2u);  // one task per video
  const auto creates = entries_for(mock, "/open_api/v1.3/creative/aigc/image_animation/task/create/");
  ASSERT_EQ(creates.size(), 1u);
  EXPECT_EQ(json::parse(creates[0].body), json::parse(R"({"image_url": "https://cdn.example.com/images/shoe.png",
      "change_background": true, "background_prompt": "Simple backdrop", "animation_prompt": "Walk",
      "video_generation_count": 2})"));

  const TaskWait<VideoTask> done = client->wait_for_video_tasks(created->task_ids, AigcVideoType::image_animation());
  ASSERT_TRUE(done.ok()) << done.status.to_string();
  for (const VideoTask& task : done.tasks) {
    EXPECT_EQ(task.aigc_video_type, AigcVideoType::image_animation());
    ASSERT_TRUE(task.video_name.has_value());
    EXPECT_EQ(task.video_name->rfind("image_animation-", 0), 0u) << *task.video_name;  // quirk 26
    EXPECT_TRUE(task.preview_url.has_value());
  }
  VideoListQuery query;
  query.aigc_video_types = {AigcVideoType::image_animation()};
  const Result<VideoPage> page = client->list_videos(query);
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  ASSERT_EQ(page->list.size(), 2u);
  EXPECT_EQ(page->page_info.total_number, 2);
  EXPECT_EQ(page->list[0].video_name, done.tasks[1].video_name.value_or(""));  // newest first
  // Other types' lists do not show them.
  query.aigc_video_types = {AigcVideoType::stock_video()};
  EXPECT_TRUE(client->list_videos(query)->list.empty());
}

// Quirk 28: no video of an IMAGE_ANIMATION filter is data {}, read as an empty page.
TEST_F(ClientTest, NoImageAnimationYetIsAnEmptyPage) {
  VideoListQuery query;
  query.aigc_video_types = {AigcVideoType::image_animation()};
  const Result<VideoPage> page = client->list_videos(query);
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  EXPECT_TRUE(page->list.empty());
  EXPECT_EQ(page->page_info.total_number, 0);
  EXPECT_EQ(page->raw.json(), json::object());
  int items = 0;
  for (const Result<Video>& video : client->all_videos(query)) items += video.ok() ? 1 : 100;
  EXPECT_EQ(items, 0);
}

// Quirk 27: every task item has its video's name; a FAILED one says why.
TEST_F(ClientTest, AFailedImageAnimationSaysWhy) {
  mock.queue_video_outcomes({mock::TaskOutcome::failed});
  const Result<CreatedVideoTasks> created = client->create_image_animation_tasks(image_animation(1));
  ASSERT_TRUE(created.ok()) << created.status().to_string();
  const TaskWait<VideoTask> done = client->wait_for_video_tasks(created->task_ids, AigcVideoType::image_animation());
  EXPECT_EQ(done.status.category, ErrorCategory::task_failed);
  ASSERT_EQ(done.tasks.size(), 1u);
  EXPECT_EQ(done.tasks[0].status, TaskStatus::failed());
  EXPECT_FALSE(done.tasks[0].error_msg.value_or("").empty());
  EXPECT_TRUE(done.tasks[0].video_name.has_value());
  EXPECT_FALSE(done.tasks[0].preview_url.has_value());
}

TEST_F(ClientTest, ImageAnimationRulesAreCheckedBeforeSending) {
  CreateImageAnimationTaskRequest request = image_animation(6);
  Result<CreatedVideoTasks> refused = client->create_image_animation_tasks(request);
  EXPECT_EQ(refused.status().api_code, 40002);
  EXPECT_EQ(refused.status().message, "video_generation_count: must be between 1 and 5, got 6");
  request = image_animation(1);
  request.image_url = "shoe.png";
  refused = client->create_image_animation_tasks(request);
  EXPECT_NE(refused.status().message.find("image_url: must be an absolute http(s) URL"), std::string::npos)
      << refused.status().message;
  request.image_url.clear();
  EXPECT_EQ(client->create_image_animation_tasks(request).status().message, "image_url: must not be empty");
  EXPECT_TRUE(entries_for(mock, "/open_api/v1.3/creative/aigc/image_animation/task/create/").empty());
  // A background prompt without change_background is ignored, not refused (quirk 29).
  request = image_animation(1);
  request.change_background.reset();
  EXPECT_FALSE(check(request).has_value());
}

TEST_F(ClientTest, ScriptEndpointsGiveTypedTasksAndScripts) {
  const std::string video_id = upload();

  CreateScriptTaskRequest product;
  product.script_source = ScriptSource::product();
  product.video_duration = VideoDuration::seconds_30();
  product.product_info = ScriptProductInfo{"Trail Runner 2", "A light shoe for long trails.", "Acme", 89.5,
                                           "USD", {"Light", "Grippy"}};
  product.media_list = MediaList{image_urls(2), {video_id}};
  ScriptInfo info;
  info.tone = "Confident";
  info.script_language = ScriptLanguage::es();
  product.script_info = info;
  product.script_generation_count = 2;
  Result<CreatedScriptTask> product_task = client->create_script_task(product);
  ASSERT_TRUE(product_task.ok()) << product_task.status().to_string();
  EXPECT_TRUE(all_digits(product_task->task_id));
  EXPECT_EQ(product_task->raw.json().at("task_id"), product_task->task_id);

  Result<CreatedScriptTask> custom_task = client->create_script_task(custom_script_request(1));
  ASSERT_TRUE(custom_task.ok()) << custom_task.status().to_string();
  EXPECT_TRUE(all_digits(custom_task->task_id));
  EXPECT_NE(custom_task->task_id, product_task->task_id);

  const auto creates = entries_for(mock, kScriptCreatePath);
  ASSERT_EQ(creates.size(), 2u);
  const json product_body = json::parse(creates[0].body);
  EXPECT_EQ(product_body.at("script_source"), "PRODUCT");
  EXPECT_EQ(product_body.at("media_list").at("video_id_list"), json({video_id}));
  EXPECT_EQ(json::parse(creates[1].body).at("script_source"), "CUSTOM");

  Result<ScriptTask> early = client->get_script_task({product_task->task_id});
  ASSERT_TRUE(early.ok()) << early.status().to_string();
  EXPECT_EQ(early->task_id, product_task->task_id);
  EXPECT_EQ(early->status, TaskStatus::submitted());
  EXPECT_TRUE(early->list.empty());

  mock.advance_clock(minutes(1));
  Result<ScriptTask> done = client->get_script_task({product_task->task_id});
  ASSERT_TRUE(done.ok()) << done.status().to_string();
  EXPECT_EQ(done->status, TaskStatus::success());
  ASSERT_EQ(done->list.size(), 2u);
  for (const Script& script : done->list) {
    EXPECT_TRUE(all_digits(script.script_id));
    EXPECT_FALSE(script.title.empty());
    EXPECT_FALSE(script.script.empty());
    EXPECT_EQ(script.raw.json().at("script_id"), script.script_id);
    EXPECT_EQ(script.raw.json().at("script"), script.script);
  }
  EXPECT_EQ(done->raw.json().at("task_id"), done->task_id);
  EXPECT_EQ(done->raw.json().at("status"), "SUCCESS");
  const auto gets = entries_for(mock, kScriptGetPath);
  ASSERT_FALSE(gets.empty());
  EXPECT_EQ(query_param(gets.back().query, "task_id"), product_task->task_id);

  Result<ScriptPage> page = client->list_scripts();
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  EXPECT_EQ(page->list.size(), 3u);
  EXPECT_EQ(page->page_info.total_number, 3);
  EXPECT_EQ(page->page_info.page, 1);
  std::set<std::string> listed;
  for (const Script& script : page->list) {
    listed.insert(script.script_id);
    EXPECT_EQ(script.raw.json().at("script_id"), script.script_id);
  }
  for (const Script& script : done->list) EXPECT_EQ(listed.count(script.script_id), 1u);
  EXPECT_TRUE(page->raw.json().at("list").is_array());
  EXPECT_EQ(entries_for(mock, kScriptListPath).size(), 1u);
}

// ---------------------------------------------------------------------------------------
// 2. Every error category, end to end
// ---------------------------------------------------------------------------------------

class TokenTest : public ClientTest {
 protected:
  TokenTest()
      : ClientTest(mock_options([](mock::Options& o) {
          o.tokens = {"good", "avatar-ok"};
          o.avatar_tokens = {"avatar-ok"};
        })) {}
};

TEST_F(TokenTest, AnUnknownTokenIsUnauthenticated) {
  Client other(options("not-the-good-one"));
  Result<VideoPage> page = other.list_videos();
  ASSERT_FALSE(page.ok());
  expect_api_error(page.status(), ErrorCategory::unauthenticated, 40105);
  EXPECT_EQ(mock.journal().size(), 1u);  // not retried

  Client good(options("good"));
  EXPECT_TRUE(good.list_videos().ok());
}

TEST_F(TokenTest, NoTokenAnywhereIsUnauthenticatedWithoutARequest) {
  ScopedEnv no_token("TIKTOK_ACCESS_TOKEN", nullptr);
  Client tokenless(options(""));
  Result<VideoPage> page = tokenless.list_videos();
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().category, ErrorCategory::unauthenticated);
  EXPECT_EQ(page.status().api_code, 0);
  EXPECT_EQ(page.status().http_status, 0);
  EXPECT_NE(page.status().message.find("TIKTOK_ACCESS_TOKEN"), std::string::npos);
  Result<UploadedVideo> uploaded = tokenless.upload_video({"https://cdn.example.com/a.mp4"});
  EXPECT_EQ(uploaded.status().category, ErrorCategory::unauthenticated);
  EXPECT_TRUE(mock.journal().empty());

  // The same options with an accepted token do reach the mock.
  Client good(options("good"));
  EXPECT_TRUE(good.list_videos().ok());
  EXPECT_EQ(mock.journal().size(), 1u);
}

TEST_F(TokenTest, AvatarProductWithoutTheAllowlistIsPermissionDenied) {
  CreateVideoTaskRequest avatar;
  avatar.aigc_video_type = AigcVideoType::avatar_product();
  avatar.product_video_info.product_info_list = {video_product()};
  avatar.product_video_info.image_url_list = image_urls(3);

  Client good(options("good"));
  Result<CreatedVideoTasks> refused = good.create_video_tasks(avatar);
  ASSERT_FALSE(refused.ok());
  expect_api_error(refused.status(), ErrorCategory::permission_denied, 40118);

  Client allowed(options("avatar-ok"));
  Result<CreatedVideoTasks> created = allowed.create_video_tasks(avatar);
  EXPECT_TRUE(created.ok()) << created.status().to_string();
}

TEST_F(ClientTest, InvalidArgumentIsCaughtBeforeSendingWithTheMocksMessage) {
  const std::string video_id = upload();
  mock.clear_journal();
  const CreateVideoTaskRequest request = stock_request({video_id}, 6);
  const std::string message = "product_video_info.video_generation_count: must be between 1 and 5, got 6";

  Result<CreatedVideoTasks> local = client->create_video_tasks(request);
  ASSERT_FALSE(local.ok());
  EXPECT_EQ(local.status().category, ErrorCategory::invalid_argument);
  EXPECT_EQ(local.status().api_code, 40002);
  EXPECT_EQ(local.status().message, message);
  EXPECT_TRUE(local.status().request_id.empty());
  EXPECT_TRUE(mock.journal().empty()) << "a request that breaks a rule must not be sent";

  ClientOptions unchecked = options();
  unchecked.check_requests = false;
  Client sender(unchecked);
  Result<CreatedVideoTasks> remote = sender.create_video_tasks(request);
  ASSERT_FALSE(remote.ok());
  expect_api_error(remote.status(), ErrorCategory::invalid_argument, 40002);
  EXPECT_EQ(remote.status().message, message);
  EXPECT_EQ(mock.journal().size(), 1u);  // not retried
}

TEST_F(ClientTest, UnknownTaskIdIsNotFound) {
  VideoTaskQuery query;
  query.task_ids = {"7400000000000000001"};
  query.aigc_video_type = AigcVideoType::voiceover();
  Result<VideoTaskList> tasks = client->get_video_tasks(query);
  ASSERT_FALSE(tasks.ok());
  expect_api_error(tasks.status(), ErrorCategory::not_found, 40007);
  EXPECT_EQ(mock.journal().size(), 1u);  // not retried

  Result<ScriptTask> script = client->get_script_task({"7500000000000000001"});
  ASSERT_FALSE(script.ok());
  expect_api_error(script.status(), ErrorCategory::not_found, 40007);
}

class MockRateLimitTest : public ClientTest {
 protected:
  MockRateLimitTest()
      : ClientTest(mock_options([](mock::Options& o) {
          o.rate_limits = true;
          o.rate_limit_overrides = {{"video_list", 2}};
        })) {}
};

TEST_F(MockRateLimitTest, OverTheBudgetIsRateLimited) {
  Client unlimited(single_attempt_options());
  ASSERT_TRUE(unlimited.list_videos().ok());
  ASSERT_TRUE(unlimited.list_videos().ok());
  Result<VideoPage> third = unlimited.list_videos();
  ASSERT_FALSE(third.ok());
  expect_api_error(third.status(), ErrorCategory::rate_limited, 40100);
  EXPECT_TRUE(third.status().retryable());
  EXPECT_EQ(mock.journal().size(), 3u);
  EXPECT_TRUE(clock->sleeps().empty());
}

TEST_F(MockRateLimitTest, ARefusedReadIsRetriedNoSoonerThanTheThrottledBackoff) {
  ClientOptions o = options();
  o.rate_limit = false;  // only the mock counts
  Client retrying(o);
  ASSERT_TRUE(retrying.list_videos().ok());
  ASSERT_TRUE(retrying.list_videos().ok());
  Result<VideoPage> third = retrying.list_videos();  // refused until the minute has passed
  ASSERT_TRUE(third.ok()) << third.status().to_string();
  const auto sleeps = clock->sleeps();
  ASSERT_FALSE(sleeps.empty());
  for (Duration d : sleeps) EXPECT_GE(d, o.retry.throttled_backoff);
  const auto lists = entries_for(mock, kVideoListPath);
  ASSERT_EQ(lists.size(), 3 + sleeps.size());
  for (std::size_t i = 2; i + 1 < lists.size(); ++i) EXPECT_EQ(lists[i].code.value_or(-1), 40100);
  EXPECT_EQ(lists.back().code.value_or(-1), 0);
}

TEST_F(MockRateLimitTest, TheClientsOwnLimiterKeepsWithinTheDocumentedBudget) {
  // With the client's own limiter on, 21 creates (documented budget 20 a minute, which the
  // mock enforces) wait for the sliding minute instead of being refused with 40100.
  ClientOptions o = options();
  o.retry.max_attempts = 1;
  Client limited(o);
  const std::string video_id = upload(limited);
  for (int i = 0; i < 21; ++i) {
    Result<CreatedVideoTasks> created = limited.create_video_tasks(stock_request({video_id}, 1));
    ASSERT_TRUE(created.ok()) << i << ": " << created.status().to_string();
  }
  // The 21st create waited for the sliding minute instead of being refused.
  ASSERT_FALSE(clock->sleeps().empty());
  EXPECT_GE(clock->slept(), seconds(59));
}

TEST_F(ClientTest, InjectedServerErrorIsTransient) {
  const std::vector<std::string> ids = create_stock_tasks({1});
  mock.inject_fault(code_fault("video_task_list", 1, 51010));
  Client once(single_attempt_options());
  VideoTaskQuery query;
  query.task_ids = ids;
  query.aigc_video_type = AigcVideoType::stock_video();
  Result<VideoTaskList> tasks = once.get_video_tasks(query);
  ASSERT_FALSE(tasks.ok());
  expect_api_error(tasks.status(), ErrorCategory::transient, 51010);
  EXPECT_TRUE(tasks.status().retryable());
  EXPECT_EQ(entries_for(mock, kVideoTaskListPath).size(), 1u);

  // The fault is spent: the same query now succeeds.
  EXPECT_TRUE(once.get_video_tasks(query).ok());
}

TEST_F(ClientTest, ATransientReadIsRetriedAfterABackoff) {
  const std::vector<std::string> ids = create_stock_tasks({1});
  mock.inject_fault(code_fault("video_task_list", 2, 51010));
  ClientOptions o = options();
  o.rate_limit = false;
  Client retrying(o);
  VideoTaskQuery query;
  query.task_ids = ids;
  query.aigc_video_type = AigcVideoType::stock_video();
  const std::size_t sleeps_before = clock->sleeps().size();
  Result<VideoTaskList> tasks = retrying.get_video_tasks(query);
  ASSERT_TRUE(tasks.ok()) << tasks.status().to_string();
  EXPECT_EQ(entries_for(mock, kVideoTaskListPath).size(), 3u);
  const auto sleeps = clock->sleeps();
  ASSERT_EQ(sleeps.size() - sleeps_before, 2u);  // one backoff before each retry
  EXPECT_LE(sleeps[sleeps_before], milliseconds(1000));
  EXPECT_LE(sleeps[sleeps_before + 1], milliseconds(2000));
}

// ---------------------------------------------------------------------------------------
// 3. Waiting
// ---------------------------------------------------------------------------------------

TEST_F(ClientTest, WaitsForSevenTasksAtMostFiveIdsPerQuery) {
  const std::vector<std::string> first = create_stock_tasks({5});
  mock.advance_clock(seconds(20));  // the second batch finishes 20 s after the first
  const std::vector<std::string> second = create_stock_tasks({2});
  std::vector<std::string> ids = first;
  ids.insert(ids.end(), second.begin(), second.end());
  ASSERT_EQ(ids.size(), 7u);
  mock.clear_journal();

  std::vector<std::size_t> successes;
  TaskWait<VideoTask> wait = client->wait_for_video_tasks(
      ids, AigcVideoType::stock_video(), {},
      [&](const std::vector<VideoTask>& tasks) {
        EXPECT_EQ(tasks.size(), 7u);
        successes.push_back(count_status(tasks, TaskStatus::success()));
      });
  ASSERT_TRUE(wait.ok()) << wait.status.to_string();
  ASSERT_EQ(wait.tasks.size(), 7u);
  EXPECT_TRUE(wait.pending_task_ids.empty());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(wait.tasks[i].task_id, ids[i]);  // in the order asked
    EXPECT_EQ(wait.tasks[i].status, TaskStatus::success());
    EXPECT_TRUE(wait.tasks[i].video_id.has_value());
    EXPECT_TRUE(wait.tasks[i].preview_url.has_value());
  }

  // Progress: counts never shrink, pass through the first batch alone, and end at 7.
  ASSERT_GE(successes.size(), 3u);
  EXPECT_TRUE(std::is_sorted(successes.begin(), successes.end()));
  EXPECT_EQ(successes.front(), 0u);
  EXPECT_NE(std::find(successes.begin(), successes.end(), 5u), successes.end());
  EXPECT_EQ(successes.back(), 7u);

  // Every poll named at most five ids; every id was asked about.
  std::set<std::string> asked;
  std::size_t largest = 0;
  const auto polls = entries_for(mock, kVideoTaskListPath);
  ASSERT_FALSE(polls.empty());
  for (const auto& entry : polls) {
    const std::optional<std::string> text = query_param(entry.query, "task_ids");
    ASSERT_TRUE(text.has_value()) << entry.query;
    const json task_ids = json::parse(*text);
    ASSERT_TRUE(task_ids.is_array()) << *text;
    EXPECT_LE(task_ids.size(), api::limits::kTaskIdsPerQuery) << *text;
    largest = std::max(largest, task_ids.size());
    for (const auto& id : task_ids) asked.insert(id.get<std::string>());
    EXPECT_EQ(query_param(entry.query, "aigc_video_type"), "STOCK_VIDEO");
    ASSERT_TRUE(entry.code.has_value());
    EXPECT_EQ(*entry.code, 0);
  }
  EXPECT_EQ(largest, 5u);
  EXPECT_EQ(asked, std::set<std::string>(ids.begin(), ids.end()));
  // Finished tasks are not asked about again: every round polls the second batch, the
  // first batch only up to the round that saw it finish; the last poll names the second.
  const std::size_t rounds_polling_first =
      static_cast<std::size_t>(std::find(successes.begin(), successes.end(), 5u) - successes.begin()) + 1;
  EXPECT_EQ(polls.size(), successes.size() + rounds_polling_first);
  EXPECT_EQ(json::parse(*query_param(polls.back().query, "task_ids")), json(second));
}

TEST_F(ClientTest, AFailedTaskEndsTheWaitWithTaskFailedAndEveryTask) {
  mock.queue_video_outcomes({mock::TaskOutcome::success, mock::TaskOutcome::failed});
  const std::vector<std::string> ids = create_stock_tasks({3});
  TaskWait<VideoTask> wait = client->wait_for_video_tasks(ids, AigcVideoType::stock_video());
  EXPECT_EQ(wait.status.category, ErrorCategory::task_failed) << wait.status.to_string();
  EXPECT_FALSE(wait.ok());
  ASSERT_EQ(wait.tasks.size(), 3u);
  EXPECT_TRUE(wait.pending_task_ids.empty());
  EXPECT_EQ(count_status(wait.tasks, TaskStatus::failed()), 1u);
  EXPECT_EQ(count_status(wait.tasks, TaskStatus::success()), 2u);
  for (const VideoTask& task : wait.tasks) {
    if (task.status == TaskStatus::success()) {
      EXPECT_TRUE(task.video_id.has_value());
    }
  }
}

TEST_F(ClientTest, WaitingWithTheWrongTypeFailsAtOnceInsteadOfNeverEnding) {
  const std::vector<std::string> ids = create_stock_tasks({2});
  TaskWait<VideoTask> wait = client->wait_for_video_tasks(ids, AigcVideoType::voiceover());
  EXPECT_EQ(wait.status.category, ErrorCategory::not_found) << wait.status.to_string();
  EXPECT_NE(wait.status.message.find("aigc_video_type"), std::string::npos);
  EXPECT_EQ(wait.pending_task_ids, ids);
  EXPECT_TRUE(clock->sleeps().empty());  // told at the first poll
}

TEST_F(ClientTest, ATimeoutGivesThePendingIdsAndASecondWaitResumes) {
  const std::vector<std::string> early = create_stock_tasks({2});
  mock.advance_clock(seconds(40));
  const std::vector<std::string> late = create_stock_tasks({3});
  std::vector<std::string> ids = early;
  ids.insert(ids.end(), late.begin(), late.end());

  WaitOptions short_wait;
  short_wait.timeout = seconds(30);  // the early tasks need 20 s more, the late ones 60 s
  const auto started = clock->now();
  TaskWait<VideoTask> first = client->wait_for_video_tasks(ids, AigcVideoType::stock_video(), short_wait);
  EXPECT_EQ(first.status.category, ErrorCategory::deadline_exceeded) << first.status.to_string();
  EXPECT_EQ(first.pending_task_ids, late);
  ASSERT_EQ(first.tasks.size(), 5u);
  EXPECT_EQ(count_status(first.tasks, TaskStatus::success()), 2u);
  EXPECT_EQ(first.tasks[0].status, TaskStatus::success());
  EXPECT_EQ(first.tasks[1].status, TaskStatus::success());
  // The wait ended at its deadline, not later.
  EXPECT_EQ(clock->now() - started, seconds(30));

  TaskWait<VideoTask> resumed =
      client->wait_for_video_tasks(first.pending_task_ids, AigcVideoType::stock_video());
  ASSERT_TRUE(resumed.ok()) << resumed.status.to_string();
  ASSERT_EQ(resumed.tasks.size(), 3u);
  EXPECT_EQ(count_status(resumed.tasks, TaskStatus::success()), 3u);
  EXPECT_TRUE(resumed.pending_task_ids.empty());
}

TEST_F(ClientTest, CancellingFromOnProgressEndsTheWait) {
  const std::vector<std::string> ids = create_stock_tasks({2});
  WaitOptions wait_options;
  int calls = 0;
  TaskWait<VideoTask> wait = client->wait_for_video_tasks(
      ids, AigcVideoType::stock_video(), wait_options, [&](const std::vector<VideoTask>&) {
        if (++calls == 2) wait_options.cancel.cancel();
      });
  EXPECT_EQ(wait.status.category, ErrorCategory::cancelled) << wait.status.to_string();
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(wait.pending_task_ids, ids);
  ASSERT_EQ(wait.tasks.size(), 2u);
  EXPECT_EQ(entries_for(mock, kVideoTaskListPath).size(), 2u);  // no poll after the cancel
}

TEST_F(ClientTest, PollIntervalsGrowFromFirstToMax) {
  ClientOptions o = options();
  o.rate_limit = false;  // only the wait's own sleeps
  Client waiter(o);
  const std::vector<std::string> ids = create_stock_tasks(waiter, {1});  // done after 60 s
  ASSERT_TRUE(clock->sleeps().empty());

  WaitOptions wait_options;
  wait_options.first_interval = seconds(2);
  wait_options.max_interval = seconds(10);
  TaskWait<VideoTask> wait = waiter.wait_for_video_tasks(ids, AigcVideoType::stock_video(), wait_options);
  ASSERT_TRUE(wait.ok()) << wait.status.to_string();
  // 2, 3, 4.5, 6.75, then capped at 10: polls at 0, 2, 5, 9.5, 16.25, 26.25 ... 66.25 s.
  const std::vector<Duration> expected = {milliseconds(2000),  milliseconds(3000),  milliseconds(4500),
                                          milliseconds(6750),  milliseconds(10000), milliseconds(10000),
                                          milliseconds(10000), milliseconds(10000), milliseconds(10000)};
  EXPECT_EQ(clock->sleeps(), expected);
  EXPECT_EQ(entries_for(mock, kVideoTaskListPath).size(), expected.size() + 1);
}

TEST_F(ClientTest, ScriptWaitSeesPartialSuccessGrowBeforeSuccess) {
  Result<CreatedScriptTask> created = client->create_script_task(custom_script_request(4));
  ASSERT_TRUE(created.ok()) << created.status().to_string();

  WaitOptions wait_options;
  wait_options.first_interval = seconds(1);
  wait_options.max_interval = seconds(2);
  std::vector<std::pair<std::string, std::size_t>> seen;
  TaskWait<ScriptTask> wait = client->wait_for_script_task(
      created->task_id, wait_options,
      [&](const ScriptTask& task) { seen.emplace_back(task.status.wire(), task.list.size()); });
  ASSERT_TRUE(wait.ok()) << wait.status.to_string();
  ASSERT_EQ(wait.tasks.size(), 1u);
  EXPECT_EQ(wait.tasks[0].task_id, created->task_id);
  EXPECT_EQ(wait.tasks[0].status, TaskStatus::success());
  EXPECT_EQ(wait.tasks[0].list.size(), 4u);

  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), std::make_pair(std::string("SUCCESS"), std::size_t{4}));
  std::vector<std::size_t> partial_sizes;
  for (const auto& [status, size] : seen) {
    if (status == "PARTIAL_SUCCESS") partial_sizes.push_back(size);
  }
  ASSERT_GE(partial_sizes.size(), 2u);
  EXPECT_TRUE(std::is_sorted(partial_sizes.begin(), partial_sizes.end()));
  EXPECT_LT(partial_sizes.front(), partial_sizes.back());  // the list grew
  EXPECT_GE(partial_sizes.front(), 1u);
  EXPECT_LE(partial_sizes.back(), 3u);
  // Every PARTIAL_SUCCESS came before the SUCCESS.
  const auto first_success =
      std::find_if(seen.begin(), seen.end(), [](const auto& s) { return s.first == "SUCCESS"; });
  EXPECT_EQ(first_success, seen.end() - 1);
}

TEST_F(ClientTest, AFailedScriptTaskIsTaskFailed) {
  mock.queue_script_outcomes({mock::TaskOutcome::failed});
  Result<CreatedScriptTask> created = client->create_script_task(custom_script_request(2));
  ASSERT_TRUE(created.ok()) << created.status().to_string();
  TaskWait<ScriptTask> wait = client->wait_for_script_task(created->task_id);
  EXPECT_EQ(wait.status.category, ErrorCategory::task_failed) << wait.status.to_string();
  ASSERT_EQ(wait.tasks.size(), 1u);
  EXPECT_EQ(wait.tasks[0].status, TaskStatus::failed());
  EXPECT_TRUE(wait.pending_task_ids.empty());
}

// ---------------------------------------------------------------------------------------
// 4. Every page
// ---------------------------------------------------------------------------------------

class PaginationTest : public ClientTest {
 protected:
  // 23 videos: four creates of five and one of three, all finished.
  std::vector<std::string> make_23_videos() {
    const std::vector<std::string> ids = create_stock_tasks({5, 5, 5, 5, 3});
    EXPECT_EQ(ids.size(), 23u);
    mock.advance_clock(seconds(61));
    std::vector<std::string> video_ids;
    for (std::size_t first = 0; first < ids.size(); first += 5) {
      VideoTaskQuery query;
      query.aigc_video_type = AigcVideoType::stock_video();
      query.task_ids.assign(ids.begin() + static_cast<std::ptrdiff_t>(first),
                            ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), first + 5)));
      Result<VideoTaskList> tasks = client->get_video_tasks(query);
      EXPECT_TRUE(tasks.ok()) << tasks.status().to_string();
      if (!tasks.ok()) continue;
      for (const VideoTask& task : tasks->list) {
        EXPECT_TRUE(task.video_id.has_value());
        if (task.video_id) video_ids.push_back(*task.video_id);
      }
    }
    mock.clear_journal();
    return video_ids;
  }
};

TEST_F(PaginationTest, AllVideosVisitsEveryVideoOnceWithTheDefaultPageSize) {
  const std::vector<std::string> expected = make_23_videos();
  ASSERT_EQ(expected.size(), 23u);
  std::vector<std::string> seen;
  for (const Result<Video>& video : client->all_videos()) {
    ASSERT_TRUE(video.ok()) << video.status().to_string();
    seen.push_back(video->video_id);
  }
  EXPECT_EQ(sorted(seen), sorted(expected));
  const auto pages = entries_for(mock, kVideoListPath);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(query_param(pages[0].query, "page_size"), "100");
  EXPECT_EQ(query_param(pages[0].query, "page"), "1");
}

TEST_F(PaginationTest, AllVideosWithPageSizeTenTakesThreePages) {
  const std::vector<std::string> expected = make_23_videos();
  VideoListQuery query;
  query.page_size = 10;
  std::vector<std::string> seen;
  for (const Result<Video>& video : client->all_videos(query)) {
    ASSERT_TRUE(video.ok()) << video.status().to_string();
    seen.push_back(video->video_id);
  }
  ASSERT_EQ(seen.size(), 23u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 23u);
  EXPECT_EQ(sorted(seen), sorted(expected));
  const auto pages = entries_for(mock, kVideoListPath);
  ASSERT_EQ(pages.size(), 3u);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    EXPECT_EQ(query_param(pages[i].query, "page"), std::to_string(i + 1));
    EXPECT_EQ(query_param(pages[i].query, "page_size"), "10");
  }
}

TEST_F(PaginationTest, AllScriptsVisitsEveryScriptOnce) {
  // 8 + 8 + 7 = 23 scripts; the third create waits for the script budget (2 a minute).
  for (int count : {8, 8, 7}) {
    Result<CreatedScriptTask> created = client->create_script_task(custom_script_request(count));
    ASSERT_TRUE(created.ok()) << created.status().to_string();
  }
  mock.advance_clock(minutes(1));
  std::size_t expected_total = 0;
  {
    Result<ScriptPage> probe = client->list_scripts();
    ASSERT_TRUE(probe.ok()) << probe.status().to_string();
    expected_total = static_cast<std::size_t>(probe->page_info.total_number);
  }
  ASSERT_EQ(expected_total, 23u);
  mock.clear_journal();

  std::vector<std::string> all_default;
  for (const Result<Script>& script : client->all_scripts()) {
    ASSERT_TRUE(script.ok()) << script.status().to_string();
    all_default.push_back(script->script_id);
  }
  EXPECT_EQ(all_default.size(), 23u);
  EXPECT_EQ(std::set<std::string>(all_default.begin(), all_default.end()).size(), 23u);
  EXPECT_EQ(entries_for(mock, kScriptListPath).size(), 1u);

  mock.clear_journal();
  ScriptListQuery query;
  query.page_size = 10;
  std::vector<std::string> paged;
  for (const Result<Script>& script : client->all_scripts(query)) {
    ASSERT_TRUE(script.ok()) << script.status().to_string();
    paged.push_back(script->script_id);
  }
  EXPECT_EQ(sorted(paged), sorted(all_default));
  const auto pages = entries_for(mock, kScriptListPath);
  ASSERT_EQ(pages.size(), 3u);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    EXPECT_EQ(query_param(pages[i].query, "page"), std::to_string(i + 1));
  }
}

TEST_F(PaginationTest, AnErrorMidWayIsTheLastItem) {
  make_23_videos();
  Client once(single_attempt_options());
  VideoListQuery query;
  query.page_size = 10;
  std::size_t good = 0;
  std::vector<Status> errors;
  bool injected = false;
  for (const Result<Video>& video : once.all_videos(query)) {
    if (!injected) {  // page 1 is in; page 2 will meet the fault
      mock.inject_fault(code_fault("video_list", 1, 51010));
      injected = true;
    }
    if (video.ok()) {
      ASSERT_TRUE(errors.empty()) << "an item after the error";
      ++good;
    } else {
      errors.push_back(video.status());
    }
  }
  EXPECT_EQ(good, 10u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].category, ErrorCategory::transient);
  EXPECT_EQ(errors[0].api_code, 51010);
  EXPECT_EQ(entries_for(mock, kVideoListPath).size(), 2u);  // no page 3
}

TEST_F(PaginationTest, AnEmptyAccountIsAnEmptyRange) {
  make_23_videos();  // another token's videos are not this one's
  Client empty(options("a-new-token"));
  PageRange<Video> videos = empty.all_videos();
  EXPECT_TRUE(videos.begin() == videos.end());
  PageRange<Script> scripts = empty.all_scripts();
  EXPECT_TRUE(scripts.begin() == scripts.end());
  int items = 0;
  for (const Result<Video>& video : empty.all_videos()) {
    (void)video;
    ++items;
  }
  EXPECT_EQ(items, 0);
  EXPECT_EQ(entries_for(mock, kVideoListPath).size(), 2u);
  EXPECT_EQ(entries_for(mock, kScriptListPath).size(), 1u);
}

// ---------------------------------------------------------------------------------------
// 5. Downloads
// ---------------------------------------------------------------------------------------

TEST_F(ClientTest, DownloadsThePreviewUntilItExpires) {
  const std::vector<std::string> ids = create_stock_tasks({1});
  TaskWait<VideoTask> wait = client->wait_for_video_tasks(ids, AigcVideoType::stock_video());
  ASSERT_TRUE(wait.ok()) << wait.status.to_string();
  ASSERT_TRUE(wait.tasks[0].preview_url.has_value());
  const std::string url = *wait.tasks[0].preview_url;

  Result<std::string> bytes = client->download_preview(url);
  ASSERT_TRUE(bytes.ok()) << bytes.status().to_string();
  ASSERT_GT(bytes->size(), 8u);
  EXPECT_EQ(bytes->substr(4, 4), "ftyp");

  TempPath file("preview.mp4");
  Result<std::uint64_t> written = client->download_preview_to_file(url, file.str());
  ASSERT_TRUE(written.ok()) << written.status().to_string();
  EXPECT_EQ(*written, bytes->size());
  EXPECT_EQ(file_size(file.str()), bytes->size());
  EXPECT_EQ(read_file(file.str()), *bytes);
  EXPECT_FALSE(file_exists(file.str() + ".part"));

  // The media host got no token; the API did.
  const auto journal = mock.journal();
  std::size_t media = 0;
  std::size_t api = 0;
  for (const auto& entry : journal) {
    if (entry.path.rfind("/media/preview/", 0) == 0) {
      ++media;
      EXPECT_FALSE(entry.access_token_sent) << entry.path;
      EXPECT_EQ(entry.http_status, 200);
    } else {
      ++api;
      EXPECT_TRUE(entry.access_token_sent) << entry.path;
    }
  }
  EXPECT_EQ(media, 2u);
  EXPECT_GT(api, 0u);

  mock.advance_clock(hours(6));
  Result<std::string> late = client->download_preview(url);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().category, ErrorCategory::expired) << late.status().to_string();
  EXPECT_EQ(late.status().http_status, 403);

  TempPath late_file("late.mp4");
  Result<std::uint64_t> late_written = client->download_preview_to_file(url, late_file.str());
  ASSERT_FALSE(late_written.ok());
  EXPECT_EQ(late_written.status().category, ErrorCategory::expired) << late_written.status().to_string();
  EXPECT_FALSE(file_exists(late_file.str()));
  EXPECT_FALSE(file_exists(late_file.str() + ".part"));
  for (const auto& entry : mock.journal()) {
    if (entry.path.rfind("/media/preview/", 0) == 0) {
      EXPECT_FALSE(entry.access_token_sent);
    }
  }
}

// ---------------------------------------------------------------------------------------
// 6. Logging
// ---------------------------------------------------------------------------------------

TEST_F(ClientTest, TheLogHasOneRecordPerAttemptAndNeverTheToken) {
  const std::string token = "SECRET-token-1234567890";
  std::mutex mutex;
  std::vector<LogRecord> records;
  std::vector<std::string> lines;
  ClientOptions o = options(token);
  o.rate_limit = false;
  o.logger = [&](const LogRecord& record) {
    std::lock_guard<std::mutex> lock(mutex);
    records.push_back(record);
    lines.push_back(to_string(record));
  };
  Client logged(o);

  const std::vector<std::string> ids = create_stock_tasks(logged, {1});  // upload + create
  mock.inject_fault(code_fault("video_task_list", 1, 51010));                       // one retry
  VideoTaskQuery query;
  query.task_ids = ids;
  query.aigc_video_type = AigcVideoType::stock_video();
  ASSERT_TRUE(logged.get_video_tasks(query).ok());
  query.task_ids = {"7400000000000000009"};
  ASSERT_EQ(logged.get_video_tasks(query).status().category, ErrorCategory::not_found);
  ASSERT_TRUE(logged.list_videos().ok());

  const auto journal = mock.journal();
  ASSERT_EQ(journal.size(), 6u);  // upload, create, list (51010), list, list (40007), video list
  ASSERT_EQ(records.size(), journal.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    SCOPED_TRACE(lines[i]);
    EXPECT_EQ(records[i].path, journal[i].path);
    EXPECT_EQ(records[i].method, journal[i].method);
    EXPECT_EQ(records[i].request_id, journal[i].request_id);
    EXPECT_FALSE(records[i].request_id.empty());
    EXPECT_EQ(records[i].http_status, 200);
    EXPECT_EQ(records[i].api_code, journal[i].code.value_or(-1));
    EXPECT_NE(lines[i].find(journal[i].path), std::string::npos);
    EXPECT_NE(lines[i].find(journal[i].request_id), std::string::npos);
    EXPECT_EQ(lines[i].find(token), std::string::npos);
    EXPECT_EQ(records[i].outcome.find(token), std::string::npos);
  }
  EXPECT_EQ(records[2].attempt, 1);
  EXPECT_NE(lines[2].find("51010"), std::string::npos);
  EXPECT_EQ(records[3].attempt, 2);
  EXPECT_EQ(records[3].outcome, "ok");
  EXPECT_NE(lines[4].find("40007"), std::string::npos);
  // Nothing anywhere in the log holds any piece of the token.
  for (const std::string& line : lines) EXPECT_EQ(line.find("SECRET"), std::string::npos) << line;
}

// ---------------------------------------------------------------------------------------
// 7. Threads
// ---------------------------------------------------------------------------------------

TEST_F(ClientTest, OneClientServesEightThreadsAtOnce) {
  ClientOptions o = options();
  o.rate_limit = false;
  Client shared(o);
  constexpr int kThreads = 8;
  constexpr int kIterations = 10;
  std::mutex mutex;
  std::vector<std::string> video_ids;
  std::vector<std::string> failures;
  std::atomic<int> lists{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kIterations; ++i) {
        UploadVideoRequest request;
        request.video_url = "https://cdn.example.com/t" + std::to_string(t) + "/" + std::to_string(i) + ".mp4";
        Result<UploadedVideo> uploaded = shared.upload_video(request);
        Result<VideoPage> page = shared.list_videos();
        std::lock_guard<std::mutex> lock(mutex);
        if (uploaded.ok()) {
          video_ids.push_back(uploaded->video_id);
        } else {
          failures.push_back(uploaded.status().to_string());
        }
        if (page.ok()) {
          ++lists;
        } else {
          failures.push_back(page.status().to_string());
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_TRUE(failures.empty()) << failures.front();
  EXPECT_EQ(video_ids.size(), static_cast<std::size_t>(kThreads * kIterations));
  EXPECT_EQ(std::set<std::string>(video_ids.begin(), video_ids.end()).size(), video_ids.size());
  EXPECT_EQ(lists.load(), kThreads * kIterations);
  EXPECT_EQ(mock.journal().size(), static_cast<std::size_t>(2 * kThreads * kIterations));
}

// ---------------------------------------------------------------------------------------
// 8. Environment
// ---------------------------------------------------------------------------------------

class EnvironmentTest : public ClientTest {
 protected:
  EnvironmentTest() : ClientTest(mock_options([](mock::Options& o) { o.tokens = {"env-token-42"}; })) {}
};

TEST_F(EnvironmentTest, TokenAndBaseUrlComeFromTheEnvironment) {
  ScopedEnv token("TIKTOK_ACCESS_TOKEN", "env-token-42");
  ScopedEnv base("TIKTOK_API_BASE", mock.base_url().c_str());
  ClientOptions o = options("");
  o.base_url.clear();
  Client from_env(o);
  EXPECT_EQ(from_env.options().access_token, "env-token-42");
  EXPECT_EQ(from_env.options().base_url, mock.base_url());
  Result<VideoPage> page = from_env.list_videos();
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  const auto journal = mock.journal();
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_TRUE(journal[0].access_token_sent);
  EXPECT_EQ(journal[0].path, kVideoListPath);
}

TEST_F(EnvironmentTest, OptionsWinOverTheEnvironment) {
  ScopedEnv token("TIKTOK_ACCESS_TOKEN", "env-token-42");
  ScopedEnv base("TIKTOK_API_BASE", "http://127.0.0.1:1");  // nothing listens there
  Client explicit_options(options("not-the-env-token"));
  EXPECT_EQ(explicit_options.options().access_token, "not-the-env-token");
  EXPECT_EQ(explicit_options.options().base_url, mock.base_url());
  Result<VideoPage> page = explicit_options.list_videos();
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().api_code, 40105);  // the mock answered: the options' URL and token
}

TEST(ClientEnvironment, WithoutTheBaseUrlAnywhereTheLiveApiIsUsed) {
  ScopedEnv base("TIKTOK_API_BASE", nullptr);
  ClientOptions o;
  o.access_token = "x";
  Client live(o);
  EXPECT_EQ(live.options().base_url, kLiveBaseUrl);
}

TEST(ClientEnvironment, AnUnusableBaseUrlIsAnErrorOfEveryCallNotAnException) {
  for (const char* url : {"ftp://x", "x", "https://", "http://:80/path"}) {
    ScopedEnv base("TIKTOK_API_BASE", url);
    ClientOptions o;
    o.access_token = "x";
    Client client(o);  // does not throw
    const Result<VideoPage> page = client.list_videos();
    ASSERT_FALSE(page.ok()) << url;
    EXPECT_EQ(page.status().category, ErrorCategory::invalid_argument) << url;
    EXPECT_NE(page.status().message.find("base_url"), std::string::npos) << page.status().message;
    EXPECT_FALSE(client.download_preview(std::string("https://cdn.example.com/a.mp4")).ok());
  }
}

// ---------------------------------------------------------------------------------------
// 9. The client as a value
// ---------------------------------------------------------------------------------------

TEST_F(ClientTest, AMovedClientWorksAndCopiesShareTheConnection) {
  Client moved = std::move(*client);
  ASSERT_TRUE(moved.list_videos().ok());
  Client copy = moved;
  EXPECT_EQ(copy.connection(), moved.connection());
  ASSERT_TRUE(copy.list_scripts().ok());
}

TEST_F(ClientTest, APageRangeOutlivesItsClient) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(client->create_script_task(custom_script_request(4)).ok());
  mock.advance_clock(std::chrono::minutes(5));
  ScriptListQuery query;
  query.page_size = 5;
  std::optional<PageRange<Script>> scripts;
  {
    Client scoped(options());
    scripts.emplace(scoped.all_scripts(query));
  }  // the client is gone; the range holds its connection
  client.reset();
  int count = 0;
  for (const Result<Script>& script : *scripts) {
    ASSERT_TRUE(script.ok()) << script.status().to_string();
    ++count;
  }
  EXPECT_EQ(count, 12);  // three tasks of four scripts, over three pages of five
}

}  // namespace
}  // namespace tiktok_aigc::testing
