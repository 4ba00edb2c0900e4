/*
 * fuzz_cases_facts.c - libFuzzer target for what the case store reads back
 * from its database as text: canonical facts ("key\tvalue\n" lines), the
 * change description between two versions of them, and their JSON view.
 * A store's rows are untrusted (a damaged or edited file), so none of this
 * may crash, loop or leak, whatever the bytes.
 *
 * The input is split at its first NUL (or in the middle) into the facts
 * "before" and "after"; "after" is also read as subject attributes (one
 * "key value" per line) and made canonical, which must be idempotent.
 */
#include "cases/cases_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ATTRS 32

static void as_attrs(const char *text, vg_buf *out)
{
	vg_cases_attr attrs[MAX_ATTRS];
	char *copy = strdup(text), *line, *save = NULL;
	char hash[65], hash2[65];
	size_t n = 0;
	vg_buf again = VG_BUF_INIT;
	if (!copy)
		return;
	for (line = strtok_r(copy, "\n", &save); line && n < MAX_ATTRS;
	     line = strtok_r(NULL, "\n", &save)) {
		char *sep = strpbrk(line, " \t");
		if (!sep)
			continue;
		*sep = '\0';
		attrs[n].key = line;
		attrs[n++].value = sep + 1;
	}
	if (vg__cases_subject_facts(out, hash, attrs, n) == 0) {
		/* canonical facts describe no change from themselves */
		if (vg__cases_describe(&again, "subject", out->ptr, out->ptr) != 0 || again.size)
			abort();
		if (vg__cases_subject_facts(&again, hash2, attrs, n) != 0 || strcmp(hash, hash2))
			abort();
	}
	vg_buf_dispose(&again);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 2);
	const char *before, *after;
	vg_buf out = VG_BUF_INIT;
	size_t cut;
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = text[size + 1] = '\0';
	cut = strlen(text);
	if (cut == size) {
		cut = size / 2;
		memmove(text + cut + 1, text + cut, size - cut);
		text[cut] = '\0';
	}
	before = text;
	after = text + cut + 1;
	vg__cases_describe(&out, "entity", before, after);
	vg_buf_clear(&out);
	vg__cases_facts_json(&out, before, true);
	vg_buf_clear(&out);
	vg__cases_facts_json(&out, after, false);
	vg_buf_clear(&out);
	as_attrs(after, &out);
	vg_buf_dispose(&out);
	free(text);
	return 0;
}
