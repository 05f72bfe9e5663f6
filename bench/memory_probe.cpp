// The mock's resident memory at rest, after 100,000 tasks, and on a long run past its
// retention limit (--max-retained, default 250,000 records), where it must stay flat.
// Baseline: the bare cpp-httplib server's memory at rest, in the same run.
//
//   memory_probe MOCK_BINARY BARE_BINARY [TASKS]      default: 1,000,000 tasks
//
// Tasks are created over HTTP on loopback, 5 a request, spread over 5 tokens by 2 client
// threads, on two mocks in turn: one making VOICEOVER videos of one upload (the workload of
// earlier versions' figures), one where every other request makes avatar videos instead (5
// material packages, each named). The journal is on (default size), the clock frozen.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.hpp"

namespace {

using nlohmann::json;

constexpr int kTokens = 5;
constexpr int kTasksPerRequest = 5;
constexpr int kThreads = 2;

// The answer's envelope; throws when there is none.
json post(httplib::Client& http, const std::string& path, const json& body,
          const std::string& token) {
  const auto answer = http.Post(("/open_api/v1.3/" + path).c_str(),
                                httplib::Headers{{"Access-Token", token}}, body.dump(),
                                "application/json");
  if (!answer || answer->status != 200) throw std::runtime_error("POST " + path + " failed");
  return json::parse(answer->body);
}

std::string upload(httplib::Client& http, const std::string& token) {
  const json answer = post(http, "file/video/ad/upload/", bench::upload_request(), token);
  return answer.at("data").at(0).at("video_id");
}

std::string token_name(std::size_t i) { return "memory-token-" + std::to_string(i); }

json get(httplib::Client& http, const std::string& path) {
  const auto answer = http.Get(("/open_api/v1.3/" + path).c_str(), httplib::Headers{{"Access-Token", token_name(0)}});
  if (!answer || answer->status != 200) throw std::runtime_error("GET " + path + " failed");
  return json::parse(answer->body);
}

// Five avatar videos of the catalogue's first avatar, with scripts and names of the usual size.
json avatar_video_task(httplib::Client& http) {
  const json avatar_id = get(http, "creative/digital_avatar/get/?page_size=1").at("data").at("list").at(0).at("avatar_id");
  json packages = json::array();
  for (int i = 0; i < kTasksPerRequest; ++i) {
    packages.push_back({{"avatar_id", avatar_id},
                        {"script", std::string(400, 'a')},
                        {"video_name", "Spring campaign, take " + std::to_string(i)}});
  }
  return {{"material_packages", packages}};
}

// Creates `tasks` more tasks on the mock, spread over the tokens; with `avatars`, every
// other request makes avatar videos.
void create_tasks(const std::string& url, long tasks, bool avatars) {
  std::atomic<long> left{tasks / kTasksPerRequest};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client http(url);
      http.set_keep_alive(true);
      http.set_tcp_nodelay(true);
      std::vector<json> bodies(kTokens);
      const json avatar_videos = avatar_video_task(http);
      for (long n = t; left-- > 0; ++n) {
        const std::size_t token = static_cast<std::size_t>(n % kTokens);
        if (avatars && (n / kTokens) % 2 == 1) {
          const json answer =
              post(http, "creative/digital_avatar/video/task/create/", avatar_videos, token_name(token));
          if (answer.at("code") != 0) throw std::runtime_error(answer.dump());
          continue;
        }
        // Past the retention limit an upload is forgotten too: then upload again.
        for (int attempt = 0;; ++attempt) {
          if (bodies[token].is_null()) bodies[token] = bench::video_task("VOICEOVER", upload(http, token_name(token)), kTasksPerRequest);
          const json answer =
              post(http, "creative/aigc/video/task/create/", bodies[token], token_name(token));
          if (answer.at("code") == 0) break;
          if (answer.at("code") != 40007 || attempt > 0) throw std::runtime_error(answer.dump());
          bodies[token] = nullptr;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: memory_probe MOCK_BINARY BARE_BINARY [TASKS]\n";
    return 2;
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each figure as soon as it is measured
  const long total = argc > 3 ? std::max(100'000L, std::atol(argv[3])) : 1'000'000L;

  double bare_rest = 0;
  {
    bench::ServerProcess bare(argv[2], {"--port", "0"});
    httplib::Client(bare.url()).Get("/");
    bare_rest = bench::rss_mib(bare.pid());
  }

  std::printf("resident memory (MiB)                      mock   x bare at rest (%.1f MiB)\n", bare_rest);
  for (const bool avatars : {false, true}) {
    std::printf("%s\n", avatars ? "half the requests avatar videos:" : "VOICEOVER videos only:");
    bench::ServerProcess mock(argv[1], {"--port", "0", "--quiet", "--no-rate-limits", "--freeze-clock", "--seed", "1"});
    httplib::Client(mock.url()).Get("/open_api/v1.3/creative/aigc/video/list/");
    const double rest = bench::rss_mib(mock.pid());
    std::printf("  at rest                              %8.1f   %5.2fx\n", rest, rest / bare_rest);
    long made = 0;
    for (const long checkpoint : {100'000L, 250'000L, 500'000L, total}) {
      if (checkpoint <= made || checkpoint > total) continue;
      create_tasks(mock.url(), checkpoint - made, avatars);
      made = checkpoint;
      const double rss = bench::rss_mib(mock.pid());
      std::printf("  after %9ld tasks                %8.1f   %5.2fx\n", made, rss, rss / bare_rest);
    }
  }
  std::printf("(past 250,000 records the oldest are forgotten: the figures above it stay flat)\n");
}
