#!/usr/bin/env bash
# demo.sh BUILD SHARED - what `make demo` shows a newcomer:
#   1. an index of the example dataset (facts from one news report) and, when
#      SHARED/data/lists exists, an index of every real list there;
#   2. screening a handful of names (examples/demo-names.txt) against both;
#   3. scanning the news report (SHARED/seed/article-2025-02-06.txt, or
#      examples/demo-text.txt without SHARED) for listed parties: who is
#      mentioned, why flagged, and the link path to the sanctioned agency;
#      then the same text against the real lists, where nobody is listed;
#   4. the analyst's memory: screening a customer file into a case store
#      (examples/demo-customers.csv), deciding one alert a false positive,
#      and screening again: the alert is suppressed, and the audit trail
#      holds all of it.
set -euo pipefail
build=${1:-build}
shared=${2:-../shared}
here=$(cd "$(dirname "$0")" && pwd)
vigil="$build/vigil"
[ -x "$vigil" ] || { echo "demo: $vigil not found; run make build first" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vigil-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

rule() { printf '\n%s\n%s\n' "$1" "$(printf '%*s' "${#1}" '' | tr ' ' '=')"; }

rule "1. Building the indexes"
"$vigil" build -o "$tmp/example.idx" "$here/rossotrudnichestvo.ftm.jsonl" 2>&1 | sed 's/^/  /'
lists=()
if [ -d "$shared/data/lists" ]; then
  L="$shared/data/lists"
  for f in "$L/ofac-sdn-2021-07" "$L/ofac-consolidated-2025-12" "$L/un-sc-consolidated-2026-02-27.xml" \
           "$L"/ftm/*.ftm.jsonl "$L/opensanctions-us-congress-2026-01.senzing.jsonl" \
           "$L/us-csl-2019-12.csv" "$L/us-bis-dpl-2022-09.txt"; do
    [ -e "$f" ] && lists+=("$f")
  done
fi
if [ ${#lists[@]} -gt 0 ]; then
  "$vigil" build -o "$tmp/lists.idx" "${lists[@]}" 2>"$tmp/build.log"
  echo "  real lists: $("$vigil" info --json "$tmp/lists.idx" | python3 -c '
import json,sys; d=json.load(sys.stdin)
print("%d entities from %s" % (d["entities"], ", ".join(s["name"] for s in d["sources"])))')"
else
  echo "  (no $shared/data/lists: the real-lists part of the demo is skipped)"
fi

rule "2. Screening names (vigil match)"
echo "  Each name is compared with every listed name (any script, spelling, typo)."
echo "  A result at or above the threshold is an alert."
screen() { # INDEX LABEL
  local idx=$1 label=$2
  echo
  echo "  against $label:"
  grep -v '^#' "$here/demo-names.txt" | grep -v '^[[:space:]]*$' | while IFS= read -r name; do
    "$vigil" match -x "$idx" --limit 1 --json "$name" >"$tmp/m.json" || { echo "    $name: error"; continue; }
    id=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(r[0]["id"] if r and r[0]["match"] else "")' "$tmp/m.json")
    if [ -n "$id" ]; then "$vigil" entity -x "$idx" "$id" >"$tmp/e.json"; else echo '{}' >"$tmp/e.json"; fi
    python3 - "$name" "$tmp/m.json" "$tmp/e.json" <<'EOF'
import json, sys
name, m, e = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
res = m["results"]
if not res or not res[0]["match"]:
    best = (" (closest: %s, %.2f)" % (res[0]["caption"], res[0]["score"])) if res else ""
    print("    %-22s  no alert%s" % (name, best))
    sys.exit(0)
r = res[0]
ex = r.get("explanation", {})
print("    %-22s  ALERT %.2f  %s (%s, %s)" % (name, r["score"], r["caption"], r["schema"], r["id"]))
if ex.get("matched_name"):
    print("    %-22s        matched the listed name \"%s\"" % ("", ex["matched_name"]))
for s in e.get("properties", {}).get("sanctions", []):
    p = s.get("properties", s)
    first = lambda k: (p.get(k) or [None])[0] if isinstance(p.get(k), list) else p.get(k)
    bits = [first("authority") or "authority not stated"]
    if first("program"): bits.append(first("program"))
    date = first("startDate") or first("start_date")
    if date: bits.append("since " + date)
    print("    %-22s        sanctioned: %s" % ("", ", ".join(bits)))
if "role.pep" in r.get("topics", []):
    print("    %-22s        politically exposed person" % "")
EOF
  done
}
screen "$tmp/example.idx" "the example dataset"
[ -f "$tmp/lists.idx" ] && screen "$tmp/lists.idx" "the real lists"

article="$shared/seed/article-2025-02-06.txt"
[ -f "$article" ] || article="$here/demo-text.txt"
rule "3. Scanning the news report (vigil scan)"
echo "  $article"
echo "  Every mention of a listed party, with why it is flagged and how it is"
echo "  linked to other listed parties (--links 1):"
echo
"$vigil" scan -x "$tmp/example.idx" --format text "$article" | sed 's/^/  /'
if [ -f "$tmp/lists.idx" ]; then
  echo
  echo "  The same report against the real lists (none of its parties is on them,"
  echo "  and ordinary words that are parts of listed names must not alert):"
  "$vigil" scan -x "$tmp/lists.idx" --format text "$article" | sed 's/^/  /'
fi
echo
echo "JSON for programs: vigil scan -x INDEX --json FILE; vigil match -x INDEX --json NAME;"
echo "vigil entity -x INDEX --links 2 ex-russian-house-baku shows a party's neighbourhood."

rule "4. The analyst's memory (vigil screen --cases, vigil cases)"
echo "  Screening the customer file into a case store (a SQLite file here; a"
echo "  PostgreSQL connection string works the same):"
"$vigil" screen -x "$tmp/example.idx" --cases "$tmp/cases.db" --actor nightly-batch \
  --jsonl "$here/demo-customers.csv" >/dev/null 2>"$tmp/run1"
sed 's/^vigil screen: /  /' "$tmp/run1"
echo
echo "  The review queue (vigil cases list):"
"$vigil" cases list --db "$tmp/cases.db" 2>/dev/null | sed 's/^/  /'
alert=$("$vigil" cases list --db "$tmp/cases.db" --subject C-1001 --json |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["alerts"][0]["id"])')
echo
echo "  The analyst opens alert $alert: customer C-1001 was born in 1994; the listed"
echo "  Evgeny Primakov heads the agency.  A false positive:"
"$vigil" cases decide --db "$tmp/cases.db" "$alert" --analyst demo-analyst \
  --verdict false-positive --reason "a namesake: born 1994, a student, not the agency's head" |
  sed 's/^/  /'
echo
echo "  The next night, the same file again: the decision holds, the alert is"
echo "  suppressed (it comes back only if the customer's record or the listed"
echo "  entity changes):"
"$vigil" screen -x "$tmp/example.idx" --cases "$tmp/cases.db" --actor nightly-batch \
  --jsonl "$here/demo-customers.csv" >/dev/null 2>"$tmp/run2"
sed 's/^vigil screen: /  /' "$tmp/run2"
"$vigil" cases list --db "$tmp/cases.db" --state all 2>/dev/null | sed 's/^/  /'
echo
echo "  Every step is in a hash-chained audit trail (vigil audit verify|export):"
"$vigil" audit verify --db "$tmp/cases.db" | sed 's/^/  /'
