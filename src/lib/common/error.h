/*
 * error.h - recording the thread-local last error (internal).
 *
 * Every failure path inside the library calls vg__error_set() once, at the
 * place that knows what went wrong, and returns its result:
 *
 *     return vg__error_set(VG_EDATA, "%s:%zu: unterminated quote", path, line);
 */
#ifndef VG_COMMON_ERROR_H
#define VG_COMMON_ERROR_H

#include "vigil/common.h"

/* Records code and message for this thread; returns code. */
int vg__error_set(int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Prefixes the current message with "prefix: " (keeps the code). */
void vg__error_prefix(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* Records VG_ENOMEM and returns it. */
int vg__error_oom(void);

/* a*b and a+b into *out; non-zero on overflow. */
static inline int vg__mul_overflow(size_t *out, size_t a, size_t b)
{
	return __builtin_mul_overflow(a, b, out);
}
static inline int vg__add_overflow(size_t *out, size_t a, size_t b)
{
	return __builtin_add_overflow(a, b, out);
}

#endif
