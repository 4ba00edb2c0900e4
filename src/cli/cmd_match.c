/*
 * cmd_match.c - `vigil match -x INDEX [options] --json NAME...`: screens one
 * party and prints {"query": {...}, "results": [RESULT, ...]}.
 *
 * Invariant: a query the library rejects (empty or punctuation-only name,
 * invalid UTF-8, oversized field, unknown schema, malformed date) is a
 * usage error: exit 2 with the offending field named, nothing on stdout.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define MAX_MULTI 16

static void help(FILE *f)
{
	fprintf(f,
		"usage: vigil match -x INDEX [options] --json NAME [NAME...]\n\n"
		"Screens one party against the index; prints\n"
		"{\"query\": {...}, \"results\": [RESULT, ...]} best first, where RESULT is\n"
		"{\"id\", \"caption\", \"schema\", \"score\", \"match\", \"datasets\", \"topics\",\n"
		"\"explanation\"}.  Several NAMEs are names of the same party.\n\n"
		"options:\n"
		"  -x, --index INDEX     the index file (required)\n"
		"  --schema S            Person, Organization, Company, LegalEntity, Vessel,\n"
		"                        Aircraft, PublicBody or Thing (default: any)\n"
		"  --first-name N, --middle-name N, --last-name N   name parts\n"
		"  --birth-date D        YYYY, YYYY-MM or YYYY-MM-DD\n"
		"  --country C           nationality or country (name or ISO code), repeatable\n"
		"  --id-number N         passport, registration ... number, repeatable\n"
		"  --gender G            male or female\n"
		"  --limit K             results at most (default 5)\n"
		"  --threshold T         decision threshold on the score (default %.2f)\n"
		"  --dataset D           only entities of this source, repeatable\n"
		"  --topic T             only entities with this topic, repeatable\n"
		"  --links N             include links up to depth N\n"
		"  --properties          include each result's properties\n"
		"  --no-explain          leave out explanations\n"
		"  --json                JSON output (the only format; accepted for clarity)\n"
		"Exit status: 0, 1 runtime failure, 2 usage error or invalid query,\n"
		"3 damaged index.\n", vg_match_threshold());
}

static int put_list(vg_buf *b, const char *key, const char *const *v, size_t n)
{
	size_t i;
	int rc = vg_buf_printf(b, ", \"%s\": [", key);
	for (i = 0; i < n; i++) {
		if (i)
			rc |= vg_buf_puts(b, ", ");
		rc |= vg_buf_put_json_string(b, v[i], strlen(v[i]));
	}
	return rc | vg_buf_puts(b, "]");
}

static int put_opt(vg_buf *b, const char *key, const char *v)
{
	int rc;
	if (!v)
		return 0;
	rc = vg_buf_printf(b, ", \"%s\": ", key);
	return rc | vg_buf_put_json_string(b, v, strlen(v));
}

int cmd_match(int argc, char **argv)
{
	const char *index_path = NULL, *names[MAX_MULTI], *countries[MAX_MULTI],
		   *ids[MAX_MULTI], *datasets[MAX_MULTI], *topics[MAX_MULTI];
	size_t n_names = 0, n_countries = 0, n_ids = 0, n_datasets = 0,
	       n_topics = 0, n = 0;
	vg_query q = VG_QUERY_INIT;
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	vg_index *ix = NULL;
	vg_matcher *m = NULL;
	vg_buf out = VG_BUF_INIT;
	int i, rc = EXIT_OK;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED() do { if (!v) return cli_usage_error("match", "%s needs a value", a); i++; } while (0)
#define PUSH(arr, cnt) do { if (cnt >= MAX_MULTI) return cli_usage_error("match", "too many %s", a); arr[cnt++] = v; } while (0)
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			help(stdout);
			return EXIT_OK;
		} else if (!strcmp(a, "-x") || !strcmp(a, "--index")) {
			NEED();
			index_path = v;
		} else if (!strcmp(a, "--schema")) {
			NEED();
			q.schema = vg_schema_from_name(v, strlen(v));
			if (q.schema == VG_SCHEMA_UNKNOWN)
				return cli_usage_error("match", "unknown schema '%s'", v);
		} else if (!strcmp(a, "--first-name")) {
			NEED();
			q.first_name = v;
		} else if (!strcmp(a, "--middle-name")) {
			NEED();
			q.middle_name = v;
		} else if (!strcmp(a, "--last-name")) {
			NEED();
			q.last_name = v;
		} else if (!strcmp(a, "--birth-date")) {
			NEED();
			q.birth_date = v;
		} else if (!strcmp(a, "--country") || !strcmp(a, "--nationality")) {
			NEED();
			PUSH(countries, n_countries);
		} else if (!strcmp(a, "--id-number")) {
			NEED();
			PUSH(ids, n_ids);
		} else if (!strcmp(a, "--gender")) {
			NEED();
			q.gender = v;
		} else if (!strcmp(a, "--limit")) {
			char *end;
			long k;
			NEED();
			k = strtol(v, &end, 10);
			if (*end || k < 1 || k > 1000)
				return cli_usage_error("match", "--limit must be 1..1000");
			o.limit = (size_t)k;
		} else if (!strcmp(a, "--threshold")) {
			char *end;
			NEED();
			o.threshold = strtod(v, &end);
			if (*end || o.threshold < 0.0 || o.threshold > 1.0)
				return cli_usage_error("match", "--threshold must be 0..1");
		} else if (!strcmp(a, "--dataset")) {
			NEED();
			PUSH(datasets, n_datasets);
		} else if (!strcmp(a, "--topic")) {
			NEED();
			PUSH(topics, n_topics);
		} else if (!strcmp(a, "--links")) {
			char *end;
			long k;
			NEED();
			k = strtol(v, &end, 10);
			if (*end || k < 0 || k > 10)
				return cli_usage_error("match", "--links must be 0..10");
			o.links_depth = (int)k;
		} else if (!strcmp(a, "--properties")) {
			o.properties = true;
		} else if (!strcmp(a, "--no-explain")) {
			o.explain = false;
		} else if (!strcmp(a, "--json")) {
			/* the only output format */
		} else if (a[0] == '-' && a[1]) {
			return cli_usage_error("match", "unknown option '%s'", a);
		} else {
			v = a;
			PUSH(names, n_names);
		}
#undef NEED
#undef PUSH
	}
	if (!index_path)
		return cli_usage_error("match", "missing -x INDEX");
	q.names = names;
	q.n_names = n_names;
	q.countries = countries;
	q.n_countries = n_countries;
	q.id_numbers = ids;
	q.n_id_numbers = n_ids;
	o.datasets = n_datasets ? datasets : NULL;
	o.n_datasets = n_datasets;
	o.topics = n_topics ? topics : NULL;
	o.n_topics = n_topics;
	if (vg_query_validate(&q) != 0)
		return cli_usage_error("match", "%s", vg_error_last()->message);
	if (vg_index_open(&ix, index_path) != 0 || vg_matcher_new(&m, ix) != 0) {
		rc = cli_fail("match");
		goto cleanup;
	}
	vg_buf_puts(&out, "{\"query\": {\"schema\": ");
	vg_buf_put_json_string(&out, vg_schema_name(q.schema), strlen(vg_schema_name(q.schema)));
	put_list(&out, "names", names, n_names);
	put_opt(&out, "first_name", q.first_name);
	put_opt(&out, "middle_name", q.middle_name);
	put_opt(&out, "last_name", q.last_name);
	put_opt(&out, "birth_date", q.birth_date);
	put_list(&out, "countries", countries, n_countries);
	put_list(&out, "id_numbers", ids, n_ids);
	put_opt(&out, "gender", q.gender);
	vg_buf_puts(&out, "}, \"results\": ");
	if (vg_match_json(&n, m, &q, &o, &out) != 0) {
		int code = vg_error_last()->code;
		if (code == VG_EUSAGE)
			rc = cli_usage_error("match", "%s", vg_error_last()->message);
		else
			rc = cli_fail("match");
		goto cleanup;
	}
	if (vg_buf_puts(&out, "}\n") != 0) {
		rc = cli_fail("match");
		goto cleanup;
	}
	rc = cli_write(&out);
cleanup:
	vg_buf_dispose(&out);
	vg_matcher_free(m);
	vg_index_free(ix);
	return rc;
}
