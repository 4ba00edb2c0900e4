/*
 * routes.h - the table of `vigil serve`'s endpoints (routes.c).  The router
 * in server.c reads it (which thread answers a path, what body it may
 * carry) and GET /openapi.json is written from it, so the description of
 * the API cannot drift from what is served.
 */
#ifndef VG_SERVER_ROUTES_H
#define VG_SERVER_ROUTES_H

#include "vigil/vigil.h"

typedef enum {
	SRV_ROUTE_INLINE,     /* answered by the polling thread */
	SRV_ROUTE_TRY_INLINE, /* a small request inline within a budget, past it
			       * again on a worker; a large one on a worker */
	SRV_ROUTE_SMALL_INLINE, /* a small request inline to its end, a large one
				 * on a worker: chosen before it starts */
	SRV_ROUTE_WORKER,     /* always a worker thread */
} srv_route_kind;

typedef enum { SRV_BODY_NONE, SRV_BODY_JSON, SRV_BODY_SCAN } srv_body_kind;

typedef struct {
	const char *path;     /* as OpenAPI writes it: "/match/{dataset}" */
	const char *methods;  /* "get", "post" or "get post" */
	srv_route_kind kind;
	srv_body_kind body;
	const char *tag;
	const char *summary;
	const char *params;   /* query parameters, space-separated NAME:TYPE,
			       * TYPE string, integer, number or boolean, a
			       * trailing [] for a repeatable one */
	const char *response; /* the schema of its answer (components), or NULL */
} srv_route_info;

extern const srv_route_info srv_routes[];
extern const size_t srv_n_routes;

/* The route serving a request path (matched on the path's literal part,
 * up to the first '{'), or NULL for the paths answered inline with no
 * body. */
const srv_route_info *srv_route_find(const char *path);

/* Appends the OpenAPI 3 description of srv_routes, base_url its server;
 * -1 when out of memory. */
int srv_openapi_json(vg_buf *out, const char *base_url);

#endif
