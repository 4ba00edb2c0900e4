#!/usr/bin/env bash
# cli_yente.sh - yente's own test cases (tests/yente_api.py) against a real
# `vigil serve` on the shared zala and parteispenden FtM files, which are
# byte-identical to yente's fixtures.
#
# usage: cli_yente.sh VIGIL FIXTURES SHARED BUILD_DIR [TEST...]
set -u
VIGIL=$1 SHARED=$3 BUILD=$4
shift 4
FTM="$SHARED/data/lists/ftm"
if [ ! -f "$FTM/zala.ftm.jsonl" ] || [ ! -f "$FTM/parteispenden.ftm.jsonl" ]; then
	echo "skipped: no ../shared"
	exit 77
fi
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d "$BUILD/cli_yente.XXXXXX")
trap 'rm -rf "$T"' EXIT
"$VIGIL" build -o "$T/yente.idx" "$FTM/zala.ftm.jsonl" "$FTM/parteispenden.ftm.jsonl" \
	>"$T/build.log" 2>&1 || { cat "$T/build.log"; echo "FAIL: build"; exit 1; }
python3 "$HERE/yente_api.py" "$VIGIL" "$T/yente.idx" "$T" "$@"
