/*
 * cmd_build.c - `vigil build -o INDEX [--format FORMAT] INPUT...`: reads
 * watchlists and writes one index file.
 *
 * Invariant: INDEX is replaced only when every input was read and the new
 * file was completely written; on bad input (exit 3) nothing is written.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void help(FILE *f)
{
	fprintf(f,
		"usage: vigil build -o INDEX [--format FORMAT] [--reuse INDEX] INPUT...\n\n"
		"Reads watchlists in their official formats into one index file.\n"
		"An INPUT is a file, or a folder for the OFAC CSV set.\n\n"
		"options:\n"
		"  -o, --output INDEX   the index file to write (replaced atomically)\n"
		"  -f, --format FORMAT  ofac-csv, un-xml, eu-xml, uksl-xml (the UK Sanctions\n"
		"                       List), uk-csv (the retired OFSI list), csl-csv,\n"
		"                       dpl-tsv, ftm-json, senzing-json (default: detected\n"
		"                       per input)\n"
		"  --reuse INDEX        copy the analysed names of unchanged entities from\n"
		"                       INDEX (an earlier build) instead of analysing them\n"
		"                       again; ignored when INDEX is of another vigil\n"
		"  --memory MB          the build's peak memory, about: beyond it names and\n"
		"                       postings spill to sorted temporary files in $TMPDIR\n"
		"                       and the entity tables are read back from files\n"
		"                       there (default 512)\n"
		"  --threads N          cores to use (default: every online core)\n"
		"  -q, --quiet          no summary on stderr\n"
		"  -h, --help           this help\n\n"
		"A summary per source (entities by schema, names, links, sanctions,\n"
		"warnings, skipped records) goes to stderr.\n"
		"Exit status: 0 written, 1 runtime failure, 2 usage error,\n"
		"3 bad input (FILE:LINE: what is wrong; INDEX left untouched).\n");
}

int cmd_build(int argc, char **argv)
{
	const char *output = NULL;
	vg_format format = VG_FORMAT_AUTO;
	const char **inputs = NULL;
	int n_inputs = 0, i, rc = EXIT_OK, quiet = 0;
	vg_builder *b = NULL;
	vg_builder_options bo = VG_BUILDER_OPTIONS_INIT;
	vg_buf summary = VG_BUF_INIT;
	struct timespec t0, t1;

	if (!(inputs = calloc((size_t)argc + 1, sizeof(*inputs))))
		return EXIT_RUNTIME;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			help(stdout);
			goto cleanup;
		} else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			if (++i >= argc) {
				rc = cli_usage_error("build", "%s needs a file name", a);
				goto cleanup;
			}
			output = argv[i];
		} else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
			if (++i >= argc) {
				rc = cli_usage_error("build", "%s needs a format name", a);
				goto cleanup;
			}
			if ((format = vg_format_from_name(argv[i])) == VG_FORMAT_AUTO &&
			    strcmp(argv[i], "auto")) {
				rc = cli_usage_error("build", "unknown format '%s'", argv[i]);
				goto cleanup;
			}
		} else if (!strcmp(a, "--reuse")) {
			if (++i >= argc) {
				rc = cli_usage_error("build", "%s needs an index file", a);
				goto cleanup;
			}
			bo.reuse = argv[i];
		} else if (!strcmp(a, "--memory") || !strcmp(a, "--threads")) {
			char *end;
			unsigned long v;
			if (++i >= argc) {
				rc = cli_usage_error("build", "%s needs a number", a);
				goto cleanup;
			}
			v = strtoul(argv[i], &end, 10);
			if (end == argv[i] || *end || v == 0 || v > (a[2] == 'm' ? 1048576ul : 1024ul)) {
				rc = cli_usage_error("build", "%s: '%s' is not a number from 1 to %s",
						     a, argv[i], a[2] == 'm' ? "1048576" : "1024");
				goto cleanup;
			}
			if (a[2] == 'm')
				bo.memory = (size_t)v << 20;
			else
				bo.threads = (unsigned)v;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			quiet = 1;
		} else if (a[0] == '-' && a[1]) {
			rc = cli_usage_error("build", "unknown option '%s'", a);
			goto cleanup;
		} else {
			inputs[n_inputs++] = a;
		}
	}
	if (!output) {
		rc = cli_usage_error("build", "missing -o INDEX");
		goto cleanup;
	}
	if (!n_inputs) {
		rc = cli_usage_error("build", "no INPUT given");
		goto cleanup;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (vg_builder_new_with(&b, &bo) != 0) {
		rc = cli_fail("build");
		goto cleanup;
	}
	for (i = 0; i < n_inputs; i++) {
		if (vg_builder_add(b, inputs[i], format) != 0) {
			rc = cli_fail("build");
			goto cleanup;
		}
	}
	if (vg_builder_write(b, output) != 0) {
		rc = cli_fail("build");
		goto cleanup;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!quiet && vg_builder_summary(b, &summary) == 0) {
		fputs(summary.ptr ? summary.ptr : "", stderr);
		fprintf(stderr, "wrote %s in %.2f s\n", output,
			(double)(t1.tv_sec - t0.tv_sec) +
				(double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	}
cleanup:
	vg_builder_free(b);
	vg_buf_dispose(&summary);
	free(inputs);
	return rc;
}
