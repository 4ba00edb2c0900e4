/*
 * reader.h - what every fuzz_read_*.c target shares: feed the input to one
 * reader and touch every string of every record it delivers.
 *
 * Any input must end in success or VG_EDATA, never a crash, a leak or an
 * out-of-bounds read; every record handed to the sink must hold valid,
 * NUL-terminated strings (the sink reads them all).
 */
#ifndef VG_FUZZ_READER_H
#define VG_FUZZ_READER_H

#include "model/record.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static int fuzz_touch(void *ctx, const vg_record *rec)
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

static int fuzz_read(const uint8_t *data, size_t size, vg_format format)
{
	size_t sum = 0;
	vg_source_meta meta;
	vg_reader_sink sink = { fuzz_touch, NULL, &sum, 0 };
	vg_source_parse_mem("fuzz", (const char *)data, size, format, &meta, &sink);
	return 0;
}

#endif
