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
/* Candidates fully compared per query (the bounded top of retrieval),
 * and those tying with the last of them as well, up to VG__MAX_TIED in all:
 * retrieval cannot order namesakes of one weight, the comparator can. */
#define VG__MAX_CANDIDATES 48
#define VG__MAX_TIED (2 * VG__MAX_CANDIDATES)
/* Longest accepted query name, bytes. */
#define VG__MAX_NAME_BYTES 1024

/* A listed name compared in this query (match.c compare_candidates): its
 * encoded bytes (in the index), the query analysis it was compared with,
 * and the comparator's answer. */
typedef struct {
	const unsigned char *enc;
	const vg_name *q;
	uint32_t len;
	int rc;
	double score;
} vg__memo;
/* Slots of the table (a power of two), at most half of them filled. */
#define VG__MEMO_SLOTS 1024

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

/* A listed term one of the query's terms meets (retrieve.c): the credit it
 * gives the tokens `span` of query reading `rd`. */
typedef struct {
	uint32_t term;  /* its number in TERM */
	uint32_t span;  /* tokens of the reading it stands for */
	uint32_t next;  /* the next hit on the same term, or UINT32_MAX */
	uint8_t rd;     /* reading: 2 * query name + (1 for its person reading) */
	uint8_t common; /* the term has more names than the index's pair_df */
	uint8_t level;  /* kw as a level: 1 - 0.1 * level */
	uint8_t opened; /* its names were opened (retrieve.c open_hits) */
	float kw;       /* how alike: 1 the same term, less for a derived key */
	float idf;      /* how rare the term is among the listed names, 0..1 */
	float ub;       /* the weight it can cover: kw times its span's */
} vg__hit;

/* A lookup the query needs (retrieve.c): hash in TERM (a term) or, when
 * derived, in TKEY (whose terms then need looking up in TERM), crediting
 * span of reading rd by kw when found.  Collected first, then resolved
 * together so that the cache misses of all of them overlap. */
typedef struct {
	uint64_t hash;
	uint32_t span;
	uint8_t rd, derived;
	float kw;
} vg__req;
#define VG__MAX_REQS 4096

/* The query's readings: each analysed name once as written (even) and,
 * for a query of unknown schema, once read as a person's (odd). */
#define VG__MAX_READINGS (2 * VG__MAX_QUERY_NAMES)
#define VG__MAX_HITS 4096

/* What opened a name for covering (vg_matcher.n_opened_by): a rare term's
 * postings, the first names of a common term that alone reaches the cut,
 * the names having two common terms (PAIR), or being another name of a
 * candidate (retrieve.c). */
enum { VG__OPEN_RARE, VG__OPEN_ALONE, VG__OPEN_PAIR, VG__OPEN_CANDIDATE, VG__OPEN_KINDS };

struct vg_matcher {
	const vg_index *ix;
	float *acc;           /* retrieval weight per entity */
	float *name_acc;      /* retrieval weight per name (0: not met) */
	uint32_t *touched;    /* entities with a weight */
	size_t n_touched;
	vg_name *qnames[VG__MAX_QUERY_NAMES];
	/* the same names analysed as a Person's, when the query's schema is
	 * unknown (the names stage reads "SURNAME, Given" and titles only for
	 * people); NULL otherwise */
	vg_name *qperson[VG__MAX_QUERY_NAMES];
	vg_schema schema; /* effective query schema */
	const char *qtext[VG__MAX_QUERY_NAMES];
	size_t n_qnames;
	/* retrieval (retrieve.c): the listed terms the query meets, found by
	 * term number through hslot (open addressing: hit index + 1) */
	vg__hit *hits;
	size_t n_hits;
	vg__req *reqs;        /* 4 * VG__MAX_REQS: keys, their terms, the
			       * keys of words not listed, words' ends
			       * (retrieve.c) */
	uint32_t *hslot;
	float rweight[VG__MAX_READINGS][VG__NAME_MAX_TOKENS]; /* token weights */
	float rtotal[VG__MAX_READINGS];
	uint32_t *opened;     /* names to cover */
	size_t n_opened, cap_opened;
	vg__cand *cands;
	size_t n_cands, cap_cands;
	/* the comparisons of this query, by the listed name's bytes (open
	 * addressing; enc NULL: free); memo_used lists the slots to clear */
	vg__memo *memo;
	uint16_t *memo_used;
	size_t n_memo;
	vg_buf parts;
	vg_name *view;     /* a decoded listed name (feature_family) */
	vg_name *cmp_view; /* the listed name being compared */
	vg_match_result *results; /* vg_match_json's, one per candidate */
	size_t cap_results;
	/* normalised query facts: birth dates (dob is the first) */
	char dobs[4][11];
	size_t n_dobs;
	char *dob;
	uint32_t qyear;      /* the year of dob, 0 when none */
	char countries[8][3];
	size_t n_countries;
	char ids[8][64];
	size_t n_ids;
	int gender; /* 0 unknown, 1 male, 2 female */
	const char *qgender; /* the query's gender as given */
	uint64_t n_compares; /* statistics, for the benchmarks */
	uint64_t deadline;   /* vg__now_us() limit of this call; 0: none */
	uint64_t n_postings;
	uint64_t n_opened_total; /* statistics: names covered */
	uint64_t n_kept_total;   /* statistics: names reaching the cut */
	/* statistics: the names covered, by what opened them (VG__OPEN_*) */
	uint64_t n_opened_by[VG__OPEN_KINDS];
	/* statistics, counted only when count_competing is set (it costs a
	 * pass over the names covered): names whose weight, at the best
	 * birth year factor, reaches the last candidate's - what retrieval
	 * would cover if it knew each name's weight without covering it */
	bool count_competing;
	uint64_t n_competing_total;
};

/* Retrieval (retrieve.c): fills m->cands with the best VG__MAX_CANDIDATES
 * admissible entities and those tying with the last of them (at most
 * VG__MAX_TIED), best retrieval weight first, and m->name_acc with
 * the weight of each of their names the query met (other names 0).
 * vg__retrieve_clear() must follow once the candidates are scored. */
int vg__retrieve(vg_matcher *m, const vg_query *q, const vg_match_options *o);
void vg__retrieve_clear(vg_matcher *m);
/* The allocations of retrieval, at vg_matcher_new and free. */
int vg__retrieve_init(vg_matcher *m);
void vg__retrieve_free(vg_matcher *m);

/* Whether entity ord passes the query's schema, dataset and topic
 * filters (match.c). */
int vg__match_admissible(const vg_matcher *m, const vg_match_options *o, uint32_t ord);
/* Adds a candidate (match.c). */
int vg__match_push_cand(vg_matcher *m, uint32_t ord, float w);

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
