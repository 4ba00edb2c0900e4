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
 * "Primary name" row (before 2022: "Prime Alias") is the name, other rows
 * aliases (Alias Quality "Low" -> weakAlias, Alias Type FKA ->
 * previousName); Name Non-Latin Script is an alias qualified with its
 * script; DOB is DD/MM/YYYY with 00 for an unknown day or month.  Several
 * values in one cell are numbered, as "(1) a (2) b", "1) a 2) b",
 * "a) a, b) b" or "(1)-(2) a (3) b".  Country cells become codes, a
 * comment after the country ("Afghanistan (since 2009)") going to the
 * notes.  Passport and identification cells hold numbers amid words
 * ("Passport No: 592667 (Qatari passport ...)"): the number is taken, the
 * cell kept as a note.
 *
 * The layout before 2022 (the real file of 2018: 29 columns, "Passport
 * Details" and "NI Number", no Alias Quality) has no "Ship" group type:
 * an Entity whose notes give an IMO number with a ship's check digit is
 * read as a Vessel (shipping companies' IMO numbers fail that check).
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

/* Column names; the second is the name before 2022. */
static const char *const col_names[U__COUNT][2] = {
	{ "Name 1" }, { "Name 2" }, { "Name 3" }, { "Name 4" }, { "Name 5" }, { "Name 6" },
	{ "Title" }, { "Name Non-Latin Script" }, { "Non-Latin Script Type" }, { "DOB" },
	{ "Town of Birth" }, { "Country of Birth" }, { "Nationality" }, { "Passport Number" },
	{ "Passport Details" }, { "National Identification Number", "NI Number" },
	{ "National Identification Details" }, { "Position" }, { "Address 1" }, { "Address 2" },
	{ "Address 3" }, { "Address 4" }, { "Address 5" }, { "Address 6" }, { "Post/Zip Code" },
	{ "Country" }, { "Other Information" }, { "Group Type" }, { "Alias Type" },
	{ "Alias Quality" }, { "Regime" }, { "Listed On" },
	{ "UK Sanctions List Date Designated" }, { "Last Updated" }, { "Group ID" },
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
	int old_layout; /* before 2022: no Alias Quality, no Ship group type */
	vg_csv *c;      /* over the whole file; rows are re-read by seeking */
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

/* fn on every value of a cell that numbers them. */
typedef int (*value_fn)(vg_record *rec, const char *key, const char *s,
			size_t len);

/* Length of the item marker at s[i] ("(1)", "1)", "(a)", "a)", and a
 * range "(1)-(2)" or "(1) to (6)" as one), 0 when none. */
static size_t marker_at(const char *s, size_t len, size_t i)
{
	size_t j = i, k;
	if (i > 0 && s[i - 1] != ' ' && s[i - 1] != ',' && s[i - 1] != ';' && s[i - 1] != '(')
		return 0;
	if (j < len && s[j] == '(')
		j++;
	k = j;
	while (j < len && j - k < 2 && isdigit((unsigned char)s[j]))
		j++;
	if (j == k && j < len && s[j] >= 'a' && s[j] <= 'z')
		j++;
	if (j == k || j >= len || s[j] != ')')
		return 0;
	j++;
	/* a range of items: "(1)-(2)", "(1) to (6)" */
	if (j < len && s[j] == '-' && (k = marker_at(s, len, j + 1)))
		return j + 1 + k - i;
	if (j + 4 <= len && memcmp(s + j, " to ", 4) == 0 && (k = marker_at(s, len, j + 4)))
		return j + 4 + k - i;
	return j - i;
}

/* fn on every item of a cell that starts with an item marker, else on
 * the whole cell. */
static int numbered(vg_record *rec, const char *key, const char *s, size_t len,
		    value_fn fn)
{
	size_t i, start = 0, m;
	int rc;
	vg__trim(&s, &len);
	/* a list starts with a marker; then (1) and (b) may mix */
	if (!len || !(m = marker_at(s, len, 0)))
		return len ? fn(rec, key, s, len) : 0;
	for (i = start = m; i <= len; i++) {
		m = i < len ? marker_at(s, len, i) : 0;
		if (i == len || m) {
			const char *v = s + start;
			size_t vl = i - start;
			vg__trim(&v, &vl);
			while (vl && (v[vl - 1] == ',' || v[vl - 1] == ';'))
				vl--;
			vg__trim(&v, &vl);
			if (vl && (rc = fn(rec, key, v, vl)) < 0)
				return rc;
			start = i + m;
			if (m)
				i += m - 1;
		}
	}
	return 0;
}

static int v_plain(vg_record *rec, const char *key, const char *s, size_t len)
{
	return vg_record_add(rec, key, s, len, NULL);
}

/* The country of "Afghanistan (since 2009)", "In Syria as at June 2013",
 * "Iranian (Iranian citizenship)": the cell less its comment. */
static const char *country_in(const char *s, size_t len)
{
	static const char *const heads[] = { "In ", "Possibly ", "now " };
	static const char *const tails[] = { " as at ", " as of ", " since ", " until " };
	static const char *const ends[] = { " citizenship", " nationality", " by birth" };
	const char *code, *p;
	size_t i, n;
	while (len && (s[len - 1] == '.' || s[len - 1] == ' '))
		len--;
	if ((code = vg__country_code(s, len)))
		return code;
	if (len && s[len - 1] == ')' && (p = memrchr(s, '(', len)) && p > s) {
		size_t l = (size_t)(p - s);
		vg__trim(&s, &l);
		return country_in(s, l);
	}
	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		if (len > (n = strlen(heads[i])) && strncasecmp(s, heads[i], n) == 0)
			return country_in(s + n, len - n);
	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (len > (n = strlen(ends[i])) && strncasecmp(s + len - n, ends[i], n) == 0)
			return vg__country_code(s, len - n);
	for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++)
		if ((p = memmem(s, len, tails[i], strlen(tails[i]))) && p > s)
			return vg__country_code(s, (size_t)(p - s));
	/* "Latakia Province, Syria": the last part */
	if ((p = memrchr(s, ',', len)) && p + 1 < s + len) {
		const char *t = p + 1;
		n = (size_t)(s + len - t);
		vg__trim(&t, &n);
		return vg__country_code(t, n);
	}
	return NULL;
}

static int v_country(vg_record *rec, const char *key, const char *s, size_t len)
{
	const char *code = country_in(s, len);
	int rc;
	if (!code)
		return vg_record_add(rec, key, s, len, NULL);
	if ((rc = vg_record_add(rec, key, code, strlen(code), NULL)) < 0)
		return rc;
	/* what was said beside the country stays readable */
	if (!vg__country_code(s, len))
		rc = vg_record_addf(rec, "notes", NULL, "%s: %.*s", key, (int)len, s);
	return rc;
}

/* The number in a passport or identification cell: the first word holding
 * a digit ("Passport No: 592667 (Qatari ...)", "Ration card no. 0075258"),
 * with one or two capitals standing before it ("D 0001203"), qualified
 * with the country a parenthesis right after it names ("(Kuwaiti)"). */
static int v_number(vg_record *rec, const char *key, const char *s, size_t len)
{
	size_t i = 0, b = 0, e = 0, pb = 0, pe = 0, k;
	const char *code = NULL;
	for (;;) {
		while (i < len && strchr(" :,;()", s[i]))
			i++;
		if (i == len)
			return 0;
		b = i;
		while (i < len && !strchr(" :,;()", s[i]))
			i++;
		e = i;
		for (k = b; k < e && !isdigit((unsigned char)s[k]); k++)
			;
		if (k < e)
			break;
		pb = b;
		pe = e;
	}
	while (e > b && s[e - 1] == '.')
		e--;
	/* "no.2054275397" */
	if (e - b > 3 && (strncasecmp(s + b, "no.", 3) == 0 || strncasecmp(s + b, "nr.", 3) == 0)) {
		b += 3;
		pe = 0;
	}
	/* "D 0001203": the capitals before the digits belong to the number */
	if (pe && pe + 1 == b && pe - pb <= 2 && isupper((unsigned char)s[pb]) &&
	    (pe - pb == 1 || isupper((unsigned char)s[pb + 1])))
		b = pb;
	while (i < len && s[i] == ' ')
		i++;
	if (i < len && s[i] == '(') {
		/* "(Kuwaiti)", "(Qatari passport issued on 3 May 2007)" */
		const char *in = s + i + 1, *close = memchr(in, ')', len - i - 1), *sp;
		if (close && !(code = vg__country_code(in, (size_t)(close - in))) &&
		    (sp = memchr(in, ' ', (size_t)(close - in))))
			code = vg__country_code(in, (size_t)(sp - in));
	}
	return vg_record_add(rec, key, s + b, e - b, code);
}

/* True when s holds digits (and punctuation) but no letter. */
static int only_digits(const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++)
		if (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

static int v_date(vg_record *rec, const char *key, const char *s, size_t len)
{
	int rc = vg__date_add(rec, key, s, len, VG__DMY, NULL);
	if (rc == 0)
		rc = vg_record_addf(rec, "notes", NULL, "%s: %.*s", key, (int)len, s);
	return rc < 0 ? rc : 0;
}

/* The first IMO number in s ("IMO: 9123456", "(IMO number: 9123456)"),
 * into out[8]; 0 when none. */
static int find_imo(const char *s, size_t len, char out[8])
{
	const char *p = s, *end = s + len;
	while (p < end && (p = memmem(p, (size_t)(end - p), "IMO", 3))) {
		const char *d = p + 3;
		size_t k;
		while (d < end && d - p < 16 && !isdigit((unsigned char)*d))
			d++;
		for (k = 0; d + k < end && isdigit((unsigned char)d[k]); k++)
			;
		if (k == 7) {
			memcpy(out, d, 7);
			out[7] = '\0';
			return 1;
		}
		p += 3;
	}
	return 0;
}

/* A ship's IMO number ends in a check digit: the sum of its first six
 * digits weighted 7..2, modulo 10. */
static int is_ship_imo(const char imo[8])
{
	int i, sum = 0;
	for (i = 0; i < 6; i++)
		sum += (imo[i] - '0') * (7 - i);
	return sum % 10 == imo[6] - '0';
}

static int add_names(const uk_reader *u, const vg_csv *c, vg_record *rec,
		     int *have_primary)
{
	vg_buf full = VG_BUF_INIT;
	size_t l, tl, ql;
	const char *s, *type = get(u, c, U_ALIAS_TYPE, &tl);
	const char *quality = get(u, c, U_ALIAS_QUALITY, &ql);
	const char *key = "alias", *qual = NULL;
	/* "Primary name" (not "... variation"); "Prime Alias" before 2022 */
	int i, rc = 0, primary = (tl >= 12 && strncasecmp(type, "Primary name", 12) == 0 &&
				  (tl == 12 || strncasecmp(type, "Primary name variation", 22) != 0)) ||
				 (tl == 11 && strncasecmp(type, "Prime Alias", 11) == 0);
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
		{ U_PASSPORT, "passportNumber", v_number },
		{ U_PASSPORT_DETAILS, "notes", v_plain },
		{ U_NATID, "idNumber", v_number },
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
	/* before 2022 the passport numbers are in Passport Details, and the
	 * NI Number cell says what the number is */
	s = get(u, c, U_PASSPORT_DETAILS, &l);
	if (u->col[U_PASSPORT] < 0 && l && (rc = numbered(rec, "passportNumber", s, l, v_number)) < 0)
		return rc;
	s = get(u, c, U_NATID, &l);
	if (u->col[U_NATID_DETAILS] < 0 && l && !only_digits(s, l) &&
	    (rc = vg_record_addf(rec, "notes", NULL, "National identification: %.*s", (int)l, s)) < 0)
		return rc;
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
	/* a ship's or shipping company's IMO number is only in the free
	 * text: "IMO: 9123456", "(IMO number: 9123456)" */
	s = get(u, c, U_OTHER, &l);
	if (rec->schema != VG_SCHEMA_PERSON && l) {
		char imo[8];
		if (find_imo(s, l, imo) && (rc = vg_record_addf(rec, "imoNumber", NULL, "IMO%s", imo)) < 0)
			return rc;
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

/* Person, Vessel or Organization from the Group Type; before 2022 an
 * Entity that gives a ship's IMO number is a Vessel. */
static vg_schema schema_of(const uk_reader *u, const vg_csv *c)
{
	size_t l;
	const char *s = get(u, c, U_GROUP_TYPE, &l);
	char imo[8];
	if (l >= 10 && strncasecmp(s, "Individual", 10) == 0)
		return VG_SCHEMA_PERSON;
	if (l >= 4 && strncasecmp(s, "Ship", 4) == 0)
		return VG_SCHEMA_VESSEL;
	s = get(u, c, U_OTHER, &l);
	if (u->old_layout && find_imo(s, l, imo) && is_ship_imo(imo))
		return VG_SCHEMA_VESSEL;
	return VG_SCHEMA_ORGANIZATION;
}

static int do_group(uk_reader *u, const vg_reader_sink *sink, sort_item *items,
		    size_t n, vg_record *rec, vg_record *sanc)
{
	vg_csv *c = u->c;
	char id[160];
	size_t i;
	int rc = 0, have_primary = 0;
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
		if (i == 0)
			rec->schema = schema_of(u, c);
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

/* The "Last Updated" line (as_of) and the header: the column of each
 * name, which layout. */
static int read_header(uk_reader *u, vg_source_meta *meta)
{
	int rc, i;
	while ((rc = vg_csv_next(u->c)) == 1) {
		size_t l;
		const char *f = vg_csv_field(u->c, 0, &l);
		if (l >= 12 && strncasecmp(f, "Last Updated", 12) == 0) {
			char d[11];
			const char *v = vg_csv_field(u->c, 1, &l);
			if (vg__date_norm(d, v, l, VG__DMY))
				snprintf(meta->as_of, sizeof(meta->as_of), "%s", d);
			continue;
		}
		for (i = 0; i < U__COUNT; i++) {
			u->col[i] = (int)vg_csv_find(u->c, col_names[i][0]);
			if (u->col[i] < 0 && col_names[i][1])
				u->col[i] = (int)vg_csv_find(u->c, col_names[i][1]);
		}
		if (u->col[U_GROUP_ID] < 0 || u->col[U_NAME6] < 0)
			return vg__error_set(VG_EDATA, "%s:%zu: not the OFSI header (no \"Name 6\" and \"Group ID\")",
					     u->name, vg_csv_line(u->c));
		u->old_layout = u->col[U_ALIAS_QUALITY] < 0;
		return 0;
	}
	return rc < 0 ? rc : vg__error_set(VG_EDATA, "%s:1: no OFSI header", u->name);
}

/* Pass 1: where each row is, by group.  A row shorter than the header is
 * read as far as it goes; without a Group ID it is skipped, unless the
 * file ends inside it (a truncated file). */
static int index_rows(uk_reader *u, const vg_reader_sink *sink)
{
	int rc;
	while ((rc = vg_csv_next(u->c)) == 1) {
		size_t gl, raw;
		const char *g;
		if (vg_csv_count(u->c) <= (size_t)u->col[U_GROUP_ID]) {
			vg_csv_raw(u->c, &raw);
			if (vg_csv_offset(u->c) + raw == u->len)
				return vg__error_set(VG_EDATA, "%s:%zu: the last row has %zu fields and no "
						     "Group ID, and no line end: file truncated?",
						     u->name, vg_csv_line(u->c), vg_csv_count(u->c));
			vg__warn(sink, u->name, vg_csv_line(u->c),
				 "row of %zu fields, the header has more: no Group ID, skipped",
				 vg_csv_count(u->c));
			continue;
		}
		g = get(u, u->c, U_GROUP_ID, &gl);
		if (!gl) {
			vg__warn(sink, u->name, vg_csv_line(u->c), "row without a Group ID, skipped");
			continue;
		}
		if (vg__grow(&u->rows, &u->cap, u->n + 1, sizeof(*u->rows)))
			return VG_ENOMEM;
		u->rows[u->n].gid_off = u->ids.size;
		u->rows[u->n].gid_len = gl;
		u->rows[u->n].seq = u->n;
		u->rows[u->n].off = (size_t)vg_csv_offset(u->c);
		u->rows[u->n].line = vg_csv_line(u->c);
		u->n++;
		if (vg_buf_put(&u->ids, g, gl))
			return VG_ENOMEM;
	}
	return rc;
}

/* Pass 2: the rows sorted by group, one record per group. */
static int emit_groups(uk_reader *u, const vg_reader_sink *sink, vg_record *rec,
		       vg_record *sanc)
{
	sort_item *items;
	size_t bytes, a, b, k;
	int rc = 0;
	if (!u->n)
		return 0;
	if (vg__mul_overflow(&bytes, u->n, sizeof(sort_item)) || !(items = vg__malloc(bytes)))
		return vg__error_oom();
	for (k = 0; k < u->n; k++) {
		items[k].gid = u->ids.ptr + u->rows[k].gid_off;
		items[k].gid_len = u->rows[k].gid_len;
		items[k].ref = &u->rows[k];
	}
	qsort(items, u->n, sizeof(sort_item), cmp_item);
	for (a = 0; a < u->n && rc == 0; a = b) {
		for (b = a + 1; b < u->n && items[b].gid_len == items[a].gid_len &&
				memcmp(items[b].gid, items[a].gid, items[a].gid_len) == 0;
		     b++)
			;
		rc = do_group(u, sink, items + a, b - a, rec, sanc);
	}
	free(items);
	return rc;
}

int vg__uk_parse(const char *name, const char *data, size_t len,
		 vg_source_meta *meta, const vg_reader_sink *sink)
{
	uk_reader u;
	vg_record rec, sanc;
	int rc;
	memset(&u, 0, sizeof(u));
	u.name = name;
	u.data = data;
	u.len = len;
	vg_record_init(&rec);
	vg_record_init(&sanc);
	vg__meta_init(meta, vg__dataset_name(VG__DS_UK_HMT), "uk-csv", name);
	if ((rc = vg__csv_open(&u.c, name, data, len, ',', meta)) < 0 ||
	    (rc = read_header(&u, meta)) < 0 || (rc = index_rows(&u, sink)) < 0)
		goto cleanup;
	rc = emit_groups(&u, sink, &rec, &sanc);
cleanup:
	free(u.rows);
	vg_buf_dispose(&u.ids);
	vg_csv_free(u.c);
	vg_record_dispose(&rec);
	vg_record_dispose(&sanc);
	return rc;
}
