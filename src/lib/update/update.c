/*
 * update.c - `vigil update`: fetch every source, verify what changed,
 * build a new index beside the old one and rename it into place.
 *
 * How it works, per run:
 *   1. lock INDEX.state/lock (one update per index at a time);
 *   2. per source that is due (its schedule elapsed, or --force): download
 *      every URL into a fresh folder INDEX.state/NAME/vTIME-PID/ with
 *      If-None-Match / If-Modified-Since from the state; a 304 or an
 *      identical checksum means that file is unchanged (it is hard-linked
 *      from the folder the state names);
 *   3. per changed source: sniff every download, parse it completely and
 *      count its screenable entities; too few (max_drop) is an error;
 *   4. when a source changed, the index is missing or the set of sources
 *      differs from the one the index was built from: build every source
 *      (from its new folder or its last good one) into INDEX.new-PID, open
 *      it to validate it, rename(2) it over INDEX;
 *   5. only then save each state file (its rename is what makes a new
 *      folder the last good one) and remove the folders it replaced.
 * Invariant: any failure before step 4's rename leaves INDEX and every
 * state file exactly as they were (only the new folders are removed).
 * The index records the folder each source was read from (the path of its
 * input), and each new folder holds a manifest of its downloads (the state
 * it will have, MANIFEST) written before the build.  So a run stopped
 * after the rename but before step 5 (killed, or a full disk) leaves an
 * index that names folders the state files do not: every run starts by
 * reconciling them (step 0), taking the state of the folder the index was
 * built from (or, when that folder is gone, fetching the source afresh),
 * so the next run neither deletes that folder as an orphan nor compares
 * new downloads with a version the index no longer holds.
 */
#include "update_internal.h"
#include "index/index_internal.h"
#include "delta.h"
#include "fetch.h"
#include "state.h"
#include "verify.h"
#include "common/files.h"
#include "common/error.h"
#include "common/alloc.h"

#include <ctype.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PATH_CAP 4096
/* The state a download folder will have, written into it before the build */
#define MANIFEST "manifest"

typedef enum { OUT_SKIPPED, OUT_UNCHANGED, OUT_CHANGED } outcome;

typedef struct {
	const vg__config_source *cfg;
	const char *name;
	char dir[PATH_CAP], cur[PATH_CAP], staged[PATH_CAP], state_path[PATH_CAP];
	vg__source_state old, neu;
	outcome out;
	bool fetched;
	bool in_index;  /* the index was built from staged: keep it */
} source_work;

typedef struct {
	const vg_update_config *config;
	const vg_update_options *opts;
	int64_t now;
} run_ctx;

static void logf_(const run_ctx *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void logf_(const run_ctx *r, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	if (!r->opts->log)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	r->opts->log(r->opts->log_ctx, line);
}

static int path_join(char out[PATH_CAP], const char *a, const char *b)
{
	if (snprintf(out, PATH_CAP, "%s/%s", a, b) >= PATH_CAP)
		return vg__error_set(VG_EUSAGE, "path too long: %s/%s", a, b);
	return 0;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void local_name(char out[128], const vg_update_config *c,
		    const vg__config_source *src, size_t j)
{
	const char *url = vg__config_str(c, c->urls[src->first_url + j].url);
	const char *start = strstr(url, "://"), *end, *slash;
	size_t n, i, k;
	/* an FtM file names its dataset after itself: name it after the source */
	if (src->format == VG_FORMAT_FTM_JSON && src->n_urls == 1) {
		snprintf(out, 128, "%s.ftm.jsonl", vg__config_str(c, src->name));
		return;
	}
	start = start ? start + 3 : url;
	end = start + strcspn(start, "?#");
	slash = start;
	for (k = 0; start + k < end; k++)
		if (start[k] == '/')
			slash = start + k + 1;
	/* a URL ending in "/" or with no path gets a neutral name */
	if (slash == start || slash == end) {
		snprintf(out, 128, "%zu-download", j);
		return;
	}
	n = (size_t)(end - slash);
	if (n > 100)
		n = 100;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)slash[i];
		out[i] = isalnum(ch) || ch == '-' || ch == '_' || ch == '.'
				 ? (char)tolower(ch) : '_';
	}
	out[n] = '\0';
	if (out[0] == '.')
		out[0] = '_';
	/* two URLs of one source with the same last segment must not collide */
	for (k = 0; k < j; k++) {
		char other[128];
		local_name(other, c, src, k);
		if (!strcmp(other, out)) {
			char tmp[128];
			snprintf(tmp, sizeof(tmp), "%zu-%.100s", j, out);
			memcpy(out, tmp, sizeof(tmp));
			return;
		}
	}
}

/* Calls fn once per builder input of a source whose files are in `dir`. */
typedef int (*input_fn)(void *ctx, const char *path);

static int for_each_input(const run_ctx *r, const source_work *w, const char *dir,
			  input_fn fn, void *ctx)
{
	char path[PATH_CAP], local[128];
	size_t j;
	int rc;
	if (w->cfg->format == VG_FORMAT_OFAC_CSV)
		return fn(ctx, dir);
	if (w->cfg->delta_index != VG__NO_STR) {
		if ((rc = vg__delta_input(path, dir, w->name)) < 0)
			return rc;
		return fn(ctx, path);
	}
	for (j = 0; j < w->cfg->n_urls; j++) {
		local_name(local, r->config, w->cfg, j);
		if ((rc = path_join(path, dir, local)) < 0 || (rc = fn(ctx, path)) < 0)
			return rc;
	}
	return 0;
}

typedef struct {
	vg_format format;
	uint64_t total;
} count_ctx;

static int count_input(void *ctx, const char *path)
{
	count_ctx *c = ctx;
	uint64_t n;
	int rc = vg__verify_count(&n, path, c->format);
	c->total += n;
	return rc;
}

typedef struct {
	vg_builder *builder;
	vg_format format;
} build_ctx;

static int build_input(void *ctx, const char *path)
{
	build_ctx *b = ctx;
	return vg_builder_add(b->builder, path, b->format);
}

static const char *first_url(const run_ctx *r, const source_work *w)
{
	return vg__config_str(r->config, r->config->urls[w->cfg->first_url].url);
}

/* Step 2 for a source of plain files: downloads into staged/. */
static int fetch_plain(const run_ctx *r, source_work *w, bool *changed)
{
	const vg_update_config *c = r->config;
	bool have_cur = is_dir(w->cur);
	char dest[PATH_CAP], prev_path[PATH_CAP], local[128];
	size_t j;
	int rc;

	*changed = !have_cur || w->old.n_files != w->cfg->n_urls;
	for (j = 0; j < w->cfg->n_urls; j++) {
		const vg__config_url *cu = &c->urls[w->cfg->first_url + j];
		const char *url = vg__config_str(c, cu->url);
		const char *pin = vg__config_str(c, cu->sha256);
		vg__state_file *prev = have_cur ? vg__state_find(&w->old, url) : NULL;
		vg__state_file *same_name = NULL, *e;
		vg__fetch_request req;
		vg__fetch_result res;

		local_name(local, c, w->cfg, j);
		if ((rc = path_join(dest, w->staged, local)) < 0)
			return rc;
		if (prev && ((rc = path_join(prev_path, w->cur, prev->file)) < 0 ||
			     !is_file(prev_path)))
			prev = NULL;
		/* a moved URL serving the same bytes is no change to the list,
		 * provided the bytes are still there */
		for (size_t k = 0; have_cur && !prev && k < w->old.n_files; k++)
			if (!strcmp(w->old.files[k].file, local) &&
			    path_join(prev_path, w->cur, local) == 0 && is_file(prev_path))
				same_name = &w->old.files[k];
		if (prev)
			same_name = prev;
		memset(&req, 0, sizeof(req));
		req.url = url;
		req.dest = dest;
		req.format = w->cfg->format;
		if (prev) {
			req.etag = prev->etag;
			req.last_modified = prev->last_modified;
		}
		if ((rc = vg__fetch(&res, &req, &w->cfg->limits)) < 0)
			return rc;
		if ((rc = vg__state_add(&e, &w->neu)) < 0)
			return rc;
		snprintf(e->url, sizeof(e->url), "%s", url);
		snprintf(e->file, sizeof(e->file), "%s", local);
		if (res.not_modified) {
			if (!prev)
				return vg__error_set(VG_ERROR, "%s: 304 Not Modified to an "
						     "unconditional request", url);
			if (unlink(dest) < 0 || link(prev_path, dest) < 0)
				return vg__error_set(VG_EIO, "%s: %s", dest, strerror(errno));
			snprintf(e->etag, sizeof(e->etag), "%s", res.etag[0] ? res.etag : prev->etag);
			snprintf(e->last_modified, sizeof(e->last_modified), "%s",
				 res.last_modified[0] ? res.last_modified : prev->last_modified);
			memcpy(e->sha256, prev->sha256, sizeof(e->sha256));
			e->size = prev->size;
			logf_(r, "%s: %s: not modified (304)", w->name, url);
		} else {
			snprintf(e->etag, sizeof(e->etag), "%s", res.etag);
			snprintf(e->last_modified, sizeof(e->last_modified), "%s",
				 res.last_modified);
			memcpy(e->sha256, res.sha256, sizeof(e->sha256));
			e->size = res.size;
			if (!same_name || strcmp(same_name->sha256, res.sha256) ||
			    strcmp(same_name->file, local))
				*changed = true;
			logf_(r, "%s: %s: %llu bytes%s", w->name, url,
			      (unsigned long long)res.size,
			      same_name && !strcmp(same_name->sha256, res.sha256)
				      ? ", same checksum" : "");
			if ((rc = vg__verify_sniff(dest, url, w->cfg->format, res.content_type)) < 0)
				return rc;
		}
		/* a tab or newline in a header would corrupt the state file */
		if (strpbrk(e->etag, "\t\r\n"))
			e->etag[0] = '\0';
		if (strpbrk(e->last_modified, "\t\r\n"))
			e->last_modified[0] = '\0';
		if (pin && strcmp(pin, e->sha256))
			return vg__error_set(VG_EDATA, "%s: sha256 is %s, the configuration "
					     "expects %s", url, e->sha256, pin);
	}
	return 0;
}

/* The state a changed source will have, kept in its new folder, so that a
 * run stopped after the index is replaced can be reconciled (step 0). */
static int write_manifest(source_work *w)
{
	char path[PATH_CAP];
	const char *base = strrchr(w->staged, '/') + 1;
	int rc;
	snprintf(w->neu.data_dir, sizeof(w->neu.data_dir), "%s", base);
	if ((rc = path_join(path, w->staged, MANIFEST)) < 0)
		return rc;
	return vg__state_save(&w->neu, path);
}

/* Steps 2 and 3 for one due source. */
static int fetch_source(const run_ctx *r, source_work *w)
{
	bool changed = false;
	count_ctx cc;
	int rc;

	if ((rc = vg__rm_rf(w->staged)) < 0 || (rc = vg__mkdir_p(w->staged)) < 0)
		return rc;
	vg__state_init(&w->neu);
	w->neu.checked_at = r->now;
	w->neu.changed_at = w->old.changed_at;
	w->neu.entities = w->old.entities;
	memcpy(w->neu.version, w->old.version, sizeof(w->neu.version));
	w->fetched = true;

	if (w->cfg->delta_index != VG__NO_STR)
		rc = vg__delta_fetch(r->config, w->cfg, w->name, w->cur, w->staged,
				     &w->old, &w->neu, &changed, r->opts->log,
				     r->opts->log_ctx);
	else
		rc = fetch_plain(r, w, &changed);
	if (rc < 0)
		goto fail;
	if (!changed) {
		w->out = OUT_UNCHANGED;
		return vg__rm_rf(w->staged);
	}

	cc.format = w->cfg->format;
	cc.total = 0;
	if ((rc = for_each_input(r, w, w->staged, count_input, &cc)) < 0)
		goto fail;
	if (cc.total == 0) {
		rc = vg__error_set(VG_EDATA, "no screenable entities in the download");
		goto fail;
	}
	if (w->old.entities > 0 &&
	    (double)cc.total < (double)w->old.entities * (1.0 - w->cfg->max_drop)) {
		rc = vg__error_set(VG_EDATA, "entity count dropped from %llu to %llu, more "
				   "than max_drop %.0f%%; keeping the previous version",
				   (unsigned long long)w->old.entities,
				   (unsigned long long)cc.total, w->cfg->max_drop * 100.0);
		goto fail;
	}
	logf_(r, "%s: verified, %llu entities (was %llu)", w->name,
	      (unsigned long long)cc.total, (unsigned long long)w->old.entities);
	w->neu.entities = cc.total;
	w->neu.changed_at = r->now;
	w->out = OUT_CHANGED;
	return write_manifest(w);
fail:
	/* every message names the source; fetch errors already name the URL */
	if (!strstr(vg_error_last()->message, "://"))
		vg__error_prefix("source %s (%s)", w->name, first_url(r, w));
	else
		vg__error_prefix("source %s", w->name);
	return rc;
}

/* Whether the source need not be fetched on this run. */
static bool not_due(const run_ctx *r, const source_work *w)
{
	size_t j;
	if (r->opts->force || w->cfg->schedule_s == 0 || !is_dir(w->cur) ||
	    w->old.checked_at == 0 || r->now - w->old.checked_at >= w->cfg->schedule_s)
		return false;
	if (w->cfg->delta_index == VG__NO_STR && w->old.n_files != w->cfg->n_urls)
		return false;
	for (j = 0; j < w->cfg->n_urls; j++) {
		const char *url = vg__config_str(r->config,
						 r->config->urls[w->cfg->first_url + j].url);
		if (!vg__state_find((vg__source_state *)&w->old, url))
			return false;
	}
	return true;
}

static int built_list(vg_buf *out, const vg_update_config *c)
{
	size_t i;
	for (i = 0; i < c->n_sources; i++)
		if (vg_buf_printf(out, "%s\n", vg__config_str(c, c->sources[i].name)) < 0)
			return VG_ENOMEM;
	return 0;
}

static bool same_file_content(const char *path, const vg_buf *want)
{
	char buf[8192];
	size_t n, at = 0;
	bool same = true;
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	while (same && (n = fread(buf, 1, sizeof(buf), f)) > 0) {
		same = at + n <= want->size && !memcmp(buf, want->ptr + at, n);
		at += n;
	}
	fclose(f);
	return same && at == want->size;
}

/* Step 4. */
static int build_index(const run_ctx *r, source_work *works, size_t n)
{
	const char *index_path = r->opts->index_path;
	char tmp[PATH_CAP];
	vg_builder *b = NULL;
	vg_index *idx = NULL;
	vg_builder_options bo = VG_BUILDER_OPTIONS_INIT;
	size_t i;
	int rc;

	if (snprintf(tmp, sizeof(tmp), "%s.new-%ld", index_path, (long)getpid()) >=
	    (int)sizeof(tmp))
		return vg__error_set(VG_EUSAGE, "%s: path too long", index_path);
	/* the names of unchanged entities are copied from the index being
	 * replaced rather than analysed again (an unusable one is ignored) */
	bo.reuse = is_file(index_path) ? index_path : NULL;
	if ((rc = vg_builder_new_with(&b, &bo)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		source_work *w = &works[i];
		build_ctx bc = { b, w->cfg->format };
		rc = for_each_input(r, w, w->out == OUT_CHANGED ? w->staged : w->cur,
				    build_input, &bc);
		if (rc < 0) {
			vg__error_prefix("source %s (%s)", w->name, first_url(r, w));
			goto cleanup;
		}
	}
	if ((rc = vg_builder_write(b, tmp)) < 0)
		goto cleanup;
	if ((rc = vg_index_open(&idx, tmp)) < 0 || (rc = vg_index_verify(idx)) < 0) {
		vg__error_prefix("the new index %s does not validate", tmp);
		goto cleanup;
	}
	logf_(r, "new index: %zu entities", vg_index_entity_count(idx));
	vg_index_free(idx);
	idx = NULL;
	if (rename(tmp, index_path) < 0) {
		rc = vg__error_set(VG_EIO, "rename %s -> %s: %s", tmp, index_path,
				   strerror(errno));
		goto cleanup;
	}
cleanup:
	if (rc < 0)
		unlink(tmp);
	vg_index_free(idx);
	vg_builder_free(b);
	return rc;
}

/* A new, unused folder name for this run's downloads. */
static int staging_name(char out[PATH_CAP], const char *dir, int64_t now)
{
	char name[64];
	int i, rc;
	/* a second run in the same process and second must not reuse the
	 * folder the first one made current */
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "v%lld-%ld-%d", (long long)now, (long)getpid(), i);
		if ((rc = path_join(out, dir, name)) < 0 || !is_dir(out))
			return rc;
	}
	return vg__error_set(VG_EIO, "%s: no free download folder name", dir);
}

/* The download folder of w the index was built from: the component after
 * w->dir of the path of an input the index records; "" when it records
 * none (another index, or none built by update). */
static void index_folder(char out[64], const vg_index *ix, const source_work *w)
{
	size_t i, dl = strlen(w->dir), n;
	out[0] = '\0';
	for (i = 0; i < ix->meta.n_sources; i++) {
		const char *p = vg__index_str(ix, ix->sources[i].path);
		if (strncmp(p, w->dir, dl) || p[dl] != '/' || p[dl + 1] != 'v')
			continue;
		n = strcspn(p + dl + 1, "/");
		if (n < 64) {
			memcpy(out, p + dl + 1, n);
			out[n] = '\0';
			return;
		}
	}
}

/* Step 0: makes w's state describe the download the index was built from. */
static int reconcile(const run_ctx *r, source_work *w, const vg_index *ix)
{
	char folder[64], dir[PATH_CAP], manifest[PATH_CAP];
	int rc;
	if (!ix)
		return 0;
	index_folder(folder, ix, w);
	if (!folder[0] || !strcmp(folder, w->old.data_dir))
		return 0;
	vg__state_dispose(&w->old);
	vg__state_init(&w->old);
	if ((rc = path_join(dir, w->dir, folder)) < 0 ||
	    (rc = path_join(manifest, dir, MANIFEST)) < 0 ||
	    (rc = vg__state_load(&w->old, manifest)) < 0)
		return rc;
	if (!is_dir(dir) || strcmp(w->old.data_dir, folder)) {
		/* its record is gone: fetch afresh, which rebuilds the index */
		vg__state_dispose(&w->old);
		vg__state_init(&w->old);
		logf_(r, "%s: the index was built from %s, which is gone; fetching again",
		      w->name, folder);
		return vg__state_save(&w->old, w->state_path);
	}
	logf_(r, "%s: the index was built from %s, which the state did not name (a "
	      "run stopped after replacing the index); state reconciled", w->name, folder);
	if ((rc = vg__state_save(&w->old, w->state_path)) < 0)
		return rc;
	return path_join(w->cur, w->dir, folder);
}

/* Download folders the state does not name were left by a run that died
 * before step 5; nothing refers to them. */
static int remove_orphans(const source_work *w)
{
	char path[PATH_CAP];
	struct dirent *e;
	DIR *d = opendir(w->dir);
	int rc = 0;
	if (!d)
		return vg__error_set(VG_EIO, "%s: %s", w->dir, strerror(errno));
	while (rc == 0 && (e = readdir(d))) {
		if (e->d_name[0] != 'v' || !strchr(e->d_name, '-') ||
		    !strcmp(e->d_name, w->old.data_dir))
			continue;
		if ((rc = path_join(path, w->dir, e->d_name)) == 0 && is_dir(path))
			rc = vg__rm_rf(path);
	}
	closedir(d);
	return rc;
}

/* Step 5 for one source; after the index is in place a failure here only
 * costs a re-download on the next run. */
static int promote(source_work *w)
{
	const char *base;
	int rc;
	if (w->out != OUT_CHANGED) {
		memcpy(w->neu.data_dir, w->old.data_dir, sizeof(w->neu.data_dir));
		return vg__state_save(&w->neu, w->state_path);
	}
	base = strrchr(w->staged, '/') + 1;
	snprintf(w->neu.data_dir, sizeof(w->neu.data_dir), "%s", base);
	if ((rc = vg__state_save(&w->neu, w->state_path)) < 0)
		return rc;
	return w->old.data_dir[0] && strcmp(w->old.data_dir, base) ? vg__rm_rf(w->cur) : 0;
}

/* An index written by another vigil's format version cannot be served:
 * the sources are rebuilt into one this vigil reads, changed or not. */
static bool other_format(run_ctx *r, const char *path)
{
	vg_index *ix = NULL;
	int rc = vg_index_open(&ix, path);
	vg_index_free(ix);
	if (rc != VG_EFORMAT) {
		vg_error_clear();
		return false;
	}
	logf_(r, "%s", vg_error_last()->message);
	vg_error_clear();
	return true;
}

void vg_update_options_init(vg_update_options *o)
{
	if (o)
		*o = (vg_update_options)VG_UPDATE_OPTIONS_INIT;
}

int vg_update_run(vg_update_result *result, const vg_update_config *config,
		  const vg_update_options *opts)
{
	char state_dir[PATH_CAP], lock_path[PATH_CAP], built_path[PATH_CAP];
	source_work *works = NULL;
	vg_index *cur_ix = NULL;
	vg_buf built = VG_BUF_INIT;
	run_ctx r;
	bool need_build, curl_up = false;
	size_t i, n = 0;
	int lock_fd = -1, rc = 0;

	memset(result, 0, sizeof(*result));
	if (!config || !opts || opts->version != VG_UPDATE_OPTIONS_VERSION ||
	    !opts->index_path || !opts->index_path[0])
		return vg__error_set(VG_EUSAGE, "vg_update_run: bad arguments");
	if ((rc = vg__check_output(opts->index_path)) < 0)
		return rc;
	r.config = config;
	r.opts = opts;
	r.now = opts->now ? opts->now : (int64_t)time(NULL);
	result->sources = config->n_sources;

	if (opts->state_dir)
		rc = snprintf(state_dir, sizeof(state_dir), "%s", opts->state_dir) >=
		     (int)sizeof(state_dir) ? -1 : 0;
	else
		rc = snprintf(state_dir, sizeof(state_dir), "%s.state", opts->index_path) >=
		     (int)sizeof(state_dir) ? -1 : 0;
	if (rc < 0)
		return vg__error_set(VG_EUSAGE, "%s: path too long", opts->index_path);
	if ((rc = vg__mkdir_p(state_dir)) < 0 ||
	    (rc = path_join(lock_path, state_dir, "lock")) < 0 ||
	    (rc = path_join(built_path, state_dir, "built")) < 0)
		return rc;
	lock_fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lock_fd < 0)
		return vg__error_set(VG_EIO, "%s: %s", lock_path, strerror(errno));
	if (flock(lock_fd, LOCK_EX | LOCK_NB) < 0) {
		rc = vg__error_set(VG_ERROR, "%s: another update of this index is running",
				   lock_path);
		goto cleanup;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		rc = vg__error_set(VG_ERROR, "cannot initialise libcurl");
		goto cleanup;
	}
	curl_up = true;

	works = vg__calloc(config->n_sources, sizeof(*works));
	if (!works) {
		rc = vg__error_oom();
		goto cleanup;
	}
	/* step 0 reads the folders the current index was built from */
	if (vg_index_open(&cur_ix, opts->index_path) < 0) {
		cur_ix = NULL;
		vg_error_clear();
	}
	for (n = 0; n < config->n_sources; n++) {
		source_work *w = &works[n];
		w->cfg = &config->sources[n];
		w->name = vg__config_str(config, w->cfg->name);
		vg__state_init(&w->old);
		vg__state_init(&w->neu);
		if ((rc = path_join(w->dir, state_dir, w->name)) < 0 ||
		    (rc = path_join(w->state_path, w->dir, "state")) < 0 ||
		    (rc = vg__mkdir_p(w->dir)) < 0 ||
		    (rc = vg__state_load(&w->old, w->state_path)) < 0 ||
		    (rc = path_join(w->cur, w->dir, w->old.data_dir[0] ? w->old.data_dir
								       : "none")) < 0 ||
		    (rc = reconcile(&r, w, cur_ix)) < 0 ||
		    (rc = staging_name(w->staged, w->dir, r.now)) < 0 ||
		    (rc = remove_orphans(w)) < 0) {
			n++;
			goto cleanup;
		}
	}

	for (i = 0; i < n; i++) {
		source_work *w = &works[i];
		if (not_due(&r, w)) {
			w->out = OUT_SKIPPED;
			result->skipped++;
			logf_(&r, "%s: skipped, checked %llds ago (schedule %llds)", w->name,
			      (long long)(r.now - w->old.checked_at),
			      (long long)w->cfg->schedule_s);
			continue;
		}
		if ((rc = fetch_source(&r, w)) < 0)
			goto cleanup;
		if (w->out == OUT_CHANGED)
			result->changed++;
		else
			result->unchanged++;
	}

	if ((rc = built_list(&built, config)) < 0)
		goto cleanup;
	need_build = result->changed > 0 || !is_file(opts->index_path) ||
		     !same_file_content(built_path, &built) ||
		     other_format(&r, opts->index_path);
	vg_index_free(cur_ix);
	cur_ix = NULL;
	if (need_build) {
		if ((rc = build_index(&r, works, n)) < 0)
			goto cleanup;
		result->rebuilt = true;
		for (i = 0; i < n; i++)
			works[i].in_index = works[i].out == OUT_CHANGED;
		logf_(&r, "%s: replaced", opts->index_path);
	} else {
		logf_(&r, "%s: current, left as it was", opts->index_path);
	}
	for (i = 0; i < n; i++) {
		if (works[i].fetched && (rc = promote(&works[i])) < 0) {
			if (result->rebuilt)
				vg__error_prefix("%s was replaced, but the state of source %s "
						 "was not saved (the next run reconciles it)",
						 opts->index_path, works[i].name);
			goto cleanup;
		}
		works[i].fetched = false;
	}
	if (need_build)
		rc = vg__write_file_atomic(built_path, built.ptr, built.size);

cleanup:
	vg_index_free(cur_ix);
	for (i = 0; i < n; i++) {
		if (works[i].fetched && !works[i].in_index) {
			/* keep the error of the failure, not of the cleaning */
			vg_error saved = *vg_error_last();
			char msg[1024];
			snprintf(msg, sizeof(msg), "%s", saved.message);
			vg__rm_rf(works[i].staged);
			vg__error_set(saved.code, "%s", msg);
		}
		vg__state_dispose(&works[i].old);
		vg__state_dispose(&works[i].neu);
	}
	free(works);
	vg_buf_dispose(&built);
	if (curl_up)
		curl_global_cleanup();
	if (lock_fd >= 0)
		close(lock_fd);
	return rc;
}
