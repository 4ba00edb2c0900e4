/*
 * cmd_entity.c - `vigil entity -x INDEX [--flat] [--links N] ID|--all`:
 * prints one entity as FollowTheMoney JSON, nested as yente's /entities/ID
 * nests it (and vigil's links up to depth N); --all prints every record of
 * the index, one JSON line each (an FtM export of the index).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void help(FILE *f)
{
	fprintf(f,
		"usage: vigil entity -x INDEX [--flat] [--links N] ID\n"
		"       vigil entity -x INDEX [--flat] --all\n\n"
		"Prints the entity with that id as a FollowTheMoney entity: {\"id\",\n"
		"\"caption\", \"schema\", \"properties\", \"datasets\", \"referents\",\n"
		"\"target\", \"first_seen\", \"last_seen\", \"last_change\"}.  The entities\n"
		"it points at and the records pointing at it (sanctions, ownerships,\n"
		"addresses ...) are written whole in its properties, as yente does;\n"
		"--flat leaves them as ids.  With --links N also \"links\": its\n"
		"neighbourhood up to depth N.  --all prints every record of the index\n"
		"(parties, sanctions, links, addresses ...), one JSON line each.\n"
		"Exit status: 0, 1 runtime failure or unknown id, 2 usage error,\n"
		"3 damaged index.\n");
}

/* Every record, one line each, written a few at a time. */
static int print_all(const vg_index *ix, const vg_json_options *jo)
{
	vg_buf out = VG_BUF_INIT;
	size_t n = vg_index_record_count(ix), i;
	int rc = EXIT_OK;
	for (i = 0; i < n && rc == EXIT_OK; i++) {
		if (vg_json_entity(&out, ix, (uint32_t)i, jo) != 0 || vg_buf_puts(&out, "\n") != 0) {
			rc = cli_fail("entity");
			break;
		}
		if (out.size > (1u << 16) || i + 1 == n) {
			rc = cli_write(&out);
			vg_buf_clear(&out);
		}
	}
	vg_buf_dispose(&out);
	return rc;
}

int cmd_entity(int argc, char **argv)
{
	const char *index_path = NULL, *id = NULL;
	int i, rc = EXIT_OK;
	vg_json_options jo = VG_JSON_OPTIONS_INIT;
	vg_index *ix = NULL;
	vg_buf out = VG_BUF_INIT;
	bool flat = false, all = false;
	uint32_t ord;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			help(stdout);
			return EXIT_OK;
		} else if ((!strcmp(a, "-x") || !strcmp(a, "--index")) && i + 1 < argc) {
			index_path = argv[++i];
		} else if (!strcmp(a, "--links") && i + 1 < argc) {
			char *end;
			long k = strtol(argv[++i], &end, 10);
			if (*end || k < 0 || k > 10)
				return cli_usage_error("entity", "--links must be 0..10");
			jo.links_depth = (int)k;
		} else if (!strcmp(a, "--flat")) {
			flat = true;
		} else if (!strcmp(a, "--all")) {
			all = true;
		} else if (!strcmp(a, "--json")) {
			/* the only output format */
		} else if (a[0] == '-' && a[1]) {
			return cli_usage_error("entity", "unknown option or missing value '%s'", a);
		} else if (!id) {
			id = a;
		} else {
			return cli_usage_error("entity", "one ID only");
		}
	}
	if (!index_path || (!id && !all) || (id && all))
		return cli_usage_error("entity", "usage: vigil entity -x INDEX ID|--all");
	if (vg_index_open(&ix, index_path) != 0)
		return cli_fail("entity");
	jo.nested = !flat;
	if (all) {
		rc = print_all(ix, &jo);
		goto cleanup;
	}
	if (vg_index_lookup(&ord, ix, id) != 0 || vg_json_entity(&out, ix, ord, &jo) != 0 ||
	    vg_buf_puts(&out, "\n") != 0) {
		rc = cli_fail("entity");
		goto cleanup;
	}
	rc = cli_write(&out);
cleanup:
	vg_buf_dispose(&out);
	vg_index_free(ix);
	return rc;
}
