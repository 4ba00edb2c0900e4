/*
 * uk.c - the UK OFSI consolidated list CSV ("ConList.csv"): a first line
 * "Last Updated,DD/MM/YYYY", then a header, then one row per NAME of a
 * designated person, entity or ship; rows of one designation share a
 * Group ID.
 *
 * How it works: rows of a group need not be adjacent, so a first pass
 * records (Group ID, byte offset, line) of every row - 24 bytes a row plus
 * the ids, not the text - and sorts them by group, keeping file order
 * inside a group; the second pass re-parses each group's rows from the
 * mapped file and sends one record per group.  This index is the one
 * thing that grows with the file: about 1 MB for the 60,000 rows of the
 * real list.
 *
 * Mapping: Name 1..Name 5 are given names and Name 6 the family name; the
 * "Primary name" row is the name, other rows aliases (Alias Quality "Low"
 * -> weakAlias); Name Non-Latin Script is an alias qualified with its
 * script; DOB is DD/MM/YYYY with 00 for an unknown day or month; several
 * values in one cell are numbered "(1) ... (2) ...".
 */
#include "sources/source.h"
#include "common/alloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
	U_NAME1, U_NAME2, U_NAME3, U_NAME4, U_NAME5, U_NAME6, U_TITLE,
	U_NONLATIN, U_NONLATIN_TYPE, U_DOB, U_TOWN_BIRTH, U_COUNTRY_BIRTH,
	U_NATIONALITY, U_PASSPORT, U_PASSPORT_DETAILS, U_NATID, U_NATID_DETAILS,
	U_POSITION, U_ADDR1, U_ADDR2, U_ADDR3, U_ADDR4, U_ADDR5, U_ADDR6,
	U_POSTCODE, U_COUNTRY, U_OTHER, U_GROUP_TYPE, U_ALIAS_TYPE,
	U_ALIAS_QUALITY, U_REGIME, U_LISTED_ON, U_DESIGNATED, U_UPDATED,
	U_GROUP_ID, U__COUNT
};

static const char *const col_names[U__COUNT] = {
	"Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6", "Title",
	"Name Non-Latin Script", "Non-Latin Script Type", "DOB", "Town of Birth",
	"Country of Birth", "Nationality", "Passport Number", "Passport Details",
	"National Identification Number", "National Identification Details",
	"Position", "Address 1", "Address 2", "Address 3", "Address 4",
	"Address 5", "Address 6", "Post/Zip Code", "Country", "Other Information",
	"Group Type", "Alias Type", "Alias Quality", "Regime", "Listed On",
	"UK Sanctions List Date Designated", "Last Updated", "Group ID",
};

typedef struct {
	size_t gid_off, gid_len; /* Group ID in the ids buffer */
	size_t seq, off, line;
} row_ref;

typedef struct {
	const char *name;
	const char *data;
	size_t len;
	int col[U__COUNT];
	vg_csv *c; /* over the whole file; rows are re-read by seeking */
	vg_buf ids;
	row_ref *rows;
	size_t n, cap;
} uk_reader;

static const char *get(const uk_reader *u, const vg_csv *c, int which,
		       size_t *len)
{
	const char *s;
	if (u->col[which] < 0) {
		*len = 0;
		return "";
	}
	s = vg_csv_field(c, (size_t)u->col[which], len);
	vg__trim(&s, len);
	return s;
}

/* Sorting needs the ids buffer: rows carry offsets, so compare through a
 * small array of (pointer, ref) pairs instead of a global. */
typedef struct {
	const char *gid;
	size_t gid_len;
	const row_ref *ref;
} sort_item;

static int cmp_item(const void *a, const void *b)
{
	const sort_item *x = a, *y = b;
	size_t n = x->gid_len < y->gid_len ? x->gid_len : y->gid_len;
	int c = memcmp(x->gid, y->gid, n);
	if (c)
		return c;
	if (x->gid_len != y->gid_len)
		return x->gid_len < y->gid_len ? -1 : 1;
	return x->ref->seq < y->ref->seq ? -1 : x->ref->seq > y->ref->seq;
}

/* fn on every value of a cell that numbers them "(1) a (2) b". */
typedef int (*value_fn)(vg_record *rec, const char *key, const char *s,
			size_t len);

static int numbered(vg_record *rec, const char *key, const char *s, size_t len,
		    value_fn fn)
{
	size_t i = 0, start = 0;
	int rc;
	while (i <= len) {
		int at_mark = 0;
		size_t j = i;
		if (i < len && s[i] == '(') {
			j = i + 1;
			while (j < len && isdigit((unsigned char)s[j]))
				j++;
			at_mark = j > i + 1 && j < len && s[j] == ')';
		}
		if (i == len || at_mark) {
			const char *v = s + start;
			size_t vl = i - start;
			vg__trim(&v, &vl);
			if (vl && (rc = fn(rec, key, v, vl)) < 0)
				return rc;
			if (i == len)
				break;
			start = j + 1;
			i = j + 1;
			continue;
		}
		i++;
	}
	return 0;
}

static int v_plain(vg_record *rec, const char *key, const char *s, size_t len)
{
	return vg_record_add(rec, key, s, len, NULL);
}

static int v_country(vg_record *rec, const char *key, const char *s, size_t len)
{
	return vg__add_country(rec, key, s, len);
}

static int v_date(vg_record *rec, const char *key, const char *s, size_t len)
{
	int rc = vg__date_add(rec, key, s, len, VG__DMY, NULL);
	if (rc == 0)
		rc = vg_record_addf(rec, "notes", NULL, "%s: %.*s", key, (int)len, s);
	return rc < 0 ? rc : 0;
}

static int add_names(const uk_reader *u, const vg_csv *c, vg_record *rec,
		     int *have_primary)
{
	vg_buf full = VG_BUF_INIT;
	size_t l, tl, ql;
	const char *s, *type = get(u, c, U_ALIAS_TYPE, &tl);
	const char *quality = get(u, c, U_ALIAS_QUALITY, &ql);
	const char *key = "alias", *qual = NULL;
	int i, rc = 0, primary = tl >= 12 && strncasecmp(type, "Primary name", 12) == 0 &&
				 (tl == 12 || strncasecmp(type, "Primary name variation", 22) != 0);
	/* given names, then the family name (Name 6) */
	for (i = U_NAME1; i <= U_NAME6; i++) {
		s = get(u, c, i, &l);
		if (l && ((full.size && vg_buf_put(&full, " ", 1)) || vg_buf_put(&full, s, l))) {
			vg_buf_dispose(&full);
			return VG_ENOMEM;
		}
	}
	if (primary && !*have_primary) {
		key = "name";
		*have_primary = 1;
	} else if (ql >= 3 && strncasecmp(quality, "Low", 3) == 0) {
		key = "weakAlias";
		qual = "weak";
	} else if ((tl >= 3 && strncasecmp(type, "FKA", 3) == 0) ||
		   (tl >= 8 && strncasecmp(type, "Formerly", 8) == 0)) {
		key = "previousName";
	}
	if (full.size)
		rc = vg_record_add(rec, key, full.ptr, full.size, qual);
	vg_buf_dispose(&full);
	if (rc < 0)
		return rc;
	if (rec->schema == VG_SCHEMA_PERSON && strcmp(key, "weakAlias") != 0) {
		s = get(u, c, U_NAME1, &l);
		if ((rc = vg_record_add(rec, "firstName", s, l, NULL)) < 0)
			return rc;
		for (i = U_NAME2; i <= U_NAME5; i++) {
			s = get(u, c, i, &l);
			if ((rc = vg_record_add(rec, "middleName", s, l, NULL)) < 0)
				return rc;
		}
		s = get(u, c, U_NAME6, &l);
		if ((rc = vg_record_add(rec, "lastName", s, l, NULL)) < 0)
			return rc;
	}
	s = get(u, c, U_NONLATIN, &l);
	if (l && (rc = vg_record_add(rec, "alias", s, l, vg__script_of(s, l))) < 0)
		return rc;
	return 0;
}

static int add_facts(const uk_reader *u, const vg_csv *c, vg_record *rec,
		     vg_record *sanc)
{
	vg_buf a = VG_BUF_INIT;
	size_t l, i;
	const char *s;
	int rc = 0;
	static const struct {
		int col;
		const char *key;
		value_fn fn;
	} simple[] = {
		{ U_TITLE, "title", v_plain },
		{ U_DOB, "birthDate", v_date },
		{ U_TOWN_BIRTH, "birthPlace", v_plain },
		{ U_COUNTRY_BIRTH, "birthCountry", v_country },
		{ U_NATIONALITY, "nationality", v_country },
		{ U_PASSPORT, "passportNumber", v_plain },
		{ U_PASSPORT_DETAILS, "notes", v_plain },
		{ U_NATID, "idNumber", v_plain },
		{ U_NATID_DETAILS, "notes", v_plain },
		{ U_POSITION, "position", v_plain },
		{ U_COUNTRY, "country", v_country },
		{ U_OTHER, "notes", v_plain },
		{ U_REGIME, "program", v_plain },
		{ U_UPDATED, "modifiedAt", v_date },
	};
	for (i = 0; i < sizeof(simple) / sizeof(simple[0]); i++) {
		s = get(u, c, simple[i].col, &l);
		if (l && (rc = numbered(rec, simple[i].key, s, l, simple[i].fn)) < 0)
			return rc;
	}
	for (i = U_ADDR1; i <= U_COUNTRY; i++) {
		s = get(u, c, (int)i, &l);
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
	/* ships: the IMO number is only in the free text, "IMO: 9123456" */
	s = get(u, c, U_OTHER, &l);
	if (rec->schema == VG_SCHEMA_VESSEL && l) {
		const char *imo = memmem(s, l, "IMO", 3);
		if (imo) {
			const char *d = imo + 3, *end = s + l;
			while (d < end && (*d == ':' || *d == ' ' || *d == '.'))
				d++;
			for (i = 0; d + i < end && isdigit((unsigned char)d[i]); i++)
				;
			if (i == 7 && (rc = vg_record_addf(rec, "imoNumber", NULL, "IMO%.7s", d)) < 0)
				return rc;
		}
	}
	s = get(u, c, U_REGIME, &l);
	if ((rc = vg_record_add(sanc, "program", s, l, NULL)) < 0)
		return rc;
	s = get(u, c, U_LISTED_ON, &l);
	if (l && (rc = vg__date_add(sanc, "listingDate", s, l, VG__DMY, NULL)) < 0)
		return rc;
	s = get(u, c, U_DESIGNATED, &l);
	if (l && (rc = vg__date_add(sanc, "startDate", s, l, VG__DMY, NULL)) < 0)
		return rc;
	return 0;
}

static int do_group(uk_reader *u, const vg_reader_sink *sink, sort_item *items,
		    size_t n, vg_record *rec, vg_record *sanc)
{
	vg_csv *c = u->c;
	char id[160];
	size_t i, l;
	int rc = 0, have_primary = 0;
	const char *s;
	vg_record_reset(rec);
	vg_record_reset(sanc);
	rec->file = sanc->file = u->name;
	rec->line = sanc->line = items[0].ref->line;
	snprintf(id, sizeof(id), "uk-%.*s", (int)(items[0].gid_len > 100 ? 100 : items[0].gid_len),
		 items[0].gid);
	if ((rc = vg_record_set_id(rec, id, strlen(id))) < 0)
		return rc;
	for (i = 0; i < n && rc >= 0; i++) {
		const row_ref *r = items[i].ref;
		if ((rc = vg_csv_seek(c, r->off, r->line)) < 0 || (rc = vg_csv_next(c)) != 1)
			return rc < 0 ? rc : vg__error_set(VG_ERROR, "%s:%zu: row vanished", u->name, r->line);
		if (i == 0) {
			s = get(u, c, U_GROUP_TYPE, &l);
			if (l >= 10 && strncasecmp(s, "Individual", 10) == 0)
				rec->schema = VG_SCHEMA_PERSON;
			else if (l >= 4 && strncasecmp(s, "Ship", 4) == 0)
				rec->schema = VG_SCHEMA_VESSEL;
			else
				rec->schema = VG_SCHEMA_ORGANIZATION;
		}
		if ((rc = add_names(u, c, rec, &have_primary)) >= 0)
			rc = add_facts(u, c, rec, sanc);
	}
	if (rc < 0)
		return rc;
	if (!have_primary) {
		/* no "Primary name" row: the first name given stands in */
		const char *first = NULL;
		for (i = 0; i < rec->n_props && !first; i++)
			if (strcmp(rec->props[i].key, "alias") == 0 ||
			    strcmp(rec->props[i].key, "weakAlias") == 0)
				first = rec->props[i].value;
		if (!first) {
			vg__warn(sink, u->name, rec->line, "%s: no name, skipped", id);
			return 0;
		}
		if ((rc = vg_record_add(rec, "name", first, strlen(first), NULL)) < 0)
			return rc;
	}
	if ((rc = vg_record_add(rec, "topics", "sanction", 8, NULL)) < 0)
		return rc;
	sanc->schema = VG_SCHEMA_SANCTION;
	{
		char sid[192];
		snprintf(sid, sizeof(sid), "%s-sanction", id);
		if ((rc = vg_record_set_id(sanc, sid, strlen(sid))) < 0 ||
		    (rc = vg_record_add(sanc, "entity", id, strlen(id), NULL)) < 0 ||
		    (rc = vg_record_add(sanc, "authority", "HM Treasury OFSI", 16, NULL)) < 0 ||
		    (rc = vg_record_add(sanc, "country", "gb", 2, NULL)) < 0)
			return rc;
	}
	if ((rc = vg__emit(sink, rec)) != 0)
		return rc;
	return vg__emit(sink, sanc);
}

int vg__uk_parse(const char *name, const char *data, size_t len,
		 vg_source_meta *meta, const vg_reader_sink *sink)
{
	uk_reader u;
	vg_csv *c = NULL;
	vg_record rec, sanc;
	sort_item *items = NULL;
	int rc, i, header = 0;
	size_t k, start;
	memset(&u, 0, sizeof(u));
	u.name = name;
	u.data = data;
	u.len = len;
	vg_record_init(&rec);
	vg_record_init(&sanc);
	vg__meta_init(meta, "uk-ofsi", "uk-csv", name);
	if ((rc = vg__csv_open(&c, name, data, len, ',', meta)) < 0)
		goto cleanup;
	u.c = c;
	/* "Last Updated,DD/MM/YYYY", then the header */
	while (!header && (rc = vg_csv_next(c)) == 1) {
		size_t l;
		const char *f = vg_csv_field(c, 0, &l);
		if (l >= 12 && strncasecmp(f, "Last Updated", 12) == 0) {
			char d[11];
			const char *v = vg_csv_field(c, 1, &l);
			if (vg__date_norm(d, v, l, VG__DMY))
				snprintf(meta->as_of, sizeof(meta->as_of), "%s", d);
			continue;
		}
		for (i = 0; i < U__COUNT; i++)
			u.col[i] = (int)vg_csv_find(c, col_names[i]);
		if (u.col[U_GROUP_ID] < 0 || u.col[U_NAME6] < 0) {
			rc = vg__error_set(VG_EDATA, "%s:%zu: not the OFSI header (no \"Name 6\" and \"Group ID\")",
					   name, vg_csv_line(c));
			goto cleanup;
		}
		header = 1;
	}
	if (rc < 0)
		goto cleanup;
	if (!header) {
		rc = vg__error_set(VG_EDATA, "%s:1: no OFSI header", name);
		goto cleanup;
	}
	/* pass 1: where each row is, by group */
	for (;;) {
		size_t gl;
		const char *g;
		if ((rc = vg_csv_next(c)) != 1)
			break;
		start = (size_t)vg_csv_offset(c);
		if (vg_csv_count(c) <= (size_t)u.col[U_GROUP_ID]) {
			rc = vg__error_set(VG_EDATA, "%s:%zu: %zu fields, no Group ID (file truncated?)",
					   name, vg_csv_line(c), vg_csv_count(c));
			goto cleanup;
		}
		g = get(&u, c, U_GROUP_ID, &gl);
		if (!gl) {
			vg__warn(sink, name, vg_csv_line(c), "row without a Group ID, skipped");
			continue;
		}
		if (u.n == u.cap) {
			size_t ncap = u.cap ? u.cap * 2 : 1024, bytes;
			row_ref *nr;
			if (vg__mul_overflow(&bytes, ncap, sizeof(row_ref)) ||
			    !(nr = vg__realloc(u.rows, bytes))) {
				rc = vg__error_oom();
				goto cleanup;
			}
			u.rows = nr;
			u.cap = ncap;
		}
		u.rows[u.n].gid_off = u.ids.size;
		u.rows[u.n].gid_len = gl;
		u.rows[u.n].seq = u.n;
		u.rows[u.n].off = start;
		u.rows[u.n].line = vg_csv_line(c);
		u.n++;
		if (vg_buf_put(&u.ids, g, gl)) {
			rc = VG_ENOMEM;
			goto cleanup;
		}
	}
	if (rc < 0)
		goto cleanup;
	if (u.n) {
		size_t bytes, a, b;
		if (vg__mul_overflow(&bytes, u.n, sizeof(sort_item)) || !(items = vg__malloc(bytes))) {
			rc = vg__error_oom();
			goto cleanup;
		}
		for (k = 0; k < u.n; k++) {
			items[k].gid = u.ids.ptr + u.rows[k].gid_off;
			items[k].gid_len = u.rows[k].gid_len;
			items[k].ref = &u.rows[k];
		}
		qsort(items, u.n, sizeof(sort_item), cmp_item);
		/* pass 2: one record per group */
		for (a = 0; a < u.n; a = b) {
			for (b = a + 1; b < u.n && items[b].gid_len == items[a].gid_len &&
					memcmp(items[b].gid, items[a].gid, items[a].gid_len) == 0;
			     b++)
				;
			if ((rc = do_group(&u, sink, items + a, b - a, &rec, &sanc)) != 0)
				goto cleanup;
		}
	}
	rc = 0;
cleanup:
	free(items);
	free(u.rows);
	vg_buf_dispose(&u.ids);
	vg_csv_free(c);
	vg_record_dispose(&rec);
	vg_record_dispose(&sanc);
	return rc;
}
