#!/usr/bin/env bash
# cli_serve_hostile.sh - `vigil serve` against hostile clients (issue 18):
# concurrent /catalog, and the other attacks in tests/serve_hostile.py, each
# against a real server on a free loopback port.
#
# usage: cli_serve_hostile.sh VIGIL FIXTURES SHARED BUILD_DIR [CHECK...]
set -u
VIGIL=$1
FIX=$2/server
BUILD=$4
shift 4
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$BUILD/test-output/serve_hostile
rm -rf "$OUT"
mkdir -p "$OUT"
if ! "$VIGIL" build -o "$OUT/mini.idx" "$FIX/mini.ftm.jsonl" >"$OUT/build.log" 2>&1; then
  cat "$OUT/build.log"
  echo "FAIL: vigil build could not index the fixture"
  exit 1
fi
exec python3 "$HERE/serve_hostile.py" "$VIGIL" "$OUT/mini.idx" "$OUT" "$@"
