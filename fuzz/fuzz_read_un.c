/*
 * fuzz_read_un.c - libFuzzer target for the reader of the UN Security Council XML.
 *
 * Any input must end in success or VG_EDATA, never a crash, a leak or an
 * out-of-bounds read; every record handed to the sink must hold valid,
 * NUL-terminated strings (the sink reads them all).
 */
#include "model/record.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static int touch(void *ctx, const vg_record *rec)
{
	size_t i, *sum = ctx;
	*sum += strlen(rec->id) + strlen(rec->file);
	for (i = 0; i < rec->n_props; i++) {
		*sum += strlen(rec->props[i].key) + strlen(rec->props[i].value);
		if (rec->props[i].qual)
			*sum += strlen(rec->props[i].qual);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t sum = 0;
	vg_source_meta meta;
	vg_reader_sink sink = { touch, NULL, &sum };
	vg_source_parse_mem("fuzz", (const char *)data, size, VG_FORMAT_UN_XML, &meta, &sink);
	return 0;
}
