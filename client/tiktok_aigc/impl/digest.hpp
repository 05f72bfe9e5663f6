// A message digest in lowercase hex. SHA-256 names an access token without giving it away
// (the rate limiter's keys, the mock's accounts: the same text in both); SHA-1 names a Lua
// script in Redis.
#pragma once

#include <openssl/evp.h>

#include <string>

namespace tiktok_aigc::detail {

// Empty when OpenSSL cannot compute it.
inline std::string hex_digest(const std::string& text, const EVP_MD* algorithm) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!algorithm || EVP_Digest(text.data(), text.size(), digest, &length, algorithm, nullptr) != 1)
    return {};
  static const char kHex[] = "0123456789abcdef";
  std::string hex(2 * length, '0');
  for (unsigned int i = 0; i < length; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 15];
  }
  return hex;
}

}  // namespace tiktok_aigc::detail
