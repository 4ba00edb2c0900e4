/*
 * eu.c - the EU Financial Sanctions File (FSF) XML, schema 1.1: root
 * <export> in namespace http://eu.europa.eu/fpi/fsd/export, one
 * <sanctionEntity logicalId=...> per listed subject, its facts written as
 * attributes of child elements (nameAlias, citizenship, birthdate,
 * identification, address, regulation), each of which may carry <remark>
 * notes and, for addresses, <contactInfo key=... value=...>.
 *
 * How it works: the guarded reader streams the file; each sanctionEntity
 * is expanded into a DOM subtree (memory bounded by one record),
 * translated, sent, and skipped.  Ids are eu-<logicalId>.
 *
 * Mapping, as real exports write it:
 *   subjectType code     person -> Person, enterprise -> Organization,
 *                        vessel -> Vessel
 *   nameAlias            the caption is the best name: a strong one, in
 *                        Latin script, English rather than another
 *                        language, with its name parts rather than
 *                        without, the first of equals; the others are
 *                        aliases (qualified with their script when not
 *                        Latin).  strong="false", and a "low quality
 *                        alias" note (every alias says strong="true"),
 *                        make a weakAlias.  function is a person's
 *                        position and an organisation's note.
 *   citizenship          nationality
 *   birthdate            the date, a year and month, or a range of years,
 *                        circa kept as a qualifier; city, place, region and
 *                        country make the place
 *   identification       the number on the entity, and a Passport or
 *                        Identification record (issueDate, validTo,
 *                        knownExpired and the other flags, its note)
 *   address, contactInfo address and country; phone, e-mail, website
 *   regulation           programme and URL; the Sanction's listing date is
 *                        the entity's designationDate, or without one the
 *                        earliest publication that names it, qualified
 *                        "not later than"
 * Attribute values "", "-" and country "00" / "UNKNOWN" mean nothing.
 */
#include "sources/source.h"

#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
	const char *name;
	const vg_reader_sink *sink;
	vg_record rec, side;
	char id[96];
	int person;
} eu_reader;

/* Attribute value (caller xmlFree()s), NULL when absent, empty or the
 * placeholder "-". */
static char *attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)name);
	if (v && (!v[0] || strcmp((const char *)v, "-") == 0)) {
		xmlFree(v);
		return NULL;
	}
	return (char *)v;
}

static int is_true(const xmlNode *n, const char *name)
{
	char *v = attr(n, name);
	int t = v && (strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0);
	xmlFree(v);
	return t;
}

static int add_attr(vg_record *rec, const char *key, const xmlNode *n,
		    const char *name)
{
	char *v = attr(n, name);
	int rc = v ? vg_record_add(rec, key, v, strlen(v), NULL) : 0;
	xmlFree(v);
	return rc;
}

/* countryIso2Code, with "00" (unknown) dropped; falls back on the
 * description. */
static const char *country_of(const xmlNode *n, char out[3])
{
	char *code = attr(n, "countryIso2Code");
	const char *c = NULL;
	if (code && strcmp(code, "00") != 0)
		c = vg__country_code(code, strlen(code));
	xmlFree(code);
	if (!c) {
		char *desc = attr(n, "countryDescription");
		if (desc && strcasecmp(desc, "UNKNOWN") != 0)
			c = vg__country_code(desc, strlen(desc));
		xmlFree(desc);
	}
	if (!c)
		return NULL;
	memcpy(out, c, 3);
	return out;
}

/* The text of n's <remark>, trimmed (xmlFree it), or NULL. */
static char *remark_of(const xmlNode *n, const char **s, size_t *len)
{
	char *t = vg__xml_text(vg__xml_child(n, "remark"));
	*s = t;
	*len = t ? strlen(t) : 0;
	vg__trim(s, len);
	return t;
}

/* "prefix: remark" as a note of rec, when n has a remark. */
static int add_remark(vg_record *rec, const xmlNode *n, const char *prefix)
{
	const char *s;
	size_t len;
	char *t = remark_of(n, &s, &len);
	int rc = 0;
	if (len)
		rc = prefix ? vg_record_addf(rec, "notes", NULL, "%s: %.*s", prefix, (int)len, s)
			    : vg_record_add(rec, "notes", s, len, NULL);
	xmlFree(t);
	return rc;
}

/* 1 for a "good quality alias" note, -1 for "low quality ..." (also
 * misspelt "aliias"), 0 for any other note or none. */
static int alias_quality(const xmlNode *n)
{
	const char *s;
	size_t len;
	char *t = remark_of(n, &s, &len);
	int q = 0;
	if (len >= 11 && strncasecmp(s, "low quality", 11) == 0)
		q = -1;
	else if (len >= 12 && strncasecmp(s, "good quality", 12) == 0)
		q = 1;
	xmlFree(t);
	return q;
}

static int is_weak(const xmlNode *n)
{
	char *st = attr(n, "strong");
	int weak = st && strcasecmp(st, "false") == 0;
	xmlFree(st);
	return weak || alias_quality(n) < 0;
}

/* How well a nameAlias serves as the caption (higher is better, 0 never). */
static int name_rank(const xmlNode *n)
{
	char *whole = attr(n, "wholeName"), *lang, *first, *last;
	const char *script;
	int rank;
	if (!whole)
		return 0;
	script = vg__script_of(whole, strlen(whole));
	xmlFree(whole);
	if (is_weak(n))
		return 1;
	if (script && strcmp(script, "Latn") != 0)
		return 2;
	lang = attr(n, "nameLanguage");
	first = attr(n, "firstName");
	last = attr(n, "lastName");
	rank = 3 + (lang && strcasecmp(lang, "EN") == 0 ? 2 : 0) + (first || last ? 1 : 0);
	xmlFree(lang);
	xmlFree(first);
	xmlFree(last);
	return rank;
}

static int do_name(eu_reader *e, const xmlNode *n, int caption)
{
	char *whole = attr(n, "wholeName");
	const char *key = "alias", *qual = NULL;
	int rc = 0, weak = is_weak(n);
	if (whole) {
		const char *script = vg__script_of(whole, strlen(whole));
		if (caption) {
			key = "name";
		} else if (weak) {
			key = "weakAlias";
			qual = "weak";
		} else if (script && strcmp(script, "Latn") != 0) {
			qual = script;
		}
		if ((rc = vg_record_add(&e->rec, key, whole, strlen(whole), qual)) < 0 ||
		    (!alias_quality(n) && (rc = add_remark(&e->rec, n, whole)) < 0))
			goto cleanup;
	}
	if (e->person && !weak &&
	    ((rc = add_attr(&e->rec, "firstName", n, "firstName")) < 0 ||
	     (rc = add_attr(&e->rec, "middleName", n, "middleName")) < 0 ||
	     (rc = add_attr(&e->rec, "lastName", n, "lastName")) < 0))
		goto cleanup;
	/* a person's function is a position; an organisation's says what it
	 * does */
	if ((rc = add_attr(&e->rec, "title", n, "title")) < 0 ||
	    (rc = add_attr(&e->rec, e->person ? "position" : "notes", n, "function")) < 0)
		goto cleanup;
	if (e->person) {
		char *g = attr(n, "gender");
		if (g && (g[0] == 'M' || g[0] == 'm'))
			rc = vg_record_add(&e->rec, "gender", "male", 4, NULL);
		else if (g && (g[0] == 'F' || g[0] == 'f'))
			rc = vg_record_add(&e->rec, "gender", "female", 6, NULL);
		xmlFree(g);
	}
cleanup:
	xmlFree(whole);
	return rc;
}

/* Every nameAlias, the best one as the caption. */
static int do_names(eu_reader *e, const xmlNode *node)
{
	const xmlNode *c, *best = NULL;
	int best_rank = 0, rc;
	for (c = node->children; c; c = c->next) {
		int r = vg__xml_is(c, "nameAlias") ? name_rank(c) : 0;
		if (r > best_rank) {
			best = c;
			best_rank = r;
		}
	}
	for (c = node->children; c; c = c->next)
		if (vg__xml_is(c, "nameAlias") && (rc = do_name(e, c, c == best)) < 0)
			return rc;
	return 0;
}

static int do_birth(eu_reader *e, const xmlNode *n)
{
	char *date = attr(n, "birthdate"), *year = attr(n, "year");
	char *from = attr(n, "yearRangeFrom"), *to = attr(n, "yearRangeTo");
	char *city = attr(n, "city"), *place = attr(n, "place"), *region = attr(n, "region");
	char *desc = attr(n, "countryDescription");
	int circa = is_true(n, "circa");
	const char *qual = circa ? "circa" : NULL, *parts[3];
	char cc[3], buf[64];
	const char *code = country_of(n, cc);
	vg_buf pob = VG_BUF_INIT;
	size_t i;
	int rc = 0;
	if (from && to) {
		snprintf(buf, sizeof(buf), "%s%.20s to %.20s", circa ? "circa " : "", from, to);
		rc = vg__date_add(&e->rec, "birthDate", buf, strlen(buf), VG__DMY, NULL);
	} else if (date) {
		rc = vg__date_add(&e->rec, "birthDate", date, strlen(date), VG__DMY, qual);
	} else if (year) {
		char *month = attr(n, "monthOfYear");
		if (month)
			snprintf(buf, sizeof(buf), "%.4s-%02d", year, atoi(month));
		else
			snprintf(buf, sizeof(buf), "%.4s", year);
		rc = vg__date_add(&e->rec, "birthDate", buf, strlen(buf), VG__DMY, qual);
		xmlFree(month);
	}
	if (rc < 0 || (rc = add_remark(&e->rec, n, "Date of birth")) < 0)
		goto cleanup;
	parts[0] = city ? city : place;
	parts[1] = region;
	parts[2] = desc && strcasecmp(desc, "UNKNOWN") != 0 ? desc : NULL;
	for (i = 0; i < 3; i++) {
		if (parts[i] && ((pob.size && vg_buf_put(&pob, ", ", 2)) || vg_buf_puts(&pob, parts[i]))) {
			rc = VG_ENOMEM;
			goto cleanup;
		}
	}
	if (pob.size && (rc = vg_record_add(&e->rec, "birthPlace", pob.ptr, pob.size, NULL)) < 0)
		goto cleanup;
	if (code)
		rc = vg_record_add(&e->rec, "birthCountry", code, 2, NULL);
cleanup:
	vg_buf_dispose(&pob);
	xmlFree(date);
	xmlFree(year);
	xmlFree(from);
	xmlFree(to);
	xmlFree(city);
	xmlFree(place);
	xmlFree(region);
	xmlFree(desc);
	return rc < 0 ? rc : 0;
}

/* <contactInfo key="PHONE|FAX|EMAIL|WEB" value="a; b">. */
static int do_contact(eu_reader *e, const xmlNode *n)
{
	char *key = attr(n, "key"), *value = attr(n, "value");
	const char *prop = NULL, *s = value;
	int rc = 0;
	if (key && strcasecmp(key, "PHONE") == 0)
		prop = "phone";
	else if (key && strcasecmp(key, "EMAIL") == 0)
		prop = "email";
	else if (key && strcasecmp(key, "WEB") == 0)
		prop = "website";
	while (s && *s && rc == 0) {
		const char *semi = strchr(s, ';');
		size_t len = semi ? (size_t)(semi - s) : strlen(s);
		if (prop)
			rc = vg_record_add(&e->rec, prop, s, len, NULL);
		else
			rc = vg_record_addf(&e->rec, "notes", NULL, "%s: %.*s", key ? key : "Contact",
					    (int)len, s);
		s = semi ? semi + 1 : NULL;
	}
	xmlFree(key);
	xmlFree(value);
	return rc;
}

static int do_address(eu_reader *e, const xmlNode *n)
{
	static const char *const parts[] = { "street", "poBox", "city", "zipCode", "region",
					     "place", "countryDescription", NULL };
	vg_buf a = VG_BUF_INIT;
	char cc[3];
	const char *code = country_of(n, cc);
	const xmlNode *c;
	size_t i;
	int rc = 0;
	for (i = 0; parts[i]; i++) {
		char *v = attr(n, parts[i]);
		if (v && !(strcmp(parts[i], "countryDescription") == 0 && strcasecmp(v, "UNKNOWN") == 0) &&
		    ((a.size && vg_buf_put(&a, ", ", 2)) || vg_buf_puts(&a, v)))
			rc = VG_ENOMEM;
		xmlFree(v);
		if (rc < 0)
			goto cleanup;
	}
	if ((a.size && (rc = vg_record_add(&e->rec, "address", a.ptr, a.size, NULL)) < 0) ||
	    (code && (rc = vg_record_add(&e->rec, "country", code, 2, NULL)) < 0) ||
	    (rc = add_remark(&e->rec, n, "Address")) < 0)
		goto cleanup;
	for (c = n->children; c && rc == 0; c = c->next)
		if (vg__xml_is(c, "contactInfo"))
			rc = do_contact(e, c);
cleanup:
	vg_buf_dispose(&a);
	return rc;
}

/* identificationTypeCode -> the entity property it feeds */
static const char *id_prop(const char *type)
{
	if (!type)
		return "idNumber";
	if (strcasecmp(type, "passport") == 0)
		return "passportNumber";
	if (strcasecmp(type, "tax") == 0 || strcasecmp(type, "fiscalcode") == 0)
		return "taxNumber";
	if (strcasecmp(type, "regnumber") == 0)
		return "registrationNumber";
	if (strcasecmp(type, "swiftbic") == 0)
		return "swiftBic";
	if (strcasecmp(type, "imo") == 0)
		return "imoNumber";
	return "idNumber";
}

static int add_identification(eu_reader *e, const xmlNode *n)
{
	char *num = attr(n, "number"), *type = attr(n, "identificationTypeCode");
	char cc[3];
	const char *code = country_of(n, cc);
	int rc = 0;
	if (num)
		rc = vg_record_add(&e->rec, id_prop(type), num, strlen(num), code);
	xmlFree(num);
	xmlFree(type);
	return rc;
}

/* The flags and note of a document, as its summary. */
static int document_summary(vg_record *doc, const xmlNode *n)
{
	static const struct {
		const char *attr, *text;
	} flags[] = {
		{ "diplomatic", "diplomatic" },
		{ "knownExpired", "known to have expired" },
		{ "knownFalse", "known to be false" },
		{ "reportedLost", "reported lost" },
		{ "revokedByIssuer", "revoked by its issuer" },
	};
	const char *s;
	size_t i, len;
	char *t;
	int rc = 0;
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]) && rc == 0; i++)
		if (is_true(n, flags[i].attr))
			rc = vg_record_add(doc, "summary", flags[i].text, strlen(flags[i].text), NULL);
	t = remark_of(n, &s, &len);
	if (rc == 0 && len)
		rc = vg_record_add(doc, "summary", s, len, NULL);
	xmlFree(t);
	return rc;
}

/* The document as its own record, after the entity went out. */
static int emit_identification(eu_reader *e, const xmlNode *n, size_t idx)
{
	char *num = attr(n, "number"), *type = attr(n, "identificationTypeCode");
	char *desc = attr(n, "identificationTypeDescription");
	/* issueDate in the exports; issuedDate and validFrom in older layouts */
	char *issued = attr(n, "issueDate"), *until = attr(n, "validTo");
	char cc[3], id[160];
	const char *code = country_of(n, cc);
	int rc = 0, passport = type && strcasecmp(type, "passport") == 0;
	if (!num)
		goto cleanup;
	if (!issued)
		issued = attr(n, "issuedDate");
	if (!issued)
		issued = attr(n, "validFrom");
	vg_record_reset(&e->side);
	e->side.file = e->name;
	e->side.line = (size_t)xmlGetLineNo((xmlNode *)n);
	e->side.schema = passport ? VG_SCHEMA_PASSPORT : VG_SCHEMA_IDENTIFICATION;
	snprintf(id, sizeof(id), "%s-id-%zu", e->id, idx);
	if ((rc = vg_record_set_id(&e->side, id, strlen(id))) < 0 ||
	    (rc = vg_record_add(&e->side, "holder", e->id, strlen(e->id), NULL)) < 0 ||
	    (rc = vg_record_add(&e->side, "number", num, strlen(num), NULL)) < 0 ||
	    (rc = add_attr(&e->side, "number", n, "latinNumber")) < 0 ||
	    (rc = vg_record_add(&e->side, "type", desc ? desc : type ? type : "", desc ? strlen(desc)
					     : type ? strlen(type) : 0, NULL)) < 0 ||
	    (code && (rc = vg_record_add(&e->side, "country", code, 2, NULL)) < 0) ||
	    (rc = add_attr(&e->side, "authority", n, "issuedBy")) < 0 ||
	    (issued && (rc = vg__date_add(&e->side, "startDate", issued, strlen(issued), VG__DMY, NULL)) < 0) ||
	    (until && (rc = vg__date_add(&e->side, "endDate", until, strlen(until), VG__DMY, NULL)) < 0) ||
	    (rc = document_summary(&e->side, n)) < 0)
		goto cleanup;
	rc = vg__emit(e->sink, &e->side);
cleanup:
	xmlFree(num);
	xmlFree(type);
	xmlFree(desc);
	xmlFree(issued);
	xmlFree(until);
	return rc;
}

/* The earliest publicationDate of a regulation or regulationSummary
 * anywhere in the record, into out[11] ("" when none). */
static void earliest_publication(const xmlNode *n, char out[11])
{
	const xmlNode *c;
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (vg__xml_is(c, "regulation") || vg__xml_is(c, "regulationSummary")) {
			char *pub = attr(c, "publicationDate");
			if (pub && strlen(pub) >= 10 && (!out[0] || strncmp(pub, out, 10) < 0))
				snprintf(out, 11, "%.10s", pub);
			xmlFree(pub);
		}
		earliest_publication(c, out);
	}
}

/* The Sanction: authority, reference numbers, reason, programmes and
 * their URLs, the listing date. */
static int emit_sanction(eu_reader *e, const xmlNode *node, size_t line)
{
	char sid[128], first[11] = "";
	char *designated = attr(node, "designationDate");
	const xmlNode *c, *u;
	int rc;
	vg_record_reset(&e->side);
	e->side.file = e->name;
	e->side.line = line;
	e->side.schema = VG_SCHEMA_SANCTION;
	snprintf(sid, sizeof(sid), "%s-sanction", e->id);
	if (!designated)
		earliest_publication(node, first);
	if ((rc = vg_record_set_id(&e->side, sid, strlen(sid))) < 0 ||
	    (rc = vg_record_add(&e->side, "entity", e->id, strlen(e->id), NULL)) < 0 ||
	    (rc = vg_record_add(&e->side, "authority", "European Union", 14, NULL)) < 0 ||
	    (rc = vg_record_add(&e->side, "country", "eu", 2, NULL)) < 0 ||
	    (rc = add_attr(&e->side, "authorityId", node, "euReferenceNumber")) < 0 ||
	    (rc = add_attr(&e->side, "unscId", node, "unitedNationId")) < 0 ||
	    (rc = add_attr(&e->side, "reason", node, "designationDetails")) < 0 ||
	    (designated &&
	     ((rc = vg__date_add(&e->side, "listingDate", designated, strlen(designated), VG__DMY, NULL)) < 0 ||
	      (rc = vg__date_add(&e->side, "startDate", designated, strlen(designated), VG__DMY, NULL)) < 0)) ||
	    (first[0] && (rc = vg_record_add(&e->side, "listingDate", first, strlen(first), "not later than")) < 0))
		goto cleanup;
	for (c = node->children; c && rc >= 0; c = c->next) {
		if (!vg__xml_is(c, "regulation"))
			continue;
		rc = add_attr(&e->side, "program", c, "programme");
		for (u = c->children; u && rc >= 0; u = u->next)
			if (vg__xml_is(u, "publicationUrl"))
				rc = vg__xml_add_text(&e->side, "sourceUrl", u, NULL);
	}
	if (rc >= 0)
		rc = vg__emit(e->sink, &e->side);
cleanup:
	xmlFree(designated);
	return rc;
}

static vg_schema schema_of(const xmlNode *node)
{
	const xmlNode *c;
	vg_schema s = VG_SCHEMA_ORGANIZATION;
	for (c = node->children; c; c = c->next) {
		if (vg__xml_is(c, "subjectType")) {
			char *code = attr(c, "code");
			if (code && strcasecmp(code, "person") == 0)
				s = VG_SCHEMA_PERSON;
			else if (code && strcasecmp(code, "vessel") == 0)
				s = VG_SCHEMA_VESSEL;
			xmlFree(code);
		}
	}
	return s;
}

/* The entity's facts other than its names. */
static int do_facts(eu_reader *e, const xmlNode *node)
{
	const xmlNode *c;
	int rc = 0;
	for (c = node->children; c && rc >= 0; c = c->next) {
		if (vg__xml_is(c, "citizenship")) {
			char cc[3];
			const char *code = country_of(c, cc);
			rc = code ? vg_record_add(&e->rec, "nationality", code, 2, NULL) : 0;
		} else if (vg__xml_is(c, "birthdate")) {
			rc = do_birth(e, c);
		} else if (vg__xml_is(c, "address")) {
			rc = do_address(e, c);
		} else if (vg__xml_is(c, "contactInfo")) {
			rc = do_contact(e, c);
		} else if (vg__xml_is(c, "identification")) {
			rc = add_identification(e, c);
		} else if (vg__xml_is(c, "remark")) {
			rc = vg__xml_add_text(&e->rec, "notes", c, NULL);
		} else if (vg__xml_is(c, "regulation")) {
			rc = add_attr(&e->rec, "program", c, "programme");
		}
	}
	return rc;
}

static int do_entity(eu_reader *e, const xmlNode *node)
{
	const xmlNode *c;
	char *lid = attr(node, "logicalId");
	int rc = 0;
	size_t line = (size_t)xmlGetLineNo((xmlNode *)node), nid = 0;

	vg_record_reset(&e->rec);
	e->rec.file = e->name;
	e->rec.line = line;
	if (!lid) {
		rc = vg__error_set(VG_EDATA, "%s:%zu: sanctionEntity without logicalId", e->name, line);
		goto cleanup;
	}
	snprintf(e->id, sizeof(e->id), "eu-%.80s", lid);
	e->rec.schema = schema_of(node);
	e->person = e->rec.schema == VG_SCHEMA_PERSON;
	if ((rc = vg_record_set_id(&e->rec, e->id, strlen(e->id))) < 0 ||
	    (rc = vg_record_add(&e->rec, "topics", "sanction", 8, NULL)) < 0 ||
	    (rc = do_names(e, node)) < 0 || (rc = do_facts(e, node)) < 0)
		goto cleanup;
	if (!vg_record_get(&e->rec, "name")) {
		/* only weak names: the first stands in */
		const char *v = vg_record_get(&e->rec, "weakAlias");
		if (!v) {
			vg__warn(e->sink, e->name, line, "%s: no name, skipped", e->id);
			goto cleanup;
		}
		if ((rc = vg_record_add(&e->rec, "name", v, strlen(v), NULL)) < 0)
			goto cleanup;
	}
	if ((rc = vg__emit(e->sink, &e->rec)) != 0)
		goto cleanup;
	for (c = node->children; c; c = c->next)
		if (vg__xml_is(c, "identification") && (rc = emit_identification(e, c, ++nid)) != 0)
			goto cleanup;
	rc = emit_sanction(e, node, line);
cleanup:
	xmlFree(lid);
	return rc;
}

typedef struct {
	eu_reader *e;
	vg_source_meta *meta;
} eu_walk;

/* <export generationDate=... globalFileId=...> */
static int eu_root(void *ctx, vg__xml *x)
{
	vg_source_meta *meta = ((eu_walk *)ctx)->meta;
	vg__xml_attr_copy(x, "generationDate", meta->as_of, sizeof(meta->as_of), 10);
	vg__xml_attr_copy(x, "globalFileId", meta->version, sizeof(meta->version), 63);
	return 0;
}

static int eu_record(void *ctx, const xmlNode *node, const char *name)
{
	(void)name;
	return do_entity(((eu_walk *)ctx)->e, node);
}

int vg__eu_parse(const char *name, const char *data, size_t len,
		 vg_source_meta *meta, const vg_reader_sink *sink)
{
	static const char *const records[] = { "sanctionEntity", NULL };
	vg__xml x;
	eu_reader e;
	eu_walk ew = { &e, meta };
	vg__xml_walk w = { "export", 1, records, eu_root, NULL, eu_record, &ew };
	int rc;
	memset(&e, 0, sizeof(e));
	e.name = name;
	e.sink = sink;
	vg_record_init(&e.rec);
	vg_record_init(&e.side);
	vg__meta_init(meta, vg__dataset_name(VG__DS_EU_FSF), "eu-xml", name);
	if ((rc = vg__xml_open(&x, name, data, len, meta)) == 0)
		rc = vg__xml_records(&x, &w);
	vg__xml_close(&x);
	vg_record_dispose(&e.rec);
	vg_record_dispose(&e.side);
	return rc;
}
