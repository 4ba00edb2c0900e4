/*
 * senzing.c - placeholder until the reader lands: refuses with a clear error.
 */
#include "sources/source.h"

int vg__senzing_parse(const char *name, const char *data, size_t len,
		vg_source_meta *meta, const vg_reader_sink *sink)
{
	(void)data;
	(void)len;
	(void)meta;
	(void)sink;
	return vg__error_set(VG_EUSAGE, "%s: reader not implemented yet", name);
}
