/*
 * ofac.c - OFAC's legacy CSV set: sdn.csv (or cons_prim.csv for the
 * non-SDN consolidated list) joined on ent_num with add.csv (addresses),
 * alt.csv (alternate names) and sdn_comments.csv (the overflow of the
 * remarks column, continued mid-word).
 *
 * How it works: the companion files are small, so each is loaded into a
 * packed table sorted by ent_num; a first pass over the primary file
 * collects every primary name so "Linked To: NAME" can be resolved to an
 * entity of the same file; the second pass streams the primary rows and
 * for each emits the entity, its Sanction, and any Passport,
 * Identification, UnknownLink and Ownership records its remarks describe.
 *
 * File rules: `-0-` (often with a trailing space) is the empty marker; the
 * files end with a DOS EOF byte (0x1A); rows have no header.  add.csv and
 * alt.csv are required: without them a screen would silently miss
 * addresses and aliases.  The comments file is optional (older sets do
 * not have it); its absence is a warning.
 *
 * Invariant: every record id is derived from ent_num alone (plus the
 * number or target of the fact), so ids are stable across list versions.
 */
#include "sources/source.h"
#include "common/alloc.h"
#include "common/lower_bound.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define SDN_FIELDS 12

/* ---- companion tables ---------------------------------------------------- */

typedef struct {
	long ent;
	size_t seq, off, nf, line;
} side_row;

typedef struct {
	const char *name;
	vg_buf text; /* fields of each row, NUL-separated */
	side_row *rows;
	size_t n, cap;
} side_table;

static int parse_ent(long *out, const char *s, size_t len)
{
	long v = 0;
	size_t i;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	if (len == 0 || len > 12)
		return 0;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

static int cmp_side(const void *a, const void *b)
{
	const side_row *x = a, *y = b;
	if (x->ent != y->ent)
		return x->ent < y->ent ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int side_load(side_table *t, const char *name, const char *data,
		     size_t len, size_t nfields, vg_source_meta *meta)
{
	vg_csv *c = NULL;
	int rc;
	t->name = name;
	if ((rc = vg__csv_open(&c, name, data, len, ',', meta)) < 0)
		return rc;
	while ((rc = vg_csv_next(c)) == 1) {
		side_row *r;
		size_t i, flen;
		long ent;
		const char *f = vg_csv_field(c, 0, &flen);
		if (vg_csv_count(c) < nfields) {
			rc = vg__error_set(VG_EDATA,
					   "%s:%zu: %zu fields, expected %zu (file truncated?)",
					   name, vg_csv_line(c), vg_csv_count(c), nfields);
			goto cleanup;
		}
		if (!parse_ent(&ent, f, flen)) {
			rc = vg__error_set(VG_EDATA, "%s:%zu: ent_num \"%.40s\" is not a number",
					   name, vg_csv_line(c), f);
			goto cleanup;
		}
		if ((rc = vg__grow(&t->rows, &t->cap, t->n + 1, sizeof(*t->rows))))
			goto cleanup;
		r = &t->rows[t->n];
		r->ent = ent;
		r->seq = t->n++;
		r->off = t->text.size;
		r->nf = vg_csv_count(c);
		r->line = vg_csv_line(c);
		for (i = 0; i < vg_csv_count(c); i++) {
			f = vg_csv_field(c, i, &flen);
			if (vg_buf_put(&t->text, f, flen) || vg_buf_put(&t->text, "", 1)) {
				rc = VG_ENOMEM;
				goto cleanup;
			}
		}
	}
	if (rc == 0 && t->n)
		qsort(t->rows, t->n, sizeof(side_row), cmp_side);
cleanup:
	vg_csv_free(c);
	return rc;
}

static void side_dispose(side_table *t)
{
	vg_buf_dispose(&t->text);
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

VG__LOWER_BOUND_BY(side_lower_bound, side_row, ent, long)

/* First row of ent in t, or t->n. */
static size_t side_find(const side_table *t, long ent)
{
	size_t lo = side_lower_bound(t->rows, t->n, ent);
	return lo < t->n && t->rows[lo].ent == ent ? lo : t->n;
}

static const char *side_field(const side_table *t, size_t row, size_t i)
{
	const char *p = t->text.ptr + t->rows[row].off;
	if (i >= t->rows[row].nf)
		return "";
	while (i--)
		p += strlen(p) + 1;
	return p;
}

/* ---- primary names, for resolving "Linked To:" ------------------------- */

typedef struct {
	uint64_t hash;
	long ent;
	size_t off;
} name_row;

typedef struct {
	vg_buf text;
	name_row *rows;
	size_t n, cap;
} name_table;

static uint64_t hash_ci(const char *s, size_t len)
{
	uint64_t h = VG__FNV_SEED;
	size_t i;
	for (i = 0; i < len; i++) {
		h ^= (unsigned char)tolower((unsigned char)s[i]);
		h *= 0x100000001b3ULL;
	}
	return h;
}

static int cmp_name(const void *a, const void *b)
{
	const name_row *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->ent < y->ent ? -1 : x->ent > y->ent;
}

static int is_empty_marker(const char *s, size_t len)
{
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	return len == 0 || (len == 3 && memcmp(s, "-0-", 3) == 0);
}

static int names_load(name_table *t, const char *name, const char *data,
		      size_t len)
{
	vg_csv *c = NULL;
	int rc;
	if ((rc = vg__csv_open(&c, name, data, len, ',', NULL)) < 0)
		return rc;
	while ((rc = vg_csv_next(c)) == 1) {
		size_t flen, nlen;
		long ent;
		const char *f = vg_csv_field(c, 0, &flen);
		const char *nm = vg_csv_field(c, 1, &nlen);
		if (vg_csv_count(c) < SDN_FIELDS) {
			rc = vg__error_set(VG_EDATA,
					   "%s:%zu: %zu fields, expected %d (file truncated?)",
					   name, vg_csv_line(c), vg_csv_count(c), SDN_FIELDS);
			goto cleanup;
		}
		if (!parse_ent(&ent, f, flen)) {
			rc = vg__error_set(VG_EDATA, "%s:%zu: ent_num \"%.40s\" is not a number",
					   name, vg_csv_line(c), f);
			goto cleanup;
		}
		if (is_empty_marker(nm, nlen))
			continue;
		if ((rc = vg__grow(&t->rows, &t->cap, t->n + 1, sizeof(*t->rows))))
			goto cleanup;
		t->rows[t->n].hash = hash_ci(nm, nlen);
		t->rows[t->n].ent = ent;
		t->rows[t->n].off = t->text.size;
		t->n++;
		if (vg_buf_put(&t->text, nm, nlen) || vg_buf_put(&t->text, "", 1)) {
			rc = VG_ENOMEM;
			goto cleanup;
		}
	}
	if (rc == 0 && t->n)
		qsort(t->rows, t->n, sizeof(name_row), cmp_name);
cleanup:
	vg_csv_free(c);
	return rc;
}

VG__LOWER_BOUND_BY(name_lower_bound, name_row, hash, uint64_t)

/* The ent_num of the one entity named s, 0 when none or ambiguous. */
static long names_find(const name_table *t, const char *s, size_t len)
{
	uint64_t h = hash_ci(s, len);
	size_t i;
	long found = 0;
	for (i = name_lower_bound(t->rows, t->n, h); i < t->n && t->rows[i].hash == h; i++) {
		const char *nm = t->text.ptr + t->rows[i].off;
		if (strlen(nm) == len && strncasecmp(nm, s, len) == 0) {
			if (found && found != t->rows[i].ent)
				return 0;
			found = t->rows[i].ent;
		}
	}
	return found;
}

static void names_dispose(name_table *t)
{
	vg_buf_dispose(&t->text);
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

/* ---- one entity ---------------------------------------------------------- */

/* Side records of the current entity (sanction, documents, links): a pool
 * of records reused row after row. */
typedef struct {
	vg_record *recs;
	size_t n, cap;
} pool;

typedef struct {
	const vg__ofac_files *files;
	const vg_reader_sink *sink;
	side_table add, alt, comments;
	name_table names;
	vg_record rec;
	pool side;
	vg_buf remarks;
	long ent;
	char id[32];
	size_t line;
	size_t n_warnings;
} ofac;

static int pool_take(pool *p, vg_record **out)
{
	if (p->n == p->cap) {
		size_t old = p->cap, i;
		if (vg__grow(&p->recs, &p->cap, p->n + 1, sizeof(*p->recs)))
			return VG_ENOMEM;
		for (i = old; i < p->cap; i++)
			vg_record_init(&p->recs[i]);
	}
	*out = &p->recs[p->n++];
	vg_record_reset(*out);
	return 0;
}

static void pool_dispose(pool *p)
{
	size_t i;
	for (i = 0; i < p->cap; i++)
		vg_record_dispose(&p->recs[i]);
	free(p->recs);
	memset(p, 0, sizeof(*p));
}

static int new_side(ofac *o, vg_record **out, vg_schema schema,
		    const char *suffix_fmt, const char *suffix_arg)
{
	char id[160];
	int rc;
	vg_record *r = NULL;
	size_t i;
	if ((rc = pool_take(&o->side, &r)) < 0)
		return rc;
	snprintf(id, sizeof(id), "%s-", o->id);
	snprintf(id + strlen(id), sizeof(id) - strlen(id), suffix_fmt, suffix_arg);
	/* the same fact told twice in the remarks gives the same id: keep one */
	for (i = 0; i + 1 < o->side.n; i++) {
		if (o->side.recs[i].id && strcmp(o->side.recs[i].id, id) == 0) {
			o->side.n--;
			*out = NULL;
			return 0;
		}
	}
	r->schema = schema;
	r->file = o->files->name[0];
	r->line = o->line;
	if ((rc = vg_record_set_id(r, id, strlen(id))) < 0)
		return rc;
	*out = r;
	return 0;
}

static void trim(const char **s, size_t *len)
{
	while (*len && isspace((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

static void trim_dot(const char **s, size_t *len)
{
	trim(s, len);
	while (*len && ((*s)[*len - 1] == '.' || (*s)[*len - 1] == ','))
		(*len)--;
	trim(s, len);
}

static int starts(const char *s, size_t len, const char *prefix)
{
	size_t n;
	/* most tests fail on the first byte: skip strlen for them */
	if (!len || s[0] != prefix[0])
		return 0;
	n = strlen(prefix);
	return len >= n && memcmp(s, prefix, n) == 0;
}

static int add_note(ofac *o, const char *s, size_t len)
{
	return vg_record_add(&o->rec, "notes", s, len, NULL);
}

static void warn_fragment(ofac *o, const char *s, size_t len)
{
	o->n_warnings++;
	vg__warn(o->sink, o->files->name[0], o->line,
		 "%s: remarks fragment not understood: \"%.*s\"", o->id,
		 (int)(len > 120 ? 120 : len), s);
}

/* Linked To: NAME -> UnknownLink to the entity of that name when the file
 * has exactly one, else to the name itself (qualified "name"). */
static int add_link(ofac *o, const char *nm, size_t len, const char *role,
		    vg_schema schema)
{
	vg_record *l;
	long target;
	char num[32];
	int rc;
	const char *n2 = nm;
	size_t l2 = len;
	trim(&nm, &len);
	if (!len)
		return 0;
	target = names_find(&o->names, nm, len);
	if (!target) {
		trim_dot(&n2, &l2);
		if (l2)
			target = names_find(&o->names, n2, l2);
		if (!target) {
			nm = n2;
			len = l2;
		}
	}
	if (!len)
		return 0;
	if (target)
		snprintf(num, sizeof(num), "%ld", target);
	else
		snprintf(num, sizeof(num), "n%08llx",
			 (unsigned long long)(hash_ci(nm, len) & 0xffffffffULL));
	if ((rc = new_side(o, &l, schema,
			   schema == VG_SCHEMA_OWNERSHIP ? "owner-%s" : "link-%s", num)) < 0 || !l)
		return rc;
	if (schema == VG_SCHEMA_OWNERSHIP) {
		if (target)
			rc = vg_record_addf(l, "owner", NULL, "ofac-%ld", target);
		else
			rc = vg_record_add(l, "owner", nm, len, "name");
		if (rc >= 0)
			rc = vg_record_add(l, "asset", o->id, strlen(o->id), NULL);
		return rc < 0 ? rc : 0;
	}
	if ((rc = vg_record_add(l, "subject", o->id, strlen(o->id), NULL)) < 0)
		return rc;
	if (target)
		rc = vg_record_addf(l, "object", NULL, "ofac-%ld", target);
	else
		rc = vg_record_add(l, "object", nm, len, "name");
	if (rc < 0)
		return rc;
	return vg_record_add(l, "role", role, strlen(role), NULL);
}

typedef enum { DOC_NONE, DOC_ID, DOC_PASSPORT } doc_kind;

/* Identifier labels of the remarks, longest first where one is a prefix
 * of another. */
static const struct {
	const char *label;
	const char *prop;
	doc_kind doc;
} id_labels[] = {
	/* (each entry is tried in order; the first whose label is followed by
	 * a space or a colon wins) */
	{ "Diplomatic Passport", "passportNumber", DOC_PASSPORT },
	{ "Passport", "passportNumber", DOC_PASSPORT },
	{ "Travel Document Number", "passportNumber", DOC_PASSPORT },
	{ "Stateless Person Passport", "passportNumber", DOC_PASSPORT },
	{ "National ID No.", "idNumber", DOC_ID },
	{ "National Foreign ID Number", "idNumber", DOC_ID },
	{ "Tazkira National ID Card", "idNumber", DOC_ID },
	{ "Stateless Person ID Card", "idNumber", DOC_ID },
	{ "Refugee ID Card", "idNumber", DOC_ID },
	{ "UAE Identification", "idNumber", DOC_ID },
	{ "Moroccan Personal ID No.", "idNumber", DOC_ID },
	{ "Seafarer's Identification Document", "idNumber", DOC_ID },
	{ "VisaNumberID", "idNumber", DOC_ID },
	{ "Pilot License Number", "idNumber", DOC_ID },
	{ "Immigration No.", "idNumber", DOC_ID },
	{ "N.I.E.", "idNumber", DOC_ID },
	{ "C.U.I.", "taxNumber", DOC_ID },
	{ "C.I.F.", "taxNumber", DOC_ID },
	{ "Fiscal Code", "taxNumber", DOC_ID },
	{ "RSIN", "taxNumber", DOC_ID },
	{ "Numero Unico de Identificacao Tributaria (NUIT)", "taxNumber", DOC_ID },
	{ "Romanian Tax Registration", "taxNumber", DOC_ID },
	{ "Romanian C.R.", "registrationNumber", DOC_ID },
	{ "MSB Registration Number", "registrationNumber", DOC_ID },
	{ "Central Registration System Number", "registrationNumber", DOC_ID },
	{ "Istanbul Chamber of Comm. No.", "registrationNumber", DOC_ID },
	{ "Afghan Money Service Provider License Number", "registrationNumber", DOC_ID },
	{ "Tourism License No.", "registrationNumber", DOC_ID },
	{ "National Identification Number", "idNumber", DOC_ID },
	{ "Cedula No.", "idNumber", DOC_ID },
	{ "Identification Number", "idNumber", DOC_ID },
	{ "Personal ID Card", "idNumber", DOC_ID },
	{ "Kenyan ID No.", "idNumber", DOC_ID },
	{ "Turkish Identification Number", "idNumber", DOC_ID },
	{ "Numero de Identidad", "idNumber", DOC_ID },
	{ "D.N.I.", "idNumber", DOC_ID },
	{ "C.U.R.P.", "idNumber", DOC_ID },
	{ "C.U.I.P.", "idNumber", DOC_ID },
	{ "Credencial electoral", "idNumber", DOC_ID },
	{ "Electoral Registry No.", "idNumber", DOC_ID },
	{ "Driver's License No.", "idNumber", DOC_ID },
	{ "Residency Number", "idNumber", DOC_ID },
	{ "Birth Certificate Number", "idNumber", DOC_ID },
	{ "SSN", "idNumber", DOC_ID },
	{ "Citizen's Card Number", "idNumber", DOC_ID },
	{ "Public Security and Immigration No.", "idNumber", DOC_ID },
	{ "Cartilla de Servicio Militar Nacional", "idNumber", DOC_ID },
	{ "I.F.E.", "idNumber", DOC_ID },
	{ "LE Number", "idNumber", DOC_ID },
	{ "Italian Fiscal Code", "taxNumber", DOC_ID },
	{ "Tax ID No.", "taxNumber", DOC_ID },
	{ "NIT #", "taxNumber", DOC_ID },
	{ "R.F.C.", "taxNumber", DOC_ID },
	{ "RFC", "taxNumber", DOC_ID },
	{ "RUC #", "taxNumber", DOC_ID },
	{ "RIF #", "taxNumber", DOC_ID },
	{ "C.U.I.T.", "taxNumber", DOC_ID },
	{ "V.A.T. Number", "vatCode", DOC_ID },
	{ "US FEIN", "taxNumber", DOC_ID },
	{ "RTN", "taxNumber", DOC_ID },
	{ "Registration ID", "registrationNumber", DOC_ID },
	{ "Registration Number", "registrationNumber", DOC_ID },
	{ "UK Company Number", "registrationNumber", DOC_ID },
	{ "Company Number", "registrationNumber", DOC_ID },
	{ "Commercial Registry Number", "registrationNumber", DOC_ID },
	{ "Matricula Mercantil No", "registrationNumber", DOC_ID },
	{ "Folio Mercantil No.", "registrationNumber", DOC_ID },
	{ "Business Registration Document #", "registrationNumber", DOC_ID },
	{ "Business Registration Number", "registrationNumber", DOC_ID },
	{ "Business Number", "registrationNumber", DOC_ID },
	{ "C.R. No.", "registrationNumber", DOC_ID },
	{ "Certificate of Incorporation Number", "registrationNumber", DOC_ID },
	{ "Chamber of Commerce Number", "registrationNumber", DOC_ID },
	{ "Trade License No.", "registrationNumber", DOC_ID },
	{ "Enterprise Number", "registrationNumber", DOC_ID },
	{ "Branch Unit Number", "registrationNumber", DOC_ID },
	{ "Government Gazette Number", "registrationNumber", DOC_ID },
	{ "Registered Charity No.", "registrationNumber", DOC_ID },
	{ "Dubai Chamber of Commerce Membership No.", "registrationNumber", DOC_ID },
	{ "Unified Social Credit Code (USCC)", "registrationNumber", DOC_ID },
	{ "United Social Credit Code Certificate (USCCC)", "registrationNumber", DOC_ID },
	{ "Public Registration Number", "registrationNumber", DOC_ID },
	{ "D-U-N-S Number", "dunsCode", DOC_NONE },
	{ "BIK (RU)", "bikCode", DOC_NONE },
	{ "Legal Entity Number", "leiCode", DOC_NONE },
	{ "SWIFT/BIC", "swiftBic", DOC_NONE },
	{ "ISIN", "isinCode", DOC_NONE },
	{ "License", "registrationNumber", DOC_ID },
	{ "MMSI", "mmsi", DOC_NONE },
	{ "Aircraft Serial Identification", "serialNumber", DOC_NONE },
	{ "Aircraft Construction Number (also called L/N or S/N or F/N)", "serialNumber", DOC_NONE },
	{ "Aircraft Manufacturer's Serial Number (MSN)", "serialNumber", DOC_NONE },
	{ "Aircraft Tail Number", "registrationNumber", DOC_NONE },
	{ "Previous Aircraft Tail Number", "registrationNumber", DOC_NONE },
	{ "Aircraft Model", "model", DOC_NONE },
	{ "Aircraft Operator", "operator", DOC_NONE },
};

/* Facts kept as notes without a warning: they matter to a reader of the
 * entity but not to matching. */
static const char *const note_labels[] = {
	"Additional Sanctions Information",
	"Secondary sanctions risk",
	"Transactions Prohibited For",
	"Executive Order",
	"CAATSA Section",
	"For more information",
	"for more information",
	"Digital Currency Address",
	"Equity Ticker",
	"Issuer Name",
	"Purchase/Sales For Divestment Date",
	"Listing Date",
	"Effective Date",
	"Target Type",
	"Fax",
	"FAX",
	"TELEX",
	"File Number",
	"arrested",
	"Chinese Commercial Code",
	"Aircraft Mode S Transponder Code",
	"IFCA Determination",
	"Sanctions Risk",
	"Other Vessel Type",
	"Vessel Type",
	"Former Vessel Flag",
	"all offices worldwide",
	"All offices worldwide",
	"All Branches Worldwide",
	"all branches worldwide",
};

/* "VALUE (Country) issued DATE expires DATE" after an identifier label. */
static int add_identifier(ofac *o, const char *label, const char *prop,
			  doc_kind doc, const char *s, size_t len)
{
	const char *val = s, *paren, *country = NULL, *issued = NULL, *expires = NULL;
	size_t vlen = len, clen = 0, ilen = 0, elen = 0;
	const char *code = NULL;
	char cbuf[3] = "";
	int rc;
	vg_record *d;
	trim_dot(&val, &vlen);
	/* cut "issued ..." and "expires ..." first: they follow the country */
	{
		const char *e = NULL, *i = NULL;
		size_t k;
		for (k = 0; k < vlen; k++) {
			if (!i && vlen - k >= 8 && memcmp(val + k, " issued ", 8) == 0)
				i = val + k;
			if (!e && vlen - k >= 9 && memcmp(val + k, " expires ", 9) == 0)
				e = val + k;
		}
		/* each date runs to the other label or the end; the labels may
		 * share their space ("issued expires 2020"): then it is empty */
		if (i) {
			const char *end = e && e > i ? e : val + vlen;
			issued = i + 8;
			ilen = end > issued ? (size_t)(end - issued) : 0;
		}
		if (e) {
			const char *end = i && i > e ? i : val + vlen;
			expires = e + 9;
			elen = end > expires ? (size_t)(end - expires) : 0;
		}
		if (i || e) {
			const char *cut = i && (!e || i < e) ? i : e;
			vlen = (size_t)(cut - val);
		}
	}
	trim_dot(&val, &vlen);
	/* the last parenthesis names the country: "123 (Jalisco) (Mexico)" */
	paren = vlen ? memrchr(val, '(', vlen) : NULL;
	if (paren && val[vlen - 1] == ')') {
		country = paren + 1;
		clen = (size_t)(val + vlen - 1 - country);
		vlen = (size_t)(paren - val);
		trim(&val, &vlen);
		code = vg__country_code(country, clen);
	}
	if (!vlen)
		return 0;
	if (code)
		snprintf(cbuf, sizeof(cbuf), "%s", code);
	if (strcmp(prop, "leiCode") == 0 && vlen != 20)
		prop = "registrationNumber";
	if ((rc = vg_record_add(&o->rec, prop, val, vlen, code ? cbuf : NULL)) < 0)
		return rc;
	if (doc == DOC_NONE)
		return 0;
	{
		char key[96];
		int n = snprintf(key, sizeof(key), "%s-%.*s", doc == DOC_PASSPORT ? "passport" : "id",
				 (int)(vlen > 60 ? 60 : vlen), val);
		size_t k;
		/* ids hold only [A-Za-z0-9-]: numbers have spaces and dots */
		for (k = 0; k < (size_t)n && k < sizeof(key) - 1; k++)
			if (!isalnum((unsigned char)key[k]) && key[k] != '-')
				key[k] = '_';
		if ((rc = new_side(o, &d, doc == DOC_PASSPORT ? VG_SCHEMA_PASSPORT
							    : VG_SCHEMA_IDENTIFICATION,
				   "%s", key)) < 0 || !d)
			return rc;
	}
	if ((rc = vg_record_add(d, "holder", o->id, strlen(o->id), NULL)) < 0 ||
	    (rc = vg_record_add(d, "number", val, vlen, NULL)) < 0 ||
	    (rc = vg_record_add(d, "type", label, strlen(label), NULL)) < 0)
		return rc;
	if (country && (rc = vg__add_country(d, "country", country, clen)) < 0)
		return rc;
	if (issued && (rc = vg__date_add(d, "startDate", issued, ilen, VG__DMY, NULL)) < 0)
		return rc;
	if (expires && (rc = vg__date_add(d, "endDate", expires, elen, VG__DMY, NULL)) < 0)
		return rc;
	return 0;
}

/* 'NAME' of an a.k.a. fragment, quotes removed. */
static void unquote(const char **s, size_t *len)
{
	trim_dot(s, len);
	if (*len >= 2 && (*s)[0] == '\'' && (*s)[*len - 1] == '\'') {
		(*s)++;
		*len -= 2;
	} else if (*len >= 1 && (*s)[0] == '\'') {
		const char *q = memchr(*s + 1, '\'', *len - 1);
		(*s)++;
		*len = q ? (size_t)(q - *s) : *len - 1;
	}
	trim(s, len);
}

/* How the value after a fragment's label is read. */
typedef enum {
	F_TEXT,      /* as it is */
	F_COUNTRY,   /* a country name or code */
	F_DATE,      /* a date; one not understood is a warning and a note */
	F_DATE_NOTE, /* a date; one not understood is a note */
	F_DATE_TOO,  /* a date, and the fragment as a note anyway */
	F_PLACE,     /* a place, whose last part may name the country */
	F_GENDER,    /* male / female */
	F_QUOTED,    /* a name in quotes: a.k.a. 'NAME' */
	F_PHONE,     /* the number, from its first digit or '+' */
	F_IMO,       /* the digits of an IMO number */
	F_LINK,      /* Linked To: NAME, a link to the entity of that name */
	F_REGISTERED, /* the country of registration */
} frag_kind;

/* Remarks fragments other than identifiers, by the label they start with
 * (the first that matches wins: a longer label before its prefix). */
static const struct {
	const char *label;
	frag_kind kind;
	const char *prop, *qual;
} fragments[] = {
	{ "DOB ", F_DATE, "birthDate", NULL },
	{ "POB:", F_PLACE, "birthPlace", NULL },
	{ "POB ", F_PLACE, "birthPlace", NULL },
	{ "Nationality of Registration ", F_REGISTERED, "country", NULL },
	{ "nationality", F_COUNTRY, "nationality", NULL },
	{ "Nationality ", F_COUNTRY, "nationality", NULL },
	{ "citizen ", F_COUNTRY, "citizenship", NULL },
	{ "Gender ", F_GENDER, "gender", NULL },
	{ "Linked To:", F_LINK, NULL, NULL },
	{ "a.k.a.", F_QUOTED, "weakAlias", "weak" },
	{ "n.k.a.", F_QUOTED, "weakAlias", "weak" },
	{ "f.k.a.", F_QUOTED, "previousName", "weak" },
	{ "Website", F_TEXT, "website", NULL },
	{ "Email Address", F_TEXT, "email", NULL },
	{ "Email:", F_TEXT, "email", NULL },
	{ "Email ", F_TEXT, "email", NULL },
	{ "Phone Number", F_PHONE, "phone", NULL },
	{ "PHONE", F_PHONE, "phone", NULL },
	{ "Telephone No.", F_PHONE, "phone", NULL },
	{ "Telephone", F_PHONE, "phone", NULL },
	{ "Phone No.", F_PHONE, "phone", NULL },
	{ "Phone:", F_PHONE, "phone", NULL },
	{ "Vessel Registration Identification IMO", F_IMO, "imoNumber", NULL },
	{ "Other Vessel Flag ", F_COUNTRY, "flag", NULL },
	{ "Vessel Flag ", F_COUNTRY, "flag", NULL },
	{ "Other Vessel Call Sign ", F_TEXT, "callSign", NULL },
	{ "Aircraft Manufacture Date ", F_DATE_NOTE, "buildDate", NULL },
	{ "Vessel Year of Build ", F_DATE_NOTE, "buildDate", NULL },
	{ "Organization Established Date ", F_DATE_TOO, "incorporationDate", NULL },
	{ "Organization Type: ", F_TEXT, "legalForm", NULL },
	{ "Position: ", F_TEXT, "position", NULL },
};

/* The value v[0..vl) of the fragment s[0..len) read as `kind`. */
static int fragment_value(ofac *o, frag_kind kind, const char *prop, const char *qual,
			  const char *s, size_t len, const char *v, size_t vl)
{
	int rc;
	switch (kind) {
	case F_REGISTERED:
		/* a vessel's flag, an organisation's jurisdiction, an
		 * aircraft's country */
		if (o->rec.schema == VG_SCHEMA_VESSEL)
			prop = "flag";
		else if (o->rec.schema != VG_SCHEMA_AIRPLANE)
			prop = "jurisdiction";
		/* fall through */
	case F_COUNTRY:
		return vg__add_country(&o->rec, prop, v, vl);
	case F_DATE:
	case F_DATE_NOTE:
	case F_DATE_TOO:
		if ((rc = vg__date_add(&o->rec, prop, v, vl, VG__DMY, NULL)) < 0)
			return rc;
		if (rc == 0 && kind == F_DATE)
			warn_fragment(o, s, len);
		return rc == 0 || kind == F_DATE_TOO ? add_note(o, s, len) : 0;
	case F_PLACE: {
		/* "POB Tehran, Iran": the last part names the country */
		const char *last, *code;
		if ((rc = vg_record_add(&o->rec, prop, v, vl, NULL)) < 0)
			return rc;
		for (last = v + vl; last > v && last[-1] != ','; last--)
			;
		code = vg__country_code(last, (size_t)(v + vl - last));
		return code ? vg_record_add(&o->rec, "birthCountry", code, 2, NULL) : 0;
	}
	case F_GENDER:
		if (vl == 4 && strncasecmp(v, "male", 4) == 0)
			return vg_record_add(&o->rec, prop, "male", 4, NULL);
		if (vl == 6 && strncasecmp(v, "female", 6) == 0)
			return vg_record_add(&o->rec, prop, "female", 6, NULL);
		return vg_record_add(&o->rec, prop, v, vl, NULL);
	case F_PHONE:
		while (vl && !isdigit((unsigned char)*v) && *v != '+') {
			v++;
			vl--;
		}
		trim_dot(&v, &vl);
		return vl ? vg_record_add(&o->rec, prop, v, vl, NULL) : add_note(o, s, len);
	case F_IMO:
		return vg_record_addf(&o->rec, prop, NULL, "IMO%.*s", (int)vl, v);
	case F_LINK:
		if ((rc = add_note(o, s, len)) < 0)
			return rc;
		return add_link(o, v, vl, "linked to", VG_SCHEMA_UNKNOWN_LINK);
	default:
		return vg_record_add(&o->rec, prop, v, vl, qual);
	}
}

static int remark_fragment(ofac *o, const char *s, size_t len)
{
	size_t i;
	trim(&s, &len);
	if (starts(s, len, "alt. ") || starts(s, len, "Alt. ")) {
		s += 5;
		len -= 5;
		trim(&s, &len);
	}
	if (!len || (len == 1 && s[0] == '.'))
		return 0;
	for (i = 0; i < sizeof(fragments) / sizeof(fragments[0]); i++) {
		size_t ll;
		const char *v;
		size_t vl;
		if (!starts(s, len, fragments[i].label))
			continue;
		ll = strlen(fragments[i].label);
		v = s + ll;
		vl = len - ll;
		trim(&v, &vl);
		if (fragments[i].kind == F_QUOTED) {
			unquote(&v, &vl);
		} else if (fragments[i].kind != F_LINK && fragments[i].kind != F_PHONE) {
			/* "Website: x." and "Website x" alike */
			if (vl && v[0] == ':') {
				v++;
				vl--;
				trim(&v, &vl);
			}
			trim_dot(&v, &vl);
		}
		return fragment_value(o, fragments[i].kind, fragments[i].prop, fragments[i].qual,
				      s, len, v, vl);
	}
	for (i = 0; i < sizeof(id_labels) / sizeof(id_labels[0]); i++) {
		size_t ll = strlen(id_labels[i].label);
		if (starts(s, len, id_labels[i].label) && len > ll &&
		    (s[ll] == ' ' || s[ll] == ':'))
			return add_identifier(o, id_labels[i].label, id_labels[i].prop,
					      id_labels[i].doc, s + ll + 1, len - ll - 1);
	}
	for (i = 0; i < sizeof(note_labels) / sizeof(note_labels[0]); i++)
		if (starts(s, len, note_labels[i]))
			return add_note(o, s, len);
	warn_fragment(o, s, len);
	return add_note(o, s, len);
}

static int parse_remarks(ofac *o, const char *s, size_t len)
{
	int rc;
	while (len) {
		const char *semi = memchr(s, ';', len);
		size_t part = semi ? (size_t)(semi - s) : len;
		if ((rc = remark_fragment(o, s, part)) < 0)
			return rc;
		if (!semi)
			break;
		s = semi + 1;
		len -= part + 1;
	}
	return 0;
}

static int add_field(vg_record *rec, const char *key, const vg_csv *c,
		     size_t i)
{
	size_t len;
	const char *s = vg_csv_field(c, i, &len);
	if (is_empty_marker(s, len))
		return 0;
	return vg_record_add(rec, key, s, len, NULL);
}

/* The schema from the type column, the id and the name. */
static int row_identity(ofac *o, const vg_csv *c)
{
	size_t tlen, nlen;
	const char *type = vg_csv_field(c, 2, &tlen), *nm = vg_csv_field(c, 1, &nlen);
	vg_schema schema;
	int rc;
	vg_record_reset(&o->rec);
	snprintf(o->id, sizeof(o->id), "ofac-%ld", o->ent);
	o->rec.file = o->files->name[0];
	o->rec.line = vg_csv_line(c);
	if ((rc = vg_record_set_id(&o->rec, o->id, strlen(o->id))) < 0)
		return rc;
	if (is_empty_marker(type, tlen))
		schema = VG_SCHEMA_ORGANIZATION;
	else if (strncasecmp(type, "individual", 10) == 0)
		schema = VG_SCHEMA_PERSON;
	else if (strncasecmp(type, "vessel", 6) == 0)
		schema = VG_SCHEMA_VESSEL;
	else if (strncasecmp(type, "aircraft", 8) == 0)
		schema = VG_SCHEMA_AIRPLANE;
	else {
		vg__warn(o->sink, o->files->name[0], vg_csv_line(c),
			 "%s: unknown SDN type \"%.*s\", read as Organization", o->id,
			 (int)tlen, type);
		schema = VG_SCHEMA_ORGANIZATION;
	}
	o->rec.schema = schema;
	if (is_empty_marker(nm, nlen))
		return vg__error_set(VG_EDATA, "%s:%zu: %s has no name", o->files->name[0],
				     vg_csv_line(c), o->id);
	if (schema == VG_SCHEMA_PERSON)
		rc = vg__add_last_first(&o->rec, "name", nm, nlen, NULL, 1);
	else
		rc = vg_record_add(&o->rec, "name", nm, nlen, NULL);
	if (rc < 0 || (rc = vg_record_add(&o->rec, "topics", "sanction", 8, NULL)) < 0 ||
	    (rc = add_field(&o->rec, "position", c, 4)) < 0)
		return rc;
	return 0;
}

/* A vessel's or aircraft's columns: call sign, type, tonnages, flag, owner. */
static int row_vehicle(ofac *o, const vg_csv *c)
{
	size_t len;
	const char *s;
	int rc;
	if ((rc = add_field(&o->rec, "callSign", c, 5)) < 0 ||
	    (rc = add_field(&o->rec, "type", c, 6)) < 0 ||
	    (rc = add_field(&o->rec, "tonnage", c, 7)) < 0 ||
	    (rc = add_field(&o->rec, "grossRegisteredTonnage", c, 8)) < 0)
		return rc;
	s = vg_csv_field(c, 9, &len);
	if (!is_empty_marker(s, len) && (rc = vg__add_country(&o->rec, "flag", s, len)) < 0)
		return rc;
	s = vg_csv_field(c, 10, &len);
	if (!is_empty_marker(s, len) && (rc = add_link(o, s, len, "owner", VG_SCHEMA_OWNERSHIP)) < 0)
		return rc;
	return 0;
}

/* add.csv: each address (its street, city and country joined) and country. */
static int row_addresses(ofac *o)
{
	size_t r, i;
	int rc;
	for (r = side_find(&o->add, o->ent); r < o->add.n && o->add.rows[r].ent == o->ent; r++) {
		const char *parts[3];
		vg_buf full = VG_BUF_INIT;
		parts[0] = side_field(&o->add, r, 2);
		parts[1] = side_field(&o->add, r, 3);
		parts[2] = side_field(&o->add, r, 4);
		for (i = 0; i < 3; i++) {
			if (is_empty_marker(parts[i], strlen(parts[i])))
				continue;
			if ((full.size && vg_buf_put(&full, ", ", 2)) || vg_buf_puts(&full, parts[i])) {
				vg_buf_dispose(&full);
				return VG_ENOMEM;
			}
		}
		rc = full.size ? vg_record_add(&o->rec, "address", full.ptr, full.size, NULL) : 0;
		vg_buf_dispose(&full);
		if (rc < 0)
			return rc;
		if (!is_empty_marker(parts[2], strlen(parts[2])) &&
		    (rc = vg__add_country(&o->rec, "country", parts[2], strlen(parts[2]))) < 0)
			return rc;
	}
	return 0;
}

/* alt.csv: aliases, fka ones as previous names. */
static int row_alt_names(ofac *o)
{
	size_t r;
	int rc;
	for (r = side_find(&o->alt, o->ent); r < o->alt.n && o->alt.rows[r].ent == o->ent; r++) {
		const char *at = side_field(&o->alt, r, 2);
		const char *an = side_field(&o->alt, r, 3);
		const char *key = "alias";
		size_t anl = strlen(an);
		if (is_empty_marker(an, anl))
			continue;
		if (strncasecmp(at, "fka", 3) == 0)
			key = "previousName";
		if (o->rec.schema == VG_SCHEMA_PERSON)
			rc = vg__add_last_first(&o->rec, key, an, anl, NULL, 0);
		else
			rc = vg_record_add(&o->rec, key, an, anl, NULL);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The remarks, continued in the comments file where OFAC cut them. */
static int row_remarks(ofac *o, const vg_csv *c)
{
	size_t len, r;
	const char *s = vg_csv_field(c, 11, &len);
	vg_buf_clear(&o->remarks);
	if (!is_empty_marker(s, len) && vg_buf_put(&o->remarks, s, len))
		return VG_ENOMEM;
	if (o->files->data[3]) {
		for (r = side_find(&o->comments, o->ent);
		     r < o->comments.n && o->comments.rows[r].ent == o->ent; r++) {
			const char *more = side_field(&o->comments, r, 1);
			if (!is_empty_marker(more, strlen(more)) && vg_buf_puts(&o->remarks, more))
				return VG_ENOMEM;
		}
	}
	return o->remarks.size ? parse_remarks(o, o->remarks.ptr, o->remarks.size) : 0;
}

/* The Sanction: one per entity, one program value per program of the
 * program column ("SDGT] [IRGC" lists several), on the entity too. */
static int row_sanction(ofac *o, const vg_csv *c)
{
	vg_record *sanc;
	size_t len;
	const char *s = vg_csv_field(c, 3, &len);
	int rc;
	if ((rc = new_side(o, &sanc, VG_SCHEMA_SANCTION, "%s", "sanction")) < 0 || !sanc)
		return rc;
	if ((rc = vg_record_add(sanc, "entity", o->id, strlen(o->id), NULL)) < 0 ||
	    (rc = vg_record_add(sanc, "authority", "US OFAC", 7, NULL)) < 0 ||
	    (rc = vg_record_add(sanc, "country", "us", 2, NULL)) < 0 ||
	    (rc = vg_record_addf(sanc, "sourceUrl", NULL,
				 "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=%ld", o->ent)) < 0)
		return rc;
	while (len) {
		const char *end = NULL, *pv = s;
		size_t k, pl, pvl;
		for (k = 0; k + 3 <= len && !end; k++)
			if (memcmp(s + k, "] [", 3) == 0)
				end = s + k;
		pl = pvl = end ? (size_t)(end - s) : len;
		while (pvl && (pv[0] == '[' || pv[0] == ' ')) {
			pv++;
			pvl--;
		}
		while (pvl && (pv[pvl - 1] == ']' || pv[pvl - 1] == ' '))
			pvl--;
		if (pvl && !is_empty_marker(pv, pvl) &&
		    ((rc = vg_record_add(sanc, "program", pv, pvl, NULL)) < 0 ||
		     (rc = vg_record_add(&o->rec, "program", pv, pvl, NULL)) < 0))
			return rc;
		if (!end)
			break;
		s = end + 3;
		len -= pl + 3;
	}
	return 0;
}

/* One row of the primary file: the entity with what the three other files
 * say of it, then the records it brought (its Sanction, documents,
 * links). */
static int do_row(ofac *o, const vg_csv *c)
{
	size_t i;
	int rc;
	o->line = vg_csv_line(c);
	o->side.n = 0;
	if ((rc = row_identity(o, c)) < 0 ||
	    ((o->rec.schema == VG_SCHEMA_VESSEL || o->rec.schema == VG_SCHEMA_AIRPLANE) &&
	     (rc = row_vehicle(o, c)) < 0) ||
	    (o->files->data[1] && (rc = row_addresses(o)) < 0) ||
	    (o->files->data[2] && (rc = row_alt_names(o)) < 0) ||
	    (rc = row_remarks(o, c)) < 0 || (rc = row_sanction(o, c)) < 0)
		return rc;
	if ((rc = vg__emit(o->sink, &o->rec)) != 0)
		return rc;
	for (i = 0; i < o->side.n; i++)
		if ((rc = vg__emit(o->sink, &o->side.recs[i])) != 0)
			return rc;
	return 0;
}

int vg__ofac_parse(const vg__ofac_files *files, vg_source_meta *meta,
		   const vg_reader_sink *sink)
{
	ofac o;
	vg_csv *c = NULL;
	int rc, i;
	uint64_t h = VG__FNV_SEED;
	memset(&o, 0, sizeof(o));
	o.files = files;
	o.sink = sink;
	vg_record_init(&o.rec);
	vg__meta_init(meta, vg__dataset_name(files->cons ? VG__DS_OFAC_CONS : VG__DS_OFAC_SDN),
		      "ofac-csv", files->name[0]);
	if ((rc = vg__csv_open(&c, files->name[0], files->data[0], files->len[0], ',', meta)) < 0)
		goto cleanup;
	for (i = 0; i < 4; i++)
		if (files->data[i])
			h = vg__fnv1a(files->data[i], files->len[i], h);
	snprintf(meta->version, sizeof(meta->version), "fnv1a:%016llx", (unsigned long long)h);

	if ((files->data[1] && (rc = side_load(&o.add, files->name[1], files->data[1],
					       files->len[1], 6, meta)) < 0) ||
	    (files->data[2] && (rc = side_load(&o.alt, files->name[2], files->data[2],
					       files->len[2], 5, meta)) < 0) ||
	    (files->data[3] && (rc = side_load(&o.comments, files->name[3], files->data[3],
					       files->len[3], 2, meta)) < 0) ||
	    (rc = names_load(&o.names, files->name[0], files->data[0], files->len[0])) < 0)
		goto cleanup;
	while ((rc = vg_csv_next(c)) == 1) {
		size_t flen;
		const char *f = vg_csv_field(c, 0, &flen);
		if (vg_csv_count(c) < SDN_FIELDS) {
			rc = vg__error_set(VG_EDATA, "%s:%zu: %zu fields, expected %d (file truncated?)",
					   files->name[0], vg_csv_line(c), vg_csv_count(c), SDN_FIELDS);
			goto cleanup;
		}
		if (!parse_ent(&o.ent, f, flen)) {
			rc = vg__error_set(VG_EDATA, "%s:%zu: ent_num \"%.40s\" is not a number",
					   files->name[0], vg_csv_line(c), f);
			goto cleanup;
		}
		if ((rc = do_row(&o, c)) != 0)
			goto cleanup;
	}
cleanup:
	vg_csv_free(c);
	side_dispose(&o.add);
	side_dispose(&o.alt);
	side_dispose(&o.comments);
	names_dispose(&o.names);
	pool_dispose(&o.side);
	vg_buf_dispose(&o.remarks);
	vg_record_dispose(&o.rec);
	return rc;
}

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int vg__ofac_read(const char *path, vg_source_meta *meta,
		  const vg_reader_sink *sink)
{
	static const char *const sdn_names[4] = { "sdn.csv", "add.csv", "alt.csv",
						  "sdn_comments.csv" };
	static const char *const cons_names[4] = { "cons_prim.csv", "cons_add.csv",
						   "cons_alt.csv", "cons_comments.csv" };
	char dir[4096], paths[4][4096 + 32];
	const char *const *names, *primary = NULL;
	vg__map maps[4];
	vg__ofac_files files;
	struct stat st;
	int rc = 0, i, cons;
	memset(maps, 0, sizeof(maps));
	memset(&files, 0, sizeof(files));
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(dir, sizeof(dir), "%s", path);
		snprintf(paths[0], sizeof(paths[0]), "%s/sdn.csv", dir);
		cons = !is_file(paths[0]);
	} else {
		const char *slash = strrchr(path, '/');
		const char *base = slash ? slash + 1 : path;
		if (slash)
			snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
		else
			snprintf(dir, sizeof(dir), ".");
		cons = strncmp(base, "cons_", 5) == 0;
		/* a primary file under another name is read as given; a
		 * companion given by mistake stands for its whole set */
		primary = base;
		for (i = 1; i < 4; i++)
			if (strcmp(base, sdn_names[i]) == 0 || strcmp(base, cons_names[i]) == 0)
				primary = NULL;
	}
	names = cons ? cons_names : sdn_names;
	for (i = 0; i < 4; i++)
		snprintf(paths[i], sizeof(paths[i]), "%s/%s", dir, names[i]);
	if (primary)
		snprintf(paths[0], sizeof(paths[0]), "%s", path);
	for (i = 0; i < 4; i++) {
		if (!is_file(paths[i])) {
			if (i == 3) {
				vg__warn(sink, paths[3], 0,
					 "no %s beside %s: remarks cut by OFAC stay cut",
					 names[3], paths[0]);
				continue;
			}
			rc = vg__error_set(VG_EDATA,
					   "%s: missing %s: OFAC's list is a set of files (%s, %s, %s, %s); pass the folder that holds them",
					   dir, names[i], names[0], names[1], names[2], names[3]);
			goto cleanup;
		}
		if ((rc = vg__map_file(&maps[i], paths[i])) < 0)
			goto cleanup;
		files.name[i] = paths[i];
		files.data[i] = maps[i].data;
		files.len[i] = maps[i].len;
	}
	files.cons = cons;
	rc = vg__ofac_parse(&files, meta, sink);
cleanup:
	for (i = 0; i < 4; i++)
		vg__unmap_file(&maps[i]);
	return rc;
}
