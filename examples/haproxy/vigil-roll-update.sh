#!/usr/bin/env bash
# vigil-roll-update.sh - reload a new index on every `vigil serve` replica
# behind HAProxy, one replica at a time, without failing a request.
#
# usage: vigil-roll-update.sh [-s SOCKET] [-b BACKEND] [-k ADMIN_KEY]
#                             [-w SECONDS] [-- PREPARE_COMMAND...]
#   -s  HAProxy's admin stats socket (default /run/haproxy/admin.sock)
#   -b  the backend of the replicas (default vigil)
#   -k  vigil serve's --admin-key (default: $VIGIL_ADMIN_KEY)
#   -w  how long to wait for each step (default 30 seconds)
#   PREPARE_COMMAND, when given, runs for each replica before its reload with
#   the replica's name, address and port appended: it puts the new index in
#   place there (e.g. `ssh HOST vigil update ...`, or a copy + rename).
#   Without it, the index file is expected to be in place already (one
#   `vigil update` on a shared path before the roll).
#
# For each replica that HAProxy has UP, in the backend's order:
#   1. drain: HAProxy sends it no new request (state drain); wait until
#      its requests in flight are done (no current session);
#   2. PREPARE_COMMAND NAME ADDRESS PORT;
#   3. POST http://ADDRESS:PORT/admin/reload: vigil serve swaps the index
#      in without dropping a request and answers its new generation; then
#      GET /readyz must answer 200 with that generation;
#   4. back in rotation (state ready); wait until HAProxy reports it UP.
# A replica that is DOWN or in maintenance, or does not answer (it died and
# HAProxy has not noticed yet), is skipped (and named): it loads the current
# file when it starts again.  The first failure stops the roll:
# the failed replica goes back in rotation on the index it was serving
# (vigil keeps the old index when a reload fails), the ones not yet rolled
# keep theirs, and the exit status is 1.  Needs socat and curl.
set -euo pipefail
sock=/run/haproxy/admin.sock
backend=vigil
key=${VIGIL_ADMIN_KEY:-}
wait_s=30
while getopts "s:b:k:w:" o; do
  case $o in
    s) sock=$OPTARG ;;
    b) backend=$OPTARG ;;
    k) key=$OPTARG ;;
    w) wait_s=$OPTARG ;;
    *) sed -n '2,14s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = -- ] && shift
prepare=("$@")

cli() { echo "$*" | socat -t 5 stdio "unix-connect:$sock"; }
log() { echo "vigil-roll-update: $*" >&2; }

# srv_stat NAME FIELD: one field of `show stat` for server NAME of the backend
srv_stat() {
  cli "show stat" | awk -F, -v be="$backend" -v sv="$1" -v f="$2" '
    NR == 1 { sub(/^# /, ""); for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 == be && $2 == sv { print $col[f] }'
}

# until_true SECONDS CMD...: runs CMD every 0.2 s until it succeeds
until_true() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}
idle() { [ "$(srv_stat "$1" scur)" = 0 ]; }
is_up() { case $(srv_stat "$1" status) in UP*) return 0 ;; *) return 1 ;; esac; }
ready_at() { # ready_at BASE GENERATION: /readyz is 200 with that generation
  curl -sf "$1/readyz" | grep -q "\"generation\": *$2[,}]"
}

roll_one() { # roll_one NAME ADDRESS:PORT
  local name=$1 base="http://$2" reply gen
  log "$name: drain"
  cli "set server $backend/$name state drain" >/dev/null
  until_true "$wait_s" idle "$name" || { log "$name: requests still in flight after ${wait_s}s"; return 1; }
  if [ ${#prepare[@]} -gt 0 ]; then
    "${prepare[@]}" "$name" "${2%:*}" "${2##*:}" || { log "$name: prepare command failed"; return 1; }
  fi
  reply=$(curl -s -m "$wait_s" -X POST -H "Authorization: Bearer $key" "$base/admin/reload") || true
  gen=$(printf '%s' "$reply" | sed -n 's/.*"generation": *\([0-9]*\).*/\1/p')
  if [ -z "$gen" ]; then log "$name: reload refused: ${reply:-no answer}"; return 1; fi
  until_true "$wait_s" ready_at "$base" "$gen" || { log "$name: /readyz not ready at generation $gen"; return 1; }
  cli "set server $backend/$name state ready" >/dev/null
  until_true "$wait_s" is_up "$name" || { log "$name: HAProxy does not see it UP"; return 1; }
  log "$name: serving generation $gen"
}

servers=$(cli "show stat" | awk -F, -v be="$backend" '
  NR == 1 { sub(/^# /, ""); for (i = 1; i <= NF; i++) col[$i] = i; next }
  $1 == be && $2 != "FRONTEND" && $2 != "BACKEND" { print $2, $col["addr"], $col["status"] }')
[ -n "$servers" ] || { log "backend $backend has no servers (socket $sock)"; exit 1; }
# (the list comes in on fd 3: a prepare command such as ssh reads stdin)
while read -r name addr status <&3; do
  case $status in
    UP*) ;;
    *) log "$name: $status, skipped"; continue ;;
  esac
  # a replica that just died is UP until HAProxy's checks notice
  if ! curl -s -m 5 -o /dev/null "http://$addr/readyz"; then
    log "$name: not answering, skipped"
    continue
  fi
  if ! roll_one "$name" "$addr"; then
    cli "set server $backend/$name state ready" >/dev/null || true
    log "stopped at $name"
    exit 1
  fi
done 3<<<"$servers"
log "done"
