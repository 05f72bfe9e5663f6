// What tiktok_aigc::Client adds to a call. The same GET (list_scripts, a page of ten
// scripts) made N times through the Client, and with a raw cpp-httplib client plus
// nlohmann::json::parse of the body, against the mock started in-process, in the same run.
// The two alternate in rounds (each round in the other order than the last), so a drift of
// the machine hits both; the result is the median of the rounds' per-call times.
//
//   client_overhead [CALLS] [ROUNDS]      default: 2000 calls of each, in 20 rounds
//
// Client: rate limiter off (it would only count), check_requests on (the documented rules
// are checked before each call, as by default), default retry policy (nothing fails here).
// Raw: set_tcp_nodelay(true) and keep-alive, the best a hand-written client does.
// A third line, raw without keep-alive, shows what a new connection per call costs.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "timing.hpp"
#include "tiktok_aigc.hpp"
#include "tiktok_aigc/mock/mock_server.hpp"

namespace {

constexpr const char* kToken = "bench-token";
constexpr const char* kListPath = "/open_api/v1.3/creative/aigc/script/list/?page=1&page_size=10";
constexpr std::size_t kScriptsOnPage = 10;

// One raw call: GET, check the envelope, count the scripts, as a caller of httplib would.
void raw_call(httplib::Client& http) {
  const auto result = http.Get(kListPath, httplib::Headers{{"Access-Token", kToken}});
  if (!result || result->status != 200) throw std::runtime_error("raw GET failed");
  const nlohmann::json body = nlohmann::json::parse(result->body);
  if (body.at("code").get<int>() != 0 || body.at("data").at("list").size() != kScriptsOnPage) {
    throw std::runtime_error("raw GET: unexpected answer");
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int calls = argc > 1 ? std::max(1, std::atoi(argv[1])) : 2000;
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
  const int per_round = std::max(1, calls / rounds);

  tiktok_aigc::mock::Options mock_options;
  mock_options.seed = 7;
  mock_options.rate_limits = false;
  mock_options.clock_frozen = true;
  tiktok_aigc::mock::MockServer mock(mock_options);
  mock.start();

  tiktok_aigc::ClientOptions options;
  options.base_url = mock.base_url();
  options.access_token = kToken;
  options.rate_limit = false;
  options.check_requests = true;
  tiktok_aigc::Client client(options);

  // Ten scripts to list, so both sides decode a realistic page.
  tiktok_aigc::CreateScriptTaskRequest scripts;
  scripts.script_source = tiktok_aigc::ScriptSource::custom();
  scripts.custom_prompt = "A short script about trail running shoes.";
  scripts.script_generation_count = 5;
  for (int i = 0; i < 2; ++i) client.create_script_task(scripts).value();
  mock.advance_clock(std::chrono::minutes(5));

  tiktok_aigc::ScriptListQuery query;
  query.page = 1;
  query.page_size = static_cast<int>(kScriptsOnPage);
  const auto client_call = [&] {
    const auto page = client.list_scripts(query);
    if (!page || page->list.size() != kScriptsOnPage)
      throw std::runtime_error("client call failed");
  };

  httplib::Client keep_alive(mock.base_url());
  keep_alive.set_tcp_nodelay(true);
  keep_alive.set_keep_alive(true);
  httplib::Client fresh(mock.base_url());  // a new connection per call
  fresh.set_tcp_nodelay(true);

  const std::vector<std::function<void()>> sides = {client_call, [&] { raw_call(keep_alive); },
                                                    [&] { raw_call(fresh); }};
  for (const auto& side : sides) bench::per_call_us(std::max(1, per_round), side);  // warm-up

  std::vector<std::vector<double>> samples(sides.size());
  for (int round = 0; round < rounds; ++round) {
    for (std::size_t k = 0; k < sides.size(); ++k) {
      const std::size_t side = round % 2 == 0 ? k : sides.size() - 1 - k;
      samples[side].push_back(bench::per_call_us(per_round, sides[side]));
    }
  }
  const double client_us = bench::median(samples[0]), raw_us = bench::median(samples[1]),
               fresh_us = bench::median(samples[2]);
  std::printf("GET script/list/ (10 scripts), %d calls each in %d rounds; median per call\n",
              per_round * rounds, rounds);
  std::printf("  tiktok_aigc::Client                    %8.1f us   %5.2fx raw\n", client_us,
              client_us / raw_us);
  std::printf("  raw httplib, keep-alive + json::parse  %8.1f us   %5.2fx raw\n", raw_us, 1.0);
  std::printf("  raw httplib, new connection per call   %8.1f us   %5.2fx raw\n", fresh_us,
              fresh_us / raw_us);
  mock.stop();
}
