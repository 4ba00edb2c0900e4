/*
 * entity.c - the public accessors of an index's records as FtM entities
 * and of its sources (vigil/index.h): the library's product as data.
 *
 * Invariant: every accessor checks its ordinal (or index) against the
 * validated counts and answers NULL, 0 or false out of range, so a caller
 * holding a stale ordinal gets nothing rather than another record; every
 * string returned points into the index.  The builder lays each record's
 * FtM-level fields (referents, first_seen ...) after its FtM properties,
 * so the properties are a prefix of the record's run.
 */
#include "index/index_internal.h"
#include "model/ftm.h"
#include "common/error.h"

#include <string.h>

static bool ok(const vg_index *ix, uint32_t ord)
{
	return ix && ord < ix->meta.n_records;
}

size_t vg_index_record_count(const vg_index *ix)
{
	return ix ? ix->meta.n_records : 0;
}

size_t vg_index_party_count(const vg_index *ix)
{
	return ix ? ix->n_parties : 0;
}

uint64_t vg_index_built_at(const vg_index *ix)
{
	return ix ? ix->meta.built_at : 0;
}

size_t vg_index_source_count(const vg_index *ix)
{
	return ix ? ix->meta.n_sources : 0;
}

int vg_index_source(vg_source_info *out, const vg_index *ix, size_t i)
{
	const vg_ix_source *s;
	if (!out || !ix)
		return vg__error_set(VG_EUSAGE, "vg_index_source: NULL argument");
	if (i >= ix->meta.n_sources)
		return vg__error_set(VG_ENOTFOUND, "no source %zu", i);
	s = &ix->sources[i];
	out->name = ix->strs + s->name;
	out->format = ix->strs + s->format;
	out->path = ix->strs + s->path;
	out->version = ix->strs + s->version;
	out->as_of = ix->strs + s->as_of;
	out->encoding = ix->strs + s->encoding;
	out->entities = s->n_entities;
	out->names = s->n_names;
	out->links = s->n_links;
	out->sanctions = s->n_sanctions;
	out->records = s->n_records;
	return 0;
}

const char *vg_entity_schema(const vg_index *ix, uint32_t ord)
{
	return ok(ix, ord) ? ix->strs + ix->recs[ord].schema_name : NULL;
}

vg_schema vg_entity_kind(const vg_index *ix, uint32_t ord)
{
	return ok(ix, ord) ? (vg_schema)ix->recs[ord].schema : VG_SCHEMA_UNKNOWN;
}

const char *vg_entity_caption(const vg_index *ix, uint32_t ord)
{
	return ok(ix, ord) ? ix->strs + ix->recs[ord].caption : NULL;
}

bool vg_entity_target(const vg_index *ix, uint32_t ord)
{
	return ok(ix, ord) && (ix->recs[ord].flags & VG_IXR_TARGET);
}

size_t vg__index_value_count(const vg_index *ix, uint32_t ord)
{
	size_t n;
	const vg_ix_prop *p = vg__index_props(ix, ord, &n);
	while (n && vg__ftm_is_meta_key(ix->strs + p[n - 1].key))
		n--;
	return n;
}

size_t vg_entity_value_count(const vg_index *ix, uint32_t ord)
{
	return ok(ix, ord) ? vg__index_value_count(ix, ord) : 0;
}

bool vg_entity_value(vg_value *out, const vg_index *ix, uint32_t ord, size_t i)
{
	size_t n;
	const vg_ix_prop *p;
	if (!out || !ok(ix, ord) || i >= vg__index_value_count(ix, ord))
		return false;
	p = vg__index_props(ix, ord, &n) + i;
	out->property = ix->strs + p->key;
	out->value = ix->strs + p->value;
	out->qualifier = p->qual ? ix->strs + p->qual : NULL;
	return true;
}

const char *vg_entity_first(const vg_index *ix, uint32_t ord, const char *property)
{
	return ok(ix, ord) && property ? vg__index_prop(ix, ord, property) : NULL;
}

size_t vg_entity_dataset_count(const vg_index *ix, uint32_t ord)
{
	return ok(ix, ord) ? ix->recs[ord].src_count : 0;
}

const char *vg_entity_dataset(const vg_index *ix, uint32_t ord, size_t i)
{
	size_t n;
	const uint16_t *src;
	if (!ok(ix, ord))
		return NULL;
	src = vg__index_record_sources(ix, ord, &n);
	return i < n ? vg__index_source_name(ix, src[i]) : NULL;
}

/* The i-th value of one of the FtM-level fields kept after the properties. */
static const char *meta_value(const vg_index *ix, uint32_t ord, const char *key,
			      size_t i, size_t *count)
{
	size_t n, k;
	const vg_ix_prop *p;
	const char *found = NULL;
	*count = 0;
	if (!ok(ix, ord))
		return NULL;
	p = vg__index_props(ix, ord, &n);
	for (k = vg__index_value_count(ix, ord); k < n; k++)
		if (!strcmp(ix->strs + p[k].key, key)) {
			if (*count == i)
				found = ix->strs + p[k].value;
			(*count)++;
		}
	return found;
}

size_t vg_entity_referent_count(const vg_index *ix, uint32_t ord)
{
	size_t n;
	meta_value(ix, ord, "referents", 0, &n);
	return n;
}

const char *vg_entity_referent(const vg_index *ix, uint32_t ord, size_t i)
{
	size_t n;
	return meta_value(ix, ord, "referents", i, &n);
}

const char *vg_entity_seen(const vg_index *ix, uint32_t ord, vg_seen which)
{
	static const char *const keys[] = { "first_seen", "last_seen", "last_change" };
	size_t n;
	if ((int)which < 0 || (size_t)which >= sizeof(keys) / sizeof(keys[0]))
		return NULL;
	return meta_value(ix, ord, keys[which], 0, &n);
}

size_t vg_entity_sanction_count(const vg_index *ix, uint32_t ord)
{
	return ok(ix, ord) ? ix->recs[ord].sanc_count : 0;
}

uint32_t vg_entity_sanction(const vg_index *ix, uint32_t ord, size_t i)
{
	if (!ok(ix, ord) || i >= ix->recs[ord].sanc_count)
		return UINT32_MAX;
	return ix->sanc[ix->recs[ord].sanc_start + i];
}

size_t vg_entity_link_count(const vg_index *ix, uint32_t ord)
{
	return ok(ix, ord) ? ix->recs[ord].edge_count : 0;
}

bool vg_entity_link(vg_link *out, const vg_index *ix, uint32_t ord, size_t i)
{
	const vg_ix_edge *e;
	if (!out || !ok(ix, ord) || i >= ix->recs[ord].edge_count)
		return false;
	e = &ix->edges[ix->recs[ord].edge_start + i];
	out->edge = e->link;
	out->other = e->other;
	out->direction = e->end == VG_IXE_SOURCE ? VG_LINK_OUT : VG_LINK_IN;
	return true;
}

size_t vg_entity_reference_count(const vg_index *ix, uint32_t ord)
{
	return ok(ix, ord) ? ix->recs[ord].ref_count : 0;
}

bool vg_entity_reference(vg_reference *out, const vg_index *ix, uint32_t ord, size_t i)
{
	const vg_ix_ref *r;
	const vg__ftm_prop *p;
	if (!out || !ok(ix, ord) || i >= ix->recs[ord].ref_count)
		return false;
	r = &ix->refs[ix->recs[ord].ref_start + i];
	out->from = r->from;
	out->property = ix->strs + r->prop;
	p = vg__ftm_find_prop(vg__ftm_find_schema(ix->strs + ix->recs[r->from].schema_name),
			 out->property);
	out->reverse = p ? p->reverse : NULL;
	return true;
}

int vg__index_in_datasets(const vg_index *ix, uint32_t ord,
			  const char *const *names, size_t n)
{
	size_t ns, i, j;
	const uint16_t *src = vg__index_record_sources(ix, ord, &ns);
	for (i = 0; i < ns; i++)
		for (j = 0; j < n; j++)
			if (vg_dataset_matches(vg__index_source_name(ix, src[i]), names[j]))
				return 1;
	return 0;
}
