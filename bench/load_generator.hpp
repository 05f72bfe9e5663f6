// A small HTTP load generator for the benchmarks (cpp-httplib only).
//
// N threads, each with its own kept-alive httplib::Client (TCP_NODELAY on), send GET
// requests for a fixed time, each thread cycling through the target list from its own
// offset, one request in flight per thread. Every request's latency is recorded; the result
// is requests/s and latency percentiles over all threads. run_load() is a closed loop (each
// thread sends its next request as soon as it has the answer): it measures throughput.
// run_paced_load() sends at a fixed total rate spread over the connections: it measures what
// the number of connections alone does to latency, the load staying the same.
//
// Note: cpp-httplib 0.11's server closes a kept-alive connection after 5 requests
// (CPPHTTPLIB_KEEPALIVE_MAX_COUNT); the client then reconnects by itself. Both the bare
// baseline and the mock keep that default, so both pay the same reconnects.
#pragma once

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

namespace bench {

struct Target {
  std::string path;  // path and query, e.g. /open_api/v1.3/...?page=1
  httplib::Headers headers;
};

struct LoadResult {
  double seconds = 0;
  std::size_t requests = 0;  // answered HTTP 200
  std::size_t errors = 0;    // no answer, or another status
  double requests_per_second = 0;
  double p50_us = 0;
  double p99_us = 0;
  double max_us = 0;
};

inline double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(index, sorted.size() - 1)];
}

struct PerThread {
  std::vector<double> latencies_us;
  std::size_t errors = 0;
};

inline LoadResult summarize(std::vector<PerThread>& results, double seconds) {
  LoadResult out;
  std::vector<double> all;
  for (auto& mine : results) {
    all.insert(all.end(), mine.latencies_us.begin(), mine.latencies_us.end());
    out.errors += mine.errors;
  }
  std::sort(all.begin(), all.end());
  out.seconds = seconds;
  out.requests = all.size();
  out.requests_per_second = static_cast<double>(out.requests) / out.seconds;
  out.p50_us = percentile(all, 0.50);
  out.p99_us = percentile(all, 0.99);
  out.max_us = all.empty() ? 0 : all.back();
  return out;
}

inline httplib::Client kept_alive_client(const std::string& base_url) {
  httplib::Client http(base_url);
  http.set_tcp_nodelay(true);
  http.set_keep_alive(true);
  http.set_connection_timeout(10, 0);
  http.set_read_timeout(10, 0);
  return http;
}

inline LoadResult run_load(const std::string& base_url, const std::vector<Target>& targets,
                           int threads, std::chrono::milliseconds duration) {
  using Clock = std::chrono::steady_clock;
  std::vector<PerThread> results(static_cast<std::size_t>(threads));
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  Clock::time_point end;

  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      httplib::Client http = kept_alive_client(base_url);
      PerThread& mine = results[static_cast<std::size_t>(t)];
      mine.latencies_us.reserve(1 << 18);
      std::size_t next = static_cast<std::size_t>(t) * 7 % targets.size();
      ready.fetch_add(1);
      while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
      for (;;) {
        const Target& target = targets[next];
        next = next + 1 == targets.size() ? 0 : next + 1;
        const auto start = Clock::now();
        if (start >= end) break;
        const auto answer = http.Get(target.path.c_str(), target.headers);
        const auto stop = Clock::now();
        if (answer && answer->status == 200) {
          mine.latencies_us.push_back(
              std::chrono::duration<double, std::micro>(stop - start).count());
        } else {
          ++mine.errors;
        }
      }
    });
  }
  while (ready.load() < threads) std::this_thread::yield();
  const auto start = Clock::now();
  end = start + duration;
  go.store(true, std::memory_order_release);
  for (auto& worker : workers) worker.join();
  const auto finished = Clock::now();  // the last request may end after `end`

  return summarize(results, std::chrono::duration<double>(finished - start).count());
}

// `connections` threads, each with its own kept-alive client, send `total_rate` requests a
// second in all for `duration`, each at even intervals from a phase of its own. A request's
// latency counts from when it was due, not from when it was sent, so a connection held up
// behind others shows its full wait. Each connection makes one request before the clock
// starts, so connecting is not measured, unless that takes over 2 s (a server that serves few
// connections at once): the clock starts then, and the late connections' first requests are
// overdue from their start. A request not answered within 10 s is an error.
inline LoadResult run_paced_load(const std::string& base_url, const std::vector<Target>& targets,
                                 int connections, double total_rate,
                                 std::chrono::milliseconds duration) {
  using Clock = std::chrono::steady_clock;
  const auto interval = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(connections / total_rate));
  std::vector<PerThread> results(static_cast<std::size_t>(connections));
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  Clock::time_point start;

  std::vector<std::thread> workers;
  for (int t = 0; t < connections; ++t) {
    workers.emplace_back([&, t] {
      httplib::Client http = kept_alive_client(base_url);
      PerThread& mine = results[static_cast<std::size_t>(t)];
      std::size_t next = static_cast<std::size_t>(t) * 7 % targets.size();
      if (!http.Get(targets[next].path.c_str(), targets[next].headers)) ++mine.errors;
      ready.fetch_add(1);
      while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
      const auto end = start + duration;
      for (auto due = start + interval * t / connections; due < end; due += interval) {
        std::this_thread::sleep_until(due);
        const Target& target = targets[next];
        next = next + 1 == targets.size() ? 0 : next + 1;
        const auto answer = http.Get(target.path.c_str(), target.headers);
        const auto stop = Clock::now();
        if (answer && answer->status == 200) {
          mine.latencies_us.push_back(std::chrono::duration<double, std::micro>(stop - due).count());
        } else {
          ++mine.errors;
        }
      }
    });
  }
  const auto give_up = Clock::now() + std::chrono::seconds(2);
  while (ready.load() < connections && Clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  start = Clock::now() + std::chrono::milliseconds(50);
  go.store(true, std::memory_order_release);
  for (auto& worker : workers) worker.join();
  return summarize(results, std::chrono::duration<double>(duration).count());
}

}  // namespace bench
