/*
 * vigil/cases.h - the case store: what was screened, what alerted, what the
 * analysts decided, and an audit trail of all of it, kept in a database.
 *
 * A store is a SQLite file (the default: `sqlite:PATH` or a plain path,
 * WAL mode, one writer and many readers) or a PostgreSQL database (a libpq
 * connection string: `postgresql://...`, `postgres://...` or
 * `host=... dbname=...`) shared by a team.  Both hold the same schema,
 * created and migrated by vg_cases_open.
 *
 * The model:
 *   subject   a screened record, keyed by the caller's id, with its
 *             normalised attributes and their hash;
 *   run       one screening pass: when, by whom, against which index
 *             (checksum, sources and versions), threshold, counts;
 *   alert     one (subject, entity) pair that scored at or above the
 *             threshold, with the hash of the entity's record as it stood,
 *             the score and the RESULT object (the explanation snapshot);
 *   decision  an analyst's verdict on an alert (match, false positive,
 *             escalate) with a reason, and, when the store asks for four
 *             eyes, a second analyst's approval of a false positive.
 *
 * Suppression: a false positive (approved, when four eyes are required)
 * suppresses its alert in later runs while neither the subject's
 * attributes nor the entity's record change; any change re-opens the
 * alert, saying what changed.  An entity that leaves its list closes its
 * alerts as "delisted".
 *
 * Invariants: every change to a store is one database transaction, and
 * every transaction that changes something appends to the audit trail, a
 * hash chain (vg_cases_audit_verify) in the same transaction.  A file or
 * database that is not a vigil case store, or that is damaged, is refused
 * with VG_EDATA and never written to.  A vg_cases handle may be shared by
 * threads (calls are serialised inside it).
 */
#ifndef VIGIL_CASES_H
#define VIGIL_CASES_H

#include "common.h"
#include "index.h"
#include "match.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vg_cases vg_cases;

typedef struct {
	unsigned version;
	bool create;    /* create the store when it does not exist */
	bool read_only; /* never write (list, show, export, verify) */
} vg_cases_options;

#define VG_CASES_OPTIONS_VERSION 1
#define VG_CASES_OPTIONS_INIT { VG_CASES_OPTIONS_VERSION, true, false }

/* Opens (and creates or migrates, unless read_only) the store named by
 * `target`.  Fails with VG_EDATA when the target is not a vigil case store,
 * is damaged, or has a schema newer than this library; VG_EIO when it
 * cannot be reached.  *out is owned by the caller (vg_cases_free). */
VG_EXTERN(int) vg_cases_open(vg_cases **out, const char *target,
			     const vg_cases_options *options);
VG_EXTERN(void) vg_cases_free(vg_cases *cases);

/* "sqlite" or "postgresql". */
VG_EXTERN(const char *) vg_cases_backend(const vg_cases *cases);
/* The schema version the store is at. */
VG_EXTERN(int) vg_cases_schema_version(const vg_cases *cases);

/* The four-eyes rule: when on, a false positive suppresses nothing until a
 * second analyst approves it.  Changing it is audited. */
VG_EXTERN(int) vg_cases_four_eyes(bool *on, vg_cases *cases);
VG_EXTERN(int) vg_cases_set_four_eyes(vg_cases *cases, const char *actor,
				      bool on);

/* ---- screening runs ------------------------------------------------------ */

/* One attribute of a screened subject ("birth_date", "1961-03-14").  Keys
 * are the CSV columns of `vigil screen`; values are normalised (spaces
 * trimmed and collapsed) before they are stored and hashed. */
typedef struct {
	const char *key;
	const char *value;
} vg_cases_attr;

/* Subjects screened by worker threads, waiting to be recorded by one
 * thread: a batch owns copies of everything it holds. */
typedef struct vg_cases_batch vg_cases_batch;

VG_EXTERN(int) vg_cases_batch_new(vg_cases_batch **out);
VG_EXTERN(void) vg_cases_batch_free(vg_cases_batch *batch);
VG_EXTERN(void) vg_cases_batch_clear(vg_cases_batch *batch);
VG_EXTERN(size_t) vg_cases_batch_count(const vg_cases_batch *batch);

/* Matches query `q` exactly as vg_match_json does (appending the same
 * RESULT array to `out`) and adds the subject to the batch with its alerts:
 * the results at or above the threshold, each with the hash of its
 * entity's record.  `row` is the subject's row in the input (1-based). */
VG_EXTERN(int) vg_cases_batch_screen(vg_cases_batch *batch, size_t row,
				     const char *subject_id,
				     const vg_cases_attr *attrs, size_t n_attrs,
				     vg_matcher *matcher, const vg_query *q,
				     const vg_match_options *options,
				     vg_buf *out);

typedef struct vg_cases_run vg_cases_run;

typedef struct {
	unsigned version;
	const char *actor;        /* who or what runs it (required) */
	const char *input;        /* the input's name, as given */
	const char *input_digest; /* SHA-256 (hex) of the input; NULL: computed
				     here when `input` names a regular file.
				     An incomplete run of the same digest,
				     index and threshold is resumed */
	double threshold;         /* < 0: the default */
} vg_cases_run_options;

#define VG_CASES_RUN_OPTIONS_VERSION 1
#define VG_CASES_RUN_OPTIONS_INIT { VG_CASES_RUN_OPTIONS_VERSION, NULL, NULL, \
				    NULL, -1.0 }

/* Starts a run against `index` (which must outlive the run), or resumes an
 * incomplete one (see input_digest).  The run is "incomplete" in the store
 * until vg_cases_run_finish. */
VG_EXTERN(int) vg_cases_run_begin(vg_cases_run **out, vg_cases *cases,
				  const vg_index *index,
				  const vg_cases_run_options *options);
VG_EXTERN(int64_t) vg_cases_run_id(const vg_cases_run *run);
VG_EXTERN(bool) vg_cases_run_resumed(const vg_cases_run *run);

/* Records every subject of the batch and applies earlier decisions to its
 * alerts, in one transaction.  Recording the same subject twice in a run
 * (a resumed run) changes nothing the second time. */
VG_EXTERN(int) vg_cases_run_record(vg_cases_run *run,
				   const vg_cases_batch *batch);

typedef struct {
	int64_t run;
	bool resumed;
	size_t subjects;   /* distinct subjects recorded in the run */
	size_t duplicates; /* rows repeating a subject id of the run (skipped) */
	size_t alerts;     /* alerts raised in the run, all outcomes */
	size_t new_alerts; /* first seen */
	size_t open;       /* seen before, still waiting for a decision */
	size_t suppressed; /* a false positive, nothing changed */
	size_t pending;    /* a false positive waiting for approval */
	size_t decided;    /* a match or escalation, nothing changed */
	size_t reopened;   /* decided before, changed since */
	size_t delisted;   /* closed: the entity left its list */
} vg_cases_run_summary;

/* Closes the alerts of entities that left their lists, counts, and marks
 * the run complete. */
VG_EXTERN(int) vg_cases_run_finish(vg_cases_run *run,
				   vg_cases_run_summary *summary);
/* Frees the handle; a run not finished stays incomplete in the store. */
VG_EXTERN(void) vg_cases_run_free(vg_cases_run *run);

/* ---- alerts and decisions ------------------------------------------------ */

typedef enum {
	VG_VERDICT_NONE = 0,
	VG_VERDICT_MATCH,
	VG_VERDICT_FALSE_POSITIVE,
	VG_VERDICT_ESCALATE,
} vg_verdict;

/* "match", "false_positive", "escalate" ("" for none); static storage. */
VG_EXTERN(const char *) vg_verdict_name(vg_verdict verdict);
/* Accepts those names, "false-positive" and "fp"; VG_VERDICT_NONE else. */
VG_EXTERN(vg_verdict) vg_verdict_from_name(const char *name);

/* An alert as listed.  Strings belong to the list that holds it. */
typedef struct {
	int64_t id;
	int64_t version;       /* changes whenever the alert does */
	const char *state;     /* "open", "pending", "decided", "delisted" */
	const char *subject;   /* the caller's subject id */
	const char *entity;    /* the entity id */
	const char *caption;
	const char *schema;
	const char *datasets;  /* comma-separated */
	double score;
	const char *changed;   /* what changed since the last decision, or NULL */
	const char *outcome;   /* in its last run: new, open, suppressed ... */
	int64_t first_run, last_run;
	const char *created_at, *updated_at;
	/* the current decision, when there is one */
	int64_t decision;
	vg_verdict verdict;
	const char *analyst, *reason, *decided_at;
	const char *approved_by, *approved_at; /* NULL when not approved */
	bool awaiting_approval;
	/* details (vg_cases_alert_get only, else NULL) */
	const char *result_json;   /* RESULT object of its last screening */
	const char *subject_attrs; /* "key\tvalue" lines */
	const char *entity_facts;  /* "key\tvalue" lines */
} vg_cases_alert;

/* A past decision or event in an alert's history. */
typedef struct {
	const char *at;
	const char *kind;    /* "decision", "approval", or a run outcome */
	const char *actor;   /* analyst, or the run's actor */
	const char *verdict; /* decisions */
	const char *text;    /* reason, or what changed */
	int64_t run;         /* run outcomes, else 0 */
	double score;        /* run outcomes */
} vg_cases_event;

typedef struct {
	unsigned version;
	const char *state;    /* "open", "pending", "decided", "delisted",
				 NULL or "all" */
	bool changed;         /* only alerts re-opened by a change */
	const char *dataset;  /* only entities of this list */
	double min_score, max_score; /* < 0: no bound */
	const char *subject, *entity;
	vg_verdict verdict;   /* only this current verdict */
	int64_t run;          /* only alerts raised in this run; 0 all */
	int64_t after;        /* paging: only ids greater than this */
	size_t limit;         /* 0: no limit */
} vg_cases_filter;

#define VG_CASES_FILTER_VERSION 1
#define VG_CASES_FILTER_INIT { VG_CASES_FILTER_VERSION, NULL, false, NULL, \
			       -1.0, -1.0, NULL, NULL, VG_VERDICT_NONE, 0, 0, 0 }

typedef struct vg_cases_list vg_cases_list;

/* The alerts that pass the filter, by id.  *out is owned by the caller. */
VG_EXTERN(int) vg_cases_alerts(vg_cases_list **out, vg_cases *cases,
			       const vg_cases_filter *filter);
/* One alert with its details and its history; VG_ENOTFOUND when absent. */
VG_EXTERN(int) vg_cases_alert_get(vg_cases_list **out, vg_cases *cases,
				  int64_t id);
VG_EXTERN(size_t) vg_cases_list_count(const vg_cases_list *list);
VG_EXTERN(const vg_cases_alert *) vg_cases_list_alert(const vg_cases_list *list,
						      size_t i);
/* Alerts passing the filter without its `after` and `limit`. */
VG_EXTERN(size_t) vg_cases_list_total(const vg_cases_list *list);
VG_EXTERN(size_t) vg_cases_list_event_count(const vg_cases_list *list);
VG_EXTERN(const vg_cases_event *) vg_cases_list_event(const vg_cases_list *list,
						      size_t i);
VG_EXTERN(void) vg_cases_list_free(vg_cases_list *list);

/* Appends an alert as JSON {"id", "version", "state", "subject", "entity",
 * "caption", ..., "decision": {...} | null} and, for vg_cases_alert_get's
 * list, "subject_attributes", "entity_facts", "result" and "history". */
VG_EXTERN(int) vg_cases_alert_json(const vg_cases_list *list, size_t i,
				   vg_buf *out);
/* The CSV header and one row per alert (RFC 4180). */
VG_EXTERN(int) vg_cases_csv_header(vg_buf *out);
VG_EXTERN(int) vg_cases_alert_csv(const vg_cases_list *list, size_t i,
				  vg_buf *out);

typedef struct {
	unsigned version;
	int64_t alert;
	vg_verdict verdict;
	const char *analyst;   /* required */
	const char *reason;    /* required */
	/* The alert's version the analyst decided on.  0: the alert must be
	 * waiting for a decision (open).  Anything else that does not match
	 * fails with VG_ECONFLICT: someone changed the alert meanwhile. */
	int64_t expected_version;
} vg_cases_decision;

#define VG_CASES_DECISION_VERSION 1
#define VG_CASES_DECISION_INIT { VG_CASES_DECISION_VERSION, 0, VG_VERDICT_NONE, \
				 NULL, NULL, 0 }

/* Records a decision; *new_version (may be NULL) receives the alert's new
 * version.  VG_ENOTFOUND for no such alert, VG_ECONFLICT when the alert
 * changed (or was decided) since expected_version, VG_EUSAGE for a missing
 * verdict, analyst or reason. */
VG_EXTERN(int) vg_cases_decide(int64_t *new_version, vg_cases *cases,
			       const vg_cases_decision *decision);
/* The second pair of eyes on a false positive awaiting approval: `analyst`
 * must differ from the one who decided (VG_EUSAGE).  expected_version as
 * for vg_cases_decide, but 0 means "the alert as it is now". */
VG_EXTERN(int) vg_cases_approve(int64_t *new_version, vg_cases *cases,
				int64_t alert, const char *analyst,
				int64_t expected_version);

/* ---- runs, as listed ---------------------------------------------------- */

/* Appends the last `limit` runs (newest first; 0: all) as a JSON array of
 * {"id", "status", "started_at", "finished_at", "actor", "input",
 * "index_checksum", "sources", "threshold", "algorithm", "subjects",
 * "alerts", "new", "suppressed", "reopened", "delisted"}. */
VG_EXTERN(int) vg_cases_runs_json(vg_cases *cases, size_t limit, vg_buf *out);

/* ---- the audit trail ----------------------------------------------------- */

typedef struct {
	bool intact;
	uint64_t records;      /* records checked */
	uint64_t first_broken; /* sequence number, when not intact */
	char head[65];         /* hash of the last record (hex) */
	char problem[256];     /* what is wrong with first_broken */
} vg_cases_audit_report;

/* Checks the hash chain from the first record to the head.  Returns 0 with
 * report->intact false when the chain is broken (the report names the
 * first broken record); an error only when the check could not run. */
VG_EXTERN(int) vg_cases_audit_verify(vg_cases_audit_report *report,
				     vg_cases *cases);

typedef enum { VG_CASES_CSV = 0, VG_CASES_JSON } vg_cases_format;

/* Called with consecutive pieces of an export; non-zero stops it. */
typedef int (*vg_cases_write_cb)(void *ctx, const char *data, size_t len);

/* Writes the audit records with from <= time < to (ISO 8601 dates or
 * times, UTC; NULL for no bound) as CSV (header, then seq, at, actor,
 * action, object, detail, prev_hash, hash) or as a JSON array. */
VG_EXTERN(int) vg_cases_audit_export(vg_cases *cases, const char *from,
				     const char *to, vg_cases_format format,
				     vg_cases_write_cb write, void *ctx);

#ifdef __cplusplus
}
#endif
#endif
