#include "record_proxy.hpp"

#include <stdexcept>
#include <vector>

#include "tiktok_aigc/api/endpoints.hpp"
#include "http_runner.hpp"
#include "recording.hpp"
#include "raw_query.hpp"

namespace tiktok_aigc::mock {

using nlohmann::json;

struct RecordProxy::Impl {
  explicit Impl(RecordOptions opts) : options(std::move(opts)), writer(options.record_to) {
    // http(s)://host[:port] is the origin httplib connects to; a path after it prefixes
    // every forwarded path.
    const std::size_t scheme_end = options.upstream.find("://");
    if (scheme_end == std::string::npos ||
        (options.upstream.compare(0, scheme_end, "http") != 0 &&
         options.upstream.compare(0, scheme_end, "https") != 0)) {
      throw std::runtime_error("--upstream must be an http:// or https:// URL, got " +
                               options.upstream);
    }
    const std::size_t path_start = options.upstream.find('/', scheme_end + 3);
    origin = options.upstream.substr(0, path_start);
    if (path_start != std::string::npos) prefix = options.upstream.substr(path_start);
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();

    runner.http->set_payload_max_length(100u << 20);
    const auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      forward(req, res);
    };
    runner.http->Get(".*", handler);
    runner.http->Post(".*", handler);
  }

  std::unique_ptr<httplib::Client> client() const {
    auto http = std::make_unique<httplib::Client>(origin);
    if (!http->is_valid()) throw std::runtime_error("cannot use the upstream " + origin);
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
    http->enable_server_certificate_verification(true);
    if (!options.upstream_ca.empty()) http->set_ca_cert_path(options.upstream_ca.c_str());
#endif
    http->set_tcp_nodelay(true);
    http->set_connection_timeout(10, 0);
    http->set_read_timeout(options.upstream_timeout_seconds, 0);
    http->set_write_timeout(options.upstream_timeout_seconds, 0);
    return http;
  }

  void forward(const httplib::Request& req, httplib::Response& res) {
    const api::Endpoint* endpoint = api::find_endpoint_by_path(req.path);
    if (!endpoint) {
      res.status = 404;
      res.set_content(json{{"error", "the record proxy serves the API's paths only"}}.dump(),
                      "application/json");
      return;
    }
    const std::size_t question = req.target.find('?');
    const std::string raw_query =
        question == std::string::npos ? std::string() : req.target.substr(question + 1);
    const std::string target = prefix + req.path + (raw_query.empty() ? "" : "?" + raw_query);

    httplib::Headers headers;
    const std::string token = req.get_header_value(api::kAccessTokenHeader);
    if (req.has_header(api::kAccessTokenHeader)) headers.emplace(api::kAccessTokenHeader, token);
    const std::string content_type = req.get_header_value("Content-Type");

    const auto upstream = client();
    const httplib::Result result =
        req.method == "POST"
            ? upstream->Post(target.c_str(), headers, req.body,
                             (content_type.empty() ? "application/json" : content_type).c_str())
            : upstream->Get(target.c_str(), headers);
    if (!result) {
      res.status = 502;
      res.set_content(
          json{{"error", "upstream unreachable: " + httplib::to_string(result.error())}}.dump(),
          "application/json");
      return;  // nothing the upstream said, so nothing to record
    }
    res.status = result->status;
    const std::string answer_type = result->get_header_value("Content-Type");
    res.set_content(result->body, answer_type.empty() ? "application/json" : answer_type.c_str());

    recording::Exchange exchange;
    exchange.method = req.method;
    exchange.path = req.path;
    exchange.query = parse_query(raw_query);
    exchange.request_body = recording::body_value(req.body);
    exchange.status = result->status;
    exchange.response_body = recording::body_value(result->body);
    if (exchange.response_body.is_null()) exchange.response_body = "";
    writer.append(exchange, {token});
  }

  RecordOptions options;
  std::string origin;
  std::string prefix;
  recording::Writer writer;
  HttpRunner runner;
};

RecordProxy::RecordProxy(RecordOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}
RecordProxy::~RecordProxy() { stop(); }
int RecordProxy::start(const std::string& host, int port) {
  return impl_->runner.start(host, port);
}
int RecordProxy::bind(const std::string& host, int port) { return impl_->runner.bind(host, port); }
void RecordProxy::serve() { impl_->runner.serve(); }
void RecordProxy::stop() { impl_->runner.stop(); }
int RecordProxy::port() const { return impl_->runner.port; }
std::string RecordProxy::base_url() const { return impl_->runner.base_url(); }

}  // namespace tiktok_aigc::mock
