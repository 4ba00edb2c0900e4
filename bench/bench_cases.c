/*
 * bench_cases.c - the analysts' side of bench_cases.sh, through the public
 * API: decides the alerts whose ids it reads on standard input (one per
 * line) as false positives, one durable transaction each, and prints how
 * many and how long it took.
 *
 * usage: bench_cases DB ANALYST < alert-ids
 */
#include "vigil/vigil.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	vg_cases_options o = VG_CASES_OPTIONS_INIT;
	vg_cases *cs;
	long long id;
	size_t n = 0;
	double t0;
	if (argc != 3) {
		fprintf(stderr, "usage: bench_cases DB ANALYST < alert-ids\n");
		return 2;
	}
	o.create = false;
	if (vg_cases_open(&cs, argv[1], &o) != 0) {
		fprintf(stderr, "bench_cases: %s\n", vg_error_last()->message);
		return 1;
	}
	t0 = now_s();
	while (scanf("%lld", &id) == 1) {
		vg_cases_decision d = VG_CASES_DECISION_INIT;
		d.alert = id;
		d.verdict = VG_VERDICT_FALSE_POSITIVE;
		d.analyst = argv[2];
		d.reason = "not the listed party: checked against the customer's documents";
		if (vg_cases_decide(NULL, cs, &d) != 0) {
			fprintf(stderr, "bench_cases: alert %lld: %s\n", id, vg_error_last()->message);
			vg_cases_free(cs);
			return 1;
		}
		n++;
	}
	printf("%zu decisions in %.2f s (%.1f ms each, one durable transaction each)\n", n,
	       now_s() - t0, n ? (now_s() - t0) * 1000.0 / (double)n : 0.0);
	vg_cases_free(cs);
	return 0;
}
