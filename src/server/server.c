/*
 * server.c - libmicrohttpd glue for `vigil serve`: accepting, limits, keys,
 * the access log, and index generations.
 *
 * How reload works: the server holds a pointer to the current generation
 * (an opened index with its catalog), guarded by gen_lock.  A request takes
 * a reference to the current generation when it starts and drops it when
 * it is answered; a reload opens the new index first, then swaps the
 * pointer and drops the server's own reference to the old generation.  The
 * generation is freed by whoever drops the last reference, so no request
 * ever sees an index being freed and none waits for a reload.
 *
 * Matchers are per worker thread: each thread keeps (generation number,
 * matcher) in thread-local storage and creates a new matcher the first time
 * it serves a newer generation.  Matchers belong to their generation (a
 * list freed with it), so a thread never frees an index's matcher while
 * another request could still use that index.
 */
#include "server.h"
#include "handlers.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct matcher_node {
	vg_matcher *matcher;
	struct matcher_node *next;
} matcher_node;

typedef struct {
	srv_index_view view;
	vg_index *index;
	unsigned refs;           /* guarded by srv->gen_lock */
	pthread_mutex_t mlock;   /* guards matchers and scanner */
	matcher_node *matchers;
	vg_scanner *scanner;     /* built on the first /scan, then shared */
} srv_gen;

/* Open connections per client address, for the per-IP limit. */
typedef struct ip_count {
	unsigned char addr[16];
	unsigned len;
	unsigned count;
	struct ip_count *next;
} ip_count;

#define IP_BUCKETS 256

struct srv_server {
	srv_config cfg;
	struct MHD_Daemon *daemon;
	char address[80];
	struct sockaddr_storage bind_addr;

	pthread_mutex_t gen_lock;
	srv_gen *current;
	uint64_t next_generation;
	pthread_mutex_t reload_lock; /* one reload at a time */
	pthread_key_t tls;           /* per-thread (generation, matcher) */

	atomic_uint_fast64_t next_request_id;
	atomic_uint active;          /* open connections */
	pthread_mutex_t ip_lock;
	ip_count *ips[IP_BUCKETS];
};

/* Per-request state, created when MHD sees the request line. */
typedef struct {
	uint64_t id, start_us, generation;
	char method[12];
	char path[200];
	vg_buf body;
	bool started, too_large, responded;
	int status;
	size_t bytes;
} srv_reqctx;

typedef struct {
	uint64_t generation;
	vg_matcher *matcher; /* owned by the generation */
} tls_slot;

/* ---- generations -------------------------------------------------------- */

static void gen_free(srv_gen *g)
{
	matcher_node *n, *next;
	if (!g)
		return;
	for (n = g->matchers; n; n = next) {
		next = n->next;
		vg_matcher_free(n->matcher);
		free(n);
	}
	vg_scanner_free(g->scanner);
	srv_index_view_dispose(&g->view);
	vg_index_free(g->index);
	pthread_mutex_destroy(&g->mlock);
	free(g);
}

static srv_gen *gen_open(const char *path, uint64_t number, size_t cache_bytes,
			 char *err, size_t errlen)
{
	srv_gen *g = calloc(1, sizeof(*g));
	if (!g) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&g->mlock, NULL);
	if (vg_index_open(&g->index, path)) {
		snprintf(err, errlen, "%s", vg_error_last()->message);
		goto fail;
	}
	g->view.index = g->index;
	g->view.generation = number;
	if (srv_index_view_load(&g->view, cache_bytes)) {
		snprintf(err, errlen, "%s: reading the catalog: %s", path,
			 vg_error_last()->message[0] ? vg_error_last()->message : "invalid");
		goto fail;
	}
	g->refs = 1; /* the server's own reference */
	return g;
fail:
	gen_free(g);
	return NULL;
}

static srv_gen *gen_acquire(srv_server *s)
{
	srv_gen *g;
	pthread_mutex_lock(&s->gen_lock);
	if ((g = s->current))
		g->refs++;
	pthread_mutex_unlock(&s->gen_lock);
	return g;
}

static void gen_release(srv_server *s, srv_gen *g)
{
	bool last;
	if (!g)
		return;
	pthread_mutex_lock(&s->gen_lock);
	last = --g->refs == 0;
	pthread_mutex_unlock(&s->gen_lock);
	if (last)
		gen_free(g);
}

uint64_t srv_reload(srv_server *s, char *err, size_t errlen)
{
	srv_gen *g, *old;
	uint64_t number;
	pthread_mutex_lock(&s->reload_lock);
	number = s->next_generation;
	if (!(g = gen_open(s->cfg.index_path, number, s->cfg.entity_cache_bytes, err, errlen))) {
		pthread_mutex_unlock(&s->reload_lock);
		return 0;
	}
	s->next_generation++;
	pthread_mutex_lock(&s->gen_lock);
	old = s->current;
	s->current = g;
	pthread_mutex_unlock(&s->gen_lock);
	gen_release(s, old);
	pthread_mutex_unlock(&s->reload_lock);
	return number;
}

typedef struct {
	srv_server *srv;
	srv_gen *gen;
} matcher_cls;

static vg_matcher *thread_matcher(void *cls)
{
	matcher_cls *mc = cls;
	tls_slot *slot = pthread_getspecific(mc->srv->tls);
	matcher_node *node;
	vg_matcher *m;
	if (!slot) {
		if (!(slot = calloc(1, sizeof(*slot))) ||
		    pthread_setspecific(mc->srv->tls, slot)) {
			free(slot);
			return NULL;
		}
	}
	if (slot->matcher && slot->generation == mc->gen->view.generation)
		return slot->matcher;
	if (vg_matcher_new(&m, mc->gen->index))
		return NULL;
	if (!(node = malloc(sizeof(*node)))) {
		vg_matcher_free(m);
		return NULL;
	}
	node->matcher = m;
	pthread_mutex_lock(&mc->gen->mlock);
	node->next = mc->gen->matchers;
	mc->gen->matchers = node;
	pthread_mutex_unlock(&mc->gen->mlock);
	slot->generation = mc->gen->view.generation;
	slot->matcher = m;
	return m;
}

/* The generation's scanner, built by the first thread that needs it: a
 * scanner never changes once built, so every thread reads the same one. */
static vg_scanner *gen_scanner(void *cls)
{
	matcher_cls *mc = cls;
	vg_scanner *sc;
	pthread_mutex_lock(&mc->gen->mlock);
	if (!mc->gen->scanner && vg_scanner_new(&mc->gen->scanner, mc->gen->index) < 0)
		mc->gen->scanner = NULL;
	sc = mc->gen->scanner;
	pthread_mutex_unlock(&mc->gen->mlock);
	return sc;
}

/* ---- connection and per-IP accounting ------------------------------------ */

static bool client_addr(struct MHD_Connection *c, unsigned char *out, unsigned *len)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	if (!sa)
		return false;
	if (sa->sa_family == AF_INET) {
		memcpy(out, &((const struct sockaddr_in *)sa)->sin_addr, 4);
		*len = 4;
	} else if (sa->sa_family == AF_INET6) {
		memcpy(out, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
		*len = 16;
	} else {
		return false;
	}
	return true;
}

static unsigned ip_hash(const unsigned char *a, unsigned len)
{
	unsigned h = 2166136261u, i;
	for (i = 0; i < len; i++)
		h = (h ^ a[i]) * 16777619u;
	return h % IP_BUCKETS;
}

/* Adds delta to the count of addr; returns the new count. */
static unsigned ip_adjust(srv_server *s, const unsigned char *addr, unsigned len, int delta)
{
	ip_count **pp, *e;
	unsigned result = 0;
	pthread_mutex_lock(&s->ip_lock);
	for (pp = &s->ips[ip_hash(addr, len)]; (e = *pp); pp = &e->next)
		if (e->len == len && !memcmp(e->addr, addr, len))
			break;
	if (!e && delta > 0 && (e = calloc(1, sizeof(*e)))) {
		memcpy(e->addr, addr, len);
		e->len = len;
		*pp = e;
	}
	if (e) {
		if (delta < 0 && e->count < (unsigned)-delta)
			e->count = 0;
		else
			e->count += (unsigned)delta;
		result = e->count;
		if (!e->count) {
			*pp = e->next;
			free(e);
		}
	}
	pthread_mutex_unlock(&s->ip_lock);
	return result;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	srv_server *s = cls;
	unsigned char addr[16];
	unsigned len;
	(void)socket_context;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		atomic_fetch_add(&s->active, 1);
		if (client_addr(c, addr, &len))
			ip_adjust(s, addr, len, 1);
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		atomic_fetch_sub(&s->active, 1);
		if (client_addr(c, addr, &len))
			ip_adjust(s, addr, len, -1);
	}
}

/* ---- requests ------------------------------------------------------------ */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	srv_server *s = cls;
	srv_reqctx *r = calloc(1, sizeof(*r));
	size_t n;
	(void)c;
	if (!r)
		return NULL;
	r->start_us = srv_now_us();
	r->id = atomic_fetch_add(&s->next_request_id, 1);
	n = strcspn(uri, "?");
	if (n >= sizeof(r->path))
		n = sizeof(r->path) - 1;
	memcpy(r->path, uri, n);
	r->path[n] = '\0';
	return r;
}

static void log_request(const srv_reqctx *r)
{
	char line[512];
	vg_buf path = VG_BUF_INIT;
	struct timespec now;
	struct tm tm;
	char when[32];
	int n;
	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	if (vg_buf_put_json_string(&path, r->path, strlen(r->path)))
		return;
	n = snprintf(line, sizeof(line),
		     "{\"time\": \"%s.%03ldZ\", \"request_id\": %llu, \"method\": \"%s\", "
		     "\"path\": %s, \"status\": %d, \"bytes\": %zu, \"latency_us\": %llu, "
		     "\"index\": %llu}\n",
		     when, now.tv_nsec / 1000000, (unsigned long long)r->id, r->method,
		     path.ptr, r->status, r->bytes,
		     (unsigned long long)(srv_now_us() - r->start_us),
		     (unsigned long long)r->generation);
	vg_buf_dispose(&path);
	if (n > 0 && (size_t)n < sizeof(line)) {
		/* One write per line keeps lines whole between threads. */
		ssize_t w = write(STDERR_FILENO, line, (size_t)n);
		(void)w;
	}
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	srv_server *s = cls;
	srv_reqctx *r = *con_cls;
	(void)c;
	if (!r)
		return;
	if (r->responded && s->cfg.access_log)
		log_request(r);
	else if (!r->responded && s->cfg.access_log && toe != MHD_REQUEST_TERMINATED_COMPLETED_OK) {
		r->status = 0;
		log_request(r);
	}
	vg_buf_dispose(&r->body);
	free(r);
	*con_cls = NULL;
}

/* Queues resp (taking its body) with the headers every answer carries. */
static enum MHD_Result send_response(struct MHD_Connection *c, srv_reqctx *r,
				     srv_response *resp, bool close)
{
	struct MHD_Response *m;
	enum MHD_Result rc;
	char id[24];
	if (resp->body.ptr) {
		m = MHD_create_response_from_buffer(resp->body.size, resp->body.ptr,
						    MHD_RESPMEM_MUST_FREE);
		if (m)
			resp->body.ptr = NULL;
	} else {
		m = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	}
	r->responded = true;
	r->status = resp->status;
	r->bytes = resp->body.size;
	vg_buf_dispose(&resp->body);
	if (!m)
		return MHD_NO;
	snprintf(id, sizeof(id), "%llu", (unsigned long long)r->id);
	MHD_add_response_header(m, "Content-Type", resp->content_type);
	MHD_add_response_header(m, "X-Request-Id", id);
	MHD_add_response_header(m, "Cache-Control", "no-store");
	MHD_add_response_header(m, "Access-Control-Allow-Origin", "*");
	MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
	if (resp->status == 401)
		MHD_add_response_header(m, "WWW-Authenticate", "Bearer");
	if (resp->status == 204) {
		MHD_add_response_header(m, "Access-Control-Allow-Methods", "GET, POST, OPTIONS");
		MHD_add_response_header(m, "Access-Control-Allow-Headers",
					"Authorization, Content-Type");
	}
	if (close)
		MHD_add_response_header(m, "Connection", "close");
	rc = MHD_queue_response(c, (unsigned)resp->status, m);
	MHD_destroy_response(m);
	return rc;
}

static enum MHD_Result send_error(struct MHD_Connection *c, srv_reqctx *r,
				  int status, const char *detail, bool close)
{
	srv_response resp = { 0, NULL, VG_BUF_INIT };
	srv_respond_error(&resp, status, detail);
	return send_response(c, r, &resp, close);
}

/* Compares without leaking where the first difference is. */
static bool key_equal(const char *given, size_t glen, const char *key)
{
	size_t klen = strlen(key), i;
	unsigned char diff = (unsigned char)(glen != klen);
	for (i = 0; i < glen; i++)
		diff |= (unsigned char)(given[i] ^ key[i % (klen ? klen : 1)]);
	return diff == 0 && klen > 0;
}

static bool has_bearer(struct MHD_Connection *c, const char *key)
{
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	if (!h || strncasecmp(h, "Bearer ", 7))
		return false;
	h += 7;
	while (*h == ' ')
		h++;
	return key_equal(h, strlen(h), key);
}

static bool is_public_path(const char *path)
{
	return !strcmp(path, "/") || !strcmp(path, "/index.html") ||
	       !strcmp(path, "/healthz") || !strcmp(path, "/readyz");
}

/* Checks done when the headers are in, before any body is read.  Returns
 * 0, or a status with detail filled. */
static int precheck(srv_server *s, struct MHD_Connection *c, srv_reqctx *r,
		    char *detail, size_t dlen)
{
	unsigned char addr[16];
	unsigned len;
	const char *cl;
	if (atomic_load(&s->active) > s->cfg.max_connections) {
		snprintf(detail, dlen, "server busy: more than %u open connections",
			 s->cfg.max_connections);
		return 503;
	}
	if (client_addr(c, addr, &len) && ip_adjust(s, addr, len, 0) > s->cfg.per_ip) {
		snprintf(detail, dlen, "too many connections from your address (limit %u)",
			 s->cfg.per_ip);
		return 429;
	}
	if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD") &&
	    strcmp(r->method, "POST") && strcmp(r->method, "OPTIONS")) {
		snprintf(detail, dlen, "method %s not allowed", r->method);
		return 405;
	}
	if (!strcmp(r->method, "OPTIONS"))
		return 0;
	if (!strncmp(r->path, "/admin/", 7)) {
		if (!s->cfg.admin_key) {
			snprintf(detail, dlen, "admin endpoints are disabled (start with --admin-key)");
			return 403;
		}
		if (!has_bearer(c, s->cfg.admin_key)) {
			snprintf(detail, dlen, "admin key required (Authorization: Bearer KEY)");
			return 401;
		}
	} else if (s->cfg.api_key && !is_public_path(r->path) &&
		   !has_bearer(c, s->cfg.api_key) &&
		   !(s->cfg.admin_key && has_bearer(c, s->cfg.admin_key))) {
		snprintf(detail, dlen, "API key required (Authorization: Bearer KEY)");
		return 401;
	}
	cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	if (cl) {
		char *end;
		unsigned long long n;
		errno = 0;
		n = strtoull(cl, &end, 10);
		if (errno || *end || n > s->cfg.limits.max_body) {
			snprintf(detail, dlen, "request body larger than %zu bytes",
				 s->cfg.limits.max_body);
			return 413;
		}
	}
	return 0;
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind,
				   const char *key, const char *value)
{
	(void)kind;
	if (srv_args_add(cls, key, strlen(key), value ? value : "",
			 value ? strlen(value) : 0))
		return MHD_NO;
	return MHD_YES;
}

static enum MHD_Result handle_admin(srv_server *s, struct MHD_Connection *c,
				    srv_reqctx *r)
{
	char err[512];
	uint64_t gen;
	srv_response resp = { 200, "application/json", VG_BUF_INIT };
	if (strcmp(r->path, "/admin/reload"))
		return send_error(c, r, 404, "no such admin endpoint", false);
	if (strcmp(r->method, "POST"))
		return send_error(c, r, 405, "use POST /admin/reload", false);
	if (!(gen = srv_reload(s, err, sizeof(err)))) {
		char detail[600];
		snprintf(detail, sizeof(detail), "reload failed, still serving the old index: %s", err);
		return send_error(c, r, 500, detail, false);
	}
	r->generation = gen;
	vg_buf_printf(&resp.body, "{\"status\": \"ok\", \"generation\": %llu}\n",
		      (unsigned long long)gen);
	return send_response(c, r, &resp, false);
}

static void base_url(char *out, size_t len, struct MHD_Connection *c, const srv_server *s)
{
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	size_t i;
	if (!host || !*host || strlen(host) > 200)
		host = s->address;
	for (i = 0; host[i]; i++)
		if (!((host[i] >= 'a' && host[i] <= 'z') || (host[i] >= 'A' && host[i] <= 'Z') ||
		      (host[i] >= '0' && host[i] <= '9') || strchr(".-:[]_", host[i])))
			host = s->address;
	snprintf(out, len, "http://%s", host);
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *c, const char *url,
				 const char *method, const char *version,
				 const char *upload, size_t *upload_size, void **con_cls)
{
	srv_server *s = cls;
	srv_reqctx *r = *con_cls;
	srv_args args = SRV_ARGS_INIT;
	srv_response resp = { 200, "application/json", VG_BUF_INIT };
	srv_request req;
	srv_ctx ctx;
	matcher_cls mc;
	srv_gen *g;
	char detail[256], base[256];
	int status;
	enum MHD_Result rc;
	(void)version;

	if (!r) {
		if (!(r = on_uri(s, url, c)))
			return MHD_NO;
		*con_cls = r;
	}
	if (!r->started) {
		r->started = true;
		snprintf(r->method, sizeof(r->method), "%s", method);
		/* the method goes into the JSON access log unescaped */
		for (char *m = r->method; *m; m++)
			if (!((*m >= 'A' && *m <= 'Z') || (*m >= 'a' && *m <= 'z') || *m == '-'))
				*m = '?';
		if ((status = precheck(s, c, r, detail, sizeof(detail))))
			return send_error(c, r, status, detail, true);
		return MHD_YES;
	}
	if (r->responded) {
		*upload_size = 0; /* an early error was sent: drop the body */
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->too_large) {
			if (r->body.size + *upload_size > s->cfg.limits.max_body) {
				r->too_large = true;
				vg_buf_dispose(&r->body);
			} else if (vg_buf_put(&r->body, upload, *upload_size)) {
				*upload_size = 0;
				return send_error(c, r, 500, "out of memory", true);
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->too_large) {
		snprintf(detail, sizeof(detail), "request body larger than %zu bytes",
			 s->cfg.limits.max_body);
		return send_error(c, r, 413, detail, true);
	}
	if (!strcmp(r->method, "OPTIONS")) {
		resp.status = 204;
		resp.content_type = "text/plain";
		return send_response(c, r, &resp, false);
	}
	if (!strncmp(r->path, "/admin/", 7))
		return handle_admin(s, c, r);

	if (MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &args) < 0) {
		srv_args_free(&args);
		return send_error(c, r, 500, "out of memory", true);
	}
	g = gen_acquire(s);
	base_url(base, sizeof(base), c, s);
	mc.srv = s;
	mc.gen = g;
	ctx.limits = &s->cfg.limits;
	ctx.ix = g ? &g->view : NULL;
	ctx.matcher = thread_matcher;
	ctx.scanner = gen_scanner;
	ctx.matcher_cls = &mc;
	ctx.deadline_us = s->cfg.time_limit_ms > 0
				  ? r->start_us + (uint64_t)(s->cfg.time_limit_ms * 1000.0)
				  : 0;
	ctx.base_url = base;
	/* MHD drops the body of answers to HEAD; handlers treat it as GET */
	req.method = strcmp(r->method, "HEAD") ? r->method : "GET";
	req.path = url;
	req.args = &args;
	req.body = r->body.ptr ? r->body.ptr : "";
	req.body_len = r->body.size;
	req.content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	r->generation = g ? g->view.generation : 0;
	srv_handle(&ctx, &req, &resp);
	gen_release(s, g);
	srv_args_free(&args);
	rc = send_response(c, r, &resp, false);
	return rc;
}

/* ---- start and stop ---------------------------------------------------- */

static int parse_listen(srv_server *s, char *err, size_t errlen)
{
	char host[128], port[16];
	const char *l = s->cfg.listen, *colon;
	struct addrinfo hints, *res = NULL;
	size_t hlen;
	int rc;
	if (l[0] == '[') {
		const char *close = strchr(l, ']');
		if (!close || close[1] != ':')
			goto bad;
		hlen = (size_t)(close - l - 1);
		l++;
		colon = close + 1;
	} else {
		if (!(colon = strrchr(l, ':')))
			goto bad;
		hlen = (size_t)(colon - l);
	}
	if (hlen == 0 || hlen >= sizeof(host) || strlen(colon + 1) == 0 ||
	    strlen(colon + 1) >= sizeof(port))
		goto bad;
	memcpy(host, l, hlen);
	host[hlen] = '\0';
	snprintf(port, sizeof(port), "%s", colon + 1);
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
	if ((rc = getaddrinfo(host, port, &hints, &res)) || !res) {
		snprintf(err, errlen, "--listen %s: %s", s->cfg.listen,
			 rc ? gai_strerror(rc) : "no address");
		return -1;
	}
	memcpy(&s->bind_addr, res->ai_addr, res->ai_addrlen);
	freeaddrinfo(res);
	return 0;
bad:
	snprintf(err, errlen, "--listen %s: expected HOST:PORT or [IPV6]:PORT", s->cfg.listen);
	return -1;
}

static void tls_free(void *p)
{
	free(p);
}

int srv_start(srv_server **out, const srv_config *cfg, char *err, size_t errlen)
{
	srv_server *s;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
	const union MHD_DaemonInfo *info;
	char host[64] = "";
	long cores;
	unsigned threads;
	*out = NULL;
	if (!(s = calloc(1, sizeof(*s)))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	s->cfg = *cfg;
	s->next_generation = 1;
	atomic_init(&s->next_request_id, 1);
	atomic_init(&s->active, 0);
	pthread_mutex_init(&s->gen_lock, NULL);
	pthread_mutex_init(&s->reload_lock, NULL);
	pthread_mutex_init(&s->ip_lock, NULL);
	if (pthread_key_create(&s->tls, tls_free)) {
		snprintf(err, errlen, "cannot create thread-local storage");
		free(s);
		return -1;
	}
	if (parse_listen(s, err, errlen) || !srv_reload(s, err, errlen))
		goto fail;
	threads = cfg->threads;
	if (!threads) {
		cores = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cores > 0 && cores < 256 ? (unsigned)cores : 2;
	}
	if (s->bind_addr.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
#ifdef __linux__
	flags |= MHD_USE_EPOLL;
#endif
	/* MHD's own limits close connections without an answer; ours (in
	 * precheck) answer 503/429, so MHD's sit above them as a backstop. */
	s->daemon = MHD_start_daemon(
		flags, 0, NULL, NULL, on_access, s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&s->bind_addr,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections + cfg->max_connections / 4 + 8,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip + cfg->per_ip / 4 + 4,
		MHD_OPTION_CONNECTION_TIMEOUT, cfg->idle_timeout_s,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
		MHD_OPTION_END);
	if (!s->daemon) {
		snprintf(err, errlen, "cannot listen on %s: %s", cfg->listen,
			 errno ? strerror(errno) : "libmicrohttpd refused");
		goto fail;
	}
	info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	if (s->bind_addr.ss_family == AF_INET6) {
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&s->bind_addr)->sin6_addr,
			  host, sizeof(host));
		snprintf(s->address, sizeof(s->address), "[%s]:%u", host,
			 info ? info->port : 0);
	} else {
		inet_ntop(AF_INET, &((struct sockaddr_in *)&s->bind_addr)->sin_addr,
			  host, sizeof(host));
		snprintf(s->address, sizeof(s->address), "%s:%u", host,
			 info ? info->port : 0);
	}
	*out = s;
	return 0;
fail:
	srv_stop(s);
	return -1;
}

const char *srv_address(const srv_server *s)
{
	return s->address;
}

void srv_stop(srv_server *s)
{
	size_t i;
	if (!s)
		return;
	if (s->daemon)
		MHD_stop_daemon(s->daemon);
	gen_release(s, s->current);
	s->current = NULL;
	for (i = 0; i < IP_BUCKETS; i++) {
		ip_count *e, *next;
		for (e = s->ips[i]; e; e = next) {
			next = e->next;
			free(e);
		}
	}
	pthread_key_delete(s->tls);
	pthread_mutex_destroy(&s->gen_lock);
	pthread_mutex_destroy(&s->reload_lock);
	pthread_mutex_destroy(&s->ip_lock);
	free(s);
}
