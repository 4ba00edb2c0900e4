/*
 * sha256.h - SHA-256 checksums of downloaded list files (internal), from
 * nettle: a plain struct with no allocation and no failure, so the
 * download callback can hash as the bytes arrive.
 * Streaming: init, update any number of times, final.
 */
#ifndef VG_UPDATE_SHA256_H
#define VG_UPDATE_SHA256_H

#include <nettle/sha2.h>
#include <stddef.h>

typedef struct sha256_ctx vg__sha256;

void vg__sha256_init(vg__sha256 *ctx);
void vg__sha256_update(vg__sha256 *ctx, const void *data, size_t len);
/* Writes the digest as 64 lowercase hex digits plus NUL into hex[65]. */
void vg__sha256_final_hex(vg__sha256 *ctx, char hex[65]);
/* Checksum of a whole file into hex[65]; 0 or VG_EIO. */
int vg__sha256_file(char hex[65], const char *path);

#endif
