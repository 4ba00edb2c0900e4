#!/usr/bin/env bash
# cli_build_threads.sh - a build gives the same index, byte for byte,
# whatever the number of threads and however they happen to share the
# names: the OFAC SDN list (about 20,000 names, enough for the build to
# analyse on two threads) built once on one thread and four times on two.
# A term made differently in two names (its token's groups, phonetic key,
# skeleton or flags) has the derived keys of the earliest name's making,
# as one thread reading in order finds them; before, it had those of the
# name whichever thread met the term first, and the OFAC index came out in
# three different versions in six builds.
# usage: cli_build_threads.sh VIGIL FIXTURES SHARED BUILD
set -u
VIGIL=$1 SHARED=$3 BUILD=$4
LIST=$SHARED/data/lists/ofac-sdn-2021-07
[ -d "$LIST" ] || { echo "skipped: no ../shared"; exit 77; }
T=$(mktemp -d "$BUILD/cli_build_threads.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export SOURCE_DATE_EPOCH=1700000000

"$VIGIL" build -q --threads 1 -o "$T/one.idx" "$LIST" || fail "build on one thread"
for i in 1 2 3 4; do
	"$VIGIL" build -q --threads 2 -o "$T/two.idx" "$LIST" || fail "build on two threads"
	cmp -s "$T/one.idx" "$T/two.idx" ||
		fail "build $i on two threads differs from the build on one"
done
echo "ok: 4 builds on two threads, the same bytes as on one"
