/*
 * bench_compare.c - speed of name analysis and comparison.
 *
 * usage: bench_compare [NAMES.txt]   (one name per line; built-in sample
 *                                     when absent)
 * Prints ns per analysis (ASCII and other scripts apart), ns per compare of
 * two analysed names (random pairs, which is what screening mostly sees,
 * and near-identical pairs), and ns per decode+compare of an index record.
 * Times are CPU time of this process, so a busy machine does not inflate them.
 */
#include "names/name.h"
#include "vigil/vigil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const sample[] = {
	"Vladimir Vladimirovich PUTIN", "Siemens Aktiengesellschaft", "Mohammed bin Salman",
	"AL-ASSAD, Bashar", "OOO Oboronnye Initsiativy", "Kim Jong Un", "Jean-Claude Juncker",
	"Tactical Missiles Corporation JSC", "Osama bin Laden", "Deutsche Bank AG",
	"Владимир Путин", "محمد علي", "习近平", "Αλέξανδρος Τσίπρας", "김정은",
	"ABDUL KABIR ABDUL JAN", "Banco Santander S.A.", "Hanniball", "Friedrich Buchenberg",
	"Goldman Sachs Mortgage Loan Trust 2004-1",
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int ascii(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s >= 0x80)
			return 0;
	}
	return 1;
}

int main(int argc, char **argv)
{
	char **names = NULL, line[4096];
	size_t n = 0, cap = 0, i, reps, k, na_ascii = 0, na_other = 0;
	vg_name **an;
	double t, t_ascii = 0, t_other = 0, sink = 0;
	FILE *f;
	vg_buf enc = VG_BUF_INIT;
	size_t *offs;

	if (argc > 1) {
		if (!(f = fopen(argv[1], "r"))) {
			perror(argv[1]);
			return 1;
		}
		while (fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\r\n")] = '\0';
			if (!line[0])
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 1024;
				names = realloc(names, cap * sizeof(*names));
				if (!names)
					return 1;
			}
			names[n++] = strdup(line);
		}
		fclose(f);
	}
	if (!n) {
		n = sizeof(sample) / sizeof(sample[0]);
		names = malloc(n * sizeof(*names));
		for (i = 0; i < n; i++)
			names[i] = strdup(sample[i]);
	}
	an = calloc(n, sizeof(*an));
	offs = calloc(n + 1, sizeof(*offs));
	if (!an || !offs)
		return 1;

	/* analysis, ASCII names and the others apart, each repeated so its
	 * figure rests on a few hundred thousand runs */
	for (i = 0; i < n; i++) {
		if (vg_name_analyze(&an[i], names[i], strlen(names[i]), VG_SCHEMA_THING) != 0)
			an[i] = NULL;
	}
	for (int pass = 0; pass < 2; pass++) {
		size_t runs = 0, want = 0;
		for (i = 0; i < n; i++)
			want += ascii(names[i]) == !pass;
		if (!want)
			continue;
		reps = 1 + 300000 / want;
		t = now();
		for (k = 0; k < reps; k++) {
			for (i = 0; i < n; i++) {
				vg_name *x = NULL;
				if (ascii(names[i]) != !pass)
					continue;
				if (vg_name_analyze(&x, names[i], strlen(names[i]), VG_SCHEMA_THING) == 0)
					vg_name_free(x);
				runs++;
			}
		}
		t = now() - t;
		if (pass == 0) {
			t_ascii = t;
			na_ascii = runs;
		} else {
			t_other = t;
			na_other = runs;
		}
	}
	printf("names: %zu (%s)\n", n, argc > 1 ? argv[1] : "built-in sample");
	printf("analysis, ASCII names:        %8.0f ns/name (%zu runs)\n",
	       na_ascii ? t_ascii / na_ascii * 1e9 : 0.0, na_ascii);
	printf("analysis, other scripts:      %8.0f ns/name (%zu runs)\n",
	       na_other ? t_other / na_other * 1e9 : 0.0, na_other);

	/* compare: random pairs, among all names (cache misses included, as a
	 * matcher walking a large index sees them) and among 256 (in cache:
	 * the comparator's own cost) */
	for (int hot = 0; hot < 2; hot++) {
		size_t pairs = 2000000, done = 0, m = hot && n > 256 ? 256 : n;
		unsigned long long x = 88172645463325252ull;
		t = now();
		for (k = 0; k < pairs; k++) {
			size_t a, b;
			double s;
			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			a = x % m;
			b = (x >> 32) % m;
			if (!an[a] || !an[b])
				continue;
			vg_name_compare(&s, an[a], an[b], NULL);
			sink += s;
			done++;
		}
		t = now() - t;
		printf("compare, random pairs%s %8.0f ns/compare (%zu)\n",
		       hot ? ", in cache:" : ":        ", t / done * 1e9, done);
	}
	/* compare: each name with itself (all tokens align) */
	{
		size_t done = 0;
		t = now();
		for (k = 0; k < 1 + 1000000 / n; k++) {
			for (i = 0; i < n; i++) {
				double s;
				if (!an[i])
					continue;
				vg_name_compare(&s, an[i], an[i], NULL);
				sink += s;
				done++;
			}
		}
		t = now() - t;
		printf("compare, identical pairs:     %8.0f ns/compare (%zu)\n", t / done * 1e9, done);
	}
	/* decode an index record and compare a query with it */
	for (i = 0; i < n; i++) {
		offs[i] = enc.size;
		if (an[i])
			vg__name_encode(an[i], &enc);
	}
	offs[n] = enc.size;
	{
		vg_name *view = malloc(vg__name_struct_size());
		size_t done = 0;
		unsigned long long x = 2463534242ull;
		if (!view)
			return 1;
		t = now();
		for (k = 0; k < 2000000; k++) {
			size_t a, b, used;
			double s;
			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			a = x % n;
			b = (x >> 32) % n;
			if (!an[a] || offs[b + 1] == offs[b])
				continue;
			if (vg__name_decode(view, &used, enc.ptr + offs[b], offs[b + 1] - offs[b]) != 0)
				continue;
			vg_name_compare(&s, an[a], view, NULL);
			sink += s;
			done++;
		}
		t = now() - t;
		printf("decode + compare, random:     %8.0f ns/pair (%zu)\n", t / done * 1e9, done);
		free(view);
	}
	printf("(checksum %.1f)\n", sink);
	for (i = 0; i < n; i++) {
		vg_name_free(an[i]);
		free(names[i]);
	}
	free(an);
	free(names);
	free(offs);
	vg_buf_dispose(&enc);
	return 0;
}
