// The second translation unit of second_tu_test (see second_tu_a.cpp).
#include "tiktok_aigc.hpp"

#include <string>

std::string describe_from_b(const tiktok_aigc::Status& status) {
  tiktok_aigc::Result<int> result = status;
  return result.status().to_string();
}
