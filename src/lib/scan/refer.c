/*
 * refer.c - step 5 of a scan (see scan.c): references back to a mention.
 *
 * How it works.  The family-name tokens of every full mention of a person
 * are listed by where the mention ends.  Walking the text, the ones that
 * ended before the current token are in `last` (dictionary token -> the
 * latest mention naming it), so a capitalised family name alone
 * ("Putin said", "Путина") finds its person in constant time.  A rare family
 * name of a listed person with no full mention before it is a weaker
 * mention when it stands alone (no capitalised word next to it).
 *
 * Invariant: a reference never overlaps a kept mention; it copies the
 * mention it refers to, with its own span.
 */
#include "scan/run.h"
#include "common/alloc.h"
#include "common/error.h"
#include "common/deadline.h"
#include "index/hash.h"
#include "names/lexicon.h"

#include <stdlib.h>
#include <string.h>

/* The score of a family name after a title (titled_at): more than a
 * rare family name alone says (0.7), less than a name in full. */
#define TITLED_SCORE 0.8

/* How far (tokens) a surname alone refers back to its full mention. */
#define SURNAME_REACH 600

/* A remembered surname: token number and the kept mention naming it. */
typedef struct {
	uint32_t tok;
	uint32_t acc; /* index into x->acc */
} surname;

typedef struct {
	surname *v;
	size_t n, cap;
} surnames;

static int push_surname(surnames *sur, uint32_t tok, uint32_t acc)
{
	if (vg__grow(&sur->v, &sur->cap, sur->n + 1, sizeof(*sur->v)))
		return VG_ENOMEM;
	sur->v[sur->n].tok = tok;
	sur->v[sur->n].acc = acc;
	sur->n++;
	return 0;
}

static int cmp_surname(const void *pa, const void *pb, void *arg)
{
	const surname *a = pa, *b = pb;
	const vg__acc *acc = arg;
	uint32_t ea = acc[a->acc].b, eb = acc[b->acc].b;
	if (ea != eb)
		return ea < eb ? -1 : 1;
	return a->acc < b->acc ? -1 : (a->acc > b->acc);
}

/* last[tok] = mention m, unless a later-starting mention already holds it;
 * the table (one slot per dictionary token) is made on first use. */
static int remember(vg__run *x, uint32_t tok, uint32_t m)
{
	uint32_t *l = x->last;
	if (!l) {
		if (!(l = vg__malloc((size_t)x->s->n_tok * sizeof(*l))))
			return vg__error_oom();
		memset(l, 0xFF, (size_t)x->s->n_tok * sizeof(*l));
		x->last = l;
	}
	if (l[tok] == VG_SCAN_NONE || x->acc[l[tok]].a < x->acc[m].a)
		l[tok] = m;
	return 0;
}

static uint32_t newer(const vg__acc *acc, uint32_t a, uint32_t b)
{
	if (a == VG_SCAN_NONE)
		return b;
	if (b == VG_SCAN_NONE)
		return a;
	return acc[b].a > acc[a].a ? b : a;
}

/* Appends a mention of token i alone, copied from `from` when it refers to
 * one (else filled by the caller), and marks token i as covered. */
static vg__acc *add_ref(vg__run *x, uint32_t i)
{
	vg__acc *a = &x->acc[x->n_acc];
	memset(a, 0, sizeof(*a));
	a->a = a->b = i;
	a->m.start = x->tk->v[i].start;
	a->m.end = x->tk->v[i].end;
	x->owner[i] = (uint32_t)x->n_acc++;
	return a;
}

/* Did the text name someone else with the family name at token i shortly
 * before: the same word, not in a mention, with other capitalised name
 * words beside it ("Abdurajak Abubakar Janjalani ... Janjalani" is not the
 * listed Khadafi Janjalani)? */
static bool named_other(const vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i];
	uint32_t j = i > SURNAME_REACH ? i - SURNAME_REACH : 0;
	for (; j < i; j++) {
		const vg__tok *o = &x->tk->v[j];
		if (o->norm_len == t->norm_len && x->owner[j] == VG_SCAN_NONE &&
		    !memcmp(x->pool + o->norm, x->pool + t->norm, t->norm_len) &&
		    vg__capitalised_neighbour(x, j, true))
			return true;
	}
	return false;
}

/* The dictionary tokens the text's capitalised words hit (sorted, each
 * once), made on first use: which words of a listed name the text holds
 * anywhere. */
static int present_words(vg__run *x)
{
	size_t cap = 0, n = 0, k, m;
	uint32_t i, ids[8], q, nq;

	if (x->present_made)
		return 0;
	x->present_made = 1;
	for (i = 0; i < x->tk->n; i++) {
		if (!(x->tk->v[i].flags & VG_TOKF_CAP) || !vg__is_hit(x, i))
			continue;
		nq = vg__hit_ids(x, i, ids, 8);
		if (vg__grow(&x->present, &cap, n + nq, sizeof(*x->present)))
			return vg__error_oom();
		for (q = 0; q < nq; q++)
			x->present[n++] = ids[q];
	}
	if (n)
		qsort(x->present, n, sizeof(*x->present), vg__scan_cmp_u32);
	for (k = m = 0; k < n; k++)
		if (!m || x->present[m - 1] != x->present[k])
			x->present[m++] = x->present[k];
	x->n_present = m;
	return 0;
}

/* Is the normalised word a name part common in some name culture
 * ("Smirnov", "Andrews", "Erdogan"; data/name_freq.txt)? */
static bool common_name_part(const char *norm, size_t len)
{
	const vg__lex_word *w = vg__lex_word_find(norm, len);
	return w && w->freq != 0;
}

/* Does the text hold, capitalised anywhere, a word of name nm other than
 * its family name that tells its bearer apart: no particle, title,
 * ordinary word, place, or given name many listed people have or many
 * people of some culture ("Hillary" for CLINTON, Hillary Rodham; not
 * "Muhammad")? */
static bool partner_present(const vg__run *x, const vg__sname *nm)
{
	uint32_t p;
	for (p = 0; p < nm->n_tok; p++) {
		uint32_t tok = x->s->ntoks[nm->tok_start + p];
		const vg__stok *st = &x->s->tok[tok];
		if (p == nm->family_pos ||
		    (st->flags & (VG_STOK_WEAK | VG_STOK_TITLE | VG_STOK_COMMON | VG_STOK_PLACE |
				  VG_STOK_GIVEN_COMMON | VG_STOK_PATRONYMIC)) ||
		    common_name_part(x->s->tz.pool.ptr + st->norm, st->len))
			continue;
		if (x->n_present && bsearch(&tok, x->present, x->n_present, sizeof(tok),
					    vg__scan_cmp_u32))
			return true;
	}
	return false;
}

/* Is text token i right after a title of the same phrase ("presidente
 * Biden")? */
static bool titled(const vg__run *x, uint32_t i)
{
	return i > 0 && x->tk->v[i].brk == VG_BRK_SPACE && !x->tk->v[i].punct &&
	       (vg__word_class(x, i - 1) & VG_WC_TITLE);
}

/* Is Chinese name token i written onto a particle of Arabic names before
 * it ("本拉登", bin Ladin), or after one and a dot?  Two name tokens meet with nothing between
 * them only so (tokens.c emit_han_run, data/scan_chinese.txt particle:);
 * the particle says the word after it is an Arabic name, as a title says
 * a name ("阿布巴卡", Abu Bakar, is no BUKA, Flora). */
static bool zh_after_particle(const vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i], *p;
	if (i == 0 || !(t->flags & VG_TOKF_ZH_NAME))
		return false;
	p = &x->tk->v[i - 1];
	/* or parted from it by the name's dot ("本·拉登", "賓·拉登") */
	return (p->flags & VG_TOKF_ZH_NAME) &&
	       (p->end == t->start ||
		(vg__zh_dot_between(x->text, p, t) && vg__zh_particle(x->text, p)));
}

/* Token id at text token i as the rare family name of a listed person
 * with at least two strong words: a weak mention of that person.  A name
 * part common in some culture ("Andrews", "Erdogan", another bearer's) or
 * a case form read by its loose key (an adjective: "Чёрного" is not
 * CHERNYKH) says so only where the text holds another distinctive word of
 * that person's name (partner_present). */
static int lone_surname(vg__run *x, uint32_t i, uint32_t id, bool *found)
{
	const vg__scanner *s = x->s;
	const vg__stok *st = &s->tok[id];
	/* Chinese writes a foreign name's syllables for its sound: those of
	 * a listed family name are its own form there, the usual short one
	 * ("扎瓦希里" for AL-ZAWAHIRI, Ayman), even where a name of the list
	 * puts it where a given name stands ("Al Zawahiri Ayman", family
	 * name first without a comma, marks it VG_STOK_GIVEN) */
	bool zh = (x->tk->v[i].flags & VG_TOKF_ZH_NAME) != 0;
	bool own_form = (x->h[i].ex == id || zh) &&
			!common_name_part(s->tz.pool.ptr + st->norm, st->len);
	uint32_t pi;
	int error;

	/* a place's adjective ("Tanzani", AL TANZANI) is no rare name; a
	 * shorter one is, written as listed after a title ("presidente
	 * Biden", "Präsident Obama") */
	if (st->len < (own_form && (titled(x, i) || ((st->flags & VG_STOK_ARABIC) &&
						     zh_after_particle(x, i))) ? 4 : 7) ||
	    st->df > 2 ||
	    (st->flags & (VG_STOK_WEAK | VG_STOK_TITLE | VG_STOK_COMMON | VG_STOK_PLACE |
			  (zh ? 0 : VG_STOK_GIVEN) | VG_STOK_GIVEN_COMMON)) ||
	    vg__scanner_place_form(s, st->lo1) || named_other(x, i))
		return 0;
	for (pi = s->post_start[id]; pi < s->post_start[id + 1]; pi++) {
		const vg__sname *nm = &s->names[s->post[pi]];
		vg__acc *a;
		if (nm->schema != VG_SCHEMA_PERSON || nm->strong < 2 ||
		    nm->family_pos == VG_SCAN_NO_POS ||
		    s->ntoks[nm->tok_start + nm->family_pos] != id)
			continue;
		if (!own_form) {
			if ((error = present_words(x)) < 0)
				return error;
			if (!partner_present(x, nm))
				continue;
		}
		a = add_ref(x, i);
		a->m.entity = nm->entity;
		a->m.name = s->post[pi];
		a->m.score = 0.7;
		a->m.rule = VG_SCAN_RULE_LONE_SURNAME;
		*found = true;
		/* Later inflected forms ("Зеленського") refer back to it like
		 * to a full mention. */
		return remember(x, id, (uint32_t)(x->n_acc - 1));
	}
	return 0;
}

/* The family-name tokens of every full mention of a person. */
static int collect(vg__run *x, surnames *sur)
{
	const vg__scanner *s = x->s;
	size_t k;
	int error;

	for (k = 0; k < x->n_acc; k++) {
		const vg__acc *a = &x->acc[k];
		const vg__sname *nm = &s->names[a->m.name];
		uint32_t p;
		if (nm->schema != VG_SCHEMA_PERSON || a->m.rule != VG_SCAN_RULE_FULL)
			continue;
		for (p = 0; p < nm->n_tok; p++) {
			uint32_t id = s->ntoks[nm->tok_start + p];
			const vg__stok *st = &s->tok[id];
			/* a given name many listed people have says no more
			 * alone than after a full name ("Mohammed" after
			 * "Khalid Shaikh Mohammed" is as often another one) */
			if (!(a->mask & (1u << p)) || st->len < 4 ||
			    (st->flags & (VG_STOK_WEAK | VG_STOK_TITLE | VG_STOK_COMMON |
					  VG_STOK_PLACE | VG_STOK_HAN | VG_STOK_GIVEN_COMMON)))
				continue;
			if ((error = push_surname(sur, id, (uint32_t)k)) < 0)
				return error;
		}
	}
	if (sur->n)
		qsort_r(sur->v, sur->n, sizeof(*sur->v), cmp_surname, x->acc);
	return 0;
}

/* Is dictionary token tok the family name of name nm? */
static bool family_of(const vg__scanner *s, const vg__sname *nm, uint32_t tok)
{
	return nm->family_pos != VG_SCAN_NO_POS && s->ntoks[nm->tok_start + nm->family_pos] == tok;
}

/* Does kept mention m hold a word written as text token i is, or a case
 * form of it (their precise loose keys agree)?  A family name the full
 * mention spelt otherwise than the list, and matched with vowels folded
 * ("Абдель Малик аль-Хуси", AL HOUTHI), refers back as the text wrote
 * it ("аль-Хуси заявил"). */
static bool written_in(const vg__run *x, uint32_t m, uint32_t i)
{
	uint32_t j;
	for (j = x->acc[m].a; j <= x->acc[m].b; j++)
		if (x->h[j].lo == x->h[i].lo && x->h[j].lo1 == x->h[i].lo1)
			return true;
	return false;
}

/* The latest full mention whose family name text token i is, or NONE. */
static uint32_t referent(const vg__run *x, uint32_t i)
{
	const vg__scanner *s = x->s;
	uint32_t best = VG_SCAN_NONE, q;
	int ok;

	if (!x->last)
		return VG_SCAN_NONE;
	if (x->h[i].ex != VG_SCAN_NONE)
		best = newer(x->acc, best, x->last[x->h[i].ex]);
	/* a case form or another spelling, by its precise loose key: people's
	 * names differ by a vowel (Khomeini is not Khamenei) */
	if (x->h[i].lo != VG_SCAN_NONE) {
		const vg__lkey *lk = &s->lo.lk[x->h[i].lo];
		for (q = 0; q < lk->count; q++) {
			uint32_t tok = s->lo.toks[lk->start + q], m = x->last[tok];
			if (s->tok[tok].lo1 == x->h[i].lo1 || (m != VG_SCAN_NONE && written_in(x, m, i)))
				best = newer(x->acc, best, m);
		}
	}
	/* an Arabic word that may spell it, not every word with its
	 * consonants ("من", from, is no EL AMINE), and only a family name:
	 * Arabic given names are words ("اسم", a name, spells USAMA) */
	if (x->h[i].sk != VG_SCAN_NONE) {
		const vg__lkey *lk = &s->sk.lk[x->h[i].sk];
		for (q = 0; q < lk->count; q++) {
			uint32_t tok = s->sk.toks[lk->start + q], m = x->last[tok];
			if (m != VG_SCAN_NONE && (ok = vg__skeleton_ok(x, i, tok)) != 0 && ok != 3 &&
			    family_of(s, &s->names[x->acc[m].m.name], tok))
				best = newer(x->acc, best, m);
		}
	}
	/* a foreign name in Chinese syllables that may spell it ("巴格达迪"
	 * after "阿布·贝克尔·巴格达迪") */
	if (x->h[i].zk != VG_SCAN_NONE) {
		const vg__lkey *lk = &s->zk.lk[x->h[i].zk];
		for (q = 0; q < lk->count; q++)
			if (vg__skeleton_ok(x, i, s->zk.toks[lk->start + q]))
				best = newer(x->acc, best, x->last[s->zk.toks[lk->start + q]]);
	}
	/* A text about many people: a surname refers back only within a few
	 * paragraphs. */
	if (best != VG_SCAN_NONE && i - x->acc[best].b > SURNAME_REACH)
		best = VG_SCAN_NONE;
	return best;
}

/* The dictionary tokens Cyrillic text token i is a case form of (its
 * precise loose key: "Зеленського" of zelenskyy; not "Газе" of GAZIYEV,
 * which is only alike with vowels folded), unless it is a place. */
static uint32_t case_forms(const vg__run *x, uint32_t i, uint32_t *ids, uint32_t cap)
{
	const vg__tok *t = &x->tk->v[i];
	uint32_t all[8], n_all, k, n = 0;

	if (vg__scan_place_word(x->pool + t->norm, t->norm_len) ||
	    vg__scanner_place_form(x->s, x->h[i].lo1))
		return 0;
	n_all = vg__hit_ids(x, i, all, 8);
	for (k = 0; k < n_all && n < cap; k++)
		if (x->s->tok[all[k]].lo1 == x->h[i].lo1 &&
		    !(x->s->tok[all[k]].flags & VG_STOK_PLACE))
			ids[n++] = all[k];
	return n;
}

/* The dictionary tokens Chinese name token i may spell (its consonants
 * and syllables: vg__skeleton_ok) closely enough to name a person alone:
 * within a quarter of their letters (巴拉达尔 is BARADAR, not BARDAWIL;
 * 普京, Putin, no PECHEGIN). */
static uint32_t zh_spellings(const vg__run *x, uint32_t i, uint32_t *ids, uint32_t cap)
{
	const vg__lkey *lk = &x->s->zk.lk[x->h[i].zk];
	uint32_t q, n = 0;
	for (q = 0; q < lk->count && n < cap; q++)
		if (vg__skeleton_ok(x, i, x->s->zk.toks[lk->start + q]) &&
		    vg__zh_within(x, &x->tk->v[i], &x->s->tok[x->s->zk.toks[lk->start + q]], 4))
			ids[n++] = x->s->zk.toks[lk->start + q];
	return n;
}

/* Does Chinese name token i also spell a listed given name ("穆罕默德",
 * Muhammad, and not only MUHAMMADI; "古拉姆", Ghulam, not only GHOLAMI)?
 * Chinese writes given names in the same syllables: such a word alone
 * names nobody. */
static bool zh_given(const vg__run *x, uint32_t i)
{
	const vg__lkey *lk = &x->s->zk.lk[x->h[i].zk];
	uint32_t q;
	for (q = 0; q < lk->count; q++) {
		uint32_t tok = x->s->zk.toks[lk->start + q];
		if ((x->s->tok[tok].flags & VG_STOK_GIVEN_COMMON) && vg__skeleton_ok(x, i, tok))
			return true;
	}
	return false;
}

/* Several people of one family name named in full before token i
 * ("Boris Rotenberg", "Arkady Rotenberg"): the name alone refers to the
 * one named most often (the text's subject; the latest on a tie), the
 * others are its alternatives. */
static uint32_t choose_referent(vg__run *x, const surnames *sur, size_t next,
				uint32_t best, uint32_t i, vg__mention *alts)
{
	uint32_t ents[8], count[8], last_m[8], n = 0, k, q;
	size_t e;

	alts->n_alternatives = 0;
	for (e = 0; e < next; e++) {
		const vg__acc *a = &x->acc[sur->v[e].acc];
		uint32_t tok = sur->v[e].tok;
		if (i - a->b > SURNAME_REACH ||
		    !vg__hits_tok(x, i, tok))
			continue;
		for (k = 0; k < n && ents[k] != a->m.entity; k++)
			;
		if (k == n) {
			if (n == 8)
				continue;
			ents[n] = a->m.entity;
			count[n] = 0;
			n++;
		}
		count[k]++;
		last_m[k] = sur->v[e].acc;
	}
	for (k = 0, q = VG_SCAN_NONE; k < n; k++)
		if (q == VG_SCAN_NONE || count[k] > count[q] ||
		    (count[k] == count[q] && x->acc[last_m[k]].a > x->acc[last_m[q]].a))
			q = k;
	if (q == VG_SCAN_NONE)
		return best;
	for (k = 0; k < n; k++)
		if (k != q && alts->n_alternatives < 4)
			alts->alternatives[alts->n_alternatives++] = ents[k];
	return last_m[q];
}

/* Text token i, a capitalised hit no mention covers: a surname referring
 * back, or a rare surname alone. */
/* Is the capitalised text token j a noun of the sentence: no listed
 * word, not in capitals, after a space in the same phrase? */
static bool plain_noun(const vg__run *x, uint32_t j)
{
	const vg__tok *n = &x->tk->v[j];
	return (n->flags & VG_TOKF_CAP) && !(n->flags & VG_TOKF_ALLCAPS) &&
	       n->brk == VG_BRK_SPACE && !n->punct && !vg__is_hit(x, j);
}

/* Is text token j a German genitive, a name's s that is no plural: after
 * the noun it belongs to ("den Tod Belmokhtars", "die Ermordung
 * Nasrallahs", "ein Cousin Nasrallahs"), or before it, a word in lower
 * case after that ("seit Nasrallahs Tod mehrfach", "Hassan Nasrallahs Tod
 * bei"; not a headline's "Yemen's Houthis Attack Ships")? */
static bool german_genitive(const vg__run *x, uint32_t j)
{
	const vg__toks *tk = x->tk;
	if (j < 2 || tk->v[j].brk != VG_BRK_SPACE || tk->v[j].punct)
		return false;
	if (plain_noun(x, j - 1) && tk->v[j - 1].brk != VG_BRK_HARD)
		return true;
	return j + 2 < tk->n && plain_noun(x, j + 1) && tk->v[j + 2].brk == VG_BRK_SPACE &&
	       !(tk->v[j + 2].flags & (VG_TOKF_CAP | VG_TOKF_UNCASED));
}

/* The words the text writes capitalised with a plural s ("the Houthis"),
 * without it (hashes, sorted): a family's or a people's name.  Not a
 * German genitive (german_genitive), nor the last word of a mention of
 * one person ("Arkadi Rotenbergs erste Unternehmen": his name). */
static int plurals(vg__run *x, uint32_t **out, size_t *n)
{
	size_t cap = 0;
	uint32_t j;
	for (j = 0; j < x->tk->n; j++) {
		const vg__tok *t = &x->tk->v[j];
		if (!(t->flags & VG_TOKF_CAP) || t->norm_len < 5 ||
		    x->pool[t->norm + t->norm_len - 1] != 's' || german_genitive(x, j))
			continue;
		if (x->owner[j] != VG_SCAN_NONE && x->acc[x->owner[j]].b == j &&
		    x->acc[x->owner[j]].a < j &&
		    x->s->names[x->acc[x->owner[j]].m.name].schema == VG_SCHEMA_PERSON)
			continue;
		if (vg__grow(out, &cap, *n + 1, sizeof(**out)))
			return VG_ENOMEM;
		(*out)[(*n)++] = vg__key_hash32(x->pool + t->norm, t->norm_len - 1);
	}
	if (*n)
		qsort(*out, *n, sizeof(**out), vg__scan_cmp_u32);
	return 0;
}

/* Is text token i a name the text also writes in the plural? */
static bool plural_elsewhere(const vg__run *x, uint32_t i, const uint32_t *pl, size_t n)
{
	const vg__tok *t = &x->tk->v[i];
	uint32_t h;
	if (!n)
		return false;
	h = vg__key_hash32(x->pool + t->norm, t->norm_len);
	return bsearch(&h, pl, n, sizeof(h), vg__scan_cmp_u32) != NULL;
}

/* Does the text say the word at token i names a thing, not a person: a
 * definite article before it ("La Montaña", "el Marques"; not the
 * particle of "al-Zawahiri"), or quotes or an organisation word around it
 * (ДП «АНТОНОВ», a company)? */
static bool names_thing(const vg__run *x, uint32_t i)
{
	const vg__tok *p;
	if (vg__org_context(x, i, i))
		return true;
	if (i == 0 || x->tk->v[i].brk != VG_BRK_SPACE || x->tk->v[i].punct)
		return false;
	p = &x->tk->v[i - 1];
	return !(p->flags & (VG_TOKF_CYRILLIC | VG_TOKF_ARABIC | VG_TOKF_UNCASED)) &&
	       x->text[p->end] != '-' && vg__scan_article(x->pool + p->norm, p->norm_len);
}

/* Is the Arabic word at token i a nisba adjective (-i, feminine -iya,
 * with the article) that agrees with the definite noun before it ("الجيش
 * المصري", the Egyptian army; "الشرطة المصرية", the Egyptian police):
 * that noun's, not the surname of someone named before ("أبو أسامة
 * المصري", whose word before it has no article)?  A noun in no mention,
 * and the article with no preposition on it: "النائب السابق للظواهري",
 * the former deputy of al-Zawahiri, names him. */
static bool arabic_adjective(const vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i], *p;
	const char *w = x->pool + t->norm;
	if (i == 0 || !(t->flags & VG_TOKF_ARABIC) || !(t->flags & VG_TOKF_ARTICLE) ||
	    t->brk != VG_BRK_SPACE || t->punct || t->norm_len < 3 || t->end - t->start < 4 ||
	    memcmp(x->text + t->start, "\xd8\xa7\xd9\x84", 4) != 0 ||
	    !(w[t->norm_len - 1] == 'i' || (w[t->norm_len - 2] == 'i' && w[t->norm_len - 1] == 'a')))
		return false;
	p = &x->tk->v[i - 1];
	return (p->flags & VG_TOKF_ARABIC) && (p->flags & VG_TOKF_ARTICLE) &&
	       !(p->flags & VG_TOKF_JOINED) && x->owner[i - 1] == VG_SCAN_NONE;
}

/* Is the name at token i a town's or village's, a word for one before it,
 * with a particle between or not ("del pueblo de Shekau", "the village
 * of Sinwar", "в селе Центорой")? */
static bool names_settlement(const vg__run *x, uint32_t i)
{
	const vg__toks *tk = x->tk;
	const vg__tok *t;
	uint32_t k;
	for (k = i; k > 0 && k + 2 >= i; k--) {
		if (tk->v[k].brk != VG_BRK_SPACE || tk->v[k].punct)
			return false;
		t = &tk->v[k - 1];
		if (vg__scan_settlement_word(x->pool + t->norm, t->norm_len))
			return true;
		if (!vg__scan_weak_word(x->pool + t->norm, t->norm_len) || (t->flags & VG_TOKF_CAP))
			return false;
	}
	return false;
}

/* Does a word beside the family name at token i, in the same phrase, say
 * that it names a body or a family ("la red Haqqani", "the Haqqani
 * network", "la familia Haqqani", "clan Haqqani"), not the one person of
 * that name? */
static bool names_group(const vg__run *x, uint32_t i)
{
	return vg__org_context(x, i, i) || vg__kin_group_beside(x, i) || names_settlement(x, i);
}

/* Does the text, within reach before token i, name people on no list
 * with the family name at token i (the same word, in no mention, beside
 * another capitalised name word) more often than it names the listed
 * person kept mention m is of (in full or by the name alone)?  Then the name alone is theirs
 * as likely ("President Ortega" after eight "Daniel Ortega" and one "Juan
 * Carlos Ortega Murillo"); the text's subject named in full again and
 * again ("Hachem Safieddine", beside his son "Ridha Safieddine") keeps it. */
static bool others_named_more(const vg__run *x, uint32_t i, uint32_t m)
{
	const vg__tok *t = &x->tk->v[i];
	uint32_t from = i > SURNAME_REACH ? i - SURNAME_REACH : 0, j, others = 0, own = 0;
	size_t k;

	for (j = from; j < i; j++) {
		const vg__tok *o = &x->tk->v[j];
		if (o->norm_len == t->norm_len && x->owner[j] == VG_SCAN_NONE &&
		    !memcmp(x->pool + o->norm, x->pool + t->norm, t->norm_len) &&
		    vg__capitalised_neighbour(x, j, true))
			others++;
	}
	if (!others)
		return false;
	for (k = 0; k < x->n_acc; k++)
		if (x->acc[k].m.entity == x->acc[m].m.entity && x->acc[k].b < i && x->acc[k].b >= from)
			own++;
	return others > own;
}

/* Is the family name at text token i the end or the start of a longer
 * name through a capitalised particle, another capitalised word past it in
 * the same phrase ("His father, Zaidan El Amin El Aissami", beside "Tareck El
 * Aissami")?  (vg__capitalised_neighbour passes over the particle as an
 * ordinary word.) */
static bool particle_chain(const vg__run *x, uint32_t i)
{
	const vg__toks *tk = x->tk;
	int dir;

	for (dir = -1; dir <= 1; dir += 2) {
		uint32_t k = i + dir, m = i + 2 * dir;
		const vg__tok *p, *o;
		if ((dir < 0 && i < 2) || (dir > 0 && i + 2 >= tk->n))
			continue;
		p = &tk->v[k];
		o = &tk->v[m];
		if (tk->v[dir < 0 ? i : k].brk != VG_BRK_SPACE || tk->v[dir < 0 ? k : m].brk != VG_BRK_SPACE ||
		    tk->v[dir < 0 ? i : k].punct || tk->v[dir < 0 ? k : m].punct)
			continue;
		if ((p->flags & (VG_TOKF_CAP | VG_TOKF_ALLCAPS)) != VG_TOKF_CAP || p->norm_len > 3 ||
		    !vg__scan_weak_word(x->pool + p->norm, p->norm_len))
			continue;
		if ((o->flags & VG_TOKF_CAP) && !(vg__word_class(x, m) & (VG_WC_TITLE | VG_WC_COMMON)))
			return true;
	}
	return false;
}

/* Is text token i a family name hyphenated to a word of kinship after
 * it ("die Rotenberg-Brüder"), with no capitalised name word before it:
 * the family, whose members the text has named?  The kinship word is no
 * capitalised neighbour then. */
static bool family_compound(const vg__run *x, uint32_t i)
{
	const vg__tok *t = &x->tk->v[i], *k, *p;
	if (i + 1 >= x->tk->n)
		return false;
	k = &x->tk->v[i + 1];
	if (k->start != t->end + 1 || x->text[t->end] != '-' ||
	    !vg__scan_kin_word(x->pool + k->norm, k->norm_len))
		return false;
	if (i == 0 || t->brk > VG_BRK_SOFT)
		return true;
	p = &x->tk->v[i - 1];
	return !(p->flags & VG_TOKF_CAP) || (vg__word_class(x, i - 1) & (VG_WC_TITLE | VG_WC_COMMON));
}

/* Is the Arabic family name at token i written after a given name, right
 * before it in the same phrase ("رفعت الأسد", Rifaat al-Assad, after a
 * mention of Maher al-Assad)?  Arabic has no capitals to say so; a word
 * without the article that spells a listed person's given name, and is no
 * ordinary word, particle or title, names another person of that family,
 * as a capitalised given name does in Latin letters. */
static bool arabic_given_before(const vg__run *x, uint32_t i)
{
	const vg__tok *p;
	uint32_t ids[16], n, q;
	bool given = false;
	if (i == 0 || !(x->tk->v[i].flags & VG_TOKF_ARABIC) ||
	    x->tk->v[i].brk != VG_BRK_SPACE || x->tk->v[i].punct)
		return false;
	p = &x->tk->v[i - 1];
	if (!(p->flags & VG_TOKF_ARABIC) || (p->flags & VG_TOKF_ARTICLE) ||
	    (vg__word_class(x, i - 1) & (VG_WC_TITLE | VG_WC_COMMON)))
		return false;
	n = vg__hit_ids(x, i - 1, ids, 16);
	for (q = 0; q < n; q++) {
		/* a particle of names ("بن", bin, also Ben) or a title
		 * ("أسامة بن محمد بن عوض بن لادن": a chain of forebears) */
		if (x->s->tok[ids[q]].flags & (VG_STOK_TITLE | VG_STOK_WEAK))
			return false;
		given |= (x->s->tok[ids[q]].flags & VG_STOK_GIVEN) != 0;
	}
	return given;
}

static int surname_at(vg__run *x, uint32_t i, const surnames *sur, size_t next,
		      const uint32_t *pl, size_t n_pl)
{
	const vg__tok *t = &x->tk->v[i];
	uint32_t best = referent(x, i);
	vg__mention alts;
	int error;

	/* a family's or a people's name ("the Houthi leader", "the Houthis")
	 * names no one person alone, nor does an ordinary word ("الأمين
	 * العام", the Secretary-General, after a mention of AL-AMIN) */
	if (plural_elsewhere(x, i, pl, n_pl) || (vg__word_class(x, i) & VG_WC_COMMON) ||
	    arabic_adjective(x, i) || names_group(x, i))
		return 0;
	/* a Chinese character read as Korean (scan.c) is one syllable of a
	 * name of three, no name alone (平 of 平壤, Pyongyang) */
	if ((x->tk->v[i].flags & VG_TOKF_HAN) && x->h[i].korean)
		return 0;
	if (best != VG_SCAN_NONE) {
		double sc = x->acc[best].m.score * 0.85;
		vg__acc *a;
		if (sc < 0.7)
			sc = 0.7;
		if ((vg__capitalised_neighbour(x, i, false) && !family_compound(x, i)) ||
		    particle_chain(x, i) || arabic_given_before(x, i) || sc < x->threshold)
			return 0;
		best = choose_referent(x, sur, next, best, i, &alts);
		if (others_named_more(x, i, best))
			return 0;
		a = add_ref(x, i);
		*a = x->acc[best];
		a->m.n_alternatives = alts.n_alternatives;
		memcpy(a->m.alternatives, alts.alternatives, sizeof(alts.alternatives));
		a->a = a->b = i;
		a->mask = 0;
		a->m.start = t->start;
		a->m.end = t->end;
		a->m.score = sc;
		a->m.rule = VG_SCAN_RULE_SURNAME;
		a->m.ref_start = x->acc[best].m.start;
		return 0;
	}
	/* A rare surname of a listed person, alone: as written, inflected
	 * when the text is Cyrillic ("Зеленського"), or in the Chinese
	 * syllables that may spell it. */
	if (0.7 >= x->threshold && !(t->flags & VG_TOKF_HAN) &&
	    (t->flags & (VG_TOKF_CAP | VG_TOKF_ZH_NAME)) && !vg__capitalised_neighbour(x, i, true) &&
	    !particle_chain(x, i) && !names_thing(x, i)) {
		uint32_t ids[8], n_ids = 0, q;
		bool found = false;
		if (x->h[i].ex != VG_SCAN_NONE)
			ids[n_ids++] = x->h[i].ex;
		else if (t->flags & VG_TOKF_CYRILLIC)
			n_ids = case_forms(x, i, ids, 8);
		/* a foreign name in Chinese puts the family name last: a
		 * word before its dot is a given name (尼古拉·帕特鲁舍夫,
		 * Nikolai Patrushev, names no NOGUERA); and two syllables
		 * alone (胡希, hu xi; every name character is three bytes)
		 * spell too many names, but where a particle says a name
		 * (本拉登).  Syllables that also spell a listed word as
		 * written spell the others too: 拉登, laden, is the BIN
		 * LADEN of a family's several members and the BIN LADIN
		 * of one. */
		if ((t->flags & VG_TOKF_ZH_NAME) && x->h[i].zk != VG_SCAN_NONE && !zh_given(x, i) &&
		    !(i + 1 < x->tk->n && vg__zh_dot_between(x->text, t, &x->tk->v[i + 1])) &&
		    (t->end - t->start >= 9 || zh_after_particle(x, i)))
			n_ids += zh_spellings(x, i, ids + n_ids, 8 - n_ids);
		for (q = 0; q < n_ids && !found; q++)
			if ((error = lone_surname(x, i, ids[q], &found)) < 0)
				return error;
	}
	return 0;
}

/* Does listed name nm give its bearer a title of rank, office or calling
 * ("YASSIN, Sheik Ahmed Ismail", "Dr. Ramadan Abdullah SHALLAH"; not "Mr
 * Omari")? */
static bool holds_title(const vg__scanner *s, const vg__sname *nm)
{
	uint32_t p;
	for (p = 0; p < nm->n_tok; p++) {
		const vg__stok *st = &s->tok[s->ntoks[nm->tok_start + p]];
		if ((st->flags & VG_STOK_TITLE) &&
		    !vg__scan_courtesy_word(s->tz.pool.ptr + st->norm, st->len))
			return true;
	}
	return false;
}

/* A family name right after a title ("Sheikh Yassin", "шейха Ясина"),
 * where the list gives one listed person that family name and a title:
 * that person, as a title and a family name are how a text names someone
 * it goes on to speak of.  Two such people, or a family name that is an
 * ordinary word, a place or a given name many people have, name nobody
 * in particular. */
static int titled_at(vg__run *x, uint32_t i)
{
	const vg__scanner *s = x->s;
	const vg__tok *t = &x->tk->v[i];
	uint32_t ids[8], n_ids = 0, q, pi, name = VG_SCAN_NONE;
	vg__acc *a;

	if (TITLED_SCORE < x->threshold || !titled(x, i) || (t->flags & VG_TOKF_HAN) ||
	    x->owner[i] != VG_SCAN_NONE)
		return 0;
	/* as written, or in Cyrillic in a case form or spelling of the same
	 * precise loose key ("Ясин" for YASSIN as for YASIN; in Latin letters
	 * that key is too loose: "Sales" is not SHALISH) */
	if (t->flags & VG_TOKF_CYRILLIC)
		n_ids = case_forms(x, i, ids, 8);
	if (x->h[i].ex != VG_SCAN_NONE && n_ids < 8) {
		for (q = 0; q < n_ids && ids[q] != x->h[i].ex; q++)
			;
		if (q == n_ids)
			ids[n_ids++] = x->h[i].ex;
	}
	for (q = 0; q < n_ids; q++) {
		const vg__stok *st = &s->tok[ids[q]];
		if (st->len < 4 || (st->flags & (VG_STOK_WEAK | VG_STOK_TITLE | VG_STOK_COMMON |
						 VG_STOK_PLACE | VG_STOK_GIVEN_COMMON)))
			continue;
		for (pi = s->post_start[ids[q]]; pi < s->post_start[ids[q] + 1]; pi++) {
			const vg__sname *nm = &s->names[s->post[pi]];
			if (nm->schema != VG_SCHEMA_PERSON || nm->family_pos == VG_SCAN_NO_POS ||
			    s->ntoks[nm->tok_start + nm->family_pos] != ids[q] || !holds_title(s, nm))
				continue;
			if (name != VG_SCAN_NONE && s->names[name].entity != nm->entity)
				return 0;
			name = s->post[pi];
		}
	}
	if (name == VG_SCAN_NONE)
		return 0;
	a = add_ref(x, i);
	a->m.entity = s->names[name].entity;
	a->m.name = name;
	a->m.score = TITLED_SCORE;
	a->m.rule = VG_SCAN_RULE_LONE_SURNAME;
	return remember(x, s->ntoks[s->names[name].tok_start + s->names[name].family_pos],
			(uint32_t)(x->n_acc - 1));
}

/* Does name nm hold one of the given names g[0..ng) at a position other
 * than its family name's? */
static bool holds_given(const vg__scanner *s, const vg__sname *nm, const uint32_t *g,
			uint32_t ng)
{
	uint32_t p, q;
	for (p = 0; p < nm->n_tok; p++)
		for (q = 0; q < ng; q++)
			if (p != nm->family_pos && s->ntoks[nm->tok_start + p] == g[q] &&
			    (s->tok[g[q]].flags & VG_STOK_GIVEN))
				return true;
	return false;
}

/* A given name alone right after a kinship word ("avec son frère Arkadi",
 * "his brother Arkadi"), where a listed person has that given name and the
 * family name of a person the text named in full before it: that person's
 * relative. */
static int relative_at(vg__run *x, uint32_t i, bool *found)
{
	const vg__scanner *s = x->s;
	const vg__tok *t = &x->tk->v[i], *k;
	uint32_t g[8], ng, q, best = VG_SCAN_NONE, best_name = 0, pi;
	vg__acc *r;

	*found = false;
	if (!(t->flags & VG_TOKF_CAP) || i == 0 || t->brk != VG_BRK_SPACE || t->punct ||
	    vg__capitalised_neighbour(x, i, true) || !(ng = vg__hit_ids(x, i, g, 8)))
		return 0;
	k = &x->tk->v[i - 1];
	if ((k->flags & VG_TOKF_CAP) || !vg__scan_kin_word(x->pool + k->norm, k->norm_len))
		return 0;
	for (q = 0; q < x->n_acc; q++) {
		const vg__acc *a = &x->acc[q];
		const vg__sname *nm = &s->names[a->m.name];
		uint32_t fam;
		if (a->b >= i || nm->schema != VG_SCHEMA_PERSON || a->m.rule != VG_SCAN_RULE_FULL ||
		    nm->family_pos == VG_SCAN_NO_POS ||
		    (best != VG_SCAN_NONE && x->acc[best].b > a->b))
			continue;
		fam = s->ntoks[nm->tok_start + nm->family_pos];
		for (pi = s->post_start[fam]; pi < s->post_start[fam + 1]; pi++) {
			const vg__sname *o = &s->names[s->post[pi]];
			if (o->entity != nm->entity && o->schema == VG_SCHEMA_PERSON &&
			    o->family_pos != VG_SCAN_NO_POS &&
			    s->ntoks[o->tok_start + o->family_pos] == fam && holds_given(s, o, g, ng)) {
				best = q;
				best_name = s->post[pi];
				break;
			}
		}
	}
	if (best == VG_SCAN_NONE || 0.8 < x->threshold)
		return 0;
	r = add_ref(x, i);
	r->m.entity = s->names[best_name].entity;
	r->m.name = best_name;
	r->m.score = 0.8;
	r->m.rule = VG_SCAN_RULE_RELATIVE;
	r->m.ref_start = x->acc[best].m.start;
	*found = true;
	return 0;
}

int vg__refer_back(vg__run *x)
{
	surnames sur = { NULL, 0, 0 };
	uint32_t *pl = NULL;
	size_t next = 0, n_pl = 0;
	uint32_t i;
	bool found;
	int error;

	if ((error = collect(x, &sur)) < 0 || (error = plurals(x, &pl, &n_pl)) < 0)
		goto cleanup;
	for (i = 0; i < x->tk->n; i++) {
		if (vg__deadline_passed(x->deadline, i, 1023)) {
			error = vg__scan_timeout(x, i);
			goto cleanup;
		}
		while (next < sur.n && x->acc[sur.v[next].acc].b < i) {
			if ((error = remember(x, sur.v[next].tok, sur.v[next].acc)) < 0)
				goto cleanup;
			next++;
		}
		/* a syllable of a Hangul word is no surname alone */
		if (!vg__is_hit(x, i) || !vg__tok_cap(&x->tk->v[i]) ||
		    x->owner[i] != VG_SCAN_NONE || (x->tk->v[i].flags & VG_TOKF_HANGUL))
			continue;
		if ((error = relative_at(x, i, &found)) < 0)
			goto cleanup;
		if (!found && (error = surname_at(x, i, &sur, next, pl, n_pl)) < 0)
			goto cleanup;
		if ((error = titled_at(x, i)) < 0)
			goto cleanup;
	}
cleanup:
	free(pl);
	free(sur.v);
	return error;
}
