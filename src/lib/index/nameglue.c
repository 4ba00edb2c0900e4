/*
 * nameglue.c - the index's and matcher's adapter to the names stage
 * (src/lib/names/name.h): analysis, encoding, retrieval keys, decoding
 * and comparison.  See nameglue.h.
 *
 * Invariant: stored names are decoded into the scratch's one view (no
 * allocation per comparison); a scratch belongs to one thread.
 */
#include "index/nameglue.h"
#include "names/name.h"
#include "common/error.h"
#include "common/alloc.h"

#include <stdlib.h>

struct vg__ng_scratch {
	vg_name *view; /* vg__name_struct_size() bytes */
};

int vg__ng_analyze(vg__ng_name **out, const char *text, size_t len,
		   vg_schema schema)
{
	vg_name *n = NULL;
	int rc = vg_name_analyze(&n, text, len, schema);
	if (rc)
		return rc;
	*out = (vg__ng_name *)n;
	return 0;
}

void vg__ng_free(vg__ng_name *name)
{
	vg_name_free((vg_name *)name);
}

int vg__ng_encode(vg_buf *out, const vg__ng_name *name)
{
	return vg__name_encode((const vg_name *)name, out);
}

typedef struct {
	vg__ng_key_cb cb;
	void *ctx;
} key_tramp;

static int tramp(void *ctx, const char *key, size_t len, unsigned kind,
		 float weight)
{
	key_tramp *t = ctx;
	return t->cb(t->ctx, kind, key, len, weight);
}

int vg__ng_legal_form(const vg__ng_name *name)
{
	return ((const vg_name *)name)->legal_form;
}

int vg__ng_keys(const vg__ng_name *name, vg__ng_key_cb cb, void *ctx)
{
	key_tramp t = { cb, ctx };
	return vg__name_keys((const vg_name *)name, tramp, &t);
}

int vg__ng_scratch_new(vg__ng_scratch **out)
{
	vg__ng_scratch *s = vg__calloc(1, sizeof(*s));
	if (!s || !(s->view = vg__calloc(1, vg__name_struct_size()))) {
		free(s);
		return vg__error_oom();
	}
	*out = s;
	return 0;
}

void vg__ng_scratch_free(vg__ng_scratch *s)
{
	if (!s)
		return;
	free(s->view);
	free(s);
}

int vg__ng_compare(double *score, vg__ng_scratch *s, const vg__ng_name *query,
		   const unsigned char *enc, size_t enc_len, vg_buf *explain)
{
	size_t used;
	int rc = vg__name_decode(s->view, &used, enc, enc_len);
	if (rc)
		return rc;
	return vg_name_compare(score, (const vg_name *)query, s->view, explain);
}

double vg__ng_threshold(void)
{
	return vg_compare_threshold();
}
