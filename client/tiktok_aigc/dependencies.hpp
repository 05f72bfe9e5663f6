// The client's third-party headers, in one place: nlohmann/json and cpp-httplib. Every client
// header that needs either includes this file, never the libraries directly.
#pragma once

// nlohmann/json as installed (<nlohmann/json.hpp>), or its single header copied flat beside
// tiktok_aigc.hpp by a user who vendors both files.
#if __has_include(<nlohmann/json.hpp>)
#include <nlohmann/json.hpp>
#else
#include "json.hpp"
#endif

// The live API is served over HTTPS only: an httplib without OpenSSL cannot reach it, and
// would fail only at run time. Say so at compile time instead (and link OpenSSL: -lssl -lcrypto).
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#error "tiktok_aigc is HTTPS only: define CPPHTTPLIB_OPENSSL_SUPPORT before including it"
#endif
#include <httplib.h>
