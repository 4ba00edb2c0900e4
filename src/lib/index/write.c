/*
 * write.c - writing the builder's entity model as one index file (layout in
 * format.h; the reading half is builder.c).
 *
 * Invariant: the index is written to a temporary file in the destination
 * folder and renamed over the destination only after everything was written
 * and synced, so a failed build leaves the previous index untouched.
 * Memory beyond the entity model is bounded by the build's budget: the
 * names' analyses come back from the pipeline in order, the encoded names
 * stream straight into the file, and the terms, derived keys and pairs go
 * through external sorts.
 *
 * How it works, one function per step of vg_builder_write:
 *  1. order: screenable records first, each group in the order read; each
 *     record's properties become one run (deliveries merged, FtM properties
 *     before the FtM-level fields, exact duplicates dropped).
 *  2. walk: per record in ordinal order its caption, its names (the
 *     pipeline's results: NAME, NENC, and (term, name) occurrences into a
 *     sort), identifiers, and its references resolved to ordinals
 *     (sanctions, link edges, inbound references).
 *  3. terms: the occurrences sorted give TERM and its postings, and each
 *     name's term numbers (NTRM); the derived keys sorted give TKEY; the
 *     names' pairs of common terms sorted give PAIR.  With two cores, TKEY
 *     is made on the second one (into a temporary file, appended after
 *     NTRM) while the first walks (when the walk analyses no name) and
 *     makes TERM and the pairs.
 *  4. the entity sections (records, properties, links, sources, ids, the
 *     string pool), META, then the header.
 */
#include "index/builder_internal.h"
#include "index/hash.h"
#include "model/ftm.h"
#include "names/name.h"
#include "common/error.h"
#include "common/alloc.h"
#include "common/files.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define WRITE_BUF (1u << 20)
/* A term more names than this share (at least PAIR_MIN_DF, else one name
 * in PAIR_SHARE) is common: retrieval meets the names having two common
 * terms through PAIR instead of reading either term's names. */
#define PAIR_MIN_DF 64u
#define PAIR_SHARE 2000u
/* Common terms of a name that make pairs (the first, by term number). */
#define PAIR_MAX_TERMS 12

/* ---- the file ----------------------------------------------------------- */

/* The file is written by a thread of its own when the build may use two
 * cores: copying 800 MB into the page cache took a quarter of the write
 * step's CPU, and the other core is idle then.  The writing thread takes
 * full buffers in order; the building thread fills the next one. */
#define WRITE_BUFS 4

typedef struct {
	int fd;
	uint64_t off;
	vg_ix_section sec[VG_IX_N_SECTIONS];
	size_t n_sec;
	XXH64_state_t *hs;
	unsigned char *buf;      /* the one being filled: bufs[fill] */
	size_t blen;
	/* buf[0..hashed) is in the section's hash or outside any section:
	 * sections are hashed a buffer at a time, not a posting at a time
	 * (22 M calls of XXH64_update at 1M entities) */
	size_t hashed;
	int in_sec;
	char *tmp;       /* the temporary file's path */
	unsigned char *bufs[WRITE_BUFS];
	size_t lens[WRITE_BUFS];
	size_t fill, head, queued; /* queued buffers: head .. head + queued */
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int threaded, stop, io_errno;
	vg__mapped *mt;  /* a table written whole lets its pages go as it goes */
} writer;

/* Writes len bytes; 0, else the errno. */
static int write_fd(int fd, const unsigned char *p, size_t len)
{
	while (len) {
		ssize_t k = write(fd, p, len);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return errno ? errno : EIO;
		}
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

static void *writer_main(void *arg)
{
	writer *wr = arg;
	pthread_mutex_lock(&wr->mu);
	for (;;) {
		size_t i;
		int e;
		while (!wr->queued && !wr->stop)
			pthread_cond_wait(&wr->cv, &wr->mu);
		if (!wr->queued)
			break;
		i = wr->head;
		pthread_mutex_unlock(&wr->mu);
		e = wr->io_errno ? 0 : write_fd(wr->fd, wr->bufs[i], wr->lens[i]);
		pthread_mutex_lock(&wr->mu);
		if (e && !wr->io_errno)
			wr->io_errno = e;
		wr->head = (wr->head + 1) % WRITE_BUFS;
		wr->queued--;
		pthread_cond_broadcast(&wr->cv);
	}
	pthread_mutex_unlock(&wr->mu);
	return NULL;
}

/* Adds the section's bytes in buf not hashed yet to its hash. */
static void hash_pending(writer *wr)
{
	if (wr->in_sec && wr->blen > wr->hashed)
		XXH64_update(wr->hs, wr->buf + wr->hashed, wr->blen - wr->hashed);
	wr->hashed = wr->blen;
}

/* Hands the filled buffer to the writing thread (or writes it). */
static int flush_buf(writer *wr)
{
	int e = 0;
	if (!wr->blen)
		return 0;
	hash_pending(wr);
	wr->hashed = 0;
	if (!wr->threaded) {
		e = write_fd(wr->fd, wr->buf, wr->blen);
	} else {
		pthread_mutex_lock(&wr->mu);
		wr->lens[wr->fill] = wr->blen;
		wr->queued++;
		pthread_cond_broadcast(&wr->cv);
		wr->fill = (wr->fill + 1) % WRITE_BUFS;
		/* the next buffer is free once fewer than all are queued */
		while (wr->queued == WRITE_BUFS)
			pthread_cond_wait(&wr->cv, &wr->mu);
		e = wr->io_errno;
		pthread_mutex_unlock(&wr->mu);
		wr->buf = wr->bufs[wr->fill];
	}
	wr->blen = 0;
	return e ? vg__error_set(VG_EIO, "%s: %s", wr->tmp, strerror(e)) : 0;
}

/* Waits until the writing thread wrote everything queued. */
static int writer_drain(writer *wr)
{
	int e;
	if (!wr->threaded)
		return 0;
	pthread_mutex_lock(&wr->mu);
	while (wr->queued)
		pthread_cond_wait(&wr->cv, &wr->mu);
	e = wr->io_errno;
	pthread_mutex_unlock(&wr->mu);
	return e ? vg__error_set(VG_EIO, "%s: %s", wr->tmp, strerror(e)) : 0;
}

static void writer_stop(writer *wr)
{
	if (!wr->threaded)
		return;
	pthread_mutex_lock(&wr->mu);
	wr->stop = 1;
	pthread_cond_broadcast(&wr->cv);
	pthread_mutex_unlock(&wr->mu);
	pthread_join(wr->th, NULL);
	pthread_mutex_destroy(&wr->mu);
	pthread_cond_destroy(&wr->cv);
	wr->threaded = 0;
}

static int put_raw(writer *wr, const void *data, size_t len)
{
	const unsigned char *p = data;
	int rc;
	if (len < WRITE_BUF - wr->blen) {
		/* the common case: a posting, a record */
		memcpy(wr->buf + wr->blen, p, len);
		wr->blen += len;
		wr->off += len;
		return 0;
	}
	while (len) {
		size_t k = WRITE_BUF - wr->blen < len ? WRITE_BUF - wr->blen : len;
		memcpy(wr->buf + wr->blen, p, k);
		wr->blen += k;
		wr->off += k;
		p += k;
		len -= k;
		if (wr->blen == WRITE_BUF && (rc = flush_buf(wr)) != 0)
			return rc;
		vg__mapped_check_now(wr->mt);
	}
	return 0;
}

static int sec_begin(writer *wr, uint32_t tag, uint32_t elem)
{
	static const char zeros[8] = { 0 };
	vg_ix_section *s = &wr->sec[wr->n_sec];
	int rc;
	if (wr->off % 8 && (rc = put_raw(wr, zeros, 8 - wr->off % 8)) != 0)
		return rc;
	s->tag = tag;
	s->elem_size = elem;
	s->offset = wr->off;
	XXH64_reset(wr->hs, 0);
	wr->hashed = wr->blen;
	wr->in_sec = 1;
	return 0;
}

static int sec_put(writer *wr, const void *data, size_t len)
{
	return len ? put_raw(wr, data, len) : 0;
}

static void sec_end(writer *wr)
{
	vg_ix_section *s = &wr->sec[wr->n_sec++];
	hash_pending(wr);
	wr->in_sec = 0;
	s->size = wr->off - s->offset;
	s->hash = XXH64_digest(wr->hs);
}

static int section(writer *wr, uint32_t tag, uint32_t elem, const void *data, size_t size)
{
	int rc;
	if ((rc = sec_begin(wr, tag, elem)) != 0 || (rc = sec_put(wr, data, size)) != 0)
		return rc;
	sec_end(wr);
	return 0;
}

static int writer_open(writer *wr, const char *path, unsigned threads, vg__mapped *mt)
{
	size_t plen = strlen(path), i, nbufs = threads > 1 ? WRITE_BUFS : 1;
	memset(wr, 0, sizeof(*wr));
	wr->fd = -1;
	wr->mt = mt;
	if (!(wr->tmp = vg__malloc(plen + 16)) || !(wr->hs = XXH64_createState()))
		return vg__error_oom();
	for (i = 0; i < nbufs; i++)
		if (!(wr->bufs[i] = vg__malloc(WRITE_BUF)))
			return vg__error_oom();
	wr->buf = wr->bufs[0];
	snprintf(wr->tmp, plen + 16, "%s.tmp.XXXXXX", path);
	if ((wr->fd = mkstemp(wr->tmp)) < 0) {
		int e = errno;
		free(wr->tmp);
		wr->tmp = NULL;
		return vg__error_set(VG_EIO, "%s.tmp: %s", path, strerror(e));
	}
	fchmod(wr->fd, 0644);
	if (nbufs > 1) {
		pthread_mutex_init(&wr->mu, NULL);
		pthread_cond_init(&wr->cv, NULL);
		if (pthread_create(&wr->th, NULL, writer_main, wr) == 0) {
			wr->threaded = 1;
		} else {
			/* one buffer, written by this thread: same bytes */
			pthread_mutex_destroy(&wr->mu);
			pthread_cond_destroy(&wr->cv);
		}
	}
	/* the header and the table, written last */
	{
		unsigned char zero[VG_IX_HEADER_SIZE + sizeof(wr->sec)];
		memset(zero, 0, sizeof(zero));
		return put_raw(wr, zero, sizeof(zero));
	}
}

/* The header, then sync and rename over path. */
static int writer_commit(writer *wr, const char *path)
{
	unsigned char head[VG_IX_HEADER_SIZE + sizeof(wr->sec)];
	vg_ix_header h;
	int rc;
	if ((rc = flush_buf(wr)) != 0 || (rc = writer_drain(wr)) != 0)
		return rc;
	writer_stop(wr);
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, VG_IX_MAGIC, 8);
	h.version = VG_IX_VERSION;
	h.n_sections = VG_IX_N_SECTIONS;
	h.file_size = wr->off;
	memcpy(head, &h, sizeof(h));
	memcpy(head + VG_IX_HEADER_SIZE, wr->sec, sizeof(wr->sec));
	h.table_hash = vg__ix_header_hash(head);
	memcpy(head, &h, sizeof(h));
	if (wr->n_sec != VG_IX_N_SECTIONS)
		return vg__error_set(VG_ERROR, "index writer: %zu sections, expected %u",
				     wr->n_sec, VG_IX_N_SECTIONS);
	if (pwrite(wr->fd, head, sizeof(head), 0) != (ssize_t)sizeof(head) || fsync(wr->fd) != 0)
		return vg__error_set(VG_EIO, "%s: %s", wr->tmp, strerror(errno));
	rc = close(wr->fd);
	wr->fd = -1;
	if (rc != 0)
		return vg__error_set(VG_EIO, "%s: %s", wr->tmp, strerror(errno));
	if (rename(wr->tmp, path) != 0)
		return vg__error_set(VG_EIO, "%s: %s", path, strerror(errno));
	free(wr->tmp);
	wr->tmp = NULL;
	return 0;
}

static void writer_dispose(writer *wr)
{
	size_t i;
	writer_stop(wr);
	if (wr->fd >= 0)
		close(wr->fd);
	if (wr->tmp) {
		unlink(wr->tmp);
		free(wr->tmp);
	}
	for (i = 0; i < WRITE_BUFS; i++)
		free(wr->bufs[i]);
	if (wr->hs)
		XXH64_freeState(wr->hs);
}


/* A writer of sections into an unlinked temporary file in tmpdir, by the
 * calling thread (no header): a part of the index made on another core,
 * appended to the index by writer_append. */
static int writer_open_temp(writer *wr, const char *tmpdir)
{
	memset(wr, 0, sizeof(*wr));
	wr->fd = -1;
	if (!(wr->hs = XXH64_createState()) || !(wr->bufs[0] = vg__malloc(WRITE_BUF)))
		return vg__error_oom();
	wr->buf = wr->bufs[0];
	return vg__spill_open(&wr->fd, tmpdir, "sections");
}

/* Appends what src (writer_open_temp's) wrote to dst: the bytes, at dst's
 * next 8-byte boundary (where dst's next section would begin, so that
 * every byte is where writing the sections into dst would have put it),
 * and the sections, their offsets moved. */
static int writer_append(writer *dst, writer *src)
{
	static const char zeros[8] = { 0 };
	uint64_t base, done = 0;
	size_t i;
	int rc;
	if (dst->n_sec + src->n_sec > VG_IX_N_SECTIONS)
		return vg__error_set(VG_ERROR, "index writer: too many sections");
	if ((rc = flush_buf(src)) != 0 ||
	    (dst->off % 8 && (rc = put_raw(dst, zeros, 8 - dst->off % 8)) != 0) ||
	    (rc = flush_buf(dst)) != 0 || (rc = writer_drain(dst)) != 0)
		return rc;
	/* dst's thread, if any, waits for a buffer: the file is this one's */
	base = dst->off;
	while (done < src->off) {
		ssize_t k = copy_file_range(src->fd, &(loff_t){ (loff_t)done }, dst->fd, NULL,
					    (size_t)(src->off - done), 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			/* another file system, an old kernel: through this process */
			ssize_t n = pread(src->fd, src->buf, WRITE_BUF < src->off - done
					  ? WRITE_BUF : (size_t)(src->off - done), (off_t)done);
			int e;
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				return vg__error_set(VG_EIO, "temporary sections file: %s",
						     n ? strerror(errno) : "shorter than written");
			if ((e = write_fd(dst->fd, src->buf, (size_t)n)) != 0)
				return vg__error_set(VG_EIO, "%s: %s", dst->tmp, strerror(e));
			done += (uint64_t)n;
			continue;
		}
		done += (uint64_t)k;
	}
	dst->off += src->off;
	for (i = 0; i < src->n_sec; i++) {
		dst->sec[dst->n_sec] = src->sec[i];
		dst->sec[dst->n_sec++].offset += base;
	}
	return 0;
}

/* ---- what the write assembles ------------------------------------------- */

typedef struct {
	vg_builder *b;
	uint32_t n, ne;        /* records, screenable ones */
	uint32_t *perm, *inv;  /* builder index -> ordinal and back */
	vg_ix_record *recs;
	size_t n_props;        /* PROP entries in all */
	vg_ix_name *names;
	size_t n_names, cap_names;
	uint64_t n_ntrm;       /* term occurrences so far */
	uint8_t *fill;         /* per name: its terms placed in NTRM so far */
	uint32_t *ntrm;
	vg__sorter *occ;       /* (term hash, name) */
	vg__rec16 occ_buf[1024];
	size_t n_occ_buf;
	vg__rec16 *ik;         /* (identifier hash, ordinal) */
	size_t n_ik, cap_ik;
	vg__rec16 *sanc, *edges, *refs; /* (owner << 32 | a, b, c), see add_quad */
	size_t n_sanc, cap_sanc, n_edges, cap_edges, n_refs, cap_refs;
	uint16_t *rsrc;
	size_t n_rsrc;
	vg_ix_source *sources;
	vg__analysed la;       /* the pipeline's next result, when la_ok */
	int la_ok, la_done;
	vg_ix_key *terms;
	size_t n_terms;
	uint32_t pair_df;
	writer wr;
	vg__derived_fix fix;   /* TKEY's records of terms made differently */
} wstate;

static void wstate_dispose(wstate *w)
{
	vg__mapped *mt = w->b ? w->b->mt : NULL;
	vg__mfree(mt, w->perm);
	vg__mfree(mt, w->inv);
	vg__mfree(mt, w->recs);
	vg__mfree(mt, w->names);
	vg__mfree(mt, w->fill);
	vg__mfree(mt, w->ntrm);
	vg__sorter_free(w->occ);
	vg__mfree(mt, w->ik);
	vg__mfree(mt, w->sanc);
	vg__mfree(mt, w->edges);
	vg__mfree(mt, w->refs);
	vg__mfree(mt, w->rsrc);
	free(w->sources);
	vg__mfree(mt, w->terms);
	free(w->fix.drop);
	free(w->fix.add);
	writer_dispose(&w->wr);
}

static int push16(vg__mapped *mt, vg__rec16 **v, size_t *n, size_t *cap, uint64_t key,
		  uint32_t a, uint32_t b)
{
	if (vg__mgrow(mt, v, cap, *n + 1, sizeof(vg__rec16)))
		return VG_ENOMEM;
	(*v)[(*n)++] = (vg__rec16){ key, a, b };
	return 0;
}

/* A (owner, a, b, c) fact, sorted by owner, a, b: owner and a in the key. */
static int add_quad(vg__mapped *mt, vg__rec16 **v, size_t *n, size_t *cap, uint32_t owner,
		    uint32_t a, uint32_t b, uint32_t c)
{
	return push16(mt, v, n, cap, (uint64_t)owner << 32 | a, b, c);
}

/* The properties of the record with ordinal o (its one run, step 1). */
static const vg_ix_prop *props_of(const vg_builder *b, const wstate *w, uint32_t o,
				  size_t *n)
{
	const brec *r = &b->recs[w->inv[o]];
	*n = r->prop_count;
	return b->props + r->prop_start;
}

/* ---- step 1: order -------------------------------------------------------- */

static int cmp_run(const void *x, const void *y)
{
	const brun *a = x, *b = y;
	if (a->rec != b->rec)
		return a->rec < b->rec ? -1 : 1;
	return a->start < b->start ? -1 : a->start > b->start;
}

/* Record ri's run rewritten in place (or appended, when several
 * deliveries make it up): FtM properties first, then the FtM-level fields
 * (entity.c reads them as the run's tail), read order kept in each, exact
 * duplicates dropped (quadratic, bounded to keep odd records cheap). */
static int one_run(vg_builder *b, uint32_t ri, const brun *more,
		   size_t n_more, vg_ix_prop **scratch, size_t *cap)
{
	brec *r = &b->recs[ri];
	size_t len = r->prop_count, i, k, pass, out = 0;
	vg_ix_prop *s;
	for (k = 0; k < n_more; k++)
		len += more[k].count;
	if (vg__grow(scratch, cap, len + 1, sizeof(vg_ix_prop)))
		return VG_ENOMEM;
	s = *scratch;
	memcpy(s, b->props + r->prop_start, r->prop_count * sizeof(vg_ix_prop));
	for (i = r->prop_count, k = 0; k < n_more; i += more[k].count, k++)
		memcpy(s + i, b->props + more[k].start, more[k].count * sizeof(vg_ix_prop));
	if (n_more) {
		if (vg__mgrow(b->mt, &b->props, &b->cap_props, b->n_props + len,
			      sizeof(vg_ix_prop)))
			return VG_ENOMEM;
		r->prop_start = (uint32_t)b->n_props;
		b->n_props += len;
	}
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < len; i++) {
			vg_ix_prop *d = b->props + r->prop_start;
			int dup = 0;
			if (((vg__bkey_class(b, s[i].key) & VG__KC_META) != 0) != (pass == 1))
				continue;
			for (k = 0; k < out && !dup && out < 256; k++)
				dup = d[k].key == s[i].key && d[k].value == s[i].value &&
				      d[k].qual == s[i].qual;
			if (!dup)
				d[out++] = s[i];
		}
	r->prop_count = (uint32_t)out;
	return 0;
}

static int merge_runs(vg_builder *b)
{
	vg_ix_prop *scratch = NULL;
	size_t cap = 0, i = 0, j;
	uint32_t ri;
	int rc = 0;
	if (b->n_runs > 1)
		qsort(b->runs, b->n_runs, sizeof(brun), cmp_run);
	for (ri = 0; ri < b->n_recs && !rc; ri++) {
		vg__mapped_check(b->mt);
		for (j = i; j < b->n_runs && b->runs[j].rec == ri; j++)
			;
		rc = one_run(b, ri, b->runs + i, j - i, &scratch, &cap);
		i = j;
	}
	free(scratch);
	return rc;
}

static int order_records(vg_builder *b, wstate *w)
{
	uint32_t i, o;
	size_t pos = 0;
	w->n = (uint32_t)b->n_recs;
	if (vg__mcalloc(b->mt, &w->perm, (size_t)w->n + 1, sizeof(uint32_t)) ||
	    vg__mcalloc(b->mt, &w->inv, (size_t)w->n + 1, sizeof(uint32_t)) ||
	    vg__mcalloc(b->mt, &w->recs, (size_t)w->n + 1, sizeof(vg_ix_record)))
		return VG_ENOMEM;
	if (!(w->sources = vg__calloc(b->n_sources + 1, sizeof(vg_ix_source))))
		return vg__error_oom();
	for (i = 0; i < w->n; i++, vg__mapped_check(b->mt))
		if (vg_schema_is_screenable((vg_schema)b->recs[i].schema))
			w->perm[i] = w->ne++;
	for (o = w->ne, i = 0; i < w->n; i++, vg__mapped_check(b->mt))
		if (!vg_schema_is_screenable((vg_schema)b->recs[i].schema))
			w->perm[i] = o++;
	for (i = 0; i < w->n; i++) {
		const brec *br = &b->recs[i];
		vg_ix_record *r = &w->recs[w->perm[i]];
		vg__mapped_check(b->mt);
		w->inv[w->perm[i]] = i;
		r->id = br->id;
		r->schema_name = br->schema_name;
		r->schema = br->schema;
		r->source = (uint16_t)br->source;
	}
	for (o = 0; o < w->n; o++, vg__mapped_check(b->mt)) {
		w->recs[o].prop_start = (uint32_t)pos;
		w->recs[o].prop_count = b->recs[w->inv[o]].prop_count;
		pos += w->recs[o].prop_count;
	}
	w->n_props = pos;
	return pos >= UINT32_MAX ? vg__error_set(VG_ENOMEM, "too many properties") : 0;
}

/* Each record's sources as a run of RSRC: its first input, then the later
 * ones in input order (ascending, as bextra holds them). */
static int layout_sources(vg_builder *b, wstate *w)
{
	uint32_t o;
	size_t i, pos = 0, *fill = NULL;
	int rc = 0;
	if (b->n_extra >= UINT32_MAX - (size_t)w->n)
		return vg__error_set(VG_ENOMEM, "too many records for one index");
	if (vg__mcalloc(b->mt, &w->rsrc, (size_t)w->n + b->n_extra + 1, sizeof(uint16_t)) ||
	    vg__mcalloc(b->mt, &fill, (size_t)w->n + 1, sizeof(size_t))) {
		rc = VG_ENOMEM;
		goto cleanup;
	}
	for (o = 0; o < w->n; o++, vg__mapped_check(b->mt))
		w->recs[o].src_count = 1;
	for (i = 0; i < b->n_extra; i++, vg__mapped_check(b->mt))
		w->recs[w->perm[b->extra[i].rec]].src_count++;
	for (o = 0; o < w->n; o++, vg__mapped_check(b->mt)) {
		w->recs[o].src_start = (uint32_t)pos;
		w->rsrc[pos] = w->recs[o].source;
		fill[o] = pos + 1;
		pos += w->recs[o].src_count;
	}
	for (i = 0; i < b->n_extra; i++, vg__mapped_check(b->mt))
		w->rsrc[fill[w->perm[b->extra[i].rec]]++] = (uint16_t)b->extra[i].source;
	w->n_rsrc = pos;
cleanup:
	vg__mfree(b->mt, fill);
	return rc;
}

/* ---- step 2: walk ------------------------------------------------------- */

static const vg_ix_prop *first_prop(const vg_builder *b, const vg_ix_prop *p, size_t n,
				    const char *key)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(vg__bstr(b, p[i].key), key))
			return &p[i];
	return NULL;
}

/* The caption, as FtM makes it: the publisher's own when it gave one, else
 * the first value of the first of the schema's caption properties that has
 * one (a schema without caption properties takes its nearest ancestor's),
 * else the schema's label ("Ownership"). */
static int caption_of(uint32_t *out, vg_builder *b, const vg_ix_record *r,
		      const vg_ix_prop *p, size_t n)
{
	const vg__ftm_schema *s = vg__bschema(b, r->schema_name), *cs = s;
	const vg_ix_prop *v;
	const char *label;
	size_t a, k;
	if ((v = first_prop(b, p, n, "caption"))) {
		*out = v->value;
		return 0;
	}
	for (a = 0; s && a < s->n_anc && !cs->n_cap; a++)
		cs = &vg__ftm_schemata[vg__ftm_ancestors[s->anc_start + a]];
	for (k = 0; cs && k < cs->n_cap; k++)
		if ((v = first_prop(b, p, n, vg__ftm_caption(cs, k)))) {
			*out = v->value;
			return 0;
		}
	label = s ? s->label : vg__bstr(b, r->schema_name);
	return vg__bintern(out, b, label, strlen(label));
}

static int flush_occ(wstate *w)
{
	int rc = vg__sorter_add(w->occ, w->occ_buf, w->n_occ_buf);
	w->n_occ_buf = 0;
	return rc;
}

/* One analysed name of the record with ordinal o into NAME, NENC and the
 * term occurrences. */
static int add_name(wstate *w, uint32_t o, const vg__analysed *a)
{
	size_t i;
	int rc;
	if (a->skipped) {
		w->b->n_names_skipped++;
		return 0;
	}
	if (w->n_names >= UINT32_MAX - 1 || w->wr.off >= UINT32_MAX / 2 ||
	    w->n_ntrm + a->n_terms >= UINT32_MAX)
		return vg__error_set(VG_ENOMEM, "too many names for one index");
	if (vg__mgrow(w->b->mt, &w->names, &w->cap_names, w->n_names + 1, sizeof(vg_ix_name)))
		return VG_ENOMEM;
	w->names[w->n_names] = (vg_ix_name){ o, a->value,
					     (uint32_t)(w->wr.off - w->wr.sec[w->wr.n_sec].offset),
					     (uint32_t)a->enc_len, a->flags, (uint32_t)w->n_ntrm };
	if ((rc = sec_put(&w->wr, a->enc, a->enc_len)) != 0)
		return rc;
	for (i = 0; i < a->n_terms; i++) {
		w->occ_buf[w->n_occ_buf++] = (vg__rec16){ a->terms[i], (uint32_t)w->n_names, 0 };
		if (w->n_occ_buf == sizeof(w->occ_buf) / sizeof(w->occ_buf[0]) &&
		    (rc = flush_occ(w)) != 0)
			return rc;
	}
	w->n_ntrm += a->n_terms;
	w->n_names++;
	return 0;
}

typedef struct {
	wstate *w;
	uint32_t o;
} now_ctx;

static int now_name(void *ctx, uint32_t ri, uint32_t value, uint32_t flags)
{
	now_ctx *c = ctx;
	vg_builder *b = c->w->b;
	const char *text = vg__bstr(b, value);
	vg__analysed a;
	int rc = vg__pipeline_now(b->pipe, &a, ri, value, flags,
				  (vg_schema)b->recs[ri].schema, text, strlen(text));
	return rc ? rc : add_name(c->w, c->o, &a);
}

/* The pipeline's results for builder record ri, in order (added when
 * `use`); *pushed receives how many there were, *derived whether one was
 * the name its parts make. */
static int take_results(wstate *w, uint32_t o, uint32_t ri, int use, size_t *pushed,
			int *derived)
{
	int rc;
	*pushed = 0;
	*derived = 0;
	for (;;) {
		if (!w->la_ok && !w->la_done) {
			if ((rc = vg__pipeline_next(w->b->pipe, &w->la, &w->la_done)) != 0)
				return rc;
			w->la_ok = !w->la_done;
		}
		if (!w->la_ok || w->la.rec != ri)
			return 0;
		w->la_ok = 0;
		(*pushed)++;
		*derived |= (w->la.flags & VG_IXN_DERIVED) != 0;
		if (use && (rc = add_name(w, o, &w->la)) != 0)
			return rc;
	}
}

/* The names of the screenable record with ordinal o: the pipeline's, or
 * for a record delivered more than once, analysed now from all it has.
 * A record whose names all lack letters is still found by its parts. */
static int walk_names(wstate *w, uint32_t o)
{
	vg_builder *b = w->b;
	uint32_t ri = w->inv[o], joined;
	vg_ix_record *r = &w->recs[o];
	size_t n, pushed, i;
	const vg_ix_prop *p = props_of(b, w, o, &n);
	now_ctx c = { w, o };
	int again = b->recs[ri].deliveries > 1, derived, rc;
	r->name_start = (uint32_t)w->n_names;
	if ((rc = take_results(w, o, ri, !again, &pushed, &derived)) != 0)
		return rc;
	if (again && (rc = vg__bname_each(b, ri, p, n, now_name, &c, &pushed)) != 0)
		return rc;
	if (w->n_names == r->name_start && (again || (pushed && !derived))) {
		if ((rc = vg__bjoined_parts(&joined, b, p, n)) != 0)
			return rc;
		if (joined && (rc = now_name(&c, ri, joined, VG_IXN_DERIVED)) != 0)
			return rc;
	}
	r->name_count = (uint32_t)(w->n_names - r->name_start);
	for (i = 0; i < r->src_count; i++)
		b->sources[w->rsrc[r->src_start + i]].w_names += r->name_count;
	return 0;
}

/* Adds one identifier of entity `ord`; too-short values collide too often
 * to be evidence and are not indexed. */
static int add_identifier(wstate *w, const char *value, uint32_t ord)
{
	char norm[128];
	size_t len = vg__index_id_normalize(norm, sizeof(norm), value);
	if (len < 4)
		return 0;
	return push16(w->b->mt, &w->ik, &w->n_ik, &w->cap_ik,
		      vg__hash64(norm, len, VG_IX_IDNUM_SEED), ord, 0);
}

/* The birth years of an entity's properties p[0..n) as vg_ix_record.flags
 * holds them (format.h): the first, then the next two others within
 * VG_IXR_YEAR_SPAN of it. */
static uint32_t birth_years(vg_builder *b, const vg_ix_prop *p, size_t n)
{
	uint32_t flags = 0;
	int first = 0, d0 = 0, k = 0;
	size_t i;
	for (i = 0; i < n && k < 2; i++) {
		const char *v = vg__bstr(b, p[i].value);
		int d;
		if (!(vg__bkey_class(b, p[i].key) & VG__KC_BIRTH) || strlen(v) < 4 ||
		    v[0] < '1' || v[0] > '2')
			continue;
		if (!first) {
			first = atoi(v);
			flags = (uint32_t)first << 16;
			continue;
		}
		d = atoi(v) - first;
		if (!d || d < -VG_IXR_YEAR_SPAN || d > VG_IXR_YEAR_SPAN || (k && d == d0))
			continue;
		flags |= ((uint32_t)d & 0x7fu) << (VG_IXR_YEAR_SHIFT + k * VG_IXR_YEAR_BITS);
		d0 = d;
		k++;
	}
	return flags;
}

/* Birth years (for retrieval's namesakes) and identifiers of an entity. */
static int entity_facts(wstate *w, uint32_t o)
{
	vg_builder *b = w->b;
	size_t n, i;
	const vg_ix_prop *p = props_of(b, w, o, &n);
	int rc = 0;
	w->recs[o].flags |= birth_years(b, p, n);
	for (i = 0; i < n && !rc; i++)
		if (vg__bkey_class(b, p[i].key) & VG__KC_IDENT)
			rc = add_identifier(w, vg__bstr(b, p[i].value), o);
	return rc;
}

/* New ordinal of the record with this id, or UINT32_MAX. */
static uint32_t resolve(const vg_builder *b, const wstate *w, const char *id)
{
	long i = vg__bfind(b, id);
	return i < 0 ? UINT32_MAX : w->perm[i];
}

static void count_for_sources(vg_builder *b, const wstate *w, const vg_ix_record *r,
			      int sanctions)
{
	size_t k;
	for (k = 0; k < r->src_count; k++) {
		bsource *s = &b->sources[w->rsrc[r->src_start + k]];
		if (sanctions)
			s->w_sanctions++;
		else
			s->w_links++;
	}
}

/* An edge record (FtM's edge schemata: Ownership, Family, UnknownLink ...)
 * links the entities named by its source and target properties; the graph
 * stage walks them both ways. */
static int add_edge(vg_builder *b, wstate *w, uint32_t ord, const vg__ftm_schema *s)
{
	size_t n, i;
	const vg_ix_prop *p = props_of(b, w, ord, &n);
	uint32_t from = UINT32_MAX, to = UINT32_MAX;
	int rc;
	for (i = 0; i < n; i++) {
		const char *key = vg__bstr(b, p[i].key);
		if (!strcmp(key, s->edge_source) && from == UINT32_MAX)
			from = resolve(b, w, vg__bstr(b, p[i].value));
		else if (!strcmp(key, s->edge_target) && to == UINT32_MAX)
			to = resolve(b, w, vg__bstr(b, p[i].value));
	}
	if (from == UINT32_MAX || to == UINT32_MAX)
		return 0;
	if ((rc = add_quad(b->mt, &w->edges, &w->n_edges, &w->cap_edges, from, ord, to,
			   VG_IXE_SOURCE)) != 0 ||
	    (rc = add_quad(b->mt, &w->edges, &w->n_edges, &w->cap_edges, to, ord, from,
			   VG_IXE_TARGET)) != 0)
		return rc;
	count_for_sources(b, w, &w->recs[ord], 0);
	return 0;
}

/* Resolves every entity reference of record `ord` (the properties FtM's
 * model types as entities) into its target's inbound references; a
 * Sanction's entity also gets the sanction, an identification document's
 * holder its numbers, and an edge its two ends. */
static int resolve_refs(vg_builder *b, wstate *w, uint32_t ord)
{
	const vg_ix_record *r = &w->recs[ord];
	size_t n, i, j;
	const vg_ix_prop *p = props_of(b, w, ord, &n);
	const vg__ftm_schema *s = vg__bschema(b, r->schema_name);
	int rc = 0;

	for (i = 0; i < n && !rc; i++) {
		const vg__ftm_prop *fp = vg__bfind_prop(b, s, p[i].key);
		uint32_t t;
		if (!fp || fp->type != VG__FTM_ENTITY ||
		    (t = resolve(b, w, vg__bstr(b, p[i].value))) == UINT32_MAX || t == ord)
			continue;
		if ((rc = add_quad(b->mt, &w->refs, &w->n_refs, &w->cap_refs, t, ord, p[i].key, 0)) != 0)
			return rc;
		if (r->schema == VG_SCHEMA_SANCTION && !strcmp(fp->name, "entity")) {
			rc = add_quad(b->mt, &w->sanc, &w->n_sanc, &w->cap_sanc, t, ord, 0, 0);
			count_for_sources(b, w, r, 1);
		} else if ((r->schema == VG_SCHEMA_IDENTIFICATION ||
			    r->schema == VG_SCHEMA_PASSPORT) && !strcmp(fp->name, "holder")) {
			for (j = 0; j < n && !rc; j++)
				if (vg__bkey_class(b, p[j].key) & VG__KC_IDENT)
					rc = add_identifier(w, vg__bstr(b, p[j].value), t);
		}
	}
	if (!rc && s && (s->flags & VG__FTM_EDGE))
		rc = add_edge(b, w, ord, s);
	return rc;
}

static int walk(vg_builder *b, wstate *w)
{
	uint32_t o;
	int rc;
	if ((rc = sec_begin(&w->wr, VG_IX_NENC, 1)) != 0)
		return rc;
	for (o = 0; o < w->n; o++) {
		vg_ix_record *r = &w->recs[o];
		size_t n;
		const vg_ix_prop *p;
		vg__mapped_check(b->mt);
		p = props_of(b, w, o, &n);
		if ((rc = caption_of(&r->caption, b, r, p, n)) != 0)
			return rc;
		r->name_start = (uint32_t)w->n_names;
		if (o < w->ne && ((rc = walk_names(w, o)) != 0 || (rc = entity_facts(w, o)) != 0))
			return rc;
		if ((rc = resolve_refs(b, w, o)) != 0)
			return rc;
	}
	sec_end(&w->wr);
	return flush_occ(w);
}

/* ---- step 3: terms ---------------------------------------------------------- */

/* TERM and its postings from the sorted occurrences, and NTRM. */
/* The lookup directory (TDIR, KDIR) of keys[0..n), sorted by hash. */
static int write_dir(wstate *w, uint32_t tag, const vg_ix_key *keys, size_t n)
{
	unsigned bits = vg__index_dir_bits(n);
	uint32_t *dir = vg__malloc(((size_t)1 << bits) * sizeof(uint32_t) + sizeof(uint32_t));
	int rc;
	if (!dir)
		return vg__error_oom();
	vg__index_dir_fill(dir, bits, keys, n);
	rc = section(&w->wr, tag, sizeof(uint32_t), dir, (((size_t)1 << bits) + 1) * sizeof(uint32_t));
	free(dir);
	return rc;
}

static int write_terms(wstate *w)
{
	const vg__rec16 *v;
	size_t n, i, cap = 0;
	uint32_t nm;
	int rc;
	if (vg__mcalloc(w->b->mt, &w->fill, w->n_names + 1, 1) ||
	    vg__mcalloc(w->b->mt, &w->ntrm, w->n_ntrm + 1, sizeof(uint32_t)))
		return VG_ENOMEM;
	/* the occurrences come by term: their names' entries at random */
	vg__mapped_hot(w->b->mt, w->fill);
	vg__mapped_hot(w->b->mt, w->ntrm);
	vg__mapped_hot(w->b->mt, w->names);
	if ((rc = sec_begin(&w->wr, VG_IX_TPST, sizeof(uint32_t))) != 0)
		return rc;
	for (;;) {
		if ((rc = vg__sorter_read(w->occ, &v, &n)) != 0)
			return rc;
		if (!n)
			break;
		for (i = 0; i < n; i++) {
			vg_ix_key *t;
			vg__mapped_check(w->b->mt);
			if (!w->n_terms || w->terms[w->n_terms - 1].hash != v[i].key) {
				if (vg__mgrow(w->b->mt, &w->terms, &cap, w->n_terms + 1,
					      sizeof(vg_ix_key)))
					return VG_ENOMEM;
				w->terms[w->n_terms++] = (vg_ix_key){
					v[i].key, (uint32_t)(w->wr.off - w->wr.sec[w->wr.n_sec].offset) / 4, 0 };
			}
			t = &w->terms[w->n_terms - 1];
			nm = v[i].a;
			if ((rc = sec_put(&w->wr, &nm, sizeof(nm))) != 0)
				return rc;
			t->count++;
			w->ntrm[w->names[nm].term_start + w->fill[nm]++] = (uint32_t)(w->n_terms - 1);
		}
	}
	sec_end(&w->wr);
	vg__sorter_free(w->occ);
	w->occ = NULL;
	if ((rc = section(&w->wr, VG_IX_TERM, sizeof(vg_ix_key), w->terms,
			  w->n_terms * sizeof(vg_ix_key))) != 0 ||
	    (rc = write_dir(w, VG_IX_TDIR, w->terms, w->n_terms)) != 0)
		return rc;
	return section(&w->wr, VG_IX_NTRM, sizeof(uint32_t), w->ntrm,
		       w->n_ntrm * sizeof(uint32_t));
}

/* A key table being written: its keys so far, the postings counted, and
 * the record before (equal records are written once). */
typedef struct {
	vg_ix_key *keys;
	size_t nk, cap, np;
	vg__rec16 prev;
	int any, wide;
	/* streaming (TKEY, 240 MB of keys at 1M entities, more than any
	 * other table the write holds): each key goes to the file as soon as
	 * its run is complete, its postings to an unlinked file (post_fd) to
	 * be copied after, and the directory is filled as the keys pass */
	int stream, post_fd;
	vg_ix_key cur;
	uint64_t post_buf[8192];
	size_t n_post_buf;
	uint64_t post_off;
	uint32_t *dir, dir_next;
	unsigned dir_bits;
} keyed;

static int post_flush(keyed *k)
{
	size_t len = k->n_post_buf * sizeof(uint64_t);
	int rc = vg__spill_write(k->post_fd, k->post_buf, len, k->post_off, "postings");
	k->post_off += len;
	k->n_post_buf = 0;
	return rc;
}

/* The streamed key just completed: its directory entries, then the key. */
static int key_out(writer *wr, keyed *k)
{
	vg__index_dir_step(k->dir, k->dir_bits, &k->dir_next, k->cur.hash, (uint32_t)k->nk);
	k->nk++;
	return sec_put(wr, &k->cur, sizeof(k->cur));
}

/* The streamed postings into the section now open. */
static int copy_postings(writer *wr, keyed *k)
{
	uint64_t off = 0;
	int rc;
	while (off < k->post_off) {
		size_t want = k->post_off - off < sizeof(k->post_buf) ? (size_t)(k->post_off - off)
								       : sizeof(k->post_buf);
		ssize_t n = pread(k->post_fd, k->post_buf, want, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return vg__error_set(VG_EIO, "temporary postings file: %s",
					     n ? strerror(errno) : "shorter than written");
		if ((rc = sec_put(wr, k->post_buf, (size_t)n)) != 0)
			return rc;
		off += (uint64_t)n;
	}
	return 0;
}

/* The sorter's order (sorter.c): key, then a, then b. */
static int rec16_less(const vg__rec16 *x, const vg__rec16 *y)
{
	if (x->key != y->key)
		return x->key < y->key;
	if (x->a != y->a)
		return x->a < y->a;
	return x->b < y->b;
}

static int keyed_put(writer *wr, keyed *k, const vg__rec16 *r)
{
	uint64_t wv = (uint64_t)r->b << 32 | r->a;
	int rc;
	if (k->any && r->key == k->prev.key && r->a == k->prev.a && r->b == k->prev.b)
		return 0;
	if (k->stream && (!k->any || r->key != k->prev.key)) {
		if (k->any && (rc = key_out(wr, k)) != 0)
			return rc;
		k->cur = (vg_ix_key){ r->key, (uint32_t)k->np, 0 };
	} else if (!k->any || r->key != k->prev.key) {
		if ((rc = vg__grow(&k->keys, &k->cap, k->nk + 1, sizeof(vg_ix_key))) != 0)
			return rc;
		k->keys[k->nk++] = (vg_ix_key){ r->key, (uint32_t)k->np, 0 };
	}
	k->prev = *r;
	k->any = 1;
	k->np++;
	if (k->stream) {
		k->cur.count++;
		k->post_buf[k->n_post_buf++] = wv;
		return k->n_post_buf == sizeof(k->post_buf) / sizeof(k->post_buf[0]) ? post_flush(k) : 0;
	}
	k->keys[k->nk - 1].count++;
	return k->wide ? sec_put(wr, &wv, 8) : sec_put(wr, &r->a, 4);
}

/* Whether term t (b << 32 | a) is one of fix's dropped terms (set: an
 * open-addressing table of cap slots). */
static int dropped(const uint64_t *set, size_t cap, uint64_t t)
{
	size_t j;
	if (!cap)
		return 0;
	t = t ? t : 1;
	for (j = (size_t)(t * 0x9E3779B97F4A7C15ull >> 40) & (cap - 1); set[j]; j = (j + 1) & (cap - 1))
		if (set[j] == t)
			return 1;
	return 0;
}

/* The dropped-terms set of fix: an open-addressing table (*cap slots). */
static int drop_set(uint64_t **set, size_t *cap, const vg__derived_fix *fix)
{
	size_t i;
	*set = NULL;
	*cap = 0;
	if (!fix || !fix->n_drop)
		return 0;
	for (*cap = 16; *cap < 2 * fix->n_drop; *cap *= 2)
		;
	if (!(*set = vg__calloc(*cap, sizeof(uint64_t))))
		return vg__error_oom();
	for (i = 0; i < fix->n_drop; i++) {
		uint64_t t = fix->drop[i] ? fix->drop[i] : 1;
		size_t j = (size_t)(t * 0x9E3779B97F4A7C15ull >> 40) & (*cap - 1);
		while ((*set)[j])
			j = (j + 1) & (*cap - 1);
		(*set)[j] = t;
	}
	return 0;
}

/* The keys streamed (k->stream): the last one, the postings section after
 * them, and the directory. */
static int end_streamed(writer *wr, keyed *k, uint32_t post_tag, uint32_t dir_tag)
{
	int rc;
	if (k->any && (rc = key_out(wr, k)) != 0)
		return rc;
	sec_end(wr);
	if ((rc = post_flush(k)) != 0 || (rc = sec_begin(wr, post_tag, 8)) != 0 ||
	    (rc = copy_postings(wr, k)) != 0)
		return rc;
	sec_end(wr);
	vg__index_dir_end(k->dir, k->dir_bits, &k->dir_next, (uint32_t)k->nk);
	return section(wr, dir_tag, sizeof(uint32_t), k->dir,
		       (((size_t)1 << k->dir_bits) + 1) * sizeof(uint32_t));
}

/* Sorted (key, value) records into a key table and its postings: equal
 * records once.  wide: the posting is the u64 (b << 32 | a), else a.
 * fix (TKEY, or NULL): the records of its dropped terms are left out and
 * its added records merged in.  dir_tag (KDIR, or 0): the keys are
 * streamed (keyed) and their directory written under that tag. */
static int write_keyed(writer *wr, vg__mapped *mt, const char *tmpdir, vg__sorter *s,
		       uint32_t key_tag, uint32_t post_tag, int wide, const vg__derived_fix *fix,
		       uint32_t dir_tag)
{
	const vg__rec16 *v;
	keyed k;
	uint64_t *set = NULL;
	size_t n, i, cap = 0, ai = 0, n_add = fix ? fix->n_add : 0;
	int rc;
	memset(&k, 0, sizeof(k));
	k.wide = wide;
	k.post_fd = -1;
	if ((rc = drop_set(&set, &cap, fix)) != 0)
		goto cleanup;
	if (dir_tag) {
		k.stream = 1;
		k.dir_bits = vg__index_dir_bits(vg__sorter_count(s) + n_add);
		if ((rc = vg__mcalloc(mt, &k.dir, ((size_t)1 << k.dir_bits) + 1,
				       sizeof(uint32_t))) != 0)
			goto cleanup;
		if ((rc = vg__spill_open(&k.post_fd, tmpdir, "postings")) != 0)
			goto cleanup;
	}
	if ((rc = dir_tag ? sec_begin(wr, key_tag, sizeof(vg_ix_key))
			  : sec_begin(wr, post_tag, wide ? 8 : 4)) != 0)
		goto cleanup;
	for (;;) {
		if ((rc = vg__sorter_read(s, &v, &n)) != 0)
			goto cleanup;
		if (!n)
			break;
		for (i = 0; i < n && !rc; i++) {
			vg__mapped_check(mt);
			while (ai < n_add && rec16_less(&fix->add[ai], &v[i]) && !rc)
				rc = keyed_put(wr, &k, &fix->add[ai++]);
			if (!rc && !dropped(set, cap, (uint64_t)v[i].b << 32 | v[i].a))
				rc = keyed_put(wr, &k, &v[i]);
		}
		if (rc)
			goto cleanup;
	}
	while (ai < n_add && !rc)
		rc = keyed_put(wr, &k, &fix->add[ai++]);
	if (rc)
		goto cleanup;
	if (k.np >= UINT32_MAX)
		rc = vg__error_set(VG_ENOMEM, "too many postings");
	else if (dir_tag)
		rc = end_streamed(wr, &k, post_tag, dir_tag);
	else {
		sec_end(wr);
		rc = section(wr, key_tag, sizeof(vg_ix_key), k.keys, k.nk * sizeof(vg_ix_key));
	}
cleanup:
	free(k.keys);
	vg__mfree(mt, k.dir);
	if (k.post_fd >= 0)
		close(k.post_fd);
	free(set);
	return rc;
}

/* Each name's pairs of common terms, sorted (PAIR's records) into *out
 * (the caller's to free, also on failure). */
static int make_pairs(vg_builder *b, wstate *w, vg__sorter **out)
{
	vg__sorter *s = NULL;
	vg__rec16 buf[1024];
	size_t nb = 0, i, j, k;
	uint32_t nm;
	int rc;
	w->pair_df = (uint32_t)(w->n_names / PAIR_SHARE);
	if (w->pair_df < PAIR_MIN_DF)
		w->pair_df = PAIR_MIN_DF;
	*out = NULL;
	if ((rc = vg__sorter_new(&s, b->sort_budget, b->tmpdir)) != 0)
		return rc;
	for (nm = 0; nm < w->n_names && !rc; nm++) {
		uint32_t common[PAIR_MAX_TERMS], end = nm + 1 < w->n_names ?
			w->names[nm + 1].term_start : (uint32_t)w->n_ntrm;
		size_t nc = 0;
		vg__mapped_check(b->mt);
		for (k = w->names[nm].term_start; k < end && nc < PAIR_MAX_TERMS; k++)
			if (w->terms[w->ntrm[k]].count > w->pair_df)
				common[nc++] = w->ntrm[k];
		for (i = 0; i < nc && !rc; i++)
			for (j = i + 1; j < nc && !rc; j++) {
				buf[nb++] = (vg__rec16){ vg__index_pair_hash(common[i], common[j]), nm, 0 };
				if (nb == sizeof(buf) / sizeof(buf[0])) {
					rc = vg__sorter_add(s, buf, nb);
					nb = 0;
				}
			}
	}
	if (!rc && nb)
		rc = vg__sorter_add(s, buf, nb);
	if (!rc)
		rc = vg__sorter_finish(s);
	*out = s;
	return rc;
}

/* TKEY, TKPS and KDIR made on another core (keys_main) while this one
 * walks the records and makes TERM and the pairs: at 1M entities the
 * derived keys' merge and TKEY took 2.4 s CPU with the second core all
 * but idle.  The keys are complete once the pipeline is, unless the walk
 * analyses names itself (records delivered again, or whose names all
 * lack letters): then they start after the walk. */
typedef struct {
	vg_builder *b;
	const vg__derived_fix *fix;
	writer wr; /* into a temporary file, appended after NTRM */
	int rc;
	char err[256];
	pthread_t th;
	int started, threaded;
} keys_job;

static void *keys_main(void *arg)
{
	keys_job *j = arg;
	if ((j->rc = vg__sorter_finish(j->b->derived)) == 0)
		j->rc = write_keyed(&j->wr, NULL, j->b->tmpdir, j->b->derived, VG_IX_TKEY,
				    VG_IX_TKPS, 1, j->fix, VG_IX_KDIR);
	if (j->rc)
		snprintf(j->err, sizeof(j->err), "%s", vg_error_last()->message);
	return NULL;
}

/* Starts keys_main on another core, when there is one (else the keys are
 * made in line after the pairs: one core, the same bytes). */
static void keys_start(vg_builder *b, wstate *w, keys_job *j)
{
	j->b = b;
	j->fix = &w->fix;
	j->started = 1;
	if (b->threads > 1) {
		if (writer_open_temp(&j->wr, b->tmpdir) == 0)
			j->threaded = pthread_create(&j->th, NULL, keys_main, j) == 0;
		vg_error_clear();
	}
}

/* Waits for keys_main (started or not, failed or not). */
static int keys_join(keys_job *j)
{
	if (!j->threaded)
		return 0;
	pthread_join(j->th, NULL);
	j->threaded = 0;
	return j->rc ? vg__error_set(j->rc, "%s", j->err) : 0;
}

/* TPST, TERM, TDIR, NTRM, then TKEY, TKPS, KDIR, then PPST and PAIR: the
 * same bytes whether the keys were made on another core or not, before
 * the walk or after it. */
static int write_retrieval(vg_builder *b, wstate *w, keys_job *j)
{
	vg__sorter *pairs = NULL;
	int rc = 0, threaded;
	if (!j->started)
		keys_start(b, w, j);
	threaded = j->threaded;
	if ((!threaded && (rc = vg__sorter_finish(b->derived)) != 0) ||
	    (rc = vg__sorter_finish(w->occ)) != 0 || (rc = write_terms(w)) != 0)
		goto join;
	rc = make_pairs(b, w, &pairs);
join:
	if (threaded) {
		int krc = keys_join(j);
		if (!rc)
			rc = krc;
		if (!rc)
			rc = writer_append(&w->wr, &j->wr);
	} else if (!rc) {
		rc = write_keyed(&w->wr, b->mt, b->tmpdir, b->derived, VG_IX_TKEY, VG_IX_TKPS, 1,
				 &w->fix, VG_IX_KDIR);
	}
	writer_dispose(&j->wr);
	memset(&j->wr, 0, sizeof(j->wr));
	j->wr.fd = -1;
	vg__sorter_free(b->derived);
	b->derived = NULL;
	if (!rc)
		rc = write_keyed(&w->wr, b->mt, b->tmpdir, pairs, VG_IX_PAIR, VG_IX_PPST, 0, NULL, 0);
	vg__sorter_free(pairs);
	return rc;
}

/* ---- step 4: the entity sections ------------------------------------------ */

/* Is the record a subject of its list?  The publisher said so (FtM's
 * "target"), a Sanction record names it, or one of its topics is a target
 * topic of data/ftm_model.txt. */
static bool is_target(vg_builder *b, wstate *w, uint32_t o)
{
	size_t n, i;
	const vg_ix_prop *p = props_of(b, w, o, &n);
	const vg__ftm_topic *topic;
	if (w->recs[o].flags & VG_IXR_SANCTIONED)
		return true;
	for (i = 0; i < n; i++) {
		unsigned c = vg__bkey_class(b, p[i].key);
		const char *v = vg__bstr(b, p[i].value);
		if ((c & VG__KC_TARGET) && !strcmp(v, "true"))
			return true;
		if ((c & VG__KC_TOPICS) && (topic = vg__ftm_find_topic(v)) && topic->target)
			return true;
	}
	return false;
}

/* Turns the facts collected while resolving references into each record's
 * runs of sanctions, edges and inbound references, in ordinal order, and
 * sets the sanctioned and target flags. */
static int group_runs(vg_builder *b, wstate *w)
{
	uint32_t o;
	size_t i;
	int rc;
	if ((rc = vg__sort16(w->sanc, w->n_sanc)) != 0 ||
	    (rc = vg__sort16(w->edges, w->n_edges)) != 0 ||
	    (rc = vg__sort16(w->refs, w->n_refs)) != 0)
		return rc;
	for (i = 0; i < w->n_sanc; i++, vg__mapped_check(b->mt)) {
		vg_ix_record *r = &w->recs[w->sanc[i].key >> 32];
		if (!r->sanc_count)
			r->sanc_start = (uint32_t)i;
		r->sanc_count++;
		r->flags |= VG_IXR_SANCTIONED;
	}
	for (i = 0; i < w->n_edges; i++, vg__mapped_check(b->mt)) {
		vg_ix_record *r = &w->recs[w->edges[i].key >> 32];
		if (!r->edge_count)
			r->edge_start = (uint32_t)i;
		r->edge_count++;
	}
	for (i = 0; i < w->n_refs; i++, vg__mapped_check(b->mt)) {
		vg_ix_record *r = &w->recs[w->refs[i].key >> 32];
		if (!r->ref_count)
			r->ref_start = (uint32_t)i;
		r->ref_count++;
	}
	for (o = 0; o < w->n; o++, vg__mapped_check(b->mt))
		if (is_target(b, w, o))
			w->recs[o].flags |= VG_IXR_TARGET;
	return 0;
}

/* SANC, EDGE and REFS from the sorted facts. */
static int write_links(wstate *w)
{
	size_t i;
	int rc;
	if ((rc = sec_begin(&w->wr, VG_IX_SANC, sizeof(uint32_t))) != 0)
		return rc;
	for (i = 0; i < w->n_sanc && !rc; i++) {
		uint32_t v = (uint32_t)w->sanc[i].key;
		rc = sec_put(&w->wr, &v, sizeof(v));
	}
	sec_end(&w->wr);
	if (rc || (rc = sec_begin(&w->wr, VG_IX_EDGE, sizeof(vg_ix_edge))) != 0)
		return rc;
	for (i = 0; i < w->n_edges && !rc; i++) {
		vg_ix_edge e = { (uint32_t)w->edges[i].key, w->edges[i].a, w->edges[i].b };
		rc = sec_put(&w->wr, &e, sizeof(e));
	}
	sec_end(&w->wr);
	if (rc || (rc = sec_begin(&w->wr, VG_IX_REFS, sizeof(vg_ix_ref))) != 0)
		return rc;
	for (i = 0; i < w->n_refs && !rc; i++) {
		vg_ix_ref r = { (uint32_t)w->refs[i].key, w->refs[i].a };
		rc = sec_put(&w->wr, &r, sizeof(r));
	}
	sec_end(&w->wr);
	return rc;
}

/* IKEY/IPST from the identifiers, IDMP from the ids. */
static int write_ids(vg_builder *b, wstate *w)
{
	vg__rec16 *idmap;
	size_t i, nk = 0, np = 0;
	vg_ix_key *keys = NULL;
	uint32_t o;
	int rc;
	if ((rc = vg__sort16(w->ik, w->n_ik)) != 0)
		return rc;
	if (!(keys = vg__malloc((w->n_ik + 1) * sizeof(vg_ix_key))))
		return vg__error_oom();
	if ((rc = sec_begin(&w->wr, VG_IX_IPST, sizeof(uint32_t))) != 0)
		goto cleanup;
	for (i = 0; i < w->n_ik && !rc; i++) {
		if (i && w->ik[i].key == w->ik[i - 1].key && w->ik[i].a == w->ik[i - 1].a)
			continue;
		if (!nk || keys[nk - 1].hash != w->ik[i].key)
			keys[nk++] = (vg_ix_key){ w->ik[i].key, (uint32_t)np, 0 };
		keys[nk - 1].count++;
		np++;
		rc = sec_put(&w->wr, &w->ik[i].a, sizeof(uint32_t));
	}
	sec_end(&w->wr);
	if (rc || (rc = section(&w->wr, VG_IX_IKEY, sizeof(vg_ix_key), keys,
				nk * sizeof(vg_ix_key))) != 0)
		goto cleanup;
	/* the id map: vg_ix_idmap is (hash, ordinal, 0), a vg__rec16 */
	if ((rc = vg__mcalloc(b->mt, &idmap, (size_t)w->n + 1, sizeof(vg__rec16))) != 0)
		goto cleanup;
	for (o = 0; o < w->n; o++) {
		const char *id = vg__bstr(b, w->recs[o].id);
		vg__mapped_check(b->mt);
		idmap[o] = (vg__rec16){ vg__hash64(id, strlen(id), VG_IX_IDMAP_SEED), o, 0 };
	}
	if ((rc = vg__sort16(idmap, w->n)) == 0)
		rc = section(&w->wr, VG_IX_IDMP, sizeof(vg_ix_idmap), idmap,
			     (size_t)w->n * sizeof(vg_ix_idmap));
	vg__mfree(b->mt, idmap);
cleanup:
	free(keys);
	return rc;
}

/* PROP: each record's run in ordinal order. */
static int write_props(vg_builder *b, wstate *w)
{
	uint32_t o;
	int rc;
	if ((rc = sec_begin(&w->wr, VG_IX_PROP, sizeof(vg_ix_prop))) != 0)
		return rc;
	for (o = 0; o < w->n && !rc; o++) {
		size_t n;
		const vg_ix_prop *p = props_of(b, w, o, &n);
		vg__mapped_check(b->mt);
		rc = sec_put(&w->wr, p, n * sizeof(vg_ix_prop));
	}
	sec_end(&w->wr);
	return rc;
}

static int fill_sources(vg_builder *b, wstate *w)
{
	uint32_t o;
	size_t i;
	/* A record several inputs list is an entity of each; a Position is
	 * indexed but is no party. */
	for (o = 0; o < w->ne; o++)
		for (i = 0; vg_schema_is_party((vg_schema)w->recs[o].schema) &&
			    i < w->recs[o].src_count; i++)
			w->sources[w->rsrc[w->recs[o].src_start + i]].n_entities++;
	for (i = 0; i < b->n_sources; i++) {
		bsource *s = &b->sources[i];
		vg_ix_source *d = &w->sources[i];
		if (vg__bintern(&d->name, b, s->meta.name, strlen(s->meta.name)) ||
		    vg__bintern(&d->format, b, s->meta.format, strlen(s->meta.format)) ||
		    vg__bintern(&d->path, b, s->path, strlen(s->path)) ||
		    vg__bintern(&d->version, b, s->meta.version, strlen(s->meta.version)) ||
		    vg__bintern(&d->as_of, b, s->meta.as_of, strlen(s->meta.as_of)) ||
		    vg__bintern(&d->encoding, b, s->meta.encoding, strlen(s->meta.encoding)))
			return VG_ENOMEM;
		d->n_names = (uint32_t)s->w_names;
		d->n_links = (uint32_t)s->w_links;
		d->n_sanctions = (uint32_t)s->w_sanctions;
		d->n_records = (uint32_t)s->n_records;
	}
	return 0;
}

/* When the index is written: SOURCE_DATE_EPOCH when set (reproducible
 * builds: two builds of the same lists are then the same bytes). */
static uint64_t build_time(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	unsigned long long t;
	if (e && e[0]) {
		t = strtoull(e, &end, 10);
		if (!*end)
			return t;
	}
	return (uint64_t)time(NULL);
}

static int write_entities(vg_builder *b, wstate *w)
{
	vg_ix_meta meta;
	uint32_t o;
	int rc;
	memset(&meta, 0, sizeof(meta));
	meta.n_records = w->n;
	meta.n_names = (uint32_t)w->n_names;
	meta.n_sources = (uint32_t)b->n_sources;
	meta.built_at = build_time();
	meta.pair_df = w->pair_df;
	meta.analysis = vg__analysis_stamp();
	for (o = 0; o < w->n; o++, vg__mapped_check(b->mt))
		meta.n_entities += vg_schema_is_screenable((vg_schema)w->recs[o].schema);
	if ((rc = group_runs(b, w)) != 0 || (rc = fill_sources(b, w)) != 0 ||
	    (rc = section(&w->wr, VG_IX_NAME, sizeof(vg_ix_name), w->names,
			  w->n_names * sizeof(vg_ix_name))) != 0 ||
	    (rc = section(&w->wr, VG_IX_RECS, sizeof(vg_ix_record), w->recs,
			  (size_t)w->n * sizeof(vg_ix_record))) != 0 ||
	    (rc = write_props(b, w)) != 0 || (rc = write_links(w)) != 0 ||
	    (rc = write_ids(b, w)) != 0 ||
	    (rc = section(&w->wr, VG_IX_SRCS, sizeof(vg_ix_source), w->sources,
			  b->n_sources * sizeof(vg_ix_source))) != 0 ||
	    (rc = section(&w->wr, VG_IX_RSRC, sizeof(uint16_t), w->rsrc,
			  w->n_rsrc * sizeof(uint16_t))) != 0 ||
	    (rc = section(&w->wr, VG_IX_STRS, 1, b->pool.ptr, b->pool.size)) != 0)
		return rc;
	return section(&w->wr, VG_IX_META, sizeof(meta), &meta, sizeof(meta));
}

int vg_builder_write(vg_builder *b, const char *path)
{
	wstate w;
	keys_job kj;
	int rc;

	if (!b || !path)
		return vg__error_set(VG_EUSAGE, "vg_builder_write: NULL argument");
	if (!b->pipe || !b->derived)
		return vg__error_set(VG_EUSAGE, "vg_builder_write: the builder was written already");
	if ((rc = vg__check_output(path)) < 0)
		return rc;
	memset(&w, 0, sizeof(w));
	memset(&kj, 0, sizeof(kj));
	w.b = b;
	w.wr.fd = -1;
	kj.wr.fd = -1;
	if ((rc = vg__pipeline_finish(b->pipe)) != 0 || (rc = merge_runs(b)) != 0 ||
	    (rc = order_records(b, &w)) != 0 || (rc = layout_sources(b, &w)) != 0 ||
	    (rc = vg__sorter_new(&w.occ, b->sort_budget, b->tmpdir)) != 0 ||
	    (rc = writer_open(&w.wr, path, b->threads, b->mt)) != 0)
		goto cleanup;
	/* no name analysed by the walk (vg__pipeline_now): the derived keys
	 * are all in, and TKEY is made while the records are walked */
	if (!b->n_redelivered && !vg__pipeline_skipped(b->pipe)) {
		if ((rc = vg__pipeline_fixes(b->pipe, &w.fix)) != 0)
			goto cleanup;
		keys_start(b, &w, &kj);
	}
	if ((rc = walk(b, &w)) != 0)
		goto cleanup;
	if (!kj.started && (rc = vg__pipeline_fixes(b->pipe, &w.fix)) != 0)
		goto cleanup;
	vg__pipeline_stats(b->pipe, &b->n_analysed, &b->n_reused, &b->reuse_ok);
	vg__pipeline_free(b->pipe);
	b->pipe = NULL;
	if ((rc = write_retrieval(b, &w, &kj)) != 0 || (rc = write_entities(b, &w)) != 0)
		goto cleanup;
	rc = writer_commit(&w.wr, path);
cleanup:
	if (kj.threaded) /* a failure before the keys were joined: not wanted */
		pthread_join(kj.th, NULL);
	writer_dispose(&kj.wr);
	wstate_dispose(&w);
	return rc;
}
