/*
 * fuzz_compare.c - libFuzzer target: two arbitrary names (split at the
 * first NUL byte; the byte before it picks the schema) compared both ways
 * with an explanation; the score must be in [0,1] and symmetric enough.
 */
#include "names/name.h"
#include "vigil/vigil.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const vg_schema schemas[] = { VG_SCHEMA_PERSON, VG_SCHEMA_COMPANY,
					     VG_SCHEMA_ORGANIZATION, VG_SCHEMA_VESSEL,
					     VG_SCHEMA_THING };
	const uint8_t *nul = memchr(data, 0, size);
	const char *a = (const char *)data, *b;
	size_t alen, blen;
	vg_schema schema;
	vg_buf ex = VG_BUF_INIT;
	double s1 = -1, s2 = -1;
	int r1, r2;
	if (!nul)
		return 0;
	alen = (size_t)(nul - data);
	b = (const char *)nul + 1;
	blen = size - alen - 1;
	schema = schemas[(alen ? data[0] : 0) % 5];
	r1 = vg_compare(&s1, a, alen, b, blen, schema, &ex);
	r2 = vg_compare(&s2, b, blen, a, alen, schema, NULL);
	if (r1 != r2)
		abort();
	if (r1 == 0 && (s1 < 0 || s1 > 1 || s2 < 0 || s2 > 1 || !ex.ptr || ex.ptr[0] != '{'))
		abort();
	vg_buf_dispose(&ex);
	return 0;
}
