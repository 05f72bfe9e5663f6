# tiktok_aigc_test_suites(TARGET LABEL): one ctest test per GoogleTest suite of TARGET
# (`TARGET --gtest_filter=Suite.*`), found after each build by listing the binary's tests.
#
# Why not gtest_discover_tests(), one test per process: most tests take a few milliseconds,
# and starting a process (and a mock server) for each cost more CPU than the tests
# themselves, about half of the test run's. A suite's tests share a fixture and run in one process as
# GoogleTest runs them anyway; the suites still run in parallel, and a failure names the
# test in ctest's output.
function(tiktok_aigc_test_suites target label)
  set(tests_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_suites.cmake")
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND "${CMAKE_COMMAND}"
      "-DBINARY=$<TARGET_FILE:${target}>" "-DNAME=${target}" "-DLABEL=${label}"
      "-DOUTPUT=${tests_file}" -P "${PROJECT_SOURCE_DIR}/cmake/ListTestSuites.cmake"
    BYPRODUCTS "${tests_file}"
    VERBATIM)
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${tests_file}")
endfunction()
