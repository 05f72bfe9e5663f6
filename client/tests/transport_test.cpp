// The transport: how codes and HTTP statuses are classified, which failures are sent again,
// the backoff, the rate limiter, retries end to end against the in-process mock and against
// small servers of the test's own (where a fault must be precise), TLS, and that the access
// token never reaches a log record or a Status. Every wait runs on a FakeClock.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "client_test_support.hpp"
#include "self_signed_certificate.hpp"
#include "tiktok_aigc/mock/mock_server.hpp"
#include "tiktok_aigc/tiktok_aigc.hpp"

namespace tiktok_aigc {
namespace {

using namespace std::chrono_literals;
using tiktok_aigc::testing::ClientFixture;
using tiktok_aigc::testing::FakeClock;
using tiktok_aigc::testing::code_fault;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

// Collects the logger's records; shared so a client may outlive the test's locals.
class LogSink {
 public:
  Logger logger() {
    return [this](const LogRecord& record) {
      std::lock_guard<std::mutex> lock(mutex_);
      records_.push_back(record);
    };
  }
  std::vector<LogRecord> records() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return records_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<LogRecord> records_;
};

// The mock's journal entries of one endpoint, oldest first.
std::vector<mock::JournalEntry> requests_to(const mock::MockServer& server, api::EndpointId id) {
  std::vector<mock::JournalEntry> out;
  for (auto& entry : server.journal()) {
    if (entry.path == api::endpoint(id).path) out.push_back(entry);
  }
  return out;
}

std::vector<int> codes_of(const std::vector<mock::JournalEntry>& entries) {
  std::vector<int> codes;
  for (const auto& entry : entries) codes.push_back(entry.code.value_or(-1));
  return codes;
}

CreateVideoTaskRequest video_task(const std::string& video_id) {
  CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::voiceover();
  request.product_video_info.target_language = TargetLanguage::en();
  VideoProductInfo product;
  product.source_language = "en";
  product.product_name = "Glow Serum";
  product.title = "Glow all day";
  product.description = "A light serum for every skin.";
  product.selling_points = {"New Customer Discount"};
  request.product_video_info.product_info_list = {product};
  request.product_video_info.video_id_list = std::vector<std::string>{video_id};
  return request;
}

CreateScriptTaskRequest script_task() {
  CreateScriptTaskRequest request;
  request.script_source = ScriptSource::custom();
  request.custom_prompt = "A 15 second ad for a serum.";
  request.script_generation_count = 1;
  return request;
}

RetryPolicy fast_retry(int max_attempts = 5) {
  RetryPolicy policy;
  policy.max_attempts = max_attempts;
  policy.initial_backoff = 100ms;
  policy.max_backoff = 1000ms;
  policy.multiplier = 2.0;
  policy.throttled_backoff = 20000ms;
  return policy;
}

// A TCP port bound on 127.0.0.1 but not listening: a connection to it is refused, and no
// other test can take it while this object lives.
class RefusingPort {
 public:
  RefusingPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error("cannot bind a socket on 127.0.0.1");
    }
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~RefusingPort() { ::close(fd_); }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A server of the test's own, for answers the mock does not give. Declare it before the
// clients that use it: a client's idle keep-alive connection would hold stop() back.
class LocalServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&, int hit)>;

  explicit LocalServer(Handler handler) : handler_(std::move(handler)) {
    const auto route = [this](const httplib::Request& request, httplib::Response& response) {
      handler_(request, response, ++hits_);
    };
    server_.Get(".*", route);
    server_.Post(".*", route);
    server_.set_tcp_nodelay(true);
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("cannot bind the local server");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() before the loop runs would be lost: wait for it.
    for (int i = 0; i < 2000 && !server_.is_running(); ++i) std::this_thread::sleep_for(1ms);
  }
  ~LocalServer() {
    server_.stop();
    thread_.join();
  }
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int hits() const { return hits_.load(); }

 private:
  Handler handler_;
  std::atomic<int> hits_{0};
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

const char* const kEmptyVideoPage =
    R"({"code":0,"message":"OK","request_id":"req-local-ok","data":{"list":[],)"
    R"("page_info":{"page":1,"page_size":10,"total_number":0,"total_page":0}}})";

// Options for a client of a LocalServer (or of nothing), on `clock`.
ClientOptions local_options(const std::string& base_url, const std::shared_ptr<FakeClock>& clock,
                            const std::shared_ptr<LogSink>& sink = nullptr) {
  ClientOptions options;
  options.access_token = "local-test-token";
  options.base_url = base_url;
  options.clock = clock;
  options.rate_limiter = std::make_shared<LocalRateLimiter>();
  options.jitter_seed = 3;
  options.retry = fast_retry(4);
  options.connect_timeout = 2000ms;
  options.read_timeout = 2000ms;
  options.write_timeout = 2000ms;
  if (sink) options.logger = sink->logger();
  return options;
}

// ---------------------------------------------------------------------------------------
// 1. Classification (docs/return-codes.md, "How real clients classify them")
// ---------------------------------------------------------------------------------------

TEST(Classify, SuccessCodes) {
  EXPECT_EQ(classify_code(0), ErrorCategory::ok);
  EXPECT_EQ(classify_code(20001), ErrorCategory::ok);  // partially successful
}

TEST(Classify, ThrottledCodesAreRateLimited) {
  for (int code : {40100, 40016, 40133}) {
    EXPECT_EQ(classify_code(code), ErrorCategory::rate_limited) << code;
  }
}

TEST(Classify, TransientCodes) {
  for (int code : {50000, 50002, 51010, 60001, 40200, 40201, 40202}) {
    EXPECT_EQ(classify_code(code), ErrorCategory::transient) << code;
  }
}

TEST(Classify, AuthenticationAndAuthorizationCodes) {
  for (int code : {40102, 40104, 40105}) {
    EXPECT_EQ(classify_code(code), ErrorCategory::unauthenticated) << code;
  }
  for (int code : {40001, 40118, 40125}) {
    EXPECT_EQ(classify_code(code), ErrorCategory::permission_denied) << code;
  }
}

TEST(Classify, CallerErrorCodes) {
  for (int code : {40000, 40002, 40011, 40053}) {
    EXPECT_EQ(classify_code(code), ErrorCategory::invalid_argument) << code;
  }
  EXPECT_EQ(classify_code(40007), ErrorCategory::not_found);
  for (int code = 40900; code <= 40999; ++code) {
    EXPECT_EQ(classify_code(code), ErrorCategory::invalid_argument) << code;
  }
}

TEST(Classify, NoCodeOfTheListsIsRetryableUnlessListedSo) {
  // Auth and caller errors must never look retryable.
  for (int code : {40001, 40102, 40104, 40105, 40118, 40125, 40000, 40002, 40007, 40011, 40053, 40900,
                   40902, 40999}) {
    Status status{classify_code(code), "", code};
    EXPECT_FALSE(status.retryable()) << code;
  }
  for (int code : {40100, 40016, 40133, 50000, 50002, 51010, 60001, 40200, 40201, 40202}) {
    Status status{classify_code(code), "", code};
    EXPECT_TRUE(status.retryable()) << code;
  }
}

TEST(Classify, HttpStatuses) {
  EXPECT_EQ(classify_http_status(200), ErrorCategory::ok);
  for (int http = 500; http <= 599; ++http) {
    EXPECT_EQ(classify_http_status(http), ErrorCategory::transient) << http;
  }
  EXPECT_EQ(classify_http_status(408), ErrorCategory::transient);
  EXPECT_EQ(classify_http_status(401), ErrorCategory::unauthenticated);
  EXPECT_EQ(classify_http_status(403), ErrorCategory::permission_denied);
  EXPECT_EQ(classify_http_status(404), ErrorCategory::not_found);
  EXPECT_EQ(classify_http_status(429), ErrorCategory::rate_limited);
  EXPECT_EQ(classify_http_status(400), ErrorCategory::unknown);
  EXPECT_EQ(classify_http_status(405), ErrorCategory::unknown);
}

// ---------------------------------------------------------------------------------------
// 2. should_retry: the decision table
// ---------------------------------------------------------------------------------------

Status api_status(int code) {
  Status status{classify_code(code), "from the API", code};
  status.http_status = 200;
  status.request_id = "r";
  return status;
}

Status http_status(int http) {
  Status status{classify_http_status(http), "HTTP " + std::to_string(http)};
  status.http_status = http;
  return status;
}

Status transport_status(TransportError error) {
  Status status{ErrorCategory::transient, std::string("no answer: ") + to_string(error)};
  status.transport_error = error;
  return status;
}

Status tls_status(const std::string& what) {
  Status status{ErrorCategory::unknown, "TLS verification failed: " + what};
  status.transport_error = TransportError::tls_verification;
  return status;
}

TEST(ShouldRetry, DecisionTable) {
  struct Row {
    std::string name;
    Status status;
    bool get;     // retried for an idempotent GET
    bool create;  // retried for a create (not idempotent)
  };
  const std::vector<Row> table = {
      {"40100 throttled", api_status(40100), true, true},
      {"40016 throttled", api_status(40016), true, true},
      {"40133 throttled", api_status(40133), true, true},
      {"HTTP 429", http_status(429), true, true},
      {"transport Connection", transport_status(TransportError::connection), true, true},
      {"transport Read", transport_status(TransportError::read), true, false},
      {"transport Write", transport_status(TransportError::write), true, false},
      {"50000", api_status(50000), true, false},
      {"50002", api_status(50002), true, false},
      {"51010", api_status(51010), true, false},
      {"60001", api_status(60001), true, false},
      {"40200", api_status(40200), true, false},
      {"40201", api_status(40201), true, false},
      {"40202", api_status(40202), true, false},
      {"HTTP 500", http_status(500), true, false},
      {"HTTP 502", http_status(502), true, false},
      {"HTTP 503", http_status(503), true, false},
      {"HTTP 504", http_status(504), true, false},
      {"40002 invalid_argument", api_status(40002), false, false},
      {"40000 invalid_argument", api_status(40000), false, false},
      {"40907 invalid_argument", api_status(40907), false, false},
      {"40105 unauthenticated", api_status(40105), false, false},
      {"40102 unauthenticated", api_status(40102), false, false},
      {"40001 permission_denied", api_status(40001), false, false},
      {"40118 permission_denied", api_status(40118), false, false},
      {"40007 not_found", api_status(40007), false, false},
      {"HTTP 404 not_found", http_status(404), false, false},
      {"bad_response", Status{ErrorCategory::bad_response, "data.task_ids: must be an array"}, false, false},
      {"unknown", Status{ErrorCategory::unknown, "something else"}, false, false},
      // What the transport makes of a certificate it cannot verify: a transport error that
      // no retry can fix.
      {"TLS verification", tls_status("SSLServerVerification"), false, false},
      {"TLS certificates not loaded", tls_status("SSLLoadingCerts"), false, false},
      {"cancelled", Status{ErrorCategory::cancelled, "cancelled"}, false, false},
  };
  for (const Row& row : table) {
    EXPECT_EQ(detail::should_retry(row.status, true), row.get) << row.name << " (GET)";
    EXPECT_EQ(detail::should_retry(row.status, false), row.create) << row.name << " (create)";
  }
}

// ---------------------------------------------------------------------------------------
// 3. backoff_delay
// ---------------------------------------------------------------------------------------

TEST(Backoff, FullJitterWithinAGrowingCappedCeiling) {
  RetryPolicy policy;
  policy.initial_backoff = 100ms;
  policy.max_backoff = 1000ms;
  policy.multiplier = 2.0;
  std::mt19937_64 random(42);
  Duration previous_ceiling{0};
  for (int n = 0; n <= 8; ++n) {
    const Duration ceiling = std::min(policy.max_backoff, Duration(100 * (1 << n)));
    std::set<Duration::rep> distinct;
    Duration largest{0};
    for (int draw = 0; draw < 100; ++draw) {
      const Duration delay = detail::backoff_delay(policy, n, random);
      EXPECT_GE(delay.count(), 0) << "retry " << n;
      EXPECT_LE(delay, ceiling) << "retry " << n;
      distinct.insert(delay.count());
      largest = std::max(largest, delay);
    }
    EXPECT_GT(distinct.size(), 10u) << "retry " << n << ": not jittered";
    // Full jitter over 100 draws reaches the upper half of its range.
    EXPECT_GT(largest, ceiling / 2) << "retry " << n;
    if (ceiling > previous_ceiling) {
      EXPECT_GT(largest, previous_ceiling) << "retry " << n << ": the ceiling did not grow";
    }
    EXPECT_GE(ceiling, previous_ceiling);
    previous_ceiling = ceiling;
  }
  EXPECT_EQ(previous_ceiling, policy.max_backoff);  // 100 * 2^8 is capped at 1000
}

TEST(Backoff, CappedForAnyRetryNumber) {
  RetryPolicy policy;  // the defaults: 1 s doubling to 32 s
  std::mt19937_64 random(7);
  for (int n : {5, 6, 10, 40, 100, 1000, 1000000}) {
    for (int draw = 0; draw < 100; ++draw) {
      const Duration delay = detail::backoff_delay(policy, n, random);
      EXPECT_GE(delay.count(), 0) << n;
      EXPECT_LE(delay, policy.max_backoff) << n;
    }
  }
}

TEST(Backoff, SameSeedSameDelays) {
  RetryPolicy policy;
  std::mt19937_64 a(99), b(99);
  for (int n = 0; n < 20; ++n) {
    EXPECT_EQ(detail::backoff_delay(policy, n % 6, a), detail::backoff_delay(policy, n % 6, b));
  }
}

// ---------------------------------------------------------------------------------------
// 4. RateLimiter on an injected time
// ---------------------------------------------------------------------------------------

const Clock::time_point kT0 = Clock::time_point{} + std::chrono::hours(1);

// The wait for one request to `endpoint` of one app, within `budget` a minute.
Duration reserve(RateLimiter& limiter, const std::string& endpoint, int budget, Clock::time_point now) {
  Budget per_minute;
  per_minute.requests = budget;
  return limiter.reserve(RateLimitKey{"app", endpoint}, per_minute, now).wait;
}

TEST(RateLimiterTest, TwentyAtOnceThenTheTwentyFirstWaitsAMinute) {
  LocalRateLimiter limiter;
  for (int i = 0; i < 20; ++i) EXPECT_EQ(reserve(limiter, "video_list", 20, kT0), Duration(0)) << i;
  EXPECT_EQ(reserve(limiter, "video_list", 20, kT0), Duration(60000));
  // The 22nd is queued behind the 21st: its slot is the second one of the next minute.
  EXPECT_EQ(reserve(limiter, "video_list", 20, kT0), Duration(60000));
}

TEST(RateLimiterTest, TheWindowSlides) {
  LocalRateLimiter limiter;
  // 20 requests spread over the first minute, one every 3 s.
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(reserve(limiter, "k", 20, kT0 + i * 3s), Duration(0)) << i;
  }
  // At 59 s all 20 are inside the window: wait until the first (at 0 s) leaves it.
  EXPECT_EQ(reserve(limiter, "k", 20, kT0 + 59s), Duration(1000));
  // That reservation holds the slot at 60 s; at 60 s the next free one is at 63 s.
  EXPECT_EQ(reserve(limiter, "k", 20, kT0 + 60s), Duration(3000));
  // Two minutes later the window is empty again.
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(reserve(limiter, "k", 20, kT0 + 200s), Duration(0)) << i;
  }
  EXPECT_EQ(reserve(limiter, "k", 20, kT0 + 200s), Duration(60000));
}

TEST(RateLimiterTest, ScriptCreateBudgetOfTwo) {
  LocalRateLimiter limiter;
  EXPECT_EQ(reserve(limiter, "script_task_create", 2, kT0), Duration(0));
  EXPECT_EQ(reserve(limiter, "script_task_create", 2, kT0 + 10s), Duration(0));
  EXPECT_EQ(reserve(limiter, "script_task_create", 2, kT0 + 20s), Duration(40000));  // at 60 s
  EXPECT_EQ(reserve(limiter, "script_task_create", 2, kT0 + 20s), Duration(50000));  // at 70 s
}

TEST(RateLimiterTest, SeparateKeysAreIndependent) {
  LocalRateLimiter limiter;
  for (int i = 0; i < 20; ++i) EXPECT_EQ(reserve(limiter, "token-a|video_list", 20, kT0), Duration(0));
  EXPECT_EQ(reserve(limiter, "token-a|video_list", 20, kT0), Duration(60000));
  // Another endpoint, another token: their own budgets.
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(reserve(limiter, "token-a|video_task_list", 20, kT0), Duration(0)) << i;
    EXPECT_EQ(reserve(limiter, "token-b|video_list", 20, kT0), Duration(0)) << i;
  }
  EXPECT_EQ(reserve(limiter, "token-a|script_task_create", 2, kT0), Duration(0));
  EXPECT_EQ(reserve(limiter, "token-a|script_task_create", 2, kT0), Duration(0));
  EXPECT_EQ(reserve(limiter, "token-a|script_task_create", 2, kT0), Duration(60000));
}

TEST(RateLimiterTest, BudgetZeroIsUnlimited) {
  LocalRateLimiter limiter;
  for (int i = 0; i < 1000; ++i) {
    ASSERT_EQ(reserve(limiter, "script_list", 0, kT0), Duration(0)) << i;
  }
  EXPECT_EQ(reserve(limiter, "script_list", -1, kT0), Duration(0));
}

// No 60 s window [t, t + 60 s) holds more than `budget` of the (sorted) slots.
void expect_within_budget(std::vector<Clock::time_point> slots, int budget) {
  std::sort(slots.begin(), slots.end());
  const auto b = static_cast<std::size_t>(budget);
  for (std::size_t i = 0; i + b < slots.size(); ++i) {
    const auto gap = std::chrono::duration_cast<Duration>(slots[i + b] - slots[i]);
    ASSERT_GE(gap, Duration(60000)) << budget + 1 << " slots within " << gap.count()
                                    << " ms, from slot " << i;
  }
}

TEST(RateLimiterTest, ConcurrentReservationsAtOneInstantStayWithinTheBudget) {
  LocalRateLimiter limiter;
  constexpr int kThreads = 8;
  constexpr int kEach = 30;
  std::mutex mutex;
  std::vector<Clock::time_point> slots;
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      while (!go.load()) std::this_thread::yield();
      for (int i = 0; i < kEach; ++i) {
        const Duration wait = reserve(limiter, "shared", 20, kT0);
        std::lock_guard<std::mutex> lock(mutex);
        slots.push_back(kT0 + wait);
      }
    });
  }
  go = true;
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(slots.size(), static_cast<std::size_t>(kThreads * kEach));
  expect_within_budget(slots, 20);
  // Packed as tightly as the budget allows: 20 slots at each whole minute.
  std::map<Clock::time_point, int> per_instant;
  for (auto slot : slots) ++per_instant[slot];
  ASSERT_EQ(per_instant.size(), 12u);
  int minute = 0;
  for (const auto& [instant, count] : per_instant) {
    EXPECT_EQ(instant, kT0 + std::chrono::minutes(minute++));
    EXPECT_EQ(count, 20);
  }
}

TEST(RateLimiterTest, ConcurrentReservationsOnAMovingClockStayWithinTheBudget) {
  // Threads read a shared clock that the others move on, then reserve: as in a Transport,
  // `now` is read before the limiter's lock is taken, so reservations arrive slightly out of
  // order. Whatever the interleaving, the slots handed out must respect the budget.
  for (int budget : {2, 20}) {
    LocalRateLimiter limiter;
    constexpr int kThreads = 8;
    constexpr int kEach = 40;
    std::atomic<std::int64_t> clock_ms{0};
    std::mutex mutex;
    std::vector<Clock::time_point> slots;
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        std::mt19937_64 random(static_cast<std::uint64_t>(t) + 1);
        while (!go.load()) std::this_thread::yield();
        for (int i = 0; i < kEach; ++i) {
          const auto now = kT0 + Duration(clock_ms.fetch_add(static_cast<std::int64_t>(random() % 2000)));
          if (random() % 4 == 0) std::this_thread::yield();
          const Duration wait = reserve(limiter, "shared", budget, now);
          EXPECT_GE(wait.count(), 0);
          std::lock_guard<std::mutex> lock(mutex);
          slots.push_back(now + wait);
        }
      });
    }
    go = true;
    for (auto& thread : threads) thread.join();
    ASSERT_EQ(slots.size(), static_cast<std::size_t>(kThreads * kEach));
    SCOPED_TRACE("budget " + std::to_string(budget));
    expect_within_budget(slots, budget);
  }
}

TEST(RateLimiterTest, OutOfOrderTimesStayWithinTheBudget) {
  // Deterministic form of the above: a caller whose `now` was read before another caller's
  // later reservation (e.g. a thread preempted between clock->now() and reserve()).
  LocalRateLimiter limiter;
  std::vector<Clock::time_point> slots;
  const auto reserve_at = [&](Clock::time_point now) { slots.push_back(now + reserve(limiter, "k", 3, now)); };
  reserve_at(kT0 + 7175ms);
  reserve_at(kT0 + 7376ms);
  reserve_at(kT0 + 54453ms);
  reserve_at(kT0 + 70772ms);  // the first two leave the window of this later caller...
  reserve_at(kT0 + 65281ms);  // ...but not that of this one, whose clock was read earlier
  expect_within_budget(slots, 3);
}

TEST(RateLimiterTest, ABudgetCountsOverItsOwnWindow) {
  LocalRateLimiter limiter;
  Budget budget;
  budget.requests = 3;
  budget.window = 1000ms;
  const RateLimitKey key{"app", "video_list"};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.reserve(key, budget, kT0).wait, 0ms) << i;
  EXPECT_EQ(limiter.reserve(key, budget, kT0 + 200ms).wait, 800ms);
}

TEST(RateLimiterTest, AThrottlingAnswerHoldsBackTheKeyForEveryCaller) {
  LocalRateLimiter limiter;
  Budget budget;
  budget.requests = 20;
  const RateLimitKey key{"app", "video_list"};
  limiter.throttled(key, 20s, kT0);
  EXPECT_EQ(limiter.reserve(key, budget, kT0 + 5s).wait, 15s);
  EXPECT_EQ(limiter.reserve(RateLimitKey{"app", "video_task_list"}, budget, kT0 + 5s).wait, 0ms);
  EXPECT_EQ(limiter.reserve(RateLimitKey{"another app", "video_list"}, budget, kT0 + 5s).wait, 0ms);
  // A shorter cooldown afterwards does not shorten the first.
  limiter.throttled(key, 1s, kT0 + 6s);
  EXPECT_EQ(limiter.reserve(key, budget, kT0 + 6s).wait, 14s);
}

TEST(RateLimiterTest, ARefundedSlotIsFreeAgain) {
  LocalRateLimiter limiter;
  Budget budget;
  budget.requests = 2;
  const RateLimitKey key{"app", "script_task_create"};
  EXPECT_EQ(limiter.reserve(key, budget, kT0).wait, 0ms);
  const Reservation second = limiter.reserve(key, budget, kT0 + 10s);
  EXPECT_EQ(second.wait, 0ms);
  limiter.refund(key, second);
  EXPECT_EQ(limiter.reserve(key, budget, kT0 + 10s).wait, 0ms);
  EXPECT_EQ(limiter.reserve(key, budget, kT0 + 10s).wait, 50s);  // at 60 s
}

// ---------------------------------------------------------------------------------------
// 5. Retries end to end against the in-process mock
// ---------------------------------------------------------------------------------------

class MockRetries : public ClientFixture {
 protected:
  using ClientFixture::ClientFixture;

  void TearDown() override {
    // Close the clients' keep-alive connections before the mock stops.
    clients_.clear();
    client.reset();
    ClientFixture::TearDown();
  }

  Client& make_client(RetryPolicy retry, bool rate_limit = true) {
    ClientOptions o = options();
    o.retry = retry;
    o.rate_limit = rate_limit;
    o.logger = sink->logger();
    clients_.push_back(std::make_unique<Client>(o));
    return *clients_.back();
  }

  // Uploads a stock video (the mock does not fetch non-loopback URLs) and returns its id.
  std::string upload(Client& c) {
    UploadVideoRequest request;
    request.video_url = "https://cdn.example.com/stock/clip.mp4";
    auto uploaded = c.upload_video(request);
    EXPECT_TRUE(uploaded.ok()) << uploaded.status().to_string();
    return uploaded.ok() ? uploaded->video_id : std::string();
  }

  std::shared_ptr<LogSink> sink = std::make_shared<LogSink>();
  std::vector<std::unique_ptr<Client>> clients_;
};

TEST_F(MockRetries, GetRetriedOnTransientCodeSucceedsOnTheThirdAttempt) {
  Client& c = make_client(fast_retry());
  mock.inject_fault(code_fault("video_list", 2, 51010));
  const auto page = c.list_videos();
  ASSERT_TRUE(page.ok()) << page.status().to_string();

  const auto journal = requests_to(mock, api::EndpointId::video_list);
  ASSERT_EQ(journal.size(), 3u);
  EXPECT_EQ(codes_of(journal), (std::vector<int>{51010, 51010, 0}));
  // Two backoffs, each within its ceiling (100 ms, then 200 ms).
  const auto sleeps = clock->sleeps();
  ASSERT_EQ(sleeps.size(), 2u);
  EXPECT_LE(sleeps[0], 100ms);
  EXPECT_LE(sleeps[1], 200ms);

  const auto records = sink->records();
  ASSERT_EQ(records.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(records[static_cast<std::size_t>(i)].attempt, i + 1);
    EXPECT_EQ(records[static_cast<std::size_t>(i)].method, "GET");
    EXPECT_EQ(records[static_cast<std::size_t>(i)].path, api::endpoint(api::EndpointId::video_list).path);
  }
  EXPECT_EQ(records[0].api_code, 51010);
  EXPECT_EQ(records[1].waited, sleeps[0]);
  EXPECT_EQ(records[2].waited, sleeps[1]);
  EXPECT_EQ(records[2].outcome, "ok");
  EXPECT_EQ(records[2].http_status, 200);
  EXPECT_FALSE(records[2].request_id.empty());
}

TEST_F(MockRetries, GetVideoTasksRetriedOnTransientCode) {
  Client& c = make_client(fast_retry());
  const auto created = c.create_video_tasks(video_task(upload(c)));
  ASSERT_TRUE(created.ok()) << created.status().to_string();
  mock.inject_fault(code_fault("video_task_list", 2, 51010));
  VideoTaskQuery query;
  query.task_ids = created->task_ids;
  query.aigc_video_type = AigcVideoType::voiceover();
  const auto tasks = c.get_video_tasks(query);
  ASSERT_TRUE(tasks.ok()) << tasks.status().to_string();
  EXPECT_EQ(tasks->list.size(), 1u);
  EXPECT_EQ(codes_of(requests_to(mock, api::EndpointId::video_task_list)), (std::vector<int>{51010, 51010, 0}));
}

TEST_F(MockRetries, GetRetriedOnHttp503) {
  Client& c = make_client(fast_retry());
  const auto created = c.create_video_tasks(video_task(upload(c)));
  ASSERT_TRUE(created.ok()) << created.status().to_string();
  mock.inject_fault(mock::Fault::with_http_status("video_task_list", 503, 2));
  VideoTaskQuery query;
  query.task_ids = created->task_ids;
  query.aigc_video_type = AigcVideoType::voiceover();
  const auto tasks = c.get_video_tasks(query);
  ASSERT_TRUE(tasks.ok()) << tasks.status().to_string();

  const auto journal = requests_to(mock, api::EndpointId::video_task_list);
  ASSERT_EQ(journal.size(), 3u);
  EXPECT_EQ(journal[0].http_status, 503);
  EXPECT_EQ(journal[1].http_status, 503);
  EXPECT_EQ(journal[2].http_status, 200);
  EXPECT_EQ(clock->sleeps().size(), 2u);
}

TEST_F(MockRetries, ListVideosRetriedOnHttp503) {
  Client& c = make_client(fast_retry());
  mock.inject_fault(mock::Fault::with_http_status("video_list", 503, 2));
  const auto page = c.list_videos();
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  EXPECT_EQ(requests_to(mock, api::EndpointId::video_list).size(), 3u);
  const auto records = sink->records();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].http_status, 503);
  EXPECT_EQ(records[0].api_code, 0);
}

TEST_F(MockRetries, DroppedConnectionRetriedForAGet) {
  Client& c = make_client(fast_retry());
  mock.inject_fault(mock::Fault::dropping_connection("video_list"));
  const auto page = c.list_videos();
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  EXPECT_EQ(requests_to(mock, api::EndpointId::video_list).size(), 2u);
  const auto records = sink->records();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].http_status, 0);  // no HTTP answer arrived
  EXPECT_NE(records[0].outcome.find("transient"), std::string::npos) << records[0].outcome;
  EXPECT_EQ(records[1].outcome, "ok");
}

TEST_F(MockRetries, DroppedConnectionNotRetriedForACreate) {
  Client& c = make_client(fast_retry());
  const std::string video_id = upload(c);  // a retry would succeed: it must not happen
  mock.inject_fault(mock::Fault::dropping_connection("video_task_create"));
  const auto created = c.create_video_tasks(video_task(video_id));
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().category, ErrorCategory::transient) << created.status().to_string();
  EXPECT_NE(created.status().transport_error, TransportError::none);
  EXPECT_NE(created.status().transport_error, TransportError::connection);  // the request was sent
  EXPECT_EQ(created.status().http_status, 0);
  EXPECT_EQ(requests_to(mock, api::EndpointId::video_task_create).size(), 1u);
  EXPECT_TRUE(clock->sleeps().empty());
}

TEST_F(MockRetries, CreateRetriedWhenThrottledAfterTheThrottledBackoff) {
  const RetryPolicy policy = fast_retry();
  Client& c = make_client(policy);
  const std::string video_id = upload(c);
  mock.inject_fault(code_fault("video_task_create", 1, 40100));
  const auto created = c.create_video_tasks(video_task(video_id));
  ASSERT_TRUE(created.ok()) << created.status().to_string();
  EXPECT_EQ(created->task_ids.size(), 1u);
  EXPECT_EQ(codes_of(requests_to(mock, api::EndpointId::video_task_create)), (std::vector<int>{40100, 0}));
  const auto sleeps = clock->sleeps();
  ASSERT_EQ(sleeps.size(), 1u);
  EXPECT_GE(sleeps[0], policy.throttled_backoff);
}

TEST_F(MockRetries, EveryThrottlingCodeRetriedForACreate) {
  const RetryPolicy policy = fast_retry();
  Client& c = make_client(policy);
  for (int code : {40016, 40133}) {
    mock.inject_fault(code_fault("script_task_create", 1, code));
    const auto created = c.create_script_task(script_task());
    ASSERT_TRUE(created.ok()) << code << ": " << created.status().to_string();
  }
  EXPECT_EQ(codes_of(requests_to(mock, api::EndpointId::script_task_create)), (std::vector<int>{40016, 0, 40133, 0}));
  const auto sleeps = clock->sleeps();
  std::size_t throttled = 0;
  for (Duration sleep : sleeps) throttled += sleep >= policy.throttled_backoff ? 1 : 0;
  EXPECT_GE(throttled, 2u);
}

TEST_F(MockRetries, CreateNotRetriedOnSystemError) {
  Client& c = make_client(fast_retry());
  const std::string video_id = upload(c);
  mock.inject_fault(code_fault("video_task_create", 1, 50000));
  const auto created = c.create_video_tasks(video_task(video_id));
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().category, ErrorCategory::transient);
  EXPECT_EQ(created.status().api_code, 50000);
  EXPECT_FALSE(created.status().request_id.empty());
  EXPECT_EQ(created.status().transport_error, TransportError::none);
  EXPECT_EQ(requests_to(mock, api::EndpointId::video_task_create).size(), 1u);
  EXPECT_TRUE(clock->sleeps().empty());
}

TEST_F(MockRetries, CreateNotRetriedOnHttp503) {
  Client& c = make_client(fast_retry());
  const std::string video_id = upload(c);
  mock.inject_fault(mock::Fault::with_http_status("video_task_create", 503, 1));
  const auto created = c.create_video_tasks(video_task(video_id));
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().category, ErrorCategory::transient);
  EXPECT_EQ(created.status().http_status, 503);
  EXPECT_EQ(requests_to(mock, api::EndpointId::video_task_create).size(), 1u);
}

TEST_F(MockRetries, CallerErrorsNeverRetried) {
  Client& c = make_client(fast_retry());
  for (int code : {40002, 40105, 40007, 40001}) {
    mock.inject_fault(code_fault("video_list", 1, code));
    const auto page = c.list_videos();
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.status().api_code, code);
    EXPECT_EQ(page.status().category, classify_code(code));
  }
  EXPECT_EQ(requests_to(mock, api::EndpointId::video_list).size(), 4u);
  EXPECT_TRUE(clock->sleeps().empty());
}

TEST_F(MockRetries, MaxAttemptsHonoured) {
  Client& c = make_client(fast_retry(4));
  mock.inject_fault(code_fault("video_list", 10, 51010));
  const auto page = c.list_videos();
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().category, ErrorCategory::transient);
  EXPECT_EQ(page.status().api_code, 51010);
  EXPECT_EQ(requests_to(mock, api::EndpointId::video_list).size(), 4u);
  EXPECT_EQ(clock->sleeps().size(), 3u);
  const auto records = sink->records();
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records.back().attempt, 4);

  // max_attempts 1: no retries at all.
  mock.clear_faults();
  mock.clear_journal();
  Client& once = make_client(fast_retry(1));
  mock.inject_fault(code_fault("video_list", 10, 51010));
  EXPECT_FALSE(once.list_videos().ok());
  EXPECT_EQ(requests_to(mock, api::EndpointId::video_list).size(), 1u);
  EXPECT_EQ(clock->sleeps().size(), 3u);
}

// The mock counts the documented budgets here.
mock::Options limited_mock_options() {
  mock::Options options = tiktok_aigc::testing::quiet_mock_options();
  options.rate_limits = true;
  return options;
}

class MockRateLimits : public MockRetries {
 protected:
  MockRateLimits() : MockRetries(limited_mock_options()) {}
};

TEST_F(MockRateLimits, TheTwentyFirstListWaitsInsteadOfBeingThrottled) {
  Client& c = make_client(fast_retry());
  for (int i = 0; i < 21; ++i) {
    const auto page = c.list_videos();
    ASSERT_TRUE(page.ok()) << i << ": " << page.status().to_string();
  }
  const auto journal = requests_to(mock, api::EndpointId::video_list);
  ASSERT_EQ(journal.size(), 21u);
  for (const auto& entry : journal) EXPECT_EQ(entry.code.value_or(-1), 0);
  const auto sleeps = clock->sleeps();
  ASSERT_EQ(sleeps.size(), 1u);
  EXPECT_GE(sleeps[0], 59s);
  EXPECT_LE(sleeps[0], 61s);
  const auto records = sink->records();
  ASSERT_EQ(records.size(), 21u);
  EXPECT_EQ(records[20].waited, sleeps[0]);
  EXPECT_EQ(records[20].attempt, 1);
}

// Image to Video allows one create a minute: the second waits for the limiter, and the mock,
// counting the same budget, accepts it.
TEST_F(MockRateLimits, TheSecondImageAnimationInAMinuteWaits) {
  Client& c = make_client(fast_retry());
  CreateImageAnimationTaskRequest request;
  request.image_url = "https://cdn.example.com/images/shoe.png";
  for (int i = 0; i < 2; ++i) {
    const auto created = c.create_image_animation_tasks(request);
    ASSERT_TRUE(created.ok()) << i << ": " << created.status().to_string();
  }
  EXPECT_EQ(codes_of(requests_to(mock, api::EndpointId::image_animation_task_create)), (std::vector<int>{0, 0}));
  const auto sleeps = clock->sleeps();
  ASSERT_EQ(sleeps.size(), 1u);
  EXPECT_GE(sleeps[0], 59s);
  EXPECT_LE(sleeps[0], 61s);
}

TEST_F(MockRateLimits, TheThirdScriptCreateInAMinuteWaits) {
  Client& c = make_client(fast_retry());
  for (int i = 0; i < 3; ++i) {
    const auto created = c.create_script_task(script_task());
    ASSERT_TRUE(created.ok()) << i << ": " << created.status().to_string();
    if (i < 2) {
      EXPECT_TRUE(clock->sleeps().empty()) << i;
    }
  }
  EXPECT_EQ(codes_of(requests_to(mock, api::EndpointId::script_task_create)), (std::vector<int>{0, 0, 0}));
  const auto sleeps = clock->sleeps();
  ASSERT_EQ(sleeps.size(), 1u);
  EXPECT_GE(sleeps[0], 59s);
  EXPECT_LE(sleeps[0], 61s);
}

// A call's timeout is its deadline: a third script create in a minute, which the limiter
// would hold back about a minute, ends at once with deadline_exceeded, sends nothing, and
// gives its slot back (the next create waits one minute, not two).
TEST_F(MockRateLimits, ACallThatWouldWaitPastItsTimeoutEndsAtOnceAndSendsNothing) {
  Client& c = make_client(fast_retry());
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(c.create_script_task(script_task()).ok()) << i;
  CallOptions call;
  call.timeout = 5s;
  const auto third = c.create_script_task(script_task(), call);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().category, ErrorCategory::deadline_exceeded) << third.status().to_string();
  EXPECT_NE(third.status().message.find("nothing was sent"), std::string::npos) << third.status().message;
  EXPECT_TRUE(clock->sleeps().empty());
  EXPECT_EQ(requests_to(mock, api::EndpointId::script_task_create).size(), 2u);

  ASSERT_TRUE(c.create_script_task(script_task()).ok());
  ASSERT_EQ(clock->sleeps().size(), 1u);
  EXPECT_LE(clock->sleeps()[0], 61s);
}

TEST_F(MockRateLimits, ACancelledCallSendsNothing) {
  Client& c = make_client(fast_retry());
  CallOptions call;
  call.cancel.cancel();
  const auto page = c.list_videos({}, call);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().category, ErrorCategory::cancelled);
  EXPECT_TRUE(requests_to(mock, api::EndpointId::video_list).empty());
}

// A limiter of the test's own: it records what it is told, and answers "ask again in 250 ms"
// `not_yet` times before it grants.
class RecordingLimiter : public RateLimiter {
 public:
  Reservation reserve(const RateLimitKey& key, const Budget& budget, Clock::time_point) override {
    std::lock_guard<std::mutex> lock(mutex);
    keys.push_back(key);
    budgets.push_back(budget);
    Reservation reservation;
    if (not_yet > 0) {
      --not_yet;
      reservation.granted = false;
      reservation.wait = 250ms;
    }
    return reservation;
  }
  void refund(const RateLimitKey&, const Reservation&) override {}
  void throttled(const RateLimitKey& key, Duration cooldown, Clock::time_point) override {
    std::lock_guard<std::mutex> lock(mutex);
    throttles.emplace_back(key.endpoint, cooldown);
  }

  std::mutex mutex;
  int not_yet = 0;
  std::vector<RateLimitKey> keys;
  std::vector<Budget> budgets;
  std::vector<std::pair<std::string, Duration>> throttles;
};

TEST_F(MockRateLimits, AnyLimiterMayBeGivenAndIsAskedAgainUntilItGrants) {
  auto limiter = std::make_shared<RecordingLimiter>();
  limiter->not_yet = 2;
  ClientOptions o = options("limiter-token");
  o.rate_limiter = limiter;
  Client c(o);
  ASSERT_TRUE(c.list_videos().ok());
  EXPECT_EQ(clock->sleeps(), (std::vector<Duration>{250ms, 250ms}));
  ASSERT_EQ(limiter->keys.size(), 3u);
  EXPECT_EQ(limiter->keys[0].endpoint, "video_list");
  // The app is the API's origin and the token's SHA-256, the digest the mock shows too.
  EXPECT_EQ(limiter->keys[0].app,
            mock.base_url() + "|e41c6324ad4a2db908464f539ef6a3cd4023c97c59657a2bbf409accf81dc789");
  const auto journal = requests_to(mock, api::EndpointId::video_list);
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_EQ(limiter->keys[0].app, mock.base_url() + "|" + journal[0].token_digest);
  EXPECT_EQ(limiter->budgets[0].requests, 20);
  EXPECT_EQ(limiter->budgets[0].window, 60s);
}

TEST_F(MockRateLimits, AThrottlingAnswerIsToldToTheLimiter) {
  auto limiter = std::make_shared<RecordingLimiter>();
  ClientOptions o = options();
  o.rate_limiter = limiter;
  o.retry = fast_retry();
  Client c(o);
  mock.inject_fault(code_fault("video_list", 1, 40100));
  ASSERT_TRUE(c.list_videos().ok());
  ASSERT_EQ(limiter->throttles.size(), 1u);
  EXPECT_EQ(limiter->throttles[0].first, "video_list");
  EXPECT_EQ(limiter->throttles[0].second, o.retry.throttled_backoff);
}

TEST_F(MockRateLimits, ConfiguredBudgetsReplaceTheDocumentedOnes) {
  ClientOptions o = options();
  o.budgets["video_list"] = Budget{2, 10s};
  Client c(o);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(c.list_videos().ok()) << i;
  EXPECT_EQ(clock->sleeps(), (std::vector<Duration>{10s}));
}

TEST_F(MockRateLimits, AnUnusableBudgetIsRefusedNamingItAndSendsNothing) {
  const std::vector<std::pair<std::pair<std::string, Budget>, std::string>> cases = {
      {{"video_lists", Budget{2, 10s}}, "budgets[\"video_lists\"]: no endpoint of that name"},
      {{"video_list", Budget{-1, 10s}}, "budgets[\"video_list\"].requests: must be 0 (unlimited) or more"},
      {{"video_list", Budget{2, 0s}}, "budgets[\"video_list\"].window: must be longer than 0 ms"},
  };
  for (const auto& [budget, message] : cases) {
    ClientOptions o = options();
    o.budgets[budget.first] = budget.second;
    Client c(o);
    const auto page = c.list_videos();
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.status().category, ErrorCategory::invalid_argument);
    EXPECT_EQ(page.status().message, message);
  }
  EXPECT_TRUE(requests_to(mock, api::EndpointId::video_list).empty());
}

// A retry whose backoff would pass the call's deadline is not made.
TEST_F(MockRetries, ARetryThatWouldPassTheTimeoutIsNotMade) {
  Client& c = make_client(fast_retry());
  mock.inject_fault(code_fault("video_list", 1, 40100));  // a retry would wait 20 s
  CallOptions call;
  call.timeout = 10s;
  const auto page = c.list_videos({}, call);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().category, ErrorCategory::deadline_exceeded);
  EXPECT_EQ(page.status().api_code, 40100);
  EXPECT_NE(page.status().message.find("not retried"), std::string::npos) << page.status().message;
  EXPECT_EQ(requests_to(mock, api::EndpointId::video_list).size(), 1u);
  EXPECT_TRUE(clock->sleeps().empty());
}

TEST_F(MockRateLimits, WithoutTheLimiterTheMockThrottlesAndTheRetriesWaitItOut) {
  const RetryPolicy policy = fast_retry();
  Client& c = make_client(policy, /*rate_limit=*/false);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(c.list_videos().ok()) << i;
  const auto page = c.list_videos();
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  const auto codes = codes_of(requests_to(mock, api::EndpointId::video_list));
  ASSERT_GT(codes.size(), 21u);
  EXPECT_EQ(codes[20], 40100);
  EXPECT_EQ(codes.back(), 0);
  for (Duration sleep : clock->sleeps()) EXPECT_GE(sleep, policy.throttled_backoff);
  EXPECT_GE(clock->slept(), 60s);
}

// The mock keeps every request of a long run, to count what reached it.
mock::Options journaling_mock_options() {
  mock::Options options = tiktok_aigc::testing::quiet_mock_options();
  options.journal_capacity = 1u << 14;
  return options;
}

class MockTransientFaults : public MockRetries {
 protected:
  MockTransientFaults() : MockRetries(journaling_mock_options()) {}

  // Faults that together hit `share` of the requests to their endpoint, an equal part each:
  // each one's rate is of what the ones before it let through.
  void inject_share(double share, const std::vector<mock::Fault>& faults) {
    const double each = share / static_cast<double>(faults.size());
    for (std::size_t i = 0; i < faults.size(); ++i) {
      mock.inject_fault(
          mock::Fault::at_rate(each / (1.0 - each * static_cast<double>(i)), faults[i]));
    }
  }
};

TEST_F(MockTransientFaults, AHundredGenerationsFinishThroughThirtyPercentFailuresNoneTwice) {
  // 30% of the requests to every endpoint used fail. Uploads and creates get only the
  // failures that say the request was refused before it took effect (a throttling code, HTTP
  // 429): the client sends a create again only then, since after a 5xx, a 50000 or a lost
  // answer the task may exist and a second create would make a second one. Reads get those
  // and every other transient failure.
  for (const char* write : {"upload", "video_task_create"}) {
    inject_share(0.3,
                 {mock::Fault::with_code(write, 40100), mock::Fault::with_http_status(write, 429)});
  }
  for (const char* read : {"video_task_list", "video_list"}) {
    inject_share(0.3,
                 {mock::Fault::with_code(read, 50000), mock::Fault::with_code(read, 51010),
                  mock::Fault::with_http_status(read, 503), mock::Fault::dropping_connection(read),
                  mock::Fault::with_code(read, 40100)});
  }
  // Ten attempts: a call fails for good at 0.3^10, about once in 170,000. The run is the same
  // every time: one thread, the mock's seed, the client's jitter seed.
  Client& c = make_client(fast_retry(10));

  constexpr int kGenerations = 100;
  std::vector<std::string> task_ids, video_ids;
  for (int i = 0; i < kGenerations; ++i) {
    const std::string clip = upload(c);
    ASSERT_FALSE(clip.empty()) << "generation " << i;
    const auto created = c.create_video_tasks(video_task(clip));
    ASSERT_TRUE(created.ok()) << "generation " << i << ": " << created.status().to_string();
    ASSERT_EQ(created->task_ids.size(), 1u);
    const TaskWait<VideoTask> done =
        c.wait_for_video_tasks(created->task_ids, AigcVideoType::voiceover());
    ASSERT_TRUE(done.ok()) << "generation " << i << ": " << done.status.to_string();
    ASSERT_EQ(done.tasks.at(0).status, TaskStatus::success());
    task_ids.push_back(done.tasks[0].task_id);
    video_ids.push_back(done.tasks[0].video_id.value_or(""));
  }
  EXPECT_EQ(std::set<std::string>(task_ids.begin(), task_ids.end()).size(), task_ids.size());

  // The mock holds exactly these videos: no create took effect twice. The clock moves on
  // first, so that a task made by a repeated create would have finished too.
  mock.advance_clock(std::chrono::minutes(10));
  std::vector<std::string> listed;
  for (const Result<Video>& video : c.all_videos()) {
    ASSERT_TRUE(video.ok()) << video.status().to_string();
    listed.push_back(video->video_id);
  }
  std::sort(listed.begin(), listed.end());
  std::sort(video_ids.begin(), video_ids.end());
  EXPECT_EQ(listed, video_ids);

  // Every create that reached the mock was refused or made one task; the failures were real.
  const auto creates = requests_to(mock, api::EndpointId::video_task_create);
  const auto made = std::count_if(creates.begin(), creates.end(),
                                  [](const mock::JournalEntry& e) { return e.code == 0; });
  EXPECT_EQ(made, kGenerations);
  EXPECT_GT(creates.size(), static_cast<std::size_t>(kGenerations) + 15);  // ~43 refused
  const auto journal = mock.journal();
  const auto failed = std::count_if(
      journal.begin(), journal.end(),
      [](const mock::JournalEntry& e) { return e.http_status != 200 || e.code != 0; });
  EXPECT_GT(failed, static_cast<long>(journal.size()) / 5) << failed << " of " << journal.size();
  EXPECT_LT(failed, static_cast<long>(journal.size()) * 2 / 5)
      << failed << " of " << journal.size();
}

// ---------------------------------------------------------------------------------------
// 6. Servers of the test's own, for precise faults
// ---------------------------------------------------------------------------------------

class LocalFaults : public ::testing::Test {
 protected:
  std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>();
  std::shared_ptr<LogSink> sink = std::make_shared<LogSink>();
};

TEST_F(LocalFaults, NonJsonBodyIsABadResponseAndNotRetried) {
  LocalServer server([](const httplib::Request&, httplib::Response& response, int) {
    response.status = 200;
    response.set_content("<html><body>hello</body></html>", "text/html");
  });
  Client c(local_options(server.base_url(), clock, sink));
  const auto page = c.list_videos();
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().category, ErrorCategory::bad_response) << page.status().to_string();
  EXPECT_EQ(page.status().http_status, 200);
  EXPECT_EQ(server.hits(), 1);
  EXPECT_TRUE(clock->sleeps().empty());
}

TEST_F(LocalFaults, Http502WithHtmlIsTransientAndRetriedForAGet) {
  LocalServer server([](const httplib::Request&, httplib::Response& response, int hit) {
    if (hit <= 2) {
      response.status = 502;
      response.set_content("<html><h1>502 Bad Gateway</h1></html>", "text/html");
    } else {
      response.set_content(kEmptyVideoPage, "application/json");
    }
  });
  Client c(local_options(server.base_url(), clock, sink));
  const auto page = c.list_videos();
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  EXPECT_EQ(server.hits(), 3);
  const auto records = sink->records();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].http_status, 502);
  EXPECT_NE(records[0].outcome.find("transient"), std::string::npos) << records[0].outcome;
  EXPECT_EQ(clock->sleeps().size(), 2u);
}

TEST_F(LocalFaults, Http502ExhaustsTheAttemptsOfAGetAndIsNotRetriedForACreate) {
  LocalServer server([](const httplib::Request&, httplib::Response& response, int) {
    response.status = 502;
    response.set_content("<html><h1>502 Bad Gateway</h1></html>", "text/html");
  });
  Client c(local_options(server.base_url(), clock, sink));
  const auto page = c.list_videos();
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().category, ErrorCategory::transient);
  EXPECT_EQ(page.status().http_status, 502);
  EXPECT_EQ(server.hits(), 4);  // max_attempts

  const auto created = c.create_video_tasks(video_task("7300000000000000000"));
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().category, ErrorCategory::transient);
  EXPECT_EQ(created.status().http_status, 502);
  EXPECT_EQ(server.hits(), 5);
}

TEST_F(LocalFaults, Http404IsNotFoundAndNotRetried) {
  LocalServer server([](const httplib::Request&, httplib::Response& response, int) {
    response.status = 404;
    response.set_content("page not found", "text/plain");
  });
  Client c(local_options(server.base_url(), clock, sink));
  const auto page = c.list_videos();
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().category, ErrorCategory::not_found);
  EXPECT_EQ(server.hits(), 1);
}

TEST_F(LocalFaults, MalformedDataIsABadResponseNamingThePathAndKeepingTheRequestId) {
  LocalServer server([](const httplib::Request&, httplib::Response& response, int) {
    response.set_content(R"({"code":0,"message":"OK","request_id":"req-malformed-1","data":{"task_ids":7}})",
                         "application/json");
  });
  Client c(local_options(server.base_url(), clock, sink));
  const auto created = c.create_video_tasks(video_task("7300000000000000000"));
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().category, ErrorCategory::bad_response) << created.status().to_string();
  EXPECT_NE(created.status().message.find("task_ids"), std::string::npos) << created.status().message;
  EXPECT_EQ(created.status().request_id, "req-malformed-1");
  EXPECT_EQ(server.hits(), 1);

  // The same for a GET: a list that is not an array.
  LocalServer list_server([](const httplib::Request&, httplib::Response& response, int) {
    response.set_content(
        R"({"code":0,"message":"OK","request_id":"req-malformed-2","data":{"list":5,"page_info":{}}})",
        "application/json");
  });
  Client lister(local_options(list_server.base_url(), clock, sink));
  const auto page = lister.list_videos();
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().category, ErrorCategory::bad_response);
  EXPECT_NE(page.status().message.find("list"), std::string::npos) << page.status().message;
  EXPECT_EQ(page.status().request_id, "req-malformed-2");
  EXPECT_EQ(list_server.hits(), 1);  // a bad answer is not retried, even for a GET
}

// Lets a slow handler go early once the test has its answer, so stopping is quick.
class Gate {
 public:
  void wait_for(Duration limit) {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, limit, [this] { return open_; });
  }
  void open() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      open_ = true;
    }
    wake_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool open_ = false;
};

TEST_F(LocalFaults, SlowAnswerIsAReadTimeoutAndACreateIsNotRetried) {
  Gate gate;
  LocalServer server([&gate](const httplib::Request&, httplib::Response& response, int) {
    gate.wait_for(1500ms);
    response.set_content(R"({"code":0,"message":"OK","request_id":"late","data":{"task_ids":["1"]}})",
                         "application/json");
  });
  ClientOptions o = local_options(server.base_url(), clock, sink);
  o.read_timeout = 500ms;
  std::unique_ptr<Client> c = std::make_unique<Client>(o);
  const auto started = std::chrono::steady_clock::now();
  const auto created = c->create_video_tasks(video_task("7300000000000000000"));
  const auto elapsed = std::chrono::steady_clock::now() - started;
  gate.open();
  c.reset();
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().category, ErrorCategory::transient) << created.status().to_string();
  EXPECT_EQ(created.status().transport_error, TransportError::read);
  EXPECT_EQ(created.status().http_status, 0);
  EXPECT_EQ(server.hits(), 1);
  EXPECT_TRUE(clock->sleeps().empty());
  EXPECT_EQ(sink->records().size(), 1u);
  EXPECT_GE(elapsed, 400ms);
  EXPECT_LT(elapsed, 1400ms);
}

TEST_F(LocalFaults, ConnectionRefusedIsRetriedEvenForACreate) {
  RefusingPort port;
  Client c(local_options(port.base_url(), clock, sink));  // max_attempts 4
  const auto created = c.create_video_tasks(video_task("7300000000000000000"));
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().category, ErrorCategory::transient) << created.status().to_string();
  EXPECT_EQ(created.status().transport_error, TransportError::connection);
  EXPECT_EQ(clock->sleeps().size(), 3u);  // 4 attempts, 3 backoffs
  EXPECT_EQ(sink->records().size(), 4u);
  // The message says where it tried, what happened, and that it tried more than once.
  const std::string& message = created.status().message;
  EXPECT_NE(message.find("no answer from " + port.base_url() + ": could not connect"),
            std::string::npos) << message;
  EXPECT_NE(message.find("gave up after 4 attempts"), std::string::npos) << message;

  const auto page = c.list_videos();
  EXPECT_FALSE(page.ok());
  EXPECT_EQ(page.status().transport_error, TransportError::connection);
  EXPECT_EQ(clock->sleeps().size(), 6u);
}

// A refused connection never reached the API, so it costs no budget: with script create's
// budget of 2 a minute, four refused attempts wait only for their backoffs.
TEST_F(LocalFaults, ARefusedAttemptCostsNoBudget) {
  RefusingPort port;
  Client c(local_options(port.base_url(), clock, sink));  // max_attempts 4, limiter on
  const auto created = c.create_script_task(script_task());
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().transport_error, TransportError::connection);
  EXPECT_EQ(sink->records().size(), 4u);
  for (Duration slept : clock->sleeps()) EXPECT_LT(slept, std::chrono::seconds(2)) << "waited for budget";
}

// ---------------------------------------------------------------------------------------
// 7. TLS
// ---------------------------------------------------------------------------------------

// A throwaway self-signed certificate for 127.0.0.1, made once per run.
const tiktok_aigc::testing::SelfSignedCertificate& certificate() {
  static const tiktok_aigc::testing::SelfSignedCertificate instance;
  return instance;
}

mock::Options tls_mock_options() {
  mock::Options options = tiktok_aigc::testing::quiet_mock_options();
  if (!certificate().ok()) throw std::runtime_error("openssl could not make a self-signed certificate");
  options.tls_cert_file = certificate().cert();
  options.tls_key_file = certificate().key();
  return options;
}

class Tls : public MockRetries {
 protected:
  Tls() : MockRetries(tls_mock_options()) {}
};

TEST_F(Tls, TrustedWithTheCaFile) {
  ASSERT_EQ(mock.base_url().rfind("https://", 0), 0u) << mock.base_url();
  ClientOptions o = options();
  o.ca_cert_file = certificate().cert();
  o.logger = sink->logger();
  clients_.push_back(std::make_unique<Client>(o));
  const auto page = clients_.back()->list_videos();
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  ASSERT_EQ(requests_to(mock, api::EndpointId::video_list).size(), 1u);
  EXPECT_TRUE(requests_to(mock, api::EndpointId::video_list)[0].access_token_sent);
}

TEST_F(Tls, UntrustedFailsOnceWithATlsMessage) {
  Client& c = make_client(fast_retry());  // no ca_cert_file: the system's CAs only
  const auto page = c.list_videos();
  ASSERT_FALSE(page.ok());
  const std::string message = page.status().to_string();
  EXPECT_TRUE(message.find("TLS") != std::string::npos || message.find("certificate") != std::string::npos)
      << message;
  EXPECT_FALSE(page.status().retryable()) << message;
  EXPECT_EQ(sink->records().size(), 1u);  // one attempt
  EXPECT_TRUE(clock->sleeps().empty());
  EXPECT_TRUE(requests_to(mock, api::EndpointId::video_list).empty());  // no request got through

  // A create neither.
  const auto created = c.create_script_task(script_task());
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(sink->records().size(), 2u);
  EXPECT_TRUE(clock->sleeps().empty());
}

TEST_F(Tls, PlainHttpClientAgainstHttpsIsAnError) {
  ClientOptions o = options();
  const std::string url = mock.base_url();
  o.base_url = "http://" + url.substr(std::string("https://").size());
  o.retry = fast_retry(2);
  o.logger = sink->logger();
  clients_.push_back(std::make_unique<Client>(o));
  const auto page = clients_.back()->list_videos();
  EXPECT_FALSE(page.ok());
}

// ---------------------------------------------------------------------------------------
// 8. Redaction: the token is sent, and never written anywhere
// ---------------------------------------------------------------------------------------

const std::string kSecretToken = "tok-SECRET-5f3a9c0e7d214b86";

void expect_no_token(const Status& status, const std::string& what) {
  EXPECT_EQ(status.message.find(kSecretToken), std::string::npos) << what << ": " << status.message;
  EXPECT_EQ(status.to_string().find(kSecretToken), std::string::npos) << what;
  EXPECT_EQ(status.request_id.find(kSecretToken), std::string::npos) << what;
  // Also not a fragment of it.
  EXPECT_EQ(status.to_string().find("5f3a9c0e7d214b86"), std::string::npos) << what;
}

void expect_no_token(const std::vector<LogRecord>& records) {
  for (const LogRecord& record : records) {
    for (const std::string& text :
         {record.method, record.path, record.request_id, record.outcome, to_string(record)}) {
      EXPECT_EQ(text.find(kSecretToken), std::string::npos) << text;
      EXPECT_EQ(text.find("5f3a9c0e7d214b86"), std::string::npos) << text;
    }
  }
}

// Tests that never call the fixture's mock use no mock at all: MockServer::stop() right after
// start(), before its accept loop runs, never returns.
class RedactionWithoutMock : public LocalFaults {};

class Redaction : public MockRetries {
 protected:
  Client& make_secret_client(RetryPolicy retry) {
    ClientOptions o = options(kSecretToken);
    o.retry = retry;
    o.logger = sink->logger();
    clients_.push_back(std::make_unique<Client>(o));
    return *clients_.back();
  }
};

TEST_F(Redaction, TokenSentButNeverLoggedOnSuccessOrFailure) {
  Client& c = make_secret_client(fast_retry(3));
  ASSERT_TRUE(c.list_videos().ok());
  const auto journal = requests_to(mock, api::EndpointId::video_list);
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_TRUE(journal[0].access_token_sent);

  // Retried, then successful.
  mock.inject_fault(code_fault("video_list", 1, 51010));
  ASSERT_TRUE(c.list_videos().ok());

  // Failures of every kind.
  mock.inject_fault(code_fault("video_list", 3, 51010));
  auto page = c.list_videos();
  ASSERT_FALSE(page.ok());
  expect_no_token(page.status(), "51010");

  mock.inject_fault(mock::Fault::with_http_status("video_list", 503, 3));
  page = c.list_videos();
  ASSERT_FALSE(page.ok());
  expect_no_token(page.status(), "503");

  mock.inject_fault(code_fault("video_list", 1, 40105));
  page = c.list_videos();
  ASSERT_FALSE(page.ok());
  expect_no_token(page.status(), "40105");

  mock.inject_fault(mock::Fault::dropping_connection("script_task_create"));
  const auto created = c.create_script_task(script_task());
  ASSERT_FALSE(created.ok());
  expect_no_token(created.status(), "dropped");

  // Refused by the client's own checks.
  VideoListQuery bad;
  bad.page_size = 1000;
  page = c.list_videos(bad);
  ASSERT_FALSE(page.ok());
  expect_no_token(page.status(), "check");

  for (const auto& entry : mock.journal()) {
    EXPECT_TRUE(entry.access_token_sent) << entry.path;
    EXPECT_EQ(entry.query.find(kSecretToken), std::string::npos);
    EXPECT_EQ(entry.body.find(kSecretToken), std::string::npos);
  }
  ASSERT_GE(sink->records().size(), 10u);
  expect_no_token(sink->records());
}

TEST_F(RedactionWithoutMock, ServerEchoingTheTokenDoesNotLeakItThroughTheClient) {
  // A misbehaving server puts the header it received into its error bodies.
  LocalServer server([](const httplib::Request& request, httplib::Response& response, int hit) {
    const std::string token = request.get_header_value("Access-Token");
    if (hit % 2 == 1) {
      response.status = 502;
      response.set_content("<html>bad gateway for " + token + "</html>", "text/html");
    } else {
      response.status = 200;
      response.set_content("not json: " + token, "text/plain");
    }
  });
  ClientOptions o = local_options(server.base_url(), clock, sink);
  o.access_token = kSecretToken;
  o.retry = fast_retry(1);
  Client c(o);
  const auto first = c.list_videos();
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.status().http_status, 502);
  expect_no_token(first.status(), "502 echo");
  const auto second = c.list_videos();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().category, ErrorCategory::bad_response);
  expect_no_token(second.status(), "200 echo");
  EXPECT_EQ(server.hits(), 2);
  expect_no_token(sink->records());
}

TEST_F(RedactionWithoutMock, ConnectionFailureNotLeaking) {
  RefusingPort port;
  ClientOptions o = local_options(port.base_url(), clock, sink);
  o.access_token = kSecretToken;
  Client c(o);
  const auto refused = c.create_video_tasks(video_task("7300000000000000000"));
  ASSERT_FALSE(refused.ok());
  expect_no_token(refused.status(), "refused");
  expect_no_token(sink->records());
}

TEST_F(RedactionWithoutMock, RejectedTokenNotEchoed) {
  mock::Options strict = tiktok_aigc::testing::quiet_mock_options();
  strict.tokens = {"only-this-token"};
  mock::MockServer other(strict);
  other.start();
  {
    ClientOptions o = local_options(other.base_url(), clock, sink);
    o.access_token = kSecretToken;
    Client c(o);
    const auto page = c.list_videos();
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.status().api_code, 40105);
    EXPECT_EQ(page.status().category, ErrorCategory::unauthenticated);
    expect_no_token(page.status(), "40105 from a strict mock");
  }
  other.stop();
  expect_no_token(sink->records());
}

}  // namespace
}  // namespace tiktok_aigc

// ---------------------------------------------------------------------------------------
// 9. Digital Avatar on the wire, against servers of the test's own (the mock does not
//    serve these endpoints yet): what is sent, the waits, the walks over every page
// ---------------------------------------------------------------------------------------

namespace tiktok_aigc {
namespace {

using nlohmann::json;
using tiktok_aigc::testing::FakeClock;

std::string ok_envelope(const json& data) {
  return json{{"code", 0}, {"message", "OK"}, {"request_id", "req-avatar"}, {"data", data}}.dump();
}

// A request as the server saw it.
struct Seen {
  std::string method, path, content_type, token, body;
  httplib::Params params;  // decoded
};

// Records every request, and answers with `answer(request)` (an envelope's data).
class RecordingServer {
 public:
  explicit RecordingServer(std::function<json(const httplib::Request&)> answer)
      : answer_(std::move(answer)),
        server_([this](const httplib::Request& request, httplib::Response& response, int) {
          Seen seen{request.method, request.path, request.get_header_value("Content-Type"),
                    request.get_header_value("Access-Token"), request.body, request.params};
          json data;
          {
            std::lock_guard<std::mutex> lock(mutex_);
            seen_.push_back(seen);
            data = answer_(request);
          }
          response.set_content(ok_envelope(data), "application/json");
        }) {}

  std::string base_url() const { return server_.base_url(); }
  std::vector<Seen> seen() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return seen_;
  }

 private:
  std::function<json(const httplib::Request&)> answer_;
  mutable std::mutex mutex_;
  std::vector<Seen> seen_;
  LocalServer server_;  // last: stopped before the rest goes
};

std::size_t count_param(const httplib::Params& params, const std::string& name) { return params.count(name); }

json empty_avatar_video_page() {
  return json::parse(R"({"list": [], "page_info": {"page": 1, "page_size": 10, "total_number": 0, "total_page": 0}})");
}

class AvatarWire : public ::testing::Test {
 protected:
  ClientOptions options_for(const RecordingServer& server) {
    ClientOptions options = local_options(server.base_url(), clock);
    options.check_requests = true;
    return options;
  }
  std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>();
};

TEST_F(AvatarWire, TheVideoListSendsFilteringAsOneJsonObjectAndPagingBesideIt) {
  RecordingServer server([](const httplib::Request&) { return empty_avatar_video_page(); });
  Client c(options_for(server));
  AvatarVideoListQuery query;
  query.avatar_id = "7301881390801371138";
  query.start_date = "2024-01-01";
  query.end_date = "2024-01-31";
  query.page = 2;
  query.page_size = 50;
  ASSERT_TRUE(c.list_avatar_videos(query).ok());
  // No member set: no filtering at all.
  ASSERT_TRUE(c.list_avatar_videos(AvatarVideoListQuery{}).ok());

  const auto seen = server.seen();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].method, "GET");
  EXPECT_EQ(seen[0].path, api::endpoint(api::EndpointId::avatar_video_list).path);
  EXPECT_EQ(seen[0].token, "local-test-token");
  ASSERT_EQ(count_param(seen[0].params, "filtering"), 1u);
  const json filtering = json::parse(seen[0].params.find("filtering")->second, nullptr, false);
  ASSERT_TRUE(filtering.is_object()) << seen[0].params.find("filtering")->second;
  EXPECT_EQ(filtering, json::parse(R"({"avatar_id": "7301881390801371138", "start_date": "2024-01-01",
                                        "end_date": "2024-01-31"})"));
  EXPECT_EQ(seen[0].params.find("page")->second, "2");  // beside filtering, not in it
  EXPECT_EQ(seen[0].params.find("page_size")->second, "50");
  EXPECT_EQ(seen[0].params.size(), 3u);
  EXPECT_EQ(count_param(seen[1].params, "filtering"), 0u);
  EXPECT_TRUE(seen[1].params.empty());
}

TEST_F(AvatarWire, TaskIdsGoAsOneJsonArrayText) {
  RecordingServer server([](const httplib::Request&) { return json{{"list", json::array()}}; });
  Client c(options_for(server));
  ASSERT_TRUE(c.get_avatar_video_tasks(AvatarVideoTaskQuery{{"7400000000000000001", "7400000000000000002"}}).ok());
  const auto seen = server.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].path, api::endpoint(api::EndpointId::avatar_video_task_get).path);
  ASSERT_EQ(count_param(seen[0].params, "task_ids"), 1u);
  EXPECT_EQ(seen[0].params.find("task_ids")->second, R"(["7400000000000000001","7400000000000000002"])");
}

TEST_F(AvatarWire, TheCatalogueSendsItsPaging) {
  RecordingServer server([](const httplib::Request&) { return json{{"list", json::array()}}; });
  Client c(options_for(server));
  const auto page = c.list_avatars(AvatarListQuery{3, 100});
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  EXPECT_FALSE(page->page_info.has_value());
  ASSERT_TRUE(c.list_avatars().ok());
  const auto seen = server.seen();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].path, api::endpoint(api::EndpointId::avatar_list).path);
  EXPECT_EQ(seen[0].params, (httplib::Params{{"page", "3"}, {"page_size", "100"}}));
  EXPECT_TRUE(seen[1].params.empty());
}

TEST_F(AvatarWire, CreateAndRenamePostJsonWithItsContentType) {
  RecordingServer server([](const httplib::Request& request) {
    if (request.path == api::endpoint(api::EndpointId::avatar_video_rename).path) return json::object();
    return json::parse(R"({"list": [{"package_id": "pkg-1", "task_id": "7400000000000000001"},
                                     {"package_id": null, "error_msg": "avatar not found"}]})");
  });
  Client c(options_for(server));
  CreateAvatarVideoTasksRequest request;
  request.material_packages = {AvatarMaterialPackage{"7301881390801371138", "Hello", "Spring", "pkg-1"},
                               AvatarMaterialPackage{"7301881390801371100", "Hi", std::nullopt, std::nullopt}};
  const auto created = c.create_avatar_video_tasks(request);
  ASSERT_TRUE(created.ok()) << created.status().to_string();
  ASSERT_EQ(created->list.size(), 2u);
  EXPECT_FALSE(created->list[0].failed());
  EXPECT_TRUE(created->list[1].failed());
  EXPECT_EQ(created->task_ids(), std::vector<std::string>{"7400000000000000001"});

  const auto renamed = c.rename_avatar_video(RenameAvatarVideoRequest{"7500000000000000001", "Spring launch"});
  ASSERT_TRUE(renamed.ok()) << renamed.status().to_string();
  EXPECT_EQ(renamed->raw.json(), json::object());

  const auto seen = server.seen();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].path, api::endpoint(api::EndpointId::avatar_video_task_create).path);
  EXPECT_EQ(seen[0].content_type, "application/json");
  EXPECT_EQ(json::parse(seen[0].body), json::parse(R"({"material_packages": [
      {"avatar_id": "7301881390801371138", "script": "Hello", "video_name": "Spring", "package_id": "pkg-1"},
      {"avatar_id": "7301881390801371100", "script": "Hi"}]})"));
  EXPECT_EQ(seen[1].method, "POST");
  EXPECT_EQ(seen[1].path, api::endpoint(api::EndpointId::avatar_video_rename).path);
  EXPECT_EQ(seen[1].content_type, "application/json");
  EXPECT_EQ(json::parse(seen[1].body),
            json::parse(R"({"avatar_video_id": "7500000000000000001", "file_name": "Spring launch"})"));
}

// Every avatar endpoint goes through the checks: a broken rule sends nothing.
TEST_F(AvatarWire, ABrokenRuleOfAnyAvatarEndpointSendsNothing) {
  RecordingServer server([](const httplib::Request&) { return json::object(); });
  Client c(options_for(server));
  const auto expect_refused = [](const Status& status, int code, const std::string& message) {
    EXPECT_EQ(status.category, ErrorCategory::invalid_argument) << status.to_string();
    EXPECT_EQ(status.api_code, code);
    EXPECT_EQ(status.message, message);
  };
  expect_refused(c.list_avatars(AvatarListQuery{0, std::nullopt}).status(), 40002,
                 "page: must be between 1 and 2147483647, got 0");
  expect_refused(c.create_avatar_video_tasks(CreateAvatarVideoTasksRequest{}).status(), 40002,
                 "material_packages: must not be empty");
  expect_refused(c.get_avatar_video_tasks(AvatarVideoTaskQuery{{"1", "2", "3", "4", "5", "6"}}).status(), 40011,
                 "task_ids: must hold between 1 and 5 items, got 6");
  AvatarVideoListQuery list;
  list.start_date = "2024-02-30";
  expect_refused(c.list_avatar_videos(list).status(), 40002,
                 R"(filtering.start_date: must be a date written YYYY-MM-DD, got "2024-02-30")");
  expect_refused(c.rename_avatar_video(RenameAvatarVideoRequest{"7500000000000000001", ""}).status(), 40002,
                 "file_name: must not be empty");
  EXPECT_TRUE(server.seen().empty());
}

// No budget is documented for the Digital Avatar endpoints (budget 0): the limiter never
// holds them back, and a throttling code is waited out with the client's general backoff.
TEST_F(AvatarWire, NoBudgetToWaitForAndThrottlingIsBackedOffFrom) {
  RecordingServer server([](const httplib::Request&) { return json{{"list", json::array()}}; });
  Client c(options_for(server));
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(c.list_avatars().ok()) << i;
  EXPECT_TRUE(clock->sleeps().empty());
  EXPECT_EQ(api::endpoint(api::EndpointId::avatar_video_task_get).budget_per_minute, 0);

  LocalServer throttling([](const httplib::Request&, httplib::Response& response, int hit) {
    response.set_content(hit == 1 ? R"({"code":40100,"message":"Too many requests","request_id":"r1","data":{}})"
                                  : ok_envelope(json{{"list", json::array()}}),
                         "application/json");
  });
  Client throttled(local_options(throttling.base_url(), clock));
  const auto tasks = throttled.get_avatar_video_tasks(AvatarVideoTaskQuery{{"7400000000000000001"}});
  ASSERT_TRUE(tasks.ok()) << tasks.status().to_string();
  EXPECT_EQ(throttling.hits(), 2);
  const auto sleeps = clock->sleeps();
  ASSERT_EQ(sleeps.size(), 1u);
  EXPECT_GE(sleeps[0], fast_retry().throttled_backoff);
}

TEST_F(AvatarWire, AllAvatarsWalksPagesOfTheLargestSizeWithOrWithoutPageInfo) {
  // 230 avatars; the first server gives page_info, the second none.
  const auto avatars_of_page = [](int page) {
    json list = json::array();
    for (int i = (page - 1) * 100; i < std::min(230, page * 100); ++i) {
      list.push_back({{"avatar_id", std::to_string(7301881390801371000ull + static_cast<unsigned>(i))},
                      {"avatar_name", "Avatar " + std::to_string(i)},
                      {"avatar_thumbnail", "https://cdn.example.com/a/" + std::to_string(i) + "_cover"},
                      {"avatar_preview_url", "https://cdn.example.com/a/" + std::to_string(i) + "_video"}});
    }
    return list;
  };
  for (const bool with_page_info : {true, false}) {
    SCOPED_TRACE(with_page_info ? "with page_info" : "without page_info");
    RecordingServer server([&](const httplib::Request& request) {
      const int page = std::stoi(request.get_param_value("page"));
      json data = {{"list", avatars_of_page(page)}};
      if (with_page_info) data["page_info"] = {{"page", page}, {"page_size", 100}, {"total_number", 230}, {"total_page", 3}};
      return data;
    });
    Client c(options_for(server));
    std::vector<std::string> ids;
    for (const Result<Avatar>& avatar : c.all_avatars()) {
      ASSERT_TRUE(avatar.ok()) << avatar.status().to_string();
      ids.push_back(avatar->avatar_id);
    }
    ASSERT_EQ(ids.size(), 230u);
    EXPECT_EQ(ids.front(), "7301881390801371000");
    EXPECT_EQ(ids.back(), "7301881390801371229");
    const auto seen = server.seen();
    ASSERT_EQ(seen.size(), 3u);  // the short third page is the last
    for (std::size_t i = 0; i < seen.size(); ++i) {
      EXPECT_EQ(seen[i].params.find("page")->second, std::to_string(i + 1));
      EXPECT_EQ(seen[i].params.find("page_size")->second, "100");
    }
  }
  // Without page_info a full last page takes one more, empty, request.
  RecordingServer exact([](const httplib::Request& request) {
    json list = json::array();
    if (request.get_param_value("page") == "1") {
      for (int i = 0; i < 100; ++i) {
        list.push_back({{"avatar_id", std::to_string(i + 1)}, {"avatar_name", "n"},
                        {"avatar_thumbnail", "https://h/c"}, {"avatar_preview_url", "https://h/v"}});
      }
    }
    return json{{"list", list}};
  });
  Client c(options_for(exact));
  int count = 0;
  for (const Result<Avatar>& avatar : c.all_avatars()) count += avatar.ok() ? 1 : 1000;
  EXPECT_EQ(count, 100);
  EXPECT_EQ(exact.seen().size(), 2u);
}

TEST_F(AvatarWire, AllAvatarVideosKeepsTheFilterOnEveryPage) {
  RecordingServer server([](const httplib::Request& request) {
    const int page = std::stoi(request.get_param_value("page"));
    json list = json::array();
    for (int i = 0; i < (page < 3 ? 100 : 5); ++i) {
      list.push_back({{"avatar_video_id", std::to_string(page * 1000 + i)}, {"video_name", "v"},
                      {"create_time", "2024-01-02 03:04:05"}, {"preview_url", "https://h/v.mp4"},
                      {"video_cover_url", "http://h/c.image?x-expires=1"}, {"avatar_id", "7301881390801371138"}});
    }
    return json{{"list", list},
                {"page_info", {{"page", page}, {"page_size", 100}, {"total_number", 205}, {"total_page", 3}}}};
  });
  Client c(options_for(server));
  AvatarVideoListQuery query;
  query.avatar_id = "7301881390801371138";
  int count = 0;
  for (const Result<AvatarVideo>& video : c.all_avatar_videos(query)) {
    ASSERT_TRUE(video.ok()) << video.status().to_string();
    ++count;
  }
  EXPECT_EQ(count, 205);
  const auto seen = server.seen();
  ASSERT_EQ(seen.size(), 3u);
  for (const Seen& request : seen) {
    EXPECT_EQ(request.params.find("filtering")->second, R"({"avatar_id":"7301881390801371138"})");
    EXPECT_EQ(request.params.find("page_size")->second, "100");
  }
}

// The avatar's demo video, like any preview, downloads without the token.
TEST_F(AvatarWire, AnAvatarPreviewDownloadsWithDownloadPreview) {
  LocalServer media([](const httplib::Request& request, httplib::Response& response, int) {
    EXPECT_FALSE(request.has_header("Access-Token"));
    response.set_content("demo-video-bytes", "video/mp4");
  });
  Client c(local_options(media.base_url(), clock));
  const auto bytes = c.download_preview(media.base_url() + "/obj/ad-creative/avatar/k_video");
  ASSERT_TRUE(bytes.ok()) << bytes.status().to_string();
  EXPECT_EQ(*bytes, "demo-video-bytes");
}

// ---- waiting for avatar video tasks ----

// Answers the task query as a live API would: each task PROCESSING (with "" id and URL)
// until it has been polled `polls_to_finish[id]` times, then SUCCESS, or FAILED for the ids
// in `failing`. Ids it does not know are left out of the answer.
class ScriptedTasks {
 public:
  ScriptedTasks(std::map<std::string, int> polls_to_finish, std::set<std::string> failing = {})
      : polls_to_finish_(std::move(polls_to_finish)),
        failing_(std::move(failing)),
        server_([this](const httplib::Request& request) { return answer(request); }) {}

  std::string base_url() const { return server_.base_url(); }
  // The ids of each query, in order.
  std::vector<std::vector<std::string>> queries() const {
    std::vector<std::vector<std::string>> out;
    for (const Seen& seen : server_.seen()) {
      out.push_back(json::parse(seen.params.find("task_ids")->second).get<std::vector<std::string>>());
    }
    return out;
  }

 private:
  json answer(const httplib::Request& request) {
    json list = json::array();
    for (const std::string& id : json::parse(request.get_param_value("task_ids")).get<std::vector<std::string>>()) {
      const auto known = polls_to_finish_.find(id);
      if (known == polls_to_finish_.end()) continue;
      const bool done = ++polls_[id] >= known->second;
      json task = {{"task_id", id}, {"video_name", "project-20240101000000-abc"}};
      if (!done) {
        task.update({{"status", "PROCESSING"}, {"avatar_video_id", ""}, {"preview_url", ""}});
      } else if (failing_.count(id)) {
        task.update({{"status", "FAILED"}, {"avatar_video_id", ""}, {"preview_url", ""}});
      } else {
        task.update({{"status", "SUCCESS"}, {"avatar_video_id", "75" + id}, {"preview_url", "https://h/" + id + ".mp4"}});
      }
      list.push_back(task);
    }
    return json{{"list", list}};
  }

  std::map<std::string, int> polls_to_finish_;
  std::set<std::string> failing_;
  std::map<std::string, int> polls_;
  RecordingServer server_;  // last: stopped first
};

TEST_F(AvatarWire, AWaitPollsUntilSuccess) {
  ScriptedTasks tasks({{"7400000000000000001", 2}, {"7400000000000000002", 3}});
  Client c(local_options(tasks.base_url(), clock));
  std::vector<std::vector<AvatarVideoTask>> rounds;
  const TaskWait<AvatarVideoTask> done = c.wait_for_avatar_video_tasks(
      {"7400000000000000001", "7400000000000000002"}, WaitOptions{},
      [&](const std::vector<AvatarVideoTask>& latest) { rounds.push_back(latest); });
  ASSERT_TRUE(done.ok()) << done.status.to_string();
  ASSERT_EQ(done.tasks.size(), 2u);
  for (const AvatarVideoTask& task : done.tasks) {
    EXPECT_EQ(task.status, TaskStatus::success());
    EXPECT_EQ(task.avatar_video_id, "75" + task.task_id);
    EXPECT_EQ(task.preview_url, "https://h/" + task.task_id + ".mp4");
  }
  EXPECT_TRUE(done.pending_task_ids.empty());
  ASSERT_EQ(rounds.size(), 3u);
  EXPECT_EQ(rounds[0][0].status, TaskStatus::processing());
  EXPECT_FALSE(rounds[0][0].avatar_video_id.has_value());  // "" while PROCESSING
  EXPECT_FALSE(rounds[0][0].preview_url.has_value());
  EXPECT_EQ(rounds[1][0].status, TaskStatus::success());
  EXPECT_EQ(rounds[1][1].status, TaskStatus::processing());
  // A finished task is not asked about again.
  EXPECT_EQ(tasks.queries(),
            (std::vector<std::vector<std::string>>{{"7400000000000000001", "7400000000000000002"},
                                                   {"7400000000000000001", "7400000000000000002"},
                                                   {"7400000000000000002"}}));
  EXPECT_EQ(clock->sleeps().size(), 2u);  // between the rounds, on the connection's clock
}

TEST_F(AvatarWire, AFailedTaskEndsTheWaitWithTaskFailed) {
  ScriptedTasks tasks({{"7400000000000000001", 1}, {"7400000000000000002", 2}}, {"7400000000000000002"});
  Client c(local_options(tasks.base_url(), clock));
  const TaskWait<AvatarVideoTask> done =
      c.wait_for_avatar_video_tasks({"7400000000000000001", "7400000000000000002"});
  EXPECT_EQ(done.status.category, ErrorCategory::task_failed) << done.status.to_string();
  ASSERT_EQ(done.tasks.size(), 2u);
  EXPECT_EQ(done.tasks[0].status, TaskStatus::success());
  EXPECT_EQ(done.tasks[1].status, TaskStatus::failed());
  EXPECT_FALSE(done.tasks[1].preview_url.has_value());
  EXPECT_TRUE(done.pending_task_ids.empty());
}

TEST_F(AvatarWire, SevenTasksArePolledAtMostFiveIdsAQuery) {
  std::map<std::string, int> polls;
  std::vector<std::string> ids;
  for (int i = 1; i <= 7; ++i) {
    ids.push_back("740000000000000000" + std::to_string(i));
    polls[ids.back()] = i == 7 ? 2 : 1;
  }
  ScriptedTasks tasks(polls);
  Client c(local_options(tasks.base_url(), clock));
  const TaskWait<AvatarVideoTask> done = c.wait_for_avatar_video_tasks(ids);
  ASSERT_TRUE(done.ok()) << done.status.to_string();
  ASSERT_EQ(done.tasks.size(), 7u);
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(done.tasks[i].task_id, ids[i]);
  const auto queries = tasks.queries();
  ASSERT_EQ(queries.size(), 3u);
  EXPECT_EQ(queries[0], std::vector<std::string>(ids.begin(), ids.begin() + 5));
  EXPECT_EQ(queries[1], std::vector<std::string>(ids.begin() + 5, ids.end()));
  EXPECT_EQ(queries[2], std::vector<std::string>{ids[6]});
}

// An id the answer leaves out would be waited for forever: the wait ends at once instead.
TEST_F(AvatarWire, AnIdMissingFromTheAnswerEndsTheWait) {
  ScriptedTasks tasks({{"7400000000000000001", 5}});
  Client c(local_options(tasks.base_url(), clock));
  const TaskWait<AvatarVideoTask> done = c.wait_for_avatar_video_tasks({"7400000000000000001", "7499999999999999999"});
  EXPECT_EQ(done.status.category, ErrorCategory::not_found) << done.status.to_string();
  EXPECT_NE(done.status.message.find("7499999999999999999"), std::string::npos) << done.status.message;
  EXPECT_EQ(tasks.queries().size(), 1u);
  EXPECT_EQ(done.pending_task_ids.size(), 2u);
}

}  // namespace
}  // namespace tiktok_aigc

// ---------------------------------------------------------------------------------------
// 10. Dubbed Translations on the wire, against servers of the test's own: the DUBBING
//     create's body, and a wait for DUBBING tasks
// ---------------------------------------------------------------------------------------

namespace tiktok_aigc {
namespace {

class DubbingWire : public AvatarWire {};

TEST_F(DubbingWire, ACreatePostsTheDubbingBodyAndABrokenRuleSendsNothing) {
  RecordingServer server([](const httplib::Request&) {
    return json::parse(R"({"task_ids": ["7400000000000000001", "7400000000000000002"]})");
  });
  Client c(options_for(server));
  CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::dubbing();
  DubbingVideoInfo first;
  first.video_url = "https://cdn.example.com/launch.mp4";
  first.target_language = DubbingLanguage::fr();
  first.video_name = "Launch FR";
  first.subtitle_enabled = true;
  DubbingVideoInfo second;
  second.video_url = "http://cdn.example.com/launch.mov";
  second.target_language = DubbingLanguage::ja();
  second.lipsync_enabled = true;
  second.scripts = {{"Konnichiwa", 0, 1500.5}, {"Sayonara", 1500.5, 3000}};
  request.dubbing_video_info = {first, second};
  request.product_video_info.video_id_list = std::vector<std::string>{"7300000000000000001"};  // not DUBBING's
  const auto created = c.create_video_tasks(request);
  ASSERT_TRUE(created.ok()) << created.status().to_string();
  EXPECT_EQ(created->task_ids, (std::vector<std::string>{"7400000000000000001", "7400000000000000002"}));

  // A segment that ends where it starts: refused before anything is sent.
  request.dubbing_video_info[1].scripts[1].text_end_time = 1500.5;
  const auto refused = c.create_video_tasks(request);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().category, ErrorCategory::invalid_argument);
  EXPECT_EQ(refused.status().api_code, 40002);
  EXPECT_EQ(refused.status().message,
            "dubbing_video_info[1].scripts[1].text_start_time: must be less than text_end_time, got 1500.5 and 1500.5");

  const auto seen = server.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].path, api::endpoint(api::EndpointId::video_task_create).path);
  EXPECT_EQ(seen[0].content_type, "application/json");
  EXPECT_EQ(seen[0].token, "local-test-token");
  EXPECT_EQ(json::parse(seen[0].body), json::parse(R"({
    "aigc_video_type": "DUBBING",
    "dubbing_video_info": [
      {"video_url": "https://cdn.example.com/launch.mp4", "target_languages": ["fr"], "video_name": "Launch FR",
       "subtitle_enabled": true},
      {"video_url": "http://cdn.example.com/launch.mov", "target_languages": ["ja"], "lipsync_enabled": true,
       "scripts": [{"text": "Konnichiwa", "text_start_time": 0, "text_end_time": 1500.5},
                   {"text": "Sayonara", "text_start_time": 1500.5, "text_end_time": 3000}]}
    ]
  })"));
}

// The task list is asked for DUBBING tasks; a FAILED one keeps its error_msg, a succeeded
// one its name, id and 30-day preview URL.
TEST_F(DubbingWire, AWaitForDubbingTasksFiltersByTypeAndKeepsTheFailure) {
  std::map<std::string, int> polls;
  RecordingServer server([&](const httplib::Request& request) {
    json list = json::array();
    for (const std::string& id : json::parse(request.get_param_value("task_ids")).get<std::vector<std::string>>()) {
      json task = {{"task_id", id}, {"aigc_video_type", "DUBBING"}, {"video_name", "DUBBING-20240101000001-cDc"}};
      if (++polls[id] < 2) {
        task["status"] = "PROCESSING";
      } else if (id == "7400000000000000002") {
        task.update({{"status", "FAILED"}, {"error_msg", "content may breach the guidelines"}});
      } else {
        task.update({{"status", "SUCCESS"}, {"video_id", "v" + id}, {"preview_url", "https://h/" + id + ".mp4"}});
      }
      list.push_back(task);
    }
    return json{{"list", list}};
  });
  Client c(options_for(server));
  const TaskWait<VideoTask> done =
      c.wait_for_video_tasks({"7400000000000000001", "7400000000000000002"}, AigcVideoType::dubbing());
  EXPECT_EQ(done.status.category, ErrorCategory::task_failed) << done.status.to_string();
  ASSERT_EQ(done.tasks.size(), 2u);
  EXPECT_EQ(done.tasks[0].status, TaskStatus::success());
  EXPECT_EQ(done.tasks[0].aigc_video_type, AigcVideoType::dubbing());
  EXPECT_EQ(done.tasks[0].video_id, "v7400000000000000001");
  EXPECT_EQ(done.tasks[0].preview_url, "https://h/7400000000000000001.mp4");
  EXPECT_EQ(done.tasks[0].video_name, "DUBBING-20240101000001-cDc");
  EXPECT_FALSE(done.tasks[0].error_msg.has_value());
  EXPECT_EQ(done.tasks[1].status, TaskStatus::failed());
  EXPECT_EQ(done.tasks[1].error_msg, "content may breach the guidelines");
  EXPECT_FALSE(done.tasks[1].video_id.has_value());
  EXPECT_TRUE(done.pending_task_ids.empty());
  const auto seen = server.seen();
  ASSERT_EQ(seen.size(), 2u);
  for (const Seen& request : seen) {
    EXPECT_EQ(request.path, api::endpoint(api::EndpointId::video_task_list).path);
    ASSERT_EQ(count_param(request.params, "aigc_video_type"), 1u);
    EXPECT_EQ(request.params.find("aigc_video_type")->second, "DUBBING");
  }
}

// The video list of dubbed videos reads their dubbing_info.
TEST_F(DubbingWire, DubbedVideosAreListedWithTheirScripts) {
  RecordingServer server([](const httplib::Request&) {
    return json::parse(R"({"list": [{"aigc_video_type": "DUBBING", "create_time": "2024-01-01 00:00:01",
        "dubbing_info": {"original_scripts": [{"text": "Hi", "text_start_time": 525, "text_end_time": 8934}],
                         "translated_scripts": [{"text": "Salut", "text_start_time": 525, "text_end_time": 8934.5}],
                         "target_language": "fr"},
        "preview_url": "https://h/d.mp4", "video_id": "v1", "video_name": "Launch FR"}],
      "page_info": {"page": 1, "page_size": 10, "total_number": 1, "total_page": 1}})");
  });
  Client c(options_for(server));
  VideoListQuery query;
  query.aigc_video_types = {AigcVideoType::dubbing()};
  const auto page = c.list_videos(query);
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  ASSERT_EQ(page->list.size(), 1u);
  ASSERT_TRUE(page->list[0].dubbing_info.has_value());
  EXPECT_EQ(page->list[0].dubbing_info->target_language, DubbingLanguage::fr());
  ASSERT_EQ(page->list[0].dubbing_info->translated_scripts.size(), 1u);
  EXPECT_EQ(page->list[0].dubbing_info->translated_scripts[0].text_end_time, 8934.5);
  const auto seen = server.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].params.find("aigc_video_types")->second, R"(["DUBBING"])");
}

}  // namespace
}  // namespace tiktok_aigc
