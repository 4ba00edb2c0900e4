/*
 * run.c - recording a screening run: its subjects, the alerts they raise,
 * and what earlier decisions make of those alerts.
 *
 * For each alerting (subject, entity) pair of a batch:
 *   - no alert yet                      -> a new alert, "open";
 *   - an alert waiting for a decision   -> stays "open" (outcome "open");
 *   - a decision, and neither the subject's facts nor the entity's changed
 *     since it was made                 -> the decision holds: "suppressed"
 *     for a false positive (approved, if it needed approval), "pending"
 *     for one awaiting approval, "decided" for a match or an escalation;
 *   - a decision, and something changed -> re-opened, "changed since
 *     decision" with what changed (vg__cases_describe);
 *   - an alert closed as delisted       -> re-opened: listed again.
 * vg_cases_run_finish then closes the alerts of every entity that left a
 * list the index carries ("delisted").
 *
 * Invariants: a batch is one transaction; a subject is recorded at most
 * once per run (subjects.last_run), so a resumed run (same input, index and
 * threshold, after a crash) records only what the crash lost and never
 * duplicates an alert; the run stays "incomplete" until finished.
 */
#include "cases/cases_internal.h"
#include "cases/run.h"
#include "common/alloc.h"
#include "common/error.h"
#include "index/index_internal.h"
#include "update/sha256.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>


static const vg__sql S_RUN_FIND = { "looking for an incomplete run",
	"SELECT id FROM runs WHERE resume_key = $1 AND status = 'incomplete'"
	" ORDER BY id DESC LIMIT 1" };
static const vg__sql S_RUN_RESUME = { "resuming a run",
	"UPDATE runs SET resumed = resumed + 1 WHERE id = $1" };
static const vg__sql S_RUN_ADD = { "starting a run",
	"INSERT INTO runs (status, started_at, actor, input, input_digest, resume_key,"
	" index_checksum, sources, threshold, algorithm)"
	" VALUES ('incomplete', $1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id" };

/* ---- starting ------------------------------------------------------------- */

/* The index's identity: the hash of its section table, which covers the
 * hash of every section (read from the header: the one thing of the index
 * the case store takes from its layout, format.h). */
static void index_checksum(char out[17], const vg_index *ix)
{
	const vg_ix_header *h = (const vg_ix_header *)ix->data;
	snprintf(out, 17, "%016llx", (unsigned long long)h->table_hash);
}

static int sources_json(vg_buf *b, const vg_index *ix)
{
	vg_source_info s;
	size_t i, n = vg_index_source_count(ix);
	int rc = vg_buf_puts(b, "[");
	for (i = 0; i < n && vg_index_source(&s, ix, i) == 0; i++) {
		rc |= vg_buf_puts(b, i ? ", {\"name\": " : "{\"name\": ");
		rc |= vg_buf_put_json_string(b, s.name, strlen(s.name));
		rc |= vg_buf_puts(b, ", \"version\": ");
		rc |= vg_buf_put_json_string(b, s.version, strlen(s.version));
		rc |= vg_buf_puts(b, ", \"as_of\": ");
		rc |= vg_buf_put_json_string(b, s.as_of, strlen(s.as_of));
		rc |= vg_buf_printf(b, ", \"entities\": %zu}", s.entities);
	}
	rc |= vg_buf_puts(b, "]");
	return rc ? vg__error_oom() : 0;
}

/* What identifies a run to resume: the same input, index and threshold. */
static void resume_key(char out[65], const char *digest, const char *checksum, double t)
{
	vg__sha256 h;
	char s[32];
	snprintf(s, sizeof(s), "\n%.4f", t);
	vg__sha256_init(&h);
	vg__sha256_update(&h, digest, strlen(digest));
	vg__sha256_update(&h, "\n", 1);
	vg__sha256_update(&h, checksum, strlen(checksum));
	vg__sha256_update(&h, s, strlen(s));
	vg__sha256_final_hex(&h, out);
}

static int run_start(vg_cases_run *run, const vg_cases_run_options *o, double t,
		     const char *now)
{
	vg_cases *cs = run->cs;
	char checksum[17], key[65], algo[64];
	vg_buf sources = VG_BUF_INIT, detail = VG_BUF_INIT;
	int rc;
	index_checksum(checksum, run->ix);
	snprintf(algo, sizeof(algo), "vigil %s, index format %u", VG_VERSION_STRING, VG_IX_VERSION);
	if (o->input_digest)
		resume_key(key, o->input_digest, checksum, t);
	if ((rc = sources_json(&sources, run->ix)) < 0)
		goto done;
	if (o->input_digest) {
		vg__dbp p[] = { VG__TEXT(key) };
		if ((rc = vg__db_run(cs->db, &S_RUN_FIND, p, 1, &run->res)) < 0)
			goto done;
		if (run->res.rows) {
			vg__dbp q[] = { VG__INT(vg__dbres_int(&run->res, 0, 0)) };
			run->id = q[0].i;
			run->resumed = true;
			if ((rc = vg__db_run(cs->db, &S_RUN_RESUME, q, 1, NULL)) < 0)
				goto done;
		}
	}
	if (!run->resumed) {
		vg__dbp p[] = { VG__TEXT(now), VG__TEXT(o->actor), VG__TEXT(o->input ? o->input : "-"),
				VG__TEXT(o->input_digest), VG__TEXT(o->input_digest ? key : NULL),
				VG__TEXT(checksum), VG__TEXT(sources.ptr), VG__REAL(t), VG__TEXT(algo) };
		if ((rc = vg__db_run(cs->db, &S_RUN_ADD, p, 9, &run->res)) < 0)
			goto done;
		run->id = vg__dbres_int(&run->res, 0, 0);
	}
	rc = vg_buf_printf(&detail, "{\"run\": %lld, \"input\": ", (long long)run->id);
	rc |= vg_buf_put_json_string(&detail, o->input ? o->input : "-", strlen(o->input ? o->input : "-"));
	rc |= vg_buf_printf(&detail, ", \"input_digest\": \"%s\", \"index_checksum\": \"%s\", "
			    "\"threshold\": %.4f, \"algorithm\": \"%s\", \"sources\": %s}",
			    o->input_digest ? o->input_digest : "", checksum, t, algo, sources.ptr);
	if (rc)
		rc = vg__error_oom();
	else
		rc = vg__cases_audit(cs, now, o->actor, run->resumed ? "run.resume" : "run.start",
				     "run", detail.ptr);
done:
	vg_buf_dispose(&sources);
	vg_buf_dispose(&detail);
	return rc;
}

int vg_cases_run_begin(vg_cases_run **out, vg_cases *cs, const vg_index *ix,
		       const vg_cases_run_options *o)
{
	vg_cases_run *run;
	vg_cases_run_options opts;
	char now[32], digest[65];
	struct stat st;
	double t;
	int rc;
	if (!out || !cs || !ix || !o || !o->actor || !*o->actor)
		return vg__error_set(VG_EUSAGE, "vg_cases_run_begin: the store, the index and an "
				     "actor are required");
	*out = NULL;
	if (o->version < 1 || o->version > VG_CASES_RUN_OPTIONS_VERSION)
		return vg__error_set(VG_EUSAGE, "vg_cases_run_begin: options version %u unknown",
				     o->version);
	if (!(run = vg__calloc(1, sizeof(*run))) || !(run->actor = vg__strdup(o->actor))) {
		free(run);
		return vg__error_oom();
	}
	run->cs = cs;
	run->ix = ix;
	t = o->threshold >= 0 ? o->threshold : vg_match_threshold();
	opts = *o;
	if (!opts.input_digest && opts.input && strcmp(opts.input, "-") &&
	    stat(opts.input, &st) == 0 && S_ISREG(st.st_mode)) {
		if ((rc = vg__sha256_file(digest, opts.input)) < 0) {
			vg_cases_run_free(run);
			return rc;
		}
		opts.input_digest = digest;
	}
	o = &opts;
	vg__cases_now(now);
	pthread_mutex_lock(&cs->mu);
	if ((rc = vg__cases_begin(cs, false)) == 0) {
		if ((rc = run_start(run, o, t, now)) < 0)
			vg__cases_rollback(cs);
		else
			rc = vg__cases_commit(cs);
	}
	pthread_mutex_unlock(&cs->mu);
	if (rc < 0) {
		vg_cases_run_free(run);
		return rc;
	}
	*out = run;
	return 0;
}

int64_t vg_cases_run_id(const vg_cases_run *run)
{
	return run ? run->id : 0;
}

bool vg_cases_run_resumed(const vg_cases_run *run)
{
	return run && run->resumed;
}

void vg_cases_run_free(vg_cases_run *run)
{
	if (!run)
		return;
	vg_buf_dispose(&run->scratch);
	vg_buf_dispose(&run->changed);
	vg_buf_dispose(&run->datasets);
	vg_buf_dispose(&run->sql);
	vg_buf_dispose(&run->seen_text);
	free(run->seen);
	vg__dbres_dispose(&run->res);
	free(run->actor);
	free(run);
}

/* ---- finishing ------------------------------------------------------------ */

const vg__sql vg__S_RUN_ALERT = { "recording an alert of the run",
	"INSERT INTO run_alerts (run_id, alert_id, outcome, score, detail, at)"
	" VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (run_id, alert_id) DO NOTHING" };

static const vg__sql S_LISTED = { "reading the listed entities of open alerts",
	"SELECT DISTINCT entity_id, datasets FROM alerts WHERE state <> 'delisted'" };
static const vg__sql S_DELIST_FIND = { "reading the alerts of a delisted entity",
	"SELECT a.id, a.score, s.ext_id, a.subject_hash, a.entity_hash FROM alerts a"
	" JOIN subjects s ON s.id = a.subject_id"
	" WHERE a.entity_id = $1 AND a.state <> 'delisted' ORDER BY a.id" };
static const vg__sql S_DELIST = { "closing a delisted alert",
	"UPDATE alerts SET state = 'delisted', version = version + 1, outcome = 'delisted',"
	" last_run = $2, updated_at = $3 WHERE id = $1" };
static const vg__sql S_RUN_COUNTS = { "counting the run's alerts",
	"SELECT outcome, count(*) FROM run_alerts WHERE run_id = $1 GROUP BY outcome" };
static const vg__sql S_RUN_SUBJECTS = { "counting the run's subjects",
	"SELECT subjects, duplicates FROM runs WHERE id = $1" };
static const vg__sql S_RUN_DONE = { "finishing a run",
	"UPDATE runs SET status = 'complete', finished_at = $2, subjects = $3, duplicates = $4,"
	" alerts = $5, new_alerts = $6, suppressed = $7, reopened = $8, delisted = $9"
	" WHERE id = $1" };

/* Whether one of the comma-separated datasets is a source of the index:
 * only then does the entity's absence mean it left the list. */
static bool list_screened(const vg_index *ix, const char *datasets)
{
	size_t i, n = vg_index_source_count(ix);
	vg_source_info s;
	const char *p = datasets;
	while (p && *p) {
		size_t len = strcspn(p, ",");
		for (i = 0; i < n; i++)
			if (vg_index_source(&s, ix, i) == 0 && strlen(s.name) == len &&
			    !memcmp(s.name, p, len))
				return true;
		p += len + (p[len] == ',');
	}
	return false;
}

static int delist_entity(vg_cases_run *run, const char *entity, const char *now, size_t *n)
{
	vg__dbres r = VG__DBRES_INIT;
	vg__dbp find[] = { VG__TEXT(entity) };
	size_t i;
	int rc = vg__db_run(run->cs->db, &S_DELIST_FIND, find, 1, &r);
	for (i = 0; rc == 0 && i < r.rows; i++) {
		int64_t id = vg__dbres_int(&r, i, 0);
		vg__pair p;
		vg__dbp up[] = { VG__INT(id), VG__INT(run->id), VG__TEXT(now) };
		vg__dbp ra[] = { VG__INT(run->id), VG__INT(id), VG__TEXT("delisted"),
				 VG__REAL(vg__dbres_real(&r, i, 1)),
				 VG__TEXT("entity: no longer on its list"), VG__TEXT(now) };
		memset(&p, 0, sizeof(p));
		p.ext_id = vg__dbres_get(&r, i, 2);
		p.entity = entity;
		p.score = vg__dbres_real(&r, i, 1);
		p.shash = vg__dbres_get(&r, i, 3);
		p.ehash = vg__dbres_get(&r, i, 4);
		if ((rc = vg__db_run(run->cs->db, &S_DELIST, up, 3, NULL)) < 0 ||
		    (rc = vg__db_run(run->cs->db, &vg__S_RUN_ALERT, ra, 6, NULL)) < 0 ||
		    (rc = vg__run_audit_alert(run, now, "alert.delist", id, &p,
				      "entity: no longer on its list")) < 0)
			break;
		(*n)++;
	}
	vg__dbres_dispose(&r);
	return rc;
}

static int delist(vg_cases_run *run, const char *now)
{
	vg__dbres listed = VG__DBRES_INIT;
	size_t i, n = 0;
	int rc = vg__db_run(run->cs->db, &S_LISTED, NULL, 0, &listed);
	for (i = 0; rc == 0 && i < listed.rows; i++) {
		const char *id = vg__dbres_get(&listed, i, 0);
		uint32_t ord;
		if (vg_index_lookup(&ord, run->ix, id) == 0 ||
		    !list_screened(run->ix, vg__dbres_get(&listed, i, 1)))
			continue;
		rc = delist_entity(run, id, now, &n);
	}
	if (rc == 0)
		vg_error_clear(); /* lookups that found nothing are not errors */
	vg__dbres_dispose(&listed);
	return rc;
}

static void count_outcome(vg_cases_run_summary *s, const char *outcome, size_t n)
{
	static const struct {
		const char *name;
		size_t offset;
	} fields[] = {
		{ "new", offsetof(vg_cases_run_summary, new_alerts) },
		{ "open", offsetof(vg_cases_run_summary, open) },
		{ "suppressed", offsetof(vg_cases_run_summary, suppressed) },
		{ "pending", offsetof(vg_cases_run_summary, pending) },
		{ "decided", offsetof(vg_cases_run_summary, decided) },
		{ "reopened", offsetof(vg_cases_run_summary, reopened) },
		{ "delisted", offsetof(vg_cases_run_summary, delisted) },
	};
	size_t i;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (!strcmp(outcome, fields[i].name))
			*(size_t *)((char *)s + fields[i].offset) += n;
	if (strcmp(outcome, "delisted"))
		s->alerts += n;
}

static int summarise(vg_cases_run *run, vg_cases_run_summary *s)
{
	vg__dbres *r = &run->res;
	vg__dbp p[] = { VG__INT(run->id) };
	size_t i;
	int rc;
	memset(s, 0, sizeof(*s));
	s->run = run->id;
	s->resumed = run->resumed;
	if ((rc = vg__db_run(run->cs->db, &S_RUN_COUNTS, p, 1, r)) < 0)
		return rc;
	for (i = 0; i < r->rows; i++)
		count_outcome(s, vg__dbres_get(r, i, 0), (size_t)vg__dbres_int(r, i, 1));
	if ((rc = vg__db_run(run->cs->db, &S_RUN_SUBJECTS, p, 1, r)) < 0)
		return rc;
	s->subjects = (size_t)vg__dbres_int(r, 0, 0);
	s->duplicates = (size_t)vg__dbres_int(r, 0, 1);
	return 0;
}

static int run_done(vg_cases_run *run, vg_cases_run_summary *s, const char *now)
{
	vg_buf d = VG_BUF_INIT;
	int rc;
	if ((rc = delist(run, now)) < 0 || (rc = summarise(run, s)) < 0)
		return rc;
	{
		vg__dbp p[] = { VG__INT(run->id), VG__TEXT(now), VG__INT(s->subjects),
				VG__INT(s->duplicates), VG__INT(s->alerts), VG__INT(s->new_alerts),
				VG__INT(s->suppressed), VG__INT(s->reopened), VG__INT(s->delisted) };
		if ((rc = vg__db_run(run->cs->db, &S_RUN_DONE, p, 9, NULL)) < 0)
			return rc;
	}
	if (vg_buf_printf(&d, "{\"run\": %lld, \"subjects\": %zu, \"duplicates\": %zu, "
			  "\"alerts\": %zu, \"new\": %zu, \"open\": %zu, \"suppressed\": %zu, "
			  "\"pending\": %zu, \"decided\": %zu, \"reopened\": %zu, \"delisted\": %zu}",
			  (long long)run->id, s->subjects, s->duplicates, s->alerts, s->new_alerts,
			  s->open, s->suppressed, s->pending, s->decided, s->reopened,
			  s->delisted) < 0)
		rc = vg__error_oom();
	else
		rc = vg__cases_audit(run->cs, now, run->actor, "run.finish", "run", d.ptr);
	vg_buf_dispose(&d);
	return rc;
}

int vg_cases_run_finish(vg_cases_run *run, vg_cases_run_summary *summary)
{
	vg_cases_run_summary s;
	char now[32];
	int rc;
	if (!run)
		return vg__error_set(VG_EUSAGE, "vg_cases_run_finish: NULL argument");
	vg__cases_now(now);
	pthread_mutex_lock(&run->cs->mu);
	if ((rc = vg__cases_begin(run->cs, true)) == 0) {
		if ((rc = run_done(run, &s, now)) < 0)
			vg__cases_rollback(run->cs);
		else
			rc = vg__cases_commit(run->cs);
	}
	pthread_mutex_unlock(&run->cs->mu);
	if (rc == 0 && summary)
		*summary = s;
	return rc;
}
