/*
 * csl.c - the US Consolidated Screening List CSV (trade.gov): one row per
 * listed party from eleven US lists (SDN, SSI, Entity List, DPL ...),
 * multi-valued columns separated by ";".
 *
 * Columns are found by their header name, so the older (entity_number)
 * and newer (id, _id) layouts both read.  The id is csl-<entity_number>,
 * else csl-<id>, else a hash of source+name+start_date (stable while the
 * party's listing is).  The `source` column names the list and its
 * agency; it becomes the Sanction's authority and decides the topic:
 * sanctions lists "sanction", the denial and debarment lists "debarment",
 * the export-control lists (Entity List, Unverified List, MEU)
 * "export.control".
 */
#include "sources/source.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

enum {
	C_SOURCE, C_ENTITY_NUMBER, C_ID, C_TYPE, C_PROGRAMS, C_NAME, C_TITLE,
	C_ADDRESSES, C_FRN, C_START, C_END, C_CALL_SIGN, C_VESSEL_TYPE,
	C_TONNAGE, C_GRT, C_FLAG, C_OWNER, C_REMARKS, C_LIST_URL, C_ALT_NAMES,
	C_CITIZENSHIPS, C_DOBS, C_NATIONALITIES, C_POBS, C_INFO_URL, C_IDS,
	C__COUNT
};

static const char *const col_names[C__COUNT] = {
	"source", "entity_number", "id", "type", "programs", "name", "title",
	"addresses", "federal_register_notice", "start_date", "end_date",
	"call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage",
	"vessel_flag", "vessel_owner", "remarks", "source_list_url", "alt_names",
	"citizenships", "dates_of_birth", "nationalities", "places_of_birth",
	"source_information_url", "ids",
};

typedef struct {
	const vg_csv *c;
	int col[C__COUNT];
} row;

static const char *get(const row *r, int which, size_t *len)
{
	if (r->col[which] < 0) {
		*len = 0;
		return "";
	}
	return vg_csv_field(r->c, (size_t)r->col[which], len);
}

typedef int (*item_fn)(vg_record *rec, const char *key, const char *s,
		       size_t len);

static int add_plain(vg_record *rec, const char *key, const char *s, size_t len)
{
	return vg_record_add(rec, key, s, len, NULL);
}

static int add_name(vg_record *rec, const char *key, const char *s, size_t len)
{
	if (rec->schema == VG_SCHEMA_PERSON)
		return vg__add_last_first(rec, key, s, len, NULL, strcmp(key, "name") == 0);
	return vg_record_add(rec, key, s, len, NULL);
}

static int add_country(vg_record *rec, const char *key, const char *s, size_t len)
{
	return vg__add_country(rec, key, s, len);
}

static int add_date(vg_record *rec, const char *key, const char *s, size_t len)
{
	int rc = vg__date_add(rec, key, s, len, VG__DMY, NULL);
	return rc < 0 ? rc : 0;
}

/* "a; b; c" -> fn(a), fn(b), fn(c) */
static int each(vg_record *rec, const char *key, const char *s, size_t len,
		item_fn fn)
{
	int rc;
	while (len) {
		const char *semi = memchr(s, ';', len);
		size_t part = semi ? (size_t)(semi - s) : len;
		const char *p = s;
		size_t pl = part;
		while (pl && isspace((unsigned char)*p)) {
			p++;
			pl--;
		}
		while (pl && isspace((unsigned char)p[pl - 1]))
			pl--;
		if (pl && (rc = fn(rec, key, p, pl)) < 0)
			return rc;
		if (!semi)
			break;
		s = semi + 1;
		len -= part + 1;
	}
	return 0;
}

/* An address ends with its ISO-2 country: "..., Moscow, 117420, RU". */
static int add_address(vg_record *rec, const char *key, const char *s, size_t len)
{
	const char *comma;
	int rc = vg_record_add(rec, key, s, len, NULL);
	if (rc < 0)
		return rc;
	comma = memrchr(s, ',', len);
	if (comma) {
		const char *c = comma + 1;
		size_t cl = (size_t)(s + len - c);
		while (cl && *c == ' ') {
			c++;
			cl--;
		}
		if (cl == 2 && vg__country_code(c, 2))
			return vg__add_country(rec, "country", c, 2);
	}
	return 0;
}

/* ids: "NUMBER, TYPE" or "COUNTRY, NUMBER, TYPE"; some "ids" are really
 * websites, e-mail addresses or directive notes. */
static int add_id(vg_record *rec, const char *key, const char *s, size_t len)
{
	const char *parts[3];
	size_t plen[3], n = 0;
	const char *p = s, *end = s + len, *type, *num, *country = NULL;
	size_t tl, nl, cl = 0;
	const char *prop = "idNumber";
	char code[3] = "";
	(void)key;
	while (p < end && n < 3) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		const char *q = comma && n < 2 ? comma : end;
		parts[n] = p;
		plen[n] = (size_t)(q - p);
		while (plen[n] && isspace((unsigned char)*parts[n])) {
			parts[n]++;
			plen[n]--;
		}
		while (plen[n] && isspace((unsigned char)parts[n][plen[n] - 1]))
			plen[n]--;
		n++;
		p = q + 1;
	}
	if (n < 2)
		return vg_record_add(rec, "notes", s, len, NULL);
	if (n == 3) {
		country = parts[0];
		cl = plen[0];
		num = parts[1];
		nl = plen[1];
		type = parts[2];
		tl = plen[2];
	} else {
		num = parts[0];
		nl = plen[0];
		type = parts[1];
		tl = plen[1];
	}
	if (tl >= 7 && strncasecmp(type, "Website", 7) == 0)
		return vg_record_add(rec, "website", num, nl, NULL);
	if (tl >= 5 && strncasecmp(type, "Email", 5) == 0)
		return vg_record_add(rec, "email", num, nl, NULL);
	if (memmem(type, tl, "Directive", 9) || memmem(num, nl, "Directive", 9) ||
	    memmem(type, tl, "Executive Order", 15))
		return vg_record_add(rec, "notes", s, len, NULL);
	if (memmem(type, tl, "assport", 7))
		prop = "passportNumber";
	else if (memmem(type, tl, "Tax", 3) || memmem(type, tl, "NIT", 3) ||
		 memmem(type, tl, "RFC", 3) || memmem(type, tl, "VAT", 3))
		prop = "taxNumber";
	else if (memmem(type, tl, "Registration", 12) || memmem(type, tl, "Gazette", 7) ||
		 memmem(type, tl, "Company Number", 14) || memmem(type, tl, "Mercantil", 9))
		prop = "registrationNumber";
	else if (memmem(type, tl, "SWIFT", 5))
		prop = "swiftBic";
	else if (memmem(type, tl, "IMO", 3))
		prop = "imoNumber";
	else if (memmem(type, tl, "MMSI", 4))
		prop = "mmsi";
	if (country) {
		const char *cc = vg__country_code(country, cl);
		if (cc)
			snprintf(code, sizeof(code), "%s", cc);
	}
	return vg_record_add(rec, prop, num, nl, code[0] ? code : NULL);
}

static const char *topic_of(const char *source, size_t len)
{
	if (memmem(source, len, "Denied Persons", 14) || memmem(source, len, "Debarred", 8))
		return "debarment";
	if (memmem(source, len, "Entity List", 11) || memmem(source, len, "Unverified", 10) ||
	    memmem(source, len, "Military End User", 17))
		return "export.control";
	return "sanction";
}

/* Each column's index: its name, or its name after a '_' ("_id"). */
static void map_header(row *r, const vg_csv *c)
{
	int i;
	for (i = 0; i < C__COUNT; i++) {
		char under[64];
		r->col[i] = (int)vg_csv_find(c, col_names[i]);
		snprintf(under, sizeof(under), "_%s", col_names[i]);
		if (r->col[i] < 0)
			r->col[i] = (int)vg_csv_find(c, under);
	}
}

/* csl-<entity_number or id>, else a hash of source, name and start date. */
static void row_id(const row *r, char id[96])
{
	size_t l, sl, nl, sdl;
	const char *s = get(r, C_ENTITY_NUMBER, &l), *source = get(r, C_SOURCE, &sl);
	const char *nm = get(r, C_NAME, &nl), *sd = get(r, C_START, &sdl);
	uint64_t h;
	if (!l)
		s = get(r, C_ID, &l);
	if (l && l < 64) {
		snprintf(id, 96, "csl-%.*s", (int)l, s);
		return;
	}
	h = vg__fnv1a(source, sl, VG__FNV_SEED);
	h = vg__fnv1a("|", 1, h);
	h = vg__fnv1a(nm, nl, h);
	h = vg__fnv1a("|", 1, h);
	h = vg__fnv1a(sd, sdl, h);
	snprintf(id, 96, "csl-h%016llx", (unsigned long long)h);
}

static vg_schema row_schema(const row *r)
{
	size_t l;
	const char *s = get(r, C_TYPE, &l);
	if (l >= 10 && strncasecmp(s, "Individual", 10) == 0)
		return VG_SCHEMA_PERSON;
	if (l >= 6 && strncasecmp(s, "Entity", 6) == 0)
		return VG_SCHEMA_ORGANIZATION;
	if (l >= 6 && strncasecmp(s, "Vessel", 6) == 0)
		return VG_SCHEMA_VESSEL;
	if (l >= 8 && strncasecmp(s, "Aircraft", 8) == 0)
		return VG_SCHEMA_AIRPLANE;
	return VG_SCHEMA_LEGAL_ENTITY;
}

/* The party's facts; its name is nm. */
static int row_entity(vg_record *rec, const row *r, const char *nm, size_t nl)
{
	size_t l, sl;
	const char *s, *source = get(r, C_SOURCE, &sl), *topic = topic_of(source, sl);
	int rc;
	if ((rc = add_name(rec, "name", nm, nl)) < 0 ||
	    (rc = vg_record_add(rec, "topics", topic, strlen(topic), NULL)) < 0 ||
	    (s = get(r, C_ALT_NAMES, &l), rc = each(rec, "alias", s, l, add_name)) < 0 ||
	    (s = get(r, C_TITLE, &l), rc = vg_record_add(rec, "position", s, l, NULL)) < 0 ||
	    (s = get(r, C_ADDRESSES, &l), rc = each(rec, "address", s, l, add_address)) < 0 ||
	    (s = get(r, C_DOBS, &l), rc = each(rec, "birthDate", s, l, add_date)) < 0 ||
	    (s = get(r, C_POBS, &l), rc = each(rec, "birthPlace", s, l, add_plain)) < 0 ||
	    (s = get(r, C_CITIZENSHIPS, &l), rc = each(rec, "citizenship", s, l, add_country)) < 0 ||
	    (s = get(r, C_NATIONALITIES, &l), rc = each(rec, "nationality", s, l, add_country)) < 0 ||
	    (s = get(r, C_IDS, &l), rc = each(rec, "idNumber", s, l, add_id)) < 0 ||
	    (s = get(r, C_REMARKS, &l), rc = vg_record_add(rec, "notes", s, l, NULL)) < 0 ||
	    (s = get(r, C_PROGRAMS, &l), rc = each(rec, "program", s, l, add_plain)) < 0 ||
	    (s = get(r, C_INFO_URL, &l), rc = vg_record_add(rec, "sourceUrl", s, l, NULL)) < 0 ||
	    (s = get(r, C_CALL_SIGN, &l), rc = vg_record_add(rec, "callSign", s, l, NULL)) < 0 ||
	    (s = get(r, C_VESSEL_TYPE, &l), rc = vg_record_add(rec, "type", s, l, NULL)) < 0 ||
	    (s = get(r, C_TONNAGE, &l), rc = vg_record_add(rec, "tonnage", s, l, NULL)) < 0 ||
	    (s = get(r, C_GRT, &l), rc = vg_record_add(rec, "grossRegisteredTonnage", s, l, NULL)) < 0 ||
	    (s = get(r, C_FLAG, &l), rc = (l ? vg__add_country(rec, "flag", s, l) : 0)) < 0 ||
	    (s = get(r, C_OWNER, &l),
	     rc = (l ? vg_record_addf(rec, "notes", NULL, "Vessel owner: %.*s", (int)l, s) : 0)) < 0)
		return rc;
	return 0;
}

/* The listing itself. */
static int row_sanction(vg_record *sanc, const row *r, const char *id)
{
	char sid[128];
	size_t l, sl;
	const char *s, *source = get(r, C_SOURCE, &sl);
	int rc;
	sanc->schema = VG_SCHEMA_SANCTION;
	snprintf(sid, sizeof(sid), "%s-sanction", id);
	if ((rc = vg_record_set_id(sanc, sid, strlen(sid))) < 0 ||
	    (rc = vg_record_add(sanc, "entity", id, strlen(id), NULL)) < 0 ||
	    (rc = vg_record_add(sanc, "authority", source, sl, NULL)) < 0 ||
	    (rc = vg_record_add(sanc, "country", "us", 2, NULL)) < 0 ||
	    (s = get(r, C_PROGRAMS, &l), rc = each(sanc, "program", s, l, add_plain)) < 0 ||
	    (s = get(r, C_START, &l), rc = add_date(sanc, "startDate", s, l)) < 0 ||
	    (s = get(r, C_END, &l), rc = add_date(sanc, "endDate", s, l)) < 0 ||
	    (s = get(r, C_FRN, &l), rc = vg_record_add(sanc, "summary", s, l, NULL)) < 0 ||
	    (s = get(r, C_LIST_URL, &l), rc = vg_record_add(sanc, "sourceUrl", s, l, NULL)) < 0)
		return rc;
	return 0;
}

int vg__csl_parse(const char *name, const char *data, size_t len,
		  vg_source_meta *meta, const vg_reader_sink *sink)
{
	vg_csv *c = NULL;
	vg_record rec, sanc;
	row r;
	int rc;
	vg__meta_init(meta, vg__dataset_name(VG__DS_US_CSL), "csl-csv", name);
	vg_record_init(&rec);
	vg_record_init(&sanc);
	if ((rc = vg__csv_open(&c, name, data, len, ',', meta)) < 0)
		goto cleanup;
	r.c = c;
	if ((rc = vg_csv_next(c)) <= 0) {
		if (rc == 0)
			rc = vg__error_set(VG_EDATA, "%s:1: empty file, expected a CSL header", name);
		goto cleanup;
	}
	map_header(&r, c);
	if (r.col[C_NAME] < 0 || r.col[C_SOURCE] < 0) {
		rc = vg__error_set(VG_EDATA, "%s:1: CSL header without \"source\" and \"name\" columns",
				   name);
		goto cleanup;
	}
	while ((rc = vg_csv_next(c)) == 1) {
		size_t nl;
		const char *nm = get(&r, C_NAME, &nl);
		char id[96];
		if (vg_csv_count(c) < (size_t)r.col[C_NAME] + 1) {
			rc = vg__error_set(VG_EDATA, "%s:%zu: %zu fields, the header has more (file truncated?)",
					   name, vg_csv_line(c), vg_csv_count(c));
			goto cleanup;
		}
		row_id(&r, id);
		if (!nl) {
			vg__warn(sink, name, vg_csv_line(c), "%s: row without a name, skipped", id);
			continue;
		}
		vg_record_reset(&rec);
		vg_record_reset(&sanc);
		rec.file = sanc.file = name;
		rec.line = sanc.line = vg_csv_line(c);
		rec.schema = row_schema(&r);
		if ((rc = vg_record_set_id(&rec, id, strlen(id))) < 0 ||
		    (rc = row_entity(&rec, &r, nm, nl)) < 0 || (rc = row_sanction(&sanc, &r, id)) < 0 ||
		    (rc = vg__emit(sink, &rec)) != 0 || (rc = vg__emit(sink, &sanc)) != 0)
			goto cleanup;
	}
cleanup:
	vg_csv_free(c);
	vg_record_dispose(&rec);
	vg_record_dispose(&sanc);
	return rc;
}
