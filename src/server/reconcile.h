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

/* Parses OpenRefine reconciliation queries {"q0": {"query", "type",
 * "limit", "properties": [{"pid", "v"}]}, ...}; item limits go to
 * item_limits (0 when absent). */
int srv_batch_parse_reconcile(srv_batch *out, size_t **item_limits,
			      const char *json, size_t len,
			      const srv_limits *lim, srv_err *err);

/* Answers /reconcile/DATASET[/SUB[/SUB2]] (route as srv_route_parse gives
 * it). */
void srv_handle_reconcile(const srv_ctx *ctx, const srv_request *req, srv_response *resp,
			  const srv_route *route);

#endif
