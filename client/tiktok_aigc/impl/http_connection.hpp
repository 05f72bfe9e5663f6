// The connection to the API over HTTPS. One call: check the request -> wait for the rate
// limiter -> send -> decode the envelope -> maybe retry, within the call's deadline.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "tiktok_aigc/api/endpoints.hpp"
#include "tiktok_aigc/connection.hpp"
#include "tiktok_aigc/impl/decoding.hpp"
#include "tiktok_aigc/impl/dependencies.hpp"
#include "tiktok_aigc/impl/digest.hpp"
#include "tiktok_aigc/impl/encoding.hpp"
#include "tiktok_aigc/impl/validation.hpp"
#include "tiktok_aigc/version.hpp"

namespace tiktok_aigc {
namespace detail {

// Exponential backoff with full jitter: a random wait in [0, min(max, initial*m^n)], so
// clients that failed together do not retry together.
inline Duration backoff_delay(const RetryPolicy& policy, int retry_number, std::mt19937_64& random) {
  double ceiling = static_cast<double>(policy.initial_backoff.count());
  for (int i = 0; i < retry_number && ceiling < static_cast<double>(policy.max_backoff.count()); ++i) {
    ceiling *= policy.multiplier;
  }
  ceiling = std::min(ceiling, static_cast<double>(policy.max_backoff.count()));
  std::uniform_real_distribution<double> pick(0.0, ceiling);
  return Duration(static_cast<Duration::rep>(pick(random)));
}

// Whether a failed call may be sent again. Reads (GET) are safe to repeat. A create is
// repeated only when it surely did not take effect: the connection was never made, or the
// API refused it with a throttling code; after a timeout or a 5xx it may have.
inline bool should_retry(const Status& status, bool idempotent) {
  if (status.category == ErrorCategory::rate_limited) return true;
  // Only a transient failure is worth repeating: a TLS verification failure also carries a
  // transport error, but its category (unknown) says a retry cannot fix it.
  if (status.category != ErrorCategory::transient) return false;
  if (status.transport_error == TransportError::connection) return true;
  return idempotent;
}

inline std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::string(value) : fallback;
}

// "https://host:port/prefix" -> ("https://host:port", "/prefix")
inline std::pair<std::string, std::string> split_base_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  const auto path_start = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  if (path_start == std::string::npos) return {url, ""};
  std::string prefix = url.substr(path_start);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return {url.substr(0, path_start), prefix};
}

// Why a base URL cannot be used, or empty: an http(s) scheme and a host.
inline std::string base_url_problem(const std::string& url) {
  const std::size_t after = api::strings::after_http_scheme(url);
  if (after == std::string::npos) return "base_url: must start with https:// or http://, got \"" + url + "\"";
  if (after == url.size() || url[after] == '/' || url[after] == ':') return "base_url: has no host: \"" + url + "\"";
  return {};
}

// Why ClientOptions::budgets cannot be used, or empty.
inline std::string budgets_problem(const std::map<std::string, Budget>& budgets) {
  for (const auto& [name, budget] : budgets) {
    const std::string field = "budgets[\"" + name + "\"]";
    if (!api::find_endpoint_by_name(name)) return field + ": no endpoint of that name";
    if (budget.requests < 0) return field + ".requests: must be 0 (unlimited) or more";
    if (budget.window.count() <= 0) return field + ".window: must be longer than 0 ms";
  }
  return {};
}

inline std::string encode_query(const QueryParams& params) {
  std::string query;
  for (const auto& [name, value] : params) {
    query += (query.empty() ? "" : "&") + httplib::detail::encode_query_param(name) + "=" +
             httplib::detail::encode_query_param(value);
  }
  return query;
}

inline TransportError transport_error_of(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection: return TransportError::connection;
    case httplib::Error::ConnectionTimeout: return TransportError::connection_timeout;
    case httplib::Error::Read: return TransportError::read;
    case httplib::Error::Write: return TransportError::write;
    case httplib::Error::SSLConnection: return TransportError::tls_handshake;
    case httplib::Error::SSLLoadingCerts:
    case httplib::Error::SSLServerVerification: return TransportError::tls_verification;
    case httplib::Error::Canceled: return TransportError::cancelled;
    default: return TransportError::other;
  }
}

inline const char* describe(TransportError error) {
  switch (error) {
    case TransportError::connection: return "could not connect (refused, unreachable or no such host)";
    case TransportError::connection_timeout: return "timed out connecting (ClientOptions::connect_timeout)";
    case TransportError::read:
      return "the connection ended or timed out before the whole answer came (ClientOptions::read_timeout)";
    case TransportError::write:
      return "the connection ended or timed out while sending (ClientOptions::write_timeout)";
    case TransportError::tls_handshake: return "the TLS handshake failed";
    case TransportError::cancelled: return "cancelled";
    default: return "the request failed";
  }
}

// "no answer from https://host: could not connect (...)": where and what happened.
inline Status transport_failure(httplib::Error error, const std::string& origin) {
  const TransportError kind = transport_error_of(error);
  Status status{ErrorCategory::transient, "no answer from " + origin + ": " + describe(kind)};
  status.transport_error = kind;
  if (kind == TransportError::tls_verification) {
    status.category = ErrorCategory::unknown;  // retrying cannot fix a certificate
    status.message = "TLS verification failed for " + origin + ": " + httplib::to_string(error) +
                     " (set ClientOptions::ca_cert_file to trust a private CA)";
  }
  return status;
}

// The envelope's data and request_id of a successful call. `data` points into the parsed
// answer, which it keeps alive: the results' raw JSON shares it, nothing is copied.
struct Envelope {
  std::shared_ptr<const nlohmann::json> data;
  std::string request_id;
};

inline Result<Envelope> decode_envelope(int http_status, const std::string& body) {
  const auto document = std::make_shared<nlohmann::json>(nlohmann::json::parse(body, nullptr, false));
  nlohmann::json& envelope = *document;
  const bool well_formed =
      envelope.is_object() && envelope.contains("code") && envelope["code"].is_number_integer();
  if (!well_formed) {
    Status status{classify_http_status(http_status),
                  "HTTP " + std::to_string(http_status) + " without the API's JSON envelope"};
    if (status.category == ErrorCategory::ok) status.category = ErrorCategory::bad_response;
    status.http_status = http_status;
    return status;
  }
  Envelope out;
  if (envelope.contains("request_id") && envelope["request_id"].is_string()) {
    out.request_id = envelope["request_id"].get<std::string>();
  }
  const int code = envelope["code"].get<int>();
  ErrorCategory category = classify_code(code);
  // A 5xx is a server fault whatever its body says.
  if (category == ErrorCategory::ok && http_status != 200) category = classify_http_status(http_status);
  if (category != ErrorCategory::ok) {
    const auto message = envelope.find("message");
    Status status{category, message != envelope.end() && message->is_string() ? message->get<std::string>() : ""};
    status.api_code = code;
    status.request_id = out.request_id;
    status.http_status = http_status;
    return status;
  }
  if (!envelope.contains("data")) envelope["data"] = nlohmann::json::object();
  out.data = std::shared_ptr<const nlohmann::json>(document, &envelope["data"]);
  return out;
}

// GET requests have a to_query(); POST requests a to_body().
template <typename Request, typename = void>
struct is_query : std::false_type {};
template <typename Request>
struct is_query<Request, std::void_t<decltype(to_query(std::declval<const Request&>()))>> : std::true_type {};

// One request as it travels.
struct Call {
  const char* endpoint;  // for the limiter's key and the log
  const char* method;    // "GET" or "POST"
  std::string path;      // under the base URL, e.g. "/open_api/v1.3/file/video/ad/upload/"
  QueryParams query;     // unencoded
  std::string body;      // JSON, for POST
  bool idempotent = false;
  Budget budget;
};

class HttpConnection : public Connection {
 public:
  explicit HttpConnection(ClientOptions options) : options_(std::move(options)) {
    if (options_.access_token.empty()) options_.access_token = env_or("TIKTOK_ACCESS_TOKEN", "");
    if (options_.base_url.empty()) options_.base_url = env_or("TIKTOK_API_BASE", api::kLiveBaseUrl);
    unusable_ = base_url_problem(options_.base_url);
    if (unusable_.empty()) unusable_ = budgets_problem(options_.budgets);
    std::tie(origin_, prefix_) = split_base_url(options_.base_url);
    if (!options_.rate_limiter) options_.rate_limiter = RateLimiter::process_wide();
    if (!options_.clock) options_.clock = SystemClock::instance();
    random_.seed(options_.jitter_seed ? *options_.jitter_seed : std::random_device{}());
    // The budget is the app's, and a token stands for an app.
    limiter_app_ = origin_ + "|" + hex_digest(options_.access_token, EVP_sha256());
  }

  ClientOptions options() const override { return options_; }

  Result<UploadedVideo> upload_video(const UploadVideoRequest& request, const CallOptions& call) override {
    return send<UploadedVideo>(request, call);
  }
  Result<CreatedVideoTasks> create_video_tasks(const CreateVideoTaskRequest& request,
                                               const CallOptions& call) override {
    return send<CreatedVideoTasks>(request, call);
  }
  Result<VideoTaskList> get_video_tasks(const VideoTaskQuery& query, const CallOptions& call) override {
    return send<VideoTaskList>(query, call);
  }
  Result<VideoPage> list_videos(const VideoListQuery& query, const CallOptions& call) override {
    return send<VideoPage>(query, call);
  }
  Result<CreatedScriptTask> create_script_task(const CreateScriptTaskRequest& request,
                                               const CallOptions& call) override {
    return send<CreatedScriptTask>(request, call);
  }
  Result<ScriptTask> get_script_task(const ScriptTaskQuery& query, const CallOptions& call) override {
    return send<ScriptTask>(query, call);
  }
  Result<ScriptPage> list_scripts(const ScriptListQuery& query, const CallOptions& call) override {
    return send<ScriptPage>(query, call);
  }

  Result<CreatedVideoTasks> create_image_animation_tasks(const CreateImageAnimationTaskRequest& request,
                                                         const CallOptions& call) override {
    return send<CreatedVideoTasks>(request, call);
  }

  Result<AvatarPage> list_avatars(const AvatarListQuery& query, const CallOptions& call) override {
    return send<AvatarPage>(query, call);
  }
  Result<CreatedAvatarVideoTasks> create_avatar_video_tasks(const CreateAvatarVideoTasksRequest& request,
                                                            const CallOptions& call) override {
    return send<CreatedAvatarVideoTasks>(request, call);
  }
  Result<AvatarVideoTaskList> get_avatar_video_tasks(const AvatarVideoTaskQuery& query,
                                                     const CallOptions& call) override {
    return send<AvatarVideoTaskList>(query, call);
  }
  Result<AvatarVideoPage> list_avatar_videos(const AvatarVideoListQuery& query, const CallOptions& call) override {
    return send<AvatarVideoPage>(query, call);
  }
  Result<RenamedAvatarVideo> rename_avatar_video(const RenameAvatarVideoRequest& request,
                                                 const CallOptions& call) override {
    return send<RenamedAvatarVideo>(request, call);
  }

  Result<int> download(const std::string& url, const DownloadSink& sink, const CallOptions& call) override {
    const auto scheme_end = url.find("://");
    const auto path_start = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
    if (scheme_end == std::string::npos || path_start == std::string::npos) {
      return Status{ErrorCategory::invalid_argument, "not an absolute URL: " + url};
    }
    if (call.cancel.cancelled()) return cancelled();
    auto client = make_client(url.substr(0, path_start), call);
    int status = 0;
    auto result = client->Get(
        url.substr(path_start), httplib::Headers{},
        [&](const httplib::Response& response) {
          status = response.status;
          return !call.cancel.cancelled();
        },
        [&](const char* data, std::size_t length) {
          return !call.cancel.cancelled() && (status != 200 || sink(data, length));
        });
    if (call.cancel.cancelled()) return cancelled();
    if (!result) return transport_failure(result.error(), url.substr(0, path_start));
    return status;
  }

  // Sends one request, checked first against the endpoint's rules, and decodes its answer.
  // What is sent is built once: the body or query checked is the one sent.
  template <typename T, typename Request>
  Result<T> send(const Request& request, const CallOptions& options) {
    if (!unusable_.empty()) return Status{ErrorCategory::invalid_argument, unusable_};
    const api::Endpoint& endpoint = api::endpoint(endpoint_of(request));
    Call call{endpoint.name, endpoint.method, endpoint.path, {}, {}, endpoint.idempotent, budget_of(endpoint)};
    if constexpr (is_query<Request>::value) {
      call.query = to_query(request);
      if (options_.check_requests) {
        if (std::optional<Status> problem = query_problem(endpoint, call.query)) return *problem;
      }
    } else {
      const nlohmann::json body = to_body(request);
      if (options_.check_requests) {
        if (std::optional<Status> problem = body_problem(endpoint, body)) return *problem;
      }
      call.body = body.dump();
    }
    Result<Envelope> envelope = execute(call, options);
    if (!envelope) return envelope.status();
    Result<T> decoded = decode<T>(*envelope->data, envelope->data);
    if (!decoded) {
      Status status = decoded.status();
      status.request_id = envelope->request_id;
      return status;
    }
    return decoded;
  }

  // Rate limit, send, retry: within the call's deadline, and stopped by its cancellation.
  Result<Envelope> execute(const Call& call, const CallOptions& options) {
    if (options_.access_token.empty()) {
      return Status{ErrorCategory::unauthenticated,
                    "no access token: set ClientOptions::access_token or TIKTOK_ACCESS_TOKEN"};
    }
    Clock& clock = *options_.clock;
    RateLimiter& limiter = *options_.rate_limiter;
    const RateLimitKey limiter_key{limiter_app_, call.endpoint};
    const auto first_reserved = clock.now();
    // The call's deadline, when it has a timeout (a plain time_point: GCC's -O2 warns on an
    // optional one).
    const Clock::time_point deadline = first_reserved + options.timeout.value_or(Duration(0));
    Duration waited{0};
    for (int attempt = 1;; ++attempt) {
      if (options.cancel.cancelled()) return cancelled();
      Reservation slot;
      // A limiter may answer "ask again later" (granted false) as often as it likes.
      for (bool first = true; options_.rate_limit && (first || !slot.granted); first = false) {
        const auto reserved_at = clock.now();
        slot = limiter.reserve(limiter_key, call.budget, reserved_at);
        if (options.timeout && reserved_at + slot.wait > deadline) {
          limiter.refund(limiter_key, slot);
          return past_deadline(call, slot, *options.timeout);
        }
        if (slot.wait.count() > 0 && !clock.sleep_for(slot.wait, options.cancel)) {
          limiter.refund(limiter_key, slot);
          return cancelled();
        }
        waited += slot.wait;
      }
      const auto started = clock.now();
      Result<Envelope> result = send_once(call);
      if (options_.rate_limit) {
        if (result.status().transport_error == TransportError::connection) limiter.refund(limiter_key, slot);
        if (result.status().category == ErrorCategory::rate_limited) {
          limiter.throttled(limiter_key, options_.retry.throttled_backoff, clock.now());
        }
      }
      log(call, attempt, result, started, waited);
      if (result.ok() || attempt >= options_.retry.max_attempts ||
          !should_retry(result.status(), call.idempotent)) {
        if (!result.ok() && attempt > 1) return gave_up(result.status(), attempt, first_reserved);
        return result;
      }
      Duration delay = next_backoff(attempt - 1);
      if (result.status().category == ErrorCategory::rate_limited) {
        delay = std::max(delay, options_.retry.throttled_backoff);
      }
      if (options.timeout && clock.now() + delay > deadline) {
        Status status = result.status();
        status.category = ErrorCategory::deadline_exceeded;
        status.message += "; not retried: the call's timeout (CallOptions::timeout) would pass first";
        return status;
      }
      if (!clock.sleep_for(delay, options.cancel)) return cancelled();
      waited = delay;
    }
  }

 private:
  std::unique_ptr<httplib::Client> make_client(const std::string& origin, const CallOptions& call = {}) const {
    auto client = std::make_unique<httplib::Client>(origin);
    const auto seconds = [](Duration d) { return static_cast<time_t>(d.count() / 1000); };
    const auto micros = [](Duration d) { return static_cast<time_t>((d.count() % 1000) * 1000); };
    // A call's deadline bounds each wait on the network too.
    const auto bounded = [&call](Duration d) { return call.timeout ? std::min(d, *call.timeout) : d; };
    client->set_connection_timeout(seconds(bounded(options_.connect_timeout)),
                                   micros(bounded(options_.connect_timeout)));
    client->set_read_timeout(seconds(bounded(options_.read_timeout)), micros(bounded(options_.read_timeout)));
    client->set_write_timeout(seconds(bounded(options_.write_timeout)), micros(bounded(options_.write_timeout)));
    client->set_tcp_nodelay(true);
    client->set_keep_alive(true);  // pooled clients reuse their connection
    client->enable_server_certificate_verification(true);
    if (!options_.ca_cert_file.empty()) client->set_ca_cert_path(options_.ca_cert_file.c_str());
    return client;
  }

  // httplib clients are not safe to share between threads: each call borrows one.
  class Lease {
   public:
    explicit Lease(HttpConnection& owner) : owner_(owner) {
      std::lock_guard<std::mutex> lock(owner_.pool_mutex_);
      if (owner_.pool_.empty()) {
        client_ = owner_.make_client(owner_.origin_);
      } else {
        client_ = std::move(owner_.pool_.back());
        owner_.pool_.pop_back();
      }
    }
    ~Lease() {
      std::lock_guard<std::mutex> lock(owner_.pool_mutex_);
      owner_.pool_.push_back(std::move(client_));
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    httplib::Client& client() { return *client_; }

   private:
    HttpConnection& owner_;
    std::unique_ptr<httplib::Client> client_;
  };

  Result<Envelope> send_once(const Call& call) {
    Lease borrowed(*this);
    httplib::Headers headers{{api::kAccessTokenHeader, options_.access_token},
                             {"User-Agent", "tiktok-aigc-cpp/" TIKTOK_AIGC_VERSION}};
    const std::string path = prefix_ + call.path;
    httplib::Result result =
        std::string(call.method) == "POST"
            ? borrowed.client().Post(path.c_str(), headers, call.body, "application/json")
            : borrowed.client().Get(
                  (call.query.empty() ? path : path + "?" + encode_query(call.query)).c_str(), headers);
    if (!result) return transport_failure(result.error(), origin_);
    return decode_envelope(result->status, result->body);
  }

  // The last attempt's status, saying how many were made: retries are otherwise silent
  // (unless ClientOptions::logger is set).
  Status gave_up(Status status, int attempts, Clock::time_point first_reserved) const {
    const auto spent =
        std::chrono::duration_cast<std::chrono::milliseconds>(options_.clock->now() - first_reserved);
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", static_cast<double>(spent.count()) / 1000.0);
    status.message += "; gave up after " + std::to_string(attempts) + " attempts in " + seconds +
                      " s (RetryPolicy::max_attempts)";
    return status;
  }

  static Status past_deadline(const Call& call, const Reservation& slot, Duration timeout) {
    return Status{ErrorCategory::deadline_exceeded,
                  std::string(call.endpoint) + ": the rate limiter's " + (slot.granted ? "next slot" : "next answer") +
                      " is " + std::to_string(slot.wait.count()) + " ms away, past the call's timeout of " +
                      std::to_string(timeout.count()) + " ms; nothing was sent"};
  }

  // ClientOptions::budgets, else the documented one.
  Budget budget_of(const api::Endpoint& endpoint) const {
    const auto configured = options_.budgets.find(endpoint.name);
    if (configured != options_.budgets.end()) return configured->second;
    Budget budget;
    budget.requests = endpoint.budget_per_minute;
    return budget;
  }

  Duration next_backoff(int retry_number) {
    std::lock_guard<std::mutex> lock(random_mutex_);
    return backoff_delay(options_.retry, retry_number, random_);
  }

  static Status cancelled() { return Status{ErrorCategory::cancelled, "cancelled"}; }

  void log(const Call& call, int attempt, const Result<Envelope>& result, Clock::time_point started,
           Duration waited) {
    if (!options_.logger) return;
    LogRecord record;
    record.method = call.method;
    record.path = call.path;
    record.attempt = attempt;
    record.waited = waited;
    record.elapsed = std::chrono::duration_cast<Duration>(options_.clock->now() - started);
    if (result.ok()) {
      record.http_status = 200;
      record.request_id = result->request_id;
      record.outcome = "ok";
    } else {
      const Status& status = result.status();
      record.http_status = status.http_status;
      record.api_code = status.api_code;
      record.request_id = status.request_id;
      record.outcome = status.to_string();
    }
    options_.logger(record);
  }

  ClientOptions options_;
  std::string unusable_;  // why the options cannot be used; empty when they can
  std::string origin_, prefix_, limiter_app_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<httplib::Client>> pool_;
  std::mutex random_mutex_;
  std::mt19937_64 random_;
};

}  // namespace detail

const char* const kLiveBaseUrl = api::kLiveBaseUrl;

std::shared_ptr<Connection> make_connection(ClientOptions options) {
  return std::make_shared<detail::HttpConnection>(std::move(options));
}

}  // namespace tiktok_aigc
