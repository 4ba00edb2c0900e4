/*
 * diff.c - what changed between two indexes, by stable entity id.
 *
 * How it works: every screenable entity of each index is looked up by id
 * in the other; one present in both is rendered as entity JSON (with its
 * direct links) from each side and compared field by field after
 * canonicalisation (object keys sorted, arrays compared as sets), so
 * that a publisher reordering aliases is not a change.  Within
 * "properties" each property is compared on its own and named in the
 * result; every other top-level field (schema, caption, sanctions,
 * datasets, topics, links ...) is named by its key.
 *
 * Invariant: a vg_diff owns copies of everything it reports (ids,
 * captions, property lists in one packed buffer) and its three lists are
 * sorted bytewise by id, which is what vg_diff_lookup's binary search
 * relies on.
 */
#include "vigil/update.h"
#include "common/error.h"
#include "common/alloc.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	size_t id, caption, props; /* offsets into strings */
} diff_entry;

struct vg_diff {
	vg_buf strings;
	diff_entry *list[VG_DIFF__KINDS];
	size_t n[VG_DIFF__KINDS], cap[VG_DIFF__KINDS];
};

static const char *const kind_names[VG_DIFF__KINDS] = { "added", "removed", "changed" };

void vg_diff_free(vg_diff *d)
{
	int k;
	if (!d)
		return;
	for (k = 0; k < VG_DIFF__KINDS; k++)
		free(d->list[k]);
	vg_buf_dispose(&d->strings);
	free(d);
}

static int put_str(vg_diff *d, size_t *off, const char *s)
{
	*off = d->strings.size;
	if (vg_buf_put(&d->strings, s ? s : "", s ? strlen(s) : 0) < 0 ||
	    vg_buf_put(&d->strings, "", 1) < 0)
		return vg__error_oom();
	return 0;
}

static int add_entry(vg_diff *d, vg_diff_kind k, const char *id, const char *caption,
		     const char *props)
{
	diff_entry *e;
	int rc;
	if (d->n[k] == d->cap[k]) {
		size_t ncap = d->cap[k] ? d->cap[k] * 2 : 64, bytes;
		diff_entry *p;
		if (vg__mul_overflow(&bytes, ncap, sizeof(*p)) || !(p = vg__realloc(d->list[k], bytes)))
			return vg__error_oom();
		d->list[k] = p;
		d->cap[k] = ncap;
	}
	e = &d->list[k][d->n[k]];
	if ((rc = put_str(d, &e->id, id)) < 0 || (rc = put_str(d, &e->caption, caption)) < 0 ||
	    (rc = put_str(d, &e->props, props)) < 0)
		return rc;
	d->n[k]++;
	return 0;
}

/* ---- canonical JSON ------------------------------------------------------ */

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends a canonical rendering of v: keys sorted, arrays sorted. */
static int canon(vg_buf *out, json_object *v, int depth)
{
	char **parts = NULL;
	vg_buf tmp = VG_BUF_INIT;
	size_t n = 0, i, *offs = NULL;
	int rc = 0;

	if (depth > 32)
		return vg_buf_puts(out, "\"...\"");
	switch (json_object_get_type(v)) {
	case json_type_object: {
		size_t cap = (size_t)json_object_object_length(v);
		if (cap == 0)
			return vg_buf_puts(out, "{}");
		if (!(parts = vg__calloc(cap, sizeof(*parts))) || !(offs = vg__calloc(cap, sizeof(*offs)))) {
			rc = vg__error_oom();
			goto cleanup;
		}
		{
			json_object_object_foreach(v, key, val) {
				offs[n] = tmp.size;
				if ((rc = vg_buf_put_json_string(&tmp, key, strlen(key))) < 0 ||
				    (rc = vg_buf_put(&tmp, ":", 1)) < 0 ||
				    (rc = canon(&tmp, val, depth + 1)) < 0 ||
				    (rc = vg_buf_put(&tmp, "", 1)) < 0)
					goto cleanup;
				n++;
			}
		}
		break;
	}
	case json_type_array: {
		size_t cap = json_object_array_length(v);
		if (cap == 0)
			return vg_buf_puts(out, "[]");
		if (!(parts = vg__calloc(cap, sizeof(*parts))) || !(offs = vg__calloc(cap, sizeof(*offs)))) {
			rc = vg__error_oom();
			goto cleanup;
		}
		for (i = 0; i < cap; i++) {
			offs[n] = tmp.size;
			if ((rc = canon(&tmp, json_object_array_get_idx(v, i), depth + 1)) < 0 ||
			    (rc = vg_buf_put(&tmp, "", 1)) < 0)
				goto cleanup;
			n++;
		}
		break;
	}
	default:
		return vg_buf_puts(out, json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN));
	}
	/* the buffer may have moved while growing: pointers are taken now */
	for (i = 0; i < n; i++)
		parts[i] = tmp.ptr + offs[i];
	qsort(parts, n, sizeof(*parts), cmp_cstr);
	rc = vg_buf_puts(out, json_object_is_type(v, json_type_object) ? "{" : "[");
	for (i = 0; rc == 0 && i < n; i++) {
		if (i && (rc = vg_buf_puts(out, ",")) < 0)
			break;
		rc = vg_buf_puts(out, parts[i]);
	}
	if (rc == 0)
		rc = vg_buf_puts(out, json_object_is_type(v, json_type_object) ? "}" : "]");
cleanup:
	free(parts);
	free(offs);
	vg_buf_dispose(&tmp);
	return rc;
}

/* ---- comparing two entities ---------------------------------------------- */

static bool same_value(json_object *a, json_object *b, int *err)
{
	vg_buf ca = VG_BUF_INIT, cb = VG_BUF_INIT;
	bool same;
	if ((*err = canon(&ca, a, 0)) < 0 || (*err = canon(&cb, b, 0)) < 0) {
		same = true;
	} else {
		same = ca.size == cb.size && (ca.size == 0 || !memcmp(ca.ptr, cb.ptr, ca.size));
	}
	vg_buf_dispose(&ca);
	vg_buf_dispose(&cb);
	return same;
}

typedef struct {
	const char **names;
	size_t n, cap;
} name_list;

static int name_add(name_list *l, const char *name)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		if (!strcmp(l->names[i], name))
			return 0;
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16, bytes;
		const char **p;
		if (vg__mul_overflow(&bytes, ncap, sizeof(*p)) || !(p = vg__realloc(l->names, bytes)))
			return vg__error_oom();
		l->names = p;
		l->cap = ncap;
	}
	l->names[l->n++] = name;
	return 0;
}

/* Names the differing keys of objects a and b (either may lack a key). */
static int diff_keys(name_list *l, json_object *a, json_object *b, bool top)
{
	json_object *other, *pa, *pb;
	int rc = 0;
	{
		json_object_object_foreach(a, key, val) {
			if (top && !strcmp(key, "id"))
				continue;
			if (top && !strcmp(key, "properties"))
				continue;
			if (!json_object_object_get_ex(b, key, &other))
				other = NULL;
			if (!same_value(val, other, &rc) && (rc = name_add(l, key)) < 0)
				return rc;
			if (rc < 0)
				return rc;
		}
	}
	{
		json_object_object_foreach(b, key, val) {
			(void)val;
			if (top && (!strcmp(key, "id") || !strcmp(key, "properties")))
				continue;
			if (!json_object_object_get_ex(a, key, &other) && (rc = name_add(l, key)) < 0)
				return rc;
		}
	}
	if (!top)
		return 0;
	if (!json_object_object_get_ex(a, "properties", &pa) ||
	    !json_object_is_type(pa, json_type_object))
		pa = NULL;
	if (!json_object_object_get_ex(b, "properties", &pb) ||
	    !json_object_is_type(pb, json_type_object))
		pb = NULL;
	if (pa && pb)
		return diff_keys(l, pa, pb, false);
	if (pa || pb)
		return name_add(l, "properties");
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Renders an entity into buf (replacing its content). */
static int render(vg_buf *buf, const vg_index *index, uint32_t ord, int *links_depth)
{
	int rc;
	vg_buf_clear(buf);
	rc = vg_index_entity_json(index, ord, *links_depth, buf);
	if (rc < 0 && *links_depth > 0) {
		/* an index without link support still diffs on everything else */
		*links_depth = 0;
		vg_buf_clear(buf);
		rc = vg_index_entity_json(index, ord, 0, buf);
	}
	return rc;
}

static json_object *parse(const vg_buf *buf, uint32_t ord, int *rc)
{
	json_tokener *tok = json_tokener_new_ex(64);
	json_object *obj;
	if (!tok) {
		*rc = vg__error_oom();
		return NULL;
	}
	obj = json_tokener_parse_ex(tok, buf->ptr ? buf->ptr : "", (int)buf->size);
	if (!obj || !json_object_is_type(obj, json_type_object)) {
		json_object_put(obj);
		obj = NULL;
		*rc = vg__error_set(VG_EDATA, "entity %u: the index rendered JSON that does "
				    "not parse", ord);
	}
	json_tokener_free(tok);
	return obj;
}

static const char *caption_of(json_object *ent)
{
	json_object *c;
	return json_object_object_get_ex(ent, "caption", &c) ? json_object_get_string(c) : "";
}

/* Present as a screenable entity of index? */
static bool find(uint32_t *ord, const vg_index *index, const char *id)
{
	bool ok = vg_index_lookup(ord, index, id) == 0 && *ord < vg_index_entity_count(index);
	vg_error_clear();
	return ok;
}

static int cmp_entry(const void *a, const void *b, void *strings)
{
	const char *s = strings;
	return strcmp(s + ((const diff_entry *)a)->id, s + ((const diff_entry *)b)->id);
}

int vg_diff_new(vg_diff **out, const vg_index *old_index, const vg_index *new_index)
{
	vg_diff *d;
	vg_buf ja = VG_BUF_INIT, jb = VG_BUF_INIT, props = VG_BUF_INIT;
	name_list names = { NULL, 0, 0 };
	json_object *a = NULL, *b = NULL;
	size_t n_old, n_new, i, j;
	int depth_old = 1, depth_new = 1, k, rc = 0;
	uint32_t ord;

	*out = NULL;
	if (!old_index || !new_index)
		return vg__error_set(VG_EUSAGE, "vg_diff_new: NULL index");
	if (!(d = vg__calloc(1, sizeof(*d))))
		return vg__error_oom();
	n_old = vg_index_entity_count(old_index);
	n_new = vg_index_entity_count(new_index);

	for (i = 0; i < n_old; i++) {
		const char *id = vg_index_entity_id(old_index, (uint32_t)i);
		if (!id) {
			rc = vg__error_set(VG_EDATA, "old index: entity %zu has no id", i);
			goto cleanup;
		}
		if ((rc = render(&ja, old_index, (uint32_t)i, &depth_old)) < 0)
			goto cleanup;
		if (!find(&ord, new_index, id)) {
			if (!(a = parse(&ja, (uint32_t)i, &rc)) ||
			    (rc = add_entry(d, VG_DIFF_REMOVED, id, caption_of(a), "")) < 0)
				goto cleanup;
			json_object_put(a);
			a = NULL;
			continue;
		}
		if ((rc = render(&jb, new_index, ord, &depth_new)) < 0)
			goto cleanup;
		/* most entities of two versions are the same, byte for byte */
		if (ja.size == jb.size && (ja.size == 0 || !memcmp(ja.ptr, jb.ptr, ja.size)))
			continue;
		if (!(a = parse(&ja, (uint32_t)i, &rc)) || !(b = parse(&jb, ord, &rc)))
			goto cleanup;
		names.n = 0;
		if ((rc = diff_keys(&names, a, b, true)) < 0)
			goto cleanup;
		if (names.n) {
			qsort(names.names, names.n, sizeof(*names.names), cmp_name);
			vg_buf_clear(&props);
			for (j = 0; j < names.n; j++)
				if ((rc = vg_buf_printf(&props, "%s%s", j ? "," : "",
							names.names[j])) < 0)
					goto cleanup;
			if ((rc = add_entry(d, VG_DIFF_CHANGED, id, caption_of(b), props.ptr)) < 0)
				goto cleanup;
		}
		json_object_put(a);
		json_object_put(b);
		a = b = NULL;
	}
	for (i = 0; i < n_new; i++) {
		const char *id = vg_index_entity_id(new_index, (uint32_t)i);
		if (!id) {
			rc = vg__error_set(VG_EDATA, "new index: entity %zu has no id", i);
			goto cleanup;
		}
		if (find(&ord, old_index, id))
			continue;
		if ((rc = render(&jb, new_index, (uint32_t)i, &depth_new)) < 0 ||
		    !(b = parse(&jb, (uint32_t)i, &rc)) ||
		    (rc = add_entry(d, VG_DIFF_ADDED, id, caption_of(b), "")) < 0)
			goto cleanup;
		json_object_put(b);
		b = NULL;
	}
	for (k = 0; k < VG_DIFF__KINDS; k++)
		if (d->n[k])
			qsort_r(d->list[k], d->n[k], sizeof(diff_entry), cmp_entry, d->strings.ptr);
	*out = d;
	d = NULL;
cleanup:
	json_object_put(a);
	json_object_put(b);
	free(names.names);
	vg_buf_dispose(&ja);
	vg_buf_dispose(&jb);
	vg_buf_dispose(&props);
	vg_diff_free(d);
	return rc;
}

size_t vg_diff_count(const vg_diff *d, vg_diff_kind kind)
{
	return d && kind >= 0 && kind < VG_DIFF__KINDS ? d->n[kind] : 0;
}

const char *vg_diff_id(const vg_diff *d, vg_diff_kind kind, size_t i)
{
	if (!d || kind < 0 || kind >= VG_DIFF__KINDS || i >= d->n[kind])
		return NULL;
	return d->strings.ptr + d->list[kind][i].id;
}

const char *vg_diff_changed_properties(const vg_diff *d, size_t i)
{
	if (!d || i >= d->n[VG_DIFF_CHANGED])
		return NULL;
	return d->strings.ptr + d->list[VG_DIFF_CHANGED][i].props;
}

static const diff_entry *lookup(const vg_diff *d, const char *id, vg_diff_kind *kind)
{
	int k;
	for (k = 0; k < VG_DIFF__KINDS; k++) {
		size_t lo = 0, hi = d->n[k];
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcmp(id, d->strings.ptr + d->list[k][mid].id);
			if (c == 0) {
				if (kind)
					*kind = (vg_diff_kind)k;
				return &d->list[k][mid];
			}
			if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
	}
	return NULL;
}

bool vg_diff_lookup(const vg_diff *d, const char *id, vg_diff_kind *kind)
{
	return d && id && lookup(d, id, kind) != NULL;
}

/* Appends "a,b,c" as a JSON array of strings. */
static int put_name_array(vg_buf *out, const char *csv)
{
	int rc = vg_buf_puts(out, "[");
	bool first = true;
	while (rc == 0 && *csv) {
		size_t n = strcspn(csv, ",");
		if (!first)
			rc = vg_buf_puts(out, ", ");
		if (rc == 0)
			rc = vg_buf_put_json_string(out, csv, n);
		first = false;
		csv += n;
		if (*csv == ',')
			csv++;
	}
	return rc ? rc : vg_buf_puts(out, "]");
}

int vg_diff_json(const vg_diff *d, vg_buf *out)
{
	const char *s;
	size_t i;
	int k, rc = 0;
	if (!d || !out)
		return vg__error_set(VG_EUSAGE, "vg_diff_json: NULL argument");
	s = d->strings.ptr;
	rc = vg_buf_puts(out, "{");
	for (k = 0; rc == 0 && k < VG_DIFF__KINDS; k++) {
		rc = vg_buf_printf(out, "%s\"%s\": [", k ? ", " : "", kind_names[k]);
		for (i = 0; rc == 0 && i < d->n[k]; i++) {
			const diff_entry *e = &d->list[k][i];
			if (i)
				rc = vg_buf_puts(out, ", ");
			if (rc == 0 && k == VG_DIFF_CHANGED) {
				rc = vg_buf_puts(out, "{\"id\": ");
				if (rc == 0)
					rc = vg_buf_put_json_string(out, s + e->id, strlen(s + e->id));
				if (rc == 0)
					rc = vg_buf_puts(out, ", \"properties\": ");
				if (rc == 0)
					rc = put_name_array(out, s + e->props);
				if (rc == 0)
					rc = vg_buf_puts(out, "}");
			} else if (rc == 0) {
				rc = vg_buf_put_json_string(out, s + e->id, strlen(s + e->id));
			}
		}
		if (rc == 0)
			rc = vg_buf_puts(out, "]");
	}
	if (rc == 0)
		rc = vg_buf_puts(out, "}\n");
	return rc;
}

int vg_diff_text(const vg_diff *d, size_t max_items, vg_buf *out)
{
	static const char marks[VG_DIFF__KINDS] = { '+', '-', '~' };
	const char *s;
	size_t i;
	int k, rc;
	if (!d || !out)
		return vg__error_set(VG_EUSAGE, "vg_diff_text: NULL argument");
	s = d->strings.ptr;
	rc = vg_buf_printf(out, "%zu added, %zu removed, %zu changed\n", d->n[VG_DIFF_ADDED],
			   d->n[VG_DIFF_REMOVED], d->n[VG_DIFF_CHANGED]);
	for (k = 0; rc == 0 && k < VG_DIFF__KINDS; k++) {
		if (d->n[k] == 0)
			continue;
		rc = vg_buf_printf(out, "\n%s:\n", kind_names[k]);
		for (i = 0; rc == 0 && i < d->n[k] && i < max_items; i++) {
			const diff_entry *e = &d->list[k][i];
			rc = vg_buf_printf(out, "  %c %s  %s", marks[k], s + e->id, s + e->caption);
			if (rc == 0 && k == VG_DIFF_CHANGED)
				rc = vg_buf_printf(out, "  (%s)", s + e->props);
			if (rc == 0)
				rc = vg_buf_puts(out, "\n");
		}
		if (rc == 0 && d->n[k] > max_items)
			rc = vg_buf_printf(out, "  ... and %zu more\n", d->n[k] - max_items);
	}
	return rc;
}

/* ---- re-screening against what changed ----------------------------------- */

#define SCREEN_CAP 100

static bool matched_id(const vg_match_result *res, size_t n, const vg_index *index,
		       const char *id)
{
	size_t i;
	for (i = 0; i < n; i++) {
		const char *other;
		if (!res[i].match)
			continue;
		other = vg_index_entity_id(index, res[i].ordinal);
		if (other && !strcmp(other, id))
			return true;
	}
	return false;
}

static int put_alert(vg_buf *out, bool first, const vg_diff *d, const diff_entry *e,
		     vg_diff_kind kind, double score)
{
	const char *s = d->strings.ptr;
	int rc = vg_buf_puts(out, first ? "{\"id\": " : ", {\"id\": ");
	if (rc == 0)
		rc = vg_buf_put_json_string(out, s + e->id, strlen(s + e->id));
	if (rc == 0)
		rc = vg_buf_puts(out, ", \"caption\": ");
	if (rc == 0)
		rc = vg_buf_put_json_string(out, s + e->caption, strlen(s + e->caption));
	if (rc == 0)
		rc = vg_buf_printf(out, ", \"score\": %.4f, \"change\": \"%s\"}", score,
				   kind_names[kind]);
	return rc;
}

int vg_diff_screen_json(size_t *n_new, size_t *n_gone, const vg_diff *diff,
			const vg_index *old_index, vg_matcher *old_matcher,
			const vg_index *new_index, vg_matcher *new_matcher,
			const vg_query *query, const vg_match_options *options, vg_buf *out)
{
	vg_match_result *ro = NULL, *rn = NULL;
	vg_match_options opts = VG_MATCH_OPTIONS_INIT;
	size_t no = 0, nn = 0, i, count_new = 0, count_gone = 0;
	int rc;

	if (!diff || !old_index || !old_matcher || !new_index || !new_matcher || !query || !out)
		return vg__error_set(VG_EUSAGE, "vg_diff_screen_json: NULL argument");
	if (options)
		opts = *options;
	/* more candidates than the caller shows: an alert on a changed entity
	 * must not be hidden behind unchanged ones ranked above it */
	if (opts.limit < SCREEN_CAP)
		opts.limit = SCREEN_CAP;
	opts.explain = false;
	if (!(ro = vg__calloc(SCREEN_CAP, sizeof(*ro))) || !(rn = vg__calloc(SCREEN_CAP, sizeof(*rn)))) {
		rc = vg__error_oom();
		goto cleanup;
	}
	/* an added entity cannot have matched before and a removed one cannot
	 * match now: with only additions (or only removals) one side suffices */
	if (diff->n[VG_DIFF_REMOVED] + diff->n[VG_DIFF_CHANGED] > 0 &&
	    (rc = vg_match(&no, ro, SCREEN_CAP, old_matcher, query, &opts)) < 0)
		goto cleanup;
	if (diff->n[VG_DIFF_ADDED] + diff->n[VG_DIFF_CHANGED] > 0 &&
	    (rc = vg_match(&nn, rn, SCREEN_CAP, new_matcher, query, &opts)) < 0)
		goto cleanup;
	if ((rc = vg_buf_puts(out, "{\"new_alerts\": [")) < 0)
		goto cleanup;
	for (i = 0; i < nn; i++) {
		const char *id = rn[i].match ? vg_index_entity_id(new_index, rn[i].ordinal) : NULL;
		const diff_entry *e;
		vg_diff_kind kind;
		if (!id || !(e = lookup(diff, id, &kind)) || kind == VG_DIFF_REMOVED ||
		    matched_id(ro, no, old_index, id))
			continue;
		if ((rc = put_alert(out, count_new == 0, diff, e, kind, rn[i].score)) < 0)
			goto cleanup;
		count_new++;
	}
	if ((rc = vg_buf_puts(out, "], \"gone_alerts\": [")) < 0)
		goto cleanup;
	for (i = 0; i < no; i++) {
		const char *id = ro[i].match ? vg_index_entity_id(old_index, ro[i].ordinal) : NULL;
		const diff_entry *e;
		vg_diff_kind kind;
		if (!id || !(e = lookup(diff, id, &kind)) || kind == VG_DIFF_ADDED ||
		    matched_id(rn, nn, new_index, id))
			continue;
		if ((rc = put_alert(out, count_gone == 0, diff, e, kind, ro[i].score)) < 0)
			goto cleanup;
		count_gone++;
	}
	rc = vg_buf_puts(out, "]}");
cleanup:
	if (n_new)
		*n_new = count_new;
	if (n_gone)
		*n_gone = count_gone;
	free(ro);
	free(rn);
	return rc;
}
