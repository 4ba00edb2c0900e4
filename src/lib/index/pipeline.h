/*
 * pipeline.h - analysing a build's names on the other cores while its
 * inputs are still being read (internal; the builder's).
 *
 * Invariant: results come back in the order the names were pushed, each
 * exactly what vg__name_analyze + vg__name_encode give for its text and
 * schema (or the same bytes copied from a previous index that analysed
 * that text the same way), whatever the number of threads; memory is
 * bounded: results beyond the budget go to an unlinked temporary file, and
 * the queue of names waiting for a worker is bounded (a full queue makes
 * the pushing thread analyse a chunk itself).
 *
 * Each analysed name also yields its distinct term hashes (the TERM keys
 * of format.h), and the first time the build meets a term its derived keys
 * go to the `derived` sorter as (key hash, term hash) records (see
 * vg__pipeline_fixes for a term made differently in two names).
 */
#ifndef VG_INDEX_PIPELINE_H
#define VG_INDEX_PIPELINE_H

#include "index/sorter.h"
#include "vigil/index.h"

#include <stddef.h>
#include <stdint.h>

typedef struct vg__pipeline vg__pipeline;

typedef struct {
	size_t budget;         /* bytes of results held in memory */
	const char *tmpdir;    /* where spill files go */
	unsigned threads;      /* cores to use in all, the pushing thread's included */
	const vg_index *reuse; /* a previous index whose analyses may be copied, or NULL */
	vg__sorter *derived;   /* receives the derived keys of new terms */
} vg__pipeline_options;

int vg__pipeline_new(vg__pipeline **out, const vg__pipeline_options *o);
/* Stops the workers and frees everything (results not read are lost). */
void vg__pipeline_free(vg__pipeline *p);

/* Queues one name of builder record `rec`: its text (the pool offset
 * `value` and the bytes), its vg_ix_name flags, the record's schema. */
int vg__pipeline_push(vg__pipeline *p, uint32_t rec, uint32_t value, uint32_t flags,
		      vg_schema schema, const char *text, size_t len);

/* Waits until every name pushed is analysed; returns the mark of this
 * point, for vg__pipeline_rollback (the builder marks before each input). */
int vg__pipeline_mark(vg__pipeline *p, uint64_t *mark);
/* Forgets every name pushed after `mark` (a failed input). */
int vg__pipeline_rollback(vg__pipeline *p, uint64_t mark);

/* Waits for every name and stops the workers; the results can then be
 * read.  A worker's failure (out of memory, a spill file error) is
 * returned here, with its message. */
int vg__pipeline_finish(vg__pipeline *p);

typedef struct {
	uint32_t rec, value, flags;
	int skipped;                /* no letters or digits: not indexed */
	const unsigned char *enc;   /* vg__name_encode bytes */
	size_t enc_len;
	const uint64_t *terms;      /* distinct term hashes */
	size_t n_terms;
} vg__analysed;

/* The next result in push order (pointers valid until the next call);
 * *done = 1 after the last. */
int vg__pipeline_next(vg__pipeline *p, vg__analysed *out, int *done);

/* After finish: analyses one name in the calling thread (the names of a
 * record several inputs delivered, known only once all are read). */
int vg__pipeline_now(vg__pipeline *p, vg__analysed *out, uint32_t rec, uint32_t value,
		     uint32_t flags, vg_schema schema, const char *text, size_t len);

/* A term can be made differently in two names (its token's groups,
 * phonetic key, skeleton or flags), and its derived keys with it.  The
 * index holds the keys of the making of the earliest name in push order,
 * as one thread reading in order finds them; with several threads, the
 * sorter holds the keys of the making first met, and these fix it up for
 * the terms where another making was earlier: their records in the
 * sorter are dropped (drop: term hashes, unsorted) and add's (key, term)
 * records, sorted, are merged in.  After finish and every
 * vg__pipeline_now; the arrays are the caller's to free. */
typedef struct {
	uint64_t *drop;
	size_t n_drop;
	vg__rec16 *add;
	size_t n_add;
} vg__derived_fix;
int vg__pipeline_fixes(vg__pipeline *p, vg__derived_fix *out);

/* After finish: how many names pushed had no letters or digits (results
 * with `skipped` set), counting those a rollback forgot. */
uint64_t vg__pipeline_skipped(const vg__pipeline *p);

/* Names analysed, and how many of them were copied from the previous
 * index; whether that index could be reused at all. */
void vg__pipeline_stats(const vg__pipeline *p, uint64_t *analysed, uint64_t *reused,
			int *reuse_ok);

/* Identifies how this vigil analyses names (vg_ix_meta.analysis). */
uint64_t vg__analysis_stamp(void);

#endif
