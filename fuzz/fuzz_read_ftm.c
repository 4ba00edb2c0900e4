/*
 * fuzz_read_ftm.c - libFuzzer target for the reader of FollowTheMoney JSON lines (entities and delta operations).
 *
 * The contract is in reader.h.
 */
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, VG_FORMAT_FTM_JSON);
}
