// The part of the contract only a controllable target can show: forced outcomes, injected
// faults and the clock. Each test needs the mock's control API and skips against any other
// target ("needs the mock's control API: target is live"), so a live run spends nothing here.
// Each makes its own upload and tasks, and leaves the clock running as it found it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "target.hpp"

namespace {

using contract::target;
using tiktok_aigc::AigcVideoType;
using tiktok_aigc::ErrorCategory;
using tiktok_aigc::TaskStatus;
namespace mock = tiktok_aigc::mock;
namespace paths = contract::paths;

// A client of the target that retries within milliseconds, so fault tests do not sleep.
tiktok_aigc::Client fast_retrying_client() {
  tiktok_aigc::ClientOptions options = target().client_options();
  options.retry.initial_backoff = std::chrono::milliseconds(5);
  options.retry.max_backoff = std::chrono::milliseconds(20);
  options.retry.throttled_backoff = std::chrono::milliseconds(20);
  return tiktok_aigc::Client(options);
}

std::string upload_clip() {
  tiktok_aigc::UploadVideoRequest upload;
  upload.video_url = target().upload_url();
  return contract::client().upload_video(upload).value().video_id;
}

tiktok_aigc::CreateVideoTaskRequest voiceover_request(const std::string& video_id) {
  tiktok_aigc::VideoProductInfo product;
  product.source_language = "en";
  product.product_name = "Trail Runner 2";
  product.title = "Trail Runner 2 trail shoes";
  product.description = "Light trail shoes with a grippy sole.";
  product.selling_points = {"Grippy on wet rock"};
  tiktok_aigc::CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::voiceover();
  request.product_video_info.product_info_list = {product};
  request.product_video_info.video_id_list = std::vector<std::string>{video_id};
  return request;
}

std::string create_voiceover_task() {
  const auto created =
      contract::client().create_video_tasks(voiceover_request(upload_clip())).value();
  return created.task_ids.at(0);
}

tiktok_aigc::VideoTask query_task(const std::string& task_id) {
  tiktok_aigc::VideoTaskQuery query;
  query.task_ids = {task_id};
  query.aigc_video_type = AigcVideoType::voiceover();
  return contract::client().get_video_tasks(query).value().list.at(0);
}

// The envelope codes the mock answered on `path`, oldest first.
std::vector<int> codes_on(const std::string& path) {
  std::vector<int> codes;
  for (const auto& entry : target().mock().journal()) {
    if (entry.path == path) codes.push_back(entry.code.value_or(-1));
  }
  return codes;
}

mock::Fault fault(const std::string& endpoint, int count) {
  mock::Fault f;
  f.endpoint = endpoint;
  f.count = count;
  return f;
}

// Freezes the mock's clock for one test and lets it run again at the end, whatever happens.
class FrozenClock {
 public:
  FrozenClock() { target().mock().freeze_clock(); }
  ~FrozenClock() { target().mock().unfreeze_clock(); }
  FrozenClock(const FrozenClock&) = delete;
  FrozenClock& operator=(const FrozenClock&) = delete;
};

TEST(Control, AForcedFailedVideoTaskIsReportedFailedWithoutAVideo) {
  CONTRACT_REQUIRE_CONTROL();
  const std::string clip = upload_clip();
  target().mock().queue_video_outcomes({mock::TaskOutcome::failed});
  const auto created = contract::client().create_video_tasks(voiceover_request(clip));
  ASSERT_TRUE(created) << created.status().to_string();

  const auto done = contract::client().wait_for_video_tasks(
      created->task_ids, AigcVideoType::voiceover(), target().wait_options());
  EXPECT_EQ(done.status.category, ErrorCategory::task_failed) << done.status.to_string();
  ASSERT_EQ(done.tasks.size(), 1u);
  EXPECT_EQ(done.tasks[0].status, TaskStatus::failed());
  EXPECT_FALSE(done.tasks[0].video_id.has_value());
  EXPECT_FALSE(done.tasks[0].preview_url.has_value());

  // On the wire: code 0 (a FAILED task is no envelope error), and neither field present.
  const contract::Answer raw = target().get(
      paths::kVideoTaskList,
      {{"task_ids", nlohmann::json(created->task_ids).dump()}, {"aigc_video_type", "VOICEOVER"}});
  ASSERT_EQ(raw.code(), 0) << raw.describe();
  const auto& task = raw.data()["list"].at(0);
  EXPECT_EQ(task.value("status", ""), "FAILED") << raw.describe();
  EXPECT_FALSE(task.contains("video_id")) << raw.describe();
  EXPECT_FALSE(task.contains("preview_url")) << raw.describe();
}

TEST(Control, AForcedFailedScriptTaskHasNoScripts) {
  CONTRACT_REQUIRE_CONTROL();
  tiktok_aigc::CreateScriptTaskRequest request;
  request.script_source = tiktok_aigc::ScriptSource::product();
  request.product_info = tiktok_aigc::ScriptProductInfo{};
  request.product_info->name = "Trail Runner 2";
  request.product_info->description = "Light trail shoes with a grippy sole.";
  request.media_list = tiktok_aigc::MediaList{};
  request.media_list->video_id_list = {upload_clip()};
  request.script_generation_count = 2;
  target().mock().queue_script_outcomes({mock::TaskOutcome::failed});
  const auto created = contract::client().create_script_task(request);
  ASSERT_TRUE(created) << created.status().to_string();

  const auto done =
      contract::client().wait_for_script_task(created->task_id, target().wait_options());
  EXPECT_EQ(done.status.category, ErrorCategory::task_failed) << done.status.to_string();
  ASSERT_EQ(done.tasks.size(), 1u);
  EXPECT_EQ(done.tasks[0].status, TaskStatus::failed());
  EXPECT_TRUE(done.tasks[0].list.empty());
}

TEST(Control, AnInjected51010OnATaskQueryIsRetriedByTheClient) {
  CONTRACT_REQUIRE_CONTROL();
  const std::string task_id = create_voiceover_task();
  tiktok_aigc::Client client = fast_retrying_client();
  target().mock().clear_journal();
  target().mock().inject_fault([] {
    mock::Fault f = fault("video_task_list", 2);
    f.code = 51010;
    return f;
  }());

  tiktok_aigc::VideoTaskQuery query;
  query.task_ids = {task_id};
  query.aigc_video_type = AigcVideoType::voiceover();
  const auto answer = client.get_video_tasks(query);
  ASSERT_TRUE(answer) << answer.status().to_string();
  EXPECT_EQ(answer->list.at(0).task_id, task_id);
  EXPECT_EQ(codes_on(paths::kVideoTaskList), (std::vector<int>{51010, 51010, 0}));
}

TEST(Control, AnInjected51010OnACreateIsNotSentAgain) {
  CONTRACT_REQUIRE_CONTROL();
  // The create may have happened behind a transient error: a second one could make a
  // second task, so the client reports the error instead of repeating the POST.
  const std::string clip = upload_clip();
  tiktok_aigc::Client client = fast_retrying_client();
  target().mock().clear_journal();
  target().mock().inject_fault([] {
    mock::Fault f = fault("video_task_create", 1);
    f.code = 51010;
    return f;
  }());
  const auto created = client.create_video_tasks(voiceover_request(clip));
  ASSERT_FALSE(created);
  EXPECT_EQ(created.status().category, ErrorCategory::transient) << created.status().to_string();
  EXPECT_EQ(created.status().api_code, 51010);
  EXPECT_EQ(codes_on(paths::kVideoTaskCreate), (std::vector<int>{51010}));
}

TEST(Control, AThrottlingCodeIsRetriedAfterTheBackoff) {
  CONTRACT_REQUIRE_CONTROL();
  tiktok_aigc::Client client = fast_retrying_client();
  target().mock().clear_journal();
  target().mock().inject_fault([] {
    mock::Fault f = fault("video_list", 1);
    f.code = 40100;
    return f;
  }());
  const auto page = client.list_videos();
  ASSERT_TRUE(page) << page.status().to_string();
  EXPECT_EQ(codes_on(paths::kVideoList), (std::vector<int>{40100, 0}));
}

TEST(Control, AnHttp503OnAReadIsRetried) {
  CONTRACT_REQUIRE_CONTROL();
  tiktok_aigc::Client client = fast_retrying_client();
  target().mock().clear_journal();
  target().mock().inject_fault([] {
    mock::Fault f = fault("script_list", 1);
    f.http_status = 503;
    return f;
  }());
  const auto page = client.list_scripts();
  ASSERT_TRUE(page) << page.status().to_string();
  int requests = 0;
  for (const auto& entry : target().mock().journal())
    requests += entry.path == paths::kScriptList ? 1 : 0;
  EXPECT_EQ(requests, 2);
}

TEST(Control, ATaskMovesThroughEveryStateWithTheClock) {
  CONTRACT_REQUIRE_CONTROL();
  const auto durations = contract::Target::mock_durations();
  FrozenClock frozen;
  const std::string task_id = create_voiceover_task();
  EXPECT_EQ(query_task(task_id).status, TaskStatus::submitted());
  target().mock().advance_clock(durations.video_submitted);
  EXPECT_EQ(query_task(task_id).status, TaskStatus::processing());
  target().mock().advance_clock(durations.video_processing);
  const auto done = query_task(task_id);
  EXPECT_EQ(done.status, TaskStatus::success());
  EXPECT_TRUE(done.video_id.has_value() && done.preview_url.has_value());
}

TEST(Control, APreviewExpiresAfterSixHours) {
  CONTRACT_REQUIRE_CONTROL();
  const auto durations = contract::Target::mock_durations();
  FrozenClock frozen;
  const std::string task_id = create_voiceover_task();
  target().mock().advance_clock(durations.video_submitted + durations.video_processing);
  const auto done = query_task(task_id);
  ASSERT_EQ(done.status, TaskStatus::success());
  ASSERT_TRUE(done.preview_url.has_value());

  const auto fresh = contract::client().download_preview(*done.preview_url);
  ASSERT_TRUE(fresh) << fresh.status().to_string();

  target().mock().advance_clock(std::chrono::hours(6) + std::chrono::seconds(1));
  const auto stale = contract::client().download_preview(*done.preview_url);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.status().category, ErrorCategory::expired) << stale.status().to_string();
  EXPECT_EQ(stale.status().http_status, 403) << stale.status().to_string();
}

}  // namespace
