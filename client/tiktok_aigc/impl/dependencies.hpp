// What the implementation needs besides nlohmann/json: cpp-httplib with OpenSSL. Only the
// translation unit that compiles the implementation includes it.
#pragma once

#include "tiktok_aigc/json_dependency.hpp"

// The live API is served over HTTPS only: an httplib without OpenSSL cannot reach it, and
// would fail only at run time. Say so at compile time instead (and link OpenSSL: -lssl -lcrypto).
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#error "tiktok_aigc is HTTPS only: define CPPHTTPLIB_OPENSSL_SUPPORT before including it"
#include <tiktok_aigc_stops_here_without_openssl>
#endif
#include <httplib.h>
