/*
 * cmd_update.c - `vigil update`: download new list versions, verify them,
 * swap a new index in, and tell a running `vigil serve` to reload.
 *
 * Exit status (CONTRACT.md): 0 when INDEX is current (rebuilt or left as
 * it was), 1 when a download or a verification failed (INDEX untouched),
 * or when INDEX was replaced but saving what came after failed (a full
 * disk; the message says the index was replaced, the server is still told,
 * and the next run reconciles the state), 2 on a usage error, 3 when the
 * configuration file itself is bad.
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
		"entity count are kept in INDEX.state/.  A source with `schedule =\n"
		"daily` (hourly, weekly, 6h ...) is skipped while its last successful\n"
		"check is younger than that, unless --force is given.\n\n"
		"options:\n"
		"  --config FILE      the sources (required)\n"
		"  --index INDEX      the index to keep current (required)\n"
		"  --state DIR        state folder (default INDEX.state)\n"
		"  --force            fetch every source whatever its schedule\n"
		"  --notify-pid PID   send SIGHUP to PID (vigil serve) after a swap\n"
		"  --pidfile FILE     same, with the PID read from FILE\n"
		"  --json             print the outcome as JSON on stdout: {\"index\",\n"
		"                     \"rebuilt\", \"sources\", \"changed\", \"unchanged\",\n"
		"                     \"skipped\", \"entities\": {\"added\", \"removed\",\n"
		"                     \"changed\"} or null}\n"
		"  --diff             after a swap, list the entities that changed\n"
		"  --quiet            no progress lines on stderr\n\n"
		"Exit status: 0 INDEX is current, 1 a download or verification failed\n"
		"(INDEX left exactly as it was; the message names the source and URL)\n"
		"or INDEX was replaced but the state could not be saved after it (the\n"
		"message says so; the next run reconciles the state with the index),\n"
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
	vg_index *before = NULL;
	vg_diff *diff = NULL;
	vg_buf out = VG_BUF_INIT;
	long notify_pid = 0;
	bool json = false, quiet = false, show_diff = false, failed_after_swap = false;
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
		} else if (!strcmp(a, "--diff")) {
			show_diff = true;
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
	/* a missing or unreadable old index only means no summary of changes */
	if (vg_index_open(&before, opts.index_path) < 0) {
		before = NULL;
		vg_error_clear();
	}
	rc = vg_update_run(&res, config, &opts);
	vg_update_config_free(config);
	if (rc < 0 && !res.rebuilt) {
		const vg_error *e = vg_error_last();
		fprintf(stderr, "vigil update: %s\nvigil update: %s left as it was\n",
			e->message[0] ? e->message : "failed", opts.index_path);
		vg_index_free(before);
		return rc == VG_EUSAGE ? EXIT_USAGE : EXIT_RUNTIME;
	}
	if (rc < 0) {
		/* the index is new (the server must hear of it) but what came
		 * after the swap failed: the next run reconciles the state */
		fprintf(stderr, "vigil update: %s\n", vg_error_last()->message);
		failed_after_swap = true;
	}
	/* what the swap changed, told by stable id (the old index stays
	 * mapped and valid after the rename) */
	if (res.rebuilt && before) {
		vg_index *after = NULL;
		if (vg_index_open(&after, opts.index_path) == 0)
			vg_diff_new(&diff, before, after);
		vg_index_free(after);
		vg_error_clear();
	}
	if (json) {
		if (vg_buf_puts(&out, "{\"index\": ") < 0 ||
		    vg_buf_put_json_string(&out, opts.index_path, strlen(opts.index_path)) < 0 ||
		    vg_buf_printf(&out, ", \"rebuilt\": %s, \"sources\": %zu, \"changed\": %zu, "
				  "\"unchanged\": %zu, \"skipped\": %zu, \"entities\": ",
				  res.rebuilt ? "true" : "false", res.sources, res.changed,
				  res.unchanged, res.skipped) < 0 ||
		    (diff ? vg_buf_printf(&out, "{\"added\": %zu, \"removed\": %zu, "
					  "\"changed\": %zu}}\n",
					  vg_diff_count(diff, VG_DIFF_ADDED),
					  vg_diff_count(diff, VG_DIFF_REMOVED),
					  vg_diff_count(diff, VG_DIFF_CHANGED))
			  : vg_buf_puts(&out, "null}\n")) < 0) {
			rc = cli_fail("update");
			goto cleanup;
		}
	} else {
		if (vg_buf_printf(&out, "%s: %s (%zu changed, %zu unchanged, %zu skipped by "
				  "schedule)\n", opts.index_path,
				  res.rebuilt ? "rebuilt" : "unchanged", res.changed,
				  res.unchanged, res.skipped) < 0 ||
		    (diff && show_diff && vg_diff_text(diff, 20, &out) < 0) ||
		    (diff && !show_diff &&
		     vg_buf_printf(&out, "entities: %zu added, %zu removed, %zu changed "
				   "(vigil diff tells which)\n",
				   vg_diff_count(diff, VG_DIFF_ADDED),
				   vg_diff_count(diff, VG_DIFF_REMOVED),
				   vg_diff_count(diff, VG_DIFF_CHANGED)) < 0)) {
			rc = cli_fail("update");
			goto cleanup;
		}
	}
	if ((rc = cli_write(&out)) != EXIT_OK)
		goto cleanup;

	if (res.rebuilt && pidfile && read_pidfile(&notify_pid, pidfile) < 0) {
		fprintf(stderr, "vigil update: %s: no process id in it; nobody notified\n",
			pidfile);
		rc = EXIT_RUNTIME;
		goto cleanup;
	}
	if (res.rebuilt && notify_pid > 1 && kill((pid_t)notify_pid, SIGHUP) < 0) {
		fprintf(stderr, "vigil update: SIGHUP to %ld: %s (the index was replaced)\n",
			notify_pid, strerror(errno));
		rc = EXIT_RUNTIME;
		goto cleanup;
	}
	rc = failed_after_swap ? EXIT_RUNTIME : EXIT_OK;
cleanup:
	vg_buf_dispose(&out);
	vg_diff_free(diff);
	vg_index_free(before);
	return rc;
}
