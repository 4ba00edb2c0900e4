/*
 * server.h - the HTTP server behind `vigil serve` (libmicrohttpd): sockets,
 * limits, API keys, the access log and index generations with reload
 * without downtime.  cmd_serve.c parses the command line and drives it.
 */
#ifndef VG_SERVER_SERVER_H
#define VG_SERVER_SERVER_H

#include "request.h"

#include <stdbool.h>
#include <stdint.h>

/* An analyst of /cases: the name decisions are recorded under, and the
 * key (Authorization: Bearer KEY) that says who is asking. */
typedef struct {
	const char *name;
	const char *key;
} srv_analyst;

typedef struct {
	const char *index_path;
	const char *listen;         /* "HOST:PORT", "[V6]:PORT"; port 0 = any */
	unsigned threads;           /* worker threads; 0 = one per core */
	const char *api_key;        /* NULL: open API */
	const char *admin_key;      /* NULL: admin endpoints disabled */
	srv_limits limits;
	unsigned max_connections;   /* 503 above */
	unsigned per_ip;            /* 429 above */
	unsigned idle_timeout_s;    /* slow or idle clients are cut off */
	double time_limit_ms;       /* per request; 0 = none */
	bool access_log;            /* one JSON line per request on stderr */
	/* a request's headers must be complete this long after the accept (on
	 * a kept-alive connection, after the request's first line), however
	 * slowly they trickle in; 0 = no limit */
	unsigned header_timeout_s;
	const char *const *cors_origins; /* origins whose pages may call; "*" any */
	size_t n_cors_origins;
	vg_cases *cases;            /* /cases, or NULL (owned by the caller) */
	const srv_analyst *analysts; /* their keys also open the API */
	size_t n_analysts;
	/* where clients reach the service ("https://host/prefix"); NULL:
	 * http://ADDRESS.  The reconciliation manifest's identifiers and links
	 * start with it, never with a request's Host header. */
	const char *public_url;
} srv_config;

#define SRV_CONFIG_INIT { NULL, "127.0.0.1:8000", 0, NULL, NULL, \
			  SRV_LIMITS_INIT, 512, 64, 30, 10000.0, true, 10, NULL, 0, \
			  NULL, NULL, 0, NULL }

typedef struct srv_server srv_server;

/* Opens the index and starts listening.  On failure returns -1 with a
 * message in err. */
int srv_start(srv_server **out, const srv_config *cfg, char *err, size_t errlen);
/* The bound address, e.g. "127.0.0.1:41234" (valid until srv_stop). */
const char *srv_address(const srv_server *srv);
/* Re-opens the index file and swaps it in for new requests; requests in
 * flight finish on the old one, which is freed after the last of them.
 * Returns the new generation, or 0 with a message in err (the old index
 * stays in service). */
uint64_t srv_reload(srv_server *srv, char *err, size_t errlen);
/* Stops accepting, waits for requests in flight, frees everything. */
void srv_stop(srv_server *srv);

#endif
