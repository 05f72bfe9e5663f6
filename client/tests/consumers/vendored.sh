#!/usr/bin/env bash
# vendored.sh: a user who copies the single header into their own tree and compiles with a
# plain compiler command, no CMake.
#
#   vendored.sh system|flat HEADER MAIN_CPP WORK_DIR EXPECTED_VERSION [CXX]
#
# system: tiktok_aigc.hpp beside main.cpp, nlohmann/json and httplib from the system. Also
#   checks that leaving out -DCPPHTTPLIB_OPENSSL_SUPPORT is a compile error that says so.
# flat: json.hpp copied flat beside tiktok_aigc.hpp too, with <nlohmann/json.hpp> made
#   unreachable, so the header's `#include "json.hpp"` fallback is what compiles. Debian's
#   json.hpp is not upstream's self-contained single header (it includes
#   <nlohmann/detail/...>), so only nlohmann/json.hpp itself is hidden: the rest of the
#   nlohmann directory stays reachable for the flat copy's own includes.
# Exits 77 (a skip) when the header includes no "json.hpp" to fall back to.
set -euo pipefail

mode=$1 header=$2 main=$3 work=$4 version=$5 cxx=${6:-c++}

rm -rf "$work"
mkdir -p "$work"
cp "$header" "$work/tiktok_aigc.hpp"
cp "$main" "$work/main.cpp"
cd "$work"

flags=(-std=c++17 -Wall -Wextra -Werror)
libs=(-lcpp-httplib -lssl -lcrypto -pthread)

if [[ $mode == flat ]]; then
  if ! grep -q '^#include "json.hpp"' tiktok_aigc.hpp; then
    echo "vendored.sh: the header has no #include \"json.hpp\" fallback: nothing to test"
    exit 77
  fi
  # The compiler's own include directories, in order (gcc and clang print them alike).
  mapfile -t dirs < <("$cxx" -xc++ -E -v /dev/null 2>&1 >/dev/null |
    sed -n '/^#include <...> search starts here:/,/^End of search list./p' |
    sed -n 's/^ \(\/[^ ]*\).*/\1/p')
  ((${#dirs[@]} > 0)) || { echo "vendored.sh: cannot read $cxx's include directories" >&2; exit 1; }
  # Each directory with nlohmann/json.hpp is replaced by a tree of links to its entries, whose
  # nlohmann/ links everything but json.hpp.
  include_args=(-nostdinc)
  source_json=""
  n=0
  for dir in "${dirs[@]}"; do
    if [[ -f $dir/nlohmann/json.hpp ]]; then
      [[ -n $source_json ]] || source_json=$dir/nlohmann/json.hpp
      shadow=$work/shadow$((n++))
      mkdir -p "$shadow/nlohmann"
      for entry in "$dir"/*; do
        [[ $(basename "$entry") == nlohmann ]] || ln -s "$entry" "$shadow/"
      done
      for entry in "$dir"/nlohmann/*; do
        [[ $(basename "$entry") == json.hpp ]] || ln -s "$entry" "$shadow/nlohmann/"
      done
      dir=$shadow
    fi
    include_args+=(-isystem "$dir")
  done
  [[ -n $source_json ]] || { echo "vendored.sh: no nlohmann/json.hpp on the include path" >&2; exit 1; }
  cp "$source_json" json.hpp
  flags+=("${include_args[@]}")

  # The hiding must work, or this variant proves nothing.
  printf '#if __has_include(<nlohmann/json.hpp>)\n#error nlohmann/json.hpp is still reachable\n#endif\n' >probe.cpp
  "$cxx" "${flags[@]}" -fsyntax-only probe.cpp
fi

set -x
"$cxx" "${flags[@]}" -DCPPHTTPLIB_OPENSSL_SUPPORT -I"$work" main.cpp -o app "${libs[@]}" -MD -MF app.d
./app | tee app.out
{ set +x; } 2>/dev/null

grep -q "^tiktok_aigc ${version//./\\.}:" app.out || {
  echo "vendored.sh: the app did not print \"tiktok_aigc $version: ...\"" >&2
  exit 1
}

if [[ $mode == flat ]]; then
  # The flat copy, not some other json.hpp, is what was compiled.
  grep -Eq "(^|[[:space:]])(\./|$work/)?json\.hpp([[:space:]]|$)" app.d || {
    echo "vendored.sh: the build did not use the flat json.hpp:" >&2
    cat app.d >&2
    exit 1
  }
fi

if [[ $mode == system ]] && grep -q 'ifndef CPPHTTPLIB_OPENSSL_SUPPORT' tiktok_aigc.hpp; then
  # Without HTTPS support the header must refuse to compile, and say what to do.
  if "$cxx" "${flags[@]}" -I"$work" -fsyntax-only main.cpp 2>no_openssl.err; then
    echo "vendored.sh: without -DCPPHTTPLIB_OPENSSL_SUPPORT the header still compiled" >&2
    exit 1
  fi
  grep -q "define CPPHTTPLIB_OPENSSL_SUPPORT" no_openssl.err || {
    echo "vendored.sh: the error without CPPHTTPLIB_OPENSSL_SUPPORT does not say to define it:" >&2
    cat no_openssl.err >&2
    exit 1
  }
  echo "vendored.sh: without -DCPPHTTPLIB_OPENSSL_SUPPORT: refused, as it should be"
fi
echo "vendored.sh: $mode: built and ran"
