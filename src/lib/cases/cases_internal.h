/*
 * cases_internal.h - what the files of the case store share (internal).
 *
 * store.c opens stores and wraps transactions, audit.c keeps the hash
 * chain, facts.c turns subjects and entities into canonical facts and
 * hashes, run.c records screening runs, alerts.c lists alerts and records
 * decisions.
 *
 * Invariant: every public vg_cases_* call holds cases->mu for its whole
 * duration, so one handle serves many threads one call at a time, and the
 * audit head cached below belongs to the one write transaction in flight.
 */
#ifndef VG_CASES_INTERNAL_H
#define VG_CASES_INTERNAL_H

#include "cases/db.h"

#include <pthread.h>

/* Audit records of the current transaction, chained but not yet written:
 * vg__cases_commit writes them a few dozen per statement. */
typedef struct {
	vg_buf text;       /* the fields of each record, NUL-terminated */
	size_t (*off)[7];  /* at, actor, action, object, detail, prev_hash, hash */
	int64_t first_seq; /* of off[0] */
	size_t n, cap;
} vg__audit_queue;

struct vg_cases {
	vg__db *db;
	pthread_mutex_t mu;
	int schema_version;
	/* the audit head, read (and locked) by the first record of a write
	 * transaction and written back by vg__cases_commit */
	bool head_loaded, head_dirty;
	int64_t head_seq;
	char head_hash[65];
	vg__audit_queue queue;
	vg_buf sql;
};

/* The time now as stored: ISO 8601 UTC with microseconds, 28 bytes. */
void vg__cases_now(char out[32]);

/* A write transaction that may append audit records; durable as for
 * vg__db_begin. */
int vg__cases_begin(vg_cases *cs, bool durable);
int vg__cases_commit(vg_cases *cs);
void vg__cases_rollback(vg_cases *cs);

/* Appends an audit record inside the current write transaction; detail is
 * a JSON object (written by the caller with vg_buf_put_json_string). */
int vg__cases_audit(vg_cases *cs, const char *at, const char *actor,
		    const char *action, const char *object, const char *detail);
/* Reads and locks the audit head (vg__cases_begin calls it). */
int vg__cases_audit_lock(vg_cases *cs);
/* Writes the queued records and the head (vg__cases_commit calls it). */
int vg__cases_audit_flush(vg_cases *cs);
/* Forgets the queued records (a rolled back transaction). */
void vg__cases_audit_forget(vg_cases *cs);

/* Canonical facts: sorted, distinct "key\tvalue\n" lines, and the SHA-256
 * of those bytes as 64 hex digits.  Subjects: normalised attributes
 * (whitespace trimmed and collapsed, empty values dropped).  Entities: the
 * schema, every property value (with its qualifier), each dataset listing
 * it and its sanctions' properties, read from the index. */
int vg__cases_subject_facts(vg_buf *out, char hash[65], const vg_cases_attr *attrs,
			    size_t n);
int vg__cases_entity_facts(vg_buf *out, char hash[65], const vg_index *ix,
			   uint32_t ordinal);
/* Appends what changed from facts `old` to facts `now` for a reader:
 * "WHAT: key old -> new; key +added; key -removed".  Appends nothing when
 * they are the same. */
int vg__cases_describe(vg_buf *out, const char *what, const char *old,
		       const char *now);
/* Appends facts as a JSON object: {"key": "value"} (lists false) or
 * {"key": ["value", ...]} (lists true). */
int vg__cases_facts_json(vg_buf *out, const char *facts, bool lists);

/* ---- for tests ----------------------------------------------------------- */

/* The process kills itself (SIGKILL) before the n-th database statement
 * from now, counting BEGIN and COMMIT; 0 turns it off. */
void vg__cases_crash_at(vg_cases *cs, unsigned long n);
/* vg_cases_open that migrates a new or older store only up to `version`. */
int vg__cases_open_version(vg_cases **out, const char *target,
			   const vg_cases_options *options, int version);

#endif
