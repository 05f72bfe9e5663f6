// The mock's test controls, held to docs/mock-server.md: per-minute budgets, isolation
// between tokens, injected faults, the request journal, the /__mock__/ control API, the
// failure rate, and many clients at once. In-process MockServer, plain httplib + JSON.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace tiktok_aigc::mock::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kOtherToken = "other-token";

Options options_with(const std::function<void(Options&)>& change) {
  Options options = test_options();
  change(options);
  return options;
}

std::string voiceover_types_query() { return "aigc_video_types=" + encode(R"(["VOICEOVER"])"); }


class ControlTest : public MockFixture {
 protected:
  ControlTest() : ControlTest(test_options()) {}
  explicit ControlTest(Options options) : MockFixture(std::move(options)) {}

  Reply control_get(const std::string& path) {
    return to_reply(client->Get(path.c_str()));
  }
  Reply control_post(const std::string& path, const std::string& body = "") {
    return to_reply(client->Post(path.c_str(), body, "application/json"));
  }
  Reply control_delete(const std::string& path) {
    return to_reply(client->Delete(path.c_str()));
  }

  Reply video_list(const std::string& token = kToken, const std::string& query = "") {
    return get(kVideoListPath, query, token);
  }
  Reply voiceover_videos(const std::string& token = kToken) {
    return get(kVideoListPath, voiceover_types_query() + "&page_size=100", token);
  }
  Reply script_task_get(const std::string& task_id, const std::string& token = kToken) {
    return get(kScriptTaskGetPath, "task_id=" + encode(task_id), token);
  }
  std::string video_status(const std::string& task_id, const std::string& token = kToken) {
    const Reply reply = task_list({task_id}, "VOICEOVER", token);
    EXPECT_EQ(reply.code(), 0) << reply.body;
    return reply.data().at("list").at(0).at("status");
  }
  json journal_entries(const std::string& query = "") {
    const Reply reply = control_get(query.empty() ? "/__mock__/journal" : "/__mock__/journal?" + query);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.parsed.at("entries");
  }
  long long clock_unix_ms() {
    const Reply reply = control_get("/__mock__/clock");
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.parsed.at("unix_ms").get<long long>();
  }
};

// =============================================================================================
// 1. Rate limits
// =============================================================================================

class RateLimitTest : public ControlTest {
 protected:
  RateLimitTest() : ControlTest(options_with([](Options& o) { o.rate_limits = true; })) {}

  // Sends `n` video_list requests and expects each to pass.
  void pass_video_list(int n, const std::string& token = kToken) {
    for (int i = 0; i < n; ++i) {
      const Reply reply = video_list(token);
      ASSERT_EQ(reply.code(), 0) << "request " << i + 1 << " of " << n << ": " << reply.body;
    }
  }
  void expect_throttled(const Reply& reply) {
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.code(), 40100) << reply.body;
    EXPECT_TRUE(reply.data().is_object() && reply.data().empty()) << reply.body;
  }
};

TEST_F(RateLimitTest, TwentyVideoListRequestsAMinutePassAndThe21stAnswers40100) {
  pass_video_list(20);
  expect_throttled(video_list());
  expect_throttled(video_list());
}

TEST_F(RateLimitTest, AnotherTokenAndAnotherEndpointAreUnaffected) {
  pass_video_list(20);
  expect_throttled(video_list());
  // The other token has its own 20.
  pass_video_list(20, kOtherToken);
  expect_throttled(video_list(kOtherToken));
  // The same token on other endpoints: upload has its own budget, script_list none.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(post(kUploadPath, {{"upload_type", "UPLOAD_BY_URL"}, {"use_scenario", "AIGC"},
                                 {"video_url", "https://cdn.example.com/clips/clip.mp4"}})
                  .code(),
              0);
  }
  for (int i = 0; i < 30; ++i) ASSERT_EQ(get(kScriptListPath).code(), 0);
  expect_throttled(video_list());
}

TEST_F(RateLimitTest, RefusedRequestsDoNotCount) {
  pass_video_list(20);                 // t0
  server.advance_clock(30s);
  for (int i = 0; i < 5; ++i) expect_throttled(video_list());  // t0+30, refused
  server.advance_clock(30s);           // t0+60: the first 20 have left the window
  // Had the refused ones counted, only 15 would pass now.
  pass_video_list(20);
  expect_throttled(video_list());
}

TEST_F(RateLimitTest, BudgetIsBackAfterAMinute) {
  pass_video_list(20);
  expect_throttled(video_list());
  server.advance_clock(59s);
  expect_throttled(video_list());  // still inside the minute
  server.advance_clock(1s);
  pass_video_list(20);
  expect_throttled(video_list());
}

TEST_F(RateLimitTest, WindowSlidesOverRequestsSpreadAcrossTheMinute) {
  // One request every 3 s: t0, t0+3, ..., t0+57.
  for (int i = 0; i < 20; ++i) {
    if (i > 0) server.advance_clock(3s);
    ASSERT_EQ(video_list().code(), 0) << "request " << i + 1;
  }
  expect_throttled(video_list());  // t0+57: 20 in the last minute
  server.advance_clock(3s);        // t0+60: only the t0 request has left
  EXPECT_EQ(video_list().code(), 0);
  expect_throttled(video_list());  // a fixed window would have given 20 here
  server.advance_clock(3s);        // t0+63: the t0+3 request has left
  EXPECT_EQ(video_list().code(), 0);
  expect_throttled(video_list());
  server.advance_clock(10s);       // t0+73: t0+6, t0+9, t0+12 have left
  pass_video_list(3);
  expect_throttled(video_list());
}

TEST_F(RateLimitTest, ResetRestoresTheBudgets) {
  pass_video_list(20);
  expect_throttled(video_list());
  ASSERT_EQ(control_post("/__mock__/reset").status, 200);
  pass_video_list(20);
  expect_throttled(video_list());
}

TEST_F(RateLimitTest, ScriptTaskCreateAllowsTwoAMinute) {
  create_script_task(1);
  create_script_task(1);
  expect_throttled(post(kScriptTaskCreatePath, product_script_task(1)));
  // Another token has its own two.
  EXPECT_EQ(post(kScriptTaskCreatePath, product_script_task(1), kOtherToken).code(), 0);
  server.advance_clock(60s);
  EXPECT_EQ(post(kScriptTaskCreatePath, product_script_task(1)).code(), 0);
}

TEST_F(RateLimitTest, ThrottledCreateCreatesNothing) {
  server.advance_clock(1s);
  create_script_task(1);
  create_script_task(1);
  expect_throttled(post(kScriptTaskCreatePath, product_script_task(1)));
  server.advance_clock(60s);
  const Reply scripts = get(kScriptListPath, "page_size=100");
  ASSERT_EQ(scripts.code(), 0) << scripts.body;
  EXPECT_EQ(scripts.data().at("page_info").at("total_number"), 2);
}

class OverrideTest : public ControlTest {
 protected:
  OverrideTest()
      : ControlTest(options_with([](Options& o) {
          o.rate_limits = true;
          o.rate_limit_overrides = {{"video_list", 3}, {"script_task_create", 0}};
        })) {}
};

TEST_F(OverrideTest, OverridesReplaceTheDocumentedBudgets) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(video_list().code(), 0);
  EXPECT_EQ(video_list().code(), 40100);
  // 0: unlimited, where the documented budget is 2.
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(post(kScriptTaskCreatePath, product_script_task(1)).code(), 0) << "create " << i + 1;
  }
  // Endpoints not overridden keep the documented 20.
  const json upload_body = {{"upload_type", "UPLOAD_BY_URL"}, {"use_scenario", "AIGC"},
                            {"video_url", "https://cdn.example.com/clips/clip.mp4"}};
  for (int i = 0; i < 20; ++i) ASSERT_EQ(post(kUploadPath, upload_body).code(), 0) << i + 1;
  EXPECT_EQ(post(kUploadPath, upload_body).code(), 40100);
}

class ShortWindowTest : public ControlTest {
 protected:
  ShortWindowTest()
      : ControlTest(options_with([](Options& o) {
          o.rate_limits = true;
          o.rate_limit_overrides = {{"video_list", 2}};
          o.rate_window = std::chrono::seconds(2);
        })) {}
};

TEST_F(ShortWindowTest, BudgetsCountOverTheConfiguredWindow) {
  for (int i = 0; i < 2; ++i) ASSERT_EQ(video_list().code(), 0);
  EXPECT_EQ(video_list().code(), 40100);
  server.advance_clock(std::chrono::milliseconds(1999));
  EXPECT_EQ(video_list().code(), 40100);
  server.advance_clock(std::chrono::milliseconds(1));
  EXPECT_EQ(video_list().code(), 0);
}

TEST(RateLimitOptions, AWindowOfNoLengthIsRejected) {
  Options options = test_options();
  options.rate_window = std::chrono::milliseconds(0);
  EXPECT_THROW(MockServer{options}, std::invalid_argument);
}

TEST(RateLimitOptions, OverrideForAnUnknownEndpointIsRejected) {
  Options options = test_options();
  options.rate_limit_overrides = {{"no_such_endpoint", 3}};
  EXPECT_THROW(MockServer{options}, std::invalid_argument);
}

TEST_F(ControlTest, RateLimitsOffAllowsAHundredRequests) {
  for (int i = 0; i < 100; ++i) ASSERT_EQ(video_list().code(), 0) << "request " << i + 1;
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(post(kScriptTaskCreatePath, product_script_task(1)).code(), 0) << "create " << i + 1;
  }
}

// =============================================================================================
// 2. Isolation between tokens
// =============================================================================================

TEST_F(ControlTest, WhatOneTokenCreatesIsInvisibleToAnother) {
  const std::string video_id = upload(kToken);
  const auto task_ids = create_voiceover(2, kToken);
  const std::string script_task = create_script_task(2, kToken);
  server.advance_clock(2min);

  // The owner sees everything.
  ASSERT_EQ(task_list(task_ids, "VOICEOVER", kToken).code(), 0);
  const Reply own_videos = voiceover_videos(kToken);
  ASSERT_EQ(own_videos.code(), 0) << own_videos.body;
  ASSERT_EQ(own_videos.data().at("list").size(), 2u) << own_videos.body;
  const Reply own_script_task = script_task_get(script_task, kToken);
  ASSERT_EQ(own_script_task.code(), 0) << own_script_task.body;
  EXPECT_EQ(own_script_task.data().at("status"), "SUCCESS");
  const Reply own_scripts = get(kScriptListPath, "", kToken);
  ASSERT_EQ(own_scripts.code(), 0);
  ASSERT_EQ(own_scripts.data().at("list").size(), 2u) << own_scripts.body;

  // The other token sees nothing of it.
  EXPECT_EQ(task_list(task_ids, "VOICEOVER", kOtherToken).code(), 40007);
  EXPECT_EQ(task_list({task_ids.at(0)}, "VOICEOVER", kOtherToken).code(), 40007);
  EXPECT_EQ(script_task_get(script_task, kOtherToken).code(), 40007);

  const Reply other_videos = voiceover_videos(kOtherToken);
  ASSERT_EQ(other_videos.code(), 0) << other_videos.body;
  EXPECT_TRUE(other_videos.data().at("list").empty()) << other_videos.body;
  EXPECT_EQ(other_videos.data().at("page_info").at("total_number"), 0);

  const Reply other_scripts = get(kScriptListPath, "", kOtherToken);
  ASSERT_EQ(other_scripts.code(), 0) << other_scripts.body;
  EXPECT_TRUE(other_scripts.data().at("list").empty()) << other_scripts.body;
  EXPECT_EQ(other_scripts.data().at("page_info").at("total_number"), 0);

  // The other token cannot use the owner's upload, in a video task or a script task.
  const Reply borrowed = post(kVideoTaskCreatePath, voiceover_task({video_id}), kOtherToken);
  EXPECT_EQ(borrowed.code(), 40007) << borrowed.body;
  json script_body = product_script_task(1);
  script_body["media_list"]["video_id_list"] = {video_id};
  EXPECT_EQ(post(kScriptTaskCreatePath, script_body, kOtherToken).code(), 40007);
  // ... while the owner can.
  EXPECT_EQ(post(kVideoTaskCreatePath, voiceover_task({video_id}), kToken).code(), 0);
  EXPECT_EQ(post(kScriptTaskCreatePath, script_body, kToken).code(), 0);

  // Nor do the generated video ids resolve as the other token's uploads.
  const std::string generated = own_videos.data().at("list").at(0).at("video_id");
  EXPECT_EQ(post(kVideoTaskCreatePath, voiceover_task({generated}), kOtherToken).code(), 40007);
}

// =============================================================================================
// 3. Faults
// =============================================================================================

Fault code_fault(const std::string& endpoint, int count, int code) {
  Fault fault;
  fault.endpoint = endpoint;
  fault.count = count;
  fault.code = code;
  return fault;
}

TEST_F(ControlTest, CodeFaultThroughTheClassHitsExactlyTheNextCountRequests) {
  server.inject_fault(code_fault("video_list", 2, 50000));
  EXPECT_EQ(get(kScriptListPath).code(), 0);  // another endpoint: untouched
  for (int i = 0; i < 2; ++i) {
    const Reply reply = video_list();
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.code(), 50000) << reply.body;
    EXPECT_FALSE(reply.parsed.at("request_id").get<std::string>().empty());
  }
  EXPECT_EQ(video_list().code(), 0);
  EXPECT_EQ(video_list().code(), 0);
}

TEST_F(ControlTest, CodeFaultThroughTheControlApi) {
  const Reply set =
      control_post("/__mock__/faults", R"({"endpoint": "video_list", "count": 2, "code": 50000})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(get(kScriptListPath).code(), 0);
  EXPECT_EQ(post(kUploadPath, {{"upload_type", "UPLOAD_BY_URL"}, {"use_scenario", "AIGC"},
                               {"video_url", "https://cdn.example.com/clips/clip.mp4"}})
                .code(),
            0);
  // The fault comes before the token check: even a request without a token gets it.
  const Reply first = video_list("");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.code(), 50000) << first.body;
  const Reply second = video_list();
  EXPECT_EQ(second.code(), 50000) << second.body;
  EXPECT_EQ(video_list().code(), 0);
  EXPECT_EQ(video_list("").code(), 40104);
}

TEST_F(ControlTest, WildcardFaultHitsAnyEndpoint) {
  server.inject_fault(code_fault("*", 2, 50002));
  EXPECT_EQ(get(kScriptListPath).code(), 50002);
  EXPECT_EQ(video_list().code(), 50002);
  EXPECT_EQ(get(kScriptListPath).code(), 0);
  EXPECT_EQ(video_list().code(), 0);

  ASSERT_EQ(control_post("/__mock__/faults", R"({"endpoint": "*", "code": 51010})").status, 200);
  EXPECT_EQ(post(kScriptTaskCreatePath, product_script_task(1)).code(), 51010);  // count 1 default
  EXPECT_EQ(post(kScriptTaskCreatePath, product_script_task(1)).code(), 0);
}

TEST_F(ControlTest, HttpStatusFaultAnswersThatStatus) {
  Fault fault;
  fault.endpoint = "video_task_list";
  fault.http_status = 503;
  server.inject_fault(fault);
  const auto task_ids = create_voiceover(1);
  const Reply faulted = task_list(task_ids);
  EXPECT_EQ(faulted.status, 503) << faulted.body;
  EXPECT_EQ(task_list(task_ids).status, 200);

  ASSERT_EQ(control_post("/__mock__/faults", R"({"endpoint": "video_list", "http_status": 502})").status,
            200);
  EXPECT_EQ(video_list().status, 502);
  const Reply after = video_list();
  EXPECT_EQ(after.status, 200);
  EXPECT_EQ(after.code(), 0);
}

TEST_F(ControlTest, DelayFaultWaitsThenAnswersNormally) {
  ASSERT_EQ(control_post("/__mock__/faults", R"({"endpoint": "video_list", "delay_ms": 300})").status,
            200);
  const auto started = std::chrono::steady_clock::now();
  const Reply delayed = video_list();
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_GE(elapsed, 290ms);
  EXPECT_EQ(delayed.status, 200);
  EXPECT_EQ(delayed.code(), 0) << delayed.body;

  const auto again = std::chrono::steady_clock::now();
  EXPECT_EQ(video_list().code(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - again, 250ms);  // count 1: only once

  Fault fault;
  fault.endpoint = "script_list";
  fault.delay = 300ms;
  server.inject_fault(fault);
  const auto started2 = std::chrono::steady_clock::now();
  EXPECT_EQ(get(kScriptListPath).code(), 0);
  EXPECT_GE(std::chrono::steady_clock::now() - started2, 290ms);
}

TEST_F(ControlTest, DropConnectionFaultGivesATransportError) {
  ASSERT_EQ(
      control_post("/__mock__/faults", R"({"endpoint": "video_list", "drop_connection": true})").status,
      200);
  httplib::Headers headers{{"Access-Token", kToken}};
  const auto dropped = client->Get(kVideoListPath, headers);
  EXPECT_FALSE(dropped) << "expected a transport error, got HTTP " << dropped->status << " "
                        << dropped->body;
  EXPECT_EQ(video_list().code(), 0);  // count 1: the next request is normal

  Fault fault;
  fault.endpoint = "upload";
  fault.drop_connection = true;
  server.inject_fault(fault);
  const auto dropped2 = client->Post(
      kUploadPath, headers,
      R"({"upload_type":"UPLOAD_BY_URL","use_scenario":"AIGC","video_url":"https://cdn.example.com/clips/clip.mp4"})",
      "application/json");
  EXPECT_FALSE(dropped2);
  EXPECT_FALSE(upload().empty());
}

TEST_F(ControlTest, BadFaultSpecsAreRejectedByTheControlApi) {
  const std::vector<std::string> bad = {
      R"({"endpoint": "no_such_endpoint", "code": 50000})",
      R"({"endpoint": "video_list", "count": 0, "code": 50000})",
      R"({"endpoint": "video_list", "count": -1, "code": 50000})",
      R"({"endpoint": "video_list", "code": 50000, "http_status": 503})",
      R"({"endpoint": "video_list", "code": 50000, "drop_connection": true})",
      R"({"endpoint": "video_list"})",
      R"({"endpoint": "video_list", "code": "abc"})",
      R"(["video_list"])",
      R"(not json)",
  };
  for (const auto& body : bad) {
    const Reply reply = control_post("/__mock__/faults", body);
    EXPECT_EQ(reply.status, 400) << body << " -> " << reply.body;
    ASSERT_TRUE(reply.parsed.is_object()) << body << " -> " << reply.body;
    ASSERT_TRUE(reply.parsed.contains("error")) << body << " -> " << reply.body;
    EXPECT_TRUE(reply.parsed.at("error").is_string());
    EXPECT_FALSE(reply.parsed.at("error").get<std::string>().empty());
  }
  // None of them was kept.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(video_list().code(), 0);
}

TEST_F(ControlTest, BadFaultSpecsThrowInvalidArgumentFromTheClass) {
  Fault unknown = code_fault("no_such_endpoint", 1, 50000);
  EXPECT_THROW(server.inject_fault(unknown), std::invalid_argument);
  Fault zero = code_fault("video_list", 0, 50000);
  EXPECT_THROW(server.inject_fault(zero), std::invalid_argument);
  Fault two = code_fault("video_list", 1, 50000);
  two.http_status = 503;
  EXPECT_THROW(server.inject_fault(two), std::invalid_argument);
  Fault code_and_drop = code_fault("video_list", 1, 50000);
  code_and_drop.drop_connection = true;
  EXPECT_THROW(server.inject_fault(code_and_drop), std::invalid_argument);
  Fault none;
  none.endpoint = "video_list";
  EXPECT_THROW(server.inject_fault(none), std::invalid_argument);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(video_list().code(), 0);
  // A good one is accepted (the class does not throw on everything).
  EXPECT_NO_THROW(server.inject_fault(code_fault("video_list", 1, 50000)));
  EXPECT_EQ(video_list().code(), 50000);
}

TEST_F(ControlTest, DeleteFaultsClearsPendingFaults) {
  ASSERT_EQ(control_post("/__mock__/faults", R"({"endpoint": "video_list", "count": 5, "code": 50000})")
                .status,
            200);
  ASSERT_EQ(control_post("/__mock__/faults", R"({"endpoint": "*", "count": 5, "http_status": 503})")
                .status,
            200);
  EXPECT_EQ(video_list().code(), 50000);  // armed
  const Reply cleared = control_delete("/__mock__/faults");
  EXPECT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_EQ(video_list().code(), 0);
  EXPECT_EQ(get(kScriptListPath).status, 200);

  server.inject_fault(code_fault("video_list", 3, 50000));
  server.clear_faults();
  EXPECT_EQ(video_list().code(), 0);
}

TEST_F(ControlTest, AFaultedCreateChangesNoState) {
  const std::string video_id = upload();
  ASSERT_EQ(post(kVideoTaskCreatePath, voiceover_task({video_id})).code(), 0);
  server.advance_clock(2min);
  const Reply before = voiceover_videos();
  ASSERT_EQ(before.code(), 0);
  ASSERT_EQ(before.data().at("list").size(), 1u) << before.body;

  server.inject_fault(code_fault("video_task_create", 1, 50000));
  const Reply faulted = post(kVideoTaskCreatePath, voiceover_task({video_id}, 3));
  ASSERT_EQ(faulted.code(), 50000) << faulted.body;
  EXPECT_FALSE(faulted.data().contains("task_ids"));
  Fault http_fault;
  http_fault.endpoint = "video_task_create";
  http_fault.http_status = 503;
  server.inject_fault(http_fault);
  ASSERT_EQ(post_raw(kVideoTaskCreatePath, voiceover_task({video_id}, 3).dump(), "application/json")
                .status,
            503);
  server.advance_clock(2min);
  const Reply after = voiceover_videos();
  ASSERT_EQ(after.code(), 0);
  EXPECT_EQ(after.data().at("list"), before.data().at("list")) << after.body;

  // A faulted upload gives no video id either: nothing new is usable.
  server.inject_fault(code_fault("upload", 1, 50000));
  const Reply faulted_upload = post(kUploadPath, {{"upload_type", "UPLOAD_BY_URL"}, {"use_scenario", "AIGC"},
                                                   {"video_url", "https://cdn.example.com/c.mp4"}});
  EXPECT_EQ(faulted_upload.code(), 50000);
  EXPECT_TRUE(faulted_upload.data().empty());
}

// =============================================================================================
// 4. The journal
// =============================================================================================

constexpr const char* kSecretToken = "SECRET-TOKEN-123456";

TEST_F(ControlTest, JournalRecordsApiRequestsInOrderWithoutTheToken) {
  const json upload_body = {{"upload_type", "UPLOAD_BY_URL"}, {"use_scenario", "AIGC"},
                            {"video_url", "https://cdn.example.com/clips/clip.mp4"}};
  const Reply first = post(kUploadPath, upload_body, kSecretToken);
  ASSERT_EQ(first.code(), 0) << first.body;
  const std::string list_query = voiceover_types_query() + "&page=2&page_size=5";
  const Reply second = get(kVideoListPath, list_query, kSecretToken);
  ASSERT_EQ(second.code(), 0) << second.body;
  const Reply third = get(kScriptListPath, "page=1", "");  // no token
  ASSERT_EQ(third.code(), 40104) << third.body;
  const Reply fourth = get(kScriptTaskGetPath, "task_id=123", kSecretToken);
  ASSERT_EQ(fourth.code(), 40007) << fourth.body;

  const Reply reply = control_get("/__mock__/journal");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body.find(kSecretToken), std::string::npos) << reply.body;
  EXPECT_EQ(reply.body.find("SECRET"), std::string::npos) << reply.body;
  const json& entries = reply.parsed.at("entries");
  ASSERT_EQ(entries.size(), 4u) << reply.body;

  const json& e0 = entries.at(0);
  EXPECT_EQ(e0.at("method"), "POST");
  EXPECT_EQ(e0.at("path"), kUploadPath);
  EXPECT_EQ(e0.at("query"), "");
  EXPECT_EQ(e0.at("body"), upload_body.dump());
  EXPECT_EQ(e0.at("access_token_sent"), true);
  EXPECT_EQ(e0.at("http_status"), 200);
  EXPECT_EQ(e0.at("code"), 0);
  EXPECT_EQ(e0.at("request_id"), first.parsed.at("request_id"));
  EXPECT_TRUE(e0.at("time").is_string());
  EXPECT_FALSE(e0.at("time").get<std::string>().empty());

  const json& e1 = entries.at(1);
  EXPECT_EQ(e1.at("method"), "GET");
  EXPECT_EQ(e1.at("path"), kVideoListPath);
  EXPECT_EQ(e1.at("query"), list_query);
  EXPECT_EQ(e1.at("body"), "");
  EXPECT_EQ(e1.at("access_token_sent"), true);
  EXPECT_EQ(e1.at("code"), 0);
  EXPECT_EQ(e1.at("request_id"), second.parsed.at("request_id"));

  const json& e2 = entries.at(2);
  EXPECT_EQ(e2.at("path"), kScriptListPath);
  EXPECT_EQ(e2.at("query"), "page=1");
  EXPECT_EQ(e2.at("access_token_sent"), false);
  EXPECT_EQ(e2.at("http_status"), 200);
  EXPECT_EQ(e2.at("code"), 40104);
  EXPECT_EQ(e2.at("request_id"), third.parsed.at("request_id"));

  const json& e3 = entries.at(3);
  EXPECT_EQ(e3.at("path"), kScriptTaskGetPath);
  EXPECT_EQ(e3.at("code"), 40007);
  EXPECT_EQ(e3.at("access_token_sent"), true);
  EXPECT_EQ(e3.at("request_id"), fourth.parsed.at("request_id"));

  // Each names its account by the digest the state shows, never the token.
  const json accounts = server.state().at("accounts");
  ASSERT_EQ(accounts.size(), 1u);
  for (const json* entry : {&e0, &e1, &e3}) {
    EXPECT_EQ(entry->at("token_digest"), accounts.at(0).at("token_digest"));
  }
  EXPECT_TRUE(e2.at("token_digest").is_null());

  // The class gives the same entries, and never the token.
  const auto in_process = server.journal();
  ASSERT_EQ(in_process.size(), 4u);
  for (std::size_t i = 0; i < in_process.size(); ++i) {
    EXPECT_EQ(to_json(in_process[i]), entries.at(i));
    EXPECT_EQ(to_json(in_process[i]).dump().find(kSecretToken), std::string::npos);
  }
}

TEST_F(ControlTest, JournalAndLogCarryTheAnswersMessage) {
  json body = voiceover_task({upload()});
  body["product_video_info"]["product_info_list"][0].erase("title");
  const Reply refused = post(kVideoTaskCreatePath, body);
  ASSERT_EQ(refused.code(), 40002) << refused.body;
  httplib::Headers headers{{"Access-Token", kToken}};
  ASSERT_EQ(client->Get("/open_api/v1.3/no/such/path/", headers)->status, 404);

  const json entries = journal_entries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries.at(0).at("message"), "OK");  // the upload
  EXPECT_EQ(entries.at(1).at("message"), refused.message());
  EXPECT_EQ(entries.at(2).at("message"), "page not found");
}

TEST_F(ControlTest, JournalScrubsATokenSentInTheQueryOrQuotedInTheBody) {
  const std::string query_token = "QUERY-SECRET-98765";
  // In the query, beside the header, and the header's token quoted in a body.
  const Reply listed =
      get(kVideoListPath, "access_token=" + query_token + "&page=1", kSecretToken);
  ASSERT_EQ(listed.code(), 0) << listed.body;
  const Reply uploaded = post(
      kUploadPath,
      Bodies::upload_request("https://cdn.example.com/" + std::string(kSecretToken) + ".mp4"),
      kSecretToken);
  ASSERT_EQ(uploaded.code(), 0) << uploaded.body;
  // A token in the query alone, and under a name written with escapes.
  ASSERT_EQ(get(kScriptListPath, "access_token=" + query_token, "").code(), 40104);
  ASSERT_EQ(get(kScriptListPath, "page=1&acc%65ss%5Ftoken=" + query_token, "").code(), 40104);

  const Reply reply = control_get("/__mock__/journal");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body.find(kSecretToken), std::string::npos) << reply.body;
  EXPECT_EQ(reply.body.find(query_token), std::string::npos) << reply.body;
  const json& entries = reply.parsed.at("entries");
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries.at(0).at("query"), "access_token=[SCRUBBED]&page=1");
  EXPECT_EQ(entries.at(1).at("body"),
            Bodies::upload_request("https://cdn.example.com/[SCRUBBED].mp4").dump());
  EXPECT_EQ(entries.at(2).at("query"), "access_token=[SCRUBBED]");
  EXPECT_EQ(entries.at(3).at("query"), "page=1&acc%65ss%5Ftoken=[SCRUBBED]");
  for (const auto& entry : server.journal()) {
    EXPECT_EQ(to_json(entry).dump().find(kSecretToken), std::string::npos);
  }
}

TEST_F(ControlTest, JournalRecordsHttpErrorsWithoutAnEnvelopeCode) {
  // A 404 and a 405 are journaled with their status and no envelope code.
  httplib::Headers headers{{"Access-Token", kSecretToken}};
  const auto not_found = client->Get("/open_api/v1.3/creative/aigc/video/task/get/", headers);
  ASSERT_TRUE(not_found);
  ASSERT_EQ(not_found->status, 404);
  const auto wrong_method = client->Get(kUploadPath, headers);
  ASSERT_TRUE(wrong_method);
  ASSERT_EQ(wrong_method->status, 405);
  const json entries = journal_entries();
  ASSERT_EQ(entries.size(), 2u) << entries.dump();
  EXPECT_EQ(entries.at(0).at("http_status"), 404);
  EXPECT_TRUE(entries.at(0).at("code").is_null());
  EXPECT_EQ(entries.at(1).at("http_status"), 405);
  EXPECT_EQ(entries.at(1).at("access_token_sent"), true);
  EXPECT_EQ(entries.dump().find(kSecretToken), std::string::npos);
}

TEST_F(ControlTest, ControlRequestsAreNotJournaled) {
  ASSERT_EQ(video_list().code(), 0);
  control_get("/__mock__/clock");
  control_post("/__mock__/clock/advance", R"({"seconds": 1})");
  control_post("/__mock__/clock/freeze");
  control_post("/__mock__/outcomes", R"({"video": []})");
  control_post("/__mock__/faults", R"({"endpoint": "script_list", "code": 50000})");
  control_delete("/__mock__/faults");
  control_post("/__mock__/clock/advance", "malformed");
  journal_entries();
  journal_entries("limit=1");
  const json entries = journal_entries();
  ASSERT_EQ(entries.size(), 1u) << entries.dump();
  EXPECT_EQ(entries.at(0).at("path"), kVideoListPath);
}

class SmallJournalTest : public ControlTest {
 protected:
  SmallJournalTest() : ControlTest(options_with([](Options& o) { o.journal_capacity = 5; })) {}
};

TEST_F(SmallJournalTest, KeepsTheLastEntriesAndHonoursLimit) {
  for (int page = 1; page <= 8; ++page) {
    ASSERT_EQ(get(kScriptListPath, "page=" + std::to_string(page)).code(), 0);
  }
  const json kept = journal_entries();
  ASSERT_EQ(kept.size(), 5u) << kept.dump();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(kept.at(i).at("query"), "page=" + std::to_string(i + 4));
  EXPECT_EQ(server.journal().size(), 5u);

  const json last_two = journal_entries("limit=2");
  ASSERT_EQ(last_two.size(), 2u) << last_two.dump();
  EXPECT_EQ(last_two.at(0).at("query"), "page=7");
  EXPECT_EQ(last_two.at(1).at("query"), "page=8");
  EXPECT_EQ(server.journal(2).size(), 2u);
  EXPECT_EQ(server.journal(2).back().query, "page=8");

  const json none = journal_entries("limit=0");
  EXPECT_TRUE(none.empty()) << none.dump();

  const Reply bad_limit = control_get("/__mock__/journal?limit=abc");
  EXPECT_EQ(bad_limit.status, 400);
  EXPECT_TRUE(bad_limit.parsed.contains("error")) << bad_limit.body;

  const Reply cleared = control_delete("/__mock__/journal");
  EXPECT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(journal_entries().empty());
  EXPECT_TRUE(server.journal().empty());

  // It records again after being emptied, and the class can empty it too.
  ASSERT_EQ(get(kScriptListPath, "page=9").code(), 0);
  EXPECT_EQ(journal_entries().size(), 1u);
  server.clear_journal();
  EXPECT_TRUE(journal_entries().empty());
}

TEST_F(ControlTest, JournalTruncatesBodiesTo4KiB) {
  json body = {{"upload_type", "UPLOAD_BY_URL"}, {"use_scenario", "AIGC"},
               {"video_url", "https://cdn.example.com/clips/clip.mp4"},
               {"note", std::string(10000, 'x')}};
  const std::string text = body.dump();
  ASSERT_GT(text.size(), 4096u);
  post_raw(kUploadPath, text, "application/json");
  const std::string small = R"({"upload_type":"UPLOAD_BY_URL"})";
  post_raw(kUploadPath, small, "application/json");
  const json entries = journal_entries();
  ASSERT_EQ(entries.size(), 2u);
  const std::string kept = entries.at(0).at("body");
  EXPECT_EQ(kept.size(), 4096u);
  EXPECT_EQ(kept, text.substr(0, 4096));
  EXPECT_EQ(entries.at(1).at("body"), small);  // short bodies whole
  EXPECT_EQ(server.journal().at(0).body.size(), 4096u);
}

TEST_F(ControlTest, PreviewDownloadIsJournaledWithWhetherATokenWasSent) {
  const auto task_ids = create_voiceover(1);
  server.advance_clock(2min);
  const Reply tasks = task_list(task_ids);
  ASSERT_EQ(tasks.code(), 0) << tasks.body;
  const std::string url = tasks.data().at("list").at(0).at("preview_url");
  const auto at = url.find("/media/preview/");
  ASSERT_NE(at, std::string::npos) << url;
  const std::string target = url.substr(at);
  const std::string path = target.substr(0, target.find('?'));
  server.clear_journal();

  const auto without = client->Get(target.c_str());
  ASSERT_TRUE(without);
  EXPECT_EQ(without->status, 200);
  EXPECT_EQ(without->get_header_value("Content-Type"), "video/mp4");
  httplib::Headers headers{{"Access-Token", kSecretToken}};
  const auto with = client->Get(target.c_str(), headers);
  ASSERT_TRUE(with);
  EXPECT_EQ(with->status, 200);

  const json entries = journal_entries();
  ASSERT_EQ(entries.size(), 2u) << entries.dump();
  EXPECT_EQ(entries.at(0).at("method"), "GET");
  EXPECT_EQ(entries.at(0).at("path"), path);
  EXPECT_EQ(entries.at(0).at("query"), target.substr(target.find('?') + 1));
  EXPECT_EQ(entries.at(0).at("access_token_sent"), false);
  EXPECT_EQ(entries.at(0).at("http_status"), 200);
  EXPECT_TRUE(entries.at(0).at("code").is_null());
  EXPECT_EQ(entries.at(1).at("access_token_sent"), true);
  EXPECT_EQ(entries.dump().find(kSecretToken), std::string::npos);
}

// =============================================================================================
// 5. The control API over HTTP
// =============================================================================================

TEST_F(ControlTest, ResetWipesTasksJournalAndFaults) {
  const std::string video_id = upload();
  const auto task_ids = create_voiceover(2);
  const std::string script_task = create_script_task(1);
  ASSERT_EQ(control_post("/__mock__/faults", R"({"endpoint": "video_list", "count": 3, "code": 50000})")
                .status,
            200);
  ASSERT_FALSE(journal_entries().empty());

  const Reply reset = control_post("/__mock__/reset");
  ASSERT_EQ(reset.status, 200) << reset.body;

  EXPECT_TRUE(journal_entries().empty());
  EXPECT_EQ(video_list().code(), 0);  // the fault is gone
  EXPECT_EQ(task_list(task_ids).code(), 40007);
  EXPECT_EQ(script_task_get(script_task).code(), 40007);
  EXPECT_EQ(post(kVideoTaskCreatePath, voiceover_task({video_id})).code(), 40007);
  server.advance_clock(2min);
  const Reply videos = voiceover_videos();
  ASSERT_EQ(videos.code(), 0);
  EXPECT_TRUE(videos.data().at("list").empty()) << videos.body;
  const Reply scripts = get(kScriptListPath);
  ASSERT_EQ(scripts.code(), 0);
  EXPECT_TRUE(scripts.data().at("list").empty()) << scripts.body;
}

TEST_F(ControlTest, ResetDropsQueuedOutcomes) {
  ASSERT_EQ(control_post("/__mock__/outcomes", R"({"video": ["FAILED", "FAILED"]})").status, 200);
  ASSERT_EQ(control_post("/__mock__/reset").status, 200);
  const auto task_ids = create_voiceover(2);
  server.advance_clock(2min);
  EXPECT_EQ(video_status(task_ids.at(0)), "SUCCESS");
  EXPECT_EQ(video_status(task_ids.at(1)), "SUCCESS");
}

TEST_F(ControlTest, ClockCanBeReadFrozenUnfrozenAndAdvanced) {
  const Reply clock = control_get("/__mock__/clock");
  ASSERT_EQ(clock.status, 200) << clock.body;
  ASSERT_TRUE(clock.parsed.is_object()) << clock.body;
  EXPECT_EQ(clock.parsed.at("frozen"), true);
  const std::string now = clock.parsed.at("now");
  EXPECT_EQ(now.back(), 'Z') << now;
  const long long u0 = clock.parsed.at("unix_ms");
  EXPECT_EQ(u0, std::chrono::duration_cast<std::chrono::milliseconds>(
                    server.now().time_since_epoch())
                    .count());

  const Reply advanced = control_post("/__mock__/clock/advance", R"({"seconds": 60})");
  ASSERT_EQ(advanced.status, 200) << advanced.body;
  EXPECT_EQ(advanced.parsed.at("unix_ms").get<long long>(), u0 + 60000);
  EXPECT_EQ(clock_unix_ms(), u0 + 60000);
  ASSERT_EQ(control_post("/__mock__/clock/advance", R"({"seconds": 1.5})").status, 200);
  EXPECT_EQ(clock_unix_ms(), u0 + 61500);

  // Frozen: still between two reads.
  const long long a = clock_unix_ms();
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(clock_unix_ms(), a);

  // Unfrozen: runs in real time.
  const Reply unfrozen = control_post("/__mock__/clock/unfreeze");
  ASSERT_EQ(unfrozen.status, 200) << unfrozen.body;
  EXPECT_EQ(unfrozen.parsed.at("frozen"), false);
  EXPECT_EQ(control_get("/__mock__/clock").parsed.at("frozen"), false);
  const long long b = clock_unix_ms();
  EXPECT_GE(b, a);           // resumes where it stood, not at the real time
  EXPECT_LT(b, a + 5000);
  std::this_thread::sleep_for(50ms);
  const long long c = clock_unix_ms();
  EXPECT_GE(c - b, 40);
  EXPECT_LT(c - b, 5000);

  // Advancing an unfrozen clock moves it too.
  ASSERT_EQ(control_post("/__mock__/clock/advance", R"({"seconds": 60})").status, 200);
  EXPECT_GE(clock_unix_ms(), c + 60000);

  const Reply frozen = control_post("/__mock__/clock/freeze");
  ASSERT_EQ(frozen.status, 200);
  EXPECT_EQ(frozen.parsed.at("frozen"), true);
  const long long d = clock_unix_ms();
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(clock_unix_ms(), d);
}

TEST_F(ControlTest, AdvancingTheClockMovesTaskStates) {
  const auto task_ids = create_voiceover(1);
  EXPECT_EQ(video_status(task_ids.at(0)), "SUBMITTED");
  ASSERT_EQ(control_post("/__mock__/clock/advance", R"({"seconds": 5})").status, 200);
  EXPECT_EQ(video_status(task_ids.at(0)), "PROCESSING");
  ASSERT_EQ(control_post("/__mock__/clock/advance", R"({"seconds": 60})").status, 200);
  EXPECT_EQ(video_status(task_ids.at(0)), "SUCCESS");

  const std::string script_task = create_script_task(2);
  EXPECT_EQ(script_task_get(script_task).data().at("status"), "SUBMITTED");
  ASSERT_EQ(control_post("/__mock__/clock/advance", R"({"seconds": 60})").status, 200);
  const Reply done = script_task_get(script_task);
  EXPECT_EQ(done.data().at("status"), "SUCCESS") << done.body;
  EXPECT_EQ(done.data().at("list").size(), 2u);
}

TEST_F(ControlTest, QueuedOutcomesMakeTheNextTasksFail) {
  const Reply queued =
      control_post("/__mock__/outcomes", R"({"video": ["FAILED"], "script": ["FAILED"]})");
  ASSERT_EQ(queued.status, 200) << queued.body;
  const auto task_ids = create_voiceover(2);  // the first takes the queued FAILED
  const std::string failed_script = create_script_task(2);
  const std::string good_script = create_script_task(2);
  ASSERT_EQ(control_post("/__mock__/clock/advance", R"({"seconds": 120})").status, 200);

  EXPECT_EQ(video_status(task_ids.at(0)), "FAILED");
  EXPECT_EQ(video_status(task_ids.at(1)), "SUCCESS");
  const Reply failed = script_task_get(failed_script);
  EXPECT_EQ(failed.data().at("status"), "FAILED") << failed.body;
  EXPECT_TRUE(failed.data().at("list").empty()) << failed.body;
  const Reply good = script_task_get(good_script);
  EXPECT_EQ(good.data().at("status"), "SUCCESS") << good.body;
  EXPECT_EQ(good.data().at("list").size(), 2u);

  // The class does the same, in order.
  server.queue_video_outcomes({TaskOutcome::success, TaskOutcome::failed});
  const auto more = create_voiceover(3);
  server.advance_clock(2min);
  EXPECT_EQ(video_status(more.at(0)), "SUCCESS");
  EXPECT_EQ(video_status(more.at(1)), "FAILED");
  EXPECT_EQ(video_status(more.at(2)), "SUCCESS");
}

TEST_F(ControlTest, MalformedControlBodiesAnswer400WithAnError) {
  const long long before = clock_unix_ms();
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"/__mock__/clock/advance", "not json"},
      {"/__mock__/clock/advance", "{}"},
      {"/__mock__/clock/advance", R"({"seconds": -5})"},
      {"/__mock__/clock/advance", R"({"seconds": "60"})"},
      {"/__mock__/clock/advance", "[60]"},
      {"/__mock__/outcomes", R"({"video": "FAILED"})"},
      {"/__mock__/outcomes", R"({"video": ["MAYBE"]})"},
      {"/__mock__/outcomes", R"({"script": [1]})"},
      {"/__mock__/outcomes", "{"},
      {"/__mock__/faults", R"({"endpoint": "video_list", "count": "two", "code": 50000})"},
      // Out of range: would overflow the clock's ticks or an int.
      {"/__mock__/clock/advance", R"({"seconds": 1e300})"},
      {"/__mock__/faults", R"({"endpoint": "video_list", "code": 1e300})"},
      {"/__mock__/faults", R"({"endpoint": "video_list", "count": 99999999999, "code": 50000})"},
      {"/__mock__/faults", R"({"endpoint": "video_list", "delay_ms": 2.5})"},
  };
  for (const auto& [path, body] : bad) {
    const Reply reply = control_post(path, body);
    EXPECT_EQ(reply.status, 400) << path << " " << body << " -> " << reply.body;
    ASSERT_TRUE(reply.parsed.is_object()) << path << " " << body << " -> " << reply.body;
    ASSERT_TRUE(reply.parsed.contains("error")) << reply.body;
    EXPECT_TRUE(reply.parsed.at("error").is_string()) << reply.body;
  }
  EXPECT_EQ(clock_unix_ms(), before);  // none of them moved the clock
  // No outcome was queued by the bad requests.
  const auto task_ids = create_voiceover(1);
  server.advance_clock(2min);
  EXPECT_EQ(video_status(task_ids.at(0)), "SUCCESS");
}

class NoControlApiTest : public ControlTest {
 protected:
  NoControlApiTest() : ControlTest(options_with([](Options& o) { o.control_api = false; })) {}
};

TEST_F(NoControlApiTest, ControlPathsAnswer404) {
  const auto task_ids = create_voiceover(1);
  EXPECT_EQ(control_post("/__mock__/reset").status, 404);
  EXPECT_EQ(control_get("/__mock__/clock").status, 404);
  EXPECT_EQ(control_get("/__mock__/journal").status, 404);
  EXPECT_EQ(control_post("/__mock__/faults", R"({"endpoint": "*", "code": 50000})").status, 404);
  // Nothing was reset, no fault armed; the API itself still works.
  EXPECT_EQ(task_list(task_ids).code(), 0);
  EXPECT_EQ(video_list().code(), 0);
  // The class still controls it.
  server.inject_fault(code_fault("video_list", 1, 50000));
  EXPECT_EQ(video_list().code(), 50000);
}

TEST_F(ControlTest, UnknownControlPathAnswers404) {
  EXPECT_EQ(control_get("/__mock__/nothing").status, 404);
  EXPECT_EQ(control_get("/__mock__/reset").status, 404);  // GET, not POST
}

TEST_F(ControlTest, StateShowsWhatEachTokenHoldsByDigestNeverTheToken) {
  const std::string clip = upload(kSecretToken);
  const Reply created = post(kVideoTaskCreatePath, voiceover_task({clip}, 2), kSecretToken);
  ASSERT_EQ(created.code(), 0) << created.body;
  const Reply script = post(kScriptTaskCreatePath, Bodies::product_script_task(3), kSecretToken);
  ASSERT_EQ(script.code(), 0) << script.body;
  upload(kOtherToken);
  server.queue_video_outcomes({TaskOutcome::failed});
  server.inject_fault(Fault::with_code("video_list", 50000, 2));
  server.advance_clock(10min);  // every task has ended

  const Reply reply = control_get("/__mock__/state");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body.find(kSecretToken), std::string::npos) << reply.body;
  EXPECT_EQ(reply.body.find(kOtherToken), std::string::npos) << reply.body;
  const json& state = reply.parsed;
  EXPECT_EQ(state.at("clock").at("frozen"), true);
  EXPECT_EQ(state.at("queued_outcomes").at("video"), json::array({"FAILED"}));
  EXPECT_EQ(state.at("queued_outcomes").at("script"), json::array());
  ASSERT_EQ(state.at("faults").size(), 1u);
  EXPECT_EQ(state.at("faults").at(0).at("code"), 50000);
  EXPECT_EQ(state.at("journal_entries"), 4);  // the four API requests above

  ASSERT_EQ(state.at("accounts").size(), 2u);
  const json* mine = nullptr;
  for (const json& account : state.at("accounts")) {
    const std::string digest = account.at("token_digest");
    EXPECT_EQ(digest.size(), 64u);  // SHA-256, hex
    if (account.at("video_tasks").at("count") == 2) mine = &account;
  }
  ASSERT_NE(mine, nullptr) << reply.body;
  EXPECT_EQ(mine->at("uploads").at("latest"), json::array({clip}));
  EXPECT_EQ(mine->at("video_tasks").at("by_type_and_status"), json({{"VOICEOVER", {{"SUCCESS", 2}}}}));
  const json& tasks = mine->at("video_tasks").at("latest");
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks.at(0).at("task_id"), created.data().at("task_ids").at(0));
  EXPECT_EQ(tasks.at(1).at("status"), "SUCCESS");
  EXPECT_TRUE(tasks.at(1).contains("video_id"));
  EXPECT_EQ(mine->at("script_tasks").at("by_status"), json({{"SUCCESS", 1}}));
  EXPECT_EQ(mine->at("script_tasks").at("latest").at(0).at("scripts_arrived"), 3);

  // limit keeps the newest of each kind; the class answers the same.
  const Reply limited = control_get("/__mock__/state?limit=1");
  ASSERT_EQ(limited.status, 200) << limited.body;
  for (const json& account : limited.parsed.at("accounts")) {
    if (account.at("video_tasks").at("count") != 2) continue;
    ASSERT_EQ(account.at("video_tasks").at("latest").size(), 1u);
    EXPECT_EQ(account.at("video_tasks").at("latest").at(0).at("task_id"),
              created.data().at("task_ids").at(1));
  }
  EXPECT_EQ(server.state(1), limited.parsed);
  EXPECT_EQ(control_get("/__mock__/state?limit=x").status, 400);
}

// =============================================================================================
// 6. Failure rate
// =============================================================================================

class AlwaysFailTest : public ControlTest {
 protected:
  AlwaysFailTest() : ControlTest(options_with([](Options& o) { o.failure_rate = 1.0; })) {}
};

TEST_F(AlwaysFailTest, EveryTaskFails) {
  const auto task_ids = create_voiceover(5);
  const std::string script_task = create_script_task(2);
  server.advance_clock(2min);
  const Reply tasks = task_list(task_ids);
  ASSERT_EQ(tasks.code(), 0) << tasks.body;
  ASSERT_EQ(tasks.data().at("list").size(), 5u);
  for (const auto& task : tasks.data().at("list")) {
    EXPECT_EQ(task.at("status"), "FAILED") << task.dump();
    EXPECT_FALSE(task.contains("video_id")) << task.dump();
  }
  EXPECT_TRUE(voiceover_videos().data().at("list").empty());
  const Reply script = script_task_get(script_task);
  EXPECT_EQ(script.data().at("status"), "FAILED") << script.body;
  EXPECT_TRUE(script.data().at("list").empty());
  EXPECT_TRUE(get(kScriptListPath).data().at("list").empty());

  // A queued outcome still comes first.
  server.queue_video_outcomes({TaskOutcome::success});
  const auto lucky = create_voiceover(2);
  server.advance_clock(2min);
  EXPECT_EQ(video_status(lucky.at(0)), "SUCCESS");
  EXPECT_EQ(video_status(lucky.at(1)), "FAILED");
}

// Creates 20 video tasks and 4 script tasks on a fresh server and returns, in order, the
// task ids and final statuses.
std::vector<std::string> outcome_sequence(std::uint64_t seed) {
  Options options = test_options();
  options.seed = seed;
  options.failure_rate = 0.5;
  MockServer server(options);
  server.start();
  httplib::Client http(server.base_url());
  http.set_read_timeout(10, 0);
  const httplib::Headers headers{{"Access-Token", kToken}};
  const auto call_post = [&](const char* path, const json& body) {
    const auto result = http.Post(path, headers, body.dump(), "application/json");
    EXPECT_TRUE(result);
    return result ? json::parse(result->body) : json::object();
  };
  const auto call_get = [&](const std::string& target) {
    const auto result = http.Get(target.c_str(), headers);
    EXPECT_TRUE(result);
    return result ? json::parse(result->body) : json::object();
  };

  const json uploaded = call_post(kUploadPath, {{"upload_type", "UPLOAD_BY_URL"}, {"use_scenario", "AIGC"},
                                                {"video_url", "https://cdn.example.com/v.mp4"}});
  const std::string video_id = uploaded.at("data").at(0).at("video_id");
  std::vector<std::string> video_tasks;
  for (int i = 0; i < 4; ++i) {
    const json task = {{"aigc_video_type", "VOICEOVER"},
                       {"product_video_info",
                        {{"video_generation_count", 5},
                         {"target_language", "en"},
                         {"product_info_list", {Bodies::product_info()}},
                         {"input_video_list", {{"video_id_list", {video_id}}}}}}};
    const json created = call_post(kVideoTaskCreatePath, task);
    EXPECT_EQ(created.at("code"), 0) << created.dump();
    for (const auto& id : created.at("data").at("task_ids")) video_tasks.push_back(id);
  }
  std::vector<std::string> script_tasks;
  for (int i = 0; i < 4; ++i) {
    const json created = call_post(kScriptTaskCreatePath, Bodies::product_script_task(1));
    EXPECT_EQ(created.at("code"), 0) << created.dump();
    script_tasks.push_back(created.at("data").at("task_id"));
  }
  server.advance_clock(std::chrono::minutes(5));

  std::vector<std::string> sequence;
  for (std::size_t i = 0; i < video_tasks.size(); i += 5) {
    const std::vector<std::string> batch(video_tasks.begin() + static_cast<std::ptrdiff_t>(i),
                                         video_tasks.begin() + static_cast<std::ptrdiff_t>(i + 5));
    const json listed = call_get(std::string(kVideoTaskListPath) + "?task_ids=" +
                                 encode(json(batch).dump()) + "&aigc_video_type=VOICEOVER");
    for (const auto& task : listed.at("data").at("list")) {
      sequence.push_back("video " + task.at("task_id").get<std::string>() + " " +
                         task.at("status").get<std::string>());
    }
  }
  for (const auto& id : script_tasks) {
    const json got = call_get(std::string(kScriptTaskGetPath) + "?task_id=" + id);
    sequence.push_back("script " + id + " " + got.at("data").at("status").get<std::string>());
  }
  server.stop();
  return sequence;
}

TEST(FailureRate, HalfWithTheSameSeedGivesTheSameOutcomesInTwoServers) {
  const auto first = outcome_sequence(20240601);
  const auto second = outcome_sequence(20240601);
  ASSERT_EQ(first.size(), 24u);
  EXPECT_EQ(first, second);
  const auto count = [&](const std::string& status) {
    return std::count_if(first.begin(), first.end(), [&](const std::string& line) {
      return line.size() > status.size() &&
             line.compare(line.size() - status.size(), status.size(), status) == 0;
    });
  };
  // 0.5 of 24 tasks: both outcomes occur (all 24 alike has odds 2^-23 for a fair draw).
  EXPECT_GT(count(" FAILED"), 0);
  EXPECT_GT(count(" SUCCESS"), 0);
  EXPECT_EQ(count(" FAILED") + count(" SUCCESS"), 24);
}

// =============================================================================================
// 7. Many clients at once
// =============================================================================================

TEST_F(ControlTest, ParallelClientsLoseAndDuplicateNoTask) {
  constexpr int kThreads = 16;
  constexpr int kCreatesPerThread = 5;
  constexpr int kTasksPerCreate = 3;
  const std::string base_url = server.base_url();

  std::mutex mutex;
  std::map<std::string, std::vector<std::string>> ids_by_token;
  std::vector<std::string> all_ids;
  std::vector<std::string> failures;

  const auto worker = [&](int index) {
    // Even threads share one token; odd ones have their own.
    const std::string token = index % 2 == 0 ? "shared-token" : "own-token-" + std::to_string(index);
    httplib::Client http(base_url);
    http.set_connection_timeout(5, 0);
    http.set_read_timeout(10, 0);
    http.set_write_timeout(10, 0);
    http.set_keep_alive(true);
    const httplib::Headers headers{{"Access-Token", token}};
    std::vector<std::string> mine;
    std::string failure;
    const auto uploaded = http.Post(
        kUploadPath, headers,
        R"({"upload_type":"UPLOAD_BY_URL","use_scenario":"AIGC","video_url":"https://cdn.example.com/v.mp4"})",
        "application/json");
    const json reply = uploaded ? json::parse(uploaded->body, nullptr, false) : json();
    if (!uploaded || uploaded->status != 200 || !reply.is_object() || reply.value("code", -1) != 0) {
      failure = "upload: " + (uploaded ? uploaded->body
                                        : "transport error " + httplib::to_string(uploaded.error()));
    } else {
      const std::string video_id = reply.at("data").at(0).at("video_id");
      for (int i = 0; i < kCreatesPerThread && failure.empty(); ++i) {
        const json body = {{"aigc_video_type", "VOICEOVER"},
                           {"product_video_info",
                            {{"video_generation_count", kTasksPerCreate},
                             {"target_language", "en"},
                             {"product_info_list", {Bodies::product_info()}},
                             {"input_video_list", {{"video_id_list", {video_id}}}}}}};
        const auto created = http.Post(kVideoTaskCreatePath, headers, body.dump(), "application/json");
        if (!created || created->status != 200) {
          failure = "create: " + (created ? "HTTP " + std::to_string(created->status)
                                          : "transport error " + httplib::to_string(created.error()));
          break;
        }
        const json answer = json::parse(created->body, nullptr, false);
        if (answer.is_discarded() || answer.value("code", -1) != 0) {
          failure = "create: " + created->body;
          break;
        }
        for (const auto& id : answer.at("data").at("task_ids")) mine.push_back(id);
      }
    }
    std::lock_guard<std::mutex> lock(mutex);
    if (!failure.empty()) failures.push_back("thread " + std::to_string(index) + ": " + failure);
    auto& list = ids_by_token[token];
    list.insert(list.end(), mine.begin(), mine.end());
    all_ids.insert(all_ids.end(), mine.begin(), mine.end());
  };

  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) threads.emplace_back(worker, i);
  for (auto& thread : threads) thread.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 15s);

  EXPECT_TRUE(failures.empty()) << ::testing::PrintToString(failures);
  ASSERT_EQ(all_ids.size(), static_cast<std::size_t>(kThreads * kCreatesPerThread * kTasksPerCreate));
  const std::set<std::string> unique(all_ids.begin(), all_ids.end());
  EXPECT_EQ(unique.size(), all_ids.size()) << "duplicated task ids";
  EXPECT_EQ(ids_by_token.size(), 1u + kThreads / 2);
  EXPECT_EQ(ids_by_token.at("shared-token").size(),
            static_cast<std::size_t>(kThreads / 2 * kCreatesPerThread * kTasksPerCreate));

  // Every task is found with its token, five ids at a time.
  server.advance_clock(2min);
  std::size_t found = 0;
  for (const auto& [token, ids] : ids_by_token) {
    for (std::size_t i = 0; i < ids.size(); i += 5) {
      const std::vector<std::string> batch(
          ids.begin() + static_cast<std::ptrdiff_t>(i),
          ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), i + 5)));
      const Reply reply = task_list(batch, "VOICEOVER", token);
      ASSERT_EQ(reply.code(), 0) << token << ": " << reply.body;
      ASSERT_EQ(reply.data().at("list").size(), batch.size());
      for (std::size_t j = 0; j < batch.size(); ++j) {
        EXPECT_EQ(reply.data().at("list").at(j).at("task_id"), batch[j]);
        EXPECT_EQ(reply.data().at("list").at(j).at("status"), "SUCCESS");
        ++found;
      }
    }
    // And the video list of each token holds exactly its own videos.
    const Reply videos = get(kVideoListPath, voiceover_types_query() + "&page_size=100", token);
    ASSERT_EQ(videos.code(), 0) << videos.body;
    EXPECT_EQ(videos.data().at("page_info").at("total_number"), ids.size()) << token;
  }
  EXPECT_EQ(found, all_ids.size());
}

// A burst of clients that each open a new connection at the same moment: every one must get
// its answer (nothing here is retried). With cpp-httplib 0.11's own listen backlog of 5 a
// burst overflowed the accept queue and the kernel reset some connections; the mock listens
// again with a real backlog.
TEST_F(ControlTest, SimultaneousConnectionsAreAllServed) {
  constexpr int kThreads = 16;
  constexpr int kRounds = 4;
  const std::string base_url = server.base_url();
  std::mutex mutex;
  std::vector<std::string> failures;
  for (int round = 0; round < kRounds; ++round) {
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        httplib::Client http(base_url);
        http.set_connection_timeout(5, 0);
        http.set_read_timeout(10, 0);
        const auto result = http.Post(
            kUploadPath, httplib::Headers{{"Access-Token", kToken}},
            R"({"upload_type":"UPLOAD_BY_URL","use_scenario":"AIGC","video_url":"https://cdn.example.com/v.mp4"})",
            "application/json");
        if (!result || result->status != 200) {
          std::lock_guard<std::mutex> lock(mutex);
          failures.push_back("round " + std::to_string(round) + " client " + std::to_string(i) + ": " +
                             (result ? "HTTP " + std::to_string(result->status)
                                     : "transport error " + httplib::to_string(result.error())));
        }
      });
    }
    for (auto& thread : threads) thread.join();
  }
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << kThreads * kRounds
                                << " requests failed: " << ::testing::PrintToString(failures);
}

// =============================================================================================
// 8. Faults on a share of requests
// =============================================================================================

// Which of `n` requests answered `code`, in order.
std::vector<bool> hits_of(const std::function<Reply()>& request, int n, int code) {
  std::vector<bool> hits;
  for (int i = 0; i < n; ++i) hits.push_back(request().code() == code);
  return hits;
}

long count_hits(const std::vector<bool>& hits) {
  return std::count(hits.begin(), hits.end(), true);
}

TEST_F(ControlTest, FaultAtARateHitsAboutThatShareUntilCleared) {
  server.inject_fault(Fault::at_rate(0.25, Fault::with_code("video_list", 50000)));
  const auto list = [this] { return video_list(); };
  // 400 draws at 0.25: 100 expected, standard deviation 8.7.
  const auto first = hits_of(list, 400, 50000);
  EXPECT_GT(count_hits(first), 60);
  EXPECT_LT(count_hits(first), 140);
  // Not spent by its hits, and only on its endpoint.
  EXPECT_GT(count_hits(hits_of(list, 100, 50000)), 0);
  EXPECT_EQ(count_hits(hits_of([this] { return get(kScriptListPath); }, 50, 50000)), 0);

  server.clear_faults();
  EXPECT_EQ(count_hits(hits_of(list, 50, 50000)), 0);
}

TEST_F(ControlTest, FaultAtARateWithACountIsSpentAfterThatManyHits) {
  Fault fault = Fault::at_rate(0.5, Fault::with_http_status("video_list", 503));
  fault.count = 3;
  server.inject_fault(fault);
  int hits = 0;
  for (int i = 0; i < 100; ++i) hits += video_list().status == 503 ? 1 : 0;
  EXPECT_EQ(hits, 3);
}

TEST_F(ControlTest, FaultAtARateDrawsFromTheSeedAgainAfterClearing) {
  const auto list = [this] { return video_list(); };
  server.inject_fault(Fault::at_rate(0.5, Fault::with_code("video_list", 50000)));
  const auto first = hits_of(list, 64, 50000);
  server.clear_faults();
  server.inject_fault(Fault::at_rate(0.5, Fault::with_code("video_list", 50000)));
  EXPECT_EQ(hits_of(list, 64, 50000), first);
  EXPECT_GT(count_hits(first), 0);
  EXPECT_LT(count_hits(first), 64);

  // reset() too; and another seed draws other hits (alike by chance: 2^-64).
  server.reset();
  server.inject_fault(Fault::at_rate(0.5, Fault::with_code("video_list", 50000)));
  EXPECT_EQ(hits_of(list, 64, 50000), first);
  Options other_seed = test_options();
  other_seed.seed = 43;
  MockServer other(other_seed);
  other.start();
  httplib::Client other_client(other.base_url());
  other.inject_fault(Fault::at_rate(0.5, Fault::with_code("video_list", 50000)));
  const auto other_list = [&] {
    return to_reply(other_client.Get(kVideoListPath, httplib::Headers{{"Access-Token", kToken}}));
  };
  EXPECT_NE(hits_of(other_list, 64, 50000), first);
  other.stop();
}

TEST_F(ControlTest, FaultAtARateThroughTheControlApi) {
  const Reply set = control_post("/__mock__/faults",
                                 R"({"endpoint": "video_list", "rate": 0.5, "http_status": 503})");
  ASSERT_EQ(set.status, 200) << set.body;
  // No count: it lasts until cleared.
  const json expected = {{"endpoint", "video_list"}, {"rate", 0.5}, {"http_status", 503}};
  EXPECT_EQ(set.parsed.at("faults"), json::array({expected})) << set.body;
  // Behind it, a fault with a count hits what the first passes over.
  ASSERT_EQ(
      control_post("/__mock__/faults", R"({"endpoint": "*", "count": 100, "code": 50000})").status,
      200);
  EXPECT_EQ(control_get("/__mock__/faults").parsed.at("faults"),
            json::array({expected, {{"endpoint", "*"}, {"count", 100}, {"code", 50000}}}));

  int unavailable = 0;
  for (int i = 0; i < 40; ++i) {
    const Reply reply = video_list();
    if (reply.status == 503) {
      ++unavailable;
    } else {
      EXPECT_EQ(reply.code(), 50000) << reply.body;  // never through both
    }
  }
  EXPECT_GT(unavailable, 5);  // 20 expected
  EXPECT_LT(unavailable, 35);
  const json pending = control_get("/__mock__/faults").parsed.at("faults");
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending.at(1).at("count"), 100 - (40 - unavailable));

  // A fault without a rate still hits exactly one request and says so; one with rate 1
  // hits every request until cleared, and says so too.
  ASSERT_EQ(control_delete("/__mock__/faults").status, 200);
  const Reply once = control_post("/__mock__/faults", R"({"endpoint": "upload", "code": 50000})");
  EXPECT_EQ(once.parsed.at("faults"),
            json::array({{{"endpoint", "upload"}, {"count", 1}, {"code", 50000}}}));
  ASSERT_EQ(control_delete("/__mock__/faults").status, 200);
  const Reply always =
      control_post("/__mock__/faults", R"({"endpoint": "video_list", "rate": 1, "code": 50000})");
  EXPECT_EQ(always.parsed.at("faults"),
            json::array({{{"endpoint", "video_list"}, {"rate", 1.0}, {"code", 50000}}}));
  EXPECT_EQ(count_hits(hits_of([this] { return video_list(); }, 20, 50000)), 20);
}

TEST_F(ControlTest, BadRatesAndUnknownFaultFieldsAreRejected) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"({"endpoint": "video_list", "rate": 0, "code": 50000})", "rate"},
      {R"({"endpoint": "video_list", "rate": -0.5, "code": 50000})", "rate"},
      {R"({"endpoint": "video_list", "rate": 1.5, "code": 50000})", "rate"},
      {R"({"endpoint": "video_list", "rate": "half", "code": 50000})", "rate"},
      {R"({"endpoint": "video_list", "rate": null, "code": 50000})", "rate"},
      {R"({"endpoint": "video_list", "rate": 0.5, "count": 0, "code": 50000})", "count"},
      {R"({"endpoint": "video_list", "probability": 0.5, "code": 50000})", "probability"},
  };
  for (const auto& [body, field] : bad) {
    const Reply reply = control_post("/__mock__/faults", body);
    EXPECT_EQ(reply.status, 400) << body << " -> " << reply.body;
    ASSERT_TRUE(reply.parsed.contains("error")) << body << " -> " << reply.body;
    EXPECT_NE(reply.parsed.at("error").get<std::string>().find(field), std::string::npos)
        << body << " -> " << reply.body;
  }
  for (double rate : {0.0, -0.1, 1.01, std::nan("")}) {
    EXPECT_THROW(server.inject_fault(Fault::at_rate(rate, Fault::with_code("video_list", 50000))),
                 std::invalid_argument)
        << rate;
  }
  EXPECT_TRUE(control_get("/__mock__/faults").parsed.at("faults").empty());
  EXPECT_EQ(count_hits(hits_of([this] { return video_list(); }, 20, 50000)), 0);
  // The bounds themselves are accepted.
  EXPECT_NO_THROW(server.inject_fault(Fault::at_rate(1.0, Fault::with_code("video_list", 50000))));
  EXPECT_EQ(count_hits(hits_of([this] { return video_list(); }, 20, 50000)), 20);
}

}  // namespace
}  // namespace tiktok_aigc::mock::testing
