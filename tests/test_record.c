/*
 * test_record.c - the entity model: the record arena keeps every string
 * valid as it grows, values are trimmed and de-duplicated, limits hold.
 */
#include "helpers.h"
#include "model/record.h"
#include "vigil/vigil.h"

static void test_add_and_get(void **state)
{
	vg_record rec;
	(void)state;
	vg_record_init(&rec);
	rec.file = "x.csv";
	rec.line = 7;
	assert_int_equal(vg_record_set_id(&rec, "  ofac-1 ", 9), 0);
	assert_string_equal(rec.id, "ofac-1");
	assert_int_equal(vg_record_add(&rec, "name", " Ivan  ", 7, NULL), 0);
	assert_int_equal(vg_record_add(&rec, "name", "\xc2\xa0Ivan\xc2\xa0", 8, NULL), 0);
	assert_int_equal(vg_record_add(&rec, "alias", "", 0, NULL), 0);
	assert_int_equal(vg_record_add(&rec, "alias", "   ", 3, NULL), 0);
	assert_int_equal(vg_record_add(&rec, "passportNumber", "A1", 2, "ru"), 0);
	assert_int_equal(vg_record_add(&rec, "passportNumber", "A1", 2, "ua"), 0);
	assert_int_equal(vg_record_add(&rec, "passportNumber", "A1", 2, "ru"), 0);
	/* trimmed, empty dropped, exact repeats kept once */
	assert_int_equal(rec.n_props, 3);
	assert_string_equal(vg_record_get(&rec, "name"), "Ivan");
	assert_null(vg_record_get(&rec, "alias"));
	assert_string_equal(rec.props[1].qual, "ru");
	assert_string_equal(rec.props[2].qual, "ua");
	assert_null(rec.props[0].qual);
	/* an empty id is bad data */
	assert_int_equal(vg_record_set_id(&rec, " ", 1), VG_EDATA);
	assert_non_null(strstr(vg_error_last()->message, "x.csv:7"));
	vg_record_dispose(&rec);
}

static void test_arena_growth(void **state)
{
	vg_record rec;
	char v[64];
	int i;
	(void)state;
	vg_record_init(&rec);
	assert_int_equal(vg_record_set_id(&rec, "id-1", 4), 0);
	assert_int_equal(vg_record_set_schema(&rec, "Person", 6), 0);
	/* far more than the first arena block: every pointer must follow */
	for (i = 0; i < 5000; i++) {
		snprintf(v, sizeof(v), "value number %d", i);
		assert_int_equal(vg_record_add(&rec, "alias", v, strlen(v), i % 2 ? "weak" : NULL), 0);
	}
	assert_int_equal(rec.n_props, 5000);
	assert_string_equal(rec.id, "id-1");
	assert_string_equal(rec.schema_name, "Person");
	assert_int_equal(rec.schema, VG_SCHEMA_PERSON);
	for (i = 0; i < 5000; i += 499) {
		snprintf(v, sizeof(v), "value number %d", i);
		assert_string_equal(rec.props[i].value, v);
		assert_string_equal(rec.props[i].key, "alias");
		if (i % 2)
			assert_string_equal(rec.props[i].qual, "weak");
		else
			assert_null(rec.props[i].qual);
	}
	/* adding a value that points into the record itself is safe even
	 * when the arena moves */
	for (i = 0; i < 5000; i++)
		assert_int_equal(vg_record_add(&rec, "name", rec.props[i].value,
					       strlen(rec.props[i].value), rec.props[i].qual), 0);
	assert_string_equal(rec.props[5000].value, "value number 0");
	/* reset keeps the memory and empties the record */
	vg_record_reset(&rec);
	assert_int_equal(rec.n_props, 0);
	assert_null(rec.id);
	assert_int_equal(vg_record_add(&rec, "name", "again", 5, NULL), 0);
	assert_string_equal(vg_record_get(&rec, "name"), "again");
	vg_record_dispose(&rec);
}

static void test_addf_and_limits(void **state)
{
	vg_record rec;
	char *big;
	size_t n = VG_RECORD_VALUE_MAX + 1;
	(void)state;
	vg_record_init(&rec);
	rec.file = "big.csv";
	rec.line = 3;
	assert_int_equal(vg_record_addf(&rec, "imoNumber", NULL, "IMO%d", 9187629), 0);
	assert_string_equal(vg_record_get(&rec, "imoNumber"), "IMO9187629");
	/* longer than addf's stack buffer */
	big = malloc(n + 1);
	if (!big)
		abort();
	memset(big, 'x', 1000);
	big[1000] = '\0';
	assert_int_equal(vg_record_addf(&rec, "notes", NULL, "%s!", big), 0);
	assert_int_equal(strlen(vg_record_get(&rec, "notes")), 1001);
	/* a value above the limit is refused, naming the place */
	memset(big, 'y', n);
	big[n] = '\0';
	assert_int_equal(vg_record_add(&rec, "notes", big, n, NULL), VG_EDATA);
	assert_non_null(strstr(vg_error_last()->message, "big.csv:3"));
	assert_int_equal(vg_record_add(&rec, "notes", big, n - 1, NULL), 0);
	free(big);
	/* unknown FtM schemata are carried as Other with their name */
	assert_int_equal(vg_record_set_schema(&rec, "CryptoWallet", 12), 0);
	assert_int_equal(rec.schema, VG_SCHEMA_OTHER);
	assert_string_equal(rec.schema_name, "CryptoWallet");
	vg_record_dispose(&rec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_and_get),
		cmocka_unit_test(test_arena_growth),
		cmocka_unit_test(test_addf_and_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
