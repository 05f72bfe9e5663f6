#!/usr/bin/env bash
# vendored.sh: a user who copies the single header into their own tree and compiles with a
# plain compiler command, no CMake.
#
#   vendored.sh readme HEADER README WORK_DIR EXPECTED_VERSION [CXX]
#   vendored.sh flat HEADER MAIN_CPP WORK_DIR EXPECTED_VERSION [CXX]
#
# readme: the README's first C++ program and its implementation file (the C++ block that
#   starts "// tiktok_aigc.cpp"), beside tiktok_aigc.hpp, built with the README's own
#   compile line (its first line starting "c++ -std=c++17"), warnings as errors; it must
#   link against the system's cpp-httplib and run (without a token it ends with the
#   client's "no access token" error). The program's own translation unit must include
#   neither httplib.h nor nlohmann/json.hpp. Then what the header refuses, with one error
#   each that says what to do: the implementation without CPPHTTPLIB_OPENSSL_SUPPORT, and
#   the header as C++14.
# flat: json.hpp copied flat beside tiktok_aigc.hpp too, with <nlohmann/json.hpp> made
#   unreachable, so the header's `#include "json.hpp"` fallback is what compiles. Debian's
#   json.hpp is not upstream's self-contained single header (it includes
#   <nlohmann/detail/...>), so only nlohmann/json.hpp itself is hidden: the rest of the
#   nlohmann directory stays reachable for the flat copy's own includes.
# Exits 77 (a skip) when the header includes no "json.hpp" to fall back to.
set -euo pipefail

mode=$1 header=$2 source=$3 work=$4 version=$5 cxx=${6:-c++}

rm -rf "$work"
mkdir -p "$work"
cp "$header" "$work/tiktok_aigc.hpp"
cd "$work"

grep -q "^#define TIKTOK_AIGC_VERSION \"${version//./\\.}\"$" tiktok_aigc.hpp || {
  echo "vendored.sh: the header does not define TIKTOK_AIGC_VERSION \"$version\"" >&2
  exit 1
}

# The implementation, in the one file that asks for it (the README's; the same text here).
implementation_file() {
  printf '#define TIKTOK_AIGC_IMPLEMENTATION\n#include "tiktok_aigc.hpp"\n' >tiktok_aigc.cpp
}

# expect_one_error FILE FLAGS... -- WHAT: compiling FILE must fail with one error naming WHAT.
expect_one_error() {
  local file=$1 flags=() what
  shift
  while [[ $1 != -- ]]; do flags+=("$1"); shift; done
  what=$2
  if "$cxx" "${flags[@]}" -I"$work" -fsyntax-only "$file" 2>refused.err; then
    echo "vendored.sh: ${flags[*]}: the header still compiled" >&2
    exit 1
  fi
  local errors
  errors=$(grep -c 'error:' refused.err || true)
  if ! grep -q "$what" refused.err || ((errors > 2)); then
    echo "vendored.sh: ${flags[*]}: expected one error naming \"$what\", got:" >&2
    cat refused.err >&2
    exit 1
  fi
  echo "vendored.sh: ${flags[*]}: refused with: $(grep -m1 '#error' refused.err)"
}

if [[ $mode == readme ]]; then
  awk '/^```cpp$/ && !inside { inside = 1; next } inside && /^```$/ { exit } inside { print }' \
    "$source" >app.cpp
  grep -q "int main" app.cpp || { echo "vendored.sh: no C++ program in $source" >&2; exit 1; }
  awk '/^```cpp$/ { getline first; if (first ~ /^\/\/ tiktok_aigc\.cpp/) { inside = 1; print first; next } }
       inside && /^```$/ { exit } inside { print }' "$source" >tiktok_aigc.cpp
  grep -q "^#define TIKTOK_AIGC_IMPLEMENTATION" tiktok_aigc.cpp || {
    echo "vendored.sh: no \"// tiktok_aigc.cpp\" block defining TIKTOK_AIGC_IMPLEMENTATION in $source" >&2
    exit 1
  }
  line=$(grep -m1 '^c++ -std=c++17' "$source" || true)
  [[ -n $line ]] || { echo "vendored.sh: no 'c++ -std=c++17' line in $source" >&2; exit 1; }
  line=${line%%#*}  # without a trailing comment
  set -x
  CXX=$cxx bash -c "${line/#c++/\"\$CXX\"} -Wall -Wextra -Werror"
  { set +x; } 2>/dev/null
  [[ -x app ]] || { echo "vendored.sh: the README's line made no ./app" >&2; exit 1; }
  status=0
  env -u TIKTOK_ACCESS_TOKEN TIKTOK_API_BASE=http://127.0.0.1:9 ./app >app.out 2>&1 || status=$?
  cat app.out
  if ((status != 1)) || ! grep -q "no access token" app.out; then
    echo "vendored.sh: the README's program should end with exit 1 and the client's" \
      "\"no access token\" error (exit $status)" >&2
    exit 1
  fi
  # The program's own file compiles the declarations only.
  "$cxx" -std=c++17 -I"$work" -M app.cpp >app.deps
  if grep -Eq '(httplib\.h|nlohmann/json\.hpp)' app.deps; then
    echo "vendored.sh: app.cpp, which only uses the client, includes httplib.h or json.hpp:" >&2
    grep -E '(httplib\.h|nlohmann/json\.hpp)' app.deps >&2
    exit 1
  fi
  expect_one_error tiktok_aigc.cpp -std=c++17 -- "define CPPHTTPLIB_OPENSSL_SUPPORT"
  expect_one_error app.cpp -std=c++14 -DCPPHTTPLIB_OPENSSL_SUPPORT -- "needs C++17"
  echo "vendored.sh: readme: built with the README's line and ran"
  exit 0
fi

[[ $mode == flat ]] || { echo "vendored.sh: unknown mode $mode" >&2; exit 2; }
if ! grep -q '^#include "json.hpp"' tiktok_aigc.hpp; then
  echo "vendored.sh: the header has no #include \"json.hpp\" fallback: nothing to test"
  exit 77
fi
cp "$source" main.cpp
implementation_file
# The compiler's own include directories, in order (gcc and clang print them alike).
mapfile -t dirs < <("$cxx" -xc++ -E -v /dev/null 2>&1 >/dev/null |
  sed -n '/^#include <...> search starts here:/,/^End of search list./p' |
  sed -n 's/^ \(\/[^ ]*\).*/\1/p')
((${#dirs[@]} > 0)) || { echo "vendored.sh: cannot read $cxx's include directories" >&2; exit 1; }
# Each directory with nlohmann/json.hpp is replaced by a tree of links to its entries, whose
# nlohmann/ links everything but json.hpp.
flags=(-std=c++17 -Wall -Wextra -Werror -nostdinc)
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
  flags+=(-isystem "$dir")
done
[[ -n $source_json ]] || { echo "vendored.sh: no nlohmann/json.hpp on the include path" >&2; exit 1; }
cp "$source_json" json.hpp

# The hiding must work, or this variant proves nothing.
printf '#if __has_include(<nlohmann/json.hpp>)\n#error nlohmann/json.hpp is still reachable\n#endif\n' >probe.cpp
"$cxx" "${flags[@]}" -fsyntax-only probe.cpp

# cpp-httplib's own flags (Debian's is a compiled library built with zlib and brotli).
read -r -a cflags < <(pkg-config --cflags cpp-httplib openssl)
read -r -a libs < <(pkg-config --libs cpp-httplib openssl)
set -x
"$cxx" "${flags[@]}" -I"$work" "${cflags[@]}" -c tiktok_aigc.cpp -o tiktok_aigc.o -MD -MF tiktok_aigc.d
"$cxx" "${flags[@]}" -I"$work" main.cpp tiktok_aigc.o -o app "${libs[@]}" -pthread
./app | tee app.out
{ set +x; } 2>/dev/null

grep -q "^tiktok_aigc ${version//./\\.}:" app.out || {
  echo "vendored.sh: the app did not print \"tiktok_aigc $version: ...\"" >&2
  exit 1
}
# The flat copy, not some other json.hpp, is what was compiled.
grep -Eq "(^|[[:space:]])(\./|$work/)?json\.hpp([[:space:]]|$)" tiktok_aigc.d || {
  echo "vendored.sh: the build did not use the flat json.hpp:" >&2
  cat tiktok_aigc.d >&2
  exit 1
}
echo "vendored.sh: flat: built and ran"
