// The mock's memory: what --state-dir keeps across a restart, and the retention bound
// that keeps a long run's memory fixed. (A restart after SIGKILL mid-load: cli_test.)
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sqlite3.h>
#include <optional>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace tiktok_aigc::mock::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// One mock at a time on a state dir, driven over HTTP like MockFixture's.
class Session : public Bodies {
 public:
  explicit Session(const Options& options) : server(options) {
    server.start();
    http = std::make_unique<httplib::Client>(server.base_url());
    http->set_read_timeout(15, 0);
  }
  ~Session() { server.stop(); }

  Reply post(const std::string& path, const json& body, const std::string& token = kToken) {
    return to_reply(
        http->Post(path.c_str(), {{"Access-Token", token}}, body.dump(), "application/json"));
  }
  Reply get(const std::string& path, const std::string& query, const std::string& token = kToken) {
    return to_reply(http->Get((path + "?" + query).c_str(), {{"Access-Token", token}}));
  }
  std::string upload(const std::string& token = kToken) {
    const Reply reply = post(kUploadPath, upload_request(), token);
    EXPECT_EQ(reply.code(), 0) << reply.body;
    return reply.code() == 0 ? reply.data().at(0).at("video_id").get<std::string>() : "";
  }
  std::vector<std::string> create_voiceover(const std::string& upload_id, int count) {
    const Reply reply = post(kVideoTaskCreatePath, voiceover_task({upload_id}, count));
    EXPECT_EQ(reply.code(), 0) << reply.body;
    return reply.code() == 0 ? reply.data().at("task_ids").get<std::vector<std::string>>()
                             : std::vector<std::string>{};
  }
  std::string create_script_task(int count) {
    const Reply reply = post(kScriptTaskCreatePath, product_script_task(count));
    EXPECT_EQ(reply.code(), 0) << reply.body;
    return reply.code() == 0 ? reply.data().at("task_id").get<std::string>() : "";
  }
  Reply task_list(const std::vector<std::string>& task_ids) {
    return get(kVideoTaskListPath,
               "task_ids=" + encode(json(task_ids).dump()) + "&aigc_video_type=VOICEOVER");
  }
  Reply video_list() {
    return get(kVideoListPath, "aigc_video_types=" + encode(R"(["VOICEOVER"])") + "&page_size=20");
  }
  Reply script_task(const std::string& id) { return get(kScriptTaskGetPath, "task_id=" + id); }
  // An avatar video task of the catalogue's first avatar; its id.
  std::string create_avatar_video(const std::optional<std::string>& name = std::nullopt) {
    const Reply avatars = get(kAvatarListPath, "page_size=1");
    json package = {{"avatar_id", avatars.data().at("list").at(0).at("avatar_id")}, {"script", "Hello."}};
    if (name) package["video_name"] = *name;
    const Reply reply = post(kAvatarVideoTaskCreatePath, {{"material_packages", json::array({package})}});
    EXPECT_EQ(reply.code(), 0) << reply.body;
    return reply.code() == 0 ? reply.data().at("list").at(0).at("task_id").get<std::string>() : "";
  }
  Reply avatar_tasks(const std::vector<std::string>& ids) {
    return get(kAvatarVideoTaskGetPath, "task_ids=" + encode(json(ids).dump()));
  }
  // The avatar tasks and videos, the media URLs' expiries aside (each answer signs afresh).
  json avatar_snapshot(const std::vector<std::string>& ids) {
    json out = {{"tasks", avatar_tasks(ids).data()}, {"videos", get(kAvatarVideoListPath, "page_size=20").data()}};
    for (json* list : {&out["tasks"]["list"], &out["videos"]["list"]}) {
      for (json& item : *list) {
        for (const char* key : {"preview_url", "video_cover_url"}) {
          if (item.contains(key)) item[key] = !item[key].get<std::string>().empty();
        }
      }
    }
    return out;
  }
  Reply script_list() { return get(kScriptListPath, "page_size=20"); }

  // What the listing endpoints say, request ids and the server's address aside.
  json snapshot(const std::vector<std::string>& task_ids, const std::string& script_task_id) {
    json tasks = json::array();
    for (std::size_t i = 0; i < task_ids.size(); i += 5) {  // at most 5 ids a request
      const std::vector<std::string> some(task_ids.begin() + static_cast<std::ptrdiff_t>(i),
                                          task_ids.begin() + static_cast<std::ptrdiff_t>(std::min(task_ids.size(), i + 5)));
      const Reply reply = task_list(some);
      for (const auto& task : reply.data().at("list")) tasks.push_back(task);
    }
    json videos = video_list().data();
    for (auto& video : videos.at("list")) {
      const std::string url = video.at("preview_url");
      video["preview_url"] = url.substr(url.find("/media/"));
    }
    for (auto& task : tasks) {
      if (!task.contains("preview_url")) continue;
      const std::string url = task.at("preview_url");
      task["preview_url"] = url.substr(url.find("/media/"));
    }
    return {{"tasks", tasks},
            {"videos", videos},
            {"script_task", script_task(script_task_id).data()},
            {"scripts", script_list().data()},
            {"now", server.now().time_since_epoch().count()}};
  }

  MockServer server;
  std::unique_ptr<httplib::Client> http;
};

std::string state_file(const TempDir& dir) { return dir.path() + "/mock-state.sqlite3"; }

Options state_options(const std::string& dir) {
  Options options = test_options();
  options.state_dir = dir;
  options.start_time = Clock::time_point(std::chrono::seconds(1'767'225'600));  // 2026-01-01
  return options;
}

TEST(State, EverythingAnsweredIsThereAfterARestartAndTasksCarryOn) {
  TempDir dir;
  std::vector<std::string> task_ids;
  std::string upload_id, script_task_id;
  json before;
  {
    Session first(state_options(dir.path()));
    upload_id = first.upload();
    task_ids = first.create_voiceover(upload_id, 3);
    first.server.queue_video_outcomes({TaskOutcome::failed});
    const auto failed = first.create_voiceover(upload_id, 1);
    task_ids.insert(task_ids.end(), failed.begin(), failed.end());
    first.server.advance_clock(2min);  // these four end
    const auto later = first.create_voiceover(upload_id, 2);
    task_ids.insert(task_ids.end(), later.begin(), later.end());
    script_task_id = first.create_script_task(4);
    first.server.advance_clock(10s);  // the last two PROCESSING, two of four scripts arrived
    before = first.snapshot(task_ids, script_task_id);
    ASSERT_EQ(before["videos"]["list"].size(), 3u);
    ASSERT_EQ(before["script_task"]["status"], "PARTIAL_SUCCESS");
  }
  Session second(state_options(dir.path()));
  EXPECT_EQ(second.snapshot(task_ids, script_task_id), before);

  // The preview URLs handed out before still download.
  const std::string path = before["videos"]["list"][0]["preview_url"];
  const auto media = second.http->Get(path.c_str());
  ASSERT_TRUE(media);
  EXPECT_EQ(media->status, 200);

  // Tasks go on through their states; the upload is still this token's.
  second.server.advance_clock(2min);
  const json after = second.snapshot(task_ids, script_task_id);
  ASSERT_EQ(after["tasks"].size(), task_ids.size()) << after.dump();
  for (const auto& task : after["tasks"]) EXPECT_NE(task["status"], "PROCESSING");
  EXPECT_EQ(second.video_list().data()["list"].size(), 5u);
  EXPECT_EQ(second.script_task(script_task_id).data()["status"], "SUCCESS");
  const auto more = second.create_voiceover(upload_id, 2);
  ASSERT_EQ(more.size(), 2u);
  for (const auto& id : more) {
    EXPECT_EQ(std::count(task_ids.begin(), task_ids.end(), id), 0) << "id " << id << " reused";
  }
}

TEST(State, AvatarVideoTasksAndTheirRenamesAreThereAfterARestart) {
  TempDir dir;
  std::vector<std::string> ids;
  json before;
  {
    Session first(state_options(dir.path()));
    ids.push_back(first.create_avatar_video("kept name"));
    first.server.queue_avatar_video_outcomes({TaskOutcome::failed});
    ids.push_back(first.create_avatar_video());
    ids.push_back(first.create_avatar_video());
    first.server.advance_clock(2min);  // all three end
    ids.push_back(first.create_avatar_video());  // still SUBMITTED
    const std::string made = first.avatar_tasks({ids[2]}).data().at("list").at(0).at("avatar_video_id");
    ASSERT_EQ(first.post(kAvatarVideoRenamePath, {{"avatar_video_id", made}, {"file_name", "renamed"}}).code(), 0);
    before = first.avatar_snapshot(ids);
    ASSERT_EQ(before["videos"]["list"].size(), 2u) << before.dump();
    ASSERT_EQ(before["tasks"]["list"][2]["video_name"], "renamed");
    ASSERT_EQ(before["tasks"]["list"][1]["status"], "FAILED");
  }
  Session second(state_options(dir.path()));
  EXPECT_EQ(second.avatar_snapshot(ids), before);
  second.server.advance_clock(2min);
  EXPECT_EQ(second.avatar_tasks({ids[3]}).data().at("list").at(0).at("status"), "SUCCESS");
  EXPECT_EQ(second.server.state()["accounts"][0]["avatar_video_tasks"]["count"], 4);
}

TEST(State, DubbedVideosKeepTheirNamesScriptsAndErrorsAfterARestart) {
  TempDir dir;
  std::vector<std::string> ids;
  json before;
  const auto snapshot = [&](Session& session) {
    json out = {{"tasks", session.get(kVideoTaskListPath, "task_ids=" + encode(json(ids).dump())).data()},
                {"videos", session.get(kVideoListPath, "page_size=20").data()}};  // DUBBING by default
    for (json* list : {&out["tasks"]["list"], &out["videos"]["list"]}) {
      for (json& item : *list) {
        if (item.contains("preview_url")) item["preview_url"] = item["preview_url"].get<std::string>().substr(
                                              item["preview_url"].get<std::string>().find("/media/"));
      }
    }
    return out;
  };
  {
    Session first(state_options(dir.path()));
    json named = {{"video_url", "https://cdn.example.com/a.mp4"}, {"target_languages", {"ko"}}, {"video_name", "Spring, ko"},
                  {"lipsync_enabled", true},
                  {"scripts", {{{"text", "안녕하세요"}, {"text_start_time", 0}, {"text_end_time", 1200.5}}}}};
    json unusable = {{"video_url", "http://127.0.0.1:9/gone.mp4"}, {"target_languages", {"it"}}};
    const Reply reply = first.post(kVideoTaskCreatePath, {{"aigc_video_type", "DUBBING"}, {"dubbing_video_info", {named, unusable}}});
    ASSERT_EQ(reply.code(), 0) << reply.body;
    ids = reply.data()["task_ids"].get<std::vector<std::string>>();
    first.server.advance_clock(5min);
    before = snapshot(first);
    ASSERT_EQ(before["videos"]["list"].size(), 1u) << before.dump();
    ASSERT_EQ(before["tasks"]["list"][1]["status"], "FAILED");
  }
  Session second(state_options(dir.path()));
  EXPECT_EQ(snapshot(second), before);
  EXPECT_EQ(before["tasks"]["list"][0]["video_name"], "Spring, ko");
  EXPECT_EQ(before["videos"]["list"][0]["dubbing_info"]["original_scripts"][0]["text_end_time"], 1200.5);
  EXPECT_NE(before["tasks"]["list"][1]["error_msg"].get<std::string>().find("unavailable"), std::string::npos);
}

// A file written before avatar videos existed (schema 1: no avatar_tasks table) opens, keeps
// its records and takes avatar videos from then on.
TEST(State, AStateFileOfTheFirstSchemaIsMigrated) {
  TempDir dir;
  std::vector<std::string> task_ids;
  {
    Session first(state_options(dir.path()));
    task_ids = first.create_voiceover(first.upload(), 1);
  }
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(state_file(dir).c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "DROP TABLE avatar_tasks; PRAGMA user_version = 1", nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  Session second(state_options(dir.path()));
  EXPECT_EQ(second.task_list(task_ids).code(), 0);
  const std::string avatar_task = second.create_avatar_video();
  EXPECT_EQ(second.avatar_tasks({avatar_task}).code(), 0);
}

// Tasks of one store all take the same time, but a restart may change it: the video list
// still goes by the moment each video was made.
TEST(State, VideosStayNewestFirstWhenARestartShortensTheTasks) {
  TempDir dir;
  std::string slow;
  {
    Session first(state_options(dir.path()));  // done 60 s after creation
    slow = first.create_voiceover(first.upload(), 1).at(0);
  }
  Options faster = state_options(dir.path());
  faster.durations.video_submitted = std::chrono::seconds(1);
  faster.durations.video_processing = std::chrono::seconds(1);
  Session second(faster);
  second.server.advance_clock(10s);
  const std::string quick = second.create_voiceover(second.upload(), 1).at(0);  // done at 12 s

  second.server.advance_clock(20s);  // 30 s: only the later task is done
  Reply listed = second.video_list();
  ASSERT_EQ(listed.data()["page_info"]["total_number"], 1) << listed.body;

  second.server.advance_clock(1min);  // both done, the first one last
  listed = second.video_list();
  const Reply tasks = second.task_list({slow, quick});
  ASSERT_EQ(listed.data()["list"].size(), 2u) << listed.body;
  EXPECT_EQ(listed.data()["list"][0]["video_id"], tasks.data()["list"][0]["video_id"]);
  EXPECT_EQ(listed.data()["list"][1]["video_id"], tasks.data()["list"][1]["video_id"]);
}

TEST(State, ARunningClockGoesOnFromWhereItStood) {
  TempDir dir;
  Options options = state_options(dir.path());
  options.clock_frozen = false;
  Clock::time_point stopped_at;
  {
    Session first(options);
    first.server.advance_clock(1h);
    stopped_at = first.server.now();
  }
  Session second(options);  // its start_time is ignored: the kept clock wins
  EXPECT_GE(second.server.now(), stopped_at);
  EXPECT_LT(second.server.now(), stopped_at + 1min);
  EXPECT_FALSE(json::parse(second.http->Get("/__mock__/clock")->body)["frozen"].get<bool>());
}

TEST(State, AFrozenClockStaysFrozenWhereItWas) {
  TempDir dir;
  Clock::time_point stopped_at;
  {
    Session first(state_options(dir.path()));
    first.server.advance_clock(3h);
    stopped_at = first.server.now();
  }
  Session second(state_options(dir.path()));
  EXPECT_EQ(second.server.now(), stopped_at);
}

TEST(State, ResetEmptiesTheStateFileToo) {
  TempDir dir;
  std::vector<std::string> task_ids;
  {
    Session first(state_options(dir.path()));
    task_ids = first.create_voiceover(first.upload(), 1);
    first.server.reset();
  }
  Session second(state_options(dir.path()));
  EXPECT_EQ(second.task_list(task_ids).code(), 40007);
}

TEST(State, TheSeedOfTheStateWinsAndAnotherOneIsRefused) {
  TempDir dir;
  std::string first_upload;
  {
    Session first(state_options(dir.path()));
    first_upload = first.upload();
  }
  Options unseeded = state_options(dir.path());
  unseeded.seed.reset();
  {
    Session second(unseeded);  // takes the kept seed: ids go on from the same sequence
    EXPECT_NE(second.upload(), first_upload);
  }
  Options other = state_options(dir.path());
  other.seed = 43;
  try {
    MockServer refused(other);
    FAIL() << "a second seed was accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("seed 42, not 43"), std::string::npos) << error.what();
  }
}

TEST(State, ASecondMockOnTheSameDirectoryIsRefused) {
  TempDir dir;
  Session first(state_options(dir.path()));
  try {
    MockServer second(state_options(dir.path()));
    FAIL() << "two mocks share " << dir.path();
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("in use by another mock server"), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(first.upload().size(), 32u);  // the first one carries on
}

TEST(State, AFileThatIsNotAStateIsAClearError) {
  TempDir dir;
  std::ofstream(state_file(dir)) << "these are not the bytes of an SQLite database, but they are many "
                               "enough to look like a header of one at a first glance";
  try {
    MockServer server(state_options(dir.path()));
    FAIL() << "a garbage state file was accepted";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(state_file(dir)), std::string::npos) << error.what();
  }
}

TEST(State, TheTokenIsNeverWritten) {
  TempDir dir;
  const std::string token = "secret-token-that-must-stay-in-memory";
  {
    Session first(state_options(dir.path()));
    first.upload(token);
    first.post(kScriptTaskCreatePath, Bodies::product_script_task(1), token);
  }
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(token), std::string::npos) << entry.path();
    EXPECT_EQ(bytes.find("secret-token"), std::string::npos) << entry.path();
  }
}

// ---- retention ----

Options small_store(std::size_t max_retained) {
  Options options = test_options();
  options.max_retained = max_retained;
  return options;
}

TEST(Retention, TheOldestRecordsAreForgottenPastTheLimit) {
  Session session(small_store(100));
  const std::string upload_id = session.upload();                   // 1
  const auto oldest = session.create_voiceover(upload_id, 1);       // 2
  std::vector<std::string> newest;
  for (int i = 0; i < 99; ++i) newest = session.create_voiceover(session.upload(), 1);  // 200
  session.server.advance_clock(2min);

  EXPECT_EQ(session.task_list(oldest).code(), 40007);
  EXPECT_EQ(session.post(kVideoTaskCreatePath, Bodies::voiceover_task({upload_id})).code(), 40007);
  const Reply kept = session.task_list(newest);
  ASSERT_EQ(kept.code(), 0) << kept.body;
  EXPECT_EQ(kept.data()["list"][0]["status"], "SUCCESS");
  // 100 records: the newest 50 uploads and 50 tasks.
  EXPECT_EQ(session.video_list().data()["page_info"]["total_number"], 50);
}

TEST(Retention, AForgottenVideosPreviewIsGone) {
  Session session(small_store(100));
  const auto first = session.create_voiceover(session.upload(), 1);
  session.server.advance_clock(2min);
  const std::string url = session.task_list(first).data()["list"][0]["preview_url"];
  const std::string path = url.substr(url.find("/media/"));
  ASSERT_EQ(session.http->Get(path.c_str())->status, 200);
  for (int i = 0; i < 60; ++i) session.create_voiceover(session.upload(), 1);
  EXPECT_EQ(session.http->Get(path.c_str())->status, 404);
}

TEST(Retention, AScriptTaskCountsItsScripts) {
  Session session(small_store(100));
  const std::string oldest = session.create_script_task(5);  // 6 records
  for (int i = 0; i < 94; ++i) session.upload();             // 100 in all
  EXPECT_EQ(session.script_task(oldest).code(), 0);
  session.upload();
  EXPECT_EQ(session.script_task(oldest).code(), 40007);
}

TEST(Retention, AnAvatarVideoTaskCountsOneAndItsVideoGoesWithIt) {
  Session session(small_store(100));
  const std::string oldest = session.create_avatar_video();
  session.server.advance_clock(2min);
  const std::string url = session.avatar_tasks({oldest}).data()["list"][0]["preview_url"];
  const std::string path = url.substr(url.find("/media/"));
  ASSERT_EQ(session.http->Get(path.c_str())->status, 200);
  for (int i = 0; i < 99; ++i) session.upload();  // 100 in all
  EXPECT_EQ(session.avatar_tasks({oldest}).code(), 0);
  session.upload();
  EXPECT_EQ(session.avatar_tasks({oldest}).code(), 40007);
  EXPECT_EQ(session.get(kAvatarVideoListPath, "page=1").data()["page_info"]["total_number"], 0);
  EXPECT_EQ(session.http->Get(path.c_str())->status, 404);
}

TEST(Retention, ALowerLimitAtRestartForgetsTheExcess) {
  TempDir dir;
  std::vector<std::string> first_tasks;
  {
    Options options = state_options(dir.path());
    Session first(options);
    first_tasks = first.create_voiceover(first.upload(), 1);
    for (int i = 0; i < 150; ++i) first.upload();
  }
  Options smaller = state_options(dir.path());
  smaller.max_retained = 100;
  {
    Session second(smaller);
    EXPECT_EQ(second.task_list(first_tasks).code(), 40007);
  }
  Session third(state_options(dir.path()));  // forgotten on disk too
  EXPECT_EQ(third.task_list(first_tasks).code(), 40007);
}

TEST(Retention, BelowTheMinimumIsRefused) {
  EXPECT_THROW(MockServer(small_store(99)), std::invalid_argument);
}

}  // namespace
}  // namespace tiktok_aigc::mock::testing
