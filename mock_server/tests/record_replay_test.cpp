// Record and replay: a workflow recorded through RecordProxy in front of an in-process
// mock, the recording checked for secrets, then served by ReplayServer.
//
// RECORD_REPLAY_FIXTURE_OUT=FILE makes RecordReplay.Workflow copy its recording to FILE
// (how contract_tests/recordings/mock_workflow.jsonl is made).
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "record_proxy.hpp"
#include "recording.hpp"
#include "replay_server.hpp"
#include "test_support.hpp"
#include "tiktok_aigc/mock/mock_server.hpp"

namespace tiktok_aigc::mock {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::kScriptTaskCreatePath;
using testing::kScriptTaskGetPath;
using testing::kUploadPath;
using testing::kVideoListPath;
using testing::kVideoTaskCreatePath;
using testing::kVideoTaskListPath;

constexpr const char* kSecretToken = "SECRET-RECORD-TOKEN-42";
constexpr const char* kBodySecret = "body-secret-value-that-must-not-leak";

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

struct Call {
  std::string method;
  std::string target;  // path?query
  std::string body;
};

struct Answer {
  int status = 0;
  std::string body;
};

Answer send(httplib::Client& http, const Call& call, const std::string& token) {
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Access-Token", token);
  const auto result = call.method == "POST"
                          ? http.Post(call.target.c_str(), headers, call.body, "application/json")
                          : http.Get(call.target.c_str(), headers);
  if (!result) {
    ADD_FAILURE() << call.method << " " << call.target << ": "
                  << httplib::to_string(result.error());
    return {};
  }
  return {result->status, result->body};
}

std::unique_ptr<httplib::Client> client_for(const std::string& base_url) {
  auto http = std::make_unique<httplib::Client>(base_url);
  http->set_tcp_nodelay(true);
  http->set_read_timeout(10, 0);
  http->set_connection_timeout(5, 0);
  return http;
}

std::string task_list_target(const std::string& task_id) {
  return std::string(kVideoTaskListPath) +
         "?task_ids=" + httplib::detail::encode_query_param(json::array({task_id}).dump()) +
         "&aigc_video_type=VOICEOVER";
}

struct Recorded {
  std::vector<Call> calls;
  std::vector<Answer> answers;
  std::string task_id;
};

// The workflow, through a RecordProxy in front of a mock with a frozen clock.
Recorded record_workflow(const fs::path& file) {
  Options options = testing::test_options();
  options.start_time = std::chrono::system_clock::from_time_t(1767225600);  // 2026-01-01
  options.public_base_url = "http://127.0.0.1:8080";  // the same recording on every run
  MockServer mock(options);
  mock.start();
  RecordOptions record;
  record.record_to = file.string();
  record.upstream = mock.base_url();
  RecordProxy proxy(record);
  proxy.start();
  auto http = client_for(proxy.base_url());

  Recorded out;
  const auto step = [&](const Call& call) {
    out.calls.push_back(call);
    out.answers.push_back(send(*http, call, kSecretToken));
    const json parsed = json::parse(out.answers.back().body, nullptr, false);
    EXPECT_EQ(out.answers.back().status, 200) << call.target;
    EXPECT_EQ(parsed.value("code", -1), 0) << call.target << ": " << out.answers.back().body;
    return parsed;
  };

  const json uploaded = step({"POST", kUploadPath,
                              json{{"upload_type", "UPLOAD_BY_URL"},
                                   {"use_scenario", "AIGC"},
                                   {"video_url", "https://cdn.example.com/clips/clip.mp4"},
                                   {"access_token", kBodySecret}}
                                  .dump()});
  const std::string video_id = uploaded.at("data").at(0).at("video_id");
  const json created = step({"POST", kVideoTaskCreatePath, testing::Bodies::voiceover_task({video_id}, 1).dump()});
  out.task_id = created.at("data").at("task_ids").at(0);
  for (const auto by :
       {std::chrono::seconds(0), std::chrono::seconds(10), std::chrono::seconds(60)}) {
    mock.advance_clock(by);
    step({"GET", task_list_target(out.task_id), ""});
  }
  step({"GET",
        std::string(kVideoListPath) + "?aigc_video_types=" +
            httplib::detail::encode_query_param(R"(["VOICEOVER"])") + "&page=1&page_size=10",
        ""});
  const json script = step({"POST", kScriptTaskCreatePath, testing::Bodies::product_script_task(2).dump()});
  mock.advance_clock(std::chrono::minutes(1));
  step({"GET",
        std::string(kScriptTaskGetPath) +
            "?task_id=" + script.at("data").at("task_id").get<std::string>(),
        ""});
  proxy.stop();
  mock.stop();
  return out;
}

fs::path temp_file(const std::string& name) {
  const fs::path path = fs::temp_directory_path() /
                        ("record_replay_" + std::to_string(::getpid()) + "_" + name + ".jsonl");
  fs::remove(path);
  return path;
}

TEST(RecordReplay, Workflow) {
  const fs::path file = temp_file("workflow");
  const Recorded recorded = record_workflow(file);

  // The file: one parseable line per exchange, the six fields of the format and no more.
  const auto lines = lines_of(file);
  ASSERT_EQ(lines.size(), recorded.calls.size());
  const std::string text = read_file(file);
  EXPECT_EQ(text.find(kSecretToken), std::string::npos);
  EXPECT_EQ(text.find(kBodySecret), std::string::npos);
  EXPECT_EQ(text.find("Access-Token"), std::string::npos);
  std::vector<std::string> task_states;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const json line = json::parse(lines[i], nullptr, false);
    ASSERT_FALSE(line.is_discarded()) << lines[i];
    ASSERT_EQ(line.size(), 6u) << lines[i];
    for (const char* key : {"method", "path", "query", "request_body", "status", "response_body"}) {
      EXPECT_TRUE(line.contains(key)) << key;
    }
    EXPECT_EQ(line["method"], recorded.calls[i].method);
    EXPECT_EQ(line["status"], recorded.answers[i].status);
    EXPECT_EQ(line["response_body"], json::parse(recorded.answers[i].body));
    EXPECT_TRUE(recording::find_secrets(lines[i]).empty()) << lines[i];
    if (line["path"] == kVideoTaskListPath) {
      EXPECT_EQ(line["query"].at(0),
                json::array({"task_ids", json::array({recorded.task_id}).dump()}));
      task_states.push_back(line["response_body"]["data"]["list"][0]["status"]);
    }
  }
  EXPECT_EQ(json::parse(lines[0])["request_body"]["access_token"], "[SCRUBBED]");
  EXPECT_EQ(task_states, (std::vector<std::string>{"SUBMITTED", "PROCESSING", "SUCCESS"}));

  // Replayed with another token: the same statuses and bodies, in the same order.
  ReplayServer replay(file.string());
  replay.start();
  auto http = client_for(replay.base_url());
  for (std::size_t i = 0; i < recorded.calls.size(); ++i) {
    const Answer answer = send(*http, recorded.calls[i], "another-token");
    EXPECT_EQ(answer.status, recorded.answers[i].status) << recorded.calls[i].target;
    EXPECT_EQ(json::parse(answer.body, nullptr, false), json::parse(recorded.answers[i].body))
        << recorded.calls[i].target;
  }
  // After the last recording of a request, the last one again.
  const Answer again = send(*http, {"GET", task_list_target(recorded.task_id), ""}, "t");
  EXPECT_EQ(json::parse(again.body)["data"]["list"][0]["status"], "SUCCESS");

  // No token: 40104, as the API answers.
  const Answer no_token = send(*http, recorded.calls[0], "");
  EXPECT_EQ(no_token.status, 200);
  EXPECT_EQ(json::parse(no_token.body).value("code", 0), 40104) << no_token.body;

  // Another task id: 404, the closest exchange, and the query parameter that differs.
  const Answer other_task = send(*http, {"GET", task_list_target("8"), ""}, "t");
  EXPECT_EQ(other_task.status, 404);
  const json why = json::parse(other_task.body);
  EXPECT_EQ(why["error"], "no recording matches this request");
  EXPECT_EQ(why["closest"]["path"], kVideoTaskListPath);
  ASSERT_EQ(why["differences"].size(), 1u) << why.dump();
  EXPECT_EQ(why["differences"][0],
            "query task_ids: recorded [\"" + recorded.task_id + "\"], got [\"8\"]");

  // Another count: the body path that differs.
  const json create = json::parse(recorded.calls[1].body);
  const std::string video_id = create["product_video_info"]["input_video_list"]["video_id_list"][0];
  const Answer other_count =
      send(*http, {"POST", kVideoTaskCreatePath, testing::Bodies::voiceover_task({video_id}, 2).dump()}, "t");
  EXPECT_EQ(other_count.status, 404);
  const json why_count = json::parse(other_count.body);
  EXPECT_EQ(why_count["closest"]["path"], kVideoTaskCreatePath);
  EXPECT_EQ(why_count["differences"],
            json::array({"body product_video_info.video_generation_count: recorded 1, got 2"}));

  // A path never recorded: 404 too, and says so.
  const Answer unrecorded = send(*http, {"GET", std::string(kVideoListPath) + "?page=9", ""}, "t");
  EXPECT_EQ(unrecorded.status, 404);
  replay.stop();

  if (const char* out = std::getenv("RECORD_REPLAY_FIXTURE_OUT")) {
    fs::copy_file(file, out, fs::copy_options::overwrite_existing);
  }
  fs::remove(file);
}

TEST(RecordReplay, ScrubsSecretKeysAndTokenText) {
  recording::Exchange exchange;
  exchange.method = "POST";
  exchange.path = "/open_api/v1.3/x/";
  exchange.query = {{"access_token", "abc"}, {"echo", "tok-123456789"}};
  exchange.request_body = {{"nested", {{"App-Secret", "s1"}, {"Password", "p"}, {"n", 1}}},
                           {"list", {{{"refresh_token", "r"}}}},
                           {"note", "token tok-123456789 inside"}};
  exchange.status = 200;
  exchange.response_body = {{"message", "saw tok-123456789"}, {"client_secret", 5}};
  const std::string line = recording::scrubbed_line(exchange, {"tok-123456789"});
  EXPECT_EQ(line.find("tok-123456789"), std::string::npos) << line;
  const json parsed = json::parse(line);
  EXPECT_EQ(parsed["query"][0][1], "[SCRUBBED]");
  EXPECT_EQ(parsed["query"][1][1], "[SCRUBBED]");
  EXPECT_EQ(parsed["request_body"]["nested"]["App-Secret"], "[SCRUBBED]");
  EXPECT_EQ(parsed["request_body"]["nested"]["Password"], "[SCRUBBED]");
  EXPECT_EQ(parsed["request_body"]["nested"]["n"], 1);
  EXPECT_EQ(parsed["request_body"]["list"][0]["refresh_token"], "[SCRUBBED]");
  EXPECT_EQ(parsed["request_body"]["note"], "token [SCRUBBED] inside");
  EXPECT_EQ(parsed["response_body"]["message"], "saw [SCRUBBED]");
  // Ids and other fields stay as they were.
  EXPECT_FALSE(recording::is_secret_key("task_ids"));
  EXPECT_FALSE(recording::is_secret_key("video_id"));
}

TEST(RecordReplay, SecretScannerFindsLeaks) {
  EXPECT_TRUE(
      recording::find_secrets(
          R"({"method":"GET","path":"/p","query":[],"request_body":{"access_token":"[SCRUBBED]"},"status":200,"response_body":null})")
          .empty());
  EXPECT_FALSE(recording::find_secrets(R"({"headers":{"Access-Token":"abcdef"}})").empty());
  EXPECT_FALSE(recording::find_secrets(R"({"a":{"token":"0123456789abcdef0123456789"}})").empty());
  EXPECT_FALSE(recording::find_secrets(R"({"password":"hunter2"})").empty());
  EXPECT_FALSE(recording::find_secrets(R"({"query":[["access_token","x"]]})").empty());
  EXPECT_FALSE(recording::find_secrets("not json").empty());
}

// Every committed recording, scanned for secrets. Build trees and dot-directories aside.
TEST(RecordReplay, CommittedRecordingsHoldNoSecrets) {
  const fs::path root = PROJECT_SOURCE_DIR;
  int files = 0;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    const std::string name = it->path().filename().string();
    if (it->is_directory() && (name.rfind("build", 0) == 0 || name.rfind(".", 0) == 0)) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->path().extension() != ".jsonl") continue;
    ++files;
    int number = 0;
    for (const auto& line : lines_of(it->path())) {
      ++number;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      for (const auto& leak : recording::find_secrets(line)) {
        ADD_FAILURE() << it->path() << ":" << number << ": " << leak;
      }
    }
  }
  EXPECT_GE(files, 1) << "contract_tests/recordings/mock_workflow.jsonl is missing";
}

TEST(RecordReplay, FixtureReplays) {
  const fs::path fixture =
      fs::path(PROJECT_SOURCE_DIR) / "contract_tests/recordings/mock_workflow.jsonl";
  ASSERT_TRUE(fs::exists(fixture));
  const auto exchanges = recording::load(fixture.string());
  ASSERT_GE(exchanges.size(), 5u);
  ReplayServer replay(fixture.string());
  replay.start();
  auto http = client_for(replay.base_url());
  for (const auto& exchange : exchanges) {
    std::string target = exchange.path;
    for (std::size_t i = 0; i < exchange.query.size(); ++i) {
      target += (i == 0 ? "?" : "&") + exchange.query[i].first + "=" +
                httplib::detail::encode_query_param(exchange.query[i].second);
    }
    const std::string body = exchange.request_body.is_null() ? "" : exchange.request_body.dump();
    const Answer answer = send(*http, {exchange.method, target, body}, "any-token");
    EXPECT_EQ(answer.status, exchange.status) << target;
    EXPECT_EQ(json::parse(answer.body, nullptr, false), exchange.response_body) << target;
  }
  replay.stop();
}

}  // namespace
}  // namespace tiktok_aigc::mock
