#!/usr/bin/env bash
# bench_scan.sh BUILD SHARED - scanning speed (MB/s) against the index of
# every shared list, over our annotated texts and the news report repeated
# to 10 MB.  Target: >= 5 MB/s.
set -euo pipefail
build=${1:-build}
shared=${2:-../shared}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
if [ ! -d "$shared/data/lists" ]; then
  echo "skipped: no ../shared (bench_scan needs the real lists)"
  exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench_scan.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
L="$shared/data/lists"
"$build/vigil" build -o "$tmp/all.idx" "$L/ofac-sdn-2021-07" "$L/ofac-consolidated-2025-12" \
  "$L/un-sc-consolidated-2026-02-27.xml" "$L"/ftm/*.ftm.jsonl \
  "$L/opensanctions-us-congress-2026-01.senzing.jsonl" "$L/us-csl-2019-12.csv" \
  "$L/us-bis-dpl-2022-09.txt" 2>/dev/null
"$build/bench/bench_scan" "$tmp/all.idx" "$shared/seed/article-2025-02-06.txt" \
  "$root"/tests/fixtures/scan/*.txt --mb 10
