/*
 * test_compare.c - the comparator: what must match, what must not, the
 * explanation, bad input, and the quality figure on the labelled pairs.
 */
#include "helpers.h"
#include "names/name.h"
#include "vigil/vigil.h"

#include <pthread.h>

static double cmp(const char *a, const char *b, vg_schema schema)
{
	double s = -1;
	if (vg_compare(&s, a, strlen(a), b, strlen(b), schema, NULL) != 0)
		fail_msg("compare(%s, %s): %s", a, b, vg_error_last()->message);
	assert_true(s >= 0 && s <= 1);
	return s;
}

#define MATCH(a, b, sc) do { double s_ = cmp(a, b, sc); \
	if (s_ < vg_compare_threshold()) fail_msg("%s / %s = %.3f, want a match", a, b, s_); } while (0)
#define NO_MATCH(a, b, sc) do { double s_ = cmp(a, b, sc); \
	if (s_ >= vg_compare_threshold()) fail_msg("%s / %s = %.3f, want no match", a, b, s_); } while (0)

static void test_people_match(void **state)
{
	(void)state;
	MATCH("Vladimir Putin", "Putin, Vladimir", VG_SCHEMA_PERSON);
	MATCH("Vladimir Putin", "PUTIN Vladimir Vladimirovich", VG_SCHEMA_PERSON);
	MATCH("Владимир Путин", "Vladimir Putin", VG_SCHEMA_PERSON);
	MATCH("Aleksandr Lukashenko", "Alexander Lukashenko", VG_SCHEMA_PERSON);
	MATCH("Yevgeny Prigozhin", "Evgenii Prigozhin", VG_SCHEMA_PERSON);
	MATCH("Volodymyr Zelenskyy", "Володимир Зеленський", VG_SCHEMA_PERSON);
	MATCH("Mohammed bin Salman", "Muhammad bin Salman", VG_SCHEMA_PERSON);
	MATCH("محمد علي", "Mohamed Ali", VG_SCHEMA_PERSON);
	MATCH("Friedrich Buchenberg", "FridrichBuchenberg", VG_SCHEMA_PERSON);
	MATCH("Nikolai Platonovich Patrushev", "Nikolai Patr ushev", VG_SCHEMA_PERSON);
	MATCH("Jean-Claude Juncker", "JC Juncker", VG_SCHEMA_PERSON);
	MATCH("Thomas Lindemann", "Thomas A. Lindeman", VG_SCHEMA_PERSON);
	MATCH("Benjamin Netanyahu", "Ben Netanyahu", VG_SCHEMA_PERSON);
	MATCH("Kim Jong Un", "김정은", VG_SCHEMA_PERSON);
	MATCH("Xi Jinping", "习近平", VG_SCHEMA_PERSON);
	MATCH("Dr. Ilie Bolojan", "Ilie-Gabriel Bolojan", VG_SCHEMA_PERSON);
	MATCH("Hanniball", "Hannibal", VG_SCHEMA_PERSON);
}

static void test_people_no_match(void **state)
{
	(void)state;
	NO_MATCH("Barack Obama", "Michelle Obama", VG_SCHEMA_PERSON);
	NO_MATCH("Sergey Viktorovich Lavrov", "Sergey Ivanovich Lavrov", VG_SCHEMA_PERSON);
	NO_MATCH("Frank Richter", "Frederik Richter", VG_SCHEMA_PERSON);
	NO_MATCH("Boris Abramovich", "Roman Abramovich", VG_SCHEMA_PERSON);
	NO_MATCH("Barack Obama", "George Hussein Onyango Obama", VG_SCHEMA_PERSON);
	NO_MATCH("A. Nazarbayev", "Nursultan Nazarbayev", VG_SCHEMA_PERSON);
	NO_MATCH("N.N.", "Nursultan Nazarbayev", VG_SCHEMA_PERSON);
	NO_MATCH("AYMAN SABAWI IBRAHIM AL-DULAIMI", "AYMAN SABAWI IBRAHIM AL-TIKRITI",
		 VG_SCHEMA_PERSON);
	NO_MATCH("习近朋", "习近平", VG_SCHEMA_PERSON);
	NO_MATCH("Michaela", "Donald Duck", VG_SCHEMA_PERSON);
	/* the listed family name is known (comma or capitals); the query's
	 * last word, unmatched, is another family name */
	NO_MATCH("Badran Turki Hishan Weaver", "HISHAN, Badran Turki", VG_SCHEMA_PERSON);
	NO_MATCH("Badran Turki Hishan Weaver", "Badran Turki HISHAN", VG_SCHEMA_PERSON);
	MATCH("Badran Turki Hishan", "Badran Turki HISHAN", VG_SCHEMA_PERSON);
	MATCH("Sergey Lavrov", "Sergey Viktorovich LAVROV", VG_SCHEMA_PERSON);
	/* Spanish names: the first family name is the one a person goes by;
	 * a second the other name lacks tells two Perez apart */
	NO_MATCH("Carlos Duque", "RAMIREZ DUQUE, Carlos Manuel", VG_SCHEMA_PERSON);
	MATCH("Carlos Ramirez Duque", "RAMIREZ DUQUE, Carlos Manuel", VG_SCHEMA_PERSON);
	assert_true(cmp("Santiago Perez", "PEREZ OCAMPO, Santiago", VG_SCHEMA_PERSON) <
		    cmp("Santiago Perez", "PEREZ, Santiago Ocampo", VG_SCHEMA_PERSON));
	/* son and father swapped are two people; word order alone is not */
	NO_MATCH("ABDULLAH BIN OMAR AL-MUHAMMAD", "OMAR BIN ABDULLAH AL-MUHAMMAD", VG_SCHEMA_PERSON);
	MATCH("Salman Mohammed bin", "Mohammed bin Salman", VG_SCHEMA_PERSON);
}

static void test_orgs(void **state)
{
	(void)state;
	MATCH("Siemens AG", "Siemens Aktiengesellschaft", VG_SCHEMA_COMPANY);
	MATCH("SiemensAG", "Siemens AG", VG_SCHEMA_COMPANY);
	MATCH("OAO Gazprom", "Open Joint Stock Company Gasprom", VG_SCHEMA_COMPANY);
	MATCH("OOO Oboronnye Initsiativy", "Oboronnye Initsiativy OOO", VG_SCHEMA_COMPANY);
	MATCH("ООО \"АЯС 2000\"", "OOO AYAS 2000", VG_SCHEMA_COMPANY);
	MATCH("Brigade Forty-Four", "Brigade 44", VG_SCHEMA_ORGANIZATION);
	MATCH("L.X.C. Aviation", "LXC Aviation", VG_SCHEMA_COMPANY);
	MATCH("HOMS REFINERY CORPORATION", "The Homs Refinery Company", VG_SCHEMA_COMPANY);
	NO_MATCH("Fund 1", "Fund 2", VG_SCHEMA_COMPANY);
	NO_MATCH("Alpha Capital Fund 1 Ltd", "Alpha Capital Fund 2 Ltd", VG_SCHEMA_COMPANY);
	NO_MATCH("Management Company 23", "Management Company", VG_SCHEMA_COMPANY);
	NO_MATCH("Deutsche Bank AG", "Deutsche Bank GmbH", VG_SCHEMA_COMPANY);
	NO_MATCH("Volkswagen Aktiengesellschaft", "Siemens Aktiengesellschaft", VG_SCHEMA_COMPANY);
	NO_MATCH("LXC Aviation", "LAU Aviation", VG_SCHEMA_COMPANY);
	NO_MATCH("CDE Company", "A.B.C. Company", VG_SCHEMA_COMPANY);
	NO_MATCH("Lady Leila", "Lady Rania", VG_SCHEMA_VESSEL);
}

static double cmp2(const char *a, vg_schema sa, const char *b, vg_schema sb)
{
	vg_name *na = NULL, *nb = NULL;
	double s = -1;
	assert_int_equal(vg_name_analyze(&na, a, strlen(a), sa), 0);
	assert_int_equal(vg_name_analyze(&nb, b, strlen(b), sb), 0);
	assert_int_equal(vg_name_compare(&s, na, nb, NULL), 0);
	vg_name_free(na);
	vg_name_free(nb);
	return s;
}

/* An acronym matches the name of a body written as one, never the
 * initials of a person's name (name-only screening: "Robert Ferrand" is
 * not VEB.RF, "Lisa Joseph" not Lashkar-i-Jhangvi's "LJ"). */
static void test_acronyms(void **state)
{
	(void)state;
	MATCH("PLA", "People's Liberation Army", VG_SCHEMA_ORGANIZATION);
	assert_true(cmp2("Lisa Joseph", VG_SCHEMA_THING, "LJ", VG_SCHEMA_ORGANIZATION) <
		    vg_compare_threshold());
	assert_true(cmp2("Lisa Joseph", VG_SCHEMA_PERSON, "LJ", VG_SCHEMA_ORGANIZATION) <
		    vg_compare_threshold());
	assert_true(cmp2("Robert Ferrand", VG_SCHEMA_THING, "RF", VG_SCHEMA_ORGANIZATION) <
		    vg_compare_threshold());
	/* a query of unknown kind that says it is a body */
	assert_true(cmp2("Jammal Trust Bank", VG_SCHEMA_THING, "JTB", VG_SCHEMA_ORGANIZATION) >=
		    vg_compare_threshold());
}

/* Chinese characters and Hangul: a character is compared as itself, its
 * reading aligns with the other romanisations of the reading, and a given
 * name is its syllables in their order. */
static void test_east_asian(void **state)
{
	(void)state;
	/* two Hangul names one syllable apart are two people, even where the
	 * table spells both syllables jong */
	NO_MATCH("박정호", "박종호", VG_SCHEMA_PERSON);
	assert_true(cmp("박정호", "박종호", VG_SCHEMA_PERSON) < 1.0);
	MATCH("박정호", "박정호", VG_SCHEMA_PERSON);
	/* two characters read alike are never identical; one character in
	 * its traditional and simplified forms is */
	assert_true(cmp("张伟", "章伟", VG_SCHEMA_PERSON) < 1.0);
	assert_true(cmp("張偉", "张伟", VG_SCHEMA_PERSON) > 0.99);
	/* Korean romanisations: Revised, McCune-Reischauer, North Korean */
	MATCH("Kim Jong Un", "Kim Jeong Eun", VG_SCHEMA_PERSON);
	MATCH("Choe Ryong Hae", "Choi Yong Hae", VG_SCHEMA_PERSON);
	MATCH("Ri Yong Ho", "Lee Yong Ho", VG_SCHEMA_PERSON);
	MATCH("Pak Hyok", "Park Hyeok", VG_SCHEMA_PERSON);
	MATCH("김정은", "Kim Jong-un", VG_SCHEMA_PERSON);
	MATCH("김정은", "Kim Jeong Eun", VG_SCHEMA_PERSON);
	/* Wade-Giles and Cantonese spellings of a character's reading, but
	 * not another reading that shares a spelling with it */
	MATCH("张伟", "Chang Wei", VG_SCHEMA_PERSON);
	MATCH("陈港生", "Chan Kong Sang", VG_SCHEMA_PERSON);
	NO_MATCH("畅 石", "Zhang Shi", VG_SCHEMA_PERSON);
	/* a given name is one unit: 建宏 is not Jian, 광수 not Su-gwang */
	NO_MATCH("建宏 張", "ZHANG, Jian", VG_SCHEMA_PERSON);
	NO_MATCH("광수 김", "KIM, Su-gwang", VG_SCHEMA_PERSON);
	MATCH("광수 김", "KIM, Gwang-su", VG_SCHEMA_PERSON);
	/* Japanese names read as Japanese */
	MATCH("山田太郎", "Yamada Taro", VG_SCHEMA_PERSON);
	MATCH("田中花子", "Tanaka Hanako", VG_SCHEMA_PERSON);
	MATCH("重信房子", "Fusako Shigenobu", VG_SCHEMA_PERSON);
}

/* Numbers written as words, ordinals and digits in several languages, and
 * misspelt; Roman numerals stay numbers. */
static void test_numbers(void **state)
{
	(void)state;
	MATCH("2nd National Bank", "Second National Bank", VG_SCHEMA_COMPANY);
	MATCH("Battalion Twenty-One", "Battalion 21", VG_SCHEMA_ORGANIZATION);
	NO_MATCH("Battalion Twenty-One", "Battalion 22", VG_SCHEMA_ORGANIZATION);
	MATCH("Ninty-Ninth Brigade", "99th Brigade", VG_SCHEMA_ORGANIZATION);
	MATCH("Fourty Four Holdings", "44 Holdings", VG_SCHEMA_COMPANY);
	MATCH("Two Hundred and Five Group", "205 Group", VG_SCHEMA_COMPANY);
	MATCH("Deuxième Bureau", "2e Bureau", VG_SCHEMA_ORGANIZATION);
	MATCH("Segunda Brigada", "2nd Brigade", VG_SCHEMA_ORGANIZATION);
	MATCH("Zweite Division", "2. Division", VG_SCHEMA_ORGANIZATION);
	MATCH("Einundzwanzigste Brigade", "Brigade 21", VG_SCHEMA_ORGANIZATION);
	MATCH("EYGHTH OCEAN GMBH & CO. KG", "EIGHTH OCEAN GMBH & CO. KG", VG_SCHEMA_COMPANY);
	MATCH("Fund V", "Fund 5", VG_SCHEMA_COMPANY);
	NO_MATCH("Fund V", "Fund VI", VG_SCHEMA_COMPANY);
	MATCH("Fund XXV", "Fund Twenty-Five", VG_SCHEMA_COMPANY);
	NO_MATCH("Sixth Fleet", "Seventh Fleet", VG_SCHEMA_ORGANIZATION);
	/* words that look like numbers in other languages stay words */
	MATCH("Banco dos Santos", "Banco dos Santos SA", VG_SCHEMA_COMPANY);
	NO_MATCH("Otto Group", "8 Group", VG_SCHEMA_COMPANY);
}

/* Every script names of listed people are published in reaches their
 * Latin spelling (names of public figures, their usual Latin forms). */
static void test_scripts(void **state)
{
	(void)state;
	MATCH("ហ៊ុន សែន", "Hun Sen", VG_SCHEMA_PERSON);                   /* Khmer */
	MATCH("ທອງລຸນ ສີສຸລິດ", "Thongloun Sisoulith", VG_SCHEMA_PERSON);  /* Lao */
	MATCH("မင်းအောင်လှိုင်", "Min Aung Hlaing", VG_SCHEMA_PERSON);       /* Burmese */
	MATCH("အောင်ဆန်းစုကြည်", "Aung San Suu Kyi", VG_SCHEMA_PERSON);
	MATCH("මහින්ද රාජපක්ෂ", "Mahinda Rajapaksa", VG_SCHEMA_PERSON);    /* Sinhala */
	MATCH("வேலுப்பிள்ளை பிரபாகரன்", "Velupillai Prabhakaran", VG_SCHEMA_PERSON); /* Tamil */
	MATCH("చంద్రబాబు నాయుడు", "Chandrababu Naidu", VG_SCHEMA_PERSON);  /* Telugu */
	MATCH("শেখ হাসিনা", "Sheikh Hasina", VG_SCHEMA_PERSON);            /* Bengali */
	MATCH("નરેન્દ્ર મોદી", "Narendra Modi", VG_SCHEMA_PERSON);          /* Gujarati */
	MATCH("ኢሳይያስ አፈወርቂ", "Isaias Afwerki", VG_SCHEMA_PERSON);       /* Ethiopic */
	MATCH("አብይ አህመድ", "Abiy Ahmed", VG_SCHEMA_PERSON);
	MATCH("བསྟན་འཛིན་རྒྱ་མཚོ", "Tenzin Gyatso", VG_SCHEMA_PERSON);     /* Tibetan */
	MATCH("ᠴᠢᠩᠭᠢᠰ ᠬᠠᠭᠠᠨ", "Chinggis Khaan", VG_SCHEMA_PERSON);        /* Mongolian */
	MATCH("މުހައްމަދު ނަޝީދު", "Mohamed Nasheed", VG_SCHEMA_PERSON);  /* Thaana */
	MATCH("ܐܦܪܝܡ", "Afrem", VG_SCHEMA_PERSON);                         /* Syriac */
	MATCH("मोहिनी परवीन सिंह", "Mohini Parveen Singh", VG_SCHEMA_PERSON); /* Devanagari */
	MATCH("ਅਮਰਿੰਦਰ ਸਿੰਘ", "Amarinder Singh", VG_SCHEMA_PERSON);      /* Gurmukhi */
	MATCH("പിണറായി വിജയൻ", "Pinarayi Vijayan", VG_SCHEMA_PERSON);     /* Malayalam */
	MATCH("ಸಿದ್ದರಾಮಯ್ಯ", "Siddaramaiah", VG_SCHEMA_PERSON);           /* Kannada */
	MATCH("ନବୀନ ପଟ୍ଟନାୟକ", "Naveen Patnaik", VG_SCHEMA_PERSON);        /* Oriya */
	NO_MATCH("ហ៊ុន សែន", "Hun Manet", VG_SCHEMA_PERSON);
}

static void test_symmetric_and_self(void **state)
{
	static const char *names[] = { "Vladimir Putin", "Deutsche Bank AG", "محمد علي",
				       "A. B. C.", "Zu Zag Bong 6" };
	(void)state;
	for (size_t i = 0; i < 5; i++) {
		assert_true(cmp(names[i], names[i], VG_SCHEMA_COMPANY) > 0.99);
		for (size_t j = 0; j < 5; j++) {
			double a = cmp(names[i], names[j], VG_SCHEMA_PERSON);
			double b = cmp(names[j], names[i], VG_SCHEMA_PERSON);
			assert_true(a - b < 0.05 && b - a < 0.05);
		}
	}
}

static void test_explain(void **state)
{
	vg_buf ex = VG_BUF_INIT;
	double s;
	const char *a = "Wladimir Putin Jr", *b = "PUTIN, Vladimir Vladimirovich";
	(void)state;
	assert_int_equal(vg_compare(&s, a, strlen(a), b, strlen(b), VG_SCHEMA_PERSON, &ex), 0);
	assert_non_null(strstr(ex.ptr, "\"aligned\""));
	assert_non_null(strstr(ex.ptr, "\"rule\": \"exact\""));
	assert_non_null(strstr(ex.ptr, "\"unmatched_b\": [\"vladimirovich\"]"));
	assert_non_null(strstr(ex.ptr, "\"score\""));
	vg_buf_clear(&ex);
	a = "Siemens AG";
	b = "SiemensGmbH";
	assert_int_equal(vg_compare(&s, a, strlen(a), b, strlen(b), VG_SCHEMA_COMPANY, &ex), 0);
	assert_non_null(strstr(ex.ptr, "\"conflict\": true"));
	vg_buf_dispose(&ex);
}

static void test_bad_input(void **state)
{
	double s = -1;
	size_t n = 100000;
	char *big = malloc(n);
	(void)state;
	assert_int_equal(vg_compare(&s, "", 0, "x", 1, VG_SCHEMA_PERSON, NULL), VG_EDATA);
	assert_int_equal(vg_compare(&s, "a\xff", 2, "a", 1, VG_SCHEMA_PERSON, NULL), VG_EDATA);
	assert_int_equal(vg_name_compare(&s, NULL, NULL, NULL), VG_EUSAGE);
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = (i % 5 == 4) ? ' ' : 'q';
	assert_int_equal(vg_compare(&s, big, n, big, n, VG_SCHEMA_PERSON, NULL), 0);
	assert_int_equal(vg_compare(&s, big, n, "Vladimir Putin", 14, VG_SCHEMA_PERSON, NULL), 0);
	assert_true(s < vg_compare_threshold());
	free(big);
}

/* Analysis opens an ICU transliterator per thread: threads comparing
 * names of ICU-handled scripts at once must all get the same scores. */
static void *compare_many(void *arg)
{
	static const char *const pairs[][2] = {
		{ "Αλέξανδρος", "Alexander" }, { "习近平", "Xi Jinping" },
		{ "ბარაკ ობამა", "Barack Obama" }, { "Vladimir Putin", "Владимир Путин" },
	};
	int *ok = arg;
	for (int round = 0; round < 200; round++) {
		for (size_t i = 0; i < 4; i++) {
			double s = 0;
			if (vg_compare(&s, pairs[i][0], strlen(pairs[i][0]), pairs[i][1],
				       strlen(pairs[i][1]), VG_SCHEMA_PERSON, NULL) != 0 ||
			    s < vg_compare_threshold())
				*ok = 0;
		}
	}
	return NULL;
}

static void test_threads(void **state)
{
	pthread_t th[4];
	int ok[4] = { 1, 1, 1, 1 };
	(void)state;
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, compare_many, &ok[i]), 0);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_true(ok[i]);
	}
}

/* The quality figure: F1 at the default threshold on the labelled pairs
 * (the CLI reads the CSV; this checks the number the README quotes). */
static void test_quality_eval(void **state)
{
	const char *path = shared_path("data/eval/name-pairs.csv");
	char cmd[4200], line[8192];
	FILE *p;
	size_t tp = 0, fp = 0, fn = 0;
	double f1;
	(void)state;
	if (!path) {
		skip();
		return;
	}
	snprintf(cmd, sizeof(cmd), "%s compare --pairs '%s'", VG_TEST_BINARY, path);
	assert_non_null(p = popen(cmd, "r"));
	while (fgets(line, sizeof(line), p)) {
		/* is_match is the 5th column counted from the end: match, score,
		 * logicv2_score, category, quality, is_match (names may hold commas) */
		char *f[8];
		size_t n = 0;
		char *e = line + strcspn(line, "\r\n");
		*e = '\0';
		while (n < 6 && e > line) {
			char *c = strrchr(line, ',');
			if (!c)
				break;
			f[n++] = c + 1;
			*c = '\0';
		}
		if (n < 6 || strcmp(f[0], "match") == 0)
			continue;
		{
			int pred = strcmp(f[0], "true") == 0, truth = strcmp(f[5], "true") == 0;
			tp += pred && truth;
			fp += pred && !truth;
			fn += !pred && truth;
		}
	}
	assert_int_equal(pclose(p), 0);
	f1 = 2.0 * tp / (2.0 * tp + fp + fn);
	printf("name-pairs: F1 %.3f (tp %zu fp %zu fn %zu)\n", f1, tp, fp, fn);
	assert_true(tp + fn > 150);
	assert_true(f1 >= 0.86);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_people_match),
		cmocka_unit_test(test_people_no_match),
		cmocka_unit_test(test_orgs),
		cmocka_unit_test(test_acronyms),
		cmocka_unit_test(test_east_asian),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_scripts),
		cmocka_unit_test(test_symmetric_and_self),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_quality_eval),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
