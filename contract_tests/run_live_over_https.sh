#!/usr/bin/env bash
# Runs the contract suite as a live client against the tiktok-aigc-mock program over HTTPS:
# a throwaway self-signed certificate, no control API, the documented rate limits on (as on
# the live API), tasks of seconds. The suite must not skip: TIKTOK_CONTRACT_REQUIRE_LIVE=1.
#
#   run_live_over_https.sh MOCK_BINARY CONTRACT_TESTS_BINARY [gtest arguments...]
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 MOCK_BINARY CONTRACT_TESTS_BINARY [gtest arguments...]" >&2
  exit 2
fi
mock_bin=$1
tests_bin=$2
shift 2

work=$(mktemp -d "${TMPDIR:-/tmp}/contract-https.XXXXXX")
mock_pid=
cleanup() {
  if [[ -n $mock_pid ]]; then
    kill "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 1 \
    -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost >"$work/openssl.log" 2>&1; then
  cat "$work/openssl.log" >&2
  exit 1
fi

"$mock_bin" --port 0 --tls-cert "$work/cert.pem" --tls-key "$work/key.pem" --no-control-api \
  --video-submitted-ms 1000 --video-processing-ms 3000 --script-submitted-ms 1000 --script-each-ms 1000 \
  --avatar-submitted-ms 1000 --avatar-processing-ms 3000 \
  --seed 5 --quiet >"$work/mock.out" 2>"$work/mock.err" &
mock_pid=$!

# Its first stdout line is "listening on URL"; wait for it at most 10 s.
url=
for _ in $(seq 100); do
  line=$(head -n 1 "$work/mock.out" 2>/dev/null || true)
  if [[ $line == "listening on "* ]]; then
    url=${line#listening on }
    break
  fi
  if ! kill -0 "$mock_pid" 2>/dev/null; then
    echo "tiktok-aigc-mock exited before listening:" >&2
    cat "$work/mock.err" >&2
    exit 1
  fi
  sleep 0.1
done
if [[ -z $url ]]; then
  echo "tiktok-aigc-mock did not print 'listening on URL' within 10 s" >&2
  cat "$work/mock.err" >&2
  exit 1
fi
if [[ $url != https://* ]]; then
  echo "expected an https URL, got $url" >&2
  exit 1
fi
echo "mock over HTTPS at $url"

status=0
TIKTOK_CONTRACT_TARGET=live TIKTOK_API_BASE=$url TIKTOK_ACCESS_TOKEN=ci-token TIKTOK_CA_FILE=$work/cert.pem \
  TIKTOK_CONTRACT_REQUIRE_LIVE=1 "$tests_bin" "$@" || status=$?

# SIGTERM stops the mock with status 0: anything else (a crash, a sanitizer's report) fails
# the run, with what the mock printed.
kill "$mock_pid" 2>/dev/null || true
mock_status=0
wait "$mock_pid" || mock_status=$?
mock_pid=
if ((mock_status != 0)); then
  echo "tiktok-aigc-mock exited with status $mock_status:" >&2
  cat "$work/mock.err" >&2
  ((status != 0)) || status=1
fi
exit "$status"
