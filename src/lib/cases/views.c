/*
 * views.c - the one place that writes alerts and runs as JSON and CSV, for
 * the command line (`vigil cases`), the server (/cases) and exports.
 *
 * Invariant: every value comes from the structures (vg_cases_alert,
 * vg_cases_event) or from the database's cells, never from JSON read
 * back; the one verbatim piece is an alert's "result", the RESULT object
 * the matcher wrote when the alert was raised.
 */
#include "cases/cases_internal.h"
#include "common/error.h"

#include <stdio.h>
#include <string.h>

static int put_str(vg_buf *b, const char *s)
{
	return s ? vg_buf_put_json_string(b, s, strlen(s)) : vg_buf_puts(b, "null");
}

static int put_key_str(vg_buf *b, const char *key, const char *s)
{
	return vg_buf_printf(b, ", \"%s\": ", key) | put_str(b, s);
}

static int put_datasets(vg_buf *b, const char *list)
{
	const char *p = list ? list : "";
	int rc = vg_buf_puts(b, "[");
	bool first = true;
	while (*p) {
		size_t len = strcspn(p, ",");
		if (len) {
			rc |= first ? 0 : vg_buf_puts(b, ", ");
			rc |= vg_buf_put_json_string(b, p, len);
			first = false;
		}
		p += len + (p[len] == ',');
	}
	return rc | vg_buf_puts(b, "]");
}

static int put_decision(vg_buf *b, const vg_cases_alert *a)
{
	int rc;
	if (!a->decision)
		return vg_buf_puts(b, ", \"decision\": null");
	rc = vg_buf_printf(b, ", \"decision\": {\"id\": %lld, \"verdict\": \"%s\"",
			   (long long)a->decision, vg_verdict_name(a->verdict));
	rc |= put_key_str(b, "analyst", a->analyst);
	rc |= put_key_str(b, "reason", a->reason);
	rc |= put_key_str(b, "decided_at", a->decided_at);
	rc |= put_key_str(b, "approved_by", a->approved_by);
	rc |= put_key_str(b, "approved_at", a->approved_at);
	rc |= vg_buf_printf(b, ", \"awaiting_approval\": %s}",
			    a->awaiting_approval ? "true" : "false");
	return rc;
}

static int put_history(vg_buf *b, const vg_cases_list *l)
{
	size_t i, n = vg_cases_list_event_count(l);
	int rc = vg_buf_puts(b, ", \"history\": [");
	for (i = 0; i < n; i++) {
		const vg_cases_event *e = vg_cases_list_event(l, i);
		rc |= vg_buf_puts(b, i ? ", {\"at\": " : "{\"at\": ");
		rc |= put_str(b, e->at);
		rc |= put_key_str(b, "kind", e->kind);
		rc |= put_key_str(b, "actor", e->actor);
		if (e->verdict)
			rc |= put_key_str(b, "verdict", e->verdict);
		if (e->text)
			rc |= put_key_str(b, "text", e->text);
		if (e->run)
			rc |= vg_buf_printf(b, ", \"run\": %lld, \"score\": %.4f",
					    (long long)e->run, e->score);
		rc |= vg_buf_puts(b, "}");
	}
	return rc | vg_buf_puts(b, "]");
}

int vg_cases_alert_json(const vg_cases_list *l, size_t i, vg_buf *out)
{
	const vg_cases_alert *a = vg_cases_list_alert(l, i);
	size_t mark;
	int rc;
	if (!a || !out)
		return vg__error_set(VG_EUSAGE, "vg_cases_alert_json: no such alert in the list");
	mark = out->size;
	rc = vg_buf_printf(out, "{\"id\": %lld, \"version\": %lld", (long long)a->id,
			   (long long)a->version);
	rc |= put_key_str(out, "state", a->state);
	rc |= put_key_str(out, "subject", a->subject);
	rc |= put_key_str(out, "entity", a->entity);
	rc |= put_key_str(out, "caption", a->caption);
	rc |= put_key_str(out, "schema", a->schema);
	rc |= vg_buf_puts(out, ", \"datasets\": ") | put_datasets(out, a->datasets);
	rc |= vg_buf_printf(out, ", \"score\": %.4f", a->score);
	rc |= put_key_str(out, "changed", a->changed);
	rc |= put_key_str(out, "outcome", a->outcome);
	rc |= vg_buf_printf(out, ", \"first_run\": %lld, \"last_run\": %lld",
			    (long long)a->first_run, (long long)a->last_run);
	rc |= put_key_str(out, "created_at", a->created_at);
	rc |= put_key_str(out, "updated_at", a->updated_at);
	rc |= put_decision(out, a);
	if (a->result_json) {
		rc |= vg_buf_puts(out, ", \"subject_attributes\": ");
		rc |= vg__cases_facts_json(out, a->subject_attrs, false);
		rc |= vg_buf_puts(out, ", \"entity_facts\": ");
		rc |= vg__cases_facts_json(out, a->entity_facts, true);
		rc |= vg_buf_puts(out, ", \"result\": ");
		rc |= vg_buf_puts(out, a->result_json);
		rc |= put_history(out, l);
	}
	rc |= vg_buf_puts(out, "}");
	if (rc) {
		out->size = mark;
		if (out->ptr)
			out->ptr[mark] = '\0';
		return vg__error_oom();
	}
	return 0;
}

/* ---- CSV ---------------------------------------------------------------------- */

static int put_csv(vg_buf *b, const char *s, bool comma)
{
	const char *p;
	int rc = comma ? vg_buf_puts(b, ",") : 0;
	if (!s)
		return rc;
	if (!strpbrk(s, ",\"\r\n"))
		return rc | vg_buf_puts(b, s);
	rc |= vg_buf_puts(b, "\"");
	for (p = s; *p; p++)
		rc |= vg_buf_put(b, p, 1) | (*p == '"' ? vg_buf_put(b, "\"", 1) : 0);
	return rc | vg_buf_puts(b, "\"");
}

int vg_cases_csv_header(vg_buf *out)
{
	return vg_buf_puts(out, "id,version,state,subject,entity,caption,schema,datasets,score,"
				"changed,outcome,first_run,last_run,verdict,analyst,reason,"
				"decided_at,approved_by,approved_at,updated_at\r\n") ?
		       vg__error_oom() : 0;
}

int vg_cases_alert_csv(const vg_cases_list *l, size_t i, vg_buf *out)
{
	const vg_cases_alert *a = vg_cases_list_alert(l, i);
	char num[64];
	int rc;
	if (!a || !out)
		return vg__error_set(VG_EUSAGE, "vg_cases_alert_csv: no such alert in the list");
	rc = vg_buf_printf(out, "%lld,%lld", (long long)a->id, (long long)a->version);
	rc |= put_csv(out, a->state, true);
	rc |= put_csv(out, a->subject, true);
	rc |= put_csv(out, a->entity, true);
	rc |= put_csv(out, a->caption, true);
	rc |= put_csv(out, a->schema, true);
	rc |= put_csv(out, a->datasets, true);
	snprintf(num, sizeof(num), "%.4f", a->score);
	rc |= put_csv(out, num, true);
	rc |= put_csv(out, a->changed, true);
	rc |= put_csv(out, a->outcome, true);
	rc |= vg_buf_printf(out, ",%lld,%lld", (long long)a->first_run, (long long)a->last_run);
	rc |= put_csv(out, a->decision ? vg_verdict_name(a->verdict) : NULL, true);
	rc |= put_csv(out, a->analyst, true);
	rc |= put_csv(out, a->reason, true);
	rc |= put_csv(out, a->decided_at, true);
	rc |= put_csv(out, a->approved_by, true);
	rc |= put_csv(out, a->approved_at, true);
	rc |= put_csv(out, a->updated_at, true);
	rc |= vg_buf_puts(out, "\r\n");
	return rc ? vg__error_oom() : 0;
}

/* ---- runs ----------------------------------------------------------------------- */

static const vg__sql S_RUNS = { "listing runs",
	"SELECT id, status, started_at, finished_at, actor, input, index_checksum, sources,"
	" threshold, algorithm, subjects, duplicates, alerts, new_alerts, suppressed, reopened,"
	" delisted, resumed FROM runs ORDER BY id DESC LIMIT $1" };

static int put_run(vg_buf *b, const vg__dbres *r, size_t i)
{
	static const char *const text[] = { NULL, "status", "started_at", "finished_at", "actor",
					    "input", "index_checksum" };
	static const char *const counts[] = { "subjects", "duplicates", "alerts", "new",
					      "suppressed", "reopened", "delisted", "resumed" };
	size_t k;
	int rc = vg_buf_printf(b, "%s{\"id\": %lld", i ? ", " : "",
			       (long long)vg__dbres_int(r, i, 0));
	for (k = 1; k < sizeof(text) / sizeof(text[0]); k++)
		rc |= put_key_str(b, text[k], vg__dbres_get(r, i, k));
	/* sources is JSON the store wrote from the index, kept as it was */
	rc |= vg_buf_printf(b, ", \"sources\": %s, \"threshold\": %.4f",
			    vg__dbres_get(r, i, 7), vg__dbres_real(r, i, 8));
	rc |= put_key_str(b, "algorithm", vg__dbres_get(r, i, 9));
	for (k = 0; k < sizeof(counts) / sizeof(counts[0]); k++)
		rc |= vg_buf_printf(b, ", \"%s\": %lld", counts[k],
				    (long long)vg__dbres_int(r, i, 10 + k));
	return rc | vg_buf_puts(b, "}");
}

int vg_cases_runs_json(vg_cases *cs, size_t limit, vg_buf *out)
{
	vg__dbres r = VG__DBRES_INIT;
	vg__dbp p[] = { VG__INT(limit ? (int64_t)limit : INT64_MAX) };
	size_t i;
	int rc;
	if (!cs || !out)
		return vg__error_set(VG_EUSAGE, "vg_cases_runs_json: NULL argument");
	pthread_mutex_lock(&cs->mu);
	rc = vg__db_run(cs->db, &S_RUNS, p, 1, &r);
	pthread_mutex_unlock(&cs->mu);
	if (rc == 0) {
		int w = vg_buf_puts(out, "[");
		for (i = 0; i < r.rows; i++)
			w |= put_run(out, &r, i);
		w |= vg_buf_puts(out, "]");
		if (w)
			rc = vg__error_oom();
	}
	vg__dbres_dispose(&r);
	return rc;
}
