/*
 * test_csv.c - the one CSV reader (vigil/csv.h): RFC 4180 quoting, CR, LF
 * and CRLF line ends, BOM, blank lines, raw bytes and offsets, limits, NUL
 * refusal, Windows-1252 conversion, and the same records whether the input
 * is in memory or streamed a byte at a time.
 */
#include "helpers.h"
#include "vigil/vigil.h"

/* Every record as "LINE:f1|f2|...\n" (or "LINE:!why\n" when marked), so
 * that a whole file compares as one string. */
static int dump(vg_csv *c, vg_buf *out)
{
	int rc;
	while ((rc = vg_csv_next(c)) == 1) {
		size_t i;
		vg_buf_printf(out, "%zu:", vg_csv_line(c));
		if (vg_csv_record_error(c))
			vg_buf_printf(out, "!%s", vg_csv_record_error(c));
		for (i = 0; i < vg_csv_count(c); i++)
			vg_buf_printf(out, "%s%s", i ? "|" : "", vg_csv_field(c, i, NULL));
		vg_buf_puts(out, "\n");
	}
	return rc;
}

static int dump_mem(const char *data, size_t len, const vg_csv_options *o, vg_buf *out)
{
	vg_csv *c;
	int rc = vg_csv_open_mem(&c, "t.csv", data, len, o);
	if (rc < 0)
		return rc;
	rc = dump(c, out);
	vg_csv_free(c);
	return rc;
}

/* A stream that hands out `step` bytes at a time. */
typedef struct {
	const char *p;
	size_t left, step;
} dribble;

static int dribble_read(void *ctx, char *buf, size_t cap, size_t *got)
{
	dribble *d = ctx;
	size_t n = d->left < d->step ? d->left : d->step;
	if (n > cap)
		n = cap;
	memcpy(buf, d->p, n);
	d->p += n;
	d->left -= n;
	*got = n;
	return 0;
}

static int dump_stream(const char *data, size_t len, size_t step, const vg_csv_options *o,
		       vg_buf *out)
{
	vg_csv *c;
	dribble d = { data, len, step };
	int rc = vg_csv_open_stream(&c, "t.csv", dribble_read, &d, o);
	if (rc < 0)
		return rc;
	rc = dump(c, out);
	vg_csv_free(c);
	return rc;
}

/* The records of data, the same in memory and streamed 1, 2 and 7 bytes at
 * a time; returns the reader's final status. */
static int same_everywhere(const char *data, size_t len, const vg_csv_options *o,
			   const char *want)
{
	static const size_t steps[] = { 1, 2, 7, 100000 };
	vg_buf a = VG_BUF_INIT;
	int rc = dump_mem(data, len, o, &a), i;
	char msg[512];
	snprintf(msg, sizeof(msg), "%s", rc < 0 ? vg_error_last()->message : "");
	if (want && strcmp(a.ptr ? a.ptr : "", want) != 0) {
		printf("memory reader gave:\n%s\nwanted:\n%s\n", a.ptr ? a.ptr : "", want);
		fail();
	}
	for (i = 0; i < 4; i++) {
		vg_buf b = VG_BUF_INIT;
		int rc2 = dump_stream(data, len, steps[i], o, &b);
		assert_int_equal(rc2, rc);
		assert_string_equal(b.ptr ? b.ptr : "", a.ptr ? a.ptr : "");
		if (rc < 0)
			assert_string_equal(vg_error_last()->message, msg);
		vg_buf_dispose(&b);
	}
	vg_buf_dispose(&a);
	return rc;
}

static void test_line_ends(void **state)
{
	static const char lf[] = "a,b\n1,2\n3,4\n";
	static const char crlf[] = "a,b\r\n1,2\r\n3,4\r\n";
	static const char cr[] = "a,b\r1,2\r3,4\r";
	static const char mixed[] = "a,b\r\n1,2\r3,4";
	static const char want[] = "1:a|b\n2:1|2\n3:3|4\n";
	(void)state;
	assert_int_equal(same_everywhere(lf, sizeof(lf) - 1, NULL, want), 0);
	assert_int_equal(same_everywhere(crlf, sizeof(crlf) - 1, NULL, want), 0);
	assert_int_equal(same_everywhere(cr, sizeof(cr) - 1, NULL, want), 0);
	assert_int_equal(same_everywhere(mixed, sizeof(mixed) - 1, NULL, want), 0);
}

static void test_quoting(void **state)
{
	/* separators, doubled quotes and every kind of line break inside
	 * quotes; text after a closing quote is kept; lines are counted */
	static const char in[] = "\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
				 "\"cr\rline\",\"crlf\r\nline\",\"a\"b\n"
				 "last,\"\",\n";
	static const char want[] = "1:x,y|say \"hi\"|two\nlines\n"
				   "3:cr\rline|crlf\r\nline|ab\n"
				   "6:last||\n";
	(void)state;
	assert_int_equal(same_everywhere(in, sizeof(in) - 1, NULL, want), 0);
}

static void test_blank_bom_eof(void **state)
{
	static const char in[] = "\xEF\xBB\xBFh1,h2\n\n\r\n\r1,2\n\x1a";
	static const char want[] = "1:h1|h2\n5:1|2\n";
	vg_csv *c;
	size_t len;
	(void)state;
	assert_int_equal(same_everywhere(in, sizeof(in) - 1, NULL, want), 0);
	/* the BOM is neither a field's nor the raw record's */
	assert_int_equal(vg_csv_open_mem(&c, "t.csv", in, sizeof(in) - 1, NULL), 0);
	assert_int_equal(vg_csv_next(c), 1);
	assert_int_equal(vg_csv_find(c, "H2"), 1);
	assert_int_equal(vg_csv_find(c, "h3"), -1);
	assert_int_equal(vg_csv_offset(c), 3);
	assert_memory_equal(vg_csv_raw(c, &len), "h1,h2", 5);
	assert_int_equal(len, 5);
	vg_csv_free(c);
}

static void test_raw_offset_seek(void **state)
{
	static const char in[] = "id,name\n7,\"Doe,\n John\"\r\n8,X\n";
	vg_csv *c;
	size_t len;
	const char *raw;
	uint64_t off;
	(void)state;
	assert_int_equal(vg_csv_open_mem(&c, "t.csv", in, sizeof(in) - 1, NULL), 0);
	assert_int_equal(vg_csv_next(c), 1);
	assert_int_equal(vg_csv_next(c), 1);
	raw = vg_csv_raw(c, &len);
	assert_int_equal(len, 14);
	assert_memory_equal(raw, "7,\"Doe,\n John\"", 14);
	off = vg_csv_offset(c);
	assert_int_equal(off, 8);
	assert_int_equal(vg_csv_line(c), 2);
	assert_int_equal(vg_csv_next(c), 1);
	assert_int_equal(vg_csv_line(c), 4);
	assert_int_equal(vg_csv_next(c), 0);
	assert_int_equal(vg_csv_next(c), 0);
	/* back to the second record */
	assert_int_equal(vg_csv_seek(c, off, 2), 0);
	assert_int_equal(vg_csv_next(c), 1);
	assert_string_equal(vg_csv_field(c, 1, &len), "Doe,\n John");
	assert_int_equal(vg_csv_line(c), 2);
	assert_string_equal(vg_csv_field(c, 9, &len), "");
	assert_int_equal(len, 0);
	assert_int_equal(vg_csv_seek(c, 1000, 1), VG_EUSAGE);
	vg_csv_free(c);
}

static void expect_error(const char *in, size_t len, const vg_csv_options *o, const char *what)
{
	int rc = same_everywhere(in, len, o, NULL);
	if (rc != VG_EDATA || !strstr(vg_error_last()->message, what)) {
		printf("rc %d, message \"%s\", wanted \"%s\"\n", rc, vg_error_last()->message, what);
		fail();
	}
}

static void test_refused(void **state)
{
	static const char nul[] = "a,b\nok,1\nx\0y,2\n";
	static const char nul_quoted[] = "a,b\n\"one\ntwo\0\",2\n";
	static const char open_quote[] = "a,b\n1,\"never closed\n\n";
	static const char bad_utf8[] = "a,b\n1,ab\xff" "\n";
	vg_csv_options o = VG_CSV_OPTIONS_INIT;
	vg_buf big = VG_BUF_INIT;
	size_t i;
	(void)state;
	expect_error(nul, sizeof(nul) - 1, NULL, "t.csv:3: NUL byte in field 1");
	expect_error(nul_quoted, sizeof(nul_quoted) - 1, NULL, "t.csv:3: NUL byte in field 1");
	expect_error(open_quote, sizeof(open_quote) - 1, NULL, "t.csv:2: unterminated quoted field");
	expect_error(bad_utf8, sizeof(bad_utf8) - 1, NULL, "t.csv:2: invalid UTF-8 (byte 0xff in field 2)");
	/* limits: field, record, field count */
	o.max_field = 10;
	expect_error("a\n12345678901\n", 14, &o, "t.csv:2: field above the limit of 10 bytes");
	o.max_field = 0;
	o.max_record = 20;
	expect_error("a\n1234567890,1234567890,1\n", 26, &o, "t.csv:2: record above the limit of 20 bytes");
	o.max_record = 0;
	o.max_fields = 3;
	expect_error("a,b,c\n1,2,3,4\n", 14, &o, "t.csv:2: more than 3 fields");
	/* a line without an end never grows past the record limit */
	for (i = 0; i < 10000; i += 8)
		vg_buf_put(&big, "abcdefgh", 8);
	o.max_fields = 0;
	o.max_record = 4096;
	expect_error(big.ptr, big.size, &o, "t.csv:1: record above the limit of 4096 bytes");
	vg_buf_dispose(&big);
}

static void test_lenient(void **state)
{
	static const char in[] = "a,b\n1,ab\xff" "\n2,0123456789ABC\n3,fine\n";
	static const char want[] = "1:a|b\n2:!invalid UTF-8 (byte 0xff in field 2)1|ab\xff" "\n"
				   "3:!field 2 above the limit of 10 bytes2|0123456789\n4:3|fine\n";
	vg_csv_options o = VG_CSV_OPTIONS_INIT;
	(void)state;
	o.flags = VG_CSV_LENIENT;
	o.max_field = 10;
	assert_int_equal(same_everywhere(in, sizeof(in) - 1, &o, want), 0);
	/* a NUL is refused even so */
	expect_error("a\nx\0\n", 5, &o, "NUL byte");
}

static void test_windows_1252(void **state)
{
	/* real OFSI cells: a right single quote (0x92), e acute (0xE9), the
	 * euro sign (0x80) and an undefined byte (0x81, read as Latin-1 does) */
	static const char in[] = "name;note\nO\x92" "Brien;caf\xe9 \x80\x81" "\n";
	static const char want[] = "1:name|note\n2:O\xE2\x80\x99" "Brien|caf\xC3\xA9 \xE2\x82\xAC\xC2\x81" "\n";
	vg_csv_options o = VG_CSV_OPTIONS_INIT;
	(void)state;
	o.separator = ';';
	o.encoding = VG_CSV_WINDOWS_1252;
	assert_int_equal(same_everywhere(in, sizeof(in) - 1, &o, want), 0);
	/* the raw bytes stay as they were */
	{
		vg_csv *c;
		size_t len;
		assert_int_equal(vg_csv_open_mem(&c, "t.csv", in, sizeof(in) - 1, &o), 0);
		assert_int_equal(vg_csv_next(c), 1);
		assert_int_equal(vg_csv_next(c), 1);
		assert_memory_equal(vg_csv_raw(c, &len), "O\x92" "Brien;caf\xe9 \x80\x81", 15);
		vg_csv_free(c);
	}
}

static int fail_read(void *ctx, char *buf, size_t cap, size_t *got)
{
	(void)ctx;
	(void)buf;
	(void)cap;
	*got = 0;
	return -1;
}

static void test_options(void **state)
{
	vg_csv_options o;
	vg_csv *c = NULL;
	(void)state;
	vg_csv_options_init(&o);
	assert_int_equal(o.version, VG_CSV_OPTIONS_VERSION);
	assert_int_equal(o.separator, ',');
	o.version = 99;
	assert_int_equal(vg_csv_open_mem(&c, "t.csv", "a", 1, &o), VG_EUSAGE);
	assert_null(c);
	vg_csv_options_init(&o);
	o.separator = '"';
	assert_int_equal(vg_csv_open_mem(&c, "t.csv", "a", 1, &o), VG_EUSAGE);
	/* a stream cannot seek; an empty input has no records */
	{
		dribble d = { "", 0, 1 };
		assert_int_equal(vg_csv_open_stream(&c, "t.csv", dribble_read, &d, NULL), 0);
		assert_int_equal(vg_csv_next(c), 0);
		assert_int_equal(vg_csv_seek(c, 0, 1), VG_EUSAGE);
		vg_csv_free(c);
	}
	/* a read error is a runtime failure naming the input */
	assert_int_equal(vg_csv_open_stream(&c, "in.csv", fail_read, NULL, NULL), 0);
	assert_int_equal(vg_csv_next(c), VG_EIO);
	assert_non_null(strstr(vg_error_last()->message, "in.csv: read error"));
	vg_csv_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_blank_bom_eof),
		cmocka_unit_test(test_raw_offset_seek),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_lenient),
		cmocka_unit_test(test_windows_1252),
		cmocka_unit_test(test_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
