/*
 * tokens.c - word tokens with byte offsets for the scanner (see tokens.h).
 *
 * Invariant: the same word gets the same normalised bytes whether it is
 * part of a listed name or of scanned text, because both go through
 * vg__tokenize: ASCII words are lower-cased here (the fast path that keeps
 * English text at memory speed), every other word goes through
 * vg_text_normalize once per distinct spelling (a cache) and loses the
 * spaces and punctuation the normaliser may put inside it ("Зеленського"
 * -> "zelens kogo" -> "zelenskogo").
 */
#include "scan/tokens.h"
#include "common/error.h"
#include "index/hash.h"
#include "vigil/compare.h"
#include "common/alloc.h"
#include "scan/scan_data.h"
#include "text/han.h"
#include "scan/hanja.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#define MAX_WORD 200 /* longer "words" are data, not names */
/* "ال" and "ل" in UTF-8 */
#define AR_ALEF_LAM "\xd8\xa7\xd9\x84"
#define AR_LAM "\xd9\x84"

/* Padding after a decoded HTML character reference: no character at all. */
#define FILLER '\x01'

void vg__tokenizer_init(vg__tokenizer *tz)
{
	memset(tz, 0, sizeof(*tz));
}

void vg__tokenizer_dispose(vg__tokenizer *tz)
{
	vg_buf_dispose(&tz->pool);
	vg_buf_dispose(&tz->raw);
	vg_buf_dispose(&tz->tmp);
	free(tz->slots);
	free(tz->ents);
	memset(tz, 0, sizeof(*tz));
}

/* Decodes one UTF-8 character at s[0..n); returns its length, or 0 when
 * the bytes are not well-formed UTF-8 (overlong, surrogate, > U+10FFFF). */
static size_t utf8_decode(int32_t *cp, const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*cp = ((c & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF && n >= 3 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		int32_t v = ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
			return 0;
		*cp = v;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4 && n >= 4 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
		int32_t v = ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) |
			    ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		if (v < 0x10000 || v > 0x10FFFF)
			return 0;
		*cp = v;
		return 4;
	}
	return 0;
}

/* Checks the whole text first so that no later stage sees bad bytes. */
static int validate(const char *text, size_t len, size_t base)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t n;
		if (s[i] >= 0x20 && s[i] < 0x7F) {
			i++;
			continue;
		}
		if (s[i] < 0x20 || s[i] == 0x7F) {
			if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ||
			    s[i] == '\f' || s[i] == '\v') {
				i++;
				continue;
			}
			return vg__error_set(VG_EDATA,
					     "byte %zu: control character 0x%02x: "
					     "binary data, not text", base + i, s[i]);
		}
		if (!(n = utf8_decode(&cp, s + i, len - i)))
			return vg__error_set(VG_EDATA,
					     "byte %zu: invalid UTF-8 (0x%02x)",
					     base + i, s[i]);
		i += n;
	}
	return 0;
}

enum { C_WORD, C_HAN, C_APOS, C_HYPHEN, C_SPACE, C_NEWLINE, C_DOT,
       C_SOFT, C_HARD, C_SKIP };

/* The class of an ASCII character (inline: the tokeniser asks for nearly
 * every byte of a text). */
static inline int classify_ascii(int32_t cp)
{
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= '0' && cp <= '9'))
		return C_WORD;
	switch (cp) {
	case FILLER: return C_SKIP;
	case '\n': return C_NEWLINE;
	case ' ': case '\t': case '\r': case '\f': case '\v': return C_SPACE;
	case '\'': return C_APOS;
	case '-': return C_HYPHEN;
	case '.': return C_DOT;
	case ',': case '/': case '&': case '+': return C_SOFT;
	default: return C_HARD;
	}
}

static int classify(int32_t cp)
{
	if (cp < 0x80)
		return classify_ascii(cp);
	switch (cp) {
	case 0x2019: case 0x2018: case 0x02BC: case 0x02B9: case 0x00B4:
	case 0x02BE: case 0x02BF: /* ʾ ʿ: hamza and ayn in transliterations */
		return C_APOS;
	case 0x2010: case 0x2011: case 0x00AD:
		return C_HYPHEN;
	case 0x2013: case 0x060C: case 0x3001: case 0xFF0C:
		return C_SOFT;
	case 0x2028: case 0x2029: case 0x0085:
		return C_NEWLINE;
	case 0x00B7: case 0x30FB: case 0x2027: /* the dots between the words of
						* a foreign name in Chinese and
						* Japanese (本·拉登) */
		return C_SPACE;
	default:
		break;
	}
	if (u_isalnum(cp)) {
		UErrorCode err = U_ZERO_ERROR;
		UScriptCode sc = uscript_getScript(cp, &err);
		if (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA ||
		    sc == USCRIPT_KATAKANA)
			return C_HAN;
		return C_WORD;
	}
	{
		int8_t t = u_charType(cp);
		if (t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
		    t == U_ENCLOSING_MARK)
			return C_WORD;
	}
	if (u_isUWhiteSpace(cp))
		return C_SPACE;
	return C_HARD;
}

/* The normalised form of a non-ASCII word: cached by its raw bytes. */
static int norm_cached(uint32_t *off, uint16_t *nlen, vg__tokenizer *tz,
		       const char *raw, size_t raw_len, bool spaces)
{
	/* with spaces kept (a Hangul word's syllables), another key */
	uint64_t h = vg__hash64(raw, raw_len, spaces ? 0x5caa : 0x5ca9);
	uint32_t i, e;
	size_t k;
	int rc;

	if (tz->cap) {
		for (i = (uint32_t)h & (tz->cap - 1); (e = tz->slots[i]) != 0;
		     i = (i + 1) & (tz->cap - 1)) {
			const struct vg__ncache_ent *ce = &tz->ents[e - 1];
			if (ce->hash == h && ce->raw_len == raw_len &&
			    !memcmp(tz->raw.ptr + ce->raw, raw, raw_len)) {
				*off = ce->norm;
				*nlen = ce->norm_len;
				return 0;
			}
		}
	}
	/* Miss: normalise, then keep letters and digits only. */
	vg_buf_clear(&tz->tmp);
	*off = (uint32_t)tz->pool.size;
	*nlen = 0;
	rc = vg_text_normalize(&tz->tmp, raw, raw_len);
	if (rc == VG_ENOMEM)
		return rc;
	if (rc == 0 && tz->tmp.ptr) {
		for (k = 0; k < tz->tmp.size; k++) {
			unsigned char c = (unsigned char)tz->tmp.ptr[k];
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    c >= 0x80 || (spaces && c == ' ')) {
				if (vg_buf_put(&tz->pool, (const char *)&c, 1) < 0)
					return VG_ENOMEM;
				(*nlen)++;
			} else if (c >= 'A' && c <= 'Z') {
				c = (unsigned char)(c - 'A' + 'a');
				if (vg_buf_put(&tz->pool, (const char *)&c, 1) < 0)
					return VG_ENOMEM;
				(*nlen)++;
			}
		}
	}
	vg_error_clear();

	/* Remember it; grow the table at 50 % load. */
	if (tz->used * 2 >= tz->cap) {
		uint32_t ncap = tz->cap ? tz->cap * 2 : 1024, j;
		uint32_t *ns = vg__calloc(ncap, sizeof(*ns));
		if (!ns)
			return vg__error_oom();
		for (j = 0; j < tz->n_ents; j++) {
			uint32_t p = (uint32_t)tz->ents[j].hash & (ncap - 1);
			while (ns[p])
				p = (p + 1) & (ncap - 1);
			ns[p] = j + 1;
		}
		free(tz->slots);
		tz->slots = ns;
		tz->cap = ncap;
	}
	if (vg__grow32(&tz->ents, &tz->cap_ents, (size_t)tz->n_ents + 1, sizeof(*tz->ents)))
		return VG_ENOMEM;
	e = tz->n_ents++;
	tz->ents[e] = (struct vg__ncache_ent){ h, (uint32_t)tz->raw.size,
					       (uint32_t)raw_len, *off, *nlen };
	if (vg_buf_put(&tz->raw, raw, raw_len) < 0)
		return VG_ENOMEM;
	for (i = (uint32_t)h & (tz->cap - 1); tz->slots[i];
	     i = (i + 1) & (tz->cap - 1))
		;
	tz->slots[i] = e + 1;
	tz->used++;
	return 0;
}

static int push(vg__toks *toks, const vg__tok *t)
{
	if (toks->n >= toks->cap && vg__grow(&toks->v, &toks->cap, toks->n + 1, sizeof(*toks->v)))
		return VG_ENOMEM;
	toks->v[toks->n++] = *t;
	return 0;
}

/* Arabic letters: U+0620..U+064A (not the marks and digits after them). */
static bool arabic_letter(const unsigned char *p, size_t n)
{
	int32_t cp;
	return utf8_decode(&cp, p, n) == 2 && cp >= 0x620 && cp <= 0x64A;
}

/* An Arabic letter or the vowel or doubling mark on one (U+064B..U+0652:
 * "الزّهار" has a shadda after its first letter). */
static bool arabic_letter_or_mark(const unsigned char *p, size_t n)
{
	int32_t cp;
	return utf8_decode(&cp, p, n) == 2 && cp >= 0x620 && cp <= 0x652;
}

/* Bytes of the Arabic affix of `list` that word[0..len) starts with, when
 * at least two letters are left after it ("الشباب" -> 4, "الم" -> 0). */
static size_t arabic_prefix(const char *const *list, size_t n, const char *w,
			    size_t len)
{
	size_t k;
	for (k = 0; k < n; k++) {
		size_t al = strlen(list[k]);
		if (len >= al + 4 && !memcmp(w, list[k], al) &&
		    arabic_letter((const unsigned char *)w + al, len - al) &&
		    arabic_letter_or_mark((const unsigned char *)w + al + 2, len - al - 2))
			return al;
	}
	return 0;
}

/* Does the Arabic word start with ayn or a bare hamza (U+0639, U+0621),
 * letters its normalised form drops? */
static bool starts_with_ayn(const char *w, size_t len)
{
	int32_t cp;
	return utf8_decode(&cp, (const unsigned char *)w, len) == 2 && (cp == 0x639 || cp == 0x621);
}

/* Copies Arabic word w[0..len) into out without its short-vowel marks
 * (fatha, damma, kasra and their tanwin, U+064B..U+0650, and sukun,
 * U+0652; not the shadda, which the skeleton and normalised form already
 * leave out); its length, len when it has none or is too long. */
static size_t without_vowel_marks(char *out, const char *w, size_t len)
{
	size_t i, n = 0;
	if (len > MAX_WORD)
		return len;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c == 0xD9 && i + 1 < len && (((unsigned char)w[i + 1] >= 0x8B &&
						 (unsigned char)w[i + 1] <= 0x90) ||
						(unsigned char)w[i + 1] == 0x92)) {
			i++;
			continue;
		}
		out[n++] = w[i];
	}
	return n;
}

/* The bytes of Arabic word w[0..len) before its stem, without (alt 0) or
 * with (alt 1) a one-letter clitic taken off first, and whether an article
 * is among them; SIZE_MAX when the word has no such clitic. */
static size_t arabic_stem(const char *w, size_t len, int alt, bool *article)
{
	size_t cl = 0, art;
	if (alt && !(cl = arabic_prefix(vg__sd_ar_clitic, vg__sd_ar_clitic_n, w, len)))
		return SIZE_MAX;
	art = arabic_prefix(vg__sd_ar_article, vg__sd_ar_article_n, w + cl, len - cl);
	*article = art != 0;
	return cl + art;
}

bool vg__arabic_same_word(const char *a, size_t an, const char *b, size_t bn)
{
	int i, j;
	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++) {
			bool aa, ba;
			size_t as = arabic_stem(a, an, i, &aa), bs = arabic_stem(b, bn, j, &ba);
			if (as != SIZE_MAX && bs != SIZE_MAX && aa == ba && an - as == bn - bs &&
			    !memcmp(a + as, b + bs, an - as))
				return true;
		}
	return false;
}

/* Normalises a word of another script than Latin into t->norm; an Arabic
 * word loses its article ("الشباب" and "شباب" are one word to a list), and
 * one that starts with a one-letter clitic ("وحماس") gets the form without
 * it in t->alt, to look up when the whole word misses. */
static int norm_word(vg__tok *t, vg__tokenizer *tz, const char *w, size_t len)
{
	char bare[MAX_WORD];
	size_t art = 0, cl;
	int rc;

	t->alt_len = 0;
	if (len >= 2 && arabic_letter((const unsigned char *)w, len)) {
		/* Short vowels are written now and then ("اسمَ", "والجِهاد"):
		 * the word is the same without them */
		if ((cl = without_vowel_marks(bare, w, len)) < len) {
			w = bare;
			len = cl;
		}
		art = arabic_prefix(vg__sd_ar_article, vg__sd_ar_article_n, w, len);
	}
	if ((rc = norm_cached(&t->norm, &t->norm_len, tz, w + art, len - art, false)) < 0)
		return rc;
	if (art)
		t->flags |= VG_TOKF_ARTICLE;
	if (starts_with_ayn(w + art, len - art))
		t->flags |= VG_TOKF_AYN;
	if (art || len < 2 || !arabic_letter((const unsigned char *)w, len) ||
	    !(cl = arabic_prefix(vg__sd_ar_clitic, vg__sd_ar_clitic_n, w, len)))
		return 0;
	/* The clitic may also be the word's own first letter: both forms. */
	art = arabic_prefix(vg__sd_ar_article, vg__sd_ar_article_n, w + cl, len - cl);
	if (starts_with_ayn(w + cl + art, len - cl - art))
		t->flags |= VG_TOKF_ALT_AYN;
	return norm_cached(&t->alt, &t->alt_len, tz, w + cl + art, len - cl - art, false);
}

/* The number of syllables of a word made of Hangul syllables only
 * (U+AC00..U+D7A3, three bytes each), else 0. */
static size_t hangul_syllables(const unsigned char *w, size_t len)
{
	size_t i, n = 0;
	int32_t cp;
	for (i = 0; i < len; i += 3, n++)
		if (len - i < 3 || utf8_decode(&cp, w + i, len - i) != 3 || cp < 0xAC00 ||
		    cp > 0xD7A3)
			return 0;
	return n;
}

bool vg__korean_particles(const char *raw, size_t n, int depth)
{
	size_t k;
	if (n == 0)
		return true;
	if (depth == 2)
		return false;
	for (k = 0; k < vg__sd_ko_particles_n; k++) {
		size_t pl = strlen(vg__sd_ko_particles[k]);
		if (pl <= n && !memcmp(raw, vg__sd_ko_particles[k], pl) &&
		    vg__korean_particles(raw + pl, n - pl, depth + 1))
			return true;
	}
	return false;
}

/* The number of the word w[0..n) in words[0..nw) (sorted in byte
 * order), or -1. */
static long table_word(const char *const *words, size_t nw, const char *w, size_t n)
{
	size_t lo = 0, hi = nw;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *k = words[mid];
		int c = strncmp(k, w, n);
		if (c == 0 && k[n])
			c = 1;
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The Korean organisation word (data/scan_korean.txt) of w[0..n), or -1. */
static long korean_word(const char *w, size_t n)
{
	return table_word(vg__sd_ko_words, vg__sd_ko_words_n, w, n);
}

#define KO_MAX_SEG 16

/* A Hangul word of n syllables made of two or more Korean organisation
 * words (longest first) and then particles only ("조선인민군", "국무위원회의"):
 * their numbers in seg[] and syllable counts in len[]; the count, or 0. */
static size_t korean_segments(const char *w, size_t n, long seg[KO_MAX_SEG],
			      size_t len[KO_MAX_SEG])
{
	size_t p = 0, m = 0, l;
	while (p < n && m < KO_MAX_SEG) {
		long k = -1;
		for (l = n - p < 4 ? n - p : 4; l > 0 && (k = korean_word(w + 3 * p, 3 * l)) < 0; l--)
			;
		if (k < 0)
			break;
		seg[m] = k;
		len[m++] = l;
		p += l;
	}
	if (m < 2 || !vg__korean_particles(w + 3 * p, 3 * (n - p), 0))
		return 0;
	return m;
}

/* Emits the English words of a Hangul organisation name segmented by
 * korean_segments, each spanning its Korean word, then the particles as
 * syllables (romanised, from pieces). */
static int emit_korean_words(vg__toks *toks, vg__tokenizer *tz, const vg__tok *w,
			     const long *seg, const size_t *len, size_t m)
{
	size_t q, p = 0;
	int rc, first = 1;
	for (q = 0; q < m; p += len[q], q++) {
		const char *en = vg__sd_ko_en[seg[q]];
		while (*en) {
			size_t el = strcspn(en, " ");
			vg__tok t = *w;
			t.start = w->start + 3 * (uint32_t)p;
			t.end = t.start + 3 * (uint32_t)len[q];
			if (!first) {
				t.brk = VG_BRK_SPACE;
				t.punct = 0;
			}
			first = 0;
			t.flags = VG_TOKF_UNCASED;
			t.norm = (uint32_t)tz->pool.size;
			t.norm_len = (uint16_t)el;
			if (vg_buf_put(&tz->pool, en, el) < 0)
				return VG_ENOMEM;
			if ((rc = push(toks, &t)) < 0)
				return rc;
			en += el + (en[el] == ' ');
		}
	}
	return 0;
}

/* A Hangul word is a token per syllable, each romanised as the whole word
 * reads ("김정은은": kim jong un un; 정 alone reads "jung"), so that a name
 * the lists write in Latin letters ("KIM, Jong Un") is found in Korean
 * text, which writes particles onto the name.  0 when the romanisation
 * does not give one piece per syllable (the word is then one token), 1
 * when emitted, < 0 on failure. */
static int emit_hangul(vg__toks *toks, vg__tokenizer *tz, const char *text, const vg__tok *w)
{
	size_t n = hangul_syllables((const unsigned char *)text + w->start, w->end - w->start);
	size_t k, i, pieces = 0, m, len[KO_MAX_SEG], skip = 0;
	long seg[KO_MAX_SEG];
	uint32_t off;
	uint16_t nlen;
	const char *nw;
	int rc;

	if (n < 2)
		return 0;
	if ((m = korean_segments(text + w->start, n, seg, len)) != 0) {
		if ((rc = emit_korean_words(toks, tz, w, seg, len, m)) < 0)
			return rc;
		for (k = 0; k < m; k++)
			skip += len[k];
	}
	if ((rc = norm_cached(&off, &nlen, tz, text + w->start, w->end - w->start, true)) < 0)
		return rc;
	nw = tz->pool.ptr + off;
	for (i = 0; i < nlen; i++)
		if (nw[i] != ' ' && (i == 0 || nw[i - 1] == ' '))
			pieces++;
	if (pieces != n) /* the organisation's words alone, or one token */
		return m ? 1 : 0;
	for (i = 0, k = 0; k < n; k++) {
		vg__tok t = *w;
		size_t e;
		while (i < nlen && nw[i] == ' ')
			i++;
		for (e = i; e < nlen && nw[e] != ' '; e++)
			;
		if (k >= skip) {
			t.start = w->start + 3 * (uint32_t)k;
			t.end = t.start + 3;
			if (k) {
				t.brk = VG_BRK_SPACE;
				t.punct = 0;
			}
			t.flags = VG_TOKF_UNCASED | VG_TOKF_HANGUL;
			t.norm = off + (uint32_t)i;
			t.norm_len = (uint16_t)(e - i);
			if ((rc = push(toks, &t)) < 0)
				return rc;
		}
		i = e;
	}
	return 1;
}

static int emit(vg__toks *toks, vg__tokenizer *tz, const char *text,
		size_t start, size_t end, int32_t first, bool han, int brk,
		uint8_t punct, bool ascii, bool allcaps);

/* Longest Chinese word of data/scan_chinese.txt, in characters (乌兹别克斯坦;
 * data/gen_scan.py refuses a longer one). */
#define ZH_MAX_WORD 6

/* A token of text[start..end) read as word[0..len), which goes into the
 * pool (a translation or a Latin reading, not the text's own letters). */
static int read_as(vg__tok *t, vg__tokenizer *tz, size_t start, size_t end, int brk,
		   uint8_t punct, uint16_t flags, const char *word, size_t len)
{
	memset(t, 0, sizeof(*t));
	t->start = (uint32_t)start;
	t->end = (uint32_t)end;
	t->brk = (uint8_t)brk;
	t->punct = punct;
	t->flags = flags;
	t->norm = (uint32_t)tz->pool.size;
	t->norm_len = (uint16_t)len;
	return vg_buf_put(&tz->pool, word, len) < 0 ? VG_ENOMEM : 0;
}

/* Emits the English words of Chinese word k (data/scan_chinese.txt) over
 * text[start..end). */
static int emit_chinese_word(vg__toks *toks, vg__tokenizer *tz, long k, size_t start,
			     size_t end, int brk, uint8_t punct)
{
	const char *en = vg__sd_zh_en[k];
	int rc;
	while (*en) {
		size_t el = strcspn(en, " "), al = strcspn(en, "| ");
		vg__tok t;
		if ((rc = read_as(&t, tz, start, end, brk, punct,
				  VG_TOKF_UNCASED | VG_TOKF_TRANSLATED, en, al)) < 0)
			return rc;
		/* "iran|iranian": the word read either way (alt) */
		if (al < el) {
			t.alt = (uint32_t)tz->pool.size;
			t.alt_len = (uint16_t)(el - al - 1);
			if (vg_buf_put(&tz->pool, en + al + 1, el - al - 1) < 0)
				return VG_ENOMEM;
		}
		if ((rc = push(toks, &t)) < 0)
			return rc;
		brk = VG_BRK_SPACE;
		punct = 0;
		en += el + (en[el] == ' ');
	}
	return 0;
}

static int cmp_trad(const void *key, const void *el)
{
	unsigned short k = *(const unsigned short *)key, t = ((const vg__han_pair *)el)->trad;
	return k < t ? -1 : k > t;
}

/* Chinese text c[0..n) with its traditional characters written simplified
 * into out (room for n bytes: a character keeps its length): 哈瑪斯 is
 * 哈玛斯, the form data/scan_chinese.txt writes. */
static void zh_simplified(char *out, const char *c, size_t n)
{
	size_t i = 0;
	memcpy(out, c, n);
	while (i < n) {
		const unsigned char *u = (const unsigned char *)out + i;
		size_t b = (u[0] & 0xF0) == 0xE0 ? 3 : (u[0] & 0xF8) == 0xF0 ? 4 : 1;
		if (b == 3 && i + 3 <= n) {
			unsigned short cp = (unsigned short)(((u[0] & 0x0F) << 12) |
							     ((u[1] & 0x3F) << 6) | (u[2] & 0x3F));
			const vg__han_pair *pr = bsearch(&cp, vg__han_simp, vg__han_n_simp,
							 sizeof(*pr), cmp_trad);
			if (pr && pr->simp >= 0x800) {
				out[i] = (char)(0xE0 | (pr->simp >> 12));
				out[i + 1] = (char)(0x80 | ((pr->simp >> 6) & 0x3F));
				out[i + 2] = (char)(0x80 | (pr->simp & 0x3F));
			}
		}
		i += b;
	}
}

/* Is c[0..n) one character Chinese writes foreign names with
 * (data/scan_chinese.txt translit), traditional or simplified? */
static bool zh_translit(const char *c, size_t n)
{
	char s[4];
	if (n > sizeof(s))
		return false;
	zh_simplified(s, c, n);
	return table_word(vg__sd_zh_translit, vg__sd_zh_translit_n, s, n) >= 0;
}

/* Is one of the dots that part a foreign name's words (· ・ ‧) at
 * text[p..len)?  bytes: its length, else 0. */
static size_t name_dot(const char *text, size_t p, size_t len)
{
	int32_t cp;
	size_t b = p < len ? utf8_decode(&cp, (const unsigned char *)text + p, len - p) : 0;
	return b && (cp == 0x00B7 || cp == 0x30FB || cp == 0x2027) ? b : 0;
}

/* Is a name's dot right before text[p]? */
static bool name_dot_before(const char *text, size_t p)
{
	size_t b;
	for (b = 2; b <= 3 && b <= p; b++)
		if (name_dot(text, p - b, p) == b)
			return true;
	return false;
}

/* The Latin reading of a foreign name written in Chinese syllables
 * ("ha ma si" of 哈马斯: hamasi) into out (cap bytes): pinyin x is s, q
 * ch, c ts; a final ng n (Chinese has no final m or n alone for some);
 * the syllable er (尔, 儿) an r.  Its length, 0 when it does not fit. */
static size_t zh_reading(char *out, size_t cap, const char *py, size_t n)
{
	size_t i = 0, m = 0;
	while (i < n) {
		size_t e = i, k;
		char buf[16];
		size_t bl = 0;
		while (e < n && py[e] != ' ')
			e++;
		if (e - i == 2 && py[i] == 'e' && py[i + 1] == 'r') {
			buf[bl++] = 'r';
		} else {
			for (k = i; k < e && bl + 3 < sizeof(buf); k++) {
				char c = py[k];
				if (k == i && c == 'x') {
					buf[bl++] = 's';
				} else if (k == i && c == 'q') {
					buf[bl++] = 'c';
					buf[bl++] = 'h';
				} else if (k == i && c == 'c' && (k + 1 >= e || py[k + 1] != 'h')) {
					buf[bl++] = 't';
					buf[bl++] = 's';
				} else if (c == 'g' && k + 1 == e && k > i && py[k - 1] == 'n') {
					continue;
				} else {
					buf[bl++] = c;
				}
			}
		}
		for (i = e; i < n && py[i] == ' '; i++)
			;
		/* Mandarin ends no syllable in m: Chinese writes an m before
		 * a labial as n (穆罕默德 mu han mo de, Muhammad) */
		if (bl > 1 && buf[bl - 1] == 'n' && buf[bl - 2] != 'n' && i < n && strchr("bmp", py[i]))
			buf[bl - 1] = 'm';
		if (m + bl > cap)
			return 0;
		memcpy(out + m, buf, bl);
		m += bl;
	}
	return m;
}

/* Emits text[start..end), Chinese characters of a foreign name, as one
 * word: its Latin reading (zh_reading), VG_TOKF_ZH_NAME. */
static int emit_zh_name(vg__toks *toks, vg__tokenizer *tz, const char *text, size_t start,
			size_t end, int brk, uint8_t punct)
{
	char buf[MAX_WORD];
	uint32_t off;
	uint16_t nlen;
	size_t k, rl;
	vg__tok t;
	int rc;

	if ((rc = norm_cached(&off, &nlen, tz, text + start, end - start, true)) < 0)
		return rc;
	for (k = 0; k < nlen; k++)
		if ((unsigned char)tz->pool.ptr[off + k] >= 0x80)
			return 1; /* not romanised */
	if (!(rl = zh_reading(buf, sizeof(buf), tz->pool.ptr + off, nlen)))
		return 1;
	if ((rc = read_as(&t, tz, start, end, brk, punct, VG_TOKF_UNCASED | VG_TOKF_ZH_NAME,
			  buf, rl)) < 0)
		return rc;
	return push(toks, &t);
}

/* The longest Chinese word of data/scan_chinese.txt at text[p..end):
 * its number, its end in *q; -1 when none. */
static long chinese_word_at(const char *text, size_t p, size_t end, size_t *q)
{
	size_t off[ZH_MAX_WORD + 1], m = 0, l;
	char simp[4 * ZH_MAX_WORD];
	int32_t cp;
	long k = -1;
	off[0] = p;
	while (m < ZH_MAX_WORD && off[m] < end) {
		size_t b = utf8_decode(&cp, (const unsigned char *)text + off[m], end - off[m]);
		if (!b)
			return -1;
		off[m + 1] = off[m] + b;
		m++;
	}
	zh_simplified(simp, text + p, off[m] - p);
	for (l = m; l > 0; l--)
		if ((k = table_word(vg__sd_zh_words, vg__sd_zh_words_n, simp, off[l] - p)) >= 0) {
			*q = off[l];
			return k;
		}
	return -1;
}

/* The end of the run of name characters (zh_translit) from text[p], before
 * end or a Chinese word; *chars counts them. */
static size_t translit_run(const char *text, size_t p, size_t end, size_t *chars)
{
	size_t q = p, w;
	int32_t cp;
	*chars = 0;
	while (q < end) {
		size_t b = utf8_decode(&cp, (const unsigned char *)text + q, end - q);
		if (!b || !zh_translit(text + q, b) ||
		    (q > p && chinese_word_at(text, q, end, &w) >= 0))
			break;
		q += b;
		(*chars)++;
	}
	return q;
}

/* The bytes of the particle of Arabic names (data/scan_chinese.txt
 * particle:) that the run of name characters text[p..q) of `chars`
 * characters starts with, when two characters or more follow it
 * ("本拉登": 本); else 0. */
static size_t zh_particle(const char *text, size_t p, size_t q, size_t chars)
{
	char simp[4 * ZH_MAX_WORD];
	size_t k;
	if (chars < 3)
		return 0;
	for (k = 0; k < vg__sd_zh_particles_n; k++) {
		size_t n = strlen(vg__sd_zh_particles[k]);
		/* every name character is three bytes of UTF-8 */
		if (n > sizeof(simp) || p + n + 6 > q)
			continue;
		zh_simplified(simp, text + p, n);
		if (!memcmp(simp, vg__sd_zh_particles[k], n))
			return n;
	}
	return 0;
}

static int cmp_hanja(const void *key, const void *el)
{
	uint16_t k = *(const uint16_t *)key, h = ((const vg__hanja *)el)->han;
	return k < h ? -1 : k > h;
}

/* The Hangul syllable Korean reads the one-character token t as
 * (hanja_data.c), written as UTF-8 into out[0..3); false when it has none. */
static bool hanja_syllable(char out[3], const char *text, const vg__tok *t)
{
	const unsigned char *u = (const unsigned char *)text + t->start;
	const vg__hanja *r;
	uint16_t cp;
	if (!(t->flags & VG_TOKF_HAN) || t->end - t->start != 3)
		return false;
	cp = (uint16_t)(((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F));
	r = bsearch(&cp, vg__hanja_readings, vg__hanja_n, sizeof(*r), cmp_hanja);
	if (!r)
		return false;
	out[0] = (char)(0xE0 | (r->hangul >> 12));
	out[1] = (char)(0x80 | ((r->hangul >> 6) & 0x3F));
	out[2] = (char)(0x80 | (r->hangul & 0x3F));
	return true;
}

/* Does text[0..len) name Korea in Chinese (data/scan_chinese.txt
 * korea:, as written)? */
static bool names_korea(const char *text, size_t len)
{
	size_t k;
	for (k = 0; k < vg__sd_zh_korea_n; k++)
		if (memmem(text, len, vg__sd_zh_korea[k], strlen(vg__sd_zh_korea[k])))
			return true;
	return false;
}

/* Korean names among the ideographs toks->v[first..) of a text that
 * names Korea (names_korea: a Chinese name of three characters is read
 * as Korean only where Korea is the subject): three characters side by
 * side, the first a family name of Korea (data/scan_chinese.txt
 * korean-family:), each with a Korean reading (hanja_syllable); three
 * may overlap (北韓的崔龍海: 韓的崔, 崔龍海), each start is marked
 * (VG_TOKF_KO_FAMILY).  Each token's alt becomes its syllable's Latin
 * reading, as the three read together as Hangul (emit_hangul's), so that
 * 金正恩 meets KIM, Jong Un; the token stays the ideograph, which names
 * written in Han match. */
static int korean_readings(vg__toks *toks, vg__tokenizer *tz, const char *text, size_t len,
			   size_t first)
{
	size_t k, j, i, e;
	int korea = -1; /* names_korea, once a candidate is met */
	for (k = first; k + 3 <= toks->n; k++) {
		char hangul[9], simp[3];
		uint32_t off;
		uint16_t nlen;
		const char *nw;
		int rc;
		for (j = 0; j < 3; j++)
			if (!hanja_syllable(hangul + 3 * j, text, &toks->v[k + j]) ||
			    (j && toks->v[k + j].start != toks->v[k + j - 1].end))
				break;
		if (j < 3)
			continue;
		zh_simplified(simp, text + toks->v[k].start, 3);
		if (table_word(vg__sd_zh_korean_family, vg__sd_zh_korean_family_n, simp, 3) < 0)
			continue;
		if (korea < 0)
			korea = names_korea(text, len);
		if (!korea)
			return 0;
		if ((rc = norm_cached(&off, &nlen, tz, hangul, sizeof(hangul), true)) < 0)
			return rc;
		nw = tz->pool.ptr + off;
		for (i = 0, j = 0; i < nlen; i++)
			if (nw[i] != ' ' && (i == 0 || nw[i - 1] == ' '))
				j++;
		if (j != 3)
			continue; /* not one piece per syllable */
		for (i = 0, j = 0; j < 3; j++) {
			vg__tok *t = &toks->v[k + j];
			while (nw[i] == ' ')
				i++;
			for (e = i; e < nlen && nw[e] != ' '; e++)
				;
			if (!t->alt_len) { /* (a character of two: its first) */
				t->alt = off + (uint32_t)i;
				t->alt_len = (uint16_t)(e - i);
			}
			i = e;
		}
		toks->v[k].flags |= VG_TOKF_KO_FAMILY;
	}
	return 0;
}

/* Emits a run of Han characters text[start..end): Chinese words of
 * data/scan_chinese.txt (longest first) as their English words, every
 * other character as an ideograph of its own (the first token after the
 * separator brk, punct; the others after none). */
static int emit_han_run(vg__toks *toks, vg__tokenizer *tz, const char *text, size_t len,
			size_t start, size_t end, int brk, uint8_t punct)
{
	size_t p = start;
	int rc;
	while (p < end) {
		size_t q, chars, part;
		int32_t cp;
		long k = chinese_word_at(text, p, end, &q);
		if (k >= 0) {
			rc = emit_chinese_word(toks, tz, k, p, q, brk, punct);
		} else {
			/* a foreign name's syllables: two or more, or one
			 * between a name's dots */
			q = translit_run(text, p, end, &chars);
			rc = 1;
			/* a particle glued to the name after it: a word of its
			 * own, then the name (the next turn) */
			if ((part = zh_particle(text, p, q, chars)) > 0)
				q = p + part;
			if (chars >= 2 || (chars == 1 && (name_dot_before(text, p) ||
							   name_dot(text, q, len))))
				rc = emit_zh_name(toks, tz, text, p, q, brk, punct);
			if (rc == 1) {
				q = p + utf8_decode(&cp, (const unsigned char *)text + p, end - p);
				if (q == p)
					return 0;
				rc = emit(toks, tz, text, p, q, cp, true, brk, punct, false, false);
			}
		}
		if (rc < 0)
			return rc;
		p = q;
		brk = VG_BRK_SPACE;
		punct = 0;
	}
	return 0;
}

/* The bytes of the compound head (data/scan_affixes.txt compound-head-ar:
 * "عبد") an Arabic word w[0..n) starts with, followed by the article and
 * two letters or more that are no compound's second word ("عبدالعزيز": 6;
 * "عبدالله": 0). */
static size_t arabic_compound_head(const char *w, size_t n)
{
	size_t k, h, j;
	for (k = 0; k < vg__sd_ar_compound_head_n; k++) {
		h = strlen(vg__sd_ar_compound_head[k]);
		if (n < h + 8 || memcmp(w, vg__sd_ar_compound_head[k], h) != 0 ||
		    arabic_prefix(vg__sd_ar_article, vg__sd_ar_article_n, w + h, n - h) != 4)
			continue;
		for (j = 0; j < vg__sd_ar_compound_n; j++)
			if (strlen(vg__sd_ar_compound[j]) == n - h &&
			    !memcmp(vg__sd_ar_compound[j], w + h, n - h))
				return 0;
		return h;
	}
	return 0;
}

/* Emits an Arabic compound written as one word as two tokens: its head
 * with the article over their bytes, read with the article's l (the alef
 * silent: "عبدل", Abdel, Abdul), then the rest after the article ("عزيز":
 * Aziz, VG_TOKF_ARTICLE). */
static int emit_arabic_compound(vg__toks *toks, vg__tokenizer *tz, const char *text,
				vg__tok *t, size_t h)
{
	char buf[32];
	vg__tok u = *t;
	size_t start = t->start, end = t->end;
	int rc;

	memcpy(buf, text + start, h);
	memcpy(buf + h, AR_LAM, 2);
	t->end = (uint32_t)(start + h + 4);
	t->flags |= VG_TOKF_UNCASED | VG_TOKF_ARABIC |
		    (starts_with_ayn(text + start, h) ? VG_TOKF_AYN : 0);
	if ((rc = norm_cached(&t->norm, &t->norm_len, tz, buf, h + 2, false)) < 0 ||
	    (rc = push(toks, t)) < 0)
		return rc;
	u.start = (uint32_t)(start + h + 4);
	u.end = (uint32_t)end;
	u.brk = VG_BRK_SPACE;
	u.punct = 0;
	if ((rc = norm_word(&u, tz, text + u.start, end - u.start)) < 0)
		return rc;
	if (!u.norm_len)
		return 0;
	u.flags |= VG_TOKF_UNCASED | VG_TOKF_ARABIC | VG_TOKF_ARTICLE;
	return push(toks, &u);
}

/* Emits the word text[start..end) (its first character is `first`). */
static int emit(vg__toks *toks, vg__tokenizer *tz, const char *text,
		size_t start, size_t end, int32_t first, bool han, int brk,
		uint8_t punct, bool ascii, bool allcaps)
{
	vg__tok t;
	size_t k;

	if (end - start > MAX_WORD)
		return 0;
	t.start = (uint32_t)start;
	t.end = (uint32_t)end;
	t.brk = (uint8_t)brk;
	t.punct = punct;
	t.flags = 0;
	t.alt = 0;
	t.alt_len = 0;
	if (!han && first >= 0xAC00 && first <= 0xD7A3) {
		int rc = emit_hangul(toks, tz, text, &t);
		if (rc != 0)
			return rc < 0 ? rc : 0;
	}
	if (han) {
		/* An ideograph stands for itself: its romanisation ("zhang",
		 * "jin") is shared by dozens of characters and by Latin
		 * names, so Han text only matches names written in Han. */
		t.norm = (uint32_t)tz->pool.size;
		if (vg_buf_put(&tz->pool, text + start, end - start) < 0)
			return VG_ENOMEM;
		t.norm_len = (uint16_t)(end - start);
	} else if (ascii) {
		t.norm = (uint32_t)tz->pool.size;
		if (tz->pool.size + (end - start) + 2 > tz->pool.asize &&
		    vg_buf_grow(&tz->pool, tz->pool.size + (end - start) + 1) < 0)
			return VG_ENOMEM;
		for (k = start; k < end; k++) {
			char c = text[k];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			tz->pool.ptr[tz->pool.size++] = c;
		}
		tz->pool.ptr[tz->pool.size] = '\0';
		t.norm_len = (uint16_t)(end - start);
	} else {
		size_t h = first >= 0x600 && first <= 0x6FF
			   ? arabic_compound_head(text + start, end - start) : 0;
		int rc;
		if (h)
			return emit_arabic_compound(toks, tz, text, &t, h);
		if ((rc = norm_word(&t, tz, text + start, end - start)) < 0)
			return rc;
		if (!t.norm_len)
			return 0;
	}
	if (first < 0x80) /* what ICU says of ASCII, without its calls */
		t.flags |= first >= 'A' && first <= 'Z' ? VG_TOKF_CAP :
			   first >= 'a' && first <= 'z' ? 0 : VG_TOKF_UNCASED;
	else if (u_isupper(first) || u_istitle(first))
		t.flags |= VG_TOKF_CAP;
	else if (!u_islower(first))
		t.flags |= VG_TOKF_UNCASED;
	if (allcaps)
		t.flags |= VG_TOKF_ALLCAPS;
	if (first >= 0x600 && first <= 0x6FF)
		t.flags |= VG_TOKF_ARABIC;
	if (first >= 0x400 && first <= 0x52F)
		t.flags |= VG_TOKF_CYRILLIC;
	if (han)
		t.flags |= VG_TOKF_HAN;
	if (first >= 0xAC00 && first <= 0xD7A3) /* one syllable (emit_hangul) */
		t.flags |= VG_TOKF_HANGUL;
	return push(toks, &t);
}

/* Case-insensitive: does s[0..n) start with the ASCII word w? */
static bool starts(const char *s, size_t n, const char *w)
{
	size_t i, wl = strlen(w);
	if (n < wl)
		return false;
	for (i = 0; i < wl; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != w[i])
			return false;
	}
	return true;
}

static bool block_tag(const char *name, size_t n)
{
	static const char *const tags[] = {
		"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4",
		"h5", "h6", "td", "th", "tr", "table", "blockquote", "section",
		"article", "header", "footer", "title", "hr", "dd", "dt", "pre",
		"figcaption", "nav", "aside", "main", "option",
	};
	size_t i;
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (strlen(tags[i]) == n && starts(name, n, tags[i]))
			return true;
	return false;
}

/*
 * Copies an HTML document with its markup turned into spaces, keeping every
 * byte where it was, so token offsets stay offsets into the original.
 * Character references become their character followed by spaces (they
 * are always at least as long as its UTF-8), block-level tags become a
 * blank line (a paragraph break).
 */
static char *strip_html(const char *in, size_t len)
{
	char *o = vg__malloc(len + 1);
	size_t i = 0;

	if (!o)
		return NULL;
	memcpy(o, in, len);
	o[len] = '\0';
	while (i < len) {
		if (o[i] == '<') {
			size_t j = i + 1, end;
			const char *close = ">";
			bool para = false, br = false;
			if (starts(o + j, len - j, "!--"))
				close = "-->";
			else {
				size_t k = j + (j < len && o[j] == '/');
				size_t n = 0;
				while (k + n < len && ((o[k + n] >= 'a' && o[k + n] <= 'z') ||
						       (o[k + n] >= 'A' && o[k + n] <= 'Z') ||
						       (o[k + n] >= '0' && o[k + n] <= '9')))
					n++;
				if (!n && o[j] != '/' && o[j] != '!' && o[j] != '?') {
					i++; /* a lone '<' in text */
					continue;
				}
				para = block_tag(o + k, n);
				br = n == 2 && starts(o + k, n, "br");
				if (o[j] != '/' && ((n == 6 && starts(o + k, n, "script")) ||
						    (n == 5 && starts(o + k, n, "style"))))
					close = n == 6 ? "</script" : "</style";
			}
			{
				const char *hit = NULL;
				size_t cl = strlen(close), k;
				for (k = j; k + cl <= len; k++)
					if (starts(o + k, len - k, close)) {
						hit = o + k;
						break;
					}
				end = hit ? (size_t)(hit - o) + cl : len;
				if (hit && cl > 1 && close[0] == '<') {
					while (end < len && o[end] != '>')
						end++;
					if (end < len)
						end++;
				}
			}
			memset(o + i, ' ', end - i);
			/* <br> breaks a line (a name may go on after it); other
			 * block tags end a paragraph. */
			if (para && end - i >= 2) {
				o[i] = '\n';
				if (!br)
					o[i + 1] = '\n';
			}
			i = end;
		} else if (o[i] == '&') {
			size_t j = i + 1, n;
			uint32_t cp = 0;
			while (j < len && j - i < 12 && o[j] != ';' && o[j] != '&' &&
			       o[j] != '<' && o[j] != ' ')
				j++;
			if (j >= len || o[j] != ';') {
				i++;
				continue;
			}
			n = j + 1 - i;
			if (o[i + 1] == '#') {
				const char *p = o + i + 2;
				bool hex = *p == 'x' || *p == 'X';
				cp = (uint32_t)strtoul(p + hex, NULL, hex ? 16 : 10);
			} else if (starts(o + i + 1, n - 1, "amp;"))
				cp = '&';
			else if (starts(o + i + 1, n - 1, "rsquo;") ||
				 starts(o + i + 1, n - 1, "apos;"))
				cp = 0x2019;
			else if (starts(o + i + 1, n - 1, "nbsp;"))
				cp = ' ';
			else if (starts(o + i + 1, n - 1, "quot;") ||
				 starts(o + i + 1, n - 1, "ldquo;") ||
				 starts(o + i + 1, n - 1, "rdquo;") ||
				 starts(o + i + 1, n - 1, "laquo;") ||
				 starts(o + i + 1, n - 1, "raquo;"))
				cp = '"';
			/* A known character is written back followed by FILLER
			 * bytes the tokenizer skips ("Hamas&rsquo;s" stays a
			 * possessive); anything else becomes space. */
			memset(o + i, cp ? FILLER : ' ', n);
			if (cp >= 0x20 && cp < 0x80 && cp != 0x7F) {
				o[i] = (char)cp;
			} else if (cp < 0x20 || cp == 0x7F || cp > 0xFFFF ||
				   (cp >= 0xD800 && cp <= 0xDFFF)) {
				memset(o + i, ' ', n);
			} else if (cp >= 0x80 && cp < 0x800 && n >= 2) {
				o[i] = (char)(0xC0 | (cp >> 6));
				o[i + 1] = (char)(0x80 | (cp & 0x3F));
			} else if (cp >= 0x800 && cp < 0x10000 && n >= 3 &&
				   !(cp >= 0xD800 && cp <= 0xDFFF)) {
				o[i] = (char)(0xE0 | (cp >> 12));
				o[i + 1] = (char)(0x80 | ((cp >> 6) & 0x3F));
				o[i + 2] = (char)(0x80 | (cp & 0x3F));
			}
			i += n;
		} else {
			i++;
		}
	}
	return o;
}

/* What read_word() found. */
typedef struct {
	size_t end;      /* byte after the word */
	bool ascii;      /* only ASCII letters and digits */
	bool upper;      /* no lower-case letter */
	int letters;
} word_info;

/* Is s[i..) an apostrophe that joins two parts of one word ("Qa'ida",
 * "Jama’at", "O'Neil")?  Not after a single letter (French and Italian
 * elision: "l'Ouest", "d'Al-Qaïda") and not a possessive. */
static size_t joining_apostrophe(const unsigned char *s, size_t len, size_t i,
				 int part_letters)
{
	int32_t a, next;
	size_t na, nn;

	/* (the ASCII apostrophe is the only ASCII one: a quick no) */
	if (part_letters < 2 || (s[i] < 0x80 && s[i] != '\'') ||
	    !(na = utf8_decode(&a, s + i, len - i)) ||
	    classify(a) != C_APOS || i + na >= len ||
	    !(nn = utf8_decode(&next, s + i + na, len - i - na)) ||
	    classify(next) != C_WORD || !u_isalpha(next))
		return 0;
	/* "'s" ending the word is a possessive, read by the caller. */
	if ((next == 's' || next == 'S') &&
	    (i + na + 1 >= len || classify(s[i + na + 1] < 0x80 ? s[i + na + 1] : 'x') != C_WORD))
		return 0;
	return na;
}

/* Reads the word starting at s[i] (a word character of length n). */
static void read_word(word_info *w, const unsigned char *s, size_t len,
		      size_t i, int32_t cp, size_t n)
{
	int part = 0;   /* letters since the last apostrophe */
	size_t digits = 0; /* start of a trailing run of digits, or 0 */

	w->ascii = cp < 0x80;
	if (cp < 0x80) { /* what ICU says of ASCII, without its calls */
		bool letter = (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
		w->upper = !letter || cp <= 'Z';
		w->letters = part = letter;
	} else {
		w->upper = u_isupper(cp) || !u_isalpha(cp);
		w->letters = part = u_isalpha(cp) != 0;
	}
	for (i += n; i < len;) {
		int32_t c2;
		size_t n2, ap;
		if (s[i] < 0x80 && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')) {
			w->letters++, part++, digits = 0;
			if (s[i] >= 'a')
				w->upper = false;
			i++;
			continue;
		}
		if (s[i] >= '0' && s[i] <= '9') {
			if (!digits)
				digits = i;
			i++;
			continue;
		}
		if ((ap = joining_apostrophe(s, len, i, part))) {
			w->ascii = false; /* the normaliser drops the apostrophe */
			part = 0;
			i += ap;
			continue;
		}
		if (s[i] < 0x80 || !(n2 = utf8_decode(&c2, s + i, len - i)) ||
		    classify(c2) != C_WORD)
			break;
		w->ascii = false;
		digits = 0;
		if (u_isalpha(c2)) {
			w->letters++, part++;
			if (!u_isupper(c2))
				w->upper = false;
		}
		i += n2;
	}
	/* A footnote number glued to a word ("Ansar16") is no part of it. */
	if (digits && w->letters >= 3 && part >= 3)
		i = digits;
	w->end = i;
}

/* Length of a possessive "'s" / "’s" at s[i] (and FILLER bytes), or 0. */
static size_t possessive(const unsigned char *s, size_t len, size_t i)
{
	int32_t a, after = ' ';
	size_t na, sp, j;

	if (i >= len || (s[i] < 0x80 && s[i] != '\'') ||
	    !(na = utf8_decode(&a, s + i, len - i)) || classify(a) != C_APOS)
		return 0;
	for (sp = i + na; sp < len && s[sp] == FILLER; sp++)
		;
	if (sp >= len || (s[sp] != 's' && s[sp] != 'S'))
		return 0;
	j = sp + 1;
	if (j < len && !utf8_decode(&after, s + j, len - j))
		after = ' ';
	return j >= len || classify(after) != C_WORD ? j - i : 0;
}

/* Separator state between two tokens. */
typedef struct {
	int brk;            /* VG_BRK_* so far */
	size_t nl;          /* newlines in a row */
	bool last_initial;  /* the previous token was a lone letter */
	uint8_t punct;      /* VG_PUNCT_* so far */
} sep_state;

/* Folds separator character cp (class c) into the state. */
static void separator(sep_state *st, int32_t cp, int c)
{
	switch (c) {
	case C_NEWLINE:
		st->punct |= VG_PUNCT_NEWLINE;
		if (++st->nl >= 2)
			st->brk = VG_BRK_HARD;
		break;
	case C_HYPHEN:
		st->punct |= VG_PUNCT_DASH;
		break;
	case C_SPACE:
	case C_APOS:
		break;
	case C_DOT:
		/* "J. Smith", "U.S.": an initial's dot joins. */
		if (!st->last_initial)
			st->brk = VG_BRK_HARD;
		st->nl = 0;
		break;
	case C_SOFT:
		if (st->brk < VG_BRK_SOFT)
			st->brk = VG_BRK_SOFT;
		if (cp == 0x2013)
			st->punct |= VG_PUNCT_DASH;
		st->nl = 0;
		break;
	default:
		st->brk = VG_BRK_HARD;
		if (cp == 0x2014)
			st->punct |= VG_PUNCT_DASH;
		st->nl = 0;
		/* and the full-width brackets of Chinese and Japanese */
		if (cp == '(' || cp == '[' || cp == 0xFF08)
			st->punct |= VG_PUNCT_OPEN;
		else if (cp == ')' || cp == ']' || cp == 0xFF09)
			st->punct |= VG_PUNCT_CLOSE;
		/* 「」『』: the quotation marks of traditional Chinese and of
		 * Japanese (「東伊運」) */
		else if (cp == '"' || cp == 0xAB || cp == 0xBB || cp == 0x201C ||
			 cp == 0x201D || cp == 0x201E || (cp >= 0x300C && cp <= 0x300F))
			st->punct |= VG_PUNCT_QUOTE;
		else if (cp == ':')
			st->punct |= VG_PUNCT_COLON;
		break;
	}
	if (c != C_SPACE && c != C_NEWLINE)
		st->last_initial = false;
}

#define VG__KO_CYR_MAX 8 /* syllables of a Korean name read at most */

/* The Latin syllable (data/scan_korean_cyrillic.txt) of the Cyrillic
 * word text[t->start..t->end), written as a word of a Korean name is
 * (capitalised, not in capitals), with a case ending when `last`; -1 when
 * none. */
static long ko_cyr_syllable(const char *text, const vg__tok *t, bool last)
{
	const char *w = text + t->start;
	size_t n = t->end - t->start, e, el;
	long k;
	if ((t->flags & (VG_TOKF_CYRILLIC | VG_TOKF_CAP | VG_TOKF_ALLCAPS)) !=
	    (VG_TOKF_CYRILLIC | VG_TOKF_CAP))
		return -1;
	if ((k = table_word(vg__sd_ko_cyr_words, vg__sd_ko_cyr_words_n, w, n)) >= 0 || !last)
		return k;
	for (e = 0; e < vg__sd_ko_cyr_endings_n; e++) {
		el = strlen(vg__sd_ko_cyr_endings[e]);
		if (n > el && !memcmp(w + n - el, vg__sd_ko_cyr_endings[e], el) &&
		    (k = table_word(vg__sd_ko_cyr_words, vg__sd_ko_cyr_words_n, w, n - el)) >= 0)
			return k;
	}
	return -1;
}

/* Does token t follow the one before it inside a name: white space or a
 * hyphen only? */
static bool ko_cyr_next(const vg__tok *t)
{
	return t->brk == VG_BRK_SPACE && !(t->punct & ~VG_PUNCT_DASH);
}

/* Does the word text[t->start..t->end) hold a letter only Ukrainian
 * writes (і ї є ґ, either case)? */
static bool ukrainian_letters(const char *text, const vg__tok *t)
{
	static const char *const only[] = { "\xd1\x96", "\xd1\x97", "\xd1\x94", "\xd2\x91",
					     "\xd0\x86", "\xd0\x87", "\xd0\x84", "\xd2\x90" };
	size_t p, q;
	for (p = t->start; p + 1 < t->end; p++)
		for (q = 0; q < sizeof(only) / sizeof(only[0]); q++)
			if (!memcmp(text + p, only[q], 2))
				return true;
	return false;
}

/* Korean names in Cyrillic (data/scan_korean_cyrillic.txt): a run of three
 * or more syllables from toks->v[from], the first a family name ("Ким Чен
 * Ын", "Кім Чен Ином"), is read as their Latin syllables (kim jong un), as
 * the lists write them, the Ukrainian way where a word of the run has a
 * letter only Ukrainian writes.  Fewer syllables, or a first word no
 * Korean family name, stay Cyrillic words: "Ли" or "Сон" alone is
 * anyone's. */
static int korean_cyrillic(vg__toks *toks, vg__tokenizer *tz, const char *text, size_t from)
{
	size_t i, j, m;
	long k[VG__KO_CYR_MAX];
	bool uk;
	int rc;

	for (i = from; i + 2 < toks->n; i++) {
		const vg__tok *t = &toks->v[i];
		/* the usual word: not a capitalised Cyrillic one */
		if ((t->flags & (VG_TOKF_CYRILLIC | VG_TOKF_CAP)) != (VG_TOKF_CYRILLIC | VG_TOKF_CAP))
			continue;
		if ((k[0] = ko_cyr_syllable(text, t, false)) < 0 ||
		    table_word(vg__sd_ko_cyr_surnames, vg__sd_ko_cyr_surnames_n, text + t->start,
			       t->end - t->start) < 0)
			continue;
		for (m = 1, j = i + 1; j < toks->n && m < VG__KO_CYR_MAX && ko_cyr_next(&toks->v[j]) &&
		     (k[m] = ko_cyr_syllable(text, &toks->v[j], false)) >= 0; j++)
			m++;
		if (j < toks->n && m < VG__KO_CYR_MAX && ko_cyr_next(&toks->v[j]) &&
		    (k[m] = ko_cyr_syllable(text, &toks->v[j], true)) >= 0)
			m++;
		if (m < 3)
			continue;
		for (uk = false, j = 0; j < m && !uk; j++)
			uk = ukrainian_letters(text, &toks->v[i + j]);
		for (j = 0; j < m; j++) {
			vg__tok *u = &toks->v[i + j];
			const char *l = vg__sd_ko_cyr_latin[k[j]];
			long o = uk ? table_word(vg__sd_ko_cyr_uk_words, vg__sd_ko_cyr_uk_words_n,
						 vg__sd_ko_cyr_words[k[j]],
						 strlen(vg__sd_ko_cyr_words[k[j]])) : -1;
			if (o >= 0)
				l = vg__sd_ko_cyr_uk_latin[o];
			if ((rc = norm_cached(&u->norm, &u->norm_len, tz, l, strlen(l), false)) < 0)
				return rc;
		}
		i += m - 1;
	}
	return 0;
}

int vg__tokenize(vg__toks *toks, vg__tokenizer *tz, const char *text,
		 size_t len, bool html)
{
	const unsigned char *s;
	char *copy = NULL;
	size_t i = 0;
	sep_state st = { VG_BRK_HARD, 0, false, 0 };
	size_t from = toks->n;
	int error = 0;
	bool han = false; /* a run of Han characters was met */

	if (len >= UINT32_MAX)
		return vg__error_set(VG_EDATA, "text of %zu bytes is too large", len);
	if ((error = validate(text, len, tz->base)) < 0)
		return error;
	if (html) {
		if (!(copy = strip_html(text, len)))
			return vg__error_oom();
		text = copy;
	}
	s = (const unsigned char *)text;

	while (i < len) {
		int32_t cp;
		size_t n, start = i, p;
		int c;
		word_info w;

		if (s[i] < 0x80) { /* (the usual case, without the calls) */
			cp = s[i];
			n = 1;
			c = classify_ascii(cp);
		} else if (!(n = utf8_decode(&cp, s + i, len - i))) {
			i++; /* cannot happen after validate(); be safe */
			continue;
		} else {
			c = classify(cp);
		}
		if (c != C_WORD && c != C_HAN) {
			if (c != C_SKIP)
				separator(&st, cp, c);
			i += n;
			continue;
		}
		if (c == C_HAN) {
			han = true;
			/* a run of them: Chinese words in it (emit_han_run) */
			int32_t cq;
			size_t m;
			for (w.end = i + n; w.end < len && (m = utf8_decode(&cq, s + w.end, len - w.end)) &&
			     classify(cq) == C_HAN; w.end += m)
				;
			i = w.end;
			if ((error = emit_han_run(toks, tz, text, len, start, i, st.brk, st.punct)) < 0)
				goto cleanup;
		} else {
			read_word(&w, s, len, i, cp, n);
			i = w.end;
			if ((error = emit(toks, tz, text, start, i, cp, false, st.brk,
					  st.punct, w.ascii, w.upper && w.letters >= 2)) < 0)
				goto cleanup;
		}
		/* A possessive "'s" / "’s" belongs to no name. */
		if ((p = possessive(s, len, i))) {
			if (toks->n && toks->v[toks->n - 1].start == start)
				toks->v[toks->n - 1].flags |= VG_TOKF_POSSESSIVE;
			i += p;
		}
		st.last_initial = c == C_WORD && w.letters == 1 && i - start == n;
		st.brk = VG_BRK_SPACE;
		st.nl = 0;
		st.punct = 0;
	}
	error = korean_cyrillic(toks, tz, text, from);
	if (!error && han)
		error = korean_readings(toks, tz, text, len, from);

cleanup:
	free(copy);
	return error;
}

static bool vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* With vowels folded, a w (v after folding) between vowels or after one is
 * a vowel too: Arabic و is written u as often as w ("Dawla", "Dula"). */
static bool folds_as_vowel(const char *k, size_t i, size_t n)
{
	if (vowel(k[i]))
		return true;
	return k[i] == 'v' && i > 0 && vowel(k[i - 1]) && (i + 1 >= n || vowel(k[i + 1]) || k[i + 1] == 'l');
}

/* The consonants of a transliteration, folded (y -> i): kh -> h (Х, خ, ح and h are
 * one sound to most transliterations), dzh dj zh -> j, sh -> s, ch -> c (s
 * with ch_s),
 * ph -> f, ck -> k, w -> v, q -> k, a letter written twice once. */
static size_t fold_consonants(char *out, const char *norm, size_t len, bool ch_s, bool gh)
{
	size_t i, n = 0;
	for (i = 0; i < len; i++) {
		char c = norm[i];
		switch (c) {
		case 'y': c = 'i'; break;
		case 'w': c = 'v'; break;
		case 'q': c = 'k'; break;
		case 'h':
			/* gh is g to Russian and Ukrainian (Baghdadi, Багдади) */
			if (gh && n && out[n - 1] == 'g')
				continue;
			if (n && out[n - 1] == 'k') {
				out[n - 1] = 'h';
				continue;
			}
			/* French writes sh ch ("Chabab", al-Shabaab) */
			if (ch_s && n && out[n - 1] == 'c') {
				if (n > 1 && out[n - 2] == 's')
					n--;
				else
					out[n - 1] = 's';
				continue;
			}
			if (n && (out[n - 1] == 's' || out[n - 1] == 'c'))
				continue;
			if (n && out[n - 1] == 'z') {
				out[n - 1] = 'j';
				if (n > 1 && out[n - 2] == 'd') /* dzh */
					out[--n - 1] = 'j';
				continue;
			}
			if (n && out[n - 1] == 'p') {
				out[n - 1] = 'f';
				continue;
			}
			break;
		case 'j':
			if (n && out[n - 1] == 'd')
				n--;
			break;
		case 'k':
			if (n && out[n - 1] == 'c') {
				out[n - 1] = 'k';
				continue;
			}
			break;
		default:
			break;
		}
		if (n && out[n - 1] == c)
			continue;
		out[n++] = c;
	}
	return n;
}

/* Does out[0..n) end in e[0..el), el <= n? */
static inline bool ends_with(const char *out, size_t n, const char *e, size_t el)
{
	size_t k;
	for (k = 1; k <= el; k++)
		if (out[n - k] != e[el - k])
			return false;
	return true;
}

/* The case endings by their last letter, in the data's order: the first
 * ending in byte c is end_first[c] - 1, the one after ending k
 * end_next[k] - 1 (0: none).  Most words end in a letter few endings or
 * none end in, so only those are compared. */
#define ENDINGS_MAX 255
static unsigned char end_first[256], end_next[ENDINGS_MAX];
static bool end_chained; /* false: every ending is compared (too many
			  * endings, or an empty one) */
static pthread_once_t end_once = PTHREAD_ONCE_INIT;

static void endings_init(void)
{
	size_t k;
	if (vg__sd_endings_n > ENDINGS_MAX)
		return;
	for (k = 0; k < vg__sd_endings_n; k++)
		if (!vg__sd_endings_len[k])
			return;
	for (k = vg__sd_endings_n; k-- > 0;) {
		unsigned char c = (unsigned char)vg__sd_endings[k][vg__sd_endings_len[k] - 1];
		end_next[k] = end_first[c];
		end_first[c] = (unsigned char)(k + 1);
	}
	end_chained = true;
}

/* The first ending of the data's order after ending k - 1 (k = 0: the
 * first of all) that a word whose last byte is c may end in, + 1; 0 when
 * none is left. */
static inline size_t ending_after(size_t k, unsigned char c)
{
	if (!end_chained)
		return k < vg__sd_endings_n ? k + 1 : 0;
	return k ? end_next[k - 1] : end_first[c];
}

/* Russian and Ukrainian case endings (data/scan_affixes.txt), twice at
 * most, never below four letters: the first of the data's order that the
 * word ends in. */
static size_t strip_endings(const char *out, size_t n)
{
	size_t pass, k;
	pthread_once(&end_once, endings_init);
	for (pass = 0; pass < 2 && n; pass++) {
		bool cut = false;
		for (k = ending_after(0, (unsigned char)out[n - 1]); k;
		     k = ending_after(k, (unsigned char)out[n - 1])) {
			size_t el = vg__sd_endings_len[k - 1];
			/* a few letters: compared here, not through memcmp
			 * (a call for every ending of every word looked up) */
			if (n >= el + 4 && ends_with(out, n, vg__sd_endings[k - 1], el)) {
				n -= el;
				cut = true;
				break;
			}
		}
		if (!cut)
			break;
	}
	return n;
}

/*
 * The loose key of a word: what stays when transliterations and Russian or
 * Ukrainian case forms disagree.  Consonants folded (fold_consonants), case
 * endings stripped (after a final h or j after a vowel), every run of
 * vowels (y included) one "a" when fold_vowels (without, the precise key:
 * case forms and consonant spellings only): Hezbollah, Hizballah, Хезболла and
 * Hezbolá are "hazbal"; Qaida, Qaeda, Каиды and Каидой are "kada".
 */
size_t vg__loose_key(char *out, const char *norm, size_t len, bool fold_vowels)
{
	size_t i, n, m = 0;

	for (i = 0; i < len; i++)
		if ((unsigned char)norm[i] >= 0x80) {
			memcpy(out, norm, len);
			out[len] = '\0';
			return len;
		}
	n = fold_consonants(out, norm, len, fold_vowels, true);
	if (n > 1 && (out[n - 1] == 'j' || out[n - 1] == 'h') && vowel(out[n - 2]))
		n--;
	n = strip_endings(out, n);
	if (!fold_vowels) {
		out[n] = '\0';
		return n;
	}
	for (i = 0; i < n; i++) {
		char c = folds_as_vowel(out, i, n) ? 'a' : out[i];
		if (c == 'a' && m && out[m - 1] == 'a')
			continue;
		out[m++] = c;
	}
	out[m] = '\0';
	return m;
}

/*
 * The consonant skeleton of a transliteration: what Arabic script writes
 * and a Latin spelling of the same name share.  Arabic leaves short vowels
 * out ("حماس" is hmas, the list's HAMAS; "أحمد" ahmd, AHMED), so every vowel
 * goes, y and w included (و is written u, o or w: "Mahmoud", "محمود" mhmud;
 * "Awlaki", "Aulaqi"), and a final h after one (the -ah, -eh of a feminine
 * ending); then the consonants are folded as in the loose key.  0 when
 * fewer than two consonants are left or the word is not ASCII.
 */
size_t vg__skeleton_key(char *out, const char *norm, size_t len)
{
	char tmp[VG_SKEL_MAX + 1];
	size_t i, n = 0, m = 0;

	if (len > VG_SKEL_MAX)
		return 0;
	if (len > 1 && norm[len - 1] == 'h' && vowel(norm[len - 2]))
		len--;
	/* Vowels become one separator, so that only a letter written twice
	 * in a row is one (Yassin, ياسين), not one repeated across a vowel
	 * (Jalal is جلال, not جلاء), and kh, sh are digraphs only together. */
	for (i = 0; i < len; i++) {
		char c = norm[i];
		if ((unsigned char)c >= 0x80 || (c >= '0' && c <= '9'))
			return 0;
		/* ... and v: Persian writes its v with the same و ("وحيدي",
		 * VAHIDI), which Arabic script's skeleton reads as a vowel */
		if (vowel(c) || c == 'w' || c == 'v')
			c = '.';
		if (c == '.' && (!n || tmp[n - 1] == '.'))
			continue;
		tmp[n++] = c;
	}
	n = fold_consonants(out, tmp, n, false, false);
	for (i = 0; i < n; i++)
		if (out[i] != '.')
			out[m++] = out[i];
	out[m] = '\0';
	return m >= 2 ? m : 0;
}

/* The consonants of an Arabic or Persian letter as the skeleton of a
 * Latin spelling has them (kh, sh folded as vg__skeleton_key folds them);
 * "." for a letter a vowel stands for or one Latin spells with a vowel
 * (alef, waw, ya, ayn, hamza); "" for marks and the feminine ending. */
static const char *arabic_consonant(int32_t cp)
{
	switch (cp) {
	case 0x628: return "b";
	case 0x62A: case 0x637: return "t";
	case 0x62B: return "th";
	case 0x62C: case 0x698: return "j";
	case 0x62D: case 0x62E: case 0x647: return "h";
	case 0x62F: case 0x636: return "d";
	case 0x630: return "dh";
	case 0x631: return "r";
	case 0x632: case 0x638: return "z";
	case 0x633: case 0x634: case 0x635: return "s";
	case 0x63A: return "gh";
	case 0x641: return "f";
	case 0x642: case 0x643: case 0x6A9: return "k";
	case 0x644: return "l";
	case 0x645: return "m";
	case 0x646: return "n";
	case 0x67E: return "p";
	case 0x686: return "c";
	case 0x6AF: return "g";
	case 0x629: return "";
	default:
		return cp >= 0x64B && cp <= 0x65F ? "" : ".";
	}
}

/*
 * The consonant skeleton of an Arabic-script word as written (raw bytes),
 * without its article (and, with clitic, a one-letter clitic before it):
 * what vg__skeleton_key makes of the Latin spellings of the name.  Taken
 * from the letters, not from their romanisation, which writes two letters
 * as one digraph's ("الزهار", z and h, is Zahar, not "Jar").
 */
size_t vg__arabic_skeleton(char *out, const char *raw, size_t len, bool clitic)
{
	size_t i = 0, n = 0, k, cl = 0;
	int32_t cp;

	if (clitic && !(cl = arabic_prefix(vg__sd_ar_clitic, vg__sd_ar_clitic_n, raw, len)))
		return 0;
	i = cl + arabic_prefix(vg__sd_ar_article, vg__sd_ar_article_n, raw + cl, len - cl);
	while (i < len) {
		size_t b = utf8_decode(&cp, (const unsigned char *)raw + i, len - i);
		const char *c;
		if (!b || cp < 0x600 || cp > 0x6FF)
			return 0;
		i += b;
		/* a final h is a vowel's to the Latin spelling, which drops it
		 * after one (vg__skeleton_key: "الله", Allah; "عبدالله",
		 * Abdullah) */
		c = cp == 0x647 && i == len && n ? "" : arabic_consonant(cp);
		for (k = 0; c[k] && n < VG_SKEL_MAX; k++) {
			/* one separator for a run of vowels; a letter twice in a row once */
			if (n && out[n - 1] == c[k] && (c[k] == '.' || !c[1]))
				continue;
			out[n++] = c[k];
		}
	}
	for (i = 0, k = 0; i < n; i++)
		if (out[i] != '.')
			out[k++] = out[i];
	out[k] = '\0';
	return k >= 2 ? k : 0;
}

/* The sun letters, before which the article's l is not said: t th d dh
 * r z s sh s d t z l n. */
static bool sun_letter(int32_t cp)
{
	return (cp >= 0x62A && cp <= 0x62B) || (cp >= 0x62F && cp <= 0x638) || cp == 0x644 ||
	       cp == 0x646;
}

bool vg__arabic_sun_article(const char *text, const vg__tok *b)
{
	const char *r = text + b->start;
	size_t n = b->end - b->start;
	int32_t cp;
	return n > 4 && !memcmp(r, AR_ALEF_LAM, 4) &&
	       utf8_decode(&cp, (const unsigned char *)r + 4, n - 4) == 2 && sun_letter(cp);
}

size_t vg__arabic_joined(char *out, size_t cap, const char *raw, size_t len, bool assimilate)
{
	const char *sp = memchr(raw, ' ', len);
	size_t a, q;
	int32_t cp;
	if (!sp)
		return 0;
	a = (size_t)(sp - raw);
	q = a + 1;
	if (len < q + 6 || memcmp(raw + q, AR_ALEF_LAM, 4) != 0)
		return 0;
	q += 2; /* the alef */
	if (assimilate) {
		if (utf8_decode(&cp, (const unsigned char *)raw + q + 2, len - q - 2) != 2 ||
		    !sun_letter(cp))
			return 0;
		q += 2; /* the l */
	}
	if (a + (len - q) > cap)
		return 0;
	memcpy(out, raw, a);
	memcpy(out + a, raw + q, len - q);
	return a + (len - q);
}

int vg__arabic_join(vg__tok *out, vg__tokenizer *tz, const char *text, const vg__tok *a,
		    const vg__tok *b, bool assimilate)
{
	char buf[2 * MAX_WORD + 8];
	size_t n = vg__arabic_joined(buf, sizeof(buf), text + a->start, b->end - a->start,
				     assimilate), cl;
	int rc;

	if (!n)
		return 1;
	*out = *a;
	out->end = b->end;
	out->alt_len = 0;
	out->flags = (uint16_t)((a->flags & ~(VG_TOKF_ALT_AYN | VG_TOKF_ARTICLE)) | VG_TOKF_JOINED |
				(assimilate ? VG_TOKF_ASSIM : 0));
	if ((rc = norm_cached(&out->norm, &out->norm_len, tz, buf, n, false)) < 0)
		return rc;
	if (!out->norm_len)
		return 1;
	if (!a->alt_len || !(cl = arabic_prefix(vg__sd_ar_clitic, vg__sd_ar_clitic_n, buf, n)))
		return 0;
	if (starts_with_ayn(buf + cl, n - cl))
		out->flags |= VG_TOKF_ALT_AYN;
	return norm_cached(&out->alt, &out->alt_len, tz, buf + cl, n - cl, false);
}

size_t vg__zh_key(char *out, const char *w, size_t len)
{
	char hs[VG_SKEL_MAX], prev = 0;
	size_t n, i, m = 0;
	if (len < 4 || len > VG_SKEL_MAX)
		return 0;
	/* Mandarin has no syllable hi: Chinese writes it xi (希, Zawahiri
	 * 扎瓦希里, Hillary 希拉里), which is read s; an h of a digraph (sh,
	 * kh) stays */
	for (i = 0; i < len; i++)
		hs[i] = w[i] == 'h' && i + 1 < len && w[i + 1] == 'i' &&
			(i == 0 || !strchr("cdgkpstz", w[i - 1])) ? 's' : w[i];
	/* A final v after a vowel (the -ov, -ev of Russian names) is 夫, fu:
	 * a consonant there (帕特鲁舍夫, PATRUSHEV), where the skeleton would
	 * read a v as the vowel Chinese writes elsewhere (瓦, wa) */
	if (len > 2 && hs[len - 1] == 'v' && strchr("aeiouy", hs[len - 2]))
		hs[len - 1] = 'f';
	/* Mandarin has no syllable ki or gi either: ji (基里延科,
	 * KIRIYENKO; 吉拉尼, GILANI) */
	for (i = 0; i + 1 < len; i++)
		if ((hs[i] == 'k' || hs[i] == 'g') && (hs[i + 1] == 'i' || hs[i + 1] == 'y') &&
		    (i == 0 || hs[i - 1] != 'n'))
			hs[i] = 'j';
	if (!(n = vg__skeleton_key(out, hs, len)))
		return 0;
	for (i = 0; i < n; i++) {
		char c = out[i];
		switch (c) {
		case 'r': c = 'l'; break;
		case 'x': c = 's'; break;
		/* Chinese writes a foreign g, k or q with the syllables of
		 * either (盖达, gai da, is Qaida), and z, j or ch with zha,
		 * cha, ji (扎瓦希里 and 查瓦希里 are ZAWAHIRI) */
		case 'g': c = 'k'; break;
		case 'z': case 'c': c = 'j'; break;
		case 'h':
			if (i && prev == 'g') /* gh */
				continue;
			break;
		default:
			break;
		}
		prev = out[i];
		if (m && out[m - 1] == c)
			continue;
		out[m++] = c;
	}
	out[m] = '\0';
	return m >= 2 ? m : 0;
}

bool vg__zh_subunit_at(const char *text, size_t p, size_t len)
{
	char simp[32];
	size_t k, n = len - p < sizeof(simp) ? len - p : sizeof(simp);
	/* (a character cut at the end stays as it is: no word's) */
	zh_simplified(simp, text + p, n);
	for (k = 0; k < vg__sd_zh_subunits_n; k++) {
		size_t l = strlen(vg__sd_zh_subunits[k]);
		if (l <= n && !memcmp(simp, vg__sd_zh_subunits[k], l))
			return true;
	}
	return false;
}

bool vg__zh_particle(const char *text, const vg__tok *t)
{
	char simp[4 * ZH_MAX_WORD];
	size_t n = t->end - t->start, k;
	if (!(t->flags & VG_TOKF_ZH_NAME) || n > sizeof(simp))
		return false;
	zh_simplified(simp, text + t->start, n);
	for (k = 0; k < vg__sd_zh_particles_n; k++)
		if (strlen(vg__sd_zh_particles[k]) == n && !memcmp(simp, vg__sd_zh_particles[k], n))
			return true;
	return false;
}

bool vg__zh_dot_between(const char *text, const vg__tok *t, const vg__tok *u)
{
	return (t->flags & u->flags & VG_TOKF_ZH_NAME) && u->start > t->end &&
	       name_dot(text, t->end, u->start) == u->start - t->end;
}

uint32_t vg__key_hash32(const char *key, size_t len)
{
	return (uint32_t)vg__hash64(key, len, 0x1005e) | 1u; /* never 0 */
}
