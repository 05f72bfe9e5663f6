// How long the mock's tasks take, where it depends on the request.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>

#include "tiktok_aigc/api/requests.hpp"
#include "tiktok_aigc/mock/types.hpp"

namespace tiktok_aigc::mock {

// How long an avatar video task stays PROCESSING: durations.avatar_processing for a script
// of the shortest documented tier, longer scripts in the documented proportion.
inline Millis avatar_processing_time(const TaskDurations& durations, std::size_t script_chars) {
  const auto& tiers = api::limits::kAvatarProcessingTiers;
  const auto tier = std::find_if(std::begin(tiers), std::end(tiers),
                                 [&](const auto& each) { return script_chars <= each.max_script_chars; });
  return durations.avatar_processing * tier->seconds_under / tiers[0].seconds_under;
}

}  // namespace tiktok_aigc::mock
