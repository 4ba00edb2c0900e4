#!/usr/bin/env bash
# bench_scan_prose.sh BUILD SHARED - false alerts of `vigil scan` on prose
# that names no listed party (tests/prose: UN pages and encyclopedia articles
# on towns, companies, sport and politics in ten languages) against the index
# of every shared list: alerts, judged true mentions (tests/prose/TRUE) and
# false alerts per 10,000 words per language, then every alert with its
# context, to be judged by a reader.  Target: <= 2 false alerts per 10,000
# words per language.
set -euo pipefail
build=${1:-build}
shared=${2:-../shared}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
if [ ! -d "$shared/data/lists" ]; then
  echo "skipped: no ../shared (prose is scanned against the real lists)"
  exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench_scan_prose.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$here/all_lists.sh"
all_lists_index "$build/vigil" "$shared" "$tmp/all.idx"
python3 "$here/scan_prose.py" "$build/vigil" "$tmp/all.idx" "$root/tests/prose"
