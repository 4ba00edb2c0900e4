#!/usr/bin/env bash
# bench_scan.sh BUILD SHARED - scanning speed (MB/s, CPU time) against the
# index of every shared list: news prose (the seed report) and a name-dense
# worst case (our annotated texts), each repeated to 10 MB.
# Target: >= 5 MB/s.
set -euo pipefail
build=${1:-build}
shared=${2:-../shared}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
if [ ! -d "$shared/data/lists" ]; then
  echo "skipped: no ../shared (bench_scan needs the real lists)"
  exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench_scan.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$here/all_lists.sh"
all_lists_index "$build/vigil" "$shared" "$tmp/all.idx"
echo "-- news prose: the seed report repeated to 10 MB (no listed party in it)"
"$build/bench/bench_scan" "$tmp/all.idx" "$shared/seed/article-2025-02-06.txt" --mb 10
echo "-- name-dense worst case: our annotated texts (11 languages) repeated to"
echo "   10 MB (a listed name every ~110 bytes, every mention with its links)"
"$build/bench/bench_scan" "$tmp/all.idx" "$root"/tests/fixtures/scan/*.txt --mb 10
