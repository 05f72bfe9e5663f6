// What a client is configured with: the token and base URL, timeouts, retries, the rate
// limiter, the clock, the logger; and what each call may add (cancellation, a deadline).
//
// Thread safety: a CancellationToken, a RateLimiter and a SystemClock may be used from any
// number of threads. The logger is called from whichever thread makes the call, possibly
// from several at once: it must be safe for that.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "tiktok_aigc/api/budget_window.hpp"

namespace tiktok_aigc {

using Duration = std::chrono::milliseconds;

// ---------------------------------------------------------------------------------------
// Cancellation
// ---------------------------------------------------------------------------------------

// Copies share one state: cancel() on any copy stops every wait and call that holds one.
class CancellationToken {
 public:
  CancellationToken();
  void cancel();
  bool cancelled() const;
  // Waits up to `duration` of real time; returns false when cancelled first.
  bool wait_for(Duration duration) const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

// ---------------------------------------------------------------------------------------
// Clock: tests inject one whose sleep only moves its own time, so they never sleep.
// ---------------------------------------------------------------------------------------

class Clock {
 public:
  using time_point = std::chrono::steady_clock::time_point;
  virtual ~Clock() = default;
  virtual time_point now() = 0;
  // Sleeps for `duration`, or less when `cancel` is cancelled; false when cancelled.
  virtual bool sleep_for(Duration duration, const CancellationToken& cancel) = 0;
};

class SystemClock : public Clock {
 public:
  time_point now() override;
  bool sleep_for(Duration duration, const CancellationToken& cancel) override;
  static std::shared_ptr<Clock> instance();
};

// ---------------------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------------------

struct RetryPolicy {
  int max_attempts = 5;  // 1: no retries
  Duration initial_backoff{1000};
  Duration max_backoff{32000};
  double multiplier = 2.0;
  // The least wait after a throttling code (40100, 40016, 40133): the budgets are per
  // minute, so an earlier retry would only be refused again.
  Duration throttled_backoff{20000};
};

// ---------------------------------------------------------------------------------------
// Rate limiting
// ---------------------------------------------------------------------------------------

// A budget: at most `requests` requests in any window of length `window`.
struct Budget {
  int requests = 0;                          // 0: none, unlimited
  Duration window{api::kBudgetWindow};        // the API's, a minute
};

// What a budget is counted for. The API counts per developer app, which a token stands for.
struct RateLimitKey {
  // "<API origin>|<SHA-256 of the token, 64 hex digits>": it names no secret, and is the same
  // in every process and on every machine, so limiters may share it.
  std::string app;
  std::string endpoint;  // the endpoint's name in the API's description, e.g. "video_list"
};

// A slot, as a limiter hands it out.
struct Reservation {
  Duration wait{0};       // how long to wait before sending
  bool granted = true;    // false: nothing is reserved; reserve again after `wait`
  std::uint64_t id = 0;   // the limiter's own, for refund()
};

// Keeps each key within its budget. One limiter is shared by every client that should share
// a budget: by default the process-wide LocalRateLimiter, shared by every Client and thread
// of the process. tiktok_aigc/redis_rate_limiter.hpp shares one across processes and
// machines. Implementations must be safe to call from any number of threads.
class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  // Reserves a slot for one request, `now` being the caller's clock.
  virtual Reservation reserve(const RateLimitKey& key, const Budget& budget, Clock::time_point now) = 0;
  // Gives back a granted slot whose request never reached the API (the connection was
  // refused, or the wait was cancelled or would pass the call's deadline): it costs nothing.
  virtual void refund(const RateLimitKey& key, const Reservation& reservation) = 0;
  // The API refused a request to `key` for its budget (40100, 40016, 40133): no slot is
  // granted for the key before `cooldown` has passed, to any caller sharing the limiter.
  virtual void throttled(const RateLimitKey& key, Duration cooldown, Clock::time_point now) = 0;

  static std::shared_ptr<RateLimiter> process_wide();  // a LocalRateLimiter
};

// A sliding window per key, in this process's memory: a request is granted the earliest time
// at which the window ending there holds fewer than the budget's requests.
class LocalRateLimiter final : public RateLimiter {
 public:
  LocalRateLimiter();
  Reservation reserve(const RateLimitKey& key, const Budget& budget, Clock::time_point now) override;
  void refund(const RateLimitKey& key, const Reservation& reservation) override;
  void throttled(const RateLimitKey& key, Duration cooldown, Clock::time_point now) override;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

// ---------------------------------------------------------------------------------------
// Logging: one record per attempt. It has no headers and no token, by construction.
// ---------------------------------------------------------------------------------------

struct LogRecord {
  std::string method;
  std::string path;  // without the query
  int attempt = 1;
  int http_status = 0;  // 0: no HTTP answer
  int api_code = 0;
  std::string request_id;
  std::string outcome;  // "ok", or the status text
  Duration elapsed{0};
  Duration waited{0};  // for the rate limiter or a backoff before this attempt
};

// "GET /open_api/... attempt 1 -> ok [request_id ...] (12 ms)"
std::string to_string(const LogRecord& record);

using Logger = std::function<void(const LogRecord&)>;

// ---------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------

// The live API's address: the default base URL.
extern const char* const kLiveBaseUrl;

struct ClientOptions {
  std::string access_token;  // empty: $TIKTOK_ACCESS_TOKEN
  std::string base_url;      // empty: $TIKTOK_API_BASE, else the live API
  // PEM file of extra trusted CAs (e.g. a test's self-signed mock); verification stays on.
  std::string ca_cert_file;
  Duration connect_timeout{10000};
  Duration read_timeout{30000};  // uploads wait while the API fetches the file (<= 10 s)
  Duration write_timeout{30000};
  RetryPolicy retry;
  bool check_requests = true;  // documented rules checked before sending
  bool rate_limit = true;      // wait for the documented budgets before sending
  std::shared_ptr<RateLimiter> rate_limiter;  // default: RateLimiter::process_wide()
  // Budgets kept instead of the documented ones, by endpoint name ("video_list"): for an app
  // granted more, or a mock run with other budgets (its --rate-limit and --rate-window-ms).
  std::map<std::string, Budget> budgets;
  std::shared_ptr<Clock> clock;               // default: SystemClock
  Logger logger;                              // default: none
  std::optional<std::uint64_t> jitter_seed;   // default: a random one
};

// What one call may add. A call that is cancelled, or that would pass its deadline while it
// waits for the rate limiter, a retry or the API, ends with category cancelled or
// deadline_exceeded; a request the limiter never let out costs no budget.
struct CallOptions {
  CancellationToken cancel;
  std::optional<Duration> timeout;  // the call's deadline, from its start; none by default
};

}  // namespace tiktok_aigc
