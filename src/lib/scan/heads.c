/*
 * heads.c - step 4a of a scan (see scan.c): a word for a kind of body said
 * once for several names in a row ("die Banken Melli und Saderat", "les
 * banques Mellat et Saderat", "the banks Sepah, Mellat and Saderat").
 *
 * How it works.  After the mentions are picked (step 4), every mention of
 * an organisation made of two words, a kind word in the plural (the text's
 * word longer than the listed word it reads as: "Banken", "banques",
 * "banks" for BANK) and one word of its own, is looked at for the names in
 * a row after it: a comma or a conjunction, then one capitalised word that
 * no mention covers and that is no ordinary word, place or given name.
 * That word names the listed body whose name is that kind word and it,
 * places and legal forms left unsaid (BANK SADERAT IRAN), if there is one.
 *
 * Invariant: a mention added covers one token, which no other mention
 * covers; the mentions added keep the kind of the mention they follow.
 */
#include "scan/run.h"

#include <string.h>

/* Mentions of one row of names at most. */
#define ROW_MAX 8

/* The name position of mention a that its first token matched, when that
 * token is a word for a kind of body in the plural; else VG_SCAN_NO_POS. */
static uint32_t plural_kind(const vg__run *x, const vg__acc *a)
{
	const vg__scanner *s = x->s;
	const vg__sname *nm = &s->names[a->m.name];
	const vg__tok *t = &x->tk->v[a->a];
	uint32_t p;
	char last;

	if (t->norm_len < 4 ||
	    (t->flags & (VG_TOKF_CYRILLIC | VG_TOKF_ARABIC | VG_TOKF_UNCASED | VG_TOKF_HAN)))
		return VG_SCAN_NO_POS;
	last = x->pool[t->norm + t->norm_len - 1];
	if (last != 's' && last != 'n')
		return VG_SCAN_NO_POS;
	for (p = 0; p < nm->n_tok; p++) {
		uint32_t tok = s->ntoks[nm->tok_start + p];
		const vg__stok *st = &s->tok[tok];
		if ((a->mask & (1u << p)) && st->len < t->norm_len &&
		    (vg__hits_tok(x, a->a, tok) || x->h[a->a].tr == tok || x->h[a->a].tr2 == tok) &&
		    (st->flags & VG_STOK_GENERIC) &&
		    vg__scan_org_word(s->tz.pool.ptr + st->norm, st->len))
			return p;
	}
	return VG_SCAN_NO_POS;
}

/* The next name of the row after text token j: the token after a comma,
 * or after a conjunction in the same phrase; else VG_SCAN_NONE. */
static uint32_t next_in_row(const vg__run *x, uint32_t j)
{
	const vg__toks *tk = x->tk;
	uint32_t k = j + 1;
	if (k >= tk->n || tk->v[k].punct)
		return VG_SCAN_NONE;
	if (tk->v[k].brk == VG_BRK_SOFT && x->text[tk->v[j].end] == ',')
		return k;
	if (tk->v[k].brk != VG_BRK_SPACE || !(vg__word_class(x, k) & VG_WC_CONJ) ||
	    k + 1 >= tk->n || tk->v[k + 1].brk != VG_BRK_SPACE || tk->v[k + 1].punct)
		return VG_SCAN_NONE;
	return k + 1;
}

/* Does name nm hold kind word kind and word own, and besides them only
 * places, particles and legal forms? */
static bool kind_and_own(const vg__scanner *s, const vg__sname *nm, uint32_t kind, uint32_t own)
{
	bool has_kind = false, has_own = false;
	uint32_t p;
	for (p = 0; p < nm->n_tok; p++) {
		uint32_t tok = s->ntoks[nm->tok_start + p];
		if (tok == kind && !has_kind)
			has_kind = true;
		else if (tok == own && !has_own)
			has_own = true;
		else if (!(s->tok[tok].flags & (VG_STOK_PLACE | VG_STOK_WEAK)))
			return false;
	}
	return has_kind && has_own;
}

/* The listed organisation name that kind word kind and text token j name
 * together (the fewest words: BANK SADERAT before BANK SADERAT IRAN), or
 * VG_SCAN_NONE; the other entities such a name is of are alternatives of
 * the mention m (BANK SADERAT PLC beside BANK SADERAT IRAN). */
static uint32_t row_name(const vg__run *x, uint32_t kind, uint32_t j, vg__mention *m)
{
	const vg__scanner *s = x->s;
	const vg__tok *t = &x->tk->v[j];
	uint32_t own = x->h[j].ex, pi, best = VG_SCAN_NONE, ents[5], n_ents = 0, k;
	const vg__stok *st;

	if (own == VG_SCAN_NONE || !(t->flags & VG_TOKF_CAP) || x->owner[j] != VG_SCAN_NONE ||
	    (vg__word_class(x, j) & (VG_WC_COMMON | VG_WC_TITLE | VG_WC_CONJ)))
		return VG_SCAN_NONE;
	st = &s->tok[own];
	if (st->flags & (VG_STOK_WEAK | VG_STOK_TITLE | VG_STOK_COMMON | VG_STOK_PLACE |
			 VG_STOK_GIVEN | VG_STOK_ACRONYM | VG_STOK_GENERIC))
		return VG_SCAN_NONE;
	for (pi = s->post_start[own]; pi < s->post_start[own + 1]; pi++) {
		const vg__sname *nm = &s->names[s->post[pi]];
		if (nm->schema == VG_SCHEMA_PERSON || nm->schema == VG_SCHEMA_VESSEL ||
		    nm->schema == VG_SCHEMA_AIRPLANE || !kind_and_own(s, nm, kind, own))
			continue;
		for (k = 0; k < n_ents && ents[k] != nm->entity; k++)
			;
		if (k == n_ents && n_ents < 5)
			ents[n_ents++] = nm->entity;
		if (best == VG_SCAN_NONE || nm->n_tok < s->names[best].n_tok)
			best = s->post[pi];
	}
	m->n_alternatives = 0;
	for (k = 0; best != VG_SCAN_NONE && k < n_ents && m->n_alternatives < 4; k++)
		if (ents[k] != s->names[best].entity)
			m->alternatives[m->n_alternatives++] = ents[k];
	return best;
}

/* Adds a mention of text token j, name nm, after kept mention k, with the
 * alternatives of alt. */
static void add_row_mention(vg__run *x, uint32_t j, uint32_t nm, uint32_t k,
			    const vg__mention *alt)
{
	vg__acc *a = &x->acc[x->n_acc];
	*a = x->acc[k];
	a->a = a->b = j;
	a->mask = 0;
	a->m.entity = x->s->names[nm].entity;
	a->m.name = nm;
	a->m.n_alternatives = alt->n_alternatives;
	memcpy(a->m.alternatives, alt->alternatives, sizeof(alt->alternatives));
	a->m.start = x->tk->v[j].start;
	a->m.end = x->tk->v[j].end;
	a->m.score = x->acc[k].m.score * 0.9;
	x->owner[j] = (uint32_t)x->n_acc++;
}

int vg__shared_heads(vg__run *x)
{
	size_t n_kept = x->n_acc, k;

	for (k = 0; k < n_kept; k++) {
		const vg__acc *a = &x->acc[k];
		const vg__sname *nm = &x->s->names[a->m.name];
		uint32_t p, kind, j, nj, row = 0;
		vg__mention alt;

		if (nm->schema == VG_SCHEMA_PERSON || a->m.rule != VG_SCAN_RULE_FULL ||
		    a->b != a->a + 1 || a->m.score * 0.9 < x->threshold ||
		    (p = plural_kind(x, a)) == VG_SCAN_NO_POS)
			continue;
		kind = x->s->ntoks[nm->tok_start + p];
		for (j = a->b; row < ROW_MAX && (j = next_in_row(x, j)) != VG_SCAN_NONE; row++) {
			if ((nj = row_name(x, kind, j, &alt)) == VG_SCAN_NONE)
				break;
			add_row_mention(x, j, nj, k, &alt);
		}
	}
	return 0;
}
