/*
 * abugida.h - vigil's transliteration tables for the scripts ICU reads
 * wrongly for names or not at all (internal to src/lib/text): generated
 * from data/scripts.txt into script_data.c, read by abugida.c.
 *
 * Invariant: a script's entries are vg__tr_entries[start .. start + n),
 * sorted by first code point, longer sequences before shorter ones.
 */
#ifndef VG_TEXT_ABUGIDA_H
#define VG_TEXT_ABUGIDA_H

#include "text/emit.h"

#include <stddef.h>
#include <stdint.h>
#include <unicode/utypes.h>

/* Script flags (data/scripts.txt). */
enum {
	VG__TR_SCHWA = 1,     /* inherent vowels dropped as Hindi drops them */
	VG__TR_FINALS = 2,    /* a consonant after a vowel closes the syllable */
	VG__TR_SYLLABLES = 4, /* every syllable is a word */
	VG__TR_ABJAD = 8,     /* compared on consonants too */
	VG__TR_FINAL_U = 16,  /* a word's last u after a consonant is silent */
};

typedef struct {
	uint16_t cp[4];
	uint8_t n;          /* code points in the sequence */
	char cls;           /* class letter, data/scripts.txt */
	const char *latin, *latin2;
} vg__tr_entry;

typedef struct {
	const char *name;
	uint32_t first, last;
	const char *inherent, *inherent2; /* the second for Khmer's o-series */
	unsigned flags;
	size_t start, n;
} vg__tr_script;

extern const vg__tr_entry vg__tr_entries[];
extern const vg__tr_script vg__tr_scripts[];
extern const size_t vg__tr_n_scripts;

/* The script with a table whose block holds c, or NULL. */
const vg__tr_script *vg__tr_script_of(uint32_t c);

/* Writes the run src[0..n) of letters of script sc (a word). */
void vg__put_table_run(emitter *e, const vg__tr_script *sc, const UChar *src, int32_t n);

#endif
