/*
 * record.c - recording a batch of screened subjects in one transaction:
 * the run's subjects (a few multi-row statements per batch, because most
 * subjects raise nothing) and, for each alerting (subject, entity) pair,
 * its alert, what an earlier decision makes of it, and its audit record.
 * See run.c for the rules.
 *
 * Invariant: a subject is recorded at most once per run.  Its row's
 * last_run decides it: the upsert of a chunk of subjects updates (and
 * returns) only those whose last_run is not this run; the others were
 * recorded before a crash (a resumed run) or repeat an id of the input.
 */
#include "cases/run.h"
#include "common/alloc.h"
#include "common/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const vg__sql S_SUBJECT_ROW = { "looking up a subject",
	"SELECT last_row FROM subjects WHERE ext_id = $1" };
static const vg__sql S_RUN_COUNT = { "counting the run's subjects",
	"UPDATE runs SET subjects = subjects + $2, duplicates = duplicates + $3 WHERE id = $1" };
static const vg__sql S_ALERT_FIND = { "reading an alert",
	"SELECT id, state, decision_id, changed FROM alerts"
	" WHERE subject_id = $1 AND entity_id = $2{FOR_UPDATE}" };
static const vg__sql S_ALERT_ADD = { "raising an alert",
	"INSERT INTO alerts (subject_id, entity_id, caption, schema, datasets, state, version,"
	" score, subject_hash, subject_attrs, entity_hash, entity_facts, result, outcome,"
	" first_run, last_run, created_at, updated_at)"
	" VALUES ($1, $2, $3, $4, $5, 'open', 1, $6, $7, $8, $9, $10, $11, 'new', $12, $12,"
	" $13, $13) RETURNING id" };
static const vg__sql S_ALERT_SEEN = { "updating an alert",
	"UPDATE alerts SET caption = $2, schema = $3, datasets = $4, state = $5,"
	" version = version + $6, score = $7, subject_hash = $8, subject_attrs = $9,"
	" entity_hash = $10, entity_facts = $11, result = $12, decision_id = $13,"
	" changed = $14, outcome = $15, last_run = $16, updated_at = $17 WHERE id = $1" };
static const vg__sql S_DECISION_GET = { "reading a decision",
	"SELECT verdict, needs_approval, approved_by, subject_hash, subject_attrs,"
	" entity_hash, entity_facts FROM decisions WHERE id = $1" };

/* ---- recording ------------------------------------------------------------ */

/* The verdict of a decision and what it was made on. */
typedef struct {
	char verdict[32];
	bool effective; /* not waiting for an approval */
} held;

static int datasets_of(vg_buf *b, const vg_index *ix, uint32_t ord)
{
	size_t n = vg_entity_dataset_count(ix, ord), i;
	int rc = 0;
	vg_buf_clear(b);
	for (i = 0; i < n; i++) {
		rc |= i ? vg_buf_puts(b, ",") : 0;
		rc |= vg_buf_puts(b, vg_entity_dataset(ix, ord, i));
	}
	if (!b->ptr)
		rc |= vg_buf_puts(b, "");
	return rc ? vg__error_oom() : 0;
}

int vg__run_audit_alert(vg_cases_run *run, const char *now, const char *action, int64_t alert,
		       const vg__pair *p, const char *changed)
{
	vg_buf d = VG_BUF_INIT;
	int rc = vg_buf_printf(&d, "{\"alert\": %lld, \"run\": %lld, \"subject\": ",
			       (long long)alert, (long long)run->id);
	rc |= vg_buf_put_json_string(&d, p->ext_id, strlen(p->ext_id));
	rc |= vg_buf_puts(&d, ", \"entity\": ");
	rc |= vg_buf_put_json_string(&d, p->entity, strlen(p->entity));
	rc |= vg_buf_printf(&d, ", \"score\": %.4f, \"subject_hash\": \"%s\", "
			    "\"entity_hash\": \"%s\"", p->score, p->shash, p->ehash);
	if (changed) {
		rc |= vg_buf_puts(&d, ", \"changed\": ");
		rc |= vg_buf_put_json_string(&d, changed, strlen(changed));
	}
	rc |= vg_buf_puts(&d, "}");
	rc = rc ? vg__error_oom() : vg__cases_audit(run->cs, now, run->actor, action, "alert",
						     d.ptr);
	vg_buf_dispose(&d);
	return rc;
}

/* Whether the decision still holds; when it does not, run->changed says
 * why. */
static int decision_holds(vg_cases_run *run, int64_t decision, const vg__pair *p, held *d,
			  bool *holds)
{
	vg__dbres *r = &run->res;
	vg__dbp prm[] = { VG__INT(decision) };
	int rc;
	vg_buf_clear(&run->changed);
	if ((rc = vg__db_run(run->cs->db, &S_DECISION_GET, prm, 1, r)) < 0)
		return rc;
	if (!r->rows)
		return vg__error_set(VG_EDATA, "%s: decision %lld is missing", run->cs->db->where,
				     (long long)decision);
	snprintf(d->verdict, sizeof(d->verdict), "%s", vg__dbres_get(r, 0, 0));
	d->effective = !vg__dbres_int(r, 0, 1) || vg__dbres_get(r, 0, 2);
	*holds = !strcmp(vg__dbres_get(r, 0, 3), p->shash) &&
		 !strcmp(vg__dbres_get(r, 0, 5), p->ehash);
	if (*holds)
		return 0;
	if ((rc = vg__cases_describe(&run->changed, "subject", vg__dbres_get(r, 0, 4),
				     p->sfacts)) < 0)
		return rc;
	if (run->changed.size && vg_buf_puts(&run->changed, " | ") < 0)
		return vg__error_oom();
	if ((rc = vg__cases_describe(&run->changed, "entity", vg__dbres_get(r, 0, 6),
				     p->efacts)) < 0)
		return rc;
	if (run->changed.size >= 3 && !strcmp(run->changed.ptr + run->changed.size - 3, " | ")) {
		run->changed.size -= 3;
		run->changed.ptr[run->changed.size] = '\0';
	}
	return 0;
}

static const char *outcome_of(const held *d)
{
	if (strcmp(d->verdict, "false_positive"))
		return "decided";
	return d->effective ? "suppressed" : "pending";
}

/* An alert seen before: what its decision makes of it now. */
static int alert_seen(vg_cases_run *run, const vg__pair *p, const char *now, int64_t *alert,
		      const char **outcome, const char **reopened)
{
	vg__dbres *r = &run->res;
	const char *state, *changed = NULL;
	int64_t decision, bump = 0;
	char st[16];
	held d;
	bool holds = true;
	int rc;
	*alert = vg__dbres_int(r, 0, 0);
	snprintf(st, sizeof(st), "%s", vg__dbres_get(r, 0, 1));
	decision = vg__dbres_int(r, 0, 2);
	if (vg__dbres_get(r, 0, 3)) {
		vg_buf_clear(&run->scratch);
		if (vg_buf_puts(&run->scratch, vg__dbres_get(r, 0, 3)) < 0)
			return vg__error_oom();
		changed = run->scratch.ptr;
	}
	state = st;
	*outcome = "open";
	if (!strcmp(st, "delisted")) {
		state = "open", *outcome = "reopened", bump = 1, decision = 0;
		changed = "entity: listed again after it was delisted";
	} else if (decision) {
		if ((rc = decision_holds(run, decision, p, &d, &holds)) < 0)
			return rc;
		if (holds) {
			*outcome = outcome_of(&d);
		} else {
			state = "open", *outcome = "reopened", bump = 1, decision = 0;
			changed = run->changed.ptr;
		}
	}
	{
		vg__dbp prm[] = { VG__INT(*alert), VG__TEXT(p->caption), VG__TEXT(p->schema),
				  VG__TEXT(p->datasets), VG__TEXT(state), VG__INT(bump),
				  VG__REAL(p->score), VG__TEXT(p->shash), VG__TEXT(p->sfacts),
				  VG__TEXT(p->ehash), VG__TEXT(p->efacts), VG__TEXT(p->result),
				  decision ? VG__INT(decision) : VG__TEXT(NULL), VG__TEXT(changed),
				  VG__TEXT(*outcome), VG__INT(run->id), VG__TEXT(now) };
		if ((rc = vg__db_run(run->cs->db, &S_ALERT_SEEN, prm, 17, NULL)) < 0)
			return rc;
	}
	*reopened = bump ? changed : NULL;
	if (!strcmp(*outcome, "reopened") || !strcmp(*outcome, "suppressed"))
		return vg__run_audit_alert(run, now, !strcmp(*outcome, "reopened") ? "alert.reopen" :
				   "alert.suppress", *alert, p, *reopened);
	return 0;
}

static int seen_add(vg_cases_run *run, int64_t alert, const char *outcome, double score,
		    const char *detail)
{
	vg__run_alert *a;
	if (vg__grow(&run->seen, &run->cap_seen, run->n_seen + 1, sizeof(*run->seen)))
		return VG_ENOMEM;
	a = &run->seen[run->n_seen];
	a->alert = alert;
	a->outcome = outcome;
	a->score = score;
	a->detail = SIZE_MAX;
	if (detail) {
		a->detail = run->seen_text.size;
		if (vg_buf_puts(&run->seen_text, detail) < 0 || vg_buf_put(&run->seen_text, "", 1) < 0)
			return vg__error_oom();
	}
	run->n_seen++;
	return 0;
}

#define SEEN_CHUNK 48

/* Cache keys of the multi-row INSERT, one per row count. */
static const char seen_keys[SEEN_CHUNK + 1];

/* Writes the run_alerts rows of the batch: $1 the run, $2 now, then
 * (alert, outcome, score, detail) each. */
static int seen_flush(vg_cases_run *run, const char *now)
{
	vg__dbp p[2 + 4 * SEEN_CHUNK];
	size_t from, i;
	int rc = 0;
	p[0] = VG__INT(run->id);
	p[1] = VG__TEXT(now);
	for (from = 0; from < run->n_seen && rc == 0; from += SEEN_CHUNK) {
		size_t n = run->n_seen - from < SEEN_CHUNK ? run->n_seen - from : SEEN_CHUNK;
		vg_buf_clear(&run->sql);
		rc = vg_buf_puts(&run->sql, "INSERT INTO run_alerts (run_id, alert_id, outcome, score,"
					    " detail, at) VALUES ") < 0;
		for (i = 0; i < n; i++) {
			const vg__run_alert *a = &run->seen[from + i];
			rc |= vg_buf_printf(&run->sql, "%s($1, $%zu, $%zu, $%zu, $%zu, $2)",
					    i ? ", " : "", 3 + 4 * i, 4 + 4 * i, 5 + 4 * i,
					    6 + 4 * i) < 0;
			p[2 + 4 * i] = VG__INT(a->alert);
			p[3 + 4 * i] = VG__TEXT(a->outcome);
			p[4 + 4 * i] = VG__REAL(a->score);
			p[5 + 4 * i] = VG__TEXT(a->detail == SIZE_MAX ? NULL :
						run->seen_text.ptr + a->detail);
		}
		rc = rc ? vg__error_oom() :
			  vg__db_run_keyed(run->cs->db, run->sql.ptr, &seen_keys[n], p, 2 + 4 * n, NULL);
	}
	run->n_seen = 0;
	vg_buf_clear(&run->seen_text);
	return rc;
}

static int record_pair(vg_cases_run *run, const vg__pair *p, const char *now)
{
	vg__dbres *r = &run->res;
	vg__dbp find[] = { VG__INT(p->subject), VG__TEXT(p->entity) };
	const char *outcome = "new", *reopened = NULL;
	int64_t alert;
	int rc;
	if ((rc = vg__db_run(run->cs->db, &S_ALERT_FIND, find, 2, r)) < 0)
		return rc;
	if (r->rows) {
		if ((rc = alert_seen(run, p, now, &alert, &outcome, &reopened)) < 0)
			return rc;
	} else {
		vg__dbp prm[] = { VG__INT(p->subject), VG__TEXT(p->entity), VG__TEXT(p->caption),
				  VG__TEXT(p->schema), VG__TEXT(p->datasets), VG__REAL(p->score),
				  VG__TEXT(p->shash), VG__TEXT(p->sfacts), VG__TEXT(p->ehash),
				  VG__TEXT(p->efacts), VG__TEXT(p->result), VG__INT(run->id),
				  VG__TEXT(now) };
		if ((rc = vg__db_run(run->cs->db, &S_ALERT_ADD, prm, 13, r)) < 0)
			return rc;
		alert = vg__dbres_int(r, 0, 0);
		if ((rc = vg__run_audit_alert(run, now, "alert.new", alert, p, NULL)) < 0)
			return rc;
	}
	return seen_add(run, alert, outcome, p->score, reopened);
}

/* ---- subjects, a chunk at a time --------------------------------------- */

#define CHUNK 64

/* Cache keys of the chunk statement, one per row count. */
static const char chunk_keys[CHUNK + 1];

/* Marks in `take` the subjects of the chunk whose id does not repeat an
 * earlier one of the chunk (one statement may not upsert a row twice). */
static size_t distinct(const vg_cases_batch *b, size_t from, size_t n, bool *take)
{
	size_t i, j, k = 0;
	for (i = 0; i < n; i++) {
		take[i] = true;
		for (j = 0; j < i && take[i]; j++)
			if (take[j] && !strcmp(vg__batch_str(b, b->subj[from + i].id),
					       vg__batch_str(b, b->subj[from + j].id)))
				take[i] = false;
		k += take[i];
	}
	return k;
}

/* Upserts the subjects marked in `take` unless the run recorded them
 * already: $1 now, $2 the run, then (ext_id, attrs, hash, row) each.  The
 * rows it returns are the subjects new to the run. */
static int chunk_upsert(vg_cases_run *run, const vg_cases_batch *b, size_t from, size_t n,
			const bool *take, size_t k, const char *now, vg__dbp *p)
{
	size_t i, j = 0;
	int rc = 0;
	vg_buf_clear(&run->sql);
	rc |= vg_buf_puts(&run->sql, "INSERT INTO subjects (ext_id, attrs, attrs_hash, first_seen,"
				     " updated_at, last_run, last_row) VALUES ");
	p[0] = VG__TEXT(now);
	p[1] = VG__INT(run->id);
	for (i = 0; i < n; i++) {
		const vg__batch_subject *s = &b->subj[from + i];
		if (!take[i])
			continue;
		rc |= vg_buf_printf(&run->sql, "%s($%zu, $%zu, $%zu, $1, $1, $2, $%zu)",
				    j ? ", " : "", 3 + 4 * j, 4 + 4 * j, 5 + 4 * j, 6 + 4 * j);
		p[2 + 4 * j] = VG__TEXT(vg__batch_str(b, s->id));
		p[3 + 4 * j] = VG__TEXT(vg__batch_str(b, s->facts));
		p[4 + 4 * j] = VG__TEXT(s->hash);
		p[5 + 4 * j] = VG__INT(s->row);
		j++;
	}
	rc |= vg_buf_puts(&run->sql, " ON CONFLICT (ext_id) DO UPDATE SET attrs = excluded.attrs,"
				     " attrs_hash = excluded.attrs_hash, last_run = excluded.last_run,"
				     " last_row = excluded.last_row,"
				     " updated_at = CASE WHEN subjects.attrs_hash = excluded.attrs_hash"
				     " THEN subjects.updated_at ELSE excluded.updated_at END"
				     " WHERE subjects.last_run <> excluded.last_run RETURNING id, ext_id");
	if (rc)
		return vg__error_oom();
	return vg__db_run_keyed(run->cs->db, run->sql.ptr, &chunk_keys[k], p, 2 + 4 * k,
				&run->res);
}

/* Which subjects of the chunk are new to the run (ids[i] > 0), counting
 * those that repeat an id of the input.  A resumed run meets the rows it
 * recorded before its crash again: those are not repeats. */
static int chunk_subjects(vg_cases_run *run, const vg_cases_batch *b, size_t from, size_t n,
			  int64_t *ids, size_t *dup, const char *now, vg__dbp *p)
{
	bool take[CHUNK];
	size_t i, j, k = distinct(b, from, n, take);
	int rc;
	for (i = 0; i < n; i++)
		ids[i] = 0;
	if ((rc = chunk_upsert(run, b, from, n, take, k, now, p)) < 0)
		return rc;
	for (j = 0; j < run->res.rows; j++)
		for (i = 0; i < n; i++)
			if (take[i] && !ids[i] && !strcmp(vg__dbres_get(&run->res, j, 1),
							  vg__batch_str(b, b->subj[from + i].id))) {
				ids[i] = vg__dbres_int(&run->res, j, 0);
				break;
			}
	for (i = 0; i < n; i++) {
		const vg__batch_subject *s = &b->subj[from + i];
		vg__dbp q[] = { VG__TEXT(vg__batch_str(b, s->id)) };
		if (ids[i])
			continue;
		if (!run->resumed || !take[i]) {
			(*dup)++;
			continue;
		}
		if ((rc = vg__db_run(run->cs->db, &S_SUBJECT_ROW, q, 1, &run->res)) < 0)
			return rc;
		*dup += run->res.rows && (size_t)vg__dbres_int(&run->res, 0, 0) != s->row;
	}
	return 0;
}

static int record_hits(vg_cases_run *run, const vg_cases_batch *b, const vg__batch_subject *s,
		       int64_t subject, const char *now)
{
	vg__pair p;
	size_t i;
	int rc = 0;
	memset(&p, 0, sizeof(p));
	p.subject = subject;
	p.ext_id = vg__batch_str(b, s->id);
	p.sfacts = vg__batch_str(b, s->facts);
	p.shash = s->hash;
	for (i = 0; i < s->n_hits && rc == 0; i++) {
		const vg__batch_hit *h = &b->hits[s->first_hit + i];
		p.entity = vg_index_entity_id(run->ix, h->ordinal);
		p.caption = vg_entity_caption(run->ix, h->ordinal);
		p.schema = vg_entity_schema(run->ix, h->ordinal);
		if ((rc = datasets_of(&run->datasets, run->ix, h->ordinal)) < 0)
			break;
		p.datasets = run->datasets.ptr;
		p.result = vg__batch_str(b, h->result);
		p.efacts = vg__batch_str(b, h->facts);
		p.ehash = h->hash;
		/* stored as shown: four decimals */
		p.score = (double)(long long)(h->score * 10000.0 + 0.5) / 10000.0;
		rc = record_pair(run, &p, now);
	}
	return rc;
}

static int record_chunk(vg_cases_run *run, const vg_cases_batch *b, size_t from, size_t n,
			const char *now, size_t *fresh, size_t *dup, vg__dbp *p)
{
	int64_t ids[CHUNK];
	size_t i;
	int rc;
	if ((rc = chunk_subjects(run, b, from, n, ids, dup, now, p)) < 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++) {
		*fresh += ids[i] != 0;
		if (ids[i] && b->subj[from + i].n_hits)
			rc = record_hits(run, b, &b->subj[from + i], ids[i], now);
	}
	return rc;
}

int vg_cases_run_record(vg_cases_run *run, const vg_cases_batch *b)
{
	vg__dbp p[2 + 4 * CHUNK];
	vg_cases *cs;
	char now[32];
	size_t i, fresh = 0, dup = 0;
	int rc;
	if (!run || !b)
		return vg__error_set(VG_EUSAGE, "vg_cases_run_record: NULL argument");
	if (!b->n_subj)
		return 0;
	if (b->ix && b->ix != run->ix)
		return vg__error_set(VG_EUSAGE, "vg_cases_run_record: the batch was screened "
				     "against another index than the run's");
	cs = run->cs;
	vg__cases_now(now);
	run->n_seen = 0;
	vg_buf_clear(&run->seen_text);
	pthread_mutex_lock(&cs->mu);
	if ((rc = vg__cases_begin(cs, false)) == 0) {
		for (i = 0; i < b->n_subj && rc == 0; i += CHUNK)
			rc = record_chunk(run, b, i, b->n_subj - i < CHUNK ? b->n_subj - i : CHUNK,
					  now, &fresh, &dup, p);
		if (rc == 0)
			rc = seen_flush(run, now);
		if (rc == 0 && (fresh || dup)) {
			/* counted with the batch, so a resumed run goes on counting */
			vg__dbp q[] = { VG__INT(run->id), VG__INT(fresh), VG__INT(dup) };
			rc = vg__db_run(cs->db, &S_RUN_COUNT, q, 3, NULL);
		}
		if (rc < 0)
			vg__cases_rollback(cs);
		else
			rc = vg__cases_commit(cs);
	}
	pthread_mutex_unlock(&cs->mu);
	return rc;
}
