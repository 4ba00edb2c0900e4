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
#include <strings.h>

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

int srv_err_invalid(srv_err *err, const char *in, const char *field, const char *fmt, ...)
{
	va_list ap;
	if (err) {
		err->status = 422;
		snprintf(err->in, sizeof(err->in), "%s", in);
		snprintf(err->field, sizeof(err->field), "%s", field);
		va_start(ap, fmt);
		vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
		va_end(ap);
	}
	return 422;
}

/* ---- key/value arguments --------------------------------------------- */

static const size_t *args_offsets(const srv_args *args)
{
	return (const size_t *)(const void *)args->offsets.ptr;
}

int srv_args_add(srv_args *args, const char *key, size_t klen,
		 const char *value, size_t vlen)
{
	size_t at[2];
	at[0] = args->data.size;
	at[1] = at[0] + klen + 1;
	/* the NUL after each string is the buffer's own terminator, kept */
	if (vg_buf_put(&args->data, key, klen) < 0 || vg_buf_put(&args->data, "", 1) < 0 ||
	    vg_buf_put(&args->data, value, vlen) < 0 || vg_buf_put(&args->data, "", 1) < 0 ||
	    vg_buf_put(&args->offsets, (const char *)at, sizeof(at)) < 0)
		return -1;
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
	return args->data.ptr + args_offsets(args)[2 * i];
}

const char *srv_args_value(const srv_args *args, size_t i)
{
	return args->data.ptr + args_offsets(args)[2 * i + 1];
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
	return args_offsets(args)[2 * i + 1] - args_offsets(args)[2 * i] - 1;
}

static size_t args_value_len(const srv_args *args, size_t i)
{
	size_t end = i + 1 < args->n ? args_offsets(args)[2 * i + 2] : args->data.size;
	return end - args_offsets(args)[2 * i + 1] - 1;
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
	vg_buf_dispose(&args->data);
	vg_buf_dispose(&args->offsets);
	memset(args, 0, sizeof(*args));
}

/* ---- JSON ------------------------------------------------------------- */

/* Where a value sits in the body: its key (or index in an array) and its
 * container's place, a chain on the walk's stack, written out as a path
 * only when the value is refused. */
typedef struct json_place {
	const char *key;        /* NULL: an element of an array */
	size_t index;
	const struct json_place *up;
} json_place;

/* The path of p ("queries.q.properties.name[0]", keys cut to 60 bytes)
 * into buf, cut short when it does not fit. */
static void place_path(char *buf, size_t cap, const json_place *p)
{
	size_t n;
	if (!p || !p->up) {
		buf[0] = '\0';
		return;
	}
	place_path(buf, cap, p->up);
	n = strlen(buf);
	if (p->key)
		snprintf(buf + n, cap - n, "%s%.60s", n ? "." : "", p->key);
	else
		snprintf(buf + n, cap - n, "[%zu]", p->index);
}

/* What json-c accepts but a request must not carry: numbers that are not
 * finite (NaN, Infinity, 1e999: not JSON, and they would be echoed back),
 * and strings with a NUL character (\u0000), which C strings would cut
 * short, so that "x\u0000AL ZAWAHIRI" would be screened as "x".  The
 * message names the value's path (the body itself at the top). */
static int json_values_ok(json_object *v, const json_place *at, srv_err *err)
{
	const char *problem = NULL;
	char path[200];
	size_t i, n;
	int rc;
	switch (json_object_get_type(v)) {
	case json_type_double:
		if (!isfinite(json_object_get_double(v)))
			problem = "not a finite number";
		break;
	case json_type_string:
		if (memchr(json_object_get_string(v), '\0', (size_t)json_object_get_string_len(v)))
			problem = "contains a NUL character (\\u0000)";
		break;
	case json_type_array:
		n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			json_place el = { NULL, i, at };
			if ((rc = json_values_ok(json_object_array_get_idx(v, i), &el, err)))
				return rc;
		}
		break;
	case json_type_object: {
		json_object_object_foreach(v, key, val) {
			json_place member = { key, 0, at };
			if ((rc = json_values_ok(val, &member, err)))
				return rc;
		}
		break;
	}
	default:
		break;
	}
	if (!problem)
		return 0;
	place_path(path, sizeof(path), at);
	return srv_err_set(err, 400, "%s: %s", path[0] ? path : "body", problem);
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
	const json_place top = { NULL, 0, NULL };
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
	if (json_values_ok(obj, &top, err))
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

/* ---- EntityExample -> vg_query ------------------------------------------ *
 *
 * As yente reads an example: a value that does not fit its property (a
 * birth date that is no date) is dropped, as FtM's cleaning drops it,
 * never the query; every value of a multi-valued property counts; a query
 * with no name is screened on its identifiers; the example echoed back is
 * the cleaned one (countries as codes, numbers as strings).
 */

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
	"mmsi", "callSign", "ssn", "dunsCode", "permId", "icijId", "okpoCode",
	"uniqueEntityId", "serialNumber", "socialSecurityNumber", NULL
};
static const char *const date_props[] = { "birthDate", "incorporationDate", NULL };

static bool in_list(const char *const *list, const char *key)
{
	for (; *list; list++)
		if (!strcmp(*list, key))
			return true;
	return false;
}

/* An ISO 8601 date or its prefix (YYYY, YYYY-MM, YYYY-MM-DD, a time after
 * it), as FtM's date type keeps it. */
static bool is_date(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	size_t i;
	for (i = 0; s[i] && i < 10; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
			return false;
	return (i == 4 || i == 7 || i == 10) && (!s[i] || s[i] == 'T' || s[i] == ' ');
}

/* The values of one property as strings (numbers written as JSON does),
 * cleaned for its type, into `vals` (a json array the echo keeps).
 * Returns 0 or a status (a value that is not a string, number or null). */
static int clean_values(json_object *vals, json_object *v, const char *where,
			const char *prop, srv_err *err)
{
	size_t i, n = json_object_is_type(v, json_type_array) ? json_object_array_length(v) : 1;
	bool date = in_list(date_props, prop), country = in_list(country_props, prop);
	for (i = 0; i < n; i++) {
		json_object *e = json_object_is_type(v, json_type_array)
					 ? json_object_array_get_idx(v, i) : v;
		enum json_type t = json_object_get_type(e);
		const char *s, *code;
		char field[160];
		if (t == json_type_null)
			continue;
		if (t != json_type_string && t != json_type_int && t != json_type_double) {
			snprintf(field, sizeof(field), "%s.properties.%s", where, prop);
			return srv_err_invalid(err, "body", field,
					       "%s.properties.%s: expected a string or a list "
					       "of strings", where, prop);
		}
		s = json_object_get_string(e);
		if (!*s || (date && !is_date(s)))
			continue;
		if (country && (code = vg_country_code(s)))
			s = code;
		json_object_array_add(vals, json_object_new_string(s));
	}
	return 0;
}

/* The cleaned example: {"id", "schema", "properties": {...}}. */
static int clean_example(json_object **out, json_object *example, const char *schema,
			 json_object *props, const char *where, srv_err *err)
{
	json_object *echo = json_object_new_object(), *cp = json_object_new_object(), *id;
	int rc;
	*out = echo;
	/* yente's EntityExample: "id" is there, null when the query had none */
	if (json_object_object_get_ex(example, "id", &id) &&
	    json_object_is_type(id, json_type_string))
		json_object_object_add(echo, "id", json_object_get(id));
	else
		json_object_object_add(echo, "id", NULL);
	json_object_object_add(echo, "schema", json_object_new_string(schema));
	json_object_object_add(echo, "properties", cp);
	{
		json_object_object_foreach(props, key, val) {
			json_object *vals = json_object_new_array();
			if ((rc = clean_values(vals, val, where, key, err))) {
				json_object_put(vals);
				return rc;
			}
			if (json_object_array_length(vals))
				json_object_object_add(cp, key, vals);
			else
				json_object_put(vals);
		}
	}
	return 0;
}

/* "WHERE.NAME" into field[160] (a refused field's name, written only
 * then); returns field. */
static const char *field_name(char field[160], const char *where, const char *name)
{
	snprintf(field, 160, "%s.%s", where, name);
	return field;
}

/* The example's schema: required where yente requires it (422 when
 * missing), 400 when it is none a party can have. */
static int example_schema(vg_schema *out, const char **name, json_object *example,
			  bool required, const char *where, srv_err *err)
{
	json_object *s;
	char field[160];
	*out = VG_SCHEMA_THING;
	*name = "Thing";
	if (!json_object_object_get_ex(example, "schema", &s) ||
	    json_object_is_type(s, json_type_null))
		return required ? srv_err_invalid(err, "body", field_name(field, where, "schema"),
						  "%s: field required", field)
				: 0;
	if (!json_object_is_type(s, json_type_string))
		return srv_err_invalid(err, "body", field_name(field, where, "schema"),
				       "%s: expected a string", field);
	*name = json_object_get_string(s);
	*out = vg_schema_from_name(*name, strlen(*name));
	if ((*out == VG_SCHEMA_UNKNOWN || (*out != VG_SCHEMA_THING && !vg_schema_is_screenable(*out))) &&
	    vg_ftm_schema_is_a(*name, "Thing")) {
		/* a thing vigil keeps no names of (Vehicle, Security,
		 * CryptoWallet, BankAccount ...): yente takes it, so it is run as
		 * any party and /match keeps the results FtM relates to it */
		*out = VG_SCHEMA_THING;
		return 0;
	}
	if (*out == VG_SCHEMA_UNKNOWN ||
	    (*out != VG_SCHEMA_THING && !vg_schema_is_screenable(*out)))
		return srv_err_set(err, 400, "%s: '%.60s' is not a schema that can be screened",
				   field_name(field, where, "schema"), *name);
	*name = vg_schema_name(*out);
	return 0;
}

/* The values of the properties in `keys` (all of them), appended to v[*n]
 * up to cap; returns how many were added. */
static size_t take(const char **v, size_t *n, size_t cap, json_object *props,
		   const char *const *keys)
{
	size_t before = *n, i;
	json_object_object_foreach(props, key, val) {
		if (!in_list(keys, key))
			continue;
		for (i = 0; i < json_object_array_length(val) && *n < cap; i++)
			v[(*n)++] = json_object_get_string(json_object_array_get_idx(val, i));
	}
	return *n - before;
}

static const char *first_of(json_object *props, const char *key)
{
	json_object *v;
	return json_object_object_get_ex(props, key, &v) && json_object_array_length(v)
		       ? json_object_get_string(json_object_array_get_idx(v, 0)) : NULL;
}

/* Every first name with every last name beyond the first pair, as full
 * names (the first pair goes to first_name/last_name), packed in text. */
static int name_pairs(vg_buf *text, json_object *props)
{
	json_object *f, *l;
	size_t i, j;
	if (!json_object_object_get_ex(props, "firstName", &f) ||
	    !json_object_object_get_ex(props, "lastName", &l))
		return 0;
	for (i = 0; i < json_object_array_length(f) && i < 4; i++)
		for (j = 0; j < json_object_array_length(l) && j < 4; j++)
			if (i || j)
				vg_buf_printf(text, "%s %s%c",
					      json_object_get_string(json_object_array_get_idx(f, i)),
					      json_object_get_string(json_object_array_get_idx(l, j)), 0);
	return vg_buf_oom(text) ? -1 : 0;
}

/* Fills q from the cleaned properties into one pointer array: names (then
 * name pairs), countries, identifiers, extra birth dates. */
static int fill_query(srv_query_item *item, json_object *props, const srv_limits *lim,
		      const char *where, srv_err *err)
{
	static const char *const one_date[] = { "birthDate", "incorporationDate", NULL };
	vg_query *q = &item->query;
	size_t total = 0, n = 0, cap;
	const char **v, *p;
	json_object_object_foreach(props, key, val) {
		(void)key;
		total += json_object_array_length(val);
	}
	if (total > lim->max_values)
		return srv_err_set(err, 400, "%s.properties: %zu values, more than the limit of %zu",
				   where, total, lim->max_values);
	if (name_pairs(&item->text, props) ||
	    !(v = item->values = calloc(total + 17, sizeof(*v))))
		return srv_err_set(err, 500, "out of memory");
	cap = total + 17;
	q->names = v;
	q->n_names = take(v, &n, 16, props, name_props);
	for (p = item->text.ptr; p && p < item->text.ptr + item->text.size && q->n_names < 16;
	     p += strlen(p) + 1)
		v[n++] = p, q->n_names++;
	q->countries = v + n;
	q->n_countries = take(v, &n, cap, props, country_props);
	q->id_numbers = v + n;
	q->n_id_numbers = take(v, &n, cap, props, id_props);
	q->birth_dates = v + n;
	q->n_birth_dates = take(v, &n, cap, props, one_date);
	if (q->n_birth_dates) {
		q->birth_date = q->birth_dates[0];
		q->birth_dates++;
		q->n_birth_dates = q->n_birth_dates > 4 ? 3 : q->n_birth_dates - 1;
	}
	q->first_name = first_of(props, "firstName");
	q->last_name = first_of(props, "lastName");
	q->middle_name = first_of(props, "middleName");
	if (!q->middle_name && !(q->middle_name = first_of(props, "secondName")))
		q->middle_name = first_of(props, "fatherName");
	q->gender = first_of(props, "gender");
	return 0;
}

int srv_query_from_example_ex(srv_query_item *item, json_object *example,
			      const srv_limits *lim, const char *where, bool need_schema,
			      srv_err *err)
{
	json_object *props, *echo = NULL, *cprops;
	const char *schema_name;
	char field[160];
	int rc;

	memset(item, 0, sizeof(*item));
	item->query = (vg_query)VG_QUERY_INIT;
	if (!json_object_is_type(example, json_type_object))
		return srv_err_invalid(err, "body", where, "%s: expected an object", where);
	if ((rc = example_schema(&item->query.schema, &schema_name, example, need_schema,
				 where, err)))
		return rc;
	if (!json_object_object_get_ex(example, "properties", &props))
		return srv_err_invalid(err, "body", field_name(field, where, "properties"),
				       "%s: field required", field);
	if (!json_object_is_type(props, json_type_object))
		return srv_err_invalid(err, "body", field_name(field, where, "properties"),
				       "%s: expected an object", field);
	if ((rc = clean_example(&echo, example, schema_name, props, where, err))) {
		json_object_put(echo);
		return rc;
	}
	item->echo = echo;
	json_object_object_get_ex(echo, "properties", &cprops);
	if ((rc = fill_query(item, cprops, lim, where, err)))
		return rc;
	if (vg_query_validate(&item->query) != 0)
		return srv_err_set(err, 400, "%s: %.180s", where, vg_error_last()->message);
	item->example = example;
	return 0;
}

int srv_query_from_example(srv_query_item *item, json_object *example,
			   const srv_limits *lim, const char *where, srv_err *err)
{
	return srv_query_from_example_ex(item, example, lim, where, false, err);
}

void srv_query_item_free(srv_query_item *item)
{
	free(item->values);
	json_object_put(item->echo);
	vg_buf_dispose(&item->text);
	item->values = NULL;
	item->echo = NULL;
}

void srv_batch_free(srv_batch *batch)
{
	size_t i;
	for (i = 0; i < batch->n; i++)
		srv_query_item_free(&batch->items[i]);
	free(batch->items);
	free(batch->weight_names);
	free(batch->weights);
	json_object_put(batch->root);
	memset(batch, 0, sizeof(*batch));
}

int srv_batch_alloc(srv_batch *out, size_t n, const srv_limits *lim,
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

/* The settings of yente's default algorithm (nomenklatura's logic-v2): a
 * client written for yente may send them.  vigil's scorer has no such
 * knobs; they are accepted and do not change a score (README: deliberate
 * differences).  Any other key is refused as yente refuses it. */
static bool config_key_known(const char *key)
{
	static const char *const keys[] = {
		"nm_name_property", "nm_number_mismatch", "nm_extra_query_name",
		"nm_extra_result_name", "nm_family_name_weight", "nm_fuzzy_cutoff_factor", NULL
	};
	size_t i;
	for (i = 0; keys[i]; i++)
		if (!strcmp(keys[i], key))
			return true;
	return false;
}

/* The body's "weights" ({FEATURE: NUMBER}, features vigil scores) and
 * "config" ({KEY: scalar}, see config_key_known). */
static int weights_and_config(srv_batch *out, srv_err *err)
{
	json_object *w, *c;
	size_t n = 0, k;
	if (json_object_object_get_ex(out->root, "config", &c) &&
	    !json_object_is_type(c, json_type_null)) {
		if (!json_object_is_type(c, json_type_object))
			return srv_err_invalid(err, "body", "config", "config: expected an object");
		json_object_object_foreach(c, key, val) {
			if (!config_key_known(key))
				return srv_err_set(err, 400, "Invalid configuration parameter: %.60s "
						   "(see /algorithms)", key);
			if (json_object_is_type(val, json_type_object) ||
			    json_object_is_type(val, json_type_array))
				return srv_err_invalid(err, "body", "config", "config.%.60s: "
						       "expected a string, number, boolean or null", key);
		}
	}
	if (!json_object_object_get_ex(out->root, "weights", &w) ||
	    json_object_is_type(w, json_type_null))
		return 0;
	if (!json_object_is_type(w, json_type_object))
		return srv_err_invalid(err, "body", "weights", "weights: expected an object");
	k = (size_t)json_object_object_length(w);
	if (!(out->weight_names = calloc(k + 1, sizeof(*out->weight_names))) ||
	    !(out->weights = calloc(k + 1, sizeof(*out->weights))))
		return srv_err_set(err, 500, "out of memory");
	json_object_object_foreach(w, key, val) {
		size_t f;
		for (f = 0; vg_match_feature_name(f) && strcmp(vg_match_feature_name(f), key); f++)
			;
		if (!vg_match_feature_name(f))
			return srv_err_set(err, 400, "Invalid weight: %.60s (vigil's features: "
					   "name, weak_alias, birth_date, country, identifier, gender, "
					   "family_name)", key);
		if (!json_object_is_type(val, json_type_double) &&
		    !json_object_is_type(val, json_type_int))
			return srv_err_invalid(err, "body", "weights", "weights.%.60s: expected "
					       "a number", key);
		out->weight_names[n] = key;
		out->weights[n++] = json_object_get_double(val);
	}
	out->n_weights = n;
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
		rc = srv_err_invalid(err, "body", "queries",
				     "body: expected {\"queries\": {KEY: {\"schema\", \"properties\"}}}");
		goto fail;
	}
	if (!json_object_is_type(queries, json_type_object)) {
		rc = srv_err_invalid(err, "body", "queries",
				     "queries: expected an object keyed by query name");
		goto fail;
	}
	if ((rc = weights_and_config(out, err)) ||
	    (rc = srv_batch_alloc(out, (size_t)json_object_object_length(queries), lim, err)))
		goto fail;
	{
		json_object_object_foreach(queries, key, example) {
			char where[128];
			snprintf(where, sizeof(where), "queries.%.60s", key);
			rc = srv_query_from_example_ex(&out->items[out->n], example, lim, where,
						       true, err);
			out->items[out->n].key = key;
			out->n++; /* counted before any failure, so it is freed */
			if (rc)
				goto fail;
		}
	}
	return 0;
fail:
	srv_batch_free(out);
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

/* A number from 0 to 1 (422 naming the parameter otherwise). */
static int parse_unit(double *out, const char *v, const char *name, srv_err *err)
{
	char *end;
	double t;
	errno = 0;
	t = strtod(v, &end);
	if (!*v || *end || errno || !(t >= 0.0 && t <= 1.0))
		return srv_err_invalid(err, "query", name,
				       "%s: expected a number from 0 to 1, got '%.40s'", name, v);
	*out = t;
	return 0;
}

bool srv_timestamp_ok(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	size_t n = strlen(s), i;
	if (n != 10 && n != 13 && n != 16 && n != 19)
		return false;
	for (i = 0; i < n; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
			return false;
	return true;
}

bool srv_algorithm_known(const char *name)
{
	static const char *const names[] = {
		"vigil", "best", "logic-v2", "logic-v1", "name-based", "name-qualified",
		"ofac-249", "regression-v1", NULL
	};
	size_t i;
	for (i = 0; names[i]; i++)
		if (!strcasecmp(name, names[i]))
			return true;
	return false;
}

/* The repeated parameters that are lists, and where each goes in opts. */
enum { L_INCLUDE, L_EXCLUDE, L_TOPICS, L_SCHEMA, L_IDS, L__COUNT };
static const char *const list_params[L__COUNT] = {
	"include_dataset", "exclude_dataset", "topics", "exclude_schema", "exclude_entity_ids"
};

static int collect_lists(vg_match_options *opts, const char ***lists, const srv_args *args,
			 srv_err *err)
{
	const char **all;
	size_t n[L__COUNT] = { 0 }, i, k, bytes, stride = args->n + 1;
	if (__builtin_mul_overflow(stride, L__COUNT * sizeof(*all), &bytes) ||
	    !(all = calloc(1, bytes)))
		return srv_err_set(err, 500, "out of memory");
	*lists = all;
	for (i = 0; i < args->n; i++) {
		const char *key = srv_args_key(args, i), *val = srv_args_value(args, i);
		for (k = 0; k < L__COUNT; k++)
			if (*val && !strcmp(key, list_params[k]))
				all[k * stride + n[k]++] = val;
	}
	if (n[L_IDS] > 50)
		return srv_err_invalid(err, "query", "exclude_entity_ids",
				       "exclude_entity_ids: at most 50 ids, got %zu", n[L_IDS]);
	opts->datasets = n[L_INCLUDE] ? all : NULL;
	opts->n_datasets = n[L_INCLUDE];
	opts->exclude_datasets = n[L_EXCLUDE] ? all + L_EXCLUDE * stride : NULL;
	opts->n_exclude_datasets = n[L_EXCLUDE];
	opts->topics = n[L_TOPICS] ? all + L_TOPICS * stride : NULL;
	opts->n_topics = n[L_TOPICS];
	opts->exclude_schemata = n[L_SCHEMA] ? all + L_SCHEMA * stride : NULL;
	opts->n_exclude_schemata = n[L_SCHEMA];
	opts->exclude_ids = n[L_IDS] ? all + L_IDS * stride : NULL;
	opts->n_exclude_ids = n[L_IDS];
	return 0;
}

int srv_match_options_parse(vg_match_options *opts, const char ***lists,
			    const srv_args *args, const srv_limits *lim,
			    srv_err *err)
{
	const char *v;
	int rc;
	*lists = NULL;
	if ((v = srv_args_get(args, "limit")) &&
	    (parse_size(&opts->limit, v, lim->max_limit) || opts->limit == 0))
		return srv_err_invalid(err, "query", "limit",
				       "limit: expected an integer from 1 to %zu, got '%.40s'",
				       lim->max_limit, v);
	if ((v = srv_args_get(args, "threshold")) &&
	    (rc = parse_unit(&opts->threshold, v, "threshold", err)))
		return rc;
	opts->cutoff = opts->threshold >= 0 ? opts->threshold : vg_match_threshold();
	if ((v = srv_args_get(args, "cutoff"))) {
		double c = opts->cutoff; /* GCC -O3 cannot see parse_unit set it */
		if ((rc = parse_unit(&c, v, "cutoff", err)))
			return rc;
		if (c < opts->cutoff)
			opts->cutoff = c;
	}
	if ((v = srv_args_get(args, "algorithm")) && !srv_algorithm_known(v))
		return srv_err_set(err, 400, "Invalid algorithm: %.60s (see /algorithms)", v);
	if ((v = srv_args_get(args, "changed_since")) && *v) {
		if (!srv_timestamp_ok(v))
			return srv_err_invalid(err, "query", "changed_since",
					       "changed_since: expected YYYY-MM-DD[Thh[:mm[:ss]]], "
					       "got '%.40s'", v);
		opts->changed_since = v;
	}
	return collect_lists(opts, lists, args, err);
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
