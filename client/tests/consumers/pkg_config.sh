#!/usr/bin/env bash
# pkg_config.sh: a user without CMake builds against an installed copy through pkg-config.
#
#   pkg_config.sh PREFIX MAIN_CPP WORK_DIR EXPECTED_VERSION [CXX]
set -euo pipefail

prefix=$1 main=$2 work=$3 version=$4 cxx=${5:-c++}

rm -rf "$work"
mkdir -p "$work"
cd "$work"
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig

got=$(pkg-config --modversion tiktok_aigc)
[[ $got == "$version" ]] || {
  echo "pkg_config.sh: tiktok_aigc.pc says version $got, not $version" >&2
  exit 1
}
# The header must be found in the prefix, not elsewhere.
[[ $(pkg-config --cflags tiktok_aigc) == *"-I$prefix/"*include* ]] || {
  echo "pkg_config.sh: the cflags do not point into $prefix: $(pkg-config --cflags tiktok_aigc)" >&2
  exit 1
}

set -x
# shellcheck disable=SC2046  # pkg-config's output is a list of flags
"$cxx" -std=c++17 -Wall -Wextra -Werror "$main" -o app $(pkg-config --cflags --libs tiktok_aigc)
./app | tee app.out
{ set +x; } 2>/dev/null
grep -q "^tiktok_aigc ${version//./\\.}:" app.out || {
  echo "pkg_config.sh: the app did not print \"tiktok_aigc $version: ...\"" >&2
  exit 1
}
echo "pkg_config.sh: built and ran"
