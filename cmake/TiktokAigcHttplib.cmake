# Provides the target tiktok_aigc::httplib, from one of:
#  - an upstream single-header httplib.h in TIKTOK_AIGC_HTTPLIB_DIR (header-only build), or
#  - Debian's libcpp-httplib-dev, a compiled library described only by pkg-config.
# Either way HTTPS support (OpenSSL) is on.
set(TIKTOK_AIGC_HTTPLIB_DIR "" CACHE PATH
    "Directory holding an upstream single-header httplib.h; empty: find cpp-httplib with pkg-config")

if(TARGET tiktok_aigc::httplib)
  return()
endif()

find_package(OpenSSL REQUIRED)
find_package(Threads REQUIRED)
add_library(tiktok_aigc_httplib INTERFACE)
add_library(tiktok_aigc::httplib ALIAS tiktok_aigc_httplib)

if(TIKTOK_AIGC_HTTPLIB_DIR)
  if(NOT EXISTS "${TIKTOK_AIGC_HTTPLIB_DIR}/httplib.h")
    message(FATAL_ERROR "TIKTOK_AIGC_HTTPLIB_DIR=${TIKTOK_AIGC_HTTPLIB_DIR} holds no httplib.h")
  endif()
  message(STATUS "cpp-httplib: single header in ${TIKTOK_AIGC_HTTPLIB_DIR}")
  target_include_directories(tiktok_aigc_httplib SYSTEM INTERFACE "${TIKTOK_AIGC_HTTPLIB_DIR}")
  target_compile_definitions(tiktok_aigc_httplib INTERFACE CPPHTTPLIB_OPENSSL_SUPPORT)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(CPP_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
  message(STATUS "cpp-httplib: ${CPP_HTTPLIB_VERSION} through pkg-config")
  target_link_libraries(tiktok_aigc_httplib INTERFACE PkgConfig::CPP_HTTPLIB)
endif()
target_link_libraries(tiktok_aigc_httplib INTERFACE OpenSSL::SSL OpenSSL::Crypto Threads::Threads)
