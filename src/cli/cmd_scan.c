/*
 * cmd_scan.c - `vigil scan`: find listed parties mentioned in free text.
 *
 * The library produces the CONTRACT's JSON document; `--format text` reads
 * that same document back (json-c) and prints a report a person can read:
 * one block per party mentioned, with where, why it is flagged (sanctions:
 * authority, programme, date) and how it is linked to other listed parties.
 * Rendering from the JSON keeps one source of truth for both formats.
 */
#include "cli.h"

#include <errno.h>
#include <json-c/json.h>
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

static const char *jstr(json_object *o, const char *key)
{
	json_object *v;
	if (!o || !json_object_object_get_ex(o, key, &v) ||
	    json_object_get_type(v) != json_type_string)
		return NULL;
	return json_object_get_string(v);
}

static json_object *jget(json_object *o, const char *key)
{
	json_object *v;
	return o && json_object_object_get_ex(o, key, &v) ? v : NULL;
}

static size_t jlen(json_object *a)
{
	return a && json_object_get_type(a) == json_type_array
	       ? json_object_array_length(a) : 0;
}

/* `lead` starts each sanction's line, `indent` its reason's line. */
static void print_sanctions(json_object *sanctions, const char *lead,
			    const char *indent)
{
	size_t i;
	for (i = 0; i < jlen(sanctions); i++) {
		json_object *s = json_object_array_get_idx(sanctions, i);
		const char *auth = jstr(s, "authority"), *prog = jstr(s, "program");
		const char *date = jstr(s, "start_date"), *why = jstr(s, "reason");
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

static void print_topics(json_object *topics, const char *indent)
{
	size_t i;
	for (i = 0; i < jlen(topics); i++) {
		const char *t = json_object_get_string(json_object_array_get_idx(topics, i));
		if (!strcmp(t, "role.pep"))
			printf("%spolitically exposed person (role.pep)\n", indent);
		else if (strcmp(t, "sanction"))
			printf("%stopic: %s\n", indent, t);
	}
}

static void print_links(json_object *links, const char *start_caption)
{
	size_t i, j;
	for (i = 0; i < jlen(links); i++) {
		json_object *l = json_object_array_get_idx(links, i);
		json_object *path = jget(l, "path"), *ent = jget(l, "entity");
		const char *prev = start_caption;
		if (jget(l, "truncated")) {
			printf("    ... more links not shown (limit %d)\n",
			       json_object_get_int(jget(l, "limit")));
			continue;
		}
		printf("    - ");
		for (j = 0; j < jlen(path); j++) {
			json_object *hop = json_object_array_get_idx(path, j);
			const char *rel = jstr(hop, "relation"), *cap = jstr(hop, "caption");
			const char *dir = jstr(hop, "direction");
			if (j == 0)
				printf("%s", prev ? prev : "?");
			if (dir && !strcmp(dir, "out"))
				printf(" --[%s]--> %s", rel ? rel : "linked to", cap ? cap : "?");
			else
				printf(" <--[%s]-- %s", rel ? rel : "linked to", cap ? cap : "?");
			prev = cap;
		}
		printf("  (%s, %s)\n", jstr(ent, "schema") ? jstr(ent, "schema") : "?",
		       jstr(ent, "id") ? jstr(ent, "id") : "?");
		if (jlen(jget(l, "sanctions")))
			print_sanctions(jget(l, "sanctions"), "        ", "          ");
		print_topics(jget(ent, "topics"), "        ");
	}
}

/* The text of a mention on one line (names can span a line break). */
static const char *one_line(const char *s, char *buf, size_t cap)
{
	size_t i;
	if (!s)
		return "?";
	for (i = 0; s[i] && i + 1 < cap; i++)
		buf[i] = (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') ? ' ' : s[i];
	buf[i] = '\0';
	return buf;
}

/* One block per entity, in order of first mention. */
static int print_text(const vg_buf *doc, const char *file)
{
	json_object *root = json_tokener_parse(doc->ptr), *ms;
	size_t n, i, j;
	bool *done;

	if (!root) {
		fprintf(stderr, "vigil scan: internal error: bad JSON\n");
		return EXIT_RUNTIME;
	}
	ms = jget(root, "mentions");
	n = jlen(ms);
	if (!n) {
		printf("%s: no listed party mentioned.\n", file);
		json_object_put(root);
		return EXIT_OK;
	}
	if (!(done = calloc(n, sizeof(*done)))) {
		json_object_put(root);
		return EXIT_RUNTIME;
	}
	printf("%s: %zu mention%s of listed parties\n", file, n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		json_object *m = json_object_array_get_idx(ms, i);
		json_object *r = jget(m, "result"), *ex = jget(r, "explanation");
		const char *id = jstr(r, "id"), *cap = jstr(r, "caption"), *listed;
		size_t count = 0;
		char line[512];
		if (done[i] || !id)
			continue;
		printf("\n* %s  (%s, id %s, list %s)\n", cap ? cap : "?",
		       jstr(r, "schema") ? jstr(r, "schema") : "?", id,
		       jlen(jget(r, "datasets"))
		       ? json_object_get_string(json_object_array_get_idx(jget(r, "datasets"), 0))
		       : "?");
		printf("    mentioned as:\n");
		for (j = i; j < n; j++) {
			json_object *m2 = json_object_array_get_idx(ms, j);
			json_object *r2 = jget(m2, "result");
			if (!jstr(r2, "id") || strcmp(jstr(r2, "id"), id))
				continue;
			done[j] = true;
			if (count++ < 5)
				printf("      \"%s\"  (byte %d, %s, score %.2f)\n",
				       one_line(jstr(m2, "text"), line, sizeof(line)),
				       json_object_get_int(jget(m2, "start")),
				       jstr(jget(r2, "explanation"), "rule"),
				       json_object_get_double(jget(r2, "score")));
		}
		if (count > 5)
			printf("      ... %zu mentions in all\n", count);
		listed = jstr(ex, "listed_name");
		printf("    matched listed name: \"%s\"\n", listed ? listed : "?");
		if (jlen(jget(ex, "alternatives"))) {
			printf("    same name also listed as:");
			for (j = 0; j < jlen(jget(ex, "alternatives")); j++)
				printf(" %s", json_object_get_string(
						      json_object_array_get_idx(jget(ex, "alternatives"), j)));
			printf("\n");
		}
		if (jlen(jget(r, "sanctions")))
			print_sanctions(jget(r, "sanctions"), "    why flagged: ",
					"                   ");
		print_topics(jget(r, "topics"), "    why flagged: ");
		for (j = 0; !jlen(jget(r, "sanctions")) && j < jlen(jget(m, "links")); j++) {
			json_object *l = json_object_array_get_idx(jget(m, "links"), j);
			json_object *path = jget(l, "path");
			json_object *last = jlen(path) ? json_object_array_get_idx(path, jlen(path) - 1) : NULL;
			if (!jlen(jget(l, "sanctions")) || !last)
				continue;
			printf("    why flagged: linked (%s) to %s, which is sanctioned "
			       "(see links)\n", jstr(last, "relation") ? jstr(last, "relation") : "linked to",
			       jstr(last, "caption") ? jstr(last, "caption") : "?");
			break;
		}
		if (jlen(jget(m, "links"))) {
			printf("    links:\n");
			print_links(jget(m, "links"), cap);
		}
	}
	free(done);
	json_object_put(root);
	return EXIT_OK;
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
	if (vg_scan_json(sc, input.ptr, input.size, &opts, &out) < 0) {
		const vg_error *e = vg_error_last();
		fprintf(stderr, "vigil scan: %s: %s\n", file, e->message);
		rc = cli_exit_status(e->code ? e->code : VG_ERROR);
		goto cleanup;
	}
	if (text) {
		rc = print_text(&out, file);
	} else {
		rc = vg_buf_puts(&out, "\n") < 0 ? cli_fail("scan") : cli_write(&out);
	}

cleanup:
	vg_scanner_free(sc);
	vg_index_free(ix);
	vg_buf_dispose(&input);
	vg_buf_dispose(&out);
	return rc;
}
