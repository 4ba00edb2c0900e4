#!/usr/bin/env bash
# cli_update.sh - `vigil update` and `vigil diff` black-box, against a real
# HTTP server on 127.0.0.1 (tests/fixtures/update/server.py) that serves
# list files, changed versions, truncated files, 404s, timeouts, HTML error
# pages with status 200 and an ETag/304 flow.  Every case checks the exit
# status and which index is in place afterwards (checksums, `vigil info`,
# `vigil diff`).
#
# usage: cli_update.sh VIGIL FIXTURES SHARED BUILD
set -uo pipefail
VIGIL=$1
FIX=$2/update
SHARED=$3
BUILD=$4

work=$(mktemp -d "${BUILD}/cli-update.XXXXXX")
srv_pid=""
cleanup() {
  [ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null
  [ -n "${hup_pid:-}" ] && kill "$hup_pid" 2>/dev/null
  [ -n "${serve_pid:-}" ] && kill "$serve_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

fails=0
passes=0
ok() { passes=$((passes + 1)); echo "ok: $*"; }
bad() { fails=$((fails + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}
sum() { sha256sum "$1" 2>/dev/null | cut -d' ' -f1; }
entities() { "$VIGIL" info --json "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["entities"])'; }

www=$work/www
mkdir -p "$www"
cp "$FIX"/v1/people.ftm.jsonl "$www"/people.ftm.jsonl
cp -r "$FIX"/ofac "$www"/ofac
cp "$FIX"/un.xml "$www"/un.xml

start_server() { # start_server ROOT
  rm -f "$work/port"
  python3 "$FIX/server.py" "$1" "$work/port" "$work/requests.log" 600 &
  srv_pid=$!
  for _ in $(seq 1 600); do [ -s "$work/port" ] && break; sleep 0.1; done
  [ -s "$work/port" ] || { echo "FAIL: test server did not start"; exit 1; }
  port=$(cat "$work/port")
  base="http://127.0.0.1:$port"
}
start_server "$www"

# A stand-in for `vigil serve` that records the SIGHUP it gets; it says
# when its trap is set, so the signal cannot arrive before.
start_hup_listener() {
  rm -f "$work/hup" "$work/hup.ready"
  bash -c 'trap "echo reloaded > '"$work"'/hup; exit 0" HUP; : > '"$work"'/hup.ready; for i in $(seq 1 600); do sleep 0.1; done' &
  hup_pid=$!
  for _ in $(seq 1 300); do [ -f "$work/hup.ready" ] && break; sleep 0.1; done
}

# config FILE MODE [extra lines for the ftm source...]
config() {
  local file=$1 mode=$2; shift 2
  {
    echo "[update]"
    echo "connect_timeout = 2"
    echo "timeout = 3"
    echo "retries = 1"
    echo "retry_delay = 0.1"
    echo "[source people]"
    echo "format = ftm-json"
    echo "url = $base/$mode/people.ftm.jsonl"
    for l in "$@"; do echo "$l"; done
  } > "$file"
}

idx=$work/lists.idx
run() { "$VIGIL" update --config "$work/c.ini" --index "$idx" "$@" >"$work/out" 2>"$work/err"; }

# 1. first update: downloads and builds
config "$work/c.ini" ok
run; rc=$?
check "first update exits 0" [ $rc -eq 0 ]
check "first update builds an index with 3 entities" [ "$(entities "$idx")" = 3 ]
datadir() { sed -n 's/^data //p' "$idx.state/$1/state"; }
check "state folder keeps the download" [ -f "$idx.state/people/$(datadir people)/people.ftm.jsonl" ]
check "state records entity count" grep -q "^entities 3$" "$idx.state/people/state"
check "state records the ETag" grep -q '"' "$idx.state/people/state"
cp "$idx" "$work/v1.idx"
sum1=$(sum "$idx")

# 2. nothing changed: conditional request answered 304, index untouched
: > "$work/requests.log"
run; rc=$?
check "unchanged update exits 0" [ $rc -eq 0 ]
check "unchanged update leaves the index byte-identical" [ "$(sum "$idx")" = "$sum1" ]
check "unchanged update sent a conditional request (304)" grep -q "GET /ok/people.ftm.jsonl 304" "$work/requests.log"
check "unchanged update says so" grep -q "unchanged" "$work/out"
run --json; rc=$?
check "unchanged update, --json" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["rebuilt"] is False and d["unchanged"] == 1 and d["entities"] is None, d' "$work/out"

# 3. a server without ETag/Last-Modified: same checksum means unchanged
config "$work/c.ini" plain
run; rc=$?
check "same content without ETag: exit 0" [ $rc -eq 0 ]
check "same content without ETag: index byte-identical" [ "$(sum "$idx")" = "$sum1" ]

# 3b. a stored download that went missing is fetched again, not trusted
config "$work/c.ini" ok
rm -f "$idx.state/people/$(datadir people)/people.ftm.jsonl"
run; rc=$?
check "lost download: exit 0" [ $rc -eq 0 ]
check "lost download: stored again" [ -f "$idx.state/people/$(datadir people)/people.ftm.jsonl" ]
check "lost download: index still has 3 entities" [ "$(entities "$idx")" = 3 ]
sum1=$(sum "$idx")

# 4. an HTML error page with status 200 (Content-Type text/html)
config "$work/c.ini" html
run; rc=$?
check "HTML page: exit 1" [ $rc -eq 1 ]
check "HTML page: index byte-identical" [ "$(sum "$idx")" = "$sum1" ]
check "HTML page: message names source and URL" grep -q "source people: $base/html/people.ftm.jsonl: served an HTML page" "$work/err"

# 5. an HTML page that claims to be CSV: caught by sniffing the content
config "$work/c.ini" htmlcsv
run; rc=$?
check "HTML page as text/csv: exit 1" [ $rc -eq 1 ]
check "HTML page as text/csv: index byte-identical" [ "$(sum "$idx")" = "$sum1" ]
check "HTML page as text/csv: rejected by content" grep -q "served an HTML page, not ftm-json" "$work/err"

# 6. 404
config "$work/c.ini" 404
run; rc=$?
check "404: exit 1" [ $rc -eq 1 ]
check "404: index byte-identical" [ "$(sum "$idx")" = "$sum1" ]
check "404: message has the status and URL" grep -q "$base/404/people.ftm.jsonl: HTTP status 404" "$work/err"

# 7. 500 every time: retried (bounded), then fails
: > "$work/requests.log"
config "$work/c.ini" 500
run; rc=$?
check "500: exit 1" [ $rc -eq 1 ]
check "500: retried once as configured (2 requests)" [ "$(grep -c "GET /500/people.ftm.jsonl 500" "$work/requests.log")" = 2 ]
check "500: index byte-identical" [ "$(sum "$idx")" = "$sum1" ]

# 8. a timeout: the server sleeps past timeout = 1
config "$work/c.ini" slow "timeout = 1" "retries = 0"
start=$(date +%s)
run; rc=$?
took=$(( $(date +%s) - start ))
check "timeout: exit 1" [ $rc -eq 1 ]
check "timeout: gave up within the limit (${took}s)" [ $took -lt 10 ]
check "timeout: message names the URL" grep -q "$base/slow/people.ftm.jsonl" "$work/err"
check "timeout: index byte-identical" [ "$(sum "$idx")" = "$sum1" ]

# 9. a connection cut in the middle of the body
config "$work/c.ini" cut
run; rc=$?
check "cut connection: exit 1" [ $rc -eq 1 ]
check "cut connection: index byte-identical" [ "$(sum "$idx")" = "$sum1" ]

# 10. a truncated file served complete with status 200: the parse fails
config "$work/c.ini" half
run; rc=$?
check "truncated file: exit 1" [ $rc -eq 1 ]
check "truncated file: index byte-identical" [ "$(sum "$idx")" = "$sum1" ]
check "truncated file: message names the source" grep -q "source people" "$work/err"
check "truncated file: only the last good download is kept" [ "$(ls "$idx.state/people" | grep -c '^v')" = 1 ]

# 11. the list lost most of its entities: max_drop refuses it
cp "$FIX"/drop/people.ftm.jsonl "$www"/people.ftm.jsonl
config "$work/c.ini" ok
run; rc=$?
check "entity drop: exit 1" [ $rc -eq 1 ]
check "entity drop: message explains" grep -q "entity count dropped from 3 to 1" "$work/err"
check "entity drop: index byte-identical" [ "$(sum "$idx")" = "$sum1" ]
config "$work/c.ini" ok "max_drop = 1"
run; rc=$?
check "entity drop allowed by max_drop = 1: exit 0" [ $rc -eq 0 ]
check "entity drop allowed: index has 1 entity" [ "$(entities "$idx")" = 1 ]
cp "$work/v1.idx" "$idx"
cp "$FIX"/v1/people.ftm.jsonl "$www"/people.ftm.jsonl
touch -d "2 minutes ago" "$www"/people.ftm.jsonl
"$VIGIL" update --config "$work/c.ini" --index "$idx" --force >/dev/null 2>&1

# 12. a pinned checksum that does not match
config "$work/c.ini" ok "sha256 = $(printf '0%.0s' $(seq 1 64))"
run; rc=$?
check "sha256 mismatch: exit 1" [ $rc -eq 1 ]
check "sha256 mismatch: message" grep -q "sha256 is" "$work/err"
config "$work/c.ini" ok "sha256 = $(sum "$www/people.ftm.jsonl")"
run; rc=$?
check "sha256 match: exit 0" [ $rc -eq 0 ]

# 13. a new version: rebuilt, a running `vigil serve` reloads it on the
# SIGHUP that --notify-pid sends, and diff tells what changed
"$VIGIL" serve -x "$idx" --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
for _ in $(seq 1 300); do grep -q "listening on" "$work/serve.out" && break; sleep 0.1; done
serve_url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" | head -1)
entity_status() { python3 - "$serve_url/entities/$1" <<'EOF'
import sys, urllib.request, urllib.error
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=5).status)
except urllib.error.HTTPError as e:
    print(e.code)
except Exception:
    print(0)
EOF
}
check "serve: fx-c2 unknown before the update" [ "$(entity_status fx-c2)" = 404 ]
cp "$FIX"/v2/people.ftm.jsonl "$www"/people.ftm.jsonl
config "$work/c.ini" ok
run --notify-pid "$serve_pid"; rc=$?
check "changed list: exit 0" [ $rc -eq 0 ]
for _ in $(seq 1 100); do [ "$(entity_status fx-c2)" = 200 ] && break; sleep 0.2; done
check "serve: reloaded on SIGHUP, fx-c2 is served" [ "$(entity_status fx-c2)" = 200 ]
kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null
check "changed list: index rebuilt" grep -q "rebuilt" "$work/out"
check "changed list: says how many entities changed" grep -q "entities: 1 added, 1 removed, 1 changed" "$work/out"
check "changed list: index differs" [ "$(sum "$idx")" != "$sum1" ]
check "changed list: the replaced download is removed" [ "$(ls "$idx.state/people" | grep -c '^v')" = 1 ]
check "changed list: the index names a source path that exists" python3 -c '
import json, os, subprocess, sys
info = json.loads(subprocess.check_output([sys.argv[1], "info", "--json", sys.argv[2]]))
assert all(os.path.exists(s["path"]) for s in info["sources"]), info' "$VIGIL" "$idx"
"$VIGIL" diff --json "$work/v1.idx" "$idx" > "$work/diff.json"; rc=$?
check "diff exits 0" [ $rc -eq 0 ]
check "diff: added, removed and changed ids" python3 - "$work/diff.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["added"] == ["fx-c2"], d
assert d["removed"] == ["fx-p2"], d
assert [c["id"] for c in d["changed"]] == ["fx-p1"], d
assert "alias" in d["changed"][0]["properties"], d
EOF
"$VIGIL" diff "$work/v1.idx" "$idx" > "$work/diff.txt"
check "diff: readable output" grep -q "1 added, 1 removed, 1 changed" "$work/diff.txt"
check "diff of an index with itself is empty" [ "$("$VIGIL" diff --json "$idx" "$idx")" = '{"added": [], "removed": [], "changed": []}' ]
"$VIGIL" diff "$work/v1.idx" >/dev/null 2>&1; rc=$?
check "diff with one argument: exit 2" [ $rc -eq 2 ]
echo "garbage" > "$work/garbage.idx"
"$VIGIL" diff "$work/v1.idx" "$work/garbage.idx" >/dev/null 2>&1; rc=$?
check "diff of a damaged index: exit 3" [ $rc -eq 3 ]

# 14. schedule: a daily source checked a minute ago is skipped unless --force
config "$work/c.ini" ok "schedule = daily"
: > "$work/requests.log"
run; rc=$?
check "schedule: exit 0" [ $rc -eq 0 ]
check "schedule: nothing fetched" [ ! -s "$work/requests.log" ]
run --now $(( $(date +%s) + 90000 )); rc=$?
check "schedule elapsed: fetched" grep -q "GET /ok/people.ftm.jsonl" "$work/requests.log"
: > "$work/requests.log"
run --force; rc=$?
check "--force: fetched despite the schedule" grep -q "GET /ok/people.ftm.jsonl" "$work/requests.log"

# 15. a 503 then success: retried, succeeds
config "$work/c.ini" flaky
run --force; rc=$?
check "503 then 200: exit 0 after a retry" [ $rc -eq 0 ]

# 16. redirects are followed
config "$work/c.ini" redirect
run; rc=$?
check "redirect: exit 0" [ $rc -eq 0 ]

# 17. size limit
config "$work/c.ini" plain "max_size = 100"
run; rc=$?
check "max_size: exit 1" [ $rc -eq 1 ]
check "max_size: message" grep -q "larger than max_size" "$work/err"

# 18. several sources and formats in one index; SIGHUP to a server process
cat > "$work/c.ini" <<EOF
[update]
retries = 0
[source people]
format = ftm-json
url = $base/ok/people.ftm.jsonl
[source ofac-test]
format = ofac-csv
url = $base/ok/ofac/sdn.csv
url = $base/ok/ofac/add.csv
url = $base/ok/ofac/alt.csv
url = $base/ok/ofac/sdn_comments.csv
[source un-test]
format = un-xml
url = $base/ok/un.xml
EOF
start_hup_listener
run --notify-pid "$hup_pid"; rc=$?
check "three formats: exit 0" [ $rc -eq 0 ]
check "three formats: 3 + 2 + 2 entities" [ "$(entities "$idx")" = 7 ]
for _ in $(seq 1 600); do [ -f "$work/hup" ] && break; sleep 0.1; done
check "--notify-pid sent SIGHUP after the swap" [ -f "$work/hup" ]
# --pidfile: same signal, the process id read from a file
start_hup_listener
echo "$hup_pid" > "$work/serve.pid"
printf '101,"Passport AB123456 (Poland)."\r\n' >> "$www/ofac/sdn_comments.csv"
run --pidfile "$work/serve.pid"; rc=$?
check "a changed file of the OFAC set: exit 0, rebuilt" [ $rc -eq 0 ] && grep -q rebuilt "$work/out"
for _ in $(seq 1 600); do [ -f "$work/hup" ] && break; sleep 0.1; done
check "--pidfile sent SIGHUP after the swap" [ -f "$work/hup" ]
sum3=$(sum "$idx")
: > "$work/requests.log"
run; rc=$?
check "three formats unchanged: exit 0, index byte-identical" [ $rc -eq 0 ] && [ "$(sum "$idx")" = "$sum3" ]
check "three formats unchanged: six 304s" [ "$(grep -c " 304$" "$work/requests.log")" = 6 ]
# one file of the OFAC set breaks: the whole update fails, nothing changes
sed -i 's#ok/ofac/alt.csv#html/ofac/alt.csv#' "$work/c.ini"
run; rc=$?
check "one broken file of a set: exit 1" [ $rc -eq 1 ]
check "one broken file of a set: message names source and URL" grep -q "source ofac-test: $base/html/ofac/alt.csv" "$work/err"
check "one broken file of a set: index byte-identical" [ "$(sum "$idx")" = "$sum3" ]

# 19. FtM delta files: full file first, then only the newer deltas
dw=$work/www/delta
mkdir -p "$dw"
cp "$FIX"/delta/base.ftm.jsonl "$dw"/entities.ftm.jsonl
cp "$FIX"/delta/v2.delta.jsonl "$FIX"/delta/v3.delta.jsonl "$dw"/
echo "{\"versions\": {\"v1\": \"$base/ok/delta/v1.json\"}}" > "$dw"/index.json
cat > "$work/c.ini" <<EOF
[update]
retries = 0
[source deltas]
format = ftm-json
url = $base/ok/delta/entities.ftm.jsonl
delta_index = $base/ok/delta/index.json
EOF
run; rc=$?
check "delta source, first run: exit 0" [ $rc -eq 0 ]
check "delta source, first run: 3 entities" [ "$(entities "$idx")" = 3 ]
check "delta source: version recorded" grep -q "^version v1$" "$idx.state/deltas/state"
check "delta source: the dataset is named after the source" python3 -c '
import json, subprocess, sys
info = json.loads(subprocess.check_output([sys.argv[1], "info", "--json", sys.argv[2]]))
assert [s["name"] for s in info["sources"]] == ["deltas"], info' "$VIGIL" "$idx"
cp "$idx" "$work/d1.idx"
echo "{\"versions\": {\"v1\": \"$base/ok/delta/v1.json\", \"v2\": \"$base/ok/delta/v2.delta.jsonl\", \"v3\": \"v3.delta.jsonl\"}}" > "$dw"/index.json
: > "$work/requests.log"
run --diff; rc=$?
check "delta source, two new deltas: exit 0" [ $rc -eq 0 ]
check "delta source: --diff lists what the deltas did" grep -q "+ dx-5  SEA FALCON" "$work/out"
check "delta source: the full file is not downloaded again" [ "$(grep -c "entities.ftm.jsonl" "$work/requests.log")" = 0 ]
check "delta source: now at v3" grep -q "^version v3$" "$idx.state/deltas/state"
check "delta source: 3 - 1 + 2 entities" [ "$(entities "$idx")" = 4 ]
"$VIGIL" diff --json "$work/d1.idx" "$idx" > "$work/ddiff.json"
check "delta source: diff shows the delta operations" python3 - "$work/ddiff.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["added"] == ["dx-4", "dx-5"], d
assert d["removed"] == ["dx-3"], d
assert [c["id"] for c in d["changed"]] == ["dx-1"], d
EOF
sumd=$(sum "$idx")
run; rc=$?
check "delta source unchanged: exit 0, index byte-identical" [ $rc -eq 0 ] && [ "$(sum "$idx")" = "$sumd" ]

# 19b. one update per index at a time; --state puts the state elsewhere
config "$work/c.ini" ok
if command -v flock >/dev/null; then
  flock "$idx.state/lock" "$VIGIL" update --config "$work/c.ini" --index "$idx" >/dev/null 2>"$work/err"; rc=$?
  check "concurrent update: exit 1" [ $rc -eq 1 ]
  check "concurrent update: says why" grep -q "another update of this index is running" "$work/err"
fi
"$VIGIL" update --config "$work/c.ini" --index "$work/other.idx" --state "$work/elsewhere" >/dev/null 2>&1; rc=$?
check "--state: exit 0, state kept there" [ $rc -eq 0 ] && [ -f "$work/elsewhere/people/state" ] && [ ! -e "$work/other.idx.state" ]

# 20. usage errors and a bad configuration
"$VIGIL" update --index "$idx" >/dev/null 2>&1; rc=$?
check "missing --config: exit 2" [ $rc -eq 2 ]
printf '[source x]\nformat = ftm-json\nurl = file:///etc/passwd\n' > "$work/bad.ini"
"$VIGIL" update --config "$work/bad.ini" --index "$idx" >/dev/null 2>"$work/err"; rc=$?
check "bad configuration: exit 3 with file and line" [ $rc -eq 3 ] && grep -q "bad.ini:3" "$work/err"

# 21. realism: every shared list served over loopback, updated into one index
if [ -d "$SHARED/data/lists" ]; then
  L=$SHARED/data/lists
  kill "$srv_pid" 2>/dev/null; wait "$srv_pid" 2>/dev/null
  start_server "$L"
  cat > "$work/all.ini" <<EOF
[update]
retries = 0
[source ofac-sdn]
format = ofac-csv
url = $base/ok/ofac-sdn-2021-07/sdn.csv
url = $base/ok/ofac-sdn-2021-07/add.csv
url = $base/ok/ofac-sdn-2021-07/alt.csv
url = $base/ok/ofac-sdn-2021-07/sdn_comments.csv
[source un-sc]
format = un-xml
url = $base/ok/un-sc-consolidated-2026-02-27.xml
[source ofac-cons]
format = ofac-csv
url = $base/ok/ofac-consolidated-2025-12/cons_prim.csv
url = $base/ok/ofac-consolidated-2025-12/cons_add.csv
url = $base/ok/ofac-consolidated-2025-12/cons_alt.csv
url = $base/ok/ofac-consolidated-2025-12/cons_comments.csv
[source us-csl]
format = csl-csv
url = $base/ok/us-csl-2019-12.csv
[source us-dpl]
format = dpl-tsv
url = $base/ok/us-bis-dpl-2022-09.txt
[source us-congress]
format = senzing-json
url = $base/ok/opensanctions-us-congress-2026-01.senzing.jsonl
[source zala]
format = ftm-json
url = $base/ok/ftm/zala.ftm.jsonl
[source parteispenden]
format = ftm-json
url = $base/ok/ftm/parteispenden.ftm.jsonl
EOF
  "$VIGIL" update --config "$work/all.ini" --index "$work/all.idx" >"$work/out" 2>"$work/err"; rc=$?
  check "shared lists: exit 0" [ $rc -eq 0 ] || cat "$work/err"
  "$VIGIL" build -o "$work/direct.idx" "$L/ofac-sdn-2021-07" "$L/un-sc-consolidated-2026-02-27.xml" \
    "$L/ofac-consolidated-2025-12" "$L/us-csl-2019-12.csv" "$L/us-bis-dpl-2022-09.txt" \
    "$L/opensanctions-us-congress-2026-01.senzing.jsonl" "$L/ftm/zala.ftm.jsonl" \
    "$L/ftm/parteispenden.ftm.jsonl" >/dev/null 2>&1
  check "shared lists: same entity count as vigil build" [ "$(entities "$work/all.idx")" = "$(entities "$work/direct.idx")" ]
  check "shared lists: diff against vigil build is empty" [ "$("$VIGIL" diff --json "$work/direct.idx" "$work/all.idx")" = '{"added": [], "removed": [], "changed": []}' ]
  suma=$(sum "$work/all.idx")
  "$VIGIL" update --config "$work/all.ini" --index "$work/all.idx" >/dev/null 2>&1; rc=$?
  check "shared lists, second run: exit 0, byte-identical" [ $rc -eq 0 ] && [ "$(sum "$work/all.idx")" = "$suma" ]
else
  echo "skipped: no ../shared (shared-list part)"
  skipped=1
fi

echo "$passes passed, $fails failed"
[ $fails -eq 0 ] || exit 1
# 77: CTest reports the test as skipped, since part of it could not run
[ -z "${skipped:-}" ] || exit 77
