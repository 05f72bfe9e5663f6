// One request through the mock's pipeline with no socket: route -> fault -> auth -> budget ->
// rules -> the endpoint's handler -> envelope, the control API and the media host, journaled
// and logged, exactly as a request read from a connection (the same function runs both). For
// fuzz/mock_pipeline_fuzzer.cpp and tests; the MockServer need not be started.
#pragma once

#include <httplib.h>

#include "tiktok_aigc/mock/mock_server.hpp"

namespace tiktok_aigc::mock {

struct InProcess {
  // `req` must hold what httplib's parser fills in: method; target (the raw request-target,
  // which the query is read from); path (the target's part before '?', percent-decoded);
  // params (its query, decoded); headers (Host names the previews' base, else
  // http://localhost when unbound); body (for a method httplib reads one for).
  // `res` gets the status, headers, and the body or a content provider, as for a socket.
  // Not run: HTTP parsing and what httplib answers by itself (400, 413, 414), nor the
  // connection's handling (keep-alive, a dropped connection): the socket fuzzer's ground.
  static void answer(MockServer& server, const httplib::Request& req, httplib::Response& res);
};

}  // namespace tiktok_aigc::mock
