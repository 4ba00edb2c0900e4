/*
 * cmd_scan.c - `vigil scan`: find listed parties mentioned in free text.
 *
 * JSON is the library's writer's (vg_scan_json); `--format text` reads the
 * mentions as data (vg_scan) with the entities, their sanctions and their
 * links (vigil/index.h) and prints a report a person can read: one block
 * per party mentioned, with where, why it is flagged (sanctions: authority,
 * programme, date) and how it is linked to other listed parties.
 */
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f)
{
	fprintf(f,
		"usage: vigil scan -x INDEX [--links DEPTH] [--threshold T] [--html]\n"
		"                  [--format json|text] [--json] FILE\n\n"
		"Finds listed parties mentioned in FILE (UTF-8 text, or HTML with\n"
		"--html; '-' reads standard input; a FIFO or device is refused) and prints\n"
		"  {\"mentions\": [{\"start\", \"end\", \"text\", \"result\", \"links\"}]}\n"
		"with byte offsets into FILE.  RESULT is as for `vigil match`, plus\n"
		"\"sanctions\"; \"links\" lists the parties linked to it within DEPTH links\n"
		"(default 1) with the path to each and its sanctions.\n\n"
		"options:\n"
		"  -x, --index INDEX   the index file (vigil build)\n"
		"  --links DEPTH       follow links this deep (0: none; default 1)\n"
		"  --threshold T       report mentions scoring at least T (default 0.7)\n"
		"  --html              strip tags; offsets still point into FILE\n"
		"  --max-bytes N       refuse a FILE longer than N bytes (default 1 GiB);\n"
		"                      FILE is read and scanned in pieces of about 4 MB\n"
		"                      cut at paragraph breaks, so memory stays bounded\n"
		"  --json              JSON output (the default)\n"
		"  --format text       a readable report instead of JSON\n\n"
		"Exit status: 0 done (with or without mentions), 1 runtime failure,\n"
		"2 usage error, 3 FILE is not UTF-8 text.\n");
}

/* `lead` starts each sanction's line, `indent` its reason's line. */
static void print_sanctions(const vg_index *ix, uint32_t ord, const char *lead,
			    const char *indent)
{
	size_t i;
	for (i = 0; i < vg_entity_sanction_count(ix, ord); i++) {
		uint32_t s = vg_entity_sanction(ix, ord, i);
		const char *auth = vg_entity_first(ix, s, "authority");
		const char *prog = vg_entity_first(ix, s, "program");
		const char *date = vg_entity_first(ix, s, "startDate");
		const char *why = vg_entity_first(ix, s, "reason");
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

static void print_topics(const vg_index *ix, uint32_t ord, const char *indent)
{
	vg_value v;
	size_t i;
	for (i = 0; vg_entity_value(&v, ix, ord, i); i++) {
		if (strcmp(v.property, "topics"))
			continue;
		if (!strcmp(v.value, "role.pep"))
			printf("%spolitically exposed person (role.pep)\n", indent);
		else if (strcmp(v.value, "sanction"))
			printf("%stopic: %s\n", indent, v.value);
	}
}

/* The hops from the start of a walk to step i. */
static void print_path(const vg_index *ix, const vg_walk_step *w, size_t i)
{
	const vg_walk_step *hop = &w[i];
	const char *rel = vg_link_relation(ix, hop->edge, hop->direction);
	if (hop->parent != 0)
		print_path(ix, w, hop->parent);
	else
		printf("%s", vg_entity_caption(ix, w[0].ordinal));
	if (hop->direction == VG_LINK_OUT)
		printf(" --[%s]--> %s", rel ? rel : "linked to", vg_entity_caption(ix, hop->ordinal));
	else
		printf(" <--[%s]-- %s", rel ? rel : "linked to", vg_entity_caption(ix, hop->ordinal));
}

static void print_links(const vg_index *ix, const vg_walk_step *w, size_t n, bool truncated)
{
	size_t i;
	for (i = 1; i < n; i++) {
		printf("    - ");
		print_path(ix, w, i);
		printf("  (%s, %s)\n", vg_entity_schema(ix, w[i].ordinal),
		       vg_index_entity_id(ix, w[i].ordinal));
		print_sanctions(ix, w[i].ordinal, "        ", "          ");
		print_topics(ix, w[i].ordinal, "        ");
	}
	if (truncated)
		printf("    ... more links not shown (limit 200)\n");
}

/* The text of a mention on one line (names can span a line break). */
static const char *one_line(const char *s, size_t len, char *buf, size_t cap)
{
	size_t i;
	for (i = 0; i < len && i + 1 < cap; i++)
		buf[i] = (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') ? ' ' : s[i];
	buf[i] = '\0';
	return buf;
}

/* Why a party without sanctions of its own is flagged: the first party
 * linked to it that is sanctioned. */
static void print_linked_sanction(const vg_index *ix, const vg_walk_step *w, size_t n)
{
	size_t i;
	for (i = 1; i < n; i++)
		if (vg_entity_sanction_count(ix, w[i].ordinal)) {
			const char *rel = vg_link_relation(ix, w[i].edge, w[i].direction);
			printf("    why flagged: linked (%s) to %s, which is sanctioned "
			       "(see links)\n", rel ? rel : "linked to",
			       vg_entity_caption(ix, w[i].ordinal));
			return;
		}
}

/* One block for the entity of mention i and every later mention of it. */
static int print_entity(const vg_index *ix, const vg_mention *ms, size_t n, size_t i,
			bool *done, char *const *texts, int depth)
{
	uint32_t ord = ms[i].ordinal;
	vg_walk_step *w = NULL;
	size_t count = 0, j, nw = 0;
	bool truncated = false;
	char line[512];
	if (depth > 0 && vg_entity_walk(&w, &nw, &truncated, ix, ord, depth) < 0)
		return cli_fail("scan");
	printf("\n* %s  (%s, id %s, list %s)\n", vg_entity_caption(ix, ord),
	       vg_entity_schema(ix, ord), vg_index_entity_id(ix, ord),
	       vg_entity_dataset(ix, ord, 0) ? vg_entity_dataset(ix, ord, 0) : "?");
	printf("    mentioned as:\n");
	for (j = i; j < n; j++) {
		if (ms[j].ordinal != ord)
			continue;
		done[j] = true;
		if (count++ < 5)
			printf("      \"%s\"  (byte %zu, %s, score %.2f)\n",
			       one_line(texts[j], ms[j].end - ms[j].start, line,
					sizeof(line)),
			       ms[j].start, ms[j].rule, ms[j].score);
	}
	if (count > 5)
		printf("      ... %zu mentions in all\n", count);
	printf("    matched listed name: \"%.*s\"\n", (int)ms[i].listed_len, ms[i].listed_name);
	if (ms[i].n_alternatives) {
		printf("    same name also listed as:");
		for (j = 0; j < ms[i].n_alternatives; j++)
			printf(" %s", vg_index_entity_id(ix, ms[i].alternatives[j]));
		printf("\n");
	}
	print_sanctions(ix, ord, "    why flagged: ", "                   ");
	print_topics(ix, ord, "    why flagged: ");
	if (!vg_entity_sanction_count(ix, ord))
		print_linked_sanction(ix, w, nw);
	if (nw > 1) {
		printf("    links:\n");
		print_links(ix, w, nw, truncated);
	}
	free(w);
	return EXIT_OK;
}

/* Every mention of the file, in order, with its text (the report groups
 * them by entity, so they are kept; the input is not). */
typedef struct {
	vg_buf ms;    /* vg_mention[n] */
	vg_buf texts; /* char *[n], each malloc'ed */
	size_t n;
} mention_list;

static vg_mention *list_ms(const mention_list *l)
{
	return (vg_mention *)(void *)l->ms.ptr;
}

static char **list_texts(const mention_list *l)
{
	return (char **)(void *)l->texts.ptr;
}

static void mentions_free(mention_list *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		free(list_texts(l)[i]);
	vg_buf_dispose(&l->texts);
	vg_buf_dispose(&l->ms);
}

/* One block per entity, in order of first mention. */
static int print_text(const vg_index *ix, const mention_list *l, int depth, const char *file)
{
	size_t i;
	bool *done;
	int rc = EXIT_OK;
	if (!l->n) {
		printf("%s: no listed party mentioned.\n", file);
		return EXIT_OK;
	}
	if (!(done = calloc(l->n, sizeof(*done))))
		return EXIT_RUNTIME;
	printf("%s: %zu mention%s of listed parties\n", file, l->n, l->n == 1 ? "" : "s");
	for (i = 0; i < l->n && rc == EXIT_OK; i++)
		if (!done[i])
			rc = print_entity(ix, list_ms(l), l->n, i, done, list_texts(l), depth);
	free(done);
	return rc;
}

/* ---- reading the input a piece at a time ----------------------------------
 *
 * The input is never read whole: it is scanned in pieces of about PIECE
 * bytes, each cut after a paragraph break (else a line break, else a
 * space; with --html after a tag), with its byte offset in the file
 * (vg_scan_options.offset), so memory stays bounded however long the input
 * (/dev/zero through a pipe used to grow by 350 MB/s) and offsets still
 * point into the file.  A text up to PIECE bytes is scanned as one; in a
 * longer one a surname-only mention does not refer back across a cut.
 * JSON is written piece by piece (the document's list joined across
 * pieces); the report keeps the mentions, not the input.
 */
#define PIECE ((size_t)4 << 20)
#define MAX_BYTES ((unsigned long long)1 << 30)

typedef struct {
	const char *path;
	const vg_scanner *sc;
	vg_scan_options *opts;
	bool text;            /* the report: mentions collected in list */
	mention_list list;
	bool started, any;    /* JSON: document opened, a mention written */
	vg_buf head;          /* JSON: the document up to its list */
	unsigned long long max_bytes;
} scan_run;

/* Where to end a piece of p[0..n): just after the last blank line in its
 * second half, else (HTML) after the last tag there, else after the last
 * line break, else the last space or tab; 0 when there is none. */
static size_t cut_point(const char *p, size_t n, bool html)
{
	size_t i;
	for (i = n; i > n / 2 && i >= 2; i--)
		if (p[i - 1] == '\n' && (p[i - 2] == '\n' ||
					 (i >= 3 && p[i - 2] == '\r' && p[i - 3] == '\n')))
			return i;
	for (i = n; html && i > n / 2; i--)
		if (p[i - 1] == '>')
			return i;
	for (i = n; i > 0; i--)
		if (p[i - 1] == '\n')
			return i;
	for (i = n; i > 0; i--)
		if (p[i - 1] == ' ' || p[i - 1] == '\t')
			return i;
	return 0;
}

/* One piece of the input and what scanning it gave.  Pieces are cut in
 * order by one thread and scanned two at a time (the scanner is shared,
 * read-only), then written in order: the output is that of scanning them
 * one after the other. */
typedef struct {
	char *p;              /* the piece's own copy of its bytes */
	size_t n, base;       /* its length and byte offset in the input */
	vg_scan_options opts; /* the run's, with offset = base */
	vg_mention *ms;       /* the report: its mentions */
	size_t count;
	vg_buf doc;           /* JSON: its document */
	int status;           /* < 0: the scan failed, with code and message */
	int code;
	char message[512];
} piece;

static void piece_free(piece *pc)
{
	free(pc->p);
	free(pc->ms);
	vg_buf_dispose(&pc->doc);
	memset(pc, 0, sizeof(*pc));
}

static void scan_piece(piece *pc, const scan_run *r)
{
	pc->status = r->text ? vg_scan(&pc->ms, &pc->count, r->sc, pc->p, pc->n, &pc->opts)
			     : vg_scan_json(r->sc, pc->p ? pc->p : "", pc->n, &pc->opts, &pc->doc);
	if (pc->status < 0) {
		const vg_error *e = vg_error_last();
		pc->code = e->code;
		snprintf(pc->message, sizeof(pc->message), "%s", e->message);
	}
}

typedef struct {
	piece *pc;
	const scan_run *r;
} piece_task;

static void *scan_piece_thread(void *arg)
{
	piece_task *t = arg;
	scan_piece(t->pc, t->r);
	return NULL;
}

static int scan_failed(const scan_run *r, const piece *pc)
{
	fprintf(stderr, "vigil scan: %s: %s\n", r->path, pc->message);
	return cli_exit_status(pc->code ? pc->code : VG_ERROR);
}

/* The report: the piece's mentions and their texts appended to the list. */
static int keep_mentions(scan_run *r, piece *pc)
{
	mention_list *l = &r->list;
	size_t k;
	if (pc->status < 0)
		return scan_failed(r, pc);
	for (k = 0; k < pc->count; k++) {
		const vg_mention *m = &pc->ms[k];
		size_t len = m->end - m->start;
		char *t = malloc(len + 1);
		if (!t || vg_buf_put(&l->texts, (const char *)&t, sizeof(t)) < 0) {
			free(t);
			return EXIT_RUNTIME;
		}
		memcpy(t, pc->p + (m->start - pc->base), len);
		t[len] = '\0';
		l->n++; /* the text is the list's: freed with it */
		if (vg_buf_put(&l->ms, (const char *)m, sizeof(*m)) < 0)
			return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

/* JSON: the piece's document, its list joined to the others'.  The
 * wrapper around the list is learnt from the document of an empty text
 * (everything before its "]}"), so it follows the library's writer. */
static int write_mentions(scan_run *r, piece *pc)
{
	const vg_buf *doc = &pc->doc;
	size_t inner;
	if (!r->head.ptr) {
		if (vg_scan_json(r->sc, "", 0, r->opts, &r->head) < 0) {
			const vg_error *e = vg_error_last();
			fprintf(stderr, "vigil scan: %s: %s\n", r->path, e->message);
			return cli_exit_status(e->code ? e->code : VG_ERROR);
		}
		if (r->head.size < 3 || strcmp(r->head.ptr + r->head.size - 2, "]}")) {
			fprintf(stderr, "vigil scan: internal error: unexpected document\n");
			return EXIT_RUNTIME;
		}
		r->head.size -= 2;
		r->head.ptr[r->head.size] = '\0';
	}
	if (pc->status < 0)
		return scan_failed(r, pc);
	if (doc->size < r->head.size + 2 || memcmp(doc->ptr, r->head.ptr, r->head.size) ||
	    memcmp(doc->ptr + doc->size - 2, "]}", 2)) {
		fprintf(stderr, "vigil scan: internal error: unexpected document\n");
		return EXIT_RUNTIME;
	}
	inner = doc->size - r->head.size - 2;
	if ((!r->started && fputs(r->head.ptr, stdout) == EOF) ||
	    (inner && r->any && fputs(strstr(r->head.ptr, ": ") ? ", " : ",", stdout) == EOF) ||
	    (inner && fwrite(doc->ptr + r->head.size, 1, inner, stdout) != inner)) {
		fprintf(stderr, "vigil scan: write error: %s\n", strerror(errno));
		return EXIT_RUNTIME;
	}
	r->started = true;
	r->any |= inner > 0;
	return EXIT_OK;
}

static int emit(scan_run *r, piece *pc)
{
	return r->text ? keep_mentions(r, pc) : write_mentions(r, pc);
}

/* Reads up to PIECE bytes into buf (keeping what it holds); *eof at the
 * end of the input. */
static int fill(vg_buf *buf, FILE *f, bool *eof, const char *path)
{
	char chunk[65536];
	size_t n;
	while (!*eof && buf->size < PIECE) {
		n = fread(chunk, 1, sizeof(chunk), f);
		if (n == 0) {
			if (ferror(f)) {
				fprintf(stderr, "vigil scan: %s: %s\n", path, strerror(errno));
				return EXIT_RUNTIME;
			}
			*eof = true;
		} else if (vg_buf_put(buf, chunk, n) < 0) {
			return cli_fail("scan");
		}
	}
	return EXIT_OK;
}

/* The piece of the buffer to scan next: its length, or 0 with the status
 * in *rc when the input cannot be text. */
static size_t next_piece(const scan_run *r, const vg_buf *buf, size_t base, bool eof, int *rc)
{
	const char *nul = memchr(buf->ptr, '\0', buf->size);
	size_t n;
	*rc = EXIT_DATA;
	if (base + buf->size > r->max_bytes) {
		fprintf(stderr, "vigil scan: %s: longer than %llu bytes (--max-bytes)\n",
			r->path, r->max_bytes);
		return 0;
	}
	if (nul) {
		fprintf(stderr, "vigil scan: %s: byte %zu: a NUL byte: binary data, not text\n",
			r->path, base + (size_t)(nul - buf->ptr));
		return 0;
	}
	if (!(n = eof ? buf->size : cut_point(buf->ptr, buf->size, r->opts->html)))
		fprintf(stderr, "vigil scan: %s: byte %zu: no line break or space in %zu "
			"bytes: not text\n", r->path, base, buf->size);
	*rc = EXIT_OK;
	return n;
}

/* Cuts the next piece from the input into *pc (pc->n == 0 at its end). */
static int cut_piece(scan_run *r, vg_buf *buf, FILE *f, bool *eof, size_t *base, piece *pc)
{
	size_t n;
	int rc;
	memset(pc, 0, sizeof(*pc));
	if ((rc = fill(buf, f, eof, r->path)) != EXIT_OK || !buf->size)
		return rc;
	if (!(n = next_piece(r, buf, *base, *eof, &rc)))
		return rc == EXIT_OK ? EXIT_DATA : rc;
	if (!(pc->p = malloc(n)))
		return cli_fail("scan");
	memcpy(pc->p, buf->ptr, n);
	pc->n = n;
	pc->base = *base;
	pc->opts = *r->opts;
	pc->opts.offset = *base;
	memmove(buf->ptr, buf->ptr + n, buf->size - n);
	buf->size -= n;
	*base += n;
	return EXIT_OK;
}

/* Two pieces at a time: the second is scanned on a thread of its own
 * while this one scans the first (an input of one piece, up to PIECE
 * bytes, uses no thread).  A piece that cannot be cut (a NUL byte, past
 * --max-bytes) stops the run after the pieces before it are written. */
static int scan_stream(scan_run *r, FILE *f)
{
	vg_buf buf = VG_BUF_INIT;
	piece a, b;
	size_t base = 0;
	bool eof = false;
	int rc = EXIT_OK, rcb;
	memset(&b, 0, sizeof(b));
	for (;;) {
		pthread_t t;
		piece_task task = { &b, r };
		bool threaded = false;
		if ((rc = cut_piece(r, &buf, f, &eof, &base, &a)) != EXIT_OK || !a.n)
			break;
		rcb = cut_piece(r, &buf, f, &eof, &base, &b);
		if (rcb == EXIT_OK && b.n)
			threaded = !pthread_create(&t, NULL, scan_piece_thread, &task);
		scan_piece(&a, r);
		if (rcb == EXIT_OK && b.n && !threaded)
			scan_piece(&b, r);
		if (threaded)
			pthread_join(t, NULL);
		rc = emit(r, &a);
		if (rc == EXIT_OK)
			rc = rcb == EXIT_OK && b.n ? emit(r, &b) : rcb;
		piece_free(&a);
		if (rc != EXIT_OK || !b.n)
			break;
		piece_free(&b);
	}
	piece_free(&a);
	piece_free(&b);
	vg_buf_dispose(&buf);
	return rc;
}

/* JSON of an empty input: the document with no mention. */
static int write_empty(scan_run *r)
{
	piece pc;
	int rc;
	memset(&pc, 0, sizeof(pc));
	pc.opts = *r->opts;
	scan_piece(&pc, r);
	rc = write_mentions(r, &pc);
	piece_free(&pc);
	return rc;
}

int cmd_scan(int argc, char **argv)
{
	const char *index_path = NULL, *file = NULL;
	vg_scan_options opts = VG_SCAN_OPTIONS_INIT;
	bool text = false;
	vg_index *ix = NULL;
	vg_scanner *sc = NULL;
	scan_run run = { NULL, NULL, NULL, false, { VG_BUF_INIT, VG_BUF_INIT, 0 }, false, false,
			 VG_BUF_INIT, MAX_BYTES };
	FILE *in = NULL;
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
		} else if (!strcmp(a, "--max-bytes") && i + 1 < argc) {
			char *end;
			unsigned long long v = strtoull(argv[++i], &end, 10);
			if (*end || !v || argv[i][0] == '-')
				return cli_usage_error("scan", "--max-bytes wants a positive number, not '%s'",
						       argv[i]);
			run.max_bytes = v;
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

	if (!(in = cli_open_input("scan", file, &rc)))
		return rc;
	if (vg_index_open(&ix, index_path) < 0 || vg_scanner_new(&sc, ix) < 0) {
		rc = cli_fail("scan");
		goto cleanup;
	}
	run.path = file;
	run.sc = sc;
	run.opts = &opts;
	run.text = text;
	if ((rc = scan_stream(&run, in)) != EXIT_OK)
		goto cleanup;
	if (text) {
		rc = print_text(ix, &run.list, opts.links_depth, file);
	} else if (!run.started && (rc = write_empty(&run)) != EXIT_OK) {
		goto cleanup;
	} else if (fputs("]}\n", stdout) == EOF) {
		rc = EXIT_RUNTIME;
	}

cleanup:
	if (in && in != stdin)
		fclose(in);
	mentions_free(&run.list);
	vg_buf_dispose(&run.head);
	vg_scanner_free(sc);
	vg_index_free(ix);
	return rc;
}
