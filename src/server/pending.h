/*
 * pending.h - library functions the server calls that may not be linked in
 * yet while the library is being written (weak references: NULL until the
 * implementation lands).  The server answers 503 for what needs a missing
 * function instead of failing to link.  Remove once all exist.
 */
#ifndef VG_SERVER_PENDING_H
#define VG_SERVER_PENDING_H

#include "vigil/vigil.h"

#pragma weak vg_query_validate
#pragma weak vg_matcher_new
#pragma weak vg_matcher_free
#pragma weak vg_match_json
#pragma weak vg_scan_json
#pragma weak vg_index_open
#pragma weak vg_index_free
#pragma weak vg_index_info_json
#pragma weak vg_index_lookup
#pragma weak vg_index_entity_json
#pragma weak vg_index_entity_count

#define SRV_HAVE(fn) (&(fn) != NULL)

#endif
