// Measures, for a server binary that prints "listening on URL" first: the time from exec to
// that line, the time from exec to the first answered request, and the resident memory
// once it has answered (at rest). Runs the mock and the bare cpp-httplib baseline in turn,
// in the same run, and prints medians and the mock/baseline ratios.
//
//   startup_probe MOCK_BINARY BARE_BINARY [RUNS]
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "bench_support.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Sample {
  double listening_ms = 0, first_answer_ms = 0, rss_mib = 0;
};

double since_ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

Sample run_once(const std::string& binary, const std::vector<std::string>& args) {
  const auto start = Clock::now();
  bench::ServerProcess server(binary, args);
  Sample sample;
  sample.listening_ms = since_ms(start);
  httplib::Client client(server.url());
  client.set_tcp_nodelay(true);
  const auto result = client.Get("/open_api/v1.3/creative/aigc/script/list/",
                                 httplib::Headers{{"Access-Token", "bench"}});
  sample.first_answer_ms = since_ms(start);
  if (!result || result->status != 200) throw std::runtime_error(binary + " did not answer");
  sample.rss_mib = bench::rss_mib(server.pid());
  return sample;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

struct Summary {
  double listening_ms, first_answer_ms, rss_mib;
};

Summary measure(const std::string& binary, const std::vector<std::string>& args, int runs) {
  std::vector<double> listening, answer, rss;
  for (int i = 0; i < runs; ++i) {
    const Sample s = run_once(binary, args);
    listening.push_back(s.listening_ms);
    answer.push_back(s.first_answer_ms);
    rss.push_back(s.rss_mib);
  }
  return {median(listening), median(answer), median(rss)};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: startup_probe MOCK_BINARY BARE_BINARY [RUNS]\n";
    return 2;
  }
  const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 20;
  const Summary mock = measure(argv[1], {"--port", "0", "--quiet"}, runs);
  const Summary bare = measure(argv[2], {"--port", "0"}, runs);
  std::printf("median of %d runs         mock     bare httplib   mock/bare\n", runs);
  std::printf("exec -> listening line   %6.2f ms  %6.2f ms      %5.2fx\n", mock.listening_ms,
              bare.listening_ms, mock.listening_ms / bare.listening_ms);
  std::printf("exec -> first answer     %6.2f ms  %6.2f ms      %5.2fx\n", mock.first_answer_ms,
              bare.first_answer_ms, mock.first_answer_ms / bare.first_answer_ms);
  std::printf("resident memory at rest  %6.2f MiB %6.2f MiB     %5.2fx\n", mock.rss_mib,
              bare.rss_mib, mock.rss_mib / bare.rss_mib);
}
