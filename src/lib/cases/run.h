/*
 * run.h - what run.c (starting and finishing runs) and record.c (recording
 * a batch) share (internal).
 */
#ifndef VG_CASES_RUN_H
#define VG_CASES_RUN_H

#include "cases/cases_internal.h"
#include "cases/batch.h"

/* What a batch made of each alert it raised, written to run_alerts a few
 * dozen rows per statement before the batch commits. */
typedef struct {
	int64_t alert;
	const char *outcome; /* static */
	double score;
	size_t detail;       /* offset into text, SIZE_MAX for none */
} vg__run_alert;

struct vg_cases_run {
	vg_cases *cs;
	const vg_index *ix;
	int64_t id;
	bool resumed;
	char *actor;
	vg_buf scratch, changed, datasets, sql;
	vg__dbres res;
	vg__run_alert *seen;
	size_t n_seen, cap_seen;
	vg_buf seen_text;
};

/* One alerting (subject, entity) pair, resolved for the alert row. */
typedef struct {
	int64_t subject;          /* subjects.id */
	const char *ext_id;       /* the caller's id */
	const char *sfacts, *shash;
	const char *entity, *caption, *schema, *datasets;
	const char *result, *efacts, *ehash;
	double score;
} vg__pair;

extern const vg__sql vg__S_RUN_ALERT;

/* Appends an alert.* audit record for the pair (changed may be NULL). */
int vg__run_audit_alert(vg_cases_run *run, const char *now, const char *action,
			int64_t alert, const vg__pair *p, const char *changed);

#endif
