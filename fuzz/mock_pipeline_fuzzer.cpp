// libFuzzer target: the mock's request pipeline in-process, without a socket: route ->
// fault -> auth -> budget -> rules -> the endpoint's handler -> envelope, the control API and
// the media host, journaled, through InProcess::answer (mock_server/src/in_process.hpp), the
// function a request read from a connection runs: about 1,200 inputs a second under ASan
// and UBSan, where mock_request_fuzzer (the same inputs over loopback) runs about 700.
//
// The input's framing and the answers' invariants are mock_request_fuzzer's
// (mock_fuzz_input.hpp), so either corpus seeds either fuzzer. Each input becomes the
// httplib::Request httplib's parser would make of what httplib::Client sends for it: the
// target percent-encoded as the client does, then split at the first '?' into the decoded
// path and the parameters; Host, Content-Length and the peer's address as headers; a body
// only for the methods httplib reads one for.
//
// Not exercised here (mock_request_fuzzer's ground): HTTP parsing, httplib's own answers
// (400, 413, 414), keep-alive and bytes left unread on a connection.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <tiktok_aigc/mock/mock_server.hpp>

#include "in_process.hpp"
#include "mock_fuzz_input.hpp"

namespace {

using namespace mock_fuzz;

// What httplib 0.11's client does to a request-target before writing it (detail::encode_url,
// not declared in Debian's header): it stops at a NUL.
std::string encode_target(const std::string& path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\0') break;
    if (c == ' ' || c == '+' || c == '\r' || c == '\n' || c == '\'' || c == ',' || c == ';' ||
        byte >= 0x80) {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    } else {
      out += c;
    }
  }
  return out;
}

// The request the mock would be handed for `sent`, as httplib::Client sends it.
httplib::Request as_received(const httplib::Request& sent) {
  httplib::Request req;
  req.method = sent.method;
  req.version = "HTTP/1.1";
  req.target = encode_target(sent.path);
  const std::size_t question = req.target.find('?');
  req.path = httplib::detail::decode_url(req.target.substr(0, question), false);
  if (question != std::string::npos)
    httplib::detail::parse_query_text(req.target.substr(question + 1), req.params);
  req.headers = sent.headers;
  req.headers.emplace("Host", "127.0.0.1:8080");
  const bool reads_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
  if (!sent.body.empty()) {
    req.headers.emplace("Content-Length", std::to_string(sent.body.size()));
  } else if (reads_body) {
    req.headers.emplace("Content-Length", "0");
  }
  if (reads_body) req.body = sent.body;
  req.remote_addr = "127.0.0.1";
  req.remote_port = 40000;
  req.headers.emplace("REMOTE_ADDR", req.remote_addr);
  req.headers.emplace("REMOTE_PORT", std::to_string(req.remote_port));
  return req;
}

// The body a client would read: the content, or what the content provider writes. nullopt
// when the provider stops short (a dropped connection).
std::optional<std::string> body_of(const httplib::Response& res) {
  if (!res.content_provider_) return res.body;
  std::string out;
  httplib::DataSink sink;
  sink.write = [&out](const char* data, std::size_t size) {
    out.append(data, size);
    return true;
  };
  sink.is_writable = [] { return true; };
  sink.done = [] {};
  while (out.size() < res.content_length_) {
    const std::size_t before = out.size();
    const bool more = res.content_provider_(out.size(), res.content_length_ - out.size(), sink);
    if (!more || out.size() == before) break;
  }
  if (out.size() < res.content_length_) return std::nullopt;
  return out;
}

constexpr int kPipelineResetEvery = 1000;

struct Harness {
  tiktok_aigc::mock::MockServer mock{mock_options()};  // never started: no port
  long inputs = 0;

  // One request in, its answer checked against the invariants of `kind`.
  void answer(const httplib::Request& sent, int kind) {
    const httplib::Request req = as_received(sent);
    httplib::Response res;
    tiktok_aigc::mock::InProcess::answer(mock, req, res);
    const std::optional<std::string> body = body_of(res);
    if (!body) fail("no answer (the body stops short)", sent, res.status, "");
    check(sent, kind, res.status, res.get_header_value("Content-Type"), *body);
  }

  void health() {
    const httplib::Request sent = health_request();
    httplib::Response res;
    tiktok_aigc::mock::InProcess::answer(mock, as_received(sent), res);
    check_health(sent, res.status, res.body);
  }

  void run(const std::uint8_t* data, std::size_t size) {
    const auto framed = frame(data, size);
    if (!framed) return;
    answer(framed->req, framed->kind);
    // A control request may queue faults (a delay of minutes, a dropped connection): they
    // would hit later inputs and make them irreproducible. Each input stands alone.
    if (framed->kind == kControl) {
      mock.clear_faults();
      mock.freeze_clock();
    }
    if (++inputs % kHealthEvery == 0) health();
    // Sooner than over a socket: at thousands of inputs a second the lists grow fast, and
    // answering a page walks them.
    if (inputs % kPipelineResetEvery == 0) mock.reset();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Harness harness;
  harness.run(data, size);
  return 0;
}
