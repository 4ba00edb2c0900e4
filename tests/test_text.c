/*
 * test_text.c - text normalisation: scripts to Latin, marks, case,
 * punctuation, invalid and huge input.
 */
#include "helpers.h"
#include "text/normalize.h"
#include "vigil/vigil.h"

static void expect_norm(const char *in, const char *want)
{
	vg_buf b = VG_BUF_INIT;
	assert_int_equal(vg_text_normalize(&b, in, strlen(in)), 0);
	if (strcmp(b.ptr ? b.ptr : "", want) != 0)
		fail_msg("normalize(%s) = [%s], want [%s]", in, b.ptr ? b.ptr : "", want);
	vg_buf_dispose(&b);
}

static void test_ascii(void **state)
{
	(void)state;
	expect_norm("Vladimir PUTIN", "vladimir putin");
	expect_norm("  O'Brien-Smith,  J.R. ", "obrien smith j r");
	expect_norm("Al Qa'ida", "al qaida");
	expect_norm("SiemensAG", "siemens ag");
	expect_norm("Siemens AkG", "siemens akg");
	expect_norm("RamiMakhlouf", "rami makhlouf");
	expect_norm("AT&T Inc.", "at t inc");
	expect_norm("", "");
	expect_norm("...", "");
}

static void test_latin(void **state)
{
	(void)state;
	expect_norm("Recep Tayyip Erdoğan", "recep tayyip erdogan");
	expect_norm("Aleksandar Vučić", "aleksandar vucic");
	expect_norm("Straße Øresund Łódź", "strasse oresund lodz");
	expect_norm("ＡＢＣ ﬁx", "abc fix"); /* NFKC: full-width, ligature */
	expect_norm("Nguyễn Tấn Dũng", "nguyen tan dung");
}

static void test_cyrillic(void **state)
{
	(void)state;
	expect_norm("Владимир Путин", "vladimir putin");
	expect_norm("Дмитрий Медведев", "dmitriy medvedev");
	expect_norm("Михаил Ходорковский", "mikhail khodorkovskiy");
	/* Ukrainian г is h, and и is y */
	expect_norm("Григорій Квітка", "hryhoriy kvitka");
	/* Serbian letters decide the spelling of the whole word */
	expect_norm("Александар Вучић", "aleksandar vucic");
	expect_norm("Нұрсұлтан Назарбаев", "nursultan nazarbaev");
}

static void test_other_scripts(void **state)
{
	(void)state;
	expect_norm("Αλέξανδρος", "alexandros");
	expect_norm("习近平", "xi jin ping");
	/* the Han table: a reading in context, a character it lacks (ICU) */
	expect_norm("中国重庆", "zhong guo chong qing");
	expect_norm("重要", "zhong yao");
	expect_norm("王\xf0\xa0\x80\x80", "wang he");
	/* kana through ICU, a character by the table, 々 repeating the
	 * character before it */
	expect_norm("くみ子", "kumi zi");
	expect_norm("子くみ", "zi kumi");
	expect_norm("佐々々木", "zuo zuo zuo mu");
	expect_norm("김정은", "kim jong un");
	/* Japanese names in kanji read as Japanese (data/japanese_names.txt):
	 * kana in the name, or a family name of two or more characters */
	expect_norm("山田太郎", "yamada taro");
	expect_norm("田中 花子", "tanaka hanako");
	expect_norm("佐々木", "sasaki");
	expect_norm("鈴木一郎", "suzuki ichiro");
	/* ... but a Chinese name stays Chinese */
	expect_norm("田伟", "tian wei");
	expect_norm("Ադամ", "adam");
	expect_norm("ბარაკ ობამა", "barak obama");
	/* abjads: consonants, long vowels; the article is its own word */
	expect_norm("محمد", "mhmd");
	expect_norm("عبد الفتاح", "bd al ftah");
	expect_norm("משה", "msh");
}

/* Scripts ICU reads wrongly for names or not at all, read through
 * data/scripts.txt: one name of a public figure per script, spelt the way
 * the tables spell it. */
static void test_table_scripts(void **state)
{
	(void)state;
	expect_norm("ហ៊ុន សែន", "hun sen");                          /* Khmer */
	expect_norm("ហ៊ុន ម៉ាណែត", "hun manet");
	expect_norm("ທອງລຸນ ສີສຸລິດ", "thongloun sisoulit");          /* Lao */
	expect_norm("မင်းအောင်လှိုင်", "min aung hlaing");             /* Burmese */
	expect_norm("အောင်ဆန်းစုကြည်", "aung san su kyi");
	expect_norm("သိန်းစိန်", "thein sein");
	expect_norm("මහින්ද රාජපක්ෂ", "mahinda rajapaksa");           /* Sinhala */
	expect_norm("வேலுப்பிள்ளை பிரபாகரன்", "veluppillai pirapakaran"); /* Tamil */
	expect_norm("చంద్రబాబు నాయుడు", "chandrababu nayudu");       /* Telugu */
	expect_norm("শেখ মুজিবুর রহমান", "shekh mujibur rahman");     /* Bengali */
	expect_norm("નરેન્દ્ર મોદી", "narendra modi");                /* Gujarati */
	expect_norm("བསྟན་འཛིན་རྒྱ་མཚོ", "tendzin gyatso");          /* Tibetan */
	/* a subscript r under a root it does not change (sa: sra is "sa"),
	 * from a vowel sign that decomposes to it (U+0F76): the fuzzer found
	 * the root copied onto itself */
	expect_norm("\u0F66\u0FB2", "sa");
	expect_norm("\u0F76\u0F66si", "sisi");
	expect_norm("ᠴᠢᠩᠭᠢᠰ ᠬᠠᠭᠠᠨ", "chinggis khagan");              /* Mongolian */
	expect_norm("މުހައްމަދު ނަޝީދު", "muhamadh nasheedh");       /* Thaana */
	expect_norm("ਅਮਰਿੰਦਰ ਸਿੰਘ", "amrindar singh");               /* Gurmukhi */
	expect_norm("ಸಿದ್ದರಾಮಯ್ಯ", "siddaramayya");                  /* Kannada */
	expect_norm("പിണറായി വിജയൻ", "pinarayi vijayan");           /* Malayalam */
	expect_norm("ନବୀନ ପଟ୍ଟନାୟକ", "nabin pattanayak");            /* Oriya */
	/* Hindi drops inherent vowels at the end of a word and between a
	 * vowel-consonant and a consonant-vowel, not after a cluster */
	expect_norm("मोहिनी परवीन सिंह", "mohini parvin sinh");       /* Devanagari */
	expect_norm("नरेन्द्र मोदी", "narendra modi");
	expect_norm("कमल", "kamal");
	/* through ICU: Ethiopic without its silent sixth-order vowel, Syriac
	 * without the sign ICU writes for alaph */
	expect_norm("ኢሳይያስ አፈወርቂ", "isayyas afawarqi");             /* Ethiopic */
	expect_norm("ܐܦܪܝܡ", "prym");                                 /* Syriac */
}

/* Runs ICU transliterated are cached per thread: a cached answer must be
 * the one ICU gave, also after the cache filled up and was emptied, and for
 * runs too long to cache. */
static void test_translit_cache(void **state)
{
	vg_buf a = VG_BUF_INIT, b = VG_BUF_INIT;
	char w[16], *longw;
	size_t i, n = 300;
	(void)state;
	expect_norm("Αλέξανδρος", "alexandros");
	for (i = 0; i < 6000; i++) {
		/* three Greek letters (U+03B1..U+03C9 minus final sigma) */
		unsigned c[3] = { 0x3B1 + (unsigned)(i % 24), 0x3B1 + (unsigned)(i / 24 % 24),
				  0x3B1 + (unsigned)(i / 576 % 24) };
		size_t k, len = 0;
		for (k = 0; k < 3; k++) {
			unsigned cp = c[k] >= 0x3C2 ? c[k] + 1 : c[k];
			w[len++] = (char)(0xC0 | (cp >> 6));
			w[len++] = (char)(0x80 | (cp & 0x3F));
		}
		vg_buf_clear(&a);
		vg_buf_clear(&b);
		assert_int_equal(vg__text_fold(&a, w, len), 0);
		assert_int_equal(vg__text_fold(&b, w, len), 0);
		assert_true(a.size > 0);
		assert_string_equal(a.ptr, b.ptr);
	}
	expect_norm("Αλέξανδρος", "alexandros");
	longw = malloc(n * 2);
	assert_non_null(longw);
	for (i = 0; i < n; i++)
		memcpy(longw + 2 * i, "\xce\xb2", 2); /* β */
	vg_buf_clear(&a);
	vg_buf_clear(&b);
	assert_int_equal(vg__text_fold(&a, longw, n * 2), 0);
	assert_int_equal(vg__text_fold(&b, longw, n * 2), 0);
	assert_int_equal(a.size, n);
	assert_string_equal(a.ptr, b.ptr);
	free(longw);
	vg_buf_dispose(&a);
	vg_buf_dispose(&b);
}

/* Syllables read from Chinese characters and Hangul carry the character
 * they came from (normalize.h): one code point for one character, the
 * simplified form for a traditional one, a word's syllables not spaced. */
static void test_fold_origins(void **state)
{
	vg_buf b = VG_BUF_INIT;
	(void)state;
	/* 张 U+5F20; 張 is its traditional form */
	assert_int_equal(vg__text_fold(&b, "張伟", strlen("張伟")), 0);
	assert_string_equal(b.ptr, "\x02\x03" "FPCAzhang\x02\x03" "EPBPwei");
	vg_buf_clear(&b);
	/* 章 (U+7AE0) is read zhang too, but is another character */
	assert_int_equal(vg__text_fold(&b, "章", strlen("章")), 0);
	assert_string_equal(b.ptr, "\x02\x03" "HKOAzhang");
	vg_buf_clear(&b);
	/* Hangul: the block's code point; 정 (U+C815) and 종 (U+C885) are
	 * both jong in the table; a family name is spelt its own way */
	assert_int_equal(vg__text_fold(&b, "박정 박종", strlen("박정 박종")), 0);
	assert_string_equal(b.ptr, "\x02\x03" "LMBFpark\x02\x03" "MIBFjong \x02\x03"
				   "LMBFbak\x02\x03" "MIIFjong");
	vg_buf_clear(&b);
	/* a Japanese name read as a word, its origin a hash of the kanji */
	assert_int_equal(vg__text_fold(&b, "山田", strlen("山田")), 0);
	assert_int_equal(b.ptr[0], VG__MARK_ORIGIN);
	assert_true(b.ptr[1] >= 'O' && b.ptr[1] <= 'P'); /* 0xE000 | ... */
	assert_string_equal(b.ptr + VG__ORIGIN_LEN, "yamada");
	vg_buf_dispose(&b);
}

/* The words data/org_words.txt gives in other scripts as ORIGINAL=FOLDED
 * are folded the way the file says (gen.py compiles the folded forms). */
static void test_data_folded_words(void **state)
{
	FILE *f = fopen(VG_TEST_DATA "/org_words.txt", "r");
	char line[8192];
	size_t checked = 0;
	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char *bar = strchr(line, '|'), *tok, *save = NULL;
		if (line[0] == '#' || !bar)
			continue;
		for (tok = strtok_r(bar + 1, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save)) {
			char *eq = strchr(tok, '='), want[256];
			vg_buf b = VG_BUF_INIT;
			size_t i, n = 0;
			int han = 0;
			assert_non_null(eq);
			*eq = '\0';
			for (i = 0; tok[i]; i++)
				han |= (unsigned char)tok[i] >= 0xE3 && (unsigned char)tok[i] <= 0xE9;
			assert_int_equal(vg_text_normalize(&b, tok, strlen(tok)), 0);
			/* Chinese words are written with their syllables joined */
			for (i = 0; b.ptr && b.ptr[i] && n + 1 < sizeof(want); i++)
				if (!(han && b.ptr[i] == ' '))
					want[n++] = b.ptr[i];
			want[n] = '\0';
			if (strcmp(want, eq + 1) != 0)
				fail_msg("org_words.txt: %s folds to [%s], the file says [%s]", tok, want,
					 eq + 1);
			vg_buf_dispose(&b);
			checked++;
		}
	}
	fclose(f);
	assert_true(checked > 100);
}

static void test_fold_marks(void **state)
{
	vg_buf b = VG_BUF_INIT;
	(void)state;
	assert_int_equal(vg__text_fold(&b, "محمد علي", strlen("محمد علي")), 0);
	assert_int_equal(b.ptr[0], VG__MARK_ABJAD);
	vg_buf_clear(&b);
	assert_int_equal(vg__text_fold(&b, "J. Smith, Jr.", 13), 0);
	assert_string_equal(b.ptr, "j. smith, jr.");
	vg_buf_dispose(&b);
}

static void test_invalid(void **state)
{
	vg_buf b = VG_BUF_INIT;
	static const char *bad[] = { "abc\xff", "\xc3", "\xc0\xaf", "\xed\xa0\x80",
				     "x\xf4\x90\x80\x80" };
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(vg_text_normalize(&b, bad[i], strlen(bad[i])), VG_EDATA);
		assert_true(strstr(vg_error_last()->message, "UTF-8") != NULL);
	}
	assert_int_equal(vg_text_normalize(NULL, "a", 1), VG_EUSAGE);
	vg_buf_dispose(&b);
}

static void test_huge(void **state)
{
	size_t n = 100000, i;
	char *s = malloc(n * 2 + 1);
	vg_buf b = VG_BUF_INIT;
	(void)state;
	assert_non_null(s);
	for (i = 0; i < n; i++)
		s[i] = (char)('a' + i % 26);
	assert_int_equal(vg_text_normalize(&b, s, n), 0);
	assert_int_equal(b.size, n);
	vg_buf_clear(&b);
	for (i = 0; i < n / 2; i++)
		memcpy(s + 2 * i, "\xd0\x96", 2); /* Ж */
	assert_int_equal(vg_text_normalize(&b, s, n), 0);
	assert_int_equal(b.size, n); /* zh per letter */
	vg_buf_dispose(&b);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_latin),
		cmocka_unit_test(test_cyrillic),
		cmocka_unit_test(test_other_scripts),
		cmocka_unit_test(test_table_scripts),
		cmocka_unit_test(test_translit_cache),
		cmocka_unit_test(test_fold_origins),
		cmocka_unit_test(test_data_folded_words),
		cmocka_unit_test(test_fold_marks),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_huge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
