/*
 * reconcile_query.c - reconciliation queries (spec 0.2) as vigil queries.
 *
 * A query {"query", "type", "type_strict", "limit", "properties": [{"pid",
 * "v"}]} is rewritten as the yente EntityExample it means and read as
 * /match reads one (request.c), so that both endpoints screen a name the
 * same way.  Whatever the spec's schema accepts is answered, never refused:
 * a query with properties and no name, types FtM does not know (ignored),
 * values of every JSON kind it allows.  Only what the schema refuses is a
 * 400: a query with neither "query" nor a property, a field it does not
 * have, a value of the wrong kind.
 */
#include "reconcile.h"

#include "vigil/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One property value as strings appended to list: a string, number or
 * boolean as written, an entity reference {"id", "name"} by its name (what
 * vigil can compare) or else its id, a list element by element. */
static void recon_value(json_object *list, json_object *v, bool nested)
{
	json_object *f;
	switch (json_object_get_type(v)) {
	case json_type_string:
	case json_type_int:
	case json_type_double:
	case json_type_boolean:
		json_object_array_add(list, json_object_new_string(json_object_get_string(v)));
		break;
	case json_type_object:
		if ((json_object_object_get_ex(v, "name", &f) &&
		     json_object_is_type(f, json_type_string)) ||
		    (json_object_object_get_ex(v, "id", &f) &&
		     json_object_is_type(f, json_type_string)))
			json_object_array_add(list, json_object_get(f));
		break;
	case json_type_array: {
		size_t i, n = json_object_array_length(v);
		for (i = 0; !nested && i < n; i++)
			recon_value(list, json_object_array_get_idx(v, i), true);
		break;
	}
	default:
		break;
	}
}

/* Whether v is a value the spec allows: a string, number, boolean, an
 * object with a string "id", or (when !nested) a list of those. */
static bool recon_value_ok(json_object *v, bool nested)
{
	json_object *id;
	size_t i, n;
	switch (json_object_get_type(v)) {
	case json_type_string:
	case json_type_int:
	case json_type_double:
	case json_type_boolean:
		return true;
	case json_type_object:
		return json_object_object_get_ex(v, "id", &id) &&
		       json_object_is_type(id, json_type_string);
	case json_type_array:
		n = json_object_array_length(v);
		for (i = 0; i < n; i++)
			if (nested || !recon_value_ok(json_object_array_get_idx(v, i), true))
				return false;
		return !nested;
	default:
		return false;
	}
}

const char *srv_recon_property(const char *pid)
{
	const char *colon = strrchr(pid, ':');
	vg_model_property p;
	char schema[64];
	size_t n;
	if (!colon)
		return pid;
	n = (size_t)(colon - pid);
	if (n >= sizeof(schema))
		return NULL;
	memcpy(schema, pid, n);
	schema[n] = '\0';
	return vg_model_property_get(&p, schema, colon + 1) ? p.name : NULL;
}

/* The "properties" list into props (name -> list of strings). */
static int recon_properties(json_object *props, json_object *v, const char *where,
			    srv_err *err)
{
	size_t i, n;
	if (!json_object_is_type(v, json_type_array))
		return srv_err_set(err, 400, "%s.properties: expected a list of {pid, v}", where);
	n = json_object_array_length(v);
	for (i = 0; i < n; i++) {
		json_object *p = json_object_array_get_idx(v, i), *pid, *pv, *list;
		const char *name;
		if (!json_object_is_type(p, json_type_object) ||
		    !json_object_object_get_ex(p, "pid", &pid) ||
		    !json_object_is_type(pid, json_type_string) ||
		    !json_object_object_get_ex(p, "v", &pv) || !recon_value_ok(pv, false))
			return srv_err_set(err, 400, "%s.properties[%zu]: expected {\"pid\": ID, "
					   "\"v\": VALUE or [VALUE, ...]} (a string, number, "
					   "boolean or {\"id\", \"name\"})", where, i);
		if (!(name = srv_recon_property(json_object_get_string(pid))))
			continue;
		if (!json_object_object_get_ex(props, name, &list)) {
			list = json_object_new_array();
			json_object_object_add(props, name, list);
		}
		recon_value(list, pv, false);
	}
	return 0;
}

/* "type" (a name or a list of names) and "type_strict" into item.  Types
 * FtM does not know are ignored; known ones vigil does not screen (an
 * Address) leave nothing to find when no screened type is asked too. */
static int recon_types(srv_recon_item *item, json_object *rq, const char *where,
		       srv_err *err)
{
	json_object *t, *s;
	size_t i, n, unscreened = 0;
	if (json_object_object_get_ex(rq, "type_strict", &s)) {
		const char *v = json_object_get_string(s);
		if (!json_object_is_type(s, json_type_string) ||
		    (strcmp(v, "any") && strcmp(v, "all") && strcmp(v, "should")))
			return srv_err_set(err, 400, "%s.type_strict: expected any, should or all",
					   where);
		item->strict = !strcmp(v, "all") ? SRV_TYPES_ALL
			       : !strcmp(v, "should") ? SRV_TYPES_SHOULD : SRV_TYPES_ANY;
	}
	if (!json_object_object_get_ex(rq, "type", &t))
		return 0;
	if (!json_object_is_type(t, json_type_string) && !json_object_is_type(t, json_type_array))
		return srv_err_set(err, 400, "%s.type: expected a type id or a list of them", where);
	n = json_object_is_type(t, json_type_array) ? json_object_array_length(t) : 1;
	for (i = 0; i < n; i++) {
		json_object *e = json_object_is_type(t, json_type_array)
					 ? json_object_array_get_idx(t, i) : t;
		vg_model_schema ms;
		vg_schema k;
		if (!json_object_is_type(e, json_type_string))
			return srv_err_set(err, 400, "%s.type[%zu]: expected a type id", where, i);
		if (!vg_model_schema_get(&ms, json_object_get_string(e)))
			continue;
		k = vg_schema_from_name(ms.name, strlen(ms.name));
		if (k != VG_SCHEMA_THING && !vg_schema_is_screenable(k))
			unscreened++;
		else if (item->n_types < SRV_RECON_MAX_TYPES)
			item->types[item->n_types++] = ms.name;
	}
	item->nothing = unscreened && !item->n_types && item->strict != SRV_TYPES_SHOULD;
	return 0;
}

bool srv_recon_type_ok(const srv_recon_item *item, const char *schema)
{
	size_t i, hits = 0;
	if (item->strict == SRV_TYPES_SHOULD || !item->n_types)
		return true;
	for (i = 0; i < item->n_types; i++)
		hits += vg_model_is_a(schema, item->types[i]);
	return item->strict == SRV_TYPES_ALL ? hits == item->n_types : hits > 0;
}

/* Refuses fields the spec's query schema does not have (a misspelt
 * "props" would otherwise be dropped without a word). */
static int recon_fields(json_object *rq, const char *where, srv_err *err)
{
	static const char *const known[] = { "query", "type", "type_strict", "limit",
					     "properties", NULL };
	json_object_object_foreach(rq, key, val) {
		size_t i;
		(void)val;
		for (i = 0; known[i] && strcmp(known[i], key); i++)
			;
		if (!known[i])
			return srv_err_set(err, 400, "%s.%.40s: no such field (a query has query, "
					   "type, type_strict, limit and properties)", where, key);
	}
	return 0;
}

/* "limit": a number (the spec's type); below 1 asks for no candidate. */
static int recon_limit(size_t *limit, json_object *rq, const char *where, srv_err *err)
{
	json_object *v;
	double l;
	*limit = 5;
	if (!json_object_object_get_ex(rq, "limit", &v))
		return 0;
	if (!json_object_is_type(v, json_type_int) && !json_object_is_type(v, json_type_double))
		return srv_err_set(err, 400, "%s.limit: expected a number", where);
	l = json_object_get_double(v);
	*limit = !(l >= 1.0) ? 0 : l > 1e9 ? (size_t)1e9 : (size_t)floor(l);
	return 0;
}

/* Rewrites one reconciliation query as a yente EntityExample in *out
 * (owned by the caller) and fills item. */
static int reconcile_example(json_object **out, srv_recon_item *item, json_object *rq,
			     const char *where, srv_err *err)
{
	json_object *ex, *props, *q = NULL, *p = NULL;
	int rc;
	*out = NULL;
	if (!json_object_is_type(rq, json_type_object))
		return srv_err_set(err, 400, "%s: expected an object", where);
	if ((rc = recon_fields(rq, where, err)) || (rc = recon_limit(&item->limit, rq, where, err)) ||
	    (rc = recon_types(item, rq, where, err)))
		return rc;
	if (json_object_object_get_ex(rq, "query", &q) && !json_object_is_type(q, json_type_string))
		return srv_err_set(err, 400, "%s.query: expected a string", where);
	json_object_object_get_ex(rq, "properties", &p);
	if (!q && !(json_object_is_type(p, json_type_array) && json_object_array_length(p)))
		return srv_err_set(err, 400, "%s: expected \"query\" or \"properties\" (at least "
				   "one {\"pid\", \"v\"})", where);
	*out = ex = json_object_new_object();
	props = json_object_new_object();
	json_object_object_add(ex, "properties", props);
	if (q) {
		json_object *names = json_object_new_array();
		json_object_array_add(names, json_object_get(q));
		json_object_object_add(props, "name", names);
	}
	if (p && (rc = recon_properties(props, p, where, err)))
		return rc;
	/* one type screens as that schema ("should" only prefers it) */
	if (item->n_types == 1 && item->strict != SRV_TYPES_SHOULD)
		json_object_object_add(ex, "schema", json_object_new_string(item->types[0]));
	return 0;
}

/* The query of one item from its example.  A query with no name and no
 * identifier is valid in the spec (properties only, say a birth date) but
 * vigil has nothing to look it up by: it finds no candidate. */
static int recon_query(srv_query_item *item, srv_recon_item *recon, json_object *ex,
		       const srv_limits *lim, const char *where, srv_err *err)
{
	static const char *const probe[] = { "x" };
	vg_query q;
	int rc = srv_query_from_example(item, ex, lim, where, err);
	if (rc != 400 || !item->values)
		return rc;
	q = item->query;
	q.names = probe;
	q.n_names = 1;
	if (vg_query_validate(&q) != 0)
		return rc;
	vg_error_clear();
	recon->nothing = true;
	if (err)
		memset(err, 0, sizeof(*err));
	return 0;
}

int srv_batch_parse_reconcile(srv_batch *out, srv_recon_item **recon,
			      const char *json, size_t len,
			      const srv_limits *lim, srv_err *err)
{
	json_object *in, *examples;
	size_t n;
	int rc;
	memset(out, 0, sizeof(*out));
	*recon = NULL;
	if (!(in = srv_json_parse(json, len, lim->max_depth, err)))
		return err ? err->status : 400;
	/* out->root holds the request tree (whose keys the items point to)
	 * and the examples rewritten from it. */
	out->root = json_object_new_array();
	json_object_array_add(out->root, in);
	if (!json_object_is_type(in, json_type_object)) {
		rc = srv_err_set(err, 400, "queries: expected {\"q0\": {\"query\": ...}, ...}");
		goto fail;
	}
	examples = json_object_new_object();
	json_object_array_add(out->root, examples);
	n = (size_t)json_object_object_length(in);
	if ((rc = srv_batch_alloc(out, n, lim, err)))
		goto fail;
	if (!(*recon = calloc(n, sizeof(**recon)))) {
		rc = srv_err_set(err, 500, "out of memory");
		goto fail;
	}
	{
		json_object_object_foreach(in, key, rq) {
			char where[128];
			json_object *ex = NULL;
			snprintf(where, sizeof(where), "queries.%.60s", key);
			rc = reconcile_example(&ex, &(*recon)[out->n], rq, where, err);
			if (ex)
				json_object_object_add(examples, key, ex);
			if (!rc)
				rc = recon_query(&out->items[out->n], &(*recon)[out->n], ex, lim,
						 where, err);
			out->items[out->n++].key = key;
			if (rc)
				goto fail;
		}
	}
	return 0;
fail:
	srv_batch_free(out);
	free(*recon);
	*recon = NULL;
	return rc;
}
