/*
 * vigil/json.h - the one JSON writer of libvigil.
 *
 * Entities, match results, scan mentions, diffs and index information are
 * structures with accessors (vigil/index.h, match.h, update.h); these
 * functions render them as JSON, for the command line and the HTTP server
 * alike.  The library never reads back JSON it wrote.
 *
 * Entities are written as FollowTheMoney entities: {"id", "caption",
 * "schema", "properties", "datasets", "referents", "target", "first_seen",
 * "last_seen", "last_change"}, property and schema names from FtM's model
 * only.  Nested (as yente's /entities/ID), the entities an entity points at
 * and the records pointing at it are written whole in its properties,
 * under the entity property or FtM's reverse property name ("sanctions",
 * "ownershipOwner", "addressEntity"), and an edge's far end whole inside
 * the edge.
 *
 * Every function appends to `out` and returns 0, or a negative
 * vg_error_code with `out` cut back to its size on entry.
 */
#ifndef VIGIL_JSON_H
#define VIGIL_JSON_H

#include "common.h"
#include "index.h"
#include "match.h"
#include "update.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	unsigned version;
	/* entities */
	bool nested;      /* nest adjacent entities as yente does */
	int links_depth;  /* "links": vigil's graph walk to this depth (0: none) */
	/* match results */
	bool explain;     /* "explanation": names, name alignment, features */
	bool entity;      /* the FtM entity fields (properties, referents,
			   * target, first/last seen) and yente's "explanations" */
} vg_json_options;

#define VG_JSON_OPTIONS_VERSION 1
#define VG_JSON_OPTIONS_INIT { VG_JSON_OPTIONS_VERSION, false, 0, false, false }
VG_EXTERN(void) vg_json_options_init(vg_json_options *options);

/* One record of the index as an FtM entity (options NULL: flat). */
VG_EXTERN(int) vg_json_entity(vg_buf *out, const vg_index *index, uint32_t ordinal,
			      const vg_json_options *options);

/* A record adjacent to `root` as yente's /entities/ROOT/adjacent writes it:
 * its entity properties as ids, except that an FtM edge (Payment,
 * Ownership ...) has its far ends written whole; the reference back to the
 * root stays an id. */
VG_EXTERN(int) vg_json_adjacent(vg_buf *out, const vg_index *index, uint32_t ordinal,
				uint32_t root);
/* The entity's properties object alone ({"name": [...], ...}), flat. */
VG_EXTERN(int) vg_json_properties(vg_buf *out, const vg_index *index, uint32_t ordinal);

/* One match result, the RESULT object of the command-line contract:
 * {"id", "caption", "schema", "score", "match", "datasets", "topics"} and
 * with options->explain "explanation", with options->entity the FtM
 * entity fields and "explanations" ({FEATURE: {"detail", "score", "query",
 * "candidate"}}, yente's shape), with options->links_depth "links".
 * `matcher` (may be NULL) is the one that produced the result, for the name
 * alignment in "explanation". */
VG_EXTERN(int) vg_json_result(vg_buf *out, const vg_index *index, vg_matcher *matcher,
			      const vg_match_result *result,
			      const vg_json_options *options);
/* [RESULT, ...] */
VG_EXTERN(int) vg_json_results(vg_buf *out, const vg_index *index, vg_matcher *matcher,
			       const vg_match_result *results, size_t n,
			       const vg_json_options *options);

/* `vigil info --json`: {"entities", "records", "names", "sources":
 * [{"name", "format", "path", "version", "as_of", "encoding", "entities",
 * "names", "links", "sanctions", "records"}, ...]}. */
VG_EXTERN(int) vg_json_info(vg_buf *out, const vg_index *index);

/* {"added": [ID...], "removed": [ID...], "changed": [{"id": ID,
 * "properties": [NAME...]}]} */
VG_EXTERN(int) vg_json_diff(vg_buf *out, const vg_diff *diff);

/* {"new_alerts": [ALERT...], "gone_alerts": [ALERT...]}, ALERT = {"id",
 * "caption", "score", "change"} (see vg_diff_screen). */
VG_EXTERN(int) vg_json_alerts(vg_buf *out, const vg_diff_alert *alerts, size_t n);

#ifdef __cplusplus
}
#endif
#endif
