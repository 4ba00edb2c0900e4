#!/usr/bin/env bash
# bench_names.sh BUILD SHARED - name-matching quality by kind and script:
#  - F1 per kind and per script on the shared labelled pairs and on our own
#    pairs of tests/pairs/ (numbers, scripts, organisation words, Korean,
#    Japanese, Chinese, brands, one-letter differences, acronyms), so that a
#    regression in one kind shows;
#  - the 5-fold cross-validated F1 of the score constants (data/train_cv.py);
#  - name-only screening of unlisted people: the full_name column of
#    negatives-global.csv alone against all sanctions lists, with no schema
#    and as Person (targets: at most 0.3% and 0.15% alerts).
set -euo pipefail
build=${1:-build}
shared=${2:-../shared}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
vigil=$build/vigil
own=("$root"/tests/pairs/*.csv)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench_names.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if [ -d "$shared/data/eval" ]; then
  echo "-- shared pairs (name-pairs.csv, cross-script-pairs.csv)"
  python3 "$here/names_report.py" "$vigil" "$shared/data/eval/name-pairs.csv" \
    "$shared/data/eval/cross-script-pairs.csv"
  echo "-- 5-fold cross-validated F1 (score constants refitted on 4/5, tested on 1/5)"
  python3 "$root/data/train_cv.py" --vigil "$vigil" --threshold 0.70 \
    "$shared/data/eval/name-pairs.csv" "$shared/data/eval/cross-script-pairs.csv" 2>/dev/null
else
  echo "skipped: no ../shared (shared pairs, cross-validation, screening)"
fi
echo "-- our own pairs (tests/pairs/)"
python3 "$here/names_report.py" "$vigil" "${own[@]}"
[ -d "$shared/data/eval" ] || exit 0
echo "-- name-only screening of unlisted people (negatives-global.csv, full_name alone)"
python3 - "$shared/data/eval/screening/negatives-global.csv" "$tmp" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
for name, extra in (("names-only.csv", {}), ("names-person.csv", {"schema": "Person"})):
    w = csv.writer(open(f"{sys.argv[2]}/{name}", "w", newline="", encoding="utf-8"))
    w.writerow(["full_name"] + list(extra))
    for r in rows:
        w.writerow([r["full_name"]] + list(extra.values()))
PY
python3 "$shared/tools/eval-screening" --vigil "$vigil" "$tmp/names-only.csv" "$tmp/names-person.csv" >"$tmp/eval"
head -2 "$tmp/eval"
