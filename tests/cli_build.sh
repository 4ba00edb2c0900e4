#!/usr/bin/env bash
# cli_build.sh - `vigil build` and `vigil info` as a process: exit codes,
# atomic replacement, bad input leaving the old index intact, the
# screenable counts of the real lists, and the round trip from list records
# to what `vigil match` shows (needs ../shared; skipped without it).
# usage: cli_build.sh VIGIL FIXTURES SHARED BUILD
set -u
VIGIL=$1 FIX=$2 SHARED=$3 BUILD=$4
T=$(mktemp -d "$BUILD/cli_build.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$VIGIL" build -o "$T/a.idx" "$FIX/index/small.ftm.jsonl" 2>"$T/err" || fail "build of fixture: $(cat "$T/err")"
grep -q "5 entities" "$T/err" || fail "summary lacks entity count: $(cat "$T/err")"
grep -q "sanctions 2" "$T/err" || fail "summary lacks sanctions: $(cat "$T/err")"
"$VIGIL" info --json "$T/a.idx" >"$T/info.json" || fail "info"
python3 - "$T/info.json" <<'PY' || fail "info JSON"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["entities"] == 5, j
s = j["sources"][0]
assert s["format"] == "ftm-json" and s["entities"] == 5 and s["names"] >= 6, s
assert set(["name", "format", "path", "entities", "names", "as_of"]) <= set(s), s
PY

# bad input: exit 3, FILE:LINE, the old index untouched, no temporary left
cp "$T/a.idx" "$T/a.copy"
"$VIGIL" build -o "$T/a.idx" "$FIX/index/small.ftm.jsonl" "$FIX/index/bad.ftm.jsonl" 2>"$T/err"
[ $? -eq 3 ] || fail "bad input should exit 3"
grep -q "bad.ftm.jsonl:[0-9]" "$T/err" || fail "no FILE:LINE in: $(cat "$T/err")"
cmp -s "$T/a.idx" "$T/a.copy" || fail "a failed build changed the index"
[ -z "$(ls "$T" | grep '\.tmp\.')" ] || fail "temporary file left behind"
"$VIGIL" build -o "$T/b.idx" "$FIX/index/bad.ftm.jsonl" 2>/dev/null
[ $? -eq 3 ] && [ ! -e "$T/b.idx" ] || fail "bad input wrote an index"

# usage errors
"$VIGIL" build "$FIX/index/small.ftm.jsonl" 2>/dev/null; [ $? -eq 2 ] || fail "missing -o should exit 2"
"$VIGIL" build -o "$T/c.idx" --format nope "$FIX/index/small.ftm.jsonl" 2>/dev/null; [ $? -eq 2 ] || fail "bad --format should exit 2"
"$VIGIL" build -o "$T/c.idx" "$T/does-not-exist" 2>/dev/null; rc=$?; [ $rc -ne 0 ] || fail "missing input accepted"
# a damaged index is bad data
head -c 1000 "$T/a.idx" >"$T/trunc.idx"
"$VIGIL" info --json "$T/trunc.idx" 2>"$T/err"; [ $? -eq 3 ] || fail "truncated index should exit 3"
grep -q "INDEX" "$T/err" || fail "no INDEX in damage message"
# a changed byte inside a section opens (open checks structure, not every
# byte's checksum) and `info --verify` finds it: exit 3, the section named
python3 -c "
import struct, sys
p = sys.argv[1]; d = bytearray(open(p, 'rb').read())
for k in range(struct.unpack_from('<I', d, 12)[0]):
    tag, _, off, size, _ = struct.unpack_from('<IIQQQ', d, 64 + 32 * k)
    if tag == struct.unpack('<I', b'STRS')[0]:
        d[off + size - 2] ^= 1
open(sys.argv[2], 'wb').write(d)" "$T/a.idx" "$T/flip.idx" || fail "flip"
"$VIGIL" info "$T/flip.idx" >/dev/null 2>"$T/err" || fail "a changed string should open: $(cat "$T/err")"
"$VIGIL" info --verify "$T/a.idx" >/dev/null 2>"$T/err" || fail "info --verify of a good index: $(cat "$T/err")"
"$VIGIL" info --verify "$T/flip.idx" >/dev/null 2>"$T/err"; [ $? -eq 3 ] || fail "info --verify of a changed byte should exit 3"
grep -q "flip.idx: INDEX: strings section checksum mismatch" "$T/err" || fail "verify message: $(cat "$T/err")"

# reading streams: an EU file of the full export's size (25 MB, the
# fixture's real records repeated under new ids) builds in bounded memory
python3 "$(dirname "$0")/repeat_eu.py" "$FIX/sources/eu-fsf.xml" "$T/eu25.xml" 25 || fail "repeat_eu.py"
/usr/bin/time -f "%e %M" -o "$T/time" "$VIGIL" build -q -o "$T/eu25.idx" "$T/eu25.xml" || fail "25 MB EU build"
read -r secs kb <"$T/time"
echo "25 MB EU file: built in $secs s, peak $((kb / 1024)) MB"
# (under AddressSanitizer every allocation carries shadow memory: no limit)
if ! ldd "$VIGIL" 2>/dev/null | grep -q libasan; then
	[ "$kb" -lt 204800 ] || fail "building a 25 MB EU file took $((kb / 1024)) MB (limit 200)"
fi
rm -f "$T/eu25.xml" "$T/eu25.idx"
# ... and the bytes of an FtM file do not stay in memory once read: 96 MB
# (two entities between blank lines) built in 43-45 MB, 111 MB when the
# encoding's detection, the checksum and the parser kept every page mapped
python3 -c "
import sys
with open(sys.argv[1], 'w') as f:
    f.write('{\"id\": \"pad-1\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Ivan Petrov\"]}}\n')
    f.write(((' ' * 1023 + '\n') * 1024) * 96)
    f.write('{\"id\": \"pad-2\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Maria Sidorova\"]}}\n')
" "$T/pad.ftm.jsonl" || fail "pad.ftm.jsonl"
/usr/bin/time -f "%e %M" -o "$T/time" "$VIGIL" build -q -o "$T/pad.idx" "$T/pad.ftm.jsonl" || fail "96 MB FtM build"
read -r secs kb <"$T/time"
echo "96 MB FtM file of two entities: built in $secs s, peak $((kb / 1024)) MB"
[ "$("$VIGIL" info --json "$T/pad.idx" | python3 -c 'import json,sys; print(json.load(sys.stdin)["entities"])')" = 2 ] ||
	fail "the padded FtM file did not give its two entities"
if ! ldd "$VIGIL" 2>/dev/null | grep -q libasan; then
	[ "$kb" -lt 81920 ] || fail "building a 96 MB FtM file of two entities took $((kb / 1024)) MB (limit 80)"
fi
rm -f "$T/pad.ftm.jsonl" "$T/pad.idx"

if [ ! -d "$SHARED/data/lists" ]; then
	echo "skipped: no ../shared ($SHARED)"
	exit 77
fi
L=$SHARED/data/lists
count() { "$VIGIL" build -q -o "$T/s.idx" "$@" || fail "build $*"; "$VIGIL" info --json "$T/s.idx" | python3 -c 'import json,sys; print(json.load(sys.stdin)["entities"])'; }
[ "$(count "$L/ofac-sdn-2021-07")" = 8976 ] || fail "OFAC SDN count"
[ "$(count "$L/ofac-consolidated-2025-12")" = 442 ] || fail "OFAC consolidated count"
[ "$(count "$L/un-sc-consolidated-2026-02-27.xml")" = 1003 ] || fail "UN count"
[ "$(count "$L/ftm/zala.ftm.jsonl")" = 17 ] || fail "zala count"
# 1,317 members; the two positions they hold are kept but are no parties
[ "$(count "$L/opensanctions-us-congress-2026-01.senzing.jsonl")" = 1317 ] || fail "US Congress count"

# the lists as they really are (data/lists/real): the UK Sanctions List
# excerpt holds four real designations and one without a UniqueID, skipped
# with a warning naming its line; every name of every designation, its
# identifiers and birth dates come back from `vigil match`
R=$L/real
"$VIGIL" build -o "$T/uksl.idx" "$R/uk-sanctions-list-2026-08-14-excerpt.xml" 2>"$T/err" || fail "UKSL build: $(cat "$T/err")"
grep -q "excerpt.xml:353: Designation without a UniqueID, skipped" "$T/err" || fail "UKSL skip warning: $(cat "$T/err")"
python3 - "$VIGIL" "$T/uksl.idx" "$R/uk-sanctions-list-2026-08-14-excerpt.xml" <<'PY' || fail "UKSL round trip"
import json, re, subprocess, sys, xml.etree.ElementTree as ET
vigil, idx, xmlf = sys.argv[1:4]
def norm(s): return re.sub(r"\s+", " ", s or "").strip().lower()
info = json.loads(subprocess.run([vigil, "info", "--json", idx], capture_output=True, text=True).stdout)
assert info["entities"] == 4 and info["sources"][0]["format"] == "uksl-xml", info
bad = 0
for d in ET.parse(xmlf).getroot().findall("Designation"):
    uid = (d.findtext("UniqueID") or "").strip()
    if not uid:
        continue
    names = [" ".join(p.strip() for p in (n.findtext("Name%d" % i) for i in range(1, 7)) if p and p.strip())
             for n in d.iter("Name")]
    names += [n.text for n in d.iter("NameNonLatinScript")]
    wants = names + [p.text for p in d.iter("PassportNumber")] + [p.text for p in d.iter("NationalIdentifierNumber")]
    wants += [x.text for x in d.iter("IMONumber")]
    out = subprocess.run([vigil, "match", "-x", idx, "--properties", "--limit", "20", "--json", names[0]],
                         capture_output=True, text=True)
    res = [r for r in json.loads(out.stdout)["results"] if r["id"] == "uksl-" + uid]
    if not res:
        print("not found:", uid, names[0]); bad += 1; continue
    values = " | ".join(norm(v) for vs in res[0]["properties"].values() for v in vs)
    for w in wants:
        if norm(w) not in values:
            print("missing in", uid, ":", w); bad += 1
    ent = json.loads(subprocess.run([vigil, "entity", "-x", idx, "uksl-" + uid], capture_output=True, text=True).stdout)
    if uid == "AFG0011":
        # "dd/mm/1968" is 1968; 12/11/1967, given twice, is there once
        assert sorted(ent["properties"]["birthDate"]) == ["1967-11-12", "1968"], ent["properties"]["birthDate"]
sys.exit(1 if bad else 0)
PY
# the EU excerpt: five real records
[ "$(count "$R/eu-fsf-2026-08-05-excerpt.xml")" = 5 ] || fail "EU excerpt count"
# the complete OFSI list of 2018 is Windows-1252: read, converted, and
# said so by `vigil info`; 2,106 groups
"$VIGIL" build -q -o "$T/ofsi.idx" "$R/uk-ofsi-conlist-2018-04-13.csv" || fail "OFSI 2018 build"
"$VIGIL" info --json "$T/ofsi.idx" | python3 -c '
import json, sys
s = json.load(sys.stdin)["sources"][0]
assert s["entities"] == 2106 and s["encoding"] == "windows-1252" and s["as_of"] == "2018-04-13", s' || fail "OFSI 2018 info"

# round trip: names, aliases, identifiers and dates of UN records are all
# in what `vigil match --properties` shows for the entity
"$VIGIL" build -q -o "$T/un.idx" "$L/un-sc-consolidated-2026-02-27.xml" || fail "UN build"
python3 - "$VIGIL" "$T/un.idx" "$L/un-sc-consolidated-2026-02-27.xml" <<'PY' || fail "UN round trip"
import json, subprocess, sys, re, xml.etree.ElementTree as ET
vigil, idx, xmlf = sys.argv[1:4]
def norm(s): return re.sub(r"\s+", " ", s or "").strip().lower()
root = ET.parse(xmlf).getroot()
people = root.find("INDIVIDUALS").findall("INDIVIDUAL")
bad = 0
for ind in people[::25]:
    ref = ind.findtext("REFERENCE_NUMBER").strip()
    parts = [ind.findtext(t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    name = " ".join(p.strip() for p in parts if p and p.strip())
    aliases = [a.findtext("ALIAS_NAME") for a in ind.findall("INDIVIDUAL_ALIAS") if (a.findtext("ALIAS_NAME") or "").strip()]
    docs = [d.findtext("NUMBER") for d in ind.findall("INDIVIDUAL_DOCUMENT") if (d.findtext("NUMBER") or "").strip()]
    dates = [d.findtext("DATE") for d in ind.findall("INDIVIDUAL_DATE_OF_BIRTH") if d.findtext("DATE")]
    out = subprocess.run([vigil, "match", "-x", idx, "--properties", "--limit", "20", "--json", name],
                         capture_output=True, text=True)
    res = [r for r in json.loads(out.stdout)["results"] if r["id"] == "un-" + ref]
    if not res:
        print("not found:", ref, name); bad += 1; continue
    values = " | ".join(norm(v) for vs in res[0]["properties"].values() for v in vs)
    for want in [name] + aliases + docs + [d[:10] for d in dates]:
        if norm(want) not in values:
            print("missing in", ref, ":", want); bad += 1
sys.exit(1 if bad else 0)
PY
# and OFAC: the primary name and every alias of a sample of SDN rows
"$VIGIL" build -q -o "$T/ofac.idx" "$L/ofac-sdn-2021-07" || fail "OFAC build"
python3 - "$VIGIL" "$T/ofac.idx" "$L/ofac-sdn-2021-07" <<'PY' || fail "OFAC round trip"
import csv, json, re, subprocess, sys
vigil, idx, folder = sys.argv[1:4]
def norm(s): return re.sub(r"\s+", " ", s or "").strip().lower()
def clean(v): v = (v or "").strip(); return "" if v == "-0-" else v
sdn = [r for r in csv.reader(open(folder + "/sdn.csv", encoding="latin-1")) if len(r) > 3]
alts = {}
for r in csv.reader(open(folder + "/alt.csv", encoding="latin-1")):
    if len(r) > 3 and clean(r[3]):
        alts.setdefault(r[0], []).append(clean(r[3]))
bad = 0
for r in sdn[::150]:
    ent, name = r[0], clean(r[1])
    out = subprocess.run([vigil, "match", "-x", idx, "--properties", "--limit", "20", "--json", name],
                         capture_output=True, text=True)
    res = [x for x in json.loads(out.stdout)["results"] if x["id"] == "ofac-" + ent]
    if not res:
        print("not found:", ent, name); bad += 1; continue
    values = " | ".join(norm(v) for vs in res[0]["properties"].values() for v in vs)
    for want in [name] + alts.get(ent, []):
        if norm(want) not in values:
            print("missing in", ent, ":", want); bad += 1
sys.exit(1 if bad else 0)
PY
# and every other list: a sample of records, each looked up by one of its
# names, must show all its names, identifiers and birth dates
"$VIGIL" build -q -o "$T/rest.idx" "$L/ofac-consolidated-2025-12" "$L/ftm/zala.ftm.jsonl" \
	"$L/opensanctions-us-congress-2026-01.senzing.jsonl" "$L/us-csl-2019-12.csv" \
	"$L/us-bis-dpl-2022-09.txt" || fail "build of the other lists"
python3 - "$VIGIL" "$T/rest.idx" "$L" <<'PY' || fail "round trip of the other lists"
import csv, json, re, subprocess, sys
vigil, idx, L = sys.argv[1:4]
def norm(s): return re.sub(r"\s+", " ", s or "").strip().lower()
def clean(v): v = (v or "").strip(); return "" if v == "-0-" else v
bad = 0
def check(label, query, wants, want_id=None):
    """Matches `query`; the result with want_id (or, without one, the first
    whose properties hold every wanted value) must hold all of `wants`."""
    global bad
    out = subprocess.run([vigil, "match", "-x", idx, "--properties", "--limit", "20", "--json", query],
                         capture_output=True, text=True)
    if out.returncode != 0:
        print(label, "match failed:", out.stderr.strip()); bad += 1; return
    best = None
    for r in json.loads(out.stdout)["results"]:
        values = " | ".join(norm(v) for vs in r.get("properties", {}).values() for v in vs)
        missing = [w for w in wants if norm(w) not in values]
        if want_id and r["id"] == want_id:
            best = missing; break
        if not want_id and (best is None or len(missing) < len(best)):
            best = missing
    if best is None:
        print(label, "not found:", query); bad += 1
    elif best:
        print(label, "missing:", best); bad += 1
# OFAC consolidated: primary name and aliases
cons = [r for r in csv.reader(open(L + "/ofac-consolidated-2025-12/cons_prim.csv", encoding="latin-1")) if len(r) > 3]
alts = {}
for r in csv.reader(open(L + "/ofac-consolidated-2025-12/cons_alt.csv", encoding="latin-1")):
    if len(r) > 3 and clean(r[3]):
        alts.setdefault(r[0], []).append(clean(r[3]))
for r in cons[::20]:
    check("ofac-cons", clean(r[1]), [clean(r[1])] + alts.get(r[0], []), "ofac-" + r[0])
# FollowTheMoney: every name, identifier and birth date of zala's parties
for line in open(L + "/ftm/zala.ftm.jsonl", encoding="utf-8"):
    e = json.loads(line)
    if e["schema"] not in ("Person", "Company", "Organization", "LegalEntity"):
        continue
    p = e["properties"]
    wants = p.get("name", []) + p.get("alias", []) + p.get("innCode", []) + p.get("ogrnCode", []) + p.get("birthDate", [])
    check("zala", p["name"][0], wants, e["id"])
# Senzing: names and birth dates of a sample of members of Congress
for i, line in enumerate(open(L + "/opensanctions-us-congress-2026-01.senzing.jsonl", encoding="utf-8")):
    if i % 60:
        continue
    e = json.loads(line)
    names = [n["NAME_FULL"] for n in e.get("NAMES", []) if n.get("NAME_FULL")]
    dobs = [d["DATE_OF_BIRTH"] for d in e.get("DATES", []) if d.get("DATE_OF_BIRTH")]
    check("senzing", names[0], names + dobs, e["RECORD_ID"])
# CSL: name and alternative names
for i, r in enumerate(csv.DictReader(open(L + "/us-csl-2019-12.csv", encoding="utf-8"))):
    if i % 10 == 0 and r["name"].strip():
        alt = [a.strip() for a in r["alt_names"].split(";") if a.strip()]
        check("csl", r["name"].strip(), [r["name"].strip()] + alt)
# DPL: the denied party's name and its city
for i, r in enumerate(csv.DictReader(open(L + "/us-bis-dpl-2022-09.txt", encoding="utf-8"), delimiter="\t")):
    if i % 40 == 0 and r["Name"].strip():
        check("dpl", r["Name"].strip(), [r["Name"].strip(), r["City"].strip()])
sys.exit(1 if bad else 0)
PY
echo ok
