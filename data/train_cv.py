#!/usr/bin/env python3
"""Fits the comparator's score constants by k-fold cross-validation.

usage: train_cv.py [--vigil build/vigil] [-k 5] [--threshold T] PAIRS.csv ...

The comparator's alignment (which part matched which, by which rule) is
fixed code; only the few constants that turn the alignment's features into
a score are fitted here: the weights of imperfect matches, conflicts and
extra parts, the legal-form conflict, and the threshold.  The features come
from `vigil compare --explain --pairs` (the `features` object of each
explanation), and score_of() below mirrors score_of() in
src/lib/compare/compare.c.

The figure to quote is the cross-validated F1: constants chosen on k-1
folds, F1 measured on the held-out fold, pooled over all folds.  The
constants fitted on all data are printed last, to be copied into
compare.c's default_params (and VG threshold) by hand."""
import argparse, csv, io, itertools, json, random, subprocess, sys

GRID = {
    "c_imperfect": [0.75, 1.0, 1.5],
    "c_conflict": [1.5, 2.0, 2.5, 3.0, 4.0],
    "c_extra_person": [0.15, 0.2, 0.3, 0.4],
    "c_extra_org": [0.5, 0.65, 0.8, 1.0],
    "legal_weight": [0.3, 0.6, 1.0],
}
THRESHOLDS = [round(0.6 + 0.02 * i, 2) for i in range(11)]
CAP_NUMBERS, CAP_WEAK = 0.5, 0.4

def score_of(f, p):
    m = (f["ma"] + f["mb"]) / 2
    pi = (f["pa"] + f["pb"]) / 2
    conflict = min(f["uca"], f["ucb"]) + f.get("sc", 0) + f.get("wc", 0) + (p["legal_weight"] if f["legal_conflict"] else 0)
    extra = max(0.0, abs(f["ua"] - f["ub"]) - f.get("scw", 0))
    ce = p["c_extra_org"] if f["org"] else p["c_extra_person"]
    s = m / (m + p["c_imperfect"] * pi + p["c_conflict"] * conflict + ce * extra) if m > 0 else 0
    if f["numbers_differ"]:
        s = min(s, CAP_NUMBERS)
    if not f["distinctive"] and not f["all_matched"]:
        s = min(s, CAP_WEAK)
    return max(0.0, min(1.0, s))

def f1(pairs, p, t):
    tp = fp = fn = 0
    for f, y in pairs:
        pred = score_of(f, p) >= t
        tp += pred and y
        fp += pred and not y
        fn += (not pred) and y
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

def fit(pairs):
    best = (-1, None, None)
    keys = list(GRID)
    for vals in itertools.product(*(GRID[k] for k in keys)):
        p = dict(zip(keys, vals))
        scores = [(score_of(f, p), y) for f, y in pairs]
        for t in THRESHOLDS:
            tp = sum(1 for s, y in scores if s >= t and y)
            fp = sum(1 for s, y in scores if s >= t and not y)
            fn = sum(1 for s, y in scores if s < t and y)
            v = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            if v > best[0]:
                best = (v, p, t)
    return best

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vigil", default="build/vigil")
    ap.add_argument("-k", type=int, default=5)
    ap.add_argument("--threshold", type=float, help="fix the threshold, fit the rest")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    global THRESHOLDS
    if a.threshold is not None:
        THRESHOLDS = [a.threshold]
    pairs = []
    for path in a.files:
        out = subprocess.run([a.vigil, "compare", "--explain", "--pairs", path],
                             capture_output=True, text=True, check=True).stdout
        for r in csv.DictReader(io.StringIO(out)):
            f = json.loads(r["explanation"])["features"] if r.get("explanation") else None
            if f is None:
                f = dict(ma=0, mb=0, pa=0, pb=0, ua=1, ub=1, uca=1, ucb=1, org=0,
                         legal_conflict=0, numbers_differ=0, distinctive=0, all_matched=0)
            pairs.append((f, r["is_match"].strip().lower() == "true"))
    random.Random(7).shuffle(pairs)
    folds = [pairs[i::a.k] for i in range(a.k)]
    tp = fp = fn = 0
    for i in range(a.k):
        train = [x for j, fo in enumerate(folds) if j != i for x in fo]
        _, p, t = fit(train)
        for f, y in folds[i]:
            pred = score_of(f, p) >= t
            tp += pred and y
            fp += pred and not y
            fn += (not pred) and y
        print(f"fold {i + 1}: threshold {t} {p} held-out F1 {f1(folds[i], p, t):.3f}", file=sys.stderr)
    cv = 2 * tp / (2 * tp + fp + fn)
    v, p, t = fit(pairs)
    print(f"cross-validated F1 ({a.k}-fold, pooled): {cv:.3f} on {len(pairs)} pairs")
    print(f"fitted on all pairs: F1 {v:.3f} threshold {t} {p}")

main()
