#!/usr/bin/env bash
# bench_compare.sh BUILD SHARED - name analysis and comparison speed, and
# `vigil compare --pairs` end to end on one core (analysis of both names
# included).  Targets: compare < 1 us, >= 150,000 pairs/s end to end on one
# core (wall and CPU seconds are both printed: on a shared machine the CPU
# figure is the one-core throughput).
# Names come from the OFAC SDN list and the UN list in ../shared when
# present (real names, every script the UN list carries), else from a
# built-in sample.
set -euo pipefail
build=${1:-build}
shared=${2:-../shared}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench_compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pin=""
command -v taskset >/dev/null && pin="taskset -c 0"

if [ -d "$shared/data/lists" ]; then
  python3 - "$shared/data/lists" >"$tmp/names.txt" <<'PY'
import csv, re, sys
root = sys.argv[1]
for row in csv.reader(open(f"{root}/ofac-sdn-2021-07/sdn.csv", encoding="utf-8", errors="replace")):
    if len(row) > 1 and row[1] and row[1] != "-0-":
        print(row[1])
for m in re.finditer(r"<NAME_ORIGINAL_SCRIPT>([^<]+)<", open(f"{root}/un-sc-consolidated-2026-02-27.xml", encoding="utf-8").read()):
    print(m.group(1).strip())
PY
  echo "names: $(wc -l <"$tmp/names.txt") from OFAC SDN and UN original-script names"
  $pin "$build/bench/bench_compare" "$tmp/names.txt"
else
  echo "skipped: no ../shared (using the built-in sample names)"
  $pin "$build/bench/bench_compare"
  printf 'Vladimir Putin\nSiemens AG\nMohammed bin Salman\nDeutsche Bank AG\nKim Jong Un\n' >"$tmp/names.txt"
fi

# end to end: 200,000 pairs of real names (half a name against a variant of
# itself, half random) through the CSV command on one core
python3 - "$tmp/names.txt" >"$tmp/pairs.csv" <<'PY'
import csv, random, sys
names = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
rnd = random.Random(1)
w = csv.writer(sys.stdout)
w.writerow(["name1", "name2"])
for i in range(200000):
    a = rnd.choice(names)
    b = rnd.choice(names) if i % 2 else " ".join(reversed(a.split()))
    w.writerow([a, b])
PY
start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$tmp/time" $pin "$build/vigil" compare --pairs "$tmp/pairs.csv" >"$tmp/out.csv"
end=$(date +%s.%N)
read -r user sys <"$tmp/time"
python3 -c "
n = 200000; t = $end - $start; c = $user + $sys
print(f'vigil compare --pairs: {n} pairs in {t:.2f} s = {n / t:,.0f} pairs/s (one core, wall);'
      f' {c:.2f} s of CPU = {n / c:,.0f} pairs/s per CPU-second')"
