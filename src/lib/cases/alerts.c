/*
 * alerts.c - reading alerts (the review queue, one alert with its
 * history), recording decisions and approvals, and the JSON and CSV views
 * of alerts and runs.
 *
 * Concurrency: a decision names the alert version the analyst saw.  The
 * decision's transaction reads the alert under a lock (FOR UPDATE, or
 * SQLite's write lock) and refuses with VG_ECONFLICT when the version
 * moved: two analysts deciding the same alert at once get one decision
 * and one conflict, never a silent overwrite.  A run that re-opens or
 * delists an alert moves its version too, so a decision taken on what the
 * analyst saw before that conflicts as well.
 */
#include "cases/cases_internal.h"
#include "common/alloc.h"
#include "common/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const verdict_names[] = { "", "match", "false_positive", "escalate" };

const char *vg_verdict_name(vg_verdict v)
{
	return (unsigned)v < sizeof(verdict_names) / sizeof(verdict_names[0]) ?
		       verdict_names[v] : "";
}

vg_verdict vg_verdict_from_name(const char *name)
{
	if (!name)
		return VG_VERDICT_NONE;
	if (!strcmp(name, "match"))
		return VG_VERDICT_MATCH;
	if (!strcmp(name, "false_positive") || !strcmp(name, "false-positive") ||
	    !strcmp(name, "fp"))
		return VG_VERDICT_FALSE_POSITIVE;
	if (!strcmp(name, "escalate"))
		return VG_VERDICT_ESCALATE;
	return VG_VERDICT_NONE;
}

/* ---- lists ------------------------------------------------------------- */

struct vg_cases_list {
	vg__dbres rows;        /* alerts, columns as in LIST_COLUMNS */
	vg__dbres history;     /* events, for vg_cases_alert_get */
	vg_cases_alert *alerts;
	vg_cases_event *events;
	size_t n_alerts, n_events, total;
	bool details;
};

#define LIST_COLUMNS                                                                   \
	"a.id, a.version, a.state, s.ext_id, a.entity_id, a.caption, a.schema,"        \
	" a.datasets, a.score, a.changed, a.outcome, a.first_run, a.last_run,"         \
	" a.created_at, a.updated_at, d.id, d.verdict, d.analyst, d.reason,"           \
	" d.decided_at, d.approved_by, d.approved_at, d.needs_approval"
#define DETAIL_COLUMNS ", a.result, a.subject_attrs, a.entity_facts"
#define LIST_FROM                                                                      \
	" FROM alerts a JOIN subjects s ON s.id = a.subject_id"                        \
	" LEFT JOIN decisions d ON d.id = a.decision_id"

static void fill_alert(vg_cases_alert *a, const vg__dbres *r, size_t i, bool details)
{
	const char *verdict = vg__dbres_get(r, i, 16);
	memset(a, 0, sizeof(*a));
	a->id = vg__dbres_int(r, i, 0);
	a->version = vg__dbres_int(r, i, 1);
	a->state = vg__dbres_get(r, i, 2);
	a->subject = vg__dbres_get(r, i, 3);
	a->entity = vg__dbres_get(r, i, 4);
	a->caption = vg__dbres_get(r, i, 5);
	a->schema = vg__dbres_get(r, i, 6);
	a->datasets = vg__dbres_get(r, i, 7);
	a->score = vg__dbres_real(r, i, 8);
	a->changed = vg__dbres_get(r, i, 9);
	a->outcome = vg__dbres_get(r, i, 10);
	a->first_run = vg__dbres_int(r, i, 11);
	a->last_run = vg__dbres_int(r, i, 12);
	a->created_at = vg__dbres_get(r, i, 13);
	a->updated_at = vg__dbres_get(r, i, 14);
	a->decision = vg__dbres_int(r, i, 15);
	a->verdict = vg_verdict_from_name(verdict);
	a->analyst = vg__dbres_get(r, i, 17);
	a->reason = vg__dbres_get(r, i, 18);
	a->decided_at = vg__dbres_get(r, i, 19);
	a->approved_by = vg__dbres_get(r, i, 20);
	a->approved_at = vg__dbres_get(r, i, 21);
	a->awaiting_approval = a->decision && vg__dbres_int(r, i, 22) && !a->approved_by;
	if (details) {
		a->result_json = vg__dbres_get(r, i, 23);
		a->subject_attrs = vg__dbres_get(r, i, 24);
		a->entity_facts = vg__dbres_get(r, i, 25);
	}
}

static int list_fill(vg_cases_list *l)
{
	size_t i;
	if (l->rows.rows && !(l->alerts = vg__calloc(l->rows.rows, sizeof(*l->alerts))))
		return vg__error_oom();
	for (i = 0; i < l->rows.rows; i++)
		fill_alert(&l->alerts[i], &l->rows, i, l->details);
	l->n_alerts = l->rows.rows;
	return 0;
}

/* Builds the WHERE clause of a filter into sql, with its parameters. */
typedef struct {
	vg_buf sql;
	vg__dbp p[16];
	size_t n;
	char like[300];
} where;

static int cond(where *w, const char *fmt, vg__dbp value)
{
	if (w->n >= sizeof(w->p) / sizeof(w->p[0]))
		return vg__error_set(VG_EUSAGE, "too many filters");
	w->p[w->n++] = value;
	return vg_buf_puts(&w->sql, " AND ") < 0 || vg_buf_printf(&w->sql, fmt, w->n) < 0 ?
		       vg__error_oom() : 0;
}

static bool state_ok(const char *s)
{
	return !strcmp(s, "open") || !strcmp(s, "pending") || !strcmp(s, "decided") ||
	       !strcmp(s, "delisted");
}

/* LIKE pattern matching one item of a comma-separated list, exactly. */
static int list_item_pattern(char *out, size_t len, const char *item)
{
	size_t n = 0;
	const char *p;
	out[n++] = '%';
	out[n++] = ',';
	for (p = item; *p; p++) {
		if (n + 4 >= len)
			return vg__error_set(VG_EUSAGE, "dataset: name too long");
		if (*p == '%' || *p == '_' || *p == '\\')
			out[n++] = '\\';
		out[n++] = *p;
	}
	out[n++] = ',';
	out[n++] = '%';
	out[n] = '\0';
	return 0;
}

static int build_where(where *w, const vg_cases_filter *f, bool paging)
{
	int rc = vg_buf_puts(&w->sql, " WHERE 1 = 1") < 0 ? vg__error_oom() : 0;
	if (rc == 0 && f->state && *f->state && strcmp(f->state, "all")) {
		if (!state_ok(f->state))
			return vg__error_set(VG_EUSAGE, "state: '%.20s' is not open, pending, "
					     "decided, delisted or all", f->state);
		rc = cond(w, "a.state = $%zu", VG__TEXT(f->state));
	}
	if (rc == 0 && f->changed && vg_buf_puts(&w->sql, " AND a.changed IS NOT NULL") < 0)
		rc = vg__error_oom();
	if (rc == 0 && f->dataset && *f->dataset &&
	    (rc = list_item_pattern(w->like, sizeof(w->like), f->dataset)) == 0)
		rc = cond(w, "(',' || a.datasets || ',') LIKE $%zu ESCAPE '\\'", VG__TEXT(w->like));
	if (rc == 0 && f->min_score >= 0)
		rc = cond(w, "a.score >= $%zu", VG__REAL(f->min_score));
	if (rc == 0 && f->max_score >= 0)
		rc = cond(w, "a.score <= $%zu", VG__REAL(f->max_score));
	if (rc == 0 && f->subject && *f->subject)
		rc = cond(w, "s.ext_id = $%zu", VG__TEXT(f->subject));
	if (rc == 0 && f->entity && *f->entity)
		rc = cond(w, "a.entity_id = $%zu", VG__TEXT(f->entity));
	if (rc == 0 && f->verdict != VG_VERDICT_NONE)
		rc = cond(w, "d.verdict = $%zu", VG__TEXT(vg_verdict_name(f->verdict)));
	if (rc == 0 && f->run > 0)
		rc = cond(w, "a.id IN (SELECT alert_id FROM run_alerts WHERE run_id = $%zu)",
			  VG__INT(f->run));
	if (rc == 0 && paging && f->after > 0)
		rc = cond(w, "a.id > $%zu", VG__INT(f->after));
	return rc;
}

static int query_list(vg_cases_list *l, vg_cases *cs, const vg_cases_filter *f)
{
	where w;
	vg_buf sql = VG_BUF_INIT;
	vg__dbres count = VG__DBRES_INIT;
	int rc;
	memset(&w, 0, sizeof(w));
	if ((rc = build_where(&w, f, false)) < 0)
		goto done;
	if (vg_buf_puts(&sql, "SELECT count(*)" LIST_FROM) < 0 ||
	    vg_buf_put(&sql, w.sql.ptr, w.sql.size) < 0) {
		rc = vg__error_oom();
		goto done;
	}
	if ((rc = vg__db_run_text(cs->db, sql.ptr, w.p, w.n, &count)) < 0)
		goto done;
	l->total = (size_t)vg__dbres_int(&count, 0, 0);
	vg_buf_clear(&w.sql);
	vg_buf_clear(&sql);
	w.n = 0;
	if ((rc = build_where(&w, f, true)) < 0)
		goto done;
	if (vg_buf_puts(&sql, "SELECT " LIST_COLUMNS LIST_FROM) < 0 ||
	    vg_buf_put(&sql, w.sql.ptr, w.sql.size) < 0 ||
	    vg_buf_puts(&sql, " ORDER BY a.id") < 0 ||
	    (f->limit && vg_buf_printf(&sql, " LIMIT %zu", f->limit) < 0)) {
		rc = vg__error_oom();
		goto done;
	}
	rc = vg__db_run_text(cs->db, sql.ptr, w.p, w.n, &l->rows);
done:
	vg_buf_dispose(&w.sql);
	vg_buf_dispose(&sql);
	vg__dbres_dispose(&count);
	return rc;
}

int vg_cases_alerts(vg_cases_list **out, vg_cases *cs, const vg_cases_filter *f)
{
	vg_cases_filter def = VG_CASES_FILTER_INIT;
	vg_cases_list *l;
	int rc;
	if (!out || !cs)
		return vg__error_set(VG_EUSAGE, "vg_cases_alerts: NULL argument");
	*out = NULL;
	if (!f)
		f = &def;
	if (f->version < 1 || f->version > VG_CASES_FILTER_VERSION)
		return vg__error_set(VG_EUSAGE, "vg_cases_alerts: filter version %u unknown",
				     f->version);
	if (!(l = vg__calloc(1, sizeof(*l))))
		return vg__error_oom();
	pthread_mutex_lock(&cs->mu);
	if ((rc = vg__db_begin(cs->db, false, false)) == 0) {
		rc = query_list(l, cs, f);
		vg__db_rollback(cs->db);
	}
	pthread_mutex_unlock(&cs->mu);
	if (rc == 0)
		rc = list_fill(l);
	if (rc < 0) {
		vg_cases_list_free(l);
		return rc;
	}
	*out = l;
	return 0;
}

static const vg__sql S_ALERT_ONE = { "reading an alert",
	"SELECT " LIST_COLUMNS DETAIL_COLUMNS LIST_FROM " WHERE a.id = $1" };
static const vg__sql S_HISTORY = { "reading an alert's history",
	"SELECT at, kind, actor, verdict, text, run, score FROM ("
	" SELECT d.decided_at AS at, 'decision' AS kind, d.analyst AS actor,"
	" d.verdict AS verdict, d.reason AS text, CAST(0 AS BIGINT) AS run,"
	" CAST(0 AS DOUBLE PRECISION) AS score, d.id * 2 AS k"
	" FROM decisions d WHERE d.alert_id = $1"
	" UNION ALL SELECT d.approved_at, 'approval', d.approved_by, d.verdict, NULL,"
	" CAST(0 AS BIGINT), CAST(0 AS DOUBLE PRECISION), d.id * 2 + 1"
	" FROM decisions d WHERE d.alert_id = $1 AND d.approved_by IS NOT NULL"
	" UNION ALL SELECT ra.at, ra.outcome, r.actor, NULL, ra.detail, ra.run_id, ra.score, 0"
	" FROM run_alerts ra JOIN runs r ON r.id = ra.run_id WHERE ra.alert_id = $1"
	") h ORDER BY at, k" };

static int fill_history(vg_cases_list *l)
{
	size_t i;
	if (l->history.rows && !(l->events = vg__calloc(l->history.rows, sizeof(*l->events))))
		return vg__error_oom();
	for (i = 0; i < l->history.rows; i++) {
		vg_cases_event *e = &l->events[i];
		e->at = vg__dbres_get(&l->history, i, 0);
		e->kind = vg__dbres_get(&l->history, i, 1);
		e->actor = vg__dbres_get(&l->history, i, 2);
		e->verdict = vg__dbres_get(&l->history, i, 3);
		e->text = vg__dbres_get(&l->history, i, 4);
		e->run = vg__dbres_int(&l->history, i, 5);
		e->score = vg__dbres_real(&l->history, i, 6);
	}
	l->n_events = l->history.rows;
	return 0;
}

int vg_cases_alert_get(vg_cases_list **out, vg_cases *cs, int64_t id)
{
	vg_cases_list *l;
	vg__dbp p[] = { VG__INT(id) };
	int rc;
	if (!out || !cs)
		return vg__error_set(VG_EUSAGE, "vg_cases_alert_get: NULL argument");
	*out = NULL;
	if (!(l = vg__calloc(1, sizeof(*l))))
		return vg__error_oom();
	l->details = true;
	pthread_mutex_lock(&cs->mu);
	if ((rc = vg__db_begin(cs->db, false, false)) == 0) {
		if ((rc = vg__db_run(cs->db, &S_ALERT_ONE, p, 1, &l->rows)) == 0 && l->rows.rows)
			rc = vg__db_run(cs->db, &S_HISTORY, p, 1, &l->history);
		vg__db_rollback(cs->db);
	}
	pthread_mutex_unlock(&cs->mu);
	if (rc == 0 && !l->rows.rows)
		rc = vg__error_set(VG_ENOTFOUND, "no alert %lld", (long long)id);
	if (rc == 0 && (rc = list_fill(l)) == 0)
		rc = fill_history(l);
	l->total = l->n_alerts;
	if (rc < 0) {
		vg_cases_list_free(l);
		return rc;
	}
	*out = l;
	return 0;
}

size_t vg_cases_list_count(const vg_cases_list *l)
{
	return l ? l->n_alerts : 0;
}

const vg_cases_alert *vg_cases_list_alert(const vg_cases_list *l, size_t i)
{
	return l && i < l->n_alerts ? &l->alerts[i] : NULL;
}

size_t vg_cases_list_total(const vg_cases_list *l)
{
	return l ? l->total : 0;
}

size_t vg_cases_list_event_count(const vg_cases_list *l)
{
	return l ? l->n_events : 0;
}

const vg_cases_event *vg_cases_list_event(const vg_cases_list *l, size_t i)
{
	return l && i < l->n_events ? &l->events[i] : NULL;
}

void vg_cases_list_free(vg_cases_list *l)
{
	if (!l)
		return;
	vg__dbres_dispose(&l->rows);
	vg__dbres_dispose(&l->history);
	free(l->alerts);
	free(l->events);
	free(l);
}
