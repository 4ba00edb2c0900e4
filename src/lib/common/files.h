/*
 * files.h - opening inputs and checking outputs safely (internal).
 *
 * Inputs are regular files: a FIFO with no writer would block open()
 * forever and a device such as /dev/zero would never end, so both are
 * refused, and the check happens on the open descriptor (O_NONBLOCK, so
 * that opening a FIFO does not wait for a writer) rather than on the path.
 * Outputs are written to a temporary file and renamed over the path, which
 * would replace a device node, a FIFO or a symbolic link with a plain file:
 * an existing output must be a regular file.
 */
#ifndef VG_COMMON_FILES_H
#define VG_COMMON_FILES_H

#include <sys/stat.h>

/* Opens path read-only into *fd (blocking reads), filling *st.  Fails with
 * VG_ENOTFOUND, VG_EIO, or VG_EUSAGE naming what the path is when it is
 * not a regular file. */
int vg__open_regular(int *fd, struct stat *st, const char *path);

/* 0 when path does not exist or is a regular file; otherwise VG_EUSAGE
 * saying what it is (and, for a symbolic link, what to do). */
int vg__check_output(const char *path);

#endif
