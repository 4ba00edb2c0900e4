/*
 * scripts.h - vigil's own transliteration tables (internal to src/lib/text;
 * see scripts.c).
 */
#ifndef VG_TEXT_SCRIPTS_H
#define VG_TEXT_SCRIPTS_H

#include "text/emit.h"

#include <stdint.h>

/* Cyrillic languages a word's letters can say it is written in. */
enum { CYR_RU, CYR_UK, CYR_BE, CYR_SR, CYR_KK };

uint32_t vg__cyr_lower(uint32_t c);
/* The language a letter of a word says it is in (CYR_*), or -1. */
int vg__cyr_lang_of(uint32_t c);
/* Latin spelling of a lowercase Cyrillic letter, or NULL when unknown. */
const char *vg__cyr_map(uint32_t c, int lang);

/* Latin of an Arabic-script letter ("" for signs read as nothing), or NULL. */
const char *vg__arabic_map(uint32_t c, int word_start);
const char *vg__hebrew_map(uint32_t c, int word_start, int word_end);

/* One Hangul block as a syllable (put_syllable, its code point as origin);
 * name_start: a family name is spelt the way its bearers spell it (Lee,
 * Park). */
void vg__put_hangul(emitter *e, uint32_t c, int name_start);

#endif
