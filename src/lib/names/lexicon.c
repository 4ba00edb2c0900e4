/*
 * lexicon.c - hash lookups over the generated tables (lexicon_data.c).
 *
 * The hash must stay FNV-1a 32 with linear probing: data/gen.py lays the
 * slots out with the same function.
 */
#include "names/lexicon.h"

#include <string.h>

static uint32_t fnv1a(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;
	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

const vg__lex_word *vg__lex_word_find(const char *s, size_t len)
{
	uint32_t h;
	if (len == 0 || len > 255)
		return NULL;
	h = fnv1a(s, len) & vg__lex_word_mask;
	while (vg__lex_word_slots[h]) {
		const vg__lex_word *w = &vg__lex_words[vg__lex_word_slots[h] - 1];
		if (w->len == len && memcmp(vg__lex_pool + w->str, s, len) == 0)
			return w;
		h = (h + 1) & vg__lex_word_mask;
	}
	return NULL;
}

const vg__lex_phrase *vg__lex_phrase_find(const char *s, size_t len)
{
	uint32_t h;
	if (len == 0 || len > 255)
		return NULL;
	h = fnv1a(s, len) & vg__lex_phrase_mask;
	while (vg__lex_phrase_slots[h]) {
		const vg__lex_phrase *p = &vg__lex_phrases[vg__lex_phrase_slots[h] - 1];
		if (p->len == len && memcmp(vg__lex_pool + p->str, s, len) == 0)
			return p;
		h = (h + 1) & vg__lex_phrase_mask;
	}
	return NULL;
}

const vg__lex_phrase *vg__lex_compact_find(const char *s, size_t len)
{
	uint32_t h;
	if (len == 0 || len > 255)
		return NULL;
	h = fnv1a(s, len) & vg__lex_compact_mask;
	while (vg__lex_compact_slots[h]) {
		const vg__lex_phrase *p = &vg__lex_compact[vg__lex_compact_slots[h] - 1];
		if (p->len == len && memcmp(vg__lex_pool + p->str, s, len) == 0)
			return p;
		h = (h + 1) & vg__lex_compact_mask;
	}
	return NULL;
}

int vg__lex_cn_variant(const char *pinyin, size_t pn, const char *spelling, size_t sn)
{
	char key[64];
	uint32_t h;
	size_t len = pn + 1 + sn;
	if (!pn || !sn || len > sizeof(key))
		return 0;
	memcpy(key, pinyin, pn);
	key[pn] = ' ';
	memcpy(key + pn + 1, spelling, sn);
	h = fnv1a(key, len) & vg__lex_cnvar_mask;
	while (vg__lex_cnvar_slots[h]) {
		const vg__lex_phrase *p = &vg__lex_cnvar[vg__lex_cnvar_slots[h] - 1];
		if (p->len == len && memcmp(vg__lex_pool + p->str, key, len) == 0)
			return 1;
		h = (h + 1) & vg__lex_cnvar_mask;
	}
	return 0;
}

/* -1, 0, 1 as the name at e sorts before, at, after the start of s (a
 * name spelt by a prefix of s counts as equal). */
static int ja_cmp(const vg__ja_name *e, const uint16_t *s, size_t n)
{
	size_t i;
	for (i = 0; i < e->len; i++) {
		if (i == n)
			return 1;
		if (vg__ja_units[e->at + i] != s[i])
			return vg__ja_units[e->at + i] < s[i] ? -1 : 1;
	}
	return 0;
}

const vg__ja_name *vg__ja_find(const uint16_t *s, size_t n)
{
	const vg__ja_name *best = NULL;
	size_t lo = 0, hi = vg__ja_n_names;
	/* names are sorted by code units, so every name that is a prefix of s
	 * sits at or before the place s would go: find that place, then walk
	 * back while the first character still agrees */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ja_cmp(&vg__ja_names[mid], s, n) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo > 0 && n > 0 && vg__ja_units[vg__ja_names[lo - 1].at] == s[0]) {
		const vg__ja_name *e = &vg__ja_names[--lo];
		if (ja_cmp(e, s, n) == 0 && (!best || e->len > best->len))
			best = e;
	}
	return best;
}
