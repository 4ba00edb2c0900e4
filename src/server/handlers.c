/*
 * handlers.c - the endpoints of `vigil serve`: yente's /match, /search,
 * /entities, /catalog, /healthz and /readyz, OpenRefine's /reconcile, /scan
 * and the analyst page.
 *
 * Invariant: every request gets exactly one response, JSON unless it asks
 * for HTML or JSONP, and every failure has the shape {"status", "detail"};
 * handlers read only the immutable index generation they were given, the
 * calling thread's own matcher and the generation's entity cache (whose
 * slots are written once, by compare-and-swap), so they take no locks.
 */
#include "handlers.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Library output is trusted but may nest explanations deeply. */
#define TRUSTED_DEPTH 512

uint64_t srv_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

int srv_put_json_text(vg_buf *b, const char *s, size_t len)
{
	vg_buf clean = VG_BUF_INIT;
	size_t bad;
	int rc = VG_ENOMEM;
	if (vg_utf8_valid(s, len, NULL))
		return vg_buf_put_json_string(b, s, len);
	while (len && !vg_utf8_valid(s, len, &bad)) {
		if (vg_buf_put(&clean, s, bad) < 0 || vg_buf_puts(&clean, "\xEF\xBF\xBD") < 0)
			goto cleanup;
		s += bad + 1;
		len -= bad + 1;
	}
	if (vg_buf_put(&clean, s, len) < 0)
		goto cleanup;
	rc = vg_buf_put_json_string(b, clean.ptr, clean.size);
cleanup:
	vg_buf_dispose(&clean);
	return rc;
}

void srv_respond_error(srv_response *resp, int status, const char *detail)
{
	vg_buf_clear(&resp->body);
	resp->status = status;
	resp->content_type = "application/json";
	if (vg_buf_printf(&resp->body, "{\"status\": %d, \"detail\": ", status) < 0 ||
	    srv_put_json_text(&resp->body, detail, strlen(detail)) < 0 ||
	    vg_buf_puts(&resp->body, "}\n") < 0) {
		/* out of memory: a bare 500 rather than half a document */
		vg_buf_clear(&resp->body);
		resp->status = 500;
	}
}

static void respond_err(srv_response *resp, const srv_err *err)
{
	srv_respond_error(resp, err->status ? err->status : 500, err->detail);
}

/* Maps the library's last error to a status and reports it. */
static void respond_lib_error(srv_response *resp, const char *what)
{
	const vg_error *e = vg_error_last();
	char detail[256];
	int status;
	switch (e->code) {
	case VG_EUSAGE:
	case VG_EDATA: status = 400; break;
	case VG_ENOTFOUND: status = 404; break;
	case VG_ETIMEOUT: status = 503; break;
	default: status = 500; break;
	}
	snprintf(detail, sizeof(detail), "%s: %s", what,
		 e->message[0] ? e->message : "failed");
	srv_respond_error(resp, status, detail);
}

static void respond_json(srv_response *resp, json_object *obj)
{
	size_t len;
	const char *s = json_object_to_json_string_length(obj, JSON_C_TO_STRING_PLAIN |
							  JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	vg_buf_clear(&resp->body);
	resp->status = 200;
	resp->content_type = "application/json";
	if (vg_buf_put(&resp->body, s, len) || vg_buf_puts(&resp->body, "\n"))
		srv_respond_error(resp, 500, "out of memory");
}

static json_object *parse_trusted(const char *s, size_t len)
{
	json_tokener *tok = json_tokener_new_ex(TRUSTED_DEPTH);
	json_object *obj;
	if (!tok)
		return NULL;
	obj = json_tokener_parse_ex(tok, s, (int)len);
	if (json_tokener_get_error(tok) != json_tokener_success) {
		json_object_put(obj);
		obj = NULL;
	}
	json_tokener_free(tok);
	return obj;
}

/* ---- index generations ---------------------------------------------- */

static json_object *str_or_null(json_object *obj, const char *key)
{
	json_object *v;
	if (json_object_object_get_ex(obj, key, &v) &&
	    json_object_is_type(v, json_type_string))
		return json_object_get(v);
	return NULL;
}

/* The /catalog answer for ix, from the index's info (yente's shape). */
static json_object *catalog_tree(const srv_index_view *ix, json_object *info)
{
	json_object *out = json_object_new_object(), *datasets = json_object_new_array();
	json_object *current = json_object_new_array(), *children = json_object_new_array();
	json_object *sources, *all, *index;
	char version[48];
	size_t i, n = 0;

	snprintf(version, sizeof(version), "gen-%llu", (unsigned long long)ix->generation);
	if (json_object_object_get_ex(info, "sources", &sources) &&
	    json_object_is_type(sources, json_type_array))
		n = json_object_array_length(sources);
	for (i = 0; i < n; i++) {
		json_object *src = json_object_array_get_idx(sources, i), *d, *v, *asof;
		if (!json_object_is_type(src, json_type_object) ||
		    !json_object_object_get_ex(src, "name", &v))
			continue;
		d = json_object_new_object();
		json_object_object_add(d, "name", json_object_get(v));
		json_object_object_add(d, "title", json_object_get(v));
		/* yente's version is a date-like stamp: the list's as-of date
		 * when it has one, else the content version of the source. */
		asof = str_or_null(src, "as_of");
		if (asof && !json_object_get_string_len(asof)) {
			json_object_put(asof);
			asof = NULL;
		}
		v = asof ? json_object_get(asof) : str_or_null(src, "version");
		json_object_object_add(d, "version", v ? v : json_object_new_string(""));
		json_object_object_add(d, "updated_at", asof);
		json_object_object_add(d, "content_version", str_or_null(src, "version"));
		json_object_object_add(d, "format", str_or_null(src, "format"));
		if (json_object_object_get_ex(src, "entities", &v))
			json_object_object_add(d, "entity_count", json_object_get(v));
		if (json_object_object_get_ex(src, "names", &v))
			json_object_object_add(d, "name_count", json_object_get(v));
		json_object_object_add(d, "load", json_object_new_boolean(1));
		json_object_object_add(d, "index_version", json_object_new_string(version));
		json_object_object_add(d, "index_current", json_object_new_boolean(1));
		json_object_object_add(d, "children", json_object_new_array());
		json_object_array_add(datasets, d);
		if (json_object_object_get_ex(src, "name", &v)) {
			json_object_array_add(current, json_object_get(v));
			json_object_array_add(children, json_object_get(v));
		}
	}
	all = json_object_new_object();
	json_object_object_add(all, "name", json_object_new_string("default"));
	json_object_object_add(all, "title", json_object_new_string("Every source in the index"));
	json_object_object_add(all, "version", json_object_new_string(ix->loaded_at));
	json_object_object_add(all, "updated_at", json_object_new_string(ix->loaded_at));
	json_object_object_add(all, "entity_count", json_object_new_int64((int64_t)ix->entities));
	json_object_object_add(all, "load", json_object_new_boolean(1));
	json_object_object_add(all, "index_version", json_object_new_string(version));
	json_object_object_add(all, "index_current", json_object_new_boolean(1));
	json_object_object_add(all, "children", children);
	json_object_array_add(datasets, all);
	json_object_array_add(current, json_object_new_string("default"));
	json_object_object_add(out, "datasets", datasets);
	json_object_object_add(out, "current", current);
	json_object_object_add(out, "outdated", json_object_new_array());
	json_object_object_add(out, "index_stale", json_object_new_boolean(0));
	index = json_object_new_object();
	json_object_object_add(index, "generation", json_object_new_int64((int64_t)ix->generation));
	json_object_object_add(index, "loaded_at", json_object_new_string(ix->loaded_at));
	json_object_object_add(index, "entities", json_object_new_int64((int64_t)ix->entities));
	json_object_object_add(out, "index", index);
	return out;
}

/* Copies the names of info's sources into view->sources (one allocation:
 * the pointers, then the strings). */
static int copy_sources(srv_index_view *view, json_object *info)
{
	json_object *sources, *src, *name;
	size_t i, count, bytes, used;
	char *p;
	if (!json_object_object_get_ex(info, "sources", &sources) ||
	    !json_object_is_type(sources, json_type_array))
		return 0;
	count = json_object_array_length(sources);
	bytes = (count + 1) * sizeof(char *);
	for (i = 0; i < count; i++)
		if (json_object_object_get_ex(json_object_array_get_idx(sources, i), "name", &name))
			bytes += (size_t)json_object_get_string_len(name) + 1;
	if (!(view->sources = malloc(bytes)))
		return -1;
	p = (char *)(view->sources + count + 1);
	for (i = 0, used = 0; i < count; i++) {
		src = json_object_array_get_idx(sources, i);
		if (!json_object_object_get_ex(src, "name", &name) ||
		    !json_object_is_type(name, json_type_string))
			continue;
		view->sources[view->n_sources++] = p;
		used = (size_t)json_object_get_string_len(name);
		memcpy(p, json_object_get_string(name), used);
		p[used] = '\0';
		p += used + 1;
	}
	return 0;
}

static int entity_cache_new(srv_index_view *view, size_t cache_bytes)
{
	size_t n = vg_index_entity_count(view->index), bytes, i;
	if (__builtin_mul_overflow(n, sizeof(view->cache->slot[0]), &bytes) ||
	    __builtin_add_overflow(bytes, sizeof(*view->cache), &bytes) ||
	    !(view->cache = malloc(bytes)))
		return -1;
	view->cache->n = n;
	view->cache->cap_bytes = cache_bytes;
	atomic_init(&view->cache->bytes, 0);
	for (i = 0; i < n; i++)
		atomic_init(&view->cache->slot[i], NULL);
	return 0;
}

int srv_index_view_load(srv_index_view *view, size_t cache_bytes)
{
	vg_buf b = VG_BUF_INIT;
	json_object *info = NULL, *n, *catalog = NULL;
	const char *s;
	size_t len;
	time_t now = time(NULL);
	struct tm tm;
	int rc = -1;
	gmtime_r(&now, &tm);
	strftime(view->loaded_at, sizeof(view->loaded_at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (vg_index_info_json(view->index, &b))
		goto cleanup;
	if (!(info = parse_trusted(b.ptr, b.size)) ||
	    !json_object_is_type(info, json_type_object))
		goto cleanup;
	if (json_object_object_get_ex(info, "entities", &n))
		view->entities = (size_t)json_object_get_int64(n);
	if (copy_sources(view, info) || !(catalog = catalog_tree(view, info)))
		goto cleanup;
	s = json_object_to_json_string_length(catalog, JSON_C_TO_STRING_PLAIN |
					      JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	if (!s || !(view->catalog = malloc(len + 2)))
		goto cleanup;
	memcpy(view->catalog, s, len);
	memcpy(view->catalog + len, "\n", 2);
	view->catalog_len = len + 1;
	if (cache_bytes && entity_cache_new(view, cache_bytes))
		goto cleanup;
	rc = 0;
cleanup:
	json_object_put(catalog);
	json_object_put(info);
	vg_buf_dispose(&b);
	if (rc)
		srv_index_view_dispose(view);
	return rc;
}

void srv_index_view_dispose(srv_index_view *view)
{
	size_t i;
	if (view->cache) {
		for (i = 0; i < view->cache->n; i++)
			free(atomic_load(&view->cache->slot[i]));
		free(view->cache);
	}
	free(view->sources);
	free(view->catalog);
	view->sources = NULL;
	view->n_sources = 0;
	view->catalog = NULL;
	view->catalog_len = 0;
	view->cache = NULL;
}

static bool dataset_known(const srv_index_view *ix, const char *name)
{
	size_t i;
	if (!strcmp(name, "default"))
		return true;
	for (i = 0; i < ix->n_sources; i++)
		if (!strcmp(ix->sources[i], name))
			return true;
	return false;
}

/* Checks the path's dataset and the include/exclude lists; fills opts. */
static int apply_dataset(vg_match_options *opts, const srv_index_view *ix,
			 const char *dataset, const char **one, srv_err *err)
{
	size_t i;
	if (!dataset_known(ix, dataset))
		return srv_err_set(err, 404, "no dataset '%.100s' (see /catalog)", dataset);
	for (i = 0; i < opts->n_datasets; i++)
		if (!dataset_known(ix, opts->datasets[i]))
			return srv_err_set(err, 400, "include_dataset: no dataset '%.100s'",
					   opts->datasets[i]);
	for (i = 0; i < opts->n_exclude_datasets; i++)
		if (!dataset_known(ix, opts->exclude_datasets[i]))
			return srv_err_set(err, 400, "exclude_dataset: no dataset '%.100s'",
					   opts->exclude_datasets[i]);
	if (strcmp(dataset, "default")) {
		bool included = opts->n_datasets == 0;
		for (i = 0; i < opts->n_datasets; i++)
			included |= !strcmp(opts->datasets[i], dataset);
		/* The path's dataset scopes the search; an include list that
		 * leaves it out selects nothing, which excluding it expresses. */
		*one = dataset;
		opts->datasets = one;
		opts->n_datasets = 1;
		if (!included) {
			opts->exclude_datasets = one;
			opts->n_exclude_datasets = 1;
		}
	} else {
		for (i = 0; i < opts->n_datasets; i++)
			if (!strcmp(opts->datasets[i], "default"))
				opts->n_datasets = 0, opts->datasets = NULL;
	}
	return 0;
}

/* yente nests an entity's sanctions as Sanction entities in its
 * properties; vigil's index lists them beside the properties. */
static void nest_sanctions(json_object *entity)
{
	json_object *sanctions, *props, *list;
	size_t i, n;
	static const struct { const char *from, *to; } map[] = {
		{ "authority", "authority" }, { "program", "program" },
		{ "start_date", "startDate" }, { "end_date", "endDate" },
		{ "reason", "reason" }, { "country", "country" },
	};
	if (!json_object_object_get_ex(entity, "sanctions", &sanctions) ||
	    !json_object_is_type(sanctions, json_type_array) ||
	    !json_object_object_get_ex(entity, "properties", &props) ||
	    !json_object_is_type(props, json_type_object) ||
	    json_object_object_get_ex(props, "sanctions", NULL))
		return;
	list = json_object_new_array();
	n = json_object_array_length(sanctions);
	for (i = 0; i < n; i++) {
		json_object *s = json_object_array_get_idx(sanctions, i), *ent, *p, *v;
		size_t k;
		if (!json_object_is_type(s, json_type_object))
			continue;
		if (json_object_object_get_ex(s, "properties", NULL)) {
			/* already a Sanction entity */
			json_object_array_add(list, json_object_get(s));
			continue;
		}
		ent = json_object_new_object();
		p = json_object_new_object();
		json_object_object_add(ent, "schema", json_object_new_string("Sanction"));
		for (k = 0; k < sizeof(map) / sizeof(map[0]); k++) {
			if (json_object_object_get_ex(s, map[k].from, &v) &&
			    json_object_is_type(v, json_type_string) &&
			    json_object_get_string_len(v) > 0) {
				json_object *vals = json_object_new_array();
				json_object_array_add(vals, json_object_get(v));
				json_object_object_add(p, map[k].to, vals);
			}
		}
		json_object_object_add(ent, "properties", p);
		json_object_array_add(list, ent);
	}
	json_object_object_add(props, "sanctions", list);
	json_object_object_add(entity, "target", json_object_new_boolean(n > 0));
}

/* FtM link schemata by how yente nests them into the properties of the
 * entity at either end: the reverse property on the entity and the
 * property of the link that names the entity at the other end.  "out" is
 * the side the graph stage calls the subject (owner, director, member...). */
static const struct {
	const char *schema;
	const char *out_rev, *out_other, *in_rev, *in_other;
} link_props[] = {
	{ "Family", "familyPerson", "relative", "familyRelative", "person" },
	{ "Ownership", "ownershipOwner", "asset", "ownershipAsset", "owner" },
	{ "Directorship", "directorshipDirector", "organization", "directorshipOrganization", "director" },
	{ "Membership", "membershipMember", "organization", "membershipOrganization", "member" },
	{ "Employment", "employmentEmployee", "employer", "employmentEmployer", "employee" },
	{ "Associate", "associates", "associate", "associations", "person" },
	{ "UnknownLink", "unknownLinkSubject", "object", "unknownLinkObject", "subject" },
	{ "Representation", "agentRepresentation", "client", "clientRepresentation", "agent" },
};

/* Adds the direct links (one hop) of vigil's "links" to the properties as
 * yente's nested entities: a Person owning a Company gets
 * "ownershipOwner": [{"schema": "Ownership", "properties": {"asset":
 * [COMPANY]}}]. */
static void nest_links(json_object *entity)
{
	json_object *links, *props;
	size_t i, k, n;
	if (!json_object_object_get_ex(entity, "links", &links) ||
	    !json_object_is_type(links, json_type_array) ||
	    !json_object_object_get_ex(entity, "properties", &props) ||
	    !json_object_is_type(props, json_type_object))
		return;
	n = json_object_array_length(links);
	for (i = 0; i < n; i++) {
		json_object *l = json_object_array_get_idx(links, i), *path, *hop, *v, *other;
		json_object *nested, *np, *list;
		const char *schema, *dir, *rev, *other_prop;
		if (!json_object_object_get_ex(l, "path", &path) ||
		    json_object_array_length(path) != 1 ||
		    !json_object_object_get_ex(l, "entity", &other))
			continue;
		hop = json_object_array_get_idx(path, 0);
		if (!json_object_object_get_ex(hop, "link", &v))
			continue;
		schema = json_object_get_string(v);
		dir = json_object_object_get_ex(hop, "direction", &v) ? json_object_get_string(v) : "";
		for (k = 0; k < sizeof(link_props) / sizeof(link_props[0]); k++)
			if (!strcmp(link_props[k].schema, schema))
				break;
		if (k == sizeof(link_props) / sizeof(link_props[0]))
			continue;
		rev = strcmp(dir, "in") ? link_props[k].out_rev : link_props[k].in_rev;
		other_prop = strcmp(dir, "in") ? link_props[k].out_other : link_props[k].in_other;
		nested = json_object_new_object();
		np = json_object_new_object();
		json_object_object_add(nested, "schema", json_object_new_string(schema));
		list = json_object_new_array();
		json_object_array_add(list, json_object_get(other));
		json_object_object_add(np, other_prop, list);
		if (json_object_object_get_ex(hop, "relation", &v) &&
		    json_object_get_string_len(v) > 0) {
			list = json_object_new_array();
			json_object_array_add(list, json_object_get(v));
			json_object_object_add(np, strcmp(schema, "Family") && strcmp(schema, "Associate")
						   ? "role" : "relationship", list);
		}
		json_object_object_add(nested, "properties", np);
		if (!json_object_object_get_ex(props, rev, &list)) {
			list = json_object_new_array();
			json_object_object_add(props, rev, list);
		}
		if (json_object_is_type(list, json_type_array))
			json_object_array_add(list, nested);
		else
			json_object_put(nested);
	}
}

/* The entity as FtM JSON (parsed), or NULL. */
static json_object *entity_object(const srv_index_view *ix, const char *id,
				  int depth)
{
	uint32_t ord;
	vg_buf b = VG_BUF_INIT;
	json_object *obj = NULL;
	if (vg_index_lookup(&ord, ix->index, id) == 0 &&
	    vg_index_entity_json(ix->index, ord, depth, &b) == 0)
		obj = parse_trusted(b.ptr, b.size);
	vg_buf_dispose(&b);
	return obj;
}

/* ---- splicing library JSON ------------------------------------------------
 *
 * /match is the hot path: every result is the matcher's RESULT object plus
 * the entity's properties and sanctions.  Building json-c trees for that
 * cost more than the matching itself, so the results are assembled by
 * copying byte ranges of the library's (trusted, well-formed) JSON: a small
 * scanner finds the members of an object and the elements of an array.
 * Malformed input makes the scanner return -1, never read past `end`.
 */

typedef struct {
	const char *p;
	size_t n;
} span;

typedef struct {
	span key; /* between the quotes, escapes left as they are */
	span val;
} member;

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
		p++;
	return p;
}

/* The end of the JSON value that starts at p, or NULL. */
static const char *value_end(const char *p, const char *end)
{
	int depth = 0;
	if (p >= end)
		return NULL;
	if (*p != '{' && *p != '[' && *p != '"') {
		while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' &&
		       *p != '\n' && *p != '\t' && *p != '\r')
			p++;
		return p;
	}
	do {
		if (p >= end)
			return NULL;
		if (*p == '"') {
			/* Most bytes are inside strings: jump from quote to
			 * quote, a quote after an odd run of backslashes
			 * being part of the string. */
			for (;;) {
				const char *q = memchr(p + 1, '"', (size_t)(end - p - 1)), *b;
				if (!q)
					return NULL;
				for (b = q; b > p + 1 && b[-1] == '\\'; b--)
					;
				p = q;
				if ((q - b) % 2 == 0)
					break;
			}
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			depth--;
		}
		p++;
	} while (depth > 0);
	return p;
}

/* Positions *pp after the opening bracket of the container in s. */
static int open_container(const char **pp, span s, char bracket)
{
	const char *p = skip_ws(s.p, s.p + s.n);
	if (p >= s.p + s.n || *p != bracket)
		return -1;
	*pp = p + 1;
	return 0;
}

/* Next member of an object: 1 with m filled, 0 at the closing brace (*pp
 * then points at it), -1 when malformed. */
static int obj_next(const char **pp, const char *end, member *m)
{
	const char *p = skip_ws(*pp, end), *k;
	if (p < end && *p == ',')
		p = skip_ws(p + 1, end);
	if (p >= end)
		return -1;
	if (*p == '}') {
		*pp = p;
		return 0;
	}
	if (*p != '"' || !(k = p, p = value_end(p, end)))
		return -1;
	m->key.p = k + 1;
	m->key.n = (size_t)(p - k - 2);
	p = skip_ws(p, end);
	if (p >= end || *p != ':')
		return -1;
	m->val.p = p = skip_ws(p + 1, end);
	if (!(p = value_end(p, end)) || p == m->val.p)
		return -1;
	m->val.n = (size_t)(p - m->val.p);
	*pp = p;
	return 1;
}

/* Next element of an array, like obj_next. */
static int arr_next(const char **pp, const char *end, span *v)
{
	const char *p = skip_ws(*pp, end);
	if (p < end && *p == ',')
		p = skip_ws(p + 1, end);
	if (p >= end)
		return -1;
	if (*p == ']') {
		*pp = p;
		return 0;
	}
	v->p = p;
	if (!(p = value_end(p, end)) || p == v->p)
		return -1;
	v->n = (size_t)(p - v->p);
	*pp = p;
	return 1;
}

static bool key_is(const member *m, const char *key)
{
	size_t n = strlen(key);
	return m->key.n == n && !memcmp(m->key.p, key, n);
}

static bool empty_container(span s)
{
	const char *p = skip_ws(s.p + 1, s.p + s.n);
	return s.n < 2 || p >= s.p + s.n || *p == '}' || *p == ']';
}

static int put_member(vg_buf *out, span key, span val)
{
	return vg_buf_puts(out, ", \"") | vg_buf_put(out, key.p, key.n) |
	       vg_buf_puts(out, "\": ") | vg_buf_put(out, val.p, val.n);
}

/* Writes the entity's properties with its sanctions nested in them as
 * yente does. */
static int put_properties(vg_buf *out, span props, span sanctions)
{
	/* FtM has no "sanctions" property of its own (it is the reverse of
	 * Sanction.entity), so the properties object is not searched for one. */
	if (!sanctions.p || empty_container(sanctions) || props.n < 2 ||
	    props.p[props.n - 1] != '}')
		return vg_buf_put(out, props.p, props.n);
	return vg_buf_put(out, props.p, props.n - 1) |
	       vg_buf_puts(out, empty_container(props) ? "\"sanctions\": " : ", \"sanctions\": ") |
	       vg_buf_put(out, sanctions.p, sanctions.n) | vg_buf_puts(out, "}");
}

/* The entity's JSON without links, from the generation's cache when it is
 * there (then *out points into the cache, else into scratch). */
static int entity_json0(span *out, const srv_index_view *ix, uint32_t ord, vg_buf *scratch)
{
	srv_entity_cache *cache = ix->cache;
	srv_cached_entity *c, *expected = NULL;
	size_t total;
	if (cache && ord < cache->n &&
	    (c = atomic_load_explicit(&cache->slot[ord], memory_order_acquire))) {
		out->p = c->json;
		out->n = c->len;
		return 0;
	}
	vg_buf_clear(scratch);
	if (vg_index_entity_json(ix->index, ord, 0, scratch) || !scratch->ptr)
		return -1;
	out->p = scratch->ptr;
	out->n = scratch->size;
	if (!cache || ord >= cache->n)
		return 0;
	total = atomic_fetch_add(&cache->bytes, scratch->size) + scratch->size;
	if (total > cache->cap_bytes || !(c = malloc(sizeof(*c) + scratch->size))) {
		atomic_fetch_sub(&cache->bytes, scratch->size);
		return 0;
	}
	c->len = scratch->size;
	memcpy(c->json, scratch->ptr, scratch->size);
	if (atomic_compare_exchange_strong_explicit(&cache->slot[ord], &expected, c,
						    memory_order_release, memory_order_acquire)) {
		out->p = c->json;
	} else {
		/* another thread rendered it first: keep theirs */
		atomic_fetch_sub(&cache->bytes, scratch->size);
		free(c);
	}
	return 0;
}

/* One yente ScoredEntityResponse: the RESULT object r plus the members of
 * the entity that r lacks, "features" (the numbers of the explanation),
 * "target" and "referents". */
static int splice_result(vg_buf *out, const srv_index_view *ix, span r, vg_buf *ent)
{
	const char *p, *end = r.p + r.n, *close;
	span keys[32], id = { NULL, 0 }, expl = { NULL, 0 }, props = { NULL, 0 },
	     sanctions = { NULL, 0 }, e;
	size_t nkeys = 0, i;
	member m;
	char idbuf[256];
	uint32_t ord;
	bool first;
	int rc;

	if (open_container(&p, r, '{'))
		return -1;
	while ((rc = obj_next(&p, end, &m)) == 1) {
		if (key_is(&m, "id"))
			id = m.val;
		else if (key_is(&m, "explanation"))
			expl = m.val;
		if (nkeys < sizeof(keys) / sizeof(keys[0]))
			keys[nkeys++] = m.key;
	}
	if (rc < 0)
		return -1;
	close = p;
	if (vg_buf_put(out, r.p, (size_t)(close - r.p)))
		return -1;
	vg_buf_clear(ent);
	if (id.n >= 2 && id.n - 2 < sizeof(idbuf) && !memchr(id.p, '\\', id.n)) {
		memcpy(idbuf, id.p + 1, id.n - 2);
		idbuf[id.n - 2] = '\0';
		if (vg_index_lookup(&ord, ix->index, idbuf) == 0 &&
		    entity_json0(&e, ix, ord, ent) == 0) {
			if (open_container(&p, e, '{'))
				return -1;
			while ((rc = obj_next(&p, e.p + e.n, &m)) == 1) {
				bool dup = false;
				for (i = 0; i < nkeys && !dup; i++)
					dup = keys[i].n == m.key.n && !memcmp(keys[i].p, m.key.p, m.key.n);
				if (key_is(&m, "properties"))
					props = m.val;
				else if (key_is(&m, "sanctions"))
					sanctions = m.val;
				if (dup || key_is(&m, "properties"))
					continue;
				if (put_member(out, m.key, m.val))
					return -1;
			}
			if (rc < 0)
				return -1;
		}
	}
	if (props.p && (vg_buf_puts(out, ", \"properties\": ") ||
			put_properties(out, props, sanctions)))
		return -1;
	if (vg_buf_puts(out, ", \"features\": {"))
		return -1;
	first = true;
	if (expl.p && open_container(&p, expl, '{') == 0) {
		while (obj_next(&p, expl.p + expl.n, &m) == 1) {
			if (!(m.val.p[0] == '-' || (m.val.p[0] >= '0' && m.val.p[0] <= '9')))
				continue;
			if (vg_buf_puts(out, first ? "\"" : ", \"") ||
			    vg_buf_put(out, m.key.p, m.key.n) || vg_buf_puts(out, "\": ") ||
			    vg_buf_put(out, m.val.p, m.val.n))
				return -1;
			first = false;
		}
	}
	return vg_buf_printf(out, "}, \"target\": %s, \"referents\": []}",
			     sanctions.p && !empty_container(sanctions) ? "true" : "false");
}

/* The matcher's RESULT array as yente results, appended to out. */
static int splice_results(vg_buf *out, const srv_index_view *ix, const char *json,
			  size_t len)
{
	span arr = { json, len }, v;
	const char *p;
	vg_buf ent = VG_BUF_INIT;
	bool first = true;
	int rc;
	if (open_container(&p, arr, '[') || vg_buf_puts(out, "["))
		return -1;
	while ((rc = arr_next(&p, json + len, &v)) == 1) {
		if ((!first && vg_buf_puts(out, ", ")) || splice_result(out, ix, v, &ent)) {
			rc = -1;
			break;
		}
		first = false;
	}
	vg_buf_dispose(&ent);
	return rc < 0 ? -1 : vg_buf_puts(out, "]");
}

static bool past_deadline(const srv_ctx *ctx)
{
	return ctx->deadline_us && srv_now_us() > ctx->deadline_us;
}

/* What is left of the request's time, for the library's own checks inside
 * its loops (0: no limit; a spent budget still stops it at once). */
static double remaining_ms(const srv_ctx *ctx)
{
	uint64_t now;
	if (!ctx->deadline_us)
		return 0.0;
	now = srv_now_us();
	return now >= ctx->deadline_us ? 0.001 : (double)(ctx->deadline_us - now) / 1000.0;
}

/* Runs one query into raw (the library's RESULT array); -1 with resp set. */
static int run_query_raw(vg_buf *raw, size_t *n, const srv_ctx *ctx,
			 vg_matcher *m, const vg_query *q,
			 const vg_match_options *opts, srv_response *resp)
{
	vg_match_options o = *opts;
	o.time_limit_ms = remaining_ms(ctx);
	vg_buf_clear(raw);
	if (vg_match_json(n, m, q, &o, raw)) {
		respond_lib_error(resp, "matching");
		return -1;
	}
	if (past_deadline(ctx)) {
		srv_respond_error(resp, 503, "time limit for this request exceeded");
		return -1;
	}
	if (!raw->ptr && vg_buf_puts(raw, "[]")) {
		srv_respond_error(resp, 500, "out of memory");
		return -1;
	}
	return 0;
}

/* Runs one query; *results is the parsed RESULT array, or NULL with resp
 * set. */
static int run_query(json_object **results, size_t *n, const srv_ctx *ctx,
		     vg_matcher *m, const vg_query *q,
		     const vg_match_options *opts, srv_response *resp)
{
	vg_buf raw = VG_BUF_INIT;
	*results = NULL;
	if (run_query_raw(&raw, n, ctx, m, q, opts, resp) == 0 &&
	    !(*results = parse_trusted(raw.ptr, raw.size)))
		srv_respond_error(resp, 500, "matcher returned invalid JSON");
	vg_buf_dispose(&raw);
	return *results ? 0 : -1;
}

static vg_matcher *get_matcher(const srv_ctx *ctx, srv_response *resp)
{
	vg_matcher *m;
	if (!(m = ctx->matcher(ctx->matcher_cls)))
		respond_lib_error(resp, "creating a matcher");
	return m;
}

/* ---- yente ------------------------------------------------------------ */

static int put_total(vg_buf *out, size_t n)
{
	return vg_buf_printf(out, "\"total\": {\"value\": %zu, \"relation\": \"eq\"}", n);
}

static void handle_match(const srv_ctx *ctx, const srv_request *req,
			 srv_response *resp, const char *dataset)
{
	vg_match_options opts = VG_MATCH_OPTIONS_INIT;
	const char **lists = NULL, *one = NULL, *echo;
	srv_batch batch = SRV_BATCH_INIT;
	srv_err err = { 0, "" };
	vg_buf raw = VG_BUF_INIT, *out = &resp->body;
	vg_matcher *m;
	size_t i, n;
	int rc = 0;

	if (strcmp(req->method, "POST")) {
		srv_respond_error(resp, 405, "use POST with {\"queries\": {...}}");
		return;
	}
	if (srv_match_options_parse(&opts, &lists, req->args, ctx->limits, &err) ||
	    apply_dataset(&opts, ctx->ix, dataset, &one, &err) ||
	    srv_batch_parse_match(&batch, req->body, req->body_len, ctx->limits, &err)) {
		respond_err(resp, &err);
		goto cleanup;
	}
	if (!(m = get_matcher(ctx, resp)))
		goto cleanup;
	vg_buf_clear(out);
	rc |= vg_buf_puts(out, "{\"responses\": {");
	for (i = 0; i < batch.n && rc == 0; i++) {
		if (run_query_raw(&raw, &n, ctx, m, &batch.items[i].query, &opts, resp))
			goto cleanup;
		echo = json_object_to_json_string_ext(batch.items[i].example,
						      JSON_C_TO_STRING_PLAIN |
						      JSON_C_TO_STRING_NOSLASHESCAPE);
		rc |= vg_buf_puts(out, i ? ", " : "");
		rc |= vg_buf_put_json_string(out, batch.items[i].key, strlen(batch.items[i].key));
		rc |= vg_buf_puts(out, ": {\"status\": 200, \"results\": ");
		if (rc == 0 && splice_results(out, ctx->ix, raw.ptr, raw.size)) {
			srv_respond_error(resp, 500, "matcher returned invalid JSON");
			goto cleanup;
		}
		rc |= vg_buf_puts(out, ", ") | put_total(out, n);
		rc |= vg_buf_puts(out, ", \"query\": ") | vg_buf_puts(out, echo) | vg_buf_puts(out, "}");
		if (out->size > ctx->limits->max_response) {
			char detail[160];
			snprintf(detail, sizeof(detail), "the answer would be larger than %zu bytes: "
				 "ask for fewer results or fewer queries", ctx->limits->max_response);
			srv_respond_error(resp, 413, detail);
			goto cleanup;
		}
	}
	rc |= vg_buf_printf(out, "}, \"matcher\": {}, \"limit\": %zu}\n", opts.limit);
	if (rc)
		srv_respond_error(resp, 500, "out of memory");
	else
		resp->status = 200;
cleanup:
	vg_buf_dispose(&raw);
	srv_batch_free(&batch);
	free(lists);
}

static void handle_search(const srv_ctx *ctx, const srv_request *req,
			  srv_response *resp, const char *dataset)
{
	vg_match_options opts = VG_MATCH_OPTIONS_INIT;
	vg_query q = VG_QUERY_INIT;
	const char **lists = NULL, *one = NULL, *text, *schema, *offset_s;
	const char *names[1];
	srv_err err = { 0, "" };
	vg_buf raw = VG_BUF_INIT, *out = &resp->body;
	vg_matcher *m;
	size_t n;
	int rc = 0;

	opts.limit = 10;
	if (strcmp(req->method, "GET")) {
		srv_respond_error(resp, 405, "use GET /search/DATASET?q=NAME");
		return;
	}
	if (srv_match_options_parse(&opts, &lists, req->args, ctx->limits, &err) ||
	    apply_dataset(&opts, ctx->ix, dataset, &one, &err)) {
		respond_err(resp, &err);
		goto cleanup;
	}
	text = srv_args_get(req->args, "q");
	if (!text || !*text) {
		srv_respond_error(resp, 400, "q: missing (the name to search for)");
		goto cleanup;
	}
	if ((offset_s = srv_args_get(req->args, "offset")) && strcmp(offset_s, "0")) {
		srv_respond_error(resp, 400, "offset: only 0 is supported; raise limit instead");
		goto cleanup;
	}
	if ((schema = srv_args_get(req->args, "schema")) && *schema) {
		q.schema = vg_schema_from_name(schema, strlen(schema));
		if (q.schema == VG_SCHEMA_UNKNOWN ||
		    (q.schema != VG_SCHEMA_THING && !vg_schema_is_screenable(q.schema))) {
			srv_respond_error(resp, 400, "schema: not a schema that can be searched");
			goto cleanup;
		}
	}
	names[0] = text;
	q.names = names;
	q.n_names = 1;
	if (vg_query_validate(&q)) {
		respond_lib_error(resp, "q");
		goto cleanup;
	}
	if (!(m = get_matcher(ctx, resp)) ||
	    run_query_raw(&raw, &n, ctx, m, &q, &opts, resp))
		goto cleanup;
	vg_buf_clear(out);
	rc |= vg_buf_puts(out, "{\"results\": ");
	if (rc == 0 && splice_results(out, ctx->ix, raw.ptr, raw.size)) {
		srv_respond_error(resp, 500, "matcher returned invalid JSON");
		goto cleanup;
	}
	rc |= vg_buf_printf(out, ", \"facets\": {}, \"limit\": %zu, \"offset\": 0, ", opts.limit);
	rc |= put_total(out, n) | vg_buf_puts(out, "}\n");
	if (rc)
		srv_respond_error(resp, 500, "out of memory");
	else
		resp->status = 200;
cleanup:
	vg_buf_dispose(&raw);
	free(lists);
}

static void handle_entity(const srv_ctx *ctx, const srv_request *req,
			  srv_response *resp, const char *id)
{
	const char *nested = srv_args_get(req->args, "nested");
	int depth = 1;
	json_object *ent;
	char detail[300];
	if (strcmp(req->method, "GET")) {
		srv_respond_error(resp, 405, "use GET /entities/ID");
		return;
	}
	if (!*id) {
		srv_respond_error(resp, 404, "no entity id in the path");
		return;
	}
	if (nested && (!strcmp(nested, "false") || !strcmp(nested, "0")))
		depth = 0;
	if (!(ent = entity_object(ctx->ix, id, depth))) {
		snprintf(detail, sizeof(detail), "no entity '%.200s'", id);
		srv_respond_error(resp, 404, detail);
		return;
	}
	nest_sanctions(ent);
	nest_links(ent);
	if (!json_object_object_get_ex(ent, "referents", NULL))
		json_object_object_add(ent, "referents", json_object_new_array());
	respond_json(resp, ent);
	json_object_put(ent);
}

static void handle_catalog(const srv_ctx *ctx, srv_response *resp)
{
	vg_buf_clear(&resp->body);
	resp->status = 200;
	resp->content_type = "application/json";
	if (vg_buf_put(&resp->body, ctx->ix->catalog, ctx->ix->catalog_len))
		srv_respond_error(resp, 500, "out of memory");
}

/* ---- OpenRefine reconciliation ------------------------------------------ */

static const char *const recon_types[] = { "Person", "Organization", "Company",
					   "LegalEntity", "Vessel", "Aircraft", NULL };

/* JSONP callback names are echoed into JavaScript: keep them identifiers. */
static bool callback_ok(const char *cb)
{
	size_t i;
	if (!cb[0] || strlen(cb) > 100)
		return false;
	for (i = 0; cb[i]; i++)
		if (!isalnum((unsigned char)cb[i]) && cb[i] != '_' && cb[i] != '.' &&
		    cb[i] != '$')
			return false;
	return true;
}

/* Sends obj as JSON, or as JSONP when ?callback= names a function. */
static void respond_jsonp(srv_response *resp, const srv_request *req,
			  json_object *obj)
{
	const char *cb = srv_args_get(req->args, "callback");
	vg_buf tmp = VG_BUF_INIT;
	respond_json(resp, obj);
	if (!cb || resp->status != 200)
		return;
	if (!callback_ok(cb)) {
		srv_respond_error(resp, 400, "callback: expected a JavaScript identifier");
		return;
	}
	if (vg_buf_printf(&tmp, "%s(", cb) || vg_buf_put(&tmp, resp->body.ptr, resp->body.size) ||
	    vg_buf_puts(&tmp, ");\n")) {
		vg_buf_dispose(&tmp);
		srv_respond_error(resp, 500, "out of memory");
		return;
	}
	vg_buf_dispose(&resp->body);
	resp->body = tmp;
	resp->content_type = "application/javascript";
}

static void reconcile_manifest(const srv_ctx *ctx, const srv_request *req,
			       srv_response *resp, const char *dataset)
{
	json_object *m = json_object_new_object(), *types = json_object_new_array();
	json_object *versions = json_object_new_array(), *o, *s;
	char url[600];
	size_t i;
	json_object_array_add(versions, json_object_new_string("0.1"));
	json_object_array_add(versions, json_object_new_string("0.2"));
	json_object_object_add(m, "versions", versions);
	snprintf(url, sizeof(url), "vigil (%s)", dataset);
	json_object_object_add(m, "name", json_object_new_string(url));
	snprintf(url, sizeof(url), "%s/entities/", ctx->base_url);
	json_object_object_add(m, "identifierSpace", json_object_new_string(url));
	json_object_object_add(m, "schemaSpace",
			       json_object_new_string("https://followthemoney.tech/explorer/schemata/"));
	for (i = 0; recon_types[i]; i++) {
		o = json_object_new_object();
		json_object_object_add(o, "id", json_object_new_string(recon_types[i]));
		json_object_object_add(o, "name", json_object_new_string(recon_types[i]));
		json_object_array_add(types, o);
	}
	json_object_object_add(m, "defaultTypes", types);
	o = json_object_new_object();
	snprintf(url, sizeof(url), "%s/entities/{{id}}", ctx->base_url);
	json_object_object_add(o, "url", json_object_new_string(url));
	json_object_object_add(m, "view", o);
	o = json_object_new_object();
	snprintf(url, sizeof(url), "%s/reconcile/%s/preview?id={{id}}", ctx->base_url, dataset);
	json_object_object_add(o, "url", json_object_new_string(url));
	json_object_object_add(o, "width", json_object_new_int(430));
	json_object_object_add(o, "height", json_object_new_int(300));
	json_object_object_add(m, "preview", o);
	s = json_object_new_object();
	o = json_object_new_object();
	json_object_object_add(o, "service_url", json_object_new_string(ctx->base_url));
	snprintf(url, sizeof(url), "/reconcile/%s/suggest/entity", dataset);
	json_object_object_add(o, "service_path", json_object_new_string(url));
	json_object_object_add(s, "entity", o);
	json_object_object_add(m, "suggest", s);
	respond_jsonp(resp, req, m);
	json_object_put(m);
}

static json_object *recon_candidate(json_object *r, int scale)
{
	json_object *c = json_object_new_object(), *v, *type, *t;
	const char *schema = "";
	if (json_object_object_get_ex(r, "id", &v))
		json_object_object_add(c, "id", json_object_get(v));
	if (json_object_object_get_ex(r, "caption", &v))
		json_object_object_add(c, "name", json_object_get(v));
	if (json_object_object_get_ex(r, "score", &v))
		json_object_object_add(c, "score",
				       json_object_new_double(json_object_get_double(v) * scale));
	if (json_object_object_get_ex(r, "match", &v))
		json_object_object_add(c, "match", json_object_get(v));
	if (json_object_object_get_ex(r, "schema", &v))
		schema = json_object_get_string(v);
	type = json_object_new_array();
	t = json_object_new_object();
	json_object_object_add(t, "id", json_object_new_string(schema));
	json_object_object_add(t, "name", json_object_new_string(schema));
	json_object_array_add(type, t);
	json_object_object_add(c, "type", type);
	if (json_object_object_get_ex(r, "datasets", &v) &&
	    json_object_is_type(v, json_type_array)) {
		char desc[256] = "";
		size_t i, n = json_object_array_length(v), used = 0;
		for (i = 0; i < n && used < sizeof(desc) - 1; i++) {
			int w = snprintf(desc + used, sizeof(desc) - used, "%s%s",
					 i ? ", " : "", json_object_get_string(json_object_array_get_idx(v, i)));
			if (w < 0)
				break;
			used += (size_t)w;
		}
		json_object_object_add(c, "description", json_object_new_string(desc));
	}
	return c;
}

static void reconcile_queries(const srv_ctx *ctx, const srv_request *req,
			      srv_response *resp, const char *dataset,
			      const char *queries, size_t queries_len)
{
	vg_match_options opts = VG_MATCH_OPTIONS_INIT;
	const char *one = NULL;
	srv_batch batch = SRV_BATCH_INIT;
	size_t *limits = NULL, i;
	srv_err err = { 0, "" };
	json_object *out = NULL;
	vg_matcher *m;

	if (apply_dataset(&opts, ctx->ix, dataset, &one, &err) ||
	    srv_batch_parse_reconcile(&batch, &limits, queries, queries_len,
				      ctx->limits, &err)) {
		respond_err(resp, &err);
		goto cleanup;
	}
	if (!(m = get_matcher(ctx, resp)))
		goto cleanup;
	out = json_object_new_object();
	for (i = 0; i < batch.n; i++) {
		json_object *results, *list, *r;
		size_t n, k;
		opts.limit = limits[i] ? limits[i] : 5;
		if (opts.limit > ctx->limits->max_limit)
			opts.limit = ctx->limits->max_limit;
		if (run_query(&results, &n, ctx, m, &batch.items[i].query, &opts, resp))
			goto cleanup;
		list = json_object_new_array();
		for (k = 0; k < json_object_array_length(results); k++)
			json_object_array_add(list, recon_candidate(
				json_object_array_get_idx(results, k), 100));
		json_object_put(results);
		r = json_object_new_object();
		json_object_object_add(r, "result", list);
		json_object_object_add(out, batch.items[i].key, r);
	}
	respond_jsonp(resp, req, out);
cleanup:
	json_object_put(out);
	srv_batch_free(&batch);
	free(limits);
}

static void html_escape(vg_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': vg_buf_puts(b, "&lt;"); break;
		case '>': vg_buf_puts(b, "&gt;"); break;
		case '&': vg_buf_puts(b, "&amp;"); break;
		case '"': vg_buf_puts(b, "&quot;"); break;
		case '\'': vg_buf_puts(b, "&#39;"); break;
		default: vg_buf_put(b, s, 1); break;
		}
	}
}

static void html_values(vg_buf *b, json_object *vals)
{
	size_t i, n;
	if (!json_object_is_type(vals, json_type_array)) {
		html_escape(b, json_object_get_string(vals));
		return;
	}
	n = json_object_array_length(vals);
	for (i = 0; i < n && i < 8; i++) {
		json_object *v = json_object_array_get_idx(vals, i);
		if (i)
			vg_buf_puts(b, "; ");
		if (json_object_is_type(v, json_type_object)) {
			json_object *cap;
			if (json_object_object_get_ex(v, "caption", &cap))
				html_escape(b, json_object_get_string(cap));
			else
				vg_buf_puts(b, "&hellip;");
		} else {
			html_escape(b, json_object_get_string(v));
		}
	}
	if (n > 8)
		vg_buf_printf(b, " (+%zu more)", n - 8);
}

static void reconcile_preview(const srv_ctx *ctx, const srv_request *req,
			      srv_response *resp)
{
	const char *id = srv_args_get(req->args, "id");
	json_object *ent, *v, *props;
	vg_buf *b = &resp->body;
	if (!id || !*id) {
		srv_respond_error(resp, 400, "id: missing");
		return;
	}
	if (!(ent = entity_object(ctx->ix, id, 0))) {
		srv_respond_error(resp, 404, "no such entity");
		return;
	}
	vg_buf_clear(b);
	resp->status = 200;
	resp->content_type = "text/html; charset=utf-8";
	vg_buf_puts(b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>"
		       "body{font:13px/1.4 system-ui,sans-serif;margin:6px}"
		       "th{text-align:left;padding-right:8px;vertical-align:top;color:#555}"
		       "</style></head><body><h3>");
	if (json_object_object_get_ex(ent, "caption", &v))
		html_escape(b, json_object_get_string(v));
	vg_buf_puts(b, "</h3><table>");
	if (json_object_object_get_ex(ent, "schema", &v)) {
		vg_buf_puts(b, "<tr><th>type</th><td>");
		html_escape(b, json_object_get_string(v));
		vg_buf_puts(b, "</td></tr>");
	}
	if (json_object_object_get_ex(ent, "datasets", &v)) {
		vg_buf_puts(b, "<tr><th>lists</th><td>");
		html_values(b, v);
		vg_buf_puts(b, "</td></tr>");
	}
	if (json_object_object_get_ex(ent, "properties", &props) &&
	    json_object_is_type(props, json_type_object)) {
		json_object_object_foreach(props, k, vals) {
			vg_buf_puts(b, "<tr><th>");
			html_escape(b, k);
			vg_buf_puts(b, "</th><td>");
			html_values(b, vals);
			vg_buf_puts(b, "</td></tr>");
		}
	}
	if (json_object_object_get_ex(ent, "sanctions", &v) &&
	    json_object_is_type(v, json_type_array)) {
		size_t i, n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			json_object *s = json_object_array_get_idx(v, i), *f;
			vg_buf_puts(b, "<tr><th>sanction</th><td>");
			if (json_object_object_get_ex(s, "authority", &f))
				html_escape(b, json_object_get_string(f));
			if (json_object_object_get_ex(s, "program", &f)) {
				vg_buf_puts(b, ": ");
				html_escape(b, json_object_get_string(f));
			}
			vg_buf_puts(b, "</td></tr>");
		}
	}
	vg_buf_puts(b, "</table></body></html>\n");
	json_object_put(ent);
}

static void reconcile_suggest(const srv_ctx *ctx, const srv_request *req,
			      srv_response *resp, const char *dataset)
{
	vg_match_options opts = VG_MATCH_OPTIONS_INIT;
	vg_query q = VG_QUERY_INIT;
	const char *prefix = srv_args_get(req->args, "prefix"), *one = NULL;
	const char *names[1];
	srv_err err = { 0, "" };
	json_object *out, *list, *results;
	vg_matcher *m;
	size_t n, k;
	if (!prefix || !*prefix) {
		srv_respond_error(resp, 400, "prefix: missing");
		return;
	}
	if (apply_dataset(&opts, ctx->ix, dataset, &one, &err)) {
		respond_err(resp, &err);
		return;
	}
	names[0] = prefix;
	q.names = names;
	q.n_names = 1;
	opts.limit = 10;
	opts.explain = false;
	if (!(m = get_matcher(ctx, resp)) ||
	    run_query(&results, &n, ctx, m, &q, &opts, resp))
		return;
	out = json_object_new_object();
	list = json_object_new_array();
	for (k = 0; k < json_object_array_length(results); k++) {
		json_object *c = recon_candidate(json_object_array_get_idx(results, k), 100);
		json_object_object_del(c, "score");
		json_object_object_del(c, "match");
		json_object_array_add(list, c);
	}
	json_object_put(results);
	json_object_object_add(out, "prefix", json_object_new_string(prefix));
	json_object_object_add(out, "result", list);
	respond_jsonp(resp, req, out);
	json_object_put(out);
}

static void handle_reconcile(const srv_ctx *ctx, const srv_request *req,
			     srv_response *resp, const srv_route *route)
{
	const char *queries;
	srv_args form = SRV_ARGS_INIT;
	srv_err err = { 0, "" };
	if (apply_dataset(&(vg_match_options)VG_MATCH_OPTIONS_INIT, ctx->ix,
			  route->arg, &(const char *){ NULL }, &err)) {
		respond_err(resp, &err);
		return;
	}
	if (!strcmp(route->sub, "preview") && !route->sub2[0]) {
		reconcile_preview(ctx, req, resp);
		return;
	}
	if (!strcmp(route->sub, "suggest") && !strcmp(route->sub2, "entity")) {
		reconcile_suggest(ctx, req, resp, route->arg);
		return;
	}
	if (route->sub[0]) {
		srv_respond_error(resp, 404, "no such reconciliation endpoint");
		return;
	}
	queries = srv_args_get(req->args, "queries");
	if (!queries && !strcmp(req->method, "POST") && req->body_len && req->content_type &&
	    !strncasecmp(req->content_type, "application/json", 16)) {
		/* the queries object itself as the body */
		reconcile_queries(ctx, req, resp, route->arg, req->body, req->body_len);
		return;
	}
	if (!queries && !strcmp(req->method, "POST") && req->body_len) {
		if (srv_args_parse_form(&form, req->body, req->body_len)) {
			srv_respond_error(resp, 500, "out of memory");
			return;
		}
		if (srv_args_check(&form, "body", &err)) {
			respond_err(resp, &err);
			goto cleanup;
		}
		queries = srv_args_get(&form, "queries");
		if (!queries) {
			srv_respond_error(resp, 400,
					  "body: expected a form with queries={\"q0\": {\"query\": ...}}");
			goto cleanup;
		}
	}
	if (queries)
		reconcile_queries(ctx, req, resp, route->arg, queries, strlen(queries));
	else
		reconcile_manifest(ctx, req, resp, route->arg);
cleanup:
	srv_args_free(&form);
}

/* ---- scanning --------------------------------------------------------- */

static void handle_scan(const srv_ctx *ctx, const srv_request *req,
			srv_response *resp)
{
	vg_scan_options opts = VG_SCAN_OPTIONS_INIT;
	const char *text, *v;
	size_t len;
	json_object *root = NULL;
	srv_err err = { 0, "" };
	vg_scanner *sc;
	if (strcmp(req->method, "POST")) {
		srv_respond_error(resp, 405, "use POST with {\"text\": ...} or text/plain");
		return;
	}
	if (srv_scan_text(&text, &len, &root, req->content_type, req->body,
			  req->body_len, ctx->limits, &err)) {
		respond_err(resp, &err);
		return;
	}
	if ((v = srv_args_get(req->args, "html")))
		opts.html = !strcmp(v, "1") || !strcmp(v, "true");
	if ((v = srv_args_get(req->args, "threshold"))) {
		char *end;
		double t = strtod(v, &end);
		if (!*v || *end || !(t >= 0.0 && t <= 1.0)) {
			srv_respond_error(resp, 400, "threshold: expected a number from 0 to 1");
			goto cleanup;
		}
		opts.threshold = t;
	}
	if (!(sc = ctx->scanner(ctx->matcher_cls))) {
		respond_lib_error(resp, "building the scanner");
		goto cleanup;
	}
	vg_buf_clear(&resp->body);
	opts.time_limit_ms = remaining_ms(ctx);
	if (vg_scan_json(sc, text, len, &opts, &resp->body)) {
		respond_lib_error(resp, "scanning");
		goto cleanup;
	}
	if (past_deadline(ctx)) {
		srv_respond_error(resp, 503, "time limit for this request exceeded");
		goto cleanup;
	}
	vg_buf_puts(&resp->body, "\n");
	resp->status = 200;
	resp->content_type = "application/json";
cleanup:
	json_object_put(root);
}

/* ---- dispatch ----------------------------------------------------------- */

void srv_handle(const srv_ctx *ctx, const srv_request *req, srv_response *resp)
{
	srv_route route;
	srv_err err = { 0, "" };
	bool get = !strcmp(req->method, "GET") || !strcmp(req->method, "HEAD");

	resp->status = 200;
	resp->content_type = "application/json";
	if (srv_route_parse(&route, req->path, &err)) {
		respond_err(resp, &err);
		return;
	}
	if ((!route.route[0] || !strcmp(route.route, "index.html")) && !route.arg[0]) {
		if (!get) {
			srv_respond_error(resp, 405, "the page is read with GET");
			return;
		}
		resp->content_type = "text/html; charset=utf-8";
		vg_buf_clear(&resp->body);
		if (vg_buf_put(&resp->body, srv_page_html, srv_page_html_len))
			srv_respond_error(resp, 500, "out of memory");
		return;
	}
	if (!strcmp(route.route, "healthz") && !route.arg[0]) {
		vg_buf_clear(&resp->body);
		if (vg_buf_puts(&resp->body, "{\"status\": \"ok\"}\n") < 0)
			srv_respond_error(resp, 500, "out of memory");
		return;
	}
	if (!strcmp(route.route, "readyz") && !route.arg[0]) {
		if (!ctx->ix) {
			srv_respond_error(resp, 503, "no index loaded");
			return;
		}
		vg_buf_clear(&resp->body);
		/* still ready (the loaded index serves), but an operator who
		 * replaced the file must see that the new one was refused */
		if (vg_buf_printf(&resp->body,
				  "{\"status\": \"ok\", \"generation\": %llu, \"entities\": %zu, "
				  "\"loaded_at\": \"%s\"",
				  (unsigned long long)ctx->ix->generation, ctx->ix->entities,
				  ctx->ix->loaded_at) < 0 ||
		    (ctx->reload_error &&
		     (vg_buf_printf(&resp->body, ", \"last_reload\": {\"ok\": false, \"at\": \"%s\", "
				    "\"error\": ", ctx->reload_failed_at) < 0 ||
		      srv_put_json_text(&resp->body, ctx->reload_error,
					strlen(ctx->reload_error)) < 0 ||
		      vg_buf_puts(&resp->body, "}") < 0)) ||
		    vg_buf_puts(&resp->body, "}\n") < 0)
			srv_respond_error(resp, 500, "out of memory");
		return;
	}
	if (!strcmp(route.route, "cases") && !route.sub2[0]) {
		srv_handle_cases(ctx, req, resp, route.arg, route.sub);
		return;
	}
	if (!ctx->ix) {
		srv_respond_error(resp, 503, "no index loaded");
		return;
	}
	if (!strcmp(route.route, "catalog") && !route.arg[0]) {
		if (!get)
			srv_respond_error(resp, 405, "use GET /catalog");
		else
			handle_catalog(ctx, resp);
		return;
	}
	if (!strcmp(route.route, "match") && route.arg[0] && !route.sub[0]) {
		handle_match(ctx, req, resp, route.arg);
		return;
	}
	if (!strcmp(route.route, "search") && route.arg[0] && !route.sub[0]) {
		handle_search(ctx, req, resp, route.arg);
		return;
	}
	if (!strcmp(route.route, "entities") && route.arg[0] && !route.sub[0]) {
		handle_entity(ctx, req, resp, route.arg);
		return;
	}
	if (!strcmp(route.route, "reconcile") && route.arg[0]) {
		handle_reconcile(ctx, req, resp, &route);
		return;
	}
	if (!strcmp(route.route, "scan") && !route.arg[0]) {
		handle_scan(ctx, req, resp);
		return;
	}
	srv_respond_error(resp, 404, "no such path");
}
