// The plain-HTTP server of the mock, the record proxy and the replay server: cpp-httplib's
// Server, with its connection loop replaced so that other clients cannot starve a
// well-behaved one.
//
// httplib 0.11 bounds each read of a request (its read timeout) but not the request as a
// whole: a client that sends a byte every second holds its connection, and the thread
// serving it, for as long as it likes. It has no bound on open connections either. This
// class serves each connection itself (httplib's process_and_close_socket is virtual, and
// process_request, which parses and routes one request, is for derived classes), and adds:
//   - a deadline for each request, from its first byte to its last: past it the client gets
//     408 and the connection ends;
//   - a bound on open connections: past it a new one gets 503 with Retry-After and is
//     closed;
//   - kept-alive connections that wait for their next request in poll(), woken at once by
//     stop(), where httplib wakes every 10 ms to check.
// HTTPS servers keep httplib's own loop (httplib::SSLServer), with the task queue below.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>

#include "tiktok_aigc/mock/types.hpp"

namespace tiktok_aigc::mock {

// Defaults: the mock's (Options), also for the record proxy and the replay server.
struct ConnectionLimits {
  std::size_t max_connections = Options{}.max_connections;
  std::chrono::milliseconds request_deadline = Options{}.request_timeout;
};

// The task queue of the servers above and of an SSLServer: a thread per connection up to the
// bound (and a few beyond it, so refusing a connection never waits for a slot).
httplib::TaskQueue* new_connection_task_queue(const ConnectionLimits& limits);

class HttpServer : public httplib::Server {
 public:
  explicit HttpServer(ConnectionLimits limits = {});
  ~HttpServer() override;

  // httplib's stop(), and kept-alive connections woken to end.
  void stop_serving();

  std::size_t open_connections() const { return open_connections_.load(); }

 private:
  bool process_and_close_socket(socket_t sock) override;
  bool serve_connection(socket_t sock);
  // Waits for the first byte of the next request: false when the connection is idle for the
  // keep-alive timeout (set_keep_alive_timeout), closed by the peer, or the server stops.
  bool wait_for_request(socket_t sock) const;

  const ConnectionLimits limits_;
  std::atomic<std::size_t> open_connections_{0};
  int stop_event_ = -1;  // an eventfd, readable once stop_serving() is called
};

}  // namespace tiktok_aigc::mock
