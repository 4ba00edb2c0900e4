/*
 * verify.h - checking a downloaded list before it may replace the last
 * good one (internal).
 */
#ifndef VG_UPDATE_VERIFY_H
#define VG_UPDATE_VERIFY_H

#include "update_internal.h"

/* Bytes of a download the sniff looks at. */
#define VG__SNIFF_BYTES 1024

/* Rejects what cannot be `format` judging by its first bytes and the
 * server's Content-Type: an empty body, an HTML page (an error or login
 * page served with status 200), XML where CSV or JSON is expected and the
 * reverse.  VG_EDATA with "URL: ..." when rejected. */
int vg__verify_sniff(const char *path, const char *url, vg_format format,
		     const char *content_type);
/* The same over the first n bytes of a body (the download in progress). */
int vg__verify_sniff_head(const char *head, size_t n, const char *url, vg_format format,
			  const char *content_type);

/* Parses `path` (a file, or a folder for ofac-csv) completely with the
 * reader of `format` and counts its screenable records into *entities.
 * A parse failure is VG_EDATA with the reader's "FILE:LINE: ..." message. */
int vg__verify_count(uint64_t *entities, const char *path, vg_format format);

#endif
