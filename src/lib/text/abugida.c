/*
 * abugida.c - transliteration of scripts through vigil's own tables
 * (data/scripts.txt): the Indic scripts, Sinhala, Khmer, Lao, Burmese,
 * Thaana, Mongolian and Tibetan.
 *
 * How it works.  A word is read into units, one per letter or sign: a
 * consonant, the inherent vowel it carries until a sign says otherwise, an
 * explicit vowel, or another sound (a nasal, a letter of an alphabet).
 * Table entries are matched longest first, so Burmese rhymes written with
 * a final consonant (ောင်: aung) and Lao's h-tone clusters are read whole.
 * Then the script's reading rules edit the units: inherent vowels dropped
 * the way Hindi drops them (schwa), consonants closing a Khmer or Lao
 * syllable (finals), a Dhivehi name's silent last u.  The units are then
 * written; Burmese writes each syllable as a word of its own.  Tibetan has
 * its own reading of a syllable (tibetan_syllable()).
 *
 * Invariant: the run is one word of one script; nothing is allocated
 * (units live on the stack; a longer word is read in pieces).
 */
#include "text/abugida.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_UNITS 96

enum { U_NONE, U_CONS, U_INH, U_VOW, U_OTHER, U_PRE };

typedef struct {
	char s[12];
	uint8_t kind;    /* U_* */
	uint8_t series;  /* Khmer consonant series: 1 or 2 */
	const char *fin; /* a consonant's spelling when it closes a syllable */
} unit;

typedef struct {
	const vg__tr_script *sc;
	unit u[MAX_UNITS];
	size_t n;
	const char *pre;  /* a vowel written before its consonant, pending */
} reader;

const vg__tr_script *vg__tr_script_of(uint32_t c)
{
	size_t i;
	if (c < 0x780 || c > 0x18AF)
		return NULL;
	for (i = 0; i < vg__tr_n_scripts; i++) {
		if (c >= vg__tr_scripts[i].first && c <= vg__tr_scripts[i].last)
			return &vg__tr_scripts[i];
	}
	return NULL;
}

static int cmp_first(const void *key, const void *el)
{
	uint16_t k = *(const uint16_t *)key, c = ((const vg__tr_entry *)el)->cp[0];
	return k < c ? -1 : k > c;
}

/* The longest entry of sc spelt at src[0..n), or NULL. */
static const vg__tr_entry *match(const vg__tr_script *sc, const UChar *src, int32_t n)
{
	const vg__tr_entry *first = vg__tr_entries + sc->start, *end = first + sc->n, *e;
	uint16_t k = src[0];
	e = bsearch(&k, first, sc->n, sizeof(*e), cmp_first);
	if (!e)
		return NULL;
	while (e > first && e[-1].cp[0] == k)
		e--;
	/* longer sequences of one first code point come first */
	for (; e < end && e->cp[0] == k; e++) {
		int32_t j;
		if (e->n > n)
			continue;
		for (j = 1; j < e->n && e->cp[j] == src[j]; j++)
			;
		if (j == e->n)
			return e;
	}
	return NULL;
}

static unit *push(reader *r, uint8_t kind, const char *s)
{
	unit *u;
	if (r->n == MAX_UNITS)
		return NULL;
	u = &r->u[r->n++];
	memset(u, 0, sizeof(*u));
	u->kind = kind;
	strncpy(u->s, s, sizeof(u->s) - 1);
	return u;
}

/* The last consonant's inherent or first vowel, or NULL. */
static unit *vowel_slot(reader *r)
{
	size_t i = r->n;
	while (i > 0) {
		unit *u = &r->u[--i];
		if (u->kind == U_INH || u->kind == U_VOW || u->kind == U_PRE)
			return (i > 0 && r->u[i - 1].kind == U_CONS) ? u : NULL;
		if (u->kind != U_NONE)
			return NULL;
	}
	return NULL;
}

static unit *last_cons(reader *r)
{
	size_t i = r->n;
	while (i > 0) {
		if (r->u[--i].kind == U_CONS)
			return &r->u[i];
	}
	return NULL;
}

/* A vowel written before its consonant and one after it: Lao ເ◌າ is ao. */
static void put_vowel(unit *slot, const char *v)
{
	if (slot->kind == U_PRE && !strcmp(slot->s, "e") && !strcmp(v, "a"))
		strcpy(slot->s, "ao");
	else if (slot->kind != U_PRE || !v[0])
		strncpy(slot->s, v, sizeof(slot->s) - 1);
	slot->kind = U_VOW;
}

static void consonant(reader *r, const vg__tr_entry *en)
{
	unit *c = push(r, U_CONS, en->latin), *v;
	if (!c)
		return;
	c->series = en->cls == 'Q' ? 2 : 1;
	c->fin = en->latin2[0] ? en->latin2 : NULL;
	v = push(r, r->pre ? U_PRE : U_INH, r->pre ? r->pre : "");
	r->pre = NULL;
	(void)v;
}

/* One table entry read into units. */
static void read_entry(reader *r, const vg__tr_entry *en)
{
	unit *slot, *c;
	switch (en->cls) {
	case 'C': case 'Q':
		consonant(r, en);
		break;
	case 'M':
		if ((slot = vowel_slot(r)) != NULL) {
			c = slot - 1;
			put_vowel(slot, c->series == 2 && en->latin2[0] ? en->latin2 : en->latin);
		} else {
			push(r, U_VOW, en->latin);
		}
		break;
	case 'K':
		if ((slot = vowel_slot(r)) != NULL && slot->kind == U_INH)
			slot->kind = U_NONE;
		break;
	case 'O':
		/* Lao ອ: the vowel o after a consonant, a silent carrier before one */
		if ((slot = vowel_slot(r)) != NULL && slot->kind == U_INH)
			put_vowel(slot, en->latin);
		else
			consonant(r, &(vg__tr_entry){ { 0 }, 1, 'C', "", "" });
		break;
	case 'G':
		if ((c = last_cons(r)) != NULL) {
			char b[sizeof(c->s)];
			if (en->latin[0] == '^')
				snprintf(b, sizeof(b), "%s%s", en->latin + 1, c->s);
			else
				snprintf(b, sizeof(b), "%s%s", c->s, en->latin);
			strcpy(c->s, b);
		}
		break;
	case 'X':
		if ((c = last_cons(r)) != NULL)
			c->series = en->latin[0] == '2' ? 2 : 1;
		break;
	case 'P':
		r->pre = en->latin;
		break;
	case 'V': push(r, U_VOW, en->latin); break;
	case 'N': case 'L': case 'D': push(r, U_OTHER, en->latin); break;
	default: break; /* S, T */
	}
}

static int vowelish(const unit *u)
{
	return u->kind == U_VOW || u->kind == U_INH || u->kind == U_OTHER;
}

/* The unit after i that is not U_NONE, or NULL. */
static unit *next_unit(reader *r, size_t i)
{
	for (i++; i < r->n; i++) {
		if (r->u[i].kind != U_NONE)
			return &r->u[i];
	}
	return NULL;
}

static unit *prev_unit(reader *r, size_t i)
{
	while (i > 0) {
		if (r->u[--i].kind != U_NONE)
			return &r->u[i];
	}
	return NULL;
}

/*
 * Hindi's schwa deletion, right to left: the inherent vowel of the word's
 * last consonant goes unless a cluster ends the word (Narendra); one
 * between a vowel-consonant and a consonant-vowel goes (paravina: parvin,
 * rahamana: rahman).
 */
static void drop_schwas(reader *r)
{
	size_t i = r->n, syllables = 0;
	for (i = 0; i < r->n; i++)
		syllables += r->u[i].kind == U_INH || r->u[i].kind == U_VOW;
	if (syllables < 2)
		return;
	for (i = r->n; i-- > 1;) {
		unit *u = &r->u[i], *c = &r->u[i - 1], *before, *after, *after2;
		if (u->kind != U_INH || c->kind != U_CONS)
			continue;
		before = prev_unit(r, i - 1);
		after = next_unit(r, i);
		if (!before || before->kind == U_CONS)
			continue; /* a cluster before it */
		if (!after) {
			u->kind = U_NONE;
			continue;
		}
		after2 = next_unit(r, (size_t)(after - r->u));
		if (after->kind == U_CONS && after2 && (after2->kind == U_VOW || after2->kind == U_INH) &&
		    vowelish(before))
			u->kind = U_NONE;
	}
}

/* Khmer and Lao: a consonant after a vowel that no vowel sign follows
 * closes the syllable. */
static void mark_finals(reader *r)
{
	size_t i;
	for (i = 1; i + 1 < r->n; i++) {
		unit *c = &r->u[i], *v = &r->u[i + 1], *before = prev_unit(r, i), *after;
		if (c->kind != U_CONS || v->kind != U_INH || !before ||
		    (before->kind != U_VOW && before->kind != U_INH && before->kind != U_PRE))
			continue;
		after = next_unit(r, i + 1);
		if (after && after->kind != U_CONS)
			continue;
		v->kind = U_NONE;
		if (c->fin)
			strcpy(c->s, c->fin);
	}
}

static void write_units(emitter *e, reader *r)
{
	const vg__tr_script *sc = r->sc;
	size_t i;
	int mark = (sc->flags & VG__TR_ABJAD) ? VG__MARK_ABJAD : 0, any = 0;
	for (i = 0; i < r->n; i++) {
		unit *u = &r->u[i];
		const char *s = u->s;
		if (u->kind == U_NONE)
			continue;
		if (u->kind == U_INH)
			s = r->u[i - 1].series == 2 ? sc->inherent2 : sc->inherent;
		/* U_PRE: a vowel written before its consonant, no other came */
		if ((sc->flags & VG__TR_SYLLABLES) && u->kind == U_CONS && any)
			sep(e);
		if (!*s)
			continue;
		if (at_word_start(e))
			mark_word(e, mark);
		put(e, s, strlen(s));
		any = 1;
	}
	e->prev_lower = 0;
}

/*
 * One Tibetan syllable (between tsheg marks) src[0..n): its root letter
 * with the subscripts that change it (rgya: gy, sgra: dr, zla: d), its
 * vowel, and what its suffix does (d n l s turn a into e: bstan is ten).
 * Prefix and superscript letters are silent.
 */
static void tibetan_syllable(emitter *e, const vg__tr_script *sc, const UChar *src, int32_t n)
{
	char root[8] = "", sub[4] = "", vowel[4] = "a", fin[4] = "";
	int32_t i, nbase = 0, root_at = -1, vowel_at = -1;
	int umlaut = 0, stacked = 0;
	UChar base[8];
	for (i = 0; i < n; i++) {
		UChar c = src[i];
		const vg__tr_entry *en;
		if (c >= 0x0F90 && c <= 0x0FBC) {
			/* a subjoined letter: the root is the letter above, or this
			 * one when the letter above is a superscript r, l or s */
			UChar above = nbase ? base[nbase - 1] : 0;
			UChar me = (UChar)(c - 0x50);
			if (c == 0x0FB1 || c == 0x0FB2 || c == 0x0FB3 || c == 0x0FAD) {
				if (c == 0x0FB1)
					strcpy(sub, "y");
				else if (c == 0x0FB2)
					strcpy(sub, "r");
				else if (c == 0x0FB3)
					strcpy(sub, "l");
				if (root_at < 0)
					root_at = nbase - 1;
				continue;
			}
			if (!stacked && (above == 0x0F62 || above == 0x0F63 || above == 0x0F66) && nbase < 8) {
				base[nbase - 1] = me; /* the superscript is silent */
			}
			stacked = 1;
			root_at = nbase - 1;
			continue;
		}
		en = match(sc, src + i, n - i);
		if (!en)
			continue;
		if (en->cls == 'C' && nbase < 8)
			base[nbase++] = c;
		else if (en->cls == 'M' && vowel_at < 0) {
			strcpy(vowel, en->latin);
			vowel_at = nbase;
			if (root_at < 0)
				root_at = nbase - 1;
		}
	}
	if (!nbase)
		return;
	if (root_at < 0) {
		/* no sign says which: with a prefix letter (g d b m ') before
		 * two more, the second is the root */
		root_at = 0;
		if (nbase >= 3 && (base[0] == 0x0F42 || base[0] == 0x0F51 || base[0] == 0x0F56 ||
				   base[0] == 0x0F58 || base[0] == 0x0F60))
			root_at = 1;
	}
	{
		const vg__tr_entry *en = match(sc, &base[root_at], 1);
		snprintf(root, sizeof(root), "%s", en ? en->latin : "");
	}
	if (!strcmp(sub, "y"))
		snprintf(root + strlen(root), sizeof(root) - strlen(root), "%s",
			 !strcmp(root, "m") ? "" : "y");
	if (!strcmp(root, "my"))
		strcpy(root, "ny");
	if (!strcmp(sub, "r") && root[0] && strchr("kptgbd", root[0]))
		strcpy(root, strchr("gbd", root[0]) ? "dr" : root[1] != 'h' ? "tr" : "thr");
	if (!strcmp(sub, "l"))
		strcpy(root, !strcmp(root, "z") ? "d" : "l");
	if (root_at + 1 < nbase) {
		UChar s = base[root_at + 1];
		const vg__tr_entry *en = match(sc, &s, 1);
		if (s == 0x0F51 || s == 0x0F53 || s == 0x0F63 || s == 0x0F66)
			umlaut = 1;
		if (en && s != 0x0F51 && s != 0x0F66 && s != 0x0F60)
			snprintf(fin, sizeof(fin), "%s", s == 0x0F42 ? "k" : s == 0x0F56 ? "p" : en->latin);
	}
	if (umlaut && !strcmp(vowel, "a"))
		strcpy(vowel, "e");
	put(e, root, strlen(root));
	put(e, vowel, strlen(vowel));
	put(e, fin, strlen(fin));
}

/* A Tibetan name: its syllables, two to a word (bstan 'dzin rgya mtsho:
 * Tenzin Gyatso). */
static void put_tibetan(emitter *e, const vg__tr_script *sc, const UChar *src, int32_t n)
{
	int32_t i = 0, k = 0;
	while (i < n) {
		int32_t j = i;
		while (j < n && src[j] != 0x0F0B && src[j] != 0x0F0C)
			j++;
		if (j > i) {
			if (k++ % 2 == 0)
				sep(e);
			tibetan_syllable(e, sc, src + i, j - i);
		}
		i = j + 1;
	}
	e->prev_lower = 0;
}

void vg__put_table_run(emitter *e, const vg__tr_script *sc, const UChar *src, int32_t n)
{
	reader r;
	int32_t i = 0;
	if (sc->first == 0x0F00) {
		put_tibetan(e, sc, src, n);
		return;
	}
	while (i < n) {
		r.sc = sc;
		r.n = 0;
		r.pre = NULL;
		while (i < n && r.n + 4 < MAX_UNITS) {
			const vg__tr_entry *en = match(sc, src + i, n - i);
			if (!en) {
				i++;
				continue;
			}
			read_entry(&r, en);
			i += en->n;
		}
		if (sc->flags & VG__TR_FINALS)
			mark_finals(&r);
		if (sc->flags & VG__TR_SCHWA)
			drop_schwas(&r);
		if ((sc->flags & VG__TR_FINAL_U) && r.n >= 2 && r.u[r.n - 1].kind == U_VOW &&
		    !strcmp(r.u[r.n - 1].s, "u") && r.u[r.n - 2].kind == U_CONS)
			r.u[r.n - 1].kind = U_NONE;
		write_units(e, &r);
	}
}
