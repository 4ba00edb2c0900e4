/*
 * fuzz_read_senzing.c - libFuzzer target for the reader of Senzing JSON lines.
 *
 * The contract is in reader.h.
 */
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, VG_FORMAT_SENZING_JSON);
}
