/*
 * graph.c - link traversal (see graph.h).  First cut: the interface is
 * fixed so the index can call it; the traversal lands once the index
 * exposes its link edges (src/lib/index/index_internal.h).
 */
#include "graph/graph.h"
#include "common/error.h"

int vg__graph_links_json(const vg_index *index, uint32_t ordinal, int depth,
			 vg_buf *out)
{
	(void)index;
	(void)ordinal;
	(void)depth;
	return vg_buf_puts(out, "[]");
}

int vg__graph_sanctions_json(const vg_index *index, uint32_t ordinal,
			     vg_buf *out)
{
	(void)index;
	(void)ordinal;
	return vg_buf_puts(out, "[]");
}
