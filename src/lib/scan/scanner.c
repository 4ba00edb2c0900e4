/*
 * scanner.c - the token dictionary of every listed name (see scan.h).
 *
 * Invariant: after vg__scanner_finish, every token of every added name has
 * a number, a weight, a loose key and a postings list of the names holding
 * it, all in packed arrays (one allocation per table, none per token or
 * name), and nothing changes any more: scans only read it.
 *
 * Layout: token strings live in tz.pool (the tokenizer that cut the names),
 * loose keys and skeletons in their keysets' pools; `ntoks` holds every name's token numbers back to
 * back and a name points at its run; `post` holds every token's name
 * numbers back to back and post_start[t] .. post_start[t + 1] is the run
 * of token t.  Exact and loose keys are found through open-addressing
 * tables of token (or loose-key) numbers + 1.
 */
#include "scan/scanner.h"
#include "scan/run.h"
#include "scan/scan_data.h"
#include "common/error.h"
#include "common/alloc.h"
#include "names/lexicon.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static void keyset_dispose(vg__keyset *ks)
{
	vg_buf_dispose(&ks->pool);
	free(ks->lk);
	free(ks->slots);
	free(ks->toks);
}

int vg__scanner_new(vg__scanner **out)
{
	vg__scanner *s = vg__calloc(1, sizeof(*s));
	if (!s)
		return vg__error_oom();
	vg__tokenizer_init(&s->tz);
	s->last_entity = UINT32_MAX;
	*out = s;
	return 0;
}

void vg__scanner_free(vg__scanner *s)
{
	if (!s)
		return;
	vg__tokenizer_dispose(&s->tz);
	free(s->tok);
	free(s->ex_slots);
	keyset_dispose(&s->lo);
	keyset_dispose(&s->sk);
	keyset_dispose(&s->zk);
	free(s->names);
	free(s->ntoks);
	vg_buf_dispose(&s->texts);
	free(s->post_start);
	free(s->post);
	free(s->one_start);
	free(s->one);
	free(s->nfilter);
	free(s->place_keys);
	free(s->ar_common);
	free(s->scratch.v);
	free(s);
}

static uint64_t key_hash(const char *s, size_t n)
{
	return vg__word_hash(s, n);
}

/* Rebuilds an open-addressing table of ids + 1 with `cap` slots. */
static int rehash(uint32_t **slots, uint32_t *cap, uint32_t ncap,
		  uint32_t count, uint64_t (*hash_of)(const void *, uint32_t),
		  const void *s)
{
	uint32_t *ns = vg__calloc(ncap, sizeof(*ns)), i;
	if (!ns)
		return vg__error_oom();
	for (i = 0; i < count; i++) {
		uint32_t p = (uint32_t)hash_of(s, i) & (ncap - 1);
		while (ns[p])
			p = (p + 1) & (ncap - 1);
		ns[p] = i + 1;
	}
	free(*slots);
	*slots = ns;
	*cap = ncap;
	return 0;
}

static uint64_t tok_hash(const void *ctx, uint32_t t)
{
	const vg__scanner *s = ctx;
	return key_hash(s->tz.pool.ptr + s->tok[t].norm, s->tok[t].len);
}

static uint64_t lk_hash(const void *ctx, uint32_t k)
{
	const vg__keyset *ks = ctx;
	return key_hash(ks->pool.ptr + ks->lk[k].off, ks->lk[k].len);
}

uint32_t vg__scanner_find(const vg__scanner *s, const char *norm, size_t len)
{
	uint32_t p, e;
	if (!s->ex_cap)
		return VG_SCAN_NONE;
	for (p = (uint32_t)key_hash(norm, len) & (s->ex_cap - 1);
	     (e = s->ex_slots[p]) != 0; p = (p + 1) & (s->ex_cap - 1)) {
		const vg__stok *t = &s->tok[e - 1];
		if (t->len == len && !memcmp(s->tz.pool.ptr + t->norm, norm, len))
			return e - 1;
	}
	return VG_SCAN_NONE;
}

uint32_t vg__keyset_find(const vg__keyset *ks, const char *key, size_t len)
{
	uint32_t p, e;
	if (!ks->slot_cap)
		return VG_SCAN_NONE;
	for (p = (uint32_t)key_hash(key, len) & (ks->slot_cap - 1);
	     (e = ks->slots[p]) != 0; p = (p + 1) & (ks->slot_cap - 1)) {
		const vg__lkey *k = &ks->lk[e - 1];
		if (k->len == len && !memcmp(ks->pool.ptr + k->off, key, len))
			return e - 1;
	}
	return VG_SCAN_NONE;
}

/* Russian, Ukrainian and Belarusian father's names: "Vladimirovich",
 * "Aleksandrovna", "Oleksandrovych", "Hryhoryavich".  Text often leaves them
 * out, and they are never the family name. */
bool vg__scan_patronymic(const char *w, size_t n)
{
	static const char *const ends[] = { "ovich", "evich", "ovych", "evych",
					    "ovna", "evna", "ivna", "avich",
					    "ovic", "evic", "ichna", "ogly", "kyzy" };
	size_t i;
	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		size_t el = strlen(ends[i]);
		if (n >= el + 3 && !memcmp(w + n - el, ends[i], el))
			return true;
	}
	return false;
}

/* A generic word of organisation names (company, group, trading): the
 * comparator's list (data/org_generic.txt), one definition for both. */
static bool generic_word(const char *norm, size_t len)
{
	const vg__lex_word *w = vg__lex_word_find(norm, len);
	return w && (w->flags & VG__LEX_GENERIC);
}

/* A country, region or city as company names hold them (Europe, Gulf,
 * Asia): the comparator's list (data/region_words.txt), one definition
 * for both. */
static bool region_word(const char *norm, size_t len)
{
	const vg__lex_word *w = vg__lex_word_find(norm, len);
	return w && (w->cjk & VG__LEX_REGION);
}

void vg__scan_variant_groups(uint16_t grp[2], const char *norm, size_t len)
{
	const vg__lex_word *w = vg__lex_word_find(norm, len);
	grp[0] = w ? w->group[0] : 0;
	grp[1] = w ? w->group[1] : 0;
}

/* The token number of a name token, added when new. */
static int intern(uint32_t *out, vg__scanner *s, const vg__tok *t)
{
	const char *norm = s->tz.pool.ptr + t->norm;
	uint32_t id = vg__scanner_find(s, norm, t->norm_len), p;
	int rc;

	if (id != VG_SCAN_NONE) {
		*out = id;
		return 0;
	}
	if ((rc = vg__grow32(&s->tok, &s->cap_tok, (size_t)s->n_tok + 1,
		       sizeof(*s->tok))) < 0)
		return rc;
	id = s->n_tok++;
	memset(&s->tok[id], 0, sizeof(s->tok[id]));
	s->tok[id].norm = t->norm;
	s->tok[id].len = t->norm_len;
	s->tok[id].last_entity = UINT32_MAX;
	if (t->flags & VG_TOKF_HAN)
		s->tok[id].flags |= VG_STOK_HAN;
	if (t->flags & VG_TOKF_ARABIC)
		s->tok[id].flags |= VG_STOK_AR_SCRIPT;
	/* One letter is an initial or part of an abbreviation ("U.S.A."),
	 * never the distinctive part of a name. */
	if (vg__scan_weak_word(norm, t->norm_len) ||
	    (t->norm_len == 1 && !(t->flags & VG_TOKF_HAN)))
		s->tok[id].flags |= VG_STOK_WEAK;
	if (vg__scan_title_word(norm, t->norm_len))
		s->tok[id].flags |= VG_STOK_TITLE;
	if (vg__scan_conjunction(norm, t->norm_len))
		s->tok[id].flags |= VG_STOK_CONJ;
	if (vg__scan_common_word(norm, t->norm_len))
		s->tok[id].flags |= VG_STOK_COMMON;
	if (vg__scan_generic_word(norm, t->norm_len) || generic_word(norm, t->norm_len))
		s->tok[id].flags |= VG_STOK_GENERIC;
	if (vg__scan_place_word(norm, t->norm_len) || region_word(norm, t->norm_len))
		s->tok[id].flags |= VG_STOK_PLACE;
	if (vg__scan_acronym_word(norm, t->norm_len))
		s->tok[id].flags |= VG_STOK_ACRONYM;
	if (vg__scan_patronymic(norm, t->norm_len))
		s->tok[id].flags |= VG_STOK_PATRONYMIC;
	if (!(t->flags & VG_TOKF_HAN))
		vg__scan_variant_groups(s->tok[id].grp, norm, t->norm_len);
	if ((size_t)s->n_tok * 2 > s->ex_cap) {
		if ((rc = rehash(&s->ex_slots, &s->ex_cap,
				 s->ex_cap ? s->ex_cap * 2 : 1024, s->n_tok,
				 tok_hash, s)) < 0)
			return rc;
	} else {
		for (p = (uint32_t)tok_hash(s, id) & (s->ex_cap - 1); s->ex_slots[p];
		     p = (p + 1) & (s->ex_cap - 1))
			;
		s->ex_slots[p] = id + 1;
	}
	*out = id;
	return 0;
}

/* The positions of the name's legal forms ("LIMITED", "S.A.", "S.A. DE
 * C.V."; data/legal_forms.txt), the longest phrase from each word, and of
 * the generic words of companies ("COMPANY"; data/org_generic.txt); an
 * ambiguous form ("SA", "AG") only at the end, and never all of the name. */
static uint32_t legal_mask(const vg__tokenizer *tz, const vg__toks *tk)
{
	uint32_t mask = 0;
	size_t i, n, k;
	for (i = 0; i < tk->n; i++) {
		const vg__tok *t = &tk->v[i];
		const vg__lex_word *w = vg__lex_word_find(tz->pool.ptr + t->norm, t->norm_len);
		if (w && tk->n > 1 && t->norm_len >= 3 && (w->flags & VG__LEX_GENERIC) &&
		    !(w->flags & (VG__LEX_PARTICLE | VG__LEX_STOP))) {
			mask |= 1u << i;
			continue;
		}
		if (!w || !(w->flags & (VG__LEX_LEGAL_START | VG__LEX_LEGAL_AMBIG_START)))
			continue;
		for (n = vg__lex_phrase_max_tokens < tk->n - i ? vg__lex_phrase_max_tokens : tk->n - i;
		     n >= 1; n--) {
			char buf[256];
			size_t bl = 0;
			const vg__lex_phrase *p;
			for (k = i; k < i + n && bl + tk->v[k].norm_len + 1 < sizeof(buf); k++) {
				if (bl)
					buf[bl++] = ' ';
				memcpy(buf + bl, tz->pool.ptr + tk->v[k].norm, tk->v[k].norm_len);
				bl += tk->v[k].norm_len;
			}
			if (k < i + n || n == tk->n || !(p = vg__lex_phrase_find(buf, bl)) ||
			    (p->ambiguous && i + n != tk->n))
				continue;
			for (k = i; k < i + n; k++)
				mask |= 1u << k;
			i += n - 1;
			break;
		}
	}
	return mask;
}

/* The positions of a distinguishing suffix: what follows " - " or " – "
 * ("ISLAMIC STATE IN IRAQ AND THE LEVANT - LIBYA", "... – SAHEL") names a
 * branch, and a text that leaves it out names the parent, not the branch. */
static uint32_t suffix_mask(const char *name, size_t len, const vg__toks *tk)
{
	static const char *const dashes[] = { " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 " };
	size_t k, at = len;
	uint32_t mask = 0, i;

	for (k = 0; k < sizeof(dashes) / sizeof(dashes[0]); k++) {
		size_t dl = strlen(dashes[k]), j;
		for (j = 0; j + dl <= len; j++)
			if (!memcmp(name + j, dashes[k], dl) && j < at)
				at = j;
	}
	if (at == len)
		return 0;
	for (i = 0; i < tk->n && i < 32; i++)
		if (tk->v[i].start > at)
			mask |= 1u << i;
	/* A suffix that is the whole name, or most of it, is no suffix. */
	return mask && tk->n >= 3 && (mask & 1u) == 0 ? mask : 0;
}

/* The strong words after the last "in" (or the transliterated "fi") of
 * an organisation's name of three words or more, as positions: "AL-QAIDA
 * IN IRAQ", "TAWHID WAL JIHAD IN WEST AFRICA" name a branch or a body of
 * that place, and a text that says none of those words names another
 * ("al-Qaida", "جماعة التوحيد والجهاد" in Iraq).  ids: the name's
 * dictionary tokens. */
static uint32_t branch_mask(const vg__scanner *s, const uint32_t *ids, size_t n, vg_schema schema)
{
	uint32_t mask = 0;
	size_t i, in = 0;
	if (schema == VG_SCHEMA_PERSON || n < 3 || n > 32)
		return 0;
	for (i = 1; i + 1 < n; i++) {
		const vg__stok *st = &s->tok[ids[i]];
		const char *w = s->tz.pool.ptr + st->norm;
		if (st->len == 2 && (!memcmp(w, "in", 2) || !memcmp(w, "fi", 2)))
			in = i;
	}
	for (i = in + 1; in && i < n; i++)
		if (!(s->tok[ids[i]].flags & VG_STOK_WEAK))
			mask |= 1u << i;
	return mask;
}

/* The Cyrillic capital letter an acronym writes for a word whose
 * normalised (Latin) form starts at w: the digraphs of the transliteration
 * (zh, kh, ts, ch, sh) are one letter, a Latin name's letters are those
 * Russian renders it with (j: Д of Дж, h: Х, q: К, w: В); NULL for a
 * letter no acronym starts with.  *used: the Latin letters it stands for. */
static const char *cyrillic_initial(const char *w, size_t n, unsigned lang, size_t *used)
{
	static const struct { const char *lat, *cyr; } di[] = {
		{ "zh", "\xd0\x96" }, { "kh", "\xd0\xa5" }, { "ts", "\xd0\xa6" },
		{ "ch", "\xd0\xa7" }, { "sh", "\xd0\xa8" }, { "ph", "\xd0\xa4" },
	};
	/* a..z; i in Ukrainian is І */
	static const char *const one[26] = {
		"\xd0\x90", "\xd0\x91", "\xd0\x9a", "\xd0\x94", "\xd0\x95", "\xd0\xa4",
		"\xd0\x93", "\xd0\xa5", "\xd0\x98", "\xd0\x94", "\xd0\x9a", "\xd0\x9b",
		"\xd0\x9c", "\xd0\x9d", "\xd0\x9e", "\xd0\x9f", "\xd0\x9a", "\xd0\xa0",
		"\xd0\xa1", "\xd0\xa2", "\xd0\xa3", "\xd0\x92", "\xd0\x92", "\xd0\x9a",
		"\xd0\x98", "\xd0\x97",
	};
	size_t k;
	for (k = 0; k < sizeof(di) / sizeof(di[0]); k++)
		if (n >= 2 && w[0] == di[k].lat[0] && w[1] == di[k].lat[1]) {
			*used = 2;
			return di[k].cyr;
		}
	if (!n || w[0] < 'a' || w[0] > 'z')
		return NULL;
	*used = 1;
	if ((w[0] == 'i' || w[0] == 'y') && lang == VG_SCAN_LANG_UK)
		return "\xd0\x86";
	return one[w[0] - 'a'];
}

/* The acronym Russian or Ukrainian (lang) writes for an organisation's
 * name as it translates it: ISLAMIC STATE OF IRAQ AND THE LEVANT is ИГИЛ
 * (Исламское государство Ирака и Леванта), in Ukrainian ІДІЛ (Ісламська
 * держава ...).  Each strong word gives the initial of its translation
 * (data/scan_translations.txt) or, a name, of its Cyrillic rendering;
 * particles give none.  Only for names with a translated word (the others'
 * acronyms are the Latin ones, which the lists give), of three to six
 * letters; written into out (Cyrillic capitals, NUL-terminated), its
 * length or 0. */
static size_t cyrillic_acronym(char out[16], const vg__scanner *s, const uint32_t *ids,
			       size_t n, unsigned lang)
{
	size_t i, len = 0, letters = 0, used, translated = 0, ordinary = 0;

	/* two words to translate: ordinary words or places */
	for (i = 0; i < n; i++)
		if ((s->tok[ids[i]].flags & (VG_STOK_COMMON | VG_STOK_GENERIC | VG_STOK_PLACE)) &&
		    !(s->tok[ids[i]].flags & (VG_STOK_WEAK | VG_STOK_TITLE)))
			ordinary++;
	if (ordinary < 2)
		return 0;
	for (i = 0; i < n; i++) {
		const vg__stok *st = &s->tok[ids[i]];
		const char *w = s->tz.pool.ptr + st->norm, *tr, *c;
		if (st->flags & (VG_STOK_WEAK | VG_STOK_TITLE))
			continue;
		if ((tr = vg__scan_translate_to(lang, w, st->len)) != NULL) {
			translated++;
			c = cyrillic_initial(tr, strlen(tr), lang, &used);
		} else if (st->flags & (VG_STOK_COMMON | VG_STOK_GENERIC)) {
			return 0; /* an ordinary word the data cannot translate */
		} else {
			c = cyrillic_initial(w, st->len, lang, &used);
		}
		if (!c || ++letters > 6)
			return 0;
		memcpy(out + len, c, 2);
		len += 2;
	}
	if (translated < 2 || letters < 3)
		return 0;
	out[len] = '\0';
	return len;
}

static int add_one(vg__scanner *s, uint32_t entity, vg_schema schema,
		   const char *name, size_t len, unsigned flags);

/* The Russian and Ukrainian acronyms of the organisation name just added
 * (cyrillic_acronym), added as names of its own entity. */
static int add_acronyms(vg__scanner *s, uint32_t entity, vg_schema schema, unsigned flags)
{
	const vg__sname *nm = &s->names[s->n_names - 1];
	uint32_t ids[VG_SCAN_MAX_NAME_TOKENS];
	char acr[VG_SCAN_N_ACR_LANGS][16];
	size_t len[VG_SCAN_N_ACR_LANGS];
	unsigned lang;
	int rc;

	if (schema == VG_SCHEMA_PERSON || schema == VG_SCHEMA_VESSEL ||
	    schema == VG_SCHEMA_AIRPLANE || nm->n_tok < 2)
		return 0;
	memcpy(ids, s->ntoks + nm->tok_start, nm->n_tok * sizeof(*ids));
	for (lang = 0; lang < VG_SCAN_N_ACR_LANGS; lang++)
		len[lang] = cyrillic_acronym(acr[lang], s, ids, nm->n_tok, lang);
	for (lang = 0; lang < VG_SCAN_N_ACR_LANGS; lang++)
		if (len[lang] && (lang == 0 || len[0] != len[lang] || memcmp(acr[0], acr[lang], len[0])) &&
		    (rc = add_one(s, entity, schema, acr[lang], len[lang],
				  (flags & VG_SCAN_NAME_WEAK) | VG_SNAME_CYR_ACRONYM)) < 0)
			return rc;
	return 0;
}

/* Is the normalised word w[0..n) one of ws (NULL-terminated)? */
static bool one_of(const char *w, size_t n, const char *const *ws)
{
	for (; *ws; ws++)
		if (strlen(*ws) == n && !memcmp(*ws, w, n))
			return true;
	return false;
}

/* The position of an Arabic compound ending in al-Din in the name just
 * tokenised into tk (a word, the article, din: "IZZ AL-DIN", "Nur
 * ad-Din", "BADR EL DIN"), or -1. */
static long din_compound(const vg__scanner *s, const vg__toks *tk)
{
	static const char *const art[] = { "al", "el", "ad", "ed", "ud", "ul", NULL };
	static const char *const din[] = { "din", "deen", "dine", "dien", NULL };
	size_t i;
	for (i = 0; i + 2 < tk->n; i++) {
		const vg__tok *a = &tk->v[i], *b = &tk->v[i + 1], *c = &tk->v[i + 2];
		if (a->norm_len >= 2 && !(a->flags & (VG_TOKF_CYRILLIC | VG_TOKF_UNCASED)) &&
		    b->brk == VG_BRK_SPACE && c->brk == VG_BRK_SPACE &&
		    one_of(s->tz.pool.ptr + b->norm, b->norm_len, art) &&
		    one_of(s->tz.pool.ptr + c->norm, c->norm_len, din))
			return (long)i;
	}
	return -1;
}

static int add_one(vg__scanner *s, uint32_t entity, vg_schema schema,
		   const char *name, size_t len, unsigned flags);

/* Transliterations of Arabic write a compound name ending in al-Din (the
 * faith: Izz al-Din, Nur al-Din, Salah al-Din) as one word as often as
 * three, the article's l said or assimilated: "Ezzeldin", "Izzuddin",
 * "Nureddine".  A listed name with such a compound (IZZ AL-DIN AL-QASSAM
 * BRIGADES) is added again with it joined, as izzaldin and izzaddin,
 * whose loose keys (vowels folded) those spellings reach. */
static int add_joined(vg__scanner *s, uint32_t entity, vg_schema schema,
		      const char *name, size_t len, unsigned flags)
{
	static const char *const joins[] = { "al", "ad" };
	const vg__toks *tk = &s->scratch;
	long at = din_compound(s, tk);
	size_t a, e, k;
	char *buf;
	int rc = 0;

	if (at < 0)
		return 0;
	a = tk->v[at].end;         /* after the first word */
	e = tk->v[at + 2].end;     /* after din */
	if (!(buf = vg__malloc(len + 8)))
		return VG_ENOMEM;
	for (k = 0; k < 2 && rc >= 0; k++) {
		size_t n = 0;
		memcpy(buf, name, a);
		n = a;
		memcpy(buf + n, joins[k], 2);
		n += 2;
		memcpy(buf + n, "din", 3);
		n += 3;
		memcpy(buf + n, name + e, len - e);
		n += len - e;
		rc = add_one(s, entity, schema, buf, n, flags | VG_SNAME_JOINED);
	}
	free(buf);
	return rc;
}

/* Texts name a body by its own word and leave the word of its kind
 * unsaid ("Abu Sayyaf claimed", "the Abu Sayyaf"; "Abu Nidal" for the
 * ABU NIDAL ORGANIZATION), as they do for longer names (kind_pos): an
 * organisation's listed name whose last word is a body of people
 * ("group", "network": vg__scan_body_word; not a company's or a bank's,
 * whose one word is as often a given name or an ordinary word: "Arian",
 * "Honor") and whose other words hold exactly one strong word of letters,
 * no ordinary, generic or place word, is added again without its kind
 * word.  That one-word name is judged as every one-word name is (window.c
 * judge_single: capitalised, rare among the listed parties, no given
 * name), and only while no other party's name holds the word
 * (name_stats: HIZBALLAH of HIZBALLAH BRIGADES is Hizballah's).  With
 * two strong words or more left the rest names other bodies too
 * ("Islamic Jihad" of ISLAMIC JIHAD GROUP): kind_pos leaves the kind word
 * unsaid only with three.  The length of that name (a prefix of the one
 * just added), or 0. */
static size_t kindless_len(const vg__scanner *s, vg_schema schema)
{
	const vg__sname *nm = &s->names[s->n_names - 1];
	const uint32_t *ids = s->ntoks + nm->tok_start;
	const vg__stok *last;
	uint32_t i, strong = 0;

	if (schema == VG_SCHEMA_PERSON || schema == VG_SCHEMA_VESSEL ||
	    schema == VG_SCHEMA_AIRPLANE || nm->n_tok < 2)
		return 0;
	last = &s->tok[ids[nm->n_tok - 1]];
	if (!vg__scan_body_word(s->tz.pool.ptr + last->norm, last->len))
		return 0;
	for (i = 0; i + 1 < nm->n_tok; i++) {
		const vg__stok *tk = &s->tok[ids[i]];
		const char *w = s->tz.pool.ptr + tk->norm;
		if (tk->flags & (VG_STOK_WEAK | VG_STOK_TITLE))
			continue;
		if ((tk->flags & (VG_STOK_COMMON | VG_STOK_GENERIC | VG_STOK_PLACE |
				  VG_STOK_ACRONYM | VG_STOK_PATRONYMIC | VG_STOK_HAN)) ||
		    (w[0] >= '0' && w[0] <= '9') || vg__scan_translate(w, tk->len))
			return 0;
		strong++;
	}
	/* the name up to the end of the word before the kind word */
	return strong == 1 ? s->scratch.v[nm->n_tok - 2].end : 0;
}

/* Adds name[0..len), the name kindless_len found, with every word of it
 * required: the word alone, without its particle, is a person's name as
 * often ("Sayyaf" of "Abu Sayyaf", Abdul Rasul Sayyaf). */
static int add_kindless(vg__scanner *s, uint32_t entity, vg_schema schema,
			const char *name, size_t len, unsigned flags)
{
	uint32_t before = s->n_names;
	int rc = add_one(s, entity, schema, name, len, flags | VG_SNAME_KINDLESS);
	vg__sname *nm = &s->names[s->n_names - 1];
	if (rc >= 0 && s->n_names > before)
		nm->required = (uint32_t)((1ull << nm->n_tok) - 1);
	return rc;
}

static int add_one(vg__scanner *s, uint32_t entity, vg_schema schema,
		   const char *name, size_t len, unsigned flags)
{
	vg__toks *tk = &s->scratch;
	size_t i, first, kindless;
	vg__sname *nm;
	int rc;

	if (s->finished)
		return vg__error_set(VG_EUSAGE, "scanner: add after finish");
	while (len && (*name == ' ' || *name == ','))
		name++, len--;
	while (len && (name[len - 1] == ' ' || name[len - 1] == ','))
		len--;
	tk->n = 0;
	if ((rc = vg__tokenize(tk, &s->tz, name, len, false)) < 0) {
		/* A listed name that is not text cannot be found in text; out
		 * of memory is a failure. */
		if (rc == VG_ENOMEM)
			return rc;
		vg_error_clear();
		return 0;
	}
	if (tk->n == 0 || tk->n > VG_SCAN_MAX_NAME_TOKENS)
		return 0;
	if ((rc = vg__grow32(&s->names, &s->cap_names, (size_t)s->n_names + 1,
		       sizeof(*s->names))) < 0 ||
	    (rc = vg__grow32(&s->ntoks, &s->cap_ntoks,
		       (size_t)s->n_ntoks + tk->n, sizeof(*s->ntoks))) < 0)
		return rc;
	if (entity != s->last_entity) {
		s->n_entities++;
		s->last_entity = entity;
	}
	first = s->n_ntoks;
	for (i = 0; i < tk->n; i++) {
		uint32_t id;
		if ((rc = intern(&id, s, &tk->v[i])) < 0)
			return rc;
		if (s->tok[id].last_entity != entity) {
			s->tok[id].df++;
			s->tok[id].last_entity = entity;
		}
		if (!(flags & (VG_SNAME_CYR_ACRONYM | VG_SNAME_JOINED)))
			s->tok[id].flags |= VG_STOK_LISTED;
		if (flags & VG_SCAN_NAME_ARABIC)
			s->tok[id].flags |= VG_STOK_ARABIC;
		if (s->tok[id].flags & VG_STOK_CONJ)
			flags |= VG_SNAME_CONJ;
		s->ntoks[s->n_ntoks++] = id;
	}
	nm = &s->names[s->n_names++];
	memset(nm, 0, sizeof(*nm));
	nm->entity = entity;
	nm->schema = (uint8_t)schema;
	nm->flags = (uint16_t)flags;
	/* "PUTIN, Vladimir", "NASSER DAVID, Julio Cesar": the family
	 * name comes first. */
	nm->given_pos = VG_SCAN_NO_POS;
	for (i = 1; i < tk->n && i < 4; i++)
		if (tk->v[i].brk == VG_BRK_SOFT) {
			nm->flags |= VG_SNAME_SURNAME_FIRST;
			nm->given_pos = (uint8_t)i; /* the first word after the comma */
			break;
		}
	/* A word a list writes before that comma is a family name, whatever
	 * it ends in ("YANUKOVYCH, Viktor Fedorovych", "ABRAMOVICH, Roman"):
	 * no father's name, in this name or another ("Viktor Fedorovych
	 * YANUKOVYCH"). */
	if (schema == VG_SCHEMA_PERSON && nm->given_pos != VG_SCAN_NO_POS)
		for (i = 0; i < nm->given_pos; i++)
			s->tok[s->ntoks[first + i]].flags &= ~VG_STOK_PATRONYMIC;
	nm->tok_start = (uint32_t)first;
	nm->n_tok = (uint8_t)tk->n;
	nm->required = suffix_mask(name, len, tk);
	nm->branch = branch_mask(s, s->ntoks + first, tk->n, schema);
	nm->legal = legal_mask(&s->tz, tk);
	nm->text = (uint32_t)s->texts.size;
	nm->text_len = (uint32_t)len;
	if (vg_buf_put(&s->texts, name, len) < 0 || vg_buf_put(&s->texts, "", 1) < 0)
		return VG_ENOMEM;
	if (flags & (VG_SNAME_CYR_ACRONYM | VG_SNAME_JOINED | VG_SNAME_KINDLESS))
		return 0;
	kindless = kindless_len(s, schema);
	if ((rc = add_joined(s, entity, schema, name, len, flags)) < 0 ||
	    (rc = add_acronyms(s, entity, schema, flags)) < 0)
		return rc;
	return kindless ? add_kindless(s, entity, schema, name, kindless, flags) : 0;
}

const char *vg__scanner_name_text(const vg__scanner *s, uint32_t name,
				  size_t *len)
{
	*len = s->names[name].text_len;
	return s->texts.ptr + s->names[name].text;
}

/* The number of key[0..kl) in ks, added when new. */
static int keyset_add(uint32_t *out, vg__keyset *ks, const char *key, size_t kl)
{
	uint32_t k = vg__keyset_find(ks, key, kl), p;
	int rc;

	if (k == VG_SCAN_NONE) {
		if ((rc = vg__grow32(&ks->lk, &ks->cap, (size_t)ks->n + 1, sizeof(*ks->lk))) < 0)
			return rc;
		k = ks->n++;
		ks->lk[k].off = (uint32_t)ks->pool.size;
		ks->lk[k].len = (uint16_t)kl;
		ks->lk[k].count = 0;
		if ((rc = vg_buf_put(&ks->pool, key, kl)) < 0)
			return rc;
		if ((size_t)ks->n * 2 > ks->slot_cap) {
			if ((rc = rehash(&ks->slots, &ks->slot_cap,
					 ks->slot_cap ? ks->slot_cap * 2 : 1024, ks->n, lk_hash, ks)) < 0)
				return rc;
		} else {
			for (p = (uint32_t)lk_hash(ks, k) & (ks->slot_cap - 1); ks->slots[p];
			     p = (p + 1) & (ks->slot_cap - 1))
				;
			ks->slots[p] = k + 1;
		}
	}
	ks->lk[k].count++;
	*out = k;
	return 0;
}

/* The keyset's token lists, from each token's key number (at `field`
 * bytes into vg__stok). */
static int keyset_index(vg__keyset *ks, const vg__scanner *s, size_t field)
{
	uint32_t t, k, *fill;

	if (!(ks->toks = vg__malloc(((size_t)s->n_tok + 1) * sizeof(uint32_t))) ||
	    !(fill = vg__calloc((size_t)ks->n + 1, sizeof(uint32_t))))
		return vg__error_oom();
	for (k = 0, t = 0; k < ks->n; k++) {
		ks->lk[k].start = t;
		t += ks->lk[k].count;
	}
	for (t = 0; t < s->n_tok; t++) {
		memcpy(&k, (const char *)&s->tok[t] + field, sizeof(k));
		if (k != VG_SCAN_NONE)
			ks->toks[ks->lk[k].start + fill[k]++] = t;
	}
	free(fill);
	return 0;
}

/* Loose keys and consonant skeletons: one per distinct form, each listing
 * its tokens. */
static int build_loose(vg__scanner *s)
{
	char key[VG_SCAN_MAX_WORD + 1];
	uint32_t t;
	int rc;

	for (t = 0; t < s->n_tok; t++) {
		vg__stok *tk = &s->tok[t];
		const char *w = s->tz.pool.ptr + tk->norm;
		size_t kl;
		tk->loose = tk->skel = tk->zkey = VG_SCAN_NONE;
		if (tk->len > VG_SCAN_MAX_WORD || (tk->flags & VG_STOK_HAN))
			continue;
		kl = vg__loose_key(key, w, tk->len, false);
		tk->lo1 = vg__key_hash32(key, kl);
		kl = vg__loose_key(key, w, tk->len, true);
		if ((rc = keyset_add(&tk->loose, &s->lo, key, kl)) < 0)
			return rc;
		/* a word only of derived names (add_joined: izzaldin) is
		 * for Latin text: Arabic and Chinese spell the words listed */
		if (!(tk->flags & VG_STOK_LISTED))
			continue;
		if ((kl = vg__skeleton_key(key, w, tk->len)) &&
		    (rc = keyset_add(&tk->skel, &s->sk, key, kl)) < 0)
			return rc;
		if (!(tk->flags & (VG_STOK_WEAK | VG_STOK_TITLE)) &&
		    (kl = vg__zh_key(key, w, tk->len)) &&
		    (rc = keyset_add(&tk->zkey, &s->zk, key, kl)) < 0)
			return rc;
	}
	if ((rc = keyset_index(&s->lo, s, offsetof(vg__stok, loose))) < 0 ||
	    (rc = keyset_index(&s->zk, s, offsetof(vg__stok, zkey))) < 0)
		return rc;
	return keyset_index(&s->sk, s, offsetof(vg__stok, skel));
}

/* Weight: information content of the token across entities; words that
 * are also ordinary language, titles and particles weigh less. */
static void weigh_tokens(vg__scanner *s)
{
	uint32_t t;

	s->max_weight = logf(1.0f + (float)s->n_entities);
	for (t = 0; t < s->n_tok; t++) {
		vg__stok *tk = &s->tok[t];
		float w = logf(1.0f + (float)s->n_entities / (float)(tk->df ? tk->df : 1));
		if (tk->flags & (VG_STOK_WEAK | VG_STOK_TITLE))
			w *= 0.1f;
		else if (tk->flags & (VG_STOK_COMMON | VG_STOK_PLACE | VG_STOK_PATRONYMIC))
			w *= 0.5f;
		if (w < 0.05f)
			w = 0.05f;
		tk->w = w;
	}
}

/* A name's strong-word count, its heaviest strong word and its family
 * name; the other words of a person's name are marked as given names. */
/* Fewest strong words an organisation's name keeps without its kind
 * word: "Islamic State West Africa" of ... PROVINCE, "Izz al-Din
 * al-Qassam" of ... BRIGADES; not "Islamic Jihad" of ISLAMIC JIHAD GROUP,
 * which names other bodies too. */
#define KIND_REST_MIN 3

/* The position of an organisation's last word when it says what kind of
 * body the name names ("province", "brigades": vg__scan_kind_word) and
 * KIND_REST_MIN strong words come before it; else that of its first word
 * when it is the head noun an Arabic name starts with ("TANZIM AL-QA'IDA
 * FI BILAD AL-MAGHRIB AL-ISLAMIYA": vg__scan_kind_first) and as many come
 * after it; else VG_SCAN_NO_POS. */
static uint8_t kind_pos(const vg__scanner *s, const vg__sname *nm, uint8_t first, uint8_t last)
{
	const vg__stok *tk;
	if (nm->schema == VG_SCHEMA_PERSON || last == VG_SCAN_NO_POS ||
	    nm->strong < KIND_REST_MIN + 1)
		return VG_SCAN_NO_POS;
	tk = &s->tok[s->ntoks[nm->tok_start + last]];
	if (last + 1 == nm->n_tok && vg__scan_kind_word(s->tz.pool.ptr + tk->norm, tk->len))
		return last;
	tk = &s->tok[s->ntoks[nm->tok_start + first]];
	if (vg__scan_kind_first(s->tz.pool.ptr + tk->norm, tk->len))
		return first;
	return VG_SCAN_NO_POS;
}

static void name_stats(vg__scanner *s, vg__sname *nm)
{
	uint8_t first_pos = VG_SCAN_NO_POS, last_pos = VG_SCAN_NO_POS, after;
	bool patronymic_last = false;
	float best = 0;
	uint32_t i;

	nm->wsum = 0;
	nm->strong = 0;
	nm->max_pos = 0;
	for (i = 0; i < nm->n_tok; i++) {
		const vg__stok *tk = &s->tok[s->ntoks[nm->tok_start + i]];
		nm->wsum += tk->w;
		if (tk->flags & (VG_STOK_WEAK | VG_STOK_TITLE))
			continue;
		patronymic_last = (tk->flags & VG_STOK_PATRONYMIC) != 0;
		if (!patronymic_last) {
			if (first_pos == VG_SCAN_NO_POS)
				first_pos = (uint8_t)i;
			last_pos = (uint8_t)i;
		}
		nm->strong++;
		/* Ties go to the later token: the family name in "Given
		 * Family" order. */
		if (tk->w > best || (tk->w == best && !(nm->flags & VG_SNAME_SURNAME_FIRST))) {
			best = tk->w;
			nm->max_pos = (uint8_t)i;
		}
	}
	nm->kind_pos = kind_pos(s, nm, first_pos, last_pos);
	/* "Zakharov Aleksandr Vyacheslavovich": a father's name at the end
	 * puts the family name first. */
	nm->family_pos = (nm->flags & VG_SNAME_SURNAME_FIRST) || patronymic_last
			 ? first_pos : last_pos;
	/* The other words of a person's name are given names: alone they
	 * name nobody ("Denise" is not DENISE COMPANY); the first of them is
	 * the person's own ("HAMZA Usama Muhammad bin Laden": Usama is his
	 * father's). */
	after = nm->given_pos; /* the comma of "FAMILY, Given" (add_one) */
	nm->given_pos = VG_SCAN_NO_POS;
	if (nm->schema == VG_SCHEMA_PERSON && nm->strong >= 2)
		for (i = 0; i < nm->n_tok; i++) {
			vg__stok *tk = &s->tok[s->ntoks[nm->tok_start + i]];
			if (i == nm->family_pos)
				continue;
			tk->flags |= VG_STOK_GIVEN;
			if (nm->given_pos == VG_SCAN_NO_POS &&
			    !(tk->flags & (VG_STOK_WEAK | VG_STOK_TITLE | VG_STOK_PATRONYMIC)) &&
			    (after == VG_SCAN_NO_POS || i >= after))
				nm->given_pos = (uint8_t)i;
		}
}

/* Fewest listed people sharing a given name (with its other spellings:
 * data/name_variants.txt) for it to say nothing about which of them a
 * text means: one in COMMON_GIVEN_SHARE of the people, at least
 * COMMON_GIVEN_MIN. */
#define COMMON_GIVEN_SHARE 256
#define COMMON_GIVEN_MIN 8

/* For each token, the people whose name holds it as a given name (family:
 * as the family name), each person once. */
static void count_roles(vg__scanner *s, uint32_t *given, uint32_t *family, uint32_t *people)
{
	uint32_t n, t, last = UINT32_MAX;

	for (t = 0; t < s->n_tok; t++)
		s->tok[t].last_entity = UINT32_MAX;
	for (n = 0; n < s->n_names; n++) {
		const vg__sname *nm = &s->names[n];
		uint32_t p;
		if (nm->schema != VG_SCHEMA_PERSON || nm->strong < 2 || nm->family_pos == VG_SCAN_NO_POS)
			continue;
		if (nm->entity != last)
			(*people)++;
		last = nm->entity;
		for (p = 0; p < nm->n_tok; p++) {
			vg__stok *tk = &s->tok[s->ntoks[nm->tok_start + p]];
			uint32_t id = s->ntoks[nm->tok_start + p];
			/* an entity counts once per token, in the role it
			 * has in its first name holding it */
			if (tk->last_entity == nm->entity ||
			    (tk->flags & (VG_STOK_WEAK | VG_STOK_TITLE | VG_STOK_PATRONYMIC)))
				continue;
			tk->last_entity = nm->entity;
			if (p == nm->family_pos)
				family[id]++;
			else
				given[id]++;
		}
	}
}

/* A word of a name written in Arabic script that spells such a given name
 * in Latin letters ("محمد" Muhammad, "أحمد" Ahmad) is one too: the lists
 * write few names in Arabic script, so its own count says little. */
static void mark_common_given_arabic(vg__scanner *s)
{
	uint32_t t, q;

	for (t = 0; t < s->n_tok; t++) {
		vg__stok *st = &s->tok[t];
		const vg__lkey *lk;
		if (!(st->flags & VG_STOK_AR_SCRIPT) || (st->flags & VG_STOK_GIVEN_COMMON) ||
		    st->skel == VG_SCAN_NONE)
			continue;
		lk = &s->sk.lk[st->skel];
		for (q = 0; q < lk->count; q++) {
			const vg__stok *l = &s->tok[s->sk.toks[lk->start + q]];
			const char *a = s->tz.pool.ptr + st->norm, *b = s->tz.pool.ptr + l->norm;
			if (!(l->flags & VG_STOK_AR_SCRIPT) && (l->flags & VG_STOK_GIVEN_COMMON) &&
			    (vg__arabic_spelling(a, st->len, b, l->len, false) ||
			     vg__arabic_spelling(a, st->len, b, l->len, true))) {
				st->flags |= VG_STOK_GIVEN_COMMON;
				break;
			}
		}
	}
}

/* Given names many listed people share and few have as a family name,
 * counted with their other spellings (Muhammad, Mohammed, Мухаммад):
 * VG_STOK_GIVEN_COMMON.  Two of them name nobody in particular
 * ("Muhammad Ali"). */
static int mark_common_given(vg__scanner *s)
{
	uint32_t *given = vg__calloc((size_t)s->n_tok + 1, sizeof(uint32_t));
	uint32_t *family = vg__calloc((size_t)s->n_tok + 1, sizeof(uint32_t));
	uint32_t *gsum = vg__calloc(65536, sizeof(uint32_t)), *fsum = vg__calloc(65536, sizeof(uint32_t));
	uint32_t people = 0, t, min;
	int k;

	if (!given || !family || !gsum || !fsum) {
		free(given);
		free(family);
		free(gsum);
		free(fsum);
		return vg__error_oom();
	}
	count_roles(s, given, family, &people);
	for (t = 0; t < s->n_tok; t++)
		for (k = 0; k < 2; k++)
			if (s->tok[t].grp[k]) {
				gsum[s->tok[t].grp[k]] += given[t];
				fsum[s->tok[t].grp[k]] += family[t];
			}
	min = people / COMMON_GIVEN_SHARE;
	if (min < COMMON_GIVEN_MIN)
		min = COMMON_GIVEN_MIN;
	for (t = 0; t < s->n_tok; t++) {
		uint32_t g = given[t], f = family[t];
		for (k = 0; k < 2; k++)
			if (s->tok[t].grp[k] && gsum[s->tok[t].grp[k]] > g) {
				g = gsum[s->tok[t].grp[k]];
				f = fsum[s->tok[t].grp[k]];
			}
		if (g >= min && g >= 2 * f)
			s->tok[t].flags |= VG_STOK_GIVEN_COMMON;
	}
	mark_common_given_arabic(s);
	free(given);
	free(family);
	free(gsum);
	free(fsum);
	return 0;
}

/* solo: the entities for which the token alone (with particles) is a
 * whole name: how ambiguous it is as a one-word name.  A name less its
 * kind word (kindless_len) names nothing where the word alone is a listed
 * name already (HIZBALLAH of HIZBALLAH BRIGADES is Hizballah's) or a
 * listed person's family name (HAQQANI of HAQQANI NETWORK) or a word
 * of many parties' names, and counts after the names as listed. */
#define SOLO_LISTED (UINT32_MAX - 1) /* last_entity: a listed one-word name */
/* Most parties whose names hold the one word of a name less its kind
 * word: the body as four lists write it (OFAC, UN, EU, UK); in more, the
 * word is common to bodies ("Mujahidin" of AL-MUJAHIDIN BRIGADES). */
#define KINDLESS_DF_MAX 4
static void count_solo(vg__scanner *s)
{
	uint32_t n, t;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		/* before the second pass, the words alone listed already, and
		 * people's family names (alone, the person: refer.c) */
		for (t = 0; t < s->n_tok; t++)
			s->tok[t].last_entity = pass && s->tok[t].solo ? SOLO_LISTED : UINT32_MAX;
		for (n = 0; pass && n < s->n_names; n++)
			if (s->names[n].schema == VG_SCHEMA_PERSON &&
			    s->names[n].family_pos != VG_SCAN_NO_POS)
				s->tok[s->ntoks[s->names[n].tok_start + s->names[n].family_pos]]
					.last_entity = SOLO_LISTED;
		for (n = 0; n < s->n_names; n++) {
			vg__sname *nm = &s->names[n];
			vg__stok *tk;
			if (nm->strong != 1 || !(nm->flags & VG_SNAME_KINDLESS) != !pass)
				continue;
			tk = &s->tok[s->ntoks[nm->tok_start + nm->max_pos]];
			if (pass && (tk->last_entity == SOLO_LISTED || tk->df > KINDLESS_DF_MAX)) {
				nm->strong = 0;
				continue;
			}
			if (tk->last_entity != nm->entity) {
				tk->solo++;
				tk->last_entity = nm->entity;
			}
		}
	}
}

/* Postings: token -> names, each name once per token. */
static int build_postings(vg__scanner *s)
{
	uint32_t t, n, *fill = NULL;
	size_t total = 0;

	if (!(s->post_start = vg__calloc((size_t)s->n_tok + 1, sizeof(uint32_t))))
		return vg__error_oom();
	for (n = 0; n < s->n_names; n++) {
		const vg__sname *nm = &s->names[n];
		uint32_t i, j;
		for (i = 0; i < nm->n_tok; i++) {
			uint32_t id = s->ntoks[nm->tok_start + i];
			for (j = 0; j < i && s->ntoks[nm->tok_start + j] != id; j++)
				;
			if (j == i) {
				s->post_start[id + 1]++;
				total++;
			}
		}
	}
	for (t = 0; t < s->n_tok; t++)
		s->post_start[t + 1] += s->post_start[t];
	if (!(s->post = vg__malloc((total ? total : 1) * sizeof(uint32_t))) ||
	    !(fill = vg__calloc((size_t)s->n_tok + 1, sizeof(uint32_t)))) {
		free(fill);
		return vg__error_oom();
	}
	for (n = 0; n < s->n_names; n++) {
		const vg__sname *nm = &s->names[n];
		uint32_t i, j;
		for (i = 0; i < nm->n_tok; i++) {
			uint32_t id = s->ntoks[nm->tok_start + i];
			for (j = 0; j < i && s->ntoks[nm->tok_start + j] != id; j++)
				;
			if (j == i)
				s->post[s->post_start[id] + fill[id]++] = n;
		}
	}
	free(fill);
	return 0;
}

/* s->one: the postings of the names with one strong word, apart (scan.c's
 * eval_solo looks for them among a frequent token's thousands). */
static int build_one_postings(vg__scanner *s)
{
	uint32_t t, pi, k = 0;
	if (!(s->one_start = vg__calloc((size_t)s->n_tok + 1, sizeof(uint32_t))))
		return vg__error_oom();
	for (t = 0; t < s->n_tok; t++)
		for (pi = s->post_start[t]; pi < s->post_start[t + 1]; pi++)
			if (s->names[s->post[pi]].strong == 1)
				k++;
	if (!(s->one = vg__malloc((k ? k : 1) * sizeof(uint32_t))))
		return vg__error_oom();
	for (k = t = 0; t < s->n_tok; t++) {
		s->one_start[t] = k;
		for (pi = s->post_start[t]; pi < s->post_start[t + 1]; pi++)
			if (s->names[s->post[pi]].strong == 1)
				s->one[k++] = s->post[pi];
	}
	s->one_start[s->n_tok] = k;
	return 0;
}

int vg__scan_cmp_u32(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	return a < b ? -1 : (a > b);
}

/* The precise loose keys of places (hashed, sorted). */
static int build_place_keys(vg__scanner *s)
{
	char key[VG_SCAN_MAX_WORD + 1];
	size_t i;

	if (!(s->place_keys = vg__malloc((vg__sd_places_n + 1) * sizeof(uint32_t))))
		return vg__error_oom();
	for (i = 0; i < vg__sd_places_n; i++) {
		size_t len = strlen(vg__sd_places[i]);
		if (len <= VG_SCAN_MAX_WORD)
			s->place_keys[s->n_place_keys++] =
				vg__key_hash32(key, vg__loose_key(key, vg__sd_places[i], len, false));
	}
	qsort(s->place_keys, s->n_place_keys, sizeof(uint32_t), vg__scan_cmp_u32);
	return 0;
}

bool vg__scanner_place_form(const vg__scanner *s, uint32_t lo1)
{
	return s->n_place_keys &&
	       bsearch(&lo1, s->place_keys, s->n_place_keys, sizeof(uint32_t), vg__scan_cmp_u32) != NULL;
}

/* The normalised forms of the ordinary Arabic words (hashed, sorted),
 * normalised as text is: by the scanner's tokenizer. */
static int build_ar_common(vg__scanner *s)
{
	size_t i;
	int rc;

	if (!(s->ar_common = vg__malloc((vg__sd_ar_common_n + 1) * sizeof(uint32_t))))
		return vg__error_oom();
	for (i = 0; i < vg__sd_ar_common_n; i++) {
		s->scratch.n = 0;
		if ((rc = vg__tokenize(&s->scratch, &s->tz, vg__sd_ar_common[i],
				       strlen(vg__sd_ar_common[i]), false)) < 0)
			return rc;
		if (s->scratch.n == 1)
			s->ar_common[s->n_ar_common++] =
				vg__key_hash32(s->tz.pool.ptr + s->scratch.v[0].norm,
					       s->scratch.v[0].norm_len);
	}
	qsort(s->ar_common, s->n_ar_common, sizeof(uint32_t), vg__scan_cmp_u32);
	return 0;
}

bool vg__scanner_ar_common(const vg__scanner *s, const char *norm, size_t len)
{
	uint32_t h;
	if (!s->n_ar_common)
		return false;
	h = vg__key_hash32(norm, len);
	return bsearch(&h, s->ar_common, s->n_ar_common, sizeof(uint32_t), vg__scan_cmp_u32) != NULL;
}

uint32_t vg__scanner_spelt_org(const vg__scanner *s, const vg__sname *nm)
{
	char joined[64];
	size_t len = 0;
	uint32_t p, id, pi;
	if (nm->schema != VG_SCHEMA_PERSON || nm->n_tok < 2 || nm->n_tok > 3)
		return VG_SCAN_NONE;
	for (p = 0; p < nm->n_tok; p++) {
		const vg__stok *st = &s->tok[s->ntoks[nm->tok_start + p]];
		if (len + st->len > sizeof(joined))
			return VG_SCAN_NONE;
		memcpy(joined + len, s->tz.pool.ptr + st->norm, st->len);
		len += st->len;
	}
	if ((id = vg__scanner_find(s, joined, len)) == VG_SCAN_NONE || !s->tok[id].solo)
		return VG_SCAN_NONE;
	for (pi = s->post_start[id]; pi < s->post_start[id + 1]; pi++) {
		const vg__sname *o = &s->names[s->post[pi]];
		if (o->schema != VG_SCHEMA_PERSON && o->strong == 1 &&
		    s->ntoks[o->tok_start + o->max_pos] == id)
			return s->post[pi];
	}
	return VG_SCAN_NONE;
}

/* Flags the people's names that spell an organisation's (the text means
 * the organisation by them: "Hizb Allah" is Hizballah). */
static void mark_spelt_orgs(vg__scanner *s)
{
	uint32_t n;
	for (n = 0; n < s->n_names; n++)
		if (vg__scanner_spelt_org(s, &s->names[n]) != VG_SCAN_NONE)
			s->names[n].flags |= VG_SNAME_SPELLS_ORG;
}

/* Sets bit (v & 255) of a 256-bit filter. */
static void filter_set(uint64_t *f, uint32_t v)
{
	f[(v >> 6) & 3] |= 1ULL << (v & 63);
}

/* s->nfilter: for each name, its strong tokens and their keys as bits. */
static int build_name_filters(vg__scanner *s)
{
	uint32_t n, p;
	if (!(s->nfilter = vg__calloc(s->n_names ? s->n_names : 1, 8 * sizeof(uint64_t))))
		return vg__error_oom();
	for (n = 0; n < s->n_names; n++) {
		const vg__sname *nm = &s->names[n];
		uint64_t *f = s->nfilter + (size_t)n * 8;
		for (p = 0; p < nm->n_tok; p++) {
			uint32_t tok = s->ntoks[nm->tok_start + p];
			const vg__stok *st = &s->tok[tok];
			if (st->flags & (VG_STOK_WEAK | VG_STOK_TITLE))
				continue;
			filter_set(f, tok);
			if (st->loose != VG_SCAN_NONE)
				filter_set(f + 4, st->loose);
			if (st->zkey != VG_SCAN_NONE)
				filter_set(f + 4, st->zkey);
			if (st->skel != VG_SCAN_NONE)
				filter_set(f + 4, st->skel);
		}
	}
	return 0;
}

int vg__scanner_finish(vg__scanner *s)
{
	uint32_t n;
	int rc;

	if (s->finished)
		return 0;
	weigh_tokens(s);
	if ((rc = build_loose(s)) < 0 || (rc = build_place_keys(s)) < 0 ||
	    (rc = build_ar_common(s)) < 0)
		return rc;
	for (n = 0; n < s->n_names; n++)
		name_stats(s, &s->names[n]);
	if ((rc = mark_common_given(s)) < 0)
		return rc;
	count_solo(s);
	if ((rc = build_postings(s)) < 0 || (rc = build_one_postings(s)) < 0)
		return rc;
	mark_spelt_orgs(s);
	if ((rc = build_name_filters(s)) < 0)
		return rc;
	/* The cache of raw spellings is only needed while adding names. */
	free(s->tz.slots);
	free(s->tz.ents);
	s->tz.slots = NULL;
	s->tz.ents = NULL;
	s->tz.cap = s->tz.used = s->tz.n_ents = s->tz.cap_ents = 0;
	vg_buf_dispose(&s->tz.raw);
	vg_buf_dispose(&s->tz.tmp);
	free(s->scratch.v);
	memset(&s->scratch, 0, sizeof(s->scratch));
	s->finished = true;
	return 0;
}

/* The words of name[0..len) as the annotation list writes them: runs of
 * ASCII letters and digits, lower-cased (a byte of another script is a
 * letter, so such a word is never an annotation); at most cap of them. */
typedef struct {
	size_t a, b;
} wspan;

static size_t ann_words(const char *name, size_t len, wspan *w, size_t cap)
{
	size_t i = 0, n = 0;
	while (i < len && n < cap) {
		unsigned char c = (unsigned char)name[i];
		if (!(c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))) {
			i++;
			continue;
		}
		w[n].a = i;
		while (i < len && ((c = (unsigned char)name[i]) >= 0x80 || (c >= '0' && c <= '9') ||
				   ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
			i++;
		w[n++].b = i;
	}
	return n;
}

/* Are words w[a..b) of name an annotation phrase (data/scan_annotations.txt)?
 * 2: yes, 1: they start one, 0: neither. */
static int ann_phrase(const char *name, const wspan *w, size_t a, size_t b)
{
	char buf[64];
	size_t len = 0, k, j;
	for (k = a; k < b; k++) {
		if (len + (w[k].b - w[k].a) + 1 >= sizeof(buf))
			return false;
		if (k > a)
			buf[len++] = ' ';
		for (j = w[k].a; j < w[k].b; j++) {
			unsigned char c = (unsigned char)name[j];
			buf[len++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
		}
	}
	return len ? vg__scan_annotation_start(buf, len) : 0;
}

/* Longest annotation phrase at words w[a..) (backwards from b when
 * from_end): its word count, 0 when none. */
#define ANN_MAX_WORDS 4
static size_t ann_at(const char *name, const wspan *w, size_t a, size_t b, bool from_end)
{
	size_t k, best = 0;
	int r;
	for (k = 1; k <= ANN_MAX_WORDS && k <= b - a; k++) {
		if (from_end) {
			if (ann_phrase(name, w, b - k, b) == 2)
				best = k;
			continue;
		}
		if ((r = ann_phrase(name, w, a, a + k)) == 2)
			best = k;
		else if (r == 0)
			break;
	}
	return best;
}

/* Does name[0..len) hold a digit? */
static bool ann_digits(const char *name, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++)
		if (name[i] >= '0' && name[i] <= '9')
			return true;
	return false;
}

/* The part of name[0..len) that names: without the annotation phrases a
 * list writes at its start or end ("birth name", "original script:
 * Абубакар", "A.K.A. NEI-CHIEN CHU", "... - sub-unit name"), and cut
 * before an annotation followed by a date ("..., born 1 Jan. 1953"): an
 * empty *out_len when nothing is left. */
static void strip_annotations(const char *name, size_t len, size_t *out_a, size_t *out_len)
{
	wspan w[VG_SCAN_MAX_NAME_TOKENS + 1];
	size_t n = ann_words(name, len, w, VG_SCAN_MAX_NAME_TOKENS + 1), a = 0, b = n, k, m;
	bool digits;

	*out_a = 0;
	*out_len = len;
	if (!n || n > VG_SCAN_MAX_NAME_TOKENS)
		return;
	while (a < b && (k = ann_at(name, w, a, b, false)) > 0)
		a += k;
	while (a < b && (k = ann_at(name, w, a, b, true)) > 0)
		b -= k;
	/* a date after an annotation inside the name */
	for (k = a + 1, digits = ann_digits(name, len); digits && k < b; k++) {
		bool date = false;
		if (!(m = ann_at(name, w, k, b, false)) || k + m >= b)
			continue;
		for (m += k; m < b && !date; m++)
			date = name[w[m].a] >= '0' && name[w[m].a] <= '9';
		if (date) {
			b = k;
			break;
		}
	}
	if (a == b) {
		*out_len = 0;
		return;
	}
	if (a == 0 && b == n)
		return;
	*out_a = w[a].a;
	/* keep what closes the last word ("CO.", "Ltd.") */
	for (k = w[b - 1].b; k < len && name[k] == '.'; k++)
		;
	*out_len = k - w[a].a;
}

/* add_one without the annotations a list writes into the name: in
 * brackets, or with a date (most names have neither and are added as
 * they are). */
static int add_named(vg__scanner *s, uint32_t entity, vg_schema schema,
		     const char *name, size_t len, unsigned flags, bool bracket)
{
	size_t a = 0, n = len;
	if (bracket || ann_digits(name, len))
		strip_annotations(name, len, &a, &n);
	return n ? add_one(s, entity, schema, name + a, n, flags) : 0;
}

/*
 * Lists pack several names into one: "BANK SEPAH; BANK SEPAH INTERNATIONAL",
 * "ATOMIC ENERGY ORGANISATION OF IRAN (AEOI)".  Text uses one of them at a
 * time, so each part is a name of its own: every ';'-separated part, the
 * part outside brackets, and what is inside them when it is more than one
 * word.
 */
int vg__scanner_add_name(vg__scanner *s, uint32_t entity, vg_schema schema,
			 const char *name, size_t len, unsigned flags)
{
	const char *semi = memchr(name, ';', len), *open;
	char *outer = NULL;
	size_t i;
	int rc = 0;

	if (semi) {
		if ((rc = vg__scanner_add_name(s, entity, schema, name,
					       (size_t)(semi - name), flags)) < 0)
			return rc;
		return vg__scanner_add_name(s, entity, schema, semi + 1,
					    len - (size_t)(semi - name) - 1, flags);
	}
	if (!(open = memchr(name, '(', len)))
		return add_named(s, entity, schema, name, len, flags, false);
	if (!(outer = vg__malloc(len + 1)))
		return vg__error_oom();
	memcpy(outer, name, len);
	for (i = 0; i < len && rc == 0; i++) {
		size_t j;
		if (outer[i] != '(')
			continue;
		for (j = i + 1; j < len && outer[j] != ')'; j++)
			;
		/* One word in brackets is a place or an acronym ("(KIEV)",
		 * "(BNC)"), which text uses for other things too. */
		if (memchr(name + i + 1, ' ', j - i - 1))
			rc = add_named(s, entity, schema, name + i + 1, j - i - 1, flags, true);
		memset(outer + i, ' ', (j < len ? j + 1 : len) - i);
		i = j;
	}
	if (rc == 0)
		rc = add_named(s, entity, schema, outer, len, flags, false);
	free(outer);
	return rc;
}
