/*
 * test_scan_han.c - Chinese running text: foreign names written in
 * syllables (tokens.c, scan.c zh_spells), words of organisation names
 * (data/scan_chinese.txt), and the ordinary prose neither may be read
 * into, on a small dictionary of Latin names made by hand and sentences
 * written for these tests.
 */
#include "scan_dict.h"

static const nm names[] = {
	{ 0, VG_SCHEMA_ORGANIZATION, "HAMAS" },
	{ 1, VG_SCHEMA_ORGANIZATION, "TALIBAN" },
	{ 2, VG_SCHEMA_ORGANIZATION, "HIZBALLAH" },
	{ 5, VG_SCHEMA_ORGANIZATION, "BASIJ" },
	{ 6, VG_SCHEMA_ORGANIZATION, "EXIAR" },
	{ 8, VG_SCHEMA_ORGANIZATION, "东方海运公司" },
	{ 9, VG_SCHEMA_PERSON, "ZAWAHIRI, Ayman" },
	{ 10, VG_SCHEMA_ORGANIZATION, "IRANIAN COMMITTEE FOR THE RECONSTRUCTION OF LEBANON" },
	{ 11, VG_SCHEMA_ORGANIZATION, "ISLAMIC STATE" },
	{ 12, VG_SCHEMA_ORGANIZATION, "SALTY" },
	{ 13, VG_SCHEMA_ORGANIZATION, "QUDS FORCE" },
	{ 14, VG_SCHEMA_ORGANIZATION, "AL-QUDS BRIGADES" },
	{ 15, VG_SCHEMA_ORGANIZATION, "BOKO HARAM" },
	{ 16, VG_SCHEMA_PERSON, "HANIYEH, Ismail" },
	{ 17, VG_SCHEMA_PERSON, "AL-JAWLANI, Abu Muhammad" },
	{ 18, VG_SCHEMA_ORGANIZATION, "AL-QAIDA IN THE ISLAMIC MAGHREB" },
	{ 19, VG_SCHEMA_ORGANIZATION, "AL-QAIDA" },
	{ 21, VG_SCHEMA_PERSON, "BUKA, Flora" },
	{ 22, VG_SCHEMA_PERSON, "PATRUSHEV, Nikolai" },
	{ 23, VG_SCHEMA_PERSON, "NOGUERA PIETRI, Justo Jose" },
	{ 24, VG_SCHEMA_PERSON, "KALASHOV, Zakhar" },
	{ 25, VG_SCHEMA_ORGANIZATION, "SHOGA" },
	{ 26, VG_SCHEMA_PERSON, "PECHEGIN, Andrey" },
	{ 27, VG_SCHEMA_ORGANIZATION, "KOREAN PEOPLE'S ARMY" },
	{ 28, VG_SCHEMA_ORGANIZATION, "XINJIANG PRODUCTION AND CONSTRUCTION CORPS" },
	{ 29, VG_SCHEMA_PERSON, "KIM, Jong Un" },
	{ 30, VG_SCHEMA_PERSON, "CHOE, Ryong Hae" },
	{ 31, VG_SCHEMA_PERSON, "KIM, Young" },
	{ 32, VG_SCHEMA_ORGANIZATION, "ISLAMIC JIHAD ORGANIZATION" },
	{ 33, VG_SCHEMA_ORGANIZATION, "EGYPTIAN ISLAMIC JIHAD" },
	{ 34, VG_SCHEMA_ORGANIZATION, "ABU NIDAL ORGANIZATION" },
	{ 35, VG_SCHEMA_ORGANIZATION, "JUNDALLAH ORGANIZATION" },
};

static vg__scanner *dict(void)
{
	return dict_of(names, sizeof(names) / sizeof(names[0]), NULL, NULL);
}

/* The entities found in text, with the characters of their mentions:
 * "entity:mention entity:mention". */
static const char *scan(const vg__scanner *s, const char *text)
{
	static char out[1024];
	vg__mention *m = NULL;
	size_t n = 0, i, used = 0;
	assert_int_equal(vg__scan(&m, &n, s, text, strlen(text), -1, false), 0);
	out[0] = '\0';
	for (i = 0; i < n; i++)
		used += (size_t)snprintf(out + used, sizeof(out) - used, "%s%u:%.*s", i ? " " : "",
					 m[i].entity, (int)(m[i].end - m[i].start),
					 text + m[i].start);
	free(m);
	return out;
}

static void test_transliterated(void **state)
{
	vg__scanner *s = dict();
	(void)state;
	/* ha ma si: HAMAS; ta li ban: TALIBAN; traditional characters too */
	assert_string_equal(scan(s, "据报道，哈马斯昨天发表声明。"), "0:哈马斯");
	assert_string_equal(scan(s, "塔利班控制了该地区。"), "1:塔利班");
	assert_string_equal(scan(s, "據報導，哈瑪斯昨天發表聲明。"), "0:哈瑪斯");
	vg__scanner_free(s);
}

/* Chinese names a foreign person by the syllables of the family name
 * alone, the usual short form (refer.c lone_surname): a rare family name
 * of one listed person so written is a weak mention of that person,
 * beside other ideographs as much as between dots. */
static void test_family_name_alone(void **state)
{
	vg__scanner *s = dict();
	(void)state;
	assert_string_equal(scan(s, "扎瓦希里昨天发表讲话。"), "9:扎瓦希里");
	assert_string_equal(scan(s, "通缉名单中首先是头目哈尼亚和扎瓦希里。"), "16:哈尼亚 9:扎瓦希里");
	vg__scanner_free(s);
}

/* Chinese writes the particle of an Arabic name (bin, abu) with or
 * without the dot before the name ("本·拉登", "本拉登"): glued, it is
 * read as a word of its own all the same, and the name after it, which
 * the particle says is a name, may be a shorter family name alone. */
static void test_glued_particle(void **state)
{
	static const char bin_ladin[] = "BIN LADIN, Usama";
	vg__scanner *s = NULL;
	size_t i;
	(void)state;
	/* the names above and an Arabic name, as scan_json.c marks one */
	assert_int_equal(vg__scanner_new(&s), 0);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_int_equal(vg__scanner_add_name(s, names[i].entity, names[i].schema,
						      names[i].name, strlen(names[i].name), 0), 0);
	assert_int_equal(vg__scanner_add_name(s, 20, VG_SCHEMA_PERSON, bin_ladin,
					      strlen(bin_ladin), VG_SCAN_NAME_ARABIC), 0);
	assert_int_equal(vg__scanner_finish(s), 0);
	assert_string_equal(scan(s, "奥萨马·本拉登在巴基斯坦被打死。"), "20:奥萨马·本拉登");
	assert_string_equal(scan(s, "他说本拉登已经死了。"), "20:拉登");
	/* Taiwan writes the particle bin 宾 (賓) */
	assert_string_equal(scan(s, "奧薩瑪·賓拉登在巴基斯坦被打死。"), "20:奧薩瑪·賓拉登");
	/* ... an Arabic one: Abu Bakar (阿布巴卡) is no BUKA, Flora */
	assert_string_equal(scan(s, "他说阿布巴卡已经死了。"), "");
	/* 本 (this) before a word of two name characters is no particle */
	assert_string_equal(scan(s, "本赛季他打进了十个球。"), "");
	vg__scanner_free(s);
}

static void test_ordinary_prose(void **state)
{
	vg__scanner *s = dict();
	(void)state;
	/* ben sai ji, "this season", is not BASIJ: its letters are too far */
	assert_string_equal(scan(s, "本赛季他打进了十个球。"), "");
	/* a coach's name, si luo te, has the consonants of SALTY but not
	 * its letters */
	assert_string_equal(scan(s, "主教练斯洛特说，球队状态很好。"), "");
	/* inside a longer foreign name (a minister, Alok Sharma) */
	assert_string_equal(scan(s, "大臣阿洛克夏尔马说，会议将在秋季召开。"), "");
	vg__scanner_free(s);
}

/* Foreign people's names parted by dots: Chinese adds a vowel to every
 * consonant (yi si mei er, Ismail), writes hi as xi (扎瓦希里, Zawahiri)
 * and an m before a labial as n (穆罕默德 mu han mo de, Muhammad). */
static void test_dotted_names(void **state)
{
	vg__scanner *s = dict();
	(void)state;
	assert_string_equal(scan(s, "艾曼·扎瓦希里在喀布尔被打死。"), "9:艾曼·扎瓦希里");
	assert_string_equal(scan(s, "伊斯梅尔·哈尼亚抵达开罗。"), "16:伊斯梅尔·哈尼亚");
	assert_string_equal(scan(s, "阿布·穆罕默德·朱拉尼说。"), "17:阿布·穆罕默德·朱拉尼");
	vg__scanner_free(s);
}

/* The letters Chinese syllables do not tell apart: a final -ov, -ev is
 * 夫 (fu); g k q are one, z j ch another (扎瓦希里 and 查瓦希里 are
 * ZAWAHIRI, 盖达 QAIDA); and the family name comes last in a foreign
 * name, so that the words before its dot are no family name alone, nor
 * any a body's one-word name. */
static void test_foreign_syllables(void **state)
{
	vg__scanner *s = dict();
	(void)state;
	assert_string_equal(scan(s, "前任尼古拉·帕特魯舍夫表示。"), "22:尼古拉·帕特魯舍夫");
	assert_string_equal(scan(s, "艾曼·查瓦希里在开罗出生。"), "9:艾曼·查瓦希里");
	assert_string_equal(scan(s, "他加入了蓋達組織。"), "19:蓋達");
	/* Nikolai before another family name; Karachi, no -ov; Shoigu, a
	 * family name after its dot; Putin, too far from PECHEGIN */
	assert_string_equal(scan(s, "尼古拉·叶利钦表示。"), "");
	assert_string_equal(scan(s, "他在卡拉奇被捕。"), "");
	assert_string_equal(scan(s, "谢尔盖·绍伊古表示。"), "");
	assert_string_equal(scan(s, "弗拉基米尔·普京表示。"), "");
	vg__scanner_free(s);
}

/* A text that ends with a foreign name is read no further than its last
 * byte when zh_dotted looks for a dot after the name: the text is a
 * buffer of its own length, not a C string (fuzz_scan found the read past
 * it under ASan). */
static void test_name_at_end(void **state)
{
	vg__scanner *s = dict();
	const char *text = "发表声明的是哈马斯";
	size_t len = strlen(text);
	char *own = malloc(len);
	vg__mention *m = NULL;
	size_t n = 0;
	(void)state;
	assert_non_null(own);
	memcpy(own, text, len);
	assert_int_equal(vg__scan(&m, &n, s, own, len, -1, false), 0);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].entity, 0);
	assert_int_equal(m[0].end, len);
	free(m);
	free(own);
	vg__scanner_free(s);
}

/* Chinese words of organisation names (data/scan_chinese.txt). */
static void test_translated_readings(void **state)
{
	vg__scanner *s = dict();
	(void)state;
	/* a country's name in Chinese is also its adjective: 伊朗 Iranian,
	 * 黎巴嫩 Lebanon, in the text's order (Iran rebuild Lebanon committee) */
	assert_string_equal(scan(s, "伊朗重建黎巴嫩委员会提供了资金。"), "10:伊朗重建黎巴嫩委员会");
	/* traditional characters are read as their simplified forms */
	assert_string_equal(scan(s, "他們支持「伊斯蘭國」的活動。"), "11:伊斯蘭國");
	vg__scanner_free(s);
}

/* A Chinese name translating every word of a listed one is that name
 * (伊斯兰国; an Islamic country is 伊斯兰国家), and names Chinese gives by
 * meaning (圣城旅, the Quds Force, although 旅 alone is a brigade;
 * 博科圣地, Boko Haram). */
static void test_whole_translations(void **state)
{
	vg__scanner *s = dict();
	(void)state;
	assert_string_equal(scan(s, "他说伊斯兰国宣布对袭击负责。"), "11:伊斯兰国");
	assert_string_equal(scan(s, "他们想建立一个伊斯兰国家。"), "");
	assert_string_equal(scan(s, "圣城旅指挥官在巴格达被杀。"), "13:圣城旅");
	assert_string_equal(scan(s, "博科圣地绑架了女学生。"), "15:博科圣地");
	/* a branch's place: the branch, not the body it is of */
	assert_string_equal(scan(s, "伊斯兰马格里布基地组织绑架人质。"), "18:伊斯兰马格里布基地");
	vg__scanner_free(s);
}

/* A body's name in Chinese words followed by the word of one of its
 * organs (data/scan_chinese.txt subunit:) names that organ, another
 * body: the Corps' party committee, the army's General Political
 * Bureau. */
static void test_organs(void **state)
{
	vg__scanner *s = dict();
	(void)state;
	assert_string_equal(scan(s, "他在朝鮮人民軍服役。"), "27:朝鮮人民軍");
	assert_string_equal(scan(s, "他任朝鮮人民軍總政治局局長。"), "");
	assert_string_equal(scan(s, "新疆生产建设兵团成立于1954年。"), "28:新疆生产建设兵团");
	assert_string_equal(scan(s, "中国共产党新疆生产建设兵团委员会"), "");
	vg__scanner_free(s);
}

static void test_listed_in_han(void **state)
{
	vg__scanner *s = dict();
	(void)state;
	/* a name listed in Chinese characters is still read character by
	 * character, although 公司 (company) is a word of the table */
	assert_string_equal(scan(s, "东方海运公司的船到港了。"), "8:东方海运公司");
	vg__scanner_free(s);
}

/* A Korean name in Chinese characters, family name first, is read as the
 * Hangul it stands for, in a text that names Korea, in either script and
 * in any spelling of a syllable (崔, 최, read choi: CHOE); only as the three
 * characters of a name (金永 of 金永南 is no KIM, Young), never across a
 * line, and no character alone names anyone. */
static void test_korean_names(void **state)
{
	vg__scanner *s = dict();
	(void)state;
	assert_string_equal(scan(s, "朝鲜领导人金正恩表示。"), "29:金正恩");
	assert_string_equal(scan(s, "北韓的崔龍海出席了会议。"), "30:崔龍海");
	assert_string_equal(scan(s, "朝鲜的金永南会见了代表团。"), "");
	assert_string_equal(scan(s, "朝鲜：海\n崔龍"), "");
	assert_string_equal(scan(s, "金正恩到达平壤。金在讲话中说。"), "29:金正恩");
	/* a text that does not name Korea reads no name as Korean */
	assert_string_equal(scan(s, "崔龍海出席了会议。"), "");
	vg__scanner_free(s);
}

/* A country's word before a body's name that another listed body's name
 * holds with it names that body (埃及伊斯兰圣战组织 is EGYPTIAN ISLAMIC
 * JIHAD, not ISLAMIC JIHAD ORGANIZATION). */
static void test_country_before_name(void **state)
{
	vg__scanner *s = dict();
	(void)state;
	assert_string_equal(scan(s, "他加入了埃及伊斯兰圣战组织。"), "33:埃及伊斯兰圣战");
	assert_string_equal(scan(s, "他加入了伊斯兰圣战组织。"), "32:伊斯兰圣战组织");
	vg__scanner_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transliterated),
		cmocka_unit_test(test_family_name_alone),
		cmocka_unit_test(test_glued_particle),
		cmocka_unit_test(test_ordinary_prose),
		cmocka_unit_test(test_translated_readings),
		cmocka_unit_test(test_dotted_names),
		cmocka_unit_test(test_foreign_syllables),
		cmocka_unit_test(test_name_at_end),
		cmocka_unit_test(test_whole_translations),
		cmocka_unit_test(test_organs),
		cmocka_unit_test(test_listed_in_han),
		cmocka_unit_test(test_korean_names),
		cmocka_unit_test(test_country_before_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
