/*
 * date.c - normalising the dates lists write by hand ("01 Jan 1960",
 * "circa 1960", "1960 to 1962", "12/31/1960") to ISO 8601 prefixes.
 *
 * Invariant: what vg__date_norm writes is always YYYY, YYYY-MM or
 * YYYY-MM-DD with a plausible year (1000..2199), month and day; anything
 * it is not sure of is refused, never guessed, so a wrong birth date never
 * reaches the matcher.  Precision words become the value's qualifier.
 */
#include "sources/source.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const months[12] = { "jan", "feb", "mar", "apr",
					"may", "jun", "jul", "aug",
					"sep", "oct", "nov", "dec" };

/* 1..12 for a month name or its 3/4-letter abbreviation, else 0. */
static int month_of(const char *s, size_t len)
{
	static const char *const full[12] = {
		"january", "february", "march",     "april",   "may",      "june",
		"july",    "august",   "september", "october", "november", "december"
	};
	int i;
	if (len < 3)
		return 0;
	for (i = 0; i < 12; i++) {
		size_t fl = strlen(full[i]);
		if (len == 3 && strncasecmp(s, months[i], 3) == 0)
			return i + 1;
		if (len == fl && strncasecmp(s, full[i], fl) == 0)
			return i + 1;
		if (len == 4 && i == 8 && strncasecmp(s, "sept", 4) == 0)
			return i + 1;
	}
	return 0;
}

typedef struct {
	const char *s;
	size_t len;
	int num;   /* value when all digits, else -1 */
	int month; /* month when a month name, else 0 */
} tok;

static int all_digits(const char *s, size_t len)
{
	size_t i;
	if (len == 0)
		return 0;
	for (i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int valid_ymd(int y, int m, int d)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1000 || y > 2199)
		return 0;
	if (m == 0)
		return d == 0;
	if (m < 1 || m > 12)
		return 0;
	if (d == 0)
		return 1;
	return d >= 1 && d <= mdays[m - 1];
}

static int put(char out[11], int y, int m, int d)
{
	char tmp[40];
	if (!valid_ymd(y, m, d))
		return 0;
	if (m == 0)
		snprintf(tmp, sizeof(tmp), "%04d", y);
	else if (d == 0)
		snprintf(tmp, sizeof(tmp), "%04d-%02d", y, m);
	else
		snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 11);
	out[10] = '\0';
	return 1;
}

int vg__date_norm(char out[11], const char *s, size_t len,
		  vg__date_order order)
{
	tok t[4];
	size_t n = 0, i = 0;
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && (isspace((unsigned char)s[len - 1]) || s[len - 1] == '.'))
		len--;
	if (len == 0 || len > 40)
		return 0;
	/* ISO first: YYYY-MM-DD, YYYY-MM, with an optional time after */
	if (len >= 7 && all_digits(s, 4) && s[4] == '-' && all_digits(s + 5, 2)) {
		int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		int m = (s[5] - '0') * 10 + (s[6] - '0');
		int d = 0;
		if (len >= 10 && s[7] == '-' && all_digits(s + 8, 2) &&
		    (len == 10 || s[10] == 'T' || s[10] == ' '))
			d = (s[8] - '0') * 10 + (s[9] - '0');
		else if (len != 7)
			return 0;
		if (m == 0 && d == 0)
			return put(out, y, 0, 0);
		/* "1960-00-00" and "1960-01-00" are how some lists say "unknown" */
		return put(out, y, m, d);
	}
	if (len == 8 && all_digits(s, 8)) {
		int y, m, d;
		if (sscanf(s, "%4d%2d%2d", &y, &m, &d) == 3)
			return put(out, y, m, d);
		return 0;
	}
	while (i < len) {
		size_t j;
		while (i < len && (s[i] == ' ' || s[i] == '-' || s[i] == '/' ||
				   s[i] == '.' || s[i] == ','))
			i++;
		if (i >= len)
			break;
		j = i;
		while (j < len && !(s[j] == ' ' || s[j] == '-' || s[j] == '/' ||
				    s[j] == '.' || s[j] == ','))
			j++;
		if (n == 4)
			return 0;
		t[n].s = s + i;
		t[n].len = j - i;
		t[n].num = -1;
		t[n].month = 0;
		if (all_digits(s + i, j - i) && j - i <= 4) {
			int v = 0;
			size_t k;
			for (k = i; k < j; k++)
				v = v * 10 + (s[k] - '0');
			t[n].num = v;
		} else {
			t[n].month = month_of(s + i, j - i);
			if (!t[n].month)
				return 0;
		}
		n++;
		i = j;
	}
	if (n == 1 && t[0].num >= 0 && t[0].len == 4)
		return put(out, t[0].num, 0, 0);
	if (n == 2) {
		if (t[0].month && t[1].len == 4)
			return put(out, t[1].num, t[0].month, 0);
		if (t[0].num >= 0 && t[0].len <= 2 && t[1].len == 4 && t[1].num >= 0)
			return put(out, t[1].num, t[0].num, 0);
		if (t[0].len == 4 && t[0].num >= 0 && t[1].month)
			return put(out, t[0].num, t[1].month, 0);
		return 0;
	}
	if (n == 3) {
		/* 01 Jan 1960 */
		if (t[0].num >= 0 && t[0].len <= 2 && t[1].month && t[2].len == 4 &&
		    t[2].num >= 0)
			return put(out, t[2].num, t[1].month, t[0].num);
		/* January 5, 1960 */
		if (t[0].month && t[1].num >= 0 && t[1].len <= 2 && t[2].len == 4 &&
		    t[2].num >= 0)
			return put(out, t[2].num, t[0].month, t[1].num);
		/* 1960/01/05 */
		if (t[0].len == 4 && t[0].num >= 0 && t[1].num >= 0 && t[2].num >= 0 &&
		    t[1].len <= 2 && t[2].len <= 2)
			return put(out, t[0].num, t[1].num, t[2].num);
		/* 05/01/1960 in the source's order */
		if (t[0].num >= 0 && t[1].num >= 0 && t[2].num >= 0 &&
		    t[0].len <= 2 && t[1].len <= 2 && t[2].len == 4) {
			if (order == VG__MDY)
				return put(out, t[2].num, t[0].num, t[1].num);
			return put(out, t[2].num, t[1].num, t[0].num);
		}
	}
	return 0;
}

static int starts_ci(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && strncasecmp(s, prefix, n) == 0;
}

/* Finds word (" to ", " and ", " - ") in s, case-insensitive. */
static const char *find_ci(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word), i;
	for (i = 0; i + n <= len; i++)
		if (strncasecmp(s + i, word, n) == 0)
			return s + i;
	return NULL;
}

/* A range of dates, qualified "between A and B" (after `prec`, such as
 * "circa", when the text said so). */
static int add_range(vg_record *rec, const char *key, const char *a,
		     size_t alen, const char *b, size_t blen,
		     vg__date_order order, const char *prec)
{
	char da[11], db[11], qual[80];
	int rc;
	if (!vg__date_norm(da, a, alen, order) || !vg__date_norm(db, b, blen, order))
		return 0;
	snprintf(qual, sizeof(qual), "%s%sbetween %s and %s", prec ? prec : "", prec ? " " : "",
		 da, db);
	if (strlen(da) == 4 && strlen(db) == 4) {
		int ya = atoi(da), yb = atoi(db), y;
		if (yb >= ya && yb - ya <= 20) {
			/* every year of a short range: a birth date query of
			 * any of them should hit */
			for (y = ya; y <= yb; y++) {
				if ((rc = vg_record_addf(rec, key, qual, "%04d", y)) < 0)
					return rc;
			}
			return 1;
		}
	}
	if ((rc = vg_record_add(rec, key, da, strlen(da), qual)) < 0 ||
	    (rc = vg_record_add(rec, key, db, strlen(db), qual)) < 0)
		return rc;
	return 1;
}

static int add_one(vg_record *rec, const char *key, const char *s, size_t len,
		   vg__date_order order, const char *qual)
{
	char d[11];
	const char *sep;
	static const struct {
		const char *word, *qual;
	} prec[] = {
		{ "circa ", "circa" },        { "ca. ", "circa" },
		{ "c. ", "circa" },           { "approximately ", "approx" },
		{ "approx. ", "approx" },     { "approx ", "approx" },
		{ "about ", "approx" },       { "around ", "approx" },
	};
	size_t i;
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	for (i = 0; i < sizeof(prec) / sizeof(prec[0]); i++) {
		if (starts_ci(s, len, prec[i].word)) {
			size_t n = strlen(prec[i].word);
			return add_one(rec, key, s + n, len - n, order, prec[i].qual);
		}
	}
	/* the separator is looked for after the prefix: in "between and"
	 * the prefix's space would start " and " */
	if (starts_ci(s, len, "between ") && (sep = find_ci(s + 8, len - 8, " and ")))
		return add_range(rec, key, s + 8, (size_t)(sep - s) - 8, sep + 5,
				 len - (size_t)(sep + 5 - s), order, qual);
	if (starts_ci(s, len, "from ") && (sep = find_ci(s + 5, len - 5, " to ")))
		return add_range(rec, key, s + 5, (size_t)(sep - s) - 5, sep + 4,
				 len - (size_t)(sep + 4 - s), order, qual);
	if ((sep = find_ci(s, len, " to ")))
		return add_range(rec, key, s, (size_t)(sep - s), sep + 4,
				 len - (size_t)(sep + 4 - s), order, qual);
	/* "1979-1982": a range, where "1979-12" would be a month */
	if (len == 9 && all_digits(s, 4) && s[4] == '-' && all_digits(s + 5, 4))
		return add_range(rec, key, s, 4, s + 5, 4, order, qual);
	if ((sep = find_ci(s, len, " - ")))
		return add_range(rec, key, s, (size_t)(sep - s), sep + 3,
				 len - (size_t)(sep + 3 - s), order, qual);
	if (!vg__date_norm(d, s, len, order))
		return 0;
	{
		int rc = vg_record_add(rec, key, d, strlen(d), qual);
		return rc < 0 ? rc : 1;
	}
}

int vg__date_add(vg_record *rec, const char *key, const char *s, size_t len,
		 vg__date_order order, const char *qual)
{
	int any = 0, rc;
	while (len) {
		const char *semi = memchr(s, ';', len);
		size_t part = semi ? (size_t)(semi - s) : len;
		rc = add_one(rec, key, s, part, order, qual);
		if (rc < 0)
			return rc;
		any |= rc;
		if (!semi)
			break;
		s = semi + 1;
		len -= part + 1;
	}
	return any;
}
