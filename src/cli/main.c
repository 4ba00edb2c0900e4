/*
 * main.c - the `vigil` command: dispatches to one cmd_*.c per subcommand.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} commands[] = {
	{ "compare", cmd_compare, "score how alike two names are" },
	{ "build", cmd_build, "read watchlists into one index file" },
	{ "info", cmd_info, "describe an index: sources, versions, counts" },
	{ "match", cmd_match, "screen one name (with birth date, country, ids)" },
	{ "screen", cmd_screen, "screen every row of a CSV file" },
	{ "scan", cmd_scan, "find listed parties mentioned in free text" },
	{ "entity", cmd_entity, "show one entity with its links" },
	{ "serve", cmd_serve, "HTTP API (yente and OpenRefine compatible)" },
	{ "update", cmd_update, "download new list versions and swap them in" },
	{ "diff", cmd_diff, "what changed between two indexes" },
	{ "cases", cmd_cases, "the review queue: alerts, decisions (see screen --cases)" },
	{ "audit", cmd_audit, "verify or export the case store's audit trail" },
};

static void usage(FILE *f)
{
	size_t i;
	fprintf(f, "usage: vigil COMMAND [OPTIONS]\n\n"
		   "vigil screens names against sanctions and other watchlists.\n\n"
		   "commands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n`vigil COMMAND --help` describes each command.\n"
		   "Exit status: 0 success, 1 runtime failure, 2 usage error, "
		   "3 bad input data.\n");
}

int cli_exit_status(int code)
{
	switch (code) {
	case VG_OK: return EXIT_OK;
	case VG_EUSAGE: return EXIT_USAGE;
	case VG_EDATA:
	case VG_EFORMAT: return EXIT_DATA;
	default: return EXIT_RUNTIME;
	}
}

int cli_fail(const char *cmd)
{
	const vg_error *e = vg_error_last();
	fprintf(stderr, "vigil %s: %s\n", cmd,
		e->message[0] ? e->message : "failed");
	return cli_exit_status(e->code ? e->code : VG_ERROR);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "vigil %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see `vigil %s --help`)\n", cmd);
	return EXIT_USAGE;
}

int cli_write(const vg_buf *buf)
{
	if (buf->size && fwrite(buf->ptr, 1, buf->size, stdout) != buf->size) {
		fprintf(stderr, "vigil: write error: %s\n", strerror(errno));
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

FILE *cli_open_input(const char *cmd, const char *path, int *status)
{
	struct stat st;
	FILE *f;
	int fd, flags;
	if (!strcmp(path, "-"))
		return stdin;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) != 0) {
		int e = errno;
		fprintf(stderr, "vigil %s: %s: %s\n", cmd, path, strerror(e));
		*status = EXIT_RUNTIME;
		errno = e;
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "vigil %s: %s: not a regular file (%s); to read a stream, "
			"pipe it to standard input and give '-'\n", cmd, path,
			S_ISDIR(st.st_mode) ? "a folder" : S_ISFIFO(st.st_mode) ? "a FIFO"
			: S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" : "not a file");
		*status = EXIT_USAGE;
		goto fail;
	}
	if ((flags = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0 ||
	    !(f = fdopen(fd, "rb"))) {
		fprintf(stderr, "vigil %s: %s: %s\n", cmd, path, strerror(errno));
		*status = EXIT_RUNTIME;
		goto fail;
	}
	return f;
fail:
	if (fd >= 0) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return NULL;
}

int cli_csv_read(void *ctx, char *buf, size_t cap, size_t *got)
{
	FILE *f = ctx;
	*got = fread(buf, 1, cap, f);
	return *got == 0 && ferror(f) ? -1 : 0;
}

/* Writes through fn to FILE (temporary name, renamed when complete) or to
 * standard output. */
int cli_write_atomic(const char *cmd, const char *path,
		     int (*fn)(void *ctx, FILE *f), void *ctx)
{
	char tmp[4096];
	FILE *f;
	int rc;
	if (!path || !strcmp(path, "-")) {
		rc = fn(ctx, stdout);
		return rc == EXIT_RUNTIME ? (fprintf(stderr, "vigil %s: write error\n", cmd), rc) : rc;
	}
	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof(tmp))
		return cli_usage_error(cmd, "-o: path too long");
	if (!(f = fopen(tmp, "wb"))) {
		fprintf(stderr, "vigil %s: %s: %s\n", cmd, tmp, strerror(errno));
		return EXIT_RUNTIME;
	}
	rc = fn(ctx, f);
	if (fclose(f) != 0 && rc == EXIT_OK)
		rc = EXIT_RUNTIME;
	if (rc == EXIT_OK && rename(tmp, path) != 0) {
		fprintf(stderr, "vigil %s: %s: %s\n", cmd, path, strerror(errno));
		rc = EXIT_RUNTIME;
	} else if (rc == EXIT_RUNTIME) {
		fprintf(stderr, "vigil %s: %s: write error\n", cmd, path);
	}
	if (rc != EXIT_OK)
		unlink(tmp);
	return rc;
}

int cli_csv_encoding(const char *name, vg_csv_encoding *out)
{
	static const char *const cp1252[] = { "windows-1252", "cp1252", "iso-8859-1",
					      "latin-1", "latin1", NULL };
	size_t i;
	if (!strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8")) {
		*out = VG_CSV_UTF8;
		return 0;
	}
	for (i = 0; cp1252[i]; i++) {
		if (!strcasecmp(name, cp1252[i])) {
			*out = VG_CSV_WINDOWS_1252;
			return 0;
		}
	}
	return -1;
}

int main(int argc, char **argv)
{
	size_t i;
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("vigil %s\n", VG_VERSION_STRING);
		return EXIT_OK;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(argv[1], commands[i].name)) {
			int rc = commands[i].fn(argc - 1, argv + 1);
			if (fflush(stdout) != 0 && rc == EXIT_OK) {
				fprintf(stderr, "vigil: write error: %s\n", strerror(errno));
				rc = EXIT_RUNTIME;
			}
			return rc;
		}
	}
	fprintf(stderr, "vigil: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
