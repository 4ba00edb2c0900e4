/*
 * cmd_scan.c - `vigil scan`: find listed parties mentioned in free text.
 *
 * JSON is the library's writer's (vg_scan_json); `--format text` reads the
 * mentions as data (vg_scan) with the entities, their sanctions and their
 * links (vigil/index.h) and prints a report a person can read: one block
 * per party mentioned, with where, why it is flagged (sanctions: authority,
 * programme, date) and how it is linked to other listed parties.
 */
#include "cli.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f)
{
	fprintf(f,
		"usage: vigil scan -x INDEX [--links DEPTH] [--threshold T] [--html]\n"
		"                  [--format json|text] [--json] FILE\n\n"
		"Finds listed parties mentioned in FILE (UTF-8 text, or HTML with\n"
		"--html; '-' reads standard input) and prints\n"
		"  {\"mentions\": [{\"start\", \"end\", \"text\", \"result\", \"links\"}]}\n"
		"with byte offsets into FILE.  RESULT is as for `vigil match`, plus\n"
		"\"sanctions\"; \"links\" lists the parties linked to it within DEPTH links\n"
		"(default 1) with the path to each and its sanctions.\n\n"
		"options:\n"
		"  -x, --index INDEX   the index file (vigil build)\n"
		"  --links DEPTH       follow links this deep (0: none; default 1)\n"
		"  --threshold T       report mentions scoring at least T (default 0.7)\n"
		"  --html              strip tags; offsets still point into FILE\n"
		"  --json              JSON output (the default)\n"
		"  --format text       a readable report instead of JSON\n\n"
		"Exit status: 0 done (with or without mentions), 1 runtime failure,\n"
		"2 usage error, 3 FILE is not UTF-8 text.\n");
}

static int read_all(vg_buf *out, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char chunk[65536];
	size_t n;

	if (!f) {
		fprintf(stderr, "vigil scan: %s: %s\n", path, strerror(errno));
		return EXIT_RUNTIME;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (vg_buf_put(out, chunk, n) < 0) {
			if (f != stdin)
				fclose(f);
			return cli_fail("scan");
		}
	if (ferror(f)) {
		fprintf(stderr, "vigil scan: %s: %s\n", path, strerror(errno));
		if (f != stdin)
			fclose(f);
		return EXIT_RUNTIME;
	}
	if (f != stdin)
		fclose(f);
	if (!out->ptr && vg_buf_puts(out, "") < 0)
		return cli_fail("scan");
	return EXIT_OK;
}

/* `lead` starts each sanction's line, `indent` its reason's line. */
static void print_sanctions(const vg_index *ix, uint32_t ord, const char *lead,
			    const char *indent)
{
	size_t i;
	for (i = 0; i < vg_entity_sanction_count(ix, ord); i++) {
		uint32_t s = vg_entity_sanction(ix, ord, i);
		const char *auth = vg_entity_first(ix, s, "authority");
		const char *prog = vg_entity_first(ix, s, "program");
		const char *date = vg_entity_first(ix, s, "startDate");
		const char *why = vg_entity_first(ix, s, "reason");
		printf("%ssanctioned by %s", lead, auth ? auth : "(authority not stated)");
		if (prog)
			printf(", programme: %s", prog);
		if (date)
			printf(", since %s", date);
		printf("\n");
		if (why)
			printf("%sreason: %s\n", indent, why);
	}
}

static void print_topics(const vg_index *ix, uint32_t ord, const char *indent)
{
	vg_value v;
	size_t i;
	for (i = 0; vg_entity_value(&v, ix, ord, i); i++) {
		if (strcmp(v.property, "topics"))
			continue;
		if (!strcmp(v.value, "role.pep"))
			printf("%spolitically exposed person (role.pep)\n", indent);
		else if (strcmp(v.value, "sanction"))
			printf("%stopic: %s\n", indent, v.value);
	}
}

/* The hops from the start of a walk to step i. */
static void print_path(const vg_index *ix, const vg_walk_step *w, size_t i)
{
	const vg_walk_step *hop = &w[i];
	const char *rel = vg_link_relation(ix, hop->edge, hop->direction);
	if (hop->parent != 0)
		print_path(ix, w, hop->parent);
	else
		printf("%s", vg_entity_caption(ix, w[0].ordinal));
	if (hop->direction == VG_LINK_OUT)
		printf(" --[%s]--> %s", rel ? rel : "linked to", vg_entity_caption(ix, hop->ordinal));
	else
		printf(" <--[%s]-- %s", rel ? rel : "linked to", vg_entity_caption(ix, hop->ordinal));
}

static void print_links(const vg_index *ix, const vg_walk_step *w, size_t n, bool truncated)
{
	size_t i;
	for (i = 1; i < n; i++) {
		printf("    - ");
		print_path(ix, w, i);
		printf("  (%s, %s)\n", vg_entity_schema(ix, w[i].ordinal),
		       vg_index_entity_id(ix, w[i].ordinal));
		print_sanctions(ix, w[i].ordinal, "        ", "          ");
		print_topics(ix, w[i].ordinal, "        ");
	}
	if (truncated)
		printf("    ... more links not shown (limit 200)\n");
}

/* The text of a mention on one line (names can span a line break). */
static const char *one_line(const char *s, size_t len, char *buf, size_t cap)
{
	size_t i;
	for (i = 0; i < len && i + 1 < cap; i++)
		buf[i] = (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') ? ' ' : s[i];
	buf[i] = '\0';
	return buf;
}

/* Why a party without sanctions of its own is flagged: the first party
 * linked to it that is sanctioned. */
static void print_linked_sanction(const vg_index *ix, const vg_walk_step *w, size_t n)
{
	size_t i;
	for (i = 1; i < n; i++)
		if (vg_entity_sanction_count(ix, w[i].ordinal)) {
			const char *rel = vg_link_relation(ix, w[i].edge, w[i].direction);
			printf("    why flagged: linked (%s) to %s, which is sanctioned "
			       "(see links)\n", rel ? rel : "linked to",
			       vg_entity_caption(ix, w[i].ordinal));
			return;
		}
}

/* One block for the entity of mention i and every later mention of it. */
static int print_entity(const vg_index *ix, const vg_mention *ms, size_t n, size_t i,
			bool *done, const char *text, int depth)
{
	uint32_t ord = ms[i].ordinal;
	vg_walk_step *w = NULL;
	size_t count = 0, j, nw = 0;
	bool truncated = false;
	char line[512];
	if (depth > 0 && vg_entity_walk(&w, &nw, &truncated, ix, ord, depth) < 0)
		return cli_fail("scan");
	printf("\n* %s  (%s, id %s, list %s)\n", vg_entity_caption(ix, ord),
	       vg_entity_schema(ix, ord), vg_index_entity_id(ix, ord),
	       vg_entity_dataset(ix, ord, 0) ? vg_entity_dataset(ix, ord, 0) : "?");
	printf("    mentioned as:\n");
	for (j = i; j < n; j++) {
		if (ms[j].ordinal != ord)
			continue;
		done[j] = true;
		if (count++ < 5)
			printf("      \"%s\"  (byte %zu, %s, score %.2f)\n",
			       one_line(text + ms[j].start, ms[j].end - ms[j].start, line,
					sizeof(line)),
			       ms[j].start, ms[j].rule, ms[j].score);
	}
	if (count > 5)
		printf("      ... %zu mentions in all\n", count);
	printf("    matched listed name: \"%.*s\"\n", (int)ms[i].listed_len, ms[i].listed_name);
	if (ms[i].n_alternatives) {
		printf("    same name also listed as:");
		for (j = 0; j < ms[i].n_alternatives; j++)
			printf(" %s", vg_index_entity_id(ix, ms[i].alternatives[j]));
		printf("\n");
	}
	print_sanctions(ix, ord, "    why flagged: ", "                   ");
	print_topics(ix, ord, "    why flagged: ");
	if (!vg_entity_sanction_count(ix, ord))
		print_linked_sanction(ix, w, nw);
	if (nw > 1) {
		printf("    links:\n");
		print_links(ix, w, nw, truncated);
	}
	free(w);
	return EXIT_OK;
}

/* One block per entity, in order of first mention. */
static int print_text(const vg_index *ix, const vg_scanner *sc, const vg_buf *input,
		      const vg_scan_options *opts, const char *file)
{
	vg_mention *ms = NULL;
	size_t n = 0, i;
	bool *done = NULL;
	int rc = EXIT_OK;
	if (vg_scan(&ms, &n, sc, input->ptr, input->size, opts) < 0) {
		const vg_error *e = vg_error_last();
		fprintf(stderr, "vigil scan: %s: %s\n", file, e->message);
		return cli_exit_status(e->code ? e->code : VG_ERROR);
	}
	if (!n) {
		printf("%s: no listed party mentioned.\n", file);
		free(ms);
		return EXIT_OK;
	}
	if (!(done = calloc(n, sizeof(*done)))) {
		free(ms);
		return EXIT_RUNTIME;
	}
	printf("%s: %zu mention%s of listed parties\n", file, n, n == 1 ? "" : "s");
	for (i = 0; i < n && rc == EXIT_OK; i++)
		if (!done[i])
			rc = print_entity(ix, ms, n, i, done, input->ptr, opts->links_depth);
	free(done);
	free(ms);
	return rc;
}

int cmd_scan(int argc, char **argv)
{
	const char *index_path = NULL, *file = NULL;
	vg_scan_options opts = VG_SCAN_OPTIONS_INIT;
	bool text = false;
	vg_index *ix = NULL;
	vg_scanner *sc = NULL;
	vg_buf input = VG_BUF_INIT, out = VG_BUF_INIT;
	int i, rc;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			help(stdout);
			return EXIT_OK;
		} else if ((!strcmp(a, "-x") || !strcmp(a, "--index")) && i + 1 < argc) {
			index_path = argv[++i];
		} else if (!strcmp(a, "--links") && i + 1 < argc) {
			char *end;
			long d = strtol(argv[++i], &end, 10);
			if (*end || d < 0 || d > 6)
				return cli_usage_error("scan", "--links wants 0..6, not '%s'", argv[i]);
			opts.links_depth = (int)d;
		} else if (!strcmp(a, "--threshold") && i + 1 < argc) {
			char *end;
			double t = strtod(argv[++i], &end);
			if (*end || t < 0 || t > 1)
				return cli_usage_error("scan", "--threshold wants 0..1, not '%s'", argv[i]);
			opts.threshold = t;
		} else if (!strcmp(a, "--html")) {
			opts.html = true;
		} else if (!strcmp(a, "--json")) {
			text = false;
		} else if (!strcmp(a, "--format") && i + 1 < argc) {
			const char *f = argv[++i];
			if (!strcmp(f, "text"))
				text = true;
			else if (!strcmp(f, "json"))
				text = false;
			else
				return cli_usage_error("scan", "--format is json or text, not '%s'", f);
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error("scan", "unknown option '%s'", a);
		} else if (!file) {
			file = a;
		} else {
			return cli_usage_error("scan", "one FILE only ('%s')", a);
		}
	}
	if (!index_path)
		return cli_usage_error("scan", "missing -x INDEX");
	if (!file)
		return cli_usage_error("scan", "missing FILE");

	if ((rc = read_all(&input, file)) != EXIT_OK)
		goto cleanup;
	if (vg_index_open(&ix, index_path) < 0 || vg_scanner_new(&sc, ix) < 0) {
		rc = cli_fail("scan");
		goto cleanup;
	}
	if (text) {
		rc = print_text(ix, sc, &input, &opts, file);
		goto cleanup;
	}
	if (vg_scan_json(sc, input.ptr, input.size, &opts, &out) < 0) {
		const vg_error *e = vg_error_last();
		fprintf(stderr, "vigil scan: %s: %s\n", file, e->message);
		rc = cli_exit_status(e->code ? e->code : VG_ERROR);
		goto cleanup;
	}
	rc = vg_buf_puts(&out, "\n") < 0 ? cli_fail("scan") : cli_write(&out);

cleanup:
	vg_scanner_free(sc);
	vg_index_free(ix);
	vg_buf_dispose(&input);
	vg_buf_dispose(&out);
	return rc;
}
