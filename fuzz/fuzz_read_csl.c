/*
 * fuzz_read_csl.c - libFuzzer target for the reader of the US Consolidated Screening List CSV.
 *
 * The contract is in reader.h.
 */
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, VG_FORMAT_CSL_CSV);
}
