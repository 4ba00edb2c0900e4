/*
 * ftm.c - lookups in the FollowTheMoney model tables (see ftm.h).
 */
#include "model/ftm.h"

#include <string.h>

static int cmp_name(const void *key, const void *elem, size_t off)
{
	return strcmp(key, *(const char *const *)((const char *)elem + off));
}

/* Binary search over n elements of size `size` whose name field sits at
 * offset `off`: the one lower-bound search of the model's sorted tables. */
static const void *find(const char *name, const void *base, size_t n, size_t size,
			size_t off)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_name(name, (const char *)base + mid * size, off);
		if (c == 0)
			return (const char *)base + mid * size;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
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
