/*
 * keys.h - per-token keys and string distances shared by analysis,
 * comparison and retrieval (internal).
 *
 * The phonetic key folds spelling differences between transliteration
 * systems (kh/h, sh/sch, y/i, ou/u, w/v, c/k, doubled letters, -iy/-y
 * endings); the consonant skeleton keeps only consonants, for words
 * transliterated from scripts that do not write short vowels.
 */
#ifndef VG_NAMES_KEYS_H
#define VG_NAMES_KEYS_H

#include <stddef.h>
#include <stdint.h>

/* Writes the key of s[0..n) to out (room for 2n+1 bytes, at most 128 bytes
 * written, NUL not included) and returns its length. */
size_t vg__phonetic_key(char *out, const char *s, size_t n, unsigned flags);
size_t vg__skeleton(char *out, const char *s, size_t n, unsigned flags);

/* Optimal-string-alignment (Damerau) distance of two byte strings of at
 * most 128 bytes each, giving up (returning max+1) past `max`. */
unsigned vg__edit_distance(const char *a, size_t an, const char *b, size_t bn,
			   unsigned max);

#endif
