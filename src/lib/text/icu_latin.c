/*
 * icu_latin.c - letters of scripts without tables of vigil's own, through
 * ICU's "Any-Latin; Latin-ASCII" (Chinese characters are read by cjk.c).
 *
 * ICU transliterators are slow to open and not thread-safe, so each thread
 * opens its own once and keeps it under a pthread key (closed at thread
 * exit) with a bounded cache of runs already transliterated; no mutable
 * state is shared between threads.
 */
#include "text/icu_latin.h"
#include "common/alloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

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

/* Transliterates src[0..n) (letters of scripts without own tables); `mark`
 * (0 or a VG__MARK_*) goes in front of every word of the result. */
void vg__put_icu_run(emitter *e, const UChar *src, int32_t n, int mark)
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
		} else if (is_apostrophe((uint32_t)c) && ok) {
			/* ʾ ʿ of transliterated abjads: a letter we do not write */
		} else if (c == 0x01DD || c == 0x0259) {
			/* ǝ, the sixth-order vowel of Ethiopic: mostly silent in names */
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

