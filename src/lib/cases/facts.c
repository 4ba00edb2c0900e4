/*
 * facts.c - what a decision was made on: a subject's attributes and an
 * entity's record as canonical facts, their hashes, and what changed
 * between two versions of them.
 *
 * Canonical facts are distinct "key\tvalue\n" lines sorted bytewise (a
 * value with a qualifier is "key\tvalue\tqualifier"; tabs, newlines and
 * backslashes inside values are escaped as \t, \n, \\), so the order in
 * which a list or a customer file gives values is not a change, and the
 * hash is the SHA-256 of those bytes.
 *
 * The entity's facts are read through the index's entity accessors
 * (vigil/index.h: schema, property values with their qualifiers, the
 * datasets that list it, the values of its Sanction records), never from a
 * JSON rendering: the hash moves
 * when, and only when, one of those facts does.  Links to other entities
 * are not facts of the entity: an analyst's "this customer is not that
 * person" does not depend on who the person owns.
 */
#include "cases/cases_internal.h"
#include "common/alloc.h"
#include "common/error.h"
#include "update/sha256.h"

#include <stdlib.h>
#include <string.h>

/* Lines of a facts text, as (start, length) pairs into it. */
typedef struct {
	const char **line;
	size_t *len;
	size_t n, cap;
} lines;

static int lines_add(lines *l, const char *p, size_t len)
{
	/* two parallel arrays of one capacity: the second grows to the first's */
	size_t cap = l->cap, cap2 = l->cap;
	if (vg__grow(&l->line, &cap, l->n + 1, sizeof(*l->line)) ||
	    vg__grow(&l->len, &cap2, cap, sizeof(*l->len)))
		return VG_ENOMEM;
	l->cap = cap;
	l->line[l->n] = p;
	l->len[l->n++] = len;
	return 0;
}

static void lines_dispose(lines *l)
{
	free(l->line);
	free(l->len);
	memset(l, 0, sizeof(*l));
}

static int split(lines *l, const char *text)
{
	const char *p = text ? text : "";
	int rc;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len && (rc = lines_add(l, p, len)) < 0)
			return rc;
		p += len + (nl ? 1 : 0);
	}
	return 0;
}

static int cmp_span(const char *a, size_t la, const char *b, size_t lb)
{
	int c = memcmp(a, b, la < lb ? la : lb);
	return c ? c : (la > lb) - (la < lb);
}

/* Sorts lines in place (indexes into the arrays). */
static void sort_lines(lines *l)
{
	size_t i, j;
	/* insertion sort on a few dozen lines; shell gaps keep large entities
	 * (hundreds of aliases) from going quadratic */
	static const size_t gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
	size_t g;
	for (g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++) {
		size_t gap = gaps[g];
		for (i = gap; i < l->n; i++) {
			const char *p = l->line[i];
			size_t len = l->len[i];
			for (j = i; j >= gap && cmp_span(l->line[j - gap], l->len[j - gap], p, len) > 0;
			     j -= gap) {
				l->line[j] = l->line[j - gap];
				l->len[j] = l->len[j - gap];
			}
			l->line[j] = p;
			l->len[j] = len;
		}
	}
}

/* Writes the sorted, distinct lines of `raw` into out and hashes them. */
static int finish(vg_buf *out, char hash[65], const vg_buf *raw)
{
	lines l = { 0 };
	vg__sha256 h;
	size_t i, start = out->size;
	int rc = split(&l, raw->ptr);
	if (rc == 0) {
		sort_lines(&l);
		for (i = 0; i < l.n && rc == 0; i++) {
			if (i && !cmp_span(l.line[i - 1], l.len[i - 1], l.line[i], l.len[i]))
				continue;
			if (vg_buf_put(out, l.line[i], l.len[i]) < 0 || vg_buf_put(out, "\n", 1) < 0)
				rc = vg__error_oom();
		}
	}
	lines_dispose(&l);
	if (rc == 0 && !out->ptr && vg_buf_puts(out, "") < 0)
		rc = vg__error_oom();
	if (rc < 0)
		return rc;
	vg__sha256_init(&h);
	vg__sha256_update(&h, out->ptr + start, out->size - start);
	vg__sha256_final_hex(&h, hash);
	return 0;
}

/* Appends a value escaped for a facts line. */
static int put_escaped(vg_buf *b, const char *s)
{
	const char *p;
	int rc = 0;
	for (p = s; *p && rc == 0; p++) {
		switch (*p) {
		case '\\': rc = vg_buf_puts(b, "\\\\"); break;
		case '\t': rc = vg_buf_puts(b, "\\t"); break;
		case '\n': rc = vg_buf_puts(b, "\\n"); break;
		case '\r': rc = vg_buf_puts(b, "\\r"); break;
		default: rc = vg_buf_put(b, p, 1);
		}
	}
	return rc;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Appends a subject's value with whitespace trimmed and collapsed, a word
 * at a time. */
static int put_collapsed(vg_buf *b, const char *s, bool *any)
{
	const char *p = s;
	int rc = 0;
	*any = false;
	while (*p && rc == 0) {
		const char *w;
		while (is_space(*p))
			p++;
		for (w = p; *p && !is_space(*p); p++)
			;
		if (p == w)
			break;
		if (*any)
			rc = vg_buf_put(b, " ", 1);
		if (rc == 0)
			rc = vg_buf_put(b, w, (size_t)(p - w));
		*any = true;
	}
	return rc;
}

static bool key_ok(const char *k)
{
	const char *p;
	if (!k || !*k)
		return false;
	for (p = k; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '.'))
			return false;
	return true;
}

int vg__cases_subject_facts(vg_buf *out, char hash[65], const vg_cases_attr *attrs, size_t n)
{
	vg_buf raw = VG_BUF_INIT;
	size_t i;
	int rc = 0;
	for (i = 0; i < n && rc == 0; i++) {
		size_t mark = raw.size;
		bool any;
		if (!attrs[i].value)
			continue;
		if (!key_ok(attrs[i].key)) {
			rc = vg__error_set(VG_EUSAGE, "subject attribute '%.40s': keys are letters, "
					   "digits, '_' and '.'", attrs[i].key ? attrs[i].key : "");
			break;
		}
		if (vg_buf_puts(&raw, attrs[i].key) < 0 || vg_buf_put(&raw, "\t", 1) < 0 ||
		    put_collapsed(&raw, attrs[i].value, &any) < 0 || vg_buf_put(&raw, "\n", 1) < 0) {
			rc = vg__error_oom();
			break;
		}
		if (!any) { /* an empty value is no attribute */
			raw.size = mark;
			raw.ptr[mark] = '\0';
		}
	}
	if (rc == 0)
		rc = finish(out, hash, &raw);
	vg_buf_dispose(&raw);
	return rc;
}

static int put_value_line(vg_buf *raw, const char *prefix, const vg_value *v)
{
	int rc = 0;
	rc |= vg_buf_puts(raw, prefix);
	rc |= put_escaped(raw, v->property);
	rc |= vg_buf_put(raw, "\t", 1);
	rc |= put_escaped(raw, v->value);
	if (v->qualifier && *v->qualifier) {
		rc |= vg_buf_put(raw, "\t", 1);
		rc |= put_escaped(raw, v->qualifier);
	}
	rc |= vg_buf_put(raw, "\n", 1);
	return rc ? vg__error_oom() : 0;
}

int vg__cases_entity_facts(vg_buf *out, char hash[65], const vg_index *ix, uint32_t ord)
{
	vg_buf raw = VG_BUF_INIT;
	vg_value v;
	size_t n, i, j;
	int rc = 0;
	if (ord >= vg_index_entity_count(ix) || !vg_entity_schema(ix, ord))
		return vg__error_set(VG_EUSAGE, "entity ordinal %u out of range", ord);
	if (vg_buf_puts(&raw, "schema\t") < 0 || put_escaped(&raw, vg_entity_schema(ix, ord)) < 0 ||
	    vg_buf_put(&raw, "\n", 1) < 0)
		rc = vg__error_oom();
	n = vg_entity_value_count(ix, ord);
	for (i = 0; i < n && rc == 0; i++)
		if (vg_entity_value(&v, ix, ord, i))
			rc = put_value_line(&raw, "", &v);
	n = vg_entity_dataset_count(ix, ord);
	for (i = 0; i < n && rc == 0; i++)
		if (vg_buf_puts(&raw, "dataset\t") < 0 ||
		    put_escaped(&raw, vg_entity_dataset(ix, ord, i)) < 0 ||
		    vg_buf_put(&raw, "\n", 1) < 0)
			rc = vg__error_oom();
	n = vg_entity_sanction_count(ix, ord);
	for (j = 0; j < n && rc == 0; j++) {
		uint32_t s = vg_entity_sanction(ix, ord, j);
		size_t k, nv = vg_entity_value_count(ix, s);
		for (k = 0; k < nv && rc == 0; k++)
			if (vg_entity_value(&v, ix, s, k) && strcmp(v.property, "entity"))
				rc = put_value_line(&raw, "sanction.", &v);
	}
	if (rc == 0)
		rc = finish(out, hash, &raw);
	vg_buf_dispose(&raw);
	return rc;
}

/* ---- what changed -------------------------------------------------------- */

static size_t key_len(const char *line, size_t len)
{
	const char *tab = memchr(line, '\t', len);
	return tab ? (size_t)(tab - line) : len;
}

/* Appends a line's value for a reader: "value" or "value (qualifier)". */
static int put_value(vg_buf *b, const char *line, size_t len)
{
	size_t k = key_len(line, len);
	const char *v = line + k + (k < len), *end = line + len;
	const char *tab = memchr(v, '\t', (size_t)(end - v));
	int rc = vg_buf_put(b, v, (size_t)((tab ? tab : end) - v));
	if (tab)
		rc |= vg_buf_puts(b, " (") | vg_buf_put(b, tab + 1, (size_t)(end - tab - 1)) |
		      vg_buf_puts(b, ")");
	return rc;
}

/* Lines of a that are not in b (both sorted). */
static int minus(lines *out, const lines *a, const lines *b)
{
	size_t i = 0, j = 0;
	int rc = 0;
	while (i < a->n && rc == 0) {
		int c = j < b->n ? cmp_span(a->line[i], a->len[i], b->line[j], b->len[j]) : -1;
		if (c < 0) {
			rc = lines_add(out, a->line[i], a->len[i]);
			i++;
		} else if (c == 0)
			i++, j++;
		else
			j++;
	}
	return rc;
}

/* One key's change: "key old -> new" when one value replaced another,
 * else "key +added" and "key -removed" for each value. */
static int describe_key(vg_buf *b, const lines *gone, size_t *gi, const lines *added,
			size_t *ai, bool *first)
{
	const char *key = NULL;
	size_t klen = 0, g0 = *gi, a0 = *ai, ng = 0, na = 0, i;
	int rc = 0;
	if (*gi < gone->n && (*ai >= added->n ||
			      cmp_span(gone->line[*gi], key_len(gone->line[*gi], gone->len[*gi]),
				       added->line[*ai],
				       key_len(added->line[*ai], added->len[*ai])) <= 0)) {
		key = gone->line[*gi];
		klen = key_len(key, gone->len[*gi]);
	} else {
		key = added->line[*ai];
		klen = key_len(key, added->len[*ai]);
	}
	while (*gi < gone->n && key_len(gone->line[*gi], gone->len[*gi]) == klen &&
	       !memcmp(gone->line[*gi], key, klen))
		(*gi)++, ng++;
	while (*ai < added->n && key_len(added->line[*ai], added->len[*ai]) == klen &&
	       !memcmp(added->line[*ai], key, klen))
		(*ai)++, na++;
	rc |= vg_buf_puts(b, *first ? "" : "; ");
	rc |= vg_buf_put(b, key, klen);
	*first = false;
	if (ng == 1 && na == 1) {
		rc |= vg_buf_puts(b, " ");
		rc |= put_value(b, gone->line[g0], gone->len[g0]);
		rc |= vg_buf_puts(b, " -> ");
		return rc | put_value(b, added->line[a0], added->len[a0]);
	}
	for (i = 0; i < na; i++) {
		rc |= vg_buf_puts(b, i ? ", +" : " +");
		rc |= put_value(b, added->line[a0 + i], added->len[a0 + i]);
	}
	for (i = 0; i < ng; i++) {
		rc |= vg_buf_puts(b, i || na ? ", -" : " -");
		rc |= put_value(b, gone->line[g0 + i], gone->len[g0 + i]);
	}
	return rc;
}

int vg__cases_describe(vg_buf *out, const char *what, const char *old, const char *now)
{
	lines lo = { 0 }, ln = { 0 }, gone = { 0 }, added = { 0 };
	size_t gi = 0, ai = 0;
	bool first = true;
	int rc;
	if ((rc = split(&lo, old)) < 0 || (rc = split(&ln, now)) < 0 ||
	    (rc = minus(&gone, &lo, &ln)) < 0 || (rc = minus(&added, &ln, &lo)) < 0)
		goto done;
	if (!gone.n && !added.n)
		goto done;
	if (vg_buf_puts(out, what) < 0 || vg_buf_puts(out, ": ") < 0) {
		rc = vg__error_oom();
		goto done;
	}
	while ((gi < gone.n || ai < added.n) && rc == 0)
		if (describe_key(out, &gone, &gi, &added, &ai, &first))
			rc = vg__error_oom();
done:
	lines_dispose(&lo);
	lines_dispose(&ln);
	lines_dispose(&gone);
	lines_dispose(&added);
	return rc;
}

/* ---- facts as JSON -------------------------------------------------------- */

static int put_unescaped_json(vg_buf *b, const char *s, size_t len)
{
	vg_buf t = VG_BUF_INIT;
	size_t i;
	int rc = 0;
	for (i = 0; i < len && rc == 0; i++) {
		char c = s[i];
		if (c == '\\' && i + 1 < len) {
			c = s[++i];
			c = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
		}
		rc = vg_buf_put(&t, &c, 1);
	}
	if (rc == 0)
		rc = vg_buf_put_json_string(b, t.ptr ? t.ptr : "", t.size);
	vg_buf_dispose(&t);
	return rc;
}

int vg__cases_facts_json(vg_buf *out, const char *facts, bool lists)
{
	lines l = { 0 };
	size_t i;
	int rc = split(&l, facts);
	rc |= vg_buf_puts(out, "{");
	for (i = 0; i < l.n && rc == 0; i++) {
		size_t k = key_len(l.line[i], l.len[i]);
		const char *v = l.line[i] + k + (k < l.len[i]);
		size_t vlen = l.len[i] - k - (k < l.len[i]);
		bool same = i && key_len(l.line[i - 1], l.len[i - 1]) == k &&
			    !memcmp(l.line[i - 1], l.line[i], k);
		bool last = i + 1 == l.n || key_len(l.line[i + 1], l.len[i + 1]) != k ||
			    memcmp(l.line[i + 1], l.line[i], k);
		if (!same || !lists) {
			rc |= vg_buf_puts(out, i ? ", " : "");
			rc |= put_unescaped_json(out, l.line[i], k);
			rc |= vg_buf_puts(out, lists ? ": [" : ": ");
		} else {
			rc |= vg_buf_puts(out, ", ");
		}
		rc |= put_unescaped_json(out, v, vlen);
		if (lists && last)
			rc |= vg_buf_puts(out, "]");
	}
	rc |= vg_buf_puts(out, "}");
	lines_dispose(&l);
	return rc ? vg__error_oom() : 0;
}
