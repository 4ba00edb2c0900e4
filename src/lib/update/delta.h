/*
 * delta.h - FollowTheMoney sources that publish delta files (internal).
 *
 * A delta index is JSON {"versions": {"VERSION": "URL", ...}} where
 * VERSION sorts in publication order (OpenSanctions: a timestamp prefix)
 * and each URL serves JSON lines {"op": "ADD"|"MOD"|"DEL", "entity": {...}}.
 * The state folder keeps one file, current/NAME.ftm.jsonl (NAME: the
 * source's, so that the dataset is named after it), the full dataset at
 * the version named in the state; an update downloads only the newer
 * delta files and applies them to it.
 */
#ifndef VG_UPDATE_DELTA_H
#define VG_UPDATE_DELTA_H

#include "update_internal.h"
#include "state.h"

/* The builder input of delta source `name` whose files are in dir. */
int vg__delta_input(char out[4096], const char *dir, const char *name);

/* Fetches a delta source into `staged`: the delta index, then either the
 * newer delta files applied to cur/NAME.ftm.jsonl, or (no usable
 * previous version) the full file.  Fills neu (files, version) and
 * *changed. */
int vg__delta_fetch(const vg_update_config *c, const vg__config_source *src,
		    const char *name, const char *cur, const char *staged,
		    const vg__source_state *old, vg__source_state *neu,
		    bool *changed, vg_update_log_cb log, void *log_ctx);

/* Applies delta files (in the order given) to the FtM JSON lines file
 * `base`, writing `out`: entities a delta modifies are replaced where
 * they stood, deleted ones dropped, new ones appended in the order first
 * added.  Memory grows with the deltas, not the base. */
int vg__delta_apply(const char *base, const char *const *deltas, size_t n_deltas,
		    const char *out);

#endif
