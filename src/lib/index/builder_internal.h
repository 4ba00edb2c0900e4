/*
 * builder_internal.h - the builder's tables, shared by reading (builder.c)
 * and writing (write.c) (internal).
 *
 * Invariant: between calls the builder holds only complete inputs (a
 * failed vg_builder_add() truncates every table, the name pipeline
 * included, back to where it was).  Each record's properties are one run
 * of `props` (its first delivery) plus, for a record several deliveries
 * make up, the runs `runs` lists; every string is an offset into `pool`.
 */
#ifndef VG_INDEX_BUILDER_INTERNAL_H
#define VG_INDEX_BUILDER_INTERNAL_H

#include "index/index_internal.h"
#include "index/mapped.h"
#include "index/pipeline.h"
#include "index/sorter.h"
#include "model/ftm.h"
#include "model/record.h"

#include <stdbool.h>
#include <stdint.h>

#define VG__BUILD_WARNINGS_KEPT 20
/* Names indexed per entity: the most any real list gives one entity is in
 * the tens; more is a broken or hostile source, which must not stall a
 * build (names past it are left out with a warning). */
#define VG__BUILD_MAX_NAMES 1000
#define VG__BUILD_SEEN_SLOTS 4096 /* > 2 x VG__BUILD_MAX_NAMES, a power of two */

/* What a property key is (vg__bkey_class), a set of these. */
enum {
	VG__KC_FILLED = 1,
	VG__KC_META = 2,   /* an FtM-level field (vg__ftm_is_meta_key) */
	VG__KC_IDENT = 4,  /* an identifier (vg__is_identifier_key) */
	VG__KC_BIRTH = 8,  /* birthDate */
	VG__KC_TARGET = 16,
	VG__KC_TOPICS = 32,
};

/* What each property key met is, and which FtM property it is in a
 * schema, by pool offset (builder.c). */
typedef struct vg__bkeycache vg__bkeycache;

typedef struct {
	uint32_t id, schema_name, source, line;
	uint32_t last_source;    /* the latest input that delivered it */
	uint32_t prop_start, prop_count; /* its first delivery's run in props */
	uint16_t schema;
	uint16_t deliveries;     /* how many times it was delivered (saturates) */
	uint8_t warned;          /* its names past VG__BUILD_MAX_NAMES were reported */
} brec;

/* A record delivered again by a later input (its first is brec.source). */
typedef struct {
	uint32_t rec, source;
} bextra;

/* More properties of a record delivered again, a run of props. */
typedef struct {
	uint32_t rec, start, count;
} brun;

typedef struct {
	vg_source_meta meta;
	char path[1024];
	size_t by_schema[VG_SCHEMA__COUNT];
	size_t n_records, n_names, n_merged, n_warnings;
	size_t n_conformed; /* values moved or dropped to fit FtM (conform.c) */
	vg_buf warnings; /* the first VG__BUILD_WARNINGS_KEPT, one per line */
	bool warning_lost; /* out of memory keeping one: the input fails */
	/* filled by vg_builder_write */
	size_t w_names, w_links, w_sanctions;
} bsource;

struct vg_builder {
	vg_builder_options opts;
	char *tmpdir;
	vg__mapped *mt;       /* where the large tables below live (mapped.h) */
	vg_buf pool;          /* interned strings; offset 0 is "" */
	uint32_t *intern;     /* open addressing: pool offset, tag; 0 = empty */
	size_t intern_cap, intern_n;
	brec *recs;
	size_t n_recs, cap_recs;
	vg_ix_prop *props;
	size_t n_props, cap_props;
	bextra *extra;        /* in input order, so ascending per record */
	size_t n_extra, cap_extra;
	brun *runs;           /* in input order */
	size_t n_runs, cap_runs;
	uint32_t *redelivered; /* records whose deliveries grew, in order (rollback) */
	size_t n_redelivered, cap_redelivered;
	uint32_t *ids;        /* open addressing: record index + 1, tag */
	size_t ids_cap, ids_n;
	bsource *sources;
	size_t n_sources;
	size_t cur_source;    /* during vg_builder_add */
	size_t n_names_skipped;
	vg_buf scratch;       /* a conformed value, a joined name */
	vg__bkeycache *kc;
	/* the names of one record (vg__bname_each), by pool offset */
	struct { uint32_t stamp, value; } *seen;
	uint32_t seen_stamp;
	vg_index *reuse;      /* the previous index (opts.reuse), or NULL */
	char reuse_why[160];  /* why it is not used, or "" */
	vg__sorter *derived;  /* derived key -> term, filled by the pipeline */
	vg__pipeline *pipe;   /* NULL once written */
	uint64_t n_analysed, n_reused; /* the pipeline's, kept when it is freed */
	int reuse_ok;
	size_t pipe_budget, sort_budget;
	unsigned threads;
};

/* ---- shared by builder.c and write.c -------------------------------------- */

/* Pool offset of s (added when new); 0 for "". */
int vg__bintern(uint32_t *out, vg_builder *b, const char *s, size_t len);

static inline const char *vg__bstr(const vg_builder *b, uint32_t off)
{
	return b->pool.ptr + off;
}

/* The VG__KC_* of the property key at pool offset key. */
unsigned vg__bkey_class(vg_builder *b, uint32_t key);

/* vg__ftm_find_schema(the name at pool offset name), from the cache. */
const vg__ftm_schema *vg__bschema(vg_builder *b, uint32_t name);

/* vg__ftm_find_prop(s, the key at pool offset key), from the cache. */
const vg__ftm_prop *vg__bfind_prop(vg_builder *b, const vg__ftm_schema *s, uint32_t key);

/* Builder record index of id, or -1. */
long vg__bfind(const vg_builder *b, const char *id);

/* Whether an FtM property holds a name that is screened. */
int vg__bname_key(const char *key);

/* Calls fn for each name of record ri (its properties p[0..n)) in the
 * order they are numbered (name, alias, previousName, weakAlias), the same
 * text once; *n_names receives how many. */
int vg__bname_each(vg_builder *b, uint32_t ri, const vg_ix_prop *p, size_t n,
		   int (*fn)(void *ctx, uint32_t ri, uint32_t value, uint32_t flags),
		   void *ctx, size_t *n_names);

/* A person's name assembled from its parts ("firstName" ... "lastName"),
 * for records that give parts only (pool offset, 0 when it has none). */
int vg__bjoined_parts(uint32_t *out, vg_builder *b, const vg_ix_prop *p, size_t n);

#endif
