#!/usr/bin/env python3
"""scan_corpus.py - `vigil scan` against the annotated real-text corpus.

usage: scan_corpus.py VIGIL INDEX CORPUS_DIR [--bench BENCH_SCAN]
                      [--details dev|none] [--parts dev|all] [--check]
                      [--sealed LIST]... [--sealed-by-language] [--skip LIST]...

Scans every CORPUS_DIR/NAME.txt with VIGIL against INDEX and scores it
against NAME.ann (format: tests/corpus/README.md):
  - recall of listed mentions (every annotated occurrence of a listed
    party) and of listed parties (a party counts as found in a text when
    one of its mentions is found);
  - false alerts: reported mentions that are no annotated listed mention of
    the reported party, per 10,000 words;
  - with --bench, MB/s of the scanner alone (BENCH_SCAN over each
    language's texts repeated to 2 MB, links off, CPU time);
for the development texts by language and, separately, for the held-out
texts listed in CORPUS_DIR/HELDOUT, CORPUS_DIR/HELDOUT2 and
CORPUS_DIR/HELDOUT3 (each gathered after the scanner was tuned on the parts
before it) and for the sealed sets, CORPUS_DIR/HELDOUT10 and HELDOUT13 when
there are such (each apart and, when both are scanned, the two together).
"all texts" are the development and the first held-out texts, as before
HELDOUT2 existed.

Whatever the arguments, held-out texts are for measuring, not for tuning:
  - details (each miss and false alert) are printed for the development
    texts only (--details dev, the default; --details none prints none);
  - every held-out group, and "all texts" (which holds the first held-out
    set: its languages less the development ones would be that set's), is
    printed as its total only, since a language with a few texts there
    would show those texts' results; --sealed-by-language, for the lead's
    final measurement only, adds their languages;
  - a sealed set (SEALED_LISTS: HELDOUT10, HELDOUT13) is neither scanned
    nor printed unless named with --sealed LIST: it stays unseen, even as
    totals, until a final measurement; with every sealed set named, their
    texts together are a group too ("held-out 10 and 13");
  - a list file named HELDOUT* that this script does not know (one made
    after this copy of it was taken) is a sealed set it cannot name: its
    texts are never scanned, never development texts, whatever is asked.
A text may be in one list only.  With --parts dev only the development
texts are scanned and reported (what tuning looks at).  --skip LIST (a
held-out list) leaves the texts that list names unscanned and their group
unprinted.  The speed per language (--bench) is printed apart, over the
development and first held-out texts.

With --check, exits 1 unless every language and the total, on all texts,
reach the targets (>= 95 % of listed parties, <= 2 false alerts per 10,000
words).
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict

TARGET_RECALL = 0.95
TARGET_FA = 2.0  # per 10,000 words (= 1 per 5,000)
NOSPACE_LANGS = ("zh", "ja")  # written without spaces between words


def words(text, nospace=False):
    """Runs of word characters; in a language written without spaces each
    ideograph counts as a word (Chinese words are 1 to 2 of them)."""
    if not nospace:
        return len(re.findall(r"\w+", text))
    return len(re.findall(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W\u3400-\u9fff\uf900-\ufaff]+", text))


def parse_ann(path):
    meta, anns = {}, []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#"):
            m = re.match(r"# (\w[\w-]*): (.*)", line)
            if m:
                meta[m.group(1)] = m.group(2)
            continue
        if not line.strip():
            continue
        kind, surf, ids = line.split("\t")
        nth = 0
        if "@" in surf:
            surf, n = surf.rsplit("@", 1)
            nth = int(n)
        anns.append((kind, surf.replace("\\n", "\n"), ids, nth))
    return meta, anns


def is_word(ch):
    return ch.isalnum() or ch in "\u0301\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"


def is_ideograph(ch):
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def boundary(text, k, edge, nospace=False):
    """Is text[k] (next to the surface character `edge`) outside the word?
    A footnote number glued to a name ("Ansar16") does not extend it.  In
    languages written without spaces (NOSPACE_LANGS) a word may end at any
    ideograph: one next to the surface, or the surface's own."""
    if k < 0 or k >= len(text) or not is_word(text[k]):
        return True
    if nospace and (is_ideograph(text[k]) or is_ideograph(edge)):
        return True
    return text[k].isdigit() and not edge.isdigit()


def occurrences(text, surf, nospace=False):
    out, i = [], text.find(surf)
    while i >= 0:
        j = i + len(surf)
        if boundary(text, i - 1, surf[0], nospace) and boundary(text, j, surf[-1], nospace):
            out.append((i, j))
        i = text.find(surf, i + 1)
    return out


def resolve(text, anns, nospace=False):
    """Annotated spans (char offsets) without overlaps: an N-th-occurrence
    selector first, then longer surfaces before shorter ones."""
    cands = []
    for kind, surf, ids, nth in anns:
        occ = occurrences(text, surf, nospace)
        if nth:
            occ = occ[nth - 1:nth]
        for a, b in occ:
            cands.append((0 if nth else 1, -(b - a), a, b, kind, ids))
    cands.sort()
    taken, spans = [False] * len(text), []
    for _, _, a, b, kind, ids in cands:
        if any(taken[a:b]):
            continue
        for k in range(a, b):
            taken[k] = True
        spans.append({"a": a, "b": b, "kind": kind, "ids": set(ids.split("|")) if kind == "L" else set(),
                      "type": ids, "hit": False})
    spans.sort(key=lambda s: s["a"])
    return spans


def scan(vigil, index, path):
    out = subprocess.run([vigil, "scan", "-x", index, "--links", "0", "--json", path],
                         capture_output=True, check=True).stdout
    return json.loads(out)["mentions"]


def byte_to_char(text):
    """Maps byte offsets of the UTF-8 text to character offsets."""
    m, pos = {}, 0
    for i, ch in enumerate(text):
        m[pos] = i
        pos += len(ch.encode("utf-8"))
    m[pos] = len(text)
    return m


def score_text(text, spans, mentions):
    b2c = byte_to_char(text)
    fas = []
    for m in mentions:
        a, b = b2c[m["start"]], b2c[m["end"]]
        r = m["result"]
        ids = {r["id"]} | set(r["explanation"].get("alternatives", []))
        over = [s for s in spans if s["a"] < b and a < s["b"]]
        good = [s for s in over if s["kind"] == "L" and s["ids"] & ids]
        if good:
            for s in good:
                s["hit"] = True
            continue
        if any(s["kind"] == "L" for s in over):
            why = "another listed party"
        elif over:
            why = "unlisted %s" % over[0]["type"]
        else:
            why = "ordinary words"
        fas.append((m["text"], r["id"], r["caption"], why))
    return fas


class Tally:
    def __init__(self):
        self.texts = self.words = self.bytes = 0
        self.mentions = self.found = 0
        self.parties = self.parties_found = 0
        self.fa = 0

    def add(self, other):
        for k, v in vars(other).items():
            setattr(self, k, getattr(self, k) + v)

    def row(self, label):
        rec = self.parties_found / self.parties if self.parties else 1.0
        mrec = self.found / self.mentions if self.mentions else 1.0
        fa10k = 1e4 * self.fa / self.words if self.words else 0.0
        return ("%-9s %5d %7d %6d/%-6d %5.1f%% %5d/%-5d %5.1f%% %4d %8.2f"
                % (label, self.texts, self.words, self.parties_found, self.parties, 100 * rec,
                   self.found, self.mentions, 100 * mrec, self.fa, fa10k))

    def meets(self):
        rec = self.parties_found / self.parties if self.parties else 1.0
        fa10k = 1e4 * self.fa / self.words if self.words else 0.0
        return rec >= TARGET_RECALL and fa10k <= TARGET_FA


# The held-out lists, each reported as a group of its own, by its total
# only; the texts of SEALED groups are not among "all texts"; those of
# SEALED_LISTS are scanned only when named (--sealed LIST).  (HELDOUT4 to
# HELDOUT8, sealed in the sixth to tenth sessions, were each opened in the
# next session; HELDOUT9, sealed in the eleventh, was opened in the same
# session after a stale copy of this script scanned it as development text;
# HELDOUT11, sealed in the twelfth while the tenth stayed sealed, was
# measured at its end and opened in the thirteenth, and HELDOUT12, sealed in
# the thirteenth, was measured at its end and opened in the fourteenth: their
# texts are development texts.  HELDOUT10 is the slot of the set sealed in
# the eleventh in the ninth's place, HELDOUT13 that of the set sealed in the
# fourteenth, while the tenth stays sealed.)  A group whose list file does not exist is
# not printed.  A list file named HELDOUT* that is none of these (a set
# sealed after this copy was taken) is sealed: see unknown_lists.
HELD_LISTS = (("HELDOUT", "held-out"), ("HELDOUT2", "held-out 2"), ("HELDOUT3", "held-out 3"),
              ("HELDOUT10", "held-out 10"), ("HELDOUT13", "held-out 13"))
SEALED = ("held-out 2", "held-out 3", "held-out 10", "held-out 13")
SEALED_LISTS = ("HELDOUT10", "HELDOUT13")
# The sealed sets together, a group of their own, printed when every one of
# them is scanned (named with --sealed) and has its list file.
SEALED_TOGETHER = "held-out 10 and 13"
# Groups printed as their total only (their languages with --sealed-by-language).
TOTALS_ONLY = tuple(g for _, g in HELD_LISTS) + (SEALED_TOGETHER, "all")


def read_list(corpus, name):
    """The text names a CORPUS_DIR list file (HELDOUT, HELDOUT2, ...) holds."""
    path = os.path.join(corpus, name)
    if not os.path.exists(path):
        return set()
    return {l.strip() for l in open(path) if l.strip() and not l.startswith("#")}


def unknown_lists(corpus):
    """The list files named HELDOUT* that HELD_LISTS does not name: sets
    sealed after this copy of the script was taken.  Their texts are never
    development texts: each list is a group of its own, never scanned."""
    known = {f for f, _ in HELD_LISTS}
    return sorted(f for f in os.listdir(corpus)
                  if f.startswith("HELDOUT") and f not in known
                  and os.path.isfile(os.path.join(corpus, f)))


def read_parts(corpus):
    """Each held-out text's group (an unknown list's file name is its
    group), or an error naming a text two lists hold."""
    part, errs = {}, []
    lists = list(HELD_LISTS) + [(f, f) for f in unknown_lists(corpus)]
    for fname, group in lists:
        for name in sorted(read_list(corpus, fname)):
            if name in part:
                errs.append("%s: in both %s and %s" % (
                    name, [f for f, g in lists if g == part[name]][0], fname))
            else:
                part[name] = group
    return part, errs


def bench_rates(bench, index, files_by_lang):
    rates = {}
    for lang, files in sorted(files_by_lang.items()):
        out = subprocess.run([bench, index] + files + ["--mb", "2"], capture_output=True,
                             text=True, check=True).stdout
        m = re.search(r"links depth 0: .* = ([\d.]+) MB/s", out)
        rates[lang] = float(m.group(1)) if m else None
    return rates


def take(args, flag, many=False):
    """Removes `flag VALUE` (every one with many) from args; its value(s)."""
    vals = []
    while flag in args:
        i = args.index(flag)
        if i + 1 >= len(args):
            raise ValueError("%s needs a value" % flag)
        vals.append(args[i + 1])
        del args[i:i + 2]
        if not many:
            break
    return vals if many else (vals[0] if vals else None)


def parse_args(argv):
    """The options as a dict, or a ValueError saying what is wrong."""
    args = list(argv)
    o = {"bench": take(args, "--bench"), "details": take(args, "--details") or "dev",
         "parts": take(args, "--parts") or "all", "skip": take(args, "--skip", True),
         "sealed": take(args, "--sealed", True)}
    for flag, key in (("--check", "check"), ("--sealed-by-language", "by_language")):
        o[key] = flag in args
        if o[key]:
            args.remove(flag)
    if o["details"] not in ("dev", "none"):
        raise ValueError("--details takes dev or none: held-out texts are never detailed")
    if o["parts"] not in ("dev", "all"):
        raise ValueError("--parts takes dev or all")
    names = [f for f, _ in HELD_LISTS]
    for f in o["skip"] + o["sealed"]:
        if f not in names:
            raise ValueError("%s is no held-out list (%s)" % (f, ", ".join(names)))
    if len(args) != 3:
        raise ValueError("VIGIL INDEX CORPUS_DIR expected, got %r" % args)
    o["vigil"], o["index"], o["corpus"] = args
    return o


def score_file(o, name, lang, text, path, anns, show):
    """One text's Tally; prints its misses and false alerts when show."""
    spans = resolve(text, anns, lang in NOSPACE_LANGS)
    fas = score_text(text, spans, scan(o["vigil"], o["index"], path))
    t = Tally()
    t.texts, t.bytes = 1, len(text.encode("utf-8"))
    t.words = words(text, lang in NOSPACE_LANGS)
    listed = [s for s in spans if s["kind"] == "L"]
    t.mentions, t.found = len(listed), sum(s["hit"] for s in listed)
    parties = defaultdict(bool)
    for s in listed:
        parties["|".join(sorted(s["ids"]))] |= s["hit"]
    t.parties, t.parties_found = len(parties), sum(parties.values())
    t.fa = len(fas)
    if show:
        for s in listed:
            if not s["hit"]:
                print("  missed       %s: %r %s" % (name, text[s["a"]:s["b"]], "|".join(sorted(s["ids"]))))
        for txt, rid, cap, why in fas:
            print("  false alert  %s: %r -> %s %s (%s)" % (name, txt, rid, cap, why))
    return t


def print_groups(o, groups, tallies, unscanned):
    """Prints each group's table; whether all texts meet the targets."""
    head = ("%-9s %5s %7s %13s %6s %11s %6s %4s %8s"
            % ("language", "texts", "words", "parties", "recall", "mentions", "recall",
               "FA", "FA/10kw"))
    ok = True
    langs = sorted({l for _, l in tallies})
    together = {g for f, g in HELD_LISTS if f in SEALED_LISTS}
    for part in groups:
        if part in unscanned:
            print("\n-- %s texts: not scanned (%s)" % (part, unscanned[part]))
            continue
        print("\n-- %s texts" % part)
        print(head)
        total = Tally()
        for lang in langs:
            t = Tally()
            for (p, l), v in tallies.items():
                if l == lang and (p == part or (part == "all" and p not in SEALED)
                                  or (part == SEALED_TOGETHER and p in together)):
                    t.add(v)
            if not t.texts:
                continue
            total.add(t)
            if part not in TOTALS_ONLY or o["by_language"]:
                print(t.row(lang))
            if part == "all" and not t.meets():
                ok = False
        print(total.row("total"))
        if part == "all" and not total.meets():
            ok = False
    return ok


def main():
    try:
        o = parse_args(sys.argv[1:])
    except ValueError as e:
        print("scan_corpus: %s\n%s" % (e, __doc__), file=sys.stderr)
        return 2
    corpus = o["corpus"]
    held, errs = read_parts(corpus)
    if errs:
        for e in errs:
            print("scan_corpus: " + e, file=sys.stderr)
        return 2
    unscanned = {g: "--skip" for f, g in HELD_LISTS if f in o["skip"]}
    for f, g in HELD_LISTS:
        if f in SEALED_LISTS and f not in o["sealed"] and g not in unscanned:
            unscanned[g] = "sealed: only --sealed %s scans it" % f
    unknown = unknown_lists(corpus)
    # The groups to print, from the list files present now, at the start: a
    # list removed during the run must not drop its group's figures.
    present = [(f, g) for f, g in HELD_LISTS if os.path.exists(os.path.join(corpus, f))]
    both = [g for f, g in present if f in SEALED_LISTS and g not in unscanned]
    groups = ("dev",) + tuple(unknown) if o["parts"] == "dev" else (
        ("dev",) + tuple(g for f, g in present)
        + ((SEALED_TOGETHER,) if len(both) == len(SEALED_LISTS) > 1 else ())
        + tuple(unknown) + ("all",))
    for f in unknown:
        unscanned[f] = ("sealed: a held-out list this copy of scan_corpus.py does not know; "
                        "its texts are no development texts")
    tallies = defaultdict(Tally)  # (part, lang)
    files_by_lang = defaultdict(list)  # dev and first held-out texts: the speed figures
    for name in sorted(f[:-4] for f in os.listdir(corpus) if f.endswith(".txt")):
        part = held.get(name, "dev")
        if part in unscanned or (o["parts"] == "dev" and part != "dev"):
            continue
        path = os.path.join(corpus, name + ".txt")
        text = open(path, encoding="utf-8").read()
        meta, anns = parse_ann(os.path.join(corpus, name + ".ann"))
        lang = meta.get("lang", name.split("-")[0])
        if part not in SEALED:
            files_by_lang[lang].append(path)
        tallies[(part, lang)].add(score_file(o, name, lang, text, path, anns,
                                             o["details"] == "dev" and part == "dev"))
    ok = print_groups(o, groups, tallies, unscanned)
    if o["bench"]:
        print("\n-- speed (development and first held-out texts): MB/s of the scanner alone")
        for lang, rate in bench_rates(o["bench"], o["index"], files_by_lang).items():
            print("%-9s %6s" % (lang, "%.1f" % rate if rate else "-"))
    if o["parts"] == "dev":
        return 0
    print("\ntargets on all texts, per language and in total: >= %.0f%% of listed parties, "
          "<= %.1f false alerts per 10,000 words: %s" % (100 * TARGET_RECALL, TARGET_FA,
                                                       "met" if ok else "NOT met"))
    return 1 if o["check"] and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
