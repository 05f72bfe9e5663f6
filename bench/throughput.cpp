// The mock's throughput under load against a bare cpp-httplib server, in one run.
//
//   throughput [SECONDS] [ROUNDS] [THREADS]      default: 3 s per measurement, 3 rounds, 4 threads
//
// Baseline: bench::BareServer, an in-process httplib::Server answering every GET with one
// fixed JSON envelope. Mock: tiktok_aigc::mock::MockServer in-process
// with a realistic state: 5 tokens (--tokens set), 2,000 STOCK_VIDEO tasks across them
// (400 each, created over HTTP, 5 per request), the clock then advanced so that all have
// ended (5% FAILED, the rest SUCCESS with a video), journal on (default capacity 1000), rate
// limits off. The load (bench/load_generator.hpp, closed loop, one kept-alive client per
// thread) is GET video/task/list/ (5 task ids of one token, JSON-text query,
// aigc_video_type set) or GET video/list/ (page_size 20, a page of STOCK_VIDEO), cycling
// over every token's ids and pages. A second mock with the journal off (capacity 0), same
// state, shows what the journal costs.
//
// Generator and servers share the machine, so every configuration is measured once per
// round, the order reversed every other round; the figures are the medians over the rounds.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.hpp"
#include "load_generator.hpp"
#include "tiktok_aigc/mock/mock_server.hpp"

namespace {

using nlohmann::json;

constexpr int kTokens = 5;
constexpr int kCreatesPerToken = 80;  // x 5 tasks each = 400 tasks a token, 2,000 in all
constexpr int kTasksPerCreate = 5;
constexpr int kPageSize = 20;
constexpr const char* kApi = "/open_api/v1.3/";

std::string token_name(int i) { return "bench-token-" + std::to_string(i); }

std::string encode(const std::string& value) { return httplib::detail::encode_query_param(value); }

json post(httplib::Client& http, const std::string& path, const json& body,
          const std::string& token) {
  const auto answer = http.Post((kApi + path).c_str(), httplib::Headers{{"Access-Token", token}},
                                body.dump(), "application/json");
  if (!answer || answer->status != 200) throw std::runtime_error("POST " + path + " failed");
  json envelope = json::parse(answer->body);
  if (envelope.at("code") != 0) throw std::runtime_error("POST " + path + ": " + answer->body);
  return envelope.at("data");
}

json get(const std::string& base_url, const bench::Target& target) {
  httplib::Client http(base_url);
  const auto answer = http.Get(target.path.c_str(), target.headers);
  if (!answer || answer->status != 200) throw std::runtime_error("GET " + target.path + " failed");
  json envelope = json::parse(answer->body);
  if (envelope.at("code") != 0)
    throw std::runtime_error("GET " + target.path + ": " + answer->body);
  return envelope.at("data");
}

struct Workload {
  std::vector<bench::Target> task_list;   // GET video/task/list/, 5 ids each
  std::vector<bench::Target> video_list;  // GET video/list/, a page of 20 each
};

// Fills the mock with the state above and returns the requests of the load.
Workload fill(tiktok_aigc::mock::MockServer& mock) {
  httplib::Client http(mock.base_url());
  http.set_tcp_nodelay(true);
  http.set_keep_alive(true);
  Workload load;
  for (int t = 0; t < kTokens; ++t) {
    const std::string token = token_name(t);
    const httplib::Headers headers{{"Access-Token", token}};
    const json upload = post(http, "file/video/ad/upload/", bench::upload_request(), token);
    const std::string video_id = upload.at(0).at("video_id");
    for (int c = 0; c < kCreatesPerToken; ++c) {
      const json created =
          post(http, "creative/aigc/video/task/create/",
               bench::video_task("STOCK_VIDEO", video_id, kTasksPerCreate), token);
      load.task_list.push_back({std::string(kApi) + "creative/aigc/video/task/list/?task_ids=" +
                                    encode(created.at("task_ids").dump()) +
                                    "&aigc_video_type=STOCK_VIDEO",
                                headers});
    }
    const int videos = kCreatesPerToken * kTasksPerCreate;        // an upper bound: 5% fail
    for (int page = 1; page <= videos / kPageSize - 2; ++page) {  // full pages
      load.video_list.push_back(
          {std::string(kApi) +
               "creative/aigc/video/list/?aigc_video_types=" + encode(R"(["STOCK_VIDEO"])") +
               "&page=" + std::to_string(page) + "&page_size=" + std::to_string(kPageSize),
           headers});
    }
  }
  mock.advance_clock(std::chrono::minutes(5));
  // Interleave the tokens, so consecutive requests of a thread come from different ones.
  const auto interleave = [](std::vector<bench::Target>& targets) {
    std::vector<bench::Target> mixed;
    const std::size_t per_token = targets.size() / kTokens;
    for (std::size_t i = 0; i < per_token; ++i) {
      for (std::size_t t = 0; t < kTokens; ++t) mixed.push_back(targets[t * per_token + i]);
    }
    targets = std::move(mixed);
  };
  interleave(load.task_list);
  interleave(load.video_list);
  // The answers are what they should be.
  const json tasks = get(mock.base_url(), load.task_list.front());
  if (tasks.at("list").size() != kTasksPerCreate) throw std::runtime_error("task/list: not 5");
  const json page = get(mock.base_url(), load.video_list.back());
  if (page.at("list").size() != kPageSize) throw std::runtime_error("video/list: not 20");
  return load;
}

tiktok_aigc::mock::Options mock_options(std::size_t journal_capacity) {
  tiktok_aigc::mock::Options options;
  options.seed = 7;
  options.clock_frozen = true;
  options.failure_rate = 0.05;
  options.rate_limits = false;
  options.journal_capacity = journal_capacity;
  for (int t = 0; t < kTokens; ++t) options.tokens.push_back(token_name(t));
  return options;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::size_t body_bytes(const std::string& base_url, const bench::Target& target) {
  httplib::Client http(base_url);
  const auto answer = http.Get(target.path.c_str(), target.headers);
  return answer ? answer->body.size() : 0;
}

struct Config {
  std::string name;
  std::string base_url;
  const std::vector<bench::Target>* targets;
  std::vector<double> rps, p50, p99;
  std::size_t errors = 0;
  std::size_t bytes = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::max(0.2, std::atof(argv[1])) : 3.0;
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  const int threads = argc > 3 ? std::max(1, std::atoi(argv[3])) : 4;
  const auto duration = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));

  const bench::BareServer bare;
  const std::string bare_url = bare.url();

  tiktok_aigc::mock::MockServer mock(mock_options(1000));
  mock.start();
  tiktok_aigc::mock::MockServer quiet(mock_options(0));  // journal off
  quiet.start();
  const Workload load = fill(mock);
  const Workload quiet_load = fill(quiet);

  std::vector<Config> configs = {
      {"bare cpp-httplib, fixed JSON", bare_url, &load.task_list, {}, {}, {}, 0, 0},
      {"mock GET video/task/list/ (5 ids)", mock.base_url(), &load.task_list, {}, {}, {}, 0, 0},
      {"mock GET video/list/ (20 a page)", mock.base_url(), &load.video_list, {}, {}, {}, 0, 0},
      {"  journal off: video/task/list/",
       quiet.base_url(),
       &quiet_load.task_list,
       {},
       {},
       {},
       0,
       0},
      {"  journal off: video/list/", quiet.base_url(), &quiet_load.video_list, {}, {}, {}, 0, 0},
  };
  for (auto& config : configs) {
    config.bytes = body_bytes(config.base_url, config.targets->front());
    bench::run_load(config.base_url, *config.targets, threads, std::chrono::milliseconds(300));
  }
  for (int round = 0; round < rounds; ++round) {
    for (std::size_t k = 0; k < configs.size(); ++k) {
      Config& config = configs[round % 2 == 0 ? k : configs.size() - 1 - k];
      const auto result = bench::run_load(config.base_url, *config.targets, threads, duration);
      config.rps.push_back(result.requests_per_second);
      config.p50.push_back(result.p50_us);
      config.p99.push_back(result.p99_us);
      config.errors += result.errors;
    }
  }

  const double bare_rps = median(configs[0].rps), bare_p99 = median(configs[0].p99);
  std::printf(
      "Throughput: %d client threads, kept-alive, %.1f s per measurement, median of %d rounds\n"
      "(mock: %d tokens, %d video tasks, clock advanced, journal on, rate limits off)\n",
      threads, seconds, rounds, kTokens, kTokens * kCreatesPerToken * kTasksPerCreate);
  std::printf("  %-36s %10s %7s %9s %9s %7s %7s\n", "", "requests/s", "x bare", "p50 us", "p99 us",
              "p99 x", "bytes");
  std::size_t errors = 0;
  for (const auto& config : configs) {
    const double rps = median(config.rps), p99 = median(config.p99);
    std::printf("  %-36s %10.0f %6.2fx %9.1f %9.1f %6.2fx %7zu\n", config.name.c_str(), rps,
                rps / bare_rps, median(config.p50), p99, p99 / bare_p99, config.bytes);
    errors += config.errors;
  }
  if (errors > 0) std::printf("  %zu requests failed\n", errors);

  quiet.stop();
  mock.stop();
  return errors == 0 ? 0 : 1;
}
