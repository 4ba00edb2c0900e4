#!/usr/bin/env bash
# cli_compare.sh - `vigil compare` as a black box.
#
# Always: one pair prints one score; --explain prints JSON; --pairs copies
# a CSV (quoting, extra columns, multi-line fields kept) adding score and
# match; usage errors exit 2; a CSV without name1/name2 or with an
# unterminated quote exits 3 with no output; invalid UTF-8 and empty names
# get score 0 with a warning; the generated lexicon is up to date with
# data/.  With ../shared: the evaluation tool's F1 on the labelled pairs.
#
# usage: cli_compare.sh VIGIL FIXTURES SHARED BUILD
set -u
vigil=$1 fixtures=$2 shared=$3 build=$4
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fail=1; }

# --- the generated tables match data/ ------------------------------------
if python3 "$root/data/gen.py" --check; then ok "lexicon_data.c is up to date"; else bad "run python3 data/gen.py"; fi

# --- one pair ------------------------------------------------------------
out=$("$vigil" compare "Vladimir Putin" "PUTIN, Vladimir")
[ "$out" = "1.0000" ] && ok "one pair: score line" || bad "one pair printed '$out'"
out=$("$vigil" compare --schema Company "Siemens AG" "Siemens Aktiengesellschaft")
[ "$out" = "1.0000" ] && ok "--schema Company" || bad "--schema Company printed '$out'"
out=$("$vigil" compare --explain "Wladimir Putin" "Владимир Путин")
if echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["aligned"] and "score" in d'; then ok "--explain prints JSON"; else bad "--explain: $out"; fi
"$vigil" compare onlyone >/dev/null 2>&1; [ $? -eq 2 ] && ok "one name is a usage error" || bad "one name should exit 2"
"$vigil" compare --schema Spaceship a b >/dev/null 2>&1; [ $? -eq 2 ] && ok "unknown schema is a usage error" || bad "unknown schema should exit 2"
"$vigil" compare --bogus a b >/dev/null 2>&1; [ $? -eq 2 ] && ok "unknown option is a usage error" || bad "unknown option should exit 2"
"$vigil" compare "" "x" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 3 ] && grep -q "no letters" "$tmp/err" && ok "empty name: exit 3 with a reason" || bad "empty name (rc=$rc)"
"$vigil" compare --help | grep -q -- "--pairs" && ok "--help documents --pairs" || bad "--help"

# --- pairs ---------------------------------------------------------------
"$vigil" compare --pairs "$fixtures/names/pairs.csv" >"$tmp/out.csv" 2>"$tmp/err" || bad "pairs exited $?"
python3 - "$fixtures/names/pairs.csv" "$tmp/out.csv" <<'PY' && ok "pairs: columns kept, score and match added" || bad "pairs output"
import csv, sys
inp = list(csv.DictReader(open(sys.argv[1], newline="")))
out = list(csv.DictReader(open(sys.argv[2], newline="")))
assert len(inp) == len(out) == 4, (len(inp), len(out))
for a, b in zip(inp, out):
    for k in a:
        assert a[k] == b[k], (k, a[k], b[k])
    assert len(b["score"].split(".")[1]) == 4
got = [(r["id"], r["match"]) for r in out]
assert got == [("1", "true"), ("2", "true"), ("3", "false"), ("4", "false")], got
PY
head -1 "$tmp/out.csv" | grep -q '^id,name1,name2,note,schema,score,match$' && ok "pairs: header" || bad "pairs header: $(head -1 "$tmp/out.csv")"
cat "$fixtures/names/pairs.csv" | "$vigil" compare --pairs - | cmp -s - "$tmp/out.csv" && ok "pairs from stdin" || bad "pairs from stdin differ"

"$vigil" compare --pairs "$fixtures/names/no-name-columns.csv" >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 3 ] && grep -q "name1" "$tmp/err" && [ ! -s "$tmp/out" ]; then ok "no name1/name2: exit 3, no output"; else bad "missing columns (rc=$rc)"; fi
printf 'name1,name2\n"open,x\n' >"$tmp/q.csv"
"$vigil" compare --pairs "$tmp/q.csv" >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 3 ] && grep -q ":2: unterminated" "$tmp/err" && [ ! -s "$tmp/out" ]; then ok "unterminated quote: exit 3, line named, no output"; else bad "unterminated quote (rc=$rc $(cat "$tmp/err"))"; fi
"$vigil" compare --pairs "$tmp/does-not-exist.csv" >/dev/null 2>&1; rc=$?
[ $rc -eq 3 ] || [ $rc -eq 1 ] && ok "missing file fails" || bad "missing file (rc=$rc)"
printf 'name1,name2\nab\xffc,abc\n,x\nJohn Smith,John Smith\n' >"$tmp/bad.csv"
"$vigil" compare --pairs "$tmp/bad.csv" >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 0 ] && [ "$(sed -n 2p "$tmp/out" | cut -d, -f3-)" = "0.0000,false" ] && [ "$(sed -n 4p "$tmp/out" | cut -d, -f3-)" = "1.0000,true" ] && grep -q ":2: score 0" "$tmp/err"; then
  ok "invalid UTF-8 and empty rows: score 0 with a warning, the rest scored"
else bad "bad rows (rc=$rc): $(cat "$tmp/out" "$tmp/err")"; fi
tr '\n' '\r' <"$fixtures/names/pairs.csv" >"$tmp/cr.csv"
"$vigil" compare --pairs "$tmp/cr.csv" >"$tmp/cr.out" 2>"$tmp/err" || bad "CR-only pairs exited $?"
python3 - "$tmp/cr.out" "$tmp/out.csv" <<'PY' && ok "pairs with CR-only line ends: the same scores" || bad "CR-only pairs differ"
import csv, sys
a = [(r["id"], r["score"], r["match"]) for r in csv.DictReader(open(sys.argv[1], newline=""))]
b = [(r["id"], r["score"], r["match"]) for r in csv.DictReader(open(sys.argv[2], newline=""))]
assert a == b and len(a) == 4, (a, b)
PY
printf 'name1,name2\nJohn Smith,John Smith\nx\000y,x\n' >"$tmp/nul.csv"
"$vigil" compare --pairs "$tmp/nul.csv" >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 3 ] && grep -q "nul.csv:3: NUL byte" "$tmp/err" && [ ! -s "$tmp/out" ]; then ok "NUL in a cell: exit 3, line named, no output"; else bad "NUL in a cell (rc=$rc $(cat "$tmp/err"))"; fi
printf 'name1,name2\nJos\351 P\351rez,JOS\311 PEREZ\n' >"$tmp/cp.csv"
if [ "$("$vigil" compare --encoding windows-1252 --pairs "$tmp/cp.csv" | sed -n 2p | cut -d, -f3-)" = "1.0000,true" ]; then ok "--encoding windows-1252"; else bad "--encoding windows-1252"; fi
python3 -c 'print("name1,name2"); print("a" * 100000 + "," + "b b" * 30000)' >"$tmp/long.csv"
"$vigil" compare --pairs "$tmp/long.csv" >"$tmp/out" 2>&1 && [ "$(wc -l <"$tmp/out")" -eq 2 ] && ok "100,000-character names" || bad "long names"

# --- quality on the labelled pairs ---------------------------------------
if [ -d "$shared/data/eval" ]; then
  python3 "$shared/tools/eval-pairs" --vigil "$vigil" "$shared/data/eval/name-pairs.csv" \
    "$shared/data/eval/cross-script-pairs.csv" >"$tmp/eval" 2>&1 || bad "eval-pairs failed: $(cat "$tmp/eval")"
  tail -2 "$tmp/eval"
  f1=$(tail -1 "$tmp/eval" | awk '{print $2}')
  python3 -c "import sys; sys.exit(0 if float('$f1') >= 0.86 else 1)" && ok "eval-pairs F1 $f1 >= 0.86" || bad "eval-pairs F1 $f1 < 0.86"
else
  echo "skipped: no ../shared (quality figure)"
  [ $fail -eq 0 ] && exit 77
fi
exit $fail
