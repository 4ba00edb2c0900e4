/*
 * fuzz_scan.c - libFuzzer target for the scanner's untrusted input: text
 * and HTML.  The first byte picks plain text or HTML; the rest is scanned
 * against a small dictionary built once (names in several scripts, a
 * packed name, a one-word name), so every stage runs: validation, HTML
 * stripping, tokenising, normalising, lookups, windows, surnames.  With
 * its bit 2 the rest is also a listed name of a dictionary of its own
 * (brackets, ';' and the annotations a list writes into names), which the
 * text is scanned against.
 * Checks the scanner's invariant: mentions in order, not overlapping, on
 * the text's bytes.
 */
#include "scan/scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static vg__scanner *dict;

static void build(void)
{
	static const struct {
		uint32_t e;
		vg_schema s;
		const char *n;
	} names[] = {
		{ 0, VG_SCHEMA_PUBLIC_BODY, "Rossotrudnichestvo" },
		{ 0, VG_SCHEMA_PUBLIC_BODY, "Россотрудничество" },
		{ 1, VG_SCHEMA_PERSON, "PUTIN, Vladimir Vladimirovich" },
		{ 2, VG_SCHEMA_PERSON, "Volodymyr Zelenskyy" },
		{ 3, VG_SCHEMA_ORGANIZATION, "BANK SEPAH; BANK SEPAH INTERNATIONAL (BSI PLC)" },
		{ 4, VG_SCHEMA_PERSON, "صدام حسين التكريتي" },
		{ 5, VG_SCHEMA_PERSON, "习近平" },
		{ 6, VG_SCHEMA_ORGANIZATION, "Russian House in Baku" },
		/* Arabic compounds in two words (scan.c join_compounds) */
		{ 7, VG_SCHEMA_ORGANIZATION, "HIZBALLAH" },
		{ 8, VG_SCHEMA_PERSON, "HAQQANI, Sirajuddin" },
		/* foreign names in Chinese syllables, Chinese words */
		{ 9, VG_SCHEMA_ORGANIZATION, "HAMAS" },
		{ 10, VG_SCHEMA_ORGANIZATION, "PARTY OF GOD" },
		/* an Arabic name's head noun left unsaid (scanner.c kind_pos);
		 * a first alef with the other hamza (scan.c alef_reading),
		 * also where that form is another name's word */
		{ 11, VG_SCHEMA_ORGANIZATION, "TANZIM AL-QA'IDA FI BILAD AL-MAGHRIB AL-ISLAMIYA" },
		{ 12, VG_SCHEMA_PERSON, "اياد اغ غالي" },
		{ 13, VG_SCHEMA_PERSON, "إياد علاوي" },
	};
	size_t i;
	if (vg__scanner_new(&dict))
		abort();
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (vg__scanner_add_name(dict, names[i].e, names[i].s, names[i].n,
					 strlen(names[i].n), 0))
			abort();
	if (vg__scanner_finish(dict))
		abort();
}

/* The text as a listed name of a dictionary of its own: NULL when it is no
 * name (not text). */
static vg__scanner *own_dict(const uint8_t *data, size_t size)
{
	vg__scanner *s = NULL;
	if (vg__scanner_new(&s))
		abort();
	if (vg__scanner_add_name(s, 0, VG_SCHEMA_ORGANIZATION, (const char *)data, size, 0) ||
	    vg__scanner_finish(s)) {
		vg__scanner_free(s);
		return NULL;
	}
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vg__mention *m = NULL;
	vg__scanner *own = NULL;
	size_t n = 0, i;
	if (!dict)
		build();
	if (size < 1)
		return 0;
	if ((data[0] & 2) && !(own = own_dict(data + 1, size - 1)))
		return 0;
	if (vg__scan(&m, &n, own ? own : dict, (const char *)data + 1, size - 1, -1,
		     (data[0] & 1) != 0) == 0) {
		for (i = 0; i < n; i++) {
			if (m[i].start >= m[i].end || m[i].end > size - 1)
				abort();
			if (i && m[i].start < m[i - 1].end)
				abort();
		}
	}
	free(m);
	vg__scanner_free(own);
	return 0;
}
