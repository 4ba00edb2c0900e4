#!/usr/bin/env bash
# cli_haproxy.sh - three `vigil serve` replicas behind HAProxy on loopback,
# configured by examples/haproxy/haproxy.cfg (addresses and paths changed
# for the test), under a load run of /match requests (wrk): one replica is
# killed (SIGKILL) during the run, then examples/haproxy/vigil-roll-update.sh
# rolls a new index across the two others.  The run must see zero failed
# requests (no error status, no socket error, no time-out), every live
# replica must end on the new index, and the killed one, started again,
# must come back into rotation.
#
# usage: cli_haproxy.sh VIGIL FIXTURES SHARED BUILD_DIR
# The indexes are built from tests/fixtures/pg (fictional), so ../shared is
# not needed.
set -u
VIGIL=$1
FIX=$2/pg
BUILD=$4
HERE=$(cd "$(dirname "$0")" && pwd)
EX=$HERE/../examples/haproxy
OUT=$BUILD/test-output/haproxy
for tool in haproxy socat wrk curl; do
  command -v $tool >/dev/null 2>&1 || { echo "skipped: $tool is not installed"; exit 77; }
done
rm -rf "$OUT"
mkdir -p "$OUT"
fails=0
pids=()
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT

"$VIGIL" build -o "$OUT/v1.idx" "$FIX/watchlist.ftm.jsonl" >"$OUT/build.log" 2>&1 &&
  "$VIGIL" build -o "$OUT/v2.idx" "$FIX/watchlist.ftm.jsonl" "$FIX/added.ftm.jsonl" \
    >>"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; echo "FAIL: vigil build"; exit 1; }

# five free loopback ports: the balancer and three replicas (and a spare).
# HAProxy's configuration needs them before anything listens, so they are
# taken below the kernel's ephemeral range (ip_local_port_range): a port the
# kernel hands out as 0 can be taken again by any outgoing connection of a
# test running alongside before the replica binds it (it happened, rarely).
read -r LB P1 P2 P3 _ < <(python3 -c '
import random, socket
lo = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
ports = []
for port in random.sample(range(10000, max(lo, 10100)), max(lo, 10100) - 10000):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    ports.append(port)
    if len(ports) == 5:
        break
print(*ports)')
PORTS=("" "$P1" "$P2" "$P3")
KEY=roll-test-key

# replica N: its own index file, as on its own machine
start_replica() {
  "$VIGIL" serve -x "$OUT/r$1.idx" --listen "127.0.0.1:${PORTS[$1]}" --admin-key "$KEY" \
    --no-access-log >"$OUT/r$1.out" 2>"$OUT/r$1.err" &
  RPID[$1]=$!
  pids+=("${RPID[$1]}")
}
declare -a RPID
for n in 1 2 3; do
  cp "$OUT/v1.idx" "$OUT/r$n.idx"
  start_replica $n
done

# the example configuration, with this test's ports and socket, in the
# foreground and without the system's log, chroot and user
sed -e "s|127.0.0.1:8080|127.0.0.1:$LB|; s|127.0.0.1:8001|127.0.0.1:$P1|; s|127.0.0.1:8002|127.0.0.1:$P2|" \
    -e "s|127.0.0.1:8003|127.0.0.1:$P3|; s|/run/haproxy/admin.sock|$OUT/admin.sock|" \
    -e "/^ *\(log \/dev\/log\|chroot\|user\|group\|daemon\)/d" \
    "$EX/haproxy.cfg" >"$OUT/haproxy.cfg"
if haproxy -c -q -f "$OUT/haproxy.cfg"; then ok "the example configuration is valid"; else fail "haproxy -c"; fi
haproxy -db -f "$OUT/haproxy.cfg" >"$OUT/haproxy.log" 2>&1 &
pids+=($!)
SOCK=$OUT/admin.sock
cli() { echo "$*" | socat -t 5 stdio "unix-connect:$SOCK"; }
up_count() {
  cli "show stat" 2>/dev/null | awk -F, '$1 == "vigil" && $2 ~ /^vigil[0-9]$/ && $18 ~ /^UP/' | wc -l
}
for _ in $(seq 600); do [ "$(up_count)" = 3 ] && break; sleep 0.1; done
if [ "$(up_count)" = 3 ]; then ok "HAProxy sees three replicas UP"; else
  cli "show stat" | cut -d, -f1,2,18; cat "$OUT/haproxy.log"; fail "replicas not UP"; exit 1; fi

BASE=http://127.0.0.1:$LB
match() { # match NAME: the ids /match/default returns through the balancer
  curl -s -X POST -H 'Content-Type: application/json' \
    -d "{\"queries\": {\"q\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"$1\"]}}}}" \
    "$BASE/match/default" | python3 -c 'import json,sys
print(" ".join(r["id"] for r in json.load(sys.stdin)["responses"]["q"]["results"] if r["match"]))'
}
[ "$(match "Dmitri Volkonsky")" = pgt-p1 ] && ok "a match through the balancer" || fail "match via HAProxy"
[ -z "$(match "Lukas Hofstaetter")" ] && ok "v1 does not list pgt-p4" || fail "v1 lists pgt-p4"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/admin/reload")
[ "$code" = 403 ] && ok "/admin is not reachable through the balancer" || fail "/admin via HAProxy: $code"

# --- the load run --------------------------------------------------------------
cat >"$OUT/match.lua" <<'EOF'
wrk.method = "POST"
wrk.body = '{"queries": {"q": {"schema": "Person", "properties": {"name": ["Dmitri Volkonsky"], "birthDate": ["1970"]}}}}'
wrk.headers["Content-Type"] = "application/json"
EOF
# The run lasts until the roll is over (wrk stops on SIGINT and prints its
# figures), however long a loaded machine takes; its events are polled in
# HAProxy's counters, never timed.
# lb_requests: the requests the balancer has passed to the replicas so far
lb_requests() {
  cli "show stat" 2>/dev/null | awk -F, '$1 == "vigil" && $2 == "BACKEND" { print $8 }'
}
# wait_requests N: until N more requests have passed (at most 2 minutes)
wait_requests() {
  local from to
  from=$(lb_requests); to=$((${from:-0} + $1))
  for _ in $(seq 1200); do [ "$(lb_requests)" -ge "$to" ] 2>/dev/null && return 0; sleep 0.1; done
  fail "the load run did not reach $1 requests"
}
wrk -t2 -c8 -d600s --timeout 10s -s "$OUT/match.lua" "$BASE/match/default" >"$OUT/wrk.txt" 2>&1 &
WRK=$!
pids+=($WRK)
wait_requests 50
kill -9 "${RPID[1]}"
{ wait "${RPID[1]}"; } 2>/dev/null
ok "killed replica 1 (pid ${RPID[1]}) during the load run"
# the roll, at once: HAProxy may still have replica 1 UP (its checks need
# about a second), so the roll must tell a dead replica from a live one.
# Each replica's own index file is replaced (copy + rename, what vigil
# update does), then reloaded
cat >"$OUT/prepare.sh" <<EOF
#!/bin/sh
# prepare.sh NAME ADDRESS PORT: the new index in place for replica NAME
n=\${1#vigil}
cp "$OUT/v2.idx" "$OUT/r\$n.tmp" && mv "$OUT/r\$n.tmp" "$OUT/r\$n.idx"
EOF
chmod +x "$OUT/prepare.sh"
if bash "$EX/vigil-roll-update.sh" -s "$SOCK" -k "$KEY" -w 20 -- "$OUT/prepare.sh" 2>"$OUT/roll.log"; then
  ok "rolling update: $(tr '\n' ';' <"$OUT/roll.log")"
  grep -qE "vigil1: (DOWN.*|not answering), skipped" "$OUT/roll.log" &&
    ok "the dead replica was skipped" || fail "the dead replica was not skipped"
else
  cat "$OUT/roll.log"; fail "rolling update"
fi
wait_requests 50
kill -0 $WRK 2>/dev/null && ok "the load run lasted past the roll" || fail "wrk ended before the roll did"
kill -INT $WRK
wait $WRK
cat "$OUT/wrk.txt"
reqs=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$OUT/wrk.txt")
if grep -qE "Non-2xx|Socket errors" "$OUT/wrk.txt"; then
  fail "failed requests during the run: $(grep -E 'Non-2xx|Socket errors' "$OUT/wrk.txt")"
elif [ "${reqs:-0}" -lt 100 ]; then
  fail "only ${reqs:-0} requests in the run"
else
  ok "$reqs requests, none failed, while a replica died and two were reloaded"
fi
cli "show stat" | awk -F, 'NR == 1 { sub(/^# /, ""); for (i = 1; i <= NF; i++) c[$i] = i; next }
  $1 == "vigil" && $2 != "FRONTEND" { printf "  %-8s %-5s requests %s, 5xx %s, retries %s, redispatches %s, check %s\n",
    $2, $c["status"], $c["stot"], $c["hrsp_5xx"], $c["wretr"], $c["wredis"], $c["check_status"] }' |
  tee "$OUT/stats.txt"
f5=$(awk '$1 == "BACKEND" { for (i = 1; i <= NF; i++) if ($i == "5xx") print $(i + 1) }' "$OUT/stats.txt" | tr -d ,)
[ "${f5:-x}" = 0 ] && ok "HAProxy answered no 5xx" || fail "HAProxy 5xx: ${f5:-?}"

# --- after the roll ------------------------------------------------------------
for n in 2 3; do
  e=$(curl -s "http://127.0.0.1:${PORTS[$n]}/readyz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["entities"])')
  [ "$e" = 7 ] && ok "replica $n serves the new index (7 entities)" || fail "replica $n: $e entities"
done
# replica 1 comes back (as systemd would restart it) on its host's new file
cp "$OUT/v2.idx" "$OUT/r1.idx"
start_replica 1
for _ in $(seq 600); do [ "$(up_count)" = 3 ] && break; sleep 0.1; done
[ "$(up_count)" = 3 ] && ok "replica 1, started again, is back in rotation" || fail "replica 1 not UP"
[ "$(match "Lukas Hofstaetter")" = pgt-p4 ] && ok "the new index answers through the balancer" ||
  fail "pgt-p4 not found after the roll"

# a roll whose new index is damaged stops at the first replica, which goes
# back into rotation on the index it had
cat >"$OUT/prepare-bad.sh" <<EOF
#!/bin/sh
n=\${1#vigil}
head -c 100 "$OUT/v2.idx" >"$OUT/r\$n.tmp" && mv "$OUT/r\$n.tmp" "$OUT/r\$n.idx"
EOF
chmod +x "$OUT/prepare-bad.sh"
if bash "$EX/vigil-roll-update.sh" -s "$SOCK" -k "$KEY" -w 10 -- "$OUT/prepare-bad.sh" 2>"$OUT/roll-bad.log"; then
  fail "a roll with a damaged index succeeded"
else
  grep -q "stopped at vigil1" "$OUT/roll-bad.log" && ok "a damaged index stops the roll: $(grep refused "$OUT/roll-bad.log")" ||
    { cat "$OUT/roll-bad.log"; fail "roll-bad log"; }
fi
for _ in $(seq 600); do [ "$(up_count)" = 3 ] && break; sleep 0.1; done
[ "$(up_count)" = 3 ] && [ "$(match "Lukas Hofstaetter")" = pgt-p4 ] &&
  ok "all three replicas still serve the last good index" || fail "after the failed roll"

echo "cli_haproxy: $fails failure(s)"
[ "$fails" -eq 0 ]
