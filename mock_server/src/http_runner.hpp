// What the mock, the record proxy and the replay server share: an HTTP server (HttpServer,
// or an httplib::SSLServer) bound to a port, served on the calling thread or on one of its
// own, and stopped cleanly despite cpp-httplib 0.11's quirks (see bind() and start()).
#pragma once

#include <httplib.h>
#include <sys/socket.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "http_server.hpp"

namespace tiktok_aigc::mock {

struct HttpRunner {
  std::unique_ptr<httplib::Server> http;
  std::string scheme;  // "http", or "https" for an httplib::SSLServer
  std::thread thread;
  std::string host;
  int port = -1;

  explicit HttpRunner(std::unique_ptr<httplib::Server> server = std::make_unique<HttpServer>(),
                      std::string url_scheme = "http")
      : http(std::move(server)), scheme(std::move(url_scheme)) {
    // Without TCP_NODELAY, header and body writes meet the peer's delayed ACK (~40 ms).
    http->set_tcp_nodelay(true);
    // An idle kept-alive connection costs a sleeping thread, and stop() ends it at once
    // (HttpServer) or within 10 ms (httplib's own loop, over TLS).
    http->set_keep_alive_timeout(5);
  }

  // httplib 0.11 listens with a backlog of 5 and SO_REUSEPORT: a burst of new connections
  // overflows the backlog (the kernel resets some), and a second server could share the
  // port unnoticed. Keep the socket, so as to listen again with a real backlog, and bind
  // with SO_REUSEADDR only.
  int bind(const std::string& bind_host, int bind_port) {
    if (port >= 0) throw std::logic_error("already bound");
    socket_t listening = INVALID_SOCKET;
    http->set_socket_options([&listening](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      listening = sock;
    });
    const int bound = bind_port == 0 ? http->bind_to_any_port(bind_host)
                                     : (http->bind_to_port(bind_host, bind_port) ? bind_port : -1);
    if (bound < 0 || ::listen(listening, SOMAXCONN) != 0) {
      throw std::runtime_error("cannot listen on " + bind_host + ":" + std::to_string(bind_port));
    }
    host = bind_host.find(':') != std::string::npos ? "[" + bind_host + "]" : bind_host;
    port = bound;
    return bound;
  }

  void serve() { http->listen_after_bind(); }

  // Connections made before the accept loop runs wait in the listen backlog, but httplib
  // 0.11 ignores a stop() that comes before the loop runs (and stop() would then wait
  // forever): return once it runs. It takes microseconds; the bound is for safety.
  int start(const std::string& bind_host, int bind_port) {
    const int bound = bind(bind_host, bind_port);
    thread = std::thread([this] { serve(); });
    for (int i = 0; i < 10000 && !http->is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    return bound;
  }

  void stop() {
    if (port < 0) return;
    if (auto* plain = dynamic_cast<HttpServer*>(http.get())) {
      plain->stop_serving();
    } else {
      http->stop();
    }
    if (thread.joinable()) thread.join();
  }

  std::string base_url() const { return scheme + "://" + host + ":" + std::to_string(port); }
};

}  // namespace tiktok_aigc::mock
