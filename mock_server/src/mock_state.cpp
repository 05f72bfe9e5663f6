#include "mock_state.hpp"

#include <random>
#include <stdexcept>

#include "tiktok_aigc/api/endpoints.hpp"

namespace tiktok_aigc::mock {
namespace {

// Below this, one create could forget what it has just made.
constexpr std::size_t kMinRetained = 100;

// The seed a state file was made with wins, so that its preview URLs stay valid; asking
// for another one is an error rather than a silent change.
std::uint64_t choose_seed(const Options& options, StateFile* state) {
  const auto kept = state ? state->seed() : std::nullopt;
  if (kept && options.seed && *kept != *options.seed) {
    throw std::invalid_argument("seed: " + state->path() + " holds a state made with seed " +
                                std::to_string(*kept) + ", not " + std::to_string(*options.seed));
  }
  if (kept) return *kept;
  std::random_device device;
  const std::uint64_t seed =
      options.seed ? *options.seed : (static_cast<std::uint64_t>(device()) << 32) ^ device();
  if (state) state->save_seed(seed);
  return seed;
}

}  // namespace

MockState::MockState(Options opts)
    : options(std::move(opts)),
      state_file(options.state_dir.empty() ? nullptr : std::make_unique<StateFile>(options.state_dir)),
      seed(choose_seed(options, state_file.get())),
      store(seed, options.failure_rate, options.durations, options.max_retained, state_file.get()),
      journal(options.journal_capacity),
      // From the seed, but not the store's stream: fault draws must not mirror its ids.
      faults(seed ^ 0x4641554C54u),
      tokens(options.tokens.begin(), options.tokens.end()),
      avatar_tokens(options.avatar_tokens.begin(), options.avatar_tokens.end()) {
  if (options.max_retained < kMinRetained) {
    throw std::invalid_argument("max_retained: must be at least " + std::to_string(kMinRetained));
  }
  // A kept clock goes on from where it stood (tasks carry on through their states).
  if (state_file) {
    clock.on_change([this](const VirtualClock::State& now) { state_file->save_clock(now); });
  }
  const auto kept_clock = state_file ? state_file->clock() : std::nullopt;
  if (kept_clock) {
    clock.restore(*kept_clock);
  } else {
    clock.restart(options.start_time, options.clock_frozen);
  }
  fetch_policy.allowed_hosts = options.fetch_allowed_hosts;
  fetch_policy.max_bytes = options.max_upload_bytes;
  for (const auto& [name, budget] : options.rate_limit_overrides) {
    if (!api::find_endpoint_by_name(name)) {
      throw std::invalid_argument("rate limit for an unknown endpoint \"" + name + "\"");
    }
    if (budget < 0) throw std::invalid_argument("rate limit for " + name + " below 0");
  }
  if (options.rate_window && options.rate_window->count() <= 0) {
    throw std::invalid_argument("rate window must be longer than 0 ms");
  }
}

void MockState::reset() {
  store.reset();
  limiter.clear();
  journal.clear();
  faults.clear();
  clock.restart(options.start_time, options.clock_frozen);
}

nlohmann::json MockState::clock_state() const {
  const TimePoint now = clock.now();
  return {{"now", format_iso8601(now)}, {"unix_ms", unix_millis(now)}, {"frozen", clock.frozen()}};
}

}  // namespace tiktok_aigc::mock
