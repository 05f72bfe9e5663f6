# Fails when the committed single header is not what the sources make today:
#   cmake -DSOURCE_DIR=... -DOUTPUT=... -P check_amalgamation.cmake
cmake_minimum_required(VERSION 3.16)

set(entry "${SOURCE_DIR}/client/tiktok_aigc/tiktok_aigc.hpp")
set(committed "${SOURCE_DIR}/include/tiktok_aigc.hpp")
execute_process(
  COMMAND "${CMAKE_COMMAND}" "-DINPUT=${entry}" "-DOUTPUT=${OUTPUT}"
    -P "${SOURCE_DIR}/cmake/Amalgamate.cmake"
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "amalgamating ${entry} failed: the single header cannot be made")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${OUTPUT}" "${committed}"
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "include/tiktok_aigc.hpp is stale: it differs from what the headers in "
    "client/tiktok_aigc/ make (${OUTPUT}). Run `./dev amalgamate` and commit the result.")
endif()
message(STATUS "include/tiktok_aigc.hpp is current")
