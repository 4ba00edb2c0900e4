/*
 * utf8.h - the one UTF-8 validator every stage uses (internal).
 */
#ifndef VG_COMMON_UTF8_H
#define VG_COMMON_UTF8_H

#include <stddef.h>

/* True when s[0..len) is valid UTF-8: no overlong forms, no surrogates,
 * nothing past U+10FFFF.  On failure *bad (when not NULL) receives the
 * offset of the first invalid sequence. */
int vg__utf8_valid(const char *s, size_t len, size_t *bad);

#endif
