/*
 * db_sqlite.c - the case store on SQLite: one file, WAL mode, one writer at
 * a time (BEGIN IMMEDIATE, waiting up to BUSY_MS for the lock) and any
 * number of readers.
 *
 * Invariant: nothing is written to a file before it is known to be ours or
 * new.  Opening looks at the file in three steps, each before the next may
 * write: the first bytes (the SQLite magic), then a read-only connection
 * (application_id, tables, and a quick_check of every page when the file
 * is to be written), and only then the read-write connection.  A foreign
 * or damaged file is refused with VG_EDATA and left byte-identical.
 */
#include "cases/db.h"
#include "common/alloc.h"
#include "common/error.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "VGCS" in the header's application_id field (offset 68). */
#define VG_CASES_APP_ID 0x56474353
#define BUSY_MS 30000
#define CACHE_SLOTS 128

/* Where each $N of a statement is: SQLite numbers parameters in the order
 * they first appear, and $3 may come before $1. */
typedef struct {
	int *index; /* index[n] for $n, 0 when $n is absent */
	int n;
} params_map;

typedef struct {
	vg__db base;
	sqlite3 *db;
	const void *keys[CACHE_SLOTS];
	sqlite3_stmt *stmts[CACHE_SLOTS];
	params_map maps[CACHE_SLOTS];
	vg_buf sql;
	bool synchronous_full;
} sq_db;

static int sq_error(sq_db *s, int rc, const char *what)
{
	const char *msg = s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return vg__error_set(VG_ETIMEOUT, "%s: the store stayed locked by another "
				     "writer for %d s (%s)", what, BUSY_MS / 1000, msg);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return vg__error_set(VG_EDATA, "%s: the database is damaged (%s)", what, msg);
	case SQLITE_NOMEM:
		return vg__error_oom();
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_READONLY:
		return vg__error_set(VG_EIO, "%s: %s", what, msg);
	default:
		return vg__error_set(VG_ERROR, "%s: %s", what, msg);
	}
}

/* The cache slot of key, or -1 when the cache is full. */
static int cache_slot(sq_db *s, const void *key)
{
	size_t h = ((uintptr_t)key * 0x9E3779B97F4A7C15ull >> 32) % CACHE_SLOTS, i;
	for (i = 0; i < CACHE_SLOTS; i++) {
		size_t k = (h + i) % CACHE_SLOTS;
		if (s->keys[k] == key || !s->keys[k]) {
			s->keys[k] = key;
			return (int)k;
		}
	}
	return -1;
}

static int map_params(params_map *m, sqlite3_stmt *st)
{
	int i, count = sqlite3_bind_parameter_count(st), max = 0;
	for (i = 1; i <= count; i++) {
		const char *name = sqlite3_bind_parameter_name(st, i);
		int num = name && name[0] == '$' ? atoi(name + 1) : 0;
		if (num > max)
			max = num;
	}
	free(m->index);
	if (!(m->index = vg__calloc((size_t)max + 1, sizeof(int))))
		return vg__error_oom();
	m->n = max;
	for (i = 1; i <= count; i++) {
		const char *name = sqlite3_bind_parameter_name(st, i);
		int num = name && name[0] == '$' ? atoi(name + 1) : 0;
		if (num > 0)
			m->index[num] = i;
	}
	return 0;
}

static int bind(sq_db *s, sqlite3_stmt *st, const params_map *m, const vg__dbp *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		int idx, rc = SQLITE_OK;
		if ((int)i + 1 > m->n || !(idx = m->index[i + 1]))
			continue;
		switch (p[i].type) {
		case VG__P_NULL: rc = sqlite3_bind_null(st, idx); break;
		case VG__P_TEXT: rc = sqlite3_bind_text(st, idx, p[i].s, -1, SQLITE_STATIC); break;
		case VG__P_INT: rc = sqlite3_bind_int64(st, idx, p[i].i); break;
		case VG__P_REAL: rc = sqlite3_bind_double(st, idx, p[i].d); break;
		}
		if (rc != SQLITE_OK)
			return sq_error(s, rc, "binding a parameter");
	}
	return 0;
}

static int collect(sq_db *s, sqlite3_stmt *st, vg__dbres *res)
{
	int rc, c, cols = sqlite3_column_count(st);
	if (res)
		vg__dbres_reset(res, (size_t)cols);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!res)
			continue;
		for (c = 0; c < cols; c++) {
			const unsigned char *t = sqlite3_column_text(st, c);
			if (vg__dbres_add(res, (const char *)t,
					  t ? (size_t)sqlite3_column_bytes(st, c) : 0) < 0)
				return VG_ENOMEM;
		}
	}
	if (rc != SQLITE_DONE)
		return sq_error(s, rc, "");
	if (res)
		res->changes = sqlite3_changes64(s->db);
	return 0;
}

static int sq_run(vg__db *base, const char *sql, const void *key, const vg__dbp *p,
		  size_t n, vg__dbres *res)
{
	sq_db *s = (sq_db *)base;
	int slot = key ? cache_slot(s, key) : -1, rc;
	params_map once = { NULL, 0 }, *map = slot >= 0 ? &s->maps[slot] : &once;
	sqlite3_stmt *st = slot >= 0 ? s->stmts[slot] : NULL;
	vg__db_tick(base);
	if (!st) {
		if ((rc = vg__sql_render(&s->sql, VG__DB_SQLITE, sql)) < 0)
			return rc;
		rc = sqlite3_prepare_v3(s->db, s->sql.ptr, -1,
					slot >= 0 ? SQLITE_PREPARE_PERSISTENT : 0, &st, NULL);
		if (rc != SQLITE_OK)
			return sq_error(s, rc, "preparing a statement");
		if ((rc = map_params(map, st)) < 0) {
			sqlite3_finalize(st);
			return rc;
		}
		if (slot >= 0)
			s->stmts[slot] = st;
	}
	if ((rc = bind(s, st, map, p, n)) == 0)
		rc = collect(s, st, res);
	if (slot >= 0) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	} else {
		sqlite3_finalize(st);
		free(once.index);
	}
	return rc;
}

static int sq_script(vg__db *base, const char *sql)
{
	sq_db *s = (sq_db *)base;
	int rc;
	vg__db_tick(base);
	if ((rc = vg__sql_render(&s->sql, VG__DB_SQLITE, sql)) < 0)
		return rc;
	rc = sqlite3_exec(s->db, s->sql.ptr, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : sq_error(s, rc, "");
}

static int sq_begin(vg__db *base, bool write, bool durable)
{
	sq_db *s = (sq_db *)base;
	int rc;
	/* WAL with synchronous=NORMAL survives a crash of the process but may
	 * lose the last commits to a power cut; decisions ask for FULL.  The
	 * level can only change between transactions. */
	if (write && durable != s->synchronous_full) {
		rc = sqlite3_exec(s->db, durable ? "PRAGMA synchronous=FULL" :
				  "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			return sq_error(s, rc, "setting synchronous");
		s->synchronous_full = durable;
	}
	rc = sqlite3_exec(s->db, write ? "BEGIN IMMEDIATE" : "BEGIN", NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : sq_error(s, rc, "starting a transaction");
}

static int sq_commit(vg__db *base)
{
	sq_db *s = (sq_db *)base;
	int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : sq_error(s, rc, "committing");
}

static void sq_rollback(vg__db *base)
{
	sq_db *s = (sq_db *)base;
	if (sqlite3_get_autocommit(s->db) == 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static void sq_close(vg__db *base)
{
	sq_db *s = (sq_db *)base;
	size_t i;
	for (i = 0; i < CACHE_SLOTS; i++) {
		if (s->stmts[i])
			sqlite3_finalize(s->stmts[i]);
		free(s->maps[i].index);
	}
	if (s->db)
		sqlite3_close_v2(s->db);
	vg_buf_dispose(&s->sql);
	free(base->where);
	free(s);
}

static const vg__db_ops sq_ops = { sq_run, sq_script, sq_begin, sq_commit,
				   sq_rollback, sq_close };

/* One value from a read-only connection; -1 when the query failed. */
static int pragma_int(sqlite3 *db, const char *sql, long long *out)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return sqlite3_errcode(db);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Runs PRAGMA quick_check; 0 when every page reads back as a b-tree. */
static int quick_check(sqlite3 *db, const char *path)
{
	sqlite3_stmt *st;
	int rc;
	char first[200] = "";
	if ((rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL)) != SQLITE_OK)
		return vg__error_set(VG_EDATA, "%s: the database is damaged (%s); left untouched",
				     path, sqlite3_errmsg(db));
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(first, sizeof(first), "%s", (const char *)sqlite3_column_text(st, 0));
	else
		snprintf(first, sizeof(first), "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW && !strcmp(first, "ok"))
		return 0;
	return vg__error_set(VG_EDATA, "%s: the database is damaged (quick_check: %s); "
			     "left untouched", path, first);
}

/* Step 2: a read-only look.  *empty is set for a database without tables
 * (created by someone's `sqlite3 FILE` but never used). */
static int inspect(const char *path, bool will_write, bool *empty)
{
	sqlite3 *db = NULL;
	long long app = 0, tables = 0;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		rc = vg__error_set(VG_EIO, "%s: cannot open (%s)", path,
				   db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		goto done;
	}
	sqlite3_busy_timeout(db, BUSY_MS);
	if ((rc = pragma_int(db, "PRAGMA application_id", &app)) != SQLITE_OK ||
	    (rc = pragma_int(db, "SELECT count(*) FROM sqlite_master", &tables)) != SQLITE_OK) {
		int busy = (rc & 0xff) == SQLITE_BUSY;
		rc = vg__error_set(busy ? VG_ETIMEOUT : VG_EDATA, "%s: %s (%s)%s", path,
				   busy ? "locked by another process" :
				   (rc & 0xff) == SQLITE_CORRUPT ? "the database is damaged" :
				   "not a readable SQLite database", sqlite3_errmsg(db),
				   busy ? "" : "; left untouched");
		goto done;
	}
	*empty = app == 0 && tables == 0;
	if (app != VG_CASES_APP_ID && !*empty) {
		rc = vg__error_set(VG_EDATA, "%s: a SQLite database of another application "
				   "(application_id %#llx), not a vigil case store; left untouched",
				   path, app);
		goto done;
	}
	rc = (will_write && !*empty) ? quick_check(db, path) : 0;
done:
	sqlite3_close_v2(db);
	return rc;
}

/* Step 1: the file itself.  *fresh when there is nothing to lose. */
static int check_file(const char *path, bool create, bool *fresh)
{
	struct stat st;
	char head[16];
	ssize_t got;
	int fd;
	*fresh = false;
	if (stat(path, &st) != 0) {
		if (errno != ENOENT)
			return vg__error_set(VG_EIO, "%s: %s", path, strerror(errno));
		if (!create)
			return vg__error_set(VG_ENOTFOUND, "%s: no such case store", path);
		*fresh = true;
		return 0;
	}
	if (!S_ISREG(st.st_mode))
		return vg__error_set(VG_EDATA, "%s: not a regular file, not a vigil case store", path);
	if (st.st_size == 0) {
		*fresh = true;
		return create ? 0 : vg__error_set(VG_EDATA, "%s: an empty file, not a vigil case store", path);
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return vg__error_set(VG_EIO, "%s: %s", path, strerror(errno));
	got = read(fd, head, sizeof(head));
	close(fd);
	if (got != (ssize_t)sizeof(head) || memcmp(head, "SQLite format 3", 16))
		return vg__error_set(VG_EDATA, "%s: not a SQLite database, so not a vigil case "
				     "store; left untouched", path);
	return 0;
}

static int configure(sq_db *s, bool created)
{
	/* a checkpoint costs two fsyncs: one per 32 MB of log rather than
	 * SQLite's default of one per 4 MB keeps a screening run from waiting
	 * on the disk a dozen times */
	static const char *const rw[] = {
		"PRAGMA foreign_keys=ON", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
		"PRAGMA wal_autocheckpoint=8192",
	};
	size_t i;
	int rc;
	sqlite3_busy_timeout(s->db, BUSY_MS);
	if ((rc = sqlite3_exec(s->db, rw[0], NULL, NULL, NULL)) != SQLITE_OK)
		return sq_error(s, rc, "configuring");
	if (s->base.read_only)
		return 0;
	for (i = 1; i < sizeof(rw) / sizeof(rw[0]); i++)
		if ((rc = sqlite3_exec(s->db, rw[i], NULL, NULL, NULL)) != SQLITE_OK)
			return sq_error(s, rc, "configuring");
	if (created) {
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA application_id=%d", VG_CASES_APP_ID);
		if ((rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL)) != SQLITE_OK)
			return sq_error(s, rc, "configuring");
	}
	return 0;
}

int vg__db_sqlite_open(vg__db **out, const char *path, bool create, bool read_only,
		       bool *created)
{
	sq_db *s;
	bool fresh = false, empty = false;
	int rc, flags;
	*out = NULL;
	*created = false;
	if ((rc = check_file(path, create && !read_only, &fresh)) < 0)
		return rc;
	if (!fresh && (rc = inspect(path, !read_only, &empty)) < 0)
		return rc;
	if (!(s = vg__calloc(1, sizeof(*s))) || !(s->base.where = vg__strdup(path))) {
		free(s);
		return vg__error_oom();
	}
	s->base.ops = &sq_ops;
	s->base.kind = VG__DB_SQLITE;
	s->base.read_only = read_only;
	flags = read_only ? SQLITE_OPEN_READONLY :
		SQLITE_OPEN_READWRITE | (fresh ? SQLITE_OPEN_CREATE : 0);
	if ((rc = sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL)) != SQLITE_OK) {
		rc = vg__error_set(VG_EIO, "%s: cannot open (%s)", path,
				   s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		sq_close(&s->base);
		return rc;
	}
	if ((rc = configure(s, fresh || empty)) < 0) {
		vg__error_prefix("%s", path);
		sq_close(&s->base);
		return rc;
	}
	*created = fresh || empty;
	*out = &s->base;
	return 0;
}
