/*
 * fuzz_read_eu.c - libFuzzer target for the reader of the EU Financial Sanctions File XML.
 *
 * The contract is in reader.h.
 */
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, VG_FORMAT_EU_XML);
}
