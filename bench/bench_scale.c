/*
 * bench_scale.c - matching at scale on synthetic lists shaped like real ones.
 *
 *   bench_scale gen N OUT.ftm.jsonl [CHANGED]
 *       writes N FollowTheMoney entities: people of 23 name cultures (the
 *       Cyrillic, Arabic, Chinese, Korean and Greek ones with their names in
 *       the original script as aliases and several romanisations), PEP-like
 *       families sharing a family name (with Family link records), companies
 *       with the legal forms of their country (Russian ones in Cyrillic with
 *       their Latin spellings), organisations and vessels.  Name parts are
 *       drawn with Zipf weights from synth_names.h plus an open-ended tail of
 *       invented family names and brands per culture, so the vocabulary keeps
 *       growing with N as real lists' does.  Entity i is a pure function of
 *       i (fixed seed).  With CHANGED > 0 the file is the next version of the
 *       list: about CHANGED entities differ (most renamed or re-dated, one in
 *       ten removed, one in ten new ids added).
 *   bench_scale queries N KIND COUNT OUT.csv
 *       KIND unlisted: people and companies drawn from the same cultures
 *       but from another stream (no listed entity; namesakes happen as in
 *       life).  KIND listed: a listed entity's name damaged the ways
 *       customer records damage them (a typo, reordered parts, a dropped
 *       middle name or patronymic, another romanisation, the original
 *       script, glued or split parts, an initial, a legal form dropped or
 *       spelt out, capitals and no accents), with expected_id.
 *   bench_scale query INDEX QUERIES.csv [EXHAUSTIVE]
 *       runs every query in process: latency p50/p99/mean (thread CPU
 *       time), candidates compared and postings read per query, names
 *       covered (by what opened them: rare terms, a common term alone,
 *       pairs of common terms, candidates' other names) and how many of
 *       them could rank among the candidates, listed queries found; then for the first EXHAUSTIVE queries (default 200)
 *       compares with the exhaustive reference (every name compared, on two
 *       threads): recall of its matches.  BENCH_EXHAUSTIVE=FILE keeps that
 *       reference for the next run on the same list and queries.
 */
#include "match/match_internal.h"
#include "vigil/vigil.h"
#include "synth_names.h"

#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Names are cut to their buffers on purpose: a generator, not a parser. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

/* ---- randomness ------------------------------------------------------------ */

static uint64_t mix(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static uint64_t hash2(uint64_t a, uint64_t b)
{
	uint64_t s = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL);
	return mix(&s);
}

static unsigned pct(uint64_t *s)
{
	return (unsigned)(mix(s) % 100);
}

/* An index below n, Zipf-like (weight about 1/(i+1)): the first entries of
 * a list are the common ones. */
static size_t zipf(uint64_t *s, size_t n)
{
	double u = (double)(mix(s) >> 11) / 9007199254740992.0;
	size_t i = (size_t)(exp(u * log((double)n + 1.0)) - 1.0);
	return i < n ? i : n - 1;
}

#define PICK(s, a) ((a)[zipf(s, N_OF(a))])
#define UNI(s, a) ((a)[mix(s) % N_OF(a)])

/* ---- text helpers ------------------------------------------------------------ */

typedef struct {
	char *p;
	size_t cap, len;
} sbuf;

static void sput(sbuf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->len + n >= b->cap)
		n = b->cap - b->len - 1;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void scat(char *dst, size_t cap, const char *const *parts, size_t n)
{
	sbuf b = { dst, cap, 0 };
	size_t i;
	dst[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!parts[i] || !parts[i][0])
			continue;
		if (b.len)
			sput(&b, " ");
		sput(&b, parts[i]);
	}
}

/* Decodes one UTF-8 sequence (input is our own tables: valid). */
static uint32_t utf8_next(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	uint32_t c;
	if (s[0] < 0x80) {
		c = s[0];
		*p += 1;
	} else if (s[0] < 0xE0) {
		c = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		*p += 2;
	} else if (s[0] < 0xF0) {
		c = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		*p += 3;
	} else {
		c = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
		    (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
		*p += 4;
	}
	return c;
}

static size_t utf8_put(char *o, uint32_t c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | c >> 6);
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	o[0] = (char)(0xE0 | c >> 12);
	o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[2] = (char)(0x80 | (c & 0x3F));
	return 3;
}

/* Cyrillic to Latin.  sys 0: BGN/PCGN as US lists write it (Aleksandr,
 * Yuriy, Kh); 1: the Russian passport system of 2013 (Iurii, Aleksandr,
 * ia/iu); 2: the popular English one (Alexander's x, Yury, H for Kh).
 * Ukrainian letters follow the Ukrainian national system. */
static void translit(char *out, size_t cap, const char *cyr, int sys)
{
	static const char *const lat[3][32] = {
		{ "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
		  "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya" },
		{ "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
		  "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia" },
		{ "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
		  "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "sch", "", "y", "", "e", "yu", "ya" },
	};
	sbuf b = { out, cap, 0 };
	const char *p = cyr;
	int upper_next = 0, prev_vowel = 1;
	out[0] = '\0';
	while (*p) {
		uint32_t c = utf8_next(&p);
		int up = 0;
		char tmp[8];
		const char *t;
		if (c >= 0x410 && c <= 0x42F) {
			c += 0x20;
			up = 1;
		} else if (c == 0x401 || c == 0x404 || c == 0x406 || c == 0x407 || c == 0x490) {
			c += 0x50;
			up = 1;
			if (c == 0x4E0)
				c = 0x491;
		}
		if (c >= 0x430 && c <= 0x44F) {
			t = lat[sys][c - 0x430];
			/* -ий at the end: -iy, -ii or -y */
			if (c == 0x439 && b.len && out[b.len - 1] == 'i' && !*p) {
				b.len--;
				out[b.len] = '\0';
				t = sys == 0 ? "iy" : sys == 1 ? "ii" : "y";
			}
			if (c == 0x435 && prev_vowel && sys == 0)
				t = "ye";
			if (sys == 2 && c == 0x441 && b.len && out[b.len - 1] == 'k') {
				out[--b.len] = '\0';
				t = "x";
			}
			prev_vowel = strchr("aeiouy", t[0] ? t[0] : 'x') != NULL;
		} else if (c == 0x451) {
			t = sys == 2 ? "yo" : "e";
			prev_vowel = 1;
		} else if (c == 0x454) {
			t = prev_vowel ? "ye" : "ie";
			prev_vowel = 1;
		} else if (c == 0x456) {
			t = "i";
			prev_vowel = 1;
		} else if (c == 0x457) {
			t = prev_vowel ? "yi" : "i";
			prev_vowel = 1;
		} else if (c == 0x491) {
			t = "g";
			prev_vowel = 0;
		} else {
			size_t k = utf8_put(tmp, c);
			tmp[k] = '\0';
			t = tmp;
			prev_vowel = 1;
		}
		if ((up || upper_next) && t[0]) {
			char cap_t[8];
			snprintf(cap_t, sizeof(cap_t), "%s", t);
			cap_t[0] = (char)(cap_t[0] - 32 * (cap_t[0] >= 'a' && cap_t[0] <= 'z'));
			sput(&b, cap_t);
			upper_next = 0;
		} else if (up) {
			upper_next = 1;
		} else {
			sput(&b, t);
		}
	}
}

/* ---- entities ----------------------------------------------------------------- */

enum { K_NAME, K_ALIAS, K_WEAK, K_PREVIOUS };
enum { S_PERSON, S_COMPANY, S_ORG, S_VESSEL };

#define MAXN 6

typedef struct {
	int schema;
	char names[MAXN][200];
	int kind[MAXN];
	int n_names;
	char first[96], last[128], father[96];
	char dob[11];
	char gender;
	const char *country;
	const char *topic;
	char number[24]; /* registration or IMO number */
	long long head;  /* the family's head (a Family link), or -1 */
	const char *relation;
	/* for damaging it into a query */
	char native[200]; /* the name in its original script, "" when Latin */
	char other[200];  /* another romanisation, "" when none */
	char given_l[96], middle_l[96], family_l[128]; /* the Latin parts */
	int org_form_at;  /* companies: byte offset of the legal form, -1 none */
} ent;

static void add_name(ent *e, int kind, const char *s)
{
	int i;
	if (!s[0] || e->n_names >= MAXN)
		return;
	for (i = 0; i < e->n_names; i++)
		if (!strcmp(e->names[i], s))
			return;
	snprintf(e->names[e->n_names], sizeof(e->names[0]), "%s", s);
	e->kind[e->n_names++] = kind;
}

static void make_dob(ent *e, uint64_t *s)
{
	unsigned p = pct(s);
	int y = 1935 + (int)(mix(s) % 66);
	if (p < 25)
		e->dob[0] = '\0';
	else if (p < 37)
		snprintf(e->dob, sizeof(e->dob), "%04d", y);
	else
		snprintf(e->dob, sizeof(e->dob), "%04d-%02d-%02d", y, 1 + (int)(mix(s) % 12),
			 1 + (int)(mix(s) % 28));
}

/* An invented word: a root, 0-2 syllables, an ending, chosen by the tail
 * rank so that rank r is always the same word. */
static void tail_word(char *out, size_t cap, uint64_t rank, uint64_t salt,
		      const char *const *root, size_t nroot, const char *const *end,
		      size_t nend)
{
	uint64_t s = hash2(rank, salt);
	sbuf b = { out, cap, 0 };
	size_t k, ns = root ? 1 + mix(&s) % 2 : 2 + mix(&s) % 2;
	out[0] = '\0';
	if (root)
		sput(&b, root[mix(&s) % nroot]);
	for (k = 0; k < ns; k++)
		sput(&b, syl_latin[mix(&s) % N_OF(syl_latin)]);
	if (end)
		sput(&b, end[mix(&s) % nend]);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 32);
}

/* A family name: one of the common ones of synth_names.h (20%) or one of
 * the open-ended tail, whose ranks are log-uniform from 30 to three million
 * (Zipf with exponent 1): as in a census, the commonest name is under 1% of
 * a culture's people, the first thousand are about 40%, and rare names stay
 * rare. */
static int use_tail(uint64_t *s, uint64_t *rank)
{
	if (pct(s) < 20)
		return 0;
	*rank = (uint64_t)(30.0 * exp((double)(mix(s) >> 11) / 9007199254740992.0 * log(1e5)));
	return 1;
}

/* Cyrillic family name of a Russian or Ukrainian; the female form when
 * female. */
static void cyr_family(char *out, size_t cap, uint64_t *s, int ua, int female)
{
	uint64_t rank;
	size_t l;
	if (!use_tail(s, &rank)) {
		snprintf(out, cap, "%s", ua ? PICK(s, ua_family) : PICK(s, ru_family));
	} else {
		uint64_t t = hash2(rank, ua ? 77 : 78);
		snprintf(out, cap, "%s%s%s%s", ru_root[mix(&t) % N_OF(ru_root)],
			 ru_mid[mix(&t) % N_OF(ru_mid)], mix(&t) % 4 ? "" : ru_mid[mix(&t) % N_OF(ru_mid)],
			 ua ? ua_end[mix(&t) % N_OF(ua_end)] : ru_end_m[mix(&t) % N_OF(ru_end_m)]);
	}
	if (!female)
		return;
	l = strlen(out);
	if (l > 4 && (!strcmp(out + l - 4, "ов") || !strcmp(out + l - 4, "ев") ||
		      !strcmp(out + l - 4, "ин") || !strcmp(out + l - 4, "ёв")))
		snprintf(out + l, cap - l, "а");
	else if (l > 8 && (!strcmp(out + l - 8, "ский") || !strcmp(out + l - 8, "ський")))
		snprintf(out + l - 4, cap - l + 4, "ая");
}

/* Patronymic of a father's given name (Russian rules; Ukrainian -ій and
 * -о names as Ukrainian writes them). */
static void patronymic(char *out, size_t cap, const char *father, int female)
{
	size_t l = strlen(father);
	char stem[96];
	snprintf(stem, sizeof(stem), "%s", father);
	if ((l > 4 && !strcmp(stem + l - 4, "ій")) || (l > 2 && !strcmp(stem + l - 2, "о")))
		snprintf(stem + l - ((unsigned char)stem[l - 1] == 0xBE ? 2 : 0),
			 sizeof(stem) - l + 2, "ов");
	else if (l > 4 && !strcmp(stem + l - 4, "ий"))
		snprintf(stem + l - 4, sizeof(stem) - l + 4, "ьев");
	else if (l > 2 && !strcmp(stem + l - 2, "й"))
		snprintf(stem + l - 2, sizeof(stem) - l + 2, "ев");
	else if (l > 2 && !strcmp(stem + l - 2, "а"))
		snprintf(stem + l - 2, sizeof(stem) - l + 2, "ич");
	else
		snprintf(stem + l, sizeof(stem) - l, "ов");
	if (l > 2 && !strcmp(father + l - 2, "а"))
		snprintf(out, cap, "%s%s", stem, female ? "на" : "");
	else
		snprintf(out, cap, "%s%s", stem, female ? "на" : "ич");
}

enum {
	CU_RU, CU_UA, CU_AR, CU_IR, CU_TR, CU_EN, CU_ES, CU_PT, CU_FR, CU_DE, CU_IT,
	CU_PL, CU_ZH, CU_KO, CU_JA, CU_VI, CU_IN, CU_PK, CU_WAF, CU_EAF, CU_ID,
	CU_EL, CU_CAU, CU__COUNT
};

/* Share of the people of each culture (per mille) and their countries. */
static const struct {
	int permille;
	const char *country[3];
} cultures[CU__COUNT] = {
	[CU_RU] = { 120, { "ru", "ru", "by" } }, [CU_UA] = { 40, { "ua", "ua", "ua" } },
	[CU_AR] = { 90, { "sy", "iq", "sa" } }, [CU_IR] = { 25, { "ir", "ir", "ir" } },
	[CU_TR] = { 25, { "tr", "tr", "cy" } }, [CU_EN] = { 100, { "us", "gb", "ca" } },
	[CU_ES] = { 85, { "mx", "ve", "co" } }, [CU_PT] = { 45, { "br", "br", "pt" } },
	[CU_FR] = { 35, { "fr", "be", "ml" } }, [CU_DE] = { 35, { "de", "at", "ch" } },
	[CU_IT] = { 25, { "it", "it", "ch" } }, [CU_PL] = { 25, { "pl", "cz", "pl" } },
	[CU_ZH] = { 60, { "cn", "cn", "hk" } }, [CU_KO] = { 20, { "kr", "kp", "kp" } },
	[CU_JA] = { 15, { "jp", "jp", "jp" } }, [CU_VI] = { 20, { "vn", "vn", "vn" } },
	[CU_IN] = { 60, { "in", "in", "in" } }, [CU_PK] = { 25, { "pk", "pk", "af" } },
	[CU_WAF] = { 40, { "ng", "gh", "ng" } }, [CU_EAF] = { 20, { "ke", "tz", "ug" } },
	[CU_ID] = { 20, { "id", "id", "my" } }, [CU_EL] = { 10, { "gr", "gr", "cy" } },
	[CU_CAU] = { 20, { "am", "ge", "az" } },
};

static int pick_culture(uint64_t *s)
{
	unsigned r = (unsigned)(mix(s) % 1000), acc = 0;
	int c;
	for (c = 0; c < CU__COUNT; c++) {
		acc += (unsigned)cultures[c].permille;
		if (r < acc)
			return c;
	}
	return CU_EN;
}

/* What a family shares: its culture, family name seed, father's name. */
typedef struct {
	int in_family;
	uint64_t seed;
	int role; /* 0 head, 1 spouse, 2 child */
} famctx;

static const char *const *latin_family(int cu, size_t *n, const char *const **end,
				       size_t *nend, const char *const **root, size_t *nroot)
{
	*root = NULL;
	*nroot = 0;
#define L(f, e) (*n = N_OF(f), *end = e, *nend = N_OF(e), f)
	switch (cu) {
	case CU_IR: return L(ir_family, ir_end);
	case CU_TR: return L(tr_family, tr_end);
	case CU_EN: *root = en_root; *nroot = N_OF(en_root); return L(en_family, en_end);
	case CU_ES: *root = es_root; *nroot = N_OF(es_root); return L(es_family, es_end);
	case CU_PT: return L(pt_family, pt_end);
	case CU_FR: return L(fr_family, fr_end);
	case CU_DE: return L(de_family, de_end);
	case CU_IT: return L(it_family, it_end);
	case CU_PL: return L(pl_family, pl_end);
	case CU_JA: return L(ja_family, ja_end);
	case CU_IN: *root = in_root; *nroot = N_OF(in_root); return L(in_family, in_end);
	case CU_PK: return L(pk_family, ir_end);
	case CU_WAF: *root = waf_root; *nroot = N_OF(waf_root); return L(waf_family, waf_end);
	case CU_EAF: return L(eaf_family, eaf_end);
	case CU_ID: return L(id_family, id_end);
	default: return L(cau_family, cau_end);
	}
#undef L
}

static const char *latin_given(int cu, uint64_t *s, int female)
{
	switch (cu) {
	case CU_IR: return female ? PICK(s, ir_given_f) : PICK(s, ir_given_m);
	case CU_TR: return female ? PICK(s, tr_given_f) : PICK(s, tr_given_m);
	case CU_EN: return female ? PICK(s, en_given_f) : PICK(s, en_given_m);
	case CU_ES: return female ? PICK(s, es_given_f) : PICK(s, es_given_m);
	case CU_PT: return female ? PICK(s, pt_given_f) : PICK(s, pt_given_m);
	case CU_FR: return female ? PICK(s, fr_given_f) : PICK(s, fr_given_m);
	case CU_DE: return female ? PICK(s, de_given_f) : PICK(s, de_given_m);
	case CU_IT: return female ? PICK(s, it_given_f) : PICK(s, it_given_m);
	case CU_PL: return female ? PICK(s, pl_given_f) : PICK(s, pl_given_m);
	case CU_JA: return PICK(s, ja_given);
	case CU_IN: return female ? PICK(s, in_given_f) : PICK(s, in_given_m);
	case CU_PK: return PICK(s, pk_given);
	case CU_WAF: return PICK(s, waf_given);
	case CU_EAF: return PICK(s, eaf_given);
	case CU_ID: return PICK(s, id_given);
	default: return PICK(s, cau_given);
	}
}

/* A Latin-script family name of culture cu: common or invented. */
static void latin_family_name(char *out, size_t cap, int cu, uint64_t *s, int female)
{
	const char *const *end, *const *root;
	size_t n, nend, nroot, l;
	const char *const *fam = latin_family(cu, &n, &end, &nend, &root, &nroot);
	uint64_t rank;
	if (!use_tail(s, &rank))
		snprintf(out, cap, "%s", fam[zipf(s, n)]);
	else
		tail_word(out, cap, rank, (uint64_t)cu * 1000 + 5, root, nroot, end, nend);
	l = strlen(out);
	if (female && cu == CU_PL && l > 3 && !strcmp(out + l - 3, "ski"))
		out[l - 1] = 'a';
}

static void person_ru(ent *e, uint64_t *s, const famctx *f, int ua)
{
	char given[96], father[96], pat[96], fam[128], lg[96], lp[96], lf[128];
	int female = !f->in_family ? pct(s) < 25 : f->role == 1 ? 1 : f->role == 0 ? 0
						     : (int)(mix(s) % 2);
	int sys = pct(s) < 70 ? 0 : 2;
	uint64_t fs = f->in_family ? f->seed : mix(s), t = fs;
	/* the head's given name is his children's father's name */
	const char *head = ua ? PICK(&t, ua_given_m) : PICK(&t, ru_given_m);
	const char *parts[3];
	if (f->in_family && f->role == 0)
		snprintf(given, sizeof(given), "%s", head);
	else
		snprintf(given, sizeof(given), "%s",
			 ua ? (female ? PICK(s, ua_given_f) : PICK(s, ua_given_m))
			    : (female ? PICK(s, ru_given_f) : PICK(s, ru_given_m)));
	snprintf(father, sizeof(father), "%s",
		 f->in_family && f->role == 2 ? head : ua ? PICK(s, ua_given_m) : PICK(s, ru_given_m));
	t = fs ^ 0x55;
	cyr_family(fam, sizeof(fam), &t, ua, female);
	patronymic(pat, sizeof(pat), father, female);
	e->gender = female ? 'f' : 'm';
	translit(lg, sizeof(lg), given, sys);
	translit(lp, sizeof(lp), pat, sys);
	translit(lf, sizeof(lf), fam, sys);
	snprintf(e->given_l, sizeof(e->given_l), "%s", lg);
	snprintf(e->middle_l, sizeof(e->middle_l), "%s", pct(s) < 85 ? lp : "");
	snprintf(e->family_l, sizeof(e->family_l), "%s", lf);
	parts[0] = e->given_l, parts[1] = e->middle_l, parts[2] = e->family_l;
	scat(e->names[0], sizeof(e->names[0]), parts, 3);
	e->kind[0] = K_NAME;
	e->n_names = 1;
	parts[0] = fam, parts[1] = given, parts[2] = e->middle_l[0] ? pat : "";
	scat(e->native, sizeof(e->native), parts, 3);
	if (pct(s) < 65)
		add_name(e, K_ALIAS, e->native);
	{
		char og[96], op[96], of[128];
		translit(og, sizeof(og), given, sys == 0 ? 1 : 0);
		translit(op, sizeof(op), pat, sys == 0 ? 1 : 0);
		translit(of, sizeof(of), fam, sys == 0 ? 1 : 0);
		parts[0] = og, parts[1] = e->middle_l[0] ? op : "", parts[2] = of;
		scat(e->other, sizeof(e->other), parts, 3);
		if (pct(s) < 30)
			add_name(e, K_ALIAS, e->other);
	}
	snprintf(e->first, sizeof(e->first), "%s", e->given_l);
	snprintf(e->last, sizeof(e->last), "%s", e->family_l);
	snprintf(e->father, sizeof(e->father), "%s", e->middle_l);
}

static const char *xl(const xname *x, uint64_t *s)
{
	int n = 0;
	while (n < 4 && x->latin[n])
		n++;
	return x->latin[mix(s) % (uint64_t)n];
}

static void person_ar(ent *e, uint64_t *s, const famctx *f)
{
	int female = f->in_family ? (f->role == 1) || (f->role == 2 && mix(s) % 2) : pct(s) < 20;
	uint64_t fs = f->in_family ? f->seed : mix(s), t = fs;
	const xname *head = &PICK(&t, ar_given_m), *fam = &PICK(&t, ar_family);
	const xname *g = f->in_family && f->role == 0 ? head
			 : female ? &PICK(s, ar_given_f) : &PICK(s, ar_given_m);
	const xname *fa = f->in_family && f->role == 2 ? head : &PICK(s, ar_given_m);
	const char *parts[3];
	char tailfam[64] = "";
	uint64_t rank;
	t = fs ^ 0x77;
	if (use_tail(&t, &rank)) {
		uint64_t u = hash2(rank, 31);
		snprintf(tailfam, sizeof(tailfam), "%s%s%s%s", mix(&u) % 5 < 2 ? "Al-" : "",
			 ar_root[mix(&u) % N_OF(ar_root)], ar_mid[mix(&u) % N_OF(ar_mid)],
			 ar_end[mix(&u) % N_OF(ar_end)]);
	}
	e->gender = female ? 'f' : 'm';
	snprintf(e->given_l, sizeof(e->given_l), "%s", xl(g, s));
	snprintf(e->middle_l, sizeof(e->middle_l), "%s", pct(s) < 60 ? xl(fa, s) : "");
	snprintf(e->family_l, sizeof(e->family_l), "%s", tailfam[0] ? tailfam : xl(fam, s));
	parts[0] = e->given_l, parts[1] = e->middle_l, parts[2] = e->family_l;
	scat(e->names[0], sizeof(e->names[0]), parts, 3);
	e->kind[0] = K_NAME;
	e->n_names = 1;
	if (!tailfam[0]) {
		parts[0] = g->native, parts[1] = e->middle_l[0] ? fa->native : "",
		parts[2] = fam->native;
		scat(e->native, sizeof(e->native), parts, 3);
		if (pct(s) < 45)
			add_name(e, K_ALIAS, e->native);
	}
	parts[0] = xl(g, s), parts[1] = e->middle_l[0] ? xl(fa, s) : "";
	parts[2] = tailfam[0] ? tailfam : xl(fam, s);
	scat(e->other, sizeof(e->other), parts, 3);
	if (pct(s) < 35)
		add_name(e, K_ALIAS, e->other);
	if (pct(s) < 8) {
		char kunya[128];
		snprintf(kunya, sizeof(kunya), "Abu %s", xl(&PICK(s, ar_given_m), s));
		add_name(e, K_WEAK, kunya);
	}
	snprintf(e->first, sizeof(e->first), "%s", e->given_l);
	snprintf(e->last, sizeof(e->last), "%s", e->family_l);
}

/* Chinese and Korean: family name first, given name of one or two
 * syllables, written in characters and in Latin letters. */
static void person_cjk(ent *e, uint64_t *s, const famctx *f, int ko)
{
	uint64_t fs = f->in_family ? f->seed : mix(s), t = fs;
	const xname *fam = ko ? &PICK(&t, ko_family) : &PICK(&t, zh_family);
	const xname *g1 = ko ? &UNI(s, ko_given) : &UNI(s, zh_given);
	const xname *g2 = ko ? &UNI(s, ko_given) : &UNI(s, zh_given);
	int two = ko || pct(s) < 75, style = (int)(mix(s) % 4);
	char lat_g[64], lat_f[32], l1[16], l2[16];
	const char *parts[3];
	e->gender = pct(s) < 70 ? 'm' : 'f';
	snprintf(lat_f, sizeof(lat_f), "%s", xl(fam, s));
	snprintf(l1, sizeof(l1), "%s", xl(g1, s));
	snprintf(l2, sizeof(l2), "%s", xl(g2, s));
	if (l2[0] >= 'A' && l2[0] <= 'Z' && (style == 0 || style >= 2))
		l2[0] = (char)(l2[0] + 32); /* Jian-hua, Jianhua */
	if (!two)
		snprintf(lat_g, sizeof(lat_g), "%s", l1);
	else if (style == 0)
		snprintf(lat_g, sizeof(lat_g), "%s-%s", l1, l2);
	else if (style == 1 || ko)
		snprintf(lat_g, sizeof(lat_g), "%s %s", l1, l2);
	else
		snprintf(lat_g, sizeof(lat_g), "%s%s", l1, l2);
	snprintf(e->given_l, sizeof(e->given_l), "%s", lat_g);
	snprintf(e->family_l, sizeof(e->family_l), "%s", lat_f);
	e->middle_l[0] = '\0';
	parts[0] = lat_f, parts[1] = lat_g, parts[2] = NULL;
	scat(e->names[0], sizeof(e->names[0]), parts, 2);
	e->kind[0] = K_NAME;
	e->n_names = 1;
	snprintf(e->native, sizeof(e->native), "%s%s%s", fam->native, g1->native,
		 two ? g2->native : "");
	if (pct(s) < 60)
		add_name(e, K_ALIAS, e->native);
	parts[0] = lat_g, parts[1] = lat_f;
	scat(e->other, sizeof(e->other), parts, 2);
	if (pct(s) < 20)
		add_name(e, K_ALIAS, e->other);
	snprintf(e->first, sizeof(e->first), "%s", lat_g);
	snprintf(e->last, sizeof(e->last), "%s", lat_f);
}

static void person_el(ent *e, uint64_t *s, const famctx *f)
{
	uint64_t t = f->in_family ? f->seed : mix(s);
	const xname *g = &UNI(s, el_given), *fam = &UNI(&t, el_family);
	const char *parts[2];
	e->gender = 'm';
	snprintf(e->given_l, sizeof(e->given_l), "%s", g->latin[0]);
	snprintf(e->family_l, sizeof(e->family_l), "%s", fam->latin[0]);
	e->middle_l[0] = '\0';
	parts[0] = e->given_l, parts[1] = e->family_l;
	scat(e->names[0], sizeof(e->names[0]), parts, 2);
	e->kind[0] = K_NAME;
	e->n_names = 1;
	parts[0] = g->native, parts[1] = fam->native;
	scat(e->native, sizeof(e->native), parts, 2);
	if (pct(s) < 60)
		add_name(e, K_ALIAS, e->native);
	parts[0] = xl(g, s), parts[1] = xl(fam, s);
	scat(e->other, sizeof(e->other), parts, 2);
	snprintf(e->first, sizeof(e->first), "%s", e->given_l);
	snprintf(e->last, sizeof(e->last), "%s", e->family_l);
}

/* The Latin-script cultures: given name(s), family name(s) as the culture
 * writes them (two for Spanish, particles for Portuguese, a Vietnamese
 * middle name, an Indonesian single name). */
static void person_latin(ent *e, uint64_t *s, const famctx *f, int cu)
{
	int female = f->in_family ? (f->role == 1) || (f->role == 2 && mix(s) % 2) : pct(s) < 30;
	uint64_t t = f->in_family ? f->seed : mix(s);
	char fam[160], fam2[128] = "", given[96], middle[96] = "";
	const char *parts[3];
	if (cu == CU_VI) {
		snprintf(fam, sizeof(fam), "%s", PICK(&t, vi_family));
		snprintf(middle, sizeof(middle), "%s", female ? "Thị" : UNI(s, vi_middle));
		snprintf(given, sizeof(given), "%s", PICK(s, vi_given));
	} else {
		latin_family_name(fam, sizeof(fam), cu, &t, female);
		if (pct(s) < 8) {
			uint64_t r = mix(s);
			tail_word(given, sizeof(given), r % 50000, (uint64_t)cu * 1000 + 9, NULL, 0,
				  NULL, 0);
		} else {
			snprintf(given, sizeof(given), "%s", latin_given(cu, s, female));
		}
		if ((cu == CU_ES || cu == CU_EN || cu == CU_PT || cu == CU_DE || cu == CU_IN ||
		     cu == CU_WAF) && pct(s) < 35)
			snprintf(middle, sizeof(middle), "%s", latin_given(cu, s, female));
		if (cu == CU_ES && pct(s) < 70)
			latin_family_name(fam2, sizeof(fam2), cu, s, 0);
		if (cu == CU_PT && pct(s) < 40) {
			char tmp[160];
			snprintf(tmp, sizeof(tmp), "%s %s", UNI(s, ((const char *const[]){ "da", "dos", "de" })),
				 fam);
			snprintf(fam, sizeof(fam), "%s", tmp);
		}
	}
	if (fam2[0]) {
		size_t l = strlen(fam);
		snprintf(fam + l, sizeof(fam) - l, " %s", fam2);
	}
	e->gender = female ? 'f' : 'm';
	snprintf(e->given_l, sizeof(e->given_l), "%s", given);
	snprintf(e->middle_l, sizeof(e->middle_l), "%s", middle);
	snprintf(e->family_l, sizeof(e->family_l), "%s", fam);
	if (cu == CU_VI || cu == CU_JA) {
		parts[0] = fam, parts[1] = middle, parts[2] = given;
	} else if (cu == CU_ID && pct(s) < 20) {
		parts[0] = given, parts[1] = NULL, parts[2] = NULL;
		e->family_l[0] = '\0';
	} else {
		parts[0] = given, parts[1] = middle, parts[2] = fam;
	}
	scat(e->names[0], sizeof(e->names[0]), parts, 3);
	e->kind[0] = K_NAME;
	e->n_names = 1;
	e->native[0] = e->other[0] = '\0';
	if (female && f->in_family && f->role == 1 && pct(s) < 40) {
		/* a maiden name */
		char maiden[128], prev[256];
		latin_family_name(maiden, sizeof(maiden), cu, s, 1);
		snprintf(prev, sizeof(prev), "%s %s", given, maiden);
		add_name(e, K_PREVIOUS, prev);
	}
	snprintf(e->first, sizeof(e->first), "%s", given);
	snprintf(e->last, sizeof(e->last), "%s", e->family_l);
}

static void make_person(ent *e, uint64_t *s, int cu, const famctx *f)
{
	e->schema = S_PERSON;
	e->country = cultures[cu].country[mix(s) % 3];
	e->topic = pct(s) < 70 ? "role.pep" : "sanction";
	if (cu == CU_RU || cu == CU_UA)
		person_ru(e, s, f, cu == CU_UA);
	else if (cu == CU_AR)
		person_ar(e, s, f);
	else if (cu == CU_ZH || cu == CU_KO)
		person_cjk(e, s, f, cu == CU_KO);
	else if (cu == CU_EL)
		person_el(e, s, f);
	else
		person_latin(e, s, f, cu);
	make_dob(e, s);
}

/* A brand: an invented word (the long tail) or two dictionary words. */
static void brand(char *out, size_t cap, uint64_t *s)
{
	uint64_t rank;
	if (use_tail(s, &rank)) {
		tail_word(out, cap, rank, 4242, NULL, 0, NULL, 0);
		if (pct(s) < 30) {
			size_t l = strlen(out);
			snprintf(out + l, cap - l, " %s", PICK(s, org_word));
		}
	} else {
		snprintf(out, cap, "%s %s", PICK(s, org_word), PICK(s, org_word));
	}
}

static void company_ru(ent *e, uint64_t *s)
{
	char root[96], lat[96], name[200];
	const char *const *form = ru_org_form[zipf(s, N_OF(ru_org_form))];
	uint64_t rank;
	if (use_tail(s, &rank)) {
		uint64_t t = hash2(rank, 99);
		snprintf(root, sizeof(root), "%s%s%s", ru_org_root[mix(&t) % N_OF(ru_org_root)],
			 ru_root[mix(&t) % N_OF(ru_root)],
			 ru_mid[1 + mix(&t) % (N_OF(ru_mid) - 1)]);
	} else {
		snprintf(root, sizeof(root), "%s%s", PICK(s, ru_org_root), PICK(s, ru_org_root));
	}
	{
		/* only the first letter stays capital */
		char tmp[96], *p = tmp;
		const char *q = root;
		int first = 1;
		while (*q) {
			uint32_t c = utf8_next(&q);
			if (!first && c >= 0x410 && c <= 0x42F)
				c += 0x20;
			first = 0;
			p += utf8_put(p, c);
		}
		*p = '\0';
		snprintf(root, sizeof(root), "%s", tmp);
	}
	translit(lat, sizeof(lat), root, 0);
	snprintf(name, sizeof(name), "%s «%s»", form[0], root);
	snprintf(e->native, sizeof(e->native), "%s", name);
	snprintf(e->names[0], sizeof(e->names[0]), "%s %s", form[1], lat);
	e->kind[0] = K_NAME;
	e->n_names = 1;
	add_name(e, K_ALIAS, name);
	if (form[2] && pct(s) < 60) {
		snprintf(e->other, sizeof(e->other), "%s %s", lat, form[2]);
		add_name(e, K_ALIAS, e->other);
	}
	e->org_form_at = 0;
	e->country = "ru";
}

static void make_company(ent *e, uint64_t *s)
{
	unsigned p = pct(s);
	const legal_forms *lf;
	const char *form;
	char b[128], name[200];
	int nf = 0;
	e->schema = S_COMPANY;
	e->topic = pct(s) < 50 ? "sanction" : "role.oligarch";
	e->gender = 0;
	e->dob[0] = '\0';
	e->org_form_at = -1;
	if (p < 20) {
		company_ru(e, s);
		goto number;
	}
	lf = &org_forms[zipf(s, N_OF(org_forms))];
	while (nf < 4 && lf->forms[nf])
		nf++;
	form = lf->forms[mix(s) % (uint64_t)nf];
	e->country = lf->country;
	p = pct(s);
	if (p < 40) {
		brand(b, sizeof(b), s);
		snprintf(name, sizeof(name), "%s %s", b, PICK(s, org_activity));
	} else if (p < 60) {
		snprintf(name, sizeof(name), "%s %s %s", PICK(s, org_word), PICK(s, org_word),
			 PICK(s, org_activity));
	} else if (p < 75) {
		char fam[128];
		latin_family_name(fam, sizeof(fam), CU_EN + (int)(mix(s) % 7), s, 0);
		snprintf(name, sizeof(name), "%s %s", fam,
			 pct(s) < 30 ? "& Partners" : PICK(s, org_activity));
	} else if (p < 95) {
		brand(b, sizeof(b), s);
		snprintf(name, sizeof(name), "%s %s %s", PICK(s, org_place), b, PICK(s, org_activity));
	} else {
		brand(b, sizeof(b), s);
		snprintf(name, sizeof(name), "%s %s %s", b, pct(s) < 50 ? "Fund" : "No.",
			 UNI(s, ((const char *const[]){ "II", "III", "IV", "7", "12", "21" })));
	}
	snprintf(e->native, sizeof(e->native), "%s", name); /* without the legal form */
	snprintf(e->names[0], sizeof(e->names[0]), "%s %s", name, form);
	e->org_form_at = (int)strlen(name) + 1;
	e->kind[0] = K_NAME;
	e->n_names = 1;
	if (pct(s) < 25)
		add_name(e, K_ALIAS, name);
	if (pct(s) < 10) {
		char prev[200];
		brand(b, sizeof(b), s);
		snprintf(prev, sizeof(prev), "%s %s", b, form);
		add_name(e, K_PREVIOUS, prev);
	}
number:
	if (pct(s) < 60)
		snprintf(e->number, sizeof(e->number), "%llu",
			 (unsigned long long)(1000000 + mix(s) % 900000000));
}

static void make_other(ent *e, uint64_t *s, int vessel)
{
	char b[128];
	e->gender = 0;
	e->dob[0] = '\0';
	e->org_form_at = -1;
	e->n_names = 1;
	e->kind[0] = K_NAME;
	e->native[0] = e->other[0] = '\0';
	if (vessel) {
		e->schema = S_VESSEL;
		e->country = UNI(s, ((const char *const[]){ "pa", "lr", "mh", "ir", "kp", "ru", "sy" }));
		snprintf(e->names[0], sizeof(e->names[0]), "%s%s %s%s", pct(s) < 30 ? "MV " : "",
			 PICK(s, vessel_word), PICK(s, vessel_word),
			 pct(s) < 30 ? UNI(s, ((const char *const[]){ " 1", " 2", " 3", " 7", " II" })) : "");
		snprintf(e->number, sizeof(e->number), "IMO %u", 9000000u + (unsigned)(mix(s) % 999999));
		e->topic = "sanction";
		return;
	}
	e->schema = S_ORG;
	e->country = cultures[pick_culture(s)].country[0];
	if (pct(s) < 50) {
		snprintf(e->names[0], sizeof(e->names[0]), "%s of %s", PICK(s, ministry_word),
			 UNI(s, ((const char *const[]){ "Iran", "Syria", "the Russian Federation",
							"North Korea", "Venezuela", "Belarus", "Myanmar" })));
	} else {
		brand(b, sizeof(b), s);
		snprintf(e->names[0], sizeof(e->names[0]), "%s %s", b, PICK(s, ministry_word));
	}
	e->topic = "sanction";
}

#define FAMILY_BLOCK 6

/* Entity i of version `ver` (0: the base list). */
static void make_entity(ent *e, uint64_t i, uint64_t ver)
{
	uint64_t block = i / FAMILY_BLOCK, bs = hash2(block, 1);
	uint64_t s = hash2(i, 2 + ver * 1000003);
	famctx f = { 0, 0, 0 };
	memset(e, 0, sizeof(*e));
	e->head = -1;
	e->org_form_at = -1;
	if (pct(&bs) < 30) {
		/* a family: a head, a spouse and children sharing its name */
		int cu = pick_culture(&bs);
		f.in_family = 1;
		f.seed = mix(&bs);
		f.role = i % FAMILY_BLOCK == 0 ? 0 : i % FAMILY_BLOCK == 1 ? 1 : 2;
		if (f.role) {
			e->head = (long long)(block * FAMILY_BLOCK);
			e->relation = f.role == 1 ? "spouse" : "child";
		}
		make_person(e, &s, cu, &f);
		return;
	}
	{
		unsigned p = pct(&s);
		if (p < 62)
			make_person(e, &s, pick_culture(&s), &f);
		else if (p < 96)
			make_company(e, &s);
		else
			make_other(e, &s, p >= 98);
	}
}

/* Which entities a version changes: about `changed` of n. */
static int is_changed(uint64_t i, uint64_t n, uint64_t changed, int *removed)
{
	uint64_t h;
	if (!changed)
		return 0;
	h = hash2(i, 424242) % (n / changed ? n / changed : 1);
	if (h)
		return 0;
	*removed = hash2(i, 5151) % 10 == 0;
	return 1;
}

/* ---- JSON ------------------------------------------------------------------------ */

static void put_json(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void put_prop(FILE *f, int *first, const char *key, const char *value)
{
	if (!value || !value[0])
		return;
	fprintf(f, "%s\"%s\": [", *first ? "" : ", ", key);
	put_json(f, value);
	fputc(']', f);
	*first = 0;
}

static void write_entity(FILE *f, const ent *e, uint64_t i)
{
	static const char *const schema[] = { "Person", "Company", "Organization", "Vessel" };
	static const char *const kinds[] = { "name", "alias", "weakAlias", "previousName" };
	int first = 1, k, j;
	fprintf(f, "{\"id\": \"syn-%llu\", \"schema\": \"%s\", \"properties\": {",
		(unsigned long long)i, schema[e->schema]);
	for (k = 0; k < 4; k++) {
		int any = 0;
		for (j = 0; j < e->n_names; j++) {
			if (e->kind[j] != k)
				continue;
			fprintf(f, "%s", any ? ", " : first ? "" : ", ");
			if (!any)
				fprintf(f, "\"%s\": [", kinds[k]);
			put_json(f, e->names[j]);
			any = 1;
			first = 0;
		}
		if (any)
			fputc(']', f);
	}
	if (e->schema == S_PERSON) {
		put_prop(f, &first, "firstName", e->first);
		put_prop(f, &first, "lastName", e->last);
		put_prop(f, &first, "fatherName", e->father);
		put_prop(f, &first, "birthDate", e->dob);
		put_prop(f, &first, "nationality", e->country);
		put_prop(f, &first, "gender", e->gender == 'f' ? "female" : "male");
	} else {
		put_prop(f, &first, e->schema == S_VESSEL ? "flag" : "jurisdiction", e->country);
		put_prop(f, &first, e->schema == S_VESSEL ? "imoNumber" : "registrationNumber",
			 e->number);
	}
	put_prop(f, &first, "topics", e->topic);
	fprintf(f, "}}\n");
	if (e->head >= 0)
		fprintf(f, "{\"id\": \"syn-fam-%llu\", \"schema\": \"Family\", \"properties\": "
			"{\"person\": [\"syn-%lld\"], \"relative\": [\"syn-%llu\"], "
			"\"relationship\": [\"%s\"]}}\n",
			(unsigned long long)i, e->head, (unsigned long long)i, e->relation);
}

static int gen(uint64_t n, const char *out, uint64_t changed)
{
	FILE *f = fopen(out, "w");
	uint64_t i, added = changed / 10;
	ent e;
	if (!f)
		return 1;
	for (i = 0; i < n; i++) {
		int removed = 0;
		if (is_changed(i, n, changed, &removed)) {
			if (removed)
				continue;
			make_entity(&e, i, 1);
		} else {
			make_entity(&e, i, 0);
		}
		write_entity(f, &e, i);
	}
	for (i = 0; i < added; i++) {
		make_entity(&e, n + i, 0);
		e.head = -1;
		write_entity(f, &e, n + i);
	}
	return fclose(f) != 0;
}

/* ---- queries ------------------------------------------------------------------------ */

static void put_csv(FILE *f, const char *s, int last)
{
	fputc('"', f);
	for (; s && *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
	fputc(last ? '\n' : ',', f);
}

/* One ASCII letter of a token of at least 4 letters changed: replaced,
 * dropped, doubled, or swapped with the next.  0 when the name has no such
 * token. */
static int typo(char *name, uint64_t *s)
{
	size_t len = strlen(name), starts[16], n = 0, i = 0, a, pos;
	unsigned op = (unsigned)(mix(s) % 4);
	while (i < len && n < 16) {
		size_t j = i;
		while (j < len && ((name[j] | 32) >= 'a' && (name[j] | 32) <= 'z'))
			j++;
		if (j - i >= 4)
			starts[n++] = i;
		i = j + 1;
	}
	if (!n)
		return 0;
	a = starts[mix(s) % n];
	pos = a + 1 + mix(s) % 2;
	switch (op) {
	case 0:
		name[pos] = (char)('a' + mix(s) % 26);
		break;
	case 1:
		memmove(name + pos, name + pos + 1, len - pos);
		break;
	case 2:
		if (len + 2 < 200) {
			memmove(name + pos + 1, name + pos, len - pos + 1);
		}
		break;
	default: {
		char c = name[pos];
		if ((name[pos + 1] | 32) >= 'a' && (name[pos + 1] | 32) <= 'z') {
			name[pos] = name[pos + 1];
			name[pos + 1] = c;
		} else {
			name[pos] = (char)('a' + mix(s) % 26);
		}
	}
	}
	return 1;
}

static void upper_ascii(char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 32);
}

/* A listed entity's name as a customer record might write it. */
static const char *damage(char *q, size_t cap, const ent *e, uint64_t *s, const char **how)
{
	unsigned p = pct(s);
	const char *parts[3];
	snprintf(q, cap, "%s", e->names[e->n_names > 1 && pct(s) < 25 ? 1 + mix(s) % (uint64_t)(e->n_names - 1) : 0]);
	if (e->schema == S_COMPANY && p < 50) {
		*how = "legal form dropped";
		if (e->org_form_at > 0 && (size_t)e->org_form_at <= strlen(e->names[0])) {
			snprintf(q, cap, "%s", e->native);
			if (pct(s) < 40)
				typo(q, s);
			return q;
		}
		p = 50 + p % 50;
	}
	if (p < 30) {
		*how = "typo";
		if (typo(q, s))
			return q;
	}
	if (p < 45 && e->schema == S_PERSON && e->family_l[0]) {
		*how = "reordered";
		snprintf(q, cap, "%s, %s%s%s", e->family_l, e->given_l, e->middle_l[0] ? " " : "",
			 e->middle_l);
		if (pct(s) < 50)
			upper_ascii(q);
		return q;
	}
	if (p < 58 && e->schema == S_PERSON && e->middle_l[0]) {
		*how = "middle name dropped";
		parts[0] = e->given_l, parts[1] = e->family_l;
		scat(q, cap, parts, 2);
		return q;
	}
	if (p < 70 && (e->native[0] || e->other[0]) && e->schema == S_PERSON) {
		*how = e->native[0] && pct(s) < 50 ? "original script" : "another romanisation";
		snprintf(q, cap, "%s", !strcmp(*how, "original script") || !e->other[0] ? e->native
											 : e->other);
		return q;
	}
	if (p < 78 && e->schema == S_PERSON && e->family_l[0] && e->given_l[0] >= 'A' &&
	    e->given_l[0] <= 'Z') {
		*how = "initial";
		snprintf(q, cap, "%c. %s", e->given_l[0], e->family_l);
		return q;
	}
	if (p < 86) {
		/* two parts glued, or a hyphen made a space */
		char *sp = strchr(q, pct(s) < 50 ? ' ' : '-');
		*how = "glued or split";
		if (sp && *sp == ' ')
			memmove(sp, sp + 1, strlen(sp));
		else if (sp)
			*sp = ' ';
		return q;
	}
	*how = "capitals";
	upper_ascii(q);
	return q;
}

static int queries(uint64_t n, const char *kind, size_t count, const char *out)
{
	FILE *f = fopen(out, "w");
	int listed = !strcmp(kind, "listed");
	size_t i;
	if (!f)
		return 1;
	fprintf(f, "name,date_of_birth,nationality,schema,expected_id,how\n");
	for (i = 0; i < count; i++) {
		uint64_t s = hash2(i, listed ? 31337 : 27182);
		char q[200], id[32] = "";
		const char *how = "";
		ent e;
		if (listed) {
			uint64_t which = mix(&s) % n;
			make_entity(&e, which, 0);
			damage(q, sizeof(q), &e, &s, &how);
			snprintf(id, sizeof(id), "syn-%llu", (unsigned long long)which);
		} else {
			/* a new entity from another stream: not on the list */
			famctx fc = { 0, 0, 0 };
			memset(&e, 0, sizeof(e));
			if (pct(&s) < 80)
				make_person(&e, &s, pick_culture(&s), &fc);
			else
				make_company(&e, &s);
			snprintf(q, sizeof(q), "%s",
				 e.native[0] && e.schema == S_PERSON && pct(&s) < 15 ? e.native : e.names[0]);
			how = "unlisted";
		}
		put_csv(f, q, 0);
		put_csv(f, e.schema == S_PERSON && pct(&s) < 60 ? e.dob : "", 0);
		put_csv(f, pct(&s) < 40 ? e.country : "", 0);
		put_csv(f, e.schema == S_PERSON ? "Person" : e.schema == S_VESSEL ? "Vessel" :
			   pct(&s) < 50 ? "Company" : "", 0);
		put_csv(f, id, 0);
		put_csv(f, how, 1);
	}
	return fclose(f) != 0;
}

/* ---- running them ---------------------------------------------------------------------- */

typedef struct {
	char *name, *dob, *country, *schema, *expected, *how;
} qrow;

/* Splits one CSV line of our own writing (every field quoted). */
static int split(char *line, char **f, int cap)
{
	int n = 0;
	char *p = line, *w;
	while (n < cap && *p && *p != '\n') {
		f[n++] = w = p;
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"' || !*p) {
					p += *p == '"';
					break;
				} else {
					*w++ = *p++;
				}
			}
		} else {
			while (*p && *p != ',' && *p != '\n')
				*w++ = *p++;
		}
		if (*p == ',')
			p++;
		*w = '\0';
	}
	return n;
}

static size_t load(const char *path, qrow **out)
{
	FILE *f = fopen(path, "r");
	char line[2048], *v[8];
	size_t n = 0, cap = 1024;
	qrow *rows = malloc(cap * sizeof(*rows));
	if (!f || !rows || !fgets(line, sizeof(line), f)) {
		fprintf(stderr, "bench_scale: cannot read %s\n", path);
		exit(1);
	}
	while (fgets(line, sizeof(line), f)) {
		if (split(line, v, 8) < 6)
			continue;
		if (n == cap)
			rows = realloc(rows, (cap *= 2) * sizeof(*rows));
		rows[n] = (qrow){ strdup(v[0]), v[1][0] ? strdup(v[1]) : NULL,
				  v[2][0] ? strdup(v[2]) : NULL, v[3][0] ? strdup(v[3]) : NULL,
				  strdup(v[4]), strdup(v[5]) };
		n++;
	}
	fclose(f);
	*out = rows;
	return n;
}

static void make_query(vg_query *q, const qrow *r, const char **names, const char **countries)
{
	vg_query_init(q);
	names[0] = r->name;
	q->names = names;
	q->n_names = 1;
	q->birth_date = r->dob;
	if (r->country) {
		countries[0] = r->country;
		q->countries = countries;
		q->n_countries = 1;
	}
	q->schema = r->schema ? vg_schema_from_name(r->schema, strlen(r->schema)) : VG_SCHEMA_THING;
	if (q->schema == VG_SCHEMA_UNKNOWN)
		q->schema = VG_SCHEMA_THING;
}

static double cpu_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* One query's exhaustive reference: its matches, best first. */
typedef struct {
	uint32_t *ord;
	double *score;
	size_t n;
	int done;
} ex_ref;

/* The exhaustive reference and the indexed path on the same queries;
 * refs[i] is query i's reference, computed unless read from a file. */
typedef struct {
	const vg_index *ix;
	const qrow *rows;
	size_t from, n, step;
	size_t ref, found, topk, topk_found, errors;
	double ex_us, ix_us;
	ex_ref *refs;
} recall_job;

/*
 * BENCH_EXHAUSTIVE=FILE keeps the exhaustive reference (minutes at 1M)
 * for later runs on the same list and queries: read when FILE exists and
 * was written for a list of as many entities and names and the same
 * first query, written otherwise.  A line per query: its matches' "ord
 * score" pairs.  Retrieval changes (index keys included) leave the
 * reference as it is; a comparator change does not: remove FILE then.
 */
static void ref_stamp(char *buf, size_t cap, const vg_index *ix, const qrow *rows)
{
	snprintf(buf, cap, "bench_scale exhaustive v1 entities %u names %u first '%s'",
		 ix->meta.n_entities, ix->meta.n_names, rows[0].name);
}

static int refs_read(const char *path, ex_ref *refs, size_t n, const vg_index *ix,
		     const qrow *rows)
{
	FILE *f = path ? fopen(path, "r") : NULL;
	char want[1200], line[1200];
	size_t i, k, cnt;
	int ok = 1;
	if (!f)
		return 0;
	ref_stamp(want, sizeof(want), ix, rows);
	if (!fgets(line, sizeof(line), f) || strncmp(line, want, strlen(want))) {
		fprintf(stderr, "bench_scale: %s is for another index or queries\n", path);
		exit(1);
	}
	for (i = 0; i < n && ok; i++) {
		ok = fscanf(f, "%zu", &cnt) == 1 && cnt < 100000;
		refs[i].ord = malloc((cnt + 1) * sizeof(uint32_t));
		refs[i].score = malloc((cnt + 1) * sizeof(double));
		for (k = 0; ok && k < cnt; k++)
			ok = fscanf(f, "%" SCNu32 " %lf", &refs[i].ord[k], &refs[i].score[k]) == 2;
		refs[i].n = cnt;
		refs[i].done = ok;
	}
	fclose(f);
	if (!ok) {
		fprintf(stderr, "bench_scale: %s: too few queries or a bad line\n", path);
		exit(1);
	}
	return 1;
}

static void refs_write(const char *path, const ex_ref *refs, size_t n, const vg_index *ix,
		       const qrow *rows)
{
	char stamp[1200], tmp[4096];
	size_t i, k;
	FILE *f;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if (!(f = fopen(tmp, "w")))
		return;
	ref_stamp(stamp, sizeof(stamp), ix, rows);
	fprintf(f, "%s\n", stamp);
	for (i = 0; i < n; i++) {
		fprintf(f, "%zu", refs[i].n);
		for (k = 0; k < refs[i].n; k++)
			fprintf(f, " %" PRIu32 " %.17g", refs[i].ord[k], refs[i].score[k]);
		fputc('\n', f);
	}
	if (fclose(f) == 0)
		rename(tmp, path);
}

#define TOPK 5

/* BENCH_VERBOSE=top: the query whose top TOPK the indexed path missed,
 * the exhaustive path's top and where the indexed path has those. */
static void top_misses(const recall_job *j, const vg_matcher *m, const qrow *r,
		       const uint32_t *want, const double *ref_scores, size_t n_top)
{
	size_t k, l, miss = 0;
	for (k = 0; k < n_top; k++)
		miss += k >= m->n_cands || m->cands[k].score < ref_scores[k] - 1e-9;
	if (!miss)
		return;
	flockfile(stderr);
	fprintf(stderr, "top miss: '%s' dob %s country %s schema %s (%zu cands)\n", r->name,
		r->dob ? r->dob : "-", r->country ? r->country : "-",
		r->schema ? r->schema : "-", m->n_cands);
	for (k = 0; k < n_top; k++) {
		for (l = 0; l < m->n_cands && m->cands[l].ord != want[k]; l++)
			;
		fprintf(stderr, "  ref %zu %.3f %s '%s' year %u: indexed rank %zd\n", k,
			ref_scores[k], vg_index_entity_id(j->ix, want[k]),
			vg_entity_caption(j->ix, want[k]),
			VG_IXR_BIRTH_YEAR(j->ix->recs[want[k]].flags),
			l < m->n_cands ? (ssize_t)l : -1);
	}
	for (k = 0; k < n_top && k < m->n_cands; k++)
		fprintf(stderr, "  got %zu %.3f %s '%s' retrieval %.3f\n", k, m->cands[k].score,
			vg_index_entity_id(j->ix, m->cands[k].ord),
			vg_entity_caption(j->ix, m->cands[k].ord), m->cands[k].retrieval);
	funlockfile(stderr);
}

static void *recall_worker(void *arg)
{
	recall_job *j = arg;
	vg_matcher *m = NULL;
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	double thr = vg_match_threshold(), *ref_scores, t0;
	uint32_t *want;
	const char *verbose = getenv("BENCH_VERBOSE");
	size_t i, k, l;
	if (vg_matcher_new(&m, j->ix)) {
		j->errors++;
		return NULL;
	}
	o.explain = false;
	for (i = j->from; i < j->n; i += j->step) {
		vg_query q;
		const char *nm[1], *ct[1];
		ex_ref *r = &j->refs[i];
		size_t n_want, n_top;
		make_query(&q, &j->rows[i], nm, ct);
		if (!r->done) {
			t0 = cpu_us();
			if (vg__match_run(m, &q, &o, 1)) {
				j->errors++;
				continue;
			}
			j->ex_us += cpu_us() - t0;
			for (k = 0; k < m->n_cands && m->cands[k].score >= thr; k++)
				;
			r->ord = malloc((k + 1) * sizeof(*r->ord));
			r->score = malloc((k + 1) * sizeof(*r->score));
			for (r->n = 0; r->n < k; r->n++) {
				r->ord[r->n] = m->cands[r->n].ord;
				r->score[r->n] = m->cands[r->n].score;
			}
			r->done = 1;
		}
		want = r->ord;
		ref_scores = r->score;
		n_want = r->n;
		n_top = n_want < TOPK ? n_want : TOPK;
		t0 = cpu_us();
		if (vg__match_run(m, &q, &o, 0)) {
			j->errors++;
			continue;
		}
		j->ix_us += cpu_us() - t0;
		j->ref += n_want;
		for (k = 0; k < n_want; k++) {
			for (l = 0; l < m->n_cands; l++)
				if (m->cands[l].ord == want[k] && m->cands[l].score >= thr) {
					j->found++;
					break;
				}
			if (l == m->n_cands && verbose && strcmp(verbose, "top"))
				fprintf(stderr, "  not retrieved: '%s' -> %s '%s'\n", j->rows[i].name,
					vg_index_entity_id(j->ix, want[k]),
					vg_entity_caption(j->ix, want[k]));
		}
		/* the first TOPK: as good a score at each rank (ties between
		 * namesakes may be broken either way) */
		j->topk += n_top;
		for (k = 0; k < n_top && k < m->n_cands; k++)
			if (m->cands[k].score >= ref_scores[k] - 1e-9)
				j->topk_found++;
		if (verbose && !strcmp(verbose, "top"))
			top_misses(j, m, &j->rows[i], want, ref_scores, n_top);
	}
	vg_matcher_free(m);
	return NULL;
}

static double per(uint64_t total, size_t n)
{
	return n ? (double)total / (double)n : 0;
}

static int run_queries(const char *index, const char *path, size_t n_ex)
{
	vg_index *ix = NULL;
	vg_matcher *m = NULL;
	qrow *rows;
	size_t n = load(path, &rows), i, listed = 0, found = 0, alerts = 0, failed = 0;
	double *lat = malloc((n + 1) * sizeof(double)), total = 0, t0;
	uint64_t cmp0, post0, open0, kept0, comp0, by0[VG__OPEN_KINDS];
	const char *verbose = getenv("BENCH_VERBOSE");
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	double thr = vg_match_threshold();
	recall_job jobs[2];
	pthread_t th[2];

	/* as `vigil screen` runs its queries */
	if (!lat || vg_index_open(&ix, index) || vg_index_warm(ix) || vg_matcher_new(&m, ix)) {
		fprintf(stderr, "bench_scale: %s\n", vg_error_last()->message);
		return 1;
	}
	o.explain = false;
	m->count_competing = true;
	for (i = 0; i < n && i < 300; i++) {
		vg_query q;
		const char *nm[1], *ct[1];
		make_query(&q, &rows[i], nm, ct);
		vg__match_run(m, &q, &o, 0);
	}
	cmp0 = m->n_compares;
	post0 = m->n_postings;
	open0 = m->n_opened_total;
	kept0 = m->n_kept_total;
	comp0 = m->n_competing_total;
	memcpy(by0, m->n_opened_by, sizeof(by0));
	for (i = 0; i < n; i++) {
		vg_query q;
		const char *nm[1], *ct[1];
		size_t k;
		uint64_t post1 = m->n_postings, open1 = m->n_opened_total, kept1 = m->n_kept_total;
		uint64_t comp1 = m->n_competing_total;
		make_query(&q, &rows[i], nm, ct);
		t0 = cpu_us();
		if (vg__match_run(m, &q, &o, 0))
			failed++;
		lat[i] = cpu_us() - t0;
		total += lat[i];
		/* BENCH_VERBOSE=cost: each query's CPU time and what it read */
		if (verbose && !strcmp(verbose, "cost"))
			printf("cost %.0f us, %" PRIu64 " postings, %" PRIu64 " names covered, %"
			       PRIu64 " kept, %" PRIu64 " could rank: '%s' schema %s\n", lat[i],
			       m->n_postings - post1, m->n_opened_total - open1,
			       m->n_kept_total - kept1, m->n_competing_total - comp1, rows[i].name,
			       rows[i].schema ? rows[i].schema : "-");
		if (m->n_cands && m->cands[0].score >= thr)
			alerts++;
		if (rows[i].expected[0]) {
			listed++;
			for (k = 0; k < m->n_cands && k < 5 && m->cands[k].score >= thr; k++)
				if (!strcmp(vg_index_entity_id(ix, m->cands[k].ord), rows[i].expected)) {
					found++;
					break;
				}
			if ((k == m->n_cands || k == 5 || m->cands[k].score < thr) &&
			    getenv("BENCH_VERBOSE"))
				printf("  missed %s '%s' (%s)\n", rows[i].expected, rows[i].name,
				       rows[i].how);
		}
	}
	qsort(lat, n, sizeof(double), cmp_d);
	printf("%zu queries: p50 %.0f us, p99 %.0f us, mean %.0f us of CPU per query "
	       "(%.0f queries per CPU-second); %.1f names compared, %.0f postings read, "
	       "%.0f names covered, %.0f reaching the cut per query; %zu with an alert",
	       n, lat[n / 2], lat[n * 99 / 100], total / (double)n, (double)n / (total / 1e6),
	       (double)(m->n_compares - cmp0) / (double)n,
	       (double)(m->n_postings - post0) / (double)n,
	       (double)(m->n_opened_total - open0) / (double)n,
	       (double)(m->n_kept_total - kept0) / (double)n, alerts);
	printf("; names covered per query: %.0f by rare terms, %.0f by a common term alone, "
	       "%.0f by pairs of common terms, %.0f other names of candidates; %.0f could "
	       "rank among the candidates",
	       per(m->n_opened_by[VG__OPEN_RARE] - by0[VG__OPEN_RARE], n),
	       per(m->n_opened_by[VG__OPEN_ALONE] - by0[VG__OPEN_ALONE], n),
	       per(m->n_opened_by[VG__OPEN_PAIR] - by0[VG__OPEN_PAIR], n),
	       per(m->n_opened_by[VG__OPEN_CANDIDATE] - by0[VG__OPEN_CANDIDATE], n),
	       per(m->n_competing_total - comp0, n));
	if (listed)
		printf("; listed found %zu of %zu (%.3f)", found, listed,
		       (double)found / (double)listed);
	printf("%s\n", failed ? " (some failed)" : "");
	if (n_ex > n)
		n_ex = n;
	if (n_ex) {
		size_t ref = 0, fnd = 0, topk = 0, topk_found = 0;
		double ex_us = 0, ix_us = 0;
		const char *keep = getenv("BENCH_EXHAUSTIVE");
		ex_ref *refs = calloc(n_ex, sizeof(*refs));
		int cached = refs && refs_read(keep, refs, n_ex, ix, rows);
		for (i = 0; i < 2; i++) {
			jobs[i] = (recall_job){ ix, rows, i, n_ex, 2, 0, 0, 0, 0, 0, 0, 0, refs };
			pthread_create(&th[i], NULL, recall_worker, &jobs[i]);
		}
		for (i = 0; i < 2; i++) {
			pthread_join(th[i], NULL);
			ref += jobs[i].ref, fnd += jobs[i].found, topk += jobs[i].topk;
			topk_found += jobs[i].topk_found, ex_us += jobs[i].ex_us;
			ix_us += jobs[i].ix_us;
		}
		if (keep && !cached && !jobs[0].errors && !jobs[1].errors)
			refs_write(keep, refs, n_ex, ix, rows);
		for (i = 0; i < n_ex; i++) {
			free(refs[i].ord);
			free(refs[i].score);
		}
		free(refs);
		printf("recall vs exhaustive over %zu queries: %zu of %zu matches (%.4f); "
		       "top %d with ties: %zu of %zu (%.4f); exhaustive %.0f ms%s, indexed %.0f us per "
		       "query\n",
		       n_ex, fnd, ref, ref ? (double)fnd / (double)ref : 1.0, TOPK, topk_found,
		       topk, topk ? (double)topk_found / (double)topk : 1.0,
		       ex_us / (double)n_ex / 1000.0, cached ? " (read from BENCH_EXHAUSTIVE)" : "",
		       ix_us / (double)n_ex);
	}
	vg_matcher_free(m);
	vg_index_free(ix);
	for (i = 0; i < n; i++) {
		free(rows[i].name);
		free(rows[i].dob);
		free(rows[i].country);
		free(rows[i].schema);
		free(rows[i].expected);
		free(rows[i].how);
	}
	free(rows);
	free(lat);
	return 0;
}

int main(int argc, char **argv)
{
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "gen"))
		return gen(strtoull(argv[2], NULL, 10), argv[3],
			   argc == 5 ? strtoull(argv[4], NULL, 10) : 0);
	if (argc == 6 && !strcmp(argv[1], "queries"))
		return queries(strtoull(argv[2], NULL, 10), argv[3], (size_t)atol(argv[4]),
			       argv[5]);
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "query"))
		return run_queries(argv[2], argv[3], argc == 5 ? (size_t)atol(argv[4]) : 200);
	fprintf(stderr, "usage: bench_scale gen N OUT.jsonl [CHANGED]\n"
			"       bench_scale queries N unlisted|listed COUNT OUT.csv\n"
			"       bench_scale query INDEX QUERIES.csv [EXHAUSTIVE]\n");
	return 2;
}
