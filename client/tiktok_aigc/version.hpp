// The client's version, for #if checks and for the User-Agent it sends.
#pragma once

#define TIKTOK_AIGC_VERSION_MAJOR 0
#define TIKTOK_AIGC_VERSION_MINOR 1
#define TIKTOK_AIGC_VERSION_PATCH 0
#define TIKTOK_AIGC_VERSION "0.1.0"
