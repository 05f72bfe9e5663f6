// What the Redis limiter adds to a call, against the process-wide limiter, in the same run:
// a client's list_scripts against the in-process mock through each, and reserve() alone.
// Redis is a redis-server started here on a loopback port, as a worker beside its Redis
// would see it. The budget is set so high that every slot is granted at once: what is
// measured is the limiter's work, never a wait.
//
//   redis_limiter_cost [CALLS] [ROUNDS]      default: 4000 calls of each, in 20 rounds
//
// The two alternate in rounds (each round in the other order than the last), so a drift of
// the machine hits both; each result is the median of the rounds' per-call times.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "redis_server.hpp"
#include "tiktok_aigc/mock/mock_server.hpp"
#include "tiktok_aigc/redis_rate_limiter.hpp"
#include "timing.hpp"

namespace {

using Steady = std::chrono::steady_clock;

// Medians of a and b over `rounds` rounds of `per_round` calls each, alternating which goes first.
std::pair<double, double> compare(int rounds, int per_round, const std::function<void()>& a,
                                  const std::function<void()>& b) {
  std::vector<double> as, bs;
  for (int round = 0; round < rounds; ++round) {
    if (round % 2 == 0) {
      as.push_back(bench::per_call_us(per_round, a));
      bs.push_back(bench::per_call_us(per_round, b));
    } else {
      bs.push_back(bench::per_call_us(per_round, b));
      as.push_back(bench::per_call_us(per_round, a));
    }
  }
  return {bench::median(as), bench::median(bs)};
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tiktok_aigc;
  const int calls = argc > 1 ? std::max(1, std::atoi(argv[1])) : 4000;
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
  const int per_round = std::max(1, calls / rounds);

  redis::testing::RedisServer server;
  if (!server.start()) {
    std::fprintf(stderr, "redis-server did not start\n");
    return 1;
  }
  mock::Options mock_options;
  mock_options.seed = 7;
  mock_options.rate_limits = false;
  mock_options.clock_frozen = true;
  mock::MockServer mock(mock_options);
  mock.start();

  RedisRateLimiterOptions redis_options;
  redis_options.redis.port = server.port();
  const auto redis_limiter = std::make_shared<RedisRateLimiter>(redis_options);
  const auto local_limiter = std::make_shared<LocalRateLimiter>();

  const Budget unbounded{1000000000, std::chrono::minutes(1)};
  ClientOptions options;
  options.base_url = mock.base_url();
  options.access_token = "bench-token";
  options.budgets["script_list"] = unbounded;
  options.rate_limiter = local_limiter;
  Client local_client(options);
  options.rate_limiter = redis_limiter;
  Client redis_client(options);
  const auto list = [](Client& client) {
    if (!client.list_scripts().ok()) throw std::runtime_error("list_scripts failed");
  };
  list(local_client);  // connections made before measuring
  list(redis_client);

  const RateLimitKey key{"bench|digest", "script_list"};
  const auto [local_reserve, redis_reserve] = compare(
      rounds, per_round, [&] { local_limiter->reserve(key, unbounded, Steady::now()); },
      [&] { redis_limiter->reserve(key, unbounded, Steady::now()); });
  const auto [local_call, redis_call] = compare(
      rounds, per_round, [&] { list(local_client); }, [&] { list(redis_client); });
  mock.stop();
  if (redis_limiter->stats().redis_failures != 0) {
    std::fprintf(stderr, "Redis failed during the run\n");
    return 1;
  }

  std::printf(
      "Redis limiter's cost per call (%d calls of each, median of %d rounds, Redis on loopback)\n",
      calls, rounds);
  std::printf("  reserve() alone:   process-wide %8.2f us   Redis %8.2f us   (+%.1f us)\n",
              local_reserve, redis_reserve, redis_reserve - local_reserve);
  std::printf("  list_scripts call: process-wide %8.2f us   Redis %8.2f us   (+%.1f us, %.2fx)\n",
              local_call, redis_call, redis_call - local_call, redis_call / local_call);
  return 0;
}
