/*
 * request.c - parsing untrusted request input for `vigil serve` (see
 * request.h).
 *
 * Invariant: every function here either returns 0 with its outputs filled,
 * or a non-zero HTTP status with err->detail saying what was wrong and where
 * ("queries.q1.properties.name[2]: expected a string"); nothing it returns
 * points outside the buffers and JSON trees it was given or allocated.
 */
#include "request.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int srv_err_set(srv_err *err, int status, const char *fmt, ...)
{
	va_list ap;
	if (err) {
		err->status = status;
		va_start(ap, fmt);
		vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
		va_end(ap);
	}
	return status;
}

/* ---- key/value arguments --------------------------------------------- */

static int args_reserve(srv_args *args, size_t extra)
{
	size_t want, nsize;
	char *p;
	if (__builtin_add_overflow(args->size, extra, &want))
		return -1;
	if (want > args->asize) {
		nsize = args->asize ? args->asize : 256;
		while (nsize < want)
			if (__builtin_mul_overflow(nsize, 2, &nsize))
				return -1;
		if (!(p = realloc(args->data, nsize)))
			return -1;
		args->data = p;
		args->asize = nsize;
	}
	if (args->n == args->cap) {
		size_t ncap = args->cap ? args->cap * 2 : 8, bytes;
		size_t *o;
		if (__builtin_mul_overflow(ncap, 2 * sizeof(size_t), &bytes) ||
		    !(o = realloc(args->offsets, bytes)))
			return -1;
		args->offsets = o;
		args->cap = ncap;
	}
	return 0;
}

int srv_args_add(srv_args *args, const char *key, size_t klen,
		 const char *value, size_t vlen)
{
	size_t need;
	if (__builtin_add_overflow(klen, vlen, &need) ||
	    __builtin_add_overflow(need, 2, &need) || args_reserve(args, need))
		return -1;
	args->offsets[2 * args->n] = args->size;
	memcpy(args->data + args->size, key, klen);
	args->size += klen;
	args->data[args->size++] = '\0';
	args->offsets[2 * args->n + 1] = args->size;
	if (vlen)
		memcpy(args->data + args->size, value, vlen);
	args->size += vlen;
	args->data[args->size++] = '\0';
	args->n++;
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes in place; the result is never longer than the input. */
static size_t form_decode(char *s, size_t len)
{
	size_t i, o = 0;
	for (i = 0; i < len; i++) {
		int hi, lo;
		if (s[i] == '+') {
			s[o++] = ' ';
		} else if (s[i] == '%' && i + 2 < len &&
			   (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
			   (lo = hexval((unsigned char)s[i + 2])) >= 0) {
			s[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			s[o++] = s[i];
		}
	}
	return o;
}

int srv_args_parse_form(srv_args *args, const char *s, size_t len)
{
	size_t start = 0, i;
	char *tmp;
	int rc = 0;
	if (!len)
		return 0;
	if (!(tmp = malloc(len)))
		return -1;
	memcpy(tmp, s, len);
	for (i = 0; i <= len && rc == 0; i++) {
		if (i < len && tmp[i] != '&')
			continue;
		if (i > start) {
			char *seg = tmp + start;
			size_t slen = i - start, klen, vlen = 0;
			char *eq = memchr(seg, '=', slen), *val = seg + slen;
			klen = eq ? (size_t)(eq - seg) : slen;
			if (eq) {
				val = eq + 1;
				vlen = slen - klen - 1;
			}
			klen = form_decode(seg, klen);
			vlen = form_decode(val, vlen);
			rc = srv_args_add(args, seg, klen, val, vlen);
		}
		start = i + 1;
	}
	free(tmp);
	return rc;
}

const char *srv_args_key(const srv_args *args, size_t i)
{
	return args->data + args->offsets[2 * i];
}

const char *srv_args_value(const srv_args *args, size_t i)
{
	return args->data + args->offsets[2 * i + 1];
}

const char *srv_args_get(const srv_args *args, const char *key)
{
	size_t i;
	for (i = 0; i < args->n; i++)
		if (!strcmp(srv_args_key(args, i), key))
			return srv_args_value(args, i);
	return NULL;
}

/* Lengths as stored (a NUL inside a key or value is kept, so strlen can be
 * shorter). */
static size_t args_key_len(const srv_args *args, size_t i)
{
	return args->offsets[2 * i + 1] - args->offsets[2 * i] - 1;
}

static size_t args_value_len(const srv_args *args, size_t i)
{
	size_t end = i + 1 < args->n ? args->offsets[2 * i + 2] : args->size;
	return end - args->offsets[2 * i + 1] - 1;
}

int srv_text_check(const char *s, size_t len, const char *what, srv_err *err)
{
	const char *nul = memchr(s, '\0', len);
	size_t bad;
	if (nul)
		return srv_err_set(err, 400, "%s: contains a NUL character (at byte %zu)",
				   what, (size_t)(nul - s));
	if (!vg_utf8_valid(s, len, &bad))
		return srv_err_set(err, 400, "%s: invalid UTF-8 at byte %zu", what, bad);
	return 0;
}

int srv_args_check(const srv_args *args, const char *what, srv_err *err)
{
	size_t i;
	char where[96];
	int rc;
	for (i = 0; i < args->n; i++) {
		snprintf(where, sizeof(where), "%s: the name of argument %zu", what, i + 1);
		if ((rc = srv_text_check(srv_args_key(args, i), args_key_len(args, i), where, err)))
			return rc;
		snprintf(where, sizeof(where), "%.60s", srv_args_key(args, i));
		if ((rc = srv_text_check(srv_args_value(args, i), args_value_len(args, i),
					 where, err)))
			return rc;
	}
	return 0;
}

void srv_args_free(srv_args *args)
{
	free(args->data);
	free(args->offsets);
	memset(args, 0, sizeof(*args));
}

/* ---- JSON ------------------------------------------------------------- */

/* Appends ".key" or "[i]" to the path in buf (cut short when it does not
 * fit); returns the old length to restore. */
static size_t path_push(char *buf, size_t cap, const char *key, size_t index)
{
	size_t n = strlen(buf);
	if (key)
		snprintf(buf + n, cap - n, "%s%.60s", n ? "." : "", key);
	else
		snprintf(buf + n, cap - n, "[%zu]", index);
	return n;
}

/* What json-c accepts but a request must not carry: numbers that are not
 * finite (NaN, Infinity, 1e999: not JSON, and they would be echoed back),
 * and strings with a NUL character (\u0000), which C strings would cut
 * short, so that "x\u0000AL ZAWAHIRI" would be screened as "x".  path
 * names the value in the message. */
static int json_values_ok(json_object *v, char *path, size_t cap, srv_err *err)
{
	size_t i, n, old;
	int rc = 0;
	switch (json_object_get_type(v)) {
	case json_type_double:
		if (!isfinite(json_object_get_double(v)))
			return srv_err_set(err, 400, "%s: not a finite number", path[0] ? path : "body");
		return 0;
	case json_type_string:
		if (memchr(json_object_get_string(v), '\0', (size_t)json_object_get_string_len(v)))
			return srv_err_set(err, 400, "%s: contains a NUL character (\\u0000)",
					   path[0] ? path : "body");
		return 0;
	case json_type_array:
		n = json_object_array_length(v);
		for (i = 0; i < n && !rc; i++) {
			old = path_push(path, cap, NULL, i);
			rc = json_values_ok(json_object_array_get_idx(v, i), path, cap, err);
			path[old] = '\0';
		}
		return rc;
	case json_type_object: {
		json_object_object_foreach(v, key, val) {
			old = path_push(path, cap, key, 0);
			rc = json_values_ok(val, path, cap, err);
			path[old] = '\0';
			if (rc)
				return rc;
		}
		return 0;
	}
	default:
		return 0;
	}
}

/* The byte offset of the first \u0000 escape in JSON text s (an escape:
 * preceded by an even number of backslashes), or -1. */
static long json_nul_escape(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *b;
	while ((p = memmem(p, (size_t)(end - p), "\\u0000", 6))) {
		for (b = p; b > s && b[-1] == '\\'; b--)
			;
		if ((p - b) % 2 == 0)
			return (long)(p - s);
		p++;
	}
	return -1;
}

/* Where a first complete JSON value in s ends when garbage follows it, or
 * 0: strict parsing reports trailing data as an unexpected character, and
 * the caller should hear that the body had more than one value. */
static size_t trailing_at(const char *s, size_t len, int max_depth)
{
	json_tokener *tok = json_tokener_new_ex(max_depth);
	json_object *obj;
	size_t end = 0;
	if (!tok)
		return 0;
	obj = json_tokener_parse_ex(tok, s, (int)len);
	if (obj && json_tokener_get_error(tok) == json_tokener_success)
		end = json_tokener_get_parse_end(tok);
	json_object_put(obj);
	json_tokener_free(tok);
	while (end && end < len && isspace((unsigned char)s[end]))
		end++;
	return end < len ? end : 0;
}

json_object *srv_json_parse(const char *s, size_t len, int max_depth,
			    srv_err *err)
{
	json_tokener *tok;
	json_object *obj;
	enum json_tokener_error jerr;
	size_t end;
	const char *nul;
	char path[200] = "";
	long at;
	if (len > (size_t)INT32_MAX) {
		srv_err_set(err, 413, "body too large for JSON");
		return NULL;
	}
	if ((nul = memchr(s, '\0', len))) {
		srv_err_set(err, 400, "invalid JSON: a NUL byte at byte %zu", (size_t)(nul - s));
		return NULL;
	}
	if (!(tok = json_tokener_new_ex(max_depth))) {
		srv_err_set(err, 500, "out of memory");
		return NULL;
	}
	/* strict: JSON as RFC 8259 writes it; UTF-8 checked while parsing */
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	obj = json_tokener_parse_ex(tok, s, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (jerr == json_tokener_continue) {
		srv_err_set(err, 400, "invalid JSON: unexpected end of body");
		goto fail;
	}
	if (jerr == json_tokener_error_depth) {
		srv_err_set(err, 400, "invalid JSON: nested deeper than %d levels",
			    max_depth);
		goto fail;
	}
	if (jerr != json_tokener_success) {
		size_t at = trailing_at(s, len, max_depth);
		if (at)
			srv_err_set(err, 400, "invalid JSON: trailing data at byte %zu", at);
		else
			srv_err_set(err, 400, "invalid JSON at byte %zu: %s", end,
				    json_tokener_error_desc(jerr));
		goto fail;
	}
	for (; end < len; end++) {
		if (!isspace((unsigned char)s[end])) {
			srv_err_set(err, 400,
				    "invalid JSON: trailing data at byte %zu", end);
			goto fail;
		}
	}
	if (json_values_ok(obj, path, sizeof(path), err))
		goto fail;
	/* a NUL left after the values were checked is in a key, which json-c
	 * keeps as a C string: two keys differing after it would merge */
	if ((at = json_nul_escape(s, len)) >= 0) {
		srv_err_set(err, 400, "invalid JSON: a NUL character (\\u0000) in an object key at byte %ld", at);
		goto fail;
	}
	return obj;
fail:
	json_object_put(obj);
	return NULL;
}

/* ---- EntityExample -> vg_query ------------------------------------------ */

/* yente property names, by what vg_query does with them. */
static const char *const name_props[] = { "name", "alias", "previousName",
					  "weakAlias", NULL };
static const char *const country_props[] = {
	"country", "nationality", "citizenship", "jurisdiction",
	"mainCountry", "registrationCountry", "birthCountry", "flag", NULL
};
static const char *const id_props[] = {
	"idNumber", "passportNumber", "registrationNumber", "taxNumber",
	"innCode", "ogrnCode", "vatCode", "leiCode", "swiftBic", "imoNumber",
	"mmsi", "callSign", "registrationNumber", "ssn", "dunsCode",
	"permId", "icijId", "okpoCode", NULL
};

static bool in_list(const char *const *list, const char *key)
{
	for (; *list; list++)
		if (!strcmp(*list, key))
			return true;
	return false;
}

/* Visits the string values of one property value (a string, a number, or a
 * list of those; nulls are skipped).  Returns 0 or a status. */
typedef int (*value_fn)(void *cls, const char *value);

static int each_value(json_object *v, const char *where, const char *prop,
		      value_fn fn, void *cls, srv_err *err)
{
	size_t i, n;
	int rc;
	switch (json_object_get_type(v)) {
	case json_type_null:
		return 0;
	case json_type_string:
	case json_type_int:
	case json_type_double:
		return fn(cls, json_object_get_string(v));
	case json_type_array:
		n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			json_object *e = json_object_array_get_idx(v, i);
			enum json_type t = json_object_get_type(e);
			if (t == json_type_null)
				continue;
			if (t != json_type_string && t != json_type_int &&
			    t != json_type_double)
				return srv_err_set(err, 400,
						   "%s.properties.%s[%zu]: expected a string",
						   where, prop, i);
			if ((rc = fn(cls, json_object_get_string(e))))
				return rc;
		}
		return 0;
	default:
		return srv_err_set(err, 400,
				   "%s.properties.%s: expected a string or a list of strings",
				   where, prop);
	}
}

static int keep_first(void *cls, const char *value)
{
	const char **slot = cls;
	if (!*slot && *value)
		*slot = value;
	return 0;
}

static int count_value(void *cls, const char *value)
{
	(void)value;
	(*(size_t *)cls)++;
	return 0;
}

typedef struct {
	const char **values;
	size_t n;
} collect_cls;

static int collect_value(void *cls, const char *value)
{
	collect_cls *c = cls;
	if (*value)
		c->values[c->n++] = value;
	return 0;
}

/* Fills the first-value fields (first name, birth date ...) of q from one
 * property; false when the property is not one of them. */
static bool single_slot(vg_query *q, const char *key, const char ***slot)
{
	if (!strcmp(key, "firstName"))
		*slot = &q->first_name;
	else if (!strcmp(key, "middleName") || !strcmp(key, "secondName") ||
		 !strcmp(key, "fatherName"))
		*slot = &q->middle_name;
	else if (!strcmp(key, "lastName"))
		*slot = &q->last_name;
	else if (!strcmp(key, "birthDate") || !strcmp(key, "incorporationDate"))
		*slot = &q->birth_date;
	else if (!strcmp(key, "gender"))
		*slot = &q->gender;
	else
		return false;
	return true;
}

/* The library's own validation (dates, lengths, encodings), reported as a
 * 400 that names the query. */
static int srv_query_check(const vg_query *q, srv_err *err, const char *where)
{
	if (vg_query_validate(q) != 0)
		return srv_err_set(err, 400, "%s: %.180s", where,
				   vg_error_last()->message);
	return 0;
}

int srv_query_from_example(srv_query_item *item, json_object *example,
			   const srv_limits *lim, const char *where,
			   srv_err *err)
{
	json_object *schema_obj, *props;
	vg_query q = VG_QUERY_INIT;
	size_t total = 0, n_names = 0, n_countries = 0;
	const char **values = NULL;
	collect_cls names, countries, ids;
	int rc;

	if (!json_object_is_type(example, json_type_object))
		return srv_err_set(err, 400, "%s: expected an object", where);
	q.schema = VG_SCHEMA_THING;
	if (json_object_object_get_ex(example, "schema", &schema_obj) &&
	    !json_object_is_type(schema_obj, json_type_null)) {
		const char *s;
		if (!json_object_is_type(schema_obj, json_type_string))
			return srv_err_set(err, 400, "%s.schema: expected a string", where);
		s = json_object_get_string(schema_obj);
		q.schema = vg_schema_from_name(s, strlen(s));
		if (q.schema == VG_SCHEMA_UNKNOWN ||
		    (q.schema != VG_SCHEMA_THING && !vg_schema_is_screenable(q.schema)))
			return srv_err_set(err, 400,
					   "%s.schema: '%.60s' is not a schema that can be screened",
					   where, s);
	}
	if (!json_object_object_get_ex(example, "properties", &props))
		return srv_err_set(err, 400, "%s.properties: missing", where);
	if (!json_object_is_type(props, json_type_object))
		return srv_err_set(err, 400, "%s.properties: expected an object", where);

	/* Count first (and validate types), so that one pointer array holds
	 * the names, then the countries, then the id numbers. */
	{
		json_object_object_foreach(props, key, val) {
			size_t before = total;
			if ((rc = each_value(val, where, key, count_value, &total, err)))
				return rc;
			if (in_list(name_props, key))
				n_names += total - before;
			else if (in_list(country_props, key))
				n_countries += total - before;
		}
	}
	if (total > lim->max_values)
		return srv_err_set(err, 400,
				   "%s.properties: %zu values, more than the limit of %zu",
				   where, total, lim->max_values);
	if (!(values = calloc(total ? total : 1, sizeof(*values))))
		return srv_err_set(err, 500, "out of memory");
	names.values = values;
	names.n = 0;
	countries.values = values + n_names;
	countries.n = 0;
	ids.values = values + n_names + n_countries;
	ids.n = 0;
	{
		json_object_object_foreach(props, key, val) {
			const char **slot = NULL;
			if (in_list(name_props, key))
				each_value(val, where, key, collect_value, &names, err);
			else if (in_list(country_props, key))
				each_value(val, where, key, collect_value, &countries, err);
			else if (in_list(id_props, key))
				each_value(val, where, key, collect_value, &ids, err);
			else if (single_slot(&q, key, &slot))
				each_value(val, where, key, keep_first, slot, err);
		}
	}
	q.names = names.n ? names.values : NULL;
	q.n_names = names.n;
	q.countries = countries.n ? countries.values : NULL;
	q.n_countries = countries.n;
	q.id_numbers = ids.n ? ids.values : NULL;
	q.n_id_numbers = ids.n;
	if (!q.n_names && !q.first_name && !q.last_name) {
		free(values);
		return srv_err_set(err, 400,
				   "%s.properties: needs a name (name, alias, firstName or lastName)",
				   where);
	}
	if (srv_query_check(&q, err, where)) {
		free(values);
		return err ? err->status : 400;
	}
	item->example = example;
	item->query = q;
	item->values = values;
	return 0;
}

void srv_batch_free(srv_batch *batch)
{
	size_t i;
	for (i = 0; i < batch->n; i++)
		free(batch->items[i].values);
	free(batch->items);
	json_object_put(batch->root);
	memset(batch, 0, sizeof(*batch));
}

static int batch_alloc(srv_batch *out, size_t n, const srv_limits *lim,
		       srv_err *err)
{
	if (n == 0)
		return srv_err_set(err, 400, "no queries in the batch");
	if (n > lim->max_queries)
		return srv_err_set(err, 400,
				   "too many queries in one batch: %zu (limit %zu)",
				   n, lim->max_queries);
	if (!(out->items = calloc(n, sizeof(*out->items))))
		return srv_err_set(err, 500, "out of memory");
	return 0;
}

int srv_batch_parse_match(srv_batch *out, const char *body, size_t len,
			  const srv_limits *lim, srv_err *err)
{
	json_object *queries;
	int rc;
	memset(out, 0, sizeof(*out));
	if (!(out->root = srv_json_parse(body, len, lim->max_depth, err)))
		return err ? err->status : 400;
	if (!json_object_is_type(out->root, json_type_object) ||
	    !json_object_object_get_ex(out->root, "queries", &queries)) {
		rc = srv_err_set(err, 400, "body: expected {\"queries\": {KEY: {\"schema\", \"properties\"}}}");
		goto fail;
	}
	if (!json_object_is_type(queries, json_type_object)) {
		rc = srv_err_set(err, 400, "queries: expected an object keyed by query name");
		goto fail;
	}
	if ((rc = batch_alloc(out, (size_t)json_object_object_length(queries), lim, err)))
		goto fail;
	{
		json_object_object_foreach(queries, key, example) {
			char where[128];
			snprintf(where, sizeof(where), "queries.%.60s", key);
			if ((rc = srv_query_from_example(&out->items[out->n], example,
							 lim, where, err)))
				goto fail;
			out->items[out->n++].key = key;
		}
	}
	return 0;
fail:
	srv_batch_free(out);
	return rc;
}

/* Adds an OpenRefine property value (string, number, {"id": ...} or a
 * list of those) to an example's property list. */
static void reconcile_value(json_object *list, json_object *v)
{
	json_object *id;
	switch (json_object_get_type(v)) {
	case json_type_string:
	case json_type_int:
	case json_type_double:
		json_object_array_add(list, json_object_new_string(json_object_get_string(v)));
		break;
	case json_type_object:
		if (json_object_object_get_ex(v, "id", &id) &&
		    json_object_is_type(id, json_type_string))
			json_object_array_add(list, json_object_get(id));
		break;
	case json_type_array: {
		size_t i, n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			json_object *e = json_object_array_get_idx(v, i);
			if (!json_object_is_type(e, json_type_array))
				reconcile_value(list, e);
		}
		break;
	}
	default:
		break;
	}
}

/* Rewrites one reconciliation query as a yente EntityExample. */
static int reconcile_example(json_object **out, size_t *limit,
			     json_object *rq, const char *where, srv_err *err)
{
	json_object *ex = NULL, *props, *v, *names;
	*limit = 0;
	if (!json_object_is_type(rq, json_type_object))
		return srv_err_set(err, 400, "%s: expected an object", where);
	if (!json_object_object_get_ex(rq, "query", &v) ||
	    !json_object_is_type(v, json_type_string))
		return srv_err_set(err, 400, "%s.query: expected a string", where);
	ex = json_object_new_object();
	props = json_object_new_object();
	names = json_object_new_array();
	json_object_array_add(names, json_object_get(v));
	json_object_object_add(props, "name", names);
	json_object_object_add(ex, "properties", props);
	if (json_object_object_get_ex(rq, "type", &v) &&
	    json_object_is_type(v, json_type_string))
		json_object_object_add(ex, "schema", json_object_get(v));
	if (json_object_object_get_ex(rq, "limit", &v)) {
		int64_t l = json_object_get_int64(v);
		if (!json_object_is_type(v, json_type_int) || l < 1) {
			json_object_put(ex);
			return srv_err_set(err, 400, "%s.limit: expected a positive integer", where);
		}
		*limit = (size_t)l;
	}
	if (json_object_object_get_ex(rq, "properties", &v)) {
		size_t i, n;
		if (!json_object_is_type(v, json_type_array)) {
			json_object_put(ex);
			return srv_err_set(err, 400, "%s.properties: expected a list of {pid, v}", where);
		}
		n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			json_object *p = json_object_array_get_idx(v, i), *pid, *pv, *list;
			const char *name;
			if (!json_object_is_type(p, json_type_object) ||
			    !json_object_object_get_ex(p, "pid", &pid) ||
			    !json_object_is_type(pid, json_type_string) ||
			    !json_object_object_get_ex(p, "v", &pv)) {
				json_object_put(ex);
				return srv_err_set(err, 400,
						   "%s.properties[%zu]: expected {\"pid\": NAME, \"v\": VALUE}",
						   where, i);
			}
			name = json_object_get_string(pid);
			if (!json_object_object_get_ex(props, name, &list)) {
				list = json_object_new_array();
				json_object_object_add(props, name, list);
			}
			reconcile_value(list, pv);
		}
	}
	*out = ex;
	return 0;
}

int srv_batch_parse_reconcile(srv_batch *out, size_t **item_limits,
			      const char *json, size_t len,
			      const srv_limits *lim, srv_err *err)
{
	json_object *in, *examples;
	size_t n;
	int rc;
	memset(out, 0, sizeof(*out));
	*item_limits = NULL;
	if (!(in = srv_json_parse(json, len, lim->max_depth, err)))
		return err ? err->status : 400;
	/* out->root holds the request tree (whose keys the items point to)
	 * and the examples rewritten from it. */
	out->root = json_object_new_array();
	json_object_array_add(out->root, in);
	if (!json_object_is_type(in, json_type_object)) {
		rc = srv_err_set(err, 400, "queries: expected {\"q0\": {\"query\": ...}, ...}");
		goto fail;
	}
	examples = json_object_new_object();
	json_object_array_add(out->root, examples);
	n = (size_t)json_object_object_length(in);
	if ((rc = batch_alloc(out, n, lim, err)))
		goto fail;
	if (!(*item_limits = calloc(n, sizeof(size_t)))) {
		rc = srv_err_set(err, 500, "out of memory");
		goto fail;
	}
	{
		json_object_object_foreach(in, key, rq) {
			char where[128];
			json_object *ex = NULL;
			snprintf(where, sizeof(where), "queries.%.60s", key);
			if ((rc = reconcile_example(&ex, &(*item_limits)[out->n], rq, where, err)))
				goto fail;
			json_object_object_add(examples, key, ex);
			if ((rc = srv_query_from_example(&out->items[out->n], ex, lim,
							 where, err)))
				goto fail;
			out->items[out->n++].key = key;
		}
	}
	return 0;
fail:
	srv_batch_free(out);
	free(*item_limits);
	*item_limits = NULL;
	return rc;
}

static int parse_size(size_t *out, const char *s, size_t max)
{
	char *end;
	unsigned long long v;
	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return -1;
	*out = (size_t)v;
	return 0;
}

int srv_match_options_parse(vg_match_options *opts, const char ***lists,
			    const srv_args *args, const srv_limits *lim,
			    srv_err *err)
{
	const char *v;
	const char **all;
	size_t i, bytes;
	*lists = NULL;
	if ((v = srv_args_get(args, "limit"))) {
		if (parse_size(&opts->limit, v, lim->max_limit) || opts->limit == 0)
			return srv_err_set(err, 400,
					   "limit: expected an integer from 1 to %zu, got '%.40s'",
					   lim->max_limit, v);
	}
	if ((v = srv_args_get(args, "threshold"))) {
		char *end;
		double t;
		errno = 0;
		t = strtod(v, &end);
		if (!*v || *end || errno || !(t >= 0.0 && t <= 1.0))
			return srv_err_set(err, 400,
					   "threshold: expected a number from 0 to 1, got '%.40s'", v);
		opts->threshold = t;
	}
	if (__builtin_mul_overflow(args->n + 1, 3 * sizeof(*all), &bytes) ||
	    !(all = calloc(1, bytes)))
		return srv_err_set(err, 500, "out of memory");
	*lists = all;
	opts->datasets = all;
	opts->exclude_datasets = all + args->n + 1;
	opts->topics = all + 2 * (args->n + 1);
	opts->n_datasets = opts->n_exclude_datasets = opts->n_topics = 0;
	for (i = 0; i < args->n; i++) {
		const char *k = srv_args_key(args, i), *val = srv_args_value(args, i);
		if (!*val)
			continue;
		if (!strcmp(k, "include_dataset"))
			all[opts->n_datasets++] = val;
		else if (!strcmp(k, "exclude_dataset"))
			all[args->n + 1 + opts->n_exclude_datasets++] = val;
		else if (!strcmp(k, "topics"))
			all[2 * (args->n + 1) + opts->n_topics++] = val;
	}
	if (!opts->n_datasets)
		opts->datasets = NULL;
	if (!opts->n_exclude_datasets)
		opts->exclude_datasets = NULL;
	if (!opts->n_topics)
		opts->topics = NULL;
	return 0;
}

int srv_scan_text(const char **text, size_t *len, json_object **root,
		  const char *content_type, const char *body, size_t blen,
		  const srv_limits *lim, srv_err *err)
{
	json_object *t;
	*root = NULL;
	if (content_type && !strncasecmp(content_type, "application/json", 16)) {
		if (!(*root = srv_json_parse(body, blen, lim->max_depth, err)))
			return err ? err->status : 400;
		if (!json_object_is_type(*root, json_type_object) ||
		    !json_object_object_get_ex(*root, "text", &t) ||
		    !json_object_is_type(t, json_type_string)) {
			json_object_put(*root);
			*root = NULL;
			return srv_err_set(err, 400, "body: expected {\"text\": \"...\"}");
		}
		*text = json_object_get_string(t);
		*len = (size_t)json_object_get_string_len(t);
	} else {
		*text = body ? body : "";
		*len = blen;
	}
	if (*len == 0) {
		json_object_put(*root);
		*root = NULL;
		return srv_err_set(err, 400, "no text to scan");
	}
	return 0;
}

static int copy_seg(char *dst, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		return -1;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return 0;
}

int srv_route_parse(srv_route *out, const char *path, srv_err *err)
{
	char *slots[4];
	size_t caps[4], i = 0;
	const char *p = path;
	memset(out, 0, sizeof(*out));
	slots[0] = out->route; caps[0] = sizeof(out->route);
	slots[1] = out->arg; caps[1] = sizeof(out->arg);
	slots[2] = out->sub; caps[2] = sizeof(out->sub);
	slots[3] = out->sub2; caps[3] = sizeof(out->sub2);
	if (!path || *path != '/')
		return srv_err_set(err, 404, "no such path");
	p++;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		if (i == 4 || (n == 0 && slash) ||
		    copy_seg(slots[i], caps[i], p, n))
			return srv_err_set(err, 404, "no such path");
		i++;
		if (!slash)
			break;
		p = slash + 1;
		if (!*p) /* a trailing slash is tolerated */
			break;
	}
	return 0;
}
