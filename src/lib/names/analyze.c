/*
 * analyze.c - a raw name turned into classified, weighted tokens (vg_name).
 *
 * Steps: fold to Latin (text/normalize.c); cut into tokens at spaces and
 * commas, reading dots as initials ("J.", "U.S.A."); put "SURNAME, Given"
 * in reading order; drop titles (people), stop words and legal forms
 * (remembering the legal form's class); turn number words and roman
 * numerals into digits (organisations, vessels); classify what is left
 * (word, initial, particle, generic word, number, acronym, patronymic) and
 * weigh it by how much it says about identity; compute each token's
 * phonetic key and consonant skeleton once, here, so comparisons only read.
 *
 * Invariant: the vg_name is one allocation; every string it refers to is
 * inside it and NUL-terminated (see name.h).
 */
#include "common/schema.h"
#include "names/name.h"
#include "names/lexicon.h"
#include "names/keys.h"
#include "names/weights.h"
#include "text/normalize.h"
#include "common/error.h"
#include "common/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RAW 64
#define MAX_NORM 2048

typedef struct {
	char text[VG__TOKEN_MAX_LEN + 1];
	char word[VG__TOKEN_MAX_LEN + 1]; /* a number's word (its keys are the word's) */
	uint8_t len;
	uint8_t kind;
	uint8_t flags;
	uint8_t removed;
	uint8_t dotted;   /* came from a dotted acronym like "l.l.c." */
	uint16_t origin;  /* VG__ORIGIN_* of the characters it was read from */
} raw_tok;

typedef struct {
	raw_tok t[MAX_RAW];
	size_t n;
	size_t comma_at;  /* tokens before the first comma, or SIZE_MAX */
	size_t n_commas;
	const vg__lex_word *lex[MAX_RAW]; /* lexicon entry of each token */
	size_t order[MAX_RAW], n_order;   /* the tokens kept, in reading order */
	int legal;                        /* legal-form class found (0 = none) */
} raw_name;

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static raw_tok *add_raw(raw_name *r, const char *s, size_t len, uint8_t flags, uint8_t dotted)
{
	raw_tok *t;
	if (!len || r->n >= MAX_RAW)
		return NULL;
	t = &r->t[r->n++];
	memset(t, 0, sizeof(*t));
	if (len > VG__TOKEN_MAX_LEN)
		len = VG__TOKEN_MAX_LEN;
	/* do not cut a UTF-8 sequence in two */
	while (len < VG__TOKEN_MAX_LEN + 1 && len > 0 &&
	       ((unsigned char)s[len] & 0xC0) == 0x80 && len == VG__TOKEN_MAX_LEN)
		len--;
	memcpy(t->text, s, len);
	t->text[len] = '\0';
	t->len = (uint8_t)len;
	t->flags = flags;
	t->dotted = dotted;
	return t;
}

/* The origin written after VG__MARK_ORIGIN at s (room checked), or 0. */
static uint16_t read_origin(const char *s, size_t room)
{
	uint16_t v = 0;
	size_t k;
	if (room < VG__ORIGIN_LEN || s[0] != VG__MARK_ORIGIN)
		return 0;
	for (k = 1; k < VG__ORIGIN_LEN; k++) {
		if (s[k] < 'A' || s[k] > 'P')
			return 0;
		v = (uint16_t)(v << 4 | (uint16_t)(s[k] - 'A'));
	}
	return v;
}

/* A chunk read with its dots as initials: "U.S.A.", "l.l.c." (not for
 * people, whose initials stay initials). */
static int add_dotted(raw_name *r, const char *s, size_t len, uint8_t flags)
{
	char buf[VG__TOKEN_MAX_LEN];
	size_t pieces = 0, singles = 0, i, start, n = 0;
	for (i = 0, start = 0; i <= len; i++) {
		if (i == len || s[i] == '.') {
			if (i > start) {
				pieces++;
				singles += (i - start == 1);
			}
			start = i + 1;
		}
	}
	if (pieces < 2 || singles != pieces)
		return 0;
	for (i = 0; i < len && n < sizeof(buf); i++) {
		if (s[i] != '.')
			buf[n++] = s[i];
	}
	add_raw(r, buf, n, flags, 1);
	return 1;
}

/*
 * One chunk between spaces/commas.  Marks start its pieces: a piece after
 * VG__MARK_ABJAD is abjad, one after VG__MARK_SYLLABLE a syllable (joined
 * to a syllable before it in the chunk), and VG__MARK_ORIGIN gives a
 * piece's origin; dots end pieces too (initials).
 */
static void add_chunk(raw_name *r, const char *s, size_t len, int person)
{
	uint8_t flags = 0, prev_flags = 0;
	uint16_t origin = 0;
	size_t i = 0, start;
	int any_mark = 0;
	for (i = 0; i < len; i++)
		any_mark |= s[i] == VG__MARK_ABJAD || s[i] == VG__MARK_SYLLABLE ||
			    s[i] == VG__MARK_ORIGIN || (unsigned char)s[i] >= 0x80;
	if (!any_mark && !person && add_dotted(r, s, len, 0))
		return;
	i = 0;
	while (i < len) {
		raw_tok *t;
		/* the marks in front of a piece */
		for (;;) {
			if (i < len && (s[i] == VG__MARK_ABJAD || s[i] == VG__MARK_SYLLABLE)) {
				flags = s[i] == VG__MARK_ABJAD ? VG__TF_ABJAD : VG__TF_SYLLABLE;
				i++;
			} else if (i < len && s[i] == VG__MARK_ORIGIN) {
				origin = read_origin(s + i, len - i);
				i += VG__ORIGIN_LEN;
			} else {
				break;
			}
		}
		for (start = i; i < len && s[i] != '.' && s[i] != VG__MARK_ABJAD &&
				s[i] != VG__MARK_SYLLABLE && s[i] != VG__MARK_ORIGIN; i++) {
			if ((unsigned char)s[i] >= 0x80)
				flags |= VG__TF_NONLATIN;
		}
		if ((t = add_raw(r, s + start, i - start, flags, 0)) != NULL) {
			t->origin = origin;
			if ((flags & VG__TF_SYLLABLE) && (prev_flags & VG__TF_SYLLABLE))
				t->flags |= VG__TF_JOINED;
			prev_flags = flags;
		}
		if (i < len && s[i] == '.')
			i++;
		/* a piece after a dot keeps the marks of the one before */
		flags &= (uint8_t)~VG__TF_NONLATIN;
		origin = 0;
	}
}

static void tokenize(raw_name *r, const char *f, size_t n, int person)
{
	size_t i = 0;
	r->n = 0;
	r->comma_at = SIZE_MAX;
	r->n_commas = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && f[j] != ' ' && f[j] != ',')
			j++;
		add_chunk(r, f + i, j - i, person);
		if (j < n && f[j] == ',') {
			if (r->comma_at == SIZE_MAX)
				r->comma_at = r->n;
			r->n_commas++;
		}
		i = j + 1;
	}
}

/*
 * Names of bodies written in Chinese characters: syllables of one word that
 * together spell a word the lexicon knows (银行 yin+xing, 有限公司 you+xian
 * gong+si) are read as that word, so that organisation words and legal
 * forms are found; the longest word first.  The word is a reading, not a
 * character: it has no origin.
 */
static void merge_syllables(raw_name *r)
{
	size_t i, j, k;
	for (i = 0; i < r->n; i++) {
		for (k = 4; k >= 2; k--) {
			char buf[VG__TOKEN_MAX_LEN + 1];
			size_t bl = 0;
			if (i + k > r->n)
				continue;
			for (j = i; j < i + k; j++) {
				const raw_tok *t = &r->t[j];
				if (!(t->flags & VG__TF_SYLLABLE) || !vg__origin_chinese(t->origin) ||
				    (j > i && !(t->flags & VG__TF_JOINED)) || bl + t->len > VG__TOKEN_MAX_LEN)
					break;
				memcpy(buf + bl, t->text, t->len);
				bl += t->len;
			}
			if (j < i + k || !vg__lex_word_find(buf, bl))
				continue;
			memcpy(r->t[i].text, buf, bl);
			r->t[i].text[bl] = '\0';
			r->t[i].len = (uint8_t)bl;
			r->t[i].flags &= (uint8_t)~VG__TF_SYLLABLE;
			r->t[i].origin = 0;
			memmove(&r->t[i + 1], &r->t[i + k], (r->n - i - k) * sizeof(raw_tok));
			r->n -= k - 1;
			if (r->comma_at != SIZE_MAX && r->comma_at > i)
				r->comma_at = r->comma_at > i + k - 1 ? r->comma_at - (k - 1) : i + 1;
			break;
		}
	}
}

/*
 * Arabic joins "and", "for" and "the" to the word after them (للطيران:
 * li-l-tayaran, for the airlines; لتحرير: for liberation): an abjad word
 * the lexicon does not know, whose rest after such a prefix is an
 * organisation word, is read as that word.
 */
static void arabic_clitics(raw_name *r)
{
	static const char *const pre[] = { "wal", "bal", "lal", "ll", "l", "b", "w" };
	size_t i, k;
	for (i = 0; i < r->n; i++) {
		raw_tok *t = &r->t[i];
		if (!(t->flags & VG__TF_ABJAD) || t->len < 4 || vg__lex_word_find(t->text, t->len))
			continue;
		for (k = 0; k < sizeof(pre) / sizeof(pre[0]); k++) {
			size_t pl = strlen(pre[k]);
			const vg__lex_word *w;
			if (t->len < pl + 3 || memcmp(t->text, pre[k], pl))
				continue;
			w = vg__lex_word_find(t->text + pl, t->len - pl);
			if (w && (w->flags & VG__LEX_GENERIC)) {
				memmove(t->text, t->text + pl, (size_t)t->len - pl + 1);
				t->len = (uint8_t)(t->len - pl);
				break;
			}
		}
	}
}

/* Lists write family names in capitals among capitalised given names
 * ("Sergey Viktorovich LAVROV"): such words are flagged as the surname. */
static void mark_capital_surnames(raw_name *r, const char *s, size_t len)
{
	char caps[8][VG__TOKEN_MAX_LEN + 1];
	size_t nc = 0, i = 0, k, lower = 0;
	for (k = 0; k < len; k++)
		lower += (s[k] >= 'a' && s[k] <= 'z');
	if (!lower)
		return;
	while (i < len && nc < 8) {
		size_t j = i, up = 0;
		while (j < len && ((s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= 'a' && s[j] <= 'z')))
			up += (s[j++] <= 'Z');
		if (j - i >= 2 && up == j - i && j - i <= VG__TOKEN_MAX_LEN &&
		    (j == len || (unsigned char)s[j] < 0x80)) {
			for (k = i; k < j; k++)
				caps[nc][k - i] = (char)(s[k] + 32);
			caps[nc][j - i] = '\0';
			nc++;
		}
		i = j + 1;
	}
	for (i = 0; i < r->n; i++) {
		for (k = 0; k < nc; k++) {
			if (strcmp(r->t[i].text, caps[k]) == 0)
				r->t[i].flags |= VG__TF_SURNAME;
		}
	}
}

/* Ordinal endings after digits: English, French, Spanish and Italian,
 * German, Dutch. */
static int ordinal_suffix(const char *s)
{
	static const char *const end[] = { "st", "nd", "rd", "th", "er", "re", "e", "eme", "ieme",
					   "o", "a", "te", "ter", "de", "ste" };
	size_t k;
	for (k = 0; k < sizeof(end) / sizeof(end[0]); k++)
		if (!strcmp(s, end[k]))
			return 1;
	return 0;
}

/* Digits inside words are usually look-alike letters: Ig0r Sech1n. */
static void unleet(raw_tok *t)
{
	size_t digits = 0, letters = 0, lead = 0, i;
	for (i = 0; i < t->len; i++) {
		char c = t->text[i];
		if (c >= '0' && c <= '9')
			digits++;
		else if (c >= 'a' && c <= 'z')
			letters++;
	}
	while (lead < t->len && t->text[lead] >= '0' && t->text[lead] <= '9')
		lead++;
	if (lead && lead == digits && lead < t->len && ordinal_suffix(t->text + lead)) {
		/* an ordinal: 7th, 2nd, 1er, 2eme, 3o, 4te is the number */
		t->len = (uint8_t)lead;
		t->text[t->len] = '\0';
		return;
	}
	if (!digits || letters < 2 || letters < 2 * digits)
		return;
	for (i = 0; i < t->len; i++) {
		static const char map[] = "oi2eas6tbg";
		char c = t->text[i];
		if (c >= '0' && c <= '9')
			t->text[i] = map[c - '0'];
	}
}

static size_t live_count(const raw_name *r)
{
	size_t i, n = 0;
	for (i = 0; i < r->n; i++)
		n += !r->t[i].removed;
	return n;
}

static int at_live_edge(const raw_name *r, size_t i, size_t n)
{
	size_t k;
	int before = 0, after = 0;
	for (k = 0; k < i; k++)
		before |= !r->t[k].removed;
	for (k = i + n; k < r->n; k++)
		after |= !r->t[k].removed;
	return !before || !after;
}

/* Legal forms, longest phrase first ("limited liability company" before
 * "company limited"), so overlapping candidates resolve the way a reader
 * would.  Returns the class of the longest one found (0 = none). */
static int find_legal_forms(raw_name *r, vg_schema schema)
{
	struct { size_t i, n; const vg__lex_phrase *p; } found[16];
	size_t nf = 0, i, n, k, total = live_count(r);
	int cls = 0, org = vg__schema_is_organization(schema) || schema == VG_SCHEMA_THING;
	for (i = 0; i < r->n; i++) {
		const vg__lex_word *w;
		size_t maxn;
		if (r->t[i].removed || r->t[i].flags & VG__TF_NONLATIN)
			continue;
		w = vg__lex_word_find(r->t[i].text, r->t[i].len);
		if (!w || !(w->flags & (VG__LEX_LEGAL_START | VG__LEX_LEGAL_AMBIG_START)))
			continue;
		maxn = vg__lex_phrase_max_tokens;
		if (maxn > r->n - i)
			maxn = r->n - i;
		for (n = maxn; n >= 1 && nf < 16; n--) {
			char buf[256];
			size_t bl = 0;
			const vg__lex_phrase *p;
			int fits = 1;
			for (k = i; k < i + n; k++) {
				if (r->t[k].removed || bl + r->t[k].len + 1 >= sizeof(buf)) {
					fits = 0;
					break;
				}
				if (bl)
					buf[bl++] = ' ';
				memcpy(buf + bl, r->t[k].text, r->t[k].len);
				bl += r->t[k].len;
			}
			if (!fits || !(p = vg__lex_phrase_find(buf, bl)) || total <= n)
				continue; /* a legal form that is the whole name stays */
			if (!org && (p->ambiguous || i + n != r->n))
				continue; /* people: only a clear form closing the name */
			found[nf].i = i;
			found[nf].n = n;
			found[nf].p = p;
			nf++;
			break; /* the longest from this position */
		}
	}
	while (nf) {
		size_t best = 0;
		int overlap = 0;
		for (k = 1; k < nf; k++) {
			if (found[k].n > found[best].n ||
			    (found[k].n == found[best].n && found[k].i > found[best].i))
				best = k;
		}
		for (k = found[best].i; k < found[best].i + found[best].n; k++)
			overlap |= r->t[k].removed;
		/* at an edge of what is left (COOPERATIVE in the middle of a name is
		 * a word); an ambiguous form only when nothing clearer was found */
		if (!overlap && !(found[best].p->ambiguous && cls) &&
		    live_count(r) > found[best].n &&
		    at_live_edge(r, found[best].i, found[best].n)) {
			for (k = found[best].i; k < found[best].i + found[best].n; k++)
				r->t[k].removed = 1;
			if (!cls)
				cls = found[best].p->cls;
		}
		found[best] = found[--nf];
	}
	return cls;
}

static int compact_legal(const char *s, size_t n, size_t ntok)
{
	const vg__lex_phrase *p = vg__lex_compact_find(s, n);
	char d[64];
	size_t j;
	if (p && !p->ambiguous)
		return 1;       /* written together: SAR.L. -> sarl */
	if (n < 4 || (ntok == 1 && n < 5))
		return 0;       /* short words are too often a letter from a form */
	if (p)
		return 1;       /* a letter missing: LIMITAD */
	for (j = 0; j < n; j++) {
		memcpy(d, s, j);
		memcpy(d + j, s + j + 1, n - j - 1);
		p = vg__lex_compact_find(d, n - 1);
		/* a letter too many, or (longer forms) one changed; short words
		 * are too often one letter from a form (Good / OOD) */
		if (p && n >= 5 && (!p->ambiguous || n >= 6 || ntok >= 2))
			return 1;
		if (p && p->ambiguous && ntok >= 2 && n >= 4)
			return 1; /* two short parts, one letter changed: DA C.V. */
	}
	return 0;
}

/* The span idx (edge order) spelt as a known phrase: left to the exact pass. */
static int exact_phrase(const raw_name *r, const size_t *idx, size_t n, size_t edge)
{
	char buf[256];
	size_t bl = 0, k;
	for (k = 0; k < n; k++) {
		const raw_tok *t = &r->t[idx[edge ? k : n - 1 - k]];
		if (bl + t->len + 1 >= sizeof(buf))
			return 0;
		if (bl)
			buf[bl++] = ' ';
		memcpy(buf + bl, t->text, t->len);
		bl += t->len;
	}
	return vg__lex_phrase_find(buf, bl) != NULL;
}

/* Misspelt legal forms at either edge of an organisation's name
 * ("S.A. DE C.W.", "JOYNT STOCK COMPANY"): removed like legal forms, but
 * without a class, so a misspelling never counts as a different form. */
static void fuzzy_legal_forms(raw_name *r)
{
	size_t idx[3], edge, n, k, live = live_count(r);
	for (edge = 0; edge < 2; edge++) {
		for (n = 3; n >= 1; n--) {
			char buf[64];
			size_t bl = 0, got = 0, i;
			int ok = 1, short1, long3;
			if (live <= n)
				continue;
			for (i = 0; i < r->n && got < n; i++) {
				size_t t = edge ? i : r->n - 1 - i;
				if (!r->t[t].removed)
					idx[got++] = t;
			}
			if (got < n)
				continue;
			for (k = 0; k < n && ok; k++) {
				/* in reading order */
				const raw_tok *t = &r->t[idx[edge ? k : n - 1 - k]];
				if ((t->flags & VG__TF_NONLATIN) || strpbrk(t->text, "0123456789") ||
				    bl + t->len >= sizeof(buf))
					ok = 0;
				else {
					memcpy(buf + bl, t->text, t->len);
					bl += t->len;
				}
			}
			/* a lone letter next to a form is a name's (GEFEST-M LLC) */
			for (k = 0, short1 = 0, long3 = 0; k < n; k++) {
				short1 |= r->t[idx[k]].len == 1;
				long3 |= r->t[idx[k]].len >= 3;
			}
			if (short1 && long3)
				ok = 0;
			if (ok && bl >= 2 && !exact_phrase(r, idx, n, edge) &&
			    compact_legal(buf, bl, n)) {
				for (k = 0; k < n; k++)
					r->t[idx[k]].removed = 1;
				live -= n;
				break;
			}
		}
	}
}

/* An organisation's word one typo away from a generic or legal-form word
 * ("COMPANNY", "LIMIED", "FOOUNDATION") weighs as a generic word. */
static int fuzzy_generic(const raw_tok *t, const vg__lex_word *w)
{
	char d[VG__TOKEN_MAX_LEN];
	size_t j;
	if (w)
		return w->flags == VG__LEX_FUZZY;
	if (t->len < 6 || t->len > 20)
		return 0;
	for (j = 0; j < t->len; j++) {
		const vg__lex_word *x;
		memcpy(d, t->text, j);
		memcpy(d + j, t->text + j + 1, t->len - j - 1);
		x = vg__lex_word_find(d, t->len - 1);
		if (x && (x->flags & (VG__LEX_FUZZY | VG__LEX_GENERIC)))
			return 1;
	}
	return 0;
}

static void set_number(raw_tok *t, long v)
{
	int n;
	if (!t->word[0])
		memcpy(t->word, t->text, sizeof(t->word));
	n = snprintf(t->text, sizeof(t->text), "%ld", v);
	t->len = (uint8_t)n;
	t->kind = VG__TOK_NUMBER;
}

/* A Roman numeral's value (i to cccxcix, written the canonical way:
 * "mix" and "civil" are words), or 0. */
static int roman(const char *s)
{
	static const char *const ones[] = { "", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix" };
	static const char *const tens[] = { "", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc" };
	static const char *const hundreds[] = { "", "c", "cc", "ccc" };
	int h, t, o;
	for (h = 0; h < 4; h++) {
		size_t hl = strlen(hundreds[h]);
		if (strncmp(s, hundreds[h], hl))
			continue;
		for (t = 0; t < 10; t++) {
			size_t tl = strlen(tens[t]);
			if (strncmp(s + hl, tens[t], tl))
				continue;
			for (o = 0; o < 10; o++) {
				if (!strcmp(s + hl + tl, ones[o]) && h + t + o)
					return h * 100 + t * 10 + o;
			}
		}
	}
	return 0;
}

/* The value of a number word (data/numbers.txt), one letter off too
 * (Ninty, Fourty: five letters or more), or -1; *mult: a hundred or a
 * thousand, which multiplies what comes before it. */
static int number_word(const raw_tok *t, int *mult)
{
	const vg__lex_word *w = vg__lex_word_find(t->text, t->len);
	char d[VG__TOKEN_MAX_LEN];
	size_t j;
	*mult = 0;
	if (!w && t->len >= 5 && t->len < sizeof(d)) {
		/* a letter too many, or changed: one of its deletions is one */
		for (j = 0; j < t->len && !(w && w->num && !(w->num & VG__LEX_NUM_FUZZY) && w->len >= 5); j++) {
			memcpy(d, t->text, j);
			memcpy(d + j, t->text + j + 1, t->len - j - 1);
			w = vg__lex_word_find(d, t->len - 1);
		}
		if (w && (!w->num || (w->num & VG__LEX_NUM_FUZZY) || w->len < 5))
			w = NULL;
	}
	if (!w || !w->num)
		return -1;
	if (w->num & VG__LEX_NUM_MULT) {
		*mult = 1;
		return w->num & 0x3FFF;
	}
	return (w->num & 0x3FFF) - 1;
}

/* Words that may join number words (vingt et un, one hundred and two). */
static int number_joiner(const raw_tok *t)
{
	return !strcmp(t->text, "and") || !strcmp(t->text, "et") || !strcmp(t->text, "y") ||
	       !strcmp(t->text, "e") || !strcmp(t->text, "und");
}

/* Number words from token i on, read as one number into token i (the
 * others removed): "twenty one", "two hundred and five".  0 when token i
 * is no number word. */
static int number_run(raw_name *r, size_t i)
{
	long total = 0, cur = 0;
	size_t j, last = i;
	int mult, v, any = 0;
	for (j = i; j < r->n; j++) {
		raw_tok *t = &r->t[j];
		if (t->removed || (t->flags & VG__TF_NONLATIN))
			break;
		if (any && number_joiner(t) && j + 1 < r->n)
			continue;
		if ((v = number_word(t, &mult)) < 0)
			break;
		if (mult) {
			cur = (cur ? cur : 1) * v;
			if (v >= 1000) {
				total += cur;
				cur = 0;
			}
		} else if (cur % 100 >= 20 && v < 10 && cur % 10 == 0) {
			cur += v; /* twenty one */
		} else if (any && (cur % 100 || (cur && v >= 100))) {
			break; /* two numbers in a row: "One Two Three" is not 6 */
		} else {
			cur += v;
		}
		any = 1;
		last = j;
	}
	if (!any)
		return 0;
	for (j = i + 1; j <= last; j++)
		r->t[j].removed = 1;
	set_number(&r->t[i], total + cur);
	return 1;
}

/* Organisations and vessels: "Forty-Four", "Second" and "XII" are numbers
 * (not a name's only word: "One" stays a word). */
static void numbers(raw_name *r)
{
	size_t i, last = SIZE_MAX;
	int ro;
	for (i = 0; i < r->n; i++) {
		if (!r->t[i].removed)
			last = i;
	}
	for (i = 0; i < r->n; i++) {
		raw_tok *t = &r->t[i];
		if (t->removed || (t->flags & VG__TF_NONLATIN) || live_count(r) < 2)
			continue;
		if (number_run(r, i))
			continue;
		if (i > 0 && (t->len > 1 || i == last) && (ro = roman(t->text)) > 0)
			set_number(t, ro);
	}
}

static int all_digits(const raw_tok *t)
{
	size_t i;
	for (i = 0; i < t->len; i++) {
		if (t->text[i] < '0' || t->text[i] > '9')
			return 0;
	}
	return t->len > 0;
}

static int no_vowels(const raw_tok *t)
{
	size_t i;
	for (i = 0; i < t->len; i++) {
		if (is_vowel(t->text[i]))
			return 0;
	}
	return 1;
}

static int has_suffix(const raw_tok *t, const char *suf)
{
	size_t n = strlen(suf);
	return t->len > n + 2 && memcmp(t->text + t->len - n, suf, n) == 0;
}

static int is_patronymic(const raw_tok *t)
{
	return has_suffix(t, "ovich") || has_suffix(t, "evich") || has_suffix(t, "ovna") ||
	       has_suffix(t, "evna") || has_suffix(t, "ovych") || has_suffix(t, "ivna") ||
	       has_suffix(t, "yevich") || has_suffix(t, "ichna");
}

/* Whether the lexicon says what kind of word w is (not only that it spells a
 * syllable, a number or a place): shape-based guesses apply to others. */
static int known_word(const vg__lex_word *w)
{
	return w && (w->flags || w->freq || w->generic_w || w->group[0]);
}

static float classify(raw_tok *t, const vg__lex_word *w, vg_schema schema, int middle,
		      int last)
{
	const vg__token_weights *tw = &vg__tok_weights;
	int org = vg__schema_is_organization(schema) || vg__schema_is_vehicle(schema);
	float weight;
	if (t->kind == VG__TOK_NUMBER || all_digits(t))
		t->kind = VG__TOK_NUMBER;
	else if (t->len == 1 && !(t->flags & (VG__TF_NONLATIN | VG__TF_SYLLABLE)) && !t->origin)
		t->kind = VG__TOK_INITIAL;
	else if (t->flags & VG__TF_NONLATIN)
		t->kind = VG__TOK_WORD;
	else if (t->dotted)
		t->kind = VG__TOK_ACRONYM;
	else if (w && (w->flags & VG__LEX_PARTICLE))
		t->kind = VG__TOK_PARTICLE;
	else if (w && (w->flags & VG__LEX_GENERIC) && org) {
		t->kind = VG__TOK_GENERIC;
		return w->generic_w / 100.0f;
	} else if (org && (fuzzy_generic(t, w) ||
			   /* a short unknown word closing a company name is nearly
			    * always a legal-form code we do not know or one
			    * misspelt (SAO, EUD, YNC) */
			   (last && t->len <= 3 && !known_word(w) && vg__schema_is_organization(schema)))) {
		t->kind = VG__TOK_GENERIC;
		return tw->generic_guess;
	} else if (org && t->len >= 2 && t->len <= 4 && !known_word(w) && no_vowels(t))
		t->kind = VG__TOK_ACRONYM;
	else if (schema == VG_SCHEMA_PERSON && middle && is_patronymic(t))
		t->kind = VG__TOK_PATRONYMIC;
	else
		t->kind = VG__TOK_WORD;
	weight = tw->kind[t->kind];
	if (t->kind != VG__TOK_WORD || (t->flags & VG__TF_NONLATIN))
		return weight;
	if (w && w->freq == 1)
		weight *= tw->very_common;
	else if (w && w->freq == 2)
		weight *= tw->common;
	if (t->len == 2)
		weight *= tw->two_letters;
	return weight;
}

/* Splits token i after `at` bytes into two tokens (room permitting). */
static void split_at(raw_name *r, size_t i, size_t at)
{
	raw_tok *t = &r->t[i], *n;
	if (r->n >= MAX_RAW)
		return;
	memmove(&r->t[i + 2], &r->t[i + 1], (r->n - i - 1) * sizeof(raw_tok));
	n = &r->t[i + 1];
	*n = *t;
	memmove(n->text, t->text + at, (size_t)t->len - at + 1);
	n->len = (uint8_t)(t->len - at);
	t->text[at] = '\0';
	t->len = (uint8_t)at;
	if (r->comma_at != SIZE_MAX && r->comma_at > i)
		r->comma_at++;
	r->n++;
}

/*
 * A person's given names written together that the case cannot separate
 * (MOHAMMADREZA, ABDULHAKIM): an unknown word starting with a compound
 * prefix from data/compound_prefixes.txt, 4+ letters left, is cut in two.
 * Both names of a pair are cut alike, and the comparator glues parts back
 * when the other name has them together.
 */
static void split_glued(raw_name *r)
{
	size_t i, k;
	for (i = 0; i < r->n && r->n < MAX_RAW; i++) {
		raw_tok *t = &r->t[i];
		if (t->removed || t->len < 8 || (t->flags & (VG__TF_NONLATIN | VG__TF_ABJAD)) ||
		    vg__lex_word_find(t->text, t->len))
			continue;
		for (k = t->len - 4; k >= 4; k--) {
			const vg__lex_word *w = vg__lex_word_find(t->text, k);
			if (w && (w->flags & VG__LEX_PREFIX)) {
				split_at(r, i, k);
				break;
			}
		}
	}
}

/* A person's 2-3 letter token without vowels that is no known word is a
 * run of initials: "JC Juncker". */
static void split_initials(raw_name *r)
{
	size_t i;
	for (i = 0; i < r->n && r->n < MAX_RAW; i++) {
		raw_tok *t = &r->t[i];
		size_t k, vowels = 0;
		if (t->removed || t->len < 2 || t->len > 3 ||
		    (t->flags & (VG__TF_NONLATIN | VG__TF_ABJAD | VG__TF_SYLLABLE)))
			continue;
		for (k = 0; k < t->len; k++) {
			if (is_vowel(t->text[k]) || t->text[k] < 'a' || t->text[k] > 'z')
				vowels++;
		}
		if (vowels || vg__lex_word_find(t->text, t->len))
			continue;
		if (r->n + t->len - 1 > MAX_RAW)
			break;
		memmove(&r->t[i + t->len], &r->t[i + 1], (r->n - i - 1) * sizeof(raw_tok));
		for (k = t->len; k-- > 1;) {
			raw_tok *n = &r->t[i + k];
			*n = *t;
			n->text[0] = t->text[k];
			n->text[1] = '\0';
			n->len = 1;
		}
		if (r->comma_at != SIZE_MAX && r->comma_at > i)
			r->comma_at += t->len - 1;
		r->n += t->len - 1;
		t->text[1] = '\0';
		t->len = 1;
	}
}

static void look_up(raw_name *r)
{
	size_t i;
	for (i = 0; i < r->n; i++)
		r->lex[i] = (r->t[i].flags & VG__TF_NONLATIN) ? NULL :
			    vg__lex_word_find(r->t[i].text, r->t[i].len);
}

/* A kept word that is neither a title nor a stop word: a name. */
static int name_word(const raw_name *r, size_t i)
{
	const vg__lex_word *w = r->lex[i];
	return !r->t[i].removed && !(w && (w->flags & (VG__LEX_TITLE | VG__LEX_STOP)));
}

/* A title stands in front of a name and is dropped.  One that is also a
 * family name (a name part data/name_freq.txt counts: Sheikh, Haji,
 * Mullah) is kept where a family name stands: behind the names ("Tariq
 * Sheikh", not in "AHMED, Tariq Sheikh"), before the comma of "SHEIKH, Tariq" or in capitals among
 * capitalised names ("Tariq SHEIKH").  Dropped, "Tariq Sheikh" would be
 * "tariq" alone and meet every listed Tariq. */
static int title_as_surname(const raw_name *r, size_t i, const vg__lex_word *w, int comma)
{
	size_t k;
	int before = 0;
	if (!w->freq)
		return 0;
	if (r->t[i].flags & VG__TF_SURNAME)
		return 1;
	if (comma) /* behind the given names of "SURNAME, Given": a given name */
		return 0;
	for (k = i + 1; k < r->n; k++)
		if (name_word(r, k))
			return 0;
	for (k = 0; k < i; k++)
		before |= name_word(r, k);
	return before;
}

/* Steps 2-4 of the header comment: the folded name f[0..n) (of the raw
 * name s[0..len)) cut into tokens, classified as far as the lexicon
 * says, those kept listed in reading order in r->order. */
static void read_tokens(raw_name *r, const char *f, size_t n, const char *s, size_t len,
			vg_schema schema)
{
	size_t i, start = 0, tmp[MAX_RAW], nt = 0;
	int person = schema == VG_SCHEMA_PERSON;
	tokenize(r, f, n, person);
	for (i = 0; i < r->n; i++)
		unleet(&r->t[i]);
	/* "SURNAME, Given": the part before the only comma goes last */
	if (person && r->n_commas == 1 && r->comma_at > 0 && r->comma_at < r->n) {
		for (i = 0; i < r->comma_at; i++)
			r->t[i].flags |= VG__TF_SURNAME;
		start = r->comma_at;
	} else if (person) {
		mark_capital_surnames(r, s, len);
	}
	if (person) {
		split_glued(r);
	} else {
		merge_syllables(r);
		arabic_clitics(r);
	}
	/* misspelt forms first (LIMITED LIAABILITY COMPANY is one form, not
	 * LIMITED plus two words), then the forms written as they should be */
	if (vg__schema_is_organization(schema))
		fuzzy_legal_forms(r);
	r->legal = find_legal_forms(r, schema);
	if (!person)
		numbers(r);
	look_up(r);
	for (i = 0; i < r->n; i++) {
		const vg__lex_word *w = r->lex[i];
		if (r->t[i].removed || !w)
			continue;
		if ((w->flags & VG__LEX_TITLE) && person && title_as_surname(r, i, w, start > 0))
			continue;
		if ((((w->flags & VG__LEX_TITLE) && person) || (w->flags & VG__LEX_STOP)) &&
		    live_count(r) > 1)
			r->t[i].removed = 1;
	}
	if (person) {
		split_initials(r);
		look_up(r);
		if (start)
			start = r->comma_at;
	}
	/* reading order: given names first when a comma put the surname first */
	for (i = start; i < r->n; i++)
		tmp[nt++] = i;
	for (i = 0; i < start; i++)
		tmp[nt++] = i;
	r->n_order = 0;
	for (i = 0; i < nt; i++) {
		if (!r->t[tmp[i]].removed && r->n_order < VG__NAME_MAX_TOKENS)
			r->order[r->n_order++] = tmp[i];
	}
}

/* Step 5: the vg_name of r's kept tokens, in one allocation (name.h). */
static int build_name(vg_name **out, raw_name *r, vg_schema schema)
{
	char keys[VG__NAME_MAX_TOKENS][2][VG__TOKEN_MAX_LEN * 2 + 1];
	size_t klen[VG__NAME_MAX_TOKENS], slen[VG__NAME_MAX_TOKENS];
	size_t i, size, norm_len = 0, pos, n_order = r->n_order;
	vg_name *name;
	char *p;
	/* sizes: normalised form, then per token text, key and skeleton */
	for (i = 0; i < n_order; i++) {
		raw_tok *t = &r->t[r->order[i]];
		size_t add = (size_t)t->len + (norm_len ? 1 : 0);
		if (norm_len + add <= MAX_NORM)
			norm_len += add;
	}
	size = norm_len + 1;
	for (i = 0; i < n_order; i++) {
		raw_tok *t = &r->t[r->order[i]];
		/* a number read from a word keeps the word's keys, so that a typo
		 * in the word (Eyghth) still meets it */
		const char *kt = t->word[0] ? t->word : t->text;
		size_t kn = strlen(kt);
		klen[i] = vg__phonetic_key(keys[i][0], kt, kn, t->flags);
		slen[i] = vg__skeleton(keys[i][1], kt, kn, t->flags);
		size += (size_t)t->len + klen[i] + slen[i] + 3;
	}
	if (!(name = vg__calloc(1, sizeof(*name) + size)))
		return vg__error_oom();
	name->schema = schema;
	name->legal_form = (uint8_t)r->legal;
	name->n_tokens = (uint8_t)n_order;
	name->text = name->storage;
	name->norm_len = (uint32_t)norm_len;
	name->text_len = (uint32_t)size;
	p = name->storage;
	pos = 0;
	for (i = 0; i < n_order; i++) {
		raw_tok *t = &r->t[r->order[i]];
		size_t add = (size_t)t->len + (pos ? 1 : 0);
		if (pos + add > norm_len)
			break;
		if (pos)
			p[pos++] = ' ';
		memcpy(p + pos, t->text, t->len);
		pos += t->len;
	}
	p[norm_len] = '\0';
	pos = norm_len + 1;
	for (i = 0; i < n_order; i++) {
		size_t ri = r->order[i];
		raw_tok *t = &r->t[ri];
		vg__token *tok = &name->tokens[i];
		int middle = i > 0 && i + 1 < n_order;
		tok->weight = classify(t, r->lex[ri], schema, middle, i > 0 && i + 1 == n_order);
		tok->kind = t->kind;
		tok->flags = t->flags;
		if (r->lex[ri] && (r->lex[ri]->flags & VG__LEX_GENERIC))
			tok->flags |= VG__TF_ORGWORD;
		if (r->lex[ri] && (r->lex[ri]->cjk & (VG__LEX_CJK_CHINESE | VG__LEX_CJK_KOREAN)) &&
		    !t->origin)
			tok->flags |= VG__TF_CJKSPELL;
		if (r->lex[ri] && (r->lex[ri]->cjk & VG__LEX_REGION))
			tok->flags |= VG__TF_REGION;
		tok->pos = (uint8_t)i;
		tok->origin = t->origin;
		/* a reading of Chinese characters aligns through
		 * data/chinese_syllables.txt only (compare.c), not through the
		 * groups of the Latin spelling it happens to share */
		if (r->lex[ri] && tok->kind != VG__TOK_NUMBER && !vg__origin_chinese(t->origin)) {
			tok->group[0] = r->lex[ri]->group[0];
			tok->group[1] = r->lex[ri]->group[1];
		}
		tok->off = (uint32_t)pos;
		tok->len = t->len;
		memcpy(p + pos, t->text, t->len);
		pos += t->len;
		p[pos++] = '\0';
		tok->koff = (uint32_t)pos;
		/* keys were built in scratch: they may overshoot before collapsing */
		tok->klen = (uint8_t)klen[i];
		memcpy(p + pos, keys[i][0], tok->klen);
		pos += tok->klen;
		p[pos++] = '\0';
		tok->soff = (uint32_t)pos;
		tok->slen = (uint8_t)slen[i];
		memcpy(p + pos, keys[i][1], tok->slen);
		pos += tok->slen;
		p[pos++] = '\0';
	}
	*out = name;
	return 0;
}

int vg__name_analyze(vg_name **out, const char *s, size_t len, vg_schema schema)
{
	vg_buf f = VG_BUF_INIT;
	raw_name *r = NULL;
	int error = 0;
	if (!out)
		return vg__error_set(VG_EUSAGE, "analyze.c: NULL output");
	*out = NULL;
	if (!s && len)
		return vg__error_set(VG_EUSAGE, "analyze.c: NULL name");
	if ((error = vg__text_fold(&f, s, len)) < 0)
		goto cleanup;
	if (!(r = vg__malloc(sizeof(*r)))) {
		error = vg__error_oom();
		goto cleanup;
	}
	read_tokens(r, f.ptr ? f.ptr : "", f.size, s, len, schema);
	if (!r->n_order) {
		error = vg__error_set(VG_EDATA, "analyze.c: name has no letters or digits");
		goto cleanup;
	}
	error = build_name(out, r, schema);
cleanup:
	free(r);
	vg_buf_dispose(&f);
	return error;
}

int vg_name_analyze(vg_name **out, const char *name, size_t len, vg_schema schema)
{
	return vg__name_analyze(out, name, len, schema);
}

void vg_name_free(vg_name *name)
{
	free(name);
}

const char *vg__name_normalized(const vg_name *name, size_t *len)
{
	if (len)
		*len = name->norm_len;
	return name->text;
}

size_t vg__name_struct_size(void)
{
	return sizeof(vg_name);
}
