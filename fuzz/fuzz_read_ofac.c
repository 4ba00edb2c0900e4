/*
 * fuzz_read_ofac.c - libFuzzer target for the reader of OFAC's set of CSV files (sdn, add, alt, comments split by the byte 0x1C).
 *
 * The contract is in reader.h.
 */
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, VG_FORMAT_OFAC_CSV);
}
