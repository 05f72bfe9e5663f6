# Amalgamate.cmake: makes ONE header out of the client's headers, for users who vendor a
# single file.
#
#   cmake -DINPUT=client/tiktok_aigc/tiktok_aigc.hpp -DOUTPUT=include/tiktok_aigc.hpp \
#         -P cmake/Amalgamate.cmake
#
# Every line `#include "tiktok_aigc/NAME.hpp"` (or "tiktok_aigc/DIR/NAME.hpp") is replaced,
# recursively, by that file (resolved against INCLUDE_ROOT, by default client/ beside this
# script); each file is inlined once, a later include of it becomes a comment. The
# `#pragma once` of the inlined files is dropped: the output is guarded by the entry's own
# include guards (declarations, and the implementation where TIKTOK_AIGC_IMPLEMENTATION is
# defined, each once per translation unit).
# Every other #include (system, httplib, nlohmann) stays as the sources have it. The output
# depends only on the sources (no dates, no absolute paths), so the committed header can be
# checked for staleness.
cmake_minimum_required(VERSION 3.16)

if(NOT INPUT OR NOT OUTPUT)
  message(FATAL_ERROR "usage: cmake -DINPUT=ENTRY.hpp -DOUTPUT=OUT.hpp [-DINCLUDE_ROOT=DIR] "
    "-P ${CMAKE_CURRENT_LIST_FILE}")
endif()
if(NOT INCLUDE_ROOT)
  get_filename_component(INCLUDE_ROOT "${CMAKE_CURRENT_LIST_DIR}/../client" ABSOLUTE)
endif()
get_filename_component(INPUT "${INPUT}" ABSOLUTE)
get_filename_component(OUTPUT "${OUTPUT}" ABSOLUTE)
get_filename_component(INCLUDE_ROOT "${INCLUDE_ROOT}" ABSOLUTE)
if(NOT EXISTS "${INPUT}")
  message(FATAL_ERROR "Amalgamate: INPUT ${INPUT} does not exist")
endif()

# A name for a file in messages and markers: relative to the include root when inside it.
function(_amalgamate_display_name path out_var)
  file(RELATIVE_PATH rel "${INCLUDE_ROOT}" "${path}")
  if(rel MATCHES "^\\.\\./")
    get_filename_component(rel "${path}" NAME)
  endif()
  set(${out_var} "${rel}" PARENT_SCOPE)
endfunction()

# Sets _amalgamate_text in the caller to the contents of PATH with its project includes
# inlined, #pragma once dropped, and no trailing newline. The contents are only ever handled
# as quoted strings (never as lists), so `;`, `[` and `]` in the sources pass through.
function(_amalgamate_file path)
  set_property(GLOBAL APPEND PROPERTY _amalgamate_seen "${path}")
  _amalgamate_display_name("${path}" from)
  file(READ "${path}" text)
  # A leading newline makes "a line that starts with X" the plain search "\nX".
  set(rest "\n${text}")
  string(REGEX REPLACE "\n[ \t]*#[ \t]*pragma[ \t]+once[ \t\r]*(\n|$)" "\n" rest "${rest}")
  set(out "")
  set(marker "\n#include \"tiktok_aigc/")
  while(TRUE)
    string(FIND "${rest}" "${marker}" pos)
    if(pos EQUAL -1)
      break()
    endif()
    # Keep everything before the include line, without the newline that ends it: the
    # replacement has no trailing newline either, and `rest` keeps the include line's own.
    string(SUBSTRING "${rest}" 0 ${pos} head)
    string(APPEND out "${head}")
    math(EXPR start "${pos} + 1")
    string(SUBSTRING "${rest}" ${start} -1 rest)
    string(FIND "${rest}" "\n" eol)
    if(eol EQUAL -1)
      set(line "${rest}")
      set(rest "")
    else()
      string(SUBSTRING "${rest}" 0 ${eol} line)
      string(SUBSTRING "${rest}" ${eol} -1 rest)
    endif()
    if(NOT line MATCHES "^#include \"(tiktok_aigc/([A-Za-z0-9_]+/)?[A-Za-z0-9_]+\\.hpp)\"[ \t\r]*(//.*)?$")
      message(FATAL_ERROR "Amalgamate: ${from}: cannot read this include: ${line}")
    endif()
    set(name "${CMAKE_MATCH_1}")
    set(target "${INCLUDE_ROOT}/${name}")
    if(NOT EXISTS "${target}")
      message(FATAL_ERROR "Amalgamate: ${from} includes ${name}, which is not in ${INCLUDE_ROOT}")
    endif()
    get_property(seen GLOBAL PROPERTY _amalgamate_seen)
    list(FIND seen "${target}" index)
    if(NOT index EQUAL -1)
      string(APPEND out "\n// #include \"${name}\": inlined above")
    else()
      _amalgamate_file("${target}")
      # One blank line before each inlined file, however many the source had there.
      string(REGEX REPLACE "\n+$" "" out "${out}")
      string(APPEND out "\n\n// ==== begin ${name} ====\n${_amalgamate_text}"
        "\n// ==== end ${name} ====")
    endif()
  endwhile()
  string(APPEND out "${rest}")
  # Drop the leading sentinel newline, blank lines at the ends, and the trailing newline.
  string(REGEX REPLACE "^\n+" "" out "${out}")
  string(REGEX REPLACE "[\n \t\r]+$" "" out "${out}")
  set(_amalgamate_text "${out}" PARENT_SCOPE)
endfunction()

# The version, from the sources' own definition.
file(STRINGS "${INCLUDE_ROOT}/tiktok_aigc/version.hpp" version_line
  REGEX "^#define TIKTOK_AIGC_VERSION \"[^\"]*\"")
if(NOT version_line MATCHES "\"([^\"]*)\"")
  message(FATAL_ERROR "Amalgamate: no #define TIKTOK_AIGC_VERSION \"...\" in "
    "${INCLUDE_ROOT}/tiktok_aigc/version.hpp")
endif()
set(version "${CMAKE_MATCH_1}")

set_property(GLOBAL PROPERTY _amalgamate_seen "")
_amalgamate_file("${INPUT}")
set(body "${_amalgamate_text}")

# A quoted include other than the flat json.hpp fallback would not resolve beside a single
# copied header: refuse to write one.
string(REGEX MATCHALL "\n[ \t]*#[ \t]*include[ \t]*\"[^\"\n]*\"" quoted "\n${body}")
foreach(include IN LISTS quoted)
  if(NOT include MATCHES "\"json(_fwd)?\\.hpp\"$")
    string(STRIP "${include}" include)
    message(FATAL_ERROR "Amalgamate: `${include}` would not resolve in a single header; "
      "include project headers as \"tiktok_aigc/NAME.hpp\"")
  endif()
endforeach()

# The entry as the repository names it (client/tiktok_aigc/tiktok_aigc.hpp), else its file name.
get_filename_component(repo_root "${INCLUDE_ROOT}" DIRECTORY)
file(RELATIVE_PATH entry "${repo_root}" "${INPUT}")
if(entry MATCHES "^\\.\\./")
  get_filename_component(entry "${INPUT}" NAME)
endif()
set(banner "// tiktok_aigc.hpp: the TikTok AIGC API client for C++17, as ONE header to copy.
//
// GENERATED by cmake/Amalgamate.cmake from ${entry} and the
// headers it includes: do not edit. Change the headers in client/tiktok_aigc/ and regenerate
// with `./dev amalgamate`.
//
// Version ${version}
// Needs C++17, nlohmann/json (<nlohmann/json.hpp>, or json.hpp copied beside this file),
// cpp-httplib with CPPHTTPLIB_OPENSSL_SUPPORT defined, OpenSSL and threads. Compile the
// implementation in ONE translation unit of the program:
//   #define TIKTOK_AIGC_IMPLEMENTATION
//   #include \"tiktok_aigc.hpp\"
// and include it plainly everywhere else (the declarations need neither library's header).
// With a cpp-httplib installed as a library (Debian's), take its own flags:
//   c++ -std=c++17 app.cpp tiktok_aigc.cpp -o app $(pkg-config --cflags --libs cpp-httplib nlohmann_json openssl) -pthread
// With an upstream single-header httplib.h beside this file:
//   c++ -std=c++17 -DCPPHTTPLIB_OPENSSL_SUPPORT -I. app.cpp tiktok_aigc.cpp -o app -lssl -lcrypto -pthread
//
// SPDX-License-Identifier: MIT
")

set(result "${banner}\n${body}\n")
string(REGEX MATCHALL "\n#pragma once" pragmas "\n${result}")
list(LENGTH pragmas pragma_count)
if(NOT pragma_count EQUAL 0)
  message(FATAL_ERROR "Amalgamate: the output would hold ${pragma_count} `#pragma once` lines: "
    "it must be includable twice, for its implementation")
endif()

# Write only on a change, so an unchanged header keeps its time stamp (no needless rebuilds).
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" previous)
  if(previous STREQUAL result)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${result}")
