// A user of the installed Redis rate limiter: it builds and links against
// tiktok_aigc::redis_rate_limiter alone. With nothing listening on port 1 and no fallback
// share, a reservation is "ask again later", and the limiter logs why.
#include <cstdio>

#include "tiktok_aigc/redis_rate_limiter.hpp"

int main() {
  tiktok_aigc::RedisRateLimiterOptions options;
  options.redis.port = 1;
  tiktok_aigc::RedisRateLimiter limiter(options);
  tiktok_aigc::Budget budget;
  budget.requests = 20;
  const tiktok_aigc::Reservation reservation =
      limiter.reserve({"app", "video_list"}, budget, std::chrono::steady_clock::now());
  std::printf("tiktok_aigc %s redis limiter: %s\n", TIKTOK_AIGC_VERSION,
              reservation.granted ? "granted" : "ask again");
  return 0;
}
