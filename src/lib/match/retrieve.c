/*
 * retrieve.c - candidate retrieval: which few listed entities a query is
 * compared with, at a cost that does not grow with the list.
 *
 * Invariant: retrieval never scans every name.  It reads the postings of
 * the rare listed terms the query meets and, for terms too common to read
 * (more names than the index's pair_df), the postings of pairs of them
 * (PAIR), so a query touches about as many names at two million entities
 * as at twelve thousand; the comparator then runs on the best
 * VG__MAX_CANDIDATES entities and those tying with the last of them (up to
 * VG__MAX_TIED in all: retrieval cannot order namesakes of one weight, so
 * the comparator does; past that, ties are broken by ordinal).
 *
 * How it works, one function per step:
 *  1. readings: each query name, and for a query of unknown schema its
 *     reading as a person's, with its tokens' weights (the comparator's:
 *     rare parts weigh more, initials and particles little).
 *  2. hits: the reading's terms (words, glued pairs, initials; see
 *     vg__name_terms) are looked up in TERM, and their derived keys
 *     (phonetic, skeleton, one letter deleted, variant group) in TKEY: each
 *     listed term met is a hit crediting some of the reading's tokens, by
 *     how alike the two are.  A long word is also looked up by its ends
 *     (its first and last three letters, at its length and up to two
 *     letters either side), and a word no listed name has as written by
 *     its skeleton less a letter: two letters changed.
 *  3. open: the names having a rare hit's term, having two common terms
 *     (PAIR), or having a common term that alone could reach the cut.
 *     It runs in two rounds: the first opens the names that can cover
 *     params.first_cut of a reading, and its candidates' weights raise the
 *     cut of the second (no name covering less can outweigh them).
 *  4. cover: per opened name, its terms (NTRM) say which tokens of each
 *     reading it covers and how well; a name covering less than
 *     params.cut of a reading's weight cannot reach the comparator's
 *     threshold (measured against comparing every name: bench_match,
 *     bench_scale) and is dropped.  The cut is why pairs suffice: a name
 *     whose only terms are common needs two of them to reach it.
 *  5. pick: each entity takes its best name's weight: its coverage, how
 *     the comparator is likely to score it (alike(): what both names leave
 *     over), and a little for the list's rarer terms (IDF-like, to rank
 *     namesakes) and for the share of the name's own terms met; a birth
 *     year the query gives counts for a namesake born that year and
 *     against one born years from it.  The best admissible ones become
 *     the candidates, with those tying with the last of them.  A matching
 *     identifier number always makes the cut.
 */
#include "match/match_internal.h"
#include "index/hash.h"
#include "common/alloc.h"
#include "common/deadline.h"
#include "common/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HSLOTS (2 * VG__MAX_HITS)
/* pairs of common terms looked up per query: a set of at least twice
 * params.max_pairs slots */
#define PAIR_SLOTS 1024

/*
 * The retrieval's constants.  cut and the kinds' credits were set against
 * the exhaustive path (every name compared) on the UN treated and hard-ofac
 * evaluation files and on bench_scale's synthetic lists: with them at
 * least 99.5% of the exhaustive path's matches are retrieved.
 */
typedef struct {
	float cut;          /* share of a reading's weight a name must cover */
	float kind[VG__KEY_ENDS + 1]; /* credit of a term met through a key kind */
	float initials_word; /* credit of the name's initials to a word of the query */
	float idf_rank;     /* weight of the terms' rarity in the ranking */
	float listed_rank;  /* weight of the share of a listed name's terms met */
	float alike_rank;   /* weight of the comparator's likely score (alike()) */
	/* alike()'s costs of parts left over on both sides (a conflict) and on
	 * one side of a person's or another party's name: the shape of the
	 * comparator's score (compare.c score_of) */
	float alike_conflict, alike_extra_person, alike_extra_org;
	float birth_year;   /* factor for a namesake born the year the query says */
	float birth_other;  /* ... born more than a year from it (the comparator's
			     * birth date feature takes 0.15 off: match.c) */
	/* the cut of the first round (retrieve_rounds); also what a name
	 * having a common word that alone reaches cut must cover to be
	 * opened past that word's first alone_cap names ("Elizabeth
	 * Shelgriham" for "Elizabeth Shelgridoham") */
	float first_cut;
	uint32_t alone_cap; /* names read for one common term that alone could do */
	/* a skeleton less a letter ("k:") or a word's ends ("e:") meeting
	 * more listed words than this says too little to look them up */
	uint32_t skeldel_terms;
	uint32_t max_pairs; /* pairs of common terms looked up per query */
} retrieve_params;

static const retrieve_params params = {
	.cut = 0.45f,
	.kind = {
		[VG__KEY_TOKEN] = 1.0f,
		[VG__KEY_PHONETIC] = 0.9f,
		[VG__KEY_SKELETON] = 0.7f,
		[VG__KEY_DELETE] = 0.8f,
		[VG__KEY_GROUP] = 0.9f,
		[VG__KEY_ACRONYM] = 0.9f,
		[VG__KEY_SKELDEL] = 0.6f,
		[VG__KEY_ENDS] = 0.6f,
	},
	.initials_word = 0.0f,
	.idf_rank = 0.1f,
	.listed_rank = 0.1f,
	.alike_rank = 2.0f,
	.alike_conflict = 2.5f,
	.alike_extra_person = 0.2f,
	.alike_extra_org = 0.8f,
	.birth_year = 1.25f,
	.birth_other = 0.9f,
	.first_cut = 0.8f,
	.alone_cap = 256,
	.skeldel_terms = 64,
	.max_pairs = 256,
};

int vg__retrieve_init(vg_matcher *m)
{
	if (!(m->hits = vg__malloc(VG__MAX_HITS * sizeof(vg__hit))) ||
	    !(m->reqs = vg__malloc(4 * VG__MAX_REQS * sizeof(vg__req))) ||
	    !(m->hslot = vg__calloc(HSLOTS, sizeof(uint32_t))))
		return vg__error_oom();
	return 0;
}

void vg__retrieve_free(vg_matcher *m)
{
	free(m->hits);
	free(m->reqs);
	free(m->hslot);
	free(m->opened);
}

/* ---- step 1: readings ------------------------------------------------------ */

static const vg_name *reading(const vg_matcher *m, size_t rd)
{
	return rd % 2 ? m->qperson[rd / 2] : m->qnames[rd / 2];
}

static void weigh(vg_matcher *m, size_t rd)
{
	const vg_name *nm = reading(m, rd);
	size_t t;
	float total = 0;
	/* initials and particles give no terms of their own but count: the
	 * name's initials and glued pairs cover them (J. Smith is John Smith
	 * by its initials "js", more than Mary Smith) */
	for (t = 0; t < nm->n_tokens; t++) {
		m->rweight[rd][t] = nm->tokens[t].weight;
		total += nm->tokens[t].weight;
	}
	m->rtotal[rd] = total;
}

/* Credit levels: a hit's kw as one of few values, so that coverage can be
 * kept as one token mask per level and reading. */
#define LEVELS 8

static int level_of(float kw)
{
	int l = (int)((1.0f - kw) * 10.0f + 0.5f);
	return l < 0 ? 0 : l >= LEVELS ? LEVELS - 1 : l;
}

static float level_kw(int l)
{
	return 1.0f - 0.1f * (float)l;
}

/* ---- step 2: hits ---------------------------------------------------------- */

static uint32_t *slot_of(const vg_matcher *m, uint32_t term)
{
	size_t p = (term * 0x9E3779B1u) & (HSLOTS - 1);
	while (m->hslot[p] && m->hits[m->hslot[p] - 1].term != term)
		p = (p + 1) & (HSLOTS - 1);
	return &m->hslot[p];
}

/* The listed term number `term` credits `span` of reading rd by kw. */
static void add_hit(vg_matcher *m, uint32_t term, uint8_t rd, uint32_t span, float kw)
{
	uint32_t *slot = slot_of(m, term), i;
	vg__hit *h;
	for (i = *slot; i; i = m->hits[i - 1].next + 1) {
		h = &m->hits[i - 1];
		if (h->rd == rd && h->span == span) {
			if (kw > h->kw)
				h->kw = kw;
			return;
		}
		if (h->next == UINT32_MAX)
			break;
	}
	if (m->n_hits == VG__MAX_HITS)
		return;
	h = &m->hits[m->n_hits];
	memset(h, 0, sizeof(*h));
	h->term = term;
	h->span = span;
	h->next = *slot ? *slot - 1 : UINT32_MAX;
	h->rd = rd;
	h->kw = kw;
	*slot = (uint32_t)++m->n_hits;
}

typedef struct term_ctx {
	vg_matcher *m;
	vg__req *reqs;
	size_t n, cap;
	uint8_t rd;
	uint32_t span;
	/* the lookups of words no listed name has as written, and of
	 * words' ends (find_hits): a key meeting many words is skipped */
	struct term_ctx *unknown, *ends;
} term_ctx;

static void push_req(term_ctx *c, uint64_t hash, int derived, float kw)
{
	if (c->n < c->cap)
		c->reqs[c->n++] = (vg__req){ hash, c->span, c->rd, (uint8_t)derived, kw };
}

/* The tokens of nm that are initials. */
static uint32_t initial_mask(const vg_name *nm)
{
	uint32_t mask = 0;
	size_t t;
	for (t = 0; t < nm->n_tokens && t < 32; t++)
		if (nm->tokens[t].kind == VG__TOK_INITIAL)
			mask |= 1u << t;
	return mask;
}

static int on_term(void *ctx, const vg__term *term)
{
	term_ctx *c = ctx;
	uint64_t h = vg__index_key_hash(term->kind, term->key, term->len);
	uint32_t initials;
	c->span = term->span;
	if (term->kind != VG__KEY_ACRONYM) {
		push_req(c, h, 0, params.kind[VG__KEY_TOKEN]);
		return 1;
	}
	/* The same initials are all an initial of the query can share, but
	 * little for a word: "Mohammad Askandari" is not every M. A.'s name
	 * (hundreds of them would tie with the right one). */
	initials = c->span & initial_mask(reading(c->m, c->rd));
	if (initials) {
		c->span = initials;
		push_req(c, h, 0, params.kind[VG__KEY_TOKEN]);
	}
	if ((term->span & ~initials) && params.initials_word > 0) {
		c->span = term->span & ~initials;
		push_req(c, h, 0, params.initials_word);
	}
	/* a name's initials meet a listed acronym ("PLA") */
	c->span = term->span;
	push_req(c, h, 1, params.kind[VG__KEY_ACRONYM]);
	return 1;
}

/* A short skeleton meets across scripts only (name.h): "v:" is looked up
 * as "s:", a short "s:" as itself and as "v:". */
static void short_skeleton(term_ctx *c, const char *key, size_t len, float kw)
{
	char k[2 + 2 * 128];
	if (len > sizeof(k))
		return;
	memcpy(k, key, len);
	k[0] = 's';
	push_req(c, vg__index_key_hash(VG__KEY_SKELETON, k, len), 1, kw);
	if (key[0] == 's') {
		k[0] = 'v';
		push_req(c, vg__index_key_hash(VG__KEY_SKELETON, k, len), 1, kw);
	}
}

/* An "e:" key, whose last byte is its word's length, and the same key
 * for a word up to two letters shorter or longer (name.h): two letters
 * added or dropped in the middle of a long word ("Akoquigbe", listed
 * Akoulquigbe; "Polemeva", Polykemeva) leave its ends as they were. */
static void ends_lengths(term_ctx *c, const char *key, size_t len, float kw)
{
	char k[16];
	int d, n;
	if (len > sizeof(k) || len < 1)
		return;
	memcpy(k, key, len);
	for (d = -2; d <= 2; d++) {
		n = key[len - 1] - '0' + d;
		if (n < VG__ENDS_MIN || n > VG__ENDS_MAX)
			continue;
		k[len - 1] = (char)(key[len - 1] + d);
		push_req(c, vg__index_key_hash(VG__KEY_ENDS, k, len), 1, kw);
	}
}

static int on_key(void *ctx, const char *key, size_t len, unsigned kind)
{
	term_ctx *c = ctx;
	uint64_t h = vg__index_key_hash(kind, key, len);
	float kw = kind <= VG__KEY_ENDS ? params.kind[kind] : 0.5f;
	if (kind == VG__KEY_SKELETON && len < 2 + VG__SKELETON_SHORT) {
		short_skeleton(c, key, len, kw);
		return 0;
	}
	if (kind == VG__KEY_SKELDEL) {
		c->unknown->rd = c->rd;
		c->unknown->span = c->span;
		push_req(c->unknown, h, 1, kw);
		return 0;
	}
	/* a word's ends, listed as written or not: a long family name
	 * two letters from the query's outranks its namesakes ("Ali
	 * Rustipour" is Ali Rustenpour, not Mohammad Rustipour) */
	if (kind == VG__KEY_ENDS) {
		c->ends->rd = c->rd;
		c->ends->span = c->span;
		ends_lengths(c->ends, key, len, kw);
		return 0;
	}
	push_req(c, h, 1, kw);
	/* an acronym meets a listed name's initials */
	if (kind == VG__KEY_ACRONYM)
		push_req(c, h, 0, kw);
	return 0;
}

/* Looks up r[0..n): terms become hits; derived keys' terms are appended
 * to out (terms to look up in turn), those of a key having at most
 * max_terms of them. */
static void resolve(vg_matcher *m, const vg__req *r, size_t n, term_ctx *out, size_t max_terms)
{
	const vg_index *ix = m->ix;
	size_t i, k, nt;
	for (i = 0; i < n; i++)
		vg__index_prefetch(ix, r[i].derived, r[i].hash, 0);
	for (i = 0; i < n; i++)
		vg__index_prefetch(ix, r[i].derived, r[i].hash, 1);
	for (i = 0; i < n; i++) {
		if (!r[i].derived) {
			uint32_t t = vg__index_term(ix, r[i].hash);
			if (t != UINT32_MAX)
				add_hit(m, t, r[i].rd, r[i].span, r[i].kw);
			continue;
		}
		const uint64_t *terms = vg__index_derived(ix, r[i].hash, &nt);
		if (nt > max_terms)
			continue;
		out->rd = r[i].rd;
		out->span = r[i].span;
		for (k = 0; k < nt; k++)
			push_req(out, terms[k], 0, r[i].kw);
	}
}

static float upper(const vg_matcher *m, const vg__hit *h);

/*
 * Keeps of u's lookups those of a word no listed name has as written: a
 * skeleton less a letter ("k:") meets many words, and is for a word
 * misspelt twice ("Holkorov", listed Holvarov), not for one the list has
 * (whose namesakes outrank the spellings two changes away).
 */
static void keep_unknown(const vg_matcher *m, term_ctx *u)
{
	uint32_t known[VG__MAX_READINGS] = { 0 };
	size_t i, k = 0;
	for (i = 0; i < m->n_hits; i++) {
		const vg__hit *h = &m->hits[i];
		if (h->kw >= params.kind[VG__KEY_TOKEN] && !(h->span & (h->span - 1)))
			known[h->rd] |= h->span;
	}
	for (i = 0; i < u->n; i++)
		if (!(u->reqs[i].span & known[u->reqs[i].rd]))
			u->reqs[k++] = u->reqs[i];
	u->n = k;
}

static int find_hits(vg_matcher *m)
{
	size_t rd, i;
	double n_names = m->ix->meta.n_names ? m->ix->meta.n_names : 1;
	double log_names = log(n_names + 1.0);
	term_ctx c3 = { m, m->reqs + 2 * VG__MAX_REQS, 0, VG__MAX_REQS, 0, 0, NULL, NULL };
	term_ctx c4 = { m, m->reqs + 3 * VG__MAX_REQS, 0, VG__MAX_REQS, 0, 0, NULL, NULL };
	term_ctx c = { m, m->reqs, 0, VG__MAX_REQS, 0, 0, &c3, &c4 };
	term_ctx c2 = { m, m->reqs + VG__MAX_REQS, 0, VG__MAX_REQS, 0, 0, NULL, NULL };
	int rc;
	m->n_hits = 0;
	for (rd = 0; rd < 2 * m->n_qnames; rd++) {
		if (!reading(m, rd))
			continue;
		weigh(m, rd);
		c.rd = (uint8_t)rd;
		if ((rc = vg__name_terms(reading(m, rd), on_term, on_key, &c)) != 0)
			return rc;
	}
	resolve(m, c.reqs, c.n, &c2, SIZE_MAX);
	keep_unknown(m, &c3);
	resolve(m, c3.reqs, c3.n, &c2, params.skeldel_terms);
	resolve(m, c4.reqs, c4.n, &c2, params.skeldel_terms);
	resolve(m, c2.reqs, c2.n, &c2, SIZE_MAX);
	for (i = 0; i < m->n_hits; i++) {
		vg__hit *h = &m->hits[i];
		double df = m->ix->terms[h->term].count;
		h->common = (uint8_t)vg__index_term_common(m->ix, h->term);
		h->idf = (float)(log((n_names + 1.0) / (df + 1.0)) / log_names);
		h->level = (uint8_t)level_of(h->kw);
		h->kw = level_kw(h->level);
		h->ub = upper(m, h);
	}
	return 0;
}

/* ---- step 3: open ---------------------------------------------------------- */

/* Opens name nm unless it is open; room for it is reserved. */
static void open_reserved(vg_matcher *m, uint32_t nm)
{
	if (m->name_acc[nm] != 0.0f)
		return;
	m->name_acc[nm] = -1.0f; /* opened, not covered yet */
	m->opened[m->n_opened++] = nm;
}

/* Room for n more names opened. */
static int reserve_opened(vg_matcher *m, size_t n)
{
	return vg__grow(&m->opened, &m->cap_opened, m->n_opened + n, sizeof(*m->opened))
		       ? VG_ENOMEM
		       : 0;
}

static int open_name(vg_matcher *m, uint32_t nm)
{
	if (reserve_opened(m, 1))
		return VG_ENOMEM;
	open_reserved(m, nm);
	return 0;
}

static int open_names(vg_matcher *m, const uint32_t *names, size_t n, int by)
{
	size_t i, before = m->n_opened;
	m->n_postings += n;
	if (reserve_opened(m, n))
		return VG_ENOMEM;
	for (i = 0; i < n; i++) {
		/* a name's flag is a cache miss at a million names: asked
		 * for ahead so that the misses overlap */
		if (i + 16 < n)
			__builtin_prefetch(&m->name_acc[names[i + 16]]);
		open_reserved(m, names[i]);
	}
	m->n_opened_by[by] += m->n_opened - before;
	return 0;
}

/* What hit h can credit its reading at most. */
static float upper(const vg_matcher *m, const vg__hit *h)
{
	float u = 0;
	size_t t;
	for (t = 0; t < VG__NAME_MAX_TOKENS; t++)
		if (h->span & (1u << t))
			u += m->rweight[h->rd][t];
	return u * h->kw;
}

/* Whether another hit with the same term (an earlier one, or one a round
 * before opened) opened its names already. */
static int seen_term(const vg_matcher *m, size_t i)
{
	uint32_t j;
	for (j = *slot_of(m, m->hits[i].term); j; j = m->hits[j - 1].next + 1)
		if (j - 1 != i && m->hits[j - 1].opened)
			return 1;
	return 0;
}

/*
 * How deep each token's rare hits open (prefix filtering, by level): a
 * name none of whose hits opened covers token t by at most R_t, the best
 * credit among t's hits left shut, so it covers at most the sum of R_t
 * times t's weight (plus what one common hit, never opened alone, adds
 * beyond that: two common hits meet in PAIR).  Opening t's hits down to a
 * level lowers R_t to the next level's credit; the cheapest openings per
 * weight shed go first until the bound is below the cut, so that every
 * name that can reach the cut is opened.  "Budi Santoso" thus opens one
 * word's every spelling and the other's closest ones only, instead of both
 * words' every spelling.  depth[rd][t] is the deepest level opened on t
 * (-1: none; LEVELS: all, when the bound cannot be met).
 */
typedef struct {
	double cost[VG__NAME_MAX_TOKENS][LEVELS]; /* postings of t's rare hits per level */
	float deeper[VG__NAME_MAX_TOKENS][LEVELS + 1]; /* best credit of levels >= k */
	float cub[VG__NAME_MAX_TOKENS];           /* best common hit's ub on t */
} open_plan;

static void plan_hits(const vg_matcher *m, size_t rd, size_t n_tok, float cut, open_plan *p)
{
	size_t i, t;
	int l;
	memset(p, 0, sizeof(*p));
	for (i = 0; i < m->n_hits; i++) {
		const vg__hit *h = &m->hits[i];
		if (h->rd != rd)
			continue;
		for (t = 0; t < n_tok; t++) {
			if (!(h->span & (1u << t)))
				continue;
			if (h->common) {
				/* one that alone reaches the cut opens its
				 * first names whatever else is opened */
				if (h->ub >= cut * m->rtotal[rd])
					continue;
				if (h->ub > p->cub[t])
					p->cub[t] = h->ub;
			} else {
				p->cost[t][h->level] += m->ix->terms[h->term].count;
				if (h->kw > p->deeper[t][h->level])
					p->deeper[t][h->level] = h->kw;
			}
		}
	}
	for (t = 0; t < n_tok; t++)
		for (l = LEVELS - 1; l >= 0; l--)
			if (p->deeper[t][l + 1] > p->deeper[t][l])
				p->deeper[t][l] = p->deeper[t][l + 1];
}

/* The best credit token t keeps when opened to depth d (-1: none). */
static float shut_credit(const open_plan *p, size_t t, int d)
{
	return p->deeper[t][d + 1];
}

static double open_bound(const vg_matcher *m, size_t rd, size_t n_tok,
			 const open_plan *p, const int8_t *depth)
{
	double b = 0, extra = 0;
	size_t t;
	for (t = 0; t < n_tok; t++) {
		double r = shut_credit(p, t, depth[t]) * m->rweight[rd][t];
		b += r;
		if (p->cub[t] - r > extra)
			extra = p->cub[t] - r;
	}
	return b + extra;
}

/* Plans reading rd's openings for names covering `cut` of it into depth,
 * and sets shut[t] to R_t: the best credit of token t's rare hits left
 * shut. */
static void plan_reading(const vg_matcher *m, size_t rd, float cut, int8_t *depth, float *shut)
{
	open_plan p;
	size_t n_tok = reading(m, rd)->n_tokens, t;
	double limit = cut * m->rtotal[rd] * 0.999 - 1e-6, bound;
	if (n_tok > VG__NAME_MAX_TOKENS)
		n_tok = VG__NAME_MAX_TOKENS;
	plan_hits(m, rd, n_tok, cut, &p);
	for (t = 0; t < n_tok; t++)
		depth[t] = -1;
	while ((bound = open_bound(m, rd, n_tok, &p, depth)) >= limit) {
		double best_ratio = -1, cost;
		size_t bt = 0;
		int bd = -1, d;
		for (t = 0; t < n_tok; t++) {
			float now = shut_credit(&p, t, depth[t]);
			cost = 0;
			for (d = depth[t] + 1; d < LEVELS; d++) {
				float after = shut_credit(&p, t, d);
				double shed = (now - after) * m->rweight[rd][t], ratio;
				cost += p.cost[t][d];
				if (shed <= 0)
					continue;
				ratio = shed / (cost + 1.0);
				if (ratio > best_ratio)
					best_ratio = ratio, bt = t, bd = d;
			}
		}
		if (bd < 0) { /* nothing left to open: every hit opens */
			for (t = 0; t < n_tok; t++)
				depth[t] = LEVELS;
			return;
		}
		depth[bt] = (int8_t)bd;
	}
	for (t = 0; t < n_tok; t++)
		shut[t] = shut_credit(&p, t, depth[t]);
}

/* Whether rare hit h is to open its names under the plan. */
static int hit_opens(const vg__hit *h, int8_t depth[][VG__NAME_MAX_TOKENS])
{
	size_t t;
	for (t = 0; t < VG__NAME_MAX_TOKENS; t++)
		if ((h->span & (1u << t)) && h->level <= depth[h->rd][t])
			return 1;
	return 0;
}

/* Whether the pair of terms a, b was looked up already (and marks it):
 * a pair of common terms meets in several readings and spans ("Trading"
 * as a word of the name as written and of its person reading), and its
 * names are the same each time. */
static int pair_seen(uint64_t *set, uint32_t a, uint32_t b)
{
	uint64_t key = a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
	size_t p = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 32) & (PAIR_SLOTS - 1);
	while (set[p] && set[p] != key)
		p = (p + 1) & (PAIR_SLOTS - 1);
	if (set[p])
		return 1;
	set[p] = key; /* never 0: a != b */
	return 0;
}

/* A reading's common hits, best credit first (then in hit order). */
static int by_rd_ub(const void *x, const void *y, void *ctx)
{
	const vg__hit *hits = ctx, *a = &hits[*(const uint16_t *)x], *b = &hits[*(const uint16_t *)y];
	if (a->rd != b->rd)
		return a->rd < b->rd ? -1 : 1;
	if (a->ub != b->ub)
		return a->ub > b->ub ? -1 : 1;
	return *(const uint16_t *)x < *(const uint16_t *)y ? -1 : 1;
}

/* Raises cr[t] to h's credit on each token t of h's span. */
static void credit_span(float *cr, const vg__hit *h)
{
	uint32_t span = h->span;
	while (span) {
		int t = __builtin_ctz(span);
		span &= span - 1;
		if (t < VG__NAME_MAX_TOKENS && h->kw > cr[t])
			cr[t] = h->kw;
	}
}

/*
 * Whether the pair of common hits ranked ra < rb among their reading's
 * common hits com[..to) (best credit first) can open a name reaching the
 * cut that nothing else opens.  Such a name has no opened rare hit, so its
 * rare terms credit each token t at most shut[t] (R_t); among its common
 * hits, the pair looked up for it is its best one, a, and its best one on
 * another span and term, b, so its others are ranked below b or share a's
 * span or term.  The bound is each token's best credit among those, times
 * its weight.  "Global Trading Company" thus skips the pairs of its weak
 * words that the strong one must join.
 */
static int pair_can_reach(const vg_matcher *m, const uint16_t *com, size_t to, size_t ra,
			  size_t rb, const float *shut, float cut)
{
	const vg__hit *a = &m->hits[com[ra]];
	float cr[VG__NAME_MAX_TOKENS];
	double bound = 0;
	size_t k, t, n_tok = reading(m, a->rd)->n_tokens;
	memcpy(cr, shut, sizeof(cr));
	credit_span(cr, a);
	credit_span(cr, &m->hits[com[rb]]);
	for (k = ra + 1; k < to; k++) {
		const vg__hit *h = &m->hits[com[k]];
		if (k != rb && (k > rb || h->span == a->span || h->term == a->term))
			credit_span(cr, h);
	}
	for (t = 0; t < n_tok && t < VG__NAME_MAX_TOKENS; t++)
		bound += cr[t] * m->rweight[a->rd][t];
	return bound >= cut * m->rtotal[a->rd] * 0.999 - 1e-6;
}

/* The pairs of common terms a query's rounds looked up (open_pairs):
 * each pair once per query, at most params.max_pairs of them. */
typedef struct {
	uint64_t set[PAIR_SLOTS];
	size_t n;
} pair_log;

/* The names having two of a reading's common terms (PAIR), each pair of
 * terms once, best credits first, at most params.max_pairs pairs; pairs
 * that cannot open a name reaching the cut are skipped (pair_can_reach). */
static int open_pairs(vg_matcher *m, float shut[][VG__NAME_MAX_TOKENS], float cut,
		      pair_log *log)
{
	uint16_t com[VG__MAX_HITS];
	const uint32_t *names;
	size_t i, j, n, n_com = 0, from, to;
	int rc;
	for (i = 0; i < m->n_hits; i++)
		if (m->hits[i].common)
			com[n_com++] = (uint16_t)i;
	qsort_r(com, n_com, sizeof(*com), by_rd_ub, m->hits);
	for (from = 0; from < n_com; from = to) {
		for (to = from + 1; to < n_com && m->hits[com[to]].rd == m->hits[com[from]].rd; to++)
			;
		for (i = from; i < to; i++) {
			const vg__hit *a = &m->hits[com[i]];
			if (vg__deadline_passed(m->deadline, i, 15))
				return vg__error_set(VG_ETIMEOUT, "time limit exceeded");
			for (j = i + 1; j < to && log->n < params.max_pairs; j++) {
				const vg__hit *b = &m->hits[com[j]];
				if (b->span == a->span || b->term == a->term ||
				    !pair_can_reach(m, com, to, i, j, shut[a->rd], cut) ||
				    pair_seen(log->set, a->term, b->term))
					continue;
				log->n++;
				names = vg__index_pair_names(m->ix, a->term, b->term, &n);
				if ((rc = open_names(m, names, n, VG__OPEN_PAIR)) != 0)
					return rc;
			}
		}
	}
	return 0;
}

/* Opens the names that can cover `cut` of a reading (and the first names
 * of a common term that alone could), those a round before opened aside. */
static int open_hits(vg_matcher *m, float cut, pair_log *log)
{
	const vg_index *ix = m->ix;
	size_t i, n;
	const uint32_t *names;
	int8_t depth[VG__MAX_READINGS][VG__NAME_MAX_TOKENS];
	float shut[VG__MAX_READINGS][VG__NAME_MAX_TOKENS];
	size_t rd;
	int rc;
	memset(depth, -1, sizeof(depth));
	memset(shut, 0, sizeof(shut));
	for (rd = 0; rd < 2 * m->n_qnames; rd++)
		if (reading(m, rd))
			plan_reading(m, rd, cut, depth[rd], shut[rd]);
	/* A common term that alone could reach the cut opens only its first
	 * names (they tie on it); the plan leaves it out, so the names having
	 * it and more are opened when they can reach the cut without it. */
	for (i = 0; i < m->n_hits; i++) {
		vg__hit *h = &m->hits[i];
		if (h->opened || seen_term(m, i))
			continue;
		names = vg__index_term_names(ix, h->term, &n);
		if (!h->common) {
			if (!hit_opens(h, depth))
				continue;
			h->opened = 1;
			if ((rc = open_names(m, names, n, VG__OPEN_RARE)) != 0)
				return rc;
		} else if (h->ub >= cut * m->rtotal[h->rd]) {
			h->opened = 1;
			if (n > params.alone_cap)
				n = params.alone_cap;
			if ((rc = open_names(m, names, n, VG__OPEN_ALONE)) != 0)
				return rc;
		}
	}
	return open_pairs(m, shut, cut, log);
}

/* ---- step 4: cover ---------------------------------------------------------- */

/* Weight of the tokens of reading rd in mask. */
static float mask_weight(const vg_matcher *m, size_t rd, uint32_t mask)
{
	float w = 0;
	while (mask) {
		w += m->rweight[rd][__builtin_ctz(mask)];
		mask &= mask - 1;
	}
	return w;
}

/* Bits set in x (the build targets no popcnt instruction, and these masks
 * have a few bits: a loop beats libgcc's call). */
static int bits(uint32_t x)
{
	int n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

/*
 * How the comparator is likely to score a name covering the tokens `seen`
 * of reading rd by the credits `mw` (weight times credit), the listed name
 * having n terms: the comparator's shape with what retrieval knows.  The
 * query's parts left over weigh what they weigh; the listed name's are
 * counted (a name has about two terms a word: the word, its glue to the
 * next, and one for its initials) and weigh one each.  Parts left over on
 * both sides are a conflict, which costs most ("Andrey Andreyevich
 * Cheridov" is not Andrey Andreyevich Popov); on one side only they cost
 * little in a person's name ("Andrey Popov" may well be him) and more in
 * another party's.  0..1.
 */
static float alike(const vg_matcher *m, size_t rd, uint32_t seen, float mw, size_t n)
{
	float w = mask_weight(m, rd, seen), left_q = m->rtotal[rd] - w;
	float left_l = (float)((n + 1) / 2) - (float)bits(seen);
	float conflict, extra, per_extra;
	if (left_l < 0)
		left_l = 0;
	conflict = left_q < left_l ? left_q : left_l;
	extra = left_q > left_l ? left_q - left_l : left_l - left_q;
	per_extra = (rd % 2 || m->schema == VG_SCHEMA_PERSON) ? params.alike_extra_person
							      : params.alike_extra_org;
	if (mw <= 0)
		return 0;
	return mw / (mw + (w - mw) + params.alike_conflict * conflict + per_extra * extra);
}

/* Coverage of name nm: the best reading's share of its weight covered,
 * each token by its best hit; *rank: how rare the terms met are, by the
 * weight they cover (0..1), *listed: the share of the name's own terms the
 * query met, and *like: the best reading's alike(), all three to rank the
 * names reaching params.cut (for the others they are not worked out). */
static float cover(vg_matcher *m, uint32_t nm, float *rank, float *listed, float *like)
{
	uint32_t mask[VG__MAX_READINGS][LEVELS];
	float rk[VG__MAX_READINGS], ru[VG__MAX_READINGS];
	uint32_t rseen[VG__MAX_READINGS];
	float rmw[VG__MAX_READINGS];
	uint8_t used[VG__MAX_READINGS]; /* the levels of mask[rd] set */
	uint32_t touched = 0, done = 0;
	size_t n, k;
	const uint32_t *terms = vg__index_name_terms(m->ix, nm, &n);
	float best = -1;
	size_t met = 0;
	*rank = *like = *listed = 0;
	for (k = 0; k < n; k++) {
		uint32_t i = *slot_of(m, terms[k]);
		met += i != 0;
		for (; i; i = m->hits[i - 1].next + 1) {
			const vg__hit *h = &m->hits[i - 1];
			uint8_t bit = (uint8_t)(1u << h->level);
			if (!(touched & (1u << h->rd))) {
				touched |= 1u << h->rd;
				used[h->rd] = 0;
				rk[h->rd] = ru[h->rd] = 0;
			}
			if (used[h->rd] & bit) {
				mask[h->rd][h->level] |= h->span;
			} else {
				mask[h->rd][h->level] = h->span;
				used[h->rd] |= bit;
			}
			rk[h->rd] += h->idf * h->ub;
			ru[h->rd] += h->ub;
		}
	}
	while (touched) {
		uint32_t rd = (uint32_t)__builtin_ctz(touched), seen = 0, lv;
		float c = 0;
		touched &= touched - 1;
		if (m->rtotal[rd] <= 0)
			continue;
		/* best credit first: each token by its best level */
		for (lv = used[rd]; lv; lv &= lv - 1) {
			int l = __builtin_ctz(lv);
			uint32_t fresh = mask[rd][l] & ~seen;
			if (fresh)
				c += level_kw(l) * mask_weight(m, rd, fresh);
			seen |= mask[rd][l];
		}
		done |= 1u << rd;
		rseen[rd] = seen;
		rmw[rd] = c;
		c /= m->rtotal[rd];
		if (c > best || (c == best && rk[rd] / ru[rd] > *rank)) {
			best = c;
			*rank = ru[rd] > 0 ? rk[rd] / ru[rd] : 0;
		}
	}
	if (best < params.cut)
		return best;
	while (done) {
		uint32_t rd = (uint32_t)__builtin_ctz(done);
		float a = alike(m, rd, rseen[rd], rmw[rd], n);
		done &= done - 1;
		if (a > *like)
			*like = a;
	}
	*listed = n ? (float)met / (float)n : 0;
	return best;
}

/* Covers the names opened from the from-th on. */
static int cover_opened(vg_matcher *m, size_t from)
{
	size_t i;
	for (i = from; i < m->n_opened; i++) {
		uint32_t nm = m->opened[i], e;
		float rank, listed, like, c;
		/* two stages ahead: a name's entry (and the next one's, where
		 * its terms end), then its terms and its entity's weight */
		if (i + 16 < m->n_opened) {
			__builtin_prefetch(&m->ix->names[m->opened[i + 16]]);
			__builtin_prefetch(&m->ix->names[m->opened[i + 16] + 1]);
		}
		if (i + 8 < m->n_opened) {
			const vg_ix_name *ahead = &m->ix->names[m->opened[i + 8]];
			__builtin_prefetch(&m->ix->ntrm[ahead->term_start]);
			__builtin_prefetch(&m->acc[ahead->record]);
		}
		if (vg__deadline_passed(m->deadline, i, 255))
			return vg__error_set(VG_ETIMEOUT, "time limit exceeded");
		c = cover(m, nm, &rank, &listed, &like);
		if (c < params.cut) {
			m->name_acc[nm] = -1.0f;
			continue;
		}
		c += params.idf_rank * rank + params.listed_rank * listed + params.alike_rank * like;
		m->name_acc[nm] = c;
		m->n_kept_total++;
		e = m->ix->names[nm].record;
		if (m->acc[e] == 0.0f)
			m->touched[m->n_touched++] = e;
		if (c > m->acc[e])
			m->acc[e] = c;
	}
	m->n_opened_total += m->n_opened - from;
	return 0;
}

/* Entities whose identifier numbers the query gives. */
static void identifier_hits(vg_matcher *m)
{
	size_t k, i, n;
	for (k = 0; k < m->n_ids; k++) {
		const uint32_t *post = vg__index_id_postings(m->ix, m->ids[k], &n);
		for (i = 0; i < n && i < 64; i++) {
			uint32_t e = post[i];
			if (e >= m->ix->meta.n_entities)
				continue;
			if (m->acc[e] == 0.0f)
				m->touched[m->n_touched++] = e;
			m->acc[e] += 100.0f;
		}
	}
}

/* ---- step 5: pick ------------------------------------------------------------ */

/* An entity in the bounded top of pick: 8 bytes, so that keeping the top
 * in order moves little (the candidates are made from it at the end). */
typedef struct {
	float w;
	uint32_t e;
} top_ent;

/* Whether weight w of entity e ranks after t (best weight first, then
 * the lower ordinal). */
static int ranks_after(float w, uint32_t e, const top_ent *t)
{
	return w < t->w || (w == t->w && e > t->e);
}

/* Entity e of pick weight w into the bounded top top[0 .. *n), best first
 * (when it is full, e ranks before its last, which it pushes out): its
 * place found by halving, as a crowd of look-alikes inserts thousands. */
static void top_insert(top_ent *top, size_t *n, float w, uint32_t e)
{
	size_t end = *n < VG__MAX_TIED ? (*n)++ : VG__MAX_TIED - 1, lo = 0, hi = end;
	const top_ent x = { w, e };
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ranks_after(top[mid].w, top[mid].e, &x))
			hi = mid;
		else
			lo = mid + 1;
	}
	memmove(&top[lo + 1], &top[lo], (end - lo) * sizeof(*top));
	top[lo] = x;
}

static int pick(vg_matcher *m, const vg_match_options *o)
{
	const vg_index *ix = m->ix;
	uint32_t year = m->qyear;
	top_ent top[VG__MAX_TIED];
	size_t i, n = 0;
	m->n_cands = 0;
	for (i = 0; i < m->n_touched; i++) {
		uint32_t e = m->touched[i];
		float w = m->acc[e];
		if (year && i + 8 < m->n_touched)
			__builtin_prefetch(&ix->recs[m->touched[i + 8]].flags);
		/* Namesakes born the year the query says rank first, and
		 * those born years from it last. */
		if (year) {
			int born = vg__ixr_born(ix->recs[e].flags, year);
			if (born > 0)
				w *= params.birth_year;
			else if (born < 0)
				w *= params.birth_other;
		}
		if (n == VG__MAX_TIED && ranks_after(w, e, &top[n - 1]))
			continue;
		if (!vg__match_admissible(m, o, e))
			continue;
		top_insert(top, &n, w, e);
	}
	/* the first VG__MAX_CANDIDATES and those tying with the last of them */
	if (n > VG__MAX_CANDIDATES) {
		float last = top[VG__MAX_CANDIDATES - 1].w;
		for (i = VG__MAX_CANDIDATES; i < n && top[i].w >= last; i++)
			;
		n = i;
	}
	for (i = 0; i < n; i++)
		if (vg__match_push_cand(m, top[i].e, top[i].w))
			return VG_ENOMEM;
	return 0;
}

/* ---- rounds ------------------------------------------------------------------ */

/*
 * The most a name covering share c of a reading can weigh in the pick
 * (cover_opened's sum, times a birth year's factor): its terms at most as
 * rare as the query's rarest hit, all its terms met, and alike() at most
 * c / ((1 - e) c + e), e the least cost of a query part left over (the
 * listed name leaving none: alike()'s penalty is at least e times the
 * query's weight left over, and its credited weight at most what it saw).
 */
static double weight_bound(const vg_matcher *m, double c)
{
	double e = params.alike_extra_org, idf = 0, w;
	size_t i;
	for (i = 0; i < 2 * m->n_qnames; i++)
		if (reading(m, i) && (i % 2 || m->schema == VG_SCHEMA_PERSON))
			e = params.alike_extra_person < e ? params.alike_extra_person : e;
	for (i = 0; i < m->n_hits; i++)
		if (m->hits[i].idf > idf)
			idf = m->hits[i].idf;
	w = c + params.idf_rank * idf + params.listed_rank +
	    params.alike_rank * c / ((1.0 - e) * c + e);
	return m->qyear && params.birth_year > 1 ? w * params.birth_year : w;
}

/* The least coverage a name needs to weigh as much as the last of a full
 * set of candidates (params.cut when the set is not full): no name
 * covering less can be one of the candidates. */
static float prune_cut(const vg_matcher *m)
{
	double lo = params.cut, hi = 1.0, last;
	int k;
	if (m->n_cands < VG__MAX_CANDIDATES)
		return params.cut;
	last = m->cands[m->n_cands - 1].retrieval * (1.0 - 1e-4);
	if (weight_bound(m, lo) >= last)
		return params.cut;
	if (weight_bound(m, hi) < last)
		return 1.0f;
	for (k = 0; k < 24; k++) {
		double mid = (lo + hi) / 2;
		if (weight_bound(m, mid) < last)
			lo = mid;
		else
			hi = mid;
	}
	return (float)lo;
}

/* Statistics (vg_matcher.n_competing_total): the names covered whose
 * weight, at the best birth year factor, reaches the last candidate's.
 * Every other name covered could have been left out had retrieval known
 * its weight beforehand; what an exact bound on a name's weight could
 * save.  With fewer candidates than room, every name reaching the cut. */
static void count_competing(vg_matcher *m)
{
	double last = m->n_cands >= VG__MAX_CANDIDATES ? m->cands[m->n_cands - 1].retrieval : 0;
	double best = m->qyear && params.birth_year > 1 ? params.birth_year : 1;
	size_t i;
	for (i = 0; i < m->n_opened; i++) {
		float w = m->name_acc[m->opened[i]];
		if (w > 0 && w * best >= last)
			m->n_competing_total++;
	}
}

/* Covers the names of each candidate that no round opened: the comparator
 * compares every name of a candidate reaching params.cut (match.c), as
 * when every name that can reach it is opened. */
static int cover_candidates(vg_matcher *m)
{
	size_t k, i, from = m->n_opened;
	int rc;
	for (k = 0; k < m->n_cands; k++) {
		const vg_ix_record *r = &m->ix->recs[m->cands[k].ord];
		for (i = 0; i < r->name_count; i++)
			if ((rc = open_name(m, r->name_start + (uint32_t)i)) != 0)
				return rc;
	}
	m->n_opened_by[VG__OPEN_CANDIDATE] += m->n_opened - from;
	return cover_opened(m, from);
}

/*
 * Retrieval in two rounds (MaxScore-like): the first opens the names that
 * can cover params.first_cut of a reading and picks candidates; a full set
 * of them raises the cut the second round opens to (prune_cut), so that
 * the namesakes of "Global Trading Corp." need not open every name sharing
 * two of its words when 48 share all three.  The second round opens what
 * one round at params.cut opens, less the names that cannot be among the
 * candidates.  The first round also opens the deeper spellings of the
 * other words of a name whose common word alone reaches params.cut but
 * not params.first_cut (plan_hits leaves such a word out of a round it
 * reaches alone, and opens only its first names).
 */
static int retrieve_rounds(vg_matcher *m, const vg_match_options *o)
{
	pair_log log;
	float cut;
	size_t from;
	int rc;
	memset(&log, 0, sizeof(log));
	if ((rc = open_hits(m, params.first_cut, &log)) != 0 || (rc = cover_opened(m, 0)) != 0)
		return rc;
	/* fewer entities than candidates: no full set to prune by */
	if (m->n_touched >= VG__MAX_CANDIDATES && (rc = pick(m, o)) != 0)
		return rc;
	cut = prune_cut(m);
	if (cut < params.first_cut) {
		from = m->n_opened;
		if ((rc = open_hits(m, cut, &log)) != 0 || (rc = cover_opened(m, from)) != 0)
			return rc;
	}
	identifier_hits(m);
	if ((rc = pick(m, o)) != 0)
		return rc;
	if (m->count_competing)
		count_competing(m);
	return cut > params.cut ? cover_candidates(m) : 0;
}

int vg__retrieve(vg_matcher *m, const vg_query *q, const vg_match_options *o)
{
	int rc;
	(void)q;
	m->n_cands = 0;
	m->n_opened = 0;
	m->n_touched = 0;
	if ((rc = find_hits(m)) != 0)
		return rc;
	return retrieve_rounds(m, o);
}

void vg__retrieve_clear(vg_matcher *m)
{
	size_t i;
	for (i = 0; i < m->n_opened; i++)
		m->name_acc[m->opened[i]] = 0.0f;
	for (i = 0; i < m->n_touched; i++)
		m->acc[m->touched[i]] = 0.0f;
	/* each hit's cluster from its home slot on (clusters only break
	 * after the slots behind them are cleared) */
	for (i = 0; i < m->n_hits; i++) {
		size_t p = (m->hits[i].term * 0x9E3779B1u) & (HSLOTS - 1);
		while (m->hslot[p]) {
			m->hslot[p] = 0;
			p = (p + 1) & (HSLOTS - 1);
		}
	}
	m->n_opened = m->n_touched = m->n_hits = 0;
}
