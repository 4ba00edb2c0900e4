/*
 * diff.c - what changed between two indexes, by stable entity id.
 *
 * How it works: every screenable entity of each index is looked up by id
 * in the other; one present in both is read from each side (vigil/index.h)
 * as sorted "FACET<US>VALUE" lines, where a facet is an FtM property or
 * one of schema, caption, datasets, referents, target, sanctions and links
 * (a sanction or a link is one line: its record's properties sorted, and a
 * link's far end).  The facets whose sets of values differ are the change,
 * so a publisher reordering aliases is not one.
 *
 * Invariant: a vg_diff owns copies of everything it reports (ids,
 * captions, property lists in one packed buffer) and its three lists are
 * sorted bytewise by id, which is what vg_diff_lookup's binary search
 * relies on.
 */
#include "vigil/update.h"
#include "vigil/json.h"
#include "common/error.h"
#include "common/alloc.h"
#include "common/lower_bound.h"

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
	if (vg__grow(&d->list[k], &d->cap[k], d->n[k] + 1, sizeof(*d->list[k])))
		return VG_ENOMEM;
	e = &d->list[k][d->n[k]];
	if ((rc = put_str(d, &e->id, id)) < 0 || (rc = put_str(d, &e->caption, caption)) < 0 ||
	    (rc = put_str(d, &e->props, props)) < 0)
		return rc;
	d->n[k]++;
	return 0;
}

/* ---- an entity as sorted facet lines ---------------------------------------- */

#define US "\x1f" /* between a facet and its value */
#define RS "\x1e" /* between the parts of a composite value */

typedef struct {
	vg_buf text;   /* NUL-terminated lines */
	size_t *off;
	const char **line; /* sorted, after lines_sort */
	size_t n, cap, cap_line;
	int oom;       /* an add failed: lines_sort says so */
} lines;

static void lines_dispose(lines *l)
{
	vg_buf_dispose(&l->text);
	free(l->off);
	free(l->line);
	memset(l, 0, sizeof(*l));
}

static int lines_add(lines *l, const char *facet, const char *value, size_t vlen)
{
	if (vg__grow(&l->off, &l->cap, l->n + 1, sizeof(*l->off))) {
		l->oom = 1;
		return VG_ENOMEM;
	}
	l->off[l->n++] = l->text.size;
	vg_buf_puts(&l->text, facet);
	vg_buf_puts(&l->text, US);
	vg_buf_put(&l->text, value, vlen);
	return vg_buf_put(&l->text, "", 1);
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the lines (their text must be complete: it does not move after). */
static int lines_sort(lines *l)
{
	size_t i;
	if (l->oom || vg_buf_check(&l->text) != 0)
		return vg__error_oom();
	if (vg__grow(&l->line, &l->cap_line, l->n + 1, sizeof(*l->line)))
		return VG_ENOMEM;
	for (i = 0; i < l->n; i++)
		l->line[i] = l->text.ptr + l->off[i];
	qsort(l->line, l->n, sizeof(*l->line), cmp_cstr);
	return 0;
}

/* One record's properties, sorted and joined: a sanction or an edge as one
 * value. */
static int record_canon(vg_buf *out, const vg_index *ix, uint32_t ord)
{
	lines l;
	vg_value v;
	size_t i;
	int rc = 0;
	memset(&l, 0, sizeof(l));
	for (i = 0; vg_entity_value(&v, ix, ord, i) && !rc; i++)
		rc = lines_add(&l, v.property, v.value, strlen(v.value));
	if (!rc && !(rc = lines_sort(&l)))
		for (i = 0; i < l.n; i++) {
			vg_buf_puts(out, RS);
			vg_buf_puts(out, l.line[i]);
		}
	lines_dispose(&l);
	return rc ? rc : vg_buf_check(out);
}

static int entity_lines(lines *l, const vg_index *ix, uint32_t ord, vg_buf *tmp)
{
	vg_value v;
	vg_link k;
	size_t i;
	int rc = 0;
	const char *s;
	lines_add(l, "schema", vg_entity_schema(ix, ord), strlen(vg_entity_schema(ix, ord)));
	lines_add(l, "caption", vg_entity_caption(ix, ord), strlen(vg_entity_caption(ix, ord)));
	lines_add(l, "target", vg_entity_target(ix, ord) ? "true" : "false", 5);
	for (i = 0; (s = vg_entity_dataset(ix, ord, i)); i++)
		lines_add(l, "datasets", s, strlen(s));
	for (i = 0; (s = vg_entity_referent(ix, ord, i)); i++)
		lines_add(l, "referents", s, strlen(s));
	for (i = 0; vg_entity_value(&v, ix, ord, i); i++)
		lines_add(l, v.property, v.value, strlen(v.value));
	for (i = 0; i < vg_entity_sanction_count(ix, ord) && !rc; i++) {
		vg_buf_clear(tmp);
		if (!(rc = record_canon(tmp, ix, vg_entity_sanction(ix, ord, i))))
			rc = lines_add(l, "sanctions", tmp->ptr ? tmp->ptr : "", tmp->size);
	}
	for (i = 0; vg_entity_link(&k, ix, ord, i) && !rc; i++) {
		vg_buf_clear(tmp);
		vg_buf_puts(tmp, vg_entity_schema(ix, k.edge));
		vg_buf_puts(tmp, k.direction == VG_LINK_OUT ? RS "out" RS : RS "in" RS);
		vg_buf_puts(tmp, vg_index_entity_id(ix, k.other));
		if (!(rc = record_canon(tmp, ix, k.edge)))
			rc = lines_add(l, "links", tmp->ptr, tmp->size);
	}
	return rc ? rc : lines_sort(l);
}

typedef struct {
	const char **names;
	size_t n, cap;
} name_list;

/* Appends a name (each facet is named once: the walk below is in order). */
static int name_push(name_list *l, const char *name)
{
	if (vg__grow(&l->names, &l->cap, l->n + 1, sizeof(*l->names)))
		return VG_ENOMEM;
	l->names[l->n++] = name;
	return 0;
}

/* The facet of a line: its bytes up to US, compared as a string. */
static int facet_cmp(const char *a, const char *b)
{
	size_t la = strcspn(a, US), lb = strcspn(b, US);
	int c = memcmp(a, b, la < lb ? la : lb);
	return c ? c : (la > lb) - (la < lb);
}

/* Names the facets whose sets of values differ between a and b (sorted
 * lines; repeated lines count once).  Names point into a's or b's text. */
static int diff_facets(name_list *out, const lines *a, const lines *b, vg_buf *names)
{
	size_t i = 0, j = 0;
	while (i < a->n || j < b->n) {
		const char *f = i < a->n && (j >= b->n || facet_cmp(a->line[i], b->line[j]) <= 0)
					? a->line[i] : b->line[j];
		size_t ei = i, ej = j;
		bool same = true;
		while (ei < a->n && !facet_cmp(a->line[ei], f))
			ei++;
		while (ej < b->n && !facet_cmp(b->line[ej], f))
			ej++;
		while (same && (i < ei || j < ej)) {
			if (i >= ei || j >= ej || strcmp(a->line[i], b->line[j])) {
				same = false;
				break;
			}
			for (i++; i < ei && !strcmp(a->line[i], a->line[i - 1]); i++)
				;
			for (j++; j < ej && !strcmp(b->line[j], b->line[j - 1]); j++)
				;
		}
		if (!same) {
			size_t at = names->size;
			vg_buf_put(names, f, strcspn(f, US));
			vg_buf_put(names, "", 1);
			if (vg_buf_check(names) || name_push(out, (const char *)(uintptr_t)at))
				return VG_ENOMEM;
		}
		i = ei;
		j = ej;
	}
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
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

/* The names of what changed in an entity both indexes hold, sorted and
 * comma-separated into props ("" when nothing did). */
static int changed(vg_buf *props, const vg_index *a, uint32_t oa, const vg_index *b,
		   uint32_t ob, vg_buf *tmp)
{
	lines la, lb;
	name_list names = { NULL, 0, 0 };
	vg_buf text = VG_BUF_INIT;
	size_t j;
	int rc;
	memset(&la, 0, sizeof(la));
	memset(&lb, 0, sizeof(lb));
	vg_buf_clear(props);
	if ((rc = entity_lines(&la, a, oa, tmp)) == 0 && (rc = entity_lines(&lb, b, ob, tmp)) == 0 &&
	    (rc = diff_facets(&names, &la, &lb, &text)) == 0) {
		/* the names were offsets into text until it stopped moving */
		for (j = 0; j < names.n; j++)
			names.names[j] = text.ptr + (uintptr_t)names.names[j];
		if (names.n > 1)
			qsort(names.names, names.n, sizeof(*names.names), cmp_name);
		for (j = 0; j < names.n; j++)
			vg_buf_printf(props, "%s%s", j ? "," : "", names.names[j]);
		rc = vg_buf_check(props);
	}
	free(names.names);
	vg_buf_dispose(&text);
	lines_dispose(&la);
	lines_dispose(&lb);
	return rc;
}

int vg_diff_new(vg_diff **out, const vg_index *old_index, const vg_index *new_index)
{
	vg_diff *d;
	vg_buf props = VG_BUF_INIT, tmp = VG_BUF_INIT;
	size_t n_old, n_new, i;
	int k, rc = 0;
	uint32_t ord;

	if (!out)
		return vg__error_set(VG_EUSAGE, "vg_diff_new: NULL argument");
	*out = NULL;
	if (!old_index || !new_index)
		return vg__error_set(VG_EUSAGE, "vg_diff_new: NULL index");
	if (!(d = vg__calloc(1, sizeof(*d))))
		return vg__error_oom();
	n_old = vg_index_entity_count(old_index);
	n_new = vg_index_entity_count(new_index);
	for (i = 0; i < n_old && !rc; i++) {
		const char *id = vg_index_entity_id(old_index, (uint32_t)i);
		if (!find(&ord, new_index, id))
			rc = add_entry(d, VG_DIFF_REMOVED, id,
				       vg_entity_caption(old_index, (uint32_t)i), "");
		else if ((rc = changed(&props, old_index, (uint32_t)i, new_index, ord, &tmp)) == 0 &&
			 props.size)
			rc = add_entry(d, VG_DIFF_CHANGED, id, vg_entity_caption(new_index, ord),
				       props.ptr);
	}
	for (i = 0; i < n_new && !rc; i++) {
		const char *id = vg_index_entity_id(new_index, (uint32_t)i);
		if (!find(&ord, old_index, id))
			rc = add_entry(d, VG_DIFF_ADDED, id,
				       vg_entity_caption(new_index, (uint32_t)i), "");
	}
	if (rc)
		goto cleanup;
	for (k = 0; k < VG_DIFF__KINDS; k++)
		if (d->n[k])
			qsort_r(d->list[k], d->n[k], sizeof(diff_entry), cmp_entry, d->strings.ptr);
	*out = d;
	d = NULL;
cleanup:
	vg_buf_dispose(&props);
	vg_buf_dispose(&tmp);
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

typedef struct {
	const vg_diff *d;
	int k;
	const char *id;
} id_key;

static bool id_before(const void *ctx, size_t i)
{
	const id_key *key = ctx;
	return strcmp(key->d->strings.ptr + key->d->list[key->k][i].id, key->id) < 0;
}

static const diff_entry *lookup(const vg_diff *d, const char *id, vg_diff_kind *kind)
{
	int k;
	for (k = 0; k < VG_DIFF__KINDS; k++) {
		id_key key = { d, k, id };
		size_t i = vg__lower_bound(0, d->n[k], &key, id_before);
		if (i < d->n[k] && !strcmp(d->strings.ptr + d->list[k][i].id, id)) {
			if (kind)
				*kind = (vg_diff_kind)k;
			return &d->list[k][i];
		}
	}
	return NULL;
}

bool vg_diff_lookup(const vg_diff *d, const char *id, vg_diff_kind *kind)
{
	return d && id && lookup(d, id, kind) != NULL;
}

int vg_diff_json(const vg_diff *d, vg_buf *out)
{
	int rc = vg_json_diff(out, d);
	return rc ? rc : vg_buf_puts(out, "\n");
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

static int add_alert(vg_diff_alert *a, size_t *n, const vg_diff *d, const diff_entry *e,
		     vg_diff_kind kind, double score, bool gone)
{
	if (*n >= VG_DIFF_MAX_ALERTS)
		return 0;
	a[(*n)++] = (vg_diff_alert){ d->strings.ptr + e->id, d->strings.ptr + e->caption,
				     score, kind, gone };
	return 0;
}

int vg_diff_screen(vg_diff_alert *alerts, size_t *n_alerts, const vg_diff *diff,
		   const vg_index *old_index, vg_matcher *old_matcher,
		   const vg_index *new_index, vg_matcher *new_matcher,
		   const vg_query *query, const vg_match_options *options)
{
	vg_match_result *ro = NULL, *rn = NULL;
	vg_match_options opts = VG_MATCH_OPTIONS_INIT;
	size_t no = 0, nn = 0, i, n = 0;
	int rc = 0;

	if (!alerts || !n_alerts || !diff || !old_index || !old_matcher || !new_index ||
	    !new_matcher || !query)
		return vg__error_set(VG_EUSAGE, "vg_diff_screen: NULL argument");
	if (options && options->version != VG_MATCH_OPTIONS_VERSION)
		return vg__error_set(VG_EUSAGE, "vg_diff_screen: options version %u, expected %u",
				     options->version, VG_MATCH_OPTIONS_VERSION);
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
	for (i = 0; i < nn; i++) {
		const char *id = rn[i].match ? vg_index_entity_id(new_index, rn[i].ordinal) : NULL;
		const diff_entry *e;
		vg_diff_kind kind;
		if (id && (e = lookup(diff, id, &kind)) && kind != VG_DIFF_REMOVED &&
		    !matched_id(ro, no, old_index, id))
			add_alert(alerts, &n, diff, e, kind, rn[i].score, false);
	}
	for (i = 0; i < no; i++) {
		const char *id = ro[i].match ? vg_index_entity_id(old_index, ro[i].ordinal) : NULL;
		const diff_entry *e;
		vg_diff_kind kind;
		if (id && (e = lookup(diff, id, &kind)) && kind != VG_DIFF_ADDED &&
		    !matched_id(rn, nn, new_index, id))
			add_alert(alerts, &n, diff, e, kind, ro[i].score, true);
	}
cleanup:
	*n_alerts = n;
	free(ro);
	free(rn);
	return rc;
}

int vg_diff_screen_json(size_t *n_new, size_t *n_gone, const vg_diff *diff,
			const vg_index *old_index, vg_matcher *old_matcher,
			const vg_index *new_index, vg_matcher *new_matcher,
			const vg_query *query, const vg_match_options *options, vg_buf *out)
{
	vg_diff_alert *alerts;
	size_t n = 0, i, gone = 0;
	int rc;
	if (!out)
		return vg__error_set(VG_EUSAGE, "vg_diff_screen_json: NULL argument");
	if (!(alerts = vg__malloc(VG_DIFF_MAX_ALERTS * sizeof(*alerts))))
		return vg__error_oom();
	if ((rc = vg_diff_screen(alerts, &n, diff, old_index, old_matcher, new_index,
				 new_matcher, query, options)) == 0)
		rc = vg_json_alerts(out, alerts, n);
	for (i = 0; i < n; i++)
		gone += alerts[i].gone;
	if (n_new)
		*n_new = rc ? 0 : n - gone;
	if (n_gone)
		*n_gone = rc ? 0 : gone;
	free(alerts);
	return rc;
}
