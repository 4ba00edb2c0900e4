/*
 * bench_scan.c - how fast `vigil scan` reads text.
 *
 * usage: bench_scan INDEX FILE... [--mb N]
 * Concatenates the FILEs (repeated until the corpus holds N MB, default
 * 10), then reports: the time to build the scanner's dictionary from the
 * index (once per matcher), the scanning rate in MB/s with links off and
 * with links at depth 1, mentions found, and the cost of one small text
 * (what the server sees per request).  Times are CPU seconds of this
 * single-threaded process.
 */
#include "vigil/vigil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* CPU time of this process: the machine is shared (2 cores, other jobs),
 * so wall-clock rates would measure the neighbours. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int append_file(vg_buf *b, const char *path)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		vg_buf_put(b, chunk, n);
	fclose(f);
	return vg_buf_puts(b, "\n\n");
}

static size_t count_mentions(const vg_buf *out)
{
	size_t n = 0;
	const char *p = out->ptr;
	while ((p = strstr(p, "{\"start\":")) != NULL) {
		n++;
		p++;
	}
	return n;
}

int main(int argc, char **argv)
{
	vg_index *ix = NULL;
	vg_scanner *s = NULL;
	vg_buf one = VG_BUF_INIT, corpus = VG_BUF_INIT, out = VG_BUF_INIT;
	vg_scan_options opts = VG_SCAN_OPTIONS_INIT;
	double mb = 10, t0, t1;
	int i, rounds, r;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_scan INDEX FILE... [--mb N]\n");
		return 2;
	}
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--mb") && i + 1 < argc) {
			mb = atof(argv[++i]);
			continue;
		}
		if (append_file(&one, argv[i]) < 0) {
			fprintf(stderr, "bench_scan: cannot read %s\n", argv[i]);
			return 1;
		}
	}
	if (!one.size) {
		fprintf(stderr, "bench_scan: no text\n");
		return 1;
	}
	while (corpus.size < (size_t)(mb * 1e6))
		vg_buf_put(&corpus, one.ptr, one.size);

	if (vg_index_open(&ix, argv[1]) < 0) {
		fprintf(stderr, "bench_scan: %s\n", vg_error_last()->message);
		return 1;
	}
	rounds = 5;
	t0 = now();
	for (r = 0; r < rounds; r++) {
		vg_scanner_free(s);
		s = NULL;
		if (vg_scanner_new(&s, ix) < 0) {
			fprintf(stderr, "bench_scan: %s\n", vg_error_last()->message);
			return 1;
		}
	}
	t1 = now();
	printf("scanner dictionary: %zu entities, built in %.1f ms\n",
	       vg_index_entity_count(ix), (t1 - t0) / rounds * 1e3);

	for (r = 0; r < 2; r++) {
		opts.links_depth = r;
		vg_buf_clear(&out);
		t0 = now();
		if (vg_scan_json(s, corpus.ptr, corpus.size, &opts, &out) < 0) {
			fprintf(stderr, "bench_scan: %s\n", vg_error_last()->message);
			return 1;
		}
		t1 = now();
		printf("scan, links depth %d: %.1f MB in %.3f s = %.1f MB/s, %zu mentions\n",
		       r, (double)corpus.size / 1e6, t1 - t0,
		       (double)corpus.size / 1e6 / (t1 - t0), count_mentions(&out));
	}

	/* Small texts one by one, as the server sees them: the dictionary is
	 * built once per matcher, so this is the per-request cost. */
	{
		size_t small = one.size < 4096 ? one.size : 4096, n = 0;
		/* Cut on a character boundary: half a character is not text. */
		while (small < one.size && small > 0 &&
		       ((unsigned char)one.ptr[small] & 0xC0) == 0x80)
			small--;
		opts.links_depth = 1;
		t0 = now();
		while (now() - t0 < 1.0) {
			vg_buf_clear(&out);
			if (vg_scan_json(s, one.ptr, small, &opts, &out) < 0) {
				fprintf(stderr, "bench_scan: %s\n", vg_error_last()->message);
				return 1;
			}
			n++;
		}
		t1 = now();
		printf("scan of a %zu-byte text: %.1f us each\n", small,
		       (t1 - t0) / (double)n * 1e6);
	}

	vg_scanner_free(s);
	vg_index_free(ix);
	vg_buf_dispose(&one);
	vg_buf_dispose(&corpus);
	vg_buf_dispose(&out);
	return 0;
}
