/*
 * hash.h - the 64-bit hash of the index file (internal): section checksums,
 * retrieval keys and the id map all use it, so a key hashed at build time
 * and at query time agree.
 *
 * It is XXH64 (Yann Collet's algorithm, reimplemented here); the value is
 * part of the file format, so changing it means bumping VG_IX_VERSION.
 */
#ifndef VG_INDEX_HASH_H
#define VG_INDEX_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t vg__hash64(const void *data, size_t len, uint64_t seed);

#endif
