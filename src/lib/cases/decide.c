/*
 * decide.c - analysts' decisions on alerts and the second pair of eyes.
 *
 * A decision copies what it was made on (the subject's and the entity's
 * facts and hashes as the alert holds them), so that a later run can tell
 * whether it still holds and say what changed when it does not.
 *
 * Invariant: a decision, its alert's new state and its audit record are
 * one durable transaction, taken on the alert row locked; the expected
 * version makes a stale decision fail with VG_ECONFLICT (see alerts.c).
 */
#include "cases/cases_internal.h"
#include "common/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const vg__sql S_ALERT_LOCK = { "reading the alert",
	"SELECT a.state, a.version, a.subject_hash, a.subject_attrs, a.entity_hash,"
	" a.entity_facts, a.decision_id, s.ext_id, a.entity_id FROM alerts a"
	" JOIN subjects s ON s.id = a.subject_id WHERE a.id = $1{FOR_UPDATE}" };
static const vg__sql S_DECISION_ADD = { "recording the decision",
	"INSERT INTO decisions (alert_id, verdict, analyst, reason, decided_at, needs_approval,"
	" subject_hash, subject_attrs, entity_hash, entity_facts, alert_version)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id" };
static const vg__sql S_ALERT_DECIDED = { "updating the alert",
	"UPDATE alerts SET state = $2, decision_id = $3, changed = NULL,"
	" version = version + 1, updated_at = $4 WHERE id = $1 AND version = $5" };
static const vg__sql S_DECISION_OF = { "reading the decision",
	"SELECT analyst, verdict, decided_at, needs_approval, approved_by FROM decisions"
	" WHERE id = $1" };
static const vg__sql S_APPROVE = { "recording the approval",
	"UPDATE decisions SET approved_by = $2, approved_at = $3 WHERE id = $1" };
static const vg__sql S_ALERT_APPROVED = { "updating the alert",
	"UPDATE alerts SET state = 'decided', version = version + 1, updated_at = $2"
	" WHERE id = $1 AND version = $3" };
static const vg__sql S_FOUR_EYES = { "reading the four-eyes rule",
	"SELECT value FROM meta WHERE key = 'four_eyes'" };

static int text_ok(const char *what, const char *s, size_t max)
{
	const unsigned char *p;
	if (!s || !*s)
		return vg__error_set(VG_EUSAGE, "%s: required", what);
	if (strlen(s) > max)
		return vg__error_set(VG_EUSAGE, "%s: longer than %zu bytes", what, max);
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 && *p != '\t' && *p != '\n')
			return vg__error_set(VG_EUSAGE, "%s: control characters are not allowed",
					     what);
	return 0;
}

/* Locks and reads the alert; checks the version the caller saw. */
static int lock_alert(vg_cases *cs, vg__dbres *r, int64_t alert, int64_t expected,
		      bool must_be_open)
{
	vg__dbp p[] = { VG__INT(alert) };
	int64_t version;
	const char *state;
	int rc = vg__db_run(cs->db, &S_ALERT_LOCK, p, 1, r);
	if (rc < 0)
		return rc;
	if (!r->rows)
		return vg__error_set(VG_ENOTFOUND, "no alert %lld", (long long)alert);
	state = vg__dbres_get(r, 0, 0);
	version = vg__dbres_int(r, 0, 1);
	if (!strcmp(state, "delisted"))
		return vg__error_set(VG_ECONFLICT, "alert %lld is closed: its entity was "
				     "delisted", (long long)alert);
	if (expected && expected != version)
		return vg__error_set(VG_ECONFLICT, "alert %lld changed since version %lld (it "
				     "is at version %lld, %s): reload it and decide again",
				     (long long)alert, (long long)expected, (long long)version,
				     state);
	if (!expected && must_be_open && strcmp(state, "open"))
		return vg__error_set(VG_ECONFLICT, "alert %lld is %s already (version %lld): "
				     "give that version to replace the decision",
				     (long long)alert, state, (long long)version);
	return 0;
}

static int four_eyes(vg_cases *cs, bool *on)
{
	vg__dbres r = VG__DBRES_INIT;
	int rc = vg__db_run(cs->db, &S_FOUR_EYES, NULL, 0, &r);
	*on = rc == 0 && r.rows && !strcmp(vg__dbres_get(&r, 0, 0), "on");
	vg__dbres_dispose(&r);
	return rc;
}

static int audit_decision(vg_cases *cs, const char *now, const vg_cases_decision *d,
			  const vg__dbres *a, int64_t decision, bool needs)
{
	vg_buf b = VG_BUF_INIT;
	int rc = vg_buf_printf(&b, "{\"alert\": %lld, \"decision\": %lld, \"verdict\": \"%s\", "
			       "\"reason\": ", (long long)d->alert, (long long)decision,
			       vg_verdict_name(d->verdict));
	rc |= vg_buf_put_json_string(&b, d->reason, strlen(d->reason));
	rc |= vg_buf_puts(&b, ", \"subject\": ");
	rc |= vg_buf_put_json_string(&b, vg__dbres_get(a, 0, 7), strlen(vg__dbres_get(a, 0, 7)));
	rc |= vg_buf_puts(&b, ", \"entity\": ");
	rc |= vg_buf_put_json_string(&b, vg__dbres_get(a, 0, 8), strlen(vg__dbres_get(a, 0, 8)));
	rc |= vg_buf_printf(&b, ", \"alert_version\": %lld, \"subject_hash\": \"%s\", "
			    "\"entity_hash\": \"%s\", \"needs_approval\": %s}",
			    (long long)vg__dbres_int(a, 0, 1), vg__dbres_get(a, 0, 2),
			    vg__dbres_get(a, 0, 4), needs ? "true" : "false");
	rc = rc ? vg__error_oom() : vg__cases_audit(cs, now, d->analyst, "decision", "alert", b.ptr);
	vg_buf_dispose(&b);
	return rc;
}

static int decide(vg_cases *cs, const vg_cases_decision *d, const char *now, int64_t *nv)
{
	vg__dbres a = VG__DBRES_INIT, r = VG__DBRES_INIT;
	bool eyes, needs;
	int64_t decision, version;
	int rc;
	if ((rc = lock_alert(cs, &a, d->alert, d->expected_version, true)) < 0 ||
	    (rc = four_eyes(cs, &eyes)) < 0)
		goto done;
	needs = eyes && d->verdict == VG_VERDICT_FALSE_POSITIVE;
	version = vg__dbres_int(&a, 0, 1);
	{
		vg__dbp p[] = { VG__INT(d->alert), VG__TEXT(vg_verdict_name(d->verdict)),
				VG__TEXT(d->analyst), VG__TEXT(d->reason), VG__TEXT(now),
				VG__INT(needs), VG__TEXT(vg__dbres_get(&a, 0, 2)),
				VG__TEXT(vg__dbres_get(&a, 0, 3)), VG__TEXT(vg__dbres_get(&a, 0, 4)),
				VG__TEXT(vg__dbres_get(&a, 0, 5)), VG__INT(version) };
		if ((rc = vg__db_run(cs->db, &S_DECISION_ADD, p, 11, &r)) < 0)
			goto done;
		decision = vg__dbres_int(&r, 0, 0);
	}
	{
		vg__dbp p[] = { VG__INT(d->alert), VG__TEXT(needs ? "pending" : "decided"),
				VG__INT(decision), VG__TEXT(now), VG__INT(version) };
		if ((rc = vg__db_run(cs->db, &S_ALERT_DECIDED, p, 5, &r)) < 0)
			goto done;
		if (r.changes != 1) {
			rc = vg__error_set(VG_ECONFLICT, "alert %lld changed while deciding",
					   (long long)d->alert);
			goto done;
		}
	}
	rc = audit_decision(cs, now, d, &a, decision, needs);
	*nv = version + 1;
done:
	vg__dbres_dispose(&a);
	vg__dbres_dispose(&r);
	return rc;
}

int vg_cases_decide(int64_t *new_version, vg_cases *cs, const vg_cases_decision *d)
{
	char now[32];
	int64_t nv = 0;
	int rc;
	if (!cs || !d)
		return vg__error_set(VG_EUSAGE, "vg_cases_decide: NULL argument");
	if (d->version < 1 || d->version > VG_CASES_DECISION_VERSION)
		return vg__error_set(VG_EUSAGE, "vg_cases_decide: version %u unknown", d->version);
	if (d->verdict == VG_VERDICT_NONE || (unsigned)d->verdict > VG_VERDICT_ESCALATE)
		return vg__error_set(VG_EUSAGE, "verdict: match, false_positive or escalate");
	if ((rc = text_ok("analyst", d->analyst, 200)) < 0 ||
	    (rc = text_ok("reason", d->reason, 4000)) < 0)
		return rc;
	vg__cases_now(now);
	pthread_mutex_lock(&cs->mu);
	if ((rc = vg__cases_begin(cs, true)) == 0) {
		if ((rc = decide(cs, d, now, &nv)) < 0)
			vg__cases_rollback(cs);
		else
			rc = vg__cases_commit(cs);
	}
	pthread_mutex_unlock(&cs->mu);
	if (rc == 0 && new_version)
		*new_version = nv;
	return rc;
}

static int approve(vg_cases *cs, int64_t alert, const char *analyst, int64_t expected,
		   const char *now, int64_t *nv)
{
	vg__dbres a = VG__DBRES_INIT, d = VG__DBRES_INIT;
	vg_buf b = VG_BUF_INIT;
	int64_t decision, version;
	int rc;
	if ((rc = lock_alert(cs, &a, alert, expected, false)) < 0)
		goto done;
	version = vg__dbres_int(&a, 0, 1);
	decision = vg__dbres_int(&a, 0, 6);
	if (strcmp(vg__dbres_get(&a, 0, 0), "pending") || !decision) {
		rc = vg__error_set(VG_ECONFLICT, "alert %lld is %s: nothing awaits approval",
				   (long long)alert, vg__dbres_get(&a, 0, 0));
		goto done;
	}
	{
		vg__dbp p[] = { VG__INT(decision) };
		if ((rc = vg__db_run(cs->db, &S_DECISION_OF, p, 1, &d)) < 0)
			goto done;
	}
	if (d.rows && !strcmp(vg__dbres_get(&d, 0, 0), analyst)) {
		rc = vg__error_set(VG_EUSAGE, "%s decided alert %lld: the second pair of eyes "
				   "must be another analyst", analyst, (long long)alert);
		goto done;
	}
	{
		vg__dbp p[] = { VG__INT(decision), VG__TEXT(analyst), VG__TEXT(now) };
		vg__dbp q[] = { VG__INT(alert), VG__TEXT(now), VG__INT(version) };
		if ((rc = vg__db_run(cs->db, &S_APPROVE, p, 3, NULL)) < 0 ||
		    (rc = vg__db_run(cs->db, &S_ALERT_APPROVED, q, 3, NULL)) < 0)
			goto done;
	}
	if (vg_buf_printf(&b, "{\"alert\": %lld, \"decision\": %lld, \"decided_by\": ",
			  (long long)alert, (long long)decision) < 0 ||
	    vg_buf_put_json_string(&b, d.rows ? vg__dbres_get(&d, 0, 0) : "",
				   d.rows ? strlen(vg__dbres_get(&d, 0, 0)) : 0) < 0 ||
	    vg_buf_printf(&b, ", \"alert_version\": %lld}", (long long)version) < 0) {
		rc = vg__error_oom();
		goto done;
	}
	rc = vg__cases_audit(cs, now, analyst, "approval", "alert", b.ptr);
	*nv = version + 1;
done:
	vg__dbres_dispose(&a);
	vg__dbres_dispose(&d);
	vg_buf_dispose(&b);
	return rc;
}

int vg_cases_approve(int64_t *new_version, vg_cases *cs, int64_t alert, const char *analyst,
		     int64_t expected_version)
{
	char now[32];
	int64_t nv = 0;
	int rc;
	if (!cs)
		return vg__error_set(VG_EUSAGE, "vg_cases_approve: NULL argument");
	if ((rc = text_ok("analyst", analyst, 200)) < 0)
		return rc;
	vg__cases_now(now);
	pthread_mutex_lock(&cs->mu);
	if ((rc = vg__cases_begin(cs, true)) == 0) {
		if ((rc = approve(cs, alert, analyst, expected_version, now, &nv)) < 0)
			vg__cases_rollback(cs);
		else
			rc = vg__cases_commit(cs);
	}
	pthread_mutex_unlock(&cs->mu);
	if (rc == 0 && new_version)
		*new_version = nv;
	return rc;
}
