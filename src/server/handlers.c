/*
 * handlers.c - the endpoints of `vigil serve`: yente's /match, /search,
 * /entities, /catalog, /healthz and /readyz, /scan and the analyst page
 * (OpenRefine's /reconcile is in reconcile.c).
 *
 * Invariant: every request gets exactly one response, JSON unless it asks
 * for HTML or JSONP, and every failure has the shape {"status", "detail"};
 * handlers read only the immutable index generation they were given, the
 * calling thread's own matcher and the generation's entity cache (whose
 * slots are written once, by compare-and-swap), so they take no locks.
 */
#include "handlers.h"
#include "routes.h"
#include "reconcile.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

uint64_t srv_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

int srv_put_json_text(vg_buf *b, const char *s, size_t len)
{
	vg_buf clean = VG_BUF_INIT;
	size_t bad;
	int rc = VG_ENOMEM;
	if (vg_utf8_valid(s, len, NULL))
		return vg_buf_put_json_string(b, s, len);
	while (len && !vg_utf8_valid(s, len, &bad)) {
		if (vg_buf_put(&clean, s, bad) < 0 || vg_buf_puts(&clean, "\xEF\xBF\xBD") < 0)
			goto cleanup;
		s += bad + 1;
		len -= bad + 1;
	}
	if (vg_buf_put(&clean, s, len) < 0)
		goto cleanup;
	rc = vg_buf_put_json_string(b, clean.ptr, clean.size);
cleanup:
	vg_buf_dispose(&clean);
	return rc;
}

void srv_respond_error(srv_response *resp, int status, const char *detail)
{
	vg_buf_clear(&resp->body);
	resp->status = status;
	resp->content_type = "application/json";
	if (vg_buf_printf(&resp->body, "{\"status\": %d, \"detail\": ", status) < 0 ||
	    srv_put_json_text(&resp->body, detail, strlen(detail)) < 0 ||
	    vg_buf_puts(&resp->body, "}\n") < 0) {
		/* out of memory: a bare 500 rather than half a document */
		vg_buf_clear(&resp->body);
		resp->status = 500;
	}
}

/* A request that fails validation is answered as yente (FastAPI) does:
 * 422 {"detail": [{"type", "loc": [IN, FIELD...], "msg", "input"}]}. */
static void respond_invalid(srv_response *resp, const srv_err *err)
{
	vg_buf *b = &resp->body;
	const char *f = err->field;
	vg_buf_clear(b);
	resp->status = 422;
	resp->content_type = "application/json";
	vg_buf_puts(b, "{\"detail\": [{\"type\": \"value_error\", \"loc\": [");
	vg_buf_put_json_string(b, err->in, strlen(err->in));
	while (*f) {
		size_t n = strcspn(f, ".");
		vg_buf_puts(b, ", ");
		vg_buf_put_json_string(b, f, n);
		f += n + (f[n] == '.');
	}
	vg_buf_puts(b, "], \"msg\": ");
	vg_buf_put_json_string(b, err->detail, strlen(err->detail));
	vg_buf_puts(b, ", \"input\": null}]}\n");
	if (vg_buf_oom(b))
		srv_respond_error(resp, 500, "out of memory");
}

void srv_respond_err(srv_response *resp, const srv_err *err)
{
	if (err->status == 422 && err->in[0])
		respond_invalid(resp, err);
	else
		srv_respond_error(resp, err->status ? err->status : 500, err->detail);
}

/* Maps the library's last error to a status and reports it. */
static void respond_lib_error(srv_response *resp, const char *what)
{
	const vg_error *e = vg_error_last();
	char detail[256];
	int status;
	switch (e->code) {
	case VG_EUSAGE:
	case VG_EDATA: status = 400; break;
	case VG_ENOTFOUND: status = 404; break;
	case VG_ETIMEOUT: status = 503; break;
	default: status = 500; break;
	}
	snprintf(detail, sizeof(detail), "%s: %s", what,
		 e->message[0] ? e->message : "failed");
	srv_respond_error(resp, status, detail);
}

void srv_respond_json(srv_response *resp, json_object *obj)
{
	size_t len;
	const char *s = json_object_to_json_string_length(obj, JSON_C_TO_STRING_PLAIN |
							  JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	vg_buf_clear(&resp->body);
	resp->status = 200;
	resp->content_type = "application/json";
	if (vg_buf_put(&resp->body, s, len) || vg_buf_puts(&resp->body, "\n"))
		srv_respond_error(resp, 500, "out of memory");
}

/* ---- index generations ---------------------------------------------- */

static json_object *str_or_null(const char *s)
{
	return s && *s ? json_object_new_string(s) : NULL;
}

/* A publication date ("2021-07", "2026-02-27", a time after it) as yente's
 * updated_at, a datetime without zone ("2021-07-01T00:00:00"); `fallback`
 * when there is none. */
static void as_datetime(char out[20], const char *as_of, const char *fallback)
{
	static const char pad[] = "0000-01-01T00:00:00";
	size_t n = as_of ? strspn(as_of, "0123456789-T:") : 0, i;
	if (n != 4 && n != 7 && n != 10 && n != 13 && n != 16 && n != 19) {
		snprintf(out, 20, "%s", fallback);
		return;
	}
	for (i = 0; i < 19; i++)
		out[i] = i < n ? as_of[i] : pad[i];
	out[19] = '\0';
}

/* One source of the index as a yente dataset.  Its version is the list's
 * own (the as-of date, else the content checksum): the same on every
 * restart and reload of the same index. */
static json_object *catalog_dataset(const vg_source_info *s, const char *built)
{
	json_object *d = json_object_new_object();
	const char *version = *s->as_of ? s->as_of : s->version;
	char updated[20];
	as_datetime(updated, s->as_of, built);
	json_object_object_add(d, "name", json_object_new_string(s->name));
	json_object_object_add(d, "title", json_object_new_string(s->name));
	json_object_object_add(d, "version", json_object_new_string(version));
	json_object_object_add(d, "updated_at", json_object_new_string(updated));
	json_object_object_add(d, "content_version", str_or_null(s->version));
	json_object_object_add(d, "format", json_object_new_string(s->format));
	json_object_object_add(d, "entity_count", json_object_new_int64((int64_t)s->entities));
	json_object_object_add(d, "name_count", json_object_new_int64((int64_t)s->names));
	json_object_object_add(d, "load", json_object_new_boolean(1));
	json_object_object_add(d, "index_version", json_object_new_string(version));
	json_object_object_add(d, "index_current", json_object_new_boolean(1));
	json_object_object_add(d, "children", json_object_new_array());
	return d;
}

/* The /catalog answer for ix (yente's shape), from the index's sources:
 * nothing in it depends on when the server started, so its version and
 * ETag are the same across restarts for the same index. */
static json_object *catalog_tree(const srv_index_view *ix)
{
	json_object *out = json_object_new_object(), *datasets = json_object_new_array();
	json_object *current = json_object_new_array(), *children = json_object_new_array();
	json_object *all, *index;
	vg_source_info s;
	time_t when = (time_t)vg_index_built_at(ix->index);
	struct tm tm;
	char built[20], version[20];
	size_t i;

	gmtime_r(&when, &tm);
	strftime(built, sizeof(built), "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(version, sizeof(version), "%Y%m%d%H%M%S", &tm);
	for (i = 0; vg_index_source(&s, ix->index, i) == 0; i++) {
		json_object_array_add(datasets, catalog_dataset(&s, built));
		json_object_array_add(current, json_object_new_string(s.name));
		json_object_array_add(children, json_object_new_string(s.name));
	}
	vg_error_clear();
	all = json_object_new_object();
	json_object_object_add(all, "name", json_object_new_string("default"));
	json_object_object_add(all, "title", json_object_new_string("Every source in the index"));
	json_object_object_add(all, "version", json_object_new_string(version));
	json_object_object_add(all, "updated_at", json_object_new_string(built));
	json_object_object_add(all, "entity_count", json_object_new_int64((int64_t)ix->entities));
	json_object_object_add(all, "load", json_object_new_boolean(1));
	json_object_object_add(all, "index_version", json_object_new_string(version));
	json_object_object_add(all, "index_current", json_object_new_boolean(1));
	json_object_object_add(all, "children", children);
	json_object_array_add(datasets, all);
	json_object_array_add(current, json_object_new_string("default"));
	json_object_object_add(out, "datasets", datasets);
	json_object_object_add(out, "current", current);
	json_object_object_add(out, "outdated", json_object_new_array());
	json_object_object_add(out, "index_stale", json_object_new_boolean(0));
	index = json_object_new_object();
	json_object_object_add(index, "entities", json_object_new_int64((int64_t)ix->entities));
	json_object_object_add(index, "built_at", json_object_new_string(built));
	json_object_object_add(out, "index", index);
	return out;
}

int srv_index_view_load(srv_index_view *view)
{
	size_t i, n = vg_index_source_count(view->index), len;
	json_object *catalog = NULL;
	vg_source_info s;
	const char *text;
	time_t now = time(NULL);
	struct tm tm;
	int rc = -1;
	gmtime_r(&now, &tm);
	strftime(view->loaded_at, sizeof(view->loaded_at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	view->entities = vg_index_party_count(view->index);
	view->n_sources = 0;
	if (!(view->sources = calloc(n ? n : 1, sizeof(*view->sources))))
		goto cleanup;
	for (i = 0; i < n && vg_index_source(&s, view->index, i) == 0; i++)
		view->sources[view->n_sources++] = s.name;
	if (!(catalog = catalog_tree(view)))
		goto cleanup;
	text = json_object_to_json_string_length(catalog, JSON_C_TO_STRING_PLAIN |
						 JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	if (!text || !(view->catalog = malloc(len + 2)))
		goto cleanup;
	memcpy(view->catalog, text, len);
	memcpy(view->catalog + len, "\n", 2);
	view->catalog_len = len + 1;
	{
		uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a of the body */
		for (i = 0; i < view->catalog_len; i++)
			h = (h ^ (unsigned char)view->catalog[i]) * 0x100000001b3ULL;
		snprintf(view->etag, sizeof(view->etag), "\"%016llx\"", (unsigned long long)h);
	}
	if (srv_search_text_build(&view->search, view->index))
		goto cleanup;
	rc = 0;
cleanup:
	json_object_put(catalog);
	if (rc)
		srv_index_view_dispose(view);
	return rc;
}

void srv_index_view_dispose(srv_index_view *view)
{
	free(view->sources);
	free(view->catalog);
	srv_search_text_dispose(&view->search);
	view->sources = NULL;
	view->n_sources = 0;
	view->catalog = NULL;
	view->catalog_len = 0;
}

static bool dataset_known(const srv_index_view *ix, const char *name)
{
	size_t i;
	if (!strcmp(name, "default"))
		return true;
	for (i = 0; i < ix->n_sources; i++)
		if (vg_dataset_matches(ix->sources[i], name))
			return true;
	return false;
}

/* Checks the path's dataset and the include/exclude lists; fills opts. */
/* Checks the path's dataset and scopes opts to it.  Unknown names in the
 * include and exclude lists are no error (yente's): an include list of
 * unknown datasets selects nothing. */
int srv_apply_dataset(vg_match_options *opts, const srv_index_view *ix,
		      const char *dataset, const char **one, srv_err *err)
{
	size_t i;
	if (!dataset_known(ix, dataset))
		return srv_err_set(err, 404, "no dataset '%.100s' (see /catalog)", dataset);
	if (strcmp(dataset, "default")) {
		bool included = opts->n_datasets == 0;
		for (i = 0; i < opts->n_datasets; i++)
			included |= vg_dataset_matches(dataset, opts->datasets[i]);
		/* The path's dataset scopes the search; an include list that
		 * leaves it out selects nothing, which excluding it expresses. */
		*one = dataset;
		opts->datasets = one;
		opts->n_datasets = 1;
		if (!included) {
			opts->exclude_datasets = one;
			opts->n_exclude_datasets = 1;
		}
	} else {
		for (i = 0; i < opts->n_datasets; i++)
			if (!strcmp(opts->datasets[i], "default"))
				opts->n_datasets = 0, opts->datasets = NULL;
	}
	return 0;
}

static bool past_deadline(const srv_ctx *ctx)
{
	return ctx->deadline_us && srv_now_us() > ctx->deadline_us;
}

/* What is left of the request's time, for the library's own checks inside
 * its loops (0: no limit; a spent budget still stops it at once). */
static double remaining_ms(const srv_ctx *ctx)
{
	uint64_t now;
	if (!ctx->deadline_us)
		return 0.0;
	now = srv_now_us();
	return now >= ctx->deadline_us ? 0.001 : (double)(ctx->deadline_us - now) / 1000.0;
}

/* The results of one query (at most opts->limit; *n their number) in the
 * caller's array of ctx->limits->max_limit; -1 with resp set. */
int srv_run_query(vg_match_result *res, size_t *n, const srv_ctx *ctx, vg_matcher *m,
		  const vg_query *q, const vg_match_options *opts, srv_response *resp)
{
	vg_match_options o = *opts;
	o.time_limit_ms = remaining_ms(ctx);
	if (vg_match(n, res, ctx->limits->max_limit, m, q, &o)) {
		respond_lib_error(resp, "matching");
		return -1;
	}
	if (past_deadline(ctx)) {
		srv_respond_error(resp, 503, "time limit for this request exceeded");
		return -1;
	}
	return 0;
}

/* The results array a request's queries share. */
vg_match_result *srv_results_buffer(const srv_ctx *ctx, srv_response *resp)
{
	vg_match_result *r = malloc((ctx->limits->max_limit ? ctx->limits->max_limit : 1) *
				    sizeof(*r));
	if (!r)
		srv_respond_error(resp, 500, "out of memory");
	return r;
}

/* yente's ScoredEntityResponse list: the results with their FtM entity
 * fields and explanations. */
static void put_results(vg_buf *out, const srv_index_view *ix, const vg_match_result *r,
			size_t n)
{
	vg_json_options jo = VG_JSON_OPTIONS_INIT;
	jo.entity = true;
	if (vg_json_results(out, ix->index, NULL, r, n, &jo))
		out->oom = 1;
}

vg_matcher *srv_get_matcher(const srv_ctx *ctx, srv_response *resp)
{
	vg_matcher *m;
	if (!(m = ctx->matcher(ctx->matcher_cls)))
		respond_lib_error(resp, "creating a matcher");
	return m;
}

/* ---- yente ------------------------------------------------------------ */

static int put_total(vg_buf *out, size_t n)
{
	return vg_buf_printf(out, "\"total\": {\"value\": %zu, \"relation\": \"eq\"}", n);
}

/* The matches among results (yente counts them as the total). */
static size_t matches(const vg_match_result *res, size_t n)
{
	size_t i, k = 0;
	for (i = 0; i < n; i++)
		k += res[i].match;
	return k;
}

/* A query of an FtM schema vigil keeps no names of (request.c runs it as
 * any party) keeps the results of a schema FtM relates to it: the schema,
 * a descendant or an ancestor (yente's matchable_schemata). */
static size_t keep_related(vg_match_result *res, size_t n, const vg_index *ix,
			   const srv_query_item *item)
{
	json_object *s;
	const char *want;
	size_t i, k = 0;
	if (item->query.schema != VG_SCHEMA_THING ||
	    !json_object_object_get_ex(item->echo, "schema", &s) ||
	    !strcmp((want = json_object_get_string(s)), "Thing"))
		return n;
	for (i = 0; i < n; i++) {
		const char *got = vg_entity_schema(ix, res[i].ordinal);
		if (vg_ftm_schema_is_a(got, want) || vg_ftm_schema_is_a(want, got))
			res[k++] = res[i];
	}
	return k;
}

/* One query's answer: {"status", "results", "total", "query"}; -1 with
 * resp set. */
static int put_one_match(vg_buf *out, const srv_ctx *ctx, vg_matcher *m, vg_match_result *res,
			 const srv_query_item *item, const vg_match_options *opts,
			 srv_response *resp)
{
	size_t n;
	if (srv_run_query(res, &n, ctx, m, &item->query, opts, resp))
		return -1;
	n = keep_related(res, n, ctx->ix->index, item);
	vg_buf_put_json_string(out, item->key, strlen(item->key));
	vg_buf_puts(out, ": {\"status\": 200, \"results\": ");
	put_results(out, ctx->ix, res, n);
	vg_buf_puts(out, ", ");
	put_total(out, matches(res, n));
	vg_buf_printf(out, ", \"query\": %s}",
		      json_object_to_json_string_ext(item->echo, JSON_C_TO_STRING_PLAIN |
						     JSON_C_TO_STRING_NOSLASHESCAPE));
	if (out->size > ctx->limits->max_response) {
		char detail[160];
		snprintf(detail, sizeof(detail), "the answer would be larger than %zu bytes: "
			 "ask for fewer results or fewer queries", ctx->limits->max_response);
		srv_respond_error(resp, 413, detail);
		return -1;
	}
	return 0;
}

static void handle_match(const srv_ctx *ctx, const srv_request *req,
			 srv_response *resp, const char *dataset)
{
	vg_match_options opts = VG_MATCH_OPTIONS_INIT;
	const char **lists = NULL, *one = NULL;
	srv_batch batch = SRV_BATCH_INIT;
	srv_err err = { 0 };
	vg_match_result *res = NULL;
	vg_buf *out = &resp->body;
	vg_matcher *m;
	size_t i;

	if (strcmp(req->method, "POST")) {
		srv_respond_error(resp, 405, "use POST with {\"queries\": {...}}");
		return;
	}
	if (srv_match_options_parse(&opts, &lists, req->args, ctx->limits, &err) ||
	    srv_apply_dataset(&opts, ctx->ix, dataset, &one, &err) ||
	    srv_batch_parse_match(&batch, req->body, req->body_len, ctx->limits, &err)) {
		srv_respond_err(resp, &err);
		goto cleanup;
	}
	opts.weight_names = batch.weight_names;
	opts.weights = batch.weights;
	opts.n_weights = batch.n_weights;
	if (!(m = srv_get_matcher(ctx, resp)) || !(res = srv_results_buffer(ctx, resp)))
		goto cleanup;
	vg_buf_clear(out);
	vg_buf_puts(out, "{\"responses\": {");
	for (i = 0; i < batch.n; i++) {
		vg_buf_puts(out, i ? ", " : "");
		if (put_one_match(out, ctx, m, res, &batch.items[i], &opts, resp))
			goto cleanup;
	}
	vg_buf_printf(out, "}, \"matcher\": {\"name\": \"vigil\"}, \"limit\": %zu}\n", opts.limit);
	if (vg_buf_oom(out)) {
		srv_respond_error(resp, 500, "out of memory");
		goto cleanup;
	}
	resp->status = 200;
	resp->header = "x-batch-size";
	snprintf(resp->header_value, sizeof(resp->header_value), "%zu", batch.n);
cleanup:
	free(res);
	srv_batch_free(&batch);
	free(lists);
}

/* The entity that lists `id` among its referents (ids its publisher merged
 * into it).  A walk over every record: only an id that is no entity's
 * comes here. */
static bool referent_of(uint32_t *ord, const vg_index *ix, const char *id)
{
	size_t n = vg_index_record_count(ix), i, k;
	const char *r;
	for (i = 0; i < n; i++)
		for (k = 0; (r = vg_entity_referent(ix, (uint32_t)i, k)); k++)
			if (!strcmp(r, id)) {
				*ord = (uint32_t)i;
				return true;
			}
	return false;
}

/* 308 to /entities/CANONICAL (yente's answer for a merged id). */
static void redirect_to_entity(srv_response *resp, const vg_index *ix, uint32_t ord)
{
	const char *id = vg_index_entity_id(ix, ord);
	size_t used = 0, i;
	used = (size_t)snprintf(resp->header_value, sizeof(resp->header_value), "/entities/");
	for (i = 0; id[i] && used + 4 < sizeof(resp->header_value); i++) {
		unsigned char c = (unsigned char)id[i];
		if (isalnum(c) || strchr("-._~", c))
			resp->header_value[used++] = (char)c;
		else
			used += (size_t)snprintf(resp->header_value + used, 4, "%%%02X", c);
	}
	resp->header_value[used] = '\0';
	srv_respond_error(resp, 308, "the entity was merged into another id");
	resp->header = "Location";
}

static void handle_adjacent(const srv_ctx *ctx, const srv_request *req, srv_response *resp,
			    uint32_t root, const char *prop);

/* GET /entities/ID, or with adjacent /entities/ID/adjacent[/PROP]. */
static void handle_entity(const srv_ctx *ctx, const srv_request *req,
			  srv_response *resp, const char *id, bool adjacent, const char *prop)
{
	vg_json_options jo = VG_JSON_OPTIONS_INIT;
	const char *nested = srv_args_get(req->args, "nested");
	char detail[300];
	uint32_t ord;
	if (strcmp(req->method, "GET")) {
		srv_respond_error(resp, 405, "use GET /entities/ID");
		return;
	}
	if (!*id) {
		srv_respond_error(resp, 404, "no entity id in the path");
		return;
	}
	jo.nested = true;
	if (!adjacent && nested && srv_bool_parse(&jo.nested, nested)) {
		srv_err err = { 0 };
		srv_err_invalid(&err, "query", "nested", "Input should be a valid boolean");
		srv_respond_err(resp, &err);
		return;
	}
	if (vg_index_lookup(&ord, ctx->ix->index, id) != 0) {
		vg_error_clear();
		if (referent_of(&ord, ctx->ix->index, id)) {
			redirect_to_entity(resp, ctx->ix->index, ord);
			return;
		}
		snprintf(detail, sizeof(detail), "no entity '%.200s'", id);
		srv_respond_error(resp, 404, detail);
		return;
	}
	if (adjacent) {
		handle_adjacent(ctx, req, resp, ord, prop);
		return;
	}
	vg_buf_clear(&resp->body);
	if (vg_json_entity(&resp->body, ctx->ix->index, ord, &jo) ||
	    vg_buf_puts(&resp->body, "\n")) {
		respond_lib_error(resp, "entity");
		return;
	}
	resp->status = 200;
}

/* ---- /entities/ID/adjacent ------------------------------------------------ */

static int cmp_ord(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

/* The records adjacent to root through `prop` (a root's entity property:
 * the entities its values name; a reverse name: the records pointing at
 * it), each once, in index order (yente's "_doc"); *n their number. */
static int adjacent_of(uint32_t **out, size_t *n, const vg_index *ix, uint32_t root,
		       const char *prop)
{
	size_t nv = vg_entity_value_count(ix, root), nr = vg_entity_reference_count(ix, root);
	size_t i, k = 0;
	uint32_t *v = malloc((nv + nr + 1) * sizeof(*v)), ord;
	vg_reference ref;
	vg_value val;
	*out = v;
	*n = 0;
	if (!v)
		return -1;
	for (i = 0; i < nv; i++)
		if (vg_entity_value(&val, ix, root, i) && !strcmp(val.property, prop)) {
			if (vg_index_lookup(&ord, ix, val.value) == 0 && ord != root)
				v[k++] = ord;
			vg_error_clear();
		}
	for (i = 0; i < nr; i++)
		if (vg_entity_reference(&ref, ix, root, i) && ref.reverse &&
		    !strcmp(ref.reverse, prop) && ref.from != root)
			v[k++] = ref.from;
	qsort(v, k, sizeof(*v), cmp_ord);
	for (i = 0; i < k; i++)
		if (!*n || v[*n - 1] != v[i])
			v[(*n)++] = v[i];
	return 0;
}

/* {"results": [...], "total", "limit", "offset"} of one property; -1 when
 * out of memory. */
static int put_adjacent(vg_buf *out, const vg_index *ix, uint32_t root, const char *prop,
			size_t limit, size_t offset, bool skip_empty)
{
	uint32_t *adj;
	size_t n, i;
	if (adjacent_of(&adj, &n, ix, root, prop))
		return -1;
	if (!n && skip_empty) {
		free(adj);
		return 0;
	}
	if (skip_empty) {
		vg_buf_puts(out, out->ptr[out->size - 1] == '{' ? "" : ", ");
		vg_buf_put_json_string(out, prop, strlen(prop));
		vg_buf_puts(out, ": ");
	}
	vg_buf_puts(out, "{\"results\": [");
	for (i = offset; i < n && i < offset + limit; i++) {
		vg_buf_puts(out, i > offset ? ", " : "");
		if (vg_json_adjacent(out, ix, adj[i], root))
			out->oom = 1;
	}
	vg_buf_printf(out, "], \"total\": {\"value\": %zu, \"relation\": \"eq\"}, "
		      "\"limit\": %zu, \"offset\": %zu}", n, limit, offset);
	free(adj);
	return vg_buf_oom(out) ? -1 : 0;
}

/* The properties through which anything is adjacent to root: its entity
 * properties with a value, then the reverse names of what points at it. */
static size_t adjacent_props(const char **names, size_t cap, const vg_index *ix, uint32_t root)
{
	const char *schema = vg_entity_schema(ix, root), *t, *name;
	size_t nv = vg_entity_value_count(ix, root), nr = vg_entity_reference_count(ix, root);
	size_t i, k, n = 0;
	vg_reference ref;
	vg_value val;
	for (i = 0; i < nv + nr && n < cap; i++) {
		if (i < nv) {
			if (!vg_entity_value(&val, ix, root, i) ||
			    !(t = vg_ftm_property_type(schema, val.property)) || strcmp(t, "entity"))
				continue;
			name = val.property;
		} else {
			if (!vg_entity_reference(&ref, ix, root, i - nv) || !ref.reverse)
				continue;
			name = ref.reverse;
		}
		for (k = 0; k < n && strcmp(names[k], name); k++)
			;
		if (k == n)
			names[n++] = name;
	}
	return n;
}

/* GET /entities/ID/adjacent[/PROP]: yente's EntityAdjacentResponse, or
 * its AdjacentResultsResponse for one property. */
static void handle_adjacent(const srv_ctx *ctx, const srv_request *req, srv_response *resp,
			    uint32_t root, const char *prop)
{
	const vg_index *ix = ctx->ix->index;
	const char *names[64], *t;
	size_t limit = 10, offset = 0, i, n;
	srv_err err = { 0 };
	vg_buf *out = &resp->body;
	for (i = 0; i < req->args->n; i++)
		if (srv_page_parse(&limit, &offset, srv_args_key(req->args, i),
				   srv_args_value(req->args, i), &err)) {
			srv_respond_err(resp, &err);
			return;
		}
	vg_buf_clear(out);
	if (*prop) {
		if (!(t = vg_ftm_property_type(vg_entity_schema(ix, root), prop)) ||
		    strcmp(t, "entity")) {
			srv_respond_error(resp, 404, "No such property!");
			return;
		}
		put_adjacent(out, ix, root, prop, limit, offset, false);
	} else {
		vg_buf_puts(out, "{\"entity\": ");
		if (vg_json_entity(out, ix, root, NULL))
			out->oom = 1;
		vg_buf_puts(out, ", \"adjacent\": {");
		n = adjacent_props(names, sizeof(names) / sizeof(names[0]), ix, root);
		for (i = 0; i < n && !vg_buf_oom(out); i++)
			put_adjacent(out, ix, root, names[i], limit, offset, true);
		vg_buf_puts(out, "}}");
	}
	if (vg_buf_puts(out, "\n") < 0)
		srv_respond_error(resp, 500, "out of memory");
	else
		resp->status = 200;
}

/* GET /catalog, with its ETag; 304 without a body when the client's
 * If-None-Match names it (or is "*"). */
static void handle_catalog(const srv_ctx *ctx, const srv_request *req, srv_response *resp)
{
	const char *inm = req->if_none_match;
	vg_buf_clear(&resp->body);
	resp->header = "ETag";
	snprintf(resp->header_value, sizeof(resp->header_value), "%s", ctx->ix->etag);
	resp->content_type = "application/json";
	if (inm && (strstr(inm, ctx->ix->etag) || !strcmp(inm, "*"))) {
		resp->status = 304;
		return;
	}
	resp->status = 200;
	if (vg_buf_put(&resp->body, ctx->ix->catalog, ctx->ix->catalog_len))
		srv_respond_error(resp, 500, "out of memory");
}

/* ---- scanning --------------------------------------------------------- */

static void handle_scan(const srv_ctx *ctx, const srv_request *req,
			srv_response *resp)
{
	vg_scan_options opts = VG_SCAN_OPTIONS_INIT;
	const char *text, *v;
	size_t len;
	json_object *root = NULL;
	srv_err err = { 0 };
	vg_scanner *sc;
	if (strcmp(req->method, "POST")) {
		srv_respond_error(resp, 405, "use POST with {\"text\": ...} or text/plain");
		return;
	}
	if (srv_scan_text(&text, &len, &root, req->content_type, req->body,
			  req->body_len, ctx->limits, &err)) {
		srv_respond_err(resp, &err);
		return;
	}
	if ((v = srv_args_get(req->args, "html")))
		opts.html = !strcmp(v, "1") || !strcmp(v, "true");
	if ((v = srv_args_get(req->args, "threshold"))) {
		char *end;
		double t = strtod(v, &end);
		if (!*v || *end || !(t >= 0.0 && t <= 1.0)) {
			srv_respond_error(resp, 400, "threshold: expected a number from 0 to 1");
			goto cleanup;
		}
		opts.threshold = t;
	}
	if (!(sc = ctx->scanner(ctx->matcher_cls))) {
		respond_lib_error(resp, "building the scanner");
		goto cleanup;
	}
	vg_buf_clear(&resp->body);
	opts.time_limit_ms = remaining_ms(ctx);
	if (vg_scan_json(sc, text, len, &opts, &resp->body)) {
		respond_lib_error(resp, "scanning");
		goto cleanup;
	}
	if (past_deadline(ctx)) {
		srv_respond_error(resp, 503, "time limit for this request exceeded");
		goto cleanup;
	}
	vg_buf_puts(&resp->body, "\n");
	resp->status = 200;
	resp->content_type = "application/json";
cleanup:
	json_object_put(root);
}

/* ---- algorithms ---------------------------------------------------------- */

/* What each feature of vigil's score weighs (vg_match_feature_name). */
static const char *feature_doc(const char *f)
{
	static const char *const docs[][2] = {
		{ "name", "The best pair of names (transliterated, parts matched in any "
			  "order, initials and spelling variants allowed): the base of the score" },
		{ "weak_alias", "A weak alias (a nickname) of the candidate matches a name of the query" },
		{ "birth_date", "Birth dates agree (day, month or year) or contradict each other" },
		{ "country", "Countries (nationality, citizenship, jurisdiction) agree or contradict" },
		{ "identifier", "An identifier (passport, registration, IMO number ...) is shared "
				"or contradicts" },
		{ "gender", "Genders contradict each other" },
		{ "family_name", "The family names disagree where the given names agree" },
	};
	size_t i;
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		if (!strcmp(docs[i][0], f))
			return docs[i][1];
	return NULL;
}

/* GET /algorithms: yente's AlgorithmResponse for vigil's one scorer, with
 * its default threshold. */
static void handle_algorithms(const srv_ctx *ctx, srv_response *resp)
{
	json_object *out = json_object_new_object(), *list = json_object_new_array();
	json_object *algo = json_object_new_object(), *features = json_object_new_object();
	json_object *docs = json_object_new_object();
	static const char desc[] =
		"vigil's scorer: the best pair of names plus birth date, country, identifier "
		"and gender evidence, clamped to [0, 1]. yente's algorithm names (logic-v2, "
		"logic-v1, name-based, name-qualified, regression-v1, ofac-249, best) are "
		"accepted and run this scorer.";
	char url[600];
	const char *f;
	size_t i;
	snprintf(url, sizeof(url), "%s/openapi.json", ctx->base_url);
	for (i = 0; (f = vg_match_feature_name(i)); i++) {
		json_object *d = json_object_new_object();
		json_object_object_add(d, "description", str_or_null(feature_doc(f)));
		json_object_object_add(d, "coefficient", json_object_new_double(1.0));
		json_object_object_add(d, "url", json_object_new_string(url));
		json_object_object_add(features, f, d);
	}
	json_object_object_add(algo, "name", json_object_new_string("vigil"));
	json_object_object_add(algo, "description", json_object_new_string(desc));
	json_object_object_add(algo, "features", json_object_get(features));
	json_object_object_add(docs, "name", json_object_new_string("vigil"));
	json_object_object_add(docs, "description", json_object_new_string(desc));
	json_object_object_add(docs, "config", json_object_new_object());
	json_object_object_add(docs, "features", features);
	json_object_object_add(algo, "docs", docs);
	json_object_object_add(algo, "threshold", json_object_new_double(vg_match_threshold()));
	json_object_array_add(list, algo);
	json_object_object_add(out, "algorithms", list);
	json_object_object_add(out, "default", json_object_new_string("vigil"));
	json_object_object_add(out, "best", json_object_new_string("vigil"));
	srv_respond_json(resp, out);
	json_object_put(out);
}

/* ---- dispatch ----------------------------------------------------------- */

void srv_handle(const srv_ctx *ctx, const srv_request *req, srv_response *resp)
{
	srv_route route;
	srv_err err = { 0 };
	bool get = !strcmp(req->method, "GET") || !strcmp(req->method, "HEAD");

	resp->status = 200;
	resp->content_type = "application/json";
	if (srv_route_parse(&route, req->path, &err)) {
		srv_respond_err(resp, &err);
		return;
	}
	if ((!route.route[0] || !strcmp(route.route, "index.html")) && !route.arg[0]) {
		if (!get) {
			srv_respond_error(resp, 405, "the page is read with GET");
			return;
		}
		resp->content_type = "text/html; charset=utf-8";
		vg_buf_clear(&resp->body);
		if (vg_buf_put(&resp->body, srv_page_html, srv_page_html_len))
			srv_respond_error(resp, 500, "out of memory");
		return;
	}
	if (!strcmp(route.route, "healthz") && !route.arg[0]) {
		vg_buf_clear(&resp->body);
		if (vg_buf_puts(&resp->body, "{\"status\": \"ok\"}\n") < 0)
			srv_respond_error(resp, 500, "out of memory");
		return;
	}
	if (!strcmp(route.route, "readyz") && !route.arg[0]) {
		if (!ctx->ix) {
			srv_respond_error(resp, 503, "no index loaded");
			return;
		}
		vg_buf_clear(&resp->body);
		/* still ready (the loaded index serves), but an operator who
		 * replaced the file must see that the new one was refused */
		if (vg_buf_printf(&resp->body,
				  "{\"status\": \"ok\", \"generation\": %llu, \"entities\": %zu, "
				  "\"loaded_at\": \"%s\"",
				  (unsigned long long)ctx->ix->generation, ctx->ix->entities,
				  ctx->ix->loaded_at) < 0 ||
		    (ctx->reload_error &&
		     (vg_buf_printf(&resp->body, ", \"last_reload\": {\"ok\": false, \"at\": \"%s\", "
				    "\"error\": ", ctx->reload_failed_at) < 0 ||
		      srv_put_json_text(&resp->body, ctx->reload_error,
					strlen(ctx->reload_error)) < 0 ||
		      vg_buf_puts(&resp->body, "}") < 0)) ||
		    vg_buf_puts(&resp->body, "}\n") < 0)
			srv_respond_error(resp, 500, "out of memory");
		return;
	}
	if (!strcmp(route.route, "cases") && !route.sub2[0]) {
		srv_handle_cases(ctx, req, resp, route.arg, route.sub);
		return;
	}
	if (!ctx->ix) {
		srv_respond_error(resp, 503, "no index loaded");
		return;
	}
	if (!strcmp(route.route, "catalog") && !route.arg[0]) {
		if (!get)
			srv_respond_error(resp, 405, "use GET /catalog");
		else
			handle_catalog(ctx, req, resp);
		return;
	}
	if (!strcmp(route.route, "openapi.json") && !route.arg[0]) {
		vg_buf_clear(&resp->body);
		if (!get)
			srv_respond_error(resp, 405, "use GET /openapi.json");
		else if (srv_openapi_json(&resp->body, ctx->base_url) < 0)
			srv_respond_error(resp, 500, "out of memory");
		return;
	}
	if (!strcmp(route.route, "algorithms") && !route.arg[0]) {
		if (!get)
			srv_respond_error(resp, 405, "use GET /algorithms");
		else
			handle_algorithms(ctx, resp);
		return;
	}
	if (!strcmp(route.route, "match") && route.arg[0] && !route.sub[0]) {
		handle_match(ctx, req, resp, route.arg);
		return;
	}
	if (!strcmp(route.route, "search") && route.arg[0] && !route.sub[0]) {
		srv_handle_search(ctx, req, resp, route.arg);
		return;
	}
	if (!strcmp(route.route, "entities") && route.arg[0] && !route.sub[0]) {
		handle_entity(ctx, req, resp, route.arg, false, "");
		return;
	}
	if (!strcmp(route.route, "entities") && route.arg[0] && !strcmp(route.sub, "adjacent")) {
		handle_entity(ctx, req, resp, route.arg, true, route.sub2);
		return;
	}
	if (!strcmp(route.route, "reconcile") && route.arg[0]) {
		srv_handle_reconcile(ctx, req, resp, &route);
		return;
	}
	if (!strcmp(route.route, "scan") && !route.arg[0]) {
		handle_scan(ctx, req, resp);
		return;
	}
	srv_respond_error(resp, 404, "no such path");
}
