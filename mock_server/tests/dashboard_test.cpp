// The dashboard at /__mock__/ (docs/mock-server.md): served as written in mock_server/dashboard/
// under a strict Content-Security-Policy, off with the control API; and, in a headless
// Chromium, showing the tasks and requests per token digest, never a token, moving the clock
// from its own button, and calling nothing but the mock.
//
// TIKTOK_AIGC_DASHBOARD_SCREENSHOT=PATH writes what the browser shows to PATH (a PNG): how
// docs/dashboard.png is made.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "headless_chromium.hpp"
#include "test_support.hpp"

namespace tiktok_aigc::mock::testing {
namespace {

using namespace std::chrono_literals;

std::string source_file(const std::string& name) {
  std::ifstream in(std::string(DASHBOARD_SOURCE_DIR) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string header(const Reply& reply, const std::string& name) {
  const auto found = reply.headers.find(name);
  return found == reply.headers.end() ? "" : found->second;
}

// ---- served over HTTP ----

class DashboardTest : public MockFixture {};

TEST_F(DashboardTest, ServesThePageUnderAStrictContentSecurityPolicy) {
  const Reply page = to_reply(client->Get("/__mock__/"));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(header(page, "Content-Type"), "text/html; charset=utf-8");
  const std::string policy = header(page, "Content-Security-Policy");
  EXPECT_NE(policy.find("default-src 'none'"), std::string::npos) << policy;
  EXPECT_NE(policy.find("script-src 'self'"), std::string::npos) << policy;
  EXPECT_NE(policy.find("connect-src 'self'"), std::string::npos) << policy;
  EXPECT_EQ(policy.find("unsafe"), std::string::npos) << policy;
  EXPECT_EQ(header(page, "X-Content-Type-Options"), "nosniff");
}

TEST_F(DashboardTest, ServesEachFileByteForByteAsWritten) {
  const std::map<std::string, std::string> types = {
      {"index.html", "text/html; charset=utf-8"},
      {"dashboard.css", "text/css; charset=utf-8"},
      {"dashboard.js", "text/javascript; charset=utf-8"},
      {"favicon.svg", "image/svg+xml"}};
  for (const auto& [name, type] : types) {
    const Reply reply = to_reply(client->Get(("/__mock__/" + name).c_str()));
    EXPECT_EQ(reply.status, 200) << name;
    EXPECT_EQ(header(reply, "Content-Type"), type) << name;
    EXPECT_EQ(reply.body, source_file(name)) << name << " differs from its source";
  }
  EXPECT_EQ(to_reply(client->Get("/__mock__/")).body, source_file("index.html"));
}

TEST_F(DashboardTest, BarePrefixRedirectsToThePage) {
  const Reply reply = to_reply(client->Get("/__mock__"));
  EXPECT_EQ(reply.status, 308);
  EXPECT_EQ(header(reply, "Location"), "/__mock__/");
  EXPECT_EQ(reply.body, "the dashboard is at /__mock__/");
  EXPECT_TRUE(server.journal().empty());
}

TEST_F(DashboardTest, NeitherOtherMethodsNorUnknownFilesServeIt) {
  EXPECT_EQ(to_reply(client->Post("/__mock__/", "", "text/plain")).status, 404);
  EXPECT_EQ(to_reply(client->Get("/__mock__/embed.cmake")).status, 404);
  EXPECT_EQ(to_reply(client->Get("/__mock__/../dashboard.js")).status, 404);
  // The control API beside it is as it was.
  EXPECT_EQ(to_reply(client->Get("/__mock__/clock")).status, 200);
}

TEST_F(DashboardTest, PageRequestsStayOutOfTheJournal) {
  to_reply(client->Get("/__mock__/"));
  to_reply(client->Get("/__mock__/dashboard.js"));
  EXPECT_TRUE(server.journal().empty());
}

class DashboardWithoutControlApiTest : public MockFixture {
 protected:
  DashboardWithoutControlApiTest() : MockFixture(without_control_api()) {}
  static Options without_control_api() {
    Options options = test_options();
    options.control_api = false;
    return options;
  }
};

TEST_F(DashboardWithoutControlApiTest, AnswersNotFound) {
  for (const char* path : {"/__mock__/", "/__mock__", "/__mock__/dashboard.js"}) {
    const Reply reply = to_reply(client->Get(path));
    EXPECT_EQ(reply.status, 404) << path;
    EXPECT_EQ(header(reply, "Content-Security-Policy"), "") << path;
  }
}

// ---- in a browser ----

constexpr const char* kAliceToken = "alice-dashboard-token-5f1e9a";
constexpr const char* kBobToken = "bob-dashboard-token-77c2d0";
constexpr auto kPageWait = 30s;  // generous: eight test processes share two cores

// A status by task id.
using TaskStates = std::map<std::string, std::string>;

// What the page shows of each task: its status, by task id.
constexpr const char* kShownTaskStates = R"(
  Object.fromEntries(Array.from(document.querySelectorAll('[data-task-id]'),
      row => [row.dataset.taskId, row.querySelector('.status').textContent]))
)";

class DashboardInChromiumTest : public MockFixture {
 protected:
  void SetUp() override {
    chromium_binary = HeadlessChromium::find_binary();
    if (chromium_binary.empty()) {
      GTEST_SKIP() << "no `chromium` on PATH: the dashboard's browser test needs it "
                      "(./dev test installs Debian's chromium package)";
    }
    MockFixture::SetUp();
  }

  // Tasks in every state for two tokens; requests refused, without a token, with the token in
  // the query and in the body, and hit by a fault that has one hit left.
  void make_a_busy_mock() {
    server.queue_video_outcomes({TaskOutcome::failed});
    failed_task = create_voiceover(1, kAliceToken).at(0);
    server.advance_clock(2min);
    processing_task = create_voiceover(1, kAliceToken).at(0);
    script_task = create_script_task(3, kAliceToken);
    server.advance_clock(10s);
    submitted_task = create_voiceover(1, kBobToken).at(0);

    const Reply refused =
        post(kVideoTaskCreatePath, {{"aigc_video_type", "VOICEOVER"}, {"note", kAliceToken}},
             kAliceToken);
    EXPECT_NE(refused.code(), 0) << refused.body;
    EXPECT_EQ(get(kVideoListPath, "page_size=5", "").code(), 40104);
    EXPECT_EQ(get(kVideoListPath, std::string("access_token=") + kBobToken, kBobToken).code(), 0);
    server.inject_fault(Fault::with_code("video_list", 50000, 2));
    EXPECT_EQ(get(kVideoListPath, "page_size=20", kBobToken).code(), 50000);
  }

  // A request whose path holds markup that would run if the page wrote it as HTML.
  void send_markup_in_a_path() {
    to_reply(client->Get("/open_api/v1.3/%3Cimg%20src%3Dx%20onerror%3D%22window.__xss%3D1%22%3E/",
                         {{"Access-Token", kAliceToken}}));
  }

  TaskStates shown_task_states(HeadlessChromium& browser, const std::string& page) {
    return browser.evaluate(page, kShownTaskStates).get<TaskStates>();
  }

  TaskStates mock_task_states() {
    TaskStates states;
    const json state = server.state();
    for (const json& account : state.at("accounts")) {
      for (const char* kind : {"video_tasks", "script_tasks", "avatar_video_tasks"}) {
        for (const json& task : account.at(kind).at("latest"))
          states[task.at("task_id")] = task.at("status");
      }
    }
    return states;
  }

  std::string control_clock_now() {
    const Reply clock = to_reply(client->Get("/__mock__/clock"));
    return clock.parsed.at("now");
  }

  std::string chromium_binary;
  std::string failed_task, processing_task, script_task, submitted_task;
};

TEST_F(DashboardInChromiumTest, ShowsTheMockPerTokenDigestAndMovesItsClockFromTheButton) {
  const auto started = std::chrono::steady_clock::now();
  make_a_busy_mock();
  const TaskStates before = {{failed_task, "FAILED"},
                             {processing_task, "PROCESSING"},
                             {script_task, "PARTIAL_SUCCESS"},
                             {submitted_task, "SUBMITTED"}};
  ASSERT_EQ(mock_task_states(), before);

  TempDir work;
  HeadlessChromium browser(chromium_binary, work.path(), 1280, 800);
  const std::string page = browser.open_page(server.base_url() + "/__mock__/");
  browser.wait_until(page, "document.querySelectorAll('[data-task-id]').length === 4", kPageWait);
  if (const char* screenshot = std::getenv("TIKTOK_AIGC_DASHBOARD_SCREENSHOT")) {
    std::ofstream(screenshot, std::ios::binary) << browser.screenshot_png(page);
  }
  // The page follows the mock by itself: a request made now shows within a refresh or two.
  send_markup_in_a_path();
  browser.wait_until(page,
                     "document.querySelectorAll('tr.journal-row').length === " +
                         std::to_string(server.journal().size()),
                     kPageWait);

  // The tasks, in the states the mock has them in, each under its token's digest.
  EXPECT_EQ(shown_task_states(browser, page), before);
  const json accounts = server.state().at("accounts");
  ASSERT_EQ(accounts.size(), 2u);
  for (const json& account : accounts) {
    const std::string digest = account.at("token_digest");
    const json shown = browser.evaluate(
        page, "Array.from(document.querySelectorAll('section[data-token-digest=\"" + digest +
                  "\"] [data-task-id]'), row => row.dataset.taskId).sort()");
    std::vector<std::string> expected;
    for (const char* kind : {"video_tasks", "script_tasks"}) {
      for (const json& task : account.at(kind).at("latest")) expected.push_back(task.at("task_id"));
    }
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(shown, json(expected)) << digest;
  }

  // The journal's rows: a refused request's code, the one without a token in its own
  // section, and a path holding markup shown as text, not run.
  const json rows = browser.evaluate(page, R"(
    Array.from(document.querySelectorAll('tr.journal-row'), row => ({
      digest: row.closest('section').dataset.tokenDigest,
      cells: Array.from(row.cells, cell => cell.textContent)}))
  )");
  bool refused_shown = false, anonymous_shown = false, markup_shown = false;
  for (const json& row : rows) {
    const auto& cells = row.at("cells");
    const std::string path = cells.at(2), code = cells.at(4);
    if (path == kVideoTaskCreatePath && code != "0" && cells.at(3) == "200") refused_shown = true;
    if (code == "40104" && row.at("digest") == "") anonymous_shown = true;
    if (path.find("<img src=x onerror=") != std::string::npos && cells.at(3) == "404")
      markup_shown = true;
  }
  EXPECT_TRUE(refused_shown) << rows.dump(1);
  EXPECT_TRUE(anonymous_shown) << rows.dump(1);
  EXPECT_TRUE(markup_shown) << rows.dump(1);
  EXPECT_EQ(
      browser.evaluate(page, "document.querySelectorAll('img').length + (window.__xss ? 1 : 0)"),
      0);
  EXPECT_EQ(browser.evaluate(page, "document.getElementById('clock-now').textContent"),
            control_clock_now());
  EXPECT_NE(browser.evaluate(page, "document.getElementById('faults').textContent")
                .get<std::string>()
                .find("video_list"),
            std::string::npos);

  // One action through the page: advance the clock an hour from its form.
  const auto clock_before = server.now();
  const std::string shown_before =
      browser.evaluate(page, "document.getElementById('clock-now').textContent");
  browser.evaluate(page, R"(
    document.getElementById('advance-seconds').value = '3600';
    document.getElementById('advance-clock').click();)");
  browser.wait_until(
      page,
      "document.getElementById('clock-now').textContent !== '" + shown_before +
          "' && document.querySelectorAll('[data-task-id] .state-SUBMITTED, [data-task-id] "
          ".state-PROCESSING, [data-task-id] .state-PARTIAL_SUCCESS').length === 0",
      kPageWait);
  EXPECT_EQ(server.now() - clock_before, 3600s);  // the mock agrees, to the millisecond
  EXPECT_EQ(browser.evaluate(page, "document.getElementById('clock-now').textContent"),
            control_clock_now());
  const TaskStates after = {{failed_task, "FAILED"},
                            {processing_task, "SUCCESS"},
                            {script_task, "SUCCESS"},
                            {submitted_task, "SUCCESS"}};
  EXPECT_EQ(mock_task_states(), after);
  EXPECT_EQ(shown_task_states(browser, page), after);
  EXPECT_EQ(browser.evaluate(page, "document.getElementById('action-error').hidden"), true);

  // No token anywhere in the page, not even in an attribute.
  const std::string html = browser.evaluate(page, "document.documentElement.outerHTML");
  for (const char* token : {kAliceToken, kBobToken}) {
    EXPECT_EQ(html.find(token), std::string::npos) << token;
  }

  // Every request the page made went to the mock; the advance among them; no script error.
  const std::string origin = server.base_url() + "/";
  const auto requests = browser.events("Network.requestWillBeSent");
  bool advanced_by_page = false;
  for (const json& event : requests) {
    const json& request = event.at("params").at("request");
    const std::string url = request.at("url");
    EXPECT_EQ(url.rfind(origin, 0), 0u) << url;
    if (url == origin + "__mock__/clock/advance" && request.at("method") == "POST")
      advanced_by_page = true;
  }
  EXPECT_GE(requests.size(), 5u);  // the page, its stylesheet and script, state, journal
  EXPECT_TRUE(advanced_by_page);
  for (const json& thrown : browser.events("Runtime.exceptionThrown"))
    ADD_FAILURE() << thrown.dump();

  EXPECT_TRUE(browser.close_browser()) << "chromium had to be killed\n" << browser.log_tail();
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
  RecordProperty("seconds", std::to_string(seconds.count()));
}

}  // namespace
}  // namespace tiktok_aigc::mock::testing
