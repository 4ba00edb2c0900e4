/*
 * batch.h - the inside of a vg_cases_batch, for run.c (internal).
 */
#ifndef VG_CASES_BATCH_H
#define VG_CASES_BATCH_H

#include "vigil/cases.h"
#include "match/match_internal.h"

typedef struct {
	size_t id, facts;  /* offsets into text: subject id, canonical facts */
	char hash[65];     /* of the facts */
	size_t row;        /* in the input, 1-based */
	size_t first_hit, n_hits;
} vg__batch_subject;

typedef struct {
	uint32_t ordinal;
	double score;
	size_t result, facts; /* offsets into text: RESULT object, entity facts */
	char hash[65];        /* of the entity facts */
} vg__batch_hit;

struct vg_cases_batch {
	vg_buf text;
	vg__batch_subject *subj;
	size_t n_subj, cap_subj;
	vg__batch_hit *hits;
	size_t n_hits, cap_hits;
	const vg_index *ix;     /* the index the subjects were matched on */
	vg__match_hit *found;   /* scratch: the results of one match */
	size_t cap_found;
	vg_buf scratch;
};

/* The NUL-terminated string at `off` in the batch's text. */
const char *vg__batch_str(const vg_cases_batch *b, size_t off);

#endif
