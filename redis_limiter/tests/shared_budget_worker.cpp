// One worker process of the shared budget test: THREADS threads list videos through one
// Client for SECONDS, then it prints what they got as one JSON line. Its limiter is the
// Redis one (REDIS_PORT > 0), or its own process-wide one (REDIS_PORT 0).
//
//   shared_budget_worker BASE_URL TOKEN REDIS_PORT THREADS SECONDS REQUESTS WINDOW_MS MARGIN_MS
//   SHARE
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tiktok_aigc/redis_rate_limiter.hpp"

int main(int argc, char** argv) {
  using namespace tiktok_aigc;
  if (argc != 10) {
    std::fprintf(
        stderr,
        "usage: %s BASE_URL TOKEN REDIS_PORT THREADS SECONDS REQUESTS WINDOW_MS MARGIN_MS SHARE\n",
        argv[0]);
    return 2;
  }
  const int redis_port = std::atoi(argv[3]);
  const int threads = std::atoi(argv[4]);
  const auto run_for = std::chrono::milliseconds(static_cast<long long>(std::atof(argv[5]) * 1000));

  ClientOptions options;
  options.base_url = argv[1];
  options.access_token = argv[2];
  options.budgets["video_list"] = Budget{std::atoi(argv[6]), Duration(std::atoll(argv[7]))};
  options.retry.max_attempts = 1;  // every 40100 is counted, none retried
  // The cooldown after a 40100 scaled as the budget's window is: 20 s of a minute.
  options.retry.throttled_backoff = Duration(std::atoll(argv[7]) / 3);
  std::shared_ptr<RedisRateLimiter> redis;
  if (redis_port > 0) {
    RedisRateLimiterOptions limiter;
    limiter.redis.port = redis_port;
    limiter.margin = Duration(std::atoll(argv[8]));
    limiter.fallback_share = std::atof(argv[9]);
    limiter.retry_interval = Duration(100);
    redis = std::make_shared<RedisRateLimiter>(limiter);
    options.rate_limiter = redis;
  }
  Client client(options);

  std::atomic<long> ok{0}, throttled{0}, unfinished{0}, failed{0};
  const auto deadline = std::chrono::steady_clock::now() + run_for;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (;;) {
        const auto left =
            std::chrono::duration_cast<Duration>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return;
        CallOptions call;
        call.timeout = left;  // a call whose slot is past the end sends nothing
        const auto page = client.list_videos({}, call);
        if (page.ok()) {
          ++ok;
        } else if (page.status().api_code == 40100) {
          ++throttled;
        } else if (page.status().category == ErrorCategory::deadline_exceeded) {
          ++unfinished;  // no later call could be sent before the end either
          return;
        } else {
          ++failed;
          std::fprintf(stderr, "%s\n", page.status().to_string().c_str());
        }
      }
    });
  }
  for (auto& thread : pool) thread.join();
  const RedisRateLimiter::Stats stats = redis ? redis->stats() : RedisRateLimiter::Stats{};
  std::printf(
      "{\"ok\":%ld,\"throttled\":%ld,\"unfinished\":%ld,\"failed\":%ld,\"granted_by_redis\":%llu,"
      "\"granted_locally\":%llu}\n",
      ok.load(), throttled.load(), unfinished.load(), failed.load(),
      static_cast<unsigned long long>(stats.granted_by_redis),
      static_cast<unsigned long long>(stats.granted_locally));
  return 0;
}
