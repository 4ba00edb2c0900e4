/*
 * test_index.c - the index: building from FtM fixtures, the file format's
 * validation (truncation, tampering), lookups, entity JSON with sanctions
 * and links, ids several lists share (one entity in each list), and the
 * screenable counts of the real lists in ../shared, alone and together.
 */
#include "helpers.h"
#include "common/error.h"
#include "index/index_internal.h"
#include "index/hash.h"
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

/* The file's checksums and keys are XXH64 (format.h): published XXH64
 * values, so a change of hash function cannot pass unnoticed (it needs a
 * new VG_IX_VERSION). */
static void test_hash_is_xxh64(void **state)
{
	static const char rep[] = "Nobody inspects the spammish repetition";
	(void)state;
	assert_true(vg__hash64("", 0, 0) == 0xef46db3751d8e999ULL);
	assert_true(vg__hash64("abc", 3, 0) == 0x44bc2cf5ad770999ULL);
	assert_true(vg__hash64(rep, strlen(rep), 0) == 0xfbcea83c8a378bf1ULL);
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
	/* A person known only by name parts is still named: FtM's caption is
	 * the last name, the name indexed is the parts joined. */
	assert_int_equal(vg_index_lookup(&o2, ix, "t-p3"), 0);
	assert_string_equal(vg__index_caption(ix, o2), "Ortega Ramirez");
	names = vg__index_names(ix, o2, &n);
	assert_int_equal(n, 1);
	assert_string_equal(vg__index_str(ix, names[0].value), "Juan Carlos Ortega Ramirez");
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

/* Each query's answer, as JSON lines, on a matcher made afresh. */
static char *answers(const vg_index *ix)
{
	static const char *const queries[] = { "Ivan Sidorov", "Иван Сидоров", "Maria Sidorova",
					       "Juan Carlos Ortega", "Northwind Shipping",
					       "Sea Falkon", "The Admiral" };
	vg_buf out = VG_BUF_INIT;
	vg_matcher *m = NULL;
	size_t i, n;
	assert_int_equal(vg_matcher_new(&m, ix), 0);
	for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		vg_query q = VG_QUERY_INIT;
		q.names = &queries[i];
		q.n_names = 1;
		assert_int_equal(vg_match_json(&n, m, &q, NULL, &out), 0);
		assert_true(n > 0);
		vg_buf_puts(&out, "\n");
	}
	vg_matcher_free(m);
	return out.ptr;
}

/* vg_index_warm copies the hot tables out of the mapping: the same
 * answers, read from the copies; a second call changes nothing. */
static void test_warm_same_answers(void **state)
{
	vg_index *ix = NULL;
	char *before, *after;
	const unsigned char *map;
	const vg_ix_name *names;
	(void)state;
	build_small(tmp_path("small.idx"));
	assert_int_equal(vg_index_open(&ix, tmp_path("small.idx")), 0);
	before = answers(ix);
	assert_int_equal(vg_index_warm(ix), 0);
	map = ix->map;
	assert_true((const unsigned char *)ix->names < map ||
		    (const unsigned char *)ix->names >= map + ix->map_len);
	assert_true((const unsigned char *)ix->recs < map ||
		    (const unsigned char *)ix->recs >= map + ix->map_len);
	names = ix->names;
	assert_int_equal(vg_index_warm(ix), 0);
	assert_ptr_equal(ix->names, names);
	after = answers(ix);
	assert_string_equal(before, after);
	free(before);
	free(after);
	vg_index_free(ix);
	assert_int_equal(vg_index_warm(NULL), VG_EUSAGE);
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

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static vg_ix_section *section_of(unsigned char *p, uint32_t tag);
static void reseal(unsigned char *p, size_t len);

/* Opening a file checks its header, section table and structure, not the
 * sections' checksums (that read every byte of the file on every open):
 * a changed letter of a string opens, and vg_index_verify and
 * vg_index_parse (the server's and PostgreSQL's copies) refuse it.
 * Structural damage is refused on open with the checksums stale. */
static void test_open_checks_structure_not_checksums(void **state)
{
	size_t len;
	unsigned char *data;
	vg_index *ix = NULL;
	vg_ix_section *strs;
	vg_ix_record *recs;
	(void)state;
	build_small(tmp_path("sum.idx"));
	data = read_file(tmp_path("sum.idx"), &len);
	strs = section_of(data, VG_IX_STRS);
	assert_true(strs->size > 2);
	/* a letter of some string (the last byte is its NUL) */
	data[strs->offset + strs->size - 2] ^= 0x01;
	write_file(tmp_path("sum.idx"), data, len);
	assert_int_equal(vg_index_open(&ix, tmp_path("sum.idx")), 0);
	assert_int_equal(vg_index_verify(ix), VG_EDATA);
	assert_non_null(strstr(vg_error_last()->message, "INDEX: strings section checksum mismatch"));
	vg_index_free(ix);
	ix = NULL;
	assert_int_equal(vg_index_parse(&ix, data, len), VG_EDATA);
	assert_null(ix);
	data[strs->offset + strs->size - 2] ^= 0x01;
	write_file(tmp_path("sum.idx"), data, len);
	assert_int_equal(vg_index_open(&ix, tmp_path("sum.idx")), 0);
	assert_int_equal(vg_index_verify(ix), 0);
	vg_index_free(ix);
	ix = NULL;
	/* a run past its section, checksums not recomputed */
	recs = (vg_ix_record *)(data + section_of(data, VG_IX_RECS)->offset);
	recs[0].name_count = 1000;
	write_file(tmp_path("sum.idx"), data, len);
	assert_int_equal(vg_index_open(&ix, tmp_path("sum.idx")), VG_EDATA);
	assert_null(ix);
	assert_non_null(strstr(vg_error_last()->message, "points outside a section"));
	free(data);
}

/* The stored lookup directories: unsorted or of a wrong size is refused;
 * TKEY is not read on open, so a derived key whose run leaves TKPS opens
 * and is found empty instead of read out of bounds (ASan watches). */
static void test_directories_validated(void **state)
{
	size_t len, n, count;
	unsigned char *data;
	vg_index *ix = NULL;
	uint32_t *dir, keep;
	vg_ix_key *tkeys, keep_key;
	(void)state;
	build_small(tmp_path("dir.idx"));
	data = read_file(tmp_path("dir.idx"), &len);
	dir = (uint32_t *)(data + section_of(data, VG_IX_TDIR)->offset);
	count = section_of(data, VG_IX_TDIR)->size / sizeof(uint32_t);
	assert_int_equal(count, ((size_t)1 << vg__index_dir_bits(
		section_of(data, VG_IX_TERM)->size / sizeof(vg_ix_key))) + 1);
	keep = dir[count - 1];
	dir[count - 1] = keep + 1;
	reseal(data, len);
	assert_int_equal(vg_index_parse(&ix, data, len), VG_EDATA);
	assert_non_null(strstr(vg_error_last()->message, "term directory has a bad size"));
	dir[count - 1] = keep;
	dir = (uint32_t *)(data + section_of(data, VG_IX_KDIR)->offset);
	count = section_of(data, VG_IX_KDIR)->size / sizeof(uint32_t);
	keep = dir[count / 2];
	dir[count / 2] = dir[count - 1] + 1;
	reseal(data, len);
	assert_int_equal(vg_index_parse(&ix, data, len), VG_EDATA);
	assert_non_null(strstr(vg_error_last()->message, "derived key directory not sorted"));
	dir[count / 2] = keep;
	tkeys = (vg_ix_key *)(data + section_of(data, VG_IX_TKEY)->offset);
	keep_key = tkeys[0];
	tkeys[0].start = 0xfffffff0u;
	reseal(data, len);
	assert_int_equal(vg_index_parse(&ix, data, len), 0);
	assert_null(vg__index_derived(ix, keep_key.hash, &n));
	assert_int_equal(n, 0);
	vg_index_free(ix);
	tkeys[0] = keep_key;
	reseal(data, len);
	assert_int_equal(vg_index_parse(&ix, data, len), 0);
	assert_non_null(vg__index_derived(ix, keep_key.hash, &n));
	assert_int_equal(n, keep_key.count);
	vg_index_free(ix);
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

/* list-a and list-b share m-p1 and its sanction m-s1; list-bad (read in
 * between, refused) delivers m-p1 too and must leave no trace. */
static void build_lists(const char *out)
{
	vg_builder *b = NULL;
	vg_buf sum = VG_BUF_INIT;
	assert_int_equal(vg_builder_new(&b), 0);
	assert_int_equal(vg_builder_add(b, fixture("index/list-a.ftm.jsonl"),
					VG_FORMAT_FTM_JSON), 0);
	assert_int_equal(vg_builder_add(b, fixture("index/list-bad.ftm.jsonl"),
					VG_FORMAT_FTM_JSON), VG_EDATA);
	assert_int_equal(vg_builder_add(b, fixture("index/list-b.ftm.jsonl"),
					VG_FORMAT_FTM_JSON), 0);
	assert_int_equal(vg_builder_summary(b, &sum), 0);
	assert_non_null(strstr(sum.ptr, "list_a (ftm-json, "));
	assert_non_null(strstr(sum.ptr, "): 2 entities, 3 records"));
	assert_non_null(strstr(sum.ptr, "): 2 entities, 4 records"));
	assert_int_equal(vg_builder_write(b, out), 0);
	vg_buf_dispose(&sum);
	vg_builder_free(b);
}

/* The ids of the results of `name` (space-separated) with the dataset
 * filters given (NULL: none). */
static void match_ids(vg_index *ix, const char *name, const char *only,
		      const char *except, vg_buf *ids)
{
	vg_matcher *m = NULL;
	vg_query q = VG_QUERY_INIT;
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	vg_match_result res[8];
	const char *names[1], *incl[1], *excl[1];
	size_t n, i;
	names[0] = name;
	incl[0] = only;
	excl[0] = except;
	q.names = names;
	q.n_names = 1;
	o.datasets = only ? incl : NULL;
	o.n_datasets = only ? 1 : 0;
	o.exclude_datasets = except ? excl : NULL;
	o.n_exclude_datasets = except ? 1 : 0;
	vg_buf_clear(ids);
	assert_int_equal(vg_matcher_new(&m, ix), 0);
	assert_int_equal(vg_match(&n, res, 8, m, &q, &o), 0);
	for (i = 0; i < n; i++)
		if (res[i].match)
			vg_buf_printf(ids, "%s ", vg_index_entity_id(ix, res[i].ordinal));
	vg_buf_puts(ids, "");
	vg_matcher_free(m);
}

static uint32_t source_entities(const vg_index *ix, const char *name)
{
	uint32_t i;
	for (i = 0; i < ix->meta.n_sources; i++)
		if (!strcmp(vg__index_str(ix, ix->sources[i].name), name))
			return ix->sources[i].n_entities;
	fail_msg("no source %s", name);
	return 0;
}

static void test_shared_ids(void **state)
{
	vg_index *ix = NULL;
	vg_buf b = VG_BUF_INIT;
	vg_matcher *m = NULL;
	vg_query q = VG_QUERY_INIT;
	const char *names[] = { "Oleg Volkov" };
	size_t n, ns;
	uint32_t ord;
	const uint16_t *src;
	(void)state;
	build_lists(tmp_path("lists.idx"));
	assert_int_equal(vg_index_open(&ix, tmp_path("lists.idx")), 0);
	/* three entities; each list delivered two of them */
	assert_int_equal(vg_index_entity_count(ix), 3);
	assert_int_equal(ix->meta.n_sources, 2);
	assert_int_equal(source_entities(ix, "list_a"), 2);
	assert_int_equal(source_entities(ix, "list_b"), 2);
	assert_int_equal(ix->sources[0].n_sanctions, 1);
	assert_int_equal(ix->sources[1].n_sanctions, 2);
	assert_int_equal(vg_index_info_json(ix, &b), 0);
	assert_non_null(strstr(b.ptr, "{\"entities\": 3,"));

	assert_int_equal(vg_index_lookup(&ord, ix, "m-p1"), 0);
	src = vg__index_record_sources(ix, ord, &ns);
	assert_int_equal(ns, 2);
	assert_int_equal(src[0], 0);
	assert_int_equal(src[1], 1);
	vg_buf_clear(&b);
	assert_int_equal(vg_index_entity_json(ix, ord, 0, &b), 0);
	/* the entity and its sanction are in both lists; both names kept */
	assert_non_null(strstr(b.ptr, "\"caption\": \"Oleg Ivanovich Volkov\", \"schema\": "
			       "\"Person\", \"properties\": {\"name\": [\"Oleg Ivanovich Volkov\"]"));
	assert_non_null(strstr(b.ptr, "\"Oleg Volkoff\""));
	assert_non_null(strstr(b.ptr, "\"topics\": [\"sanction\"], \"sanctions\": [{\"id\": \"m-s1\""));
	assert_non_null(strstr(b.ptr, "\"datasets\": [\"list_a\", \"list_b\"], \"referents\": []"));
	assert_non_null(strstr(b.ptr, "\"program\": [\"A-1\"]}, \"datasets\": [\"list_a\", \"list_b\"]"));
	assert_null(strstr(b.ptr, "list_bad"));
	assert_int_equal(vg_index_lookup(&ord, ix, "m-c1"), 0);
	vg_buf_clear(&b);
	assert_int_equal(vg_index_entity_json(ix, ord, 0, &b), 0);
	assert_non_null(strstr(b.ptr, "\"datasets\": [\"list_a\"], "));
	assert_int_equal(vg_index_lookup(&ord, ix, "m-p2"), 0);
	vg_buf_clear(&b);
	assert_int_equal(vg_index_entity_json(ix, ord, 0, &b), 0);
	assert_non_null(strstr(b.ptr, "\"datasets\": [\"list_b\"], "));

	/* results list both datasets */
	q.names = names;
	q.n_names = 1;
	vg_buf_clear(&b);
	assert_int_equal(vg_matcher_new(&m, ix), 0);
	assert_int_equal(vg_match_json(&n, m, &q, NULL, &b), 0);
	vg_matcher_free(m);
	assert_true(n >= 1);
	assert_non_null(strstr(b.ptr, "[{\"id\": \"m-p1\""));
	assert_non_null(strstr(b.ptr, "\"datasets\": [\"list_a\", \"list_b\"]"));

	/* filters: the entity is in each of its lists */
	match_ids(ix, "Oleg Volkov", NULL, NULL, &b);
	assert_string_equal(b.ptr, "m-p1 ");
	match_ids(ix, "Oleg Volkov", "list_a", NULL, &b);
	assert_string_equal(b.ptr, "m-p1 ");
	match_ids(ix, "Oleg Volkov", "list_b", NULL, &b);
	assert_string_equal(b.ptr, "m-p1 ");
	match_ids(ix, "Oleg Volkov", NULL, "list_b", &b);
	assert_string_equal(b.ptr, "");
	match_ids(ix, "Oleg Volkov", NULL, "list_a", &b);
	assert_string_equal(b.ptr, "");
	match_ids(ix, "Ahmed Rashid Karimi", "list_b", NULL, &b);
	assert_string_equal(b.ptr, "m-p2 ");
	match_ids(ix, "Ahmed Rashid Karimi", "list_a", NULL, &b);
	assert_string_equal(b.ptr, "");
	match_ids(ix, "Baltic Star Trading", NULL, "list_b", &b);
	assert_string_equal(b.ptr, "m-c1 ");
	vg_buf_dispose(&b);
	vg_index_free(ix);
}

/* Recomputes the checksums so that a structural change reaches
 * validation. */
static void reseal(unsigned char *p, size_t len)
{
	vg_ix_header h;
	vg_ix_section sec[VG_IX_N_SECTIONS];
	unsigned k;
	memcpy(&h, p, sizeof(h));
	memcpy(sec, p + VG_IX_HEADER_SIZE, sizeof(sec));
	for (k = 0; k < VG_IX_N_SECTIONS; k++)
		sec[k].hash = vg__hash64(p + sec[k].offset, (size_t)sec[k].size, 0);
	memcpy(p + VG_IX_HEADER_SIZE, sec, sizeof(sec));
	h.table_hash = vg__ix_header_hash(p);
	memcpy(p, &h, sizeof(h));
	(void)len;
}

static vg_ix_section *section_of(unsigned char *p, uint32_t tag)
{
	vg_ix_section *sec = (vg_ix_section *)(p + VG_IX_HEADER_SIZE);
	unsigned k;
	for (k = 0; k < VG_IX_N_SECTIONS; k++)
		if (sec[k].tag == tag)
			return &sec[k];
	fail_msg("no section %08x", tag);
	return NULL;
}

/* Source lists that point outside, are empty, repeat or disagree with the
 * record's first source are refused even with valid checksums. */
static void test_source_lists_validated(void **state)
{
	size_t len, n_recs, i;
	unsigned char *data;
	vg_index *ix = NULL;
	vg_ix_record *recs;
	uint16_t *rsrc;
	struct {
		int what;
		const char *msg;
	} cases[] = {
		{ 0, "record source" }, { 1, "outside a section" },
		{ 2, "bad source list" }, { 3, "bad source list" },
		{ 4, "bad source list" },
	};
	(void)state;
	build_lists(tmp_path("val.idx"));
	data = read_file(tmp_path("val.idx"), &len);
	assert_int_equal(vg_index_parse(&ix, data, len), 0);
	vg_index_free(ix);
	recs = (vg_ix_record *)(data + section_of(data, VG_IX_RECS)->offset);
	n_recs = section_of(data, VG_IX_RECS)->size / sizeof(vg_ix_record);
	rsrc = (uint16_t *)(data + section_of(data, VG_IX_RSRC)->offset);
	/* the first record (m-p1, an entity read first) has two sources */
	assert_true(n_recs >= 2);
	assert_int_equal(recs[0].src_count, 2);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		vg_ix_record keep = recs[0];
		uint16_t keep0 = rsrc[recs[0].src_start], keep1 = rsrc[recs[0].src_start + 1];
		switch (cases[i].what) {
		case 0: rsrc[recs[0].src_start + 1] = 2; break;
		case 1: recs[0].src_count = 1000; break;
		case 2: recs[0].src_count = 0; break;
		case 3: rsrc[recs[0].src_start + 1] = keep0; break;
		case 4: rsrc[recs[0].src_start] = keep1; rsrc[recs[0].src_start + 1] = keep0; break;
		}
		reseal(data, len);
		ix = NULL;
		assert_int_equal(vg_index_parse(&ix, data, len), VG_EDATA);
		assert_null(ix);
		if (!strstr(vg_error_last()->message, cases[i].msg))
			fail_msg("case %zu: %s", i, vg_error_last()->message);
		recs[0] = keep;
		rsrc[recs[0].src_start] = keep0;
		rsrc[recs[0].src_start + 1] = keep1;
	}
	reseal(data, len);
	assert_int_equal(vg_index_parse(&ix, data, len), 0);
	vg_index_free(ix);
	free(data);
}

/* All the shared lists in one index: each list keeps its own count, and
 * the ids OFAC SDN and the consolidated list share are in both. */
static void test_shared_combined(void **state)
{
	static const char *const lists[] = {
		"data/lists/ofac-sdn-2021-07",
		"data/lists/ofac-consolidated-2025-12",
		"data/lists/un-sc-consolidated-2026-02-27.xml",
		"data/lists/ftm/zala.ftm.jsonl",
		"data/lists/us-csl-2019-12.csv",
		"data/lists/us-bis-dpl-2022-09.txt",
		"data/lists/opensanctions-us-congress-2026-01.senzing.jsonl",
	};
	/* the ent_nums in both sdn.csv and cons_prim.csv */
	static const char *const both[] = { "ofac-9659", "ofac-18299",
					    "ofac-18782", "ofac-28603" };
	vg_builder *b = NULL;
	vg_index *ix = NULL;
	vg_buf js = VG_BUF_INIT;
	size_t i, ns, sum = 0;
	uint32_t ord;
	(void)state;
	if (!shared_path(lists[0]))
		skip();
	assert_int_equal(vg_builder_new(&b), 0);
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		assert_int_equal(vg_builder_add(b, shared_path(lists[i]), VG_FORMAT_AUTO), 0);
	assert_int_equal(vg_builder_write(b, tmp_path("combined.idx")), 0);
	vg_builder_free(b);
	assert_int_equal(vg_index_open(&ix, tmp_path("combined.idx")), 0);
	assert_int_equal(source_entities(ix, "us_ofac_sdn"), 8976);
	assert_int_equal(source_entities(ix, "us_ofac_cons"), 442);
	assert_int_equal(source_entities(ix, "un_sc_sanctions"), 1003);
	/* the two positions members of Congress hold are no parties */
	assert_int_equal(source_entities(ix, "os_us_congress"), 1317);
	assert_int_equal(source_entities(ix, "zala"), 17);
	for (i = 0; i < ix->meta.n_sources; i++)
		sum += ix->sources[i].n_entities;
	/* distinct entities: the four shared ids count once */
	assert_int_equal(vg_index_party_count(ix), sum - 4);
	assert_int_equal(vg_index_entity_count(ix), sum - 4 + 2);
	for (i = 0; i < sizeof(both) / sizeof(both[0]); i++) {
		assert_int_equal(vg_index_lookup(&ord, ix, both[i]), 0);
		assert_true(ord < vg_index_entity_count(ix));
		vg__index_record_sources(ix, ord, &ns);
		assert_int_equal(ns, 2);
	}
	assert_int_equal(vg_index_lookup(&ord, ix, "ofac-9659"), 0);
	assert_int_equal(vg_index_entity_json(ix, ord, 0, &js), 0);
	assert_non_null(strstr(js.ptr, "\"datasets\": [\"us_ofac_sdn\", \"us_ofac_cons\"], "));
	vg_buf_dispose(&js);
	vg_index_free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_is_xxh64),
		cmocka_unit_test(test_build_and_open),
		cmocka_unit_test(test_warm_same_answers),
		cmocka_unit_test(test_identifiers),
		cmocka_unit_test(test_entity_json),
		cmocka_unit_test(test_damage_refused),
		cmocka_unit_test(test_open_checks_structure_not_checksums),
		cmocka_unit_test(test_directories_validated),
		cmocka_unit_test(test_bad_input_leaves_nothing),
		cmocka_unit_test(test_shared_counts),
		cmocka_unit_test(test_shared_ids),
		cmocka_unit_test(test_source_lists_validated),
		cmocka_unit_test(test_shared_combined),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
