#!/usr/bin/env bash
# cli_screen.sh - `vigil screen` as a process: one line per row in input
# order, bad rows reported and never dropped, the same output with one or
# several threads, a long input streamed through the bounded window, and
# --changed-since (new and gone alerts between two versions of a list).
# usage: cli_screen.sh VIGIL FIXTURES SHARED BUILD
set -u
VIGIL=$1 FIX=$2 SHARED=$3 BUILD=$4
T=$(mktemp -d "$BUILD/cli_screen.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$VIGIL" build -q -o "$T/x.idx" "$FIX/index/small.ftm.jsonl" || fail "build"

"$VIGIL" screen -x "$T/x.idx" --jsonl "$FIX/index/screen.csv" >"$T/1.jsonl" 2>"$T/err" || fail "screen: $(cat "$T/err")"
"$VIGIL" screen -x "$T/x.idx" --threads 1 --jsonl "$FIX/index/screen.csv" >"$T/1b.jsonl" || fail "screen 1 thread"
cmp -s "$T/1.jsonl" "$T/1b.jsonl" || fail "thread count changed the output"
python3 - "$T/1.jsonl" <<'PY' || fail "screen output"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert [r["row"] for r in rows] == list(range(1, 12)), [r["row"] for r in rows]
by = {r["row"]: r for r in rows}
top = lambda n: by[n]["results"][0]["id"] if by[n].get("results") else None
assert top(1) == "t-p1" and by[1]["results"][0]["match"], by[1]
assert top(2) == "t-p2", by[2]
for n, what in ((3, "name"), (4, "name"), (5, "schema"), (6, "birth_date"), (10, "UTF-8")):
    assert "error" in by[n] and what in by[n]["error"], (n, by[n])
assert top(7) == "t-c1", by[7]
assert top(8) == "t-p1", by[8]
assert not any(r["match"] for r in by[9]["results"]), by[9]
assert top(11) == "t-v1", by[11]
PY

# a long file: every row answered, in order, with bounded memory
python3 - "$T/long.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("full_name,date_of_birth\n")
    for i in range(20000):
        f.write(("Ivan Sidorov,1961-04-12\n", "Nobody Special %d,\n" % i, ",\n", '"Sea, Falcon",\n')[i % 4])
PY
/usr/bin/time -f "%M" -o "$T/mem" "$VIGIL" screen -x "$T/x.idx" --jsonl "$T/long.csv" >"$T/long.jsonl" || fail "long screen"
python3 - "$T/long.jsonl" <<'PY' || fail "long output"
import json, sys
n = 0
for i, l in enumerate(open(sys.argv[1])):
    r = json.loads(l)
    assert r["row"] == i + 1, (i, r)
    assert ("error" in r) == (i % 4 == 2), r
    n += 1
assert n == 20000, n
PY
[ "$(cat "$T/mem")" -lt 400000 ] || fail "screen used $(cat "$T/mem") KB"

# --changed-since: only alerts that appeared or went away between two
# versions of a list (c-p2 removed, c-p3 renamed, c-p4 added, c-p1 kept)
"$VIGIL" build -q -o "$T/v1.idx" "$FIX/changed/v1/list.ftm.jsonl" || fail "build v1"
"$VIGIL" build -q -o "$T/v2.idx" "$FIX/changed/v2/list.ftm.jsonl" || fail "build v2"
"$VIGIL" screen -x "$T/v2.idx" --changed-since "$T/v1.idx" --jsonl "$FIX/changed/rows.csv" >"$T/ch.jsonl" 2>"$T/err" || fail "changed-since: $(cat "$T/err")"
"$VIGIL" screen -x "$T/v2.idx" --threads 1 --changed-since "$T/v1.idx" --jsonl "$FIX/changed/rows.csv" >"$T/ch1.jsonl" || fail "changed-since 1 thread"
cmp -s "$T/ch.jsonl" "$T/ch1.jsonl" || fail "thread count changed the changed-since output"
"$VIGIL" screen -x "$T/v2.idx" --jsonl "$FIX/changed/rows.csv" >"$T/plain.jsonl" || fail "plain screen v2"
"$VIGIL" screen -x "$T/v2.idx" --changed-since "$T/v2.idx" --jsonl "$FIX/changed/rows.csv" >"$T/same.jsonl" || fail "changed-since itself"
python3 - "$T/ch.jsonl" "$T/plain.jsonl" "$T/same.jsonl" <<'PY' || fail "changed-since output"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert [r["row"] for r in rows] == list(range(1, 7)), rows
def alerts(r, side):
    assert "results" not in r, r
    return [(a["id"], a["change"]) for a in r["changes"][side]]
by = {r["query"]["id"]: r for r in rows}
expect = {
    "unchanged": ([], []),
    "removed": ([], [("c-p2", "removed")]),
    "old-name": ([], [("c-p3", "changed")]),
    "new-name": ([("c-p3", "changed")], []),
    "added": ([("c-p4", "added")], []),
    "nobody": ([], []),
}
for k, (new, gone) in expect.items():
    assert alerts(by[k], "new_alerts") == new, (k, by[k])
    assert alerts(by[k], "gone_alerts") == gone, (k, by[k])
    for a in by[k]["changes"]["new_alerts"] + by[k]["changes"]["gone_alerts"]:
        assert a["score"] >= 0.8 and a["caption"], a
# the kept entity still matches: it is left out because nothing changed
plain = {r["query"]["id"]: r for r in map(json.loads, open(sys.argv[2]))}
assert plain["unchanged"]["results"][0]["id"] == "c-p1" and plain["unchanged"]["results"][0]["match"], plain["unchanged"]
for r in map(json.loads, open(sys.argv[3])):
    assert r["changes"] == {"new_alerts": [], "gone_alerts": []}, r
PY
"$VIGIL" screen -x "$T/v2.idx" --changed-since "$T/missing.idx" --jsonl "$FIX/changed/rows.csv" >/dev/null 2>&1; [ $? -eq 1 ] || fail "missing OLD should exit 1"
"$VIGIL" screen -x "$T/v2.idx" --changed-since "$FIX/changed/rows.csv" --jsonl "$FIX/changed/rows.csv" >/dev/null 2>&1; [ $? -eq 3 ] || fail "an OLD that is no index should exit 3"
"$VIGIL" screen -x "$T/v2.idx" --jsonl "$FIX/changed/rows.csv" --changed-since 2>/dev/null; [ $? -eq 2 ] || fail "--changed-since without a value should exit 2"

# CR-only, CRLF and LF line ends screen alike (a CR-only file was read as
# one header line and screened nothing)
tr '\n' '\r' <"$FIX/index/screen.csv" >"$T/cr.csv"
sed 's/$/\r/' "$FIX/index/screen.csv" >"$T/crlf.csv"
"$VIGIL" screen -x "$T/x.idx" --jsonl "$T/cr.csv" >"$T/cr.jsonl" 2>"$T/err" || fail "CR-only: $(cat "$T/err")"
"$VIGIL" screen -x "$T/x.idx" --jsonl "$T/crlf.csv" >"$T/crlf.jsonl" 2>"$T/err" || fail "CRLF: $(cat "$T/err")"
cmp -s "$T/cr.jsonl" "$T/1.jsonl" || fail "CR-only line ends changed the output: $(head -c 300 "$T/cr.jsonl")"
cmp -s "$T/crlf.jsonl" "$T/1.jsonl" || fail "CRLF line ends changed the output"

# an unknown or misspelt column is a warning naming it (and what it was
# probably meant to be); the known columns are still read
printf 'full_name,date_of_birht,colour\nIvan Petrovich Sidorov,1961-04-12,red\n' >"$T/typo.csv"
"$VIGIL" screen -x "$T/x.idx" --jsonl "$T/typo.csv" >"$T/typo.jsonl" 2>"$T/err" || fail "misspelt column: exit $?"
grep -q "typo.csv:1: unknown column 'date_of_birht' ignored; did you mean 'date_of_birth'?" "$T/err" || fail "no warning for date_of_birht: $(cat "$T/err")"
grep -q "unknown column 'colour' ignored" "$T/err" || fail "no warning for colour: $(cat "$T/err")"
grep -q "full_name" "$T/err" && fail "a known column was reported: $(cat "$T/err")"
python3 -c 'import json,sys; r=json.loads(open(sys.argv[1]).readline()); assert r["results"][0]["id"]=="t-p1", r' "$T/typo.jsonl" || fail "misspelt column: the row was not screened"

# a NUL byte in a cell would cut the name short and screen it clean: bad
# data, exit 3 naming the line (the rows before it are answered)
printf 'full_name\nIvan Sidorov\nx\000AL ZAWAHIRI, Ayman\nSea Falcon\n' >"$T/nul.csv"
"$VIGIL" screen -x "$T/x.idx" --jsonl "$T/nul.csv" >"$T/nul.jsonl" 2>"$T/err"; rc=$?
[ $rc -eq 3 ] || fail "NUL in a cell: exit $rc, want 3"
grep -q "nul.csv:3: NUL byte" "$T/err" || fail "NUL in a cell: $(cat "$T/err")"
grep -q "ZAWAHIRI" "$T/nul.jsonl" && fail "the row with a NUL was screened"
printf 'full_name\nx\000y\n' | "$VIGIL" screen -x "$T/x.idx" --jsonl - >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 3 ] && grep -q -- "-:2: NUL byte" "$T/err" || fail "NUL on stdin: exit $rc $(cat "$T/err")"

# a spreadsheet's Windows-1252 export: --encoding converts it; without it
# the row that is not UTF-8 is answered with an error
printf 'full_name\nIvan Petrovich Sidorov\nJos\351 P\351rez\n' >"$T/cp1252.csv"
"$VIGIL" screen -x "$T/x.idx" --encoding windows-1252 --jsonl "$T/cp1252.csv" >"$T/cp.jsonl" 2>"$T/err" || fail "--encoding: $(cat "$T/err")"
python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows[1]["query"]["name"] == "Jos\u00e9 P\u00e9rez" and "error" not in rows[1], rows[1]' "$T/cp.jsonl" || fail "--encoding windows-1252 output"
"$VIGIL" screen -x "$T/x.idx" --jsonl "$T/cp1252.csv" | sed -n 2p | grep -q '"error": "invalid UTF-8' || fail "a Windows-1252 row read as UTF-8 should be an error row"
"$VIGIL" screen -x "$T/x.idx" --encoding ebcdic --jsonl "$T/cp1252.csv" >/dev/null 2>&1; [ $? -eq 2 ] || fail "an unknown --encoding should exit 2"

# no name column: bad data
printf 'a,b\n1,2\n' >"$T/noname.csv"
"$VIGIL" screen -x "$T/x.idx" --jsonl "$T/noname.csv" >/dev/null 2>&1; [ $? -eq 3 ] || fail "no name column should exit 3"
"$VIGIL" screen -x "$T/x.idx" 2>/dev/null; [ $? -eq 2 ] || fail "missing FILE should exit 2"
echo ok
