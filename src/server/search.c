/*
 * search.c - GET /search/DATASET as yente answers it (see search.h; the
 * query itself is parsed by search_query.c).
 *
 * An empty q lists the scope.  A record matches in its names (score 3 a
 * word) or its other text, ids and identifiers included (score 1).
 *
 * The scope is the path's dataset minus exclude_dataset, within
 * include_dataset; then schema (default Thing: the schema or a descendant,
 * or a matchable ancestor), exclude_schema, changed_since, countries,
 * topics, datasets, target and filter=field:value (filter_op OR: one value
 * of a field suffices; AND: every one).  Facets count the values of every
 * record found, not only the page; results are sorted by `sort`
 * (field:asc|desc) then score, then id.
 */
#include "handlers.h"
#include "search.h"
#include "search_query.h"

#include <ctype.h>
#include <fnmatch.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SQ_MAX_VALUES 64   /* values of one list parameter (srv_limits.max_args) */
#define SQ_MAX_PAGE 500    /* yente's MAX_PAGE */
#define SQ_MAX_RESULTS 9999
#define SQ_MAX_OFFSET (SQ_MAX_RESULTS - SQ_MAX_PAGE)
#define SQ_MAX_FACET 1000  /* values of one facet (yente's terms size) */

/* ---- the folded text of every record ------------------------------------- */

/* FtM's property types, as vg_ftm_property_type names them; ST_UNTYPED for
 * a property the model does not know. */
static const char *const st_types[] = {
	"address", "checksum", "country", "date", "email", "entity", "gender", "html",
	"iban", "identifier", "ip", "json", "language", "mimetype", "name", "number",
	"phone", "string", "text", "topic", "url",
};
#define ST_UNTYPED 255
#define ST_ENTITY 5  /* st_types[5] */
#define ST_NAME 14   /* st_types[14] */

static uint8_t st_type_code(const char *type)
{
	size_t i;
	for (i = 0; type && i < sizeof(st_types) / sizeof(st_types[0]); i++)
		if (!strcmp(st_types[i], type))
			return (uint8_t)i;
	return ST_UNTYPED;
}

/* The type code of (schema, property), remembered by their pointers (the
 * index's strings: every value of a property shares them), as looking the
 * model up for each of a big index's values cost a second at start-up. */
typedef struct {
	const char *schema, *prop;
	uint8_t code;
} st_memo;

static uint8_t st_type_of(st_memo *memo, const char *schema, const char *prop)
{
	size_t h = ((uintptr_t)schema / 8 * 31 + (uintptr_t)prop / 8) & 255;
	if (memo[h].schema != schema || memo[h].prop != prop)
		memo[h] = (st_memo){ schema, prop,
				     st_type_code(vg_ftm_property_type(schema, prop)) };
	return memo[h].code;
}

static int st_put_value(vg_buf *b, const char *v)
{
	size_t mark = b->size;
	if (srv_search_fold(b, v, strlen(v)) < 0)
		return -1;
	if (b->size == mark)
		return 0;
	return vg_buf_put(b, "\n", 1);
}

/* Record r's names (names: true) or other text: its id and referents,
 * then every value that is no other entity's id. */
static int st_put_part(srv_search_text *st, const vg_index *ix, uint32_t r, bool names)
{
	vg_buf *b = &st->text;
	const uint8_t *types = st->types + st->vstart[r];
	size_t i, n = st->vstart[r + 1] - st->vstart[r];
	const char *s;
	vg_value v;
	if (vg_buf_put(b, "\n", 1) < 0)
		return -1;
	if (!names) {
		if (st_put_value(b, vg_index_entity_id(ix, r)) < 0)
			return -1;
		for (i = 0; (s = vg_entity_referent(ix, r, i)); i++)
			if (st_put_value(b, s) < 0)
				return -1;
	}
	for (i = 0; i < n; i++)
		if ((types[i] == ST_NAME) == names && types[i] != ST_ENTITY &&
		    vg_entity_value(&v, ix, r, i) && st_put_value(b, v.value) < 0)
			return -1;
	return 0;
}

/* The type of every value of every record (facets and filters read them
 * per search: looking the model up each time cost most of a search). */
static int st_types_build(srv_search_text *st, const vg_index *ix)
{
	size_t n = st->n, r, i, total = 0;
	st_memo memo[256];
	vg_value v;
	memset(memo, 0, sizeof(memo));
	if (!(st->vstart = malloc((n + 1) * sizeof(*st->vstart))))
		return -1;
	for (r = 0; r < n; r++) {
		st->vstart[r] = total;
		total += vg_entity_value_count(ix, (uint32_t)r);
	}
	st->vstart[n] = total;
	if (!(st->types = malloc(total ? total : 1)))
		return -1;
	for (r = 0; r < n; r++) {
		const char *schema = vg_entity_schema(ix, (uint32_t)r);
		for (i = 0; i < st->vstart[r + 1] - st->vstart[r]; i++)
			st->types[st->vstart[r] + i] =
				vg_entity_value(&v, ix, (uint32_t)r, i)
					? st_type_of(memo, schema, v.property) : ST_UNTYPED;
	}
	return 0;
}

int srv_search_text_build(srv_search_text *st, const vg_index *ix)
{
	size_t n = vg_index_record_count(ix), r;
	memset(st, 0, sizeof(*st));
	if (!(st->off = malloc((2 * n + 1) * sizeof(*st->off))))
		return -1;
	st->n = n;
	if (st_types_build(st, ix))
		goto fail;
	for (r = 0; r < n; r++) {
		st->off[2 * r] = st->text.size;
		if (st_put_part(st, ix, (uint32_t)r, true) < 0)
			goto fail;
		st->off[2 * r + 1] = st->text.size;
		if (st_put_part(st, ix, (uint32_t)r, false) < 0)
			goto fail;
	}
	st->off[2 * n] = st->text.size;
	if (!vg_buf_oom(&st->text))
		return 0;
fail:
	srv_search_text_dispose(st);
	return -1;
}

void srv_search_text_dispose(srv_search_text *st)
{
	vg_buf_dispose(&st->text);
	free(st->off);
	free(st->types);
	free(st->vstart);
	memset(st, 0, sizeof(*st));
}

/* ---- a record's fields ------------------------------------------------------ */

/* The fields yente indexes by type group, and the FtM type of each. */
static const char *st_group_type(const char *field)
{
	static const char *const groups[][2] = {
		{ "addresses", "address" }, { "checksums", "checksum" },
		{ "countries", "country" }, { "dates", "date" }, { "emails", "email" },
		{ "genders", "gender" }, { "ibans", "iban" }, { "identifiers", "identifier" },
		{ "ips", "ip" }, { "languages", "language" }, { "mimetypes", "mimetype" },
		{ "names", "name" }, { "phones", "phone" }, { "topics", "topic" },
		{ "urls", "url" },
	};
	size_t i;
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (!strcmp(groups[i][0], field))
			return groups[i][1];
	return NULL;
}

typedef bool (*st_value_fn)(void *arg, const char *value);

/* Calls fn with each value of `field` of record r until it returns true;
 * whether one did.  Fields: id, entity_id, referents, schema, caption,
 * datasets, target, first_seen, last_seen, last_change, properties.NAME and
 * the type groups (countries, identifiers, topics, names ...). */
static bool st_equal_fn(void *arg, const char *value);

static bool st_field_any(const vg_index *ix, const srv_search_text *st, uint32_t r,
			 const char *field, st_value_fn fn, void *arg)
{
	const char *schema = vg_entity_schema(ix, r), *s, *type = st_group_type(field);
	uint8_t code = st_type_code(type);
	size_t i, n;
	vg_value v;
	if (!strcmp(field, "id") || !strcmp(field, "entity_id"))
		return fn(arg, vg_index_entity_id(ix, r));
	if (!strcmp(field, "schema"))
		return fn(arg, schema);
	if (!strcmp(field, "caption"))
		return fn(arg, vg_entity_caption(ix, r));
	if (!strcmp(field, "target"))
		return fn(arg, vg_entity_target(ix, r) ? "true" : "false");
	if (!strcmp(field, "first_seen") || !strcmp(field, "last_seen") ||
	    !strcmp(field, "last_change")) {
		s = vg_entity_seen(ix, r, field[0] == 'f' ? VG_SEEN_FIRST :
					  field[5] == 's' ? VG_SEEN_LAST : VG_CHANGED_LAST);
		return s && fn(arg, s);
	}
	if (!strcmp(field, "referents") || !strcmp(field, "datasets")) {
		bool ds = field[0] == 'd';
		for (i = 0; (s = ds ? vg_entity_dataset(ix, r, i) : vg_entity_referent(ix, r, i)); i++)
			/* datasets=ofac-sdn: a former name selects the list too */
			if (ds && fn == st_equal_fn ? vg_dataset_matches(s, arg) : fn(arg, s))
				return true;
		return false;
	}
	if (strncmp(field, "properties.", 11) && !type)
		return false;
	n = st->vstart[r + 1] - st->vstart[r];
	for (i = 0; i < n; i++) {
		if (type && st->types[st->vstart[r] + i] != code)
			continue;
		if (!vg_entity_value(&v, ix, r, i) || (!type && strcmp(v.property, field + 11)))
			continue;
		if (fn(arg, v.value))
			return true;
	}
	return false;
}

static bool st_equal_fn(void *arg, const char *value)
{
	return !strcasecmp((const char *)arg, value);
}

static bool st_glob_fn(void *arg, const char *value)
{
	return !fnmatch((const char *)arg, value, FNM_CASEFOLD);
}

/* ---- evaluating the query on a record ----------------------------------------- */

typedef struct {
	const vg_index *ix;
	const srv_search_text *st;
	const sq_query *q;
} sq_eval;

/* Whether the words t[0..tl) stand in [s, e) (a region of the search text:
 * "\n" first and last), from a word's start, to a word's end unless
 * prefix. */
static bool st_find(const char *s, const char *e, const char *t, size_t tl, bool prefix)
{
	const char *p;
	while (tl && s < e && (p = memmem(s, (size_t)(e - s), t, tl))) {
		if ((p[-1] == ' ' || p[-1] == '\n') &&
		    (prefix || p[tl] == ' ' || p[tl] == '\n'))
			return true;
		s = p + 1;
	}
	return false;
}

/* Levenshtein distance of a and b, or max + 1 when above max. */
static size_t st_edits(const char *a, size_t al, const char *b, size_t bl, size_t max)
{
	size_t row[65], i, j;
	if (al > 64 || bl > 64 || (al > bl ? al - bl : bl - al) > max)
		return max + 1;
	for (j = 0; j <= bl; j++)
		row[j] = j;
	for (i = 1; i <= al; i++) {
		size_t diag = row[0], best;
		row[0] = i;
		best = row[0];
		for (j = 1; j <= bl; j++) {
			size_t up = row[j], v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			diag = up;
			row[j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
	}
	return row[bl];
}

/* Whether one word of [s, e) matches node nd (wildcard, regex, fuzzy). */
static bool st_scan_words(const sq_eval *ev, const sq_node *nd, const char *s, const char *e)
{
	const char *t = nd->flags & SQ_REGEX ? NULL : sq_str(ev->q, nd->text);
	size_t tl = t ? strlen(t) : 0, max = 0;
	char word[256];
	if (nd->fuzzy)
		max = nd->fuzzy > 0 ? (size_t)nd->fuzzy : tl <= 2 ? 0 : tl <= 5 ? 1 : 2;
	while (s < e) {
		size_t n = strcspn(s, " \n");
		if (s + n > e)
			n = (size_t)(e - s);
		if (n && n < sizeof(word)) {
			memcpy(word, s, n);
			word[n] = '\0';
			if (nd->flags & SQ_REGEX ? !regexec(&ev->q->re[nd->text], word, 0, NULL, 0)
			    : nd->flags & SQ_WILDCARD ? !fnmatch(t, word, 0)
			    : st_edits(t, tl, word, n, max) <= max)
				return true;
		}
		s += n + 1;
	}
	return false;
}

static bool st_term_in(const sq_eval *ev, const sq_node *nd, const char *s, const char *e)
{
	const char *t;
	if (nd->flags & (SQ_REGEX | SQ_WILDCARD))
		return st_scan_words(ev, nd, s, e);
	t = sq_str(ev->q, nd->text);
	if (st_find(s, e, t, strlen(t), nd->flags & SQ_PREFIX))
		return true;
	return nd->fuzzy && !strchr(t, ' ') && st_scan_words(ev, nd, s, e);
}

static bool sq_match(const sq_eval *ev, size_t i, uint32_t r, double *score);

static bool sq_match_group(const sq_eval *ev, const sq_node *nd, uint32_t r, double *score)
{
	size_t k;
	bool any = false;
	double sub = 0;
	for (k = 0; k < nd->n_kids; k++) {
		bool m = sq_match(ev, ev->q->kids[nd->kid + k], r, &sub);
		if (nd->kind == SQ_AND && !m)
			return false;
		any |= m;
	}
	if (any)
		*score += sub;
	return any;
}

static bool sq_match(const sq_eval *ev, size_t i, uint32_t r, double *score)
{
	const sq_node *nd = &ev->q->nodes[i];
	const char *base = ev->st->text.ptr;
	const size_t *off = ev->st->off + 2 * r;
	double ignored = 0;
	switch (nd->kind) {
	case SQ_TERM:
		if (st_term_in(ev, nd, base + off[0], base + off[1]))
			return *score += 3.0, true;
		if (st_term_in(ev, nd, base + off[1], base + off[2]))
			return *score += 1.0, true;
		return false;
	case SQ_FIELD:
		if (!strcmp(sq_str(ev->q, nd->field), "text") ||
		    !strcmp(sq_str(ev->q, nd->field), "names")) {
			vg_buf t = VG_BUF_INIT;
			bool names = sq_str(ev->q, nd->field)[0] == 'n', m;
			const char *v = sq_str(ev->q, nd->text);
			m = srv_search_fold(&t, v, strlen(v)) == 0 && t.size &&
			    st_find(base + off[names ? 0 : 1], base + off[names ? 1 : 2],
				    t.ptr, t.size, false);
			vg_buf_dispose(&t);
			return m ? (*score += names ? 3.0 : 1.0, true) : false;
		}
		if (st_field_any(ev->ix, ev->st, r, sq_str(ev->q, nd->field), st_glob_fn,
				 (void *)sq_str(ev->q, nd->text)))
			return *score += 1.0, true;
		return false;
	case SQ_NOT:
		return !sq_match(ev, ev->q->kids[nd->kid], r, &ignored);
	default:
		return sq_match_group(ev, nd, r, score);
	}
}

/* ---- the request ------------------------------------------------------------ */

typedef struct {
	const char *field, *value;
} sq_filter;

typedef struct {
	const char *field;
	bool desc;
} sq_sort;

enum { F_COUNTRIES, F_TOPICS, F_DATASETS, F_SCHEMA, F_IDENTIFIERS, F_GENDERS, F__COUNT };
static const char *const sq_facet_names[F__COUNT] = {
	"countries", "topics", "datasets", "schema", "identifiers", "genders"
};
static const char *const sq_facet_labels[F__COUNT] = {
	"Countries", "Topics", "Data sources", "Entity types", "Identifiers", "Genders"
};

typedef struct {
	const char *dataset, *q, *schema, *changed_since;
	const char *include[SQ_MAX_VALUES], *exclude[SQ_MAX_VALUES];
	const char *exclude_schema[SQ_MAX_VALUES];
	size_t n_include, n_exclude, n_exclude_schema;
	sq_filter filters[SQ_MAX_VALUES];
	size_t n_filters;
	sq_sort sorts[8];
	size_t n_sorts;
	bool facets[F__COUNT];
	bool filter_and, fuzzy, simple;
	size_t limit, offset;
	char fields[SQ_MAX_VALUES][64]; /* filter and sort fields */
	size_t n_fields;
} sq_params;

int srv_bool_parse(bool *out, const char *v)
{
	static const char *const yes[] = { "1", "on", "t", "true", "y", "yes" };
	static const char *const no[] = { "0", "off", "f", "false", "n", "no" };
	size_t i;
	for (i = 0; i < 6; i++) {
		if (!strcasecmp(v, yes[i]))
			return *out = true, 0;
		if (!strcasecmp(v, no[i]))
			return *out = false, 0;
	}
	return -1;
}

static int sq_int(size_t *out, const char *v, size_t max)
{
	char *end;
	long long n;
	if (!*v || strlen(v) > 18)
		return -1;
	n = strtoll(v, &end, 10);
	if (*end || n < 0 || (unsigned long long)n > max)
		return -1;
	*out = (size_t)n;
	return 0;
}

int srv_page_parse(size_t *limit, size_t *offset, const char *key, const char *v,
		   srv_err *err)
{
	if (!strcmp(key, "limit") && sq_int(limit, v, SQ_MAX_PAGE))
		return srv_err_invalid(err, "query", key, "Input should be an integer "
				       "from 0 to %d", SQ_MAX_PAGE);
	if (!strcmp(key, "offset") && sq_int(offset, v, SQ_MAX_OFFSET))
		return srv_err_invalid(err, "query", key, "Input should be an integer "
				       "from 0 to %d", SQ_MAX_OFFSET);
	if (*offset + *limit > SQ_MAX_RESULTS)
		*limit = SQ_MAX_RESULTS - *offset;
	return 0;
}

static int sq_add_filter(sq_params *p, const char *field, const char *value, srv_err *err)
{
	if (p->n_filters == SQ_MAX_VALUES)
		return srv_err_invalid(err, "query", "filter", "at most %d filters",
				       SQ_MAX_VALUES);
	p->filters[p->n_filters].field = field;
	p->filters[p->n_filters++].value = value;
	return 0;
}

static int sq_add_list(const char **list, size_t *n, const char *key, const char *v,
		       srv_err *err)
{
	if (*n == SQ_MAX_VALUES)
		return srv_err_invalid(err, "query", key, "at most %d values", SQ_MAX_VALUES);
	list[(*n)++] = v;
	return 0;
}

/* Copies s[0..n) into one of the field slots of p; NULL when too long. */
static const char *sq_field_copy(sq_params *p, const char *s, size_t n)
{
	char *slot;
	if (n == 0 || n >= sizeof(p->fields[0]) || p->n_fields == SQ_MAX_VALUES)
		return NULL;
	slot = p->fields[p->n_fields++];
	memcpy(slot, s, n);
	slot[n] = '\0';
	return slot;
}

/* filter=FIELD:VALUE, sort=FIELD[:asc|desc], facets=NAME */
static int sq_param_spec(sq_params *p, const char *key, const char *v, srv_err *err)
{
	const char *colon = strchr(v, ':'), *f;
	size_t i;
	if (!strcmp(key, "filter")) {
		if (!colon || !(f = sq_field_copy(p, v, (size_t)(colon - v))))
			return srv_err_set(err, 400, "Invalid filter: '%.60s'", v);
		return sq_add_filter(p, f, colon + 1, err);
	}
	if (!strcmp(key, "sort")) {
		if (p->n_sorts == sizeof(p->sorts) / sizeof(p->sorts[0]))
			return srv_err_invalid(err, "query", "sort", "at most 8 sort fields");
		if (!(f = sq_field_copy(p, v, colon ? (size_t)(colon - v) : strlen(v))))
			return srv_err_set(err, 400, "Invalid sort: '%.60s'", v);
		p->sorts[p->n_sorts].field = f;
		p->sorts[p->n_sorts++].desc = colon && !strcmp(colon + 1, "desc");
		return 0;
	}
	for (i = 0; i < F__COUNT; i++)
		if (!strcmp(v, sq_facet_names[i]))
			return p->facets[i] = true, 0;
	return srv_err_invalid(err, "query", "facets", "Input should be 'datasets', 'schema', "
			       "'countries', 'identifiers', 'topics' or 'genders'");
}

static int sq_param(sq_params *p, const char *key, const char *v, srv_err *err)
{
	bool b;
	if (!strcmp(key, "q"))
		p->q = v;
	else if (!strcmp(key, "schema"))
		p->schema = v;
	else if (!strcmp(key, "include_dataset"))
		return sq_add_list(p->include, &p->n_include, key, v, err);
	else if (!strcmp(key, "exclude_dataset"))
		return sq_add_list(p->exclude, &p->n_exclude, key, v, err);
	else if (!strcmp(key, "exclude_schema"))
		return sq_add_list(p->exclude_schema, &p->n_exclude_schema, key, v, err);
	else if (!strcmp(key, "countries") || !strcmp(key, "topics") || !strcmp(key, "datasets"))
		return sq_add_filter(p, key, v, err);
	else if (!strcmp(key, "changed_since")) {
		if (!srv_timestamp_ok(v))
			return srv_err_invalid(err, "query", key, "String should match pattern "
					       "'^\\d{4}-\\d{2}-\\d{2}(T\\d{2}(:\\d{2}(:\\d{2})?)?)?$'");
		p->changed_since = v;
	} else if (!strcmp(key, "target")) {
		if (srv_bool_parse(&b, v))
			return srv_err_invalid(err, "query", key, "Input should be a valid boolean");
		return sq_add_filter(p, "target", b ? "true" : "false", err);
	} else if (!strcmp(key, "fuzzy") || !strcmp(key, "simple")) {
		if (srv_bool_parse(key[0] == 'f' ? &p->fuzzy : &p->simple, v))
			return srv_err_invalid(err, "query", key, "Input should be a valid boolean");
	} else if (!strcmp(key, "filter_op")) {
		if (strcmp(v, "AND") && strcmp(v, "OR"))
			return srv_err_invalid(err, "query", key, "Input should be 'AND' or 'OR'");
		p->filter_and = v[0] == 'A';
	} else if (!strcmp(key, "limit") || !strcmp(key, "offset")) {
		return srv_page_parse(&p->limit, &p->offset, key, v, err);
	} else if (!strcmp(key, "filter") || !strcmp(key, "sort") || !strcmp(key, "facets"))
		return sq_param_spec(p, key, v, err);
	return 0;
}

static int sq_params_parse(sq_params *p, const srv_args *args, srv_err *err)
{
	size_t i;
	bool facets = false;
	p->schema = "Thing";
	p->q = "";
	p->limit = 10;
	for (i = 0; i < args->n; i++) {
		facets |= !strcmp(srv_args_key(args, i), "facets");
		if (sq_param(p, srv_args_key(args, i), srv_args_value(args, i), err))
			return -1;
	}
	if (!facets)
		p->facets[F_COUNTRIES] = p->facets[F_TOPICS] = p->facets[F_DATASETS] = true;
	if (!vg_ftm_schema_label(p->schema))
		return srv_err_set(err, 400, "Invalid schema");
	return 0;
}

/* ---- the scope and the filters ------------------------------------------------- */

static bool sq_in(const char *const *list, size_t n, const char *s)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

/* Whether dataset d is one of the names a user typed (vg_dataset_matches). */
static bool sq_in_datasets(const char *const *list, size_t n, const char *d)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (vg_dataset_matches(d, list[i]))
			return true;
	return false;
}

/* The path's dataset, include_dataset and exclude_dataset: whether one of
 * r's datasets is in the scope. */
static bool sq_in_scope(const sq_params *p, const vg_index *ix, uint32_t r)
{
	const char *d;
	size_t i;
	for (i = 0; (d = vg_entity_dataset(ix, r, i)); i++) {
		if (strcmp(p->dataset, "default") && !vg_dataset_matches(d, p->dataset))
			continue;
		if ((p->n_include && !sq_in_datasets(p->include, p->n_include, d)) ||
		    sq_in_datasets(p->exclude, p->n_exclude, d))
			continue;
		return true;
	}
	return false;
}

/* schema: the schema or a descendant, or an ancestor that is screened
 * (yente's matchable_schemata: a LegalEntity is found as a Person). */
static bool sq_schema_ok(const sq_params *p, const char *schema)
{
	if (vg_ftm_schema_is_a(schema, p->schema))
		return true;
	return vg_ftm_schema_is_a(p->schema, schema) &&
	       vg_schema_is_screenable(vg_schema_from_name(schema, strlen(schema)));
}

/* The filters: per field, one value (OR) or every value (AND). */
static bool sq_filters_ok(const sq_params *p, const vg_index *ix, const srv_search_text *st,
			  uint32_t r)
{
	size_t i, k;
	for (i = 0; i < p->n_filters; i++) {
		bool seen_before = false, any = false;
		for (k = 0; k < i && !seen_before; k++)
			seen_before = !strcmp(p->filters[k].field, p->filters[i].field);
		if (p->filter_and) {
			if (!st_field_any(ix, st, r, p->filters[i].field, st_equal_fn,
					  (void *)p->filters[i].value))
				return false;
			continue;
		}
		if (seen_before)
			continue;
		for (k = i; k < p->n_filters && !any; k++)
			any = !strcmp(p->filters[k].field, p->filters[i].field) &&
			      st_field_any(ix, st, r, p->filters[k].field, st_equal_fn,
					   (void *)p->filters[k].value);
		if (!any)
			return false;
	}
	return true;
}

static bool sq_record_ok(const sq_params *p, const vg_index *ix, const srv_search_text *st,
			 uint32_t r)
{
	const char *schema = vg_entity_schema(ix, r), *changed;
	if (!schema || !sq_schema_ok(p, schema) ||
	    sq_in(p->exclude_schema, p->n_exclude_schema, schema) || !sq_in_scope(p, ix, r))
		return false;
	if (p->changed_since &&
	    (!(changed = vg_entity_seen(ix, r, VG_CHANGED_LAST)) || strcmp(changed, p->changed_since) <= 0))
		return false;
	return sq_filters_ok(p, ix, st, r);
}

/* ---- ordering ------------------------------------------------------------------- */

typedef struct {
	uint32_t ord;
	double score;
} sq_hit;

typedef struct {
	const sq_params *p;
	const vg_index *ix;
} sq_order;

static const char *sq_sort_key(const sq_order *o, const char *field, uint32_t r)
{
	if (!strncmp(field, "properties.", 11))
		return vg_entity_first(o->ix, r, field + 11);
	if (!strcmp(field, "first_seen"))
		return vg_entity_seen(o->ix, r, VG_SEEN_FIRST);
	if (!strcmp(field, "last_seen"))
		return vg_entity_seen(o->ix, r, VG_SEEN_LAST);
	if (!strcmp(field, "last_change"))
		return vg_entity_seen(o->ix, r, VG_CHANGED_LAST);
	if (!strcmp(field, "caption"))
		return vg_entity_caption(o->ix, r);
	if (!strcmp(field, "schema"))
		return vg_entity_schema(o->ix, r);
	return vg_index_entity_id(o->ix, r);
}

static bool sq_sortable(const char *field)
{
	static const char *const ok[] = { "first_seen", "last_seen", "last_change", "caption",
					  "schema", "entity_id", "id", "_score", "_doc" };
	size_t i;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (!strcmp(ok[i], field))
			return true;
	return !strncmp(field, "properties.", 11) && field[11];
}

/* sort's fields (a missing value last either way), score, id */
static int sq_cmp(const void *x, const void *y, void *arg)
{
	const sq_hit *a = x, *b = y;
	const sq_order *o = arg;
	size_t i;
	int c;
	for (i = 0; i < o->p->n_sorts; i++) {
		const sq_sort *s = &o->p->sorts[i];
		const char *ka, *kb;
		if (!strcmp(s->field, "_score")) {
			if (a->score != b->score)
				return (a->score < b->score) == s->desc ? 1 : -1;
			continue;
		}
		if (!strcmp(s->field, "_doc"))
			continue;
		ka = sq_sort_key(o, s->field, a->ord);
		kb = sq_sort_key(o, s->field, b->ord);
		if (!ka || !kb) {
			if (ka != kb)
				return ka ? -1 : 1;
			continue;
		}
		if ((c = strcmp(ka, kb)))
			return s->desc ? -c : c;
	}
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return strcmp(vg_index_entity_id(o->ix, a->ord), vg_index_entity_id(o->ix, b->ord));
}

/* ---- facets ----------------------------------------------------------------------- */

typedef struct {
	const char *seen[32]; /* the record's values so far (counted once) */
	size_t n;
	vg_buf *out;          /* const char *[]: every record's values */
} sq_collect;

static bool sq_collect_fn(void *arg, const char *value)
{
	sq_collect *c = arg;
	size_t i;
	for (i = 0; i < c->n; i++)
		if (!strcmp(c->seen[i], value))
			return false;
	if (c->n < sizeof(c->seen) / sizeof(c->seen[0]))
		c->seen[c->n++] = value;
	vg_buf_put(c->out, (const char *)&value, sizeof(value));
	return false;
}

typedef struct {
	const char *name;
	size_t count;
} sq_bucket;

static int sq_cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int sq_cmp_bucket(const void *x, const void *y)
{
	const sq_bucket *a = x, *b = y;
	if (a->count != b->count)
		return a->count < b->count ? 1 : -1;
	return strcmp(a->name, b->name);
}

static void sq_put_label(vg_buf *out, int facet, const char *name)
{
	const char *label = name;
	char buf[96];
	size_t i;
	if (facet == F_SCHEMA && vg_ftm_schema_label(name))
		label = vg_ftm_schema_label(name);
	if (facet == F_COUNTRIES && (label = vg_country_name(name))) {
		snprintf(buf, sizeof(buf), "%s", label);
		for (i = 0; buf[i]; i++)
			if (!i || buf[i - 1] == ' ' || buf[i - 1] == '-')
				buf[i] = (char)toupper((unsigned char)buf[i]);
		label = buf;
	} else if (facet == F_COUNTRIES)
		label = name;
	vg_buf_put_json_string(out, label, strlen(label));
}

/* {"label", "values": [{"name", "label", "count"}]} from the values of
 * every record found (vals, sorted here). */
static void sq_put_facet(vg_buf *out, int facet, vg_buf *vals)
{
	const char **v = (const char **)(void *)vals->ptr;
	size_t n = vals->size / sizeof(*v), i, k = 0;
	sq_bucket *b = NULL;
	vg_buf_printf(out, "\"%s\": {\"label\": \"%s\", \"values\": [", sq_facet_names[facet],
		      sq_facet_labels[facet]);
	if (n) {
		qsort(v, n, sizeof(*v), sq_cmp_str);
		if (!(b = malloc(n * sizeof(*b)))) {
			out->oom = 1;
			return;
		}
		for (i = 0; i < n; i++) {
			if (k && !strcmp(b[k - 1].name, v[i]))
				b[k - 1].count++;
			else
				b[k++] = (sq_bucket){ v[i], 1 };
		}
		qsort(b, k, sizeof(*b), sq_cmp_bucket);
	}
	for (i = 0; i < k && i < SQ_MAX_FACET; i++) {
		vg_buf_puts(out, i ? ", {\"name\": " : "{\"name\": ");
		vg_buf_put_json_string(out, b[i].name, strlen(b[i].name));
		vg_buf_puts(out, ", \"label\": ");
		sq_put_label(out, (int)facet, b[i].name);
		vg_buf_printf(out, ", \"count\": %zu}", b[i].count);
	}
	vg_buf_puts(out, "]}");
	free(b);
}

/* ---- the search ------------------------------------------------------------------ */

typedef struct {
	sq_hit *hits;
	size_t n;
	vg_buf vals[F__COUNT];
} sq_found;

static void sq_found_dispose(sq_found *f)
{
	size_t i;
	free(f->hits);
	for (i = 0; i < F__COUNT; i++)
		vg_buf_dispose(&f->vals[i]);
}

/* Every record in the scope that the query matches, with the values of
 * the facets asked for; -1 when out of memory. */
static int sq_find(sq_found *f, const sq_params *p, const sq_eval *ev)
{
	size_t n = vg_index_record_count(ev->ix), r, k;
	if (!(f->hits = malloc((n ? n : 1) * sizeof(*f->hits))))
		return -1;
	for (r = 0; r < n; r++) {
		double score = 0;
		if (!sq_record_ok(p, ev->ix, ev->st, (uint32_t)r) ||
		    (ev->q->root >= 0 && !sq_match(ev, (size_t)ev->q->root, (uint32_t)r, &score)))
			continue;
		f->hits[f->n++] = (sq_hit){ (uint32_t)r, score };
		for (k = 0; k < F__COUNT; k++) {
			sq_collect c;
			if (!p->facets[k])
				continue;
			c.n = 0;
			c.out = &f->vals[k];
			st_field_any(ev->ix, ev->st, (uint32_t)r, sq_facet_names[k], sq_collect_fn, &c);
		}
	}
	for (k = 0; k < F__COUNT; k++)
		if (vg_buf_oom(&f->vals[k]))
			return -1;
	return 0;
}

static void sq_respond(srv_response *resp, const sq_params *p, const vg_index *ix,
		       sq_found *f)
{
	vg_buf *out = &resp->body;
	size_t i, k, end = p->offset + p->limit < f->n ? p->offset + p->limit : f->n;
	bool first = true;
	vg_buf_clear(out);
	vg_buf_puts(out, "{\"results\": [");
	for (i = p->offset; i < end; i++) {
		vg_buf_puts(out, i > p->offset ? ", " : "");
		if (vg_json_entity(out, ix, f->hits[i].ord, NULL))
			out->oom = 1;
	}
	vg_buf_puts(out, "], \"facets\": {");
	for (k = 0; k < F__COUNT; k++) {
		if (!p->facets[k])
			continue;
		vg_buf_puts(out, first ? "" : ", ");
		first = false;
		sq_put_facet(out, (int)k, &f->vals[k]);
	}
	vg_buf_printf(out, "}, \"total\": {\"value\": %zu, \"relation\": \"eq\"}, "
		      "\"limit\": %zu, \"offset\": %zu}\n", f->n, p->limit, p->offset);
	if (vg_buf_oom(out))
		srv_respond_error(resp, 500, "out of memory");
	else
		resp->status = 200;
}

void srv_handle_search(const srv_ctx *ctx, const srv_request *req, srv_response *resp,
		       const char *dataset)
{
	vg_match_options scope = VG_MATCH_OPTIONS_INIT;
	const char *one = NULL;
	sq_params *p = NULL;
	sq_query *q = NULL;
	sq_found found;
	srv_err err = { 0 };
	sq_eval ev;
	sq_order order;
	size_t i;

	memset(&found, 0, sizeof(found));
	if (strcmp(req->method, "GET") && strcmp(req->method, "HEAD")) {
		srv_respond_error(resp, 405, "use GET /search/DATASET?q=TEXT");
		return;
	}
	if (!(p = calloc(1, sizeof(*p))) || !(q = calloc(1, sizeof(*q)))) {
		srv_respond_error(resp, 500, "out of memory");
		goto cleanup;
	}
	p->dataset = dataset;
	if (srv_apply_dataset(&scope, ctx->ix, dataset, &one, &err) ||
	    sq_params_parse(p, req->args, &err)) {
		srv_respond_err(resp, &err);
		goto cleanup;
	}
	for (i = 0; i < p->n_sorts; i++)
		if (!sq_sortable(p->sorts[i].field)) {
			snprintf(err.detail, sizeof(err.detail), "Invalid sort field: '%.60s'",
				 p->sorts[i].field);
			srv_respond_error(resp, 400, err.detail);
			goto cleanup;
		}
	if (sq_parse(q, p->q, p->simple, p->fuzzy)) {
		srv_respond_error(resp, q->oom ? 500 : 400, q->oom ? "out of memory" : q->error);
		goto cleanup;
	}
	ev = (sq_eval){ ctx->ix->index, &ctx->ix->search, q };
	if (sq_find(&found, p, &ev)) {
		srv_respond_error(resp, 500, "out of memory");
		goto cleanup;
	}
	order = (sq_order){ p, ctx->ix->index };
	qsort_r(found.hits, found.n, sizeof(*found.hits), sq_cmp, &order);
	sq_respond(resp, p, ctx->ix->index, &found);
cleanup:
	sq_found_dispose(&found);
	if (q)
		sq_dispose(q);
	free(q);
	free(p);
}
