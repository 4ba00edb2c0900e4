/*
 * pg_rows.c - rows and jsonb values from the library's results.
 *
 * The public API gives match and scan results as JSON text today (the
 * structures of issue 10 are not there yet), so the text goes through
 * PostgreSQL's own jsonb input once and the columns are read from the jsonb
 * value: the explanation column is that value's sub-object, not a re-encoded
 * string.  Runs after the library call has returned (pg_vigil.h).
 */
#include "pg_rows.h"

#include "catalog/pg_type.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

enum { MATCH_COLS = 7, SCAN_COLS = 7 };

Jsonb *vgpg_jsonb(const vg_buf *json)
{
	return DatumGetJsonbP(DirectFunctionCall1(jsonb_in,
		CStringGetDatum(json->ptr ? json->ptr : "null")));
}

static JsonbValue *get(JsonbContainer *obj, const char *key, JsonbValue *buf)
{
	return getKeyJsonValueFromContainer(obj, key, strlen(key), buf);
}

static Datum text_of(JsonbValue *v, bool *isnull)
{
	*isnull = !v || v->type != jbvString;
	return *isnull ? (Datum)0 :
		PointerGetDatum(cstring_to_text_with_len(v->val.string.val, v->val.string.len));
}

static double number_of(JsonbValue *v)
{
	if (!v || v->type != jbvNumeric)
		return 0.0;
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8,
		NumericGetDatum(v->val.numeric)));
}

static bool is_container(const JsonbValue *v)
{
	return v && v->type == jbvBinary;
}

/* A JSON array of strings as text[]. */
static Datum text_array_of(JsonbValue *v, bool *isnull)
{
	JsonbContainer *arr;
	uint32 i, n;
	Datum *items;

	*isnull = !is_container(v) || !JsonContainerIsArray(v->val.binary.data);
	if (*isnull)
		return (Datum)0;
	arr = v->val.binary.data;
	n = JsonContainerSize(arr);
	items = palloc(sizeof(Datum) * (n ? n : 1));
	for (i = 0; i < n; i++) {
		bool null;
		items[i] = text_of(getIthJsonbValueFromContainer(arr, i), &null);
		if (null)
			items[i] = PointerGetDatum(cstring_to_text(""));
	}
	return PointerGetDatum(construct_array(items, (int)n, TEXTOID, -1, false,
					       TYPALIGN_INT));
}

static Datum jsonb_of(JsonbValue *v, bool *isnull)
{
	*isnull = !is_container(v);
	return *isnull ? (Datum)0 : JsonbPGetDatum(JsonbValueToJsonb(v));
}

/* The i-th element of a JSON array, as an object, or NULL. */
static JsonbContainer *object_at(JsonbContainer *arr, uint32 i)
{
	JsonbValue *v = getIthJsonbValueFromContainer(arr, i);

	if (!is_container(v) || !JsonContainerIsObject(v->val.binary.data))
		return NULL;
	return v->val.binary.data;
}

void vgpg_put_match_rows(ReturnSetInfo *rsinfo, const vg_buf *json)
{
	Jsonb *jb = vgpg_jsonb(json);
	uint32 i, n;

	if (!JB_ROOT_IS_ARRAY(jb))
		elog(ERROR, "vigil_match: the library returned no result array");
	n = JB_ROOT_COUNT(jb);
	for (i = 0; i < n; i++) {
		JsonbContainer *r = object_at(&jb->root, i);
		JsonbValue buf;
		Datum v[MATCH_COLS];
		bool null[MATCH_COLS] = { false };

		if (!r)
			continue;
		v[0] = text_of(get(r, "id", &buf), &null[0]);
		v[1] = text_of(get(r, "caption", &buf), &null[1]);
		v[2] = text_of(get(r, "schema", &buf), &null[2]);
		v[3] = Float8GetDatum(number_of(get(r, "score", &buf)));
		{
			JsonbValue *m = get(r, "match", &buf);
			v[4] = BoolGetDatum(m && m->type == jbvBool && m->val.boolean);
		}
		v[5] = text_array_of(get(r, "datasets", &buf), &null[5]);
		v[6] = jsonb_of(get(r, "explanation", &buf), &null[6]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, null);
	}
}

/* Byte offset `at` into doc (of doc_len bytes) as a character offset. */
static int32 char_offset(const char *doc, size_t doc_len, double at)
{
	size_t b = at <= 0 ? 0 : at >= (double)doc_len ? doc_len : (size_t)at;

	return pg_mbstrlen_with_len(doc, (int)b);
}

void vgpg_put_scan_rows(ReturnSetInfo *rsinfo, const vg_buf *json, const char *doc)
{
	Jsonb *jb = vgpg_jsonb(json);
	JsonbValue buf, *mentions;
	size_t doc_len = strlen(doc);
	uint32 i, n;

	mentions = JB_ROOT_IS_OBJECT(jb) ? get(&jb->root, "mentions", &buf) : NULL;
	if (!is_container(mentions) || !JsonContainerIsArray(mentions->val.binary.data))
		elog(ERROR, "vigil_scan: the library returned no mention array");
	n = JsonContainerSize(mentions->val.binary.data);
	for (i = 0; i < n; i++) {
		JsonbContainer *m = object_at(mentions->val.binary.data, i), *r;
		JsonbValue b2, *res;
		Datum v[SCAN_COLS];
		bool null[SCAN_COLS] = { false };

		if (!m)
			continue;
		v[0] = text_of(get(m, "text", &b2), &null[0]);
		v[1] = Int32GetDatum(char_offset(doc, doc_len, number_of(get(m, "start", &b2))));
		v[2] = Int32GetDatum(char_offset(doc, doc_len, number_of(get(m, "end", &b2))));
		res = get(m, "result", &b2);
		r = is_container(res) ? res->val.binary.data : NULL;
		if (!r)
			continue;
		v[3] = text_of(get(r, "id", &b2), &null[3]);
		v[4] = text_of(get(r, "caption", &b2), &null[4]);
		v[5] = text_of(get(r, "schema", &b2), &null[5]);
		v[6] = Float8GetDatum(number_of(get(r, "score", &b2)));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, null);
	}
}
