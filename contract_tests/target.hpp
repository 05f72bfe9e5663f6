// Where the contract suite sends its requests: chosen once per process from the
// environment, so one run tests exactly one target.
//
//   TIKTOK_CONTRACT_TARGET=mock   (default) the bundled mock, started in this process on a
//                                 free port: seed fixed, tasks take well under a second, the
//                                 documented rate limits off, the control API available.
//   TIKTOK_CONTRACT_TARGET=live   TIKTOK_API_BASE (https://...) and TIKTOK_ACCESS_TOKEN from
//                                 the environment; TIKTOK_CA_FILE (PEM) trusts a private CA.
//                                 No control API; waits with live intervals (first poll 1 s,
//                                 growing 1.5x to 30 s, deadline 15 min); the client's
//                                 limiter keeps the documented budgets.
//   TIKTOK_CONTRACT_TARGET=record the mock target, through the recording proxy: every
//                                 exchange is written to TIKTOK_CONTRACT_RECORDING.
//   TIKTOK_CONTRACT_TARGET=replay the exchanges of TIKTOK_CONTRACT_RECORDING, served offline
//                                 by the replay server (no control API).
//   TIKTOK_CONTRACT_REQUIRE_LIVE=1  what would be a skip (live variables missing) is a
//                                 failure, and so is a mock target: a green run then proves
//                                 the live API was tested, not skipped.
//   TIKTOK_VIDEO_URLS             comma-separated public .mp4 URLs; the first is uploaded.
//                                 Unset: a clip served on 127.0.0.1, which only a target on
//                                 this machine (the mock) can fetch.
//   TIKTOK_IMAGE_URL              a public JPG or PNG URL for the image animation. Unset: a
//                                 URL the mock takes without fetching; live, those tests skip.
//   TIKTOK_DUBBING_VIDEO_URL      a short public MP4 to dub. Unset: the upload's clip; live,
//                                 those tests skip (a minute of video takes about an hour).
//
// Every test starts with CONTRACT_REQUIRE_TARGET() (skip or fail when there is no usable
// target); tests that need the mock's control start with CONTRACT_REQUIRE_CONTROL().
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "openapi_conformance.hpp"
#include "record_proxy.hpp"
#include "replay_server.hpp"
#include "tiktok_aigc.hpp"
#include "tiktok_aigc/mock/mock_server.hpp"

namespace contract {

// The suite builds its raw requests itself, independent of the client's code.

// "https://host:port/prefix" -> ("https://host:port", "/prefix")
inline std::pair<std::string, std::string> split_base_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  const auto path_start = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  if (path_start == std::string::npos) return {url, ""};
  std::string prefix = url.substr(path_start);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return {url.substr(0, path_start), prefix};
}

inline std::string encode_query(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string query;
  for (const auto& [name, value] : params) {
    query += (query.empty() ? "" : "&") + httplib::detail::encode_query_param(name) + "=" +
             httplib::detail::encode_query_param(value);
  }
  return query;
}

// Collects, over the whole run, every mock answer that breaks the OpenAPI description; the
// environment below fails the run on any, and on none checked with the mock as target.
class OpenApiConformance {
 public:
  static OpenApiConformance& instance() {
    static OpenApiConformance conformance;
    return conformance;
  }
  void check(const std::string& method, const std::string& path, int http_status, const std::string& body) {
    const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
    std::vector<std::string> errors;
    if (http_status == 200) {
      errors = tiktok_aigc::openapi::check_response(document_, method, path, http_status, parsed);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    ++checked_;
    for (const auto& error : errors) problems_.push_back(method + " " + path + ": " + error);
  }
  std::size_t checked() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return checked_;
  }
  std::vector<std::string> problems() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return problems_;
  }

 private:
  OpenApiConformance() : document_(tiktok_aigc::openapi::load_openapi(OPENAPI_FILE)) {}
  const nlohmann::json document_;
  mutable std::mutex mutex_;
  std::size_t checked_ = 0;
  std::vector<std::string> problems_;
};

using namespace std::chrono_literals;
using Millis = std::chrono::milliseconds;
using Query = std::vector<std::pair<std::string, std::string>>;

// The documented paths, under the base URL (every one ends with a slash).
namespace paths {
inline constexpr const char* kUpload = "/open_api/v1.3/file/video/ad/upload/";
inline constexpr const char* kVideoTaskCreate = "/open_api/v1.3/creative/aigc/video/task/create/";
inline constexpr const char* kVideoTaskList = "/open_api/v1.3/creative/aigc/video/task/list/";
inline constexpr const char* kVideoList = "/open_api/v1.3/creative/aigc/video/list/";
inline constexpr const char* kScriptTaskCreate =
    "/open_api/v1.3/creative/aigc/script_generation/task/create/";
inline constexpr const char* kScriptTaskGet = "/open_api/v1.3/creative/aigc/script/task/get/";
inline constexpr const char* kScriptList = "/open_api/v1.3/creative/aigc/script/list/";
inline constexpr const char* kImageAnimationTaskCreate = "/open_api/v1.3/creative/aigc/image_animation/task/create/";
inline constexpr const char* kAvatarList = "/open_api/v1.3/creative/digital_avatar/get/";
inline constexpr const char* kAvatarVideoTaskCreate = "/open_api/v1.3/creative/digital_avatar/video/task/create/";
inline constexpr const char* kAvatarVideoTaskGet = "/open_api/v1.3/creative/digital_avatar/video/task/get/";
inline constexpr const char* kAvatarVideoList = "/open_api/v1.3/creative/digital_avatar/video/list/";
inline constexpr const char* kAvatarVideoRename = "/open_api/v1.3/file/video/ad/update/";
}  // namespace paths

inline std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// One raw HTTP exchange, as the wire-level tests see it.
struct Answer {
  std::string request;          // "GET /open_api/...?..." for messages
  int http_status = 0;          // 0: no HTTP answer
  std::string transport_error;  // why there was none
  std::string content_type;
  std::string body;
  nlohmann::json json = nlohmann::json::value_t::discarded;  // the body, when it is JSON

  bool is_json() const { return !json.is_discarded(); }
  // The envelope's code, or -1 when there is none.
  int code() const {
    if (!json.is_object() || !json.contains("code") || !json["code"].is_number_integer()) return -1;
    return json["code"].get<int>();
  }
  const nlohmann::json& data() const {
    static const nlohmann::json kNull;
    return json.is_object() && json.contains("data") ? json["data"] : kNull;
  }
  // For assertion messages: what was sent and the start of what came back.
  std::string describe() const {
    std::string text = request + " -> ";
    if (http_status == 0) return text + "no answer (" + transport_error + ")";
    text += "HTTP " + std::to_string(http_status) + " " + body.substr(0, 400);
    if (body.size() > 400) text += "...";
    return text;
  }
};

// The smallest body an upload fetcher takes for an MP4 (an ftyp and an empty mdat box).
inline std::string tiny_mp4() {
  static const char kBytes[] =
      "\x00\x00\x00\x18"
      "ftypmp42\x00\x00\x00\x00mp42isom"
      "\x00\x00\x00\x08mdat";
  return std::string(kBytes, sizeof kBytes - 1);
}

class Target {
 public:
  enum class Kind { mock, live, record, replay };

  // The mock's task durations: short, but long enough for a poll to see each state.
  static tiktok_aigc::mock::TaskDurations mock_durations() {
    tiktok_aigc::mock::TaskDurations durations;
    durations.video_submitted = 300ms;
    durations.video_processing = 700ms;
    durations.script_submitted = 200ms;
    durations.script_each = 300ms;
    durations.avatar_submitted = 200ms;
    durations.avatar_processing = 700ms;
    return durations;
  }

  Target() {
    const std::string chosen = env("TIKTOK_CONTRACT_TARGET");
    require_live_ = env("TIKTOK_CONTRACT_REQUIRE_LIVE") == "1";
    if (chosen.empty() || chosen == "mock") {
      kind_ = Kind::mock;
      if (require_live_) {
        fail(
            "TIKTOK_CONTRACT_REQUIRE_LIVE=1 but TIKTOK_CONTRACT_TARGET is mock: set "
            "TIKTOK_CONTRACT_TARGET=live");
        return;
      }
      start_mock();
    } else if (chosen == "live") {
      kind_ = Kind::live;
      configure_live();
    } else if (chosen == "record" || chosen == "replay") {
      kind_ = chosen == "record" ? Kind::record : Kind::replay;
      const std::string recording = env("TIKTOK_CONTRACT_RECORDING");
      if (recording.empty()) {
        fail("TIKTOK_CONTRACT_TARGET=" + chosen + " needs TIKTOK_CONTRACT_RECORDING, a .jsonl file");
        return;
      }
      if (kind_ == Kind::record) {
        start_mock();
        record_proxy_ = std::make_unique<tiktok_aigc::mock::RecordProxy>(
            tiktok_aigc::mock::RecordOptions{recording, mock_->base_url(), "", 60});
        record_proxy_->start();
        base_url_ = record_proxy_->base_url();
        description_ = "the mock, through the recording proxy at " + base_url_ + " into " + recording;
      } else {
        replay_ = std::make_unique<tiktok_aigc::mock::ReplayServer>(recording);
        replay_->start();
        base_url_ = replay_->base_url();
        token_ = "contract-test-token";
        description_ = "replay of " + recording + " at " + base_url_;
      }
      std::tie(origin_, prefix_) = split_base_url(base_url_);
    } else {
      fail("TIKTOK_CONTRACT_TARGET=" + chosen + ": expected mock, live, record or replay");
      return;
    }
    if (ready()) {
      std::cout << "[contract] target: " << description_ << std::endl;
      client_ = std::make_unique<tiktok_aigc::Client>(client_options());
    } else {
      std::cout << "[contract] no usable target: " << problem_ << std::endl;
    }
  }

  ~Target() { stop(); }

  // Stops the servers of this process (the client goes first, so that no keep-alive
  // connection holds them up). The environment below calls it before exit: during static
  // destruction their threads would still be using statics already destroyed.
  void stop() {
    if (clip_thread_.joinable()) {
      clip_server_.stop();
      clip_thread_.join();
    }
    client_.reset();
    if (record_proxy_) record_proxy_->stop();
    if (replay_) replay_->stop();
    if (mock_) mock_->stop();
  }

  Target(const Target&) = delete;
  Target& operator=(const Target&) = delete;

  Kind kind() const { return kind_; }
  bool is_live() const { return kind_ == Kind::live; }
  const char* name() const {
    switch (kind_) {
      case Kind::live: return "live";
      case Kind::record: return "record";
      case Kind::replay: return "replay";
      case Kind::mock: break;
    }
    return "mock";
  }
  bool ready() const { return problem_.empty(); }
  // Why there is no target, naming the variables to set.
  const std::string& problem() const { return problem_; }
  // Whether that is a failure (a bad setting, or TIKTOK_CONTRACT_REQUIRE_LIVE=1) or a skip.
  bool problem_is_failure() const { return problem_is_failure_; }

  bool has_control() const { return mock_ != nullptr; }
  tiktok_aigc::mock::MockServer& mock() {
    if (!mock_) throw std::logic_error("the target has no control API");
    return *mock_;
  }

  const std::string& base_url() const { return base_url_; }
  const std::string& access_token() const { return token_; }

  // Options for a client of this target; a test may adjust them and make its own Client
  // (it then shares the process-wide rate limiter, as every client of a process does).
  tiktok_aigc::ClientOptions client_options() const {
    tiktok_aigc::ClientOptions options;
    options.base_url = base_url_;
    options.access_token = token_;
    options.ca_cert_file = ca_file_;
    // Live: the documented budgets, as the client keeps them by default. Mock: its limits
    // are off, so the client's are too (2 script creates a minute would only slow the suite).
    options.rate_limit = is_live();
    return options;
  }
  tiktok_aigc::Client& client() { return *client_; }

  // How long a task may take to reach SUCCESS or FAILED.
  Millis task_deadline() const { return is_live() ? Millis(15min) : Millis(30s); }

  // Polling: live, the client's default growth (1.5x up to 30 s) from a first poll of 1 s;
  // the mock's tasks take under a second, so it polls every 50-200 ms.
  tiktok_aigc::WaitOptions wait_options() const {
    tiktok_aigc::WaitOptions wait;
    wait.timeout = task_deadline();
    if (is_live()) {
      wait.first_interval = 1s;
      wait.max_interval = 30s;
    } else {
      wait.first_interval = 50ms;
      wait.max_interval = 200ms;
    }
    return wait;
  }

  // A raw cpp-httplib client for `origin` (default: the API's), HTTPS verified against
  // TIKTOK_CA_FILE (or the system's CAs) when the origin is https.
  std::unique_ptr<httplib::Client> raw_client(const std::string& origin = "") const {
    auto http = std::make_unique<httplib::Client>(origin.empty() ? origin_ : origin);
    http->set_connection_timeout(10, 0);
    http->set_read_timeout(30, 0);  // an upload waits while the API fetches its URL
    http->set_write_timeout(30, 0);
    http->enable_server_certificate_verification(true);
    if (!ca_file_.empty()) http->set_ca_cert_path(ca_file_.c_str());
    return http;
  }

  // Raw requests under the base URL: no client checks, no limiter, no retries.
  Answer get(const std::string& path, const Query& query = {}, bool with_token = true) const {
    const std::string target = prefix_ + path + (query.empty() ? "" : "?" + encode_query(query));
    auto http = raw_client();
    return decode("GET " + target, http->Get(target.c_str(), headers(with_token)));
  }
  Answer post(const std::string& path, const nlohmann::json& body, bool with_token = true) const {
    const std::string target = prefix_ + path;
    auto http = raw_client();
    return decode("POST " + target + " " + body.dump(),
                  http->Post(target.c_str(), headers(with_token), body.dump(), "application/json"));
  }
  // Any absolute URL (a preview on the media host), without the token.
  Answer fetch(const std::string& url) const {
    const auto scheme_end = url.find("://");
    const auto path_start = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
    const std::string origin = url.substr(0, path_start);
    const std::string target = path_start == std::string::npos ? "/" : url.substr(path_start);
    auto http = raw_client(origin);
    return decode("GET " + url, http->Get(target.c_str()));
  }

  // A URL of an image this target can animate; empty when a live target has none.
  std::string image_url() const {
    const std::string configured = env("TIKTOK_IMAGE_URL");
    if (!configured.empty() || is_live()) return configured;
    return "https://cdn.example.com/contract-image.png";  // the mock does not fetch images
  }

  // A URL of an MP4 this target can fetch for an upload.
  std::string upload_url() {
    std::lock_guard<std::mutex> lock(clip_mutex_);
    const std::string configured = env("TIKTOK_VIDEO_URLS");
    if (!configured.empty()) return configured.substr(0, configured.find(','));
    if (!clip_thread_.joinable()) {
      clip_server_.set_tcp_nodelay(true);
      clip_server_.Get("/contract-clip.mp4",
                       [](const httplib::Request&, httplib::Response& response) {
                         response.set_content(tiny_mp4(), "video/mp4");
                       });
      clip_port_ = clip_server_.bind_to_any_port("127.0.0.1");
      if (clip_port_ <= 0)
        throw std::runtime_error("cannot bind a loopback port for the upload clip");
      clip_thread_ = std::thread([this] { clip_server_.listen_after_bind(); });
      // cpp-httplib 0.11: a stop() before the accept loop runs is lost, so wait for it.
      while (!clip_server_.is_running()) std::this_thread::sleep_for(1ms);
    }
    return "http://127.0.0.1:" + std::to_string(clip_port_) + "/contract-clip.mp4";
  }

 private:
  void fail(std::string why) {
    problem_ = std::move(why);
    problem_is_failure_ = true;
  }

  void start_mock() {
    tiktok_aigc::mock::Options options;
    options.seed = 11;
    options.durations = mock_durations();
    options.rate_limits = false;
    // Every API answer the mock gives during the suite, to the client or to a raw request,
    // is checked against the OpenAPI description (see OpenApiConformance below).
    options.on_response = [](const std::string& method, const std::string& path, int http_status,
                             const std::string& body) {
      if (path.rfind("/open_api/", 0) == 0) OpenApiConformance::instance().check(method, path, http_status, body);
    };
    mock_ = std::make_unique<tiktok_aigc::mock::MockServer>(options);
    mock_->start();
    base_url_ = mock_->base_url();
    token_ = "contract-test-token";
    std::tie(origin_, prefix_) = split_base_url(base_url_);
    description_ =
        "mock, in-process at " + base_url_ +
        " (seed 11, video tasks 0.3 s + 0.7 s, scripts 0.2 s + 0.3 s each, avatar videos 0.2 s + 0.7 s, rate limits off)";
  }

  void configure_live() {
    base_url_ = env("TIKTOK_API_BASE");
    token_ = env("TIKTOK_ACCESS_TOKEN");
    ca_file_ = env("TIKTOK_CA_FILE");
    std::vector<std::string> missing;
    if (base_url_.empty()) missing.push_back("TIKTOK_API_BASE");
    if (token_.empty()) missing.push_back("TIKTOK_ACCESS_TOKEN");
    if (!missing.empty()) {
      std::string names;
      for (const auto& name : missing) names += (names.empty() ? "" : " and ") + name;
      problem_ =
          "live target: " + names + (missing.size() == 1 ? " is" : " are") +
          " not set (e.g. TIKTOK_API_BASE=https://business-api.tiktok.com and an access token "
          "of an allowlisted app)";
      problem_is_failure_ = require_live_;
      if (require_live_) problem_ += "; TIKTOK_CONTRACT_REQUIRE_LIVE=1 makes this a failure";
      return;
    }
    if (base_url_.rfind("https://", 0) != 0) {
      fail("live target: TIKTOK_API_BASE=" + base_url_ +
           " is not https:// (the live API is HTTPS only)");
      return;
    }
    if (!ca_file_.empty() && !std::ifstream(ca_file_).good()) {
      fail("live target: TIKTOK_CA_FILE=" + ca_file_ + " cannot be read");
      return;
    }
    std::tie(origin_, prefix_) = split_base_url(base_url_);
    description_ = "live at " + base_url_ +
                   (ca_file_.empty() ? "" : " (CA file " + ca_file_ + ")") +
                   ", the client's rate limiting on";
  }

  httplib::Headers headers(bool with_token) const {
    httplib::Headers out{{"User-Agent", "tiktok-aigc-contract-tests"}};
    if (with_token) out.emplace("Access-Token", token_);
    return out;
  }

  static Answer decode(std::string request, const httplib::Result& result) {
    Answer answer;
    answer.request = std::move(request);
    if (!result) {
      answer.transport_error = httplib::to_string(result.error());
      return answer;
    }
    answer.http_status = result->status;
    answer.content_type = result->get_header_value("Content-Type");
    answer.body = result->body;
    answer.json = nlohmann::json::parse(answer.body, nullptr, false);
    return answer;
  }

  Kind kind_ = Kind::mock;
  bool require_live_ = false;
  std::string problem_;
  bool problem_is_failure_ = false;
  std::string description_;
  std::string base_url_, origin_, prefix_, token_, ca_file_;
  std::unique_ptr<tiktok_aigc::mock::MockServer> mock_;
  std::unique_ptr<tiktok_aigc::mock::RecordProxy> record_proxy_;
  std::unique_ptr<tiktok_aigc::mock::ReplayServer> replay_;
  std::unique_ptr<tiktok_aigc::Client> client_;

  std::mutex clip_mutex_;
  httplib::Server clip_server_;
  std::thread clip_thread_;
  int clip_port_ = 0;
};

// The one target of this process, made on first use.
inline Target& target() {
  static Target instance;
  return instance;
}

class StopTarget : public ::testing::Environment {
 public:
  void TearDown() override { target().stop(); }
};
[[maybe_unused]] inline ::testing::Environment* const kStopTarget =
    ::testing::AddGlobalTestEnvironment(new StopTarget);

inline bool has_control() { return target().has_control(); }
inline tiktok_aigc::Client& client() { return target().client(); }
inline std::unique_ptr<httplib::Client> raw_client() { return target().raw_client(); }

}  // namespace contract

// A test's first line: skips (or fails, see TIKTOK_CONTRACT_REQUIRE_LIVE) without a target.
#define CONTRACT_REQUIRE_TARGET()                                \
  do {                                                           \
    ::contract::Target& contract_target_ = ::contract::target(); \
    if (!contract_target_.ready()) {                             \
      if (contract_target_.problem_is_failure()) {               \
        FAIL() << contract_target_.problem();                    \
      }                                                          \
      GTEST_SKIP() << contract_target_.problem();                \
    }                                                            \
  } while (false)

// The first line of a test that needs faults, the clock or forced outcomes.
#define CONTRACT_REQUIRE_CONTROL()                                                               \
  do {                                                                                           \
    CONTRACT_REQUIRE_TARGET();                                                                   \
    if (!::contract::has_control()) {                                                            \
      GTEST_SKIP() << "needs the mock's control API: target is " << ::contract::target().name(); \
    }                                                                                            \
  } while (false)
