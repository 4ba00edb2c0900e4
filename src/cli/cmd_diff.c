/*
 * cmd_diff.c - `vigil diff OLD NEW`: which entities were added, removed or
 * changed between two indexes, compared by stable id.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: vigil diff [--json] [--limit N] OLD NEW\n\n"
		"Compares the screenable entities of two index files by stable id.\n"
		"An entity is changed when its schema, caption, properties (names,\n"
		"dates, identifiers ... compared as sets of values), sanctions,\n"
		"datasets, topics or direct links differ.\n\n"
		"options:\n"
		"  --json      {\"added\": [ID...], \"removed\": [ID...],\n"
		"               \"changed\": [{\"id\": ID, \"properties\": [NAME...]}]}\n"
		"  --limit N   readable output: show at most N ids per kind (default 20)\n\n"
		"Exit status: 0 success (whether or not anything changed), 1 runtime\n"
		"failure, 2 usage error, 3 an index file is damaged.\n");
}

int cmd_diff(int argc, char **argv)
{
	const char *paths[2] = { NULL, NULL };
	vg_index *a = NULL, *b = NULL;
	vg_diff *d = NULL;
	vg_buf out = VG_BUF_INIT;
	size_t limit = 20, n_paths = 0;
	bool json = false;
	int i, rc = EXIT_OK;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			usage(stdout);
			return EXIT_OK;
		} else if (!strcmp(arg, "--json")) {
			json = true;
		} else if (!strcmp(arg, "--limit") && i + 1 < argc) {
			char *end;
			long v = strtol(argv[++i], &end, 10);
			if (*end || v < 0)
				return cli_usage_error("diff", "--limit wants a number >= 0");
			limit = (size_t)v;
		} else if (arg[0] == '-' && arg[1]) {
			return cli_usage_error("diff", "unknown or incomplete option '%s'", arg);
		} else if (n_paths < 2) {
			paths[n_paths++] = arg;
		} else {
			return cli_usage_error("diff", "expected exactly two index files");
		}
	}
	if (n_paths != 2)
		return cli_usage_error("diff", "expected two index files: OLD NEW");

	if (vg_index_open(&a, paths[0]) < 0 || vg_index_open(&b, paths[1]) < 0 ||
	    vg_diff_new(&d, a, b) < 0 ||
	    (json ? vg_diff_json(d, &out) : vg_diff_text(d, limit, &out)) < 0) {
		rc = cli_fail("diff");
		goto cleanup;
	}
	rc = cli_write(&out);
cleanup:
	vg_buf_dispose(&out);
	vg_diff_free(d);
	vg_index_free(a);
	vg_index_free(b);
	return rc;
}
