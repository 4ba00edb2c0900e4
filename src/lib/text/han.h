/*
 * han.h - Mandarin readings of Chinese characters (internal), generated into
 * han_data.c by data/gen_han.c from ICU's Han-Latin rules.
 *
 * Invariant: vg__han_syll[0] is "" (no reading: ask ICU), every other entry
 * is lowercase ASCII letters; vg__han_bmp has one entry per code point
 * VG__HAN_FIRST..VG__HAN_LAST; vg__han_simp is sorted by `trad`.
 */
#ifndef VG_TEXT_HAN_H
#define VG_TEXT_HAN_H

#include <stddef.h>

#define VG__HAN_FIRST 0x3400
#define VG__HAN_LAST 0x9FFF

/* `c` is read `syll` when `next` follows it (重庆: chong, not zhong). */
typedef struct {
	unsigned short c, next, syll;
} vg__han_ctx;

/* A character and its simplified form (sorted by `trad`). */
typedef struct {
	unsigned short trad, simp;
} vg__han_pair;

extern const char *const vg__han_syll[];
extern const vg__han_pair vg__han_simp[];
extern const size_t vg__han_n_simp;
extern const unsigned short vg__han_bmp[VG__HAN_LAST - VG__HAN_FIRST + 1];
extern const vg__han_ctx vg__han_context[];
extern const size_t vg__han_n_context;

#endif
