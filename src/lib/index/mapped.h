/*
 * mapped.h - the build's large tables (strings, records, properties,
 * names, term numbers) kept where memory can let them go (internal).
 *
 * Invariant: a table of a set behaves as an array grown with vg__grow:
 * the same contents whatever becomes of its pages.  While it is small it
 * is heap memory; once it passes the set's threshold it moves into an
 * unlinked temporary file in tmpdir, mapped shared.  vg__mapped_check,
 * called as the build goes, drops every mapped table's pages from the
 * process when its resident memory passes the set's limit: the bytes stay
 * in the file (the page cache, which the kernel writes out and reclaims
 * when it needs the memory) and come back on the next access.  So the
 * build's peak is its limit plus what one stretch between two checks
 * touches, whatever the number of entities, and a build under a large
 * limit never drops a page.
 *
 * Threads: only the thread that grows, frees and checks a set's tables
 * may touch them (dropping pages is safe for concurrent readers, moving a
 * table is not).
 */
#ifndef VG_INDEX_MAPPED_H
#define VG_INDEX_MAPPED_H

#include <stddef.h>

typedef struct vg__mapped vg__mapped;

/* A set whose tables keep the process's resident memory near `limit`
 * bytes; tables over limit / 32 (at least 16 KiB) move to files. */
int vg__mapped_new(vg__mapped **out, size_t limit, const char *tmpdir);
/* Frees the set and every table still in it. */
void vg__mapped_free(vg__mapped *m);

/* vg__grow for a table of the set (m NULL: vg__grow itself). */
int vg__mgrow(vg__mapped *m, void *parr, size_t *cap, size_t need, size_t elem);
/* A zeroed table of n items of elem bytes into *parr (vg__calloc when
 * small); VG_ENOMEM or VG_EIO, *parr unchanged, on failure. */
int vg__mcalloc(vg__mapped *m, void *parr, size_t n, size_t elem);
/* Marks a table as read at random (a hash table): its pages are dropped
 * only when dropping the others' was not enough. */
void vg__mapped_hot(vg__mapped *m, const void *arr);
/* Frees a table of the set, or heap memory (free). */
void vg__mfree(vg__mapped *m, void *arr);

/* Cheap: every 1024th call reads the process's resident memory and drops
 * the mapped tables' pages when it is over the limit. */
void vg__mapped_check(vg__mapped *m);
/* The same, now (after a step that touched a megabyte or more). */
void vg__mapped_check_now(vg__mapped *m);

/* How many times pages were dropped; bytes of tables in files now. */
size_t vg__mapped_trims(const vg__mapped *m);
size_t vg__mapped_bytes(const vg__mapped *m);

#endif
