/*
 * pg_vigil.h - the PostgreSQL extension's internal interface.
 *
 * The extension is a client of libvigil's public API (linked statically,
 * its symbols hidden) inside a PostgreSQL backend.  Two worlds meet here and
 * must not mix:
 *   - the library allocates with malloc and reports failures by return code
 *     and a thread-local message; it never sees palloc, ereport or longjmp;
 *   - PostgreSQL may longjmp out of any palloc or ereport.
 * So every library call runs to completion first, the caller frees what the
 * call made (or keeps it in the per-backend state below, which is reused and
 * so cannot leak), and only then does PostgreSQL code run: ereport after
 * cleanup, never with library frames on the stack.
 */
#ifndef VIGIL_PG_H
#define VIGIL_PG_H

#include "postgres.h"

#include "vigil/vigil.h"

/* The index of this backend, as named by vigil.index (see pg_index.c).
 * Valid until the next vgpg_index() call of a later statement. */
typedef struct {
	const vg_index *index;
	vg_matcher *matcher; /* this backend's scratch for `index` */
	vg_buf *out;         /* reused output buffer, cleared by vgpg_index() */
	vg_mention **mentions; /* where vg_scan puts its array: the state's
				* slot, freed by the next vgpg_index() */
} vgpg_handle;

/* The index named by vigil.index, mapped once per backend and mapped anew
 * when the file behind the name changed (checked once per statement).
 * Raises a PostgreSQL error when the setting is empty or the file is
 * missing or damaged. */
void vgpg_index(vgpg_handle *out);

/* The scanner of the index vgpg_index() gave `h` (built on first use, kept
 * with the index); raises an ERROR when it cannot be built. */
const vg_scanner *vgpg_scanner(const vgpg_handle *h);

/* Raises the library's last error (rc, a vg_error_code) as a PostgreSQL
 * error with `what` as context.  `input` says whether bad data (VG_EDATA)
 * means the caller's arguments (true) or the index (false).  Call once the
 * library's temporaries are released. */
pg_attribute_noreturn() void vgpg_raise(int rc, const char *what, bool input);

/* Refuses databases whose text is not UTF-8: the library reads UTF-8. */
void vgpg_require_utf8(void);

/* The private copy of the index file named by `setting` (pg_snapshot.c):
 * its path into out, the source file's identity into *src; made when it
 * does not exist yet.  Raises an ERROR when the file cannot be read or
 * changed while it was copied. */
struct stat;
void vgpg_snapshot(char *out, size_t outlen, struct stat *src, const char *setting);
/* Removes the copies made for `setting` other than `keep`. */
void vgpg_snapshot_prune(const char *setting, const char *keep);

/* Installs the planner hook of pg_plan.c (from _PG_init). */
void vgpg_plan_init(void);

/* The bytes of a text argument as a NUL-terminated string (palloc'd),
 * refusing more than `max` bytes with an error naming `what`. */
char *vgpg_text(text *t, size_t max, const char *what);

#endif
