// A media origin for the tests of fetched URLs (uploads, dubbing sources): an HTTP server on
// 127.0.0.1 with fixed routes, counting the requests per path.
#pragma once

#include <httplib.h>

#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace tiktok_aigc::mock::testing {

struct Route {
  int status = 200;
  std::string content_type;
  std::string body;
  httplib::Headers headers;
};

// An HTTP server on 127.0.0.1 serving fixed routes and counting the requests per path.
class Origin {
 public:
  Origin() {
    server_.set_tcp_nodelay(true);
    server_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mutex_);
      ++hits_[req.path];
      const auto route = routes_.find(req.path);
      if (route == routes_.end()) {
        res.status = 404;
        res.set_content("not found", "text/plain");
        return;
      }
      res.status = route->second.status;
      for (const auto& [name, value] : route->second.headers) res.set_header(name.c_str(), value);
      res.set_content(route->second.body, route->second.content_type.c_str());
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("the origin cannot bind");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() before the accept loop runs would not stop it.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!server_.is_running() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~Origin() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  Origin(const Origin&) = delete;
  Origin& operator=(const Origin&) = delete;

  void add(const std::string& path, Route route) {
    std::lock_guard<std::mutex> lock(mutex_);
    routes_[path] = std::move(route);
  }
  int hits(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = hits_.find(path);
    return found == hits_.end() ? 0 : found->second;
  }
  int total_hits() const {
    std::lock_guard<std::mutex> lock(mutex_);
    int total = 0;
    for (const auto& entry : hits_) total += entry.second;
    return total;
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = -1;
  mutable std::mutex mutex_;
  std::map<std::string, Route> routes_;
  std::map<std::string, int> hits_;
};

}  // namespace tiktok_aigc::mock::testing
