// How requests travel: the injectable clock, cancellation, retry and backoff, the
// process-wide rate limiter, the logging hook, and HTTPS calls that decode the envelope.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "tiktok_aigc/api/endpoints.hpp"
#include "tiktok_aigc/dependencies.hpp"
#include "tiktok_aigc/status.hpp"
#include "tiktok_aigc/version.hpp"

namespace tiktok_aigc {

using Duration = std::chrono::milliseconds;

// ---------------------------------------------------------------------------------------
// Cancellation
// ---------------------------------------------------------------------------------------

// Copies share one state: cancel() on any copy stops every wait that holds one.
class CancellationToken {
 public:
  CancellationToken() : state_(std::make_shared<State>()) {}
  void cancel() {
    {
      std::lock_guard<std::mutex> lock(state_->mutex);
      state_->cancelled = true;
    }
    state_->wake.notify_all();
  }
  bool cancelled() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->cancelled;
  }
  // Waits up to `duration` of real time; returns false when cancelled first.
  bool wait_for(Duration duration) const {
    std::unique_lock<std::mutex> lock(state_->mutex);
    return !state_->wake.wait_for(lock, duration, [this] { return state_->cancelled; });
  }

 private:
  struct State {
    mutable std::mutex mutex;
    std::condition_variable wake;
    bool cancelled = false;
  };
  std::shared_ptr<State> state_;
};

// ---------------------------------------------------------------------------------------
// Clock: tests inject one whose sleep only moves its own time, so they never sleep.
// ---------------------------------------------------------------------------------------

class Clock {
 public:
  using time_point = std::chrono::steady_clock::time_point;
  virtual ~Clock() = default;
  virtual time_point now() = 0;
  // Sleeps for `duration`, or less when `cancel` is cancelled; false when cancelled.
  virtual bool sleep_for(Duration duration, const CancellationToken& cancel) = 0;
};

class SystemClock : public Clock {
 public:
  time_point now() override { return std::chrono::steady_clock::now(); }
  bool sleep_for(Duration duration, const CancellationToken& cancel) override {
    return cancel.wait_for(duration);
  }
  static std::shared_ptr<Clock> instance() {
    static const std::shared_ptr<Clock> clock = std::make_shared<SystemClock>();
    return clock;
  }
};

// ---------------------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------------------

struct RetryPolicy {
  int max_attempts = 5;  // 1: no retries
  Duration initial_backoff{1000};
  Duration max_backoff{32000};
  double multiplier = 2.0;
  // The least wait after a throttling code (40100, 40016, 40133): the budgets are per
  // minute, so an earlier retry would only be refused again.
  Duration throttled_backoff{20000};
};

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

}  // namespace detail

// Whether a failed call may be sent again. Reads (GET) are safe to repeat. A create is
// repeated only when it surely did not take effect: the connection was never made, or the
// API refused it with a throttling code; after a timeout or a 5xx it may have.
inline bool should_retry(const Status& status, bool idempotent) {
  if (status.category == ErrorCategory::rate_limited) return true;
  // Only a transient failure is worth repeating: a TLS verification failure also carries a
  // transport_error, but its category (unknown) says a retry cannot fix it.
  if (status.category != ErrorCategory::transient) return false;
  if (!status.transport_error.empty()) return idempotent || status.transport_error == "Connection";
  return idempotent;
}

// ---------------------------------------------------------------------------------------
// Rate limiting
// ---------------------------------------------------------------------------------------

// Keeps each (token, endpoint) within its budget per sliding minute. One limiter serves
// every client of a process by default, so threads and clients share the budget as the
// API counts it.
class RateLimiter {
 public:
  // Reserves the next slot and returns how long to wait for it (zero: go now).
  Duration reserve(const std::string& key, int budget_per_minute, Clock::time_point now) {
    if (budget_per_minute <= 0) return Duration(0);
    const auto window = std::chrono::minutes(1);
    std::lock_guard<std::mutex> lock(mutex_);
    auto& slots = slots_[key];
    // Callers read `now` before taking the lock, so times may arrive out of order. Count from
    // the latest time seen for the key: the slots stay sorted, and a caller with an older
    // `now` cannot get a slot inside a window whose earlier slots were already dropped.
    Clock::time_point& latest = latest_[key];
    latest = std::max(latest, now);
    const Clock::time_point at = latest;
    while (!slots.empty() && slots.front() <= at - window) slots.pop_front();
    Clock::time_point slot = at;
    if (slots.size() >= static_cast<std::size_t>(budget_per_minute)) {
      slot = std::max(at, slots[slots.size() - static_cast<std::size_t>(budget_per_minute)] + window);
    }
    slots.push_back(slot);
    return std::chrono::duration_cast<Duration>(slot - now);
  }

  // Gives back a slot reserved at `now` with `wait`, for a request that never reached the
  // API (the connection was refused, or the wait was cancelled): it costs no budget.
  void refund(const std::string& key, Clock::time_point now, Duration wait) {
    const Clock::time_point slot = now + wait;
    std::lock_guard<std::mutex> lock(mutex_);
    auto& slots = slots_[key];
    const auto found = std::find(slots.begin(), slots.end(), slot);
    if (found != slots.end()) slots.erase(found);
  }

  static std::shared_ptr<RateLimiter> process_wide() {
    static const std::shared_ptr<RateLimiter> limiter = std::make_shared<RateLimiter>();
    return limiter;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::deque<Clock::time_point>> slots_;
  std::map<std::string, Clock::time_point> latest_;  // the latest `now` seen per key
};

// ---------------------------------------------------------------------------------------
// Logging: one record per attempt. It has no headers and no token, by construction.
// ---------------------------------------------------------------------------------------

struct LogRecord {
  std::string method;
  std::string path;      // without the query
  int attempt = 1;
  int http_status = 0;   // 0: no HTTP answer
  int api_code = 0;
  std::string request_id;
  std::string outcome;   // "ok", or the status text
  Duration elapsed{0};
  Duration waited{0};    // for the rate limiter or a backoff before this attempt
};

inline std::string to_string(const LogRecord& record) {
  std::string line = record.method + " " + record.path + " attempt " + std::to_string(record.attempt);
  if (record.waited.count() > 0) line += " after waiting " + std::to_string(record.waited.count()) + " ms";
  line += " -> " + record.outcome;
  // The request_id is what support asks for: on every line, once (an error's outcome has it).
  if (!record.request_id.empty() && record.outcome.find(record.request_id) == std::string::npos) {
    line += " [request_id " + record.request_id + "]";
  }
  line += " (" + std::to_string(record.elapsed.count()) + " ms)";
  return line;
}

using Logger = std::function<void(const LogRecord&)>;

// ---------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------

using api::kLiveBaseUrl;  // the default base URL

struct ClientOptions {
  std::string access_token;  // empty: $TIKTOK_ACCESS_TOKEN
  std::string base_url;      // empty: $TIKTOK_API_BASE, else the live API
  // PEM file of extra trusted CAs (e.g. a test's self-signed mock); verification stays on.
  std::string ca_cert_file;
  Duration connect_timeout{10000};
  Duration read_timeout{30000};  // uploads wait while the API fetches the file (<= 10 s)
  Duration write_timeout{30000};
  RetryPolicy retry;
  bool check_requests = true;  // documented rules checked before sending
  bool rate_limit = true;      // wait for the documented budgets before sending
  std::shared_ptr<RateLimiter> rate_limiter;  // default: RateLimiter::process_wide()
  std::shared_ptr<Clock> clock;               // default: SystemClock
  Logger logger;                              // default: none
  std::uint64_t jitter_seed = std::random_device{}();
};

namespace detail {

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

inline std::string encode_query(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string query;
  for (const auto& [name, value] : params) {
    query += (query.empty() ? "" : "&") + httplib::detail::encode_query_param(name) + "=" +
             httplib::detail::encode_query_param(value);
  }
  return query;
}

}  // namespace detail

// ---------------------------------------------------------------------------------------
// The transport: one call = rate limit -> send -> decode the envelope -> maybe retry.
// ---------------------------------------------------------------------------------------

struct Call {
  const char* endpoint;  // for the limiter's key and the log
  const char* method;    // "GET" or "POST"
  std::string path;      // under the base URL, e.g. "/open_api/v1.3/file/video/ad/upload/"
  std::vector<std::pair<std::string, std::string>> query;  // unencoded
  std::string body;                                         // JSON, for POST
  bool idempotent = false;
  int budget_per_minute = 0;
};

// The envelope's data and request_id of a successful call.
struct Envelope {
  nlohmann::json data;
  std::string request_id;
};

class Transport {
 public:
  explicit Transport(ClientOptions options) : options_(std::move(options)) {
    if (options_.access_token.empty()) options_.access_token = detail::env_or("TIKTOK_ACCESS_TOKEN", "");
    if (options_.base_url.empty()) options_.base_url = detail::env_or("TIKTOK_API_BASE", kLiveBaseUrl);
    std::tie(origin_, prefix_) = detail::split_base_url(options_.base_url);
    if (!options_.rate_limiter) options_.rate_limiter = RateLimiter::process_wide();
    if (!options_.clock) options_.clock = SystemClock::instance();
    random_.seed(options_.jitter_seed);
    // The budget is the app's, and a token stands for an app: key the limiter by both,
    // through a hash so the token itself is not kept twice.
    limiter_prefix_ = origin_ + "|" + std::to_string(std::hash<std::string>{}(options_.access_token)) + "|";
  }

  const ClientOptions& options() const { return options_; }

  Result<Envelope> execute(const Call& call, const CancellationToken& cancel = {}) {
    if (options_.access_token.empty()) {
      return Status{ErrorCategory::unauthenticated,
                    "no access token: set ClientOptions::access_token or TIKTOK_ACCESS_TOKEN"};
    }
    const std::string limiter_key = limiter_prefix_ + call.endpoint;
    const auto first_reserved = options_.clock->now();
    Duration waited{0};
    for (int attempt = 1;; ++attempt) {
      const auto reserved_at = options_.clock->now();
      Duration wait{0};
      if (options_.rate_limit) {
        wait = options_.rate_limiter->reserve(limiter_key, call.budget_per_minute, reserved_at);
        if (wait.count() > 0 && !options_.clock->sleep_for(wait, cancel)) {
          options_.rate_limiter->refund(limiter_key, reserved_at, wait);
          return cancelled();
        }
        waited += wait;
      }
      const auto started = options_.clock->now();
      Result<Envelope> result = send_once(call);
      if (options_.rate_limit && result.status().transport_error == "Connection") {
        options_.rate_limiter->refund(limiter_key, reserved_at, wait);
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
      if (!options_.clock->sleep_for(delay, cancel)) return cancelled();
      waited = delay;
    }
  }

  // GETs a URL outside the API (a preview on the media host): no token, no envelope.
  // `sink` receives the body in pieces; returns the HTTP status.
  Result<int> fetch(const std::string& url, const std::function<bool(const char*, std::size_t)>& sink) {
    const auto scheme_end = url.find("://");
    const auto path_start = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
    if (scheme_end == std::string::npos || path_start == std::string::npos) {
      return Status{ErrorCategory::invalid_argument, "not an absolute URL: " + url};
    }
    auto client = make_client(url.substr(0, path_start));
    int status = 0;
    auto result = client->Get(url.substr(path_start), httplib::Headers{},
                              [&](const httplib::Response& response) {
                                status = response.status;
                                return true;
                              },
                              [&](const char* data, std::size_t length) {
                                return status != 200 || sink(data, length);
                              });
    if (!result) return transport_failure(result.error(), url.substr(0, path_start));
    return status;
  }

 private:
  std::unique_ptr<httplib::Client> make_client(const std::string& origin) const {
    auto client = std::make_unique<httplib::Client>(origin);
    const auto seconds = [](Duration d) { return static_cast<time_t>(d.count() / 1000); };
    const auto micros = [](Duration d) { return static_cast<time_t>((d.count() % 1000) * 1000); };
    client->set_connection_timeout(seconds(options_.connect_timeout), micros(options_.connect_timeout));
    client->set_read_timeout(seconds(options_.read_timeout), micros(options_.read_timeout));
    client->set_write_timeout(seconds(options_.write_timeout), micros(options_.write_timeout));
    client->set_tcp_nodelay(true);
    client->set_keep_alive(true);  // pooled clients reuse their connection
    client->enable_server_certificate_verification(true);
    if (!options_.ca_cert_file.empty()) client->set_ca_cert_path(options_.ca_cert_file.c_str());
    return client;
  }

  // httplib clients are not safe to share between threads: each call borrows one.
  class Lease {
   public:
    explicit Lease(Transport& owner) : owner_(owner) {
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
    Transport& owner_;
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
                  (call.query.empty() ? path : path + "?" + detail::encode_query(call.query)).c_str(),
                  headers);
    if (!result) return transport_failure(result.error(), origin_);
    return decode_envelope(result->status, result->body);
  }

  // "no answer from https://host: could not connect (...) (Connection)": where, what
  // happened in words, and httplib's name for it.
  static Status transport_failure(httplib::Error error, const std::string& origin) {
    const std::string name = httplib::to_string(error);
    Status status{ErrorCategory::transient,
                  "no answer from " + origin + ": " + describe(error) + " (" + name + ")"};
    status.transport_error = name;
    if (error == httplib::Error::SSLServerVerification || error == httplib::Error::SSLLoadingCerts) {
      status.category = ErrorCategory::unknown;  // retrying cannot fix a certificate
      status.message = "TLS verification failed for " + origin + ": " + name +
                       " (set ClientOptions::ca_cert_file to trust a private CA)";
    }
    return status;
  }

  static std::string describe(httplib::Error error) {
    switch (error) {
      case httplib::Error::Connection:
        return "could not connect (refused, unreachable or no such host)";
      case httplib::Error::ConnectionTimeout:
        return "timed out connecting (ClientOptions::connect_timeout)";
      case httplib::Error::Read:
        return "the connection ended or timed out before the whole answer came "
               "(ClientOptions::read_timeout)";
      case httplib::Error::Write:
        return "the connection ended or timed out while sending (ClientOptions::write_timeout)";
      case httplib::Error::SSLConnection:
        return "the TLS handshake failed";
      case httplib::Error::Canceled:
        return "cancelled";
      default:
        return "the request failed";
    }
  }

  // The last attempt's status, saying how many were made: retries are otherwise silent
  // (unless ClientOptions::logger is set).
  Status gave_up(Status status, int attempts, Clock::time_point first_reserved) const {
    const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(
        options_.clock->now() - first_reserved);
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", static_cast<double>(spent.count()) / 1000.0);
    status.message += "; gave up after " + std::to_string(attempts) + " attempts in " + seconds +
                      " s (RetryPolicy::max_attempts)";
    return status;
  }

  static Result<Envelope> decode_envelope(int http_status, const std::string& body) {
    const nlohmann::json envelope = nlohmann::json::parse(body, nullptr, false);
    const bool well_formed = envelope.is_object() && envelope.contains("code") &&
                             envelope["code"].is_number_integer();
    if (!well_formed) {
      Status status{classify_http_status(http_status), "HTTP " + std::to_string(http_status) +
                                                           " without the API's JSON envelope"};
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
    out.data = envelope.contains("data") ? envelope["data"] : nlohmann::json::object();
    return out;
  }

  Duration next_backoff(int retry_number) {
    std::lock_guard<std::mutex> lock(random_mutex_);
    return detail::backoff_delay(options_.retry, retry_number, random_);
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
  std::string origin_, prefix_, limiter_prefix_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<httplib::Client>> pool_;
  std::mutex random_mutex_;
  std::mt19937_64 random_;
};

}  // namespace tiktok_aigc
