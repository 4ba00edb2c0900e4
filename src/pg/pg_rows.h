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

/* Adds one vigil_match_result row per result of vg_match_json's array. */
void vgpg_put_match_rows(ReturnSetInfo *rsinfo, const vg_buf *json);

/* Adds one row per mention of vg_scan_json's output; `doc` is the text
 * that was scanned (byte offsets become character offsets). */
void vgpg_put_scan_rows(ReturnSetInfo *rsinfo, const vg_buf *json, const char *doc);

#endif
