/*
 * window.c - step 3 of a scan (see scan.c): the window of one listed name
 * around an anchor token, and whether it is evidence enough to be a
 * candidate mention.
 *
 * How it works.  The window grows left and right over consecutive text
 * tokens that each match an unused position of the name (exactly, or by
 * loose key), allowing one unmatched token inside ("house *building* in",
 * a middle name) but never across a sentence end, bracket, quote or
 * paragraph.  The matched positions are then weighed (grow, weigh) and
 * judged by the rules for the kind of name (judge_*); see scan.c's header
 * for the rules in words.
 *
 * Invariant: a candidate's window starts and ends on matched tokens.
 */
#include "scan/run.h"
#include "scan/scan_data.h"
#include "common/alloc.h"
#include "common/error.h"
#include "names/lexicon.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* What grow() found for one name around one anchor. */
typedef struct {
	uint32_t a, b;          /* first and last matched token */
	uint32_t used;          /* matched positions of the name */
	uint32_t loose_mask;    /* positions matched by loose key only */
	uint32_t fold_mask;     /* ... and only with vowels folded */
	uint32_t skel_mask;     /* ... or as a consonant skeleton */
	int a_clitic;           /* the first token matched without its clitic */
	int anchor_p;           /* the name position the anchor matched */
	int gaps;               /* unmatched tokens inside */
	int cap;                /* a strong word is capitalised */
	int all_cap;            /* every strong word is capitalised */
	double wm;              /* matched weight */
	double wm_raw;          /* ... as if every match were exact */
	double wm_generic;      /* ... of it on generic words (group, company) */
	double cover;           /* matched share of the name's weight */
	int strong_m;           /* distinct strong words matched */
	int common_all;         /* every matched strong word is ordinary or generic */
	int plain_all;          /* ... or a place */
	int missing;            /* a strong word of the name is not matched
				 * (but its kind word: kind_unsaid) */
	int kind_unsaid;        /* all of the name but its kind word
				 * (vg__sname.kind_pos) */
	int missing_place;      /* ... a place among them */
	int reordered;          /* matched in another order than listed */
	int place_all;          /* every matched strong word is a place */
	int given_all;          /* ... is a given name many people have */
	int translated;         /* a word matched as the English of another */
	int short_fold;         /* a Latin word of five letters matched only
				 * with vowels folded */
	int weak;               /* enough only where the text names the party
				 * with stronger evidence elsewhere */
	/* not cleared: read only where skel_mask says */
	float skel_w[VG_SCAN_MAX_NAME_TOKENS]; /* what each skeleton match says */
} window;

/* Does the vowel letter a of Arabic script (as normalised) stand where the
 * Latin spelling has l (and then `next`)?  Alef is a (e only as the
 * feminine ending written -eh: "هنية", Haniyeh; the mute e of a French
 * spelling ends no feminine name: "أمينة", Amina, is not Amine), ya i, e
 * or y, waw u, o or w; the first letter (alef or hamza carrying any vowel:
 * "أسامة", Usama) any vowel. */
static bool vowel_for(char a, char l, char next, bool first, bool last)
{
	static const char vowels[] = "aeiou";
	if (first)
		return strchr(vowels, a) && strchr(vowels, l);
	switch (a) {
	case 'a': return l == 'a' || (last && l == 'e' && next == 'h');
	case 'i': case 'y': return l == 'i' || l == 'e' || l == 'y';
	case 'u': case 'w': return l == 'u' || l == 'o' || l == 'w';
	default: return false;
	}
}

/* May the Latin spelling leave out its letter j where Arabic writes
 * nothing: a short vowel, y or w, the h of a digraph (kh, sh, th), a
 * letter written twice, the d of dj? */
static bool latin_extra(const char *l, size_t j, size_t ln)
{
	char c = l[j];
	if (strchr("aeiouyw", c))
		return true;
	if (j > 0 && (c == l[j - 1] || (c == 'h' && !strchr("aeiouyw", l[j - 1]))))
		return true;
	return c == 'd' && j + 1 < ln && l[j + 1] == 'j';
}

/* Is l[0..n) the rest of a Latin feminine nisba after its i: "ya",
 * "yya", "yah", "yyah"? */
static bool feminine_nisba(const char *l, size_t n)
{
	static const char *const ends[] = { "ya", "yya", "yah", "yyah" };
	size_t k;
	for (k = 0; k < sizeof(ends) / sizeof(ends[0]); k++)
		if (n == strlen(ends[k]) && !memcmp(l, ends[k], n))
			return true;
	return false;
}

/* Every letter of the Arabic word, in order, in the Latin one, which adds
 * only short vowels and the like (latin_extra): "hmas" is hamas, "ahmd"
 * ahmed, not hamid; "mahan" is not mehanna. */
bool vg__arabic_spelling(const char *a, size_t an, const char *l, size_t ln, bool ayn)
{
	size_t i, j = 0, skipped;
	/* A vowel the Latin starts with is an alef, or an ayn or hamza the
	 * normalised form dropped ("عمر": Omar; "نصر" is not Ansar). */
	if (an && ln && strchr("aeiou", l[0]) && !strchr("aeiou", a[0]) && !ayn)
		return false;
	/* ... and an ayn there a vowel ("العقيل", al-Aqil, is not Kayali). */
	if (ayn && ln && !strchr("aeiou", l[0]))
		return false;
	for (i = 0; i < an; i++) {
		for (skipped = 0; j < ln; j++, skipped++) {
			char c = a[i] == 'q' ? 'k' : a[i], d = l[j] == 'q' ? 'k' : l[j];
			char next = j + 1 < ln ? l[j + 1] : 0;
			/* waw is the v of a Persian name too ("وحيدي", VAHIDI) */
			if (c == d || (c == 'w' && d == 'v') || (strchr("aeiouyw", c) &&
				       vowel_for(c, d, next, i == 0 && j == 0, i + 1 == an)))
				break;
			if (!latin_extra(l, j, ln))
				return false;
			/* Two vowels in a row are a long vowel, which Arabic
			 * writes (Hosseini is حسيني, not حسني). */
			if (skipped && strchr("aeiouy", l[j]) && strchr("aeiouy", l[j - 1]))
				return false;
		}
		if (j == ln)
			return false;
		j++;
	}
	/* An adjective in -i (the nisba, ي) is the same word as its
	 * feminine in -iya ("الإسلامي": ISLAMIYA, ISLAMIYYA). */
	if (an && a[an - 1] == 'i' && j < ln && feminine_nisba(l + j, ln - j))
		return true;
	/* What the Latin has after the Arabic's last letter: a vowel or
	 * so ("qaida" for "qada" is whole; "taj" is not tajideen), never a
	 * long i after a consonant, which Arabic writes (the nisba: "مصر",
	 * Egypt, is not MASRI; "المصري" is; "سيناء" is Sinai). */
	for (skipped = 0; j < ln; j++, skipped++)
		if (!latin_extra(l, j, ln) || skipped >= 1 ||
		    ((l[j] == 'i' || l[j] == 'y') && j > 0 && !strchr("aeiou", l[j - 1])))
			return false;
	return true;
}

/* How text token i matches position p of name nm (VG_M_*). */
/* An Arabic word sharing its skeleton with dictionary token tok, of name
 * nm; a nisba adjective only for its place in an organisation's name of
 * several strong words, beside the noun it qualifies, never alone
 * ("والإنساني", and the humanitarian, names no UNSAN). */
static int match_skeleton(const vg__run *x, uint32_t i, uint32_t tok, const vg__sname *nm)
{
	int ok = vg__skeleton_ok(x, i, tok);
	if (ok == 3)
		return nm->schema == VG_SCHEMA_PERSON || nm->strong < 2 ? VG_M_NONE : VG_M_SKELETON;
	/* the precise loose keys agree ("amin", AMINE), if the word may
	 * spell it (their case endings are Russian: "amina" is not AMINE) */
	if (x->s->tok[tok].lo1 == x->h[i].lo1 && ok)
		return VG_M_LOOSE;
	switch (ok) {
	case 1: return VG_M_SKELETON;
	case 2: return VG_M_SKELETON | VG_M_CLITIC;
	default: return VG_M_NONE;
	}
}

/* A person's given name in another spelling of its group, alike with
 * vowels folded (Mohamed: MUHAMMED; Mike is not Michael)?  A Cyrillic word
 * (text token i) may be unlike: Ukrainian names a person the lists give
 * in his Russian name's spelling by the Ukrainian form of that name
 * ("Костянтин", "Микола": KONSTANTIN, NIKOLAI; data/name_variants.txt). */
static bool variant(const vg__run *x, uint32_t i, const vg__hit *h, const vg__sname *nm,
		    uint32_t p, uint32_t tok)
{
	const vg__stok *st = &x->s->tok[tok];
	return st->grp[0] && nm->schema == VG_SCHEMA_PERSON && p != nm->family_pos &&
	       !(st->flags & (VG_STOK_WEAK | VG_STOK_TITLE)) && st->loose != VG_SCAN_NONE &&
	       ((x->tk->v[i].flags & VG_TOKF_CYRILLIC) ||
		(h->ex != VG_SCAN_NONE && x->s->tok[h->ex].loose == st->loose)) &&
	       (h->grp[0] == st->grp[0] || h->grp[0] == st->grp[1] ||
		(h->grp[1] && (h->grp[1] == st->grp[0] || h->grp[1] == st->grp[1])));
}

/* Does a Latin word end in a vowel (y too, and a vowel's h: "Abdullah"
 * as "Abdulla")? */
static bool final_vowel(const char *w, size_t n)
{
	if (n > 1 && w[n - 1] == 'h' && strchr("aeiouy", w[n - 2]))
		return true;
	return n && strchr("aeiouy", w[n - 1]) != NULL;
}

/* A Korean syllable read from a Chinese character (vg__hit.korean) in
 * another spelling of its group, at any position of a person's name
 * (崔, 최, read choi: CHOE; 炳, 병, byong: PYONG)? */
static bool korean_variant(const vg__run *x, const vg__hit *h, const vg__sname *nm,
			   uint32_t tok)
{
	const vg__stok *st = &x->s->tok[tok];
	return st->grp[0] && nm->schema == VG_SCHEMA_PERSON &&
	       (h->grp[0] == st->grp[0] || h->grp[0] == st->grp[1] ||
		(h->grp[1] && (h->grp[1] == st->grp[0] || h->grp[1] == st->grp[1])));
}

/* Does the window hold a Chinese character read as Korean (vg__hit.korean)
 * without being the three characters of that name, family name first
 * (金永 of 金永南 is no KIM, Young; 龍海 and the next line's 崔 no CHOE,
 * Ryong Hae)? */
static bool korean_part(const vg__run *x, const window *w)
{
	uint32_t k;
	for (k = w->a; k <= w->b; k++)
		if (x->h[k].korean)
			return !(x->tk->v[w->a].flags & VG_TOKF_KO_FAMILY) || w->b != w->a + 2;
	return false;
}

/* The vowel letters of a Latin word. */
static int vowels(const char *w, size_t n)
{
	int count = 0;
	size_t k;
	for (k = 0; k < n; k++)
		count += strchr("aeiou", w[k]) != NULL;
	return count;
}

/* Can text token i (hit h) match dictionary token tok at all, by any of
 * the ways match_at knows?  A test before calling it: most positions of
 * a name are none of the token's words. */
static inline bool may_match(const vg__run *x, const vg__hit *h, uint32_t tok)
{
	const vg__stok *st;
	if (tok == h->ex || tok == h->ex2 || tok == h->art || tok == h->tr || tok == h->tr2 ||
	    h->grp[0])
		return true;
	st = &x->s->tok[tok];
	return (h->lo != VG_SCAN_NONE && (st->loose == h->lo || st->loose == h->lo2)) ||
	       (h->zk != VG_SCAN_NONE && st->zkey == h->zk) ||
	       (h->sk != VG_SCAN_NONE && st->skel == h->sk);
}

/* (A new way to match here needs its like in may_take, which must hold
 * wherever this matches: strong_partner skips names by it.) */
static inline int match_at(const vg__run *x, uint32_t i, const vg__sname *nm, uint32_t p)
{
	uint32_t tok = x->s->ntoks[nm->tok_start + p];
	const vg__hit *h = &x->h[i];
	const vg__stok *st;
	if (h->ex == tok)
		return VG_M_EXACT | (h->clitic ? VG_M_CLITIC : 0);
	if (h->art == tok || h->ex2 == tok)
		return VG_M_EXACT;
	if (h->tr == tok || h->tr2 == tok)
		return VG_M_ENGLISH;
	if (h->grp[0] && (h->korean ? korean_variant(x, h, nm, tok) : variant(x, i, h, nm, p, tok)))
		return VG_M_VARIANT;
	if (h->lo == VG_SCAN_NONE && h->sk == VG_SCAN_NONE && h->zk == VG_SCAN_NONE)
		return VG_M_NONE;
	st = &x->s->tok[tok];
	/* a foreign name in Chinese syllables with the listed word's
	 * consonants */
	if (h->zk != VG_SCAN_NONE)
		return st->zkey == h->zk && vg__skeleton_ok(x, i, tok) ? VG_M_SKELETON : VG_M_NONE;
	/* German respells dsch, tsch, sch in any foreign name, people's too:
	 * as a case form ("Baschar": BASHAR, "Siradschuddin") */
	if ((h->german & VG_GERMAN_RESPELT) && nm->schema == VG_SCHEMA_PERSON &&
	    st->lo1 == h->lo1g && (st->loose == h->lo || st->loose == h->lo2))
		return VG_M_LOOSE;
	/* the other reading of a Cyrillic г, as a case form only; of a Latin
	 * word read the German way ("Hisbollah"), as its loose key */
	if (h->lo2 != VG_SCAN_NONE && st->loose == h->lo2) {
		if (h->german & 2)
			return nm->schema == VG_SCHEMA_PERSON ? VG_M_NONE :
			       st->lo1 == h->lo21 ? VG_M_LOOSE : VG_M_FOLDED;
		if (st->lo1 == h->lo21)
			return VG_M_LOOSE;
	}
	/* a group's members are no person, and their noun names the
	 * group as a case form of its name ("Інші", others, read "inshan",
	 * is not UNSAN) */
	if (h->member && st->loose == h->lo &&
	    (nm->schema == VG_SCHEMA_PERSON || (h->member == VG_MEMBER_PRECISE && st->lo1 != h->lo1)))
		return VG_M_NONE;
	/* a German reading is no person's name in another spelling
	 * ("Fernandes" is not FERNANDEZ), but a respelt one may have the
	 * other vowels of an Arabic name ("Chaled": KHALID) */
	if ((h->german & 1) && nm->schema == VG_SCHEMA_PERSON &&
	    !((h->german & VG_GERMAN_RESPELT) && (nm->flags & VG_SCAN_NAME_ARABIC)))
		return VG_M_NONE;
	if (h->lo != VG_SCAN_NONE && st->loose == h->lo &&
	    (!h->lo_arabic || (nm->flags & VG_SCAN_NAME_ARABIC))) {
		/* a title is its own word, no other spelling of a listed
		 * one ("Minister of Interior" names no MINISTRY OF INTERIOR) */
		if (!(st->flags & VG_STOK_TITLE) && (vg__word_class(x, i) & VG_WC_TITLE))
			return VG_M_NONE;
		/* a word of five listed as written is only another word of
		 * five spelt otherwise ("Qaeda": QAIDA; "Elisa" is no
		 * ELLISSA) */
		if (h->ex != VG_SCAN_NONE && vg__short_latin(&x->tk->v[i]) && st->len != 5)
			return VG_M_NONE;
		/* (a case form ends as the listed word or longer: a person's
		 * name with a final vowel the text's word lacks is another
		 * name, "Карим" no KARIMA) */
		if (st->lo1 == h->lo1)
			return nm->schema == VG_SCHEMA_PERSON &&
			       final_vowel(x->s->tz.pool.ptr + st->norm, st->len) &&
			       !final_vowel(x->pool + x->tk->v[i].norm, x->tk->v[i].norm_len)
			       ? VG_M_NONE : VG_M_LOOSE;
		/* People's names differ by a vowel (Chen, Cheyenne): folded
		 * vowels are for the transliterated names of organisations,
		 * and of people whose Arabic names the lists write in Latin
		 * letters with other vowels (Okacha: AKACHA), in Latin words
		 * of six letters or more ("Aşhan Soylu" is not YASSIN SYAWAL).
		 * A word of five is another vowel for a vowel, never one more
		 * or less ("Qaeda": QAIDA; "Goals" is no GALS). */
		/* Russian and Ukrainian write a place's name capitalised: a
		 * word in lower case alike with one only by its vowels is an
		 * ordinary word ("от имени", on behalf of, is no YEMEN) */
		if ((x->tk->v[i].flags & (VG_TOKF_CYRILLIC | VG_TOKF_CAP)) == VG_TOKF_CYRILLIC &&
		    (st->flags & VG_STOK_PLACE))
			return VG_M_NONE;
		if (vg__short_latin(&x->tk->v[i]))
			return nm->schema != VG_SCHEMA_PERSON &&
			       vowels(x->pool + x->tk->v[i].norm, 5) ==
			       vowels(x->s->tz.pool.ptr + st->norm, st->len) ? VG_M_FOLDED : VG_M_NONE;
		if (nm->schema != VG_SCHEMA_PERSON)
			return VG_M_FOLDED;
		/* ... whose final vowel makes another name: Persian and Arabic
		 * add -i for "of" and -a for a woman ("Mahmud" is no
		 * MAHMOUDI, "Karim" no KARIMA) */
		return (nm->flags & VG_SCAN_NAME_ARABIC) &&
		       final_vowel(x->pool + x->tk->v[i].norm, x->tk->v[i].norm_len) ==
		       final_vowel(x->s->tz.pool.ptr + st->norm, st->len) ? VG_M_FOLDED : VG_M_NONE;
	}
	/* Arabic script writes no short vowels: people's names too. */
	if (h->sk != VG_SCAN_NONE && st->skel == h->sk)
		return match_skeleton(x, i, tok, nm);
	return VG_M_NONE;
}

/* Preference among the ways a token matches: exact, English, loose,
 * folded, skeleton. */
static int match_rank(int how)
{
	static const int rank[] = { 9, 0, 2, 3, 1, 4, 2 };
	return rank[how & ~VG_M_CLITIC];
}

/* The best unused position of name nm that text token i matches, or -1;
 * *how tells how it matches (VG_M_*). */
static int find_pos(const vg__run *x, uint32_t i, const vg__sname *nm,
		    uint32_t used, int *how)
{
	const vg__hit *h = &x->h[i];
	int p, best = -1, best_m = VG_M_NONE;
	if (h->plain) {
		/* the usual case: the word as written, or nothing */
		const uint32_t *nt = x->s->ntoks + nm->tok_start;
		if (h->ex == VG_SCAN_NONE) {
			*how = VG_M_NONE;
			return -1;
		}
		for (p = 0; p < nm->n_tok; p++)
			if (nt[p] == h->ex && !(used & (1u << p))) {
				*how = VG_M_EXACT | (h->clitic ? VG_M_CLITIC : 0);
				return p;
			}
		*how = VG_M_NONE;
		return -1;
	}
	for (p = 0; p < nm->n_tok; p++) {
		int m;
		if ((used & (1u << p)) || !may_match(x, h, x->s->ntoks[nm->tok_start + p]))
			continue;
		m = match_at(x, i, nm, (uint32_t)p);
		if (m == VG_M_EXACT) {
			*how = m;
			return p;
		}
		if (m != VG_M_NONE && match_rank(m) < match_rank(best_m)) {
			best = p;
			best_m = m;
		}
	}
	*how = best_m;
	return best;
}

/* Is Arabic text token j an ordinary word (data/scan_affixes.txt
 * common-ar; with or without its one-letter clitic), or the first word of
 * an office "X العام" ("الأمين العام", the Secretary-General; "المدعي
 * العام", the attorney-general)? */
static bool arabic_common(const vg__run *x, uint32_t j)
{
	const vg__tok *t = &x->tk->v[j], *n;
	if (vg__scanner_ar_common(x->s, x->pool + t->norm, t->norm_len) ||
	    (t->alt_len && vg__scanner_ar_common(x->s, x->pool + t->alt, t->alt_len)))
		return true;
	if (j + 1 >= x->tk->n)
		return false;
	n = &x->tk->v[j + 1];
	return (t->flags & VG_TOKF_ARTICLE) && n->brk == VG_BRK_SPACE && !n->punct &&
	       (n->flags & VG_TOKF_ARTICLE) && (n->flags & VG_TOKF_ARABIC) && n->norm_len == 2 &&
	       !memcmp(x->pool + n->norm, "am", 2);
}

uint8_t vg__word_class(const vg__run *x, uint32_t j)
{
	if (!(x->wf[j] & VG_WC_LOOKED_UP)) {
		const vg__tok *t = &x->tk->v[j];
		const char *w = x->pool + t->norm;
		bool common = vg__scan_common_word(w, t->norm_len) ||
			      ((t->flags & VG_TOKF_ARABIC) && arabic_common(x, j));
		x->wf[j] |= VG_WC_LOOKED_UP |
			   (vg__scan_title_word(w, t->norm_len) ? VG_WC_TITLE : 0) |
			   (common ? VG_WC_COMMON : 0) |
			   (vg__scan_conjunction(w, t->norm_len) ? VG_WC_CONJ : 0);
	}
	return x->wf[j];
}

bool vg__place_at(const vg__run *x, uint32_t j)
{
	if (!(x->wf[j] & VG_WC_PLACE_KNOWN)) {
		const vg__tok *t = &x->tk->v[j];
		bool place = x->h[j].ex != VG_SCAN_NONE
			     ? (x->s->tok[x->h[j].ex].flags & VG_STOK_PLACE) != 0
			     : vg__scan_place_word(x->pool + t->norm, t->norm_len);
		x->wf[j] |= VG_WC_PLACE_KNOWN | (place ? VG_WC_PLACE : 0);
	}
	return (x->wf[j] & VG_WC_PLACE) != 0;
}

static bool particle(const vg__run *x, uint32_t j);

/* Does token j start a line whose line before ends with no full stop,
 * question or exclamation mark: an item of a list or of an infobox
 * ("Fratrie |\nAbdullah Safieddine"), not a sentence? */
static bool item_start(const vg__run *x, uint32_t j)
{
	const char *p, *e;
	if (j == 0)
		return false;
	p = x->text + x->tk->v[j - 1].end;
	e = x->text + x->tk->v[j].start;
	if (!memchr(p, '\n', (size_t)(e - p)))
		return false;
	for (; p < e && *p != '\n'; p++)
		if (*p == '.' || *p == '!' || *p == '?')
			return false;
	return true;
}

/* A capitalised word beside token i (same phrase; dir -1 before it, +1
 * after it, 0 both) that is not a title or ordinary word.  strict > 0: a
 * word starting the sentence counts; 0: only one known to the lists;
 * < 0: never. */
static bool capitalised_side(const vg__run *x, uint32_t i, int strict, int dir)
{
	const vg__toks *tk = x->tk;
	uint32_t js[2], j;
	int n = 0, k;
	if (dir <= 0 && i > 0 && tk->v[i].brk == VG_BRK_SPACE) {
		/* before it, past a particle hyphenated to it ("Moussab
		 * al-Barnaoui", "Anas al-Haqqani"; "von Sirajuddin" is a
		 * preposition) */
		for (j = i - 1; j > 0 && j + 2 > i && tk->v[j].brk == VG_BRK_SPACE &&
		     x->text[tk->v[j].end] == '-' && particle(x, j); j--)
			;
		js[n++] = j;
	}
	if (dir >= 0 && i + 1 < tk->n && tk->v[i + 1].brk == VG_BRK_SPACE)
		js[n++] = i + 1;
	for (k = 0; k < n; k++) {
		const vg__tok *t = &tk->v[js[k]];
		if (!(t->flags & VG_TOKF_CAP))
			continue;
		/* Capitalised only because it starts a sentence, and no name
		 * part known to the lists ("Смерть Умарова", not "Olena
		 * Zelenska"); a line of a list or an infobox starts with a
		 * name ("Enfant |\nRidha Safieddine"). */
		if (strict <= 0 && js[k] < i && (js[k] == 0 || t->brk == VG_BRK_HARD) &&
		    (strict < 0 || (!vg__is_hit(x, js[k]) && !item_start(x, js[k]))))
			continue;
		if (vg__word_class(x, js[k]) & (VG_WC_TITLE | VG_WC_COMMON))
			continue;
		return true;
	}
	return false;
}

bool vg__capitalised_neighbour(const vg__run *x, uint32_t i, bool strict)
{
	return capitalised_side(x, i, strict, 0);
}

/* A capitalised neighbour of the window a..b, outside it ("Al-Shabbaab":
 * its own capitalised particle is none). */
static bool capitalised_outside(const vg__run *x, uint32_t a, uint32_t b, int strict)
{
	return capitalised_side(x, a, strict, -1) || capitalised_side(x, b, strict, 1);
}

/* Are tokens a..b a line of their own (a footnote number glued after
 * aside): an item of a list or of an infobox, whose first word is
 * capitalised as a name's, not as a sentence's ("Aliados:\nHezbolá17\n",
 * "Группировки:\n...\nИсламское государство\n")? */
static bool alone_on_line(const vg__run *x, uint32_t a, uint32_t b)
{
	const vg__toks *tk = x->tk;
	uint32_t e = b + 1, k;

	if (a > 0 && !memchr(x->text + tk->v[a - 1].end, '\n', tk->v[a].start - tk->v[a - 1].end))
		return false;
	if (e < tk->n && tk->v[e].start == tk->v[b].end && x->text[tk->v[e].start] >= '0' &&
	    x->text[tk->v[e].start] <= '9')
		e++; /* "Hezbolá17" */
	if (e >= tk->n)
		return true;
	for (k = tk->v[e - 1].end; k < tk->v[e].start; k++)
		if (x->text[k] == '\n')
			return true;
	return false;
}

/* Arabic puts the organisation word first, without its article, in a
 * construct ("حركة حماس", "وتنظيم القاعدة"; not "كانت الحركة", "the movement
 * was"). */
static bool arabic_org_head(const vg__run *x, uint32_t a)
{
	const vg__tok *t;
	if (a == 0 || x->tk->v[a].brk > VG_BRK_SOFT || x->tk->v[a].punct)
		return false;
	t = &x->tk->v[a - 1];
	if (t->flags & VG_TOKF_ARTICLE)
		return false;
	return vg__scan_org_word(x->pool + t->norm, t->norm_len) ||
	       (t->alt_len && vg__scan_org_word(x->pool + t->alt, t->alt_len));
}

/* Does the text say that tokens a..b name an organisation?  An
 * organisation word right before or after them (same phrase: "the Taliban
 * movement", "группировка «Аш-Шабаб»", "حركة حماس"), or quotes or brackets
 * around them alone. */
bool vg__org_context(const vg__run *x, uint32_t a, uint32_t b)
{
	const vg__toks *tk = x->tk;
	uint32_t k;

	if ((tk->v[a].punct & (VG_PUNCT_QUOTE | VG_PUNCT_OPEN)) && b + 1 < tk->n &&
	    (tk->v[b + 1].punct & (VG_PUNCT_QUOTE | VG_PUNCT_CLOSE)))
		return true;
	if (tk->v[a].flags & VG_TOKF_ARABIC)
		return arabic_org_head(x, a);
	/* Chinese ends a name with the word for what kind of body it is
	 * ("真主党", the party of God) */
	if ((tk->v[b].flags & VG_TOKF_TRANSLATED) &&
	    vg__scan_org_word(x->pool + tk->v[b].norm, tk->v[b].norm_len))
		return true;
	for (k = a > 0 ? a - 1 : a; k <= b + 1 && k < tk->n; k += (k + 1 == a ? b - a + 2 : 1)) {
		const vg__tok *t = &tk->v[k];
		if (k >= a && k <= b)
			continue;
		if ((k < a && tk->v[a].brk > VG_BRK_SOFT) || (k > b && t->brk > VG_BRK_SOFT))
			continue;
		if (vg__scan_org_word(x->pool + t->norm, t->norm_len))
			return true;
		/* ... or before an adjective before them ("del grupo
		 * extremista Estado Islámico") */
		if (k + 1 == a && k > 0 && t->brk <= VG_BRK_SOFT && !t->punct &&
		    !(t->flags & VG_TOKF_CAP) && vg__scan_describing(x->pool + t->norm, t->norm_len) &&
		    vg__scan_org_word(x->pool + tk->v[k - 1].norm, tk->v[k - 1].norm_len))
			return true;
	}
	return false;
}

bool vg__kin_group_beside(const vg__run *x, uint32_t i)
{
	const vg__toks *tk = x->tk;
	const vg__tok *t;
	if (i > 0 && tk->v[i].brk == VG_BRK_SPACE) {
		t = &tk->v[i - 1];
		if (vg__scan_clan_word(x->pool + t->norm, t->norm_len))
			return true;
	}
	if (i + 1 < tk->n && tk->v[i + 1].brk == VG_BRK_SPACE) {
		t = &tk->v[i + 1];
		if (vg__scan_clan_word(x->pool + t->norm, t->norm_len))
			return true;
	}
	return false;
}

/* Is token j preceded by a particle hyphenated to it ("al-Chabab")? */
static bool hyphenated_particle(const vg__run *x, uint32_t j)
{
	const vg__tok *p;
	if (j == 0 || x->tk->v[j].brk != VG_BRK_SPACE)
		return false;
	p = &x->tk->v[j - 1];
	return x->text[p->end] == '-' && !(p->flags & (VG_TOKF_CAP | VG_TOKF_UNCASED)) &&
	       p->norm_len <= 4 && vg__scan_weak_word(x->pool + p->norm, p->norm_len);
}

/* Is token j the Arabic article in lower case hyphenated to the next word
 * ("al-Cham", "el-", "ash-Shabaab", "аль-Ислам")? */
static bool article_joined(const vg__run *x, uint32_t j)
{
	const vg__tok *t = &x->tk->v[j];
	const char *w = x->pool + t->norm;
	if (j + 1 >= x->tk->n || (t->flags & (VG_TOKF_CAP | VG_TOKF_UNCASED)) ||
	    x->text[t->end] != '-' || x->tk->v[j + 1].start != t->end + 1)
		return false;
	return x->h[j].art != VG_SCAN_NONE ||
	       (t->norm_len == 2 && (w[0] == 'a' || w[0] == 'e') && w[1] == 'l');
}

/* Is Arabic text token j a word of some listed name and no ordinary word
 * (what a capital says in other scripts: a part of a name), or the head
 * of a compound name before its second word ("عبد الكريم", data/
 * scan_affixes.txt compound-head-ar)? */
static bool arabic_name_word(const vg__run *x, uint32_t j)
{
	const vg__tok *t = &x->tk->v[j];
	size_t k, n = t->end - t->start;
	if (!(t->flags & VG_TOKF_ARABIC))
		return false;
	if (j + 1 < x->tk->n && (x->tk->v[j + 1].flags & VG_TOKF_ARTICLE) &&
	    x->tk->v[j + 1].brk == VG_BRK_SPACE)
		for (k = 0; k < vg__sd_ar_compound_head_n; k++)
			if (strlen(vg__sd_ar_compound_head[k]) == n &&
			    !memcmp(vg__sd_ar_compound_head[k], x->text + t->start, n))
				return true;
	return vg__is_hit(x, j) && !(vg__word_class(x, j) & VG_WC_COMMON);
}

static bool gap_ok(const vg__run *x, uint32_t j, const vg__sname *nm)
{
	const vg__tok *t = &x->tk->v[j];
	uint8_t wc = vg__word_class(x, j);
	if (wc & VG_WC_TITLE)
		return false;
	/* A possessive's noun is what the phrase names: "Hamas's envoy in
	 * Cairo" is an envoy, not a body HAMAS IN CAIRO. */
	if (j > 0 && (x->tk->v[j - 1].flags & VG_TOKF_POSSESSIVE))
		return false;
	/* Inside a person's name only another name part (capitalised) may
	 * sit between two matched tokens. */
	if (nm->schema == VG_SCHEMA_PERSON)
		return ((t->flags & VG_TOKF_CAP) && !(wc & VG_WC_COMMON)) ||
		       (t->flags & VG_TOKF_ZH_NAME); /* 奥萨马·本·拉登 */
	/* Inside an organisation's name only an ordinary word may: a place
	 * or a word of listed names there names another body or another
	 * branch ("Islamic State Sahel Province" is not the Khorasan
	 * Province, "Harakat al-Chabab al-Moudjahidin" not Harakat
	 * ul-Mujahidin), and without capitals (Arabic) that cannot be told. */
	if (t->flags & VG_TOKF_UNCASED)
		return false;
	if (!(t->flags & VG_TOKF_CAP))
		return true;
	if (vg__place_at(x, j))
		return false;
	if (wc & VG_WC_COMMON)
		return true;
	/* a capitalised word after a particle hyphenated to it is a name's
	 * word ("Harakat al-Chabab al-Moudjahidin") */
	return !vg__is_hit(x, j) && !hyphenated_particle(x, j);
}

/* Capitals count on the strong words of the name only ("The" starting a
 * sentence is no evidence). */
static void note_cap(const vg__run *x, uint32_t j, const vg__sname *nm,
		     uint32_t p, window *w)
{
	const vg__stok *st = &x->s->tok[x->s->ntoks[nm->tok_start + p]];
	if (st->flags & (VG_STOK_WEAK | VG_STOK_TITLE))
		return;
	if (vg__tok_cap(&x->tk->v[j]))
		w->cap = 1;
	else
		w->all_cap = 0;
}

/* Token j is a word of the name already used: a repetition ("Sirajuddin
 * Haqqani, Haqqani Network") starts another mention, it is no gap. */
static bool repeats(const vg__run *x, uint32_t j, const vg__sname *nm)
{
	uint32_t p;
	if (!vg__is_hit(x, j)) /* (the usual case) */
		return false;
	for (p = 0; p < nm->n_tok; p++)
		if (may_match(x, &x->h[j], x->s->ntoks[nm->tok_start + p]) && match_at(x, j, nm, p))
			return true;
	return false;
}

/* A gap at token j can only be closed by a hit right after it, or after
 * the text's particles ("Al-Qaïda aux Pays du Maghreb"). */
static bool gap_closable(const vg__run *x, uint32_t j, int dir)
{
	uint32_t k = j;
	int skipped = 0;

	for (;;) {
		if (dir > 0) {
			if (k + 1 >= x->tk->n || x->tk->v[k + 1].brk > VG_BRK_SOFT)
				return false;
			k++;
		} else {
			if (k == 0 || x->tk->v[k].brk > VG_BRK_SOFT)
				return false;
			k--;
		}
		if (vg__is_hit(x, k))
			return true;
		/* (in an Arabic name's chain of forebears, the next name
		 * word: "مصطفى عبد الكريم") */
		if ((!particle(x, k) && !(arabic_name_word(x, j) && arabic_name_word(x, k))) ||
		    ++skipped > 2)
			return false;
	}
}

/* Is particle j worth stepping over: after it and at most one more, a hit,
 * or a word a hit closes as a gap?  (Most particles of running text lead
 * nowhere: "of the" in news prose.) */
static bool particle_leads(const vg__run *x, uint32_t j, int dir)
{
	uint32_t k = j;
	int n;
	for (n = 0; n < 2; n++) {
		if (dir > 0 ? (k + 1 >= x->tk->n || x->tk->v[k + 1].brk > VG_BRK_SOFT)
			    : (k == 0 || x->tk->v[k].brk > VG_BRK_SOFT))
			return false;
		k = dir > 0 ? k + 1 : k - 1;
		if (vg__is_hit(x, k))
			return true;
		if (!particle(x, k))
			return gap_closable(x, k, dir);
	}
	return false;
}

/* Marks position p of the name as matched by text token j. */
static void take(const vg__run *x, const vg__sname *nm, window *w, uint32_t j,
		 int p, int how)
{
	w->used |= 1u << p;
	if (how == VG_M_ENGLISH)
		w->translated = 1;
	if (how != VG_M_EXACT && how != VG_M_ENGLISH)
		w->loose_mask |= 1u << p;
	if (how == VG_M_FOLDED || how == VG_M_SKELETON)
		w->fold_mask |= 1u << p;
	if (how == VG_M_FOLDED && vg__short_latin(&x->tk->v[j]))
		w->short_fold = 1;
	if (how == VG_M_SKELETON) {
		w->skel_mask |= 1u << p;
		w->skel_w[p] = x->h[j].skw;
	}
	note_cap(x, j, nm, (uint32_t)p, w);
}

#define VG_SCAN_SCRIPT (VG_TOKF_UNCASED | VG_TOKF_CYRILLIC | VG_TOKF_ARABIC)

/* Arabic script has no case: a preposition as written ("في", in;
 * data/scan_affixes.txt particle-ar). */
static bool arabic_particle(const vg__run *x, const vg__tok *t)
{
	size_t k, n = t->end - t->start;
	for (k = 0; k < vg__sd_ar_particles_n; k++)
		if (strlen(vg__sd_ar_particles[k]) == n &&
		    !memcmp(vg__sd_ar_particles[k], x->text + t->start, n))
			return true;
	return false;
}

/* Token j is a particle of the text in lower case ("du", "aux", "of"). */
static bool particle(const vg__run *x, uint32_t j)
{
	const vg__tok *t = &x->tk->v[j];
	if (x->h[j].art != VG_SCAN_NONE)
		return true;
	if ((t->flags & (VG_TOKF_CAP | VG_TOKF_UNCASED)) || t->norm_len > 4)
		return (t->flags & VG_TOKF_ARABIC) && arabic_particle(x, t);
	/* a word of listed names knows (one letter is weak there too) */
	if (x->h[j].ex != VG_SCAN_NONE)
		return (x->s->tok[x->h[j].ex].flags & VG_STOK_WEAK) != 0;
	return vg__scan_weak_word(x->pool + t->norm, t->norm_len);
}

/* Token j is "and" (a listed word knows it). */
static bool conjunction(const vg__run *x, uint32_t j)
{
	if (x->h[j].ex != VG_SCAN_NONE)
		return (x->s->tok[x->h[j].ex].flags & VG_STOK_CONJ) != 0;
	return (vg__word_class(x, j) & VG_WC_CONJ) != 0;
}

/* Tokens i and j are written in the same script. */
static bool same_script(const vg__run *x, uint32_t i, uint32_t j)
{
	return (x->tk->v[i].flags & VG_SCAN_SCRIPT) == (x->tk->v[j].flags & VG_SCAN_SCRIPT);
}

/* Is one of the n particles skipped a conjunction ("and", "и")? */
static bool joins(const vg__run *x, const uint32_t *skipped, int n)
{
	int k;
	for (k = 0; k < n; k++)
		if (conjunction(x, skipped[k]))
			return true;
	return false;
}

/* Is text token j, matching position p of name nm, a particle hyphenated
 * to a next word that matches no other unused position of the name? */
static bool hyphenated_away(const vg__run *x, const vg__sname *nm, const window *w,
			    uint32_t j, int p)
{
	const vg__toks *tk = x->tk;
	int how;
	if (!(x->s->tok[x->s->ntoks[nm->tok_start + p]].flags & VG_STOK_WEAK) ||
	    j + 1 >= tk->n || tk->v[j + 1].brk != VG_BRK_SPACE || x->text[tk->v[j].end] != '-')
		return false;
	return find_pos(x, j + 1, nm, w->used | (1u << p), &how) < 0;
}

/* Extends the window from its edge in direction dir (+1 right, -1 left). */
static void grow_side(const vg__run *x, const vg__sname *nm, window *w, int dir)
{
	const vg__toks *tk = x->tk;
	uint32_t pending = VG_SCAN_NONE, j = dir > 0 ? w->b : w->a, last = j;
	int p, how, particles = 0, prev_p = w->anchor_p, run = 0;
	bool forebears = false;
	uint32_t skipped[2]; /* the particles skipped since the last match */

	for (;;) {
		uint32_t next, edge;
		if (dir > 0) {
			if (j + 1 >= tk->n)
				break;
			next = j + 1;
			edge = next;
		} else {
			if (j == 0)
				break;
			next = j - 1;
			edge = j;
		}
		if (tk->v[edge].brk > VG_BRK_SOFT)
			break;
		p = find_pos(x, next, nm, w->used, &how);
		/* a Korean name read from Chinese characters is three of
		 * them side by side, on one line */
		if (p >= 0 && (x->h[next].korean || x->h[j].korean) &&
		    tk->v[edge - 1].end != tk->v[edge].start)
			break;
		/* An Arabic clitic ("and", "with") starts a name, never
		 * continues one ("ياسين وبعض": Yasin and some). */
		if (p >= 0 && (dir > 0 ? (how & VG_M_CLITIC) : w->a_clitic))
			break;
		/* particles skipped join words of one script ("احمدی as the
		 * new" is no name) */
		if (p >= 0 && last + 1 != next && next + 1 != last && !same_script(x, last, next))
			break;
		/* A particle hyphenated to the word after it belongs to that
		 * word ("АЛЬ-ШАБАБ / АЛЬ-КАИДА": the second al is Qaida's). */
		if (p >= 0 && dir > 0 && hyphenated_away(x, nm, w, next, p))
			break;
		if (p >= 0) {
			if (dir < 0)
				w->a_clitic = (how & VG_M_CLITIC) != 0;
			how &= ~VG_M_CLITIC;
			if (dir > 0 ? p < prev_p : p > prev_p) {
				/* words of two names the text joins ("Jund
				 * Allah and Ansar Allah" holds no "Allah and
				 * Ansar") */
				if (joins(x, skipped, particles))
					break;
				w->reordered = 1;
			}
			prev_p = p;
			take(x, nm, w, next, p, how);
			last = next;
			/* two particles between two words of the name ("Province
			 * de l'Afrique de l'Ouest") */
			particles = 0;
			if (pending != VG_SCAN_NONE)
				w->gaps++;
			pending = VG_SCAN_NONE;
			if (dir > 0)
				w->b = next;
			else
				w->a = next;
		} else if (particle(x, next) && particles < 2 && particle_leads(x, next, dir) &&
			   ((nm->flags & VG_SNAME_CONJ) || !conjunction(x, next))) {
			skipped[particles++] = next;
			/* the text's own particles ("Al-Qaïda aux Pays du
			 * Maghreb") are no gap; the window ends on a match */
		} else if (w->gaps == 0 &&
			   (pending == VG_SCAN_NONE || (forebears && run < 3)) &&
			   gap_closable(x, next, dir) &&
			   (gap_ok(x, next, nm) ||
			    /* an Arabic name's chain of forebears, which
			     * lists cut short, after its given name and
			     * father's ("أيمن محمد ربيع مصطفى عبد الكريم
			     * الظواهري": AIMAN MUHAMMED RABI AL-ZAWAHIRI) */
			    (forebears = nm->schema == VG_SCHEMA_PERSON && dir > 0 &&
					 (w->used & (w->used - 1)) != 0 &&
					 arabic_name_word(x, next))) &&
			   !repeats(x, next, nm)) {
			if (pending == VG_SCAN_NONE)
				pending = next;
			run++;
		} else {
			break;
		}
		j = next;
	}
}

/* The window of name nm grown around anchor i; false when i matches no
 * position of it. */
static bool grow(const vg__run *x, const vg__sname *nm, uint32_t i, window *w)
{
	int p, how;

	memset(w, 0, offsetof(window, skel_w));
	w->all_cap = 1;
	if ((p = find_pos(x, i, nm, 0, &how)) < 0)
		return false;
	w->a_clitic = (how & VG_M_CLITIC) != 0;
	take(x, nm, w, i, p, how & ~VG_M_CLITIC);
	w->anchor_p = p;
	w->a = w->b = i;
	grow_side(x, nm, w, 1);
	grow_side(x, nm, w, -1);
	return true;
}

/* The weight of the matched positions and the count of distinct strong
 * words among them. */
static void weigh(const vg__run *x, const vg__sname *nm, window *w)
{
	const vg__scanner *s = x->s;
	double wp;
	int p, q;

	double wsum = nm->wsum;

	w->common_all = 1;
	w->plain_all = 1;
	w->place_all = 1;
	w->given_all = 1;
	for (p = 0; p < nm->n_tok; p++) {
		const vg__stok *st = &s->tok[s->ntoks[nm->tok_start + p]];
		if (!(w->used & (1u << p))) {
			if (p == nm->kind_pos) {
				w->kind_unsaid = 1;
				continue;
			}
			if (!(st->flags & (VG_STOK_WEAK | VG_STOK_TITLE)))
				w->missing = 1;
			if (st->flags & VG_STOK_PLACE)
				w->missing_place = 1;
			continue;
		}
		/* A skeleton says no more than the words that share it. */
		wp = st->w;
		if ((w->skel_mask & (1u << p)) && w->skel_w[p] < wp)
			wp = w->skel_w[p];
		wp *= (w->fold_mask & ~w->skel_mask & (1u << p)) ? 0.8 :
		      (w->loose_mask & (1u << p)) ? 0.9 : 1.0;
		w->wm += wp;
		if (st->flags & VG_STOK_GENERIC)
			w->wm_generic += wp;
		w->wm_raw += wp;
		/* The same word twice ("SA'ID, Sa'id") is one piece of
		 * evidence. */
		for (q = 0; q < p; q++)
			if ((w->used & (1u << q)) &&
			    s->ntoks[nm->tok_start + q] == s->ntoks[nm->tok_start + p])
				break;
		if (q == p && !(st->flags & (VG_STOK_WEAK | VG_STOK_TITLE))) {
			w->strong_m++;
			if (!(st->flags & (VG_STOK_COMMON | VG_STOK_GENERIC)))
				w->common_all = 0;
			if (!(st->flags & (VG_STOK_COMMON | VG_STOK_GENERIC | VG_STOK_PLACE)))
				w->plain_all = 0;
			if (!(st->flags & VG_STOK_PLACE))
				w->place_all = 0;
			if (!(st->flags & VG_STOK_GIVEN_COMMON))
				w->given_all = 0;
		}
	}
	/* The name said whole but for the word of its kind ("the Islamic
	 * State in West Africa"): as whole; else that word is missing too. */
	if (w->kind_unsaid && !w->missing)
		wsum -= s->tok[s->ntoks[nm->tok_start + nm->kind_pos]].w;
	else if (w->kind_unsaid)
		w->missing = 1;
	w->cover = wsum > 0 ? w->wm / wsum : 0;
	if (w->cover > 1)
		w->cover = 1;
}

/* A person named by a later given name and the family name, where the
 * list writes another first ("Usama bin Laden" is not HAMZA USAMA MUHAMMAD
 * BIN LADEN, whose father Usama was). */
static bool wrong_first_name(const vg__sname *nm, const window *w)
{
	int p;
	if (nm->schema != VG_SCHEMA_PERSON || nm->strong < 3 ||
	    nm->given_pos == VG_SCAN_NO_POS || (w->used & (1u << nm->given_pos)))
		return false;
	for (p = 0; p < nm->n_tok; p++)
		if ((w->used & (1u << p)) && p != nm->family_pos && p != nm->given_pos &&
		    p > nm->given_pos)
			return true;
	return false;
}

/* A person's family name with none of the listed given names, right after
 * another capitalised word of the same phrase that the window left out:
 * someone else of that family ("Zoilamérica Ortega Murillo" is not ORTEGA
 * MURILLO, Juan Carlos; "Joaquín Guzmán López" not GUZMAN LOPEZ, Ovidio). */
static bool other_given_name(const vg__run *x, const vg__sname *nm, const window *w)
{
	return nm->schema == VG_SCHEMA_PERSON && nm->given_pos != VG_SCAN_NO_POS &&
	       nm->family_pos != VG_SCAN_NO_POS && !(w->used & (1u << nm->given_pos)) &&
	       (w->used & (1u << nm->family_pos)) && capitalised_side(x, w->a, 0, -1);
}

/* Only words after the first particle that follows a strong word of an
 * organisation's name ("... OF AL-QAEDA IN IRAQ" of "KURDISTAN BRIGADE OF
 * AL-QAEDA IN IRAQ"): the text names what that body is of, not the body.
 * An Arabic name's head noun, which a text may leave unsaid, is no such
 * word: "AL-QA'IDA FI ..." of "TANZIM AL-QA'IDA FI ..." is the name. */
static bool tail_only(const vg__scanner *s, const vg__sname *nm, uint32_t used)
{
	uint32_t p;
	bool strong = false;
	for (p = 0; p < nm->n_tok; p++) {
		uint16_t f = s->tok[s->ntoks[nm->tok_start + p]].flags;
		bool part = (f & VG_STOK_WEAK) && !(f & VG_STOK_GENERIC);
		if (p == nm->kind_pos)
			continue;
		if (part && strong)
			return (used & ((1u << p) - 1)) == 0;
		if (!(f & (VG_STOK_WEAK | VG_STOK_TITLE)))
			strong = true;
	}
	return false;
}

/* Are the text's words of the window, from first to last, particles at
 * either end aside, a place of two words or more ("Buenos Aires", "de
 * Buenos Aires", "Bosnia y Herzegovina", "Санкт-Петербурге";
 * data/scan_place_phrases.txt)? */
static bool place_phrase(const vg__run *x, const window *w)
{
	char buf[96];
	size_t n = 0;
	uint32_t k, a = w->a, b = w->b;

	while (a < b && particle(x, a))
		a++;
	while (b > a && particle(x, b))
		b--;
	if (b <= a || b - a > 8)
		return false;
	for (k = a; k <= b; k++) {
		const vg__tok *t = &x->tk->v[k];
		const char *s = x->pool + t->norm;
		size_t l = t->norm_len;
		if (k > a && (t->brk != VG_BRK_SPACE || t->punct & ~VG_PUNCT_DASH))
			return false;
		if (vg__word_class(x, k) & VG_WC_CONJ) {
			s = "and";
			l = 3;
		}
		if (n + l + 1 >= sizeof(buf) || (t->flags & VG_TOKF_ARABIC))
			return false;
		if (n)
			buf[n++] = ' ';
		memcpy(buf + n, s, l);
		n += l;
	}
	if (vg__scan_place_phrase(buf, n))
		return true;
	/* Cyrillic, as transliterated there, in a case form: its last word
	 * less the ending ("в Санкт-Петербурге") */
	if (x->tk->v[b].flags & VG_TOKF_CYRILLIC)
		for (k = 0; k < vg__sd_endings_n; k++) {
			size_t el = vg__sd_endings_len[k];
			if (x->tk->v[b].norm_len >= el + 4 && !memcmp(buf + n - el, vg__sd_endings[k], el) &&
			    vg__scan_place_phrase(buf, n - el))
				return true;
		}
	return false;
}

/* Words that many names share and nothing distinctive: who is meant
 * cannot be told. */
static bool says_nobody(const vg__run *x, const vg__sname *nm, const window *w)
{
	if (nm->schema != VG_SCHEMA_PERSON && tail_only(x->s, nm, w->used))
		return true;
	/* Two given names that many listed people have, and nothing else,
	 * name nobody in particular unless written as listed ("Khalid Shaikh
	 * Mohammed"): not a part of it, nor in another order than listed
	 * ("Muhammad Hussein, Ali" is not "Ali Abu-Mukhammad"; a name listed
	 * "FAMILY, Given" is written either way), nor in other spellings
	 * ("Mohamed Yusuf" is not the alias MOHAMMAD YUSUF of someone); three
	 * or more of them ("Ahmed Ali Abdullah Saleh") may. */
	if (nm->schema == VG_SCHEMA_PERSON && w->given_all && w->strong_m <= 2 &&
	    (w->missing || (w->reordered && !(nm->flags & VG_SNAME_SURNAME_FIRST)) ||
	     w->loose_mask))
		return true;
	/* Places and ordinary words only, and not all of the name: the
	 * listed name's distinctive word is missing ("Europe and the Americas"
	 * is not the COMMITTEE FOR EUROPE AND THE AMERICAS, "the Democratic
	 * People's Republic of Korea" not its central bank). */
	if (w->plain_all && w->missing)
		return true;
	/* Places only name a place ("Persian Gulf", listed for PERSIAN GULF
	 * SHIPPING LINES; "Buenos Aires" for BUENOS AIRES SERVICIOS S.A.),
	 * unless the text says an organisation is meant. */
	return (w->place_all || (nm->schema != VG_SCHEMA_PERSON && place_phrase(x, w))) &&
	       !vg__org_context(x, w->a, w->b);
}

/* Is token i right after a definite article of the same phrase ("l'État
 * islamique")? */
static bool article_before(const vg__run *x, uint32_t i)
{
	const vg__tok *t;
	/* Arabic writes it onto the word ("الدولة الإسلامية") */
	if (x->tk->v[i].flags & VG_TOKF_ARTICLE)
		return true;
	if (i == 0 || x->tk->v[i].brk != VG_BRK_SPACE || x->tk->v[i].punct)
		return false;
	t = &x->tk->v[i - 1];
	return !(t->flags & VG_SCAN_SCRIPT) && vg__scan_article(x->pool + t->norm, t->norm_len);
}

/* Is token j a lower-case particle of the text ("de", "en", "of") with a
 * capitalised word after it in the same phrase? */
static bool particle_before_cap(const vg__run *x, uint32_t j)
{
	const vg__toks *tk = x->tk;
	return j + 1 < tk->n && tk->v[j].brk == VG_BRK_SPACE && tk->v[j + 1].brk == VG_BRK_SPACE &&
	       !(tk->v[j].flags & (VG_TOKF_CAP | VG_TOKF_UNCASED)) && tk->v[j].norm_len <= 4 &&
	       vg__scan_weak_word(x->pool + tk->v[j].norm, tk->v[j].norm_len) &&
	       (tk->v[j + 1].flags & VG_TOKF_CAP);
}

/* Is token a a Cyrillic word capitalised inside a sentence?  Russian and
 * Ukrainian capitalise only the first word of a name and no ordinary
 * adjective: "в Исламском государстве" is a name, "исламское государство"
 * and a word starting a sentence are not. */
static bool cyrillic_proper(const vg__run *x, uint32_t a)
{
	const vg__tok *t = &x->tk->v[a];
	return (t->flags & VG_TOKF_CYRILLIC) && (t->flags & VG_TOKF_CAP) &&
	       !(t->flags & VG_TOKF_ALLCAPS) && a > 0 && t->brk != VG_BRK_HARD &&
	       !(t->punct & (VG_PUNCT_NEWLINE | VG_PUNCT_COLON));
}

/* Is a Cyrillic word after the first of tokens a..b capitalised (not in
 * capitals)?  Russian and Ukrainian capitalise no ordinary word there:
 * "Исламское Государство Ирак", starting a line, is a name. */
static bool cyrillic_title_case(const vg__run *x, uint32_t a, uint32_t b)
{
	uint32_t k;
	for (k = a + 1; k <= b; k++) {
		const vg__tok *t = &x->tk->v[k];
		if ((t->flags & VG_TOKF_CYRILLIC) && (t->flags & VG_TOKF_CAP) &&
		    !(t->flags & VG_TOKF_ALLCAPS))
			return true;
	}
	return false;
}

/* A translated name of ordinary words the text gives with its definite
 * article ("l'État islamique", "el Estado Islámico"): 1.  Part of a longer
 * name: a particle and a capitalised word after it ("État islamique en
 * Afrique de l'Ouest", another party) or before the article ("Province
 * d'Afrique de l'Ouest de l'État islamique"): -1.  Else 0. */
static int after_article(const vg__run *x, uint32_t a, uint32_t b)
{
	if (b + 2 < x->tk->n && particle_before_cap(x, b + 1))
		return -1;
	if (!article_before(x, a) && !cyrillic_proper(x, a) && !cyrillic_title_case(x, a, b) &&
	    !alone_on_line(x, a, b))
		return 0;
	if (a >= 3 && x->tk->v[a - 1].brk == VG_BRK_SPACE && x->tk->v[a - 2].brk == VG_BRK_SPACE &&
	    (x->tk->v[a - 3].flags & VG_TOKF_CAP) && !(x->tk->v[a - 2].flags & VG_TOKF_CAP) &&
	    vg__scan_weak_word(x->pool + x->tk->v[a - 2].norm, x->tk->v[a - 2].norm_len))
		return -1;
	return 1;
}

/* A name of two strong words or more: score, or < 0 when not enough. */
/* Does the window leave out a word of the name other than a particle,
 * title, father's name, or (`also`) other words of these flags? */
static bool misses_name_word(const vg__scanner *s, const vg__sname *nm, uint32_t used,
			     uint16_t also)
{
	uint32_t p;
	for (p = 0; p < nm->n_tok; p++)
		if (!(used & (1u << p)) &&
		    !(s->tok[s->ntoks[nm->tok_start + p]].flags &
		      (VG_STOK_WEAK | VG_STOK_TITLE | VG_STOK_PATRONYMIC | also)))
			return true;
	return false;
}

/* Does every strong word the window matched match only with its vowels
 * folded (or as a skeleton)? */
static bool all_folded(const vg__scanner *s, const vg__sname *nm, const window *w)
{
	uint32_t p;
	for (p = 0; p < nm->n_tok; p++)
		if ((w->used & (1u << p)) && !(w->fold_mask & (1u << p)) &&
		    !(s->tok[s->ntoks[nm->tok_start + p]].flags & (VG_STOK_WEAK | VG_STOK_TITLE)))
			return false;
	return true;
}

/* Does the window hold an ordinary Arabic word (particles aside) where
 * words are read as a name listed in other letters ("حول العالم", around
 * the world, is no HAJI ALIM HAWALA; "قام مكتب", the office did, no
 * MAKTAB AL-AMN AL-QAWMI)? */
static bool arabic_word_inside(const vg__run *x, const window *w)
{
	uint32_t k;
	if (!((w->skel_mask | w->loose_mask) & w->used))
		return false;
	for (k = w->a; k <= w->b; k++) {
		const vg__tok *t = &x->tk->v[k];
		if ((t->flags & VG_TOKF_ARABIC) && !arabic_particle(x, t) &&
		    (vg__word_class(x, k) & VG_WC_COMMON))
			return true;
	}
	return false;
}

/* Does the window leave out a strong word of the name between two it
 * matched (SUSTAINABLE ELECTRONICS DEVELOPMENT for "Sustainable
 * Development")?  A place may go unsaid ("Workers' Party Central Military
 * Commission" of the WORKERS' PARTY OF KOREA CENTRAL MILITARY
 * COMMISSION). */
static bool skips_inner_word(const vg__scanner *s, const vg__sname *nm, uint32_t used)
{
	int p, lo = -1, hi = -1;
	for (p = 0; p < nm->n_tok; p++)
		if (used & (1u << p)) {
			if (lo < 0)
				lo = p;
			hi = p;
		}
	for (p = lo + 1; lo >= 0 && p < hi; p++)
		if (!(used & (1u << p)) &&
		    !(s->tok[s->ntoks[nm->tok_start + p]].flags &
		      (VG_STOK_WEAK | VG_STOK_TITLE | VG_STOK_PLACE)))
			return true;
	return false;
}

/* Share of the weight of a word unique to one listed party below which a
 * word is one that many listed people share (akhund, df 20 of 12,421: 0.68;
 * khamenei, df 2: 0.93). */
#define SHARED_WORD 0.75

/* Is the listed word at position p of name nm matched in the window by a
 * text word that is all of it but its nisba's -i or -y ("Омар" of OMARI):
 * another name, not a case form, which is never shorter than the name
 * (other letters a spelling may drop: "Насралла" is NASRALLAH, "الأمين"
 * AMINE)? */
static bool cut_short(const vg__run *x, const vg__sname *nm, const window *w, uint32_t p)
{
	const vg__stok *st = &x->s->tok[x->s->ntoks[nm->tok_start + p]];
	uint32_t j;
	for (j = w->a; j <= w->b; j++) {
		const vg__tok *t = &x->tk->v[j];
		if (t->norm_len + 1 == st->len &&
		    strchr("iy", x->s->tz.pool.ptr[st->norm + st->len - 1]) &&
		    match_at(x, j, nm, p) != VG_M_NONE &&
		    !memcmp(x->pool + t->norm, x->s->tz.pool.ptr + st->norm, t->norm_len))
			return true;
	}
	return false;
}

/* A person's name said by a given name that many people have and one more
 * word that says little: that word matched by a text word that is only its
 * start ("Мухаммед Омар" is not MOHAMMAD IBRAHIM OMARI), or shared by many
 * listed people with a word of the name left out ("Мухаммад Ахунд" is not
 * MOHAMMAD HASSAN AKHUND).  Such a pair names many people.  (A word alike
 * only with its vowels folded is not enough to tell: "Abu Muhammad
 * al-Joulani" is AL-JAWLANI, "Djamel Okacha" AKACHA.) */
static bool common_pair(const vg__run *x, const vg__sname *nm, const window *w)
{
	const vg__scanner *s = x->s;
	int p, given = 0;
	bool weak = false;
	if (nm->schema != VG_SCHEMA_PERSON || w->strong_m != 2)
		return false;
	for (p = 0; p < nm->n_tok; p++) {
		const vg__stok *st = &s->tok[s->ntoks[nm->tok_start + p]];
		if (!(w->used & (1u << p)) || (st->flags & (VG_STOK_WEAK | VG_STOK_TITLE)))
			continue;
		if (st->flags & VG_STOK_GIVEN_COMMON)
			given++;
		else if (((w->loose_mask & (1u << p)) && cut_short(x, nm, w, (uint32_t)p)) ||
			 (w->missing && st->w < SHARED_WORD * s->max_weight))
			weak = true;
	}
	return given == 1 && weak;
}

/* Chinese words translating every strong word of the name: Chinese
 * writes the name whole and its ordinary sense with other words (伊斯兰国
 * is the Islamic State; an Islamic country is 伊斯兰国家, cut as another
 * word, data/scan_chinese.txt). */
static bool chinese_whole(const vg__run *x, const window *w)
{
	uint32_t k;
	if (w->missing)
		return false;
	for (k = w->a; k <= w->b; k++)
		if (!(x->tk->v[k].flags & VG_TOKF_TRANSLATED))
			return false;
	return true;
}

/* Is the window a body's name in Chinese words followed, with nothing
 * between, by the word of one of its organs (新疆生产建设兵团委员会, the
 * Corps' committee): another body? */
static bool chinese_organ(const vg__run *x, const vg__sname *nm, const window *w)
{
	const vg__tok *t = &x->tk->v[w->b];
	return nm->schema != VG_SCHEMA_PERSON && (t->flags & VG_TOKF_TRANSLATED) &&
	       vg__zh_subunit_at(x->text, t->end, x->text_len);
}

static const vg__sname *entity_first(const vg__scanner *s, const vg__sname *nm);

/* A person named by a frequent family name ([surnames]) and a given name
 * many people bear (one many listed people have, or a name part common
 * in some name culture: data/name_freq.txt), and nothing else, in either
 * order ("Abdullah Qazi" for Qazi ABDULLAH): a name many namesakes answer
 * to.  It is the listed person's only where the list writes it so, whole,
 * with the person's own family name; not where it leaves a given name out
 * ("Khalid al-Ubaydi" for AL-UBAYDI, Khalid Sa'id Ghabish; a father's name
 * may be), nor where that family name is only another name of the
 * person's (a former name, an alias: "Maria Zakharova" for Maria
 * OSETROVA, born ZAKHAROVA). */
static bool common_full_name(const vg__scanner *s, const vg__sname *nm, const window *w)
{
	const vg__sname *e = entity_first(s, nm);
	int p, family = 0;
	if (nm->schema != VG_SCHEMA_PERSON || w->strong_m != 2 || nm->family_pos == VG_SCAN_NO_POS ||
	    !(w->used & (1u << nm->family_pos)))
		return false;
	for (p = 0; p < nm->n_tok; p++) {
		const vg__stok *st = &s->tok[s->ntoks[nm->tok_start + p]];
		const char *norm = s->tz.pool.ptr + st->norm;
		const vg__lex_word *lw;
		if (!(w->used & (1u << p)) || (st->flags & (VG_STOK_WEAK | VG_STOK_TITLE)))
			continue;
		if (!family && vg__scan_surname_word(norm, st->len)) {
			family = 1;
			continue;
		}
		if (st->flags & VG_STOK_GIVEN_COMMON)
			continue;
		if (!(lw = vg__lex_word_find(norm, st->len)) || !lw->freq)
			return false;
	}
	return family && (misses_name_word(s, nm, w->used, 0) || e->family_pos == VG_SCAN_NO_POS ||
	       s->ntoks[e->tok_start + e->family_pos] != s->ntoks[nm->tok_start + nm->family_pos]);
}

/* Is window w an Arabic name translated word by word, its words all said
 * ("دولة العراق الإسلامية", the Islamic State of Iraq: state, Iraq,
 * Islamic)?  A place among its ordinary words is one of them: Arabic
 * writes the place's name as the lists' English does. */
static bool arabic_translated(const vg__run *x, const window *w)
{
	return w->translated && !w->missing && (x->tk->v[w->a].flags & VG_TOKF_ARABIC) &&
	       (x->tk->v[w->b].flags & VG_TOKF_ARABIC);
}

static double judge_full(const vg__run *x, const vg__sname *nm, window *w)
{
	if (w->strong_m < 2 || !w->cap || wrong_first_name(nm, w) || other_given_name(x, nm, w) ||
	    says_nobody(x, nm, w) ||
	    arabic_word_inside(x, w) || common_pair(x, nm, w) || chinese_organ(x, nm, w))
		return -1;
	/* A short word alike only with its vowels folded needs a partner
	 * that agrees as written or as a case form ("Front el-Nosra" is the
	 * AL-NUSRAH FRONT; "Feraye Gülen" no FERRO GILAN COMPLEX). */
	if (w->short_fold && all_folded(x->s, nm, w))
		return -1;
	/* A person's name with another name word inside where the listed one
	 * has a word the text leaves out: another person ("Alfonso Gómez
	 * Méndez" is not LOPEZ MENDEZ, Alfonso; "Tomás Mojarro Medina" not
	 * MEDINA CARACAS, Tomas). */
	if (nm->schema == VG_SCHEMA_PERSON && w->gaps && misses_name_word(x->s, nm, w->used, 0))
		return -1;
	/* So is an organisation's where the one left out is no generic word
	 * or place ("Under Secretary of State for Political Affairs" is not
	 * the STATE AFFAIRS COMMISSION). */
	if (nm->schema != VG_SCHEMA_PERSON && w->gaps &&
	    misses_name_word(x->s, nm, w->used, VG_STOK_GENERIC | VG_STOK_PLACE))
		return -1;
	/* An organisation's name is said whole: its words side by side in
	 * the text where the list has a word between them name another body
	 * ("Sustainable Development" is not SUSTAINABLE ELECTRONICS
	 * DEVELOPMENT). */
	if (nm->schema != VG_SCHEMA_PERSON && !w->reordered && !w->gaps &&
	    skips_inner_word(x->s, nm, w->used))
		return -1;
	/* Chinese translates all of a name: a part of one names another body
	 * or none ("圣战组织", a jihad organisation, is not the ISLAMIC JIHAD
	 * ORGANIZATION) */
	if ((x->tk->v[w->a].flags & VG_TOKF_TRANSLATED) && w->missing)
		return -1;
	/* Ordinary words only: every strong word of the name (a translation
	 * has particles of its own: "Partido de Dios" is PARTY OF GOD),
	 * capitalised (a translation capitalises its first word only:
	 * "Estado Islámico", "État islamique"). */
	if (w->common_all && ((w->translated ? w->missing : w->cover < 0.99) || !(w->all_cap ||
	    (w->translated && vg__tok_cap(&x->tk->v[w->a])))))
		return -1;
	/* Half the name's weight and, in absolute terms, about what one
	 * unique word weighs (two common given names are not enough:
	 * "Mohammed Ali"); then most of the weight, or a person's family name
	 * ("Nicolás Maduro" for "MADURO MOROS, Nicolas"; not "Julio César"
	 * for "NASSER DAVID, Julio Cesar"), or else the rarest word. */
	if (w->cover < 0.5)
		return -1;
	if (w->wm_raw < 0.9 * x->s->max_weight) {
		/* Ordinary words only, all of them, capitalised ("Islamic
		 * State", "Golden Star"): the party only when the text names
		 * it otherwise too, or says it is an organisation. */
		int article = w->translated ? after_article(x, w->a, w->b) : 0;
		if (!(w->common_all || (arabic_translated(x, w) && w->plain_all)) || article < 0)
			return -1;
		if (!vg__org_context(x, w->a, w->b) && !article && !chinese_whole(x, w))
			w->weak = 1;
	}
	/* Part of a name: half of it without its generic words ("تنظيم
	 * القاعدة", the Qaida organisation, is not THE ORGANIZATION OF
	 * AL-QAIDA IN THE ISLAMIC MAGHREB). */
	if (w->cover < 0.8 && (w->wm - w->wm_generic) < 0.5 * nm->wsum)
		return -1;
	if (w->cover < 0.8) {
		if (nm->schema == VG_SCHEMA_PERSON && nm->family_pos != VG_SCAN_NO_POS) {
			if (!(w->used & (1u << nm->family_pos)))
				return -1;
			/* Spelt in Arabic script, where a family name ("نور
			 * الدين") is as often a given one: with a given name. */
			if ((x->tk->v[w->a].flags & VG_TOKF_ARABIC) && nm->given_pos != VG_SCAN_NO_POS &&
			    !(w->used & (1u << nm->given_pos)))
				return -1;
		} else if (!(w->used & (1u << nm->max_pos))) {
			return -1;
		}
	}
	/* A name many namesakes answer to: the listed person only where the
	 * text names that person otherwise too. */
	if (common_full_name(x->s, nm, w))
		w->weak = 1;
	return 0.5 + 0.5 * w->cover - 0.1 * w->gaps;
}

/* Is the one word at token i part of a longer capitalised name: a
 * capitalised word before it that no sentence start explains and is no
 * ordinary word or title ("Mario Rosneft"), or one after it, unless that
 * one is a listed name's word and this one long ("Россотрудничества Евгений
 * Примаков" is the agency and then its head; "Tara Rahimi" a person)? */
static bool part_of_longer(const vg__run *x, uint32_t i)
{
	const vg__toks *tk = x->tk;
	uint32_t j;

	/* a Cyrillic name in capitals ends where the capitals do ("лидер
	 * ХАМАС Яхья Синвар", the leader of Hamas and his name: Russian puts
	 * the body's name before its leader's, where English stacks names
	 * into a longer one, "the IRGC Basij militia") */
	if ((tk->v[i].flags & (VG_TOKF_ALLCAPS | VG_TOKF_CYRILLIC)) ==
	    (VG_TOKF_ALLCAPS | VG_TOKF_CYRILLIC))
		return false;

	/* a possessive ends a name ("the IRGC's Basij militia") */
	if (i > 0 && tk->v[i].brk == VG_BRK_SPACE && !tk->v[i].punct &&
	    !(tk->v[i - 1].flags & VG_TOKF_POSSESSIVE)) {
		const vg__tok *t = &tk->v[i - 1];
		j = i - 1;
		if ((t->flags & VG_TOKF_CAP) && !(vg__word_class(x, j) & (VG_WC_TITLE | VG_WC_COMMON)) &&
		    !(j == 0 || t->brk == VG_BRK_HARD) && t->norm_len >= 2)
			return true;
	}
	if (i + 1 < tk->n && tk->v[i + 1].brk == VG_BRK_SPACE && !tk->v[i + 1].punct &&
	    !(tk->v[i].flags & VG_TOKF_POSSESSIVE)) {
		const vg__tok *t = &tk->v[i + 1];
		j = i + 1;
		if ((t->flags & VG_TOKF_CAP) && !(vg__word_class(x, j) & (VG_WC_TITLE | VG_WC_COMMON)) &&
		    (!vg__is_hit(x, j) || tk->v[i].norm_len < 7))
			return true;
	}
	return false;
}

/* Most capitalised words after a particle that org_name_after reads. */
#define ORG_AFTER_MAX 4

/* Do the capitalised words from text token j on, as far as the capitals
 * go in the same phrase, spell the whole of a listed organisation's name
 * as written ("Boko Haram")?  Then the word before the particle is named
 * beside that body ("Ansaru von Boko Haram", split from it), not the head
 * of a longer name of its own. */
static bool org_name_after(const vg__run *x, uint32_t j)
{
	const vg__scanner *s = x->s;
	const vg__toks *tk = x->tk;
	uint32_t ids[ORG_AFTER_MAX], n = 0, k, pi, rare;

	for (k = j; k < tk->n && n < ORG_AFTER_MAX; k++) {
		if ((k > j && (tk->v[k].brk != VG_BRK_SPACE || tk->v[k].punct)) ||
		    !(tk->v[k].flags & VG_TOKF_CAP))
			break;
		if (x->h[k].ex == VG_SCAN_NONE)
			return false;
		ids[n++] = x->h[k].ex;
	}
	if (n < 2 || (k < tk->n && n == ORG_AFTER_MAX && tk->v[k].brk == VG_BRK_SPACE &&
		      !tk->v[k].punct && (tk->v[k].flags & VG_TOKF_CAP)))
		return false;
	/* the names holding its rarest word */
	for (rare = 0, k = 1; k < n; k++)
		if (s->post_start[ids[k] + 1] - s->post_start[ids[k]] <
		    s->post_start[ids[rare] + 1] - s->post_start[ids[rare]])
			rare = k;
	for (pi = s->post_start[ids[rare]]; pi < s->post_start[ids[rare] + 1]; pi++) {
		const vg__sname *nm = &s->names[s->post[pi]];
		if (nm->schema == VG_SCHEMA_PERSON || nm->schema == VG_SCHEMA_VESSEL ||
		    nm->schema == VG_SCHEMA_AIRPLANE || nm->n_tok != n)
			continue;
		for (k = 0; k < n && s->ntoks[nm->tok_start + k] == ids[k]; k++)
			;
		if (k == n)
			return true;
	}
	return false;
}

/* Is the one word at token i followed by a particle of the text and two
 * capitalised words, the first no place or title ("Alliance of Small
 * Island ...", "Alliance des Forces Démocratiques"), that are not the
 * whole name of another listed body (org_name_after)?  One capitalised
 * word says little where every noun has a capital ("mit den Taliban in
 * Verbindung"). */
static bool heads_longer(const vg__run *x, uint32_t i)
{
	const vg__toks *tk = x->tk;
	return i + 3 < tk->n && !tk->v[i + 1].punct && particle_before_cap(x, i + 1) &&
	       !tk->v[i + 2].punct && !vg__place_at(x, i + 2) &&
	       !(vg__word_class(x, i + 2) & VG_WC_TITLE) && tk->v[i + 3].brk == VG_BRK_SPACE &&
	       !tk->v[i + 3].punct && (tk->v[i + 3].flags & VG_TOKF_CAP) &&
	       !org_name_after(x, i + 2);
}

/* The particles of name nm ("al", not the legal form "company"). */
static int particles(const vg__scanner *s, const vg__sname *nm)
{
	int p, n = 0;
	for (p = 0; p < nm->n_tok; p++) {
		uint16_t f = s->tok[s->ntoks[nm->tok_start + p]].flags;
		if ((f & VG_STOK_WEAK) && !(f & VG_STOK_GENERIC))
			n++;
	}
	return n;
}

/* An Arabic word of six letters or more whose consonants few listed
 * words share, the whole of the name but for particles ("طالبان"; not
 * "خالدي", a family name, for AL-KHALIDI EXCHANGE). */
static bool distinctive_arabic(const vg__run *x, uint32_t at, const vg__sname *nm,
			       const vg__stok *st)
{
	const vg__tok *tt = &x->tk->v[at];
	bool zh = (tt->flags & VG_TOKF_ZH_NAME) != 0;
	if (!(tt->flags & (VG_TOKF_ARABIC | VG_TOKF_ZH_NAME)) || tt->norm_len < 6 ||
	    (zh ? (x->h[at].zk == VG_SCAN_NONE || st->zkey != x->h[at].zk)
		: (x->h[at].sk == VG_SCAN_NONE || st->skel != x->h[at].sk)) ||
	    x->h[at].skw < 0.7f * x->s->max_weight || nm->n_tok - particles(x->s, nm) != 1)
		return false;
	/* a word of a person's name Chinese parts with dots (谢尔盖·绍伊古)
	 * is no body's one-word name (SHOGA) */
	if (zh && nm->schema != VG_SCHEMA_PERSON &&
	    ((at > 0 && vg__zh_dot_between(x->text, &x->tk->v[at - 1], tt)) ||
	     (at + 1 < x->tk->n && vg__zh_dot_between(x->text, tt, &x->tk->v[at + 1]))))
		return false;
	/* A quote opened before it and not closed after it: a longer name
	 * ("المرابطون على أرض الإسراء"). */
	return !(tt->punct & (VG_PUNCT_QUOTE | VG_PUNCT_OPEN)) ||
	       (at + 1 < x->tk->n && (x->tk->v[at + 1].punct & (VG_PUNCT_QUOTE | VG_PUNCT_CLOSE)));
}

/* The vowel groups of a Latin word (y between consonants is a vowel). */
static int syllables(const char *w, size_t n)
{
	int count = 0;
	bool in = false;
	size_t i;
	for (i = 0; i < n; i++) {
		bool v = strchr("aeiou", w[i]) != NULL ||
			 (w[i] == 'y' && i > 0 && !strchr("aeiou", w[i - 1]));
		if (v && !in)
			count++;
		in = v;
	}
	return count;
}

/* Is the name a company's brand and its legal form ("S-CAPE LIMITED",
 * "CANAL S.A.", "KHALIDI COMPANY"), of which the window matched the brand
 * only? */
static bool brand_alone(const vg__sname *nm, uint32_t used)
{
	return nm->legal && !(nm->legal & used) && !(nm->legal & (1u << nm->max_pos));
}

/* Is text token i capitalised only by its place, first in a sentence or a
 * line that runs on in lower case ("Якщо говорити", "Este tipo",
 * "Computers have"; not a table's cell "Houthis")? */
static bool capital_by_place(const vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i], *u;
	if ((t->flags & (VG_TOKF_ALLCAPS | VG_TOKF_UNCASED)) ||
	    !(i == 0 || t->brk == VG_BRK_HARD || (t->punct & VG_PUNCT_NEWLINE)) || i + 1 >= x->tk->n)
		return false;
	u = &x->tk->v[i + 1];
	return u->brk == VG_BRK_SPACE && !(u->punct & VG_PUNCT_NEWLINE) &&
	       !(u->flags & (VG_TOKF_CAP | VG_TOKF_UNCASED));
}

/* The hashes of the normalised forms the text writes in lower case (a
 * set, open addressing; 0 marks a free slot), made on first use. */
int vg__lower_forms(vg__run *x)
{
	uint32_t i, n = 0, mask;
	if (x->lower)
		return 0;
	for (x->lower_cap = 64; x->lower_cap < 2 * x->tk->n; x->lower_cap *= 2)
		;
	if (!(x->lower = vg__calloc(x->lower_cap, sizeof(*x->lower))))
		return vg__error_oom();
	mask = x->lower_cap - 1;
	for (i = 0; i < x->tk->n; i++) {
		const vg__tok *t = &x->tk->v[i];
		uint32_t h, p;
		if (t->flags & (VG_TOKF_CAP | VG_TOKF_UNCASED))
			continue;
		h = vg__key_hash32(x->pool + t->norm, t->norm_len) | 1;
		for (p = h & mask; x->lower[p] && x->lower[p] != h; p = (p + 1) & mask)
			;
		if (!x->lower[p] && ++n)
			x->lower[p] = h;
	}
	return 0;
}

/* Does the text also write token i's word in lower case (vg__lower_forms)? */
bool vg__lower_elsewhere(const vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i];
	uint32_t h, p, mask;
	if (!x->lower)
		return false;
	mask = x->lower_cap - 1;
	h = vg__key_hash32(x->pool + t->norm, t->norm_len) | 1;
	for (p = h & mask; x->lower[p]; p = (p + 1) & mask)
		if (x->lower[p] == h)
			return true;
	return false;
}

/* How many letters of the acronym a[0..an), in order, are initials of the
 * words ini[0..n) read forward (dir 1) or backward (-1)? */
static int initials_matched(const char *a, size_t an, const char *ini, int n, int dir)
{
	int k = dir > 0 ? 0 : n - 1, got = 0;
	size_t j;
	for (j = 0; j < an; j++) {
		int q;
		for (q = k; q >= 0 && q < n && ini[q] != a[j]; q += dir)
			;
		if (q < 0 || q >= n)
			continue;
		got++;
		k = q + dir;
	}
	return got;
}

/* Is text token i an acronym in brackets right after the phrase it
 * stands for ("Station spatiale internationale (ISS)", "Inkatha
 * Freiheitspartei (IFP)"; not "Helmut Kohl (CDU)"): two of its letters or
 * more the initials of the words before, in either order?  The text says
 * what it stands for: the party only when the text names it so. */
static bool defines_acronym(const vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i];
	char ini[8];
	int n = 0, need;
	uint32_t j;
	size_t k;
	if (!(t->flags & VG_TOKF_ALLCAPS) || !(t->punct & VG_PUNCT_OPEN) || i == 0 ||
	    (i + 1 < x->tk->n && !(x->tk->v[i + 1].punct & VG_PUNCT_CLOSE)))
		return false;
	for (k = x->tk->v[i - 1].end; k < t->start; k++)
		if (x->text[k] != ' ' && x->text[k] != '(')
			return false;
	/* the initials of the words before it in its sentence, last first */
	for (j = i; j > 0 && n < (int)sizeof(ini); j--) {
		const vg__tok *u = &x->tk->v[j - 1];
		if (!vg__scan_weak_word(x->pool + u->norm, u->norm_len))
			ini[n++] = x->pool[u->norm];
		if (u->brk == VG_BRK_HARD)
			break;
	}
	need = t->norm_len < 4 ? 2 : (int)(t->norm_len + 1) / 2;
	return initials_matched(x->pool + t->norm, t->norm_len, ini, n, -1) >= need ||
	       initials_matched(x->pool + t->norm, t->norm_len, ini, n, 1) >= need;
}

/* May Cyrillic token i end in a case ending (a vowel: "Хезболлы",
 * "Талибана"), which a name in the nominative after it does not make
 * part of a longer name ("Лидер Хезболлы Хасан Насралла"), as it does a
 * given name ending in a consonant ("Севастьян Зуев")? */
static bool case_ending(const vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i];
	return t->norm_len && strchr("aeiouy", x->pool[t->norm + t->norm_len - 1]) != NULL;
}

/* Most entities one one-word name may name before it says too little. */
#define SOLO_MAX 4
/* Most names a word may be part of and still be a one-word name. */
#define SOLO_DF_MAX 64
/* The score of a given name and a person's by-name (given_and_byname):
 * as a full name of two words, one of them a common given name. */
#define GIVEN_BYNAME_SCORE 0.85

/* Does the window leave out initials of the name, its legal form aside
 * ("M.S.P.-KALA" for "Кала-ата")?  An organisation's initials are part of
 * its name. */
static bool initials_unsaid(const vg__scanner *s, const vg__sname *nm, uint32_t used)
{
	int p;
	for (p = 0; p < nm->n_tok; p++) {
		const vg__stok *st = &s->tok[s->ntoks[nm->tok_start + p]];
		if (!(used & (1u << p)) && !(nm->legal & (1u << p)) && st->len == 1 &&
		    !(st->flags & VG_STOK_HAN))
			return true;
	}
	return false;
}

/* Is text token j a word the lists hold as written in a name, no given
 * name, ordinary word, place, title or particle ("Hezbollah" of KATA'IB
 * HEZBOLLAH)?  Such a word is a name's wherever it stands: capitalised
 * at the start of a sentence it is no ordinary word ("Hezbollah said on
 * Monday", HIZBALLAH spelt otherwise). */
static bool listed_as_written(const vg__run *x, uint32_t j)
{
	return x->h[j].ex != VG_SCAN_NONE && !x->h[j].clitic &&
	       !(x->s->tok[x->h[j].ex].flags & (VG_STOK_GIVEN | VG_STOK_COMMON | VG_STOK_PLACE |
						 VG_STOK_TITLE | VG_STOK_WEAK | VG_STOK_PATRONYMIC |
						 VG_STOK_GENERIC));
}

/* Is Latin text token i a word after a plural article of the same phrase
 * ("les talibans", "los talibanes", "des Houthis", "los talibán")?  French
 * and Spanish name a group by its members so, in lower case too: such a
 * word may anchor a one-word name (judge_single). */
bool vg__plural_noun(const vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i], *p;
	if (i == 0 || t->brk != VG_BRK_SPACE || t->punct ||
	    (t->flags & (VG_TOKF_CYRILLIC | VG_TOKF_ARABIC | VG_TOKF_UNCASED | VG_TOKF_HAN)) ||
	    t->norm_len < 5)
		return false;
	p = &x->tk->v[i - 1];
	return vg__scan_plural_article(x->pool + p->norm, p->norm_len);
}

/* ... and the listed word st in the plural: with an s or es more (or it
 * ends in s itself, HOUTHIS), or as written where Spanish leaves a
 * foreign word as it is ("los talibán")?  A short listed word is too
 * often an ordinary one's singular ("los países" is no PAIS). */
static bool plural_of(const vg__run *x, uint32_t at, const vg__stok *st)
{
	const vg__tok *t = &x->tk->v[at];
	if (!vg__plural_noun(x, at))
		return false;
	if (st->len < PLURAL_MIN)
		return false;
	return x->pool[t->norm + t->norm_len - 1] == 's' ? t->norm_len > st->len ||
	       x->s->tz.pool.ptr[st->norm + st->len - 1] == 's' : true;
}

/* A one-word name (plus particles or legal forms) of an organisation:
 * the text's word, capitalised, is the whole listed name of at most a few
 * entities ("Taliban", "Hamas", "HESA"), four letters or more (three in
 * capitals: an acronym), no ordinary word, place, given name or ordinary
 * acronym ("Hope", "Union", "Denise", "NATO"), and no part of a longer
 * capitalised name around it unless the text says it is an organisation's
 * name; score, or < 0 when not enough. */
/* A person's one-word name (a by-name the list gives: GODANE for Ahmed Abdi
 * AW-MOHAMED) right after the given name of another of that person's
 * listed names ("Ahmed Godane", "Ахмед Годане"): the person, named as the
 * news names people, by a given name and the name they are known by.  The
 * window then takes the given name in. */
static double given_and_byname(const vg__run *x, const vg__sname *nm, window *w)
{
	const vg__scanner *s = x->s;
	const vg__stok *st = &s->tok[s->ntoks[nm->tok_start + nm->max_pos]];
	const vg__sname *e, *end = s->names + s->n_names;
	uint32_t at = w->a;
	const vg__tok *t = &x->tk->v[at];

	/* both words capitalised in the same script (Arabic has no capitals
	 * to tell a name: "حزب الله Hizbullah" is no Hizb Ullah KHAN) */
	if (w->a != w->b || at == 0 || t->brk != VG_BRK_SPACE || t->punct ||
	    ((t->flags | x->tk->v[at - 1].flags) & VG_TOKF_UNCASED) || !same_script(x, at - 1, at) ||
	    !(t->flags & VG_TOKF_CAP) || !(x->tk->v[at - 1].flags & VG_TOKF_CAP) || st->len < 5 ||
	    (st->flags & (VG_STOK_COMMON | VG_STOK_PLACE | VG_STOK_GIVEN | VG_STOK_ACRONYM |
			  VG_STOK_GENERIC | VG_STOK_HAN)))
		return -1;
	for (e = entity_first(s, nm); e < end && e->entity == nm->entity; e++) {
		uint32_t g = e->given_pos != VG_SCAN_NO_POS ? e->given_pos : e->family_pos ? 0 : 1;
		if (e->schema != VG_SCHEMA_PERSON || e->strong < 2 || g >= e->n_tok ||
		    g == e->family_pos)
			continue;
		if (vg__hits_tok(x, at - 1, s->ntoks[e->tok_start + g])) {
			w->a = at - 1;
			return GIVEN_BYNAME_SCORE;
		}
	}
	return -1;
}

static double judge_single(const vg__run *x, const vg__sname *nm, window *w)
{
	const vg__scanner *s = x->s;
	const vg__stok *st = &s->tok[s->ntoks[nm->tok_start + nm->max_pos]];
	const vg__tok *tt = NULL;
	uint32_t k, at = 0;
	bool latin_loose, cyr, plural;

	if (!(w->used & (1u << nm->max_pos)) || w->gaps || initials_unsaid(s, nm, w->used))
		return -1;
	if (nm->schema == VG_SCHEMA_PERSON)
		return given_and_byname(x, nm, w);
	if (nm->schema == VG_SCHEMA_VESSEL || nm->schema == VG_SCHEMA_AIRPLANE)
		return -1;
	/* (a body's name less its kind word may be a person's given name
	 * too, as a rarer one: "Abu Sayyaf" is the ABU SAYYAF GROUP's before
	 * it is AL-MALIZI, Abu Sayyaf's) */
	if ((st->flags & (VG_STOK_COMMON | VG_STOK_PLACE | VG_STOK_ACRONYM |
			  VG_STOK_GENERIC | VG_STOK_HAN)) ||
	    ((st->flags & VG_STOK_GIVEN) &&
	     (!(nm->flags & VG_SNAME_KINDLESS) || (st->flags & VG_STOK_GIVEN_COMMON))) ||
	    st->solo > SOLO_MAX || st->df > SOLO_DF_MAX)
		return -1;
	/* The text token that matched the distinctive word. */
	for (k = w->a; k <= w->b; k++)
		if (match_at(x, k, nm, nm->max_pos)) {
			tt = &x->tk->v[k];
			at = k;
		}
	if (!tt)
		return -1;
	/* A word the list itself calls too broad to name the party alone (a
	 * weak alias of one word), alike only by its consonants, is too
	 * little ("سيستان", Sistan, is no SHASTAN) */
	if ((nm->flags & VG_SCAN_NAME_WEAK) && nm->n_tok == 1 &&
	    (w->skel_mask & (1u << nm->max_pos)))
		return -1;
	plural = plural_of(x, at, st) || x->h[at].member;
	if (!vg__tok_cap(tt) && !plural)
		return -1;
	if (st->len < ((tt->flags & VG_TOKF_ALLCAPS) ? 3 : 4))
		return -1;
	/* One word loosely alike is too little ("Indali" is not JINDALLAE,
	 * "Группа" is not GRAPO) unless it is a case form
	 * ("Россотрудничества"), or a long word only spelt otherwise
	 * ("Хезболла", "Hezbolá", "Shabbaab", "Chabab") or the text says it
	 * is an organisation's. */
	latin_loose = (w->loose_mask & (1u << nm->max_pos)) &&
		      !(tt->flags & (VG_TOKF_CYRILLIC | VG_TOKF_ARABIC)) &&
		      !(w->fold_mask & (1u << nm->max_pos));
	if (latin_loose && (tt->norm_len < 7 || st->len < 7))
		return -1;
	/* ... and a listed word of four letters alike only with other vowels
	 * is any word of the text's ("Уставом", by the Charter, folds as
	 * ASTU, an alias of AFAQ DUBAI) */
	if ((w->fold_mask & (1u << nm->max_pos)) && st->len < 5)
		return -1;
	/* ... and a Latin spelling of it has as many syllables ("Garissa" is
	 * not LOS GUERROS; Hezbolá is Hizballah) */
	if ((w->fold_mask & (1u << nm->max_pos)) &&
	    !(tt->flags & (VG_TOKF_CYRILLIC | VG_TOKF_ARABIC | VG_TOKF_UNCASED)) &&
	    syllables(x->pool + tt->norm, tt->norm_len) !=
	    syllables(s->tz.pool.ptr + st->norm, st->len))
		return -1;
	/* Russian and Ukrainian write a foreign name with the vowels they
	 * hear ("Хезболла"), and capitalise no ordinary word but the first
	 * of a sentence: there a long word spelt otherwise is the name too
	 * ("Хезболла заявила", "Лидер Хезболлы"), and a name after a case
	 * form is another's, in the genitive's usual place ("Лидер Хезболлы
	 * Хасан Насралла"); a word capitalised only by its place that the
	 * text also writes in lower case is caught below. */
	cyr = (tt->flags & VG_TOKF_CYRILLIC) != 0;
	if (((w->fold_mask & (1u << nm->max_pos)) || latin_loose) &&
	    !(tt->flags & (VG_TOKF_ARABIC | VG_TOKF_ZH_NAME)) &&
	    (tt->norm_len < 7 || st->len < 7 ||
	     (cyr ? capitalised_side(x, w->a, -1, -1) ||
		    (!case_ending(x, at) && capitalised_side(x, w->b, -1, 1))
		  : capitalised_outside(x, w->a, w->b, 1)) ||
	     (!cyr && !listed_as_written(x, at) &&
	      (at == 0 || tt->brk == VG_BRK_HARD || (tt->punct & VG_PUNCT_NEWLINE)))) &&
	    !vg__org_context(x, w->a, w->b) && !plural && !alone_on_line(x, w->a, w->b))
		w->weak = 1;
	/* Every word of a script without capitals looks like a name: there
	 * the text must say it is an organisation's ("حركة حماس"), unless the
	 * word is long and its consonants distinctive ("طالبان"); three
	 * letters are an ordinary word ("قيد" is no Qaida). */
	if ((w->skel_mask & (1u << nm->max_pos)) && tt->norm_len < 4)
		return -1;
	/* ... and an ordinary word of the text, whatever listed word it may
	 * spell ("حدث", it happened, is no AL-HADITH; "Группа", a group, no
	 * GRAPO) */
	if (vg__word_class(x, at) & VG_WC_COMMON)
		return -1;
	if ((tt->flags & VG_TOKF_UNCASED) && !vg__org_context(x, w->a, w->b) &&
	    !distinctive_arabic(x, at, nm, st))
		w->weak = 1;
	if (w->a == w->b && part_of_longer(x, at) && !vg__org_context(x, w->a, w->b))
		return -1;
	/* ... or a family's name ("the Haqqani family", "la familia
	 * Haqqani"): the kin the body is named after */
	if (w->a == w->b && vg__kin_group_beside(x, at))
		return -1;
	/* ... or the head of one, "of" capitalised words after it ("the
	 * Alliance of Small Island Developing States", not ALLIANCE; "Hamas of
	 * Gaza" is Hamas) */
	if (w->a == w->b && heads_longer(x, at))
		return -1;
	/* A brand the list writes with its legal form, alone: a word of the
	 * language as often ("Canal", "Cape", "Shell"), and spelt otherwise
	 * never the brand ("Hollywood" is no KHALIDI COMPANY, "Київ" no KAVE
	 * S.A.); and a word capitalised only because it starts a sentence,
	 * which the text also writes in lower case, is an ordinary one
	 * ("Этим", "Computers"): the party only when the text names it
	 * otherwise too, or says it is an organisation. */
	if (brand_alone(nm, w->used) &&
	    ((w->loose_mask & (1u << nm->max_pos)) || w->translated))
		return -1;
	if ((brand_alone(nm, w->used) || (capital_by_place(x, at) && vg__lower_elsewhere(x, at))) &&
	    !vg__org_context(x, w->a, w->b))
		w->weak = 1;
	if (w->a == w->b && defines_acronym(x, at))
		w->weak = 1;
	return 0.75 + 0.25 * w->cover;
}

/* Is text token j, as written or as a case form, a listed word that is
 * alone the name of an organisation ("Al-Qaeda": AL QAEDA), and no given
 * name, ordinary word, place or title?  Spelt otherwise, too many words
 * are some body's ("Lívia" folds as a company's name). */
static bool solo_org_word(const vg__run *x, uint32_t j)
{
	const vg__hit *h = &x->h[j];
	const vg__lkey *lk;
	uint32_t q;
	if (h->ex != VG_SCAN_NONE)
		return listed_as_written(x, j) && x->s->tok[h->ex].solo;
	if (h->lo == VG_SCAN_NONE)
		return false;
	lk = &x->s->lo.lk[h->lo];
	for (q = 0; q < lk->count; q++) {
		const vg__stok *st = &x->s->tok[x->s->lo.toks[lk->start + q]];
		if (st->lo1 == h->lo1 && st->solo &&
		    !(st->flags & (VG_STOK_GIVEN | VG_STOK_COMMON | VG_STOK_PLACE | VG_STOK_TITLE |
				   VG_STOK_WEAK | VG_STOK_GENERIC)))
			return true;
	}
	return false;
}

/* Does the text write an organisation word in lower case ("le groupe
 * Ansar Dine")?  Then it capitalises one only in a name; German, which
 * capitalises every noun, does not. */
static bool org_words_lower(vg__run *x)
{
	uint32_t i;
	if (!x->org_lower) {
		x->org_lower = -1;
		for (i = 0; i < x->tk->n; i++) {
			const vg__tok *t = &x->tk->v[i];
			if (!(t->flags & (VG_TOKF_CAP | VG_TOKF_UNCASED)) &&
			    vg__scan_org_word(x->pool + t->norm, t->norm_len)) {
				x->org_lower = 1;
				break;
			}
		}
	}
	return x->org_lower > 0;
}

/* An organisation's name preceded by another capitalised word that is no
 * ordinary word, title or place, and does not start the sentence: the
 * text names a longer organisation ("Militarizado Partido Comunista del
 * Perú" is not the Partido Comunista del Perú).  An organisation word is
 * part of that longer name only where the text writes such words in lower
 * case otherwise ("le Front Ansar Dine" beside "le groupe Ansar Dine";
 * German's "die Gruppe Ansar Dine" is the group). */
static bool inside_longer_name(vg__run *x, const vg__sname *nm, const window *w)
{
	const vg__toks *tk = x->tk;
	const vg__tok *t;
	uint32_t a = w->a, j;

	if (nm->schema == VG_SCHEMA_PERSON || a == 0)
		return false;
	/* the Arabic article the window left out, hyphenated to its first
	 * word, after a word of listed names: the two words are one Arabic
	 * name ("Ahrar al-Cham", the free men of the Levant, is no CHAM;
	 * "Hayat Tahrir al-Cham"), where a noun of the text's own is another
	 * phrase ("das US-Außenministerium al-Shabaab") */
	if (a > 1 && article_joined(x, a - 1)) {
		if (!vg__is_hit(x, a - 2))
			return false;
		a--;
	}
	if (tk->v[a].brk != VG_BRK_SPACE || tk->v[a].punct)
		return false;
	j = a - 1;
	t = &tk->v[j];
	/* an initial or a list label ("C. Al-Qaida in ...") is no name, and
	 * a word starting a line is capitalised by its place (an infobox's
	 * row: "Aliados Ansar al-Islam") */
	if (!(t->flags & VG_TOKF_CAP) || j == 0 || t->brk == VG_BRK_HARD || t->norm_len < 2 ||
	    (t->punct & VG_PUNCT_NEWLINE))
		return false;
	if (vg__scan_org_word(x->pool + t->norm, t->norm_len))
		return org_words_lower(x);
	if ((vg__word_class(x, j) & (VG_WC_TITLE | VG_WC_COMMON)) ||
	    vg__scan_place_word(x->pool + t->norm, t->norm_len) ||
	    vg__scan_weak_word(x->pool + t->norm, t->norm_len))
		return false;
	/* another body's one-word name ends where this one starts ("del
	 * grupo vinculado a Al-Qaeda Jabhat al-Nusra"): two names side by
	 * side, not a longer one */
	return !solo_org_word(x, j);
}

/* An organisation's name after a capitalised word for a school, an
 * academy, a hospital ([institutions]) and "of" (with its article): the
 * text names that institution, named after the organisation ("Academy of
 * the Federal Security Service", "Académie du FSB"), unless the listed
 * name holds that word itself. */
static bool institution_of(const vg__run *x, const vg__sname *nm, const window *w)
{
	const vg__toks *tk = x->tk;
	const vg__tok *t;
	uint32_t j = w->a, steps = 0, p;
	if (nm->schema == VG_SCHEMA_PERSON)
		return false;
	while (j > 0 && steps < 2 && tk->v[j].brk == VG_BRK_SPACE && !tk->v[j].punct &&
	       vg__scan_weak_word(x->pool + tk->v[j - 1].norm, tk->v[j - 1].norm_len)) {
		j--;
		steps++;
	}
	if (!steps || j == 0 || tk->v[j].brk != VG_BRK_SPACE || tk->v[j].punct)
		return false;
	t = &tk->v[j - 1];
	if (!(t->flags & VG_TOKF_CAP) || !vg__scan_institution_word(x->pool + t->norm, t->norm_len))
		return false;
	for (p = 0; p < nm->n_tok; p++) {
		const vg__stok *st = &x->s->tok[x->s->ntoks[nm->tok_start + p]];
		if (st->len == t->norm_len && !memcmp(x->s->tz.pool.ptr + st->norm, x->pool + t->norm, st->len))
			return false;
	}
	return true;
}

/* Does listed name o hold a word of a word list (is: the list's test)? */
static bool name_holds(const vg__scanner *s, const vg__sname *o,
		       bool (*is)(const char *norm, size_t len))
{
	uint32_t q;
	for (q = 0; q < o->n_tok; q++) {
		const vg__stok *st = &s->tok[s->ntoks[o->tok_start + q]];
		if (is(s->tz.pool.ptr + st->norm, st->len))
			return true;
	}
	return false;
}

/* An organisation's name right after the word "front" ([fronts]) where the
 * listed name holds no such word: the text names a front of that name, no
 * listed body of its own ("Front Ansar al-Din", "جبهة أنصار الدين", "Фронта
 * Ансар ад-Дин", a Syrian front, are not ANSAR AL-DINE of Mali; "Front
 * al-Nosra" is the AL-NUSRAH FRONT). */
static bool front_before(const vg__run *x, const vg__sname *nm, const window *w)
{
	const vg__tok *t;

	if (nm->schema == VG_SCHEMA_PERSON || w->a == 0 || x->tk->v[w->a].brk != VG_BRK_SPACE ||
	    x->tk->v[w->a].punct)
		return false;
	t = &x->tk->v[w->a - 1];
	return vg__scan_front_word(x->pool + t->norm, t->norm_len) &&
	       !name_holds(x->s, nm, vg__scan_front_word);
}

/* An organisation's name with a word for its dissidents right after it, or
 * capitalised before it, past particles, as the start of their own name
 * ("FARC dissidents", "Disidencias de las FARC-EP", "Disidencia del EPL";
 * not "issu d'une dissidence du Groupe islamique armé"): the text names the
 * splinter groups. */
static bool splinter_of(const vg__run *x, const vg__sname *nm, const window *w)
{
	const vg__toks *tk = x->tk;
	uint32_t k;

	if (nm->schema == VG_SCHEMA_PERSON)
		return false;
	/* after it, past a hyphenated suffix of the name ("FARC-EP") */
	for (k = w->b + 1; k < tk->n && k <= w->b + 2 && !tk->v[k].punct &&
	     tk->v[k].brk <= VG_BRK_SPACE; k++) {
		if (vg__scan_splinter_word(x->pool + tk->v[k].norm, tk->v[k].norm_len))
			return true;
		if (x->text[tk->v[k - 1].end] != '-')
			break;
	}
	for (k = w->a; k > 0 && k + 3 > w->a; k--) {
		const vg__tok *p = &tk->v[k - 1];
		if (tk->v[k].brk != VG_BRK_SPACE || tk->v[k].punct)
			return false;
		if (vg__scan_splinter_word(x->pool + p->norm, p->norm_len))
			return (p->flags & VG_TOKF_CAP) != 0;
		if ((p->flags & VG_TOKF_CAP) || !particle(x, k - 1))
			return false;
	}
	return false;
}

/* A person's name followed by another capitalised word that is no word
 * of that name, no father's name and no title or ordinary word: the text
 * names someone with a longer name ("Али Акбар Мохташамипур" is not
 * AKBARI, Mohammadreza Ali; "Ahmad Shah Massoud" not SHAH, Haji Ahmad). */
static bool longer_person(const vg__run *x, const vg__sname *nm, const window *w)
{
	const vg__toks *tk = x->tk;
	const vg__tok *t;
	if (nm->schema != VG_SCHEMA_PERSON || w->b + 1 >= tk->n)
		return false;
	t = &tk->v[w->b + 1];
	return t->brk == VG_BRK_SPACE && !t->punct && (t->flags & VG_TOKF_CAP) &&
	       !repeats(x, w->b + 1, nm) &&
	       !vg__scan_patronymic(x->pool + t->norm, t->norm_len) &&
	       !(vg__word_class(x, w->b + 1) & (VG_WC_TITLE | VG_WC_COMMON));
}

/* Is text token j a form of a place word of name nm that the window left
 * unmatched ("korean" of KOREA: the first four letters and all of the
 * shorter)? */
static bool own_place(const vg__run *x, const vg__sname *nm, const window *w, uint32_t j)
{
	const vg__tok *t = &x->tk->v[j];
	uint32_t p;
	for (p = 0; p < nm->n_tok; p++) {
		const vg__stok *st = &x->s->tok[x->s->ntoks[nm->tok_start + p]];
		size_t l = st->len < t->norm_len ? st->len : t->norm_len;
		if (!(w->used & (1u << p)) && (st->flags & VG_STOK_PLACE) && l >= 4 &&
		    !memcmp(x->pool + t->norm, x->s->tz.pool.ptr + st->norm, l))
			return true;
	}
	return false;
}

/* A place word right beside the window where the listed name's own place
 * word is not matched: the text names another country's party ("Korean
 * Workers' Party", "조선로동당", is not KURDISTAN WORKERS' PARTY). */
static bool other_place(const vg__run *x, const vg__sname *nm, const window *w)
{
	const vg__toks *tk = x->tk;
	uint32_t p, j[2];
	int n = 0, k;
	bool unmatched = false;

	if (nm->schema == VG_SCHEMA_PERSON)
		return false;
	for (p = 0; p < nm->n_tok; p++)
		if (!(w->used & (1u << p)) &&
		    (x->s->tok[x->s->ntoks[nm->tok_start + p]].flags & VG_STOK_PLACE))
			unmatched = true;
	if (!unmatched)
		return false;
	if (w->a > 0 && tk->v[w->a].brk == VG_BRK_SPACE && !tk->v[w->a].punct)
		j[n++] = w->a - 1;
	if (w->b + 1 < tk->n && tk->v[w->b + 1].brk == VG_BRK_SPACE && !tk->v[w->b + 1].punct)
		j[n++] = w->b + 1;
	for (k = 0; k < n; k++)
		if (vg__scan_place_word(x->pool + tk->v[j[k]].norm, tk->v[j[k]].norm_len) &&
		    !own_place(x, nm, w, j[k]))
			return true;
	return false;
}

/* A window read across a comma as "Family, Given" that is an apposition
 * instead: the family name closes a longer name before it, or the given
 * name is a possessive ("Anas Haqqani, Khalil's nephew" is no HAQQANI,
 * Khalil). */
static bool apposition(const vg__run *x, const vg__sname *nm, const window *w)
{
	const vg__toks *tk = x->tk;
	uint32_t k;
	if (nm->schema != VG_SCHEMA_PERSON)
		return false;
	for (k = w->a + 1; k <= w->b && tk->v[k].brk != VG_BRK_SOFT; k++)
		;
	if (k > w->b)
		return false;
	if (tk->v[w->b].flags & VG_TOKF_POSSESSIVE)
		return true;
	return !tk->v[w->a].punct && vg__capitalised_neighbour(x, w->a, false);
}

/* A dash and a place right after the window that the listed name does not
 * hold: the text names a regional branch ("Islamic State – Sahel"), not
 * the organisation the list names. */
static bool names_branch(const vg__run *x, const vg__sname *nm, const window *w)
{
	const vg__tok *t;
	if (nm->schema == VG_SCHEMA_PERSON || w->b + 1 >= x->tk->n)
		return false;
	t = &x->tk->v[w->b + 1];
	return (t->punct & VG_PUNCT_DASH) && t->brk <= VG_BRK_SOFT &&
	       vg__scan_place_word(x->pool + t->norm, t->norm_len);
}

/* Is text token j capitalised and no article or particle ("Die" starting
 * a sentence), as the place of a province is? */
static bool place_like(const vg__run *x, uint32_t j)
{
	const vg__tok *t = &x->tk->v[j];
	return vg__tok_cap(t) && !vg__scan_weak_word(x->pool + t->norm, t->norm_len) &&
	       !vg__scan_article(x->pool + t->norm, t->norm_len);
}

/* Is text token j a particle, an article or one elided ("de", "of the",
 * "l'", "d'"), as join a province's word, its place and its owner? */
static bool link_word(const vg__run *x, uint32_t j)
{
	const vg__tok *t = &x->tk->v[j];
	if (particle(x, j))
		return true;
	if (vg__tok_cap(t))
		return false;
	return vg__scan_article(x->pool + t->norm, t->norm_len) ||
	       (t->norm_len == 1 && t->end < x->text_len &&
		(x->text[t->end] == '\'' || (unsigned char)x->text[t->end] == 0xe2));
}

/* Are text tokens j and j + 1 in one phrase, with at most quotes or
 * brackets between them ("держави «Вілаят")? */
static bool same_phrase(const vg__run *x, uint32_t j)
{
	const vg__tok *t = &x->tk->v[j + 1];
	uint32_t k;
	if (t->brk == VG_BRK_SPACE)
		return true;
	/* (a dash sets off an apposition: "ячейка ИГИЛ — «Вилаят Хорасан»") */
	if (!(t->punct & (VG_PUNCT_QUOTE | VG_PUNCT_OPEN)) ||
	    (t->punct & ~(VG_PUNCT_QUOTE | VG_PUNCT_OPEN)))
		return false;
	for (k = x->tk->v[j].end; k < t->start; k++)
		if (strchr(".,;:!?", x->text[k]))
			return false;
	return true;
}

/* Is text token k a word for a province in the singular (Provinz,
 * wilayat, вілаят) with its place beside it, outside the window: a
 * capitalised word joined to it before ("Westafrika-Provinz", "West
 * Africa Province") or right after it, past a particle ("Вілаят
 * Хорасан", "province de Khorasan")? */
static bool province_with_place(const vg__run *x, uint32_t k, uint32_t a, uint32_t b)
{
	const vg__toks *tk = x->tk;
	const vg__tok *t = &tk->v[k];
	uint32_t j;
	if (!vg__scan_province_word(x->pool + t->norm, t->norm_len))
		return false;
	if (k > 0 && (k - 1 < a || k - 1 > b) && t->brk == VG_BRK_SPACE &&
	    place_like(x, k - 1) && (vg__tok_cap(t) || x->text[tk->v[k - 1].end] == '-'))
		return true;
	for (j = k + 1; j < tk->n && j <= k + 2 && tk->v[j].brk == VG_BRK_SPACE; j++) {
		if (j >= a && j <= b)
			return false;
		if (place_like(x, j))
			return true;
		if (!link_word(x, j))
			return false;
	}
	return false;
}

/* Most words between a province's word and its owner's name ("Province
 * d'Afrique de l'Ouest de l'État islamique"). */
#define PROVINCE_GAP 6

/* Is there a word for a province with its place next to tokens a..b, before
 * them (past particles and the place's words) or after them (or after
 * their possessive and the place)? */
static bool province_near(const vg__run *x, uint32_t a, uint32_t b)
{
	const vg__toks *tk = x->tk;
	uint32_t k, j;
	/* before them, past particles and the place's words */
	for (k = a; k > 0 && k + PROVINCE_GAP >= a && tk->v[k].brk == VG_BRK_SPACE; k--) {
		if (province_with_place(x, k - 1, a, b))
			return true;
		if (!link_word(x, k - 1) && !place_like(x, k - 1))
			break;
	}
	/* after them, or after their possessive and the place, or around
	 * them ("Provinz Islamischer Staat Westafrika") */
	if (b + 1 >= tk->n || !same_phrase(x, b))
		return false;
	if (a > 0 && tk->v[a].brk == VG_BRK_SPACE && tk->v[b + 1].brk == VG_BRK_SPACE &&
	    place_like(x, b + 1) &&
	    vg__scan_province_word(x->pool + tk->v[a - 1].norm, tk->v[a - 1].norm_len))
		return true;
	if (province_with_place(x, b + 1, a, b))
		return true;
	if (!(tk->v[b].flags & VG_TOKF_POSSESSIVE))
		return false;
	for (j = b + 1; j < tk->n && j <= b + 3 && place_like(x, j); j++)
		if (j + 1 < tk->n && tk->v[j + 1].brk == VG_BRK_SPACE &&
		    vg__scan_province_word(x->pool + tk->v[j + 1].norm, tk->v[j + 1].norm_len))
			return true;
	return false;
}

/* The first of the listed names of nm's entity: an entity's names sit side
 * by side in s->names (they are added entity by entity), so they run from
 * it while the entity stays nm's. */
static const vg__sname *entity_first(const vg__scanner *s, const vg__sname *nm)
{
	const vg__sname *e = nm;
	while (e > s->names && e[-1].entity == nm->entity)
		e--;
	return e;
}

/* What other_org_holding() looks for in another listed organisation's
 * name o. */
typedef bool (*other_org_test)(const vg__scanner *s, const vg__sname *o, const void *arg);

/* Does test hold for another listed organisation's name that holds the
 * heaviest word of a name of nm's entity: the names the lists give its
 * branches and provinces ("ISIS WEST AFRICA PROVINCE" of ISIS)? */
static bool other_org_holding(const vg__scanner *s, const vg__sname *nm, other_org_test test,
			      const void *arg)
{
	const vg__sname *e, *end = s->names + s->n_names;
	uint32_t pi;
	for (e = entity_first(s, nm); e < end && e->entity == nm->entity; e++) {
		uint32_t tok = s->ntoks[e->tok_start + e->max_pos];
		for (pi = s->post_start[tok]; pi < s->post_start[tok + 1]; pi++) {
			const vg__sname *o = &s->names[s->post[pi]];
			if (o->entity != nm->entity && o->schema != VG_SCHEMA_PERSON &&
			    test(s, o, arg))
				return true;
		}
	}
	return false;
}

/* Does listed name o hold a word for a province (ISIS WEST AFRICA
 * PROVINCE)? */
static bool province_name(const vg__scanner *s, const vg__sname *o)
{
	return name_holds(s, o, vg__scan_province_word);
}

/* province_name() as other_org_holding()'s test. */
static bool holds_province_word(const vg__scanner *s, const vg__sname *o, const void *arg)
{
	(void)arg;
	return province_name(s, o);
}

/* Do the lists hold provinces of nm's entity: another organisation's name
 * holding the heaviest word of one of its names and a word for a province
 * ("ISIS WEST AFRICA PROVINCE" of ISIS; none of the Taliban, whose
 * "Helmand province" is a place)? */
static bool has_provinces(const vg__scanner *s, const vg__sname *nm)
{
	return other_org_holding(s, nm, holds_province_word, NULL);
}

bool vg__owns_province(const vg__run *x, const vg__sname *nm, uint32_t a, uint32_t b)
{
	if (nm->schema == VG_SCHEMA_PERSON || !province_near(x, a, b))
		return false;
	return has_provinces(x->s, nm);
}

/* Does text token j hit a word of the place of a branch of the window's
 * organisation: a word at a branch position (vg__sname.branch; with any,
 * at any position) of a name of another organisation that holds the
 * window's distinctive word (tok)? */
static bool hits_branch_place(const vg__run *x, uint32_t j, uint32_t tok, uint32_t entity,
			      bool any)
{
	const vg__scanner *s = x->s;
	uint32_t ids[8], n = vg__hit_ids(x, j, ids, 8), pi, p, q;
	if (s->tok[tok].flags & (VG_STOK_WEAK | VG_STOK_TITLE))
		return false;
	for (pi = s->post_start[tok]; n && pi < s->post_start[tok + 1]; pi++) {
		const vg__sname *o = &s->names[s->post[pi]];
		uint32_t where = any ? ~0u : o->branch;
		if (!where || o->entity == entity || o->schema == VG_SCHEMA_PERSON)
			continue;
		for (p = 0; p < o->n_tok; p++)
			for (q = 0; (where & (1u << p)) && q < n; q++)
				if (s->ntoks[o->tok_start + p] == ids[q])
					return true;
	}
	return false;
}

/* Does a name of nm's entity hold dictionary token id? */
static bool entity_word(const vg__scanner *s, const vg__sname *nm, uint32_t id)
{
	const vg__sname *e, *end = s->names + s->n_names;
	uint32_t p;
	for (e = entity_first(s, nm); e < end && e->entity == nm->entity; e++)
		for (p = 0; p < e->n_tok; p++)
			if (s->ntoks[e->tok_start + p] == id)
				return true;
	return false;
}

/* The dictionary word a Latin compound ends in, as written or translated,
 * four letters or more after a first part of three or more: German puts
 * the head of a compound last ("Großsahara": sahara; "Westafrika":
 * afrika, africa).  VG_SCAN_NONE when none. */
static uint32_t compound_tail(const vg__run *x, const vg__tok *t)
{
	size_t k;
	if (t->flags & (VG_TOKF_UNCASED | VG_TOKF_CYRILLIC))
		return VG_SCAN_NONE;
	for (k = 3; k + 4 <= t->norm_len; k++) {
		const char *w = x->pool + t->norm + k, *en;
		uint32_t id = vg__scanner_find(x->s, w, t->norm_len - k);
		if (id == VG_SCAN_NONE && (en = vg__scan_translate(w, t->norm_len - k)) != NULL)
			id = vg__scanner_find(x->s, en, strlen(en));
		if (id != VG_SCAN_NONE)
			return id;
	}
	return VG_SCAN_NONE;
}

/* The words of the place of a branch looked for in another organisation's
 * name (hits_entity_branch): what text token j is, as written or
 * translated. */
typedef struct {
	uint32_t ids[3], n;
} place_words;

/* Does listed name o hold one of the words in the place of a branch (after
 * its last "in", o->branch) or anywhere in a province's name? */
static bool holds_place_word(const vg__scanner *s, const vg__sname *o, const void *arg)
{
	const place_words *pw = arg;
	uint32_t where = o->branch | (province_name(s, o) ? ~0u : 0), p, q;
	for (p = 0; p < o->n_tok && p < 32; p++)
		for (q = 0; (where & (1u << p)) && q < pw->n; q++)
			if (s->ntoks[o->tok_start + p] == pw->ids[q])
				return true;
	return false;
}

/* Does capitalised text token j name the place of a branch of nm's
 * organisation that the lists hold under another entry, by any of its
 * names: as written or translated, a word of the place of another
 * organisation's name holding the heaviest word of one of them (after its
 * last "in", or any of a province's), and neither a country's name
 * in another language ("al Qaeda en Siria" may be al-Qaida's own fighters
 * there) nor a word of the organisation's own names ("Daech en Iraq")?
 * A German compound by its last part ("in der Großsahara").
 * "Daech en Afrique de l'Ouest", "Daech dans le Grand Sahara": ISIS WEST
 * AFRICA PROVINCE and ISIS IN THE GREATER SAHARA hold ISIS, a name of
 * Daech's entity. */
static bool hits_entity_branch(const vg__run *x, uint32_t j, const vg__sname *nm)
{
	const vg__scanner *s = x->s;
	const vg__hit *h = &x->h[j];
	place_words pw = { { 0, 0, 0 }, 0 };
	uint32_t q;
	const vg__tok *t = &x->tk->v[j];
	if (!vg__tok_cap(t) || vg__scan_translate_place(x->pool + t->norm, t->norm_len))
		return false;
	if (h->ex != VG_SCAN_NONE)
		pw.ids[pw.n++] = h->ex;
	if (h->tr != VG_SCAN_NONE)
		pw.ids[pw.n++] = h->tr;
	if (h->tr2 != VG_SCAN_NONE)
		pw.ids[pw.n++] = h->tr2;
	if (!pw.n && (pw.ids[0] = compound_tail(x, t)) != VG_SCAN_NONE)
		pw.n = 1;
	for (q = 0; q < pw.n; q++)
		if ((s->tok[pw.ids[q]].flags & (VG_STOK_WEAK | VG_STOK_TITLE)) ||
		    entity_word(s, nm, pw.ids[q]))
			return false;
	return pw.n && other_org_holding(s, nm, holds_place_word, &pw);
}

/* What place_before_other() looks for in another listed organisation's
 * name: the place word's dictionary ids and the window's listed name. */
typedef struct {
	const uint32_t *ids;
	uint32_t n;
	const vg__sname *nm;
} place_and_name;

/* Does listed name o hold one of the place words and every word of the
 * window's name that is neither weak, a title nor generic, two or more
 * ("ISLAMIC JIHAD ORGANIZATION": islamic, jihad; a name of generic words
 * only, a ministry's, is the body's, whatever the country word)? */
static bool holds_place_and_name(const vg__scanner *s, const vg__sname *o, const void *arg)
{
	const place_and_name *pn = arg;
	uint32_t p, q, held = 0;
	bool place = false;
	for (p = 0; p < o->n_tok && !place; p++)
		for (q = 0; q < pn->n; q++)
			if (s->ntoks[o->tok_start + p] == pn->ids[q])
				place = true;
	if (!place)
		return false;
	for (p = 0; p < pn->nm->n_tok; p++) {
		uint32_t tok = s->ntoks[pn->nm->tok_start + p];
		if (s->tok[tok].flags & (VG_STOK_WEAK | VG_STOK_TITLE | VG_STOK_GENERIC))
			continue;
		for (q = 0; q < o->n_tok && s->ntoks[o->tok_start + q] != tok; q++)
			;
		if (q == o->n_tok)
			return false;
		held++;
	}
	return held >= 2;
}

/* The window names an organisation right after a place word (a country,
 * a people) that no name of its entity holds, and another listed
 * organisation's name holds that word and the window's name: the text
 * names that one ("Egyptian Islamic Jihad Organization", 埃及伊斯兰圣战组织,
 * is EGYPTIAN ISLAMIC JIHAD, not HIZBALLAH's alias ISLAMIC JIHAD
 * ORGANIZATION). */
static bool place_before_other(const vg__run *x, const vg__sname *nm, const window *w)
{
	const vg__scanner *s = x->s;
	const vg__tok *t;
	uint32_t ids[8], n, q, m = 0;
	place_and_name pn;

	if (nm->schema == VG_SCHEMA_PERSON || w->a == 0)
		return false;
	t = &x->tk->v[w->a];
	if (t->brk != VG_BRK_SPACE || t->punct)
		return false;
	n = vg__hit_ids(x, w->a - 1, ids, 8);
	for (q = 0; q < n; q++)
		if ((s->tok[ids[q]].flags & VG_STOK_PLACE) && !entity_word(s, nm, ids[q]))
			ids[m++] = ids[q];
	if (!m)
		return false;
	pn.ids = ids;
	pn.n = m;
	pn.nm = nm;
	return other_org_holding(s, nm, holds_place_and_name, &pn);
}

/* The window names an organisation, and right after it (past a word:
 * "قاعدة الجهاد في") comes "in" and the
 * place of a branch the lists hold under another entry: the text names
 * the branch ("Al Qaeda en Irak", "القاعدة في بلاد المغرب الإسلامي"), not
 * the organisation. */
static bool branch_after(const vg__run *x, const vg__sname *nm, const window *w)
{
	const vg__toks *tk = x->tk;
	uint32_t tok = x->s->ntoks[nm->tok_start + nm->max_pos], j, k;
	if (nm->schema == VG_SCHEMA_PERSON || nm->branch)
		return false;
	for (j = w->b + 1; j < tk->n && j <= w->b + 2 && tk->v[j].brk == VG_BRK_SPACE &&
			   !(tk->v[j].punct & VG_PUNCT_NEWLINE); j++) {
		const vg__tok *t = &tk->v[j];
		if (!vg__scan_locative(x->pool + t->norm, t->norm_len))
			continue;
		for (k = j + 1; k < tk->n && k <= j + 3 && tk->v[k].brk == VG_BRK_SPACE &&
				!(tk->v[k].punct & VG_PUNCT_NEWLINE); k++) {
			uint32_t i, ids[8], n, q;
			if (hits_entity_branch(x, k, nm))
				return true;
			if (!vg__is_hit(x, k))
				continue;
			if (hits_branch_place(x, k, tok, nm->entity, false))
				return true;
			/* the listed words the window's words spell (an Arabic
			 * word: the Latin spellings of the branch's name) */
			for (i = w->a; i <= w->b; i++)
				for (n = vg__hit_ids(x, i, ids, 8), q = 0; q < n; q++)
					if (ids[q] != tok && hits_branch_place(x, k, ids[q], nm->entity, false))
						return true;
		}
		return false;
	}
	return false;
}

/* A one-word name of an organisation joined by a hyphen to a capitalised
 * word that, with it, is in the name of another listed organisation: the
 * text names that one ("PFLP-General Command", "ISIL-South-East Asia"),
 * not the organisation ("Hamas-Führer" is Hamas's). */
static bool hyphenated_other(const vg__run *x, const vg__sname *nm, const window *w)
{
	const vg__tok *t;
	if (nm->schema == VG_SCHEMA_PERSON || nm->strong != 1 || w->b + 1 >= x->tk->n)
		return false;
	t = &x->tk->v[w->b + 1];
	/* (a word for a kind of body makes a compound: "al-Qaida-Organisation"
	 * is al-Qaida) */
	return (t->punct & VG_PUNCT_DASH) && t->brk == VG_BRK_SPACE &&
	       t->start == x->tk->v[w->b].end + 1 && vg__tok_cap(t) && vg__is_hit(x, w->b + 1) &&
	       !vg__scan_org_word(x->pool + t->norm, t->norm_len) &&
	       hits_branch_place(x, w->b + 1, x->s->ntoks[nm->tok_start + nm->max_pos], nm->entity,
				 true);
}

/* Most letters of a suffix in capitals naming a branch ("ISIL-K",
 * "PFLP-GC", "ISIL-SEA"). */
#define SUFFIX_MAX 3

/* Does listed name o hold every strong word of name nm and, after the last
 * of them, the suffix s[0..sn) as a word ("PFLP-GC": gc) or, unless
 * word_only, as the initials of the words that follow (K: "ISIL
 * KHORASAN"; "... LEVANT - KHORASAN")? */
static bool extends_with(const vg__scanner *s, const vg__sname *nm, const vg__sname *o,
			 const char *sfx, size_t sn, bool word_only)
{
	int p, q, last = -1;
	size_t k;
	for (p = 0; p < nm->n_tok; p++) {
		uint32_t tok = s->ntoks[nm->tok_start + p];
		if (s->tok[tok].flags & (VG_STOK_WEAK | VG_STOK_TITLE))
			continue;
		for (q = 0; q < o->n_tok && s->ntoks[o->tok_start + q] != tok; q++)
			;
		if (q == o->n_tok)
			return false;
		if (q > last)
			last = q;
	}
	for (q = last + 1, k = 0; q < o->n_tok && k < sn; q++) {
		const vg__stok *st = &s->tok[s->ntoks[o->tok_start + q]];
		const char *w = s->tz.pool.ptr + st->norm;
		if (k == 0 && st->len == sn && !memcmp(w, sfx, sn))
			return true;
		if (word_only)
			return false;
		if (st->flags & VG_STOK_WEAK)
			continue;
		if (w[0] != sfx[k])
			return false;
		k++;
	}
	return k == sn;
}

/* Are text tokens u and t joined by a hyphen or an en dash, with no space
 * ("ISIL-K", "IS–K")? */
static bool hyphen_joined(const vg__run *x, const vg__tok *u, const vg__tok *t)
{
	if (t->start == u->end + 1)
		return x->text[u->end] == '-';
	return t->start == u->end + 3 && !memcmp(x->text + u->end, "\xe2\x80", 2) &&
	       (x->text[u->end + 2] == '\x90' || x->text[u->end + 2] == '\x91' ||
		x->text[u->end + 2] == '\x93');
}

/* The initials of the capitalised words after the hyphen at text token
 * j ("General Command" in "PFLP-General Command": gc) in ini[], two to
 * SUFFIX_MAX of them, the last word's token in *last; 0 when there are
 * fewer (one word's initial is no suffix: "ISIL-Kommandeur"). */
static size_t suffix_initials(const vg__run *x, uint32_t j, char *ini, uint32_t *last)
{
	const vg__toks *tk = x->tk;
	size_t n = 0;
	for (; j < tk->n && n < SUFFIX_MAX; j++) {
		const vg__tok *t = &tk->v[j];
		if (!(t->flags & VG_TOKF_CAP) || (t->flags & VG_TOKF_ALLCAPS) || !t->norm_len ||
		    (n && (t->brk != VG_BRK_SPACE || (t->punct & ~VG_PUNCT_DASH))))
			break;
		ini[n++] = x->pool[t->norm];
		*last = j;
	}
	return n >= 2 ? n : 0;
}

/* An organisation's name followed by a hyphen and a suffix of a few
 * capitals that another listed organisation's name adds to it, as a word
 * or as its words' initials: the text names that branch or faction
 * ("ISIL-K", the Ukrainian "ІДІЛ-К", "PFLP-GC"), not the organisation; so
 * do capitalised words whose initials are that suffix ("PFLP-General
 * Command").  A derived Cyrillic acronym (ІДІЛ) stands for the listed
 * name it was made of, added just before it.  The branch's name, or
 * VG_SCAN_NONE; *end is the suffix's last text token. */
static uint32_t suffix_branch(const vg__run *x, uint32_t n, const vg__sname *nm, const window *w,
			      uint32_t *end)
{
	const vg__scanner *s = x->s;
	const vg__tok *t, *u;
	const vg__sname *base = nm;
	const char *sfx;
	char ini[SUFFIX_MAX];
	size_t sn;
	uint32_t tok, pi;

	if (nm->schema == VG_SCHEMA_PERSON || w->b + 1 >= x->tk->n)
		return VG_SCAN_NONE;
	u = &x->tk->v[w->b];
	t = &x->tk->v[w->b + 1];
	*end = w->b + 1;
	if (!hyphen_joined(x, u, t) || !(t->flags & VG_TOKF_CAP))
		return VG_SCAN_NONE;
	/* (one capital letter is no ALLCAPS word) */
	if (((t->flags & VG_TOKF_ALLCAPS) || t->norm_len == 1) && t->norm_len <= SUFFIX_MAX) {
		sfx = x->pool + t->norm;
		sn = t->norm_len;
	} else if ((sn = suffix_initials(x, w->b + 1, ini, end)) != 0) {
		sfx = ini;
	} else {
		return VG_SCAN_NONE;
	}
	while ((base->flags & VG_SNAME_CYR_ACRONYM) && n > 0 &&
	       s->names[n - 1].entity == nm->entity)
		base = &s->names[--n];
	if (base->flags & VG_SNAME_CYR_ACRONYM)
		return VG_SCAN_NONE;
	tok = s->ntoks[base->tok_start + base->max_pos];
	for (pi = s->post_start[tok]; pi < s->post_start[tok + 1]; pi++) {
		const vg__sname *o = &s->names[s->post[pi]];
		if (o->entity != nm->entity && o->schema != VG_SCHEMA_PERSON &&
		    extends_with(s, base, o, sfx, sn, sfx == ini))
			return s->post[pi];
	}
	return VG_SCAN_NONE;
}

/* An acronym hyphenated to a suffix of a few capitals that suffix_branch
 * found no branch of this organisation for, where another listed
 * organisation is named by an acronym and that suffix, one acronym the
 * start of the other: the text names that branch in another spelling
 * ("ISI-GS" for ISIS-GS, the Islamic State in the Greater Sahara), not
 * this organisation ("ISI", the Islamic State of Iraq); a suffix of no
 * listed branch leaves the name as it is ("FARC-EP").  That name, or
 * VG_SCAN_NONE. */
static uint32_t other_suffixed(const vg__run *x, const vg__sname *nm, const window *w)
{
	const vg__scanner *s = x->s;
	const vg__tok *u = &x->tk->v[w->a], *t;
	uint32_t sfx, pi;
	if (w->a != w->b || w->b + 1 >= x->tk->n || !(u->flags & VG_TOKF_ALLCAPS))
		return VG_SCAN_NONE;
	t = &x->tk->v[w->b + 1];
	if (!hyphen_joined(x, u, t) || !(t->flags & VG_TOKF_ALLCAPS) || t->norm_len > SUFFIX_MAX ||
	    (sfx = vg__scanner_find(s, x->pool + t->norm, t->norm_len)) == VG_SCAN_NONE)
		return VG_SCAN_NONE;
	for (pi = s->post_start[sfx]; pi < s->post_start[sfx + 1]; pi++) {
		const vg__sname *o = &s->names[s->post[pi]];
		const vg__stok *st;
		size_t l;
		if (o->entity == nm->entity || o->schema == VG_SCHEMA_PERSON || o->n_tok != 2 ||
		    s->ntoks[o->tok_start + 1] != sfx)
			continue;
		st = &s->tok[s->ntoks[o->tok_start]];
		l = st->len < u->norm_len ? st->len : u->norm_len;
		if (l >= 2 && !memcmp(s->tz.pool.ptr + st->norm, x->pool + u->norm, l))
			return s->post[pi];
	}
	return VG_SCAN_NONE;
}

/* The text names another place right after the window (past its
 * particles) than the one the listed name holds and the window left out:
 * another body ("Emirato Islámico de Afganistán" is not the ISLAMIC
 * EMIRATE OF THE CAUCASUS). */
static bool names_other_place(const vg__run *x, const vg__sname *nm, const window *w)
{
	const vg__toks *tk = x->tk;
	uint32_t j = w->b + 1;
	int skipped = 0;

	if (nm->schema == VG_SCHEMA_PERSON || !w->missing_place)
		return false;
	for (; j < tk->n && tk->v[j].brk == VG_BRK_SPACE; j++) {
		const vg__tok *t = &tk->v[j];
		if (particle(x, j) && ++skipped <= 2)
			continue;
		return vg__tok_cap(t) && (vg__scan_place_word(x->pool + t->norm, t->norm_len) ||
					  (x->h[j].ex != VG_SCAN_NONE &&
					   (x->s->tok[x->h[j].ex].flags & VG_STOK_PLACE)) ||
					  (x->h[j].tr != VG_SCAN_NONE &&
					   (x->s->tok[x->h[j].tr].flags & VG_STOK_PLACE)));
	}
	return false;
}

/* Is dictionary token st the Arabic article in Latin letters ("AL", "EL",
 * or assimilated: "AD", "ASH" ...)? */
static bool latin_article(const vg__scanner *s, const vg__stok *st)
{
	static const char *const art[] = { "al", "el", "ad", "adh", "ar", "as", "ash", "at",
					   "ath", "az" };
	size_t k;
	for (k = 0; k < sizeof(art) / sizeof(art[0]); k++)
		if (st->len == strlen(art[k]) && !memcmp(s->tz.pool.ptr + st->norm, art[k], st->len))
			return true;
	return false;
}

/* Does listed name nm hold the Arabic article: as a word of its own in
 * Latin letters ("AL-QAIDA", "DAWLA AL ISLAMIYA"), or on a word in Arabic
 * script ("القاعدة")? */
static bool listed_article(const vg__scanner *s, const vg__sname *nm)
{
	static const char alef_lam[] = "\xd8\xa7\xd9\x84";
	const char *t = s->texts.ptr + nm->text;
	uint32_t p;
	size_t k;
	for (k = 0; k + 4 <= nm->text_len; k++)
		if ((k == 0 || t[k - 1] == ' ') && !memcmp(t + k, alef_lam, 4))
			return true;
	for (p = 0; p < nm->n_tok; p++)
		if (latin_article(s, &s->tok[s->ntoks[nm->tok_start + p]]))
			return true;
	return false;
}

/* Does another listed name of nm's entity write one of nm's words after
 * the article ("AL-SHABAAB" beside the alias "SHABAAB")? */
static bool entity_article(const vg__scanner *s, const vg__sname *nm)
{
	const vg__sname *o, *end = s->names + s->n_names;
	uint32_t p, q;
	for (o = entity_first(s, nm); o < end && o->entity == nm->entity; o++)
		for (q = 1; q < o->n_tok; q++)
			if (latin_article(s, &s->tok[s->ntoks[o->tok_start + q - 1]]))
				for (p = 0; p < nm->n_tok; p++)
					if (s->ntoks[o->tok_start + q] == s->ntoks[nm->tok_start + p])
						return true;
	return false;
}

/* An organisation's name in Arabic script read in words none of which
 * has the article, where the list writes the name with it or the text's
 * words are ordinary ones translated: an indefinite noun phrase, a thing
 * and not the body ("دولة إسلامية", an Islamic state, is neither ISLAMIC
 * STATE nor DAWLA AL ISLAMIYA; "قادة", leaders, not القاعدة; "شباب",
 * young men, not AL-SHABAAB, listed also as SHABAAB).  Arabic
 * names a body with the article, or in the construct before a word that
 * has it ("دولة العراق الإسلامية") or before a proper name ("حركة
 * طالبان"). */
static bool arabic_indefinite(const vg__run *x, const vg__sname *nm, const window *w)
{
	uint32_t k;
	if (nm->schema == VG_SCHEMA_PERSON || !(x->tk->v[w->a].flags & VG_TOKF_ARABIC))
		return false;
	for (k = w->a; k <= w->b; k++)
		if (!(x->tk->v[k].flags & VG_TOKF_ARABIC) ||
		    (x->tk->v[k].flags & (VG_TOKF_ARTICLE | VG_TOKF_JOINED)))
			return false;
	if ((w->translated && w->common_all) || listed_article(x->s, nm) ||
	    entity_article(x->s, nm))
		return true;
	/* nouns of the language only, each translated ("حركة مقاومة", a
	 * resistance movement) */
	for (k = w->a; k <= w->b; k++)
		if (x->h[k].tr == VG_SCAN_NONE && x->h[k].tr2 == VG_SCAN_NONE)
			return false;
	return true;
}

/* "and" with the Arabic article, as Arabic script writes it (وال). */
static const char wa_al[] = "\xd9\x88\xd8\xa7\xd9\x84";

/* An organisation's one-word name as the second term of an Arabic
 * construct whose head is a word for a military unit the listed name does
 * not hold ("ألوية الفرقان", the al-Furqan Brigades, are not AL FURQAN):
 * the name of another body, after the one it is named for. */
static bool arabic_unit_of(const vg__run *x, const vg__sname *nm, const window *w)
{
	static const char *const units[] = { "army", "battalion", "battalions", "brigade",
					     "brigades", "corps", "force", "forces" };
	const vg__tok *t = &x->tk->v[w->a];
	const vg__stok *st;
	uint32_t tr, p;
	size_t k;
	if (nm->schema == VG_SCHEMA_PERSON || nm->strong != 1 || w->a == 0 ||
	    !(t->flags & VG_TOKF_ARABIC) || t->brk != VG_BRK_SPACE || t->punct ||
	    (x->tk->v[w->a - 1].flags & VG_TOKF_ARTICLE) ||
	    (tr = x->h[w->a - 1].tr) == VG_SCAN_NONE)
		return false;
	st = &x->s->tok[tr];
	for (k = 0; k < sizeof(units) / sizeof(units[0]); k++)
		if (st->len == strlen(units[k]) && !memcmp(x->s->tz.pool.ptr + st->norm, units[k], st->len))
			break;
	if (k == sizeof(units) / sizeof(units[0]))
		return false;
	for (p = 0; p < nm->n_tok; p++)
		if (x->s->ntoks[nm->tok_start + p] == tr)
			return false;
	return true;
}

/* Does listed name nm hold a word for "and" (vg__scan_conjunction; the
 * Arabic "wa", "wal" as lists write it: "TAWHID WAL JIHAD", "NUSRAT
 * UL-ISLAM WA AL-MUSLIMIN", "WAL-JIHAD"; or a word of Arabic script
 * written with it: "جماعة نصرة الإسلام والمسلمين")? */
static bool holds_and(const vg__scanner *s, const vg__sname *nm)
{
	const char *t = s->texts.ptr + nm->text;
	size_t k, n = nm->text_len;
	if (nm->flags & VG_SNAME_CONJ)
		return true;
	for (k = 0; k + 2 < n; k++) {
		size_t e = k + 2;
		if (k && t[k - 1] != ' ')
			continue;
		if (k + sizeof(wa_al) - 1 <= n && !memcmp(t + k, wa_al, sizeof(wa_al) - 1))
			return true;
		if ((t[k] | 0x20) != 'w' || (t[k + 1] | 0x20) != 'a')
			continue;
		if ((t[e] | 0x20) == 'l')
			e++;
		if (e == n || t[e] == ' ' || t[e] == '-' || t[e] == '\'')
			return true;
	}
	return false;
}

/* An Arabic word after the first of a window written with "and" and the
 * article ("والجبهة", and the Front) starts a second name joined to the
 * first: "حركة فتح والجبهة الشعبية" (Fatah and the Popular Front) is not
 * JABHAT FATEH AL-SHAM, unless the listed name holds "and" itself. */
static bool arabic_and(const vg__run *x, const vg__sname *nm, const window *w)
{
	uint32_t k;
	for (k = w->a + 1; k <= w->b; k++) {
		const vg__tok *t = &x->tk->v[k];
		if ((t->flags & VG_TOKF_ARABIC) && (t->flags & VG_TOKF_ARTICLE) &&
		    t->end - t->start > sizeof(wa_al) - 1 &&
		    !memcmp(x->text + t->start, wa_al, sizeof(wa_al) - 1))
			return !holds_and(x->s, nm);
	}
	return false;
}

/* A person's name read across a comma is the list's "FAMILY, Given" order
 * only: else the comma parts two people ("Mohamed Lamine Ould Hassen,
 * Hamada Ould Mohamed Kheirou" is no HAMADA OULD MOHAMED EL KHAIRY). */
static bool across_comma(const vg__run *x, const vg__sname *nm, const window *w)
{
	uint32_t k;
	if (nm->schema != VG_SCHEMA_PERSON || (nm->flags & VG_SNAME_SURNAME_FIRST))
		return false;
	for (k = w->a + 1; k <= w->b; k++)
		if (x->tk->v[k].brk == VG_BRK_SOFT)
			return true;
	return false;
}

/* Tokens i and i + 1 are syllables of one Hangul word. */
static bool same_hangul_word(const vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i], *u = &x->tk->v[i + 1];
	return (t->flags & u->flags & VG_TOKF_HANGUL) && t->end == u->start;
}

/* A window of Hangul syllables names the whole listed name, in one word
 * from its start, and the rest of the word is particles or a title ("김정은은",
 * "김정은위원장"): Korean writes no spaces between them, and two syllables of
 * a longer word ("김정일과": kim jong) are no name. */
static bool hangul_name(const vg__run *x, const window *w)
{
	uint32_t e = w->b;
	if (w->gaps || w->cover < 0.99 || (w->a > 0 && same_hangul_word(x, w->a - 1)))
		return false;
	/* one word: Korean writes a name family name first and whole ("상호
	 * 김", two words, is a Western order that no Korean text uses) */
	for (e = w->a; e < w->b; e++)
		if (!same_hangul_word(x, e))
			return false;
	while (e + 1 < x->tk->n && same_hangul_word(x, e))
		e++;
	return vg__korean_particles(x->text + x->tk->v[w->b].end,
				    x->tk->v[e].end - x->tk->v[w->b].end, 0);
}

static int add_cand(vg__run *x, const vg__cand *c)
{
	if (vg__grow(&x->c, &x->capc, x->nc + 1, sizeof(*x->c)))
		return VG_ENOMEM;
	x->c[x->nc++] = *c;
	return 0;
}

/* A derived Russian or Ukrainian acronym (scanner.c: ИГИЛ) is one only as
 * written, in Cyrillic capitals, or with a case ending in lower case
 * ("ИГИЛа", "ИГИЛом"; not "ИГИЛЛ", another's), and never where a name as
 * listed holds the same word. */
static bool cyrillic_acronym_at(const vg__run *x, const vg__sname *nm, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i];
	const vg__stok *st = &x->s->tok[x->s->ntoks[nm->tok_start]];
	const unsigned char *r = (const unsigned char *)x->text + t->start;
	if (!(t->flags & VG_TOKF_CYRILLIC) || (st->flags & VG_STOK_LISTED) ||
	    t->norm_len < st->len || t->norm_len > st->len + 3U ||
	    memcmp(x->pool + t->norm, x->s->tz.pool.ptr + st->norm, st->len) != 0)
		return false;
	if (t->norm_len == st->len)
		return (t->flags & VG_TOKF_ALLCAPS) != 0;
	/* the second letter a capital: А..Я, Ё, Є, І, Ї */
	return !(t->flags & VG_TOKF_ALLCAPS) && t->end - t->start >= 4 && r[2] == 0xd0 &&
	       ((r[3] >= 0x90 && r[3] <= 0xaf) || r[3] == 0x81 || r[3] == 0x84 ||
		r[3] == 0x86 || r[3] == 0x87);
}

/* The kind word's position as a bit where the window leaves only it
 * unsaid (a listed branch's suffix may end in it: "- KHORASAN PROVINCE"). */
static uint32_t kind_bit(const vg__sname *nm, const window *w)
{
	return w->kind_unsaid && !w->missing ? 1u << nm->kind_pos : 0;
}

/* Adds v to a 256-bit filter; is v in it? */
static inline void filter_add(uint64_t *f, uint32_t v)
{
	f[(v >> 6) & 3] |= 1ULL << (v & 63);
}

static inline bool filter_has(const uint64_t *f, uint32_t v)
{
	return (f[(v >> 6) & 3] >> (v & 63)) & 1;
}

/* Sets bit v & 255 of filter f (of 256 bits) and counts it in count. */
static inline void filter_count(uint64_t *f, uint8_t *count, uint32_t v)
{
	filter_add(f, v);
	if (count[v & 255] < 255)
		count[v & 255]++;
}

/* Is hit h a German respelling whose key may match a listed word without
 * a loose key (match_at compares st->loose with h->lo2, both
 * VG_SCAN_NONE)? */
static inline bool respelt_alone(const vg__hit *h)
{
	return (h->german & VG_GERMAN_RESPELT) && h->lo != VG_SCAN_NONE && h->lo2 == VG_SCAN_NONE;
}

static inline uint32_t phrase_slot(uint32_t id)
{
	return (id * 0x9E3779B1u) >> 24; /* (VG_PHRASE_SLOTS 256) */
}

/* Notes that text token j names dictionary token id; false when full. */
static bool phrase_add(vg__phrase *ph, uint32_t id, uint32_t j)
{
	uint32_t k = phrase_slot(id);
	while (ph->slot[k].stamp == ph->stamp) {
		if (ph->slot[k].id == id) {
			ph->slot[k].more |= ph->slot[k].tok != j;
			return true;
		}
		k = (k + 1) & (VG_PHRASE_SLOTS - 1);
	}
	if (++ph->n_ids > VG_PHRASE_SLOTS / 2)
		return false;
	ph->slot[k] = (vg__phrase_slot){ id, j, ph->stamp, 0 };
	return true;
}

/* Does a text token of the phrase other than i name dictionary token id? */
static bool phrase_names(const vg__phrase *ph, uint32_t id, uint32_t i)
{
	uint32_t k = phrase_slot(id);
	while (ph->slot[k].stamp == ph->stamp) {
		if (ph->slot[k].id == id)
			return ph->slot[k].tok != i || ph->slot[k].more;
		k = (k + 1) & (VG_PHRASE_SLOTS - 1);
	}
	return false;
}

/* Collects into x->ph the hits of the phrase holding token i (kept while
 * the anchors stay in it: they come in text order). */
static void phrase_hits(vg__run *x, uint32_t i)
{
	const vg__toks *tk = x->tk;
	vg__phrase *ph = &x->ph;
	uint32_t j, k;

	if (ph->end && ph->lo <= i && i < ph->end)
		return;
	ph->lo = i;
	ph->end = i + 1;
	while (ph->lo > 0 && tk->v[ph->lo].brk <= VG_BRK_SOFT)
		ph->lo--;
	while (ph->end < tk->n && tk->v[ph->end].brk <= VG_BRK_SOFT)
		ph->end++;
	ph->stamp++;
	ph->n_ids = ph->n_keyed = ph->n_grp = 0;
	ph->off = ph->lo_alone = false;
	memset(ph->kfilter, 0, sizeof(ph->kfilter));
	memset(ph->all, 0, sizeof(ph->all));
	memset(ph->count, 0, sizeof(ph->count));
	for (j = ph->lo; j < ph->end; j++) {
		const vg__hit *h = &x->h[j];
		const uint32_t id[] = { h->ex, h->ex2, h->art, h->tr, h->tr2 };
		for (k = 0; k < sizeof(id) / sizeof(*id); k++) {
			if (id[k] == VG_SCAN_NONE)
				continue;
			if (!phrase_add(ph, id[k], j)) {
				ph->off = true;
				return;
			}
			filter_count(ph->all, ph->count, id[k]);
		}
		if (h->grp[0] && ph->n_grp++ == 0)
			ph->grp = j;
		if (h->lo == VG_SCAN_NONE && h->lo2 == VG_SCAN_NONE && h->zk == VG_SCAN_NONE &&
		    h->sk == VG_SCAN_NONE)
			continue;
		if (ph->n_keyed == VG_PHRASE_KEYED) {
			ph->off = true;
			return;
		}
		ph->keyed[ph->n_keyed++] = j;
		if (h->lo != VG_SCAN_NONE) {
			filter_add(ph->kfilter, h->lo);
			filter_count(ph->all + 4, ph->count + 256, h->lo);
		}
		if (respelt_alone(h))
			ph->lo_alone = true;
		if (h->lo2 != VG_SCAN_NONE) {
			filter_add(ph->kfilter, h->lo2);
			filter_count(ph->all + 4, ph->count + 256, h->lo2);
		}
		if (h->zk != VG_SCAN_NONE) {
			filter_add(ph->kfilter, h->zk);
			filter_count(ph->all + 4, ph->count + 256, h->zk);
		}
		if (h->sk != VG_SCAN_NONE) {
			filter_add(ph->kfilter, h->sk);
			filter_count(ph->all + 4, ph->count + 256, h->sk);
		}
	}
}

/* May text token j (hit h) match dictionary token tok at a position of a
 * name (of a person or not)?  True wherever find_pos could take it: where
 * may_match and match_at both say yes (a name-variant group or a German
 * respelling only with a person's name).  Kept in step with match_at; and
 * every token number and key it compares is a bit of phrase_hits' x->ph.all
 * and of the scanner's nfilter (scanner.c), strong_partner's filter. */
static bool may_take(const vg__run *x, const vg__hit *h, uint32_t tok, bool person)
{
	const vg__stok *st = &x->s->tok[tok];
	return tok == h->ex || tok == h->ex2 || tok == h->art || tok == h->tr || tok == h->tr2 ||
	       (person && h->grp[0]) ||
	       (h->lo != VG_SCAN_NONE && st->loose == h->lo) ||
	       (h->lo2 != VG_SCAN_NONE && st->loose == h->lo2) ||
	       (person && respelt_alone(h) && st->loose == VG_SCAN_NONE) ||
	       (h->zk != VG_SCAN_NONE && st->zkey == h->zk) ||
	       (h->sk != VG_SCAN_NONE && st->skel == h->sk);
}

/* May a token of anchor i's phrase other than i match dictionary token
 * tok by key (may_take)? */
static bool phrase_keys(const vg__run *x, const vg__stok *st, uint32_t tok, uint32_t i,
			bool person)
{
	const vg__phrase *ph = &x->ph;
	uint32_t k;
	if (!(st->loose == VG_SCAN_NONE ? person && ph->lo_alone
					: filter_has(ph->kfilter, st->loose)) &&
	    !(st->zkey != VG_SCAN_NONE && filter_has(ph->kfilter, st->zkey)) &&
	    !(st->skel != VG_SCAN_NONE && filter_has(ph->kfilter, st->skel)))
		return false;
	for (k = 0; k < ph->n_keyed; k++)
		if (ph->keyed[k] != i && may_take(x, &x->h[ph->keyed[k]], tok, person))
			return true;
	return false;
}

/* x->ph.other for anchor i: x->ph.all less the bits that only i's hits
 * set.  What phrase_names finds for i (a token number some other token's
 * hit names) and what phrase_keys may take for i (a key of a keyed token
 * other than i) keep their bits. */
static void anchor_filters(vg__run *x, uint32_t i)
{
	vg__phrase *ph = &x->ph;
	const vg__hit *h = &x->h[i];
	const uint32_t id[] = { h->ex, h->ex2, h->art, h->tr, h->tr2 };
	const uint32_t key[] = { h->lo, h->lo2, h->zk, h->sk };
	uint32_t k;
	if (ph->anchor_stamp == ph->stamp && ph->anchor == i)
		return;
	ph->anchor = i;
	ph->anchor_stamp = ph->stamp;
	memcpy(ph->other, ph->all, sizeof(ph->other));
	for (k = 0; k < sizeof(id) / sizeof(*id); k++)
		if (id[k] != VG_SCAN_NONE && ph->count[id[k] & 255] == 1)
			ph->other[(id[k] >> 6) & 3] &= ~(1ULL << (id[k] & 63));
	for (k = 0; k < sizeof(key) / sizeof(*key); k++)
		if (key[k] != VG_SCAN_NONE && ph->count[256 + (key[k] & 255)] == 1)
			ph->other[4 + ((key[k] >> 6) & 3)] &= ~(1ULL << (key[k] & 63));
}

/* May a token of anchor i's phrase other than i match a strong word of
 * name nm (may_take)?  If none may, every window of nm grown in the
 * phrase (all stay inside it: grow_side stops at a stronger break)
 * matches one strong word at most and is no candidate; so is the window
 * of a later anchor there, which x->until would have spared, so skipping
 * them changes nothing. */
static bool strong_partner(vg__run *x, const vg__sname *nm, uint32_t i)
{
	const vg__phrase *ph = &x->ph;
	const uint32_t *nt = x->s->ntoks + nm->tok_start;
	bool person = nm->schema == VG_SCHEMA_PERSON;
	int p;

	phrase_hits(x, i);
	if (ph->off || (person && (ph->n_grp > 1 || (ph->n_grp == 1 && ph->grp != i))))
		return true;
	/* None of its strong words (nor their keys) among those of the
	 * phrase's other tokens: no token but i may take one.  (The loop
	 * below says the same at several times the cost; a person's name
	 * beside a German respelling is left to it.) */
	if (!(person && ph->lo_alone)) {
		const uint64_t *f = x->s->nfilter + (size_t)(nm - x->s->names) * 8;
		uint64_t any = 0;
		anchor_filters(x, i);
		for (p = 0; p < 8; p++)
			any |= f[p] & ph->other[p];
		if (!any)
			return false;
	}
	for (p = 0; p < nm->n_tok; p++) {
		uint32_t tok = nt[p];
		const vg__stok *st = &x->s->tok[tok];
		if (st->flags & (VG_STOK_WEAK | VG_STOK_TITLE))
			continue;
		if (phrase_names(ph, tok, i) || (ph->n_keyed && phrase_keys(x, st, tok, i, person)))
			return true;
	}
	return false;
}

int vg__evaluate(vg__run *x, uint32_t n, uint32_t i)
{
	const vg__sname *nm = &x->s->names[n];
	window w;
	vg__cand c;
	uint32_t j, end;
	double score;

	/* Two tokens are needed unless the name has one strong word, and
	 * two of its strong words (judge_full). */
	if (nm->strong >= 2 && (!x->near[i] || !strong_partner(x, nm, i)))
		return 0;
	/* A short Latin word alike only by its loose key names no person
	 * (match_at) */
	if (nm->schema == VG_SCHEMA_PERSON && vg__short_latin(&x->tk->v[i]) &&
	    x->h[i].ex == VG_SCAN_NONE && x->h[i].tr == VG_SCAN_NONE && x->h[i].tr2 == VG_SCAN_NONE)
		return 0;
	if ((nm->flags & VG_SNAME_CYR_ACRONYM) && !cyrillic_acronym_at(x, nm, i))
		return 0;
	if (nm->strong == 1 && capital_by_place(x, i) && vg__lower_forms(x) < 0)
		return VG_ENOMEM;
	if (!grow(x, nm, i, &w))
		return 0;
	if (w.b + 1 > x->until[n])
		x->until[n] = w.b + 1;
	weigh(x, nm, &w);
	if (x->tk->v[i].flags & VG_TOKF_HAN) {
		/* Ideographs: no spaces, one character per token; all of the
		 * name or nothing.  A Korean name read as Hangul may spell
		 * a syllable otherwise than the list (choi: CHOE): every word
		 * of the name matched, its cover is its score. */
		score = w.strong_m < 2 || w.gaps || korean_part(x, &w) ? -1 : w.cover >= 0.99 ? 1.0 :
			x->h[i].korean && w.used == (nm->n_tok >= 32 ? ~0u : (1u << nm->n_tok) - 1)
			? w.cover : -1;
		c.rule = VG_SCAN_RULE_FULL;
	} else if (nm->strong >= 2) {
		score = judge_full(x, nm, &w);
		c.rule = VG_SCAN_RULE_FULL;
	} else if (nm->strong == 1) {
		score = judge_single(x, nm, &w);
		c.rule = VG_SCAN_RULE_SINGLE;
	} else {
		return 0;
	}
	if ((x->tk->v[i].flags & VG_TOKF_HANGUL) && !hangul_name(x, &w))
		return 0;
	if (score < 0 || (nm->required & ~w.used & ~kind_bit(nm, &w)) ||
	    (nm->branch && !(nm->branch & w.used)) || inside_longer_name(x, nm, &w) ||
	    institution_of(x, nm, &w) ||
	    front_before(x, nm, &w) || splinter_of(x, nm, &w) ||
	    names_branch(x, nm, &w) || names_other_place(x, nm, &w) || branch_after(x, nm, &w) ||
	    hyphenated_other(x, nm, &w) ||
	    vg__owns_province(x, nm, w.a, w.b) ||
	    longer_person(x, nm, &w) || across_comma(x, nm, &w) || apposition(x, nm, &w) ||
	    other_place(x, nm, &w) || place_before_other(x, nm, &w) ||
	    arabic_indefinite(x, nm, &w) || arabic_and(x, nm, &w) ||
	    arabic_unit_of(x, nm, &w))
		return 0;
	/* A weak alias (what the lists themselves say is too broad to name
	 * the party: OFAC's "weak a.k.a.") counts less; said in ordinary
	 * words, places and generic words only ("PEOPLE'S ARMY", "THE
	 * POPULAR ARMY"), it is a phrase of the language: the party only
	 * where the text names it otherwise too. */
	if (nm->flags & VG_SCAN_NAME_WEAK) {
		score *= 0.9;
		if (w.plain_all)
			w.weak = 1;
	}
	/* A person listed under an organisation's name in two words ("Hizb
	 * Allah", a man's alias): the words name the organisation. */
	c.mask = w.used;
	for (c.n_matched = 0, j = w.used; j; j &= j - 1)
		c.n_matched++;
	c.b = w.b;
	if ((nm->flags & VG_SNAME_SPELLS_ORG) && (j = vg__scanner_spelt_org(x->s, nm)) != VG_SCAN_NONE) {
		n = j;
		c.mask = 1u << x->s->names[n].max_pos;
	} else if ((j = suffix_branch(x, n, nm, &w, &end)) != VG_SCAN_NONE) {
		/* ... and a branch's suffix ("ISIL-K") the branch */
		n = j;
		c.mask = 1u << x->s->names[n].max_pos;
		c.b = end;
		c.rule = VG_SCAN_RULE_FULL;
	} else if ((j = other_suffixed(x, nm, &w)) != VG_SCAN_NONE) {
		n = j;
		c.mask = 1u << x->s->names[n].max_pos;
		c.b = w.b + 1;
		c.rule = VG_SCAN_RULE_FULL;
	}
	c.a = w.a;
	c.weak = (uint8_t)w.weak;
	c.name = n;
	c.score = score > 1 ? 1 : score;
	return add_cand(x, &c);
}
