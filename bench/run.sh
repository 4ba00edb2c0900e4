#!/usr/bin/env bash
# make bench: runs every bench/bench_*.sh in name order with the build folder
# and the shared folder as arguments; each prints its own figures.
set -euo pipefail
build=${1:-build}
shared=${2:-../shared}
here=$(cd "$(dirname "$0")" && pwd)
for b in "$here"/bench_*.sh; do
  [ -e "$b" ] || continue
  echo "== $(basename "$b" .sh)"
  bash "$b" "$build" "$shared"
done
