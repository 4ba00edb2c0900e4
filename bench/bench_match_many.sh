#!/usr/bin/env bash
# bench_match_many.sh - /match throughput with MANY DIFFERENT queries (wrk
# with bench/match_many.lua cycling through the screening evaluation rows:
# negatives-global and hard-ofac), two builds back to back, alternating, on
# the same lists (each build makes its own index, as the format may differ).
#
# usage: bench_match_many.sh OLD_VIGIL NEW_VIGIL SHARED_DIR [ROUNDS] [SECONDS]
#   e.g. bench/bench_match_many.sh /tmp/old/build/vigil build/vigil ../shared 5 10
# With only BUILD_DIR SHARED_DIR (as bench/run.sh calls it) it measures that
# one build.  Besides wrk's requests/s (wall clock, noisy on a shared machine)
# each run prints the server's CPU time per request (user + system from
# /proc/PID/stat over the run, divided by the requests wrk counted), the
# figure that holds when other work shares the cores.
set -euo pipefail
if [ $# -ge 3 ] && [ -x "$1" ] && [ -x "$2" ]; then
  old=$1 new=$2 shared=$3 rounds=${4:-5} secs=${5:-10}
else
  old= new=${1:-build}/vigil shared=${2:-../shared} rounds=1 secs=${3:-10}
fi
lists=$shared/data/lists
eval_dir=$shared/data/eval/screening
if [ ! -d "$lists" ] || [ ! -d "$eval_dir" ]; then
  echo "skipped: no ../shared ($shared)"
  exit 0
fi
if ! command -v wrk >/dev/null 2>&1; then
  echo "skipped: wrk is not installed (apt-get install wrk)"
  exit 0
fi
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT

# start NAME VIGIL: builds NAME.idx and serves it; sets the URL in $tmp/NAME.url
start() {
  "$2" build -o "$tmp/$1.idx" "$lists/ofac-sdn-2021-07" "$lists/ofac-consolidated-2025-12" \
    "$lists/un-sc-consolidated-2026-02-27.xml" "$lists/us-csl-2019-12.csv" \
    "$lists/us-bis-dpl-2022-09.txt" "$lists/opensanctions-us-congress-2026-01.senzing.jsonl" \
    "$lists/ftm/zala.ftm.jsonl" "$lists/ftm/parteispenden.ftm.jsonl" >"$tmp/$1.build" 2>&1
  "$2" serve -x "$tmp/$1.idx" --listen 127.0.0.1:0 --no-access-log --threads 2 \
    --max-connections 256 --per-ip 256 >"$tmp/$1.out" 2>"$tmp/$1.err" &
  pids+=($!)
  echo $! >"$tmp/$1.pid"
  for _ in $(seq 600); do
    url=$(sed -n 's/^listening on \(http:.*\)$/\1/p' "$tmp/$1.out")
    [ -n "$url" ] && curl -s -o /dev/null "$url/readyz" && break
    sleep 0.1
  done
  [ -n "$url" ] || { cat "$tmp/$1.err"; echo "$1: server did not start"; exit 1; }
  echo "$url" >"$tmp/$1.url"
}

# cpu_ticks PID: user and system clock ticks the process has used
cpu_ticks() {
  # fields 14 and 15 of /proc/PID/stat, counted after the ") " that ends
  # the command name
  sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12, $13 }'
}

# run NAME ROUND: one wrk run, one line of figures
run() {
  local pid u0 s0 u1 s1
  pid=$(cat "$tmp/$1.pid")
  read -r u0 s0 < <(cpu_ticks "$pid")
  wrk -t2 -c8 -d"$secs"s --latency -s "$here/match_many.lua" "$(cat "$tmp/$1.url")/match/default" \
    -- "$eval_dir/negatives-global.csv" "$eval_dir/hard-ofac.csv" >"$tmp/w.txt"
  read -r u1 s1 < <(cpu_ticks "$pid")
  python3 - "$1" "$2" "$tmp/w.txt" $((u1 - u0)) $((s1 - s0)) "$(getconf CLK_TCK)" <<'EOF'
import re, sys
name, rnd, text = sys.argv[1], sys.argv[2], open(sys.argv[3]).read()
user, system, hz = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
requests = int(re.search(r"(\d+) requests in", text).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
pct = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", text, re.M))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
us = 1e6 / hz / max(requests, 1)
print("round %s %-4s %6.0f req/s  server CPU %5.1f us/request (user %5.1f sys %5.1f)  "
      "p50 %-8s p99 %-8s non-2xx %s"
      % (rnd, name, rps, (user + system) * us, user * us, system * us, pct.get("50"),
         pct.get("99"), non2xx.group(1) if non2xx else 0))
EOF
}

[ -n "$old" ] && start old "$old"
start new "$new"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); ${secs}s per run, 8 connections"
for r in $(seq "$rounds"); do
  [ -n "$old" ] && run old "$r"
  run new "$r"
done
