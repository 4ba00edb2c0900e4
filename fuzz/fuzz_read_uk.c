/*
 * fuzz_read_uk.c - libFuzzer target for the reader of the UK OFSI consolidated CSV.
 *
 * The contract is in reader.h.
 */
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, VG_FORMAT_UK_CSV);
}
