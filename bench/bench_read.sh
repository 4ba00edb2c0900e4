#!/usr/bin/env bash
# bench_read.sh BUILD_DIR SHARED_DIR - how fast the list readers turn every
# list under SHARED_DIR/data/lists into records (best of 5 runs each):
# records, screenable entities, warnings, milliseconds, records per second.
set -euo pipefail
build=${1:-build}
shared=${2:-../shared}
lists="$shared/data/lists"
if [ ! -d "$lists" ]; then
  echo "skipped: no ../shared ($shared)"
  exit 0
fi
"$build/bench/bench_read" -n 5 \
  "$lists/ofac-sdn-2021-07" \
  "$lists/ofac-consolidated-2025-12" \
  "$lists/un-sc-consolidated-2026-02-27.xml" \
  "$lists/us-csl-2019-12.csv" \
  "$lists/us-bis-dpl-2022-09.txt" \
  "$lists/opensanctions-us-congress-2026-01.senzing.jsonl" \
  "$lists/ftm/zala.ftm.jsonl" \
  "$lists/ftm/parteispenden.ftm.jsonl" \
  "$lists/ftm/delta"
