// Per-token, per-endpoint request budgets over a sliding window of the mock's clock.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace tiktok_aigc::mock {

class RateLimiter {
 public:
  using time_point = std::chrono::system_clock::time_point;

  // Counts the request and returns true when it fits the budget of `budget` requests in any
  // `window` (0: unlimited); a refused request is not counted.
  bool admit(const std::string& token, const std::string& endpoint, int budget,
             std::chrono::milliseconds window, time_point now);
  void clear();

 private:
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::deque<time_point>> admitted_;
};

}  // namespace tiktok_aigc::mock
