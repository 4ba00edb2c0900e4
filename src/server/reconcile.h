/*
 * reconcile.h - OpenRefine's Reconciliation Service API on `vigil serve`:
 * /reconcile/DATASET (the manifest and query batches) and its preview and
 * suggest services.
 *
 * reconcile_query.c turns a batch of reconciliation queries into vigil
 * queries (no HTTP, no index: the fuzzer drives it); reconcile.c answers
 * the endpoints.
 */
#ifndef VG_SERVER_RECONCILE_H
#define VG_SERVER_RECONCILE_H

#include "handlers.h"

/* How the types of a query select candidates (spec 0.2 "type_strict"):
 * any of them (the default), all of them, or none required ("should"). */
typedef enum { SRV_TYPES_ANY, SRV_TYPES_ALL, SRV_TYPES_SHOULD } srv_type_strict;

#define SRV_RECON_MAX_TYPES 8

/* What a reconciliation query asks beyond its vg_query. */
typedef struct {
	size_t limit;         /* candidates wanted (default 5; 0: none) */
	/* the FtM schemata a candidate must be, as strict says (none: any
	 * party); names in the model's static storage */
	const char *types[SRV_RECON_MAX_TYPES];
	size_t n_types;
	srv_type_strict strict;
	/* no candidate can answer: the types are all schemata vigil does not
	 * screen (Address), or there is no name or identifier to screen on */
	bool nothing;
} srv_recon_item;

/* Parses a reconciliation query batch (spec 0.2) {"q0": {"query", "type"
 * (a name or a list), "type_strict", "limit", "properties": [{"pid", "v"}]},
 * ...}.  A query needs "query" or at least one property; property ids may
 * be qualified ("Person:birthDate"); values are strings, numbers, booleans,
 * {"id", "name"} objects or lists of them; types FtM does not know are
 * ignored.  *recon gets one entry per item (free it).  Returns 0 or a
 * status with err set (400 for a batch the spec's schema refuses). */
int srv_batch_parse_reconcile(srv_batch *out, srv_recon_item **recon,
			      const char *json, size_t len,
			      const srv_limits *lim, srv_err *err);

/* The property a property id names: "birthDate" (pid itself), or
 * qualified "Person:birthDate" (the FtM property of that schema, as
 * suggestions write it; the model's static storage).  NULL for a qualified
 * id FtM does not know, which is skipped (as yente skips it). */
const char *srv_recon_property(const char *pid);

/* Whether the candidate's schema satisfies the item's types. */
bool srv_recon_type_ok(const srv_recon_item *item, const char *schema);

/* Answers /reconcile/DATASET[/SUB[/SUB2]] (route as srv_route_parse gives
 * it). */
void srv_handle_reconcile(const srv_ctx *ctx, const srv_request *req, srv_response *resp,
			  const srv_route *route);

#endif
