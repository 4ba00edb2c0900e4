#!/usr/bin/env bash
# cli_update_crash.sh - `vigil update` stopped between replacing the index
# and saving the per-source state (issue 18, item 5): by a full disk (the
# state file cannot be created: ENOSPC) and by kill -9 at the same point,
# both injected with tests/fault/vg_fault.so (LD_PRELOAD).  The message
# must say the index was replaced; the next run must reconcile the state
# with the index, keep the folder the index was built from, and rebuild
# when the publisher goes back to the earlier version.  The lists come
# from tests/fixtures/update/server.py on 127.0.0.1.
#
# usage: cli_update_crash.sh VIGIL FIXTURES SHARED BUILD
set -uo pipefail
VIGIL=$1
FIX=$2/update
BUILD=$4
FAULT=$BUILD/vg_fault.so
[ -f "$FAULT" ] || { echo "skipped: $FAULT not built"; exit 77; }

work=$(mktemp -d "${BUILD}/cli-update-crash.XXXXXX")
srv_pid=""
mounted=""
cleanup() {
  [ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null
  [ -n "$mounted" ] && umount "$mounted" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fails=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

www=$work/www
mkdir -p "$www"
publish() { cp "$FIX/$1/people.ftm.jsonl" "$www/people.ftm.jsonl"; }
publish v1
rm -f "$work/port"
python3 "$FIX/server.py" "$www" "$work/port" "$work/requests.log" 600 &
srv_pid=$!
for _ in $(seq 1 300); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { echo "FAIL: test server did not start"; exit 1; }
cat >"$work/c.ini" <<EOF
[update]
connect_timeout = 2
timeout = 5
retries = 0
[source people]
format = ftm-json
url = http://127.0.0.1:$(cat "$work/port")/ok/people.ftm.jsonl
EOF
idx=$work/lists.idx
# run [fault action]: one update; status in $rc, output in $work/out, err
run() {
  if [ $# -gt 0 ]; then
    # an instrumented vigil (ASan) must accept a library loaded before its runtime
    env LD_PRELOAD="$FAULT" VG_FAULT_PATH=/state.tmp VG_FAULT_ACTION="$1" \
      ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
      "$VIGIL" update --config "$work/c.ini" --index "$idx" >"$work/out" 2>"$work/err"
  else
    "$VIGIL" update --config "$work/c.ini" --index "$idx" >"$work/out" 2>"$work/err"
  fi
  rc=$?
}
# version: the content version of the list in the index
version() { "$VIGIL" info --json "$idx" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sources"][0]["version"])'; }
# folder: the download folder the index was built from
folder() { "$VIGIL" info --json "$idx" | python3 -c 'import json,sys; p=json.load(sys.stdin)["sources"][0]["path"]; print(p.split("/people/")[1].split("/")[0])'; }
state_folder() { sed -n 's/^data //p' "$idx.state/people/state"; }

run
[ $rc -eq 0 ] || { cat "$work/err"; echo "FAIL: first update"; exit 1; }
v1=$(version)
publish v2

# --- a full disk after the index was replaced --------------------------------
run enospc
v2=$(version)
if [ $rc -eq 1 ] && [ "$v2" != "$v1" ] && grep -q "was replaced" "$work/err" && ! grep -q "left as it was" "$work/err"; then
  ok "full disk while saving the state: exit 1, the message says the index was replaced"
else
  fail "full disk: exit $rc, version $v2 (was $v1): $(cat "$work/err")"
fi
[ -d "$idx.state/people/$(folder)" ] && ok "the folder the new index was built from is kept" \
  || fail "the index's folder $(folder) was removed"
publish v1
run
if [ $rc -eq 0 ] && [ "$(version)" = "$v1" ] && grep -q "reconciled" "$work/err"; then
  ok "the publisher went back to v1: the next run reconciled the state and rebuilt v1"
else
  fail "after the full disk, back to v1: exit $rc, index $(version) (v1 $v1, v2 $v2): $(cat "$work/err")"
fi

# --- kill -9 at the same point -----------------------------------------------
publish v2
run kill
if [ $rc -eq 137 ] && [ "$(version)" = "$v2" ]; then
  ok "killed while saving the state: the index holds v2"
else
  fail "kill: exit $rc, index $(version): $(cat "$work/err")"
fi
built_from=$(folder)
run
if [ $rc -eq 0 ] && [ "$(version)" = "$v2" ] && [ -d "$idx.state/people/$built_from" ] &&
   [ "$(state_folder)" = "$built_from" ]; then
  ok "the next run keeps the index's folder ($built_from) and names it in the state"
else
  fail "after the kill: exit $rc, index $(version), folder $built_from exists: $([ -d "$idx.state/people/$built_from" ] && echo yes || echo no), state names $(state_folder): $(cat "$work/err")"
fi
publish v1
run
[ $rc -eq 0 ] && [ "$(version)" = "$v1" ] && ok "and a later return to v1 rebuilds v1" \
  || fail "after the kill, back to v1: exit $rc, index $(version)"

# --- the folder the index was built from is gone -------------------------------
publish v2
run kill
rm -rf "$idx.state/people/$(folder)"
run
if [ $rc -eq 0 ] && [ "$(version)" = "$v2" ] && grep -q "which is gone; fetching again" "$work/err"; then
  ok "the index's folder gone: fetched again and rebuilt"
else
  fail "index folder gone: exit $rc, index $(version): $(cat "$work/err")"
fi

# --- a real full disk (a 256 KB tmpfs, where mounting is allowed) -------------
# The disk fills while the new index is written, before the swap: the
# index and its state stay exactly as they were, and once there is room
# again the next run completes.
disk=$work/disk
mkdir -p "$disk"
if mount -t tmpfs -o size=256k tmpfs "$disk" 2>/dev/null; then
  mounted=$disk
  idx=$disk/lists.idx
  publish v1
  run
  before=$(sha256sum "$idx" | cut -d' ' -f1)
  state_before=$(cat "$idx.state/people/state")
  publish v2
  # leave about two pages: room for the download and its manifest, not
  # for the new index
  free_kb=$(df -k --output=avail "$disk" | tail -1)
  dd if=/dev/zero of="$disk/filler" bs=1k count=$((free_kb - 8)) 2>/dev/null
  run
  if [ $rc -eq 1 ] && grep -q "left as it was" "$work/err" && [ "$(sha256sum "$idx" | cut -d' ' -f1)" = "$before" ] &&
     [ "$(cat "$idx.state/people/state")" = "$state_before" ] && ! ls "$disk"/lists.idx.new-* >/dev/null 2>&1; then
    ok "disk full while writing the new index: index, state and folders as they were"
  else
    fail "disk full (tmpfs): exit $rc: $(cat "$work/err")"
  fi
  rm -f "$disk/filler"
  run
  [ $rc -eq 0 ] && [ "$(version)" != "$v1" ] && ok "with room again the next run swaps v2 in" \
    || fail "after the full tmpfs: exit $rc, $(cat "$work/err")"
else
  echo "skipped: cannot mount a tmpfs here (the full disk after the swap is injected above)"
fi

if [ $fails -ne 0 ]; then
  echo "$fails checks failed"
  exit 1
fi
echo "all update crash checks passed"
