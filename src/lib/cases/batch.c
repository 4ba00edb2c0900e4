/*
 * batch.c - screened subjects on their way from the worker threads that
 * match them to the one thread that records them (vg_cases_run_record).
 *
 * Invariant: a batch owns copies of everything it holds, in one text
 * buffer addressed by offsets (so growing it moves nothing that matters),
 * and a failed vg_cases_batch_screen leaves the batch as it was.  The
 * expensive parts of recording that need no database (canonical facts and
 * hashes of subjects and alerting entities) happen here, in parallel.
 */
#include "cases/cases_internal.h"
#include "cases/batch.h"
#include "common/alloc.h"
#include "common/error.h"
#include "match/match_internal.h"

#include <stdlib.h>
#include <string.h>

int vg_cases_batch_new(vg_cases_batch **out)
{
	if (!out)
		return vg__error_set(VG_EUSAGE, "vg_cases_batch_new: NULL argument");
	if (!(*out = vg__calloc(1, sizeof(**out))))
		return vg__error_oom();
	return 0;
}

void vg_cases_batch_free(vg_cases_batch *b)
{
	if (!b)
		return;
	vg_buf_dispose(&b->text);
	vg_buf_dispose(&b->scratch);
	free(b->subj);
	free(b->hits);
	free(b->found);
	free(b);
}

void vg_cases_batch_clear(vg_cases_batch *b)
{
	if (!b)
		return;
	vg_buf_clear(&b->text);
	b->n_subj = b->n_hits = 0;
	b->ix = NULL;
}

size_t vg_cases_batch_count(const vg_cases_batch *b)
{
	return b ? b->n_subj : 0;
}

const char *vg__batch_str(const vg_cases_batch *b, size_t off)
{
	return b->text.ptr + off;
}

/* Appends s and a NUL to the text; *off receives where it starts. */
static int put_text(vg_cases_batch *b, size_t *off, const char *s, size_t len)
{
	*off = b->text.size;
	if (vg_buf_put(&b->text, s, len) < 0 || vg_buf_put(&b->text, "", 1) < 0)
		return vg__error_oom();
	return 0;
}

/* The alerting results of the match just made, with their entities' facts. */
static int add_hits(vg_cases_batch *b, const vg_index *ix, const vg_buf *out, size_t n)
{
	size_t i;
	int rc;
	for (i = 0; i < n; i++) {
		vg__batch_hit *h;
		const vg__match_hit *f = &b->found[i];
		if (!f->match)
			continue;
		if ((rc = vg__grow(&b->hits, &b->cap_hits, b->n_hits + 1, sizeof(*b->hits))) < 0)
			return rc;
		h = &b->hits[b->n_hits];
		h->ordinal = f->ordinal;
		h->score = f->score;
		if ((rc = put_text(b, &h->result, out->ptr + f->start, f->len)) < 0)
			return rc;
		vg_buf_clear(&b->scratch);
		if ((rc = vg__cases_entity_facts(&b->scratch, h->hash, ix, f->ordinal)) < 0 ||
		    (rc = put_text(b, &h->facts, b->scratch.ptr, b->scratch.size)) < 0)
			return rc;
		b->n_hits++;
	}
	return 0;
}

int vg_cases_batch_screen(vg_cases_batch *b, size_t row, const char *subject_id,
			  const vg_cases_attr *attrs, size_t n_attrs, vg_matcher *m,
			  const vg_query *q, const vg_match_options *o, vg_buf *out)
{
	size_t text_mark, hits_mark, out_mark, n = 0, cap;
	vg__batch_subject *s;
	int rc;
	if (!b || !subject_id || !m || !q || !out)
		return vg__error_set(VG_EUSAGE, "vg_cases_batch_screen: NULL argument");
	if (!*subject_id)
		return vg__error_set(VG_EUSAGE, "id: the case store needs an id for every subject");
	if (b->ix && b->ix != m->ix)
		return vg__error_set(VG_EUSAGE, "vg_cases_batch_screen: one batch, one index");
	cap = o ? o->limit : 5;
	if ((rc = vg__grow(&b->found, &b->cap_found, cap ? cap : 1, sizeof(*b->found))) < 0 ||
	    (rc = vg__grow(&b->subj, &b->cap_subj, b->n_subj + 1, sizeof(*b->subj))) < 0)
		return rc;
	text_mark = b->text.size;
	hits_mark = b->n_hits;
	out_mark = out->size;
	rc = vg__match_json_hits(&n, b->found, cap, m, q, o, out);
	b->ix = m->ix;
	s = &b->subj[b->n_subj];
	s->row = row;
	s->first_hit = b->n_hits;
	if (rc == 0 && (rc = put_text(b, &s->id, subject_id, strlen(subject_id))) == 0) {
		vg_buf_clear(&b->scratch);
		if ((rc = vg__cases_subject_facts(&b->scratch, s->hash, attrs, n_attrs)) == 0 &&
		    (rc = put_text(b, &s->facts, b->scratch.ptr, b->scratch.size)) == 0)
			rc = add_hits(b, m->ix, out, n < cap ? n : cap);
	}
	if (rc < 0) {
		b->text.size = text_mark;
		if (b->text.ptr)
			b->text.ptr[text_mark] = '\0';
		b->n_hits = hits_mark;
		out->size = out_mark;
		if (out->ptr)
			out->ptr[out_mark] = '\0';
		return rc;
	}
	s->n_hits = b->n_hits - s->first_hit;
	b->n_subj++;
	return 0;
}
