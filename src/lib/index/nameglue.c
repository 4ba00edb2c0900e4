/*
 * nameglue.c - a minimal stand-in for the names stage (lower-cased word
 * tokens, Dice overlap) used until src/lib/names provides the real
 * analyser; see nameglue.h.  Invariant: an encoded name is its tokens,
 * sorted, joined by single spaces.
 */
#include "index/nameglue.h"
#include "common/error.h"

#include <stdlib.h>
#include <string.h>

struct vg__ng_name {
	vg_buf text; /* tokens sorted, space-joined */
};

struct vg__ng_scratch {
	int unused;
};

static int cmp_tok(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;
	return strcmp(*x, *y);
}

int vg__ng_analyze(vg__ng_name **out, const char *text, size_t len,
		   vg_schema schema)
{
	vg__ng_name *n;
	char *tmp = NULL, **toks = NULL;
	size_t i, nt = 0;
	int rc = 0, in = 0;
	(void)schema;
	if (!(n = calloc(1, sizeof(*n))) || !(tmp = malloc(len + 1)) ||
	    !(toks = malloc((len / 2 + 1) * sizeof(*toks)))) {
		rc = vg__error_oom();
		goto cleanup;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		int word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			   (c >= 'A' && c <= 'Z') || c >= 0x80;
		tmp[i] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
		if (!word)
			tmp[i] = '\0';
		if (word && !in)
			toks[nt++] = tmp + i;
		in = word;
	}
	tmp[len] = '\0';
	if (!nt) {
		rc = vg__error_set(VG_EDATA, "name has no letters or digits");
		goto cleanup;
	}
	qsort(toks, nt, sizeof(*toks), cmp_tok);
	for (i = 0; i < nt && !rc; i++) {
		if (i)
			rc = vg_buf_puts(&n->text, " ");
		if (!rc)
			rc = vg_buf_puts(&n->text, toks[i]);
	}
	if (!rc) {
		*out = n;
		n = NULL;
	}
cleanup:
	if (n)
		vg_buf_dispose(&n->text);
	free(n);
	free(tmp);
	free(toks);
	return rc;
}

void vg__ng_free(vg__ng_name *n)
{
	if (!n)
		return;
	vg_buf_dispose(&n->text);
	free(n);
}

int vg__ng_encode(vg_buf *out, const vg__ng_name *n)
{
	return vg_buf_put(out, n->text.ptr, n->text.size);
}

int vg__ng_keys(const vg__ng_name *n, vg__ng_key_cb cb, void *ctx)
{
	const char *p = n->text.ptr, *end = p + n->text.size;
	int rc;
	while (p < end) {
		const char *q = memchr(p, ' ', (size_t)(end - p));
		if (!q)
			q = end;
		if ((rc = cb(ctx, 0, p, (size_t)(q - p), 1.0f)) != 0)
			return rc;
		p = q + 1;
	}
	return 0;
}

int vg__ng_scratch_new(vg__ng_scratch **out)
{
	if (!(*out = calloc(1, sizeof(**out))))
		return vg__error_oom();
	return 0;
}

void vg__ng_scratch_free(vg__ng_scratch *s)
{
	free(s);
}

static size_t count_tokens(const char *p, size_t len)
{
	size_t n = len ? 1 : 0, i;
	for (i = 0; i < len; i++)
		n += p[i] == ' ';
	return n;
}

int vg__ng_compare(double *score, vg__ng_scratch *s, const vg__ng_name *q,
		   const unsigned char *enc, size_t enc_len, vg_buf *explain)
{
	const char *a = q->text.ptr, *aend = a + q->text.size;
	size_t na = count_tokens(q->text.ptr, q->text.size);
	size_t nb = count_tokens((const char *)enc, enc_len), common = 0;
	(void)s;
	while (a < aend) {
		const char *ae = memchr(a, ' ', (size_t)(aend - a));
		const char *b = (const char *)enc, *bend = b + enc_len;
		if (!ae)
			ae = aend;
		while (b < bend) {
			const char *be = memchr(b, ' ', (size_t)(bend - b));
			if (!be)
				be = bend;
			if (be - b == ae - a && !memcmp(a, b, (size_t)(ae - a))) {
				common++;
				break;
			}
			b = be + 1;
		}
		a = ae + 1;
	}
	*score = (na + nb) ? 2.0 * (double)common / (double)(na + nb) : 0.0;
	if (explain)
		return vg_buf_printf(explain, "{\"common_tokens\": %zu}", common);
	return 0;
}

double vg__ng_threshold(void)
{
	return 0.7;
}
