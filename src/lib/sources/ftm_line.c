/*
 * ftm_line.c - an FtM entity line as publishers write it, read without
 * json-c (source.h: vg__ftm_line).
 *
 * json-c builds a tree: an object and a hash table per JSON object, a copy
 * of every string, and a locale object per parse.  At a million entities
 * that was about a third of the reading thread's time, and the reading
 * thread is what a large build waits for.
 *
 * Invariant: a line this reader accepts gives the record json-c's path
 * (ftm.c) gives, property for property, in the same order.  It accepts
 * only a subset of JSON where that is plain: one object of members whose
 * values are strings, true, false, null or arrays of those, with
 * "properties" an object of strings or arrays of strings, no key given
 * twice that matters, no surrogate escape.  Anything else (numbers, nested
 * objects, a delta operation, a missing id or schema, bad JSON) is
 * declined and the line goes to json-c, which also words the errors.
 * fuzz_read_ftm compares the two paths on every input.
 */
#include "sources/source.h"

#include <string.h>

#define MAX_PROP_KEYS 128

/* The members of the entity object this reader uses. */
enum { M_ID, M_SCHEMA, M_PROPS, M_CAPTION, M_REFERENTS, M_FIRST_SEEN, M_LAST_SEEN,
       M_LAST_CHANGE, M_TARGET, M__COUNT };
static const char *const member_names[M__COUNT] = {
	"id", "schema", "properties", "caption", "referents", "first_seen", "last_seen",
	"last_change", "target"
};

typedef struct {
	const char *p, *end;
} cursor;

/* A string's raw bytes between its quotes. */
typedef struct {
	const char *s;
	size_t len;
	int escaped;
} span;

static void skip_ws(cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\r' || *c->p == '\n'))
		c->p++;
}

static int eat(cursor *c, char ch)
{
	skip_ws(c);
	if (c->p >= c->end || *c->p != ch)
		return 0;
	c->p++;
	return 1;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	int i;
	for (i = 0; i < 4; i++) {
		char ch = p[i];
		v <<= 4;
		if (ch >= '0' && ch <= '9')
			v |= (unsigned)(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			v |= (unsigned)(ch - 'a' + 10);
		else if (ch >= 'A' && ch <= 'F')
			v |= (unsigned)(ch - 'A' + 10);
		else
			return 0;
	}
	*out = v;
	return 1;
}

/* A string at the cursor into *sp; 0 declines (no string, a control
 * character, an escape json-c might read otherwise). */
static int string_at(cursor *c, span *sp)
{
	const char *p;
	skip_ws(c);
	if (c->p >= c->end || *c->p != '"')
		return 0;
	p = ++c->p;
	sp->s = p;
	sp->escaped = 0;
	while (p < c->end && *p != '"') {
		unsigned char ch = (unsigned char)*p;
		unsigned u;
		if (ch < 0x20)
			return 0;
		if (ch != '\\') {
			p++;
			continue;
		}
		sp->escaped = 1;
		if (p + 1 >= c->end)
			return 0;
		if (strchr("\"\\/bfnrt", p[1]) && p[1]) {
			p += 2;
			continue;
		}
		if (p[1] != 'u' || c->end - p < 6 || !hex4(p + 2, &u) || u == 0 ||
		    (u >= 0xD800 && u <= 0xDFFF))
			return 0;
		p += 6;
	}
	if (p >= c->end)
		return 0;
	sp->len = (size_t)(p - sp->s);
	c->p = p + 1;
	return 1;
}

/* The string's text, NUL-terminated, in buf (escapes decoded). */
static int decode(vg_buf *buf, const span *sp)
{
	const char *p = sp->s, *end = sp->s + sp->len;
	vg_buf_clear(buf);
	if (!sp->escaped)
		vg_buf_put(buf, p, sp->len);
	while (sp->escaped && p < end) {
		const char *q = p;
		unsigned u;
		char out[4];
		while (q < end && *q != '\\')
			q++;
		vg_buf_put(buf, p, (size_t)(q - p));
		if (q >= end)
			break;
		switch (q[1]) {
		case 'b': out[0] = '\b'; break;
		case 'f': out[0] = '\f'; break;
		case 'n': out[0] = '\n'; break;
		case 'r': out[0] = '\r'; break;
		case 't': out[0] = '\t'; break;
		case 'u': break;
		default: out[0] = q[1];
		}
		if (q[1] != 'u') {
			vg_buf_put(buf, out, 1);
			p = q + 2;
			continue;
		}
		if (!hex4(q + 2, &u)) /* string_at checked it */
			u = 0xFFFD;
		if (u < 0x80) {
			out[0] = (char)u;
			vg_buf_put(buf, out, 1);
		} else if (u < 0x800) {
			out[0] = (char)(0xC0 | u >> 6);
			out[1] = (char)(0x80 | (u & 0x3F));
			vg_buf_put(buf, out, 2);
		} else {
			out[0] = (char)(0xE0 | u >> 12);
			out[1] = (char)(0x80 | ((u >> 6) & 0x3F));
			out[2] = (char)(0x80 | (u & 0x3F));
			vg_buf_put(buf, out, 3);
		}
		p = q + 6;
	}
	vg_buf_put(buf, "", 1);
	return vg_buf_check(buf);
}

static int literal_at(cursor *c)
{
	static const char *const lits[] = { "true", "false", "null" };
	size_t i, n;
	skip_ws(c);
	for (i = 0; i < 3; i++) {
		n = strlen(lits[i]);
		if ((size_t)(c->end - c->p) >= n && !memcmp(c->p, lits[i], n)) {
			c->p += n;
			return 1;
		}
	}
	return 0;
}

/* A string, or (lits) a literal, or an array of those; 0 declines. */
static int skip_strings(cursor *c, int lits)
{
	span sp;
	skip_ws(c);
	if (c->p < c->end && *c->p == '[') {
		c->p++;
		if (eat(c, ']'))
			return 1;
		do {
			skip_ws(c);
			if (!(c->p < c->end && *c->p == '"' ? string_at(c, &sp) : lits && literal_at(c)))
				return 0;
		} while (eat(c, ','));
		return eat(c, ']');
	}
	if (c->p < c->end && *c->p == '"')
		return string_at(c, &sp);
	return lits && literal_at(c);
}

/* Whether the keys of two members are the same text. */
static int same_key(const span *a, const span *b)
{
	return !a->escaped && !b->escaped && a->len == b->len && !memcmp(a->s, b->s, a->len);
}

/* The properties object at the cursor, checked: string or array-of-string
 * values, no key twice (a key with escapes declines: it could equal
 * another once decoded). */
static int check_props(cursor *c)
{
	span keys[MAX_PROP_KEYS];
	size_t n = 0, i;
	if (!eat(c, '{'))
		return 0;
	if (eat(c, '}'))
		return 1;
	do {
		if (n == MAX_PROP_KEYS || !string_at(c, &keys[n]) || keys[n].escaped)
			return 0;
		for (i = 0; i < n; i++)
			if (same_key(&keys[i], &keys[n]))
				return 0;
		n++;
		if (!eat(c, ':') || !skip_strings(c, 0))
			return 0;
	} while (eat(c, ','));
	return eat(c, '}');
}

/* The top object: where each used member's value starts; 0 declines. */
static int scan_members(cursor *c, const char *at[M__COUNT], vg_buf *tmp)
{
	span key;
	int m;
	if (!eat(c, '{'))
		return 0;
	if (eat(c, '}'))
		return 0; /* no id */
	do {
		if (!string_at(c, &key) || decode(tmp, &key) != 0 || !eat(c, ':'))
			return 0;
		if (!strcmp(tmp->ptr, "op") || !strcmp(tmp->ptr, "entity"))
			return 0; /* a delta operation */
		for (m = 0; m < M__COUNT && strcmp(tmp->ptr, member_names[m]); m++)
			;
		if (m < M__COUNT) {
			if (at[m])
				return 0;
			skip_ws(c);
			at[m] = c->p;
		}
		if (m == M_PROPS ? !check_props(c) : !skip_strings(c, 1))
			return 0;
	} while (eat(c, ','));
	if (!eat(c, '}'))
		return 0;
	skip_ws(c);
	return c->p == c->end;
}

/* A member's string(s) added under key (null, true, false: nothing). */
static int add_strings(vg_record *rec, const char *key, cursor *c, vg_buf *tmp)
{
	span sp;
	int rc, array = eat(c, '[');
	if (array && eat(c, ']'))
		return 0;
	do {
		skip_ws(c);
		if (c->p < c->end && *c->p != '"') {
			literal_at(c);
			continue;
		}
		string_at(c, &sp);
		if (!sp.escaped) {
			rc = vg_record_add(rec, key, sp.s, sp.len, NULL);
		} else if ((rc = decode(tmp, &sp)) == 0) {
			rc = vg_record_add(rec, key, tmp->ptr, tmp->size - 1, NULL);
		}
		if (rc < 0)
			return rc;
	} while (array && eat(c, ','));
	if (array)
		eat(c, ']');
	return 0;
}

/* The properties, in the order the line gives them. */
static int add_props(vg_record *rec, cursor *c, vg_buf *key, vg_buf *tmp)
{
	span sp;
	int rc;
	eat(c, '{');
	if (eat(c, '}'))
		return 0;
	do {
		string_at(c, &sp);
		eat(c, ':');
		vg_buf_clear(key);
		vg_buf_put(key, sp.s, sp.len);
		if (vg_buf_put(key, "", 1) < 0)
			return vg__error_oom();
		if ((rc = add_strings(rec, key->ptr, c, tmp)) < 0)
			return rc;
	} while (eat(c, ','));
	return 0;
}

/* A string member's text into buf; 0 when it is not one. */
static int member_text(const char *at, const char *end, vg_buf *buf)
{
	cursor c = { at, end };
	span sp;
	return at && string_at(&c, &sp) && decode(buf, &sp) == 0;
}

int vg__ftm_line(vg_record *rec, const char *line, size_t len, const char *file,
		 size_t lineno, vg__ftm_scratch *sc)
{
	const char *at[M__COUNT] = { 0 };
	const char *end = line + len;
	cursor c = { line, end };
	int m, rc = 0;
	if (!scan_members(&c, at, &sc->a) || !member_text(at[M_ID], end, &sc->a) ||
	    !sc->a.ptr[0] || !member_text(at[M_SCHEMA], end, &sc->b) || !sc->b.ptr[0])
		return 0;
	vg_record_reset(rec);
	rec->file = file;
	rec->line = lineno;
	if (vg_record_set_id(rec, sc->a.ptr, sc->a.size - 1) < 0 ||
	    vg_record_set_schema(rec, sc->b.ptr, sc->b.size - 1) < 0)
		goto declined;
	if (at[M_PROPS]) {
		c = (cursor){ at[M_PROPS], end };
		if ((rc = add_props(rec, &c, &sc->a, &sc->b)) < 0)
			goto declined;
	}
	for (m = M_CAPTION; m <= M_LAST_CHANGE; m++) {
		if (!at[m])
			continue;
		c = (cursor){ at[m], end };
		if ((rc = add_strings(rec, member_names[m], &c, &sc->b)) < 0)
			goto declined;
	}
	if (at[M_TARGET] && (size_t)(end - at[M_TARGET]) >= 4 && !memcmp(at[M_TARGET], "true", 4) &&
	    vg_record_add(rec, "target", "true", 4, NULL) < 0)
		goto declined;
	return 1;
declined:
	/* json-c's path meets the same failure and words it */
	vg_error_clear();
	return 0;
}
