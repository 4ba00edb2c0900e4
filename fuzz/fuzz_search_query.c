/*
 * fuzz_search_query.c - libFuzzer target for the query of GET /search
 * (src/server/search_query.c, compiled in): q as Elasticsearch's
 * query_string or simple_query_string reads it.
 *
 * Input: one byte of flags (bit 0 simple, bit 1 fuzzy), then the query text
 * (cut at a NUL, which the server refuses before it gets here).  Whatever
 * is parsed must be freed, a tree must only point inside itself, and simple
 * mode must never fail but for memory.
 */
#include "../src/server/search_query.c"

#include <assert.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_tree(const sq_query *q, size_t i, int depth)
{
	const sq_node *nd = &q->nodes[i];
	size_t k;
	assert(i < q->n_nodes && depth < 64);
	if (nd->kind == SQ_TERM) {
		if (nd->flags & SQ_REGEX)
			assert(nd->text < q->n_re);
		else
			assert(nd->text < q->strs.size);
		return;
	}
	if (nd->kind == SQ_FIELD) {
		assert(nd->field < q->strs.size && nd->text < q->strs.size);
		return;
	}
	assert(nd->kid + nd->n_kids <= q->n_kids);
	for (k = 0; k < nd->n_kids; k++)
		check_tree(q, q->kids[nd->kid + k], depth + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sq_query *q;
	char *text;
	int rc;
	if (size == 0 || !(q = calloc(1, sizeof(*q))))
		return 0;
	if (!(text = strndup((const char *)data + 1, size - 1))) {
		free(q);
		return 0;
	}
	rc = sq_parse(q, text, data[0] & 1, (data[0] & 2) != 0);
	if (rc == 0 && q->root >= 0)
		check_tree(q, (size_t)q->root, 0);
	assert(rc == 0 || !(data[0] & 1) || q->oom);
	sq_dispose(q);
	free(q);
	free(text);
	return 0;
}
