/*
 * normalize.h - folding any script to vigil's comparison alphabet (internal).
 *
 * The folded form is what the name analyser tokenises: lowercase ASCII
 * letters and digits, ' ' between words, '.' and ',' kept (initials and
 * "SURNAME, Given" need them), VG__MARK_ABJAD in front of each word that
 * was transliterated from a script that does not write short vowels
 * (Arabic, Persian, Hebrew, Thai), VG__MARK_SYLLABLE in front of each
 * syllable read from a Chinese character or a Hangul block (syllables of
 * one written word follow each other without a space: 建宏 is "\2jian\2hong"),
 * VG__MARK_ORIGIN and four letters A-P (hex digits of a 16-bit number) in
 * front of a word read from Chinese characters or Hangul, saying which
 * characters it was read from (VG__ORIGIN_*), and letters of scripts vigil
 * cannot transliterate kept as UTF-8.  Apostrophes vanish without splitting a word
 * (Qa'ida -> qaida); a lowercase letter followed by a capital splits one
 * (SiemensAG -> siemens ag).
 */
#ifndef VG_TEXT_NORMALIZE_H
#define VG_TEXT_NORMALIZE_H

#include "vigil/common.h"

#include <stddef.h>

#define VG__MARK_ABJAD '\x01'
#define VG__MARK_SYLLABLE '\x02'
#define VG__MARK_ORIGIN '\x03'
#define VG__ORIGIN_LEN 5 /* the mark and four letters */

/* Origins: a character's code point (its simplified form for Chinese
 * characters), or for a word of several characters a hash of them in
 * VG__ORIGIN_WORD | 0..0x1FFF (code points of the Private Use Area, which
 * no name is written in).  Hangul blocks are VG__ORIGIN_HANGUL_FIRST..LAST. */
#define VG__ORIGIN_WORD 0xE000u
#define VG__ORIGIN_HANGUL_FIRST 0xAC00u
#define VG__ORIGIN_HANGUL_LAST 0xD7A3u

/* Appends the folded form of `s` to `out`.  VG_EDATA on invalid UTF-8.
 * Pure ASCII input never reaches ICU. */
int vg__text_fold(vg_buf *out, const char *s, size_t len);


#endif
