/*
 * request.h - turning untrusted HTTP input (query strings, form bodies, JSON
 * bodies) into vigil queries and options, for `vigil serve`.
 *
 * Nothing here knows about libmicrohttpd: the functions take bytes and give
 * back either parsed values or an HTTP status with a message, so that the
 * fuzzer (fuzz/fuzz_http_request.c) and the unit tests can drive them
 * directly.  Parsed values point into the objects that own them (an srv_args
 * or a json-c tree) and live as long as those.
 */
#ifndef VG_SERVER_REQUEST_H
#define VG_SERVER_REQUEST_H

#include "vigil/vigil.h"

#include <json-c/json.h>

/* Limits applied to every request; see `vigil serve --help`. */
typedef struct {
	size_t max_body;    /* bytes of a /match or /reconcile body (413 above) */
	size_t max_queries; /* queries in one /match or /reconcile batch */
	int max_depth;      /* JSON nesting depth */
	size_t max_limit;   /* results per query */
	size_t max_values;  /* values over all properties of one query */
	size_t max_scan_body; /* bytes of a /scan body (413 above) */
	size_t max_response;  /* bytes of one answer (413 above) */
	size_t max_args;      /* query-string arguments (414 above) */
} srv_limits;

#define SRV_LIMITS_INIT { 1024 * 1024, 100, 16, 500, 256, 1024 * 1024, \
			  (size_t)32 << 20, 64 }

/* A failure to report to the client: an HTTP status and a sentence, and
 * for a request that fails validation (422, yente's shape) where: "query",
 * "path" or "body" and the field ("limit", "queries.q1.schema"). */
typedef struct {
	int status;
	char detail[256];
	char in[8];
	char field[96];
} srv_err;

/* Records status and message into err (when not NULL); returns status. */
int srv_err_set(srv_err *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Records a validation failure (422) of field `field` in `in`. */
int srv_err_invalid(srv_err *err, const char *in, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Whether s has yente's TS_PATTERN shape:
 * ^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?$ (changed_since). */
bool srv_timestamp_ok(const char *s);

/* Decoded key/value pairs of a query string or form body, in order, with
 * repeated keys kept (include_dataset=a&include_dataset=b).  All strings
 * live in one packed buffer. */
typedef struct {
	vg_buf data;      /* "key\0value\0key\0value\0..." */
	vg_buf offsets;   /* size_t[2 * n]: key offset, value offset */
	size_t n;         /* pairs */
} srv_args;

#define SRV_ARGS_INIT { VG_BUF_INIT, VG_BUF_INIT, 0 }

int srv_args_add(srv_args *args, const char *key, size_t klen,
		 const char *value, size_t vlen);
/* Parses "a=1&b=x+y%21" (percent- and plus-decoding).  Returns 0 or -1 on
 * allocation failure; malformed escapes are kept literally. */
int srv_args_parse_form(srv_args *args, const char *s, size_t len);
const char *srv_args_key(const srv_args *args, size_t i);
const char *srv_args_value(const srv_args *args, size_t i);
/* 0, or 400 with err naming the argument (what: "query string", "body")
 * when a name or value holds a NUL character or invalid UTF-8. */
int srv_args_check(const srv_args *args, const char *what, srv_err *err);
/* 0, or 400 naming `what` when s[0..len) holds a NUL or invalid UTF-8. */
int srv_text_check(const char *s, size_t len, const char *what, srv_err *err);
/* The first value of key, or NULL. */
const char *srv_args_get(const srv_args *args, const char *key);
void srv_args_free(srv_args *args);

/* Parses JSON with a nesting limit.  NULL and err set (400) on bad JSON
 * (strict RFC 8259, UTF-8), trailing garbage, excessive depth, numbers that
 * are not finite (NaN, Infinity) and NUL characters, raw or \u0000; a NUL
 * in a value is reported with the path of the value. */
json_object *srv_json_parse(const char *s, size_t len, int max_depth,
			    srv_err *err);

/* One query of a batch: the vg_query, the caller's key and example, the
 * example cleaned as yente echoes it, and the pointer arrays and text the
 * vg_query refers to. */
typedef struct {
	const char *key;
	json_object *example; /* the EntityExample as sent */
	json_object *echo;    /* the cleaned example, owned */
	vg_query query;
	const char **values;  /* names, countries, ids, birth dates; owned */
	vg_buf text;          /* full names made of name parts */
} srv_query_item;

typedef struct {
	json_object *root;
	srv_query_item *items;
	size_t n;
	/* /match's "weights": feature codes (vg_match_feature_name) and
	 * their weights, pointing into root */
	const char **weight_names;
	double *weights;
	size_t n_weights;
} srv_batch;

#define SRV_BATCH_INIT { NULL, NULL, 0, NULL, NULL, 0 }

/* Fills a vg_query from a yente EntityExample {"schema", "properties":
 * {"name": [...], ...}} (values may be a string or a list of strings or
 * numbers).  `where` names the example in error messages; need_schema
 * makes a missing schema a 422 (yente's /match).  The item owns what it
 * allocates (srv_batch_free, or srv_query_item_free for one alone). */
int srv_query_from_example_ex(srv_query_item *item, json_object *example,
			      const srv_limits *lim, const char *where, bool need_schema,
			      srv_err *err);
int srv_query_from_example(srv_query_item *item, json_object *example,
			   const srv_limits *lim, const char *where,
			   srv_err *err);
void srv_query_item_free(srv_query_item *item);

/* Parses a yente /match body {"queries": {KEY: EntityExample, ...},
 * "weights": {FEATURE: NUMBER}, "config": {}}: an unknown feature or any
 * config key (vigil's algorithm takes none) is a 400. */
int srv_batch_parse_match(srv_batch *out, const char *body, size_t len,
			  const srv_limits *lim, srv_err *err);

/* Allocates out->items for n queries: 400 for none or more than
 * lim->max_queries, 500 out of memory. */
int srv_batch_alloc(srv_batch *out, size_t n, const srv_limits *lim, srv_err *err);

void srv_batch_free(srv_batch *batch);

/* Match options from query parameters, as yente reads them: limit (1 to
 * the server's maximum), threshold, cutoff (at most the threshold; by
 * default the threshold: only matches are returned), algorithm,
 * include_dataset, exclude_dataset, exclude_schema, topics, changed_since
 * (YYYY-MM-DD[Thh[:mm[:ss]]]), exclude_entity_ids (at most 50).  A value
 * out of range is 422, an unknown algorithm 400.  String arrays are
 * allocated into *lists (free it) and point into args. */
int srv_match_options_parse(vg_match_options *opts, const char ***lists,
			    const srv_args *args, const srv_limits *lim,
			    srv_err *err);

/* The text of a /scan body: JSON {"text": "..."} (application/json) or the
 * raw body for any other content type.  *root owns the JSON, if any. */
/* The algorithms /match accepts: vigil's own, and yente's names for its
 * algorithms, all scored by vigil's one scorer (README). */
bool srv_algorithm_known(const char *name);

int srv_scan_text(const char **text, size_t *len, json_object **root,
		  const char *content_type, const char *body, size_t blen,
		  const srv_limits *lim, srv_err *err);

/* Splits "/match/default" into its route ("match") and argument
 * ("default").  Returns 0, or 404 when the path has more segments than
 * expected or an empty one. */
typedef struct {
	char route[32];
	char arg[256];
	char sub[64]; /* third segment, e.g. "preview" in /reconcile/x/preview */
	char sub2[64];
} srv_route;

int srv_route_parse(srv_route *out, const char *path, srv_err *err);

#endif
