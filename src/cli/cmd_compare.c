/*
 * cmd_compare.c - `vigil compare`: score two names, or every pair of a CSV.
 *
 * The CSV mode copies each input record byte for byte (quoting, extra
 * columns; record endings CR, LF or CRLF become \n) and appends `score`
 * and `match`.
 * Output is built in memory and written only when the whole file parsed,
 * so a malformed file leaves no half-written output.  A row whose names
 * cannot be analysed (invalid UTF-8, nothing but punctuation) gets score 0
 * and match false, with a warning naming the line on stderr.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: vigil compare [--schema SCHEMA] [--explain] NAME1 NAME2\n"
	"       vigil compare [--schema SCHEMA] --pairs FILE.csv\n"
	"\n"
	"Scores how alike two names are, from 0 to 1, across scripts, spellings,\n"
	"word order, initials, legal forms and typos.  A score at or above the\n"
	"default threshold is a match.\n"
	"\n"
	"  --schema S    Person (default), Company, Organization, LegalEntity,\n"
	"                Vessel, Aircraft\n"
	"  --explain     print the explanation JSON (aligned parts, rules, what\n"
	"                was left unmatched) instead of the bare score\n"
	"  --pairs FILE  read a CSV with columns name1,name2 (and schema when\n"
	"                present; \"-\" reads stdin) and write it to stdout with\n"
	"                `score` (4 decimals) and `match` (true/false) added\n"
	"                (with --explain also `explanation`, the JSON)\n"
	"  --encoding E  the CSV's text: utf-8 (default; a row that is not UTF-8\n"
	"                scores 0 with a warning), windows-1252 or iso-8859-1\n"
	"\n"
	"Exit status: 0 success, 1 runtime failure, 2 usage error, 3 bad input data.\n";

/* The CSV mode: the input is read through the library's CSV reader (a
 * stream, so stdin works); each record's raw bytes are copied out. */
static int compare_pairs(const char *path, vg_schema default_schema, int explain,
			 vg_csv_encoding enc)
{
	int status = EXIT_OK;
	FILE *f = cli_open_input("compare", path, &status);
	vg_csv *csv = NULL;
	vg_csv_options o = VG_CSV_OPTIONS_INIT;
	vg_buf out = VG_BUF_INIT, ex = VG_BUF_INIT;
	long c1, c2, cs;
	size_t i, rawlen;
	const char *raw;
	double thr = vg_compare_threshold();
	int rc;

	if (!f)
		return status == EXIT_RUNTIME && errno == ENOENT ? EXIT_DATA : status;
	/* a row with invalid UTF-8 scores 0 with a warning; the rest go on */
	o.flags = VG_CSV_LENIENT;
	o.encoding = enc;
	if (vg_csv_open_stream(&csv, path, cli_csv_read, f, &o) < 0 ||
	    (rc = vg_csv_next(csv)) < 0) {
		status = cli_fail("compare");
		goto cleanup;
	}
	if (rc == 0) {
		fprintf(stderr, "vigil compare: %s:1: empty file: expected a header with name1,name2\n",
			path);
		status = EXIT_DATA;
		goto cleanup;
	}
	c1 = vg_csv_find(csv, "name1");
	c2 = vg_csv_find(csv, "name2");
	cs = vg_csv_find(csv, "schema");
	if (c1 < 0 || c2 < 0) {
		fprintf(stderr, "vigil compare: %s:1: the header has no %s column "
			"(expected at least name1,name2)\n", path, c1 < 0 ? "name1" : "name2");
		status = EXIT_DATA;
		goto cleanup;
	}
	raw = vg_csv_raw(csv, &rawlen);
	vg_buf_put(&out, raw, rawlen);
	vg_buf_puts(&out, explain ? ",score,match,explanation\n" : ",score,match\n");
	while ((rc = vg_csv_next(csv)) > 0) {
		size_t l1, l2, ls;
		const char *n1 = vg_csv_field(csv, (size_t)c1, &l1);
		const char *n2 = vg_csv_field(csv, (size_t)c2, &l2);
		const char *sn = cs >= 0 ? vg_csv_field(csv, (size_t)cs, &ls) : "";
		const char *bad = vg_csv_record_error(csv);
		vg_schema schema = default_schema;
		double score = 0;
		if (*sn) {
			vg_schema s = vg_schema_from_name(sn, strlen(sn));
			if (s != VG_SCHEMA_UNKNOWN)
				schema = s;
		}
		vg_buf_clear(&ex);
		if (bad)
			fprintf(stderr, "vigil compare: %s:%zu: score 0: %s\n", path,
				vg_csv_line(csv), bad);
		else if (vg_compare(&score, n1, l1, n2, l2, schema, explain ? &ex : NULL) < 0) {
			fprintf(stderr, "vigil compare: %s:%zu: score 0: %s\n", path,
				vg_csv_line(csv), vg_error_last()->message);
			score = 0;
		}
		raw = vg_csv_raw(csv, &rawlen);
		vg_buf_put(&out, raw, rawlen);
		vg_buf_printf(&out, ",%.4f,%s", score, score >= thr ? "true" : "false");
		if (explain) {
			/* RFC 4180: the JSON goes in quotes, its quotes doubled */
			vg_buf_puts(&out, ",\"");
			for (i = 0; i < ex.size; i++) {
				if (ex.ptr[i] == '"')
					vg_buf_put(&out, "\"", 1);
				vg_buf_put(&out, ex.ptr + i, 1);
			}
			vg_buf_puts(&out, "\"");
		}
		if (vg_buf_puts(&out, "\n") < 0) {
			status = cli_fail("compare");
			goto cleanup;
		}
	}
	if (rc < 0) {
		status = cli_fail("compare");
		goto cleanup;
	}
	status = cli_write(&out);
cleanup:
	vg_csv_free(csv);
	if (f != stdin)
		fclose(f);
	vg_buf_dispose(&out);
	vg_buf_dispose(&ex);
	return status;
}

int cmd_compare(int argc, char **argv)
{
	const char *pairs = NULL, *names[2] = { NULL, NULL };
	vg_schema schema = VG_SCHEMA_PERSON;
	vg_csv_encoding enc = VG_CSV_UTF8;
	int explain = 0, n_names = 0, i, status;
	double score;
	vg_buf out = VG_BUF_INIT;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage_text, stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--schema") == 0) {
			if (++i >= argc)
				return cli_usage_error("compare", "--schema needs a value");
			schema = vg_schema_from_name(argv[i], strlen(argv[i]));
			if (schema == VG_SCHEMA_UNKNOWN)
				return cli_usage_error("compare", "unknown schema '%s'", argv[i]);
		} else if (strcmp(a, "--pairs") == 0) {
			if (++i >= argc)
				return cli_usage_error("compare", "--pairs needs a file");
			pairs = argv[i];
		} else if (strcmp(a, "--encoding") == 0) {
			if (++i >= argc || cli_csv_encoding(argv[i], &enc) < 0)
				return cli_usage_error("compare", "--encoding must be utf-8, windows-1252 "
							  "or iso-8859-1");
		} else if (strcmp(a, "--explain") == 0) {
			explain = 1;
		} else if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++) {
				if (n_names >= 2)
					return cli_usage_error("compare", "too many names");
				names[n_names++] = argv[i];
			}
		} else if (a[0] == '-' && a[1]) {
			return cli_usage_error("compare", "unknown option '%s'", a);
		} else {
			if (n_names >= 2)
				return cli_usage_error("compare", "too many names (quote names with spaces)");
			names[n_names++] = a;
		}
	}
	if (pairs) {
		if (n_names)
			return cli_usage_error("compare", "--pairs takes no names");
		return compare_pairs(pairs, schema, explain, enc);
	}
	if (n_names != 2)
		return cli_usage_error("compare", "expected two names");
	if (vg_compare(&score, names[0], strlen(names[0]), names[1], strlen(names[1]), schema,
		       explain ? &out : NULL) < 0) {
		vg_buf_dispose(&out);
		return cli_fail("compare");
	}
	if (explain)
		status = vg_buf_puts(&out, "\n") < 0 ? cli_fail("compare") : cli_write(&out);
	else
		status = printf("%.4f\n", score) < 0 ? EXIT_RUNTIME : EXIT_OK;
	vg_buf_dispose(&out);
	return status;
}
