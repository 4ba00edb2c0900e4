#!/usr/bin/env bash
# bench_update.sh - how long `vigil update` takes end to end for every shared
# list, served over loopback by tests/fixtures/update/server.py: the first
# run (download, verify, build, swap), a run where nothing changed (304s,
# no rebuild) and a run where one list changed.  `vigil build` of the same
# files is timed for comparison.
#
# usage: bench_update.sh BUILD_DIR SHARED_DIR
set -uo pipefail
build=${1:-build}
shared=${2:-../shared}
here=$(cd "$(dirname "$0")/.." && pwd)
vigil=$build/vigil
L=$shared/data/lists
if [ ! -d "$L" ]; then
  echo "skipped: no ../shared"
  exit 0
fi
[ -x "$vigil" ] || { echo "bench_update: $vigil not built"; exit 1; }

work=$(mktemp -d)
srv_pid=""
trap '[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null; rm -rf "$work"' EXIT

# The served folder links to the shared files, so one of them can be
# replaced by a changed copy without touching ../shared.
www=$work/www
mkdir -p "$www"
for f in "$L"/*; do ln -s "$f" "$www/$(basename "$f")"; done
rm "$www/ftm"; mkdir "$www/ftm"
for f in "$L"/ftm/*.jsonl; do ln -s "$f" "$www/ftm/$(basename "$f")"; done

python3 "$here/tests/fixtures/update/server.py" "$www" "$work/port" "$work/requests.log" 900 &
srv_pid=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$work/port")/ok"

# name|format|path under lists/ (ofac: the folder, its files listed)
sources="ofac-sdn|ofac-csv|ofac-sdn-2021-07/sdn.csv ofac-sdn-2021-07/add.csv ofac-sdn-2021-07/alt.csv ofac-sdn-2021-07/sdn_comments.csv
ofac-cons|ofac-csv|ofac-consolidated-2025-12/cons_prim.csv ofac-consolidated-2025-12/cons_add.csv ofac-consolidated-2025-12/cons_alt.csv ofac-consolidated-2025-12/cons_comments.csv
un-sc|un-xml|un-sc-consolidated-2026-02-27.xml
us-csl|csl-csv|us-csl-2019-12.csv
us-dpl|dpl-tsv|us-bis-dpl-2022-09.txt
us-congress|senzing-json|opensanctions-us-congress-2026-01.senzing.jsonl
zala|ftm-json|ftm/zala.ftm.jsonl
parteispenden|ftm-json|ftm/parteispenden.ftm.jsonl"

{ echo "[update]"; echo "retries = 0"; } > "$work/u.ini"
inputs=()
used=""
while IFS='|' read -r name fmt files; do
  first=${files%% *}
  local_in=$L/$first
  [ "$fmt" = ofac-csv ] && local_in=$(dirname "$L/$first")
  # a list whose reader has not landed yet is left out, and said so
  if ! "$vigil" build -o "$work/probe.idx" --format "$fmt" "$local_in" >/dev/null 2>&1; then
    echo "  (left out: $name, vigil build cannot read $fmt yet)"
    continue
  fi
  inputs+=("$local_in")
  used="$used $name"
  { echo "[source $name]"; echo "format = $fmt"
    for f in $files; do echo "url = $base/$f"; done; } >> "$work/u.ini"
done <<< "$sources"

bytes=$(for i in "${inputs[@]}"; do du -sbL "$i" | cut -f1; done | awk '{s += $1} END {print s}')
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {print b - a}'; }

t0=$(now)
"$vigil" build -o "$work/direct.idx" "${inputs[@]}" >/dev/null 2>&1
t1=$(now)
"$vigil" update --quiet --config "$work/u.ini" --index "$work/u.idx" >/dev/null 2>"$work/err" \
  || { echo "bench_update: first update failed:"; cat "$work/err"; exit 1; }
t2=$(now)
"$vigil" update --quiet --config "$work/u.ini" --index "$work/u.idx" >/dev/null 2>"$work/err" \
  || { echo "bench_update: second update failed:"; cat "$work/err"; exit 1; }
t3=$(now)
# one list changes: zala gains one entity
rm "$www/ftm/zala.ftm.jsonl"
cp "$L/ftm/zala.ftm.jsonl" "$www/ftm/zala.ftm.jsonl"
echo '{"id":"bench-added","schema":"Person","properties":{"name":["Bench Added Person"]}}' >> "$www/ftm/zala.ftm.jsonl"
cp "$work/u.idx" "$work/before.idx"
t4=$(now)
"$vigil" update --quiet --config "$work/u.ini" --index "$work/u.idx" >/dev/null 2>"$work/err" \
  || { echo "bench_update: third update failed:"; cat "$work/err"; exit 1; }
t5=$(now)

"$vigil" diff --json "$work/before.idx" "$work/u.idx" > "$work/diff.json"
t6=$(now)
diffsum=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%d added, %d removed, %d changed" % (len(d["added"]), len(d["removed"]), len(d["changed"])))' "$work/diff.json")
entities=$("$vigil" info --json "$work/u.idx" | python3 -c 'import json,sys; print(json.load(sys.stdin)["entities"])')
requests=$(wc -l < "$work/requests.log")
echo "sources:$used"
printf "lists: %s bytes, %s screenable entities, %s HTTP requests in 3 runs\n" "$bytes" "$entities" "$requests"
printf "vigil build (local files, for comparison): %.2f s\n" "$(secs "$t0" "$t1")"
printf "update, first run (download + verify + build + swap): %.2f s\n" "$(secs "$t1" "$t2")"
printf "update, nothing changed (conditional GETs, 304, no rebuild): %.2f s\n" "$(secs "$t2" "$t3")"
printf "update, one list changed (fetch, verify it, rebuild all): %.2f s\n" "$(secs "$t4" "$t5")"
printf "vigil diff before/after (%s entities after): %.2f s -> %s\n" "$entities" "$(secs "$t5" "$t6")" "$diffsum"
