// The dashboard at /__mock__/: a page that shows the mock live from the control API's JSON,
// its stylesheet, script and icon beside it (mock_server/dashboard/). Off with the control API.
#pragma once

#include <httplib.h>

#include <optional>

#include "answers.hpp"

namespace tiktok_aigc::mock {

// The page or one of its files for a GET of /__mock__/, /__mock__/<file>, or /__mock__ (a
// redirect to /__mock__/); nullopt for any other request.
std::optional<Answer> serve_dashboard(const httplib::Request& req, httplib::Response& res);

}  // namespace tiktok_aigc::mock
