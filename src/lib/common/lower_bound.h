/*
 * lower_bound.h - the one binary search of the library (internal).
 *
 * Every sorted table (ids by hash, name keys, postings by name, OFAC side
 * rows by entity number, the FtM model's names, a diff's ids ...) is
 * searched through vg__lower_bound: the first position in [lo, hi) whose
 * item is not ordered before the key.  `before(ctx, i)` says whether item
 * i comes before the key; it must be true on a prefix of the range and
 * false after it.  Inline, so that with a static predicate the compiler
 * removes the indirect call (the postings search is in match's hot loop).
 */
#ifndef VG_COMMON_LOWER_BOUND_H
#define VG_COMMON_LOWER_BOUND_H

#include <stdbool.h>
#include <stddef.h>

static inline size_t vg__lower_bound(size_t lo, size_t hi, const void *ctx,
				     bool (*before)(const void *ctx, size_t i))
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (before(ctx, mid))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Defines `static size_t fn(const type *v, size_t n, ktype key)`: the first
 * of v[0..n), sorted by the numeric member `field`, whose field is not
 * below key (n when none).  For the tables searched by one member. */
#define VG__LOWER_BOUND_BY(fn, type, field, ktype)                                  \
	typedef struct {                                                            \
		const type *v;                                                      \
		ktype key;                                                          \
	} fn##_key;                                                                 \
	static bool fn##_before(const void *ctx, size_t i)                          \
	{                                                                           \
		const fn##_key *k = ctx;                                            \
		return k->v[i].field < k->key;                                      \
	}                                                                           \
	static size_t fn(const type *v, size_t n, ktype key)                        \
	{                                                                           \
		fn##_key k = { v, key };                                            \
		return vg__lower_bound(0, n, &k, fn##_before);                      \
	}

#endif
