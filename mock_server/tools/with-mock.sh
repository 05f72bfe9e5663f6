#!/usr/bin/env bash
# with-mock.sh [MOCK_OPTIONS...] -- COMMAND [ARGS...]   (installed as tiktok-aigc-with-mock)
#
# For CI jobs: starts tiktok-aigc-mock on a free port with MOCK_OPTIONS, points the client's
# variables at it (TIKTOK_API_BASE, TIKTOK_ACCESS_TOKEN), runs COMMAND, stops the mock however
# COMMAND ended, and exits with COMMAND's status (125 when the mock could not be started).
#
#   TIKTOK_AIGC_MOCK                the mock program (default: the one beside this script,
#                                   else tiktok-aigc-mock from PATH)
#   TIKTOK_AIGC_MOCK_TOKEN          the token exported (default: mock-token)
#   TIKTOK_AIGC_MOCK_LOG            the file for the mock's output (default: a temporary file,
#                                   removed after a success; its path is printed on failure)
#   TIKTOK_AIGC_MOCK_START_TIMEOUT  seconds to wait for the mock's URL (default: 10)
#   TIKTOK_AIGC_MOCK_STOP_TIMEOUT   seconds between SIGTERM and SIGKILL (default: 5)
set -euo pipefail

readonly program=${0##*/}
# Exit status of a failure of this script itself, as env(1) and timeout(1) use it.
readonly own_failure=125

usage() {
  echo "usage: $program [MOCK_OPTIONS...] -- COMMAND [ARGS...]" >&2
  exit 2
}

mock_args=()
while (($# > 0)) && [[ $1 != -- ]]; do
  mock_args+=("$1")
  shift
done
(($# >= 2)) || usage # "--" and a command
shift

here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
if [[ -n ${TIKTOK_AIGC_MOCK:-} ]]; then
  mock=$TIKTOK_AIGC_MOCK
elif [[ -x $here/tiktok-aigc-mock ]]; then
  mock=$here/tiktok-aigc-mock
elif ! mock=$(command -v tiktok-aigc-mock); then
  echo "$program: tiktok-aigc-mock is not on PATH (or set TIKTOK_AIGC_MOCK to the program)" >&2
  exit "$own_failure"
fi

start_timeout=${TIKTOK_AIGC_MOCK_START_TIMEOUT:-10}
stop_timeout=${TIKTOK_AIGC_MOCK_STOP_TIMEOUT:-5}
[[ $start_timeout =~ ^[0-9]+$ && $stop_timeout =~ ^[0-9]+$ ]] || {
  echo "$program: TIKTOK_AIGC_MOCK_START_TIMEOUT and _STOP_TIMEOUT are whole seconds" >&2
  exit 2
}

if [[ -n ${TIKTOK_AIGC_MOCK_LOG:-} ]]; then
  log=$TIKTOK_AIGC_MOCK_LOG
  log_is_temporary=false
else
  log=$(mktemp "${TMPDIR:-/tmp}/tiktok-aigc-mock.XXXXXX")
  log_is_temporary=true
fi

mock_pid=

# Whether the mock still runs. An exited child stays a zombie until waited for, and kill -0
# succeeds on a zombie: /proc tells them apart where there is one.
mock_running() {
  local stat
  if [[ -d /proc/self ]]; then
    stat=$(cat "/proc/$mock_pid/stat" 2>/dev/null) || return 1
    stat=${stat##*) } # the state follows "PID (NAME) "
    [[ ${stat:0:1} != Z ]]
  else
    kill -0 "$mock_pid" 2>/dev/null
  fi
}

# shellcheck disable=SC2317  # called from the EXIT trap
# SIGTERM, then SIGKILL if the mock is still there after stop_timeout seconds.
stop_mock() {
  [[ -n $mock_pid ]] || return 0
  local tick
  if mock_running; then
    kill -TERM "$mock_pid" 2>/dev/null || true
    for ((tick = 0; tick < stop_timeout * 20; tick++)); do
      mock_running || break
      sleep 0.05
    done
    if mock_running; then
      echo "$program: the mock outlived SIGTERM by ${stop_timeout}s: SIGKILL" >&2
      kill -KILL "$mock_pid" 2>/dev/null || true
    fi
  fi
  wait "$mock_pid" 2>/dev/null || true
  mock_pid=
}

# shellcheck disable=SC2317  # the EXIT trap
on_exit() {
  local status=$?
  stop_mock
  if ((status == 0)); then
    [[ $log_is_temporary == true ]] && rm -f "$log"
  else
    echo "$program: the mock's log: $log" >&2
  fi
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$mock" --port 0 "${mock_args[@]}" >"$log" 2>&1 &
mock_pid=$!

# Its first line on stdout is "listening on URL"; its stderr shares the log, so the line is
# looked for rather than taken first. `read` skips a line not yet complete.
url=
for ((tick = 0; tick < start_timeout * 20; tick++)); do
  while IFS= read -r line; do
    if [[ $line =~ ^listening\ on\ (https?://[^[:space:]]+)$ ]]; then
      url=${BASH_REMATCH[1]}
      break 2
    fi
  done <"$log"
  if ! mock_running; then
    wait "$mock_pid" && status=0 || status=$?
    mock_pid=
    echo "$program: $mock exited ($status) before printing its URL; its last lines:" >&2
    tail -n 20 "$log" >&2
    exit "$own_failure"
  fi
  sleep 0.05
done
if [[ -z $url ]]; then
  echo "$program: $mock printed no URL within ${start_timeout}s" >&2
  exit "$own_failure"
fi

export TIKTOK_API_BASE=$url
export TIKTOK_ACCESS_TOKEN=${TIKTOK_AIGC_MOCK_TOKEN:-mock-token}
echo "$program: the mock is at $url" >&2

status=0
"$@" || status=$?
((status == 0)) || echo "$program: $1 exited with status $status" >&2
exit "$status"
