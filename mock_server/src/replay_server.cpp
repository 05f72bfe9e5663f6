#include "replay_server.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <vector>

#include "tiktok_aigc/api/endpoints.hpp"
#include "http_runner.hpp"
#include "recording.hpp"
#include "raw_query.hpp"
#include "tiktok_aigc/api/return_codes.hpp"

namespace tiktok_aigc::mock {

using nlohmann::json;

struct ReplayServer::Impl {
  explicit Impl(const std::string& file)
      : exchanges(recording::load(file)), served(exchanges.size(), false) {
    const auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      answer(req, res);
    };
    runner.http->Get(".*", handler);
    runner.http->Post(".*", handler);
  }

  static void send(httplib::Response& res, int status, const json& body) {
    res.status = status;
    if (body.is_string()) {
      res.set_content(body.get<std::string>(), "text/plain; charset=utf-8");
    } else {
      res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace),
                      "application/json");
    }
  }

  void answer(const httplib::Request& req, httplib::Response& res) {
    recording::Exchange got;
    got.method = req.method;
    got.path = req.path;
    const std::size_t question = req.target.find('?');
    got.query = parse_query(
        question == std::string::npos ? std::string() : req.target.substr(question + 1));
    got.request_body = recording::body_value(req.body);
    const std::string token = req.get_header_value(api::kAccessTokenHeader);
    // Compared as recorded: secret-like fields, and this request's token, scrubbed.
    recording::scrub(got, {token});

    if (api::find_endpoint_by_path(req.path) && token.empty()) {
      char request_id[32];
      std::snprintf(request_id, sizeof request_id, "replay%016llu",
                    static_cast<unsigned long long>(++request_counter));
      send(res, 200,
           {{"code", api::codes::kEmptyAccessToken},
            {"message", api::default_message(api::codes::kEmptyAccessToken)},
            {"request_id", request_id},
            {"data", json::object()}});
      return;
    }

    std::lock_guard<std::mutex> lock(mutex);
    const recording::Exchange* last_match = nullptr;
    for (std::size_t i = 0; i < exchanges.size(); ++i) {
      if (!recording::matches(exchanges[i], got)) continue;
      if (!served[i]) {
        served[i] = true;
        send(res, exchanges[i].status, exchanges[i].response_body);
        return;
      }
      last_match = &exchanges[i];
    }
    if (last_match) {
      send(res, last_match->status, last_match->response_body);
      return;
    }

    // No match: the exchange of the same method and path with the fewest differences.
    const recording::Exchange* closest = nullptr;
    std::vector<std::string> closest_differences;
    for (const auto& exchange : exchanges) {
      if (exchange.method != got.method || exchange.path != got.path) continue;
      auto found = recording::differences(exchange, got);
      if (!closest || found.size() < closest_differences.size()) {
        closest = &exchange;
        closest_differences = std::move(found);
      }
    }
    json body = {{"error", "no recording matches this request"},
                 {"closest", closest ? recording::to_json(*closest) : json()},
                 {"differences", closest_differences}};
    if (!closest) {
      body["differences"] = {"no exchange recorded for " + got.method + " " + got.path};
    }
    send(res, 404, body);
  }

  std::vector<recording::Exchange> exchanges;
  std::vector<bool> served;
  std::mutex mutex;
  std::atomic<unsigned long long> request_counter{0};
  HttpRunner runner;
};

ReplayServer::ReplayServer(const std::string& recording_file)
    : impl_(std::make_unique<Impl>(recording_file)) {}
ReplayServer::~ReplayServer() { stop(); }
int ReplayServer::start(const std::string& host, int port) {
  return impl_->runner.start(host, port);
}
int ReplayServer::bind(const std::string& host, int port) { return impl_->runner.bind(host, port); }
void ReplayServer::serve() { impl_->runner.serve(); }
void ReplayServer::stop() { impl_->runner.stop(); }
int ReplayServer::port() const { return impl_->runner.port; }
std::string ReplayServer::base_url() const { return impl_->runner.base_url(); }
void ReplayServer::rewind() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->served.assign(impl_->exchanges.size(), false);
}

}  // namespace tiktok_aigc::mock
