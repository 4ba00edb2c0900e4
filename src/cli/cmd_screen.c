/*
 * cmd_screen.c - `vigil screen -x INDEX [--threshold T] [--limit K] --jsonl
 * FILE.csv`: screens every row of a CSV and prints one JSON line per row,
 * in input order.
 *
 * Invariant: memory is bounded whatever the file size: rows travel in
 * batches through a ring of WINDOW slots; the reader may not refill a slot
 * before the writer has printed it, so at most WINDOW batches exist at
 * once, and output order is input order.  A bad row becomes
 * {"row": N, "error": "..."} and never stops the run; a bad file (a NUL
 * byte, a quote open at the end) stops reading, the rows read before it
 * are still answered, and the exit status is 3.
 *
 * How it works: the main thread reads rows with the library's CSV reader
 * (vigil/csv.h: RFC 4180, CR, LF or CRLF line ends) into batch slots; N
 * worker threads, each with its own vg_matcher over the shared index, take the
 * next filled slot and render its lines; a writer thread prints slots in
 * sequence and frees them.  One mutex and three condition variables
 * coordinate them at batch granularity.
 *
 * With --changed-since OLD the diff between OLD and INDEX is computed once
 * before the workers start; each worker also holds a matcher over OLD, and
 * a row reports only the alerts that appeared or went away.
 *
 * With --cases DB each slot also carries a vg_cases_batch: the workers fill
 * it while they match, and the writer records it (one transaction per
 * batch) just before it prints the batch, so what was printed was recorded.
 */
#include "cli.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BATCH_ROWS 64
#define WINDOW 64
#define MAX_FIELD_BYTES (1u << 20)
/* A file of fewer bytes holds fewer rows than warming the index pays for
 * (customer rows take 40-100 bytes; bench_scale's unlisted names 57:
 * about 4,500 of them). */
#define WARM_MIN_BYTES (256 * 1024)
/* Fields a row may have: more is bad data. */
#define MAX_COLS 4096

enum { C_ID, C_SCHEMA, C_NAME, C_FIRST, C_MIDDLE, C_LAST, C_GENDER, C_DOB,
       C_POB, C_NATIONALITY, C_COUNTRY, C_IDNUM, C__COUNT };

static const char *const col_names[C__COUNT][3] = {
	[C_ID] = { "id", "record_id", NULL },
	[C_SCHEMA] = { "schema", NULL, NULL },
	[C_NAME] = { "full_name", "name", NULL },
	[C_FIRST] = { "first_name", NULL, NULL },
	[C_MIDDLE] = { "middle_name", NULL, NULL },
	[C_LAST] = { "last_name", NULL, NULL },
	[C_GENDER] = { "gender", NULL, NULL },
	[C_DOB] = { "date_of_birth", "birth_date", NULL },
	[C_POB] = { "place_of_birth", NULL, NULL },
	[C_NATIONALITY] = { "nationality", NULL, NULL },
	[C_COUNTRY] = { "country", NULL, NULL },
	[C_IDNUM] = { "id_number", "passport_number", NULL },
};

enum { S_FREE, S_FILLED, S_TAKEN, S_DONE };
#define NO_ERR ((size_t)-1)

typedef struct {
	int state;
	size_t seq;
	size_t first_row, n_rows;
	/* row r's field c is data.ptr + off[r][c] (NUL-terminated), or absent
	 * when has[r][c] is 0; for a row the reader marked unusable, err[r] is
	 * the offset of why in data, else NO_ERR */
	vg_buf data;
	size_t off[BATCH_ROWS][C__COUNT];
	unsigned char has[BATCH_ROWS][C__COUNT];
	size_t err[BATCH_ROWS];
	vg_buf out;
	vg_cases_batch *cases; /* --cases: the batch's subjects for the store */
} slot;

typedef struct {
	pthread_mutex_t mu;
	pthread_cond_t filled, done, freed;
	slot *slots;
	size_t next_take, next_write, n_batches_total;
	int reader_done;
	int failed; /* a runtime failure: stop everything */
	const vg_index *ix;
	const vg_index *old_ix; /* --changed-since, else NULL */
	const vg_diff *diff;    /* old_ix -> ix, set with old_ix */
	vg_match_options opts;
	size_t rows_written;
	vg_cases_run *run;      /* --cases, else NULL */
} shared;

/* ---- CSV reading ---------------------------------------------------------- */

/* Copies the fields the query uses from the reader's current record into
 * row r of slot s.  0, or -1 when out of memory. */
static int fill_row(slot *s, size_t r, const vg_csv *csv, const int *cols)
{
	const char *bad = vg_csv_record_error(csv);
	int c, rc = 0;
	memset(s->has[r], 0, sizeof(s->has[r]));
	s->err[r] = NO_ERR;
	if (bad) {
		s->err[r] = s->data.size;
		rc |= vg_buf_put(&s->data, bad, strlen(bad) + 1);
	}
	for (c = 0; c < C__COUNT; c++) {
		size_t len;
		const char *v;
		if (cols[c] < 0 || (size_t)cols[c] >= vg_csv_count(csv))
			continue;
		v = vg_csv_field(csv, (size_t)cols[c], &len);
		s->off[r][c] = s->data.size;
		s->has[r][c] = 1;
		rc |= vg_buf_put(&s->data, v, len + 1);
	}
	return rc < 0 ? -1 : 0;
}

/* Optimal-string-alignment distance of two short ASCII names, ignoring
 * case; more than 9 when either is longer than 30. */
static int name_distance(const char *a, const char *b)
{
	int d[32][32], i, j, la = (int)strlen(a), lb = (int)strlen(b);
	if (la > 30 || lb > 30)
		return 10;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

/* Warns about each header column screen does not read, suggesting the
 * known column a misspelt one was probably meant to be. */
static void warn_columns(const vg_csv *csv, const char *path)
{
	size_t i;
	for (i = 0; i < vg_csv_count(csv); i++) {
		const char *h = vg_csv_field(csv, i, NULL), *best = NULL;
		int c, k, known = 0, bd = 99;
		for (c = 0; c < C__COUNT && !known; c++) {
			for (k = 0; k < 3 && col_names[c][k]; k++) {
				int dist = name_distance(h, col_names[c][k]);
				known |= dist == 0;
				if (dist < bd) {
					bd = dist;
					best = col_names[c][k];
				}
			}
		}
		if (known || !h[0])
			continue;
		/* one edit in a short name, two in a longer one */
		if (best && bd <= (strlen(h) > 6 ? 2 : 1))
			fprintf(stderr, "vigil screen: %s:%zu: unknown column '%.60s' ignored; "
				"did you mean '%s'?\n", path, vg_csv_line(csv), h, best);
		else
			fprintf(stderr, "vigil screen: %s:%zu: unknown column '%.60s' ignored "
				"(see `vigil screen --help` for the columns read)\n",
				path, vg_csv_line(csv), h);
	}
}

/* ---- workers ------------------------------------------------------------- */

static const char *field(const slot *s, size_t r, int c)
{
	return s->has[r][c] ? s->data.ptr + s->off[r][c] : NULL;
}

static void put_kv(vg_buf *b, int *first, const char *k, const char *v)
{
	if (!v || !v[0])
		return;
	/* puts, not printf: this runs ten times a row */
	vg_buf_puts(b, *first ? "\"" : ", \"");
	vg_buf_puts(b, k);
	vg_buf_puts(b, "\": ");
	vg_buf_put_json_string(b, v, strlen(v));
	*first = 0;
}

static void put_error(vg_buf *out, size_t row, const char *msg)
{
	vg_buf_printf(out, "{\"row\": %zu, \"error\": ", row);
	vg_buf_put_json_string(out, msg, strlen(msg));
	vg_buf_puts(out, ", \"results\": []}\n");
}

/* Matches a row and adds it, with its attributes, to the slot's batch for
 * the case store. */
static int screen_case(slot *s, size_t r, const vg_query *q, vg_matcher *m, shared *sh,
		       vg_buf *out)
{
	static const struct {
		int col;
		const char *key;
	} attrs[] = {
		{ C_SCHEMA, "schema" }, { C_NAME, "name" }, { C_FIRST, "first_name" },
		{ C_MIDDLE, "middle_name" }, { C_LAST, "last_name" }, { C_GENDER, "gender" },
		{ C_DOB, "birth_date" }, { C_POB, "place_of_birth" },
		{ C_NATIONALITY, "nationality" }, { C_COUNTRY, "country" },
		{ C_IDNUM, "id_number" },
	};
	vg_cases_attr a[sizeof(attrs) / sizeof(attrs[0])];
	const char *id = field(s, r, C_ID);
	size_t i, n = 0;
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		if (field(s, r, attrs[i].col))
			a[n++] = (vg_cases_attr){ attrs[i].key, field(s, r, attrs[i].col) };
	return vg_cases_batch_screen(s->cases, s->first_row + r, id ? id : "", a, n, m, q,
				     &sh->opts, out);
}

static void screen_row(vg_matcher *m, vg_matcher *m_old, shared *sh, slot *s,
		       size_t r)
{
	vg_query q = VG_QUERY_INIT;
	const char *names[1], *countries[2], *ids[1];
	size_t row = s->first_row + r, n = 0, nres;
	const char *v, *schema;
	int first = 1;
	vg_buf *out = &s->out;
	size_t mark;
	int rc;

	if (s->err[r] != NO_ERR) {
		put_error(out, row, s->data.ptr + s->err[r]);
		return;
	}
	schema = field(s, r, C_SCHEMA);
	if (schema && schema[0]) {
		q.schema = vg_schema_from_name(schema, strlen(schema));
		if (q.schema == VG_SCHEMA_UNKNOWN) {
			vg_buf b = VG_BUF_INIT;
			vg_buf_printf(&b, "schema: unknown schema '%.60s'", schema);
			put_error(out, row, b.ptr);
			vg_buf_dispose(&b);
			return;
		}
	}
	if ((v = field(s, r, C_NAME)) && v[0])
		names[n++] = v;
	q.names = names;
	q.n_names = n;
	q.first_name = field(s, r, C_FIRST);
	q.middle_name = field(s, r, C_MIDDLE);
	q.last_name = field(s, r, C_LAST);
	q.gender = field(s, r, C_GENDER);
	q.birth_date = field(s, r, C_DOB);
	n = 0;
	if ((v = field(s, r, C_NATIONALITY)) && v[0])
		countries[n++] = v;
	if ((v = field(s, r, C_COUNTRY)) && v[0])
		countries[n++] = v;
	q.countries = countries;
	q.n_countries = n;
	n = 0;
	if ((v = field(s, r, C_IDNUM)) && v[0])
		ids[n++] = v;
	q.id_numbers = ids;
	q.n_id_numbers = n;

	if (vg_query_validate(&q) != 0) {
		put_error(out, row, vg_error_last()->message);
		return;
	}
	mark = out->size;
	vg_buf_printf(out, "{\"row\": %zu, \"query\": {", row);
	put_kv(out, &first, "id", field(s, r, C_ID));
	put_kv(out, &first, "schema", vg_schema_name(q.schema));
	put_kv(out, &first, "name", q.n_names ? names[0] : NULL);
	put_kv(out, &first, "first_name", q.first_name);
	put_kv(out, &first, "middle_name", q.middle_name);
	put_kv(out, &first, "last_name", q.last_name);
	put_kv(out, &first, "gender", q.gender);
	put_kv(out, &first, "birth_date", q.birth_date);
	put_kv(out, &first, "nationality", field(s, r, C_NATIONALITY));
	put_kv(out, &first, "country", field(s, r, C_COUNTRY));
	put_kv(out, &first, "id_number", field(s, r, C_IDNUM));
	if (sh->diff) {
		size_t n_new, n_gone;
		vg_buf_puts(out, "}, \"changes\": ");
		rc = vg_diff_screen_json(&n_new, &n_gone, sh->diff, sh->old_ix,
					 m_old, sh->ix, m, &q, &sh->opts, out);
	} else if (sh->run) {
		vg_buf_puts(out, "}, \"results\": ");
		rc = screen_case(s, r, &q, m, sh, out);
	} else {
		vg_buf_puts(out, "}, \"results\": ");
		rc = vg_match_json(&nres, m, &q, &sh->opts, out);
	}
	if (rc != 0) {
		char msg[512];
		snprintf(msg, sizeof(msg), "%s", vg_error_last()->message);
		out->size = mark;
		out->ptr[mark] = '\0';
		put_error(out, row, msg);
		return;
	}
	vg_buf_puts(out, "}\n");
}

static void *worker_main(void *arg)
{
	shared *sh = arg;
	vg_matcher *m = NULL, *m_old = NULL;
	if (vg_matcher_new(&m, sh->ix) != 0 ||
	    (sh->old_ix && vg_matcher_new(&m_old, sh->old_ix) != 0)) {
		vg_matcher_free(m);
		pthread_mutex_lock(&sh->mu);
		sh->failed = 1;
		pthread_cond_broadcast(&sh->done);
		pthread_cond_broadcast(&sh->freed);
		pthread_mutex_unlock(&sh->mu);
		return NULL;
	}
	for (;;) {
		slot *s;
		size_t r;
		pthread_mutex_lock(&sh->mu);
		for (;;) {
			s = &sh->slots[sh->next_take % WINDOW];
			if (sh->failed)
				break;
			if (s->state == S_FILLED && s->seq == sh->next_take)
				break;
			if (sh->reader_done && sh->next_take >= sh->n_batches_total)
				break;
			pthread_cond_wait(&sh->filled, &sh->mu);
		}
		if (sh->failed || (sh->reader_done && sh->next_take >= sh->n_batches_total)) {
			pthread_mutex_unlock(&sh->mu);
			break;
		}
		s->state = S_TAKEN;
		sh->next_take++;
		pthread_cond_broadcast(&sh->filled);
		pthread_mutex_unlock(&sh->mu);

		vg_buf_clear(&s->out);
		vg_cases_batch_clear(s->cases);
		for (r = 0; r < s->n_rows; r++)
			screen_row(m, m_old, sh, s, r);

		pthread_mutex_lock(&sh->mu);
		s->state = S_DONE;
		pthread_cond_broadcast(&sh->done);
		pthread_mutex_unlock(&sh->mu);
	}
	vg_matcher_free(m);
	vg_matcher_free(m_old);
	return NULL;
}

typedef struct {
	shared *sh;
	int progress;
	off_t total_bytes;
	const size_t *bytes_read;
	int write_error;
	int record_error; /* --cases: a batch could not be recorded */
} writer_ctx;

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void *writer_main(void *arg)
{
	writer_ctx *w = arg;
	shared *sh = w->sh;
	double t0 = now_s(), last = 0;
	for (;;) {
		slot *s;
		pthread_mutex_lock(&sh->mu);
		for (;;) {
			s = &sh->slots[sh->next_write % WINDOW];
			if (sh->failed)
				break;
			if (s->state == S_DONE && s->seq == sh->next_write)
				break;
			if (sh->reader_done && sh->next_write >= sh->n_batches_total)
				break;
			pthread_cond_wait(&sh->done, &sh->mu);
		}
		if (sh->failed || (s->state != S_DONE || s->seq != sh->next_write)) {
			pthread_mutex_unlock(&sh->mu);
			break;
		}
		pthread_mutex_unlock(&sh->mu);
		if (sh->run && vg_cases_run_record(sh->run, s->cases) != 0) {
			fprintf(stderr, "vigil screen: %s\n", vg_error_last()->message);
			w->record_error = 1;
		} else if (s->out.size && fwrite(s->out.ptr, 1, s->out.size, stdout) != s->out.size) {
			w->write_error = 1;
		}
		pthread_mutex_lock(&sh->mu);
		sh->rows_written += s->n_rows;
		s->state = S_FREE;
		sh->next_write++;
		pthread_cond_broadcast(&sh->freed);
		if (w->write_error || w->record_error) {
			sh->failed = 1;
			pthread_cond_broadcast(&sh->filled);
		}
		pthread_mutex_unlock(&sh->mu);
		if (w->progress) {
			double t = now_s();
			if (t - last > 0.25) {
				double el = t - t0, rate = el > 0 ? (double)sh->rows_written / el : 0;
				double frac = w->total_bytes > 0 ?
					(double)__atomic_load_n(w->bytes_read, __ATOMIC_RELAXED) /
						(double)w->total_bytes : 0;
				double eta = frac > 0.001 ? el / frac - el : 0;
				int bar = (int)(frac * 30), i;
				fprintf(stderr, "\r[");
				for (i = 0; i < 30; i++)
					fputc(i < bar ? '#' : ' ', stderr);
				fprintf(stderr, "] %zu rows  %.0f rows/s  ETA %.0f s ",
					sh->rows_written, rate, eta < 0 ? 0 : eta);
				last = t;
			}
		}
	}
	if (w->progress)
		fprintf(stderr, "\r%zu rows in %.1f s%40s\n", sh->rows_written,
			now_s() - t0, "");
	return NULL;
}

static void help(FILE *f)
{
	fprintf(f,
		"usage: vigil screen -x INDEX [--threshold T] [--limit K] [--threads N]\n"
		"                    [--changed-since OLD] --jsonl FILE.csv\n\n"
		"Screens every row of a CSV (header row; columns, all optional but one\n"
		"name: id, schema, full_name or name, first_name, middle_name, last_name,\n"
		"gender, date_of_birth, place_of_birth, nationality, country, id_number)\n"
		"and prints one JSON line per row in input order:\n"
		"{\"row\": N, \"query\": {...}, \"results\": [RESULT, ...]}, N counting data\n"
		"rows from 1.  A row that cannot be screened (no name, invalid UTF-8,\n"
		"oversized field, unknown schema, malformed date) prints\n"
		"{\"row\": N, \"error\": \"...\", \"results\": []} and the run goes on.\n"
		"Lines may end in CR, LF or CRLF.  A column screen does not read is\n"
		"named in a warning (with the column a misspelt name was meant to be).\n"
		"A NUL byte or a quote left open at the end of the file is bad data:\n"
		"the rows before it are answered, then screen exits 3 naming FILE:LINE.\n"
		"FILE may be - for standard input.  A progress bar goes to stderr when it\n"
		"is a terminal.\n\n"
		"options:\n"
		"  -x, --index INDEX   the index file (required)\n"
		"  --threshold T       decision threshold (default %.2f)\n"
		"  --limit K           results per row at most (default 5)\n"
		"  --threads N         worker threads (default: all cores)\n"
		"  --no-explain        leave out explanations (faster)\n"
		"  --encoding E        the CSV's text: utf-8 (default; a row that is not\n"
		"                      UTF-8 is answered with an error), windows-1252 or\n"
		"                      iso-8859-1 (spreadsheet exports; converted)\n"
		"  --changed-since OLD re-screen against what changed since the index\n"
		"                      OLD: each row prints {\"row\", \"query\", \"changes\":\n"
		"                      {\"new_alerts\": [ALERT...], \"gone_alerts\": [...]}}\n"
		"                      instead of \"results\"; ALERT is {\"id\", \"caption\",\n"
		"                      \"score\", \"change\": \"added\"|\"changed\"|\"removed\"}.\n"
		"                      A new alert matches in INDEX an entity added or\n"
		"                      changed since OLD that did not match in OLD; a gone\n"
		"                      alert matched in OLD and no longer matches\n"
		"  --cases DB          record the run in the case store DB (a SQLite file,\n"
		"                      sqlite:PATH, or a PostgreSQL connection string;\n"
		"                      created when missing): every row needs an id; its\n"
		"                      alerts are recorded and earlier decisions applied\n"
		"                      (see `vigil cases --help`); a summary goes to stderr.\n"
		"                      Run again on the same file and index after a crash,\n"
		"                      it completes the incomplete run (a file: a run read\n"
		"                      from standard input starts afresh)\n"
		"  --actor NAME        who runs it, for the store (default: $USER)\n"
		"  --jsonl             JSON lines output (the only format)\n"
		"Exit status: 0, 1 runtime failure, 2 usage error, 3 damaged index or\n"
		"case store, a CSV without a name column (or without an id column, with\n"
		"--cases), or a NUL byte or open quote in the CSV.\n",
		vg_match_threshold());
}

static int map_header(int *cols, const vg_csv *csv)
{
	int c, k;
	for (c = 0; c < C__COUNT; c++) {
		cols[c] = -1;
		for (k = 0; k < 3 && col_names[c][k] && cols[c] < 0; k++)
			cols[c] = (int)vg_csv_find(csv, col_names[c][k]);
	}
	return cols[C_NAME] >= 0 || cols[C_FIRST] >= 0 || cols[C_LAST] >= 0;
}

/* Opens the case store, starts (or resumes) the run, and gives every slot
 * a batch. */
static int cases_start(vg_cases **cases, shared *sh, const char *db, const vg_index *ix,
		       const char *csv, const char *actor)
{
	vg_cases_run_options o = VG_CASES_RUN_OPTIONS_INIT;
	size_t i;
	o.actor = actor && *actor ? actor : "vigil screen";
	o.input = csv;
	o.threshold = sh->opts.threshold;
	if (vg_cases_open(cases, db, NULL) != 0 || vg_cases_run_begin(&sh->run, *cases, ix, &o) != 0)
		return cli_fail("screen");
	for (i = 0; i < WINDOW; i++)
		if (vg_cases_batch_new(&sh->slots[i].cases) != 0)
			return cli_fail("screen");
	return EXIT_OK;
}

static int cases_finish(vg_cases_run *run)
{
	vg_cases_run_summary s;
	if (vg_cases_run_finish(run, &s) != 0)
		return cli_fail("screen");
	fprintf(stderr, "vigil screen: case store: run %lld%s complete: %zu subjects, %zu alerts "
		"(%zu new, %zu still open, %zu suppressed by a decision, %zu re-opened by a "
		"change, %zu awaiting approval, %zu decided), %zu closed as delisted",
		(long long)s.run, s.resumed ? " (resumed)" : "", s.subjects, s.alerts,
		s.new_alerts, s.open, s.suppressed, s.reopened, s.pending, s.decided, s.delisted);
	if (s.duplicates)
		fprintf(stderr, "; %zu rows repeated an id and were not recorded", s.duplicates);
	fputc('\n', stderr);
	return EXIT_OK;
}

int cmd_screen(int argc, char **argv)
{
	const char *index_path = NULL, *csv = NULL, *old_path = NULL, *cases_db = NULL;
	const char *actor = getenv("USER");
	vg_cases *cases = NULL;
	vg_index *ix = NULL, *old_ix = NULL;
	vg_diff *diff = NULL;
	shared sh;
	writer_ctx wctx;
	pthread_t *workers = NULL, wthread;
	long n_threads = sysconf(_SC_NPROCESSORS_ONLN);
	FILE *in = NULL;
	vg_csv *reader = NULL;
	vg_csv_options copts = VG_CSV_OPTIONS_INIT;
	size_t seq = 0, row = 0;
	int cols[C__COUNT], i, rc = EXIT_OK, data_rc = EXIT_OK, n, started = 0, wstarted = 0;
	long t;
	struct stat st;
	size_t progress_bytes = 0;

	memset(&sh, 0, sizeof(sh));
	sh.opts = (vg_match_options)VG_MATCH_OPTIONS_INIT;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			help(stdout);
			return EXIT_OK;
		} else if ((!strcmp(a, "-x") || !strcmp(a, "--index")) && v) {
			index_path = v;
			i++;
		} else if (!strcmp(a, "--threshold") && v) {
			char *end;
			sh.opts.threshold = strtod(v, &end);
			if (*end || sh.opts.threshold < 0 || sh.opts.threshold > 1)
				return cli_usage_error("screen", "--threshold must be 0..1");
			i++;
		} else if (!strcmp(a, "--limit") && v) {
			char *end;
			long k = strtol(v, &end, 10);
			if (*end || k < 1 || k > 1000)
				return cli_usage_error("screen", "--limit must be 1..1000");
			sh.opts.limit = (size_t)k;
			i++;
		} else if (!strcmp(a, "--threads") && v) {
			char *end;
			n_threads = strtol(v, &end, 10);
			if (*end || n_threads < 1 || n_threads > 256)
				return cli_usage_error("screen", "--threads must be 1..256");
			i++;
		} else if (!strcmp(a, "--changed-since") && v) {
			old_path = v;
			i++;
		} else if (!strcmp(a, "--cases") && v) {
			cases_db = v;
			i++;
		} else if (!strcmp(a, "--actor") && v) {
			actor = v;
			i++;
		} else if (!strcmp(a, "--encoding") && v) {
			if (cli_csv_encoding(v, &copts.encoding) < 0)
				return cli_usage_error("screen", "--encoding must be utf-8, windows-1252 "
							 "or iso-8859-1");
			i++;
		} else if (!strcmp(a, "--no-explain")) {
			sh.opts.explain = false;
		} else if (!strcmp(a, "--jsonl") || !strcmp(a, "--json")) {
			/* the only output format */
		} else if (a[0] == '-' && a[1]) {
			return cli_usage_error("screen", "unknown option or missing value '%s'", a);
		} else if (!csv) {
			csv = a;
		} else {
			return cli_usage_error("screen", "one FILE only");
		}
	}
	if (!index_path || !csv)
		return cli_usage_error("screen", "usage: vigil screen -x INDEX --jsonl FILE.csv");
	if (n_threads < 1)
		n_threads = 1;
	if (cases_db && old_path)
		return cli_usage_error("screen", "--cases and --changed-since do not go together");
	if (!(in = cli_open_input("screen", csv, &rc)))
		return rc;
	if (vg_index_open(&ix, index_path) != 0 ||
	    (old_path && (vg_index_open(&old_ix, old_path) != 0 ||
			  vg_diff_new(&diff, old_ix, ix) != 0))) {
		rc = cli_fail("screen");
		goto cleanup;
	}
	sh.old_ix = old_ix;
	sh.diff = diff;
	/* a row with invalid UTF-8 or an oversized field is answered with an
	 * error; a NUL byte or an open quote at the end stops the run (exit 3) */
	copts.flags = VG_CSV_LENIENT;
	copts.max_field = MAX_FIELD_BYTES;
	copts.max_fields = MAX_COLS;
	if (vg_csv_open_stream(&reader, csv, cli_csv_read, in, &copts) < 0 ||
	    (n = vg_csv_next(reader)) < 0) {
		rc = cli_fail("screen");
		goto cleanup;
	}
	if (n == 0 || !map_header(cols, reader)) {
		fprintf(stderr, "vigil screen: %s:%zu: the header names no name column "
				"(full_name, name, first_name or last_name)\n", csv,
			n ? vg_csv_line(reader) : (size_t)1);
		rc = EXIT_DATA;
		goto cleanup;
	}
	warn_columns(reader, csv);
	if (cases_db && cols[C_ID] < 0) {
		fprintf(stderr, "vigil screen: %s:1: --cases needs an id column (id or "
				"record_id) to know the subjects again\n", csv);
		rc = EXIT_DATA;
		goto cleanup;
	}
	sh.ix = ix;
	if (!(sh.slots = calloc(WINDOW, sizeof(slot))) ||
	    !(workers = calloc((size_t)n_threads, sizeof(pthread_t)))) {
		fprintf(stderr, "vigil screen: out of memory\n");
		rc = EXIT_RUNTIME;
		goto cleanup;
	}
	if (cases_db && (rc = cases_start(&cases, &sh, cases_db, ix, csv, actor)) != EXIT_OK)
		goto cleanup;
	pthread_mutex_init(&sh.mu, NULL);
	pthread_cond_init(&sh.filled, NULL);
	pthread_cond_init(&sh.done, NULL);
	pthread_cond_init(&sh.freed, NULL);
	wctx.sh = &sh;
	wctx.progress = isatty(2);
	wctx.total_bytes = (strcmp(csv, "-") && stat(csv, &st) == 0) ? st.st_size : 0;
	/* Warming the index (vg_index_warm) costs 1.3-2.0 s more CPU than
	 * opening it at a million entities (under load: what about 1,000 to
	 * 2,500 queries save) and makes each query about a third as dear on
	 * this project's virtual machine: done unless the file is too small
	 * to hold a few thousand rows (standard input may hold any number).
	 * Without the memory for it the run goes on over the mapping. */
	if (wctx.total_bytes == 0 || wctx.total_bytes >= WARM_MIN_BYTES) {
		(void)vg_index_warm(ix);
		if (old_ix)
			(void)vg_index_warm(old_ix);
	}
	wctx.bytes_read = &progress_bytes;
	wctx.write_error = 0;
	wctx.record_error = 0;
	for (t = 0; t < n_threads; t++) {
		if (pthread_create(&workers[t], NULL, worker_main, &sh) != 0)
			break;
		started++;
	}
	if (!started || pthread_create(&wthread, NULL, writer_main, &wctx) != 0) {
		pthread_mutex_lock(&sh.mu);
		sh.failed = 1;
		pthread_cond_broadcast(&sh.filled);
		pthread_mutex_unlock(&sh.mu);
		rc = EXIT_RUNTIME;
	} else {
		wstarted = 1;
	}

	/* The reader: fill slots in sequence. */
	while (rc == EXIT_OK) {
		slot *s = &sh.slots[seq % WINDOW];
		size_t r = 0;
		pthread_mutex_lock(&sh.mu);
		while (s->state != S_FREE && !sh.failed)
			pthread_cond_wait(&sh.freed, &sh.mu);
		pthread_mutex_unlock(&sh.mu);
		if (sh.failed)
			break;
		vg_buf_clear(&s->data);
		s->first_row = row + 1;
		while (r < BATCH_ROWS && data_rc == EXIT_OK) {
			n = vg_csv_next(reader);
			if (n == 0)
				break;
			if (n < 0) {
				/* rows read so far are still answered */
				data_rc = cli_fail("screen");
				break;
			}
			if (fill_row(s, r, reader, cols) < 0) {
				fprintf(stderr, "vigil screen: out of memory\n");
				rc = EXIT_RUNTIME;
				break;
			}
			r++;
			row++;
		}
		if (!r)
			break;
		__atomic_store_n(&progress_bytes, (size_t)vg_csv_consumed(reader), __ATOMIC_RELAXED);
		pthread_mutex_lock(&sh.mu);
		s->n_rows = r;
		s->seq = seq++;
		s->state = S_FILLED;
		pthread_cond_broadcast(&sh.filled);
		pthread_mutex_unlock(&sh.mu);
		if (data_rc != EXIT_OK)
			break;
	}
	pthread_mutex_lock(&sh.mu);
	sh.reader_done = 1;
	sh.n_batches_total = seq;
	if (rc != EXIT_OK)
		sh.failed = 1;
	pthread_cond_broadcast(&sh.filled);
	pthread_cond_broadcast(&sh.done);
	pthread_mutex_unlock(&sh.mu);
	for (t = 0; t < started; t++)
		pthread_join(workers[t], NULL);
	if (wstarted) {
		pthread_mutex_lock(&sh.mu);
		pthread_cond_broadcast(&sh.done);
		pthread_mutex_unlock(&sh.mu);
		pthread_join(wthread, NULL);
	}
	if (rc == EXIT_OK && wctx.record_error)
		rc = cli_exit_status(vg_error_last()->code ? vg_error_last()->code : VG_ERROR);
	else if (rc == EXIT_OK && (sh.failed || wctx.write_error)) {
		fprintf(stderr, "vigil screen: %s\n", wctx.write_error ? "write error" :
			"a worker failed to start");
		rc = EXIT_RUNTIME;
	}
	if (rc == EXIT_OK && sh.run)
		rc = cases_finish(sh.run);
cleanup:
	if (sh.slots) {
		for (i = 0; i < WINDOW; i++) {
			vg_buf_dispose(&sh.slots[i].data);
			vg_buf_dispose(&sh.slots[i].out);
			vg_cases_batch_free(sh.slots[i].cases);
		}
		free(sh.slots);
		pthread_mutex_destroy(&sh.mu);
		pthread_cond_destroy(&sh.filled);
		pthread_cond_destroy(&sh.done);
		pthread_cond_destroy(&sh.freed);
	}
	free(workers);
	vg_csv_free(reader);
	vg_cases_run_free(sh.run);
	vg_cases_free(cases);
	vg_diff_free(diff);
	vg_index_free(old_ix);
	vg_index_free(ix);
	if (in && in != stdin)
		fclose(in);
	return rc != EXIT_OK ? rc : data_rc;
}
