/*
 * fuzz_normalize.c - libFuzzer target: arbitrary bytes through the
 * normaliser and the name analyser (any script, invalid UTF-8, huge runs),
 * then the analysed name through encode/decode and its retrieval terms
 * and keys.
 */
#include "names/name.h"
#include "text/normalize.h"
#include "vigil/vigil.h"

#include <stdlib.h>
#include <string.h>

static int count_term(void *ctx, const vg__term *term)
{
	if (term->len < 3 || !term->span)
		abort();
	(*(size_t *)ctx)++;
	return 1; /* and its derived keys */
}

static int count_key(void *ctx, const char *key, size_t len, unsigned kind)
{
	(void)key; (void)kind;
	if (len < 3)
		abort();
	(*(size_t *)ctx)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vg_buf b = VG_BUF_INIT;
	vg_name *n = NULL, *view;
	size_t used, keys = 0;
	double s;
	if (vg_text_normalize(&b, (const char *)data, size) == 0 && b.ptr &&
	    strlen(b.ptr) != b.size)
		abort(); /* no NUL inside a normalised string */
	vg_buf_clear(&b);
	if (vg_name_analyze(&n, (const char *)data, size, VG_SCHEMA_PERSON) == 0) {
		if (vg__name_encode(n, &b) != 0)
			abort();
		view = malloc(vg__name_struct_size());
		if (!view || vg__name_decode(view, &used, b.ptr, b.size) != 0 || used != b.size)
			abort();
		if (vg_name_compare(&s, n, view, NULL) != 0 || s < 0.99)
			abort();
		vg__name_terms(n, count_term, count_key, &keys);
		free(view);
		vg_name_free(n);
	}
	/* the same bytes read as an encoded record: must be rejected or valid */
	view = malloc(vg__name_struct_size());
	if (view && vg__name_decode(view, &used, data, size) == 0) {
		vg__name_terms(view, count_term, count_key, &keys);
		vg_name_compare(&s, view, view, NULL);
	}
	free(view);
	vg_buf_dispose(&b);
	return 0;
}
