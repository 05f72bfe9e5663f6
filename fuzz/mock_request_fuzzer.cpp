// libFuzzer target: the mock's request handling (routing, token, Content-Type, JSON syntax,
// the documented rules, the control API, the media host) driven over a kept-alive loopback
// connection to one in-process MockServer: HTTP framing included, about 700 inputs a second.
// mock_pipeline_fuzzer runs the same inputs through the pipeline without a socket, faster.
//
// The input's framing and the invariants of the answers: mock_fuzz_input.hpp. Every
// kHealthEvery inputs a fixed GET script/list/ must still answer code 0.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <tiktok_aigc/mock/mock_server.hpp>

#include "mock_fuzz_input.hpp"

namespace {

using namespace mock_fuzz;

struct Harness {
  tiktok_aigc::mock::MockServer mock;
  std::unique_ptr<httplib::Client> http;
  long inputs = 0;

  Harness() : mock(mock_options()) {
    mock.start();
    connect();
  }

  void connect() {
    http = std::make_unique<httplib::Client>(mock.base_url());
    http->set_keep_alive(true);
    http->set_tcp_nodelay(true);  // else Nagle and delayed ACKs cost ~40 ms a request
    http->set_connection_timeout(5);
    http->set_read_timeout(30);
    http->set_write_timeout(30);
  }

  void health() {
    const httplib::Request req = health_request();
    auto res = http->send(req);
    if (!res)
      fail("no answer to the health request: " + httplib::to_string(res.error()), req, 0, "");
    check_health(req, res->status, res->body);
  }

  void run(const std::uint8_t* data, std::size_t size) {
    auto framed = frame(data, size);
    if (!framed) return;
    const httplib::Request& req = framed->req;
    const int kind = framed->kind;

    auto res = http->send(req);
    if (!res) {
      // httplib refuses some requests before sending (e.g. a path it cannot write): not the
      // mock's fault. A lost connection to a healthy mock is.
      const auto error = res.error();
      connect();
      if (error != httplib::Error::Write) health();
      if (error == httplib::Error::Read || error == httplib::Error::Connection)
        fail("no answer: " + httplib::to_string(error), req, 0, "");
    } else {
      check(req, kind, res->status, res->get_header_value("Content-Type"), res->body);
    }
    // httplib's server reads no body for these methods: were the bytes left on the kept-alive
    // connection, the next request would get an answer meant for them. The health request
    // would then fail.
    if (!req.body.empty() && req.method != "POST" && req.method != "PUT" && req.method != "PATCH") {
      health();
    }

    // A control request may queue faults (a delay of minutes, a dropped connection): they
    // would hit later inputs and make them irreproducible. Each input stands alone.
    if (kind == kControl) {
      mock.clear_faults();
      mock.freeze_clock();
    }
    if (++inputs % kHealthEvery == 0) health();
    if (inputs % kResetEvery == 0) mock.reset();
  }
};

Harness& harness() {
  static Harness* made = new Harness();  // never destroyed: the server outlives the run
  return *made;
}

}  // namespace

// For replay_main.cpp: the server's threads end before static tables they read (the API's
// description) are destroyed at exit.
extern "C" void fuzz_replay_finished() { harness().mock.stop(); }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  harness().run(data, size);
  return 0;
}
