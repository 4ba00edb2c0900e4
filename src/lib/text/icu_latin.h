/*
 * icu_latin.h - transliteration through ICU (internal to src/lib/text; see
 * icu_latin.c).
 */
#ifndef VG_TEXT_ICU_LATIN_H
#define VG_TEXT_ICU_LATIN_H

#include "text/emit.h"

#include <unicode/utypes.h>

/* Transliterates src[0..n) (letters of scripts without own tables); `mark`
 * (0 or a VG__MARK_*) goes in front of every word of the result.  Letters
 * ICU cannot read are kept as they are. */
void vg__put_icu_run(emitter *e, const UChar *src, int32_t n, int mark);

#endif
