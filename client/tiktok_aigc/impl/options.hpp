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

struct RateLimiter::State {
  std::mutex mutex;
  std::map<std::string, std::deque<Clock::time_point>> slots;
  std::map<std::string, Clock::time_point> latest;  // the latest `now` seen per key
};

RateLimiter::RateLimiter() : state_(std::make_shared<State>()) {}

Duration RateLimiter::reserve(const std::string& key, int budget_per_minute, Clock::time_point now) {
  if (budget_per_minute <= 0) return Duration(0);
  const auto window = std::chrono::minutes(1);
  std::lock_guard<std::mutex> lock(state_->mutex);
  auto& slots = state_->slots[key];
  // Callers read `now` before taking the lock, so times may arrive out of order. Count from
  // the latest time seen for the key: the slots stay sorted, and a caller with an older
  // `now` cannot get a slot inside a window whose earlier slots were already dropped.
  Clock::time_point& latest = state_->latest[key];
  latest = std::max(latest, now);
  const Clock::time_point at = latest;
  while (!slots.empty() && slots.front() <= at - window) slots.pop_front();
  Clock::time_point slot = at;
  if (slots.size() >= static_cast<std::size_t>(budget_per_minute)) {
    slot = std::max(at, slots[slots.size() - static_cast<std::size_t>(budget_per_minute)] + window);
  }
  slots.push_back(slot);
  return std::chrono::duration_cast<Duration>(slot - now);
}

void RateLimiter::refund(const std::string& key, Clock::time_point now, Duration wait) {
  const Clock::time_point slot = now + wait;
  std::lock_guard<std::mutex> lock(state_->mutex);
  auto& slots = state_->slots[key];
  const auto found = std::find(slots.begin(), slots.end(), slot);
  if (found != slots.end()) slots.erase(found);
}

std::shared_ptr<RateLimiter> RateLimiter::process_wide() {
  static const std::shared_ptr<RateLimiter> limiter = std::make_shared<RateLimiter>();
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
