// The replay server: serves a recording (see recording.hpp) offline. A request matches a
// recorded exchange when method, path, query (as a multiset of pairs) and request body are
// equal, secret-like fields compared after scrubbing. Matching exchanges are served in
// recorded order, the last one again once all have been served. Any Access-Token is
// accepted; a missing one is answered 40104. A request no exchange matches gets HTTP 404
// with the closest exchange of the same method and path and what differs:
//   {"error":"no recording matches this request","closest":{...},"differences":[...]}
#pragma once

#include <memory>
#include <string>

namespace tiktok_aigc::mock {

class ReplayServer {
 public:
  explicit ReplayServer(const std::string& recording_file);  // throws std::runtime_error
  ~ReplayServer();
  ReplayServer(const ReplayServer&) = delete;
  ReplayServer& operator=(const ReplayServer&) = delete;

  int start(const std::string& host = "127.0.0.1", int port = 0);
  int bind(const std::string& host, int port);
  void serve();
  void stop();
  int port() const;
  std::string base_url() const;
  void rewind();  // serve every exchange again from its first recording

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tiktok_aigc::mock
