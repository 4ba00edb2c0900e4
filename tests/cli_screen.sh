#!/usr/bin/env bash
# cli_screen.sh - `vigil screen` as a process: one line per row in input
# order, bad rows reported and never dropped, the same output with one or
# several threads, and a long input streamed through the bounded window.
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

# no name column: bad data
printf 'a,b\n1,2\n' >"$T/noname.csv"
"$VIGIL" screen -x "$T/x.idx" --jsonl "$T/noname.csv" >/dev/null 2>&1; [ $? -eq 3 ] || fail "no name column should exit 3"
"$VIGIL" screen -x "$T/x.idx" 2>/dev/null; [ $? -eq 2 ] || fail "missing FILE should exit 2"
echo ok
