/*
 * store.c - opening a case store (choosing the backend from the target,
 * creating or migrating the schema), its settings, and the write
 * transactions every other file of the store goes through.
 *
 * Invariant: a store is ours when meta('application') says so; anything
 * else is refused before a write.  Creating and migrating happen in one
 * transaction (on PostgreSQL under an advisory lock, so two processes
 * opening a new database at once create it once), which also writes the
 * first audit record.
 */
#include "cases/cases_internal.h"
#include "cases/schema.h"
#include "common/alloc.h"
#include "common/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define APPLICATION "vigil-cases"
/* pg_advisory_xact_lock key: "vgcs" */
#define PG_LOCK_KEY "1986488179"

void vg__cases_now(char out[32])
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + 19, 13, ".%06dZ", (int)(ts.tv_nsec / 1000) % 1000000);
}

/* ---- transactions -------------------------------------------------------- */

int vg__cases_begin(vg_cases *cs, bool durable)
{
	int rc;
	vg__cases_audit_forget(cs);
	if ((rc = vg__db_begin(cs->db, true, durable)) < 0)
		return rc;
	/* a store being created has no head yet: migrate() takes it later */
	if (cs->schema_version && (rc = vg__cases_audit_lock(cs)) < 0)
		vg__cases_rollback(cs);
	return rc;
}

int vg__cases_commit(vg_cases *cs)
{
	int rc = vg__cases_audit_flush(cs);
	if (rc < 0) {
		vg__cases_rollback(cs);
		return rc;
	}
	rc = vg__db_commit(cs->db);
	vg__cases_audit_forget(cs);
	return rc;
}

void vg__cases_rollback(vg_cases *cs)
{
	vg__db_rollback(cs->db);
	vg__cases_audit_forget(cs);
}

/* ---- schema --------------------------------------------------------------- */

static const vg__sql S_META_GET = { "reading meta",
	"SELECT value FROM meta WHERE key = $1" };
static const vg__sql S_META_PUT = { "writing meta",
	"INSERT INTO meta (key, value) VALUES ($1, $2)"
	" ON CONFLICT (key) DO UPDATE SET value = excluded.value" };
static const vg__sql S_MIGRATION = { "recording a migration",
	"INSERT INTO migrations (version, name, applied_at) VALUES ($1, $2, $3)" };

static int meta_get(vg_cases *cs, const char *key, char *out, size_t len)
{
	vg__dbres r = VG__DBRES_INIT;
	vg__dbp p[] = { VG__TEXT(key) };
	int rc = vg__db_run(cs->db, &S_META_GET, p, 1, &r);
	out[0] = '\0';
	if (rc == 0 && r.rows)
		snprintf(out, len, "%s", vg__dbres_get(&r, 0, 0) ? vg__dbres_get(&r, 0, 0) : "");
	else if (rc == 0)
		rc = VG_ENOTFOUND;
	vg__dbres_dispose(&r);
	return rc;
}

static int meta_put(vg_cases *cs, const char *key, const char *value)
{
	vg__dbp p[] = { VG__TEXT(key), VG__TEXT(value) };
	return vg__db_run(cs->db, &S_META_PUT, p, 2, NULL);
}

/* The schema version inside the current transaction; 0 for none yet. */
static int current_version(vg_cases *cs, int *version)
{
	static const vg__sql has_sqlite = { "looking for the schema",
		"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'" };
	static const vg__sql has_pg = { "looking for the schema",
		"SELECT count(*) FROM pg_catalog.pg_tables"
		" WHERE schemaname = 'vigil_cases' AND tablename = 'meta'" };
	vg__dbres r = VG__DBRES_INIT;
	char v[32];
	int rc = vg__db_run(cs->db, cs->db->kind == VG__DB_PG ? &has_pg : &has_sqlite,
			    NULL, 0, &r);
	bool has = rc == 0 && vg__dbres_int(&r, 0, 0) > 0;
	vg__dbres_dispose(&r);
	*version = 0;
	if (rc < 0 || !has)
		return rc;
	if ((rc = meta_get(cs, "application", v, sizeof(v))) < 0 || strcmp(v, APPLICATION))
		return vg__error_set(VG_EDATA, "%s: not a vigil case store (its meta names "
				     "another application); left untouched", cs->db->where);
	if ((rc = meta_get(cs, "schema_version", v, sizeof(v))) < 0 || atoi(v) < 1)
		return vg__error_set(VG_EDATA, "%s: the case store has no valid schema "
				     "version; left untouched", cs->db->where);
	*version = atoi(v);
	return 0;
}

static int apply(vg_cases *cs, const vg__migration *m, const char *now)
{
	const char *dialect = cs->db->kind == VG__DB_PG ? m->pg : m->sqlite;
	vg__dbp p[] = { VG__INT(m->version), VG__TEXT(m->name), VG__TEXT(now) };
	int rc;
	if ((rc = cs->db->ops->script(cs->db, m->both)) < 0 ||
	    (dialect && (rc = cs->db->ops->script(cs->db, dialect)) < 0)) {
		vg__error_prefix("%s: migration %d (%s)", cs->db->where, m->version, m->name);
		return rc;
	}
	return vg__db_run(cs->db, &S_MIGRATION, p, 3, NULL);
}

/* Brings the schema to `target` in one transaction. */
static int migrate(vg_cases *cs, int target)
{
	char now[32], detail[128], v[16];
	int from, rc, i;
	vg__cases_now(now);
	if ((rc = vg__cases_begin(cs, true)) < 0)
		return rc;
	if (cs->db->kind == VG__DB_PG &&
	    ((rc = cs->db->ops->script(cs->db, "SELECT pg_advisory_xact_lock(" PG_LOCK_KEY ");"
				       " CREATE SCHEMA IF NOT EXISTS vigil_cases;")) < 0))
		goto fail;
	if ((rc = current_version(cs, &from)) < 0)
		goto fail;
	if (from > VG__CASES_SCHEMA_VERSION) {
		rc = vg__error_set(VG_EDATA, "%s: the case store has schema version %d, newer "
				   "than this vigil knows (%d); upgrade vigil", cs->db->where,
				   from, VG__CASES_SCHEMA_VERSION);
		goto fail;
	}
	for (i = from; i < target; i++)
		if ((rc = apply(cs, &vg__cases_migrations[i], now)) < 0)
			goto fail;
	if (from < target) {
		snprintf(v, sizeof(v), "%d", target);
		if ((!from && ((rc = meta_put(cs, "application", APPLICATION)) < 0 ||
			       (rc = meta_put(cs, "four_eyes", "off")) < 0 ||
			       (rc = meta_put(cs, "created_at", now)) < 0)) ||
		    (rc = meta_put(cs, "schema_version", v)) < 0)
			goto fail;
		snprintf(detail, sizeof(detail), "{\"from\": %d, \"to\": %d}", from, target);
		if ((rc = vg__cases_audit(cs, now, "vigil", from ? "store.migrate" : "store.create",
					  "store", detail)) < 0)
			goto fail;
	}
	if ((rc = vg__cases_commit(cs)) < 0)
		return rc;
	cs->schema_version = from > target ? from : target;
	return 0;
fail:
	vg__cases_rollback(cs);
	return rc;
}

/* Checks a store opened read-only (nothing may be migrated). */
static int check_read_only(vg_cases *cs)
{
	int v, rc;
	if ((rc = vg__db_begin(cs->db, false, false)) < 0)
		return rc;
	rc = current_version(cs, &v);
	vg__db_rollback(cs->db);
	if (rc < 0)
		return rc;
	if (v == 0)
		return vg__error_set(VG_EDATA, "%s: not a vigil case store (no schema); left "
				     "untouched", cs->db->where);
	if (v > VG__CASES_SCHEMA_VERSION)
		return vg__error_set(VG_EDATA, "%s: the case store has schema version %d, newer "
				     "than this vigil knows (%d); upgrade vigil", cs->db->where, v,
				     VG__CASES_SCHEMA_VERSION);
	if (v < VG__CASES_SCHEMA_VERSION)
		return vg__error_set(VG_EUSAGE, "%s: the case store has schema version %d; "
				     "open it once for writing (vigil screen --cases) to migrate "
				     "it to %d", cs->db->where, v, VG__CASES_SCHEMA_VERSION);
	cs->schema_version = v;
	return 0;
}

/* ---- opening ------------------------------------------------------------- */

/* PostgreSQL connection strings: URIs and key=value lists. */
static bool is_pg_target(const char *t)
{
	static const char *const prefixes[] = { "postgresql://", "postgres://", "host=",
						"hostaddr=", "dbname=", "service=", "user=",
						"port=" };
	size_t i;
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(t, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

int vg__cases_open_version(vg_cases **out, const char *target,
			   const vg_cases_options *options, int version)
{
	vg_cases_options def = VG_CASES_OPTIONS_INIT;
	vg_cases *cs;
	bool created = false;
	int rc;
	if (!out || !target || !*target)
		return vg__error_set(VG_EUSAGE, "vg_cases_open: no store named");
	*out = NULL;
	if (!options)
		options = &def;
	if (options->version < 1 || options->version > VG_CASES_OPTIONS_VERSION)
		return vg__error_set(VG_EUSAGE, "vg_cases_open: options version %u unknown",
				     options->version);
	if (!(cs = vg__calloc(1, sizeof(*cs))))
		return vg__error_oom();
	pthread_mutex_init(&cs->mu, NULL);
	if (is_pg_target(target))
		rc = vg__db_pg_open(&cs->db, target, options->create, options->read_only, &created);
	else
		rc = vg__db_sqlite_open(&cs->db, strncmp(target, "sqlite:", 7) ? target : target + 7,
					options->create, options->read_only, &created);
	if (rc == 0) {
		if (options->read_only)
			rc = check_read_only(cs);
		else
			rc = migrate(cs, version);
	}
	if (rc < 0) {
		vg_cases_free(cs);
		return rc;
	}
	*out = cs;
	return 0;
}

int vg_cases_open(vg_cases **out, const char *target, const vg_cases_options *options)
{
	return vg__cases_open_version(out, target, options, VG__CASES_SCHEMA_VERSION);
}

void vg_cases_free(vg_cases *cs)
{
	if (!cs)
		return;
	vg__db_close(cs->db);
	vg_buf_dispose(&cs->queue.text);
	free(cs->queue.off);
	vg_buf_dispose(&cs->sql);
	pthread_mutex_destroy(&cs->mu);
	free(cs);
}

const char *vg_cases_backend(const vg_cases *cs)
{
	return cs && cs->db && cs->db->kind == VG__DB_PG ? "postgresql" : "sqlite";
}

int vg_cases_schema_version(const vg_cases *cs)
{
	return cs ? cs->schema_version : 0;
}

void vg__cases_crash_at(vg_cases *cs, unsigned long n)
{
	cs->db->crash_at = n;
	cs->db->statements = 0;
}

/* ---- settings ------------------------------------------------------------- */

int vg_cases_four_eyes(bool *on, vg_cases *cs)
{
	char v[16];
	int rc;
	if (!on || !cs)
		return vg__error_set(VG_EUSAGE, "vg_cases_four_eyes: NULL argument");
	pthread_mutex_lock(&cs->mu);
	rc = meta_get(cs, "four_eyes", v, sizeof(v));
	pthread_mutex_unlock(&cs->mu);
	*on = rc == 0 && !strcmp(v, "on");
	return rc == VG_ENOTFOUND ? 0 : rc;
}

int vg_cases_set_four_eyes(vg_cases *cs, const char *actor, bool on)
{
	char now[32];
	int rc;
	if (!cs || !actor || !*actor)
		return vg__error_set(VG_EUSAGE, "vg_cases_set_four_eyes: an actor is required");
	vg__cases_now(now);
	pthread_mutex_lock(&cs->mu);
	if ((rc = vg__cases_begin(cs, true)) == 0) {
		if ((rc = meta_put(cs, "four_eyes", on ? "on" : "off")) < 0 ||
		    (rc = vg__cases_audit(cs, now, actor, "policy.four_eyes", "store",
					  on ? "{\"four_eyes\": true}" : "{\"four_eyes\": false}")) < 0)
			vg__cases_rollback(cs);
		else
			rc = vg__cases_commit(cs);
	}
	pthread_mutex_unlock(&cs->mu);
	return rc;
}
