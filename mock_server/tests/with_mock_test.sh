#!/usr/bin/env bash
# with_mock_test.sh WITH_MOCK MOCK CLI WORK_DIR: mock_server/tools/with-mock.sh as a CI job
# uses it. The command it runs reaches the mock through the variables alone; the mock is gone
# afterwards, whatever the command did; a command's failure is its exit status; a mock that
# cannot start, or prints nothing, or ignores SIGTERM, is dealt with in bounded time.
set -euo pipefail

with_mock=$1 mock=$2 cli=$3 work=$4

rm -rf "$work"
mkdir -p "$work"
export TIKTOK_AIGC_MOCK=$mock TMPDIR=$work
unset TIKTOK_API_BASE TIKTOK_ACCESS_TOKEN TIKTOK_AIGC_MOCK_TOKEN TIKTOK_AIGC_MOCK_LOG

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# Runs with-mock.sh with a bound, its stdout and stderr in out/err; sets `status`.
run_with_mock() {
  status=0
  timeout 60 "$with_mock" "$@" >"$work/out" 2>"$work/err" || status=$?
  sed 's/^/  | /' "$work/err" >&2
}

# Whether a process whose command line contains $1 is alive (not a zombie). /proc rather
# than pgrep, which a slim image may lack.
process_alive() {
  local cmdline_file args stat
  for cmdline_file in /proc/[0-9]*/cmdline; do
    # Builtins only: forking per process would make the scan take seconds on a busy machine.
    mapfile -d '' args 2>/dev/null <"$cmdline_file" || continue
    [[ "${args[*]} " == *"$1"* ]] || continue
    read -r stat 2>/dev/null <"${cmdline_file%/cmdline}/stat" || continue
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]] && return 0
  done
  return 1
}

# 1. The CLI, given neither --base-url nor --token, lists the avatars of the mock started
# for it; the variables it saw name that mock and the test token.
# A seed of its own marks this run's mock among the processes.
seed=$((RANDOM * 32768 + RANDOM))
marker="--seed $seed "
# shellcheck disable=SC2016  # expanded by the inner shell, with the variables with-mock set
run_with_mock --seed "$seed" -- bash -c \
  'printf "%s %s\n" "$TIKTOK_API_BASE" "$TIKTOK_ACCESS_TOKEN" >"$1"; exec "$2" --json avatars list' \
  inner "$work/seen" "$cli"
((status == 0)) || fail "the CLI against the mock exited $status"
grep -q '"avatar_id"' "$work/out" || fail "the CLI printed no avatars: $(head -c 300 "$work/out")"
read -r seen_url seen_token <"$work/seen" || true
[[ $seen_url =~ ^http://127\.0\.0\.1:([0-9]+)$ ]] || fail "TIKTOK_API_BASE was \"$seen_url\""
port=${BASH_REMATCH[1]:-}
[[ $seen_token == mock-token ]] || fail "TIKTOK_ACCESS_TOKEN was \"$seen_token\""
process_alive "$marker" && fail "the mock ($marker) still runs after with-mock.sh returned"
if [[ -n $port ]] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  fail "something still listens on $seen_url"
fi
compgen -G "$work/tiktok-aigc-mock.*" >/dev/null && fail "a successful run left its log behind"

# 2. A failing command: its status comes through, and the log's path is printed.
seed=$((RANDOM * 32768 + RANDOM))
marker="--seed $seed "
run_with_mock --seed "$seed" -- bash -c 'exit 7'
((status == 7)) || fail "a command that exited 7 gave $status"
log=$(sed -n "s/.*the mock's log: //p" "$work/err")
[[ -n $log && -s $log ]] || fail "a failed run printed no log, or an empty one: \"$log\""
process_alive "$marker" && fail "the mock ($marker) outlived a failing command"

# 3. A mock that refuses its flags: 125 at once, with its own words.
run_with_mock --port 99999 -- true
((status == 125)) || fail "a mock that could not start gave $status, not 125"
grep -q "exited .* before printing its URL" "$work/err" || fail "no word that the mock exited"
grep -q "65535" "$work/err" || fail "the mock's own error was not shown"

# 4. A mock that prints nothing: 125 after the start timeout, and it is stopped.
silent_sleep="sleep 61.$$"
printf '#!/bin/sh\nexec %s\n' "$silent_sleep" >"$work/silent-mock"
chmod +x "$work/silent-mock"
SECONDS=0
TIKTOK_AIGC_MOCK=$work/silent-mock TIKTOK_AIGC_MOCK_START_TIMEOUT=1 run_with_mock -- true
((status == 125)) || fail "a silent mock gave $status, not 125"
((SECONDS <= 10)) || fail "a silent mock took ${SECONDS}s to give up on"
grep -q "printed no URL within 1s" "$work/err" || fail "no word that the mock printed nothing"
process_alive "$silent_sleep" && fail "the silent mock was left running"

# 5. A mock deaf to SIGTERM is killed after the stop timeout; the command's status stands.
deaf_sleep="sleep 62.$$"
printf '#!/bin/sh\ntrap "" TERM\necho "listening on http://127.0.0.1:9"\nexec %s\n' \
  "$deaf_sleep" >"$work/deaf-mock"
chmod +x "$work/deaf-mock"
TIKTOK_AIGC_MOCK=$work/deaf-mock TIKTOK_AIGC_MOCK_STOP_TIMEOUT=1 run_with_mock -- true
((status == 0)) || fail "the command's success came back as $status"
grep -q "SIGKILL" "$work/err" || fail "no word that the mock was killed"
process_alive "$deaf_sleep" && fail "the mock deaf to SIGTERM was left running"

if ((failures > 0)); then
  echo "with_mock_test.sh: $failures failed" >&2
  exit 1
fi
rm -rf "$work"
echo "with_mock_test.sh: all passed"
