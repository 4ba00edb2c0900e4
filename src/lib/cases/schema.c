/*
 * schema.c - the case store's schema: every table, index and trigger, as
 * numbered migrations.  This file is the only place that defines them.
 *
 * A store records the migrations it went through in `migrations` and its
 * version in meta('schema_version').  vg__cases_migrate (store.c) applies,
 * in one transaction, every migration above the store's version; a store
 * whose version is above VG__CASES_SCHEMA_VERSION belongs to a newer vigil
 * and is refused.  Migrations are never edited once released: a change is
 * a new migration.
 *
 * SQL is shared by both databases but for the dialect tokens of db.c
 * ({ID}, ...) and the statements a migration gives per dialect (triggers).
 * Times are text, ISO 8601 UTC with microseconds ("2026-05-01T10:00:00.
 * 123456Z"), so that both databases sort and compare them alike; hashes are
 * lowercase hex SHA-256.
 */
#include "cases/schema.h"

#include <stddef.h>

static const char v1_both[] =
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
	"CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	" applied_at TEXT NOT NULL);\n"
	/* subjects: the caller's records, by the caller's id; last_run and
	 * last_row say where it was screened last (a run records a subject
	 * once: see record.c) */
	"CREATE TABLE subjects (id {ID}, ext_id TEXT NOT NULL UNIQUE,"
	" attrs TEXT NOT NULL, attrs_hash TEXT NOT NULL, first_seen TEXT NOT NULL,"
	" updated_at TEXT NOT NULL, last_run BIGINT NOT NULL, last_row BIGINT NOT NULL);\n"
	/* runs: one screening pass each; status 'incomplete' until finished */
	"CREATE TABLE runs (id {ID}, status TEXT NOT NULL, started_at TEXT NOT NULL,"
	" finished_at TEXT, actor TEXT NOT NULL, input TEXT NOT NULL, input_digest TEXT,"
	" resume_key TEXT, index_checksum TEXT NOT NULL, sources TEXT NOT NULL,"
	" threshold DOUBLE PRECISION NOT NULL, algorithm TEXT NOT NULL,"
	" subjects BIGINT NOT NULL DEFAULT 0, duplicates BIGINT NOT NULL DEFAULT 0,"
	" alerts BIGINT NOT NULL DEFAULT 0, new_alerts BIGINT NOT NULL DEFAULT 0,"
	" suppressed BIGINT NOT NULL DEFAULT 0, reopened BIGINT NOT NULL DEFAULT 0,"
	" delisted BIGINT NOT NULL DEFAULT 0, resumed BIGINT NOT NULL DEFAULT 0);\n"
	"CREATE INDEX runs_resume ON runs (resume_key, status);\n"
	/* alerts: one per (subject, entity) pair, across runs */
	"CREATE TABLE alerts (id {ID}, subject_id BIGINT NOT NULL REFERENCES subjects (id),"
	" entity_id TEXT NOT NULL, caption TEXT NOT NULL, schema TEXT NOT NULL,"
	" datasets TEXT NOT NULL, state TEXT NOT NULL, version BIGINT NOT NULL,"
	" score DOUBLE PRECISION NOT NULL, subject_hash TEXT NOT NULL,"
	" subject_attrs TEXT NOT NULL, entity_hash TEXT NOT NULL,"
	" entity_facts TEXT NOT NULL, result TEXT NOT NULL, decision_id BIGINT,"
	" changed TEXT, outcome TEXT NOT NULL, first_run BIGINT NOT NULL,"
	" last_run BIGINT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	" UNIQUE (subject_id, entity_id));\n"
	"CREATE INDEX alerts_state ON alerts (state, id);\n"
	"CREATE INDEX alerts_entity ON alerts (entity_id);\n"
	/* decisions: every verdict ever given, with what it was given on */
	"CREATE TABLE decisions (id {ID}, alert_id BIGINT NOT NULL REFERENCES alerts (id),"
	" verdict TEXT NOT NULL, analyst TEXT NOT NULL, reason TEXT NOT NULL,"
	" decided_at TEXT NOT NULL, needs_approval INTEGER NOT NULL, approved_by TEXT,"
	" approved_at TEXT, subject_hash TEXT NOT NULL, subject_attrs TEXT NOT NULL,"
	" entity_hash TEXT NOT NULL, entity_facts TEXT NOT NULL,"
	" alert_version BIGINT NOT NULL);\n"
	"CREATE INDEX decisions_alert ON decisions (alert_id, id);\n"
	/* what each run made of each alert it raised */
	"CREATE TABLE run_alerts (run_id BIGINT NOT NULL REFERENCES runs (id),"
	" alert_id BIGINT NOT NULL REFERENCES alerts (id), outcome TEXT NOT NULL,"
	" score DOUBLE PRECISION NOT NULL, detail TEXT, at TEXT NOT NULL,"
	" PRIMARY KEY (run_id, alert_id));\n"
	/* the audit trail: append-only, each record chained to the one before */
	"CREATE TABLE audit (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,"
	" action TEXT NOT NULL, object TEXT NOT NULL, detail TEXT NOT NULL,"
	" prev_hash TEXT NOT NULL, hash TEXT NOT NULL);\n"
	"CREATE INDEX audit_at ON audit (at);\n"
	"CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL,"
	" hash TEXT NOT NULL);\n"
	"INSERT INTO audit_head (id, seq, hash) VALUES (1, 0,"
	" '0000000000000000000000000000000000000000000000000000000000000000');\n";

static const char v1_sqlite[] =
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;\n"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;\n";

static const char v1_pg[] =
	"CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS"
	" $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;\n"
	"CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit"
	" FOR EACH ROW EXECUTE FUNCTION audit_append_only();\n";

/* An alert's history reads run_alerts by alert, and delisting reads the
 * alerts not closed by entity. */
static const char v2_both[] =
	"CREATE INDEX run_alerts_alert ON run_alerts (alert_id, run_id);\n"

	"CREATE INDEX alerts_entity_state ON alerts (entity_id, state);\n"
	"DROP INDEX alerts_entity;\n";

const vg__migration vg__cases_migrations[] = {
	{ 1, "initial schema", v1_both, v1_sqlite, v1_pg },
	{ 2, "indexes for history and delisting", v2_both, NULL, NULL },
};

const size_t vg__cases_n_migrations =
	sizeof(vg__cases_migrations) / sizeof(vg__cases_migrations[0]);
