/*
 * cmd_update.c - `vigil update`: download new list versions, verify them,
 * swap a new index in, and tell a running `vigil serve` to reload.
 *
 * Exit status (CONTRACT.md): 0 when INDEX is current (rebuilt or left as
 * it was), 1 when a download or a verification failed (INDEX untouched),
 * 2 on a usage error, 3 when the configuration file itself is bad.
 */
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: vigil update --config FILE --index INDEX [OPTIONS]\n\n"
		"Fetches every [source NAME] of the INI file FILE (see\n"
		"examples/vigil-update.ini), verifies what changed (every file parses\n"
		"completely, entity counts drop by no more than max_drop) and, when\n"
		"something changed, builds a new index beside INDEX and renames it into\n"
		"place.  Unchanged sources (304 Not Modified, or the same checksum) are\n"
		"not rebuilt; when nothing changed INDEX stays byte-identical.  The last\n"
		"good download of each source, its ETag/Last-Modified, checksum and\n"
		"entity count are kept in INDEX.state/.\n\n"
		"options:\n"
		"  --config FILE      the sources (required)\n"
		"  --index INDEX      the index to keep current (required)\n"
		"  --state DIR        state folder (default INDEX.state)\n"
		"  --force            fetch every source whatever its schedule\n"
		"  --notify-pid PID   send SIGHUP to PID (vigil serve) after a swap\n"
		"  --pidfile FILE     same, with the PID read from FILE\n"
		"  --json             print the outcome as JSON on stdout\n"
		"  --quiet            no progress lines on stderr\n\n"
		"Exit status: 0 INDEX is current, 1 a download or verification failed\n"
		"(INDEX left exactly as it was; the message names the source and URL),\n"
		"2 usage error, 3 bad configuration file.\n");
}

static void log_line(void *ctx, const char *line)
{
	(void)ctx;
	fprintf(stderr, "vigil update: %s\n", line);
}

static int parse_pid(long *out, const char *s)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(s, &end, 10);
	while (*end == '\n' || *end == ' ' || *end == '\r')
		end++;
	if (errno || *end || end == s || v <= 1)
		return -1;
	*out = v;
	return 0;
}

static int read_pidfile(long *out, const char *path)
{
	char buf[64];
	size_t n;
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return parse_pid(out, buf);
}

int cmd_update(int argc, char **argv)
{
	const char *config_path = NULL, *pidfile = NULL;
	vg_update_options opts = VG_UPDATE_OPTIONS_INIT;
	vg_update_config *config = NULL;
	vg_update_result res;
	long notify_pid = 0;
	bool json = false, quiet = false;
	int i, rc;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool has_value = i + 1 < argc;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return EXIT_OK;
		} else if (!strcmp(a, "--config") && has_value) {
			config_path = argv[++i];
		} else if ((!strcmp(a, "--index") || !strcmp(a, "-x")) && has_value) {
			opts.index_path = argv[++i];
		} else if (!strcmp(a, "--state") && has_value) {
			opts.state_dir = argv[++i];
		} else if (!strcmp(a, "--force")) {
			opts.force = true;
		} else if (!strcmp(a, "--notify-pid") && has_value) {
			if (parse_pid(&notify_pid, argv[++i]) < 0)
				return cli_usage_error("update", "--notify-pid wants a process id");
		} else if (!strcmp(a, "--pidfile") && has_value) {
			pidfile = argv[++i];
		} else if (!strcmp(a, "--now") && has_value) {
			/* undocumented: lets tests exercise schedules without waiting */
			char *end;
			opts.now = strtoll(argv[++i], &end, 10);
			if (*end || opts.now <= 0)
				return cli_usage_error("update", "--now wants unix seconds");
		} else if (!strcmp(a, "--json")) {
			json = true;
		} else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			quiet = true;
		} else {
			return cli_usage_error("update", "unknown or incomplete option '%s'", a);
		}
	}
	if (!config_path || !opts.index_path)
		return cli_usage_error("update", "--config FILE and --index INDEX are required");
	if (!quiet)
		opts.log = log_line;

	if (vg_update_config_load(&config, config_path) < 0)
		return cli_fail("update");
	rc = vg_update_run(&res, config, &opts);
	vg_update_config_free(config);
	if (rc < 0) {
		const vg_error *e = vg_error_last();
		fprintf(stderr, "vigil update: %s\nvigil update: %s left as it was\n",
			e->message[0] ? e->message : "failed", opts.index_path);
		return rc == VG_EUSAGE ? EXIT_USAGE : EXIT_RUNTIME;
	}
	if (json) {
		vg_buf out = VG_BUF_INIT;
		int wrc;
		if (vg_buf_puts(&out, "{\"index\": ") < 0 ||
		    vg_buf_put_json_string(&out, opts.index_path, strlen(opts.index_path)) < 0 ||
		    vg_buf_printf(&out, ", \"rebuilt\": %s, \"sources\": %zu, \"changed\": %zu, "
				  "\"unchanged\": %zu, \"skipped\": %zu}\n",
				  res.rebuilt ? "true" : "false", res.sources, res.changed,
				  res.unchanged, res.skipped) < 0) {
			vg_buf_dispose(&out);
			return cli_fail("update");
		}
		wrc = cli_write(&out);
		vg_buf_dispose(&out);
		if (wrc != EXIT_OK)
			return wrc;
	}
	else
		printf("%s: %s (%zu changed, %zu unchanged, %zu skipped by schedule)\n",
		       opts.index_path, res.rebuilt ? "rebuilt" : "unchanged", res.changed,
		       res.unchanged, res.skipped);

	if (res.rebuilt && pidfile && read_pidfile(&notify_pid, pidfile) < 0) {
		fprintf(stderr, "vigil update: %s: no process id in it; nobody notified\n",
			pidfile);
		return EXIT_RUNTIME;
	}
	if (res.rebuilt && notify_pid > 1 && kill((pid_t)notify_pid, SIGHUP) < 0) {
		fprintf(stderr, "vigil update: SIGHUP to %ld: %s (the index was replaced)\n",
			notify_pid, strerror(errno));
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}
