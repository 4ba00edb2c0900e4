#!/usr/bin/env bash
# cli_reconcile.sh - the Reconciliation Service API (spec 0.2) of `vigil
# serve` over loopback, on an index of ../shared's zala and parteispenden
# FtM fixtures (byte-identical to yente's test fixtures): yente's
# test_reconcile.py cases, the spec's example batches, every answer
# validated against the spec's JSON Schemas (tests/reconcile_api.py), and
# the manifest's "view" link opened in headless Chromium
# (tests/browser/drive_view.py), directly and behind a proxy that serves it
# under a path prefix.  Four servers: one as started by default, one with
# --public-url, one with --api-key, one behind the proxy.
#
# usage: cli_reconcile.sh VIGIL FIXTURES SHARED BUILD_DIR
set -u
VIGIL=$1
FIX=$2/reconcile/spec-0.2
L=$3/data/lists/ftm
BUILD=$4
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$BUILD/test-output/reconcile
if [ ! -f "$L/zala.ftm.jsonl" ] || [ ! -f "$L/parteispenden.ftm.jsonl" ]; then
  echo "skipped: no ../shared"
  exit 77
fi
rm -rf "$OUT"
mkdir -p "$OUT"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; }
trap cleanup EXIT

if ! "$VIGIL" build -o "$OUT/ftm.idx" "$L/zala.ftm.jsonl" "$L/parteispenden.ftm.jsonl" \
     >"$OUT/build.log" 2>&1; then
  cat "$OUT/build.log"
  echo "FAIL: vigil build could not index the fixtures"
  exit 1
fi

# start NAME ARGS...: starts a server, sets BASE (polled until it listens).
start() {
  local name=$1 pid; shift
  "$VIGIL" serve -x "$OUT/ftm.idx" --listen 127.0.0.1:0 --no-access-log "$@" \
    >"$OUT/$name.out" 2>"$OUT/$name.err" &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 300); do
    BASE=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)$/\1/p' "$OUT/$name.out")
    [ -n "$BASE" ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$OUT/$name.err"
  echo "FAIL: server $name did not start"
  exit 1
}

PUBLIC=https://screening.example.org/vigil/
KEY=reconcile-test-key-0123456789
start plain; PLAIN=$BASE
start public --public-url "$PUBLIC"; PUBLIC_BASE=$BASE
start keyed --api-key "$KEY"; KEYED=$BASE

# Behind a proxy serving it under /vigil/ (tests/browser/prefix_proxy.py),
# with --public-url naming the proxy: the proxy starts first and says its
# port, the server is told where it is reached, the proxy where it is.
python3 "$HERE/browser/prefix_proxy.py" /vigil "$OUT/proxy.port" "$OUT/proxy.backend" &
pids+=($!)
for _ in $(seq 300); do [ -s "$OUT/proxy.port" ] && break; sleep 0.1; done
if [ ! -s "$OUT/proxy.port" ]; then
  echo "FAIL: the prefix proxy did not start"
  exit 1
fi
PROXIED=http://127.0.0.1:$(cat "$OUT/proxy.port")/vigil
start proxied --public-url "$PROXIED/"
echo "$BASE" >"$OUT/proxy.backend"

rc=0
python3 "$HERE/reconcile_api.py" "$FIX" "$PLAIN" "$PUBLIC_BASE" "$PUBLIC" "$KEYED" "$KEY" || rc=1
# the manifest's "view" link opens the page on the entity, served directly
# and under the proxy's prefix
timeout 120 python3 "$HERE/browser/drive_view.py" "$PLAIN/reconcile/zala" "$OUT/direct" \
  NK-aU5ybkbRFJucf8YMwsJvDw ZAKHAROV || rc=1
timeout 120 python3 "$HERE/browser/drive_view.py" "$PROXIED/reconcile/zala" "$OUT/proxied" \
  NK-aU5ybkbRFJucf8YMwsJvDw ZAKHAROV || rc=1
# --public-url is checked when the server starts
if "$VIGIL" serve -x "$OUT/ftm.idx" --public-url 'ftp://x' >"$OUT/bad.out" 2>&1; then
  echo "FAIL: --public-url ftp://x was accepted"; rc=1
elif ! grep -q -- "--public-url" "$OUT/bad.out"; then
  echo "FAIL: --public-url ftp://x: the error does not name the option"; rc=1
else
  echo "ok: --public-url ftp://x is a usage error"
fi
exit $rc
