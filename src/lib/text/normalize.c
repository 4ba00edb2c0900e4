/*
 * normalize.c - any script folded to lowercase Latin for name comparison.
 *
 * How it works.  Plain ASCII (most listed and screened names) takes a fast
 * path that never touches ICU.  Anything else is decoded to UTF-16, put in
 * NFKC (so presentation forms and full-width letters become ordinary
 * letters), and walked code point by code point:
 *   - Latin-1 and Latin Extended-A fold through a generated table;
 *   - Cyrillic, Arabic/Persian, Hebrew and Hangul use vigil's own tables,
 *     which follow the spellings names are usually written with in Latin
 *     (Russian BGN-like, Ukrainian, Serbian, Kazakh and Belarusian letters
 *     by word; Arabic consonants with long vowels; Korean names the way
 *     passports spell them, one word per syllable);
 *   - Chinese characters read through a table generated from ICU's own
 *     Han-Latin rules (han_data.c), which gives ICU's letters without
 *     ICU's 0.2 s rule compilation and per-call rule walk;
 *   - every other letter run goes through ICU's "Any-Latin; Latin-ASCII"
 *     (Greek, kana, Thai, Devanagari, Armenian, Georgian...).
 * ICU transliterators are slow to open and not thread-safe, so each thread
 * opens its own once and keeps it under a pthread key (closed at thread
 * exit) with a bounded cache of runs already transliterated; no mutable
 * state is shared between threads.
 *
 * Invariant: the output only holds [a-z0-9 .,], VG__MARK_ABJAD, and UTF-8
 * letters of scripts without a Latin form; never two spaces in a row.
 */
#include "text/normalize.h"
#include "common/error.h"
#include "common/utf8.h"
#include "text/han.h"
#include "names/lexicon.h"
#include "vigil/compare.h"
#include "common/alloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

/* ---- output with word-boundary bookkeeping ---------------------------- */

typedef struct {
	vg_buf *out;
	size_t start;    /* out->size on entry: nothing before it is ours */
	int err;
	int prev_lower;  /* last letter was a lowercase Latin letter */
	size_t run;      /* letters since the last word boundary */
} emitter;

static char last_char(const emitter *e)
{
	return e->out->size > e->start ? e->out->ptr[e->out->size - 1] : ' ';
}

static void put(emitter *e, const char *s, size_t n)
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

static void sep(emitter *e)
{
	char c = last_char(e);
	if (c != ' ')
		put(e, " ", 1);
	e->prev_lower = 0;
	e->run = 0;
}

static int at_word_start(const emitter *e)
{
	char c = last_char(e);
	return c == ' ' || c == '.' || c == ',';
}

static void mark_word(emitter *e, int mark)
{
	char m = (char)mark;
	if (mark && at_word_start(e))
		put(e, &m, 1);
}

static void mark_abjad(emitter *e)
{
	mark_word(e, VG__MARK_ABJAD);
}

static void put_punct(emitter *e, char c)
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

static int is_apostrophe(uint32_t c)
{
	return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x02BC ||
	       c == 0x02BB || c == 0x02BE || c == 0x02BF || c == 0x00B4 ||
	       c == 0x2032 || c == 0x055A;
}

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

/* ---- Cyrillic ---------------------------------------------------------- */

enum { CYR_RU, CYR_UK, CYR_BE, CYR_SR, CYR_KK };

static const char *const cyr_ru[32] = {
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
};

static uint32_t cyr_lower(uint32_t c)
{
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	if (c >= 0x460 && c <= 0x4FF && !(c & 1) && !(c >= 0x4C0 && c <= 0x4CF))
		return c + 1;
	return c;
}

static int cyr_lang_of(uint32_t c)
{
	switch (cyr_lower(c)) {
	case 0x452: case 0x453: case 0x455: case 0x458: case 0x459: case 0x45A:
	case 0x45B: case 0x45C: case 0x45F:
		return CYR_SR;
	case 0x454: case 0x457: case 0x491:
		return CYR_UK;
	case 0x45E:
		return CYR_BE;
	case 0x4D9: case 0x493: case 0x49B: case 0x4A3: case 0x4E9: case 0x4B1:
	case 0x4AF: case 0x4BB:
		return CYR_KK;
	default:
		return -1;
	}
}

/* Latin spelling of a lowercase Cyrillic letter, or NULL when unknown. */
static const char *cyr_map(uint32_t c, int lang)
{
	if (lang == CYR_SR) {
		switch (c) {
		case 0x436: return "z";   /* ж */
		case 0x447: return "c";   /* ч */
		case 0x448: return "s";   /* ш */
		case 0x446: return "c";   /* ц */
		case 0x445: return "h";   /* х */
		case 0x452: return "dj";  /* ђ */
		case 0x453: return "gj";  /* ѓ */
		case 0x455: return "dz";  /* ѕ */
		case 0x458: return "j";   /* ј */
		case 0x459: return "lj";  /* љ */
		case 0x45A: return "nj";  /* њ */
		case 0x45B: return "c";   /* ћ */
		case 0x45C: return "kj";  /* ќ */
		case 0x45F: return "dz";  /* џ */
		default: break;
		}
	}
	if (lang == CYR_UK || lang == CYR_BE) {
		if (c == 0x433)
			return "h";           /* г */
		if (c == 0x438 && lang == CYR_UK)
			return "y";           /* и */
	}
	if (c >= 0x430 && c <= 0x44F)
		return cyr_ru[c - 0x430];
	switch (c) {
	case 0x451: return "e";   /* ё */
	case 0x454: return "ye";  /* є */
	case 0x456: return "i";   /* і */
	case 0x457: return "yi";  /* ї */
	case 0x45E: return "u";   /* ў */
	case 0x491: return "g";   /* ґ */
	case 0x4D9: return "a";   /* ә */
	case 0x493: return "g";   /* ғ */
	case 0x49B: return "k";   /* қ */
	case 0x4A3: return "ng";  /* ң */
	case 0x4E9: return "o";   /* ө */
	case 0x4B1: return "u";   /* ұ */
	case 0x4AF: return "u";   /* ү */
	case 0x4BB: return "h";   /* һ */
	case 0x452: return "dj";
	case 0x458: return "j";
	case 0x459: return "lj";
	case 0x45A: return "nj";
	case 0x45B: return "c";
	case 0x45F: return "dz";
	default: return NULL;
	}
}

/* ---- Arabic, Persian, Urdu; Hebrew ------------------------------------- */

/* Consonants as usually romanised; long vowels as vowels; the comparator
 * compares these words on their consonant skeleton anyway. */
static const char *arabic_map(uint32_t c, int word_start)
{
	switch (c) {
	case 0x621: return "";   case 0x622: return "a";  case 0x623: return "a";
	case 0x624: return "";   case 0x625: return "i";  case 0x626: return "";
	case 0x627: return "a";  case 0x628: return "b";  case 0x629: return "a";
	case 0x62A: return "t";  case 0x62B: return "th"; case 0x62C: return "j";
	case 0x62D: return "h";  case 0x62E: return "kh"; case 0x62F: return "d";
	case 0x630: return "dh"; case 0x631: return "r";  case 0x632: return "z";
	case 0x633: return "s";  case 0x634: return "sh"; case 0x635: return "s";
	case 0x636: return "d";  case 0x637: return "t";  case 0x638: return "z";
	case 0x639: return "";   case 0x63A: return "gh"; case 0x641: return "f";
	case 0x642: return "q";  case 0x643: return "k";  case 0x644: return "l";
	case 0x645: return "m";  case 0x646: return "n";  case 0x647: return "h";
	case 0x648: return word_start ? "w" : "u";
	case 0x649: return "a";
	case 0x64A: case 0x6CC: case 0x6D2: return word_start ? "y" : "i";
	case 0x64E: return "a";  case 0x64F: return "u";  case 0x650: return "i";
	case 0x67E: return "p";  case 0x686: return "ch"; case 0x698: return "zh";
	case 0x6AF: return "g";  case 0x6A9: return "k";  case 0x679: return "t";
	case 0x688: return "d";  case 0x691: return "r";  case 0x6BA: return "n";
	case 0x6BE: return "h";  case 0x6C1: return "h";  case 0x6C0: return "h";
	case 0x671: return "a";
	default:
		if ((c >= 0x64B && c <= 0x65F) || c == 0x640 || c == 0x670)
			return ""; /* other harakat, tatweel */
		return NULL;
	}
}

static const char *hebrew_map(uint32_t c, int word_start, int word_end)
{
	switch (c) {
	case 0x5D0: return "";   case 0x5D1: return "b";  case 0x5D2: return "g";
	case 0x5D3: return "d";  case 0x5D4: return word_end ? "" : "h";
	case 0x5D5: return word_start ? "v" : "o";
	case 0x5D6: return "z";  case 0x5D7: return "h";  case 0x5D8: return "t";
	case 0x5D9: return word_start ? "y" : "i";
	case 0x5DA: case 0x5DB: return "k";
	case 0x5DC: return "l";  case 0x5DD: case 0x5DE: return "m";
	case 0x5DF: case 0x5E0: return "n";
	case 0x5E1: return "s";  case 0x5E2: return "";
	case 0x5E3: case 0x5E4: return "p";
	case 0x5E5: case 0x5E6: return "ts";
	case 0x5E7: return "k";  case 0x5E8: return "r";  case 0x5E9: return "sh";
	case 0x5EA: return "t";
	default:
		if (c >= 0x591 && c <= 0x5C7)
			return ""; /* points and cantillation */
		return NULL;
	}
}

/* ---- Hangul ------------------------------------------------------------ */

static const char *const hangul_l[19] = {
	"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj",
	"ch", "k", "t", "p", "h",
};
static const char *const hangul_v[21] = {
	"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo",
	"u", "wo", "we", "wi", "yu", "u", "ui", "i",
};
static const char *const hangul_t[28] = {
	"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l",
	"m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
};

/* Family names spelt the way their bearers spell them in Latin. */
static const struct { uint16_t cp; const char *latin; } hangul_surnames[] = {
	{ 0xAE40, "kim" }, { 0xC774, "lee" }, { 0xBC15, "park" }, { 0xCD5C, "choi" },
	{ 0xC815, "jung" }, { 0xAC15, "kang" }, { 0xC870, "cho" }, { 0xC724, "yoon" },
	{ 0xC7A5, "jang" }, { 0xC784, "lim" }, { 0xD55C, "han" }, { 0xC624, "oh" },
	{ 0xC11C, "seo" }, { 0xC2E0, "shin" }, { 0xAD8C, "kwon" }, { 0xD669, "hwang" },
	{ 0xC548, "ahn" }, { 0xC1A1, "song" }, { 0xB958, "ryu" }, { 0xC804, "jeon" },
	{ 0xD64D, "hong" }, { 0xACE0, "ko" }, { 0xBB38, "moon" }, { 0xC591, "yang" },
	{ 0xC190, "son" }, { 0xBC30, "bae" }, { 0xBC31, "baek" }, { 0xD5C8, "heo" },
	{ 0xC720, "yoo" }, { 0xB0A8, "nam" }, { 0xC2EC, "shim" }, { 0xB178, "noh" },
	{ 0xD558, "ha" }, { 0xACFD, "kwak" }, { 0xCC28, "cha" }, { 0xC8FC, "joo" },
	{ 0xC6B0, "woo" }, { 0xAD6C, "koo" }, { 0xBBFC, "min" }, { 0xB9AC, "ri" },
	{ 0xB9BC, "rim" },
};

static void put_hangul(emitter *e, uint32_t c, int name_start)
{
	uint32_t s = c - 0xAC00;
	sep(e);
	if (name_start) {
		for (size_t i = 0; i < sizeof(hangul_surnames) / sizeof(hangul_surnames[0]); i++) {
			if (hangul_surnames[i].cp == c) {
				put(e, hangul_surnames[i].latin, strlen(hangul_surnames[i].latin));
				return;
			}
		}
	}
	put(e, hangul_l[s / (21 * 28)], strlen(hangul_l[s / (21 * 28)]));
	put(e, hangul_v[(s / 28) % 21], strlen(hangul_v[(s / 28) % 21]));
	put(e, hangul_t[s % 28], strlen(hangul_t[s % 28]));
}

/* ---- ICU for everything else ------------------------------------------- */

/*
 * Each thread's transliterator and a bounded cache of what it produced.
 * Screening sees the same given and family names again and again, and one
 * ICU call costs 10-60 us (Han, Thai, Devanagari): a run found in the cache
 * skips ICU.  Open addressing over TL_SLOTS slots; when the entries or the
 * text arena fill up the whole cache is emptied, so memory stays bounded.
 */
#define TL_SLOTS 8192            /* power of two */
#define TL_ENTRIES 4096          /* at most half the slots: probes stay short */
#define TL_ARENA (1u << 17)      /* UChars of keys and values */
#define TL_MAX_RUN 256           /* longer runs are not cached */

typedef struct {
	uint64_t hash;
	uint32_t at;         /* key then value in the arena */
	uint16_t klen, vlen;
} tl_entry;

typedef struct {
	UTransliterator *t;
	uint32_t slot[TL_SLOTS]; /* entry index + 1, 0 when empty */
	tl_entry ent[TL_ENTRIES];
	size_t n_ent, used;
	UChar arena[TL_ARENA];
} tl_state;

static pthread_once_t translit_once = PTHREAD_ONCE_INIT;
/* Written once under pthread_once, then only read: the per-thread slot key. */
static pthread_key_t translit_key;
static int translit_key_ok;

static void translit_close(void *p)
{
	tl_state *ts = p;
	utrans_close(ts->t);
	free(ts);
}

static void translit_init(void)
{
	translit_key_ok = pthread_key_create(&translit_key, translit_close) == 0;
}

static tl_state *translit(void)
{
	tl_state *ts;
	UErrorCode st = U_ZERO_ERROR;
	static const char id[] = "Any-Latin; Latin-ASCII";
	UChar uid[sizeof(id)];
	pthread_once(&translit_once, translit_init);
	if (!translit_key_ok)
		return NULL;
	ts = pthread_getspecific(translit_key);
	if (ts)
		return ts;
	if (!(ts = vg__malloc(sizeof(*ts))))
		return NULL;
	memset(ts->slot, 0, sizeof(ts->slot));
	ts->n_ent = ts->used = 0;
	u_charsToUChars(id, uid, (int32_t)sizeof(id));
	ts->t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	if (U_FAILURE(st)) {
		free(ts);
		return NULL;
	}
	if (pthread_setspecific(translit_key, ts) != 0) {
		translit_close(ts);
		return NULL;
	}
	return ts;
}

static uint64_t tl_hash(const UChar *s, int32_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (int32_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h ^ (h >> 29);
}

/* The cached transliteration of key[0..n) (its length in *vlen), or NULL;
 * *pos receives the slot where it belongs. */
static const UChar *tl_find(const tl_state *ts, const UChar *key, int32_t n, uint64_t h,
			    int32_t *vlen, size_t *pos)
{
	size_t p = (size_t)h & (TL_SLOTS - 1);
	while (ts->slot[p]) {
		const tl_entry *en = &ts->ent[ts->slot[p] - 1];
		if (en->hash == h && en->klen == n &&
		    !memcmp(ts->arena + en->at, key, (size_t)n * sizeof(UChar))) {
			*vlen = en->vlen;
			return ts->arena + en->at + n;
		}
		p = (p + 1) & (TL_SLOTS - 1);
	}
	*pos = p;
	return NULL;
}

static void tl_add(tl_state *ts, const UChar *key, int32_t n, const UChar *val, int32_t vn,
		   uint64_t h, size_t pos)
{
	size_t need = (size_t)n + (size_t)vn;
	tl_entry *en;
	if (n > TL_MAX_RUN || vn > TL_MAX_RUN * 8)
		return;
	if (ts->n_ent == TL_ENTRIES || TL_ARENA - ts->used < need) {
		memset(ts->slot, 0, sizeof(ts->slot));
		ts->n_ent = ts->used = 0;
		pos = (size_t)h & (TL_SLOTS - 1);
	}
	en = &ts->ent[ts->n_ent];
	en->hash = h;
	en->at = (uint32_t)ts->used;
	en->klen = (uint16_t)n;
	en->vlen = (uint16_t)vn;
	memcpy(ts->arena + ts->used, key, (size_t)n * sizeof(UChar));
	memcpy(ts->arena + ts->used + n, val, (size_t)vn * sizeof(UChar));
	ts->used += need;
	ts->slot[pos] = (uint32_t)++ts->n_ent;
}

static void put_utf8_cp(emitter *e, uint32_t c)
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

#define ITERATION_MARK 0x3005 /* 々: repeat the character before */

static int is_han(UChar c)
{
	return c >= VG__HAN_FIRST && c <= VG__HAN_LAST && vg__han_bmp[c - VG__HAN_FIRST];
}

/* Pinyin of a run of Chinese characters into dst (room for 8 per
 * character), one syllable per character separated by spaces, the way
 * ICU's Han-Latin writes them; ICU keeps 々 as it is, spaced from
 * characters but not from another 々 (佐々々木: zuo 々々 mu).  -1 when a
 * character is not in the table (ICU reads the run then). */
static int32_t han_latin(const UChar *src, int32_t n, UChar *dst)
{
	int32_t i, o = 0;
	for (i = 0; i < n; i++)
		if (!is_han(src[i]) && src[i] != ITERATION_MARK)
			return -1;
	for (i = 0; i < n; i++) {
		const char *sy;
		if (i && !(src[i] == ITERATION_MARK && src[i - 1] == ITERATION_MARK))
			dst[o++] = ' ';
		if (src[i] == ITERATION_MARK) {
			dst[o++] = src[i];
			continue;
		}
		sy = vg__han_syll[vg__han_bmp[src[i] - VG__HAN_FIRST]];
		if (i + 1 < n) {
			for (size_t k = 0; k < vg__han_n_context; k++)
				if (vg__han_context[k].c == src[i] &&
				    vg__han_context[k].next == src[i + 1])
					sy = vg__han_syll[vg__han_context[k].syll];
		}
		while (*sy)
			dst[o++] = (UChar)*sy++;
	}
	return o;
}

/* ICU's transliteration of src[0..n) into dst (room for cap), through the
 * thread's cache; -1 when ICU is unavailable or failed. */
static int32_t icu_latin(const UChar *src, int32_t n, UChar *dst, int32_t cap)
{
	tl_state *ts = translit();
	const UChar *hit;
	int32_t len = n, lim = n;
	UErrorCode st = U_ZERO_ERROR;
	size_t pos = 0;
	uint64_t h = 0;
	if (!ts || n > cap)
		return -1;
	if (n <= TL_MAX_RUN) {
		h = tl_hash(src, n);
		if ((hit = tl_find(ts, src, n, h, &len, &pos)) != NULL) {
			if (len > cap)
				return -1;
			memcpy(dst, hit, (size_t)len * sizeof(UChar));
			return len;
		}
	}
	memcpy(dst, src, (size_t)n * sizeof(UChar));
	utrans_transUChars(ts->t, dst, &len, cap, 0, &lim, &st);
	if (U_FAILURE(st))
		return -1;
	if (n <= TL_MAX_RUN)
		tl_add(ts, src, n, dst, len, h, pos);
	return len;
}

static int is_kana(UChar c)
{
	return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA);
}

/*
 * A Japanese run mixing kana and Chinese characters (くみ子), the way ICU's
 * Any-Latin writes it: kana by ICU, characters by the table, a space before
 * characters that follow kana, none after them ("kumi zi", "zikumi"), and
 * none around 々.  -1 when the run is anything else.
 */
static int32_t kana_han_latin(const UChar *src, int32_t n, UChar *dst, int32_t cap)
{
	int32_t i = 0, o = 0, k;
	int han = 0, kana = 0;
	for (k = 0; k < n; k++) {
		if (is_han(src[k]) || src[k] == ITERATION_MARK)
			han = 1;
		else if (is_kana(src[k]))
			kana = 1;
		else
			return -1;
	}
	if (!han || !kana)
		return -1;
	while (i < n) {
		int32_t j = i, m;
		int h = !is_kana(src[i]);
		while (j < n && (!is_kana(src[j])) == h)
			j++;
		if (h) {
			if (i > 0 && src[i] != ITERATION_MARK)
				dst[o++] = ' ';
			if (cap - o < 8 * (j - i))
				return -1;
			m = han_latin(src + i, j - i, dst + o);
		} else {
			m = icu_latin(src + i, j - i, dst + o, cap - o);
		}
		if (m < 0)
			return -1;
		o += m;
		i = j;
	}
	return o;
}

/* Transliterates src[0..n) (letters of scripts without own tables); `mark`
 * (0 or a VG__MARK_*) goes in front of every word of the result. */
static void put_icu_run(emitter *e, const UChar *src, int32_t n, int mark)
{
	UChar stackbuf[256], *buf = stackbuf;
	int32_t cap = (int32_t)(sizeof(stackbuf) / sizeof(stackbuf[0])), len, i = 0;
	size_t want;
	int ok;
	if (n <= 0)
		return;
	if (vg__mul_overflow(&want, (size_t)n, 8) || want > INT32_MAX / 2) {
		e->err = VG_ENOMEM;
		return;
	}
	if ((int32_t)want + 16 > cap) {
		cap = (int32_t)want + 16;
		buf = vg__malloc((size_t)cap * sizeof(UChar));
		if (!buf) {
			e->err = VG_ENOMEM;
			return;
		}
	}
	if ((len = han_latin(src, n, buf)) < 0 &&
	    (len = kana_han_latin(src, n, buf, cap)) < 0)
		len = icu_latin(src, n, buf, cap);
	ok = len >= 0;
	if (!ok) {
		/* untransliterated: the letters are kept as they are */
		memcpy(buf, src, (size_t)n * sizeof(UChar));
		len = n;
	}
	mark_word(e, mark);
	while (i < len) {
		UChar32 c;
		U16_NEXT(buf, i, len, c);
		if (c < 0x80) {
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				char ch = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
				put(e, &ch, 1);
			} else if (!is_apostrophe((uint32_t)c)) {
				sep(e);
				mark_word(e, mark);
			}
		} else if (u_isalpha(c) || u_isdigit(c)) {
			put_utf8_cp(e, (uint32_t)u_tolower(c));
		} else if (u_charType(c) == U_NON_SPACING_MARK ||
			   u_charType(c) == U_COMBINING_SPACING_MARK || is_apostrophe((uint32_t)c)) {
			if (!ok)
				put_utf8_cp(e, (uint32_t)c);
		} else {
			sep(e);
		}
	}
	e->prev_lower = 0;
	if (buf != stackbuf)
		free(buf);
}

/* ---- the general path -------------------------------------------------- */

enum { CL_SEP, CL_ASCII, CL_SKIP, CL_LATIN, CL_CYR, CL_ARABIC, CL_HEBREW, CL_HANGUL, CL_ICU };

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
	if (u_isalpha((UChar32)c) || u_isdigit((UChar32)c) ||
	    u_charType((UChar32)c) == U_NON_SPACING_MARK ||
	    u_charType((UChar32)c) == U_COMBINING_SPACING_MARK)
		return CL_ICU;
	return CL_SEP;
}

/* Thai is written without most vowels in ICU's transliteration: compare
 * it on consonants like Arabic.  Each Chinese character is one syllable. */
static int script_mark(uint32_t c)
{
	UErrorCode st = U_ZERO_ERROR;
	if (c >= 0x0E00 && c <= 0x0E7F)
		return VG__MARK_ABJAD;
	if (uscript_getScript((UChar32)c, &st) == USCRIPT_HAN && U_SUCCESS(st))
		return VG__MARK_SYLLABLE;
	return 0;
}

static int fold_unicode(vg_buf *out, const char *s, size_t len)
{
	emitter e = { out, out->size, 0, 0, 0 };
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
	UChar *u16 = NULL, *nf = NULL;
	int32_t n16 = 0, nnf = 0, i = 0;
	int cyr_lang = CYR_RU, hangul_seen = 0, error = 0;
	size_t cap;

	if (U_FAILURE(st))
		return vg__error_set(VG_ERROR, "normalize.c: ICU NFKC unavailable: %s", u_errorName(st));
	if (len > INT32_MAX / 4)
		return vg__error_set(VG_EDATA, "normalize.c: text too long (%zu bytes)", len);
	u16 = vg__malloc((len + 1) * sizeof(UChar));
	if (!u16) {
		error = vg__error_oom();
		goto cleanup;
	}
	u_strFromUTF8(u16, (int32_t)len + 1, &n16, s, (int32_t)len, &st);
	if (U_FAILURE(st)) {
		error = vg__error_set(VG_EDATA, "normalize.c: invalid UTF-8 (%s)", u_errorName(st));
		goto cleanup;
	}
	/* NFKC can grow text (ligatures, compatibility forms): 3x plus slack,
	 * retried once with the size ICU asks for. */
	cap = (size_t)n16 * 3 + 16;
	nf = vg__malloc(cap * sizeof(UChar));
	if (!nf) {
		error = vg__error_oom();
		goto cleanup;
	}
	nnf = unorm2_normalize(nfkc, u16, n16, nf, (int32_t)cap, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		UChar *p = vg__realloc(nf, ((size_t)nnf + 1) * sizeof(UChar));
		if (!p) {
			error = vg__error_oom();
			goto cleanup;
		}
		nf = p;
		st = U_ZERO_ERROR;
		nnf = unorm2_normalize(nfkc, u16, n16, nf, nnf + 1, &st);
	}
	if (U_FAILURE(st)) {
		error = vg__error_set(VG_ERROR, "normalize.c: NFKC failed: %s", u_errorName(st));
		goto cleanup;
	}

	while (i < nnf && !e.err) {
		int32_t at = i, j;
		UChar32 c;
		U16_NEXT(nf, i, nnf, c);
		switch (classify((uint32_t)c)) {
		case CL_ASCII: {
			int split = 0;
			if (c >= 'A' && c <= 'Z' && e.prev_lower) {
				char rest[64];
				size_t n = 0;
				int32_t k = at;
				while (k < nnf && n < sizeof(rest) && nf[k] < 0x80 &&
				       ((nf[k] | 0x20) >= 'a' && (nf[k] | 0x20) <= 'z'))
					rest[n++] = (char)nf[k++];
				split = camel_split(&e, rest, n);
			}
			put_ascii(&e, (uint32_t)c, split);
			break;
		}
		case CL_SKIP:
			break;
		case CL_LATIN: {
			const vg__latin_fold_entry *f = &vg__latin_fold[c - 0xC0];
			if (!f->fold[0]) {
				sep(&e);
				break;
			}
			if (f->upper && e.prev_lower && e.run >= 4 && i + 1 < nnf &&
			    u_islower(nf[i]) && u_islower(nf[i + 1]))
				sep(&e);
			put(&e, f->fold, strlen(f->fold));
			e.prev_lower = !f->upper;
			e.run++;
			break;
		}
		case CL_CYR: {
			uint32_t lc = cyr_lower((uint32_t)c);
			const char *m;
			if (at_word_start(&e) || !(at > 0 && classify(nf[at - 1]) == CL_CYR)) {
				/* a new Cyrillic word: which language's letters? */
				int32_t k = at;
				cyr_lang = CYR_RU;
				while (k < nnf) {
					UChar32 d;
					U16_NEXT(nf, k, nnf, d);
					if (classify((uint32_t)d) != CL_CYR)
						break;
					if (cyr_lower((uint32_t)d) == 0x456) {
						/* і: Ukrainian unless a letter of its own says
						 * Belarusian or Kazakh */
						cyr_lang = CYR_UK;
					} else if (cyr_lang_of((uint32_t)d) >= 0) {
						cyr_lang = cyr_lang_of((uint32_t)d);
						break;
					}
				}
			}
			m = cyr_map(lc, cyr_lang);
			if (m)
				put(&e, m, strlen(m));
			else
				put_icu_run(&e, nf + at, i - at, 0);
			e.prev_lower = 0;
			break;
		}
		case CL_ARABIC: {
			int ws = at_word_start(&e) || (last_char(&e) == VG__MARK_ABJAD);
			const char *m;
			if (c >= 0x660 && c <= 0x669) {
				char d = (char)('0' + (c - 0x660));
				put(&e, &d, 1);
				break;
			}
			if (c >= 0x6F0 && c <= 0x6F9) {
				char d = (char)('0' + (c - 0x6F0));
				put(&e, &d, 1);
				break;
			}
			if (at_word_start(&e)) {
				mark_abjad(&e);
				/* the article al- is a word of its own in Latin spellings */
				if (c == 0x627 && i + 2 < nnf && nf[i] == 0x644 &&
				    classify(nf[i + 1]) == CL_ARABIC && classify(nf[i + 2]) == CL_ARABIC) {
					put(&e, "al ", 3);
					mark_abjad(&e);
					i++;
					break;
				}
			}
			m = arabic_map((uint32_t)c, ws);
			if (m)
				put(&e, m, strlen(m));
			else
				put_icu_run(&e, nf + at, i - at, 1);
			e.prev_lower = 0;
			break;
		}
		case CL_HEBREW: {
			int ws = at_word_start(&e) || (last_char(&e) == VG__MARK_ABJAD);
			int we = (i >= nnf || classify(nf[i]) != CL_HEBREW);
			const char *m;
			if (at_word_start(&e))
				mark_abjad(&e);
			m = hebrew_map((uint32_t)c, ws, we);
			if (m)
				put(&e, m, strlen(m));
			e.prev_lower = 0;
			break;
		}
		case CL_HANGUL: {
			/* only a name's first syllable is its family name */
			int name_start = !hangul_seen;
			hangul_seen = 1;
			put_hangul(&e, (uint32_t)c, name_start);
			if (i < nnf && classify(nf[i]) == CL_HANGUL)
				sep(&e);
			e.prev_lower = 0;
			break;
		}
		case CL_ICU:
			/* gather the whole run so ICU sees words, not letters */
			j = i;
			while (j < nnf) {
				int32_t k = j;
				UChar32 d;
				U16_NEXT(nf, k, nnf, d);
				if (classify((uint32_t)d) != CL_ICU)
					break;
				j = k;
			}
			put_icu_run(&e, nf + at, j - at, script_mark((uint32_t)c));
			i = j;
			break;
		default:
			sep(&e);
			break;
		}
	}
	if (e.err)
		error = vg__error_oom();
	while (out->size > e.start && (out->ptr[out->size - 1] == ' ' ||
				       out->ptr[out->size - 1] == VG__MARK_ABJAD ||
				       out->ptr[out->size - 1] == VG__MARK_SYLLABLE))
		out->size--;
	if (out->ptr)
		out->ptr[out->size] = '\0';
cleanup:
	free(u16);
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
		if (c == VG__MARK_ABJAD || c == VG__MARK_SYLLABLE)
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
