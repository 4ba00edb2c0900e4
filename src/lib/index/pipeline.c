/*
 * pipeline.c - the build's name analysis on several cores (pipeline.h).
 *
 * How it works:
 *  - The reader thread pushes names into chunks of CHUNK_NAMES (text
 *    copied); a full chunk joins the queue.  Workers (threads - 1 of them,
 *    started once the build has enough names to be worth it) take queued
 *    chunks in order and analyse them into the chunk's own result buffer.
 *    When PENDING_MAX chunks wait, the reader takes one itself: both cores
 *    analyse when analysis is what holds the build up.
 *  - A finished chunk at the head of the queue moves its results into the
 *    store (under the lock, in queue order), so results come out in push
 *    order whichever thread analysed them.  The store keeps budget bytes in
 *    memory and appends the rest to an unlinked temporary file, which is
 *    read back sequentially.
 *  - A name whose text and schema a previous index analysed, when that
 *    index was written by a vigil analysing the same way (same stamp, and
 *    a sample of its names re-analysed gives the same bytes), is copied
 *    instead of analysed.
 *  - The set of terms met so far is shared (sharded, a mutex per shard):
 *    the first worker to meet a term sends its derived keys to the sorter.
 *
 * Result record in the store (8-byte aligned): u32 rec, value, flags,
 * enc_len; u8 skipped, n_terms; u16 0; enc bytes padded to 8; n_terms u64.
 */
#include "index/pipeline.h"
#include "index/index_internal.h"
#include "index/hash.h"
#include "names/name.h"
#include "names/lexicon.h"
#include "common/alloc.h"
#include "common/error.h"
#include "vigil/version.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CHUNK_NAMES 512
#define PENDING_MAX 64
/* workers start once this many names were pushed (small builds, the
 * tests' among them, stay on one thread) */
#define THREADS_AFTER 8192
#define MAX_WORKERS 16
#define SEEN_SHARDS 64
#define PAIRS_BATCH 4096
#define MAX_TERMS 96
/* one name in REUSE_SAMPLE of a previous index is analysed again */
#define REUSE_SAMPLE 251
#define HEADER 24
/* seen_slot.seq: the push order, and whether the term has two makings */
#define SEQ_MASK 0x7FFFFFFFu
#define SEQ_CONTESTED 0x80000000u
/* the previous index's pages are let go after this many names copied */
#define REUSE_DROP_EVERY 16384

enum { C_QUEUED, C_TAKEN, C_DONE };

typedef struct {
	uint32_t rec, value, flags, off, len;
	uint32_t seq; /* push order */
	uint8_t schema;
} job;

typedef struct chunk {
	job jobs[CHUNK_NAMES];
	size_t n;
	vg_buf text, out;
	int state, rc;
	char err[256];
	struct chunk *next;
} chunk;

/* A term met: which making of it (vg__term.keys_of, folded) the earliest
 * name in push order that has it made, and that name's place. */
typedef struct {
	uint64_t h;
	uint32_t making, seq;
} seen_slot;

typedef struct {
	pthread_mutex_t mu;
	seen_slot *slot;
	size_t cap, n;
} seen_shard;

/* The derived keys of a making that took a term from another one: the
 * sorter holds the keys of the making first met; the write uses these
 * instead when another making turns out the earliest in push order. */
typedef struct {
	uint64_t key, term;
	uint32_t making, pad;
} side_rec;

/* A thread's memory of the terms it visited in the seen set: the term's
 * hash and the push order of the name it visited it for.  The seen set's
 * order of a term only ever goes down, so a term this thread visited for
 * an earlier name than the current one needs no visit: it would find an
 * earlier name there and change nothing.  Most terms are met again (6.3 M
 * occurrences of 1 M terms at 1M entities), and a visit takes a lock and
 * misses the cache. */
#define RECENT_SLOTS 65536

typedef struct {
	uint64_t h;
	uint32_t seq, pad;
} recent_slot;

/* What one analysing thread owns. */
typedef struct {
	vg__pipeline *p;
	recent_slot *recent;
	vg_buf enc;
	vg_name *view;
	uint64_t terms[MAX_TERMS];
	size_t n_terms;
	uint64_t cur_term;
	uint32_t cur_seq, cur_making;
	uint32_t reuse_near; /* the previous index's name copied last */
	int side; /* the current term's keys go to the side records */
	int rc;
	uint64_t skipped; /* names without letters or digits met */
	vg__rec16 pairs[PAIRS_BATCH];
	size_t n_pairs;
	pthread_t th;
	int started;
} worker;

typedef struct {
	vg_buf mem;
	size_t cap;
	int fd;
	uint64_t file_size;
	/* reading */
	unsigned char *rb;
	size_t rb_cap, rb_len, rb_pos;
	uint64_t file_pos;
	size_t mem_pos;
	int reading;
} store;

struct vg__pipeline {
	vg__pipeline_options o;
	char *tmpdir;
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	chunk *head, *tail, *open, *free_chunks;
	size_t pending;
	int stop, failed;
	char fail_msg[256];
	int fail_code;
	uint64_t pushed, analysed, reused;
	worker workers[MAX_WORKERS];
	size_t n_workers;
	worker main;
	store st;
	pthread_mutex_t pairs_mu;
	seen_shard seen[SEEN_SHARDS];
	/* terms whose makings differ: (term, first making), and side records;
	 * under side_mu */
	pthread_mutex_t side_mu;
	vg_buf contested, side;
	/* the previous index's names by text: name index + 1, and a tag */
	uint32_t *reuse_slot, *reuse_tag;
	size_t reuse_mask;
	int reuse_ok;
	vg_buf now_buf;
};

/* ---- the stamp ------------------------------------------------------------ */

uint64_t vg__analysis_stamp(void)
{
	char s[256];
	int n = snprintf(s, sizeof(s), "vigil %s index %u lexicon %u/%u/%u/%u/%zu",
			 VG_VERSION_STRING, VG_IX_VERSION, vg__lex_n_groups,
			 vg__legal_n_classes, vg__lex_word_mask, vg__lex_phrase_mask,
			 vg__ja_n_names);
	return vg__hash64(s, (size_t)n, 0);
}

/* ---- the store -------------------------------------------------------------- */

static int store_flush(vg__pipeline *p)
{
	store *st = &p->st;
	int rc;
	if (!st->mem.size)
		return 0;
	if ((st->fd < 0 && (rc = vg__spill_open(&st->fd, p->tmpdir, "names")) != 0) ||
	    (rc = vg__spill_write(st->fd, st->mem.ptr, st->mem.size, st->file_size,
				  "names")) != 0)
		return rc;
	st->file_size += st->mem.size;
	vg_buf_clear(&st->mem);
	return 0;
}

static int store_put(vg__pipeline *p, const char *data, size_t len)
{
	store *st = &p->st;
	if (vg_buf_put(&st->mem, data, len) < 0)
		return vg__error_oom();
	return st->mem.size > st->cap ? store_flush(p) : 0;
}

static uint64_t store_size(const store *st)
{
	return st->file_size + st->mem.size;
}

static int store_truncate(vg__pipeline *p, uint64_t size)
{
	store *st = &p->st;
	if (size >= st->file_size) {
		vg_buf_truncate(&st->mem, (size_t)(size - st->file_size));
		return 0;
	}
	vg_buf_clear(&st->mem);
	if (ftruncate(st->fd, (off_t)size) != 0)
		return vg__error_set(VG_EIO, "temporary file: %s", strerror(errno));
	st->file_size = size;
	return 0;
}

/* The next `need` bytes of the file, at least, in st->rb from rb_pos. */
static int store_fill(vg__pipeline *p, size_t need)
{
	store *st = &p->st;
	size_t keep = st->rb_len - st->rb_pos;
	if (need > st->rb_cap) {
		size_t cap = need * 2;
		unsigned char *b = vg__malloc(cap);
		if (!b)
			return vg__error_oom();
		if (keep) /* st->rb is NULL before the first fill */
			memcpy(b, st->rb + st->rb_pos, keep);
		free(st->rb);
		st->rb = b;
		st->rb_cap = cap;
	} else {
		memmove(st->rb, st->rb + st->rb_pos, keep);
	}
	st->rb_pos = 0;
	st->rb_len = keep;
	while (st->rb_len < st->rb_cap && st->file_pos < st->file_size) {
		size_t want = st->rb_cap - st->rb_len;
		ssize_t k;
		if (want > st->file_size - st->file_pos)
			want = (size_t)(st->file_size - st->file_pos);
		k = pread(st->fd, st->rb + st->rb_len, want, (off_t)st->file_pos);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return vg__error_set(VG_EIO, "temporary file: %s",
					     k < 0 ? strerror(errno) : "short read");
		st->rb_len += (size_t)k;
		st->file_pos += (uint64_t)k;
	}
	return 0;
}

static size_t pad8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* Parses the record at d (at least HEADER bytes); *len its full length. */
static void parse_result(const unsigned char *d, vg__analysed *out, size_t *len)
{
	uint32_t h[4];
	memcpy(h, d, sizeof(h));
	out->rec = h[0];
	out->value = h[1];
	out->flags = h[2];
	out->enc_len = h[3];
	out->skipped = d[16];
	out->n_terms = d[17];
	out->enc = d + HEADER;
	out->terms = (const uint64_t *)(const void *)(d + HEADER + pad8(out->enc_len));
	*len = HEADER + pad8(out->enc_len) + out->n_terms * sizeof(uint64_t);
}

static size_t result_len(const unsigned char *d)
{
	uint32_t enc_len;
	memcpy(&enc_len, d + 12, 4);
	return HEADER + pad8(enc_len) + (size_t)d[17] * sizeof(uint64_t);
}

int vg__pipeline_next(vg__pipeline *p, vg__analysed *out, int *done)
{
	store *st = &p->st;
	size_t len;
	int rc;
	*done = 0;
	if (!st->reading)
		return vg__error_set(VG_EUSAGE, "pipeline: read before finish");
	if (st->rb_pos < st->rb_len || st->file_pos < st->file_size) {
		if (st->rb_len - st->rb_pos < HEADER && (rc = store_fill(p, HEADER)) != 0)
			return rc;
		len = result_len(st->rb + st->rb_pos);
		if (st->rb_len - st->rb_pos < len && (rc = store_fill(p, len)) != 0)
			return rc;
		parse_result(st->rb + st->rb_pos, out, &len);
		st->rb_pos += len;
		return 0;
	}
	if (st->mem_pos < st->mem.size) {
		parse_result((const unsigned char *)st->mem.ptr + st->mem_pos, out, &len);
		st->mem_pos += len;
		return 0;
	}
	*done = 1;
	return 0;
}

/* ---- terms met so far ------------------------------------------------------- */

static int seen_grow(seen_shard *s)
{
	size_t ncap = s->cap ? s->cap * 2 : 1024, i, j;
	seen_slot *t = vg__calloc(ncap, sizeof(seen_slot));
	if (!t)
		return vg__error_oom();
	for (i = 0; i < s->cap; i++)
		if (s->slot[i].h) {
			j = (size_t)s->slot[i].h & (ncap - 1);
			while (t[j].h)
				j = (j + 1) & (ncap - 1);
			t[j] = s->slot[i];
		}
	free(s->slot);
	s->slot = t;
	s->cap = ncap;
	return 0;
}

/* Records that term h has two makings, the first of which went to the
 * sorter. */
static int contest(vg__pipeline *p, uint64_t h, uint32_t first)
{
	uint64_t rec[2] = { h, first };
	int rc;
	pthread_mutex_lock(&p->side_mu);
	rc = vg_buf_put(&p->contested, (const char *)rec, sizeof(rec));
	pthread_mutex_unlock(&p->side_mu);
	return rc < 0 ? vg__error_oom() : 0;
}

/* Term h met in the name of push order seq, made as `making`: 1 when the
 * term is new (its keys go to the sorter), 2 when this name comes before
 * every name met so far with the term and makes it otherwise (its keys
 * go to the side records), 0 when no keys are wanted, < 0 on error.
 * Whatever the threads' timing, the making of the earliest name in push
 * order wins (vg__pipeline_fixes), as when one thread reads in order. */
static int seen_visit(vg__pipeline *p, uint64_t h, uint32_t making, uint32_t seq)
{
	seen_shard *s = &p->seen[h >> 58];
	seen_slot *e;
	size_t j;
	int rc = 0;
	seq &= SEQ_MASK;
	if (!h)
		h = 1;
	pthread_mutex_lock(&s->mu);
	if ((s->n + 1) * 2 > s->cap && seen_grow(s) != 0) {
		pthread_mutex_unlock(&s->mu);
		return VG_ENOMEM;
	}
	j = (size_t)h & (s->cap - 1);
	while (s->slot[j].h && s->slot[j].h != h)
		j = (j + 1) & (s->cap - 1);
	e = &s->slot[j];
	if (!e->h) {
		*e = (seen_slot){ h, making, seq & SEQ_MASK };
		s->n++;
		rc = 1;
	} else if (seq < (e->seq & SEQ_MASK)) {
		uint32_t flag = e->seq & SEQ_CONTESTED;
		if (making != e->making) {
			/* the first change: e->making is the making first met */
			if (!flag && (rc = contest(p, h, e->making)) != 0) {
				pthread_mutex_unlock(&s->mu);
				return rc;
			}
			flag = SEQ_CONTESTED;
			e->making = making;
			rc = 2;
		}
		e->seq = seq | flag;
	}
	pthread_mutex_unlock(&s->mu);
	return rc;
}

/* ---- analysing one name ----------------------------------------------------- */

static int flush_pairs(worker *w)
{
	int rc;
	if (!w->n_pairs)
		return 0;
	pthread_mutex_lock(&w->p->pairs_mu);
	rc = vg__sorter_add(w->p->o.derived, w->pairs, w->n_pairs);
	pthread_mutex_unlock(&w->p->pairs_mu);
	w->n_pairs = 0;
	return rc;
}

static int on_term(void *ctx, const vg__term *t)
{
	worker *w = ctx;
	uint64_t h = vg__index_key_hash(t->kind, t->key, t->len);
	recent_slot *r;
	size_t i;
	int rc;
	for (i = 0; i < w->n_terms; i++)
		if (w->terms[i] == h)
			return 0;
	if (w->n_terms < MAX_TERMS)
		w->terms[w->n_terms++] = h;
	w->cur_making = (uint32_t)(t->keys_of ^ t->keys_of >> 32);
	r = &w->recent[(h ^ h >> 29) & (RECENT_SLOTS - 1)];
	if (r->h == h && r->seq < w->cur_seq)
		return 0;
	if ((rc = seen_visit(w->p, h, w->cur_making, w->cur_seq)) < 0)
		return rc;
	*r = (recent_slot){ h, w->cur_seq, 0 };
	if (!rc)
		return 0;
	w->cur_term = h;
	w->side = rc == 2;
	return 1;
}

static int on_key(void *ctx, const char *key, size_t len, unsigned kind)
{
	worker *w = ctx;
	vg__rec16 *r;
	if (w->side) {
		side_rec sr = { vg__index_key_hash(kind, key, len), w->cur_term, w->cur_making, 0 };
		int rc;
		pthread_mutex_lock(&w->p->side_mu);
		rc = vg_buf_put(&w->p->side, (const char *)&sr, sizeof(sr));
		pthread_mutex_unlock(&w->p->side_mu);
		return rc < 0 ? vg__error_oom() : 0;
	}
	r = &w->pairs[w->n_pairs++];
	r->key = vg__index_key_hash(kind, key, len);
	r->a = (uint32_t)w->cur_term;
	r->b = (uint32_t)(w->cur_term >> 32);
	return w->n_pairs == PAIRS_BATCH ? flush_pairs(w) : 0;
}

/* Whether the previous index's name i is text in schema; *enc its
 * encoding then. */
static int reuse_is(const vg_index *ix, uint32_t i, const char *text, size_t len,
		    vg_schema schema, const unsigned char **enc, size_t *enc_len)
{
	const vg_ix_name *nm = vg__index_name(ix, i);
	const char *old = vg__index_str(ix, nm->value);
	*enc = vg__index_name_enc(ix, nm, enc_len);
	return *enc_len > 2 && (*enc)[2] == (unsigned char)schema && !strncmp(old, text, len) &&
	       !old[len];
}

static uint32_t distance(uint32_t a, uint32_t b)
{
	return a > b ? a - b : b - a;
}

/* The previous index's encoding of text in schema, or NULL.  A text it
 * holds more than once (a common name: a fifth of the lookups at 1M) is
 * taken from the copy nearest *near, the name taken last: the names come
 * in about the previous index's order, so that copy's pages are most
 * likely mapped already, where one far back costs a fault that maps a
 * whole large folio of the page cache (Linux 6.18 on ext4: a megabyte)
 * and brings most of the names' sections back between two drops.  The
 * same text in the same schema analyses to the same bytes wherever it
 * is.  *near becomes the name taken. */
static const unsigned char *reused(const vg__pipeline *p, const char *text, size_t len,
				   vg_schema schema, size_t *enc_len, uint32_t *near)
{
	const vg_index *ix = p->o.reuse;
	const unsigned char *enc;
	uint32_t best = UINT32_MAX, tag;
	uint64_t h;
	size_t j, home;
	if (!p->reuse_ok)
		return NULL;
	h = vg__hash64(text, len, 0);
	tag = (uint32_t)(h >> 32);
	home = (size_t)h & p->reuse_mask;
	for (j = home; p->reuse_slot[j]; j = (j + 1) & p->reuse_mask)
		if (p->reuse_tag[j] == tag &&
		    (best == UINT32_MAX ||
		     distance(p->reuse_slot[j] - 1, *near) < distance(best, *near)))
			best = p->reuse_slot[j] - 1;
	if (best == UINT32_MAX)
		return NULL;
	if (reuse_is(ix, best, text, len, schema, &enc, enc_len)) {
		*near = best;
		return enc;
	}
	/* another text with the same tag, or the text in another schema */
	for (j = home; p->reuse_slot[j]; j = (j + 1) & p->reuse_mask)
		if (p->reuse_tag[j] == tag && p->reuse_slot[j] - 1 != best &&
		    reuse_is(ix, p->reuse_slot[j] - 1, text, len, schema, &enc, enc_len)) {
			*near = p->reuse_slot[j] - 1;
			return enc;
		}
	return NULL;
}

static int put_result(vg_buf *out, const job *j, int skipped, const unsigned char *enc,
		      size_t enc_len, const worker *w)
{
	uint32_t h[4] = { j->rec, j->value, j->flags, (uint32_t)enc_len };
	unsigned char tail[8] = { (unsigned char)skipped, (unsigned char)w->n_terms, 0 };
	static const char zeros[8] = { 0 };
	vg_buf_put(out, (const char *)h, sizeof(h));
	vg_buf_put(out, (const char *)tail, sizeof(tail));
	vg_buf_put(out, (const char *)enc, enc_len);
	vg_buf_put(out, zeros, pad8(enc_len) - enc_len);
	vg_buf_put(out, (const char *)w->terms, w->n_terms * sizeof(uint64_t));
	return vg_buf_check(out);
}

static int analyse_one(worker *w, const job *j, const char *text, vg_buf *out, int *was_reused)
{
	vg__pipeline *p = w->p;
	const unsigned char *enc;
	const vg_name *name;
	vg_name *nm = NULL;
	size_t enc_len, used;
	int rc;
	w->n_terms = 0;
	w->cur_seq = j->seq;
	*was_reused = 0;
	if ((enc = reused(p, text, j->len, (vg_schema)j->schema, &enc_len, &w->reuse_near)) &&
	    vg__name_decode(w->view, &used, enc, enc_len) == 0) {
		name = w->view;
		*was_reused = 1;
	} else {
		rc = vg__name_analyze(&nm, text, j->len, (vg_schema)j->schema);
		if (rc == VG_EDATA) {
			vg_error_clear();
			w->skipped++;
			return put_result(out, j, 1, NULL, 0, w);
		}
		if (rc)
			return rc;
		vg_buf_clear(&w->enc);
		if ((rc = vg__name_encode(nm, &w->enc)) != 0) {
			vg_name_free(nm);
			return rc;
		}
		name = nm;
		enc = (const unsigned char *)w->enc.ptr;
		enc_len = w->enc.size;
	}
	rc = vg__name_terms(name, on_term, on_key, w);
	if (!rc)
		rc = put_result(out, j, 0, enc, enc_len, w);
	vg_name_free(nm);
	return rc;
}

static int process_chunk(worker *w, chunk *c, uint64_t *n_reused)
{
	size_t i;
	int rc = 0, r;
	vg_buf_clear(&c->out);
	for (i = 0; i < c->n && !rc; i++) {
		rc = analyse_one(w, &c->jobs[i], c->text.ptr + c->jobs[i].off, &c->out, &r);
		*n_reused += (uint64_t)r;
	}
	if (!rc)
		rc = flush_pairs(w);
	return rc;
}

/* ---- the queue ---------------------------------------------------------------- */

/* Moves finished chunks at the head into the store; under p->mu. */
static void store_ready(vg__pipeline *p)
{
	while (p->head && p->head->state == C_DONE) {
		chunk *c = p->head;
		int rc = c->rc;
		if (!rc && (rc = store_put(p, c->out.ptr ? c->out.ptr : "", c->out.size)) != 0)
			snprintf(c->err, sizeof(c->err), "%s", vg_error_last()->message);
		if (rc && !p->failed) {
			p->failed = 1;
			p->fail_code = rc;
			snprintf(p->fail_msg, sizeof(p->fail_msg), "%s", c->err);
		}
		p->analysed += c->n;
		p->head = c->next;
		if (!p->head)
			p->tail = NULL;
		p->pending--;
		c->next = p->free_chunks;
		p->free_chunks = c;
	}
	pthread_cond_broadcast(&p->done);
}

/* The first queued chunk, taken; NULL when none.  Under p->mu. */
static chunk *take(vg__pipeline *p)
{
	chunk *c;
	for (c = p->head; c; c = c->next)
		if (c->state == C_QUEUED) {
			c->state = C_TAKEN;
			return c;
		}
	return NULL;
}

/* The previous index's pages leave this process's memory (they stay in
 * the page cache, and come back when read again): the names copied from
 * it are read once, in order (reused()), and would otherwise all count in
 * its memory by the end (at 1M entities 250 MB). */
static void drop_reuse_pages(const vg__pipeline *p)
{
	if (p->o.reuse && p->o.reuse->map)
		madvise(p->o.reuse->map, p->o.reuse->map_len, MADV_DONTNEED);
}

/* Analyses chunk c (taken) outside the lock, then files it.  Called and
 * returning with p->mu held. */
static void run_chunk(vg__pipeline *p, worker *w, chunk *c)
{
	uint64_t n_reused = 0;
	int rc;
	pthread_mutex_unlock(&p->mu);
	rc = process_chunk(w, c, &n_reused);
	if (rc)
		snprintf(c->err, sizeof(c->err), "%s", vg_error_last()->message);
	pthread_mutex_lock(&p->mu);
	c->rc = rc;
	c->state = C_DONE;
	if ((p->reused + n_reused) / REUSE_DROP_EVERY != p->reused / REUSE_DROP_EVERY)
		drop_reuse_pages(p);
	p->reused += n_reused;
	store_ready(p);
}

static void *worker_main(void *arg)
{
	worker *w = arg;
	vg__pipeline *p = w->p;
	pthread_mutex_lock(&p->mu);
	while (!p->stop) {
		chunk *c = take(p);
		if (!c) {
			pthread_cond_wait(&p->work, &p->mu);
			continue;
		}
		run_chunk(p, w, c);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static int worker_init(worker *w, vg__pipeline *p)
{
	memset(w, 0, sizeof(*w));
	w->p = p;
	if (!(w->view = vg__calloc(1, vg__name_struct_size())) ||
	    !(w->recent = vg__calloc(RECENT_SLOTS, sizeof(recent_slot))))
		return vg__error_oom();
	return 0;
}

static void worker_dispose(worker *w)
{
	vg_buf_dispose(&w->enc);
	free(w->view);
	free(w->recent);
}

static void start_workers(vg__pipeline *p)
{
	unsigned want = p->o.threads > 1 ? p->o.threads - 1 : 0;
	if (want > MAX_WORKERS)
		want = MAX_WORKERS;
	while (p->n_workers < want) {
		worker *w = &p->workers[p->n_workers];
		if (worker_init(w, p) != 0) {
			vg_error_clear(); /* fewer threads, same results */
			return;
		}
		if (pthread_create(&w->th, NULL, worker_main, w) != 0) {
			worker_dispose(w);
			return;
		}
		w->started = 1;
		p->n_workers++;
	}
}

/* Queues the open chunk; helps while too many wait.  Not under p->mu.
 * Returns a worker's failure, if one happened. */
static int enqueue_open(vg__pipeline *p)
{
	chunk *c = p->open;
	int rc = 0;
	if (!c || !c->n)
		return 0;
	p->open = NULL;
	pthread_mutex_lock(&p->mu);
	c->state = C_QUEUED;
	c->rc = 0;
	c->next = NULL;
	if (p->tail)
		p->tail->next = c;
	else
		p->head = c;
	p->tail = c;
	p->pending++;
	if (!p->n_workers && p->pushed >= THREADS_AFTER)
		start_workers(p);
	pthread_cond_signal(&p->work);
	while (p->pending > PENDING_MAX) {
		chunk *t = take(p);
		if (!t)
			break;
		run_chunk(p, &p->main, t);
	}
	if (p->failed)
		rc = vg__error_set(p->fail_code, "%s", p->fail_msg);
	pthread_mutex_unlock(&p->mu);
	return rc;
}

/* Waits (helping) until every queued chunk is in the store. */
static int drain(vg__pipeline *p)
{
	int rc;
	(void)enqueue_open(p); /* a failure is reported below */
	pthread_mutex_lock(&p->mu);
	while (p->head) {
		chunk *c = take(p);
		if (c)
			run_chunk(p, &p->main, c);
		else
			pthread_cond_wait(&p->done, &p->mu);
	}
	rc = p->failed ? p->fail_code : 0;
	pthread_mutex_unlock(&p->mu);
	return rc ? vg__error_set(rc, "%s", p->fail_msg) : 0;
}

int vg__pipeline_push(vg__pipeline *p, uint32_t rec, uint32_t value, uint32_t flags,
		      vg_schema schema, const char *text, size_t len)
{
	chunk *c = p->open;
	job *j;
	if (!c) {
		pthread_mutex_lock(&p->mu);
		c = p->free_chunks;
		if (c)
			p->free_chunks = c->next;
		pthread_mutex_unlock(&p->mu);
		if (!c && !(c = vg__calloc(1, sizeof(*c))))
			return vg__error_oom();
		c->n = 0;
		vg_buf_clear(&c->text);
		p->open = c;
	}
	j = &c->jobs[c->n];
	*j = (job){ rec, value, flags, (uint32_t)c->text.size, (uint32_t)len, (uint32_t)p->pushed,
		    (uint8_t)schema };
	vg_buf_put(&c->text, text, len);
	if (vg_buf_put(&c->text, "", 1) < 0)
		return vg__error_oom();
	c->n++;
	p->pushed++;
	return c->n == CHUNK_NAMES ? enqueue_open(p) : 0;
}

int vg__pipeline_mark(vg__pipeline *p, uint64_t *mark)
{
	int rc = drain(p);
	*mark = store_size(&p->st);
	return rc;
}

int vg__pipeline_rollback(vg__pipeline *p, uint64_t mark)
{
	int rc = drain(p);
	if (rc)
		return rc;
	return store_truncate(p, mark);
}

static void stop_workers(vg__pipeline *p)
{
	size_t i;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->n_workers; i++)
		if (p->workers[i].started)
			pthread_join(p->workers[i].th, NULL);
	p->n_workers = 0;
}

int vg__pipeline_finish(vg__pipeline *p)
{
	int rc = drain(p);
	stop_workers(p);
	drop_reuse_pages(p);
	if (rc)
		return rc;
	if (p->st.file_size && (rc = store_flush(p)) != 0)
		return rc;
	p->st.reading = 1;
	return 0;
}

int vg__pipeline_now(vg__pipeline *p, vg__analysed *out, uint32_t rec, uint32_t value,
		     uint32_t flags, vg_schema schema, const char *text, size_t len)
{
	job j = { rec, value, flags, 0, (uint32_t)len, (uint32_t)p->pushed++, (uint8_t)schema };
	size_t rlen;
	int r, rc;
	vg_buf_clear(&p->now_buf);
	if ((rc = analyse_one(&p->main, &j, text, &p->now_buf, &r)) != 0 ||
	    (rc = flush_pairs(&p->main)) != 0)
		return rc;
	p->analysed++;
	p->reused += (uint64_t)r;
	parse_result((const unsigned char *)p->now_buf.ptr, out, &rlen);
	return 0;
}

/* The seen set's entry of term h (no other thread running). */
static const seen_slot *seen_find(const vg__pipeline *p, uint64_t h)
{
	const seen_shard *s = &p->seen[h >> 58];
	size_t j;
	if (!h)
		h = 1;
	if (!s->cap)
		return NULL;
	for (j = (size_t)h & (s->cap - 1); s->slot[j].h; j = (j + 1) & (s->cap - 1))
		if (s->slot[j].h == h)
			return &s->slot[j];
	return NULL;
}

int vg__pipeline_fixes(vg__pipeline *p, vg__derived_fix *out)
{
	const uint64_t *c = (const uint64_t *)(const void *)p->contested.ptr;
	const side_rec *sr = (const side_rec *)(const void *)p->side.ptr;
	size_t nc = p->contested.size / (2 * sizeof(uint64_t)), ns = p->side.size / sizeof(side_rec);
	size_t i, k, cap = 16, n_add = 0;
	uint64_t *map_term = NULL;
	uint32_t *map_win = NULL;
	int rc = 0;
	memset(out, 0, sizeof(*out));
	if (!nc)
		return 0;
	while (cap < 2 * nc)
		cap *= 2;
	if (!(map_term = vg__calloc(cap, sizeof(uint64_t))) ||
	    !(map_win = vg__calloc(cap, sizeof(uint32_t))) ||
	    !(out->drop = vg__malloc(nc * sizeof(uint64_t))) ||
	    !(out->add = vg__malloc((ns + 1) * sizeof(vg__rec16)))) {
		rc = vg__error_oom();
		goto cleanup;
	}
	/* the terms whose earliest making is not the one first met */
	for (i = 0; i < nc; i++) {
		const seen_slot *e = seen_find(p, c[2 * i]);
		if (!e || e->making == (uint32_t)c[2 * i + 1])
			continue;
		out->drop[out->n_drop++] = c[2 * i];
		for (k = (size_t)(c[2 * i] * 0x9E3779B97F4A7C15ull >> 40) & (cap - 1); map_term[k];
		     k = (k + 1) & (cap - 1))
			;
		map_term[k] = c[2 * i] ? c[2 * i] : 1;
		map_win[k] = e->making;
	}
	/* their earliest making's keys */
	for (i = 0; i < ns; i++) {
		uint64_t t = sr[i].term ? sr[i].term : 1;
		for (k = (size_t)(sr[i].term * 0x9E3779B97F4A7C15ull >> 40) & (cap - 1); map_term[k];
		     k = (k + 1) & (cap - 1))
			if (map_term[k] == t) {
				if (map_win[k] == sr[i].making)
					out->add[n_add++] = (vg__rec16){ sr[i].key, (uint32_t)sr[i].term,
									 (uint32_t)(sr[i].term >> 32) };
				break;
			}
	}
	out->n_add = n_add;
	rc = vg__sort16(out->add, n_add);
cleanup:
	free(map_term);
	free(map_win);
	return rc;
}

uint64_t vg__pipeline_skipped(const vg__pipeline *p)
{
	uint64_t n = p->main.skipped;
	size_t i;
	for (i = 0; i < MAX_WORKERS; i++)
		n += p->workers[i].skipped;
	return n;
}

void vg__pipeline_stats(const vg__pipeline *p, uint64_t *analysed, uint64_t *n_reused,
			int *reuse_ok)
{
	*analysed = p->analysed;
	*n_reused = p->reused;
	*reuse_ok = p->reuse_ok;
}

/* ---- setting up ---------------------------------------------------------------- */

/* Whether this vigil analyses the previous index's names as it did: the
 * stamp, and every REUSE_SAMPLE-th name analysed again to the same bytes. */
static int reuse_check(const vg_index *ix)
{
	uint32_t i, n = vg__index_name_count(ix);
	vg_buf enc = VG_BUF_INIT;
	int ok = ix->meta.analysis == vg__analysis_stamp();
	for (i = 0; ok && i < n; i += REUSE_SAMPLE) {
		const vg_ix_name *nm = vg__index_name(ix, i);
		const char *text = vg__index_str(ix, nm->value);
		size_t len;
		const unsigned char *old = vg__index_name_enc(ix, nm, &len);
		vg_name *a = NULL;
		if (len < 3 || vg__name_analyze(&a, text, strlen(text), (vg_schema)old[2]) != 0) {
			ok = 0;
			break;
		}
		vg_buf_clear(&enc);
		ok = vg__name_encode(a, &enc) == 0 && enc.size == len && !memcmp(enc.ptr, old, len);
		vg_name_free(a);
	}
	vg_error_clear();
	vg_buf_dispose(&enc);
	return ok;
}

static int reuse_table(vg__pipeline *p)
{
	const vg_index *ix = p->o.reuse;
	uint32_t i, n = vg__index_name_count(ix);
	size_t cap = 1024;
	while (cap < (size_t)n * 2)
		cap *= 2;
	if (!(p->reuse_slot = vg__calloc(cap, sizeof(uint32_t))) ||
	    !(p->reuse_tag = vg__malloc(cap * sizeof(uint32_t))))
		return vg__error_oom();
	p->reuse_mask = cap - 1;
	for (i = 0; i < n; i++) {
		const char *text = vg__index_str(ix, vg__index_name(ix, i)->value);
		uint64_t h = vg__hash64(text, strlen(text), 0);
		size_t j = (size_t)h & p->reuse_mask;
		while (p->reuse_slot[j])
			j = (j + 1) & p->reuse_mask;
		p->reuse_slot[j] = i + 1;
		p->reuse_tag[j] = (uint32_t)(h >> 32);
	}
	return 0;
}

int vg__pipeline_new(vg__pipeline **out, const vg__pipeline_options *o)
{
	vg__pipeline *p = vg__calloc(1, sizeof(*p));
	size_t i;
	int rc;
	if (!p)
		return vg__error_oom();
	p->o = *o;
	p->st.fd = -1;
	p->st.cap = o->budget > 4096 ? o->budget : 4096;
	pthread_mutex_init(&p->mu, NULL);
	pthread_mutex_init(&p->pairs_mu, NULL);
	pthread_mutex_init(&p->side_mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	for (i = 0; i < SEEN_SHARDS; i++)
		pthread_mutex_init(&p->seen[i].mu, NULL);
	if (!(p->tmpdir = vg__strdup(o->tmpdir && o->tmpdir[0] ? o->tmpdir : ".")) ||
	    (rc = worker_init(&p->main, p)) != 0) {
		vg__pipeline_free(p);
		return vg__error_oom();
	}
	if (o->reuse && vg__index_name_count(o->reuse) && reuse_check(o->reuse)) {
		if ((rc = reuse_table(p)) != 0) {
			vg__pipeline_free(p);
			return rc;
		}
		p->reuse_ok = 1;
	}
	*out = p;
	return 0;
}

static void free_chunks(chunk *c)
{
	while (c) {
		chunk *n = c->next;
		vg_buf_dispose(&c->text);
		vg_buf_dispose(&c->out);
		free(c);
		c = n;
	}
}

void vg__pipeline_free(vg__pipeline *p)
{
	size_t i;
	if (!p)
		return;
	stop_workers(p);
	for (i = 0; i < MAX_WORKERS; i++)
		worker_dispose(&p->workers[i]);
	worker_dispose(&p->main);
	free_chunks(p->head);
	free_chunks(p->free_chunks);
	free_chunks(p->open);
	vg_buf_dispose(&p->st.mem);
	free(p->st.rb);
	if (p->st.fd >= 0)
		close(p->st.fd);
	for (i = 0; i < SEEN_SHARDS; i++) {
		free(p->seen[i].slot);
		pthread_mutex_destroy(&p->seen[i].mu);
	}
	free(p->reuse_slot);
	free(p->reuse_tag);
	vg_buf_dispose(&p->now_buf);
	free(p->tmpdir);
	pthread_mutex_destroy(&p->mu);
	pthread_mutex_destroy(&p->pairs_mu);
	pthread_mutex_destroy(&p->side_mu);
	vg_buf_dispose(&p->contested);
	vg_buf_dispose(&p->side);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->done);
	free(p);
}
