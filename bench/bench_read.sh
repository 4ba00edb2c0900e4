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
  "$lists/ftm/delta" \
  "$lists/real/uk-ofsi-conlist-2018-04-13.csv" \
  "$lists/real/eu-fsf-2026-08-05-excerpt.xml" \
  "$lists/real/uk-sanctions-list-2026-08-14-excerpt.xml"

# Streaming: an EU file of the full export's size (about 25 MB), made by
# repeating the real records under new ids, built into an index; memory
# must stay far below the file's decoded size.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$(dirname "$0")/../tests/repeat_eu.py" "$lists/real/eu-fsf-2026-08-05-excerpt.xml" \
  "$tmp/eu25.xml" 25
/usr/bin/time -f "%e s wall, %U s user, %M KB peak" -o "$tmp/time" \
  "$build/vigil" build -q -o "$tmp/eu25.idx" "$tmp/eu25.xml"
echo "vigil build of a $(($(stat -c %s "$tmp/eu25.xml") / 1048576)) MB EU file: $(cat "$tmp/time")"
