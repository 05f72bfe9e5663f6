// The control API under /__mock__/: reset, the clock, queued outcomes, faults, the journal
// and a view of the state, as JSON over HTTP (docs/mock-server.md). Off with
// --no-control-api.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <nlohmann/json.hpp>

#include "answers.hpp"
#include "mock_state.hpp"

namespace tiktok_aigc::mock {

inline constexpr const char* kControlPrefix = "/__mock__/";

Answer serve_control(MockState& mock, const httplib::Request& req);

// What the mock holds, per token digest (never the token): the body of GET state.
nlohmann::json state_json(MockState& mock, std::size_t limit);

}  // namespace tiktok_aigc::mock
