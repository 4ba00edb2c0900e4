#!/usr/bin/env python3
"""Compiles vigil's linguistic data (the .txt files beside this script) into
C tables: src/lib/names/lexicon_data.c and src/lib/text/script_data.c.

usage: gen.py            rewrite the generated files
       gen.py --check    exit 1 when a generated file is out of date

Tables: one packed string pool, a word table (titles, particles, stop
words, generic organisation words, name-variant groups, frequency classes)
and a phrase table (legal forms, possibly several words), each reached
through an open-addressing hash table (FNV-1a 32, linear probing) whose
hash src/lib/names/lexicon.c computes the same way."""
import os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "lib", "names", "lexicon_data.c")
OUT_SCRIPTS = os.path.join(HERE, "..", "src", "lib", "text", "script_data.c")

F_TITLE, F_PARTICLE, F_STOP, F_GENERIC, F_LEGAL_START, F_LEGAL_AMBIG_START = 1, 2, 4, 8, 16, 32
F_FUZZY = 64  # one letter away from a generic word or a legal-form word
F_PREFIX = 128  # first part of a compound given name

def lines(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for raw in f:
            s = raw.split("#", 1)[0].strip()
            if s:
                yield s

def norm(p):
    p = p.lower().replace(".", " ").replace("-", " ")
    p = re.sub(r"[^a-z0-9 ]", "", p)
    return " ".join(p.split())

def fnv(s):
    h = 2166136261
    for b in s.encode():
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h

class Word:
    def __init__(self):
        self.flags, self.freq, self.gw, self.groups, self.cjk, self.num = 0, 0, 0, [], 0, 0

NUM_MULT, NUM_FUZZY = 0x8000, 0x4000  # vg__lex_word.num: x100 words; a misspelling

CJK_CHINESE, CJK_KOREAN = 1, 2  # a spelling of a Chinese / Korean syllable
CLS_REGION = 4  # a country, region or city (region_words.txt)

def pinyin_syllables():
    """The readings of Chinese characters (src/lib/text/han_data.c, written
    by data/gen_han.c from ICU)."""
    src = open(os.path.join(HERE, "..", "src", "lib", "text", "han_data.c"), encoding="utf-8").read()
    body = src[src.index("vg__han_syll"):src.index("vg__han_bmp")]
    return sorted(set(x for x in re.findall(r'"([a-z]*)"', body) if x))

LATIN_SPECIAL = {"\u00c6": "ae", "\u00d0": "d", "\u00d8": "o", "\u00de": "th",
                 "\u00df": "ss", "\u0110": "d", "\u0126": "h", "\u0131": "i",
                 "\u0138": "k", "\u013f": "l", "\u0141": "l", "\u0149": "n",
                 "\u014a": "ng", "\u0152": "oe", "\u0166": "t", "\u00d7": "",
                 "\u00f7": ""}

def latin_table():
    """ASCII folding of U+00C0..U+017F (Latin-1 Supplement, Latin
    Extended-A): marks dropped by Unicode decomposition, the rest by hand."""
    import unicodedata
    rows = []
    for cp in range(0xC0, 0x180):
        ch = chr(cp)
        low = ch.lower() if len(ch.lower()) == 1 else ch
        up = 1 if ch != low else 0
        f = LATIN_SPECIAL.get(ch.upper() if len(ch.upper()) == 1 else ch, LATIN_SPECIAL.get(ch))
        if f is None:
            d = unicodedata.normalize("NFKD", low)
            f = "".join(c for c in d if not unicodedata.combining(c)).lower()
        assert f.isascii() and len(f) <= 2, (hex(cp), f)
        rows.append(f'\t{{ "{f}", {up} }}, /* U+{cp:04X} */')
    return ("/* ASCII folding of U+00C0..U+017F; upper = 1 for capital letters. */\n"
            "const vg__latin_fold_entry vg__latin_fold[192] = {\n" + "\n".join(rows) + "\n};")

def japanese_table():
    """Japanese names in kanji (UTF-16 code units, sorted) and their
    readings: family names (flag 1) and given names (flag 0)."""
    ents, section = {}, None
    for s in lines("japanese_names.txt"):
        if s.startswith("["):
            section = s.strip("[]")
            continue
        kanji, reading = s.split()
        assert section in ("family", "given"), s
        units = tuple(ord(c) for c in kanji)
        assert all(c < 0x10000 for c in units) and 1 <= len(units) <= 8, s
        assert re.fullmatch("[a-z]+", reading), s
        fam = 1 if section == "family" else 0
        old = ents.get(units)
        assert old is None or old[0] == reading, ("two readings", s)
        ents[units] = (reading, (old[1] if old else 0) | fam)
    keys = sorted(ents)
    units, rows = [], []
    for k in keys:
        reading, fam = ents[k]
        rows.append(f'\t{{ {len(units)}, {len(k)}, {fam}, "{reading}" }}, /* {"".join(map(chr, k))} */')
        units.extend(k)
    text = ["const uint16_t vg__ja_units[] = {"]
    for i in range(0, len(units), 12):
        text.append("\t" + ", ".join(f"0x{u:04X}" for u in units[i:i + 12]) + ",")
    text.append("};\n")
    text.append("const vg__ja_name vg__ja_names[] = {")
    text.extend(rows)
    text.append("};")
    text.append(f"const size_t vg__ja_n_names = {len(rows)};\n")
    return "\n".join(text)

CLASSES = "CQVMKNSGPOXLDT"
FLAGS = {"schwa": 1, "finals": 2, "syllables": 4, "abjad": 8, "finalu": 16, "indic": 32}

def scripts_table():
    """The transliteration tables of data/scripts.txt (see that file)."""
    sections, cur = [], None
    for s in lines("scripts.txt"):
        if s.startswith("["):
            f = s.strip("[]").split()
            cur = {"name": f[0], "first": int(f[1], 16), "last": int(f[2], 16),
                   "inherent": f[3], "flags": 0, "rows": []}
            for fl in f[4:]:
                cur["flags"] |= FLAGS[fl]
            sections.append(cur)
            continue
        f = s.split()
        cps = tuple(int(x, 16) for x in f[0].split("+"))
        cls = f[1]
        assert cls in CLASSES and len(cps) <= 4, s
        latin = f[2] if len(f) > 2 else ""
        latin2 = f[3] if len(f) > 3 else ""
        for x in (latin, latin2):
            assert x == "-" or re.fullmatch(r"\^?[a-z0-9]*", x), s
        cur["rows"].append((cps, cls, "" if latin == "-" else latin, "" if latin2 == "-" else latin2))
    shared = next(x for x in sections if x["name"] == "indic")
    out = ["/*\n * script_data.c - generated by data/gen.py from data/scripts.txt, do not edit.\n */",
           '#include "text/abugida.h"\n', "const vg__tr_entry vg__tr_entries[] = {"]
    scripts, at = [], 0
    for sec in sections:
        if sec["name"] == "indic":
            continue
        rows = {}
        if sec["flags"] & FLAGS["indic"]:
            for cps, cls, l1, l2 in shared["rows"]:
                rows[tuple(sec["first"] + c for c in cps)] = (cls, l1, l2)
        for cps, cls, l1, l2 in sec["rows"]:
            if sec["flags"] & FLAGS["indic"]:
                cps = tuple(sec["first"] + c for c in cps)
            assert all(sec["first"] <= c <= sec["last"] for c in cps), (sec["name"], cps)
            rows[cps] = (cls, l1, l2)
        keys = sorted(rows, key=lambda k: (k[0], -len(k), k))
        for k in keys:
            cls, l1, l2 = rows[k]
            cp = ", ".join(f"0x{c:04X}" for c in k)
            out.append(f'\t{{ {{ {cp} }}, {len(k)}, \'{cls}\', "{l1}", "{l2}" }},')
        inh = sec["inherent"].split("/")
        inh = ["" if x == "-" else x for x in inh] + [""]
        if len(sec["inherent"].split("/")) == 1:
            inh[1] = inh[0]
        scripts.append((sec["name"], sec["first"], sec["last"], inh[0], inh[1], sec["flags"] & ~FLAGS["indic"],
                        at, len(keys)))
        at += len(keys)
    out.append("};\n")
    out.append("const vg__tr_script vg__tr_scripts[] = {")
    for name, first, last, i1, i2, fl, start, n in scripts:
        out.append(f'\t{{ "{name}", 0x{first:04X}, 0x{last:04X}, "{i1}", "{i2}", {fl}, {start}, {n} }},')
    out.append("};")
    out.append(f"const size_t vg__tr_n_scripts = {len(scripts)};")
    return "\n".join(out) + "\n"

def main():
    words = {}
    def w(s):
        return words.setdefault(s, Word())
    for s in lines("titles.txt"):
        w(norm(s)).flags |= F_TITLE
    for s in lines("particles.txt"):
        w(norm(s)).flags |= F_PARTICLE
    for s in lines("stopwords.txt"):
        w(norm(s)).flags |= F_STOP
    for s in lines("compound_prefixes.txt"):
        w(norm(s)).flags |= F_PREFIX
    for s in lines("org_generic.txt"):
        parts = s.split()
        e = w(norm(parts[0]))
        e.flags |= F_GENERIC
        e.gw = int(round(float(parts[1]) * 100)) if len(parts) > 1 else 30
    ngroups = 0
    # Organisation words and their translations: generic words, one group
    # per concept (org_words.txt).
    for s in lines("org_words.txt"):
        head, rest = s.split(":", 1)
        weight = float(head.split()[1])
        latin, _, other = rest.partition("|")
        concept = [norm(t) for t in latin.split()]
        concept += [norm(t.split("=", 1)[1]) for t in other.split()]
        ngroups += 1
        for t in concept:
            if not t or " " in t:
                continue
            e = w(t)
            if not e.flags & F_GENERIC:
                e.flags |= F_GENERIC
                e.gw = int(round(weight * 100))
            if ngroups not in e.groups and len(e.groups) < 2:
                e.groups.append(ngroups)
    for s in lines("name_variants.txt"):
        ngroups += 1
        for t in s.split():
            t = norm(t)
            if len(t) < 2 or " " in t:
                continue
            e = w(t)
            if ngroups not in e.groups and len(e.groups) < 2:
                e.groups.append(ngroups)
    # Korean syllables: every spelling of one syllable, and of syllables
    # sharing a spelling, is one group (union-find over the lines).
    parent = {}
    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for s in lines("korean_syllables.txt"):
        syl, rest = s.split(":", 1)
        sp = [norm(t) for t in rest.split()]
        for t in sp:
            w(t).cjk |= CJK_KOREAN
        for t in sp[1:]:
            parent[find(t)] = find(sp[0])
    comps = {}
    for t in sorted(parent):
        comps.setdefault(find(t), []).append(t)
    for root in sorted(comps):
        ngroups += 1
        for t in comps[root]:
            e = w(t)
            if ngroups not in e.groups and len(e.groups) < 2:
                e.groups.append(ngroups)
    for s in lines("region_words.txt"):
        w(norm(s)).cjk |= CLS_REGION
    for t in pinyin_syllables():
        if len(t) >= 2:
            w(t).cjk |= CJK_CHINESE
    for s in lines("chinese_syllables.txt"):
        for t in s.replace(":", " ").split():
            if len(norm(t)) >= 2:
                w(norm(t)).cjk |= CJK_CHINESE
    # Number words (numbers.txt): num = value + 1, NUM_MULT for hundred and
    # thousand; a number word of 6+ letters with one letter dropped too
    # (NUM_FUZZY: Ninty), unless that spelling is a word of its own.
    numwords = {}
    for s in lines("numbers.txt"):
        val, rest = s.split(":", 1)
        mult = val.endswith("x")
        v = int(val.rstrip("x"))
        for t in rest.split():
            t = norm(t)
            numwords[t] = (NUM_MULT | v) if mult else v + 1
    # German numbers 21-99 are written as one word, the unit first
    # (einundzwanzig), and their ordinals end in -ste
    de_units = ["ein", "zwei", "drei", "vier", "funf", "sechs", "sieben", "acht", "neun"]
    de_tens = ["zwanzig", "dreissig", "vierzig", "funfzig", "sechzig", "siebzig", "achtzig", "neunzig"]
    for ti, tens in enumerate(de_tens):
        numwords.setdefault(tens + "ste", (ti + 2) * 10 + 1)
        for ui, unit in enumerate(de_units):
            v = (ti + 2) * 10 + ui + 1
            numwords.setdefault(unit + "und" + tens, v + 1)
            numwords.setdefault(unit + "und" + tens + "ste", v + 1)
    for t, n in numwords.items():
        w(t).num = n
    for t, n in sorted(numwords.items()):
        if len(t) < 6:
            continue
        for i in range(len(t)):
            d = t[:i] + t[i + 1:]
            if d not in words:
                words[d] = Word()
                words[d].num = n | NUM_FUZZY
    for s in lines("name_freq.txt"):
        cls, rest = s.split(":", 1)
        for t in rest.split():
            e = w(norm(t))
            if not e.freq or int(cls) < e.freq:
                e.freq = int(cls)
    classes, phrases = [], {}
    for s in lines("legal_forms.txt"):
        cls, rest = s.split(":", 1)
        classes.append(cls.strip())
        for p in rest.split("|"):
            p = p.strip()
            amb = p.endswith("*")
            p = norm(p.rstrip("*"))
            if not p or p in phrases:
                continue
            phrases[p] = (len(classes), amb)
            first = p.split()[0]
            w(first).flags |= F_LEGAL_AMBIG_START if amb else F_LEGAL_START
            for t in p.split()[1:]:
                w(t)
    assert ngroups < 65536 and len(classes) < 255
    # Misspelt generic and legal-form words ("COMPANNY", "LIMIED") should
    # still weigh as generic words: every one-letter deletion of those words
    # (6 letters or more) is listed, and the analyser looks up a token and
    # its own deletions (deletion, insertion, substitution, transposition).
    fuzzy_src = {k for k, e in words.items() if e.flags & F_GENERIC}
    for p in phrases:
        fuzzy_src.update(t for t in p.split())
    for src in sorted(fuzzy_src):
        if len(src) < 6:
            continue
        for i in range(len(src)):
            d = src[:i] + src[i + 1:]
            if d not in words:
                words[d] = Word()
            words[d].flags |= F_FUZZY
        w(src).flags |= F_FUZZY

    pool, offs = bytearray(), {}
    def intern(s):
        if s not in offs:
            offs[s] = len(pool)
            pool.extend(s.encode() + b"\0")
        return offs[s]
    wkeys = sorted(words)
    pkeys = sorted(phrases)
    for k in wkeys + pkeys:
        intern(k)

    def slots(name, keys):
        """The open-addressing table of keys (lexicon.c hashes the same way)."""
        t = table(keys)
        rows = [f"const uint32_t vg__lex_{name}_mask = {len(t) - 1};",
                f"const uint16_t vg__lex_{name}_slots[] = {{"]
        rows += ["\t" + ", ".join(str(x) for x in t[i:i + 16]) + "," for i in range(0, len(t), 16)]
        return rows + ["};\n"]

    def table(keys):
        size = 16
        while size < 2 * len(keys):
            size *= 2
        slots = [0] * size
        for i, k in enumerate(keys):
            h = fnv(k) & (size - 1)
            while slots[h]:
                h = (h + 1) & (size - 1)
            slots[h] = i + 1
        return slots

    out = []
    out.append("/*\n * lexicon_data.c - generated by data/gen.py from the data/ text files, do not edit.\n"
               " * Regenerate with `python3 data/gen.py`; tests/cli_compare.sh fails when\n"
               " * this file is out of date.\n */\n#include \"names/lexicon.h\"\n")
    out.append("const vg__lex_word vg__lex_words[] = {")
    for k in wkeys:
        e = words[k]
        g = (e.groups + [0, 0])[:2]
        out.append(f"\t{{ {offs[k]}, {len(k)}, {e.flags}, {e.freq}, {e.gw}, {e.cjk}, {e.num}, {{ {g[0]}, {g[1]} }} }}, /* {k} */")
    out.append("};\n")
    out.extend(slots("word", wkeys))
    out.append("const vg__lex_phrase vg__lex_phrases[] = {")
    maxtok = 1
    for k in pkeys:
        cls, amb = phrases[k]
        nt = len(k.split())
        maxtok = max(maxtok, nt)
        out.append(f"\t{{ {offs[k]}, {len(k)}, {cls}, {1 if amb else 0}, {nt} }}, /* {k} */")
    out.append("};\n")
    out.extend(slots("phrase", pkeys))
    out.append(f"const unsigned vg__lex_phrase_max_tokens = {maxtok};")
    # Legal forms written together, and (4+ letters) each with one letter
    # deleted, for misspelt forms at the edge of a name (S.A. DE C.W.).
    compact = {}
    for k in pkeys:
        c = k.replace(" ", "")
        compact.setdefault(c, (phrases[k][0], 0))
    for c in sorted(list(compact)):
        if len(c) < 4 or compact[c][1]:
            continue
        for i in range(len(c)):
            d = c[:i] + c[i + 1:]
            if d not in compact:
                compact[d] = (compact[c][0], 1)
    ckeys = sorted(compact)
    for k in ckeys:
        intern(k)
    out.append("const vg__lex_phrase vg__lex_compact[] = {")
    for k in ckeys:
        cls, fz = compact[k]
        out.append(f"\t{{ {offs[k]}, {len(k)}, {cls}, {fz}, 1 }}, /* {k} */")
    out.append("};\n")
    out.extend(slots("compact", ckeys))
    # Chinese syllables: "pinyin spelling" pairs, looked up like phrases.
    cnvar = set()
    for s in lines("chinese_syllables.txt"):
        py, rest = s.split(":", 1)
        for t in rest.split():
            cnvar.add(norm(py) + " " + norm(t))
    cnkeys = sorted(cnvar)
    for k in cnkeys:
        intern(k)
    out.append("const vg__lex_phrase vg__lex_cnvar[] = {")
    for k in cnkeys:
        out.append(f"\t{{ {offs[k]}, {len(k)}, 0, 0, 2 }}, /* {k} */")
    out.append("};\n")
    out.extend(slots("cnvar", cnkeys))
    out.append(japanese_table())
    out.append(f"const unsigned vg__lex_n_groups = {ngroups};")
    out.append("const char *const vg__legal_class_names[] = { \"\", " +
               ", ".join(f'"{c}"' for c in classes) + " };")
    out.append(f"const unsigned vg__legal_n_classes = {len(classes) + 1};")
    out.append("const char vg__lex_pool[] =")
    chunk = pool.decode()
    for i in range(0, len(chunk), 64):
        part = chunk[i:i + 64].replace("\\", "\\\\").replace("\0", "\\0")
        out.append('\t"' + part + '"')
    out.append(";\n")
    out.append(latin_table())
    text = "\n".join(out) + "\n"
    outputs = [(OUT, text), (OUT_SCRIPTS, scripts_table())]
    if "--check" in sys.argv:
        for path, want in outputs:
            try:
                cur = open(path, encoding="utf-8").read()
            except OSError:
                cur = ""
            if cur != want:
                sys.exit(f"gen.py: {os.path.relpath(path, os.path.join(HERE, '..'))} is out of date: run python3 data/gen.py")
        return
    for path, want in outputs:
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(want)
        os.replace(tmp, path)

main()
