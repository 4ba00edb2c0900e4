/*
 * mapped.c - the build's large tables in mapped temporary files (mapped.h).
 *
 * How it works: the set lists its tables that live in files (at most
 * MAX_TABLES; a table past that stays on the heap).  Growing a mapped
 * table extends its file and maps it again at the new size (the bytes are
 * in the file, so nothing is copied); a heap table that passes the
 * threshold is copied into a new file once.  Checking reads the resident
 * size from /proc/self/statm; where that cannot be read, pages are never
 * dropped (the tables still leave the heap, but the peak is not bounded).
 */
#include "index/mapped.h"
#include "index/sorter.h"
#include "common/alloc.h"
#include "common/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_TABLES 64
#define MIN_THRESHOLD ((size_t)16 << 10)
#define CHECK_EVERY 1024u

typedef struct {
	void *p;
	size_t bytes;
	int fd;
	int hot;     /* read at random (vg__mapped_hot) */
} table;

struct vg__mapped {
	size_t limit, threshold, page;
	char *tmpdir;
	table t[MAX_TABLES];
	size_t n;
	unsigned calls;
	int statm;   /* /proc/self/statm, or -1 */
	/* file-backed resident bytes that are not the tables' (the program,
	 * its libraries), as measured just after the last drop */
	size_t other_file;
	size_t trims;
};

int vg__mapped_new(vg__mapped **out, size_t limit, const char *tmpdir)
{
	vg__mapped *m = vg__calloc(1, sizeof(*m));
	long page = sysconf(_SC_PAGESIZE);
	if (!m || !(m->tmpdir = vg__strdup(tmpdir && tmpdir[0] ? tmpdir : "."))) {
		free(m);
		return vg__error_oom();
	}
	m->limit = limit;
	m->threshold = limit / 32 > MIN_THRESHOLD ? limit / 32 : MIN_THRESHOLD;
	m->page = page > 0 ? (size_t)page : 4096;
	m->statm = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
	*out = m;
	return 0;
}

static void unmap(table *t)
{
	munmap(t->p, t->bytes);
	close(t->fd);
}

void vg__mapped_free(vg__mapped *m)
{
	size_t i;
	if (!m)
		return;
	for (i = 0; i < m->n; i++)
		unmap(&m->t[i]);
	if (m->statm >= 0)
		close(m->statm);
	free(m->tmpdir);
	free(m);
}

static table *find(vg__mapped *m, const void *p)
{
	size_t i;
	for (i = 0; p && i < m->n; i++)
		if (m->t[i].p == p)
			return &m->t[i];
	return NULL;
}

/* t's file at `bytes` (a multiple of the page), mapped anew. */
static int remap(table *t, size_t bytes)
{
	void *p;
	if (ftruncate(t->fd, (off_t)bytes) != 0)
		return vg__error_set(VG_EIO, "temporary table file: %s", strerror(errno));
	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, t->fd, 0);
	if (p == MAP_FAILED)
		return vg__error_set(VG_ENOMEM, "mapping a temporary table file: %s",
				     strerror(errno));
	if (t->p)
		munmap(t->p, t->bytes);
	t->p = p;
	t->bytes = bytes;
	return 0;
}

/* *out: a new mapped table of `bytes` holding the `keep` bytes at old
 * (which is then freed; on failure old is untouched). */
static int to_file(table **out, vg__mapped *m, void *old, size_t keep, size_t bytes)
{
	table *t = &m->t[m->n];
	int rc;
	t->p = NULL;
	t->bytes = 0;
	t->hot = 0;
	if ((rc = vg__spill_open(&t->fd, m->tmpdir, "table")) != 0)
		return rc;
	if ((rc = remap(t, bytes)) != 0) {
		close(t->fd);
		return rc;
	}
	if (keep)
		memcpy(t->p, old, keep);
	free(old);
	m->n++;
	*out = t;
	return 0;
}

static size_t page_round(const vg__mapped *m, size_t bytes)
{
	return (bytes + m->page - 1) / m->page * m->page;
}

int vg__mgrow(vg__mapped *m, void *parr, size_t *cap, size_t need, size_t elem)
{
	size_t ncap, bytes;
	void *p;
	table *t;
	int rc;
	if (need <= *cap)
		return 0;
	if (!m)
		return vg__grow(parr, cap, need, elem);
	memcpy(&p, parr, sizeof(p));
	t = find(m, p);
	ncap = *cap ? *cap : 16;
	while (ncap < need)
		if (vg__mul_overflow(&ncap, ncap, 2))
			return vg__error_oom();
	if (vg__mul_overflow(&bytes, ncap, elem) || bytes > SIZE_MAX - m->page)
		return vg__error_oom();
	if (!t && (bytes < m->threshold || m->n == MAX_TABLES))
		return vg__grow(parr, cap, need, elem);
	bytes = page_round(m, bytes);
	if ((rc = t ? remap(t, bytes) : to_file(&t, m, p, *cap * elem, bytes)) != 0)
		return rc;
	memcpy(parr, &t->p, sizeof(t->p));
	*cap = ncap;
	return 0;
}

int vg__mcalloc(vg__mapped *m, void *parr, size_t n, size_t elem)
{
	size_t bytes;
	void *p;
	table *t;
	int rc;
	if (vg__mul_overflow(&bytes, n ? n : 1, elem) || (m && bytes > SIZE_MAX - m->page))
		return vg__error_oom();
	if (!m || bytes < m->threshold || m->n == MAX_TABLES) {
		if (!(p = vg__calloc(n ? n : 1, elem)))
			return vg__error_oom();
	} else {
		/* a file extended by ftruncate reads as zeros */
		if ((rc = to_file(&t, m, NULL, 0, page_round(m, bytes))) != 0)
			return rc;
		p = t->p;
	}
	memcpy(parr, &p, sizeof(p));
	return 0;
}

void vg__mfree(vg__mapped *m, void *arr)
{
	table *t = m ? find(m, arr) : NULL;
	if (!t) {
		free(arr);
		return;
	}
	unmap(t);
	*t = m->t[--m->n];
}

/* The process's resident bytes and of them the file-backed ones; 0 when
 * unknown. */
static int resident(const vg__mapped *m, size_t *all, size_t *file)
{
	char buf[128];
	unsigned long size, res, shared;
	ssize_t k;
	if (m->statm < 0 || (k = pread(m->statm, buf, sizeof(buf) - 1, 0)) <= 0)
		return 0;
	buf[k] = '\0';
	if (sscanf(buf, "%lu %lu %lu", &size, &res, &shared) != 3)
		return 0;
	*all = (size_t)res * m->page;
	*file = (size_t)shared * m->page;
	return 1;
}

void vg__mapped_hot(vg__mapped *m, const void *arr)
{
	table *t = m ? find(m, arr) : NULL;
	if (t)
		t->hot = 1;
}

/* Drops the pages of the tables that are (not) hot. */
static void drop(vg__mapped *m, int hot)
{
	size_t i;
	for (i = 0; i < m->n; i++)
		if (m->t[i].hot == hot)
			madvise(m->t[i].p, m->t[i].bytes, MADV_DONTNEED);
}

void vg__mapped_check_now(vg__mapped *m)
{
	size_t all, file;
	if (!m || !m->n || !resident(m, &all, &file) || all <= m->limit)
		return;
	/* The tables keep an eighth of the limit whatever the rest takes:
	 * dropping the few pages touched since the last check, again and
	 * again, would cost much and save little. */
	if (file > m->other_file && file - m->other_file < m->limit / 8)
		return;
	/* Pages read in order come back once per pass; those read at random
	 * (hash tables) come back many times, so they go last. */
	drop(m, 0);
	m->trims++;
	if (resident(m, &all, &file) && all > m->limit &&
	    !(file > m->other_file && file - m->other_file < m->limit / 8)) {
		drop(m, 1);
		resident(m, &all, &file);
	}
	m->other_file = file;
}

void vg__mapped_check(vg__mapped *m)
{
	if (m && ++m->calls % CHECK_EVERY == 0)
		vg__mapped_check_now(m);
}

size_t vg__mapped_trims(const vg__mapped *m)
{
	return m ? m->trims : 0;
}

size_t vg__mapped_bytes(const vg__mapped *m)
{
	size_t i, sum = 0;
	for (i = 0; m && i < m->n; i++)
		sum += m->t[i].bytes;
	return sum;
}
