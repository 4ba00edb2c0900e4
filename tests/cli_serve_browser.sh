#!/usr/bin/env bash
# cli_serve_browser.sh - the analyst page in a real browser: starts `vigil
# serve` on a free loopback port and drives Debian's headless Chromium with
# tests/browser/drive.py (DevTools protocol): type a name and press Enter,
# click the first result, check the entity view, scan a text, check the
# highlights.  Screenshots go to BUILD_DIR/test-output/serve-browser/.
# Chromium missing is a failure with a clear message (CI installs it).
#
# usage: cli_serve_browser.sh VIGIL FIXTURES SHARED BUILD_DIR
set -u
VIGIL=$1
FIX=$2/server
BUILD=$4
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$BUILD/test-output/serve-browser
rm -rf "$OUT"
mkdir -p "$OUT"

if ! command -v chromium >/dev/null 2>&1; then
  echo "FAIL: chromium is not installed; run 'make deps' (or apt-get install -y chromium)"
  exit 1
fi
if ! "$VIGIL" build -o "$OUT/mini.idx" "$FIX/mini.ftm.jsonl" >"$OUT/build.log" 2>&1; then
  cat "$OUT/build.log"
  echo "FAIL: vigil build could not index the fixture"
  exit 1
fi
"$VIGIL" serve -x "$OUT/mini.idx" --listen 127.0.0.1:0 >"$OUT/server.out" 2>"$OUT/server.err" &
PID=$!
trap 'kill $PID 2>/dev/null' EXIT
BASE=
for _ in $(seq 600); do
  BASE=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)$/\1/p' "$OUT/server.out")
  [ -n "$BASE" ] && break
  sleep 0.1
done
if [ -z "$BASE" ]; then
  cat "$OUT/server.err"
  echo "FAIL: the server did not start"
  exit 1
fi
timeout 120 python3 "$HERE/browser/drive.py" "$BASE" "$OUT" "Viktor Kormilov" "Kormilov" \
  "Yesterday Viktor Kormilov, the owner of Severnaya Logistika LLC, met the press." "Kormilov"
rc=$?
[ $rc -eq 0 ] && echo "browser checks passed; screenshots in $OUT"
exit $rc
