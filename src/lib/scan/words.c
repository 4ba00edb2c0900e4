/*
 * words.c - the scanner's word lists (internal): which words of a text are
 * ordinary language, places, titles, particles, ordinary acronyms,
 * organisation words, annotations of a listed name, and which English word
 * a word of another language is.
 *
 * The lists are data: data/scan_*.txt, written by hand from knowledge of the
 * languages and kept short on purpose (they only need the words that are
 * also listed names or parts of them), compiled into scan_data.c by
 * data/gen_scan.py.  Invariant: every list is sorted (scan_data.h), so a
 * lookup is a binary search; test_scan checks the order.  The lists looked
 * up per word of a text are hashed too (ws_find), which finds what the
 * binary search finds.
 */
#include "scan/scan.h"
#include "scan/scan_data.h"
#include "scan/tokens.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Compares s[0..len) with the NUL-terminated w as strncmp(s, w, len)
 * and then the lengths would, in one pass: the lists are looked up for
 * nearly every word of a text, and a call to strncmp (and bsearch's to its
 * comparator) for each probe cost more than the comparison. */
static inline int cmp_word(const char *s, size_t len, const char *w)
{
	size_t k;
	for (k = 0; k < len; k++) {
		unsigned char a = (unsigned char)s[k], b = (unsigned char)w[k];
		if (a != b)
			return a < b ? -1 : 1;
		if (!b) /* a NUL inside s: equal to no word of a list */
			return 1;
	}
	return w[len] ? -1 : 0;
}

/* The index of s[0..len) in a sorted list, or -1. */
static long find(const char *const *list, size_t n, const char *s, size_t len)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_word(s, len, list[mid]);
		if (!c)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* The lists looked up per token of a text (nearly every word is in none)
 * are also hashed, once per process: a probe and a compare instead of a
 * dozen comparisons of a binary search.  A list whose table could not be
 * allocated is searched as before. */
#define HASHED(X) X(vg__sd_common) X(vg__sd_generic) X(vg__sd_places) \
	X(vg__sd_place_phrases) X(vg__sd_titles) X(vg__sd_weak) X(vg__sd_conjunctions) \
	X(vg__sd_arabic) X(vg__sd_articles) X(vg__sd_plural) X(vg__sd_describing) \
	X(vg__sd_kin) X(vg__sd_courtesy) X(vg__sd_clan) X(vg__sd_kinds) X(vg__sd_kinds_first) \
	X(vg__sd_locative) X(vg__sd_acronyms) X(vg__sd_org_words) X(vg__sd_annotations) \
	X(vg__sd_aka) X(vg__sd_trans_from) X(vg__sd_place_from) X(vg__sd_acr_ru_en) \
	X(vg__sd_acr_uk_en) X(vg__sd_bodies) X(vg__sd_arabic_countries) \
	X(vg__sd_settlement) X(vg__sd_regions) X(vg__sd_fronts) X(vg__sd_splinters) \
	X(vg__sd_surnames) X(vg__sd_institutions)

typedef struct {
	struct wslot {
		uint32_t idx;  /* index in the list + 1, 0 = empty */
		uint32_t hash; /* vg__word_hash of the word */
	} *slot;
	uint32_t mask;
	/* a bit for every word's first byte, last byte and length together
	 * (ws_sketch): most words of a text are in no list and most of them
	 * miss here, without a hash of their bytes (the suffixes that
	 * org_compound tries, nine a word, share the last byte) */
	uint64_t sketch[16];
} wset;

static inline unsigned ws_sketch(const char *s, size_t len)
{
	if (!len)
		return 0;
	return ((unsigned char)s[0] * 0x9e37u ^ (unsigned char)s[len - 1] * 0x85ebu ^
		(unsigned)len * 0xc2b3u) & 1023u;
}

#define DECLARE(list) static wset ws_##list;
HASHED(DECLARE)
#undef DECLARE
static pthread_once_t ws_once = PTHREAD_ONCE_INIT;

static void ws_build(wset *ws, const char *const *list, size_t n)
{
	uint32_t cap = 16, i, p;
	while (cap < 2 * n)
		cap *= 2;
	/* (plain calloc: made once, kept for the process's life) */
	if (!(ws->slot = calloc(cap, sizeof(*ws->slot))))
		return;
	ws->mask = cap - 1;
	for (i = 0; i < n; i++) {
		size_t len = strlen(list[i]);
		uint32_t h = vg__word_hash(list[i], len);
		unsigned b = ws_sketch(list[i], len);
		for (p = h & ws->mask; ws->slot[p].idx; p = (p + 1) & ws->mask)
			;
		ws->slot[p].idx = i + 1;
		ws->slot[p].hash = h;
		ws->sketch[b >> 6] |= 1ull << (b & 63);
	}
}

static void ws_init(void)
{
#define BUILD(list) ws_build(&ws_##list, list, list##_n);
	HASHED(BUILD)
#undef BUILD
}

/* The index of s[0..len) in a list hashed in ws, or -1: what find says. */
static long ws_find(const wset *ws, const char *const *list, size_t n, const char *s,
		    size_t len)
{
	uint32_t h, p, e;
	unsigned b;
	pthread_once(&ws_once, ws_init);
	if (!ws->slot)
		return find(list, n, s, len);
	b = ws_sketch(s, len);
	if (!(ws->sketch[b >> 6] & (1ull << (b & 63))))
		return -1;
	h = vg__word_hash(s, len);
	for (p = h & ws->mask; (e = ws->slot[p].idx) != 0; p = (p + 1) & ws->mask)
		if (ws->slot[p].hash == h && !cmp_word(s, len, list[e - 1]))
			return (long)e - 1;
	return -1;
}

#define IN(list, s, len) (ws_find(&ws_##list, list, list##_n, s, len) >= 0)

bool vg__scan_common_word(const char *norm, size_t len)
{
	return IN(vg__sd_common, norm, len);
}

bool vg__scan_generic_word(const char *norm, size_t len)
{
	return IN(vg__sd_generic, norm, len);
}

bool vg__scan_place_word(const char *norm, size_t len)
{
	return IN(vg__sd_places, norm, len);
}

bool vg__scan_place_phrase(const char *phrase, size_t len)
{
	return IN(vg__sd_place_phrases, phrase, len);
}

bool vg__scan_title_word(const char *norm, size_t len)
{
	return IN(vg__sd_titles, norm, len);
}

bool vg__scan_weak_word(const char *norm, size_t len)
{
	return IN(vg__sd_weak, norm, len);
}

bool vg__scan_conjunction(const char *norm, size_t len)
{
	return IN(vg__sd_conjunctions, norm, len);
}

bool vg__scan_arabic_word(const char *norm, size_t len)
{
	return IN(vg__sd_arabic, norm, len);
}

bool vg__scan_article(const char *norm, size_t len)
{
	return IN(vg__sd_articles, norm, len);
}

bool vg__scan_plural_article(const char *norm, size_t len)
{
	return IN(vg__sd_plural, norm, len);
}

bool vg__scan_describing(const char *norm, size_t len)
{
	return IN(vg__sd_describing, norm, len);
}

bool vg__scan_kin_word(const char *norm, size_t len)
{
	return IN(vg__sd_kin, norm, len);
}

bool vg__scan_courtesy_word(const char *norm, size_t len)
{
	return IN(vg__sd_courtesy, norm, len);
}

bool vg__scan_clan_word(const char *norm, size_t len)
{
	return IN(vg__sd_clan, norm, len);
}

bool vg__scan_settlement_word(const char *norm, size_t len)
{
	return IN(vg__sd_settlement, norm, len);
}

bool vg__scan_region_word(const char *norm, size_t len)
{
	return IN(vg__sd_regions, norm, len);
}

bool vg__scan_front_word(const char *norm, size_t len)
{
	return IN(vg__sd_fronts, norm, len);
}

bool vg__scan_surname_word(const char *norm, size_t len)
{
	return IN(vg__sd_surnames, norm, len);
}

bool vg__scan_institution_word(const char *norm, size_t len)
{
	return IN(vg__sd_institutions, norm, len);
}

bool vg__scan_splinter_word(const char *norm, size_t len)
{
	return IN(vg__sd_splinters, norm, len);
}

bool vg__scan_kind_word(const char *norm, size_t len)
{
	return IN(vg__sd_kinds, norm, len) || vg__scan_org_word(norm, len);
}

bool vg__scan_kind_first(const char *norm, size_t len)
{
	return IN(vg__sd_kinds_first, norm, len);
}

bool vg__scan_body_word(const char *norm, size_t len)
{
	return IN(vg__sd_bodies, norm, len);
}

bool vg__scan_arabic_country(const char *code, size_t len)
{
	return IN(vg__sd_arabic_countries, code, len);
}

bool vg__scan_province_word(const char *norm, size_t len)
{
	/* (the plural: "provinces", "provincias") */
	if (len > 1 && norm[len - 1] == 's' && IN(vg__sd_kinds, norm, len - 1))
		return false;
	return IN(vg__sd_kinds, norm, len);
}

bool vg__scan_locative(const char *norm, size_t len)
{
	return IN(vg__sd_locative, norm, len);
}

bool vg__scan_acronym_word(const char *norm, size_t len)
{
	return IN(vg__sd_acronyms, norm, len);
}

/* German (and Dutch, Scandinavian ...) write the kind of body onto the
 * word before it ("Terrororganisation", "Dschihadistengruppe",
 * "Terrormiliz"): a word of three letters or more before an organisation
 * word of five letters or more counts as that word. */
#define ORG_COMPOUND_MIN 5  /* shortest organisation word a compound ends in */
#define ORG_COMPOUND_MAX 13 /* longest ("organizatsiia") */

static bool org_compound(const char *norm, size_t len)
{
	size_t n;
	for (n = ORG_COMPOUND_MIN; n <= ORG_COMPOUND_MAX && n + 3 <= len; n++)
		if (IN(vg__sd_org_words, norm + len - n, n))
			return true;
	return false;
}

bool vg__scan_org_word(const char *norm, size_t len)
{
	return IN(vg__sd_org_words, norm, len) || org_compound(norm, len);
}

bool vg__scan_annotation(const char *phrase, size_t len)
{
	return IN(vg__sd_annotations, phrase, len);
}

int vg__scan_annotation_start(const char *phrase, size_t len)
{
	size_t lo = 0, hi = vg__sd_annotations_n;
	const char *w;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strncmp(vg__sd_annotations[mid], phrase, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* the first phrase not before it: itself, or one it starts */
	if (lo == vg__sd_annotations_n || strncmp(w = vg__sd_annotations[lo], phrase, len))
		return 0;
	if (!w[len])
		return 2;
	for (; lo < vg__sd_annotations_n && !strncmp(w = vg__sd_annotations[lo], phrase, len); lo++)
		if (w[len] == ' ')
			return 1;
	return 0;
}

size_t vg__scan_aka(const vg__toks *tk, const char *pool, size_t i)
{
	char buf[96];
	size_t n, len = 0, best = 0;

	for (n = 0; n < 6 && i + n < tk->n; n++) {
		const vg__tok *t = &tk->v[i + n];
		if (n && (t->brk > VG_BRK_SPACE || len + 1 + t->norm_len >= sizeof(buf)))
			break;
		if (len + t->norm_len + 1 >= sizeof(buf))
			break;
		if (n)
			buf[len++] = ' ';
		memcpy(buf + len, pool + t->norm, t->norm_len);
		len += t->norm_len;
		if (IN(vg__sd_aka, buf, len))
			best = n + 1;
	}
	return best;
}

const char *vg__scan_translate(const char *norm, size_t len)
{
	long i = ws_find(&ws_vg__sd_trans_from, vg__sd_trans_from, vg__sd_trans_from_n, norm, len);
	return i >= 0 ? vg__sd_trans_to[i] : NULL;
}

const char *vg__scan_translate_place(const char *norm, size_t len)
{
	long i = ws_find(&ws_vg__sd_place_from, vg__sd_place_from, vg__sd_place_from_n, norm, len);
	return i >= 0 ? vg__sd_place_to[i] : NULL;
}

const char *vg__scan_translate_to(unsigned lang, const char *en, size_t len)
{
	const char *const *from = lang == VG_SCAN_LANG_UK ? vg__sd_acr_uk_en : vg__sd_acr_ru_en;
	const char *const *to = lang == VG_SCAN_LANG_UK ? vg__sd_acr_uk_word : vg__sd_acr_ru_word;
	size_t n = lang == VG_SCAN_LANG_UK ? vg__sd_acr_uk_en_n : vg__sd_acr_ru_en_n;
	long i = ws_find(lang == VG_SCAN_LANG_UK ? &ws_vg__sd_acr_uk_en : &ws_vg__sd_acr_ru_en,
			 from, n, en, len);
	return i >= 0 ? to[i] : NULL;
}

static bool sorted(const char *const *list, size_t n)
{
	size_t i;
	for (i = 1; i < n; i++)
		if (strcmp(list[i - 1], list[i]) >= 0)
			return false;
	return true;
}

bool vg__scan_words_sorted(void)
{
	return sorted(vg__sd_common, vg__sd_common_n) &&
	       sorted(vg__sd_generic, vg__sd_generic_n) &&
	       sorted(vg__sd_places, vg__sd_places_n) &&
	       sorted(vg__sd_titles, vg__sd_titles_n) &&
	       sorted(vg__sd_weak, vg__sd_weak_n) &&
	       sorted(vg__sd_conjunctions, vg__sd_conjunctions_n) &&
	       sorted(vg__sd_arabic, vg__sd_arabic_n) &&
	       sorted(vg__sd_articles, vg__sd_articles_n) &&
	       sorted(vg__sd_kin, vg__sd_kin_n) && sorted(vg__sd_locative, vg__sd_locative_n) &&
	       sorted(vg__sd_courtesy, vg__sd_courtesy_n) &&
	       sorted(vg__sd_clan, vg__sd_clan_n) &&
	       sorted(vg__sd_settlement, vg__sd_settlement_n) &&
	       sorted(vg__sd_regions, vg__sd_regions_n) &&
	       sorted(vg__sd_fronts, vg__sd_fronts_n) &&
	       sorted(vg__sd_surnames, vg__sd_surnames_n) &&
	       sorted(vg__sd_institutions, vg__sd_institutions_n) &&
	       sorted(vg__sd_splinters, vg__sd_splinters_n) &&
	       sorted(vg__sd_plural, vg__sd_plural_n) &&
	       sorted(vg__sd_describing, vg__sd_describing_n) &&
	       sorted(vg__sd_kinds, vg__sd_kinds_n) &&
	       sorted(vg__sd_kinds_first, vg__sd_kinds_first_n) &&
	       sorted(vg__sd_acronyms, vg__sd_acronyms_n) &&
	       sorted(vg__sd_org_words, vg__sd_org_words_n) &&
	       sorted(vg__sd_annotations, vg__sd_annotations_n) &&
	       sorted(vg__sd_aka, vg__sd_aka_n) &&
	       sorted(vg__sd_trans_from, vg__sd_trans_from_n) &&
	       sorted(vg__sd_place_from, vg__sd_place_from_n) &&
	       sorted(vg__sd_acr_ru_en, vg__sd_acr_ru_en_n) &&
	       sorted(vg__sd_acr_uk_en, vg__sd_acr_uk_en_n) &&
	       sorted(vg__sd_place_phrases, vg__sd_place_phrases_n);
}
