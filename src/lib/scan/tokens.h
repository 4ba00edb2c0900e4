/*
 * tokens.h - cutting text into normalised word tokens with byte offsets
 * (internal to the scan stage).
 *
 * Invariant: tokens are in text order, never overlap, and [start, end) are
 * byte offsets into the caller's text on UTF-8 character boundaries; the
 * normalised form of every token is non-empty lower-case ASCII (or the
 * normaliser's output for scripts it cannot romanise, or the ideograph
 * itself for Han and kana) without spaces, and
 * the same word always normalises to the same bytes, whether it comes from
 * a listed name or from scanned text.
 */
#ifndef VG_SCAN_TOKENS_H
#define VG_SCAN_TOKENS_H

#include "vigil/common.h"

#include <stdint.h>
#include <stdbool.h>
#include <string.h>

/* vg__tok.flags */
enum {
	VG_TOKF_CAP = 1u << 0,      /* starts with a capital letter */
	VG_TOKF_UNCASED = 1u << 1,  /* script without case (Arabic, Han ...) */
	VG_TOKF_CYRILLIC = 1u << 2, /* written in Cyrillic: inflected */
	VG_TOKF_HAN = 1u << 3,      /* one ideograph or kana (no spaces in text) */
	VG_TOKF_POSSESSIVE = 1u << 4, /* followed by 's / ’s (dropped) */
	VG_TOKF_ALLCAPS = 1u << 5,
	VG_TOKF_ARABIC = 1u << 6,   /* written in Arabic script */
	VG_TOKF_ARTICLE = 1u << 7,  /* Arabic, with the article (stripped) */
	VG_TOKF_AYN = 1u << 8,      /* Arabic, starts with ayn or hamza, which
				     * the normalised form drops ("عمر": mr) */
	VG_TOKF_ALT_AYN = 1u << 9,  /* ... its form without a clitic does */
	VG_TOKF_HANGUL = 1u << 10,  /* one Hangul syllable of a word, romanised
				     * as the whole word reads */
	VG_TOKF_JOINED = 1u << 11,  /* Arabic, two words read as one compound
				     * (vg__arabic_join: "حزب الله") */
	VG_TOKF_ASSIM = 1u << 12,   /* ... the article's l assimilated
				     * ("سراج الدين": Sirajuddin) */
	VG_TOKF_TRANSLATED = 1u << 13, /* the English word of a Chinese word
					* (data/scan_chinese.txt: "党" party),
					* spanning it */
	VG_TOKF_ZH_NAME = 1u << 14, /* Chinese characters of a foreign name,
				     * its Latin reading (哈马斯: hamasi) */
	VG_TOKF_KO_FAMILY = 1u << 15, /* Han: the family name, first of the
				       * three characters of a Korean name
				       * read as Korean (alt) */
};

/* vg__tok.brk: what separates a token from the one before it. */
enum {
	VG_BRK_SPACE = 0, /* white space, a hyphen, an apostrophe, an initial's dot */
	VG_BRK_SOFT = 1,  /* a comma or similar: lists inside one name */
	VG_BRK_HARD = 2,  /* end of sentence, brackets, quotes, paragraph, tag */
};

/* vg__tok.punct: punctuation in the separator before a token. */
enum {
	VG_PUNCT_OPEN = 1u << 0,  /* ( [ （ */
	VG_PUNCT_CLOSE = 1u << 1, /* ) ] ） */
	VG_PUNCT_QUOTE = 1u << 2, /* " « » “ ” „ 「 」 『 』 */
	VG_PUNCT_COLON = 1u << 3, /* : */
	VG_PUNCT_DASH = 1u << 4,  /* - – — */
	VG_PUNCT_NEWLINE = 1u << 5, /* a line break (one: names may wrap) */
};

typedef struct {
	uint32_t start, end;   /* bytes in the text */
	uint32_t norm;         /* offset of the normalised form in the pool */
	uint16_t norm_len;
	uint16_t flags;        /* VG_TOKF_* */
	uint8_t brk;
	uint8_t punct;         /* VG_PUNCT_* before the token */
	uint16_t alt_len;      /* 0, or the length of alt */
	uint32_t alt;          /* Arabic: the form without a one-letter clitic;
				* a character of a Korean name in Chinese
				* (VG_TOKF_HAN): its Korean reading */
} vg__tok;

/* A cache of normalised forms of non-ASCII words (ICU is slow; words
 * repeat), plus the pool the normalised forms live in. */
typedef struct {
	vg_buf pool;
	uint32_t *slots; /* index into ents + 1; 0 = empty */
	uint32_t cap, used;
	struct vg__ncache_ent {
		uint64_t hash;
		uint32_t raw, raw_len; /* raw word: offset into raw pool */
		uint32_t norm;
		uint16_t norm_len;
	} *ents;
	uint32_t n_ents, cap_ents;
	vg_buf raw;
	vg_buf tmp;
	size_t base; /* the text's offset in a longer one, for messages */
} vg__tokenizer;

void vg__tokenizer_init(vg__tokenizer *tz);
void vg__tokenizer_dispose(vg__tokenizer *tz);

typedef struct vg__toks_s {
	vg__tok *v;
	size_t n, cap;
} vg__toks;

/*
 * Appends the tokens of text[0..len) to *toks; normalised forms go to
 * tz->pool.  With `html`, markup (tags, comments, script and style bodies,
 * character references) counts as space and block-level tags as paragraph
 * breaks.  Invalid UTF-8, NUL bytes and control characters fail with
 * VG_EDATA "byte N: ..." (offset into text) and leave *toks partly filled.
 */
int vg__tokenize(vg__toks *toks, vg__tokenizer *tz, const char *text,
		 size_t len, bool html);

/* The loose key of a normalised token (see scan.h): written to out (cap
 * bytes at least len + 1); returns its length.  With fold_vowels the key
 * the dictionary is reached by (vowels folded); without, the precise key
 * that tells a case form from a mere likeness. */
size_t vg__loose_key(char *out, const char *norm, size_t len, bool fold_vowels);

/* Is raw[0..n) (UTF-8 Hangul) one or two Korean particles or titles
 * (data/scan_affixes.txt particle-ko: "은", "위원장이"; depth: 0)? */
bool vg__korean_particles(const char *raw, size_t n, int depth);
/* The consonant skeleton of norm[0..len) into out (room for len + 1
 * bytes), for matching Arabic script; its length, 0 when there is none. */
#define VG_SKEL_MAX 64
size_t vg__skeleton_key(char *out, const char *norm, size_t len);
/* The same from an Arabic-script word as written (out: room for
 * VG_SKEL_MAX + 1 bytes); with clitic, without its one-letter clitic; 0
 * when there is none. */
size_t vg__arabic_skeleton(char *out, const char *raw, size_t len, bool clitic);

/* Are the Arabic-script words a[0..an) and b[0..bn) (raw bytes) one word
 * as written: the same letters after a one-letter clitic, and both with
 * the article or both without it ("القاعدة" and "بالقاعدة"; not "القادة",
 * the leaders, nor "قاعدة", a base, which spell the same consonants)? */
bool vg__arabic_same_word(const char *a, size_t an, const char *b, size_t bn);

/* Arabic compound names written in two words (the second with the
 * article) that lists write in one: "حزب الله" HIZBALLAH, "سراج الدين"
 * SIRAJUDDIN.  vg__arabic_joined writes the one word raw[0..len) (the two
 * words and the space between) reads as: the article's alef dropped (it is
 * silent there), and with assimilate its l too before a sun letter (the
 * Latin doubles that letter instead).  Returns its length, 0 when raw is
 * no such pair or out (cap bytes) is too small. */
size_t vg__arabic_joined(char *out, size_t cap, const char *raw, size_t len, bool assimilate);
/* Does Arabic token b (with the article) start with "ال" and a sun letter
 * after it? */
bool vg__arabic_sun_article(const char *text, const vg__tok *b);
/* Fills *out with tokens a and b read as one word (VG_TOKF_JOINED): its
 * normalised form, and without a's one-letter clitic in alt when a has
 * one; 0, or 1 when they are no such pair, or < 0 on error. */
int vg__arabic_join(vg__tok *out, vg__tokenizer *tz, const char *text, const vg__tok *a,
		    const vg__tok *b, bool assimilate);

/* The key by which a foreign name written in Chinese syllables and a
 * listed word (four letters or more) are compared: the consonant skeleton
 * (vg__skeleton_key) with r as l, z as j, x as s and gh as g, which
 * Chinese does not tell apart, and a letter twice once ("taliban" and
 * 塔利班, "talieban": tlbn).  Its length, 0 when none; out holds len + 1. */
size_t vg__zh_key(char *out, const char *w, size_t len);
/* Are text tokens t and u (u right after t) words of one foreign name
 * written in Chinese syllables, parted by its dot (尼古拉·帕特鲁舍夫)? */
bool vg__zh_dot_between(const char *text, const vg__tok *t, const vg__tok *u);
/* Is text token t, Chinese characters of a foreign name, a particle of
 * Arabic names (data/scan_chinese.txt particle:, 本, 阿布), traditional or
 * simplified? */
bool vg__zh_particle(const char *text, const vg__tok *t);
/* Does text[p..len) start with the word of a body's organ
 * (data/scan_chinese.txt subunit:, 委员会), traditional or simplified? */
bool vg__zh_subunit_at(const char *text, size_t p, size_t len);

/* A hash of a loose key (vg__hit.lo1, vg__stok.lo1). */
uint32_t vg__key_hash32(const char *key, size_t len);

/* The slot hash of the scan stage's in-memory tables (the dictionary's
 * words and keys, the word lists of words.c): a word is hashed for nearly
 * every token of a text, so it is inline and reads eight bytes at a time,
 * never past s[n).  Only probes use it, never stored data, so it may change
 * freely. */
static inline uint32_t vg__word_hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ (uint64_t)n, v;
	size_t k;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&v, s, 8);
		h = (h ^ v) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	for (v = 0, k = 0; k < n; k++)
		v |= (uint64_t)(unsigned char)s[k] << (8 * k);
	h = (h ^ v) * 0xff51afd7ed558ccdu;
	h ^= h >> 29;
	h *= 0xc4ceb9fe1a85ec53u;
	return (uint32_t)(h ^ (h >> 32));
}

#endif
