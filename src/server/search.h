/*
 * search.h - GET /search/DATASET (search.c) and the text it searches.
 *
 * yente's search is Elasticsearch's query_string over an entity's names
 * (boosted 3) and the rest of its text.  vigil keeps, per index generation,
 * every record's values folded as vg_text_normalize folds them (names apart
 * from the rest, the entity's ids with the rest), and answers a search by
 * evaluating the parsed query against each record in the scope.
 */
#ifndef VG_SERVER_SEARCH_H
#define VG_SERVER_SEARCH_H

#include "vigil/vigil.h"
#include "request.h"

#include <stdint.h>

/* Record r's names are text[off[2r], off[2r+1]), its other text up to
 * off[2r+2]; each part is "\nvalue\nvalue\n" with a value's words folded
 * and separated by one space. */
typedef struct srv_search_text {
	vg_buf text;
	size_t *off;
	size_t n;        /* records */
	/* the FtM type of each value (an index of search.c's type table):
	 * record r's values are types[vstart[r] .. vstart[r + 1]) */
	uint8_t *types;
	size_t *vstart;
} srv_search_text;

/* Builds the text of every record of ix; -1 when out of memory. */
int srv_search_text_build(srv_search_text *st, const vg_index *ix);
void srv_search_text_dispose(srv_search_text *st);

/* A boolean as yente (pydantic) reads one: 1/0, true/false, yes/no,
 * on/off, t/f, y/n in any case; -1 for anything else. */
int srv_bool_parse(bool *out, const char *v);

/* limit= (0 to 500) or offset= (0 to 9499) as yente pages results, with
 * limit + offset kept within yente's 9999; other keys are left alone.
 * 0, or 422 with err set. */
int srv_page_parse(size_t *limit, size_t *offset, const char *key, const char *v,
		   srv_err *err);

#endif
