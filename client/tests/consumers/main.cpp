// The app every consumer project builds: it includes the single header the way a user would
// and uses it without the network, so a consumer that builds and prints passes.
#include "tiktok_aigc.hpp"

#include <iostream>

int main() {
  tiktok_aigc::Result<int> answer = 42;
  tiktok_aigc::Status throttled;
  throttled.category = tiktok_aigc::ErrorCategory::rate_limited;
  throttled.message = "slow down";
  tiktok_aigc::Result<int> refused = throttled;
  if (!answer.ok() || *answer != 42 || refused.ok() || !refused.status().retryable()) {
    std::cerr << "tiktok_aigc::Result does not behave\n";
    return 1;
  }
  std::cout << "tiktok_aigc " << TIKTOK_AIGC_VERSION << ": " << refused.status().to_string() << "\n";
  return 0;
}
