/*
 * scan.c - finding mentions of listed names in text (see scan.h).
 *
 * How it works, per text:
 *  1. Tokenise (tokens.c) and look every token up: its exact token number
 *     and, for Cyrillic words and long Latin words not listed as written,
 *     its loose key; for Arabic-script words, which write no short
 *     vowels, its consonant skeleton and the listed words it may spell
 *     (their letters in order, short vowels added: "حماس" HAMAS, "أحمد"
 *     AHMED; no name ten times as frequent with them: "محمد" is Muhammad,
 *     not Mahmud).  Most words of a text miss every table and cost
 *     nothing more.
 *  2. Every capitalised (or caseless-script) hit on a token that is not a
 *     particle or title is an anchor.  A rare anchor evaluates every name
 *     holding it; a frequent one only the names that also hold a strong
 *     word nearby (sorted postings intersected).  Evaluating grows a window
 *     left and right over consecutive tokens of that name (each name
 *     position used once; one unmatched token allowed inside, for a middle
 *     name or "house *building* in").  Windows never cross a sentence end,
 *     bracket, quote or paragraph.
 *  3. A window is a candidate only with enough distinctive evidence:
 *       - a name of two or more strong words: two distinct ones, half the
 *         name's weight and about one unique word's weight in all, a
 *         capitalised strong word (all of them when every word is an
 *         ordinary one), and then 80 % of the weight, or for a person the
 *         family name, or for others the rarest word;
 *       - a one-word name (plus particles or legal forms): an organisation's
 *         rare word of five letters or more, capitalised, not an ordinary
 *         word, place or given name ("Rossotrudnichestvo", not "Hope",
 *         "Union" or "Denise"), as written or as a Cyrillic case form;
 *       - ideographic names: every character, as written.
 *     A word spelt only by its skeleton weighs what a word shared by all
 *     the listed words it may spell would.  Without capitals (Arabic) a
 *     one-word name needs an organisation word before it ("حركة حماس") or
 *     six letters few listed words share ("طالبان"), else it counts only
 *     for a party the text names otherwise too.
 *     Score: 0.5 + 0.5 x matched weight share, less 0.1 for a gap (0.75 +
 *     0.25 x share for one-word names).
 *  4. Candidates are taken longest, then best first, without overlap;
 *     another entity with the very same span becomes an alternative.  A
 *     word for a kind of body in the plural is said once for the names
 *     in a row after it ("die Banken Melli und Saderat").
 *  5. A person's family name alone ("Putin said", "Путина") within a few
 *     paragraphs after a full mention is a mention of the same person; a
 *     rare family name of a listed person standing alone, with no
 *     capitalised word next to it, is a weaker mention (0.7).
 *
 * One function per step: lookup (1) and find_candidates (2) here,
 * vg__evaluate (3) in window.c, select_mentions (4) here, vg__shared_heads
 * (4, the names in a row) in heads.c, vg__refer_back
 * (5) in refer.c; run.h holds the state they share.
 *
 * Invariant: every vg__mention returned has start < end on token
 * boundaries, mentions do not overlap and come in text order.
 */
#include "scan/run.h"
#include "scan/scan_data.h"
#include "common/error.h"
#include "common/alloc.h"
#include "common/lower_bound.h"
#include "common/deadline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A token in at most this many names evaluates all of them. */
#define RARE_DF 32

/* Does Arabic word a[0..an) spell listed word l[0..ln), or, in the
 * construct state, with the feminine ending said t ("جبهة", jabha, in
 * "جبهة النصرة", Jabhat al-Nusra)? */
static bool spells_as(const char *a, size_t an, const char *l, size_t ln, bool ayn,
		      bool construct)
{
	char w[VG_SKEL_MAX + 2];
	if (!construct)
		return vg__arabic_spelling(a, an, l, ln, ayn);
	if (an > VG_SKEL_MAX)
		return false;
	memcpy(w, a, an);
	w[an] = 't';
	return vg__arabic_spelling(w, an + 1, l, ln, ayn);
}

/* The length of Arabic text token t's normalised form without its nisba
 * ending, masculine ي (-i) or feminine ية (-iya), when it has the article
 * and one ("التركستاني", "التركستانية": trkstan), else 0. */
static size_t nisba_stem(const vg__run *x, const vg__tok *t)
{
	const char *w = x->pool + t->norm;
	size_t n = t->norm_len, e;
	if (!(t->flags & VG_TOKF_ARTICLE) || n < 5)
		return 0;
	/* (an adjective the lists write in English is that word: "الإسلامي",
	 * Islamic, not ISLAM) */
	if (n > VG_SCAN_MAX_WORD || vg__scan_translate(w, n))
		return 0;
	e = w[n - 1] == 'i' ? 1 : w[n - 2] == 'i' && w[n - 1] == 'a' ? 2 : 0;
	return e && n - e >= 4 && !strchr("aiu", w[n - e - 1]) ? n - e : 0;
}

/* Is Arabic text token t a spelling of dictionary token st (0: no; with
 * VG_SKOK_CLITIC: only without its clitic; VG_SKOK_NISBA: only as the noun
 * its nisba adjective is made of), read in the construct state or not?
 * Arabic names an organisation after a place by the place's adjective
 * ("الحزب الإسلامي التركستاني", the Turkistani Islamic Party), English by
 * the place (ISLAMIC PARTY OF TURKESTAN); a listed word ending in -i is
 * the adjective itself, spelt whole (AL-MASRI). */
static uint32_t spells(const vg__run *x, const vg__tok *t, const vg__stok *st, bool construct)
{
	const char *l = x->s->tz.pool.ptr + st->norm;
	size_t stem;
	if (spells_as(x->pool + t->norm, t->norm_len, l, st->len, t->flags & VG_TOKF_AYN,
		      construct))
		return 1;
	if (t->alt_len && spells_as(x->pool + t->alt, t->alt_len, l, st->len,
				    t->flags & VG_TOKF_ALT_AYN, construct))
		return 1 | VG_SKOK_CLITIC;
	if (!construct && (stem = nisba_stem(x, t)) && !strchr("iy", l[st->len - 1]) &&
	    vg__arabic_spelling(x->pool + t->norm, stem, l, st->len, t->flags & VG_TOKF_AYN))
		return 1 | VG_SKOK_NISBA;
	return 0;
}

/* How far (tokens) a frequent anchor looks for a strong partner word. */
#define NEAR 4

/* The listed words a five-letter Latin word is not another spelling of. */
#define SHORT_LOOSE_NOT (VG_STOK_GIVEN | VG_STOK_COMMON | VG_STOK_PLACE | VG_STOK_TITLE | \
			 VG_STOK_WEAK)

/* Does loose key lo reach a listed word a five-letter Latin word may be
 * another spelling of? */
static bool short_loose_any(const vg__scanner *s, uint32_t lo)
{
	const vg__lkey *lk = &s->lo.lk[lo];
	uint32_t q;
	for (q = 0; q < lk->count; q++)
		if (!(s->tok[s->lo.toks[lk->start + q]].flags & SHORT_LOOSE_NOT))
			return true;
	return false;
}

/* Has hit h a field vg__hit_ids takes ids from?  (Without, it gives none:
 * the token anchors nothing, and find_candidates asks nothing more of it.) */
static inline bool may_anchor(const vg__hit *h)
{
	return h->ex != VG_SCAN_NONE || h->ex2 != VG_SCAN_NONE || h->tr != VG_SCAN_NONE ||
	       h->tr2 != VG_SCAN_NONE || h->lo != VG_SCAN_NONE || h->lo2 != VG_SCAN_NONE ||
	       h->skn;
}

uint32_t vg__hit_ids(const vg__run *x, uint32_t i, uint32_t *ids, uint32_t cap)
{
	uint32_t n = 0, q;
	if (x->h[i].ex != VG_SCAN_NONE)
		ids[n++] = x->h[i].ex;
	if (x->h[i].ex2 != VG_SCAN_NONE)
		ids[n++] = x->h[i].ex2;
	if (x->h[i].tr != VG_SCAN_NONE && x->h[i].tr != x->h[i].ex)
		ids[n++] = x->h[i].tr;
	if (x->h[i].tr2 != VG_SCAN_NONE && n < cap)
		ids[n++] = x->h[i].tr2;
	if (x->h[i].lo != VG_SCAN_NONE) {
		/* the case forms first (precise keys agree: "Хания", HANIYA),
		 * then the likenesses with vowels folded, as many as fit; a
		 * Latin word of five letters is only an organisation's word
		 * in another spelling (latin_loose), no given name, place or
		 * ordinary word */
		const vg__lkey *lk = &x->s->lo.lk[x->h[i].lo];
		uint16_t skip = vg__short_latin(&x->tk->v[i]) ? SHORT_LOOSE_NOT : 0;
		int pass;
		for (pass = 0; pass < 2; pass++)
			for (q = 0; q < lk->count && n < cap; q++) {
				uint32_t id = x->s->lo.toks[lk->start + q];
				if (id != x->h[i].ex && (x->s->tok[id].lo1 == x->h[i].lo1) == (pass == 0) &&
				    !(x->s->tok[id].flags & skip))
					ids[n++] = id;
			}
	}
	if (x->h[i].lo2 != VG_SCAN_NONE) {
		const vg__lkey *lk = &x->s->lo.lk[x->h[i].lo2];
		for (q = 0; q < lk->count && n < cap; q++)
			ids[n++] = x->s->lo.toks[lk->start + q];
	}
	for (q = 0; q < x->h[i].skn && n < cap; q++) {
		uint32_t id = x->skok[x->h[i].sko + q] & ~VG_SKOK_FLAGS;
		if (id != x->h[i].ex)
			ids[n++] = id;
	}
	return n;
}

/* The English word of a word of another language, when the lists hold
 * it ("Estado" -> state, "государства" -> state, "الدولة" -> state), or
 * VG_SCAN_NONE. */
/* Bulgarian writes the definite article onto the word: -та, -то, -те,
 * and -ът, whose ъ the normaliser drops ("Талибаните", "държавата",
 * "Корпусът").  The length of the normalised Cyrillic word w[0..n)
 * without it, or n where it has none. */
static size_t without_article_bg(const char *w, size_t n)
{
	if (n >= 7 && w[n - 2] == 't' && strchr("aoe", w[n - 1]))
		return n - 2;
	if (n >= 6 && w[n - 1] == 't' && !strchr("aeiouy", w[n - 2]))
		return n - 1;
	return n;
}

static uint32_t find_english(vg__run *x, uint32_t i, char *key)
{
	const vg__tok *t = &x->tk->v[i];
	const char *w = x->pool + t->norm, *en;
	size_t kl = t->norm_len, bg;

	if (t->flags & VG_TOKF_CYRILLIC) {
		if (t->norm_len > VG_SCAN_MAX_WORD)
			return VG_SCAN_NONE;
		kl = vg__loose_key(key, w, t->norm_len, false);
		/* "държавата", the state: as "държава" */
		if (!vg__scan_translate(key, kl) &&
		    (bg = without_article_bg(w, t->norm_len)) < t->norm_len)
			kl = vg__loose_key(key, w, bg, false);
		w = key;
	}
	/* an Arabic word with a one-letter clitic and no article of its
	 * own: the word without it ("لقوة", for the force: قوة, force) */
	if (!(en = vg__scan_translate(w, kl)) && (t->flags & VG_TOKF_ARABIC) && t->alt_len)
		en = vg__scan_translate(x->pool + t->alt, t->alt_len);
	if (!en &&
	    (!(t->flags & VG_TOKF_CAP) || x->h[i].ex != VG_SCAN_NONE ||
	     !(en = vg__scan_translate_place(w, kl))))
		return VG_SCAN_NONE;
	return vg__scanner_find(x->s, en, strlen(en));
}

/* The consonant skeleton of an Arabic word (or of its form without a
 * clitic) among the dictionary's, or VG_SCAN_NONE; in the construct
 * state with the t its feminine ending is said as. */
static uint32_t find_skeleton(const vg__run *x, const vg__tok *t, char *key, bool clitic,
			      bool construct)
{
	char joined[2 * VG_SCAN_MAX_WORD + 8];
	size_t kl, len = t->end - t->start;
	uint32_t k = VG_SCAN_NONE;
	const char *raw = x->text + t->start;
	int cl;
	if (t->flags & VG_TOKF_JOINED) {
		len = vg__arabic_joined(joined, sizeof(joined), raw, len,
					(t->flags & VG_TOKF_ASSIM) != 0);
		raw = joined;
	}
	for (cl = clitic; cl < 2 && k == VG_SCAN_NONE; cl++) {
		if ((cl && !t->alt_len) || !(kl = vg__arabic_skeleton(key, raw, len, cl)))
			continue;
		if (construct) {
			if (kl >= VG_SKEL_MAX || key[kl - 1] == 't')
				continue;
			key[kl++] = 't';
			key[kl] = '\0';
		}
		k = vg__keyset_find(&x->s->sk, key, kl);
	}
	return k;
}

/* Edit distance of a[0..an) and b[0..bn), both at most 64 letters. */
static unsigned edit_distance(const char *a, size_t an, const char *b, size_t bn)
{
	unsigned row[65], i, j;
	for (j = 0; j <= bn; j++)
		row[j] = j;
	for (i = 1; i <= an; i++) {
		unsigned diag = row[0], up;
		row[0] = i;
		for (j = 1; j <= bn; j++) {
			unsigned best = diag + (a[i - 1] != b[j - 1]);
			up = row[j];
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[bn];
}

/* Is one of the dots that part a foreign name's words in Chinese (· ・ ‧)
 * right before or after token t? */
static bool zh_dotted(const vg__run *x, const vg__tok *t)
{
	static const char *const dots[] = { "\xc2\xb7", "\xe3\x83\xbb", "\xe2\x80\xa7" };
	size_t k, l;
	for (k = 0; k < sizeof(dots) / sizeof(dots[0]); k++) {
		l = strlen(dots[k]);
		if ((t->start >= l && !memcmp(x->text + t->start - l, dots[k], l)) ||
		    (x->text_len - t->end >= l && !memcmp(x->text + t->end, dots[k], l)))
			return true;
	}
	return false;
}

/* A Latin spelling w[0..n) with the letters Chinese syllables do not
 * tell apart written alike, as vg__zh_key folds them (r l; x s; g k q;
 * z c j, ki gi ji; a digraph's h and a final one; hi as xi, si; a final
 * v as fu, another as wa), into out (n bytes at most): the reading of
 * 查瓦希里, chawasili, is ZAWAHIRI's, jawasili.  Its length. */
static size_t zh_fold(char *out, const char *w, size_t n)
{
	size_t i, m = 0;
	for (i = 0; i < n; i++) {
		char c = w[i];
		switch (c) {
		case 'r': c = 'l'; break;
		case 'x': c = 's'; break;
		case 'g': case 'k': case 'q':
			c = i + 1 < n && (w[i + 1] == 'i' || w[i + 1] == 'y') &&
			    (i == 0 || w[i - 1] != 'n') ? 'j' : 'k';
			break;
		case 'z': case 'c': c = 'j'; break;
		case 'v': c = i + 1 == n ? 'f' : 'w'; break;
		case 'h':
			/* a digraph's; a final one after a vowel (the -ah, -eh
			 * Chinese does not write: 哈尼亚, HANIYEH) */
			if (i && (strchr("cgksz", w[i - 1]) ||
				  (i + 1 == n && strchr("aeiou", w[i - 1]))))
				continue;
			if (i + 1 < n && w[i + 1] == 'i')
				c = 's';
			break;
		default:
			break;
		}
		out[m++] = c;
	}
	return m;
}

bool vg__zh_within(const vg__run *x, const vg__tok *t, const vg__stok *st, unsigned k)
{
	size_t n, an, bn;
	char a[64], b[64];
	if (t->norm_len > 64 || st->len > 64)
		return false;
	an = zh_fold(a, x->pool + t->norm, t->norm_len);
	bn = zh_fold(b, x->s->tz.pool.ptr + st->norm, st->len);
	n = an > bn ? an : bn;
	return k * edit_distance(a, an, b, bn) <= n;
}

/* Is the Latin reading of Chinese text token t (its syllables) within a
 * third of its letters of listed word st's spelling (hamasi: HAMAS;
 * bensaiji is not BASIJ, nor kexiaer EXIAR), or of its folded spelling
 * (zh_fold) when fold? */
static uint32_t zh_spells(const vg__run *x, const vg__tok *t, const vg__stok *st, bool fold)
{
	size_t n = t->norm_len > st->len ? t->norm_len : st->len, an, bn;
	char a[64], b[64];
	if (t->norm_len > 64 || st->len > 64)
		return 0;
	/* A word of a foreign name the text parts with dots (伊斯梅尔·哈尼亚)
	 * is a name for sure, and Chinese adds a vowel to every consonant
	 * (yi si mei er, Ismail): within half of its letters there */
	if (!fold)
		return (zh_dotted(x, t) ? 2 : 3) *
		       edit_distance(x->pool + t->norm, t->norm_len,
				     x->s->tz.pool.ptr + st->norm, st->len) <= n;
	an = zh_fold(a, x->pool + t->norm, t->norm_len);
	bn = zh_fold(b, x->s->tz.pool.ptr + st->norm, st->len);
	return 2 * edit_distance(a, an, b, bn) <= n;
}

/* The listed words Arabic text token i may spell (x->skok, from
 * h[i].sko): those with its skeleton and letters, unless names alike in
 * that way (one loose key: Muhammad, Mohammed) are ten times as frequent
 * in the lists ("محمد" is not Mahmud); and what the skeleton says
 * (h[i].skw): the weight of a word shared by all their entities. */
static int skeleton_words(vg__run *x, uint32_t i, bool construct)
{
	const vg__scanner *s = x->s;
	const vg__tok *t = &x->tk->v[i];
	bool zh = (t->flags & VG_TOKF_ZH_NAME) != 0;
	const vg__keyset *ks = zh ? &s->zk : &s->sk;
	const vg__lkey *lk = &ks->lk[zh ? x->h[i].zk : x->h[i].sk];
	uint32_t ids[128], how[128], n = 0, q, r;
	double df = 0;
	int pass;

	/* Chinese syllables spell what has their consonants and about its
	 * letters (本赛季, ben sai ji, "this season", is not BASIJ); the
	 * syllables of a name parted by dots that spell no word so spell
	 * one with the letters Chinese does not tell apart made one
	 * (弗拉德科夫, fuladekefu, FRADKOV: fladkof), a second pass, as it
	 * would find many more words for every name (纳斯鲁拉, nasilula,
	 * NASRALLAH; and NASIR, NASR) */
	for (pass = 0; pass < (zh && zh_dotted(x, t) ? 2 : 1) && !n; pass++)
		for (q = 0; q < lk->count && n < 128; q++) {
			uint32_t id = ks->toks[lk->start + q];
			/* Two letters are a preposition ("من", "عن") or a
			 * particle ("بن": bin), never more; an ayn the
			 * normalised form drops is a letter ("العدل", dl:
			 * al-Adl). */
			if (t->norm_len + ((t->flags & VG_TOKF_AYN) != 0) < 3 &&
			    !(s->tok[id].flags & VG_STOK_WEAK))
				continue;
			if ((how[n] = zh ? zh_spells(x, t, &s->tok[id], pass == 1)
					     : spells(x, t, &s->tok[id], construct)) != 0) {
				ids[n++] = id;
				df += s->tok[id].df;
			}
		}
	x->h[i].skw = df > 0 ? logf(1.0f + (float)s->n_entities / (float)df) : 0;
	x->h[i].sko = (uint32_t)x->n_skok;
	x->h[i].skn = 0;
	if (vg__grow(&x->skok, &x->cap_skok, x->n_skok + n, sizeof(*x->skok)))
		return VG_ENOMEM;
	for (q = 0; q < n; q++) {
		double alike = 0;
		for (r = 0; r < n; r++)
			if (s->tok[ids[r]].loose == s->tok[ids[q]].loose)
				alike += s->tok[ids[r]].df;
		if (alike * 10 >= df)
			x->skok[x->n_skok + x->h[i].skn++] = ids[q] | (how[q] & VG_SKOK_FLAGS);
	}
	x->n_skok += x->h[i].skn;
	return 0;
}

/* Is Arabic text token i a noun with the feminine ending (ة) in the
 * construct state: without the article itself, followed in the same
 * phrase by a word with it ("جبهة النصرة", "دولة العراق")?  A noun with
 * the article before one is a noun and its adjective ("الدولة
 * الإسلامية", al-dawla al-islamiya). */
static bool construct_state(const vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i], *n;
	if (i + 1 >= x->tk->n || t->end - t->start < 4 ||
	    (t->flags & (VG_TOKF_ARTICLE | VG_TOKF_JOINED)) ||
	    memcmp(x->text + t->end - 2, "\xd8\xa9", 2) != 0)
		return false;
	n = &x->tk->v[i + 1];
	return n->brk == VG_BRK_SPACE && n->start == t->end + 1 &&
	       (n->flags & VG_TOKF_ARABIC) && (n->flags & VG_TOKF_ARTICLE);
}

/* A noun in the construct state read as the listed name says it, when
 * it spells a listed word so ("قاعدة الجهاد", Qa'idat al-Jihad); 1 if it
 * does, 0 if not (h[i] then as before), or an error.  Not remembered with
 * the word: the next word decides. */
static int construct_lookup(vg__run *x, uint32_t i, char *key)
{
	int rc;
	if (!construct_state(x, i) ||
	    (x->h[i].sk = find_skeleton(x, &x->tk->v[i], key, false, true)) == VG_SCAN_NONE)
		return 0;
	if ((rc = skeleton_words(x, i, true)) < 0)
		return rc;
	if (x->h[i].skn)
		return 1;
	x->h[i].sk = VG_SCAN_NONE;
	return 0;
}

/* An Arabic word's skeleton, the listed words it may spell and its
 * precise loose key; words repeat, so they are remembered by their
 * normalised forms (one pool offset per spelling). */
static int arabic_lookup(vg__run *x, uint32_t i, char *key)
{
	const vg__tok *t = &x->tk->v[i];
	uint32_t p, e, mask;
	int rc;

	if ((rc = construct_lookup(x, i, key)) != 0) {
		if (rc > 0 && t->norm_len <= VG_SCAN_MAX_WORD)
			x->h[i].lo1 = vg__key_hash32(key, vg__loose_key(key, x->pool + t->norm,
									 t->norm_len, false));
		return rc < 0 ? rc : 0;
	}
	if (!x->acache) {
		for (x->acap = 64; x->acap < 2 * x->tk->n; x->acap *= 2)
			;
		if (!(x->acache = vg__calloc(x->acap, sizeof(*x->acache))))
			return vg__error_oom();
	}
	mask = x->acap - 1;
	for (p = (t->norm * 2654435761u ^ t->alt) & mask; (e = x->acache[p]) != 0; p = (p + 1) & mask) {
		const vg__tok *o = &x->tk->v[e - 1];
		if (o->norm == t->norm && o->alt == t->alt && o->alt_len == t->alt_len) {
			x->h[i].sk = x->h[e - 1].sk;
			x->h[i].sko = x->h[e - 1].sko;
			x->h[i].skn = x->h[e - 1].skn;
			x->h[i].skw = x->h[e - 1].skw;
			x->h[i].lo1 = x->h[e - 1].lo1;
			return 0;
		}
	}
	x->acache[p] = i + 1;
	x->h[i].sk = find_skeleton(x, t, key, false, false);
	if (x->h[i].sk == VG_SCAN_NONE)
		return 0;
	if ((rc = skeleton_words(x, i, false)) < 0)
		return rc;
	/* The word as written has a listed skeleton but spells no listed
	 * word: without its clitic it may spell a word of a person's name
	 * ("لأسامة", lsm, for Usama: sm; a preposition on a name) */
	if (!x->h[i].skn && t->alt_len) {
		uint32_t k = find_skeleton(x, t, key, true, false), q, n = 0;
		if (k != VG_SCAN_NONE && k != x->h[i].sk) {
			x->h[i].sk = k;
			if ((rc = skeleton_words(x, i, false)) < 0)
				return rc;
			for (q = 0; q < x->h[i].skn; q++) {
				uint32_t id = x->skok[x->h[i].sko + q];
				if (x->s->tok[id & ~VG_SKOK_FLAGS].flags & (VG_STOK_GIVEN | VG_STOK_ARABIC))
					x->skok[x->h[i].sko + n++] = id;
			}
			x->h[i].skn = n;
			if (!n)
				x->h[i].sk = VG_SCAN_NONE;
		}
	}
	if (t->norm_len <= VG_SCAN_MAX_WORD)
		x->h[i].lo1 = vg__key_hash32(key, vg__loose_key(key, x->pool + t->norm, t->norm_len,
								 false));
	return 0;
}

/* Does the joined Arabic token t spell a listed word (not a particle)
 * with its skeleton, as written or without its clitic ("لحزب الله")? */
static bool joined_spells(const vg__scanner *s, const char *pool, const char *text,
			  const vg__tok *t)
{
	char key[VG_SKEL_MAX + 1], joined[2 * VG_SCAN_MAX_WORD + 8];
	size_t kl, len = vg__arabic_joined(joined, sizeof(joined), text + t->start,
					   t->end - t->start, (t->flags & VG_TOKF_ASSIM) != 0);
	uint32_t k, q;
	int clitic;

	for (clitic = 0; len && clitic < 2; clitic++) {
		const char *w = pool + (clitic ? t->alt : t->norm);
		size_t wl = clitic ? t->alt_len : t->norm_len;
		const vg__lkey *lk;
		if ((clitic && !t->alt_len) || !(kl = vg__arabic_skeleton(key, joined, len, clitic)) ||
		    (k = vg__keyset_find(&s->sk, key, kl)) == VG_SCAN_NONE)
			continue;
		lk = &s->sk.lk[k];
		for (q = 0; q < lk->count; q++) {
			const vg__stok *st = &s->tok[s->sk.toks[lk->start + q]];
			if (!(st->flags & VG_STOK_WEAK) &&
			    vg__arabic_spelling(w, wl, s->tz.pool.ptr + st->norm, st->len,
						t->flags & (clitic ? VG_TOKF_ALT_AYN : VG_TOKF_AYN)))
				return true;
		}
	}
	return false;
}

/* Is Arabic token b (with the article) a second word of compound names
 * (data/scan_affixes.txt compound-ar), or one that spells no listed word
 * of its own? */
static bool compound_tail(const vg__scanner *s, const char *text, const vg__tok *b)
{
	char key[VG_SKEL_MAX + 1];
	size_t k, kl, n = b->end - b->start;
	for (k = 0; k < vg__sd_ar_compound_n; k++)
		if (strlen(vg__sd_ar_compound[k]) == n && !memcmp(vg__sd_ar_compound[k], text + b->start, n))
			return true;
	kl = vg__arabic_skeleton(key, text + b->start, n, false);
	return !kl || vg__keyset_find(&s->sk, key, kl) == VG_SCAN_NONE;
}

/* 0. Arabic compound names written in two words that lists write in one
 * ("حزب الله" HIZBALLAH, "نصر الله" NASRALLAH, "سراج الدين" SIRAJUDDIN): a
 * word without the article and the next one with it, one space apart,
 * become one token where a listed word spells them so, with the article's
 * l said or assimilated, and the second word is a compound's (compound_tail). */
static int join_compounds(vg__toks *tk, vg__tokenizer *tz, const char *text,
			  const vg__scanner *s)
{
	size_t i, w = 0;
	for (i = 0; i < tk->n; i++) {
		vg__tok t;
		const vg__tok *b = i + 1 < tk->n ? &tk->v[i + 1] : NULL;
		if (!(tk->v[i].flags & VG_TOKF_ARABIC) || !b || !(b->flags & VG_TOKF_ARTICLE)) {
			if (w != i)
				tk->v[w] = tk->v[i];
			w++;
			continue;
		}
		t = tk->v[i];
		if (!(t.flags & VG_TOKF_ARTICLE) &&
		    (b->flags & VG_TOKF_ARTICLE) && b->brk == VG_BRK_SPACE && !b->punct &&
		    b->start == t.end + 1 && text[t.end] == ' ' && compound_tail(s, text, b)) {
			int assim, rc;
			for (assim = 0; assim < 2; assim++) {
				vg__tok j;
				if (assim && !vg__arabic_sun_article(text, b))
					break;
				if ((rc = vg__arabic_join(&j, tz, text, &t, b, assim)) < 0)
					return rc;
				if (rc == 0 && joined_spells(s, tz->pool.ptr, text, &j)) {
					t = j;
					i++;
					break;
				}
			}
		}
		tk->v[w++] = t;
	}
	tk->n = w;
	return 0;
}

/* A foreign name written in Chinese syllables: the listed words with its
 * consonants (vg__zh_key) and what they say, as for an Arabic word's
 * skeleton. */
static int zh_lookup(vg__run *x, uint32_t i, char *key)
{
	const vg__tok *t = &x->tk->v[i];
	size_t kl = t->norm_len <= VG_SKEL_MAX ? vg__zh_key(key, x->pool + t->norm, t->norm_len) : 0;
	if (!kl || (x->h[i].zk = vg__keyset_find(&x->s->zk, key, kl)) == VG_SCAN_NONE)
		return 0;
	return skeleton_words(x, i, false);
}

/* Latin text token i is a listed word as written, but only a part of
 * longer names and no given name, place or ordinary word: it may be the
 * spelling of another listed word ("Hezbollah" of KATA'IB HEZBOLLAH is
 * HIZBALLAH too; "Stephanie" is not Stephen). */
static bool other_spellings(const vg__run *x, uint32_t i)
{
	const vg__stok *st = &x->s->tok[x->h[i].ex];
	return (x->tk->v[i].flags & VG_TOKF_CAP) && !st->solo &&
	       !(st->flags & (VG_STOK_GIVEN | VG_STOK_COMMON | VG_STOK_PLACE | VG_STOK_TITLE |
			      VG_STOK_WEAK | VG_STOK_PATRONYMIC));
}

/* Latin text token i, a capitalised word of five letters, is listed as
 * written, alone too ("Qaeda" of AL QAEDA), but no given name, place,
 * ordinary word, title or particle: it may be another spelling of a word
 * of longer names ("al-Qaeda in Iraq": AL-QAIDA IN IRAQ), a vowel for a
 * vowel (window.c). */
static bool other_spelling_5(const vg__run *x, uint32_t i)
{
	const vg__stok *st = &x->s->tok[x->h[i].ex];
	return !(st->flags & (VG_STOK_GIVEN | VG_STOK_COMMON | VG_STOK_PLACE | VG_STOK_TITLE |
			      VG_STOK_WEAK | VG_STOK_PATRONYMIC | VG_STOK_GENERIC | VG_STOK_ACRONYM));
}

/* Latin text token i is a word of a listed person's Arabic name as
 * written: it may spell another word of one with other vowels ("Moussab"
 * for MUSAB), which window.c allows only in Arabic names. */
static bool arabic_spellings(const vg__run *x, uint32_t i)
{
	const vg__stok *st = &x->s->tok[x->h[i].ex];
	return (x->tk->v[i].flags & VG_TOKF_CAP) && (st->flags & VG_STOK_ARABIC) &&
	       !(st->flags & (VG_STOK_COMMON | VG_STOK_PLACE | VG_STOK_TITLE | VG_STOK_WEAK));
}

/* Does Latin text token i get a loose key?  A word of six letters or more
 * not listed as written, or that may be another listed word's spelling
 * (other_spellings, arabic_spellings); a capitalised word of five only
 * when not listed as written at all ("Daech": DAESH, "el-Nosra": NUSRAH,
 * "Qaeda": QAIDA; "Sunna", listed, is not SINAA).  Shorter words fold into
 * too many others. */
static bool latin_loose(vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i];
	if (t->flags & VG_TOKF_UNCASED || t->norm_len < 5)
		return false;
	if (t->norm_len == 5)
		return (t->flags & VG_TOKF_CAP) &&
		       (x->h[i].ex == VG_SCAN_NONE || other_spelling_5(x, i));
	if (x->h[i].ex == VG_SCAN_NONE)
		return true;
	return other_spellings(x, i) || (x->h[i].lo_arabic = arabic_spellings(x, i)) != 0;
}

/* A listed word's loose key that alt[0..n), another reading of token i,
 * has and token i's own does not: its index in *lo and the reading's
 * precise loose key's hash in *h1.  False where no listed word has it. */
static bool other_reading(vg__run *x, uint32_t i, const char *alt, size_t n, uint32_t *lo,
			  uint32_t *h1)
{
	char key[VG_SCAN_MAX_WORD + 1];
	size_t kl = vg__loose_key(key, alt, n, true);
	if ((*lo = vg__keyset_find(&x->s->lo, key, kl)) == VG_SCAN_NONE || *lo == x->h[i].lo)
		return false;
	kl = vg__loose_key(key, alt, n, false);
	*h1 = vg__key_hash32(key, kl);
	return true;
}

/* Token i is read first as the listed loose key lo (precise hash h1); the
 * reading it had becomes its other one (lo2, lo21). */
static void take_reading(vg__run *x, uint32_t i, uint32_t lo, uint32_t h1)
{
	x->h[i].lo2 = x->h[i].lo;
	x->h[i].lo21 = x->h[i].lo1;
	x->h[i].lo = lo;
	x->h[i].lo1 = h1;
}

/* A Cyrillic word w[0..n) read with the other sound of г: Ukrainian says
 * h where Russian says g, the normaliser writes either, and lists write
 * the h as h and the gh of Arabic names as gh, which the loose key reads
 * as g.  The word with its own h (not of kh, zh, sh, ch: х, ж, ш, ч) read
 * g (Багдаді: bahdadi, BAGHDADI) becomes token i's loose key where a
 * listed word has it (the word as written its other one, lo2 and lo21);
 * the word with its g read h (Гасан: gasan, HASAN, beside GHASSAN) its
 * other one, or its loose key where it has none. */
static void ukrainian_h(vg__run *x, uint32_t i, const char *w, size_t n)
{
	char alt[VG_SCAN_MAX_WORD + 1];
	size_t k;
	uint32_t lo, h1;
	int d;
	for (d = 0; d < 2 && x->h[i].lo2 == VG_SCAN_NONE; d++) {
		bool any = false;
		for (k = 0; k < n; k++) {
			bool own_h = w[k] == 'h' && (k == 0 || !strchr("kzsc", w[k - 1]));
			alt[k] = d == 0 ? (own_h ? 'g' : w[k]) : (w[k] == 'g' ? 'h' : w[k]);
			any |= alt[k] != w[k];
		}
		if (!any || !other_reading(x, i, alt, n, &lo, &h1))
			continue;
		if (d == 0 || x->h[i].lo == VG_SCAN_NONE) {
			take_reading(x, i, lo, h1);
		} else {
			x->h[i].lo2 = lo;
			x->h[i].lo21 = h1;
		}
	}
}

/* Does a listed word with the loose key lo have the precise one h1 (the
 * reading is a listed word as written or a case form of one)? */
static bool precise_in(const vg__run *x, uint32_t lo, uint32_t h1)
{
	const vg__lkey *lk = &x->s->lo.lk[lo];
	uint32_t q;
	for (q = 0; q < lk->count; q++)
		if (x->s->tok[x->s->lo.toks[lk->start + q]].lo1 == h1)
			return true;
	return false;
}

/* A Cyrillic word w[0..n) read with a w for its у before a vowel after a
 * consonant: Bulgarian (and at times Russian) writes the w of Arabic and
 * English names so ("Синуар", SINWAR; "Нуаф", NAWAF).  Where a listed word
 * is that reading as written or as a case form (their precise loose keys
 * agree), the reading becomes token i's loose key and the word as written
 * its other one (lo2). */
static void cyrillic_w(vg__run *x, uint32_t i, const char *w, size_t n)
{
	char alt[VG_SCAN_MAX_WORD + 1];
	size_t k;
	uint32_t lo, h1;
	bool any = false;

	for (k = 0; k < n; k++) {
		alt[k] = w[k];
		if (w[k] == 'u' && k > 0 && k + 1 < n && !strchr("aeiouy", w[k - 1]) &&
		    strchr("aeio", w[k + 1])) {
			alt[k] = 'w';
			any = true;
		}
	}
	if (!any || !other_reading(x, i, alt, n, &lo, &h1))
		return;
	if (precise_in(x, lo, h1))
		take_reading(x, i, lo, h1);
}

/* A Cyrillic word w[0..n) read with th for its с and dh for its з:
 * Russian, Ukrainian and Bulgarian have no interdental consonants and
 * write the ث and ذ of Arabic names, which lists write th and dh, as с
 * and з ("аль-Хуси", AL-HOUTHI; "Усман", UTHMAN; "Хайсам", HAYTHAM;
 * "Мунзир", MUNDHIR).  Each reading (every с, then every з; not the s
 * of ш, щ, ц nor the z of ж) that reaches a listed word becomes token
 * i's loose key, the word as written its other one (lo2, as a case form
 * only); the first that does is kept. */
static void cyrillic_th(vg__run *x, uint32_t i, const char *w, size_t n)
{
	char alt[VG_SCAN_MAX_WORD + 1];
	size_t k, m;
	uint32_t lo, h1;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		char from = pass == 0 ? 's' : 'z';
		bool any = false;
		for (k = m = 0; k < n && m + 2 <= VG_SCAN_MAX_WORD; k++) {
			alt[m++] = w[k];
			if (w[k] == from && (k + 1 == n || w[k + 1] != 'h') &&
			    (k == 0 || w[k - 1] != (pass == 0 ? 't' : 'd'))) {
				alt[m - 1] = pass == 0 ? 't' : 'd';
				alt[m++] = 'h';
				any = true;
			}
		}
		if (k < n || !any || !other_reading(x, i, alt, m, &lo, &h1))
			continue;
		take_reading(x, i, lo, h1);
		return;
	}
}

/* A Ukrainian word w[0..n), token i, with є after a consonant: Ukrainian
 * writes the е of Russian names so, where its own е would say э ("Бєлік",
 * BELIK; "Бахарєв", BAKHAREV; "Медвєдєв"), and the normaliser reads є as
 * ye.  The word read with e for the ye of each є after a consonant
 * becomes token i's loose key where a listed word has it, the word as
 * written its other one (lo2). */
static void ukrainian_ye(vg__run *x, uint32_t i, const char *w, size_t n)
{
	const vg__tok *t = &x->tk->v[i];
	const char *p = x->text + t->start;
	char alt[VG_SCAN_MAX_WORD + 1];
	size_t k, m, len = t->end - t->start;
	uint32_t lo = VG_SCAN_NONE, h1;
	bool any = false, ye = false;

	for (k = 0; k + 1 < len && !ye; k++)
		ye = (p[k] == '\xd1' && p[k + 1] == '\x94') || (p[k] == '\xd0' && p[k + 1] == '\x84');
	if (!ye)
		return;
	for (k = m = 0; k < n; k++) {
		if (w[k] == 'y' && k > 0 && k + 1 < n && w[k + 1] == 'e' &&
		    !strchr("aeiouy", w[k - 1])) {
			any = true;
			continue;
		}
		alt[m++] = w[k];
	}
	if (!any)
		return;
	/* the loose key folds ye and e alike: the reading's precise one
	 * tells a case form of the listed word */
	if (other_reading(x, i, alt, m, &lo, &h1) || (lo != VG_SCAN_NONE && lo == x->h[i].lo)) {
		char key[VG_SCAN_MAX_WORD + 1];
		take_reading(x, i, lo, vg__key_hash32(key, vg__loose_key(key, alt, m, false)));
	}
}

/* Is a listed word with the loose key lo the whole name of some entity
 * (with particles)? */
static bool solo_in(const vg__run *x, uint32_t lo)
{
	const vg__lkey *lk = &x->s->lo.lk[lo];
	uint32_t q;
	for (q = 0; q < lk->count; q++)
		if (x->s->tok[x->s->lo.toks[lk->start + q]].solo)
			return true;
	return false;
}

/* The plural and case endings of Russian, Ukrainian and Bulgarian nouns
 * for the members of a group, as the normaliser writes them, longest
 * first ("талибами", "хуситов", "талібів", "талибите"). */
static const char *const member_endings[] = { "ami", "akh", "ite", "ov", "ev", "iv", "am",
					       "ah", "y", "i" };

/* A Cyrillic word w[0..n), token i, that names a group by its members:
 * Russian, Ukrainian and Bulgarian make a noun for one member of it and
 * decline that in the plural, in lower case as a common noun ("талибы",
 * "талибов", "таліби": the Taliban; "хуситы", "хуситов": the Houthis).
 * Its stem (the word less a plural or case ending, member_endings) read
 * with the Persian plural -an that the group's name is ("талиб": TALIBAN),
 * or a stem in the member suffix -ит read without it, with the plural s
 * the lists write (and th for its с, as cyrillic_th: "хусит": HOUTHIS),
 * becomes token i's loose key where a listed word, the whole name of
 * some entity, has it: an organisation's name only (member), as a case
 * form of it (the th reading with other vowels too: "khuthis"). */
static void cyrillic_member(vg__run *x, uint32_t i, const char *w, size_t n)
{
	char alt[VG_SCAN_MAX_WORD + 4];
	size_t k, e, m, stem = n;
	uint32_t lo, h1;
	int r;

	for (e = 0; e < sizeof(member_endings) / sizeof(member_endings[0]) && stem == n; e++) {
		size_t el = strlen(member_endings[e]);
		if (n >= el + 4 && !memcmp(w + n - el, member_endings[e], el))
			stem = n - el;
	}
	if (stem == n || stem < 5 || stem + 4 > VG_SCAN_MAX_WORD)
		return;
	/* the Persian plural, then the reading with th, then without */
	for (r = 0; r < 3; r++) {
		if (r == 0) {
			memcpy(alt, w, stem);
			memcpy(alt + stem, "an", 2);
			m = stem + 2;
		} else {
			/* -ит: the member of the one named -i */
			if (stem < 6 || w[stem - 2] != 'i' || w[stem - 1] != 't')
				return;
			for (k = m = 0; k + 1 < stem && m + 3 <= VG_SCAN_MAX_WORD; k++) {
				alt[m++] = w[k];
				if (r == 1 && w[k] == 's' && (k == 0 || w[k - 1] != 't') && w[k + 1] != 'h') {
					alt[m - 1] = 't';
					alt[m++] = 'h';
				}
			}
			alt[m++] = 's';
		}
		if (other_reading(x, i, alt, m, &lo, &h1) && (r == 1 || precise_in(x, lo, h1)) &&
		    solo_in(x, lo)) {
			take_reading(x, i, lo, h1);
			x->h[i].member = r == 1 ? VG_MEMBER_FOLDED : VG_MEMBER_PRECISE;
			return;
		}
	}
}

/* A Cyrillic word w[0..n) no listed word's loose key reaches: without a
 * Bulgarian article ("Талибаните": TALIBAN) it may reach one. */
static void bulgarian_article(vg__run *x, uint32_t i, const char *w, size_t n)
{
	size_t bg = without_article_bg(w, n);
	uint32_t lo, h1;
	if (bg < n && other_reading(x, i, w, bg, &lo, &h1)) {
		x->h[i].lo = lo;
		x->h[i].lo1 = h1;
	}
}

/* The consonants the Arabic article's l is assimilated to (the sun
 * letters), as Latin and Cyrillic transliterations write them. */
static bool sun_letters(const char *c, size_t n)
{
	static const char *const sun[] = { "t", "th", "d", "dh", "r", "z", "s", "sh", "ch", "n" };
	size_t k;
	for (k = 0; k < sizeof(sun) / sizeof(sun[0]); k++)
		if (strlen(sun[k]) == n && !memcmp(sun[k], c, n))
			return true;
	return false;
}

/* Is token i the Arabic article assimilated to the next word, hyphenated
 * to it: a or e and the sun letter that word starts with ("az-Zawahiri",
 * "ash-Shabaab", "ach-Chabab", "ed-Din", "аз-Завахири", "ад-Дин")?  Lists
 * write it al (AL-ZAWAHIRI); a text that writes al-Zawahiri says the
 * same. */
static bool assimilated_article(const vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i], *u;
	const char *w = x->pool + t->norm, *h;
	size_t gap;
	if (x->al == VG_SCAN_NONE || i + 1 >= x->tk->n || t->norm_len < 2 || t->norm_len > 3 ||
	    (w[0] != 'a' && w[0] != 'e') || !sun_letters(w + 1, t->norm_len - 1U))
		return false;
	u = &x->tk->v[i + 1];
	gap = u->start - t->end;
	h = x->text + t->end;
	/* a hyphen: -, or U+2010, U+2011 */
	if (u->brk != VG_BRK_SPACE ||
	    !((gap == 1 && h[0] == '-') ||
	      (gap == 3 && h[0] == '\xe2' && h[1] == '\x80' && (h[2] == '\x90' || h[2] == '\x91'))))
		return false;
	return u->norm_len > t->norm_len - 1U && !memcmp(x->pool + u->norm, w + 1, t->norm_len - 1U);
}

/* w[0..n) respelt into alt as German or French write foreign sounds
 * (german_reading): pass 0 dsch, tsch, sch and ch as sh; pass 1 a voiced
 * s as z; pass 2 as pass 0 with ch as kh; pass 3 as French writes
 * (french_respelt).  Its length, 0 when nothing was respelt. */
static size_t french_respelt(char *alt, const char *w, size_t n);

static size_t german_respelt(char *alt, const char *w, size_t n, int pass)
{
	size_t k, m;
	bool any = false;
	if (pass == 3)
		return french_respelt(alt, w, n);
	for (k = m = 0; k < n; k++) {
		if (pass != 1 && k + 3 < n && !memcmp(w + k, "dsch", 4)) {
			alt[m++] = 'j';
			k += 3;
			any = true;
		} else if (pass != 1 && k + 3 < n && !memcmp(w + k, "tsch", 4)) {
			memcpy(alt + m, "ch", 2);
			m += 2;
			k += 3;
			any = true;
		} else if (pass != 1 && k + 2 < n && !memcmp(w + k, "sch", 3)) {
			memcpy(alt + m, "sh", 2);
			m += 2;
			k += 2;
			any = true;
		} else if (pass != 1 && k + 1 < n && w[k] == 'c' && w[k + 1] == 'h') {
			/* French: "Bachar", "Hicham"; German: "Chalid" */
			memcpy(alt + m, pass == 0 ? "sh" : "kh", 2);
			m += 2;
			k++;
			any = true;
		} else if (pass == 1 && w[k] == 's' && k > 0 && k + 1 < n && w[k - 1] != 's' &&
			   strchr("aeioubdglmnrvw", w[k + 1])) {
			alt[m++] = 'z';
			any = true;
		} else {
			alt[m++] = w[k];
		}
	}
	return any ? m : 0;
}

/* w[0..n) respelt into alt (room for VG_SCAN_MAX_WORD letters) as French
 * writes Russian and Arabic names: ou for u, tch for ch, ch for sh, dj for
 * j, j for zh, gu for g before e and i ("Ianoukovytch" YANUKOVYCH,
 * "Evgueni Prigojine" YEVGENIY PRIGOZHIN, "Oussama" USAMA); its length,
 * 0 when nothing was respelt or it would not fit. */
static size_t french_respelt(char *alt, const char *w, size_t n)
{
	size_t k, m = 0;
	bool any = false;
	for (k = 0; k < n; k++) {
		const char *to = NULL;
		size_t used = 1;
		if (k + 2 < n && !memcmp(w + k, "tch", 3))
			to = "ch", used = 3;
		else if (k + 1 < n && !memcmp(w + k, "ch", 2))
			to = "sh", used = 2;
		else if (k + 1 < n && !memcmp(w + k, "ou", 2))
			to = "u", used = 2;
		else if (k + 1 < n && !memcmp(w + k, "dj", 2))
			to = "j", used = 2;
		else if (w[k] == 'j')
			to = "zh";
		else if (k + 2 < n && w[k] == 'g' && w[k + 1] == 'u' && strchr("eiy", w[k + 2]))
			to = "g", used = 2;
		if (!to) {
			if (m >= VG_SCAN_MAX_WORD)
				return 0;
			alt[m++] = w[k];
			continue;
		}
		if (m + strlen(to) > VG_SCAN_MAX_WORD)
			return 0;
		memcpy(alt + m, to, strlen(to));
		m += strlen(to);
		k += used - 1;
		any = true;
	}
	return any ? m : 0;
}

/* Token i is read the German way: lo, h1 its reading's keys (pass: 0
 * and 2 respelt, people's names too; 1 the voiced s). */
static void take_german(vg__run *x, uint32_t i, uint32_t lo, uint32_t h1, int pass)
{
	if (x->h[i].lo == VG_SCAN_NONE) {
		x->h[i].lo = lo;
		x->h[i].lo1 = h1;
		x->h[i].german = 1;
	} else {
		x->h[i].lo2 = lo;
		x->h[i].lo21 = h1;
		x->h[i].german = 2;
	}
	/* dsch, tsch, sch and ch are how German writes j, ch, sh and kh in
	 * any foreign name, people's too ("Siradschuddin") */
	if (pass != 1) {
		x->h[i].german |= VG_GERMAN_RESPELT;
		x->h[i].lo1g = h1;
	}
}

/* German writes the sounds of foreign names its own way: dsch for j
 * ("Mudschahedin", "Dschihad"), tsch for ch, sch for sh, ch for kh (the
 * Arabic and Persian خ, the Russian х: "Chalid", "Chamenei",
 * "Chodorkowski") and s for the voiced z ("Hisbollah"); French writes ch
 * for sh ("Bachar", "Hicham").  A capitalised Latin word not listed as
 * written is read once more with dsch, tsch, sch and ch (as sh) respelt;
 * if that finds nothing, with every s inside it that may be voiced
 * (before a vowel or a voiced consonant) read as z; then with its ch
 * read as kh; then as French writes Russian and Arabic names
 * (french_respelt: "Ianoukovytch", "Prigojine").  The first reading with
 * listed words alike becomes its loose key, or its other one (lo2) where
 * it has one.  All but the second name people too, as a case form (their
 * precise key: "Baschar" BASHAR, "Chalid" KHALID); the second only
 * organisations ("Fernandes" is not FERNANDEZ). */
static void german_reading(vg__run *x, uint32_t i, const char *w, size_t n)
{
	char alt[VG_SCAN_MAX_WORD + 1], key[VG_SCAN_MAX_WORD + 1];
	size_t m;
	int pass;
	uint32_t lo, h1, same = 0;
	bool have_same = false;

	for (pass = 0; pass < 4; pass++) {
		if ((have_same && pass == 1) || !(m = german_respelt(alt, w, n, pass)))
			continue;
		if (other_reading(x, i, alt, m, &lo, &h1)) {
			/* after a reading with the word's own loose key, only
			 * one that spells a listed word precisely */
			if (have_same && !precise_in(x, lo, h1))
				continue;
			take_german(x, i, lo, h1, pass);
			return;
		}
		if (pass == 1 || x->h[i].lo == VG_SCAN_NONE || lo != x->h[i].lo)
			continue;
		/* the word as written has the reading's loose key
		 * ("Baschar", BASHAR): a person's name by the reading's
		 * precise one; the first such reading, unless a later one
		 * spells a listed word so ("Chalid": KHALID, not SHALID;
		 * "Ianoukovytch": YANUKOVYCH) */
		h1 = vg__key_hash32(key, vg__loose_key(key, alt, m, false));
		if (!have_same) {
			same = h1;
			have_same = true;
		}
		if (precise_in(x, lo, h1)) {
			same = h1;
			break;
		}
	}
	if (have_same) {
		x->h[i].lo1g = same;
		x->h[i].german = VG_GERMAN_RESPELT;
	}
}

/* Is text token j a particle of Arabic names in lower case hyphenated to
 * the token after it ("al-Assads", "as-Sadrs")? */
static bool hyphenated_particle(const vg__run *x, uint32_t j)
{
	const vg__tok *t = &x->tk->v[j];
	if ((t->flags & (VG_TOKF_CAP | VG_TOKF_UNCASED)) || t->norm_len > 4 ||
	    j + 1 >= x->tk->n || x->tk->v[j + 1].start != t->end + 1 || x->text[t->end] != '-')
		return false;
	if (x->h[j].art != VG_SCAN_NONE)
		return true;
	return x->h[j].ex != VG_SCAN_NONE ? (x->s->tok[x->h[j].ex].flags & VG_STOK_WEAK) != 0
					  : vg__scan_weak_word(x->pool + t->norm, t->norm_len);
}

/* Is text token j a particle of names (al, bin, el: a weak word of four
 * letters at most), in lower case unless cap? */
static bool name_particle(const vg__run *x, uint32_t j, bool cap)
{
	const vg__tok *t = &x->tk->v[j];
	if ((t->flags & VG_TOKF_UNCASED) || (!cap && (t->flags & VG_TOKF_CAP)) || t->norm_len > 4)
		return false;
	return x->h[j].ex != VG_SCAN_NONE ? (x->s->tok[x->h[j].ex].flags & VG_STOK_WEAK) != 0
					  : vg__scan_weak_word(x->pool + t->norm, t->norm_len);
}

/* German writes the genitive of a name with a bare s ("Ansar Dines
 * Besetzung"): the capitalised last word of a name, after another
 * capitalised word of listed names (as written, or spelt otherwise:
 * "Baschar") that is no particle, title or ordinary word ("The Houthis"
 * is a plural), or after a particle after one, hyphenated to it or in
 * lower case ("Baschar al-Assads", "Osama bin Ladens"), or right after a
 * capitalised particle hyphenated to it that starts the name
 * ("Al-Qaidas"), without its s, where a listed name holds it so and it
 * is no ordinary word or place ("Boris Rotenbergs Firma" too); or
 * VG_SCAN_NONE. */
static uint32_t genitive(const vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i];
	const char *w = x->pool + t->norm;
	uint32_t id, q = i - 1;
	bool lead = false;
	if (!(t->flags & VG_TOKF_CAP) || (t->flags & (VG_TOKF_CYRILLIC | VG_TOKF_UNCASED)) ||
	    t->norm_len < 5 || w[t->norm_len - 1] != 's' || w[t->norm_len - 2] == 's' ||
	    t->brk != VG_BRK_SPACE)
		return VG_SCAN_NONE;
	if (q > 0 && x->tk->v[q].brk == VG_BRK_SPACE && !x->tk->v[q].punct &&
	    hyphenated_particle(x, q))
		q--;
	else if ((x->tk->v[q].flags & VG_TOKF_CAP) && !(t->punct & ~VG_PUNCT_DASH) &&
		 t->start == x->tk->v[q].end + 1 &&
		 x->text[x->tk->v[q].end] == '-' && name_particle(x, q, true))
		lead = true; /* "Al-Qaidas" */
	else if (q > 0 && x->tk->v[q].brk == VG_BRK_SPACE && !x->tk->v[q].punct && !t->punct &&
		 name_particle(x, q, false))
		q--; /* "Osama bin Ladens" */
	if (!lead &&
	    ((t->punct & ~(q < i - 1 ? VG_PUNCT_DASH : 0)) || !(x->tk->v[q].flags & VG_TOKF_CAP) ||
	     (x->h[q].ex == VG_SCAN_NONE ? x->h[q].lo == VG_SCAN_NONE
					 : (x->s->tok[x->h[q].ex].flags &
					    (VG_STOK_WEAK | VG_STOK_TITLE | VG_STOK_COMMON)) != 0)))
		return VG_SCAN_NONE;
	if ((id = vg__scanner_find(x->s, w, t->norm_len - 1)) == VG_SCAN_NONE)
		return VG_SCAN_NONE;
	return (x->s->tok[id].flags & (VG_STOK_COMMON | VG_STOK_PLACE | VG_STOK_WEAK | VG_STOK_TITLE |
				       VG_STOK_GENERIC)) ? VG_SCAN_NONE : id;
}

/* Arabic writes a word's first alef with its hamza or without: "إياد"
 * and "اياد" (Iyad), "أسامة" and "اسامة" are one word, and lists as
 * often leave the hamza out as texts write it.  The normaliser reads
 * alef and alef with hamza above as a, with hamza below as i (a vowel
 * mark, which could make a word start with one too, is gone from t->norm
 * already): an Arabic word not listed as written (form w[0..n)), read
 * with the other of the two where a listed word is written so; or
 * VG_SCAN_NONE. */
static uint32_t alef_reading(const vg__run *x, const char *w, size_t n)
{
	char buf[VG_SCAN_MAX_WORD];
	uint32_t id;
	if (n < 3 || n > sizeof(buf) || (w[0] != 'a' && w[0] != 'i'))
		return VG_SCAN_NONE;
	memcpy(buf, w, n);
	buf[0] = w[0] == 'a' ? 'i' : 'a';
	if ((id = vg__scanner_find(x->s, buf, n)) == VG_SCAN_NONE)
		return VG_SCAN_NONE;
	return (x->s->tok[id].flags & (VG_STOK_COMMON | VG_STOK_WEAK)) ? VG_SCAN_NONE : id;
}

/* A word in the plural after a plural article ("les talibans", "los
 * talibanes": vg__plural_noun) without its s or es, where a listed name
 * holds it so and it is no ordinary word, place, particle, title or
 * generic word; or VG_SCAN_NONE. */
static uint32_t plural_singular(const vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i];
	const char *w = x->pool + t->norm;
	uint32_t id = VG_SCAN_NONE;
	if (w[t->norm_len - 1] != 's' || t->norm_len < PLURAL_MIN + 1 || !vg__plural_noun(x, i))
		return VG_SCAN_NONE;
	id = vg__scanner_find(x->s, w, t->norm_len - 1);
	if (id == VG_SCAN_NONE && w[t->norm_len - 2] == 'e' && t->norm_len >= PLURAL_MIN + 2)
		id = vg__scanner_find(x->s, w, t->norm_len - 2);
	if (id == VG_SCAN_NONE)
		return VG_SCAN_NONE;
	return (x->s->tok[id].flags & (VG_STOK_COMMON | VG_STOK_PLACE | VG_STOK_WEAK | VG_STOK_TITLE |
				       VG_STOK_GENERIC | VG_STOK_GIVEN)) ? VG_SCAN_NONE : id;
}

/* Hungarian spells a foreign name's s as sz, its j (dzh) as dzs, its sh
 * as s ("Hamasz", "Oszama", "Dzsaís"): a capitalised Latin word not listed
 * as written, with sz or dzs in it, respelt ("hamas"), where a listed
 * word that is no ordinary word, place or title is written so; or
 * VG_SCAN_NONE. */
static uint32_t hungarian_reading(const vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i];
	const char *w = x->pool + t->norm;
	char alt[VG_SCAN_MAX_WORD + 1];
	size_t k, m = 0;
	bool any = false;
	uint32_t id;

	if (!(t->flags & VG_TOKF_CAP) || (t->flags & (VG_TOKF_CYRILLIC | VG_TOKF_UNCASED)) ||
	    t->norm_len < 4 || t->norm_len > VG_SCAN_MAX_WORD)
		return VG_SCAN_NONE;
	for (k = 0; k < t->norm_len; k++) {
		if (k + 2 < t->norm_len && !memcmp(w + k, "dzs", 3)) {
			alt[m++] = 'j';
			k += 2;
			any = true;
		} else if (k + 1 < t->norm_len && w[k] == 's' && w[k + 1] == 'z') {
			alt[m++] = 's';
			k++;
			any = true;
		} else {
			alt[m++] = w[k];
		}
	}
	if (!any || (id = vg__scanner_find(x->s, alt, m)) == VG_SCAN_NONE)
		return VG_SCAN_NONE;
	return (x->s->tok[id].flags & (VG_STOK_COMMON | VG_STOK_PLACE | VG_STOK_WEAK | VG_STOK_TITLE |
				       VG_STOK_GENERIC)) ? VG_SCAN_NONE : id;
}

/* 1. Every token's exact token number (or that of its other form) and,
 * for Cyrillic words and long Latin words not listed as written, its
 * loose keys; then which hits have another hit within two tokens. */
static int lookup(vg__run *x)
{
	const vg__toks *tk = x->tk;
	char key[VG_SCAN_MAX_WORD + 1];
	uint32_t i, j;

	for (i = 0; i < tk->n; i++) {
		const vg__tok *t = &tk->v[i];
		const char *w = x->pool + t->norm;
		if (vg__deadline_passed(x->deadline, i, 1023))
			return vg__scan_timeout(x, i);
		x->h[i].ex = vg__scanner_find(x->s, w, t->norm_len);
		x->h[i].ex2 = VG_SCAN_NONE;
		x->h[i].lo = VG_SCAN_NONE;
		x->h[i].lo1 = 0;
		x->h[i].lo2 = VG_SCAN_NONE;
		x->h[i].lo21 = 0;
		x->h[i].tr = x->h[i].tr2 = VG_SCAN_NONE;
		x->h[i].sk = VG_SCAN_NONE;
		x->h[i].zk = VG_SCAN_NONE;
		x->h[i].skn = 0;
		x->h[i].clitic = 0;
		x->h[i].lo_arabic = 0;
		x->h[i].member = 0;
		x->h[i].korean = 0;
		x->h[i].german = 0;
		x->h[i].lo1g = 0;
		x->h[i].grp[0] = x->h[i].grp[1] = 0;
		x->h[i].art = assimilated_article(x, i) ? x->al : VG_SCAN_NONE;
		if (t->flags & VG_TOKF_HAN) {
			/* a character of a Korean name (tokens.c
			 * korean_readings): its Korean reading too, in every
			 * spelling of the syllable (최: choi, choe) */
			if (t->alt_len) {
				uint32_t r = vg__scanner_find(x->s, x->pool + t->alt, t->alt_len);
				if (x->h[i].ex == VG_SCAN_NONE)
					x->h[i].ex = r;
				else
					x->h[i].ex2 = r;
				vg__scan_variant_groups(x->h[i].grp, x->pool + t->alt, t->alt_len);
				x->h[i].korean = 1;
			}
			continue;
		}
		if (t->flags & VG_TOKF_TRANSLATED) {
			/* the English word of a Chinese word: a translation;
			 * alt its other reading ("伊朗": iran, iranian) */
			x->h[i].tr = x->h[i].ex;
			x->h[i].ex = VG_SCAN_NONE;
			if (t->alt_len)
				x->h[i].tr2 = vg__scanner_find(x->s, x->pool + t->alt, t->alt_len);
			continue;
		}
		if (t->flags & VG_TOKF_ZH_NAME) {
			int rc = zh_lookup(x, i, key);
			if (rc < 0)
				return rc;
			continue;
		}
		/* A capitalised given name: its other spellings too; so for any
		 * capitalised Cyrillic word, which may be a Ukrainian given
		 * name the lists give in its Russian form ("Костянтин",
		 * "Микола": KONSTANTIN, NIKOLAI; see variant in window.c) */
		if ((t->flags & VG_TOKF_CAP) &&
		    ((t->flags & VG_TOKF_CYRILLIC) || (x->h[i].ex != VG_SCAN_NONE &&
		     (x->s->tok[x->h[i].ex].flags & VG_STOK_GIVEN))))
			vg__scan_variant_groups(x->h[i].grp, w, t->norm_len);
		if (t->flags & VG_TOKF_ARABIC) {
			int rc = arabic_lookup(x, i, key);
			if (rc < 0)
				return rc;
		}
		/* An Arabic word without its clitic ("وحماس"). */
		if (x->h[i].ex == VG_SCAN_NONE && t->alt_len) {
			x->h[i].ex = vg__scanner_find(x->s, x->pool + t->alt, t->alt_len);
			x->h[i].clitic = x->h[i].ex != VG_SCAN_NONE;
		}
		/* ... its first alef with the other hamza ("إياد", "اياد"),
		 * as written or without its clitic ("وإياد") */
		if (t->flags & VG_TOKF_ARABIC) {
			uint32_t r = alef_reading(x, w, t->norm_len);
			bool rc = false;
			if (r == VG_SCAN_NONE && t->alt_len &&
			    (x->h[i].ex == VG_SCAN_NONE || x->h[i].clitic)) {
				r = alef_reading(x, x->pool + t->alt, t->alt_len);
				rc = true;
			}
			if (x->h[i].ex == VG_SCAN_NONE)
				x->h[i].clitic = (x->h[i].ex = r) != VG_SCAN_NONE && rc;
			else if (r != x->h[i].ex)
				x->h[i].ex2 = r;
		}
		if (x->h[i].ex == VG_SCAN_NONE && i > 0)
			x->h[i].ex = genitive(x, i);
		if (x->h[i].ex == VG_SCAN_NONE)
			x->h[i].ex = hungarian_reading(x, i);
		if (x->h[i].ex == VG_SCAN_NONE)
			x->h[i].ex = plural_singular(x, i);
		x->h[i].tr = find_english(x, i, key);
		/* Loose keys are for inflected (Cyrillic) words and long
		 * cased (Latin) ones that are not a listed word as written, or
		 * that may be another's spelling (other_spellings): "Mario"
		 * is not "Maria",
		 * "Zelensky" is "Zelenskyy".  Not for romanised Hangul or
		 * Arabic, where folding y/j/i merges different syllables
		 * ("Jiyong", "Jong"). */
		if (t->flags & VG_TOKF_HAN || t->norm_len > VG_SCAN_MAX_WORD)
			continue;
		if ((t->flags & VG_TOKF_CYRILLIC) ? t->norm_len >= 4 : latin_loose(x, i)) {
			size_t kl = vg__loose_key(key, w, t->norm_len, true);
			x->h[i].lo = vg__keyset_find(&x->s->lo, key, kl);
			if (vg__short_latin(t) && x->h[i].lo != VG_SCAN_NONE &&
			    !short_loose_any(x->s, x->h[i].lo))
				x->h[i].lo = VG_SCAN_NONE;
			if (x->h[i].lo != VG_SCAN_NONE) {
				kl = vg__loose_key(key, w, t->norm_len, false);
				x->h[i].lo1 = vg__key_hash32(key, kl);
			} else if (t->flags & VG_TOKF_CYRILLIC) {
				bulgarian_article(x, i, w, t->norm_len);
			}
			if (t->flags & VG_TOKF_CYRILLIC) {
				ukrainian_h(x, i, w, t->norm_len);
				if (x->h[i].lo2 == VG_SCAN_NONE)
					ukrainian_ye(x, i, w, t->norm_len);
				if (x->h[i].lo2 == VG_SCAN_NONE)
					cyrillic_w(x, i, w, t->norm_len);
				if (x->h[i].lo2 == VG_SCAN_NONE)
					cyrillic_th(x, i, w, t->norm_len);
				if (x->h[i].lo2 == VG_SCAN_NONE)
					cyrillic_member(x, i, w, t->norm_len);
			}
			else if (x->h[i].ex == VG_SCAN_NONE && t->norm_len >= 6 &&
				 (t->flags & VG_TOKF_CAP))
				german_reading(x, i, w, t->norm_len);
		}
	}
	for (i = 0; i < tk->n; i++) {
		const vg__hit *h = &x->h[i];
		x->h[i].plain = h->ex2 == VG_SCAN_NONE && h->lo == VG_SCAN_NONE &&
				h->tr == VG_SCAN_NONE && h->tr2 == VG_SCAN_NONE &&
				h->sk == VG_SCAN_NONE && h->zk == VG_SCAN_NONE && !h->grp[0] &&
				h->art == VG_SCAN_NONE;
		if (!vg__is_hit(x, i))
			continue;
		for (j = i + 1; j < tk->n && j <= i + 2 && tk->v[j].brk <= VG_BRK_SOFT; j++)
			if (vg__is_hit(x, j))
				x->near[i] = x->near[j] = 1;
	}
	return 0;
}

typedef struct {
	const uint32_t *v;
	uint32_t x;
} u32_key;

static bool u32_before(const void *ctx, size_t i)
{
	const u32_key *k = ctx;
	return k->v[i] < k->x;
}

/* Evaluates, around anchor i, the names holding both token a and b. */
static int eval_shared(vg__run *x, uint32_t a, uint32_t b, uint32_t i)
{
	const vg__scanner *s = x->s;
	const uint32_t *pa = s->post + s->post_start[a], *ea = s->post + s->post_start[a + 1];
	const uint32_t *pb = s->post + s->post_start[b], *eb = s->post + s->post_start[b + 1];
	int rc;
	/* Walk the shorter list, binary-search the longer (particles such as
	 * "of" are in thousands of names). */
	if (ea - pa > eb - pb) {
		const uint32_t *t = pa, *te = ea;
		pa = pb;
		ea = eb;
		pb = t;
		eb = te;
	}
	for (; pa < ea && pb < eb; pa++) {
		const uint32_t *lo = pb, *hi;
		size_t step = 1;
		/* Gallop, then binary search: near-linear when the lists are
		 * of similar length, logarithmic when one is much longer. */
		while ((size_t)(eb - lo) > step && lo[step] < *pa) {
			lo += step;
			step *= 2;
		}
		hi = (size_t)(eb - lo) > step ? lo + step + 1 : eb;
		pb = lo + vg__lower_bound(0, (size_t)(hi - lo), &(u32_key){ lo, *pa }, u32_before);
		if (pb < eb && *pb == *pa && x->until[*pa] <= i &&
		    (rc = vg__evaluate(x, *pa, i)) < 0)
			return rc;
	}
	return 0;
}

/* Dictionary token id hit at anchor i is frequent: evaluates the names
 * that also hold a strong word hit within reach of a window, across
 * particles ("Bank of the Republic"). */
static int eval_partners(vg__run *x, uint32_t id, uint32_t i)
{
	const vg__toks *tk = x->tk;
	uint32_t j, lo = i, hi = i;
	int error;

	if (tk->v[i].flags & VG_TOKF_HANGUL) {
		/* a name in Hangul is one word */
		while (hi + 1 < tk->n && (tk->v[hi + 1].flags & VG_TOKF_HANGUL) &&
		       tk->v[hi].end == tk->v[hi + 1].start)
			hi++;
	} else {
		while (lo > 0 && i - lo < NEAR && tk->v[lo].brk <= VG_BRK_SOFT)
			lo--;
		while (hi + 1 < tk->n && hi - i < NEAR && tk->v[hi + 1].brk <= VG_BRK_SOFT)
			hi++;
	}
	for (j = lo; j <= hi; j++) {
		uint32_t jids[8], nj, r;
		if (j == i)
			continue;
		nj = vg__hit_ids(x, j, jids, 8);
		for (r = 0; r < nj; r++) {
			if (x->s->tok[jids[r]].flags & (VG_STOK_WEAK | VG_STOK_TITLE))
				continue;
			if ((error = eval_shared(x, id, jids[r], i)) < 0)
				return error;
		}
	}
	return 0;
}

/* Dictionary token id hit at anchor i is frequent, but alone the whole
 * name of a few entities ("Al-Qaida" among the many AL-QAIDA IN ...
 * names): those one-word names are evaluated too. */
static int eval_solo(vg__run *x, uint32_t id, uint32_t i)
{
	const vg__scanner *s = x->s;
	uint32_t pi;
	int error;

	if (!s->tok[id].solo)
		return 0;
	for (pi = s->one_start[id]; pi < s->one_start[id + 1]; pi++) {
		uint32_t n = s->one[pi];
		if (x->until[n] <= i && (error = vg__evaluate(x, n, i)) < 0)
			return error;
	}
	return 0;
}

/* 2-3. Windows around anchors.  Every accepted window holds a capitalised
 * strong word (or is in a script without case), and finds itself from
 * there.  A rare token evaluates every name holding it; a frequent one
 * ("Islamic", "Bank") only the names that also hold a token hit nearby
 * (two-token evidence is needed anyway). */
static int find_candidates(vg__run *x)
{
	const vg__scanner *s = x->s;
	uint32_t i;
	int error;

	for (i = 0; i < x->tk->n; i++) {
		uint32_t ids[8], n_ids, q;
		if (vg__deadline_passed(x->deadline, i, 63))
			return vg__scan_timeout(x, i);
		if (!may_anchor(&x->h[i]))
			continue;
		if (!vg__tok_cap(&x->tk->v[i]) && !vg__plural_noun(x, i) && !x->h[i].member)
			continue;
		/* a name in Hangul starts its word (window.c): a later syllable
		 * anchors nothing */
		if ((x->tk->v[i].flags & VG_TOKF_HANGUL) && i > 0 &&
		    (x->tk->v[i - 1].flags & VG_TOKF_HANGUL) && x->tk->v[i - 1].end == x->tk->v[i].start)
			continue;
		n_ids = vg__hit_ids(x, i, ids, 8);
		for (q = 0; q < n_ids; q++) {
			uint32_t pi, id = ids[q];
			if (s->tok[id].flags & (VG_STOK_WEAK | VG_STOK_TITLE))
				continue;
			if (s->post_start[id + 1] - s->post_start[id] > RARE_DF) {
				if ((error = eval_partners(x, id, i)) < 0 ||
				    (error = eval_solo(x, id, i)) < 0)
					return error;
				continue;
			}
			for (pi = s->post_start[id]; pi < s->post_start[id + 1]; pi++)
				if (x->until[s->post[pi]] <= i &&
				    (error = vg__evaluate(x, s->post[pi], i)) < 0)
					return error;
		}
	}
	return 0;
}

static int cmp_cand(const void *pa, const void *pb)
{
	const vg__cand *a = pa, *b = pb;
	uint32_t na = a->n_matched, nb = b->n_matched;
	/* The name that explains more of the text wins ("Bank Sepah
	 * International" over "Bank Sepah"), then the better score. */
	if (na != nb)
		return na > nb ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->b - a->a != b->b - b->a)
		return (a->b - a->a) > (b->b - b->a) ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->name < b->name ? -1 : (a->name > b->name);
}

static int cmp_mention(const void *pa, const void *pb)
{
	const vg__mention *a = pa, *b = pb;
	return a->start < b->start ? -1 : (a->start > b->start);
}

/* Candidate c has the very span of kept mention q: its entity becomes an
 * alternative there. */
static void add_alternative(vg__mention *m, uint32_t ent)
{
	uint32_t r;
	if (m->entity == ent)
		return;
	for (r = 0; r < m->n_alternatives; r++)
		if (m->alternatives[r] == ent)
			return;
	if (r < 4)
		m->alternatives[m->n_alternatives++] = ent;
}

static void keep(vg__run *x, const vg__cand *c);


/* Is entity ent among the n sorted entities named? */
static bool named(const uint32_t *ents, size_t n, uint32_t ent)
{
	return n && bsearch(&ent, ents, n, sizeof(*ents), vg__scan_cmp_u32) != NULL;
}

/* The dictionary tokens the first n mentions kept match of names of two
 * strong words or more, sorted (with repeats) into a malloc'ed *out, for
 * named_within: asked of every weak candidate, a walk of the kept mentions
 * each time was quadratic in the length of a text that names many. */
static int within_tokens(const vg__run *x, size_t n, uint32_t **out, size_t *n_out)
{
	const vg__scanner *s = x->s;
	size_t k, m = 0;
	uint32_t p;
	*out = NULL;
	*n_out = 0;
	for (k = 0; k < n; k++) {
		const vg__sname *o = &s->names[x->acc[k].m.name];
		for (p = 0; o->strong >= 2 && p < o->n_tok; p++)
			m += (x->acc[k].mask & (1u << p)) != 0;
	}
	if (!m)
		return 0;
	if (!(*out = vg__malloc(m * sizeof(**out))))
		return vg__error_oom();
	for (k = 0; k < n; k++) {
		const vg__sname *o = &s->names[x->acc[k].m.name];
		for (p = 0; o->strong >= 2 && p < o->n_tok; p++)
			if (x->acc[k].mask & (1u << p))
				(*out)[(*n_out)++] = s->ntoks[o->tok_start + p];
	}
	qsort(*out, *n_out, sizeof(**out), vg__scan_cmp_u32);
	return 0;
}

/* Is weak candidate c, a one-word name, the distinctive word of a longer
 * name among the mentions kept, whose tokens are within[0..nw)
 * (within_tokens) ("القاعدة" alone after "تنظيم القاعدة في جزيرة العرب",
 * al-Qaida after al-Qaida in the Arabian Peninsula)?  The text then
 * speaks of that body. */
static bool named_within(const vg__run *x, const uint32_t *within, size_t nw,
			 const vg__cand *c)
{
	const vg__scanner *s = x->s;
	const vg__sname *nm = &s->names[c->name];
	uint32_t tok = s->ntoks[nm->tok_start + nm->max_pos];
	if (nm->strong != 1 || !nw)
		return false;
	return bsearch(&tok, within, nw, sizeof(*within), vg__scan_cmp_u32) != NULL;
}

/* Weak candidate c, one word of Arabic script, and the first n mentions
 * kept: where the text wrote the listed word c spells (tok) in Arabic
 * script in a mention of the party with stronger evidence (within: the
 * longer name of named_within), did it write it as c does?  Arabic
 * writes no capitals, and an ordinary word often has the letters of a
 * listed name spelt in Latin letters: "القادة", the leaders, and "قاعدة",
 * a base, spell AL-QAIDA as well as "القاعدة" does.  A text that names
 * al-Qaida as "القاعدة" means it by that word, not by another with its
 * consonants.  A word the stronger mentions do not spell ("داعش" after
 * the whole name of the Islamic State) counts as before. */
static bool written_as_named(const vg__run *x, size_t n, const vg__cand *c, bool within)
{
	const vg__scanner *s = x->s;
	const vg__sname *nm = &s->names[c->name];
	const vg__tok *t = &x->tk->v[c->a];
	uint32_t tok = s->ntoks[nm->tok_start + nm->max_pos], p, j;
	bool spelt = false;
	size_t k;
	if (c->a != c->b || !(t->flags & VG_TOKF_ARABIC))
		return true;
	for (k = 0; k < n; k++) {
		const vg__acc *m = &x->acc[k];
		bool same = !within && m->m.entity == nm->entity;
		if (within) {
			const vg__sname *o = &s->names[m->m.name];
			for (p = 0; p < o->n_tok && !same; p++)
				same = o->strong >= 2 && (m->mask & (1u << p)) &&
				       s->ntoks[o->tok_start + p] == tok;
		}
		for (j = m->a; same && j <= m->b; j++) {
			const vg__tok *o = &x->tk->v[j];
			if (!(o->flags & VG_TOKF_ARABIC) || !vg__hits_tok(x, j, tok))
				continue;
			if (vg__arabic_same_word(x->text + t->start, t->end - t->start,
						 x->text + o->start, o->end - o->start))
				return true;
			spelt = true;
		}
	}
	return !spelt;
}

/* 4. Best first, no overlaps; same span, other entity: alternative.  Weak
 * candidates (a generic name, a word without capitals to tell) come last,
 * and only for parties the text names with stronger evidence. */
static int select_mentions(vg__run *x)
{
	uint32_t *ents = NULL, *within = NULL;
	size_t k, n = 0, nw = 0;
	int error;

	if (x->nc)
		qsort(x->c, x->nc, sizeof(*x->c), cmp_cand);
	for (k = 0; k < x->nc; k++)
		if (!x->c[k].weak && x->c[k].score >= x->threshold)
			keep(x, &x->c[k]);
	/* The parties named so far, for the weak candidates. */
	if (x->n_acc) {
		if (!(ents = vg__malloc(x->n_acc * sizeof(*ents))))
			return vg__error_oom();
		for (k = 0; k < x->n_acc; k++)
			ents[k] = x->acc[k].m.entity;
		qsort(ents, x->n_acc, sizeof(*ents), vg__scan_cmp_u32);
		n = x->n_acc;
	}
	if ((error = within_tokens(x, n, &within, &nw)) < 0) {
		free(ents);
		return error;
	}
	for (k = 0; k < x->nc; k++) {
		const vg__cand *c = &x->c[k];
		if (c->weak && c->score >= x->threshold &&
		    ((named(ents, n, x->s->names[c->name].entity) && written_as_named(x, n, c, false)) ||
		     (named_within(x, within, nw, c) && written_as_named(x, n, c, true))))
			keep(x, c);
	}
	free(ents);
	free(within);
	return 0;
}

/* Keeps candidate c unless it overlaps a kept mention (same span, other
 * entity: an alternative there). */
static void keep(vg__run *x, const vg__cand *c)
{
	const vg__toks *tk = x->tk;
	uint32_t ent = x->s->names[c->name].entity, q, t;
	vg__acc *a;

	if ((q = x->owner[c->a]) != VG_SCAN_NONE && x->acc[q].a == c->a &&
	    x->acc[q].b == c->b) {
		add_alternative(&x->acc[q].m, ent);
		return;
	}
	for (t = c->a; t <= c->b; t++)
		if (x->owner[t] != VG_SCAN_NONE)
			return;
	for (t = c->a; t <= c->b; t++)
		x->owner[t] = (uint32_t)x->n_acc;
	a = &x->acc[x->n_acc++];
	memset(a, 0, sizeof(*a));
	a->a = c->a;
	a->b = c->b;
	a->mask = c->mask;
	a->m.start = tk->v[c->a].start;
	a->m.end = tk->v[c->b].end;
	a->m.entity = ent;
	a->m.name = c->name;
	a->m.score = c->score;
	a->m.rule = c->rule;
}

/* The kept mentions, in text order, as a malloc'ed array. */
static int finish(const vg__run *x, vg__mention **out, size_t *n_out)
{
	vg__mention *res;
	size_t k;

	if (!x->n_acc)
		return 0;
	if (!(res = vg__malloc(x->n_acc * sizeof(*res))))
		return vg__error_oom();
	for (k = 0; k < x->n_acc; k++)
		res[k] = x->acc[k].m;
	qsort(res, x->n_acc, sizeof(*res), cmp_mention);
	*out = res;
	*n_out = x->n_acc;
	return 0;
}

/* The per-token and per-name tables of a run over tk->n tokens. */
static int alloc_tables(vg__run *x)
{
	size_t n = x->tk->n;
	if (!(x->h = vg__malloc(n * sizeof(*x->h))) ||
	    !(x->wf = vg__calloc(n, 1)) || !(x->near = vg__calloc(n, 1)) ||
	    !(x->owner = vg__malloc(n * sizeof(*x->owner))) ||
	    !(x->until = vg__calloc(x->s->n_names ? x->s->n_names : 1, sizeof(uint32_t))))
		return vg__error_oom();
	memset(x->owner, 0xFF, n * sizeof(*x->owner));
	return 0;
}

int vg__scan_timeout(const vg__run *x, uint32_t i)
{
	return vg__error_set(VG_ETIMEOUT, "time limit exceeded at byte %zu",
			     x->offset + (size_t)(i < x->tk->n ? x->tk->v[i].start : 0));
}

int vg__scan(vg__mention **out, size_t *n_out, const vg__scanner *s,
	     const char *text, size_t len, double threshold, bool html)
{
	return vg__scan_until(out, n_out, s, text, len, threshold, html, 0, 0);
}

int vg__scan_until(vg__mention **out, size_t *n_out, const vg__scanner *s,
		   const char *text, size_t len, double threshold, bool html,
		   uint64_t deadline, size_t offset)
{
	vg__tokenizer tz;
	vg__toks tk = { NULL, 0, 0 };
	vg__run x;
	int error = 0;

	*out = NULL;
	*n_out = 0;
	if (!s->finished)
		return vg__error_set(VG_EUSAGE, "scanner: scan before finish");
	memset(&x, 0, sizeof(x));
	vg__tokenizer_init(&tz);
	tz.base = offset;
	if ((error = vg__tokenize(&tk, &tz, text, len, html)) < 0 || !tk.n ||
	    (error = join_compounds(&tk, &tz, text, s)) < 0)
		goto cleanup;
	x.s = s;
	x.tk = &tk;
	x.pool = tz.pool.ptr;
	x.text = text;
	x.text_len = len;
	x.al = vg__scanner_find(s, "al", 2);
	x.threshold = threshold < 0 ? VG_SCAN_DEFAULT_THRESHOLD : threshold;
	x.deadline = deadline;
	x.offset = offset;
	if ((error = alloc_tables(&x)) < 0)
		goto cleanup;
	if ((error = lookup(&x)) < 0 || (error = find_candidates(&x)) < 0)
		goto cleanup;
	if (!(x.acc = vg__malloc((x.nc + tk.n + 1) * sizeof(*x.acc)))) {
		error = vg__error_oom();
		goto cleanup;
	}
	if ((error = select_mentions(&x)) < 0 || (error = vg__shared_heads(&x)) < 0 ||
	    (error = vg__text_aliases(&x)) < 0 || (error = vg__refer_back(&x)) < 0 ||
	    (error = finish(&x, out, n_out)) < 0)
		goto cleanup;

cleanup:
	free(x.owner);
	free(x.last);
	free(x.acc);
	free(x.c);
	free(x.h);
	free(x.wf);
	free(x.near);
	free(x.until);
	free(x.skok);
	free(x.acache);
	free(x.present);
	free(x.lower);
	free(x.regional);
	free(tk.v);
	vg__tokenizer_dispose(&tz);
	return error;
}
