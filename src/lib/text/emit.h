/*
 * emit.h - the folded form's writer (internal to src/lib/text): appends
 * letters to the output and keeps the word-boundary bookkeeping every
 * script's transliteration shares.
 *
 * Invariant: nothing before `start` is written or read; never two spaces in
 * a row (sep() writes one only after a letter); an error sticks in `err`
 * and later writes are dropped.
 */
#ifndef VG_TEXT_EMIT_H
#define VG_TEXT_EMIT_H

#include "vigil/common.h"
#include "common/error.h"
#include "text/normalize.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
	vg_buf *out;
	size_t start;    /* out->size on entry: nothing before it is ours */
	int err;
	int prev_lower;  /* last letter was a lowercase Latin letter */
	size_t run;      /* letters since the last word boundary */
} emitter;

static inline char last_char(const emitter *e)
{
	return e->out->size > e->start ? e->out->ptr[e->out->size - 1] : ' ';
}

static inline void put(emitter *e, const char *s, size_t n)
{
	vg_buf *b = e->out;
	if (n == 1 && b->ptr && b->size + 1 < b->asize) {
		/* the hot case: one letter into a buffer grown up front */
		b->ptr[b->size++] = s[0];
		b->ptr[b->size] = '\0';
		return;
	}
	if (!e->err && n && vg_buf_put(b, s, n) < 0)
		e->err = VG_ENOMEM;
}

static inline void sep(emitter *e)
{
	char c = last_char(e);
	if (c != ' ')
		put(e, " ", 1);
	e->prev_lower = 0;
	e->run = 0;
}

static inline int at_word_start(const emitter *e)
{
	char c = last_char(e);
	return c == ' ' || c == '.' || c == ',';
}

static inline void mark_word(emitter *e, int mark)
{
	char m = (char)mark;
	if (mark && at_word_start(e))
		put(e, &m, 1);
}

static inline void mark_abjad(emitter *e)
{
	mark_word(e, VG__MARK_ABJAD);
}

static inline void put_punct(emitter *e, char c)
{
	char l = last_char(e);
	if (l == ' ' && e->out->size > e->start)
		e->out->size--; /* "x ." -> "x." keeps initials recognisable */
	if (e->out->size == e->start)
		return;
	put(e, &c, 1);
	e->prev_lower = 0;
	e->run = 0;
}

static inline int is_apostrophe(uint32_t c)
{
	return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x02BC ||
	       c == 0x02BB || c == 0x02BE || c == 0x02BF || c == 0x00B4 ||
	       c == 0x2032 || c == 0x055A;
}

static inline void put_utf8_cp(emitter *e, uint32_t c)
{
	char b[4];
	size_t n;
	if (c < 0x80) { b[0] = (char)c; n = 1; }
	else if (c < 0x800) { b[0] = (char)(0xC0 | (c >> 6)); b[1] = (char)(0x80 | (c & 0x3F)); n = 2; }
	else if (c < 0x10000) {
		b[0] = (char)(0xE0 | (c >> 12)); b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[2] = (char)(0x80 | (c & 0x3F)); n = 3;
	} else {
		b[0] = (char)(0xF0 | (c >> 18)); b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((c >> 6) & 0x3F)); b[3] = (char)(0x80 | (c & 0x3F)); n = 4;
	}
	put(e, b, n);
}


/* VG__MARK_ORIGIN and `origin` as four letters A-P (see normalize.h). */
static inline void put_origin(emitter *e, uint16_t origin)
{
	char b[VG__ORIGIN_LEN];
	int k;
	b[0] = VG__MARK_ORIGIN;
	for (k = 0; k < 4; k++)
		b[1 + k] = (char)('A' + ((origin >> (12 - 4 * k)) & 0xF));
	put(e, b, sizeof(b));
}

/* One syllable of a word read from Chinese characters or Hangul: marked,
 * with its origin, and not spaced from the syllable before. */
static inline void put_syllable(emitter *e, uint16_t origin, const char *latin, size_t n)
{
	char m = VG__MARK_SYLLABLE;
	put(e, &m, 1);
	put_origin(e, origin);
	put(e, latin, n);
	e->prev_lower = 0;
}

#endif
