/*
 * reconcile_query.c - OpenRefine reconciliation queries as vigil queries.
 *
 * A query {"query", "type", "limit", "properties": [{"pid", "v"}]} is
 * rewritten as the yente EntityExample it means and read as /match reads
 * one (request.c), so that both endpoints screen a name the same way.
 */
#include "reconcile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reconcile_value(json_object *list, json_object *v)
{
	json_object *id;
	switch (json_object_get_type(v)) {
	case json_type_string:
	case json_type_int:
	case json_type_double:
		json_object_array_add(list, json_object_new_string(json_object_get_string(v)));
		break;
	case json_type_object:
		if (json_object_object_get_ex(v, "id", &id) &&
		    json_object_is_type(id, json_type_string))
			json_object_array_add(list, json_object_get(id));
		break;
	case json_type_array: {
		size_t i, n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			json_object *e = json_object_array_get_idx(v, i);
			if (!json_object_is_type(e, json_type_array))
				reconcile_value(list, e);
		}
		break;
	}
	default:
		break;
	}
}

/* Rewrites one reconciliation query as a yente EntityExample. */
static int reconcile_example(json_object **out, size_t *limit,
			     json_object *rq, const char *where, srv_err *err)
{
	json_object *ex = NULL, *props, *v, *names;
	*limit = 0;
	if (!json_object_is_type(rq, json_type_object))
		return srv_err_set(err, 400, "%s: expected an object", where);
	if (!json_object_object_get_ex(rq, "query", &v) ||
	    !json_object_is_type(v, json_type_string))
		return srv_err_set(err, 400, "%s.query: expected a string", where);
	ex = json_object_new_object();
	props = json_object_new_object();
	names = json_object_new_array();
	json_object_array_add(names, json_object_get(v));
	json_object_object_add(props, "name", names);
	json_object_object_add(ex, "properties", props);
	if (json_object_object_get_ex(rq, "type", &v) &&
	    json_object_is_type(v, json_type_string))
		json_object_object_add(ex, "schema", json_object_get(v));
	if (json_object_object_get_ex(rq, "limit", &v)) {
		int64_t l = json_object_get_int64(v);
		if (!json_object_is_type(v, json_type_int) || l < 1) {
			json_object_put(ex);
			return srv_err_set(err, 400, "%s.limit: expected a positive integer", where);
		}
		*limit = (size_t)l;
	}
	if (json_object_object_get_ex(rq, "properties", &v)) {
		size_t i, n;
		if (!json_object_is_type(v, json_type_array)) {
			json_object_put(ex);
			return srv_err_set(err, 400, "%s.properties: expected a list of {pid, v}", where);
		}
		n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			json_object *p = json_object_array_get_idx(v, i), *pid, *pv, *list;
			const char *name;
			if (!json_object_is_type(p, json_type_object) ||
			    !json_object_object_get_ex(p, "pid", &pid) ||
			    !json_object_is_type(pid, json_type_string) ||
			    !json_object_object_get_ex(p, "v", &pv)) {
				json_object_put(ex);
				return srv_err_set(err, 400,
						   "%s.properties[%zu]: expected {\"pid\": NAME, \"v\": VALUE}",
						   where, i);
			}
			name = json_object_get_string(pid);
			if (!json_object_object_get_ex(props, name, &list)) {
				list = json_object_new_array();
				json_object_object_add(props, name, list);
			}
			reconcile_value(list, pv);
		}
	}
	*out = ex;
	return 0;
}

int srv_batch_parse_reconcile(srv_batch *out, size_t **item_limits,
			      const char *json, size_t len,
			      const srv_limits *lim, srv_err *err)
{
	json_object *in, *examples;
	size_t n;
	int rc;
	memset(out, 0, sizeof(*out));
	*item_limits = NULL;
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
	if (!(*item_limits = calloc(n, sizeof(size_t)))) {
		rc = srv_err_set(err, 500, "out of memory");
		goto fail;
	}
	{
		json_object_object_foreach(in, key, rq) {
			char where[128];
			json_object *ex = NULL;
			snprintf(where, sizeof(where), "queries.%.60s", key);
			if ((rc = reconcile_example(&ex, &(*item_limits)[out->n], rq, where, err)))
				goto fail;
			json_object_object_add(examples, key, ex);
			rc = srv_query_from_example(&out->items[out->n], ex, lim, where, err);
			out->items[out->n++].key = key;
			if (rc)
				goto fail;
		}
	}
	return 0;
fail:
	srv_batch_free(out);
	free(*item_limits);
	*item_limits = NULL;
	return rc;
}

