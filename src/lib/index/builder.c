/*
 * builder.c - reading list files into one entity model and writing the
 * index file (layout in format.h).
 *
 * Invariant: between calls the builder holds only complete inputs: a
 * failed vg_builder_add() truncates every table back to where it was, and
 * vg_builder_write() writes to a temporary file in the destination folder
 * and renames it over the destination only after everything was written
 * and synced, so a failed build leaves the previous index untouched.
 *
 * How it works: records arrive through the reader callback and are copied
 * into packed tables (one interned string pool; properties as a flat array
 * tagged with their record).  A record whose id was already seen is merged
 * into the first one, and an input that delivers an id an earlier input
 * delivered is added to that record's sources (OFAC SDN and consolidated
 * share ids), so the record is in every list that names it.  At write time the screenable records are numbered
 * first, the names are analysed once and encoded, retrieval keys and
 * identifiers are collected as (hash, target) pairs and sorted into
 * postings, and sanctions and links are resolved to ordinals.  Every
 * property FtM's model types as an entity reference is resolved too, into
 * each target's inbound references (REFS), and captions follow FtM's
 * caption properties (data/ftm_model.txt).
 */
#include "index/index_internal.h"
#include "index/hash.h"
#include "model/ftm.h"
#include "model/record.h"
#include "names/name.h"
#include "common/files.h"
#include "common/error.h"
#include "common/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_WARNINGS_KEPT 20
/* Names indexed per entity: the most any real list gives one entity is in
 * the tens; more is a broken or hostile source, which must not stall a
 * build (names past it are left out with a warning). */
#define MAX_NAMES_PER_ENTITY 1000
#define SEEN_SLOTS 4096 /* > 2 x MAX_NAMES_PER_ENTITY, a power of two */

typedef struct {
	uint32_t id, schema_name, source, line;
	uint32_t last_source; /* the latest input that delivered it */
	uint16_t schema;
} brec;

/* A record delivered again by a later input (its first is brec.source). */
typedef struct {
	uint32_t rec, source;
} bextra;

typedef struct {
	uint32_t rec, key, value, qual;
} bprop;

typedef struct {
	vg_source_meta meta;
	char path[1024];
	size_t by_schema[VG_SCHEMA__COUNT];
	size_t n_records, n_names, n_merged, n_warnings;
	size_t n_conformed; /* values moved or dropped to fit FtM (conform.c) */
	vg_buf warnings; /* the first MAX_WARNINGS_KEPT, one per line */
	bool warning_lost; /* out of memory keeping one: the input fails */
	/* filled by vg_builder_write */
	size_t w_names, w_links, w_sanctions;
} bsource;

struct vg_builder {
	vg_buf pool;          /* interned strings; offset 0 is "" */
	uint32_t *intern;     /* open addressing: pool offsets, 0 = empty */
	size_t intern_cap, intern_n;
	brec *recs;
	size_t n_recs, cap_recs;
	bprop *props;
	size_t n_props, cap_props;
	bextra *extra;        /* in input order, so ascending per record */
	size_t n_extra, cap_extra;
	uint32_t *ids;        /* open addressing: record index + 1 */
	size_t ids_cap, ids_n;
	bsource *sources;
	size_t n_sources;
	size_t cur_source;    /* during vg_builder_add */
	size_t n_names_skipped;
	vg_buf scratch;       /* a conformed value */
};

/* ---- the string pool ----------------------------------------------------- */

static int intern_rehash(vg_builder *b, size_t ncap)
{
	uint32_t *t = vg__calloc(ncap, sizeof(*t));
	size_t i;
	if (!t)
		return vg__error_oom();
	for (i = 0; i < b->intern_cap; i++) {
		uint32_t off = b->intern[i];
		const char *s;
		size_t j;
		if (!off)
			continue;
		s = b->pool.ptr + off;
		j = vg__hash64(s, strlen(s), 0) & (ncap - 1);
		while (t[j])
			j = (j + 1) & (ncap - 1);
		t[j] = off;
	}
	free(b->intern);
	b->intern = t;
	b->intern_cap = ncap;
	return 0;
}

/* Pool offset of s (added when new); 0 for "". */
static int intern(uint32_t *out, vg_builder *b, const char *s, size_t len)
{
	size_t j;
	uint64_t h;
	if (!len) {
		*out = 0;
		return 0;
	}
	if ((b->intern_n + 1) * 2 > b->intern_cap &&
	    intern_rehash(b, b->intern_cap ? b->intern_cap * 2 : 1024))
		return VG_ENOMEM;
	h = vg__hash64(s, len, 0);
	j = h & (b->intern_cap - 1);
	while (b->intern[j]) {
		const char *t = b->pool.ptr + b->intern[j];
		if (!strncmp(t, s, len) && t[len] == '\0')
			goto found;
		j = (j + 1) & (b->intern_cap - 1);
	}
	if (b->pool.size + len + 1 >= UINT32_MAX)
		return vg__error_set(VG_ENOMEM, "index string pool over 4 GiB");
	b->intern[j] = (uint32_t)b->pool.size;
	if (vg_buf_put(&b->pool, s, len) || vg_buf_put(&b->pool, "", 1))
		return VG_ENOMEM;
	b->intern_n++;
found:
	*out = b->intern[j];
	return 0;
}

static const char *pstr(const vg_builder *b, uint32_t off)
{
	return b->pool.ptr + off;
}

/* ---- the id map used while building ------------------------------------ */

static int ids_rehash(vg_builder *b, size_t ncap)
{
	uint32_t *t = vg__calloc(ncap, sizeof(*t));
	size_t i;
	if (!t)
		return vg__error_oom();
	for (i = 0; i < b->n_recs; i++) {
		const char *s = pstr(b, b->recs[i].id);
		size_t j = vg__hash64(s, strlen(s), 0) & (ncap - 1);
		while (t[j])
			j = (j + 1) & (ncap - 1);
		t[j] = (uint32_t)i + 1;
	}
	free(b->ids);
	b->ids = t;
	b->ids_cap = ncap;
	b->ids_n = b->n_recs;
	return 0;
}

/* Record index of id, or -1; *slot receives where to insert it. */
static long ids_find(const vg_builder *b, const char *id, size_t *slot)
{
	size_t j = vg__hash64(id, strlen(id), 0) & (b->ids_cap - 1);
	while (b->ids[j]) {
		if (!strcmp(pstr(b, b->recs[b->ids[j] - 1].id), id))
			return (long)b->ids[j] - 1;
		j = (j + 1) & (b->ids_cap - 1);
	}
	*slot = j;
	return -1;
}

/* ---- public: new / free -------------------------------------------------- */

int vg_builder_new(vg_builder **out)
{
	vg_builder *b;
	if (!out)
		return vg__error_set(VG_EUSAGE, "vg_builder_new: NULL argument");
	if (!(b = vg__calloc(1, sizeof(*b))))
		return vg__error_oom();
	if (vg_buf_put(&b->pool, "", 1) || intern_rehash(b, 1024) ||
	    ids_rehash(b, 1024)) {
		vg_builder_free(b);
		return vg__error_oom();
	}
	*out = b;
	return 0;
}

void vg_builder_free(vg_builder *b)
{
	size_t i;
	if (!b)
		return;
	for (i = 0; i < b->n_sources; i++)
		vg_buf_dispose(&b->sources[i].warnings);
	free(b->sources);
	vg_buf_dispose(&b->pool);
	free(b->intern);
	free(b->recs);
	free(b->props);
	free(b->extra);
	free(b->ids);
	vg_buf_dispose(&b->scratch);
	free(b);
}

/* ---- reading ------------------------------------------------------------- */

static int is_name_key(const char *k)
{
	return !strcmp(k, "name") || !strcmp(k, "alias") ||
	       !strcmp(k, "weakAlias") || !strcmp(k, "previousName");
}

/* The record's properties as FtM has them for its schema (see conform.c),
 * appended to the builder's for record ri. */
static int add_props(vg_builder *b, bsource *src, const vg_record *rec, uint32_t ri)
{
	const vg__ftm_schema *s = vg__ftm_find_schema(rec->schema_name ? rec->schema_name
							       : vg_schema_name(rec->schema));
	vg__conformed c;
	size_t i;
	if (vg__grow(&b->props, &b->cap_props, b->n_props + rec->n_props,
		 sizeof(bprop)))
		return VG_ENOMEM;
	for (i = 0; i < rec->n_props; i++) {
		const vg_prop *p = &rec->props[i];
		bprop *bp = &b->props[b->n_props];
		switch (vg__conform_prop(s, p->key, p->value, &c, &b->scratch)) {
		case VG__CONFORM_ERROR:
			return VG_ENOMEM;
		case VG__CONFORM_DROP:
			src->n_conformed++;
			continue;
		case VG__CONFORM_KEEP:
			break;
		default:
			src->n_conformed++;
		}
		bp->rec = ri;
		if (intern(&bp->key, b, c.key, strlen(c.key)) ||
		    intern(&bp->value, b, c.value, strlen(c.value)) ||
		    intern(&bp->qual, b, p->qual ? p->qual : "",
			   p->qual ? strlen(p->qual) : 0))
			return VG_ENOMEM;
		if (vg_schema_is_screenable(rec->schema) && is_name_key(c.key))
			src->n_names++;
		b->n_props++;
	}
	return 0;
}

static int on_record(void *ctx, const vg_record *rec)
{
	vg_builder *b = ctx;
	bsource *src = &b->sources[b->cur_source];
	size_t slot = 0;
	long existing;
	uint32_t ri, id;
	int rc;

	if (!rec->id || !rec->id[0]) {
		src->n_warnings++;
		return 0;
	}
	if ((b->ids_n + 1) * 2 > b->ids_cap && ids_rehash(b, b->ids_cap * 2))
		return VG_ENOMEM;
	existing = ids_find(b, rec->id, &slot);
	if (existing >= 0) {
		ri = (uint32_t)existing;
		src->n_merged++;
		/* Inputs are read one after the other, so comparing with the
		 * latest one is enough to list each input once. */
		if (b->recs[ri].last_source != b->cur_source) {
			if (vg__grow(&b->extra, &b->cap_extra, b->n_extra + 1,
				 sizeof(bextra)))
				return VG_ENOMEM;
			b->extra[b->n_extra++] = (bextra){ ri, (uint32_t)b->cur_source };
			b->recs[ri].last_source = (uint32_t)b->cur_source;
			src->n_records++;
			src->by_schema[b->recs[ri].schema < VG_SCHEMA__COUNT ?
				       b->recs[ri].schema : VG_SCHEMA_OTHER]++;
		}
	} else {
		if (b->n_recs >= UINT32_MAX - 1)
			return vg__error_set(VG_ENOMEM, "too many records");
		if (vg__grow(&b->recs, &b->cap_recs, b->n_recs + 1, sizeof(brec)) ||
		    intern(&id, b, rec->id, strlen(rec->id)))
			return VG_ENOMEM;
		ri = (uint32_t)b->n_recs++;
		b->recs[ri].id = id;
		b->recs[ri].schema = (uint16_t)rec->schema;
		b->recs[ri].source = (uint32_t)b->cur_source;
		b->recs[ri].last_source = (uint32_t)b->cur_source;
		b->recs[ri].line = rec->line > UINT32_MAX ? UINT32_MAX : (uint32_t)rec->line;
		rc = intern(&b->recs[ri].schema_name, b,
			    rec->schema_name ? rec->schema_name : vg_schema_name(rec->schema),
			    strlen(rec->schema_name ? rec->schema_name : vg_schema_name(rec->schema)));
		if (rc)
			return rc;
		b->ids[slot] = ri + 1;
		b->ids_n++;
		src->n_records++;
		src->by_schema[rec->schema < VG_SCHEMA__COUNT ? rec->schema : VG_SCHEMA_OTHER]++;
	}
	return add_props(b, src, rec, ri);
}

static void on_warning(void *ctx, const char *file, size_t line, const char *what)
{
	vg_builder *b = ctx;
	bsource *src = &b->sources[b->cur_source];
	src->n_warnings++;
	if (src->n_warnings <= MAX_WARNINGS_KEPT &&
	    vg_buf_printf(&src->warnings, "%s:%zu: %s\n", file ? file : "?",
			  line, what ? what : "") < 0)
		src->warning_lost = true;
}

int vg_builder_add(vg_builder *b, const char *path, vg_format format)
{
	vg_reader_sink sink;
	bsource *src;
	size_t n_recs0, n_props0, n_extra0, i;
	int rc;

	if (!b || !path)
		return vg__error_set(VG_EUSAGE, "vg_builder_add: NULL argument");
	if (format == VG_FORMAT_AUTO && (rc = vg_format_detect(&format, path)) != 0)
		return rc;
	if (b->n_sources >= UINT16_MAX)
		return vg__error_set(VG_EUSAGE, "too many inputs");
	if ((rc = vg__grow(&b->sources, &(size_t){ b->n_sources },
		       b->n_sources + 1, sizeof(bsource))) != 0)
		return rc;
	src = &b->sources[b->n_sources];
	memset(src, 0, sizeof(*src));
	snprintf(src->path, sizeof(src->path), "%s", path);
	b->cur_source = b->n_sources;
	n_recs0 = b->n_recs;
	n_props0 = b->n_props;
	n_extra0 = b->n_extra;

	sink.on_record = on_record;
	sink.on_warning = on_warning;
	sink.ctx = b;
	rc = vg_source_read(path, format, &src->meta, &sink);
	if (rc == 0 && src->warning_lost)
		rc = vg__error_oom();
	if (rc) {
		const vg_error *e = vg_error_last();
		if (!e->message[0])
			vg__error_set(rc, "%s: read failed", path);
		rc = e->code ? e->code : rc;
		/* The next input reuses this source number: records it touched
		 * must not look already delivered by it. */
		for (i = n_extra0; i < b->n_extra; i++)
			if (b->extra[i].rec < n_recs0)
				b->recs[b->extra[i].rec].last_source =
					b->recs[b->extra[i].rec].source;
		b->n_extra = n_extra0;
		b->n_recs = n_recs0;
		b->n_props = n_props0;
		vg_buf_dispose(&src->warnings);
		if (ids_rehash(b, b->ids_cap))
			return VG_ENOMEM;
		return rc;
	}
	if (!src->meta.format[0])
		snprintf(src->meta.format, sizeof(src->meta.format), "%s",
			 vg_format_name(format));
	if (!src->meta.name[0]) {
		char tmp[1024];
		snprintf(tmp, sizeof(tmp), "%s", path);
		snprintf(src->meta.name, sizeof(src->meta.name), "%s", basename(tmp));
	}
	b->n_sources++;
	return 0;
}

/* ---- summary ------------------------------------------------------------- */

int vg_builder_summary(const vg_builder *b, vg_buf *out)
{
	size_t i;
	int s, rc = 0;
	if (!b || !out)
		return vg__error_set(VG_EUSAGE, "vg_builder_summary: NULL argument");
	for (i = 0; i < b->n_sources; i++) {
		const bsource *src = &b->sources[i];
		size_t ents = 0;
		for (s = 0; s < VG_SCHEMA__COUNT; s++)
			if (vg_schema_is_party((vg_schema)s))
				ents += src->by_schema[s];
		rc |= vg_buf_printf(out, "%s (%s, %s%s%s%s%s): %zu entities, %zu records",
				    src->meta.name, src->meta.format, src->path,
				    src->meta.as_of[0] ? ", as of " : "",
				    src->meta.as_of,
				    src->meta.encoding[0] ? ", " : "", src->meta.encoding,
				    ents, src->n_records);
		for (s = 1; s < VG_SCHEMA__COUNT; s++)
			if (src->by_schema[s])
				rc |= vg_buf_printf(out, "%s %s %zu", s == 1 ? ";" : ",",
						    vg_schema_name((vg_schema)s),
						    src->by_schema[s]);
		rc |= vg_buf_printf(out, "\n  names %zu", src->n_names);
		if (src->w_names || src->w_links || src->w_sanctions)
			rc |= vg_buf_printf(out, " (%zu indexed), links %zu, sanctions %zu",
					    src->w_names, src->w_links, src->w_sanctions);
		if (src->n_merged)
			rc |= vg_buf_printf(out, ", %zu records merged into an earlier one with the same id",
					    src->n_merged);
		if (src->n_conformed)
			rc |= vg_buf_printf(out, ", %zu values moved or dropped to fit FtM's model",
					    src->n_conformed);
		rc |= vg_buf_printf(out, ", warnings %zu\n", src->n_warnings);
		if (src->warnings.size)
			rc |= vg_buf_put(out, src->warnings.ptr, src->warnings.size);
		if (src->n_warnings > MAX_WARNINGS_KEPT)
			rc |= vg_buf_printf(out, "  ... %zu more warnings\n",
					    src->n_warnings - MAX_WARNINGS_KEPT);
	}
	if (b->n_names_skipped)
		rc |= vg_buf_printf(out, "names without letters or digits, not indexed: %zu\n",
				    b->n_names_skipped);
	return rc ? vg__error_oom() : 0;
}

/* ---- writing ------------------------------------------------------------- */

typedef struct {
	uint64_t hash;
	uint32_t target;
	uint32_t pad;
} pair;

typedef struct {
	uint32_t owner, a, b, c;
} quad;

/* Everything vg_builder_write assembles before it touches the disk. */
typedef struct {
	uint32_t *perm, *inv;
	vg_ix_record *recs;
	vg_ix_prop *props;
	size_t n_props;
	vg_ix_name *names;
	size_t n_names, cap_names;
	vg_buf nenc;
	pair *nk;
	size_t n_nk, cap_nk;
	pair *ik;
	size_t n_ik, cap_ik;
	vg_ix_key *nkeys, *ikeys;
	size_t n_nkeys, n_ikeys;
	uint32_t *npst, *ipst;
	vg_ix_posting *npost;
	size_t n_npost;
	vg_ix_idmap *idmap;
	quad *edges_tmp;
	size_t n_edges_tmp, cap_edges_tmp;
	vg_ix_edge *edges;
	size_t n_edges;
	quad *sanc_tmp;
	size_t n_sanc_tmp, cap_sanc_tmp;
	uint32_t *sanc;
	quad *refs_tmp;
	size_t n_refs_tmp, cap_refs_tmp;
	vg_ix_ref *refs;
	uint16_t *rsrc;
	size_t n_rsrc;
	vg_ix_source *sources;
	vg_buf scratch;
	uint32_t cur_name;
	/* the names of the record being indexed, by interned text (equal
	 * texts share one pool offset): stamp (ordinal + 1) and offset */
	struct { uint32_t stamp, value; } *seen;
} wstate;

static void wstate_dispose(wstate *w)
{
	free(w->perm);
	free(w->inv);
	free(w->recs);
	free(w->props);
	free(w->names);
	vg_buf_dispose(&w->nenc);
	free(w->nk);
	free(w->ik);
	free(w->nkeys);
	free(w->ikeys);
	free(w->npst);
	free(w->npost);
	free(w->ipst);
	free(w->idmap);
	free(w->edges_tmp);
	free(w->edges);
	free(w->sanc_tmp);
	free(w->sanc);
	free(w->refs_tmp);
	free(w->refs);
	free(w->rsrc);
	free(w->sources);
	free(w->seen);
	vg_buf_dispose(&w->scratch);
}

static int cmp_pair(const void *x, const void *y)
{
	const pair *a = x, *b = y;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return a->target < b->target ? -1 : a->target > b->target;
}

static int cmp_quad(const void *x, const void *y)
{
	const quad *a = x, *b = y;
	if (a->owner != b->owner)
		return a->owner < b->owner ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

static int add_pair(pair **v, size_t *n, size_t *cap, uint64_t h, uint32_t t)
{
	if (vg__grow(v, cap, *n + 1, sizeof(pair)))
		return VG_ENOMEM;
	(*v)[*n].hash = h;
	(*v)[*n].target = t;
	(*v)[*n].pad = 0;
	(*n)++;
	return 0;
}

static int add_quad(quad **v, size_t *n, size_t *cap, uint32_t owner,
		    uint32_t a, uint32_t b, uint32_t c)
{
	if (vg__grow(v, cap, *n + 1, sizeof(quad)))
		return VG_ENOMEM;
	(*v)[*n] = (quad){ owner, a, b, c };
	(*n)++;
	return 0;
}

/* Turns sorted (hash, target) pairs into a key table and postings,
 * dropping duplicates. */
static int make_postings(vg_ix_key **keys, size_t *n_keys, uint32_t **post,
			 pair *v, size_t n)
{
	size_t i, np = 0, nk = 0;
	if (n > 1)
		qsort(v, n, sizeof(pair), cmp_pair);
	if (!(*keys = vg__malloc((n ? n : 1) * sizeof(vg_ix_key))) ||
	    !(*post = vg__malloc((n ? n : 1) * sizeof(uint32_t))))
		return vg__error_oom();
	for (i = 0; i < n; i++) {
		if (i && v[i].hash == v[i - 1].hash && v[i].target == v[i - 1].target)
			continue;
		if (!nk || (*keys)[nk - 1].hash != v[i].hash) {
			(*keys)[nk].hash = v[i].hash;
			(*keys)[nk].start = (uint32_t)np;
			(*keys)[nk].count = 0;
			nk++;
		}
		(*post)[np++] = v[i].target;
		(*keys)[nk - 1].count++;
	}
	*n_keys = nk;
	return 0;
}

static int key_cb(void *ctx, const char *key, size_t len, unsigned kind,
		  float weight)
{
	wstate *w = ctx;
	(void)weight;
	return add_pair(&w->nk, &w->n_nk, &w->cap_nk,
			vg__index_key_hash(kind, key, len), w->cur_name);
}

/* Adds one identifier of entity `ord`; too-short values collide too often
 * to be evidence and are not indexed. */
static int add_identifier(wstate *w, const char *value, uint32_t ord)
{
	char norm[128];
	size_t len = vg__index_id_normalize(norm, sizeof(norm), value);
	if (len < 4)
		return 0;
	return add_pair(&w->ik, &w->n_ik, &w->cap_ik,
			vg__hash64(norm, len, VG_IX_IDNUM_SEED), ord);
}

static int add_name(vg_builder *b, wstate *w, uint32_t ord, const char *text,
		    uint32_t value_off, uint32_t flags, vg_schema schema)
{
	vg_name *nm = NULL;
	size_t off;
	int rc;
	if ((rc = vg__name_analyze(&nm, text, strlen(text), schema)) != 0) {
		/* a name without letters or digits is skipped and counted;
		 * anything else (out of memory) fails the build */
		if (rc != VG_EDATA)
			return rc;
		b->n_names_skipped++;
		vg_error_clear();
		return 0;
	}
	if (w->n_names >= UINT32_MAX - 1 || w->nenc.size >= UINT32_MAX / 2) {
		rc = vg__error_set(VG_ENOMEM, "too many names for one index");
		goto cleanup;
	}
	off = w->nenc.size;
	if ((rc = vg__name_encode(nm, &w->nenc)) != 0 ||
	    (rc = vg__grow(&w->names, &w->cap_names, w->n_names + 1,
		       sizeof(vg_ix_name))) != 0)
		goto cleanup;
	w->names[w->n_names] = (vg_ix_name){ ord, value_off, (uint32_t)off,
					     (uint32_t)(w->nenc.size - off),
					     flags, 0 };
	w->cur_name = (uint32_t)w->n_names;
	w->n_names++;
	rc = vg__name_keys(nm, key_cb, w);
cleanup:
	vg_name_free(nm);
	return rc;
}

/* A property value of a record's run, or NULL. */
static const vg_ix_prop *first_prop(const vg_builder *b, const vg_ix_prop *p, size_t n,
				    const char *key)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(pstr(b, p[i].key), key))
			return &p[i];
	return NULL;
}

/* The caption, as FtM makes it: the publisher's own when it gave one, else
 * the first value of the first of the schema's caption properties that has
 * one (a schema without caption properties takes its nearest ancestor's),
 * else the schema's label ("Ownership"). */
static int caption_of(uint32_t *out, vg_builder *b, const vg_ix_record *r,
		      const vg_ix_prop *p)
{
	const vg__ftm_schema *s = vg__ftm_find_schema(pstr(b, r->schema_name)), *cs = s;
	const vg_ix_prop *v;
	size_t a, k;
	if ((v = first_prop(b, p, r->prop_count, "caption"))) {
		*out = v->value;
		return 0;
	}
	for (a = 0; s && a < s->n_anc && !cs->n_cap; a++)
		cs = &vg__ftm_schemata[vg__ftm_ancestors[s->anc_start + a]];
	for (k = 0; cs && k < cs->n_cap; k++)
		if ((v = first_prop(b, p, r->prop_count, vg__ftm_caption(cs, k)))) {
			*out = v->value;
			return 0;
		}
	return intern(out, b, s ? s->label : pstr(b, r->schema_name),
		      strlen(s ? s->label : pstr(b, r->schema_name)));
}

/* A person's name assembled from its parts ("firstName" ... "lastName"),
 * for records that give parts only; 0 when it has none. */
static int joined_parts(uint32_t *out, vg_builder *b, wstate *w, const vg_ix_prop *p,
			size_t n)
{
	static const char *const parts[] = { "firstName", "secondName",
					     "middleName", "fatherName",
					     "lastName" };
	const vg_ix_prop *v;
	size_t k;
	*out = 0;
	vg_buf_clear(&w->scratch);
	for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++)
		if ((v = first_prop(b, p, n, parts[k]))) {
			if (w->scratch.size)
				vg_buf_puts(&w->scratch, " ");
			vg_buf_puts(&w->scratch, pstr(b, v->value));
		}
	if (vg_buf_oom(&w->scratch))
		return vg__error_oom();
	return w->scratch.size ? intern(out, b, w->scratch.ptr, w->scratch.size) : 0;
}

/* True when record ord already had the name of pool offset value (the same
 * text as name and alias is one name); records it otherwise.  Linear: a
 * source giving one entity 200,000 names took 44 s when each was compared
 * with all before it. */
static bool name_seen(wstate *w, uint32_t ord, uint32_t value)
{
	uint32_t h = (value * 2654435761u) & (SEEN_SLOTS - 1);
	while (w->seen[h].stamp == ord + 1) {
		if (w->seen[h].value == value)
			return true;
		h = (h + 1) & (SEEN_SLOTS - 1);
	}
	w->seen[h].stamp = ord + 1;
	w->seen[h].value = value;
	return false;
}

/* Says once, in the source's warnings, that record ord has more names than
 * are indexed. */
static void too_many_names(vg_builder *b, wstate *w, uint32_t ord)
{
	const brec *br = &b->recs[w->inv[ord]];
	bsource *src = &b->sources[br->source];
	src->n_warnings++;
	if (src->n_warnings <= MAX_WARNINGS_KEPT &&
	    vg_buf_printf(&src->warnings, "%s:%u: entity %s has more than %d names; "
			  "only the first %d are indexed\n", src->path, br->line,
			  pstr(b, br->id), MAX_NAMES_PER_ENTITY, MAX_NAMES_PER_ENTITY) < 0)
		src->warning_lost = true;
}

static int index_names(vg_builder *b, wstate *w, uint32_t ord)
{
	vg_ix_record *r = &w->recs[ord];
	const vg_ix_prop *p = w->props + r->prop_start;
	size_t i, n = r->prop_count;
	vg_schema schema = (vg_schema)r->schema;
	int rc = 0;
	static const struct {
		const char *key;
		uint32_t flags;
	} kinds[] = {
		{ "name", 0 },
		{ "alias", 0 },
		{ "previousName", VG_IXN_PREVIOUS },
		{ "weakAlias", VG_IXN_WEAK },
	};
	size_t k, distinct = 0;
	bool full = false;
	r->name_start = (uint32_t)w->n_names;
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]) && !rc && !full; k++)
		for (i = 0; i < n && !rc && !full; i++) {
			if (strcmp(pstr(b, p[i].key), kinds[k].key) ||
			    name_seen(w, ord, p[i].value))
				continue;
			if ((full = distinct++ == MAX_NAMES_PER_ENTITY))
				too_many_names(b, w, ord);
			else
				rc = add_name(b, w, ord, pstr(b, p[i].value),
					      p[i].value, kinds[k].flags, schema);
		}
	/* A record with parts only ("firstName", "lastName") is still
	 * findable by its assembled name. */
	if (!rc && w->n_names == r->name_start) {
		uint32_t joined;
		if ((rc = joined_parts(&joined, b, w, p, n)) == 0 && joined)
			rc = add_name(b, w, ord, pstr(b, joined), joined,
				      VG_IXN_DERIVED, schema);
	}
	r->name_count = (uint32_t)(w->n_names - r->name_start);
	for (i = 0; i < n; i++) {
		const char *v = pstr(b, p[i].value);
		if (strcmp(pstr(b, p[i].key), "birthDate") || strlen(v) < 4 ||
		    v[0] < '1' || v[0] > '2')
			continue;
		r->flags |= (uint32_t)atoi(v) << 16;
		break;
	}
	for (i = 0; i < n && !rc; i++)
		if (vg__is_identifier_key(pstr(b, p[i].key)))
			rc = add_identifier(w, pstr(b, p[i].value), ord);
	return rc;
}

/* New ordinal of the record with this id, or UINT32_MAX. */
static uint32_t resolve(const vg_builder *b, const wstate *w, const char *id)
{
	size_t slot;
	long i = ids_find(b, id, &slot);
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
	const vg_ix_record *r = &w->recs[ord];
	const vg_ix_prop *p = w->props + r->prop_start;
	uint32_t from = UINT32_MAX, to = UINT32_MAX;
	size_t i;
	int rc;
	for (i = 0; i < r->prop_count; i++) {
		const char *key = pstr(b, p[i].key);
		if (!strcmp(key, s->edge_source) && from == UINT32_MAX)
			from = resolve(b, w, pstr(b, p[i].value));
		else if (!strcmp(key, s->edge_target) && to == UINT32_MAX)
			to = resolve(b, w, pstr(b, p[i].value));
	}
	if (from == UINT32_MAX || to == UINT32_MAX)
		return 0;
	if ((rc = add_quad(&w->edges_tmp, &w->n_edges_tmp, &w->cap_edges_tmp, from, ord,
			   to, VG_IXE_SOURCE)) != 0 ||
	    (rc = add_quad(&w->edges_tmp, &w->n_edges_tmp, &w->cap_edges_tmp, to, ord,
			   from, VG_IXE_TARGET)) != 0)
		return rc;
	count_for_sources(b, w, r, 0);
	return 0;
}

/* Resolves every entity reference of record `ord` (the properties FtM's
 * model types as entities) into its target's inbound references; a
 * Sanction's entity also gets the sanction, an identification document's
 * holder its numbers, and an edge its two ends. */
static int resolve_refs(vg_builder *b, wstate *w, uint32_t ord)
{
	const vg_ix_record *r = &w->recs[ord];
	const vg_ix_prop *p = w->props + r->prop_start;
	const vg__ftm_schema *s = vg__ftm_find_schema(pstr(b, r->schema_name));
	size_t i, j;
	int rc = 0;

	for (i = 0; i < r->prop_count && !rc; i++) {
		const vg__ftm_prop *fp = vg__ftm_find_prop(s, pstr(b, p[i].key));
		uint32_t t;
		if (!fp || fp->type != VG__FTM_ENTITY ||
		    (t = resolve(b, w, pstr(b, p[i].value))) == UINT32_MAX || t == ord)
			continue;
		if ((rc = add_quad(&w->refs_tmp, &w->n_refs_tmp, &w->cap_refs_tmp, t, ord,
				   p[i].key, 0)) != 0)
			return rc;
		if (r->schema == VG_SCHEMA_SANCTION && !strcmp(fp->name, "entity")) {
			rc = add_quad(&w->sanc_tmp, &w->n_sanc_tmp, &w->cap_sanc_tmp, t, ord, 0, 0);
			count_for_sources(b, w, r, 1);
		} else if ((r->schema == VG_SCHEMA_IDENTIFICATION ||
			    r->schema == VG_SCHEMA_PASSPORT) && !strcmp(fp->name, "holder")) {
			for (j = 0; j < r->prop_count && !rc; j++)
				if (vg__is_identifier_key(pstr(b, p[j].key)))
					rc = add_identifier(w, pstr(b, p[j].value), t);
		}
	}
	if (!rc && s && (s->flags & VG__FTM_EDGE))
		rc = add_edge(b, w, ord, s);
	return rc;
}

/* Lays the props out per new ordinal, dropping exact duplicates that merged
 * records bring. */
static int layout_props(vg_builder *b, wstate *w)
{
	uint32_t n = (uint32_t)b->n_recs, o;
	size_t *start = vg__calloc((size_t)n + 1, sizeof(size_t)), i, j;
	size_t *fill = NULL, cap_run = 0;
	vg_ix_prop *run = NULL;
	int rc = 0;
	if (!start || !(fill = vg__calloc((size_t)n + 1, sizeof(size_t))) ||
	    !(w->props = vg__malloc((b->n_props ? b->n_props : 1) * sizeof(vg_ix_prop)))) {
		rc = vg__error_oom();
		goto cleanup;
	}
	for (i = 0; i < b->n_props; i++)
		start[w->perm[b->props[i].rec] + 1]++;
	for (o = 0; o < n; o++)
		start[o + 1] += start[o];
	memcpy(fill, start, ((size_t)n + 1) * sizeof(size_t));
	for (i = 0; i < b->n_props; i++) {
		const bprop *bp = &b->props[i];
		w->props[fill[w->perm[bp->rec]]++] =
			(vg_ix_prop){ bp->key, bp->value, bp->qual };
	}
	w->n_props = 0;
	for (o = 0; o < n; o++) {
		size_t s = w->n_props, pass, len = start[o + 1] - start[o];
		/* FtM properties first, then the FtM-level fields (entity.c
		 * reads them as the run's tail); read order kept in each.  The
		 * run is copied out first: compacting writes over it. */
		if ((rc = vg__grow(&run, &cap_run, len, sizeof(vg_ix_prop))) != 0)
			goto cleanup;
		if (len)
			memcpy(run, w->props + start[o], len * sizeof(vg_ix_prop));
		for (pass = 0; pass < 2; pass++)
			for (i = 0; i < len; i++) {
				int dup = 0;
				vg_ix_prop v = run[i];
				if (vg__ftm_is_meta_key(pstr(b, v.key)) != (pass == 1))
					continue;
				/* Quadratic, but bounded to keep odd records cheap. */
				for (j = s; j < w->n_props && !dup && w->n_props - s < 256; j++)
					dup = w->props[j].key == v.key &&
					      w->props[j].value == v.value &&
					      w->props[j].qual == v.qual;
				if (!dup)
					w->props[w->n_props++] = v;
			}
		w->recs[o].prop_start = (uint32_t)s;
		w->recs[o].prop_count = (uint32_t)(w->n_props - s);
	}
cleanup:
	free(run);
	free(start);
	free(fill);
	return rc;
}

/* Each record's sources as a run of RSRC: its first input, then the later
 * ones in input order (ascending, as bextra holds them). */
static int layout_sources(vg_builder *b, wstate *w)
{
	uint32_t n = (uint32_t)b->n_recs, o;
	size_t i, pos = 0, *fill = NULL;
	int rc = 0;
	if (b->n_extra >= UINT32_MAX - (size_t)n)
		return vg__error_set(VG_ENOMEM, "too many records for one index");
	if (!(w->rsrc = vg__malloc(((size_t)n + b->n_extra + 1) * sizeof(uint16_t))) ||
	    !(fill = vg__calloc((size_t)n + 1, sizeof(size_t)))) {
		rc = vg__error_oom();
		goto cleanup;
	}
	for (o = 0; o < n; o++)
		w->recs[o].src_count = 1;
	for (i = 0; i < b->n_extra; i++)
		w->recs[w->perm[b->extra[i].rec]].src_count++;
	for (o = 0; o < n; o++) {
		w->recs[o].src_start = (uint32_t)pos;
		w->rsrc[pos] = w->recs[o].source;
		fill[o] = pos + 1;
		pos += w->recs[o].src_count;
	}
	for (i = 0; i < b->n_extra; i++)
		w->rsrc[fill[w->perm[b->extra[i].rec]]++] = (uint16_t)b->extra[i].source;
	w->n_rsrc = pos;
cleanup:
	free(fill);
	return rc;
}

typedef struct {
	int fd;
	uint64_t off;
	vg_ix_section sec[VG_IX_N_SECTIONS];
	size_t n_sec;
	const char *path;
} writer;

static int write_all(writer *wr, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t k = write(wr->fd, p, len);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return vg__error_set(VG_EIO, "%s: %s", wr->path, strerror(errno));
		}
		p += k;
		len -= (size_t)k;
		wr->off += (uint64_t)k;
	}
	return 0;
}

static int write_section(writer *wr, uint32_t tag, uint32_t elem,
			 const void *data, size_t size)
{
	static const char zeros[8] = { 0 };
	vg_ix_section *s = &wr->sec[wr->n_sec++];
	int rc;
	if (wr->off % 8 && (rc = write_all(wr, zeros, 8 - wr->off % 8)) != 0)
		return rc;
	s->tag = tag;
	s->elem_size = elem;
	s->offset = wr->off;
	s->size = size;
	s->hash = vg__hash64(data, size, 0);
	return write_all(wr, data, size);
}

static int write_file(vg_builder *b, wstate *w, const char *path)
{
	writer wr = { -1, 0, { { 0 } }, 0, path };
	vg_ix_header h;
	vg_ix_meta meta;
	unsigned char head[sizeof(vg_ix_header) + sizeof(vg_ix_section) * VG_IX_N_SECTIONS];
	char *tmp = NULL;
	size_t plen = strlen(path);
	int created = 0;
	uint32_t n = (uint32_t)b->n_recs, i;
	int rc = 0;

	if (!(tmp = vg__malloc(plen + 16))) {
		rc = vg__error_oom();
		goto cleanup;
	}
	snprintf(tmp, plen + 16, "%s.tmp.XXXXXX", path);
	if ((wr.fd = mkstemp(tmp)) < 0) {
		rc = vg__error_set(VG_EIO, "%s: %s", tmp, strerror(errno));
		goto cleanup;
	}
	created = 1;
	fchmod(wr.fd, 0644);
	memset(&meta, 0, sizeof(meta));
	meta.n_records = n;
	meta.n_names = (uint32_t)w->n_names;
	meta.n_sources = (uint32_t)b->n_sources;
	meta.built_at = (uint64_t)time(NULL);
	for (i = 0; i < n; i++)
		meta.n_entities += vg_schema_is_screenable((vg_schema)w->recs[i].schema);

	memset(&h, 0, sizeof(h));
	if ((rc = write_all(&wr, &h, sizeof(h))) != 0 ||
	    (rc = write_all(&wr, wr.sec, sizeof(wr.sec))) != 0)
		goto cleanup;
	if ((rc = write_section(&wr, VG_IX_META, sizeof(meta), &meta, sizeof(meta))) ||
	    (rc = write_section(&wr, VG_IX_SRCS, sizeof(vg_ix_source), w->sources,
				b->n_sources * sizeof(vg_ix_source))) ||
	    (rc = write_section(&wr, VG_IX_RECS, sizeof(vg_ix_record), w->recs,
				(size_t)n * sizeof(vg_ix_record))) ||
	    (rc = write_section(&wr, VG_IX_PROP, sizeof(vg_ix_prop), w->props,
				w->n_props * sizeof(vg_ix_prop))) ||
	    (rc = write_section(&wr, VG_IX_NAME, sizeof(vg_ix_name), w->names,
				w->n_names * sizeof(vg_ix_name))) ||
	    (rc = write_section(&wr, VG_IX_NKEY, sizeof(vg_ix_key), w->nkeys,
				w->n_nkeys * sizeof(vg_ix_key))) ||
	    (rc = write_section(&wr, VG_IX_NPST, sizeof(vg_ix_posting), w->npost,
				w->n_npost * sizeof(vg_ix_posting))) ||
	    (rc = write_section(&wr, VG_IX_IKEY, sizeof(vg_ix_key), w->ikeys,
				w->n_ikeys * sizeof(vg_ix_key))) ||
	    (rc = write_section(&wr, VG_IX_IPST, 4, w->ipst,
				(w->n_ikeys ? w->ikeys[w->n_ikeys - 1].start +
				 w->ikeys[w->n_ikeys - 1].count : 0) * sizeof(uint32_t))) ||
	    (rc = write_section(&wr, VG_IX_IDMP, sizeof(vg_ix_idmap), w->idmap,
				(size_t)n * sizeof(vg_ix_idmap))) ||
	    (rc = write_section(&wr, VG_IX_EDGE, sizeof(vg_ix_edge), w->edges,
				w->n_edges * sizeof(vg_ix_edge))) ||
	    (rc = write_section(&wr, VG_IX_SANC, 4, w->sanc,
				w->n_sanc_tmp * sizeof(uint32_t))) ||
	    (rc = write_section(&wr, VG_IX_RSRC, sizeof(uint16_t), w->rsrc,
				w->n_rsrc * sizeof(uint16_t))) ||
	    (rc = write_section(&wr, VG_IX_REFS, sizeof(vg_ix_ref), w->refs,
				w->n_refs_tmp * sizeof(vg_ix_ref))) ||
	    (rc = write_section(&wr, VG_IX_NENC, 1, w->nenc.ptr ? w->nenc.ptr : "",
				w->nenc.size)) ||
	    (rc = write_section(&wr, VG_IX_STRS, 1, b->pool.ptr, b->pool.size)))
		goto cleanup;

	memcpy(h.magic, VG_IX_MAGIC, 8);
	h.version = VG_IX_VERSION;
	h.n_sections = VG_IX_N_SECTIONS;
	h.file_size = wr.off;
	memcpy(head, &h, sizeof(h));
	memcpy(head + sizeof(h), wr.sec, sizeof(wr.sec));
	h.table_hash = vg__ix_header_hash(head);
	memcpy(head, &h, sizeof(h));
	if (pwrite(wr.fd, head, sizeof(head), 0) != (ssize_t)sizeof(head) ||
	    fsync(wr.fd) != 0) {
		rc = vg__error_set(VG_EIO, "%s: %s", tmp, strerror(errno));
		goto cleanup;
	}
	if (close(wr.fd) != 0) {
		wr.fd = -1;
		rc = vg__error_set(VG_EIO, "%s: %s", tmp, strerror(errno));
		goto cleanup;
	}
	wr.fd = -1;
	if (rename(tmp, path) != 0) {
		rc = vg__error_set(VG_EIO, "%s: %s", path, strerror(errno));
		goto cleanup;
	}
cleanup:
	if (wr.fd >= 0)
		close(wr.fd);
	if (rc && created)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* Is the record a subject of its list?  The publisher said so (FtM's
 * "target"), a Sanction record names it, or one of its topics is a target
 * topic of data/ftm_model.txt. */
static bool is_target(const vg_builder *b, const wstate *w, const vg_ix_record *r)
{
	const vg_ix_prop *p = w->props + r->prop_start;
	const vg__ftm_topic *topic;
	size_t i;
	if (r->flags & VG_IXR_SANCTIONED)
		return true;
	for (i = 0; i < r->prop_count; i++) {
		const char *key = pstr(b, p[i].key), *v = pstr(b, p[i].value);
		if (!strcmp(key, "target") && !strcmp(v, "true"))
			return true;
		if (!strcmp(key, "topics") && (topic = vg__ftm_find_topic(v)) && topic->target)
			return true;
	}
	return false;
}

/* Turns the (owner, ...) quads collected while resolving references into
 * each record's runs of sanctions, edges and inbound references, in
 * ordinal order, and sets the sanctioned and target flags. */
static int group_runs(const vg_builder *b, wstate *w)
{
	uint32_t o;
	size_t i;
	if (w->n_sanc_tmp > 1)
		qsort(w->sanc_tmp, w->n_sanc_tmp, sizeof(quad), cmp_quad);
	if (w->n_edges_tmp > 1)
		qsort(w->edges_tmp, w->n_edges_tmp, sizeof(quad), cmp_quad);
	if (w->n_refs_tmp > 1)
		qsort(w->refs_tmp, w->n_refs_tmp, sizeof(quad), cmp_quad);
	if (!(w->sanc = vg__malloc((w->n_sanc_tmp + 1) * sizeof(uint32_t))) ||
	    !(w->edges = vg__malloc((w->n_edges_tmp + 1) * sizeof(vg_ix_edge))) ||
	    !(w->refs = vg__malloc((w->n_refs_tmp + 1) * sizeof(vg_ix_ref))))
		return vg__error_oom();
	for (i = 0; i < w->n_sanc_tmp; i++) {
		vg_ix_record *r = &w->recs[w->sanc_tmp[i].owner];
		if (!r->sanc_count)
			r->sanc_start = (uint32_t)i;
		r->sanc_count++;
		r->flags |= VG_IXR_SANCTIONED;
		w->sanc[i] = w->sanc_tmp[i].a;
	}
	for (i = 0; i < w->n_edges_tmp; i++) {
		vg_ix_record *r = &w->recs[w->edges_tmp[i].owner];
		if (!r->edge_count)
			r->edge_start = (uint32_t)i;
		r->edge_count++;
		w->edges[i] = (vg_ix_edge){ w->edges_tmp[i].a, w->edges_tmp[i].b,
					    w->edges_tmp[i].c };
	}
	w->n_edges = w->n_edges_tmp;
	for (i = 0; i < w->n_refs_tmp; i++) {
		vg_ix_record *r = &w->recs[w->refs_tmp[i].owner];
		if (!r->ref_count)
			r->ref_start = (uint32_t)i;
		r->ref_count++;
		w->refs[i] = (vg_ix_ref){ w->refs_tmp[i].a, w->refs_tmp[i].b };
	}
	for (o = 0; o < b->n_recs; o++)
		if (is_target(b, w, &w->recs[o]))
			w->recs[o].flags |= VG_IXR_TARGET;
	return 0;
}

int vg_builder_write(vg_builder *b, const char *path)
{
	wstate w;
	uint32_t n, o, ne = 0;
	size_t i;
	int rc = 0;

	if (!b || !path)
		return vg__error_set(VG_EUSAGE, "vg_builder_write: NULL argument");
	if ((rc = vg__check_output(path)) < 0)
		return rc;
	memset(&w, 0, sizeof(w));
	n = (uint32_t)b->n_recs;
	if (!(w.seen = vg__calloc(SEEN_SLOTS, sizeof(*w.seen))) ||
	    !(w.perm = vg__malloc(((size_t)n + 1) * sizeof(uint32_t))) ||
	    !(w.inv = vg__malloc(((size_t)n + 1) * sizeof(uint32_t))) ||
	    !(w.recs = vg__calloc((size_t)n + 1, sizeof(vg_ix_record))) ||
	    !(w.idmap = vg__malloc(((size_t)n + 1) * sizeof(vg_ix_idmap))) ||
	    !(w.sources = vg__calloc(b->n_sources + 1, sizeof(vg_ix_source)))) {
		rc = vg__error_oom();
		goto cleanup;
	}
	/* Screenable records first, each group in the order read. */
	for (i = 0; i < n; i++)
		if (vg_schema_is_screenable((vg_schema)b->recs[i].schema))
			w.perm[i] = ne++;
	for (o = ne, i = 0; i < n; i++)
		if (!vg_schema_is_screenable((vg_schema)b->recs[i].schema))
			w.perm[i] = o++;
	for (i = 0; i < n; i++) {
		const brec *br = &b->recs[i];
		vg_ix_record *r = &w.recs[w.perm[i]];
		w.inv[w.perm[i]] = (uint32_t)i;
		r->id = br->id;
		r->schema_name = br->schema_name;
		r->schema = br->schema;
		r->source = (uint16_t)br->source;
	}
	if ((rc = layout_props(b, &w)) != 0 || (rc = layout_sources(b, &w)) != 0)
		goto cleanup;
	for (o = 0; o < n; o++) {
		vg_ix_record *r = &w.recs[o];
		if ((rc = caption_of(&r->caption, b, r, w.props + r->prop_start)) != 0)
			goto cleanup;
		r->name_start = (uint32_t)w.n_names;
		if (o < ne) {
			size_t before = w.n_names;
			uint32_t k;
			if ((rc = index_names(b, &w, o)) != 0)
				goto cleanup;
			for (k = 0; k < r->src_count; k++)
				b->sources[w.rsrc[r->src_start + k]].w_names +=
					w.n_names - before;
		}
		if ((rc = resolve_refs(b, &w, o)) != 0)
			goto cleanup;
	}
	if ((rc = group_runs(b, &w)) != 0)
		goto cleanup;
	if ((rc = make_postings(&w.nkeys, &w.n_nkeys, &w.npst, w.nk, w.n_nk)) != 0 ||
	    (rc = make_postings(&w.ikeys, &w.n_ikeys, &w.ipst, w.ik, w.n_ik)) != 0)
		goto cleanup;
	w.n_npost = w.n_nkeys ? (size_t)w.nkeys[w.n_nkeys - 1].start +
				w.nkeys[w.n_nkeys - 1].count : 0;
	if (!(w.npost = vg__malloc((w.n_npost + 1) * sizeof(vg_ix_posting)))) {
		rc = vg__error_oom();
		goto cleanup;
	}
	for (i = 0; i < w.n_npost; i++) {
		w.npost[i].name = w.npst[i];
		w.npost[i].record = w.names[w.npst[i]].record;
	}
	for (o = 0; o < n; o++) {
		const char *id = pstr(b, w.recs[o].id);
		w.idmap[o] = (vg_ix_idmap){ vg__hash64(id, strlen(id), VG_IX_IDMAP_SEED), o, 0 };
	}
	if (n > 1)
		qsort(w.idmap, n, sizeof(vg_ix_idmap), cmp_pair);
	/* A record several inputs list is an entity of each; a Position is
	 * indexed but is no party. */
	for (o = 0; o < ne; o++)
		for (i = 0; vg_schema_is_party((vg_schema)w.recs[o].schema) &&
			    i < w.recs[o].src_count; i++)
			w.sources[w.rsrc[w.recs[o].src_start + i]].n_entities++;
	for (i = 0; i < b->n_sources; i++) {
		bsource *s = &b->sources[i];
		vg_ix_source *d = &w.sources[i];
		if (intern(&d->name, b, s->meta.name, strlen(s->meta.name)) ||
		    intern(&d->format, b, s->meta.format, strlen(s->meta.format)) ||
		    intern(&d->path, b, s->path, strlen(s->path)) ||
		    intern(&d->version, b, s->meta.version, strlen(s->meta.version)) ||
		    intern(&d->as_of, b, s->meta.as_of, strlen(s->meta.as_of)) ||
		    intern(&d->encoding, b, s->meta.encoding, strlen(s->meta.encoding))) {
			rc = VG_ENOMEM;
			goto cleanup;
		}
		d->n_names = (uint32_t)s->w_names;
		d->n_links = (uint32_t)s->w_links;
		d->n_sanctions = (uint32_t)s->w_sanctions;
		d->n_records = (uint32_t)s->n_records;
	}
	rc = write_file(b, &w, path);
cleanup:
	wstate_dispose(&w);
	return rc;
}
