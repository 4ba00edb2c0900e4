#!/usr/bin/env bash
# cli_match.sh - `vigil match` and `vigil entity` as a process: the RESULT
# shape, features moving the score, identifiers, schema filtering,
# determinism, and invalid queries exiting 2.
# usage: cli_match.sh VIGIL FIXTURES SHARED BUILD
set -u
VIGIL=$1 FIX=$2 SHARED=$3 BUILD=$4
T=$(mktemp -d "$BUILD/cli_match.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$VIGIL" build -q -o "$T/x.idx" "$FIX/index/small.ftm.jsonl" || fail "build"
M() { "$VIGIL" match -x "$T/x.idx" "$@"; }

M --json "Ivan Sidorov" >"$T/1.json" || fail "match"
M --birth-date 1961-04-12 --country ru --json "Ivan Sidorov" >"$T/2.json" || fail "match dob"
M --birth-date 1990-01-01 --json "Ivan Sidorov" >"$T/3.json" || fail "match dob contra"
M --schema Vessel --json "Ivan Sidorov" >"$T/4.json" || fail "match vessel"
M --id-number "7201-334455" --json "I. Sidorov" >"$T/5.json" || fail "match id"
M --json "Сидоров Иван" >"$T/6.json" || fail "match cyrillic"
M --json "Ivan Sidorov" >"$T/1b.json"
cmp -s "$T/1.json" "$T/1b.json" || fail "not deterministic"
python3 - "$T" <<'PY' || fail "results"
import json, sys
t = sys.argv[1]
L = lambda n: json.load(open(f"{t}/{n}.json"))
r1 = L(1)["results"]
assert r1 and r1[0]["id"] == "t-p1", r1
top = r1[0]
for k in ("id", "caption", "schema", "score", "match", "datasets", "topics", "explanation"):
    assert k in top, k
assert "sanction" in top["topics"], top
e = top["explanation"]
assert e["query_name"] == "Ivan Sidorov" and e["matched_name"], e
s1, s2, s3 = top["score"], L(2)["results"][0]["score"], L(3)["results"][0]["score"]
assert s2 > s1 > s3, (s1, s2, s3)
assert L(2)["results"][0]["explanation"]["features"]["birth_date"]["detail"] == "exact"
assert L(3)["results"][0]["explanation"]["features"]["birth_date"]["score"] < 0
assert all(r["schema"] == "Vessel" for r in L(4)["results"]), L(4)
r5 = L(5)["results"]
assert r5 and r5[0]["id"] == "t-p1" and r5[0]["explanation"]["features"]["identifier"]["score"] > 0.3, r5
assert L(6)["results"] and L(6)["results"][0]["id"] == "t-p1", L(6)
PY

# invalid queries: exit 2 and a message naming the problem
bad() { M "$@" >"$T/out" 2>"$T/err"; rc=$?; [ $rc -eq 2 ] || fail "exit $rc for: $*"; [ ! -s "$T/out" ] || fail "output for bad query $*"; }
bad --json ""
bad --json "!!! ???"
bad --json "$(printf 'bad \xff\xfe bytes')"
bad --json "$(python3 -c 'print("a"*100000)')"
bad --schema Spaceship --json "Ivan"
bad --birth-date "sometime in 1961" --json "Ivan"
bad --json
grep -q "birth_date" <(M --birth-date 1961-xx-01 --json "Ivan" 2>&1) || fail "message should name birth_date"

"$VIGIL" entity -x "$T/x.idx" --links 1 t-p1 >"$T/e.json" || fail "entity"
python3 - "$T/e.json" <<'PY' || fail "entity JSON"
import json, sys
e = json.load(open(sys.argv[1]))
assert e["id"] == "t-p1" and e["properties"]["sanctions"] and e["links"], e
assert e["properties"]["sanctions"][0]["schema"] == "Sanction", e
assert "Ivan Petrovich Sidorov" in e["properties"]["name"], e
PY
"$VIGIL" entity -x "$T/x.idx" --flat t-p1 >"$T/e.json" || fail "entity --flat"
python3 - "$T/e.json" <<'PY' || fail "entity --flat JSON"
import json, sys
e = json.load(open(sys.argv[1]))
assert "sanctions" not in e["properties"] and "links" not in e, e
PY
"$VIGIL" entity -x "$T/x.idx" no-such-id >/dev/null 2>&1 && fail "unknown id should fail"

if [ ! -d "$SHARED/data/lists" ]; then
	echo "skipped: no ../shared ($SHARED)"
	exit 77
fi
"$VIGIL" build -q -o "$T/o.idx" "$SHARED/data/lists/ofac-sdn-2021-07" || fail "OFAC build"
"$VIGIL" match -x "$T/o.idx" --birth-date 1951-06-19 --json "Ayman al-Zawahiri" >"$T/o.json" || fail "OFAC match"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; assert r[0]["id"]=="ofac-2676" and r[0]["match"], r[:1]' "$T/o.json" || fail "al-Zawahiri not found"
echo ok
