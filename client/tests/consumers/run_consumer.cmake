# Builds and runs one consumer project from scratch, as a ctest test:
#   cmake -DMODE=find_package|add_subdirectory -DSOURCE_DIR=... -DWORK_DIR=... \
#         -DGENERATOR=... -DCXX_COMPILER=... [-DBUILD_TYPE=...] [-DHTTPLIB_DIR=...] \
#         -DEXPECTED_VERSION=... -P run_consumer.cmake
# find_package: configures a fresh build of SOURCE_DIR (tests, mock, examples off), installs
# it into WORK_DIR/prefix, then builds find_package/ against that prefix.
# add_subdirectory: builds add_subdirectory/, which adds SOURCE_DIR as a sub-project.
# Either way the app must run and print the version.
cmake_minimum_required(VERSION 3.16)

foreach(var MODE SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER EXPECTED_VERSION)
  if(NOT ${var})
    message(FATAL_ERROR "run_consumer.cmake: -D${var}= is missing")
  endif()
endforeach()

set(common_args -G "${GENERATOR}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
  "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}" "-DTIKTOK_AIGC_HTTPLIB_DIR=${HTTPLIB_DIR}")

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${MODE} consumer: ${what} failed (${status})")
  endif()
endfunction()

# From scratch every time: a cache left by an earlier run must not hide a problem.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

set(consumer_args "")
if(MODE STREQUAL "find_package")
  set(prefix "${WORK_DIR}/prefix")
  run("configuring the project" "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}/project"
    ${common_args} "-DCMAKE_INSTALL_PREFIX=${prefix}"
    -DTIKTOK_AIGC_BUILD_TESTS=OFF -DTIKTOK_AIGC_BUILD_MOCK=OFF
    -DTIKTOK_AIGC_BUILD_EXAMPLES=OFF -DTIKTOK_AIGC_BUILD_BENCH=OFF)
  run("building the project" "${CMAKE_COMMAND}" --build "${WORK_DIR}/project")
  run("installing the project" "${CMAKE_COMMAND}" --install "${WORK_DIR}/project")
  if(NOT EXISTS "${prefix}/include/tiktok_aigc.hpp")
    message(FATAL_ERROR "find_package consumer: the install put no include/tiktok_aigc.hpp in ${prefix}")
  endif()
  set(consumer_args "-DCMAKE_PREFIX_PATH=${prefix}" "-DTIKTOK_AIGC_EXPECTED_PREFIX=${prefix}")
elseif(MODE STREQUAL "add_subdirectory")
  set(consumer_args "-DTIKTOK_AIGC_SOURCE_DIR=${SOURCE_DIR}")
else()
  message(FATAL_ERROR "run_consumer.cmake: unknown MODE ${MODE}")
endif()

run("configuring the consumer" "${CMAKE_COMMAND}" -S "${CMAKE_CURRENT_LIST_DIR}/${MODE}"
  -B "${WORK_DIR}/consumer" ${common_args} ${consumer_args})
run("building the consumer" "${CMAKE_COMMAND}" --build "${WORK_DIR}/consumer")

execute_process(COMMAND "${WORK_DIR}/consumer/app"
  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
message("${output}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${MODE} consumer: the app failed (${status})")
endif()
string(REPLACE "." "\\." version_pattern "${EXPECTED_VERSION}")
if(NOT output MATCHES "^tiktok_aigc ${version_pattern}:")
  message(FATAL_ERROR "${MODE} consumer: the app did not print \"tiktok_aigc ${EXPECTED_VERSION}: ...\"")
endif()
message(STATUS "${MODE} consumer: built and ran")
