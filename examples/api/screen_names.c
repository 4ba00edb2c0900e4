/*
 * screen_names.c - a program of your own that screens names with libvigil.
 *
 * Builds an index from one watchlist file, opens it and screens each NAME,
 * printing the best results: what an application embedding vigil does
 * (the `vigil` command is a client of the same public API).
 *
 *     cc screen_names.c $(pkg-config --cflags --libs vigil) -o screen_names
 *     ./screen_names LIST INDEX NAME...
 *
 * e.g. ./screen_names rossotrudnichestvo.ftm.jsonl /tmp/ex.idx "Yevgeny Primakov"
 * Exit status: 0 when every call succeeded, 1 otherwise (the message of
 * the failing call on stderr).
 */
#include <vigil/vigil.h>

#include <stdio.h>

static int fail(const char *what)
{
	fprintf(stderr, "screen_names: %s: %s\n", what, vg_error_last()->message);
	return 1;
}

static int build(const char *list, const char *index_path)
{
	vg_builder *b = NULL;
	int rc = vg_builder_new(&b);
	if (rc == 0)
		rc = vg_builder_add(b, list, VG_FORMAT_AUTO);
	if (rc == 0)
		rc = vg_builder_write(b, index_path);
	vg_builder_free(b);
	return rc;
}

static int screen(vg_matcher *m, const vg_index *ix, const char *name)
{
	const char *names[1];
	vg_query q = VG_QUERY_INIT;
	vg_match_options opt = VG_MATCH_OPTIONS_INIT;
	vg_match_result res[3];
	size_t n, i;

	names[0] = name;
	q.names = names;
	q.n_names = 1;
	if (vg_match(&n, res, 3, m, &q, &opt) < 0)
		return -1;
	printf("%s: %zu result%s\n", name, n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++)
		printf("  %s  score %.2f%s\n", vg_index_entity_id(ix, res[i].ordinal),
		       res[i].score, res[i].match ? "  MATCH" : "");
	return 0;
}

int main(int argc, char **argv)
{
	vg_index *ix = NULL;
	vg_matcher *m = NULL;
	int i, status = 0;

	if (argc < 4) {
		fprintf(stderr, "usage: screen_names LIST INDEX NAME...\n");
		return 2;
	}
	if (build(argv[1], argv[2]) < 0)
		return fail(argv[1]);
	if (vg_index_open(&ix, argv[2]) < 0)
		return fail(argv[2]);
	if (vg_matcher_new(&m, ix) < 0) {
		vg_index_free(ix);
		return fail("matcher");
	}
	printf("%zu entities in %s\n", vg_index_entity_count(ix), argv[2]);
	for (i = 3; i < argc && status == 0; i++)
		if (screen(m, ix, argv[i]) < 0)
			status = fail(argv[i]);
	vg_matcher_free(m);
	vg_index_free(ix);
	return status;
}
