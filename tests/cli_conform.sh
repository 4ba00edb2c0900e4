#!/usr/bin/env bash
# cli_conform.sh - every entity vigil reads is a valid FollowTheMoney entity.
#
# Every list of ../shared/data/lists (real/ included) and every fixture of
# tests/fixtures/sources is built into an index of its own with the format
# detected, and every record is read back through `vigil entity --all`
# (nested and --flat) and through a running server's /entities/ID (nested
# and ?nested=false), then checked against data/ftm_model.txt by
# tests/ftm_conform.py: the schema exists and is not abstract, every
# property is defined for it, values have their type's form, nested
# entities are whole.  Every format `vigil build --help` lists must have
# been read at least once, so a new reader is covered as soon as a list or
# a fixture in its format exists.  The generated model tables must be up to
# date with data/ftm_model.txt.
#
# usage: cli_conform.sh VIGIL FIXTURES SHARED BUILD_DIR
set -u
VIGIL=$1
FIX=$2
SHARED=$3
BUILD=$4
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$BUILD/test-output/conform
rm -rf "$OUT"
mkdir -p "$OUT"

if ! python3 "$HERE/../data/gen_ftm.py" --check; then
  echo "FAIL: src/lib/model/ftm_data.c is stale"
  exit 1
fi
if [ ! -d "$SHARED/data/lists" ]; then
  echo "skipped: no ../shared ($SHARED)"
  exit 77
fi
exec python3 "$HERE/conform_lists.py" "$VIGIL" "$FIX/sources" "$SHARED/data/lists" "$OUT"
