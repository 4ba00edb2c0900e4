/*
 * test_update.c - the update module without a network: configuration
 * parsing, SHA-256, the state file, content sniffing, FtM delta merging,
 * and the fetcher's refusals (other protocols, unreachable hosts).  The
 * HTTP behaviour (304, retries, timeouts, HTML pages) is tested black-box
 * against a real loopback server in tests/cli_update.sh.
 */
#include "helpers.h"
#include "common/error.h"
#include "update/delta.h"
#include "update/fetch.h"
#include "update/sha256.h"
#include "update/state.h"
#include "update/update_internal.h"
#include "update/verify.h"
#include "model/record.h"
#include "vigil/vigil.h"

#include <curl/curl.h>
#include <dirent.h>
#include <unistd.h>

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/vg-test-update-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return vg__rm_rf(tmpdir);
}

static const char *tmp_path(const char *name)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return path;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	fclose(f);
}

static char *read_all(const char *path)
{
	vg_buf b = VG_BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assert_int_equal(vg_buf_put(&b, chunk, n), 0);
	fclose(f);
	if (!b.ptr)
		assert_int_equal(vg_buf_puts(&b, ""), 0);
	return b.ptr;
}

/* ---- SHA-256 -------------------------------------------------------------- */

static void sha_hex(char hex[65], const char *s, size_t len, size_t step)
{
	vg__sha256 ctx;
	size_t i;
	vg__sha256_init(&ctx);
	for (i = 0; i < len; i += step)
		vg__sha256_update(&ctx, s + i, len - i < step ? len - i : step);
	vg__sha256_final_hex(&ctx, hex);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_sha256_vectors(void **state)
{
	static const char two_blocks[] =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char hex[65], *million;
	(void)state;
	sha_hex(hex, "", 0, 1);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha_hex(hex, "abc", 3, 3);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* fed in odd-sized pieces: the block boundary handling must not matter */
	sha_hex(hex, two_blocks, strlen(two_blocks), 7);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	million = malloc(1000000);
	assert_non_null(million);
	memset(million, 'a', 1000000);
	sha_hex(hex, million, 1000000, 4093);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);

	write_file(tmp_path("abc.txt"), "abc");
	assert_int_equal(vg__sha256_file(hex, tmp_path("abc.txt")), 0);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(vg__sha256_file(hex, tmp_path("missing")), VG_EIO);
}

/* ---- configuration ---------------------------------------------------------- */

static const char good_config[] =
	"# comment\n"
	"[update]\n"
	"timeout = 120\n"
	"connect_timeout = 5\n"
	"retries = 2\n"
	"\n"
	"[source ofac-sdn]\n"
	"format = ofac-csv\n"
	"url = https://example.test/SDN.CSV\n"
	"sha256 = BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD\n"
	"url = https://example.test/ADD.CSV\n"
	"schedule = daily\n"
	"max_drop = 0.1\n"
	"; another comment\n"
	"[source os-default]\n"
	"format = ftm-json\n"
	"url = https://example.test/entities.ftm.json\n"
	"delta_index = https://example.test/delta.json\n"
	"schedule = 6h\n"
	"max_size = 2G\n"
	"timeout = 1.5\n";

static void test_config_good(void **state)
{
	vg_update_config *c = NULL;
	const vg__config_source *s;
	(void)state;
	assert_int_equal(vg_update_config_parse(&c, "t.ini", good_config, strlen(good_config)), 0);
	assert_int_equal(vg_update_config_source_count(c), 2);
	assert_string_equal(vg_update_config_source_name(c, 0), "ofac-sdn");
	assert_string_equal(vg_update_config_source_name(c, 1), "os-default");
	assert_null(vg_update_config_source_name(c, 2));

	s = &c->sources[0];
	assert_int_equal(s->format, VG_FORMAT_OFAC_CSV);
	assert_int_equal(s->n_urls, 2);
	assert_string_equal(vg__config_str(c, c->urls[s->first_url].url), "https://example.test/SDN.CSV");
	/* checksums are normalised to lower case and pin the url above them */
	assert_string_equal(vg__config_str(c, c->urls[s->first_url].sha256),
			    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_null(vg__config_str(c, c->urls[s->first_url + 1].sha256));
	assert_int_equal(s->schedule_s, 86400);
	assert_true(s->max_drop > 0.09 && s->max_drop < 0.11);
	assert_int_equal(s->delta_index, VG__NO_STR);
	/* [update] gives the defaults */
	assert_int_equal(s->limits.timeout_ms, 120000);
	assert_int_equal(s->limits.connect_timeout_ms, 5000);
	assert_int_equal(s->limits.retries, 2);

	s = &c->sources[1];
	assert_int_equal(s->format, VG_FORMAT_FTM_JSON);
	assert_string_equal(vg__config_str(c, s->delta_index), "https://example.test/delta.json");
	assert_int_equal(s->schedule_s, 6 * 3600);
	assert_true(s->limits.max_size == (uint64_t)2 << 30);
	/* a source's own value wins over [update] */
	assert_int_equal(s->limits.timeout_ms, 1500);
	assert_int_equal(s->limits.connect_timeout_ms, 5000);
	assert_true(s->max_drop > 0.19 && s->max_drop < 0.21); /* the default */
	vg_update_config_free(c);

	/* the documented example with the official URLs parses */
	assert_int_equal(vg_update_config_load(&c, fixture("../../examples/vigil-update.ini")), 0);
	assert_int_equal(vg_update_config_source_count(c), 6);
	assert_string_equal(vg_update_config_source_name(c, 0), "us_ofac_sdn");
	assert_int_equal(c->sources[0].n_urls, 4);
	assert_int_equal(c->sources[5].format, VG_FORMAT_FTM_JSON);
	/* the UK list as published since the OFSI list closed */
	assert_string_equal(vg_update_config_source_name(c, 4), "gb_fcdo_sanctions");
	assert_int_equal(c->sources[4].format, VG_FORMAT_UKSL_XML);
	assert_int_not_equal(c->sources[5].delta_index, VG__NO_STR);
	vg_update_config_free(c);
}

static void expect_bad(const char *text, const char *needle)
{
	vg_update_config *c = (vg_update_config *)1;
	int rc = vg_update_config_parse(&c, "bad.ini", text, strlen(text));
	if (rc != VG_EDATA || !strstr(vg_error_last()->message, needle))
		fail_msg("config %s\n-> rc %d, message '%s', wanted '%s'", text, rc,
			 vg_error_last()->message, needle);
	assert_null(c);
}

static void test_config_bad(void **state)
{
	(void)state;
	expect_bad("[source a]\nurl = https://x.test/a\n", "bad.ini:1: [source a] has no format");
	expect_bad("[source a]\nformat = ftm-json\n", "has no url");
	expect_bad("[source a]\nformat = ftm-json\nurl = file:///etc/passwd\n", "bad.ini:3: url must be http");
	expect_bad("[source a]\nformat = ftm-json\nurl = ftp://x.test/a\n", "url must be http");
	expect_bad("[source a]\nformat = ftm-json\nurl = https://x.test/a b\n", "without spaces");
	expect_bad("[source a]\nformat = nope\nurl = https://x.test/a\n", "bad.ini:2: bad value for format");
	expect_bad("[source a]\nformat = ftm-json\nurl = https://x.test/a\ncolour = red\n", "bad.ini:4: unknown key 'colour'");
	expect_bad("[source a]\nformat = ftm-json\nsha256 = abc\n", "sha256 must follow the url");
	expect_bad("[source a]\nformat = ftm-json\nurl = https://x.test/a\nsha256 = abc\n", "bad value for sha256");
	expect_bad("[source ../etc]\nformat = ftm-json\nurl = https://x.test/a\n", "source name must be");
	expect_bad("[source a]\nformat = ftm-json\nurl = https://x.test/a\n[source a]\n", "bad.ini:4: source 'a' defined twice");
	expect_bad("format = ftm-json\n", "bad.ini:1: key outside a section");
	expect_bad("[sauce a]\n", "unknown section");
	expect_bad("[source a\n", "without ']'");
	expect_bad("[source a]\nformat ftm-json\n", "expected 'key = value'");
	expect_bad("[source a]\nformat = un-xml\nurl = https://x.test/a\ndelta_index = https://x.test/d\n", "delta_index needs format ftm-json");
	expect_bad("[source a]\nformat = ftm-json\nurl = https://x.test/a\nmax_drop = 1.5\n", "bad value for max_drop");
	expect_bad("[source a]\nformat = ftm-json\nurl = https://x.test/a\nschedule = fortnightly\n", "bad value for schedule");
	expect_bad("[source a]\nformat = ftm-json\nurl = https://x.test/a\nretries = 99\n", "bad value for retries");
	expect_bad("[source a]\nformat = ftm-json\nurl = https://x.test/a\ntimeout = 0\n", "bad value for timeout");
	expect_bad("[update]\nformat = ftm-json\n", "unknown key 'format' in [update]");
	expect_bad("# nothing\n", "no [source NAME] section");
	{
		static const char nul[] = "[source a]\nformat = ftm-json\0\n";
		vg_update_config *c = NULL;
		assert_int_equal(vg_update_config_parse(&c, "n.ini", nul, sizeof(nul) - 1), VG_EDATA);
		assert_non_null(strstr(vg_error_last()->message, "NUL byte"));
	}
	{
		vg_update_config *c = NULL;
		assert_int_equal(vg_update_config_load(&c, tmp_path("no-such.ini")), VG_EIO);
		assert_null(c);
	}
}

/* ---- state file ----------------------------------------------------------- */

static void test_state_roundtrip(void **state)
{
	vg__source_state st, back;
	vg__state_file *f;
	const char *path = tmp_path("state");
	(void)state;
	vg__state_init(&st);
	vg__state_init(&back);
	st.checked_at = 1767225600;
	st.changed_at = 1767200000;
	st.entities = 8976;
	snprintf(st.version, sizeof(st.version), "20240528134729-3iv");
	assert_int_equal(vg__state_add(&f, &st), 0);
	snprintf(f->url, sizeof(f->url), "https://example.test/SDN.CSV");
	snprintf(f->file, sizeof(f->file), "sdn.csv");
	snprintf(f->etag, sizeof(f->etag), "\"abc\"");
	snprintf(f->last_modified, sizeof(f->last_modified), "Mon, 01 Jan 2024 00:00:00 GMT");
	snprintf(f->sha256, sizeof(f->sha256), "%064d", 7);
	f->size = 123456;
	assert_int_equal(vg__state_add(&f, &st), 0);
	snprintf(f->url, sizeof(f->url), "https://example.test/ADD.CSV");
	snprintf(f->file, sizeof(f->file), "add.csv");
	assert_int_equal(vg__state_save(&st, path), 0);

	assert_int_equal(vg__state_load(&back, path), 0);
	assert_int_equal(back.checked_at, 1767225600);
	assert_int_equal(back.changed_at, 1767200000);
	assert_int_equal(back.entities, 8976);
	assert_string_equal(back.version, "20240528134729-3iv");
	assert_int_equal(back.n_files, 2);
	f = vg__state_find(&back, "https://example.test/SDN.CSV");
	assert_non_null(f);
	assert_string_equal(f->etag, "\"abc\"");
	assert_string_equal(f->last_modified, "Mon, 01 Jan 2024 00:00:00 GMT");
	assert_int_equal(f->size, 123456);
	f = vg__state_find(&back, "https://example.test/ADD.CSV");
	assert_non_null(f);
	assert_string_equal(f->etag, "");
	assert_null(vg__state_find(&back, "https://example.test/ALT.CSV"));

	/* a damaged state is dropped, never trusted: it only makes the next
	 * download unconditional */
	write_file(path, "vigil-update-state 1\nchecked_at 12x\n");
	assert_int_equal(vg__state_load(&back, path), 0);
	assert_int_equal(back.checked_at, 0);
	assert_int_equal(back.n_files, 0);
	write_file(path, "vigil-update-state 1\nfile https://x.test/a\t../escape\t\t\t\t1\n");
	assert_int_equal(vg__state_load(&back, path), 0);
	assert_int_equal(back.n_files, 0);
	write_file(path, "something else\n");
	assert_int_equal(vg__state_load(&back, path), 0);
	assert_int_equal(back.n_files, 0);
	assert_int_equal(vg__state_load(&back, tmp_path("absent")), 0);
	assert_int_equal(back.n_files, 0);
	vg__state_dispose(&st);
	vg__state_dispose(&back);
}

/* ---- sniffing --------------------------------------------------------------- */

static void test_sniff(void **state)
{
	const char *p = tmp_path("sniff");
	(void)state;
	write_file(p, "<!DOCTYPE html>\n<html><body>Maintenance</body></html>\n");
	assert_int_equal(vg__verify_sniff(p, "http://x.test/sdn.csv", VG_FORMAT_OFAC_CSV, NULL), VG_EDATA);
	assert_non_null(strstr(vg_error_last()->message, "http://x.test/sdn.csv: served an HTML page"));
	/* an HTML page is rejected even where XML is expected */
	assert_int_equal(vg__verify_sniff(p, "u", VG_FORMAT_UN_XML, NULL), VG_EDATA);
	write_file(p, "{\"id\": \"x\"}\n");
	assert_int_equal(vg__verify_sniff(p, "u", VG_FORMAT_FTM_JSON, NULL), 0);
	/* the server's Content-Type alone is enough to refuse */
	assert_int_equal(vg__verify_sniff(p, "u", VG_FORMAT_FTM_JSON, "text/html; charset=utf-8"), VG_EDATA);
	assert_int_equal(vg__verify_sniff(p, "u", VG_FORMAT_UN_XML, NULL), VG_EDATA);
	assert_int_equal(vg__verify_sniff(p, "u", VG_FORMAT_UK_CSV, NULL), VG_EDATA);
	write_file(p, "\xEF\xBB\xBF<?xml version=\"1.0\"?><CONSOLIDATED_LIST/>");
	assert_int_equal(vg__verify_sniff(p, "u", VG_FORMAT_UN_XML, NULL), 0);
	assert_int_equal(vg__verify_sniff(p, "u", VG_FORMAT_CSL_CSV, NULL), VG_EDATA);
	write_file(p, "36,\"AEROCARIBBEAN AIRLINES\",-0- \n");
	assert_int_equal(vg__verify_sniff(p, "u", VG_FORMAT_OFAC_CSV, NULL), 0);
	assert_int_equal(vg__verify_sniff(p, "u", VG_FORMAT_SENZING_JSON, NULL), VG_EDATA);
	write_file(p, "");
	assert_int_equal(vg__verify_sniff(p, "u", VG_FORMAT_OFAC_CSV, NULL), VG_EDATA);
	assert_non_null(strstr(vg_error_last()->message, "empty download"));
	write_file(p, " \n\t\n");
	assert_int_equal(vg__verify_sniff(p, "u", VG_FORMAT_DPL_TSV, NULL), VG_EDATA);
}

/* ---- FtM deltas ------------------------------------------------------------- */

/* Non-empty lines, the last one counted even without its newline. */
static size_t count_lines(const char *text)
{
	size_t n = 0;
	bool in_line = false;
	for (; *text; text++) {
		if (*text == '\n') {
			n += in_line;
			in_line = false;
		} else {
			in_line = true;
		}
	}
	return n + in_line;
}

static void test_delta_apply_fixture(void **state)
{
	const char *deltas[2];
	char base[4200], d2[4200], d3[4200], *out, *orig;
	(void)state;
	snprintf(base, sizeof(base), "%s", fixture("update/delta/base.ftm.jsonl"));
	snprintf(d2, sizeof(d2), "%s", fixture("update/delta/v2.delta.jsonl"));
	snprintf(d3, sizeof(d3), "%s", fixture("update/delta/v3.delta.jsonl"));
	deltas[0] = d2;
	deltas[1] = d3;
	assert_int_equal(vg__delta_apply(base, deltas, 2, tmp_path("merged.jsonl")), 0);
	out = read_all(tmp_path("merged.jsonl"));
	orig = read_all(base);
	/* dx-1 modified in place, dx-2 untouched byte for byte, dx-3 deleted,
	 * dx-4 and dx-5 appended in the order added */
	assert_int_equal(count_lines(out), 4);
	assert_true(strstr(out, "\"id\":\"dx-1\"") < strstr(out, "\"id\":\"dx-2\""));
	assert_non_null(strstr(out, "Olga Ivanovna"));
	assert_non_null(strstr(out, "{\"id\":\"dx-2\",\"schema\":\"Organization\",\"properties\":{\"name\":[\"Red Star Holding\"],\"topics\":[\"sanction\"]}}\n"));
	assert_non_null(strstr(orig, "{\"id\":\"dx-2\",\"schema\":\"Organization\",\"properties\":{\"name\":[\"Red Star Holding\"],\"topics\":[\"sanction\"]}}\n"));
	assert_null(strstr(out, "dx-3"));
	assert_true(strstr(out, "dx-4") < strstr(out, "dx-5"));
	free(out);
	free(orig);

	/* no deltas: a copy */
	assert_int_equal(vg__delta_apply(base, NULL, 0, tmp_path("copy.jsonl")), 0);
	out = read_all(tmp_path("copy.jsonl"));
	orig = read_all(base);
	assert_string_equal(out, orig);
	free(out);
	free(orig);

	/* a broken delta fails and leaves no output behind */
	write_file(tmp_path("bad.delta"), "{\"op\":\"ADD\",\"entity\":{\"id\":\"z\"}}\n{\"op\":\"FROB\",\"entity\":{\"id\":\"y\"}}\n");
	deltas[0] = tmp_path("bad.delta");
	{
		char bad[4200];
		snprintf(bad, sizeof(bad), "%s", deltas[0]);
		deltas[0] = bad;
		assert_int_equal(vg__delta_apply(base, deltas, 1, tmp_path("out2.jsonl")), VG_EDATA);
		assert_non_null(strstr(vg_error_last()->message, "bad.delta:2: unknown op 'FROB'"));
	}
	assert_int_equal(access(tmp_path("out2.jsonl"), F_OK), -1);
	write_file(tmp_path("bad2.delta"), "{\"op\":\"ADD\",\"entity\":{\"id\":\"z\"}\n");
	{
		char bad[4200];
		snprintf(bad, sizeof(bad), "%s", tmp_path("bad2.delta"));
		deltas[0] = bad;
		assert_int_equal(vg__delta_apply(base, deltas, 1, tmp_path("out3.jsonl")), VG_EDATA);
		assert_non_null(strstr(vg_error_last()->message, "bad2.delta:1: not a delta line"));
	}
}

/* The real OpenSanctions delta sample: Poltergeist is added, then deleted;
 * one organisation is added then modified; one more entity is added. */
static void test_delta_apply_shared(void **state)
{
	static const char *const names[] = { "20240527194702-wnk", "20240528014702-pfh",
					     "20240528074703-npf", "20240528134729-3iv" };
	char paths[4][4200], base[4200], *out, *orig;
	const char *deltas[4];
	const char *root = shared_path("data/lists/ftm/delta");
	size_t i;
	(void)state;
	if (!root) {
		skip();
		return;
	}
	snprintf(base, sizeof(base), "%s/base.ftm.jsonl", root);
	for (i = 0; i < 4; i++) {
		snprintf(paths[i], sizeof(paths[i]), "%s/%s.delta.jsonl", root, names[i]);
		deltas[i] = paths[i];
	}
	assert_int_equal(vg__delta_apply(base, deltas, 4, tmp_path("os.jsonl")), 0);
	out = read_all(tmp_path("os.jsonl"));
	orig = read_all(base);
	assert_int_equal(count_lines(out), count_lines(orig) + 3);
	assert_null(strstr(out, "NK-500Poltergeist"));
	assert_non_null(strstr(out, "\"id\":\"NK-2T3S8Hu29ktYnKSTgQp2wL\""));
	assert_non_null(strstr(out, "\"id\":\"NK-2sJaJRaPJcWUfMbHjTtWcL\""));
	assert_non_null(strstr(out, "\"id\":\"Q4365364\""));
	/* the base's lines survive unchanged, in order, at the top */
	assert_memory_equal(out, orig, strlen(orig));
	free(out);
	free(orig);
}

/* Collects every record as "id|schema|key=value|..." lines, sorted. */
static int collect_record(void *ctx, const vg_record *rec)
{
	vg_buf *all = ctx, line = VG_BUF_INIT;
	const char **props;
	size_t i;
	props = calloc(rec->n_props + 1, sizeof(*props));
	assert_non_null(props);
	for (i = 0; i < rec->n_props; i++) {
		char *kv = NULL;
		assert_true(asprintf(&kv, "%s=%s", rec->props[i].key, rec->props[i].value) > 0);
		props[i] = kv;
	}
	qsort(props, rec->n_props, sizeof(*props), cmp_str);
	assert_int_equal(vg_buf_printf(&line, "%s|%d", rec->id, (int)rec->schema), 0);
	for (i = 0; i < rec->n_props; i++) {
		assert_int_equal(vg_buf_printf(&line, "|%s", props[i]), 0);
		free((void *)props[i]);
	}
	free(props);
	assert_int_equal(vg_buf_printf(all, "%s\n", line.ptr), 0);
	vg_buf_dispose(&line);
	return 0;
}

static char *sorted_records(const char *path)
{
	vg_buf all = VG_BUF_INIT, out = VG_BUF_INIT;
	vg_source_meta meta;
	vg_reader_sink sink = { collect_record, NULL, NULL, 0 };
	char **lines = NULL, *p;
	size_t n = 0, i;
	sink.ctx = &all;
	if (vg_source_read(path, VG_FORMAT_FTM_JSON, &meta, &sink) < 0)
		fail_msg("%s: %s", path, vg_error_last()->message);
	for (p = all.ptr; p && *p; p = strchr(p, '\n') + 1)
		n++;
	lines = calloc(n + 1, sizeof(*lines));
	assert_non_null(lines);
	for (i = 0, p = all.ptr; i < n; i++) {
		lines[i] = p;
		p = strchr(p, '\n');
		*p++ = '\0';
	}
	qsort(lines, n, sizeof(*lines), cmp_str);
	for (i = 0; i < n; i++)
		assert_int_equal(vg_buf_printf(&out, "%s\n", lines[i]), 0);
	free(lines);
	vg_buf_dispose(&all);
	return out.ptr;
}

/* The updater merges deltas itself (one file in the state folder); the
 * ftm-json reader can also apply a delta folder.  Both must agree. */
static void test_delta_matches_reader(void **state)
{
	static const char *const names[] = { "20240527194702-wnk", "20240528014702-pfh",
					     "20240528074703-npf", "20240528134729-3iv" };
	char paths[4][4200], base[4200], merged[4200];
	const char *deltas[4];
	const char *root = shared_path("data/lists/ftm/delta");
	char *ours, *theirs;
	size_t i;
	(void)state;
	if (!root) {
		skip();
		return;
	}
	snprintf(base, sizeof(base), "%s/base.ftm.jsonl", root);
	for (i = 0; i < 4; i++) {
		snprintf(paths[i], sizeof(paths[i]), "%s/%s.delta.jsonl", root, names[i]);
		deltas[i] = paths[i];
	}
	snprintf(merged, sizeof(merged), "%s", tmp_path("agree.ftm.jsonl"));
	assert_int_equal(vg__delta_apply(base, deltas, 4, merged), 0);
	ours = sorted_records(merged);
	theirs = sorted_records(root);
	assert_true(strlen(ours) > 100);
	assert_string_equal(ours, theirs);
	free(ours);
	free(theirs);
}

/* ---- the fetcher's refusals ----------------------------------------------------- */

static void test_fetch_refuses(void **state)
{
	vg__fetch_limits lim = { 2000, 4000, 1 << 20, 0, 10, 3, 0, 0 };
	vg__fetch_request req;
	vg__fetch_result res;
	(void)state;
	assert_int_equal(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK);
	memset(&req, 0, sizeof(req));
	req.dest = tmp_path("dl");

	/* only http and https, whatever the URL says */
	req.url = "file:///etc/hostname";
	assert_true(vg__fetch(&res, &req, &lim) < 0);
	assert_non_null(strstr(vg_error_last()->message, "file:///etc/hostname"));
	req.url = "ftp://127.0.0.1/x";
	assert_true(vg__fetch(&res, &req, &lim) < 0);

	/* nothing listens on port 1: refused, retried as told, message names it */
	lim.retries = 2;
	req.url = "http://127.0.0.1:1/list.csv";
	assert_true(vg__fetch(&res, &req, &lim) < 0);
	assert_int_equal(res.attempts, 3);
	assert_non_null(strstr(vg_error_last()->message, "http://127.0.0.1:1/list.csv"));
	assert_non_null(strstr(vg_error_last()->message, "after 3 attempts"));
	curl_global_cleanup();
}

/* A failing update leaves the index exactly as it was. */
static void test_update_failure_keeps_index(void **state)
{
	static const char cfg_text[] =
		"[update]\nretries = 0\nconnect_timeout = 2\n"
		"[source local]\nformat = ftm-json\nurl = http://127.0.0.1:1/people.ftm.jsonl\n";
	vg_update_config *cfg = NULL;
	vg_update_options opts = VG_UPDATE_OPTIONS_INIT;
	vg_update_result res;
	char *before, *after;
	(void)state;
	write_file(tmp_path("keep.idx"), "not really an index, but it must survive\n");
	before = read_all(tmp_path("keep.idx"));
	assert_int_equal(vg_update_config_parse(&cfg, "c.ini", cfg_text, strlen(cfg_text)), 0);
	opts.index_path = tmp_path("keep.idx");
	assert_true(vg_update_run(&res, cfg, &opts) < 0);
	assert_non_null(strstr(vg_error_last()->message, "source local"));
	assert_non_null(strstr(vg_error_last()->message, "http://127.0.0.1:1/people.ftm.jsonl"));
	assert_false(res.rebuilt);
	after = read_all(tmp_path("keep.idx"));
	assert_string_equal(before, after);
	/* and no download folder is left behind, no state written */
	{
		DIR *d = opendir(tmp_path("keep.idx.state/local"));
		struct dirent *e;
		assert_non_null(d);
		while ((e = readdir(d)))
			if (e->d_name[0] != '.')
				fail_msg("left behind: %s", e->d_name);
		closedir(d);
	}
	free(before);
	free(after);

	opts.version = 99;
	assert_int_equal(vg_update_run(&res, cfg, &opts), VG_EUSAGE);
	vg_update_config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test(test_config_good),
		cmocka_unit_test(test_config_bad),
		cmocka_unit_test(test_state_roundtrip),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_delta_apply_fixture),
		cmocka_unit_test(test_delta_apply_shared),
		cmocka_unit_test(test_delta_matches_reader),
		cmocka_unit_test(test_fetch_refuses),
		cmocka_unit_test(test_update_failure_keeps_index),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
