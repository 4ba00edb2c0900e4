/*
 * hash.h - the 64-bit hash of the index file (internal): section checksums,
 * retrieval keys and the id map all use it, so a key hashed at build time
 * and at query time agree.
 *
 * It is XXH64 from xxHash (Debian's libxxhash); the value is part of the
 * file format (format.h says which function), so changing the function
 * means bumping VG_IX_VERSION.
 */
#ifndef VG_INDEX_HASH_H
#define VG_INDEX_HASH_H

#include <stddef.h>
#include <stdint.h>
/* Compiled in, not called in the shared library: most keys hashed are a
 * few bytes (the derived keys of every new term, the strings interned),
 * where the call and the library's generic code cost a good part of the
 * hash.  The same function, the same values. */
#define XXH_INLINE_ALL
#include <xxhash.h>

static inline uint64_t vg__hash64(const void *data, size_t len, uint64_t seed)
{
	return XXH64(data, len, seed);
}

#endif
