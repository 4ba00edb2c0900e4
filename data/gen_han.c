/*
 * gen_han.c - writes src/lib/text/han_data.c: the Mandarin reading (pinyin
 * without tones) of every Chinese character of the BMP, as ICU's
 * "Han-Latin; Latin-ASCII" reads it alone.
 *
 * Why: ICU compiles its Han-Latin rules (27,000 characters) from source the
 * first time a process meets a Chinese character, which costs 0.2 s of one
 * core, and every later call walks its rule tables; a lookup table gives
 * the same letters at once.  ICU's rules read a few characters differently
 * before a given next one (重庆 chong qing, not zhong): those come from
 * the rules themselves into vg__han_context.  src/lib/text/normalize.c
 * leaves any character this table lacks to ICU.  Also written: ICU's
 * "Hant-Hans" (traditional to simplified) for every character it changes,
 * so that 張 and 张 are known to be one character (vg__han_simp).  Invariant of the output:
 * vg__han_syll[0] is "", every other entry is [a-z]+, and
 * vg__han_bmp[c - VG__HAN_FIRST] indexes vg__han_syll.
 *
 * build and run (from the repository root):
 *   cc -O2 data/gen_han.c $(pkg-config --cflags --libs icu-i18n icu-uc) -o /tmp/gen_han
 *   /tmp/gen_han > src/lib/text/han_data.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "../src/lib/text/han.h"

#define FIRST VG__HAN_FIRST
#define LAST VG__HAN_LAST
#define MAX_SYLL 2048

static char syll[MAX_SYLL][16];
static int n_syll = 1;

static int syll_index(const char *s)
{
	for (int i = 1; i < n_syll; i++)
		if (!strcmp(syll[i], s))
			return i;
	if (n_syll == MAX_SYLL || strlen(s) >= sizeof(syll[0])) {
		fprintf(stderr, "gen_han: too many or too long syllables (%s)\n", s);
		exit(1);
	}
	strcpy(syll[n_syll], s);
	return n_syll++;
}

/* The ASCII reading of c, or "" when ICU gives anything but [a-z]+. */
static void reading(UTransliterator *t, UChar c, char *out, size_t cap)
{
	UChar b[64] = { c };
	int32_t len = 1, lim = 1, i;
	UErrorCode st = U_ZERO_ERROR;
	out[0] = '\0';
	utrans_transUChars(t, b, &len, 64, 0, &lim, &st);
	if (U_FAILURE(st) || len <= 0 || (size_t)len >= cap)
		return;
	for (i = 0; i < len; i++) {
		if (b[i] < 'a' || b[i] > 'z') {
			out[0] = '\0';
			return;
		}
		out[i] = (char)b[i];
	}
	out[len] = '\0';
}

/* Lines "{X}' '?Y > reading;" of the Han-Latin rules: X read so before Y. */
static int contexts(UChar (*pairs)[2], int cap)
{
	static const char id[] = "Han-Latin";
	UChar uid[sizeof(id)], *r;
	UErrorCode st = U_ZERO_ERROR;
	UTransliterator *t;
	int32_t n, i;
	int k = 0;
	u_charsToUChars(id, uid, (int32_t)sizeof(id));
	t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	if (U_FAILURE(st))
		return -1;
	n = utrans_toRules(t, 0, NULL, 0, &st);
	st = U_ZERO_ERROR;
	if (!(r = malloc(((size_t)n + 1) * sizeof(UChar))))
		return -1;
	utrans_toRules(t, 0, r, n + 1, &st);
	for (i = 0; U_SUCCESS(st) && i + 8 < n; i++) {
		if ((i == 0 || r[i - 1] == '\n') && r[i] == '{' && r[i + 2] == '}' &&
		    r[i + 3] == '\'' && r[i + 4] == ' ' && r[i + 5] == '\'' && r[i + 6] == '?' &&
		    r[i + 8] == ' ' && k < cap) {
			pairs[k][0] = r[i + 1];
			pairs[k][1] = r[i + 7];
			k++;
		}
	}
	free(r);
	utrans_close(t);
	return U_FAILURE(st) ? -1 : k;
}

/* vg__han_simp: the characters Hant-Hans changes, sorted, with their
 * simplified form. */
static int simplified(void)
{
	static const char id[] = "Hant-Hans";
	UChar uid[sizeof(id)];
	UErrorCode st = U_ZERO_ERROR;
	UTransliterator *t;
	int c, n = 0;
	u_charsToUChars(id, uid, (int32_t)sizeof(id));
	t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	if (U_FAILURE(st)) {
		fprintf(stderr, "gen_han: %s: %s\n", id, u_errorName(st));
		return -1;
	}
	printf("\nconst vg__han_pair vg__han_simp[] = {\n");
	for (c = FIRST; c <= LAST; c++) {
		UChar b[16] = { (UChar)c };
		int32_t len = 1, lim = 1;
		UErrorCode s2 = U_ZERO_ERROR;
		if (uscript_getScript(c, &s2) != USCRIPT_HAN || U_FAILURE(s2))
			continue;
		st = U_ZERO_ERROR;
		utrans_transUChars(t, b, &len, 16, 0, &lim, &st);
		if (U_FAILURE(st) || len != 1 || b[0] == c)
			continue;
		printf("\t{ 0x%04X, 0x%04X },\n", c, b[0]);
		n++;
	}
	printf("};\nconst size_t vg__han_n_simp = %d;\n", n);
	utrans_close(t);
	return 0;
}

int main(void)
{
	static const char id[] = "Han-Latin; Latin-ASCII";
	UChar uid[sizeof(id)];
	UErrorCode st = U_ZERO_ERROR;
	UTransliterator *t;
	static unsigned short idx[LAST - FIRST + 1];
	UChar pairs[64][2];
	int ctx[64], n_ctx, c, n = 0;

	u_charsToUChars(id, uid, (int32_t)sizeof(id));
	t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	if (U_FAILURE(st)) {
		fprintf(stderr, "gen_han: %s\n", u_errorName(st));
		return 1;
	}
	for (c = FIRST; c <= LAST; c++) {
		char r[32];
		UErrorCode s2 = U_ZERO_ERROR;
		if (uscript_getScript(c, &s2) != USCRIPT_HAN || U_FAILURE(s2))
			continue;
		reading(t, (UChar)c, r, sizeof(r));
		if (r[0])
			idx[c - FIRST] = (unsigned short)syll_index(r);
	}
	if ((n_ctx = contexts(pairs, 64)) < 0) {
		fprintf(stderr, "gen_han: cannot read the Han-Latin rules\n");
		return 1;
	}
	for (c = 0; c < n_ctx; c++) {
		/* the pair read together: "chong qing" -> "chong" */
		UChar b[64] = { pairs[c][0], pairs[c][1] };
		int32_t len = 2, lim = 2, i;
		char r[32];
		st = U_ZERO_ERROR;
		utrans_transUChars(t, b, &len, 64, 0, &lim, &st);
		for (i = 0; i < len && i < 31 && b[i] >= 'a' && b[i] <= 'z'; i++)
			r[i] = (char)b[i];
		r[i] = '\0';
		if (U_FAILURE(st) || !r[0] || pairs[c][0] < FIRST || pairs[c][0] > LAST) {
			fprintf(stderr, "gen_han: context rule %d not understood\n", c);
			return 1;
		}
		ctx[c] = syll_index(r);
	}
	printf("/*\n * han_data.c - generated by data/gen_han.c from ICU %s, do not edit.\n"
	       " * Mandarin readings of Chinese characters U+%04X..U+%04X (see gen_han.c).\n */\n",
	       U_ICU_VERSION, FIRST, LAST);
	printf("#include \"text/han.h\"\n\n");
	printf("const char *const vg__han_syll[%d] = {\n", n_syll);
	for (c = 0; c < n_syll; c++)
		printf("%s\"%s\",%s", c % 10 ? " " : "\t", syll[c], c % 10 == 9 ? "\n" : "");
	printf("\n};\n\n");
	printf("const unsigned short vg__han_bmp[%d] = {\n", LAST - FIRST + 1);
	for (c = 0; c <= LAST - FIRST; c++) {
		printf("%s%u,%s", n % 16 ? " " : "\t", idx[c], n % 16 == 15 ? "\n" : "");
		n++;
	}
	printf("\n};\n\n");
	printf("const vg__han_ctx vg__han_context[%d] = {\n", n_ctx);
	for (c = 0; c < n_ctx; c++)
		printf("\t{ 0x%04X, 0x%04X, %d },\n", pairs[c][0], pairs[c][1], ctx[c]);
	printf("};\nconst size_t vg__han_n_context = %d;\n", n_ctx);
	utrans_close(t);
	return simplified() ? 1 : 0;
}
