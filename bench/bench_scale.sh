#!/usr/bin/env bash
# bench_scale.sh - build and query synthetic FtM data of 10k, 100k and 1M
# people and organisations (bench_scale gen: several cultures and scripts,
# birth dates, countries): build time, index size, peak memory, and latency
# p50/p99 of 10,000 queries (thread CPU time).  Targets at 1M: p50 < 1 ms,
# peak memory < 4 GB.  SCALES="10000 100000" limits the sizes.
# usage: bench_scale.sh BUILD_DIR SHARED_DIR
set -euo pipefail
build=$1
vigil=$build/vigil
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench_scale.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
for n in ${SCALES:-10000 100000 1000000}; do
	"$build/bench/bench_scale" gen "$n" "$tmp/syn.jsonl"
	/usr/bin/time -f "%e %M" "$vigil" build -q -o "$tmp/syn.idx" "$tmp/syn.jsonl" 2>"$tmp/time"
	read -r t mem <"$tmp/time"
	size=$(stat -c %s "$tmp/syn.idx")
	echo "$n entities: build ${t} s, peak memory $((mem / 1024)) MB, index $((size / 1024 / 1024)) MB"
	"$build/bench/bench_scale" query "$tmp/syn.idx" "$n" 10000 | sed 's/^/  /'
	rm -f "$tmp/syn.jsonl" "$tmp/syn.idx"
done
