# One way a user gets the package, as a ctest test:
#   cmake -DMODE=install|find_package|add_subdirectory -DSOURCE_DIR=... -DWORK_DIR=... \
#         -DGENERATOR=... -DCXX_COMPILER=... -DEXPECTED_VERSION=... [-DBUILD_DIR=...] \
#         [-DBUILD_TYPE=...] [-DHTTPLIB_DIR=...] [-DPREFIX=...] [-DMOCK_EXAMPLE_DOC=...] \
#         -P run_consumer.cmake
# install: `cmake --install BUILD_DIR --prefix PREFIX`, as a user does after building; checks
#   what lands there, that a Debug build says so, and runs the installed mock's --version.
# find_package: builds find_package/ against PREFIX: the first C++ program of
#   MOCK_EXAMPLE_DOC, a test that embeds the mock, on tiktok_aigc::client and tiktok_aigc::mock;
#   and, when the package has it, a user of tiktok_aigc::redis_rate_limiter.
# add_subdirectory: builds add_subdirectory/, which adds SOURCE_DIR as a sub-project.
# Every app built must run and print what it should.
cmake_minimum_required(VERSION 3.16)

foreach(var MODE SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER EXPECTED_VERSION)
  if(NOT ${var})
    message(FATAL_ERROR "run_consumer.cmake: -D${var}= is missing")
  endif()
endforeach()

# The consumers build with no build type (no -g, no -O): what they prove does not depend on
# one, and debug information would only slow the compiles, the slowest part of the tests.
set(common_args -G "${GENERATOR}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
  "-DCMAKE_BUILD_TYPE=" "-DTIKTOK_AIGC_HTTPLIB_DIR=${HTTPLIB_DIR}")

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${MODE} consumer: ${what} failed (${status})")
  endif()
endfunction()

# Runs a built program; fails unless it exits 0 and its output matches `pattern`.
function(run_app program pattern)
  execute_process(COMMAND "${program}" RESULT_VARIABLE status OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
  message("${output}")
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${MODE} consumer: ${program} failed (${status})")
  endif()
  if(NOT output MATCHES "${pattern}")
    message(FATAL_ERROR "${MODE} consumer: ${program} did not print ${pattern}")
  endif()
endfunction()

string(REPLACE "." "\\." version_pattern "${EXPECTED_VERSION}")

# From scratch every time: a cache left by an earlier run must not hide a problem.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

if(MODE STREQUAL "install")
  execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
  message("${output}")
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "install: cmake --install failed (${status})")
  endif()
  if(BUILD_TYPE STREQUAL "Debug" AND NOT output MATCHES "installing a Debug build")
    message(FATAL_ERROR "install: a Debug build was installed without saying so")
  endif()
  foreach(file include/tiktok_aigc.hpp include/tiktok_aigc/mock/mock_server.hpp
      lib/pkgconfig/tiktok_aigc.pc lib/cmake/tiktok_aigc/tiktok_aigcConfig.cmake
      lib/cmake/tiktok_aigc/tiktok_aigcMockTargets.cmake lib/libtiktok_aigc.a bin/tiktok-aigc-mock
      bin/tiktok-aigc-drift)
    if(NOT EXISTS "${PREFIX}/${file}")
      message(FATAL_ERROR "install: ${file} is missing from ${PREFIX}")
    endif()
  endforeach()
  file(GLOB mock_library "${PREFIX}/lib*/libtiktok_aigc_mock.a" "${PREFIX}/lib*/*/libtiktok_aigc_mock.a")
  if(NOT mock_library)
    message(FATAL_ERROR "install: libtiktok_aigc_mock.a is missing from ${PREFIX}/lib")
  endif()
  foreach(program tiktok-aigc-mock tiktok-aigc-drift)
    execute_process(COMMAND "${PREFIX}/bin/${program}" --version OUTPUT_VARIABLE output)
    if(NOT output STREQUAL "${program} ${EXPECTED_VERSION}\n")
      message(FATAL_ERROR "install: ${program} --version printed \"${output}\"")
    endif()
  endforeach()
  message(STATUS "install: complete in ${PREFIX}")
  return()
endif()

set(consumer_args "")
if(MODE STREQUAL "find_package")
  # The README's embedded-mock program: the first ```cpp block of the mock's document.
  file(READ "${MOCK_EXAMPLE_DOC}" doc)
  if(NOT doc MATCHES "```cpp\n(.*int main[^`]*)```")
    message(FATAL_ERROR "find_package consumer: no C++ program in ${MOCK_EXAMPLE_DOC}")
  endif()
  file(WRITE "${WORK_DIR}/mock_app.cpp" "${CMAKE_MATCH_1}")
  set(consumer_args "-DCMAKE_PREFIX_PATH=${PREFIX}" "-DTIKTOK_AIGC_EXPECTED_PREFIX=${PREFIX}"
    "-DMOCK_APP_SOURCE=${WORK_DIR}/mock_app.cpp")
elseif(MODE STREQUAL "add_subdirectory")
  set(consumer_args "-DTIKTOK_AIGC_SOURCE_DIR=${SOURCE_DIR}")
else()
  message(FATAL_ERROR "run_consumer.cmake: unknown MODE ${MODE}")
endif()

run("configuring the consumer" "${CMAKE_COMMAND}" -S "${CMAKE_CURRENT_LIST_DIR}/${MODE}"
  -B "${WORK_DIR}/consumer" ${common_args} ${consumer_args})
run("building the consumer" "${CMAKE_COMMAND}" --build "${WORK_DIR}/consumer" -j 2)
if(MODE STREQUAL "find_package")
  run_app("${WORK_DIR}/consumer/mock_app" "^tiktok_aigc ${version_pattern}: SUCCESS")
  if(EXISTS "${WORK_DIR}/consumer/redis_app")
    run_app("${WORK_DIR}/consumer/redis_app" "tiktok_aigc ${version_pattern} redis limiter: ask again")
  endif()
else()
  run_app("${WORK_DIR}/consumer/app" "^tiktok_aigc ${version_pattern}:")
endif()
message(STATUS "${MODE} consumer: built and ran")
