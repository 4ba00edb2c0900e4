/*
 * country.c - country names, demonyms and codes as lists write them, to
 * ISO 3166-1 alpha-2 lowercase ("Iran (Islamic Republic of)" -> "ir").
 *
 * Invariant: lookups compare a normalised key (ASCII lowercased, every
 * other punctuation folded to one space, a leading "the " dropped) with
 * table entries written in that same normal form.  Historical and
 * disputed names map to the code lists use for them today.
 */
#include "sources/source.h"

#include <ctype.h>
#include <string.h>

typedef struct {
	const char *name;
	char code[3];
} country;

static const country table[] = {
	{ "afghanistan", "af" }, { "afghan", "af" },
	{ "aland islands", "ax" },
	{ "albania", "al" }, { "albanian", "al" },
	{ "algeria", "dz" }, { "algerian", "dz" },
	{ "american samoa", "as" },
	{ "andorra", "ad" },
	{ "angola", "ao" }, { "angolan", "ao" },
	{ "anguilla", "ai" },
	{ "antarctica", "aq" },
	{ "antigua and barbuda", "ag" },
	{ "argentina", "ar" }, { "argentine", "ar" }, { "argentinian", "ar" },
	{ "armenia", "am" }, { "armenian", "am" },
	{ "aruba", "aw" },
	{ "australia", "au" }, { "australian", "au" },
	{ "austria", "at" }, { "austrian", "at" },
	{ "azerbaijan", "az" }, { "azerbaijani", "az" },
	{ "bahamas", "bs" }, { "bahamas the", "bs" },
	{ "bahrain", "bh" }, { "bahraini", "bh" },
	{ "bangladesh", "bd" }, { "bangladeshi", "bd" },
	{ "barbados", "bb" },
	{ "belarus", "by" }, { "belarusian", "by" }, { "byelorussia", "by" },
	{ "belgium", "be" }, { "belgian", "be" },
	{ "belize", "bz" },
	{ "benin", "bj" },
	{ "bermuda", "bm" },
	{ "bhutan", "bt" },
	{ "bolivia", "bo" }, { "bolivia plurinational state of", "bo" },
	{ "bolivian", "bo" },
	{ "bonaire sint eustatius and saba", "bq" },
	{ "bosnia and herzegovina", "ba" }, { "bosnia herzegovina", "ba" },
	{ "bosnia", "ba" },
	{ "botswana", "bw" },
	{ "brazil", "br" }, { "brazilian", "br" },
	{ "british virgin islands", "vg" }, { "virgin islands british", "vg" },
	{ "brunei", "bn" }, { "brunei darussalam", "bn" },
	{ "bulgaria", "bg" }, { "bulgarian", "bg" },
	{ "burkina faso", "bf" },
	{ "burma", "mm" }, { "myanmar", "mm" }, { "burmese", "mm" },
	{ "burundi", "bi" },
	{ "cabo verde", "cv" }, { "cape verde", "cv" },
	{ "cambodia", "kh" }, { "cambodian", "kh" },
	{ "cameroon", "cm" },
	{ "canada", "ca" }, { "canadian", "ca" },
	{ "cayman islands", "ky" },
	{ "central african republic", "cf" },
	{ "chad", "td" },
	{ "chile", "cl" }, { "chilean", "cl" },
	{ "china", "cn" }, { "chinese", "cn" }, { "people s republic of china", "cn" },
	{ "peoples republic of china", "cn" },
	{ "colombia", "co" }, { "colombian", "co" },
	{ "comoros", "km" },
	{ "congo", "cg" }, { "republic of the congo", "cg" }, { "congo republic of the", "cg" },
	{ "congo brazzaville", "cg" },
	{ "democratic republic of the congo", "cd" }, { "congo democratic republic of the", "cd" },
	{ "congo the democratic republic of the", "cd" }, { "drc", "cd" },
	{ "congo kinshasa", "cd" }, { "zaire", "cd" },
	{ "cook islands", "ck" },
	{ "costa rica", "cr" },
	{ "cote d ivoire", "ci" }, { "cote divoire", "ci" }, { "ivory coast", "ci" },
	{ "c\xc3\xb4te d ivoire", "ci" },
	{ "croatia", "hr" }, { "croatian", "hr" },
	{ "cuba", "cu" }, { "cuban", "cu" },
	{ "curacao", "cw" }, { "cura\xc3\xa7" "ao", "cw" },
	{ "cyprus", "cy" }, { "cypriot", "cy" },
	{ "czech republic", "cz" }, { "czechia", "cz" }, { "czech", "cz" },
	{ "denmark", "dk" }, { "danish", "dk" },
	{ "djibouti", "dj" },
	{ "dominica", "dm" },
	{ "dominican republic", "do" },
	{ "ecuador", "ec" }, { "ecuadorian", "ec" },
	{ "egypt", "eg" }, { "egyptian", "eg" },
	{ "el salvador", "sv" },
	{ "equatorial guinea", "gq" },
	{ "eritrea", "er" }, { "eritrean", "er" },
	{ "estonia", "ee" }, { "estonian", "ee" },
	{ "eswatini", "sz" }, { "swaziland", "sz" },
	{ "ethiopia", "et" }, { "ethiopian", "et" },
	{ "falkland islands", "fk" },
	{ "faroe islands", "fo" },
	{ "fiji", "fj" },
	{ "finland", "fi" }, { "finnish", "fi" },
	{ "france", "fr" }, { "french", "fr" },
	{ "french guiana", "gf" },
	{ "french polynesia", "pf" },
	{ "gabon", "ga" },
	{ "gambia", "gm" },
	{ "gaza", "ps" }, { "gaza strip", "ps" }, { "west bank", "ps" },
	{ "palestine", "ps" }, { "palestinian", "ps" }, { "state of palestine", "ps" },
	{ "occupied palestinian territory", "ps" }, { "palestinian territories", "ps" },
	{ "palestinian territory occupied", "ps" },
	{ "georgia", "ge" }, { "georgian", "ge" },
	{ "germany", "de" }, { "german", "de" },
	{ "ghana", "gh" }, { "ghanaian", "gh" },
	{ "gibraltar", "gi" },
	{ "greece", "gr" }, { "greek", "gr" },
	{ "greenland", "gl" },
	{ "grenada", "gd" },
	{ "guadeloupe", "gp" },
	{ "guam", "gu" },
	{ "guatemala", "gt" }, { "guatemalan", "gt" },
	{ "guernsey", "gg" },
	{ "guinea", "gn" }, { "guinean", "gn" },
	{ "guinea bissau", "gw" },
	{ "guyana", "gy" },
	{ "haiti", "ht" }, { "haitian", "ht" },
	{ "holy see", "va" }, { "vatican", "va" }, { "vatican city", "va" },
	{ "honduras", "hn" }, { "honduran", "hn" },
	{ "hong kong", "hk" }, { "hong kong sar", "hk" }, { "hong kong china", "hk" },
	{ "china hong kong special administrative region", "hk" },
	{ "hong kong special administrative region", "hk" },
	{ "hungary", "hu" }, { "hungarian", "hu" },
	{ "iceland", "is" },
	{ "india", "in" }, { "indian", "in" },
	{ "indonesia", "id" }, { "indonesian", "id" },
	{ "iran", "ir" }, { "iran islamic republic of", "ir" },
	{ "islamic republic of iran", "ir" }, { "iranian", "ir" },
	{ "iraq", "iq" }, { "iraqi", "iq" },
	{ "ireland", "ie" }, { "irish", "ie" },
	{ "isle of man", "im" },
	{ "israel", "il" }, { "israeli", "il" },
	{ "italy", "it" }, { "italian", "it" },
	{ "jamaica", "jm" }, { "jamaican", "jm" },
	{ "japan", "jp" }, { "japanese", "jp" },
	{ "jersey", "je" },
	{ "jordan", "jo" }, { "jordanian", "jo" },
	{ "kazakhstan", "kz" }, { "kazakh", "kz" },
	{ "kenya", "ke" }, { "kenyan", "ke" },
	{ "kiribati", "ki" },
	{ "korea north", "kp" }, { "north korea", "kp" },
	{ "democratic people s republic of korea", "kp" },
	{ "democratic peoples republic of korea", "kp" },
	{ "korea democratic people s republic of", "kp" },
	{ "korea dem people s rep", "kp" }, { "dprk", "kp" }, { "north korean", "kp" },
	{ "korea south", "kr" }, { "south korea", "kr" }, { "republic of korea", "kr" },
	{ "korea republic of", "kr" }, { "south korean", "kr" }, { "korea", "kr" },
	{ "kosovo", "xk" },
	{ "kuwait", "kw" }, { "kuwaiti", "kw" },
	{ "kyrgyzstan", "kg" }, { "kyrgyz republic", "kg" }, { "kyrgyz", "kg" },
	{ "laos", "la" }, { "lao people s democratic republic", "la" },
	{ "lao peoples democratic republic", "la" }, { "lao", "la" },
	{ "latvia", "lv" }, { "latvian", "lv" },
	{ "lebanon", "lb" }, { "lebanese", "lb" },
	{ "lesotho", "ls" },
	{ "liberia", "lr" }, { "liberian", "lr" },
	{ "libya", "ly" }, { "libyan", "ly" }, { "libyan arab jamahiriya", "ly" },
	{ "liechtenstein", "li" },
	{ "lithuania", "lt" }, { "lithuanian", "lt" },
	{ "luxembourg", "lu" },
	{ "macau", "mo" }, { "macao", "mo" },
	{ "madagascar", "mg" },
	{ "malawi", "mw" },
	{ "malaysia", "my" }, { "malaysian", "my" },
	{ "maldives", "mv" },
	{ "mali", "ml" }, { "malian", "ml" },
	{ "malta", "mt" }, { "maltese", "mt" },
	{ "marshall islands", "mh" },
	{ "martinique", "mq" },
	{ "mauritania", "mr" }, { "mauritanian", "mr" },
	{ "mauritius", "mu" },
	{ "mayotte", "yt" },
	{ "mexico", "mx" }, { "mexican", "mx" },
	{ "micronesia", "fm" }, { "micronesia federated states of", "fm" },
	{ "moldova", "md" }, { "republic of moldova", "md" }, { "moldova republic of", "md" },
	{ "moldovan", "md" },
	{ "monaco", "mc" },
	{ "mongolia", "mn" }, { "mongolian", "mn" },
	{ "montenegro", "me" },
	{ "montserrat", "ms" },
	{ "morocco", "ma" }, { "moroccan", "ma" },
	{ "mozambique", "mz" },
	{ "namibia", "na" },
	{ "nauru", "nr" },
	{ "nepal", "np" }, { "nepalese", "np" },
	{ "netherlands", "nl" }, { "dutch", "nl" }, { "holland", "nl" },
	{ "netherlands antilles", "an" },
	{ "new caledonia", "nc" },
	{ "new zealand", "nz" },
	{ "nicaragua", "ni" }, { "nicaraguan", "ni" },
	{ "niger", "ne" }, { "nigerien", "ne" },
	{ "nigeria", "ng" }, { "nigerian", "ng" },
	{ "niue", "nu" },
	{ "north macedonia", "mk" }, { "macedonia", "mk" },
	{ "the former yugoslav republic of macedonia", "mk" },
	{ "former yugoslav republic of macedonia", "mk" },
	{ "macedonia the former yugoslav republic of", "mk" },
	{ "northern mariana islands", "mp" },
	{ "norway", "no" }, { "norwegian", "no" },
	{ "oman", "om" }, { "omani", "om" },
	{ "pakistan", "pk" }, { "pakistani", "pk" },
	{ "palau", "pw" },
	{ "panama", "pa" }, { "panamanian", "pa" },
	{ "papua new guinea", "pg" },
	{ "paraguay", "py" }, { "paraguayan", "py" },
	{ "peru", "pe" }, { "peruvian", "pe" },
	{ "philippines", "ph" }, { "filipino", "ph" }, { "philippine", "ph" },
	{ "pitcairn", "pn" },
	{ "poland", "pl" }, { "polish", "pl" },
	{ "portugal", "pt" }, { "portuguese", "pt" },
	{ "puerto rico", "pr" },
	{ "qatar", "qa" }, { "qatari", "qa" },
	{ "reunion", "re" },
	{ "romania", "ro" }, { "romanian", "ro" },
	{ "russia", "ru" }, { "russian federation", "ru" }, { "russian", "ru" },
	{ "rwanda", "rw" }, { "rwandan", "rw" },
	{ "saint barthelemy", "bl" },
	{ "saint helena", "sh" },
	{ "saint kitts and nevis", "kn" }, { "st kitts and nevis", "kn" },
	{ "st kitts nevis", "kn" },
	{ "saint lucia", "lc" }, { "st lucia", "lc" },
	{ "saint martin", "mf" },
	{ "saint pierre and miquelon", "pm" },
	{ "saint vincent and the grenadines", "vc" },
	{ "st vincent and the grenadines", "vc" },
	{ "samoa", "ws" },
	{ "san marino", "sm" },
	{ "sao tome and principe", "st" },
	{ "saudi arabia", "sa" }, { "saudi", "sa" }, { "saudi arabian", "sa" },
	{ "senegal", "sn" }, { "senegalese", "sn" },
	{ "serbia", "rs" }, { "serbian", "rs" },
	{ "serbia and montenegro", "cs" },
	{ "yugoslavia", "yu" }, { "federal republic of yugoslavia", "yu" },
	{ "seychelles", "sc" },
	{ "sierra leone", "sl" },
	{ "singapore", "sg" }, { "singaporean", "sg" },
	{ "sint maarten", "sx" },
	{ "slovakia", "sk" }, { "slovak", "sk" }, { "slovak republic", "sk" },
	{ "slovenia", "si" }, { "slovenian", "si" },
	{ "solomon islands", "sb" },
	{ "somalia", "so" }, { "somali", "so" },
	{ "south africa", "za" }, { "south african", "za" },
	{ "south sudan", "ss" }, { "south sudanese", "ss" },
	{ "spain", "es" }, { "spanish", "es" },
	{ "sri lanka", "lk" }, { "sri lankan", "lk" },
	{ "sudan", "sd" }, { "sudanese", "sd" },
	{ "suriname", "sr" },
	{ "sweden", "se" }, { "swedish", "se" },
	{ "switzerland", "ch" }, { "swiss", "ch" },
	{ "syria", "sy" }, { "syrian arab republic", "sy" }, { "syrian", "sy" },
	{ "taiwan", "tw" }, { "taiwan province of china", "tw" },
	{ "tajikistan", "tj" }, { "tajik", "tj" },
	{ "tanzania", "tz" }, { "united republic of tanzania", "tz" },
	{ "tanzania united republic of", "tz" }, { "tanzanian", "tz" },
	{ "thailand", "th" }, { "thai", "th" },
	{ "timor leste", "tl" }, { "east timor", "tl" },
	{ "togo", "tg" },
	{ "tonga", "to" },
	{ "trinidad and tobago", "tt" },
	{ "tunisia", "tn" }, { "tunisian", "tn" },
	{ "turkey", "tr" }, { "turkiye", "tr" }, { "t\xc3\xbcrkiye", "tr" }, { "turkish", "tr" },
	{ "turkmenistan", "tm" }, { "turkmen", "tm" },
	{ "turks and caicos islands", "tc" },
	{ "tuvalu", "tv" },
	{ "uganda", "ug" }, { "ugandan", "ug" },
	{ "ukraine", "ua" }, { "ukrainian", "ua" },
	{ "united arab emirates", "ae" }, { "uae", "ae" }, { "emirati", "ae" },
	{ "united kingdom", "gb" }, { "uk", "gb" }, { "great britain", "gb" },
	{ "united kingdom of great britain and northern ireland", "gb" },
	{ "british", "gb" }, { "england", "gb" }, { "scotland", "gb" },
	{ "united states", "us" }, { "united states of america", "us" }, { "usa", "us" },
	{ "u s a", "us" }, { "u s", "us" }, { "american", "us" },
	{ "uruguay", "uy" }, { "uruguayan", "uy" },
	{ "uzbekistan", "uz" }, { "uzbek", "uz" },
	{ "vanuatu", "vu" },
	{ "venezuela", "ve" }, { "venezuela bolivarian republic of", "ve" },
	{ "bolivarian republic of venezuela", "ve" }, { "venezuelan", "ve" },
	{ "vietnam", "vn" }, { "viet nam", "vn" }, { "vietnamese", "vn" },
	{ "virgin islands u s", "vi" }, { "us virgin islands", "vi" },
	{ "western sahara", "eh" },
	{ "yemen", "ye" }, { "yemeni", "ye" },
	{ "zambia", "zm" }, { "zambian", "zm" },
	{ "zimbabwe", "zw" }, { "zimbabwean", "zw" },
	{ "soviet union", "su" }, { "ussr", "su" },
	{ "crimea", "ua" }, { "region crimea", "ua" },
};

#define N_TABLE (sizeof(table) / sizeof(table[0]))

/* Writes the normal form of s into out; returns its length, 0 if too long. */
static size_t normalise(char *out, size_t outsz, const char *s, size_t len)
{
	size_t n = 0, i;
	int space = 1;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || isalnum(c)) {
			if (n + 1 >= outsz)
				return 0;
			out[n++] = (char)tolower(c);
			space = 0;
		} else if (!space) {
			if (n + 1 >= outsz)
				return 0;
			out[n++] = ' ';
			space = 1;
		}
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	if (n > 4 && memcmp(out, "the ", 4) == 0) {
		memmove(out, out + 4, n - 4 + 1);
		n -= 4;
	}
	return n;
}

const char *vg__country_code(const char *name, size_t len)
{
	char key[96];
	size_t n = normalise(key, sizeof(key), name, len), i;
	if (n == 0)
		return NULL;
	if (n == 2) {
		/* an ISO code already: accept the ones the table knows, and
		 * Kosovo's user-assigned one */
		for (i = 0; i < N_TABLE; i++)
			if (memcmp(table[i].code, key, 2) == 0)
				return table[i].code;
		if (memcmp(key, "xk", 2) == 0)
			return "xk";
	}
	for (i = 0; i < N_TABLE; i++) {
		if (strlen(table[i].name) == n && memcmp(table[i].name, key, n) == 0)
			return table[i].code;
	}
	return NULL;
}
