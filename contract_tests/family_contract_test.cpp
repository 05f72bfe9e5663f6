// The contract of the endpoints beyond the videos and scripts documents, on the same targets
// and with the same checks as contract_test.cpp: Image to Video (a still image animated,
// its tasks and videos found through the shared task list and video list) and the Digital
// Avatar API (the catalogue, an avatar video from a script through its states, the list of
// avatar videos filtered by avatar and date, a rename, a download) and Dubbed Translations
// (DUBBING on the shared endpoints, found without a type filter, with its scripts).
//
// Cost of one live run: image animation create 1 (of 1 a minute), video task list 1 + the
// polls, video list 1; avatar list 1, avatar video task create 2 (one is the refused six
// packages), avatar video task get 2 + the polls, avatar video list 1, rename 1, two
// downloads; dubbing: video task create 1, video task list 1 + the polls, video list 1. One
// image animation, one avatar video and one dubbed video are generated. On a live target the
// image animation needs TIKTOK_IMAGE_URL, the dubbing TIKTOK_DUBBING_VIDEO_URL (a short public
// MP4: a minute of video takes about an hour).
#include <gtest/gtest.h>

#include <chrono>
#include <algorithm>
#include <ctime>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checks.hpp"
#include "target.hpp"

namespace {

using contract::Answer;
using contract::target;
using namespace contract::checks;  // NOLINT: the suite is written in them
using nlohmann::json;
namespace paths = contract::paths;

// ---------------------------------------------------------------------------------------
// Image to Video
// ---------------------------------------------------------------------------------------

struct ImageAnimationWorkflow {
  std::string skipped;  // why it did not run (a live target without an image URL)
  std::string error;    // the first step that could not be done
  Answer create, task_list, video_list;
  std::vector<std::string> task_ids;
  std::map<std::string, std::vector<std::string>> states;  // by task id, each poll's
  tiktok_aigc::TaskWait<tiktok_aigc::VideoTask> wait;
};

ImageAnimationWorkflow run_image_animation() {
  ImageAnimationWorkflow run;
  contract::Target& t = target();
  const std::string image = t.image_url();
  if (image.empty()) {
    run.skipped = "set TIKTOK_IMAGE_URL to a public JPG or PNG to animate it on a live target";
    return run;
  }
  std::cout << tiktok_aigc::kUploadNotice << "\n";
  run.create = t.post(paths::kImageAnimationTaskCreate, {{"image_url", image}, {"video_generation_count", 1}});
  if (run.create.code() == 0 && run.create.data().value("task_ids", json()).is_array()) {
    for (const json& id : run.create.data()["task_ids"]) {
      if (id.is_string()) run.task_ids.push_back(id.get<std::string>());
    }
  }
  if (run.task_ids.empty()) {
    run.error = "image animation create: " + run.create.describe();
    return run;
  }
  run.wait = t.client().wait_for_video_tasks(
      run.task_ids, tiktok_aigc::AigcVideoType::image_animation(), t.wait_options(),
      [&](const std::vector<tiktok_aigc::VideoTask>& tasks) {
        for (const auto& task : tasks) run.states[task.task_id].push_back(task.status.wire());
      });
  run.task_list = t.get(paths::kVideoTaskList,
                        {{"task_ids", json(run.task_ids).dump()}, {"aigc_video_type", "IMAGE_ANIMATION"}});
  run.video_list = t.get(paths::kVideoList, {{"aigc_video_types", json({"IMAGE_ANIMATION"}).dump()},
                                             {"page", "1"},
                                             {"page_size", "100"}});
  return run;
}

const ImageAnimationWorkflow& image_animation() {
  static const ImageAnimationWorkflow run = run_image_animation();
  return run;
}

#define CONTRACT_REQUIRE_IMAGE_ANIMATION(run)                             \
  CONTRACT_REQUIRE_TARGET();                                              \
  const ImageAnimationWorkflow& run = image_animation();                  \
  if (!run.skipped.empty()) GTEST_SKIP() << run.skipped;                  \
  ASSERT_TRUE(run.error.empty()) << "the workflow stopped at " << run.error

TEST(ImageAnimation, CreateGivesOneTaskIdPerVideo) {
  CONTRACT_REQUIRE_IMAGE_ANIMATION(run);
  ASSERT_TRUE(succeeded(run.create));
  EXPECT_EQ(run.task_ids.size(), 1u) << run.create.describe();
  Problems problems;
  for (const auto& id : run.task_ids) problems.id_text(id, "data.task_ids[]");
  EXPECT_TRUE(problems.empty()) << problems.text();
}

TEST(ImageAnimation, TasksEndThroughTheDocumentedStatesOnTheSharedTaskList) {
  CONTRACT_REQUIRE_IMAGE_ANIMATION(run);
  ASSERT_TRUE(run.wait.ok() || run.wait.status.category == tiktok_aigc::ErrorCategory::task_failed)
      << run.wait.status.to_string();
  for (const auto& id : run.task_ids) EXPECT_TRUE(documented_path(run.states.at(id), video_rank, 2)) << id;
  ASSERT_TRUE(succeeded(run.task_list));
  Problems problems;
  const json* list = problems.array(run.task_list.data(), "data", "list");
  if (list != nullptr) {
    EXPECT_EQ(list->size(), run.task_ids.size()) << run.task_list.describe();
    for (const json& task : *list) {
      problems.id(task, "data.list[]", "task_id");
      problems.one_of(task, "data.list[]", "aigc_video_type", {"IMAGE_ANIMATION"});
      problems.one_of(task, "data.list[]", "status", {"SUBMITTED", "PROCESSING", "SUCCESS", "FAILED"});
      problems.string(task, "data.list[]", "video_name");
      if (task.value("status", "") == "SUCCESS") {
        problems.id(task, "data.list[]", "video_id");
        problems.url(task, "data.list[]", "preview_url");
      }
    }
  }
  EXPECT_TRUE(problems.empty()) << problems.text() << "\n" << run.task_list.describe();
  if (!target().is_live()) {
    EXPECT_TRUE(run.wait.ok()) << "the mock's failure rate is 0: " << run.wait.status.to_string();
  }
}

TEST(ImageAnimation, TheVideoListFindsTheAnimatedVideos) {
  CONTRACT_REQUIRE_IMAGE_ANIMATION(run);
  ASSERT_TRUE(succeeded(run.video_list));
  std::vector<std::string> made;
  for (const auto& task : run.wait.tasks) {
    if (task.video_id) made.push_back(*task.video_id);
  }
  if (made.empty()) GTEST_SKIP() << "no image animation ended SUCCESS";
  Problems problems;
  const json* list = problems.array(run.video_list.data(), "data", "list");
  std::vector<std::string> listed;
  if (list != nullptr) {
    for (const json& video : *list) {
      problems.one_of(video, "data.list[]", "aigc_video_type", {"IMAGE_ANIMATION"});
      problems.string(video, "data.list[]", "video_name");
      problems.url(video, "data.list[]", "preview_url");
      listed.push_back(video.value("video_id", ""));
    }
  }
  EXPECT_TRUE(problems.empty()) << problems.text();
  for (const auto& id : made) EXPECT_NE(std::find(listed.begin(), listed.end(), id), listed.end()) << id;
}

// ---------------------------------------------------------------------------------------
// Digital Avatar
// ---------------------------------------------------------------------------------------

constexpr const char* kPackageId = "contract-package-1";
constexpr const char* kNewName = "Contract suite, renamed";

struct AvatarWorkflow {
  std::string error;
  Answer avatars, create, task_get, video_list, rename, renamed_task_get;
  std::string avatar_id, task_id, avatar_video_id, start_date;
  std::vector<std::string> states;  // each poll's
  tiktok_aigc::TaskWait<tiktok_aigc::AvatarVideoTask> wait;
  std::optional<tiktok_aigc::Result<std::string>> preview, thumbnail;
};

// Yesterday in UTC: a video made during the run falls on or after it, whatever the hour.
std::string yesterday_utc() {
  const std::time_t now = std::time(nullptr) - 24 * 3600;
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
  return text;
}

AvatarWorkflow run_avatar_workflow() {
  AvatarWorkflow run;
  contract::Target& t = target();
  run.avatars = t.get(paths::kAvatarList, {{"page", "1"}, {"page_size", "10"}});
  const json list = run.avatars.data().value("list", json());
  if (run.avatars.code() != 0 || !list.is_array() || list.empty() || !list[0].value("avatar_id", json()).is_string()) {
    run.error = "avatar list: " + run.avatars.describe();
    return run;
  }
  run.avatar_id = list[0]["avatar_id"];
  if (list[0].value("avatar_thumbnail", json()).is_string()) {
    run.thumbnail = t.client().download_preview(list[0]["avatar_thumbnail"].get<std::string>());
  }

  std::cout << tiktok_aigc::kUploadNotice << "\n";
  const json package = {{"avatar_id", run.avatar_id},
                        {"script", "Meet the Trail Runner 2: light, grippy, and ready for wet rock."},
                        {"package_id", kPackageId}};
  run.create = t.post(paths::kAvatarVideoTaskCreate, {{"material_packages", json::array({package})}});
  const json created = run.create.data().value("list", json());
  if (run.create.code() != 0 || !created.is_array() || created.empty() ||
      !created[0].value("task_id", json()).is_string()) {
    run.error = "avatar video task create: " + run.create.describe();
    return run;
  }
  run.task_id = created[0]["task_id"];

  run.wait = t.client().wait_for_avatar_video_tasks(
      {run.task_id}, t.wait_options(), [&](const std::vector<tiktok_aigc::AvatarVideoTask>& tasks) {
        for (const auto& task : tasks) run.states.push_back(task.status.wire());
      });
  run.task_get = t.get(paths::kAvatarVideoTaskGet, {{"task_ids", json::array({run.task_id}).dump()}});
  if (!run.wait.tasks.empty() && run.wait.tasks[0].avatar_video_id) {
    run.avatar_video_id = *run.wait.tasks[0].avatar_video_id;
  }
  run.start_date = yesterday_utc();
  run.video_list = t.get(paths::kAvatarVideoList,
                         {{"filtering", json({{"avatar_id", run.avatar_id}, {"start_date", run.start_date}}).dump()},
                          {"page", "1"},
                          {"page_size", "100"}});
  if (!run.avatar_video_id.empty()) {
    run.rename = t.post(paths::kAvatarVideoRename, {{"avatar_video_id", run.avatar_video_id}, {"file_name", kNewName}});
    run.renamed_task_get = t.get(paths::kAvatarVideoTaskGet, {{"task_ids", json::array({run.task_id}).dump()}});
    std::cout << tiktok_aigc::kDownloadNotice << "\n";
    if (run.wait.tasks[0].preview_url) run.preview = t.client().download_preview(*run.wait.tasks[0].preview_url);
  }
  return run;
}

const AvatarWorkflow& avatar_workflow() {
  static const AvatarWorkflow run = run_avatar_workflow();
  return run;
}

#define CONTRACT_REQUIRE_AVATAR_WORKFLOW(run)     \
  CONTRACT_REQUIRE_TARGET();                      \
  const AvatarWorkflow& run = avatar_workflow(); \
  ASSERT_TRUE(run.error.empty()) << "the workflow stopped at " << run.error

#define REQUIRE_AVATAR_VIDEO(run) \
  if (run.avatar_video_id.empty()) GTEST_SKIP() << "the avatar video task did not end SUCCESS"

TEST(DigitalAvatar, TheCatalogueDescribesEachAvatar) {
  CONTRACT_REQUIRE_AVATAR_WORKFLOW(run);
  ASSERT_TRUE(succeeded(run.avatars));
  Problems problems;
  const json* list = problems.array(run.avatars.data(), "data", "list");
  if (list != nullptr) {
    EXPECT_LE(list->size(), 10u);
    for (const json& avatar : *list) {
      problems.id(avatar, "data.list[]", "avatar_id");
      problems.string(avatar, "data.list[]", "avatar_name");
      problems.url(avatar, "data.list[]", "avatar_thumbnail");
      problems.url(avatar, "data.list[]", "avatar_preview_url");
    }
  }
  // page_info is in the document's example only: checked when present.
  if (run.avatars.data().contains("page_info")) check_page(run.avatars.data(), 1, 10, problems);
  EXPECT_TRUE(problems.empty()) << problems.text() << "\n" << run.avatars.describe();
}

TEST(DigitalAvatar, CreateGivesOneTaskPerPackageEchoingItsId) {
  CONTRACT_REQUIRE_AVATAR_WORKFLOW(run);
  ASSERT_TRUE(succeeded(run.create));
  Problems problems;
  const json* list = problems.array(run.create.data(), "data", "list");
  ASSERT_TRUE(list != nullptr && list->size() == 1) << run.create.describe();
  problems.id((*list)[0], "data.list[0]", "task_id");
  EXPECT_EQ((*list)[0].value("package_id", json()), kPackageId);
  EXPECT_TRUE(problems.empty()) << problems.text();
}

TEST(DigitalAvatar, ATaskEndsThroughTheDocumentedStates) {
  CONTRACT_REQUIRE_AVATAR_WORKFLOW(run);
  ASSERT_TRUE(run.wait.ok() || run.wait.status.category == tiktok_aigc::ErrorCategory::task_failed)
      << run.wait.status.to_string();
  EXPECT_TRUE(documented_path(run.states, video_rank, 2));
  std::cout << "[contract] avatar video task states seen: " << documented_path(run.states, video_rank, 2).message()
            << "\n";
  ASSERT_TRUE(succeeded(run.task_get));
  Problems problems;
  const json* list = problems.array(run.task_get.data(), "data", "list");
  ASSERT_TRUE(list != nullptr && list->size() == 1) << run.task_get.describe();
  const json& task = (*list)[0];
  problems.id(task, "data.list[0]", "task_id");
  problems.one_of(task, "data.list[0]", "status", {"SUBMITTED", "PROCESSING", "SUCCESS", "FAILED"});
  problems.string(task, "data.list[0]", "video_name");
  if (task.value("status", "") == "SUCCESS") {
    problems.id(task, "data.list[0]", "avatar_video_id");
    problems.url(task, "data.list[0]", "preview_url");
  }
  EXPECT_TRUE(problems.empty()) << problems.text() << "\n" << run.task_get.describe();
  if (!target().is_live()) {
    EXPECT_TRUE(run.wait.ok()) << "the mock's failure rate is 0: " << run.wait.status.to_string();
  }
}

TEST(DigitalAvatar, TheListFiltersByAvatarAndDate) {
  CONTRACT_REQUIRE_AVATAR_WORKFLOW(run);
  REQUIRE_AVATAR_VIDEO(run);
  ASSERT_TRUE(succeeded(run.video_list));
  Problems problems;
  check_page(run.video_list.data(), 1, 100, problems);
  const json* list = problems.array(run.video_list.data(), "data", "list");
  bool found = false;
  if (list != nullptr) {
    for (const json& video : *list) {
      problems.id(video, "data.list[]", "avatar_video_id");
      problems.string(video, "data.list[]", "video_name");
      problems.url(video, "data.list[]", "preview_url");
      problems.url(video, "data.list[]", "video_cover_url");
      const json* created = problems.string(video, "data.list[]", "create_time");
      if (created != nullptr) {
        const std::string time = created->get<std::string>();
        if (!is_documented_time(time)) problems.add("data.list[].create_time: \"" + time + "\"");
        if (time.substr(0, 10) < run.start_date) problems.add("data.list[]: made before start_date: " + time);
      }
      if (video.value("avatar_id", "") != run.avatar_id) problems.add("data.list[]: another avatar's video");
      found = found || video.value("avatar_video_id", "") == run.avatar_video_id;
    }
  }
  EXPECT_TRUE(found) << "the video made is not listed: " << run.video_list.describe();
  EXPECT_TRUE(problems.empty()) << problems.text() << "\n" << run.video_list.describe();
}

TEST(DigitalAvatar, ARenameShowsInTheTaskQuery) {
  CONTRACT_REQUIRE_AVATAR_WORKFLOW(run);
  REQUIRE_AVATAR_VIDEO(run);
  ASSERT_TRUE(succeeded(run.rename));
  EXPECT_EQ(run.rename.data(), json::object());
  ASSERT_TRUE(succeeded(run.renamed_task_get));
  EXPECT_EQ(run.renamed_task_get.data()["list"][0].value("video_name", ""), kNewName)
      << run.renamed_task_get.describe();
}

TEST(DigitalAvatar, ThePreviewAndTheThumbnailDownload) {
  CONTRACT_REQUIRE_AVATAR_WORKFLOW(run);
  REQUIRE_AVATAR_VIDEO(run);
  if (target().kind() == contract::Target::Kind::replay) {
    GTEST_SKIP() << "a recording holds the API's answers, not the media host's files";
  }
  ASSERT_TRUE(run.preview && *run.preview) << (run.preview ? run.preview->status().to_string() : "no preview_url");
  ASSERT_GE(run.preview->value().size(), 8u);
  EXPECT_EQ(run.preview->value().substr(4, 4), "ftyp") << "the preview is not an MP4";
  ASSERT_TRUE(run.thumbnail && *run.thumbnail) << (run.thumbnail ? run.thumbnail->status().to_string() : "none");
  EXPECT_FALSE(run.thumbnail->value().empty());
}

TEST(DigitalAvatar, SixMaterialPackagesIs40002) {
  CONTRACT_REQUIRE_AVATAR_WORKFLOW(run);
  const json package = {{"avatar_id", run.avatar_id}, {"script", "Hello."}};
  const Answer answer =
      target().post(paths::kAvatarVideoTaskCreate, {{"material_packages", json::array({package, package, package,
                                                                                        package, package, package})}});
  EXPECT_TRUE(answered_code(answer, 40002));
}

// ---------------------------------------------------------------------------------------
// Dubbed Translations
// ---------------------------------------------------------------------------------------

struct DubbingWorkflow {
  std::string skipped, error;
  Answer create, task_list, video_list;
  std::vector<std::string> task_ids;
  std::vector<std::string> states;
  tiktok_aigc::TaskWait<tiktok_aigc::VideoTask> wait;
};

const json kDubbingScripts = json::array({{{"text", "Bonjour à tous."}, {"text_start_time", 0}, {"text_end_time", 1500}},
                                          {{"text", "À bientôt."}, {"text_start_time", 1600}, {"text_end_time", 2500}}});

DubbingWorkflow run_dubbing() {
  DubbingWorkflow run;
  contract::Target& t = target();
  std::string source = contract::env("TIKTOK_DUBBING_VIDEO_URL");
  if (source.empty() && t.is_live()) {
    run.skipped = "set TIKTOK_DUBBING_VIDEO_URL to a short public MP4 to dub it on a live target";
    return run;
  }
  if (source.empty()) source = t.upload_url();
  std::cout << tiktok_aigc::kDubbingConsent << "\n" << tiktok_aigc::kUploadNotice << "\n";
  const json video = {{"video_url", source}, {"target_languages", {"fr"}}, {"scripts", kDubbingScripts}};
  run.create = t.post(paths::kVideoTaskCreate, {{"aigc_video_type", "DUBBING"}, {"dubbing_video_info", {video}}});
  for (const json& id : run.create.data().value("task_ids", json::array())) {
    if (id.is_string()) run.task_ids.push_back(id.get<std::string>());
  }
  if (run.create.code() != 0 || run.task_ids.empty()) {
    run.error = "dubbing task create: " + run.create.describe();
    return run;
  }
  run.wait = t.client().wait_for_video_tasks(run.task_ids, tiktok_aigc::AigcVideoType::dubbing(), t.wait_options(),
                                             [&](const std::vector<tiktok_aigc::VideoTask>& tasks) {
                                               run.states.push_back(tasks.at(0).status.wire());
                                             });
  // Without a type filter: the dubbed tasks and videos are what both lists answer about.
  run.task_list = t.get(paths::kVideoTaskList, {{"task_ids", json(run.task_ids).dump()}});
  run.video_list = t.get(paths::kVideoList, {{"page", "1"}, {"page_size", "100"}});
  return run;
}

const DubbingWorkflow& dubbing() {
  static const DubbingWorkflow run = run_dubbing();
  return run;
}

#define CONTRACT_REQUIRE_DUBBING(run)                    \
  CONTRACT_REQUIRE_TARGET();                             \
  const DubbingWorkflow& run = dubbing();                \
  if (!run.skipped.empty()) GTEST_SKIP() << run.skipped; \
  ASSERT_TRUE(run.error.empty()) << "the workflow stopped at " << run.error

TEST(Dubbing, OneTaskPerVideoEndsThroughTheDocumentedStates) {
  CONTRACT_REQUIRE_DUBBING(run);
  EXPECT_EQ(run.task_ids.size(), 1u) << run.create.describe();
  ASSERT_TRUE(run.wait.ok() || run.wait.status.category == tiktok_aigc::ErrorCategory::task_failed)
      << run.wait.status.to_string();
  EXPECT_TRUE(documented_path(run.states, video_rank, 2));
  if (!target().is_live()) {
    EXPECT_TRUE(run.wait.ok()) << "the mock's failure rate is 0: " << run.wait.status.to_string();
  }
}

TEST(Dubbing, TheTaskListWithoutAFilterDescribesTheDubbingTask) {
  CONTRACT_REQUIRE_DUBBING(run);
  ASSERT_TRUE(succeeded(run.task_list));
  Problems problems;
  const json* list = problems.array(run.task_list.data(), "data", "list");
  ASSERT_TRUE(list != nullptr && list->size() == 1) << run.task_list.describe();
  const json& task = (*list)[0];
  problems.id(task, "data.list[0]", "task_id");
  problems.one_of(task, "data.list[0]", "aigc_video_type", {"DUBBING"});
  const std::string status = task.value("status", "");
  if (status == "SUCCESS") {
    problems.id(task, "data.list[0]", "video_id");
    problems.url(task, "data.list[0]", "preview_url");
  }
  if (status == "FAILED") problems.string(task, "data.list[0]", "error_msg");
  if (status != "FAILED" && task.contains("error_msg")) problems.add("data.list[0].error_msg: on a task not FAILED");
  EXPECT_TRUE(problems.empty()) << problems.text() << "\n" << run.task_list.describe();
}

TEST(Dubbing, TheVideoListWithoutAFilterGivesTheDubbedVideoItsScripts) {
  CONTRACT_REQUIRE_DUBBING(run);
  if (run.wait.tasks.empty() || !run.wait.tasks[0].video_id) GTEST_SKIP() << "the dubbing task did not end SUCCESS";
  ASSERT_TRUE(succeeded(run.video_list));
  Problems problems;
  const json* list = problems.array(run.video_list.data(), "data", "list");
  const json* found = nullptr;
  if (list != nullptr) {
    for (const json& video : *list) {
      problems.one_of(video, "data.list[]", "aigc_video_type", {"DUBBING"});
      if (video.value("video_id", "") == *run.wait.tasks[0].video_id) found = &video;
    }
  }
  ASSERT_TRUE(found != nullptr) << "the dubbed video is not listed: " << run.video_list.describe();
  const json* info = problems.member(*found, "data.list[]", "dubbing_info");
  if (info != nullptr) {
    problems.one_of(*info, "data.list[].dubbing_info", "target_language", {"fr"});
    // The scripts sent come back as both lists (the document's rule for custom scripts).
    for (const char* key : {"original_scripts", "translated_scripts"}) {
      if (info->value(key, json()) != kDubbingScripts) {
        problems.add(std::string("data.list[].dubbing_info.") + key + ": not the scripts sent: " +
                     info->value(key, json()).dump());
      }
    }
  }
  EXPECT_TRUE(problems.empty()) << problems.text() << "\n" << run.video_list.describe();
}

}  // namespace
