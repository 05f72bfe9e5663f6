#include "virtual_clock.hpp"

#include <cstdio>
#include <ctime>
#include <utility>

namespace tiktok_aigc::mock {

using std::chrono::system_clock;

void VirtualClock::restart(std::optional<time_point> start, bool frozen) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto real = system_clock::now();
  state_.offset = start ? *start - real : duration{0};
  state_.frozen = frozen;
  state_.frozen_at = real + state_.offset;
  changed();
}

VirtualClock::time_point VirtualClock::now() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return state_.frozen ? state_.frozen_at : system_clock::now() + state_.offset;
}

bool VirtualClock::frozen() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return state_.frozen;
}

void VirtualClock::freeze() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (state_.frozen) return;
  state_.frozen_at = system_clock::now() + state_.offset;
  state_.frozen = true;
  changed();
}

void VirtualClock::unfreeze() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!state_.frozen) return;
  state_.offset = state_.frozen_at - system_clock::now();  // resume from where it stood
  state_.frozen = false;
  changed();
}

void VirtualClock::advance(duration by) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (state_.frozen) {
    state_.frozen_at += by;
  } else {
    state_.offset += by;
  }
  changed();
}

void VirtualClock::restore(const State& state) {
  std::lock_guard<std::mutex> lock(mutex_);
  state_ = state;
  changed();
}

void VirtualClock::on_change(std::function<void(const State&)> observer) {
  std::lock_guard<std::mutex> lock(mutex_);
  observer_ = std::move(observer);
}

void VirtualClock::changed() {
  if (observer_) observer_(state_);
}

std::string format_utc(VirtualClock::time_point t, const char* strftime_format) {
  const std::time_t seconds = system_clock::to_time_t(t);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char buffer[64];
  const std::size_t length = std::strftime(buffer, sizeof buffer, strftime_format, &parts);
  return std::string(buffer, length);
}

long long unix_millis(VirtualClock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::string format_iso8601(VirtualClock::time_point t) {
  const long long millis = ((unix_millis(t) % 1000) + 1000) % 1000;
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03lldZ", millis);
  return format_utc(t, "%Y-%m-%dT%H:%M:%S") + fraction;
}

}  // namespace tiktok_aigc::mock
