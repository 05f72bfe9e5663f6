// The Redis limiter against a real redis-server started by the test: one budget shared by
// several limiters (as by several processes), the cooldown, refunds, and what happens when
// Redis is unreachable, killed and started again.
#include "tiktok_aigc/redis_rate_limiter.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <thread>
#include <vector>

#include "redis_link.hpp"
#include "redis_server.hpp"
#include "sigpipe_blocked.hpp"

namespace tiktok_aigc {
namespace {

using namespace std::chrono_literals;
using redis::testing::RedisServer;

const RateLimitKey kKey{"http://127.0.0.1:1|digest", "video_list"};

Budget budget_of(int requests, Duration window) {
  Budget budget;
  budget.requests = requests;
  budget.window = window;
  return budget;
}

// What a limiter logs, kept for the test to read.
struct LogLines {
  std::mutex mutex;
  std::vector<std::string> lines;
  std::function<void(const std::string&)> sink() {
    return [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(mutex);
      lines.push_back(line);
    };
  }
  std::string all() {
    std::lock_guard<std::mutex> lock(mutex);
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    return text;
  }
};

class RedisLimiterTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server.start()) << "redis-server did not start"; }

  RedisRateLimiterOptions options() {
    RedisRateLimiterOptions o;
    o.redis.port = server.port();
    o.margin = 0ms;
    o.log = log.sink();
    return o;
  }

  // Redis's keys, through a connection of the test's own.
  std::vector<std::string> keys() {
    redis::RedisLink link;
    RedisSettings settings;
    settings.port = server.port();
    EXPECT_EQ(link.connect(settings), "");
    std::vector<std::string> names;
    for (const auto& element : link.command({"KEYS", "*"}).elements) names.push_back(element.text);
    std::sort(names.begin(), names.end());
    return names;
  }

  RedisServer server;
  LogLines log;
};

TEST_F(RedisLimiterTest, GrantsTheBudgetAtOnceThenTheNextSlotAWindowLater) {
  RedisRateLimiterOptions o = options();
  o.max_promise = 2000ms;
  RedisRateLimiter limiter(o);
  const Budget budget = budget_of(3, 1000ms);
  const auto now = std::chrono::steady_clock::now();
  for (int i = 0; i < 3; ++i) {
    const Reservation r = limiter.reserve(kKey, budget, now);
    EXPECT_TRUE(r.granted);
    EXPECT_EQ(r.wait, 0ms) << i;
  }
  const Reservation fourth = limiter.reserve(kKey, budget, now);
  EXPECT_TRUE(fourth.granted);
  EXPECT_GT(fourth.wait, 900ms);
  EXPECT_LE(fourth.wait, 1000ms);
  EXPECT_EQ(limiter.stats().granted_by_redis, 4u);
  EXPECT_TRUE(limiter.stats().redis_reachable);
  EXPECT_EQ(
      keys(),
      (std::vector<std::string>{"tiktok-aigc:rate:{http://127.0.0.1:1|digest}:video_list:slots"}));
  EXPECT_EQ(log.all(), "");
}

TEST_F(RedisLimiterTest, ASlotFurtherThanThePromiseIsAskedForAgain) {
  RedisRateLimiter limiter(options());  // promises at most 1 s ahead
  const Budget budget = budget_of(1, 10000ms);
  EXPECT_TRUE(limiter.reserve(kKey, budget, std::chrono::steady_clock::now()).granted);
  const Reservation second = limiter.reserve(kKey, budget, std::chrono::steady_clock::now());
  EXPECT_FALSE(second.granted);
  EXPECT_GT(second.wait, 8500ms);  // then the slot is 1 s away
  EXPECT_LE(second.wait, 9000ms);
  EXPECT_EQ(limiter.stats().asked_again, 1u);
}

TEST_F(RedisLimiterTest, LimitersSharingRedisShareTheBudget) {
  // Four limiters stand for four processes; each has three threads taking slots until 60
  // are granted. No window of 500 ms may hold more than 5 slots of all of them.
  const Budget budget = budget_of(5, 500ms);
  std::vector<std::unique_ptr<RedisRateLimiter>> limiters;
  for (int i = 0; i < 4; ++i) limiters.push_back(std::make_unique<RedisRateLimiter>(options()));
  std::mutex mutex;
  std::vector<std::chrono::steady_clock::time_point> slots;
  std::chrono::steady_clock::duration slowest{0};  // the longest reserve() of the run
  std::atomic<int> granted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 12; ++t) {
    threads.emplace_back([&, t] {
      RedisRateLimiter& limiter = *limiters[static_cast<std::size_t>(t % 4)];
      while (granted.load() < 60) {
        const auto now = std::chrono::steady_clock::now();
        const Reservation r = limiter.reserve(kKey, budget, now);
        const auto took = std::chrono::steady_clock::now() - now;
        std::this_thread::sleep_for(r.wait);
        if (!r.granted) continue;
        ++granted;
        std::lock_guard<std::mutex> lock(mutex);
        slots.push_back(now + r.wait);
        slowest = std::max(slowest, took);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::sort(slots.begin(), slots.end());
  ASSERT_GE(slots.size(), 60u);
  // A slot is Redis's time seen through the thread's clock read before reserve(): it may be
  // early by as long as a reserve() took, so two slots' distance is known within twice that.
  for (std::size_t i = 0; i + 5 < slots.size(); ++i) {
    EXPECT_GE(slots[i + 5] - slots[i] + 2 * slowest, 500ms)
        << "6 slots within a window, from slot " << i;
  }
  // And they are packed: the first 60 slots, 5 a window, take 11 windows and a little.
  EXPECT_LT(slots[59] - slots.front(), 6000ms);
}

TEST_F(RedisLimiterTest, AThrottlingAnswerToOneHoldsBackAnother) {
  RedisRateLimiter first(options());
  RedisRateLimiter second(options());
  const Budget budget = budget_of(20, 60000ms);
  first.throttled(kKey, 3000ms, std::chrono::steady_clock::now());
  const Reservation r = second.reserve(kKey, budget, std::chrono::steady_clock::now());
  EXPECT_FALSE(r.granted);  // 3 s away, past the 1 s promise
  EXPECT_GT(r.wait, 1500ms);
  EXPECT_LE(r.wait, 2000ms);
  // Another endpoint of the app is not held back.
  EXPECT_EQ(second
                .reserve(RateLimitKey{kKey.app, "video_task_list"}, budget,
                         std::chrono::steady_clock::now())
                .wait,
            0ms);
}

TEST_F(RedisLimiterTest, ARefundedSlotIsFreeAgainForEveryone) {
  RedisRateLimiter first(options());
  RedisRateLimiter second(options());
  const Budget budget = budget_of(1, 60000ms);
  const Reservation taken = first.reserve(kKey, budget, std::chrono::steady_clock::now());
  ASSERT_TRUE(taken.granted);
  EXPECT_FALSE(second.reserve(kKey, budget, std::chrono::steady_clock::now()).granted);
  first.refund(kKey, taken);
  const Reservation again = second.reserve(kKey, budget, std::chrono::steady_clock::now());
  EXPECT_TRUE(again.granted);
  EXPECT_EQ(again.wait, 0ms);
}

TEST_F(RedisLimiterTest, UnreachableRedisFallsBackToTheShareAfterTheWindowDrains) {
  RedisRateLimiterOptions o = options();
  server.stop();  // nothing listens on the port
  o.fallback_share = 0.5;
  o.max_promise = 100ms;
  RedisRateLimiter limiter(o);
  const Budget budget = budget_of(4, 1000ms);
  const auto t0 = std::chrono::steady_clock::time_point{} + 1h;  // a clock of the test's own
  // The first local slot waits for what Redis may have granted to leave the window:
  // promise + window. Until then, "ask again".
  const Reservation early = limiter.reserve(kKey, budget, t0);
  EXPECT_FALSE(early.granted);
  const Reservation first = limiter.reserve(kKey, budget, t0 + 1000ms);
  EXPECT_TRUE(first.granted);
  EXPECT_EQ(first.wait, 100ms);
  // Half of 4: two a window.
  EXPECT_TRUE(limiter.reserve(kKey, budget, t0 + 1000ms).granted);
  const Reservation third = limiter.reserve(kKey, budget, t0 + 1100ms);
  EXPECT_FALSE(third.granted);
  const auto stats = limiter.stats();
  EXPECT_EQ(stats.granted_locally, 2u);
  EXPECT_EQ(stats.granted_by_redis, 0u);
  EXPECT_FALSE(stats.redis_reachable);
  EXPECT_GE(stats.redis_failures, 1u);
  const std::string said = log.all();
  EXPECT_NE(said.find("Redis at 127.0.0.1:" + std::to_string(server.port()) + " cannot be used"),
            std::string::npos)
      << said;
  EXPECT_NE(said.find("50% of each budget"), std::string::npos) << said;
}

TEST_F(RedisLimiterTest, WithNoShareCallsWaitForRedis) {
  server.stop();
  RedisRateLimiter limiter(options());
  const Reservation r =
      limiter.reserve(kKey, budget_of(20, 60000ms), std::chrono::steady_clock::now());
  EXPECT_FALSE(r.granted);
  EXPECT_EQ(r.wait, 500ms);  // retry_interval
  EXPECT_NE(log.all().find("fallback_share is 0: calls wait for Redis"), std::string::npos)
      << log.all();
}

TEST_F(RedisLimiterTest, KilledThenRestartedRedisIsUsedAgainAfterAHoldOff) {
  RedisRateLimiterOptions o = options();
  o.fallback_share = 1.0;
  o.max_promise = 50ms;
  o.retry_interval = 50ms;
  RedisRateLimiter limiter(o);
  const Budget budget = budget_of(5, 300ms);
  ASSERT_TRUE(limiter.reserve(kKey, budget, std::chrono::steady_clock::now()).granted);
  server.stop(SIGKILL);
  // Local slots after the drain (50 + 300 ms).
  const auto lost_at = std::chrono::steady_clock::now();
  Reservation local;
  while (!(local = limiter.reserve(kKey, budget, std::chrono::steady_clock::now())).granted) {
    std::this_thread::sleep_for(local.wait);
  }
  EXPECT_GE(std::chrono::steady_clock::now() + local.wait - lost_at, 340ms);
  EXPECT_EQ(limiter.stats().granted_locally, 1u);
  ASSERT_TRUE(server.start());
  std::this_thread::sleep_for(60ms);  // past retry_interval
  const Reservation back = limiter.reserve(kKey, budget, std::chrono::steady_clock::now());
  // The local slots are unknown to the new Redis: the app is held back for promise + window.
  EXPECT_FALSE(back.granted);
  EXPECT_TRUE(limiter.stats().redis_reachable);
  EXPECT_EQ(limiter.stats().granted_by_redis, 1u);
  const std::vector<std::string> names = keys();
  EXPECT_NE(std::find(names.begin(), names.end(), "tiktok-aigc:rate:{" + kKey.app + "}:holdoff"),
            names.end());
  const std::string said = log.all();
  EXPECT_NE(said.find("cannot be used"), std::string::npos) << said;
  EXPECT_NE(said.find("is reachable again"), std::string::npos) << said;
  EXPECT_NE(said.find("after 350 ms"), std::string::npos) << said;
}

TEST_F(RedisLimiterTest, ARestartThatLostGrantedSlotsHoldsTheAppBack) {
  RedisRateLimiterOptions o = options();  // no fallback share: nothing is sent locally
  o.retry_interval = 0ms;
  RedisRateLimiter limiter(o);
  const Budget budget = budget_of(5, 2000ms);
  ASSERT_TRUE(limiter.reserve(kKey, budget, std::chrono::steady_clock::now()).granted);
  server.stop(SIGKILL);
  EXPECT_FALSE(limiter.reserve(kKey, budget, std::chrono::steady_clock::now()).granted);
  ASSERT_TRUE(server.start());
  // The new Redis does not know the slot granted a moment ago: promise + window first.
  const Reservation back = limiter.reserve(kKey, budget, std::chrono::steady_clock::now());
  EXPECT_FALSE(back.granted);
  EXPECT_TRUE(limiter.stats().redis_reachable);
  EXPECT_NE(log.all().find("after 3000 ms"), std::string::npos) << log.all();
}

TEST_F(RedisLimiterTest, RedisReachedLateWithNothingSentMeanwhileIsUsedAtOnce) {
  server.stop();
  RedisRateLimiterOptions o = options();
  o.retry_interval = 0ms;
  RedisRateLimiter limiter(o);
  const Budget budget = budget_of(5, 2000ms);
  EXPECT_FALSE(limiter.reserve(kKey, budget, std::chrono::steady_clock::now()).granted);
  ASSERT_TRUE(server.start());
  const Reservation first = limiter.reserve(kKey, budget, std::chrono::steady_clock::now());
  EXPECT_TRUE(first.granted);
  EXPECT_EQ(first.wait, 0ms);
  const std::string said = log.all();
  EXPECT_NE(said.find("is reachable again: budgets are shared through it again\n"),
            std::string::npos)
      << said;
  EXPECT_EQ(said.find(" ms for the slots it does not know of"), std::string::npos) << said;
}

TEST_F(RedisLimiterTest, UnusableOptionsAreLoggedNamingTheFieldAndRedisIsNotTried) {
  RedisRateLimiterOptions o = options();
  o.fallback_share = 2.0;
  RedisRateLimiter limiter(o);
  EXPECT_FALSE(
      limiter.reserve(kKey, budget_of(20, 60000ms), std::chrono::steady_clock::now()).granted);
  EXPECT_NE(log.all().find("fallback_share: must be between 0 and 1, got 2"), std::string::npos)
      << log.all();
  EXPECT_TRUE(keys().empty());
}

TEST_F(RedisLimiterTest, TlsIsNeverReplacedByAConnectionInClear) {
  RedisRateLimiterOptions o = options();
  o.redis.tls = true;
  RedisRateLimiter limiter(o);
  EXPECT_FALSE(
      limiter.reserve(kKey, budget_of(20, 60000ms), std::chrono::steady_clock::now()).granted);
  EXPECT_NE(log.all().find("TLS to Redis needs hiredis_ssl"), std::string::npos) << log.all();
  EXPECT_TRUE(keys().empty());
}

TEST_F(RedisLimiterTest, APasswordIsSentAndNeverLogged) {
  redis::RedisLink admin;
  RedisSettings settings;
  settings.port = server.port();
  ASSERT_EQ(admin.connect(settings), "");
  ASSERT_EQ(admin.command({"CONFIG", "SET", "requirepass", "s3cret-pass"}).text, "OK");
  RedisRateLimiterOptions wrong = options();
  wrong.redis.password = "not-the-password";
  RedisRateLimiter refused(wrong);
  EXPECT_FALSE(
      refused.reserve(kKey, budget_of(20, 60000ms), std::chrono::steady_clock::now()).granted);
  EXPECT_NE(log.all().find("AUTH on 127.0.0.1"), std::string::npos) << log.all();
  EXPECT_EQ(log.all().find("not-the-password"), std::string::npos) << log.all();
  RedisRateLimiterOptions right = options();
  right.redis.password = "s3cret-pass";
  RedisRateLimiter accepted(right);
  EXPECT_TRUE(
      accepted.reserve(kKey, budget_of(20, 60000ms), std::chrono::steady_clock::now()).granted);
}

// What RedisLink::command writes under: a write to a peer that is gone fails with EPIPE
// instead of ending the process, and leaves no SIGPIPE pending.
TEST(SigpipeBlockedTest, AWriteToAClosedPeerIsAnErrorAndNotASignal) {
  int ends[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, ends), 0);
  close(ends[1]);
  // As in a program that never set SIGPIPE aside: unblocked, it would end this one.
  const auto previous = signal(SIGPIPE, SIG_DFL);
  {
    redis::SigpipeBlocked quiet;
    EXPECT_EQ(write(ends[0], "PING\r\n", 6), -1);
    EXPECT_EQ(errno, EPIPE);
  }
  sigset_t pending;
  sigpending(&pending);
  EXPECT_EQ(sigismember(&pending, SIGPIPE), 0);
  signal(SIGPIPE, previous);
  close(ends[0]);
}

// ---- settings ----

TEST(RedisSettingsTest, AUrlGivesEveryPart) {
  const auto full = RedisSettings::from_url("redis://worker:p%40ss@redis.internal:6380/3");
  ASSERT_TRUE(full.ok()) << full.status().to_string();
  EXPECT_EQ(full->username, "worker");
  EXPECT_EQ(full->password, "p@ss");
  EXPECT_EQ(full->host, "redis.internal");
  EXPECT_EQ(full->port, 6380);
  EXPECT_EQ(full->database, 3);
  EXPECT_FALSE(full->tls);
  const auto bare = RedisSettings::from_url("rediss://[::1]");
  ASSERT_TRUE(bare.ok()) << bare.status().to_string();
  EXPECT_EQ(bare->host, "::1");
  EXPECT_EQ(bare->port, 6379);
  EXPECT_TRUE(bare->tls);
  const auto password_only = RedisSettings::from_url("redis://:pw@localhost");
  ASSERT_TRUE(password_only.ok());
  EXPECT_EQ(password_only->username, "");
  EXPECT_EQ(password_only->password, "pw");
}

TEST(RedisSettingsTest, AMalformedUrlSaysWhichPartAndNeverShowsThePassword) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"http://localhost", "must start with redis:// or rediss://"},
      {"redis://:hunter2@localhost:99999", "port must be a number from 1 to 65535"},
      {"redis://:hunter2@localhost/db", "database (after the host) must be a number"},
      {"redis://:hunter2@", "has no host"},
      {"redis://:hun%zzter2@localhost", "malformed %-escape"},
  };
  for (const auto& [url, message] : cases) {
    const auto parsed = RedisSettings::from_url(url);
    ASSERT_FALSE(parsed.ok()) << url;
    EXPECT_EQ(parsed.status().category, ErrorCategory::invalid_argument);
    EXPECT_NE(parsed.status().message.find(message), std::string::npos) << parsed.status().message;
    EXPECT_EQ(parsed.status().message.find("hunter2"), std::string::npos)
        << parsed.status().message;
  }
}

TEST(RedisSettingsTest, TheEnvironmentGivesTheUrlAndAPasswordApart) {
  setenv("TIKTOK_AIGC_REDIS_URL", "redis://:from-url@cache:7000/2", 1);
  setenv("TIKTOK_AIGC_REDIS_PASSWORD", "from-env", 1);
  const auto settings = RedisSettings::from_environment();
  ASSERT_TRUE(settings.ok()) << settings.status().to_string();
  EXPECT_EQ(settings->host, "cache");
  EXPECT_EQ(settings->port, 7000);
  EXPECT_EQ(settings->database, 2);
  EXPECT_EQ(settings->password, "from-env");
  setenv("TIKTOK_AIGC_REDIS_URL", "cache:7000", 1);
  const auto malformed = RedisSettings::from_environment();
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.status().message.rfind("TIKTOK_AIGC_REDIS_URL: ", 0), 0u)
      << malformed.status().message;
  unsetenv("TIKTOK_AIGC_REDIS_URL");
  unsetenv("TIKTOK_AIGC_REDIS_PASSWORD");
  const auto defaults = RedisSettings::from_environment();
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->host, "127.0.0.1");
  EXPECT_EQ(defaults->port, 6379);
  EXPECT_EQ(defaults->password, "");
}

}  // namespace
}  // namespace tiktok_aigc
