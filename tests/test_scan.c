/*
 * test_scan.c - the scan stage: tokens and offsets, loose keys, the
 * evidence rules on a small hand-made dictionary, and vg_scan_json over an
 * index of the example dataset.  Precision and recall on the annotated
 * texts against the real lists are measured by tests/cli_scan.sh.
 */
#include "scan_dict.h"
#include "scan/scan_data.h"
#include "scan/run.h"
#include "vigil/vigil.h"

#include <unistd.h>

/* ---- tokens -------------------------------------------------------------- */

static void test_words_sorted(void **state)
{
	(void)state;
	assert_true(vg__scan_words_sorted());
	assert_true(vg__scan_common_word("hope", 4));
	assert_true(vg__scan_common_word("union", 5));
	assert_false(vg__scan_common_word("rossotrudnichestvo", 18));
	assert_true(vg__scan_title_word("president", 9));
	assert_true(vg__scan_weak_word("llc", 3));
	assert_true(vg__scan_place_word("kyiv", 4));
	/* a word is found whole only: not by a prefix of it, not with a
	 * letter more, not with a NUL inside; and every word of a list by
	 * its own binary search */
	assert_false(vg__scan_common_word("hop", 3));
	assert_false(vg__scan_common_word("hopes", 5));
	assert_false(vg__scan_common_word("hope\0", 5));
	assert_false(vg__scan_common_word("", 0));
	for (size_t k = 0; k < vg__sd_common_n; k++)
		assert_true(vg__scan_common_word(vg__sd_common[k], strlen(vg__sd_common[k])));
	for (size_t k = 0; k < vg__sd_places_n; k++)
		assert_true(vg__scan_place_word(vg__sd_places[k], strlen(vg__sd_places[k])));
	for (size_t k = 0; k < vg__sd_trans_from_n; k++)
		assert_string_equal(vg__scan_translate(vg__sd_trans_from[k], strlen(vg__sd_trans_from[k])),
				    vg__sd_trans_to[k]);
	/* the endings' lengths the loose key reads them by */
	for (size_t k = 0; k < vg__sd_endings_n; k++)
		assert_int_equal(vg__sd_endings_len[k], strlen(vg__sd_endings[k]));
}

static void test_tokens(void **state)
{
	const char *text = "President Putin’s aide met J. Smith,\nthe “Union”. O'Neil";
	vg__tokenizer tz;
	vg__toks tk = { NULL, 0, 0 };
	(void)state;
	vg__tokenizer_init(&tz);
	assert_int_equal(vg__tokenize(&tk, &tz, text, strlen(text), false), 0);
	/* President Putin aide met J Smith the Union O Neil */
	assert_int_equal(tk.n, 10);
	assert_int_equal(tk.v[1].start, 10);
	assert_int_equal(tk.v[1].end, 15);
	assert_true(tk.v[1].flags & VG_TOKF_POSSESSIVE);
	assert_memory_equal(tz.pool.ptr + tk.v[1].norm, "putin", 5);
	assert_int_equal(tk.v[2].brk, VG_BRK_SPACE); /* the ’s is dropped */
	assert_int_equal(tk.v[5].brk, VG_BRK_SPACE); /* "J." joins "Smith" */
	assert_int_equal(tk.v[6].brk, VG_BRK_SOFT);  /* the comma */
	assert_int_equal(tk.v[7].brk, VG_BRK_HARD);  /* the quote */
	assert_int_equal(tk.v[9].brk, VG_BRK_SPACE); /* O'Neil */
	assert_true(tk.v[1].flags & VG_TOKF_CAP);
	assert_false(tk.v[2].flags & VG_TOKF_CAP);
	free(tk.v);
	vg__tokenizer_dispose(&tz);
}

static void test_tokens_scripts(void **state)
{
	const char *text = "Путина и 习近平 ومحمد";
	vg__tokenizer tz;
	vg__toks tk = { NULL, 0, 0 };
	(void)state;
	vg__tokenizer_init(&tz);
	assert_int_equal(vg__tokenize(&tk, &tz, text, strlen(text), false), 0);
	/* Путина, и, three ideographs, one Arabic word */
	assert_int_equal(tk.n, 6);
	assert_true(tk.v[0].flags & VG_TOKF_CYRILLIC);
	assert_true(tk.v[2].flags & VG_TOKF_HAN);
	assert_int_equal(tk.v[2].end - tk.v[2].start, 3);
	assert_true(tk.v[5].flags & VG_TOKF_UNCASED);
	/* hamza and ayn as modifier letters (ʾ ʿ) are apostrophes: they
	 * join a word's parts and start no word */
	text = "al-ʾIslāmiya Jamāʿat";
	tk.n = 0;
	assert_int_equal(vg__tokenize(&tk, &tz, text, strlen(text), false), 0);
	assert_int_equal(tk.n, 3);
	assert_true(tk.v[1].flags & VG_TOKF_CAP);
	assert_int_equal(tk.v[1].start, 5);
	assert_memory_equal(tz.pool.ptr + tk.v[2].norm, "jamaat", 6);
	free(tk.v);
	vg__tokenizer_dispose(&tz);
}

static void test_tokens_bad_input(void **state)
{
	vg__tokenizer tz;
	vg__toks tk = { NULL, 0, 0 };
	(void)state;
	vg__tokenizer_init(&tz);
	assert_int_equal(vg__tokenize(&tk, &tz, "ab\xc3(", 4, false), VG_EDATA);
	assert_non_null(strstr(vg_error_last()->message, "byte 2"));
	assert_int_equal(vg__tokenize(&tk, &tz, "ab\0cd", 5, false), VG_EDATA);
	assert_non_null(strstr(vg_error_last()->message, "binary"));
	/* overlong encoding of '/' and a UTF-16 surrogate */
	assert_int_equal(vg__tokenize(&tk, &tz, "\xc0\xaf", 2, false), VG_EDATA);
	assert_int_equal(vg__tokenize(&tk, &tz, "\xed\xa0\x80", 3, false), VG_EDATA);
	free(tk.v);
	vg__tokenizer_dispose(&tz);
}

static void test_tokens_html(void **state)
{
	const char *html = "<p>A <b>Kalashnikov</b>&nbsp;Concern</p><script>Hamas</script>"
			   "<p>Hamas&rsquo;s &amp; x</p>";
	vg__tokenizer tz;
	vg__toks tk = { NULL, 0, 0 };
	size_t i;
	(void)state;
	vg__tokenizer_init(&tz);
	assert_int_equal(vg__tokenize(&tk, &tz, html, strlen(html), true), 0);
	/* A Kalashnikov Concern Hamas x: the script body is gone */
	assert_int_equal(tk.n, 5);
	assert_memory_equal(html + tk.v[1].start, "Kalashnikov", 11);
	assert_memory_equal(html + tk.v[2].start, "Concern", 7);
	assert_memory_equal(html + tk.v[3].start, "Hamas", 5);
	assert_true(tk.v[3].flags & VG_TOKF_POSSESSIVE);
	assert_int_equal(tk.v[3].brk, VG_BRK_HARD); /* new paragraph */
	for (i = 0; i < tk.n; i++)
		assert_true(tk.v[i].end <= strlen(html));
	/* a line break inside a paragraph does not split a name */
	tk.n = 0;
	assert_int_equal(vg__tokenize(&tk, &tz, "<p>Doku<br/>Umarov</p>", 22, true), 0);
	assert_int_equal(tk.n, 2);
	assert_int_equal(tk.v[1].brk, VG_BRK_SPACE);
	free(tk.v);
	vg__tokenizer_dispose(&tz);
}

static void test_loose_key(void **state)
{
	char a[64], b[64];
	size_t na, nb;
	(void)state;
#define SAME(x, y) do { \
	na = vg__loose_key(a, x, strlen(x), false); \
	nb = vg__loose_key(b, y, strlen(y), false); \
	assert_int_equal(na, nb); \
	assert_memory_equal(a, b, na); \
} while (0)
	SAME("putin", "putina");
	SAME("putin", "putinym");
	SAME("zelenskyy", "zelenskogo");
	SAME("zelensky", "zelenskiy");
	SAME("primakov", "primakovu");
	SAME("rossotrudnichestvo", "rossotrudnichestva");
	SAME("evgeny", "evgenii");
	SAME("aliyev", "aliev");
#undef SAME
	na = vg__loose_key(a, "primakov", 8, false);
	nb = vg__loose_key(b, "primak", 6, false);
	assert_false(na == nb && !memcmp(a, b, na));
	/* never shorter than four letters */
	assert_int_equal(vg__loose_key(a, "ivana", 5, false), 4);
	/* with vowels folded, transliterations of one Arabic name meet */
#define FOLD(x, y) do { \
	na = vg__loose_key(a, x, strlen(x), true); \
	nb = vg__loose_key(b, y, strlen(y), true); \
	assert_int_equal(na, nb); \
	assert_memory_equal(a, b, na); \
} while (0)
	FOLD("hezbollah", "hizballah");
	FOLD("hizballah", "khezbolla");
	FOLD("hezbola", "khezbolly");
	FOLD("qaida", "kaidoi");
	FOLD("qaeda", "kaidy");
	FOLD("nusrah", "nusra");
	FOLD("jabhat", "dzhebkhat");
	FOLD("chabab", "shabaab"); /* French ch is sh */
#undef FOLD
	/* ... while the precise key keeps them apart from mere likenesses */
	na = vg__loose_key(a, "sektor", 6, false);
	nb = vg__loose_key(b, "soktar", 6, false);
	assert_false(na == nb && !memcmp(a, b, na));
	na = vg__loose_key(a, "chenko", 6, false); /* ... not in the precise key */
	nb = vg__loose_key(b, "shenko", 6, false);
	assert_false(na == nb && !memcmp(a, b, na));
	na = vg__loose_key(a, "khamas", 6, false);
	nb = vg__loose_key(b, "hamas", 5, false);
	assert_true(na == nb && !memcmp(a, b, na));
}

/* ---- rules, on a dictionary made by hand --------------------------------- */

static const nm names[] = {
	{ 0, VG_SCHEMA_PUBLIC_BODY, "Rossotrudnichestvo" },
	{ 0, VG_SCHEMA_PUBLIC_BODY, "Россотрудничество" },
	{ 0, VG_SCHEMA_PUBLIC_BODY, "Russia cooperation" },
	{ 1, VG_SCHEMA_PERSON, "Evgeny Primakov" },
	{ 2, VG_SCHEMA_PERSON, "PUTIN, Vladimir Vladimirovich" },
	{ 3, VG_SCHEMA_ORGANIZATION, "HOPE" },
	{ 4, VG_SCHEMA_ORGANIZATION, "UNION BANK" },
	{ 5, VG_SCHEMA_PERSON, "SHEVCHENKO, Andriy" },
	{ 6, VG_SCHEMA_PERSON, "Maria Aleksandrovna Osetrova" },
	{ 7, VG_SCHEMA_PERSON, "Volodymyr Zelenskyy" },
	{ 8, VG_SCHEMA_ORGANIZATION, "ATOMIC ENERGY ORGANISATION OF IRAN (AEOI)" },
	{ 9, VG_SCHEMA_PERSON, "习近平" },
	{ 10, VG_SCHEMA_ORGANIZATION, "BANK OF KUNLUN; KUNLUN BANK" },
	{ 11, VG_SCHEMA_VESSEL, "MORNING STAR" },
	{ 12, VG_SCHEMA_PERSON, "Ilham Aliyev" },
	{ 13, VG_SCHEMA_PERSON, "Mario Rossi" },
	{ 14, VG_SCHEMA_PERSON, "Alexander Sokolov" },
	{ 15, VG_SCHEMA_PERSON, "Boris Sokolov" },
	{ 16, VG_SCHEMA_PERSON, "ZHANG, Lei" },
	{ 17, VG_SCHEMA_ORGANIZATION, "DENISE COMPANY" },
	{ 18, VG_SCHEMA_PERSON, "Denise Miller" },
	{ 19, VG_SCHEMA_PERSON, "NASSER DAVID, Julio Cesar" },
};

static vg__scanner *dict(void)
{
	return dict_of(names, sizeof(names) / sizeof(names[0]), NULL, NULL);
}

/* Scans text; returns "entity@start-end rule; ..." for easy asserts. */
static const char *scan(const vg__scanner *s, const char *text)
{
	static char out[2048];
	vg__mention *m = NULL;
	size_t n = 0, i, used = 0;
	assert_int_equal(vg__scan(&m, &n, s, text, strlen(text), -1, false), 0);
	out[0] = '\0';
	for (i = 0; i < n; i++)
		used += (size_t)snprintf(out + used, sizeof(out) - used, "%s%u@%zu-%zu/%u",
					 i ? " " : "", m[i].entity, m[i].start, m[i].end,
					 m[i].rule);
	free(m);
	return out;
}

static void test_rules_full_and_single(void **state)
{
	vg__scanner *s = dict();
	(void)state;
	assert_string_equal(scan(s, "Rossotrudnichestvo’s office"), "0@0-18/1");
	assert_string_equal(scan(s, "rossotrudnichestvo office"), ""); /* no capital */
	assert_string_equal(scan(s, "Глава Россотрудничества"), "0@11-45/1");
	assert_string_equal(scan(s, "President Vladimir Putin spoke."), "2@10-24/0");
	assert_string_equal(scan(s, "Evgeny\nPrimakov"), "1@0-15/0");
	/* in quotes */
	assert_string_equal(scan(s, "(“Russia cooperation”)"), "0@4-22/0");
	/* packed names: each part alone, one-word bracket parts dropped */
	assert_string_equal(scan(s, "the Atomic Energy Organisation of Iran said"), "8@4-38/0");
	assert_string_equal(scan(s, "AEOI said"), "");
	assert_string_equal(scan(s, "Kunlun Bank and Bank of Kunlun"), "10@0-11/0 10@16-30/0");
	vg__scanner_free(s);
}

static void test_rules_precision(void **state)
{
	vg__scanner *s = dict();
	(void)state;
	/* ordinary words that are listed names or parts of them */
	assert_string_equal(scan(s, "Hope is a union bank thing. Hope."), "");
	assert_string_equal(scan(s, "The Bank said. Union members."), "");
	/* given name and patronymic without the family name */
	assert_string_equal(scan(s, "Maria Aleksandrovna called."), "");
	assert_string_equal(scan(s, "Vladimir Vladimirovich called."), "");
	/* a listed person's family name with another given name */
	assert_string_equal(scan(s, "poet Taras Shevchenko wrote"), "");
	/* "Mario" is not "Maria"; but Mario Rossi is listed as written */
	assert_string_equal(scan(s, "Maria Rossi came"), "");
	assert_string_equal(scan(s, "Mario Rossi came"), "13@0-11/0");
	/* a given name alone is nobody, even when a company bears it */
	assert_string_equal(scan(s, "Denise said"), "");
	/* given names without the family name */
	assert_string_equal(scan(s, "Julio Cesar came"), "");
	assert_string_equal(scan(s, "Julio Nasser came"), "19@0-12/0");
	/* vessels need their whole name, and a one-word name is never enough */
	assert_string_equal(scan(s, "Morning came"), "");
	vg__scanner_free(s);
}

static void test_rules_surnames(void **state)
{
	vg__scanner *s = dict();
	const char *t;
	(void)state;
	/* after the full name, the family name alone and its case forms */
	t = "Vladimir Putin came. Putin said; Путина ждали.";
	assert_string_equal(scan(s, t), "2@0-14/0 2@21-26/2 2@33-45/2");
	/* before the full name it is not enough */
	assert_string_equal(scan(s, "Putin said."), "");
	/* a rare family name standing alone, then its inflected form */
	assert_string_equal(scan(s, "Zelenskyy said. Зеленського ждали."), "7@0-9/3 7@16-38/2");
	/* inflected and alone, where the text holds another distinctive word
	 * of the person's name */
	assert_string_equal(scan(s, "Володимир прибув. Зеленського ждали."), "7@33-55/3");
	/* but without it, a case form read by its loose key may be an
	 * adjective or another's name */
	assert_string_equal(scan(s, "Зеленського ждали."), "");
	/* but not next to another capitalised name */
	assert_string_equal(scan(s, "Olena Zelenskyy said."), "");
	/* nor after the text named someone else of that name in full */
	assert_string_equal(scan(s, "Olena Zelenskyy spoke. Zelenskyy left."), "");
	/* ... also past a particle hyphenated to it, not past a preposition */
	assert_string_equal(scan(s, "Olena al-Zelenskyy said."), "");
	assert_string_equal(scan(s, "Eigentum von Zelenskyy."), "7@13-22/3");
	/* after an article, or in quotes, it names a thing: a place, a
	 * company named after someone */
	assert_string_equal(scan(s, "Eigentum der Zelenskyy."), "");
	assert_string_equal(scan(s, "Eigentum von «Zelenskyy» heute."), "");
	/* two listed Sokolovs: the surname goes to the latest full mention */
	t = "Alexander Sokolov met Boris Sokolov. Sokolov left.";
	assert_string_equal(scan(s, t), "14@0-17/0 15@22-35/0 15@37-44/2");
	vg__scanner_free(s);
}

static void test_rules_scripts(void **state)
{
	vg__scanner *s = dict();
	(void)state;
	assert_string_equal(scan(s, "国家主席习近平说"), "9@12-21/0");
	assert_string_equal(scan(s, "习近说"), "");
	/* ideographs are not matched through their romanisation */
	assert_string_equal(scan(s, "张雷说"), "");
	assert_string_equal(scan(s, "Zhang Lei said"), "16@0-9/0");
	vg__scanner_free(s);
}

/* Arabic script: consonant skeletons and spellings (a dictionary of
 * Latin names, as the lists write them). */
static const nm arabic_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "HAMAS" },
	{ 1, VG_SCHEMA_PERSON, "YASSIN, Sheik Ahmed Ismail" },
	{ 2, VG_SCHEMA_ORGANIZATION, "TALIBAN" },
	{ 3, VG_SCHEMA_PERSON, "ASHTARI, Mahmud" },
	{ 4, VG_SCHEMA_ORGANIZATION, "ANSAR AL-DINE" },
	{ 5, VG_SCHEMA_PERSON, "ZAHAR, Mahmoud" },
	{ 6, VG_SCHEMA_ORGANIZATION, "HIZBALLAH" },
	{ 7, VG_SCHEMA_PERSON, "NASRALLAH, Hasan" },
	{ 8, VG_SCHEMA_PERSON, "HAQQANI, Sirajuddin" },
	{ 9, VG_SCHEMA_ORGANIZATION, "AL-QAIDA IN THE ARABIAN PENINSULA" },
	{ 10, VG_SCHEMA_ORGANIZATION, "AL-QAIDA" },
	{ 11, VG_SCHEMA_ORGANIZATION, "REVOLUTIONARY GUARD" },
	{ 12, VG_SCHEMA_PERSON, "RANTISI, Abdel Aziz" },
};

/* Muhammad is far more frequent in lists than Mahmud */
static vg__scanner *arabic_dict(void)
{
	return dict_of(arabic_names, sizeof(arabic_names) / sizeof(arabic_names[0]),
		       "Muhammad", "Mohammed");
}

static void test_rules_arabic(void **state)
{
	vg__scanner *s = arabic_dict();
	(void)state;
	/* a one-word name after an organisation word (no article) */
	assert_string_equal(scan(s, "أصدرت حركة حماس بيانا"), "0@20-28/1");
	/* alone, without capitals to tell, it is an ordinary word */
	assert_string_equal(scan(s, "أصدرت حماس بيانا"), "");
	/* not after "the movement was" */
	assert_string_equal(scan(s, "كانت الحركة حماس"), "");
	/* a long word whose consonants few listed words share */
	assert_string_equal(scan(s, "حكومة طالبان"), "2@11-23/1");
	/* a person's given and family names, short vowels unwritten */
	assert_string_equal(scan(s, "قال الشيخ أحمد ياسين"), "1@18-37/0");
	/* the article before a doubled letter; z and h two letters */
	assert_string_equal(scan(s, "محمود الزّهار"), "5@0-25/0");
	/* Muhammad is not Mahmud, Nasr not Ansar */
	assert_string_equal(scan(s, "محمود اشتری"), "3@0-21/0");
	assert_string_equal(scan(s, "محمد اشتری"), "");
	assert_string_equal(scan(s, "أنصار الدين"), "4@0-21/0");
	assert_string_equal(scan(s, "نصر الدين"), "");
	/* compound names in two words that the lists write in one, the
	 * article's l said or assimilated */
	assert_string_equal(scan(s, "أعلن حزب الله"), "6@9-24/1");
	assert_string_equal(scan(s, "قال حسن نصر الله"), "7@7-29/0");
	assert_string_equal(scan(s, "وقال سراج الدين حقاني"), "8@9-39/0");
	/* a word with the article spelling a listed word of its own stays
	 * one ("Ansar al-Din") */
	assert_string_equal(scan(s, "أنصار الدين"), "4@0-21/0");
	assert_string_equal(scan(s, "وقال لحزب الله"), "6@9-26/1");
	/* a name translated word by word, over the prepositions of the text
	 * ("في", in), the whole name and not its first word */
	assert_string_equal(scan(s, "أعلن تنظيم القاعدة في شبه الجزيرة العربية"), "9@20-76/0");
	assert_string_equal(scan(s, "قال الحرس الثوري"), "11@7-30/0");
	/* a compound written as one word, read as two (Abdel Aziz) */
	assert_string_equal(scan(s, "قال عبدالعزيز الرنتيسي إن"), "12@7-42/0");
	vg__scanner_free(s);
}

/* The Arabic article assimilated to a sun letter ("az-Zawahiri", "ад-Дин")
 * is the article the lists write al. */
static const nm assimilated_names[] = {
	{ 0, VG_SCHEMA_PERSON, "AL-ZAWAHIRI, Ayman" },
	{ 1, VG_SCHEMA_PERSON, "AL-TAHIR, Ayman" },
};

static void test_rules_assimilated_article(void **state)
{
	vg__scanner *s = dict_of(assimilated_names,
				 sizeof(assimilated_names) / sizeof(assimilated_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Лидер Айман аз-Завахири убит."), "0@11-43/0");
	assert_string_equal(scan(s, "The leader Ayman az-Zawahiri was killed."), "0@11-28/0");
	/* only before its own sun letter, only hyphenated */
	assert_string_equal(scan(s, "The leader Ayman az-Tahir was killed."), "");
	vg__scanner_free(s);
}

/* Listed names that are Arabic words written in Latin letters. */
static const nm arabic_word_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "HAJI ALIM HAWALA" },
	{ 1, VG_SCHEMA_ORGANIZATION, "AL-HADITH" },
	{ 2, VG_SCHEMA_PERSON, "EL AMINE, Muhammed" },
	{ 3, VG_SCHEMA_ORGANIZATION, "HAMAS" },
};

static void test_rules_arabic_words(void **state)
{
	vg__scanner *s = dict_of(arabic_word_names, sizeof(arabic_word_names) /
				 sizeof(arabic_word_names[0]), "Muhammad", "Mohammed");
	(void)state;
	/* ordinary words, however their consonants read: "around the
	 * world", "an accident happened" */
	assert_string_equal(scan(s, "سافر حول العالم مرتين"), "");
	assert_string_equal(scan(s, "حدث ذلك أمس"), "");
	assert_string_equal(scan(s, "قال المحقق الخاص بحادث تحطم الطائرة"), "");
	/* a person named in full; then neither "the Secretary-General" nor
	 * "from" (its consonants those of Amine) refers back to him */
	assert_string_equal(scan(s, "قال محمد الأمين إنه وصل من القاهرة"), "2@7-28/0");
	assert_string_equal(scan(s, "قال محمد الأمين إنه وصل. وقال الأمين العام للأمم المتحدة"),
			    "2@7-28/0");
	/* an organisation word still makes a word a name */
	assert_string_equal(scan(s, "أصدرت حركة حماس بيانا"), "3@20-28/1");
	vg__scanner_free(s);
}

/* Names that are part of longer names in the text. */
static const nm longer_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "SUSTAINABLE ELECTRONICS DEVELOPMENT" },
	{ 1, VG_SCHEMA_ORGANIZATION, "CONCORDIA" },
	{ 2, VG_SCHEMA_ORGANIZATION, "HAMAS" },
	{ 3, VG_SCHEMA_ORGANIZATION, "ZINC" },
};

static void test_rules_longer_names(void **state)
{
	vg__scanner *s = dict_of(longer_names, sizeof(longer_names) / sizeof(longer_names[0]),
				 NULL, NULL);
	(void)state;
	/* an organisation's whole name (its words side by side where the
	 * list has one between them: tests/cli_prose.sh, on the real lists) */
	assert_string_equal(scan(s, "The firm Sustainable Electronics Development was listed."),
			    "0@9-44/0");
	/* a one-word name heading "... of" a capitalised word that is no
	 * place */
	assert_string_equal(scan(s, "On behalf of the Concordia of Small Island States, he spoke."), "");
	assert_string_equal(scan(s, "The group Concordia said so."), "1@10-19/1");
	assert_string_equal(scan(s, "The movement Hamas of Gaza said so."), "2@13-18/1");
	/* one capitalised word after it: a German noun ("in Verbindung") */
	assert_string_equal(scan(s, "Die Bewegung Hamas in Verbindung."), "2@13-18/1");
	/* an ordinary word that is the whole of a listed name names nothing
	 * alone (data/scan_words.txt [common]) */
	assert_string_equal(scan(s, "Zinc prices rose in March."), "");
	vg__scanner_free(s);
}

/* Names that hold a place, initials, or words around a gap. */
static const nm place_names[] = {
	{ 0, VG_SCHEMA_COMPANY, "BUENOS AIRES SERVICIOS, S.A. DE C.V." },
	{ 1, VG_SCHEMA_ORGANIZATION, "RIHS-BOSNIA AND HERZEGOVINA" },
	{ 2, VG_SCHEMA_COMPANY, "M.S.P.-KALA" },
	{ 3, VG_SCHEMA_ORGANIZATION, "STATE AFFAIRS COMMISSION" },
};

static void test_rules_places_initials(void **state)
{
	vg__scanner *s = dict_of(place_names, sizeof(place_names) / sizeof(place_names[0]),
				 NULL, NULL);
	(void)state;
	/* a place of two words names the place ... */
	assert_string_equal(scan(s, "Nació en Buenos Aires en 1990."), "");
	assert_string_equal(scan(s, "Un coordinador de Bosnia y Herzegovina habló."), "");
	/* ... in the languages the country names are translated to, too
	 * (fr-17: RIHS-BOSNIA AND HERZEGOVINA) */
	assert_string_equal(scan(s, "La fondation, basée en Bosnie-Herzégovine, aurait"), "");
	assert_string_equal(scan(s, "Ein Büro in Bosnien und Herzegowina."), "");
	/* ... unless the text says an organisation is meant */
	assert_string_equal(scan(s, "La empresa Buenos Aires Servicios vende."), "0@11-33/0");
	/* a company's initials are part of its name */
	assert_string_equal(scan(s, "The firm M.S.P.-Kala was listed."), "2@9-20/1");
	assert_string_equal(scan(s, "Поселення Кала-ата засноване."), "");
	/* an organisation's words around a word of the text's own, one of
	 * its own left out */
	assert_string_equal(scan(s, "The Under Secretary of State for Political Affairs spoke."), "");
	assert_string_equal(scan(s, "The State Affairs Commission met."), "3@4-28/0");
	vg__scanner_free(s);
}

/* A person's name as the list writes it in Arabic script. */
static const nm arabic_script_names[] = {
	{ 0, VG_SCHEMA_PERSON, "محمد يونس أحمد" },
};

static void test_rules_arabic_given_names(void **state)
{
	vg__scanner *s = dict_of(arabic_script_names, 1, "Muhammad", "Ahmad");
	(void)state;
	/* the whole name */
	assert_string_equal(scan(s, "وقال محمد يونس أحمد إن"), "0@9-35/0");
	/* two given names many listed people have (spelt in Latin letters
	 * in the other names) and not the rest: nobody in particular */
	assert_string_equal(scan(s, "قال الرضيع أحمد محمد الذي"), "");
	assert_string_equal(scan(s, "قال الرضيع محمد أحمد الذي"), "");
	vg__scanner_free(s);
}

/* Persian writes its v with waw, و, which Arabic script's skeleton reads
 * as a vowel: a Latin v is one too ("وحيدي", VAHIDI). */
static const nm persian_v_names[] = {
	{ 0, VG_SCHEMA_PERSON, "VAHIDI, Ahmad" },
	{ 1, VG_SCHEMA_PERSON, "VAKILI, Hassan" },
};

static void test_rules_persian_v(void **state)
{
	vg__scanner *s = dict_of(persian_v_names, 2, "Muhammad", "Ahmad");
	(void)state;
	assert_string_equal(scan(s, "قال أحمد وحيدي إن"), "0@7-26/0");
	assert_string_equal(scan(s, "وقال حسن وكيلي إن"), "1@9-26/0");
	/* a waw is no other consonant */
	assert_string_equal(scan(s, "قال أحمد رحيدي إن"), "");
	vg__scanner_free(s);
}

/* Arabic short-vowel marks and the article. */
static const nm arabic_definite_names[] = {
	{ 0, VG_SCHEMA_PERSON, "BIN LADEN, Usama" },
	{ 2, VG_SCHEMA_ORGANIZATION, "DAWLA AL ISLAMIYA" },
	{ 3, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE" },
	{ 4, VG_SCHEMA_ORGANIZATION, "القاعدة" },
};

static vg__scanner *arabic_definite_dict(void)
{
	return dict_of(arabic_definite_names,
		       sizeof(arabic_definite_names) / sizeof(arabic_definite_names[0]),
		       "Muhammad", "Mohammed");
}

static void test_rules_arabic_vowel_marks(void **state)
{
	vg__scanner *s = arabic_definite_dict();
	(void)state;
	/* a word is the same with its short vowels written ("أُسامة",
	 * Usama with a damma) */
	assert_string_equal(scan(s, "قال أُسامة بن لادن إنه"), "0@7-33/0");
	vg__scanner_free(s);
}

static void test_rules_arabic_definite(void **state)
{
	vg__scanner *s = arabic_definite_dict();
	(void)state;
	/* a body's name is definite: with the article ("the Islamic State",
	 * "the organisation al-Qaida") it names the body; without it is a
	 * thing ("an Islamic state", "leaders") */
	assert_string_equal(scan(s, "أعلن تنظيم الدولة الإسلامية"), "3@20-51/0");
	assert_string_equal(scan(s, "هدفها إنشاء دولة إسلامية مستقلة"), "");
	assert_string_equal(scan(s, "قال تنظيم القاعدة"), "4@18-32/1");
	assert_string_equal(scan(s, "اجتمع قادة الجماعة"), "");
	vg__scanner_free(s);
}

/* A noun with the feminine ending before a word with the article is in
 * the construct state, where the ending is said t ("جبهة النصرة", Jabhat
 * al-Nusra; "قاعدة الجهاد", Qa'idat al-Jihad); Egyptian (المصرية) is
 * translated. */
static const nm arabic_construct_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "JABHAT AL-NUSRA" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ABU SAYYAF GROUP" },
	{ 2, VG_SCHEMA_ORGANIZATION, "EGYPTIAN ISLAMIC JIHAD" },
	{ 3, VG_SCHEMA_ORGANIZATION, "QA'IDAT AL-JIHAD" },
	{ 4, VG_SCHEMA_ORGANIZATION, "AL-DAWLA AL-ISLAMIYA" },
	{ 4, VG_SCHEMA_ORGANIZATION, "DAWLAT AL-IRAQ AL-ISLAMIYA" },
};

static void test_rules_arabic_construct(void **state)
{
	vg__scanner *s = dict_of(arabic_construct_names, sizeof(arabic_construct_names) /
				 sizeof(arabic_construct_names[0]), "Muhammad", "Mohammed");
	(void)state;
	assert_string_equal(scan(s, "أعلنت جبهة النصرة"), "0@11-32/0");
	/* not before a word without the article: no construct with it */
	assert_string_equal(scan(s, "أعلنت جبهة نصرة"), "");
	assert_string_equal(scan(s, "قاتلت جماعة أبو سياف الجيش"), "1@11-37/0");
	assert_string_equal(scan(s, "قاد جماعة الجهاد الإسلامي المصرية"), "2@18-62/0");
	assert_string_equal(scan(s, "أسس تنظيم قاعدة الجهاد"), "3@18-41/0");
	/* a noun with the article before another is a noun and its
	 * adjective, no construct */
	assert_string_equal(scan(s, "بعد تنظيم الدولة الاسلامية"), "4@18-49/0");
	assert_string_equal(scan(s, "امتدادا لدولة العراق الاسلامية"), "4@15-57/0");
	vg__scanner_free(s);
}

/* Arabic writes a long i: a Latin name ending in one after a consonant
 * (the nisba, "al-Masri", the Egyptian) is not spelt by a word without
 * it ("مصر", Egypt); an adjective in -i is its feminine in -iya too
 * ("الإسلامي": ISLAMIYA), and a final i after a vowel is no long i
 * ("سيناء", sina, is Sinai). */
static const nm arabic_nisba_names[] = {
	{ 0, VG_SCHEMA_PERSON, "AL-MASRI, Hamza Ahmad" },
	{ 1, VG_SCHEMA_ORGANIZATION, "TANZIM AL-QA'IDA FI BILAD AL-MAGHRIB AL-ISLAMIYA" },
};

static void test_rules_arabic_nisba(void **state)
{
	vg__scanner *s = dict_of(arabic_nisba_names, sizeof(arabic_nisba_names) /
				 sizeof(arabic_nisba_names[0]), "Muhammad", "Mohammed");
	(void)state;
	assert_string_equal(scan(s, "هرب حمزة أحمد المصري من السجن. وذاع صيتها في مصر."),
			    "0@7-37/0");
	assert_string_equal(scan(s, "هرب حمزة أحمد المصري من السجن. وذاع صيت المصري."),
			    "0@7-37/0 0@71-83/2");
	assert_string_equal(scan(s, "أعلن تنظيم القاعدة في بلاد المغرب الإسلامي"), "1@9-78/0");
	/* normalised Arabic letters against the listed Latin word */
	assert_false(vg__arabic_spelling("msr", 3, "masri", 5, false));
	assert_true(vg__arabic_spelling("almsri", 6, "almasri", 7, false));
	assert_true(vg__arabic_spelling("sina", 4, "sinai", 5, false));
	assert_true(vg__arabic_spelling("islami", 6, "islamiyya", 9, false));
	assert_false(vg__arabic_spelling("islam", 5, "islamiya", 8, false));
	vg__scanner_free(s);
}

/* More indefinite Arabic noun phrases: a word the list writes with the
 * article in another name of the party ("شباب", young men, is not
 * AL-SHABAAB, listed also as SHABAAB), and ordinary nouns each translated
 * ("حركة مقاومة", a resistance movement); and a word written with "and"
 * and the article starts a second name ("حركة فتح والجبهة الشعبية",
 * Fatah and the Popular Front), unless the listed name holds "and". */
static const nm arabic_phrase_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "AL-SHABAAB" },
	{ 0, VG_SCHEMA_ORGANIZATION, "SHABAAB" },
	{ 1, VG_SCHEMA_ORGANIZATION, "LORD'S RESISTANCE MOVEMENT" },
	{ 2, VG_SCHEMA_ORGANIZATION, "جبهة فتح الشام" },
	{ 3, VG_SCHEMA_ORGANIZATION, "جماعة نصرة الإسلام والمسلمين" },
};

static void test_rules_arabic_phrases(void **state)
{
	vg__scanner *s = dict_of(arabic_phrase_names, sizeof(arabic_phrase_names) /
				 sizeof(arabic_phrase_names[0]), "Muhammad", "Mohammed");
	(void)state;
	assert_string_equal(scan(s, "اندمجت جماعة شباب أهل السلف"), "");
	assert_string_equal(scan(s, "أعلنت حركة الشباب المجاهدين"), "0@20-32/1");
	assert_string_equal(scan(s, "ثاني أكبر حركة مقاومة في غزة"), "");
	assert_string_equal(scan(s, "تضم حركة فتح والجبهة الشعبية"), "");
	assert_string_equal(scan(s, "أعلنت جبهة فتح الشام"), "2@11-37/0");
	assert_string_equal(scan(s, "أعلنت جماعة نصرة الإسلام والمسلمين تكوينها"), "3@11-64/0");
	vg__scanner_free(s);
}

/* A one-word name after an Arabic word for a military unit the listed
 * name does not hold is another body's name, the unit named for it
 * ("ألوية الفرقان", the al-Furqan Brigades, are not AL FURQAN); a unit
 * the listed name holds is its own ("فيلق القدس", QUDS FORCE). */
static const nm arabic_unit_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "AL FURQAN" },
	{ 1, VG_SCHEMA_ORGANIZATION, "QUDS FORCE" },
	{ 2, VG_SCHEMA_ORGANIZATION, "HAMAS" },
	{ 3, VG_SCHEMA_ORGANIZATION, "AL-QUDS BRIGADES" },
};

static void test_rules_arabic_unit(void **state)
{
	vg__scanner *s = dict_of(arabic_unit_names, sizeof(arabic_unit_names) /
				 sizeof(arabic_unit_names[0]), "Muhammad", "Mohammed");
	(void)state;
	assert_string_equal(scan(s, "حلفاء ألوية الفرقان"), "");
	assert_string_equal(scan(s, "نفذ فيلق القدس عمليات"), "1@7-26/0");
	assert_string_equal(scan(s, "قالت حركة حماس"), "2@18-26/1");
	vg__scanner_free(s);
}

/* Arabic words for the kind of body before a name are translated: فيلق
 * القدس is the Quds Force, سرايا القدس the Quds Brigades; so are قوة (a
 * force: "قوة القدس") and the Persian نیروی ("نیروی قدس"). */
static const nm arabic_bodies[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "QUDS FORCE" },
	{ 0, VG_SCHEMA_ORGANIZATION, "AL QODS" },
	{ 1, VG_SCHEMA_ORGANIZATION, "AL-QUDS BRIGADES" },
};

static void test_rules_arabic_bodies(void **state)
{
	vg__scanner *s = dict_of(arabic_bodies, sizeof(arabic_bodies) / sizeof(arabic_bodies[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "نفذ فيلق القدس عمليات في العراق."), "0@7-26/0");
	assert_string_equal(scan(s, "أطلقت سرايا القدس صواريخ."), "1@11-32/0");
	assert_string_equal(scan(s, "قالت قوة القدس إنها نفذت عمليات."), "0@9-26/0");
	assert_string_equal(scan(s, "أعلن قائد نیروی قدس عمليات."), "0@18-35/0");
	vg__scanner_free(s);
}

/* A one-word name the text gives without evidence of its own (Arabic has
 * no capitals) is the party where the text named a longer name holding
 * that word: al-Qaida after al-Qaida in the Arabian Peninsula. */
static const nm qaida_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "AL-QAIDA" },
	{ 1, VG_SCHEMA_ORGANIZATION, "AL-QAIDA IN THE ARABIAN PENINSULA" },
};

static void test_rules_named_within(void **state)
{
	vg__scanner *s = dict_of(qaida_names, sizeof(qaida_names) / sizeof(qaida_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "أعلن تنظيم القاعدة في جزيرة العرب مسؤوليته. وتفرع عن القاعدة تنظيم آخر."), "1@20-50/0 0@96-110/1");
	assert_string_equal(scan(s, "وتفرع عن القاعدة تنظيم آخر."), "");
	/* Russian and Ukrainian translate the longer name: the Arabian
	 * Peninsula is "Аравийский полуостров", "Аравійський півострів" */
	assert_string_equal(scan(s, "Боевики «Аль-Каиды на Аравийском полуострове» заявили."), "1@17-83/0");
	assert_string_equal(scan(s, "Аль-Каїда на Аравійському півострові взяла відповідальність."), "1@0-68/0");
	vg__scanner_free(s);
}

/* An organisation's last word saying what kind of body it is may go
 * unsaid where three strong words stay ("the Islamic State in West
 * Africa" for ... PROVINCE), and only that word. */
static const nm kind_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE WEST AFRICA PROVINCE" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ISLAMIC JIHAD GROUP" },
	{ 2, VG_SCHEMA_ORGANIZATION, "IZZ AL-DIN AL-QASSAM BRIGADES" },
	{ 3, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE" },
	{ 4, VG_SCHEMA_ORGANIZATION, "JIHAD" },
};

static void test_rules_kind_unsaid(void **state)
{
	vg__scanner *s = dict_of(kind_names, sizeof(kind_names) / sizeof(kind_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "The Islamic State in West Africa attacked Maiduguri."), "0@4-32/0");
	assert_string_equal(scan(s, "The Islamic State West Africa Province attacked."), "0@4-38/0");
	assert_string_equal(scan(s, "Izz al-Din al-Qassam claimed it."), "2@0-20/0");
	/* the other words all said, not fewer: no branch */
	assert_string_equal(scan(s, "The Islamic State in Africa attacked."), "");
	vg__scanner_free(s);
}

/* An organisation listed under its English name only is found by its
 * Arabic name, word by word (data/scan_translations.txt [ar]): the
 * Salafist Group for Preaching and Combat, AQIM's name before 2007, as
 * Arabic encyclopedia and news pages on AQIM write it; its words apart
 * in a sentence name nothing. */
static const nm gspc_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "SALAFIST GROUP FOR CALL AND COMBAT" },
};

static void test_rules_arabic_translated_gspc(void **state)
{
	vg__scanner *s = dict_of(gspc_names, sizeof(gspc_names) / sizeof(gspc_names[0]), NULL, NULL);
	(void)state;
	assert_string_equal(scan(s, "نشأ التنظيم عن الجماعة السلفية للدعوة والقتال الجزائرية."),
			    "0@27-84/0");
	assert_string_equal(scan(s, "وجهت الجماعة الدعوة إلى وقف القتال في المدينة."), "");
	vg__scanner_free(s);
}

/* A nisba with the article right after a definite noun is that noun's
 * adjective ("الجيش المصري", the Egyptian army), not the surname of the
 * person named before ("أبو أسامة المصري"); after a word without the
 * article, or with a preposition on its own article ("للمصري", of
 * al-Masri), it is his name.  Sentences of the form of ar-15 (an Arabic
 * encyclopedia article on the Sinai group) and of news on Abu Muhammad
 * al-Masri. */
static const nm nisba_names[] = {
	{ 0, VG_SCHEMA_PERSON, "ABU OSAMA AL-MASRI" },
};

static void test_rules_arabic_adjective(void **state)
{
	vg__scanner *s = dict_of(nisba_names, sizeof(nisba_names) / sizeof(nisba_names[0]), NULL, NULL);
	(void)state;
	assert_string_equal(scan(s, "وقال أبو أسامة المصري إن التنظيم يحارب الجيش المصري."),
			    "0@9-39/0");
	assert_string_equal(scan(s, "وقال أبو أسامة المصري إن التنظيم قوي. وأضاف المصري أن الهجوم انتهى."),
			    "0@9-39/0 0@79-91/2");
	assert_string_equal(scan(s, "وقال أبو أسامة المصري إن التنظيم قوي. وقال النائب السابق للمصري إنه انتهى."),
			    "0@9-39/0 0@103-115/2");
	vg__scanner_free(s);
}

/* A word of two letters is a preposition or a particle ("من", "عن"),
 * never a listed word of more; but one that starts with an ayn, which the
 * normalised form drops, has three ("العدل", al-Adl: dl).  Sentences of
 * the form of news on the Baluch group. */
static const nm ayn_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "JAYSH AL-ADL" },
	{ 1, VG_SCHEMA_ORGANIZATION, "AN NUR" },
};

static void test_rules_arabic_ayn_word(void **state)
{
	vg__scanner *s = dict_of(ayn_names, sizeof(ayn_names) / sizeof(ayn_names[0]), NULL, NULL);
	(void)state;
	assert_string_equal(scan(s, "وأعلنت جماعة جيش العدل مسؤوليتها عن الهجوم."), "0@24-41/0");
	assert_string_equal(scan(s, "جيش العدل منظمة مسلحة."), "0@0-17/0");
	/* "عن نور", about light: the preposition is no AN */
	assert_string_equal(scan(s, "تحدث عن نور الشمس."), "");
	vg__scanner_free(s);
}

/* Arabic names a body after a place by the place's nisba adjective, with
 * the article ("الحزب الإسلامي التركستاني", the Turkistani Islamic Party;
 * feminine "الحركة الإسلامية التركستانية"), where a list writes the place
 * (ISLAMIC PARTY OF TURKESTAN): the adjective is that word in an
 * organisation's name of several words, beside the words it qualifies;
 * never alone ("والإنساني", and the humanitarian, names no one-word
 * UNSAN), never in a person's name (AL-MASRI is the adjective itself,
 * "مصر", Egypt, is no MASR), and an adjective the lists write in English
 * is that English word ("الإسلامي", Islamic, no ISLAM).  Sentences of the
 * form of Arabic encyclopedia articles on jihadist groups in Syria. */
static const nm nisba_place_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "ISLAMIC PARTY OF TURKESTAN" },
	{ 1, VG_SCHEMA_ORGANIZATION, "UNSAN" },
	{ 2, VG_SCHEMA_PERSON, "Ahmad MASR" },
	{ 3, VG_SCHEMA_ORGANIZATION, "JUND AL-ISLAM" },
	{ 4, VG_SCHEMA_ORGANIZATION, "ISLAMIC MOVEMENT OF TURKESTAN" },
};

static void test_rules_arabic_nisba_place(void **state)
{
	vg__scanner *s = dict_of(nisba_place_names, sizeof(nisba_place_names) /
				 sizeof(nisba_place_names[0]), NULL, NULL);
	(void)state;
	assert_string_equal(scan(s, "وقاتل مقاتلو الحزب الإسلامي التركستاني في إدلب."),
			    "0@24-72/0");
	assert_string_equal(scan(s, "وأعلنت الحركة الإسلامية التركستانية مسؤوليتها."),
			    "4@13-67/0");
	assert_string_equal(scan(s, "في المجالين الأمني والإنساني."), "");
	assert_string_equal(scan(s, "وقال أحمد المصري إن"), "");
	assert_string_equal(scan(s, "قاتل جند الإسلامي"), "");
	/* without the article it is no name's word */
	assert_string_equal(scan(s, "حزب إسلامي تركستاني"), "");
	vg__scanner_free(s);
}

/* A translated word of a body's name with a one-letter clitic and no
 * article of its own ("لقوة", for the force; "بجبهة", with the front) is
 * read without it, as the same word with the article is ("للحرس"). */
static const nm clitic_body_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "QUDS FORCE" },
	{ 1, VG_SCHEMA_ORGANIZATION, "POPULAR FRONT" },
};

static void test_rules_arabic_clitic_translated(void **state)
{
	vg__scanner *s = dict_of(clitic_body_names, sizeof(clitic_body_names) /
				 sizeof(clitic_body_names[0]), NULL, NULL);
	(void)state;
	assert_string_equal(scan(s, "عين قائدا لقوة القدس عام 1998."), "0@18-37/0");
	assert_string_equal(scan(s, "والتحق بجبهة الشعبية في شبابه."), "");
	vg__scanner_free(s);
}

/* Arabic has no capitals to say that a family name after a mention of a
 * listed person of that family is not alone: a given name right before it
 * says so ("رفعت الأسد", Rifaat al-Assad, after Maher al-Assad), as a
 * capitalised one does in Latin letters; after a verb ("قال", said) it
 * still refers back.  Sentences of the form of Arabic encyclopedia
 * articles on the Syrian army's units. */
static const nm assad_names[] = {
	{ 0, VG_SCHEMA_PERSON, "AL-ASSAD, Maher" },
};

static void test_rules_arabic_given_before_surname(void **state)
{
	vg__scanner *s = dict_of(assad_names, sizeof(assad_names) / sizeof(assad_names[0]),
				 "Rifat", "Bashar");
	(void)state;
	assert_string_equal(scan(s, "قاد ماهر الأسد الفرقة. وكان رفعت الأسد قد أسسها."), "0@7-26/0");
	assert_string_equal(scan(s, "قاد ماهر الأسد الفرقة. وقال الأسد إن الهجوم فشل."),
			    "0@7-26/0 0@50-60/2");
	vg__scanner_free(s);
}

/* An Arabic name translated word by word where the list writes a place
 * among its ordinary words ("دولة العراق الإسلامية", the Islamic State of
 * Iraq: state, Iraq, Islamic): the place is one of the ordinary words, and
 * the name, as a name of ordinary words, the party where the text names it
 * otherwise too.  Sentences of the form of Arabic encyclopedia articles on
 * the Islamic State's forerunners. */
static void test_rules_arabic_translated_place(void **state)
{
	/* the words as frequent in the lists as they are: 40 names of each
	 * ("ISLAMIC Xaa GROUP", "STATE Xaa COMPANY", "IRAQ Xaa BANK") */
	static const char *const heads[] = { "ISLAMIC", "STATE", "IRAQ" };
	static const char *const tails[] = { "GROUP", "COMPANY", "BANK" };
	static char names[120][40];
	nm v[122];
	size_t n = 0, h, k;
	vg__scanner *s;
	(void)state;
	v[n++] = (nm){ 0, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE" };
	v[n++] = (nm){ 0, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE OF IRAQ" };
	for (h = 0; h < 3; h++)
		for (k = 0; k < 40; k++) {
			char *b = names[h * 40 + k];
			snprintf(b, sizeof(names[0]), "%s X%c%c %s", heads[h], (int)('a' + k / 26),
				 (int)('a' + k % 26), tails[h]);
			v[n++] = (nm){ (uint32_t)(1 + h * 40 + k), VG_SCHEMA_ORGANIZATION, b };
		}
	s = dict_of(v, n, NULL, NULL);
	assert_string_equal(scan(s, "أعلنت الدولة الإسلامية مسؤوليتها. وكان اسمها دولة العراق الإسلامية."),
			    "0@11-42/0 0@83-123/0");
	assert_string_equal(scan(s, "وكان اسمها دولة العراق الإسلامية."), "");
	vg__scanner_free(s);
}

/* Arabic writes a word's first alef with its hamza or without ("إياد"
 * and "اياد", Iyad; "آغ" and "اغ", ag), and lists as often leave it out
 * as texts write it: the name is found either way, also where the other
 * form is a listed word of someone else's name, and with a clitic
 * ("وإياد").  Sentences of the form of Arabic news on Iyad Ag Ghali (the
 * UN lists his name in Arabic script as "اياد اغ غالي"). */
static const nm alef_names[] = {
	{ 0, VG_SCHEMA_PERSON, "IYAD AG GHALI" },
	{ 0, VG_SCHEMA_PERSON, "اياد اغ غالي" },
	{ 1, VG_SCHEMA_PERSON, "إياد علاوي" },
};

static void test_rules_arabic_alef(void **state)
{
	vg__scanner *s = dict_of(alef_names, sizeof(alef_names) / sizeof(alef_names[0]), NULL, NULL);
	(void)state;
	assert_string_equal(scan(s, "وقال إياد أغ غالي إن الحركة مستمرة."), "0@9-31/0");
	assert_string_equal(scan(s, "وقال إياد آغ غالي إن الحركة مستمرة."), "0@9-31/0");
	assert_string_equal(scan(s, "وقال اياد علاوي إن الحكومة مستمرة."), "1@9-28/0");
	assert_string_equal(scan(s, "التقى علاوي وإياد أغ غالي في الجزائر."), "0@22-46/0");
	vg__scanner_free(s);
}

/* Arabic puts the word for the kind of body first, the name after it
 * ("Tanzim al-Qa'ida fi Bilad al-Maghrib al-Islamiya"), and writers leave
 * that head noun out once the rest names the body; only where three
 * strong words stay, and not the rest's own tail ("في بلاد المغرب
 * الإسلامي", in the Islamic Maghreb: the place, not the body).  Sentences
 * of the form of Arabic encyclopedia and news articles on AQIM. */
static const nm head_noun_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "TANZIM AL-QA'IDA FI BILAD AL-MAGHRIB AL-ISLAMIYA" },
	{ 1, VG_SCHEMA_ORGANIZATION, "HARAKAT AL-SHABAAB AL-MUJAHIDIN" },
};

static void test_rules_kind_first_unsaid(void **state)
{
	vg__scanner *s = dict_of(head_noun_names, sizeof(head_noun_names) / sizeof(head_noun_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "وتبنت القاعدة في بلاد المغرب الإسلامي الهجوم على الثكنة."),
			    "0@11-69/0");
	assert_string_equal(scan(s, "وأعلن تنظيم القاعدة في بلاد المغرب الإسلامي مسؤوليته."),
			    "0@11-80/0");
	assert_string_equal(scan(s, "The statement of al-Qa'ida fi Bilad al-Maghrib al-Islamiya was read."),
			    "0@17-58/0");
	/* the rest alone without its own first word names no body */
	assert_string_equal(scan(s, "ويسعى إلى تحرير بلاد المغرب الإسلامي من الوجود الأجنبي."), "");
	/* two strong words left are too few: "al-Shabaab al-Mujahidin" */
	assert_string_equal(scan(s, "قاتل الشباب المجاهدين في المدينة."), "");
	vg__scanner_free(s);
}

/* Where the text wrote a party's name in Arabic script with stronger
 * evidence, a word alone is that party only as the text wrote it there:
 * "القادة" (the leaders) and "قاعدة" (a base) spell AL-QAIDA as
 * "القاعدة" does, but the text named al-Qaida by that word (excerpt of
 * the form of news on al-Qaida in the Islamic Maghreb, 2012-2017). */
static void test_rules_written_as_named(void **state)
{
	vg__scanner *s = dict_of(qaida_names, sizeof(qaida_names) / sizeof(qaida_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "أعلن تنظيم القاعدة مسؤوليته. وقال القادة إن الهجوم على قاعدة الجيش نفذه مقاتلو القاعدة."),
			    "0@20-34/1 0@144-158/1");
	/* a one-letter clitic and the article with it are no other word */
	assert_string_equal(scan(s, "أعلن تنظيم القاعدة مسؤوليته. وقتل قائدا تابعا للقاعدة."),
			    "0@20-34/1 0@84-98/1");
	vg__scanner_free(s);
}

/* "In" and a place after an organisation's name name a branch or a body
 * of that place: a text that says none of the place's words names another
 * ("جماعة التوحيد والجهاد", Zarqawi's group in Iraq, is not the Movement
 * for Unity and Jihad in West Africa), and an organisation's name followed
 * by "in" and the place of a branch listed under another entry is that
 * branch, not the organisation ("Al Qaeda en Irak", "القاعدة في بلاد
 * المغرب الإسلامي"; sentences of the form of ar-18 and es-05 and of news
 * on al-Qaida in the Islamic Maghreb). */
static const nm branch_in_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "AL-QAIDA" },
	{ 0, VG_SCHEMA_ORGANIZATION, "القاعدة" },
	{ 1, VG_SCHEMA_ORGANIZATION, "AL-QAIDA IN IRAQ" },
	{ 2, VG_SCHEMA_ORGANIZATION, "AL-QAIDA IN THE ISLAMIC MAGHREB" },
	{ 3, VG_SCHEMA_ORGANIZATION, "TAWHID WAL JIHAD IN WEST AFRICA" },
	{ 4, VG_SCHEMA_ORGANIZATION, "HAMAS" },
};

static void test_rules_branch_in(void **state)
{
	vg__scanner *s = dict_of(branch_in_names, sizeof(branch_in_names) / sizeof(branch_in_names[0]),
				 "Ahmad", "Mohammed");
	(void)state;
	assert_string_equal(scan(s, "وقاتلت جماعة التوحيد والجهاد بقيادة الزرقاوي."), "");
	assert_string_equal(scan(s, "The Tawhid wal Jihad in West Africa said"), "3@4-35/0");
	assert_string_equal(scan(s, "Los atentados de Al Qaeda en Irak siguieron."), "1@17-33/0");
	assert_string_equal(scan(s, "أعلن تنظيم القاعدة في بلاد المغرب الإسلامي مسؤوليته."), "");
	/* "in" and a place no branch holds, or the branch itself */
	assert_string_equal(scan(s, "Al-Qaida in Afghanistan and Hamas in Gaza"), "0@0-8/1 4@28-33/1");
	assert_string_equal(scan(s, "Al-Qaida in Iraq said"), "1@0-16/0");
	vg__scanner_free(s);
}

/* A person listed under an organisation's name in two words ("Hizb
 * Allah", an alias of KHAN, Hizb Ullah Astam on the OFAC list) is the
 * organisation in text ("DMG Ḥizb Allāh", de-05); an organisation's name
 * joined by a hyphen to a word of another organisation's name is that one
 * ("(ISIL-SEA)" after the UN's name of ISIL in South-East Asia, en-25). */
static const nm spelt_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "HIZBALLAH" },
	{ 1, VG_SCHEMA_PERSON, "KHAN, Hizb Ullah Astam" },
	{ 1, VG_SCHEMA_PERSON, "Hizb Allah" },
	{ 2, VG_SCHEMA_ORGANIZATION, "ISIL" },
	{ 3, VG_SCHEMA_ORGANIZATION, "Islamic State In Iraq And the Levant In South-East Asia (ISIL-SEA, ISIL-South East Asia)" },
	{ 4, VG_SCHEMA_ORGANIZATION, "HAMAS" },
};

static void test_rules_spelt_org(void **state)
{
	vg__scanner *s = dict_of(spelt_names, sizeof(spelt_names) / sizeof(spelt_names[0]),
				 "Ahmad", "Mohammed");
	(void)state;
	assert_string_equal(scan(s, "Die Hisbollah, auch Hizb-Allah geschrieben, ist eine Partei."),
			    "0@4-13/1 0@20-30/0");
	assert_string_equal(scan(s, "Hizb Ullah Astam Khan was arrested."), "1@0-21/0");
	assert_string_equal(scan(s, "The group (ISIL-SEA) was listed."), "");
	assert_string_equal(scan(s, "Der Hamas-Führer sprach."), "4@4-9/1");
	vg__scanner_free(s);
}

/* An Arabic name of two words joined by the article ("Ahrar al-Cham", the
 * free men of the Levant; "Hayat Tahrir al-Cham"): its second word alone
 * is no one-word name listed without the article (CHAM, a Syrian holding
 * company: fr-14 had ten such false alerts), where the word before the
 * article is a word of listed names; after a word for a kind of body
 * ("Harakat al-Shabaab") or a noun of the text's own ("das
 * US-Außenministerium al-Shabaab") the one-word name stays. */
static const nm construct_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "CHAM HOLDING" },
	{ 0, VG_SCHEMA_ORGANIZATION, "CHAM" },
	{ 1, VG_SCHEMA_ORGANIZATION, "SHABAAB" },
	{ 2, VG_SCHEMA_PERSON, "AHRAR, Tahrir" },
};

static void test_rules_latin_construct(void **state)
{
	vg__scanner *s = dict_of(construct_names, sizeof(construct_names) / sizeof(construct_names[0]),
				 NULL, NULL);
	(void)state;
	assert_string_equal(scan(s, "Le groupe Cham a investi."), "0@10-14/1");
	assert_string_equal(scan(s, "Hayat Tahrir al-Cham combat Ahrar al-Cham."), "");
	assert_string_equal(scan(s, "Les combattants de Harakat al-Shabaab ont attaqué."), "1@30-37/1");
	assert_string_equal(scan(s, "Das US-Außenministerium al-Shabaab nannte es so."), "1@28-35/1");
	vg__scanner_free(s);
}

/* An organisation's one-word name or acronym hyphenated to a short suffix
 * in capitals that is, with it, in the name of another listed
 * organisation: the text names that branch or faction ("ISIL-K", the
 * Ukrainian "ІДІЛ-К", "PFLP-GC": uk-07 had five false alerts of core ISIL),
 * not the organisation; a suffix no other organisation's name holds with
 * it leaves the name as it is ("FARC-EP"). */
static const nm suffix_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE OF IRAQ AND THE LEVANT" },
	{ 0, VG_SCHEMA_ORGANIZATION, "ISIL" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE IN IRAQ AND THE LEVANT - KHORASAN" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ISIL KHORASAN" },
	{ 2, VG_SCHEMA_ORGANIZATION, "POPULAR FRONT FOR THE LIBERATION OF PALESTINE" },
	{ 2, VG_SCHEMA_ORGANIZATION, "PFLP" },
	{ 3, VG_SCHEMA_ORGANIZATION, "POPULAR FRONT FOR THE LIBERATION OF PALESTINE - GENERAL COMMAND" },
	{ 3, VG_SCHEMA_ORGANIZATION, "PFLP-GC" },
	{ 4, VG_SCHEMA_ORGANIZATION, "FARC" },
};

static void test_rules_branch_suffix(void **state)
{
	vg__scanner *s = dict_of(suffix_names, sizeof(suffix_names) / sizeof(suffix_names[0]),
				 NULL, NULL);
	(void)state;
	assert_string_equal(scan(s, "Analysts compared ISIL and Hamas."), "0@18-22/1");
	assert_string_equal(scan(s, "Analysts compared ISIL-K and Hamas."), "1@18-24/0");
	assert_string_equal(scan(s, "Аналітики порівняли ІДІЛ-К і ХАМАС."), "1@38-49/0");
	assert_string_equal(scan(s, "The PFLP-GC and the PFLP."), "3@4-11/0 2@20-24/1");
	assert_string_equal(scan(s, "Die IS-Miliz und die FARC-EP."), "4@21-25/1");
	vg__scanner_free(s);
}

/* The suffix written out in words whose initials it is ("PFLP-General
 * Command", en-26, was the PFLP); one capitalised word's initial is no
 * suffix ("ISIL-Kommandeure" are ISIL's). */
static void test_rules_branch_suffix_words(void **state)
{
	vg__scanner *s = dict_of(suffix_names, sizeof(suffix_names) / sizeof(suffix_names[0]),
				 NULL, NULL);
	(void)state;
	assert_string_equal(scan(s, "The PFLP-General Command claimed it."), "3@4-24/0");
	assert_string_equal(scan(s, "1997 - PFLP-General Command (PFLP-GC)"), "3@7-27/0 3@29-36/0");
	assert_string_equal(scan(s, "Die ISIL-Kommandeure flohen."), "0@4-8/1");
	/* an en dash joins as a hyphen does */
	assert_string_equal(scan(s, "Analysts say ISIL\xe2\x80\x93K claimed it."), "1@13-21/0");
	vg__scanner_free(s);
}

/* An organisation named as the owner of one of its provinces, the word
 * for a province and its place beside its name, is named inside the
 * province's name: the text names the branch ("Westafrika-Provinz des IS"
 * twice in de-06, "Відділення Ісламської держави «Вілаят Хорасан»" in
 * uk-07, were core ISIL).  The plural ("une des « provinces » de
 * l'ISIS"), an apposition after a dash, and an organisation the lists
 * hold no provinces of (the Taliban's "Helmand Province") leave the name
 * as it is. */
static const nm province_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE OF IRAQ AND THE LEVANT" },
	{ 0, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE" },
	{ 0, VG_SCHEMA_ORGANIZATION, "ISIS" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE WEST AFRICA PROVINCE" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ISIS WEST AFRICA PROVINCE" },
	{ 2, VG_SCHEMA_ORGANIZATION, "TALIBAN" },
	{ 3, VG_SCHEMA_ORGANIZATION, "ISIL KHORASAN" },
};

static void test_rules_province_owner(void **state)
{
	vg__scanner *s = dict_of(province_names, sizeof(province_names) / sizeof(province_names[0]),
				 NULL, NULL);
	(void)state;
	/* (the province, as the lists name it but for its place) */
	assert_string_equal(scan(s, "Angriffe der Westafrika-Provinz des ISIS."), "1@24-40/0");
	assert_string_equal(scan(s, "Відділення Ісламської держави «Вілаят Хорасан»"), "");
	assert_string_equal(scan(s, "La province de Khorasan de l'ISIS a revendiqué."), "");
	assert_string_equal(scan(s, "Le groupe est l'une des « provinces » de l'ISIS."), "0@45-49/1");
	assert_string_equal(scan(s, "Une cellule de l'ISIS — «Wilayat Khorasan»."), "0@17-21/1");
	assert_string_equal(scan(s, "The Taliban's Helmand Province commander spoke."), "2@4-11/1");
	vg__scanner_free(s);
}

/* An organisation's name followed by "in" and the place of a branch the
 * lists hold under another entry whose name holds a word of any of the
 * organisation's names, not only of the one the text wrote: "Daech en
 * Afrique de l'Ouest", "Daech dans le Grand Sahara" (fr-16, opened from
 * the fifth held-out set) name ISIS WEST AFRICA PROVINCE and ISIS IN THE
 * GREATER SAHARA; a German compound by its last part ("in der
 * Großsahara", de-15).  A word of the organisation's own names ("en
 * Irak") and a word in lower case ("dans le monde") leave the name as it
 * is. */
static const nm entity_branch_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE OF IRAQ AND THE LEVANT" },
	{ 0, VG_SCHEMA_ORGANIZATION, "ISIS" },
	{ 0, VG_SCHEMA_ORGANIZATION, "DAESH" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ISIS IN THE GREATER SAHARA" },
	{ 2, VG_SCHEMA_ORGANIZATION, "ISIS WEST AFRICA PROVINCE" },
};

static void test_rules_branch_by_other_name(void **state)
{
	vg__scanner *s = dict_of(entity_branch_names,
				 sizeof(entity_branch_names) / sizeof(entity_branch_names[0]), NULL, NULL);
	(void)state;
	assert_string_equal(scan(s, "Ils ajoutent Daesh dans le Grand Sahara."), "");
	assert_string_equal(scan(s, "Ils ajoutent Daesh en Afrique de l'Ouest."), "");
	/* a German compound by its last part (de-15) */
	assert_string_equal(scan(s, "Der ISIS in der Großsahara griff an."), "");
	assert_string_equal(scan(s, "Der ISIS in der Großstadt griff an."), "0@4-8/1");
	assert_string_equal(scan(s, "Daesh en Irak a perdu."), "0@0-5/1");
	assert_string_equal(scan(s, "les affiliés à Daesh dans le monde entier"), "0@17-22/1");
	vg__scanner_free(s);
}

/* A listed one-word name of four letters is said as listed or in its case
 * forms, never with other vowels: "Уставом" (by the Charter, ru-22) folds
 * to the vowels of ASTU, an alias of AFAQ DUBAI. */
static const nm four_letter_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "AFAQ DUBAI" },
	{ 0, VG_SCHEMA_ORGANIZATION, "ASTU" },
};

static void test_rules_short_folded(void **state)
{
	vg__scanner *s = dict_of(four_letter_names, sizeof(four_letter_names) / sizeof(four_letter_names[0]),
				 NULL, NULL);
	(void)state;
	assert_string_equal(scan(s, "в соответствии с Уставом Организации"), "");
	assert_string_equal(scan(s, "Компания ASTU перевела деньги."), "0@17-21/1");
	vg__scanner_free(s);
}

/* The text's own particles inside a name, in the name's script only. */
static const nm particle_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "Al Qaïda au Maghreb islamique" },
	{ 1, VG_SCHEMA_ORGANIZATION, "NEW AHMADI LTD" },
	{ 2, VG_SCHEMA_ORGANIZATION, "HARAKAT AL-MUQAWAMA AL-ISLAMIYA" },
};

static void test_rules_particles(void **state)
{
	vg__scanner *s = dict_of(particle_names, sizeof(particle_names) / sizeof(particle_names[0]),
				 "Ahmadi", "Mohammed");
	(void)state;
	/* "aux Pays du" for "au": two particles and one word are no gap */
	assert_string_equal(scan(s, "Al-Qaïda aux Pays du Maghreb islamique"), "0@0-39/0");
	/* never across scripts */
	assert_string_equal(scan(s, "named احمدی as the new director"), "");
	/* hamza and ayn written as modifier letters are apostrophes */
	assert_string_equal(scan(s, "(Ḥarakat al-Muqāwama al-ʾIslāmiya)"), "2@1-38/0");
	vg__scanner_free(s);
}

/* Given names in another spelling of their name-variant group. */
static const nm variant_names[] = {
	{ 0, VG_SCHEMA_PERSON, "DEIF, Muhammed" },
	{ 1, VG_SCHEMA_PERSON, "KELLY, Michael" },
};

static void test_rules_variants(void **state)
{
	vg__scanner *s = dict_of(variant_names, sizeof(variant_names) / sizeof(variant_names[0]),
				 "Mohamed", "Mike");
	(void)state;
	assert_string_equal(scan(s, "Mohamed Deif said"), "0@0-12/0");
	assert_string_equal(scan(s, "Michael Kelly said"), "1@0-13/0");
	/* a nickname is another name: Mike Kelly is someone else */
	assert_string_equal(scan(s, "Mike Kelly said"), "");
	/* and the family name keeps its own spelling */
	assert_string_equal(scan(s, "Muhammed Mohamed said"), "");
	vg__scanner_free(s);
}

/* Annotations a list writes into a name are no name (scan_annotations.txt). */
static const nm annotated_names[] = {
	{ 0, VG_SCHEMA_PERSON, "Encep Nurjaman (birth name)" },
	{ 1, VG_SCHEMA_PERSON, "Ezatullah Haqqani (previously listed as)" },
	{ 2, VG_SCHEMA_PERSON, "PEARL (A.K.A. NEI-CHIEN CHU) LI" },
	{ 3, VG_SCHEMA_PERSON, "Amir Khazmat (original script: Ахмед Хазматов)" },
	{ 4, VG_SCHEMA_PERSON, "Safia Farkash Al-Hadad, born 1 Jan. 1953 in Bayda" },
	{ 5, VG_SCHEMA_ORGANIZATION, "EL PARA (COMBAT NAME)" },
};

static void test_rules_annotations(void **state)
{
	vg__scanner *s = dict_of(annotated_names, sizeof(annotated_names) / sizeof(annotated_names[0]),
				 "Ahmad", "Mohammed");
	(void)state;
	/* the annotation alone names nobody */
	assert_string_equal(scan(s, "Her Birth Name was kept. The Combat Name changed."), "");
	assert_string_equal(scan(s, "Ezatullah Haqqani was Previously Listed As well."), "1@0-17/0");
	/* the name after the annotation is a name */
	assert_string_equal(scan(s, "Nei-Chien Chu said"), "2@0-13/0");
	assert_string_equal(scan(s, "Ахмед Хазматов сказал"), "3@0-27/0");
	/* and before a date of birth */
	assert_string_equal(scan(s, "Safia Farkash Al-Hadad came"), "4@0-22/0");
	assert_string_equal(scan(s, "The Jan Bayda hotel"), "");
	vg__scanner_free(s);
}

/* Inside an organisation's name, a place or another listed word is a
 * different body or branch, not a gap. */
static const nm branch_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE'S KHORASAN PROVINCE" },
	{ 1, VG_SCHEMA_ORGANIZATION, "AL-ITIHAAD AL-ISLAMIYA" },
	{ 2, VG_SCHEMA_ORGANIZATION, "ANSAR AL-ISLAM" },
	{ 3, VG_SCHEMA_ORGANIZATION, "MAHAN AIR" },
	{ 4, VG_SCHEMA_ORGANIZATION, "JAMIAT UL-ANSAR" },
};

static void test_rules_gaps(void **state)
{
	vg__scanner *s = dict_of(branch_names, sizeof(branch_names) / sizeof(branch_names[0]),
				 "Ahmad", "Mohammed");
	(void)state;
	assert_string_equal(scan(s, "Islamic State Khorasan Province said"), "0@0-31/0");
	assert_string_equal(scan(s, "Islamic State Sahel Province said"), "");
	assert_string_equal(scan(s, "Islamic State Mahan Province said"), "");
	/* "the union of the Islamic courts": no capitals to tell a gap */
	assert_string_equal(scan(s, "اتحاد المحاكم الإسلامية"), "");
	/* an infobox row: its label is capitalised by its place */
	assert_string_equal(scan(s, "Aliados Ansar al-Islam\nJamaat Ansar al-Islam"),
			    "2@8-22/0 2@30-44/0");
	vg__scanner_free(s);
}

/* Given names many listed people have name nobody alone; places and
 * ordinary words need the listed name's distinctive word. */
static const nm plain_names[] = {
	{ 0, VG_SCHEMA_PERSON, "Ali Abu-Mukhammad" },
	{ 1, VG_SCHEMA_PERSON, "SALEH, Ahmed Ali Abdullah" },
	{ 2, VG_SCHEMA_PERSON, "MOHAMMED, Khalid Shaikh" },
	{ 3, VG_SCHEMA_ORGANIZATION, "COMMITTEE FOR EUROPE AND THE AMERICAS" },
	{ 4, VG_SCHEMA_ORGANIZATION, "CENTRAL BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA" },
	{ 5, VG_SCHEMA_ORGANIZATION, "PERSIAN GULF SHIPPING LINES LTD; PERSIAN GULF" },
	{ 6, VG_SCHEMA_ORGANIZATION, "CASPIAN AIRLINES" },
	{ 7, VG_SCHEMA_ORGANIZATION, "HARAKAT UL-MUJAHIDIN" },
	{ 8, VG_SCHEMA_PERSON, "AL TANZANI, Ahmad" },
	{ 9, VG_SCHEMA_PERSON, "GHAILANI, Ahmad" },
	{ 10, VG_SCHEMA_ORGANIZATION, "LOS GUERROS" },
	{ 11, VG_SCHEMA_ORGANIZATION, "HIZBALLAH" },
	{ 12, VG_SCHEMA_PERSON, "SHAH, Haji Ahmad" },
	{ 13, VG_SCHEMA_ORGANIZATION, "ISLAMIC EMIRATE OF THE CAUCASUS" },
	{ 14, VG_SCHEMA_PERSON, "ZAKHARCHENKO, Vitaliy" },
	{ 15, VG_SCHEMA_PERSON, "PUTIN, Vladimir Vladimirovich" },
	{ 16, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE WEST AFRICA PROVINCE" },
	{ 17, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE CENTRAL AFRICA PROVINCE" },
	{ 18, VG_SCHEMA_ORGANIZATION, "D. L. TRADING" }, /* French elisions are words of lists */
	{ 19, VG_SCHEMA_PERSON, "KHAMENEI, Ali Husseini" },
	{ 20, VG_SCHEMA_ORGANIZATION, "ANSAR ALLAH" },
	{ 21, VG_SCHEMA_ORGANIZATION, "AL-QAIDA IN IRAQ" },
	{ 22, VG_SCHEMA_ORGANIZATION, "KURDISTAN BRIGADE OF AL-QAEDA IN IRAQ" },
	{ 23, VG_SCHEMA_ORGANIZATION, "KURDISTAN WORKERS PARTY" },
	{ 24, VG_SCHEMA_ORGANIZATION, "BRIGADE 55" },
	{ 25, VG_SCHEMA_PERSON, "AL-HOUTHI, Abdulmalik" },
};

static vg__scanner *plain_dict(void)
{
	static const char *const given[] = { "Ali", "Muhammad", "Ahmed", "Abdullah", "Saleh",
					     "Khalid", "Hussein" };
	vg__scanner *s = NULL;
	size_t i;
	assert_int_equal(vg__scanner_new(&s), 0);
	for (i = 0; i < sizeof(plain_names) / sizeof(plain_names[0]); i++)
		assert_int_equal(vg__scanner_add_name(s, plain_names[i].entity, plain_names[i].schema,
						      plain_names[i].name, strlen(plain_names[i].name),
						      0), 0);
	/* ten listed people of each of these given names */
	for (i = 0; i < 70; i++) {
		char b[64];
		snprintf(b, sizeof(b), "%s Filler%zu", given[i % 7], i);
		assert_int_equal(vg__scanner_add_name(s, (uint32_t)(100 + i), VG_SCHEMA_PERSON, b,
						      strlen(b), 0), 0);
	}
	assert_int_equal(vg__scanner_finish(s), 0);
	return s;
}

static void test_rules_plain_words(void **state)
{
	vg__scanner *s = plain_dict();
	(void)state;
	/* two given names many people have */
	assert_string_equal(scan(s, "Мухаммад Хусейн, Али сказал"), "");
	assert_string_equal(scan(s, "Muhammad Hussein, Ali came"), "");
	assert_string_equal(scan(s, "Ali Mukhammad came"), "0@0-13/0");
	/* three or more in the listed order */
	assert_string_equal(scan(s, "Ahmed Ali Abdullah Saleh came"), "1@0-24/0");
	/* nor do they refer back alone */
	assert_string_equal(scan(s, "Khalid Shaikh Mohammed came. Mohammed Atta left."), "2@0-22/0");
	/* places and ordinary words without the distinctive one */
	assert_string_equal(scan(s, "Trade between Europe and the Americas grew."), "");
	assert_string_equal(scan(s, "The Committee for Europe and the Americas met."), "3@4-41/0");
	assert_string_equal(scan(s, "The Democratic People's Republic of Korea voted."), "");
	assert_string_equal(scan(s, "the Central Bank of the Democratic People's Republic of Korea"),
			    "4@4-61/0");
	/* places alone name a place */
	assert_string_equal(scan(s, "Ships crossed the Persian Gulf."), "");
	assert_string_equal(scan(s, "Caspian Airlines flew."), "6@0-16/0");
	/* a word hyphenated to a particle is a name's word, no gap */
	assert_string_equal(scan(s, "Harakat al-Chabab al-Mujahidin said"), "");
	assert_string_equal(scan(s, "Harakat ul-Mujahidin said"), "7@0-20/0");
	/* a case form or adjective of a place is no rare family name */
	assert_string_equal(scan(s, "посольства в Танзанії"), "");
	assert_string_equal(scan(s, "the Tanzani side"), "");
	assert_string_equal(scan(s, "Ghailani said"), "9@0-8/3");
	/* a person's name going on with a word of no name of theirs is
	 * someone else's (a father's name is theirs) */
	assert_string_equal(scan(s, "Haji Ahmad Shah said"), "12@0-15/0");
	assert_string_equal(scan(s, "Ahmad Shah Massoud said"), "");
	assert_string_equal(scan(s, "Zakharchenko Vitaliy Vladimirovich said"), "14@0-20/0");
	/* another place after the name than the one it holds: another body */
	assert_string_equal(scan(s, "the Islamic Emirate of the Caucasus said"), "13@4-35/0");
	assert_string_equal(scan(s, "the Islamic Emirate of Afghanistan said"), "");
	/* two particles between each two words of a name, not in all */
	assert_string_equal(scan(s, "la Province de l'Afrique de l'Ouest de l'État islamique"),
			    "16@3-56/0");
	/* a family name refers back by its own spelling, not one alike with
	 * vowels folded */
	assert_string_equal(scan(s, "Ali Khamenei spoke. Khamenei left, Khomeini died."),
			    "19@0-12/0 19@20-28/2");
	/* a name the text also writes in the plural is a family's or a
	 * people's */
	assert_string_equal(scan(s, "Abdulmalik al-Houthi spoke. The Houthis fought; the Houthi leader left."),
			    "25@0-20/0");
	/* no name's words joined by the text in another order ("Allah and
	 * Ansar") */
	assert_string_equal(scan(s, "Jund Allah and Ansar Allah met."), "20@15-26/0");
	/* a country named in another language (data/scan_place_names.txt) */
	assert_string_equal(scan(s, "Al-Qaida en Irak fue fundada"), "21@0-16/0");
	/* what a body is "of" is not the body, but "Qaeda" is QAIDA
	 * spelt otherwise (a vowel for a vowel) */
	assert_string_equal(scan(s, "Al-Qaeda in Iraq fought"), "21@0-16/0");
	assert_string_equal(scan(s, "the Kurdistan Brigade of Al-Qaeda in Iraq fought"), "22@4-41/0");
	/* a spelling alike with vowels folded has as many syllables */
	assert_string_equal(scan(s, "the attack in Garissa town"), "");
	assert_string_equal(scan(s, "the attack by Hezbollah fighters"), "11@14-23/1");
	/* ... starting a sentence only in Cyrillic, which capitalises no
	 * ordinary word but the first */
	assert_string_equal(scan(s, "Hezbollah said it won."), "");
	assert_string_equal(scan(s, "Хезболла заявила о победе."), "11@0-16/1");
	assert_string_equal(scan(s, "Лидер Хезболлы выступил."), "11@11-27/1");
	assert_string_equal(scan(s, "Бойовики Хезболли атакували."), "11@17-33/1");
	/* ... and before another's name, in the genitive's usual place */
	assert_string_equal(scan(s, "Лидер Хезболлы Хасан Насралла выступил."), "11@11-27/1");
	vg__scanner_free(s);
}

/* Russian and Ukrainian acronyms of translated names, derived from the
 * English one (ИГИЛ, ІДІЛ: Islamic State of Iraq and the Levant). */
static const nm acronym_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE OF IRAQ AND THE LEVANT" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE OF IRAQ AND THE LEVANT - LIBYA" },
};

static void test_rules_cyrillic_acronyms(void **state)
{
	static const nm listed_word[] = {
		{ 0, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE OF IRAQ AND THE LEVANT" },
		{ 1, VG_SCHEMA_ORGANIZATION, "IGIL TRADING" },
	};
	vg__scanner *s = dict_of(acronym_names, 2, "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Боевики ИГИЛ атаковали."), "0@15-23/1");
	/* a case ending in lower case */
	assert_string_equal(scan(s, "Лидер ИГИЛа погиб."), "0@11-21/1");
	assert_string_equal(scan(s, "Бойовики ІДІЛ напали."), "0@17-25/1");
	/* the branch's own acronym is the branch's */
	assert_string_equal(scan(s, "Боевики ИГИЛЛ атаковали."), "1@15-25/1");
	/* only in Cyrillic capitals */
	assert_string_equal(scan(s, "IGIL said"), "");
	assert_string_equal(scan(s, "Потом Игил ушёл."), "");
	vg__scanner_free(s);
	/* not where a name as listed holds the word */
	s = dict_of(listed_word, 2, "Ivan", "Petr");
	assert_string_equal(scan(s, "Боевики ИГИЛ атаковали."), "");
	vg__scanner_free(s);
}

/* People's Arabic names, which lists and texts spell with other vowels
 * (the entity's Arabic script or particles say which are Arabic). */
static void test_rules_arabic_spellings(void **state)
{
	static const struct {
		uint32_t entity;
		const char *name;
		unsigned flags;
	} v[] = {
		{ 0, "AL-BARNAWI, Abu Musab", VG_SCAN_NAME_ARABIC },
		{ 1, "AKACHA, Jamel", VG_SCAN_NAME_ARABIC },
		{ 2, "MOUSSAB, Omar", VG_SCAN_NAME_ARABIC },
		{ 3, "KELLER, Andreas", 0 },
		/* Persian names, of Iran (data/scan_words.txt [arabic_countries]) */
		{ 4, "SOLEIMANI, Qasem", VG_SCAN_NAME_ARABIC },
		{ 5, "MAHMOUDI, Mohammad", VG_SCAN_NAME_ARABIC },
	};
	vg__scanner *s = NULL;
	size_t i;
	(void)state;
	assert_int_equal(vg__scanner_new(&s), 0);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_int_equal(vg__scanner_add_name(s, v[i].entity, VG_SCHEMA_PERSON, v[i].name,
						      strlen(v[i].name), v[i].flags), 0);
	for (i = 100; i < 160; i++) {
		char b[64];
		snprintf(b, sizeof(b), "Person%zu Filler%zu", i, i % 7);
		assert_int_equal(vg__scanner_add_name(s, (uint32_t)i, VG_SCHEMA_PERSON, b,
						      strlen(b), 0), 0);
	}
	assert_int_equal(vg__scanner_finish(s), 0);
	assert_string_equal(scan(s, "Then Jamel Okacha came."), "1@5-17/0");
	/* Moussab is listed as written too (someone else's family name) */
	assert_string_equal(scan(s, "Then Abou Moussab al-Barnaoui came."), "0@10-29/0");
	/* other names keep their vowels */
	assert_string_equal(scan(s, "Then Andreas Kollar came."), "");
	assert_string_equal(scan(s, "Then Andreas Keller came."), "3@5-19/0");
	assert_string_equal(scan(s, "Then Qasem Suleimani came."), "4@5-20/0");
	/* a final vowel more or less is another name: Mahmoud, Mahmoudi */
	assert_string_equal(scan(s, "Then Mohammad Mahmoud came."), "");
	assert_string_equal(scan(s, "Then Mohammad Mahmoudi came."), "5@5-22/0");
	vg__scanner_free(s);
}

/* Enumerations and appositions: "and" joins two names unless the listed
 * name holds it; "Family, Given" is no name where the family name closes
 * a longer one or the given name is a possessive. */
static const nm enum_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "BANK MELLAT" },
	{ 1, VG_SCHEMA_ORGANIZATION, "BANK SADERAT" },
	{ 2, VG_SCHEMA_ORGANIZATION, "BANK SEPAH" },
	{ 3, VG_SCHEMA_PERSON, "HAQQANI, Khalil" },
	{ 4, VG_SCHEMA_PERSON, "ALI, Ahmed Mohammed" },
	{ 5, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE OF IRAQ AND THE LEVANT" },
};

static void test_rules_enumerations(void **state)
{
	vg__scanner *s = dict_of(enum_names, sizeof(enum_names) / sizeof(enum_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Bank Sepah, Bank Mellat and Bank Saderat."),
			    "2@0-10/0 0@12-23/0 1@28-40/0");
	assert_string_equal(scan(s, "Then Mohammed Ali and Ahmed spoke."), "");
	assert_string_equal(scan(s, "The Islamic State of Iraq and the Levant said."), "5@4-40/0");
	assert_string_equal(scan(s, "Then Anas Haqqani, Khalil's nephew, came."), "");
	assert_string_equal(scan(s, "Then Sirajuddin Haqqani, Khalil came."), "");
	assert_string_equal(scan(s, "Leaders: Haqqani, Khalil (2001)."), "3@9-24/0");
	vg__scanner_free(s);
}

/* A translated name of ordinary words with its definite article names the
 * party; without one, or inside a longer name, it does not. */
static const nm article_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE" },
	/* the words of others too: ordinary words, not distinctive */
	{ 1, VG_SCHEMA_ORGANIZATION, "ISLAMIC BANK" },
	{ 2, VG_SCHEMA_ORGANIZATION, "ISLAMIC FUND" },
	{ 3, VG_SCHEMA_ORGANIZATION, "ISLAMIC RELIEF" },
	{ 4, VG_SCHEMA_ORGANIZATION, "STATE BANK" },
	{ 5, VG_SCHEMA_ORGANIZATION, "STATE FUND" },
	{ 6, VG_SCHEMA_ORGANIZATION, "STATE OIL" },
};

static void test_rules_articles(void **state)
{
	vg__scanner *s = dict_of(article_names, sizeof(article_names) / sizeof(article_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Il est écarté par l'État islamique pour extrémisme."),
			    "0@22-37/0");
	assert_string_equal(scan(s, "Ils veulent un État islamique."), "");
	assert_string_equal(scan(s, "L'État islamique en Afrique de l'Ouest attaque."), "");
	assert_string_equal(scan(s, "La Province d'Afrique de l'Ouest de l'État islamique."), "");
	/* Arabic writes the article onto each word */
	assert_string_equal(scan(s, "أعلنت الدولة الإسلامية"), "0@11-42/0");
	assert_string_equal(scan(s, "أرادوا دولة إسلامية"), "");
	vg__scanner_free(s);
}

/* A translated name has particles of its own ("de", "of"): all its strong
 * words, the first capitalised, name the party where the text says it is
 * an organisation. */
static const nm particle_translations[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "PARTY OF GOD" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ARMY OF GOD" },
	{ 2, VG_SCHEMA_ORGANIZATION, "LABOUR PARTY" },
};

static void test_rules_translated_particles(void **state)
{
	vg__scanner *s = dict_of(particle_translations,
				 sizeof(particle_translations) / sizeof(particle_translations[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "El grupo «Partido de Dios» atacó."), "0@11-26/0");
	assert_string_equal(scan(s, "Le groupe « Parti de Dieu » a revendiqué."), "0@13-26/0");
	/* a party of God in lower case is no name */
	assert_string_equal(scan(s, "El grupo «partido de Dios» atacó."), "");
	vg__scanner_free(s);
}

/* Another spelling of a long one-word name (French ch for sh, a letter
 * written twice) names the party; a short one does not. */
static const nm spelling_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "AL-SHABAAB" },
	{ 0, VG_SCHEMA_ORGANIZATION, "HARAKAT AL-SHABAAB AL-MUJAHIDIN" },
	{ 1, VG_SCHEMA_ORGANIZATION, "JINDAL" },
	{ 2, VG_SCHEMA_ORGANIZATION, "AL-QAIDA" },
};

static void test_rules_spellings(void **state)
{
	vg__scanner *s = dict_of(spelling_names, sizeof(spelling_names) / sizeof(spelling_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Le mouvement Harakat al-Chabab al-Moudjahidin a attaqué."), "0@13-45/0");
	assert_string_equal(scan(s, "Hier, Al-Shabbaab a perdu Kismaayo."), "0@6-17/1");
	assert_string_equal(scan(s, "Then Jindall came."), "");
	/* a particle hyphenated to the next word is that word's */
	assert_string_equal(scan(s, "ТЕРРОРИЗМ / АЛЬ-ШАБАБ / АЛЬ-КАИДА"), "0@21-38/1 2@41-58/1");
	vg__scanner_free(s);
}

/* Five-letter words are looked up loosely too when no listed name holds
 * them as written: organisations' names in another spelling ("Daech":
 * DAESH, "el-Nosra": NUSRAH); a listed five-letter word is only itself
 * ("Sunna" is no SINAA), and a person's short words only as written
 * ("Aşhan Soylu" is no YASSIN SYAWAL). */
static const nm short_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "DAESH" },
	{ 1, VG_SCHEMA_ORGANIZATION, "AL-NUSRAH FRONT" },
	{ 2, VG_SCHEMA_ORGANIZATION, "ANSAR AL-SUNNA" },
	{ 3, VG_SCHEMA_ORGANIZATION, "JAMAAT ANSAR BEIT AL-MAQDIS FI SINAA" },
	{ 4, VG_SCHEMA_PERSON, "SYAWAL, Yassin" },
	{ 5, VG_SCHEMA_ORGANIZATION, "FERRO GILAN" },
	{ 6, VG_SCHEMA_ORGANIZATION, "GALS-DEVELOPMENT PAO" },
};

static void test_rules_short_spellings(void **state)
{
	vg__scanner *s = NULL;
	size_t i;
	(void)state;
	assert_int_equal(vg__scanner_new(&s), 0);
	for (i = 0; i < sizeof(short_names) / sizeof(short_names[0]); i++)
		assert_int_equal(vg__scanner_add_name(s, short_names[i].entity, short_names[i].schema,
						      short_names[i].name, strlen(short_names[i].name),
						      short_names[i].schema == VG_SCHEMA_PERSON
						      ? VG_SCAN_NAME_ARABIC : 0), 0);
	for (i = 100; i < 160; i++) {
		char b[64];
		snprintf(b, sizeof(b), "Person%zu Filler%zu", i, i % 7);
		assert_int_equal(vg__scanner_add_name(s, (uint32_t)i, VG_SCHEMA_PERSON, b, strlen(b), 0), 0);
	}
	assert_int_equal(vg__scanner_finish(s), 0);
	/* (the acronym before the bracket is the text's name for Daech:
	 * test_rules_text_initials) */
	assert_string_equal(scan(s, "les enlèvements par l'EIIL (Daech), Al-Qaida"), "0@23-27/4 0@29-34/1");
	assert_string_equal(scan(s, "Le Conseil vise le Front el-Nosra et des groupes."), "1@19-33/0");
	assert_string_equal(scan(s, "Jamaat Ansar al-Sunna attacked."), "2@7-21/0");
	assert_string_equal(scan(s, "Yesterday Aşhan Soylu met with the committee."), "");
	/* a short word alike with vowels folded needs a partner as written */
	assert_string_equal(scan(s, "Officials named Feraye Gülen as director."), "");
	assert_string_equal(scan(s, "Officials named Ferro Gülen as owner."), "5@16-28/0");
	/* ... and has as many vowels */
	assert_string_equal(scan(s, "Officials said Development Goals matter."), "");
	/* six letters or more: the Arabic name's other vowels */
	assert_string_equal(scan(s, "Yesterday Yaseen Syaawal met with the committee."), "4@10-24/0");
	vg__scanner_free(s);
}

/* A short name in brackets right after a mention that spells its words'
 * initials is that party's wherever the text uses it again in capitals,
 * even an ordinary word ("LET"); not amid words in capitals. */
static const nm initials_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "LASHKAR E-TAYYIBA" },
	{ 1, VG_SCHEMA_ORGANIZATION, "HIZBUL MUJAHIDEEN" },
};

static void test_rules_bracket_initials(void **state)
{
	vg__scanner *s = dict_of(initials_names, sizeof(initials_names) / sizeof(initials_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Lashkar-e-Tayyiba (LET) attacked. LET was responsible. WE LET THEM GO."),
			    "0@0-17/0 0@19-22/4 0@34-37/4");
	/* "also known as": the names after it, past one the text found as a
	 * mention of the same party */
	assert_string_equal(scan(s, "Hizbul Mujahideen, auch bekannt als Hizbul Mujahideen und "
				    "Kashmiri, griff an. Kashmiri sagte."),
			    "1@0-17/0 1@36-53/0 1@58-66/4 1@78-86/4");
	/* not its initials: an ordinary word stays one */
	assert_string_equal(scan(s, "Hizbul Mujahideen (LET) attacked. LET was responsible."), "1@0-17/0");
	vg__scanner_free(s);
}

/* Hungarian: its spelling of foreign names (sz for s, dzs for j) and its
 * words for names of bodies (data/scan_translations.txt [hu]). */
static const nm hungarian_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "HAMAS" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE" },
	{ 2, VG_SCHEMA_ORGANIZATION, "TALIBAN" },
	{ 3, VG_SCHEMA_PERSON, "Osama bin Laden" },
};

static void test_rules_hungarian(void **state)
{
	vg__scanner *s = dict_of(hungarian_names, sizeof(hungarian_names) / sizeof(hungarian_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "A Hamasz vezetője szerint."), "0@2-8/1");
	assert_string_equal(scan(s, "Vezetőjük Oszama bin Laden volt."), "3@12-28/0");
	assert_string_equal(scan(s, "Az Iszlám Állam támadást indított."), "1@3-17/0");
	assert_string_equal(scan(s, "A Tálibok átvették a hatalmat."), "2@2-10/1");
	/* an ordinary word respelt is still one */
	assert_string_equal(scan(s, "Szerda volt."), "");
	vg__scanner_free(s);
}

/* An Arabic compound ending in al-Din written as one word ("Ezzeldin",
 * "Izzuddin") is the listed IZZ AL-DIN. */
static const nm din_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "IZZ AL-DIN AL-QASSAM BRIGADES" },
	{ 1, VG_SCHEMA_ORGANIZATION, "HAMAS" },
};

static void test_rules_din_joined(void **state)
{
	vg__scanner *s = dict_of(din_names, sizeof(din_names) / sizeof(din_names[0]), "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Las Brigadas de Ezzeldin Al-Qassam atacaron."), "0@4-34/0");
	assert_string_equal(scan(s, "The Izzuddin al-Qassam Brigades fired."), "0@4-31/0");
	assert_string_equal(scan(s, "The Izz al-Din al-Qassam Brigades fired."), "0@4-33/0");
	/* another compound is another name */
	assert_string_equal(scan(s, "The Nureddin al-Qassam Brigades fired."), "");
	vg__scanner_free(s);
}

/* A text's own acronym: a word in capitals spelling the initials of a
 * mention's words, or of the listed name it matched, names that party
 * wherever the text uses it, before the mention too; and one right before
 * a bracket holding a mention names its party.  Not a person's initials. */
static const nm text_initials_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "HIZBUL MUJAHIDEEN" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE" },
	{ 2, VG_SCHEMA_ORGANIZATION, "DAESH" },
	{ 3, VG_SCHEMA_PERSON, "ABDUL RAHMAN MAKKI" },
};

static void test_rules_text_initials(void **state)
{
	vg__scanner *s = dict_of(text_initials_names,
				 sizeof(text_initials_names) / sizeof(text_initials_names[0]), "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Die HM-Miliz griff an. Hizbul Mujahideen bekannte sich. Der HM drohte."),
			    "0@4-6/4 0@23-40/0 0@60-62/4");
	/* the listed name's initials ("EI", the Spanish words', is the text's) */
	assert_string_equal(scan(s, "El Estado Islámico (EI por sus siglas en castellano, también IS por "
				    "las inglesas) es un grupo terrorista."),
			    "1@3-19/0 1@21-23/4 1@63-65/4");
	assert_string_equal(scan(s, "les enlèvements par l'EIIL (Daech) et d'autres."), "2@23-27/4 2@29-34/1");
	/* not amid capitals, not a person's */
	assert_string_equal(scan(s, "Hizbul Mujahideen claimed it. HM WAS HERE."), "0@0-17/0");
	assert_string_equal(scan(s, "Abdul Rahman Makki spoke. ARM left."), "3@0-18/0");
	vg__scanner_free(s);
}

/* A possessive ends a name: the capitalised word after it starts another
 * ("the IRGC's Basij militia"). */
static const nm possessive_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "IRGC" },
	{ 1, VG_SCHEMA_ORGANIZATION, "BASIJ RESISTANCE FORCE" },
};

static void test_rules_possessive(void **state)
{
	vg__scanner *s = dict_of(possessive_names, sizeof(possessive_names) / sizeof(possessive_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Among other activities, the IRGC's Basij militia recruits."), "0@28-32/1");
	/* without it, a longer name */
	assert_string_equal(scan(s, "Among other activities, the IRGC Basij militia recruits."), "");
	vg__scanner_free(s);
}

/* German: its words for organisations' words (data/scan_translations.txt)
 * and its spelling of foreign names (dsch for j, s for the voiced z), the
 * latter for organisations only. */
static const nm german_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "HIZBALLAH" },
	{ 0, VG_SCHEMA_ORGANIZATION, "PARTY OF GOD" },
	{ 1, VG_SCHEMA_ORGANIZATION, "MUJAHIDIN YOUTH MOVEMENT" },
	{ 2, VG_SCHEMA_PERSON, "Teresa Leger Fernandez" },
	{ 3, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE" },
	{ 4, VG_SCHEMA_ORGANIZATION, "ANSARU" },
	{ 5, VG_SCHEMA_ORGANIZATION, "ANSAR DINE" },
	{ 6, VG_SCHEMA_PERSON, "Joseph R. Biden Jr." }, /* as the US Congress list writes it */
};

static void test_rules_german(void **state)
{
	vg__scanner *s = dict_of(german_names, sizeof(german_names) / sizeof(german_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Für den Libanon ist die Hisbollah bedeutsam."), "0@25-34/1");
	/* a German title before a family name is no other name word */
	assert_string_equal(scan(s, "Teresa Leger Fernandez kam. Später sagte Präsidentin Fernandez nichts."),
			    "2@0-22/0 2@55-64/2");
	/* a short family name alone after a title, as listed (the family
	 * name, not the generational suffix after it) */
	assert_string_equal(scan(s, "La cumbre en la que el presidente Biden fue anfitrión."), "6@34-39/3");
	assert_string_equal(scan(s, "La cumbre en la que Biden fue anfitrión."), "");
	assert_string_equal(scan(s, "Sie nennt sich Partei Gottes."), "0@15-28/0");
	assert_string_equal(scan(s, "Die Jugendbewegung, die Mudschahedin Youth Movement, kam."), "1@24-51/0");
	assert_string_equal(scan(s, "Der Islamische Staat kam."), "3@4-20/0");
	/* no person's name in another spelling */
	assert_string_equal(scan(s, "Teresa Leger Fernandes kam."), "");
	/* the kind of body written onto the word before the name */
	assert_string_equal(scan(s, "Es spaltete sich die Terrororganisation Ansaru ab."), "4@40-46/1");
	/* a name's genitive s */
	assert_string_equal(scan(s, "Sie kämpften an der Seite von Ansar Dines Kämpfern."), "5@31-42/0");
	vg__scanner_free(s);
}

/* A relative named by a given name after a kinship word, the family name
 * that of a person named before. */
static const nm relative_names[] = {
	{ 0, VG_SCHEMA_PERSON, "ROTENBERG, Boris" },
	{ 1, VG_SCHEMA_PERSON, "ROTENBERG, Arkady" },
	{ 2, VG_SCHEMA_PERSON, "SMITH, Arkady" },
};

static void test_rules_relatives(void **state)
{
	vg__scanner *s = dict_of(relative_names, sizeof(relative_names) / sizeof(relative_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Boris Rotenberg founded it with his brother Arkady."), "0@0-15/0 1@44-50/5");
	/* nobody of that family named before */
	assert_string_equal(scan(s, "His brother Arkady came."), "");
	/* a full name of its own */
	assert_string_equal(scan(s, "Boris Rotenberg came. His brother Arkady Smith came."), "0@0-15/0 2@34-46/0");
	vg__scanner_free(s);
}

/* A family name after a title, where the list gives one person of that
 * family name a title of rank, office or calling. */
static const nm titled_names[] = {
	{ 0, VG_SCHEMA_PERSON, "YASSIN, Sheik Ahmed Ismail" },
	{ 1, VG_SCHEMA_PERSON, "YASIN, Aboud" },
	{ 2, VG_SCHEMA_PERSON, "Mr Omari" },
	{ 3, VG_SCHEMA_PERSON, "KHALIL, Sheikh Abdullah" },
	{ 4, VG_SCHEMA_PERSON, "KHALIL, Dr. Ahmad" },
};

static void test_rules_titled_surname(void **state)
{
	vg__scanner *s = dict_of(titled_names, sizeof(titled_names) / sizeof(titled_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "The release of Sheikh Yassin in 1997."), "0@22-28/3");
	/* in another spelling, and in a Russian case form after the
	 * title's own ("шейха", of the sheikh) */
	assert_string_equal(scan(s, "Основатель движения шейх Ясин убит."), "0@47-55/3");
	assert_string_equal(scan(s, "После освобождения шейха Ясина в 1997 году он стал его секретарём."),
			    "0@47-57/3");
	/* the family name alone, or after a word that is no title */
	assert_string_equal(scan(s, "Yassin was released in 1997."), "");
	assert_string_equal(scan(s, "The house of Yassin burned."), "");
	/* a title anyone is addressed by says nothing of who is meant */
	assert_string_equal(scan(s, "Sheikh Omari spoke."), "");
	/* two listed people with that family name and a title */
	assert_string_equal(scan(s, "Sheikh Khalil spoke."), "");
	vg__scanner_free(s);
}

/* A person's one-word by-name after the given name of another of the
 * person's listed names. */
static const nm byname_names[] = {
	{ 0, VG_SCHEMA_PERSON, "AW-MOHAMED, Ahmed Abdi" },
	{ 0, VG_SCHEMA_PERSON, "GODANE" },
	{ 1, VG_SCHEMA_PERSON, "Mohamed Abdi HASSAN" },
};

static void test_rules_given_and_byname(void **state)
{
	vg__scanner *s = dict_of(byname_names, sizeof(byname_names) / sizeof(byname_names[0]),
				 NULL, NULL);
	(void)state;
	assert_string_equal(scan(s, "Ahmed Godane was killed in 2014."), "0@0-12/1");
	assert_string_equal(scan(s, "Лидер Ахмед Годане погиб."), "0@11-34/1");
	/* alone, or after a given name the person's listed names do not
	 * give, or another listed person's, the by-name is no one's */
	assert_string_equal(scan(s, "Godane was killed in 2014."), "");
	assert_string_equal(scan(s, "Omar Godane was killed in 2014."), "");
	assert_string_equal(scan(s, "Mohamed Godane was killed in 2014."), "");
	vg__scanner_free(s);
}

/* A weak alias (OFAC's "weak a.k.a.") in ordinary words, places and
 * generic words only is a phrase of the language: the party only where the
 * text names it otherwise too; a weak alias with a word of its own counts
 * (less) alone. */
static const nm weak_alias_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "KATAIB AL-NAWASIR" },
	{ 0, VG_SCHEMA_ORGANIZATION, "THE FREE ARMY" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ZARKUNDI TRADING" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ZARKUNDI" },
};
static const unsigned weak_alias_flags[] = { 0, VG_SCAN_NAME_WEAK, 0, VG_SCAN_NAME_WEAK };

static void test_rules_weak_alias_phrase(void **state)
{
	vg__scanner *s = dict_flags(weak_alias_names, weak_alias_flags,
				    sizeof(weak_alias_names) / sizeof(weak_alias_names[0]), NULL, NULL);
	(void)state;
	assert_string_equal(scan(s, "Soldiers of the Free Army entered the town."), "");
	assert_string_equal(scan(s, "Kataib al-Nawasir (the Free Army) entered the town."),
			    "0@0-17/0 0@19-32/0");
	assert_string_equal(scan(s, "Zarkundi shipped the parts."), "1@0-8/1");
	vg__scanner_free(s);
}

/* An acronym hyphenated to a suffix that another listed organisation
 * adds to its acronym, one acronym the start of the other ("ISA-NW" for
 * ISAF-NW): the text names that branch, not the organisation of the
 * shorter acronym; a suffix no listed acronym has leaves it ("ISA-Q"). */
static const nm acronym_suffix_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "ISLAMIC SOCIETY OF ANDORRA" },
	{ 0, VG_SCHEMA_ORGANIZATION, "ISA" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ISLAMIC SOCIETY OF ANDORRA AND FRANCE NORTH WEST" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ISAF-NW" },
};

static void test_rules_acronym_suffix(void **state)
{
	vg__scanner *s = dict_of(acronym_suffix_names,
				 sizeof(acronym_suffix_names) / sizeof(acronym_suffix_names[0]), NULL,
				 NULL);
	(void)state;
	assert_string_equal(scan(s, "The ISA-NW claimed it."), "1@4-10/0");
	assert_string_equal(scan(s, "The ISA claimed it."), "0@4-7/1");
	assert_string_equal(scan(s, "The ISA-Q claimed it."), "0@4-7/1");
	vg__scanner_free(s);
}

/* A family name alone beside a word for a body or a family names that
 * body or family, not the person of that name the text named before ("the
 * Moretti network", "la familia Moretti"); alone it still refers back. */
static const nm group_surname_names[] = {
	{ 0, VG_SCHEMA_PERSON, "MORETTI, Salvatore" },
};

static void test_rules_surname_of_group(void **state)
{
	vg__scanner *s = dict_of(group_surname_names, sizeof(group_surname_names) /
				 sizeof(group_surname_names[0]), "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Salvatore Moretti built it. The Moretti network grew."),
			    "0@0-17/0");
	assert_string_equal(scan(s, "Salvatore Moretti llegó. La familia Moretti vive allí."),
			    "0@0-17/0");
	assert_string_equal(scan(s, "Salvatore Moretti built it. Then Moretti left."),
			    "0@0-17/0 0@33-40/2");
	vg__scanner_free(s);
}

/* A title in the text is no other spelling of a listed word: "Minister"
 * (by its loose key the Spanish "ministerio") names no ministry. */
static const nm title_names[] = {
	{ 0, VG_SCHEMA_PUBLIC_BODY, "MINISTRY OF FISHERIES" },
	{ 0, VG_SCHEMA_PUBLIC_BODY, "MINISTERIO DE FISHERIES" },
	{ 1, VG_SCHEMA_PUBLIC_BODY, "MINISTRY OF DEFENCE" },
};

static void test_rules_title_no_spelling(void **state)
{
	vg__scanner *s = dict_of(title_names, sizeof(title_names) / sizeof(title_names[0]), NULL,
				 NULL);
	(void)state;
	assert_string_equal(scan(s, "She was Minister of Fisheries then."), "");
	assert_string_equal(scan(s, "The Ministerio de Fisheries spoke."), "0@4-27/0");
	vg__scanner_free(s);
}

/* A given name many people have and one more word that says little name
 * many people: that word only the start of the listed one ("Мухаммед
 * Халил" for MUHAMMAD YUSUF KHALILI), or one many listed people share with
 * a word of the name left out ("Muhammad Zardari" for MUHAMMAD HASAN
 * ZARDARI); a rare one still names the person. */
static const nm common_pair_names[] = {
	{ 0, VG_SCHEMA_PERSON, "MUHAMMAD YUSUF KHALILI" },
	{ 1, VG_SCHEMA_PERSON, "MUHAMMAD HASAN ZARDARI" },
	{ 2, VG_SCHEMA_PERSON, "ZARDARI, Karim" },
	{ 3, VG_SCHEMA_PERSON, "ZARDARI, Bilal" },
	{ 4, VG_SCHEMA_PERSON, "ZARDARI, Tariq" },
	{ 5, VG_SCHEMA_PERSON, "MUHAMMAD HASAN QUDSIANI" },
};
static const unsigned common_pair_flags[] = { VG_SCAN_NAME_ARABIC, VG_SCAN_NAME_ARABIC,
					      VG_SCAN_NAME_ARABIC, VG_SCAN_NAME_ARABIC,
					      VG_SCAN_NAME_ARABIC, VG_SCAN_NAME_ARABIC };

static void test_rules_common_pair(void **state)
{
	vg__scanner *s = dict_flags(common_pair_names, common_pair_flags,
				    sizeof(common_pair_names) / sizeof(common_pair_names[0]), "Muhammad",
				    "Mohammed");
	(void)state;
	assert_string_equal(scan(s, "Говорил Мухаммед Халил."), "");
	assert_string_equal(scan(s, "Then Muhammad Zardari spoke."), "");
	assert_string_equal(scan(s, "Then Muhammad Hasan Zardari spoke."), "1@5-27/0");
	assert_string_equal(scan(s, "Then Muhammad Qudsiani spoke."), "5@5-22/0");
	vg__scanner_free(s);
}

/* "Real estate" is ordinary language: a listed name made of it and a word
 * the text leaves out is another body's ("the Omega Real Estate Company"
 * is no REAL ESTATE BANK). */
static const nm estate_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "REAL ESTATE BANK" },
};

static void test_rules_real_estate(void **state)
{
	vg__scanner *s = dict_of(estate_names, sizeof(estate_names) / sizeof(estate_names[0]), NULL,
				 NULL);
	(void)state;
	assert_string_equal(scan(s, "The Omega Real Estate Company sold it."), "");
	assert_string_equal(scan(s, "The Real Estate Bank sold it."), "0@4-20/0");
	vg__scanner_free(s);
}

/* Korean: a name in Hangul is one word, family name first, particles
 * written onto it; an organisation's name is its words translated. */
static const nm korean_names[] = {
	{ 0, VG_SCHEMA_PERSON, "KIM, Jong Un" },
	{ 1, VG_SCHEMA_PERSON, "KIM, Jong Man" },
	{ 2, VG_SCHEMA_ORGANIZATION, "KOREAN PEOPLE'S ARMY" },
	{ 3, VG_SCHEMA_ORGANIZATION, "STATE AFFAIRS COMMISSION" },
	{ 4, VG_SCHEMA_ORGANIZATION, "KURDISTAN WORKERS' PARTY" },
	{ 5, VG_SCHEMA_ORGANIZATION, "WORKERS' PARTY OF KOREA CENTRAL MILITARY COMMISSION" },
};

static void test_rules_korean(void **state)
{
	vg__scanner *s = dict_of(korean_names, sizeof(korean_names) / sizeof(korean_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "김정은은 말했다."), "0@0-9/0");
	assert_string_equal(scan(s, "김정은위원장이 말했다."), "0@0-9/0");
	/* two syllables of a longer word, or of two words */
	assert_string_equal(scan(s, "김정일과 만났다."), "");
	assert_string_equal(scan(s, "정은 김 말했다."), "");
	assert_string_equal(scan(s, "조선인민군 최고사령관"), "2@0-15/0");
	assert_string_equal(scan(s, "국무위원회의 위원장"), "3@0-15/0");
	assert_string_equal(scan(s, "조선로동당 중앙군사위원회 위원장"), "5@6-37/0");
	/* the Korean workers' party is not the Kurdish one */
	assert_string_equal(scan(s, "조선로동당 총비서"), "");
	assert_string_equal(scan(s, "The Korean Workers' Party said."), "");
	vg__scanner_free(s);
}

/* Korean names in Cyrillic, syllable by syllable (Kontsevich's
 * transcription in Russian, its Ukrainian letters in Ukrainian), with a
 * case ending on the last: read as the lists' Latin syllables when three
 * or more follow a Korean family name. */
static const nm korean_cyrillic_names[] = {
	{ 0, VG_SCHEMA_PERSON, "KIM, Jong Un" },
	{ 1, VG_SCHEMA_PERSON, "KIM, Yo Jong" },
	{ 2, VG_SCHEMA_PERSON, "RI, Un Song" },
};

static void test_rules_korean_cyrillic(void **state)
{
	vg__scanner *s = dict_of(korean_cyrillic_names, sizeof(korean_cyrillic_names) /
				 sizeof(korean_cyrillic_names[0]), "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Лидер КНДР Ким Чен Ын прибыл в Пекин."), "0@20-38/0");
	assert_string_equal(scan(s, "Зустріч з Кім Чен Ином відбулася."), "0@18-40/0");
	assert_string_equal(scan(s, "Заявление Ким Ё Чжон опубликовали."), "1@19-37/0");
	/* Russian "Ин" is in (인), only Ukrainian writes un so */
	assert_string_equal(scan(s, "Посол Ли Ин Сон прибыл."), "");
	/* two syllables are anyone's words */
	assert_string_equal(scan(s, "Сказал Ким Чен."), "");
	vg__scanner_free(s);
}

/* Russian and Ukrainian: г is g to one and h to the other, and the lists
 * write the gh of Arabic names; an ordinary word capitalised inside a
 * sentence starts a name. */
static const nm cyrillic_names[] = {
	{ 0, VG_SCHEMA_PERSON, "NASRALLAH, Hasan" },
	{ 1, VG_SCHEMA_PERSON, "Ghassan Tueni" },
	{ 2, VG_SCHEMA_PERSON, "Abu Bakr al-Baghdadi" },
	{ 3, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE" },
	/* their words are ordinary ones, of other names too */
	{ 4, VG_SCHEMA_ORGANIZATION, "ISLAMIC BANK" },
	{ 5, VG_SCHEMA_ORGANIZATION, "ISLAMIC FUND" },
	{ 6, VG_SCHEMA_ORGANIZATION, "ISLAMIC RELIEF" },
	{ 7, VG_SCHEMA_ORGANIZATION, "STATE BANK" },
	{ 8, VG_SCHEMA_ORGANIZATION, "STATE FUND" },
	{ 9, VG_SCHEMA_ORGANIZATION, "STATE OIL" },
};

static void test_rules_cyrillic(void **state)
{
	vg__scanner *s = dict_of(cyrillic_names, sizeof(cyrillic_names) / sizeof(cyrillic_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Саїд Гасан Насралла сказав"), "0@9-36/0");
	assert_string_equal(scan(s, "Абу Бакр аль-Багдаді заявив"), "2@0-37/0");
	assert_string_equal(scan(s, "Абу Бакр аль-Багдади заявил"), "2@0-37/0");
	assert_string_equal(scan(s, "Он воевал за Исламское государство в Сирии."), "3@23-64/0");
	/* a sentence's first word is capitalised anyway */
	assert_string_equal(scan(s, "Исламское государство объявило"), "");
	assert_string_equal(scan(s, "Они хотят исламское государство."), "");
	/* ... but no ordinary word after the first (a line of an infobox) */
	assert_string_equal(scan(s, "Исламское Государство объявило"), "3@0-41/0");
	/* ... or a line of its own, an item of a list */
	assert_string_equal(scan(s, "Группировки:\nИсламское государство\nУчастие в конфликтах"),
			    "3@24-65/0");
	vg__scanner_free(s);
}

/* Bulgarian names of bodies the lists name in English, word for word
 * (data/scan_translations.txt [bg]). */
static const nm bulgarian_translated[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "SALAFIST GROUP FOR PREACHING AND COMBAT" },
	{ 1, VG_SCHEMA_ORGANIZATION, "MUJAHIDEEN YOUTH MOVEMENT" },
};

static void test_rules_bulgarian_translations(void **state)
{
	vg__scanner *s = dict_of(bulgarian_translated, 2, "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Членове на Салафистката група за проповед и борба бяха арестувани."),
			    "0@20-91/0");
	assert_string_equal(scan(s, "Лидерът на Муджахидинското младежко движение беше убит."),
			    "1@20-84/0");
	/* the words alone, in lower case, name nothing */
	assert_string_equal(scan(s, "Той говори за борба и проповед."), "");
	vg__scanner_free(s);
}

/* Russian and Ukrainian words of names of bodies, translated from their
 * case forms (data/scan_translations.txt holds them as loose keys:
 * "держави" derjav, "движения" dvijen, "організації" orhanizats). */
static const nm cyrillic_translated[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ISLAMIC REVOLUTIONARY GUARD CORPS" },
	{ 2, VG_SCHEMA_ORGANIZATION, "ISLAMIC RESISTANCE MOVEMENT" },
	{ 3, VG_SCHEMA_ORGANIZATION, "TALIBAN" },
	{ 4, VG_SCHEMA_ORGANIZATION, "HAQQANI NETWORK" },
	{ 5, VG_SCHEMA_ORGANIZATION, "SHASTAN" },
	{ 6, VG_SCHEMA_PERSON, "ZUEV, Oleg" },
};

static void test_rules_cyrillic_translations(void **state)
{
	vg__scanner *s = dict_of(cyrillic_translated,
				 sizeof(cyrillic_translated) / sizeof(cyrillic_translated[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Бойовики «Ісламської держави» атакували місто."), "0@19-54/0");
	assert_string_equal(scan(s, "Терористи Ісламської держави атакували місто."), "0@19-54/0");
	assert_string_equal(scan(s, "Він був у Корпусі вартових ісламської революції."), "1@17-88/0");
	assert_string_equal(scan(s, "Он был в Корпусе стражей исламской революции."), "1@15-82/0");
	assert_string_equal(scan(s, "Лидеры Исламского движения сопротивления прибыли."), "2@13-77/0");
	assert_string_equal(scan(s, "Лідери Ісламського руху опору прибули."), "2@13-55/0");
	/* Bulgarian writes the article onto the word ("държавата", the
	 * state; "Талибаните", the Taliban) */
	assert_string_equal(scan(s, "Той се би за Ислямската държава в Сирия."), "0@22-57/0");
	assert_string_equal(scan(s, "Той служи в Корпуса на гвардейците на ислямската революция."), "1@21-108/0");
	assert_string_equal(scan(s, "Лидерът на Талибаните пристигна."), "3@20-40/1");
	assert_string_equal(scan(s, "Боевики сети Хаккани атаковали Кабул."), "4@15-38/0");
	assert_string_equal(scan(s, "Бойовики мережі Хаккані атакували Кабул."), "4@17-44/0");
	/* a given name alike with vowels folded (sevastian, SHASTAN) before
	 * a family name is a person's name */
	assert_string_equal(scan(s, "Компанию возглавил Севастьян Зуев."), "");
	/* still no name in lower case */
	assert_string_equal(scan(s, "Вони хочуть ісламську державу."), "");
	vg__scanner_free(s);
}

/* Many listed words alike with vowels folded (hina, huna, hanno ...): a
 * case form ("Хания" of HANIYA) is looked at first. */
static const nm alike_names[] = {
	{ 1, VG_SCHEMA_ORGANIZATION, "HINA TRADING" },
	{ 2, VG_SCHEMA_ORGANIZATION, "HUNA TRADING" },
	{ 3, VG_SCHEMA_ORGANIZATION, "HONA TRADING" },
	{ 4, VG_SCHEMA_ORGANIZATION, "HENA TRADING" },
	{ 5, VG_SCHEMA_ORGANIZATION, "HANO TRADING" },
	{ 6, VG_SCHEMA_ORGANIZATION, "HINO TRADING" },
	{ 7, VG_SCHEMA_ORGANIZATION, "HUNE TRADING" },
	{ 8, VG_SCHEMA_ORGANIZATION, "HONI TRADING" },
	{ 9, VG_SCHEMA_ORGANIZATION, "HENO TRADING" },
	{ 0, VG_SCHEMA_PERSON, "HANIYA, Ismail" },
};

static void test_rules_case_forms_first(void **state)
{
	/* Ismail is the given name of many: it evaluates only the names of
	 * the words hit beside it */
	vg__scanner *s = dict_of(alike_names, sizeof(alike_names) / sizeof(alike_names[0]),
				 "Ismail", "Ismail");
	(void)state;
	assert_string_equal(scan(s, "Исмаил Хания заявил"), "0@0-23/0");
	vg__scanner_free(s);
}

/* Chinese text: its words of organisation names read as their English
 * words (a translation), other characters as ideographs. */
static const nm chinese_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "PARTY OF GOD" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE" },
	{ 2, VG_SCHEMA_ORGANIZATION, "ISLAMIC JIHAD ORGANIZATION" },
	{ 3, VG_SCHEMA_ORGANIZATION, "ISLAMIC BANK" },
	{ 4, VG_SCHEMA_PERSON, "习近平" },
	{ 5, VG_SCHEMA_ORGANIZATION, "HAMAS" },
	{ 6, VG_SCHEMA_PERSON, "BIN LADIN, Usama" },
	{ 7, VG_SCHEMA_PERSON, "Mohammed Omar" },
	{ 8, VG_SCHEMA_PERSON, "FRADKOV, Mikhail Efimovich" },
	{ 9, VG_SCHEMA_ORGANIZATION, "AL QA'IDA" },
	{ 10, VG_SCHEMA_PERSON, "BIN LADEN, Bakr" },
	{ 11, VG_SCHEMA_PERSON, "BIN LADEN, Saad" },
	{ 12, VG_SCHEMA_PERSON, "BIN LADEN, Hamza" },
	{ 13, VG_SCHEMA_ORGANIZATION, "ETIM" },
};

/* BIN LADIN and BIN LADEN are Arabic names (as scan_json.c flags a
 * person of Arab countries). */
static const unsigned chinese_flags[] = { 0, 0, 0, 0, 0, 0, VG_SCAN_NAME_ARABIC, 0, 0, 0,
					  VG_SCAN_NAME_ARABIC, VG_SCAN_NAME_ARABIC,
					  VG_SCAN_NAME_ARABIC, 0 };

static void test_rules_chinese(void **state)
{
	vg__scanner *s = dict_flags(chinese_names, chinese_flags,
				    sizeof(chinese_names) / sizeof(chinese_names[0]), "Ivan", "Petr");
	vg__tokenizer tz;
	vg__toks tk = { NULL, 0, 0 };
	const char *text = "伊斯兰国和习近平";
	(void)state;
	vg__tokenizer_init(&tz);
	assert_int_equal(vg__tokenize(&tk, &tz, text, strlen(text), false), 0);
	assert_int_equal(tk.n, 6); /* islamic state 和 习 近 平 */
	assert_memory_equal(tz.pool.ptr + tk.v[1].norm, "state", 5);
	assert_int_equal(tk.v[1].start, 9);
	assert_int_equal(tk.v[1].end, 12);
	assert_true(tk.v[1].flags & VG_TOKF_TRANSLATED);
	assert_true(tk.v[2].flags & VG_TOKF_HAN);
	free(tk.v);
	vg__tokenizer_dispose(&tz);
	/* a name that ends in the word for its kind of body, or in quotes */
	assert_string_equal(scan(s, "黎巴嫩真主党发表声明"), "0@9-18/0");
	assert_string_equal(scan(s, "禁止对“伊斯兰国”的支持"), "1@12-24/0");
	/* Chinese words for every word of the name are the name, quoted or
	 * not */
	assert_string_equal(scan(s, "他说伊斯兰国宣布负责"), "1@6-18/0");
	/* an Islamic country is no Islamic State; a part of a name none */
	assert_string_equal(scan(s, "他们想建立伊斯兰国家"), "");
	assert_string_equal(scan(s, "谴责圣战组织的暴行"), "");
	/* a name written in Han characters, character by character */
	assert_string_equal(scan(s, "习近平说"), "4@0-9/0");
	/* foreign names in Chinese syllables, by their consonants, the
	 * words of a person's name parted by dots */
	assert_string_equal(scan(s, "以及哈马斯组织"), "5@6-15/1");
	assert_string_equal(scan(s, "奥萨马·本·拉登说"), "6@0-22/0");
	/* a given name alone is nobody */
	assert_string_equal(scan(s, "奥马尔说"), "");
	/* a family name alone after a particle of Arabic names, written
	 * onto it or after the name's dot, traditional or simplified; its
	 * syllables (la deng, laden) spell the family name of several
	 * listed people as written, and of one in another spelling */
	assert_string_equal(scan(s, "头目本拉登说"), "6@9-15/3");
	assert_string_equal(scan(s, "头目本·拉登说"), "6@11-17/3");
	assert_string_equal(scan(s, "拉登说"), "");
	/* ... and where the next name's syllables follow it, Taiwan's name
	 * for al-Qaida (蓋達) ends the run */
	assert_string_equal(scan(s, "頭目賓·拉登蓋達組織"), "6@11-17/3 9@17-23/1");
	/* a name parted by dots in the letters Chinese does not tell apart
	 * (fuladekefu: FRADKOV) */
	assert_string_equal(scan(s, "前总理米哈伊爾·弗拉德科夫說"), "8@9-38/0");
	/* ... but not syllables of running text (高达, "as much as") */
	assert_string_equal(scan(s, "奖金高达五百万美元"), "");
	/* a translated acronym in the corner quotes of traditional
	 * Chinese (東伊運: ETIM), or in full-width brackets after the name
	 * it shortens, as in quotes */
	assert_string_equal(scan(s, "他資助「東伊運」數百萬"), "13@12-21/1");
	assert_string_equal(scan(s, "他資助『東伊運』數百萬"), "13@12-21/1");
	assert_string_equal(scan(s, "东突厥斯坦伊斯兰运动（东伊运）成立"), "13@33-42/1");
	vg__scanner_free(s);
}

/* ---- vg_scan_json over the example index --------------------------------- */

/* Builds the index file `path` from the FtM JSON lines of `src`. */
static void build_index(const char *src, const char *path)
{
	vg_builder *b = NULL;
	assert_int_equal(vg_builder_new(&b), 0);
	assert_int_equal(vg_builder_add(b, src, VG_FORMAT_FTM_JSON), 0);
	assert_int_equal(vg_builder_write(b, path), 0);
	vg_builder_free(b);
}

static char *example_index(void)
{
	static char path[] = "/tmp/test_scan_XXXXXX";
	char src[4096];
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	snprintf(src, sizeof(src), "%s/../../examples/rossotrudnichestvo.ftm.jsonl",
		 VG_TEST_FIXTURES);
	build_index(src, path);
	return path;
}

/* A person whose every country is one of Arabic names has an Arabic name
 * even where the list writes it without a particle, so a text may spell
 * it with other vowels (scan_json.c arabic_countries); not a person of
 * another country.  Records cut from OFAC's SDN list (7914, 24514,
 * 16669), their countries as the index reads them. */
static void test_rules_arabic_by_country(void **state)
{
	static const char *const recs[] = {
		"{\"id\": \"ofac-7914\", \"schema\": \"Person\", \"properties\": "
		"{\"name\": [\"MISHAAL, Khalid\"], \"country\": [\"sy\"]}}",
		"{\"id\": \"ofac-24514\", \"schema\": \"Person\", \"properties\": "
		"{\"name\": [\"QASIM, Naim\"], \"alias\": [\"KASSEM, Naim\"], "
		"\"country\": [\"lb\"]}}",
		"{\"id\": \"ofac-16669\", \"schema\": \"Person\", \"properties\": "
		"{\"name\": [\"ROTENBERG, Arkady\"], \"country\": [\"ru\"]}}",
	};
	static const struct { const char *text, *id; } cases[] = {
		{ "Der Hamas-Chef Khaled Mashal sprach in Doha.", "ofac-7914" },
		{ "Generalsekretär Naim Kassim sagte am Montag", "ofac-24514" },
		{ "The oligarch Arkady Rotenbirg said", NULL },
	};
	char path[] = "/tmp/test_scan_arXXXXXX", idx[sizeof(path) + 4];
	vg_index *ix = NULL;
	vg_scanner *m = NULL;
	vg_scan_options o = VG_SCAN_OPTIONS_INIT;
	FILE *f = NULL;
	size_t k;
	int fd = mkstemp(path);
	(void)state;
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	for (k = 0; k < sizeof(recs) / sizeof(recs[0]); k++)
		fprintf(f, "%s\n", recs[k]);
	fclose(f);
	snprintf(idx, sizeof(idx), "%s.idx", path);
	build_index(path, idx);
	assert_int_equal(vg_index_open(&ix, idx), 0);
	assert_int_equal(vg_scanner_new(&m, ix), 0);
	o.links_depth = 0;
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		vg_buf out = VG_BUF_INIT;
		assert_int_equal(vg_scan_json(m, cases[k].text, strlen(cases[k].text), &o, &out), 0);
		if (cases[k].id)
			assert_non_null(strstr(out.ptr, cases[k].id));
		else
			assert_string_equal(out.ptr, "{\"mentions\": []}");
		vg_buf_dispose(&out);
	}
	vg_scanner_free(m);
	vg_index_free(ix);
	unlink(path);
	unlink(idx);
}

/* Brands the lists write with their legal forms, one-word names of words
 * the language has, a family name common in a name culture, another
 * person's name, an acronym the text defines. */
static const nm brand_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "CANAL S.A." },
	{ 1, VG_SCHEMA_ORGANIZATION, "KHALIDI COMPANY" },
	{ 2, VG_SCHEMA_ORGANIZATION, "HAMAS" },
	{ 3, VG_SCHEMA_ORGANIZATION, "DRUZHBA" },
	{ 4, VG_SCHEMA_PERSON, "SMIRNOV, Kirill Yurievich" },
	{ 5, VG_SCHEMA_PERSON, "LOPEZ MENDEZ, Alfonso" },
	{ 6, VG_SCHEMA_ORGANIZATION, "ISS" },
};

/* MUHAMMAD YUSUF among 3,000 people, 20 of each given name of it and 20
 * Mohameds. */
static vg__scanner *given_dict(void)
{
	vg__scanner *s = NULL;
	uint32_t i;
	assert_int_equal(vg__scanner_new(&s), 0);
	assert_int_equal(vg__scanner_add_name(s, 0, VG_SCHEMA_PERSON, "MUHAMMAD YUSUF", 14, 0), 0);
	for (i = 1; i < 3000; i++) {
		char b[64];
		snprintf(b, sizeof(b), "%s Filler%u", i % 150 == 0 ? "Muhammad" : i % 150 == 1 ? "Yusuf" :
			 i % 150 == 2 ? "Mohamed" : "Person", i);
		assert_int_equal(vg__scanner_add_name(s, i, VG_SCHEMA_PERSON, b, strlen(b), 0), 0);
	}
	assert_int_equal(vg__scanner_finish(s), 0);
	return s;
}

static void test_rules_brands(void **state)
{
	vg__scanner *s = dict_of(brand_names, sizeof(brand_names) / sizeof(brand_names[0]),
				 "Ivan", "Petr");
	(void)state;
	/* the brand alone is a word of the language as often */
	assert_string_equal(scan(s, "The show moved to Canal 22 in 2006."), "");
	/* with its legal form it is the company, and then alone too */
	assert_string_equal(scan(s, "Canal S.A. was fined. Canal appealed."), "0@0-9/1 0@22-27/1");
	/* or where the text says it is an organisation */
	assert_string_equal(scan(s, "the company “Canal” said"), "0@15-20/1");
	/* spelt otherwise, the brand alone is never the company */
	assert_string_equal(scan(s, "Khalidi Company said. Khalidy left."), "1@0-15/1");
	assert_string_equal(scan(s, "Khalidi signed."), "");
	/* a one-word name that is not a brand stands alone */
	assert_string_equal(scan(s, "Leaders of Hamas met."), "2@11-16/1");
	/* first in a sentence, a word the text also writes in lower case is
	 * an ordinary one ... */
	assert_string_equal(scan(s, "Дружба дружбой, а служба службой. Нет, дружба важнее."), "");
	/* ... and a name there is still one */
	assert_string_equal(scan(s, "Hamas said it would talk."), "2@0-5/1");
	/* a family name common in a name culture names one of its many
	 * bearers alone, unless the text holds another word of the listed
	 * person's name */
	assert_string_equal(scan(s, "Smirnov scored twice."), "");
	assert_string_equal(scan(s, "Kirill came. Smirnov scored."), "4@13-20/3");
	/* another family name where the listed one has a word the text
	 * leaves out: another person */
	assert_string_equal(scan(s, "Alfonso Gómez Méndez habló."), "");
	assert_string_equal(scan(s, "Alfonso López Méndez habló."), "5@0-22/0");
	/* an acronym in brackets after the phrase it stands for is that
	 * phrase's, unless the text names the party otherwise */
	assert_string_equal(scan(s, "the International Space Station (ISS) docked."), "");
	assert_string_equal(scan(s, "Helmut Kohl (ISS) said"), "6@13-16/1");
	vg__scanner_free(s);
	/* two given names many listed people have name someone only as
	 * listed, not in another spelling */
	s = given_dict();
	assert_string_equal(scan(s, "Muhammad Yusuf spoke."), "0@0-14/0");
	assert_string_equal(scan(s, "Mohamed Yusuf spoke."), "");
	vg__scanner_free(s);
}

/* Names as the news of other scripts write them. */
static const nm news_names[] = {
	{ 0, VG_SCHEMA_PERSON, "ABU BAKR AL-BAGHDADI" },
	{ 1, VG_SCHEMA_PERSON, "FADLALLAH, Shaykh Muhammad Husayn" },
	{ 2, VG_SCHEMA_ORGANIZATION, "HAMAS" },
	{ 3, VG_SCHEMA_PERSON, "SINWAR, Yahya" },
};

static vg__scanner *news_dict(void)
{
	return dict_of(news_names, sizeof(news_names) / sizeof(news_names[0]), "Ivan", "Petr");
}

/* Chinese: a family name in Chinese syllables alone after the full name
 * refers back to it. */
static void test_rules_chinese_surname(void **state)
{
	vg__scanner *s = news_dict();
	(void)state;
	assert_string_equal(scan(s, "阿布·贝克尔·巴格达迪说,巴格达迪死了"),
			    "0@0-31/0 0@35-47/2");
	vg__scanner_free(s);
}

/* A title is no given name: the name without it, where the list writes
 * "Shaykh" among the given names. */
static void test_rules_title_spellings(void **state)
{
	vg__scanner *s = news_dict();
	(void)state;
	assert_string_equal(scan(s, "Muhammad Husayn Fadlallah said"), "1@0-25/0");
	vg__scanner_free(s);
}

/* A name in capitals ends where the capitals do: the body, then its
 * leader ("лидер ХАМАС Яхья Синвар"). */
static void test_rules_capitals_end(void **state)
{
	vg__scanner *s = news_dict();
	(void)state;
	assert_string_equal(scan(s, "Лидер ХАМАС Яхья Синвар убит."),
			    "2@11-21/1 3@22-43/0");
	vg__scanner_free(s);
}

/* Bulgarian writes w as у before a vowel: "Синуар", SINWAR. */
static void test_rules_cyrillic_w(void **state)
{
	vg__scanner *s = news_dict();
	(void)state;
	assert_string_equal(scan(s, "Лидерът Яхия Синуар беше убит."), "3@15-36/0");
	vg__scanner_free(s);
}

/* Russian has no th or dh: it writes the ث and ذ of Arabic names, which
 * lists write th and dh, as с and з ("аль-Хуси", AL HOUTHI; "Мунзир",
 * MUNDHIR); a family name spelt so in the full mention refers back as the
 * text wrote it, though it matched the listed one with vowels folded.
 * Sentences after Russian news reports (TASS, Kommersant) of 2024-25. */
static const nm interdental_names[] = {
	{ 0, VG_SCHEMA_PERSON, "AL HOUTHI, Abdul Malik" },
	{ 1, VG_SCHEMA_PERSON, "AL-MUNDHIR, Khalid Ahmad" },
	{ 2, VG_SCHEMA_PERSON, "SULTANOV, Sergei" },
};

static void test_rules_cyrillic_th(void **state)
{
	vg__scanner *s = NULL;
	size_t i;
	(void)state;
	assert_int_equal(vg__scanner_new(&s), 0);
	/* the lists' Arabic names, as scan_json.c flags them */
	for (i = 0; i < sizeof(interdental_names) / sizeof(interdental_names[0]); i++)
		assert_int_equal(vg__scanner_add_name(s, interdental_names[i].entity,
						      interdental_names[i].schema,
						      interdental_names[i].name,
						      strlen(interdental_names[i].name),
						      i < 2 ? VG_SCAN_NAME_ARABIC : 0), 0);
	assert_int_equal(vg__scanner_finish(s), 0);
	assert_string_equal(scan(s, "Лидер движения Абдул Малик аль-Хуси заявил о новых "
				    "операциях. Выступление аль-Хуси транслировал телеканал."),
			    "0@28-65/0 0@143-151/2");
	assert_string_equal(scan(s, "Командир Халид Ахмад аль-Мунзир погиб."), "1@17-58/0");
	/* an s that is an s stays one */
	assert_string_equal(scan(s, "Депутат Сергей Султанов выступил."), "2@15-44/0");
	vg__scanner_free(s);
}

/* Ukrainian writes the е of Russian names є after a consonant ("Дмитро
 * Бєлік", BELIK; "Бахарєв", BAKHAREV: VOA Ukrainian, 2016, on the Duma
 * deputies elected in Crimea), where its own е would be said э; the word as
 * written keeps its own reading too. */
static const nm ye_names[] = {
	{ 0, VG_SCHEMA_PERSON, "BELIK, Dmitry Anatolievich" },
	{ 1, VG_SCHEMA_PERSON, "BAKHAREV, Konstantin Mikhailovich" },
	{ 2, VG_SCHEMA_PERSON, "BYELETSKY, Andrei" },
};

static void test_rules_ukrainian_ye(void **state)
{
	vg__scanner *s = dict_of(ye_names, sizeof(ye_names) / sizeof(ye_names[0]), "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Дмитро Бєлік, Андрій Козенко були обрані."), "0@0-23/0");
	assert_string_equal(scan(s, "Депутат Константин Бахарєв."), "1@15-50/0");
	/* a Ukrainian given name for the Russian one the list gives
	 * (data/name_variants.txt: kostyantin), not another name */
	assert_string_equal(scan(s, "Депутат Костянтин Бахарєв."), "1@15-48/0");
	assert_string_equal(scan(s, "Депутат Олег Бахарєв."), "");
	/* the word as written keeps its own reading: BYELETSKY */
	assert_string_equal(scan(s, "Андрій Бєлецький виступив."), "2@0-31/0");
	vg__scanner_free(s);
}

/* A group named by its members: French and Spanish write the plural of
 * its name after a plural article, in lower case too ("les talibans",
 * "los talibanes", "los talibán"); Russian and Ukrainian decline a noun
 * for one member ("талибы", "хуситов": the Persian plural -an of
 * TALIBAN, the member suffix -ит of a name in -i, HOUTHIS).  Sentences
 * from news reports of 2021-24 (AFP via comparemela.com, 12grados.com,
 * fakty.com.ua, news.rambler.ru).  An ordinary plural is no listed short
 * word's ("los países" is not PAIS), nor an ordinary word a case form of
 * one ("Інші", others, read inshan, is not UNSAN). */
static const nm member_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "TALIBAN" },
	{ 1, VG_SCHEMA_ORGANIZATION, "THE HOUTHIS" },
	{ 2, VG_SCHEMA_ORGANIZATION, "PAIS" },
	{ 3, VG_SCHEMA_ORGANIZATION, "UNSAN" },
	{ 4, VG_SCHEMA_ORGANIZATION, "INSAN" },
	{ 5, VG_SCHEMA_PERSON, "AL HOUTHI, Abdul Malik" },
};

static void test_rules_group_members(void **state)
{
	vg__scanner *s = dict_of(member_names, sizeof(member_names) / sizeof(member_names[0]), "Ivan",
				 "Petr");
	(void)state;
	assert_string_equal(scan(s, "Les talibans ont annoncé dimanche être entrés dans Kaboul."),
			    "0@4-12/1");
	assert_string_equal(scan(s, "Los talibanes controlan ya al menos 28 capitales."), "0@4-13/1");
	assert_string_equal(scan(s, "por los avances de los talibán."), "0@23-31/1");
	assert_string_equal(scan(s, "К нему в президентский дворец уже прибыли талибы."), "0@77-89/1");
	assert_string_equal(scan(s, "Атаки хуситов на идущие через Красное море корабли."), "1@11-25/1");
	/* without a plural article, a lower-case word names nobody */
	assert_string_equal(scan(s, "Des combattants talibans ont pris le palais."), "");
	assert_string_equal(scan(s, "Los países frágiles del mundo."), "");
	assert_string_equal(scan(s, "Інші джерела повідомляють."), "");
	vg__scanner_free(s);
}

/* French and Spanish put an adjective between the organisation word and
 * the name ("el grupo terrorista Estado Islámico", noticiascaracol.com;
 * "l'organisation terroriste Etat islamique", maghress.com, 2017): the
 * word still says the ordinary words name an organisation; a verb there
 * does not. */
static const nm describing_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE" },
	{ 1, VG_SCHEMA_ORGANIZATION, "ROSSOTRUDNICHESTVO" },
	{ 2, VG_SCHEMA_ORGANIZATION, "ISLAMIC JIHAD UNION" },
	{ 3, VG_SCHEMA_ORGANIZATION, "STATE SECURITY COMMITTEE" },
	{ 4, VG_SCHEMA_ORGANIZATION, "ISLAMIC MOVEMENT OF UZBEKISTAN" },
	{ 5, VG_SCHEMA_ORGANIZATION, "STATE BANK OF KORTAN" },
};

static void test_rules_org_word_adjective(void **state)
{
	vg__scanner *s = dict_of(describing_names,
				 sizeof(describing_names) / sizeof(describing_names[0]), "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "El ataque fue reivindicado por el grupo terrorista Estado "
				    "Islámico."),
			    "0@51-67/0");
	assert_string_equal(scan(s, "Quelques heures après, l'organisation terroriste Etat "
				    "islamique a revendiqué l'attaque."),
			    "0@50-64/0");
	assert_string_equal(scan(s, "El grupo pide Estado Islámico."), "");
	vg__scanner_free(s);
}

/* Two bodies' names side by side ("del grupo vinculado a Al-Qaeda Jabhat
 * al-Nusra en Siria", VOA Spanish, 2014): a capitalised word before an
 * organisation's name makes it part of a longer one, unless that word is
 * alone another organisation's listed name; a word no list holds still
 * does ("Militarizado Partido Comunista"). */
static const nm side_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "AL QA'IDA" },
	{ 0, VG_SCHEMA_ORGANIZATION, "AL QAEDA" },
	{ 1, VG_SCHEMA_ORGANIZATION, "JABHAT AL-NUSRA" },
	{ 2, VG_SCHEMA_ORGANIZATION, "PARTIDO COMUNISTA DEL PERU" },
};

static void test_rules_names_side_by_side(void **state)
{
	vg__scanner *s = dict_of(side_names, sizeof(side_names) / sizeof(side_names[0]), "Ivan",
				 "Petr");
	(void)state;
	assert_string_equal(scan(s, "la actividad terrorista del grupo vinculado a Al-Qaeda "
				    "Jabhat al-Nusra en Siria."),
			    "0@46-54/1 1@55-70/0");
	assert_string_equal(scan(s, "el Militarizado Partido Comunista del Peru atacó."), "");
	vg__scanner_free(s);
}

/* Organisation names translated word by word (data/scan_translations.txt):
 * the organisation words of listed names in French, Spanish and German,
 * and a word for a kind of body ("Cartel") is no short form of the one
 * named before it. */
static const nm translated_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "GULF CARTEL" },
	{ 1, VG_SCHEMA_ORGANIZATION, "GROUP FOR THE SUPPORT OF ISLAM AND MUSLIMS" },
	{ 2, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE IN THE GREATER SAHARA" },
	{ 3, VG_SCHEMA_ORGANIZATION, "SALAFIST GROUP FOR PREACHING AND COMBAT" },
	{ 4, VG_SCHEMA_COMPANY, "GULF PETROLEUM" },
	{ 5, VG_SCHEMA_COMPANY, "GULF SHIPPING" },
	{ 6, VG_SCHEMA_ORGANIZATION, "LOS ZETAS" },
	{ 7, VG_SCHEMA_ORGANIZATION, "ISIS-WEST AFRICA" },
	{ 8, VG_SCHEMA_ORGANIZATION, "ISIS" },
	{ 8, VG_SCHEMA_ORGANIZATION, "DAESH" },
};

static void test_rules_translated_org_words(void **state)
{
	vg__scanner *s = dict_of(translated_names,
				 sizeof(translated_names) / sizeof(translated_names[0]), "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Dos jefes del Cártel del Golfo fueron detenidos; otro Cartel "
				    "opera en la zona."),
			    "0@14-31/0");
	assert_string_equal(scan(s, "Le Groupe de soutien à l'islam et aux musulmans a revendiqué "
				    "l'embuscade."),
			    "1@3-48/0");
	assert_string_equal(scan(s, "Selon l'armée, l'Etat islamique au Grand Sahara a frappé."),
			    "2@18-48/0");
	assert_string_equal(scan(s, "Die Salafistische Gruppe für Predigt und Kampf wurde 1998 "
				    "gegründet."),
			    "3@4-47/0");
	assert_string_equal(scan(s, "El Gran Hotel del Golfo abrió ayer."), "");
	/* Daech, the French for ISIS, in the name of its province */
	assert_string_equal(scan(s, "Daech en Afrique de l’Ouest a frappé; Daech a revendiqué."),
			    "7@0-29/0 8@41-46/1");
	/* a bracket naming a body by its kind names no short form */
	assert_string_equal(scan(s, "Los Zetas (antes la facción Cartel del Oriente) crecieron; "
				    "el Oriente votó."),
			    "6@0-9/1");
	vg__scanner_free(s);
}

/* A body named by its own word, the word of its kind left unsaid
 * ("Abu Sayyaf" for the ABU SAYYAF GROUP), with its particle; not where
 * the word alone is another party's name or a person's family name, nor
 * for a company's or a bank's name (scanner.c kindless_len). */
static const nm kindless_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "ABU SAYYAF GROUP" },
	{ 1, VG_SCHEMA_PERSON, "AL-MALIZI, Abu Sayyaf" },
	{ 2, VG_SCHEMA_ORGANIZATION, "HIZBALLAH" },
	{ 3, VG_SCHEMA_ORGANIZATION, "HIZBALLAH BRIGADES" },
	{ 4, VG_SCHEMA_ORGANIZATION, "HAQQANI NETWORK" },
	{ 5, VG_SCHEMA_PERSON, "HAQQANI, Jalaluddin" },
	{ 6, VG_SCHEMA_COMPANY, "ARIAN BANK" },
	{ 7, VG_SCHEMA_ORGANIZATION, "FATEMIYOUN BRIGADE" },
};

static void test_rules_kindless(void **state)
{
	vg__scanner *s = dict_of(kindless_names,
				 sizeof(kindless_names) / sizeof(kindless_names[0]), "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Abu Sayyaf claimed the kidnapping on Jolo."), "0@0-10/1");
	assert_string_equal(scan(s, "Die Kämpfer der Fatemiyoun zogen ab."), "7@17-27/1");
	/* the word without its particle: a person's name as often */
	assert_string_equal(scan(s, "Sayyaf was a commander in Afghanistan."), "");
	/* the word alone names another party, or a person (the rare
	 * surname rule's, not the network) */
	assert_string_equal(scan(s, "Hizballah fighters crossed the border."), "2@0-9/1");
	assert_string_equal(scan(s, "Haqqani said nothing."), "5@0-7/3");
	/* a bank's own word */
	assert_string_equal(scan(s, "Arian said nothing."), "");
	vg__scanner_free(s);
}

/* German writes a name's genitive with a bare s, after the noun it
 * belongs to or before it ("die Entfernung Nasrallahs", "seit Nasrallahs
 * Tod mehrfach": gauljournal.com, kurier.at, 2024): no plural, which
 * would say the name is a family's or a people's and stop the family name
 * alone from referring back ("Die Nasrallahs sind ..." still does). */
static const nm genitive_names[] = {
	{ 0, VG_SCHEMA_PERSON, "NASRALLAH, Hassan" },
};

static void test_rules_german_genitive_not_plural(void **state)
{
	vg__scanner *s = dict_of(genitive_names, sizeof(genitive_names) / sizeof(genitive_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Scheich Hassan Nasrallah wurde getötet. Darüber hinaus "
				    "offenbarte die Entfernung Nasrallahs die Schwäche der Gruppe. "
				    "Infolge des Angriffs starb Nasrallah selbst."),
			    "0@8-24/0 0@147-156/2");
	assert_string_equal(scan(s, "Hassan Nasrallah wurde getötet. Qassem hatte seit "
				    "Nasrallahs Tod mehrfach Reden gehalten. Nasrallah war wichtig."),
			    "0@0-16/0 0@91-100/2");
	assert_string_equal(scan(s, "Hassan Nasrallah wurde getötet. Die Nasrallahs sind eine "
				    "Familie. Nasrallah war wichtig."),
			    "0@0-16/0");
	vg__scanner_free(s);
}

/* German writes the j, ch, sh and kh of any foreign name dsch, tsch, sch
 * and ch, French its sh ch, people's names too ("Baschar al-Assad", "Dschalaluddin
 * Haqqani", "Bachar el-Assad"), while
 * its s for a voiced z stays for organisations ("Fernandes" is not
 * FERNANDEZ).  Sentences after German news reports (ZDF, nd) of 2021-24. */
static const nm respelt_names[] = {
	{ 0, VG_SCHEMA_PERSON, "AL-ASSAD, Bashar" },
	{ 1, VG_SCHEMA_PERSON, "HAQQANI, Jalaluddin" },
	{ 2, VG_SCHEMA_PERSON, "FERNANDEZ, Juan" },
	{ 3, VG_SCHEMA_PERSON, "MISHAAL, Khalid" },
	{ 4, VG_SCHEMA_PERSON, "KHODORKOVSKY, Mikhail" },
	{ 5, VG_SCHEMA_PERSON, "BIN LADEN, Osama" },
	{ 6, VG_SCHEMA_ORGANIZATION, "AL-QAIDA" },
};

static void test_rules_german_persons(void **state)
{
	vg__scanner *s = dict_of(respelt_names, sizeof(respelt_names) / sizeof(respelt_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Fast ein Vierteljahrhundert hat Baschar al-Assad in "
				    "Syrien geherrscht."),
			    "0@32-48/0");
	assert_string_equal(scan(s, "Sein Vater war Dschalaluddin Haqqani, ein Paschtune."),
			    "1@15-36/0");
	assert_string_equal(scan(s, "Der Trainer Juan Fernandes sprach."), "");
	/* ... and kh ch, where no listed word is spelt with sh instead
	 * (de.wikipedia: "Chalid Maschal", "Michail Chodorkowski") */
	assert_string_equal(scan(s, "Politbürochef Chalid Mischaal sprach in Doha."), "3@15-30/0");
	assert_string_equal(scan(s, "Der frühere Oligarch Michail Chodorkowski lebt in London."),
			    "4@22-42/0");
	/* French writes sh ch (francetvinfo.fr, 2024) */
	assert_string_equal(scan(s, "Il comptait parmi ses alliés le président syrien "
				    "Bachar el-Assad."),
			    "0@51-66/0");
	vg__scanner_free(s);
}

/* A family name hyphenated to a word of kinship ("die Rotenberg-Brüder")
 * refers back to the family's member the text named, the kinship word no
 * capitalised neighbour; and the genitive s of a person's name inside his
 * mention ("Arkadi Rotenbergs erste Unternehmen") is no plural of a
 * family (de.wikipedia, Arkadi Rotenberg). */
static const nm rotenberg_names[] = {
	{ 0, VG_SCHEMA_PERSON, "ROTENBERG, Arkady" },
	{ 1, VG_SCHEMA_PERSON, "ROTENBERG, Boris" },
};

static void test_rules_family_compound(void **state)
{
	vg__scanner *s = dict_of(rotenberg_names,
				 sizeof(rotenberg_names) / sizeof(rotenberg_names[0]), "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Arkadi Rotenbergs erste Firma wuchs. Die Rotenberg-Brüder "
				    "gründeten eine Bank. Rotenberg wurde Vorsitzender."),
			    "0@0-17/0 0@41-50/2 0@81-90/2");
	vg__scanner_free(s);
}

/* A capitalised word of five letters listed as written, alone too
 * ("Qaeda" of AL QAEDA), is another spelling of a word of longer names
 * with a vowel for a vowel ("al-Qaeda en Iraq", es.wikipedia: AL-QAIDA IN
 * IRAQ). */
static const nm qaeda_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "AL QAEDA" },
	{ 1, VG_SCHEMA_ORGANIZATION, "AL-QAIDA IN IRAQ" },
	{ 2, VG_SCHEMA_ORGANIZATION, "AL-QAIDA IN THE ARABIAN PENINSULA" },
};

static void test_rules_short_word_spelt_otherwise(void **state)
{
	vg__scanner *s = dict_of(qaeda_names, sizeof(qaeda_names) / sizeof(qaeda_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "La bandera de al-Qaeda en Iraq fue usada."), "1@14-30/0");
	assert_string_equal(scan(s, "The group Al-Qaeda in the Arabian Peninsula attacked."),
			    "2@10-43/0");
	vg__scanner_free(s);
}

/* A family name that ends like a father's name ("YANUKOVYCH, Viktor
 * Fedorovych": the lists write it before the comma) is the family name,
 * in that name and in the list's other ("Viktor Fedorovych YANUKOVYCH");
 * French writes Russian names its own way: ou, tch, j, gu for u, ch, zh,
 * g ("Viktor Ianoukovytch": fr.wikipedia). */
static const nm russian_names[] = {
	{ 0, VG_SCHEMA_PERSON, "YANUKOVYCH, Viktor Fedorovych" },
	{ 0, VG_SCHEMA_PERSON, "Viktor Fedorovych YANUKOVYCH" },
};

static void test_rules_russian_names(void **state)
{
	vg__scanner *s = dict_of(russian_names, sizeof(russian_names) / sizeof(russian_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Viktor Yanukovych fled to Russia in 2014."), "0@0-17/0");
	assert_string_equal(scan(s, "Le président Viktor Ianoukovytch a fui en Russie."), "0@14-33/0");
	vg__scanner_free(s);
}

/* German's genitive s on a name's last word after a particle hyphenated
 * to it or in lower case ("Baschar al-Assads", de.wikipedia: "gegen die
 * Regierung Baschar al-Assads"); a plural after a particle is no genitive of a listed
 * name's word. */
static void test_rules_german_genitive_particle(void **state)
{
	vg__scanner *s = dict_of(respelt_names, sizeof(respelt_names) / sizeof(respelt_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Sie kämpfte gegen die Regierung Bashar al-Assads."),
			    "0@33-49/0");
	assert_string_equal(scan(s, "Sie kämpfte gegen die Regierung Baschar al-Assads."),
			    "0@33-50/0");
	assert_string_equal(scan(s, "Die Kämpfer der al-Assads zogen ab."), "");
	/* ... after a particle in lower case, or right after one that
	 * starts the name (de-24, de-25 of tests/corpus: the Rewards for
	 * Justice page, UN resolution 2368) */
	assert_string_equal(scan(s, "Die Festnahme Osama bin Ladens war das Ziel."), "5@14-30/0");
	assert_string_equal(scan(s, "Die Sanktionen gegen Mitglieder des ISIL, Al-Qaidas und "
				    "verbundener Personen."),
			    "6@42-51/1");
	vg__scanner_free(s);
}

/* A word the lists hold as written in a name ("Hezbollah" of KATA'IB
 * HEZBOLLAH) starting a sentence is a name's, though its capital says
 * nothing there: "Hezbollah said" is HIZBALLAH spelt otherwise (English
 * news of 2024: "Hezbollah launches dozens of rockets"); a word no name
 * holds so stays weak there ("Hizbolah said"). */
static const nm sentence_start_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "HIZBALLAH" },
	{ 1, VG_SCHEMA_ORGANIZATION, "KATA'IB HEZBOLLAH" },
};

static void test_rules_sentence_start_listed(void **state)
{
	vg__scanner *s = dict_of(sentence_start_names,
				 sizeof(sentence_start_names) / sizeof(sentence_start_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Hezbollah launches dozens of rockets at northern Israel."),
			    "0@0-9/1");
	assert_string_equal(scan(s, "Hizbolah launches dozens of rockets."), "");
	vg__scanner_free(s);
}

/* Words for a group in Russian, Bulgarian and Arabic (data/
 * scan_translations.txt): the lists' GROUP of a body's name. */
static const nm group_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "ABU SAYYAF GROUP" },
	{ 1, VG_SCHEMA_PERSON, "BIN LADEN, Usama" },
	{ 2, VG_SCHEMA_PERSON, "ALSAMI, Ali" },
};

static void test_rules_group_words(void **state)
{
	vg__scanner *s = dict_of(group_names, sizeof(group_names) / sizeof(group_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Бойцы группировки Абу Сайяф похитили туристов."),
			    "0@11-51/0");
	assert_string_equal(scan(s, "وتعد جماعة أبو سياف من أخطر"), "0@9-35/0");
	vg__scanner_free(s);
}

/* Arabic: a preposition written onto a person's name ("لأسامة", for
 * Usama) where the word as written has another listed word's skeleton
 * (lsm, ALSAMI) it does not spell; and an Arabic word refers back to a
 * family name only ("اسم", a name, is no Usama). */
static void test_rules_arabic_name_clitic(void **state)
{
	vg__scanner *s = dict_of(group_names, sizeof(group_names) / sizeof(group_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "قال أسامة بن لادن إن اسم الجماعة تغير"), "1@7-31/0");
	assert_string_equal(scan(s, "وكان مساعدا لأسامة بن لادن في أفغانستان"), "1@22-48/0");
	vg__scanner_free(s);
}

/* Arabic: a name's chain of forebears that the list cuts short, with a
 * compound ("عبد الكريم") in it; not across a clitic "and". */
static const nm nasab_names[] = {
	{ 0, VG_SCHEMA_PERSON, "أيمن محمد ربيع الظواهري" },
	{ 1, VG_SCHEMA_PERSON, "Mustafa Hamid" },
	{ 2, VG_SCHEMA_PERSON, "Karim Said" },
};

static void test_rules_arabic_forebears(void **state)
{
	vg__scanner *s = dict_of(nasab_names, sizeof(nasab_names) / sizeof(nasab_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "أيمن محمد ربيع مصطفى عبد الكريم الظواهري (مواليد 1951)"),
			    "0@0-74/0");
	/* four words between are another person's name */
	assert_string_equal(scan(s, "أيمن محمد ربيع مصطفى كريم مصطفى كريم الظواهري"), "");
	vg__scanner_free(s);
}

static void test_scan_json(void **state)
{
	const char *text = "The Russian House in Baku, a branch of Rossotrudnichestvo.";
	char *path = example_index();
	vg_index *ix = NULL;
	vg_scanner *m = NULL, *m2 = (vg_scanner *)&ix;
	vg_buf out = VG_BUF_INIT;
	vg_scan_options o = VG_SCAN_OPTIONS_INIT;
	(void)state;
	assert_int_equal(vg_index_open(&ix, path), 0);
	assert_int_equal(vg_scanner_new(&m, ix), 0);
	assert_int_equal(vg_scan_json(m, text, strlen(text), &o, &out), 0);
	assert_non_null(strstr(out.ptr, "{\"mentions\": [{\"start\": 4, \"end\": 25, "));
	assert_non_null(strstr(out.ptr, "\"id\": \"ex-russian-house-baku\""));
	assert_non_null(strstr(out.ptr, "\"relation\": \"branch of\", \"direction\": \"out\""));
	assert_non_null(strstr(out.ptr, "\"authority\": \"European Union\""));
	/* a second call on the same scanner gives the same document */
	{
		vg_buf again = VG_BUF_INIT;
		assert_int_equal(vg_scan_json(m, text, strlen(text), &o, &again), 0);
		assert_string_equal(out.ptr, again.ptr);
		vg_buf_dispose(&again);
	}
	/* bad input leaves the output as it was */
	vg_buf_clear(&out);
	vg_buf_puts(&out, "keep");
	assert_int_equal(vg_scan_json(m, "a\xff", 2, &o, &out), VG_EDATA);
	assert_string_equal(out.ptr, "keep");
	o.version = 99;
	assert_int_equal(vg_scan_json(m, "a", 1, &o, &out), VG_EUSAGE);
	assert_int_equal(vg_scan_json(NULL, "a", 1, NULL, &out), VG_EUSAGE);
	assert_int_equal(vg_scanner_new(&m2, NULL), VG_EUSAGE);
	assert_null(m2);
	/* options of version 1 (no time limit) are still taken */
	o.version = 1;
	vg_buf_clear(&out);
	assert_int_equal(vg_scan_json(m, text, strlen(text), &o, &out), 0);
	assert_non_null(strstr(out.ptr, "ex-russian-house-baku"));
	/* a time limit stops a long text inside the scan, leaving the output
	 * as it was (4 MB take tens of milliseconds; the limit is 10 us) */
	{
		size_t big = (size_t)4 << 20, k;
		char *t = malloc(big);
		const char *w = "Rossotrudnichestvo House Baku branch Russian ";
		assert_non_null(t);
		for (k = 0; k < big; k++)
			t[k] = w[k % strlen(w)];
		o = (vg_scan_options)VG_SCAN_OPTIONS_INIT;
		o.time_limit_ms = 0.01;
		vg_buf_clear(&out);
		vg_buf_puts(&out, "keep");
		assert_int_equal(vg_scan_json(m, t, big, &o, &out), VG_ETIMEOUT);
		assert_string_equal(out.ptr, "keep");
		assert_non_null(strstr(vg_error_last()->message, "time limit"));
		free(t);
	}
	vg_buf_dispose(&out);
	vg_scanner_free(m);
	vg_index_free(ix);
	unlink(path);
}

/* A capitalised organisation word before a listed name makes a longer,
 * other name where the text writes such words in lower case elsewhere
 * ("le Front Ansar Dine" beside "le groupe"); in German, which
 * capitalises every noun, it is the body's kind ("die Gruppe Ansar
 * Dine").  A possessive's noun is what the phrase names ("al-Qaida's
 * envoy in Syria" is no AL-QAIDA IN SYRIA). */
static const nm other_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "ANSAR DINE" },
	{ 1, VG_SCHEMA_ORGANIZATION, "AL-QAIDA IN SYRIA" },
	{ 2, VG_SCHEMA_ORGANIZATION, "AL QAIDA" },
};

static void test_rules_longer_other_name(void **state)
{
	vg__scanner *s = dict_of(other_names, sizeof(other_names) / sizeof(other_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Le groupe Ansar Dine a disparu."), "0@10-20/0");
	assert_string_equal(scan(s, "Ce groupe a rejoint le Front Ansar Dine."), "");
	assert_string_equal(scan(s, "Dann griff die Gruppe Ansar Dine an."), "0@22-32/0");
	vg__scanner_free(s);
}

static void test_rules_possessive_noun(void **state)
{
	vg__scanner *s = dict_of(other_names, sizeof(other_names) / sizeof(other_names[0]),
				 "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "He was al-Qaida's envoy in Syria."), "");
	assert_string_equal(scan(s, "He joined al-Qaida in Syria."), "1@10-27/0");
	vg__scanner_free(s);
}

/* A company's name said only by the city at its end is the city, in
 * Russian case forms too ("в Санкт-Петербурге"). */
static const nm city_tail_names[] = {
	{ 0, VG_SCHEMA_COMPANY, "NEVA STROI SANKT-PETERBURG" },
};

static void test_rules_cyrillic_place_phrase(void **state)
{
	vg__scanner *s = dict_of(city_tail_names,
				 sizeof(city_tail_names) / sizeof(city_tail_names[0]), "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Офис находится в Санкт-Петербурге."), "");
	assert_string_equal(scan(s, "Штаб-квартира Санкт-Петербург"), "");
	assert_string_equal(scan(s, "Компания Нева Строй Санкт-Петербург."), "0@17-66/0");
	vg__scanner_free(s);
}

/* A listed person's family name after a word for a town or village names
 * the place ("she grew up in the village of Tarkhanov"), after his full
 * name as well as alone. */
static const nm settlement_names[] = {
	{ 0, VG_SCHEMA_PERSON, "TARKHANOV, Ruslan" },
};

static void test_rules_settlement_name(void **state)
{
	vg__scanner *s = dict_of(settlement_names,
				 sizeof(settlement_names) / sizeof(settlement_names[0]), "Ivan",
				 "Petr");
	(void)state;
	assert_string_equal(scan(s, "Ruslan Tarkhanov was born there. He grew up in the village "
				    "of Tarkhanov. Tarkhanov left."),
			    "0@0-16/0 0@73-82/2");
	assert_string_equal(scan(s, "Ruslan Tarkhanov nació. Vive en el pueblo de Tarkhanov."),
			    "0@0-16/0");
	vg__scanner_free(s);
}

/* A frequent family name and a common given name, alone, name a listed
 * person only where the list writes them so, whole, as the person's own
 * name: not where the family name is only another name of the person's,
 * nor where a given name is left out (a father's name may be). */
static const nm namesake_names[] = {
	{ 0, VG_SCHEMA_PERSON, "OSETROVA, Maria Aleksandrovna" },
	{ 0, VG_SCHEMA_PERSON, "ZAKHAROVA, Maria" },
	{ 1, VG_SCHEMA_PERSON, "AL-UBAYDI, Khalid Sa'id Ghabish" },
	{ 2, VG_SCHEMA_PERSON, "PETROV, Oleg Ivanovich" },
};

static void test_rules_common_full_name(void **state)
{
	vg__scanner *s = dict_of(namesake_names,
				 sizeof(namesake_names) / sizeof(namesake_names[0]), "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "Maria Zakharova spoke."), "");
	assert_string_equal(scan(s, "Maria Osetrova, born Maria Zakharova, spoke."),
			    "0@0-14/0 0@21-36/0");
	assert_string_equal(scan(s, "The minister Khalid al-Ubaydi spoke."), "");
	assert_string_equal(scan(s, "Khalid Sa'id Ghabish al-Ubaydi left. Khalid al-Ubaydi spoke."),
			    "1@0-30/0 1@37-53/0");
	assert_string_equal(scan(s, "Oleg Petrov spoke."), "2@0-11/0");
	vg__scanner_free(s);
}

/* An organisation's name after a capitalised word for a school or an
 * academy and "of" is the name of that institution. */
static const nm institution_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "FEDERAL SECURITY SERVICE" },
};

static void test_rules_institution_of(void **state)
{
	vg__scanner *s = dict_of(institution_names,
				 sizeof(institution_names) / sizeof(institution_names[0]), "Ivan",
				 "Petr");
	(void)state;
	assert_string_equal(scan(s, "He studied at the Academy of the Federal Security Service."), "");
	assert_string_equal(scan(s, "He joined the Federal Security Service."), "0@14-38/0");
	vg__scanner_free(s);
}

/* The short form a text goes on to use for a body (its rarest word) is
 * no mention at the end of a longer capitalised name: the man the body
 * is named after. */
static const nm short_form_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "LIWA ZAHRANI KHOR" },
	{ 1, VG_SCHEMA_ORGANIZATION, "KHOR LIWA TRADING" },
};

static void test_rules_short_form_in_longer_name(void **state)
{
	vg__scanner *s = dict_of(short_form_names,
				 sizeof(short_form_names) / sizeof(short_form_names[0]), "Ivan",
				 "Petr");
	(void)state;
	assert_string_equal(scan(s, "Liwa Zahrani Khor fought. Then Zahrani left. It is named after "
				    "Hamid Zahrani."),
			    "0@0-17/0 0@31-38/4");
	vg__scanner_free(s);
}

/* A body's one word before a particle is the head of a longer name
 * ("Ansaru des Forces Unies"), but not where the capitalised words after
 * the particle are the whole name of another listed body: the text names
 * both ("Ansaru von Boko Haram", split from it). */
static const nm beside_body_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "ANSARU" },
	{ 1, VG_SCHEMA_ORGANIZATION, "BOKO HARAM" },
};

static void test_rules_one_word_beside_body(void **state)
{
	vg__scanner *s = dict_of(beside_body_names,
				 sizeof(beside_body_names) / sizeof(beside_body_names[0]), "Ivan",
				 "Petr");
	(void)state;
	assert_string_equal(scan(s, "Damals trennte sich Ansaru von Boko Haram."),
			    "0@20-26/1 1@31-41/0");
	assert_string_equal(scan(s, "In 2012 Ansaru of Boko Haram fame left."), "0@8-14/1 1@18-28/0");
	/* other capitalised words: a longer name Ansaru heads */
	assert_string_equal(scan(s, "Hier, Ansaru des Forces Unies a parlé."), "");
	assert_string_equal(scan(s, "Damals trennte sich Ansaru von Boko Haram Kano."), "1@31-41/0");
	vg__scanner_free(s);
}

/* A body's short form beside a word for a family, clan or tribe names
 * the kin the body is named after ("la familia Haqqani"), as it names no
 * one person of them. */
static const nm kin_group_names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "HAQQANI NETWORK" },
};

static void test_rules_short_form_kin_group(void **state)
{
	vg__scanner *s = dict_of(kin_group_names,
				 sizeof(kin_group_names) / sizeof(kin_group_names[0]), "Ivan", "Petr");
	(void)state;
	assert_string_equal(scan(s, "La red Haqqani atacó. Haqqani negó todo."),
			    "0@3-14/0 0@23-30/1");
	assert_string_equal(scan(s, "La red Haqqani atacó. La Familia Haqqani vive en Khost."),
			    "0@3-14/0");
	assert_string_equal(scan(s, "The Haqqani network struck. The Haqqani family denied it."),
			    "0@4-19/0");
	vg__scanner_free(s);
}

/* A line of a list or an infobox starts with a name, not a sentence: the
 * family name after its first word is another person's ("Children |\nRidha
 * Safieddine"), where after a full stop a word alone is capitalised as the
 * sentence's first. */
static const nm item_names[] = {
	{ 0, VG_SCHEMA_PERSON, "SAFIEDDINE, Hashem" },
};

static void test_rules_list_item_names(void **state)
{
	vg__scanner *s = dict_of(item_names, sizeof(item_names) / sizeof(item_names[0]), "Ivan",
				 "Petr");
	(void)state;
	assert_string_equal(scan(s, "Hashem Safieddine leads.\nChildren |\nRidha Safieddine |\n"
				    "Safieddine spoke."),
			    "0@0-17/0 0@55-65/2");
	assert_string_equal(scan(s, "Hashem Safieddine leads.\nRidha Safieddine spoke."),
			    "0@0-17/0 0@31-41/2");
	vg__scanner_free(s);
}

/* A word for a kind of body in the plural, said once for the names in a
 * row after it, is each one's ("die Banken Melli und Saderat"), places
 * left unsaid; not in the singular, nor for a word that is no such body's
 * name. */
static const nm row_names[] = {
	{ 0, VG_SCHEMA_COMPANY, "BANK MELLI IRAN" },
	{ 1, VG_SCHEMA_COMPANY, "BANK SADERAT IRAN" },
	{ 2, VG_SCHEMA_COMPANY, "BANK MELLAT" },
	{ 3, VG_SCHEMA_COMPANY, "SADERAT TRADING COMPANY" },
};

static void test_rules_shared_head(void **state)
{
	vg__scanner *s = dict_of(row_names, sizeof(row_names) / sizeof(row_names[0]), "Ivan",
				 "Petr");
	(void)state;
	assert_string_equal(scan(s, "Die Banken Melli und Saderat sind gelistet."),
			    "0@4-16/0 1@21-28/0");
	assert_string_equal(scan(s, "Les banques Mellat, Melli et Saderat sont visées."),
			    "2@4-18/0 0@20-25/0 1@29-36/0");
	/* one bank, then another word */
	assert_string_equal(scan(s, "Die Bank Melli und Saderat sind gelistet."), "0@4-14/0");
	/* no bank of that word, or a place */
	assert_string_equal(scan(s, "Die Banken Melli und Siemens sind gelistet."), "0@4-16/0");
	assert_string_equal(scan(s, "Die Banken Melli und Russland sind gelistet."), "0@4-16/0");
	vg__scanner_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_sorted),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_tokens_scripts),
		cmocka_unit_test(test_tokens_bad_input),
		cmocka_unit_test(test_tokens_html),
		cmocka_unit_test(test_loose_key),
		cmocka_unit_test(test_rules_full_and_single),
		cmocka_unit_test(test_rules_precision),
		cmocka_unit_test(test_rules_surnames),
		cmocka_unit_test(test_rules_scripts),
		cmocka_unit_test(test_rules_arabic),
		cmocka_unit_test(test_rules_arabic_words),
		cmocka_unit_test(test_rules_arabic_given_names),
		cmocka_unit_test(test_rules_persian_v),
		cmocka_unit_test(test_rules_arabic_vowel_marks),
		cmocka_unit_test(test_rules_arabic_definite),
		cmocka_unit_test(test_rules_arabic_construct),
		cmocka_unit_test(test_rules_arabic_nisba),
		cmocka_unit_test(test_rules_arabic_phrases),
		cmocka_unit_test(test_rules_arabic_unit),
		cmocka_unit_test(test_rules_longer_names),
		cmocka_unit_test(test_rules_places_initials),
		cmocka_unit_test(test_rules_particles),
		cmocka_unit_test(test_rules_named_within),
		cmocka_unit_test(test_rules_kind_unsaid),
		cmocka_unit_test(test_rules_kind_first_unsaid),
		cmocka_unit_test(test_rules_arabic_alef),
		cmocka_unit_test(test_rules_arabic_adjective),
		cmocka_unit_test(test_rules_arabic_ayn_word),
		cmocka_unit_test(test_rules_arabic_nisba_place),
		cmocka_unit_test(test_rules_arabic_clitic_translated),
		cmocka_unit_test(test_rules_arabic_given_before_surname),
		cmocka_unit_test(test_rules_arabic_translated_place),
		cmocka_unit_test(test_rules_arabic_translated_gspc),
		cmocka_unit_test(test_rules_text_initials),
		cmocka_unit_test(test_rules_din_joined),
		cmocka_unit_test(test_rules_hungarian),
		cmocka_unit_test(test_rules_written_as_named),
		cmocka_unit_test(test_rules_branch_in),
		cmocka_unit_test(test_rules_spelt_org),
		cmocka_unit_test(test_rules_latin_construct),
		cmocka_unit_test(test_rules_branch_suffix),
		cmocka_unit_test(test_rules_branch_suffix_words),
		cmocka_unit_test(test_rules_province_owner),
		cmocka_unit_test(test_rules_branch_by_other_name),
		cmocka_unit_test(test_rules_short_folded),
		cmocka_unit_test(test_rules_arabic_bodies),
		cmocka_unit_test(test_rules_assimilated_article),
		cmocka_unit_test(test_rules_variants),
		cmocka_unit_test(test_rules_annotations),
		cmocka_unit_test(test_rules_gaps),
		cmocka_unit_test(test_rules_plain_words),
		cmocka_unit_test(test_rules_cyrillic_acronyms),
		cmocka_unit_test(test_rules_arabic_spellings),
		cmocka_unit_test(test_rules_enumerations),
		cmocka_unit_test(test_rules_articles),
		cmocka_unit_test(test_rules_spellings),
		cmocka_unit_test(test_rules_short_spellings),
		cmocka_unit_test(test_rules_bracket_initials),
		cmocka_unit_test(test_rules_possessive),
		cmocka_unit_test(test_rules_german),
		cmocka_unit_test(test_rules_translated_particles),
		cmocka_unit_test(test_rules_korean),
		cmocka_unit_test(test_rules_chinese),
		cmocka_unit_test(test_rules_brands),
		cmocka_unit_test(test_rules_cyrillic),
		cmocka_unit_test(test_rules_bulgarian_translations),
		cmocka_unit_test(test_rules_cyrillic_translations),
		cmocka_unit_test(test_rules_korean_cyrillic),
		cmocka_unit_test(test_rules_case_forms_first),
		cmocka_unit_test(test_rules_chinese_surname),
		cmocka_unit_test(test_rules_title_spellings),
		cmocka_unit_test(test_rules_capitals_end),
		cmocka_unit_test(test_rules_cyrillic_w),
		cmocka_unit_test(test_rules_cyrillic_th),
		cmocka_unit_test(test_rules_ukrainian_ye),
		cmocka_unit_test(test_rules_group_members),
		cmocka_unit_test(test_rules_org_word_adjective),
		cmocka_unit_test(test_rules_names_side_by_side),
		cmocka_unit_test(test_rules_translated_org_words),
		cmocka_unit_test(test_rules_kindless),
		cmocka_unit_test(test_rules_arabic_by_country),
		cmocka_unit_test(test_rules_german_genitive_not_plural),
		cmocka_unit_test(test_rules_german_persons),
		cmocka_unit_test(test_rules_russian_names),
		cmocka_unit_test(test_rules_short_word_spelt_otherwise),
		cmocka_unit_test(test_rules_family_compound),
		cmocka_unit_test(test_rules_german_genitive_particle),
		cmocka_unit_test(test_rules_sentence_start_listed),
		cmocka_unit_test(test_rules_group_words),
		cmocka_unit_test(test_rules_arabic_name_clitic),
		cmocka_unit_test(test_rules_arabic_forebears),
		cmocka_unit_test(test_rules_relatives),
		cmocka_unit_test(test_rules_titled_surname),
		cmocka_unit_test(test_rules_given_and_byname),
		cmocka_unit_test(test_rules_weak_alias_phrase),
		cmocka_unit_test(test_rules_acronym_suffix),
		cmocka_unit_test(test_rules_surname_of_group),
		cmocka_unit_test(test_rules_title_no_spelling),
		cmocka_unit_test(test_rules_common_pair),
		cmocka_unit_test(test_rules_real_estate),
		cmocka_unit_test(test_rules_longer_other_name),
		cmocka_unit_test(test_rules_possessive_noun),
		cmocka_unit_test(test_rules_short_form_in_longer_name),
		cmocka_unit_test(test_rules_one_word_beside_body),
		cmocka_unit_test(test_rules_short_form_kin_group),
		cmocka_unit_test(test_rules_shared_head),
		cmocka_unit_test(test_rules_list_item_names),
		cmocka_unit_test(test_rules_cyrillic_place_phrase),
		cmocka_unit_test(test_rules_settlement_name),
		cmocka_unit_test(test_rules_common_full_name),
		cmocka_unit_test(test_rules_institution_of),
		cmocka_unit_test(test_scan_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
