/*
 * sha256.h - SHA-256 (FIPS 180-4) for checksums of downloaded list files
 * (internal).  Streaming: init, update any number of times, final.
 */
#ifndef VG_UPDATE_SHA256_H
#define VG_UPDATE_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint32_t h[8];
	uint64_t total; /* bytes hashed so far */
	uint8_t block[64];
	size_t used;    /* bytes waiting in block */
} vg__sha256;

void vg__sha256_init(vg__sha256 *ctx);
void vg__sha256_update(vg__sha256 *ctx, const void *data, size_t len);
/* Writes the digest as 64 lowercase hex digits plus NUL into hex[65]. */
void vg__sha256_final_hex(vg__sha256 *ctx, char hex[65]);
/* Checksum of a whole file into hex[65]; 0 or VG_EIO. */
int vg__sha256_file(char hex[65], const char *path);

#endif
