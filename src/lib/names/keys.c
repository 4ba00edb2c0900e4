/*
 * keys.c - phonetic keys, consonant skeletons and the edit distance.
 *
 * Keys are computed once per token at analysis time (and stored in the
 * index), so they may take a few branches per letter; the edit distance
 * runs in the comparator's inner loop and is banded: it stops as soon as
 * every cell of a row exceeds the allowed distance.
 */
#include "names/keys.h"
#include "names/name.h"

#include <string.h>

#define KEY_MAX 128

static int vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static size_t finish(char *out, size_t o)
{
	/* doubled letters say nothing across transliterations */
	size_t i, w = 0;
	for (i = 0; i < o; i++) {
		if (w && out[w - 1] == out[i])
			continue;
		out[w++] = out[i];
	}
	return w;
}

size_t vg__phonetic_key(char *out, const char *s, size_t n, unsigned flags)
{
	size_t i = 0, o = 0;
	if ((flags & VG__TF_NONLATIN) || n == 0) {
		if (n > KEY_MAX)
			n = KEY_MAX;
		memcpy(out, s, n);
		return n;
	}
	/* Slavic adjective endings: -skiy, -skii, -skij, -sky, -skyy, -ski */
	if (n > 4 && (memcmp(s + n - 2, "iy", 2) == 0 || memcmp(s + n - 2, "ii", 2) == 0 ||
		      memcmp(s + n - 2, "ij", 2) == 0 || memcmp(s + n - 2, "yy", 2) == 0 ||
		      memcmp(s + n - 2, "yi", 2) == 0))
		n -= 1;
	while (i < n && o + 2 < KEY_MAX) {
		char c = s[i], d = i + 1 < n ? s[i + 1] : 0, e = i + 2 < n ? s[i + 2] : 0;
		if (c == 's' && d == 'c' && e == 'h') { out[o++] = 'S'; i += 3; continue; }
		if (c == 't' && d == 's' && e == 'c' && i + 3 < n && s[i + 3] == 'h') {
			out[o++] = 'C'; i += 4; continue;
		}
		if (c == 't' && d == 'c' && e == 'h') { out[o++] = 'C'; i += 3; continue; }
		if (c == 'd' && d == 'z' && e == 'h') { out[o++] = 'J'; i += 3; continue; }
		if (d == 'h') {
			char m = 0;
			switch (c) {
			case 's': m = 'S'; break;
			case 'c': m = 'C'; break;
			case 'z': m = 'J'; break;
			case 'k': m = 'h'; break;
			case 'g': m = 'g'; break;
			case 'p': m = 'f'; break;
			case 't': m = 'T'; break;
			case 'd': m = 'd'; break;
			default: break;
			}
			if (m) { out[o++] = m; i += 2; continue; }
		}
		if (c == 'd' && d == 'j') { out[o++] = 'J'; i += 2; continue; }
		if (c == 'c' && d == 'k') { out[o++] = 'k'; i += 2; continue; }
		if (c == 'o' && (d == 'u' || d == 'o')) { out[o++] = 'u'; i += 2; continue; }
		if (c == 'e' && d == 'e') { out[o++] = 'i'; i += 2; continue; }
		switch (c) {
		case 'c': out[o++] = (d == 'e' || d == 'i' || d == 'y') ? 's' : 'k'; break;
		case 'q': out[o++] = 'k'; break;
		case 'x': out[o++] = 'k'; out[o++] = 's'; break;
		case 'w': out[o++] = 'v'; break;
		case 'y': out[o++] = 'i'; break;
		case 'j': out[o++] = 'J'; break;
		case 'h':
			/* a final h after a vowel is silent: Abdullah, Hamzah */
			if (!(i + 1 == n && i > 0 && vowel(s[i - 1])))
				out[o++] = 'h';
			break;
		default: out[o++] = c; break;
		}
		i++;
	}
	o = finish(out, o);
	/* ye-/ie- at the start: Yevgeny = Evgeny, Yelena = Elena */
	if (o > 2 && out[0] == 'i' && out[1] == 'e') {
		memmove(out, out + 1, o - 1);
		o--;
	}
	return o;
}

size_t vg__skeleton(char *out, const char *s, size_t n, unsigned flags)
{
	size_t i = 0, o = 0;
	if (flags & VG__TF_NONLATIN) {
		if (n > KEY_MAX)
			n = KEY_MAX;
		memcpy(out, s, n);
		return n;
	}
	while (i < n && o + 2 < KEY_MAX) {
		char c = s[i], d = i + 1 < n ? s[i + 1] : 0;
		if (d == 'h') {
			char m = 0;
			switch (c) {
			case 'k': m = 'x'; break;
			case 's': case 'c': m = 'S'; break;
			case 't': m = 't'; break;
			case 'd': m = 'd'; break;
			case 'g': m = 'G'; break;
			case 'z': m = 'j'; break;
			case 'p': case 'b': m = 'b'; break;
			case 'j': m = 'j'; break;
			default: break;
			}
			if (m) { out[o++] = m; i += 2; continue; }
		}
		switch (c) {
		case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'w': case 'v':
			break;
		case 'h':
			if (i + 1 < n)
				out[o++] = 'h';
			break;
		case 'p': case 'f': out[o++] = 'b'; break;
		case 'q': case 'c': out[o++] = 'k'; break;
		case 'g': out[o++] = 'j'; break;
		case 'x': out[o++] = 'k'; out[o++] = 's'; break;
		default:
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
				out[o++] = c;
			break;
		}
		i++;
	}
	/* a final i after a consonant is a suffix of its own (Persian and
	 * Arabic -i: Hasani is not Hasan, Ahmadi not Ahmad), written with a
	 * letter in every script: it stays */
	if (n >= 2 && (s[n - 1] == 'i' || s[n - 1] == 'y') && !vowel(s[n - 2]) && o + 1 < KEY_MAX)
		out[o++] = 'y';
	return finish(out, o);
}

unsigned vg__edit_distance(const char *a, size_t an, const char *b, size_t bn,
			   unsigned max)
{
	/* Only the band |i - j| <= max is computed: a cell outside it is at
	 * least |i - j| > max, so `far` (max + 1) stands in for it without
	 * changing any value that is <= max. */
	unsigned rows[3][KEY_MAX + 2];
	unsigned *pp = rows[0], *prev = rows[1], *cur = rows[2];
	unsigned far = max + 1;
	size_t i, j;
	if (an > KEY_MAX)
		an = KEY_MAX;
	if (bn > KEY_MAX)
		bn = KEY_MAX;
	if ((an > bn ? an - bn : bn - an) > max)
		return far;
	if (an == 0)
		return (unsigned)bn;
	if (bn == 0)
		return (unsigned)an;
	for (j = 0; j <= bn; j++)
		prev[j] = (unsigned)j;
	prev[bn + 1] = far;
	for (i = 1; i <= an; i++) {
		size_t lo = i > max ? i - max : 1, hi = i + max < bn ? i + max : bn;
		unsigned best = far;
		cur[lo - 1] = lo == 1 ? (unsigned)i : far;
		for (j = lo; j <= hi; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			unsigned v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		cur[hi + 1] = far;
		if (best > max)
			return far;
		{
			unsigned *t = pp;
			pp = prev;
			prev = cur;
			cur = t;
		}
	}
	return prev[bn] > max ? far : prev[bn];
}
