// The injected faults: checked when injected, drawn (by count or by rate, from the mock's
// seed) for each request to the API's endpoints, listed for the control API. Safe to use
// from the server's threads.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>

#include "tiktok_aigc/mock/types.hpp"

namespace tiktok_aigc::mock {

class FaultRegistry {
 public:
  explicit FaultRegistry(std::uint64_t seed);

  // Throws std::invalid_argument, saying which field and why, for a malformed fault.
  void inject(const Fault& fault);
  void clear();  // and the draws start again from the seed
  // The first pending fault for this endpoint that hits (a draw, below rate 1), counted down.
  std::optional<Fault> take(const std::string& endpoint);
  // The pending faults, each as the control API would take it back.
  nlohmann::json state();

  // A fault from the control API's JSON; throws std::invalid_argument naming the field.
  static Fault from_json(const nlohmann::json& body);

 private:
  const std::uint64_t seed_;
  std::mutex mutex_;
  std::deque<Fault> faults_;
  std::mt19937_64 random_;  // guarded by mutex_
};

}  // namespace tiktok_aigc::mock
