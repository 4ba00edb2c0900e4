/*
 * bench_read.c - how fast the list readers turn official files into
 * records: for each input, records per schema, screenable entities,
 * warnings and records per second (best of N runs).
 *
 * Usage: bench_read [-n RUNS] [-v] PATH...   (formats are detected)
 */
#include "model/record.h"
#include "vigil/vigil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
	size_t by_schema[VG_SCHEMA__COUNT];
	size_t records, props, warnings;
	int verbose;
} counts;

static int on_record(void *ctx, const vg_record *rec)
{
	counts *c = ctx;
	c->records++;
	c->props += rec->n_props;
	if ((int)rec->schema >= 0 && rec->schema < VG_SCHEMA__COUNT)
		c->by_schema[rec->schema]++;
	return 0;
}

static void on_warning(void *ctx, const char *file, size_t line, const char *what)
{
	counts *c = ctx;
	c->warnings++;
	if (c->verbose)
		fprintf(stderr, "warning: %s:%zu: %s\n", file, line, what);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int runs = 5, i, r, first = 1, verbose = 0;
	double total = 0;
	size_t total_records = 0;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "-v") == 0)
			verbose = 1;
	}
	first = i;
	if (first >= argc) {
		fprintf(stderr, "usage: bench_read [-n RUNS] [-v] PATH...\n");
		return 2;
	}
	printf("%-28s %-13s %8s %8s %9s %8s %10s\n", "source", "format", "records",
	       "entities", "warnings", "ms", "records/s");
	for (i = first; i < argc; i++) {
		double best = 1e9;
		counts c;
		vg_source_meta meta;
		size_t entities = 0;
		int s;
		for (r = 0; r < runs; r++) {
			vg_reader_sink sink = { on_record, on_warning, &c, 0 };
			double t0;
			memset(&c, 0, sizeof(c));
			c.verbose = verbose && r == 0;
			t0 = now();
			if (vg_source_read(argv[i], VG_FORMAT_AUTO, &meta, &sink) != 0) {
				fprintf(stderr, "%s\n", vg_error_last()->message);
				return 1;
			}
			if (now() - t0 < best)
				best = now() - t0;
		}
		for (s = 0; s < VG_SCHEMA__COUNT; s++)
			if (vg_schema_is_screenable((vg_schema)s))
				entities += c.by_schema[s];
		printf("%-28s %-13s %8zu %8zu %9zu %8.1f %10.0f\n", meta.name, meta.format,
		       c.records, entities, c.warnings, best * 1e3,
		       best > 0 ? (double)c.records / best : 0.0);
		printf("  as_of=%s version=%s schemas:", meta.as_of, meta.version);
		for (s = 0; s < VG_SCHEMA__COUNT; s++)
			if (c.by_schema[s])
				printf(" %s=%zu", vg_schema_name((vg_schema)s), c.by_schema[s]);
		printf("\n");
		total += best;
		total_records += c.records;
	}
	printf("total: %zu records in %.1f ms (%.0f records/s)\n", total_records,
	       total * 1e3, total > 0 ? (double)total_records / total : 0.0);
	return 0;
}
