/*
 * match_internal.h - the matcher's internals shared by match.c, the
 * results renderer and the benchmarks (internal).
 *
 * Invariant: after vg__match_run() the matcher's `cands` array holds
 * n_cands scored candidates sorted best first (score descending, ordinal
 * ascending), each already filtered by schema, dataset and topic; they stay
 * valid until the next run on the same matcher.
 */
#ifndef VG_MATCH_INTERNAL_H
#define VG_MATCH_INTERNAL_H

#include "vigil/match.h"
#include "index/index_internal.h"
#include "names/name.h"

#define VG__MAX_QUERY_NAMES 16
#define VG__MAX_QUERY_KEYS 512
/* Candidates fully compared per query (the bounded top of retrieval). */
#define VG__MAX_CANDIDATES 48
/* Longest accepted query name, bytes. */
#define VG__MAX_NAME_BYTES 1024

typedef struct {
	uint32_t ord;
	float retrieval;     /* summed key weights */
	double score;        /* final, 0..1 */
	double name_score;   /* best name comparison */
	int qname;           /* which query name won */
	uint32_t name_idx;   /* which entity name won (index into NAME) */
	double f_weak, f_dob, f_country, f_id, f_gender, f_family;
	const char *dob_how, *country_how, *id_how, *gender_how, *family_how;
	/* the entity's values each feature compared (point into the index) */
	const char *dob_val, *country_val, *id_val, *gender_val, *family_val;
	/* the query's values they were compared with (point into the matcher) */
	const char *q_country, *q_id, *q_family, *q_dob;
	int id_only; /* a query without names: found by an identifier */
} vg__cand;

typedef struct {
	uint64_t hash;
	float weight;
	unsigned kind;
} vg__qkey;

struct vg_matcher {
	const vg_index *ix;
	float *acc;           /* retrieval weight per entity */
	float *name_acc;      /* retrieval weight per name (0: not credited) */
	uint32_t *touched;
	vg_name *qnames[VG__MAX_QUERY_NAMES];
	/* the same names analysed as a Person's, when the query's schema is
	 * unknown (the names stage reads "SURNAME, Given" and titles only for
	 * people); NULL otherwise */
	vg_name *qperson[VG__MAX_QUERY_NAMES];
	vg_schema schema; /* effective query schema */
	const char *qtext[VG__MAX_QUERY_NAMES];
	size_t n_qnames;
	vg__qkey *keys;
	size_t n_keys;
	/* keys by hash (open addressing, index + 1, 0 = empty): a query's
	 * names repeat keys, and a linear search per key was quadratic */
	uint16_t kslot[2 * VG__MAX_QUERY_KEYS];
	/* per key: its postings, their count, and the processing order */
	const vg_ix_posting *kpost[VG__MAX_QUERY_KEYS];
	uint32_t kcount[VG__MAX_QUERY_KEYS], korder[VG__MAX_QUERY_KEYS];
	float kweight[VG__MAX_QUERY_KEYS];
	vg__cand *cands;
	size_t n_cands, cap_cands;
	vg_buf parts;
	vg_name *view;     /* a decoded listed name (feature_family) */
	vg_name *cmp_view; /* the listed name being compared */
	vg_match_result *results; /* vg_match_json's, one per candidate */
	size_t cap_results;
	/* normalised query facts: birth dates (dob is the first) */
	char dobs[4][11];
	size_t n_dobs;
	char *dob;
	char countries[8][3];
	size_t n_countries;
	char ids[8][64];
	size_t n_ids;
	int gender; /* 0 unknown, 1 male, 2 female */
	const char *qgender; /* the query's gender as given */
	uint64_t n_compares; /* statistics, for the benchmarks */
	uint64_t deadline;   /* vg__now_us() limit of this call; 0: none */
	uint64_t n_postings;
};

/* The analysis of query name qi to compare with an entity of schema s. */
static inline const vg_name *vg__qname_for(const vg_matcher *m, size_t qi,
					   vg_schema s)
{
	return (s == VG_SCHEMA_PERSON && m->qperson[qi]) ? m->qperson[qi] :
							   m->qnames[qi];
}

/* Matches one query; exhaustive != 0 compares the query with every name in
 * the index instead of retrieving candidates (the benchmarks' reference). */
int vg__match_run(vg_matcher *m, const vg_query *q, const vg_match_options *o,
		  int exhaustive);

/* Compares query name `q` with the encoded listed name `enc` (decoded
 * into `view`); `explain` may be NULL. */
int vg__match_compare(double *score, vg_name *view, const vg_name *q,
		      const unsigned char *enc, size_t len, vg_buf *explain);

/* One result of vg__match_json_hits: its entity, score, whether it is a
 * match, and where its RESULT object lies in the output buffer. */
typedef struct {
	uint32_t ordinal;
	double score;
	bool match;
	size_t start, len;
} vg__match_hit;

/* vg_match_json, also filling hits[0 .. min(n, cap)) (hits may be NULL):
 * the case store records each result's object as it was written. */
int vg__match_json_hits(size_t *n_results, vg__match_hit *hits, size_t cap,
			vg_matcher *m, const vg_query *q, const vg_match_options *o,
			vg_buf *out);

#endif
