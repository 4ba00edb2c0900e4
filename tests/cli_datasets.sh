#!/usr/bin/env bash
# cli_datasets.sh - dataset names: /catalog names the official lists as
# OpenSanctions does (us_ofac_sdn, un_sc_sanctions ...) and FtM files by
# their stem as a slug; include_dataset / exclude_dataset, /match/{dataset}
# and `vigil match --dataset` take the former names ("ofac-sdn") too and
# select the same entities.  A real `vigil serve` over loopback on the
# shared lists.
#
# usage: cli_datasets.sh VIGIL FIXTURES SHARED BUILD_DIR
set -u
VIGIL=$1 FIX=$2 SHARED=$3 BUILD=$4
L="$SHARED/data/lists"
if [ ! -d "$L/ofac-sdn-2021-07" ] || [ ! -f "$L/real/uk-sanctions-list-2026-08-14-excerpt.xml" ]; then
	echo "skipped: no ../shared"
	exit 77
fi
T=$(mktemp -d "$BUILD/cli_datasets.XXXXXX")
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

cp "$FIX/cases/v1/un-sc.ftm.jsonl" "$T/un-sc.ftm.jsonl"
"$VIGIL" build -q -o "$T/all.idx" "$L/ofac-sdn-2021-07" "$L/ofac-consolidated-2025-12" \
	"$L/un-sc-consolidated-2026-02-27.xml" "$L/real/eu-fsf-2026-08-05-excerpt.xml" \
	"$L/real/uk-sanctions-list-2026-08-14-excerpt.xml" "$L/real/uk-ofsi-conlist-2018-04-13.csv" \
	"$L/us-csl-2019-12.csv" "$L/us-bis-dpl-2022-09.txt" "$L/ftm/zala.ftm.jsonl" \
	"$T/un-sc.ftm.jsonl" 2>"$T/build.err" || fail "build: $(cat "$T/build.err")"

# the CLI filter: old and new name, the same results
m() { "$VIGIL" match -x "$T/all.idx" --limit 50 --threshold 0.5 --json "$@" |
	python3 -c 'import json,sys; print(sorted(r["id"] for r in json.load(sys.stdin)["results"]))'; }
new=$(m --dataset us_ofac_sdn "Mohammad Ali") || fail "match --dataset us_ofac_sdn"
old=$(m --dataset ofac-sdn "Mohammad Ali") || fail "match --dataset ofac-sdn"
all=$(m "Mohammad Ali") || fail "match"
[ "$new" = "$old" ] || fail "match --dataset: ofac-sdn $old, us_ofac_sdn $new"
[ "$new" != "[]" ] && [ "$new" != "$all" ] || fail "match --dataset selects nothing or everything: $new"

"$VIGIL" serve -x "$T/all.idx" --listen 127.0.0.1:0 -t 2 >"$T/serve.out" 2>"$T/serve.err" &
PID=$!
python3 - "$T/serve.out" "$PID" <<'PY' || fail "server checks"
import json, os, re, sys, time, urllib.parse, urllib.request
out, pid = sys.argv[1], int(sys.argv[2])
port = None
for _ in range(600):  # poll for the "listening" line, whatever the machine's speed
    m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", open(out).read())
    if m:
        port = int(m.group(1))
        break
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("the server exited")
    time.sleep(0.05)
if not port:
    sys.exit("the server did not start")
base = "http://127.0.0.1:%d" % port

def get(path):
    with urllib.request.urlopen(base + path) as r:
        return json.load(r)

def match(path, name, schema="Person"):
    body = json.dumps({"queries": {"q": {"schema": schema, "properties": {"name": [name]}}}}).encode()
    req = urllib.request.Request(base + path, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        res = json.load(r)["responses"]["q"]["results"]
    return sorted(x["id"] for x in res), res

names = [d["name"] for d in get("/catalog")["datasets"]]
want = ["us_ofac_sdn", "us_ofac_cons", "un_sc_sanctions", "eu_fsf", "gb_fcdo_sanctions",
        "gb_hmt_sanctions", "us_trade_csl", "us_bis_denied", "zala", "un_sc", "default"]
assert sorted(names) == sorted(want), names
for n in names:
    assert re.fullmatch(r"[a-z0-9_]+", n), n

q = "/match/default?limit=100&threshold=0.5&cutoff=0.3"
everything, res = match(q, "Mohammad Ali")
assert any("us_ofac_sdn" not in r["datasets"] for r in res), "a test name found in other lists"
new, res = match(q + "&include_dataset=us_ofac_sdn", "Mohammad Ali")
old, _ = match(q + "&include_dataset=ofac-sdn", "Mohammad Ali")
assert new and new == old, (new, old)
assert all("us_ofac_sdn" in r["datasets"] for r in res), res
ex_new, _ = match(q + "&exclude_dataset=us_ofac_sdn", "Mohammad Ali")
ex_old, _ = match(q + "&exclude_dataset=ofac-sdn", "Mohammad Ali")
assert ex_new == ex_old and not set(ex_new) & set(new), (ex_new, ex_old)
# the path's dataset, old and new
p_new, _ = match("/match/us_ofac_sdn?limit=100&threshold=0.5&cutoff=0.3", "Mohammad Ali")
p_old, _ = match("/match/ofac-sdn?limit=100&threshold=0.5&cutoff=0.3", "Mohammad Ali")
assert p_new == p_old == new, (p_new, p_old)
# every official list by its old name too, through /search
for old_name, new_name in [("ofac-cons", "us_ofac_cons"), ("un-sc", "un_sc_sanctions"),
                           ("eu-fsf", "eu_fsf"), ("uk-fcdo", "gb_fcdo_sanctions"),
                           ("uk-ofsi", "gb_hmt_sanctions"), ("us-csl", "us_trade_csl"),
                           ("us-dpl", "us_bis_denied")]:
    a = get("/search/default?limit=500&include_dataset=" + new_name)
    b = get("/search/default?limit=500&include_dataset=" + old_name)
    ia = sorted(r["id"] for r in a["results"])
    ib = sorted(r["id"] for r in b["results"])
    assert ia and ia == ib, (old_name, len(ia), len(ib))
    assert all(new_name in r["datasets"] for r in a["results"]), new_name
    c = get("/search/default?limit=500&datasets=" + old_name)
    assert sorted(r["id"] for r in c["results"]) == ia, (old_name, "datasets=")
# the FtM file un-sc.ftm.jsonl is un_sc; its stem as typed still selects it,
# as it selects the UN list that vigil called un-sc before (both were "un-sc")
a = get("/search/un_sc?limit=500")
b = get("/search/un-sc?limit=500")
assert a["results"] and all("un_sc" in r["datasets"] for r in a["results"]), a["results"]
ib = set(r["id"] for r in b["results"])
assert set(r["id"] for r in a["results"]) <= ib
assert set(d for r in b["results"] for d in r["datasets"]) == {"un_sc", "un_sc_sanctions"}
PY
echo "ok"
