#include "return_codes.hpp"

#include <map>

namespace tiktok_aigc::mock::codes {

std::string default_message(int code) {
  static const std::map<int, std::string> messages = {
      {0, "OK"},
      {20001, "Partially successful."},
      {40000, "The parameters provided are invalid."},
      {40001, "No permission to perform this operation."},
      {40002, "Parameter error."},
      {40007, "The object does not exist."},
      {40011, "Too many IDs in one request."},
      {40016, "Requests made too frequently."},
      {40100, "Too many requests. Please retry in some time."},
      {40102, "Access token has expired."},
      {40104, "Access token is null, you should set it in http header with key Access-Token."},
      {40105, "Access token is incorrect or has been revoked."},
      {40118, "The app is not on the allowlist for this feature."},
      {40133, "Requests made too frequently."},
      {40200, "Task error."},
      {40201, "Task is not ready, please retry later."},
      {40202, "Write conflict, please retry."},
      {50000, "System error."},
      {50002, "Error processing the request, please retry."},
      {51010, "Internal service timed out. Please retry in sometime."},
      {60001, "The system is in maintenance, please retry later."},
  };
  const auto found = messages.find(code);
  return found != messages.end() ? found->second : "Error " + std::to_string(code) + ".";
}

}  // namespace tiktok_aigc::mock::codes
