/*
 * pg_rows.h - turning the library's results into PostgreSQL values.
 */
#ifndef VIGIL_PG_ROWS_H
#define VIGIL_PG_ROWS_H

#include "pg_vigil.h"

#include "funcapi.h"
#include "utils/jsonb.h"

/* The JSON text in `json` as a jsonb value (palloc'd). */
Jsonb *vgpg_jsonb(const vg_buf *json);

/* Adds one vigil_match_result row per result of vg_match on h's matcher
 * (the explanation built from the result's structures). */
void vgpg_put_match_rows(ReturnSetInfo *rsinfo, const vgpg_handle *h,
			 const vg_match_result *results, size_t n);

/* Adds one row per mention found in `doc` (byte offsets become character
 * offsets). */
void vgpg_put_scan_rows(ReturnSetInfo *rsinfo, const vgpg_handle *h,
			const vg_mention *mentions, size_t n, const char *doc);

#endif
