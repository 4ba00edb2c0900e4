#!/usr/bin/env python3
"""Name-comparison quality by kind and by script.

Runs `vigil compare --pairs` over labelled pair files (columns name1, name2,
is_match, schema; case_group for the kind, script when given, else the
script is read from the names) and prints precision, recall and F1 at
vigil's default threshold (its `match` column) for every kind and every
script, then the whole.  A regression in one kind shows even when the
total does not move.

usage: names_report.py VIGIL FILE.csv ..."""
import collections, csv, io, subprocess, sys, unicodedata

def script_of(text):
    for ch in text:
        if ord(ch) > 0x24F and ch.isalpha():
            name = unicodedata.name(ch, "OTHER").split()[0]
            return {"CJK": "Han", "HIRAGANA": "Kana", "KATAKANA": "Kana"}.get(name, name.title())
    return "Latin"

def prf(rows):
    tp = sum(1 for p, y in rows if p and y)
    fp = sum(1 for p, y in rows if p and not y)
    fn = sum(1 for p, y in rows if not p and y)
    pr = tp / (tp + fp) if tp + fp else 1.0
    rc = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return pr, rc, f1

def table(title, groups):
    print(f"{title:26} {'n':>5} {'prec':>6} {'rec':>6} {'F1':>6}")
    for k in sorted(groups):
        pr, rc, f1 = prf(groups[k])
        print(f"  {k:24} {len(groups[k]):5} {pr:6.3f} {rc:6.3f} {f1:6.3f}")

def main():
    vigil, files = sys.argv[1], sys.argv[2:]
    by_kind, by_script, allrows = collections.defaultdict(list), collections.defaultdict(list), []
    for f in files:
        out = subprocess.run([vigil, "compare", "--pairs", f], capture_output=True, text=True, check=True).stdout
        for r in csv.DictReader(io.StringIO(out)):
            x = (r["match"] == "true", r["is_match"].strip().lower() == "true")
            kind = r.get("case_group") or "pairs"
            scr = r.get("script") or script_of(r["name1"] + " " + r["name2"])
            by_kind[kind].append(x)
            by_script[scr].append(x)
            allrows.append(x)
    table("kind", by_kind)
    table("script", by_script)
    pr, rc, f1 = prf(allrows)
    print(f"all: F1 {f1:.3f} precision {pr:.3f} recall {rc:.3f} on {len(allrows)} pairs")

main()
