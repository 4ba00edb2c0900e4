/*
 * test_diff.c - comparing two indexes by stable id, and re-screening only
 * against what changed.  Indexes are built from the FtM fixtures of
 * tests/fixtures/update (v1 -> v2: fx-p1 gains an alias, fx-p2 is removed,
 * fx-c2 is added, fx-c1 is unchanged).
 */
#include "helpers.h"
#include "common/error.h"
#include "vigil/vigil.h"

#include <unistd.h>

static char tmpdir[256];
static vg_index *idx_v1, *idx_v2, *idx_v2_reordered;

static const char *tmp_path(const char *name)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return path;
}

static vg_index *build(const char *input, const char *name)
{
	vg_builder *b = NULL;
	vg_index *idx = NULL;
	char out[4200];
	snprintf(out, sizeof(out), "%s", tmp_path(name));
	if (vg_builder_new(&b) < 0 || vg_builder_add(b, input, VG_FORMAT_FTM_JSON) < 0 ||
	    vg_builder_write(b, out) < 0 || vg_index_open(&idx, out) < 0)
		fail_msg("building %s: %s", input, vg_error_last()->message);
	vg_builder_free(b);
	return idx;
}

static int setup(void **state)
{
	char in[4200];
	FILE *f;
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/vg-test-diff-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(in, sizeof(in), "%s", fixture("update/v1/people.ftm.jsonl"));
	idx_v1 = build(in, "v1.idx");
	snprintf(in, sizeof(in), "%s", fixture("update/v2/people.ftm.jsonl"));
	idx_v2 = build(in, "v2.idx");
	/* v2 again, with the lines and the values of a property reordered: a
	 * publisher shuffling its file is not a change (same file name: the
	 * dataset is named after it) */
	snprintf(in, sizeof(in), "%s", tmp_path("r"));
	if (mkdir(in, 0755) < 0)
		return -1;
	snprintf(in, sizeof(in), "%s", tmp_path("r/people.ftm.jsonl"));
	f = fopen(in, "w");
	if (!f)
		return -1;
	fputs("{\"id\":\"fx-s1\",\"schema\":\"Sanction\",\"properties\":{\"program\":[\"TEST-1\"],\"entity\":[\"fx-p1\"],\"authority\":[\"Test Authority\"]}}\n"
	      "{\"id\":\"fx-c2\",\"schema\":\"Company\",\"properties\":{\"jurisdiction\":[\"mt\"],\"name\":[\"Blue Harbour Shipping Ltd\"],\"topics\":[\"sanction\"]}}\n"
	      "{\"id\":\"fx-c1\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Northwind Trading LLC\"],\"jurisdiction\":[\"cy\"],\"topics\":[\"sanction\"]}}\n"
	      "{\"id\":\"fx-p1\",\"schema\":\"Person\",\"properties\":{\"alias\":[\"Ivan Sidorov\"],\"name\":[\"Ivan Petrovich Sidorov\"],\"nationality\":[\"ru\"],\"birthDate\":[\"1970-03-04\"],\"topics\":[\"sanction\"]}}\n",
	      f);
	fclose(f);
	idx_v2_reordered = build(in, "v2r.idx");
	return 0;
}

static int teardown(void **state)
{
	char cmd[600];
	(void)state;
	vg_index_free(idx_v1);
	vg_index_free(idx_v2);
	vg_index_free(idx_v2_reordered);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_diff_kinds(void **state)
{
	vg_diff *d = NULL;
	vg_diff_kind kind;
	(void)state;
	assert_int_equal(vg_diff_new(&d, idx_v1, idx_v2), 0);
	assert_int_equal(vg_diff_count(d, VG_DIFF_ADDED), 1);
	assert_string_equal(vg_diff_id(d, VG_DIFF_ADDED, 0), "fx-c2");
	assert_int_equal(vg_diff_count(d, VG_DIFF_REMOVED), 1);
	assert_string_equal(vg_diff_id(d, VG_DIFF_REMOVED, 0), "fx-p2");
	assert_int_equal(vg_diff_count(d, VG_DIFF_CHANGED), 1);
	assert_string_equal(vg_diff_id(d, VG_DIFF_CHANGED, 0), "fx-p1");
	/* the alias is what changed (the caption may follow the names) */
	assert_non_null(strstr(vg_diff_changed_properties(d, 0), "alias"));
	assert_null(strstr(vg_diff_changed_properties(d, 0), "birthDate"));
	assert_null(vg_diff_id(d, VG_DIFF_CHANGED, 1));
	assert_null(vg_diff_changed_properties(d, 1));

	assert_true(vg_diff_lookup(d, "fx-c2", &kind));
	assert_int_equal(kind, VG_DIFF_ADDED);
	assert_true(vg_diff_lookup(d, "fx-p2", &kind));
	assert_int_equal(kind, VG_DIFF_REMOVED);
	assert_true(vg_diff_lookup(d, "fx-p1", &kind));
	assert_int_equal(kind, VG_DIFF_CHANGED);
	assert_false(vg_diff_lookup(d, "fx-c1", &kind));
	assert_false(vg_diff_lookup(d, "nobody", NULL));
	vg_diff_free(d);

	/* the other way round */
	assert_int_equal(vg_diff_new(&d, idx_v2, idx_v1), 0);
	assert_string_equal(vg_diff_id(d, VG_DIFF_ADDED, 0), "fx-p2");
	assert_string_equal(vg_diff_id(d, VG_DIFF_REMOVED, 0), "fx-c2");
	assert_int_equal(vg_diff_count(d, VG_DIFF_CHANGED), 1);
	vg_diff_free(d);
}

static void test_diff_same(void **state)
{
	vg_diff *d = NULL;
	vg_buf out = VG_BUF_INIT;
	(void)state;
	assert_int_equal(vg_diff_new(&d, idx_v1, idx_v1), 0);
	assert_int_equal(vg_diff_json(d, &out), 0);
	assert_string_equal(out.ptr, "{\"added\": [], \"removed\": [], \"changed\": []}\n");
	vg_diff_free(d);
	vg_buf_clear(&out);

	assert_int_equal(vg_diff_new(&d, idx_v2, idx_v2_reordered), 0);
	assert_int_equal(vg_diff_json(d, &out), 0);
	assert_string_equal(out.ptr, "{\"added\": [], \"removed\": [], \"changed\": []}\n");
	vg_diff_free(d);
	vg_buf_dispose(&out);
}

static void test_diff_output(void **state)
{
	vg_diff *d = NULL;
	vg_buf out = VG_BUF_INIT;
	(void)state;
	assert_int_equal(vg_diff_new(&d, idx_v1, idx_v2), 0);
	assert_int_equal(vg_diff_json(d, &out), 0);
	assert_non_null(strstr(out.ptr, "{\"added\": [\"fx-c2\"], \"removed\": [\"fx-p2\"], "
					"\"changed\": [{\"id\": \"fx-p1\", \"properties\": ["));
	assert_non_null(strstr(out.ptr, "\"alias\""));
	vg_buf_clear(&out);
	assert_int_equal(vg_diff_text(d, 10, &out), 0);
	assert_non_null(strstr(out.ptr, "1 added, 1 removed, 1 changed\n"));
	assert_non_null(strstr(out.ptr, "+ fx-c2  Blue Harbour Shipping Ltd"));
	assert_non_null(strstr(out.ptr, "- fx-p2  Maria Gonzalez Ortega"));
	assert_non_null(strstr(out.ptr, "~ fx-p1"));
	vg_buf_clear(&out);
	assert_int_equal(vg_diff_text(d, 0, &out), 0);
	assert_non_null(strstr(out.ptr, "... and 1 more"));
	vg_buf_dispose(&out);
	vg_diff_free(d);
	assert_int_equal(vg_diff_new(&d, NULL, idx_v2), VG_EUSAGE);
	assert_null(d);
}

static void screen(const vg_diff *d, vg_matcher *m1, vg_matcher *m2, const char *name,
		   vg_schema schema, size_t want_new, size_t want_gone, vg_buf *out)
{
	vg_query q = VG_QUERY_INIT;
	const char *names[1] = { name };
	size_t n_new = 99, n_gone = 99;
	q.names = names;
	q.n_names = 1;
	q.schema = schema;
	vg_buf_clear(out);
	assert_int_equal(vg_diff_screen_json(&n_new, &n_gone, d, idx_v1, m1, idx_v2, m2, &q,
					     NULL, out), 0);
	if (n_new != want_new || n_gone != want_gone)
		fail_msg("%s: %zu new, %zu gone: %s", name, n_new, n_gone, out->ptr);
}

static void test_screen_changed(void **state)
{
	vg_matcher *m1 = NULL, *m2 = NULL;
	vg_diff *d = NULL;
	vg_buf out = VG_BUF_INIT;
	(void)state;
	assert_int_equal(vg_diff_new(&d, idx_v1, idx_v2), 0);
	assert_int_equal(vg_matcher_new(&m1, idx_v1), 0);
	assert_int_equal(vg_matcher_new(&m2, idx_v2), 0);

	screen(d, m1, m2, "Blue Harbour Shipping Ltd", VG_SCHEMA_COMPANY, 1, 0, &out);
	assert_non_null(strstr(out.ptr, "{\"new_alerts\": [{\"id\": \"fx-c2\", \"caption\": \"Blue Harbour Shipping Ltd\", \"score\": "));
	assert_non_null(strstr(out.ptr, "\"change\": \"added\"}], \"gone_alerts\": []}"));

	screen(d, m1, m2, "Maria Gonzalez Ortega", VG_SCHEMA_PERSON, 0, 1, &out);
	assert_non_null(strstr(out.ptr, "\"gone_alerts\": [{\"id\": \"fx-p2\""));
	assert_non_null(strstr(out.ptr, "\"change\": \"removed\""));

	/* a match on an unchanged entity is not news */
	screen(d, m1, m2, "Northwind Trading LLC", VG_SCHEMA_COMPANY, 0, 0, &out);
	/* a changed entity that matched before and still matches: no news either */
	screen(d, m1, m2, "Ivan Petrovich Sidorov", VG_SCHEMA_PERSON, 0, 0, &out);

	vg_buf_dispose(&out);
	vg_matcher_free(m1);
	vg_matcher_free(m2);
	vg_diff_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_kinds),
		cmocka_unit_test(test_diff_same),
		cmocka_unit_test(test_diff_output),
		cmocka_unit_test(test_screen_changed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
