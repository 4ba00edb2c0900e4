/*
 * buf.c - vg_buf, the growable NUL-terminated byte buffer of the public API.
 *
 * Invariant: when ptr != NULL, ptr[size] == '\0' and size < asize.  Once a
 * write failed, `oom` stays set and no write changes the buffer until
 * vg_buf_clear: a document is never half-extended after a failure.
 */
#include "error.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(vg_buf *buf)
{
	buf->oom = 1;
	return vg__error_oom();
}

int vg_buf_grow(vg_buf *buf, size_t target)
{
	size_t want;
	bool fresh = !buf->ptr;
	if (buf->oom)
		return VG_ENOMEM;
	if (vg__add_overflow(&want, target, 1) || vg__grow(&buf->ptr, &buf->asize, want, 1))
		return fail(buf);
	if (fresh && buf->ptr)
		buf->ptr[0] = '\0';
	return 0;
}

int vg_buf_put(vg_buf *buf, const char *data, size_t len)
{
	size_t target;
	if (buf->oom)
		return VG_ENOMEM;
	if (vg__add_overflow(&target, buf->size, len))
		return fail(buf);
	if (vg_buf_grow(buf, target))
		return VG_ENOMEM;
	if (len)
		memmove(buf->ptr + buf->size, data, len);
	buf->size = target;
	buf->ptr[target] = '\0';
	return 0;
}

int vg_buf_puts(vg_buf *buf, const char *str)
{
	return vg_buf_put(buf, str, strlen(str));
}

int vg_buf_printf(vg_buf *buf, const char *fmt, ...)
{
	va_list ap;
	int n;
	size_t room;
	if (vg_buf_grow(buf, buf->size + 64))
		return VG_ENOMEM;
	for (;;) {
		room = buf->asize - buf->size;
		va_start(ap, fmt);
		n = vsnprintf(buf->ptr + buf->size, room, fmt, ap);
		va_end(ap);
		if (n < 0) {
			buf->ptr[buf->size] = '\0';
			buf->oom = 1;
			return vg__error_set(VG_ERROR, "format error");
		}
		if ((size_t)n < room)
			break;
		if (vg_buf_grow(buf, buf->size + (size_t)n))
			return VG_ENOMEM;
	}
	buf->size += (size_t)n;
	return 0;
}

int vg_buf_put_json_string(vg_buf *buf, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, start = 0;
	if (buf->oom || vg_buf_grow(buf, buf->size + len + 2))
		return VG_ENOMEM;
	buf->ptr[buf->size++] = '"';
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7];
		size_t elen = 0;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		if (vg_buf_put(buf, s + start, i - start))
			return VG_ENOMEM;
		switch (c) {
		case '"': memcpy(esc, "\\\"", 2); elen = 2; break;
		case '\\': memcpy(esc, "\\\\", 2); elen = 2; break;
		case '\n': memcpy(esc, "\\n", 2); elen = 2; break;
		case '\r': memcpy(esc, "\\r", 2); elen = 2; break;
		case '\t': memcpy(esc, "\\t", 2); elen = 2; break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			elen = 6;
		}
		if (vg_buf_put(buf, esc, elen))
			return VG_ENOMEM;
		start = i + 1;
	}
	if (vg_buf_put(buf, s + start, len - start) || vg_buf_put(buf, "\"", 1))
		return VG_ENOMEM;
	return 0;
}

bool vg_buf_oom(const vg_buf *buf)
{
	return buf->oom != 0;
}

int vg_buf_check(const vg_buf *buf)
{
	return buf->oom ? vg__error_oom() : 0;
}

void vg_buf_clear(vg_buf *buf)
{
	buf->size = 0;
	buf->oom = 0;
	if (buf->ptr)
		buf->ptr[0] = '\0';
}

void vg_buf_truncate(vg_buf *buf, size_t size)
{
	if (size >= buf->size)
		return;
	buf->size = size;
	buf->ptr[size] = '\0';
}

void vg_buf_dispose(vg_buf *buf)
{
	free(buf->ptr);
	buf->ptr = NULL;
	buf->size = buf->asize = 0;
	buf->oom = 0;
}
