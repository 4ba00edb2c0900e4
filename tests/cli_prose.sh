#!/usr/bin/env bash
# cli_prose.sh - the false-alert prose (tests/prose) and its scorer
# (bench/scan_prose.py), without ../shared.
#
# Checks that every text is named LANG-NN-NAME.txt and listed in the README's
# table with a licence and a source, that TRUE is well formed and each of its
# surfaces occurs in the text it names; and, on prose written here and the
# example index, that an alert counts as false unless TRUE names its text (or
# *), its surface and its id, and that false alerts per 10,000 words are
# counted per language.
#
# With ../shared, sentences of the kinds of false alert the prose showed,
# written here, raise no alert against the real lists, and listed parties
# in sentences beside them are still found.
#
# usage: cli_prose.sh VIGIL FIXTURES SHARED BUILD
set -u
vigil=$1 shared=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_prose.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fail=1; }

# --- the prose as committed --------------------------------------------------
if python3 - "$root" <<'PY'
import os, re, sys
d = os.path.join(sys.argv[1], "tests", "prose")
errs = []
names = sorted(f[:-4] for f in os.listdir(d) if f.endswith(".txt"))
rows = {}
for line in open(os.path.join(d, "README.md"), encoding="utf-8"):
    f = [x.strip() for x in line.strip().strip("|").split("|")]
    if line.startswith("|") and len(f) == 4 and f[0] not in ("text", "---"):
        rows[f[0]] = f
for n in names:
    if not re.match(r"^[a-z]{2}-\d\d-[a-z0-9-]+$", n):
        errs.append("%s: not LANG-NN-NAME" % n)
    r = rows.get(n)
    if not r:
        errs.append("%s: not in README.md's table" % n)
    elif r[1] != n[:2] or r[2] not in ("UN", "US-PD", "CC-BY-SA", "CC-BY") or not r[3]:
        errs.append("%s: README row wants language %s, a licence and a source: %r" % (n, n[:2], r))
errs += ["README.md lists %s, which is no text" % n for n in sorted(set(rows) - set(names))]
for i, line in enumerate(open(os.path.join(d, "TRUE"), encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        continue
    f = line.split("\t")
    if len(f) != 3 or not f[1] or not f[2]:
        errs.append("TRUE:%d: not TEXT<TAB>SURFACE<TAB>ID" % i)
        continue
    texts = names if f[0] == "*" else [f[0]]
    if f[0] != "*" and f[0] not in names:
        errs.append("TRUE:%d: no text %s" % (i, f[0]))
    elif not any(f[1] in open(os.path.join(d, t + ".txt"), encoding="utf-8").read() for t in texts):
        errs.append("TRUE:%d: %r occurs in no text it names" % (i, f[1]))
for e in errs:
    print(e)
sys.exit(1 if errs else 0)
PY
then ok "every text listed with language, licence and source; TRUE well formed"
else bad "the prose (tests/prose) is not consistent"; fi

# --- the scorer on prose written here ----------------------------------------
"$vigil" build -o "$tmp/ex.idx" "$root/examples/rossotrudnichestvo.ftm.jsonl" 2>"$tmp/build.err" \
  || { cat "$tmp/build.err"; echo "FAIL - building the example index"; exit 1; }
p=$tmp/prose; mkdir "$p"
s='The agency Rossotrudnichestvo runs cultural centres abroad; its head spoke today.'
printf '%s\n' "$s" >"$p/en-01-judged.txt"
printf '%s\n' "$s" >"$p/en-02-unjudged.txt"
printf '%s\n' "$s" >"$p/fr-01-star.txt"
printf '%s\n' "$s" >"$p/es-01-other-id.txt"
printf '# test\nen-01-judged\tRossotrudnichestvo\tex-rossotrudnichestvo\n*\tRossotrudnichestvo\tex-nobody\nfr-01-star\tRossotrudnichestvo\tex-rossotrudnichestvo\n' >"$p/TRUE"
python3 "$root/bench/scan_prose.py" "$vigil" "$tmp/ex.idx" "$p" >"$tmp/out" 2>&1; rc=$?
row() { awk -v l="$1" '$1 == l {print $2, $3, $4, $5, $6, $7}' "$tmp/out"; }
# 11 words a text; en: one judged, one not; es: TRUE's * line has another id
if [ $rc -eq 0 ] && [ "$(row en)" = "2 22 2 1 1 454.55" ] && [ "$(row fr)" = "1 11 1 1 0 0.00" ] \
   && [ "$(row es)" = "1 11 1 0 1 909.09" ] && [ "$(row total)" = "4 44 4 2 2 454.55" ] \
   && grep -q "FALSE en-02-unjudged: 'Rossotrudnichestvo' -> ex-rossotrudnichestvo" "$tmp/out"; then
  ok "an alert is true only where TRUE names its text, surface and id; rates per language"
else cat "$tmp/out"; bad "scan_prose.py counts ($rc)"; fi
printf 'en-01-judged\tRossotrudnichestvo\n' >"$p/TRUE"
if ! python3 "$root/bench/scan_prose.py" "$vigil" "$tmp/ex.idx" "$p" >"$tmp/out" 2>&1 \
   && grep -q "TRUE:1: want TEXT<TAB>SURFACE<TAB>ID" "$tmp/out"; then
  ok "a malformed TRUE line is refused with its line number"
else cat "$tmp/out"; bad "a malformed TRUE line"; fi

# --- the kinds of false alert, against the real lists -------------------------
if [ -z "$shared" ] || [ ! -d "$shared/data/lists" ]; then
  echo "skipped: no ../shared (sentences against the real lists)"
  exit $fail
fi
. "$root/bench/all_lists.sh"
all_lists_index "$vigil" "$shared" "$tmp/all.idx" "$tmp/build.err" \
  || { cat "$tmp/build.err"; bad "building the real-lists index"; exit 1; }
# one sentence a line: TEXT<TAB>the ids it must report, space-separated (none: no alert)
cat >"$tmp/kinds.tsv" <<'TSV'
The 2030 Agenda for Sustainable Development was adopted by world leaders.	
On behalf of the Alliance of Small Island Developing States, the delegate spoke.	
وقال إن الشركة تبيع منتجاتها حول العالم منذ سنوات.	
قال المحقق الخاص بحادث تحطم الطائرة إن التحقيق مستمر.	
قال محمد الأمين إنه وصل من القاهرة، ثم تحدث الأمين العام للأمم المتحدة.	ofac-25140
وأصيب الطفل أحمد محمد في الحادث.	
قام مكتب الأمم المتحدة بتوزيع المساعدات.	
قالت أمينة محمد، نائبة الأمين العام، إن الخطة ممكنة.	
David Hale, Under Secretary of State for Political Affairs, spoke.	
Команда заняла третье место во Второй лиге (Группа «Б»).	
She was born in Buenos Aires and grew up in the province of Buenos Aires.	
Treasury designated Bank Melli Iran on Tuesday.	ofac-25578
أعلنت حركة حماس رفضها للمقترح.	ofac-4695
L'État islamique en Afrique de l'Ouest a attaqué Maiduguri.	ofac-23845
The Islamic State in West Africa attacked Maiduguri.	ofac-23845
Der Islamische Staat wächst. Der IS kontrolliert Gebiete.	ofac-8759 ofac-8759
Les sanctions contre l’EIIL (Daech) et Al-Qaida.	ofac-8759 ofac-8759 ofac-6366
TSV
python3 - "$vigil" "$tmp/all.idx" "$tmp/kinds.tsv" "$tmp" <<'PY'
import json, subprocess, sys
vigil, idx, tsv, tmp = sys.argv[1:]
bad = 0
for n, line in enumerate(open(tsv, encoding="utf-8"), 1):
    text, _, want = line.rstrip("\n").partition("\t")
    path = "%s/s%d.txt" % (tmp, n)
    open(path, "w", encoding="utf-8").write(text + "\n")
    out = subprocess.run([vigil, "scan", "-x", idx, "--links", "0", "--json", path],
                         capture_output=True, check=True).stdout
    got = sorted(m["result"]["id"] for m in json.loads(out)["mentions"])
    if got != sorted(want.split()):
        print("  %r: got %s, want %s" % (text, got, want.split()))
        bad = 1
sys.exit(bad)
PY
if [ $? -eq 0 ]; then ok "kinds of false alert raise none on the real lists; listed parties beside them and in the kinds of missed mention found"
else bad "sentences against the real lists"; fi
exit $fail
