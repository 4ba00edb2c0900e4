/*
 * run.h - the state of one scan, shared by its steps (internal to the scan
 * stage): scan.c looks tokens up, finds anchors and picks mentions;
 * window.c grows and judges the window of one name around an anchor;
 * refer.c finds the later references to a mention (a surname alone).
 *
 * Invariant: everything here belongs to one vg__scan call and is freed by
 * it; the scanner (`s`) is only read.
 */
#ifndef VG_SCAN_RUN_H
#define VG_SCAN_RUN_H

#include "scan/scanner.h"

/* What a text token hits in the dictionary. */
typedef struct {
	uint32_t ex;    /* exact token number or VG_SCAN_NONE */
	uint32_t ex2;   /* ... of its other way of writing: an Arabic word's
			 * first alef with the other hamza (scan.c
			 * alef_reading), where ex is another word; or
			 * VG_SCAN_NONE */
	uint32_t lo;    /* loose key (vowels folded) or VG_SCAN_NONE */
	uint32_t lo1;   /* hash of the precise loose key, 0 when none */
	uint32_t lo2;   /* a Cyrillic word's other loose key (г read as h
			 * or g: scan.c ukrainian_h), or a Latin word's read
			 * the German way (german_reading), or VG_SCAN_NONE;
			 * set only with lo */
	uint32_t lo21;  /* hash of its precise key */
	uint32_t tr;    /* token number of its English word, or VG_SCAN_NONE */
	uint32_t tr2;   /* ... of its other one (Chinese "伊朗": iran, iranian) */
	uint32_t sk;    /* consonant skeleton (Arabic script) or VG_SCAN_NONE */
	uint32_t zk;    /* key of a foreign name in Chinese syllables
			 * (vg__zh_key) or VG_SCAN_NONE; its listed words
			 * in sko, skn as for sk */
	uint32_t lo1g;  /* with VG_GERMAN_RESPELT: hash of the reading's
			 * precise loose key */
	uint8_t clitic; /* its exact hit is without its Arabic clitic */
	uint8_t german; /* lo (1) or lo2 (2) is the word read the German way
			 * (german_reading): for organisations' names only;
			 * VG_GERMAN_RESPELT: dsch, tsch, sch respelt, whose
			 * precise key lo1g names people too */
#define VG_GERMAN_RESPELT 4
	uint8_t lo_arabic; /* lo only for Arabic names (VG_SCAN_NAME_ARABIC):
			    * the word is listed as written */
	uint8_t plain;  /* ex is all it hits (or nothing): none of ex2, lo,
			 * tr, tr2, sk, zk, grp, art (window.c find_pos's
			 * usual case) */
	uint8_t member; /* lo is a Cyrillic noun for the group's members read
			 * as its name ("талибы": TALIBAN; cyrillic_member):
			 * an organisation's, in lower case too; as a case
			 * form only (VG_MEMBER_PRECISE) or with other vowels
			 * too (VG_MEMBER_FOLDED) */
	uint8_t korean; /* a Chinese character of a Korean name read as its
			 * Hangul syllable (tokens.c korean_readings): grp
			 * holds the syllable's spellings (최: choe, choi),
			 * each of which it matches, the family name too */
#define VG_MEMBER_PRECISE 1
#define VG_MEMBER_FOLDED 2
	float skw;      /* with sk: the weight of the listed words it may spell */
	uint32_t sko;   /* with sk: its run of listed words in vg__run.skok */
	uint32_t skn;
	uint16_t grp[2]; /* a capitalised given name's name-variant groups */
	uint32_t art;   /* the Arabic article "al" when the token is that
			 * article assimilated to the next word's first
			 * letter ("az-Zawahiri", "ад-Дин"), or VG_SCAN_NONE */
} vg__hit;

/* How a text token matches a position of a listed name (match_at). */
enum {
	VG_M_NONE = 0,
	VG_M_EXACT = 1,   /* the same normalised word */
	VG_M_LOOSE = 2,   /* a case form or spelling (precise loose keys agree) */
	VG_M_FOLDED = 3,  /* only alike with vowels folded (Hezbolá, Хезболла) */
	VG_M_ENGLISH = 4, /* the English word of the text's ("Estado": state) */
	VG_M_SKELETON = 5, /* Arabic script with the consonants of the name's
			    * word ("حماس": HAMAS) */
	VG_M_VARIANT = 6, /* a given name's other spelling (Mohamed: MUHAMMED) */
	VG_M_CLITIC = 0x10, /* flag: only without its Arabic clitic */
};

/* A window of text tokens that may be a mention of one listed name. */
typedef struct {
	uint32_t a, b;  /* first and last token */
	uint32_t name;
	double score;
	unsigned rule;
	uint32_t mask;  /* matched name positions */
	uint32_t n_matched;
	uint8_t weak;   /* kept only when the party is named otherwise too */
} vg__cand;

/* A mention kept, with the tokens it covers. */
typedef struct {
	vg__mention m;
	uint32_t a, b;  /* tokens */
	uint32_t mask;
} vg__acc;

/* Word classes of a text token (bits of vg__run.wf). */
enum {
	VG_WC_LOOKED_UP = 1, /* the other bits are known */
	VG_WC_TITLE = 2,     /* a title or honorific (Mr, General) */
	VG_WC_COMMON = 4,    /* an ordinary word of the language */
	VG_WC_PLACE_KNOWN = 8, /* the place bit is known (vg__place_at) */
	VG_WC_PLACE = 16,    /* a place (data/scan_words.txt [places]) */
	VG_WC_CONJ = 32,     /* "and" (vg__scan_conjunction) */
};

/* The hits of one phrase (the tokens a window can reach: no break
 * stronger than VG_BRK_SOFT inside), for window.c's test of whether any
 * token but the anchor may match a strong word of a name. */
#define VG_PHRASE_SLOTS 256  /* open addressing: at most half full */
#define VG_PHRASE_KEYED 32   /* tokens matching by key kept at most */
typedef struct {
	uint32_t id;         /* a token number some hit names */
	uint32_t tok;        /* the first text token naming it */
	uint32_t stamp;      /* vg__phrase.stamp when set, else stale */
	uint32_t more;       /* another text token names it too */
} vg__phrase_slot;

typedef struct {
	uint32_t lo, end;    /* its tokens lo..end-1; end 0: none yet */
	uint32_t stamp;      /* of the current phrase's slots */
	uint32_t n_ids, n_keyed, n_grp;
	uint32_t grp;        /* with n_grp 1: the token with name-variant
			      * groups */
	bool off;            /* more than fit: every name is evaluated */
	bool lo_alone;       /* a keyed token is window.c's respelt_alone */
	uint64_t kfilter[4]; /* bit (v & 255) of every loose key, zkey and
			      * skeleton of the keyed tokens */
	uint64_t all[8];     /* as vg__scanner.nfilter: bits of the token
			      * numbers the hits of the phrase name, then of
			      * the keys of its keyed tokens */
	uint8_t count[512];  /* how many times each bit of all was set */
	uint32_t anchor;     /* the token `other` is for, when anchor_stamp
			      * is stamp */
	uint32_t anchor_stamp;
	uint64_t other[8];   /* all less the bits only the anchor set */
	vg__phrase_slot slot[VG_PHRASE_SLOTS]; /* every token number a hit
			      * names (ex, ex2, art, tr, tr2) */
	uint32_t keyed[VG_PHRASE_KEYED]; /* text tokens with a loose key,
			      * zkey or skeleton */
} vg__phrase;

typedef struct {
	const vg__scanner *s;
	const vg__toks *tk;
	const char *pool;    /* normalised forms of tk */
	const char *text;    /* the text tk was cut from */
	size_t text_len;     /* its bytes (not NUL-terminated) */
	uint32_t al;         /* token number of the article "al", or VG_SCAN_NONE */
	double threshold;
	uint64_t deadline;   /* vg__now_us() limit, 0 for none */
	size_t offset;      /* of the text in a longer one, for messages */
	vg__hit *h;          /* per token */
	uint32_t *until;     /* per name: window end + 1 already evaluated */
	uint8_t *wf;         /* per token: vg__word_class(), 0 = not yet */
	uint8_t *near;       /* per token: another hit within two tokens */
	vg__cand *c;         /* candidates (step 3) */
	size_t nc, capc;
	vg__acc *acc;        /* mentions kept (steps 4-5), room for nc + tk->n */
	size_t n_acc;
	uint32_t *owner;     /* per token: the kept mention covering it */
	uint32_t *last;      /* per dictionary token: latest mention naming it */
	uint32_t *skok;      /* the listed words Arabic tokens may spell */
	size_t n_skok, cap_skok;
	uint32_t *acache;    /* Arabic words looked up: token number + 1 */
	uint32_t acap;
	uint32_t *present;   /* dictionary tokens capitalised words hit,
			      * sorted (refer.c), made on first use */
	size_t n_present;
	int present_made;
	uint32_t *lower;     /* hashes of the words written in lower case
			      * (window.c), made on first use */
	uint32_t lower_cap;
	int8_t org_lower;    /* the text writes an organisation word
			      * ("group", "front") in lower case: 1, it
			      * does not: -1, not yet known: 0 (window.c) */
	uint32_t *regional;  /* tokens written beside a region word
			      * (alias.c), listed on first use */
	uint32_t n_regional;
	int regional_made;
	vg__phrase ph;       /* the hits of the anchor's phrase (window.c) */
} vg__run;

static inline bool vg__tok_cap(const vg__tok *t)
{
	return (t->flags & (VG_TOKF_CAP | VG_TOKF_UNCASED)) != 0;
}

/* Is t a Latin word of five letters, the shortest that gets a loose key
 * (scan.c latin_loose)? */
static inline bool vg__short_latin(const vg__tok *t)
{
	return t->norm_len == 5 && !(t->flags & (VG_TOKF_CYRILLIC | VG_TOKF_UNCASED));
}

static inline bool vg__is_hit(const vg__run *x, uint32_t i)
{
	/* (lo2 is set only with lo; name-variant groups without ex only for
	 * a Cyrillic given name no list writes: "Микола", NIKOLAI) */
	return x->h[i].ex != VG_SCAN_NONE || x->h[i].ex2 != VG_SCAN_NONE || x->h[i].lo != VG_SCAN_NONE ||
	       x->h[i].tr != VG_SCAN_NONE || x->h[i].tr2 != VG_SCAN_NONE ||
	       x->h[i].sk != VG_SCAN_NONE || x->h[i].zk != VG_SCAN_NONE ||
	       x->h[i].art != VG_SCAN_NONE || x->h[i].grp[0];
}

/* Does text token i hit dictionary token tok (exactly, by loose key or
 * by skeleton)? */
static inline bool vg__hits_tok(const vg__run *x, uint32_t i, uint32_t tok)
{
	const vg__stok *st = &x->s->tok[tok];
	return x->h[i].ex == tok || x->h[i].ex2 == tok || x->h[i].art == tok ||
	       (x->h[i].lo != VG_SCAN_NONE && st->loose == x->h[i].lo) ||
	       (x->h[i].lo2 != VG_SCAN_NONE && st->loose == x->h[i].lo2) ||
	       (x->h[i].zk != VG_SCAN_NONE && st->zkey == x->h[i].zk) ||
	       (x->h[i].sk != VG_SCAN_NONE && st->skel == x->h[i].sk);
}

/* Is the Arabic word's spelling a[0..an) (as normalised) the Latin one
 * l[0..ln) without its short vowels ("hmas": hamas; "ahmd": ahmed, not
 * hamid)?  ayn: the Arabic word starts with a letter its normalised form
 * drops. */
bool vg__arabic_spelling(const char *a, size_t an, const char *l, size_t ln, bool ayn);

/* May Arabic text token i spell dictionary token tok (its skeleton, its
 * letters, and no far more frequent name with them: "محمد" is Muhammad,
 * not Mahmud)?  0: no, 1: yes, 2: only without its clitic, 3: only as the
 * noun its nisba adjective is made of ("التركستاني", Turkistani:
 * TURKESTAN), which names a place in an organisation's name only. */
#define VG_SKOK_CLITIC 0x80000000u /* in skok: spelt only without the clitic */
#define VG_SKOK_NISBA 0x40000000u  /* ... only without the nisba ending */
#define VG_SKOK_FLAGS (VG_SKOK_CLITIC | VG_SKOK_NISBA)
static inline int vg__skeleton_ok(const vg__run *x, uint32_t i, uint32_t tok)
{
	uint32_t k, v;
	for (k = 0; k < x->h[i].skn; k++)
		if (((v = x->skok[x->h[i].sko + k]) & ~VG_SKOK_FLAGS) == tok)
			return v & VG_SKOK_NISBA ? 3 : v & VG_SKOK_CLITIC ? 2 : 1;
	return 0;
}

/* Is the reading of Chinese name token t within 1/k of its letters of
 * listed word st, the letters Chinese does not tell apart written alike
 * (scan.c zh_fold)? */
bool vg__zh_within(const vg__run *x, const vg__tok *t, const vg__stok *st, unsigned k);

/* Title and ordinary-word status of text token j (VG_WC_*), looked up
 * once per token. */
uint8_t vg__word_class(const vg__run *x, uint32_t j);
/* Is text token j a place?  Looked up once per token. */
bool vg__place_at(const vg__run *x, uint32_t j);
/* Makes x->lower, the words the text writes in lower case, once: 0 or
 * VG_ENOMEM.  After it, does the text also write token i's word in lower
 * case? */
int vg__lower_forms(vg__run *x);
bool vg__lower_elsewhere(const vg__run *x, uint32_t i);

/* A capitalised word next to token i (same phrase) that is not a title or
 * ordinary word: then i is part of some other, longer name.  Unless
 * strict, a word capitalised only because it starts a sentence does not
 * count. */
bool vg__capitalised_neighbour(const vg__run *x, uint32_t i, bool strict);

/* A Latin word ending in s after a plural article ("les talibans"): it may
 * name a group by its members, in lower case too (window.c). */
bool vg__plural_noun(const vg__run *x, uint32_t i);
/* The fewest letters of a listed word read so (PAIS is not "países"). */
#define PLURAL_MIN 6

/* Does the text say that tokens a..b name an organisation (an
 * organisation word beside them, quotes or brackets around them)? */
bool vg__org_context(const vg__run *x, uint32_t a, uint32_t b);

/* Is a word for a family, clan or tribe (data/scan_words.txt [clan])
 * right before or after token i, in the same phrase ("la familia
 * Haqqani", "the Haqqani family"): the name there is the kin's? */
bool vg__kin_group_beside(const vg__run *x, uint32_t i);

/* Do tokens a..b, a mention of organisation name nm, name it as the owner
 * of one of its provinces, which the lists hold provinces of: the word
 * for a province with its place next to them makes them part of the
 * province's own name ("Westafrika-Provinz
 * des IS", "la province de Khorasan de l'État islamique", "Відділення
 * Ісламської держави «Вілаят Хорасан»", "Islamic State's Khorasan
 * Province")?  The text names that branch, not the organisation ("une
 * des « provinces » de l'État islamique", "die Provinz des IS" name no
 * province of it). */
bool vg__owns_province(const vg__run *x, const vg__sname *nm, uint32_t a, uint32_t b);

/* The dictionary tokens text token i hits: its exact form, then the tokens
 * sharing its loose key or skeleton; at most cap of them. */
uint32_t vg__hit_ids(const vg__run *x, uint32_t i, uint32_t *ids, uint32_t cap);

/* The VG_ETIMEOUT error of a run stopped at token i. */
int vg__scan_timeout(const vg__run *x, uint32_t i);

/* Step 3 (window.c): grows the window of name n around anchor token i and
 * adds it to the candidates when the evidence is enough. */
int vg__evaluate(vg__run *x, uint32_t n, uint32_t i);

/* Step 4a (heads.c): a word for a kind of body in the plural said once
 * for names in a row ("die Banken Melli und Saderat"): the names after the
 * first mention, each with that word. */
int vg__shared_heads(vg__run *x);

/* Step 5a (alias.c): the short names a text gives a party it named (in
 * brackets, after "also known as", an organisation's distinctive word),
 * wherever the text uses them. */
int vg__text_aliases(vg__run *x);

/* Step 5 (refer.c): a person's family name alone after a full mention,
 * and rare family names of listed people standing alone. */
int vg__refer_back(vg__run *x);

#endif
