// Reading what a request carries: its JSON body, bounded; whether httplib may have left
// part of it on the connection; and, for an API endpoint, its body or parameters checked
// against the endpoint's rules in the API's description.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tiktok_aigc/api/endpoints.hpp"

namespace tiktok_aigc::mock {

// Parses a request body into JSON with a bound on nesting, so a hostile body cannot
// exhaust the stack when the document is destroyed; a key given twice is refused.
std::optional<api::Violation> parse_body(const std::string& body, nlohmann::json& out);

// Whether httplib may have left part of this request on the connection, where it would be
// read as the next request (a body smuggling one in would be run, and every answer after
// it would go to the wrong request): a body on a method httplib reads no body for, or a
// Content-Length that is not one plain number. Such a request is answered, then its
// connection closed.
bool may_leave_bytes_unread(const httplib::Request& req);

// A POST's JSON body or a GET's parameters read as JSON, checked against the rules.
std::optional<api::Violation> read_request(const httplib::Request& req, const api::Endpoint& endpoint,
                                           nlohmann::json& request);

}  // namespace tiktok_aigc::mock
