/*
 * utf8.h - the one UTF-8 validator every stage uses (internal).
 */
#ifndef VG_COMMON_UTF8_H
#define VG_COMMON_UTF8_H

#include "vigil/common.h"

#include <stddef.h>

/* True when s[0..len) is valid UTF-8: no overlong forms, no surrogates,
 * nothing past U+10FFFF.  On failure *bad (when not NULL) receives the
 * offset of the first invalid sequence. */
int vg__utf8_valid(const char *s, size_t len, size_t *bad);

/* Appends s[0..len) read as Windows-1252 to out, as UTF-8.  Bytes below
 * 0x80 are copied; the five bytes Windows-1252 leaves undefined (0x81,
 * 0x8D, 0x8F, 0x90, 0x9D) become the C1 controls of the same value, as
 * ISO-8859-1 reads them.  0 or VG_ENOMEM. */
int vg__cp1252_to_utf8(vg_buf *out, const char *s, size_t len);

#endif
