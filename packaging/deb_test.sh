#!/usr/bin/env bash
# deb_test.sh CPACK BUILD_DIR WORK_DIR VERSION: the Debian package of BUILD_DIR, as a user gets
# it. Builds it with cpack, holds it to lintian (no error), reads its control fields, unpacks
# it into an empty root, and runs the programs from there: the mock on a free port answering
# the CLI, the CLI's --mock, and tiktok-aigc-with-mock. Exit 77 (skipped) when the Debian
# tools are missing (`./dev test` installs them).
set -euo pipefail

cpack=$1 build=$2 work=$3 version=$4

missing=()
for tool in dpkg-deb dpkg-shlibdeps lintian readelf pkg-config timeout; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]} > 0)); then
  echo "deb_test.sh: skipped: ${missing[*]} missing (apt-get install lintian dpkg-dev)" >&2
  exit 77
fi

# Whether PID runs: an exited child stays a zombie, which kill -0 still finds, until waited for.
running() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# SIGTERM, SIGKILL after 5 s.
stop_mock() {
  [[ -n $mock_pid ]] || return 0
  kill -TERM "$mock_pid" 2>/dev/null || true
  for ((tick = 0; tick < 50; tick++)); do
    running "$mock_pid" || break
    sleep 0.1
  done
  running "$mock_pid" && kill -KILL "$mock_pid" 2>/dev/null
  wait "$mock_pid" 2>/dev/null || true
  mock_pid=
}

mock_pid=
# The work directory stays after a failure, to look into.
cleanup() {
  local status=$?
  stop_mock
  if ((status == 0)); then rm -rf "$work"; else echo "deb_test.sh: kept $work" >&2; fi
}
trap cleanup EXIT

fail() {
  echo "deb_test.sh: FAIL: $*" >&2
  exit 1
}

step() {
  echo "--- $* ($SECONDS s)"
}

rm -rf "$work"
mkdir -p "$work/root"

step "cpack"
timeout 240 "$cpack" --config "$build/CPackConfig.cmake" -B "$work/cpack" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack failed"; }
debs=("$work"/cpack/*.deb)
if ((${#debs[@]} != 1)) || [[ ! -f ${debs[0]} ]]; then
  fail "cpack made ${debs[*]}, not one .deb"
fi
deb=${debs[0]}
arch=$(dpkg --print-architecture)
[[ ${deb##*/} == "tiktok-aigc_${version}_${arch}.deb" ]] || fail "the package is named ${deb##*/}"

step "dpkg-deb -I"
dpkg-deb -I "$deb" | tee "$work/info"
field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == tiktok-aigc ]] || fail "Package: $(field Package)"
[[ $(field Version) == "$version" ]] || fail "Version: $(field Version), not $version"
[[ $(field Architecture) == "$arch" ]] || fail "Architecture: $(field Architecture), not $arch"
for field_name in Maintainer Section Priority Description; do
  [[ -n $(field "$field_name") ]] || fail "no $field_name field"
done
depends=$(field Depends)
# The names alone, between spaces: "libc6 (>= 2.34), libssl3" -> " libc6 libssl3 ".
depends_names=" $(sed -E 's/ *\([^)]*\)//g; s/[,|]/ /g; s/  +/ /g' <<<"$depends") "
for library in libc6 libstdc++6 libssl3 libsqlite3-0 libcpp-httplib0.11; do
  [[ $depends_names == *" $library "* ]] || fail "Depends lacks $library: $depends"
done
for dev_package in libcpp-httplib-dev nlohmann-json3-dev libssl-dev; do
  [[ $(field Recommends) == *"$dev_package"* ]] || fail "Recommends lacks $dev_package"
done

step "lintian"
# --fail-on error: warnings are reported, not fatal. lintian warns that it runs as root.
status=0
timeout 240 lintian --fail-on error --info "$deb" >"$work/lintian.log" 2>&1 || status=$?
grep -v '^running with root privileges' "$work/lintian.log" || true
((status == 0)) || fail "lintian found errors (exit $status)"
echo "lintian: $(grep -c '^E:' "$work/lintian.log" || true) errors, $(grep -c '^W:' "$work/lintian.log" || true) warnings"

step "dpkg-deb -x into an empty root"
dpkg-deb -c "$deb" >"$work/contents"
outside=$(awk '{ print $6 }' "$work/contents" | grep -vE '^\./(usr/.*)?$' || true)
[[ -z $outside ]] || fail "files outside /usr: $outside"
dpkg-deb -x "$deb" "$work/root"
root=$work/root
for file in usr/include/tiktok_aigc.hpp usr/include/tiktok_aigc/mock/mock_server.hpp \
  usr/include/tiktok_aigc/mocks/mock_connection.hpp usr/include/tiktok_aigc/redis_rate_limiter.hpp \
  usr/lib/cmake/tiktok_aigc/tiktok_aigcConfig.cmake usr/lib/cmake/tiktok_aigc/tiktok_aigcConfigVersion.cmake \
  usr/lib/pkgconfig/tiktok_aigc.pc usr/lib/libtiktok_aigc.a usr/lib/libtiktok_aigc_mock.a \
  usr/lib/libtiktok_aigc_redis.a usr/lib/cmake/tiktok_aigc/tiktok_aigcRedisTargets.cmake \
  usr/share/doc/tiktok-aigc/copyright usr/share/doc/tiktok-aigc/changelog.gz; do
  [[ -f $root/$file ]] || fail "$file is not in the package"
done
grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' \
  "$root/usr/share/doc/tiktok-aigc/copyright" || fail "the copyright file is not machine-readable"
for program in tiktok-aigc tiktok-aigc-mock tiktok-aigc-drift tiktok-aigc-with-mock; do
  [[ -x $root/usr/bin/$program ]] || fail "usr/bin/$program is not an executable in the package"
  [[ -f $root/usr/share/man/man1/$program.1.gz ]] || fail "no man page for $program"
done
for program in tiktok-aigc tiktok-aigc-mock tiktok-aigc-drift; do
  readelf -S --wide "$root/usr/bin/$program" | grep -q '\.symtab' && fail "$program is not stripped"
  got=$("$root/usr/bin/$program" --version)
  [[ $got == "$program $version" ]] || fail "$program --version printed \"$got\""
done
# The .pc file finds its prefix from where it lies: here, the unpacked root.
[[ $(PKG_CONFIG_PATH=$root/usr/lib/pkgconfig pkg-config --modversion tiktok_aigc) == "$version" ]] ||
  fail "pkg-config --modversion tiktok_aigc is not $version"
[[ $(PKG_CONFIG_PATH=$root/usr/lib/pkgconfig pkg-config --cflags-only-I tiktok_aigc) == *"$root/usr/"*include* ]] ||
  fail "the .pc file's include directory is not in the root"

step "the packaged mock, on a free port"
# Neither the caller's API nor token may leak into the runs below.
unset TIKTOK_API_BASE TIKTOK_ACCESS_TOKEN TIKTOK_AIGC_MOCK
"$root/usr/bin/tiktok-aigc-mock" --port 0 --quiet >"$work/mock.out" 2>"$work/mock.err" &
mock_pid=$!
url=
for ((tick = 0; tick < 100; tick++)); do # 100 x 0.1 s
  # The first line on stdout; read fails until the whole line is there.
  if IFS= read -r line <"$work/mock.out" && [[ $line =~ ^listening\ on\ (http://[^[:space:]]+)$ ]]; then
    url=${BASH_REMATCH[1]}
    break
  fi
  running "$mock_pid" || { cat "$work/mock.err" >&2; fail "the mock exited before listening"; }
  sleep 0.1
done
[[ -n $url ]] || fail "the mock printed no URL within 10 s"
echo "the mock: $url"
timeout 30 "$root/usr/bin/tiktok-aigc" --base-url "$url" --token t --json avatars list >"$work/avatars.json" ||
  fail "tiktok-aigc avatars list against $url failed"
grep -q '"avatar_id"' "$work/avatars.json" || fail "no avatars from the mock: $(head -c 300 "$work/avatars.json")"
stop_mock

step "the packaged CLI's --mock"
timeout 30 "$root/usr/bin/tiktok-aigc" --mock --mock-state "$work/mock-state" --json avatars list \
  >"$work/avatars-mock.json" || fail "tiktok-aigc --mock avatars list failed"
grep -q '"avatar_id"' "$work/avatars-mock.json" || fail "no avatars from --mock"

step "the packaged tiktok-aigc-with-mock, finding the mock beside it"
TMPDIR=$work timeout 60 "$root/usr/bin/tiktok-aigc-with-mock" -- \
  "$root/usr/bin/tiktok-aigc" --json avatars list >"$work/avatars-with-mock.json" ||
  fail "tiktok-aigc-with-mock -- tiktok-aigc avatars list failed"
grep -q '"avatar_id"' "$work/avatars-with-mock.json" || fail "no avatars through tiktok-aigc-with-mock"

step "done"
echo "deb_test.sh: ${deb##*/} is lintian-clean and works from an empty root"
