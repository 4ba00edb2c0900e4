/*
 * lexicon.h - lookups in the linguistic tables compiled from data/ (text files) by
 * data/gen.py (internal).
 *
 * The tables are const and generated (lexicon_data.c): one packed string
 * pool plus open-addressing hash tables of indexes into it, so a lookup
 * touches two or three cache lines and never allocates.
 */
#ifndef VG_NAMES_LEXICON_H
#define VG_NAMES_LEXICON_H

#include <stddef.h>
#include <stdint.h>

/* Word flags. */
enum {
	VG__LEX_TITLE = 1,
	VG__LEX_PARTICLE = 2,
	VG__LEX_STOP = 4,
	VG__LEX_GENERIC = 8,
	VG__LEX_LEGAL_START = 16,       /* first word of a legal-form phrase */
	VG__LEX_LEGAL_AMBIG_START = 32, /* ... of an ambiguous one */
	VG__LEX_FUZZY = 64,  /* a generic/legal word or one letter deleted from one */
	VG__LEX_PREFIX = 128, /* first part of compound given names (MOHAMMADREZA) */
};

typedef struct {
	uint32_t str;      /* offset in vg__lex_pool */
	uint8_t len;
	uint8_t flags;     /* VG__LEX_* */
	uint8_t freq;      /* 0 unlisted, 1 very common, 2 common */
	uint8_t generic_w; /* weight x 100 of a generic organisation word */
	uint8_t cjk;       /* VG__LEX_CJK_*, VG__LEX_REGION */
	uint16_t num;      /* a number word: value + 1, or VG__LEX_NUM_MULT | value
			    * (hundred); VG__LEX_NUM_FUZZY: one letter dropped */
	uint16_t group[2]; /* name-variant groups, 0 = none */
} vg__lex_word;

enum { VG__LEX_NUM_MULT = 0x8000, VG__LEX_NUM_FUZZY = 0x4000 };

/* vg__lex_word.cjk: the word is a spelling of a Mandarin syllable (pinyin,
 * or a line of data/chinese_syllables.txt), of a Korean syllable
 * (data/korean_syllables.txt); the name of a country, region or city
 * (data/region_words.txt). */
enum { VG__LEX_CJK_CHINESE = 1, VG__LEX_CJK_KOREAN = 2, VG__LEX_REGION = 4 };

typedef struct {
	uint32_t str;
	uint8_t len;
	uint8_t cls;       /* legal-form class, index in vg__legal_class_names */
	uint8_t ambiguous;
	uint8_t ntok;
} vg__lex_phrase;

extern const char vg__lex_pool[];
extern const vg__lex_word vg__lex_words[];
extern const uint16_t vg__lex_word_slots[];
extern const uint32_t vg__lex_word_mask;
extern const vg__lex_phrase vg__lex_phrases[];
extern const uint16_t vg__lex_phrase_slots[];
extern const uint32_t vg__lex_phrase_mask;
extern const unsigned vg__lex_phrase_max_tokens;
extern const vg__lex_phrase vg__lex_compact[];   /* ambiguous = 1: a deletion */
extern const uint16_t vg__lex_compact_slots[];
extern const uint32_t vg__lex_compact_mask;
extern const vg__lex_phrase vg__lex_cnvar[];    /* "pinyin spelling" */
extern const uint16_t vg__lex_cnvar_slots[];
extern const uint32_t vg__lex_cnvar_mask;
extern const unsigned vg__lex_n_groups;
extern const char *const vg__legal_class_names[];
extern const unsigned vg__legal_n_classes;

/* ASCII folding of U+00C0..U+017F (generated from Unicode decompositions). */
typedef struct {
	char fold[3];      /* "" for signs that separate words (x, /) */
	uint8_t upper;     /* a capital letter */
} vg__latin_fold_entry;
extern const vg__latin_fold_entry vg__latin_fold[192];

/* A Japanese name in kanji (data/japanese_names.txt): vg__ja_units[at..
 * at+len) spell it; entries sorted by their code units. */
typedef struct {
	uint32_t at;
	uint8_t len;
	uint8_t family;    /* a family name (else a given name) */
	const char *reading;
} vg__ja_name;
extern const uint16_t vg__ja_units[];
extern const vg__ja_name vg__ja_names[];
extern const size_t vg__ja_n_names;

/* The longest Japanese name spelt at the start of s[0..n), or NULL. */
const vg__ja_name *vg__ja_find(const uint16_t *s, size_t n);

/* Whether `spelling` is a way of writing the Mandarin syllable `pinyin`
 * in Latin letters other than pinyin (data/chinese_syllables.txt). */
int vg__lex_cn_variant(const char *pinyin, size_t pn, const char *spelling, size_t sn);

/* The entry for a word (normalised form), or NULL. */
const vg__lex_word *vg__lex_word_find(const char *s, size_t len);
/* The legal-form phrase (words joined by single spaces), or NULL. */
const vg__lex_phrase *vg__lex_phrase_find(const char *s, size_t len);
/* A legal form written without spaces ("sadecv"), or one with a letter
 * deleted ("ambiguous" set then), or NULL. */
const vg__lex_phrase *vg__lex_compact_find(const char *s, size_t len);

#endif
