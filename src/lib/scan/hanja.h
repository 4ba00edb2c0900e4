/*
 * hanja.h - the Korean reading of Chinese characters, written by
 * data/gen_hanja.py from Unihan's kHangul into hanja_data.c (internal to
 * the scan stage).
 *
 * Invariant: vg__hanja_readings is sorted by han, each hangul a Hangul
 * syllable (U+AC00..U+D7A3).
 */
#ifndef VG_SCAN_HANJA_H
#define VG_SCAN_HANJA_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint16_t han;    /* a Chinese character of the BMP */
	uint16_t hangul; /* the syllable Korean reads it as */
} vg__hanja;

extern const vg__hanja vg__hanja_readings[];
extern const size_t vg__hanja_n;

#endif
