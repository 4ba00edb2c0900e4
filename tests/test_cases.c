/*
 * test_cases.c - the case store, on SQLite by default and on PostgreSQL
 * when VG_TEST_CASES_PG holds a libpq connection string without dbname
 * (tests/cli_cases_pg.sh starts a cluster and runs this same binary with
 * it): every test gets a new store (a file, or a new database).
 *
 * Fixtures: tests/fixtures/cases/v1 and v2 hold two versions of a small
 * "un_sc" list (facts of three UN Security Council DRC listings; v2 adds
 * an alias to one and drops another, as a list update would).
 *
 * Crash tests fork a child that kills itself before its n-th database
 * statement, for every n until the operation completes, and check after
 * each crash that the store holds all of the operation or none of it.
 */
#include "helpers.h"
#include "vigil/vigil.h"
#include "cases/cases_internal.h"
#include "cases/schema.h"

#include <libpq-fe.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

static char g_dir[1024];
static const char *g_pg;
static int g_count;
static vg_index *g_v1, *g_v2;

/* ---- stores and indexes ------------------------------------------------- */

static void pg_exec(const char *dbname, const char *sql)
{
	char conninfo[2048];
	PGconn *c;
	PGresult *r;
	snprintf(conninfo, sizeof(conninfo), "%s dbname=%s", g_pg, dbname);
	c = PQconnectdb(conninfo);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQresultErrorMessage(r));
	PQclear(r);
	PQfinish(c);
}

/* A new, empty store; *name receives its database (PG) or file. */
static const char *fresh(char *buf, size_t len)
{
	g_count++;
	if (!g_pg) {
		snprintf(buf, len, "%s/store%d.db", g_dir, g_count);
		return buf;
	}
	{
		char sql[128];
		snprintf(sql, sizeof(sql), "CREATE DATABASE vgt_%d_%d", (int)getpid(), g_count);
		pg_exec("postgres", sql);
	}
	snprintf(buf, len, "%s dbname=vgt_%d_%d", g_pg, (int)getpid(), g_count);
	return buf;
}

static vg_cases *open_store(const char *target)
{
	vg_cases *cs = NULL;
	if (vg_cases_open(&cs, target, NULL) != 0)
		fail_msg("vg_cases_open(%s): %s", target, vg_error_last()->message);
	return cs;
}

static vg_index *build(const char *version)
{
	char in[256], out[2048];
	vg_builder *b;
	vg_index *ix;
	snprintf(in, sizeof(in), "cases/%s/un-sc.ftm.jsonl", version);
	snprintf(out, sizeof(out), "%s/%s.idx", g_dir, version);
	assert_int_equal(vg_builder_new(&b), 0);
	assert_int_equal(vg_builder_add(b, fixture(in), VG_FORMAT_FTM_JSON), 0);
	assert_int_equal(vg_builder_write(b, out), 0);
	vg_builder_free(b);
	assert_int_equal(vg_index_open(&ix, out), 0);
	return ix;
}

static int setup_all(void **state)
{
	char tmpl[] = "/tmp/vigil-test-cases-XXXXXX";
	(void)state;
	g_pg = getenv("VG_TEST_CASES_PG");
	if (g_pg && !*g_pg)
		g_pg = NULL;
	if (!mkdtemp(tmpl))
		return -1;
	snprintf(g_dir, sizeof(g_dir), "%s", tmpl);
	g_v1 = build("v1");
	g_v2 = build("v2");
	printf("case store tests on %s\n", g_pg ? "PostgreSQL" : "SQLite");
	return 0;
}

static int teardown_all(void **state)
{
	char cmd[1200];
	(void)state;
	vg_index_free(g_v1);
	vg_index_free(g_v2);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", g_dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- screening ---------------------------------------------------------- */

typedef struct {
	const char *id, *name, *dob, *nationality, *schema;
} subject;

/* tests/fixtures/cases/subjects.csv */
static const subject SUBJECTS[] = {
	{ "C-001", "Eric Badege", "1971", "cd", "Person" },
	{ "C-002", "Gaston Iyamuremye", "1948", "rw", "Person" },
	{ "C-003", "Butembo Airlines", NULL, "cd", "Organization" },
	{ "C-004", "Jane Doe", "1980-02-03", "gb", "Person" },
};
#define N_SUBJECTS (sizeof(SUBJECTS) / sizeof(SUBJECTS[0]))

static void add_subject(vg_cases_batch *b, vg_matcher *m, const subject *s, size_t row)
{
	vg_query q = VG_QUERY_INIT;
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	const char *names[1] = { s->name }, *countries[1] = { s->nationality };
	vg_cases_attr attrs[] = { { "name", s->name }, { "birth_date", s->dob },
				  { "nationality", s->nationality }, { "schema", s->schema } };
	vg_buf out = VG_BUF_INIT;
	q.schema = vg_schema_from_name(s->schema, strlen(s->schema));
	q.names = names;
	q.n_names = 1;
	q.birth_date = s->dob;
	q.countries = countries;
	q.n_countries = 1;
	if (vg_cases_batch_screen(b, row, s->id, attrs, 4, m, &q, &o, &out) != 0)
		fail_msg("batch_screen: %s", vg_error_last()->message);
	assert_true(out.size > 0 && out.ptr[0] == '[');
	vg_buf_dispose(&out);
}

/* One run over subjects[0..n), `per_batch` subjects per transaction;
 * stop_after > 0 leaves the run unfinished after that many batches. */
static vg_cases_run_summary run_subjects(vg_cases *cs, const vg_index *ix, const subject *s,
					 size_t n, const char *digest, size_t per_batch,
					 size_t stop_after, bool *resumed)
{
	vg_cases_run_options o = VG_CASES_RUN_OPTIONS_INIT;
	vg_cases_run_summary sum;
	vg_cases_run *run;
	vg_cases_batch *b;
	vg_matcher *m;
	size_t i, batches = 0;
	memset(&sum, 0, sizeof(sum));
	o.actor = "test";
	o.input = "subjects";
	o.input_digest = digest;
	if (vg_cases_run_begin(&run, cs, ix, &o) != 0)
		fail_msg("run_begin: %s", vg_error_last()->message);
	if (resumed)
		*resumed = vg_cases_run_resumed(run);
	assert_int_equal(vg_cases_batch_new(&b), 0);
	assert_int_equal(vg_matcher_new(&m, ix), 0);
	for (i = 0; i < n; i++) {
		add_subject(b, m, &s[i], i + 1);
		if (vg_cases_batch_count(b) == per_batch || i + 1 == n) {
			if (vg_cases_run_record(run, b) != 0)
				fail_msg("run_record: %s", vg_error_last()->message);
			vg_cases_batch_clear(b);
			if (stop_after && ++batches == stop_after)
				goto out;
		}
	}
	if (vg_cases_run_finish(run, &sum) != 0)
		fail_msg("run_finish: %s", vg_error_last()->message);
out:
	vg_matcher_free(m);
	vg_cases_batch_free(b);
	vg_cases_run_free(run);
	return sum;
}

static vg_cases_run_summary screen(vg_cases *cs, const vg_index *ix, const subject *s, size_t n)
{
	return run_subjects(cs, ix, s, n, NULL, 2, 0, NULL);
}

/* The alert of (subject, entity), copied out of a list. */
typedef struct {
	int64_t id, version;
	char state[16], changed[512], outcome[16];
	vg_verdict verdict;
	bool awaiting;
} alert_view;

static bool find_alert(vg_cases *cs, const char *subject_id, const char *entity, alert_view *out)
{
	vg_cases_filter f = VG_CASES_FILTER_INIT;
	vg_cases_list *l;
	bool found = false;
	f.subject = subject_id;
	f.entity = entity;
	if (vg_cases_alerts(&l, cs, &f) != 0)
		fail_msg("alerts: %s", vg_error_last()->message);
	if (vg_cases_list_count(l) == 1) {
		const vg_cases_alert *a = vg_cases_list_alert(l, 0);
		memset(out, 0, sizeof(*out));
		out->id = a->id;
		out->version = a->version;
		snprintf(out->state, sizeof(out->state), "%s", a->state);
		snprintf(out->changed, sizeof(out->changed), "%s", a->changed ? a->changed : "");
		snprintf(out->outcome, sizeof(out->outcome), "%s", a->outcome);
		out->verdict = a->verdict;
		out->awaiting = a->awaiting_approval;
		found = true;
	}
	vg_cases_list_free(l);
	return found;
}

static void decide(vg_cases *cs, int64_t alert, vg_verdict v, const char *analyst,
		   int64_t version, int expect)
{
	vg_cases_decision d = VG_CASES_DECISION_INIT;
	int rc;
	d.alert = alert;
	d.verdict = v;
	d.analyst = analyst;
	d.reason = "checked the customer's passport";
	d.expected_version = version;
	rc = vg_cases_decide(NULL, cs, &d);
	if (rc != expect)
		fail_msg("decide alert %lld: %d, expected %d (%s)", (long long)alert, rc, expect,
			 vg_error_last()->message);
}

static void assert_intact(vg_cases *cs)
{
	vg_cases_audit_report rep;
	assert_int_equal(vg_cases_audit_verify(&rep, cs), 0);
	if (!rep.intact)
		fail_msg("audit broken at %llu: %s", (unsigned long long)rep.first_broken, rep.problem);
}

/* Runs SQL on the store behind vg_cases (tampering, counting): the first
 * column of the first row as a number, or -1. */
static long long raw_sql(const char *target, const char *sql)
{
	long long v = -1;
	if (g_pg) {
		PGconn *c = PQconnectdb(target);
		PGresult *r;
		assert_int_equal(PQstatus(c), CONNECTION_OK);
		PQclear(PQexec(c, "SET search_path TO vigil_cases"));
		r = PQexec(c, sql);
		if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
			fail_msg("%s: %s", sql, PQresultErrorMessage(r));
		if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0)
			v = atoll(PQgetvalue(r, 0, 0));
		PQclear(r);
		PQfinish(c);
	} else {
		sqlite3 *db;
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_open(target, &db), SQLITE_OK);
		sqlite3_busy_timeout(db, 10000);
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
			fail_msg("%s: %s", sql, sqlite3_errmsg(db));
		while (sqlite3_step(st) == SQLITE_ROW)
			if (v == -1)
				v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	return v;
}

/* ---- the model ----------------------------------------------------------- */

static void test_create_and_reopen(void **state)
{
	char t[2048];
	vg_cases *cs;
	(void)state;
	cs = open_store(fresh(t, sizeof(t)));
	assert_string_equal(vg_cases_backend(cs), g_pg ? "postgresql" : "sqlite");
	assert_int_equal(vg_cases_schema_version(cs), VG__CASES_SCHEMA_VERSION);
	vg_cases_free(cs);
	cs = open_store(t);
	assert_int_equal(vg_cases_schema_version(cs), VG__CASES_SCHEMA_VERSION);
	assert_intact(cs);
	vg_cases_free(cs);
	/* one store.create record, no migration on reopening */
	assert_int_equal(raw_sql(t, "SELECT count(*) FROM audit"), 1);
	assert_int_equal(raw_sql(t, "SELECT count(*) FROM migrations"), VG__CASES_SCHEMA_VERSION);
}

static void test_migrate_from_v1(void **state)
{
	char t[2048];
	vg_cases *cs = NULL;
	alert_view a;
	(void)state;
	assert_int_equal(vg__cases_open_version(&cs, fresh(t, sizeof(t)), NULL, 1), 0);
	assert_int_equal(vg_cases_schema_version(cs), 1);
	screen(cs, g_v1, SUBJECTS, N_SUBJECTS);
	vg_cases_free(cs);
	assert_int_equal(raw_sql(t, "SELECT value FROM meta WHERE key = 'schema_version'"), 1);
	cs = open_store(t);
	assert_int_equal(vg_cases_schema_version(cs), VG__CASES_SCHEMA_VERSION);
	assert_true(find_alert(cs, "C-002", "un-CDi.003", &a));
	assert_string_equal(a.state, "open");
	assert_intact(cs);
	vg_cases_free(cs);
	assert_int_equal(raw_sql(t, "SELECT count(*) FROM audit WHERE action = 'store.migrate'"), 1);
}

static void test_suppress_and_reopen(void **state)
{
	char t[2048];
	vg_cases *cs;
	vg_cases_run_summary s;
	alert_view a, b, c;
	subject changed[N_SUBJECTS];
	(void)state;
	cs = open_store(fresh(t, sizeof(t)));
	s = screen(cs, g_v1, SUBJECTS, N_SUBJECTS);
	assert_int_equal(s.subjects, 4);
	assert_int_equal(s.new_alerts, 3);
	assert_true(find_alert(cs, "C-001", "un-CDi.001", &a));
	assert_true(find_alert(cs, "C-002", "un-CDi.003", &b));
	assert_true(find_alert(cs, "C-003", "un-CDe.002", &c));
	decide(cs, a.id, VG_VERDICT_FALSE_POSITIVE, "alice", 0, 0);
	decide(cs, b.id, VG_VERDICT_FALSE_POSITIVE, "alice", 0, 0);
	decide(cs, c.id, VG_VERDICT_MATCH, "alice", 0, 0);

	/* the same file again: both false positives suppressed, the match held */
	s = screen(cs, g_v1, SUBJECTS, N_SUBJECTS);
	assert_int_equal(s.new_alerts, 0);
	assert_int_equal(s.suppressed, 2);
	assert_int_equal(s.decided, 1);
	assert_true(find_alert(cs, "C-001", "un-CDi.001", &a));
	assert_string_equal(a.outcome, "suppressed");

	/* the customer's birth date changes: re-opened, saying what changed */
	memcpy(changed, SUBJECTS, sizeof(changed));
	changed[0].dob = "1972";
	s = screen(cs, g_v1, changed, N_SUBJECTS);
	assert_int_equal(s.reopened, 1);
	assert_int_equal(s.suppressed, 1);
	assert_true(find_alert(cs, "C-001", "un-CDi.001", &a));
	assert_string_equal(a.state, "open");
	assert_string_equal(a.changed, "subject: birth_date 1971 -> 1972");

	/* the list gains an alias for one entity and drops another */
	s = screen(cs, g_v2, changed, N_SUBJECTS);
	assert_int_equal(s.delisted, 1);
	assert_true(find_alert(cs, "C-002", "un-CDi.003", &b));
	assert_string_equal(b.state, "open");
	assert_string_equal(b.changed, "entity: alias +Gaston Rumuli");
	assert_true(find_alert(cs, "C-001", "un-CDi.001", &a));
	assert_string_equal(a.state, "delisted");
	assert_true(find_alert(cs, "C-003", "un-CDe.002", &c));
	assert_string_equal(c.state, "decided");
	assert_int_equal(c.verdict, VG_VERDICT_MATCH);

	/* a decision on a delisted alert is refused; listed again, it re-opens */
	decide(cs, a.id, VG_VERDICT_FALSE_POSITIVE, "bob", a.version, VG_ECONFLICT);
	s = screen(cs, g_v1, changed, N_SUBJECTS);
	assert_true(find_alert(cs, "C-001", "un-CDi.001", &a));
	assert_string_equal(a.state, "open");
	assert_string_equal(a.outcome, "reopened");
	assert_intact(cs);
	vg_cases_free(cs);
}

static void test_four_eyes(void **state)
{
	char t[2048];
	vg_cases *cs;
	vg_cases_run_summary s;
	alert_view a;
	bool on;
	(void)state;
	cs = open_store(fresh(t, sizeof(t)));
	assert_int_equal(vg_cases_set_four_eyes(cs, "lead", true), 0);
	assert_int_equal(vg_cases_four_eyes(&on, cs), 0);
	assert_true(on);
	screen(cs, g_v1, SUBJECTS, N_SUBJECTS);
	assert_true(find_alert(cs, "C-001", "un-CDi.001", &a));
	decide(cs, a.id, VG_VERDICT_FALSE_POSITIVE, "alice", 0, 0);
	assert_true(find_alert(cs, "C-001", "un-CDi.001", &a));
	assert_string_equal(a.state, "pending");
	assert_true(a.awaiting);
	/* not suppressed before the approval */
	s = screen(cs, g_v1, SUBJECTS, N_SUBJECTS);
	assert_int_equal(s.suppressed, 0);
	assert_int_equal(s.pending, 1);
	assert_int_equal(vg_cases_approve(NULL, cs, a.id, "alice", 0), VG_EUSAGE);
	assert_int_equal(vg_cases_approve(NULL, cs, a.id, "bob", a.version + 7), VG_ECONFLICT);
	assert_int_equal(vg_cases_approve(NULL, cs, a.id, "bob", 0), 0);
	assert_int_equal(vg_cases_approve(NULL, cs, a.id, "carol", 0), VG_ECONFLICT);
	s = screen(cs, g_v1, SUBJECTS, N_SUBJECTS);
	assert_int_equal(s.suppressed, 1);
	assert_intact(cs);
	vg_cases_free(cs);
}

static void test_stale_decisions_conflict(void **state)
{
	char t[2048];
	vg_cases *cs;
	alert_view a;
	subject changed[N_SUBJECTS];
	(void)state;
	cs = open_store(fresh(t, sizeof(t)));
	screen(cs, g_v1, SUBJECTS, N_SUBJECTS);
	assert_true(find_alert(cs, "C-002", "un-CDi.003", &a));
	assert_int_equal(a.version, 1);
	decide(cs, a.id, VG_VERDICT_ESCALATE, "alice", 1, 0);
	/* bob read version 1 too: his decision must not overwrite alice's */
	decide(cs, a.id, VG_VERDICT_FALSE_POSITIVE, "bob", 1, VG_ECONFLICT);
	decide(cs, a.id, VG_VERDICT_FALSE_POSITIVE, "bob", 0, VG_ECONFLICT);
	decide(cs, a.id, VG_VERDICT_FALSE_POSITIVE, "bob", 2, 0);
	/* a run re-opens it: a decision on what was seen before conflicts */
	memcpy(changed, SUBJECTS, sizeof(changed));
	changed[1].nationality = "cd";
	screen(cs, g_v1, changed, N_SUBJECTS);
	assert_true(find_alert(cs, "C-002", "un-CDi.003", &a));
	assert_int_equal(a.version, 4);
	decide(cs, a.id, VG_VERDICT_MATCH, "carol", 3, VG_ECONFLICT);
	decide(cs, 999999, VG_VERDICT_MATCH, "carol", 0, VG_ENOTFOUND);
	assert_int_equal(raw_sql(t, "SELECT count(*) FROM decisions"), 2);
	vg_cases_free(cs);
}

typedef struct {
	const char *target;
	int64_t alert, version;
	const char *analyst;
	pthread_barrier_t *go;
	int rc;
} racer;

static void *race(void *arg)
{
	racer *r = arg;
	vg_cases *cs = open_store(r->target);
	vg_cases_decision d = VG_CASES_DECISION_INIT;
	d.alert = r->alert;
	d.verdict = VG_VERDICT_FALSE_POSITIVE;
	d.analyst = r->analyst;
	d.reason = "race";
	d.expected_version = r->version;
	pthread_barrier_wait(r->go);
	r->rc = vg_cases_decide(NULL, cs, &d);
	vg_cases_free(cs);
	return NULL;
}

/* Two analysts, two connections, the same alert at the same moment. */
static void test_concurrent_decisions(void **state)
{
	char t[2048];
	vg_cases *cs;
	alert_view a;
	int round;
	(void)state;
	cs = open_store(fresh(t, sizeof(t)));
	screen(cs, g_v1, SUBJECTS, N_SUBJECTS);
	assert_true(find_alert(cs, "C-001", "un-CDi.001", &a));
	for (round = 0; round < 20; round++) {
		pthread_barrier_t go;
		pthread_t th[2];
		racer r[2] = { { t, a.id, a.version, "alice", &go, 99 },
			       { t, a.id, a.version, "bob", &go, 99 } };
		int i;
		pthread_barrier_init(&go, NULL, 2);
		for (i = 0; i < 2; i++)
			pthread_create(&th[i], NULL, race, &r[i]);
		for (i = 0; i < 2; i++)
			pthread_join(th[i], NULL);
		pthread_barrier_destroy(&go);
		if (!((r[0].rc == 0 && r[1].rc == VG_ECONFLICT) ||
		      (r[1].rc == 0 && r[0].rc == VG_ECONFLICT)))
			fail_msg("round %d: %d and %d, expected one 0 and one conflict", round,
				 r[0].rc, r[1].rc);
		assert_true(find_alert(cs, "C-001", "un-CDi.001", &a));
		assert_int_equal(a.version, round + 2);
	}
	assert_int_equal(raw_sql(t, "SELECT count(*) FROM decisions"), 20);
	assert_intact(cs);
	vg_cases_free(cs);
}

static void test_resume_without_duplicates(void **state)
{
	char t[2048];
	vg_cases *cs;
	vg_cases_run_summary s;
	bool resumed;
	(void)state;
	cs = open_store(fresh(t, sizeof(t)));
	/* one batch of two subjects recorded, then the process "dies" */
	run_subjects(cs, g_v1, SUBJECTS, N_SUBJECTS, "digest-1", 2, 1, &resumed);
	assert_false(resumed);
	assert_int_equal(raw_sql(t, "SELECT count(*) FROM runs WHERE status = 'incomplete'"), 1);
	assert_int_equal(raw_sql(t, "SELECT count(*) FROM alerts"), 2);
	/* the same input again completes the same run */
	s = run_subjects(cs, g_v1, SUBJECTS, N_SUBJECTS, "digest-1", 2, 0, &resumed);
	assert_true(resumed);
	assert_int_equal(s.run, 1);
	assert_int_equal(s.subjects, 4);
	assert_int_equal(s.new_alerts, 3);
	assert_int_equal(s.duplicates, 0);
	assert_int_equal(raw_sql(t, "SELECT count(*) FROM alerts"), 3);
	assert_int_equal(raw_sql(t, "SELECT count(*) FROM run_alerts"), 3);
	assert_int_equal(raw_sql(t, "SELECT count(*) FROM runs"), 1);
	assert_int_equal(raw_sql(t, "SELECT count(*) FROM runs WHERE status = 'complete'"), 1);
	/* a finished run is not resumed: the same input again is a new run */
	s = run_subjects(cs, g_v1, SUBJECTS, N_SUBJECTS, "digest-1", 2, 0, &resumed);
	assert_false(resumed);
	assert_int_equal(s.run, 2);
	assert_int_equal(s.open, 3);
	assert_intact(cs);
	vg_cases_free(cs);
}

static void test_duplicate_ids_in_one_run(void **state)
{
	char t[2048];
	vg_cases *cs;
	vg_cases_run_summary s;
	subject twice[] = { SUBJECTS[0], SUBJECTS[1], SUBJECTS[0] };
	(void)state;
	cs = open_store(fresh(t, sizeof(t)));
	s = screen(cs, g_v1, twice, 3);
	assert_int_equal(s.subjects, 2);
	assert_int_equal(s.duplicates, 1);
	assert_int_equal(s.new_alerts, 2);
	vg_cases_free(cs);
}

static void test_list_filters(void **state)
{
	char t[2048];
	vg_cases *cs;
	vg_cases_filter f = VG_CASES_FILTER_INIT;
	vg_cases_list *l;
	alert_view a;
	vg_buf b = VG_BUF_INIT;
	(void)state;
	cs = open_store(fresh(t, sizeof(t)));
	screen(cs, g_v1, SUBJECTS, N_SUBJECTS);
	assert_true(find_alert(cs, "C-003", "un-CDe.002", &a));
	decide(cs, a.id, VG_VERDICT_MATCH, "alice", 0, 0);
	f.state = "open";
	assert_int_equal(vg_cases_alerts(&l, cs, &f), 0);
	assert_int_equal(vg_cases_list_count(l), 2);
	vg_cases_list_free(l);
	f.state = "all";
	f.limit = 1;
	assert_int_equal(vg_cases_alerts(&l, cs, &f), 0);
	assert_int_equal(vg_cases_list_count(l), 1);
	assert_int_equal(vg_cases_list_total(l), 3);
	f.after = vg_cases_list_alert(l, 0)->id;
	vg_cases_list_free(l);
	f.limit = 0;
	assert_int_equal(vg_cases_alerts(&l, cs, &f), 0);
	assert_int_equal(vg_cases_list_count(l), 2);
	vg_cases_list_free(l);
	f = (vg_cases_filter)VG_CASES_FILTER_INIT;
	f.dataset = "un_sc"; /* the stem of un-sc.ftm.jsonl as a slug */
	f.verdict = VG_VERDICT_MATCH;
	assert_int_equal(vg_cases_alerts(&l, cs, &f), 0);
	assert_int_equal(vg_cases_list_count(l), 1);
	assert_int_equal(vg_cases_alert_json(l, 0, &b), 0);
	assert_non_null(strstr(b.ptr, "\"verdict\": \"match\""));
	vg_cases_list_free(l);
	f.dataset = "un_s_"; /* '_' is no wildcard */
	assert_int_equal(vg_cases_alerts(&l, cs, &f), 0);
	assert_int_equal(vg_cases_list_count(l), 0);
	vg_cases_list_free(l);
	f = (vg_cases_filter)VG_CASES_FILTER_INIT;
	f.state = "bogus";
	assert_int_equal(vg_cases_alerts(&l, cs, &f), VG_EUSAGE);
	/* one alert with its history */
	assert_int_equal(vg_cases_alert_get(&l, cs, a.id), 0);
	assert_int_equal(vg_cases_list_event_count(l), 2);
	assert_string_equal(vg_cases_list_event(l, 0)->kind, "new");
	assert_string_equal(vg_cases_list_event(l, 1)->kind, "decision");
	vg_buf_clear(&b);
	assert_int_equal(vg_cases_alert_json(l, 0, &b), 0);
	assert_non_null(strstr(b.ptr, "\"result\": {\"id\": \"un-CDe.002\""));
	assert_non_null(strstr(b.ptr, "\"subject_attributes\": {\"name\": \"Butembo Airlines\""));
	vg_cases_list_free(l);
	assert_int_equal(vg_cases_alert_get(&l, cs, 424242), VG_ENOTFOUND);
	vg_buf_dispose(&b);
	vg_cases_free(cs);
}

/* ---- the audit trail ----------------------------------------------------- */

static vg_cases_audit_report verify(const char *t)
{
	vg_cases_audit_report rep;
	vg_cases *cs = open_store(t);
	assert_int_equal(vg_cases_audit_verify(&rep, cs), 0);
	vg_cases_free(cs);
	return rep;
}

static const char *drop_guard(void)
{
	return g_pg ? "ALTER TABLE audit DISABLE TRIGGER audit_append_only" :
		      "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete";
}

static void tamper(const char *t, const char *sql)
{
	if (!g_pg) {
		sqlite3 *db;
		assert_int_equal(sqlite3_open(t, &db), SQLITE_OK);
		sqlite3_exec(db, drop_guard(), NULL, NULL, NULL);
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
			fail_msg("%s: %s", sql, sqlite3_errmsg(db));
		sqlite3_close(db);
		return;
	}
	raw_sql(t, drop_guard());
	raw_sql(t, sql);
}

static const char *new_trail(char *t, size_t len)
{
	vg_cases *cs = open_store(fresh(t, len));
	alert_view a;
	screen(cs, g_v1, SUBJECTS, N_SUBJECTS);
	assert_true(find_alert(cs, "C-001", "un-CDi.001", &a));
	decide(cs, a.id, VG_VERDICT_FALSE_POSITIVE, "alice", 0, 0);
	screen(cs, g_v1, SUBJECTS, N_SUBJECTS);
	vg_cases_free(cs);
	return t;
}

static void test_audit_detects_tampering(void **state)
{
	char t[2048];
	vg_cases_audit_report rep;
	long long n, dec;
	(void)state;
	new_trail(t, sizeof(t));
	rep = verify(t);
	assert_true(rep.intact);
	n = raw_sql(t, "SELECT count(*) FROM audit");
	assert_int_equal(rep.records, n);
	assert_true(n >= 10);

	/* the trail refuses edits while its guard is in place */
	if (!g_pg) {
		sqlite3 *db;
		assert_int_equal(sqlite3_open(t, &db), SQLITE_OK);
		assert_int_not_equal(sqlite3_exec(db, "UPDATE audit SET actor = 'x' WHERE seq = 2",
						  NULL, NULL, NULL), SQLITE_OK);
		assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit WHERE seq = 2", NULL,
						  NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
	}
	/* an edited reason */
	dec = raw_sql(t, "SELECT seq FROM audit WHERE action = 'decision'");
	{
		char sql[200];
		snprintf(sql, sizeof(sql), "UPDATE audit SET detail = replace(detail, 'passport', "
			 "'driving licence') WHERE seq = %lld", dec);
		tamper(t, sql);
	}
	rep = verify(t);
	assert_false(rep.intact);
	assert_int_equal(rep.first_broken, dec);
	assert_non_null(strstr(rep.problem, "does not match its hash"));

	/* a deleted record in the middle */
	new_trail(t, sizeof(t));
	tamper(t, "DELETE FROM audit WHERE seq = 4");
	rep = verify(t);
	assert_false(rep.intact);
	assert_int_equal(rep.first_broken, 4);
	assert_non_null(strstr(rep.problem, "missing"));

	/* the last records deleted */
	new_trail(t, sizeof(t));
	n = raw_sql(t, "SELECT max(seq) FROM audit");
	tamper(t, "DELETE FROM audit WHERE seq > 7");
	rep = verify(t);
	assert_false(rep.intact);
	assert_int_equal(rep.records, 7);
	assert_non_null(strstr(rep.problem, "head"));

	/* a record replaced by a consistent one: the next one breaks */
	new_trail(t, sizeof(t));
	tamper(t, "UPDATE audit SET hash = '" "1111111111111111111111111111111111111111111111111111111111111111"
		  "' WHERE seq = 3");
	rep = verify(t);
	assert_false(rep.intact);
	assert_int_equal(rep.first_broken, 3);
	(void)n;
}

typedef struct {
	vg_buf b;
} collect;

static int collect_cb(void *ctx, const char *data, size_t len)
{
	return vg_buf_put(&((collect *)ctx)->b, data, len) < 0;
}

static size_t count_lines(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += *s == '\n';
	return n;
}

static void test_audit_export(void **state)
{
	char t[2048];
	collect c = { VG_BUF_INIT };
	vg_cases *cs;
	long long n;
	(void)state;
	new_trail(t, sizeof(t));
	n = raw_sql(t, "SELECT count(*) FROM audit");
	cs = open_store(t);
	assert_int_equal(vg_cases_audit_export(cs, NULL, NULL, VG_CASES_CSV, collect_cb, &c), 0);
	assert_int_equal(count_lines(c.b.ptr), n + 1);
	assert_true(!strncmp(c.b.ptr, "seq,at,actor,action,object,detail,prev_hash,hash\r\n", 50));
	vg_buf_clear(&c.b);
	assert_int_equal(vg_cases_audit_export(cs, "2000-01-01", "2000-12-31", VG_CASES_CSV,
					       collect_cb, &c), 0);
	assert_int_equal(count_lines(c.b.ptr), 1);
	vg_buf_clear(&c.b);
	{
		/* today, as a date: every record, inclusive of the whole day */
		char now[32], day[11];
		vg__cases_now(now);
		memcpy(day, now, 10);
		day[10] = '\0';
		assert_int_equal(vg_cases_audit_export(cs, day, day, VG_CASES_JSON, collect_cb, &c), 0);
		assert_int_equal(count_lines(c.b.ptr), n + 2); /* "[", records, "]" */
		assert_non_null(strstr(c.b.ptr, "\"action\": \"decision\""));
	}
	assert_int_equal(vg_cases_audit_export(cs, "yesterday", NULL, VG_CASES_CSV, collect_cb, &c),
			 VG_EUSAGE);
	vg_buf_dispose(&c.b);
	vg_cases_free(cs);
}

/* ---- refusing what is not ours ------------------------------------------ */

static void file_hash(const char *path, unsigned long long *h, long long *size)
{
	FILE *f = fopen(path, "rb");
	int c;
	*h = 1469598103934665603ULL;
	*size = 0;
	assert_non_null(f);
	while ((c = fgetc(f)) != EOF) {
		*h = (*h ^ (unsigned)c) * 1099511628211ULL;
		(*size)++;
	}
	fclose(f);
}

static void refused_untouched(const char *path, const char *expect)
{
	unsigned long long h1, h2;
	long long s1, s2;
	vg_cases *cs = NULL;
	int rc;
	file_hash(path, &h1, &s1);
	rc = vg_cases_open(&cs, path, NULL);
	assert_int_equal(rc, VG_EDATA);
	assert_null(cs);
	if (!strstr(vg_error_last()->message, expect))
		fail_msg("'%s' does not say '%s'", vg_error_last()->message, expect);
	file_hash(path, &h2, &s2);
	assert_true(h1 == h2 && s1 == s2);
	{
		char wal[2100];
		struct stat st;
		snprintf(wal, sizeof(wal), "%s-wal", path);
		assert_true(stat(wal, &st) != 0 || st.st_size == 0);
	}
}

static void test_foreign_and_damaged_files(void **state)
{
	char t[2048], path[2048];
	sqlite3 *db;
	FILE *f;
	vg_cases *cs;
	long long size;
	unsigned long long h;
	(void)state;
	if (g_pg) {
		/* a database whose vigil_cases schema someone else made */
		fresh(t, sizeof(t));
		raw_sql(t, "CREATE SCHEMA vigil_cases; CREATE TABLE vigil_cases.things (x int)");
		assert_int_equal(vg_cases_open(&cs, t, NULL), VG_EDATA);
		assert_non_null(strstr(vg_error_last()->message, "not a vigil case store"));
		assert_int_equal(raw_sql(t, "SELECT count(*) FROM pg_tables WHERE schemaname = "
					    "'vigil_cases'"), 1);
		/* a store of a newer vigil */
		cs = open_store(fresh(t, sizeof(t)));
		vg_cases_free(cs);
		raw_sql(t, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
		assert_int_equal(vg_cases_open(&cs, t, NULL), VG_EDATA);
		assert_non_null(strstr(vg_error_last()->message, "newer"));
		return;
	}
	snprintf(path, sizeof(path), "%s/notes.txt", g_dir);
	f = fopen(path, "w");
	fputs("id,name\nC-1,someone\n", f);
	fclose(f);
	refused_untouched(path, "not a SQLite database");

	snprintf(path, sizeof(path), "%s/other.db", g_dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_exec(db, "CREATE TABLE customers (id TEXT); INSERT INTO customers VALUES ('a')",
		     NULL, NULL, NULL);
	sqlite3_close(db);
	refused_untouched(path, "another application");

	/* our own store, damaged: bytes overwritten inside a table's page */
	new_trail(t, sizeof(t));
	assert_int_equal(raw_sql(t, "PRAGMA wal_checkpoint(TRUNCATE)"), 0);
	file_hash(t, &h, &size);
	assert_true(size > 8 * 4096);
	f = fopen(t, "r+b");
	fseek(f, 5 * 4096 + 8, SEEK_SET);
	fputs("\xff\xff\xff\xff garbage over a b-tree page header", f);
	fclose(f);
	refused_untouched(t, "damaged");

	/* truncated to half */
	new_trail(t, sizeof(t));
	assert_int_equal(raw_sql(t, "PRAGMA wal_checkpoint(TRUNCATE)"), 0);
	file_hash(t, &h, &size);
	assert_int_equal(truncate(t, size / 2), 0);
	refused_untouched(t, "damaged");

	/* a newer schema */
	cs = open_store(fresh(t, sizeof(t)));
	vg_cases_free(cs);
	raw_sql(t, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
	assert_int_equal(raw_sql(t, "PRAGMA wal_checkpoint(TRUNCATE)"), 0);
	refused_untouched(t, "newer");
}

/* ---- crashes --------------------------------------------------------------- */

/* Runs op in a child that kills itself before its n-th statement, for
 * n = 1, 2, ... until op completes; check() looks at the store after each
 * crash.  Returns how many crash points there were. */
static int crash_everywhere(const char *t, void (*op)(vg_cases *cs, void *ctx), void *ctx,
			    void (*check)(const char *t, void *ctx, bool done))
{
	unsigned long n;
	for (n = 1; n < 500; n++) {
		int status;
		pid_t pid;
		fflush(stdout);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			vg_cases *cs = NULL;
			if (vg_cases_open(&cs, t, NULL) != 0)
				_exit(3);
			vg__cases_crash_at(cs, n);
			op(cs, ctx);
			_exit(0);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (WIFEXITED(status)) {
			assert_int_equal(WEXITSTATUS(status), 0);
			check(t, ctx, true);
			return (int)n - 1;
		}
		assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
		check(t, ctx, false);
		{
			vg_cases *cs = open_store(t);
			assert_intact(cs);
			vg_cases_free(cs);
		}
	}
	fail_msg("the operation never completed");
	return -1;
}

static void op_decide(vg_cases *cs, void *ctx)
{
	vg_cases_decision d = VG_CASES_DECISION_INIT;
	d.alert = *(int64_t *)ctx;
	d.verdict = VG_VERDICT_FALSE_POSITIVE;
	d.analyst = "alice";
	d.reason = "crash test";
	if (vg_cases_decide(NULL, cs, &d) != 0)
		_exit(4);
}

/* All of the decision or none: the alert, the decision row and its audit
 * record move together. */
static void check_decide(const char *t, void *ctx, bool done)
{
	char sql[200];
	long long decisions = raw_sql(t, "SELECT count(*) FROM decisions");
	long long audited = raw_sql(t, "SELECT count(*) FROM audit WHERE action = 'decision'");
	snprintf(sql, sizeof(sql), "SELECT version FROM alerts WHERE id = %lld",
		 (long long)*(int64_t *)ctx);
	assert_true(decisions == 0 || decisions == 1);
	assert_int_equal(audited, decisions);
	assert_int_equal(raw_sql(t, sql), 1 + decisions);
	if (done)
		assert_int_equal(decisions, 1);
}

static void test_crash_during_decision(void **state)
{
	char t[2048];
	vg_cases *cs;
	alert_view a;
	int points;
	(void)state;
	cs = open_store(fresh(t, sizeof(t)));
	screen(cs, g_v1, SUBJECTS, N_SUBJECTS);
	assert_true(find_alert(cs, "C-002", "un-CDi.003", &a));
	vg_cases_free(cs);
	points = crash_everywhere(t, op_decide, &a.id, check_decide);
	printf("decision: crashed at each of %d statements, never half-written\n", points);
	assert_true(points >= 5);
}

static void op_approve(vg_cases *cs, void *ctx)
{
	if (vg_cases_set_four_eyes(cs, "lead", false) != 0 ||
	    vg_cases_approve(NULL, cs, *(int64_t *)ctx, "bob", 0) != 0)
		_exit(4);
}

/* The policy change and the approval each all or nothing: the rule and its
 * audit record move together, the approval, its alert and its audit
 * record too. */
static void check_approve(const char *t, void *ctx, bool done)
{
	char sql[200];
	long long policy = raw_sql(t, "SELECT count(*) FROM audit WHERE action = 'policy.four_eyes'");
	long long approved = raw_sql(t, "SELECT count(*) FROM decisions WHERE approved_by IS NOT NULL");
	long long audited = raw_sql(t, "SELECT count(*) FROM audit WHERE action = 'approval'");
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM alerts WHERE id = %lld AND state = 'decided'",
		 (long long)*(int64_t *)ctx);
	/* each attempt that got past the policy change recorded it again */
	assert_true(policy >= 1);
	assert_int_equal(raw_sql(t, "SELECT count(*) FROM meta WHERE key = 'four_eyes' AND value = 'off'"),
			 policy > 1);
	assert_true(approved <= 1);
	assert_int_equal(audited, approved);
	assert_int_equal(raw_sql(t, sql), approved);
	if (done)
		assert_int_equal(approved, 1);
}

static void test_crash_during_approval(void **state)
{
	char t[2048];
	vg_cases *cs;
	alert_view a;
	int points;
	(void)state;
	cs = open_store(fresh(t, sizeof(t)));
	assert_int_equal(vg_cases_set_four_eyes(cs, "lead", true), 0);
	screen(cs, g_v1, SUBJECTS, N_SUBJECTS);
	assert_true(find_alert(cs, "C-001", "un-CDi.001", &a));
	decide(cs, a.id, VG_VERDICT_FALSE_POSITIVE, "alice", 0, 0);
	vg_cases_free(cs);
	points = crash_everywhere(t, op_approve, &a.id, check_approve);
	printf("policy and approval: crashed at each of %d statements, never half-written\n",
	       points);
	assert_true(points >= 8);
}

static void op_run(vg_cases *cs, void *ctx)
{
	(void)ctx;
	run_subjects(cs, g_v2, SUBJECTS, N_SUBJECTS, "crash-digest", 2, 0, NULL);
}

/* Every batch whole or absent: subjects and their alerts together, every
 * alert audited once; the run incomplete until finished. */
static void check_run(const char *t, void *ctx, bool done)
{
	long long subjects = raw_sql(t, "SELECT count(*) FROM subjects s JOIN runs r ON "
					"r.id = s.last_run WHERE r.input_digest = 'crash-digest'");
	long long runs = raw_sql(t, "SELECT count(*) FROM runs WHERE input_digest = 'crash-digest'");
	long long complete = raw_sql(t, "SELECT count(*) FROM runs WHERE input_digest = "
					"'crash-digest' AND status = 'complete'");
	long long seen = raw_sql(t, "SELECT count(*) FROM run_alerts ra JOIN runs r ON r.id = "
				    "ra.run_id WHERE r.input_digest = 'crash-digest'");
	long long audited = raw_sql(t, "SELECT count(*) FROM audit WHERE action IN ('alert.new',"
				       " 'alert.reopen', 'alert.suppress', 'alert.delist')");
	(void)ctx;
	assert_true(runs <= 1);
	assert_true(subjects == 0 || subjects == 2 || subjects == 4);
	/* against v2, batch 1 (C-001, C-002) raises one alert (C-001's entity
	 * left the list), batch 2 (C-003, C-004) one; finishing delists
	 * C-001's alert */
	assert_int_equal(seen, subjects / 2 + complete);
	assert_true(complete == 0 || subjects == 4);
	/* run 1 audited three new alerts; run 2 each of its alert events once */
	assert_int_equal(audited, 3 + raw_sql(t, "SELECT count(*) FROM run_alerts ra JOIN runs r"
					      " ON r.id = ra.run_id WHERE r.input_digest = "
					      "'crash-digest' AND ra.outcome IN ('new', 'reopened',"
					      " 'suppressed', 'delisted')"));
	if (done) {
		assert_int_equal(complete, 1);
		assert_int_equal(runs, 1);
	}
}

static void test_crash_during_run(void **state)
{
	char t[2048];
	vg_cases *cs;
	int points;
	long long alerts;
	(void)state;
	cs = open_store(fresh(t, sizeof(t)));
	screen(cs, g_v1, SUBJECTS, N_SUBJECTS); /* run 1: three alerts */
	vg_cases_free(cs);
	points = crash_everywhere(t, op_run, NULL, check_run);
	printf("run: crashed at each of %d statements, every batch whole or absent\n", points);
	assert_true(points >= 10);
	/* however often it crashed, resuming left no duplicate */
	alerts = raw_sql(t, "SELECT count(*) FROM alerts");
	assert_int_equal(alerts, 3);
	assert_int_equal(raw_sql(t, "SELECT count(*) FROM runs"), 2);
}

/* PostgreSQL: a connection dropped between calls (a restarted server) is
 * made again by the next call. */
static void test_reconnect(void **state)
{
	char t[2048];
	vg_cases *cs;
	alert_view a;
	(void)state;
	if (!g_pg) {
		printf("PostgreSQL only\n");
		return;
	}
	cs = open_store(fresh(t, sizeof(t)));
	screen(cs, g_v1, SUBJECTS, N_SUBJECTS);
	assert_int_equal(raw_sql(t, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
				    " WHERE datname = current_database() AND pid <> pg_backend_pid()"), 1);
	assert_true(find_alert(cs, "C-002", "un-CDi.003", &a));
	decide(cs, a.id, VG_VERDICT_MATCH, "alice", 0, 0);
	vg_cases_free(cs);
}

/* ---- canonical facts ---------------------------------------------------- */

static void test_facts_and_changes(void **state)
{
	vg_buf a = VG_BUF_INIT, b = VG_BUF_INIT, d = VG_BUF_INIT;
	char ha[65], hb[65];
	vg_cases_attr one[] = { { "name", "  Jane\t Doe " }, { "birth_date", "1980" },
				{ "country", "" } };
	vg_cases_attr two[] = { { "birth_date", "1980" }, { "name", "Jane Doe" } };
	vg_cases_attr bad[] = { { "na me", "x" } };
	uint32_t ord;
	(void)state;
	/* whitespace, order and empty values are no change */
	assert_int_equal(vg__cases_subject_facts(&a, ha, one, 3), 0);
	assert_int_equal(vg__cases_subject_facts(&b, hb, two, 2), 0);
	assert_string_equal(a.ptr, "birth_date\t1980\nname\tJane Doe\n");
	assert_string_equal(ha, hb);
	assert_int_equal(vg__cases_subject_facts(&d, ha, bad, 1), VG_EUSAGE);
	vg_buf_clear(&d);
	assert_int_equal(vg__cases_describe(&d, "subject", a.ptr, b.ptr), 0);
	assert_int_equal(d.size, 0);
	assert_int_equal(vg__cases_describe(&d, "subject", "a\t1\nb\tx\nb\ty\n",
					    "a\t2\nb\tx\nc\tz\n"), 0);
	assert_string_equal(d.ptr, "subject: a 1 -> 2; b -y; c +z");
	/* the entity's facts come from the index, and move with its record */
	vg_buf_clear(&a);
	vg_buf_clear(&b);
	assert_int_equal(vg_index_lookup(&ord, g_v1, "un-CDi.003"), 0);
	assert_int_equal(vg__cases_entity_facts(&a, ha, g_v1, ord), 0);
	assert_non_null(strstr(a.ptr, "alias\tVictor Rumuri\n"));
	assert_non_null(strstr(a.ptr, "sanction.program\tDRC\n"));
	assert_non_null(strstr(a.ptr, "dataset\tun_sc\n"));
	assert_int_equal(vg_index_lookup(&ord, g_v2, "un-CDi.003"), 0);
	assert_int_equal(vg__cases_entity_facts(&b, hb, g_v2, ord), 0);
	assert_string_not_equal(ha, hb);
	vg_buf_clear(&d);
	assert_int_equal(vg__cases_describe(&d, "entity", a.ptr, b.ptr), 0);
	assert_string_equal(d.ptr, "entity: alias +Gaston Rumuli");
	assert_int_equal(vg_index_lookup(&ord, g_v2, "un-CDe.002"), 0);
	vg_buf_clear(&b);
	assert_int_equal(vg__cases_entity_facts(&b, hb, g_v2, ord), 0);
	assert_int_equal(vg_index_lookup(&ord, g_v1, "un-CDe.002"), 0);
	vg_buf_clear(&a);
	assert_int_equal(vg__cases_entity_facts(&a, ha, g_v1, ord), 0);
	assert_string_equal(ha, hb); /* the same record in both versions */
	vg_buf_dispose(&a);
	vg_buf_dispose(&b);
	vg_buf_dispose(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_facts_and_changes),
		cmocka_unit_test(test_create_and_reopen),
		cmocka_unit_test(test_migrate_from_v1),
		cmocka_unit_test(test_suppress_and_reopen),
		cmocka_unit_test(test_four_eyes),
		cmocka_unit_test(test_stale_decisions_conflict),
		cmocka_unit_test(test_concurrent_decisions),
		cmocka_unit_test(test_resume_without_duplicates),
		cmocka_unit_test(test_duplicate_ids_in_one_run),
		cmocka_unit_test(test_list_filters),
		cmocka_unit_test(test_audit_detects_tampering),
		cmocka_unit_test(test_audit_export),
		cmocka_unit_test(test_foreign_and_damaged_files),
		cmocka_unit_test(test_reconnect),
		cmocka_unit_test(test_crash_during_decision),
		cmocka_unit_test(test_crash_during_approval),
		cmocka_unit_test(test_crash_during_run),
	};
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
