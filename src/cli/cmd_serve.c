/*
 * cmd_serve.c - `vigil serve`: the yente- and OpenRefine-compatible HTTP API
 * and the analyst page (src/server), with reload on SIGHUP.
 *
 * The main thread only parses options, starts the server and then waits for
 * signals (blocked in every thread, taken with sigwait), so a reload never
 * runs inside a signal handler.
 */
#include "cli.h"
#include "server.h"
#include "serve_cases.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: vigil serve -x INDEX [--listen HOST:PORT] [OPTIONS]\n\n"
		"Serves INDEX over HTTP:\n"
		"  POST /match/DATASET        yente matching: {\"queries\": {KEY: {\"schema\", \"properties\"}}}\n"
		"                             (?limit= ?threshold= ?include_dataset= ?exclude_dataset= ?topics=)\n"
		"  GET  /search/DATASET?q=    name search (?schema= ?limit=)\n"
		"  GET  /entities/ID          one entity with its sanctions and links (?nested=false)\n"
		"  GET  /catalog              sources, versions, counts, dates\n"
		"  GET  /healthz, /readyz     liveness, and readiness (an index is loaded)\n"
		"  GET|POST /reconcile/DATASET  OpenRefine reconciliation, spec 0.2 (manifest,\n"
		"                             queries=, extend=, /preview?id=, /extend/property?type=,\n"
		"                             /suggest/entity|type|property?prefix=; ?callback= JSONP)\n"
		"  POST /scan                 find listed parties in text ({\"text\": ...} or text/plain)\n"
		"  POST /admin/reload         re-open INDEX (needs --admin-key)\n"
		"  GET  /                     a page for analysts (with --cases: the review queue)\n"
		"  GET  /cases, /cases/ID     with --cases: the review queue (?state= ?changed=\n"
		"                             ?list= ?min_score= ?max_score= ?subject= ?entity=\n"
		"                             ?verdict= ?run= ?after= ?limit=), one alert\n"
		"  POST /cases/ID/decision    {\"verdict\", \"reason\", \"version\"}; 409 when the alert\n"
		"                             changed since that version\n"
		"  POST /cases/ID/approval    {\"version\"}: four eyes, by another analyst\n"
		"  GET  /cases/runs           the screening runs\n"
		"DATASET is a source of the index or `default` for all of them.\n\n"
		"options:\n"
		"  -x, --index INDEX        index file (re-read on SIGHUP and /admin/reload)\n"
		"  -l, --listen HOST:PORT   address (default 127.0.0.1:8000; port 0 picks a free\n"
		"                           one); prints \"listening on http://HOST:PORT\"\n"
		"  -t, --threads N          worker threads (default: one per core)\n"
		"      --public-url URL     where clients reach the service (behind a proxy:\n"
		"                           https://screening.example.org); the reconciliation\n"
		"                           manifest's identifierSpace and links start with it\n"
		"                           (default: http://HOST:PORT of --listen)\n"
		"      --api-key KEY        require Authorization: Bearer KEY on the API (not on\n"
		"                           /, /healthz, /readyz); or env VIGIL_API_KEY\n"
		"      --admin-key KEY      key for /admin/*; or env VIGIL_ADMIN_KEY\n"
		"      --max-body BYTES     largest /match or /reconcile body (default 1048576;\n"
		"                           413 above; endpoints read with GET take none)\n"
		"      --max-scan-body BYTES  largest /scan body (default 1048576; 413 above)\n"
		"      --max-response BYTES largest answer (default 33554432; 413 above)\n"
		"      --max-queries N      queries per batch (default 100; 400 above)\n"
		"      --max-depth N        JSON nesting depth (default 16; 400 above)\n"
		"      --max-limit N        results per query (default 500)\n"
		"      --max-connections N  open connections (default 512; 503 above)\n"
		"      --per-ip N           open connections per client address (default 64; 429)\n"
		"      --idle-timeout SECS  close connections idle or stalled this long (default 30)\n"
		"      --header-timeout SECS  a request's headers must be in within SECS of the\n"
		"                           connection (kept alive: of the request's first\n"
		"                           line), however slowly they come (default 10)\n"
		"      --time-limit MS      per-request time limit (default 10000; 503 above; 0 none)\n"
		"      --no-access-log      no JSON access log lines on stderr\n"
		"      --cors-origin ORIGIN let pages of ORIGIN (e.g. https://tool.example.org,\n"
		"                           or * for any) call the API; repeatable.  Default:\n"
		"                           none, and requests from other origins get 403\n"
		"      --cases DB           serve the case store DB (see `vigil cases --help`)\n"
		"      --analyst-keys FILE  who may use /cases: one \"NAME KEY\" per line (# starts\n"
		"                           a comment; keys of 16 characters or more).  Decisions\n"
		"                           are recorded under the NAME of the key that made them;\n"
		"                           the keys also open the rest of the API\n"
		"  -h, --help               this help\n\n"
		"Exit status: 0 after SIGINT/SIGTERM, 1 runtime failure, 2 usage error,\n"
		"3 a bad analyst key file or case store.\n");
}

static int parse_uint(unsigned long long *out, const char *s, unsigned long long min,
		      unsigned long long max)
{
	char *end;
	errno = 0;
	if (!s || !*s || *s == '-')
		return -1;
	*out = strtoull(s, &end, 10);
	return (errno || *end || *out < min || *out > max) ? -1 : 0;
}

/* HOST:PORT or [V6]:PORT with a port that fits in 16 bits (a larger
 * number used to wrap to another port). */
static bool listen_ok(const char *l)
{
	const char *colon = l[0] == '[' ? strstr(l, "]:") : strrchr(l, ':');
	unsigned long long port;
	if (!colon || colon == l)
		return false;
	colon += l[0] == '[' ? 2 : 1;
	return strlen(colon) <= 5 && parse_uint(&port, colon, 0, 65535) == 0;
}

/* --public-url: an absolute http(s) URL a client can prefix paths with. */
static bool public_url_ok(const char *u)
{
	size_t n = strlen(u), skip = !strncmp(u, "http://", 7) ? 7 : !strncmp(u, "https://", 8) ? 8 : 0;
	size_t i;
	if (!skip || n <= skip || n > 200 || u[skip] == '/')
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)u[i] <= ' ' || u[i] == '?' || u[i] == '#' || u[i] == '"' ||
		    (unsigned char)u[i] >= 0x7f)
			return false;
	return true;
}

int cmd_serve(int argc, char **argv)
{
	enum { O_API = 256, O_ADMIN, O_BODY, O_QUERIES, O_DEPTH, O_LIMIT, O_CONNS,
	       O_PERIP, O_IDLE, O_TIME, O_NOLOG, O_SCANBODY, O_RESPONSE,
	       O_HEADER, O_CORS, O_CASES, O_ANALYSTS, O_PUBLIC };
	static const struct option longopts[] = {
		{ "index", required_argument, NULL, 'x' },
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "api-key", required_argument, NULL, O_API },
		{ "admin-key", required_argument, NULL, O_ADMIN },
		{ "max-body", required_argument, NULL, O_BODY },
		{ "max-queries", required_argument, NULL, O_QUERIES },
		{ "max-depth", required_argument, NULL, O_DEPTH },
		{ "max-limit", required_argument, NULL, O_LIMIT },
		{ "max-connections", required_argument, NULL, O_CONNS },
		{ "per-ip", required_argument, NULL, O_PERIP },
		{ "idle-timeout", required_argument, NULL, O_IDLE },
		{ "time-limit", required_argument, NULL, O_TIME },
		{ "no-access-log", no_argument, NULL, O_NOLOG },
		{ "max-scan-body", required_argument, NULL, O_SCANBODY },
		{ "max-response", required_argument, NULL, O_RESPONSE },
		{ "header-timeout", required_argument, NULL, O_HEADER },
		{ "cors-origin", required_argument, NULL, O_CORS },
		{ "cases", required_argument, NULL, O_CASES },
		{ "analyst-keys", required_argument, NULL, O_ANALYSTS },
		{ "public-url", required_argument, NULL, O_PUBLIC },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	srv_config cfg = SRV_CONFIG_INIT;
	srv_server *srv = NULL;
	struct serve_cases *cases = NULL;
	const char *cases_db = NULL, *keys_path = NULL;
	int rc;
	const char *origins[32];
	unsigned long long v;
	sigset_t set;
	char err[600];
	int c, sig;

	cfg.api_key = getenv("VIGIL_API_KEY");
	cfg.admin_key = getenv("VIGIL_ADMIN_KEY");
	optind = 1;
	while ((c = getopt_long(argc, argv, "x:l:t:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'x': cfg.index_path = optarg; break;
		case 'l': cfg.listen = optarg; break;
		case 't':
			if (parse_uint(&v, optarg, 1, 256))
				return cli_usage_error("serve", "--threads: expected 1 to 256");
			cfg.threads = (unsigned)v;
			break;
		case O_API: cfg.api_key = optarg; break;
		case O_ADMIN: cfg.admin_key = optarg; break;
		case O_BODY:
			if (parse_uint(&v, optarg, 64, (unsigned long long)1 << 30))
				return cli_usage_error("serve", "--max-body: expected 64 to 1073741824");
			cfg.limits.max_body = (size_t)v;
			break;
		case O_QUERIES:
			if (parse_uint(&v, optarg, 1, 100000))
				return cli_usage_error("serve", "--max-queries: expected 1 to 100000");
			cfg.limits.max_queries = (size_t)v;
			break;
		case O_DEPTH:
			if (parse_uint(&v, optarg, 4, 1000))
				return cli_usage_error("serve", "--max-depth: expected 4 to 1000");
			cfg.limits.max_depth = (int)v;
			break;
		case O_LIMIT:
			if (parse_uint(&v, optarg, 1, 10000))
				return cli_usage_error("serve", "--max-limit: expected 1 to 10000");
			cfg.limits.max_limit = (size_t)v;
			break;
		case O_CONNS:
			if (parse_uint(&v, optarg, 1, 100000))
				return cli_usage_error("serve", "--max-connections: expected 1 to 100000");
			cfg.max_connections = (unsigned)v;
			break;
		case O_PERIP:
			if (parse_uint(&v, optarg, 1, 100000))
				return cli_usage_error("serve", "--per-ip: expected 1 to 100000");
			cfg.per_ip = (unsigned)v;
			break;
		case O_IDLE:
			if (parse_uint(&v, optarg, 1, 86400))
				return cli_usage_error("serve", "--idle-timeout: expected 1 to 86400 seconds");
			cfg.idle_timeout_s = (unsigned)v;
			break;
		case O_TIME: {
			char *end;
			cfg.time_limit_ms = strtod(optarg, &end);
			if (!*optarg || *end || !(cfg.time_limit_ms >= 0 && cfg.time_limit_ms <= 3600000))
				return cli_usage_error("serve", "--time-limit: expected milliseconds");
			break;
		}
		case O_NOLOG: cfg.access_log = false; break;
		case O_SCANBODY:
			if (parse_uint(&v, optarg, 64, (unsigned long long)1 << 30))
				return cli_usage_error("serve", "--max-scan-body: expected 64 to 1073741824");
			cfg.limits.max_scan_body = (size_t)v;
			break;
		case O_RESPONSE:
			if (parse_uint(&v, optarg, 1024, (unsigned long long)1 << 32))
				return cli_usage_error("serve", "--max-response: expected 1024 to 4294967296");
			cfg.limits.max_response = (size_t)v;
			break;
		case O_HEADER:
			if (parse_uint(&v, optarg, 1, 3600))
				return cli_usage_error("serve", "--header-timeout: expected 1 to 3600 seconds");
			cfg.header_timeout_s = (unsigned)v;
			break;
		case O_CORS:
			if (!*optarg || strpbrk(optarg, " \t\r\n,"))
				return cli_usage_error("serve", "--cors-origin: expected one origin "
						       "such as https://host.example or *");
			if (cfg.n_cors_origins == sizeof(origins) / sizeof(origins[0]))
				return cli_usage_error("serve", "--cors-origin: at most 32 of them");
			origins[cfg.n_cors_origins++] = optarg;
			cfg.cors_origins = origins;
			break;
		case O_CASES: cases_db = optarg; break;
		case O_PUBLIC: cfg.public_url = optarg; break;
		case O_ANALYSTS: keys_path = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return cli_usage_error("serve", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
	if (!cfg.index_path)
		return cli_usage_error("serve", "-x INDEX is required");
	if (!listen_ok(cfg.listen))
		return cli_usage_error("serve", "--listen %s: expected HOST:PORT or [IPV6]:PORT "
				       "with PORT from 0 to 65535", cfg.listen);
	if (cfg.public_url && !public_url_ok(cfg.public_url))
		return cli_usage_error("serve", "--public-url %s: expected http:// or https:// and "
				       "a host, at most 200 characters, no spaces, query or fragment",
				       cfg.public_url);
	if (cfg.api_key && !*cfg.api_key)
		cfg.api_key = NULL;
	if (cfg.admin_key && !*cfg.admin_key)
		cfg.admin_key = NULL;
	if (!cases_db != !keys_path)
		return cli_usage_error("serve", "--cases DB and --analyst-keys FILE go together");
	if (cases_db && (rc = serve_cases_open(&cases, &cfg, cases_db, keys_path)) != EXIT_OK) {
		serve_cases_close(cases, &cfg);
		return rc;
	}

	/* Blocked before any thread starts, so every worker inherits the mask
	 * and only sigwait below takes these signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (srv_start(&srv, &cfg, err, sizeof(err))) {
		fprintf(stderr, "vigil serve: %s\n", err);
		serve_cases_close(cases, &cfg);
		return EXIT_RUNTIME;
	}
	printf("listening on http://%s\n", srv_address(srv));
	fflush(stdout);
	for (;;) {
		if (sigwait(&set, &sig))
			continue;
		if (sig == SIGHUP) {
			uint64_t gen = srv_reload(srv, err, sizeof(err));
			if (gen)
				fprintf(stderr, "vigil serve: reloaded %s (generation %llu)\n",
					cfg.index_path, (unsigned long long)gen);
			else
				fprintf(stderr, "vigil serve: reload failed, still serving the old index: %s\n",
					err);
			continue;
		}
		break;
	}
	srv_stop(srv);
	serve_cases_close(cases, &cfg);
	return EXIT_OK;
}
