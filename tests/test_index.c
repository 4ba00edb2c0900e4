/*
 * test_index.c - the index: building from FtM fixtures, the file format's
 * validation (truncation, tampering), lookups, entity JSON with sanctions
 * and links, and the screenable counts of the real lists in ../shared.
 */
#include "helpers.h"
#include "common/error.h"
#include "index/index_internal.h"
#include "vigil/vigil.h"

#include <unistd.h>

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/vg_test_index.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[512];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *tmp_path(const char *name)
{
	static char p[512];
	snprintf(p, sizeof(p), "%s/%s", tmpdir, name);
	return p;
}

static void *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	void *data = NULL;
	long n;
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	/* aligned like an mmap */
	assert_int_equal(posix_memalign(&data, 8, (size_t)n + 8), 0);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return data;
}

static void build_small(const char *out)
{
	vg_builder *b = NULL;
	assert_int_equal(vg_builder_new(&b), 0);
	assert_int_equal(vg_builder_add(b, fixture("index/small.ftm.jsonl"),
					VG_FORMAT_FTM_JSON), 0);
	assert_int_equal(vg_builder_write(b, out), 0);
	vg_builder_free(b);
}

static void test_build_and_open(void **state)
{
	vg_index *ix = NULL;
	uint32_t ord, o2;
	size_t n;
	const vg_ix_name *names;
	(void)state;
	build_small(tmp_path("small.idx"));
	assert_int_equal(vg_index_open(&ix, tmp_path("small.idx")), 0);
	/* 3 people, a company, a vessel; not the links, sanctions, address */
	assert_int_equal(vg_index_entity_count(ix), 5);
	assert_int_equal(vg__index_record_count(ix), 10);
	assert_int_equal(vg_index_lookup(&ord, ix, "t-p1"), 0);
	assert_true(ord < 5);
	assert_string_equal(vg_index_entity_id(ix, ord), "t-p1");
	assert_string_equal(vg__index_caption(ix, ord), "Ivan Petrovich Sidorov");
	names = vg__index_names(ix, ord, &n);
	assert_int_equal(n, 4); /* two names, an alias, a weak alias */
	assert_true(names[3].flags & VG_IXN_WEAK);
	/* A person known only by name parts is still named. */
	assert_int_equal(vg_index_lookup(&o2, ix, "t-p3"), 0);
	assert_string_equal(vg__index_caption(ix, o2), "Juan Carlos Ortega Ramirez");
	vg__index_names(ix, o2, &n);
	assert_int_equal(n, 1);
	/* sanctions and both ends of links */
	vg__index_sanctions(ix, ord, &n);
	assert_int_equal(n, 1);
	vg__index_edges(ix, ord, &n);
	assert_int_equal(n, 2);
	assert_int_equal(vg_index_lookup(&o2, ix, "t-c1"), 0);
	vg__index_edges(ix, o2, &n);
	assert_int_equal(n, 1);
	assert_int_equal(vg__index_edges(ix, o2, &n)[0].end, VG_IXE_TARGET);
	assert_int_equal(vg_index_lookup(&o2, ix, "no-such-id"), VG_ENOTFOUND);
	vg_index_free(ix);
}

static void test_identifiers(void **state)
{
	vg_index *ix = NULL;
	char norm[64];
	const uint32_t *p;
	uint32_t ord;
	size_t n;
	(void)state;
	assert_int_equal(vg__index_id_normalize(norm, sizeof(norm), "imo 91-234.56"), 10);
	assert_string_equal(norm, "IMO9123456");
	build_small(tmp_path("ids.idx"));
	assert_int_equal(vg_index_open(&ix, tmp_path("ids.idx")), 0);
	vg__index_id_normalize(norm, sizeof(norm), "7201334455");
	p = vg__index_id_postings(ix, norm, &n);
	assert_int_equal(n, 1);
	assert_int_equal(vg_index_lookup(&ord, ix, "t-p1"), 0);
	assert_int_equal(p[0], ord);
	p = vg__index_id_postings(ix, "HE999999", &n);
	assert_int_equal(n, 0);
	vg_index_free(ix);
}

static void test_entity_json(void **state)
{
	vg_index *ix = NULL;
	vg_buf b = VG_BUF_INIT;
	uint32_t ord;
	(void)state;
	build_small(tmp_path("json.idx"));
	assert_int_equal(vg_index_open(&ix, tmp_path("json.idx")), 0);
	assert_int_equal(vg_index_lookup(&ord, ix, "t-p1"), 0);
	assert_int_equal(vg_index_entity_json(ix, ord, 0, &b), 0);
	assert_non_null(strstr(b.ptr, "\"id\": \"t-p1\""));
	assert_non_null(strstr(b.ptr, "\"birthDate\": [\"1961-04-12\"]"));
	assert_non_null(strstr(b.ptr, "\"TEST-1\""));
	assert_null(strstr(b.ptr, "\"links\""));
	vg_buf_clear(&b);
	assert_int_equal(vg_index_entity_json(ix, ord, 1, &b), 0);
	assert_non_null(strstr(b.ptr, "\"links\""));
	assert_non_null(strstr(b.ptr, "Northwind Shipping Ltd"));
	assert_non_null(strstr(b.ptr, "Maria Sidorova"));
	vg_buf_clear(&b);
	assert_int_equal(vg_index_info_json(ix, &b), 0);
	assert_non_null(strstr(b.ptr, "{\"entities\": 5,"));
	assert_non_null(strstr(b.ptr, "\"format\": \"ftm-json\""));
	vg_buf_dispose(&b);
	vg_index_free(ix);
}

/* Every truncation and a byte flip at many positions must be refused as
 * VG_EDATA without reading out of bounds (ASan watches). */
static void test_damage_refused(void **state)
{
	size_t len, cut, i;
	unsigned char *data;
	vg_index *ix = NULL;
	(void)state;
	build_small(tmp_path("dmg.idx"));
	data = read_file(tmp_path("dmg.idx"), &len);
	assert_int_equal(vg_index_parse(&ix, data, len), 0);
	vg_index_free(ix);
	for (cut = 0; cut < len; cut += 1 + cut / 16) {
		ix = NULL;
		assert_int_equal(vg_index_parse(&ix, data, cut), VG_EDATA);
		assert_null(ix);
		assert_non_null(strstr(vg_error_last()->message, "INDEX:"));
	}
	for (i = 0; i < len; i += 7) {
		data[i] ^= 0x5a;
		ix = NULL;
		assert_int_equal(vg_index_parse(&ix, data, len), VG_EDATA);
		data[i] ^= 0x5a;
	}
	free(data);
}

static void test_bad_input_leaves_nothing(void **state)
{
	vg_builder *b = NULL;
	vg_index *ix = NULL;
	(void)state;
	assert_int_equal(vg_builder_new(&b), 0);
	assert_int_equal(vg_builder_add(b, fixture("index/small.ftm.jsonl"),
					VG_FORMAT_FTM_JSON), 0);
	assert_int_equal(vg_builder_add(b, fixture("index/bad.ftm.jsonl"),
					VG_FORMAT_FTM_JSON), VG_EDATA);
	assert_non_null(strstr(vg_error_last()->message, "bad.ftm.jsonl:"));
	/* the good first record of the bad file was dropped with it */
	assert_int_equal(vg_builder_write(b, tmp_path("partial.idx")), 0);
	vg_builder_free(b);
	assert_int_equal(vg_index_open(&ix, tmp_path("partial.idx")), 0);
	assert_int_equal(vg_index_entity_count(ix), 5);
	vg_index_free(ix);
	assert_int_equal(vg_index_open(&ix, tmp_path("missing.idx")), VG_ENOTFOUND);
	assert_int_equal(vg_index_open(&ix, fixture("index/small.ftm.jsonl")), VG_EDATA);
}

static size_t count_of(const char *rel)
{
	const char *p = shared_path(rel);
	vg_builder *b = NULL;
	vg_index *ix = NULL;
	size_t n;
	if (!p)
		return (size_t)-1;
	assert_int_equal(vg_builder_new(&b), 0);
	assert_int_equal(vg_builder_add(b, p, VG_FORMAT_AUTO), 0);
	assert_int_equal(vg_builder_write(b, tmp_path("shared.idx")), 0);
	vg_builder_free(b);
	assert_int_equal(vg_index_open(&ix, tmp_path("shared.idx")), 0);
	n = vg_index_entity_count(ix);
	vg_index_free(ix);
	return n;
}

static void test_shared_counts(void **state)
{
	size_t n;
	(void)state;
	if ((n = count_of("data/lists/ftm/zala.ftm.jsonl")) == (size_t)-1)
		skip();
	assert_int_equal(n, 17);
	assert_int_equal(count_of("data/lists/ofac-sdn-2021-07"), 8976);
	assert_int_equal(count_of("data/lists/ofac-consolidated-2025-12"), 442);
	assert_int_equal(count_of("data/lists/un-sc-consolidated-2026-02-27.xml"), 1003);
	/* 1,319 lines: 1,317 people and two untyped records (RECORD_TYPE
	 * null: "United States senator", "... representative"), screened as
	 * generic entities. */
	assert_int_equal(count_of("data/lists/opensanctions-us-congress-2026-01.senzing.jsonl"), 1319);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_and_open),
		cmocka_unit_test(test_identifiers),
		cmocka_unit_test(test_entity_json),
		cmocka_unit_test(test_damage_refused),
		cmocka_unit_test(test_bad_input_leaves_nothing),
		cmocka_unit_test(test_shared_counts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
