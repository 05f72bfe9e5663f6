// What the API's description and the model need to compile: C++17 and nlohmann/json. The
// transport adds cpp-httplib (dependencies.hpp).
//
// A missing requirement is one #error that says what to do. The #include of a header that
// does not exist after it stops the compiler there: without it the rest of the header would
// add a hundred errors that hide the one that matters.
#pragma once

#if __cplusplus < 201703L && !(defined(_MSVC_LANG) && _MSVC_LANG >= 201703L)
#error "tiktok_aigc needs C++17 or later: compile with -std=c++17 (CMake: cxx_std_17)"
#include <tiktok_aigc_stops_here_without_cxx17>
#endif

// nlohmann/json as installed (<nlohmann/json.hpp>), or its single header copied flat beside
// tiktok_aigc.hpp by a user who vendors both files.
#if __has_include(<nlohmann/json.hpp>)
#include <nlohmann/json.hpp>
#else
#include "json.hpp"
#endif
