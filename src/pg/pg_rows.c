/*
 * pg_rows.c - rows and jsonb values from the library's results.
 *
 * Match results and scan mentions are the library's structures
 * (vg_match_result, vg_mention) and the entity accessors of vigil/index.h;
 * the explanation column is built from a result's fields and features as
 * jsonb directly.  One part of it is JSON by nature: the comparator's own
 * account of the name alignment (vg_match_name_explanation), which goes
 * through PostgreSQL's jsonb input and is nested as it is.  vigil_entity
 * and vigil_info return the library's FtM / info JSON the same way.
 *
 * Strings in the structures point into the index or the matcher and are
 * copied into PostgreSQL values before the next library call.
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

static Datum text_datum(const char *s, bool *isnull)
{
	*isnull = s == NULL;
	return s ? CStringGetTextDatum(s) : (Datum)0;
}

static Datum datasets_of(const vg_index *ix, uint32_t ord)
{
	size_t i, n = vg_entity_dataset_count(ix, ord);
	Datum *items = palloc(sizeof(Datum) * (n ? n : 1));

	for (i = 0; i < n; i++) {
		const char *d = vg_entity_dataset(ix, ord, i);
		items[i] = CStringGetTextDatum(d ? d : "");
	}
	return PointerGetDatum(construct_array(items, (int)n, TEXTOID, -1, false,
					       TYPALIGN_INT));
}

static void push_key(JsonbParseState **st, const char *key)
{
	JsonbValue k;

	k.type = jbvString;
	k.val.string.val = (char *)key;
	k.val.string.len = (int)strlen(key);
	pushJsonbValue(st, WJB_KEY, &k);
}

/* "key": "value" (null when value is NULL) */
static void push_str(JsonbParseState **st, const char *key, const char *value)
{
	JsonbValue v;

	push_key(st, key);
	if (value) {
		v.type = jbvString;
		v.val.string.val = (char *)value;
		v.val.string.len = (int)strlen(value);
	} else {
		v.type = jbvNull;
	}
	pushJsonbValue(st, WJB_VALUE, &v);
}

/* "key": number, rounded as the JSON writer prints it (4 decimals) */
static void push_num(JsonbParseState **st, const char *key, double value)
{
	JsonbValue v;

	push_key(st, key);
	v.type = jbvNumeric;
	v.val.numeric = DatumGetNumeric(DirectFunctionCall2(numeric_round,
		DirectFunctionCall1(float8_numeric, Float8GetDatum(value)),
		Int32GetDatum(4)));
	pushJsonbValue(st, WJB_VALUE, &v);
}

/* "name": the comparator's alignment, from its JSON */
static void push_alignment(JsonbParseState **st, const vgpg_handle *h,
			   const vg_match_result *r)
{
	JsonbValue v;
	Jsonb *j;
	int rc;

	vg_buf_clear(h->out);
	if ((rc = vg_match_name_explanation(h->matcher, r, h->out)) != 0)
		vgpg_raise(rc, "vigil_match: explanation", false);
	if (!h->out->size)
		return;
	j = vgpg_jsonb(h->out);
	v.type = jbvBinary;
	v.val.binary.data = &j->root;
	v.val.binary.len = VARSIZE(j) - VARHDRSZ;
	push_key(st, "name");
	pushJsonbValue(st, WJB_VALUE, &v);
}

/* {"query_name", "matched_name", "name_kind", "name_score", "name",
 *  "features": {CODE: {"score", "detail", "query", "candidate"}}}: what
 * the library's JSON writer puts in a result's "explanation". */
static Datum explanation(const vgpg_handle *h, const vg_match_result *r)
{
	JsonbParseState *st = NULL;
	JsonbValue *done;
	size_t i;

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	push_str(&st, "query_name", r->query_name);
	push_str(&st, "matched_name", r->matched_name);
	push_str(&st, "name_kind", r->name_kind);
	push_alignment(&st, h, r);
	for (i = 0; i < r->n_features && i < VG_MAX_FEATURES; i++)
		if (r->features[i].code && strcmp(r->features[i].code, "name") == 0)
			push_num(&st, "name_score", r->features[i].score);
	push_key(&st, "features");
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	for (i = 0; i < r->n_features && i < VG_MAX_FEATURES; i++) {
		const vg_feature *f = &r->features[i];
		if (!f->code || strcmp(f->code, "name") == 0)
			continue;
		push_key(&st, f->code);
		pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
		push_num(&st, "score", f->score);
		push_str(&st, "detail", f->detail);
		push_str(&st, "query", f->query);
		push_str(&st, "candidate", f->candidate);
		pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	}
	pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	done = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	return JsonbPGetDatum(JsonbValueToJsonb(done));
}

void vgpg_put_match_rows(ReturnSetInfo *rsinfo, const vgpg_handle *h,
			 const vg_match_result *results, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const vg_match_result *r = &results[i];
		Datum v[MATCH_COLS];
		bool null[MATCH_COLS] = { false };

		v[0] = text_datum(vg_index_entity_id(h->index, r->ordinal), &null[0]);
		v[1] = text_datum(vg_entity_caption(h->index, r->ordinal), &null[1]);
		v[2] = text_datum(vg_entity_schema(h->index, r->ordinal), &null[2]);
		v[3] = Float8GetDatum(r->score);
		v[4] = BoolGetDatum(r->match);
		v[5] = datasets_of(h->index, r->ordinal);
		v[6] = explanation(h, r);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, null);
	}
}

void vgpg_put_scan_rows(ReturnSetInfo *rsinfo, const vgpg_handle *h,
			const vg_mention *mentions, size_t n, const char *doc)
{
	size_t i, len = strlen(doc);

	for (i = 0; i < n; i++) {
		const vg_mention *m = &mentions[i];
		size_t start = m->start < len ? m->start : len;
		size_t end = m->end < len ? m->end : len;
		Datum v[SCAN_COLS];
		bool null[SCAN_COLS] = { false };

		if (end < start)
			end = start;
		v[0] = PointerGetDatum(cstring_to_text_with_len(doc + start, (int)(end - start)));
		v[1] = Int32GetDatum(pg_mbstrlen_with_len(doc, (int)start));
		v[2] = Int32GetDatum(pg_mbstrlen_with_len(doc, (int)end));
		v[3] = text_datum(vg_index_entity_id(h->index, m->ordinal), &null[3]);
		v[4] = text_datum(vg_entity_caption(h->index, m->ordinal), &null[4]);
		v[5] = text_datum(vg_entity_schema(h->index, m->ordinal), &null[5]);
		v[6] = Float8GetDatum(m->score);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, null);
	}
}
