/*
 * cli.h - what the subcommands of `vigil` share (one cmd_*.c per command).
 *
 * Every command is `int cmd_NAME(int argc, char **argv)` with argv[0] the
 * command name, and returns the process exit status: 0 success, 1 runtime
 * failure, 2 usage error, 3 bad input data (see ../shared/docs/CONTRACT.md).
 * Commands use the public API (vigil/vigil.h) only.
 */
#ifndef VG_CLI_H
#define VG_CLI_H

#include "vigil/vigil.h"

#include <stdio.h>

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2, EXIT_DATA = 3 };

/* Prints "vigil CMD: <last error message>" to stderr and returns the exit
 * status for the last error's code. */
int cli_fail(const char *cmd);
/* Exit status for a vg_error_code. */
int cli_exit_status(int code);
/* Prints "vigil CMD: message" plus a hint to run --help; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Writes a buffer to stdout; returns 0 or 1 on a write error. */
int cli_write(const vg_buf *buf);
/* Opens an input FILE for reading: "-" is standard input; anything else
 * must be a regular file.  A FIFO or device is refused before it can block
 * (a FIFO with no writer) or never end (/dev/zero): print the message and
 * exit 2.  NULL with errno set when it cannot be opened. */
FILE *cli_open_input(const char *cmd, const char *path, int *status);
/* vg_csv_read_fn over a FILE * (ctx), for vg_csv_open_stream. */
int cli_csv_read(void *ctx, char *buf, size_t cap, size_t *got);
/* The value of --encoding: utf-8, windows-1252 / cp1252, iso-8859-1 /
 * latin-1 (read as Windows-1252).  0, or -1 for a name it does not know. */
int cli_csv_encoding(const char *name, vg_csv_encoding *out);
/* Calls fn with a FILE for `path` (a temporary name renamed into place
 * when fn returns 0) or with stdout when path is NULL or "-"; returns fn's
 * exit status. */
int cli_write_atomic(const char *cmd, const char *path,
		     int (*fn)(void *ctx, FILE *f), void *ctx);

int cmd_compare(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_match(int argc, char **argv);
int cmd_screen(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_entity(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_update(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_cases(int argc, char **argv);
int cmd_audit(int argc, char **argv);

#endif
