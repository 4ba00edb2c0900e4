/*
 * pg_funcs.c - the SQL functions of the extension (declared in vigil.sql):
 * vigil_compare, vigil_match, vigil_scan, vigil_entity and vigil_info.
 *
 * Each function checks its arguments (an empty name, a name or text longer
 * than the library takes, an unknown schema, a threshold outside [0,1] are
 * PostgreSQL errors naming the argument), runs the library call to the end,
 * and only then builds PostgreSQL values (see pg_vigil.h for why).  Set
 * returning functions materialise their rows in one call, so no row refers
 * to the index after the call returns.
 */
#include "pg_vigil.h"

#include <math.h>

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "pg_rows.h"

/* Longest name the matcher takes (its query limit; the comparator gets the
 * same so that both functions refuse the same names). */
#define VGPG_MAX_NAME 1024
/* Longest text vigil_scan takes: about a third of a second of scanning,
 * which runs without checking for query cancellation. */
#define VGPG_MAX_SCAN (10u << 20)
/* Longest date, country or identifier argument. */
#define VGPG_MAX_FIELD 256
#define VGPG_MAX_RESULTS 100
#define VGPG_MAX_LINKS_DEPTH 3

PG_FUNCTION_INFO_V1(vigil_compare);
PG_FUNCTION_INFO_V1(vigil_match);
PG_FUNCTION_INFO_V1(vigil_scan);
PG_FUNCTION_INFO_V1(vigil_entity);
PG_FUNCTION_INFO_V1(vigil_info);

static vg_schema schema_arg(text *t)
{
	char *name = vgpg_text(t, 64, "schema");
	vg_schema s = vg_schema_from_name(name, strlen(name));

	if (s == VG_SCHEMA_UNKNOWN)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("unknown schema \"%s\"", name),
			errhint("Use a FollowTheMoney schema: Person, Company, Organization, "
				"LegalEntity, PublicBody, Vessel, Aircraft or Thing.")));
	return s;
}

/* vigil_compare(a text, b text, schema text) -> float8, STRICT */
Datum vigil_compare(PG_FUNCTION_ARGS)
{
	char *a, *b;
	vg_schema schema;
	double score = 0.0;
	int rc;

	vgpg_require_utf8();
	a = vgpg_text(PG_GETARG_TEXT_PP(0), VGPG_MAX_NAME, "name a");
	b = vgpg_text(PG_GETARG_TEXT_PP(1), VGPG_MAX_NAME, "name b");
	schema = schema_arg(PG_GETARG_TEXT_PP(2));
	if (!a[0] || !b[0])
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("vigil_compare: name %s is empty", a[0] ? "b" : "a")));
	if ((rc = vg_compare(&score, a, strlen(a), b, strlen(b), schema, NULL)) != 0)
		vgpg_raise(rc, "vigil_compare", true);
	PG_RETURN_FLOAT8(score);
}

/* The optional text argument i, or NULL. */
static const char *opt_text(FunctionCallInfo fcinfo, int i, const char *what)
{
	if (PG_ARGISNULL(i))
		return NULL;
	return vgpg_text(PG_GETARG_TEXT_PP(i), VGPG_MAX_FIELD, what);
}

/* vigil_match(name, schema, birth_date, country, id_number, threshold,
 * max_results) -> SETOF vigil_match_result.  Not STRICT: every argument but
 * the name may be NULL (not given); a NULL name gives no rows. */
Datum vigil_match(PG_FUNCTION_ARGS)
{
	vg_query q = VG_QUERY_INIT;
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	const char *name, *country, *id_number;
	vg_match_result *results;
	vgpg_handle h;
	size_t n;
	int rc;

	vgpg_require_utf8();
	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum)0;
	name = vgpg_text(PG_GETARG_TEXT_PP(0), VGPG_MAX_NAME, "name");
	q.names = &name;
	q.n_names = 1;
	q.schema = PG_ARGISNULL(1) ? VG_SCHEMA_THING : schema_arg(PG_GETARG_TEXT_PP(1));
	q.birth_date = opt_text(fcinfo, 2, "birth_date");
	if ((country = opt_text(fcinfo, 3, "country")) != NULL) {
		q.countries = &country;
		q.n_countries = 1;
	}
	if ((id_number = opt_text(fcinfo, 4, "id_number")) != NULL) {
		q.id_numbers = &id_number;
		q.n_id_numbers = 1;
	}
	if (!PG_ARGISNULL(5)) {
		o.threshold = PG_GETARG_FLOAT8(5);
		if (isnan(o.threshold) || o.threshold < 0.0 || o.threshold > 1.0)
			ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("threshold must be between 0 and 1, not %g", o.threshold)));
	}
	if (!PG_ARGISNULL(6)) {
		int32 k = PG_GETARG_INT32(6);
		if (k < 1 || k > VGPG_MAX_RESULTS)
			ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("max_results must be between 1 and %d, not %d",
				       VGPG_MAX_RESULTS, k)));
		o.limit = (size_t)k;
	}
	if ((rc = vg_query_validate(&q)) != 0)
		vgpg_raise(rc, "vigil_match", true);
	results = palloc(sizeof(*results) * o.limit);
	vgpg_index(&h);
	if ((rc = vg_match(&n, results, o.limit, h.matcher, &q, &o)) != 0)
		vgpg_raise(rc, "vigil_match", true);
	vgpg_put_match_rows((ReturnSetInfo *)fcinfo->resultinfo, &h, results, n);
	return (Datum)0;
}

/* vigil_scan(document text) -> SETOF (mention, start_offset, end_offset,
 * entity_id, caption, schema, score), STRICT. */
Datum vigil_scan(PG_FUNCTION_ARGS)
{
	vg_scan_options o = VG_SCAN_OPTIONS_INIT;
	char *doc;
	vgpg_handle h;
	size_t n;
	int rc;

	vgpg_require_utf8();
	InitMaterializedSRF(fcinfo, 0);
	doc = vgpg_text(PG_GETARG_TEXT_PP(0), VGPG_MAX_SCAN, "vigil_scan: document");
	vgpg_index(&h);
	o.links_depth = 0;
	/* the mentions array is the backend state's (freed by the next call) */
	if ((rc = vg_scan(h.mentions, &n, vgpg_scanner(&h), doc, strlen(doc), &o)) != 0)
		vgpg_raise(rc, "vigil_scan", true);
	vgpg_put_scan_rows((ReturnSetInfo *)fcinfo->resultinfo, &h, *h.mentions, n, doc);
	return (Datum)0;
}

/* vigil_entity(id text, links_depth int) -> jsonb, NULL for an id the index
 * does not have; STRICT. */
Datum vigil_entity(PG_FUNCTION_ARGS)
{
	char *id = vgpg_text(PG_GETARG_TEXT_PP(0), VGPG_MAX_FIELD, "id");
	int32 depth = PG_GETARG_INT32(1);
	vgpg_handle h;
	uint32_t ord;
	int rc;

	vgpg_require_utf8();
	if (depth < 0 || depth > VGPG_MAX_LINKS_DEPTH)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("links_depth must be between 0 and %d, not %d",
			       VGPG_MAX_LINKS_DEPTH, depth)));
	vgpg_index(&h);
	if ((rc = vg_index_lookup(&ord, h.index, id)) == VG_ENOTFOUND)
		PG_RETURN_NULL();
	if (rc != 0 || (rc = vg_index_entity_json(h.index, ord, depth, h.out)) != 0)
		vgpg_raise(rc, "vigil_entity", false);
	PG_RETURN_JSONB_P(vgpg_jsonb(h.out));
}

/* vigil_info() -> jsonb: what `vigil info --json` prints for the index. */
Datum vigil_info(PG_FUNCTION_ARGS)
{
	vgpg_handle h;
	int rc;

	vgpg_index(&h);
	if ((rc = vg_index_info_json(h.index, h.out)) != 0)
		vgpg_raise(rc, "vigil_info", false);
	PG_RETURN_JSONB_P(vgpg_jsonb(h.out));
}
