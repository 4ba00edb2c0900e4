/*
 * graph.c - breadth-first traversal of an entity's links (see graph.h).
 *
 * Invariant: every record enters the queue at most once (a small open
 * addressing set of visited ordinals), and the queue never holds more than
 * VG_GRAPH_MAX_NODES + 1 records, so the work is bounded by
 * (VG_GRAPH_MAX_NODES + 1) x the edges of the nodes expanded, whatever the
 * shape of the graph (cycles, hubs with thousands of links).
 *
 * A node remembers the queue slot of its parent and the link that reached
 * it, so the path from the start entity is rebuilt by walking parents.
 */
#include "graph/graph.h"
#include "index/index_internal.h"
#include "common/error.h"
#include "common/alloc.h"

#include <stdlib.h>
#include <string.h>

/* Power of two, more than twice VG_GRAPH_MAX_NODES + 1. */
#define SEEN_CAP 512u

typedef struct {
	uint32_t ordinal;
	uint32_t parent; /* queue slot of the node it was reached from */
	uint32_t link;   /* ordinal of the link record used */
	uint8_t end;     /* which end of the link the parent is */
	uint8_t depth;
} node;

typedef struct {
	node q[VG_GRAPH_MAX_NODES + 1];
	uint32_t n;
	uint32_t seen[SEEN_CAP]; /* ordinal + 1; 0 = empty */
	bool truncated;
} traversal;

static bool seen_add(traversal *t, uint32_t ord)
{
	uint32_t h = (ord * 2654435761u) & (SEEN_CAP - 1);
	while (t->seen[h]) {
		if (t->seen[h] == ord + 1)
			return false;
		h = (h + 1) & (SEEN_CAP - 1);
	}
	t->seen[h] = ord + 1;
	return true;
}

static void traverse(traversal *t, const vg_index *ix, uint32_t start,
		     int depth)
{
	uint32_t head = 0;

	memset(t->seen, 0, sizeof(t->seen));
	t->n = 1;
	t->truncated = false;
	t->q[0] = (node){ start, 0, 0, 0, 0 };
	seen_add(t, start);

	while (head < t->n) {
		const node *cur = &t->q[head];
		const vg_ix_edge *e;
		size_t ne, i;

		if (cur->depth >= depth) {
			head++;
			continue;
		}
		e = vg__index_edges(ix, cur->ordinal, &ne);
		for (i = 0; i < ne; i++) {
			vg_schema s = vg__index_schema(ix, e[i].other);
			/* Sanctions and addresses hang off entities but are not
			 * parties one can be linked to. */
			if (s == VG_SCHEMA_SANCTION || s == VG_SCHEMA_ADDRESS)
				continue;
			if (t->n > VG_GRAPH_MAX_NODES) {
				t->truncated = true;
				return;
			}
			if (!seen_add(t, e[i].other))
				continue;
			t->q[t->n++] = (node){ e[i].other, head, e[i].link,
					       (uint8_t)e[i].end,
					       (uint8_t)(cur->depth + 1) };
		}
		head++;
	}
}

/* Appends a JSON string of a record's first value of `key`, or null. */
static int put_prop(vg_buf *out, const vg_index *ix, uint32_t ord,
		    const char *key)
{
	const char *v = vg__index_prop(ix, ord, key);
	if (!v)
		return vg_buf_puts(out, "null");
	return vg_buf_put_json_string(out, v, strlen(v));
}

/* Why the link holds, read from the side of the node that reached it:
 * the link's own words when it has them ("branch of", "Leader or official
 * of"), else a phrase for its schema. */
static const char *relation(const vg_index *ix, uint32_t link, int end)
{
	static const char *const keys[] = { "role", "relationship", "relation" };
	size_t i;
	bool out = end == VG_IXE_SOURCE;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v = vg__index_prop(ix, link, keys[i]);
		if (v && *v)
			return v;
	}
	switch (vg__index_schema(ix, link)) {
	case VG_SCHEMA_OWNERSHIP: return out ? "owner of" : "owned by";
	case VG_SCHEMA_DIRECTORSHIP: return out ? "director of" : "has director";
	case VG_SCHEMA_MEMBERSHIP: return out ? "member of" : "has member";
	case VG_SCHEMA_EMPLOYMENT: return out ? "employee of" : "employer of";
	case VG_SCHEMA_FAMILY: return "relative of";
	case VG_SCHEMA_ASSOCIATE: return "associate of";
	case VG_SCHEMA_OCCUPANCY: return out ? "holds position" : "position held by";
	default: return "linked to";
	}
}

static int topics_cb(void *ctx, const char *value, const char *qual)
{
	vg_buf *out = ctx;
	(void)qual;
	if (out->size && out->ptr[out->size - 1] != '[' &&
	    vg_buf_puts(out, ",") < 0)
		return -1;
	return vg_buf_put_json_string(out, value, strlen(value)) < 0 ? -1 : 0;
}

static int entity_json(vg_buf *out, const vg_index *ix, uint32_t ord)
{
	const char *s;
	int rc = 0;

	rc |= vg_buf_puts(out, "{\"id\":");
	s = vg__index_id(ix, ord);
	rc |= vg_buf_put_json_string(out, s, strlen(s));
	rc |= vg_buf_puts(out, ",\"caption\":");
	s = vg__index_caption(ix, ord);
	rc |= vg_buf_put_json_string(out, s, strlen(s));
	rc |= vg_buf_puts(out, ",\"schema\":");
	s = vg_schema_name(vg__index_schema(ix, ord));
	rc |= vg_buf_put_json_string(out, s, strlen(s));
	rc |= vg_buf_puts(out, ",\"datasets\":");
	rc |= vg__index_datasets_json(ix, ord, ",", out);
	rc |= vg_buf_puts(out, ",\"topics\":[");
	if (rc < 0 || vg__index_prop_each(ix, ord, "topics", topics_cb, out))
		return vg__error_oom();
	return vg_buf_puts(out, "]}");
}

int vg__graph_sanctions_json(const vg_index *ix, uint32_t ord, vg_buf *out)
{
	const uint32_t *sanc;
	size_t n, i;
	int rc = 0;

	sanc = vg__index_sanctions(ix, ord, &n);
	rc |= vg_buf_puts(out, "[");
	for (i = 0; i < n && rc == 0; i++) {
		rc |= vg_buf_puts(out, i ? ",{\"authority\":" : "{\"authority\":");
		rc |= put_prop(out, ix, sanc[i], "authority");
		rc |= vg_buf_puts(out, ",\"program\":");
		rc |= put_prop(out, ix, sanc[i], "program");
		rc |= vg_buf_puts(out, ",\"start_date\":");
		rc |= put_prop(out, ix, sanc[i], "startDate");
		rc |= vg_buf_puts(out, ",\"reason\":");
		rc |= put_prop(out, ix, sanc[i], "reason");
		rc |= vg_buf_puts(out, "}");
	}
	rc |= vg_buf_puts(out, "]");
	return rc < 0 ? vg__error_oom() : 0;
}

/* Appends the hops from the start entity to queue slot `slot`. */
static int path_json(vg_buf *out, const vg_index *ix, const traversal *t,
		     uint32_t slot)
{
	uint32_t chain[VG_GRAPH_MAX_DEPTH + 1];
	int n = 0, i, rc = 0;

	while (slot != 0 && n <= VG_GRAPH_MAX_DEPTH) {
		chain[n++] = slot;
		slot = t->q[slot].parent;
	}
	rc |= vg_buf_puts(out, "[");
	for (i = n - 1; i >= 0 && rc == 0; i--) {
		const node *nd = &t->q[chain[i]];
		const char *s;

		rc |= vg_buf_puts(out, i == n - 1 ? "{\"id\":" : ",{\"id\":");
		s = vg__index_id(ix, nd->ordinal);
		rc |= vg_buf_put_json_string(out, s, strlen(s));
		rc |= vg_buf_puts(out, ",\"caption\":");
		s = vg__index_caption(ix, nd->ordinal);
		rc |= vg_buf_put_json_string(out, s, strlen(s));
		rc |= vg_buf_puts(out, ",\"schema\":");
		s = vg_schema_name(vg__index_schema(ix, nd->ordinal));
		rc |= vg_buf_put_json_string(out, s, strlen(s));
		rc |= vg_buf_puts(out, ",\"link\":");
		s = vg_schema_name(vg__index_schema(ix, nd->link));
		rc |= vg_buf_put_json_string(out, s, strlen(s));
		rc |= vg_buf_puts(out, ",\"relation\":");
		s = relation(ix, nd->link, nd->end);
		rc |= vg_buf_put_json_string(out, s, strlen(s));
		rc |= vg_buf_puts(out, nd->end == VG_IXE_SOURCE
				       ? ",\"direction\":\"out\"}"
				       : ",\"direction\":\"in\"}");
	}
	rc |= vg_buf_puts(out, "]");
	return rc < 0 ? vg__error_oom() : 0;
}

int vg__graph_links_json(const vg_index *ix, uint32_t ordinal, int depth,
			 vg_buf *out)
{
	traversal *t = NULL;
	uint32_t i;
	int error = 0;

	if (ordinal >= vg__index_record_count(ix))
		return vg__error_set(VG_EUSAGE,
				     "graph: ordinal %u out of range", ordinal);
	if (depth <= 0)
		return vg_buf_puts(out, "[]");
	if (depth > VG_GRAPH_MAX_DEPTH)
		depth = VG_GRAPH_MAX_DEPTH;
	/* ~4 KB of scratch: the heap keeps server threads' stacks small. */
	if (!(t = vg__malloc(sizeof(*t))))
		return vg__error_oom();
	traverse(t, ix, ordinal, depth);

	if ((error = vg_buf_puts(out, "[")) < 0)
		goto cleanup;
	for (i = 1; i < t->n; i++) {
		uint32_t o = t->q[i].ordinal;
		if ((error = vg_buf_puts(out, i > 1 ? ",{\"path\":" : "{\"path\":")) < 0 ||
		    (error = path_json(out, ix, t, i)) < 0 ||
		    (error = vg_buf_puts(out, ",\"entity\":")) < 0 ||
		    (error = entity_json(out, ix, o)) < 0 ||
		    (error = vg_buf_puts(out, ",\"sanctions\":")) < 0 ||
		    (error = vg__graph_sanctions_json(ix, o, out)) < 0 ||
		    (error = vg_buf_puts(out, "}")) < 0)
			goto cleanup;
	}
	if (t->truncated &&
	    (error = vg_buf_printf(out, "%s{\"truncated\":true,\"limit\":%d}",
				   t->n > 1 ? "," : "", VG_GRAPH_MAX_NODES)) < 0)
		goto cleanup;
	error = vg_buf_puts(out, "]");

cleanup:
	free(t);
	return error < 0 ? error : 0;
}
