/*
 * uksl.c - the FCDO UK Sanctions List in XML (root <Designations>,
 * SanctionsListSchema 4.x), the only official UK list since the OFSI
 * Consolidated List closed on 28 January 2026.  One <Designation> per
 * designated person, entity or ship; its facts are child elements, and
 * each repeatable fact sits in a plural wrapper (<Names><Name>,
 * <Addresses><Address>, <DOBs><DOB> ...).
 *
 * How it works: as for the UN and EU lists, the guarded reader streams the
 * document; each Designation is expanded into a small DOM subtree (memory
 * bounded by one record), translated, sent and skipped.  Ids are
 * uksl-<UniqueID> ("uksl-AFG0011"), the reference the FCDO keeps across
 * versions; a Designation without a UniqueID is skipped with a warning
 * naming its line.  Elements the mapping does not name are ignored, so a
 * newer schema with more of them still reads.
 *
 * Mapping, from the FCDO's format guide:
 *   IndividualEntityShip  Individual -> Person, Entity -> Organization,
 *                         Ship -> Vessel
 *   Names/Name            Name1..Name5 given names, Name6 the family name
 *                         (an entity's or ship's whole name); NameType
 *                         "Primary name" (any capitalisation) -> name,
 *                         "Primary name variation" and "Alias" -> alias,
 *                         AliasStrength "Low quality a.k.a" -> weakAlias
 *   NonLatinNames         alias qualified with its script
 *   DOBs/DOB              DD/MM/YYYY, "dd" and "mm" marking an unknown
 *                         day or month ("dd/mm/1968" is 1968)
 *   passports, national identifiers: passportNumber / idNumber on the
 *                         entity and a Passport / Identification record
 *                         carrying the additional information
 *   ShipDetails           imoNumber, flag, pastFlags, type, tonnage,
 *                         buildDate; owners, length in notes
 * and one Sanction per Designation: RegimeName (program), SanctionsImposed
 * (provisions), DesignationSource, UniqueID and OFSIGroupID (authorityId),
 * UNReferenceNumber (unscId), DateDesignated (startDate, listingDate),
 * LastUpdated (modifiedAt), UKStatementofReasons (reason).
 */
#include "sources/source.h"

#include <ctype.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define UKSL_SOURCE_URL "https://www.gov.uk/government/publications/the-uk-sanctions-list"

typedef struct {
	const char *name;
	const vg_reader_sink *sink;
	vg_record rec, side;
	char id[96];
} uksl_reader;

typedef int (*item_fn)(uksl_reader *u, const xmlNode *item, const char *key);

/* fn(item) for each <item> of each <wrap> child of n. */
static int each(uksl_reader *u, const xmlNode *n, const char *wrap, const char *item,
		const char *key, item_fn fn)
{
	const xmlNode *w, *c;
	int rc;
	for (w = n ? n->children : NULL; w; w = w->next) {
		if (!vg__xml_is(w, wrap))
			continue;
		for (c = w->children; c; c = c->next)
			if (vg__xml_is(c, item) && (rc = fn(u, c, key)) < 0)
				return rc;
	}
	return 0;
}

static int it_text(uksl_reader *u, const xmlNode *n, const char *key)
{
	return vg__xml_add_text(&u->rec, key, n, NULL);
}

static int it_country(uksl_reader *u, const xmlNode *n, const char *key)
{
	char *t = vg__xml_text(n);
	int rc = t ? vg__add_country(&u->rec, key, t, strlen(t)) : 0;
	xmlFree(t);
	return rc;
}

/* "Label: text" as a note; key is the label. */
static int it_note(uksl_reader *u, const xmlNode *n, const char *key)
{
	char *t = vg__xml_text(n);
	const char *s = t;
	size_t len = t ? strlen(t) : 0;
	int rc = 0;
	vg__trim(&s, &len);
	if (len)
		rc = vg_record_addf(&u->rec, "notes", NULL, "%s: %.*s", key, (int)len, s);
	xmlFree(t);
	return rc;
}

/* A date written DD/MM/YYYY, "dd" or "mm" (or 00) standing for a part not
 * known; anything else as free text.  What is not understood is kept as a
 * note. */
static int add_date(vg_record *rec, const char *key, const char *s, size_t len)
{
	char iso[16];
	int rc;
	vg__trim(&s, &len);
	if (len == 10 && s[2] == '/' && s[5] == '/' && isdigit((unsigned char)s[6]) &&
	    isdigit((unsigned char)s[7]) && isdigit((unsigned char)s[8]) &&
	    isdigit((unsigned char)s[9])) {
		int day = isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
			  memcmp(s, "00", 2) != 0;
		int month = isdigit((unsigned char)s[3]) && isdigit((unsigned char)s[4]) &&
			    memcmp(s + 3, "00", 2) != 0;
		if (!month)
			snprintf(iso, sizeof(iso), "%.4s", s + 6);
		else if (!day)
			snprintf(iso, sizeof(iso), "%.4s-%.2s", s + 6, s + 3);
		else
			snprintf(iso, sizeof(iso), "%.4s-%.2s-%.2s", s + 6, s + 3, s);
		s = iso;
		len = strlen(iso);
	}
	rc = vg__date_add(rec, key, s, len, VG__DMY, NULL);
	if (rc == 0 && len)
		rc = vg_record_addf(rec, "notes", NULL, "%s: %.*s", key, (int)len, s);
	return rc < 0 ? rc : 0;
}

static int it_date(uksl_reader *u, const xmlNode *n, const char *key)
{
	char *t = vg__xml_text(n);
	int rc = t ? add_date(&u->rec, key, t, strlen(t)) : 0;
	xmlFree(t);
	return rc;
}

static int it_gender(uksl_reader *u, const xmlNode *n, const char *key)
{
	char *t = vg__xml_text(n);
	int rc = 0;
	if (t && (t[0] == 'M' || t[0] == 'm'))
		rc = vg_record_add(&u->rec, key, "male", 4, NULL);
	else if (t && (t[0] == 'F' || t[0] == 'f'))
		rc = vg_record_add(&u->rec, key, "female", 6, NULL);
	else if (t)
		rc = vg_record_add(&u->rec, key, t, strlen(t), NULL);
	xmlFree(t);
	return rc;
}

/* "IMO9562233" or "9562233" -> IMO9562233. */
static int it_imo(uksl_reader *u, const xmlNode *n, const char *key)
{
	char *t = vg__xml_text(n);
	const char *s = t;
	size_t len = t ? strlen(t) : 0, i;
	int rc = 0;
	vg__trim(&s, &len);
	if (len > 3 && strncasecmp(s, "IMO", 3) == 0) {
		s += 3;
		len -= 3;
		vg__trim(&s, &len);
	}
	for (i = 0; i < len && isdigit((unsigned char)s[i]); i++)
		;
	if (len && i == len)
		rc = vg_record_addf(&u->rec, key, NULL, "IMO%.*s", (int)len, s);
	else if (t)
		rc = vg_record_add(&u->rec, key, t, strlen(t), NULL);
	xmlFree(t);
	return rc;
}

/* The whole name of a <Name>: its parts Name1..Name6 joined by spaces. */
static int whole_name(vg_buf *out, const xmlNode *n)
{
	static const char *const parts[] = { "Name1", "Name2", "Name3", "Name4", "Name5", "Name6" };
	size_t i;
	vg_buf_clear(out);
	for (i = 0; i < 6; i++) {
		char *t = vg__xml_text(vg__xml_child(n, parts[i]));
		const char *s = t;
		size_t len = t ? strlen(t) : 0;
		int rc = 0;
		vg__trim(&s, &len);
		if (len)
			rc = (out->size && vg_buf_put(out, " ", 1)) || vg_buf_put(out, s, len);
		xmlFree(t);
		if (rc)
			return VG_ENOMEM;
	}
	return 0;
}

static int has_word(const char *s, const char *word)
{
	return s && strcasestr(s, word) != NULL;
}

static int it_name(uksl_reader *u, const xmlNode *n, const char *key)
{
	char *type = vg__xml_text(vg__xml_child(n, "NameType"));
	char *strength = vg__xml_text(vg__xml_child(n, "AliasStrength"));
	vg_buf whole = VG_BUF_INIT;
	const char *qual = NULL;
	int rc, primary = has_word(type, "primary") && !has_word(type, "variation");
	(void)key;
	if ((rc = whole_name(&whole, n)) < 0 || !whole.size)
		goto cleanup;
	if (primary && !vg_record_get(&u->rec, "name")) {
		key = "name";
	} else if (has_word(strength, "low")) {
		key = "weakAlias";
		qual = "weak";
	} else {
		key = "alias";
	}
	if ((rc = vg_record_add(&u->rec, key, whole.ptr, whole.size, qual)) < 0)
		goto cleanup;
	/* the parts of a person's strong names */
	if (u->rec.schema == VG_SCHEMA_PERSON && !qual &&
	    ((rc = vg__xml_add_text(&u->rec, "firstName", vg__xml_child(n, "Name1"), NULL)) < 0 ||
	     (rc = vg__xml_add_text(&u->rec, "middleName", vg__xml_child(n, "Name2"), NULL)) < 0 ||
	     (rc = vg__xml_add_text(&u->rec, "middleName", vg__xml_child(n, "Name3"), NULL)) < 0 ||
	     (rc = vg__xml_add_text(&u->rec, "middleName", vg__xml_child(n, "Name4"), NULL)) < 0 ||
	     (rc = vg__xml_add_text(&u->rec, "middleName", vg__xml_child(n, "Name5"), NULL)) < 0 ||
	     (rc = vg__xml_add_text(&u->rec, "lastName", vg__xml_child(n, "Name6"), NULL)) < 0))
		goto cleanup;
cleanup:
	vg_buf_dispose(&whole);
	xmlFree(type);
	xmlFree(strength);
	return rc < 0 ? rc : 0;
}

static int it_nonlatin(uksl_reader *u, const xmlNode *n, const char *key)
{
	char *t = vg__xml_text(vg__xml_child(n, "NameNonLatinScript"));
	int rc = t ? vg_record_add(&u->rec, key, t, strlen(t), vg__script_of(t, strlen(t))) : 0;
	xmlFree(t);
	return rc;
}

/* Lines 1-6, postal code and country joined; the country also alone. */
static int it_address(uksl_reader *u, const xmlNode *n, const char *key)
{
	static const char *const parts[] = { "AddressLine1", "AddressLine2", "AddressLine3",
					     "AddressLine4", "AddressLine5", "AddressLine6",
					     "AddressPostalCode", "AddressCountry" };
	vg_buf a = VG_BUF_INIT;
	size_t i;
	int rc = 0;
	for (i = 0; i < 8 && rc == 0; i++) {
		char *t = vg__xml_text(vg__xml_child(n, parts[i]));
		const char *s = t;
		size_t len = t ? strlen(t) : 0;
		vg__trim(&s, &len);
		if (len && ((a.size && vg_buf_put(&a, ", ", 2)) || vg_buf_put(&a, s, len)))
			rc = VG_ENOMEM;
		xmlFree(t);
	}
	if (rc == 0 && a.size)
		rc = vg_record_add(&u->rec, key, a.ptr, a.size, NULL);
	if (rc == 0)
		rc = it_country(u, vg__xml_child(n, "AddressCountry"), "country");
	vg_buf_dispose(&a);
	return rc;
}

/* A place of birth: the town as birthPlace, the country as birthCountry. */
static int it_birth(uksl_reader *u, const xmlNode *n, const char *key)
{
	int rc = vg__xml_add_text(&u->rec, key, vg__xml_child(n, "TownOfBirth"), NULL);
	if (rc == 0)
		rc = it_country(u, vg__xml_child(n, "CountryOfBirth"), "birthCountry");
	return rc;
}

/* A passport or national identifier: its number on the entity, and a
 * document record of its own (sent after the entity) with the additional
 * information.  key is "passportNumber" or "idNumber". */
static int it_document(uksl_reader *u, const xmlNode *n, const char *key)
{
	int passport = key[0] == 'p';
	char *num = vg__xml_text(vg__xml_child(n, passport ? "PassportNumber"
							      : "NationalIdentifierNumber"));
	int rc = num ? vg_record_add(&u->rec, key, num, strlen(num), NULL) : 0;
	xmlFree(num);
	return rc;
}

static int emit_documents(uksl_reader *u, const xmlNode *node)
{
	static const char *const paths[2][4] = {
		{ "PassportDetails", "Passport", "PassportNumber", "PassportAdditionalInformation" },
		{ "NationalIdentifierDetails", "NationalIdentifier", "NationalIdentifierNumber",
		  "NationalIdentifierAdditionalInformation" },
	};
	const xmlNode *ind = vg__xml_child(vg__xml_child(node, "IndividualDetails"), "Individual");
	const xmlNode *w, *d;
	size_t k, idx = 0;
	int rc = 0;
	for (k = 0; k < 2 && ind; k++) {
		for (w = ind->children; w; w = w->next) {
			if (!vg__xml_is(w, paths[k][0]))
				continue;
			for (d = w->children; d && rc == 0; d = d->next) {
				char id[160], *num;
				if (!vg__xml_is(d, paths[k][1]) ||
				    !(num = vg__xml_text(vg__xml_child(d, paths[k][2]))))
					continue;
				vg_record_reset(&u->side);
				u->side.file = u->name;
				u->side.line = (size_t)xmlGetLineNo((xmlNode *)d);
				u->side.schema = k == 0 ? VG_SCHEMA_PASSPORT : VG_SCHEMA_IDENTIFICATION;
				snprintf(id, sizeof(id), "%s-doc-%zu", u->id, ++idx);
				if ((rc = vg_record_set_id(&u->side, id, strlen(id))) == 0 &&
				    (rc = vg_record_add(&u->side, "holder", u->id, strlen(u->id), NULL)) == 0 &&
				    (rc = vg_record_add(&u->side, "number", num, strlen(num), NULL)) == 0 &&
				    (rc = vg_record_add(&u->side, "type", k == 0 ? "Passport" : "National identifier",
							k == 0 ? 8 : 19, NULL)) == 0 &&
				    (rc = vg__xml_add_text(&u->side, "summary", vg__xml_child(d, paths[k][3]),
							   NULL)) == 0)
					rc = vg__emit(u->sink, &u->side);
				xmlFree(num);
			}
			if (rc)
				return rc;
		}
	}
	return rc;
}

static int do_individual(uksl_reader *u, const xmlNode *node)
{
	const xmlNode *ind = vg__xml_child(vg__xml_child(node, "IndividualDetails"), "Individual");
	int rc;
	if (!ind)
		return 0;
	if ((rc = each(u, ind, "DOBs", "DOB", "birthDate", it_date)) < 0 ||
	    (rc = each(u, ind, "Genders", "Gender", "gender", it_gender)) < 0 ||
	    (rc = each(u, ind, "Nationalities", "Nationality", "nationality", it_country)) < 0 ||
	    (rc = each(u, ind, "Positions", "Position", "position", it_text)) < 0 ||
	    (rc = each(u, ind, "BirthDetails", "Location", "birthPlace", it_birth)) < 0 ||
	    (rc = each(u, ind, "PassportDetails", "Passport", "passportNumber", it_document)) < 0 ||
	    (rc = each(u, ind, "NationalIdentifierDetails", "NationalIdentifier", "idNumber",
		       it_document)) < 0)
		return rc;
	return 0;
}

static int do_entity_ship(uksl_reader *u, const xmlNode *node)
{
	const xmlNode *ent = vg__xml_child(vg__xml_child(node, "EntityDetails"), "Entity");
	const xmlNode *ship = vg__xml_child(vg__xml_child(node, "ShipDetails"), "Ship");
	int rc;
	if (ent &&
	    ((rc = each(u, ent, "BusinessRegistrationNumbers", "BusinessRegistrationNumber",
			"registrationNumber", it_text)) < 0 ||
	     (rc = each(u, ent, "TypeOfEntities", "TypeOfEntity", "summary", it_text)) < 0 ||
	     (rc = each(u, ent, "ParentCompanies", "ParentCompany", "Parent company", it_note)) < 0 ||
	     (rc = each(u, ent, "Subsidiaries", "Subsidiary", "Subsidiary", it_note)) < 0))
		return rc;
	if (ship &&
	    ((rc = each(u, ship, "IMONumbers", "IMONumber", "imoNumber", it_imo)) < 0 ||
	     (rc = each(u, ship, "CurrentBelievedFlagOfShips", "CurrentBelievedFlagOfShip", "flag",
			it_country)) < 0 ||
	     (rc = each(u, ship, "PreviousFlags", "PreviousFlag", "pastFlags", it_country)) < 0 ||
	     (rc = each(u, ship, "TypeOfShipDetails", "TypeOfShip", "type", it_text)) < 0 ||
	     (rc = each(u, ship, "TonnageOfShipDetails", "TonnageOfShip", "tonnage", it_text)) < 0 ||
	     (rc = each(u, ship, "YearsBuilt", "YearBuilt", "buildDate", it_date)) < 0 ||
	     (rc = each(u, ship, "LengthOfShipDetails", "LengthOfShip", "Length", it_note)) < 0 ||
	     (rc = each(u, ship, "CurrentOwnerOperators", "CurrentOwnerOperator",
			"Current owner/operator", it_note)) < 0 ||
	     (rc = each(u, ship, "PreviousOwnerOperators", "PreviousOwnerOperator",
			"Previous owner/operator", it_note)) < 0))
		return rc;
	return 0;
}

/* Person, Organization or Vessel from IndividualEntityShip. */
static vg_schema schema_of(uksl_reader *u, const xmlNode *node, size_t line)
{
	char *t = vg__xml_text(vg__xml_child(node, "IndividualEntityShip"));
	vg_schema s = VG_SCHEMA_LEGAL_ENTITY;
	if (t && strncasecmp(t, "Individual", 10) == 0)
		s = VG_SCHEMA_PERSON;
	else if (t && strncasecmp(t, "Entity", 6) == 0)
		s = VG_SCHEMA_ORGANIZATION;
	else if (t && strncasecmp(t, "Ship", 4) == 0)
		s = VG_SCHEMA_VESSEL;
	else
		vg__warn(u->sink, u->name, line, "%s: IndividualEntityShip \"%.40s\" not known, "
			 "read as LegalEntity", u->id, t ? t : "");
	xmlFree(t);
	return s;
}

static int add_provisions(vg_record *rec, const char *s)
{
	while (s && *s) {
		const char *bar = strchr(s, '|');
		size_t len = bar ? (size_t)(bar - s) : strlen(s);
		int rc = vg_record_add(rec, "provisions", s, len, NULL);
		if (rc < 0)
			return rc;
		s = bar ? bar + 1 : NULL;
	}
	return 0;
}

static int add_date_of(vg_record *rec, const char *key, const xmlNode *n)
{
	char *t = vg__xml_text(n);
	int rc = t ? add_date(rec, key, t, strlen(t)) : 0;
	xmlFree(t);
	return rc;
}

static int emit_sanction(uksl_reader *u, const xmlNode *node, const char *uid, size_t line)
{
	char sid[160], *src = vg__xml_text(vg__xml_child(node, "DesignationSource"));
	char *imposed = vg__xml_text(vg__xml_child(node, "SanctionsImposed"));
	int rc;
	vg_record_reset(&u->side);
	u->side.file = u->name;
	u->side.line = line;
	u->side.schema = VG_SCHEMA_SANCTION;
	snprintf(sid, sizeof(sid), "%s-sanction", u->id);
	if ((rc = vg_record_set_id(&u->side, sid, strlen(sid))) < 0 ||
	    (rc = vg_record_add(&u->side, "entity", u->id, strlen(u->id), NULL)) < 0 ||
	    (rc = vg_record_add(&u->side, "authority", "UK Foreign, Commonwealth and Development Office",
				47, NULL)) < 0 ||
	    (rc = vg_record_add(&u->side, "country", "gb", 2, NULL)) < 0 ||
	    (rc = vg_record_add(&u->side, "sourceUrl", UKSL_SOURCE_URL, strlen(UKSL_SOURCE_URL),
				NULL)) < 0 ||
	    (rc = vg_record_add(&u->side, "authorityId", uid, strlen(uid), NULL)) < 0 ||
	    (rc = vg__xml_add_text(&u->side, "authorityId", vg__xml_child(node, "OFSIGroupID"),
				   NULL)) < 0 ||
	    (rc = vg__xml_add_text(&u->side, "unscId", vg__xml_child(node, "UNReferenceNumber"),
				   NULL)) < 0 ||
	    (rc = vg__xml_add_text(&u->side, "program", vg__xml_child(node, "RegimeName"), NULL)) < 0 ||
	    (rc = add_provisions(&u->side, imposed)) < 0 ||
	    (src && (rc = vg_record_addf(&u->side, "summary", NULL, "Designation source: %s", src)) < 0) ||
	    (rc = add_date_of(&u->side, "startDate", vg__xml_child(node, "DateDesignated"))) < 0 ||
	    (rc = add_date_of(&u->side, "listingDate", vg__xml_child(node, "DateDesignated"))) < 0 ||
	    (rc = add_date_of(&u->side, "modifiedAt", vg__xml_child(node, "LastUpdated"))) < 0 ||
	    (rc = vg__xml_add_text(&u->side, "reason", vg__xml_child(node, "UKStatementofReasons"),
				   NULL)) < 0)
		goto cleanup;
	rc = vg__emit(u->sink, &u->side);
cleanup:
	xmlFree(src);
	xmlFree(imposed);
	return rc;
}

/* The entity's own facts, after its names. */
static int do_facts(uksl_reader *u, const xmlNode *node)
{
	int rc, party = u->rec.schema != VG_SCHEMA_VESSEL;
	if ((rc = vg_record_add(&u->rec, "topics", "sanction", 8, NULL)) < 0 ||
	    (rc = each(u, node, "NonLatinNames", "NonLatinName", "alias", it_nonlatin)) < 0 ||
	    (rc = each(u, node, "Titles", "Title", "title", it_text)) < 0 ||
	    (rc = vg__xml_add_text(&u->rec, "program", vg__xml_child(node, "RegimeName"), NULL)) < 0 ||
	    (rc = vg__xml_add_text(&u->rec, "notes", vg__xml_child(node, "OtherInformation"),
				   NULL)) < 0 ||
	    (rc = add_date_of(&u->rec, "modifiedAt", vg__xml_child(node, "LastUpdated"))) < 0 ||
	    (rc = vg_record_add(&u->rec, "sourceUrl", UKSL_SOURCE_URL, strlen(UKSL_SOURCE_URL),
				NULL)) < 0 ||
	    (rc = each(u, node, "Addresses", "Address", "address", it_address)) < 0)
		return rc;
	/* contact details belong to people and organisations, not ships */
	if (party && ((rc = each(u, node, "PhoneNumbers", "PhoneNumber", "phone", it_text)) < 0 ||
		      (rc = each(u, node, "EmailAddresses", "EmailAddress", "email", it_text)) < 0 ||
		      (rc = each(u, node, "Websites", "Website", "website", it_text)) < 0))
		return rc;
	if ((rc = do_individual(u, node)) < 0 || (rc = do_entity_ship(u, node)) < 0)
		return rc;
	return 0;
}

static int do_designation(uksl_reader *u, const xmlNode *node)
{
	size_t line = (size_t)xmlGetLineNo((xmlNode *)node);
	char *uid = vg__xml_text(vg__xml_child(node, "UniqueID"));
	const char *s = uid;
	size_t len = uid ? strlen(uid) : 0;
	int rc;
	vg__trim(&s, &len);
	if (!len) {
		vg__warn(u->sink, u->name, line, "Designation without a UniqueID, skipped");
		xmlFree(uid);
		return 0;
	}
	vg_record_reset(&u->rec);
	u->rec.file = u->name;
	u->rec.line = line;
	snprintf(u->id, sizeof(u->id), "uksl-%.*s", (int)(len > 80 ? 80 : len), s);
	u->rec.schema = schema_of(u, node, line);
	if ((rc = vg_record_set_id(&u->rec, u->id, strlen(u->id))) < 0 ||
	    (rc = each(u, node, "Names", "Name", "name", it_name)) < 0 ||
	    (rc = do_facts(u, node)) < 0)
		goto cleanup;
	if (!vg_record_get(&u->rec, "name")) {
		/* no primary name: the first name given stands in */
		const char *first = vg_record_get(&u->rec, "alias");
		if (!first)
			first = vg_record_get(&u->rec, "weakAlias");
		if (!first) {
			vg__warn(u->sink, u->name, line, "%s: no name, skipped", u->id);
			goto cleanup;
		}
		if ((rc = vg_record_add(&u->rec, "name", first, strlen(first), NULL)) < 0)
			goto cleanup;
	}
	if ((rc = vg__emit(u->sink, &u->rec)) != 0 || (rc = emit_documents(u, node)) != 0)
		goto cleanup;
	rc = emit_sanction(u, node, u->id + 5, line);
cleanup:
	xmlFree(uid);
	return rc;
}

typedef struct {
	uksl_reader *u;
	vg_source_meta *meta;
} uksl_walk;

/* The root's dateGenerated ("2026-08-14T23:00:04.744Z") as as_of and
 * version. */
static int uksl_root(void *ctx, vg__xml *x)
{
	vg_source_meta *meta = ((uksl_walk *)ctx)->meta;
	if (vg__xml_attr_copy(x, "dateGenerated", meta->version, sizeof(meta->version), 63))
		snprintf(meta->as_of, sizeof(meta->as_of), "%.10s", meta->version);
	return 0;
}

/* <DateGenerated>DD/MM/YYYY</DateGenerated>, when the root said nothing. */
static int uksl_element(void *ctx, vg__xml *x, const char *name, int depth)
{
	vg_source_meta *meta = ((uksl_walk *)ctx)->meta;
	xmlChar *t;
	char d[11];
	if (depth != 1 || strcmp(name, "DateGenerated") != 0 || meta->as_of[0])
		return 0;
	t = xmlTextReaderReadString(x->r);
	if (t && vg__date_norm(d, (const char *)t, strlen((const char *)t), VG__DMY))
		snprintf(meta->as_of, sizeof(meta->as_of), "%s", d);
	xmlFree(t);
	return 0;
}

static int uksl_record(void *ctx, const xmlNode *node, const char *name)
{
	(void)name;
	return do_designation(((uksl_walk *)ctx)->u, node);
}

int vg__uksl_parse(const char *name, const char *data, size_t len,
		   vg_source_meta *meta, const vg_reader_sink *sink)
{
	static const char *const records[] = { "Designation", NULL };
	vg__xml x;
	uksl_reader u;
	uksl_walk uw = { &u, meta };
	vg__xml_walk w = { "Designations", 1, records, uksl_root, uksl_element, uksl_record, &uw };
	int rc;
	memset(&u, 0, sizeof(u));
	u.name = name;
	u.sink = sink;
	vg_record_init(&u.rec);
	vg_record_init(&u.side);
	vg__meta_init(meta, vg__dataset_name(VG__DS_UK_FCDO), "uksl-xml", name);
	if ((rc = vg__xml_open(&x, name, data, len, meta)) == 0)
		rc = vg__xml_records(&x, &w);
	vg__xml_close(&x);
	vg_record_dispose(&u.rec);
	vg_record_dispose(&u.side);
	return rc;
}
