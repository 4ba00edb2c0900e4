/*
 * alloc.h - every allocation of the library goes through here (internal).
 *
 * The library allocates with vg__malloc, vg__calloc, vg__realloc and
 * vg__strdup and releases with plain free(): memory always comes from the C
 * library's allocator.  What the indirection adds is the hook of
 * vg_alloc_set_hook() (vigil/common.h): a caller, in practice a
 * failure-injection test, may refuse any allocation, and the library must
 * then fail with VG_ENOMEM, leak nothing and never crash.
 */
#ifndef VG_COMMON_ALLOC_H
#define VG_COMMON_ALLOC_H

#include "vigil/common.h"

#include <stddef.h>
#include <stdint.h>

void *vg__malloc(size_t size);
void *vg__calloc(size_t n, size_t size);
void *vg__realloc(void *ptr, size_t size);
char *vg__strdup(const char *s);
/* Zeroed memory for n items of `size` bytes, released with free() like the
 * rest; an array of at least VG__HUGE_PAGE bytes is aligned to it and
 * asked of the kernel in huge pages (transparent huge pages, where the
 * system offers them for memory a process asks for: madvise mode).  For
 * the large arrays queries read at random (a matcher's per-name scratch,
 * the index's hot tables: vg_index_warm), where every read of a 4 KB page
 * is a TLB miss: with them, a query at a million entities takes about a
 * quarter less CPU (bench_scale query). */
#define VG__HUGE_PAGE ((size_t)2 << 20)
void *vg__calloc_huge(size_t n, size_t size);
/* The same, not zeroed: for a copy about to be written whole. */
void *vg__malloc_huge(size_t size);

/* The one array-growth rule of the library: makes the array whose pointer
 * is at `parr` (items of `elem` bytes, *cap of them allocated) hold at
 * least `need` items, doubling (at least 16), with the size checked for
 * overflow.  On failure the array and *cap are unchanged and VG_ENOMEM is
 * recorded and returned.  Usage: vg__grow(&a->items, &a->cap, a->n + 1,
 * sizeof(*a->items)). */
int vg__grow(void *parr, size_t *cap, size_t need, size_t elem);
/* The same for a uint32_t capacity (arrays indexed by 32-bit ordinals). */
int vg__grow32(void *parr, uint32_t *cap, size_t need, size_t elem);

#endif
