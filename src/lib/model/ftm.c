/*
 * ftm.c - lookups in the FollowTheMoney model tables (see ftm.h).
 */
#include "model/ftm.h"
#include "common/lower_bound.h"

#include <string.h>

typedef struct {
	const char *name, *base;
	size_t size, off;
} name_key;

static const char *name_at(const name_key *k, size_t i)
{
	return *(const char *const *)(k->base + i * k->size + k->off);
}

static bool name_before(const void *ctx, size_t i)
{
	const name_key *k = ctx;
	return strcmp(name_at(k, i), k->name) < 0;
}

/* The element of the sorted table (n elements of `size` bytes, the name
 * field at offset `off`) named `name`, or NULL. */
static const void *find(const char *name, const void *base, size_t n, size_t size,
			size_t off)
{
	name_key k = { name, base, size, off };
	size_t i = vg__lower_bound(0, n, &k, name_before);
	return i < n && !strcmp(name_at(&k, i), name) ? k.base + i * size : NULL;
}

const vg__ftm_schema *vg__ftm_find_schema(const char *name)
{
	if (!name)
		return NULL;
	return find(name, vg__ftm_schemata, VG__FTM_N_SCHEMATA, sizeof(vg__ftm_schema),
		    offsetof(vg__ftm_schema, name));
}

const vg__ftm_prop *vg__ftm_find_prop(const vg__ftm_schema *s, const char *name)
{
	size_t i;
	if (!s || !name)
		return NULL;
	for (i = 0; i < s->n_anc; i++) {
		const vg__ftm_schema *a = &vg__ftm_schemata[vg__ftm_ancestors[s->anc_start + i]];
		const vg__ftm_prop *p = find(name, vg__ftm_props + a->prop_start, a->n_props,
					     sizeof(vg__ftm_prop), offsetof(vg__ftm_prop, name));
		if (p)
			return p;
	}
	return NULL;
}

bool vg__ftm_is_a(const vg__ftm_schema *s, const vg__ftm_schema *ancestor)
{
	size_t i, want;
	if (!s || !ancestor)
		return false;
	want = (size_t)(ancestor - vg__ftm_schemata);
	for (i = 0; i < s->n_anc; i++)
		if (vg__ftm_ancestors[s->anc_start + i] == want)
			return true;
	return false;
}

const vg__ftm_schema *vg__ftm_range(const vg__ftm_prop *p)
{
	return p && p->type == VG__FTM_ENTITY && p->range >= 0 ? &vg__ftm_schemata[p->range]
							      : NULL;
}

const vg__ftm_topic *vg__ftm_find_topic(const char *name)
{
	if (!name)
		return NULL;
	return find(name, vg__ftm_topics, VG__FTM_N_TOPICS, sizeof(vg__ftm_topic),
		    offsetof(vg__ftm_topic, name));
}

bool vg__ftm_is_meta_key(const char *key)
{
	static const char *const keys[] = { "caption", "first_seen", "last_change",
					    "last_seen", "referents", "target" };
	return find(key, keys, sizeof(keys) / sizeof(keys[0]), sizeof(keys[0]), 0) != NULL;
}

bool vg__is_identifier_key(const char *key)
{
	/* sorted */
	static const char *const keys[] = {
		"bikCode", "callSign", "icijId", "idNumber", "imoNumber", "innCode",
		"isin", "kppCode", "leiCode", "mmsi", "npiCode", "number", "ogrnCode",
		"okpoCode", "passportNumber", "registrationNumber", "serialNumber",
		"socialSecurityNumber", "swiftBic", "taxNumber", "ticker",
		"uniqueEntityId", "vatCode",
	};
	return find(key, keys, sizeof(keys) / sizeof(keys[0]), sizeof(keys[0]), 0) != NULL;
}

/* ---- the public view of the model (vigil/index.h) ------------------------ */

bool vg_ftm_schema_is_a(const char *schema, const char *ancestor)
{
	return vg__ftm_is_a(vg__ftm_find_schema(schema), vg__ftm_find_schema(ancestor));
}

const char *vg_ftm_schema_label(const char *schema)
{
	const vg__ftm_schema *s = vg__ftm_find_schema(schema);
	return s ? s->label : NULL;
}

const char *vg_ftm_property_type(const char *schema, const char *property)
{
	/* in the order of vg__ftm_type */
	static const char *const names[] = {
		"address", "checksum", "country", "date", "email", "entity", "gender",
		"html", "iban", "identifier", "ip", "json", "language", "mimetype",
		"name", "number", "phone", "string", "text", "topic", "url",
	};
	const vg__ftm_prop *p = vg__ftm_find_prop(vg__ftm_find_schema(schema), property);
	return p && p->type < sizeof(names) / sizeof(names[0]) ? names[p->type] : NULL;
}
