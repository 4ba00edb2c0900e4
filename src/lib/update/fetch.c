/*
 * fetch.c - downloading one list file with libcurl.
 *
 * Invariant: after a successful return with !not_modified, dest holds
 * exactly the body of one complete 200 response (never a mix of attempts:
 * each attempt truncates it) and res->sha256/size describe those bytes.
 * The headers kept (ETag, Last-Modified, Content-Type) are those of the
 * last response of the redirect chain: they are reset on every status line.
 */
#include "fetch.h"
#include "sha256.h"
#include "verify.h"
#include "common/error.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define BACKOFF_CAP_MS 60000L

typedef struct {
	FILE *f;
	vg__sha256 sha;
	uint64_t size, max_size;
	bool too_big, write_failed, refused;
	long status;                 /* of the response being received */
	const vg__fetch_request *req;
	char head[VG__SNIFF_BYTES];  /* the body's first bytes, for the sniff */
	size_t head_len;
	bool sniffed;
	vg__fetch_result *res;
} transfer;

/* The checks on a 200 body as it arrives: a NUL byte anywhere (no list is
 * binary; a gzip bomb of zeros is the common case), and the sniff of its
 * first bytes.  False (with the error recorded) to abort. */
static bool body_ok(transfer *t, const char *data, size_t n)
{
	const char *nul;
	size_t take;
	if (t->status != 200 || t->req->format == VG_FORMAT_AUTO)
		return true;
	if ((nul = memchr(data, '\0', n))) {
		vg__error_set(VG_EDATA, "%s: a NUL byte at byte %llu: binary data, not %s; "
			      "download aborted", t->req->url,
			      (unsigned long long)(t->size + (uint64_t)(nul - data)),
			      vg_format_name(t->req->format));
		return false;
	}
	if (t->sniffed)
		return true;
	take = n < sizeof(t->head) - t->head_len ? n : sizeof(t->head) - t->head_len;
	memcpy(t->head + t->head_len, data, take);
	t->head_len += take;
	if (t->head_len < sizeof(t->head))
		return true; /* a shorter body is sniffed whole once it is in */
	t->sniffed = true;
	return vg__verify_sniff_head(t->head, t->head_len, t->req->url, t->req->format,
				     t->res->content_type) == 0;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *ud)
{
	transfer *t = ud;
	size_t n = size * nmemb;
	if (t->size + n > t->max_size) {
		t->too_big = true;
		return 0; /* aborts the transfer */
	}
	if (!body_ok(t, data, n)) {
		t->refused = true;
		return 0;
	}
	if (n && fwrite(data, 1, n, t->f) != n) {
		t->write_failed = true;
		return 0;
	}
	vg__sha256_update(&t->sha, data, n);
	t->size += n;
	return n;
}

/* Copies a header's value (trimmed) into dst when its name matches. */
static void header_value(char *dst, size_t cap, const char *line, size_t len,
			 const char *name)
{
	size_t nlen = strlen(name), vlen;
	const char *v;
	if (len <= nlen || strncasecmp(line, name, nlen) || line[nlen] != ':')
		return;
	v = line + nlen + 1;
	vlen = len - nlen - 1;
	while (vlen && (*v == ' ' || *v == '\t')) {
		v++;
		vlen--;
	}
	while (vlen && (v[vlen - 1] == '\r' || v[vlen - 1] == '\n' || v[vlen - 1] == ' '))
		vlen--;
	if (vlen >= cap) /* a value we could not send back whole is useless */
		vlen = 0;
	memcpy(dst, v, vlen);
	dst[vlen] = '\0';
}

static size_t on_header(char *line, size_t size, size_t nmemb, void *ud)
{
	transfer *t = ud;
	size_t n = size * nmemb;
	if (n >= 5 && !memcmp(line, "HTTP/", 5)) {
		const char *sp = memchr(line, ' ', n);
		t->status = sp ? strtol(sp + 1, NULL, 10) : 0;
		t->res->etag[0] = '\0';
		t->res->last_modified[0] = '\0';
		t->res->content_type[0] = '\0';
		return n;
	}
	header_value(t->res->etag, sizeof(t->res->etag), line, n, "ETag");
	header_value(t->res->last_modified, sizeof(t->res->last_modified), line, n,
		     "Last-Modified");
	header_value(t->res->content_type, sizeof(t->res->content_type), line, n,
		     "Content-Type");
	return n;
}

static bool transient_curl(CURLcode c)
{
	switch (c) {
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return true;
	default:
		return false;
	}
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

int vg__fetch(vg__fetch_result *res, const vg__fetch_request *req,
	      const vg__fetch_limits *limits)
{
	CURL *curl = NULL;
	struct curl_slist *headers = NULL;
	char errbuf[CURL_ERROR_SIZE], hdr[512];
	transfer t;
	long backoff = limits->backoff_ms;
	int attempt, rc = 0;

	memset(res, 0, sizeof(*res));
	memset(&t, 0, sizeof(t));
	t.res = res;
	t.req = req;
	t.max_size = limits->max_size;

	curl = curl_easy_init();
	if (!curl)
		return vg__error_set(VG_ERROR, "%s: cannot start libcurl", req->url);
	if (req->etag && req->etag[0]) {
		snprintf(hdr, sizeof(hdr), "If-None-Match: %s", req->etag);
		if (!(headers = curl_slist_append(headers, hdr))) {
			rc = vg__error_oom();
			goto cleanup;
		}
	}
	if (req->last_modified && req->last_modified[0]) {
		struct curl_slist *h;
		snprintf(hdr, sizeof(hdr), "If-Modified-Since: %s", req->last_modified);
		if (!(h = curl_slist_append(headers, hdr))) {
			rc = vg__error_oom();
			goto cleanup;
		}
		headers = h;
	}

	curl_easy_setopt(curl, CURLOPT_URL, req->url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(curl, CURLOPT_MAXREDIRS, limits->max_redirects);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, limits->connect_timeout_ms);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, limits->timeout_ms);
	if (limits->low_speed_bps > 0 && limits->low_speed_ms > 0) {
		curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, limits->low_speed_bps);
		curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME,
				 (limits->low_speed_ms + 999) / 1000);
	}
	curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)(limits->max_size >
		(uint64_t)INT64_MAX ? INT64_MAX : (int64_t)limits->max_size));
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "vigil/" VG_VERSION_STRING);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);

	for (attempt = 0;; attempt++) {
		CURLcode cc;
		bool retry = false;

		res->attempts = attempt + 1;
		t.f = fopen(req->dest, "wb");
		if (!t.f) {
			rc = vg__error_set(VG_EIO, "%s: %s", req->dest, strerror(errno));
			goto cleanup;
		}
		vg__sha256_init(&t.sha);
		t.size = 0;
		t.too_big = t.write_failed = t.refused = t.sniffed = false;
		t.head_len = 0;
		t.status = 0;
		errbuf[0] = '\0';
		cc = curl_easy_perform(curl);
		if (fclose(t.f) != 0 && cc == CURLE_OK)
			t.write_failed = true;
		t.f = NULL;
		res->status = 0;
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &res->status);

		if (t.refused) {
			rc = vg_error_last()->code; /* the message body_ok set */
			goto cleanup;
		}
		if (t.too_big || cc == CURLE_FILESIZE_EXCEEDED) {
			rc = vg__error_set(VG_EDATA, "%s: larger than max_size (%llu bytes); "
					   "download aborted", req->url,
					   (unsigned long long)limits->max_size);
			goto cleanup;
		}
		if (t.write_failed) {
			rc = vg__error_set(VG_EIO, "%s: writing %s failed", req->url, req->dest);
			goto cleanup;
		}
		if (cc != CURLE_OK) {
			retry = transient_curl(cc);
			rc = vg__error_set(cc == CURLE_OPERATION_TIMEDOUT ? VG_ETIMEOUT : VG_ERROR,
					   "%s: %s (after %d attempt%s)", req->url,
					   errbuf[0] ? errbuf : curl_easy_strerror(cc),
					   attempt + 1, attempt ? "s" : "");
		} else if (res->status == 304) {
			res->not_modified = true;
			rc = 0;
		} else if (res->status == 200) {
			vg__sha256_final_hex(&t.sha, res->sha256);
			res->size = t.size;
			rc = 0;
		} else {
			retry = res->status >= 500 || res->status == 429 || res->status == 408;
			rc = vg__error_set(VG_ERROR, "%s: HTTP status %ld (after %d attempt%s)",
					   req->url, res->status, attempt + 1,
					   attempt ? "s" : "");
		}
		if (rc == 0 || !retry || attempt >= limits->retries)
			break;
		sleep_ms(backoff);
		backoff = backoff * 2 > BACKOFF_CAP_MS ? BACKOFF_CAP_MS : backoff * 2;
	}

cleanup:
	curl_slist_free_all(headers);
	curl_easy_cleanup(curl);
	return rc;
}
