#!/usr/bin/env bash
# cli_corpus.sh - the real-text scan corpus (tests/corpus) and its scorer
# (bench/scan_corpus.py), without ../shared.
#
# Checks that every text has a well-formed annotation whose surfaces occur in
# it, that the held-out lists name existing texts and are disjoint, that the
# README's table lists every text in its part; and, on a corpus of six texts
# written here and the example index, that the scorer, whatever its
# arguments, prints every held-out group and "all texts" as their totals only
# (their languages with --sealed-by-language), never prints a held-out text's
# misses or false alerts (--details all is refused), scans each sealed set
# (HELDOUT10, HELDOUT13) only when named (--sealed HELDOUT10) and leaves it
# out of "all texts", prints the two sealed sets together when both are
# named, leaves a set it is told to skip unscanned, never scans the texts of
# a list file HELDOUT* it does not know (a set sealed after the script was
# copied, or a stale list of an opened set) nor counts them as development
# texts, scores and details an opened set's texts (HELDOUT12, its list
# removed) as development texts, refuses a text held out twice, and finds
# names between ideographs in a language written without spaces.
#
# usage: cli_corpus.sh VIGIL FIXTURES SHARED BUILD
set -u
vigil=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_corpus.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fail=1; }

# --- the corpus as committed ------------------------------------------------
if python3 - "$root" <<'EOF'
import os, re, sys
root = sys.argv[1]
sys.path.insert(0, os.path.join(root, "bench"))
import scan_corpus as sc
d = os.path.join(root, "tests", "corpus")
errs = []
txt = {f[:-4] for f in os.listdir(d) if f.endswith(".txt")}
ann = {f[:-4] for f in os.listdir(d) if f.endswith(".ann")}
errs += ["%s.txt has no .ann" % n for n in sorted(txt - ann)]
errs += ["%s.ann has no .txt" % n for n in sorted(ann - txt)]
for n in sorted(txt & ann):
    path = os.path.join(d, n + ".ann")
    for i, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if line.startswith("#") or not line.strip():
            continue
        f = line.split("\t")
        if len(f) != 3 or f[0] not in ("L", "U") or not f[1] \
                or (f[0] == "U" and f[2] not in ("person", "org")) \
                or (f[0] == "L" and not all(re.match(r"^([A-Za-z]+-\S+|Q\d+|[0-9a-f]{40})$", x) for x in f[2].split("|"))):
            errs.append("%s:%d: not KIND<TAB>SURFACE<TAB>IDS|TYPE: %r" % (path, i, line))
    meta, anns = sc.parse_ann(path)
    for key in ("source", "licence", "lang"):
        if key not in meta:
            errs.append("%s: no '# %s:' header" % (path, key))
    text = open(os.path.join(d, n + ".txt"), encoding="utf-8").read()
    if not 500 <= len(text) <= 4000:
        errs.append("%s.txt: %d characters, not 500 to 4,000" % (n, len(text)))
    nospace = meta.get("lang") in sc.NOSPACE_LANGS
    for kind, surf, ids, nth in anns:
        occ = sc.occurrences(text, surf, nospace)
        if not occ or nth > len(occ):
            errs.append("%s: %r%s does not occur in the text" % (path, surf, "@%d" % nth if nth else ""))
for fname, _ in sc.HELD_LISTS:
    errs += ["%s names no text %s" % (fname, n) for n in sorted(sc.read_list(d, fname) - txt)]
parts, perrs = sc.read_parts(d)
errs += perrs
table = {}
for line in open(os.path.join(d, "README.md"), encoding="utf-8"):
    m = re.match(r"^\| ([a-z]{2}-\d\d-[\w-]+) \| \w+ \| [\w-]+ \| ([\w -]+) \|$", line)
    if m:
        table[m.group(1)] = m.group(2)
for n in sorted(txt):
    want = parts.get(n, "dev")
    if table.get(n) != want:
        errs.append("README.md: %s listed as %r, its part is %r" % (n, table.get(n), want))
for e in errs:
    print("  " + e)
sys.exit(1 if errs else 0)
EOF
then ok "every text annotated, every surface found, held-out lists and README agree"
else bad "the corpus (tests/corpus) is not consistent"; fi

# --- the scorer on a corpus written here ------------------------------------
"$vigil" build -o "$tmp/ex.idx" "$root/examples/rossotrudnichestvo.ftm.jsonl" 2>"$tmp/build.err" \
  || { cat "$tmp/build.err"; echo "FAIL - building the example index"; exit 1; }
c=$tmp/corpus; mkdir "$c"
ann() { printf '# source: -\n# licence: test\n# lang: %s\n' "$1"; }
for n in en-01-dev en-02-held en-03-held2 en-04-held3 en-05-held10 en-06-held en-08-held13 fr-09-held13; do
  printf 'The agency Rossotrudnichestvo runs cultural centres abroad; its head spoke today.\n' >"$c/$n.txt"
done
{ ann en; printf 'L\tRossotrudnichestvo\tex-rossotrudnichestvo\n'; } >"$c/en-01-dev.ann"
{ ann en; printf 'L\tRossotrudnichestvo\tex-rossotrudnichestvo\n'; } >"$c/en-02-held.ann"
# a wrong id: a miss and a false alert that must not be printed
for n in en-03-held2 en-04-held3 en-05-held10 en-06-held fr-09-held13; do
  { ann en; printf 'L\tRossotrudnichestvo\tex-nobody\n'; } >"$c/$n.ann"
done
printf '# test\nen-02-held\nen-06-held\n' >"$c/HELDOUT"
printf '# test\nen-03-held2\n' >"$c/HELDOUT2"
printf '# test\nen-04-held3\n' >"$c/HELDOUT3"
printf '# test\nen-05-held10\n' >"$c/HELDOUT10"
{ ann en; printf 'L\tRossotrudnichestvo\tex-rossotrudnichestvo\n'; } >"$c/en-08-held13.ann"
sed -i 's/^# lang: en/# lang: fr/' "$c/fr-09-held13.ann"
printf '# test\nen-08-held13\nfr-09-held13\n' >"$c/HELDOUT13"
sc() { python3 "$root/bench/scan_corpus.py" "$vigil" "$tmp/ex.idx" "$c" "$@"; }
section() { awk -v s="-- $1 texts" '$0 == s {on = 1; next} /^-- / {on = 0} on && $1 == "total" {print $2, $4}' "$2"; }
rows() { awk -v s="-- $1 texts" '$0 == s {on = 1; next} /^-- / {on = 0} on && $1 == "en"' "$2" | wc -l; }
langrow() { awk -v s="-- $1 texts" -v l="$2" '$0 == s {on = 1; next} /^-- / {on = 0} on && $1 == l {print $2, $4}' "$3"; }
# run as it is, with no option: the seal holds without bench_scan_corpus.sh's help
sc >"$tmp/out" 2>&1; rc=$?
if [ $rc -eq 0 ] && [ "$(section dev "$tmp/out")" = "1 1/1" ] && [ "$(section held-out "$tmp/out")" = "2 1/2" ] \
   && [ "$(section 'held-out 2' "$tmp/out")" = "1 0/1" ] && [ "$(section 'held-out 3' "$tmp/out")" = "1 0/1" ] \
   && [ "$(section all "$tmp/out")" = "3 2/3" ]; then
  ok "held-out, held-out 2 and 3 are groups of their own, only the first among all texts"
else bad "groups (rc=$rc): $(cat "$tmp/out")"; fi
if [ "$(rows dev "$tmp/out")$(rows held-out "$tmp/out")$(rows 'held-out 2' "$tmp/out")$(rows 'held-out 3' "$tmp/out")$(rows all "$tmp/out")" = "10000" ]
then ok "every held-out group and all texts print their total only"
else bad "a held-out group printed by language: $(cat "$tmp/out")"; fi
if grep -qx -- "-- held-out 10 texts: not scanned (sealed: only --sealed HELDOUT10 scans it)" "$tmp/out" \
   && grep -qx -- "-- held-out 13 texts: not scanned (sealed: only --sealed HELDOUT13 scans it)" "$tmp/out" \
   && [ -z "$(section 'held-out 10' "$tmp/out")$(section 'held-out 13' "$tmp/out")" ] \
   && ! grep -q -- "-- held-out 10 and 13" "$tmp/out"
then ok "the sealed sets are not scanned unless named"
else bad "the sealed set was scanned unasked: $(cat "$tmp/out")"; fi
if grep -q "held[0-9]*:" "$tmp/out"; then bad "a held-out text's details printed: $(cat "$tmp/out")"
else ok "no held-out text's details printed"; fi
sc --details all >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "held-out texts are never detailed" "$tmp/out" && ! grep -q "held[0-9]*:" "$tmp/out" \
  && ok "--details all is refused" || bad "--details all (rc=$rc): $(cat "$tmp/out")"
# HELDOUT12 was opened: it is no list the script knows, so it cannot be named
sc --sealed HELDOUT12 >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "HELDOUT12 is no held-out list" "$tmp/out" \
  && ok "--sealed names a held-out list" || bad "--sealed HELDOUT12 (rc=$rc): $(cat "$tmp/out")"
# named: its total only; its languages with --sealed-by-language (the lead's final measurement)
sc --sealed HELDOUT10 >"$tmp/out" 2>&1; rc=$?
if [ $rc -eq 0 ] && [ "$(section 'held-out 10' "$tmp/out")" = "1 0/1" ] && [ "$(rows 'held-out 10' "$tmp/out")" = 0 ] \
   && [ "$(section all "$tmp/out")" = "3 2/3" ] && ! grep -q "held[0-9]*:" "$tmp/out" \
   && grep -qx -- "-- held-out 13 texts: not scanned (sealed: only --sealed HELDOUT13 scans it)" "$tmp/out" \
   && ! grep -q -- "-- held-out 10 and 13" "$tmp/out"
then ok "--sealed HELDOUT10 scans that sealed set only, prints its total only, leaves it out of all texts"
else bad "--sealed HELDOUT10 (rc=$rc): $(cat "$tmp/out")"; fi
sc --sealed HELDOUT13 >"$tmp/out" 2>&1; rc=$?
if [ $rc -eq 0 ] && [ "$(section 'held-out 13' "$tmp/out")" = "2 1/2" ] && [ "$(rows 'held-out 13' "$tmp/out")" = 0 ] \
   && [ "$(section all "$tmp/out")" = "3 2/3" ] && ! grep -q "held[0-9]*:" "$tmp/out" \
   && grep -qx -- "-- held-out 10 texts: not scanned (sealed: only --sealed HELDOUT10 scans it)" "$tmp/out"
then ok "--sealed HELDOUT13 scans that sealed set only, prints its total only, leaves it out of all texts"
else bad "--sealed HELDOUT13 (rc=$rc): $(cat "$tmp/out")"; fi
sc --sealed HELDOUT10 --sealed HELDOUT13 --sealed-by-language >"$tmp/out2" 2>&1
if [ "$(rows held-out "$tmp/out2")$(rows 'held-out 2' "$tmp/out2")$(rows 'held-out 3' "$tmp/out2")$(rows 'held-out 10' "$tmp/out2")$(rows 'held-out 13' "$tmp/out2")$(rows 'held-out 10 and 13' "$tmp/out2")$(rows all "$tmp/out2")" = "1111111" ] \
   && ! grep -q "held[0-9]*:" "$tmp/out2"
then ok "--sealed-by-language adds the held-out groups' languages, never their details"
else bad "sealed rows: $(cat "$tmp/out2")"; fi
# the two sealed sets, each and together, totals and languages
if [ "$(section 'held-out 10' "$tmp/out2")|$(section 'held-out 13' "$tmp/out2")|$(section 'held-out 10 and 13' "$tmp/out2")" = "1 0/1|2 1/2|3 1/3" ] \
   && [ "$(langrow 'held-out 13' en "$tmp/out2")|$(langrow 'held-out 13' fr "$tmp/out2")" = "1 1/1|1 0/1" ] \
   && [ "$(langrow 'held-out 10 and 13' en "$tmp/out2")|$(langrow 'held-out 10 and 13' fr "$tmp/out2")" = "2 1/2|1 0/1" ] \
   && [ "$(section all "$tmp/out2")" = "3 2/3" ]
then ok "SEALED_BY_LANGUAGE: HELDOUT10 and HELDOUT13 each and together, totals and languages"
else bad "the two sealed sets: $(cat "$tmp/out2")"; fi
sc --sealed HELDOUT10 --sealed HELDOUT13 >"$tmp/out2" 2>&1
if [ "$(section 'held-out 10 and 13' "$tmp/out2")" = "3 1/3" ] && [ "$(rows 'held-out 10 and 13' "$tmp/out2")" = 0 ]
then ok "the sealed sets together: their total only without --sealed-by-language"
else bad "the sealed sets together: $(cat "$tmp/out2")"; fi
# --skip LIST: the set stays unscanned and its group unprinted, the others as before
sc --details none --sealed HELDOUT10 --sealed HELDOUT13 --skip HELDOUT3 >"$tmp/out3" 2>&1; rc=$?
if [ $rc -eq 0 ] && grep -qx -- "-- held-out 3 texts: not scanned (--skip)" "$tmp/out3" \
   && [ -z "$(section 'held-out 3' "$tmp/out3")" ] && [ "$(section 'held-out 10' "$tmp/out3")" = "1 0/1" ]; then
  ok "--skip HELDOUT3 leaves that set unscanned and the others scored"
else bad "--skip HELDOUT3 (rc=$rc): $(cat "$tmp/out3")"; fi
# a list file HELDOUT* the script does not know: its texts are sealed, never
# development texts (a stale copy of the script must not scan a newer set)
printf 'The agency Rossotrudnichestvo runs cultural centres abroad; its head spoke today.\n' >"$c/en-07-held14.txt"
{ ann en; printf 'L\tRossotrudnichestvo\tex-nobody\n'; } >"$c/en-07-held14.ann"
printf '# test\nen-07-held14\n' >"$c/HELDOUT14"
unknown_ok=1
for args in "--details dev" "--parts dev" "--sealed HELDOUT10 --sealed HELDOUT13 --sealed-by-language"; do
  sc $args >"$tmp/out4" 2>&1; rc=$?
  if [ $rc -ne 0 ] || ! grep -q -- "^-- HELDOUT14 texts: not scanned (sealed: a held-out list" "$tmp/out4" \
     || [ "$(section dev "$tmp/out4")" != "1 1/1" ] || grep -q "held14" "$tmp/out4"; then
    unknown_ok=0; bad "an unknown list's text scanned or counted ($args, rc=$rc): $(cat "$tmp/out4")"
  fi
done
[ $unknown_ok = 1 ] && ok "a list file HELDOUT14 the script does not know is sealed: never scanned, never development"
# an opened set (HELDOUT12, measured at the thirteenth session's end and opened in the fourteenth): while
# a stale list file names its text, the text is sealed like any unknown list's;
# once the file is removed, the text is a development text, scored and detailed
# (a wrong id: its miss and false alert are printed)
printf 'The agency Rossotrudnichestvo runs cultural centres abroad; its head spoke today.\n' >"$c/en-10-opened12.txt"
{ ann en; printf 'L\tRossotrudnichestvo\tex-nobody\n'; } >"$c/en-10-opened12.ann"
printf '# test\nen-10-opened12\n' >"$c/HELDOUT12"
sc --details dev >"$tmp/out4" 2>&1; rc=$?
if [ $rc -eq 0 ] && grep -q -- "^-- HELDOUT12 texts: not scanned (sealed: a held-out list" "$tmp/out4" \
   && [ "$(section dev "$tmp/out4")" = "1 1/1" ] && ! grep -q "opened12" "$tmp/out4"
then ok "a stale list file of an opened set (HELDOUT12) keeps its text unscanned"
else bad "a stale HELDOUT12 (rc=$rc): $(cat "$tmp/out4")"; fi
rm -f "$c/HELDOUT12"
sc --details dev >"$tmp/out4" 2>&1; rc=$?
if [ $rc -eq 0 ] && [ "$(section dev "$tmp/out4")" = "2 1/2" ] && ! grep -q -- "-- HELDOUT12" "$tmp/out4" \
   && grep -q "missed .*en-10-opened12: 'Rossotrudnichestvo' ex-nobody" "$tmp/out4" \
   && grep -q "false alert .*en-10-opened12: 'Rossotrudnichestvo' -> ex-rossotrudnichestvo" "$tmp/out4"
then ok "an opened set's text (HELDOUT12 removed) is a development text, scored and detailed"
else bad "an opened set's text (rc=$rc): $(cat "$tmp/out4")"; fi
rm -f "$c/en-10-opened12.txt" "$c/en-10-opened12.ann"
# held_twice LIST TEXT OTHER: TEXT, already in OTHER, added to LIST is refused; LIST restored
held_twice() {
  cp "$c/$1" "$tmp/$1.ok"
  printf '%s\n' "$2" >>"$c/$1"
  sc --details none >"$tmp/out" 2>&1; rc=$?
  [ $rc -eq 2 ] && grep -q "$2: in both $3 and $1" "$tmp/out" \
    && ok "a text in both $3 and $1 is refused" || bad "held out twice (rc=$rc): $(cat "$tmp/out")"
  cp "$tmp/$1.ok" "$c/$1"
}
held_twice HELDOUT3 en-03-held2 HELDOUT2
held_twice HELDOUT10 en-04-held3 HELDOUT3
held_twice HELDOUT13 en-05-held10 HELDOUT10
held_twice HELDOUT14 en-03-held2 HELDOUT2
rm -f "$c/HELDOUT14" "$c/en-07-held14.txt" "$c/en-07-held14.ann"
printf 'en-03-held2\n' >>"$c/HELDOUT"
sc --details none >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "en-03-held2: in both HELDOUT and HELDOUT2" "$tmp/out" \
  && ok "a text in both held-out lists is refused" || bad "held out twice (rc=$rc): $(cat "$tmp/out")"
if python3 - "$root" <<'EOF'
import os, sys
sys.path.insert(0, os.path.join(sys.argv[1], "bench"))
import scan_corpus as sc
t = "阿富汗塔利班旗幟與Taliban"
assert sc.occurrences(t, "塔利班", True) == [(3, 6)], sc.occurrences(t, "塔利班", True)
assert sc.occurrences(t, "塔利班") == []
assert sc.occurrences(t, "Taliban", True) == [(9, 16)]
assert sc.words(t, True) == 10 and sc.words(t) == 1
EOF
then ok "names between ideographs found in a language written without spaces"
else bad "ideograph word boundaries"; fi

exit $fail
