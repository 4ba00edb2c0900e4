/*
 * encode.c - analysed names to and from index bytes, and their retrieval
 * keys (layout in name.h).
 *
 * Decoding trusts nothing: every offset and length is checked against the
 * record, every string must be NUL-terminated where the token says, so a
 * corrupted index yields VG_EDATA, never a read out of bounds.
 */
#include "names/name.h"
#include "names/lexicon.h"
#include "common/error.h"

#include <stdio.h>
#include <string.h>

#define HEADER 8
#define TOKREC 22
#define VERSION 2

static void put16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v & 0xFF);
	p[1] = (unsigned char)(v >> 8);
}

static uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

int vg__name_encode(const vg_name *name, vg_buf *out)
{
	unsigned char rec[HEADER + VG__NAME_MAX_TOKENS * TOKREC];
	size_t i, n;
	if (!name || !out)
		return vg__error_set(VG_EUSAGE, "encode.c: NULL argument");
	if (name->text_len > 0xFFFF || name->norm_len > 0xFFFF ||
	    name->n_tokens > VG__NAME_MAX_TOKENS)
		return vg__error_set(VG_EDATA, "encode.c: name too large to encode");
	rec[0] = 'N';
	rec[1] = VERSION;
	rec[2] = (unsigned char)name->schema;
	rec[3] = name->n_tokens;
	put16(rec + 4, name->norm_len);
	put16(rec + 6, name->text_len);
	for (i = 0; i < name->n_tokens; i++) {
		const vg__token *t = &name->tokens[i];
		unsigned char *p = rec + HEADER + i * TOKREC;
		uint32_t w;
		put16(p, t->off);
		put16(p + 2, t->koff);
		put16(p + 4, t->soff);
		p[6] = t->len;
		p[7] = t->klen;
		p[8] = t->slen;
		p[9] = t->kind;
		p[10] = t->flags;
		p[11] = t->pos;
		put16(p + 12, t->group[0]);
		put16(p + 14, t->group[1]);
		put16(p + 16, t->origin);
		memcpy(&w, &t->weight, 4);
		put16(p + 18, w & 0xFFFF);
		put16(p + 20, w >> 16);
	}
	n = HEADER + (size_t)name->n_tokens * TOKREC;
	if (vg_buf_put(out, (const char *)rec, n) < 0 ||
	    vg_buf_put(out, (const char *)&name->legal_form, 1) < 0 ||
	    vg_buf_put(out, name->text, name->text_len) < 0)
		return vg__error_oom();
	return 0;
}

static int str_ok(const char *text, size_t text_len, uint32_t off, uint32_t len)
{
	return off < text_len && len < text_len - off && text[off + len] == '\0';
}

int vg__name_decode(vg_name *out, size_t *used, const void *data, size_t len)
{
	const unsigned char *d = data;
	size_t n, i, need;
	uint32_t text_len, norm_len;
	const char *text;
	if (!out || !data)
		return vg__error_set(VG_EUSAGE, "encode.c: NULL argument");
	if (len < HEADER + 1 || d[0] != 'N' || d[1] != VERSION)
		return vg__error_set(VG_EDATA, "encode.c: not an encoded name");
	n = d[3];
	if (n == 0 || n > VG__NAME_MAX_TOKENS || d[2] >= VG_SCHEMA__COUNT)
		return vg__error_set(VG_EDATA, "encode.c: bad name header");
	norm_len = get16(d + 4);
	text_len = get16(d + 6);
	need = HEADER + n * TOKREC + 1 + text_len;
	if (need > len || text_len == 0)
		return vg__error_set(VG_EDATA, "encode.c: truncated name record");
	text = (const char *)d + HEADER + n * TOKREC + 1;
	if (norm_len >= text_len || text[norm_len] != '\0')
		return vg__error_set(VG_EDATA, "encode.c: bad normalised form");
	memset(out, 0, sizeof(*out));
	out->schema = (vg_schema)d[2];
	out->n_tokens = (uint8_t)n;
	out->legal_form = d[HEADER + n * TOKREC];
	if (out->legal_form >= vg__legal_n_classes)
		return vg__error_set(VG_EDATA, "encode.c: bad legal form");
	out->norm_len = norm_len;
	out->text_len = text_len;
	out->text = text;
	for (i = 0; i < n; i++) {
		const unsigned char *p = d + HEADER + i * TOKREC;
		vg__token *t = &out->tokens[i];
		uint32_t w = (uint32_t)get16(p + 18) | ((uint32_t)get16(p + 20) << 16);
		t->off = get16(p);
		t->koff = get16(p + 2);
		t->soff = get16(p + 4);
		t->len = p[6];
		t->klen = p[7];
		t->slen = p[8];
		t->kind = p[9];
		t->flags = p[10];
		t->pos = p[11];
		t->group[0] = get16(p + 12);
		t->group[1] = get16(p + 14);
		t->origin = get16(p + 16);
		memcpy(&t->weight, &w, 4);
		if (!str_ok(text, text_len, t->off, t->len) || t->len == 0 ||
		    !str_ok(text, text_len, t->koff, t->klen) ||
		    !str_ok(text, text_len, t->soff, t->slen) ||
		    t->kind > VG__TOK_PATRONYMIC || t->group[0] > vg__lex_n_groups ||
		    t->group[1] > vg__lex_n_groups || !(t->weight >= 0.0f && t->weight <= 10.0f))
			return vg__error_set(VG_EDATA, "encode.c: bad token %zu", i);
	}
	if (used)
		*used = need;
	return 0;
}

/* The kind letter of a skeleton key (name.h): a short skeleton ("b" of
 * Popov) meets dozens of words of its own script, nearly none alike (at
 * one million synthetic entities a third of the names retrieval read came
 * through them, and no match compared with every name did), so it only
 * meets across scripts. */
static char skeleton_letter(size_t len, unsigned flags)
{
	return len >= VG__SKELETON_SHORT || (flags & VG__TF_ABJAD) ? 's' : 'v';
}

/* Sends kind letter + ':' + s[0..n) to the key callback. */
static int emit(vg__term_key_cb cb, void *ctx, char kind_letter, unsigned kind,
		const char *s, size_t n)
{
	char buf[2 + 3 * VG__TOKEN_MAX_LEN + 8];
	if (n == 0 || n + 2 > sizeof(buf))
		return 0;
	buf[0] = kind_letter;
	buf[1] = ':';
	memcpy(buf + 2, s, n);
	return cb(ctx, buf, n + 2, kind);
}

static int deletion_keys(vg__term_key_cb cb, void *ctx, const char *s, size_t len,
			 unsigned flags)
{
	char d[2 * VG__TOKEN_MAX_LEN];
	size_t j;
	int rc;
	if (len < 4 || len > 24 || (flags & (VG__TF_NONLATIN | VG__TF_SYLLABLE)))
		return 0;
	for (j = 0; j < len; j++) {
		memcpy(d, s, j);
		memcpy(d + j, s + j + 1, len - j - 1);
		if ((rc = emit(cb, ctx, 'd', VG__KEY_DELETE, d, len - 1)))
			return rc;
	}
	return emit(cb, ctx, 'd', VG__KEY_DELETE, s, len);
}

/* Skeletons of SKELDEL_MIN letters or more have "k:" keys (name.h), and
 * those one longer their deletions: shorter ones meet too many. */
#define SKELDEL_MIN 3

/* The skeleton s[0..len) of a Latin token, whole and with each letter
 * deleted. */
static int skeleton_deletions(vg__term_key_cb cb, void *ctx, const char *s, size_t len,
			      unsigned flags)
{
	char d[128];
	size_t j;
	int rc;
	if (len < SKELDEL_MIN || len > sizeof(d) || (flags & (VG__TF_NONLATIN | VG__TF_SYLLABLE)))
		return 0;
	for (j = 0; len > SKELDEL_MIN && j < len; j++) {
		if (j && s[j] == s[j - 1])
			continue; /* the same key as deleting the letter before */
		memcpy(d, s, j);
		memcpy(d + j, s + j + 1, len - j - 1);
		if ((rc = emit(cb, ctx, 'k', VG__KEY_SKELDEL, d, len - 1)))
			return rc;
	}
	return emit(cb, ctx, 'k', VG__KEY_SKELDEL, s, len);
}

/* The "e:" key of a Latin token s[0..len) (name.h): its first and last
 * three bytes and its length. */
static int ends_key(vg__term_key_cb cb, void *ctx, const char *s, size_t len, unsigned flags)
{
	char k[7];
	if (len < VG__ENDS_MIN || len > VG__ENDS_MAX ||
	    (flags & (VG__TF_NONLATIN | VG__TF_SYLLABLE)))
		return 0;
	memcpy(k, s, 3);
	memcpy(k + 3, s + len - 3, 3);
	k[6] = (char)('0' + len);
	return emit(cb, ctx, 'e', VG__KEY_ENDS, k, sizeof(k));
}

/* FNV-1a of n bytes onto h: the inputs of a term's derived keys. */
static uint64_t keys_mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

/* What token i's derived keys (token_keys) are made of besides its text. */
static uint64_t token_keys_of(const vg_name *name, const vg__token *t)
{
	unsigned char fixed[3] = { (unsigned char)(t->flags & (VG__TF_NONLATIN | VG__TF_SYLLABLE)),
				   (unsigned char)skeleton_letter(t->slen, t->flags),
				   (unsigned char)(t->kind == VG__TOK_ACRONYM) };
	uint64_t h = 0xcbf29ce484222325ull;
	h = keys_mix(h, fixed, 3);
	h = keys_mix(h, t->group, sizeof(t->group));
	h = keys_mix(h, name->text + t->koff, t->klen);
	h = keys_mix(h, "|", 1);
	return keys_mix(h, name->text + t->soff, t->slen);
}

/* Sends a term to on_term; 1 when its derived keys are wanted. */
static int term(vg__term_cb on_term, void *ctx, char kind_letter, unsigned kind,
		const char *s, size_t n, uint32_t span, uint64_t keys_of)
{
	char buf[2 + 2 * VG__TOKEN_MAX_LEN];
	vg__term t;
	if (n == 0 || n + 2 > sizeof(buf))
		return 0;
	buf[0] = kind_letter;
	buf[1] = ':';
	memcpy(buf + 2, s, n);
	t.key = buf;
	t.len = n + 2;
	t.span = span;
	t.kind = kind;
	t.keys_of = keys_of;
	return on_term(ctx, &t);
}

/* The derived keys of token i's own term. */
static int token_keys(const vg_name *name, size_t i, vg__term_key_cb cb, void *ctx)
{
	const vg__token *t = &name->tokens[i];
	const char *s = name->text + t->off;
	size_t j;
	int rc;
	if ((rc = emit(cb, ctx, 'p', VG__KEY_PHONETIC, name->text + t->koff, t->klen)) ||
	    (rc = emit(cb, ctx, skeleton_letter(t->slen, t->flags), VG__KEY_SKELETON,
		       name->text + t->soff, t->slen)))
		return rc;
	for (j = 0; j < 2; j++) {
		char g[8];
		int gl;
		if (!t->group[j])
			continue;
		gl = snprintf(g, sizeof(g), "%u", (unsigned)t->group[j]);
		if ((rc = emit(cb, ctx, 'g', VG__KEY_GROUP, g, (size_t)gl)))
			return rc;
	}
	if (t->kind == VG__TOK_ACRONYM &&
	    (rc = emit(cb, ctx, 'a', VG__KEY_ACRONYM, s, t->len)))
		return rc;
	if ((rc = skeleton_deletions(cb, ctx, name->text + t->soff, t->slen, t->flags)) ||
	    (rc = ends_key(cb, ctx, s, t->len, t->flags)))
		return rc;
	/* one letter deleted: any single typo leaves one deletion shared */
	return deletion_keys(cb, ctx, s, t->len, t->flags);
}

/* Tokens i and i+1 glued: the term and its keys. */
static int glued(const vg_name *name, size_t i, vg__term_cb on_term,
		 vg__term_key_cb on_key, void *ctx)
{
	const vg__token *t = &name->tokens[i], *u = &name->tokens[i + 1];
	char g[2 * VG__TOKEN_MAX_LEN], sk[2 * 128];
	size_t sl, k, gl = (size_t)t->len + u->len;
	unsigned char fixed[2];
	uint64_t keys_of;
	int rc;
	if (u->kind == VG__TOK_NUMBER || u->kind == VG__TOK_INITIAL)
		return 0;
	memcpy(g, name->text + t->off, t->len);
	memcpy(g + t->len, name->text + u->off, u->len);
	/* skeletons glued, the letter doubled at the seam once */
	memcpy(sk, name->text + t->soff, t->slen);
	sl = t->slen;
	for (k = 0; k < u->slen; k++) {
		char c = name->text[u->soff + k];
		if (sl && sk[sl - 1] == c)
			continue;
		sk[sl++] = c;
	}
	fixed[0] = (unsigned char)((t->flags | u->flags) & (VG__TF_NONLATIN | VG__TF_SYLLABLE));
	fixed[1] = (unsigned char)skeleton_letter(sl, t->flags & u->flags);
	keys_of = keys_mix(keys_mix(0xcbf29ce484222325ull, fixed, 2), sk, sl);
	if ((rc = term(on_term, ctx, 't', VG__KEY_TOKEN, g, gl, 3u << i, keys_of)) <= 0)
		return rc;
	if ((rc = deletion_keys(on_key, ctx, g, gl, t->flags | u->flags)))
		return rc;
	return emit(on_key, ctx, (char)fixed[1], VG__KEY_SKELETON, sk, sl);
}

int vg__name_terms(const vg_name *name, vg__term_cb on_term, vg__term_key_cb on_key,
		   void *ctx)
{
	size_t i;
	int rc;
	char acro[VG__NAME_MAX_TOKENS];
	size_t na = 0;
	uint32_t amask = 0;
	if (!name || !on_term || !on_key)
		return vg__error_set(VG_EUSAGE, "encode.c: NULL argument");
	for (i = 0; i < name->n_tokens; i++) {
		const vg__token *t = &name->tokens[i];
		const char *s = name->text + t->off;
		if (t->kind != VG__TOK_NUMBER && t->len) {
			acro[na++] = s[0];
			amask |= 1u << i;
		}
		if (!vg__token_keyed(t))
			continue;
		rc = term(on_term, ctx, 't', VG__KEY_TOKEN, s, t->len, 1u << i,
			  t->kind == VG__TOK_NUMBER ? 0 : token_keys_of(name, t));
		if (rc < 0)
			return rc;
		if (t->kind == VG__TOK_NUMBER)
			continue;
		if (rc > 0 && (rc = token_keys(name, i, on_key, ctx)))
			return rc;
		if (i + 1 < name->n_tokens && (rc = glued(name, i, on_term, on_key, ctx)) < 0)
			return rc;
	}
	if (na >= 2 && (rc = term(on_term, ctx, 'a', VG__KEY_ACRONYM, acro, na, amask, 0)) < 0)
		return rc;
	return 0;
}
