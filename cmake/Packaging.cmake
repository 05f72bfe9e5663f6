# The Debian package, tiktok-aigc_<version>_<arch>.deb: what `cmake --install` puts under a
# prefix (the programs, the header, the static libraries, the CMake and pkg-config files),
# under /usr, with the documentation Debian asks for. `./dev package` builds it from a
# Release build; the package_deb test builds one from the test build and checks it.
#
# Included at the end of the top-level CMakeLists.txt, after every install rule, when the
# mock and the command-line tool are built and installed.

# --- Documentation: installed with the rest, so a `cmake --install` has it too -------------

set(TIKTOK_AIGC_DEB_NAME tiktok-aigc)
set(tiktok_aigc_doc_dir "${CMAKE_INSTALL_DATADIR}/doc/${TIKTOK_AIGC_DEB_NAME}")
set(tiktok_aigc_packaging_out "${PROJECT_BINARY_DIR}/packaging")
file(MAKE_DIRECTORY "${tiktok_aigc_packaging_out}")

# Debian wants documentation compressed with gzip -9n (no name or time stamp, so the same
# input gives the same bytes); gzip is part of every Debian system.
find_program(TIKTOK_AIGC_GZIP gzip REQUIRED)
function(tiktok_aigc_gzip input output)
  execute_process(COMMAND "${TIKTOK_AIGC_GZIP}" -9nc "${input}"
    OUTPUT_FILE "${output}" RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "gzip ${input} failed (${status})")
  endif()
endfunction()

# /usr/share/doc/<package>/copyright in Debian's machine-readable format, made from LICENSE
# so the licence text is stated once.
file(STRINGS "${PROJECT_SOURCE_DIR}/LICENSE" license_lines)
set(copyright_holder "")
set(license_text "")
foreach(line IN LISTS license_lines)
  if(line MATCHES "^Copyright \\(c\\) (.+)$")
    set(copyright_holder "${CMAKE_MATCH_1}")
  elseif(copyright_holder)  # the permission text follows the copyright line
    if(line STREQUAL "")
      string(APPEND license_text " .\n")
    else()
      string(APPEND license_text " ${line}\n")
    endif()
  endif()
endforeach()
string(REGEX REPLACE "^ \\.\n" "" license_text "${license_text}")
if(NOT copyright_holder OR NOT license_text)
  message(FATAL_ERROR "Packaging: no \"Copyright (c) ...\" line and licence text in LICENSE")
endif()
file(WRITE "${tiktok_aigc_packaging_out}/copyright"
"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: tiktok-aigc-cpp
Comment: The programs also hold code compiled from the headers of nlohmann/json (MIT)
 and CLI11 (BSD-3-Clause); they link cpp-httplib (MIT), OpenSSL (Apache-2.0) and
 SQLite (public domain) from their Debian packages.

Files: *
Copyright: ${copyright_holder}
License: Expat
${license_text}")

# changelog.gz: for a native package (a version without a Debian revision) Debian's
# changelog, one entry for this version dated as CHANGELOG.md dates its release.
file(STRINGS "${PROJECT_SOURCE_DIR}/CHANGELOG.md" release_heading
  REGEX "^## \\[${PROJECT_VERSION}\\] - [0-9]+-[0-9]+-[0-9]+$")
if(release_heading MATCHES "([0-9]+-[0-9]+-[0-9]+)$")
  set(release_date "${CMAKE_MATCH_1}")
else()
  string(TIMESTAMP release_date "%Y-%m-%d" UTC)  # not released yet: today
endif()
execute_process(COMMAND date -u -R -d "${release_date}"
  OUTPUT_VARIABLE release_date_rfc2822 OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "Packaging: date could not read the release date ${release_date}")
endif()
# Override for a package of your own: -DCPACK_DEBIAN_PACKAGE_MAINTAINER="Name <address>".
set(CPACK_DEBIAN_PACKAGE_MAINTAINER
  "tiktok-aigc-cpp maintainers <maintainers@users.noreply.b-seed-66343341.example>"
  CACHE STRING "Maintainer field of the Debian package")
file(WRITE "${tiktok_aigc_packaging_out}/changelog"
"${TIKTOK_AIGC_DEB_NAME} (${PROJECT_VERSION}) unstable; urgency=medium

  * Release ${PROJECT_VERSION}: the project's CHANGELOG.md lists its changes.

 -- ${CPACK_DEBIAN_PACKAGE_MAINTAINER}  ${release_date_rfc2822}
")
tiktok_aigc_gzip("${tiktok_aigc_packaging_out}/changelog" "${tiktok_aigc_packaging_out}/changelog.gz")
install(FILES "${tiktok_aigc_packaging_out}/copyright" "${tiktok_aigc_packaging_out}/changelog.gz"
  DESTINATION "${tiktok_aigc_doc_dir}")

# A short man page per program (the full help is each program's --help).
set(tiktok_aigc_man_pages tiktok-aigc tiktok-aigc-mock tiktok-aigc-drift tiktok-aigc-with-mock)
foreach(page IN LISTS tiktok_aigc_man_pages)
  configure_file("${PROJECT_SOURCE_DIR}/packaging/man/${page}.1.in"
    "${tiktok_aigc_packaging_out}/${page}.1" @ONLY)
  tiktok_aigc_gzip("${tiktok_aigc_packaging_out}/${page}.1" "${tiktok_aigc_packaging_out}/${page}.1.gz")
  install(FILES "${tiktok_aigc_packaging_out}/${page}.1.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
endforeach()

# A stripped install (`cmake --install --strip`, and CPack's) strips the programs; the static
# libraries keep their symbols but lose debug information and notes, as Debian's dh_strip
# does, which takes a Debug build's mock library from about 100 MB to a tenth.
install(CODE "
  if(CMAKE_INSTALL_DO_STRIP)
    foreach(library \"$<TARGET_FILE_NAME:tiktok_aigc_client>\" \"$<TARGET_FILE_NAME:tiktok_aigc_mock>\")
      execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-debug --remove-section=.comment
        --remove-section=.note --enable-deterministic-archives
        \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/\${library}\"
        RESULT_VARIABLE status)
      if(NOT status EQUAL 0)
        message(FATAL_ERROR \"stripping \${library} failed\")
      endif()
    endforeach()
  endif()")

# What the package holds, built by `./dev package` rather than the whole tree and its tests.
# CPack runs the preinstall target, which would build all of it first: it is only to install
# what is built (a build and `cmake --install` never needed that dependency).
if(NOT DEFINED CMAKE_SKIP_INSTALL_ALL_DEPENDENCY)
  set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
endif()
add_custom_target(tiktok_aigc_package_contents)
add_dependencies(tiktok_aigc_package_contents
  tiktok_aigc_client tiktok_aigc_mock tiktok-aigc-mock tiktok-aigc-drift tiktok-aigc)

# --- CPack --------------------------------------------------------------------------------

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME "${TIKTOK_AIGC_DEB_NAME}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # tiktok-aigc_<version>_<arch>.deb, arch from dpkg
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "mock server, CLI and C++ client for TikTok's creative AI APIs")
# The synopsis is the summary; this is the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "tiktok-aigc-mock serves TikTok's creative AI APIs (Generate & Remix Videos,
Generate Scripts, Image to Video, Digital Avatar, Dubbed Translations) with
their documented rules, return codes and task states, for offline tests and
CI; tiktok-aigc-with-mock runs a command against one started for it.
tiktok-aigc runs every endpoint from a shell, against the live API or the
bundled mock. For C++ programs: the client as a single header with its
compiled implementation and the embeddable mock, as a CMake package
(find_package(tiktok_aigc)) and a pkg-config module (tiktok_aigc).")
# Depends: what the programs link, found by dpkg-shlibdeps with the versions they need
# (libcpp-httplib0.11, libssl3, libsqlite3-0, libstdc++6, libc6, ...), never out of date.
# The development packages the header and the CMake and pkg-config files need are only
# Recommends: the common use is the mock in a CI job, which needs none of them, and apt
# installs Recommends unless told not to.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
  "libcpp-httplib-dev, nlohmann-json3-dev, libssl-dev, libsqlite3-dev")
# The Redis rate limiter's library needs hiredis to link, and a Redis server to talk to.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libhiredis-dev, redis-server")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_SOURCE_GENERATOR TGZ)
include(CPack)

# The package of this build, built and checked as a user gets it (packaging/deb_test.sh).
if(TIKTOK_AIGC_BUILD_TESTS)
  add_test(NAME package_deb
    COMMAND bash "${PROJECT_SOURCE_DIR}/packaging/deb_test.sh" "${CMAKE_CPACK_COMMAND}"
      "${PROJECT_BINARY_DIR}" "${PROJECT_BINARY_DIR}/package-test/deb" "${PROJECT_VERSION}")
  # Started first (COST): lintian is the slowest part of the test run.
  set_tests_properties(package_deb PROPERTIES
    LABELS "package" TIMEOUT 600 COST 1000 SKIP_RETURN_CODE 77)
endif()
