/*
 * test_server.c - `vigil serve` below HTTP: the request parsing
 * (src/server/request.c) and the endpoints (src/server/handlers.c), both
 * compiled in here since they need no HTTP library: query strings, JSON
 * limits, yente EntityExamples and OpenRefine queries into vg_query, match
 * options, routes, the JSON splicing of results, and srv_handle() on an
 * index built from tests/fixtures/server/mini.ftm.jsonl.  The server as a
 * process is tested by cli_serve.sh and cli_serve_browser.sh.
 */
#include "helpers.h"

#include "../src/server/request.c"
#include "../src/server/handlers.c"
#include "../src/server/search_query.c"
#include "../src/server/search.c"
#include "../src/server/routes.c"
#include "../src/server/reconcile_query.c"
#include "../src/server/reconcile.c"
#include "../src/server/cases.c"
#include "../src/server/page_html.c"

#include <unistd.h>

static const srv_limits lim = SRV_LIMITS_INIT;

static void test_args(void **state)
{
	srv_args a = SRV_ARGS_INIT;
	const char *q = "a=1&b=x+y%21&a=2&empty&k=&%zz=%4&&u=%C3%A9";
	(void)state;
	assert_int_equal(srv_args_parse_form(&a, q, strlen(q)), 0);
	assert_int_equal(a.n, 7);
	assert_string_equal(srv_args_get(&a, "a"), "1");
	assert_string_equal(srv_args_value(&a, 2), "2");
	assert_string_equal(srv_args_get(&a, "b"), "x y!");
	assert_string_equal(srv_args_get(&a, "empty"), "");
	assert_string_equal(srv_args_get(&a, "k"), "");
	/* malformed escapes stay as they were */
	assert_string_equal(srv_args_get(&a, "%zz"), "%4");
	assert_string_equal(srv_args_get(&a, "u"), "\xc3\xa9");
	assert_null(srv_args_get(&a, "missing"));
	srv_args_free(&a);
	assert_int_equal(srv_args_parse_form(&a, "", 0), 0);
	assert_int_equal(a.n, 0);
	srv_args_free(&a);
}

static void test_json_limits(void **state)
{
	srv_err err = { 0 };
	json_object *o;
	char deep[200];
	size_t i;
	(void)state;
	o = srv_json_parse("{\"a\": [1, 2]}  \n", 15, 4, &err);
	assert_non_null(o);
	json_object_put(o);
	assert_null(srv_json_parse("{\"a\": ", 6, 4, &err));
	assert_int_equal(err.status, 400);
	assert_non_null(strstr(err.detail, "unexpected end"));
	assert_null(srv_json_parse("{} x", 4, 4, &err));
	assert_non_null(strstr(err.detail, "trailing"));
	for (i = 0; i < 50; i++)
		deep[i] = '[';
	for (i = 50; i < 100; i++)
		deep[i] = ']';
	assert_null(srv_json_parse(deep, 100, 16, &err));
	assert_int_equal(err.status, 400);
	assert_non_null(strstr(err.detail, "nested deeper than 16"));
	o = srv_json_parse(deep + 40, 20, 16, &err);
	assert_non_null(o);
	json_object_put(o);
}

/* A refused value is named by its path (written only then). */
static void test_json_refused_path(void **state)
{
	static const char nul[] = "{\"queries\": {\"q\": {\"properties\": "
				  "{\"name\": [\"ok\", \"x\\u0000AL ZAWAHIRI\"]}}}}";
	static const char nan[] = "[1, {\"a\": [2, 1e999]}]";
	static const char top[] = "\"x\\u0000y\"";
	srv_err err = { 0 };
	(void)state;
	assert_null(srv_json_parse(nul, sizeof(nul) - 1, 16, &err));
	assert_int_equal(err.status, 400);
	assert_string_equal(err.detail, "queries.q.properties.name[1]: contains a NUL "
			    "character (\\u0000)");
	assert_null(srv_json_parse(nan, sizeof(nan) - 1, 16, &err));
	assert_string_equal(err.detail, "[1].a[1]: not a finite number");
	assert_null(srv_json_parse(top, sizeof(top) - 1, 16, &err));
	assert_string_equal(err.detail, "body: contains a NUL character (\\u0000)");
}

static void test_match_batch(void **state)
{
	const char *body =
		"{\"queries\": {"
		"\"p\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"Ivan Petrov\", \"I. Petrov\"],"
		" \"alias\": \"Vanya\", \"birthDate\": [\"1970-01-02\"], \"nationality\": \"ru\","
		" \"country\": [\"ua\", null], \"passportNumber\": [123456], \"firstName\": \"Ivan\","
		" \"gender\": [\"male\"], \"notes\": [\"ignored\"]}},"
		"\"c\": {\"schema\": \"Company\", \"properties\": {\"name\": \"Acme LLC\", \"jurisdiction\": \"cy\","
		" \"registrationNumber\": [\"HE123\"]}}}}";
	srv_batch b = SRV_BATCH_INIT;
	srv_err err = { 0 };
	const vg_query *q;
	(void)state;
	assert_int_equal(srv_batch_parse_match(&b, body, strlen(body), &lim, &err), 0);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.items[0].key, "p");
	q = &b.items[0].query;
	assert_int_equal(q->schema, VG_SCHEMA_PERSON);
	assert_int_equal(q->n_names, 3);
	assert_string_equal(q->names[0], "Ivan Petrov");
	assert_string_equal(q->names[2], "Vanya");
	assert_int_equal(q->n_countries, 2);
	assert_string_equal(q->countries[0], "ru");
	assert_string_equal(q->countries[1], "ua");
	assert_int_equal(q->n_id_numbers, 1);
	assert_string_equal(q->id_numbers[0], "123456");
	assert_string_equal(q->birth_date, "1970-01-02");
	assert_string_equal(q->first_name, "Ivan");
	assert_string_equal(q->gender, "male");
	assert_null(q->last_name);
	q = &b.items[1].query;
	assert_string_equal(b.items[1].key, "c");
	assert_int_equal(q->schema, VG_SCHEMA_COMPANY);
	assert_int_equal(q->n_names, 1);
	assert_string_equal(q->countries[0], "cy");
	assert_string_equal(q->id_numbers[0], "HE123");
	assert_ptr_equal(b.items[1].example,
			 json_object_object_get(json_object_object_get(b.root, "queries"), "c"));
	srv_batch_free(&b);
}

/* Parses body and expects failure with status and a detail containing
 * `needle`. */
static void expect_bad(const char *body, int status, const char *needle,
		       const srv_limits *l)
{
	srv_batch b = SRV_BATCH_INIT;
	srv_err err = { 0 };
	int rc = srv_batch_parse_match(&b, body, strlen(body), l, &err);
	if (rc != status || !strstr(err.detail, needle))
		fail_msg("%s: got %d '%s', expected %d '%s'", body, rc, err.detail, status, needle);
	assert_int_equal(b.n, 0);
	assert_null(b.root);
}

static void test_match_errors(void **state)
{
	srv_limits small = lim;
	(void)state;
	small.max_queries = 2;
	small.max_values = 3;
	expect_bad("[]", 422, "expected {\"queries\"", &lim);
	expect_bad("{\"queries\": []}", 422, "keyed by query name", &lim);
	expect_bad("{\"queries\": {}}", 400, "no queries", &lim);
	expect_bad("{\"queries\": {\"a\": 1}}", 422, "queries.a: expected an object", &lim);
	expect_bad("{\"queries\": {\"a\": {\"schema\": \"Person\"}}}", 422, "queries.a.properties: field required", &lim);
	expect_bad("{\"queries\": {\"a\": {\"schema\": \"Person\", \"properties\": []}}}", 422, "expected an object", &lim);
	expect_bad("{\"queries\": {\"a\": {\"schema\": 5, \"properties\": {}}}}", 422, "schema: expected a string", &lim);
	expect_bad("{\"queries\": {\"a\": {\"schema\": \"Spaceship\", \"properties\": {\"name\": \"x\"}}}}", 400, "'Spaceship'", &lim);
	expect_bad("{\"queries\": {\"a\": {\"schema\": \"Sanction\", \"properties\": {\"name\": \"x\"}}}}", 400, "'Sanction'", &lim);
	expect_bad("{\"queries\": {\"a\": {\"schema\": \"Person\", \"properties\": {\"name\": {\"x\": 1}}}}}", 422, "queries.a.properties.name: expected a string", &lim);
	expect_bad("{\"queries\": {\"a\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"ok\", true]}}}}", 422, "properties.name: expected a string or a list", &lim);
	expect_bad("{\"queries\": {\"a\": {\"schema\": \"Person\", \"properties\": {\"birthDate\": \"1970\"}}}}", 400, "name: empty", &lim);
	expect_bad("{\"queries\": {\"a\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"\", null]}}}}", 400, "name: empty", &lim);
	expect_bad("{\"queries\": {\"a\": {\"properties\": {\"name\": \"x\"}}, \"b\": {\"properties\": {\"name\": \"x\"}},"
		   " \"c\": {\"properties\": {\"name\": \"x\"}}}}", 400, "too many queries in one batch: 3 (limit 2)", &small);
	expect_bad("{\"queries\": {\"a\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"a\", \"b\"], \"country\": [\"c\", \"d\"]}}}}",
		   400, "4 values, more than the limit of 3", &small);
	expect_bad("{\"queries\": {\"a\": {\"properties\": {\"name\": \"ok\"}}, \"b\": {\"properties\": {\"name\": nope}}}}",
		   400, "invalid JSON", &lim);
}

static void test_reconcile(void **state)
{
	const char *json =
		"{\"q0\": {\"query\": \"Ivan Petrov\", \"type\": \"Person\", \"limit\": 3,"
		" \"properties\": [{\"pid\": \"Person:birthDate\", \"v\": \"1970\"},"
		" {\"pid\": \"country\", \"v\": [\"ru\", {\"id\": \"ua\"}]},"
		" {\"pid\": \"Banana:name\", \"v\": \"x\"}]},"
		" \"q1\": {\"query\": \"Acme\", \"type\": [\"Company\", \"Vessel\", \"Banana\"],"
		" \"type_strict\": \"all\", \"limit\": 2.0},"
		" \"q2\": {\"properties\": [{\"pid\": \"birthDate\", \"v\": \"1970\"}]},"
		" \"q3\": {\"query\": \"Main Street\", \"type\": \"Address\"}}";
	srv_batch b = SRV_BATCH_INIT;
	srv_recon_item *r = NULL;
	srv_err err = { 0 };
	(void)state;
	assert_int_equal(srv_batch_parse_reconcile(&b, &r, json, strlen(json), &lim, &err), 0);
	assert_int_equal(b.n, 4);
	assert_string_equal(b.items[0].key, "q0");
	assert_int_equal(b.items[0].query.schema, VG_SCHEMA_PERSON);
	assert_string_equal(b.items[0].query.names[0], "Ivan Petrov");
	assert_int_equal(b.items[0].query.n_names, 1); /* Banana:name is skipped */
	assert_string_equal(b.items[0].query.birth_date, "1970");
	assert_int_equal(b.items[0].query.n_countries, 2);
	assert_string_equal(b.items[0].query.countries[1], "ua");
	assert_int_equal(r[0].limit, 3);
	/* two types: any party is screened, the types filter the candidates */
	assert_int_equal(b.items[1].query.schema, VG_SCHEMA_THING);
	assert_int_equal(r[1].n_types, 2);
	assert_int_equal(r[1].strict, SRV_TYPES_ALL);
	assert_int_equal(r[1].limit, 2);
	assert_false(srv_recon_type_ok(&r[1], "Company"));
	r[1].strict = SRV_TYPES_ANY;
	assert_true(srv_recon_type_ok(&r[1], "Company"));
	assert_false(srv_recon_type_ok(&r[1], "Person"));
	/* properties only, none to look up by; a type vigil does not screen */
	assert_true(r[2].nothing);
	assert_true(r[3].nothing);
	srv_batch_free(&b);
	free(r);

	/* what the spec's schema refuses */
	json = "{\"q0\": {\"type\": \"Person\"}}";
	assert_int_equal(srv_batch_parse_reconcile(&b, &r, json, strlen(json), &lim, &err), 400);
	assert_non_null(strstr(err.detail, "queries.q0"));
	assert_null(r);
	json = "{\"q0\": {\"properties\": []}}";
	assert_int_equal(srv_batch_parse_reconcile(&b, &r, json, strlen(json), &lim, &err), 400);
	json = "{\"q0\": {\"query\": \"x\", \"props\": []}}";
	assert_int_equal(srv_batch_parse_reconcile(&b, &r, json, strlen(json), &lim, &err), 400);
	assert_non_null(strstr(err.detail, "props"));
	json = "{\"q0\": {\"query\": \"x\", \"type_strict\": \"some\"}}";
	assert_int_equal(srv_batch_parse_reconcile(&b, &r, json, strlen(json), &lim, &err), 400);
	json = "{\"q0\": {\"query\": \"x\", \"properties\": [{\"v\": 1}]}}";
	assert_int_equal(srv_batch_parse_reconcile(&b, &r, json, strlen(json), &lim, &err), 400);
	assert_non_null(strstr(err.detail, "properties[0]"));
	json = "{\"q0\": {\"query\": \"x\", \"properties\": [{\"pid\": \"a\", \"v\": [[1]]}]}}";
	assert_int_equal(srv_batch_parse_reconcile(&b, &r, json, strlen(json), &lim, &err), 400);
}

static void test_options(void **state)
{
	srv_args a = SRV_ARGS_INIT;
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	const char **lists = NULL;
	srv_err err = { 0 };
	const char *q = "limit=7&threshold=0.8&include_dataset=a&include_dataset=b&exclude_dataset=c&topics=sanction&other=1";
	(void)state;
	assert_int_equal(srv_args_parse_form(&a, q, strlen(q)), 0);
	assert_int_equal(srv_match_options_parse(&o, &lists, &a, &lim, &err), 0);
	assert_int_equal(o.limit, 7);
	assert_true(o.threshold > 0.79 && o.threshold < 0.81);
	assert_int_equal(o.n_datasets, 2);
	assert_string_equal(o.datasets[1], "b");
	assert_int_equal(o.n_exclude_datasets, 1);
	assert_string_equal(o.exclude_datasets[0], "c");
	assert_int_equal(o.n_topics, 1);
	free(lists);
	srv_args_free(&a);

	static const char *const bad[] = { "limit=0", "limit=-1", "limit=501", "limit=x",
					   "threshold=1.01", "threshold=-0.1", "threshold=abc",
					   "threshold=", "cutoff=2", "changed_since=yesterday", NULL };
	for (size_t i = 0; bad[i]; i++) {
		vg_match_options o2 = VG_MATCH_OPTIONS_INIT;
		assert_int_equal(srv_args_parse_form(&a, bad[i], strlen(bad[i])), 0);
		/* yente's: a value of the wrong type or range is 422 */
		assert_int_equal(srv_match_options_parse(&o2, &lists, &a, &lim, &err), 422);
		assert_null(lists);
		srv_args_free(&a);
	}
	/* an algorithm vigil does not know is yente's 400; its own names run
	 * vigil's scorer */
	{
		vg_match_options o2 = VG_MATCH_OPTIONS_INIT;
		assert_int_equal(srv_args_parse_form(&a, "algorithm=nope", 14), 0);
		assert_int_equal(srv_match_options_parse(&o2, &lists, &a, &lim, &err), 400);
		srv_args_free(&a);
		assert_int_equal(srv_args_parse_form(&a, "algorithm=logic-v2&cutoff=0.3", 29), 0);
		assert_int_equal(srv_match_options_parse(&o2, &lists, &a, &lim, &err), 0);
		assert_true(o2.cutoff > 0.29 && o2.cutoff < 0.31);
		free(lists);
		srv_args_free(&a);
	}
}

static void test_routes_and_scan(void **state)
{
	srv_route r;
	srv_err err = { 0 };
	const char *text;
	size_t len;
	json_object *root;
	char longseg[400];
	(void)state;
	assert_int_equal(srv_route_parse(&r, "/match/default", &err), 0);
	assert_string_equal(r.route, "match");
	assert_string_equal(r.arg, "default");
	assert_int_equal(srv_route_parse(&r, "/reconcile/x/suggest/entity", &err), 0);
	assert_string_equal(r.sub, "suggest");
	assert_string_equal(r.sub2, "entity");
	assert_int_equal(srv_route_parse(&r, "/", &err), 0);
	assert_string_equal(r.route, "");
	assert_int_equal(srv_route_parse(&r, "/catalog/", &err), 0);
	assert_string_equal(r.route, "catalog");
	assert_int_equal(srv_route_parse(&r, "/a/b/c/d/e", &err), 404);
	assert_int_equal(srv_route_parse(&r, "/a//b", &err), 404);
	assert_int_equal(srv_route_parse(&r, "nope", &err), 404);
	memset(longseg, 'x', sizeof(longseg));
	longseg[0] = '/';
	memcpy(longseg + 1, "entities/", 9);
	longseg[sizeof(longseg) - 1] = '\0';
	assert_int_equal(srv_route_parse(&r, longseg, &err), 404);

	assert_int_equal(srv_scan_text(&text, &len, &root, "application/json; charset=utf-8",
				       "{\"text\": \"hi \\u00e9\"}", 21, &lim, &err), 0);
	assert_int_equal(len, 5);
	assert_memory_equal(text, "hi \xc3\xa9", 5);
	json_object_put(root);
	assert_int_equal(srv_scan_text(&text, &len, &root, "text/plain", "abc", 3, &lim, &err), 0);
	assert_int_equal(len, 3);
	assert_null(root);
	assert_int_equal(srv_scan_text(&text, &len, &root, NULL, "", 0, &lim, &err), 400);
	assert_int_equal(srv_scan_text(&text, &len, &root, "application/json", "{\"t\": 1}", 8, &lim, &err), 400);
	assert_null(root);
}

/* ---- srv_handle on a real index ---------------------------------------- */

typedef struct {
	vg_index *index;
	vg_matcher *matcher;
	vg_scanner *scanner;
	srv_index_view view;
	char path[256];
} fixture_index;

static vg_matcher *get_test_matcher(void *cls)
{
	return ((fixture_index *)cls)->matcher;
}

static vg_scanner *get_test_scanner(void *cls)
{
	return ((fixture_index *)cls)->scanner;
}

static int index_setup(void **state)
{
	fixture_index *f = calloc(1, sizeof(*f));
	vg_builder *b = NULL;
	snprintf(f->path, sizeof(f->path), "/tmp/vigil-test-server-%ld.idx", (long)getpid());
	if (vg_builder_new(&b) || vg_builder_add(b, fixture("server/mini.ftm.jsonl"), VG_FORMAT_FTM_JSON) ||
	    vg_builder_write(b, f->path) || vg_index_open(&f->index, f->path) ||
	    vg_matcher_new(&f->matcher, f->index) || vg_scanner_new(&f->scanner, f->index)) {
		fprintf(stderr, "setup: %s\n", vg_error_last()->message);
		vg_builder_free(b);
		return -1;
	}
	vg_builder_free(b);
	f->view.index = f->index;
	f->view.generation = 7;
	if (srv_index_view_load(&f->view))
		return -1;
	*state = f;
	return 0;
}

static int index_teardown(void **state)
{
	fixture_index *f = *state;
	srv_index_view_dispose(&f->view);
	vg_matcher_free(f->matcher);
	vg_scanner_free(f->scanner);
	vg_index_free(f->index);
	unlink(f->path);
	free(f);
	return 0;
}

/* Runs one request; returns the status, the body parsed into *json when it
 * is JSON. */
static int call(fixture_index *f, const char *method, const char *path, const char *query,
		const char *body, uint64_t deadline, json_object **json, vg_buf *raw)
{
	srv_limits limits = SRV_LIMITS_INIT;
	srv_args args = SRV_ARGS_INIT;
	srv_ctx ctx = { &limits, &f->view, get_test_matcher, get_test_scanner, f, deadline,
			"http://test", NULL, NULL, NULL, false, NULL };
	srv_request req = { method, path, &args, body ? body : "", body ? strlen(body) : 0,
			    "application/json", NULL, NULL };
	srv_response resp = SRV_RESPONSE_INIT;
	int status;
	if (query)
		assert_int_equal(srv_args_parse_form(&args, query, strlen(query)), 0);
	srv_handle(&ctx, &req, &resp);
	status = resp.status;
	*json = NULL;
	if (!strcmp(resp.content_type, "application/json")) {
		*json = json_tokener_parse(resp.body.ptr);
		if (!*json)
			fail_msg("%s %s: invalid JSON: %s", method, path, resp.body.ptr);
	}
	if (raw) {
		vg_buf_clear(raw);
		vg_buf_put(raw, resp.body.ptr ? resp.body.ptr : "", resp.body.size);
	}
	vg_buf_dispose(&resp.body);
	srv_args_free(&args);
	return status;
}

static json_object *at(json_object *o, const char *path)
{
	char key[64];
	while (o && *path) {
		size_t n = strcspn(path, ".");
		snprintf(key, sizeof(key), "%.*s", (int)n, path);
		if (json_object_is_type(o, json_type_array))
			o = json_object_array_get_idx(o, (size_t)atoi(key));
		else if (!json_object_object_get_ex(o, key, &o))
			return NULL;
		path += n + (path[n] == '.');
	}
	return o;
}

static const char *str_at(json_object *o, const char *path)
{
	json_object *v = at(o, path);
	return v ? json_object_get_string(v) : "(missing)";
}

static void test_handle(void **state)
{
	fixture_index *f = *state;
	json_object *j;
	vg_buf raw = VG_BUF_INIT;
	const char *q = "{\"queries\": {\"q1\": {\"schema\": \"Person\", \"properties\": "
			"{\"name\": [\"Viktor Kormilov\"], \"birthDate\": \"1961\"}}}}";

	assert_int_equal(call(f, "GET", "/healthz", NULL, NULL, 0, &j, NULL), 200);
	assert_string_equal(str_at(j, "status"), "ok");
	json_object_put(j);
	assert_int_equal(call(f, "GET", "/readyz", NULL, NULL, 0, &j, NULL), 200);
	assert_int_equal(json_object_get_int(at(j, "generation")), 7);
	json_object_put(j);

	assert_int_equal(call(f, "GET", "/catalog", NULL, NULL, 0, &j, NULL), 200);
	assert_string_equal(str_at(j, "datasets.0.name"), "mini");
	assert_int_equal(json_object_get_int(at(j, "datasets.0.entity_count")), 5);
	assert_string_equal(str_at(j, "datasets.1.name"), "default");
	/* the list's own version, not the generation: the same after a restart */
	assert_string_equal(str_at(j, "datasets.0.index_version"),
			    str_at(j, "datasets.0.version"));
	assert_true(json_object_get_boolean(at(j, "datasets.0.index_current")));
	json_object_put(j);

	assert_int_equal(call(f, "POST", "/match/default", "limit=3", q, 0, &j, NULL), 200);
	assert_string_equal(str_at(j, "responses.q1.results.0.id"), "srv-p1");
	assert_string_equal(str_at(j, "responses.q1.results.0.properties.lastName.0"), "Kormilov");
	/* yente's result entities are flat: the sanction is no property */
	assert_null(at(j, "responses.q1.results.0.properties.sanctions"));
	assert_true(json_object_get_boolean(at(j, "responses.q1.results.0.target")));
	assert_string_equal(str_at(j, "responses.q1.results.0.explanations.name.candidate"),
			    "Viktor Ivanovich Kormilov");
	assert_string_equal(str_at(j, "responses.q1.results.0.explanations.birth_date.detail"),
			    "same year");
	assert_non_null(at(j, "responses.q1.results.0.referents"));
	assert_string_equal(str_at(j, "responses.q1.query.properties.birthDate.0"), "1961");
	assert_int_equal(json_object_get_int(at(j, "limit")), 3);
	json_object_put(j);

	/* every error is {"status", "detail"} */
	assert_int_equal(call(f, "POST", "/match/nope", NULL, q, 0, &j, NULL), 404);
	assert_int_equal(json_object_get_int(at(j, "status")), 404);
	json_object_put(j);
	assert_int_equal(call(f, "POST", "/match/default", NULL, q, 1, &j, NULL), 503);
	assert_non_null(strstr(str_at(j, "detail"), "time limit"));
	json_object_put(j);
	assert_int_equal(call(f, "GET", "/match/default", NULL, NULL, 0, &j, NULL), 405);
	json_object_put(j);

	assert_int_equal(call(f, "GET", "/search/mini", "q=Severnaya+Logistika", NULL, 0, &j, NULL), 200);
	assert_string_equal(str_at(j, "results.0.id"), "srv-c1");
	json_object_put(j);

	assert_int_equal(call(f, "GET", "/entities/srv-p1", NULL, NULL, 0, &j, NULL), 200);
	assert_string_equal(str_at(j, "caption"), "Viktor Ivanovich Kormilov");
	assert_string_equal(str_at(j, "properties.sanctions.0.schema"), "Sanction");
	/* yente's nesting: the owned company and the daughter in properties */
	assert_string_equal(str_at(j, "properties.ownershipOwner.0.properties.asset.0.id"), "srv-c1");
	assert_string_equal(str_at(j, "properties.familyPerson.0.properties.relative.0.id"), "srv-p2");
	json_object_put(j);
	assert_int_equal(call(f, "GET", "/entities/srv-nobody", NULL, NULL, 0, &j, NULL), 404);
	json_object_put(j);

	assert_int_equal(call(f, "GET", "/reconcile/mini", "callback=cb", NULL, 0, &j, &raw), 200);
	assert_memory_equal(raw.ptr, "cb({", 4);
	assert_int_equal(call(f, "GET", "/reconcile/mini/preview", "id=srv-p1", NULL, 0, &j, &raw), 200);
	assert_non_null(strstr(raw.ptr, "Kormilov"));
	assert_int_equal(call(f, "GET", "/", NULL, NULL, 0, &j, &raw), 200);
	assert_int_equal(raw.size, srv_page_html_len);
	vg_buf_dispose(&raw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_json_limits),
		cmocka_unit_test(test_json_refused_path),
		cmocka_unit_test(test_match_batch),
		cmocka_unit_test(test_match_errors),
		cmocka_unit_test(test_reconcile),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_routes_and_scan),
		cmocka_unit_test_setup_teardown(test_handle, index_setup, index_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
