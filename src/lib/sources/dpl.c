/*
 * dpl.c - the BIS Denied Persons List, tab-separated with quoted fields:
 * Name, Street_Address, City, State, Country, Postal_Code, Effective_Date,
 * Expiration_Date, Standard_Order, Last_Update, Action, FR_Citation.
 *
 * The list has no ids and writes one row per address, so one denied party
 * often spans several adjacent rows with the same name and effective
 * date: those rows are merged into one entity.  The id is dpl-<hash of the
 * upper-cased name and the effective date>, which survives address
 * changes and new Federal Register citations; a party that reappears
 * further down gets a -2, -3 ... suffix.  Names do not say whether a party
 * is a person or a company, so entities are LegalEntity (they match both).
 * Dates are US style, MM/DD/YYYY.
 */
#include "sources/source.h"
#include "common/alloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { D_NAME, D_STREET, D_CITY, D_STATE, D_COUNTRY, D_POSTAL, D_EFFECTIVE,
       D_EXPIRATION, D_STANDARD, D_UPDATED, D_ACTION, D_FR, D__COUNT };

static const char *const col_names[D__COUNT] = {
	"Name", "Street_Address", "City", "State", "Country", "Postal_Code",
	"Effective_Date", "Expiration_Date", "Standard_Order", "Last_Update",
	"Action", "FR_Citation",
};

typedef struct {
	int col[D__COUNT];
	const vg_csv *c;
} row;

static const char *get(const row *r, int which, size_t *len)
{
	const char *s;
	if (r->col[which] < 0) {
		*len = 0;
		return "";
	}
	s = vg_csv_field(r->c, (size_t)r->col[which], len);
	while (*len && isspace((unsigned char)*s)) {
		s++;
		(*len)--;
	}
	while (*len && isspace((unsigned char)s[*len - 1]))
		(*len)--;
	return s;
}

static uint64_t key_of(const row *r)
{
	size_t nl, el, i;
	const char *nm = get(r, D_NAME, &nl), *eff = get(r, D_EFFECTIVE, &el);
	uint64_t h = VG__FNV_SEED;
	for (i = 0; i < nl; i++) {
		unsigned char ch = (unsigned char)toupper((unsigned char)nm[i]);
		/* "AL-NASER  AIRLINES" and "AL-NASER AIRLINES" are one name */
		if (ch == ' ' && i + 1 < nl && nm[i + 1] == ' ')
			continue;
		h = vg__fnv1a(&ch, 1, h);
	}
	h = vg__fnv1a("|", 1, h);
	return vg__fnv1a(eff, el, h);
}

typedef struct {
	uint64_t *seen;
	size_t n, cap;
} seen_set;

/* How many times key was seen before (and remember it once more). */
static int seen_count(seen_set *s, uint64_t key, size_t *count)
{
	size_t i;
	*count = 0;
	for (i = 0; i < s->n; i++)
		if (s->seen[i] == key)
			(*count)++;
	if (vg__grow(&s->seen, &s->cap, s->n + 1, sizeof(*s->seen)))
		return VG_ENOMEM;
	s->seen[s->n++] = key;
	return 0;
}

static int add_row_facts(vg_record *rec, vg_record *sanc, const row *r)
{
	static const int addr_cols[] = { D_STREET, D_CITY, D_STATE, D_POSTAL, D_COUNTRY };
	vg_buf a = VG_BUF_INIT;
	size_t i, l;
	const char *s;
	int rc = 0;
	for (i = 0; i < sizeof(addr_cols) / sizeof(addr_cols[0]); i++) {
		s = get(r, addr_cols[i], &l);
		if (l && ((a.size && vg_buf_put(&a, ", ", 2)) || vg_buf_put(&a, s, l))) {
			vg_buf_dispose(&a);
			return VG_ENOMEM;
		}
	}
	if (a.size)
		rc = vg_record_add(rec, "address", a.ptr, a.size, NULL);
	vg_buf_dispose(&a);
	if (rc < 0)
		return rc;
	s = get(r, D_COUNTRY, &l);
	if (l && (rc = vg__add_country(rec, "country", s, l)) < 0)
		return rc;
	s = get(r, D_FR, &l);
	if ((rc = vg_record_add(sanc, "summary", s, l, NULL)) < 0)
		return rc;
	s = get(r, D_ACTION, &l);
	if ((rc = vg_record_add(sanc, "status", s, l, NULL)) < 0)
		return rc;
	s = get(r, D_UPDATED, &l);
	if (l && (rc = vg__date_add(rec, "modifiedAt", s, l, VG__MDY, NULL)) < 0)
		return rc;
	return 0;
}

static int start_entity(vg_record *rec, vg_record *sanc, const row *r,
			const char *name, size_t line, uint64_t key, size_t dup)
{
	char id[64], sid[96];
	size_t l;
	const char *s;
	int rc;
	vg_record_reset(rec);
	vg_record_reset(sanc);
	rec->file = sanc->file = name;
	rec->line = sanc->line = line;
	rec->schema = VG_SCHEMA_LEGAL_ENTITY;
	sanc->schema = VG_SCHEMA_SANCTION;
	if (dup)
		snprintf(id, sizeof(id), "dpl-%012llx-%zu",
			 (unsigned long long)(key & 0xffffffffffffULL), dup + 1);
	else
		snprintf(id, sizeof(id), "dpl-%012llx", (unsigned long long)(key & 0xffffffffffffULL));
	snprintf(sid, sizeof(sid), "%s-sanction", id);
	s = get(r, D_NAME, &l);
	if ((rc = vg_record_set_id(rec, id, strlen(id))) < 0 ||
	    (rc = vg_record_add(rec, "name", s, l, NULL)) < 0 ||
	    (rc = vg_record_add(rec, "topics", "debarment", 9, NULL)) < 0 ||
	    (rc = vg_record_add(rec, "program", "Denied Persons List", 19, NULL)) < 0 ||
	    (rc = vg_record_set_id(sanc, sid, strlen(sid))) < 0 ||
	    (rc = vg_record_add(sanc, "entity", id, strlen(id), NULL)) < 0 ||
	    (rc = vg_record_add(sanc, "authority", "US Bureau of Industry and Security", 34, NULL)) < 0 ||
	    (rc = vg_record_add(sanc, "program", "Denied Persons List", 19, NULL)) < 0 ||
	    (rc = vg_record_add(sanc, "country", "us", 2, NULL)) < 0)
		return rc;
	s = get(r, D_EFFECTIVE, &l);
	if ((rc = vg__date_add(sanc, "startDate", s, l, VG__MDY, NULL)) < 0)
		return rc;
	s = get(r, D_EXPIRATION, &l);
	if ((rc = vg__date_add(sanc, "endDate", s, l, VG__MDY, NULL)) < 0)
		return rc;
	return 0;
}

int vg__dpl_parse(const char *name, const char *data, size_t len,
		  vg_source_meta *meta, const vg_reader_sink *sink)
{
	vg_csv *c = NULL;
	vg_record rec, sanc;
	seen_set seen = { NULL, 0, 0 };
	row r;
	uint64_t cur = 0;
	int rc, i, open = 0;
	vg__meta_init(meta, vg__dataset_name(VG__DS_US_DPL), "dpl-tsv", name);
	vg_record_init(&rec);
	vg_record_init(&sanc);
	if ((rc = vg__csv_open(&c, name, data, len, '\t', meta)) < 0)
		goto cleanup;
	r.c = c;
	if ((rc = vg_csv_next(c)) <= 0) {
		if (rc == 0)
			rc = vg__error_set(VG_EDATA, "%s:1: empty file, expected the DPL header", name);
		goto cleanup;
	}
	for (i = 0; i < D__COUNT; i++)
		r.col[i] = (int)vg_csv_find(c, col_names[i]);
	if (r.col[D_NAME] < 0) {
		rc = vg__error_set(VG_EDATA, "%s:1: DPL header without a \"Name\" column", name);
		goto cleanup;
	}
	while ((rc = vg_csv_next(c)) == 1) {
		size_t nl, dup;
		uint64_t key;
		get(&r, D_NAME, &nl);
		if (vg_csv_count(c) < D__COUNT && vg_csv_count(c) < (size_t)r.col[D_NAME] + 1) {
			rc = vg__error_set(VG_EDATA, "%s:%zu: %zu fields, expected %d (file truncated?)",
					   name, vg_csv_line(c), vg_csv_count(c), D__COUNT);
			goto cleanup;
		}
		if (!nl) {
			vg__warn(sink, name, vg_csv_line(c), "row without a name, skipped");
			continue;
		}
		key = key_of(&r);
		if (!open || key != cur) {
			if (open && ((rc = vg__emit(sink, &rec)) != 0 || (rc = vg__emit(sink, &sanc)) != 0))
				goto cleanup;
			if ((rc = seen_count(&seen, key, &dup)) < 0 ||
			    (rc = start_entity(&rec, &sanc, &r, name, vg_csv_line(c), key, dup)) < 0)
				goto cleanup;
			cur = key;
			open = 1;
		}
		if ((rc = add_row_facts(&rec, &sanc, &r)) < 0)
			goto cleanup;
	}
	if (rc == 0 && open && (rc = vg__emit(sink, &rec)) == 0)
		rc = vg__emit(sink, &sanc);
cleanup:
	vg_csv_free(c);
	vg_record_dispose(&rec);
	vg_record_dispose(&sanc);
	free(seen.seen);
	return rc;
}
