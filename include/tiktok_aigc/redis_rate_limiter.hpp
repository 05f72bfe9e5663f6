// A RateLimiter shared through Redis: every process and machine that uses one app's token
// keeps within that app's budgets together, where each process's own limiter would let
// through a budget per process. The CMake target tiktok_aigc::redis_rate_limiter (its own
// library, on hiredis), so the client itself gains no dependency.
//
//   tiktok_aigc::RedisRateLimiterOptions limiter;
//   limiter.redis = tiktok_aigc::RedisSettings::from_environment().value();
//   limiter.fallback_share = 1.0 / 4;  // four processes share the token
//   tiktok_aigc::ClientOptions options;
//   options.rate_limiter = std::make_shared<tiktok_aigc::RedisRateLimiter>(limiter);
//
// How it keeps a budget:
// - Each (app, endpoint) has a sliding window in Redis: the times of the slots granted, and
//   an atomic script grants the earliest time whose window holds fewer than the budget.
//   Redis's clock times it, never a worker's.
// - A throttling answer (40100, 40016, 40133) to any worker holds the endpoint back for
//   every worker (RateLimiter::throttled).
// - When Redis cannot be reached, the process falls back to `fallback_share` of each budget,
//   counted in its own memory, and logs that it does. It first lets every slot granted
//   through Redis leave its window, so the shares and what Redis granted never add up past
//   the budget. When Redis is back after this process sent on its own, or after Redis
//   restarted and lost its slots, the app is held back for a window first, for the same
//   reason.
//
// Keys: "<key_prefix>:{<app>}:<endpoint>:slots" (a sorted set), ":cooldown", and
// "<key_prefix>:{<app>}:holdoff". The app is the API's origin and the token's SHA-256, never
// the token. Every key expires once its window has passed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "tiktok_aigc.hpp"

namespace tiktok_aigc {

// Where the Redis server is and how to log in to it.
struct RedisSettings {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string username;  // an ACL user (Redis 6 and later); empty: the default user
  std::string password;  // empty: no AUTH
  int database = 0;
  // TLS needs hiredis 1.0 or later built with its SSL library; with an older hiredis the
  // limiter says so in its log and treats Redis as unreachable, never connecting in clear.
  bool tls = false;
  Duration connect_timeout{250};
  Duration command_timeout{250};

  // redis://[[username]:password@]host[:port][/database], or rediss:// for TLS.
  static Result<RedisSettings> from_url(const std::string& url);
  // TIKTOK_AIGC_REDIS_URL (as from_url; unset: the defaults above), then
  // TIKTOK_AIGC_REDIS_PASSWORD, which replaces the URL's password so that it need not be in
  // a URL.
  static Result<RedisSettings> from_environment();
};

struct RedisRateLimiterOptions {
  RedisSettings redis;
  std::string key_prefix = "tiktok-aigc:rate";
  // The share of each budget this process may use on its own while Redis cannot be reached.
  // With N processes sharing a token, at most 1/N each, so that together they stay within
  // the budget. 0: wait until Redis is back (calls end at their CallOptions::timeout).
  double fallback_share = 0.0;
  // Added to every window: requests from several workers reach the API after different
  // delays, and a slot granted exactly one window after another could otherwise arrive
  // inside the API's window.
  Duration margin{250};
  // The furthest ahead a slot is granted; a caller with a longer wait is told to ask again.
  // It bounds how long the budget takes to drain when Redis is lost.
  Duration max_promise{1000};
  // While Redis cannot be reached, the least time between two attempts to reach it.
  Duration retry_interval{500};
  // Where the limiter says that it falls back and that Redis is back; default: standard
  // error. Never given a password or a token.
  std::function<void(const std::string&)> log;
};

class RedisRateLimiter final : public RateLimiter {
 public:
  explicit RedisRateLimiter(RedisRateLimiterOptions options = {});
  ~RedisRateLimiter() override;
  RedisRateLimiter(const RedisRateLimiter&) = delete;
  RedisRateLimiter& operator=(const RedisRateLimiter&) = delete;

  Reservation reserve(const RateLimitKey& key, const Budget& budget,
                      Clock::time_point now) override;
  void refund(const RateLimitKey& key, const Reservation& reservation) override;
  void throttled(const RateLimitKey& key, Duration cooldown, Clock::time_point now) override;

  // What the limiter has done so far, for metrics and tests.
  struct Stats {
    std::uint64_t granted_by_redis = 0;
    std::uint64_t granted_locally = 0;  // from the fallback share
    std::uint64_t asked_again = 0;      // reservations answered "ask again later"
    std::uint64_t redis_failures = 0;   // connections or commands that failed
    bool redis_reachable = false;       // as of the last attempt
  };
  Stats stats() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tiktok_aigc
