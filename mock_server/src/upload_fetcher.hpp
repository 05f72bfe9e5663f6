// Upload by URL: the checks of the file behind video_url. Only loopback hosts and hosts the
// user allows are ever contacted, so the mock cannot be used to reach into a network.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>


#include "tiktok_aigc/api/schema.hpp"

namespace tiktok_aigc::mock {

struct FetchPolicy {
  std::vector<std::string> allowed_hosts;  // besides loopback; "host" or "host:port"
  std::uint64_t max_bytes = 100ull << 20;
  std::chrono::milliseconds timeout{10'000};  // the documented upload timeout
};

// Whether the policy lets the mock fetch this (syntactically valid) URL.
bool may_fetch(const std::string& url, const FetchPolicy& policy);

// Fetches the URL and applies the documented checks: HTTP 200, Content-Type not text/*,
// Content-MD5 when sent, non-empty, at most max_bytes. nullopt when the file passes.
std::optional<api::Violation> fetch_and_check(const std::string& url, const FetchPolicy& policy);

}  // namespace tiktok_aigc::mock
