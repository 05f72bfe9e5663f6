// The contract: what the live API promises, checked with only what the live API offers, so
// the same tests run against the bundled mock and against TikTok (see target.hpp).
//
// Layers: (a) the wire: HTTP 200 and the JSON envelope with its types on every endpoint,
// JSON-text list parameters, 404 without the trailing slash; (b) the documented schema of
// `data` per endpoint; (c) state transitions to a terminal state within a deadline, and a
// preview that downloads; (d) documented codes for documented bad requests, sent raw.
// Never asserted: exact ids, request ids, timestamps, the order of unrelated items, message
// wording.
//
// Cost of one live run (budgets per minute, per app and endpoint; the client's limiter
// keeps its own calls within them):
//   upload 1 (of 20), video task create 2 (of 20; one is the refused count of 6),
//   script task create 1 (of 2), video task list 3 + the polls of one VOICEOVER task,
//   video list 1, script task get 2 + the polls of one PRODUCT script task (2 scripts),
//   script list 2, one 404 and one preview download: 14 requests plus the polls. Polls start
//   at 1 s and grow 1.5x to 30 s: ~4 each for tasks of seconds (the HTTPS mock in CI: 22
//   requests in all, ~5 s), ~10 for a one-minute task and ~35 for one of 15 minutes.
//   One video and 2 scripts are generated; nothing is deleted (the API has no delete).
// The mock-only tests (control_contract_test.cpp) send nothing to a live target.

// This translation unit compiles the client's implementation too: the suite holds the
// recorded answers to the client's own decoders.
#define TIKTOK_AIGC_IMPLEMENTATION

#include <gtest/gtest.h>

#include <cmath>
#include <ctime>
#include <future>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "checks.hpp"
#include "target.hpp"

namespace {

using contract::Answer;
using namespace contract::checks;  // NOLINT: the suite is written in them
using contract::target;
using nlohmann::json;
namespace paths = contract::paths;

// ---------------------------------------------------------------------------------------
// One workflow per process, shared by the tests: the live budgets (2 script creates a
// minute) and task times (minutes) allow no more. Requests are raw where the wire is under
// test, the waits go through the client as an application's would.
// ---------------------------------------------------------------------------------------

constexpr int kScriptCount = 2;

struct Workflow {
  std::string error;  // the first step that could not be done; empty: all were

  Answer upload, video_create, script_create;  // raw creates
  Answer video_task_list, video_list;          // raw, after the tasks ended
  Answer script_task_get, script_list;
  std::string video_id;  // the uploaded clip
  std::vector<std::string> video_task_ids;
  std::string script_task_id;

  // Every state each poll saw, in order.
  std::map<std::string, std::vector<std::string>> video_states;  // by task id
  std::vector<std::string> script_states;
  std::vector<std::size_t> script_counts;  // scripts listed at each poll
  tiktok_aigc::TaskWait<tiktok_aigc::VideoTask> video_wait;
  tiktok_aigc::TaskWait<tiktok_aigc::ScriptTask> script_wait;
  double video_seconds = 0, script_seconds = 0;

  std::optional<tiktok_aigc::Result<std::string>> preview;  // the first SUCCESS video's
};

json voiceover_body(const std::string& video_id, int count) {
  return {{"aigc_video_type", "VOICEOVER"},
          {"product_video_info",
           {{"video_generation_count", count},
            {"target_language", "en"},
            {"product_info_list",
             json::array({{{"source_language", "en"},
                           {"product_name", "Trail Runner 2"},
                           {"title", "Trail Runner 2 trail shoes"},
                           {"description", "Light trail shoes with a grippy sole."},
                           {"selling_points", {"Grippy on wet rock", "Only 240 g a shoe"}}}})},
            {"input_video_list", {{"video_id_list", {video_id}}}}}}};
}

json product_script_body(const std::string& video_id) {
  return {{"script_source", "PRODUCT"},
          {"video_duration", "15S"},
          {"product_info",
           {{"name", "Trail Runner 2"},
            {"description", "Light trail shoes with a grippy sole for wet and rocky paths."},
            {"selling_points", {"Grippy on wet rock", "Only 240 g a shoe"}}}},
          {"media_list", {{"video_id_list", {video_id}}}},
          {"script_info", {{"script_language", "en"}, {"tone", "Friendly"}}},
          {"script_generation_count", kScriptCount}};
}

// The upload's video_id from either documented shape (quirk 3).
std::string uploaded_id(const json& data) {
  const json& item = data.is_array() && !data.empty() ? data[0] : data;
  if (item.is_object() && item.contains("video_id") && item["video_id"].is_string()) {
    return item["video_id"].get<std::string>();
  }
  return "";
}

Workflow run_workflow() {
  Workflow run;
  contract::Target& t = target();

  run.upload = t.post(
      paths::kUpload,
      {{"upload_type", "UPLOAD_BY_URL"}, {"use_scenario", "AIGC"}, {"video_url", t.upload_url()}});
  run.video_id = run.upload.code() == 0 ? uploaded_id(run.upload.data()) : "";
  if (run.video_id.empty()) {
    run.error = "upload: " + run.upload.describe();
    if (t.is_live() && contract::env("TIKTOK_VIDEO_URLS").empty()) {
      run.error +=
          " (the clip was served on 127.0.0.1, which only a target on this machine can fetch: "
          "set TIKTOK_VIDEO_URLS to a public .mp4 URL)";
    }
    return run;
  }

  run.video_create = t.post(paths::kVideoTaskCreate, voiceover_body(run.video_id, 1));
  if (run.video_create.code() == 0 && run.video_create.data().contains("task_ids") &&
      run.video_create.data()["task_ids"].is_array()) {
    for (const json& id : run.video_create.data()["task_ids"]) {
      if (id.is_string()) run.video_task_ids.push_back(id.get<std::string>());
    }
  }
  if (run.video_task_ids.empty()) {
    run.error = "video task create: " + run.video_create.describe();
    return run;
  }

  run.script_create = t.post(paths::kScriptTaskCreate, product_script_body(run.video_id));
  if (run.script_create.code() == 0 && run.script_create.data().is_object() &&
      run.script_create.data().contains("task_id") &&
      run.script_create.data()["task_id"].is_string()) {
    run.script_task_id = run.script_create.data()["task_id"].get<std::string>();
  } else {
    run.error = "script task create: " + run.script_create.describe();
    return run;
  }

  // Both tasks waited for side by side through the client, every poll's state recorded.
  const tiktok_aigc::WaitOptions wait = t.wait_options();
  auto seconds_since = [](std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  auto video = std::async(std::launch::async, [&] {
    const auto start = std::chrono::steady_clock::now();
    run.video_wait = t.client().wait_for_video_tasks(
        run.video_task_ids, tiktok_aigc::AigcVideoType::voiceover(), wait,
        [&](const std::vector<tiktok_aigc::VideoTask>& tasks) {
          for (const auto& task : tasks)
            run.video_states[task.task_id].push_back(task.status.wire());
        });
    run.video_seconds = seconds_since(start);
  });
  auto script = std::async(std::launch::async, [&] {
    const auto start = std::chrono::steady_clock::now();
    run.script_wait = t.client().wait_for_script_task(
        run.script_task_id, wait, [&](const tiktok_aigc::ScriptTask& task) {
          run.script_states.push_back(task.status.wire());
          run.script_counts.push_back(task.list.size());
        });
    run.script_seconds = seconds_since(start);
  });
  video.get();
  script.get();

  // The final answers, raw, for the schema tests. List parameters are JSON text (quirk 5).
  run.video_task_list = t.get(paths::kVideoTaskList, {{"task_ids", json(run.video_task_ids).dump()},
                                                      {"aigc_video_type", "VOICEOVER"}});
  run.video_list =
      t.get(paths::kVideoList, {{"aigc_video_types", json({"STOCK_VIDEO", "VOICEOVER"}).dump()},
                                {"page", "1"},
                                {"page_size", "100"}});
  run.script_task_get = t.get(paths::kScriptTaskGet, {{"task_id", run.script_task_id}});
  run.script_list = t.get(paths::kScriptList, {{"page", "1"}, {"page_size", "100"}});

  for (const auto& task : run.video_wait.tasks) {
    if (task.status == tiktok_aigc::TaskStatus::success() && task.preview_url) {
      std::cout << tiktok_aigc::kDownloadNotice << "\n";
      run.preview = t.client().download_preview(*task.preview_url);
      break;
    }
  }
  std::cout << "[contract] workflow: video task ended after " << run.video_seconds
            << " s, script task after " << run.script_seconds << " s" << std::endl;
  return run;
}

// Made on first use; every test that needs it reads the same one.
const Workflow& workflow() {
  static const Workflow run = run_workflow();
  return run;
}

#define CONTRACT_REQUIRE_WORKFLOW(run) \
  CONTRACT_REQUIRE_TARGET();           \
  const Workflow& run = workflow();    \
  ASSERT_TRUE(run.error.empty()) << "the workflow stopped at " << run.error

// ---------------------------------------------------------------------------------------
// (a) The wire
// ---------------------------------------------------------------------------------------

TEST(Wire, EveryEndpointAnswersHttp200WithTheEnvelope) {
  CONTRACT_REQUIRE_WORKFLOW(run);
  for (const Answer* answer :
       {&run.upload, &run.video_create, &run.video_task_list, &run.video_list, &run.script_create,
        &run.script_task_get, &run.script_list}) {
    EXPECT_TRUE(succeeded(*answer));
    // A success says so in `message` too; its wording is not the contract, its type is.
    EXPECT_TRUE(answer->json.is_object() && answer->json.value("message", json()).is_string())
        << answer->describe();
  }
}

TEST(Wire, JsonTextListParametersAreAccepted) {
  CONTRACT_REQUIRE_WORKFLOW(run);
  // task_ids=["..."] and aigc_video_types=["STOCK_VIDEO","VOICEOVER"], URL-encoded.
  EXPECT_NE(run.video_task_list.request.find("task_ids=%5B%22"), std::string::npos)
      << run.video_task_list.request;
  EXPECT_TRUE(succeeded(run.video_task_list));
  EXPECT_NE(
      run.video_list.request.find("aigc_video_types=%5B%22STOCK_VIDEO%22%2C%22VOICEOVER%22%5D"),
      std::string::npos)
      << run.video_list.request;
  EXPECT_TRUE(succeeded(run.video_list));
}

TEST(Wire, APathWithoutItsTrailingSlashIsHttp404) {
  CONTRACT_REQUIRE_TARGET();
  std::string path = paths::kScriptList;
  path.pop_back();
  const Answer answer = target().get(path, {{"page", "1"}});
  EXPECT_EQ(answer.http_status, 404) << answer.describe();
}

// ---------------------------------------------------------------------------------------
// (b) The schema of `data`
// ---------------------------------------------------------------------------------------

const std::set<std::string> kVideoTypes = {"STOCK_VIDEO", "AVATAR_PRODUCT", "VOICEOVER"};
const std::set<std::string> kVideoTaskStates = {"SUBMITTED", "PROCESSING", "SUCCESS", "FAILED"};
const std::set<std::string> kScriptTaskStates = {"SUBMITTED", "PROCESSING", "PARTIAL_SUCCESS",
                                                 "SUCCESS", "FAILED"};

void check_script(const json& item, const std::string& at, Problems& problems) {
  problems.id(item, at, "script_id");
  problems.string(item, at, "title", true, false);
  problems.string(item, at, "script");
}

TEST(Schema, UploadGivesAVideoId) {
  CONTRACT_REQUIRE_WORKFLOW(run);
  // Quirk 3: an object (videos document) or an array of one object (scripts document, and
  // what public clients report from the live API). Either is the contract.
  const json& data = run.upload.data();
  Problems problems;
  if (data.is_array()) {
    if (data.size() != 1)
      problems.add("data: expected an array of one object, got " + data.dump().substr(0, 120));
    if (!data.empty()) problems.id(data[0], "data[0]", "video_id");
  } else {
    problems.id(data, "data", "video_id");
  }
  EXPECT_TRUE(problems.empty()) << problems.text() << "\n" << run.upload.describe();
}

TEST(Schema, VideoTaskCreateGivesTaskIds) {
  CONTRACT_REQUIRE_WORKFLOW(run);
  Problems problems;
  const json* ids = problems.array(run.video_create.data(), "data", "task_ids");
  if (ids != nullptr) {
    // One or more ids for one video (quirk 10 leaves the count open); never more than the
    // five a query may ask about.
    if (ids->empty() || ids->size() > 5)
      problems.add("data.task_ids: " + std::to_string(ids->size()) + " ids");
    for (std::size_t i = 0; i < ids->size(); ++i) {
      const std::string at = "data.task_ids[" + std::to_string(i) + "]";
      if (!(*ids)[i].is_string()) {
        problems.add(at + ": expected a string");
      } else {
        problems.id_text((*ids)[i].get<std::string>(), at);
      }
    }
  }
  EXPECT_TRUE(problems.empty()) << problems.text() << "\n" << run.video_create.describe();
}

TEST(Schema, VideoTaskListDescribesEachTask) {
  CONTRACT_REQUIRE_WORKFLOW(run);
  ASSERT_TRUE(succeeded(run.video_task_list));
  Problems problems;
  const json* list = problems.array(run.video_task_list.data(), "data", "list");
  ASSERT_NE(list, nullptr) << problems.text();
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& task = (*list)[i];
    const std::string at = "data.list[" + std::to_string(i) + "]";
    problems.id(task, at, "task_id");
    problems.one_of(task, at, "status", kVideoTaskStates);
    problems.one_of(task, at, "aigc_video_type", kVideoTypes);
    if (task.value("aigc_video_type", "") != "VOICEOVER")
      problems.add(at + ".aigc_video_type: not the filter's VOICEOVER");
    const bool success = task.value("status", "") == "SUCCESS";
    if (success) {
      problems.id(task, at, "video_id");
      problems.url(task, at, "preview_url");
    } else {
      // Not returned unless SUCCESS.
      if (task.contains("video_id"))
        problems.add(at + ".video_id: present while " + task.value("status", "?"));
      if (task.contains("preview_url"))
        problems.add(at + ".preview_url: present while " + task.value("status", "?"));
    }
    seen.insert(task.value("task_id", ""));
  }
  // Every task asked about is answered (order not asserted).
  for (const auto& id : run.video_task_ids) {
    if (seen.count(id) == 0) problems.add("data.list: task " + id + " asked about but not listed");
  }
  EXPECT_TRUE(problems.empty()) << problems.text() << "\n" << run.video_task_list.describe();
}

TEST(Schema, VideoListDescribesEachVideoAndItsPages) {
  CONTRACT_REQUIRE_WORKFLOW(run);
  ASSERT_TRUE(succeeded(run.video_list));
  const json& data = run.video_list.data();
  Problems problems;
  check_page(data, 1, 100, problems);
  static const std::regex name_pattern(
      R"(^(STOCK_VIDEO|AVATAR_PRODUCT|VOICEOVER)-\d{14}-[A-Za-z0-9]{3}$)");
  std::set<std::string> listed;
  if (data.contains("list") && data["list"].is_array()) {
    for (std::size_t i = 0; i < data["list"].size(); ++i) {
      const json& video = data["list"][i];
      const std::string at = "data.list[" + std::to_string(i) + "]";
      problems.one_of(video, at, "aigc_video_type", kVideoTypes);
      // The filter asked for STOCK_VIDEO and VOICEOVER only.
      if (video.value("aigc_video_type", "") == "AVATAR_PRODUCT")
        problems.add(at + ": AVATAR_PRODUCT, not asked for");
      problems.id(video, at, "video_id");
      if (const json* name = problems.string(video, at, "video_name")) {
        if (!std::regex_match(name->get<std::string>(), name_pattern)) {
          problems.add(at + ".video_name: \"" + name->get<std::string>() +
                       "\" is not {aigc_video_type}-{YYYYMMDDHHMMSS}-{three characters}");
        }
      }
      if (const json* time = problems.string(video, at, "create_time")) {
        if (!is_documented_time(time->get<std::string>())) {
          problems.add(at + ".create_time: \"" + time->get<std::string>() +
                       "\" is not YYYY-MM-DD HH:MM:SS");
        }
      }
      problems.url(video, at, "preview_url");
      listed.insert(video.value("video_id", ""));
    }
  }
  // The video our task made is listed (when every video fits on this page).
  const bool all_on_page =
      data.contains("page_info") && data["page_info"].value("total_number", 101) <= 100;
  for (const auto& task : run.video_wait.tasks) {
    if (all_on_page && task.video_id && listed.count(*task.video_id) == 0) {
      problems.add("data.list: video " + *task.video_id + " of a SUCCESS task is not listed");
    }
  }
  EXPECT_TRUE(problems.empty()) << problems.text() << "\n" << run.video_list.describe();
}

TEST(Schema, ScriptTaskCreateGivesATaskId) {
  CONTRACT_REQUIRE_WORKFLOW(run);
  Problems problems;
  problems.id(run.script_create.data(), "data", "task_id");
  EXPECT_TRUE(problems.empty()) << problems.text() << "\n" << run.script_create.describe();
}

TEST(Schema, ScriptTaskGetDescribesTheTaskAndItsScripts) {
  CONTRACT_REQUIRE_WORKFLOW(run);
  ASSERT_TRUE(succeeded(run.script_task_get));
  const json& data = run.script_task_get.data();
  Problems problems;
  problems.id(data, "data", "task_id");
  if (data.value("task_id", "") != run.script_task_id)
    problems.add("data.task_id: not the task asked about");
  problems.one_of(data, "data", "status", kScriptTaskStates);
  const std::string status = data.value("status", "");
  if (const json* list = problems.array(data, "data", "list")) {
    for (std::size_t i = 0; i < list->size(); ++i)
      check_script((*list)[i], "data.list[" + std::to_string(i) + "]", problems);
    // SUCCESS: every script asked for was written; FAILED: none was.
    if (status == "SUCCESS" &&
        (list->empty() || list->size() > static_cast<std::size_t>(kScriptCount))) {
      problems.add("data.list: " + std::to_string(list->size()) +
                   " scripts for a SUCCESS task asking for " + std::to_string(kScriptCount));
    }
    if (status == "FAILED" && !list->empty()) problems.add("data.list: scripts in a FAILED task");
  }
  EXPECT_TRUE(problems.empty()) << problems.text() << "\n" << run.script_task_get.describe();
}

TEST(Schema, ScriptListDescribesEachScriptAndItsPages) {
  CONTRACT_REQUIRE_WORKFLOW(run);
  ASSERT_TRUE(succeeded(run.script_list));
  const json& data = run.script_list.data();
  Problems problems;
  check_page(data, 1, 100, problems);
  std::set<std::string> listed;
  if (data.contains("list") && data["list"].is_array()) {
    for (std::size_t i = 0; i < data["list"].size(); ++i) {
      check_script(data["list"][i], "data.list[" + std::to_string(i) + "]", problems);
      listed.insert(data["list"][i].value("script_id", ""));
    }
  }
  const bool all_on_page =
      data.contains("page_info") && data["page_info"].value("total_number", 101) <= 100;
  for (const auto& script : run.script_wait.tasks.empty() ? std::vector<tiktok_aigc::Script>{}
                                                          : run.script_wait.tasks[0].list) {
    if (all_on_page && listed.count(script.script_id) == 0) {
      problems.add("data.list: script " + script.script_id + " of our task is not listed");
    }
  }
  EXPECT_TRUE(problems.empty()) << problems.text() << "\n" << run.script_list.describe();
}

// The typed client reads every answer the target gave (no requests: the recorded data).
TEST(Schema, TheClientDecodesEveryAnswer) {
  CONTRACT_REQUIRE_WORKFLOW(run);
  using namespace tiktok_aigc;
  auto ok = [](const auto& result) {
    return result ? ::testing::AssertionSuccess()
                  : ::testing::AssertionFailure() << result.status().to_string();
  };
  EXPECT_TRUE(ok(decode<UploadedVideo>(run.upload.data())));
  EXPECT_TRUE(ok(decode<CreatedVideoTasks>(run.video_create.data())));
  EXPECT_TRUE(ok(decode<VideoTaskList>(run.video_task_list.data())));
  EXPECT_TRUE(ok(decode<VideoPage>(run.video_list.data())));
  EXPECT_TRUE(ok(decode<CreatedScriptTask>(run.script_create.data())));
  EXPECT_TRUE(ok(decode<ScriptTask>(run.script_task_get.data())));
  EXPECT_TRUE(ok(decode<ScriptPage>(run.script_list.data())));
}

// ---------------------------------------------------------------------------------------
// (c) State transitions
// ---------------------------------------------------------------------------------------

TEST(States, AVoiceoverTaskEndsThroughTheDocumentedStates) {
  CONTRACT_REQUIRE_WORKFLOW(run);
  const auto& wait = run.video_wait;
  ASSERT_TRUE(wait.ok() || wait.status.category == tiktok_aigc::ErrorCategory::task_failed)
      << "not SUCCESS or FAILED within " << target().task_deadline().count() / 1000
      << " s: " << wait.status.to_string();
  for (const auto& id : run.video_task_ids) {
    const auto& states = run.video_states.at(id);
    EXPECT_TRUE(documented_path(states, video_rank, 2)) << "task " << id;
    std::cout << "[contract] video task states seen: "
              << documented_path(states, video_rank, 2).message() << "\n";
  }
  for (const auto& task : wait.tasks) {
    // A FAILED task is no envelope error and has no video.
    if (task.status == tiktok_aigc::TaskStatus::failed()) {
      EXPECT_FALSE(task.video_id.has_value());
      EXPECT_FALSE(task.preview_url.has_value());
    } else {
      EXPECT_TRUE(task.video_id.has_value() && task.preview_url.has_value());
    }
  }
  if (!target().is_live()) {
    EXPECT_TRUE(wait.ok()) << "the mock's failure rate is 0: " << wait.status.to_string();
  }
}

TEST(States, AProductScriptTaskEndsThroughTheDocumentedStates) {
  CONTRACT_REQUIRE_WORKFLOW(run);
  const auto& wait = run.script_wait;
  ASSERT_TRUE(wait.ok() || wait.status.category == tiktok_aigc::ErrorCategory::task_failed)
      << "not SUCCESS or FAILED within " << target().task_deadline().count() / 1000
      << " s: " << wait.status.to_string();
  EXPECT_TRUE(documented_path(run.script_states, script_rank, 3));
  std::cout << "[contract] script task states seen: "
            << documented_path(run.script_states, script_rank, 3).message() << "\n";
  // Scripts arrive and stay: the number listed never shrinks; PARTIAL_SUCCESS lists some.
  for (std::size_t i = 0; i < run.script_counts.size(); ++i) {
    if (i > 0) {
      EXPECT_GE(run.script_counts[i], run.script_counts[i - 1]) << "poll " << i;
    }
    if (run.script_states[i] == "PARTIAL_SUCCESS") {
      EXPECT_GT(run.script_counts[i], 0u) << "poll " << i;
    }
    if (run.script_states[i] == "SUBMITTED") {
      EXPECT_EQ(run.script_counts[i], 0u) << "poll " << i;
    }
  }
  ASSERT_FALSE(wait.tasks.empty());
  if (wait.ok()) {
    EXPECT_FALSE(wait.tasks[0].list.empty());
  }
  if (!target().is_live()) {
    EXPECT_TRUE(wait.ok()) << "the mock's failure rate is 0: " << wait.status.to_string();
  }
}

TEST(States, APreviewUrlDownloadsAnMp4) {
  CONTRACT_REQUIRE_WORKFLOW(run);
  if (!run.preview) GTEST_SKIP() << "no video task ended SUCCESS, so there is no preview_url";
  if (contract::target().kind() == contract::Target::Kind::replay) {
    GTEST_SKIP() << "a recording holds the API's answers, not the media host's files";
  }
  ASSERT_TRUE(*run.preview) << run.preview->status().to_string();
  const std::string& bytes = run.preview->value();
  // An ISO base media file: the first box is ftyp.
  ASSERT_GE(bytes.size(), 8u);
  EXPECT_EQ(bytes.substr(4, 4), "ftyp") << "the preview is not an MP4";
}

// ---------------------------------------------------------------------------------------
// (d) Documented codes for documented bad requests, sent raw (the client would refuse
// most of them before sending)
// ---------------------------------------------------------------------------------------

TEST(Codes, NoAccessTokenIs40104) {
  CONTRACT_REQUIRE_TARGET();
  const Answer answer = target().get(paths::kScriptList, {{"page", "1"}}, /*with_token=*/false);
  EXPECT_TRUE(answered_code(answer, 40104));
}

TEST(Codes, AVideoGenerationCountOf6Is40002) {
  CONTRACT_REQUIRE_WORKFLOW(run);
  const Answer answer = target().post(paths::kVideoTaskCreate, voiceover_body(run.video_id, 6));
  EXPECT_TRUE(answered_code(answer, 40002));
}

TEST(Codes, SixTaskIdsIs40011) {
  CONTRACT_REQUIRE_TARGET();
  std::vector<std::string> ids;  // six distinct 19-digit ids, one over the documented 5
  for (int i = 0; i < 6; ++i) ids.push_back("100000000000000005" + std::to_string(i));
  const Answer answer = target().get(
      paths::kVideoTaskList, {{"task_ids", json(ids).dump()}, {"aigc_video_type", "VOICEOVER"}});
  EXPECT_TRUE(answered_code(answer, 40011));
}

TEST(Codes, AnUnknownTaskIdIs40007) {
  CONTRACT_REQUIRE_TARGET();
  const Answer answer = target().get(paths::kScriptTaskGet, {{"task_id", kUnknownId}});
  EXPECT_TRUE(answered_code(answer, 40007));
  // The client reports the same code as not_found.
  tiktok_aigc::VideoTaskQuery query;
  query.task_ids = {kUnknownId};
  query.aigc_video_type = tiktok_aigc::AigcVideoType::voiceover();
  const auto result = contract::client().get_video_tasks(query);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().category, tiktok_aigc::ErrorCategory::not_found)
      << result.status().to_string();
  EXPECT_EQ(result.status().api_code, 40007) << result.status().to_string();
}

}  // namespace
