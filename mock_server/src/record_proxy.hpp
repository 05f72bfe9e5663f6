// The recording proxy: serves the API's paths by forwarding each request to an
// upstream (the live API, or another mock) and answering with the upstream's status and
// body, while appending each exchange, scrubbed, to a recording (see recording.hpp).
//
//   RecordProxy proxy(options);       // record_to, upstream (and upstream_ca)
//   proxy.start();                          // 127.0.0.1, a free port
//   ... point a client at proxy.base_url() ...
//   proxy.stop();
#pragma once

#include <memory>
#include <string>

namespace tiktok_aigc::mock {

struct RecordOptions {
  std::string record_to;    // the .jsonl file exchanges are appended to
  std::string upstream;     // http(s)://host[:port][/prefix]
  std::string upstream_ca;  // PEM file of a private CA; empty: the system's. Always verified.
  int upstream_timeout_seconds = 60;
};

class RecordProxy {
 public:
  explicit RecordProxy(RecordOptions options);  // throws std::runtime_error
  ~RecordProxy();
  RecordProxy(const RecordProxy&) = delete;
  RecordProxy& operator=(const RecordProxy&) = delete;

  int start(const std::string& host = "127.0.0.1", int port = 0);  // serves on a thread
  int bind(const std::string& host, int port);                     // then serve() blocks
  void serve();
  void stop();
  int port() const;
  std::string base_url() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tiktok_aigc::mock
