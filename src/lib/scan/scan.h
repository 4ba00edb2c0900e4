/*
 * scan.h - finding listed names in free text (internal).
 *
 * How it works.  A scanner is a dictionary of every token of every listed
 * name, built once from an index: each distinct token has a number, its
 * weight (rarer = heavier), the entities count it occurs in, and postings
 * to the names that hold it.  Each token is reachable by two keys: its
 * exact normalised form ("putin") and a loose key (consonant-cluster
 * folding plus Russian/Ukrainian case endings stripped: "putin", "putina",
 * "putinym" -> "putin"; "zelenskyy", "zelenskogo" -> "zelensk").
 *
 * Scanning tokenises the text once (byte offsets kept), looks every token
 * up with one hash probe (two for long or Cyrillic words that miss), and
 * only around tokens that hit ("anchors") grows windows of consecutive
 * tokens that all belong to one listed name.  A window becomes a mention
 * only with enough distinctive evidence (see scan.c), so ordinary words
 * that happen to be listed names or parts of them do not alert.
 *
 * Invariant: a finished scanner is immutable and may be shared by threads;
 * all per-scan memory lives in the scan call.
 */
#ifndef VG_SCAN_SCAN_H
#define VG_SCAN_SCAN_H

#include "vigil/common.h"
#include "vigil/index.h"
#include "vigil/scan.h"

#include <stdint.h>

typedef struct vg__scanner vg__scanner;

/* An empty scanner; fill it with vg__scanner_add_name and seal it with
 * vg__scanner_finish.  Free with vg__scanner_free. */
int vg__scanner_new(vg__scanner **out);
void vg__scanner_free(vg__scanner *s);

/* vg__scanner_add_name flags */
enum {
	VG_SCAN_NAME_WEAK = 1u << 0, /* weak alias: lower score */
	VG_SCAN_NAME_ARABIC = 1u << 1, /* a person's Arabic name, spelt in
					* Latin letters with varying vowels
					* (Okacha, Akacha) */
};

/* Adds one listed name (raw UTF-8 as listed) of entity `entity` of
 * `schema`.  Names without a usable token are ignored (returns 0). */
int vg__scanner_add_name(vg__scanner *s, uint32_t entity, vg_schema schema,
			 const char *name, size_t len, unsigned flags);
int vg__scanner_finish(vg__scanner *s);

/* Builds a finished scanner from every name of every entity of an index. */
int vg__scanner_from_index(vg__scanner **out, const vg_index *index);

/* One mention found in the text. */
typedef struct {
	size_t start, end;   /* byte offsets into the scanned text */
	uint32_t entity;     /* ordinal given to vg__scanner_add_name */
	uint32_t name;       /* which listed name (vg__scanner_name_text) */
	double score;
	unsigned rule;       /* VG_SCAN_RULE_* */
	size_t ref_start;    /* RULE_SURNAME, RULE_ALIAS: the mention referred to */
	uint32_t n_alternatives; /* other entities with the same name here */
	uint32_t alternatives[4];
} vg__mention;

enum {
	VG_SCAN_RULE_FULL = 0,    /* enough tokens of a multi-token name */
	VG_SCAN_RULE_SINGLE = 1,  /* a distinctive one-word name */
	VG_SCAN_RULE_SURNAME = 2, /* a surname after the full name in the text */
	VG_SCAN_RULE_LONE_SURNAME = 3, /* a rare surname standing alone */
	VG_SCAN_RULE_ALIAS = 4,   /* a name the text gives the party it named */
	VG_SCAN_RULE_RELATIVE = 5, /* a relative's given name after a kinship
				    * word, the family name that of a person
				    * named before */
};

/* Whether a mention by `rule` refers back to an earlier one (ref_start). */
static inline bool vg__scan_rule_refers(unsigned rule)
{
	return rule == VG_SCAN_RULE_SURNAME || rule == VG_SCAN_RULE_ALIAS ||
	       rule == VG_SCAN_RULE_RELATIVE;
}

/* Scans `text` (UTF-8; with `html`, tags and entities count as spaces).
 * Fills *out with a malloc'ed array of *n mentions in text order (caller
 * frees), all with score >= threshold (< 0: VG_SCAN_DEFAULT_THRESHOLD).
 * Invalid UTF-8 or NUL bytes fail with VG_EDATA naming the byte offset. */
int vg__scan(vg__mention **out, size_t *n, const vg__scanner *s,
	     const char *text, size_t len, double threshold, bool html);
/* The same, failing with VG_ETIMEOUT once vg__now_us() passes deadline
 * (0: no limit); messages count bytes from offset (the text is a piece of
 * a longer one). */
int vg__scan_until(vg__mention **out, size_t *n, const vg__scanner *s,
		   const char *text, size_t len, double threshold, bool html,
		   uint64_t deadline, size_t offset);

#define VG_SCAN_DEFAULT_THRESHOLD 0.7

/* The words for a VG_SCAN_RULE_* ("name", "surname after the full name"). */
const char *vg__scan_rule_name(unsigned rule);

/* The listed name `name` as added (for explanations). */
const char *vg__scanner_name_text(const vg__scanner *s, uint32_t name,
				  size_t *len);

/* Word lists (words.c, from data/scan_*.txt): ordinary words, places,
 * generic words of organisation names, titles, particles and legal forms, ordinary acronyms (usa, cia),
 * organisation words (group, движение), annotation phrases of list entries
 * ("birth name", normalised: lowercase words separated by one space), and
 * the English word of a word of another language (NULL when none). */
bool vg__scan_common_word(const char *norm, size_t len);
bool vg__scan_generic_word(const char *norm, size_t len);
bool vg__scan_place_word(const char *norm, size_t len);
/* Is phrase[0..len) (normalised words parted by one space, "and" for a
 * conjunction) a place of two words or more (data/scan_place_phrases.txt:
 * "buenos aires", "bosnia and herzegovina")? */
bool vg__scan_place_phrase(const char *phrase, size_t len);
bool vg__scan_title_word(const char *norm, size_t len);
bool vg__scan_weak_word(const char *norm, size_t len);
bool vg__scan_acronym_word(const char *norm, size_t len);
bool vg__scan_conjunction(const char *norm, size_t len); /* "and", "и" */
/* A word of kinship (brother, frère, брат). */
bool vg__scan_kin_word(const char *norm, size_t len);
/* A title anyone is addressed by ("Mr", "Frau", "господин"): no rank, office or calling. */
bool vg__scan_courtesy_word(const char *norm, size_t len);
/* A word for a family or a clan as a group ([clan]: familia, clan). */
bool vg__scan_clan_word(const char *norm, size_t len);
/* A word for a town or village ([settlement]: pueblo, village, село). */
bool vg__scan_settlement_word(const char *norm, size_t len);
/* A word for a region or state of a country ([regions]: region, estado,
 * oblast). */
bool vg__scan_region_word(const char *norm, size_t len);
/* The word "front" ([fronts]: front, frente, jabhat, фронт). */
bool vg__scan_front_word(const char *norm, size_t len);
/* A family name many people of one name culture bear ([surnames]:
 * Zakharov, Qureshi, al-Ubaydi). */
bool vg__scan_surname_word(const char *norm, size_t len);
/* A word for a school, an academy, a hospital ([institutions]). */
bool vg__scan_institution_word(const char *norm, size_t len);
/* A word for a body's dissidents ([splinters]: dissidents, disidencias). */
bool vg__scan_splinter_word(const char *norm, size_t len);
/* Does the word say what kind of body a name names, at its end
 * ([kinds]: "province"; or an organisation word: "brigades")? */
bool vg__scan_kind_word(const char *norm, size_t len);
/* ... at its start, as Arabic puts it ([kinds_first]: tanzim, harakat)? */
bool vg__scan_kind_first(const char *norm, size_t len);
/* A body of people ending a name ([bodies]: group, network, brigade)? */
bool vg__scan_body_word(const char *norm, size_t len);
/* A word for a province in the singular ([kinds]: "Provinz", "wilayat";
 * not "provinces"). */
bool vg__scan_province_word(const char *norm, size_t len);
/* "in" of some language (in, im, en, في, в): data/scan_words.txt [locative]. */
bool vg__scan_locative(const char *norm, size_t len);
/* A definite article of some language (the, l', el, der). */
bool vg__scan_article(const char *norm, size_t len);
/* An article before a plural noun (les, los): [plural]. */
bool vg__scan_plural_article(const char *norm, size_t len);
/* An adjective between an organisation word and a name ([describing]:
 * "grupo extremista", "groupe jihadiste"). */
bool vg__scan_describing(const char *norm, size_t len);
/* A particle of Arabic names (abu, bin, ould): see VG_SCAN_NAME_ARABIC. */
bool vg__scan_arabic_word(const char *norm, size_t len);
/* A country (ISO code, lower case) whose people have Arabic names
 * ([arabic_countries]: sy, lb). */
bool vg__scan_arabic_country(const char *code, size_t len);
bool vg__scan_org_word(const char *norm, size_t len);
bool vg__scan_annotation(const char *phrase, size_t len);
/* 2: phrase is an annotation phrase, 1: it starts a longer one ("known"
 * of "known as"), 0: neither. */
int vg__scan_annotation_start(const char *phrase, size_t len);
const char *vg__scan_translate(const char *norm, size_t len);
/* The English name of a country named in another language ("irak" ->
 * iraq: data/scan_place_names.txt), or NULL. */
const char *vg__scan_translate_place(const char *norm, size_t len);
/* The other way, for the languages whose acronyms scanner.c derives: the
 * first word of `lang` given for English word en (normalised; Russian and
 * Ukrainian as loose keys: "state" -> "gosudarstv", "derzhav"), or NULL. */
enum { VG_SCAN_LANG_RU = 0, VG_SCAN_LANG_UK = 1, VG_SCAN_N_ACR_LANGS = 2 };
const char *vg__scan_translate_to(unsigned lang, const char *en, size_t len);
/* The number of tokens of an "also known as" phrase (data/scan_aka.txt)
 * starting at token i of tk (normalised forms in pool), or 0. */
struct vg__toks_s;
size_t vg__scan_aka(const struct vg__toks_s *tk, const char *pool, size_t i);
/* True when the word lists are in order (a test checks it). */
bool vg__scan_words_sorted(void);

#endif
