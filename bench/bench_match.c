/*
 * bench_match.c - in-process matching speed and retrieval recall.
 *
 * usage: bench_match INDEX QUERIES.csv [MAX_QUERIES] [EXHAUSTIVE_QUERIES]
 *
 * Runs every query (columns full_name/name, date_of_birth, nationality,
 * schema) through vg_match and reports p50/p99/mean latency.  Then, for the
 * first EXHAUSTIVE_QUERIES queries (default 300), compares against the
 * exhaustive reference (every name in the index compared): recall = the
 * share of the reference's matches (score >= threshold) that the indexed
 * path also returns, and the speed ratio of the two paths.
 */
#include "match/match_internal.h"
#include "vigil/vigil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef struct {
	char *name, *dob, *country, *schema;
} query_row;

/* Thread CPU time: the machine is shared, and wall time would measure the
 * neighbours' load rather than ours. */
static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* Splits one CSV line (quotes honoured, no embedded newlines) in place. */
static int split(char *line, char **f, int cap)
{
	int n = 0;
	char *p = line, *w;
	while (n < cap) {
		f[n++] = w = p;
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else if (!*p) {
					break;
				} else {
					*w++ = *p++;
				}
			}
			while (*p && *p != ',')
				p++;
		} else {
			while (*p && *p != ',' && *p != '\n' && *p != '\r')
				*w++ = *p++;
		}
		if (*p != ',') {
			*w = '\0';
			break;
		}
		*w = '\0';
		p++;
	}
	return n;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static size_t load(const char *path, query_row **out, size_t max)
{
	FILE *f = fopen(path, "r");
	char line[8192], hdr[8192], *h[64], *v[64];
	int nh, i, cn = -1, cd = -1, cc = -1, cs = -1;
	size_t n = 0, cap = 1024;
	query_row *rows = malloc(cap * sizeof(*rows));
	if (!f || !rows || !fgets(hdr, sizeof(hdr), f))
		exit(1);
	nh = split(hdr, h, 64);
	for (i = 0; i < nh; i++) {
		if (!strcmp(h[i], "full_name") || !strcmp(h[i], "name"))
			cn = i;
		else if (!strcmp(h[i], "date_of_birth"))
			cd = i;
		else if (!strcmp(h[i], "nationality"))
			cc = i;
		else if (!strcmp(h[i], "schema"))
			cs = i;
	}
	while (n < max && fgets(line, sizeof(line), f)) {
		int nv = split(line, v, 64);
		if (cn < 0 || cn >= nv || !v[cn][0])
			continue;
		if (n == cap)
			rows = realloc(rows, (cap *= 2) * sizeof(*rows));
		rows[n].name = strdup(v[cn]);
		rows[n].dob = (cd >= 0 && cd < nv && v[cd][0]) ? strdup(v[cd]) : NULL;
		rows[n].country = (cc >= 0 && cc < nv && v[cc][0]) ? strdup(v[cc]) : NULL;
		rows[n].schema = (cs >= 0 && cs < nv && v[cs][0]) ? strdup(v[cs]) : NULL;
		n++;
	}
	fclose(f);
	*out = rows;
	return n;
}

static void make_query(vg_query *q, const query_row *r, const char **names,
		       const char **countries)
{
	vg_query init = VG_QUERY_INIT;
	*q = init;
	names[0] = r->name;
	q->names = names;
	q->n_names = 1;
	if (r->dob && strlen(r->dob) <= 10)
		q->birth_date = r->dob;
	if (r->country) {
		countries[0] = r->country;
		q->countries = countries;
		q->n_countries = 1;
	}
	if (r->schema)
		q->schema = vg_schema_from_name(r->schema, strlen(r->schema));
	if (q->schema == VG_SCHEMA_UNKNOWN)
		q->schema = VG_SCHEMA_THING;
}

int main(int argc, char **argv)
{
	vg_index *ix = NULL;
	vg_matcher *m = NULL;
	query_row *rows;
	size_t n, i, j, max = argc > 3 ? (size_t)atol(argv[3]) : 100000;
	size_t n_ex = argc > 4 ? (size_t)atol(argv[4]) : 300;
	double *lat, t0, total = 0, ex_total = 0, ix_total = 0;
	size_t ref_matches = 0, found = 0, failed = 0, matched_rows = 0;
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	double thr = vg_match_threshold();
	uint32_t *want = NULL;
	size_t n_want, cap_want = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_match INDEX QUERIES.csv [MAX] [EXHAUSTIVE]\n");
		return 2;
	}
	if (vg_index_open(&ix, argv[1]) || vg_matcher_new(&m, ix)) {
		fprintf(stderr, "bench_match: %s\n", vg_error_last()->message);
		return 1;
	}
	n = load(argv[2], &rows, max);
	lat = malloc((n + 1) * sizeof(double));
	o.explain = false;
	/* warm the mapping and caches */
	for (i = 0; i < n && i < 200; i++) {
		vg_query q;
		const char *nm[1], *ct[1];
		make_query(&q, &rows[i], nm, ct);
		vg__match_run(m, &q, &o, 0);
	}
	for (i = 0; i < n; i++) {
		vg_query q;
		const char *nm[1], *ct[1];
		make_query(&q, &rows[i], nm, ct);
		t0 = now_us();
		if (vg__match_run(m, &q, &o, 0))
			failed++;
		lat[i] = now_us() - t0;
		total += lat[i];
		if (getenv("BENCH_SLOW") && lat[i] > atof(getenv("BENCH_SLOW")))
			printf("  slow %.0f us: %s (%zu candidates)\n", lat[i], rows[i].name, m->n_cands);
		if (m->n_cands && m->cands[0].score >= thr)
			matched_rows++;
	}
	qsort(lat, n, sizeof(double), cmp_d);
	printf("queries %zu (failed %zu) from %s against %zu entities\n", n, failed,
	       argv[2], vg_index_entity_count(ix));
	printf("latency p50 %.1f us  p99 %.1f us  mean %.1f us  (%.0f queries/s, 1 thread)\n",
	       n ? lat[n / 2] : 0, n ? lat[n * 99 / 100] : 0, n ? total / (double)n : 0,
	       total > 0 ? (double)n / (total / 1e6) : 0);
	printf("rows with a match at threshold %.2f: %zu; per query %.1f name comparisons, "
	       "%.0f postings read\n", thr, matched_rows,
	       n ? (double)m->n_compares / (double)(n + (n < 200 ? n : 200)) : 0,
	       n ? (double)m->n_postings / (double)(n + (n < 200 ? n : 200)) : 0);

	for (i = 0; i < n && i < n_ex; i++) {
		vg_query q;
		const char *nm[1], *ct[1];
		make_query(&q, &rows[i], nm, ct);
		t0 = now_us();
		if (vg__match_run(m, &q, &o, 1))
			continue;
		ex_total += now_us() - t0;
		n_want = 0;
		for (j = 0; j < m->n_cands && m->cands[j].score >= thr; j++) {
			if (n_want == cap_want)
				want = realloc(want, (cap_want = cap_want * 2 + 16) * sizeof(*want));
			want[n_want++] = m->cands[j].ord;
		}
		t0 = now_us();
		vg__match_run(m, &q, &o, 0);
		ix_total += now_us() - t0;
		ref_matches += n_want;
		for (j = 0; j < n_want; j++) {
			size_t k;
			for (k = 0; k < m->n_cands; k++)
				if (m->cands[k].ord == want[j] && m->cands[k].score >= thr) {
					found++;
					break;
				}
			if (k == m->n_cands && getenv("BENCH_VERBOSE"))
				printf("  missed: %s -> %s\n", rows[i].name,
				       vg_index_entity_id(ix, want[j]));
		}
	}
	printf("recall vs exhaustive over %zu queries: %zu of %zu matches (%.4f); "
	       "index path %.0fx faster (%.1f us vs %.1f us per query)\n",
	       n < n_ex ? n : n_ex, found, ref_matches,
	       ref_matches ? (double)found / (double)ref_matches : 1.0,
	       ix_total > 0 ? ex_total / ix_total : 0,
	       ix_total / (double)(n < n_ex ? n : n_ex),
	       ex_total / (double)(n < n_ex ? n : n_ex));
	vg_matcher_free(m);
	vg_index_free(ix);
	for (i = 0; i < n; i++) {
		free(rows[i].name);
		free(rows[i].dob);
		free(rows[i].country);
		free(rows[i].schema);
	}
	free(rows);
	free(lat);
	free(want);
	return 0;
}
