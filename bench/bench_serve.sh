#!/usr/bin/env bash
# bench_serve.sh - throughput and latency of `vigil serve` on loopback with
# wrk: POST /match/default with one Person query (a yente client's request)
# against an index of every list in ../shared, then the same load while the
# index is reloaded ten times (SIGHUP and /admin/reload), which must lose
# no request.  Prints requests/s, latency percentiles and error counts.
#
# usage: bench_serve.sh BUILD_DIR SHARED_DIR [SECONDS]
set -euo pipefail
build=${1:-build}
shared=${2:-../shared}
secs=${3:-10}
vigil=$build/vigil
lists=$shared/data/lists
if [ ! -d "$lists" ]; then
  echo "skipped: no ../shared ($shared)"
  exit 0
fi
if ! command -v wrk >/dev/null 2>&1; then
  echo "skipped: wrk is not installed (apt-get install wrk)"
  exit 0
fi
if command -v curl >/dev/null 2>&1; then
  CURL=(curl)
else
  CURL=(python3 "$(cd "$(dirname "$0")" && pwd)/../tests/browser/minicurl.py")
fi
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT

"$vigil" build -o "$tmp/all.idx" "$lists/ofac-sdn-2021-07" "$lists/ofac-consolidated-2025-12" \
  "$lists/un-sc-consolidated-2026-02-27.xml" "$lists/us-csl-2019-12.csv" \
  "$lists/us-bis-dpl-2022-09.txt" "$lists/opensanctions-us-congress-2026-01.senzing.jsonl" \
  "$lists/ftm/zala.ftm.jsonl" "$lists/ftm/parteispenden.ftm.jsonl" >"$tmp/build.log" 2>&1
entities=$("$vigil" info --json "$tmp/all.idx" | python3 -c 'import json,sys; print(json.load(sys.stdin)["entities"])')

"$vigil" serve -x "$tmp/all.idx" --listen 127.0.0.1:0 --admin-key bench --no-access-log \
  --max-connections 4096 --per-ip 4096 >"$tmp/server.out" 2>"$tmp/server.err" &
pid=$!
base=
for _ in $(seq 100); do
  base=$(sed -n 's/^listening on \(http:.*\)$/\1/p' "$tmp/server.out")
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { cat "$tmp/server.err"; echo "server did not start"; exit 1; }

cat >"$tmp/match.lua" <<'EOF'
wrk.method = "POST"
wrk.body = '{"queries": {"q": {"schema": "Person", "properties": {"name": ["Aleksandr Zakharov"], "birthDate": ["1966"], "nationality": ["ru"]}}}}'
wrk.headers["Content-Type"] = "application/json"
EOF
"${CURL[@]}" -s -X POST -H 'Content-Type: application/json' \
  -d "$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$tmp/match.lua")" "$base/match/default" >"$tmp/one.json"
size=$(wc -c <"$tmp/one.json")
nres=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["responses"]["q"]["results"]))' "$tmp/one.json")

# report NAME FILE: one line of figures from wrk's output.
report() {
  python3 - "$1" "$2" <<'EOF'
import re, sys
name, text = sys.argv[1], open(sys.argv[2]).read()
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
total = re.search(r"(\d+) requests in", text).group(1)
pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0)
print("%-28s %9.0f req/s  p50 %-8s p75 %-8s p90 %-8s p99 %-8s %s requests, %d errors"
      % (name, float(rps), pct.get("50"), pct.get("75"), pct.get("90"), pct.get("99"), total, errors))
sys.exit(1 if errors else 0)
EOF
}

echo "index: $entities entities from every list in ../shared; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "one /match/default response: $size bytes ($nres results with properties, sanctions, explanation)"
wrk -t2 -c2 -d"$secs"s --latency -s "$tmp/match.lua" "$base/match/default" >"$tmp/w1.txt"
report "match, 2 connections" "$tmp/w1.txt"
wrk -t2 -c32 -d"$secs"s --latency -s "$tmp/match.lua" "$base/match/default" >"$tmp/w2.txt"
report "match, 32 connections" "$tmp/w2.txt"
wrk -t2 -c32 -d"$secs"s --latency "$base/healthz" >"$tmp/w3.txt"
report "healthz (HTTP layer only)" "$tmp/w3.txt"

# The same load while the index is re-read ten times.
wrk -t2 -c32 -d"$secs"s --latency -s "$tmp/match.lua" "$base/match/default" >"$tmp/w4.txt" &
wrk_pid=$!
step=$(python3 -c "print($secs / 12)")
for i in $(seq 10); do
  sleep "$step"
  if [ $((i % 2)) -eq 0 ]; then
    kill -HUP "$pid"
  else
    code=$("${CURL[@]}" -s -o "$tmp/reload.json" -w '%{http_code}' -X POST -H 'Authorization: Bearer bench' "$base/admin/reload")
    [ "$code" = 200 ] || echo "reload $i answered $code: $(cat "$tmp/reload.json")"
  fi
done
wait $wrk_pid
sleep 1 # the last SIGHUP may still be reloading when a loaded machine gets here
generation=$("${CURL[@]}" -s "$base/readyz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])')
report "match during 10 reloads" "$tmp/w4.txt"
# Signals sent while one is pending merge into one (POSIX), so a loaded
# machine may see fewer SIGHUP reloads than were sent; the five
# /admin/reload calls always count.
echo "index generation after the reloads: $generation (11 when no SIGHUP merged with another;" \
  "$(grep -c 'reloaded' "$tmp/server.err") SIGHUP reloads logged)"
[ "$generation" -ge 7 ] && [ "$generation" -le 11 ] ||
  { grep -v '^{' "$tmp/server.err"; echo "reloads did not happen"; exit 1; }
