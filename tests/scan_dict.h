/*
 * scan_dict.h - what the scan tests share: a scanner dictionary made by
 * hand from a table of names, with unrelated people beside them so that
 * word weights mean something.
 */
#ifndef VG_TEST_SCAN_DICT_H
#define VG_TEST_SCAN_DICT_H

#include "helpers.h"
#include "scan/scanner.h"

typedef struct {
	uint32_t entity;
	vg_schema schema;
	const char *name;
} nm;

/* A dictionary of the n names v (v[i] with flags[i], VG_SCAN_NAME_*, when
 * flags is not NULL: a weak alias) and 60 people "GIVEN FillerN", the given
 * names given1 and given2 alternating; with given1 NULL they are "PersonN
 * FillerM", every given name different. */
static inline vg__scanner *dict_flags(const nm *v, const unsigned *flags, size_t n,
				      const char *given1, const char *given2)
{
	vg__scanner *s = NULL;
	size_t i;
	assert_int_equal(vg__scanner_new(&s), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(vg__scanner_add_name(s, v[i].entity, v[i].schema, v[i].name,
						      strlen(v[i].name), flags ? flags[i] : 0), 0);
	for (i = 100; i < 160; i++) {
		char b[64];
		if (given1)
			snprintf(b, sizeof(b), "%s Filler%zu", i % 2 ? given1 : given2, i);
		else
			snprintf(b, sizeof(b), "Person%zu Filler%zu", i, i % 7);
		assert_int_equal(vg__scanner_add_name(s, (uint32_t)i, VG_SCHEMA_PERSON, b,
						      strlen(b), 0), 0);
	}
	assert_int_equal(vg__scanner_finish(s), 0);
	return s;
}

static inline vg__scanner *dict_of(const nm *v, size_t n, const char *given1,
				   const char *given2)
{
	return dict_flags(v, NULL, n, given1, given2);
}

#endif
