/*
 * cmd_cases.c - `vigil cases list|show|decide|approve|export|runs|policy`:
 * the analyst's side of the case store that `vigil screen --cases` fills.
 *
 * Every subcommand names the store with --db (or --cases, or the
 * environment variable VIGIL_CASES).  Reading subcommands open it
 * read-only; decide, approve and policy write one transaction each.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *db, *analyst, *reason, *output, *format;
	vg_cases_filter filter;
	vg_verdict verdict;
	long long version;
	int four_eyes; /* -1: not given */
	bool json;
} opts;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: vigil cases list|export --db DB [FILTERS] [--json | --format csv|json]\n"
		"       vigil cases show --db DB ALERT [--json]\n"
		"       vigil cases decide --db DB ALERT --verdict V --reason TEXT [--version N]\n"
		"       vigil cases approve --db DB ALERT [--version N]\n"
		"       vigil cases runs|policy --db DB [--four-eyes on|off]\n\n"
		"The case store that `vigil screen --cases DB` fills: alerts, analysts'\n"
		"decisions and the audit trail.  DB is a SQLite file (or sqlite:PATH) or a\n"
		"PostgreSQL connection string (postgresql://... or host=... dbname=...);\n"
		"--db may be left out when VIGIL_CASES names it.\n\n"
		"  list            the review queue, by alert id (default: open alerts)\n"
		"  show ALERT      one alert: why it fired, the subject, the entity's facts,\n"
		"                  the decision and the history\n"
		"  decide ALERT    record a decision: --verdict match, false-positive or\n"
		"                  escalate, and --reason.  Without --version the alert must\n"
		"                  be open; with it, the decision replaces the current one\n"
		"                  only if the alert is still at that version (else: conflict)\n"
		"  approve ALERT   the second pair of eyes on a false positive (the four-eyes\n"
		"                  rule), by another analyst than the one who decided\n"
		"  export          the alerts passing the filters, as CSV (or --format json)\n"
		"  runs            the screening runs, newest first (JSON)\n"
		"  policy          shows the four-eyes rule, or sets it with --four-eyes\n\n"
		"A false positive suppresses its alert in later runs until the subject's\n"
		"attributes or the entity's record change; then the alert is open again,\n"
		"saying what changed (list --changed).  An entity that leaves its list\n"
		"closes its alerts as delisted.\n\n"
		"options:\n"
		"  --db DB           the case store (also --cases DB, or env VIGIL_CASES)\n"
		"  --state S         list, export: open, pending, decided, delisted or all\n"
		"                    (list: open by default)\n"
		"  --changed         only alerts re-opened by a change since their decision\n"
		"  --list DATASET    only entities of this list\n"
		"  --min-score X     only alerts scoring X or more (0 to 1)\n"
		"  --max-score X     only alerts scoring X or less\n"
		"  --subject ID      only this subject's alerts\n"
		"  --entity ID       only alerts on this entity\n"
		"  --run N           only alerts raised in run N\n"
		"  --after ID        paging: alerts with a larger id\n"
		"  --limit N         at most N alerts (list: 50; 0 for all)\n"
		"  --verdict V       decide: match, false-positive or escalate; list, export:\n"
		"                    only alerts whose current decision is V\n"
		"  --reason TEXT     decide: why\n"
		"  --version N       decide, approve: the alert version the decision was taken on\n"
		"  --analyst NAME    who decides (default: env VIGIL_ANALYST, else $USER)\n"
		"  --four-eyes on|off  policy: whether a false positive needs approval\n"
		"  --json            JSON output (list, show)\n"
		"  --format csv|json export format (default csv)\n"
		"  -o FILE           write the export to FILE (replaced whole, atomically)\n\n"
		"Exit status: 0; 1 runtime failure, a conflict (someone changed the alert\n"
		"first) or no such alert; 2 usage error; 3 a damaged or foreign store.\n");
}

enum { O_DB = 256, O_ANALYST, O_REASON, O_VERDICT, O_VERSION, O_STATE, O_CHANGED, O_LIST,
       O_MIN, O_MAX, O_SUBJECT, O_ENTITY, O_RUN, O_AFTER, O_LIMIT, O_JSON, O_FORMAT,
       O_FOUR };

static const struct option longopts[] = {
	{ "db", required_argument, NULL, O_DB },
	{ "cases", required_argument, NULL, O_DB },
	{ "analyst", required_argument, NULL, O_ANALYST },
	{ "reason", required_argument, NULL, O_REASON },
	{ "verdict", required_argument, NULL, O_VERDICT },
	{ "version", required_argument, NULL, O_VERSION },
	{ "state", required_argument, NULL, O_STATE },
	{ "changed", no_argument, NULL, O_CHANGED },
	{ "list", required_argument, NULL, O_LIST },
	{ "min-score", required_argument, NULL, O_MIN },
	{ "max-score", required_argument, NULL, O_MAX },
	{ "subject", required_argument, NULL, O_SUBJECT },
	{ "entity", required_argument, NULL, O_ENTITY },
	{ "run", required_argument, NULL, O_RUN },
	{ "after", required_argument, NULL, O_AFTER },
	{ "limit", required_argument, NULL, O_LIMIT },
	{ "json", no_argument, NULL, O_JSON },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "four-eyes", required_argument, NULL, O_FOUR },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int number(long long *out, const char *s, long long min, const char *what)
{
	char *end;
	errno = 0;
	*out = strtoll(s, &end, 10);
	if (errno || !*s || *end || *out < min)
		return cli_usage_error("cases", "%s: expected a whole number >= %lld", what, min);
	return EXIT_OK;
}

static int score(double *out, const char *s, const char *what)
{
	char *end;
	*out = strtod(s, &end);
	if (!*s || *end || !(*out >= 0 && *out <= 1))
		return cli_usage_error("cases", "%s: expected a score from 0 to 1", what);
	return EXIT_OK;
}

/* One option into o; EXIT_OK or a usage error. */
static int take(opts *o, int c, const char *arg)
{
	long long n;
	int rc = EXIT_OK;
	switch (c) {
	case O_DB: o->db = arg; break;
	case O_ANALYST: o->analyst = arg; break;
	case O_REASON: o->reason = arg; break;
	case O_VERDICT:
		if ((o->verdict = vg_verdict_from_name(arg)) == VG_VERDICT_NONE)
			return cli_usage_error("cases", "--verdict: match, false-positive or escalate");
		o->filter.verdict = o->verdict;
		break;
	case O_VERSION: rc = number(&o->version, arg, 1, "--version"); break;
	case O_STATE: o->filter.state = arg; break;
	case O_CHANGED: o->filter.changed = true; break;
	case O_LIST: o->filter.dataset = arg; break;
	case O_MIN: rc = score(&o->filter.min_score, arg, "--min-score"); break;
	case O_MAX: rc = score(&o->filter.max_score, arg, "--max-score"); break;
	case O_SUBJECT: o->filter.subject = arg; break;
	case O_ENTITY: o->filter.entity = arg; break;
	case O_RUN: rc = number(&n, arg, 1, "--run"); o->filter.run = n; break;
	case O_AFTER: rc = number(&n, arg, 0, "--after"); o->filter.after = n; break;
	case O_LIMIT: rc = number(&n, arg, 0, "--limit"); o->filter.limit = (size_t)n; break;
	case O_JSON: o->json = true; break;
	case O_FORMAT:
		if (strcmp(arg, "csv") && strcmp(arg, "json"))
			return cli_usage_error("cases", "--format: csv or json");
		o->format = arg;
		break;
	case O_FOUR:
		if (strcmp(arg, "on") && strcmp(arg, "off"))
			return cli_usage_error("cases", "--four-eyes: on or off");
		o->four_eyes = !strcmp(arg, "on");
		break;
	case 'o': o->output = arg; break;
	default: return cli_usage_error("cases", "unknown option");
	}
	return rc;
}

static int open_store(vg_cases **cs, const opts *o, bool write)
{
	vg_cases_options co = VG_CASES_OPTIONS_INIT;
	if (!o->db || !*o->db)
		return cli_usage_error("cases", "--db DB is required (or set VIGIL_CASES)");
	co.create = false;
	co.read_only = !write;
	if (vg_cases_open(cs, o->db, &co) != 0)
		return cli_fail("cases");
	return EXIT_OK;
}

/* A failure of the store, with conflicts named as such. */
static int store_fail(void)
{
	const vg_error *e = vg_error_last();
	if (e->code == VG_ECONFLICT)
		fprintf(stderr, "vigil cases: conflict: %s\n", e->message);
	else
		fprintf(stderr, "vigil cases: %s\n", e->message[0] ? e->message : "failed");
	return cli_exit_status(e->code ? e->code : VG_ERROR);
}

static void print_alert_line(const vg_cases_alert *a)
{
	printf("%-6lld %-9s %.4f  %-16s %s [%s] (%s)", (long long)a->id, a->state, a->score,
	       a->subject, a->caption, a->entity, a->datasets);
	if (a->decision)
		printf("  %s by %s%s", vg_verdict_name(a->verdict), a->analyst,
		       a->awaiting_approval ? ", awaiting approval" : "");
	if (a->outcome && strcmp(a->outcome, "new"))
		printf("  (last run: %s)", a->outcome);
	if (a->changed)
		printf("  changed since decision: %s", a->changed);
	putchar('\n');
}

static int cmd_list(vg_cases *cs, opts *o)
{
	vg_cases_list *l = NULL;
	vg_buf b = VG_BUF_INIT;
	size_t i, n;
	int rc = EXIT_OK;
	if (!o->filter.state)
		o->filter.state = "open";
	if (vg_cases_alerts(&l, cs, &o->filter) != 0)
		return store_fail();
	n = vg_cases_list_count(l);
	if (o->json) {
		int w = vg_buf_printf(&b, "{\"total\": %zu, \"alerts\": [", vg_cases_list_total(l));
		for (i = 0; i < n; i++)
			w |= (i ? vg_buf_puts(&b, ",\n  ") : vg_buf_puts(&b, "\n  ")) |
			     vg_cases_alert_json(l, i, &b);
		w |= vg_buf_puts(&b, n ? "\n]}\n" : "]}\n");
		rc = w ? cli_fail("cases") : cli_write(&b);
	} else {
		for (i = 0; i < n; i++)
			print_alert_line(vg_cases_list_alert(l, i));
		fprintf(stderr, "%zu of %zu %s alerts%s\n", n, vg_cases_list_total(l),
			o->filter.state, n < vg_cases_list_total(l) ? " (see --after, --limit)" : "");
	}
	vg_buf_dispose(&b);
	vg_cases_list_free(l);
	return rc;
}

static void print_facts(const char *title, const char *facts)
{
	const char *p = facts ? facts : "";
	printf("%s:\n", title);
	while (*p) {
		size_t len = strcspn(p, "\n"), k = strcspn(p, "\t");
		if (k < len)
			printf("  %-16.*s %.*s\n", (int)k, p, (int)(len - k - 1), p + k + 1);
		p += len + (p[len] == '\n');
	}
}

static int cmd_show(vg_cases *cs, opts *o, const char *arg)
{
	vg_cases_list *l = NULL;
	vg_buf b = VG_BUF_INIT;
	const vg_cases_alert *a;
	long long id;
	size_t i;
	int rc;
	if (!arg || number(&id, arg, 1, "ALERT") != EXIT_OK)
		return cli_usage_error("cases", "show ALERT: an alert id");
	if (vg_cases_alert_get(&l, cs, id) != 0)
		return store_fail();
	a = vg_cases_list_alert(l, 0);
	if (o->json) {
		rc = vg_cases_alert_json(l, 0, &b) || vg_buf_puts(&b, "\n") ? cli_fail("cases") :
									    cli_write(&b);
	} else {
		print_alert_line(a);
		printf("version %lld; first raised in run %lld, last seen in run %lld (%s)\n",
		       (long long)a->version, (long long)a->first_run, (long long)a->last_run,
		       a->outcome);
		if (a->decision)
			printf("decision: %s by %s at %s: %s%s%s\n", vg_verdict_name(a->verdict),
			       a->analyst, a->decided_at, a->reason,
			       a->approved_by ? "; approved by " : "",
			       a->approved_by ? a->approved_by : "");
		print_facts("subject", a->subject_attrs);
		print_facts("entity", a->entity_facts);
		printf("why it fired: %s\nhistory:\n", a->result_json);
		for (i = 0; i < vg_cases_list_event_count(l); i++) {
			const vg_cases_event *e = vg_cases_list_event(l, i);
			printf("  %s  %-10s %s%s%s%s%s\n", e->at, e->kind, e->actor,
			       e->verdict ? " " : "", e->verdict ? e->verdict : "",
			       e->text ? ": " : "", e->text ? e->text : "");
		}
		rc = EXIT_OK;
	}
	vg_buf_dispose(&b);
	vg_cases_list_free(l);
	return rc;
}

static const char *analyst_of(const opts *o)
{
	const char *a = o->analyst ? o->analyst : getenv("VIGIL_ANALYST");
	return a && *a ? a : getenv("USER");
}

static int cmd_decide(vg_cases *cs, opts *o, const char *arg, bool approve)
{
	vg_cases_decision d = VG_CASES_DECISION_INIT;
	long long id;
	int64_t nv;
	int rc;
	if (!arg || number(&id, arg, 1, "ALERT") != EXIT_OK)
		return cli_usage_error("cases", "%s ALERT: an alert id", approve ? "approve" : "decide");
	d.alert = id;
	d.analyst = analyst_of(o);
	if (!d.analyst || !*d.analyst)
		return cli_usage_error("cases", "--analyst NAME is required (or VIGIL_ANALYST)");
	if (approve) {
		rc = vg_cases_approve(&nv, cs, id, d.analyst, o->version);
	} else {
		if (o->verdict == VG_VERDICT_NONE || !o->reason)
			return cli_usage_error("cases", "decide needs --verdict and --reason");
		d.verdict = o->verdict;
		d.reason = o->reason;
		d.expected_version = o->version;
		rc = vg_cases_decide(&nv, cs, &d);
	}
	if (rc != 0)
		return store_fail();
	printf("alert %lld %s by %s (now version %lld)\n", id,
	       approve ? "approved" : vg_verdict_name(o->verdict), d.analyst, (long long)nv);
	return EXIT_OK;
}

static int export_alerts(vg_cases *cs, opts *o, FILE *f)
{
	vg_cases_list *l = NULL;
	vg_buf b = VG_BUF_INIT;
	bool json = o->format && !strcmp(o->format, "json");
	size_t i, n;
	int w;
	if (vg_cases_alerts(&l, cs, &o->filter) != 0)
		return store_fail();
	n = vg_cases_list_count(l);
	w = json ? vg_buf_puts(&b, "[") : vg_cases_csv_header(&b);
	for (i = 0; i < n; i++)
		w |= json ? ((i ? vg_buf_puts(&b, ",\n  ") : vg_buf_puts(&b, "\n  ")) |
			     vg_cases_alert_json(l, i, &b))
			  : vg_cases_alert_csv(l, i, &b);
	w |= json ? vg_buf_puts(&b, "\n]\n") : 0;
	vg_cases_list_free(l);
	if (w) {
		vg_buf_dispose(&b);
		return cli_fail("cases");
	}
	w = fwrite(b.ptr, 1, b.size, f) != b.size;
	vg_buf_dispose(&b);
	return w ? EXIT_RUNTIME : EXIT_OK;
}

typedef struct {
	vg_cases *cs;
	opts *o;
} export_ctx;

static int export_fn(void *ctx, FILE *f)
{
	export_ctx *e = ctx;
	return export_alerts(e->cs, e->o, f);
}

static int cmd_runs(vg_cases *cs, opts *o)
{
	vg_buf b = VG_BUF_INIT;
	int rc = vg_cases_runs_json(cs, o->filter.limit, &b) || vg_buf_puts(&b, "\n") ?
			 store_fail() : cli_write(&b);
	vg_buf_dispose(&b);
	return rc;
}

static int cmd_policy(vg_cases *cs, opts *o)
{
	bool on;
	if (o->four_eyes >= 0) {
		const char *who = analyst_of(o);
		if (!who || !*who)
			return cli_usage_error("cases", "--analyst NAME is required (or VIGIL_ANALYST)");
		if (vg_cases_set_four_eyes(cs, who, o->four_eyes == 1) != 0)
			return store_fail();
	}
	if (vg_cases_four_eyes(&on, cs) != 0)
		return store_fail();
	printf("four-eyes: %s (a false positive %s)\n", on ? "on" : "off",
	       on ? "suppresses only once another analyst approves it" :
		    "suppresses its alert as soon as it is decided");
	return EXIT_OK;
}

int cmd_cases(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL, *arg = NULL;
	opts o;
	vg_cases *cs = NULL;
	bool write;
	int c, rc;
	memset(&o, 0, sizeof(o));
	o.filter = (vg_cases_filter)VG_CASES_FILTER_INIT;
	o.four_eyes = -1;
	o.db = getenv("VIGIL_CASES");
	if (!sub || !strcmp(sub, "-h") || !strcmp(sub, "--help")) {
		usage(sub ? stdout : stderr);
		return sub ? EXIT_OK : EXIT_USAGE;
	}
	if (strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "decide") &&
	    strcmp(sub, "approve") && strcmp(sub, "export") && strcmp(sub, "runs") &&
	    strcmp(sub, "policy"))
		return cli_usage_error("cases", "unknown command '%s'", sub);
	if (!strcmp(sub, "list"))
		o.filter.limit = 50;
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "o:h", longopts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return EXIT_OK;
		}
		if ((rc = take(&o, c, optarg)) != EXIT_OK)
			return rc;
	}
	if (optind < argc - 1)
		arg = argv[1 + optind++];
	if (optind < argc - 1)
		return cli_usage_error("cases", "unexpected argument '%s'", argv[1 + optind]);
	write = !strcmp(sub, "decide") || !strcmp(sub, "approve") ||
		(!strcmp(sub, "policy") && o.four_eyes >= 0);
	if ((rc = open_store(&cs, &o, write)) != EXIT_OK)
		return rc;
	if (!strcmp(sub, "list"))
		rc = cmd_list(cs, &o);
	else if (!strcmp(sub, "show"))
		rc = cmd_show(cs, &o, arg);
	else if (!strcmp(sub, "decide") || !strcmp(sub, "approve"))
		rc = cmd_decide(cs, &o, arg, !strcmp(sub, "approve"));
	else if (!strcmp(sub, "export")) {
		export_ctx e = { cs, &o };
		rc = cli_write_atomic("cases", o.output, export_fn, &e);
	} else if (!strcmp(sub, "runs"))
		rc = cmd_runs(cs, &o);
	else
		rc = cmd_policy(cs, &o);
	vg_cases_free(cs);
	return rc;
}
