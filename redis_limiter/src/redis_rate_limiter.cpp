// The Redis limiter: slots granted by a script in Redis while it can be reached; while it
// cannot, this process's share of each budget, granted in its own memory once the slots
// Redis granted have left their window.
#include "tiktok_aigc/redis_rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <utility>

#include "redis_link.hpp"
#include "scripts.hpp"

namespace tiktok_aigc {
namespace {

// Set in the ids of slots granted by Redis; a slot granted locally has it clear.
constexpr std::uint64_t kGrantedByRedis = std::uint64_t{1} << 63;

std::string milliseconds(Duration duration) { return std::to_string(duration.count()); }

// Why the options cannot be used, or empty.
std::string options_problem(const RedisRateLimiterOptions& options) {
  if (!(options.fallback_share >= 0.0 && options.fallback_share <= 1.0)) {
    return "fallback_share: must be between 0 and 1, got " + std::to_string(options.fallback_share);
  }
  if (options.margin.count() < 0) return "margin: must not be negative";
  if (options.max_promise.count() < 0) return "max_promise: must not be negative";
  if (options.retry_interval.count() < 0) return "retry_interval: must not be negative";
  if (options.key_prefix.empty()) return "key_prefix: must not be empty";
  if (options.redis.host.empty()) return "redis.host: must not be empty";
  if (options.redis.port < 1 || options.redis.port > 65535) {
    return "redis.port: must be 1-65535, got " + std::to_string(options.redis.port);
  }
  if (options.redis.database < 0) return "redis.database: must not be negative";
  return {};
}

std::string random_instance_name() {
  std::random_device random;
  char name[17];
  std::snprintf(name, sizeof name, "%08x%08x", random(), random());
  return name;
}

}  // namespace

struct RedisRateLimiter::State {
  explicit State(RedisRateLimiterOptions given)
      : options(std::move(given)), unusable(options_problem(options)) {
    if (!unusable.empty() && !(options.fallback_share >= 0.0 && options.fallback_share <= 1.0)) {
      options.fallback_share = 0.0;
    }
    if (!options.log)
      options.log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  }

  // ---- keys ----
  // The braces make an app's keys one hash slot, as a script's keys must be.
  std::string app_key(const std::string& app) const {
    return options.key_prefix + ":{" + app + "}";
  }
  std::string slots_key(const RateLimitKey& key) const {
    return app_key(key.app) + ":" + key.endpoint + ":slots";
  }
  std::string cooldown_key(const RateLimitKey& key) const {
    return app_key(key.app) + ":" + key.endpoint + ":cooldown";
  }
  std::string holdoff_key(const std::string& app) const { return app_key(app) + ":holdoff"; }
  std::string member(std::uint64_t number) const { return instance + ":" + std::to_string(number); }
  std::string where() const {
    return "Redis at " + options.redis.host + ":" + std::to_string(options.redis.port);
  }

  // ---- reaching Redis ----

  // Whether Redis can be used now: connected, or connected again (at most once every
  // retry_interval while it cannot be reached).
  bool reach(Clock::time_point now) {
    if (link.connected()) return true;
    if (!unusable.empty()) {
      lost(now, unusable);
      return false;
    }
    // A connection that just closed is opened again at once; one that could not be opened,
    // once every retry_interval.
    if (down_since && last_attempt && now - *last_attempt < options.retry_interval) return false;
    last_attempt = now;
    if (std::string why = link.connect(options.redis); !why.empty()) {
      lost(now, why);
      return false;
    }
    return reached(now);
  }

  // Redis answered after a time it could not be reached, or a restart: it may lack slots
  // granted within the last window (this process's local ones; all of them after a
  // restart). Hold every app back until those have left their window.
  bool reached(Clock::time_point now) {
    const std::string id = link.run_id();
    const bool restarted = !run_id.empty() && id != run_id;
    const Duration drain = options.max_promise + longest_window;
    const bool hold = granted_locally_while_down || (restarted && now < latest_redis_slot + drain);
    if (hold) {
      for (const std::string& app : apps) {
        const redis::Reply reply =
            link.eval(redis::scripts::kHoldUntil, {holdoff_key(app)}, {milliseconds(drain)});
        if (reply.type == redis::Reply::Type::error) {
          lost(now, reply.text);
          return false;
        }
      }
    }
    run_id = id;
    stats.redis_reachable = true;
    if (down_since) {
      options.log(
          "tiktok_aigc: " + where() + " is reachable again: budgets are shared through it again" +
          (hold ? ", after " + milliseconds(drain) + " ms for the slots it does not know of to pass"
                : ""));
    }
    down_since.reset();
    fallback.reset();
    drained_keys.clear();
    granted_locally_while_down = false;
    return true;
  }

  void lost(Clock::time_point now, const std::string& why) {
    link.close();
    ++stats.redis_failures;
    stats.redis_reachable = false;
    if (down_since) return;
    down_since = now;
    fallback = std::make_unique<LocalRateLimiter>();
    const std::string share =
        options.fallback_share > 0.0
            ? std::to_string(static_cast<int>(std::lround(options.fallback_share * 100))) +
                  "% of each budget (fallback_share), counted in this process, once the "
                  "slots Redis granted have left their window"
            : "none, since fallback_share is 0: calls wait for Redis";
    options.log("tiktok_aigc: " + where() + " cannot be used (" + why +
                "); until it can, this process sends " + share);
  }

  // ---- granting ----

  std::optional<Reservation> reserve_in_redis(const RateLimitKey& key, int requests,
                                              Duration window, Clock::time_point now) {
    const std::uint64_t number = ++members;
    const redis::Reply reply = link.eval(redis::scripts::kReserve,
                                         {slots_key(key), cooldown_key(key), holdoff_key(key.app)},
                                         {std::to_string(requests), milliseconds(window),
                                          milliseconds(options.max_promise), member(number)});
    const bool well_formed = reply.type == redis::Reply::Type::array &&
                             reply.elements.size() == 2 &&
                             reply.elements[0].type == redis::Reply::Type::integer &&
                             reply.elements[1].type == redis::Reply::Type::integer;
    if (!well_formed) {
      lost(now, reply.type == redis::Reply::Type::error
                    ? reply.text
                    : "the reserve script answered unexpectedly");
      return std::nullopt;
    }
    Reservation reservation;
    reservation.granted = reply.elements[0].integer == 1;
    reservation.wait = Duration(reply.elements[1].integer);
    if (reservation.granted) {
      reservation.id = number | kGrantedByRedis;
      ++stats.granted_by_redis;
      latest_redis_slot = std::max(latest_redis_slot, now + reservation.wait);
    } else {
      ++stats.asked_again;
    }
    return reservation;
  }

  Reservation ask_again(Duration after) {
    ++stats.asked_again;
    Reservation reservation;
    reservation.granted = false;
    reservation.wait = std::min(after, options.retry_interval);
    return reservation;
  }

  Reservation reserve_locally(const RateLimitKey& key, int requests, Duration window,
                              Clock::time_point now) {
    Budget share;
    share.requests = static_cast<int>(std::floor(requests * options.fallback_share));
    share.window = window;
    if (share.requests <= 0) return ask_again(options.retry_interval);
    // Redis granted slots up to max_promise past the moment it was lost; the first local one
    // waits for them to leave the window.
    if (drained_keys.insert({key.app, key.endpoint}).second) {
      const Clock::time_point drained = *down_since + options.max_promise + window;
      if (drained > now)
        fallback->throttled(key, std::chrono::duration_cast<Duration>(drained - now), now);
    }
    Reservation reservation = fallback->reserve(key, share, now);
    // Promise no further ahead than Redis would: reconnecting holds back for that long only.
    if (reservation.wait > options.max_promise) {
      fallback->refund(key, reservation);
      return ask_again(reservation.wait - options.max_promise);
    }
    ++stats.granted_locally;
    granted_locally_while_down = true;
    return reservation;
  }

  RedisRateLimiterOptions options;
  const std::string unusable;  // why the options cannot be used; Redis is then never tried
  const std::string instance = random_instance_name();  // names this process's slots in Redis

  std::mutex mutex;  // everything below, and the one connection
  redis::RedisLink link;
  Stats stats;
  std::uint64_t members = 0;
  std::string run_id;                             // of the Redis last reached
  std::set<std::string> apps;                     // every app this process has reserved for
  Duration longest_window{0};                     // of every budget so far, margin included
  Clock::time_point latest_redis_slot{};          // the latest slot Redis granted this process
  std::optional<Clock::time_point> last_attempt;  // to reach Redis

  // While Redis cannot be reached:
  std::optional<Clock::time_point> down_since;
  std::unique_ptr<LocalRateLimiter> fallback;
  std::set<std::pair<std::string, std::string>>
      drained_keys;  // held back until Redis's slots passed
  bool granted_locally_while_down = false;
};

RedisRateLimiter::RedisRateLimiter(RedisRateLimiterOptions options)
    : state_(std::make_unique<State>(std::move(options))) {}

RedisRateLimiter::~RedisRateLimiter() = default;

Reservation RedisRateLimiter::reserve(const RateLimitKey& key, const Budget& budget,
                                      Clock::time_point now) {
  if (budget.requests <= 0) return Reservation{};
  std::lock_guard<std::mutex> lock(state_->mutex);
  State& state = *state_;
  const Duration window = budget.window + state.options.margin;
  state.longest_window = std::max(state.longest_window, window);
  state.apps.insert(key.app);
  if (state.reach(now)) {
    if (std::optional<Reservation> granted =
            state.reserve_in_redis(key, budget.requests, window, now))
      return *granted;
  }
  return state.reserve_locally(key, budget.requests, window, now);
}

void RedisRateLimiter::refund(const RateLimitKey& key, const Reservation& reservation) {
  if (!reservation.granted || reservation.id == 0) return;
  std::lock_guard<std::mutex> lock(state_->mutex);
  State& state = *state_;
  if ((reservation.id & kGrantedByRedis) == 0) {
    if (state.fallback) state.fallback->refund(key, reservation);
    return;
  }
  // Best effort: a slot that cannot be given back only costs a request of the budget.
  if (state.link.connected()) {
    state.link.command(
        {"ZREM", state.slots_key(key), state.member(reservation.id & ~kGrantedByRedis)});
  }
}

void RedisRateLimiter::throttled(const RateLimitKey& key, Duration cooldown,
                                 Clock::time_point now) {
  if (cooldown.count() <= 0) return;
  std::lock_guard<std::mutex> lock(state_->mutex);
  State& state = *state_;
  if (state.fallback) state.fallback->throttled(key, cooldown, now);
  if (!state.reach(now)) return;
  const redis::Reply reply = state.link.eval(redis::scripts::kHoldUntil, {state.cooldown_key(key)},
                                             {milliseconds(cooldown)});
  if (reply.type == redis::Reply::Type::error) {
    state.lost(now, reply.text);
    // The cooldown holds in this process at least.
    state.fallback->throttled(key, cooldown, now);
  }
}

RedisRateLimiter::Stats RedisRateLimiter::stats() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->stats;
}

}  // namespace tiktok_aigc
