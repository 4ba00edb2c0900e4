/*
 * index_json.c - the JSON views of an index: `vigil info` and FtM-style
 * entities with their sanctions and links.
 *
 * Invariant: properties are grouped by key in the order their first value
 * was read, values in read order, so the output is deterministic and
 * mirrors the source.
 */
#include "index/index_internal.h"
#include "common/error.h"
#include "graph/graph.h"

#include <string.h>

static int put_str(vg_buf *out, const char *s)
{
	return vg_buf_put_json_string(out, s, strlen(s));
}

int vg_index_info_json(const vg_index *ix, vg_buf *out)
{
	uint32_t i;
	int rc = 0;
	if (!ix || !out)
		return vg__error_set(VG_EUSAGE, "vg_index_info_json: NULL argument");
	rc |= vg_buf_printf(out, "{\"entities\": %u, \"records\": %u, \"names\": %u, "
			    "\"sources\": [", ix->meta.n_entities,
			    ix->meta.n_records, ix->meta.n_names);
	for (i = 0; i < ix->meta.n_sources; i++) {
		const vg_ix_source *s = &ix->sources[i];
		rc |= vg_buf_puts(out, i ? ", {\"name\": " : "{\"name\": ");
		rc |= put_str(out, ix->strs + s->name);
		rc |= vg_buf_puts(out, ", \"format\": ");
		rc |= put_str(out, ix->strs + s->format);
		rc |= vg_buf_puts(out, ", \"path\": ");
		rc |= put_str(out, ix->strs + s->path);
		rc |= vg_buf_puts(out, ", \"version\": ");
		rc |= put_str(out, ix->strs + s->version);
		rc |= vg_buf_puts(out, ", \"as_of\": ");
		rc |= put_str(out, ix->strs + s->as_of);
		rc |= vg_buf_puts(out, ", \"encoding\": ");
		rc |= put_str(out, ix->strs + s->encoding);
		rc |= vg_buf_printf(out, ", \"entities\": %u, \"names\": %u, "
				    "\"links\": %u, \"sanctions\": %u, \"records\": %u}",
				    s->n_entities, s->n_names, s->n_links,
				    s->n_sanctions, s->n_records);
	}
	rc |= vg_buf_puts(out, "]}");
	return rc ? vg__error_oom() : 0;
}

int vg__index_in_datasets(const vg_index *ix, uint32_t ord,
			  const char *const *names, size_t n)
{
	size_t ns, i, j;
	const uint16_t *src = vg__index_record_sources(ix, ord, &ns);
	for (i = 0; i < ns; i++)
		for (j = 0; j < n; j++)
			if (names[j] && !strcmp(vg__index_source_name(ix, src[i]), names[j]))
				return 1;
	return 0;
}

int vg__index_datasets_json(const vg_index *ix, uint32_t ord, const char *sep,
			    vg_buf *out)
{
	size_t ns, i;
	const uint16_t *src = vg__index_record_sources(ix, ord, &ns);
	int rc = vg_buf_puts(out, "[");
	for (i = 0; i < ns; i++) {
		if (i)
			rc |= vg_buf_puts(out, sep);
		rc |= put_str(out, vg__index_source_name(ix, src[i]));
	}
	rc |= vg_buf_puts(out, "]");
	return rc;
}

/* {"key": [values...], ...} in first-seen key order. */
int vg__index_properties_json(const vg_index *ix, uint32_t ord, vg_buf *out)
{
	size_t n, i, j;
	const vg_ix_prop *p = vg__index_props(ix, ord, &n);
	int rc = 0, first = 1;
	rc |= vg_buf_puts(out, "{");
	for (i = 0; i < n; i++) {
		int seen = 0, firstv = 1;
		/* The key was printed with its first occurrence. */
		for (j = 0; j < i && !seen; j++)
			seen = p[j].key == p[i].key;
		if (seen)
			continue;
		if (!first)
			rc |= vg_buf_puts(out, ", ");
		first = 0;
		rc |= put_str(out, ix->strs + p[i].key);
		rc |= vg_buf_puts(out, ": [");
		for (j = i; j < n; j++) {
			if (p[j].key != p[i].key)
				continue;
			if (!firstv)
				rc |= vg_buf_puts(out, ", ");
			firstv = 0;
			rc |= put_str(out, ix->strs + p[j].value);
		}
		rc |= vg_buf_puts(out, "]");
	}
	rc |= vg_buf_puts(out, "}");
	return rc;
}

int vg__index_topics_json(const vg_index *ix, uint32_t ord, vg_buf *out)
{
	size_t n, i, j;
	const vg_ix_prop *p = vg__index_props(ix, ord, &n);
	int rc = 0, first = 1, has_sanction = 0;
	rc |= vg_buf_puts(out, "[");
	for (i = 0; i < n; i++) {
		int dup = 0;
		if (strcmp(ix->strs + p[i].key, "topics"))
			continue;
		for (j = 0; j < i && !dup; j++)
			dup = p[j].key == p[i].key && p[j].value == p[i].value;
		if (dup)
			continue;
		if (!strcmp(ix->strs + p[i].value, "sanction"))
			has_sanction = 1;
		if (!first)
			rc |= vg_buf_puts(out, ", ");
		first = 0;
		rc |= put_str(out, ix->strs + p[i].value);
	}
	/* A Sanction record attached to the entity is what "sanction" means. */
	if (!has_sanction && ix->recs[ord].sanc_count)
		rc |= vg_buf_puts(out, first ? "\"sanction\"" : ", \"sanction\"");
	rc |= vg_buf_puts(out, "]");
	return rc;
}

int vg__index_record_json(const vg_index *ix, uint32_t ord, vg_buf *out)
{
	const vg_ix_record *r = &ix->recs[ord];
	int rc = 0;
	rc |= vg_buf_puts(out, "{\"id\": ");
	rc |= put_str(out, ix->strs + r->id);
	rc |= vg_buf_puts(out, ", \"schema\": ");
	rc |= put_str(out, ix->strs + r->schema_name);
	rc |= vg_buf_puts(out, ", \"caption\": ");
	rc |= put_str(out, ix->strs + r->caption);
	rc |= vg_buf_puts(out, ", \"properties\": ");
	rc |= vg__index_properties_json(ix, ord, out);
	rc |= vg_buf_puts(out, ", \"datasets\": ");
	rc |= vg__index_datasets_json(ix, ord, ", ", out);
	rc |= vg_buf_puts(out, ", \"topics\": ");
	rc |= vg__index_topics_json(ix, ord, out);
	rc |= vg_buf_puts(out, "}");
	return rc ? vg__error_oom() : 0;
}

int vg_index_entity_json(const vg_index *ix, uint32_t ord, int links_depth,
			 vg_buf *out)
{
	size_t n, i;
	const uint32_t *s;
	int rc;
	if (!ix || !out)
		return vg__error_set(VG_EUSAGE, "vg_index_entity_json: NULL argument");
	if (ord >= ix->meta.n_records)
		return vg__error_set(VG_ENOTFOUND, "no entity with ordinal %u", ord);
	if ((rc = vg__index_record_json(ix, ord, out)) != 0)
		return rc;
	/* Reopen the object to add what only full entities carry. */
	out->size--;
	out->ptr[out->size] = '\0';
	rc |= vg_buf_puts(out, ", \"sanctions\": [");
	s = vg__index_sanctions(ix, ord, &n);
	for (i = 0; i < n && !rc; i++) {
		if (i)
			rc |= vg_buf_puts(out, ", ");
		rc |= vg__index_record_json(ix, s[i], out);
	}
	rc |= vg_buf_puts(out, "]");
	if (links_depth > 0) {
		rc |= vg_buf_puts(out, ", \"links\": ");
		rc |= vg__graph_links_json(ix, ord, links_depth, out);
	}
	rc |= vg_buf_puts(out, "}");
	return rc ? (vg_error_last()->code ? vg_error_last()->code : vg__error_oom()) : 0;
}
