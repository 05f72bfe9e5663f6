// Two translation units that both include the single header, linked into one program: a
// function defined in the header without `inline` would be defined twice and fail the link.
#include "tiktok_aigc.hpp"

#include <iostream>
#include <string>

std::string describe_from_b(const tiktok_aigc::Status& status);

int main() {
  tiktok_aigc::Status status;
  status.category = tiktok_aigc::ErrorCategory::not_found;
  status.message = "no such task";
  tiktok_aigc::Result<int> missing = status;
  const std::string here = missing.status().to_string();
  const std::string there = describe_from_b(status);
  if (here != there) {
    std::cerr << "the two translation units disagree: " << here << " / " << there << "\n";
    return 1;
  }
  std::cout << "tiktok_aigc " << TIKTOK_AIGC_VERSION << ": " << here << "\n";
  return 0;
}
