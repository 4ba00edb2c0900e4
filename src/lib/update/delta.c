/*
 * delta.c - applying FollowTheMoney delta files and fetching them.
 *
 * How the merge works: every operation of every delta is folded, in
 * order, into one JSON object used as an insertion-ordered map
 * id -> entity (ADD, MOD) or id -> null (DEL); the last operation on an id
 * wins.  The base is then streamed line by line: a line whose id is in the
 * map is replaced by the map's entity or dropped, and the id leaves the
 * map; what is left in the map afterwards are new entities, appended.
 * Invariant: lines of the base that no delta touches are copied byte for
 * byte, so an update that adds one entity rewrites nothing else.
 */
#include "delta.h"
#include "fetch.h"
#include "sha256.h"
#include "verify.h"
#include "common/error.h"
#include "common/alloc.h"

#include <curl/curl.h>
#include <errno.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define JSON_DEPTH 64
#define MAX_LINE ((size_t)64 << 20)
#define MAX_DELTAS 10000

int vg__delta_input(char out[4096], const char *dir, const char *name)
{
	if (snprintf(out, 4096, "%s/%s.ftm.jsonl", dir, name) >= 4096)
		return vg__error_set(VG_EUSAGE, "%s: path too long", dir);
	return 0;
}

static json_object *parse_line(const char *line, size_t len)
{
	json_tokener *tok = json_tokener_new_ex(JSON_DEPTH);
	json_object *obj;
	if (!tok)
		return NULL;
	obj = json_tokener_parse_ex(tok, line, (int)len);
	if (obj && json_tokener_get_parse_end(tok) < len) {
		/* only white space may follow the object */
		size_t i;
		for (i = json_tokener_get_parse_end(tok); i < len; i++) {
			if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' &&
			    line[i] != '\n') {
				json_object_put(obj);
				obj = NULL;
				break;
			}
		}
	}
	if (json_tokener_get_error(tok) != json_tokener_success) {
		json_object_put(obj);
		obj = NULL;
	}
	json_tokener_free(tok);
	return obj;
}

static bool blank(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

/* Folds one delta file into map. */
static int fold_delta(json_object *map, const char *path)
{
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int rc = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return vg__error_set(VG_EIO, "%s: %s", path, strerror(errno));
	while ((n = getline(&line, &cap, f)) >= 0) {
		json_object *obj, *op, *ent, *id;
		const char *ops;
		lineno++;
		if (blank(line, (size_t)n))
			continue;
		if ((size_t)n > MAX_LINE) {
			rc = vg__error_set(VG_EDATA, "%s:%zu: line longer than %zu bytes",
					   path, lineno, MAX_LINE);
			break;
		}
		obj = parse_line(line, (size_t)n);
		if (!obj || !json_object_is_type(obj, json_type_object) ||
		    !json_object_object_get_ex(obj, "op", &op) ||
		    !json_object_is_type(op, json_type_string) ||
		    !json_object_object_get_ex(obj, "entity", &ent) ||
		    !json_object_is_type(ent, json_type_object) ||
		    !json_object_object_get_ex(ent, "id", &id) ||
		    !json_object_is_type(id, json_type_string) ||
		    json_object_get_string_len(id) == 0) {
			json_object_put(obj);
			rc = vg__error_set(VG_EDATA, "%s:%zu: not a delta line {\"op\", "
					   "\"entity\": {\"id\", ...}}", path, lineno);
			break;
		}
		ops = json_object_get_string(op);
		if (!strcmp(ops, "ADD") || !strcmp(ops, "MOD")) {
			json_object_object_del(map, json_object_get_string(id));
			json_object_object_add(map, json_object_get_string(id),
					       json_object_get(ent));
		} else if (!strcmp(ops, "DEL")) {
			json_object_object_del(map, json_object_get_string(id));
			json_object_object_add(map, json_object_get_string(id), NULL);
		} else {
			rc = vg__error_set(VG_EDATA, "%s:%zu: unknown op '%s' (want ADD, MOD "
					   "or DEL)", path, lineno, ops);
		}
		json_object_put(obj);
		if (rc < 0)
			break;
	}
	if (rc == 0 && ferror(f))
		rc = vg__error_set(VG_EIO, "%s: read error", path);
	free(line);
	fclose(f);
	return rc;
}

static int put_entity(FILE *out, json_object *ent)
{
	const char *s = json_object_to_json_string_ext(
		ent, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	return s && fputs(s, out) >= 0 && fputc('\n', out) != EOF ? 0 : -1;
}

int vg__delta_apply(const char *base, const char *const *deltas, size_t n_deltas,
		    const char *out_path)
{
	json_object *map = json_object_new_object();
	char *line = NULL;
	size_t cap = 0, lineno = 0, i;
	ssize_t n;
	FILE *in = NULL, *out = NULL;
	int rc = 0;

	if (!map)
		return vg__error_oom();
	for (i = 0; i < n_deltas; i++)
		if ((rc = fold_delta(map, deltas[i])) < 0)
			goto cleanup;
	in = fopen(base, "rb");
	if (!in) {
		rc = vg__error_set(VG_EIO, "%s: %s", base, strerror(errno));
		goto cleanup;
	}
	out = fopen(out_path, "wb");
	if (!out) {
		rc = vg__error_set(VG_EIO, "%s: %s", out_path, strerror(errno));
		goto cleanup;
	}
	while ((n = getline(&line, &cap, in)) >= 0) {
		json_object *obj, *id, *ent;
		bool wrote = false;
		lineno++;
		if (blank(line, (size_t)n))
			continue;
		if ((size_t)n > MAX_LINE) {
			rc = vg__error_set(VG_EDATA, "%s:%zu: line longer than %zu bytes", base,
					   lineno, MAX_LINE);
			goto cleanup;
		}
		obj = parse_line(line, (size_t)n);
		if (!obj || !json_object_object_get_ex(obj, "id", &id) ||
		    !json_object_is_type(id, json_type_string)) {
			json_object_put(obj);
			rc = vg__error_set(VG_EDATA, "%s:%zu: not an FtM entity with an id",
					   base, lineno);
			goto cleanup;
		}
		if (json_object_object_get_ex(map, json_object_get_string(id), &ent)) {
			if (ent && put_entity(out, ent) < 0)
				rc = vg__error_set(VG_EIO, "%s: write error", out_path);
			json_object_object_del(map, json_object_get_string(id));
			wrote = true;
		}
		json_object_put(obj);
		if (rc < 0)
			goto cleanup;
		if (!wrote) {
			if (fwrite(line, 1, (size_t)n, out) != (size_t)n ||
			    (line[n - 1] != '\n' && fputc('\n', out) == EOF)) {
				rc = vg__error_set(VG_EIO, "%s: write error", out_path);
				goto cleanup;
			}
		}
	}
	if (ferror(in)) {
		rc = vg__error_set(VG_EIO, "%s: read error", base);
		goto cleanup;
	}
	{
		json_object_object_foreach(map, key, val) {
			(void)key;
			if (val && put_entity(out, val) < 0) {
				rc = vg__error_set(VG_EIO, "%s: write error", out_path);
				goto cleanup;
			}
		}
	}
cleanup:
	free(line);
	if (in)
		fclose(in);
	if (out && fclose(out) != 0 && rc == 0)
		rc = vg__error_set(VG_EIO, "%s: write error", out_path);
	if (rc < 0 && out)
		unlink(out_path);
	json_object_put(map);
	return rc;
}

typedef struct {
	char version[64];
	const char *url; /* inside the parsed index */
} delta_version;

static int cmp_version(const void *a, const void *b)
{
	return strcmp(((const delta_version *)a)->version,
		      ((const delta_version *)b)->version);
}

/* Reads the delta index into a sorted array (owned by *root). */
static int read_index(json_object **root, delta_version **out, size_t *n_out,
		      const char *path, const char *url)
{
	json_object *versions;
	delta_version *v = NULL;
	size_t n = 0, cap;
	*out = NULL;
	*n_out = 0;
	*root = json_object_from_file(path);
	if (!*root || !json_object_object_get_ex(*root, "versions", &versions) ||
	    !json_object_is_type(versions, json_type_object))
		return vg__error_set(VG_EDATA, "%s: not a delta index {\"versions\": "
				     "{VERSION: URL}}", url);
	cap = (size_t)json_object_object_length(versions);
	if (cap > MAX_DELTAS)
		return vg__error_set(VG_EDATA, "%s: more than %d versions", url, MAX_DELTAS);
	if (cap && !(v = vg__calloc(cap, sizeof(*v))))
		return vg__error_oom();
	{
		json_object_object_foreach(versions, key, val) {
			if (!json_object_is_type(val, json_type_string) || strlen(key) == 0 ||
			    strlen(key) >= sizeof(v[0].version) || strpbrk(key, "/\\\t\n ")) {
				free(v);
				return vg__error_set(VG_EDATA, "%s: bad version entry '%.60s'",
						     url, key);
			}
			snprintf(v[n].version, sizeof(v[n].version), "%s", key);
			v[n].url = json_object_get_string(val);
			n++;
		}
	}
	qsort(v, n, sizeof(*v), cmp_version);
	*out = v;
	*n_out = n;
	return 0;
}

static void dlog(vg_update_log_cb log, void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void dlog(vg_update_log_cb log, void *ctx, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	if (!log)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	log(ctx, line);
}

static int record_file(vg__source_state *st, const char *url, const char *file,
		       const vg__fetch_result *res)
{
	vg__state_file *e;
	int rc = vg__state_add(&e, st);
	if (rc < 0)
		return rc;
	snprintf(e->url, sizeof(e->url), "%s", url);
	snprintf(e->file, sizeof(e->file), "%s", file);
	if (res) {
		if (!strpbrk(res->etag, "\t\r\n"))
			snprintf(e->etag, sizeof(e->etag), "%s", res->etag);
		if (!strpbrk(res->last_modified, "\t\r\n"))
			snprintf(e->last_modified, sizeof(e->last_modified), "%s",
				 res->last_modified);
		memcpy(e->sha256, res->sha256, sizeof(e->sha256));
		e->size = res->size;
	}
	return 0;
}

/* A delta URL as listed, resolved against the index's own URL (a
 * publisher may list them relative); *out is replaced, freed with
 * curl_free. */
static int resolve_url(char **out, const char *base, const char *url)
{
	CURLU *h = curl_url();
	int rc = 0;
	curl_free(*out);
	*out = NULL;
	if (!h)
		return vg__error_oom();
	if (curl_url_set(h, CURLUPART_URL, base, 0) != CURLUE_OK ||
	    curl_url_set(h, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_URL, out, 0) != CURLUE_OK)
		rc = vg__error_set(VG_EDATA, "%s: bad delta URL '%.200s'", base, url);
	curl_url_cleanup(h);
	return rc;
}

static int copy_entry(vg__source_state *st, const vg__state_file *prev)
{
	vg__state_file *e;
	int rc = vg__state_add(&e, st);
	if (rc == 0)
		memcpy(e, prev, sizeof(*e));
	return rc;
}

int vg__delta_fetch(const vg_update_config *c, const vg__config_source *src,
		    const char *name, const char *cur, const char *staged,
		    const vg__source_state *old, vg__source_state *neu,
		    bool *changed, vg_update_log_cb log, void *log_ctx)
{
	const char *index_url = vg__config_str(c, src->delta_index);
	const char *full_url = vg__config_str(c, c->urls[src->first_url].url);
	char index_path[4096], base_path[4096], out_path[4096], tmp[4096], local[128];
	char **delta_paths = NULL;
	json_object *root = NULL;
	delta_version *v = NULL;
	vg__source_state *mold = (vg__source_state *)old;
	vg__state_file *prev_index = NULL, *prev_full;
	vg__fetch_request req;
	vg__fetch_result res;
	struct stat st;
	size_t n = 0, first_new = 0, i, n_new;
	bool have_base;
	char *abs_url = NULL;
	int rc;

	*changed = false;
	if (snprintf(index_path, sizeof(index_path), "%s/index.json", staged) >= 4096 ||
	    snprintf(local, sizeof(local), "%s.ftm.jsonl", name) >= (int)sizeof(local) ||
	    vg__delta_input(base_path, cur, name) < 0 ||
	    vg__delta_input(out_path, staged, name) < 0)
		return vg__error_set(VG_EUSAGE, "%s: path too long", staged);
	have_base = stat(base_path, &st) == 0 && S_ISREG(st.st_mode) && old->version[0];
	prev_full = have_base ? vg__state_find(mold, full_url) : NULL;
	if (!prev_full)
		have_base = false;
	if (have_base)
		prev_index = vg__state_find(mold, index_url);

	memset(&req, 0, sizeof(req));
	req.url = index_url;
	req.format = VG_FORMAT_FTM_JSON;
	req.dest = index_path;
	if (prev_index) {
		req.etag = prev_index->etag;
		req.last_modified = prev_index->last_modified;
	}
	if ((rc = vg__fetch(&res, &req, &src->limits)) < 0)
		return rc;
	if (res.not_modified) {
		if (!prev_index)
			return vg__error_set(VG_ERROR, "%s: 304 Not Modified to an "
					     "unconditional request", index_url);
		dlog(log, log_ctx, "%s: %s: not modified (304)", name, index_url);
		if ((rc = copy_entry(neu, prev_index)) < 0)
			return rc;
		return copy_entry(neu, prev_full);
	}
	if ((rc = vg__verify_sniff(index_path, index_url, VG_FORMAT_FTM_JSON,
				   res.content_type)) < 0 ||
	    (rc = read_index(&root, &v, &n, index_path, index_url)) < 0 ||
	    (rc = record_file(neu, index_url, "index.json", &res)) < 0)
		goto cleanup;
	if (n == 0) {
		rc = vg__error_set(VG_EDATA, "%s: the delta index lists no version", index_url);
		goto cleanup;
	}

	/* usable previous version: it is listed, so every later delta is too */
	if (have_base) {
		bool listed = false;
		for (i = 0; i < n; i++) {
			if (!strcmp(v[i].version, old->version)) {
				listed = true;
				first_new = i + 1;
			}
		}
		if (!listed) {
			dlog(log, log_ctx, "%s: version %s is no longer in the delta index; "
			     "fetching the full file", name, old->version);
			have_base = false;
		}
	}

	if (have_base) {
		n_new = n - first_new;
		if (n_new == 0) {
			dlog(log, log_ctx, "%s: already at %s", name, old->version);
			rc = copy_entry(neu, prev_full);
			goto cleanup;
		}
		if (!(delta_paths = vg__calloc(n_new, sizeof(*delta_paths)))) {
			rc = vg__error_oom();
			goto cleanup;
		}
		for (i = 0; i < n_new; i++) {
			const delta_version *dv = &v[first_new + i];
			if (snprintf(tmp, sizeof(tmp), "%s/%s.delta.jsonl", staged,
				     dv->version) >= (int)sizeof(tmp) ||
			    !(delta_paths[i] = vg__strdup(tmp))) {
				rc = vg__error_oom();
				goto cleanup;
			}
			if ((rc = resolve_url(&abs_url, index_url, dv->url)) < 0)
				goto cleanup;
			memset(&req, 0, sizeof(req));
			req.url = abs_url;
			req.dest = delta_paths[i];
			req.format = VG_FORMAT_FTM_JSON;
			rc = vg__fetch(&res, &req, &src->limits);
			if (rc < 0)
				goto cleanup;
			/* an empty delta is a valid "nothing changed in this run" */
			if (res.size > 0 && (rc = vg__verify_sniff(delta_paths[i], abs_url,
								   VG_FORMAT_FTM_JSON,
								   res.content_type)) < 0)
				goto cleanup;
			dlog(log, log_ctx, "%s: delta %s: %llu bytes", name, dv->version,
			     (unsigned long long)res.size);
		}
		rc = vg__delta_apply(base_path, (const char *const *)delta_paths, n_new,
				     out_path);
		if (rc < 0) {
			vg__error_prefix("%s", index_url);
			goto cleanup;
		}
		for (i = 0; i < n_new; i++)
			unlink(delta_paths[i]);
		memset(&res, 0, sizeof(res));
		if ((rc = vg__sha256_file(res.sha256, out_path)) < 0)
			goto cleanup;
		res.size = (uint64_t)(stat(out_path, &st) == 0 ? st.st_size : 0);
		if ((rc = record_file(neu, full_url, local, &res)) < 0)
			goto cleanup;
		snprintf(neu->version, sizeof(neu->version), "%s", v[n - 1].version);
		dlog(log, log_ctx, "%s: applied %zu delta file(s), now at %s", name, n_new,
		     neu->version);
		*changed = true;
		goto cleanup;
	}

	/* no usable previous version: the full file, taken as the latest version */
	memset(&req, 0, sizeof(req));
	req.url = full_url;
	req.dest = out_path;
	req.format = VG_FORMAT_FTM_JSON;
	if ((rc = vg__fetch(&res, &req, &src->limits)) < 0 ||
	    (rc = vg__verify_sniff(out_path, full_url, VG_FORMAT_FTM_JSON,
				   res.content_type)) < 0 ||
	    (rc = record_file(neu, full_url, local, &res)) < 0)
		goto cleanup;
	snprintf(neu->version, sizeof(neu->version), "%s", v[n - 1].version);
	dlog(log, log_ctx, "%s: %s: %llu bytes (full file, version %s)", name, full_url,
	     (unsigned long long)res.size, neu->version);
	*changed = true;

cleanup:
	curl_free(abs_url);
	if (delta_paths) {
		for (i = 0; i < n - first_new; i++)
			free(delta_paths[i]);
		free(delta_paths);
	}
	free(v);
	json_object_put(root);
	return rc;
}
