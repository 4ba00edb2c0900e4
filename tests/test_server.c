/*
 * test_server.c - the request parsing of `vigil serve` (src/server/request.c,
 * compiled in here: it needs no HTTP library): query strings, JSON limits,
 * yente EntityExamples and OpenRefine queries into vg_query, match options
 * and routes.  The server itself is tested as a process by cli_serve.sh.
 */
#include "helpers.h"

#include "../src/server/request.c"

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
	srv_err err = { 0, "" };
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
	srv_err err = { 0, "" };
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
	srv_err err = { 0, "" };
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
	expect_bad("[]", 400, "expected {\"queries\"", &lim);
	expect_bad("{\"queries\": []}", 400, "keyed by query name", &lim);
	expect_bad("{\"queries\": {}}", 400, "no queries", &lim);
	expect_bad("{\"queries\": {\"a\": 1}}", 400, "queries.a: expected an object", &lim);
	expect_bad("{\"queries\": {\"a\": {\"schema\": \"Person\"}}}", 400, "queries.a.properties: missing", &lim);
	expect_bad("{\"queries\": {\"a\": {\"properties\": []}}}", 400, "expected an object", &lim);
	expect_bad("{\"queries\": {\"a\": {\"schema\": 5, \"properties\": {}}}}", 400, "schema: expected a string", &lim);
	expect_bad("{\"queries\": {\"a\": {\"schema\": \"Spaceship\", \"properties\": {\"name\": \"x\"}}}}", 400, "'Spaceship'", &lim);
	expect_bad("{\"queries\": {\"a\": {\"schema\": \"Sanction\", \"properties\": {\"name\": \"x\"}}}}", 400, "'Sanction'", &lim);
	expect_bad("{\"queries\": {\"a\": {\"properties\": {\"name\": {\"x\": 1}}}}}", 400, "queries.a.properties.name: expected a string", &lim);
	expect_bad("{\"queries\": {\"a\": {\"properties\": {\"name\": [\"ok\", true]}}}}", 400, "properties.name[1]", &lim);
	expect_bad("{\"queries\": {\"a\": {\"properties\": {\"birthDate\": \"1970\"}}}}", 400, "needs a name", &lim);
	expect_bad("{\"queries\": {\"a\": {\"properties\": {\"name\": [\"\", null]}}}}", 400, "needs a name", &lim);
	expect_bad("{\"queries\": {\"a\": {\"properties\": {\"name\": \"x\"}}, \"b\": {\"properties\": {\"name\": \"x\"}},"
		   " \"c\": {\"properties\": {\"name\": \"x\"}}}}", 400, "too many queries in one batch: 3 (limit 2)", &small);
	expect_bad("{\"queries\": {\"a\": {\"properties\": {\"name\": [\"a\", \"b\"], \"country\": [\"c\", \"d\"]}}}}",
		   400, "4 values, more than the limit of 3", &small);
	expect_bad("{\"queries\": {\"a\": {\"properties\": {\"name\": \"ok\"}}, \"b\": {\"properties\": {\"name\": nope}}}}",
		   400, "invalid JSON", &lim);
}

static void test_reconcile(void **state)
{
	const char *json =
		"{\"q0\": {\"query\": \"Ivan Petrov\", \"type\": \"Person\", \"limit\": 3,"
		" \"properties\": [{\"pid\": \"birthDate\", \"v\": \"1970\"}, {\"pid\": \"country\", \"v\": [\"ru\", {\"id\": \"ua\"}]}]},"
		" \"q1\": {\"query\": \"Acme\"}}";
	srv_batch b = SRV_BATCH_INIT;
	size_t *limits = NULL;
	srv_err err = { 0, "" };
	(void)state;
	assert_int_equal(srv_batch_parse_reconcile(&b, &limits, json, strlen(json), &lim, &err), 0);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.items[0].key, "q0");
	assert_int_equal(b.items[0].query.schema, VG_SCHEMA_PERSON);
	assert_string_equal(b.items[0].query.names[0], "Ivan Petrov");
	assert_string_equal(b.items[0].query.birth_date, "1970");
	assert_int_equal(b.items[0].query.n_countries, 2);
	assert_string_equal(b.items[0].query.countries[1], "ua");
	assert_int_equal(limits[0], 3);
	assert_int_equal(limits[1], 0);
	assert_int_equal(b.items[1].query.schema, VG_SCHEMA_THING);
	srv_batch_free(&b);
	free(limits);

	json = "{\"q0\": {\"type\": \"Person\"}}";
	assert_int_equal(srv_batch_parse_reconcile(&b, &limits, json, strlen(json), &lim, &err), 400);
	assert_non_null(strstr(err.detail, "queries.q0.query"));
	assert_null(limits);
	json = "{\"q0\": {\"query\": \"x\", \"limit\": -1}}";
	assert_int_equal(srv_batch_parse_reconcile(&b, &limits, json, strlen(json), &lim, &err), 400);
	json = "{\"q0\": {\"query\": \"x\", \"properties\": [{\"v\": 1}]}}";
	assert_int_equal(srv_batch_parse_reconcile(&b, &limits, json, strlen(json), &lim, &err), 400);
	assert_non_null(strstr(err.detail, "properties[0]"));
}

static void test_options(void **state)
{
	srv_args a = SRV_ARGS_INIT;
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	const char **lists = NULL;
	srv_err err = { 0, "" };
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
					   "threshold=", NULL };
	for (size_t i = 0; bad[i]; i++) {
		vg_match_options o2 = VG_MATCH_OPTIONS_INIT;
		assert_int_equal(srv_args_parse_form(&a, bad[i], strlen(bad[i])), 0);
		assert_int_equal(srv_match_options_parse(&o2, &lists, &a, &lim, &err), 400);
		assert_null(lists);
		srv_args_free(&a);
	}
}

static void test_routes_and_scan(void **state)
{
	srv_route r;
	srv_err err = { 0, "" };
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_json_limits),
		cmocka_unit_test(test_match_batch),
		cmocka_unit_test(test_match_errors),
		cmocka_unit_test(test_reconcile),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_routes_and_scan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
