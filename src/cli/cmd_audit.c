/*
 * cmd_audit.c - `vigil audit verify|export`: the case store's audit trail
 * for a reviewer, checked or exported.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: vigil audit verify --db DB\n"
		"       vigil audit export --db DB [--from WHEN] [--to WHEN] [--format csv|json]\n"
		"                          [-o FILE]\n\n"
		"Every change to a case store (runs, alerts, decisions, approvals, policy)\n"
		"appends a record to its audit trail, each chained to the one before by a\n"
		"SHA-256 hash, so that an edit or a deletion shows.\n\n"
		"  verify   checks the whole chain; names the first broken record and why.\n"
		"           Prints the hash of the last record: keep it elsewhere to prove\n"
		"           later that nothing before it was rewritten\n"
		"  export   the records from WHEN (inclusive) to WHEN (inclusive), as CSV\n"
		"           (seq, at, actor, action, object, detail, prev_hash, hash) or as a\n"
		"           JSON array.  WHEN is a date (YYYY-MM-DD, the whole day) or a UTC\n"
		"           time (YYYY-MM-DDTHH:MM[:SS]Z)\n\n"
		"options:\n"
		"  --db DB          the case store (also --cases DB, or env VIGIL_CASES)\n"
		"  --from WHEN      export: the first day or time (default: the beginning)\n"
		"  --to WHEN        export: the last day or time (default: now)\n"
		"  --format csv|json  export: CSV (default) or a JSON array\n"
		"  -o FILE          write the export to FILE (replaced whole, atomically)\n\n"
		"Exit status: 0; 1 runtime failure; 2 usage error; 3 the chain is broken,\n"
		"or the store is damaged or foreign.\n");
}

typedef struct {
	vg_cases *cs;
	const char *from, *to;
	vg_cases_format format;
} export_ctx;

static int to_file(void *ctx, const char *data, size_t len)
{
	return fwrite(data, 1, len, ctx) != len;
}

static int export_fn(void *ctx, FILE *f)
{
	export_ctx *e = ctx;
	if (vg_cases_audit_export(e->cs, e->from, e->to, e->format, to_file, f) != 0)
		return vg_error_last()->code == VG_EIO ? EXIT_RUNTIME : cli_fail("audit");
	return EXIT_OK;
}

static int verify(vg_cases *cs)
{
	vg_cases_audit_report rep;
	if (vg_cases_audit_verify(&rep, cs) != 0)
		return cli_fail("audit");
	if (!rep.intact) {
		printf("audit trail BROKEN at record %llu: %s\n(%llu records before it are "
		       "intact)\n", (unsigned long long)rep.first_broken, rep.problem,
		       (unsigned long long)rep.records);
		return EXIT_DATA;
	}
	printf("audit trail intact: %llu records; last record's hash %s\n",
	       (unsigned long long)rep.records, rep.head);
	return EXIT_OK;
}

int cmd_audit(int argc, char **argv)
{
	enum { O_DB = 256, O_FROM, O_TO, O_FORMAT };
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, O_DB },
		{ "cases", required_argument, NULL, O_DB },
		{ "from", required_argument, NULL, O_FROM },
		{ "to", required_argument, NULL, O_TO },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *sub = argc > 1 ? argv[1] : NULL, *db = getenv("VIGIL_CASES"), *out = NULL;
	vg_cases_options co = VG_CASES_OPTIONS_INIT;
	export_ctx e = { NULL, NULL, NULL, VG_CASES_CSV };
	int c, rc;
	if (!sub || !strcmp(sub, "-h") || !strcmp(sub, "--help")) {
		usage(sub ? stdout : stderr);
		return sub ? EXIT_OK : EXIT_USAGE;
	}
	if (strcmp(sub, "verify") && strcmp(sub, "export"))
		return cli_usage_error("audit", "unknown command '%s'", sub);
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case O_DB: db = optarg; break;
		case O_FROM: e.from = optarg; break;
		case O_TO: e.to = optarg; break;
		case O_FORMAT:
			if (strcmp(optarg, "csv") && strcmp(optarg, "json"))
				return cli_usage_error("audit", "--format: csv or json");
			e.format = strcmp(optarg, "json") ? VG_CASES_CSV : VG_CASES_JSON;
			break;
		case 'o': out = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return cli_usage_error("audit", "unknown option");
		}
	}
	if (optind < argc - 1)
		return cli_usage_error("audit", "unexpected argument '%s'", argv[1 + optind]);
	if (!db || !*db)
		return cli_usage_error("audit", "--db DB is required (or set VIGIL_CASES)");
	co.create = false;
	co.read_only = true;
	if (vg_cases_open(&e.cs, db, &co) != 0)
		return cli_fail("audit");
	rc = !strcmp(sub, "verify") ? verify(e.cs) : cli_write_atomic("audit", out, export_fn, &e);
	vg_cases_free(e.cs);
	return rc;
}
