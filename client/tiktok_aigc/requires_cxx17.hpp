// The client is C++17. Compiled as an older C++, the header stops here with one #error that
// says what to do: the #include of a header that does not exist after it stops the compiler,
// where the rest of the header would add a hundred errors that hide the one that matters.
#pragma once

#if __cplusplus < 201703L && !(defined(_MSVC_LANG) && _MSVC_LANG >= 201703L)
#error "tiktok_aigc needs C++17 or later: compile with -std=c++17 (CMake: cxx_std_17)"
#include <tiktok_aigc_stops_here_without_cxx17>
#endif
