/*
 * handlers.h - the endpoints of `vigil serve`, independent of the HTTP
 * library: a request (method, path, arguments, body) and one index
 * generation in, a status and a body out.
 *
 * server.c owns the sockets, limits, keys, logging and index generations and
 * calls srv_handle() once per complete request on a worker thread.
 */
#ifndef VG_SERVER_HANDLERS_H
#define VG_SERVER_HANDLERS_H

#include "request.h"
#include "search.h"

#include <stdint.h>

/* One opened index as the handlers see it (immutable once published).  It
 * holds no json-c object: json-c's reference counts are not atomic in
 * Debian's build, so a tree shared by worker threads is corrupted by
 * concurrent json_object_get/put.  What is the same for every request (the
 * catalog) is rendered once, as bytes. */
typedef struct {
	const vg_index *index;
	uint64_t generation;    /* 1 for the index opened at start-up */
	const char **sources;   /* dataset names (point into the index) */
	size_t n_sources;
	size_t entities;        /* parties */
	char loaded_at[32];     /* UTC, ISO 8601 */
	char *catalog;          /* the body of GET /catalog, owned */
	size_t catalog_len;
	char etag[24];          /* the catalog's ETag: "HASH", quotes included */
	srv_search_text search; /* what /search reads */
} srv_index_view;

/* Fills view->sources, entities, loaded_at and catalog from view->index.
 * Returns 0 or -1 (out of memory). */
int srv_index_view_load(srv_index_view *view);
void srv_index_view_dispose(srv_index_view *view);

typedef struct {
	const srv_limits *limits;
	const srv_index_view *ix; /* NULL when no index is loaded */
	/* The calling thread's matcher for ix (created on first use); NULL
	 * with vg_error_last() set when it cannot be created. */
	vg_matcher *(*matcher)(void *cls);
	/* The index's scanner (built on first use, shared by threads); NULL
	 * with vg_error_last() set when it cannot be built. */
	vg_scanner *(*scanner)(void *cls);
	void *matcher_cls;          /* passed to matcher and scanner */
	uint64_t deadline_us;     /* srv_now_us() limit, 0 for none */
	const char *base_url;     /* "http://host:port", for manifests */
	/* When the last reload failed (the index in ix still serves): when,
	 * and why; NULL after a reload that worked. */
	const char *reload_failed_at, *reload_error;
	vg_cases *cases;          /* the case store of /cases, or NULL */
	bool api_key;             /* the API needs a key (manifests declare it) */
	/* where clients reach the service (--public-url, else http://ADDRESS),
	 * no final '/': the reconciliation API's identifiers and links (NULL:
	 * base_url) */
	const char *public_url;
} srv_ctx;

typedef struct {
	const char *method;
	const char *path;
	const srv_args *args;     /* query string */
	const char *body;
	size_t body_len;
	const char *content_type; /* may be NULL */
	const char *analyst;      /* whose analyst key the request carries, or NULL */
	const char *if_none_match; /* the If-None-Match header, or NULL */
} srv_request;

typedef struct {
	int status;
	const char *content_type;
	vg_buf body;
	const char *header;  /* one more header to send (NULL: none) */
	char header_value[320];
} srv_response;

#define SRV_RESPONSE_INIT { 0, NULL, VG_BUF_INIT, NULL, "" }

/* Monotonic clock in microseconds. */
uint64_t srv_now_us(void);

/* Appends s as a JSON string, each invalid UTF-8 sequence replaced by
 * U+FFFD: error details and log lines quote the request (a dataset, a
 * path), cut to a length that can fall inside a character, and what the
 * server writes must stay UTF-8. */
int srv_put_json_text(vg_buf *b, const char *s, size_t len);

/* Replaces resp with {"status": N, "detail": "..."} (detail made valid
 * UTF-8). */
void srv_respond_error(srv_response *resp, int status, const char *detail);

/* Replaces resp with err: a validation failure (422 with err->in set) in
 * yente's shape, anything else as srv_respond_error. */
void srv_respond_err(srv_response *resp, const srv_err *err);

/* Replaces resp with obj as JSON (200). */
void srv_respond_json(srv_response *resp, json_object *obj);

/* Checks the path's dataset (404 when the index has none of that name)
 * and scopes opts to it; *one is the one-element list opts may point to. */
int srv_apply_dataset(vg_match_options *opts, const srv_index_view *ix,
		      const char *dataset, const char **one, srv_err *err);

/* The calling thread's matcher, or NULL with resp set. */
vg_matcher *srv_get_matcher(const srv_ctx *ctx, srv_response *resp);

/* The results array a request's queries share (ctx->limits->max_limit
 * entries, the caller frees it), or NULL with resp set. */
vg_match_result *srv_results_buffer(const srv_ctx *ctx, srv_response *resp);

/* The results of one query (at most opts->limit; *n their number) in res,
 * within the request's deadline; -1 with resp set. */
int srv_run_query(vg_match_result *res, size_t *n, const srv_ctx *ctx, vg_matcher *m,
		  const vg_query *q, const vg_match_options *opts, srv_response *resp);

/* The /cases endpoints (cases.c): route "cases", its argument and sub. */
void srv_handle_cases(const srv_ctx *ctx, const srv_request *req, srv_response *resp,
		      const char *arg, const char *sub);

/* GET /search/DATASET (search.c). */
void srv_handle_search(const srv_ctx *ctx, const srv_request *req, srv_response *resp,
		       const char *dataset);

/* Answers one request.  resp->body is initialised by the caller. */
void srv_handle(const srv_ctx *ctx, const srv_request *req, srv_response *resp);

/* The analyst page (page_html.c, generated from page.html). */
extern const char srv_page_html[];
extern const size_t srv_page_html_len;

#endif
