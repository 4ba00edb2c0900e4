/*
 * un.c - the UN Security Council consolidated list (XML: CONSOLIDATED_LIST
 * with INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY).
 *
 * How it works: the guarded reader streams the document; each INDIVIDUAL
 * or ENTITY is expanded into a small DOM subtree (memory bounded by one
 * record), translated, sent, and skipped past.  Ids are un-<REFERENCE_NUMBER>
 * ("un-QDi.001"), which the UN keeps across versions.
 *
 * Mapping: FIRST_NAME..FOURTH_NAME joined make the name (the UN writes
 * them in the order the name is said); NAME_ORIGINAL_SCRIPT is an alias
 * qualified with its script; alias QUALITY "Low" is a weakAlias, "f.k.a."
 * a previousName; dates of birth keep their precision (APPROXIMATELY ->
 * "approx", BETWEEN -> every year of the range); UN_LIST_TYPE,
 * REFERENCE_NUMBER and LISTED_ON make the Sanction.
 */
#include "sources/source.h"

#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define UN_SOURCE_URL "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list"

typedef struct {
	const char *name;
	const vg_reader_sink *sink;
	vg_record rec, side;
	char id[128];
} un_reader;

static int add_country_text(vg_record *rec, const char *key, const xmlNode *n)
{
	char *t = vg__xml_text(n);
	int rc = 0;
	if (t)
		rc = vg__add_country(rec, key, t, strlen(t));
	xmlFree(t);
	return rc;
}

/* The texts of the children listed, trimmed, joined by sep ("street,
 * city, state, zip, country"; the parts of a name). */
static int joined(vg_buf *out, const xmlNode *n, const char *const *names, const char *sep)
{
	size_t i;
	vg_buf_clear(out);
	for (i = 0; names[i]; i++) {
		char *t = vg__xml_text(vg__xml_child(n, names[i]));
		size_t tl;
		const char *ts = t;
		if (!t)
			continue;
		tl = strlen(t);
		while (tl && (ts[tl - 1] == ' ' || ts[tl - 1] == '\n'))
			tl--;
		while (tl && (*ts == ' ' || *ts == '\n')) {
			ts++;
			tl--;
		}
		if (tl && ((out->size && vg_buf_puts(out, sep)) || vg_buf_put(out, ts, tl))) {
			xmlFree(t);
			return VG_ENOMEM;
		}
		xmlFree(t);
	}
	return 0;
}

static int do_dob(un_reader *u, const xmlNode *n)
{
	char *type = vg__xml_text(vg__xml_child(n, "TYPE_OF_DATE"));
	char *date = vg__xml_text(vg__xml_child(n, "DATE"));
	char *year = vg__xml_text(vg__xml_child(n, "YEAR"));
	char *from = vg__xml_text(vg__xml_child(n, "FROM_YEAR"));
	char *to = vg__xml_text(vg__xml_child(n, "TO_YEAR"));
	char *note = vg__xml_text(vg__xml_child(n, "NOTE"));
	const char *qual = NULL;
	int rc = 0, got = 0;
	if (type && strcasecmp(type, "APPROXIMATELY") == 0)
		qual = "approx";
	if (from && to) {
		char range[128];
		snprintf(range, sizeof(range), "%s to %s", from, to);
		rc = vg__date_add(&u->rec, "birthDate", range, strlen(range), VG__DMY, NULL);
		got |= rc > 0;
	}
	if (rc >= 0 && date) {
		rc = vg__date_add(&u->rec, "birthDate", date, strlen(date), VG__DMY, qual);
		got |= rc > 0;
	}
	if (rc >= 0 && year) {
		rc = vg__date_add(&u->rec, "birthDate", year, strlen(year), VG__DMY, qual);
		got |= rc > 0;
	}
	if (rc >= 0 && note && !got) {
		/* "Nov. 1973" is sometimes all there is */
		rc = vg__date_add(&u->rec, "birthDate", note, strlen(note), VG__DMY, qual);
		got |= rc > 0;
		if (rc == 0)
			rc = vg_record_addf(&u->rec, "notes", NULL, "Date of birth: %s", note);
	}
	if (rc >= 0 && !got && (date || year || from))
		vg__warn(u->sink, u->name, (size_t)xmlGetLineNo((xmlNode *)n),
			 "%s: date of birth not understood", u->id);
	xmlFree(type);
	xmlFree(date);
	xmlFree(year);
	xmlFree(from);
	xmlFree(to);
	xmlFree(note);
	return rc < 0 ? rc : 0;
}

static int do_document(un_reader *u, const xmlNode *n, size_t idx)
{
	char *type = vg__xml_text(vg__xml_child(n, "TYPE_OF_DOCUMENT"));
	char *type2 = vg__xml_text(vg__xml_child(n, "TYPE_OF_DOCUMENT2"));
	char *number = vg__xml_text(vg__xml_child(n, "NUMBER"));
	char *country = vg__xml_text(vg__xml_child(n, "ISSUING_COUNTRY"));
	char *issue = vg__xml_text(vg__xml_child(n, "DATE_OF_ISSUE"));
	char *note = vg__xml_text(vg__xml_child(n, "NOTE"));
	int passport, rc = 0;
	char id[192];
	if (!country)
		country = vg__xml_text(vg__xml_child(n, "COUNTRY_OF_ISSUE"));
	if (!number)
		goto cleanup;
	passport = (type && strstr(type, "assport")) || (type2 && strstr(type2, "assport"));
	/* the document itself, as FtM models it */
	vg_record_reset(&u->side);
	u->side.file = u->name;
	u->side.line = (size_t)xmlGetLineNo((xmlNode *)n);
	u->side.schema = passport ? VG_SCHEMA_PASSPORT : VG_SCHEMA_IDENTIFICATION;
	snprintf(id, sizeof(id), "%s-doc-%zu", u->id, idx);
	if ((rc = vg_record_set_id(&u->side, id, strlen(id))) < 0 ||
	    (rc = vg_record_add(&u->side, "holder", u->id, strlen(u->id), NULL)) < 0 ||
	    (rc = vg_record_add(&u->side, "number", number, strlen(number), NULL)) < 0 ||
	    (type && (rc = vg_record_add(&u->side, "type", type, strlen(type), NULL)) < 0) ||
	    (type2 && (rc = vg_record_add(&u->side, "type", type2, strlen(type2), NULL)) < 0) ||
	    (country && (rc = vg__add_country(&u->side, "country", country, strlen(country))) < 0) ||
	    (issue && (rc = vg__date_add(&u->side, "startDate", issue, strlen(issue), VG__DMY, NULL)) < 0) ||
	    (note && (rc = vg_record_add(&u->side, "summary", note, strlen(note), NULL)) < 0))
		goto cleanup;
	rc = 0;
cleanup:
	xmlFree(type);
	xmlFree(type2);
	xmlFree(number);
	xmlFree(country);
	xmlFree(issue);
	xmlFree(note);
	return rc;
}

/* Step 1: the id, the name (its parts joined with spaces, as the UN
 * writes them in the order they are said), its parts, the original
 * script, gender, comments, list type. */
static int do_identity(un_reader *u, const xmlNode *node, int person, const char *ref)
{
	static const char *const name_parts[] = { "FIRST_NAME", "SECOND_NAME", "THIRD_NAME",
						  "FOURTH_NAME", NULL };
	vg_buf sp = VG_BUF_INIT;
	char *orig = vg__xml_text(vg__xml_child(node, "NAME_ORIGINAL_SCRIPT"));
	size_t i;
	int rc;
	snprintf(u->id, sizeof(u->id), "un-%s", ref);
	if ((rc = vg_record_set_id(&u->rec, u->id, strlen(u->id))) < 0 ||
	    (rc = joined(&sp, node, name_parts, " ")) < 0 ||
	    (sp.size && (rc = vg_record_add(&u->rec, "name", sp.ptr, sp.size, NULL)) < 0))
		goto cleanup;
	if (person &&
	    ((rc = vg__xml_add_text(&u->rec, "firstName", vg__xml_child(node, "FIRST_NAME"), NULL)) < 0 ||
	     (rc = vg__xml_add_text(&u->rec, "secondName", vg__xml_child(node, "SECOND_NAME"), NULL)) < 0 ||
	     (rc = vg__xml_add_text(&u->rec, "middleName", vg__xml_child(node, "THIRD_NAME"), NULL)) < 0 ||
	     (rc = vg__xml_add_text(&u->rec, "middleName", vg__xml_child(node, "FOURTH_NAME"), NULL)) < 0))
		goto cleanup;
	if ((orig && (rc = vg_record_add(&u->rec, "alias", orig, strlen(orig),
					 vg__script_of(orig, strlen(orig)))) < 0) ||
	    (rc = vg_record_add(&u->rec, "topics", "sanction", 8, NULL)) < 0 ||
	    (rc = vg__xml_add_text(&u->rec, "gender", vg__xml_child(node, "GENDER"), NULL)) < 0 ||
	    (rc = vg__xml_add_text(&u->rec, "notes", vg__xml_child(node, "COMMENTS1"), NULL)) < 0 ||
	    (rc = vg__xml_add_text(&u->rec, "program", vg__xml_child(node, "UN_LIST_TYPE"), NULL)) < 0 ||
	    (rc = vg_record_add(&u->rec, "sourceUrl", UN_SOURCE_URL, strlen(UN_SOURCE_URL), NULL)) < 0)
		goto cleanup;
	/* FtM genders are lowercase */
	for (i = 0; i < u->rec.n_props; i++) {
		if (strcmp(u->rec.props[i].key, "gender") == 0) {
			char *g = (char *)u->rec.props[i].value;
			for (; *g; g++)
				if (*g >= 'A' && *g <= 'Z')
					*g = (char)(*g - 'A' + 'a');
		}
	}
cleanup:
	vg_buf_dispose(&sp);
	xmlFree(orig);
	return rc;
}

/* TITLE, DESIGNATION, NATIONALITY and LAST_DAY_UPDATED hold VALUE lists. */
static int do_values(un_reader *u, const xmlNode *c)
{
	const char *key = vg__xml_is(c, "TITLE")         ? "title"
			  : vg__xml_is(c, "DESIGNATION") ? "position"
			  : vg__xml_is(c, "NATIONALITY") ? "nationality"
							 : "modifiedAt";
	const xmlNode *v;
	int rc = 0;
	for (v = c->children; v && rc >= 0; v = v->next) {
		if (!vg__xml_is(v, "VALUE"))
			continue;
		if (strcmp(key, "nationality") == 0) {
			rc = add_country_text(&u->rec, key, v);
		} else if (strcmp(key, "modifiedAt") == 0) {
			char *t = vg__xml_text(v);
			rc = t ? vg__date_add(&u->rec, key, t, strlen(t), VG__DMY, NULL) : 0;
			xmlFree(t);
		} else {
			rc = vg__xml_add_text(&u->rec, key, v, NULL);
		}
	}
	return rc < 0 ? rc : 0;
}

/* An alias: QUALITY "Low" is weak, "f.k.a." a previous name. */
static int do_alias(un_reader *u, const xmlNode *c)
{
	char *q = vg__xml_text(vg__xml_child(c, "QUALITY"));
	char *a = vg__xml_text(vg__xml_child(c, "ALIAS_NAME"));
	const char *key = "alias", *qual = NULL;
	int rc;
	if (q && strcasecmp(q, "Low") == 0) {
		key = "weakAlias";
		qual = "weak";
	} else if (q && strcasecmp(q, "f.k.a.") == 0) {
		key = "previousName";
	}
	rc = a ? vg_record_add(&u->rec, key, a, strlen(a), qual) : 0;
	xmlFree(q);
	xmlFree(a);
	return rc;
}

static int do_place_of_birth(un_reader *u, const xmlNode *c, vg_buf *buf)
{
	static const char *const pob_parts[] = { "CITY", "STATE_PROVINCE", "COUNTRY", NULL };
	char *t = vg__xml_text(vg__xml_child(c, "COUNTRY"));
	const char *code = t ? vg__country_code(t, strlen(t)) : NULL;
	int rc;
	if ((rc = joined(buf, c, pob_parts, ", ")) == 0 && buf->size)
		rc = vg_record_add(&u->rec, "birthPlace", buf->ptr, buf->size, NULL);
	if (rc == 0 && code)
		rc = vg_record_add(&u->rec, "birthCountry", code, 2, NULL);
	xmlFree(t);
	return rc;
}

/* Step 2: the facts that are child elements; documents are kept in docs
 * (at most max) to become records of their own after the entity. */
static int do_children(un_reader *u, const xmlNode *node, const xmlNode **docs, size_t max,
		       size_t *ndocs)
{
	static const char *const addr_parts[] = { "STREET", "CITY", "STATE_PROVINCE",
						  "ZIP_CODE", "COUNTRY", NULL };
	vg_buf buf = VG_BUF_INIT;
	const xmlNode *c;
	int rc = 0;
	for (c = node->children; c && rc >= 0; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (vg__xml_is(c, "TITLE") || vg__xml_is(c, "DESIGNATION") ||
		    vg__xml_is(c, "NATIONALITY") || vg__xml_is(c, "LAST_DAY_UPDATED"))
			rc = do_values(u, c);
		else if (vg__xml_is(c, "INDIVIDUAL_ALIAS") || vg__xml_is(c, "ENTITY_ALIAS"))
			rc = do_alias(u, c);
		else if (vg__xml_is(c, "INDIVIDUAL_DATE_OF_BIRTH"))
			rc = do_dob(u, c);
		else if (vg__xml_is(c, "INDIVIDUAL_PLACE_OF_BIRTH"))
			rc = do_place_of_birth(u, c, &buf);
		else if (vg__xml_is(c, "INDIVIDUAL_ADDRESS") || vg__xml_is(c, "ENTITY_ADDRESS")) {
			if ((rc = joined(&buf, c, addr_parts, ", ")) == 0 && buf.size)
				rc = vg_record_add(&u->rec, "address", buf.ptr, buf.size, NULL);
			if (rc == 0)
				rc = add_country_text(&u->rec, "country", vg__xml_child(c, "COUNTRY"));
		} else if (vg__xml_is(c, "INDIVIDUAL_DOCUMENT") && vg__xml_child(c, "NUMBER") &&
			   *ndocs < max) {
			docs[(*ndocs)++] = c;
		}
	}
	vg_buf_dispose(&buf);
	return rc;
}

/* Step 3: the documents' numbers on the entity, before it is sent. */
static int add_document_numbers(un_reader *u, const xmlNode *const *docs, size_t ndocs)
{
	size_t i;
	int rc = 0;
	for (i = 0; i < ndocs && rc >= 0; i++) {
		char *number = vg__xml_text(vg__xml_child(docs[i], "NUMBER"));
		char *country = vg__xml_text(vg__xml_child(docs[i], "ISSUING_COUNTRY"));
		char *type = vg__xml_text(vg__xml_child(docs[i], "TYPE_OF_DOCUMENT"));
		const char *code;
		if (!country)
			country = vg__xml_text(vg__xml_child(docs[i], "COUNTRY_OF_ISSUE"));
		code = country ? vg__country_code(country, strlen(country)) : NULL;
		if (number)
			rc = vg_record_add(&u->rec, type && strstr(type, "assport") ? "passportNumber" : "idNumber",
					   number, strlen(number), code);
		xmlFree(number);
		xmlFree(country);
		xmlFree(type);
	}
	return rc;
}

/* Step 5: the Sanction. */
static int emit_sanction(un_reader *u, const xmlNode *node, const char *ref, size_t line)
{
	char sid[160];
	char *list = vg__xml_text(vg__xml_child(node, "UN_LIST_TYPE"));
	char *listed = vg__xml_text(vg__xml_child(node, "LISTED_ON"));
	int rc;
	vg_record_reset(&u->side);
	u->side.file = u->name;
	u->side.line = line;
	u->side.schema = VG_SCHEMA_SANCTION;
	snprintf(sid, sizeof(sid), "%s-sanction", u->id);
	if ((rc = vg_record_set_id(&u->side, sid, strlen(sid))) < 0 ||
	    (rc = vg_record_add(&u->side, "entity", u->id, strlen(u->id), NULL)) < 0 ||
	    (rc = vg_record_add(&u->side, "authority", "UN Security Council", 19, NULL)) < 0 ||
	    (rc = vg_record_add(&u->side, "sourceUrl", UN_SOURCE_URL, strlen(UN_SOURCE_URL), NULL)) < 0 ||
	    (list && (rc = vg_record_add(&u->side, "program", list, strlen(list), NULL)) < 0) ||
	    (rc = vg_record_add(&u->side, "unscId", ref, strlen(ref), NULL)) < 0 ||
	    (listed && (rc = vg__date_add(&u->side, "listingDate", listed, strlen(listed), VG__DMY, NULL)) < 0) ||
	    (listed && (rc = vg__date_add(&u->side, "startDate", listed, strlen(listed), VG__DMY, NULL)) < 0))
		goto cleanup;
	rc = vg__emit(u->sink, &u->side);
cleanup:
	xmlFree(list);
	xmlFree(listed);
	return rc;
}

/* One INDIVIDUAL or ENTITY: the entity (steps 1-3), then its documents
 * (step 4) and its Sanction (step 5) as records of their own. */
static int do_record(un_reader *u, const xmlNode *node, int person)
{
	char *ref = NULL;
	size_t ndocs = 0, i, line = (size_t)xmlGetLineNo((xmlNode *)node);
	const xmlNode *docs[64];
	int rc;

	vg_record_reset(&u->rec);
	u->rec.file = u->name;
	u->rec.line = line;
	u->rec.schema = person ? VG_SCHEMA_PERSON : VG_SCHEMA_ORGANIZATION;
	if (!(ref = vg__xml_text(vg__xml_child(node, "REFERENCE_NUMBER")))) {
		char *dataid = vg__xml_text(vg__xml_child(node, "DATAID"));
		rc = vg__error_set(VG_EDATA, "%s:%zu: %s (DATAID %s) without REFERENCE_NUMBER",
				   u->name, line, person ? "INDIVIDUAL" : "ENTITY",
				   dataid ? dataid : "?");
		xmlFree(dataid);
		return rc;
	}
	if ((rc = do_identity(u, node, person, ref)) < 0 ||
	    (rc = do_children(u, node, docs, sizeof(docs) / sizeof(docs[0]), &ndocs)) < 0 ||
	    (rc = add_document_numbers(u, docs, ndocs)) < 0 ||
	    (rc = vg__emit(u->sink, &u->rec)) != 0)
		goto cleanup;
	for (i = 0; i < ndocs; i++) {
		if ((rc = do_document(u, docs[i], i + 1)) < 0)
			goto cleanup;
		if (u->side.id && (rc = vg__emit(u->sink, &u->side)) != 0)
			goto cleanup;
	}
	rc = emit_sanction(u, node, ref, line);
cleanup:
	xmlFree(ref);
	return rc;
}

typedef struct {
	un_reader *u;
	vg_source_meta *meta;
} un_walk;

/* <CONSOLIDATED_LIST dateGenerated=...> */
static int un_root(void *ctx, vg__xml *x)
{
	vg_source_meta *meta = ((un_walk *)ctx)->meta;
	if (vg__xml_attr_copy(x, "dateGenerated", meta->version, sizeof(meta->version), 63))
		snprintf(meta->as_of, sizeof(meta->as_of), "%.10s", meta->version);
	return 0;
}

static int un_record(void *ctx, const xmlNode *node, const char *name)
{
	return do_record(((un_walk *)ctx)->u, node, name[0] == 'I');
}

int vg__un_parse(const char *name, const char *data, size_t len,
		 vg_source_meta *meta, const vg_reader_sink *sink)
{
	static const char *const records[] = { "INDIVIDUAL", "ENTITY", NULL };
	vg__xml x;
	un_reader u;
	un_walk uw = { &u, meta };
	vg__xml_walk w = { "CONSOLIDATED_LIST", 2, records, un_root, NULL, un_record, &uw };
	int rc;
	memset(&u, 0, sizeof(u));
	u.name = name;
	u.sink = sink;
	vg_record_init(&u.rec);
	vg_record_init(&u.side);
	vg__meta_init(meta, vg__dataset_name(VG__DS_UN_SC), "un-xml", name);
	if ((rc = vg__xml_open(&x, name, data, len, meta)) == 0)
		rc = vg__xml_records(&x, &w);
	vg__xml_close(&x);
	vg_record_dispose(&u.rec);
	vg_record_dispose(&u.side);
	return rc;
}
