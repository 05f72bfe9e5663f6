#include "upload_fetcher.hpp"

#include <httplib.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <regex>

#include "tiktok_aigc/api/return_codes.hpp"

namespace tiktok_aigc::mock {
namespace {

struct UrlParts {
  std::string scheme, host, port, target;  // host without brackets
};

std::optional<UrlParts> split_url(const std::string& url) {
  static const std::regex pattern(R"(^(https?)://(\[([^\]]+)\]|([^/:?#]+))(:([0-9]{1,5}))?([^#]*))",
                                  std::regex::icase);
  std::smatch match;
  if (!std::regex_search(url, match, pattern)) return std::nullopt;
  UrlParts parts;
  parts.scheme = match[1];
  std::transform(parts.scheme.begin(), parts.scheme.end(), parts.scheme.begin(), ::tolower);
  parts.host = match[3].matched ? match[3].str() : match[4].str();
  std::transform(parts.host.begin(), parts.host.end(), parts.host.begin(), ::tolower);
  parts.port = match[6].matched ? match[6].str() : (parts.scheme == "https" ? "443" : "80");
  parts.target = match[7].length() ? match[7].str() : "/";
  return parts;
}

bool is_loopback(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  static const std::regex ipv4_loopback(R"(^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$)");
  return std::regex_match(host, ipv4_loopback);
}

api::Violation file_error(int code, const std::string& why) { return {code, "video_url: " + why}; }

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), ::tolower);
  return text;
}

// Content-MD5 is the base64 of the digest (RFC 1864); some servers send hex instead.
bool md5_matches(const std::string& header, const unsigned char digest[16]) {
  unsigned char decoded[64];
  if (header.size() == 24) {
    const int length =
        EVP_DecodeBlock(decoded, reinterpret_cast<const unsigned char*>(header.data()),
                        static_cast<int>(header.size()));
    // EVP_DecodeBlock counts the padding as zero bytes: 24 characters give 18.
    if (length == 18 && std::equal(digest, digest + 16, decoded)) return true;
  }
  if (header.size() == 32) {
    char hex[33];
    for (int i = 0; i < 16; ++i) std::snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    return lower(header) == std::string(hex, 32);
  }
  return false;
}

}  // namespace

bool may_fetch(const std::string& url, const FetchPolicy& policy) {
  const auto parts = split_url(url);
  if (!parts) return false;
  if (is_loopback(parts->host)) return true;
  for (const auto& allowed : policy.allowed_hosts) {
    const std::string entry = lower(allowed);
    if (entry == parts->host || entry == parts->host + ":" + parts->port) return true;
  }
  return false;
}

std::optional<api::Violation> fetch_and_check(const std::string& url, const FetchPolicy& policy) {
  const auto parts = split_url(url);
  if (!parts) return file_error(api::codes::kUrlUnavailable, "the URL is unavailable");
  const std::string authority = parts->host.find(':') != std::string::npos
                                    ? "[" + parts->host + "]:" + parts->port
                                    : parts->host + ":" + parts->port;
  httplib::Client client(parts->scheme + "://" + authority);
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(policy.timeout);
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(policy.timeout - seconds);
  client.set_connection_timeout(seconds.count(), micros.count());
  client.set_read_timeout(seconds.count(), micros.count());
  client.set_follow_location(false);  // a redirect could lead off loopback
  client.set_tcp_nodelay(true);

  std::optional<api::Violation> verdict;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md5(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(md5.get(), EVP_md5(), nullptr);
  std::uint64_t received = 0;
  std::string content_md5;

  const auto started = std::chrono::steady_clock::now();
  auto result = client.Get(
      parts->target, httplib::Headers{},
      [&](const httplib::Response& response) {
        if (response.status != 200) {
          verdict = file_error(api::codes::kUrlUnavailable,
                               "the URL is unavailable: its server answered HTTP " +
                                   std::to_string(response.status));
          return false;
        }
        const std::string type = lower(response.get_header_value("Content-Type"));
        if (type.rfind("text/", 0) == 0) {
          verdict = file_error(api::codes::kFileTypeError,
                               "the file is served as \"" + type + "\"; text/* is not a video");
          return false;
        }
        content_md5 = response.get_header_value("Content-MD5");
        return true;
      },
      [&](const char* data, std::size_t length) {
        received += length;
        if (received > policy.max_bytes) {
          verdict =
              file_error(api::codes::kFileTooLarge,
                         "the file is larger than " + std::to_string(policy.max_bytes) + " bytes");
          return false;
        }
        EVP_DigestUpdate(md5.get(), data, length);
        return true;
      });
  if (verdict) return verdict;
  if (!result) {
    if (std::chrono::steady_clock::now() - started >= policy.timeout) {
      return file_error(
          api::codes::kUrlFetchTimeout,
          "fetching the URL timed out after " + std::to_string(policy.timeout.count()) + " ms");
    }
    return file_error(api::codes::kUrlUnavailable,
                      "the URL is unavailable: " + httplib::to_string(result.error()));
  }
  if (received == 0) return file_error(api::codes::kFileEmpty, "the file is empty");
  if (!content_md5.empty()) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(md5.get(), digest, &length);
    if (!md5_matches(content_md5, digest)) {
      return api::Violation{api::codes::kSignatureError,
                        "video_url: the file does not match the Content-MD5 \"" + content_md5 +
                            "\" its server sent"};
    }
  }
  return std::nullopt;
}

}  // namespace tiktok_aigc::mock
