/*
 * ftm.c - FollowTheMoney entities as JSON lines, and OpenSanctions delta
 * sets (a base file plus ADD/MOD/DEL files listed in index.json).
 *
 * FtM is vigil's own model, so nothing is interpreted away: every property
 * is kept under its FtM name, schemata vigil does not know become
 * VG_SCHEMA_OTHER with the name kept, and the entity-level fields the
 * publisher gave (caption, target, referents, first_seen, last_seen,
 * last_change) are kept beside the properties under their own names
 * (vg__ftm_is_meta_key).  The entity's "datasets" are not: in vigil an
 * entity's datasets are the inputs of the index that list it, as in yente.
 *
 * Deltas: applying them needs the current state of every entity, so the
 * delta reader holds the base in memory (one packed buffer of JSON texts
 * plus an id hash), applies each delta file in the order index.json lists
 * its versions, then streams the result in first-seen order.
 */
#include "sources/source.h"
#include "common/alloc.h"

#include <dirent.h>
#include <pthread.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int add_value(vg_record *rec, const char *key, struct json_object *v)
{
	if (json_object_is_type(v, json_type_string))
		return vg_record_add(rec, key, json_object_get_string(v),
				     (size_t)json_object_get_string_len(v), NULL);
	if (json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double)) {
		const char *s = json_object_get_string(v);
		return vg_record_add(rec, key, s, strlen(s), NULL);
	}
	if (json_object_is_type(v, json_type_object)) {
		/* a nested entity (FtM "nested" export): keep the reference */
		size_t len;
		const char *id = vg__json_str(v, "id", &len);
		if (id)
			return vg_record_add(rec, key, id, len, NULL);
	}
	return 0;
}

static int add_values(vg_record *rec, const char *key, struct json_object *v)
{
	int rc;
	size_t i, n;
	if (!v)
		return 0;
	if (!json_object_is_type(v, json_type_array))
		return add_value(rec, key, v);
	n = json_object_array_length(v);
	for (i = 0; i < n; i++)
		if ((rc = add_value(rec, key, json_object_array_get_idx(v, i))) < 0)
			return rc;
	return 0;
}

/* Fills rec from one FtM entity object. */
int vg__ftm_entity(vg_record *rec, struct json_object *ent, const char *file,
		   size_t line)
{
	static const char *const meta_keys[] = { "caption", "referents", "first_seen",
						 "last_seen", "last_change" };
	struct json_object *props, *v;
	const char *id, *schema;
	size_t idlen, slen, i;
	int rc;
	vg_record_reset(rec);
	rec->file = file;
	rec->line = line;
	if (!(id = vg__json_str(ent, "id", &idlen)) || idlen == 0)
		return vg__error_set(VG_EDATA, "%s:%zu: entity without an \"id\"", file, line);
	if (!(schema = vg__json_str(ent, "schema", &slen)) || slen == 0)
		return vg__error_set(VG_EDATA, "%s:%zu: entity %s without a \"schema\"",
				     file, line, id);
	if ((rc = vg_record_set_id(rec, id, idlen)) < 0 ||
	    (rc = vg_record_set_schema(rec, schema, slen)) < 0)
		return rc;
	if (json_object_object_get_ex(ent, "properties", &props)) {
		if (!json_object_is_type(props, json_type_object))
			return vg__error_set(VG_EDATA, "%s:%zu: entity %s: \"properties\" is not an object",
					     file, line, id);
		json_object_object_foreach(props, key, val) {
			if ((rc = add_values(rec, key, val)) < 0)
				return rc;
		}
	}
	for (i = 0; i < sizeof(meta_keys) / sizeof(meta_keys[0]); i++) {
		if (json_object_object_get_ex(ent, meta_keys[i], &v) &&
		    (rc = add_values(rec, meta_keys[i], v)) < 0)
			return rc;
	}
	if (json_object_object_get_ex(ent, "target", &v) &&
	    json_object_is_type(v, json_type_boolean) && json_object_get_boolean(v))
		return vg_record_add(rec, "target", "true", 4, NULL);
	return 0;
}

/* The entity of a line: the line itself, or the "entity" of a delta op. */
static int op_of(struct json_object *obj, struct json_object **ent,
		 const char **op)
{
	struct json_object *e;
	*op = vg__json_str(obj, "op", NULL);
	if (*op && json_object_object_get_ex(obj, "entity", &e) &&
	    json_object_is_type(e, json_type_object)) {
		*ent = e;
		return 1;
	}
	*op = NULL;
	*ent = obj;
	return 0;
}

/* The record of the next line into rec: 1 a record, 2 none (a DEL of a
 * delta file read alone), 0 the end, < 0 an error. */
static int read_line(vg__jsonl *j, vg_record *rec, const char *name, vg__ftm_scratch *sc)
{
	struct json_object *obj, *ent;
	const char *op, *line;
	size_t line_len;
	int rc;
	if ((rc = vg__jsonl_line(j, &line, &line_len)) != 1)
		return rc;
	if (vg__ftm_line(rec, line, line_len, name, j->line, sc))
		return 1;
	if ((rc = vg__jsonl_parse(j, line, line_len, &obj)) < 0)
		return rc;
	/* a delta file read alone: ADD and MOD carry whole entities, DEL has
	 * nothing to deliver */
	if (op_of(obj, &ent, &op) && strcmp(op, "DEL") == 0)
		return 2;
	return (rc = vg__ftm_entity(rec, ent, name, j->line)) < 0 ? rc : 1;
}

/* ---- reading on a thread of its own ------------------------------------------
 *
 * A large file is parsed on another thread while the calling one delivers
 * the records: at 1M entities parsing the lines was about two thirds of
 * the build's reading thread, which an update waits for.  The parsing
 * thread fills batches of records in file order, READ_SLOTS of them in
 * flight; the calling thread delivers each batch in order, then the end
 * or the error that stopped the parse, so the sink sees what one thread
 * would have given it.  A sink that fails stops the parse. */
#define READ_BATCH 256
#define READ_SLOTS 4
/* smaller files are read on the calling thread alone */
#define READ_THREADED_MIN ((size_t)4 << 20)

typedef struct {
	vg_record recs[READ_BATCH];
	size_t n;
	int full;   /* filled, not yet delivered */
	int last;   /* the parse ended after these records */
	int rc;     /* its error then, else 0 */
	char err[512];
} rbatch;

typedef struct {
	vg__jsonl *j;
	const char *name;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop;
	rbatch *b; /* READ_SLOTS */
} rthread;

static void *read_main(void *arg)
{
	rthread *r = arg;
	vg__ftm_scratch sc = { VG_BUF_INIT, VG_BUF_INIT };
	size_t slot = 0;
	int last = 0;
	while (!last) {
		rbatch *b = &r->b[slot];
		int rc = 1;
		pthread_mutex_lock(&r->mu);
		while (b->full && !r->stop)
			pthread_cond_wait(&r->cv, &r->mu);
		last = r->stop;
		pthread_mutex_unlock(&r->mu);
		if (last)
			break;
		for (b->n = 0; b->n < READ_BATCH && rc > 0;)
			if ((rc = read_line(r->j, &b->recs[b->n], r->name, &sc)) == 1)
				b->n++;
		last = rc <= 0;
		b->last = last;
		b->rc = rc < 0 ? rc : 0;
		if (rc < 0)
			snprintf(b->err, sizeof(b->err), "%s", vg_error_last()->message);
		pthread_mutex_lock(&r->mu);
		b->full = 1;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
		slot = (slot + 1) % READ_SLOTS;
	}
	vg_buf_dispose(&sc.a);
	vg_buf_dispose(&sc.b);
	return NULL;
}

/* Delivers the batches of r's thread in order until its last one, or
 * until the sink fails. */
static int deliver(rthread *r, const vg_reader_sink *sink)
{
	size_t slot = 0, i;
	int rc = 0, last = 0;
	while (!rc && !last) {
		rbatch *b = &r->b[slot];
		pthread_mutex_lock(&r->mu);
		while (!b->full)
			pthread_cond_wait(&r->cv, &r->mu);
		pthread_mutex_unlock(&r->mu);
		for (i = 0; i < b->n && !rc; i++)
			rc = vg__emit(sink, &b->recs[i]);
		last = b->last;
		if (!rc && b->rc < 0)
			rc = vg__error_set(b->rc, "%s", b->err);
		pthread_mutex_lock(&r->mu);
		b->full = 0;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
		slot = (slot + 1) % READ_SLOTS;
	}
	return rc;
}

/* Reads j's lines on another thread: the read's result, with *ran = 1;
 * *ran = 0 when no thread could be had (the caller reads them itself). */
static int read_threaded(vg__jsonl *j, const char *name, const vg_reader_sink *sink,
			 int *ran)
{
	rthread r;
	pthread_t th;
	size_t i, k;
	int rc = 0;
	*ran = 0;
	memset(&r, 0, sizeof(r));
	r.j = j;
	r.name = name;
	if (!(r.b = vg__calloc(READ_SLOTS, sizeof(rbatch))))
		return vg__error_oom();
	for (i = 0; i < READ_SLOTS; i++)
		for (k = 0; k < READ_BATCH; k++)
			vg_record_init(&r.b[i].recs[k]);
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.cv, NULL);
	if (pthread_create(&th, NULL, read_main, &r) == 0) {
		*ran = 1;
		rc = deliver(&r, sink);
		pthread_mutex_lock(&r.mu);
		r.stop = 1;
		pthread_cond_broadcast(&r.cv);
		pthread_mutex_unlock(&r.mu);
		pthread_join(th, NULL);
	}
	pthread_mutex_destroy(&r.mu);
	pthread_cond_destroy(&r.cv);
	for (i = 0; i < READ_SLOTS; i++)
		for (k = 0; k < READ_BATCH; k++)
			vg_record_dispose(&r.b[i].recs[k]);
	free(r.b);
	return rc;
}

static int ftm_parse(const char *name, const char *data, size_t len,
		     vg_source_meta *meta, const vg_reader_sink *sink, int mapped)
{
	vg__jsonl j;
	vg_record rec;
	vg__ftm_scratch sc = { VG_BUF_INIT, VG_BUF_INIT };
	char stem[64];
	int rc, ran = 0;
	vg__dataset_of_file(stem, name);
	vg__meta_init(meta, stem, "ftm-json", name);
	vg_record_init(&rec);
	if ((rc = mapped ? vg__jsonl_init_mapped(&j, name, data, len, meta)
			 : vg__jsonl_init(&j, name, data, len, meta)) < 0)
		goto cleanup;
	if (sink && sink->threads > 1 && len >= READ_THREADED_MIN &&
	    ((rc = read_threaded(&j, name, sink, &ran)) != 0 || ran))
		goto cleanup;
	while ((rc = read_line(&j, &rec, name, &sc)) > 0)
		if (rc == 1 && (rc = vg__emit(sink, &rec)) != 0)
			goto cleanup;
cleanup:
	vg__jsonl_dispose(&j);
	vg_record_dispose(&rec);
	vg_buf_dispose(&sc.a);
	vg_buf_dispose(&sc.b);
	return rc;
}

int vg__ftm_parse(const char *name, const char *data, size_t len,
		  vg_source_meta *meta, const vg_reader_sink *sink)
{
	return ftm_parse(name, data, len, meta, sink, 0);
}

int vg__ftm_parse_mapped(const char *name, const char *data, size_t len,
			 vg_source_meta *meta, const vg_reader_sink *sink)
{
	return ftm_parse(name, data, len, meta, sink, 1);
}

/* ---- deltas -------------------------------------------------------------- */

typedef struct {
	size_t off, len;   /* entity JSON text in state.text */
	size_t id_off;     /* id (NUL-terminated) in state.text */
	int file;          /* index into state.files */
	size_t line;
	int alive;
} entry;

typedef struct {
	vg_buf text;
	entry *entries;
	size_t n, cap;
	uint32_t *slots; /* open addressing: entry index + 1, 0 = empty */
	size_t nslots;
	char files[64][1024];
	int nfiles;
	vg_source_meta *meta; /* where the files' encoding is recorded */
} state;

static uint64_t hash_str(const char *s, size_t len)
{
	return vg__fnv1a(s, len, VG__FNV_SEED);
}

static int state_rehash(state *st)
{
	size_t ns = st->nslots ? st->nslots * 2 : 1024, i, bytes;
	uint32_t *slots;
	if (vg__mul_overflow(&bytes, ns, sizeof(uint32_t)))
		return vg__error_oom();
	slots = vg__calloc(ns, sizeof(uint32_t));
	if (!slots)
		return vg__error_oom();
	for (i = 0; i < st->n; i++) {
		const char *id = st->text.ptr + st->entries[i].id_off;
		size_t h = (size_t)hash_str(id, strlen(id)) & (ns - 1);
		while (slots[h])
			h = (h + 1) & (ns - 1);
		slots[h] = (uint32_t)(i + 1);
	}
	free(st->slots);
	st->slots = slots;
	st->nslots = ns;
	return 0;
}

/* Index of the entry with this id, or (size_t)-1. */
static size_t state_find(const state *st, const char *id, size_t len)
{
	size_t h;
	if (!st->nslots)
		return (size_t)-1;
	h = (size_t)hash_str(id, len) & (st->nslots - 1);
	while (st->slots[h]) {
		size_t i = st->slots[h] - 1;
		const char *eid = st->text.ptr + st->entries[i].id_off;
		if (strncmp(eid, id, len) == 0 && eid[len] == '\0')
			return i;
		h = (h + 1) & (st->nslots - 1);
	}
	return (size_t)-1;
}

/* Stores ent under its id: replaces the current version or appends. */
static int state_put(state *st, struct json_object *ent, int file, size_t line,
		     const char *fname)
{
	const char *id, *js;
	size_t idlen, jslen, i, off, id_off;
	if (!(id = vg__json_str(ent, "id", &idlen)) || idlen == 0)
		return vg__error_set(VG_EDATA, "%s:%zu: entity without an \"id\"", fname, line);
	js = json_object_to_json_string_ext(ent, JSON_C_TO_STRING_PLAIN);
	jslen = strlen(js);
	off = st->text.size;
	if (vg_buf_put(&st->text, js, jslen) || vg_buf_put(&st->text, "", 1))
		return VG_ENOMEM;
	id_off = st->text.size;
	if (vg_buf_put(&st->text, id, idlen) || vg_buf_put(&st->text, "", 1))
		return VG_ENOMEM;
	i = state_find(st, id, idlen);
	if (i == (size_t)-1) {
		if (st->n >= UINT32_MAX - 1)
			return vg__error_set(VG_EDATA, "%s: too many entities", fname);
		if (vg__grow(&st->entries, &st->cap, st->n + 1, sizeof(*st->entries)))
			return VG_ENOMEM;
		i = st->n++;
		if (st->n * 2 > st->nslots) {
			st->entries[i].id_off = id_off;
			if (state_rehash(st) < 0)
				return VG_ENOMEM;
		} else {
			size_t h = (size_t)hash_str(id, idlen) & (st->nslots - 1);
			while (st->slots[h])
				h = (h + 1) & (st->nslots - 1);
			st->slots[h] = (uint32_t)(i + 1);
		}
	}
	st->entries[i].off = off;
	st->entries[i].len = jslen;
	st->entries[i].id_off = id_off;
	st->entries[i].file = file;
	st->entries[i].line = line;
	st->entries[i].alive = 1;
	return 0;
}

static int state_apply_file(state *st, const char *path, int base,
			    const vg_reader_sink *sink)
{
	vg__map m;
	vg__jsonl j;
	struct json_object *obj, *ent;
	const char *op;
	int rc, file;
	if (st->nfiles == (int)(sizeof(st->files) / sizeof(st->files[0])))
		return vg__error_set(VG_EDATA, "%s: more than %d delta files", path,
				     (int)(sizeof(st->files) / sizeof(st->files[0])) - 1);
	file = st->nfiles++;
	snprintf(st->files[file], sizeof(st->files[file]), "%s", path);
	if ((rc = vg__map_file(&m, path)) < 0)
		return rc;
	if ((rc = vg__jsonl_init(&j, st->files[file], m.data, m.len, st->meta)) < 0)
		goto cleanup;
	while ((rc = vg__jsonl_next(&j, &obj)) == 1) {
		int is_op = op_of(obj, &ent, &op);
		if (base && is_op) {
			rc = vg__error_set(VG_EDATA, "%s:%zu: a delta operation in the base file",
					   st->files[file], j.line);
			goto cleanup;
		}
		if (!base && !is_op) {
			rc = vg__error_set(VG_EDATA, "%s:%zu: not a delta operation {\"op\", \"entity\"}",
					   st->files[file], j.line);
			goto cleanup;
		}
		if (!is_op || strcmp(op, "ADD") == 0 || strcmp(op, "MOD") == 0) {
			if ((rc = state_put(st, ent, file, j.line, st->files[file])) < 0)
				goto cleanup;
		} else if (strcmp(op, "DEL") == 0) {
			size_t idlen, i;
			const char *id = vg__json_str(ent, "id", &idlen);
			if (!id) {
				rc = vg__error_set(VG_EDATA, "%s:%zu: DEL without an entity id",
						   st->files[file], j.line);
				goto cleanup;
			}
			i = state_find(st, id, idlen);
			if (i == (size_t)-1 || !st->entries[i].alive)
				vg__warn(sink, st->files[file], j.line,
					 "DEL of %s, which is not in the data", id);
			else
				st->entries[i].alive = 0;
		} else {
			rc = vg__error_set(VG_EDATA, "%s:%zu: unknown delta op \"%s\"",
					   st->files[file], j.line, op);
			goto cleanup;
		}
	}
cleanup:
	vg__jsonl_dispose(&j);
	vg__unmap_file(&m);
	return rc;
}

/* The base file of a delta folder: base.ftm.jsonl, else the one *.ftm.jsonl. */
static int find_base(char *out, size_t outsz, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;
	if (!d)
		return vg__error_set(VG_EIO, "%s: cannot list the folder", dir);
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n > 10 && strcmp(e->d_name + n - 10, ".ftm.jsonl") == 0) {
			if ((strcmp(e->d_name, "base.ftm.jsonl") == 0 || !found) &&
			    vg__path_join(out, outsz, dir, e->d_name, "") < 0) {
				closedir(d);
				return VG_EUSAGE;
			}
			found++;
			if (strcmp(e->d_name, "base.ftm.jsonl") == 0) {
				found = 1;
				break;
			}
		}
	}
	closedir(d);
	if (found != 1)
		return vg__error_set(VG_EDATA,
				     "%s: needs exactly one base file (base.ftm.jsonl), found %d *.ftm.jsonl",
				     dir, found);
	return 0;
}

int vg__ftm_read_delta(const char *path, vg_source_meta *meta,
		       const vg_reader_sink *sink)
{
	char dir[4096], index_path[4096], p[4096], stem[64];
	state st;
	vg__map im = { 0 };
	struct json_object *root = NULL, *versions, *v;
	struct json_tokener *tok = NULL;
	vg_record rec;
	struct stat sb;
	size_t i;
	int rc = 0, applied = 0, missing_after = 0;
	const char *last_version = NULL;

	memset(&st, 0, sizeof(st));
	vg_record_init(&rec);
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		snprintf(dir, sizeof(dir), "%s", path);
	} else {
		const char *slash = strrchr(path, '/');
		if (slash)
			snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
		else
			snprintf(dir, sizeof(dir), ".");
	}
	if ((rc = vg__path_join(index_path, sizeof(index_path), dir, "index.json", "")) < 0)
		goto cleanup;
	vg__dataset_of_file(stem, dir);
	vg__meta_init(meta, stem, "ftm-json", NULL);
	st.meta = meta;

	if ((rc = vg__map_file(&im, index_path)) < 0)
		goto cleanup;
	if (!(tok = json_tokener_new_ex(VG__JSON_DEPTH))) {
		rc = vg__error_oom();
		goto cleanup;
	}
	if (im.len > VG__LINE_MAX || !(root = json_tokener_parse_ex(tok, im.data, (int)im.len)) ||
	    !json_object_is_type(root, json_type_object) ||
	    !json_object_object_get_ex(root, "versions", &versions) ||
	    !json_object_is_type(versions, json_type_object)) {
		rc = vg__error_set(VG_EDATA, "%s:1: not a delta index ({\"versions\": {...}})",
				   index_path);
		goto cleanup;
	}
	if (json_object_object_get_ex(root, "updated_at", &v) &&
	    json_object_is_type(v, json_type_string))
		snprintf(meta->as_of, sizeof(meta->as_of), "%.10s", json_object_get_string(v));

	if ((rc = find_base(p, sizeof(p), dir)) < 0 ||
	    (rc = state_apply_file(&st, p, 1, sink)) < 0)
		goto cleanup;
	/* json-c keeps an object's members in file order: the order of the
	 * versions.  Versions before the first delta file present are those
	 * the base already holds; a missing one after that is a gap. */
	json_object_object_foreach(versions, version, url) {
		(void)url;
		if ((rc = vg__path_join(p, sizeof(p), dir, version, ".delta.jsonl")) < 0)
			goto cleanup;
		if (stat(p, &sb) != 0) {
			if (applied)
				missing_after = 1;
			continue;
		}
		if (missing_after) {
			rc = vg__error_set(VG_EDATA,
					   "%s: version before %s has no delta file: the chain has a gap",
					   index_path, version);
			goto cleanup;
		}
		if ((rc = state_apply_file(&st, p, 0, sink)) < 0)
			goto cleanup;
		applied++;
		last_version = version;
	}
	if (last_version)
		snprintf(meta->version, sizeof(meta->version), "%s", last_version);

	for (i = 0; i < st.n; i++) {
		entry *e = &st.entries[i];
		struct json_object *ent;
		if (!e->alive)
			continue;
		json_tokener_reset(tok);
		ent = json_tokener_parse_ex(tok, st.text.ptr + e->off, (int)e->len);
		if (!ent) {
			rc = vg__error_set(VG_ERROR, "%s:%zu: cannot re-read entity",
					   st.files[e->file], e->line);
			goto cleanup;
		}
		rc = vg__ftm_entity(&rec, ent, st.files[e->file], e->line);
		if (rc == 0)
			rc = vg__emit(sink, &rec);
		json_object_put(ent);
		if (rc != 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	if (root)
		json_object_put(root);
	if (tok)
		json_tokener_free(tok);
	vg__unmap_file(&im);
	vg_buf_dispose(&st.text);
	free(st.entries);
	free(st.slots);
	vg_record_dispose(&rec);
	return rc;
}
