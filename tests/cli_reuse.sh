#!/usr/bin/env bash
# cli_reuse.sh - a build that copies the analysed names of unchanged
# entities from the previous index (`vigil build --reuse`, what `vigil
# update` does) gives the same answers as a build from scratch: a synthetic
# list of 20,000 entities (bench_scale gen), its next version with about
# 400 entities changed, removed or added, and every query of a fixed set
# (listed names damaged, unlisted names) screened against both indexes.
# Also: the names really were copied (the summary says how many), and an
# index of another format is ignored rather than trusted.
# usage: cli_reuse.sh VIGIL FIXTURES SHARED BUILD
set -u
VIGIL=$1 BUILD=$4
GEN=$BUILD/bench/bench_scale
T=$(mktemp -d "$BUILD/cli_reuse.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
[ -x "$GEN" ] || { echo "skipped: no $GEN"; exit 77; }
export SOURCE_DATE_EPOCH=1700000000

N=20000
"$GEN" gen $N "$T/v1.jsonl" || fail "gen v1"
"$GEN" gen $N "$T/v2.jsonl" 400 || fail "gen v2"
cmp -s "$T/v1.jsonl" "$T/v2.jsonl" && fail "v2 is the same list as v1"
"$GEN" queries $N listed 300 "$T/listed.csv" || fail "listed queries"
"$GEN" queries $N unlisted 300 "$T/unlisted.csv" || fail "unlisted queries"

"$VIGIL" build -q -o "$T/v1.idx" "$T/v1.jsonl" || fail "build v1"
"$VIGIL" build -q -o "$T/scratch.idx" "$T/v2.jsonl" || fail "build v2 from scratch"
"$VIGIL" build -o "$T/reused.idx" --reuse "$T/v1.idx" "$T/v2.jsonl" 2>"$T/err" ||
	fail "build v2 reusing v1: $(cat "$T/err")"
# most names are copied: at most the changed entities' are analysed again
python3 - "$T/err" <<'PY' || fail "names not reused: $(cat "$T/err")"
import re, sys
m = re.search(r"names analysed: (\d+), of which (\d+) copied", open(sys.argv[1]).read())
assert m, "no reuse line"
total, copied = int(m.group(1)), int(m.group(2))
assert total > 20000 and copied >= total - 2000, (total, copied)
PY

for q in listed unlisted; do
	"$VIGIL" screen --index "$T/scratch.idx" --jsonl "$T/$q.csv" >"$T/$q.scratch" ||
		fail "screen $q on the scratch build"
	"$VIGIL" screen --index "$T/reused.idx" --jsonl "$T/$q.csv" >"$T/$q.reused" ||
		fail "screen $q on the reused build"
	[ "$(wc -l <"$T/$q.scratch")" -ge 300 ] || fail "$q: too few answers"
	cmp -s "$T/$q.scratch" "$T/$q.reused" ||
		fail "$q: answers differ: $(diff "$T/$q.scratch" "$T/$q.reused" | head -5)"
done
# the listed queries do find their entities (the comparison is not of two
# empty outputs)
grep -c '"match": *true\|"match":true' "$T/listed.scratch" | awk '$1 < 200 { exit 1 }' ||
	fail "listed queries found too little"
cmp -s "$T/scratch.idx" "$T/reused.idx" || echo "note: index files differ in bytes"

# a file this large is parsed on a second thread: lines json-c reads (a
# number, a delta operation) and a bad line far into it give what one
# thread gives, the same index or the same error
{ head -n 9000 "$T/v2.jsonl"
  echo '{"id": "num-1", "schema": "Person", "properties": {"name": ["Numa Pompilius"], "weight": [72]}}'
  echo '{"op": "DEL", "entity": {"id": "syn-17", "schema": "Person"}}'
  tail -n +9001 "$T/v2.jsonl"; } >"$T/mixed.jsonl"
"$VIGIL" build -q --threads 1 -o "$T/mixed1.idx" "$T/mixed.jsonl" || fail "mixed on one thread"
"$VIGIL" build -q --threads 2 -o "$T/mixed2.idx" "$T/mixed.jsonl" || fail "mixed on two threads"
cmp -s "$T/mixed1.idx" "$T/mixed2.idx" || fail "mixed lines: two threads build another index"
{ head -n 15000 "$T/v2.jsonl"; echo '{"id": "bad-1", "schema": '; tail -n +15001 "$T/v2.jsonl"; } \
	>"$T/bad.jsonl"
for t in 1 2; do
	"$VIGIL" build -q --threads $t -o "$T/bad$t.idx" "$T/bad.jsonl" 2>"$T/bad$t.err" &&
		fail "a bad line built on $t threads"
done
grep -q "bad.jsonl:15001:" "$T/bad1.err" || fail "bad line: $(cat "$T/bad1.err")"
cmp -s "$T/bad1.err" "$T/bad2.err" ||
	fail "bad line: $(cat "$T/bad1.err") on one thread, $(cat "$T/bad2.err") on two"

# a file that is not an index of this vigil is ignored: every name analysed
printf 'not an index\n' >"$T/junk.idx"
"$VIGIL" build -o "$T/junk-reused.idx" --reuse "$T/junk.idx" "$T/v2.jsonl" 2>"$T/err" ||
	fail "build with an unusable --reuse: $(cat "$T/err")"
grep -q "of which 0 copied" "$T/err" || fail "junk index reused: $(cat "$T/err")"
"$VIGIL" screen --index "$T/junk-reused.idx" --jsonl "$T/listed.csv" >"$T/listed.junk" ||
	fail "screen on the junk-reused build"
cmp -s "$T/listed.scratch" "$T/listed.junk" || fail "junk-reused build answers differently"
echo "ok"
