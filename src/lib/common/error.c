/*
 * error.c - the thread-local last error.
 *
 * Invariant: vg_error_last() never returns NULL and its message is always a
 * valid string; messages are truncated, never allocated, so recording an
 * error cannot itself fail.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define VG_ERROR_MAX 1024

static _Thread_local char tl_message[VG_ERROR_MAX];
static _Thread_local vg_error tl_error = { 0, "" };

static void store(int code, const char *fmt, va_list ap)
{
	vsnprintf(tl_message, sizeof(tl_message), fmt, ap);
	tl_error.code = code;
	tl_error.message = tl_message;
}

int vg__error_set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	store(code, fmt, ap);
	va_end(ap);
	return code;
}

void vg__error_prefix(const char *fmt, ...)
{
	char old[VG_ERROR_MAX];
	size_t n;
	va_list ap;
	memcpy(old, tl_message, sizeof(old));
	va_start(ap, fmt);
	vsnprintf(tl_message, sizeof(tl_message), fmt, ap);
	va_end(ap);
	n = strlen(tl_message);
	if (n + 2 < sizeof(tl_message)) {
		memcpy(tl_message + n, ": ", 2);
		n += 2;
		memcpy(tl_message + n, old, sizeof(tl_message) - n - 1);
		tl_message[sizeof(tl_message) - 1] = '\0';
	}
	tl_error.message = tl_message;
}

int vg__error_oom(void)
{
	return vg__error_set(VG_ENOMEM, "out of memory");
}

const vg_error *vg_error_last(void)
{
	return &tl_error;
}

void vg_error_clear(void)
{
	tl_message[0] = '\0';
	tl_error.code = 0;
	tl_error.message = tl_message;
}

const char *vg_version(int *major, int *minor, int *patch)
{
	if (major)
		*major = VG_VERSION_MAJOR;
	if (minor)
		*minor = VG_VERSION_MINOR;
	if (patch)
		*patch = VG_VERSION_PATCH;
	return VG_VERSION_STRING;
}
