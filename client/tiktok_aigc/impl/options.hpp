// Cancellation, the system clock, the rate limiter and log lines.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "tiktok_aigc/options.hpp"

namespace tiktok_aigc {

// ---- cancellation ----

struct CancellationToken::State {
  mutable std::mutex mutex;
  std::condition_variable wake;
  bool cancelled = false;
};

CancellationToken::CancellationToken() : state_(std::make_shared<State>()) {}

void CancellationToken::cancel() {
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->cancelled = true;
  }
  state_->wake.notify_all();
}

bool CancellationToken::cancelled() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->cancelled;
}

bool CancellationToken::wait_for(Duration duration) const {
  std::unique_lock<std::mutex> lock(state_->mutex);
  return !state_->wake.wait_for(lock, duration, [this] { return state_->cancelled; });
}

// ---- the system clock ----

Clock::time_point SystemClock::now() { return std::chrono::steady_clock::now(); }

bool SystemClock::sleep_for(Duration duration, const CancellationToken& cancel) {
  return cancel.wait_for(duration);
}

std::shared_ptr<Clock> SystemClock::instance() {
  static const std::shared_ptr<Clock> clock = std::make_shared<SystemClock>();
  return clock;
}

// ---- the rate limiter ----

struct LocalRateLimiter::State {
  struct Key {
    std::deque<Clock::time_point> slots;  // granted, sorted
    Clock::time_point latest{};           // the latest `now` seen
    Clock::time_point cooldown_until{};   // after a throttling answer
  };
  std::mutex mutex;
  std::map<std::pair<std::string, std::string>, Key> keys;  // by (app, endpoint)
};

LocalRateLimiter::LocalRateLimiter() : state_(std::make_shared<State>()) {}

Reservation LocalRateLimiter::reserve(const RateLimitKey& key, const Budget& budget, Clock::time_point now) {
  if (budget.requests <= 0) return Reservation{};
  std::lock_guard<std::mutex> lock(state_->mutex);
  State::Key& state = state_->keys[{key.app, key.endpoint}];
  // Callers read `now` before taking the lock, so times may arrive out of order. Count from
  // the latest time seen for the key: the slots stay sorted, and a caller with an older
  // `now` cannot get a slot inside a window whose earlier slots were already dropped.
  state.latest = std::max(state.latest, now);
  const Clock::time_point at = state.latest;
  auto& slots = state.slots;
  while (!slots.empty() && slots.front() <= at - budget.window) slots.pop_front();
  Clock::time_point slot = std::max(at, state.cooldown_until);
  const auto requests = static_cast<std::size_t>(budget.requests);
  if (slots.size() >= requests) slot = std::max(slot, slots[slots.size() - requests] + budget.window);
  slots.push_back(slot);
  Reservation reservation;
  reservation.wait = std::chrono::duration_cast<Duration>(slot - now);
  reservation.id = static_cast<std::uint64_t>(slot.time_since_epoch().count());
  return reservation;
}

void LocalRateLimiter::refund(const RateLimitKey& key, const Reservation& reservation) {
  if (!reservation.granted) return;
  const Clock::time_point slot{Clock::time_point::duration(static_cast<Clock::time_point::rep>(reservation.id))};
  std::lock_guard<std::mutex> lock(state_->mutex);
  const auto found_key = state_->keys.find({key.app, key.endpoint});
  if (found_key == state_->keys.end()) return;
  auto& slots = found_key->second.slots;
  const auto found = std::find(slots.begin(), slots.end(), slot);
  if (found != slots.end()) slots.erase(found);
}

void LocalRateLimiter::throttled(const RateLimitKey& key, Duration cooldown, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  Clock::time_point& until = state_->keys[{key.app, key.endpoint}].cooldown_until;
  until = std::max(until, now + cooldown);
}

std::shared_ptr<RateLimiter> RateLimiter::process_wide() {
  static const std::shared_ptr<RateLimiter> limiter = std::make_shared<LocalRateLimiter>();
  return limiter;
}

// ---- log lines ----

std::string to_string(const LogRecord& record) {
  std::string line = record.method + " " + record.path + " attempt " + std::to_string(record.attempt);
  if (record.waited.count() > 0) line += " after waiting " + std::to_string(record.waited.count()) + " ms";
  line += " -> " + record.outcome;
  // The request_id is what support asks for: on every line, once (an error's outcome has it).
  if (!record.request_id.empty() && record.outcome.find(record.request_id) == std::string::npos) {
    line += " [request_id " + record.request_id + "]";
  }
  line += " (" + std::to_string(record.elapsed.count()) + " ms)";
  return line;
}

}  // namespace tiktok_aigc
