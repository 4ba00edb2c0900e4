/*
 * alias.c - step 5a of a scan (see scan.c): the names a text itself gives a
 * party it has named, and the short forms it goes on to use.
 *
 * How it works.  After the mentions are picked (step 4), every mention of
 * a party is looked at for
 *   - a bracket right after it holding a short name: "Lashkar-e-Tayyiba
 *     (LET)", "Haqqani-Netzwerks (Haqqani Network –HQN)", "État islamique en
 *     Afrique de l'Ouest (EIAO)";
 *   - "also known as" (in the languages of data/scan_aka.txt) and the
 *     capitalised names that follow: "Sirajuddin Haqqani, auch bekannt als
 *     Siraj Haqqani und Khalifa";
 *   - an organisation's distinctive word, which texts go on to use alone:
 *     "Basij" after "Basij Resistance Force".
 * Each such form is then a mention of that party wherever the text uses it
 * again (and where it is defined), as it is written there: an acronym in
 * capitals, a word capitalised.
 *
 * Invariant: an alias never covers a token a mention covers, and is bound
 * to one party (the first that defines it).
 */
#include "scan/run.h"
#include "common/alloc.h"
#include "common/error.h"
#include "index/hash.h"

#include <stdlib.h>
#include <string.h>

/* Longest short name taken from brackets or after "also known as". */
#define ALIAS_MAX_TOKENS 3

/* A form bound to a kept mention: tokens a..b of the text. */
typedef struct {
	uint32_t a, b;
	uint32_t acc;   /* the mention it was bound to */
} alias;

typedef struct {
	alias *v;
	size_t n, cap;
} aliases;

static int push(aliases *al, uint32_t a, uint32_t b, uint32_t acc)
{
	if (vg__grow(&al->v, &al->cap, al->n + 1, sizeof(*al->v)))
		return VG_ENOMEM;
	al->v[al->n].a = a;
	al->v[al->n].b = b;
	al->v[al->n].acc = acc;
	al->n++;
	return 0;
}

static bool same_token(const vg__run *x, uint32_t i, uint32_t j)
{
	const vg__tok *a = &x->tk->v[i], *b = &x->tk->v[j];
	return a->norm_len == b->norm_len &&
	       !memcmp(x->pool + a->norm, x->pool + b->norm, a->norm_len);
}

/* Is token j usable as (part of) a short name: a capitalised word (no
 * number, no year), uncovered, and no ordinary word, place, organisation
 * word or ordinary acronym? */
static bool name_word(const vg__run *x, uint32_t j)
{
	const vg__tok *t = &x->tk->v[j];
	const char *w = x->pool + t->norm;
	return (t->flags & VG_TOKF_CAP) && x->owner[j] == VG_SCAN_NONE &&
	       !(vg__word_class(x, j) & (VG_WC_TITLE | VG_WC_COMMON)) &&
	       !vg__scan_acronym_word(w, t->norm_len) &&
	       !vg__scan_place_word(w, t->norm_len) &&
	       !vg__scan_org_word(w, t->norm_len) &&
	       !vg__scan_generic_word(w, t->norm_len);
}

/* Is token j, in capitals, the initials of kept mention k's words, in
 * order, its particles passed over or not ("Lashkar-e-Tayyiba (LET)",
 * "Islamic State (IS)", "Islamic State of Iraq and the Levant (ISIL)")?
 * Such a short name may be an ordinary word ("let", "is") or acronym. */
static bool initials_of(const vg__run *x, uint32_t j, uint32_t k)
{
	const vg__tok *t = &x->tk->v[j];
	const char *acr = x->pool + t->norm;
	size_t got = 0;
	uint32_t i;

	if (!(t->flags & VG_TOKF_ALLCAPS) || t->norm_len < 2 || t->norm_len > 8 ||
	    x->owner[j] != VG_SCAN_NONE)
		return false;
	for (i = x->acc[k].a; i <= x->acc[k].b; i++) {
		const vg__tok *u = &x->tk->v[i];
		if (got < t->norm_len && x->pool[u->norm] == acr[got])
			got++;
		else if (!vg__scan_weak_word(x->pool + u->norm, u->norm_len))
			return false;
	}
	return got == t->norm_len;
}

/* Is token j, in capitals, the initials of the words of the listed name
 * kept mention k matched, its particles passed over or not ("IS" of
 * ISLAMIC STATE for "Estado Islámico": "EI por sus siglas en castellano,
 * también IS por las inglesas")? */
static bool initials_of_listed(const vg__run *x, uint32_t j, uint32_t k)
{
	const vg__scanner *s = x->s;
	const vg__sname *nm = &s->names[x->acc[k].m.name];
	const vg__tok *t = &x->tk->v[j];
	const char *acr = x->pool + t->norm;
	size_t got = 0;
	uint32_t p;

	for (p = 0; p < nm->n_tok; p++) {
		const vg__stok *st = &s->tok[s->ntoks[nm->tok_start + p]];
		if (got < t->norm_len && s->tz.pool.ptr[st->norm] == acr[got])
			got++;
		else if (!(st->flags & VG_STOK_WEAK))
			return false;
	}
	return got == t->norm_len;
}

/* Longest acronym read as a text's own initials. */
#define INITIALS_MAX 8

/* The initials of kept mention k's words as the text writes them (text)
 * or of the listed name it matched, with its particles (weak) or
 * without, into out; their length, 0 when too long or none. */
static size_t initials(const vg__run *x, uint32_t k, bool text, bool weak, char *out)
{
	const vg__scanner *s = x->s;
	const vg__sname *nm = &s->names[x->acc[k].m.name];
	uint32_t i, n = text ? x->acc[k].b - x->acc[k].a + 1 : nm->n_tok;
	size_t len = 0;

	for (i = 0; i < n; i++) {
		const char *w;
		bool is_weak;
		if (text) {
			const vg__tok *u = &x->tk->v[x->acc[k].a + i];
			w = x->pool + u->norm;
			is_weak = vg__scan_weak_word(w, u->norm_len);
		} else {
			const vg__stok *st = &s->tok[s->ntoks[nm->tok_start + i]];
			w = s->tz.pool.ptr + st->norm;
			is_weak = (st->flags & VG_STOK_WEAK) != 0;
		}
		if (is_weak && !weak)
			continue;
		if (len == INITIALS_MAX)
			return 0;
		out[len++] = w[0];
	}
	return len;
}

/* Kept mentions by the hash of their initials (initials()): the first
 * mention of an organisation, of two words or more, with each. */
typedef struct {
	uint64_t *hash;
	uint32_t *acc;  /* mention + 1, 0 for an empty slot */
	uint32_t mask;
} initials_table;

static int initials_index(const vg__run *x, uint32_t n_kept, initials_table *t)
{
	uint32_t k, cap = 16;
	int v;

	while (cap < 8 * (size_t)n_kept)
		cap *= 2;
	t->mask = cap - 1;
	t->hash = vg__calloc(cap, sizeof(*t->hash));
	t->acc = vg__calloc(cap, sizeof(*t->acc));
	if (!t->hash || !t->acc)
		return vg__error_oom();
	for (k = 0; k < n_kept; k++) {
		if (x->s->names[x->acc[k].m.name].schema == VG_SCHEMA_PERSON ||
		    x->acc[k].b == x->acc[k].a)
			continue;
		for (v = 0; v < 4; v++) {
			char ini[INITIALS_MAX];
			size_t n = initials(x, k, v & 1, v & 2, ini);
			uint64_t h;
			uint32_t p;
			if (n < 2)
				continue;
			h = vg__hash64(ini, n, 0);
			for (p = (uint32_t)h & t->mask; t->acc[p] && t->hash[p] != h; p = (p + 1) & t->mask)
				;
			if (!t->acc[p]) {
				t->hash[p] = h;
				t->acc[p] = k + 1;
			}
		}
	}
	return 0;
}

/* A word in capitals that is the initials of the words of a mention the
 * text makes ("IS" after or before "Islamische Staat", "EI" beside
 * "Estado Islámico"), or of the listed name that mention matched ("IS"
 * of ISLAMIC STATE: "EI por sus siglas en castellano, también IS por las
 * inglesas"), names that party wherever the text uses it: the text's own
 * acronym (coreference), bound to the first such mention.  And one right
 * before a bracket holding a mention names that mention's party
 * ("l'EIIL (Daech)").  Organisations only, of two words or more for
 * initials.  Each form is looked up once in a table of the mentions'
 * initials (a name-dense text has thousands of both). */
static int initials_alias(vg__run *x, aliases *al, uint32_t n_kept)
{
	const vg__toks *tk = x->tk;
	initials_table t = { NULL, NULL, 0 };
	uint32_t j, k, p;
	int error = 0;

	for (j = 0; j < tk->n && !error; j++) {
		const vg__tok *u = &tk->v[j];
		uint64_t h;
		if (!(u->flags & VG_TOKF_ALLCAPS) || u->norm_len < 2 || u->norm_len > INITIALS_MAX ||
		    x->owner[j] != VG_SCAN_NONE || vg__scan_acronym_word(x->pool + u->norm, u->norm_len))
			continue;
		/* "EIIL (Daech)" */
		if (j + 1 < tk->n && (k = x->owner[j + 1]) != VG_SCAN_NONE && k < n_kept &&
		    x->acc[k].a == j + 1 && (tk->v[j + 1].punct & VG_PUNCT_OPEN) &&
		    x->s->names[x->acc[k].m.name].schema != VG_SCHEMA_PERSON &&
		    (x->acc[k].b + 1 >= tk->n || (tk->v[x->acc[k].b + 1].punct & VG_PUNCT_CLOSE))) {
			error = push(al, j, j, k);
			continue;
		}
		if (!t.hash && (error = initials_index(x, n_kept, &t)) < 0)
			break;
		h = vg__hash64(x->pool + u->norm, u->norm_len, 0);
		for (p = (uint32_t)h & t.mask; t.acc[p]; p = (p + 1) & t.mask)
			if (t.hash[p] == h) {
				k = t.acc[p] - 1;
				if (initials_of(x, j, k) || initials_of_listed(x, j, k))
					error = push(al, j, j, k);
				break;
			}
	}
	free(t.hash);
	free(t.acc);
	return error;
}

/* The bracket right after kept mention k: its short name, the uncovered
 * capitalised run at its start or after a dash inside it, or the
 * mention's initials alone.  A run after a word for a kind of body names
 * that body ("Los Zetas (la facción Cartel del Noreste)"), no short name. */
static int bracket_alias(vg__run *x, aliases *al, uint32_t k)
{
	const vg__toks *tk = x->tk;
	uint32_t j = x->acc[k].b + 1, a = VG_SCAN_NONE, b = 0;

	if (j >= tk->n || !(tk->v[j].punct & VG_PUNCT_OPEN))
		return 0;
	if (j + 1 < tk->n && (tk->v[j + 1].punct & VG_PUNCT_CLOSE) && initials_of(x, j, k))
		return push(al, j, j, k);
	for (; j < tk->n && j <= x->acc[k].b + 8; j++) {
		if (j > x->acc[k].b + 1 && (tk->v[j].punct & (VG_PUNCT_CLOSE | VG_PUNCT_OPEN)))
			break;
		if (a != VG_SCAN_NONE && (tk->v[j].punct & VG_PUNCT_DASH))
			a = VG_SCAN_NONE; /* "Haqqani Network –HQN": after the dash */
		if (a == VG_SCAN_NONE &&
		    vg__scan_org_word(x->pool + tk->v[j].norm, tk->v[j].norm_len))
			return 0;
		if (name_word(x, j) && (a == VG_SCAN_NONE || tk->v[j].brk == VG_BRK_SPACE)) {
			if (a == VG_SCAN_NONE)
				a = j;
			b = j;
		} else if (a != VG_SCAN_NONE) {
			break;
		}
	}
	if (a == VG_SCAN_NONE || b - a + 1 > ALIAS_MAX_TOKENS ||
	    (j < tk->n && !(tk->v[j].punct & VG_PUNCT_CLOSE) && b + 1 == j))
		return 0;
	return push(al, a, b, k);
}

/* "also known as" (data/scan_aka.txt) right after kept mention k, and the
 * names after it, separated by commas or "and". */
static int aka_alias(vg__run *x, aliases *al, uint32_t k)
{
	const vg__toks *tk = x->tk;
	uint32_t j = x->acc[k].b + 1, n, a;
	int error;

	if (j >= tk->n || tk->v[j].brk > VG_BRK_SOFT ||
	    !(n = vg__scan_aka(x->tk, x->pool, j)))
		return 0;
	for (j += n; j < tk->n && tk->v[j].brk <= VG_BRK_SOFT;) {
		/* a name found as a mention of the same party is passed over
		 * ("auch bekannt als Siraj Haqqani und Khalifa") */
		if (x->owner[j] != VG_SCAN_NONE &&
		    x->acc[x->owner[j]].m.entity == x->acc[k].m.entity) {
			j = x->acc[x->owner[j]].b + 1;
		} else {
			for (a = j; j < tk->n && j - a < ALIAS_MAX_TOKENS && name_word(x, j) &&
			     (j == a || tk->v[j].brk == VG_BRK_SPACE); j++)
				;
			/* a run of name words longer than a short name is
			 * someone's full name, the next item of a list of
			 * people ("Juan de Dios Úsuga David, alias
			 * GiovanyKIA, Dario Antonio Úsuga David, alias
			 * Otoniel"), as a bracket's is (bracket_alias) */
			if (j == a || (j < tk->n && tk->v[j].brk == VG_BRK_SPACE && name_word(x, j)))
				break;
			if ((error = push(al, a, j - 1, k)) < 0)
				return error;
		}
		/* "und", "and", "et", "y", "и" between two names */
		if (j < tk->n && tk->v[j].brk == VG_BRK_SPACE &&
		    (vg__word_class(x, j) & VG_WC_COMMON) && !vg__tok_cap(&tk->v[j]))
			j++;
	}
	return 0;
}

/* Is token i written beside a word for a region or state ("the native
 * Sinaloa region", "the Mexican states of Sinaloa, Durango", "estado de
 * Sinaloa")? */
static bool beside_region(const vg__run *x, uint32_t i)
{
	const vg__toks *tk = x->tk;
	uint32_t k;

	if (i + 1 < tk->n && tk->v[i + 1].brk == VG_BRK_SPACE && !tk->v[i + 1].punct &&
	    vg__scan_region_word(x->pool + tk->v[i + 1].norm, tk->v[i + 1].norm_len))
		return true;
	/* before it, past a particle ("states of", "estado de") */
	for (k = i; k > 0 && k + 3 > i; k--) {
		const vg__tok *p = &tk->v[k - 1];
		if (tk->v[k].brk != VG_BRK_SPACE || tk->v[k].punct)
			break;
		if (vg__scan_region_word(x->pool + p->norm, p->norm_len))
			return true;
		if ((p->flags & VG_TOKF_CAP) || !vg__scan_weak_word(x->pool + p->norm, p->norm_len))
			break;
	}
	return false;
}

/* Lists in x->regional the tokens beside_region holds for, once per text:
 * only a token right before a region word or at most three after one can
 * be (one pass over the text, not one per short form). */
static int list_regional(vg__run *x)
{
	const vg__toks *tk = x->tk;
	uint32_t r, i, cap = 0;

	x->regional_made = 1;
	for (r = 0; r < tk->n; r++) {
		if (!vg__scan_region_word(x->pool + tk->v[r].norm, tk->v[r].norm_len))
			continue;
		for (i = r > 0 ? r - 1 : r + 1; i <= r + 3 && i < tk->n; i += i + 1 == r ? 2 : 1) {
			if (!beside_region(x, i))
				continue;
			if (vg__grow32(&x->regional, &cap, x->n_regional + 1, sizeof(*x->regional)))
				return VG_ENOMEM;
			x->regional[x->n_regional++] = i;
		}
	}
	return 0;
}

/* Does the text write the word of token j beside a word for a region or
 * state, anywhere: a place there?  1 yes, 0 no, or an error. */
static int region_in_text(vg__run *x, uint32_t j)
{
	uint32_t q;
	int error;

	if (!x->regional_made && (error = list_regional(x)) < 0)
		return error;
	for (q = 0; q < x->n_regional; q++)
		if (same_token(x, x->regional[q], j))
			return 1;
	return 0;
}

/* An organisation's distinctive word alone refers back to it: the heaviest
 * strong word of the listed name the mention matched, when that word alone
 * names no other party and is no word for a kind of body (GULF CARTEL:
 * "un Cartel mexicano", "el Cartel del Noreste" name other cartels). */
static int short_form(vg__run *x, aliases *al, uint32_t k)
{
	const vg__scanner *s = x->s;
	const vg__acc *m = &x->acc[k];
	const vg__sname *nm = &s->names[m->m.name];
	const vg__stok *st = &s->tok[s->ntoks[nm->tok_start + nm->max_pos]];
	uint32_t j;
	int error;

	if (nm->schema == VG_SCHEMA_PERSON || nm->strong < 2 || st->len < 4 ||
	    st->solo > 1 || !(m->mask & (1u << nm->max_pos)) ||
	    vg__scan_org_word(s->tz.pool.ptr + st->norm, st->len) ||
	    (st->flags & (VG_STOK_COMMON | VG_STOK_PLACE | VG_STOK_GIVEN | VG_STOK_GENERIC |
			  VG_STOK_ACRONYM | VG_STOK_HAN)))
		return 0;
	/* (nor a word the text says is a region's: "Cártel de Sinaloa" is
	 * not named by "the Sinaloa region") */
	for (j = m->a; j <= m->b; j++)
		if (x->h[j].ex == s->ntoks[nm->tok_start + nm->max_pos] && vg__tok_cap(&x->tk->v[j]))
			return (error = region_in_text(x, j)) != 0 ? (error < 0 ? error : 0)
								   : push(al, j, j, k);
	return 0;
}

/* Does the form of alias l occur at text tokens i.. (written as it is
 * where the alias is defined: capitals where it has them)? */
static bool occurs(const vg__run *x, const alias *l, uint32_t i)
{
	const vg__toks *tk = x->tk;
	uint32_t n = l->b - l->a + 1, k;

	if (i + n > tk->n)
		return false;
	for (k = 0; k < n; k++) {
		const vg__tok *t = &tk->v[i + k], *d = &tk->v[l->a + k];
		if (!same_token(x, i + k, l->a + k) || !vg__tok_cap(t) ||
		    ((d->flags & VG_TOKF_ALLCAPS) && !(t->flags & VG_TOKF_ALLCAPS)) ||
		    (k && t->brk != VG_BRK_SPACE) || x->owner[i + k] != VG_SCAN_NONE)
			return false;
	}
	/* An ordinary word in capitals ("LET", "IS") is the short name only
	 * where the text around it is not in capitals too ("THIS IS IT"). */
	if ((tk->v[l->a].flags & VG_TOKF_ALLCAPS) && (vg__word_class(x, l->a) & VG_WC_COMMON) &&
	    ((i > 0 && (tk->v[i - 1].flags & VG_TOKF_ALLCAPS)) ||
	     (i + n < tk->n && (tk->v[i + n].flags & VG_TOKF_ALLCAPS))))
		return false;
	/* A whole word: not the end of a longer capitalised name ("Haq
	 * Nawaz Jhangvi", the man LASHKAR-E-JHANGVI is named after), a
	 * capitalised word before it that no sentence start explains, no
	 * place, no word the text also writes in lower case (an adjective:
	 * "Deutsch-Iranischen Handelsbank" beside "iranischen Kaufleuten")
	 * and no other mention holds ("IRGC Basij" names two); */
	if (i > 1 && tk->v[i].brk == VG_BRK_SPACE && !tk->v[i].punct &&
	    (tk->v[i - 1].flags & VG_TOKF_CAP) && !(tk->v[i - 1].flags & VG_TOKF_POSSESSIVE) && tk->v[i - 1].brk != VG_BRK_HARD && tk->v[i - 1].norm_len >= 2 &&
	    x->owner[i - 1] == VG_SCAN_NONE && !vg__place_at(x, i - 1) &&
	    !(vg__word_class(x, i - 1) & (VG_WC_TITLE | VG_WC_COMMON)) &&
	    !vg__lower_elsewhere(x, i - 1))
		return false;
	/* nor a family's name: a word for a family, a clan or a tribe
	 * beside it ("la familia Haqqani", "the Haqqani family") names the
	 * kin that the body is named after, as it names no one person of
	 * them (refer.c names_group); */
	if (n == 1 && vg__kin_group_beside(x, i))
		return false;
	/* nor the start of one, but for an organisation word hyphenated to
	 * it ("IS-Terrormiliz"). */
	return i + n >= tk->n || tk->v[i + n].brk != VG_BRK_SPACE ||
	       !vg__tok_cap(&tk->v[i + n]) || n > 1 ||
	       (x->text[tk->v[i].end] == '-' &&
		vg__scan_org_word(x->pool + tk->v[i + n].norm, tk->v[i + n].norm_len));
}

/* Does the organisation's short form at tokens i..i+n-1 name it as the
 * owner of a province ("die Westafrika-Provinz des IS", after "Islamischer
 * Staat (IS)"), and so name the province instead? */
static bool in_province_name(const vg__run *x, const alias *l, uint32_t i, uint32_t n)
{
	return vg__owns_province(x, &x->s->names[x->acc[l->acc].m.name], i, i + n - 1);
}

/* Adds a mention of tokens i..i+n-1 referring to kept mention k. */
static void refer(vg__run *x, uint32_t i, uint32_t n, uint32_t k)
{
	vg__acc *a = &x->acc[x->n_acc];
	uint32_t t;

	*a = x->acc[k];
	a->a = i;
	a->b = i + n - 1;
	a->mask = 0;
	a->m.start = x->tk->v[i].start;
	a->m.end = x->tk->v[i + n - 1].end;
	a->m.score = x->acc[k].m.score * 0.9 < 0.7 ? 0.7 : x->acc[k].m.score * 0.9;
	a->m.rule = VG_SCAN_RULE_ALIAS;
	a->m.ref_start = x->acc[k].m.start;
	for (t = i; t < i + n; t++)
		x->owner[t] = (uint32_t)x->n_acc;
	x->n_acc++;
}

/* A one-word short form counts only after the mention it comes from. */
static bool only_after(const vg__run *x, const alias *l)
{
	return l->a >= x->acc[l->acc].a && l->a <= x->acc[l->acc].b;
}

static uint64_t form_hash(const vg__run *x, const alias *l)
{
	uint64_t h = l->b - l->a + 1;
	uint32_t j;
	for (j = l->a; j <= l->b; j++)
		h = vg__hash64(x->pool + x->tk->v[j].norm, x->tk->v[j].norm_len, h);
	return h;
}

/* Alias e, looked for earlier, has the form and party of alias l and
 * claims every place l could: l adds nothing. */
static bool covers(const vg__run *x, const alias *e, const alias *l)
{
	uint32_t k, n = l->b - l->a + 1;
	if (e->b - e->a + 1 != n ||
	    x->acc[e->acc].m.entity != x->acc[l->acc].m.entity)
		return false;
	for (k = 0; k < n; k++)
		if (!same_token(x, e->a + k, l->a + k))
			return false;
	return !only_after(x, e) || (only_after(x, l) && x->acc[e->acc].b <= x->acc[l->acc].b);
}

/* Drops the aliases an earlier one covers (a text that repeats a passage
 * defines its short names again each time: looking for each of them in
 * the whole text was quadratic); what is left is found as before. */
static int dedupe(const vg__run *x, aliases *al)
{
	uint32_t *slots, mask, cap = 16, p, e;
	uint64_t *hs;
	size_t l, kept = 0;

	while (cap < 2 * al->n)
		cap *= 2;
	mask = cap - 1;
	slots = vg__calloc(cap, sizeof(*slots));
	hs = vg__malloc((al->n ? al->n : 1) * sizeof(*hs));
	if (!slots || !hs) {
		free(slots);
		free(hs);
		return vg__error_oom();
	}
	for (l = 0; l < al->n; l++) {
		bool dup = false;
		hs[kept] = form_hash(x, &al->v[l]);
		for (p = (uint32_t)hs[kept] & mask; (e = slots[p]) != 0; p = (p + 1) & mask)
			if (hs[e - 1] == hs[kept] && covers(x, &al->v[e - 1], &al->v[l]))
				dup = true;
		if (dup)
			continue;
		al->v[kept] = al->v[l];
		slots[p] = (uint32_t)++kept;
	}
	al->n = kept;
	free(slots);
	free(hs);
	return 0;
}

/* The text's tokens chained by form (same_token): (*first)[i] is the
 * first token written as token i is, (*next)[i] the next one after i or
 * VG_SCAN_NONE; both malloc'ed.  An alias's occurrences are looked for
 * along its first word's chain: a walk of the whole text for each alias
 * was quadratic in the length of a text that names many parties. */
static int chain_forms(const vg__run *x, uint32_t **first, uint32_t **next)
{
	uint32_t n = x->tk->n, i, p, e, *slots, *last, mask, cap = 16;
	while (cap < 2 * (uint64_t)n)
		cap *= 2;
	mask = cap - 1;
	*first = vg__malloc((n ? n : 1) * sizeof(**first));
	*next = vg__malloc((n ? n : 1) * sizeof(**next));
	last = vg__malloc((n ? n : 1) * sizeof(*last));
	slots = vg__calloc(cap, sizeof(*slots));
	if (!*first || !*next || !last || !slots) {
		free(last);
		free(slots);
		return vg__error_oom();
	}
	for (i = 0; i < n; i++) {
		const vg__tok *t = &x->tk->v[i];
		(*next)[i] = VG_SCAN_NONE;
		for (p = vg__word_hash(x->pool + t->norm, t->norm_len) & mask;
		     (e = slots[p]) != 0 && !same_token(x, e - 1, i); p = (p + 1) & mask)
			;
		if (e) {
			(*first)[i] = e - 1;
			(*next)[last[e - 1]] = i;
			last[e - 1] = i;
		} else {
			slots[p] = i + 1;
			(*first)[i] = last[i] = i;
		}
	}
	free(last);
	free(slots);
	return 0;
}

int vg__text_aliases(vg__run *x)
{
	aliases al = { NULL, 0, 0 };
	size_t n_kept = x->n_acc, k, l;
	uint32_t i, *first = NULL, *next = NULL;
	int error = 0;

	for (k = 0; k < n_kept && !error; k++)
		if (!(error = bracket_alias(x, &al, (uint32_t)k)) &&
		    !(error = aka_alias(x, &al, (uint32_t)k)))
			error = short_form(x, &al, (uint32_t)k);
	if (!error)
		error = initials_alias(x, &al, (uint32_t)n_kept);
	if (error || x->threshold > 0.7 || (error = dedupe(x, &al)) < 0 ||
	    (al.n && ((error = vg__lower_forms(x)) < 0 || (error = chain_forms(x, &first, &next)) < 0)))
		goto cleanup;
	for (l = 0; l < al.n; l++) {
		uint32_t n = al.v[l].b - al.v[l].a + 1;
		bool after = only_after(x, &al.v[l]);
		/* (occurs wants the alias's first word first: its chain, in
		 * text order) */
		for (i = first[al.v[l].a]; i != VG_SCAN_NONE && i + n <= x->tk->n; i = next[i]) {
			/* a syllable of a Hangul word is no word of its own */
			if ((after && i <= x->acc[al.v[l].acc].b) ||
			    (x->tk->v[i].flags & VG_TOKF_HANGUL))
				continue;
			if (occurs(x, &al.v[l], i) && !in_province_name(x, &al.v[l], i, n))
				refer(x, i, n, al.v[l].acc);
		}
	}
cleanup:
	free(first);
	free(next);
	free(al.v);
	return error;
}
