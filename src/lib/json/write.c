/*
 * write.c - the one JSON writer (see vigil/json.h): FtM entities, match
 * results, links, scan mentions, index info and diffs, rendered from the
 * index's records and the library's result structures.
 *
 * Invariant: properties are grouped by name in the order their first value
 * was read, values in read order, so output is deterministic and mirrors
 * the source; every name written is FtM's (the record's own property
 * names, and FtM's reverse names for the records pointing at an entity,
 * from data/ftm_model.txt).  On failure `out` is cut back to its size on
 * entry, so a caller never holds half a document.
 *
 * How nesting works (yente's /entities/ID): the root's entity properties
 * and the records pointing at it are written whole, one level down; a
 * record one level down that is an FtM edge (Ownership, Payment ...) has
 * its far end written whole too, two levels down, while its reference back
 * to the root stays an id.  Nothing deeper is nested.
 */
#include "json/write.h"
#include "json/jw.h"
#include "index/index_internal.h"
#include "match/match_internal.h"
#include "graph/graph.h"
#include "model/ftm.h"
#include "common/error.h"

#include <stdlib.h>
#include <string.h>

void vg_json_options_init(vg_json_options *o)
{
	if (o)
		*o = (vg_json_options)VG_JSON_OPTIONS_INIT;
}

/* Checks the options and that `out` is usable (a buffer whose earlier
 * write failed must be cleared first: its content is incomplete). */
static int begin(vg_buf *out, const vg_json_options *o, const char *fn)
{
	if (vg_buf_oom(out))
		return vg__error_oom();
	if (o && o->version != VG_JSON_OPTIONS_VERSION)
		return vg__error_set(VG_EUSAGE, "%s: options version %u, expected %u "
				     "(use VG_JSON_OPTIONS_INIT)", fn, o->version,
				     VG_JSON_OPTIONS_VERSION);
	return 0;
}

/* Ends a document: 0, or the buffer's out-of-memory with `out` cut back. */
static int finish(vg_buf *out, size_t mark)
{
	if (!vg_buf_oom(out))
		return 0;
	out->oom = 0;
	vg_buf_truncate(out, mark);
	return vg__error_oom();
}

/* ---- entities -------------------------------------------------------------- */

/* Where a record sits in a nested rendering. */
typedef struct {
	int level;     /* 0 the root, 1 adjacent, 2 an edge's far end */
	uint32_t root; /* the root's ordinal (level > 0) */
	bool nested;
} nest;

static void put_entity(vg__jw *w, const vg_index *ix, uint32_t ord, nest n);

/* The datasets (sources) listing a record, as an array. */
static void put_datasets(vg__jw *w, const vg_index *ix, uint32_t ord)
{
	size_t n, i;
	const uint16_t *src = vg__index_record_sources(ix, ord, &n);
	vg__jw_arr(w);
	for (i = 0; i < n; i++)
		vg__jw_str(w, vg__index_source_name(ix, src[i]));
	vg__jw_end_arr(w);
}

/* The topics of a record: its own, and "sanction" when a Sanction names it
 * and the publisher did not say so. */
static void put_topics(vg__jw *w, const vg_index *ix, uint32_t ord)
{
	size_t n, i, j;
	const vg_ix_prop *p = vg__index_props(ix, ord, &n);
	bool sanction = false;
	n = vg__index_value_count(ix, ord);
	vg__jw_arr(w);
	for (i = 0; i < n; i++) {
		bool dup = false;
		if (strcmp(ix->strs + p[i].key, "topics"))
			continue;
		for (j = 0; j < i && !dup; j++)
			dup = p[j].key == p[i].key && p[j].value == p[i].value;
		if (dup)
			continue;
		sanction |= !strcmp(ix->strs + p[i].value, "sanction");
		vg__jw_str(w, ix->strs + p[i].value);
	}
	if (!sanction && ix->recs[ord].sanc_count)
		vg__jw_str(w, "sanction");
	vg__jw_end_arr(w);
}

/* Whether a record's value of an entity property is written as the whole
 * entity it names (*to) rather than its id. */
static bool nests(const vg_index *ix, uint32_t ord, nest n, const vg__ftm_schema *s,
		  const vg__ftm_prop *fp, const char *value, uint32_t *to)
{
	if (!n.nested || !fp || fp->type != VG__FTM_ENTITY || n.level >= 2)
		return false;
	if (n.level == 1 && !(s->flags & VG__FTM_EDGE))
		return false;
	if (vg_index_lookup(to, ix, value) != 0) {
		vg_error_clear();
		return false;
	}
	return *to != ord && (n.level == 0 || *to != n.root);
}

/* The values of one property (the key of p[first]) of a record. */
static void put_values(vg__jw *w, const vg_index *ix, uint32_t ord, nest n,
		       const vg_ix_prop *p, size_t count, size_t first)
{
	const char *key = ix->strs + p[first].key;
	const vg__ftm_schema *s = n.nested ? vg__ftm_find_schema(vg_entity_schema(ix, ord)) : NULL;
	const vg__ftm_prop *fp = s ? vg__ftm_find_prop(s, key) : NULL;
	bool topics = !strcmp(key, "topics");
	size_t i;
	if (topics) {
		put_topics(w, ix, ord);
		return;
	}
	vg__jw_arr(w);
	for (i = first; i < count; i++) {
		uint32_t to;
		if (p[i].key != p[first].key)
			continue;
		if (nests(ix, ord, n, s, fp, ix->strs + p[i].value, &to))
			put_entity(w, ix, to, (nest){ n.level + 1, n.level ? n.root : ord, true });
		else
			vg__jw_str(w, ix->strs + p[i].value);
	}
	vg__jw_end_arr(w);
}

/* The records pointing at the root, grouped under FtM's reverse names in
 * the order each name first occurs. */
static void put_reverse(vg__jw *w, const vg_index *ix, uint32_t ord)
{
	const char *names[32];
	size_t n_names = 0, n = vg_entity_reference_count(ix, ord), i, k;
	vg_reference r;
	for (i = 0; i < n; i++) {
		if (!vg_entity_reference(&r, ix, ord, i) || !r.reverse)
			continue;
		for (k = 0; k < n_names && strcmp(names[k], r.reverse); k++)
			;
		if (k == n_names && n_names < sizeof(names) / sizeof(names[0]))
			names[n_names++] = r.reverse;
	}
	for (k = 0; k < n_names; k++) {
		vg__jw_key(w, names[k]);
		vg__jw_arr(w);
		for (i = 0; i < n; i++)
			if (vg_entity_reference(&r, ix, ord, i) && r.reverse &&
			    !strcmp(r.reverse, names[k]))
				put_entity(w, ix, r.from, (nest){ 1, ord, true });
		vg__jw_end_arr(w);
	}
}

static void put_props(vg__jw *w, const vg_index *ix, uint32_t ord, nest n)
{
	size_t count, i, j;
	const vg_ix_prop *p = vg__index_props(ix, ord, &count);
	bool topics = false;
	count = vg__index_value_count(ix, ord);
	vg__jw_obj(w);
	for (i = 0; i < count; i++) {
		bool seen = false;
		for (j = 0; j < i && !seen; j++)
			seen = p[j].key == p[i].key;
		if (seen)
			continue;
		topics |= !strcmp(ix->strs + p[i].key, "topics");
		vg__jw_key(w, ix->strs + p[i].key);
		put_values(w, ix, ord, n, p, count, i);
	}
	if (!topics && ix->recs[ord].sanc_count) {
		vg__jw_key(w, "topics");
		put_topics(w, ix, ord);
	}
	if (n.nested && n.level == 0)
		put_reverse(w, ix, ord);
	vg__jw_end_obj(w);
}

/* The FtM entity fields beside "properties". */
static void put_entity_meta(vg__jw *w, const vg_index *ix, uint32_t ord)
{
	size_t n = vg_entity_referent_count(ix, ord), i;
	vg__jw_key(w, "referents");
	vg__jw_arr(w);
	for (i = 0; i < n; i++)
		vg__jw_str(w, vg_entity_referent(ix, ord, i));
	vg__jw_end_arr(w);
	vg__jw_key(w, "target");
	vg__jw_bool(w, vg_entity_target(ix, ord));
	vg__jw_key(w, "first_seen");
	vg__jw_str(w, vg_entity_seen(ix, ord, VG_SEEN_FIRST));
	vg__jw_key(w, "last_seen");
	vg__jw_str(w, vg_entity_seen(ix, ord, VG_SEEN_LAST));
	vg__jw_key(w, "last_change");
	vg__jw_str(w, vg_entity_seen(ix, ord, VG_CHANGED_LAST));
}

static void put_head(vg__jw *w, const vg_index *ix, uint32_t ord)
{
	vg__jw_key(w, "id");
	vg__jw_str(w, vg__index_id(ix, ord));
	vg__jw_key(w, "caption");
	vg__jw_str(w, vg__index_caption(ix, ord));
	vg__jw_key(w, "schema");
	vg__jw_str(w, vg_entity_schema(ix, ord));
}

static void put_entity(vg__jw *w, const vg_index *ix, uint32_t ord, nest n)
{
	vg__jw_obj(w);
	put_head(w, ix, ord);
	vg__jw_key(w, "properties");
	put_props(w, ix, ord, n);
	vg__jw_key(w, "datasets");
	put_datasets(w, ix, ord);
	put_entity_meta(w, ix, ord);
	vg__jw_end_obj(w);
}

/* ---- links: vigil's walk over the link graph ------------------------------- */

/* {"authority", "program", "start_date", "reason"} of each Sanction. */
static void put_sanction_summaries(vg__jw *w, const vg_index *ix, uint32_t ord)
{
	static const char *const keys[][2] = { { "authority", "authority" },
					       { "program", "program" },
					       { "start_date", "startDate" },
					       { "reason", "reason" } };
	size_t n = vg_entity_sanction_count(ix, ord), i, k;
	vg__jw_arr(w);
	for (i = 0; i < n; i++) {
		uint32_t s = vg_entity_sanction(ix, ord, i);
		vg__jw_obj(w);
		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			vg__jw_key(w, keys[k][0]);
			vg__jw_str(w, vg__index_prop(ix, s, keys[k][1]));
		}
		vg__jw_end_obj(w);
	}
	vg__jw_end_arr(w);
}

static void put_hop(vg__jw *w, const vg_index *ix, const vg__graph_node *nd)
{
	vg__jw_obj(w);
	put_head(w, ix, nd->ordinal);
	vg__jw_key(w, "link");
	vg__jw_str(w, vg_entity_schema(ix, nd->link));
	vg__jw_key(w, "relation");
	vg__jw_str(w, vg__graph_relation(ix, nd->link, nd->end));
	vg__jw_key(w, "direction");
	vg__jw_str(w, nd->end == VG_IXE_SOURCE ? "out" : "in");
	vg__jw_end_obj(w);
}

/* [{"path": [HOP...], "entity": {"id", "caption", "schema", "datasets",
 * "topics"}, "sanctions": [...]}, ..., {"truncated": true, "limit": N}] */
static int put_links(vg__jw *w, const vg_index *ix, uint32_t ord, int depth)
{
	vg__graph *g = NULL;
	uint32_t i, chain[VG_GRAPH_MAX_DEPTH];
	size_t n, k;
	int rc;
	if ((rc = vg__graph_traverse(&g, ix, ord, depth)) != 0)
		return rc;
	vg__jw_arr(w);
	for (i = 1; i < g->n; i++) {
		uint32_t o = g->node[i].ordinal;
		vg__jw_obj(w);
		vg__jw_key(w, "path");
		vg__jw_arr(w);
		n = vg__graph_path(g, i, chain);
		for (k = 0; k < n; k++)
			put_hop(w, ix, &g->node[chain[k]]);
		vg__jw_end_arr(w);
		vg__jw_key(w, "entity");
		vg__jw_obj(w);
		put_head(w, ix, o);
		vg__jw_key(w, "datasets");
		put_datasets(w, ix, o);
		vg__jw_key(w, "topics");
		put_topics(w, ix, o);
		vg__jw_end_obj(w);
		vg__jw_key(w, "sanctions");
		put_sanction_summaries(w, ix, o);
		vg__jw_end_obj(w);
	}
	if (g->truncated) {
		vg__jw_obj(w);
		vg__jw_key(w, "truncated");
		vg__jw_bool(w, 1);
		vg__jw_key(w, "limit");
		vg__jw_uint(w, VG_GRAPH_MAX_NODES);
		vg__jw_end_obj(w);
	}
	vg__jw_end_arr(w);
	free(g);
	return 0;
}

int vg_json_entity(vg_buf *out, const vg_index *ix, uint32_t ord, const vg_json_options *o)
{
	vg_json_options def = VG_JSON_OPTIONS_INIT;
	size_t mark;
	vg__jw w;
	int rc;
	if (!out || !ix)
		return vg__error_set(VG_EUSAGE, "vg_json_entity: NULL argument");
	if ((rc = begin(out, o, "vg_json_entity")) != 0)
		return rc;
	if (!o)
		o = &def;
	if (ord >= ix->meta.n_records)
		return vg__error_set(VG_ENOTFOUND, "no entity with ordinal %u", ord);
	mark = out->size;
	vg__jw_init(&w, out);
	vg__jw_obj(&w);
	put_head(&w, ix, ord);
	vg__jw_key(&w, "properties");
	put_props(&w, ix, ord, (nest){ 0, ord, o->nested });
	vg__jw_key(&w, "datasets");
	put_datasets(&w, ix, ord);
	put_entity_meta(&w, ix, ord);
	if (o->links_depth > 0) {
		vg__jw_key(&w, "links");
		if ((rc = put_links(&w, ix, ord, o->links_depth)) != 0) {
			vg_buf_truncate(out, mark);
			return rc;
		}
	}
	vg__jw_end_obj(&w);
	return finish(out, mark);
}

int vg_json_adjacent(vg_buf *out, const vg_index *ix, uint32_t ord, uint32_t root)
{
	size_t mark;
	vg__jw w;
	int rc;
	if (!out || !ix)
		return vg__error_set(VG_EUSAGE, "vg_json_adjacent: NULL argument");
	if ((rc = begin(out, NULL, "vg_json_adjacent")) != 0)
		return rc;
	if (ord >= ix->meta.n_records || root >= ix->meta.n_records)
		return vg__error_set(VG_ENOTFOUND, "no entity with ordinal %u", ord);
	mark = out->size;
	vg__jw_init(&w, out);
	put_entity(&w, ix, ord, (nest){ 1, root, true });
	return finish(out, mark);
}

int vg_json_properties(vg_buf *out, const vg_index *ix, uint32_t ord)
{
	size_t mark;
	vg__jw w;
	if (!out || !ix)
		return vg__error_set(VG_EUSAGE, "vg_json_properties: NULL argument");
	if (ord >= ix->meta.n_records)
		return vg__error_set(VG_ENOTFOUND, "no entity with ordinal %u", ord);
	if (vg_buf_oom(out))
		return vg__error_oom();
	mark = out->size;
	vg__jw_init(&w, out);
	put_props(&w, ix, ord, (nest){ 0, ord, false });
	return finish(out, mark);
}

int vg_index_entity_json(const vg_index *ix, uint32_t ord, int links_depth, vg_buf *out)
{
	vg_json_options o = VG_JSON_OPTIONS_INIT;
	o.nested = true;
	o.links_depth = links_depth;
	return vg_json_entity(out, ix, ord, &o);
}

/* ---- match results --------------------------------------------------------- */

/* One feature as {"score", "detail", "query", "candidate"}. */
static void put_feature(vg__jw *w, const vg_feature *f)
{
	vg__jw_key(w, f->code);
	vg__jw_obj(w);
	vg__jw_key(w, "score");
	vg__jw_score(w, f->score);
	vg__jw_key(w, "detail");
	vg__jw_str(w, f->detail);
	vg__jw_key(w, "query");
	vg__jw_str(w, f->query);
	vg__jw_key(w, "candidate");
	vg__jw_str(w, f->candidate);
	vg__jw_end_obj(w);
}

/* The command line's "explanation": which names, the comparator's
 * alignment of them, and every feature that moved the score.  The
 * alignment is null when there is none (no matcher, no name compared);
 * a failure to make it (out of memory) fails the result. */
static int put_explanation(vg__jw *w, vg_matcher *m, const vg_match_result *r,
			   vg_buf *scratch)
{
	size_t i;
	int rc = VG_ENOTFOUND;
	vg__jw_obj(w);
	vg__jw_key(w, "query_name");
	vg__jw_str(w, r->query_name);
	vg__jw_key(w, "matched_name");
	vg__jw_str(w, r->matched_name);
	vg__jw_key(w, "name_kind");
	vg__jw_str(w, r->name_kind);
	vg__jw_key(w, "name_score");
	vg__jw_score(w, r->n_features ? r->features[0].score : 0.0);
	vg__jw_key(w, "name");
	vg_buf_clear(scratch);
	if (m && r->query_name && (rc = vg_match_name_explanation(m, r, scratch)) == VG_ENOMEM)
		return rc;
	if (rc == 0 && scratch->size)
		vg__jw_raw(w, scratch->ptr, scratch->size);
	else
		vg__jw_str(w, NULL);
	vg_error_clear();
	vg__jw_key(w, "features");
	vg__jw_obj(w);
	for (i = 1; i < r->n_features; i++)
		put_feature(w, &r->features[i]);
	vg__jw_end_obj(w);
	vg__jw_end_obj(w);
	return 0;
}

static int put_result(vg__jw *w, const vg_index *ix, vg_matcher *m,
		      const vg_match_result *r, const vg_json_options *o, vg_buf *scratch)
{
	size_t i;
	vg__jw_obj(w);
	put_head(w, ix, r->ordinal);
	vg__jw_key(w, "score");
	vg__jw_score(w, r->score);
	vg__jw_key(w, "match");
	vg__jw_bool(w, r->match);
	vg__jw_key(w, "datasets");
	put_datasets(w, ix, r->ordinal);
	vg__jw_key(w, "topics");
	put_topics(w, ix, r->ordinal);
	if (o->explain) {
		int rc;
		vg__jw_key(w, "explanation");
		if ((rc = put_explanation(w, m, r, scratch)) != 0)
			return rc;
	}
	if (o->entity) {
		vg__jw_key(w, "properties");
		put_props(w, ix, r->ordinal, (nest){ 0, r->ordinal, false });
		put_entity_meta(w, ix, r->ordinal);
		vg__jw_key(w, "explanations");
		vg__jw_obj(w);
		for (i = 0; i < r->n_features; i++)
			put_feature(w, &r->features[i]);
		vg__jw_end_obj(w);
	}
	if (o->links_depth > 0) {
		int rc;
		vg__jw_key(w, "sanctions");
		put_sanction_summaries(w, ix, r->ordinal);
		vg__jw_key(w, "links");
		if ((rc = put_links(w, ix, r->ordinal, o->links_depth)) != 0)
			return rc;
	}
	vg__jw_end_obj(w);
	return 0;
}

/* Results as an array, or the one result alone. */
static int results(vg_buf *out, const vg_index *ix, vg_matcher *m, const vg_match_result *r,
		   size_t n, const vg_json_options *o, bool array)
{
	vg_json_options def = VG_JSON_OPTIONS_INIT;
	vg_buf scratch = VG_BUF_INIT;
	size_t mark, i;
	vg__jw w;
	int rc = 0;
	if (!out || !ix || (!r && n))
		return vg__error_set(VG_EUSAGE, "vg_json_results: NULL argument");
	if ((rc = begin(out, o, "vg_json_results")) != 0)
		return rc;
	if (!o)
		o = &def;
	mark = out->size;
	vg__jw_init(&w, out);
	if (array)
		vg__jw_arr(&w);
	for (i = 0; i < n && !rc; i++) {
		if (r[i].ordinal >= ix->meta.n_entities)
			rc = vg__error_set(VG_EUSAGE, "result %zu: no entity %u", i, r[i].ordinal);
		else
			rc = put_result(&w, ix, m, &r[i], o, &scratch);
	}
	if (array)
		vg__jw_end_arr(&w);
	vg_buf_dispose(&scratch);
	if (rc) {
		vg_buf_truncate(out, mark);
		out->oom = 0;
		return rc;
	}
	return finish(out, mark);
}

int vg_json_results(vg_buf *out, const vg_index *ix, vg_matcher *m,
		    const vg_match_result *r, size_t n, const vg_json_options *o)
{
	return results(out, ix, m, r, n, o, true);
}

int vg_json_result(vg_buf *out, const vg_index *ix, vg_matcher *m,
		   const vg_match_result *r, const vg_json_options *o)
{
	if (!r)
		return vg__error_set(VG_EUSAGE, "vg_json_result: NULL argument");
	return results(out, ix, m, r, 1, o, false);
}

/* ---- scan mentions ----------------------------------------------------------- */

static void put_mention_result(vg__jw *w, const vg_index *ix, const vg__scanner *s,
			       const vg__mention *m, const char *text, double threshold,
			       size_t offset)
{
	size_t nl, r;
	const char *listed = vg__scanner_name_text(s, m->name, &nl);
	vg__jw_obj(w);
	put_head(w, ix, m->entity);
	vg__jw_key(w, "score");
	vg__jw_score(w, m->score);
	vg__jw_key(w, "match");
	vg__jw_bool(w, m->score >= threshold);
	vg__jw_key(w, "datasets");
	put_datasets(w, ix, m->entity);
	vg__jw_key(w, "topics");
	put_topics(w, ix, m->entity);
	vg__jw_key(w, "explanation");
	vg__jw_obj(w);
	vg__jw_key(w, "rule");
	vg__jw_str(w, vg__scan_rule_name(m->rule));
	vg__jw_key(w, "listed_name");
	vg__jw_strn(w, listed, nl);
	vg__jw_key(w, "text");
	vg__jw_strn(w, text + m->start, m->end - m->start);
	if (vg__scan_rule_refers(m->rule)) {
		vg__jw_key(w, "full_mention_start");
		vg__jw_uint(w, m->ref_start + offset);
	}
	vg__jw_key(w, "alternatives");
	vg__jw_arr(w);
	for (r = 0; r < m->n_alternatives; r++)
		vg__jw_str(w, vg__index_id(ix, m->alternatives[r]));
	vg__jw_end_arr(w);
	vg__jw_end_obj(w);
	vg__jw_key(w, "sanctions");
	put_sanction_summaries(w, ix, m->entity);
	vg__jw_end_obj(w);
}

int vg__json_mentions(vg_buf *out, const vg_index *ix, const vg__scanner *s,
		      const vg__mention *ms, size_t n, const char *text,
		      double threshold, int links_depth, size_t offset)
{
	size_t mark = out->size, k;
	vg__jw w;
	int rc;
	if (vg_buf_oom(out))
		return vg__error_oom();
	vg__jw_init(&w, out);
	vg__jw_obj(&w);
	vg__jw_key(&w, "mentions");
	vg__jw_arr(&w);
	for (k = 0; k < n; k++) {
		const vg__mention *m = &ms[k];
		vg__jw_obj(&w);
		vg__jw_key(&w, "start");
		vg__jw_uint(&w, m->start + offset);
		vg__jw_key(&w, "end");
		vg__jw_uint(&w, m->end + offset);
		vg__jw_key(&w, "text");
		vg__jw_strn(&w, text + m->start, m->end - m->start);
		vg__jw_key(&w, "result");
		put_mention_result(&w, ix, s, m, text, threshold, offset);
		vg__jw_key(&w, "links");
		if ((rc = put_links(&w, ix, m->entity, links_depth)) != 0) {
			vg_buf_truncate(out, mark);
			out->oom = 0;
			return rc;
		}
		vg__jw_end_obj(&w);
	}
	vg__jw_end_arr(&w);
	vg__jw_end_obj(&w);
	return finish(out, mark);
}

/* ---- index information and diffs ---------------------------------------------- */

int vg_json_info(vg_buf *out, const vg_index *ix)
{
	vg_source_info s;
	size_t mark, i;
	vg__jw w;
	if (!out || !ix)
		return vg__error_set(VG_EUSAGE, "vg_json_info: NULL argument");
	if (vg_buf_oom(out))
		return vg__error_oom();
	mark = out->size;
	vg__jw_init(&w, out);
	vg__jw_obj(&w);
	vg__jw_key(&w, "entities");
	vg__jw_uint(&w, vg_index_party_count(ix));
	vg__jw_key(&w, "records");
	vg__jw_uint(&w, vg_index_record_count(ix));
	vg__jw_key(&w, "names");
	vg__jw_uint(&w, ix->meta.n_names);
	vg__jw_key(&w, "sources");
	vg__jw_arr(&w);
	for (i = 0; vg_index_source(&s, ix, i) == 0; i++) {
		vg__jw_obj(&w);
		vg__jw_key(&w, "name");
		vg__jw_str(&w, s.name);
		vg__jw_key(&w, "format");
		vg__jw_str(&w, s.format);
		vg__jw_key(&w, "path");
		vg__jw_str(&w, s.path);
		vg__jw_key(&w, "version");
		vg__jw_str(&w, s.version);
		vg__jw_key(&w, "as_of");
		vg__jw_str(&w, s.as_of);
		vg__jw_key(&w, "encoding");
		vg__jw_str(&w, s.encoding);
		vg__jw_key(&w, "entities");
		vg__jw_uint(&w, s.entities);
		vg__jw_key(&w, "names");
		vg__jw_uint(&w, s.names);
		vg__jw_key(&w, "links");
		vg__jw_uint(&w, s.links);
		vg__jw_key(&w, "sanctions");
		vg__jw_uint(&w, s.sanctions);
		vg__jw_key(&w, "records");
		vg__jw_uint(&w, s.records);
		vg__jw_end_obj(&w);
	}
	vg_error_clear();
	vg__jw_end_arr(&w);
	vg__jw_end_obj(&w);
	return finish(out, mark);
}

int vg_index_info_json(const vg_index *ix, vg_buf *out)
{
	return vg_json_info(out, ix);
}

static const char *const change_names[VG_DIFF__KINDS] = { "added", "removed", "changed" };

/* "a,b,c" as an array of strings. */
static void put_name_list(vg__jw *w, const char *csv)
{
	vg__jw_arr(w);
	while (*csv) {
		size_t n = strcspn(csv, ",");
		vg__jw_strn(w, csv, n);
		csv += n;
		if (*csv == ',')
			csv++;
	}
	vg__jw_end_arr(w);
}

int vg_json_diff(vg_buf *out, const vg_diff *d)
{
	size_t mark, i;
	vg__jw w;
	int k;
	if (!out || !d)
		return vg__error_set(VG_EUSAGE, "vg_json_diff: NULL argument");
	if (vg_buf_oom(out))
		return vg__error_oom();
	mark = out->size;
	vg__jw_init(&w, out);
	vg__jw_obj(&w);
	for (k = 0; k < VG_DIFF__KINDS; k++) {
		vg__jw_key(&w, change_names[k]);
		vg__jw_arr(&w);
		for (i = 0; i < vg_diff_count(d, (vg_diff_kind)k); i++) {
			const char *id = vg_diff_id(d, (vg_diff_kind)k, i);
			if (k != VG_DIFF_CHANGED) {
				vg__jw_str(&w, id);
				continue;
			}
			vg__jw_obj(&w);
			vg__jw_key(&w, "id");
			vg__jw_str(&w, id);
			vg__jw_key(&w, "properties");
			put_name_list(&w, vg_diff_changed_properties(d, i));
			vg__jw_end_obj(&w);
		}
		vg__jw_end_arr(&w);
	}
	vg__jw_end_obj(&w);
	return finish(out, mark);
}

int vg_json_alerts(vg_buf *out, const vg_diff_alert *a, size_t n)
{
	size_t mark, i;
	int gone;
	vg__jw w;
	if (!out || (!a && n))
		return vg__error_set(VG_EUSAGE, "vg_json_alerts: NULL argument");
	if (vg_buf_oom(out))
		return vg__error_oom();
	mark = out->size;
	vg__jw_init(&w, out);
	vg__jw_obj(&w);
	for (gone = 0; gone < 2; gone++) {
		vg__jw_key(&w, gone ? "gone_alerts" : "new_alerts");
		vg__jw_arr(&w);
		for (i = 0; i < n; i++) {
			if (a[i].gone != (gone == 1))
				continue;
			vg__jw_obj(&w);
			vg__jw_key(&w, "id");
			vg__jw_str(&w, a[i].id);
			vg__jw_key(&w, "caption");
			vg__jw_str(&w, a[i].caption);
			vg__jw_key(&w, "score");
			vg__jw_score(&w, a[i].score);
			vg__jw_key(&w, "change");
			vg__jw_str(&w, change_names[a[i].change]);
			vg__jw_end_obj(&w);
		}
		vg__jw_end_arr(&w);
	}
	vg__jw_end_obj(&w);
	return finish(out, mark);
}
