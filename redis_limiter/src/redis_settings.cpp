// RedisSettings from a redis:// URL and from the environment. A message never repeats the
// URL or the password: either may hold a secret.
#include <cstdlib>
#include <string>

#include "tiktok_aigc/redis_rate_limiter.hpp"

namespace tiktok_aigc {
namespace {

Status invalid(const std::string& message) {
  return Status{ErrorCategory::invalid_argument, message};
}

// A whole decimal number within [low, high], or nothing.
bool parse_number(const std::string& text, long low, long high, int& out) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
    return false;
  const long value = std::stol(text);
  if (value < low || value > high) return false;
  out = static_cast<int>(value);
  return true;
}

// "%40" -> "@": a password may hold any character.
bool percent_decode(const std::string& text, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return false;
    const std::string hex = text.substr(i + 1, 2);
    if (hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) return false;
    out += static_cast<char>(std::stoi(hex, nullptr, 16));
    i += 2;
  }
  return true;
}

}  // namespace

Result<RedisSettings> RedisSettings::from_url(const std::string& url) {
  RedisSettings settings;
  std::string rest;
  if (url.rfind("redis://", 0) == 0) {
    rest = url.substr(8);
  } else if (url.rfind("rediss://", 0) == 0) {
    rest = url.substr(9);
    settings.tls = true;
  } else {
    return invalid("the Redis URL must start with redis:// or rediss://");
  }
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos && slash + 1 < rest.size()) {
    if (!parse_number(rest.substr(slash + 1), 0, 1000000, settings.database)) {
      return invalid("the Redis URL's database (after the host) must be a number of 0 or more");
    }
  }
  std::string host_port = authority;
  const auto at = authority.rfind('@');
  if (at != std::string::npos) {
    const std::string user_info = authority.substr(0, at);
    host_port = authority.substr(at + 1);
    const auto colon = user_info.find(':');
    const bool decoded = colon == std::string::npos
                             ? percent_decode(user_info, settings.username)
                             : percent_decode(user_info.substr(0, colon), settings.username) &&
                                   percent_decode(user_info.substr(colon + 1), settings.password);
    if (!decoded) return invalid("the Redis URL's user or password has a malformed %-escape");
  }
  std::string port;
  if (!host_port.empty() && host_port[0] == '[') {  // [IPv6]:port
    const auto close = host_port.find(']');
    if (close == std::string::npos)
      return invalid("the Redis URL's host has a '[' without its ']'");
    settings.host = host_port.substr(1, close - 1);
    if (close + 1 < host_port.size()) {
      if (host_port[close + 1] != ':')
        return invalid("the Redis URL's host must be followed by :port or /database");
      port = host_port.substr(close + 2);
    }
  } else {
    const auto colon = host_port.rfind(':');
    settings.host = host_port.substr(0, colon);
    if (colon != std::string::npos) port = host_port.substr(colon + 1);
  }
  if (settings.host.empty()) return invalid("the Redis URL has no host");
  if (!port.empty() && !parse_number(port, 1, 65535, settings.port)) {
    return invalid("the Redis URL's port must be a number from 1 to 65535");
  }
  return settings;
}

Result<RedisSettings> RedisSettings::from_environment() {
  RedisSettings settings;
  if (const char* url = std::getenv("TIKTOK_AIGC_REDIS_URL"); url && *url) {
    Result<RedisSettings> parsed = from_url(url);
    if (!parsed) return invalid("TIKTOK_AIGC_REDIS_URL: " + parsed.status().message);
    settings = parsed.value();
  }
  if (const char* password = std::getenv("TIKTOK_AIGC_REDIS_PASSWORD"); password && *password) {
    settings.password = password;
  }
  return settings;
}

}  // namespace tiktok_aigc
