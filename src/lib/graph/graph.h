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

#include <stdint.h>

/* Most entities one traversal reports (the start entity excluded). */
#define VG_GRAPH_MAX_NODES 200
/* Deepest traversal honoured; larger depths are clamped. */
#define VG_GRAPH_MAX_DEPTH 6

/*
 * Appends to `out` a JSON array with one object per entity reachable from
 * `ordinal` within `depth` links (depth <= 0 appends "[]"), nearest first:
 *
 *   {"path": [{"id", "caption", "schema", "relation", "direction"}, ...],
 *    "entity": {"id", "caption", "schema", "datasets", "topics"},
 *    "sanctions": [{"authority", "program", "start_date", "reason"}, ...]}
 *
 * "path" lists the hops from the start entity: each hop names the entity
 * reached, the relation of the link ("branch of", "director", "owner",
 * "family", ...) and "direction" ("out" when the start side is the link's
 * subject/owner/director/member, "in" otherwise).  When the traversal was
 * bounded, the last element is {"truncated": true, "limit": N}.
 * Returns 0 or a negative vg_error_code; `out` may hold a partial array on
 * failure (the caller discards it).
 */
int vg__graph_links_json(const vg_index *index, uint32_t ordinal, int depth,
			 vg_buf *out);

/*
 * Appends the entity's own sanctions as a JSON array of
 * {"authority", "program", "start_date", "reason"} (the same shape as in the
 * links), for callers that show a matched entity with why it is listed.
 */
int vg__graph_sanctions_json(const vg_index *index, uint32_t ordinal,
			     vg_buf *out);

#endif
