/*
 * normalize.h - folding any script to vigil's comparison alphabet (internal).
 *
 * The folded form is what the name analyser tokenises: lowercase ASCII
 * letters and digits, ' ' between words, '.' and ',' kept (initials and
 * "SURNAME, Given" need them), VG__MARK_ABJAD in front of each word that
 * was transliterated from a script that does not write short vowels
 * (Arabic, Persian, Hebrew, Thai), VG__MARK_SYLLABLE in front of each
 * syllable read from a Chinese character, and letters of scripts vigil cannot
 * transliterate kept as UTF-8.  Apostrophes vanish without splitting a word
 * (Qa'ida -> qaida); a lowercase letter followed by a capital splits one
 * (SiemensAG -> siemens ag).
 */
#ifndef VG_TEXT_NORMALIZE_H
#define VG_TEXT_NORMALIZE_H

#include "vigil/common.h"

#include <stddef.h>

#define VG__MARK_ABJAD '\x01'
#define VG__MARK_SYLLABLE '\x02'

/* Appends the folded form of `s` to `out`.  VG_EDATA on invalid UTF-8.
 * Pure ASCII input never reaches ICU. */
int vg__text_fold(vg_buf *out, const char *s, size_t len);


#endif
