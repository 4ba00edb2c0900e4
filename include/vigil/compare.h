/*
 * vigil/compare.h - text normalisation, name analysis and name comparison.
 *
 * A name is analysed once (normalised, transliterated to Latin, tokenised,
 * its parts classified) into a vg_name; two analysed names are compared
 * cheaply.  Scores run from 0 to 1; a score at or above
 * vg_compare_threshold() is a match.
 */
#ifndef VIGIL_COMPARE_H
#define VIGIL_COMPARE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Normalises text for comparison: NFKC, case folding, marks removed, any
 * script transliterated to Latin, punctuation turned into single spaces.
 * Appends the result to `out`.  Invalid UTF-8 is an error (VG_EDATA). */
VG_EXTERN(int) vg_text_normalize(vg_buf *out, const char *text, size_t len);

/* An analysed name.  Opaque; free with vg_name_free. */
typedef struct vg_name vg_name;

/* Analyses `name` for `schema` (VG_SCHEMA_THING when unknown).  On success
 * *out owns a new vg_name that the caller frees.  Fails with VG_EDATA on
 * invalid UTF-8 or a name with no letters or digits. */
VG_EXTERN(int) vg_name_analyze(vg_name **out, const char *name, size_t len,
			       vg_schema schema);
VG_EXTERN(void) vg_name_free(vg_name *name);

/* The default decision threshold of the comparator. */
VG_EXTERN(double) vg_compare_threshold(void);

/* Compares two analysed names.  *score receives a value in [0,1].  When
 * `explain` is not NULL a JSON object describing the alignment (which part
 * matched which, by which rule, what was left unmatched) is appended. */
VG_EXTERN(int) vg_name_compare(double *score, const vg_name *a,
			       const vg_name *b, vg_buf *explain);

/* Convenience: analyse and compare two raw names in one call. */
VG_EXTERN(int) vg_compare(double *score, const char *a, size_t alen,
			  const char *b, size_t blen, vg_schema schema,
			  vg_buf *explain);

#ifdef __cplusplus
}
#endif
#endif
