// The mock server's HTTP front end and its pipeline: route -> fault -> auth -> budget ->
// rules -> the endpoint's handler (api_handlers.cpp) -> envelope; the control API
// (control_api.cpp) and the media host (media_host.cpp) beside it. Every answer is written,
// journaled and logged here, scrubbed of secrets.
#include "tiktok_aigc/mock/mock_server.hpp"

#include <httplib.h>

#include <cstdio>
#include <stdexcept>
#include <thread>

#include "answers.hpp"
#include "api_handlers.hpp"
#include "control_api.hpp"
#include "dashboard.hpp"
#include "http_runner.hpp"
#include "in_process.hpp"
#include "media_host.hpp"
#include "mock_state.hpp"
#include "recording.hpp"
#include "request_reading.hpp"
#include "tiktok_aigc/api/budget_window.hpp"
#include "tiktok_aigc/api/endpoints.hpp"

namespace tiktok_aigc::mock {

using nlohmann::json;

struct MockServer::Impl {
  explicit Impl(Options options) : mock(std::move(options)) {}

  // ---- the request's way through ----

  Answer dispatch(const httplib::Request& req, httplib::Response& res, bool& journaled) {
    const std::string& path = req.path;
    // httplib holds Content-Length bodies to the limit, but reads a chunked body whole.
    if (req.body.size() > mock.options.max_body_bytes) {
      return plain(413, "HTTP 413: request bodies are limited to " +
                            std::to_string(mock.options.max_body_bytes) + " bytes");
    }
    if (mock.options.control_api) {
      if (auto page = serve_dashboard(req, res)) {
        journaled = false;
        return *page;
      }
    }
    if (path.rfind(kControlPrefix, 0) == 0 && mock.options.control_api) {
      journaled = false;
      return serve_control(mock, req);
    }
    if (path.rfind(kMediaPrefix, 0) == 0) return serve_media(mock, req, res);

    const api::Endpoint* endpoint = api::find_endpoint_by_path(path);
    if (!endpoint) return plain(404, "page not found");
    if (req.method != endpoint->method) {
      res.set_header("Allow", endpoint->method);
      return plain(405, "method not allowed");
    }

    const std::string request_id = mock.store.new_request_id(mock.clock.now());
    if (auto fault = mock.faults.take(endpoint->name)) {
      if (fault->delay.count() > 0) std::this_thread::sleep_for(fault->delay);
      if (fault->code)
        return envelope(request_id, *fault->code, api::default_message(*fault->code));
      if (fault->http_status) {
        return plain(*fault->http_status,
                     "injected fault: HTTP " + std::to_string(*fault->http_status));
      }
      if (fault->drop_connection) {
        Answer dropped = plain(200, "");
        dropped.http_status = -1;  // the dispatcher closes the connection mid-answer
        return dropped;
      }
    }

    // The whole value: get_header_value() stops at a NUL byte, and "token\0x" is not "token".
    const auto sent = req.headers.equal_range(api::kAccessTokenHeader);
    const std::string token = sent.first == sent.second ? "" : sent.first->second;
    if (token.empty()) {
      return envelope(request_id, api::codes::kEmptyAccessToken,
                      api::default_message(api::codes::kEmptyAccessToken));
    }
    if (std::next(sent.first) != sent.second) {  // two tokens name no one account
      return envelope(request_id, api::codes::kInvalidAccessToken, "Access-Token: given more than once");
    }
    if (!mock.tokens.empty() && mock.tokens.count(token) == 0) {
      return envelope(request_id, api::codes::kInvalidAccessToken,
                      api::default_message(api::codes::kInvalidAccessToken));
    }
    const auto override = mock.options.rate_limit_overrides.find(endpoint->name);
    const int budget = !mock.options.rate_limits ? 0
                       : override != mock.options.rate_limit_overrides.end()
                           ? override->second
                           : endpoint->budget_per_minute;
    const Millis window = mock.options.rate_window.value_or(api::kBudgetWindow);
    if (!mock.limiter.admit(token, endpoint->name, budget, window, mock.clock.now())) {
      return envelope(request_id, api::codes::kRequestTooFrequent,
                      api::default_message(api::codes::kRequestTooFrequent));
    }

    json request;  // the body or the parameters, checked against the endpoint's rules
    if (auto e = read_request(req, *endpoint, request)) return envelope(request_id, e->code, e->message);
    const std::string media_base = media_base_for(req);
    return handle_api_call(mock, Call{req, *endpoint, token, request_id, mock.clock.now(), request, media_base});
  }

  // Where this request's previews are served: the public base URL, else what the client
  // reached the mock at.
  std::string media_base_for(const httplib::Request& req) const {
    if (!mock.options.public_base_url.empty()) return mock.options.public_base_url;
    const std::string host = req.get_header_value("Host");
    if (!host.empty()) return std::string(tls ? "https" : "http") + "://" + host;
    // Not bound (a request run in-process, without a Host): a name, if no address.
    return runner ? runner->base_url() : "http://localhost";
  }

  // ---- serving ----

  void handle(const httplib::Request& req, httplib::Response& res) {
    const auto started = std::chrono::steady_clock::now();
    bool journaled = true;
    Answer answer;
    try {
      answer = dispatch(req, res, journaled);
    } catch (const std::exception& e) {
      // A bug of the mock's own: say so rather than drop the connection.
      answer = plain(500, std::string("mock server error: ") + e.what());
    }
    if (answer.http_status == -1) {
      // Promise a body, then end the stream before it: the client sees the connection drop.
      res.status = 200;
      res.set_content_provider(1024, "application/json",
                               [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
    } else if (may_leave_bytes_unread(req)) {
      res.status = answer.http_status;
      answer_then_close(res, answer.body, answer.content_type);
    } else {
      res.status = answer.http_status;
      res.set_content(answer.body, answer.content_type);
    }
    if (answer.http_status != -1 && mock.options.on_response) {
      mock.options.on_response(req.method, req.path, answer.http_status, answer.body);
    }
    if (!journaled && !mock.options.log) return;
    // A token sent in the query, or quoted in the body (and so maybe in the message), is
    // scrubbed from both, as in a recording.
    const auto question = req.target.find('?');
    const std::string raw_query = question == std::string::npos ? "" : req.target.substr(question + 1);
    std::vector<std::string> secrets = recording::secret_query_values(raw_query);
    const auto tokens_sent = req.headers.equal_range(api::kAccessTokenHeader);
    for (auto sent = tokens_sent.first; sent != tokens_sent.second; ++sent) {
      secrets.push_back(sent->second);
    }
    const std::vector<std::string> texts = recording::secret_texts(secrets);
    const std::string message = recording::replace_secrets(answer.message, texts);
    if (journaled) {
      JournalEntry entry;
      entry.time = format_iso8601(mock.clock.now());
      entry.method = req.method;
      entry.path = req.path;
      entry.query = recording::scrub_query(raw_query, texts);
      entry.body = recording::replace_secrets(req.body, texts);
      entry.access_token_sent = tokens_sent.first != tokens_sent.second;
      if (entry.access_token_sent) entry.token_digest = token_digest(tokens_sent.first->second);
      entry.http_status = answer.http_status;
      entry.code = answer.code;
      entry.message = message;
      entry.request_id = answer.request_id;
      mock.journal.record(std::move(entry));
    }
    if (mock.options.log) {
      const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count();
      std::string line = format_iso8601(mock.clock.now()) + " " + req.method + " " + req.path + " " +
                         std::to_string(answer.http_status);
      if (answer.code) line += " code=" + std::to_string(*answer.code);
      if (!message.empty() && message != api::kOkMessage) {
        line += " message=" + json(message).dump(-1, ' ', false, json::error_handler_t::replace);
      }
      if (!answer.request_id.empty()) line += " request_id=" + answer.request_id;
      char elapsed[32];
      std::snprintf(elapsed, sizeof elapsed, " %.1fms", static_cast<double>(micros) / 1000.0);
      mock.options.log(line + elapsed);
    }
  }

  void build_server() {
    const ConnectionLimits limits{mock.options.max_connections, mock.options.request_timeout};
    std::unique_ptr<httplib::Server> server;
    const bool want_tls = !mock.options.tls_cert_file.empty() || !mock.options.tls_key_file.empty();
    if (want_tls) {
      if (mock.options.tls_cert_file.empty() || mock.options.tls_key_file.empty()) {
        throw std::invalid_argument("HTTPS needs both a certificate and a key file");
      }
      auto tls_server = std::make_unique<httplib::SSLServer>(mock.options.tls_cert_file.c_str(),
                                                             mock.options.tls_key_file.c_str());
      if (!tls_server->is_valid()) {
        throw std::runtime_error("cannot load the TLS certificate " + mock.options.tls_cert_file +
                                 " and key " + mock.options.tls_key_file);
      }
      // httplib serves TLS connections itself: the bound on connections and the request
      // deadline are HttpServer's, but the thread per connection is had here too.
      tls_server->new_task_queue = [limits] { return new_connection_task_queue(limits); };
      server = std::move(tls_server);
      tls = true;
    } else {
      server = std::make_unique<HttpServer>(limits);
    }
    runner = std::make_unique<HttpRunner>(std::move(server), tls ? "https" : "http");
    httplib::Server* http = runner->http.get();
    http->set_keep_alive_max_count(1000);
    http->set_payload_max_length(mock.options.max_body_bytes);
    const auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      handle(req, res);
    };
    for (const char* pattern : {".*"}) {
      http->Get(pattern, handler);
      http->Post(pattern, handler);
      http->Put(pattern, handler);
      http->Patch(pattern, handler);
      http->Delete(pattern, handler);
      http->Options(pattern, handler);
    }
    // A POST, PUT or PATCH with neither Content-Length nor Transfer-Encoding has no body
    // (RFC 9112, 6.3), yet httplib 0.11 reads on until the peer closes and answers 400 when
    // the read times out: `curl -X POST .../__mock__/clock/freeze` would wait for a 400. Such
    // a request is served here, before httplib reads anything.
    http->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      const bool reads_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
      if (!reads_body || req.has_header("Content-Length") || req.has_header("Transfer-Encoding")) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      handle(req, res);
      return httplib::Server::HandlerResponse::Handled;
    });
    // What httplib answers by itself (413, 414, 400) gets a body that says why, and ends the
    // connection: httplib stops reading such a request where it finds fault, and the rest
    // (headers, a body) would be taken for the next request.
    http->set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request&,
                                                                        httplib::Response& res) {
      // The mock's own answers all have a type (some have their body in a content provider).
      if (!res.body.empty() || res.has_header("Content-Type")) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      std::string why = "HTTP " + std::to_string(res.status);
      if (res.status == 413) {
        why +=
            ": request bodies are limited to " + std::to_string(mock.options.max_body_bytes) + " bytes";
      } else if (res.status == 414) {
        why += ": the request line is too long";
      } else if (res.status == 400) {
        why += ": malformed HTTP request";
      }
      answer_then_close(res, why, "text/plain; charset=utf-8");
      return httplib::Server::HandlerResponse::Handled;
    }));
  }

  // Binds, and serves on a thread of its own when `in_background` (else serve() does).
  // Binds, and serves on a thread of its own when `in_background` (else serve() does).
  int open(const std::string& host, int port, bool in_background) {
    if (runner) throw std::logic_error("the mock server is already bound");
    build_server();
    try {
      return in_background ? runner->start(host, port) : runner->bind(host, port);
    } catch (...) {
      runner.reset();
      throw;
    }
  }

  MockState mock;
  std::unique_ptr<HttpRunner> runner;
  bool tls = false;
};

MockServer::MockServer(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}

MockServer::~MockServer() { stop(); }

int MockServer::bind(const std::string& host, int port) { return impl_->open(host, port, false); }

void MockServer::serve() { impl_->runner->serve(); }

int MockServer::start(const std::string& host, int port) { return impl_->open(host, port, true); }

void MockServer::stop() {
  if (impl_->runner) impl_->runner->stop();
}

int MockServer::port() const { return impl_->runner ? impl_->runner->port : -1; }

std::string MockServer::base_url() const { return impl_->runner->base_url(); }
std::string MockServer::sample_video_url() const { return base_url() + kSampleVideoPath; }
std::string MockServer::sample_image_url() const { return base_url() + kSampleImagePath; }

void InProcess::answer(MockServer& server, const httplib::Request& req, httplib::Response& res) {
  server.impl_->handle(req, res);
}

void MockServer::reset() { impl_->mock.reset(); }
Clock::time_point MockServer::now() const { return impl_->mock.clock.now(); }
void MockServer::freeze_clock() { impl_->mock.clock.freeze(); }
void MockServer::unfreeze_clock() { impl_->mock.clock.unfreeze(); }
void MockServer::advance_clock(Millis by) {
  if (by.count() < 0) throw std::invalid_argument("the clock only moves forward");
  impl_->mock.clock.advance(by);
}
void MockServer::queue_video_outcomes(const std::vector<TaskOutcome>& outcomes) {
  impl_->mock.store.queue_outcomes(OutcomeQueue::video, outcomes);
}
void MockServer::queue_script_outcomes(const std::vector<TaskOutcome>& outcomes) {
  impl_->mock.store.queue_outcomes(OutcomeQueue::script, outcomes);
}
void MockServer::queue_avatar_video_outcomes(const std::vector<TaskOutcome>& outcomes) {
  impl_->mock.store.queue_outcomes(OutcomeQueue::avatar_video, outcomes);
}
void MockServer::inject_fault(const Fault& fault) { impl_->mock.faults.inject(fault); }
void MockServer::clear_faults() { impl_->mock.faults.clear(); }
std::vector<JournalEntry> MockServer::journal(std::size_t limit) const {
  return impl_->mock.journal.last(limit);
}
void MockServer::clear_journal() { impl_->mock.journal.clear(); }
nlohmann::json MockServer::state(std::size_t limit) const { return state_json(impl_->mock, limit); }

std::vector<std::string> MockServer::endpoint_names() {
  std::vector<std::string> names;
  for (const auto& endpoint : api::endpoints()) names.emplace_back(endpoint.name);
  return names;
}

}  // namespace tiktok_aigc::mock
