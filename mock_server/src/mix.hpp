// splitmix64: a good 64-bit mix, for the ids, names, signatures and per-task randomness the
// mock derives from its seed.
#pragma once

#include <cstdint>

namespace tiktok_aigc::mock {

inline std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace tiktok_aigc::mock
