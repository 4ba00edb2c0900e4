/*
 * vg_fault.c - fault injection for the crash tests, loaded with LD_PRELOAD
 * (a test-only library, never linked into vigil).
 *
 * When VG_FAULT_PATH is set, the first open() that creates a file whose
 * path contains it fails as VG_FAULT_ACTION says: "enospc" (the disk is
 * full: open fails with ENOSPC) or "kill" (the process dies of SIGKILL on
 * the spot, as under kill -9).  Every other call goes to the C library.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int (*open_fn)(const char *, int, ...);
typedef int (*openat_fn)(int, const char *, int, ...);

/* True when this call is the one to fail (and it then acts: kill or
 * errno). */
static int inject(const char *path, int flags)
{
	const char *want = getenv("VG_FAULT_PATH"), *action = getenv("VG_FAULT_ACTION");
	if (!want || !*want || !path || !(flags & O_CREAT) || !strstr(path, want))
		return 0;
	if (action && !strcmp(action, "kill"))
		raise(SIGKILL);
	errno = ENOSPC;
	return 1;
}

static mode_t mode_of(int flags, va_list ap)
{
	return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
	static open_fn real;
	va_list ap;
	mode_t mode;
	va_start(ap, flags);
	mode = mode_of(flags, ap);
	va_end(ap);
	if (inject(path, flags))
		return -1;
	if (!real)
		real = (open_fn)dlsym(RTLD_NEXT, "open");
	return real(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	static open_fn real;
	va_list ap;
	mode_t mode;
	va_start(ap, flags);
	mode = mode_of(flags, ap);
	va_end(ap);
	if (inject(path, flags))
		return -1;
	if (!real)
		real = (open_fn)dlsym(RTLD_NEXT, "open64");
	return real(path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	static openat_fn real;
	va_list ap;
	mode_t mode;
	va_start(ap, flags);
	mode = mode_of(flags, ap);
	va_end(ap);
	if (inject(path, flags))
		return -1;
	if (!real)
		real = (openat_fn)dlsym(RTLD_NEXT, "openat");
	return real(dirfd, path, flags, mode);
}
