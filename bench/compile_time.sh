#!/usr/bin/env bash
# What including the client costs the compiler: `c++ -std=c++17 -fsyntax-only` of a file that
# includes only <httplib.h> and <nlohmann/json.hpp>, against one that includes
# include/tiktok_aigc.hpp (which includes both). Runs alternate; prints medians and the ratio.
#
#   bench/compile_time.sh [RUNS]      default 5; CXX picks the compiler (default c++)
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

runs=${1:-5}
cxx=${CXX:-c++}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '#include <httplib.h>\n#include <nlohmann/json.hpp>\nint main() { return 0; }\n' >"$work/deps.cpp"
printf '#include "tiktok_aigc.hpp"\nint main() { return 0; }\n' >"$work/client.cpp"
# The client needs HTTPS support; the dependencies alone are compiled with the same define,
# so both parse the same httplib.
flags=(-std=c++17 -fsyntax-only -DCPPHTTPLIB_OPENSSL_SUPPORT -Iinclude)

elapsed_ms() {
  local start end
  start=$(date +%s%N)
  "$cxx" "${flags[@]}" "$1"
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

deps=() client=()
for ((i = 0; i < runs; i++)); do
  if ((i % 2 == 0)); then
    deps+=("$(elapsed_ms "$work/deps.cpp")")
    client+=("$(elapsed_ms "$work/client.cpp")")
  else
    client+=("$(elapsed_ms "$work/client.cpp")")
    deps+=("$(elapsed_ms "$work/deps.cpp")")
  fi
done

d=$(median "${deps[@]}")
c=$(median "${client[@]}")
echo "$cxx -std=c++17 -fsyntax-only, median of $runs runs"
printf '  <httplib.h> + <nlohmann/json.hpp>   %6s ms\n' "$d"
printf '  include/tiktok_aigc.hpp             %6s ms   %sx\n' "$c" "$(awk -v c="$c" -v d="$d" 'BEGIN { printf "%.2f", c / d }')"
