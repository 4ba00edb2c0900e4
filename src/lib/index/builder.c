/*
 * builder.c - reading list files into one entity model (the writing half
 * is write.c; the tables are in builder_internal.h).
 *
 * Invariant: between calls the builder holds only complete inputs: a
 * failed vg_builder_add() truncates every table back to where it was, the
 * name pipeline's results included.
 *
 * How it works: records arrive through the reader callback and are copied
 * into packed tables (one interned string pool; properties as runs of a
 * flat array).  A record whose id was already seen is merged into the
 * first one, and an input that delivers an id an earlier input delivered
 * is added to that record's sources (OFAC SDN and consolidated share ids),
 * so the record is in every list that names it.  The names of each new
 * screenable record go to the name pipeline as soon as the record is read,
 * so that other cores analyse them while this one reads on; the names of a
 * record delivered again are analysed at write time instead, once all its
 * properties are known.
 */
#include "index/builder_internal.h"
#include "index/hash.h"
#include "model/ftm.h"
#include "common/error.h"
#include "common/alloc.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define DEFAULT_MEMORY ((size_t)512 << 20)
#define MAX_THREADS 16

/* ---- the string pool ------------------------------------------------------ */

/* The tables below are open addressing with two u32 per slot: the value
 * (0 = empty) and the top bits of the key's hash, the tag.  A probe
 * compares strings only when the tags agree, and a key's first slot is
 * given by its tag, so that growing a table moves slots without reading a
 * string or hashing again (at 1M entities rehashing the strings was 4 % of
 * the build). */
static uint32_t tag_of(uint64_t h)
{
	return (uint32_t)(h >> 32);
}

/* A table of twice cap u32 holding the filled slots of t (cap slots) at
 * their tags' places. */
static uint32_t *regrow(vg__mapped *mt, const uint32_t *t, size_t cap, size_t ncap)
{
	uint32_t *n;
	size_t i, j;
	if (vg__mcalloc(mt, &n, ncap * 2, sizeof(*n)))
		return NULL;
	for (i = 0; i < cap; i++) {
		if (!t[2 * i])
			continue;
		j = t[2 * i + 1] & (ncap - 1);
		while (n[2 * j])
			j = (j + 1) & (ncap - 1);
		n[2 * j] = t[2 * i];
		n[2 * j + 1] = t[2 * i + 1];
	}
	return n;
}

static int intern_rehash(vg_builder *b, size_t ncap)
{
	uint32_t *t = regrow(b->mt, b->intern, b->intern_cap, ncap);
	if (!t)
		return VG_ENOMEM;
	vg__mapped_hot(b->mt, t);
	vg__mfree(b->mt, b->intern);
	b->intern = t;
	b->intern_cap = ncap;
	return 0;
}

int vg__bintern(uint32_t *out, vg_builder *b, const char *s, size_t len)
{
	size_t j;
	uint64_t h;
	uint32_t tag;
	if (!len) {
		*out = 0;
		return 0;
	}
	if ((b->intern_n + 1) * 2 > b->intern_cap &&
	    intern_rehash(b, b->intern_cap ? b->intern_cap * 2 : 1024))
		return VG_ENOMEM;
	h = vg__hash64(s, len, 0);
	tag = tag_of(h);
	j = tag & (b->intern_cap - 1);
	while (b->intern[2 * j]) {
		const char *t = b->pool.ptr + b->intern[2 * j];
		if (b->intern[2 * j + 1] == tag && !strncmp(t, s, len) && t[len] == '\0')
			goto found;
		j = (j + 1) & (b->intern_cap - 1);
	}
	if (b->pool.size + len + 1 >= UINT32_MAX)
		return vg__error_set(VG_ENOMEM, "index string pool over 4 GiB");
	/* room for both puts below, so that vg_buf never reallocates it */
	if (vg__mgrow(b->mt, &b->pool.ptr, &b->pool.asize, b->pool.size + len + 2, 1))
		return VG_ENOMEM;
	b->intern[2 * j] = (uint32_t)b->pool.size;
	b->intern[2 * j + 1] = tag;
	if (vg_buf_put(&b->pool, s, len) || vg_buf_put(&b->pool, "", 1))
		return VG_ENOMEM;
	b->intern_n++;
found:
	*out = b->intern[2 * j];
	return 0;
}

/* ---- property keys ---------------------------------------------------------- */

/* What a property key is, and which FtM property it is in a schema, for
 * each key met (interned: one pool offset per text).  Reading conforms
 * every property to its schema and the write looks at every property four
 * times; comparing key texts and searching the model each time was a
 * tenth of the write's work and 6 % of reading's at 1M entities. */
#define KC_SLOTS 4096u
#define KC_SCHEMA_SLOTS 256u

struct vg__bkeycache {
	uint32_t key[KC_SLOTS];
	uint8_t class[KC_SLOTS];
	uint64_t pkey[KC_SLOTS]; /* schema + 1 << 32 | key; 0 = empty */
	const vg__ftm_prop *prop[KC_SLOTS];
	/* schemata by the pool offset of their name (0 = empty): reading
	 * and the write look one up three times per record, each a search
	 * of the model comparing names (2 % of an update at 100k) */
	uint32_t sname[KC_SCHEMA_SLOTS];
	const vg__ftm_schema *schema[KC_SCHEMA_SLOTS];
};

static size_t kc_slot(uint64_t k)
{
	return (size_t)((k * 0x9E3779B97F4A7C15ull) >> 52) & (KC_SLOTS - 1);
}

static unsigned key_class_of(const char *k)
{
	return VG__KC_FILLED | (vg__ftm_is_meta_key(k) ? VG__KC_META : 0) |
	       (vg__is_identifier_key(k) ? VG__KC_IDENT : 0) |
	       (!strcmp(k, "birthDate") ? VG__KC_BIRTH : 0) |
	       (!strcmp(k, "target") ? VG__KC_TARGET : 0) |
	       (!strcmp(k, "topics") ? VG__KC_TOPICS : 0);
}

unsigned vg__bkey_class(vg_builder *b, uint32_t key)
{
	vg__bkeycache *kc = b->kc;
	size_t j = kc_slot(key), n;
	for (n = 0; n < KC_SLOTS; n++, j = (j + 1) & (KC_SLOTS - 1)) {
		if (!kc->class[j]) {
			kc->key[j] = key;
			kc->class[j] = (uint8_t)key_class_of(vg__bstr(b, key));
			return kc->class[j];
		}
		if (kc->key[j] == key)
			return kc->class[j];
	}
	return key_class_of(vg__bstr(b, key)); /* full: more keys than any list has */
}

const vg__ftm_schema *vg__bschema(vg_builder *b, uint32_t name)
{
	vg__bkeycache *kc = b->kc;
	size_t j = kc_slot(name) & (KC_SCHEMA_SLOTS - 1), n;
	if (!name)
		return vg__ftm_find_schema("");
	for (n = 0; n < KC_SCHEMA_SLOTS; n++, j = (j + 1) & (KC_SCHEMA_SLOTS - 1)) {
		if (!kc->sname[j]) {
			kc->sname[j] = name;
			return kc->schema[j] = vg__ftm_find_schema(vg__bstr(b, name));
		}
		if (kc->sname[j] == name)
			return kc->schema[j];
	}
	return vg__ftm_find_schema(vg__bstr(b, name)); /* more schema names than FtM has */
}

const vg__ftm_prop *vg__bfind_prop(vg_builder *b, const vg__ftm_schema *s, uint32_t key)
{
	vg__bkeycache *kc = b->kc;
	uint64_t k;
	size_t j, n;
	if (!s)
		return NULL;
	k = (uint64_t)(s - vg__ftm_schemata + 1) << 32 | key;
	for (n = 0, j = kc_slot(k); n < KC_SLOTS; n++, j = (j + 1) & (KC_SLOTS - 1)) {
		if (!kc->pkey[j]) {
			kc->pkey[j] = k;
			return kc->prop[j] = vg__ftm_find_prop(s, vg__bstr(b, key));
		}
		if (kc->pkey[j] == k)
			return kc->prop[j];
	}
	return vg__ftm_find_prop(s, vg__bstr(b, key));
}

/* ---- the id map used while building ------------------------------------ */

/* The id table rebuilt from the records (after a rollback removed some). */
static int ids_rehash(vg_builder *b, size_t ncap)
{
	uint32_t *t;
	size_t i;
	if (vg__mcalloc(b->mt, &t, ncap * 2, sizeof(*t)))
		return VG_ENOMEM;
	for (i = 0; i < b->n_recs; i++) {
		const char *s = vg__bstr(b, b->recs[i].id);
		uint32_t tag = tag_of(vg__hash64(s, strlen(s), 0));
		size_t j = tag & (ncap - 1);
		while (t[2 * j])
			j = (j + 1) & (ncap - 1);
		t[2 * j] = (uint32_t)i + 1;
		t[2 * j + 1] = tag;
	}
	vg__mapped_hot(b->mt, t);
	vg__mfree(b->mt, b->ids);
	b->ids = t;
	b->ids_cap = ncap;
	b->ids_n = b->n_recs;
	return 0;
}

static int ids_grow(vg_builder *b)
{
	uint32_t *t = regrow(b->mt, b->ids, b->ids_cap, b->ids_cap * 2);
	if (!t)
		return VG_ENOMEM;
	vg__mapped_hot(b->mt, t);
	vg__mfree(b->mt, b->ids);
	b->ids = t;
	b->ids_cap *= 2;
	return 0;
}

/* Record index of id, or -1; *slot receives where to insert it. */
static long ids_find(const vg_builder *b, const char *id, uint64_t h, size_t *slot)
{
	uint32_t tag = tag_of(h);
	size_t j = tag & (b->ids_cap - 1);
	while (b->ids[2 * j]) {
		if (b->ids[2 * j + 1] == tag &&
		    !strcmp(vg__bstr(b, b->recs[b->ids[2 * j] - 1].id), id))
			return (long)b->ids[2 * j] - 1;
		j = (j + 1) & (b->ids_cap - 1);
	}
	*slot = j;
	return -1;
}

long vg__bfind(const vg_builder *b, const char *id)
{
	size_t slot;
	return ids_find(b, id, vg__hash64(id, strlen(id), 0), &slot);
}

/* ---- public: new / free -------------------------------------------------- */

void vg_builder_options_init(vg_builder_options *o)
{
	if (o)
		*o = (vg_builder_options)VG_BUILDER_OPTIONS_INIT;
}

/* The previous index's pages leave this process's memory (they stay in
 * the page cache). */
static void let_go(const vg_index *ix)
{
	if (ix && ix->map)
		madvise(ix->map, ix->map_len, MADV_DONTNEED);
}

/* The previous index, when it can be opened (any failure only means that
 * every name is analysed: the reason goes to the summary). */
static void open_reuse(vg_builder *b)
{
	/* what the build copies: the names as listed and their encodings,
	 * whose checksums opening does not verify */
	static const uint32_t copied[] = { VG_IX_NAME, VG_IX_STRS, VG_IX_NENC };
	int rc;
	if (!b->opts.reuse || access(b->opts.reuse, F_OK) != 0)
		return;
	/* Opening reads the index's structure (names, terms, postings) and
	 * the checksums the copied sections: each lets its pages go, or the
	 * two add up (at 1M entities 560 MB, over the default bound before
	 * the build has begun).  The build reads only the names' sections
	 * again, and lets them go as it goes (pipeline.c). */
	if ((rc = vg_index_open(&b->reuse, b->opts.reuse)) == 0) {
		let_go(b->reuse);
		rc = vg__index_verify_sections(b->reuse, copied, sizeof(copied) / sizeof(copied[0]));
	}
	if (rc) {
		snprintf(b->reuse_why, sizeof(b->reuse_why), "%s", vg_error_last()->message);
		vg_error_clear();
		vg_index_free(b->reuse);
		b->reuse = NULL;
		return;
	}
	let_go(b->reuse);
}

static int setup(vg_builder *b)
{
	vg__pipeline_options po;
	const char *tmp = b->opts.tmpdir;
	size_t mem = b->opts.memory ? b->opts.memory : DEFAULT_MEMORY;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int rc;
	if (!tmp || !tmp[0])
		tmp = getenv("TMPDIR");
	if (!(b->tmpdir = vg__strdup(tmp && tmp[0] ? tmp : "/tmp")))
		return vg__error_oom();
	b->threads = b->opts.threads ? b->opts.threads : cores > 0 ? (unsigned)cores : 1;
	if (b->threads > MAX_THREADS)
		b->threads = MAX_THREADS;
	/* The whole build's resident memory: an eighth for the analyses
	 * held in memory, an eighth for each sort (the derived keys' and the
	 * write's, two at a time), and the large tables keep the rest by
	 * letting their pages go (mapped.h). */
	b->pipe_budget = mem / 8;
	b->sort_budget = mem / 8;
	if ((rc = vg__mapped_new(&b->mt, mem, b->tmpdir)) != 0)
		return rc;
	open_reuse(b);
	if ((rc = vg__sorter_new(&b->derived, b->sort_budget, b->tmpdir)) != 0)
		return rc;
	po.budget = b->pipe_budget;
	po.tmpdir = b->tmpdir;
	po.threads = b->threads;
	po.reuse = b->reuse;
	po.derived = b->derived;
	return vg__pipeline_new(&b->pipe, &po);
}

int vg_builder_new_with(vg_builder **out, const vg_builder_options *o)
{
	vg_builder_options def = VG_BUILDER_OPTIONS_INIT;
	vg_builder *b;
	int rc;
	if (!out)
		return vg__error_set(VG_EUSAGE, "vg_builder_new: NULL argument");
	if (!o)
		o = &def;
	if (o->version != VG_BUILDER_OPTIONS_VERSION)
		return vg__error_set(VG_EUSAGE, "vg_builder_new: options version %u, expected %u "
				     "(use VG_BUILDER_OPTIONS_INIT)", o->version,
				     VG_BUILDER_OPTIONS_VERSION);
	if (!(b = vg__calloc(1, sizeof(*b))))
		return vg__error_oom();
	b->opts = *o;
	if (vg_buf_put(&b->pool, "", 1) || intern_rehash(b, 1024) || ids_rehash(b, 1024) ||
	    !(b->kc = vg__calloc(1, sizeof(*b->kc)))) {
		vg_builder_free(b);
		return vg__error_oom();
	}
	if ((rc = setup(b)) != 0) {
		vg_builder_free(b);
		return rc;
	}
	*out = b;
	return 0;
}

int vg_builder_new(vg_builder **out)
{
	return vg_builder_new_with(out, NULL);
}

void vg_builder_free(vg_builder *b)
{
	size_t i;
	if (!b)
		return;
	vg__pipeline_free(b->pipe);
	vg__sorter_free(b->derived);
	vg_index_free(b->reuse);
	for (i = 0; i < b->n_sources; i++)
		vg_buf_dispose(&b->sources[i].warnings);
	free(b->sources);
	vg__mfree(b->mt, b->pool.ptr);
	vg__mfree(b->mt, b->intern);
	vg__mfree(b->mt, b->recs);
	vg__mfree(b->mt, b->props);
	vg__mfree(b->mt, b->extra);
	vg__mfree(b->mt, b->runs);
	vg__mfree(b->mt, b->redelivered);
	vg__mfree(b->mt, b->ids);
	vg__mapped_free(b->mt);
	free(b->seen);
	free(b->kc);
	free(b->tmpdir);
	vg_buf_dispose(&b->scratch);
	free(b);
}

/* ---- reading ------------------------------------------------------------- */

/* The kinds of names, in the order a record's names are numbered. */
static const struct {
	const char *key;
	uint32_t flags;
} name_kinds[] = {
	{ "name", 0 },
	{ "alias", 0 },
	{ "previousName", VG_IXN_PREVIOUS },
	{ "weakAlias", VG_IXN_WEAK },
};
#define N_KINDS (sizeof(name_kinds) / sizeof(name_kinds[0]))

static int kind_of_str(const char *k)
{
	size_t i;
	/* the first letters differ: one string compared at most (this runs
	 * for every property of every screenable record) */
	for (i = 0; i < N_KINDS; i++)
		if (k[0] == name_kinds[i].key[0])
			return strcmp(k, name_kinds[i].key) ? -1 : (int)i;
	return -1;
}

static int kind_of(const vg_builder *b, uint32_t key)
{
	return kind_of_str(vg__bstr(b, key));
}

int vg__bname_key(const char *k)
{
	return kind_of_str(k) >= 0;
}

/* The record's properties as FtM has them for its schema s (see
 * conform.c), appended to the builder's; *added receives how many. */
static int add_props(vg_builder *b, bsource *src, const vg_record *rec,
		     const vg__ftm_schema *s, size_t *added)
{
	vg__conformed c;
	size_t i, n0 = b->n_props;
	if (vg__mgrow(b->mt, &b->props, &b->cap_props, b->n_props + rec->n_props,
		      sizeof(vg_ix_prop)))
		return VG_ENOMEM;
	for (i = 0; i < rec->n_props; i++) {
		const vg_prop *p = &rec->props[i];
		vg_ix_prop *bp = &b->props[b->n_props];
		uint32_t key;
		bool meta;
		if (vg__bintern(&key, b, p->key, strlen(p->key)))
			return VG_ENOMEM;
		meta = (vg__bkey_class(b, key) & VG__KC_META) != 0;
		switch (vg__conform_found(s, meta ? NULL : vg__bfind_prop(b, s, key), meta, p->key,
					  p->value, &c, &b->scratch)) {
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
		bp->key = key;
		if ((c.key != p->key && vg__bintern(&bp->key, b, c.key, strlen(c.key))) ||
		    vg__bintern(&bp->value, b, c.value, strlen(c.value)) ||
		    vg__bintern(&bp->qual, b, p->qual ? p->qual : "",
				p->qual ? strlen(p->qual) : 0))
			return VG_ENOMEM;
		if (vg_schema_is_screenable(rec->schema) && vg__bname_key(c.key))
			src->n_names++;
		b->n_props++;
	}
	*added = b->n_props - n0;
	return 0;
}

int vg__bjoined_parts(uint32_t *out, vg_builder *b, const vg_ix_prop *p, size_t n)
{
	static const char *const parts[] = { "firstName", "secondName", "middleName",
					     "fatherName", "lastName" };
	size_t k, i;
	*out = 0;
	vg_buf_clear(&b->scratch);
	for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++)
		for (i = 0; i < n; i++)
			if (!strcmp(vg__bstr(b, p[i].key), parts[k])) {
				if (b->scratch.size)
					vg_buf_puts(&b->scratch, " ");
				vg_buf_puts(&b->scratch, vg__bstr(b, p[i].value));
				break;
			}
	if (vg_buf_oom(&b->scratch))
		return vg__error_oom();
	return b->scratch.size ? vg__bintern(out, b, b->scratch.ptr, b->scratch.size) : 0;
}

/* True when the name of pool offset value was already given by this call
 * of vg__bname_each (stamp); records it otherwise.  Linear: a source giving
 * one entity 200,000 names took 44 s when each was compared with all
 * before it. */
static bool name_seen(vg_builder *b, uint32_t value)
{
	uint32_t h = (value * 2654435761u) & (VG__BUILD_SEEN_SLOTS - 1);
	while (b->seen[h].stamp == b->seen_stamp) {
		if (b->seen[h].value == value)
			return true;
		h = (h + 1) & (VG__BUILD_SEEN_SLOTS - 1);
	}
	b->seen[h].stamp = b->seen_stamp;
	b->seen[h].value = value;
	return false;
}

/* Says once, in the source's warnings, that record ri has more names than
 * are indexed. */
static void too_many_names(vg_builder *b, uint32_t ri)
{
	brec *br = &b->recs[ri];
	bsource *src = &b->sources[br->source];
	if (br->warned)
		return;
	br->warned = 1;
	src->n_warnings++;
	if (src->n_warnings <= VG__BUILD_WARNINGS_KEPT &&
	    vg_buf_printf(&src->warnings, "%s:%u: entity %s has more than %d names; "
			  "only the first %d are indexed\n", src->path, br->line,
			  vg__bstr(b, br->id), VG__BUILD_MAX_NAMES, VG__BUILD_MAX_NAMES) < 0)
		src->warning_lost = true;
}

int vg__bname_each(vg_builder *b, uint32_t ri, const vg_ix_prop *p, size_t n,
		   int (*fn)(void *ctx, uint32_t ri, uint32_t value, uint32_t flags),
		   void *ctx, size_t *n_names)
{
	size_t k, i;
	int rc;
	*n_names = 0;
	if (!b->seen && !(b->seen = vg__calloc(VG__BUILD_SEEN_SLOTS, sizeof(*b->seen))))
		return vg__error_oom();
	/* a fresh stamp per call empties the table; on wrap-around it is
	 * cleared for real */
	if (++b->seen_stamp == 0) {
		memset(b->seen, 0, VG__BUILD_SEEN_SLOTS * sizeof(*b->seen));
		b->seen_stamp = 1;
	}
	/* the same text twice (name and alias) is one name, the first in
	 * numbering order; interned: the same offset */
	for (k = 0; k < N_KINDS; k++)
		for (i = 0; i < n; i++) {
			if (kind_of(b, p[i].key) != (int)k || name_seen(b, p[i].value))
				continue;
			if (*n_names == VG__BUILD_MAX_NAMES) {
				too_many_names(b, ri);
				return 0;
			}
			(*n_names)++;
			if ((rc = fn(ctx, ri, p[i].value, name_kinds[k].flags)) != 0)
				return rc;
		}
	return 0;
}

static int push_name(void *ctx, uint32_t ri, uint32_t value, uint32_t flags)
{
	vg_builder *b = ctx;
	const char *text = vg__bstr(b, value);
	return vg__pipeline_push(b->pipe, ri, value, flags, (vg_schema)b->recs[ri].schema,
				 text, strlen(text));
}

/* A new screenable record's names go to the pipeline: its names, else the
 * name its parts make. */
static int queue_names(vg_builder *b, uint32_t ri)
{
	const brec *r = &b->recs[ri];
	const vg_ix_prop *p = b->props + r->prop_start;
	uint32_t joined;
	size_t n;
	int rc;
	if (!vg_schema_is_screenable((vg_schema)r->schema))
		return 0;
	if ((rc = vg__bname_each(b, ri, p, r->prop_count, push_name, b, &n)) != 0 || n)
		return rc;
	if ((rc = vg__bjoined_parts(&joined, b, p, r->prop_count)) != 0 || !joined)
		return rc;
	return push_name(b, ri, joined, VG_IXN_DERIVED);
}

/* A record delivered again: its new properties are one more run. */
static int redeliver(vg_builder *b, bsource *src, const vg_record *rec, uint32_t ri)
{
	size_t start = b->n_props, added;
	brec *r = &b->recs[ri];
	const vg__ftm_schema *s = vg__ftm_find_schema(rec->schema_name ? rec->schema_name
							       : vg_schema_name(rec->schema));
	int rc;
	src->n_merged++;
	/* Inputs are read one after the other, so comparing with the latest
	 * one is enough to list each input once. */
	if (r->last_source != b->cur_source) {
		if (vg__mgrow(b->mt, &b->extra, &b->cap_extra, b->n_extra + 1, sizeof(bextra)))
			return VG_ENOMEM;
		b->extra[b->n_extra++] = (bextra){ ri, (uint32_t)b->cur_source };
		r->last_source = (uint32_t)b->cur_source;
		src->n_records++;
		src->by_schema[r->schema < VG_SCHEMA__COUNT ? r->schema : VG_SCHEMA_OTHER]++;
	}
	if ((rc = add_props(b, src, rec, s, &added)) != 0)
		return rc;
	if (vg__mgrow(b->mt, &b->redelivered, &b->cap_redelivered, b->n_redelivered + 1,
		      sizeof(uint32_t)) ||
	    (added && vg__mgrow(b->mt, &b->runs, &b->cap_runs, b->n_runs + 1, sizeof(brun))))
		return VG_ENOMEM;
	b->redelivered[b->n_redelivered++] = ri;
	if (r->deliveries < UINT16_MAX)
		r->deliveries++;
	if (added)
		b->runs[b->n_runs++] = (brun){ ri, (uint32_t)start, (uint32_t)added };
	return 0;
}

static int on_record(void *ctx, const vg_record *rec)
{
	vg_builder *b = ctx;
	bsource *src = &b->sources[b->cur_source];
	const char *schema = rec->schema_name ? rec->schema_name : vg_schema_name(rec->schema);
	size_t slot = 0, added;
	uint64_t h;
	long existing;
	uint32_t ri, id;
	brec *r;
	int rc;

	if (!rec->id || !rec->id[0]) {
		src->n_warnings++;
		return 0;
	}
	vg__mapped_check(b->mt);
	if ((b->ids_n + 1) * 2 > b->ids_cap && ids_grow(b))
		return VG_ENOMEM;
	h = vg__hash64(rec->id, strlen(rec->id), 0);
	if ((existing = ids_find(b, rec->id, h, &slot)) >= 0)
		return redeliver(b, src, rec, (uint32_t)existing);
	if (b->n_recs >= UINT32_MAX - 1)
		return vg__error_set(VG_ENOMEM, "too many records");
	if (vg__mgrow(b->mt, &b->recs, &b->cap_recs, b->n_recs + 1, sizeof(brec)) ||
	    vg__bintern(&id, b, rec->id, strlen(rec->id)))
		return VG_ENOMEM;
	ri = (uint32_t)b->n_recs;
	r = &b->recs[ri];
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->schema = (uint16_t)rec->schema;
	r->source = r->last_source = (uint32_t)b->cur_source;
	r->line = rec->line > UINT32_MAX ? UINT32_MAX : (uint32_t)rec->line;
	r->deliveries = 1;
	r->prop_start = (uint32_t)b->n_props;
	if ((rc = vg__bintern(&r->schema_name, b, schema, strlen(schema))) != 0)
		return rc;
	/* counted only once it is complete: a failure rolls n_recs back */
	if ((rc = add_props(b, src, rec, vg__bschema(b, r->schema_name), &added)) != 0)
		return rc;
	b->recs[ri].prop_count = (uint32_t)added;
	b->n_recs++;
	b->ids[2 * slot] = ri + 1;
	b->ids[2 * slot + 1] = tag_of(h);
	b->ids_n++;
	src->n_records++;
	src->by_schema[rec->schema < VG_SCHEMA__COUNT ? rec->schema : VG_SCHEMA_OTHER]++;
	return queue_names(b, ri);
}

static void on_warning(void *ctx, const char *file, size_t line, const char *what)
{
	vg_builder *b = ctx;
	bsource *src = &b->sources[b->cur_source];
	src->n_warnings++;
	if (src->n_warnings <= VG__BUILD_WARNINGS_KEPT &&
	    vg_buf_printf(&src->warnings, "%s:%zu: %s\n", file ? file : "?",
			  line, what ? what : "") < 0)
		src->warning_lost = true;
}

/* Where the tables were before an input, to truncate back to. */
typedef struct {
	size_t recs, props, extra, runs, redelivered;
	uint64_t pipe;
} bmark;

/* Forgets everything input `src` added (it failed). */
static int rollback(vg_builder *b, bsource *src, const bmark *m)
{
	size_t i;
	int rc;
	/* The next input reuses this source number: records it touched must
	 * not look already delivered by it. */
	for (i = m->extra; i < b->n_extra; i++)
		if (b->extra[i].rec < m->recs)
			b->recs[b->extra[i].rec].last_source = b->recs[b->extra[i].rec].source;
	for (i = m->redelivered; i < b->n_redelivered; i++)
		if (b->redelivered[i] < m->recs && b->recs[b->redelivered[i]].deliveries < UINT16_MAX)
			b->recs[b->redelivered[i]].deliveries--;
	b->n_extra = m->extra;
	b->n_recs = m->recs;
	b->n_props = m->props;
	b->n_runs = m->runs;
	b->n_redelivered = m->redelivered;
	vg_buf_dispose(&src->warnings);
	if ((rc = vg__pipeline_rollback(b->pipe, m->pipe)) != 0)
		return rc;
	return ids_rehash(b, b->ids_cap);
}

int vg_builder_add(vg_builder *b, const char *path, vg_format format)
{
	vg_reader_sink sink;
	bsource *src;
	bmark m;
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
	if ((rc = vg__pipeline_mark(b->pipe, &m.pipe)) != 0)
		return rc;
	src = &b->sources[b->n_sources];
	memset(src, 0, sizeof(*src));
	snprintf(src->path, sizeof(src->path), "%s", path);
	b->cur_source = b->n_sources;
	m = (bmark){ b->n_recs, b->n_props, b->n_extra, b->n_runs, b->n_redelivered, m.pipe };

	sink.on_record = on_record;
	sink.on_warning = on_warning;
	sink.ctx = b;
	sink.threads = b->threads;
	rc = vg_source_read(path, format, &src->meta, &sink);
	if (rc == 0 && src->warning_lost)
		rc = vg__error_oom();
	if (rc) {
		const vg_error *e = vg_error_last();
		if (!e->message[0])
			vg__error_set(rc, "%s: read failed", path);
		rc = e->code ? e->code : rc;
		{
			/* keep the input's error over a rollback's */
			char msg[512];
			snprintf(msg, sizeof(msg), "%s", e->message);
			if (rollback(b, src, &m) != 0)
				return VG_ENOMEM;
			vg__error_set(rc, "%s", msg);
		}
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

static void summarise_source(const bsource *src, vg_buf *out)
{
	size_t ents = 0;
	int s;
	for (s = 0; s < VG_SCHEMA__COUNT; s++)
		if (vg_schema_is_party((vg_schema)s))
			ents += src->by_schema[s];
	vg_buf_printf(out, "%s (%s, %s%s%s%s%s): %zu entities, %zu records", src->meta.name,
		      src->meta.format, src->path, src->meta.as_of[0] ? ", as of " : "",
		      src->meta.as_of, src->meta.encoding[0] ? ", " : "", src->meta.encoding,
		      ents, src->n_records);
	for (s = 1; s < VG_SCHEMA__COUNT; s++)
		if (src->by_schema[s])
			vg_buf_printf(out, "%s %s %zu", s == 1 ? ";" : ",",
				      vg_schema_name((vg_schema)s), src->by_schema[s]);
	vg_buf_printf(out, "\n  names %zu", src->n_names);
	if (src->w_names || src->w_links || src->w_sanctions)
		vg_buf_printf(out, " (%zu indexed), links %zu, sanctions %zu", src->w_names,
			      src->w_links, src->w_sanctions);
	if (src->n_merged)
		vg_buf_printf(out, ", %zu records merged into an earlier one with the same id",
			      src->n_merged);
	if (src->n_conformed)
		vg_buf_printf(out, ", %zu values moved or dropped to fit FtM's model",
			      src->n_conformed);
	vg_buf_printf(out, ", warnings %zu\n", src->n_warnings);
	if (src->warnings.size)
		vg_buf_put(out, src->warnings.ptr, src->warnings.size);
	if (src->n_warnings > VG__BUILD_WARNINGS_KEPT)
		vg_buf_printf(out, "  ... %zu more warnings\n",
			      src->n_warnings - VG__BUILD_WARNINGS_KEPT);
}

int vg_builder_summary(const vg_builder *b, vg_buf *out)
{
	uint64_t analysed, reused;
	size_t i;
	int ok;
	if (!b || !out)
		return vg__error_set(VG_EUSAGE, "vg_builder_summary: NULL argument");
	for (i = 0; i < b->n_sources; i++)
		summarise_source(&b->sources[i], out);
	if (b->n_names_skipped)
		vg_buf_printf(out, "names without letters or digits, not indexed: %zu\n",
			      b->n_names_skipped);
	analysed = b->n_analysed, reused = b->n_reused, ok = b->reuse_ok;
	if (b->pipe)
		vg__pipeline_stats(b->pipe, &analysed, &reused, &ok);
	if (b->opts.reuse)
		vg_buf_printf(out, "names analysed: %llu, of which %llu copied from %s%s%s%s\n",
			      (unsigned long long)analysed, (unsigned long long)reused,
			      b->opts.reuse, b->reuse_why[0] || (b->reuse && !ok) ? " (" : "",
			      b->reuse_why[0] ? b->reuse_why
			      : b->reuse && !ok ? "analysed by another vigil: not reused" : "",
			      b->reuse_why[0] || (b->reuse && !ok) ? ")" : "");
	return vg_buf_check(out);
}
