#!/usr/bin/env bash
# Runs mock_walkthrough against a tiktok-aigc-mock binary started on a free port, so ctest
# keeps the raw-HTTP example working.
#
#   run_mock_walkthrough.sh MOCK_BINARY WALKTHROUGH_BINARY
set -euo pipefail

mock=$1 walkthrough=$2
out=$(mktemp)
# Same timings as `./dev demo` had: a walk of a few seconds.
"$mock" --port 0 --seed 7 --video-submitted-ms 300 --video-processing-ms 1200 --quiet >"$out" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$out"' EXIT

base_url=""
for ((tries = 0; tries < 100; tries++)); do # 100 x 0.1 s: the 10 s allowed to start
  # The first stdout line names the port; read fails until the whole line is there.
  if IFS= read -r line <"$out" && [[ $line =~ ^listening\ on\ (http://127\.0\.0\.1:[0-9]+) ]]; then
    base_url=${BASH_REMATCH[1]}
    break
  fi
  kill -0 "$pid" 2>/dev/null || { echo "the mock exited before listening" >&2; exit 1; }
  sleep 0.1
done
[[ -n $base_url ]] || { echo "the mock did not print its address within 10 s" >&2; exit 1; }

"$walkthrough" "$base_url"
