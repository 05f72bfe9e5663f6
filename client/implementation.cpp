// The client's implementation, compiled once for the CMake target tiktok_aigc::client, from
// the single header its users include: they define nothing.
#define TIKTOK_AIGC_IMPLEMENTATION
#include "tiktok_aigc.hpp"
