/*
 * fuzz_read_dpl.c - libFuzzer target for the reader of the BIS Denied Persons List (tab-separated).
 *
 * The contract is in reader.h.
 */
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, VG_FORMAT_DPL_TSV);
}
