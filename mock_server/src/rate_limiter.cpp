#include "rate_limiter.hpp"

namespace tiktok_aigc::mock {

bool RateLimiter::admit(const std::string& token, const std::string& endpoint,
                        int budget, std::chrono::milliseconds window, time_point now) {
  if (budget <= 0) return true;
  std::lock_guard<std::mutex> lock(mutex_);
  auto& times = admitted_[{token, endpoint}];
  // A sliding window: requests admitted a window ago or earlier no longer count.
  while (!times.empty() && (times.front() <= now - window)) times.pop_front();
  if (times.size() >= static_cast<std::size_t>(budget)) return false;
  times.push_back(now);
  return true;
}

void RateLimiter::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  admitted_.clear();
}

}  // namespace tiktok_aigc::mock
