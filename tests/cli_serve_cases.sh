#!/usr/bin/env bash
# cli_serve_cases.sh - `vigil serve --cases DB --analyst-keys FILE`: the /cases
# API over loopback (keys mapped to analysts, filters and paging, one alert
# with its entity, 409 for a decision on a stale version, four eyes), then
# the review queue of the page in headless Chromium (tests/browser/
# drive_cases.py): decide a false positive, re-screen, see it suppressed;
# change the birth date, see it re-opened; lose a race to another analyst.
# Screenshots go to BUILD_DIR/test-output/serve-cases/.
#
# usage: cli_serve_cases.sh VIGIL FIXTURES SHARED BUILD_DIR
set -u
VIGIL=$1 FIX=$2/cases BUILD=$4
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$BUILD/test-output/serve-cases
rm -rf "$OUT"
mkdir -p "$OUT"
fail() { echo "FAIL: $*"; exit 1; }
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null' EXIT

command -v chromium >/dev/null 2>&1 || fail "chromium is not installed; run 'make deps'"
"$VIGIL" build -q -o "$OUT/v1.idx" "$FIX/v1/un-sc.ftm.jsonl" || fail "build"
"$VIGIL" screen -x "$OUT/v1.idx" --cases "$OUT/cases.db" --jsonl "$FIX/subjects.csv" >/dev/null 2>&1 || fail "screen --cases"
cat >"$OUT/keys" <<'EOF'
# analysts of the test: NAME KEY
alice alice-0123456789abcdef
bob   bob-0123456789abcdef00
EOF
ALICE="Authorization: Bearer alice-0123456789abcdef"
BOB="Authorization: Bearer bob-0123456789abcdef00"

# the options: --cases needs keys, a bad key file names its line
"$VIGIL" serve -x "$OUT/v1.idx" --cases "$OUT/cases.db" 2>/dev/null; [ $? = 2 ] || fail "--cases without keys"
printf 'carol short\n' >"$OUT/bad-keys"
"$VIGIL" serve -x "$OUT/v1.idx" --cases "$OUT/cases.db" --analyst-keys "$OUT/bad-keys" 2>"$OUT/err"; R=$?
[ $R = 3 ] && grep -q "bad-keys:1:" "$OUT/err" || fail "a short key: $R $(cat "$OUT/err")"

# start_server [OPTIONS]: sets PID and BASE
start_server() {
	"$VIGIL" serve -x "$OUT/v1.idx" --cases "$OUT/cases.db" --analyst-keys "$OUT/keys" \
		--listen 127.0.0.1:0 "$@" >"$OUT/server.out" 2>"$OUT/server.err" &
	PID=$!
	BASE=
	for _ in $(seq 600); do
		BASE=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)$/\1/p' "$OUT/server.out")
		[ -n "$BASE" ] && break
		sleep 0.1
	done
	[ -n "$BASE" ] || { cat "$OUT/server.err"; fail "the server did not start"; }
}
start_server --api-key api-0123456789abcdef

code() { curl -s -o "$OUT/body" -w '%{http_code}' "$@"; }
[ "$(code "$BASE/cases")" = 401 ] || fail "/cases without a key"
[ "$(code -H "Authorization: Bearer api-0123456789abcdef" "$BASE/cases")" = 401 ] || fail "/cases with the API key: analysts only"
[ "$(code -H "$ALICE" "$BASE/catalog")" = 200 ] || fail "an analyst key opens the API"
[ "$(code -H "$ALICE" "$BASE/cases?limit=2")" = 200 ] || fail "/cases: $(cat "$OUT/body")"
python3 - "$OUT/body" <<'PY' || fail "/cases page 1: $(cat "$OUT/body")"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["analyst"] == "alice" and j["total"] == 3 and len(j["alerts"]) == 2 and j["next_after"] == 2, j
PY
[ "$(code -H "$ALICE" "$BASE/cases?after=2&limit=2")" = 200 ] || fail "/cases page 2"
python3 -c 'import json,sys; j = json.load(open(sys.argv[1])); assert [a["id"] for a in j["alerts"]] == [3] and j["next_after"] is None, j' "$OUT/body" ||
	fail "/cases page 2: $(cat "$OUT/body")"
[ "$(code -H "$ALICE" "$BASE/cases?min_score=2")" = 400 ] || fail "bad min_score"
[ "$(code -H "$ALICE" "$BASE/cases?state=nope")" = 400 ] || fail "bad state"
[ "$(code -H "$ALICE" "$BASE/cases/3")" = 200 ] || fail "/cases/3"
python3 - "$OUT/body" <<'PY' || fail "/cases/3: $(cat "$OUT/body")"
import json, sys
j = json.load(open(sys.argv[1]))
a = j["alert"]
assert a["subject"] == "C-003" and a["result"]["id"] == "un-CDe.002" and a["history"][0]["kind"] == "new", a
assert j["entity"]["id"] == "un-CDe.002" and j["entity"]["caption"] == "BUTEMBO AIRLINES (BAL)", j["entity"]
PY
[ "$(code -H "$ALICE" "$BASE/cases/999")" = 404 ] || fail "/cases/999"
[ "$(code -X POST -H "$ALICE" -d '{"verdict": "maybe", "reason": "x"}' "$BASE/cases/3/decision")" = 400 ] || fail "bad verdict"
[ "$(code -X POST -H "$ALICE" -d '[1' "$BASE/cases/3/decision")" = 400 ] || fail "bad JSON"
# the same version decided twice: the second is a conflict, and bob's analyst
# name comes from his key, whatever the body says
[ "$(code -X POST -H "$BOB" -d '{"verdict": "escalate", "reason": "ask compliance", "version": 1, "analyst": "alice"}' \
	"$BASE/cases/3/decision")" = 200 ] || fail "decision: $(cat "$OUT/body")"
python3 -c 'import json,sys; d = json.load(open(sys.argv[1]))["alert"]["decision"]; assert d["analyst"] == "bob" and d["verdict"] == "escalate", d' "$OUT/body" ||
	fail "decision recorded: $(cat "$OUT/body")"
[ "$(code -X POST -H "$ALICE" -d '{"verdict": "false_positive", "reason": "no", "version": 1}' "$BASE/cases/3/decision")" = 409 ] ||
	fail "a stale decision: $(cat "$OUT/body")"
grep -q "changed since version 1" "$OUT/body" || fail "409 body: $(cat "$OUT/body")"
# four eyes
"$VIGIL" cases policy --db "$OUT/cases.db" --four-eyes on --analyst lead >/dev/null || fail "policy"
[ "$(code -X POST -H "$ALICE" -d '{"verdict": "false_positive", "reason": "another airline", "version": 2}' "$BASE/cases/3/decision")" = 200 ] ||
	fail "fp: $(cat "$OUT/body")"
[ "$(code -X POST -H "$ALICE" -d '{"version": 3}' "$BASE/cases/3/approval")" = 400 ] || fail "self-approval"
[ "$(code -X POST -H "$BOB" -d '{"version": 3}' "$BASE/cases/3/approval")" = 200 ] || fail "approval: $(cat "$OUT/body")"
"$VIGIL" cases policy --db "$OUT/cases.db" --four-eyes off --analyst lead >/dev/null || fail "policy off"
[ "$(code -H "$ALICE" "$BASE/cases/runs")" = 200 ] || fail "/cases/runs"
"$VIGIL" audit verify --db "$OUT/cases.db" >/dev/null || fail "audit after the API"

# the page, on a server without an API key (with one, the page asks for it
# in a prompt before the analyst signs in)
kill $PID
wait $PID 2>/dev/null
start_server
timeout 180 python3 "$HERE/browser/drive_cases.py" "$BASE" "$OUT" alice-0123456789abcdef \
	"$VIGIL" "$OUT/v1.idx" "$OUT/cases.db" "$FIX/subjects.csv" || exit 1
"$VIGIL" audit verify --db "$OUT/cases.db" || fail "audit after the page"
echo "review queue checks passed; screenshots in $OUT"
