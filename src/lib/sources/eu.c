/*
 * eu.c - the EU Financial Sanctions File (FSF) XML, schema 1.1: root
 * <export> in namespace http://eu.europa.eu/fpi/fsd/export, one
 * <sanctionEntity logicalId=...> per listed subject, its facts written as
 * attributes of child elements (nameAlias, citizen, birthdate,
 * identification, address, regulation) plus <remark> text.
 *
 * How it works: the guarded reader streams the file; each sanctionEntity
 * is expanded into a DOM subtree (memory bounded by one record),
 * translated, sent, and skipped.  Ids are eu-<logicalId>.
 *
 * Mapping: subjectType code "person" -> Person, "enterprise" ->
 * Organization.  The first strong nameAlias is the name, other strong
 * ones aliases (qualified with their script when not Latin), strong="false"
 * ones weakAlias.  birthdate keeps circa (-> "circa") and year ranges;
 * countryIso2Code "00" means unknown and is dropped.  Regulations become
 * one Sanction with every programme and the earliest publication date.
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
} eu_reader;

/* Attribute value (caller xmlFree()s), NULL when absent or empty. */
static char *attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)name);
	if (v && !v[0]) {
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

static int do_name(eu_reader *e, const xmlNode *n, int *have_name)
{
	char *whole = attr(n, "wholeName");
	const char *key, *qual = NULL;
	char *st = attr(n, "strong");
	/* an alias is strong unless the file says strong="false" */
	int strong = !st || strcasecmp(st, "false") != 0;
	int rc = 0;
	xmlFree(st);
	if (whole) {
		const char *script = vg__script_of(whole, strlen(whole));
		if (!strong) {
			key = "weakAlias";
			qual = "weak";
		} else if (!*have_name && (!script || strcmp(script, "Latn") == 0)) {
			key = "name";
			*have_name = 1;
		} else {
			key = "alias";
			if (script && strcmp(script, "Latn") != 0)
				qual = script;
		}
		rc = vg_record_add(&e->rec, key, whole, strlen(whole), qual);
	}
	if (rc >= 0 && e->rec.schema == VG_SCHEMA_PERSON && strong &&
	    ((rc = add_attr(&e->rec, "firstName", n, "firstName")) < 0 ||
	     (rc = add_attr(&e->rec, "middleName", n, "middleName")) < 0 ||
	     (rc = add_attr(&e->rec, "lastName", n, "lastName")) < 0))
		goto cleanup;
	if (rc >= 0 && ((rc = add_attr(&e->rec, "title", n, "title")) < 0 ||
			(rc = add_attr(&e->rec, "position", n, "function")) < 0))
		goto cleanup;
	if (rc >= 0 && e->rec.schema == VG_SCHEMA_PERSON) {
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

static int do_birth(eu_reader *e, const xmlNode *n)
{
	char *date = attr(n, "birthdate"), *year = attr(n, "year");
	char *from = attr(n, "yearRangeFrom"), *to = attr(n, "yearRangeTo");
	char *city = attr(n, "city"), *place = attr(n, "place"), *region = attr(n, "region");
	char *desc = attr(n, "countryDescription");
	const char *qual = is_true(n, "circa") ? "circa" : NULL;
	char cc[3];
	const char *code = country_of(n, cc);
	vg_buf pob = VG_BUF_INIT;
	int rc = 0;
	if (from && to) {
		char range[64];
		snprintf(range, sizeof(range), "%.20s to %.20s", from, to);
		rc = vg__date_add(&e->rec, "birthDate", range, strlen(range), VG__DMY, NULL);
	} else if (date) {
		rc = vg__date_add(&e->rec, "birthDate", date, strlen(date), VG__DMY, qual);
	} else if (year) {
		char *month = attr(n, "monthOfYear");
		if (month) {
			char ym[32];
			snprintf(ym, sizeof(ym), "%.4s-%02d", year, atoi(month));
			rc = vg__date_add(&e->rec, "birthDate", ym, strlen(ym), VG__DMY, qual);
		} else {
			rc = vg__date_add(&e->rec, "birthDate", year, strlen(year), VG__DMY, qual);
		}
		xmlFree(month);
	}
	if (rc < 0)
		goto cleanup;
	rc = 0;
	{
		const char *parts[4];
		size_t i;
		parts[0] = city ? city : place;
		parts[1] = region;
		parts[2] = desc && strcasecmp(desc, "UNKNOWN") != 0 ? desc : NULL;
		parts[3] = NULL;
		for (i = 0; i < 3; i++) {
			if (!parts[i])
				continue;
			if ((pob.size && vg_buf_put(&pob, ", ", 2)) || vg_buf_puts(&pob, parts[i])) {
				rc = VG_ENOMEM;
				goto cleanup;
			}
		}
	}
	if (pob.size && (rc = vg_record_add(&e->rec, "birthPlace", pob.ptr, pob.size, NULL)) < 0)
		goto cleanup;
	if (code && (rc = vg_record_add(&e->rec, "birthCountry", code, 2, NULL)) < 0)
		goto cleanup;
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
	return rc;
}

static int do_address(eu_reader *e, const xmlNode *n)
{
	static const char *const parts[] = { "street", "poBox", "city", "zipCode", "region",
					     "place", "countryDescription", NULL };
	vg_buf a = VG_BUF_INIT;
	char cc[3];
	const char *code = country_of(n, cc);
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
	if (a.size && (rc = vg_record_add(&e->rec, "address", a.ptr, a.size, NULL)) < 0)
		goto cleanup;
	if (code)
		rc = vg_record_add(&e->rec, "country", code, 2, NULL);
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

/* The document as its own record, after the entity went out. */
static int emit_identification(eu_reader *e, const xmlNode *n, size_t idx)
{
	char *num = attr(n, "number"), *type = attr(n, "identificationTypeCode");
	char *desc = attr(n, "identificationTypeDescription");
	char *issued = attr(n, "issuedDate"), *until = attr(n, "validTo");
	char cc[3], id[160];
	const char *code = country_of(n, cc);
	int rc = 0, passport = type && strcasecmp(type, "passport") == 0;
	if (!num)
		goto cleanup;
	vg_record_reset(&e->side);
	e->side.file = e->name;
	e->side.line = (size_t)xmlGetLineNo((xmlNode *)n);
	e->side.schema = passport ? VG_SCHEMA_PASSPORT : VG_SCHEMA_IDENTIFICATION;
	snprintf(id, sizeof(id), "%s-id-%zu", e->id, idx);
	if ((rc = vg_record_set_id(&e->side, id, strlen(id))) < 0 ||
	    (rc = vg_record_add(&e->side, "holder", e->id, strlen(e->id), NULL)) < 0 ||
	    (rc = vg_record_add(&e->side, "number", num, strlen(num), NULL)) < 0 ||
	    (desc && (rc = vg_record_add(&e->side, "type", desc, strlen(desc), NULL)) < 0) ||
	    (!desc && type && (rc = vg_record_add(&e->side, "type", type, strlen(type), NULL)) < 0) ||
	    (code && (rc = vg_record_add(&e->side, "country", code, 2, NULL)) < 0) ||
	    (issued && (rc = vg__date_add(&e->side, "startDate", issued, strlen(issued), VG__DMY, NULL)) < 0) ||
	    (until && (rc = vg__date_add(&e->side, "endDate", until, strlen(until), VG__DMY, NULL)) < 0) ||
	    (is_true(n, "diplomatic") && (rc = vg_record_add(&e->side, "summary", "diplomatic", 10, NULL)) < 0))
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

static int do_entity(eu_reader *e, const xmlNode *node)
{
	const xmlNode *c;
	char *lid = attr(node, "logicalId");
	char first_date[11] = "";
	int rc = 0, have_name = 0;
	size_t line = (size_t)xmlGetLineNo((xmlNode *)node), nid = 0;

	vg_record_reset(&e->rec);
	e->rec.file = e->name;
	e->rec.line = line;
	if (!lid) {
		rc = vg__error_set(VG_EDATA, "%s:%zu: sanctionEntity without logicalId", e->name, line);
		goto cleanup;
	}
	snprintf(e->id, sizeof(e->id), "eu-%.80s", lid);
	if ((rc = vg_record_set_id(&e->rec, e->id, strlen(e->id))) < 0)
		goto cleanup;
	e->rec.schema = VG_SCHEMA_ORGANIZATION;
	for (c = node->children; c; c = c->next) {
		if (vg__xml_is(c, "subjectType")) {
			char *code = attr(c, "code");
			if (code && strcasecmp(code, "person") == 0)
				e->rec.schema = VG_SCHEMA_PERSON;
			else if (code && strcasecmp(code, "vessel") == 0)
				e->rec.schema = VG_SCHEMA_VESSEL;
			xmlFree(code);
		}
	}
	if ((rc = vg_record_add(&e->rec, "topics", "sanction", 8, NULL)) < 0)
		goto cleanup;
	for (c = node->children; c; c = c->next) {
		if (vg__xml_is(c, "nameAlias"))
			rc = do_name(e, c, &have_name);
		else if (vg__xml_is(c, "citizen")) {
			char cc[3];
			const char *code = country_of(c, cc);
			rc = code ? vg_record_add(&e->rec, "nationality", code, 2, NULL) : 0;
		} else if (vg__xml_is(c, "birthdate"))
			rc = do_birth(e, c);
		else if (vg__xml_is(c, "address"))
			rc = do_address(e, c);
		else if (vg__xml_is(c, "identification"))
			rc = add_identification(e, c);
		else if (vg__xml_is(c, "remark")) {
			xmlChar *t = xmlNodeGetContent(c);
			rc = t ? vg_record_add(&e->rec, "notes", (char *)t, strlen((char *)t), NULL) : 0;
			xmlFree(t);
		} else if (vg__xml_is(c, "regulation")) {
			char *prog = attr(c, "programme"), *pub = attr(c, "publicationDate");
			rc = prog ? vg_record_add(&e->rec, "program", prog, strlen(prog), NULL) : 0;
			if (pub && strlen(pub) >= 10 && (!first_date[0] || strncmp(pub, first_date, 10) < 0))
				snprintf(first_date, sizeof(first_date), "%.10s", pub);
			xmlFree(prog);
			xmlFree(pub);
		}
		if (rc < 0)
			goto cleanup;
	}
	if (!have_name) {
		/* only non-Latin or weak names: promote the first alias */
		size_t i;
		for (i = 0; i < e->rec.n_props; i++) {
			if (strcmp(e->rec.props[i].key, "alias") == 0 ||
			    strcmp(e->rec.props[i].key, "weakAlias") == 0) {
				const char *v = e->rec.props[i].value;
				if ((rc = vg_record_add(&e->rec, "name", v, strlen(v), NULL)) < 0)
					goto cleanup;
				have_name = 1;
				break;
			}
		}
	}
	if (!have_name) {
		vg__warn(e->sink, e->name, line, "%s: no name, skipped", e->id);
		goto cleanup;
	}
	if ((rc = vg__emit(e->sink, &e->rec)) != 0)
		goto cleanup;
	for (c = node->children; c; c = c->next)
		if (vg__xml_is(c, "identification") && (rc = emit_identification(e, c, ++nid)) != 0)
			goto cleanup;
	/* the Sanction */
	{
		char sid[128];
		char *ref = attr(node, "euReferenceNumber"), *un = attr(node, "unitedNationId");
		char *why = attr(node, "designationDetails");
		vg_record_reset(&e->side);
		e->side.file = e->name;
		e->side.line = line;
		e->side.schema = VG_SCHEMA_SANCTION;
		snprintf(sid, sizeof(sid), "%s-sanction", e->id);
		if ((rc = vg_record_set_id(&e->side, sid, strlen(sid))) == 0 &&
		    (rc = vg_record_add(&e->side, "entity", e->id, strlen(e->id), NULL)) == 0 &&
		    (rc = vg_record_add(&e->side, "authority", "European Union", 14, NULL)) == 0 &&
		    (rc = vg_record_add(&e->side, "country", "eu", 2, NULL)) == 0 &&
		    (!ref || (rc = vg_record_add(&e->side, "authorityId", ref, strlen(ref), NULL)) == 0) &&
		    (!un || (rc = vg_record_add(&e->side, "unscId", un, strlen(un), NULL)) == 0) &&
		    (!why || (rc = vg_record_add(&e->side, "reason", why, strlen(why), NULL)) == 0) &&
		    (!first_date[0] ||
		     (rc = vg_record_add(&e->side, "listingDate", first_date, strlen(first_date), NULL)) == 0)) {
			for (c = node->children; c && rc == 0; c = c->next) {
				if (vg__xml_is(c, "regulation")) {
					const xmlNode *u;
					rc = add_attr(&e->side, "program", c, "programme");
					for (u = c->children; u && rc == 0; u = u->next) {
						if (vg__xml_is(u, "publicationUrl")) {
							xmlChar *t = xmlNodeGetContent(u);
							rc = t ? vg_record_add(&e->side, "sourceUrl", (char *)t,
									       strlen((char *)t), NULL)
							       : 0;
							xmlFree(t);
						}
					}
				}
			}
			if (rc == 0)
				rc = vg__emit(e->sink, &e->side);
		}
		xmlFree(ref);
		xmlFree(un);
		xmlFree(why);
	}
cleanup:
	xmlFree(lid);
	return rc;
}

int vg__eu_parse(const char *name, const char *data, size_t len,
		 vg_source_meta *meta, const vg_reader_sink *sink)
{
	vg__xml x;
	eu_reader e;
	int rc, seen_root = 0;
	memset(&e, 0, sizeof(e));
	e.name = name;
	e.sink = sink;
	vg_record_init(&e.rec);
	vg_record_init(&e.side);
	vg__meta_init(meta, "eu-fsf", "eu-xml", name);
	if ((rc = vg__xml_open(&x, name, data, len, meta)) < 0)
		goto cleanup;
	while ((rc = vg__xml_read(&x)) == 1) {
		const char *el;
		int depth;
		if (xmlTextReaderNodeType(x.r) != XML_READER_TYPE_ELEMENT)
			continue;
		el = (const char *)xmlTextReaderConstLocalName(x.r);
		depth = xmlTextReaderDepth(x.r);
		if (depth == 0) {
			xmlChar *v;
			if (strcmp(el, "export") != 0) {
				rc = vg__error_set(VG_EDATA, "%s:%ld: root element <%s>, expected <export>",
						   name, xmlGetLineNo(xmlTextReaderCurrentNode(x.r)), el);
				goto cleanup;
			}
			seen_root = 1;
			if ((v = xmlTextReaderGetAttribute(x.r, (const xmlChar *)"generationDate"))) {
				snprintf(meta->as_of, sizeof(meta->as_of), "%.10s", (const char *)v);
				xmlFree(v);
			}
			if ((v = xmlTextReaderGetAttribute(x.r, (const xmlChar *)"globalFileId"))) {
				snprintf(meta->version, sizeof(meta->version), "%.63s", (const char *)v);
				xmlFree(v);
			}
			continue;
		}
		while (depth == 1 && el && strcmp(el, "sanctionEntity") == 0) {
			xmlNode *node = xmlTextReaderExpand(x.r);
			if (!node || x.has_err) {
				rc = vg__xml_fail(&x, "bad XML");
				goto cleanup;
			}
			if ((rc = do_entity(&e, node)) != 0)
				goto cleanup;
			if (xmlTextReaderNext(x.r) < 0 || x.has_err) {
				rc = vg__xml_fail(&x, "bad XML");
				goto cleanup;
			}
			/* Next() may land on the following entity directly */
			if (xmlTextReaderNodeType(x.r) != XML_READER_TYPE_ELEMENT)
				break;
			el = (const char *)xmlTextReaderConstLocalName(x.r);
			depth = xmlTextReaderDepth(x.r);
		}
	}
	if (rc == 0 && !seen_root)
		rc = vg__error_set(VG_EDATA, "%s:1: no <export> element", name);
cleanup:
	vg__xml_close(&x);
	vg_record_dispose(&e.rec);
	vg_record_dispose(&e.side);
	return rc;
}
