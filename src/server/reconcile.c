/*
 * reconcile.c - OpenRefine's Reconciliation Service API on `vigil serve`:
 * the manifest, query batches (as a form, a query string or a JSON body),
 * the preview page and entity suggestions.
 *
 * Invariant: as every handler (handlers.c), one response per request, read
 * from the immutable index generation in ctx, without locks.
 */
#include "reconcile.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const recon_types[] = { "Person", "Organization", "Company",
					   "LegalEntity", "Vessel", "Airplane", NULL };

/* JSONP callback names are echoed into JavaScript: keep them identifiers. */
static bool callback_ok(const char *cb)
{
	size_t i;
	if (!cb[0] || strlen(cb) > 100)
		return false;
	for (i = 0; cb[i]; i++)
		if (!isalnum((unsigned char)cb[i]) && cb[i] != '_' && cb[i] != '.' &&
		    cb[i] != '$')
			return false;
	return true;
}

/* Sends obj as JSON, or as JSONP when ?callback= names a function. */
static void respond_jsonp(srv_response *resp, const srv_request *req,
			  json_object *obj)
{
	const char *cb = srv_args_get(req->args, "callback");
	vg_buf tmp = VG_BUF_INIT;
	srv_respond_json(resp, obj);
	if (!cb || resp->status != 200)
		return;
	if (!callback_ok(cb)) {
		srv_respond_error(resp, 400, "callback: expected a JavaScript identifier");
		return;
	}
	if (vg_buf_printf(&tmp, "%s(", cb) || vg_buf_put(&tmp, resp->body.ptr, resp->body.size) ||
	    vg_buf_puts(&tmp, ");\n")) {
		vg_buf_dispose(&tmp);
		srv_respond_error(resp, 500, "out of memory");
		return;
	}
	vg_buf_dispose(&resp->body);
	resp->body = tmp;
	resp->content_type = "application/javascript";
}

static void reconcile_manifest(const srv_ctx *ctx, const srv_request *req,
			       srv_response *resp, const char *dataset)
{
	json_object *m = json_object_new_object(), *types = json_object_new_array();
	json_object *versions = json_object_new_array(), *o, *s;
	char url[600];
	size_t i;
	json_object_array_add(versions, json_object_new_string("0.1"));
	json_object_array_add(versions, json_object_new_string("0.2"));
	json_object_object_add(m, "versions", versions);
	snprintf(url, sizeof(url), "vigil (%s)", dataset);
	json_object_object_add(m, "name", json_object_new_string(url));
	snprintf(url, sizeof(url), "%s/entities/", ctx->base_url);
	json_object_object_add(m, "identifierSpace", json_object_new_string(url));
	json_object_object_add(m, "schemaSpace",
			       json_object_new_string("https://followthemoney.tech/explorer/schemata/"));
	for (i = 0; recon_types[i]; i++) {
		o = json_object_new_object();
		json_object_object_add(o, "id", json_object_new_string(recon_types[i]));
		json_object_object_add(o, "name", json_object_new_string(recon_types[i]));
		json_object_array_add(types, o);
	}
	json_object_object_add(m, "defaultTypes", types);
	o = json_object_new_object();
	snprintf(url, sizeof(url), "%s/entities/{{id}}", ctx->base_url);
	json_object_object_add(o, "url", json_object_new_string(url));
	json_object_object_add(m, "view", o);
	o = json_object_new_object();
	snprintf(url, sizeof(url), "%s/reconcile/%s/preview?id={{id}}", ctx->base_url, dataset);
	json_object_object_add(o, "url", json_object_new_string(url));
	json_object_object_add(o, "width", json_object_new_int(430));
	json_object_object_add(o, "height", json_object_new_int(300));
	json_object_object_add(m, "preview", o);
	s = json_object_new_object();
	o = json_object_new_object();
	json_object_object_add(o, "service_url", json_object_new_string(ctx->base_url));
	snprintf(url, sizeof(url), "/reconcile/%s/suggest/entity", dataset);
	json_object_object_add(o, "service_path", json_object_new_string(url));
	json_object_object_add(s, "entity", o);
	json_object_object_add(m, "suggest", s);
	if (ctx->api_key) {
		/* spec 0.2: how a client authenticates (OpenRefine asks the
		 * user for the header's value) */
		o = json_object_new_object();
		json_object_object_add(o, "type", json_object_new_string("apiKey"));
		json_object_object_add(o, "in", json_object_new_string("header"));
		json_object_object_add(o, "name", json_object_new_string("Authorization"));
		json_object_object_add(o, "description", json_object_new_string(
			"\"ApiKey KEY\" (or \"Bearer KEY\") with the key the service was started with"));
		json_object_object_add(m, "authentication", o);
	}
	respond_jsonp(resp, req, m);
	json_object_put(m);
}

/* One reconciliation candidate of a result: {"id", "name", "score",
 * "match", "type": [{"id", "name"}], "description"}. */
static json_object *recon_candidate(const vg_index *ix, const vg_match_result *r, int scale)
{
	json_object *c = json_object_new_object(), *type, *t;
	const char *schema = vg_entity_schema(ix, r->ordinal), *ds;
	char desc[256] = "";
	size_t i, used = 0;
	json_object_object_add(c, "id", json_object_new_string(vg_index_entity_id(ix, r->ordinal)));
	json_object_object_add(c, "name", json_object_new_string(vg_entity_caption(ix, r->ordinal)));
	json_object_object_add(c, "score", json_object_new_double(r->score * scale));
	json_object_object_add(c, "match", json_object_new_boolean(r->match));
	type = json_object_new_array();
	t = json_object_new_object();
	json_object_object_add(t, "id", json_object_new_string(schema));
	json_object_object_add(t, "name", json_object_new_string(schema));
	json_object_array_add(type, t);
	json_object_object_add(c, "type", type);
	for (i = 0; (ds = vg_entity_dataset(ix, r->ordinal, i)) && used < sizeof(desc) - 1; i++) {
		int w = snprintf(desc + used, sizeof(desc) - used, "%s%s", i ? ", " : "", ds);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	json_object_object_add(c, "description", json_object_new_string(desc));
	return c;
}

static void reconcile_queries(const srv_ctx *ctx, const srv_request *req,
			      srv_response *resp, const char *dataset,
			      const char *queries, size_t queries_len)
{
	vg_match_options opts = VG_MATCH_OPTIONS_INIT;
	const char *one = NULL;
	srv_batch batch = SRV_BATCH_INIT;
	size_t *limits = NULL, i;
	srv_err err = { 0 };
	json_object *out = NULL;
	vg_match_result *res = NULL;
	vg_matcher *m;

	if (srv_apply_dataset(&opts, ctx->ix, dataset, &one, &err) ||
	    srv_batch_parse_reconcile(&batch, &limits, queries, queries_len,
				      ctx->limits, &err)) {
		srv_respond_err(resp, &err);
		goto cleanup;
	}
	if (!(m = srv_get_matcher(ctx, resp)) || !(res = srv_results_buffer(ctx, resp)))
		goto cleanup;
	out = json_object_new_object();
	for (i = 0; i < batch.n; i++) {
		json_object *list, *r;
		size_t n, k;
		opts.limit = limits[i] ? limits[i] : 5;
		if (opts.limit > ctx->limits->max_limit)
			opts.limit = ctx->limits->max_limit;
		if (srv_run_query(res, &n, ctx, m, &batch.items[i].query, &opts, resp))
			goto cleanup;
		list = json_object_new_array();
		for (k = 0; k < n; k++)
			json_object_array_add(list, recon_candidate(ctx->ix->index, &res[k], 100));
		r = json_object_new_object();
		json_object_object_add(r, "result", list);
		json_object_object_add(out, batch.items[i].key, r);
	}
	respond_jsonp(resp, req, out);
cleanup:
	json_object_put(out);
	free(res);
	srv_batch_free(&batch);
	free(limits);
}

static void html_escape(vg_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': vg_buf_puts(b, "&lt;"); break;
		case '>': vg_buf_puts(b, "&gt;"); break;
		case '&': vg_buf_puts(b, "&amp;"); break;
		case '"': vg_buf_puts(b, "&quot;"); break;
		case '\'': vg_buf_puts(b, "&#39;"); break;
		default: vg_buf_put(b, s, 1); break;
		}
	}
}

static void html_row(vg_buf *b, const char *th, const char *td)
{
	vg_buf_puts(b, "<tr><th>");
	html_escape(b, th);
	vg_buf_puts(b, "</th><td>");
	html_escape(b, td);
	vg_buf_puts(b, "</td></tr>");
}

/* The values of each property of an entity, one row per property (at most
 * 8 values shown). */
static void html_properties(vg_buf *b, const vg_index *ix, uint32_t ord)
{
	size_t n = vg_entity_value_count(ix, ord), i, j;
	vg_value v, w;
	for (i = 0; vg_entity_value(&v, ix, ord, i); i++) {
		size_t shown = 0, more = 0;
		bool seen = false;
		for (j = 0; j < i && !seen; j++)
			seen = vg_entity_value(&w, ix, ord, j) && !strcmp(w.property, v.property);
		if (seen)
			continue;
		vg_buf_puts(b, "<tr><th>");
		html_escape(b, v.property);
		vg_buf_puts(b, "</th><td>");
		for (j = i; j < n; j++) {
			if (!vg_entity_value(&w, ix, ord, j) || strcmp(w.property, v.property))
				continue;
			if (shown == 8) {
				more++;
				continue;
			}
			if (shown++)
				vg_buf_puts(b, "; ");
			html_escape(b, w.value);
		}
		if (more)
			vg_buf_printf(b, " (+%zu more)", more);
		vg_buf_puts(b, "</td></tr>");
	}
}

static void reconcile_preview(const srv_ctx *ctx, const srv_request *req,
			      srv_response *resp)
{
	const vg_index *ix = ctx->ix->index;
	const char *id = srv_args_get(req->args, "id"), *ds;
	vg_buf *b = &resp->body;
	uint32_t ord;
	size_t i;
	if (!id || !*id) {
		srv_respond_error(resp, 400, "id: missing");
		return;
	}
	if (vg_index_lookup(&ord, ix, id) != 0) {
		srv_respond_error(resp, 404, "no such entity");
		return;
	}
	vg_buf_clear(b);
	resp->status = 200;
	resp->content_type = "text/html; charset=utf-8";
	vg_buf_puts(b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>"
		       "body{font:13px/1.4 system-ui,sans-serif;margin:6px}"
		       "th{text-align:left;padding-right:8px;vertical-align:top;color:#555}"
		       "</style></head><body><h3>");
	html_escape(b, vg_entity_caption(ix, ord));
	vg_buf_puts(b, "</h3><table>");
	html_row(b, "type", vg_entity_schema(ix, ord));
	vg_buf_puts(b, "<tr><th>lists</th><td>");
	for (i = 0; (ds = vg_entity_dataset(ix, ord, i)); i++) {
		if (i)
			vg_buf_puts(b, "; ");
		html_escape(b, ds);
	}
	vg_buf_puts(b, "</td></tr>");
	html_properties(b, ix, ord);
	for (i = 0; i < vg_entity_sanction_count(ix, ord); i++) {
		uint32_t s = vg_entity_sanction(ix, ord, i);
		const char *auth = vg_entity_first(ix, s, "authority");
		const char *prog = vg_entity_first(ix, s, "program");
		vg_buf_puts(b, "<tr><th>sanction</th><td>");
		html_escape(b, auth);
		if (prog) {
			vg_buf_puts(b, auth ? ": " : "");
			html_escape(b, prog);
		}
		vg_buf_puts(b, "</td></tr>");
	}
	vg_buf_puts(b, "</table></body></html>\n");
	if (vg_buf_oom(b))
		srv_respond_error(resp, 500, "out of memory");
}

static void reconcile_suggest(const srv_ctx *ctx, const srv_request *req,
			      srv_response *resp, const char *dataset)
{
	vg_match_options opts = VG_MATCH_OPTIONS_INIT;
	vg_query q = VG_QUERY_INIT;
	const char *prefix = srv_args_get(req->args, "prefix"), *one = NULL;
	const char *names[1];
	srv_err err = { 0 };
	json_object *out, *list;
	vg_match_result *res;
	vg_matcher *m;
	size_t n, k;
	if (!prefix || !*prefix) {
		srv_respond_error(resp, 400, "prefix: missing");
		return;
	}
	if (srv_apply_dataset(&opts, ctx->ix, dataset, &one, &err)) {
		srv_respond_err(resp, &err);
		return;
	}
	names[0] = prefix;
	q.names = names;
	q.n_names = 1;
	opts.limit = 10;
	opts.explain = false;
	if (!(m = srv_get_matcher(ctx, resp)) || !(res = srv_results_buffer(ctx, resp)))
		return;
	if (srv_run_query(res, &n, ctx, m, &q, &opts, resp)) {
		free(res);
		return;
	}
	out = json_object_new_object();
	list = json_object_new_array();
	for (k = 0; k < n; k++) {
		json_object *c = recon_candidate(ctx->ix->index, &res[k], 100);
		json_object_object_del(c, "score");
		json_object_object_del(c, "match");
		json_object_array_add(list, c);
	}
	free(res);
	json_object_object_add(out, "prefix", json_object_new_string(prefix));
	json_object_object_add(out, "result", list);
	respond_jsonp(resp, req, out);
	json_object_put(out);
}

void srv_handle_reconcile(const srv_ctx *ctx, const srv_request *req,
			     srv_response *resp, const srv_route *route)
{
	const char *queries;
	srv_args form = SRV_ARGS_INIT;
	srv_err err = { 0 };
	if (srv_apply_dataset(&(vg_match_options)VG_MATCH_OPTIONS_INIT, ctx->ix,
			  route->arg, &(const char *){ NULL }, &err)) {
		srv_respond_err(resp, &err);
		return;
	}
	if (!strcmp(route->sub, "preview") && !route->sub2[0]) {
		reconcile_preview(ctx, req, resp);
		return;
	}
	if (!strcmp(route->sub, "suggest") && !strcmp(route->sub2, "entity")) {
		reconcile_suggest(ctx, req, resp, route->arg);
		return;
	}
	if (route->sub[0]) {
		srv_respond_error(resp, 404, "no such reconciliation endpoint");
		return;
	}
	queries = srv_args_get(req->args, "queries");
	if (!queries && !strcmp(req->method, "POST") && req->body_len && req->content_type &&
	    !strncasecmp(req->content_type, "application/json", 16)) {
		/* the queries object itself as the body */
		reconcile_queries(ctx, req, resp, route->arg, req->body, req->body_len);
		return;
	}
	if (!queries && !strcmp(req->method, "POST") && req->body_len) {
		if (srv_args_parse_form(&form, req->body, req->body_len)) {
			srv_respond_error(resp, 500, "out of memory");
			return;
		}
		if (srv_args_check(&form, "body", &err)) {
			srv_respond_err(resp, &err);
			goto cleanup;
		}
		queries = srv_args_get(&form, "queries");
		if (!queries) {
			srv_respond_error(resp, 400,
					  "body: expected a form with queries={\"q0\": {\"query\": ...}}");
			goto cleanup;
		}
	}
	if (queries)
		reconcile_queries(ctx, req, resp, route->arg, queries, strlen(queries));
	else
		reconcile_manifest(ctx, req, resp, route->arg);
cleanup:
	srv_args_free(&form);
}
