#!/usr/bin/env bash
# bench_match.sh - matching speed and quality on the shared data:
#  - in-process latency (p50/p99, thread CPU time) and recall of the
#    indexed path against the exhaustive reference (bench_match)
#  - `vigil screen` throughput on negatives-global.csv (25,086 rows),
#    wall and CPU time
#  - screening quality with ../shared/tools/eval-screening
# The screening threshold (vg_match_threshold, 0.80 on the final score)
# sits above the name comparator's own pair threshold (0.70): the final
# score adds birth date, country, identifier, gender and family-name
# evidence to the best name score, and was calibrated on these files.
# usage: bench_match.sh BUILD_DIR SHARED_DIR
set -euo pipefail
build=$1 shared=$2
vigil=$build/vigil
if [ ! -d "$shared/data/lists" ]; then echo "skipped: no ../shared ($shared)"; exit 0; fi
L=$shared/data/lists S=$shared/data/eval/screening
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$vigil" build -q -o "$tmp/all.idx" "$L/ofac-sdn-2021-07" "$L/ofac-consolidated-2025-12" \
	"$L/un-sc-consolidated-2026-02-27.xml" "$L/ftm/zala.ftm.jsonl"
echo "-- in-process, all sanctions lists"
for f in hard-ofac.csv negatives-global.csv positives-un-treated.csv; do
	echo "$f:"
	"$build/bench/bench_match" "$tmp/all.idx" "$S/$f" 100000 400 | sed 's/^/  /'
done
echo "-- vigil screen negatives-global.csv ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
/usr/bin/time -f "%e %U %S %M" "$vigil" screen -x "$tmp/all.idx" --jsonl "$S/negatives-global.csv" >"$tmp/out.jsonl" 2>"$tmp/time"
read -r wall user sys mem <"$tmp/time"
rows=$(wc -l <"$tmp/out.jsonl")
python3 - "$rows" "$wall" "$user" "$sys" "$mem" <<'PY'
import sys
rows, wall, user, sys_, mem = int(sys.argv[1]), *map(float, sys.argv[2:6])
print(f"  {rows} rows in {wall:.2f} s wall: {rows / wall:,.0f} rows/s; CPU {user + sys_:.2f} s "
      f"({rows / (user + sys_):,.0f} rows per CPU-second); peak memory {mem / 1024:.0f} MB")
PY
# The same rows folded to ASCII.  Names written only in other scripts vanish,
# so their rows are refused without matching: this is an upper bound, not
# the cost of transliteration (Chinese reads through a table and ICU runs
# are cached per thread, so non-Latin rows now cost about what Latin ones
# do: 50-85 us of CPU per row either way).
python3 - "$S/negatives-global.csv" "$tmp/ascii.csv" <<'PY'
import sys, unicodedata
s = open(sys.argv[1], encoding="utf-8").read()
s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
open(sys.argv[2], "w").write(s.encode("ascii", "ignore").decode())
PY
/usr/bin/time -f "%e %U %S" "$vigil" screen -x "$tmp/all.idx" --jsonl "$tmp/ascii.csv" >"$tmp/out2.jsonl" 2>"$tmp/time2"
read -r wall user sys <"$tmp/time2"
python3 - "$(wc -l <"$tmp/out2.jsonl")" "$wall" "$user" "$sys" <<'PY'
import sys
rows, wall, user, sys_ = int(sys.argv[1]), *map(float, sys.argv[2:5])
print(f"  same rows folded to ASCII (non-Latin names dropped): {rows / wall:,.0f} rows/s wall, "
      f"{rows / (user + sys_):,.0f} rows per CPU-second")
PY
echo "-- eval-screening"
python3 "$shared/tools/eval-screening" --vigil "$vigil" | sed 's/^/  /'
