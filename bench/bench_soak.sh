#!/usr/bin/env bash
# bench_soak.sh - a few minutes of `vigil serve` under mixed valid and
# hostile traffic with the index replaced and reloaded every 8 s
# (bench/soak.py): requests answered, errors, and the server's memory after
# warm-up and at the end, which must stay flat; no crash.
#
# usage: bench_soak.sh BUILD_DIR SHARED_DIR [SECONDS]   (default 180)
set -euo pipefail
build=${1:-build}
shared=${2:-../shared}
secs=${3:-${SOAK_SECONDS:-180}}
vigil=$build/vigil
lists=$shared/data/lists
if [ ! -d "$lists" ]; then
  echo "skipped: no ../shared ($shared)"
  exit 0
fi
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$vigil" build -q -o "$tmp/all.idx" "$lists/ofac-sdn-2021-07" "$lists/ofac-consolidated-2025-12" \
  "$lists/un-sc-consolidated-2026-02-27.xml" "$lists/us-csl-2019-12.csv" \
  "$lists/us-bis-dpl-2022-09.txt" "$lists/opensanctions-us-congress-2026-01.senzing.jsonl" \
  "$lists/ftm/zala.ftm.jsonl" "$lists/ftm/parteispenden.ftm.jsonl"
# the index the reloads alternate with: the same lists but one
"$vigil" build -q -o "$tmp/other.idx" "$lists/ofac-sdn-2021-07" "$lists/un-sc-consolidated-2026-02-27.xml" \
  "$lists/us-csl-2019-12.csv" "$lists/ftm/zala.ftm.jsonl"
echo "soak for ${secs} s on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/soak.py" "$vigil" "$tmp/all.idx" "$tmp/other.idx" "$tmp" "$secs" \
  "$shared"/data/eval/screening/*.csv
