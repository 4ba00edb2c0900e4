#!/usr/bin/env bash
# cli_update_downloads.sh - downloads that are clearly not the list, and
# stalled ones (issue 18): a gzip "bomb" (2 GB of NUL bytes in 2 MB) is
# refused at its first bytes instead of being written whole first, and a
# server that trickles a byte a second is dropped by the low-speed limit
# long before the transfer timeout.  The lists come from
# tests/fixtures/update/server.py on 127.0.0.1.
#
# usage: cli_update_downloads.sh VIGIL FIXTURES SHARED BUILD
set -uo pipefail
VIGIL=$1
FIX=$2/update
BUILD=$4
work=$(mktemp -d "${BUILD}/cli-update-downloads.XXXXXX")
srv_pid=""
cleanup() { [ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fails=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

mkdir -p "$work/www"
cp "$FIX/v1/people.ftm.jsonl" "$work/www/people.ftm.jsonl"
python3 "$FIX/server.py" "$work/www" "$work/port" "$work/requests.log" 300 &
srv_pid=$!
for _ in $(seq 1 300); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { echo "FAIL: test server did not start"; exit 1; }
base="http://127.0.0.1:$(cat "$work/port")"
# config MODE [extra lines]
config() {
  local mode=$1; shift
  { echo "[update]"; echo "connect_timeout = 2"; echo "timeout = 60"; echo "retries = 0"
    for l in "$@"; do echo "$l"; done
    echo "[source people]"; echo "format = ftm-json"; echo "url = $base/$mode/people.ftm.jsonl"
  } >"$work/c.ini"
}
run() {
  local start=$(date +%s%N)
  timeout 120 "$VIGIL" update --config "$work/c.ini" --index "$work/lists.idx" >"$work/out" 2>"$work/err"
  rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
}

config ok
run
[ $rc -eq 0 ] || { cat "$work/err"; echo "FAIL: the first update"; exit 1; }
before=$(sha256sum "$work/lists.idx" | cut -d' ' -f1)

config bomb
run
if [ $rc -eq 1 ] && grep -q "a NUL byte at byte 0: binary data, not ftm-json; download aborted" "$work/err" &&
   [ "$(sha256sum "$work/lists.idx" | cut -d' ' -f1)" = "$before" ] && [ $ms -lt 30000 ]; then
  ok "a gzip bomb is refused at its first bytes (${ms} ms), the index left as it was"
else
  fail "gzip bomb: exit $rc after ${ms} ms: $(cat "$work/err")"
fi

config trickle "low_speed_limit = 100" "low_speed_time = 2"
run
if [ $rc -eq 1 ] && grep -qi "too slow\|timed\? out\|timeout" "$work/err" && [ $ms -lt 30000 ]; then
  ok "a server trickling a byte a second is dropped after ${ms} ms (low_speed_time 2, timeout 60)"
else
  fail "trickle: exit $rc after ${ms} ms: $(cat "$work/err")"
fi

if [ $fails -ne 0 ]; then
  echo "$fails checks failed"
  exit 1
fi
echo "all download checks passed"
