/*
 * vigil/update.h - keeping an index current (download, verify, swap in) and
 * telling what changed between two indexes.
 *
 * Update invariant: the index file named by the caller is either left
 * byte-identical or replaced whole by rename(2) with an index built from
 * downloads that all parsed completely and passed the entity-count check.
 * Nothing is half-written, whatever fails.
 *
 * The configuration is INI; examples/vigil-update.ini documents every key.
 */
#ifndef VIGIL_UPDATE_H
#define VIGIL_UPDATE_H

#include "common.h"
#include "index.h"
#include "match.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- configuration ----------------------------------------------------- */

typedef struct vg_update_config vg_update_config;

/* Parses an INI configuration held in memory; `name` is used in messages
 * ("FILE:LINE: what is wrong", VG_EDATA).  On success *out is owned by the
 * caller (vg_update_config_free). */
VG_EXTERN(int) vg_update_config_parse(vg_update_config **out, const char *name,
				      const char *data, size_t len);
/* Reads and parses a configuration file. */
VG_EXTERN(int) vg_update_config_load(vg_update_config **out, const char *path);
VG_EXTERN(void) vg_update_config_free(vg_update_config *config);

/* Number of [source NAME] sections and the name of one (config storage). */
VG_EXTERN(size_t) vg_update_config_source_count(const vg_update_config *config);
VG_EXTERN(const char *) vg_update_config_source_name(const vg_update_config *config,
						     size_t i);

/* ---- running an update ------------------------------------------------- */

/* Where an update reports what it does, one line at a time (the library
 * never prints: the CLI passes a function that writes to stderr). */
typedef void (*vg_update_log_cb)(void *ctx, const char *line);

typedef struct {
	unsigned version;
	const char *index_path;  /* the index to keep current */
	const char *state_dir;   /* NULL: "<index_path>.state" */
	bool force;              /* fetch every source whatever its schedule */
	vg_update_log_cb log;    /* may be NULL */
	void *log_ctx;
	int64_t now;             /* unix time to use; 0: the clock (tests set it) */
} vg_update_options;

#define VG_UPDATE_OPTIONS_VERSION 1
#define VG_UPDATE_OPTIONS_INIT { VG_UPDATE_OPTIONS_VERSION, NULL, NULL, false, \
				 NULL, NULL, 0 }
/* Sets *options to VG_UPDATE_OPTIONS_INIT. */
VG_EXTERN(void) vg_update_options_init(vg_update_options *options);

typedef struct {
	size_t sources;   /* sources in the configuration */
	size_t skipped;   /* not fetched: fetched more recently than their schedule */
	size_t unchanged; /* fetched, and the publisher's files had not changed */
	size_t changed;   /* fetched, changed and verified */
	bool rebuilt;     /* a new index was renamed into place */
} vg_update_result;

/* Fetches every source of `config`, verifies what changed and, when
 * something did (or the index does not exist yet), builds a new index next
 * to options->index_path and renames it into place.  Returns 0 when the
 * index is current, VG_ERROR/VG_EIO/VG_ETIMEOUT/VG_EDATA when a download or
 * a verification failed; the message then names the source and the URL and
 * the index and the state folder are left exactly as they were. */
VG_EXTERN(int) vg_update_run(vg_update_result *result,
			     const vg_update_config *config,
			     const vg_update_options *options);

/* ---- what changed between two indexes ---------------------------------- */

typedef enum {
	VG_DIFF_ADDED = 0,
	VG_DIFF_REMOVED,
	VG_DIFF_CHANGED,
	VG_DIFF__KINDS
} vg_diff_kind;

typedef struct vg_diff vg_diff;

/* Compares the screenable entities of two indexes by stable id.  An entity
 * is changed when its schema, caption, properties (compared as sets of
 * values per property), sanctions, datasets, topics or direct links differ.
 * The diff copies the ids and captions it keeps: the indexes may be freed
 * before it.  *out is owned by the caller (vg_diff_free). */
VG_EXTERN(int) vg_diff_new(vg_diff **out, const vg_index *old_index,
			   const vg_index *new_index);
VG_EXTERN(void) vg_diff_free(vg_diff *diff);

/* Ids of one kind, sorted bytewise; the strings belong to the diff. */
VG_EXTERN(size_t) vg_diff_count(const vg_diff *diff, vg_diff_kind kind);
VG_EXTERN(const char *) vg_diff_id(const vg_diff *diff, vg_diff_kind kind,
				   size_t i);
/* For the i-th changed entity: the names of what changed, comma-separated
 * ("alias,birthDate,sanctions"); belongs to the diff. */
VG_EXTERN(const char *) vg_diff_changed_properties(const vg_diff *diff,
						   size_t i);
/* Whether `id` was added, removed or changed: returns true and sets *kind,
 * or false when the entity is the same in both indexes (or in neither). */
VG_EXTERN(bool) vg_diff_lookup(const vg_diff *diff, const char *id,
			       vg_diff_kind *kind);

/* Appends {"added": [ID...], "removed": [ID...], "changed": [{"id": ID,
 * "properties": [NAME...]}]} (vg_json_diff). */
VG_EXTERN(int) vg_diff_json(const vg_diff *diff, vg_buf *out);
/* Appends a readable summary: counts, then up to `max_items` ids of each
 * kind (changed ones with what changed). */
VG_EXTERN(int) vg_diff_text(const vg_diff *diff, size_t max_items, vg_buf *out);

/* Re-screening against what changed (`vigil screen --changed-since OLD`):
 * matches one query against the old and the new index and keeps only the
 * entities the diff names.  A new alert is a match in the new index on an
 * added or changed entity that was not a match in the old one; a gone
 * alert is a match in the old index on a removed or changed entity that no
 * longer matches. */
typedef struct {
	const char *id, *caption; /* belong to the diff */
	double score;
	vg_diff_kind change;
	bool gone;                /* false: a new alert */
} vg_diff_alert;

/* The most alerts one query can raise (new and gone together). */
#define VG_DIFF_MAX_ALERTS 200

/* Fills alerts[0 .. *n) (the caller's array of VG_DIFF_MAX_ALERTS), the
 * new alerts first.  The diff must be vg_diff_new(old_index, new_index)
 * and each matcher must belong to its index.  options->threshold decides
 * what is a match; the search looks at 100 candidates at least, whatever
 * options->limit. */
VG_EXTERN(int) vg_diff_screen(vg_diff_alert *alerts, size_t *n,
			      const vg_diff *diff,
			      const vg_index *old_index, vg_matcher *old_matcher,
			      const vg_index *new_index, vg_matcher *new_matcher,
			      const vg_query *query, const vg_match_options *options);

/* vg_diff_screen written as {"new_alerts": [ALERT...], "gone_alerts":
 * [ALERT...]} with ALERT = {"id", "caption", "score", "change": "added"|
 * "changed"|"removed"} (vg_json_alerts); *n_new and *n_gone (may be NULL)
 * receive the counts. */
VG_EXTERN(int) vg_diff_screen_json(size_t *n_new, size_t *n_gone,
				   const vg_diff *diff,
				   const vg_index *old_index, vg_matcher *old_matcher,
				   const vg_index *new_index, vg_matcher *new_matcher,
				   const vg_query *query,
				   const vg_match_options *options, vg_buf *out);

#ifdef __cplusplus
}
#endif
#endif
