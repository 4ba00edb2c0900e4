/*
 * fuzz_read_ftm.c - libFuzzer target for the reader of FollowTheMoney JSON lines (entities and delta operations).
 *
 * The contract is in reader.h.  Besides, every line the direct entity
 * reader (ftm_line.c) accepts must be accepted by json-c's path and give
 * the same record there, property for property; a difference aborts.
 */
#include "reader.h"
#include "sources/source.h"

#include <json-c/json.h>
#include <stdlib.h>

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void same_records(const vg_record *a, const vg_record *b)
{
	size_t i;
	if (!same_str(a->id, b->id) || !same_str(a->schema_name, b->schema_name) ||
	    a->schema != b->schema || a->n_props != b->n_props)
		abort();
	for (i = 0; i < a->n_props; i++)
		if (!same_str(a->props[i].key, b->props[i].key) ||
		    !same_str(a->props[i].value, b->props[i].value) ||
		    !same_str(a->props[i].qual, b->props[i].qual))
			abort();
}

/* One line through both paths, when it is a line the reader would parse. */
static void compare_paths(const char *s, size_t len, json_tokener *tok,
			  vg__ftm_scratch *sc)
{
	vg_record direct, viajson;
	struct json_object *obj, *e;
	size_t bad;
	/* the reader drops a line's trailing blanks before parsing it */
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	if (!len || memchr(s, '\0', len) || !vg__utf8_valid(s, len, &bad))
		return;
	vg_record_init(&direct);
	vg_record_init(&viajson);
	if (vg__ftm_line(&direct, s, len, "fuzz", 1, sc)) {
		json_tokener_reset(tok);
		obj = json_tokener_parse_ex(tok, s, (int)len);
		if (!obj || json_tokener_get_error(tok) != json_tokener_success ||
		    (size_t)json_tokener_get_parse_end(tok) != len ||
		    !json_object_is_type(obj, json_type_object) ||
		    json_object_object_get_ex(obj, "op", &e) ||
		    vg__ftm_entity(&viajson, obj, "fuzz", 1) != 0)
			abort();
		same_records(&direct, &viajson);
		json_object_put(obj);
	}
	vg_error_clear();
	vg_record_dispose(&direct);
	vg_record_dispose(&viajson);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	json_tokener *tok = json_tokener_new_ex(VG__JSON_DEPTH);
	vg__ftm_scratch sc = { VG_BUF_INIT, VG_BUF_INIT };
	fuzz_read(data, size, VG_FORMAT_FTM_JSON);
	while (tok && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		compare_paths(p, len, tok, &sc);
		p += len + 1;
	}
	if (tok)
		json_tokener_free(tok);
	vg_buf_dispose(&sc.a);
	vg_buf_dispose(&sc.b);
	return 0;
}
