/*
 * fuzz_index.c - libFuzzer target for the index file parser: any bytes go
 * through vg_index_parse(), and whatever it accepts is read through the
 * accessors and JSON renderers a server would call, and matched once.
 *
 * The checksums would make random mutations fail early, so when the input
 * parses badly the target also retries with the checksums recomputed
 * (fix_checksums), which lets the fuzzer reach the structural validation
 * behind them.
 */
#include "index/index_internal.h"
#include "index/hash.h"
#include "vigil/vigil.h"

#include <stdlib.h>
#include <string.h>

static void fix_checksums(unsigned char *p, size_t len)
{
	vg_ix_header h;
	vg_ix_section sec[VG_IX_N_SECTIONS];
	unsigned k;
	if (len < VG_IX_HEADER_SIZE + sizeof(sec))
		return;
	memcpy(&h, p, sizeof(h));
	memcpy(sec, p + VG_IX_HEADER_SIZE, sizeof(sec));
	h.file_size = len;
	for (k = 0; k < VG_IX_N_SECTIONS; k++)
		if (sec[k].offset <= len && sec[k].size <= len - sec[k].offset)
			sec[k].hash = vg__hash64(p + sec[k].offset, (size_t)sec[k].size, 0);
	memcpy(p, &h, sizeof(h));
	memcpy(p + VG_IX_HEADER_SIZE, sec, sizeof(sec));
	h.table_hash = vg__ix_header_hash(p);
	memcpy(p, &h, sizeof(h));
}

static void exercise(const vg_index *ix)
{
	vg_buf b = VG_BUF_INIT;
	uint32_t n = vg__index_record_count(ix), i, ord;
	vg_matcher *m = NULL;
	const char *names[] = { "Ivan Sidorov" };
	vg_query q = VG_QUERY_INIT;
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	size_t nres;

	vg_index_info_json(ix, &b);
	for (i = 0; i < n && i < 16; i++) {
		vg_buf_clear(&b);
		vg_index_entity_json(ix, i, 2, &b);
		if (vg_index_lookup(&ord, ix, vg_index_entity_id(ix, i)) == 0 &&
		    ord >= n)
			abort();
	}
	q.names = names;
	q.n_names = 1;
	o.properties = true;
	if (vg_matcher_new(&m, ix) == 0) {
		vg_buf_clear(&b);
		vg_match_json(&nres, m, &q, &o, &b);
		vg_matcher_free(m);
	}
	vg_buf_dispose(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy;
	vg_index *ix = NULL;
	/* the parser wants 8-byte alignment, like an mmap */
	if (!(copy = aligned_alloc(8, (size + 8) & ~(size_t)7)))
		return 0;
	memcpy(copy, data, size);
	if (vg_index_parse(&ix, copy, size) != 0) {
		fix_checksums(copy, size);
		ix = NULL;
		if (vg_index_parse(&ix, copy, size) != 0)
			ix = NULL;
	}
	if (ix) {
		exercise(ix);
		/* and again over the copies of the hot tables screen makes
		 * (vg_index_warm), every other table still in the input */
		if (vg_index_warm(ix) == 0)
			exercise(ix);
		vg_index_free(ix);
	}
	free(copy);
	return 0;
}
