// tiktok-aigc-drift: recordings are made here, by driving an in-process mock (another seed
// and start time than the drift's own mock, so every id differs) over plain httplib and
// writing the exchanges in the recording proxy's format. A faithful recording shows no
// drift; one altered the way a drifted upstream would answer shows each alteration.
#include "drift.hpp"
#include "tiktok_aigc/version.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "test_support.hpp"

namespace tiktok_aigc::mock::testing {
namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

// Drives a mock over HTTP and keeps every exchange as the recording proxy writes it.
class Recorder {
 public:
  Recorder() : server_(options()) {
    server_.start();
    http_ = std::make_unique<httplib::Client>(server_.base_url());
    http_->set_read_timeout(15, 0);
  }
  ~Recorder() { server_.stop(); }

  json post(const std::string& path, const json& body) {
    const httplib::Headers headers = {{"Access-Token", kToken}};
    return keep("POST", path, {}, body,
                http_->Post(path.c_str(), headers, body.dump(), "application/json"));
  }
  json get(const std::string& path, const Query& query) {
    std::string target = path;
    char separator = '?';
    for (const auto& [name, value] : query) {
      target += separator + name + "=" + encode(value);
      separator = '&';
    }
    const httplib::Headers headers = {{"Access-Token", kToken}};
    return keep("GET", path, query, nullptr, http_->Get(target.c_str(), headers));
  }

  MockServer& server() { return server_; }
  std::vector<json> exchanges;

 private:
  static Options options() {
    Options options = test_options();
    options.seed = 7;
    options.start_time = Clock::time_point(std::chrono::seconds(1700000000));
    return options;
  }

  json keep(const std::string& method, const std::string& path, const Query& query,
            const json& request_body, const httplib::Result& result) {
    EXPECT_TRUE(result) << method << " " << path;
    if (!result) return json();
    json body = json::parse(result->body, nullptr, false);
    if (body.is_discarded()) body = result->body;
    json pairs = json::array();
    for (const auto& [name, value] : query) pairs.push_back({name, value});
    exchanges.push_back({{"method", method},
                         {"path", path},
                         {"query", pairs},
                         {"request_body", request_body},
                         {"status", result->status},
                         {"response_body", body}});
    EXPECT_EQ(body.value("code", -1), 0) << result->body;
    return body;
  }

  MockServer server_;
  std::unique_ptr<httplib::Client> http_;
};

// The documented workflow, as a live run would record it. Exchanges (1-based):
// 1 upload, 2 VOICEOVER create, 3 query SUBMITTED, 4 PROCESSING, 5 SUCCESS, 6 video list,
// 7 script create, 8 script get PARTIAL_SUCCESS, 9 script get SUCCESS, 10 script list.
std::vector<json> faithful_recording() {
  Recorder r;
  const json upload = r.post(kUploadPath, Bodies::upload_request());
  const std::string video_id = upload.at("data").at(0).at("video_id");
  const json created = r.post(kVideoTaskCreatePath, Bodies::voiceover_task({video_id}));
  const Query task_query = {{"task_ids", created.at("data").at("task_ids").dump()},
                            {"aigc_video_type", "VOICEOVER"}};
  EXPECT_EQ(r.get(kVideoTaskListPath, task_query)["data"]["list"][0]["status"], "SUBMITTED");
  r.server().advance_clock(std::chrono::seconds(10));
  EXPECT_EQ(r.get(kVideoTaskListPath, task_query)["data"]["list"][0]["status"], "PROCESSING");
  r.server().advance_clock(std::chrono::minutes(2));
  EXPECT_EQ(r.get(kVideoTaskListPath, task_query)["data"]["list"][0]["status"], "SUCCESS");
  r.get(kVideoListPath, {{"aigc_video_types", R"(["VOICEOVER"])"}});
  const json script = r.post(kScriptTaskCreatePath, Bodies::product_script_task(3));
  const Query script_query = {{"task_id", script.at("data").at("task_id").get<std::string>()}};
  r.server().advance_clock(std::chrono::seconds(8));
  EXPECT_EQ(r.get(kScriptTaskGetPath, script_query)["data"]["status"], "PARTIAL_SUCCESS");
  r.server().advance_clock(std::chrono::minutes(2));
  EXPECT_EQ(r.get(kScriptTaskGetPath, script_query)["data"]["status"], "SUCCESS");
  r.get(kScriptListPath, {});
  return r.exchanges;
}

std::string lines(const DriftReport& report) {
  std::string out;
  for (const DriftDifference& difference : report.differences) out += difference.to_string() + "\n";
  return out + report.summary();
}

bool has(const DriftReport& report, std::size_t exchange, const std::string& path,
         const std::string& kind) {
  for (const DriftDifference& difference : report.differences)
    if (difference.exchange == exchange && difference.json_path == path && difference.kind == kind)
      return true;
  return false;
}

std::string write_file(const std::string& name, const std::vector<json>& exchanges) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream out(path);
  for (const json& exchange : exchanges) out << exchange.dump() << "\n";
  return path;
}

// Runs the built binary; returns the exit code and what it printed on stdout. Its stderr
// stays the test's, so what it said on a failure (a sanitizer's report too) is in the log.
std::pair<int, std::string> run(const std::string& arguments) {
  const std::string command = std::string(DRIFT_BINARY) + " " + arguments;
  FILE* pipe = popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  if (pipe == nullptr) return {-1, ""};
  std::string output;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

TEST(Drift, VersionPrintsTheProjectVersion) {
  const auto [status, output] = run("--version");
  EXPECT_EQ(status, 0);
  EXPECT_EQ(output, "tiktok-aigc-drift " TIKTOK_AIGC_VERSION "\n");
}

TEST(Drift, FaithfulRecordingShowsNoDifference) {
  const std::vector<json> recording = faithful_recording();
  ASSERT_EQ(recording.size(), 10u);
  const DriftReport report = compare_with_mock(recording);
  EXPECT_FALSE(report.drifted()) << lines(report);
  EXPECT_EQ(report.exchanges, 10u);
  EXPECT_EQ(report.summary().rfind("no drift", 0), 0u) << report.summary();
}

TEST(Drift, DriftedUpstreamIsReportedPathByPath) {
  std::vector<json> recording = faithful_recording();
  // 1: the upload's data an object instead of an array.
  recording[0]["response_body"]["data"] = recording[0]["response_body"]["data"][0];
  // 3: a new status.
  recording[2]["response_body"]["data"]["list"][0]["status"] = "QUEUED";
  // 5: preview_url renamed in the task list.
  json& task = recording[4]["response_body"]["data"]["list"][0];
  task["preview_link"] = task["preview_url"];
  task.erase("preview_url");
  // 6: video_id a number, and a field the mock does not know.
  json& video = recording[5]["response_body"]["data"]["list"][0];
  video["video_id"] = json::parse(video["video_id"].get<std::string>());
  recording[5]["response_body"]["data"]["page_info"]["has_more"] = false;

  const DriftReport report = compare_with_mock(recording);
  const std::string text = lines(report);
  EXPECT_TRUE(report.drifted());
  EXPECT_TRUE(has(report, 1, "data", "type differs")) << text;
  EXPECT_TRUE(has(report, 3, "data.list[].status", "enum value unknown")) << text;
  EXPECT_TRUE(has(report, 5, "data.list[].preview_link", "field missing")) << text;
  EXPECT_TRUE(has(report, 5, "data.list[].preview_url", "field extra")) << text;
  EXPECT_TRUE(has(report, 6, "data.list[].video_id", "type differs")) << text;
  EXPECT_TRUE(has(report, 6, "data.page_info.has_more", "field missing")) << text;
  EXPECT_EQ(report.differences.size(), 6u) << text;  // and nothing else: ids still map
  EXPECT_NE(text.find("#5 GET /open_api/v1.3/creative/aigc/video/task/list/ "
                      "data.list[].preview_link: field missing in the mock"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("#6 GET /open_api/v1.3/creative/aigc/video/list/ data.list[].video_id: "
                      "type differs: live number, mock string"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("QUEUED"), std::string::npos) << text;
  EXPECT_EQ(report.summary(), "drift: 6 differences in 4 of 10 exchanges");
}

TEST(Drift, LoopbackUploadUrlIsReplacedByOneTheMockDoesNotFetch) {
  std::vector<json> recording = faithful_recording();
  // Recorded against a live API that fetched a clip a local server offered; the mock would
  // try to fetch it and fail (40903) were the URL sent as it was.
  recording[0]["request_body"]["video_url"] = "http://127.0.0.1:9/clips/clip.mp4";
  const DriftReport report = compare_with_mock(recording);
  EXPECT_FALSE(report.drifted()) << lines(report);
}

TEST(Drift, FailedLiveTaskEndsFailedOnTheMock) {
  Recorder r;
  r.server().queue_video_outcomes({TaskOutcome::failed});
  const std::string video_id = r.post(kUploadPath, Bodies::upload_request())["data"][0]["video_id"];
  const json created = r.post(kVideoTaskCreatePath, Bodies::voiceover_task({video_id}));
  r.server().advance_clock(std::chrono::minutes(5));
  const Query query = {{"task_ids", created["data"]["task_ids"].dump()},
                       {"aigc_video_type", "VOICEOVER"}};
  ASSERT_EQ(r.get(kVideoTaskListPath, query)["data"]["list"][0]["status"], "FAILED");
  const DriftReport report = compare_with_mock(r.exchanges);
  EXPECT_FALSE(report.drifted()) << lines(report);
}

TEST(Drift, DifferentEnvelopeCodeIsReported) {
  std::vector<json> recording = faithful_recording();
  // The live API accepted a filter value the mock refuses (40002).
  recording[5]["query"] = json::array({json::array({"aigc_video_types", R"(["HOLOGRAM"])"})});
  const DriftReport report = compare_with_mock(recording);
  EXPECT_TRUE(has(report, 6, "code", "code differs")) << lines(report);
  EXPECT_EQ(report.differences.size(), 1u) << lines(report);
}

TEST(Drift, MalformedInputIsRefused) {
  std::istringstream bad("{\"method\":\"GET\"}\nnot json\n");
  EXPECT_THROW(read_recording(bad), std::runtime_error);
  std::istringstream blank_lines("\n{\"a\":1}\n\n");
  EXPECT_EQ(read_recording(blank_lines).size(), 1u);
  EXPECT_THROW(compare_with_mock({json{{"path", "/x"}, {"status", 200}, {"response_body", {}}}}),
               std::invalid_argument);
}

TEST(Drift, BinaryExitsZeroOneOrTwo) {
  const std::vector<json> faithful = faithful_recording();
  const auto [clean_code, clean_output] = run(write_file("drift_faithful.jsonl", faithful));
  EXPECT_EQ(clean_code, 0) << clean_output;
  EXPECT_EQ(clean_output.rfind("no drift", 0), 0u) << clean_output;

  std::vector<json> drifted = faithful;
  drifted[0]["response_body"]["data"] = drifted[0]["response_body"]["data"][0];
  const auto [drift_code, drift_output] = run(write_file("drift_drifted.jsonl", drifted));
  EXPECT_EQ(drift_code, 1) << drift_output;
  EXPECT_NE(drift_output.find("#1 POST /open_api/v1.3/file/video/ad/upload/ data: type differs: "
                              "live object, mock array"),
            std::string::npos)
      << drift_output;
  EXPECT_NE(drift_output.find("drift: 1 difference in 1 of 10 exchanges"), std::string::npos)
      << drift_output;

  EXPECT_EQ(run("").first, 2);
  EXPECT_EQ(run(::testing::TempDir() + "no-such-recording.jsonl").first, 2);
  EXPECT_EQ(run(write_file("drift_empty.jsonl", {})).first, 2);
}

}  // namespace
}  // namespace tiktok_aigc::mock::testing
