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
	/* version >= 2: */
	const char *const *birth_dates; /* more dates the party may have been
					 * born on (as birth_date) */
	size_t n_birth_dates;
} vg_query;

/* A query needs a name (names or parts) or, failing that, an identifier
 * (id_numbers): a party known by its IMO or passport number only is
 * screened on it. */
#define VG_QUERY_VERSION 2
#define VG_QUERY_INIT { VG_QUERY_VERSION, VG_SCHEMA_THING, NULL, 0, NULL, \
			NULL, NULL, NULL, NULL, 0, NULL, 0, NULL, NULL, 0 }

typedef struct {
	unsigned version;
	double threshold;   /* < 0: the default threshold */
	size_t limit;       /* results to return at most (>= 1) */
	const char *const *datasets; /* only these sources (NULL: all) */
	size_t n_datasets;
	const char *const *exclude_datasets;
	size_t n_exclude_datasets;
	const char *const *topics;   /* only entities with one of these topics */
	size_t n_topics;
	int links_depth;    /* JSON: "links" up to this depth (0: none) */
	bool explain;       /* JSON: include explanations */
	/* version >= 2: */
	bool properties;    /* JSON: include each result's FtM entity fields */
	/* version >= 3: */
	double time_limit_ms; /* > 0: stop with VG_ETIMEOUT past this long */
	/* version >= 4: */
	const char *const *exclude_schemata; /* FtM schema names never returned */
	size_t n_exclude_schemata;
	const char *const *exclude_ids; /* entities never returned: their ids
					 * or any of their referents */
	size_t n_exclude_ids;
	const char *changed_since; /* only entities whose publisher says they
				    * changed at or after this ISO 8601 time
				    * (NULL: any) */
	double cutoff;      /* results scoring at or below it are not
			     * returned (< 0: vigil's display floor) */
	const char *const *weight_names; /* features whose part of the score */
	const double *weights;           /* is multiplied by weights[i]      */
	size_t n_weights;                /* (names: vg_match_feature_name)   */
} vg_match_options;

#define VG_MATCH_OPTIONS_VERSION 4
#define VG_MATCH_OPTIONS_INIT { VG_MATCH_OPTIONS_VERSION, -1.0, 5, NULL, 0, \
				NULL, 0, NULL, 0, 0, true, false, 0.0, NULL, 0, \
				NULL, 0, NULL, -1.0, NULL, NULL, 0 }
/* Sets *options to VG_MATCH_OPTIONS_INIT (for bindings without macros). */
VG_EXTERN(void) vg_match_options_init(vg_match_options *options);

/* The query of version VG_QUERY_VERSION: VG_QUERY_INIT. */
VG_EXTERN(void) vg_query_init(vg_query *query);

typedef struct vg_matcher vg_matcher;

VG_EXTERN(int) vg_matcher_new(vg_matcher **out, const vg_index *index);
VG_EXTERN(void) vg_matcher_free(vg_matcher *matcher);

/* Validates a query (VG_EUSAGE with the offending field named). */
VG_EXTERN(int) vg_query_validate(const vg_query *query);

/* The default decision threshold of vg_match/vg_match_json on the final
 * (multi-attribute) score; see match.c for how it was calibrated. */
VG_EXTERN(double) vg_match_threshold(void);

/* One piece of evidence behind a score: the name comparison, or a feature
 * that moved the score (birth date, country, identifier, gender, family
 * name, a weak alias). */
typedef struct {
	const char *code;      /* "name", "weak_alias", "birth_date", "country",
				* "identifier", "gender", "family_name" */
	double score;          /* "name": the name score; others: what the
				* feature added to it (negative: subtracted) */
	const char *detail;    /* how it was read: "exact", "contradicting",
				* "same number", "weak alias" ... */
	const char *query;     /* the query's value compared, or NULL */
	const char *candidate; /* the entity's value compared, or NULL */
} vg_feature;

#define VG_MAX_FEATURES 8

/* The features of vigil's scoring, by their codes: i from 0 until NULL. */
VG_EXTERN(const char *) vg_match_feature_name(size_t i);

/* One result: the entity, its score and decision, and the explanation as
 * data.  score = features[0].score (the name) + the others, clamped to
 * [0, 1].  Strings are static, point into the index (the entity's values)
 * or into the matcher (the query's values): they are valid until the next
 * call on the same matcher and while the index is open. */
typedef struct {
	uint32_t ordinal; /* entity in the index */
	double score;
	bool match;       /* score >= the threshold */
	const char *query_name;   /* the query name that scored best */
	const char *matched_name; /* the entity's name it matched */
	const char *name_kind;    /* "name", "weak alias", "previous name",
				   * "name parts" */
	size_t n_features;
	vg_feature features[VG_MAX_FEATURES];
} vg_match_result;

/* Matches one query: fills up to min(cap, options->limit) results, best
 * first, into `results` (the caller's array) and their number into
 * *n_results.  options NULL: VG_MATCH_OPTIONS_INIT. */
VG_EXTERN(int) vg_match(size_t *n_results, vg_match_result *results,
			size_t cap, vg_matcher *matcher, const vg_query *query,
			const vg_match_options *options);

/* The index the matcher reads (owned by the caller of vg_matcher_new). */
VG_EXTERN(const vg_index *) vg_matcher_index(const vg_matcher *matcher);

/* Matches one query and appends the CONTRACT's JSON array of RESULT
 * objects (best first), written by vg_json_result (vigil/json.h).
 * *n_results receives the number of results. */
VG_EXTERN(int) vg_match_json(size_t *n_results, vg_matcher *matcher,
			     const vg_query *query,
			     const vg_match_options *options, vg_buf *out);

/* The comparator's own account of a result's name score, as JSON (which
 * parts aligned by which rule, what was left over): appended to `out`.
 * `result` must come from the latest vg_match on this matcher. */
VG_EXTERN(int) vg_match_name_explanation(vg_matcher *matcher,
					 const vg_match_result *result,
					 vg_buf *out);

#ifdef __cplusplus
}
#endif
#endif
