/*
 * search_query.h - the query of GET /search (search_query.c): q parsed as
 * Elasticsearch's query_string (or simple_query_string) reads it, into a
 * tree that search.c evaluates on each record; and the folding of text
 * both sides share.  Separate from the handler so that the fuzzer drives
 * the parser alone (fuzz/fuzz_search_query.c).
 */
#ifndef VG_SERVER_SEARCH_QUERY_H
#define VG_SERVER_SEARCH_QUERY_H

#include "vigil/vigil.h"

#include <regex.h>
#include <stdbool.h>

#define SQ_MAX_NODES 128
#define SQ_MAX_KIDS 256

typedef enum { SQ_TERM, SQ_FIELD, SQ_NOT, SQ_AND, SQ_OR } sq_kind;

enum { SQ_PREFIX = 1, SQ_WILDCARD = 2, SQ_REGEX = 4 };

typedef struct {
	sq_kind kind;
	unsigned flags;    /* TERM: SQ_PREFIX, SQ_WILDCARD, SQ_REGEX */
	int fuzzy;         /* TERM: edits allowed per word, -1 by length */
	size_t text;       /* TERM: folded words (regex, wildcard: as typed);
			    * FIELD: the value as typed; in sq_query.strs */
	size_t field;      /* FIELD: the field, in strs */
	size_t kid, n_kids; /* NOT, AND, OR, FIELD (its term): in kids */
} sq_node;

typedef struct {
	sq_node nodes[SQ_MAX_NODES];
	size_t n_nodes;
	size_t kids[SQ_MAX_KIDS];
	size_t n_kids;
	vg_buf strs;
	regex_t re[8];
	size_t n_re;
	int root;          /* -1: everything matches */
	bool simple, fuzzy;
	/* the parser's state */
	const char *p, *end;
	char error[160];
	bool oom;          /* the failure was memory, not the query */
} sq_query;

/* Parses text (simple: simple_query_string, which never fails; fuzzy:
 * every word with fuzziness by its length) into q, which the caller zeroed;
 * q->root -1 for an empty query.  -1 with q->error set (q->oom when the
 * failure was memory).  sq_dispose frees q's parts either way. */
int sq_parse(sq_query *q, const char *text, bool simple, bool fuzzy);
void sq_dispose(sq_query *q);

static inline const char *sq_str(const sq_query *q, size_t off)
{
	return q->strs.ptr + off;
}

/* Appends the folded words of s (one space between words) to out; -1 when
 * out of memory. */
int srv_search_fold(vg_buf *out, const char *s, size_t len);

#endif
