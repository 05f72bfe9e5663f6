#include "virtual_clock.hpp"

#include <cstdio>
#include <ctime>

namespace tiktok_aigc::mock {

using std::chrono::system_clock;

void VirtualClock::restart(std::optional<time_point> start, bool frozen) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto real = system_clock::now();
  offset_ = start ? *start - real : duration{0};
  frozen_ = frozen;
  frozen_at_ = real + offset_;
}

VirtualClock::time_point VirtualClock::now() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return frozen_ ? frozen_at_ : system_clock::now() + offset_;
}

bool VirtualClock::frozen() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return frozen_;
}

void VirtualClock::freeze() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (frozen_) return;
  frozen_at_ = system_clock::now() + offset_;
  frozen_ = true;
}

void VirtualClock::unfreeze() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!frozen_) return;
  offset_ = frozen_at_ - system_clock::now();  // resume from where it stood
  frozen_ = false;
}

void VirtualClock::advance(duration by) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (frozen_) {
    frozen_at_ += by;
  } else {
    offset_ += by;
  }
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
