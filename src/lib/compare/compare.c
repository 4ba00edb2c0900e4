/*
 * compare.c - the name comparator: aligns the tokens of two analysed names
 * and turns the alignment into a score in [0,1].
 *
 * How it works.
 *  1. Candidates.  Every token pair gets a similarity by the first rule
 *     that applies: exact (1.0), name-variant group / nickname (0.9),
 *     phonetic key (0.9), consonant skeleton when one side came from a
 *     script without short vowels (0.85), typo (1 - distance/length, with
 *     a distance allowance growing with length), initial against a word
 *     with that first letter (0.7).  Tokens without an exact partner also
 *     try glued spans (one token = 2-3 adjacent tokens of the other name,
 *     "RamiMakhlouf", "Patr ushev") and acronyms ("PLA" = People's
 *     Liberation Army).
 *  2. Alignment.  Greedy by similarity, each token used once.
 *  3. Score.  Tokens carry weights (rare parts weigh more, particles and
 *     generic words little, numbers much).  With M the matched weight (times
 *     similarity, averaged over both names), P the weight lost to imperfect
 *     similarity, U_a/U_b the unmatched weight of each name:
 *         conflict = min(U_a, U_b)   a part of one name replaced by another
 *         extra    = |U_a - U_b|     parts only one name has (middle names)
 *         score    = M / (M + P + conflict + c_extra * extra)
 *     so a different family name costs much more than a missing middle
 *     name.  Organisations pay more for extra words (c_extra) and for
 *     legal forms of different classes; different numbers cap the score
 *     below the threshold; a match on initials, particles or generic words
 *     alone is capped too.
 *
 * Invariant: compare never allocates; scratch is on the stack, bounded by
 * VG__NAME_MAX_TOKENS (token sets are 32-bit masks).
 */
#include "common/schema.h"
#include "names/name.h"
#include "names/keys.h"
#include "names/lexicon.h"
#include "names/weights.h"
#include "common/error.h"

#include <math.h>
#include <string.h>

#define THRESHOLD 0.70

enum {
	R_NONE = 0, R_EXACT, R_NICKNAME, R_PHONETIC, R_TRANSLIT, R_TYPO, R_INITIAL,
	R_GLUED, R_ACRONYM, R_DERIVED,
};
static const char *const rule_names[] = {
	"none", "exact", "nickname", "phonetic", "transliteration", "typo", "initial",
	"glued", "acronym", "derived",
};

typedef struct {
	uint32_t amask, bmask;
	float sim;
	uint8_t rule;
} cand;

#define MAX_CANDS 1024

/*
 * What each rule gives two tokens, and the typo model's factors.  Set by
 * hand when the rules were written, each checked against the labelled pairs
 * (../shared/data/eval/name-pairs.csv and cross-script-pairs.csv); the
 * score constants below are refitted around them by data/train_cv.py.
 */
typedef struct {
	float nickname;        /* same name-variant group (Bob / Robert) */
	float phonetic;        /* same phonetic key (Mikhail / Michail) */
	float translit;        /* same consonant skeleton, one side from an abjad */
	float translit_slip;   /* abjad skeletons one edit apart */
	float initial;         /* an initial against a word starting with it */
	float glued;           /* a token spelling 2-3 tokens written together */
	float glued_typo;      /* factor on a glued span's typo similarity */
	float acronym;         /* PLA / People's Liberation Army */
	float vowel_swap;      /* three letters, a middle vowel heard otherwise (Mai / Mei) */
	float typo_short;      /* factor on the typo similarity of words of <= 4 letters */
	float typo_first;      /* factor when the first letters differ (not two vowels) */
	float phonetic_slip;   /* factor when the phonetic keys are one edit apart */
	float phonetic_slip_below; /* ... tried only while the best rule gave less */
	float distinctive;     /* a token aligned at least this well is evidence */
	float derived;         /* an organisation's adjective and its noun
				* (Uralskiy / Ural, turbinnyy / turbine) */
	float surname_extra;   /* factor on the weight of a family name (before the
				* comma, or in capitals) the other name lacks: a
				* second surname is what tells two Carlos Perez
				* apart (Santiago Perez / PEREZ OCAMPO, Santiago) */
	float brand_extra;     /* factor on the weight of a generic or region word a
				* company's full name has beyond its brand written
				* alone (Faberlic / FABERLIC EUROPE Sp. z o.o.) */
} rule_params;

static const rule_params rules = {
	.nickname = 0.9f,
	.phonetic = 0.9f,
	.translit = 0.85f,
	.translit_slip = 0.7f,
	.initial = 0.7f,
	.glued = 0.95f,
	.glued_typo = 0.95f,
	.acronym = 0.9f,
	.vowel_swap = 0.55f,
	.typo_short = 0.85f,
	.typo_first = 0.85f,
	.phonetic_slip = 0.95f,
	.phonetic_slip_below = 0.8f,
	.distinctive = 0.5f,
	.derived = 0.8f,
	.surname_extra = 2.5f,
	.brand_extra = 0.3f,
};

double vg_compare_threshold(void)
{
	return THRESHOLD;
}

/* Not a person's name: an organisation's or a vehicle's. */
static int org_schema(vg_schema s)
{
	return vg__schema_is_organization(s) || vg__schema_is_vehicle(s);
}

static const char *tok_text(const vg_name *n, const vg__token *t)
{
	return n->text + t->off;
}

static unsigned allowance(size_t len)
{
	if (len <= 3)
		return 0;
	if (len <= 5)
		return 1;
	if (len <= 11)
		return 2;
	return 3;
}

static unsigned popcount32(uint32_t x)
{
	x = x - ((x >> 1) & 0x55555555u);
	x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
	return (((x + (x >> 4)) & 0x0F0F0F0Fu) * 0x01010101u) >> 24;
}

static uint32_t letter_mask(const char *s, size_t n)
{
	uint32_t m = 0;
	size_t i;
	for (i = 0; i < n; i++)
		m |= 1u << ((unsigned char)s[i] & 31);
	return m;
}

/* Whether typo_sim() can be above 0: its length and letter bounds alone,
 * tested before the call because most token pairs fail them.  ma, mb:
 * letter_mask() of the two spellings (not 0). */
static inline int typo_reach(size_t an, uint32_t ma, size_t bn, uint32_t mb, int nonlatin)
{
	size_t l = an > bn ? an : bn, ll = nonlatin ? l / 2 : l;
	unsigned max = allowance(ll), only_a, only_b;
	if (!max)
		return an == 3 && bn == 3 && !nonlatin;
	if ((an > bn ? an - bn : bn - an) > (nonlatin ? 2 * max : max))
		return 0;
	if (nonlatin)
		return 1;
	only_a = popcount32(ma & ~mb);
	only_b = popcount32(mb & ~ma);
	return (only_a > only_b ? only_a : only_b) <= max;
}

/* Similarity of two spellings from their edit distance: one slip in a
 * long word is forgivable, two in a short one are another word. */
/* ma, mb: letter_mask() of a and b, or 0 to compute them here. */
static float typo_sim(const char *a, size_t an, uint32_t ma, const char *b, size_t bn,
		      uint32_t mb, int nonlatin)
{
	size_t l = an > bn ? an : bn, ll = nonlatin ? l / 2 : l;
	unsigned max = allowance(ll), d;
	float s;
	if (!max && an == 3 && bn == 3 && !nonlatin) {
		/* short syllables heard with another vowel: Mai / Mei, Tom / Tim */
		size_t i, diff = 0, at = 0;
		for (i = 0; i < 3; i++) {
			if (a[i] != b[i]) {
				diff++;
				at = i;
			}
		}
		return diff == 1 && at > 0 && strchr("aeiou", a[at]) && strchr("aeiou", b[at]) ?
			       rules.vowel_swap : 0;
	}
	if (!max || (an > bn ? an - bn : bn - an) > (nonlatin ? 2 * max : max))
		return 0;
	if (!nonlatin) {
		/* letters only one side has need an edit each: a cheap lower
		 * bound that rejects most unrelated words before the DP */
		if (!ma)
			ma = letter_mask(a, an);
		if (!mb)
			mb = letter_mask(b, bn);
		unsigned only_a = popcount32(ma & ~mb);
		unsigned only_b = popcount32(mb & ~ma);
		if ((only_a > only_b ? only_a : only_b) > max)
			return 0;
	}
	d = vg__edit_distance(a, an, b, bn, nonlatin ? max * 2 : max);
	if (nonlatin)
		d = (d + 1) / 2;
	if (d > max)
		return 0;
	s = 1.0f - (float)(d + (d - 1) * d / 2) / (float)ll;
	if (ll <= 4)
		s *= rules.typo_short;
	/* the first letter is rarely the one mistyped, unless it is a vowel
	 * heard differently (Aric / Eric) */
	if (a[0] != b[0] && !(strchr("aeiouy", a[0]) && strchr("aeiouy", b[0])))
		s *= rules.typo_first;
	return s;
}

static int same_groups(const vg__token *a, const vg__token *b)
{
	return (a->group[0] && (a->group[0] == b->group[0] || a->group[0] == b->group[1])) ||
	       (a->group[1] && (a->group[1] == b->group[0] || a->group[1] == b->group[1]));
}

/* Russian and Ukrainian adjective endings as transliterated (longest
 * first): what is left is the stem of the noun the adjective comes from.
 * Lengths at compile time: derived() is asked of most word pairs of an
 * organisation's names, and measuring 34 endings each time was a tenth of
 * a /match request's instructions. */
#define ADJ(s) { s, sizeof(s) - 1 }
static const struct {
	const char *s;
	size_t n;
} adj_endings[] = {
	ADJ("skogo"), ADJ("skoye"), ADJ("skaya"), ADJ("skikh"), ADJ("skiye"), ADJ("nnogo"),
	ADJ("nnaya"), ADJ("nnoye"), ADJ("skiy"), ADJ("skyy"), ADJ("skij"), ADJ("skoy"),
	ADJ("skoe"), ADJ("nnyy"), ADJ("nnyi"), ADJ("nnoe"), ADJ("yanoy"), ADJ("nogo"),
	ADJ("naya"), ADJ("noye"), ADJ("ovyy"), ADJ("ovoy"), ADJ("ovaya"), ADJ("yanaya"),
	ADJ("yanoye"), ADJ("ska"), ADJ("ske"), ADJ("sky"), ADJ("ski"), ADJ("nyy"), ADJ("nyi"),
	ADJ("niy"), ADJ("noe"), ADJ("noy"),
};
#undef ADJ

/*
 * In an organisation's name, a Slavic adjective against the noun it is made
 * from in another language (Уральский турбинный завод / Ural Turbine
 * Plant): a stem of 4+ letters after the adjective's ending is dropped,
 * and the other word is that stem, with at most two letters more.
 */
static int derived(const char *a, size_t an, const char *b, size_t bn)
{
	size_t k, n;
	/* every ending has 3+ letters after a 4-letter stem and ends in one
	 * of these: most words are out before the loop */
	if (an < 7 || !memchr("oeahyji", a[an - 1], 7))
		return 0;
	for (k = 0; k < sizeof(adj_endings) / sizeof(adj_endings[0]); k++) {
		n = adj_endings[k].n;
		if (an < n + 4 || memcmp(a + an - n, adj_endings[k].s, n) != 0)
			continue;
		n = an - n;
		return bn >= n && bn <= n + 2 && memcmp(a, b, n) == 0;
	}
	return 0;
}

/* A number read from a word (its phonetic key is the word's, not digits)
 * against a word that is that number word misspelt (Eyghth, Twetfth);
 * anything else a number meets is another number. */
static float number_word_sim(const vg_name *na, const vg__token *a, const vg_name *nb,
			     const vg__token *b, uint8_t *rule)
{
	const vg__token *num = a->kind == VG__TOK_NUMBER ? a : b, *w = num == a ? b : a;
	const vg_name *nn = num == a ? na : nb, *nw = num == a ? nb : na;
	const char *kn = nn->text + num->koff, *kw = nw->text + w->koff;
	float s;
	if (w->kind != VG__TOK_WORD || !num->klen || (kn[0] >= '0' && kn[0] <= '9') || !w->klen)
		return 0;
	if (num->klen == w->klen && !memcmp(kn, kw, num->klen)) {
		*rule = R_PHONETIC;
		return rules.phonetic;
	}
	s = typo_sim(kn, num->klen, 0, kw, w->klen, 0, 0);
	if (s > 0)
		*rule = R_TYPO;
	return s;
}

/*
 * Two syllables (one read from a Chinese character or a Hangul block):
 * the same spelling, or a spelling of another romanisation (Chinese:
 * data/chinese_syllables.txt from the character's reading only, so 张
 * zhang is Chang but 畅 chang is not Zhang; Korean: the groups of
 * data/korean_syllables.txt).  No typos: one letter more is another
 * syllable.
 */
static float syllable_sim(const vg_name *na, const vg__token *a, const vg_name *nb,
			  const vg__token *b, uint8_t *rule)
{
	const vg__token *cn = vg__origin_chinese(a->origin) ? a :
			      vg__origin_chinese(b->origin) ? b : NULL;
	const vg__token *other = cn == a ? b : a;
	*rule = R_NICKNAME;
	if (cn && !other->origin && (cn->flags & VG__TF_SYLLABLE))
		return vg__lex_cn_variant(tok_text(cn == a ? na : nb, cn), cn->len,
					  tok_text(cn == a ? nb : na, other), other->len) ?
			       rules.nickname : 0;
	if (!cn && same_groups(a, b))
		return rules.nickname;
	*rule = R_NONE;
	return 0;
}

/* Whether token t is where a person's family name stands: before the comma
 * of "SURNAME, Given", in capitals among capitalised names, or else last
 * (not for names of Chinese or Korean syllables, written family first). */
static int family_place(const vg_name *n, const vg__token *t)
{
	size_t i;
	if (t->flags & VG__TF_SURNAME)
		return 1;
	for (i = 0; i < n->n_tokens; i++) {
		if (n->tokens[i].flags & (VG__TF_SURNAME | VG__TF_CJKSPELL | VG__TF_SYLLABLE))
			return 0;
	}
	return t == &n->tokens[n->n_tokens - 1];
}

/*
 * Two people's name parts a letter apart that are both names of their own
 * (data/name_freq.txt) are two names, not a typo, where the typo would be
 * in a family name (Khan / Khar) or a long name (Suarez / Juarez, Luis /
 * Luisa); a short given name or syllable a letter off is more often
 * misspelt (Choe Son Hui / Hai).
 */
static int two_names(const vg_name *na, const vg__token *a, const vg_name *nb, const vg__token *b)
{
	const vg__lex_word *wa, *wb;
	const char *at = tok_text(na, a), *bt = tok_text(nb, b);
	size_t n = a->len < b->len ? a->len : b->len;
	/* the feminine and masculine of one name: Luis / Luisa, Mario / Maria */
	int gender = n >= 3 && !memcmp(at, bt, n - 1) &&
		     ((a->len != b->len && (at[a->len - 1] == 'a' || bt[b->len - 1] == 'a') &&
		       (a->len > b->len ? a->len - b->len : b->len - a->len) == 1 &&
		       !memcmp(at, bt, n)) ||
		      (a->len == b->len && strchr("ao", at[n - 1]) && strchr("ao", bt[n - 1])));
	if (na->schema != VG_SCHEMA_PERSON || nb->schema != VG_SCHEMA_PERSON || same_groups(a, b))
		return 0;
	if (!gender && !family_place(na, a) && !family_place(nb, b) && (a->len < 5 || b->len < 5))
		return 0;
	wa = vg__lex_word_find(tok_text(na, a), a->len);
	wb = vg__lex_word_find(tok_text(nb, b), b->len);
	return wa && wb && wa->freq && wb->freq;
}

/*
 * Two name parts that are both words: a known variant or the same sound
 * first; then a typo, unless both spellings are names of their own where a
 * typo would not be believed (two_names); then, for organisations, an
 * adjective and its noun; for abjads, consonant skeletons.
 */
static float word_sim(const vg_name *na, const vg__token *a, uint32_t ma, const vg_name *nb,
		      const vg__token *b, uint32_t mb, uint8_t *rule)
{
	const char *at = tok_text(na, a), *bt = tok_text(nb, b);
	float best = 0, s;
	int abjad = (a->flags | b->flags) & VG__TF_ABJAD, nonlatin;
	if (same_groups(a, b)) {
		*rule = R_NICKNAME;
		best = rules.nickname;
	}
	if (a->klen && a->klen == b->klen &&
	    memcmp(na->text + a->koff, nb->text + b->koff, a->klen) == 0 && best < rules.phonetic) {
		*rule = R_PHONETIC;
		best = rules.phonetic;
	}
	if (best > 0)
		return best; /* a known variant or the same sound: no typo needed */
	if (abjad && a->slen && a->slen == b->slen &&
	    memcmp(na->text + a->soff, nb->text + b->soff, a->slen) == 0) {
		*rule = R_TRANSLIT;
		return rules.translit;
	}
	nonlatin = (a->flags | b->flags) & VG__TF_NONLATIN;
	s = typo_reach(a->len, ma, b->len, mb, nonlatin) ?
		    typo_sim(at, a->len, ma, bt, b->len, mb, nonlatin) : 0;
	if (s > best) {
		best = s;
		*rule = R_TYPO;
	}
	if (best < rules.phonetic_slip_below && a->klen >= 4 && b->klen >= 4 &&
	    na->text[a->koff] == nb->text[b->koff] &&
	    (a->klen > b->klen ? a->klen - b->klen : b->klen - a->klen) <= 1 &&
	    vg__edit_distance(na->text + a->koff, a->klen, nb->text + b->koff, b->klen, 1) <= 1) {
		/* spelling systems apart and a slip on top: Sergejs / Sergey */
		s = typo_sim(na->text + a->koff, a->klen, 0, nb->text + b->koff, b->klen, 0, 0) *
		    rules.phonetic_slip;
		if (s > best) {
			best = s;
			*rule = R_PHONETIC;
		}
	}
	if ((*rule == R_TYPO || *rule == R_PHONETIC) && two_names(na, a, nb, b)) {
		best = 0;
		*rule = R_NONE;
	}
	if (best < rules.derived && (org_schema(na->schema) || org_schema(nb->schema)) &&
	    !nonlatin && (derived(at, a->len, bt, b->len) || derived(bt, b->len, at, a->len))) {
		best = rules.derived;
		*rule = R_DERIVED;
	}
	if (abjad && best < rules.translit_slip && a->slen >= 4 && b->slen >= 4 &&
	    vg__edit_distance(na->text + a->soff, a->slen, nb->text + b->soff, b->slen, 1) <= 1) {
		best = rules.translit_slip;
		*rule = R_TRANSLIT;
	}
	return best;
}

static float token_sim(const vg_name *na, const vg__token *a, uint32_t ma,
		       const vg_name *nb, const vg__token *b, uint32_t mb, uint8_t *rule)
{
	const char *at = tok_text(na, a), *bt = tok_text(nb, b);
	int same = a->len == b->len && memcmp(at, bt, a->len) == 0;
	*rule = R_NONE;
	if (a->origin && b->origin && a->origin != b->origin)
		return 0; /* two names in characters: another character is another
			   * name, even read alike (张/章 zhang; 정/종, both jong) */
	if (same) {
		*rule = (a->kind == VG__TOK_INITIAL) ? R_INITIAL : R_EXACT;
		return 1.0f;
	}
	if (a->kind == VG__TOK_NUMBER || b->kind == VG__TOK_NUMBER)
		return number_word_sim(na, a, nb, b, rule);
	if (a->kind == VG__TOK_INITIAL || b->kind == VG__TOK_INITIAL) {
		const vg__token *w = a->kind == VG__TOK_INITIAL ? b : a;
		const char *wt = a->kind == VG__TOK_INITIAL ? bt : at;
		char ini = a->kind == VG__TOK_INITIAL ? at[0] : bt[0];
		if (w->kind == VG__TOK_INITIAL || w->kind == VG__TOK_NUMBER)
			return 0;
		if (wt[0] == ini) {
			*rule = R_INITIAL;
			return rules.initial;
		}
		return 0;
	}
	if ((a->flags | b->flags) & VG__TF_SYLLABLE)
		return syllable_sim(na, a, nb, b, rule);
	if (a->kind == VG__TOK_ACRONYM || b->kind == VG__TOK_ACRONYM)
		return 0;
	return word_sim(na, a, ma, nb, b, mb, rule);
}

static int add_cand(cand *c, size_t *n, uint32_t am, uint32_t bm, float sim, uint8_t rule)
{
	if (*n >= MAX_CANDS || sim <= 0)
		return 0;
	c[*n].amask = am;
	c[*n].bmask = bm;
	c[*n].sim = sim;
	c[*n].rule = rule;
	(*n)++;
	return 1;
}

static int same_group(const vg__token *a, const vg__lex_word *w)
{
	return w && a->group[0] &&
	       (a->group[0] == w->group[0] || a->group[0] == w->group[1] ||
		(a->group[1] && (a->group[1] == w->group[0] || a->group[1] == w->group[1])));
}

/* At most two letters only one spelling has: worth computing a key.
 * ma, mb: letter_mask() of the two spellings. */
static int near_letters(uint32_t ma, uint32_t mb)
{
	return popcount32(ma ^ mb) <= 3;
}

/* Same phonetic key as a's: DawUd / Dawood once glued back. */
static int same_key(const vg__token *a, const vg_name *na, const char *s, size_t n)
{
	char key[2 * 3 * VG__TOKEN_MAX_LEN + 2];
	size_t kl;
	if (n > 3 * VG__TOKEN_MAX_LEN || !a->klen)
		return 0;
	kl = vg__phonetic_key(key, s, n, 0);
	return kl == a->klen && memcmp(key, na->text + a->koff, kl) == 0;
}

/* Tokens of one name written together, growing one token at a time
 * (glue_cands): their letters, consonant skeletons (read only to glue abjad
 * spellings back) and letter masks. */
typedef struct {
	char buf[3 * VG__TOKEN_MAX_LEN + 1], sk[3 * 128 + 1];
	size_t bl, sl;
	uint32_t bm, lm;   /* tokens covered; union of their letter masks */
	int syllables;     /* a Chinese syllable on either side: exact or known only */
	int spelling;      /* first letters agree: a spelling, not only a variant */
	uint8_t last_flags;
} span;

/* How well token a of na is the span written together (0: not at all). */
static float glued_sim(const vg_name *na, const vg__token *a, uint32_t mask_a, span *sp,
		       uint8_t *rule)
{
	float s;
	*rule = R_GLUED;
	if (sp->bl == a->len && memcmp(sp->buf, tok_text(na, a), sp->bl) == 0)
		return rules.glued;
	if (a->group[0] && same_group(a, vg__lex_word_find(sp->buf, sp->bl))) {
		*rule = R_NICKNAME;
		return rules.nickname;
	}
	if (sp->syllables || !sp->spelling)
		return 0;
	if (sp->bl + 2 >= a->len && sp->bl <= (size_t)a->len + 2 && near_letters(mask_a, sp->lm) &&
	    same_key(a, na, sp->buf, sp->bl)) {
		*rule = R_PHONETIC;
		return rules.phonetic;
	}
	s = typo_reach(a->len, mask_a, sp->bl, sp->lm, 0) ?
		    typo_sim(tok_text(na, a), a->len, mask_a, sp->buf, sp->bl, sp->lm, 0) *
			    rules.glued_typo : 0;
	if (s < rules.translit && ((a->flags | sp->last_flags) & VG__TF_ABJAD) && a->slen >= 2) {
		/* collapse the letter doubled at the seams */
		size_t w = 0, q;
		for (q = 0; q < sp->sl; q++) {
			if (w && sp->sk[w - 1] == sp->sk[q])
				continue;
			sp->sk[w++] = sp->sk[q];
		}
		sp->sl = w;
		if (w == a->slen && memcmp(sp->sk, na->text + a->soff, w) == 0) {
			*rule = R_TRANSLIT;
			return rules.translit;
		}
	}
	return s;
}

/* Token a (index i) of na against tokens j.. of nb written together, 2 or
 * 3 of them.  mask_b: letter_mask() of each token of nb. */
static void glue_at(cand *c, size_t *nc, const vg_name *na, size_t i, uint32_t mask_a,
		    const vg_name *nb, const uint32_t *mask_b, size_t j, int need_sk, int swap)
{
	const vg__token *a = &na->tokens[i];
	const char *b0 = tok_text(nb, &nb->tokens[j]), *a0 = tok_text(na, a);
	span sp;
	size_t k;
	sp.bl = sp.sl = 0;
	sp.bm = sp.lm = 0;
	sp.syllables = 0;
	/* words written together keep their first letters; other spans can
	 * only be a known variant spelling (Tse-tung) */
	sp.spelling = b0[0] == a0[0] || b0[0] == a0[1] ||
		      (nb->tokens[j].len > 1 && b0[1] == a0[0]) ||
		      ((a->flags | nb->tokens[j].flags) & VG__TF_ABJAD);
	if (!sp.spelling && !a->group[0])
		return;
	for (k = 0; k < 3 && j + k < nb->n_tokens; k++) {
		const vg__token *b = &nb->tokens[j + k];
		uint8_t rule;
		float s;
		if (b->kind == VG__TOK_NUMBER)
			break;
		memcpy(sp.buf + sp.bl, tok_text(nb, b), b->len);
		sp.bl += b->len;
		sp.syllables |= (a->flags | b->flags) & VG__TF_SYLLABLE;
		sp.last_flags = b->flags;
		sp.lm |= mask_b[j + k];
		if (need_sk) {
			memcpy(sp.sk + sp.sl, nb->text + b->soff, b->slen);
			sp.sl += b->slen;
		}
		sp.bm |= 1u << (j + k);
		if (k == 0)
			continue;
		if (sp.bl > (size_t)a->len + 3)
			break;
		if (sp.bl + 3 < a->len && !a->group[0])
			continue; /* too short yet: try one more part */
		if ((s = glued_sim(na, a, mask_a, &sp, &rule)) > 0) {
			if (swap)
				add_cand(c, nc, sp.bm, 1u << i, s, rule);
			else
				add_cand(c, nc, 1u << i, sp.bm, s, rule);
		}
	}
}

/* Each token of na without an exact partner against spans of nb's tokens
 * written together.  mask_a, mask_b: letter_mask() of each token. */
static void glue_cands(cand *c, size_t *nc, const vg_name *na, const uint32_t *mask_a,
		       const vg_name *nb, const uint32_t *mask_b, uint32_t exact_a, int swap)
{
	size_t i, j;
	int nb_abjad = 0;
	for (j = 0; j < nb->n_tokens; j++)
		nb_abjad |= nb->tokens[j].flags & VG__TF_ABJAD;
	for (i = 0; i < na->n_tokens; i++) {
		const vg__token *a = &na->tokens[i];
		int need_sk = a->slen >= 2 && ((a->flags & VG__TF_ABJAD) || nb_abjad);
		if ((exact_a >> i) & 1 || a->len < 4 || a->kind == VG__TOK_NUMBER ||
		    a->kind == VG__TOK_INITIAL)
			continue;
		for (j = 0; j + 1 < nb->n_tokens; j++)
			glue_at(c, nc, na, i, mask_a[i], nb, mask_b, j, need_sk, swap);
	}
}

/* Whether n can be the name an acronym abbreviates: an organisation's,
 * or one that says it is one (a legal form, a word like bank or army).
 * The initials of a person's name are no acronym: read as one, "Robert
 * Ferrand" would be VEB.RF and "Lisa Joseph" Lashkar-i-Jhangvi. */
static int acronym_expands(const vg_name *n)
{
	size_t i;
	if (n->schema == VG_SCHEMA_PERSON)
		return 0;
	if (org_schema(n->schema) || n->legal_form)
		return 1;
	for (i = 0; i < n->n_tokens; i++) {
		if ((n->tokens[i].flags & VG__TF_ORGWORD) || n->tokens[i].kind == VG__TOK_GENERIC)
			return 1;
	}
	return 0;
}

/* Token a of na spelling the initials of tokens j.. of nb: PLA. */
/* Token a's letters as the initials of nb's tokens from j on, particles in
 * between taken along (Ejercito de Liberacion Nacional: ELN): their mask,
 * or 0. */
static uint32_t initials_at(const char *at, size_t an, const vg_name *nb, size_t j)
{
	uint32_t bm = 0;
	size_t k = 0;
	for (; j < nb->n_tokens && k < an; j++) {
		const vg__token *b = &nb->tokens[j];
		if (b->kind == VG__TOK_NUMBER || b->len < 2)
			return 0;
		if (tok_text(nb, b)[0] == at[k])
			k++;
		else if (b->kind != VG__TOK_PARTICLE || !k)
			return 0;
		bm |= 1u << j;
	}
	return k == an ? bm : 0;
}

/* Token a of na spelling the initials of tokens j.. of nb: PLA. */
static void acronym_cands(cand *c, size_t *nc, const vg_name *na, const vg_name *nb,
			  int swap)
{
	size_t i, j;
	if (!acronym_expands(nb))
		return;
	for (i = 0; i < na->n_tokens; i++) {
		const vg__token *a = &na->tokens[i];
		const char *at = tok_text(na, a);
		if (a->len < 2 || a->len > 6 || a->kind == VG__TOK_NUMBER ||
		    (a->flags & VG__TF_NONLATIN) || a->len > nb->n_tokens)
			continue;
		if (a->kind != VG__TOK_ACRONYM && !org_schema(na->schema))
			continue;
		for (j = 0; j + a->len <= nb->n_tokens; j++) {
			uint32_t bm = initials_at(at, a->len, nb, j);
			if (!bm)
				continue;
			if (swap)
				add_cand(c, nc, bm, 1u << i, rules.acronym, R_ACRONYM);
			else
				add_cand(c, nc, 1u << i, bm, rules.acronym, R_ACRONYM);
		}
	}
}

static int filial(const vg_name *n, size_t i)
{
	const vg__token *t = &n->tokens[i];
	const char *s = tok_text(n, t);
	return t->kind == VG__TOK_PARTICLE &&
	       ((t->len == 3 && (!memcmp(s, "bin", 3) || !memcmp(s, "ben", 3) ||
				 !memcmp(s, "ibn", 3))) ||
		(t->len == 4 && (!memcmp(s, "bint", 4) || !memcmp(s, "ould", 4))));
}

/* In "X bin Y" X is the person and Y the father: the same name as the
 * person in one and as the father in the other is two people (ABDULLAH BIN
 * OMAR / OMAR BIN ABDULLAH), not one. */
static int role_clash(const vg_name *a, size_t i, const vg_name *b, size_t j)
{
	int a_father = i > 0 && filial(a, i - 1), a_son = i + 1 < a->n_tokens && filial(a, i + 1);
	int b_father = j > 0 && filial(b, j - 1), b_son = j + 1 < b->n_tokens && filial(b, j + 1);
	/* in a chain (X bin Y bin Z) Y is both: only exclusive roles clash */
	return (a_father && !a_son && b_son && !b_father) ||
	       (a_son && !a_father && b_father && !b_son);
}

static void sort_cands(cand *c, size_t n)
{
	size_t i, j;
	for (i = 1; i < n; i++) {
		cand x = c[i];
		unsigned nx = popcount32(x.amask) + popcount32(x.bmask);
		/* by similarity, then the candidate covering more tokens, then
		 * the order of the names */
		for (j = i; j > 0 && (c[j - 1].sim < x.sim ||
				      (c[j - 1].sim == x.sim &&
				       popcount32(c[j - 1].amask) + popcount32(c[j - 1].bmask) < nx));
		     j--)
			c[j] = c[j - 1];
		c[j] = x;
	}
}

/* What the alignment left: the score is a fixed function of these (kept
 * apart so data/train_cv.py can refit the constants from explanations). */
typedef struct {
	double ma, mb;   /* matched weight x similarity, per name */
	double pa, pb;   /* weight lost to imperfect similarity */
	double ua, ub;   /* unmatched weight (rare parts weigh more) */
	double uca, ucb; /* unmatched weight by kind only, for conflicts */
	double sc, scw;  /* a family name left over (kind weight, weight) */
	double wc;       /* parts that make it another name: syllables left over or
			  * out of order in a name read from Chinese characters or
			  * Hangul (建宏 / Jian); a region only one of two full
			  * company names has (a national subsidiary) */
	int org, legal_conflict, numbers_differ, distinctive, all_matched;
} features;

typedef struct {
	double c_imperfect, c_conflict, c_extra_person, c_extra_org, legal_weight;
	double cap_numbers, cap_weak;
} params;

/* Chosen with data/train_cv.py --threshold 0.70 on the labelled pairs
 * (5-fold cross-validated F1 0.910; fitted-on-all optimum c_extra_person
 * 0.15 rounded up to 0.2 so that partial matches on common names alone do
 * not alert on screening). */
static const params default_params = {
	1.0,  /* c_imperfect */
	2.5,  /* c_conflict */
	0.2,  /* c_extra_person */
	0.8,  /* c_extra_org */
	0.6,  /* legal_weight */
	0.5,  /* cap_numbers */
	0.4,  /* cap_weak */
};

static double score_of(const features *f, const params *pr)
{
	double m = (f->ma + f->mb) / 2, p = (f->pa + f->pb) / 2;
	double conflict = (f->uca < f->ucb ? f->uca : f->ucb) + f->sc + f->wc +
			  (f->legal_conflict ? pr->legal_weight : 0);
	double extra = fabs(f->ua - f->ub) - f->scw;
	double s;
	if (extra < 0)
		extra = 0;
	s = m > 0 ? m / (m + pr->c_imperfect * p + pr->c_conflict * conflict +
				(f->org ? pr->c_extra_org : pr->c_extra_person) * extra) : 0;
	if (f->numbers_differ && s > pr->cap_numbers)
		s = pr->cap_numbers;
	if (!f->distinctive && !f->all_matched && s > pr->cap_weak)
		s = pr->cap_weak;
	return s < 0 ? 0 : s > 1 ? 1 : s;
}

static int has_syllables(const vg_name *n)
{
	size_t i;
	for (i = 0; i < n->n_tokens; i++) {
		if (n->tokens[i].flags & VG__TF_SYLLABLE)
			return 1;
	}
	return 0;
}

/* How one name's left-over parts count (features_of decides). */
enum {
	SIDE_PLAIN,
	SIDE_SUBSIDIARY, /* both names are full company names: a region is a conflict */
	SIDE_FULL,       /* the full name of a brand the other writes alone */
};

/* One name's share of the features: matched, imperfect and unmatched
 * weight.  Names written in Chinese characters or Hangul have no optional
 * parts (no middle names): a syllable left over when others matched is a
 * conflict (wc), not a part the other name lacks; so is, against such a
 * name, a left-over part of a Latin name that spells a syllable (LI, Cheng
 * Yu against 玉 李).  `mode` is a SIDE_*. */
static void side_features(features *f, double *m, double *p, double *u, double *uc, int *num,
			  int *distinctive, const vg_name *n, uint32_t used, const float *sim,
			  int other_cjk, int mode)
{
	size_t i;
	for (i = 0; i < n->n_tokens; i++) {
		const vg__token *t = &n->tokens[i];
		if ((used >> i) & 1) {
			*m += t->weight * sim[i];
			*p += t->weight * (1 - sim[i]);
			if (sim[i] >= rules.distinctive && t->kind != VG__TOK_INITIAL &&
			    t->kind != VG__TOK_PARTICLE && t->kind != VG__TOK_GENERIC)
				*distinctive = 1;
		} else if ((used && ((t->flags & VG__TF_SYLLABLE) ||
				     ((t->flags & VG__TF_CJKSPELL) && other_cjk))) ||
			   (mode == SIDE_SUBSIDIARY && (t->flags & VG__TF_REGION))) {
			f->wc += vg__token_conflict_weight(t);
		} else if (mode == SIDE_FULL &&
			   (t->kind == VG__TOK_GENERIC || (t->flags & VG__TF_REGION))) {
			*u += t->weight * rules.brand_extra;
		} else {
			*u += t->weight * ((t->flags & VG__TF_SURNAME) && n->schema == VG_SCHEMA_PERSON ?
						   rules.surname_extra : 1.0f);
			*uc += vg__token_conflict_weight(t);
			*num |= t->kind == VG__TOK_NUMBER;
		}
	}
}

/*
 * x is written "SURNAME, Given" and its surname aligned; y is in reading
 * order (no comma) and its last word found no partner: that last word is
 * y's family name, so the two names disagree on it (Badran Turki Hishan
 * Weaver vs HISHAN, Badran Turki) - a conflict, not an extra part.
 */
static void surname_conflict(features *f, const vg_name *x, uint32_t used_x,
			     const vg_name *y, uint32_t used_y)
{
	size_t i, last = SIZE_MAX;
	int matched = 0;
	for (i = 0; i < y->n_tokens; i++) {
		if (y->tokens[i].flags & VG__TF_SURNAME)
			return;
		if (y->tokens[i].kind == VG__TOK_WORD)
			last = i;
	}
	for (i = 0; i < x->n_tokens; i++) {
		if ((x->tokens[i].flags & VG__TF_SURNAME) && ((used_x >> i) & 1) &&
		    x->tokens[i].kind == VG__TOK_WORD)
			matched = 1;
	}
	if (!matched || last == SIZE_MAX || ((used_y >> last) & 1))
		return;
	f->sc += vg__token_conflict_weight(&y->tokens[last]);
	f->scw += y->tokens[last].weight;
}

/*
 * x writes two family names (SURNAME, known from a comma or capitals):
 * the first is the one its bearer goes by (Spanish names: the father's).
 * Only the second matching (Carlos Duque / RAMIREZ DUQUE, Carlos Manuel)
 * leaves the first as a conflict, not as a part one name lacks.
 */
static void primary_surname(features *f, const vg_name *x, uint32_t used_x)
{
	size_t i, first = SIZE_MAX;
	int later = 0;
	for (i = 0; i < x->n_tokens; i++) {
		const vg__token *t = &x->tokens[i];
		if (!(t->flags & VG__TF_SURNAME) || t->kind != VG__TOK_WORD)
			continue;
		if (first == SIZE_MAX)
			first = i;
		else
			later |= (used_x >> i) & 1;
	}
	if (first == SIZE_MAX || ((used_x >> first) & 1) || !later)
		return;
	f->sc += vg__token_conflict_weight(&x->tokens[first]);
	f->scw += x->tokens[first].weight;
}

static void explain_tokens(vg_buf *out, const vg_name *n, uint32_t mask)
{
	size_t i;
	int first = 1;
	vg_buf_puts(out, "\"");
	for (i = 0; i < n->n_tokens; i++) {
		if (!((mask >> i) & 1))
			continue;
		if (!first)
			vg_buf_puts(out, " ");
		first = 0;
		vg_buf_put(out, tok_text(n, &n->tokens[i]), n->tokens[i].len);
	}
	vg_buf_puts(out, "\"");
}

static void explain_list(vg_buf *out, const vg_name *n, uint32_t used)
{
	size_t i;
	int first = 1;
	vg_buf_puts(out, "[");
	for (i = 0; i < n->n_tokens; i++) {
		if ((used >> i) & 1)
			continue;
		if (!first)
			vg_buf_puts(out, ", ");
		first = 0;
		vg_buf_put_json_string(out, tok_text(n, &n->tokens[i]), n->tokens[i].len);
	}
	vg_buf_puts(out, "]");
}

/* The alignment of two names: every candidate pairing, and the ones the
 * greedy pass kept (sel), with the similarity each token got. */
typedef struct {
	cand c[MAX_CANDS];
	size_t nc, sel[2 * VG__NAME_MAX_TOKENS], nsel;
	uint32_t used_a, used_b;
	float sim_a[VG__NAME_MAX_TOKENS], sim_b[VG__NAME_MAX_TOKENS];
} alignment;

/* Steps 1 and 2 of the header comment. */
static void align(alignment *al, const vg_name *a, const vg_name *b)
{
	uint32_t exact_a = 0, exact_b = 0;
	uint32_t mask_a[VG__NAME_MAX_TOKENS], mask_b[VG__NAME_MAX_TOKENS];
	size_t i, j;
	al->nc = al->nsel = 0;
	al->used_a = al->used_b = 0;
	memset(al->sim_a, 0, sizeof(al->sim_a));
	memset(al->sim_b, 0, sizeof(al->sim_b));
	for (i = 0; i < a->n_tokens; i++)
		mask_a[i] = letter_mask(tok_text(a, &a->tokens[i]), a->tokens[i].len);
	for (j = 0; j < b->n_tokens; j++)
		mask_b[j] = letter_mask(tok_text(b, &b->tokens[j]), b->tokens[j].len);
	for (i = 0; i < a->n_tokens; i++) {
		for (j = 0; j < b->n_tokens; j++) {
			uint8_t rule;
			float sm = token_sim(a, &a->tokens[i], mask_a[i], b, &b->tokens[j], mask_b[j],
					     &rule);
			if (sm <= 0 || role_clash(a, i, b, j))
				continue;
			add_cand(al->c, &al->nc, 1u << i, 1u << j, sm, rule);
			if (sm >= 1.0f) {
				exact_a |= 1u << i;
				exact_b |= 1u << j;
			}
		}
	}
	if (exact_a != (1u << a->n_tokens) - 1 || exact_b != (1u << b->n_tokens) - 1) {
		glue_cands(al->c, &al->nc, a, mask_a, b, mask_b, exact_a, 0);
		glue_cands(al->c, &al->nc, b, mask_b, a, mask_a, exact_b, 1);
		acronym_cands(al->c, &al->nc, a, b, 0);
		acronym_cands(al->c, &al->nc, b, a, 1);
	}
	sort_cands(al->c, al->nc);
	for (i = 0; i < al->nc; i++) {
		const cand *x = &al->c[i];
		if ((x->amask & al->used_a) || (x->bmask & al->used_b))
			continue;
		al->used_a |= x->amask;
		al->used_b |= x->bmask;
		for (j = 0; j < a->n_tokens; j++) {
			if ((x->amask >> j) & 1)
				al->sim_a[j] = x->sim;
		}
		for (j = 0; j < b->n_tokens; j++) {
			if ((x->bmask >> j) & 1)
				al->sim_b[j] = x->sim;
		}
		if (al->nsel < sizeof(al->sel) / sizeof(al->sel[0]))
			al->sel[al->nsel++] = i;
	}
}

static int only_particles_left(const vg_name *n, uint32_t used)
{
	size_t i;
	for (i = 0; i < n->n_tokens; i++) {
		if (!((used >> i) & 1) && n->tokens[i].kind != VG__TOK_PARTICLE)
			return 0;
	}
	return 1;
}

/* The token of the other name that token i was aligned with alone (as
 * one token to one token), or -1. */
static int partner(const alignment *al, size_t i, int side_a)
{
	size_t k;
	for (k = 0; k < al->nsel; k++) {
		const cand *x = &al->c[al->sel[k]];
		uint32_t mine = side_a ? x->amask : x->bmask, theirs = side_a ? x->bmask : x->amask;
		if (mine == (1u << i) && popcount32(theirs) == 1)
			return __builtin_ctz(theirs);
	}
	return -1;
}

/*
 * A given name is its syllables in their order: 광수 (Gwang-su) is not
 * Su-gwang.  For each word of syllables, the syllables of its given name
 * (all of them when the word stands apart from the family name, all but
 * the first when the word is the whole name: 김광수) aligned one to one
 * must keep their order next to each other; each one that does not counts
 * as a conflict.
 */
static double order_conflicts(const alignment *al, const vg_name *n, int side_a)
{
	size_t i = 0;
	double c = 0;
	int whole = n->n_tokens > 1;
	for (i = 1; i < n->n_tokens; i++)
		whole &= (n->tokens[i].flags & VG__TF_JOINED) != 0;
	for (i = 1; i < n->n_tokens; i++) {
		int p, q;
		if (!(n->tokens[i].flags & VG__TF_JOINED) || (whole && i == 1))
			continue;
		p = partner(al, i - 1, side_a);
		q = partner(al, i, side_a);
		if (p >= 0 && q >= 0 && q != p + 1)
			c += vg__token_conflict_weight(&n->tokens[i]);
	}
	return c;
}

/* What the alignment left, for score_of(). */
static void features_of(features *f, const alignment *al, const vg_name *a, const vg_name *b)
{
	int org = org_schema(a->schema) || org_schema(b->schema);
	int distinctive = 0, num_a = 0, num_b = 0;
	memset(f, 0, sizeof(*f));
	f->org = org;
	f->legal_conflict = org && a->legal_form && b->legal_form && a->legal_form != b->legal_form;
	int all_a = al->used_a == (1u << a->n_tokens) - 1, all_b = al->used_b == (1u << b->n_tokens) - 1;
	int mode_a = SIDE_PLAIN, mode_b = SIDE_PLAIN;
	if (org && a->legal_form && b->legal_form) {
		mode_a = mode_b = SIDE_SUBSIDIARY;
	} else if (org && !a->legal_form && b->legal_form && all_a) {
		mode_b = SIDE_FULL;
	} else if (org && a->legal_form && !b->legal_form && all_b) {
		mode_a = SIDE_FULL;
	}
	side_features(f, &f->ma, &f->pa, &f->ua, &f->uca, &num_a, &distinctive, a, al->used_a,
		      al->sim_a, has_syllables(b), mode_a);
	side_features(f, &f->mb, &f->pb, &f->ub, &f->ucb, &num_b, &distinctive, b, al->used_b,
		      al->sim_b, has_syllables(a), mode_b);
	f->numbers_differ = num_a && num_b;
	f->wc += order_conflicts(al, a, 1) + order_conflicts(al, b, 0);
	if (!org) {
		surname_conflict(f, a, al->used_a, b, al->used_b);
		surname_conflict(f, b, al->used_b, a, al->used_a);
		primary_surname(f, a, al->used_a);
		primary_surname(f, b, al->used_b);
	}
	f->distinctive = distinctive;
	/* nothing left but particles (de, al): a name of organisation words
	 * only (National Liberation Army) can then be matched on them */
	f->all_matched = only_particles_left(a, al->used_a) && only_particles_left(b, al->used_b);
}

static void explain_json(vg_buf *explain, double s, const alignment *al, const features *f,
			 const vg_name *a, const vg_name *b)
{
	size_t i;
	vg_buf_printf(explain, "{\"score\": %.4f, \"threshold\": %.2f, \"a\": ", s, THRESHOLD);
	vg_buf_put_json_string(explain, a->text, a->norm_len);
	vg_buf_puts(explain, ", \"b\": ");
	vg_buf_put_json_string(explain, b->text, b->norm_len);
	vg_buf_puts(explain, ", \"aligned\": [");
	for (i = 0; i < al->nsel; i++) {
		const cand *x = &al->c[al->sel[i]];
		vg_buf_puts(explain, i ? ", {\"a\": " : "{\"a\": ");
		explain_tokens(explain, a, x->amask);
		vg_buf_puts(explain, ", \"b\": ");
		explain_tokens(explain, b, x->bmask);
		vg_buf_printf(explain, ", \"rule\": \"%s\", \"similarity\": %.2f}",
			      rule_names[x->rule], x->sim);
	}
	vg_buf_puts(explain, "], \"unmatched_a\": ");
	explain_list(explain, a, al->used_a);
	vg_buf_puts(explain, ", \"unmatched_b\": ");
	explain_list(explain, b, al->used_b);
	vg_buf_printf(explain, ", \"legal_form\": {\"a\": \"%s\", \"b\": \"%s\", \"conflict\": %s}",
		      a->legal_form < vg__legal_n_classes ? vg__legal_class_names[a->legal_form] : "",
		      b->legal_form < vg__legal_n_classes ? vg__legal_class_names[b->legal_form] : "",
		      f->legal_conflict ? "true" : "false");
	vg_buf_printf(explain, ", \"numbers_differ\": %s, \"features\": {\"ma\": %.4f, "
		      "\"mb\": %.4f, \"pa\": %.4f, \"pb\": %.4f, \"ua\": %.4f, \"ub\": %.4f, "
		      "\"uca\": %.4f, \"ucb\": %.4f, \"org\": %d, \"legal_conflict\": %d, "
		      "\"numbers_differ\": %d, \"distinctive\": %d, \"all_matched\": %d, "
		      "\"sc\": %.4f, \"scw\": %.4f, \"wc\": %.4f}}",
		      f->numbers_differ ? "true" : "false", f->ma, f->mb, f->pa, f->pb, f->ua, f->ub,
		      f->uca, f->ucb, f->org, f->legal_conflict, f->numbers_differ, f->distinctive,
		      f->all_matched, f->sc, f->scw, f->wc);
}

int vg_name_compare(double *score, const vg_name *a, const vg_name *b, vg_buf *explain)
{
	alignment al;
	features f;
	double s;
	if (!score || !a || !b)
		return vg__error_set(VG_EUSAGE, "compare.c: NULL argument");
	align(&al, a, b);
	features_of(&f, &al, a, b);
	s = score_of(&f, &default_params);
	*score = s;
	if (explain)
		explain_json(explain, s, &al, &f, a, b);
	return 0;
}

int vg_compare(double *score, const char *a, size_t alen, const char *b, size_t blen,
	       vg_schema schema, vg_buf *explain)
{
	vg_name *na = NULL, *nb = NULL;
	int error;
	if ((error = vg_name_analyze(&na, a, alen, schema)) < 0)
		goto cleanup;
	if ((error = vg_name_analyze(&nb, b, blen, schema)) < 0)
		goto cleanup;
	error = vg_name_compare(score, na, nb, explain);
cleanup:
	vg_name_free(na);
	vg_name_free(nb);
	return error;
}
