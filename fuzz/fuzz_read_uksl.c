/*
 * fuzz_read_uksl.c - libFuzzer target for the reader of the FCDO UK
 * Sanctions List XML.
 *
 * The contract is in reader.h.
 */
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, VG_FORMAT_UKSL_XML);
}
