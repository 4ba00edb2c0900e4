/*
 * fetch.h - one HTTP(S) download to a file with libcurl (internal).
 */
#ifndef VG_UPDATE_FETCH_H
#define VG_UPDATE_FETCH_H

#include "update_internal.h"

typedef struct {
	const char *url;
	const char *etag;          /* previous ETag or NULL: If-None-Match */
	const char *last_modified; /* previous Last-Modified or NULL */
	const char *dest;          /* file written (created/truncated) */
	vg_format format;          /* what the body must look like; AUTO: anything */
} vg__fetch_request;

typedef struct {
	bool not_modified;         /* 304: dest is left empty */
	long status;               /* final HTTP status */
	int attempts;
	uint64_t size;             /* bytes written to dest */
	char sha256[65];           /* of the bytes written */
	char etag[256];            /* of the final response, "" when none */
	char last_modified[64];
	char content_type[128];
} vg__fetch_result;

/* Downloads req->url to req->dest.  Only http and https, redirects bounded,
 * TLS peers and host names always verified, conditional when an ETag or a
 * Last-Modified is given, retried with exponential backoff after a 5xx, a
 * 429, a timeout or a broken connection, aborted above limits->max_size
 * or below limits->low_speed_bps for low_speed_ms.  A 200 body that is
 * clearly not req->format (an HTML page, the wrong kind of file, a NUL
 * byte: a compressed "bomb" of zeros) is refused as soon as its first
 * bytes arrive (VG_EDATA), not after it was written whole.
 * Fails (VG_ERROR, VG_ETIMEOUT, VG_EIO) with a message that names the URL
 * on any status other than 200 and 304.  Needs curl_global_init done by
 * the caller. */
int vg__fetch(vg__fetch_result *res, const vg__fetch_request *req,
	      const vg__fetch_limits *limits);

#endif
