/*
 * test_oom.c - failure injection: every allocation on the build (every
 * list format), open, match, scan, entity, diff, compare, update (all but
 * the download itself), case store and server request paths is refused
 * once, in turn.
 *
 * How it works: a case is one sequence of calls (build an index from one
 * list, screen one query, answer one HTTP request ...).  It runs once to
 * warm what is created on first use (each thread's ICU transliterator) and
 * keep its output, once to count its allocations (N), then N times more,
 * run k refusing the k-th allocation.  Each run must either fail cleanly
 * (VG_ENOMEM from the library, with vg_error_last() saying so; a 500 or 503
 * with a JSON error body from the server) or succeed with exactly the
 * output of the normal run (an allocation that only a cache needed).
 * Under AddressSanitizer the heap must hold after every run exactly the
 * bytes it held before (no leak at any k), and ASan and UBSan abort on any
 * invalid access, so a crash on an error path fails the test.
 *
 * The library's allocations are refused through vg_alloc_set_hook().  The
 * server's own (src/server/request.c, handlers.c and reconcile*.c, compiled
 * in here as in test_server.c) go through macros that send its malloc, calloc, realloc,
 * strdup and strndup to the same counter.  Not reached: allocations inside
 * ICU, libxml2, json-c, libcurl, libmicrohttpd, SQLite and libpq, and src/server/server.c
 * (sockets, threads, index generations), which only the process tests see.
 */
#include <stdlib.h>
#include <string.h>

/* ---- the counter every refusable allocation asks ---------------------- */

static struct {
	long count;   /* allocations asked for in this run */
	long fail_at; /* the one to refuse (1-based); 0: none */
	int refused;  /* whether it was reached */
	int paused;   /* a case's own scaffolding: granted, not counted */
} oom;

static int oom_grant(void)
{
	if (oom.paused)
		return 1;
	if (++oom.count == oom.fail_at) {
		oom.refused = 1;
		return 0;
	}
	return 1;
}

static void *oom_malloc(size_t n)
{
	return oom_grant() ? malloc(n) : NULL;
}

static void *oom_calloc(size_t n, size_t size)
{
	return oom_grant() ? calloc(n, size) : NULL;
}

__attribute__((unused)) static void *oom_realloc(void *p, size_t n)
{
	return oom_grant() ? realloc(p, n) : NULL;
}

__attribute__((unused)) static char *oom_strdup(const char *s)
{
	return oom_grant() ? strdup(s) : NULL;
}

__attribute__((unused)) static char *oom_strndup(const char *s, size_t n)
{
	return oom_grant() ? strndup(s, n) : NULL;
}

/* The server's sources, their allocations routed to the counter. */
#define malloc(n) oom_malloc(n)
#define calloc(n, s) oom_calloc(n, s)
#define realloc(p, n) oom_realloc(p, n)
#define strdup(s) oom_strdup(s)
#define strndup(s, n) oom_strndup(s, n)
#include "../src/server/request.c"
#include "../src/server/handlers.c"
#include "../src/server/search_query.c"
#include "../src/server/search.c"
#include "../src/server/routes.c"
#include "../src/server/reconcile_query.c"
#include "../src/server/reconcile.c"
#include "../src/server/cases.c"
#include "../src/server/page_html.c"
#undef malloc
#undef calloc
#undef realloc
#undef strdup
#undef strndup

#include "helpers.h"
#include "common/error.h"
#include "update/delta.h"
#include "update/state.h"
#include "update/verify.h"

#include <dirent.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define OOM_HEAP_CHECK 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OOM_HEAP_CHECK 1
#endif
#endif

#ifdef OOM_HEAP_CHECK
/* AddressSanitizer's count of the bytes malloc'd and not yet freed. */
size_t __sanitizer_get_current_allocated_bytes(void);
void __sanitizer_print_stack_trace(void);
static size_t heap_bytes(void)
{
	return __sanitizer_get_current_allocated_bytes();
}
#else
/* Without ASan there is no exact count (glibc's caches blur mallinfo);
 * leaks are then not checked per run. */
static size_t heap_bytes(void)
{
	return 0;
}
#endif

/* OOM_TRACE=K (under ASan) prints where the K-th allocation of a run is
 * asked for, to find the call a failing run names; OOM_CASE=TEXT runs only
 * the cases whose name contains TEXT. */
static long trace_at;
static const char *only_case;

static bool lib_hook(size_t size, void *ctx)
{
	bool ok = oom_grant();
	(void)size;
	(void)ctx;
#ifdef OOM_HEAP_CHECK
	if (trace_at && oom.count == trace_at && oom.fail_at == trace_at)
		__sanitizer_print_stack_trace();
#endif
	return ok;
}

/* ---- the runner --------------------------------------------------------- */

/* One case: runs the calls once, appending what they produce to out.
 * Returns 0 or the negative code of the first failing call; a problem the
 * return code cannot express (a file left behind) goes into problem. */
typedef int (*oom_fn)(void *arg, vg_buf *out, char *problem, size_t cap);

/* How a run that failed must look: the library's VG_ENOMEM, or (server
 * cases) an HTTP error answer. */
typedef bool (*oom_clean_fn)(int rc, const vg_buf *out, char *why, size_t cap);

static bool lib_clean(int rc, const vg_buf *out, char *why, size_t cap)
{
	const vg_error *e = vg_error_last();
	(void)out;
	if (rc == VG_ENOMEM && e->code == VG_ENOMEM)
		return true;
	snprintf(why, cap, "returned %d, last error %d \"%s\" (expected VG_ENOMEM)", rc,
		 e->code, e->message);
	return false;
}

/*
 * Cases known to mishandle some refused allocations: the case, how many of
 * its runs go wrong today at most, and why.  A pending case still runs (a
 * crash still fails the test), its failures are printed, and more than its
 * count fails the test; once it passes, the test fails until its line here
 * is deleted, so the list only shrinks.
 */
static const struct {
	const char *name;
	long max_bad;
	const char *reason;
} pending[] = {
	/* (none left: the JSON writer of issue 10 checks the buffer's sticky
	 * out-of-memory flag, and the server tells a missing entity from a
	 * failure to render it) */
	{ NULL, 0, NULL },
};

/* The pending entry of a case, or -1. */
static int pending_entry(const char *name)
{
	size_t i;
	for (i = 0; pending[i].name; i++)
		if (!strcmp(name, pending[i].name))
			return (int)i;
	return -1;
}

/* What one run did wrong, or "" (an empty problem). */
static void judge(char *problem, size_t cap, int rc, const vg_buf *out, const vg_buf *ref,
		  oom_clean_fn clean, long *failed, long *same)
{
	char why[400];
	bool same_output = out->size == ref->size && !memcmp(out->ptr, ref->ptr, ref->size);
	if (problem[0])
		return;
	if (rc == 0 && (same_output || !oom.refused)) {
		/* nothing refused (a warm cache asked less), or refused and
		 * yet the same answer: only if nothing is lost */
		if (!same_output)
			snprintf(problem, cap, "output changed with nothing refused");
		(*same)++;
	} else if (rc == 0 && clean == lib_clean) {
		snprintf(problem, cap, "succeeded with other output than the normal run");
	} else if (rc != 0 && !oom.refused) {
		snprintf(problem, cap, "failed (%d: %s) with nothing refused", rc,
			 vg_error_last()->message);
	} else if (clean(rc, out, why, sizeof(why))) {
		(*failed)++;
	} else {
		snprintf(problem, cap, "%s", why);
	}
}

static void run_case(const char *name, oom_fn fn, void *arg, oom_clean_fn clean)
{
	vg_buf ref = VG_BUF_INIT, out = VG_BUF_INIT;
	char problem[512] = "";
	long n, k, failed = 0, same = 0, bad = 0;
	int pend = pending_entry(name);
	size_t base;
	int rc;

	if (only_case && !strstr(name, only_case))
		return;
	rc = fn(arg, &ref, problem, sizeof(problem));
	if (rc != 0 || problem[0])
		fail_msg("%s: the normal run failed (%d): %s %s", name, rc,
			 vg_error_last()->message, problem);
	memset(&oom, 0, sizeof(oom));
	vg_alloc_set_hook(lib_hook, NULL);
	rc = fn(arg, &out, problem, sizeof(problem));
	vg_alloc_set_hook(NULL, NULL);
	n = oom.count;
	if (rc != 0 || out.size != ref.size || memcmp(out.ptr, ref.ptr, ref.size))
		fail_msg("%s: a second normal run differs from the first", name);
	vg_buf_dispose(&out);

	base = heap_bytes();
	for (k = 1; k <= n; k++) {
		memset(&oom, 0, sizeof(oom));
		oom.fail_at = k;
		problem[0] = '\0';
		vg_error_clear();
		vg_alloc_set_hook(lib_hook, NULL);
		rc = fn(arg, &out, problem, sizeof(problem));
		vg_alloc_set_hook(NULL, NULL);
		judge(problem, sizeof(problem), rc, &out, &ref, clean, &failed, &same);
		vg_buf_dispose(&out);
		if (!problem[0] && heap_bytes() != base) {
			snprintf(problem, sizeof(problem), "%ld bytes still allocated after the run",
				 (long)(heap_bytes() - base));
			base = heap_bytes();
		}
		if (problem[0] && bad++ < 8)
			printf("%s - %s: allocation %ld of %ld refused: %s\n",
			       pend >= 0 ? "pending" : "FAIL", name, k, n, problem);
	}
	vg_buf_dispose(&ref);
	if (bad && pend >= 0 && bad <= pending[pend].max_bad) {
		printf("pending - %s: %ld of %ld refused allocations handled wrongly, as known (%s)\n",
		       name, bad, n, pending[pend].reason);
		return;
	}
	if (bad)
		fail_msg("%s: %ld of %ld refused allocations handled wrongly%s", name, bad, n,
			 pend >= 0 ? ", more than pending[] in tests/test_oom.c knows of" : "");
	if (pend >= 0)
		fail_msg("%s now passes: delete its entry from pending[] in tests/test_oom.c", name);
	printf("ok - %s: %ld allocations, each refused once: %ld clean failures, "
	       "%ld runs with the normal output\n", name, n, failed, same);
}

/* ---- build ------------------------------------------------------------- */

static char tmpdir[256];

static const char *tmp_path(const char *name)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return path;
}

/* Files in tmpdir other than the ones named (NULL-terminated). */
static int stray_files(char *problem, size_t cap, const char *const *keep)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	int n = 0;
	size_t i;
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		bool kept = e->d_name[0] == '.' && (!e->d_name[1] || !strcmp(e->d_name, ".."));
		for (i = 0; keep[i] && !kept; i++)
			kept = !strcmp(e->d_name, keep[i]);
		if (!kept) {
			snprintf(problem, cap, "left %s/%s behind", tmpdir, e->d_name);
			n++;
		}
	}
	closedir(d);
	return n;
}

typedef struct {
	const char *input; /* under tests/fixtures */
	vg_format format;
} build_arg;

static const char *const keep_indexes[] = { "match.idx", "old.idx", "new.idx", NULL };

static int build_case(void *p, vg_buf *out, char *problem, size_t cap)
{
	const build_arg *a = p;
	vg_builder *b = NULL;
	vg_index *ix = NULL;
	const char *path = tmp_path("build.idx");
	int rc;

	if ((rc = vg_builder_new(&b)) < 0)
		return rc;
	if ((rc = vg_builder_add(b, fixture(a->input), a->format)) == 0 &&
	    (rc = vg_builder_summary(b, out)) == 0 && (rc = vg_builder_write(b, path)) == 0 &&
	    (rc = vg_index_open(&ix, path)) == 0)
		rc = vg_index_info_json(ix, out);
	vg_index_free(ix);
	vg_builder_free(b);
	unlink(path);
	stray_files(problem, cap, keep_indexes);
	return rc;
}

static void test_build(void **state)
{
	static const build_arg inputs[] = {
		{ "sources/ftm.jsonl", VG_FORMAT_FTM_JSON },
		{ "sources/ofac", VG_FORMAT_OFAC_CSV },
		{ "sources/un.xml", VG_FORMAT_UN_XML },
		{ "sources/eu-fsf.xml", VG_FORMAT_EU_XML },
		{ "sources/uk-conlist.csv", VG_FORMAT_UK_CSV },
		{ "sources/uksl.xml", VG_FORMAT_UKSL_XML },
		{ "sources/csl.csv", VG_FORMAT_CSL_CSV },
		{ "sources/dpl.txt", VG_FORMAT_DPL_TSV },
		{ "sources/senzing.jsonl", VG_FORMAT_SENZING_JSON },
		{ "sources/ftm-delta/index.json", VG_FORMAT_FTM_JSON },
		{ "server/mini.ftm.jsonl", VG_FORMAT_AUTO },
	};
	char name[128];
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		snprintf(name, sizeof(name), "build %s", inputs[i].input);
		run_case(name, build_case, (void *)&inputs[i], lib_clean);
	}
}

/* ---- one index for the query paths ------------------------------------- */

static vg_index *the_index, *old_index;

static int write_index(const char *path, const char *const *inputs)
{
	vg_builder *b = NULL;
	int rc = vg_builder_new(&b);
	for (; rc == 0 && *inputs; inputs++)
		rc = vg_builder_add(b, fixture(*inputs), VG_FORMAT_AUTO);
	if (rc == 0)
		rc = vg_builder_write(b, path);
	vg_builder_free(b);
	return rc;
}

static int group_setup(void **state)
{
	static const char *const inputs[] = { "server/mini.ftm.jsonl", "index/small.ftm.jsonl",
					      "sources/un.xml", "sources/ofac", NULL };
	static const char *const old_inputs[] = { "index/list-a.ftm.jsonl", NULL };
	static const char *const new_inputs[] = { "index/list-b.ftm.jsonl", NULL };
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/vg_test_oom.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	if (write_index(tmp_path("match.idx"), inputs) ||
	    vg_index_open(&the_index, tmp_path("match.idx")) ||
	    write_index(tmp_path("old.idx"), old_inputs) ||
	    vg_index_open(&old_index, tmp_path("old.idx")) ||
	    write_index(tmp_path("new.idx"), new_inputs)) {
		fprintf(stderr, "setup: %s\n", vg_error_last()->message);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	char cmd[512];
	(void)state;
	vg_index_free(the_index);
	vg_index_free(old_index);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- open, entity, info, diff ------------------------------------------ */

static int open_case(void *p, vg_buf *out, char *problem, size_t cap)
{
	vg_index *ix = NULL;
	uint32_t ord;
	int rc;
	(void)p;
	(void)problem;
	(void)cap;
	if ((rc = vg_index_open(&ix, tmp_path("match.idx"))) < 0)
		return rc;
	if ((rc = vg_index_info_json(ix, out)) == 0 &&
	    (rc = vg_index_lookup(&ord, ix, "srv-p1")) == 0)
		rc = vg_index_entity_json(ix, ord, 2, out);
	vg_index_free(ix);
	return rc;
}

static int diff_case(void *p, vg_buf *out, char *problem, size_t cap)
{
	vg_index *neu = NULL;
	vg_diff *d = NULL;
	int rc;
	(void)p;
	(void)problem;
	(void)cap;
	if ((rc = vg_index_open(&neu, tmp_path("new.idx"))) < 0)
		return rc;
	if ((rc = vg_diff_new(&d, old_index, neu)) == 0 && (rc = vg_diff_json(d, out)) == 0)
		rc = vg_diff_text(d, 10, out);
	vg_diff_free(d);
	vg_index_free(neu);
	return rc;
}

static void test_open_entity_diff(void **state)
{
	(void)state;
	run_case("open, info, entity with links", open_case, NULL, lib_clean);
	run_case("diff", diff_case, NULL, lib_clean);
}

/* ---- match and scan ---------------------------------------------------- */

typedef struct {
	vg_query q;
	vg_match_options opt;
} match_arg;

static int match_case(void *p, vg_buf *out, char *problem, size_t cap)
{
	const match_arg *a = p;
	vg_matcher *m = NULL;
	vg_match_result res[5];
	size_t n = 0, i;
	int rc;
	(void)problem;
	(void)cap;
	if ((rc = vg_matcher_new(&m, the_index)) < 0)
		return rc;
	if ((rc = vg_match_json(&n, m, &a->q, &a->opt, out)) == 0 &&
	    (rc = vg_match(&n, res, 5, m, &a->q, &a->opt)) == 0)
		for (i = 0; i < n && rc == 0; i++)
			rc = vg_buf_printf(out, " %u:%.4f", res[i].ordinal, res[i].score);
	vg_matcher_free(m);
	return rc;
}

static void test_match(void **state)
{
	static const char *const latin[] = { "Viktor Kormilov" };
	static const char *const cyr[] = { "Иван Петрович Сидоров", "Ivan Sidorov" };
	static const char *const company[] = { "Northwind Shipping Limited" };
	static const char *const ids[] = { "HE 123456" };
	static const char *const countries[] = { "ru", "Cyprus" };
	static const char *const thing[] = { "Severnaya Logistika" };
	match_arg a = { VG_QUERY_INIT, VG_MATCH_OPTIONS_INIT };
	(void)state;

	a.q.schema = VG_SCHEMA_PERSON;
	a.q.names = latin;
	a.q.n_names = 1;
	a.q.birth_date = "1961-03";
	a.q.countries = countries;
	a.q.n_countries = 1;
	run_case("match a person with birth date and country", match_case, &a, lib_clean);

	a.q = (vg_query)VG_QUERY_INIT;
	a.q.names = cyr;
	a.q.n_names = 2;
	a.q.gender = "male";
	run_case("match a Cyrillic and a Latin name", match_case, &a, lib_clean);

	a.q = (vg_query)VG_QUERY_INIT;
	a.q.schema = VG_SCHEMA_COMPANY;
	a.q.names = company;
	a.q.n_names = 1;
	a.q.id_numbers = ids;
	a.q.n_id_numbers = 1;
	a.q.countries = countries + 1;
	a.q.n_countries = 1;
	run_case("match a company with a registration number", match_case, &a, lib_clean);

	a.q = (vg_query)VG_QUERY_INIT;
	a.q.first_name = "Juan Carlos";
	a.q.last_name = "Ortega";
	run_case("match name parts", match_case, &a, lib_clean);

	a.q = (vg_query)VG_QUERY_INIT;
	a.q.names = thing;
	a.q.n_names = 1;
	a.opt.links_depth = 2;
	a.opt.properties = true;
	run_case("match with links and properties", match_case, &a, lib_clean);
}

typedef struct {
	const char *text;
	vg_scan_options opt;
} scan_arg;

static int scan_case(void *p, vg_buf *out, char *problem, size_t cap)
{
	const scan_arg *a = p;
	vg_scanner *sc = NULL;
	int rc;
	(void)problem;
	(void)cap;
	if ((rc = vg_scanner_new(&sc, the_index)) < 0)
		return rc;
	rc = vg_scan_json(sc, a->text, strlen(a->text), &a->opt, out);
	vg_scanner_free(sc);
	return rc;
}

static void test_scan(void **state)
{
	scan_arg a = { "Yesterday Viktor Kormilov, the owner of Severnaya Logistika LLC, met "
		       "Иван Сидоров and the crew of the Sea Falcon.",
		       VG_SCAN_OPTIONS_INIT };
	(void)state;
	run_case("scan text", scan_case, &a, lib_clean);
	a.text = "<p>Kormilov&#39;s <b>Severnaya</b> Logistika</p><script>x</script>";
	a.opt.html = true;
	a.opt.links_depth = 2;
	run_case("scan HTML with links", scan_case, &a, lib_clean);
}

/* ---- compare and configuration ----------------------------------------- */

static int compare_case(void *p, vg_buf *out, char *problem, size_t cap)
{
	static const char *const pairs[][2] = {
		{ "Vladimir Vladimirovich Putin", "Владимир Владимирович Путин" },
		{ "OOO Severnaya Logistika", "Severnaya Logistika LLC" },
		{ "习近平", "Xi Jinping" },
		{ "محمد بن سلمان", "Mohammed bin Salman" },
	};
	double score;
	size_t i;
	int rc = 0;
	(void)p;
	(void)problem;
	(void)cap;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]) && rc == 0; i++) {
		rc = vg_compare(&score, pairs[i][0], strlen(pairs[i][0]), pairs[i][1],
				strlen(pairs[i][1]), VG_SCHEMA_THING, out);
		if (rc == 0)
			rc = vg_buf_printf(out, " %.4f\n", score);
	}
	return rc;
}

static int config_case(void *p, vg_buf *out, char *problem, size_t cap)
{
	static const char ini[] =
		"[update]\ntimeout = 60\nretries = 2\n\n"
		"[source ofac]\nformat = ofac-csv\nurl = https://example.org/SDN.CSV\n"
		"url = https://example.org/ADD.CSV\nsha256 = "
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n"
		"schedule = daily\n\n[source os]\nformat = ftm-json\n"
		"url = https://example.org/e.json\ndelta_index = https://example.org/d.json\n";
	vg_update_config *c = NULL;
	size_t i;
	int rc;
	(void)p;
	(void)problem;
	(void)cap;
	if ((rc = vg_update_config_parse(&c, "oom.ini", ini, strlen(ini))) < 0)
		return rc;
	for (i = 0; i < vg_update_config_source_count(c) && rc == 0; i++)
		rc = vg_buf_printf(out, "%s\n", vg_update_config_source_name(c, i));
	vg_update_config_free(c);
	return rc;
}

/* `vigil update` past the download (which needs a server: the process
 * tests have it): applying FtM delta files, the per-source state file,
 * and the full parse that verifies a download. */
static int read_into(vg_buf *out, const char *path)
{
	char chunk[4096];
	size_t n;
	int rc = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return vg__error_set(VG_EIO, "%s: cannot open", path);
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = vg_buf_put(out, chunk, n);
	fclose(f);
	return rc;
}

static int delta_case(void *p, vg_buf *out, char *problem, size_t cap)
{
	static const char *const keep[] = { "match.idx", "old.idx", "new.idx", NULL };
	char base[4096], d2[4096], d3[4096];
	const char *deltas[2] = { d2, d3 };
	const char *path = tmp_path("applied.ftm.jsonl");
	int rc;
	(void)p;
	snprintf(base, sizeof(base), "%s", fixture("sources/ftm-delta/base.ftm.jsonl"));
	snprintf(d2, sizeof(d2), "%s", fixture("sources/ftm-delta/v2.delta.jsonl"));
	snprintf(d3, sizeof(d3), "%s", fixture("sources/ftm-delta/v3.delta.jsonl"));
	rc = vg__delta_apply(base, deltas, 2, path);
	if (rc == 0)
		rc = read_into(out, path);
	unlink(path);
	stray_files(problem, cap, keep);
	return rc;
}

static int state_case(void *p, vg_buf *out, char *problem, size_t cap)
{
	vg__source_state st, back;
	vg__state_file *f;
	const char *path = tmp_path("state");
	size_t i;
	int rc = 0;
	(void)p;
	(void)problem;
	(void)cap;
	vg__state_init(&st);
	vg__state_init(&back);
	st.checked_at = 1700000000;
	snprintf(st.data_dir, sizeof(st.data_dir), "v1700000000-1-1");
	for (i = 0; i < 3 && rc == 0; i++) {
		if ((rc = vg__state_add(&f, &st)) == 0) {
			snprintf(f->url, sizeof(f->url), "https://example.org/list%zu.csv", i);
			snprintf(f->file, sizeof(f->file), "list%zu.csv", i);
			snprintf(f->etag, sizeof(f->etag), "\"e%zu\"", i);
			f->size = 1000 + i;
		}
	}
	if (rc == 0 && (rc = vg__state_save(&st, path)) == 0 &&
	    (rc = vg__state_load(&back, path)) == 0)
		for (i = 0; i < back.n_files && rc == 0; i++)
			rc = vg_buf_printf(out, "%s %s %s %llu\n", back.files[i].url,
					   back.files[i].file, back.files[i].etag,
					   (unsigned long long)back.files[i].size);
	vg__state_dispose(&st);
	vg__state_dispose(&back);
	unlink(path);
	return rc;
}

static int verify_case(void *p, vg_buf *out, char *problem, size_t cap)
{
	uint64_t n = 0;
	int rc;
	(void)p;
	(void)problem;
	(void)cap;
	if ((rc = vg__verify_count(&n, fixture("sources/un.xml"), VG_FORMAT_UN_XML)) == 0)
		rc = vg_buf_printf(out, "%llu entities", (unsigned long long)n);
	return rc;
}

static void test_compare_update(void **state)
{
	(void)state;
	run_case("compare across scripts with explanations", compare_case, NULL, lib_clean);
	run_case("update: parse a configuration", config_case, NULL, lib_clean);
	run_case("update: apply FtM delta files", delta_case, NULL, lib_clean);
	run_case("update: save and load a source's state", state_case, NULL, lib_clean);
	run_case("update: verify a download by parsing it", verify_case, NULL, lib_clean);
}

/* ---- the server's request path ----------------------------------------- */

typedef struct {
	const char *method, *path, *query, *body;
	vg_matcher *matcher; /* created on first use, per run, as a worker does */
	vg_scanner *scanner; /* built on first use, per run, as a generation does */
} http_arg;

static vg_matcher *lazy_matcher(void *cls)
{
	http_arg *a = cls;
	if (!a->matcher && vg_matcher_new(&a->matcher, the_index) < 0)
		return NULL;
	return a->matcher;
}

static vg_scanner *lazy_scanner(void *cls)
{
	http_arg *a = cls;
	if (!a->scanner && vg_scanner_new(&a->scanner, the_index) < 0)
		return NULL;
	return a->scanner;
}

/* One request on a fresh index generation; loading the generation is
 * view_case's business, so it
 * is not counted here, nor is writing the answer into out. */
static int http_case(void *p, vg_buf *out, char *problem, size_t cap)
{
	http_arg *a = p;
	srv_limits limits = SRV_LIMITS_INIT;
	srv_args args = SRV_ARGS_INIT;
	srv_index_view view = { 0 };
	srv_ctx ctx = { &limits, &view, lazy_matcher, lazy_scanner, a, 0, "http://test", NULL, NULL, NULL, false,
			NULL };
	srv_request req = { a->method, a->path, &args, a->body ? a->body : "",
			    a->body ? strlen(a->body) : 0, "application/json", NULL, NULL };
	srv_response resp = SRV_RESPONSE_INIT;
	int rc = 0;

	oom.paused = 1;
	view.index = the_index;
	view.generation = 1;
	if (srv_index_view_load(&view) < 0)
		snprintf(problem, cap, "loading the index view failed");
	/* /readyz says when the view was loaded, to the second: every run
	 * loads its own, and two runs a second apart must still compare */
	snprintf(view.loaded_at, sizeof(view.loaded_at), "2026-01-01T00:00:00Z");
	oom.paused = 0;
	if (a->query && srv_args_parse_form(&args, a->query, strlen(a->query)) < 0) {
		rc = VG_ENOMEM; /* server.c answers 500 itself */
	} else {
		srv_handle(&ctx, &req, &resp);
		oom.paused = 1;
		if (vg_buf_printf(out, "%d %s\n", resp.status,
				  resp.content_type ? resp.content_type : "-") ||
		    vg_buf_put(out, resp.body.ptr ? resp.body.ptr : "", resp.body.size))
			rc = VG_ENOMEM;
		oom.paused = 0;
	}
	vg_buf_dispose(&resp.body);
	srv_args_free(&args);
	vg_matcher_free(a->matcher);
	a->matcher = NULL;
	vg_scanner_free(a->scanner);
	a->scanner = NULL;
	srv_index_view_dispose(&view);
	return rc;
}

/* A failed request must still be answered: 500 or 503 with a JSON body
 * {"status": N, "detail": "..."}, or no body at all when even that could
 * not be written.  Never a partial body, never a 200 with other content. */
static bool http_clean(int rc, const vg_buf *out, char *why, size_t cap)
{
	int status = 0;
	const char *body;
	json_object *j;
	bool ok;
	if (rc == VG_ENOMEM && !out->size)
		return true; /* the query string itself could not be stored */
	if (!out->ptr || sscanf(out->ptr, "%d", &status) != 1 || (status != 500 && status != 503)) {
		snprintf(why, cap, "answered %.200s", out->ptr ? out->ptr : "nothing");
		return false;
	}
	body = strchr(out->ptr, '\n') + 1;
	if (!*body)
		return true;
	j = json_tokener_parse(body);
	ok = j && json_object_object_get_ex(j, "status", NULL) &&
	     json_object_object_get_ex(j, "detail", NULL);
	json_object_put(j);
	if (!ok)
		snprintf(why, cap, "error answer is not {\"status\", \"detail\"}: %.200s", body);
	return ok;
}

/* srv_index_view_load fails with -1 (the server's own allocation; server.c
 * then reports "out of memory") or the library's code. */
static bool view_clean(int rc, const vg_buf *out, char *why, size_t cap)
{
	(void)out;
	if (rc == VG_ENOMEM)
		return true;
	snprintf(why, cap, "returned %d (%s)", rc, vg_error_last()->message);
	return false;
}

static int view_case(void *p, vg_buf *out, char *problem, size_t cap)
{
	srv_index_view v = { 0 };
	int rc;
	(void)p;
	(void)problem;
	(void)cap;
	v.index = the_index;
	v.generation = 3;
	if (srv_index_view_load(&v) < 0) {
		rc = vg_error_last()->code ? vg_error_last()->code : VG_ENOMEM;
	} else {
		rc = vg_buf_put(out, v.catalog, v.catalog_len);
		if (rc == 0)
			rc = vg_buf_printf(out, " %zu sources, %zu entities", v.n_sources,
					   v.entities);
	}
	srv_index_view_dispose(&v);
	return rc;
}

static void test_server_requests(void **state)
{
	static const char match_body[] =
		"{\"queries\": {\"q1\": {\"schema\": \"Person\", \"properties\": "
		"{\"name\": [\"Viktor Kormilov\"], \"birthDate\": [\"1961\"], "
		"\"nationality\": [\"ru\"]}}, \"q2\": {\"schema\": \"Company\", "
		"\"properties\": {\"name\": [\"Northwind Shipping\"], "
		"\"registrationNumber\": [\"HE 123456\"]}}}}";
	static const char reconcile_body[] =
		"queries=%7B%22q0%22%3A%7B%22query%22%3A%22Kormilov%22%2C%22type%22%3A"
		"%22Person%22%2C%22properties%22%3A%5B%7B%22pid%22%3A%22birthDate%22%2C"
		"%22v%22%3A%221961%22%7D%5D%7D%7D";
	static const char extend_query[] =
		"extend=%7B%22ids%22%3A%5B%22srv-p1%22%5D%2C%22properties%22%3A%5B%7B%22id%22"
		"%3A%22Person%3AbirthDate%22%7D%5D%7D";
	http_arg reqs[] = {
		{ "POST", "/match/default", "limit=3&threshold=0.5", match_body, NULL, NULL },
		{ "GET", "/search/default", "q=Severnaya+Logistika&limit=3", NULL, NULL, NULL },
		{ "GET", "/entities/srv-p1", NULL, NULL, NULL, NULL },
		{ "GET", "/catalog", NULL, NULL, NULL, NULL },
		{ "GET", "/reconcile/default", "callback=cb", NULL, NULL, NULL },
		{ "GET", "/reconcile/default", reconcile_body, NULL, NULL, NULL },
		{ "GET", "/reconcile/default/preview", "id=srv-c1", NULL, NULL, NULL },
		{ "GET", "/reconcile/default/suggest/entity", "prefix=Kor", NULL, NULL, NULL },
		{ "GET", "/reconcile/default/suggest/entity", "prefix=srv-p1", NULL, NULL, NULL },
		{ "GET", "/reconcile/default/suggest/property", "prefix=coun", NULL, NULL, NULL },
		{ "GET", "/reconcile/default/suggest/type", "prefix=pers", NULL, NULL, NULL },
		{ "GET", "/reconcile/default/extend/property", "type=Person&limit=3", NULL, NULL,
		  NULL },
		{ "GET", "/reconcile/default", extend_query, NULL, NULL, NULL },
		{ "POST", "/scan", NULL, "{\"text\": \"Viktor Kormilov owns Severnaya Logistika.\"}",
		  NULL, NULL },
		{ "POST", "/match/nope", NULL, match_body, NULL, NULL },
		{ "GET", "/readyz", NULL, NULL, NULL, NULL },
		{ "GET", "/healthz", NULL, NULL, NULL, NULL },
	};
	char name[160];
	size_t i;
	(void)state;

	run_case("server: loading an index generation", view_case, NULL, view_clean);
	for (i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
		snprintf(name, sizeof(name), "server: %s %s%s%.40s", reqs[i].method, reqs[i].path,
			 reqs[i].query ? "?" : "", reqs[i].query ? reqs[i].query : "");
		run_case(name, http_case, &reqs[i], http_clean);
	}
}

/* ---- the case store ------------------------------------------------------ */

/* Screens three people into a new SQLite store (in memory: a file costs
 * fsyncs at every one of the runs), decides one alert, reads
 * the queue and one alert back and checks the audit trail.  The output is
 * what does not depend on the clock: ids, states, verdicts, outcomes,
 * scores, counts. */
static int cases_screen(vg_cases_run *run, vg_matcher *m, vg_cases_batch *b)
{
	static const char *const names[][1] = { { "Viktor Kormilov" }, { "Anna Kormilova" },
						 { "Severnaya Logistika" } };
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	vg_buf json = VG_BUF_INIT;
	size_t i;
	int rc = 0;
	for (i = 0; i < 3 && rc == 0; i++) {
		vg_query q = VG_QUERY_INIT;
		char id[16];
		vg_cases_attr attrs[] = { { "name", names[i][0] } };
		q.names = names[i];
		q.n_names = 1;
		snprintf(id, sizeof(id), "C-%zu", i);
		rc = vg_cases_batch_screen(b, i + 1, id, attrs, 1, m, &q, &o, &json);
	}
	vg_buf_dispose(&json);
	return rc ? rc : vg_cases_run_record(run, b);
}

static int cases_read(vg_cases *cs, vg_buf *out)
{
	vg_cases_list *l = NULL;
	vg_cases_audit_report rep;
	size_t i;
	int rc = vg_cases_alerts(&l, cs, NULL);
	for (i = 0; rc == 0 && i < vg_cases_list_count(l); i++) {
		const vg_cases_alert *a = vg_cases_list_alert(l, i);
		rc = vg_buf_printf(out, "%lld %s %s %s %.4f %s v%lld\n", (long long)a->id, a->state,
				   a->subject, a->entity, a->score, vg_verdict_name(a->verdict),
				   (long long)a->version);
	}
	vg_cases_list_free(l);
	l = NULL;
	if (rc == 0 && (rc = vg_cases_alert_get(&l, cs, 1)) == 0)
		rc = vg_buf_printf(out, "history %zu\n", vg_cases_list_event_count(l));
	vg_cases_list_free(l);
	if (rc == 0 && (rc = vg_cases_audit_verify(&rep, cs)) == 0)
		rc = vg_buf_printf(out, "audit %s %llu\n", rep.intact ? "intact" : "broken",
				   (unsigned long long)rep.records);
	return rc;
}

static int cases_case(void *p, vg_buf *out, char *problem, size_t cap)
{
	char db[512];
	vg_cases_run_options ro = VG_CASES_RUN_OPTIONS_INIT;
	vg_cases_decision d = VG_CASES_DECISION_INIT;
	vg_cases_run_summary sum;
	vg_index *ix = NULL;
	vg_cases *cs = NULL;
	vg_cases_run *run = NULL;
	vg_cases_batch *b = NULL;
	vg_matcher *m = NULL;
	int rc;
	(void)p;
	(void)problem;
	(void)cap;
	snprintf(db, sizeof(db), "sqlite::memory:");
	ro.actor = "oom";
	ro.input = "three people";
	ro.input_digest = "digest";
	d.alert = 1;
	d.verdict = VG_VERDICT_FALSE_POSITIVE;
	d.analyst = "alice";
	d.reason = "not him";
	if ((rc = vg_index_open(&ix, tmp_path("match.idx"))) == 0 &&
	    (rc = vg_cases_open(&cs, db, NULL)) == 0 &&
	    (rc = vg_cases_run_begin(&run, cs, ix, &ro)) == 0 &&
	    (rc = vg_cases_batch_new(&b)) == 0 && (rc = vg_matcher_new(&m, ix)) == 0 &&
	    (rc = cases_screen(run, m, b)) == 0 && (rc = vg_cases_run_finish(run, &sum)) == 0 &&
	    (rc = vg_cases_decide(NULL, cs, &d)) == 0 &&
	    (rc = vg_buf_printf(out, "run %lld: %zu subjects, %zu new\n", (long long)sum.run,
				sum.subjects, sum.new_alerts)) == 0)
		rc = cases_read(cs, out);
	vg_matcher_free(m);
	vg_cases_batch_free(b);
	vg_cases_run_free(run);
	vg_cases_free(cs);
	vg_index_free(ix);
	return rc;
}

static void test_cases_store(void **state)
{
	(void)state;
	run_case("case store: screen, decide, list, verify", cases_case, NULL, lib_clean);
}

int main(void)
{
	const char *t = getenv("OOM_TRACE");
	trace_at = t ? atol(t) : 0;
	only_case = getenv("OOM_CASE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build),
		cmocka_unit_test(test_open_entity_diff),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_compare_update),
		cmocka_unit_test(test_server_requests),
		cmocka_unit_test(test_cases_store),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
