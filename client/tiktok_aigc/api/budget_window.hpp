// The window the API counts each endpoint's budget over (Endpoint::budget_per_minute): a
// minute. The client's Budget and the mock's budgets take it from here.
#pragma once

#include <chrono>

namespace tiktok_aigc::api {

inline constexpr std::chrono::minutes kBudgetWindow{1};

}  // namespace tiktok_aigc::api
