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
	vg__graph g;
	uint32_t seen[SEEN_CAP]; /* ordinal + 1; 0 = empty */
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
	vg__graph *g = &t->g;
	uint32_t head = 0;

	memset(t->seen, 0, sizeof(t->seen));
	g->n = 1;
	g->truncated = false;
	g->node[0] = (vg__graph_node){ start, 0, 0, 0, 0 };
	seen_add(t, start);

	while (head < g->n) {
		const vg__graph_node *cur = &g->node[head];
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
			if (g->n > VG_GRAPH_MAX_NODES) {
				g->truncated = true;
				return;
			}
			if (!seen_add(t, e[i].other))
				continue;
			g->node[g->n++] = (vg__graph_node){ e[i].other, head, e[i].link,
							    (uint8_t)e[i].end,
							    (uint8_t)(cur->depth + 1) };
		}
		head++;
	}
}

/* Why the link holds, read from the side of the node that reached it:
 * the link's own words when it has them ("branch of", "Leader or official
 * of"), else a phrase for its schema. */
const char *vg__graph_relation(const vg_index *ix, uint32_t link, int end)
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

int vg__graph_traverse(vg__graph **out, const vg_index *ix, uint32_t ordinal, int depth)
{
	traversal *t;
	if (ordinal >= vg__index_record_count(ix))
		return vg__error_set(VG_EUSAGE, "graph: ordinal %u out of range", ordinal);
	if (depth > VG_GRAPH_MAX_DEPTH)
		depth = VG_GRAPH_MAX_DEPTH;
	/* ~6 KB of scratch: the heap keeps server threads' stacks small.  The
	 * traversal is the first member, so the caller frees it as one. */
	if (!(t = vg__malloc(sizeof(*t))))
		return vg__error_oom();
	traverse(t, ix, ordinal, depth);
	*out = &t->g;
	return 0;
}

size_t vg__graph_path(const vg__graph *g, uint32_t slot, uint32_t chain[VG_GRAPH_MAX_DEPTH])
{
	uint32_t rev[VG_GRAPH_MAX_DEPTH];
	size_t n = 0, i;
	while (slot != 0 && n < VG_GRAPH_MAX_DEPTH) {
		rev[n++] = slot;
		slot = g->node[slot].parent;
	}
	for (i = 0; i < n; i++)
		chain[i] = rev[n - 1 - i];
	return n;
}

const char *vg_link_relation(const vg_index *ix, uint32_t edge, vg_link_direction direction)
{
	if (!ix || edge >= vg__index_record_count(ix))
		return NULL;
	return vg__graph_relation(ix, edge, direction == VG_LINK_OUT ? VG_IXE_SOURCE
								      : VG_IXE_TARGET);
}

int vg_entity_walk(vg_walk_step **steps, size_t *n, bool *truncated, const vg_index *ix,
		   uint32_t ordinal, int depth)
{
	vg__graph *g = NULL;
	vg_walk_step *s;
	uint32_t i;
	int rc;
	if (!steps || !n || !ix)
		return vg__error_set(VG_EUSAGE, "vg_entity_walk: NULL argument");
	if ((rc = vg__graph_traverse(&g, ix, ordinal, depth)) != 0)
		return rc;
	if (!(s = vg__malloc(g->n * sizeof(*s)))) {
		free(g);
		return vg__error_oom();
	}
	for (i = 0; i < g->n; i++) {
		const vg__graph_node *nd = &g->node[i];
		s[i] = (vg_walk_step){ nd->ordinal, nd->parent, nd->link,
				       nd->end == VG_IXE_SOURCE ? VG_LINK_OUT : VG_LINK_IN,
				       nd->depth };
	}
	*steps = s;
	*n = g->n;
	if (truncated)
		*truncated = g->truncated;
	free(g);
	return 0;
}
