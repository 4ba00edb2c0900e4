/*
 * search_query.c - the query of GET /search (see search_query.h).
 *
 * Read as Elasticsearch's query_string reads it: words joined by AND
 * unless OR says otherwise, "phrases", NOT / - / !, + (must), parentheses,
 * field:value, * and ? wildcards, /regular expressions/, word~ fuzziness,
 * ^boosts (ignored); a query it cannot read is an error.  With simple=true
 * (simple_query_string) only + | - " * ( ) ~ are operators and nothing is
 * an error: what it cannot read is read again as plain words.
 */
#include "search_query.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- folding -------------------------------------------------------------- */

static bool st_sep(unsigned char c)
{
	return !isalnum(c) && c < 0x80;
}

/* Appends s's words, lower case, one space between them (ASCII only). */
static int st_fold_ascii(vg_buf *out, const char *s, size_t len)
{
	size_t i, start = out->size, at;
	char *p;
	if (vg_buf_grow(out, start + len + 1) < 0)
		return -1;
	p = out->ptr;
	at = start;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (st_sep(c) || c >= 0x80) {
			if (at > start && p[at - 1] != ' ')
				p[at++] = ' ';
		} else {
			p[at++] = (char)tolower(c);
		}
	}
	if (at > start && p[at - 1] == ' ')
		at--;
	p[at] = '\0';
	out->size = at;
	return 0;
}

int srv_search_fold(vg_buf *out, const char *s, size_t len)
{
	vg_buf tmp = VG_BUF_INIT;
	size_t i;
	int rc;
	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == len)
		return st_fold_ascii(out, s, len);
	/* another script: vg_text_normalize transliterates and folds it; its
	 * words are then cut as ASCII text is */
	if (vg_text_normalize(&tmp, s, len) != 0) {
		vg_error_clear();
		vg_buf_dispose(&tmp);
		if (vg_buf_oom(out))
			return -1;
		return st_fold_ascii(out, s, len);
	}
	rc = st_fold_ascii(out, tmp.ptr ? tmp.ptr : "", tmp.size);
	vg_buf_dispose(&tmp);
	return rc;
}

/* ---- parsing -------------------------------------------------------------- */


static int sq_fail(sq_query *q, const char *msg)
{
	if (!q->error[0])
		snprintf(q->error, sizeof(q->error), "Invalid query: %s", msg);
	return -1;
}

static int sq_oom(sq_query *q)
{
	q->oom = true;
	return sq_fail(q, "out of memory");
}

static int sq_new(sq_query *q, sq_kind kind)
{
	if (q->n_nodes == SQ_MAX_NODES)
		return sq_fail(q, "too many terms");
	memset(&q->nodes[q->n_nodes], 0, sizeof(sq_node));
	q->nodes[q->n_nodes].kind = kind;
	return (int)q->n_nodes++;
}

/* A group (AND, OR, NOT) of the n nodes in list. */
static int sq_group(sq_query *q, sq_kind kind, const int *list, size_t n)
{
	int g;
	size_t i;
	if (n == 1 && kind != SQ_NOT)
		return list[0];
	if ((g = sq_new(q, kind)) < 0)
		return -1;
	if (q->n_kids + n > SQ_MAX_KIDS)
		return sq_fail(q, "too many terms");
	q->nodes[g].kid = q->n_kids;
	q->nodes[g].n_kids = n;
	for (i = 0; i < n; i++)
		q->kids[q->n_kids++] = (size_t)list[i];
	return g;
}

static size_t sq_put(sq_query *q, const char *s, size_t len)
{
	size_t at = q->strs.size;
	vg_buf_put(&q->strs, s, len);
	vg_buf_put(&q->strs, "", 1);
	return at;
}

static bool sq_special(const sq_query *q, unsigned char c)
{
	if (q->simple)
		return strchr("\"()|+", c) != NULL;
	return strchr("\"()/[]{}:~^!", c) != NULL;
}

static void sq_skip_space(sq_query *q)
{
	while (q->p < q->end && isspace((unsigned char)*q->p))
		q->p++;
}

/* Reads ~N and ^N after a word or phrase: *fuzzy gets N (-1 for "~"). */
static void sq_suffixes(sq_query *q, int *fuzzy)
{
	while (q->p < q->end && (*q->p == '~' || *q->p == '^')) {
		char c = *q->p++;
		long v = -1;
		if (q->p < q->end && isdigit((unsigned char)*q->p))
			v = strtol(q->p, (char **)&q->p, 10);
		if (q->p < q->end && *q->p == '.')
			for (q->p++; q->p < q->end && isdigit((unsigned char)*q->p); q->p++)
				;
		if (c == '~' && fuzzy)
			*fuzzy = v < 0 ? -1 : v > 2 ? 2 : (int)v;
	}
}

/* A term node for the typed text t[0..len) (escapes already removed). */
static int sq_term(sq_query *q, const char *t, size_t len, bool phrase, int fuzzy)
{
	int n = sq_new(q, SQ_TERM);
	sq_node *nd;
	size_t i;
	if (n < 0)
		return -1;
	nd = &q->nodes[n];
	nd->fuzzy = fuzzy ? fuzzy : q->fuzzy ? -1 : 0;
	for (i = 0; !phrase && i < len; i++)
		if (t[i] == '*' || t[i] == '?')
			nd->flags |= (i + 1 == len && t[i] == '*') ? SQ_PREFIX : SQ_WILDCARD;
	if (nd->flags & SQ_WILDCARD) {
		nd->flags &= ~(unsigned)SQ_PREFIX;
		vg_buf tmp = VG_BUF_INIT;
		for (i = 0; i < len; i++) {
			char c = (char)tolower((unsigned char)t[i]);
			vg_buf_put(&tmp, &c, 1);
		}
		nd->text = sq_put(q, tmp.ptr ? tmp.ptr : "", tmp.size);
		if (vg_buf_oom(&tmp) || vg_buf_oom(&q->strs))
			n = sq_oom(q);
		vg_buf_dispose(&tmp);
		return n;
	}
	nd->text = q->strs.size;
	if (srv_search_fold(&q->strs, t, (nd->flags & SQ_PREFIX) ? len - 1 : len) < 0)
		return sq_oom(q);
	if (vg_buf_put(&q->strs, "", 1) < 0)
		return sq_oom(q);
	if (!*sq_str(q, nd->text)) /* only punctuation: matches nothing, as ES */
		nd->flags = 0;
	return n;
}

/* A word: up to a space or a special character, escapes honoured. */
static int sq_word(sq_query *q, vg_buf *w)
{
	while (q->p < q->end && !isspace((unsigned char)*q->p)) {
		unsigned char c = (unsigned char)*q->p;
		if (c == '\\' && !q->simple) {
			if (++q->p == q->end)
				return sq_fail(q, "a backslash at the end");
			vg_buf_put(w, q->p++, 1);
			continue;
		}
		if (sq_special(q, c) || (c == '&' && q->p + 1 < q->end && q->p[1] == '&') ||
		    (c == '|' && !q->simple && q->p + 1 < q->end && q->p[1] == '|'))
			break;
		if (q->simple && c == '~')
			break;
		vg_buf_put(w, q->p++, 1);
	}
	return vg_buf_oom(w) ? sq_oom(q) : 0;
}

static int sq_or(sq_query *q, int depth);

static int sq_phrase(sq_query *q)
{
	vg_buf w = VG_BUF_INIT;
	int fuzzy = 0, n;
	for (q->p++; q->p < q->end && *q->p != '"'; q->p++) {
		if (*q->p == '\\' && q->p + 1 < q->end)
			q->p++;
		vg_buf_put(&w, q->p, 1);
	}
	if (vg_buf_oom(&w)) {
		vg_buf_dispose(&w);
		return sq_oom(q);
	}
	if (q->p == q->end) {
		vg_buf_dispose(&w);
		if (q->simple) /* lenient: the words as they are */
			return sq_term(q, "", 0, true, 0);
		return sq_fail(q, "a quote is not closed");
	}
	q->p++;
	sq_suffixes(q, NULL); /* ~N after a phrase is a slop: not kept */
	(void)fuzzy;
	n = sq_term(q, w.ptr ? w.ptr : "", w.size, true, 0);
	vg_buf_dispose(&w);
	return n;
}

static int sq_regex(sq_query *q)
{
	const char *start = ++q->p;
	vg_buf w = VG_BUF_INIT;
	int n, rc = 0;
	while (q->p < q->end && *q->p != '/')
		q->p += (*q->p == '\\' && q->p + 1 < q->end) ? 2 : 1;
	if (q->p >= q->end)
		return sq_fail(q, "a regular expression (after '/') is not closed");
	/* the matcher's cost must not be the client's to choose: repetition
	 * counts ({m,n}) make regcomp build a tree of their product (2 GB
	 * for a few bytes), back-references make matching exponential */
	if (q->p - start > 128 || memchr(start, '{', (size_t)(q->p - start)))
		return sq_fail(q, "a regular expression longer than 128 bytes or with {m,n} "
			       "repetitions is not run");
	{
		/* regcomp copies what a + repeats (a+ is aa*): nested ones double
		 * the tree each time, so few of them are taken */
		int plus = 0;
		for (const char *c = start; c < q->p; c++) {
			plus += *c == '+';
			if (*c == '\\' && c + 1 < q->p && isdigit((unsigned char)c[1]))
				return sq_fail(q, "a regular expression with back-references "
					       "is not run");
		}
		if (plus > 4)
			return sq_fail(q, "a regular expression with more than four + is not run");
	}
	vg_buf_puts(&w, "^(");
	vg_buf_put(&w, start, (size_t)(q->p - start));
	vg_buf_puts(&w, ")$");
	q->p++;
	if (vg_buf_oom(&w)) {
		vg_buf_dispose(&w);
		return sq_oom(q);
	}
	if (q->n_re == sizeof(q->re) / sizeof(q->re[0]) ||
	    (rc = regcomp(&q->re[q->n_re], w.ptr, REG_EXTENDED | REG_NOSUB | REG_ICASE))) {
		vg_buf_dispose(&w);
		return rc == REG_ESPACE ? sq_oom(q) : sq_fail(q, "a regular expression it cannot read");
	}
	vg_buf_dispose(&w);
	q->n_re++; /* counted at once: sq_dispose frees it even when no node holds it */
	if ((n = sq_new(q, SQ_TERM)) < 0)
		return -1;
	q->nodes[n].flags = SQ_REGEX;
	q->nodes[n].text = q->n_re - 1;
	return n;
}

/* A word, possibly field:value. */
static int sq_word_unit(sq_query *q, int depth)
{
	vg_buf w = VG_BUF_INIT;
	int fuzzy = 0, n, t;
	if (sq_word(q, &w) < 0)
		goto fail;
	if (!q->simple && q->p < q->end && *q->p == ':') {
		q->p++;
		if (!w.size || q->p == q->end || isspace((unsigned char)*q->p))
			return vg_buf_dispose(&w), sq_fail(q, "a field without a value");
		if ((n = sq_new(q, SQ_FIELD)) < 0)
			goto fail;
		q->nodes[n].field = sq_put(q, w.ptr, w.size);
		vg_buf_clear(&w);
		if (*q->p == '"' || *q->p == '(' || *q->p == '/' || *q->p == '[' || *q->p == '{') {
			vg_buf_dispose(&w);
			return sq_fail(q, "only a word is read as a field's value");
		}
		if (sq_word(q, &w) < 0)
			goto fail;
		if (!w.size) {
			vg_buf_dispose(&w);
			return sq_fail(q, "a field without a value");
		}
		sq_suffixes(q, NULL);
		q->nodes[n].text = sq_put(q, w.ptr ? w.ptr : "", w.size);
		vg_buf_dispose(&w);
		(void)depth;
		return vg_buf_oom(&q->strs) ? sq_oom(q) : n;
	}
	if (!w.size) {
		vg_buf_dispose(&w);
		return sq_fail(q, "an operator without a term");
	}
	sq_suffixes(q, &fuzzy);
	t = sq_term(q, w.ptr, w.size, false, fuzzy);
	vg_buf_dispose(&w);
	return t;
fail:
	vg_buf_dispose(&w);
	return -1;
}

/* One unit: [NOT|-|!|+] ( group | "phrase" | /re/ | word ). */
/* Reads the prefix operators before a unit (NOT, -, !, +) in a loop, not
 * by recursion: a long run of them must not deepen the stack.  Whether
 * they negate it (an odd number of negations). */
static bool sq_prefixes(sq_query *q)
{
	bool negate = false;
	for (;;) {
		sq_skip_space(q);
		if (q->p == q->end)
			return negate;
		if (*q->p == '-' || (!q->simple && *q->p == '!'))
			q->p++;
		else if (!q->simple && q->end - q->p > 4 && !strncmp(q->p, "NOT ", 4))
			q->p += 4;
		else if (*q->p == '+') {
			q->p++;
			continue;
		} else
			return negate;
		negate = !negate;
	}
}

static int sq_unit(sq_query *q, int depth)
{
	int n;
	if (sq_prefixes(q)) {
		if ((n = sq_unit(q, depth)) < 0) /* no prefix left: one level */
			return -1;
		return sq_group(q, SQ_NOT, &n, 1);
	}
	sq_skip_space(q);
	if (q->p == q->end)
		return sq_fail(q, "an operator without a term");
	if (*q->p == '(') {
		q->p++;
		if ((n = sq_or(q, depth + 1)) < 0)
			return -1;
		sq_skip_space(q);
		if (q->p == q->end || *q->p != ')')
			return sq_fail(q, "a parenthesis is not closed");
		q->p++;
		sq_suffixes(q, NULL);
		return n;
	}
	if (*q->p == '"')
		return sq_phrase(q);
	if (*q->p == '/' && !q->simple)
		return sq_regex(q);
	if (!q->simple && *q->p && strchr(")[]{}:~^", *q->p)) {
		char msg[64];
		snprintf(msg, sizeof(msg), "'%c' where a term was expected", *q->p);
		return sq_fail(q, msg);
	}
	return sq_word_unit(q, depth);
}

/* The length of the operator word (AND, OR) or symbol at q->p, or 0. */
static size_t sq_at_op(const sq_query *q, const char *word, const char *sym)
{
	size_t wl = strlen(word), sl = strlen(sym);
	if (!q->simple && (size_t)(q->end - q->p) >= wl && !strncmp(q->p, word, wl) &&
	    (q->p + wl == q->end || isspace((unsigned char)q->p[wl]) || q->p[wl] == '('))
		return wl;
	if ((size_t)(q->end - q->p) >= sl && !strncmp(q->p, sym, sl))
		return sl;
	return 0;
}

static bool sq_keyword(sq_query *q, const char *word, const char *sym)
{
	size_t n = sq_at_op(q, word, sym);
	q->p += n;
	return n > 0;
}

/* and := unit ((AND|&&)? unit)* ; or := and ((OR|'||')  and)* */
static int sq_and(sq_query *q, int depth)
{
	int list[64], n;
	size_t k = 0;
	for (;;) {
		sq_skip_space(q);
		if (q->p == q->end || *q->p == ')')
			break;
		if (k && sq_at_op(q, "OR", q->simple ? "|" : "||"))
			break;
		if (k)
			sq_keyword(q, "AND", q->simple ? "+" : "&&");
		if (k == sizeof(list) / sizeof(list[0]))
			return sq_fail(q, "too many terms");
		if ((n = sq_unit(q, depth)) < 0)
			return -1;
		list[k++] = n;
	}
	if (!k)
		return sq_fail(q, "an operator without a term");
	return sq_group(q, SQ_AND, list, k);
}

static int sq_or(sq_query *q, int depth)
{
	int list[64], n;
	size_t k = 0;
	if (depth > 16)
		return sq_fail(q, "parentheses nested too deep");
	for (;;) {
		if (k == sizeof(list) / sizeof(list[0]))
			return sq_fail(q, "too many terms");
		if ((n = sq_and(q, depth)) < 0)
			return -1;
		list[k++] = n;
		sq_skip_space(q);
		if (!sq_keyword(q, "OR", q->simple ? "|" : "||"))
			break;
	}
	return sq_group(q, SQ_OR, list, k);
}

void sq_dispose(sq_query *q)
{
	size_t i;
	for (i = 0; i < q->n_re; i++)
		regfree(&q->re[i]);
	vg_buf_dispose(&q->strs);
}

/* Parses text; in simple mode a query it cannot read is read again as
 * plain words.  -1 with q->error set. */
int sq_parse(sq_query *q, const char *text, bool simple, bool fuzzy)
{
	size_t len = strlen(text), i;
	q->simple = simple;
	q->fuzzy = fuzzy;
	q->root = -1;
	for (i = 0; i < len && isspace((unsigned char)text[i]); i++)
		;
	if (i == len)
		return 0;
	q->p = text;
	q->end = text + len;
	q->root = sq_or(q, 0);
	sq_skip_space(q);
	if (q->root >= 0 && q->p != q->end)
		q->root = sq_fail(q, "a parenthesis closed that was not opened");
	if (q->root < 0 && simple && !q->oom) {
		/* lenient: every word of the text, AND */
		q->n_nodes = q->n_kids = 0;
		q->error[0] = '\0';
		q->root = sq_term(q, text, len, true, 0);
	}
	return q->root < 0 ? -1 : 0;
}

