/*
 * server.c - libmicrohttpd glue for `vigil serve`: accepting, limits, keys,
 * the access log, the worker pool and index generations.
 *
 * Threads.  libmicrohttpd's polling threads (at most two) read requests,
 * answer the cheap endpoints (health, readiness, catalog, the page, every
 * refusal) and small lookups (see classify) themselves and write answers.
 * Scans, large batches and reloads are handed to a pool of worker threads
 * (--threads): the connection is suspended, a worker runs the handler and
 * resumes it, and the polling thread sends the answer.  So /healthz answers
 * within milliseconds however busy the workers are.
 *
 * Connections.  Each connection gets a record when it is accepted (freed
 * when libmicrohttpd closes it), which holds the request in progress.  The
 * limits are decided at accept: a connection past --max-connections or
 * --per-ip is marked and answered 503/429 as soon as its headers are in,
 * with a short deadline to send them.  A watchdog thread shuts down every
 * connection whose headers are not complete within --header-timeout of its
 * accept (or, kept alive, of a later request's first line; idle between
 * requests it has the idle timeout), however slowly it trickles bytes.  The
 * daemon polls with poll(): libmicrohttpd 0.9.75's epoll mode misses the
 * end of a connection whose final bytes and FIN arrive together, which
 * left such sockets in CLOSE-WAIT until the idle timeout (and a client
 * that half-closes after its request waiting as long for the close).
 * epoll with the watchdog reaping closed peers (recv MSG_PEEK) saved no
 * CPU beyond the noise (server CPU per request at 32 connections: /match
 * 58 against 60 us, /healthz 7.4 against 8.0 us) and still kept
 * half-closed clients waiting for a watchdog tick, so poll() stays.
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
#include "routes.h"

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
#include <fcntl.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

/* Seconds a connection refused at accept gets to send its headers (and
 * read why it was refused). */
#define REFUSED_HEADER_S 2
/* Longest URL taken (414 above); it keeps the request line well inside
 * libmicrohttpd's per-connection memory. */
#define MAX_URI 8192
#define WATCHDOG_MS 100

typedef struct matcher_node {
	vg_matcher *matcher;
	struct matcher_node *next;
} matcher_node;

typedef struct {
	srv_index_view view;
	vg_index *index;
	void *bytes;             /* the private copy index reads (munmap) */
	size_t n_bytes;
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

/* Which thread answered a request (the access log's "ran"). */
enum { RAN_INLINE, RAN_WORKER, RAN_AGAIN /* inline past its budget, then a worker */ };
static const char *const ran_names[] = { "inline", "worker", "inline, then worker" };

/* The request in progress on a connection (HTTP/1.1 has one at a time). */
typedef struct {
	uint64_t id, start_us, generation;
	char method[12];
	char path[200];
	vg_buf body;
	size_t body_cap;         /* this endpoint's limit */
	int refuse;              /* decided from the URL: 400, 414 */
	const char *refuse_detail;
	bool started, too_large, responded, done;
	const char *analyst;     /* whose analyst key came with it (/cases) */
	srv_args args;           /* for a worker */
	char base[256];
	srv_response resp;       /* a worker's answer */
	int status;
	size_t bytes;
	int ran;                 /* RAN_* */
} srv_reqctx;

/* One accepted connection, from accept to close. */
typedef struct srv_conn {
	struct srv_conn *prev, *next; /* srv->conns, guarded by conn_lock */
	struct MHD_Connection *mhd;
	int fd;
	unsigned char addr[16];
	unsigned addr_len;
	int refuse;                   /* 503 or 429, decided at accept */
	/* Until a request's headers are in, the watchdog allows limit_s from
	 * phase_us: from the accept, the header timeout (2 s when refused);
	 * idle between requests, the idle timeout; from a later request's
	 * first line, the header timeout again.  An idle keep-alive connection
	 * is not cut early (a client reusing it would lose its request), and
	 * nothing can hold a connection by trickling. */
	atomic_uint limit_s;
	atomic_bool awaiting_headers;
	atomic_bool between;           /* idle after an answer */
	atomic_uint_fast64_t phase_us;
	bool shut;                    /* the watchdog cut it (conn_lock) */
	srv_reqctx req;
} srv_conn;

struct srv_server {
	srv_config cfg;
	struct MHD_Daemon *daemon;
	char address[80];
	char public_url[256]; /* cfg.public_url without a final '/', or http://address */
	struct sockaddr_storage bind_addr;

	pthread_mutex_t gen_lock;
	srv_gen *current;
	uint64_t next_generation;
	pthread_mutex_t reload_lock; /* one reload at a time; guards reload_* */
	char reload_failed_at[32];   /* "" after a reload that worked */
	char reload_error[400];
	pthread_key_t tls;           /* per-thread (generation, matcher) */

	atomic_uint_fast64_t next_request_id;
	atomic_uint active;          /* open connections */
	pthread_mutex_t ip_lock;
	ip_count *ips[IP_BUCKETS];

	pthread_mutex_t conn_lock;   /* conns, and shutdown() by the watchdog */
	srv_conn *conns;

	/* the work queue: a ring of suspended connections */
	pthread_mutex_t q_lock;
	pthread_cond_t q_cond;
	srv_conn **queue;
	size_t q_cap, q_head, q_len;
	bool stopping;               /* no new work; workers drain and exit */
	pthread_t *workers;
	unsigned n_workers;

	pthread_t watchdog;
	bool watchdog_started;
	pthread_mutex_t wd_lock;
	pthread_cond_t wd_cond;
	bool wd_stop;
};

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
	if (g->bytes)
		munmap(g->bytes, g->n_bytes);
	pthread_mutex_destroy(&g->mlock);
	free(g);
}

/* Reads the index file into private memory.  A generation never maps the
 * file itself: `cp new.idx live.idx` rewrites the file in place, and a
 * mapping of it would lose its pages (SIGBUS) or see them change under
 * running requests.  The copy costs the file's size in memory per live
 * generation and a read of it per reload.  A file that changes while it
 * is read is refused (the reload fails, the old generation serves on); the
 * index's own checksums catch a copy torn some other way. */
static int read_private(srv_gen *g, const char *path, char *err, size_t errlen)
{
	struct stat before, after;
	size_t done = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &before)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(before.st_mode) || before.st_size <= 0) {
		snprintf(err, errlen, "INDEX: %s: not an index file", path);
		goto fail;
	}
	g->n_bytes = (size_t)before.st_size;
	g->bytes = mmap(NULL, g->n_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g->bytes == MAP_FAILED) {
		g->bytes = NULL;
		snprintf(err, errlen, "%s: no memory for a copy of %zu bytes", path, g->n_bytes);
		goto fail;
	}
	/* queries read the names, their terms and the records at random: in
	 * huge pages (where the system offers them) such a read is no TLB
	 * miss, which makes a query at a million entities about a quarter
	 * cheaper (vg_index_warm, which this copy of the whole file needs not) */
	(void)madvise(g->bytes, g->n_bytes, MADV_HUGEPAGE);
	while (done < g->n_bytes &&
	       (n = pread(fd, (char *)g->bytes + done, g->n_bytes - done, (off_t)done)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			goto fail;
		}
		done += (size_t)n;
	}
	if (fstat(fd, &after) || done != g->n_bytes || after.st_size != before.st_size ||
	    after.st_mtim.tv_sec != before.st_mtim.tv_sec ||
	    after.st_mtim.tv_nsec != before.st_mtim.tv_nsec) {
		snprintf(err, errlen, "%s: the file changed while it was read (replace an index "
			 "by renaming a complete file into place)", path);
		goto fail;
	}
	close(fd);
	mprotect(g->bytes, g->n_bytes, PROT_READ);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	return -1;
}

static srv_gen *gen_open(const char *path, uint64_t number,
			 char *err, size_t errlen)
{
	srv_gen *g = calloc(1, sizeof(*g));
	if (!g) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&g->mlock, NULL);
	if (read_private(g, path, err, errlen))
		goto fail;
	if (vg_index_parse(&g->index, g->bytes, g->n_bytes)) {
		snprintf(err, errlen, "%s: %s", path, vg_error_last()->message);
		goto fail;
	}
	g->view.index = g->index;
	g->view.generation = number;
	if (srv_index_view_load(&g->view)) {
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

static void utc_now(char *out, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

uint64_t srv_reload(srv_server *s, char *err, size_t errlen)
{
	srv_gen *g, *old;
	uint64_t number;
	pthread_mutex_lock(&s->reload_lock);
	number = s->next_generation;
	if (!(g = gen_open(s->cfg.index_path, number, err, errlen))) {
		utc_now(s->reload_failed_at, sizeof(s->reload_failed_at));
		snprintf(s->reload_error, sizeof(s->reload_error), "%s", err);
		pthread_mutex_unlock(&s->reload_lock);
		return 0;
	}
	s->reload_failed_at[0] = '\0';
	s->reload_error[0] = '\0';
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

/* Accept: count the connection, decide its limits, hand it to the
 * watchdog.  Close: undo all of that. */
static void conn_opened(srv_server *s, struct MHD_Connection *c, void **socket_context)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	srv_conn *cn = calloc(1, sizeof(*cn));
	unsigned active = atomic_fetch_add(&s->active, 1) + 1, per_ip = 0;
	*socket_context = cn;
	if (!cn)
		return; /* on_access closes it */
	cn->mhd = c;
	cn->fd = ci ? ci->connect_fd : -1;
	if (client_addr(c, cn->addr, &cn->addr_len))
		per_ip = ip_adjust(s, cn->addr, cn->addr_len, 1);
	if (active > s->cfg.max_connections)
		cn->refuse = 503;
	else if (per_ip > s->cfg.per_ip)
		cn->refuse = 429;
	atomic_init(&cn->limit_s, cn->refuse && s->cfg.header_timeout_s > REFUSED_HEADER_S
				  ? REFUSED_HEADER_S : s->cfg.header_timeout_s);
	atomic_init(&cn->phase_us, srv_now_us());
	atomic_init(&cn->awaiting_headers, true);
	atomic_init(&cn->between, false);
	pthread_mutex_lock(&s->conn_lock);
	cn->next = s->conns;
	if (s->conns)
		s->conns->prev = cn;
	s->conns = cn;
	pthread_mutex_unlock(&s->conn_lock);
}

static void req_reset(srv_reqctx *r)
{
	vg_buf_dispose(&r->body);
	vg_buf_dispose(&r->resp.body);
	srv_args_free(&r->args);
	memset(r, 0, sizeof(*r));
}

static void conn_closed(srv_server *s, srv_conn *cn)
{
	atomic_fetch_sub(&s->active, 1);
	if (!cn)
		return;
	/* Unlinked before libmicrohttpd closes the socket, so the watchdog
	 * never shuts down a descriptor that was reused. */
	pthread_mutex_lock(&s->conn_lock);
	if (cn->prev)
		cn->prev->next = cn->next;
	else
		s->conns = cn->next;
	if (cn->next)
		cn->next->prev = cn->prev;
	pthread_mutex_unlock(&s->conn_lock);
	if (cn->addr_len)
		ip_adjust(s, cn->addr, cn->addr_len, -1);
	req_reset(&cn->req);
	free(cn);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	srv_server *s = cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED)
		conn_opened(s, c, socket_context);
	else if (code == MHD_CONNECTION_NOTIFY_CLOSED)
		conn_closed(s, *socket_context);
}

/* The watchdog: headers must be complete within the connection's limit
 * (limit_s from phase_us, see srv_conn); a trickle of bytes does not
 * extend it (libmicrohttpd's own timeout is an idle timeout, which it
 * does). */
static void *watchdog_main(void *arg)
{
	srv_server *s = arg;
	struct timespec ts;
	srv_conn *cn;
	uint64_t now;
	pthread_mutex_lock(&s->wd_lock);
	while (!s->wd_stop) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += WATCHDOG_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&s->wd_cond, &s->wd_lock, &ts);
		now = srv_now_us();
		pthread_mutex_lock(&s->conn_lock);
		for (cn = s->conns; cn; cn = cn->next) {
			uint64_t since, limit;
			if (cn->shut || cn->fd < 0 || !atomic_load(&cn->awaiting_headers))
				continue;
			limit = (uint64_t)atomic_load(&cn->limit_s) * 1000000u;
			since = atomic_load(&cn->phase_us);
			/* since can be later than now: a connection may answer
			 * between reading the clock and taking the lock */
			if (since > now || now - since < limit)
				continue;
			/* libmicrohttpd sees the end of the stream and closes it */
			shutdown(cn->fd, SHUT_RDWR);
			cn->shut = true;
		}
		pthread_mutex_unlock(&s->conn_lock);
	}
	pthread_mutex_unlock(&s->wd_lock);
	return NULL;
}

/* ---- requests ------------------------------------------------------------ */

static srv_conn *conn_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

/* Counts the arguments of the query string in uri. */
static size_t count_args(const char *q)
{
	size_t n = *q ? 1 : 0;
	for (; *q; q++)
		n += *q == '&';
	return n;
}

/* Called by libmicrohttpd with the raw URL, before it splits the query
 * string into one record per argument in its fixed per-connection memory.
 * Too many of them used to exhaust that memory, and libmicrohttpd 0.9.75
 * then neither answered nor told the application the request ended (the
 * slot was held until the idle timeout).  A URL past the limits is refused
 * here (answered 414 once the headers are in) and its query string is
 * emptied in place, in libmicrohttpd's own writable buffer (it has just
 * located the '?' and splits from the byte after it), so nothing is
 * allocated for it. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	srv_server *s = cls;
	srv_conn *cn = conn_of(c);
	srv_reqctx *r;
	char *q;
	size_t n;
	if (!cn)
		return NULL;
	r = &cn->req;
	req_reset(r);
	r->start_us = srv_now_us();
	if (atomic_exchange(&cn->between, false)) {
		/* a request on a kept-alive connection: its headers are due */
		atomic_store(&cn->phase_us, r->start_us);
		atomic_store(&cn->limit_s, s->cfg.header_timeout_s);
	}
	r->id = atomic_fetch_add(&s->next_request_id, 1);
	n = strcspn(uri, "?");
	memcpy(r->path, uri, n < sizeof(r->path) ? n : sizeof(r->path) - 1);
	q = (char *)uri + n;
	if (strlen(uri) > MAX_URI) {
		r->refuse = 414;
		r->refuse_detail = "URL longer than 8192 bytes";
	} else if (*q && count_args(q + 1) > s->cfg.limits.max_args) {
		r->refuse = 414;
		r->refuse_detail = "too many query-string arguments";
	} else if (strstr(uri, "%00")) {
		/* decoded, it would cut the value short */
		r->refuse = 400;
		r->refuse_detail = "the URL contains a NUL character (%00)";
	}
	if (r->refuse && *q)
		q[1] = '\0';
	return r;
}

static void log_request(const srv_reqctx *r)
{
	vg_buf line = VG_BUF_INIT;
	struct timespec now;
	struct tm tm;
	char when[32];
	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	vg_buf_printf(&line, "{\"time\": \"%s.%03ldZ\", \"request_id\": %llu, \"method\": \"%s\", "
		      "\"path\": ", when, now.tv_nsec / 1000000, (unsigned long long)r->id,
		      r->method);
	srv_put_json_text(&line, r->path, strlen(r->path));
	vg_buf_printf(&line, ", \"status\": %d, \"bytes\": %zu, \"latency_us\": %llu, "
		      "\"index\": %llu, \"ran\": \"%s\"}\n", r->status, r->bytes,
		      (unsigned long long)(srv_now_us() - r->start_us),
		      (unsigned long long)r->generation, ran_names[r->ran]);
	if (line.ptr) {
		/* One write per line keeps lines whole between threads. */
		ssize_t w = write(STDERR_FILENO, line.ptr, line.size);
		(void)w;
	}
	vg_buf_dispose(&line);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	srv_server *s = cls;
	srv_reqctx *r = *con_cls;
	srv_conn *cn = conn_of(c);
	if (!r)
		return;
	if (s->cfg.access_log && (r->responded || toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)) {
		if (!r->responded)
			r->status = 0;
		log_request(r);
	}
	req_reset(r);
	*con_cls = NULL;
	if (cn) {
		/* idle until the next request's first line (the watchdog reads
		 * awaiting_headers, then limit_s, then phase_us: each writer
		 * stores in the opposite order) */
		atomic_store(&cn->phase_us, srv_now_us());
		atomic_store(&cn->limit_s, s->cfg.idle_timeout_s);
		atomic_store(&cn->between, true);
		atomic_store(&cn->awaiting_headers, true);
	}
}

/* ---- answers ----------------------------------------------------------- */

static bool origin_allowed(const srv_server *s, const char *origin)
{
	size_t i;
	for (i = 0; i < s->cfg.n_cors_origins; i++)
		if (!strcmp(s->cfg.cors_origins[i], "*") ||
		    !strcmp(s->cfg.cors_origins[i], origin))
			return true;
	return false;
}

/* True when the request comes from a page of this server itself (Origin is
 * http://HOST where HOST is the Host header) or carries no Origin. */
static bool same_origin(struct MHD_Connection *c, const char *origin)
{
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	return !origin || (host && !strncmp(origin, "http://", 7) && !strcmp(origin + 7, host));
}

static void add_cors(const srv_server *s, struct MHD_Connection *c,
		     struct MHD_Response *m, int status)
{
	const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	if (!origin || !origin_allowed(s, origin))
		return;
	MHD_add_response_header(m, "Access-Control-Allow-Origin", origin);
	MHD_add_response_header(m, "Vary", "Origin");
	if (status == 204) {
		MHD_add_response_header(m, "Access-Control-Allow-Methods", "GET, POST, OPTIONS");
		MHD_add_response_header(m, "Access-Control-Allow-Headers",
					"Authorization, Content-Type");
		MHD_add_response_header(m, "Access-Control-Max-Age", "600");
	}
}

/* Whether Accept-Encoding takes gzip: "gzip" or "*" named without q=0. */
static bool accepts_gzip(struct MHD_Connection *c)
{
	const char *p = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding");
	while (p && *p) {
		size_t len = strcspn(p, ","), name;
		const char *q;
		while (len && (*p == ' ' || *p == '\t'))
			p++, len--;
		name = strcspn(p, ";, \t");
		if (name > len)
			name = len;
		if ((name == 4 && !strncasecmp(p, "gzip", 4)) || (name == 1 && *p == '*')) {
			q = strstr(p, "q=");
			if (!q || q >= p + len || strtod(q + 2, NULL) > 0.0)
				return true;
		}
		p += len + (p[len] == ',');
	}
	return false;
}

/* Replaces the body with its gzip form (as yente, behind its GZip
 * middleware, sends an answer of 1 KB or more to a client that takes it);
 * false, body untouched, when it is smaller or compressing fails. */
static bool gzip_body(vg_buf *body)
{
	z_stream z;
	vg_buf out = VG_BUF_INIT;
	int zrc;
	if (body->size < 1024 || body->size > UINT_MAX)
		return false;
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	if (vg_buf_grow(&out, deflateBound(&z, (uLong)body->size)) < 0) {
		deflateEnd(&z);
		return false;
	}
	z.next_in = (Bytef *)body->ptr;
	z.avail_in = (uInt)body->size;
	z.next_out = (Bytef *)out.ptr;
	z.avail_out = (uInt)out.asize;
	zrc = deflate(&z, Z_FINISH);
	out.size = z.total_out;
	deflateEnd(&z);
	if (zrc != Z_STREAM_END) {
		vg_buf_dispose(&out);
		return false;
	}
	vg_buf_dispose(body);
	*body = out;
	return true;
}

/* Queues resp (taking its body) with the headers every answer carries. */
static enum MHD_Result send_response(srv_server *s, struct MHD_Connection *c,
				     srv_reqctx *r, srv_response *resp, bool close)
{
	struct MHD_Response *m;
	enum MHD_Result rc;
	char id[24];
	bool gzipped = resp->body.ptr && accepts_gzip(c) && gzip_body(&resp->body);
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
	if (resp->header)
		MHD_add_response_header(m, resp->header, resp->header_value);
	if (gzipped)
		MHD_add_response_header(m, "Content-Encoding", "gzip");
	MHD_add_response_header(m, "Vary", "Accept-Encoding");
	MHD_add_response_header(m, "Cache-Control", "no-store");
	MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
	add_cors(s, c, m, resp->status);
	if (resp->status == 401)
		MHD_add_response_header(m, "WWW-Authenticate", "Bearer");
	if (close)
		MHD_add_response_header(m, "Connection", "close");
	rc = MHD_queue_response(c, (unsigned)resp->status, m);
	MHD_destroy_response(m);
	return rc;
}

static enum MHD_Result send_error(srv_server *s, struct MHD_Connection *c, srv_reqctx *r,
				  int status, const char *detail, bool close)
{
	srv_response resp = SRV_RESPONSE_INIT;
	srv_respond_error(&resp, status, detail);
	return send_response(s, c, r, &resp, close);
}

/* ---- checks before the body --------------------------------------------- */

/* Compares without leaking where the first difference is. */
static bool key_equal(const char *given, size_t glen, const char *key)
{
	size_t klen = strlen(key), i;
	unsigned char diff = (unsigned char)(glen != klen);
	for (i = 0; i < glen; i++)
		diff |= (unsigned char)(given[i] ^ key[i % (klen ? klen : 1)]);
	return diff == 0 && klen > 0;
}

/* Authorization: Bearer KEY, or yente's ApiKey KEY. */
static bool has_bearer(struct MHD_Connection *c, const char *key)
{
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	if (h && !strncasecmp(h, "Bearer ", 7))
		h += 7;
	else if (h && !strncasecmp(h, "ApiKey ", 7))
		h += 7;
	else
		return false;
	while (*h == ' ')
		h++;
	return key_equal(h, strlen(h), key);
}

/* The analyst whose key the request carries, or NULL. */
static const char *analyst_of(const srv_server *s, struct MHD_Connection *c)
{
	const char *found = NULL;
	size_t i;
	/* every key is compared, so the time taken says nothing of which */
	for (i = 0; i < s->cfg.n_analysts; i++)
		if (has_bearer(c, s->cfg.analysts[i].key) && !found)
			found = s->cfg.analysts[i].name;
	return found;
}

static bool is_cases_path(const char *path)
{
	return !strncmp(path, "/cases", 6) && (path[6] == '\0' || path[6] == '/');
}

/* What anyone may read with an API key set: the page, health, the API's
 * description, and a reconciliation service's manifest (a GET of
 * /reconcile/DATASET without queries), which OpenRefine reads before it
 * asks for the key the manifest's "authentication" declares. */
static bool is_public_path(struct MHD_Connection *c, const char *method, const char *path)
{
	const char *rest;
	if (!strcmp(path, "/") || !strcmp(path, "/index.html") ||
	    !strcmp(path, "/healthz") || !strcmp(path, "/readyz") ||
	    !strcmp(path, "/openapi.json"))
		return true;
	if (strncmp(path, "/reconcile/", 11) || strcmp(method, "GET"))
		return false;
	rest = path + 11;
	return *rest && !strchr(rest, '/') &&
	       !MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "queries") &&
	       !MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "extend");
}

/* Where a request runs and how large a body it may send.  Health, the
 * catalog and the page are answered by the polling thread.  So are the
 * lookups that take microseconds (handing every request to a worker costs
 * a fifth more CPU per request than matching one query):
 *  - a /match of a few queries (a body of at most INLINE_MATCH_BODY bytes)
 *    runs inline to its end, within the request's own time limit only: a
 *    query's work is bounded (retrieval reads capped postings, compares
 *    capped candidates; one at a time, the slowest of the 33,643 queries
 *    of the screening evaluation files was answered in 10.5 ms on a loaded
 *    machine), so nothing is cut off and done again.  Under a budget of
 *    wall-clock time it was: a polling thread preempted on a loaded
 *    machine ran out of it, and the request started again on a worker.
 *  - a /search, an entity or a reconciliation batch, whose cost the
 *    request does not bound (a text search, a walk over every name), runs
 *    inline within a budget: past it, it starts again on a worker, so no
 *    request holds a polling thread long.
 * Scans, larger batches and reloads go to the workers at once. */
#define INLINE_BUDGET_US 20000
#define INLINE_MAX_BODY 4096
#define INLINE_MATCH_BODY 1024

/* Which thread answers a path and the body it may carry, from the table
 * /openapi.json is written from (routes.c); the page, health, the catalog
 * and other cheap paths: inline, no body. */
static srv_route_kind classify(const char *path, const srv_limits *lim, size_t *body_cap)
{
	const srv_route_info *r = srv_route_find(path);
	if (!r) {
		*body_cap = 0;
		return SRV_ROUTE_INLINE;
	}
	*body_cap = r->body == SRV_BODY_JSON ? lim->max_body
		    : r->body == SRV_BODY_SCAN ? lim->max_scan_body : 0;
	return r->kind;
}

typedef struct {
	size_t n;
	const char *first;
	bool differ;
} header_count;

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind,
				    const char *key, const char *value)
{
	header_count *h = ((header_count **)cls)[0];
	const char *name = ((const char **)cls)[1];
	(void)kind;
	if (strcasecmp(key, name))
		return MHD_YES;
	if (h->n++ == 0)
		h->first = value;
	else if (strcmp(h->first, value ? value : ""))
		h->differ = true;
	return MHD_YES;
}

static header_count headers_named(struct MHD_Connection *c, const char *name)
{
	header_count h = { 0, "", false };
	void *cls[2] = { &h, (void *)name };
	MHD_get_connection_values(c, MHD_HEADER_KIND, count_header, cls);
	return h;
}

/* The framing libmicrohttpd 0.9.75 accepts but must not be: two different
 * Content-Length headers (it takes the first: a request-smuggling
 * primitive behind a proxy that takes the last), a Transfer-Encoding other
 * than "chunked" (it then reads a body of unknown length until the idle
 * timeout), or both headers at once.  Returns 0 or 400 with detail. */
static int check_framing(struct MHD_Connection *c, char *detail, size_t dlen)
{
	header_count cl = headers_named(c, "Content-Length");
	header_count te = headers_named(c, "Transfer-Encoding");
	if (cl.differ) {
		snprintf(detail, dlen, "Content-Length: %zu headers with different values", cl.n);
		return 400;
	}
	if (te.n && (te.n > 1 || strcasecmp(te.first, "chunked"))) {
		snprintf(detail, dlen, "Transfer-Encoding: only a single \"chunked\" is understood");
		return 400;
	}
	if (te.n && cl.n) {
		snprintf(detail, dlen, "both Content-Length and Transfer-Encoding");
		return 400;
	}
	return 0;
}

static int check_access(srv_server *s, struct MHD_Connection *c, srv_reqctx *r,
			char *detail, size_t dlen)
{
	const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	if (origin && !same_origin(c, origin) && !origin_allowed(s, origin)) {
		snprintf(detail, dlen, "requests from pages of other origins are refused "
			 "(start the server with --cors-origin ORIGIN to allow one)");
		return 403;
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
	} else if (is_cases_path(r->path)) {
		if (s->cfg.cases && !(r->analyst = analyst_of(s, c))) {
			snprintf(detail, dlen, "an analyst key is required (Authorization: Bearer KEY)");
			return 401;
		}
	} else if (s->cfg.api_key && !is_public_path(c, r->method, r->path) &&
		   !has_bearer(c, s->cfg.api_key) &&
		   !(s->cfg.admin_key && has_bearer(c, s->cfg.admin_key)) &&
		   !analyst_of(s, c)) {
		snprintf(detail, dlen, "API key required (Authorization: ApiKey KEY or Bearer KEY)");
		return 401;
	}
	return 0;
}

/* Checks done when the headers are in, before any body is read.  Returns
 * 0, or a status with detail filled. */
static int precheck(srv_server *s, struct MHD_Connection *c, srv_conn *cn, srv_reqctx *r,
		    char *detail, size_t dlen)
{
	const char *cl;
	int status;
	if (cn->refuse == 503) {
		snprintf(detail, dlen, "server busy: more than %u open connections",
			 s->cfg.max_connections);
		return 503;
	}
	if (cn->refuse == 429) {
		snprintf(detail, dlen, "too many connections from your address (limit %u)",
			 s->cfg.per_ip);
		return 429;
	}
	if (r->refuse) {
		snprintf(detail, dlen, "%s", r->refuse_detail);
		return r->refuse;
	}
	if ((status = check_framing(c, detail, dlen)))
		return status;
	if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD") &&
	    strcmp(r->method, "POST") && strcmp(r->method, "OPTIONS")) {
		snprintf(detail, dlen, "method %s not allowed", r->method);
		return 405;
	}
	if ((status = check_access(s, c, r, detail, dlen)))
		return status;
	classify(r->path, &s->cfg.limits, &r->body_cap);
	cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	if (cl) {
		char *end;
		unsigned long long n;
		errno = 0;
		n = strtoull(cl, &end, 10);
		if (errno || *end || n > r->body_cap) {
			snprintf(detail, dlen, r->body_cap ? "request body larger than %zu bytes"
				 : "this endpoint takes no request body (%zu bytes)", r->body_cap);
			return 413;
		}
	}
	return 0;
}

typedef struct {
	srv_args *args;
	srv_err err;
} collect_cls;

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind,
				   const char *key, size_t key_size,
				   const char *value, size_t value_size)
{
	collect_cls *cc = cls;
	(void)kind;
	if (srv_args_add(cc->args, key, key_size, value ? value : "", value ? value_size : 0)) {
		srv_err_set(&cc->err, 500, "out of memory");
		return MHD_NO;
	}
	return MHD_YES;
}

/* The query string into r->args, refused (400) if any name or value holds
 * a NUL character or invalid UTF-8. */
static int collect_args(struct MHD_Connection *c, srv_reqctx *r, srv_err *err)
{
	collect_cls cc = { &r->args, { 0 } };
	MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, collect_arg, &cc);
	if (cc.err.status) {
		*err = cc.err;
		return err->status;
	}
	return srv_args_check(&r->args, "query string", err);
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

/* ---- running a request ---------------------------------------------------- */

static void handle_admin(srv_server *s, srv_reqctx *r, srv_response *resp)
{
	char err[512], detail[600];
	uint64_t gen;
	if (strcmp(r->path, "/admin/reload")) {
		srv_respond_error(resp, 404, "no such admin endpoint");
		return;
	}
	if (strcmp(r->method, "POST")) {
		srv_respond_error(resp, 405, "use POST /admin/reload");
		return;
	}
	if (!(gen = srv_reload(s, err, sizeof(err)))) {
		snprintf(detail, sizeof(detail), "reload failed, still serving the old index: %s", err);
		srv_respond_error(resp, 500, detail);
		return;
	}
	r->generation = gen;
	resp->status = 200;
	vg_buf_clear(&resp->body);
	vg_buf_printf(&resp->body, "{\"status\": \"ok\", \"generation\": %llu}\n",
		      (unsigned long long)gen);
}

/* Runs the handler for r into resp, on whichever thread calls it (queued:
 * on a worker, after waiting in the queue).  With a budget (microseconds),
 * the handler stops at whichever comes first, the request's time limit or
 * the budget; true when it was the budget (the request is to run again on
 * a worker). */
static bool run_request(srv_server *s, struct MHD_Connection *c, srv_reqctx *r,
			srv_response *resp, bool queued, uint64_t budget_us)
{
	srv_request req;
	srv_ctx ctx;
	matcher_cls mc;
	srv_gen *g;
	char failed_at[32] = "", error[400] = "";
	char detail[160];
	resp->status = 200;
	resp->content_type = "application/json";
	if (!strncmp(r->path, "/admin/", 7)) {
		handle_admin(s, r, resp);
		return false;
	}
	if (!strcmp(r->path, "/readyz")) {
		pthread_mutex_lock(&s->reload_lock);
		memcpy(failed_at, s->reload_failed_at, sizeof(failed_at));
		memcpy(error, s->reload_error, sizeof(error));
		pthread_mutex_unlock(&s->reload_lock);
	}
	g = gen_acquire(s);
	mc.srv = s;
	mc.gen = g;
	memset(&ctx, 0, sizeof(ctx));
	ctx.limits = &s->cfg.limits;
	ctx.ix = g ? &g->view : NULL;
	ctx.matcher = thread_matcher;
	ctx.scanner = gen_scanner;
	ctx.matcher_cls = &mc;
	ctx.deadline_us = s->cfg.time_limit_ms > 0
				  ? r->start_us + (uint64_t)(s->cfg.time_limit_ms * 1000.0)
				  : 0;
	if (budget_us) {
		budget_us += srv_now_us();
		if (ctx.deadline_us && ctx.deadline_us <= budget_us)
			budget_us = 0; /* the request's own limit comes first */
		else
			ctx.deadline_us = budget_us;
	}
	ctx.base_url = r->base;
	ctx.public_url = s->public_url;
	ctx.reload_failed_at = failed_at[0] ? failed_at : NULL;
	ctx.reload_error = failed_at[0] ? error : NULL;
	ctx.cases = s->cfg.cases;
	ctx.api_key = s->cfg.api_key != NULL;
	/* MHD drops the body of answers to HEAD; handlers treat it as GET */
	req.method = strcmp(r->method, "HEAD") ? r->method : "GET";
	req.path = r->path;
	req.args = &r->args;
	req.body = r->body.ptr ? r->body.ptr : "";
	req.body_len = r->body.size;
	req.content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	req.analyst = r->analyst;
	req.if_none_match = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
	r->generation = g ? g->view.generation : 0;
	if (queued && ctx.deadline_us && srv_now_us() > ctx.deadline_us)
		srv_respond_error(resp, 503, "time limit for this request exceeded (waiting for a worker)");
	else
		srv_handle(&ctx, &req, resp);
	gen_release(s, g);
	if (budget_us && resp->status == 503 && srv_now_us() >= budget_us)
		return true;
	if (resp->body.size > s->cfg.limits.max_response) {
		snprintf(detail, sizeof(detail), "the answer would be larger than %zu bytes: "
			 "ask for fewer results or fewer queries", s->cfg.limits.max_response);
		srv_respond_error(resp, 413, detail);
	}
	return false;
}

/* ---- the worker pool -------------------------------------------------- */

/* Suspends c and queues it for a worker; false when the server is stopping
 * (the caller answers itself).  The suspension happens under q_lock, so no
 * worker can resume the connection before it is suspended. */
static bool dispatch(srv_server *s, srv_conn *cn)
{
	bool queued = false;
	pthread_mutex_lock(&s->q_lock);
	if (!s->stopping && s->q_len < s->q_cap) {
		MHD_suspend_connection(cn->mhd);
		s->queue[(s->q_head + s->q_len++) % s->q_cap] = cn;
		pthread_cond_signal(&s->q_cond);
		queued = true;
	}
	pthread_mutex_unlock(&s->q_lock);
	return queued;
}

static void *worker_main(void *arg)
{
	srv_server *s = arg;
	srv_conn *cn;
	for (;;) {
		pthread_mutex_lock(&s->q_lock);
		while (!s->q_len && !s->stopping)
			pthread_cond_wait(&s->q_cond, &s->q_lock);
		if (!s->q_len) {
			pthread_mutex_unlock(&s->q_lock);
			return NULL;
		}
		cn = s->queue[s->q_head];
		s->q_head = (s->q_head + 1) % s->q_cap;
		s->q_len--;
		pthread_mutex_unlock(&s->q_lock);
		run_request(s, cn->mhd, &cn->req, &cn->req.resp, true, 0);
		cn->req.done = true;
		/* the polling thread calls on_access again and sends it */
		MHD_resume_connection(cn->mhd);
	}
}

/* ---- the access handler -------------------------------------------------- */

/* The first call, when the headers are in: refusals are answered at once. */
static enum MHD_Result request_started(srv_server *s, struct MHD_Connection *c,
				       srv_conn *cn, srv_reqctx *r, const char *url,
				       const char *method)
{
	char detail[256];
	int status;
	atomic_store(&cn->awaiting_headers, false);
	r->started = true;
	/* from here on the path is the decoded one every check and handler
	 * sees (on_uri kept the raw one for the log of an aborted request) */
	if (strlen(url) >= sizeof(r->path) && !r->refuse) {
		r->refuse = 414;
		r->refuse_detail = "path longer than 199 bytes";
	}
	snprintf(r->path, sizeof(r->path), "%s", url);
	snprintf(r->method, sizeof(r->method), "%s", method);
	/* the method goes into the JSON access log unescaped */
	for (char *m = r->method; *m; m++)
		if (!((*m >= 'A' && *m <= 'Z') || (*m >= 'a' && *m <= 'z') || *m == '-'))
			*m = '?';
	if ((status = precheck(s, c, cn, r, detail, sizeof(detail))))
		return send_error(s, c, r, status, detail, true);
	return MHD_YES;
}

/* The last call, with the whole body: answer now or hand to a worker. */
static enum MHD_Result request_complete(srv_server *s, struct MHD_Connection *c,
					srv_conn *cn, srv_reqctx *r)
{
	srv_response resp = SRV_RESPONSE_INIT;
	srv_err err = { 0 };
	char detail[256];
	srv_route_kind kind;
	resp.status = 200;
	resp.content_type = "application/json";
	if (r->done)
		return send_response(s, c, r, &r->resp, false);
	if (r->too_large) {
		snprintf(detail, sizeof(detail), "request body larger than %zu bytes", r->body_cap);
		return send_error(s, c, r, 413, detail, true);
	}
	if (!strcmp(r->method, "OPTIONS")) {
		resp.status = 204;
		resp.content_type = "text/plain";
		return send_response(s, c, r, &resp, false);
	}
	if (collect_args(c, r, &err))
		return send_error(s, c, r, err.status, err.detail, false);
	base_url(r->base, sizeof(r->base), c, s);
	kind = classify(r->path, &s->cfg.limits, &r->body_cap);
	if (kind == SRV_ROUTE_SMALL_INLINE && r->body.size <= INLINE_MATCH_BODY)
		kind = SRV_ROUTE_INLINE;
	if (kind == SRV_ROUTE_TRY_INLINE && r->body.size <= INLINE_MAX_BODY) {
		if (!run_request(s, c, r, &resp, false, INLINE_BUDGET_US))
			return send_response(s, c, r, &resp, false);
		r->ran = RAN_AGAIN;
	}
	if (kind != SRV_ROUTE_INLINE) {
		vg_buf_dispose(&resp.body);
		if (r->ran != RAN_AGAIN)
			r->ran = RAN_WORKER;
		if (dispatch(s, cn))
			return MHD_YES;
		return send_error(s, c, r, 503, "server stopping", true);
	}
	run_request(s, c, r, &resp, false, 0);
	return send_response(s, c, r, &resp, false);
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *c, const char *url,
				 const char *method, const char *version,
				 const char *upload, size_t *upload_size, void **con_cls)
{
	srv_server *s = cls;
	srv_reqctx *r = *con_cls;
	srv_conn *cn = conn_of(c);
	(void)version;
	if (!r || !cn)
		return MHD_NO; /* no memory for the connection's record */
	if (!r->started)
		return request_started(s, c, cn, r, url, method);
	if (r->responded && !r->done) {
		*upload_size = 0; /* an early error was sent: drop the body */
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->too_large) {
			if (r->body.size + *upload_size > r->body_cap) {
				r->too_large = true;
				vg_buf_dispose(&r->body);
			} else if (vg_buf_put(&r->body, upload, *upload_size)) {
				*upload_size = 0;
				return send_error(s, c, r, 500, "out of memory", true);
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	return request_complete(s, c, cn, r);
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
	    strlen(colon + 1) > 5 || strspn(colon + 1, "0123456789") != strlen(colon + 1) ||
	    atol(colon + 1) > 65535)
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
	snprintf(err, errlen, "--listen %s: expected HOST:PORT or [IPV6]:PORT, PORT from 0 to 65535",
		 s->cfg.listen);
	return -1;
}

static void tls_free(void *p)
{
	free(p);
}

static int start_threads(srv_server *s, unsigned workers, char *err, size_t errlen)
{
	unsigned i;
	/* every connection holds at most one request: the queue never fills */
	s->q_cap = s->cfg.max_connections + s->cfg.max_connections / 4 + 8;
	if (!(s->queue = calloc(s->q_cap, sizeof(*s->queue))) ||
	    !(s->workers = calloc(workers, sizeof(*s->workers)))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < workers; i++) {
		if (pthread_create(&s->workers[i], NULL, worker_main, s)) {
			snprintf(err, errlen, "cannot start worker threads");
			return -1;
		}
		s->n_workers++;
	}
	if (s->cfg.header_timeout_s) {
		if (pthread_create(&s->watchdog, NULL, watchdog_main, s)) {
			snprintf(err, errlen, "cannot start the watchdog thread");
			return -1;
		}
		s->watchdog_started = true;
	}
	return 0;
}

static void set_address(srv_server *s)
{
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	char host[64] = "";
	size_t n;
	if (s->bind_addr.ss_family == AF_INET6) {
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&s->bind_addr)->sin6_addr,
			  host, sizeof(host));
		snprintf(s->address, sizeof(s->address), "[%s]:%u", host, info ? info->port : 0);
	} else {
		inet_ntop(AF_INET, &((struct sockaddr_in *)&s->bind_addr)->sin_addr,
			  host, sizeof(host));
		snprintf(s->address, sizeof(s->address), "%s:%u", host, info ? info->port : 0);
	}
	if (s->cfg.public_url)
		snprintf(s->public_url, sizeof(s->public_url), "%s", s->cfg.public_url);
	else
		snprintf(s->public_url, sizeof(s->public_url), "http://%s", s->address);
	for (n = strlen(s->public_url); n && s->public_url[n - 1] == '/'; n--)
		s->public_url[n - 1] = '\0';
}

static srv_server *server_new(const srv_config *cfg)
{
	srv_server *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->cfg = *cfg;
	s->next_generation = 1;
	atomic_init(&s->next_request_id, 1);
	atomic_init(&s->active, 0);
	pthread_mutex_init(&s->gen_lock, NULL);
	pthread_mutex_init(&s->reload_lock, NULL);
	pthread_mutex_init(&s->ip_lock, NULL);
	pthread_mutex_init(&s->conn_lock, NULL);
	pthread_mutex_init(&s->q_lock, NULL);
	pthread_cond_init(&s->q_cond, NULL);
	pthread_mutex_init(&s->wd_lock, NULL);
	pthread_cond_init(&s->wd_cond, NULL);
	if (pthread_key_create(&s->tls, tls_free)) {
		free(s);
		return NULL;
	}
	return s;
}

int srv_start(srv_server **out, const srv_config *cfg, char *err, size_t errlen)
{
	srv_server *s;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
			 MHD_USE_POLL | MHD_ALLOW_SUSPEND_RESUME;
	long cores;
	unsigned threads;
	*out = NULL;
	if (!(s = server_new(cfg))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (parse_listen(s, err, errlen) || !srv_reload(s, err, errlen))
		goto fail;
	threads = cfg->threads;
	if (!threads) {
		cores = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cores > 0 && cores < 256 ? (unsigned)cores : 2;
	}
	if (start_threads(s, threads, err, errlen))
		goto fail;
	if (s->bind_addr.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	/* MHD's own limits close connections without an answer; ours (decided
	 * at accept) answer 503/429, so MHD's sit above them as a backstop. */
	s->daemon = MHD_start_daemon(
		flags, 0, NULL, NULL, on_access, s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&s->bind_addr,
		MHD_OPTION_THREAD_POOL_SIZE, threads < 2 ? 1u : 2u,
		MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections + cfg->max_connections / 4 + 8,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip + cfg->per_ip / 4 + 4,
		MHD_OPTION_CONNECTION_TIMEOUT, cfg->idle_timeout_s,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32 * 1024,
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
	set_address(s);
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

/* Stops the workers after the queue is drained: every suspended connection
 * is resumed before libmicrohttpd stops (it aborts on one left
 * suspended). */
static void stop_threads(srv_server *s)
{
	unsigned i;
	pthread_mutex_lock(&s->q_lock);
	s->stopping = true;
	pthread_cond_broadcast(&s->q_cond);
	pthread_mutex_unlock(&s->q_lock);
	for (i = 0; i < s->n_workers; i++)
		pthread_join(s->workers[i], NULL);
	if (s->watchdog_started) {
		pthread_mutex_lock(&s->wd_lock);
		s->wd_stop = true;
		pthread_cond_signal(&s->wd_cond);
		pthread_mutex_unlock(&s->wd_lock);
		pthread_join(s->watchdog, NULL);
	}
}

void srv_stop(srv_server *s)
{
	size_t i;
	if (!s)
		return;
	stop_threads(s);
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
	free(s->queue);
	free(s->workers);
	pthread_key_delete(s->tls);
	pthread_mutex_destroy(&s->gen_lock);
	pthread_mutex_destroy(&s->reload_lock);
	pthread_mutex_destroy(&s->ip_lock);
	pthread_mutex_destroy(&s->conn_lock);
	pthread_mutex_destroy(&s->q_lock);
	pthread_cond_destroy(&s->q_cond);
	pthread_mutex_destroy(&s->wd_lock);
	pthread_cond_destroy(&s->wd_cond);
	free(s);
}
