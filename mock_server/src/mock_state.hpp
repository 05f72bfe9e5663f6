// What a running mock holds, shared by its parts: the options it was started with, its
// clock, its tasks and uploads, the budgets it counts, the journal, the faults and what the
// uploads may fetch.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "fault_registry.hpp"
#include "journal.hpp"
#include "rate_limiter.hpp"
#include "state_file.hpp"
#include "store.hpp"
#include "tiktok_aigc/mock/types.hpp"
#include "upload_fetcher.hpp"
#include "virtual_clock.hpp"

namespace tiktok_aigc::mock {

struct MockState {
  // Throws std::invalid_argument for options it cannot run with.
  explicit MockState(Options options);

  // As freshly started: tasks, uploads, budgets, journal, faults and clock.
  void reset();
  // The clock as the control API shows it.
  nlohmann::json clock_state() const;

  const Options options;
  const std::unique_ptr<StateFile> state_file;  // with --state-dir
  const std::uint64_t seed;
  VirtualClock clock;
  Store store;
  RateLimiter limiter;
  Journal journal;
  FaultRegistry faults;
  FetchPolicy fetch_policy;
  const std::set<std::string> tokens;         // empty: any token
  const std::set<std::string> avatar_tokens;  // empty: every token may make AVATAR_PRODUCT
};

}  // namespace tiktok_aigc::mock
