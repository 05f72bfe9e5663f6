// The API's endpoints as the mock serves them, once a request has passed the pipeline
// (route, fault, auth, budget, the rules of the API's description): each handler changes the
// mock's state and writes the envelope. Found through the endpoint's id, not a switch.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "answers.hpp"
#include "mock_state.hpp"
#include "tiktok_aigc/api/endpoints.hpp"

namespace tiktok_aigc::mock {

// A request to an API endpoint that passed the pipeline; `request` is its checked body or
// parameters.
struct Call {
  const httplib::Request& req;
  const api::Endpoint& endpoint;
  const std::string& token;
  const std::string& request_id;
  TimePoint now;
  const nlohmann::json& request;
  const std::string& media_base;  // where the previews are served, e.g. http://127.0.0.1:8080

  // A field of the request, or the default the API's description gives for it.
  nlohmann::json value_or_default(const std::vector<std::string>& path) const {
    return api::value_or_default(endpoint.request(), request, path);
  }
};

// The endpoint's answer.
Answer handle_api_call(MockState& mock, const Call& call);

}  // namespace tiktok_aigc::mock
