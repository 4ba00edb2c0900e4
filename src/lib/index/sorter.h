/*
 * sorter.h - sorting more 16-byte records than memory should hold
 * (internal): the builder's postings, derived keys and term pairs.
 *
 * Invariant: a sorter never holds more than its budget of records in
 * memory.  Records collect in a buffer; when it is full it is sorted and
 * written to an unlinked temporary file as a run, and reading back merges
 * the runs.  With one run nothing touches the disk.
 *
 * Order: by key, then a, then b.  Records added in ascending (a, b) order
 * per key cost nothing extra (the radix sort is stable); others are fixed
 * up within each run of equal keys.
 */
#ifndef VG_INDEX_SORTER_H
#define VG_INDEX_SORTER_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint64_t key;
	uint32_t a, b;
} vg__rec16;

typedef struct vg__sorter vg__sorter;

/* A sorter using at most `budget` bytes (two buffers of budget/2: the
 * records and the radix sort's scratch), spilling runs into unlinked files
 * in `tmpdir`. */
int vg__sorter_new(vg__sorter **out, size_t budget, const char *tmpdir);
void vg__sorter_free(vg__sorter *s);

int vg__sorter_add(vg__sorter *s, const vg__rec16 *recs, size_t n);

/* Ends adding: sorts what is buffered and prepares reading. */
int vg__sorter_finish(vg__sorter *s);

/* The next sorted records: *recs points at *n of them (valid until the
 * next call); *n == 0 at the end. */
int vg__sorter_read(vg__sorter *s, const vg__rec16 **recs, size_t *n);

/* Sorts n records in memory, in the sorter's order (it needs as much
 * memory again). */
int vg__sort16(vg__rec16 *recs, size_t n);

/* The builder's temporary files (sort runs, analysed names, postings):
 * an unlinked file in tmpdir named .vigil-<what>-XXXXXX, and a write of
 * all len bytes at off.  Errors name `what`. */
int vg__spill_open(int *fd, const char *tmpdir, const char *what);
int vg__spill_write(int fd, const void *data, size_t len, uint64_t off, const char *what);

/* Records added so far; runs written to disk. */
size_t vg__sorter_count(const vg__sorter *s);
size_t vg__sorter_runs(const vg__sorter *s);

#endif
