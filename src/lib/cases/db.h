/*
 * db.h - the one interface the case store has to its two databases,
 * SQLite (db_sqlite.c) and PostgreSQL (db_pg.c) (internal).
 *
 * SQL is written once, for both: parameters are $1, $2 ... (PostgreSQL's
 * form, which SQLite reads as named parameters), values travel as text,
 * integers or doubles, and results come back as text cells.  The few
 * places where the dialects differ are tokens that vg__sql_render expands
 * (see schema.c for the list).  A statement given as a static vg__sql is
 * prepared once per connection and cached by its address.
 *
 * Invariant: a backend never leaves a transaction open after a failed
 * statement inside vg__db_tx: vg__db_rollback is always safe to call, and
 * every write path goes begin -> statements -> commit, or rollback.
 */
#ifndef VG_CASES_DB_H
#define VG_CASES_DB_H

#include "vigil/cases.h"

#include <stdint.h>

typedef enum { VG__DB_SQLITE = 0, VG__DB_PG } vg__db_kind;

/* A statement known at compile time (cached by address). */
typedef struct {
	const char *name; /* for messages */
	const char *text; /* dialect-neutral SQL, see vg__sql_render */
} vg__sql;

/* A parameter value. */
typedef struct {
	enum { VG__P_NULL = 0, VG__P_TEXT, VG__P_INT, VG__P_REAL } type;
	const char *s;
	int64_t i;
	double d;
} vg__dbp;

static inline vg__dbp vg__dbp_text(const char *s)
{
	vg__dbp p = { s ? VG__P_TEXT : VG__P_NULL, s, 0, 0.0 };
	return p;
}

#define VG__TEXT(x) vg__dbp_text(x)
#define VG__INT(x) ((vg__dbp){ VG__P_INT, NULL, (int64_t)(x), 0.0 })
#define VG__REAL(x) ((vg__dbp){ VG__P_REAL, NULL, 0, (double)(x) })

/* Rows of text cells; a cell is NULL for SQL NULL. */
typedef struct {
	vg_buf data;   /* the cells' text, each NUL-terminated */
	size_t *off;   /* rows * cols offsets into data, SIZE_MAX for NULL */
	size_t rows, cols, cap;
	size_t cells;    /* cells added; rows = cells / cols */
	int64_t changes; /* rows changed by an INSERT, UPDATE or DELETE */
} vg__dbres;

#define VG__DBRES_INIT { VG_BUF_INIT, NULL, 0, 0, 0, 0, 0 }

const char *vg__dbres_get(const vg__dbres *r, size_t row, size_t col);
int64_t vg__dbres_int(const vg__dbres *r, size_t row, size_t col);
double vg__dbres_real(const vg__dbres *r, size_t row, size_t col);
void vg__dbres_reset(vg__dbres *r, size_t cols);
int vg__dbres_add(vg__dbres *r, const char *cell, size_t len); /* cell NULL: NULL */
void vg__dbres_dispose(vg__dbres *r);

typedef struct vg__db vg__db;

typedef struct {
	/* Runs one statement; res (may be NULL) receives its rows. */
	int (*run)(vg__db *db, const char *sql, const void *cache_key,
		   const vg__dbp *params, size_t n, vg__dbres *res);
	/* Runs several statements without parameters or results. */
	int (*script)(vg__db *db, const char *sql);
	int (*begin)(vg__db *db, bool write, bool durable);
	int (*commit)(vg__db *db);
	void (*rollback)(vg__db *db);
	void (*close)(vg__db *db);
} vg__db_ops;

struct vg__db {
	const vg__db_ops *ops;
	vg__db_kind kind;
	char *where;          /* the store as named in messages */
	bool read_only;
	bool in_tx;
	/* test hook: the process kills itself before its crash_at-th
	 * statement (counting BEGIN and COMMIT); 0 is off */
	unsigned long crash_at, statements;
};

/* Opens a backend.  *created is set when the store did not exist (SQLite:
 * no file or an empty one; PostgreSQL: no vigil_cases schema), in which
 * case the caller creates the schema.  VG_EDATA for a file or database
 * that is not a vigil case store or is damaged (nothing is written). */
int vg__db_sqlite_open(vg__db **out, const char *path, bool create,
		       bool read_only, bool *created);
int vg__db_pg_open(vg__db **out, const char *conninfo, bool create,
		   bool read_only, bool *created);

/* Expands the dialect tokens of `text` for `kind` into out. */
int vg__sql_render(vg_buf *out, vg__db_kind kind, const char *text);

int vg__db_run(vg__db *db, const vg__sql *stmt, const vg__dbp *params,
	       size_t n, vg__dbres *res);
/* The same for SQL built at run time (not cached). */
int vg__db_run_text(vg__db *db, const char *sql, const vg__dbp *params,
		    size_t n, vg__dbres *res);
/* SQL built at run time that is the same for every call with the same
 * key (the address of a static object): prepared once, like vg__sql. */
int vg__db_run_keyed(vg__db *db, const char *sql, const void *key,
		     const vg__dbp *params, size_t n, vg__dbres *res);
/* durable: the commit waits until it is on disk (decisions); runs'
 * batches may commit with the cheaper default, which a crash of the
 * process never loses but a power cut may (the run is then resumed). */
int vg__db_begin(vg__db *db, bool write, bool durable);
int vg__db_commit(vg__db *db);
void vg__db_rollback(vg__db *db);
void vg__db_close(vg__db *db);

/* Counts a statement for the crash hook (backends call it first). */
void vg__db_tick(vg__db *db);

#endif
