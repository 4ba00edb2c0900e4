/*
 * scanner.h - the layout of the scanner's dictionary, shared by
 * scanner.c (building it) and scan.c (reading it).  Internal to the scan
 * stage; see scan.h for what it is for and scanner.c for its invariant.
 */
#ifndef VG_SCAN_SCANNER_H
#define VG_SCAN_SCANNER_H

#include "scan/scan.h"
#include "scan/tokens.h"

#define VG_SCAN_NONE UINT32_MAX
#define VG_SCAN_MAX_NAME_TOKENS 32
#define VG_SCAN_MAX_WORD 200
#define VG_SCAN_NO_POS 0xFF

/* vg__stok.flags */
enum {
	VG_STOK_WEAK = 1u << 0,   /* particle, article, legal form */
	VG_STOK_TITLE = 1u << 1,  /* "president", "sheikh" */
	VG_STOK_COMMON = 1u << 2, /* also an ordinary word */
	VG_STOK_HAN = 1u << 3,    /* one ideograph */
	VG_STOK_PATRONYMIC = 1u << 4, /* "Vladimirovich" */
	VG_STOK_PLACE = 1u << 5,  /* a country, city or people */
	VG_STOK_GIVEN = 1u << 6,  /* a given name of some listed person */
	VG_STOK_ACRONYM = 1u << 7, /* an ordinary acronym (usa, cia) */
	VG_STOK_GENERIC = 1u << 8, /* a generic word (company, financial) */
	VG_STOK_GIVEN_COMMON = 1u << 9, /* a given name many listed people
					 * have (Ali, Muhammad), rarely a
					 * family name */
	VG_STOK_LISTED = 1u << 10, /* a word of a name as listed (not only
				    * of a derived acronym or joined
				    * compound) */
	VG_STOK_ARABIC = 1u << 11, /* a word of a person's Arabic name
				    * (VG_SCAN_NAME_ARABIC) */
	VG_STOK_CONJ = 1u << 12,  /* "and" (vg__scan_conjunction) */
	VG_STOK_AR_SCRIPT = 1u << 13, /* written in Arabic script */
};

typedef struct {
	uint32_t norm;        /* offset in tz.pool */
	uint16_t len;
	uint16_t flags;       /* VG_STOK_* */
	uint32_t df;          /* entities whose names hold it */
	uint32_t solo;        /* entities one of whose names it alone is */
	uint32_t last_entity; /* while building: for df */
	uint32_t loose;       /* its loose key, or VG_SCAN_NONE */
	uint32_t lo1;         /* hash of its precise loose key (vg__key_hash32) */
	uint32_t skel;        /* its consonant skeleton, or VG_SCAN_NONE */
	uint32_t zkey;        /* its key against Chinese syllables
			       * (vg__zh_key), or VG_SCAN_NONE */
	float w;              /* weight */
	uint16_t grp[2];      /* its name-variant groups (data/name_variants.txt:
			       * Mohamed, Muhammed), 0 = none */
} vg__stok;

typedef struct {
	uint32_t off;         /* in the keyset's pool */
	uint16_t len;
	uint32_t start, count; /* run in the keyset's toks */
} vg__lkey;

/* Keys shared by several dictionary tokens (the loose key, the consonant
 * skeleton): each key lists its tokens. */
typedef struct {
	vg_buf pool;
	vg__lkey *lk;
	uint32_t n, cap;
	uint32_t *slots;      /* open addressing: key numbers + 1 */
	uint32_t slot_cap;
	uint32_t *toks;       /* the keys' token numbers back to back */
} vg__keyset;

/* vg__sname.flags beyond VG_SCAN_NAME_* */
enum {
	VG_SNAME_SURNAME_FIRST = 1u << 4, /* "PUTIN, Vladimir" */
	VG_SNAME_CYR_ACRONYM = 1u << 5, /* the Russian or Ukrainian acronym of
					 * a listed name (ИГИЛ), derived */
	VG_SNAME_CONJ = 1u << 6, /* holds "and" (vg__scan_conjunction) */
	VG_SNAME_JOINED = 1u << 7, /* an Arabic compound of a listed name
				    * written as one word (IZZ AL-DIN:
				    * izzaldin), derived */
	VG_SNAME_SPELLS_ORG = 1u << 8, /* a person's name whose words, joined,
					* are an organisation's one-word name
					* (vg__scanner_spelt_org) */
	VG_SNAME_KINDLESS = 1u << 9, /* an organisation's name less the word
				      * of its kind that ends it (ABU SAYYAF
				      * GROUP: ABU SAYYAF), derived */
};

typedef struct {
	uint32_t entity;
	uint32_t tok_start;   /* run in ntoks */
	uint8_t n_tok;
	uint8_t schema;
	uint16_t flags;
	uint8_t strong;       /* tokens that are not particles or titles */
	uint8_t max_pos;      /* position of the heaviest strong token */
	uint8_t given_pos;    /* a person's first given name (or NO_POS) */
	uint8_t family_pos;   /* a person's family name (VG_SCAN_NO_POS when
			       * unknown): first in "FAMILY, Given" and in
			       * "Family Given Patronymic", else last */
	uint8_t kind_pos;     /* an organisation's last (or Arabic first)
			       * word, saying what kind of body it is, that
			       * a text may leave unsaid (VG_SCAN_NO_POS
			       * when none) */
	float wsum;           /* sum of the weights of its tokens */
	uint32_t required;    /* positions a mention must match (a suffix) */
	uint32_t branch;      /* positions of the words after its last "in"
			       * (AL-QAIDA IN IRAQ): a mention matches one */
	uint32_t legal;       /* positions of its legal forms ("S.A.") */
	uint32_t text, text_len; /* the name as listed, in texts */
} vg__sname;

struct vg__scanner {
	vg__tokenizer tz;
	vg__stok *tok;
	uint32_t n_tok, cap_tok;
	uint32_t *ex_slots;
	uint32_t ex_cap;

	vg__keyset lo;        /* loose keys (vg__loose_key) */
	vg__keyset sk;        /* consonant skeletons (vg__skeleton_key) */
	vg__keyset zk;        /* keys against Chinese syllables (vg__zh_key) */

	vg__sname *names;
	uint32_t n_names, cap_names;
	uint32_t *ntoks;
	uint32_t n_ntoks, cap_ntoks;
	vg_buf texts;

	uint32_t *post_start; /* n_tok + 1 */
	uint32_t *post;
	uint32_t *one_start;  /* n_tok + 1: the run in `one` of each token */
	uint32_t *one;        /* each token's postings of the names with one
			       * strong word (strong == 1), in their order */
	uint64_t *nfilter;    /* per name, 8 words: bits (v & 255) of the
			       * numbers of its strong tokens (no weak word,
			       * no title) in [0..4), of their loose keys,
			       * zkeys and skeletons in [4..8): what
			       * window.c's strong_partner may find */

	uint32_t *place_keys; /* sorted hashes of the precise loose keys of
			       * places (data/scan_words.txt): their case
			       * forms and adjectives (Танзанії, Tanzani) */
	uint32_t n_place_keys;
	uint32_t *ar_common;  /* sorted hashes of the normalised forms of
			       * ordinary Arabic words (data/scan_affixes.txt
			       * common-ar) */
	uint32_t n_ar_common;

	uint32_t n_entities, last_entity;
	float max_weight;     /* weight of a word unique to one entity */
	bool finished;
	vg__toks scratch;
};

/* Token number of an exact normalised form, or VG_SCAN_NONE. */
uint32_t vg__scanner_find(const vg__scanner *s, const char *norm, size_t len);
/* Is the normalised word w[0..n) a father's name ("Vladimirovich",
 * "Hryhorovych")? */
bool vg__scan_patronymic(const char *w, size_t n);
/* qsort/bsearch order of uint32_t values. */
int vg__scan_cmp_u32(const void *pa, const void *pb);
/* Is lo1 (a precise loose key's hash) that of a place: a case form or an
 * adjective of one (Танзанії, Tanzani)? */
bool vg__scanner_place_form(const vg__scanner *s, uint32_t lo1);
/* Is norm[0..len), an Arabic word as normalised, an ordinary word
 * (data/scan_affixes.txt common-ar)? */
bool vg__scanner_ar_common(const vg__scanner *s, const char *norm, size_t len);
/* The one-word name of an organisation that the words of person's name
 * nm spell when joined ("Hizb Allah", an alias of KHAN, Hizb Ullah Astam:
 * HIZBALLAH), or VG_SCAN_NONE. */
uint32_t vg__scanner_spelt_org(const vg__scanner *s, const vg__sname *nm);
/* Key number in a keyset (s->lo, s->sk), or VG_SCAN_NONE. */
uint32_t vg__keyset_find(const vg__keyset *ks, const char *key, size_t len);

/* The name-variant groups of a normalised word (data/name_variants.txt,
 * through the comparator's lexicon), 0 where none. */
void vg__scan_variant_groups(uint16_t grp[2], const char *norm, size_t len);

#endif
