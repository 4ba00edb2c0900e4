/*
 * index_internal.h - read access to a parsed index for the other stages of
 * the library (match, scan, graph).  Internal; the CLI and server use
 * vigil/index.h.
 *
 * Invariant: a vg_index only exists after vg_index_parse() or
 * vg_index_open() validated every section's bounds, offset, run and ordinal
 * in it, so these accessors do no bounds
 * checks of their own beyond what their contract states: callers pass
 * ordinals < vg__index_record_count() and name indexes < n_names.
 * Everything returned points into the (immutable, shared) mapping and lives
 * as long as the index.
 *
 * Ordinals: screenable entities are 0 .. n_entities-1; sanctions, links,
 * addresses and other records follow, up to n_records-1.
 */
#ifndef VG_INDEX_INTERNAL_H
#define VG_INDEX_INTERNAL_H

#include "vigil/index.h"
#include "index/format.h"

#include <stddef.h>
#include <stdint.h>

struct vg_index {
	const unsigned char *data;
	size_t len;
	void *map;      /* mmap base when opened from a file, else NULL */
	size_t map_len;
	void *hot;      /* vg_index_warm's copy of the hot tables, else NULL */

	vg_ix_meta meta;
	const char *strs;
	size_t strs_len;
	const vg_ix_source *sources;
	const vg_ix_record *recs;
	const vg_ix_prop *props;
	size_t n_props;
	const vg_ix_name *names;
	const unsigned char *nenc;
	size_t nenc_len;
	const vg_ix_key *terms;  /* TERM */
	size_t n_terms;
	const uint32_t *tpst;
	size_t n_tpst;
	const uint32_t *ntrm;
	size_t n_ntrm;
	const vg_ix_key *tkeys;  /* TKEY */
	size_t n_tkeys;
	const uint64_t *tkps;
	size_t n_tkps;
	const vg_ix_key *pairs;  /* PAIR */
	size_t n_pairs;
	const uint32_t *ppst;
	size_t n_ppst;
	const vg_ix_key *ikeys;
	size_t n_ikeys;
	const uint32_t *ipst;
	size_t n_ipst;
	const vg_ix_idmap *idmap;
	size_t n_idmap;
	const vg_ix_edge *edges;
	size_t n_edges;
	const uint32_t *sanc;
	size_t n_sanc;
	const uint16_t *rsrc;
	size_t n_rsrc;
	const vg_ix_ref *refs;
	size_t n_refs;
	uint32_t n_parties; /* entities whose schema is a party (no Positions) */
	/* TDIR and KDIR (format.h): term_dir[b] is the first term whose
	 * hash's top bits (64 - term_shift of them) are >= b, so a lookup
	 * searches one bucket of a few keys; tkey_dir the same for TKEY */
	const uint32_t *term_dir, *tkey_dir;
	unsigned term_shift, tkey_shift;
};

/* The checksums of the sections tagged tags[0..n) (VG_IX_NENC ...; all of
 * them when tags is NULL): 0 or VG_EDATA naming the first that differs. */
int vg__index_verify_sections(const vg_index *ix, const uint32_t *tags, size_t n);

/* ---- records ------------------------------------------------------------ */

static inline uint32_t vg__index_record_count(const vg_index *ix)
{
	return ix->meta.n_records;
}

static inline const vg_ix_record *vg__index_record(const vg_index *ix,
						   uint32_t ord)
{
	return &ix->recs[ord];
}

/* A string of the STRS section (validated: always NUL-terminated). */
static inline const char *vg__index_str(const vg_index *ix, uint32_t off)
{
	return ix->strs + off;
}

static inline const char *vg__index_id(const vg_index *ix, uint32_t ord)
{
	return ix->strs + ix->recs[ord].id;
}

static inline const char *vg__index_caption(const vg_index *ix, uint32_t ord)
{
	return ix->strs + ix->recs[ord].caption;
}

static inline vg_schema vg__index_schema(const vg_index *ix, uint32_t ord)
{
	return (vg_schema)ix->recs[ord].schema;
}

/* The dataset (source name) of the first input that listed a record; use
 * vg__index_record_sources for all of them. */
static inline const char *vg__index_dataset(const vg_index *ix, uint32_t ord)
{
	return ix->strs + ix->sources[ix->recs[ord].source].name;
}

/* Every input that listed a record (indexes into the sources, ascending,
 * at least one): an id several lists share is one record of each. */
static inline const uint16_t *vg__index_record_sources(const vg_index *ix,
							uint32_t ord, size_t *n)
{
	*n = ix->recs[ord].src_count;
	return ix->rsrc + ix->recs[ord].src_start;
}

static inline const char *vg__index_source_name(const vg_index *ix,
						 uint16_t source)
{
	return ix->strs + ix->sources[source].name;
}

/* Whether one of the record's datasets is among names[0..n). */
int vg__index_in_datasets(const vg_index *ix, uint32_t ord,
			  const char *const *names, size_t n);

/* All properties of a record, in the order read; *n receives the count. */
static inline const vg_ix_prop *vg__index_props(const vg_index *ix,
						uint32_t ord, size_t *n)
{
	*n = ix->recs[ord].prop_count;
	return ix->props + ix->recs[ord].prop_start;
}

/* First value of property `key` ("birthDate"), or NULL. */
const char *vg__index_prop(const vg_index *ix, uint32_t ord, const char *key);

/* Calls fn for every value of `key`; stops early when fn returns non-zero
 * and returns that value. */
int vg__index_prop_each(const vg_index *ix, uint32_t ord, const char *key,
			int (*fn)(void *ctx, const char *value, const char *qual),
			void *ctx);

/* ---- names and retrieval ---------------------------------------------- */

static inline uint32_t vg__index_name_count(const vg_index *ix)
{
	return ix->meta.n_names;
}

/* The analysed names of an entity (a run of the NAME section). */
static inline const vg_ix_name *vg__index_names(const vg_index *ix,
						uint32_t ord, size_t *n)
{
	*n = ix->recs[ord].name_count;
	return ix->names + ix->recs[ord].name_start;
}

static inline const vg_ix_name *vg__index_name(const vg_index *ix,
					       uint32_t name_idx)
{
	return &ix->names[name_idx];
}

/* The bytes vg__name_encode produced for a name at build time; give them
 * to vg__name_decode. */
static inline const unsigned char *vg__index_name_enc(const vg_index *ix,
						      const vg_ix_name *nm,
						      size_t *len)
{
	*len = nm->enc_len;
	return ix->nenc + nm->enc_off;
}

/* Hash of a retrieval term or derived key as stored in TERM and TKEY: kind
 * and bytes from vg__name_terms. */
uint64_t vg__index_key_hash(unsigned kind, const char *key, size_t len);

/* The number of the term with this hash (its index in TERM), or
 * UINT32_MAX when no listed name has it. */
uint32_t vg__index_term(const vg_index *ix, uint64_t hash);

/* How many names have term number t, and which (ascending). */
static inline const uint32_t *vg__index_term_names(const vg_index *ix, uint32_t t,
						   size_t *n)
{
	*n = ix->terms[t].count;
	return ix->tpst + ix->terms[t].start;
}

/* The hashes of the terms having the derived key with this hash. */
const uint64_t *vg__index_derived(const vg_index *ix, uint64_t hash, size_t *n);

/* Asks the cache for what looking up hash in TERM (derived 0) or TKEY
 * (derived 1) reads: stage 0 the directory entry, stage 1 (once stage 0
 * had time to arrive) the bucket.  Lookups of many keys overlap their
 * misses this way. */
static inline void vg__index_prefetch(const vg_index *ix, int derived, uint64_t hash,
				      int stage)
{
	const uint32_t *dir = derived ? ix->tkey_dir : ix->term_dir;
	uint32_t b = (uint32_t)(hash >> (derived ? ix->tkey_shift : ix->term_shift));
	if (stage == 0) {
		__builtin_prefetch(&dir[b]);
	} else {
		const vg_ix_key *keys = derived ? ix->tkeys : ix->terms;
		__builtin_prefetch(&keys[dir[b]]);
		__builtin_prefetch(&keys[dir[b + 1]] - 1);
	}
}

/* The term numbers of name `name_idx` (ascending). */
static inline const uint32_t *vg__index_name_terms(const vg_index *ix, uint32_t name_idx,
						   size_t *n)
{
	uint32_t end = name_idx + 1 < ix->meta.n_names ? ix->names[name_idx + 1].term_start
						       : (uint32_t)ix->n_ntrm;
	*n = end - ix->names[name_idx].term_start;
	return ix->ntrm + ix->names[name_idx].term_start;
}

/* Whether term t is common: more names than meta.pair_df have it, so the
 * names having it and another common term are in PAIR. */
static inline int vg__index_term_common(const vg_index *ix, uint32_t t)
{
	return ix->terms[t].count > ix->meta.pair_df;
}

/* Hash of the pair of terms a and b (either order) in PAIR. */
uint64_t vg__index_pair_hash(uint32_t a, uint32_t b);

/* The names having both common terms a and b (ascending). */
const uint32_t *vg__index_pair_names(const vg_index *ix, uint32_t a, uint32_t b,
				     size_t *n);

/* Normalises an identifier (passport, registration, IMO number ...) for
 * lookup: ASCII letters upper-cased, digits kept, everything else dropped.
 * Writes at most cap-1 bytes and a NUL into out; returns the length (0 when
 * nothing is left). */
size_t vg__index_id_normalize(char *out, size_t cap, const char *in);

/* Record ordinals holding the normalised identifier `norm`. */
const uint32_t *vg__index_id_postings(const vg_index *ix, const char *norm,
				      size_t *n);

/* ---- sanctions and links ---------------------------------------------- */

/* Ordinals of the Sanction records of an entity. */
static inline const uint32_t *vg__index_sanctions(const vg_index *ix,
						  uint32_t ord, size_t *n)
{
	*n = ix->recs[ord].sanc_count;
	return ix->sanc + ix->recs[ord].sanc_start;
}

/* Link edges of a record, both directions: each names the link record
 * (whose schema is the link type and whose props hold role, percentage,
 * relationship, dates), the other end, and which end this record is. */
static inline const vg_ix_edge *vg__index_edges(const vg_index *ix,
						uint32_t ord, size_t *n)
{
	*n = ix->recs[ord].edge_count;
	return ix->edges + ix->recs[ord].edge_start;
}

/* The number of FtM property values of a record: its PROP run less the
 * FtM-level fields laid after them (see entity.c). */
size_t vg__index_value_count(const vg_index *ix, uint32_t ord);

#endif
