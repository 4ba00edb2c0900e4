/*
 * lexicon.c - hash lookups over the generated tables (lexicon_data.c).
 *
 * The hash must stay FNV-1a 32 with linear probing: data/gen.py lays the
 * slots out with the same function.
 */
#include "names/lexicon.h"

#include <stdlib.h>
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

/* A Japanese name's spelling against a key spelling of the same length. */
typedef struct {
	const uint16_t *s;
	size_t n;
} ja_key;

static int cmp_ja(const void *key, const void *el)
{
	const ja_key *k = key;
	const vg__ja_name *e = el;
	size_t i, n = k->n < e->len ? k->n : e->len;
	for (i = 0; i < n; i++) {
		if (k->s[i] != vg__ja_units[e->at + i])
			return k->s[i] < vg__ja_units[e->at + i] ? -1 : 1;
	}
	return k->n < e->len ? -1 : k->n > e->len;
}

const vg__ja_name *vg__ja_find(const uint16_t *s, size_t n)
{
	ja_key k;
	/* names are sorted by their code units; the longest spelt at the
	 * start of s first (at most 8 characters) */
	for (k.s = s, k.n = n < 8 ? n : 8; k.n > 0; k.n--) {
		const vg__ja_name *e = bsearch(&k, vg__ja_names, vg__ja_n_names, sizeof(*e), cmp_ja);
		if (e)
			return e;
	}
	return NULL;
}
