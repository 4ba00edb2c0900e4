/*
 * nameglue.h - the one place where the index and the matcher call the
 * names stage (analyse once at build time, encode, retrieval keys, decode
 * and compare at query time), so adapting to its interface touches one
 * file.
 *
 * Invariant: a name is analysed only at build time (vg__ng_encode) and at
 * query time for the query's own names; entity names are only decoded.
 */
#ifndef VG_INDEX_NAMEGLUE_H
#define VG_INDEX_NAMEGLUE_H

#include "vigil/common.h"

#include <stddef.h>
#include <stdint.h>

/* One retrieval key of a name. */
typedef int (*vg__ng_key_cb)(void *ctx, unsigned kind, const char *key,
			     size_t len, float weight);

/* An analysed name in the form comparisons take (owned by the glue). */
typedef struct vg__ng_name vg__ng_name;

/* Analyses text for schema; VG_EDATA when it holds no name. */
int vg__ng_analyze(vg__ng_name **out, const char *text, size_t len,
		   vg_schema schema);
void vg__ng_free(vg__ng_name *name);

/* Appends the stored form of an analysed name. */
int vg__ng_encode(vg_buf *out, const vg__ng_name *name);
/* Retrieval keys; any two names that can match share at least one. */
int vg__ng_keys(const vg__ng_name *name, vg__ng_key_cb cb, void *ctx);
/* The legal-form class the analysis found (0 = none): a name that carries
 * one ("... LLC", "ООО ...") is an organisation's. */
int vg__ng_legal_form(const vg__ng_name *name);

/* A decoded stored name, valid while the bytes are. */
typedef struct vg__ng_view vg__ng_view;
/* Scratch for decoding: one per thread. */
typedef struct vg__ng_scratch vg__ng_scratch;
int vg__ng_scratch_new(vg__ng_scratch **out);
void vg__ng_scratch_free(vg__ng_scratch *s);

/* Compares a query name with a stored one.  explain may be NULL. */
int vg__ng_compare(double *score, vg__ng_scratch *s, const vg__ng_name *query,
		   const unsigned char *enc, size_t enc_len, vg_buf *explain);

/* The comparator's own decision threshold. */
double vg__ng_threshold(void);

#endif
