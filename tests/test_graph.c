/*
 * test_graph.c - link traversal: paths with relations and directions,
 * sanctions of linked parties, depth limits, cycles, and a hub whose
 * neighbourhood is larger than the traversal bound.
 *
 * The graph (FtM JSON lines written here, facts made up for the test):
 *   A (Company) --Ownership 60%--> B (Company) --Directorship(director C)
 *   C (Person)  --Family "brother"-- D (Person)
 *   B --UnknownLink "branch of"--> A      (a cycle A -> B -> A)
 *   D sanctioned by "Test Authority"
 *   H (Company) owns 300 small companies S0..S299 (a hub)
 */
#include "helpers.h"
#include "graph/graph.h"
#include "index/index_internal.h"
#include "vigil/vigil.h"

#include <json-c/json.h>
#include <unistd.h>

static char idx_path[] = "/tmp/test_graph_XXXXXX";
static vg_index *ix;

static int setup(void **state)
{
	char src[] = "/tmp/test_graph_src_XXXXXX";
	vg_builder *b = NULL;
	FILE *f;
	int fd, i;
	(void)state;
	if ((fd = mkstemp(src)) < 0 || !(f = fdopen(fd, "w")))
		return -1;
	fputs("{\"id\":\"A\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Alpha Holding\"]}}\n"
	      "{\"id\":\"B\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Beta Trading\"]}}\n"
	      "{\"id\":\"C\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Carl Cetera\"]}}\n"
	      "{\"id\":\"D\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Dora Cetera\"]}}\n"
	      "{\"id\":\"own-ab\",\"schema\":\"Ownership\",\"properties\":{\"owner\":[\"A\"],\"asset\":[\"B\"],\"percentage\":[\"60\"]}}\n"
	      "{\"id\":\"dir-cb\",\"schema\":\"Directorship\",\"properties\":{\"director\":[\"C\"],\"organization\":[\"B\"]}}\n"
	      "{\"id\":\"fam-cd\",\"schema\":\"Family\",\"properties\":{\"person\":[\"C\"],\"relative\":[\"D\"],\"relationship\":[\"brother\"]}}\n"
	      "{\"id\":\"br-ba\",\"schema\":\"UnknownLink\",\"properties\":{\"subject\":[\"B\"],\"object\":[\"A\"],\"role\":[\"branch of\"]}}\n"
	      "{\"id\":\"san-d\",\"schema\":\"Sanction\",\"properties\":{\"entity\":[\"D\"],\"authority\":[\"Test Authority\"],\"program\":[\"TEST\"],\"startDate\":[\"2020-01-02\"]}}\n"
	      "{\"id\":\"H\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Hub Group\"]}}\n",
	      f);
	for (i = 0; i < 300; i++)
		fprintf(f, "{\"id\":\"S%d\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Small %d\"]}}\n"
			   "{\"id\":\"own-h%d\",\"schema\":\"Ownership\",\"properties\":{\"owner\":[\"H\"],\"asset\":[\"S%d\"]}}\n",
			i, i, i, i);
	fclose(f);
	if ((fd = mkstemp(idx_path)) < 0)
		return -1;
	close(fd);
	if (vg_builder_new(&b) || vg_builder_add(b, src, VG_FORMAT_FTM_JSON) ||
	    vg_builder_write(b, idx_path) || vg_index_open(&ix, idx_path)) {
		fprintf(stderr, "setup: %s\n", vg_error_last()->message);
		vg_builder_free(b);
		unlink(src);
		return -1;
	}
	vg_builder_free(b);
	unlink(src);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	vg_index_free(ix);
	unlink(idx_path);
	return 0;
}

static uint32_t ord(const char *id)
{
	uint32_t o;
	assert_int_equal(vg_index_lookup(&o, ix, id), 0);
	return o;
}

/* The "links" array of id's entity JSON at depth, parsed. */
static json_object *links(const char *id, int depth)
{
	vg_buf out = VG_BUF_INIT;
	vg_json_options o = VG_JSON_OPTIONS_INIT;
	json_object *e, *j;
	o.links_depth = depth;
	assert_int_equal(vg_json_entity(&out, ix, ord(id), &o), 0);
	e = json_tokener_parse(out.ptr);
	assert_non_null(e);
	assert_true(json_object_object_get_ex(e, "links", &j));
	assert_true(json_object_is_type(j, json_type_array));
	json_object_get(j);
	json_object_put(e);
	vg_buf_dispose(&out);
	return j;
}

static const char *s(json_object *o, const char *k)
{
	json_object *v;
	assert_true(json_object_object_get_ex(o, k, &v));
	return json_object_get_string(v);
}

/* The link whose entity is `id`, or NULL. */
static json_object *find(json_object *arr, const char *id)
{
	size_t i;
	for (i = 0; i < json_object_array_length(arr); i++) {
		json_object *l = json_object_array_get_idx(arr, i), *e;
		if (json_object_object_get_ex(l, "entity", &e) && !strcmp(s(e, "id"), id))
			return l;
	}
	return NULL;
}

static void test_depth_and_paths(void **state)
{
	json_object *l1, *l2, *c, *path, *hop;
	(void)state;
	l1 = links("A", 1);
	/* A's direct links: B only (through two link records, once) */
	assert_int_equal(json_object_array_length(l1), 1);
	path = json_object_object_get(find(l1, "B"), "path");
	assert_int_equal(json_object_array_length(path), 1);
	hop = json_object_array_get_idx(path, 0);
	assert_string_equal(s(hop, "id"), "B");
	assert_string_equal(s(hop, "direction"), "out"); /* A is the owner */
	assert_string_equal(s(hop, "relation"), "owner of");
	json_object_put(l1);

	l2 = links("A", 3);
	/* A -> B -> C -> D, each once although A <-> B is a cycle */
	assert_int_equal(json_object_array_length(l2), 3);
	c = find(l2, "D");
	assert_non_null(c);
	path = json_object_object_get(c, "path");
	assert_int_equal(json_object_array_length(path), 3);
	hop = json_object_array_get_idx(path, 1);
	assert_string_equal(s(hop, "id"), "C");
	assert_string_equal(s(hop, "direction"), "in"); /* C directs B */
	hop = json_object_array_get_idx(path, 2);
	assert_string_equal(s(hop, "relation"), "brother");
	/* the sanction of the party reached */
	assert_string_equal(s(json_object_array_get_idx(json_object_object_get(c, "sanctions"), 0),
			      "authority"), "Test Authority");
	json_object_put(l2);

	/* from B, the branch link reads "branch of", outwards */
	l1 = links("B", 1);
	path = json_object_object_get(find(l1, "A"), "path");
	hop = json_object_array_get_idx(path, 0);
	assert_true(!strcmp(s(hop, "relation"), "branch of") ||
		    !strcmp(s(hop, "relation"), "owned by"));
	json_object_put(l1);
}

static void test_bounds(void **state)
{
	json_object *l, *last;
	vg_buf out = VG_BUF_INIT;
	size_t n;
	(void)state;
	l = links("H", 1);
	n = json_object_array_length(l);
	/* VG_GRAPH_MAX_NODES entities, then the truncation note */
	assert_int_equal(n, VG_GRAPH_MAX_NODES + 1);
	last = json_object_array_get_idx(l, n - 1);
	assert_true(json_object_get_boolean(json_object_object_get(last, "truncated")));
	assert_int_equal(json_object_get_int(json_object_object_get(last, "limit")),
			 VG_GRAPH_MAX_NODES);
	json_object_put(l);

	/* depth 0: the start alone; absurd depths are clamped, not refused */
	{
		vg_walk_step *w = NULL;
		size_t nw;
		bool cut;
		assert_int_equal(vg_entity_walk(&w, &nw, &cut, ix, ord("A"), 0), 0);
		assert_int_equal(nw, 1);
		free(w);
		assert_int_equal(vg_entity_walk(&w, &nw, &cut, ix, ord("A"), 1000), 0);
		assert_int_equal(nw, 4);
		free(w);
		assert_int_equal(vg_entity_walk(&w, &nw, &cut, ix,
						(uint32_t)vg_index_record_count(ix), 1),
				 VG_EUSAGE);
	}
	vg_buf_dispose(&out);
}

static void test_entity_json_uses_graph(void **state)
{
	vg_buf out = VG_BUF_INIT;
	(void)state;
	assert_int_equal(vg_index_entity_json(ix, ord("C"), 2, &out), 0);
	assert_non_null(strstr(out.ptr, "\"links\""));
	assert_non_null(strstr(out.ptr, "\"relation\": \"brother\""));
	vg_buf_dispose(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_depth_and_paths),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_entity_json_uses_graph),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
