// The API's return codes: the envelope's `code`, what it means, the live API's message where
// known, and the category a client branches on (docs/return-codes.md explains each).
#pragma once

#include <string>
#include <vector>

#include "tiktok_aigc/status.hpp"

namespace tiktok_aigc::api {

namespace codes {
// Named after the constants of TikTok's own SDK; only the codes the project's code names.
inline constexpr int kOk = 0;
inline constexpr int kPartialOk = 20001;
inline constexpr int kParamError = 40002;
inline constexpr int kNotExist = 40007;
inline constexpr int kIdLimitExceed = 40011;
inline constexpr int kRequestTooFrequent = 40100;
inline constexpr int kEmptyAccessToken = 40104;
inline constexpr int kInvalidAccessToken = 40105;
inline constexpr int kNotInWhitelist = 40118;
inline constexpr int kSignatureError = 40900;
inline constexpr int kUrlFetchTimeout = 40902;
inline constexpr int kUrlUnavailable = 40903;
inline constexpr int kFileEmpty = 40906;
inline constexpr int kFileTooLarge = 40907;
inline constexpr int kFileTypeError = 40908;
inline constexpr int kInternalTimeOut = 51010;
}  // namespace codes

// The message of a success.
inline constexpr const char* kOkMessage = "OK";

struct ReturnCode {
  int code;
  const char* name;     // the SDK's constant; empty when it has none
  const char* meaning;  // in a few words
  const char* message;  // what the live API answers, where known; else empty
  ErrorCategory category;
};

// Every code the documents and the live API are known to use, in numeric order.
inline const std::vector<ReturnCode>& return_codes() {
  using C = ErrorCategory;
  static const std::vector<ReturnCode> table = {
      {codes::kOk, "OK", "success", kOkMessage, C::ok},
      {codes::kPartialOk, "PARTIAL_OK", "partly done; counts as success", "Partially successful.", C::ok},
      {40000, "INVALID_PARAMS", "invalid parameters", "The parameters provided are invalid.", C::invalid_argument},
      {40001, "PERMISSION_ERROR", "the app lacks the permission for this operation",
       "No permission to perform this operation.", C::permission_denied},
      {codes::kParamError, "PARAM_ERROR", "a parameter breaks a rule; the message names it", "Parameter error.",
       C::invalid_argument},
      {codes::kNotExist, "NOT_EXIST", "an id that does not exist for this token", "The object does not exist.",
       C::not_found},
      {codes::kIdLimitExceed, "ID_LIMIT_EXCEED", "too many ids in one request", "Too many IDs in one request.",
       C::invalid_argument},
      {40016, "BIZ_FC_ERROR", "too frequent (endpoint, app level)", "Requests made too frequently.",
       C::rate_limited},
      {40050, "DUPLICATED_REQUEST", "the same request sent twice", "", C::unknown},
      {40053, "VIDEO_ID_INVALID_ERROR", "a video id that is not valid", "", C::invalid_argument},
      {codes::kRequestTooFrequent, "REQUEST_TOO_FREQUENT", "too frequent (app level)",
       "Too many requests. Please retry in some time.", C::rate_limited},
      {40102, "ACCESS_TOKEN_EXPIRE", "the token expired", "Access token has expired.", C::unauthenticated},
      {codes::kEmptyAccessToken, "EMPTY_ACCESS_TOKEN", "no Access-Token header, or an empty one",
       "Access token is null, you should set it in http header with key Access-Token.", C::unauthenticated},
      {codes::kInvalidAccessToken, "INVALID_ACCESS_TOKEN", "a wrong or revoked token",
       "Access token is incorrect or has been revoked.", C::unauthenticated},
      {codes::kNotInWhitelist, "NOT_IN_WHITELIST", "not allowlisted for the feature (e.g. Digital Avatars)",
       "The app is not on the allowlist for this feature.", C::permission_denied},
      {40125, "DEVELOPER_NO_PERMISSION", "the developer lacks the permission", "", C::permission_denied},
      {40133, "", "too frequent (advertiser level)", "Requests made too frequently.", C::rate_limited},
      {40200, "GENERAL_TASK_ERROR", "a task error", "Task error.", C::transient},
      {40201, "TASK_NOT_READY", "the task is not ready yet", "Task is not ready, please retry later.",
       C::transient},
      {40202, "WRITE_CONFLICT", "a write conflict", "Write conflict, please retry.", C::transient},
      {codes::kSignatureError, "SIGNATURE_ERROR", "upload: the file does not match its MD5", "",
       C::invalid_argument},
      {codes::kUrlFetchTimeout, "URL_FETCH_TIMEOUT", "upload: fetching the URL timed out", "",
       C::invalid_argument},
      {codes::kUrlUnavailable, "URL_UNAVAILABLE", "upload: the URL cannot be fetched", "", C::invalid_argument},
      {codes::kFileEmpty, "FILE_EMPTY", "upload: the file is empty", "", C::invalid_argument},
      {codes::kFileTooLarge, "FILE_TOO_LARGE", "upload: the file is too large", "", C::invalid_argument},
      {codes::kFileTypeError, "FILE_TYPE_ERROR", "upload: the file type is not supported", "",
       C::invalid_argument},
      {40914, "URL_FETCH_ERROR", "upload: the file is not valid", "", C::invalid_argument},
      {40915, "FILE_UPLOAD_INVALID", "upload: the file is outside the specifications", "", C::invalid_argument},
      {41001, "INTERFACE_OFFLINE", "the endpoint is offline", "", C::unknown},
      {50000, "SYS_ERROR", "a system error", "System error.", C::transient},
      {50002, "SYS_TIMEOUT", "TikTok failed to process the request", "Error processing the request, please retry.",
       C::transient},
      {codes::kInternalTimeOut, "INTERNAL_TIME_OUT", "an internal service timed out",
       "Internal service timed out. Please retry in sometime.", C::transient},
      {60001, "MAINTENANCE", "under maintenance", "The system is in maintenance, please retry later.",
       C::transient},
  };
  return table;
}

// Codes not in the table, by range: the upload endpoint's 409xx are about the file, and the
// 51xxx-53xxx are internal timeouts and faults.
struct ReturnCodeRange {
  int first, last;
  ErrorCategory category;
};
inline const std::vector<ReturnCodeRange>& return_code_ranges() {
  static const std::vector<ReturnCodeRange> ranges = {
      {40900, 40999, ErrorCategory::invalid_argument},
      {51000, 53999, ErrorCategory::transient},
  };
  return ranges;
}

inline const ReturnCode* find_return_code(int code) {
  for (const ReturnCode& row : return_codes()) {
    if (row.code == code) return &row;
  }
  return nullptr;
}

// The message for an answer with nothing more specific to say (an injected fault, a refused
// token): the live API's text where known, else the code's meaning.
inline std::string default_message(int code) {
  const ReturnCode* row = find_return_code(code);
  if (row && *row->message) return row->message;
  return "Error " + std::to_string(code) + ".";
}

// The category of an envelope code, as real clients classify them (docs/return-codes.md).
inline ErrorCategory category_of(int api_code) {
  if (const ReturnCode* row = find_return_code(api_code)) return row->category;
  for (const ReturnCodeRange& range : return_code_ranges()) {
    if (api_code >= range.first && api_code <= range.last) return range.category;
  }
  return ErrorCategory::unknown;
}

// What a caller should do on this code, in words (for tables and the OpenAPI file).
inline const char* retry_advice(ErrorCategory category) {
  switch (category) {
    case ErrorCategory::ok: return "no (success)";
    case ErrorCategory::rate_limited: return "yes, after backing off";
    case ErrorCategory::transient: return "yes, with backoff";
    case ErrorCategory::unauthenticated:
    case ErrorCategory::permission_denied: return "no: fix the token or access";
    default: return "no: fix the request";
  }
}

}  // namespace tiktok_aigc::api
