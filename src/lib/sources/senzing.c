/*
 * senzing.c - Senzing entity-resolution JSON lines (as OpenSanctions
 * exports them): DATA_SOURCE, RECORD_ID, RECORD_TYPE and feature groups
 * (NAMES, DATES, COUNTRIES, ADDRESSES, IDENTIFIERS, RISKS, RELATIONSHIPS).
 *
 * Senzing does not care which group a feature sits in (a flat record puts
 * them all at the top level), so neither does this reader: every object in
 * every array, and the record itself, is read as one feature set by its
 * attribute names.
 *
 * RECORD_TYPE: PERSON, ORGANIZATION, VESSEL, AIRCRAFT map to their FtM
 * schemata.  A record without one is a generic entity (LegalEntity) and is
 * screened, as Senzing itself resolves untyped records, with one exception:
 * the OpenSanctions export writes the positions members of Congress hold
 * ("United States senator") untyped too, and records point at them with
 * the role "Occupancy".  FtM's Occupancy links a holder to a Position, so a
 * record another record occupies is read as a Position (kept and indexed,
 * but not a party: a company query must not find "United States senator").
 * That needs one look at the whole file before the records are read.
 */
#include "sources/source.h"
#include "common/alloc.h"
#include "common/lower_bound.h"

#include <ctype.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
	vg_record *rec;
	vg_record *links; /* one record per relationship, up to n_links */
	size_t n_links, cap_links;
	char id[512]; /* a copy: the record's arena moves as it grows */
	/* keys other records hold by Occupancy: sorted offsets into posts */
	vg_buf posts;
	size_t *post_off, n_posts;
} sz_ctx;

static const char *str_of(struct json_object *o, const char *key)
{
	const char *s = vg__json_str(o, key, NULL);
	return s && *s ? s : NULL;
}

static int add_str(vg_record *rec, const char *key, const char *s,
		   const char *qual)
{
	return s ? vg_record_add(rec, key, s, strlen(s), qual) : 0;
}

static int add_country(vg_record *rec, const char *key, const char *s)
{
	return s ? vg__add_country(rec, key, s, strlen(s)) : 0;
}

static const char *code_of(const char *s)
{
	return s ? vg__country_code(s, strlen(s)) : NULL;
}

static int do_names(sz_ctx *c, struct json_object *f)
{
	const char *type = str_of(f, "NAME_TYPE");
	const char *full = str_of(f, "NAME_FULL"), *org = str_of(f, "NAME_ORG");
	const char *first = str_of(f, "NAME_FIRST"), *last = str_of(f, "NAME_LAST");
	const char *middle = str_of(f, "NAME_MIDDLE");
	const char *key = "name";
	int rc;
	if (type && strcasecmp(type, "PRIMARY") != 0)
		key = "alias";
	if ((rc = add_str(c->rec, key, full, NULL)) < 0 ||
	    (rc = add_str(c->rec, key, org, NULL)) < 0 ||
	    (rc = add_str(c->rec, "firstName", first, NULL)) < 0 ||
	    (rc = add_str(c->rec, "lastName", last, NULL)) < 0 ||
	    (rc = add_str(c->rec, "middleName", middle, NULL)) < 0)
		return rc;
	if (!full && !org && (first || last))
		return vg_record_addf(c->rec, key, NULL, "%s%s%s%s%s", first ? first : "",
				      first && (middle || last) ? " " : "", middle ? middle : "",
				      middle && last ? " " : "", last ? last : "");
	return 0;
}

static int do_address(sz_ctx *c, struct json_object *f)
{
	static const char *const parts[] = { "ADDR_LINE1", "ADDR_LINE2", "ADDR_LINE3",
					     "ADDR_CITY", "ADDR_STATE", "ADDR_POSTAL_CODE",
					     "ADDR_COUNTRY", NULL };
	vg_buf b = VG_BUF_INIT;
	const char *full = str_of(f, "ADDR_FULL");
	int rc = 0;
	size_t i;
	if (full)
		rc = add_str(c->rec, "address", full, NULL);
	else {
		for (i = 0; parts[i]; i++) {
			const char *p = str_of(f, parts[i]);
			if (p && ((b.size && vg_buf_put(&b, ", ", 2)) || vg_buf_puts(&b, p))) {
				vg_buf_dispose(&b);
				return VG_ENOMEM;
			}
		}
		if (b.size)
			rc = vg_record_add(c->rec, "address", b.ptr, b.size, NULL);
	}
	vg_buf_dispose(&b);
	if (rc >= 0)
		rc = add_country(c->rec, "country", str_of(f, "ADDR_COUNTRY"));
	return rc;
}

static int do_relationship(sz_ctx *c, struct json_object *f)
{
	const char *role = str_of(f, "REL_POINTER_ROLE");
	const char *key = str_of(f, "REL_POINTER_KEY");
	vg_record *l;
	vg_buf id = VG_BUF_INIT;
	int rc;
	if (!key)
		return 0;
	if (c->n_links == c->cap_links) {
		size_t old = c->cap_links, i;
		if (vg__grow(&c->links, &c->cap_links, c->n_links + 1, sizeof(*c->links)))
			return VG_ENOMEM;
		for (i = old; i < c->cap_links; i++)
			vg_record_init(&c->links[i]);
	}
	l = &c->links[c->n_links++];
	vg_record_reset(l);
	l->file = c->rec->file;
	l->line = c->rec->line;
	if ((rc = vg_buf_printf(&id, "%s-rel-%s", c->id, key)) == 0)
		rc = vg_record_set_id(l, id.ptr, id.size);
	vg_buf_dispose(&id);
	if (rc < 0)
		return rc;
	if (role && strcasecmp(role, "Occupancy") == 0) {
		l->schema = VG_SCHEMA_OCCUPANCY;
		if ((rc = add_str(l, "holder", c->id, NULL)) < 0 ||
		    (rc = add_str(l, "post", key, NULL)) < 0)
			return rc;
		return 0;
	}
	l->schema = VG_SCHEMA_UNKNOWN_LINK;
	if ((rc = add_str(l, "subject", c->id, NULL)) < 0 ||
	    (rc = add_str(l, "object", key, NULL)) < 0 ||
	    (rc = add_str(l, "role", role, NULL)) < 0)
		return rc;
	return 0;
}

/* One feature set: whatever attributes it has. */
static int do_features(sz_ctx *c, struct json_object *f)
{
	static const struct {
		const char *number, *country, *prop;
	} ids[] = {
		{ "PASSPORT_NUMBER", "PASSPORT_COUNTRY", "passportNumber" },
		{ "NATIONAL_ID_NUMBER", "NATIONAL_ID_COUNTRY", "idNumber" },
		{ "TAX_ID_NUMBER", "TAX_ID_COUNTRY", "taxNumber" },
		{ "DRIVERS_LICENSE_NUMBER", "DRIVERS_LICENSE_STATE", "idNumber" },
		{ "SSN_NUMBER", NULL, "idNumber" },
		{ "LEI_NUMBER", NULL, "leiCode" },
		{ "DUNS_NUMBER", NULL, "dunsCode" },
		{ "NPI_NUMBER", NULL, "idNumber" },
		{ "OTHER_ID_NUMBER", "OTHER_ID_COUNTRY", "idNumber" },
	};
	static const struct {
		const char *attr, *prop;
	} countries[] = {
		{ "NATIONALITY", "nationality" },
		{ "CITIZENSHIP", "citizenship" },
		{ "REGISTRATION_COUNTRY", "jurisdiction" },
		{ "COUNTRY_OF_ASSOCIATION", "country" },
		{ "PLACE_OF_BIRTH_COUNTRY", "birthCountry" },
	};
	static const struct {
		const char *attr, *prop;
	} dates[] = {
		{ "DATE_OF_BIRTH", "birthDate" },
		{ "DATE_OF_DEATH", "deathDate" },
		{ "REGISTRATION_DATE", "incorporationDate" },
	};
	static const struct {
		const char *attr, *prop;
	} plain[] = {
		{ "PLACE_OF_BIRTH", "birthPlace" }, { "WEBSITE_ADDRESS", "website" },
		{ "EMAIL_ADDRESS", "email" },       { "PHONE_NUMBER", "phone" },
		{ "TOPIC", "topics" },              { "URL", "sourceUrl" },
		{ "GENDER", "gender" },             { "TRUSTED_ID_NUMBER", NULL },
	};
	size_t i;
	int rc;
	if ((str_of(f, "NAME_FULL") || str_of(f, "NAME_ORG") || str_of(f, "NAME_FIRST") ||
	     str_of(f, "NAME_LAST")) &&
	    (rc = do_names(c, f)) < 0)
		return rc;
	if ((str_of(f, "ADDR_FULL") || str_of(f, "ADDR_LINE1") || str_of(f, "ADDR_CITY") ||
	     str_of(f, "ADDR_COUNTRY")) &&
	    (rc = do_address(c, f)) < 0)
		return rc;
	if ((str_of(f, "REL_POINTER_KEY") || str_of(f, "REL_ANCHOR_KEY")) &&
	    (rc = do_relationship(c, f)) < 0)
		return rc;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		const char *num = str_of(f, ids[i].number);
		if (!num)
			continue;
		/* OpenSanctions repeats its own id as an "OTHER_ID": not a
		 * fact about the person */
		if (strcmp(ids[i].number, "OTHER_ID_NUMBER") == 0) {
			const char *t = str_of(f, "OTHER_ID_TYPE");
			if (t && strcasecmp(t, "OPEN_SANCTIONS") == 0)
				continue;
		}
		if ((rc = add_str(c->rec, ids[i].prop, num,
				  ids[i].country ? code_of(str_of(f, ids[i].country)) : NULL)) < 0)
			return rc;
	}
	for (i = 0; i < sizeof(countries) / sizeof(countries[0]); i++)
		if ((rc = add_country(c->rec, countries[i].prop, str_of(f, countries[i].attr))) < 0)
			return rc;
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		const char *d = str_of(f, dates[i].attr);
		if (!d)
			continue;
		rc = vg__date_add(c->rec, dates[i].prop, d, strlen(d), VG__DMY, NULL);
		if (rc < 0)
			return rc;
		if (rc == 0 && (rc = vg_record_addf(c->rec, "notes", NULL, "%s: %s",
						     dates[i].attr, d)) < 0)
			return rc;
	}
	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		const char *v = str_of(f, plain[i].attr);
		if (!v)
			continue;
		if (!plain[i].prop) {
			const char *t = str_of(f, "TRUSTED_ID_TYPE");
			if (t && strcasecmp(t, "WIKIDATA") == 0 &&
			    (rc = add_str(c->rec, "wikidataId", v, NULL)) < 0)
				return rc;
			continue;
		}
		if ((rc = add_str(c->rec, plain[i].prop, v, NULL)) < 0)
			return rc;
	}
	return 0;
}

static vg_schema schema_of(const char *type)
{
	if (!type)
		return VG_SCHEMA_UNKNOWN;
	if (strcasecmp(type, "PERSON") == 0)
		return VG_SCHEMA_PERSON;
	if (strcasecmp(type, "ORGANIZATION") == 0 || strcasecmp(type, "ORGANISATION") == 0)
		return VG_SCHEMA_ORGANIZATION;
	if (strcasecmp(type, "COMPANY") == 0)
		return VG_SCHEMA_COMPANY;
	if (strcasecmp(type, "VESSEL") == 0)
		return VG_SCHEMA_VESSEL;
	if (strcasecmp(type, "AIRCRAFT") == 0)
		return VG_SCHEMA_AIRPLANE;
	return VG_SCHEMA_LEGAL_ENTITY;
}

static int cmp_post(const void *a, const void *b, void *ctx)
{
	const char *s = ctx;
	return strcmp(s + *(const size_t *)a, s + *(const size_t *)b);
}

/* Collects the REL_POINTER_KEY of every relationship whose role is
 * Occupancy, sorted for is_post(). */
static int find_posts(sz_ctx *c, const char *name, const char *data, size_t len)
{
	vg_source_meta scratch; /* the real reading records the encoding */
	vg__jsonl j;
	struct json_object *obj;
	size_t cap = 0;
	int rc;
	memset(&scratch, 0, sizeof(scratch));
	if ((rc = vg__jsonl_init(&j, name, data, len, &scratch)) < 0)
		return rc;
	while ((rc = vg__jsonl_next(&j, &obj)) == 1) {
		struct json_object *rels;
		size_t k, n;
		if (!json_object_object_get_ex(obj, "RELATIONSHIPS", &rels) ||
		    !json_object_is_type(rels, json_type_array))
			continue;
		n = json_object_array_length(rels);
		for (k = 0; k < n; k++) {
			struct json_object *f = json_object_array_get_idx(rels, k);
			const char *role = str_of(f, "REL_POINTER_ROLE");
			const char *key = str_of(f, "REL_POINTER_KEY");
			if (!role || !key || strcasecmp(role, "Occupancy"))
				continue;
			if ((rc = vg__grow(&c->post_off, &cap, c->n_posts + 1, sizeof(*c->post_off))))
				goto cleanup;
			c->post_off[c->n_posts++] = c->posts.size;
			if (vg_buf_put(&c->posts, key, strlen(key) + 1)) {
				rc = VG_ENOMEM;
				goto cleanup;
			}
		}
	}
	if (rc == 0 && c->n_posts > 1)
		qsort_r(c->post_off, c->n_posts, sizeof(size_t), cmp_post, c->posts.ptr);
cleanup:
	vg__jsonl_dispose(&j);
	return rc;
}

typedef struct {
	const sz_ctx *c;
	const char *id;
} post_key;

static bool post_before(const void *ctx, size_t i)
{
	const post_key *k = ctx;
	return strcmp(k->c->posts.ptr + k->c->post_off[i], k->id) < 0;
}

static bool is_post(const sz_ctx *c, const char *id)
{
	post_key k = { c, id };
	size_t i = vg__lower_bound(0, c->n_posts, &k, post_before);
	return i < c->n_posts && !strcmp(c->posts.ptr + c->post_off[i], id);
}

int vg__senzing_parse(const char *name, const char *data, size_t len,
		      vg_source_meta *meta, const vg_reader_sink *sink)
{
	vg__jsonl j;
	vg_record rec;
	sz_ctx c;
	struct json_object *obj;
	char stem[64];
	int rc, named = 0;
	size_t i;
	memset(&c, 0, sizeof(c));
	vg__dataset_of_file(stem, name);
	vg__meta_init(meta, stem, "senzing-json", name);
	vg_record_init(&rec);
	c.rec = &rec;
	memset(&j, 0, sizeof(j));
	if ((rc = find_posts(&c, name, data, len)) < 0 ||
	    (rc = vg__jsonl_init(&j, name, data, len, meta)) < 0)
		goto cleanup;
	while ((rc = vg__jsonl_next(&j, &obj)) == 1) {
		const char *id, *src, *type, *changed;
		size_t idlen;
		vg_record_reset(&rec);
		rec.file = name;
		rec.line = j.line;
		c.n_links = 0;
		if (!(id = vg__json_str(obj, "RECORD_ID", &idlen)) || idlen == 0) {
			rc = vg__error_set(VG_EDATA, "%s:%zu: record without a RECORD_ID", name, j.line);
			goto cleanup;
		}
		if ((rc = vg_record_set_id(&rec, id, idlen)) < 0)
			goto cleanup;
		snprintf(c.id, sizeof(c.id), "%s", rec.id);
		src = str_of(obj, "DATA_SOURCE");
		if (src && !named) {
			/* the dataset is the publisher's DATA_SOURCE */
			size_t k;
			snprintf(meta->name, sizeof(meta->name), "%s", src);
			for (k = 0; meta->name[k]; k++)
				meta->name[k] = (char)tolower((unsigned char)meta->name[k]);
			named = 1;
		}
		type = str_of(obj, "RECORD_TYPE");
		if ((rc = do_features(&c, obj)) < 0)
			goto cleanup;
		json_object_object_foreach(obj, key, val) {
			size_t n, k;
			(void)key;
			if (!json_object_is_type(val, json_type_array))
				continue;
			n = json_object_array_length(val);
			for (k = 0; k < n; k++) {
				struct json_object *f = json_object_array_get_idx(val, k);
				if (json_object_is_type(f, json_type_object) &&
				    (rc = do_features(&c, f)) < 0)
					goto cleanup;
			}
		}
		rec.schema = schema_of(type);
		if (!type && is_post(&c, rec.id))
			rec.schema = VG_SCHEMA_POSITION;
		else if (rec.schema == VG_SCHEMA_UNKNOWN)
			rec.schema = VG_SCHEMA_LEGAL_ENTITY;
		if ((changed = str_of(obj, "LAST_CHANGE")) &&
		    (rc = vg__date_add(&rec, "modifiedAt", changed, strlen(changed), VG__DMY, NULL)) < 0)
			goto cleanup;
		if ((rc = vg__emit(sink, &rec)) != 0)
			goto cleanup;
		for (i = 0; i < c.n_links; i++)
			if ((rc = vg__emit(sink, &c.links[i])) != 0)
				goto cleanup;
	}
cleanup:
	vg__jsonl_dispose(&j);
	for (i = 0; i < c.cap_links; i++)
		vg_record_dispose(&c.links[i]);
	free(c.links);
	free(c.post_off);
	vg_buf_dispose(&c.posts);
	vg_record_dispose(&rec);
	return rc;
}
