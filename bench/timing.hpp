// How the per-call benchmarks time their calls: the per-call time of a run of calls, and the
// median over rounds, so a drift of the machine during the run moves no result much.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

namespace bench {

inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Microseconds per call of `calls` calls of `one`.
inline double per_call_us(int calls, const std::function<void()>& one) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < calls; ++i) one();
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
             .count() /
         calls;
}

}  // namespace bench
