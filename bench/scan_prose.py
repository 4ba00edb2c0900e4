#!/usr/bin/env python3
"""scan_prose.py - false alerts of `vigil scan` on prose that names no listed party.

usage: scan_prose.py VIGIL INDEX PROSE_DIR [--quiet]

Scans every PROSE_DIR/LANG-NN-NAME.txt (tests/prose: public-domain and
freely licensed pages on towns, companies, sport, politics and UN business)
with VIGIL against INDEX.  Every alert is false unless PROSE_DIR/TRUE says a
reader judged it a true mention of a listed party (lines
TEXT<TAB>SURFACE<TAB>ID, TEXT a text's name or *).  Prints, per language
and in total, texts, words, alerts, true mentions, false alerts and false
alerts per 10,000 words (words counted as scan_corpus.py counts them), then
every alert with its context so that it can be judged.

The target (issue 13) is <= 2 false alerts per 10,000 words per language.
"""
import json
import os
import subprocess
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scan_corpus import NOSPACE_LANGS, TARGET_FA, byte_to_char, words  # noqa: E402


def read_true(path):
    """Judged true mentions: {(text or '*', surface): set of ids}."""
    true = defaultdict(set)
    if not os.path.exists(path):
        return true
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            sys.exit("%s:%d: want TEXT<TAB>SURFACE<TAB>ID" % (path, n))
        true[(parts[0], parts[1])].add(parts[2])
    return true


def scan(vigil, index, path):
    out = subprocess.run([vigil, "scan", "-x", index, "--links", "0", "--json", path],
                         capture_output=True, check=True).stdout
    return json.loads(out)["mentions"]


def main():
    args = sys.argv[1:]
    quiet = "--quiet" in args
    if quiet:
        args.remove("--quiet")
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    vigil, index, folder = args
    true = read_true(os.path.join(folder, "TRUE"))
    tally = defaultdict(lambda: [0, 0, 0, 0])  # lang: texts, words, true, false
    lines = []
    for fname in sorted(f for f in os.listdir(folder) if f.endswith(".txt")):
        name, lang = fname[:-4], fname.split("-")[0]
        path = os.path.join(folder, fname)
        text = open(path, encoding="utf-8").read()
        b2c = byte_to_char(text)
        t = tally[lang]
        t[0] += 1
        t[1] += words(text, lang in NOSPACE_LANGS)
        for m in scan(vigil, index, path):
            a, b = b2c[m["start"]], b2c[m["end"]]
            surf, r = text[a:b], m["result"]
            ids = true.get((name, surf), set()) | true.get(("*", surf), set())
            ok = r["id"] in ids
            t[2 if ok else 3] += 1
            ctx = (text[max(0, a - 50):a] + "[[" + surf + "]]" + text[b:b + 40]).replace("\n", " ")
            lines.append("  %s %s: %r -> %s %s (%s) | %s" % (
                "true " if ok else "FALSE", name, surf, r["id"], r["caption"],
                r["explanation"].get("rule", ""), ctx))
    head = "%-8s %5s %7s %6s %5s %6s %8s" % ("language", "texts", "words", "alerts", "true",
                                            "false", "FA/10kw")
    print(head)
    total = [0, 0, 0, 0]
    for lang in sorted(tally):
        t = tally[lang]
        total = [x + y for x, y in zip(total, t)]
        print("%-8s %5d %7d %6d %5d %6d %8.2f" % (lang, t[0], t[1], t[2] + t[3], t[2], t[3],
                                                  1e4 * t[3] / max(t[1], 1)))
    print("%-8s %5d %7d %6d %5d %6d %8.2f" % ("total", total[0], total[1], total[2] + total[3],
                                              total[2], total[3], 1e4 * total[3] / max(total[1], 1)))
    print("target: <= %.1f false alerts per 10,000 words per language" % TARGET_FA)
    if not quiet:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
