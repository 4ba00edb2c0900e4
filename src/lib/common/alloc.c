/*
 * alloc.c - the allocation hook (see alloc.h).
 *
 * Invariant: with no hook installed an allocation costs one relaxed atomic
 * load more than the C library's; with a hook, the hook is asked before
 * every allocation and a refusal looks to the caller exactly like malloc
 * returning NULL.
 */
#include "alloc.h"
#include "error.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef struct {
	vg_alloc_hook fn;
	void *ctx;
} hook_state;

static _Atomic(hook_state *) current_hook;
static hook_state hook_slots[2];
static atomic_uint hook_slot;

void vg_alloc_set_hook(vg_alloc_hook fn, void *ctx)
{
	hook_state *s;
	if (!fn) {
		atomic_store(&current_hook, NULL);
		return;
	}
	/* Two slots, alternated, so that a thread still reading the previous
	 * hook sees a consistent pair; the hook is meant to be set while no
	 * other thread allocates (tests), this only keeps a late reader sane. */
	s = &hook_slots[atomic_fetch_add(&hook_slot, 1) & 1];
	s->fn = fn;
	s->ctx = ctx;
	atomic_store(&current_hook, s);
}

static int refused(size_t size)
{
	hook_state *s = atomic_load_explicit(&current_hook, memory_order_acquire);
	return s && !s->fn(size, s->ctx);
}

void *vg__malloc(size_t size)
{
	return refused(size) ? NULL : malloc(size);
}

void *vg__calloc(size_t n, size_t size)
{
	return refused(n * size) ? NULL : calloc(n, size);
}

void *vg__malloc_huge(size_t size)
{
	void *p;
	if (size < VG__HUGE_PAGE)
		return vg__malloc(size);
	if (refused(size) || posix_memalign(&p, VG__HUGE_PAGE, size) != 0)
		return NULL;
	/* advice only: without it (no transparent huge pages) the memory
	 * is the same, in small pages */
	(void)madvise(p, size, MADV_HUGEPAGE);
	return p;
}

void *vg__calloc_huge(size_t n, size_t size)
{
	size_t bytes;
	void *p;
	if (vg__mul_overflow(&bytes, n, size) || !(p = vg__malloc_huge(bytes)))
		return NULL;
	memset(p, 0, bytes);
	return p;
}

void *vg__realloc(void *ptr, size_t size)
{
	return refused(size) ? NULL : realloc(ptr, size);
}

char *vg__strdup(const char *s)
{
	size_t len = strlen(s) + 1;
	char *p = vg__malloc(len);
	if (p)
		memcpy(p, s, len);
	return p;
}

int vg__grow(void *parr, size_t *cap, size_t need, size_t elem)
{
	size_t ncap, bytes;
	void *p;
	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 16;
	while (ncap < need)
		if (vg__mul_overflow(&ncap, ncap, 2))
			return vg__error_oom();
	memcpy(&p, parr, sizeof(p));
	if (vg__mul_overflow(&bytes, ncap, elem) || !(p = vg__realloc(p, bytes)))
		return vg__error_oom();
	memcpy(parr, &p, sizeof(p));
	*cap = ncap;
	return 0;
}

int vg__grow32(void *parr, uint32_t *cap, size_t need, size_t elem)
{
	size_t c = *cap;
	int rc;
	if (need > UINT32_MAX)
		return vg__error_oom();
	if ((rc = vg__grow(parr, &c, need, elem)) == 0)
		*cap = c > UINT32_MAX ? UINT32_MAX : (uint32_t)c;
	return rc;
}
