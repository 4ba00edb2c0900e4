#!/usr/bin/env python3
"""Compiles the scanner's linguistic data (data/scan_*.txt) into C tables:
src/lib/scan/scan_data.c, declared in src/lib/scan/scan_data.h.

usage: gen_scan.py            rewrite the generated file
       gen_scan.py --check    exit 1 when the generated file is out of date

Every word list becomes a sorted array of strings (the scanner finds a word
by binary search); the affixes keep the order they are written in (longest
first); translations become a sorted array of (word, English word) pairs.
Lines starting with # are comments; words are separated by white space."""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "lib", "scan", "scan_data.c")


def lines(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for raw in f:
            s = raw.split("#", 1)[0].strip()
            if s:
                yield s


def sections(name):
    """[section] headed word lists of a file."""
    out, cur = {}, None
    for s in lines(name):
        m = re.fullmatch(r"\[(\w+)\]", s)
        if m:
            cur = out.setdefault(m.group(1), set())
            continue
        if cur is None:
            sys.exit("%s: words before the first [section]" % name)
        cur.update(s.split())
    return out


def keyed(name):
    """key: value value ... lines, in order."""
    out = {}
    for s in lines(name):
        k, _, v = s.partition(":")
        out[k.strip()] = v.split()
    return out


def phrase(s):
    s = re.sub(r"[^a-z0-9 ]", " ", s.lower())
    return " ".join(s.split())


def c_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def array(name, words, comment):
    body = ",\n".join("\t" + ", ".join(c_str(w) for w in words[i:i + 6])
                      for i in range(0, len(words), 6))
    return ("/* %s */\nconst char *const %s[] = {\n%s\n};\nconst size_t %s_n = %d;\n"
            % (comment, name, body, name, len(words)))


def lengths(name, words):
    """name_len[i]: the length of name[i] in bytes, for lists read for
    nearly every word of a text (a strlen each would cost more than the
    comparison)."""
    body = ",\n".join("\t" + ", ".join(str(len(w.encode())) for w in words[i:i + 12])
                      for i in range(0, len(words), 12))
    return ("/* the lengths of %s */\nconst unsigned char %s_len[] = {\n%s\n};\n"
            % (name, name, body))


def check_words(name, words):
    for w in words:
        if not re.fullmatch(r"[a-z0-9]+", w):
            sys.exit("%s: '%s' is not a normalised word (lowercase ASCII letters and digits)"
                     % (name, w))


def main():
    words = sections("scan_words.txt")
    for k in ("common", "generic", "places", "titles", "weak", "arabic", "conjunctions", "articles", "kin", "courtesy",
              "clan", "settlement", "regions", "fronts", "splinters", "kinds", "kinds_first", "bodies", "arabic_countries", "locative",
              "plural", "describing", "surnames", "institutions"):
        check_words("scan_words.txt", words.get(k, ()))
    acronyms = set()
    for s in lines("scan_acronyms.txt"):
        acronyms.update(s.split())
    org = set()
    for s in lines("scan_org_words.txt"):
        org.update(s.split())
    check_words("scan_acronyms.txt", acronyms)
    check_words("scan_org_words.txt", org)
    annotations = sorted({phrase(s) for s in lines("scan_annotations.txt")})
    aka = sorted({phrase(s) for s in lines("scan_aka.txt")})
    affixes = keyed("scan_affixes.txt")
    trans, acr, lang = {}, {"ru": {}, "uk": {}}, None
    for s in lines("scan_translations.txt"):
        m = re.fullmatch(r"\[(\w+)\]", s)
        if m:
            lang = m.group(1)
            continue
        f = s.split()
        if len(f) != 2:
            sys.exit("scan_translations.txt: '%s' is not WORD ENGLISH" % s)
        check_words("scan_translations.txt", f)
        if trans.get(f[0], f[1]) != f[1]:
            sys.exit("scan_translations.txt: '%s' translated twice" % f[0])
        trans[f[0]] = f[1]
        if lang in acr:
            acr[lang].setdefault(f[1], f[0])

    korean = {}
    for s in lines("scan_korean.txt"):
        f = s.split()
        if len(f) not in (2, 3) or not re.fullmatch(r"[\uac00-\ud7a3]+", f[0]):
            sys.exit("scan_korean.txt: '%s' is not HANGUL ENGLISH [ENGLISH]" % s)
        check_words("scan_korean.txt", f[1:])
        korean[f[0]] = " ".join(f[1:])
    ko_cyr, ko_cyr_lists = {}, {"surname:": [], "ending:": []}
    for s in lines("scan_korean_cyrillic.txt"):
        f = s.split()
        if f[0] in ko_cyr_lists:
            if not all(re.fullmatch(r"[\u0400-\u04ff]+", w) for w in f[1:]):
                sys.exit("scan_korean_cyrillic.txt: '%s' is not Cyrillic words" % s)
            ko_cyr_lists[f[0]].extend(f[1:])
            continue
        if len(f) not in (2, 3) or not re.fullmatch(r"[\u0400-\u04ff]+", f[0]):
            sys.exit("scan_korean_cyrillic.txt: '%s' is not CYRILLIC LATIN [UKRAINIAN]" % s)
        check_words("scan_korean_cyrillic.txt", f[1:])
        if f[0] in ko_cyr:
            sys.exit("scan_korean_cyrillic.txt: '%s' read twice" % f[0])
        ko_cyr[f[0]] = (f[1], f[-1])
    if any(w not in ko_cyr for w in ko_cyr_lists["surname:"]):
        sys.exit("scan_korean_cyrillic.txt: a surname: is no syllable of the table")
    chinese, translit, zh_particles, zh_subunits, ko_family, korea = {}, set(), set(), set(), set(), set()
    # "key: HAN HAN ...": into the set, each a character (one) or more
    han_lists = {"translit:": (translit, r"[\u4e00-\u9fff]", "one Han character"),
                 "particle:": (zh_particles, r"[\u4e00-\u9fff]+", "Han characters"),
                 "subunit:": (zh_subunits, r"[\u4e00-\u9fff]+", "Han characters"),
                 "korean-family:": (ko_family, r"[\u4e00-\u9fff]", "one Han character"),
                 "korea:": (korea, r"[\u4e00-\u9fff]+", "Han characters")}
    for s in lines("scan_chinese.txt"):
        key = s.split(":", 1)[0] + ":"
        if key in han_lists:
            into, pattern, what = han_lists[key]
            for c in s[len(key):].split():
                if not re.fullmatch(pattern, c):
                    sys.exit("scan_chinese.txt: '%s' is not %s" % (c, what))
                into.add(c)
            continue
        f = s.split()
        if len(f) not in (2, 3) or not re.fullmatch(r"[\u4e00-\u9fff]+", f[0]):
            sys.exit("scan_chinese.txt: '%s' is not HAN ENGLISH [ENGLISH]" % s)
        if len(f[0]) > 6:  # tokens.c ZH_MAX_WORD
            sys.exit("scan_chinese.txt: '%s' is longer than 6 characters" % f[0])
        for w in f[1:]:
            if w.count("|") > 1:
                sys.exit("scan_chinese.txt: '%s' has more than two readings" % w)
            check_words("scan_chinese.txt", w.split("|"))
        chinese[f[0]] = " ".join(f[1:])
    # country names in other languages (generated by gen_place_names.py):
    # places, and their English names (looked up for capitalised words)
    place_trans = {}
    for s in lines("scan_place_names.txt"):
        f = s.split()
        check_words("scan_place_names.txt", f)
        words["places"].update(f)
        if f[0] not in trans:
            place_trans[f[0]] = f[1]

    out = ["/*\n * scan_data.c - generated by data/gen_scan.py from data/scan_*.txt, do not edit.\n */",
           '#include "scan/scan_data.h"\n']
    out.append(array("vg__sd_common", sorted(words["common"]), "[common] of scan_words.txt"))
    out.append(array("vg__sd_generic", sorted(words["generic"]), "[generic] of scan_words.txt"))
    out.append(array("vg__sd_places", sorted(words["places"]), "[places] of scan_words.txt"))
    out.append(array("vg__sd_titles", sorted(words["titles"]), "[titles] of scan_words.txt"))
    out.append(array("vg__sd_weak", sorted(words["weak"]), "[weak] of scan_words.txt"))
    out.append(array("vg__sd_conjunctions", sorted(words["conjunctions"]),
                     "[conjunctions] of scan_words.txt"))
    out.append(array("vg__sd_arabic", sorted(words["arabic"]), "[arabic] of scan_words.txt"))
    out.append(array("vg__sd_articles", sorted(words["articles"]),
                     "[articles] of scan_words.txt"))
    out.append(array("vg__sd_kin", sorted(words["kin"]), "[kin] of scan_words.txt"))
    out.append(array("vg__sd_courtesy", sorted(words["courtesy"]),
                     "[courtesy] of scan_words.txt"))
    out.append(array("vg__sd_clan", sorted(words["clan"]), "[clan] of scan_words.txt"))
    out.append(array("vg__sd_settlement", sorted(words["settlement"]),
                     "[settlement] of scan_words.txt"))
    out.append(array("vg__sd_regions", sorted(words["regions"]),
                     "[regions] of scan_words.txt"))
    out.append(array("vg__sd_fronts", sorted(words["fronts"]), "[fronts] of scan_words.txt"))
    out.append(array("vg__sd_institutions", sorted(words["institutions"]),
                     "[institutions] of scan_words.txt"))
    surnames = set(words["surnames"])
    surnames.update(w + "a" for w in words["surnames"] if re.search(r"(ov|ev|in)$", w))
    out.append(array("vg__sd_surnames", sorted(surnames),
                     "[surnames] of scan_words.txt, with the feminine forms of -ov, -ev, -in"))
    out.append(array("vg__sd_splinters", sorted(words["splinters"]),
                     "[splinters] of scan_words.txt"))
    out.append(array("vg__sd_kinds", sorted(words["kinds"]), "[kinds] of scan_words.txt"))
    out.append(array("vg__sd_kinds_first", sorted(words["kinds_first"]),
                     "[kinds_first] of scan_words.txt"))
    out.append(array("vg__sd_bodies", sorted(words["bodies"]), "[bodies] of scan_words.txt"))
    out.append(array("vg__sd_arabic_countries", sorted(words["arabic_countries"]),
                     "[arabic_countries] of scan_words.txt"))
    out.append(array("vg__sd_locative", sorted(words["locative"]), "[locative] of scan_words.txt"))
    out.append(array("vg__sd_plural", sorted(words["plural"]), "[plural] of scan_words.txt"))
    out.append(array("vg__sd_describing", sorted(words["describing"]),
                     "[describing] of scan_words.txt"))
    out.append(array("vg__sd_acronyms", sorted(acronyms), "scan_acronyms.txt"))
    out.append(array("vg__sd_org_words", sorted(org), "scan_org_words.txt"))
    out.append(array("vg__sd_annotations", annotations, "scan_annotations.txt, normalised"))
    out.append(array("vg__sd_aka", aka, "scan_aka.txt, normalised"))
    out.append(array("vg__sd_endings", affixes["endings"], "endings: of scan_affixes.txt, in order"))
    out.append(lengths("vg__sd_endings", affixes["endings"]))
    out.append(array("vg__sd_ar_article", affixes["article"], "article: of scan_affixes.txt, in order"))
    out.append(array("vg__sd_ar_clitic", affixes["clitic"], "clitic: of scan_affixes.txt"))
    out.append(array("vg__sd_ar_particles", affixes["particle-ar"],
                     "particle-ar: of scan_affixes.txt"))
    out.append(array("vg__sd_ar_compound_head", affixes["compound-head-ar"],
                     "compound-head-ar: of scan_affixes.txt"))
    out.append(array("vg__sd_ar_compound", affixes["compound-ar"],
                     "compound-ar: of scan_affixes.txt"))
    out.append(array("vg__sd_ar_common", affixes["common-ar"], "common-ar: of scan_affixes.txt"))
    # places of two words or more (generated by gen_place_phrases.py)
    phrases = sorted(set(lines("scan_place_phrases.txt")))
    for s in phrases:
        check_words("scan_place_phrases.txt", s.split())
    out.append(array("vg__sd_place_phrases", phrases, "scan_place_phrases.txt"))
    out.append(array("vg__sd_ko_particles", affixes["particle-ko"],
                     "particle-ko: of scan_affixes.txt"))
    pairs = sorted(trans.items())
    out.append(array("vg__sd_trans_from", [p[0] for p in pairs], "scan_translations.txt: words"))
    out.append(array("vg__sd_trans_to", [p[1] for p in pairs],
                     "scan_translations.txt: their English words, same order"))
    pairs = sorted(place_trans.items())
    out.append(array("vg__sd_place_from", [p[0] for p in pairs], "scan_place_names.txt: words"))
    out.append(array("vg__sd_place_to", [p[1] for p in pairs],
                     "scan_place_names.txt: their English names, same order"))
    pairs = sorted(korean.items(), key=lambda p: p[0].encode())
    out.append(array("vg__sd_ko_words", [p[0] for p in pairs],
                     "scan_korean.txt: Hangul words, in byte order"))
    out.append(array("vg__sd_ko_en", [p[1] for p in pairs],
                     "scan_korean.txt: their English words, same order"))
    pairs = sorted(ko_cyr.items(), key=lambda p: p[0].encode())
    out.append(array("vg__sd_ko_cyr_words", [p[0] for p in pairs],
                     "scan_korean_cyrillic.txt: Cyrillic syllables, in byte order"))
    out.append(array("vg__sd_ko_cyr_latin", [p[1][0] for p in pairs],
                     "scan_korean_cyrillic.txt: their Latin syllables, same order"))
    uk = [p for p in pairs if p[1][1] != p[1][0]]
    out.append(array("vg__sd_ko_cyr_uk_words", [p[0] for p in uk],
                     "scan_korean_cyrillic.txt: the syllables Ukrainian reads otherwise, in byte order"))
    out.append(array("vg__sd_ko_cyr_uk_latin", [p[1][1] for p in uk],
                     "scan_korean_cyrillic.txt: ... their Ukrainian reading, same order"))
    out.append(array("vg__sd_ko_cyr_surnames",
                     sorted(set(ko_cyr_lists["surname:"]), key=lambda w: w.encode()),
                     "scan_korean_cyrillic.txt surname:, in byte order"))
    out.append(array("vg__sd_ko_cyr_endings", ko_cyr_lists["ending:"],
                     "scan_korean_cyrillic.txt ending:, longest first"))
    pairs = sorted(chinese.items(), key=lambda p: p[0].encode())
    out.append(array("vg__sd_zh_words", [p[0] for p in pairs],
                     "scan_chinese.txt: Han words, in byte order"))
    out.append(array("vg__sd_zh_en", [p[1] for p in pairs],
                     "scan_chinese.txt: their English words, same order"))
    out.append(array("vg__sd_zh_translit", sorted(translit, key=lambda c: c.encode()),
                     "scan_chinese.txt translit:, in byte order"))
    if any(c not in translit for p in zh_particles for c in p):
        sys.exit("scan_chinese.txt: a particle: is written with translit: characters")
    out.append(array("vg__sd_zh_particles", sorted(zh_particles, key=lambda c: c.encode()),
                     "scan_chinese.txt particle:, in byte order"))
    out.append(array("vg__sd_zh_subunits", sorted(zh_subunits, key=lambda c: c.encode()),
                     "scan_chinese.txt subunit:, in byte order"))
    out.append(array("vg__sd_zh_korean_family", sorted(ko_family, key=lambda c: c.encode()),
                     "scan_chinese.txt korean-family:, in byte order"))
    out.append(array("vg__sd_zh_korea", sorted(korea, key=lambda c: c.encode()),
                     "scan_chinese.txt korea:, in byte order"))
    for lang in sorted(acr):
        pairs = sorted(acr[lang].items())
        out.append(array("vg__sd_acr_%s_en" % lang, [p[0] for p in pairs],
                         "[%s] of scan_translations.txt: English words" % lang))
        out.append(array("vg__sd_acr_%s_word" % lang, [p[1] for p in pairs],
                         "... their first word in that language, same order"))
    text = "\n".join(out)
    if "--check" in sys.argv[1:]:
        cur = open(OUT, encoding="utf-8").read() if os.path.exists(OUT) else ""
        if cur != text:
            print("src/lib/scan/scan_data.c is out of date: run python3 data/gen_scan.py")
            return 1
        return 0
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
