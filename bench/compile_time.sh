#!/usr/bin/env bash
# What the client costs the compiler, against a translation unit that includes only
# <httplib.h> and <nlohmann/json.hpp> (the baseline, compiled the same way):
#   - a user's file that includes include/tiktok_aigc.hpp and calls the client (lists videos,
#     walks every page, prints a status): the cost every file of a program that uses the
#     client pays;
#   - the implementation file (TIKTOK_AIGC_IMPLEMENTATION), compiled once per program.
# Each is compiled to an object file (`c++ -std=c++17 -c`, no optimisation flags); runs
# alternate; prints medians and the ratios.
#
#   bench/compile_time.sh [RUNS]      default 5; CXX picks the compiler (default c++)
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

runs=${1:-5}
cxx=${CXX:-c++}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '#include <httplib.h>\n#include <nlohmann/json.hpp>\nint main() { return 0; }\n' >"$work/deps.cpp"
cat >"$work/user.cpp" <<'PROGRAM'
#include <cstdio>

#include "tiktok_aigc.hpp"

int main() {
  tiktok_aigc::Client client;
  tiktok_aigc::VideoListQuery query;
  query.page_size = 20;
  const auto page = client.list_videos(query);
  if (!page) {
    std::fprintf(stderr, "%s\n", page.status().to_string().c_str());
    return 1;
  }
  for (const auto& video : page->list) std::printf("%s %s\n", video.video_id.c_str(), video.preview_url.c_str());
  for (const auto& video : client.all_videos()) {
    if (!video) return 1;
  }
  return 0;
}
PROGRAM
printf '#define TIKTOK_AIGC_IMPLEMENTATION\n#include "tiktok_aigc.hpp"\n' >"$work/implementation.cpp"
# The implementation needs HTTPS support; the baseline is compiled with the same define, so
# both parse the same httplib.
flags=(-std=c++17 -c -o /dev/null -DCPPHTTPLIB_OPENSSL_SUPPORT -Iinclude)

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

deps=() user=() implementation=()
for ((i = 0; i < runs; i++)); do
  if ((i % 2 == 0)); then
    deps+=("$(elapsed_ms "$work/deps.cpp")")
    user+=("$(elapsed_ms "$work/user.cpp")")
  else
    user+=("$(elapsed_ms "$work/user.cpp")")
    deps+=("$(elapsed_ms "$work/deps.cpp")")
  fi
  implementation+=("$(elapsed_ms "$work/implementation.cpp")")
done

d=$(median "${deps[@]}")
u=$(median "${user[@]}")
m=$(median "${implementation[@]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "$cxx -std=c++17 -c, median of $runs runs"
printf '  <httplib.h> + <nlohmann/json.hpp>              %6s ms\n' "$d"
printf '  a file that uses the client (tiktok_aigc.hpp)  %6s ms   %sx\n' "$u" "$(ratio "$u" "$d")"
printf '  the implementation, once per program           %6s ms   %sx\n' "$m" "$(ratio "$m" "$d")"
