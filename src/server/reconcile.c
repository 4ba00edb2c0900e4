/*
 * reconcile.c - the Reconciliation Service API (W3C community group spec
 * 0.2, as OpenRefine and yente speak it) on `vigil serve`:
 *
 *   GET  /reconcile/DS                      the manifest
 *   GET|POST /reconcile/DS queries=BATCH    candidates per query (also the
 *                                           batch itself as a JSON body)
 *   GET|POST /reconcile/DS extend=QUERY     data extension: property values
 *   GET  /reconcile/DS/extend/property      properties to propose for a type
 *   GET  /reconcile/DS/suggest/entity|type|property?prefix=
 *   GET  /reconcile/DS/preview?id=          an HTML card of one entity
 *
 * Identifiers are the index's entity ids; identifierSpace and every link
 * start with the service's public URL (--public-url), never with a
 * request's Host header, so that a column reconciled once keeps meaning
 * the same.  Types are FtM schemata, properties FtM properties (their
 * qualified ids "LegalEntity:mainCountry" as suggestions give them); the
 * labels are the model's (vigil/model.h).  Scores are /match's, 0 to 1.
 *
 * Invariant: as every handler (handlers.c), one response per request, read
 * from the immutable index generation in ctx, without locks.
 */
#include "reconcile.h"

#include "vigil/model.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Suggestions returned by default (yente's default page). */
#define SUGGEST_LIMIT 10
/* Types and properties a suggestion lists at most (yente's MATCH_PAGE). */
#define SUGGEST_MODEL_LIMIT 5

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

static const char *public_url(const srv_ctx *ctx)
{
	return ctx->public_url ? ctx->public_url : ctx->base_url;
}

/* A type as the spec writes one: {"id": "LegalEntity", "name": "Legal
 * entity"}. */
static json_object *type_json(const char *schema)
{
	json_object *t = json_object_new_object();
	vg_model_schema ms;
	json_object_object_add(t, "id", json_object_new_string(schema));
	json_object_object_add(t, "name", json_object_new_string(
		vg_model_schema_get(&ms, schema) ? ms.label : schema));
	return t;
}

/* Whether vigil screens entities of that schema (the parties and
 * Position). */
static bool screened(const char *schema)
{
	vg_schema s = vg_schema_from_name(schema, strlen(schema));
	return vg_schema_is_screenable(s) && !strcmp(vg_schema_name(s), schema);
}

/* The types reconciliation offers: the schemata vigil screens and those
 * they extend, in the model's order; out[i] says whether schema i
 * (vg_model_schema_at) is one. */
static void offered_types(bool out[], size_t cap)
{
	vg_model_schema ms, anc;
	const char *a;
	size_t i, k, j;
	memset(out, 0, cap * sizeof(*out));
	for (i = 0; i < cap && vg_model_schema_at(&ms, i); i++) {
		if (!screened(ms.name))
			continue;
		for (k = 0; (a = vg_model_ancestor(ms.name, k)); k++)
			for (j = 0; j < cap && vg_model_schema_at(&anc, j); j++)
				if (!strcmp(anc.name, a))
					out[j] = true;
	}
}

#define MODEL_SCHEMATA_CAP 256

/* The manifest's "extend": where properties are proposed and the settings
 * a user may give each (spec 0.2 property_settings). */
static json_object *manifest_extend(const char *base, const char *dataset)
{
	json_object *e = json_object_new_object(), *o = json_object_new_object();
	json_object *settings = json_object_new_array(), *s, *choices, *c;
	char url[600];
	snprintf(url, sizeof(url), "%s/reconcile/%s", base, dataset);
	json_object_object_add(o, "service_url", json_object_new_string(url));
	json_object_object_add(o, "service_path", json_object_new_string("/extend/property"));
	json_object_object_add(e, "propose_properties", o);
	s = json_object_new_object();
	json_object_object_add(s, "name", json_object_new_string("limit"));
	json_object_object_add(s, "label", json_object_new_string("Limit"));
	json_object_object_add(s, "type", json_object_new_string("number"));
	json_object_object_add(s, "default", json_object_new_int(0));
	json_object_object_add(s, "help_text", json_object_new_string(
		"Maximum number of values to return per row (0 for no limit)."));
	json_object_array_add(settings, s);
	s = json_object_new_object();
	json_object_object_add(s, "name", json_object_new_string("render"));
	json_object_object_add(s, "label", json_object_new_string("Value rendering"));
	json_object_object_add(s, "type", json_object_new_string("select"));
	json_object_object_add(s, "default", json_object_new_string("caption"));
	json_object_object_add(s, "help_text", json_object_new_string(
		"Values as the list gives them; vigil writes them the same either way."));
	choices = json_object_new_array();
	c = json_object_new_object();
	json_object_object_add(c, "value", json_object_new_string("caption"));
	json_object_object_add(c, "name", json_object_new_string("User-readable value"));
	json_object_array_add(choices, c);
	c = json_object_new_object();
	json_object_object_add(c, "value", json_object_new_string("raw"));
	json_object_object_add(c, "name", json_object_new_string("Machine-readable value"));
	json_object_array_add(choices, c);
	json_object_object_add(s, "choices", choices);
	json_object_array_add(settings, s);
	json_object_object_add(e, "property_settings", settings);
	return e;
}

/* One suggest service of the manifest. */
static json_object *manifest_service(const char *base, const char *dataset, const char *what)
{
	json_object *o = json_object_new_object();
	char url[600];
	snprintf(url, sizeof(url), "%s/reconcile/%s", base, dataset);
	json_object_object_add(o, "service_url", json_object_new_string(url));
	snprintf(url, sizeof(url), "/suggest/%s", what);
	json_object_object_add(o, "service_path", json_object_new_string(url));
	return o;
}

/* spec 0.2 authentication (a Swagger 2.0 security scheme): OpenRefine asks
 * the user for the header's value. */
static json_object *manifest_authentication(void)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "type", json_object_new_string("apiKey"));
	json_object_object_add(o, "in", json_object_new_string("header"));
	json_object_object_add(o, "name", json_object_new_string("Authorization"));
	json_object_object_add(o, "description", json_object_new_string(
		"\"ApiKey KEY\" (or \"Bearer KEY\") with the key the service was started with"));
	return o;
}

static void reconcile_manifest(const srv_ctx *ctx, const srv_request *req,
			       srv_response *resp, const char *dataset)
{
	json_object *m = json_object_new_object(), *types = json_object_new_array();
	json_object *versions = json_object_new_array(), *o, *s;
	const char *base = public_url(ctx);
	vg_model_schema ms;
	char url[600];
	size_t i;
	json_object_array_add(versions, json_object_new_string("0.1"));
	json_object_array_add(versions, json_object_new_string("0.2"));
	json_object_object_add(m, "versions", versions);
	snprintf(url, sizeof(url), "vigil (%s)", dataset);
	json_object_object_add(m, "name", json_object_new_string(url));
	snprintf(url, sizeof(url), "%s/entities/", base);
	json_object_object_add(m, "identifierSpace", json_object_new_string(url));
	json_object_object_add(m, "schemaSpace",
			       json_object_new_string("https://followthemoney.tech/explorer/schemata/"));
	for (i = 0; vg_model_schema_at(&ms, i); i++)
		if (screened(ms.name))
			json_object_array_add(types, type_json(ms.name));
	json_object_object_add(m, "defaultTypes", types);
	o = json_object_new_object();
	snprintf(url, sizeof(url), "%s/#entity={{id}}", base);
	json_object_object_add(o, "url", json_object_new_string(url));
	json_object_object_add(m, "view", o);
	o = json_object_new_object();
	snprintf(url, sizeof(url), "%s/reconcile/%s/preview?id={{id}}", base, dataset);
	json_object_object_add(o, "url", json_object_new_string(url));
	json_object_object_add(o, "width", json_object_new_int(430));
	json_object_object_add(o, "height", json_object_new_int(300));
	json_object_object_add(m, "preview", o);
	s = json_object_new_object();
	json_object_object_add(s, "entity", manifest_service(base, dataset, "entity"));
	json_object_object_add(s, "type", manifest_service(base, dataset, "type"));
	json_object_object_add(s, "property", manifest_service(base, dataset, "property"));
	json_object_object_add(m, "suggest", s);
	json_object_object_add(m, "extend", manifest_extend(base, dataset));
	if (ctx->api_key)
		json_object_object_add(m, "authentication", manifest_authentication());
	respond_jsonp(resp, req, m);
	json_object_put(m);
}

/* What tells a candidate from its namesakes: the lists that name it. */
static json_object *describe(const vg_index *ix, uint32_t ord)
{
	char desc[256] = "";
	const char *ds;
	size_t i, used = 0;
	for (i = 0; (ds = vg_entity_dataset(ix, ord, i)) && used < sizeof(desc) - 1; i++) {
		int w = snprintf(desc + used, sizeof(desc) - used, "%s%s", i ? ", " : "", ds);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	return json_object_new_string(desc);
}

/* An entity as a suggestion or a candidate: {"id", "name", "description"}
 * and its type under `types` ("type" for candidates, "notable" for
 * suggestions). */
static json_object *entity_json(const vg_index *ix, uint32_t ord, const char *types)
{
	json_object *c = json_object_new_object(), *t = json_object_new_array();
	json_object_object_add(c, "id", json_object_new_string(vg_index_entity_id(ix, ord)));
	json_object_object_add(c, "name", json_object_new_string(vg_entity_caption(ix, ord)));
	json_object_object_add(c, "description", describe(ix, ord));
	json_object_array_add(t, type_json(vg_entity_schema(ix, ord)));
	json_object_object_add(c, types, t);
	return c;
}

/* The candidates of one query: /match's results (score 0 to 1, match as
 * /match decides it) of the query's types, at most its limit. */
static int query_candidates(json_object *list, const srv_ctx *ctx, vg_matcher *m,
			    vg_match_result *res, const srv_query_item *item,
			    const srv_recon_item *rq, vg_match_options *opts, srv_response *resp)
{
	const vg_index *ix = ctx->ix->index;
	size_t n, k, taken = 0, cap = ctx->limits->max_limit;
	bool filter = rq->n_types > 1 || (rq->n_types == 1 && rq->strict == SRV_TYPES_ALL);
	if (rq->nothing || !rq->limit)
		return 0;
	/* a type filter after matching needs room for what it drops */
	opts->limit = filter || rq->limit > cap ? cap : rq->limit;
	if (srv_run_query(res, &n, ctx, m, &item->query, opts, resp)) {
		if (resp->status != 400)
			return -1;
		/* the query's own text cannot be screened ("!!!", a name of no
		 * letters): the spec's schema accepts it, so it finds nothing
		 * and the batch goes on */
		resp->status = 200;
		vg_error_clear();
		return 0;
	}
	for (k = 0; k < n && taken < rq->limit; k++) {
		json_object *c;
		if (!srv_recon_type_ok(rq, vg_entity_schema(ix, res[k].ordinal)))
			continue;
		c = entity_json(ix, res[k].ordinal, "type");
		json_object_object_add(c, "score", json_object_new_double(res[k].score));
		json_object_object_add(c, "match", json_object_new_boolean(res[k].match));
		json_object_array_add(list, c);
		taken++;
	}
	return 0;
}

/* The query parameters yente's reconciliation takes: algorithm (an
 * unknown one is 400) and changed_since (only entities changed since;
 * malformed: 422), read as /match reads them into opts; what
 * opts->changed_since points to lives in *picked. */
static int yente_params(vg_match_options *opts, srv_args *picked, const srv_request *req,
			const srv_limits *lim, srv_err *err)
{
	static const char *const keys[] = { "algorithm", "changed_since" };
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	const char **lists = NULL, *v;
	size_t i;
	int rc;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if ((v = srv_args_get(req->args, keys[i])) &&
		    srv_args_add(picked, keys[i], strlen(keys[i]), v, strlen(v)))
			return srv_err_set(err, 500, "out of memory");
	rc = srv_match_options_parse(&o, &lists, picked, lim, err);
	free(lists);
	opts->changed_since = o.changed_since;
	return rc;
}

static void reconcile_queries(const srv_ctx *ctx, const srv_request *req,
			      srv_response *resp, const char *dataset,
			      const char *queries, size_t queries_len)
{
	srv_args picked = SRV_ARGS_INIT;
	vg_match_options opts = VG_MATCH_OPTIONS_INIT;
	const char *one = NULL;
	srv_batch batch = SRV_BATCH_INIT;
	srv_recon_item *recon = NULL;
	srv_err err = { 0 };
	json_object *out = NULL;
	vg_match_result *res = NULL;
	vg_matcher *m;
	size_t i;

	if (srv_apply_dataset(&opts, ctx->ix, dataset, &one, &err) ||
	    yente_params(&opts, &picked, req, ctx->limits, &err) ||
	    srv_batch_parse_reconcile(&batch, &recon, queries, queries_len, ctx->limits, &err)) {
		srv_respond_err(resp, &err);
		goto cleanup;
	}
	opts.explain = false;
	if (!(m = srv_get_matcher(ctx, resp)) || !(res = srv_results_buffer(ctx, resp)))
		goto cleanup;
	out = json_object_new_object();
	for (i = 0; i < batch.n; i++) {
		json_object *list = json_object_new_array(), *r = json_object_new_object();
		json_object_object_add(r, "result", list);
		json_object_object_add(out, batch.items[i].key, r);
		if (query_candidates(list, ctx, m, res, &batch.items[i], &recon[i], &opts, resp))
			goto cleanup;
	}
	respond_jsonp(resp, req, out);
	if (resp->status == 200) {
		resp->header = "x-batch-size";
		snprintf(resp->header_value, sizeof(resp->header_value), "%zu", batch.n);
	}
cleanup:
	json_object_put(out);
	free(res);
	srv_batch_free(&batch);
	free(recon);
	srv_args_free(&picked);
}

/* ---- suggest ------------------------------------------------------------ */

/* The words of text as vigil normalises names (case, marks and script
 * folded), space-separated in out: 1, or 0 when text has none (or is not
 * text), -1 out of memory (recorded). */
static int words_of(vg_buf *out, const char *text)
{
	int rc;
	vg_buf_clear(out);
	if ((rc = vg_text_normalize(out, text, strlen(text))) != 0) {
		if (rc == VG_ENOMEM)
			return -1;
		vg_error_clear();
		return 0;
	}
	return out->size > 0 && strspn(out->ptr, " ") < out->size;
}

/* Whether `word` (len bytes) starts a word of `words` (space-separated),
 * or equals one when `whole`. */
static bool has_word(const char *words, const char *word, size_t len, bool whole)
{
	const char *p = words;
	while (*p) {
		size_t n;
		p += strspn(p, " ");
		n = strcspn(p, " ");
		if (n && len <= n && !memcmp(p, word, len) && (!whole || n == len))
			return true;
		p += n;
	}
	return false;
}

/* Whether the normalised name `name` holds the prefix's words: each
 * whole, the last one as the start of a word (a name typed so far). */
static bool name_has_prefix(const char *name, const char *prefix)
{
	const char *w = prefix;
	while (*w) {
		size_t n;
		w += strspn(w, " ");
		n = strcspn(w, " ");
		if (n && !has_word(name, w, n, w[n] != '\0'))
			return false;
		w += n;
	}
	return true;
}

/* Whether the ASCII letters of `word` appear in s, ignoring case: a cheap
 * test before a name is normalised (a name in another script, or spelt
 * with marks, is left to its Latin spellings). */
static bool may_hold(const char *s, const char *word, size_t len)
{
	size_t i;
	for (; *s; s++) {
		for (i = 0; i < len && s[i] && tolower((unsigned char)s[i]) == word[i]; i++)
			;
		if (i == len)
			return true;
	}
	return false;
}

/* Whether one of the entity's names holds the prefix (normalised words;
 * `first` its first word, first_len bytes): 1 or 0, -1 out of memory. */
static int names_prefix(const vg_index *ix, uint32_t ord, const char *prefix,
			 const char *first, size_t first_len, vg_buf *scratch)
{
	const char *schema = vg_entity_schema(ix, ord), *last_prop = NULL;
	bool is_name = false;
	vg_model_property p;
	vg_value v;
	size_t i;
	for (i = 0; vg_entity_value(&v, ix, ord, i); i++) {
		if (v.property != last_prop) {
			last_prop = v.property;
			is_name = vg_model_property_get(&p, schema, v.property) &&
				  !strcmp(p.type, "name");
		}
		if (!is_name || !may_hold(v.value, first, first_len))
			continue;
		switch (words_of(scratch, v.value)) {
		case -1: return -1;
		case 0: continue;
		default: break;
		}
		if (name_has_prefix(scratch->ptr, prefix))
			return 1;
	}
	return 0;
}

static bool in_dataset(const vg_index *ix, uint32_t ord, const char *dataset)
{
	const char *ds;
	size_t i;
	if (!strcmp(dataset, "default"))
		return true;
	for (i = 0; (ds = vg_entity_dataset(ix, ord, i)); i++)
		if (!strcmp(ds, dataset))
			return true;
	return false;
}

/* Appends ord to the suggestions unless it is there (out[] its ordinals). */
static void suggest_add(json_object *list, uint32_t *seen, size_t *n, const vg_index *ix,
			uint32_t ord)
{
	size_t i;
	for (i = 0; i < *n; i++)
		if (seen[i] == ord)
			return;
	seen[(*n)++] = ord;
	json_object_array_add(list, entity_json(ix, ord, "notable"));
}

/* The matcher's ranking of the prefix as a name among the dataset's
 * parties (*res owned by the caller); a prefix the matcher cannot read is
 * no error here, it is only not ranked. */
static int ranked(vg_match_result **res, size_t *n, const srv_ctx *ctx, const char *dataset,
		  const char *prefix, srv_response *resp)
{
	vg_match_options opts = VG_MATCH_OPTIONS_INIT;
	vg_query q = VG_QUERY_INIT;
	const char *one = NULL, *names[1] = { prefix };
	srv_err err = { 0 };
	vg_matcher *m;
	*n = 0;
	q.names = names;
	q.n_names = 1;
	if (vg_query_validate(&q) != 0) {
		vg_error_clear();
		return 0;
	}
	srv_apply_dataset(&opts, ctx->ix, dataset, &one, &err);
	opts.limit = ctx->limits->max_limit;
	opts.explain = false;
	if (!(m = srv_get_matcher(ctx, resp)) || !(*res = srv_results_buffer(ctx, resp)) ||
	    srv_run_query(*res, n, ctx, m, &q, &opts, resp))
		return -1;
	return 0;
}

/* Adds the candidates among ords[0..n) (or, with ords NULL, the dataset's
 * parties 0..n-1 in the index's order) whose names hold the prefix, until
 * limit or the deadline; -1 out of memory. */
static int suggest_walk(json_object *list, uint32_t *seen, size_t *found, size_t limit,
			const srv_ctx *ctx, const char *dataset, const vg_match_result *ords,
			size_t n, const vg_buf *words, vg_buf *scratch)
{
	const vg_index *ix = ctx->ix->index;
	const char *first = words->ptr + strspn(words->ptr, " ");
	size_t first_len = strcspn(first, " "), k;
	for (k = 0; k < n && *found < limit; k++) {
		uint32_t ord = ords ? ords[k].ordinal : (uint32_t)k;
		int rc;
		if (!ords && (k & 1023) == 1023 && ctx->deadline_us && srv_now_us() > ctx->deadline_us)
			break;
		if (!ords && (!vg_schema_is_party(vg_entity_kind(ix, ord)) ||
			      !in_dataset(ix, ord, dataset)))
			continue;
		if ((rc = names_prefix(ix, ord, words->ptr, first, first_len, scratch)) < 0)
			return -1;
		if (rc)
			suggest_add(list, seen, found, ix, ord);
	}
	return 0;
}

/* Suggestions for a prefix: the entity whose id it is, then the parties
 * of the dataset one of whose names holds it word by word (the last word
 * as a word's start), best first as the matcher ranks the prefix, then in
 * the index's order.  The walk stops at the limit or the request's
 * deadline. */
static int suggest_entities(json_object *list, const srv_ctx *ctx, const char *dataset,
			    const char *prefix, size_t limit, srv_response *resp)
{
	const vg_index *ix = ctx->ix->index;
	vg_buf words = VG_BUF_INIT, scratch = VG_BUF_INIT;
	vg_match_result *res = NULL;
	uint32_t ord, *seen = calloc(limit + 1, sizeof(*seen));
	size_t n = 0, found = 0;
	int rc = -1, w;
	if (!seen) {
		srv_respond_error(resp, 500, "out of memory");
		return -1;
	}
	if (vg_index_lookup(&ord, ix, prefix) == 0 && in_dataset(ix, ord, dataset))
		suggest_add(list, seen, &found, ix, ord);
	vg_error_clear();
	if (found >= limit || (w = words_of(&words, prefix)) == 0) {
		rc = 0;
		goto cleanup;
	}
	if (w < 0 || ranked(&res, &n, ctx, dataset, prefix, resp))
		goto oom;
	if (suggest_walk(list, seen, &found, limit, ctx, dataset, res, n, &words, &scratch) ||
	    suggest_walk(list, seen, &found, limit, ctx, dataset, NULL,
			 vg_index_record_count(ix), &words, &scratch))
		goto oom;
	rc = 0;
	goto cleanup;
oom:
	if (resp->status == 200)
		srv_respond_error(resp, 500, "out of memory");
cleanup:
	free(res);
	free(seen);
	vg_buf_dispose(&words);
	vg_buf_dispose(&scratch);
	return rc;
}

/* A count parameter of a suggest service (limit, cursor): min to max,
 * `def` when absent; -1 with resp set. */
static int suggest_count(size_t *out, const srv_request *req, const char *key, size_t def,
			 size_t min, size_t max, srv_response *resp)
{
	const char *v = srv_args_get(req->args, key);
	char *end;
	unsigned long long l;
	*out = def;
	if (!v)
		return 0;
	l = strtoull(v, &end, 10);
	if (!*v || *end || *v == '-' || l < min || l > max) {
		char detail[96];
		snprintf(detail, sizeof(detail), "%s: expected a number from %zu to %zu", key, min,
			 max);
		srv_respond_error(resp, 400, detail);
		return -1;
	}
	*out = (size_t)l;
	return 0;
}

/* Whether `prefix` (lower-cased, trimmed by the caller) starts one of the
 * labels, compared without case (yente's match_prefix). */
static bool starts(const char *prefix, const char *a, const char *b)
{
	size_t n = strlen(prefix);
	return n && ((a && !strncasecmp(a, prefix, n)) || (b && !strncasecmp(b, prefix, n)));
}

/* Types whose id or name starts with the prefix, among those offered (at
 * most `want`). */
static void suggest_types(json_object *list, const char *prefix, size_t want)
{
	bool offered[MODEL_SCHEMATA_CAP];
	vg_model_schema ms;
	size_t i, n = 0;
	offered_types(offered, MODEL_SCHEMATA_CAP);
	for (i = 0; i < MODEL_SCHEMATA_CAP && vg_model_schema_at(&ms, i) &&
		    n < want; i++)
		if (offered[i] && starts(prefix, ms.name, ms.label)) {
			json_object_array_add(list, type_json(ms.name));
			n++;
		}
}

/* Properties of the offered types whose name, label or qualified id
 * ("LegalEntity:mainCountry", the id they are suggested by) starts with
 * the prefix (at most `want`); hidden ones and links to other entities left
 * out, as yente does. */
static void suggest_properties(json_object *list, const char *prefix, size_t want)
{
	bool offered[MODEL_SCHEMATA_CAP];
	vg_model_schema ms;
	vg_model_property p;
	size_t i, k, n = 0;
	char id[160];
	offered_types(offered, MODEL_SCHEMATA_CAP);
	for (i = 0; i < MODEL_SCHEMATA_CAP && vg_model_schema_at(&ms, i); i++)
		for (k = 0; offered[i] && vg_model_own_property(&p, ms.name, k) &&
			    n < want; k++) {
			json_object *o;
			snprintf(id, sizeof(id), "%s:%s", p.schema, p.name);
			if (p.hidden || !strcmp(p.type, "entity") ||
			    !(starts(prefix, p.name, p.label) || starts(prefix, id, NULL)))
				continue;
			o = json_object_new_object();
			json_object_object_add(o, "id", json_object_new_string(id));
			json_object_object_add(o, "name", json_object_new_string(p.label));
			json_object_array_add(list, o);
			n++;
		}
}

/* GET suggest/entity|type|property?prefix= (an empty prefix suggests
 * nothing), with ?limit= and the spec's ?cursor= (suggestions to skip). */
static void reconcile_suggest(const srv_ctx *ctx, const srv_request *req,
			      srv_response *resp, const char *dataset, const char *what)
{
	const char *prefix = srv_args_get(req->args, "prefix");
	json_object *out = json_object_new_object(), *list = json_object_new_array();
	bool entity = !strcmp(what, "entity");
	char trimmed[256];
	size_t limit, cursor, len;
	prefix = prefix ? prefix + strspn(prefix, " \t") : "";
	len = strlen(prefix);
	while (len && (prefix[len - 1] == ' ' || prefix[len - 1] == '\t'))
		len--;
	snprintf(trimmed, sizeof(trimmed), "%.*s", (int)(len < 255 ? len : 255), prefix);
	json_object_object_add(out, "prefix", json_object_new_string(trimmed));
	json_object_object_add(out, "result", list);
	if (suggest_count(&limit, req, "limit", entity ? SUGGEST_LIMIT : SUGGEST_MODEL_LIMIT, 1,
			  ctx->limits->max_limit, resp) ||
	    suggest_count(&cursor, req, "cursor", 0, 0, ctx->limits->max_limit, resp))
		goto cleanup;
	if (!strcmp(what, "type"))
		suggest_types(list, trimmed, limit + cursor);
	else if (!strcmp(what, "property"))
		suggest_properties(list, trimmed, limit + cursor);
	else if (*trimmed && suggest_entities(list, ctx, dataset, trimmed, limit + cursor, resp))
		goto cleanup;
	len = json_object_array_length(list);
	if (cursor)
		json_object_array_del_idx(list, 0, cursor < len ? cursor : len);
	respond_jsonp(resp, req, out);
cleanup:
	json_object_put(out);
}

/* ---- data extension ------------------------------------------------------ */

/* The property a data extension asks for ("birthDate" or qualified
 * "Person:birthDate"), with the label of the first schema of the model
 * that has it; NULL for one FtM does not know. */
static const char *extend_prop(const char *id, const char **label)
{
	const char *name = srv_recon_property(id);
	vg_model_schema ms;
	vg_model_property p;
	size_t i;
	for (i = 0; name && vg_model_schema_at(&ms, i); i++)
		if (vg_model_property_get(&p, ms.name, name)) {
			*label = p.label;
			return p.name;
		}
	return NULL;
}

/* One property setting of a data extension: a number, or a number
 * written as a string (the spec's own example writes "limit": "5"). */
static size_t extend_limit(json_object *prop)
{
	json_object *s, *l;
	long long v;
	if (!json_object_object_get_ex(prop, "settings", &s) ||
	    !json_object_object_get_ex(s, "limit", &l))
		return 0;
	v = json_object_is_type(l, json_type_string) ? strtoll(json_object_get_string(l), NULL, 10)
						     : json_object_get_int64(l);
	return v > 0 ? (size_t)v : 0;
}

/* The values of property `name` of one entity, at most limit (0: all), as
 * {"str": VALUE}. */
static json_object *extend_values(const vg_index *ix, uint32_t ord, const char *name,
				  size_t limit)
{
	json_object *list = json_object_new_array();
	vg_value v;
	size_t i, n = 0;
	for (i = 0; vg_entity_value(&v, ix, ord, i) && (!limit || n < limit); i++) {
		json_object *o;
		if (strcmp(v.property, name))
			continue;
		o = json_object_new_object();
		json_object_object_add(o, "str", json_object_new_string(v.value));
		json_object_array_add(list, o);
		n++;
	}
	return list;
}

/* Checks {"ids": [ID...], "properties": [{"id", "settings"}...]}. */
static int extend_check(json_object *q, const srv_limits *lim, json_object **ids,
			json_object **props, srv_err *err)
{
	size_t i;
	if (!json_object_is_type(q, json_type_object) ||
	    !json_object_object_get_ex(q, "ids", ids) ||
	    !json_object_is_type(*ids, json_type_array) ||
	    !json_object_object_get_ex(q, "properties", props) ||
	    !json_object_is_type(*props, json_type_array))
		return srv_err_set(err, 400, "extend: expected {\"ids\": [ID, ...], "
				   "\"properties\": [{\"id\": PROPERTY}, ...]}");
	if (json_object_array_length(*ids) > lim->max_queries)
		return srv_err_set(err, 400, "extend.ids: %zu ids, more than the limit of %zu",
				   json_object_array_length(*ids), lim->max_queries);
	for (i = 0; i < json_object_array_length(*ids); i++)
		if (!json_object_is_type(json_object_array_get_idx(*ids, i), json_type_string))
			return srv_err_set(err, 400, "extend.ids[%zu]: expected a string", i);
	for (i = 0; i < json_object_array_length(*props); i++) {
		json_object *p = json_object_array_get_idx(*props, i), *id, *s;
		if (!json_object_is_type(p, json_type_object) ||
		    !json_object_object_get_ex(p, "id", &id) ||
		    !json_object_is_type(id, json_type_string) ||
		    (json_object_object_get_ex(p, "settings", &s) &&
		     !json_object_is_type(s, json_type_object)))
			return srv_err_set(err, 400, "extend.properties[%zu]: expected {\"id\": "
					   "PROPERTY, \"settings\": {...}}", i);
	}
	return 0;
}

/* The rows of a data extension: per id, per property asked for, the
 * values; an id the index does not have gets an empty row. */
static json_object *extend_rows(const vg_index *ix, json_object *ids, json_object *props)
{
	json_object *rows = json_object_new_object();
	size_t i, k;
	for (i = 0; i < json_object_array_length(ids); i++) {
		const char *id = json_object_get_string(json_object_array_get_idx(ids, i));
		json_object *row = json_object_new_object();
		uint32_t ord;
		bool found = vg_index_lookup(&ord, ix, id) == 0;
		vg_error_clear();
		for (k = 0; found && k < json_object_array_length(props); k++) {
			json_object *p = json_object_array_get_idx(props, k), *pid;
			const char *label, *name;
			json_object_object_get_ex(p, "id", &pid);
			if ((name = extend_prop(json_object_get_string(pid), &label)))
				json_object_object_add(row, json_object_get_string(pid),
						       extend_values(ix, ord, name, extend_limit(p)));
		}
		json_object_object_add(rows, id, row);
	}
	return rows;
}

static void reconcile_extend(const srv_ctx *ctx, const srv_request *req, srv_response *resp,
			     const char *text, size_t len)
{
	json_object *q, *ids, *props, *out = NULL, *meta;
	srv_err err = { 0 };
	size_t k;
	if (!(q = srv_json_parse(text, len, ctx->limits->max_depth, &err)) ||
	    extend_check(q, ctx->limits, &ids, &props, &err)) {
		srv_respond_err(resp, &err);
		goto cleanup;
	}
	out = json_object_new_object();
	meta = json_object_new_array();
	for (k = 0; k < json_object_array_length(props); k++) {
		json_object *pid, *o;
		const char *label;
		json_object_object_get_ex(json_object_array_get_idx(props, k), "id", &pid);
		if (!extend_prop(json_object_get_string(pid), &label))
			continue;
		o = json_object_new_object();
		json_object_object_add(o, "id", json_object_get(pid));
		json_object_object_add(o, "name", json_object_new_string(label));
		json_object_array_add(meta, o);
	}
	json_object_object_add(out, "meta", meta);
	json_object_object_add(out, "rows", extend_rows(ctx->ix->index, ids, props));
	respond_jsonp(resp, req, out);
	if (resp->status == 200) {
		resp->header = "x-batch-size";
		snprintf(resp->header_value, sizeof(resp->header_value), "%zu",
			 json_object_array_length(ids));
	}
cleanup:
	json_object_put(q);
	json_object_put(out);
}

/* Whether `name` is in names[0..n). */
static bool listed(const char *const *names, size_t n, const char *name)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

static int cmp_label(const void *a, const void *b)
{
	const vg_model_property *x = a, *y = b;
	return strcmp(x->label, y->label);
}

/* The properties to propose for a type: its featured ones first, then the
 * rest it has (own or inherited) but hidden ones and links; the first
 * `limit` of them (0: all), ordered by label as yente orders them.  *n
 * their number in out[cap]. */
static void propose(vg_model_property *out, size_t *n, size_t cap, const char *schema,
		    size_t limit)
{
	const char *names[512], *f, *a;
	vg_model_property p;
	size_t i, k, seen = 0;
	*n = 0;
	for (i = 0; (f = vg_model_featured(schema, i)) && *n < cap; i++)
		if (vg_model_property_get(&out[*n], schema, f) && !listed(names, seen, f))
			names[seen++] = f, (*n)++;
	for (i = 0; (a = vg_model_ancestor(schema, i)); i++)
		for (k = 0; vg_model_own_property(&p, a, k) && *n < cap && seen < 512; k++) {
			if (listed(names, seen, p.name))
				continue;
			names[seen++] = p.name;
			if (!p.hidden && strcmp(p.type, "entity"))
				out[(*n)++] = p;
		}
	if (limit && *n > limit)
		*n = limit;
	qsort(out, *n, sizeof(*out), cmp_label);
}

/* GET extend/property?type=SCHEMA&limit=N: {"type", "limit", "properties":
 * [{"id", "name"}]}; a type FtM does not know is a 400. */
static void reconcile_propose(const srv_ctx *ctx, const srv_request *req, srv_response *resp)
{
	const char *type = srv_args_get(req->args, "type"), *l = srv_args_get(req->args, "limit");
	vg_model_property props[256];
	json_object *out, *list;
	vg_model_schema ms;
	size_t n, i, limit = 0;
	char *end, detail[120];
	(void)ctx;
	if (!type || !*type)
		type = "Thing";
	if (!vg_model_schema_get(&ms, type)) {
		snprintf(detail, sizeof(detail), "type: '%.60s' is no FtM schema", type);
		srv_respond_error(resp, 400, detail);
		return;
	}
	if (l && *l) {
		unsigned long long v = strtoull(l, &end, 10);
		if (*end || *l == '-' || v > 1000) {
			srv_respond_error(resp, 400, "limit: expected a number from 0 to 1000");
			return;
		}
		limit = (size_t)v;
	}
	propose(props, &n, sizeof(props) / sizeof(props[0]), ms.name, limit);
	out = json_object_new_object();
	list = json_object_new_array();
	for (i = 0; i < n; i++) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "id", json_object_new_string(props[i].name));
		json_object_object_add(o, "name", json_object_new_string(props[i].label));
		json_object_array_add(list, o);
	}
	json_object_object_add(out, "type", json_object_new_string(ms.name));
	json_object_object_add(out, "limit", json_object_new_int64((int64_t)limit));
	json_object_object_add(out, "properties", list);
	respond_jsonp(resp, req, out);
	json_object_put(out);
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


/* The body's form fields (queries=, extend=) of a POST that is no JSON;
 * -1 with resp set. */
static int form_fields(srv_args *form, const srv_request *req, srv_response *resp)
{
	srv_err err = { 0 };
	if (strcmp(req->method, "POST") || !req->body_len)
		return 0;
	if (srv_args_parse_form(form, req->body, req->body_len)) {
		srv_respond_error(resp, 500, "out of memory");
		return -1;
	}
	if (srv_args_check(form, "body", &err)) {
		srv_respond_err(resp, &err);
		return -1;
	}
	if (!srv_args_get(form, "queries") && !srv_args_get(form, "extend")) {
		srv_respond_error(resp, 400, "body: expected a form with queries={\"q0\": "
				  "{\"query\": ...}} or extend={\"ids\": ...}");
		return -1;
	}
	return 0;
}

/* A JSON body is a query batch, or a data extension when it has "ids". */
static bool json_body_is_extend(const srv_request *req, const srv_limits *lim)
{
	json_object *o = srv_json_parse(req->body, req->body_len, lim->max_depth, NULL), *ids;
	bool yes = json_object_is_type(o, json_type_object) &&
		   json_object_object_get_ex(o, "ids", &ids) &&
		   json_object_is_type(ids, json_type_array);
	json_object_put(o);
	return yes;
}

/* /reconcile/DS itself: a batch of queries, a data extension, or the
 * manifest when the request carries neither. */
static void reconcile_root(const srv_ctx *ctx, const srv_request *req, srv_response *resp,
			   const char *dataset)
{
	const char *queries = srv_args_get(req->args, "queries");
	const char *extend = srv_args_get(req->args, "extend");
	srv_args form = SRV_ARGS_INIT;
	if (!queries && !extend && !strcmp(req->method, "POST") && req->body_len &&
	    req->content_type && !strncasecmp(req->content_type, "application/json", 16)) {
		if (json_body_is_extend(req, ctx->limits))
			reconcile_extend(ctx, req, resp, req->body, req->body_len);
		else
			reconcile_queries(ctx, req, resp, dataset, req->body, req->body_len);
		return;
	}
	if (!queries && !extend) {
		if (form_fields(&form, req, resp))
			goto cleanup;
		queries = srv_args_get(&form, "queries");
		extend = srv_args_get(&form, "extend");
	}
	if (extend && *extend)
		reconcile_extend(ctx, req, resp, extend, strlen(extend));
	else if (queries)
		reconcile_queries(ctx, req, resp, dataset, queries, strlen(queries));
	else
		reconcile_manifest(ctx, req, resp, dataset);
cleanup:
	srv_args_free(&form);
}

void srv_handle_reconcile(const srv_ctx *ctx, const srv_request *req,
			  srv_response *resp, const srv_route *route)
{
	srv_err err = { 0 };
	const char *sub = route->sub, *sub2 = route->sub2;
	if (srv_apply_dataset(&(vg_match_options)VG_MATCH_OPTIONS_INIT, ctx->ix,
			      route->arg, &(const char *){ NULL }, &err)) {
		srv_respond_err(resp, &err);
		return;
	}
	if (!*sub)
		reconcile_root(ctx, req, resp, route->arg);
	else if (!strcmp(sub, "preview") && !*sub2)
		reconcile_preview(ctx, req, resp);
	else if (!strcmp(sub, "suggest") && (!strcmp(sub2, "entity") || !strcmp(sub2, "type") ||
					     !strcmp(sub2, "property")))
		reconcile_suggest(ctx, req, resp, route->arg, sub2);
	else if (!strcmp(sub, "extend") && !strcmp(sub2, "property"))
		reconcile_propose(ctx, req, resp);
	else
		srv_respond_error(resp, 404, "no such reconciliation endpoint");
}
