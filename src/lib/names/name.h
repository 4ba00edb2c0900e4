/*
 * name.h - the analysed name (internal): its layout, its serialised form in
 * the index, and the retrieval keys the candidate index is built from.
 *
 * A vg_name is ONE fixed-size struct plus one text buffer.  Tokens live in an
 * inline array (at most VG__NAME_MAX_TOKENS; longer names keep their first
 * tokens), and every string a token refers to (its text, phonetic key and
 * consonant skeleton) lives in `text`, NUL-terminated, at the offsets the
 * token records.  That is why a listed name can be decoded from the index
 * without allocating: vg__name_decode() fills a caller-owned vg_name whose
 * `text` points straight into the (mmapped) encoded bytes.
 *
 * Invariant: for every token t, t.off + t.len, t.koff + t.klen and
 * t.soff + t.slen are < text_len and each of those strings is followed by a
 * NUL; text[norm_len] == '\0'.  Analysis and decoding both guarantee it;
 * comparison relies on it and never re-checks.
 *
 * Threads: a vg_name is immutable after analysis/decoding; any number of
 * threads may compare it at once.  Comparison needs no context object: its
 * scratch memory is a few KB on the stack, bounded by VG__NAME_MAX_TOKENS.
 */
#ifndef VG_NAMES_NAME_H
#define VG_NAMES_NAME_H

#include "vigil/common.h"
#include "vigil/compare.h"

#include <stddef.h>
#include <stdint.h>

#define VG__NAME_MAX_TOKENS 24
#define VG__TOKEN_MAX_LEN 64 /* longer tokens are cut (bytes) */

/* What a token is; decides its weight and which rules may align it. */
enum {
	VG__TOK_WORD = 0,    /* an ordinary name part */
	VG__TOK_INITIAL,     /* one letter: "J." */
	VG__TOK_PARTICLE,    /* al, bin, van, de ... */
	VG__TOK_GENERIC,     /* company, group, trading ... (organisations) */
	VG__TOK_NUMBER,      /* digits (number words and roman numerals converted) */
	VG__TOK_ACRONYM,     /* dotted or all-consonant abbreviation: "pla", "lxc" */
	VG__TOK_PATRONYMIC,  /* -ovich, -ovna, ogly ... */
	VG__TOK_N_KINDS
};

/* Token flags. */
enum {
	VG__TF_ABJAD = 1,    /* transliterated from a script without short vowels */
	VG__TF_NONLATIN = 2, /* left untransliterated (no Latin form known) */
	VG__TF_SURNAME = 4,  /* before the comma of "SURNAME, Given" */
	VG__TF_SYLLABLE = 8, /* one Chinese character: same or different, no typos */
	VG__TF_ORGWORD = 16, /* a generic organisation word (bank, army), whatever the schema */
	VG__TF_JOINED = 32,  /* a syllable written in one word with the syllable before (建宏) */
	VG__TF_CJKSPELL = 64, /* in Latin letters, a spelling of a Chinese or Korean syllable */
	VG__TF_REGION = 128, /* a country, region or city (Schweiz, Europe) */
};

typedef struct {
	uint32_t off;      /* token text (lowercase ASCII unless NONLATIN) */
	uint32_t koff;     /* phonetic key */
	uint32_t soff;     /* consonant skeleton */
	uint8_t len, klen, slen;
	uint8_t kind;      /* VG__TOK_* */
	uint8_t flags;     /* VG__TF_* */
	uint8_t pos;       /* position in the original order (for glued tokens) */
	uint16_t group[2]; /* name-variant groups (0 = none) */
	uint16_t origin;   /* characters it was read from (VG__ORIGIN_*, text/normalize.h), 0 = Latin */
	float weight;      /* information content: rare parts weigh more */
} vg__token;

struct vg_name {
	vg_schema schema;
	uint8_t n_tokens;
	uint8_t legal_form;  /* legal-form class (0 = none), see lexicon.h */
	uint8_t flags;
	uint32_t norm_len;   /* the normalised full form is text[0..norm_len) */
	uint32_t text_len;
	const char *text;
	vg__token tokens[VG__NAME_MAX_TOKENS];
	char storage[];      /* text of an analysed (not decoded) name */
};

/* Whether a token's origin (VG__ORIGIN_*) is Hangul; Chinese characters
 * (any other origin but 0). */
static inline int vg__origin_hangul(uint16_t o)
{
	return o >= 0xAC00u && o <= 0xD7A3u;
}
static inline int vg__origin_chinese(uint16_t o)
{
	return o && !vg__origin_hangul(o);
}

/*
 * Serialises an analysed name (appends to `out`).  The bytes are what the
 * index stores per listed name; vigil never re-analyses listed names per
 * query.  Layout (little-endian):
 *
 *   0  u8  'N'            4  u16 norm_len
 *   1  u8  version (2)    6  u16 text_len (incl. NULs)
 *   2  u8  schema         8  n_tokens x 22-byte token records:
 *   3  u8  n_tokens           u16 off, u16 koff, u16 soff, u8 len, u8 klen,
 *                             u8 slen, u8 kind, u8 flags, u8 pos,
 *                             u16 group0, u16 group1, u16 origin,
 *                             f32 weight (IEEE LE)
 *      then u8 legal_form, then text_len bytes of text (offsets above are
 *      relative to it).  Records are self-delimiting: 9 + 22n + text_len.
 */
int vg__name_encode(const vg_name *name, vg_buf *out);

/*
 * Validates bytes produced by vg__name_encode (possibly corrupted: every
 * offset is bounds-checked) and fills the caller-owned `out` as a view: no
 * allocation; out->text points into `data`, which must outlive `out`.
 * *used receives the number of bytes consumed (records can be packed back
 * to back).  VG_EDATA on malformed input.  No allocation; cost is a copy of
 * the token records (bench_compare: decode + compare ~0.2 us over compare).
 */
int vg__name_decode(vg_name *out, size_t *used, const void *data, size_t len);

/* Size in bytes of a vg_name struct (for callers that allocate views). */
size_t vg__name_struct_size(void);

/*
 * Retrieval terms for the candidate index.  A name's terms are what it is
 * found by:
 *   "t:" + a token's text          (not initials or particles)
 *   "t:" + two adjacent tokens glued (for names written together)
 *   "a:" + the initials of the whole name (at least two)
 * Each term stands for a set of the name's tokens (`span`, bit i = token
 * i).  A term has derived keys, which meet the terms of other names
 * written otherwise:
 *   VG__KEY_PHONETIC  "p:" phonetic key of a token
 *   VG__KEY_SKELETON  "s:" consonant skeleton (cross-script, vowel-less;
 *                         of a glued pair too: Arabic "bd al lh" / Abdullah);
 *                         a short one (under VG__SKELETON_SHORT bytes: "b"
 *                         of Popov, "ml" of Emil) only meets across
 *                         scripts: "s:" from a token without written short
 *                         vowels (VG__TF_ABJAD), "v:" from the others, and
 *                         retrieval looks "v:" up as "s:" and "s:" as both
 *                         (David / דוד), never "v:" as "v:"
 *   VG__KEY_DELETE    "d:" the term with one letter deleted, and whole:
 *                         any single typo leaves one shared
 *   VG__KEY_GROUP     "g:" name-variant group id (nicknames, spellings)
 *   VG__KEY_ACRONYM   "a:" an acronym token ("PLA"), to meet initials
 *   VG__KEY_SKELDEL   "k:" a Latin token's consonant skeleton of 3+
 *                         letters, whole and (from 4) with each letter
 *                         deleted: a vowel and a consonant changed
 *                         (Holkorov / Holvarov, skeletons hlkr, hlr) leave
 *                         one shared, where "d:" meets one change only;
 *                         retrieval looks them up for a word no listed
 *                         name has as written
 *   VG__KEY_ENDS      "e:" a Latin token of VG__ENDS_MIN+ bytes: its first
 *                         three and last three bytes and, last, its length
 *                         ('0' + bytes): two letters changed in the middle
 *                         of a long family name (Rustipour / Rustenpour,
 *                         Holkorov / Holvarov) leave it shared, where the
 *                         skeleton less a letter meets hundreds of words at
 *                         a million names; retrieval looks it up with the
 *                         lengths up to two shorter and two longer (two
 *                         letters added or dropped: Akoquigbe /
 *                         Akoulquigbe)
 * Two names the comparator scores >= vg_compare_threshold() share terms
 * or derived keys for most of their weight (the retrieval of match.c
 * relies on it and is measured against comparing every name).  Keys and
 * terms are short byte strings starting with a kind letter and ':' so
 * kinds never collide.
 */
/* A skeleton this long or longer meets skeletons of any script. */
#define VG__SKELETON_SHORT 3

enum {
	VG__KEY_TOKEN = 1,
	VG__KEY_PHONETIC,
	VG__KEY_SKELETON,
	VG__KEY_DELETE,
	VG__KEY_GROUP,
	VG__KEY_ACRONYM,
	VG__KEY_SKELDEL,
	VG__KEY_ENDS,
};
/* The shortest and longest tokens (bytes) with an "e:" key. */
#define VG__ENDS_MIN 6
#define VG__ENDS_MAX 40

typedef struct {
	const char *key; /* "t:..." or "a:..." */
	size_t len;
	uint32_t span;   /* the tokens the term stands for */
	unsigned kind;   /* VG__KEY_TOKEN or VG__KEY_ACRONYM */
	/* what, besides the term's text, its derived keys are made of (the
	 * token's phonetic key, skeleton, groups and flags; where a glued
	 * term joins): one term may have other keys in another name */
	uint64_t keys_of;
} vg__term;

/* Called per term; returns 1 to receive the term's derived keys next
 * (through vg__term_key_cb), 0 not to, < 0 to stop with that error. */
typedef int (*vg__term_cb)(void *ctx, const vg__term *term);
typedef int (*vg__term_key_cb)(void *ctx, const char *key, size_t len, unsigned kind);

/* Enumerates the terms of `name` (duplicates may occur) and, when asked,
 * each term's derived keys.  A callback's error stops it and is returned. */
int vg__name_terms(const vg_name *name, vg__term_cb on_term, vg__term_key_cb on_key,
		   void *ctx);

/* Whether token t gives terms (initials and particles do not). */
static inline int vg__token_keyed(const vg__token *t)
{
	return t->kind != VG__TOK_INITIAL && t->kind != VG__TOK_PARTICLE;
}

/* The normalised full form (for display and explanations): lowercase
 * Latin, single spaces.  Valid as long as `name` is. */
const char *vg__name_normalized(const vg_name *name, size_t *len);

/* Analyses into a new vg_name (same as vg_name_analyze). */
int vg__name_analyze(vg_name **out, const char *s, size_t len, vg_schema schema);

#endif
