// Errors without exceptions: every call returns a Result<T> holding a value or a Status.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace tiktok_aigc {

// What a program branches on. The API's return codes, HTTP statuses and transport errors
// all map onto these (see classify_code() in api/return_codes.hpp).
enum class ErrorCategory {
  ok,
  invalid_argument,   // the request breaks a documented rule (client-side or 40002, 409xx...)
  unauthenticated,    // missing, invalid or expired access token (40102, 40104, 40105)
  permission_denied,  // not allowlisted or no permission (40001, 40118, 40125)
  not_found,          // an id that does not exist (40007), or an HTTP 404
  rate_limited,       // over a budget (40100, 40016, 40133): back off
  transient,          // worth retrying: 5xx, 50000, 51010, 60001, 4020x, transport errors
  task_failed,        // a task ended FAILED
  deadline_exceeded,  // a wait or a call ran out of time
  cancelled,          // the caller cancelled
  expired,            // a preview_url past its six hours
  bad_response,       // the answer is not the documented envelope or shape
  unknown,            // anything else
};

const char* to_string(ErrorCategory category);

struct Status {
  Status() = default;
  Status(ErrorCategory category_, std::string message_, int api_code_ = 0)
      : category(category_), message(std::move(message_)), api_code(api_code_) {}

  ErrorCategory category = ErrorCategory::ok;
  std::string message;
  int api_code = 0;          // the envelope's code; 0 when there was no envelope
  std::string request_id;    // the envelope's request_id, when there was one
  int http_status = 0;       // 0 when no HTTP answer arrived
  std::string transport_error;  // set when no HTTP answer arrived (e.g. "Connection")

  bool ok() const { return category == ErrorCategory::ok; }
  // Throttled or transient: the same request may succeed later.
  bool retryable() const {
    return category == ErrorCategory::rate_limited || category == ErrorCategory::transient;
  }
  // "40002 Missing required field(s): title (request_id ...)"-style text for logs.
  std::string to_string() const;
};

// Thrown only by Result::value() on an error, for callers who prefer exceptions.
class Error : public std::runtime_error {
 public:
  explicit Error(Status status) : std::runtime_error(status.to_string()), status_(std::move(status)) {}
  const Status& status() const { return status_; }

 private:
  Status status_;
};

template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}            // NOLINT: implicit on purpose
  Result(Status status) : state_(std::move(status)) {}     // NOLINT: implicit on purpose

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  // The status; an ok Status when there is a value.
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }
  // The value, or throws Error with the status.
  T& value() & {
    if (!ok()) throw Error(std::get<Status>(state_));
    return std::get<T>(state_);
  }
  const T& value() const& {
    if (!ok()) throw Error(std::get<Status>(state_));
    return std::get<T>(state_);
  }
  T&& value() && {
    if (!ok()) throw Error(std::get<Status>(state_));
    return std::get<T>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

// The category of an HTTP status that came without a usable envelope.
ErrorCategory classify_http_status(int http_status);

// ---- implementation ----

inline const char* to_string(ErrorCategory category) {
  switch (category) {
    case ErrorCategory::ok: return "ok";
    case ErrorCategory::invalid_argument: return "invalid_argument";
    case ErrorCategory::unauthenticated: return "unauthenticated";
    case ErrorCategory::permission_denied: return "permission_denied";
    case ErrorCategory::not_found: return "not_found";
    case ErrorCategory::rate_limited: return "rate_limited";
    case ErrorCategory::transient: return "transient";
    case ErrorCategory::task_failed: return "task_failed";
    case ErrorCategory::deadline_exceeded: return "deadline_exceeded";
    case ErrorCategory::cancelled: return "cancelled";
    case ErrorCategory::expired: return "expired";
    case ErrorCategory::bad_response: return "bad_response";
    case ErrorCategory::unknown: return "unknown";
  }
  return "unknown";
}

inline std::string Status::to_string() const {
  std::string text = tiktok_aigc::to_string(category);
  if (api_code != 0) text += " " + std::to_string(api_code);
  if (http_status != 0 && api_code == 0) text += " HTTP " + std::to_string(http_status);
  if (!transport_error.empty()) text += " (" + transport_error + ")";
  if (!message.empty()) text += ": " + message;
  if (!request_id.empty()) text += " [request_id " + request_id + "]";
  return text;
}

inline ErrorCategory classify_http_status(int http_status) {
  if (http_status >= 200 && http_status < 300) return ErrorCategory::ok;
  if (http_status == 401) return ErrorCategory::unauthenticated;
  if (http_status == 403) return ErrorCategory::permission_denied;
  if (http_status == 404) return ErrorCategory::not_found;
  if (http_status == 429) return ErrorCategory::rate_limited;
  if (http_status == 408 || http_status >= 500) return ErrorCategory::transient;
  return ErrorCategory::unknown;
}

}  // namespace tiktok_aigc
