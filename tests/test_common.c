/*
 * test_common.c - errors, buffers and schemas.
 */
#include "helpers.h"
#include "common/error.h"
#include "common/utf8.h"
#include "vigil/vigil.h"

static void test_error_last(void **state)
{
	(void)state;
	vg_error_clear();
	assert_int_equal(vg_error_last()->code, 0);
	assert_string_equal(vg_error_last()->message, "");
	assert_int_equal(vg__error_set(VG_EDATA, "%s:%d: bad", "f.csv", 3), VG_EDATA);
	assert_int_equal(vg_error_last()->code, VG_EDATA);
	assert_string_equal(vg_error_last()->message, "f.csv:3: bad");
	vg__error_prefix("reading %s", "x");
	assert_string_equal(vg_error_last()->message, "reading x: f.csv:3: bad");
}

static void test_buf(void **state)
{
	vg_buf b = VG_BUF_INIT;
	(void)state;
	assert_int_equal(vg_buf_puts(&b, "abc"), 0);
	assert_int_equal(vg_buf_printf(&b, "-%d-", 42), 0);
	assert_string_equal(b.ptr, "abc-42-");
	vg_buf_clear(&b);
	assert_int_equal(vg_buf_put_json_string(&b, "a\"b\\c\n\x01", 7), 0);
	assert_string_equal(b.ptr, "\"a\\\"b\\\\c\\n\\u0001\"");
	vg_buf_clear(&b);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(vg_buf_printf(&b, "%d,", i), 0);
	assert_true(b.size > 40000);
	assert_int_equal(b.ptr[b.size], '\0');
	vg_buf_dispose(&b);
	assert_null(b.ptr);
}

static void test_schema(void **state)
{
	(void)state;
	assert_int_equal(vg_schema_from_name("Person", 6), VG_SCHEMA_PERSON);
	assert_int_equal(vg_schema_from_name("legalentity", 11), VG_SCHEMA_LEGAL_ENTITY);
	assert_int_equal(vg_schema_from_name("Spaceship", 9), VG_SCHEMA_UNKNOWN);
	assert_string_equal(vg_schema_name(VG_SCHEMA_COMPANY), "Company");
	assert_true(vg_schema_is_screenable(VG_SCHEMA_VESSEL));
	assert_false(vg_schema_is_screenable(VG_SCHEMA_SANCTION));
	assert_false(vg_schema_compatible(VG_SCHEMA_PERSON, VG_SCHEMA_VESSEL));
	assert_true(vg_schema_compatible(VG_SCHEMA_LEGAL_ENTITY, VG_SCHEMA_COMPANY));
	assert_true(vg_schema_compatible(VG_SCHEMA_LEGAL_ENTITY, VG_SCHEMA_ORGANIZATION));
	assert_true(vg_schema_compatible(VG_SCHEMA_COMPANY, VG_SCHEMA_ORGANIZATION));
	assert_false(vg_schema_compatible(VG_SCHEMA_COMPANY, VG_SCHEMA_PERSON));
	assert_true(vg_schema_compatible(VG_SCHEMA_THING, VG_SCHEMA_AIRPLANE));
}

static void test_utf8(void **state)
{
	size_t bad = 99;
	(void)state;
	assert_true(vg__utf8_valid("Путин 习近平 \xf0\x9f\x98\x80", 25, NULL));
	assert_false(vg__utf8_valid("ab\xc0\xaf", 4, &bad));     /* overlong '/' */
	assert_int_equal(bad, 2);
	assert_false(vg__utf8_valid("\xed\xa0\x80", 3, NULL));   /* surrogate */
	assert_false(vg__utf8_valid("\xf4\x90\x80\x80", 4, NULL)); /* past U+10FFFF */
	assert_false(vg__utf8_valid("a\xd0", 2, &bad));           /* cut short */
	assert_int_equal(bad, 1);
	assert_false(vg__utf8_valid("caf\xe9", 4, NULL));         /* Latin-1 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_last),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_schema),
		cmocka_unit_test(test_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
