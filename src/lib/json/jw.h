/*
 * jw.h - the JSON emitter under the writer (internal): containers, keys and
 * scalars appended to a vg_buf with the separators put in for the caller.
 *
 * Invariant: `first` has bit d set while the container open at depth d has
 * no element yet, so a value or key writes ", " before itself exactly when
 * it is not the first of its container; a value right after a key writes
 * nothing before itself.  Errors are the buffer's: vg_buf's out-of-memory
 * flag is sticky, so an emitter call never fails on its own and the caller
 * checks the buffer once at the end.
 */
#ifndef VG_JSON_JW_H
#define VG_JSON_JW_H

#include "vigil/common.h"

#include <stdint.h>
#include <string.h>

typedef struct {
	vg_buf *out;
	unsigned depth;  /* < 64 */
	uint64_t first;  /* bit d: container at depth d is still empty */
	int after_key;
} vg__jw;

static inline void vg__jw_init(vg__jw *w, vg_buf *out)
{
	w->out = out;
	w->depth = 0;
	w->first = 1;
	w->after_key = 0;
}

/* Separator before a value or key at the current depth. */
static inline void vg__jw_sep(vg__jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (!(w->first & ((uint64_t)1 << w->depth)))
		vg_buf_put(w->out, ", ", 2);
	w->first &= ~((uint64_t)1 << w->depth);
}

static inline void vg__jw_open(vg__jw *w, char c)
{
	vg__jw_sep(w);
	vg_buf_put(w->out, &c, 1);
	w->depth++;
	w->first |= (uint64_t)1 << w->depth;
}

static inline void vg__jw_close(vg__jw *w, char c)
{
	w->depth--;
	vg_buf_put(w->out, &c, 1);
}

#define vg__jw_obj(w) vg__jw_open((w), '{')
#define vg__jw_end_obj(w) vg__jw_close((w), '}')
#define vg__jw_arr(w) vg__jw_open((w), '[')
#define vg__jw_end_arr(w) vg__jw_close((w), ']')

static inline void vg__jw_key(vg__jw *w, const char *key)
{
	vg__jw_sep(w);
	vg_buf_put_json_string(w->out, key, strlen(key));
	vg_buf_put(w->out, ": ", 2);
	w->after_key = 1;
}

static inline void vg__jw_strn(vg__jw *w, const char *s, size_t n)
{
	vg__jw_sep(w);
	vg_buf_put_json_string(w->out, s, n);
}

/* A string, or null for NULL. */
static inline void vg__jw_str(vg__jw *w, const char *s)
{
	if (!s) {
		vg__jw_sep(w);
		vg_buf_put(w->out, "null", 4);
		return;
	}
	vg__jw_strn(w, s, strlen(s));
}

/* A score: 4 decimals, as every score vigil prints. */
static inline void vg__jw_score(vg__jw *w, double v)
{
	vg__jw_sep(w);
	vg_buf_printf(w->out, "%.4f", v);
}

static inline void vg__jw_uint(vg__jw *w, uint64_t v)
{
	vg__jw_sep(w);
	vg_buf_printf(w->out, "%llu", (unsigned long long)v);
}

static inline void vg__jw_bool(vg__jw *w, int v)
{
	vg__jw_sep(w);
	vg_buf_puts(w->out, v ? "true" : "false");
}

/* JSON text produced elsewhere in the library (the comparator's own
 * explanation), taken as one value. */
static inline void vg__jw_raw(vg__jw *w, const char *s, size_t n)
{
	vg__jw_sep(w);
	vg_buf_put(w->out, s, n);
}

#endif
