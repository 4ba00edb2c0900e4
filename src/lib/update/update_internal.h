/*
 * update_internal.h - the parsed update configuration and the helpers that
 * the update modules share (internal).
 *
 * Invariant: every string of a configuration lives in its one packed
 * buffer `strings`; structures hold offsets into it (VG__NO_STR for
 * "absent"), so a configuration is three allocations whatever its size.
 */
#ifndef VG_UPDATE_INTERNAL_H
#define VG_UPDATE_INTERNAL_H

#include "vigil/update.h"

#define VG__NO_STR ((size_t)-1)

/* Network limits; [update] gives the defaults, a source may override. */
typedef struct {
	long connect_timeout_ms;
	long timeout_ms;     /* whole transfer */
	uint64_t max_size;   /* bytes; a bigger download is aborted */
	int retries;         /* extra attempts after a 5xx or a timeout */
	long backoff_ms;     /* first retry delay; doubles, capped */
	long max_redirects;
	long low_speed_bps;  /* slower than this ... */
	long low_speed_ms;   /* ... for this long aborts the attempt */
} vg__fetch_limits;

typedef struct {
	size_t url;    /* offset */
	size_t sha256; /* offset of 64 lowercase hex digits, or VG__NO_STR */
} vg__config_url;

typedef struct {
	size_t name;        /* offset; [A-Za-z0-9._-]+ (it names a folder) */
	vg_format format;
	size_t first_url, n_urls; /* into config->urls */
	size_t delta_index; /* offset or VG__NO_STR */
	int64_t schedule_s; /* 0: every run */
	double max_drop;    /* allowed share of entity-count drop, 0..1 */
	vg__fetch_limits limits;
	size_t line;        /* where the section starts, for messages */
} vg__config_source;

struct vg_update_config {
	char *name;         /* file name, for messages */
	vg_buf strings;
	vg__config_source *sources;
	size_t n_sources, cap_sources;
	vg__config_url *urls;
	size_t n_urls, cap_urls;
	vg__fetch_limits defaults;
};

static inline const char *vg__config_str(const vg_update_config *c, size_t off)
{
	return off == VG__NO_STR ? NULL : c->strings.ptr + off;
}

#endif
