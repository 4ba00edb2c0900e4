/*
 * db_pg.c - the case store on PostgreSQL (libpq), for a team sharing one
 * store.  The store lives in its own schema, vigil_cases, so that the
 * database may hold anything else beside it.
 *
 * Invariant: as on SQLite, nothing is written before the database is known
 * to hold our store or none: a vigil_cases schema without our meta table,
 * or whose meta names another application, is refused with VG_EDATA.
 * Statements the store knows at compile time are prepared once per
 * connection (named vg1, vg2 ...); libpq's notices are swallowed, because
 * the library never prints.
 */
#include "cases/db.h"
#include "common/alloc.h"
#include "common/error.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_SLOTS 128
#define MAX_PARAMS 320

typedef struct {
	vg__db base;
	PGconn *conn;
	const void *keys[CACHE_SLOTS];
	bool prepared[CACHE_SLOTS];
	vg_buf sql;
} pg_db;

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* The first line of libpq's message, without its trailing newline. */
static int pg_error(pg_db *p, PGresult *res, const char *what)
{
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(p->conn);
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	size_t len = strcspn(msg ? msg : "", "\n");
	int code = VG_ERROR;
	if (PQstatus(p->conn) != CONNECTION_OK)
		code = VG_EIO;
	else if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01")))
		code = VG_ECONFLICT;
	else if (state && !strncmp(state, "53", 2))
		code = VG_EIO;
	return vg__error_set(code, "%s%s%.*s", what, what[0] ? ": " : "", (int)len,
			     msg ? msg : "");
}

static int slot_of(pg_db *p, const void *key)
{
	size_t h = ((uintptr_t)key * 0x9E3779B97F4A7C15ull >> 32) % CACHE_SLOTS, i;
	for (i = 0; i < CACHE_SLOTS; i++) {
		size_t k = (h + i) % CACHE_SLOTS;
		if (p->keys[k] == key || !p->keys[k]) {
			p->keys[k] = key;
			return (int)k;
		}
	}
	return -1;
}

/* A connection lost between transactions (the server restarted, a proxy
 * dropped it) is made again: a long-running `vigil serve` must not need a
 * restart of its own.  Inside a transaction the loss is the caller's error:
 * what the transaction did is gone. */
static int reconnect(pg_db *p)
{
	PGresult *r;
	size_t i;
	if (PQstatus(p->conn) == CONNECTION_OK || p->base.in_tx)
		return 0;
	PQreset(p->conn);
	if (PQstatus(p->conn) != CONNECTION_OK)
		return pg_error(p, NULL, "reconnecting");
	for (i = 0; i < CACHE_SLOTS; i++)
		p->prepared[i] = false;
	r = PQexec(p->conn, p->base.read_only ?
		   "SELECT pg_catalog.set_config('search_path', 'vigil_cases', false);"
		   " SET default_transaction_read_only = on" :
		   "SELECT pg_catalog.set_config('search_path', 'vigil_cases', false)");
	if (!r || (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK)) {
		int rc = pg_error(p, r, "reconnecting");
		PQclear(r);
		return rc;
	}
	PQclear(r);
	return 0;
}

static int collect(pg_db *p, PGresult *r, vg__dbres *res)
{
	ExecStatusType st = PQresultStatus(r);
	int rows, cols, i, c;
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
		return pg_error(p, r, "");
	if (!res)
		return 0;
	rows = PQntuples(r);
	cols = PQnfields(r);
	vg__dbres_reset(res, (size_t)cols);
	for (i = 0; i < rows; i++)
		for (c = 0; c < cols; c++)
			if (vg__dbres_add(res, PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c),
					  (size_t)PQgetlength(r, i, c)) < 0)
				return VG_ENOMEM;
	res->changes = strtoll(PQcmdTuples(r), NULL, 10);
	return 0;
}

static int pg_run_once(vg__db *base, const char *sql, const void *key, const vg__dbp *prm,
		       size_t n, vg__dbres *res);

/* Outside a transaction a statement is a read (every write runs inside
 * one): when the connection turns out dropped, it is made again and the
 * statement sent once more. */
static int pg_run(vg__db *base, const char *sql, const void *key, const vg__dbp *prm,
		  size_t n, vg__dbres *res)
{
	pg_db *p = (pg_db *)base;
	int rc = pg_run_once(base, sql, key, prm, n, res);
	if (rc < 0 && !base->in_tx && PQstatus(p->conn) != CONNECTION_OK && reconnect(p) == 0)
		rc = pg_run_once(base, sql, key, prm, n, res);
	return rc;
}

static int pg_run_once(vg__db *base, const char *sql, const void *key, const vg__dbp *prm,
		       size_t n, vg__dbres *res)
{
	pg_db *p = (pg_db *)base;
	char nums[MAX_PARAMS][24], name[16];
	const char *values[MAX_PARAMS];
	PGresult *r;
	int slot = key ? slot_of(p, key) : -1, rc;
	size_t i;
	vg__db_tick(base);
	if (n > MAX_PARAMS)
		return vg__error_set(VG_EUSAGE, "too many parameters");
	if ((rc = reconnect(p)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		switch (prm[i].type) {
		case VG__P_NULL: values[i] = NULL; break;
		case VG__P_TEXT: values[i] = prm[i].s; break;
		case VG__P_INT:
			snprintf(nums[i], sizeof(nums[i]), "%lld", (long long)prm[i].i);
			values[i] = nums[i];
			break;
		case VG__P_REAL:
			snprintf(nums[i], sizeof(nums[i]), "%.17g", prm[i].d);
			values[i] = nums[i];
			break;
		}
	}
	if (slot < 0 || !p->prepared[slot])
		if ((rc = vg__sql_render(&p->sql, VG__DB_PG, sql)) < 0)
			return rc;
	if (slot >= 0) {
		snprintf(name, sizeof(name), "vg%d", slot);
		if (!p->prepared[slot]) {
			r = PQprepare(p->conn, name, p->sql.ptr, 0, NULL);
			if (PQresultStatus(r) != PGRES_COMMAND_OK) {
				rc = pg_error(p, r, "preparing a statement");
				PQclear(r);
				return rc;
			}
			PQclear(r);
			p->prepared[slot] = true;
		}
		r = PQexecPrepared(p->conn, name, (int)n, values, NULL, NULL, 0);
	} else {
		r = PQexecParams(p->conn, p->sql.ptr, (int)n, NULL, values, NULL, NULL, 0);
	}
	if (!r)
		return pg_error(p, NULL, "");
	rc = collect(p, r, res);
	PQclear(r);
	return rc;
}

static int simple(pg_db *p, const char *sql, const char *what)
{
	PGresult *r = PQexec(p->conn, sql);
	int rc = 0;
	if (!r || (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK))
		rc = pg_error(p, r, what);
	PQclear(r);
	return rc;
}

static int pg_script(vg__db *base, const char *sql)
{
	pg_db *p = (pg_db *)base;
	int rc;
	vg__db_tick(base);
	if ((rc = vg__sql_render(&p->sql, VG__DB_PG, sql)) < 0)
		return rc;
	return simple(p, p->sql.ptr, "");
}

static int pg_begin(vg__db *base, bool write, bool durable)
{
	pg_db *p = (pg_db *)base;
	int rc;
	(void)write;
	(void)durable; /* synchronous_commit is the server's to choose */
	if ((rc = reconnect(p)) < 0)
		return rc;
	/* a dropped connection shows only when used: once more, anew */
	if ((rc = simple(p, "BEGIN", "starting a transaction")) < 0 &&
	    PQstatus(p->conn) != CONNECTION_OK && reconnect(p) == 0)
		rc = simple(p, "BEGIN", "starting a transaction");
	return rc;
}

static int pg_commit(vg__db *base)
{
	return simple((pg_db *)base, "COMMIT", "committing");
}

static void pg_rollback(vg__db *base)
{
	pg_db *p = (pg_db *)base;
	if (PQtransactionStatus(p->conn) != PQTRANS_IDLE)
		simple(p, "ROLLBACK", "");
}

static void pg_close(vg__db *base)
{
	pg_db *p = (pg_db *)base;
	if (p->conn)
		PQfinish(p->conn);
	vg_buf_dispose(&p->sql);
	free(base->where);
	free(p);
}

static const vg__db_ops pg_ops = { pg_run, pg_script, pg_begin, pg_commit,
				   pg_rollback, pg_close };

/* Whether our schema exists, and whether it holds our meta table. */
static int inspect(pg_db *p, bool *schema, bool *meta)
{
	vg__dbres r = VG__DBRES_INIT;
	int rc = pg_run(&p->base,
			"SELECT (SELECT count(*) FROM pg_namespace WHERE nspname = 'vigil_cases'),"
			" to_regclass('vigil_cases.meta') IS NOT NULL", NULL, NULL, 0, &r);
	if (rc == 0) {
		const char *m = vg__dbres_get(&r, 0, 1);
		*schema = vg__dbres_int(&r, 0, 0) > 0;
		*meta = m && m[0] == 't';
	}
	vg__dbres_dispose(&r);
	return rc;
}

int vg__db_pg_open(vg__db **out, const char *conninfo, bool create, bool read_only,
		   bool *created)
{
	pg_db *p;
	bool schema = false, meta = false;
	char where[300];
	int rc;
	*out = NULL;
	*created = false;
	if (!(p = vg__calloc(1, sizeof(*p))))
		return vg__error_oom();
	p->base.ops = &pg_ops;
	p->base.kind = VG__DB_PG;
	p->base.read_only = read_only;
	p->conn = PQconnectdb(conninfo);
	if (!p->conn || PQstatus(p->conn) != CONNECTION_OK) {
		const char *m = p->conn ? PQerrorMessage(p->conn) : "out of memory";
		rc = vg__error_set(VG_EIO, "postgresql: cannot connect: %.*s",
				   (int)strcspn(m, "\n"), m);
		pg_close(&p->base);
		return rc;
	}
	PQsetNoticeProcessor(p->conn, quiet, NULL);
	snprintf(where, sizeof(where), "postgresql database %s%s%s", PQdb(p->conn),
		 PQhost(p->conn) && PQhost(p->conn)[0] != '/' ? " on " : "",
		 PQhost(p->conn) && PQhost(p->conn)[0] != '/' ? PQhost(p->conn) : "");
	if (!(p->base.where = vg__strdup(where))) {
		pg_close(&p->base);
		return vg__error_oom();
	}
	if ((rc = simple(p, "SELECT pg_catalog.set_config('search_path', 'vigil_cases', false)",
			 "setting the search path")) < 0 ||
	    (rc = inspect(p, &schema, &meta)) < 0) {
		vg__error_prefix("%s", where);
		pg_close(&p->base);
		return rc;
	}
	if (schema && !meta) {
		rc = vg__error_set(VG_EDATA, "%s: its schema vigil_cases is not a vigil case "
				   "store (no meta table); left untouched", where);
		pg_close(&p->base);
		return rc;
	}
	if (!schema && (!create || read_only)) {
		rc = vg__error_set(VG_ENOTFOUND, "%s: no case store in it (no schema vigil_cases)",
				   where);
		pg_close(&p->base);
		return rc;
	}
	if (read_only && (rc = simple(p, "SET default_transaction_read_only = on",
				      "opening read-only")) < 0) {
		pg_close(&p->base);
		return rc;
	}
	*created = !schema;
	*out = &p->base;
	return 0;
}
