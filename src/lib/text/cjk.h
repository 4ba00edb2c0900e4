/*
 * cjk.h - Chinese characters, kana and Japanese names in kanji (internal
 * to src/lib/text; see cjk.c).
 */
#ifndef VG_TEXT_CJK_H
#define VG_TEXT_CJK_H

#include "text/emit.h"

#include <unicode/utypes.h>

/* Whether c starts or continues a run cjk.c reads (a Chinese character the
 * table knows, kana, 々). */
int vg__cjk_char(UChar c);

/* Whether the name text[0..n) is Japanese: kana or 々 in it, or a run of
 * Chinese characters starting with a Japanese family name of two or more
 * characters (data/japanese_names.txt). */
int vg__cjk_japanese(const UChar *text, int32_t n);

/* Writes the run src[0..n) (Chinese characters, kana and anything ICU
 * reads between them): each character as one syllable with its origin,
 * syllables of the run joined (normalize.h); names from
 * data/japanese_names.txt as words when `japanese`; kana through ICU. */
void vg__put_cjk_run(emitter *e, const UChar *src, int32_t n, int japanese);

#endif
