# ListTestSuites.cmake: writes OUTPUT, the add_test() of each GoogleTest suite of BINARY, for
# tiktok_aigc_test_suites() (TiktokAigcTestSuites.cmake), which runs it after each build:
#   cmake -DBINARY=... -DNAME=... -DLABEL=... -DOUTPUT=... -P ListTestSuites.cmake
cmake_minimum_required(VERSION 3.16)
execute_process(COMMAND "${BINARY}" --gtest_list_tests
  RESULT_VARIABLE status OUTPUT_VARIABLE listing ERROR_VARIABLE errors TIMEOUT 60)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${BINARY} --gtest_list_tests failed (${status}): ${errors}")
endif()
# Suite lines start in the first column ("Suite." or "Prefix/Suite.  # TypeParam = ..."),
# test lines with two spaces. Matched in the whole text: test parameters printed on the test
# lines may hold ';' or '[', which a CMake list would split on.
string(REGEX MATCHALL "(^|\n)[A-Za-z0-9_/]+\\." suites "${listing}")
set(tests "")
foreach(suite IN LISTS suites)
  string(REGEX REPLACE "^\n?(.*)\\.$" "\\1" suite "${suite}")
  string(APPEND tests
    "add_test([==[${NAME}:${suite}]==] [==[${BINARY}]==] [==[--gtest_filter=${suite}.*]==])\n"
    "set_tests_properties([==[${NAME}:${suite}]==] PROPERTIES LABELS [==[${LABEL}]==] TIMEOUT 120)\n")
endforeach()
if(tests STREQUAL "")
  message(FATAL_ERROR "${BINARY} lists no test")
endif()
file(WRITE "${OUTPUT}" "${tests}")
