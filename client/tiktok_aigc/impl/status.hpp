// The texts of statuses and errors, and the category of an HTTP status.
#pragma once

#include <string>

#include "tiktok_aigc/api/return_codes.hpp"
#include "tiktok_aigc/status.hpp"

namespace tiktok_aigc {


const char* to_string(ErrorCategory category) {
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

const char* to_string(TransportError error) {
  switch (error) {
    case TransportError::none: return "none";
    case TransportError::connection: return "connection";
    case TransportError::connection_timeout: return "connection_timeout";
    case TransportError::read: return "read";
    case TransportError::write: return "write";
    case TransportError::tls_handshake: return "tls_handshake";
    case TransportError::tls_verification: return "tls_verification";
    case TransportError::cancelled: return "cancelled";
    case TransportError::other: return "other";
  }
  return "other";
}

std::string Status::to_string() const {
  std::string text = tiktok_aigc::to_string(category);
  if (api_code != 0) text += " " + std::to_string(api_code);
  if (http_status != 0 && api_code == 0) text += " HTTP " + std::to_string(http_status);
  if (transport_error != TransportError::none) text += std::string(" (") + tiktok_aigc::to_string(transport_error) + ")";
  if (!message.empty()) text += ": " + message;
  if (!request_id.empty()) text += " [request_id " + request_id + "]";
  return text;
}

ErrorCategory classify_code(int api_code) { return api::category_of(api_code); }

ErrorCategory classify_http_status(int http_status) {
  if (http_status >= 200 && http_status < 300) return ErrorCategory::ok;
  if (http_status == 401) return ErrorCategory::unauthenticated;
  if (http_status == 403) return ErrorCategory::permission_denied;
  if (http_status == 404) return ErrorCategory::not_found;
  if (http_status == 429) return ErrorCategory::rate_limited;
  if (http_status == 408 || http_status >= 500) return ErrorCategory::transient;
  return ErrorCategory::unknown;
}

}  // namespace tiktok_aigc
