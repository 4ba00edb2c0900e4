/*
 * cmd_compare.c - `vigil compare`: score two names, or every pair of a CSV.
 *
 * The CSV mode copies each input record byte for byte (quoting, extra
 * columns, line endings normalised to \n) and appends `score` and `match`.
 * Output is built in memory and written only when the whole file parsed,
 * so a malformed file leaves no half-written output.  A row whose names
 * cannot be analysed (invalid UTF-8, nothing but punctuation) gets score 0
 * and match false, with a warning naming the line on stderr.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: vigil compare [--schema SCHEMA] [--explain] NAME1 NAME2\n"
	"       vigil compare [--schema SCHEMA] --pairs FILE.csv\n"
	"\n"
	"Scores how alike two names are, from 0 to 1, across scripts, spellings,\n"
	"word order, initials, legal forms and typos.  A score at or above the\n"
	"default threshold is a match.\n"
	"\n"
	"  --schema S    Person (default), Company, Organization, LegalEntity,\n"
	"                Vessel, Aircraft\n"
	"  --explain     print the explanation JSON (aligned parts, rules, what\n"
	"                was left unmatched) instead of the bare score\n"
	"  --pairs FILE  read a CSV with columns name1,name2 (and schema when\n"
	"                present; \"-\" reads stdin) and write it to stdout with\n"
	"                `score` (4 decimals) and `match` (true/false) added\n"
	"                (with --explain also `explanation`, the JSON)\n"
	"\n"
	"Exit status: 0 success, 1 runtime failure, 2 usage error, 3 bad input data.\n";

typedef struct {
	char *data;
	size_t len, pos;
	size_t line;
} csv_reader;

typedef struct {
	vg_buf *vals;     /* unescaped field values, NUL-separated */
	size_t offs[256];
	size_t n;
	size_t start, end; /* raw bytes of the record, without its line ending */
	size_t line;
} csv_record;

/* Reads one record.  Returns 1 with a record, 0 at end of input, -1 on an
 * unterminated quote (with *bad_line set). */
static int csv_next(csv_reader *r, csv_record *rec, size_t *bad_line)
{
	size_t i = r->pos;
	int quoted = 0;
	if (i >= r->len)
		return 0;
	vg_buf_clear(rec->vals);
	rec->n = 0;
	rec->start = i;
	rec->line = r->line;
	rec->offs[rec->n++] = 0;
	while (i < r->len) {
		char c = r->data[i];
		if (quoted) {
			if (c == '"') {
				if (i + 1 < r->len && r->data[i + 1] == '"') {
					vg_buf_put(rec->vals, "\"", 1);
					i += 2;
					continue;
				}
				quoted = 0;
				i++;
				continue;
			}
			if (c == '\n')
				r->line++;
			vg_buf_put(rec->vals, &c, 1);
			i++;
			continue;
		}
		if (c == '"') {
			quoted = 1;
			i++;
			continue;
		}
		if (c == ',') {
			vg_buf_put(rec->vals, "\0", 1); /* NUL separates values */
			if (rec->n < sizeof(rec->offs) / sizeof(rec->offs[0]))
				rec->offs[rec->n++] = rec->vals->size;
			i++;
			continue;
		}
		if (c == '\n' || c == '\r')
			break;
		vg_buf_put(rec->vals, &c, 1);
		i++;
	}
	if (quoted) {
		*bad_line = rec->line;
		return -1;
	}
	rec->end = i;
	if (i < r->len && r->data[i] == '\r')
		i++;
	if (i < r->len && r->data[i] == '\n')
		i++;
	r->line++;
	r->pos = i;
	if (!rec->vals->ptr)
		vg_buf_put(rec->vals, "", 0);
	return 1;
}

static const char *field(const csv_record *rec, size_t i)
{
	return i < rec->n ? rec->vals->ptr + rec->offs[i] : "";
}

static int read_all(const char *path, char **out, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	vg_buf b = VG_BUF_INIT;
	char chunk[65536];
	size_t n;
	if (!f) {
		fprintf(stderr, "vigil compare: %s: %s\n", path, strerror(errno));
		return errno == ENOENT ? EXIT_DATA : EXIT_RUNTIME;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (vg_buf_put(&b, chunk, n) < 0) {
			if (f != stdin)
				fclose(f);
			vg_buf_dispose(&b);
			return cli_fail("compare");
		}
	}
	if (ferror(f)) {
		fprintf(stderr, "vigil compare: %s: read error: %s\n", path, strerror(errno));
		if (f != stdin)
			fclose(f);
		vg_buf_dispose(&b);
		return EXIT_RUNTIME;
	}
	if (f != stdin)
		fclose(f);
	if (!b.ptr)
		vg_buf_put(&b, "", 0);
	*out = b.ptr;
	*len = b.size;
	return EXIT_OK;
}

static int lower_eq(const char *a, const char *b)
{
	while (*a == ' ')
		a++;
	for (; *a && *b; a++, b++) {
		char c = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		if (c != *b)
			return 0;
	}
	while (*a == ' ')
		a++;
	return !*a && !*b;
}

static int compare_pairs(const char *path, vg_schema default_schema, int explain)
{
	csv_reader r = { NULL, 0, 0, 1 };
	vg_buf vals = VG_BUF_INIT, out = VG_BUF_INIT, ex = VG_BUF_INIT;
	csv_record rec;
	size_t bad = 0, c1 = SIZE_MAX, c2 = SIZE_MAX, cs = SIZE_MAX, i, rows = 0;
	double thr = vg_compare_threshold();
	int rc, status = EXIT_OK;

	rec.vals = &vals;
	if ((status = read_all(path, &r.data, &r.len)) != EXIT_OK)
		return status;
	if (r.len >= 3 && memcmp(r.data, "\xEF\xBB\xBF", 3) == 0)
		r.pos = 3;
	rc = csv_next(&r, &rec, &bad);
	if (rc <= 0) {
		fprintf(stderr, "vigil compare: %s:1: %s\n", path,
			rc < 0 ? "unterminated quoted field" : "empty file: expected a header with name1,name2");
		status = EXIT_DATA;
		goto cleanup;
	}
	for (i = 0; i < rec.n; i++) {
		const char *h = field(&rec, i);
		if (lower_eq(h, "name1") && c1 == SIZE_MAX)
			c1 = i;
		else if (lower_eq(h, "name2") && c2 == SIZE_MAX)
			c2 = i;
		else if (lower_eq(h, "schema") && cs == SIZE_MAX)
			cs = i;
	}
	if (c1 == SIZE_MAX || c2 == SIZE_MAX) {
		fprintf(stderr, "vigil compare: %s:1: the header has no %s column "
			"(expected at least name1,name2)\n", path, c1 == SIZE_MAX ? "name1" : "name2");
		status = EXIT_DATA;
		goto cleanup;
	}
	vg_buf_put(&out, r.data + rec.start, rec.end - rec.start);
	vg_buf_puts(&out, explain ? ",score,match,explanation\n" : ",score,match\n");
	while ((rc = csv_next(&r, &rec, &bad)) > 0) {
		const char *n1, *n2;
		vg_schema schema = default_schema;
		double score = 0;
		if (rec.end == rec.start)
			continue; /* blank line */
		n1 = field(&rec, c1);
		n2 = field(&rec, c2);
		if (cs != SIZE_MAX && *field(&rec, cs)) {
			const char *sn = field(&rec, cs);
			vg_schema s = vg_schema_from_name(sn, strlen(sn));
			if (s != VG_SCHEMA_UNKNOWN)
				schema = s;
		}
		vg_buf_clear(&ex);
		if (vg_compare(&score, n1, strlen(n1), n2, strlen(n2), schema,
			       explain ? &ex : NULL) < 0) {
			fprintf(stderr, "vigil compare: %s:%zu: score 0: %s\n", path, rec.line,
				vg_error_last()->message);
			score = 0;
		}
		rows++;
		vg_buf_put(&out, r.data + rec.start, rec.end - rec.start);
		vg_buf_printf(&out, ",%.4f,%s", score, score >= thr ? "true" : "false");
		if (explain) {
			/* RFC 4180: the JSON goes in quotes, its quotes doubled */
			vg_buf_puts(&out, ",\"");
			for (i = 0; i < ex.size; i++) {
				if (ex.ptr[i] == '"')
					vg_buf_put(&out, "\"", 1);
				vg_buf_put(&out, ex.ptr + i, 1);
			}
			vg_buf_puts(&out, "\"");
		}
		if (vg_buf_puts(&out, "\n") < 0) {
			status = cli_fail("compare");
			goto cleanup;
		}
	}
	if (rc < 0) {
		fprintf(stderr, "vigil compare: %s:%zu: unterminated quoted field\n", path, bad);
		status = EXIT_DATA;
		goto cleanup;
	}
	status = cli_write(&out);
cleanup:
	free(r.data);
	vg_buf_dispose(&vals);
	vg_buf_dispose(&out);
	vg_buf_dispose(&ex);
	return status;
}

int cmd_compare(int argc, char **argv)
{
	const char *pairs = NULL, *names[2] = { NULL, NULL };
	vg_schema schema = VG_SCHEMA_PERSON;
	int explain = 0, n_names = 0, i, status;
	double score;
	vg_buf out = VG_BUF_INIT;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage_text, stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--schema") == 0) {
			if (++i >= argc)
				return cli_usage_error("compare", "--schema needs a value");
			schema = vg_schema_from_name(argv[i], strlen(argv[i]));
			if (schema == VG_SCHEMA_UNKNOWN)
				return cli_usage_error("compare", "unknown schema '%s'", argv[i]);
		} else if (strcmp(a, "--pairs") == 0) {
			if (++i >= argc)
				return cli_usage_error("compare", "--pairs needs a file");
			pairs = argv[i];
		} else if (strcmp(a, "--explain") == 0) {
			explain = 1;
		} else if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++) {
				if (n_names >= 2)
					return cli_usage_error("compare", "too many names");
				names[n_names++] = argv[i];
			}
		} else if (a[0] == '-' && a[1]) {
			return cli_usage_error("compare", "unknown option '%s'", a);
		} else {
			if (n_names >= 2)
				return cli_usage_error("compare", "too many names (quote names with spaces)");
			names[n_names++] = a;
		}
	}
	if (pairs) {
		if (n_names)
			return cli_usage_error("compare", "--pairs takes no names");
		return compare_pairs(pairs, schema, explain);
	}
	if (n_names != 2)
		return cli_usage_error("compare", "expected two names");
	if (vg_compare(&score, names[0], strlen(names[0]), names[1], strlen(names[1]), schema,
		       explain ? &out : NULL) < 0) {
		vg_buf_dispose(&out);
		return cli_fail("compare");
	}
	if (explain)
		status = vg_buf_puts(&out, "\n") < 0 ? cli_fail("compare") : cli_write(&out);
	else
		status = printf("%.4f\n", score) < 0 ? EXIT_RUNTIME : EXIT_OK;
	vg_buf_dispose(&out);
	return status;
}
