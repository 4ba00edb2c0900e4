/*
 * vigil/match.h - matching queries against an index (free text: vigil/scan.h).
 *
 * A vg_matcher holds per-thread scratch memory for one index; create one per
 * thread.  The index must outlive its matchers.  Results are deterministic:
 * the same index, query and options give the same results in the same order.
 */
#ifndef VIGIL_MATCH_H
#define VIGIL_MATCH_H

#include "common.h"
#include "index.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What is known about the party being screened.  Strings are UTF-8,
 * NUL-terminated and owned by the caller. */
typedef struct {
	unsigned version;
	vg_schema schema;           /* VG_SCHEMA_THING when unknown */
	const char *const *names;   /* at least one full name, or parts below */
	size_t n_names;
	const char *first_name, *middle_name, *last_name;
	const char *birth_date;     /* YYYY, YYYY-MM or YYYY-MM-DD */
	const char *const *countries; /* ISO codes or country names */
	size_t n_countries;
	const char *const *id_numbers;
	size_t n_id_numbers;
	const char *gender;         /* "male", "female", ... */
} vg_query;

#define VG_QUERY_VERSION 1
#define VG_QUERY_INIT { VG_QUERY_VERSION, VG_SCHEMA_THING, NULL, 0, NULL, \
			NULL, NULL, NULL, NULL, 0, NULL, 0, NULL }

typedef struct {
	unsigned version;
	double threshold;   /* < 0: the default threshold */
	size_t limit;       /* results to return at most */
	const char *const *datasets; /* only these sources (NULL: all) */
	size_t n_datasets;
	const char *const *exclude_datasets;
	size_t n_exclude_datasets;
	const char *const *topics;   /* only entities with one of these topics */
	size_t n_topics;
	int links_depth;    /* 0: no links in results */
	bool explain;       /* include explanations */
	/* version >= 2: */
	bool properties;    /* include each result's "properties" */
	/* version >= 3: */
	double time_limit_ms; /* > 0: stop with VG_ETIMEOUT past this long */
} vg_match_options;

#define VG_MATCH_OPTIONS_VERSION 3
#define VG_MATCH_OPTIONS_INIT { VG_MATCH_OPTIONS_VERSION, -1.0, 5, NULL, 0, \
				NULL, 0, NULL, 0, 0, true, false, 0.0 }

typedef struct vg_matcher vg_matcher;

VG_EXTERN(int) vg_matcher_new(vg_matcher **out, const vg_index *index);
VG_EXTERN(void) vg_matcher_free(vg_matcher *matcher);

/* Validates a query (VG_EUSAGE with the offending field named). */
VG_EXTERN(int) vg_query_validate(const vg_query *query);

/* Matches one query.  Appends the CONTRACT's JSON array of RESULT objects
 * (best first) to `out`: [{"id", "caption", "schema", "score", "match",
 * "datasets", "topics", "explanation"}, ...].  *n_results receives the
 * number of results. */
VG_EXTERN(int) vg_match_json(size_t *n_results, vg_matcher *matcher,
			     const vg_query *query,
			     const vg_match_options *options, vg_buf *out);

/* The default decision threshold of vg_match/vg_match_json on the final
 * (multi-attribute) score; see match.c for how it was calibrated. */
VG_EXTERN(double) vg_match_threshold(void);

/* One result, for callers that want numbers rather than JSON. */
typedef struct {
	uint32_t ordinal; /* entity in the index */
	double score;
	bool match;
} vg_match_result;

/* Fills up to `cap` results (best first) into `results`. */
VG_EXTERN(int) vg_match(size_t *n_results, vg_match_result *results,
			size_t cap, vg_matcher *matcher, const vg_query *query,
			const vg_match_options *options);

#ifdef __cplusplus
}
#endif
#endif
