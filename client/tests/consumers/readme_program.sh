#!/usr/bin/env bash
# The README's first C++ program, compiled against the single header as a user would, so
# the README cannot drift from the API.
#   readme_program.sh README HEADER WORK_DIR CXX
set -euo pipefail
readme=$1 header=$2 work=$3 cxx=$4
rm -rf "$work" && mkdir -p "$work"
cp "$header" "$work/"
# The first ```cpp block of the README.
awk '/^```cpp$/ && !inside { inside = 1; next } inside && /^```$/ { exit } inside { print }' \
  "$readme" >"$work/readme.cpp"
grep -q "int main" "$work/readme.cpp" || { echo "no C++ program found in $readme" >&2; exit 1; }
"$cxx" -std=c++17 -Wall -Wextra -Werror -DCPPHTTPLIB_OPENSSL_SUPPORT -I"$work" -fsyntax-only "$work/readme.cpp"
echo "the README's program compiles"
