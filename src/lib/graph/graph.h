/*
 * graph.h - following the links of an entity: owners, subsidiaries,
 * directors, members, employers, family, associates, branches (internal).
 *
 * Invariant: a traversal is a breadth-first search from one entity over
 * the index's link edges (both directions) that visits every entity at most
 * once, so cycles terminate, and stops at VG_GRAPH_MAX_NODES entities, so a
 * hub with thousands of links costs a bounded amount of work.  The output
 * says when it was cut short.
 */
#ifndef VG_GRAPH_GRAPH_H
#define VG_GRAPH_GRAPH_H

#include "vigil/common.h"
#include "vigil/index.h"
#include "index/format.h"

#include <stdint.h>

/* Most entities one traversal reports (the start entity excluded). */
#define VG_GRAPH_MAX_NODES 200
/* Deepest traversal honoured; larger depths are clamped. */
#define VG_GRAPH_MAX_DEPTH 6

/* One entity reached: the queue slot of the entity it was reached from (0
 * is the start), the link record used and which end of it the parent is. */
typedef struct {
	uint32_t ordinal;
	uint32_t parent;
	uint32_t link;
	uint8_t end;   /* VG_IXE_SOURCE: the parent is the link's subject */
	uint8_t depth;
} vg__graph_node;

/* A finished traversal: node[0] is the start entity, node[1..n) the
 * entities reached, nearest first. */
typedef struct {
	vg__graph_node node[VG_GRAPH_MAX_NODES + 1];
	uint32_t n;
	bool truncated; /* stopped at VG_GRAPH_MAX_NODES */
} vg__graph;

/* Walks the links of `ordinal` up to `depth` (clamped to
 * VG_GRAPH_MAX_DEPTH; <= 0 gives the start entity alone).  *out is a new
 * traversal the caller frees with free(). */
int vg__graph_traverse(vg__graph **out, const vg_index *index, uint32_t ordinal,
		       int depth);

/* The hops from the start to slot `slot`: their slots into chain (at most
 * VG_GRAPH_MAX_DEPTH), start side first; returns how many. */
size_t vg__graph_path(const vg__graph *g, uint32_t slot,
		      uint32_t chain[VG_GRAPH_MAX_DEPTH]);

/* Why a link holds, read from the side of the node that reached it: the
 * link's own words when it has them ("branch of", "Leader or official
 * of"), else a phrase for its schema ("owner of", "relative of").  Static
 * storage or the index's. */
const char *vg__graph_relation(const vg_index *index, uint32_t link, int end);

#endif
