// The mock's clock: real time by default, or frozen, and movable forward either way, so a
// test decides when tasks finish, budgets refill and preview URLs expire.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace tiktok_aigc::mock {

class VirtualClock {
 public:
  using time_point = std::chrono::system_clock::time_point;
  using duration = std::chrono::system_clock::duration;

  // Everything that decides what now() says; enough to carry the clock over a restart.
  struct State {
    duration offset{0};  // added to the real time while running
    bool frozen = false;
    time_point frozen_at{};
  };

  // Starts at `start` (the real time when unset).
  void restart(std::optional<time_point> start, bool frozen);
  time_point now() const;
  bool frozen() const;
  void freeze();
  void unfreeze();
  void advance(duration by);

  void restore(const State& state);
  // Told the new state after every change (under the clock's lock, so in order).
  void on_change(std::function<void(const State&)> observer);

 private:
  void changed();

  mutable std::mutex mutex_;
  State state_;
  std::function<void(const State&)> observer_;
};

// "2024-01-01 00:00:01" (create_time), "20240101000001" (video_name, request_id),
// "2024-01-01T00:00:01.000Z" (the journal and the control API), all UTC.
std::string format_utc(VirtualClock::time_point t, const char* strftime_format);
std::string format_iso8601(VirtualClock::time_point t);
long long unix_millis(VirtualClock::time_point t);

}  // namespace tiktok_aigc::mock
