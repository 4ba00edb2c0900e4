/*
 * normalize.c - any script folded to lowercase Latin for name comparison.
 *
 * How it works.  Plain ASCII (most listed and screened names) takes a fast
 * path that never touches ICU.  Anything else is decoded to UTF-16, put in
 * NFKC (so presentation forms and full-width letters become ordinary
 * letters), and walked code point by code point, each class of letters by
 * its own walk_*() step:
 *   - Latin-1 and Latin Extended-A fold through a generated table;
 *   - Cyrillic, Arabic/Persian, Hebrew and Hangul use vigil's own tables
 *     (scripts.c), which follow the spellings names are usually written
 *     with in Latin;
 *   - the Indic scripts, Sinhala, Khmer, Lao, Burmese, Thaana, Mongolian
 *     and Tibetan are read through data/scripts.txt (abugida.c): ICU reads
 *     them wrongly for names (Hindi's silent vowels, Burmese letter by
 *     letter) or not at all;
 *   - Chinese characters and kana go to cjk.c (a table generated from
 *     ICU's Han-Latin rules, Japanese names read as Japanese);
 *   - every other letter run goes to icu_latin.c, ICU's "Any-Latin;
 *     Latin-ASCII" (Greek, Thai, Armenian, Georgian, Ethiopic, Syriac...).
 *
 * Invariant: the output only holds [a-z0-9 .,], VG__MARK_ABJAD,
 * VG__MARK_SYLLABLE and UTF-8 letters of scripts without a Latin form;
 * never two spaces in a row.
 */
#include "text/normalize.h"
#include "common/error.h"
#include "common/utf8.h"
#include "text/emit.h"
#include "text/icu_latin.h"
#include "text/cjk.h"
#include "text/abugida.h"
#include "text/scripts.h"
#include "names/lexicon.h"
#include "vigil/compare.h"
#include "common/alloc.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/*
 * Does a capital after a lowercase letter start a new word?  Glued words
 * (SiemensAG, FridrichBuchenberg) should split, randomly capitalised ones
 * (DawUd, GenNil) should not: split only after 4+ letters, before either a
 * capitalised word of 3+ letters or a capitals-only tail (a legal form).
 * `rest` holds the letters from the capital on (ASCII view, 0 elsewhere).
 */
static int camel_split(const emitter *e, const char *rest, size_t n)
{
	size_t i = 1;
	if (!e->prev_lower || e->run < 4 || n < 2)
		return 0;
	if (rest[1] >= 'a' && rest[1] <= 'z') {
		while (i < n && rest[i] >= 'a' && rest[i] <= 'z')
			i++;
		return i >= 3;
	}
	while (i < n && rest[i] >= 'A' && rest[i] <= 'Z')
		i++;
	return i == n;
}

/* ASCII code point; `split` from camel_split() for capitals. */
static void put_ascii(emitter *e, uint32_t c, int split)
{
	char ch = (char)c;
	if (c >= 'A' && c <= 'Z') {
		if (split)
			sep(e);
		ch = (char)(c + 32);
		put(e, &ch, 1);
		e->prev_lower = 0;
		e->run++;
	} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
		put(e, &ch, 1);
		e->prev_lower = (c >= 'a');
		e->run++;
	} else if (c == '.' || c == ',') {
		put_punct(e, ch);
	} else if (!is_apostrophe(c)) {
		sep(e);
	}
}

/* ---- the ASCII fast path ---------------------------------------------- */

static int fold_ascii(vg_buf *out, const char *s, size_t len)
{
	emitter e = { out, out->size, 0, 0, 0 };
	size_t cap;
	if (vg__mul_overflow(&cap, len, 2) || vg__add_overflow(&cap, cap, out->size) ||
	    vg_buf_grow(out, cap) < 0)
		return vg__error_oom();
	for (size_t i = 0; i < len; i++) {
		int split = 0;
		if (s[i] >= 'A' && s[i] <= 'Z' && e.prev_lower) {
			size_t j = i;
			while (j < len && ((s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= 'a' && s[j] <= 'z')))
				j++;
			split = camel_split(&e, s + i, j - i);
		}
		put_ascii(&e, (unsigned char)s[i], split);
	}
	while (out->size > e.start && out->ptr[out->size - 1] == ' ')
		out->size--;
	out->ptr[out->size] = '\0';
	return e.err ? vg__error_oom() : 0;
}

/* ---- the general path -------------------------------------------------- */

enum {
	CL_SEP, CL_ASCII, CL_SKIP, CL_LATIN, CL_CYR, CL_ARABIC, CL_HEBREW, CL_HANGUL, CL_TABLE,
	CL_ICU
};

static int classify(uint32_t c)
{
	if (c < 0x80)
		return CL_ASCII;
	if (is_apostrophe(c) || (c >= 0x300 && c <= 0x36F) || c == 0x200C || c == 0x200D ||
	    c == 0xFE0F || c == 0x200B)
		return CL_SKIP;
	if (c >= 0xC0 && c < 0x180)
		return CL_LATIN;
	if (c >= 0x400 && c <= 0x4FF)
		return CL_CYR;
	if ((c >= 0x600 && c <= 0x6FF) && c != 0x60C && c != 0x61B && c != 0x61F &&
	    !(c >= 0x66A && c <= 0x66D) && c != 0x6D4)
		return CL_ARABIC;
	if (c >= 0x591 && c <= 0x5EA && c != 0x5BE && c != 0x5C0 && c != 0x5C3 && c != 0x5C6)
		return CL_HEBREW;
	if (c >= 0xAC00 && c <= 0xD7A3)
		return CL_HANGUL;
	if (vg__tr_script_of(c) &&
	    (u_isalpha((UChar32)c) || u_isdigit((UChar32)c) ||
	     u_charType((UChar32)c) == U_NON_SPACING_MARK ||
	     u_charType((UChar32)c) == U_COMBINING_SPACING_MARK || u_charType((UChar32)c) == U_OTHER_PUNCTUATION))
		return CL_TABLE;
	if (u_isalpha((UChar32)c) || u_isdigit((UChar32)c) ||
	    u_charType((UChar32)c) == U_NON_SPACING_MARK ||
	    u_charType((UChar32)c) == U_COMBINING_SPACING_MARK)
		return CL_ICU;
	return CL_SEP;
}

/* Thai is written without most vowels in ICU's transliteration, Syriac
 * without short vowels, and Ethiopian names' vowels are spelt many ways in
 * Latin (Afwerki, Afewerki): compare them on consonants like Arabic.  Each
 * Chinese character is one syllable. */
static int script_mark(uint32_t c)
{
	UErrorCode st = U_ZERO_ERROR;
	if ((c >= 0x0E00 && c <= 0x0E7F) || (c >= 0x0700 && c <= 0x074F) ||
	    (c >= 0x1200 && c <= 0x139F) || (c >= 0x2D80 && c <= 0x2DDF))
		return VG__MARK_ABJAD;
	if (uscript_getScript((UChar32)c, &st) == USCRIPT_HAN && U_SUCCESS(st))
		return VG__MARK_SYLLABLE;
	return 0;
}

/* The general path's state: the text in NFKC UTF-16, where the walk is,
 * and what earlier letters decided for later ones. */
typedef struct {
	emitter e;
	const UChar *nf;
	int32_t n, i;      /* nf[i] is the next code unit to read */
	int cyr_lang;      /* CYR_*: the language of the current Cyrillic word */
	int hangul_seen;   /* a Hangul syllable came before (not a family name) */
	int japanese;      /* Chinese characters are read as a Japanese name */
} walker;

/* UTF-8 s[0..len) decoded and put in NFKC into *nf (*n code units; the
 * caller frees *nf). */
static int to_nfkc(const char *s, size_t len, UChar **nf, int32_t *n)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
	UChar *u16 = NULL, *out = NULL;
	int32_t n16 = 0, nnf;
	size_t cap;
	int error = 0;
	*nf = NULL;
	if (U_FAILURE(st))
		return vg__error_set(VG_ERROR, "normalize.c: ICU NFKC unavailable: %s", u_errorName(st));
	if (len > INT32_MAX / 4)
		return vg__error_set(VG_EDATA, "normalize.c: text too long (%zu bytes)", len);
	if (!(u16 = vg__malloc((len + 1) * sizeof(UChar))))
		return vg__error_oom();
	u_strFromUTF8(u16, (int32_t)len + 1, &n16, s, (int32_t)len, &st);
	if (U_FAILURE(st)) {
		error = vg__error_set(VG_EDATA, "normalize.c: invalid UTF-8 (%s)", u_errorName(st));
		goto cleanup;
	}
	/* NFKC can grow text (ligatures, compatibility forms): 3x plus slack,
	 * retried once with the size ICU asks for. */
	cap = (size_t)n16 * 3 + 16;
	if (!(out = vg__malloc(cap * sizeof(UChar)))) {
		error = vg__error_oom();
		goto cleanup;
	}
	nnf = unorm2_normalize(nfkc, u16, n16, out, (int32_t)cap, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		UChar *p = vg__realloc(out, ((size_t)nnf + 1) * sizeof(UChar));
		if (!p) {
			error = vg__error_oom();
			goto cleanup;
		}
		out = p;
		st = U_ZERO_ERROR;
		nnf = unorm2_normalize(nfkc, u16, n16, out, nnf + 1, &st);
	}
	if (U_FAILURE(st)) {
		error = vg__error_set(VG_ERROR, "normalize.c: NFKC failed: %s", u_errorName(st));
		goto cleanup;
	}
	*nf = out;
	*n = nnf;
	out = NULL;
cleanup:
	free(u16);
	free(out);
	return error;
}

static void walk_ascii(walker *w, int32_t at, UChar32 c)
{
	int split = 0;
	if (c >= 'A' && c <= 'Z' && w->e.prev_lower) {
		char rest[64];
		size_t n = 0;
		int32_t k = at;
		while (k < w->n && n < sizeof(rest) && w->nf[k] < 0x80 &&
		       ((w->nf[k] | 0x20) >= 'a' && (w->nf[k] | 0x20) <= 'z'))
			rest[n++] = (char)w->nf[k++];
		split = camel_split(&w->e, rest, n);
	}
	put_ascii(&w->e, (uint32_t)c, split);
}

static void walk_latin(walker *w, UChar32 c)
{
	const vg__latin_fold_entry *f = &vg__latin_fold[c - 0xC0];
	emitter *e = &w->e;
	if (!f->fold[0]) {
		sep(e);
		return;
	}
	if (f->upper && e->prev_lower && e->run >= 4 && w->i + 1 < w->n &&
	    u_islower(w->nf[w->i]) && u_islower(w->nf[w->i + 1]))
		sep(e);
	put(e, f->fold, strlen(f->fold));
	e->prev_lower = !f->upper;
	e->run++;
}

/* The language of the Cyrillic word starting at nf[at]: і says Ukrainian
 * unless a letter of its own says Belarusian or Kazakh. */
static int cyr_word_lang(const walker *w, int32_t at)
{
	int lang = CYR_RU;
	int32_t k = at;
	while (k < w->n) {
		UChar32 d;
		U16_NEXT(w->nf, k, w->n, d);
		if (classify((uint32_t)d) != CL_CYR)
			break;
		if (vg__cyr_lower((uint32_t)d) == 0x456)
			lang = CYR_UK;
		else if (vg__cyr_lang_of((uint32_t)d) >= 0)
			return vg__cyr_lang_of((uint32_t)d);
	}
	return lang;
}

static void walk_cyrillic(walker *w, int32_t at, UChar32 c)
{
	const char *m;
	if (at_word_start(&w->e) || !(at > 0 && classify(w->nf[at - 1]) == CL_CYR))
		w->cyr_lang = cyr_word_lang(w, at);
	m = vg__cyr_map(vg__cyr_lower((uint32_t)c), w->cyr_lang);
	if (m)
		put(&w->e, m, strlen(m));
	else
		vg__put_icu_run(&w->e, w->nf + at, w->i - at, 0);
	w->e.prev_lower = 0;
}

static void walk_arabic(walker *w, int32_t at, UChar32 c)
{
	emitter *e = &w->e;
	int ws = at_word_start(e) || (last_char(e) == VG__MARK_ABJAD);
	const char *m;
	if ((c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9)) {
		char d = (char)('0' + (c <= 0x669 ? c - 0x660 : c - 0x6F0));
		put(e, &d, 1);
		return;
	}
	if (at_word_start(e)) {
		mark_abjad(e);
		/* the article al- is a word of its own in Latin spellings */
		if (c == 0x627 && w->i + 2 < w->n && w->nf[w->i] == 0x644 &&
		    classify(w->nf[w->i + 1]) == CL_ARABIC &&
		    classify(w->nf[w->i + 2]) == CL_ARABIC) {
			put(e, "al ", 3);
			mark_abjad(e);
			w->i++;
			return;
		}
	}
	m = vg__arabic_map((uint32_t)c, ws);
	/* Persian writes a final vowel e with ه, and joins a suffix after it
	 * with a zero-width non-joiner (خامنه‌ای: Khamenei) */
	if (c == 0x647 && w->i < w->n && w->nf[w->i] == 0x200C)
		m = "";
	if (m)
		put(e, m, strlen(m));
	else
		vg__put_icu_run(e, w->nf + at, w->i - at, 1);
	e->prev_lower = 0;
}

static void walk_hebrew(walker *w, UChar32 c)
{
	emitter *e = &w->e;
	int ws = at_word_start(e) || (last_char(e) == VG__MARK_ABJAD);
	int we = (w->i >= w->n || classify(w->nf[w->i]) != CL_HEBREW);
	const char *m;
	if (at_word_start(e))
		mark_abjad(e);
	m = vg__hebrew_map((uint32_t)c, ws, we);
	if (m)
		put(e, m, strlen(m));
	e->prev_lower = 0;
}

/* A word of a script with a table of vigil's own (abugida.c): the run of
 * its letters and signs, joiners inside it included. */
static void walk_table(walker *w, int32_t at, UChar32 c)
{
	const vg__tr_script *sc = vg__tr_script_of((uint32_t)c);
	int32_t j = w->i;
	while (j < w->n) {
		int32_t k = j;
		UChar32 d;
		U16_NEXT(w->nf, k, w->n, d);
		if (!(classify((uint32_t)d) == CL_TABLE && vg__tr_script_of((uint32_t)d) == sc) &&
		    d != 0x200C && d != 0x200D)
			break;
		j = k;
	}
	if (at_word_start(&w->e) || last_char(&w->e) == VG__MARK_ABJAD)
		;
	else
		sep(&w->e);
	vg__put_table_run(&w->e, sc, w->nf + at, j - at);
	w->i = j;
}

static void walk_hangul(walker *w, UChar32 c)
{
	/* only a name's first syllable is its family name */
	int name_start = !w->hangul_seen;
	w->hangul_seen = 1;
	if (!(w->i - 1 > 0 && classify(w->nf[w->i - 2]) == CL_HANGUL))
		sep(&w->e);
	vg__put_hangul(&w->e, (uint32_t)c, name_start);
}

/* The whole run of letters ICU reads, so that ICU sees words, not letters;
 * a run with Chinese characters or kana is read by cjk.c. */
static void walk_icu(walker *w, int32_t at, UChar32 c)
{
	int32_t j = w->i;
	int cjk = vg__cjk_char(w->nf[at]);
	while (j < w->n) {
		int32_t k = j;
		UChar32 d;
		U16_NEXT(w->nf, k, w->n, d);
		if (classify((uint32_t)d) != CL_ICU)
			break;
		cjk |= vg__cjk_char(w->nf[j]);
		j = k;
	}
	if (cjk)
		vg__put_cjk_run(&w->e, w->nf + at, j - at, w->japanese);
	else
		vg__put_icu_run(&w->e, w->nf + at, j - at, script_mark((uint32_t)c));
	w->i = j;
}

static int fold_unicode(vg_buf *out, const char *s, size_t len)
{
	walker w;
	UChar *nf = NULL;
	int error;
	memset(&w, 0, sizeof(w));
	w.e = (emitter){ out, out->size, 0, 0, 0 };
	w.cyr_lang = CYR_RU;
	if ((error = to_nfkc(s, len, &nf, &w.n)) < 0)
		return error;
	w.nf = nf;
	w.japanese = vg__cjk_japanese(nf, w.n);
	while (w.i < w.n && !w.e.err) {
		int32_t at = w.i;
		UChar32 c;
		U16_NEXT(w.nf, w.i, w.n, c);
		switch (classify((uint32_t)c)) {
		case CL_ASCII: walk_ascii(&w, at, c); break;
		case CL_SKIP: break;
		case CL_LATIN: walk_latin(&w, c); break;
		case CL_CYR: walk_cyrillic(&w, at, c); break;
		case CL_ARABIC: walk_arabic(&w, at, c); break;
		case CL_HEBREW: walk_hebrew(&w, c); break;
		case CL_HANGUL: walk_hangul(&w, c); break;
		case CL_TABLE: walk_table(&w, at, c); break;
		case CL_ICU: walk_icu(&w, at, c); break;
		default: sep(&w.e); break;
		}
	}
	if (w.e.err)
		error = vg__error_oom();
	while (out->size > w.e.start && (out->ptr[out->size - 1] == ' ' ||
					 out->ptr[out->size - 1] == VG__MARK_ABJAD ||
					 out->ptr[out->size - 1] == VG__MARK_SYLLABLE))
		out->size--;
	/* an origin with nothing after it (a word read as nothing) goes too */
	if (out->size >= w.e.start + VG__ORIGIN_LEN &&
	    out->ptr[out->size - VG__ORIGIN_LEN] == VG__MARK_ORIGIN)
		out->size -= VG__ORIGIN_LEN;
	if (out->ptr)
		out->ptr[out->size] = '\0';
	free(nf);
	return error;
}

int vg__text_fold(vg_buf *out, const char *s, size_t len)
{
	size_t i;
	if (!s && len)
		return vg__error_set(VG_EUSAGE, "normalize.c: NULL text");
	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] >= 0x80)
			break;
	}
	if (i == len)
		return fold_ascii(out, s, len);
	if (!vg__utf8_valid(s, len, NULL))
		return vg__error_set(VG_EDATA, "normalize.c: invalid UTF-8 at byte %zu", i);
	return fold_unicode(out, s, len);
}

int vg_text_normalize(vg_buf *out, const char *text, size_t len)
{
	vg_buf tmp = VG_BUF_INIT;
	size_t i;
	int error, space = 0, any = 0;
	if (!out)
		return vg__error_set(VG_EUSAGE, "normalize.c: NULL output buffer");
	if ((error = vg__text_fold(&tmp, text, len)) < 0)
		goto cleanup;
	if ((error = vg_buf_grow(out, out->size + tmp.size)) < 0)
		goto cleanup;
	for (i = 0; i < tmp.size; i++) {
		char c = tmp.ptr[i];
		if (c == VG__MARK_ORIGIN) {
			i += VG__ORIGIN_LEN - 1;
			continue;
		}
		if (c == VG__MARK_SYLLABLE) {
			space = 1; /* syllables of one word are words here */
			continue;
		}
		if (c == VG__MARK_ABJAD)
			continue;
		if (c == ' ' || c == '.' || c == ',') {
			space = 1;
			continue;
		}
		if (space && any)
			out->ptr[out->size++] = ' ';
		space = 0;
		any = 1;
		out->ptr[out->size++] = c;
	}
	if (out->ptr)
		out->ptr[out->size] = '\0';
cleanup:
	vg_buf_dispose(&tmp);
	return error;
}
