// A load generator for any running server (the mock binary, the bare server, ...).
//
//   load_generator BASE_URL PATH... [--threads N] [--seconds S] [--header "Name: value"]...
//
//   e.g. load_generator http://127.0.0.1:8080 --header 'Access-Token: t1'
//          '/open_api/v1.3/creative/aigc/video/list/?page=1&page_size=20'
//
// N threads (default 4: on a 2-core machine, two per core keeps both cores busy while a
// thread waits on the loopback, without drowning the server in context switches), each with
// its own kept-alive client, GET the paths in turn for S seconds (default 5). Prints
// requests/s and the p50/p99 latency. Exits 1 when any request failed.
#include "load_generator.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  std::string base_url;
  std::vector<std::string> paths;
  httplib::Headers headers;
  int threads = 4;
  double seconds = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--threads" && i + 1 < argc) {
      threads = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--seconds" && i + 1 < argc) {
      seconds = std::max(0.1, std::atof(argv[++i]));
    } else if (arg == "--header" && i + 1 < argc) {
      const std::string header = argv[++i];
      const auto colon = header.find(':');
      if (colon == std::string::npos) {
        std::fprintf(stderr, "load_generator: --header wants \"Name: value\"\n");
        return 2;
      }
      const auto value_at = header.find_first_not_of(' ', colon + 1);
      headers.emplace(header.substr(0, colon),
                      value_at == std::string::npos ? "" : header.substr(value_at));
    } else if (base_url.empty()) {
      base_url = arg;
    } else {
      paths.push_back(arg);
    }
  }
  if (base_url.empty()) {
    std::fprintf(stderr,
                 "usage: load_generator BASE_URL [PATH...] [--threads N] [--seconds S] "
                 "[--header \"Name: value\"]...\n");
    return 2;
  }
  if (paths.empty()) paths.push_back("/");
  std::vector<bench::Target> targets;
  for (const auto& path : paths) targets.push_back({path, headers});

  const auto result =
      bench::run_load(base_url, targets, threads,
                      std::chrono::milliseconds(static_cast<long long>(seconds * 1000)));
  std::printf("%d threads, %.1f s: %zu requests, %zu errors\n", threads, result.seconds,
              result.requests, result.errors);
  std::printf("  %.0f requests/s   p50 %.1f us   p99 %.1f us\n", result.requests_per_second,
              result.p50_us, result.p99_us);
  return result.errors == 0 ? 0 : 1;
}
