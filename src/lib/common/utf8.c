/*
 * utf8.c - UTF-8 validation, shared by the readers (which report where the
 * bad byte is), the normaliser and query validation.
 */
#include "utf8.h"

#include "vigil/common.h"

#include <stdint.h>
#include <string.h>

int vg__utf8_valid(const char *s, size_t len, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned char c;
		size_t n, k;
		uint32_t cp;
		uint64_t w;
		/* eight ASCII bytes at a time: the lists' JSON and CSV are mostly
		 * ASCII, and a 1M-entity file is read twice (its encoding, then
		 * line by line) */
		if (len - i >= 8) {
			memcpy(&w, p + i, 8);
			if (!(w & 0x8080808080808080ull)) {
				i += 8;
				continue;
			}
		}
		c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			goto invalid;
		}
		if (n >= len - i)
			goto invalid;
		for (k = 1; k <= n; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				goto invalid;
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		/* overlong forms, surrogates and values past U+10FFFF */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto invalid;
		i += n + 1;
	}
	return 1;
invalid:
	if (bad)
		*bad = i;
	return 0;
}

/* Code points of Windows-1252 bytes 0x80..0x9F; 0xA0..0xFF are U+00A0..
 * U+00FF as in ISO-8859-1. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

int vg__cp1252_to_utf8(vg_buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		char enc[3];
		uint32_t cp;
		while (j < len && p[j] < 0x80)
			j++;
		if (j > i && vg_buf_put(out, s + i, j - i) < 0)
			return VG_ENOMEM;
		if (j == len)
			break;
		cp = p[j] < 0xA0 ? cp1252_high[p[j] - 0x80] : p[j];
		if (cp < 0x800) {
			enc[0] = (char)(0xC0 | (cp >> 6));
			enc[1] = (char)(0x80 | (cp & 0x3F));
			if (vg_buf_put(out, enc, 2) < 0)
				return VG_ENOMEM;
		} else {
			enc[0] = (char)(0xE0 | (cp >> 12));
			enc[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
			enc[2] = (char)(0x80 | (cp & 0x3F));
			if (vg_buf_put(out, enc, 3) < 0)
				return VG_ENOMEM;
		}
		i = j + 1;
	}
	return 0;
}

bool vg_utf8_valid(const char *s, size_t len, size_t *bad)
{
	return vg__utf8_valid(s, len, bad) != 0;
}
