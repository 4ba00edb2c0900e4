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
