/*
 * cjk.c - Chinese characters, kana and Japanese names written in kanji.
 *
 * A Chinese character is one syllable: it is written as its Mandarin
 * reading from the table generated from ICU's Han-Latin rules (han_data.c,
 * which also gives a few readings in context: 重庆 chong qing), marked as a
 * syllable and tagged with the character it came from (its simplified form,
 * so 張 and 张 are one), so that two names in characters can tell two
 * characters read alike (张/章, both zhang) from one.  The syllables of one
 * written word stay together, so the comparator knows that 建宏 is one given
 * name, not two.
 *
 * A Japanese name read in Mandarin is not its name (山田太郎 is Yamada Taro,
 * not shan tian tai lang): when the name is Japanese (vg__cjk_japanese) the
 * names of data/japanese_names.txt are read as words, longest first, and a
 * character they do not cover keeps its Mandarin syllable.  Kana go
 * through ICU (icu_latin.c).
 */
#include "text/cjk.h"
#include "text/han.h"
#include "text/icu_latin.h"
#include "names/lexicon.h"

#include <stdlib.h>
#include <string.h>

#define ITERATION_MARK 0x3005 /* 々: the character before, again */

static int is_han(UChar c)
{
	return c >= VG__HAN_FIRST && c <= VG__HAN_LAST && vg__han_bmp[c - VG__HAN_FIRST];
}

static int is_kana(UChar c)
{
	return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA);
}

int vg__cjk_char(UChar c)
{
	return is_han(c) || is_kana(c) || c == ITERATION_MARK;
}

static int cmp_trad(const void *key, const void *el)
{
	unsigned short k = *(const unsigned short *)key, t = ((const vg__han_pair *)el)->trad;
	return k < t ? -1 : k > t;
}

/* The simplified form of c (c itself when it has none). */
static uint16_t simplified(UChar c)
{
	unsigned short k = c;
	const vg__han_pair *p = bsearch(&k, vg__han_simp, vg__han_n_simp, sizeof(*p), cmp_trad);
	return p ? p->simp : c;
}

/* The origin of a word read from characters s[0..n) (normalize.h). */
static uint16_t word_origin(const UChar *s, int32_t n)
{
	uint32_t h = 2166136261u;
	int32_t i;
	if (n == 1)
		return simplified(s[0]);
	for (i = 0; i < n; i++) {
		h ^= simplified(s[i]);
		h *= 16777619u;
	}
	return (uint16_t)(VG__ORIGIN_WORD | (h & 0x1FFF));
}

/* The Mandarin reading of src[i] (a character of the table), in the
 * context of the character after it. */
static const char *han_reading(const UChar *src, int32_t i, int32_t n)
{
	const char *sy = vg__han_syll[vg__han_bmp[src[i] - VG__HAN_FIRST]];
	size_t k;
	if (i + 1 < n) {
		for (k = 0; k < vg__han_n_context; k++)
			if (vg__han_context[k].c == src[i] && vg__han_context[k].next == src[i + 1])
				return vg__han_syll[vg__han_context[k].syll];
	}
	return sy;
}

int vg__cjk_japanese(const UChar *text, int32_t n)
{
	int32_t i;
	for (i = 0; i < n; i++) {
		const vg__ja_name *ja;
		if (is_kana(text[i]) || text[i] == ITERATION_MARK)
			return 1;
		if (!is_han(text[i]) || (i > 0 && is_han(text[i - 1])))
			continue;
		ja = vg__ja_find(text + i, (size_t)(n - i));
		if (ja && ja->family && ja->len >= 2)
			return 1;
		/* a family name of one character, then a Japanese given name
		 * that ends the run (菅義偉) */
		if (ja && ja->family && i + ja->len < n) {
			const vg__ja_name *g = vg__ja_find(text + i + ja->len, (size_t)(n - i - ja->len));
			int32_t end = i + ja->len + (g ? g->len : 0);
			if (g && !g->family && (end == n || !is_han(text[end])))
				return 1;
		}
	}
	return 0;
}

void vg__put_cjk_run(emitter *e, const UChar *src, int32_t n, int japanese)
{
	int32_t i = 0;
	const char *prev = NULL; /* the syllable 々 repeats */
	uint16_t prev_origin = 0;
	while (i < n && !e->err) {
		const vg__ja_name *ja = japanese ? vg__ja_find(src + i, (size_t)(n - i)) : NULL;
		int32_t j;
		if (ja) {
			sep(e);
			put_origin(e, word_origin(src + i, ja->len));
			put(e, ja->reading, strlen(ja->reading));
			sep(e);
			i += ja->len;
			prev = NULL;
		} else if (is_han(src[i])) {
			prev = han_reading(src, i, n);
			prev_origin = simplified(src[i]);
			put_syllable(e, prev_origin, prev, strlen(prev));
			i++;
		} else if (src[i] == ITERATION_MARK) {
			if (prev)
				put_syllable(e, prev_origin, prev, strlen(prev));
			i++;
		} else {
			/* kana, or letters of another script inside the run */
			for (j = i; j < n && !is_han(src[j]) && src[j] != ITERATION_MARK; j++)
				;
			sep(e);
			vg__put_icu_run(e, src + i, j - i, 0);
			sep(e);
			i = j;
			prev = NULL;
		}
	}
	e->prev_lower = 0;
}
