/*
 * sha256.c - SHA-256 of list files through nettle (see sha256.h); what is
 * ours is only the hex form and reading a file in chunks.
 */
#include "sha256.h"
#include "common/error.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

void vg__sha256_init(vg__sha256 *ctx)
{
	sha256_init(ctx);
}

void vg__sha256_update(vg__sha256 *ctx, const void *data, size_t len)
{
	sha256_update(ctx, len, data);
}

void vg__sha256_final_hex(vg__sha256 *ctx, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	uint8_t digest[SHA256_DIGEST_SIZE];
	int i;
	sha256_digest(ctx, sizeof(digest), digest);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[2 * SHA256_DIGEST_SIZE] = '\0';
}

int vg__sha256_file(char hex[65], const char *path)
{
	char chunk[65536];
	vg__sha256 ctx;
	size_t n;
	int rc = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return vg__error_set(VG_EIO, "%s: %s", path, strerror(errno));
	vg__sha256_init(&ctx);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		vg__sha256_update(&ctx, chunk, n);
	if (ferror(f))
		rc = vg__error_set(VG_EIO, "%s: read error", path);
	fclose(f);
	if (rc == 0)
		vg__sha256_final_hex(&ctx, hex);
	return rc;
}
