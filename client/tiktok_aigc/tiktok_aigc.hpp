// tiktok-aigc-cpp: a C++17 client for TikTok's Generate & Remix Videos and Generate Scripts
// APIs. Needs cpp-httplib (with CPPHTTPLIB_OPENSSL_SUPPORT), nlohmann/json and OpenSSL.
//
//   tiktok_aigc::Client client;  // token from TIKTOK_ACCESS_TOKEN
//   auto page = client.list_videos();
//   if (!page) std::cerr << page.status().to_string() << "\n";
#pragma once

#include "tiktok_aigc/version.hpp"
#include "tiktok_aigc/dependencies.hpp"
#include "tiktok_aigc/notices.hpp"
#include "tiktok_aigc/status.hpp"
#include "tiktok_aigc/enums.hpp"
#include "tiktok_aigc/model.hpp"
#include "tiktok_aigc/validation.hpp"
#include "tiktok_aigc/transport.hpp"
#include "tiktok_aigc/client.hpp"
