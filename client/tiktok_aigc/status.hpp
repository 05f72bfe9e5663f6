// Errors without exceptions: every call returns a Result<T> holding a value or a Status.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace tiktok_aigc {

// What a program branches on. The API's return codes, HTTP statuses and transport errors
// all map onto these (see classify_code()).
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

// Why no HTTP answer came, when none did. The enum, not its text, is what the client
// decides on: cpp-httplib's names for these differ between its versions.
enum class TransportError {
  none,                // an HTTP answer came (or nothing was sent)
  connection,          // could not connect: the request was surely not sent
  connection_timeout,  // timed out connecting
  read,                // the connection ended or timed out before the whole answer
  write,               // the connection ended or timed out while sending
  tls_handshake,       // the TLS handshake failed
  tls_verification,    // the server's certificate was not trusted
  cancelled,           // the caller cancelled
  other,
};

const char* to_string(TransportError error);

struct Status {
  Status() = default;
  Status(ErrorCategory category_, std::string message_, int api_code_ = 0)
      : category(category_), message(std::move(message_)), api_code(api_code_) {}

  ErrorCategory category = ErrorCategory::ok;
  std::string message;
  int api_code = 0;          // the envelope's code; 0 when there was no envelope
  std::string request_id;    // the envelope's request_id, when there was one
  int http_status = 0;       // 0 when no HTTP answer arrived
  TransportError transport_error = TransportError::none;  // why no HTTP answer arrived

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

// A value, or the Status that says why there is none: always exactly one of the two.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit on purpose
  // An error. An ok Status here (a bug of the caller's) becomes an error that says so,
  // rather than a Result that is neither a value nor an error.
  Result(Status status) : state_(std::move(status)) {  // NOLINT: implicit on purpose
    Status& error = std::get<Status>(state_);
    if (error.ok()) {
      error.category = ErrorCategory::unknown;
      error.message = "a Result was built from an ok Status, without a value";
    }
  }

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

// The category of an envelope code, as real clients classify them (api/return_codes.hpp).
ErrorCategory classify_code(int api_code);
// The category of an HTTP status that came without a usable envelope.
ErrorCategory classify_http_status(int http_status);

}  // namespace tiktok_aigc
