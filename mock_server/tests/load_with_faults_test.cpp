// A bounded load on the mock while a fifth of the requests are faulted: eight clients, each
// on its own connection, upload, create, poll and list across four tokens. Nothing goes wrong
// but the injected faults, no acknowledged id is lost or given twice, and the mock is still
// healthy afterwards. In-process MockServer, plain httplib + JSON, loopback only.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace tiktok_aigc::mock::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kThreads = 8;
constexpr int kRounds = 60;  // per thread, 4.75 requests a round: ~2,300 in all
const std::vector<std::string> kTokens = {"load-a", "load-b", "load-c", "load-d"};
// A bound, not the expectation (under a second; a few under ThreadSanitizer), and within
// ctest's 60 s.
constexpr auto kTimeLimit = 30s;

// What the clients saw. The injected faults are the only failures expected.
struct Tally {
  int requests = 0;
  int dropped = 0;       // the connection closed before the answer was complete
  int unavailable = 0;   // HTTP 503
  int system_error = 0;  // code 50000
  std::vector<std::string> unexpected;

  void add(const Tally& other) {
    requests += other.requests;
    dropped += other.dropped;
    unavailable += other.unavailable;
    system_error += other.system_error;
    unexpected.insert(unexpected.end(), other.unexpected.begin(), other.unexpected.end());
  }
  int faulted() const { return dropped + unavailable + system_error; }
};

// What the creates acknowledged, per token.
struct Acknowledged {
  using ByToken = std::map<std::string, std::vector<std::string>>;
  ByToken uploads, video_tasks, script_tasks;

  std::vector<ByToken*> kinds() { return {&uploads, &video_tasks, &script_tasks}; }
  void add(Acknowledged& other) {
    const auto mine = kinds();
    const auto theirs = other.kinds();
    for (std::size_t kind = 0; kind < mine.size(); ++kind) {
      for (const auto& [token, ids] : *theirs[kind]) {
        auto& list = (*mine[kind])[token];
        list.insert(list.end(), ids.begin(), ids.end());
      }
    }
  }
};

// One client thread's connection: each answer is the envelope's data, or nothing when it
// was one of the injected faults; anything else goes to `unexpected`.
class LoadClient {
 public:
  LoadClient(const std::string& base_url, Tally& tally) : http_(base_url), tally_(tally) {
    http_.set_keep_alive(true);
    http_.set_tcp_nodelay(true);
    http_.set_connection_timeout(5, 0);
    http_.set_read_timeout(15, 0);
    http_.set_write_timeout(15, 0);
  }

  std::optional<json> post(const char* path, const std::string& token, const json& body) {
    return classify(std::string("POST ") + path,
                    http_.Post(path, {{"Access-Token", token}}, body.dump(), "application/json"));
  }
  std::optional<json> get(const char* path, const std::string& token, const std::string& query) {
    const std::string target = std::string(path) + "?" + query;
    return classify("GET " + target, http_.Get(target.c_str(), {{"Access-Token", token}}));
  }
  void unexpected(const std::string& what) { tally_.unexpected.push_back(what); }

 private:
  std::optional<json> classify(const std::string& what, const httplib::Result& result) {
    ++tally_.requests;
    if (!result) {
      // A dropped answer is a failed read; failing to connect or to send is not injected.
      if (result.error() == httplib::Error::Read) {
        ++tally_.dropped;
      } else {
        unexpected(what + ": transport error " + httplib::to_string(result.error()));
      }
      return std::nullopt;
    }
    if (result->status == 503) {
      ++tally_.unavailable;
      return std::nullopt;
    }
    const json reply = json::parse(result->body, nullptr, false);
    if (result->status != 200 || !reply.is_object() || !reply.contains("code")) {
      unexpected(what + ": HTTP " + std::to_string(result->status) + " " + result->body);
      return std::nullopt;
    }
    if (reply.at("code") == 50000) {
      ++tally_.system_error;
      return std::nullopt;
    }
    if (reply.at("code") != 0) {
      unexpected(what + ": " + result->body);
      return std::nullopt;
    }
    return reply.at("data");
  }

  httplib::Client http_;
  Tally& tally_;
};

std::string types_query() { return "aigc_video_types=" + encode(R"(["VOICEOVER"])"); }

template <typename Container>
bool all_distinct(const Container& ids) {
  return std::set<std::string>(ids.begin(), ids.end()).size() == ids.size();
}

// The load of one thread: a mix of every endpoint, across the tokens in turn.
void run_client(const std::string& base_url, int index,
                std::chrono::steady_clock::time_point deadline, Tally& tally,
                Acknowledged& acknowledged) {
  LoadClient client(base_url, tally);
  for (int round = 0; round < kRounds && std::chrono::steady_clock::now() < deadline; ++round) {
    const std::string& token = kTokens[static_cast<std::size_t>(index + round) % kTokens.size()];
    auto& uploads = acknowledged.uploads[token];
    auto& video_tasks = acknowledged.video_tasks[token];
    auto& script_tasks = acknowledged.script_tasks[token];

    if (const auto data = client.post(kUploadPath, token, Bodies::upload_request())) {
      uploads.push_back(data->at(0).at("video_id"));
    }
    if (!uploads.empty()) {
      const int count = 1 + round % 3;
      const auto data =
          client.post(kVideoTaskCreatePath, token, Bodies::voiceover_task({uploads.back()}, count));
      if (data) {
        const auto ids = data->at("task_ids").get<std::vector<std::string>>();
        if (ids.size() != static_cast<std::size_t>(count)) {
          client.unexpected("create: " + std::to_string(ids.size()) + " ids for " +
                            std::to_string(count) + " videos");
        }
        video_tasks.insert(video_tasks.end(), ids.begin(), ids.end());
      }
    }
    if (!video_tasks.empty()) {
      // The newest five: each comes back once, in a documented state.
      const std::vector<std::string> batch(
          video_tasks.end() -
              static_cast<std::ptrdiff_t>(std::min<std::size_t>(5, video_tasks.size())),
          video_tasks.end());
      const std::string query =
          "task_ids=" + encode(json(batch).dump()) + "&aigc_video_type=VOICEOVER";
      if (const auto data = client.get(kVideoTaskListPath, token, query)) {
        std::vector<std::string> listed;
        for (const auto& task : data->at("list")) {
          listed.push_back(task.at("task_id"));
          static const std::set<std::string> states = {"SUBMITTED", "PROCESSING", "SUCCESS",
                                                       "FAILED"};
          if (states.count(task.at("status")) == 0) client.unexpected("task state " + task.dump());
        }
        if (listed != batch) client.unexpected("task list " + data->dump() + " for " + query);
      }
    }
    const std::string page = "&page=" + std::to_string(1 + round % 3) + "&page_size=10";
    if (const auto data = client.get(kVideoListPath, token, types_query() + page)) {
      std::vector<std::string> ids;
      for (const auto& video : data->at("list")) ids.push_back(video.at("video_id"));
      if (ids.size() > 10 || !all_distinct(ids) || data->at("page_info").at("page_size") != 10) {
        client.unexpected("video list " + data->dump());
      }
    }
    if (round % 4 == 0) {
      if (const auto data =
              client.post(kScriptTaskCreatePath, token, Bodies::product_script_task(1))) {
        script_tasks.push_back(data->at("task_id"));
      }
      if (!script_tasks.empty()) {
        const auto data =
            client.get(kScriptTaskGetPath, token, "task_id=" + encode(script_tasks.back()));
        if (data && data->at("task_id") != script_tasks.back()) {
          client.unexpected("script task " + data->dump());
        }
      }
      client.get(kScriptListPath, token, "page=1&page_size=10");
    }
  }
}

class LoadWithFaultsTest : public MockFixture {
 protected:
  // The journal keeps every request of the run, to hold the clients' tally against it.
  LoadWithFaultsTest()
      : MockFixture([] {
          Options options = test_options();
          options.journal_capacity = 1u << 15;
          return options;
        }()) {}

  // Every item of the token's VOICEOVER video list, page by page.
  std::vector<std::string> listed_videos(const std::string& token, std::size_t& total_number) {
    std::vector<std::string> ids;
    for (int page = 1;; ++page) {
      const Reply reply =
          get(kVideoListPath, types_query() + "&page_size=100&page=" + std::to_string(page), token);
      EXPECT_EQ(reply.code(), 0) << reply.body;
      if (reply.code() != 0) return ids;
      total_number = reply.data().at("page_info").at("total_number");
      for (const auto& video : reply.data().at("list")) ids.push_back(video.at("video_id"));
      if (page >= reply.data().at("page_info").at("total_page").get<int>()) return ids;
    }
  }
};

TEST_F(LoadWithFaultsTest, OnlyInjectedFaultsAndEveryAcknowledgedTaskExactlyOnce) {
  // Three effects, each on 7% of what the ones before it let through: 1 - 0.93^3, ~20%.
  server.inject_fault(Fault::at_rate(0.07, Fault::with_code("*", 50000)));
  server.inject_fault(Fault::at_rate(0.07, Fault::with_http_status("*", 503)));
  server.inject_fault(Fault::at_rate(0.07, Fault::dropping_connection("*")));

  const std::string base_url = server.base_url();
  const auto started = std::chrono::steady_clock::now();
  const auto deadline = started + kTimeLimit;
  std::vector<Tally> tallies(kThreads);
  std::vector<Acknowledged> acknowledged(kThreads);
  std::atomic<int> running{kThreads};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      run_client(base_url, i, deadline, tallies[static_cast<std::size_t>(i)],
                 acknowledged[static_cast<std::size_t>(i)]);
      --running;
    });
  }
  // Time moves while they work, so that polls and lists see tasks in every state.
  while (running > 0) {
    server.advance_clock(1s);
    std::this_thread::sleep_for(2ms);
  }
  for (auto& thread : threads) thread.join();
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_LT(elapsed, kTimeLimit) << "the load did not finish in time";

  Tally tally;
  Acknowledged acked;
  for (int i = 0; i < kThreads; ++i) {
    tally.add(tallies[static_cast<std::size_t>(i)]);
    acked.add(acknowledged[static_cast<std::size_t>(i)]);
  }
  std::cout << tally.requests << " requests in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()
            << " ms: " << tally.dropped << " dropped, " << tally.unavailable << " HTTP 503, "
            << tally.system_error << " code 50000\n";

  EXPECT_TRUE(tally.unexpected.empty())
      << tally.unexpected.size()
      << " unexpected answers: " << ::testing::PrintToString(tally.unexpected);
  EXPECT_GT(tally.requests, kThreads * kRounds * 4);
  // The faults did happen, at about their rate (~20%: 450 of 2,300, deviation ~20).
  EXPECT_GT(tally.faulted(), tally.requests / 8);
  EXPECT_LT(tally.faulted(), tally.requests * 3 / 10);
  EXPECT_GT(tally.dropped, 0);
  EXPECT_GT(tally.unavailable, 0);
  EXPECT_GT(tally.system_error, 0);

  // The mock saw every request the clients sent, and faulted exactly those they saw fail.
  int journaled = 0, dropped = 0, unavailable = 0, system_error = 0;
  for (const JournalEntry& entry : server.journal()) {
    ++journaled;
    dropped += entry.http_status == -1 ? 1 : 0;
    unavailable += entry.http_status == 503 ? 1 : 0;
    system_error += entry.code == 50000 ? 1 : 0;
  }
  EXPECT_EQ(journaled, tally.requests);
  EXPECT_EQ(dropped, tally.dropped);
  EXPECT_EQ(unavailable, tally.unavailable);
  EXPECT_EQ(system_error, tally.system_error);

  // No id was acknowledged twice, whatever the token or the kind.
  std::vector<std::string> every_id;
  for (const auto* kind : acked.kinds()) {
    for (const auto& [token, ids] : *kind) every_id.insert(every_id.end(), ids.begin(), ids.end());
  }
  EXPECT_TRUE(all_distinct(every_id)) << "an id was acknowledged twice";

  // Every acknowledged task is found, once, with its own token; its video is listed once,
  // and nothing else is: a faulted create made nothing.
  server.clear_faults();
  server.advance_clock(10min);
  std::size_t video_tasks = 0;
  for (const std::string& token : kTokens) {
    const auto& tasks = acked.video_tasks[token];
    video_tasks += tasks.size();
    std::vector<std::string> from_tasks;
    for (std::size_t first = 0; first < tasks.size(); first += 5) {
      const std::vector<std::string> batch(
          tasks.begin() + static_cast<std::ptrdiff_t>(first),
          tasks.begin() + static_cast<std::ptrdiff_t>(std::min(tasks.size(), first + 5)));
      const Reply reply = task_list(batch, "VOICEOVER", token);
      ASSERT_EQ(reply.code(), 0) << token << ": " << reply.body;
      std::vector<std::string> listed;
      for (const auto& task : reply.data().at("list")) {
        listed.push_back(task.at("task_id"));
        EXPECT_EQ(task.at("status"), "SUCCESS") << task.dump();
        from_tasks.push_back(task.value("video_id", ""));
      }
      EXPECT_EQ(listed, batch) << token;
    }
    std::size_t total_number = 0;
    std::vector<std::string> from_list = listed_videos(token, total_number);
    EXPECT_TRUE(all_distinct(from_list)) << token << ": a video listed twice";
    EXPECT_EQ(total_number, tasks.size()) << token;
    std::sort(from_tasks.begin(), from_tasks.end());
    std::sort(from_list.begin(), from_list.end());
    EXPECT_EQ(from_list, from_tasks) << token;

    // Script tasks alike: each found, and its one script listed once.
    const auto& scripts = acked.script_tasks[token];
    std::vector<std::string> from_script_tasks;
    for (const std::string& task_id : scripts) {
      const Reply reply = get(kScriptTaskGetPath, "task_id=" + encode(task_id), token);
      ASSERT_EQ(reply.code(), 0) << token << ": " << reply.body;
      EXPECT_EQ(reply.data().at("status"), "SUCCESS") << reply.body;
      for (const auto& script : reply.data().at("list"))
        from_script_tasks.push_back(script.at("script_id"));
    }
    const Reply listed = get(kScriptListPath, "page_size=100", token);
    ASSERT_EQ(listed.code(), 0) << listed.body;
    std::vector<std::string> script_ids;
    for (const auto& script : listed.data().at("list"))
      script_ids.push_back(script.at("script_id"));
    EXPECT_EQ(listed.data().at("page_info").at("total_number"), scripts.size()) << token;
    std::sort(script_ids.begin(), script_ids.end());
    std::sort(from_script_tasks.begin(), from_script_tasks.end());
    EXPECT_EQ(script_ids, from_script_tasks) << token;
  }
  EXPECT_GT(video_tasks, static_cast<std::size_t>(kThreads * kRounds));

  // Still healthy: a new connection is served, and its create works.
  httplib::Client fresh(base_url);
  EXPECT_EQ(to_reply(fresh.Get("/__mock__/clock")).status, 200);
  EXPECT_EQ(create_voiceover(1, "after-load").size(), 1u);
}

}  // namespace
}  // namespace tiktok_aigc::mock::testing
