// tiktok-aigc-cpp: a C++17 client for TikTok's creative AI APIs (Generate & Remix Videos,
// Generate Scripts). Needs cpp-httplib (with CPPHTTPLIB_OPENSSL_SUPPORT), nlohmann/json and
// OpenSSL.
//
//   tiktok_aigc::Client client;  // token from TIKTOK_ACCESS_TOKEN
//   auto page = client.list_videos();
//   if (!page) std::cerr << page.status().to_string() << "\n";
//
// The declarations come first and are cheap to compile: they include neither httplib.h nor
// nlohmann/json.hpp. The implementation is compiled where TIKTOK_AIGC_IMPLEMENTATION is
// defined before this header is included, in exactly one translation unit of a program:
//
//   #define TIKTOK_AIGC_IMPLEMENTATION
//   #include "tiktok_aigc.hpp"
//
// The CMake target tiktok_aigc::client does that for its users.

// ---- declarations ----
#ifndef TIKTOK_AIGC_DECLARATIONS
#define TIKTOK_AIGC_DECLARATIONS

#include "tiktok_aigc/requires_cxx17.hpp"
#include "tiktok_aigc/version.hpp"
#include "tiktok_aigc/notices.hpp"
#include "tiktok_aigc/status.hpp"
#include "tiktok_aigc/api/enums.hpp"
#include "tiktok_aigc/enums.hpp"
#include "tiktok_aigc/raw_json.hpp"
#include "tiktok_aigc/model.hpp"
#include "tiktok_aigc/validation.hpp"
#include "tiktok_aigc/request_json.hpp"
#include "tiktok_aigc/options.hpp"
#include "tiktok_aigc/connection.hpp"
#include "tiktok_aigc/client.hpp"

#endif  // TIKTOK_AIGC_DECLARATIONS

// ---- implementation ----
#if defined(TIKTOK_AIGC_IMPLEMENTATION) && !defined(TIKTOK_AIGC_IMPLEMENTATION_INCLUDED)
#define TIKTOK_AIGC_IMPLEMENTATION_INCLUDED

#include "tiktok_aigc/impl/dependencies.hpp"
#include "tiktok_aigc/impl/digest.hpp"
#include "tiktok_aigc/api/strings.hpp"
#include "tiktok_aigc/api/return_codes.hpp"
#include "tiktok_aigc/api/schema.hpp"
#include "tiktok_aigc/api/requests.hpp"
#include "tiktok_aigc/api/responses.hpp"
#include "tiktok_aigc/api/endpoints.hpp"
#include "tiktok_aigc/impl/status.hpp"
#include "tiktok_aigc/impl/raw_json.hpp"
#include "tiktok_aigc/impl/options.hpp"
#include "tiktok_aigc/impl/encoding.hpp"
#include "tiktok_aigc/impl/decoding.hpp"
#include "tiktok_aigc/impl/validation.hpp"
#include "tiktok_aigc/impl/request_json.hpp"
#include "tiktok_aigc/impl/http_connection.hpp"
#include "tiktok_aigc/impl/client.hpp"

#endif  // TIKTOK_AIGC_IMPLEMENTATION
