/*
 * cmd_info.c - `vigil info --json INDEX`: sources, versions and counts of
 * an index (its structure is validated on the way; with --verify every
 * section's checksum too).
 */
#include "cli.h"

#include <string.h>

static void help(FILE *f)
{
	fprintf(f,
		"usage: vigil info [--json] [--verify] INDEX\n\n"
		"Describes an index: {\"entities\": N, \"sources\": [{\"name\", \"format\",\n"
		"\"path\", \"entities\", \"names\", \"as_of\", \"encoding\", ...}]}.\n"
		"\"entities\" counts the screenable records (people, organisations,\n"
		"companies, vessels, aircraft), not sanctions, links or addresses.\n"
		"\"encoding\" says how the list's text was written: utf-8, utf-8 (BOM),\n"
		"windows-1252 or iso-8859-1 (vigil reads them all).\n"
		"Without --json a short text form is printed.\n"
		"--verify also reads every byte of INDEX and checks the checksums\n"
		"the build wrote (opening an index checks only its structure).\n"
		"Exit status: 0, 1 runtime failure, 2 usage error, 3 damaged index.\n");
}

int cmd_info(int argc, char **argv)
{
	const char *path = NULL;
	int i, json = 0, verify = 0, rc = EXIT_OK;
	vg_index *ix = NULL;
	vg_buf out = VG_BUF_INIT;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			help(stdout);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else if (!strcmp(argv[i], "--verify")) {
			verify = 1;
		} else if ((!strcmp(argv[i], "-x") || !strcmp(argv[i], "--index")) &&
			   i + 1 < argc) {
			path = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_usage_error("info", "unknown option '%s'", argv[i]);
		} else if (!path) {
			path = argv[i];
		} else {
			return cli_usage_error("info", "one INDEX only");
		}
	}
	if (!path)
		return cli_usage_error("info", "missing INDEX");
	if (vg_index_open(&ix, path) != 0)
		return cli_fail("info");
	if (verify && vg_index_verify(ix) != 0) {
		fprintf(stderr, "vigil info: %s: %s\n", path, vg_error_last()->message);
		rc = cli_exit_status(vg_error_last()->code);
		goto cleanup;
	}
	if (json) {
		if (vg_index_info_json(ix, &out) != 0 || vg_buf_puts(&out, "\n")) {
			rc = cli_fail("info");
			goto cleanup;
		}
	} else {
		vg_buf_printf(&out, "%s: %zu entities\n", path,
			      vg_index_entity_count(ix));
		if (vg_index_info_json(ix, &out) == 0)
			vg_buf_puts(&out, "\n");
	}
	rc = cli_write(&out);
cleanup:
	vg_buf_dispose(&out);
	vg_index_free(ix);
	return rc;
}
