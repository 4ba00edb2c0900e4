/*
 * scan.c - finding mentions of listed names in text (see scan.h).
 *
 * How it works, per text:
 *  1. Tokenise (tokens.c) and look every token up: its exact token number
 *     and, for Cyrillic words and long Latin words not listed as written,
 *     its loose key.  Most words of a text miss both tables and cost
 *     nothing more.
 *  2. Every capitalised (or caseless-script) hit on a token that is not a
 *     particle or title is an anchor.  A rare anchor evaluates every name
 *     holding it; a frequent one only the names that also hold a strong
 *     word nearby (sorted postings intersected).  Evaluating grows a window
 *     left and right over consecutive tokens of that name (each name
 *     position used once; one unmatched token allowed inside, for a middle
 *     name or "house *building* in").  Windows never cross a sentence end,
 *     bracket, quote or paragraph.
 *  3. A window is a candidate only with enough distinctive evidence:
 *       - a name of two or more strong words: two distinct ones, half the
 *         name's weight and about one unique word's weight in all, a
 *         capitalised strong word (all of them when every word is an
 *         ordinary one), and then 80 % of the weight, or for a person the
 *         family name, or for others the rarest word;
 *       - a one-word name (plus particles or legal forms): an organisation's
 *         rare word of five letters or more, capitalised, not an ordinary
 *         word, place or given name ("Rossotrudnichestvo", not "Hope",
 *         "Union" or "Denise"), as written or as a Cyrillic case form;
 *       - ideographic names: every character, as written.
 *     Score: 0.5 + 0.5 x matched weight share, less 0.1 for a gap (0.75 +
 *     0.25 x share for one-word names).
 *  4. Candidates are taken longest, then best first, without overlap;
 *     another entity with the very same span becomes an alternative.
 *  5. A person's family name alone ("Putin said", "Путина") within a few
 *     paragraphs after a full mention is a mention of the same person; a
 *     rare family name of a listed person standing alone, with no
 *     capitalised word next to it, is a weaker mention (0.7).
 *
 * Invariant: every vg__mention returned has start < end on token
 * boundaries, mentions do not overlap and come in text order.
 */
#include "scan/scanner.h"
#include "common/error.h"
#include "common/alloc.h"
#include "common/deadline.h"

#include <stdlib.h>
#include <string.h>

/* A token in at most this many names evaluates all of them. */
#define RARE_DF 32
/* How far (tokens) a surname alone refers back to its full mention. */
#define SURNAME_REACH 600
/* How far (tokens) a frequent anchor looks for a strong partner word. */
#define NEAR 4

typedef struct {
	uint32_t ex;    /* exact token number or VG_SCAN_NONE */
	uint32_t lo;    /* loose key or VG_SCAN_NONE */
} hit;

typedef struct {
	uint32_t a, b;  /* first and last token */
	uint32_t name;
	double score;
	unsigned rule;
	uint32_t mask;  /* matched name positions */
	uint32_t n_matched;
} cand;

typedef struct {
	const vg__scanner *s;
	const vg__toks *tk;
	const char *pool;
	hit *h;
	uint32_t *until; /* per name: window end + 1 already evaluated */
	uint8_t *wf;     /* per token: word_class(), 0 = not looked up yet */
	uint8_t *near;   /* per token: another token within two hits too */
	cand *c;
	size_t nc, capc;
} ctx;

static bool tok_cap(const vg__tok *t)
{
	return (t->flags & (VG_TOKF_CAP | VG_TOKF_UNCASED)) != 0;
}

/* Does text token i match position p of name n?  0 no, 1 exact, 2 loose. */
static int match_at(const ctx *x, uint32_t i, const vg__sname *nm, uint32_t p)
{
	uint32_t id = x->s->ntoks[nm->tok_start + p];
	if (x->h[i].ex == id)
		return 1;
	if (x->h[i].lo != VG_SCAN_NONE && x->s->tok[id].loose == x->h[i].lo)
		return 2;
	return 0;
}

/* The best unused position of name nm that text token i matches, or -1;
 * *loose tells whether only a loose match was found. */
static int find_pos(const ctx *x, uint32_t i, const vg__sname *nm,
		    uint32_t used, bool *loose)
{
	int p, best = -1;
	for (p = 0; p < nm->n_tok; p++) {
		int m;
		if (used & (1u << p))
			continue;
		m = match_at(x, i, nm, (uint32_t)p);
		if (m == 1) {
			*loose = false;
			return p;
		}
		if (m == 2 && best < 0)
			best = p;
	}
	*loose = true;
	return best;
}

/* Word classes of a text token (bits of ctx.wf). */
enum {
	WC_LOOKED_UP = 1, /* the other bits are known */
	WC_TITLE = 2,     /* a title or honorific (Mr, General) */
	WC_COMMON = 4,    /* an ordinary word of the language */
};

/* Title and ordinary-word status of text token j, looked up once. */
static uint8_t word_class(const ctx *x, uint32_t j)
{
	if (!x->wf[j]) {
		const vg__tok *t = &x->tk->v[j];
		const char *w = x->pool + t->norm;
		x->wf[j] = WC_LOOKED_UP | (vg__scan_title_word(w, t->norm_len) ? WC_TITLE : 0) |
			   (vg__scan_common_word(w, t->norm_len) ? WC_COMMON : 0);
	}
	return x->wf[j];
}

static bool gap_ok(const ctx *x, uint32_t j, const vg__sname *nm)
{
	const vg__tok *t = &x->tk->v[j];
	uint8_t wc = word_class(x, j);
	if (wc & WC_TITLE)
		return false;
	/* Inside a person's name only another name part (capitalised) may
	 * sit between two matched tokens. */
	if (nm->schema == VG_SCHEMA_PERSON)
		return (t->flags & VG_TOKF_CAP) && !(wc & WC_COMMON);
	return true;
}

/* Capitals count on the strong words of the name only ("The" starting a
 * sentence is no evidence). */
static void note_cap(const ctx *x, uint32_t j, const vg__sname *nm, uint32_t p,
		     int *cap, int *all_cap)
{
	const vg__stok *st = &x->s->tok[x->s->ntoks[nm->tok_start + p]];
	if (st->flags & (VG_STOK_WEAK | VG_STOK_TITLE))
		return;
	if (tok_cap(&x->tk->v[j]))
		*cap = 1;
	else
		*all_cap = 0;
}

/* Token j is a word of the name already used: a repetition ("Sirajuddin
 * Haqqani, Haqqani Network") starts another mention, it is no gap. */
static bool repeats(const ctx *x, uint32_t j, const vg__sname *nm)
{
	uint32_t p;
	for (p = 0; p < nm->n_tok; p++)
		if (match_at(x, j, nm, p))
			return true;
	return false;
}

/* A gap at token j can only be closed by a hit right after it. */
static bool gap_closable(const ctx *x, uint32_t j, int dir)
{
	uint32_t k;
	if (dir > 0) {
		if (j + 1 >= x->tk->n || x->tk->v[j + 1].brk > VG_BRK_SOFT)
			return false;
		k = j + 1;
	} else {
		if (j == 0 || x->tk->v[j].brk > VG_BRK_SOFT)
			return false;
		k = j - 1;
	}
	return x->h[k].ex != VG_SCAN_NONE || x->h[k].lo != VG_SCAN_NONE;
}

static int add_cand(ctx *x, const cand *c)
{
	if (x->nc == x->capc) {
		size_t n = x->capc ? x->capc * 2 : 64, bytes;
		void *p;
		if (vg__mul_overflow(&bytes, n, sizeof(*x->c)) ||
		    !(p = vg__realloc(x->c, bytes)))
			return vg__error_oom();
		x->c = p;
		x->capc = n;
	}
	x->c[x->nc++] = *c;
	return 0;
}

/* Grows the window of name n around anchor token i and keeps it when the
 * evidence is enough (rules in the header comment). */
static int evaluate(ctx *x, uint32_t n, uint32_t i)
{
	const vg__scanner *s = x->s;
	const vg__sname *nm = &s->names[n];
	const vg__toks *tk = x->tk;
	uint32_t used = 0, a, b, j, loose_mask = 0;
	int p, gaps = 0, dir;
	bool loose;
	double wm = 0, cover, score;
	int strong_m = 0, cap = 0, common_all = 1, all_cap = 1;
	cand c;

	/* Two tokens are needed unless the name has one strong word. */
	if (nm->strong >= 2 && !x->near[i])
		return 0;
	if ((p = find_pos(x, i, nm, used, &loose)) < 0)
		return 0;
	used |= 1u << p;
	if (loose)
		loose_mask |= 1u << p;
	note_cap(x, i, nm, (uint32_t)p, &cap, &all_cap);
	a = b = i;
	for (dir = 1; dir >= -1; dir -= 2) {
		uint32_t pending = VG_SCAN_NONE;
		j = dir > 0 ? b : a;
		for (;;) {
			uint32_t next, edge;
			if (dir > 0) {
				if (j + 1 >= tk->n)
					break;
				next = j + 1;
				edge = next;
			} else {
				if (j == 0)
					break;
				next = j - 1;
				edge = j;
			}
			if (tk->v[edge].brk > VG_BRK_SOFT)
				break;
			p = find_pos(x, next, nm, used, &loose);
			if (p >= 0) {
				used |= 1u << p;
				if (loose)
					loose_mask |= 1u << p;
				note_cap(x, next, nm, (uint32_t)p, &cap, &all_cap);
				if (pending != VG_SCAN_NONE)
					gaps++;
				pending = VG_SCAN_NONE;
				if (dir > 0)
					b = next;
				else
					a = next;
			} else if (gaps == 0 && pending == VG_SCAN_NONE &&
				   gap_closable(x, next, dir) && gap_ok(x, next, nm) &&
				   !repeats(x, next, nm)) {
				pending = next;
			} else {
				break;
			}
			j = next;
		}
	}
	if (b + 1 > x->until[n])
		x->until[n] = b + 1;

	/* Evidence. */
	for (p = 0; p < nm->n_tok; p++) {
		const vg__stok *st;
		int q;
		if (!(used & (1u << p)))
			continue;
		st = &s->tok[s->ntoks[nm->tok_start + p]];
		wm += st->w * ((loose_mask & (1u << p)) ? 0.9 : 1.0);
		/* The same word twice ("SA'ID, Sa'id") is one piece of
		 * evidence. */
		for (q = 0; q < p; q++)
			if ((used & (1u << q)) &&
			    s->ntoks[nm->tok_start + q] == s->ntoks[nm->tok_start + p])
				break;
		if (q == p && !(st->flags & (VG_STOK_WEAK | VG_STOK_TITLE))) {
			strong_m++;
			if (!(st->flags & VG_STOK_COMMON))
				common_all = 0;
		}
	}
	cover = nm->wsum > 0 ? wm / nm->wsum : 0;
	if (cover > 1)
		cover = 1;

	c.a = a;
	c.b = b;
	c.name = n;
	c.mask = used;
	for (c.n_matched = 0, j = used; j; j &= j - 1)
		c.n_matched++;
	if (tk->v[i].flags & VG_TOKF_HAN) {
		/* Ideographs: no spaces, one character per token; all of the
		 * name or nothing. */
		if (strong_m < 2 || cover < 0.99 || gaps)
			return 0;
		score = 1.0;
		c.rule = VG_SCAN_RULE_FULL;
	} else if (nm->strong >= 2) {
		if (strong_m < 2 || !cap)
			return 0;
		if (common_all && (!all_cap || cover < 0.99))
			return 0;
		/* Half the name's weight and, in absolute terms, about what
		 * one unique word weighs (two common given names are not
		 * enough: "Mohammed Ali"); then most of the weight, or a
		 * person's family name ("Nicolás Maduro" for "MADURO MOROS,
		 * Nicolas"; not "Julio César" for "NASSER DAVID, Julio Cesar"),
		 * or else the rarest word. */
		if (cover < 0.5 || wm < 0.9 * s->max_weight)
			return 0;
		if (cover < 0.8) {
			if (nm->schema == VG_SCHEMA_PERSON && nm->family_pos != VG_SCAN_NO_POS) {
				if (!(used & (1u << nm->family_pos)))
					return 0;
			} else if (!(used & (1u << nm->max_pos))) {
				return 0;
			}
		}
		score = 0.5 + 0.5 * cover - 0.1 * gaps;
		c.rule = VG_SCAN_RULE_FULL;
	} else if (nm->strong == 1) {
		const vg__stok *st = &s->tok[s->ntoks[nm->tok_start + nm->max_pos]];
		const vg__tok *tt;
		uint32_t k;
		if (!(used & (1u << nm->max_pos)) || gaps)
			return 0;
		if (nm->schema == VG_SCHEMA_PERSON || nm->schema == VG_SCHEMA_VESSEL ||
		    nm->schema == VG_SCHEMA_AIRPLANE)
			return 0;
		if ((st->flags & (VG_STOK_COMMON | VG_STOK_PLACE | VG_STOK_GIVEN)) ||
		    st->len < 5 || st->df > 3)
			return 0;
		/* The text token that matched the distinctive word. */
		for (k = a, tt = NULL; k <= b; k++)
			if (match_at(x, k, nm, nm->max_pos))
				tt = &tk->v[k];
		if (!tt || !tok_cap(tt))
			return 0;
		/* One word loosely alike is too little ("Indali" is not
		 * JINDALLAE) unless it is a case form ("Россотрудничества"). */
		if ((loose_mask & (1u << nm->max_pos)) && !(tt->flags & VG_TOKF_CYRILLIC))
			return 0;
		score = 0.75 + 0.25 * cover;
		c.rule = VG_SCAN_RULE_SINGLE;
	} else {
		return 0;
	}
	if (nm->flags & VG_SCAN_NAME_WEAK)
		score *= 0.9;
	if (score > 1)
		score = 1;
	c.score = score;
	return add_cand(x, &c);
}

/* The dictionary tokens text token i hits: its exact form, then the
 * tokens sharing its loose key. */
static uint32_t hit_ids(const ctx *x, uint32_t i, uint32_t *ids, uint32_t cap)
{
	uint32_t n = 0, q;
	if (x->h[i].ex != VG_SCAN_NONE)
		ids[n++] = x->h[i].ex;
	if (x->h[i].lo != VG_SCAN_NONE) {
		const vg__lkey *lk = &x->s->lk[x->h[i].lo];
		for (q = 0; q < lk->count && n < cap; q++)
			if (x->s->lo_toks[lk->start + q] != x->h[i].ex)
				ids[n++] = x->s->lo_toks[lk->start + q];
	}
	return n;
}

/* Evaluates, around anchor i, the names holding both token a and b. */
static int eval_shared(ctx *x, uint32_t a, uint32_t b, uint32_t i)
{
	const vg__scanner *s = x->s;
	const uint32_t *pa = s->post + s->post_start[a], *ea = s->post + s->post_start[a + 1];
	const uint32_t *pb = s->post + s->post_start[b], *eb = s->post + s->post_start[b + 1];
	int rc;
	/* Walk the shorter list, binary-search the longer (particles such as
	 * "of" are in thousands of names). */
	if (ea - pa > eb - pb) {
		const uint32_t *t = pa, *te = ea;
		pa = pb;
		ea = eb;
		pb = t;
		eb = te;
	}
	for (; pa < ea && pb < eb; pa++) {
		const uint32_t *lo = pb, *hi;
		size_t step = 1;
		/* Gallop, then binary search: near-linear when the lists are
		 * of similar length, logarithmic when one is much longer. */
		while ((size_t)(eb - lo) > step && lo[step] < *pa) {
			lo += step;
			step *= 2;
		}
		hi = (size_t)(eb - lo) > step ? lo + step + 1 : eb;
		while (lo < hi) {
			const uint32_t *mid = lo + (hi - lo) / 2;
			if (*mid < *pa)
				lo = mid + 1;
			else
				hi = mid;
		}
		pb = lo;
		if (pb < eb && *pb == *pa && x->until[*pa] <= i &&
		    (rc = evaluate(x, *pa, i)) < 0)
			return rc;
	}
	return 0;
}

/* Forward: the accepted-mention type is below. */
typedef struct accepted accepted;
static int remember(uint32_t **last, const vg__scanner *s, uint32_t tok,
		    uint32_t m, const accepted *acc);

static int cmp_cand(const void *pa, const void *pb)
{
	const cand *a = pa, *b = pb;
	uint32_t na = a->n_matched, nb = b->n_matched;
	/* The name that explains more of the text wins ("Bank Sepah
	 * International" over "Bank Sepah"), then the better score. */
	if (na != nb)
		return na > nb ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->b - a->a != b->b - b->a)
		return (a->b - a->a) > (b->b - b->a) ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->name < b->name ? -1 : (a->name > b->name);
}

static int cmp_mention(const void *pa, const void *pb)
{
	const vg__mention *a = pa, *b = pb;
	return a->start < b->start ? -1 : (a->start > b->start);
}

struct accepted {
	vg__mention m;
	uint32_t a, b; /* tokens */
	uint32_t mask;
};

/* A remembered surname: token number (or loose key) and its mention. */
typedef struct {
	uint32_t tok;
	uint32_t acc; /* index into the accepted array */
} surname;

static int push_surname(surname **sur, size_t *n, size_t *cap, uint32_t tok,
			uint32_t acc)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		void *np = vg__realloc(*sur, nc * sizeof(**sur));
		if (!np)
			return vg__error_oom();
		*sur = np;
		*cap = nc;
	}
	(*sur)[*n].tok = tok;
	(*sur)[*n].acc = acc;
	(*n)++;
	return 0;
}

static int cmp_surname(const void *pa, const void *pb, void *arg)
{
	const surname *a = pa, *b = pb;
	const accepted *acc = arg;
	uint32_t ea = acc[a->acc].b, eb = acc[b->acc].b;
	if (ea != eb)
		return ea < eb ? -1 : 1;
	return a->acc < b->acc ? -1 : (a->acc > b->acc);
}

/* last[tok] = mention m, unless a later-starting mention already holds it;
 * the table (one slot per dictionary token) is made on first use. */
static int remember(uint32_t **last, const vg__scanner *s, uint32_t tok,
		    uint32_t m, const accepted *acc)
{
	uint32_t *l = *last;
	if (!l) {
		if (!(l = vg__malloc((size_t)s->n_tok * sizeof(*l))))
			return vg__error_oom();
		memset(l, 0xFF, (size_t)s->n_tok * sizeof(*l));
		*last = l;
	}
	if (l[tok] == VG_SCAN_NONE || acc[l[tok]].a < acc[m].a)
		l[tok] = m;
	return 0;
}

static uint32_t newer(const accepted *acc, uint32_t a, uint32_t b)
{
	if (a == VG_SCAN_NONE)
		return b;
	if (b == VG_SCAN_NONE)
		return a;
	return acc[b].a > acc[a].a ? b : a;
}

/* A capitalised word next to token i (same phrase) that is not a title or
 * ordinary word: then i is part of some other, longer name. */
static bool capitalised_neighbour(const ctx *x, uint32_t i, bool strict)
{
	const vg__toks *tk = x->tk;
	uint32_t js[2];
	int n = 0, k;
	if (i > 0 && tk->v[i].brk == VG_BRK_SPACE)
		js[n++] = i - 1;
	if (i + 1 < tk->n && tk->v[i + 1].brk == VG_BRK_SPACE)
		js[n++] = i + 1;
	for (k = 0; k < n; k++) {
		const vg__tok *t = &tk->v[js[k]];
		if (!(t->flags & VG_TOKF_CAP))
			continue;
		/* Capitalised only because it starts a sentence, and no name
		 * part known to the lists ("Смерть Умарова", not "Olena
		 * Zelenska"). */
		if (!strict && js[k] < i && (js[k] == 0 || t->brk == VG_BRK_HARD) &&
		    x->h[js[k]].ex == VG_SCAN_NONE && x->h[js[k]].lo == VG_SCAN_NONE)
			continue;
		if (word_class(x, js[k]) & (WC_TITLE | WC_COMMON))
			continue;
		return true;
	}
	return false;
}

/* Token id at text token i as the rare family name of a listed person
 * with at least two strong words: a weak mention of that person. */
static int lone_surname(ctx *x, accepted *acc, size_t *n_acc, uint32_t *owner,
			uint32_t **last, uint32_t i, uint32_t id, bool *found)
{
	const vg__scanner *s = x->s;
	const vg__stok *st = &s->tok[id];
	const vg__tok *t = &x->tk->v[i];
	uint32_t pi;

	if (st->len < 7 || st->df > 2 ||
	    (st->flags & (VG_STOK_WEAK | VG_STOK_TITLE | VG_STOK_COMMON | VG_STOK_PLACE |
			  VG_STOK_GIVEN)))
		return 0;
	for (pi = s->post_start[id]; pi < s->post_start[id + 1]; pi++) {
		const vg__sname *nm = &s->names[s->post[pi]];
		accepted *a = &acc[*n_acc];
		if (nm->schema != VG_SCHEMA_PERSON || nm->strong < 2 ||
		    nm->family_pos == VG_SCAN_NO_POS ||
		    s->ntoks[nm->tok_start + nm->family_pos] != id)
			continue;
		memset(a, 0, sizeof(*a));
		a->a = a->b = i;
		a->m.start = t->start;
		a->m.end = t->end;
		a->m.entity = nm->entity;
		a->m.name = s->post[pi];
		a->m.score = 0.7;
		a->m.rule = VG_SCAN_RULE_LONE_SURNAME;
		owner[i] = (uint32_t)*n_acc;
		*found = true;
		/* Later inflected forms ("Зеленського") refer back to it like
		 * to a full mention. */
		(*n_acc)++;
		return remember(last, s, id, (uint32_t)(*n_acc - 1), acc);
	}
	return 0;
}

int vg__scan(vg__mention **out, size_t *n_out, const vg__scanner *s,
	     const char *text, size_t len, double threshold, bool html)
{
	return vg__scan_until(out, n_out, s, text, len, threshold, html, 0);
}

static int scan_timeout(const vg__toks *tk, uint32_t i)
{
	return vg__error_set(VG_ETIMEOUT, "time limit exceeded at byte %zu",
			     (size_t)(i < tk->n ? tk->v[i].start : 0));
}

int vg__scan_until(vg__mention **out, size_t *n_out, const vg__scanner *s,
		   const char *text, size_t len, double threshold, bool html,
		   uint64_t deadline)
{
	vg__tokenizer tz;
	vg__toks tk = { NULL, 0, 0 };
	ctx x;
	accepted *acc = NULL;
	surname *sur = NULL;
	size_t n_acc = 0, n_sur = 0, cap_sur = 0, k;
	uint32_t *owner = NULL, *last = NULL;
	vg__mention *res = NULL;
	uint32_t i;
	int error = 0;
	char key[VG_SCAN_MAX_WORD + 1];

	*out = NULL;
	*n_out = 0;
	if (!s->finished)
		return vg__error_set(VG_EUSAGE, "scanner: scan before finish");
	if (threshold < 0)
		threshold = VG_SCAN_DEFAULT_THRESHOLD;
	memset(&x, 0, sizeof(x));
	vg__tokenizer_init(&tz);
	if ((error = vg__tokenize(&tk, &tz, text, len, html)) < 0)
		goto cleanup;
	x.s = s;
	x.tk = &tk;
	x.pool = tz.pool.ptr;
	if (!tk.n)
		goto cleanup;
	if (!(x.h = vg__malloc(tk.n * sizeof(*x.h))) ||
	    !(x.wf = vg__calloc(tk.n, 1)) || !(x.near = vg__calloc(tk.n, 1)) ||
	    !(x.until = vg__calloc(s->n_names ? s->n_names : 1, sizeof(uint32_t)))) {
		error = vg__error_oom();
		goto cleanup;
	}

	/* 1. Look every token up. */
	for (i = 0; i < tk.n; i++) {
		const vg__tok *t = &tk.v[i];
		const char *w = tz.pool.ptr + t->norm;
		if (vg__deadline_passed(deadline, i, 1023)) {
			error = scan_timeout(&tk, i);
			goto cleanup;
		}
		x.h[i].ex = vg__scanner_find(s, w, t->norm_len);
		x.h[i].lo = VG_SCAN_NONE;
		/* Loose keys are for inflected (Cyrillic) words and long
		 * cased (Latin) ones that are not a listed word as written:
		 * "Mario" is not "Maria", "Zelensky" is "Zelenskyy".  Not for
		 * romanised Hangul or Arabic, where folding y/j/i merges
		 * different syllables ("Jiyong", "Jong"). */
		if (t->flags & VG_TOKF_HAN || t->norm_len > VG_SCAN_MAX_WORD)
			continue;
		if ((t->flags & VG_TOKF_CYRILLIC) ? t->norm_len >= 4
		    : (t->norm_len >= 6 && x.h[i].ex == VG_SCAN_NONE &&
		       !(t->flags & VG_TOKF_UNCASED))) {
			size_t kl = vg__loose_key(key, w, t->norm_len,
						  (t->flags & VG_TOKF_CYRILLIC) != 0);
			x.h[i].lo = vg__scanner_find_loose(s, key, kl);
		}
	}

	for (i = 0; i < tk.n; i++) {
		uint32_t j;
		if (x.h[i].ex == VG_SCAN_NONE && x.h[i].lo == VG_SCAN_NONE)
			continue;
		for (j = i + 1; j < tk.n && j <= i + 2 && tk.v[j].brk <= VG_BRK_SOFT; j++)
			if (x.h[j].ex != VG_SCAN_NONE || x.h[j].lo != VG_SCAN_NONE)
				x.near[i] = x.near[j] = 1;
	}

	/* 2-3. Windows around anchors.  A rare token evaluates every name
	 * holding it; a frequent one ("Islamic", "Bank") only the names that
	 * also hold a token hit nearby (two-token evidence is needed anyway),
	 * found by intersecting the two sorted postings lists. */
	for (i = 0; i < tk.n; i++) {
		uint32_t ids[8], n_ids, q;
		if (vg__deadline_passed(deadline, i, 63)) {
			error = scan_timeout(&tk, i);
			goto cleanup;
		}
		/* Every accepted window holds a capitalised strong word (or is
		 * in a script without case), and finds itself from there. */
		if (!tok_cap(&tk.v[i]))
			continue;
		n_ids = hit_ids(&x, i, ids, 8);
		for (q = 0; q < n_ids; q++) {
			const vg__stok *st = &s->tok[ids[q]];
			uint32_t pi, df = s->post_start[ids[q] + 1] - s->post_start[ids[q]];
			uint32_t j, lo, hi;
			if (st->flags & (VG_STOK_WEAK | VG_STOK_TITLE))
				continue;
			if (df <= RARE_DF) {
				for (pi = s->post_start[ids[q]]; pi < s->post_start[ids[q] + 1]; pi++) {
					uint32_t n = s->post[pi];
					if (x.until[n] > i)
						continue;
					if ((error = evaluate(&x, n, i)) < 0)
						goto cleanup;
				}
				continue;
			}
			/* Partners: strong words within reach of a window,
			 * across particles ("Bank of the Republic"). */
			lo = i;
			while (lo > 0 && i - lo < NEAR && tk.v[lo].brk <= VG_BRK_SOFT)
				lo--;
			hi = i;
			while (hi + 1 < tk.n && hi - i < NEAR && tk.v[hi + 1].brk <= VG_BRK_SOFT)
				hi++;
			for (j = lo; j <= hi; j++) {
				uint32_t jids[8], nj, r;
				if (j == i)
					continue;
				nj = hit_ids(&x, j, jids, 8);
				for (r = 0; r < nj; r++) {
					if (s->tok[jids[r]].flags & (VG_STOK_WEAK | VG_STOK_TITLE))
						continue;
					if ((error = eval_shared(&x, ids[q], jids[r], i)) < 0)
						goto cleanup;
				}
			}
		}
	}

	/* 4. Best first, no overlaps; same span, other entity: alternative.
	 * owner[t] is the accepted mention covering token t. */
	if (x.nc)
		qsort(x.c, x.nc, sizeof(*x.c), cmp_cand);
	if (!(acc = vg__malloc((x.nc + tk.n + 1) * sizeof(*acc))) ||
	    !(owner = vg__malloc(tk.n * sizeof(*owner)))) {
		error = vg__error_oom();
		goto cleanup;
	}
	memset(owner, 0xFF, tk.n * sizeof(*owner));
	for (k = 0; k < x.nc; k++) {
		const cand *c = &x.c[k];
		uint32_t ent = s->names[c->name].entity, q, t;
		bool taken = false;
		if (c->score < threshold)
			continue;
		if ((q = owner[c->a]) != VG_SCAN_NONE && acc[q].a == c->a &&
		    acc[q].b == c->b) {
			vg__mention *m = &acc[q].m;
			uint32_t r;
			if (m->entity == ent)
				continue;
			for (r = 0; r < m->n_alternatives; r++)
				if (m->alternatives[r] == ent)
					break;
			if (r == m->n_alternatives && r < 4)
				m->alternatives[m->n_alternatives++] = ent;
			continue;
		}
		for (t = c->a; t <= c->b && !taken; t++)
			taken = owner[t] != VG_SCAN_NONE;
		if (taken)
			continue;
		for (t = c->a; t <= c->b; t++)
			owner[t] = (uint32_t)n_acc;
		memset(&acc[n_acc], 0, sizeof(acc[n_acc]));
		acc[n_acc].a = c->a;
		acc[n_acc].b = c->b;
		acc[n_acc].mask = c->mask;
		acc[n_acc].m.start = tk.v[c->a].start;
		acc[n_acc].m.end = tk.v[c->b].end;
		acc[n_acc].m.entity = ent;
		acc[n_acc].m.name = c->name;
		acc[n_acc].m.score = c->score;
		acc[n_acc].m.rule = c->rule;
		n_acc++;
	}

	/* 5. Surnames after a full mention of a person.  sur[] lists the
	 * surname tokens of full mentions by where the mention ends; walking
	 * the text, those that ended before token i are in `last`: token
	 * number -> the latest mention naming it. */
	{
		size_t n_full = n_acc, next = 0;
		for (k = 0; k < n_full; k++) {
			const vg__sname *nm = &s->names[acc[k].m.name];
			uint32_t p;
			if (nm->schema != VG_SCHEMA_PERSON || acc[k].m.rule != VG_SCAN_RULE_FULL)
				continue;
			for (p = 0; p < nm->n_tok; p++) {
				uint32_t id = s->ntoks[nm->tok_start + p];
				const vg__stok *st = &s->tok[id];
				if (!(acc[k].mask & (1u << p)) || st->len < 4 ||
				    (st->flags & (VG_STOK_WEAK | VG_STOK_TITLE |
						  VG_STOK_COMMON | VG_STOK_PLACE | VG_STOK_HAN)))
					continue;
				if ((error = push_surname(&sur, &n_sur, &cap_sur, id,
							  (uint32_t)k)) < 0)
					goto cleanup;
			}
		}
		if (n_sur)
			qsort_r(sur, n_sur, sizeof(*sur), cmp_surname, acc);
		for (i = 0; i < tk.n; i++) {
			const vg__tok *t = &tk.v[i];
			uint32_t best = VG_SCAN_NONE;
			if (vg__deadline_passed(deadline, i, 1023)) {
				error = scan_timeout(&tk, i);
				goto cleanup;
			}
			while (next < n_sur && acc[sur[next].acc].b < i) {
				if ((error = remember(&last, s, sur[next].tok,
						      sur[next].acc, acc)) < 0)
					goto cleanup;
				next++;
			}
			if (x.h[i].ex == VG_SCAN_NONE && x.h[i].lo == VG_SCAN_NONE)
				continue;
			if (!tok_cap(t) || owner[i] != VG_SCAN_NONE)
				continue;
			if (last) {
				if (x.h[i].ex != VG_SCAN_NONE)
					best = newer(acc, best, last[x.h[i].ex]);
				if (x.h[i].lo != VG_SCAN_NONE) {
					const vg__lkey *lk = &s->lk[x.h[i].lo];
					uint32_t q;
					for (q = 0; q < lk->count; q++)
						best = newer(acc, best, last[s->lo_toks[lk->start + q]]);
				}
			}
			/* A text about many people: a surname refers back only
			 * within a few paragraphs. */
			if (best != VG_SCAN_NONE && i - acc[best].b > SURNAME_REACH)
				best = VG_SCAN_NONE;
			if (best != VG_SCAN_NONE) {
				double sc = acc[best].m.score * 0.85;
				if (sc < 0.7)
					sc = 0.7;
				if (capitalised_neighbour(&x, i, false) || sc < threshold)
					continue;
				acc[n_acc] = acc[best];
				acc[n_acc].a = acc[n_acc].b = i;
				acc[n_acc].mask = 0;
				acc[n_acc].m.start = t->start;
				acc[n_acc].m.end = t->end;
				acc[n_acc].m.score = sc;
				acc[n_acc].m.rule = VG_SCAN_RULE_SURNAME;
				acc[n_acc].m.ref_start = acc[best].m.start;
				owner[i] = (uint32_t)n_acc;
				n_acc++;
				continue;
			}
			/* A rare surname of a listed person, alone: as written,
			 * or inflected when the text is Cyrillic ("Зеленського"). */
			if (0.7 >= threshold && !(t->flags & VG_TOKF_HAN) &&
			    (t->flags & VG_TOKF_CAP) && !capitalised_neighbour(&x, i, true)) {
				uint32_t ids[8], n_ids = 0, q;
				bool found = false;
				if (x.h[i].ex != VG_SCAN_NONE)
					ids[n_ids++] = x.h[i].ex;
				else if (t->flags & VG_TOKF_CYRILLIC)
					n_ids = hit_ids(&x, i, ids, 8);
				for (q = 0; q < n_ids && !found; q++) {
					if ((error = lone_surname(&x, acc, &n_acc, owner, &last,
								  i, ids[q], &found)) < 0)
						goto cleanup;
				}
			}
		}
	}

	if (n_acc) {
		if (!(res = vg__malloc(n_acc * sizeof(*res)))) {
			error = vg__error_oom();
			goto cleanup;
		}
		for (k = 0; k < n_acc; k++)
			res[k] = acc[k].m;
		qsort(res, n_acc, sizeof(*res), cmp_mention);
	}
	*out = res;
	*n_out = n_acc;

cleanup:
	free(owner);
	free(last);
	free(sur);
	free(acc);
	free(x.c);
	free(x.h);
	free(x.wf);
	free(x.near);
	free(x.until);
	free(tk.v);
	vg__tokenizer_dispose(&tz);
	return error;
}
