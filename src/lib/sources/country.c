/*
 * country.c - country names, demonyms and codes as lists write them, to
 * ISO 3166-1 alpha-2 lowercase ("Iran (Islamic Republic of)" -> "ir").
 *
 * Invariant: lookups compare a normalised key (ASCII lowercased, every
 * other punctuation, typographic quotes included, folded to one space, a
 * leading "the " dropped) with
 * table entries written in that same normal form.  Historical and
 * disputed names map to the code lists use for them today.
 */
#include "sources/source.h"

#include <ctype.h>
#include <string.h>

typedef struct {
	const char *name;
	size_t len;
	char code[3];
} country;

/* the length is computed at compile time: lookups compare it first */
#define C(name, code) { name, sizeof(name) - 1, code }

static const country table[] = {
	C("afghanistan", "af"), C("afghan", "af"),
	C("aland islands", "ax"),
	C("albania", "al"), C("albanian", "al"),
	C("algeria", "dz"), C("algerian", "dz"),
	C("american samoa", "as"),
	C("andorra", "ad"),
	C("angola", "ao"), C("angolan", "ao"),
	C("anguilla", "ai"),
	C("antarctica", "aq"),
	C("antigua and barbuda", "ag"),
	C("argentina", "ar"), C("argentine", "ar"), C("argentinian", "ar"),
	C("armenia", "am"), C("armenian", "am"),
	C("aruba", "aw"),
	C("australia", "au"), C("australian", "au"),
	C("austria", "at"), C("austrian", "at"),
	C("azerbaijan", "az"), C("azerbaijani", "az"),
	C("bahamas", "bs"), C("bahamas the", "bs"),
	C("bahrain", "bh"), C("bahraini", "bh"),
	C("bangladesh", "bd"), C("bangladeshi", "bd"),
	C("barbados", "bb"),
	C("belarus", "by"), C("belarusian", "by"), C("byelorussia", "by"),
	C("belgium", "be"), C("belgian", "be"),
	C("belize", "bz"),
	C("benin", "bj"),
	C("bermuda", "bm"),
	C("bhutan", "bt"),
	C("bolivia", "bo"), C("bolivia plurinational state of", "bo"),
	C("bolivian", "bo"),
	C("bonaire sint eustatius and saba", "bq"),
	C("bosnia and herzegovina", "ba"), C("bosnia herzegovina", "ba"),
	C("bosnia", "ba"),
	C("botswana", "bw"),
	C("brazil", "br"), C("brazilian", "br"),
	C("british virgin islands", "vg"), C("virgin islands british", "vg"),
	C("brunei", "bn"), C("brunei darussalam", "bn"),
	C("bulgaria", "bg"), C("bulgarian", "bg"),
	C("burkina faso", "bf"),
	C("burma", "mm"), C("myanmar", "mm"), C("burmese", "mm"),
	C("burundi", "bi"), C("burundian", "bi"),
	C("cabo verde", "cv"), C("cape verde", "cv"),
	C("cambodia", "kh"), C("cambodian", "kh"),
	C("cameroon", "cm"),
	C("canada", "ca"), C("canadian", "ca"),
	C("cayman islands", "ky"),
	C("central african republic", "cf"),
	C("chad", "td"),
	C("chile", "cl"), C("chilean", "cl"),
	C("china", "cn"), C("chinese", "cn"), C("people s republic of china", "cn"),
	C("peoples republic of china", "cn"),
	C("colombia", "co"), C("colombian", "co"),
	C("comoros", "km"), C("union of the comoros", "km"), C("comorian", "km"),
	C("congo", "cg"), C("republic of the congo", "cg"), C("congo republic of the", "cg"),
	C("congo brazzaville", "cg"),
	C("democratic republic of the congo", "cd"), C("congo democratic republic of the", "cd"),
	C("congo the democratic republic of the", "cd"), C("drc", "cd"),
	C("congo kinshasa", "cd"), C("zaire", "cd"),
	C("cook islands", "ck"),
	C("costa rica", "cr"),
	C("cote d ivoire", "ci"), C("cote divoire", "ci"), C("ivory coast", "ci"),
	C("c\xc3\xb4te d ivoire", "ci"),
	C("croatia", "hr"), C("croatian", "hr"),
	C("cuba", "cu"), C("cuban", "cu"),
	C("curacao", "cw"), C("cura\xc3\xa7" "ao", "cw"),
	C("cyprus", "cy"), C("cypriot", "cy"),
	C("czech republic", "cz"), C("czechia", "cz"), C("czech", "cz"),
	C("denmark", "dk"), C("danish", "dk"),
	C("djibouti", "dj"),
	C("dominica", "dm"),
	C("dominican republic", "do"),
	C("ecuador", "ec"), C("ecuadorian", "ec"),
	C("egypt", "eg"), C("egyptian", "eg"),
	C("el salvador", "sv"),
	C("equatorial guinea", "gq"),
	C("eritrea", "er"), C("eritrean", "er"),
	C("estonia", "ee"), C("estonian", "ee"),
	C("eswatini", "sz"), C("swaziland", "sz"),
	C("ethiopia", "et"), C("ethiopian", "et"),
	C("falkland islands", "fk"),
	C("faroe islands", "fo"),
	C("fiji", "fj"),
	C("finland", "fi"), C("finnish", "fi"),
	C("france", "fr"), C("french", "fr"),
	C("french guiana", "gf"),
	C("french polynesia", "pf"),
	C("gabon", "ga"),
	C("gambia", "gm"),
	C("gaza", "ps"), C("gaza strip", "ps"), C("west bank", "ps"),
	C("palestine", "ps"), C("palestinian", "ps"), C("state of palestine", "ps"),
	C("occupied palestinian territory", "ps"), C("palestinian territories", "ps"),
	C("palestinian territory occupied", "ps"),
	C("georgia", "ge"), C("georgian", "ge"),
	C("germany", "de"), C("german", "de"),
	C("ghana", "gh"), C("ghanaian", "gh"),
	C("gibraltar", "gi"),
	C("greece", "gr"), C("greek", "gr"),
	C("greenland", "gl"),
	C("grenada", "gd"),
	C("guadeloupe", "gp"),
	C("guam", "gu"),
	C("guatemala", "gt"), C("guatemalan", "gt"),
	C("guernsey", "gg"),
	C("guinea", "gn"), C("guinean", "gn"),
	C("guinea bissau", "gw"),
	C("guyana", "gy"),
	C("haiti", "ht"), C("haitian", "ht"),
	C("holy see", "va"), C("vatican", "va"), C("vatican city", "va"),
	C("honduras", "hn"), C("honduran", "hn"),
	C("hong kong", "hk"), C("hong kong sar", "hk"), C("hong kong china", "hk"),
	C("china hong kong special administrative region", "hk"),
	C("hong kong special administrative region", "hk"),
	C("hungary", "hu"), C("hungarian", "hu"),
	C("iceland", "is"),
	C("india", "in"), C("indian", "in"),
	C("indonesia", "id"), C("indonesian", "id"),
	C("iran", "ir"), C("iran islamic republic of", "ir"),
	C("islamic republic of iran", "ir"), C("iranian", "ir"),
	C("iraq", "iq"), C("iraqi", "iq"),
	C("ireland", "ie"), C("irish", "ie"),
	C("isle of man", "im"),
	C("israel", "il"), C("israeli", "il"),
	C("italy", "it"), C("italian", "it"),
	C("jamaica", "jm"), C("jamaican", "jm"),
	C("japan", "jp"), C("japanese", "jp"),
	C("jersey", "je"),
	C("jordan", "jo"), C("jordanian", "jo"),
	C("kazakhstan", "kz"), C("kazakh", "kz"),
	C("kenya", "ke"), C("kenyan", "ke"),
	C("kiribati", "ki"),
	C("korea north", "kp"), C("north korea", "kp"),
	C("democratic people s republic of korea", "kp"),
	C("democratic peoples republic of korea", "kp"),
	C("korea democratic people s republic of", "kp"),
	C("korea dem people s rep", "kp"), C("dprk", "kp"), C("north korean", "kp"),
	C("korea south", "kr"), C("south korea", "kr"), C("republic of korea", "kr"),
	C("korea republic of", "kr"), C("south korean", "kr"), C("korea", "kr"),
	C("kosovo", "xk"),
	C("kuwait", "kw"), C("kuwaiti", "kw"),
	C("kyrgyzstan", "kg"), C("kyrgyz republic", "kg"), C("kyrgyz", "kg"),
	C("laos", "la"), C("lao people s democratic republic", "la"),
	C("lao peoples democratic republic", "la"), C("lao", "la"),
	C("latvia", "lv"), C("latvian", "lv"),
	C("lebanon", "lb"), C("lebanese", "lb"),
	C("lesotho", "ls"),
	C("liberia", "lr"), C("liberian", "lr"),
	C("libya", "ly"), C("libyan", "ly"), C("libyan arab jamahiriya", "ly"),
	C("liechtenstein", "li"),
	C("lithuania", "lt"), C("lithuanian", "lt"),
	C("luxembourg", "lu"),
	C("macau", "mo"), C("macao", "mo"),
	C("madagascar", "mg"),
	C("malawi", "mw"),
	C("malaysia", "my"), C("malaysian", "my"),
	C("maldives", "mv"),
	C("mali", "ml"), C("malian", "ml"),
	C("malta", "mt"), C("maltese", "mt"),
	C("marshall islands", "mh"),
	C("martinique", "mq"),
	C("mauritania", "mr"), C("mauritanian", "mr"),
	C("mauritius", "mu"),
	C("mayotte", "yt"),
	C("mexico", "mx"), C("mexican", "mx"),
	C("micronesia", "fm"), C("micronesia federated states of", "fm"),
	C("moldova", "md"), C("republic of moldova", "md"), C("moldova republic of", "md"),
	C("moldovan", "md"),
	C("monaco", "mc"),
	C("mongolia", "mn"), C("mongolian", "mn"),
	C("montenegro", "me"),
	C("montserrat", "ms"),
	C("morocco", "ma"), C("moroccan", "ma"),
	C("mozambique", "mz"),
	C("namibia", "na"),
	C("nauru", "nr"),
	C("nepal", "np"), C("nepalese", "np"),
	C("netherlands", "nl"), C("dutch", "nl"), C("holland", "nl"),
	C("netherlands antilles", "an"),
	C("new caledonia", "nc"),
	C("new zealand", "nz"),
	C("nicaragua", "ni"), C("nicaraguan", "ni"),
	C("niger", "ne"), C("nigerien", "ne"),
	C("nigeria", "ng"), C("nigerian", "ng"),
	C("niue", "nu"),
	C("north macedonia", "mk"), C("macedonia", "mk"),
	C("the former yugoslav republic of macedonia", "mk"),
	C("former yugoslav republic of macedonia", "mk"),
	C("macedonia the former yugoslav republic of", "mk"),
	C("northern mariana islands", "mp"),
	C("norway", "no"), C("norwegian", "no"),
	C("oman", "om"), C("omani", "om"), C("sultanate of oman", "om"),
	C("pakistan", "pk"), C("pakistani", "pk"),
	C("palau", "pw"),
	C("panama", "pa"), C("panamanian", "pa"),
	C("papua new guinea", "pg"),
	C("paraguay", "py"), C("paraguayan", "py"),
	C("peru", "pe"), C("peruvian", "pe"),
	C("philippines", "ph"), C("filipino", "ph"), C("philippine", "ph"),
	C("pitcairn", "pn"),
	C("poland", "pl"), C("polish", "pl"),
	C("portugal", "pt"), C("portuguese", "pt"),
	C("puerto rico", "pr"),
	C("qatar", "qa"), C("qatari", "qa"),
	C("reunion", "re"),
	C("romania", "ro"), C("romanian", "ro"),
	C("russia", "ru"), C("russian federation", "ru"), C("russian", "ru"),
	C("rwanda", "rw"), C("rwandan", "rw"),
	C("saint barthelemy", "bl"),
	C("saint helena", "sh"),
	C("saint kitts and nevis", "kn"), C("st kitts and nevis", "kn"),
	C("st kitts nevis", "kn"),
	C("saint lucia", "lc"), C("st lucia", "lc"),
	C("saint martin", "mf"),
	C("saint pierre and miquelon", "pm"),
	C("saint vincent and the grenadines", "vc"),
	C("st vincent and the grenadines", "vc"),
	C("samoa", "ws"),
	C("san marino", "sm"),
	C("sao tome and principe", "st"),
	C("saudi arabia", "sa"), C("saudi", "sa"), C("saudi arabian", "sa"),
	C("senegal", "sn"), C("senegalese", "sn"),
	C("serbia", "rs"), C("serbian", "rs"),
	C("serbia and montenegro", "cs"),
	C("yugoslavia", "yu"), C("federal republic of yugoslavia", "yu"),
	C("seychelles", "sc"),
	C("sierra leone", "sl"),
	C("singapore", "sg"), C("singaporean", "sg"),
	C("sint maarten", "sx"),
	C("slovakia", "sk"), C("slovak", "sk"), C("slovak republic", "sk"),
	C("slovenia", "si"), C("slovenian", "si"),
	C("solomon islands", "sb"),
	C("somalia", "so"), C("somali", "so"),
	C("south africa", "za"), C("south african", "za"),
	C("south sudan", "ss"), C("south sudanese", "ss"),
	C("spain", "es"), C("spanish", "es"),
	C("sri lanka", "lk"), C("sri lankan", "lk"),
	C("sudan", "sd"), C("sudanese", "sd"),
	C("suriname", "sr"),
	C("sweden", "se"), C("swedish", "se"),
	C("switzerland", "ch"), C("swiss", "ch"),
	C("syria", "sy"), C("syrian arab republic", "sy"), C("syrian", "sy"),
	C("taiwan", "tw"), C("taiwan province of china", "tw"),
	C("tajikistan", "tj"), C("tajik", "tj"),
	C("tanzania", "tz"), C("united republic of tanzania", "tz"),
	C("tanzania united republic of", "tz"), C("tanzanian", "tz"),
	C("thailand", "th"), C("thai", "th"),
	C("timor leste", "tl"), C("east timor", "tl"),
	C("togo", "tg"),
	C("tonga", "to"),
	C("trinidad and tobago", "tt"),
	C("tunisia", "tn"), C("tunisian", "tn"),
	C("turkey", "tr"), C("turkiye", "tr"), C("t\xc3\xbcrkiye", "tr"), C("turkish", "tr"),
	C("turkmenistan", "tm"), C("turkmen", "tm"),
	C("turks and caicos islands", "tc"),
	C("tuvalu", "tv"),
	C("uganda", "ug"), C("ugandan", "ug"),
	C("ukraine", "ua"), C("ukrainian", "ua"), C("ukrainian ssr", "ua"),
	C("united arab emirates", "ae"), C("uae", "ae"), C("emirati", "ae"),
	C("united kingdom", "gb"), C("uk", "gb"), C("great britain", "gb"),
	C("united kingdom of great britain and northern ireland", "gb"),
	C("british", "gb"), C("england", "gb"), C("scotland", "gb"),
	C("united states", "us"), C("united states of america", "us"), C("usa", "us"),
	C("u s a", "us"), C("u s", "us"), C("american", "us"),
	C("uruguay", "uy"), C("uruguayan", "uy"),
	C("uzbekistan", "uz"), C("uzbek", "uz"),
	C("vanuatu", "vu"),
	C("venezuela", "ve"), C("venezuela bolivarian republic of", "ve"),
	C("bolivarian republic of venezuela", "ve"), C("venezuelan", "ve"),
	C("vietnam", "vn"), C("viet nam", "vn"), C("vietnamese", "vn"),
	C("virgin islands u s", "vi"), C("us virgin islands", "vi"),
	C("western sahara", "eh"),
	C("yemen", "ye"), C("yemeni", "ye"),
	C("zambia", "zm"), C("zambian", "zm"),
	C("zimbabwe", "zw"), C("zimbabwean", "zw"),
	C("soviet union", "su"), C("ussr", "su"),
	C("crimea", "ua"), C("region crimea", "ua"),
};

#define N_TABLE (sizeof(table) / sizeof(table[0]))

/* Writes the normal form of s into out; returns its length, 0 if too long. */
static size_t normalise(char *out, size_t outsz, const char *s, size_t len)
{
	size_t n = 0, i;
	int space = 1;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		/* typographic quotes (U+2018, U+2019) are punctuation too:
		 * "Democratic People’s Republic of Korea" */
		int quote = c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
			    ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99);
		if (quote)
			i += 2;
		if (!quote && (c >= 0x80 || isalnum(c))) {
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
		if (table[i].len == n && memcmp(table[i].name, key, n) == 0)
			return table[i].code;
	}
	return NULL;
}

const char *vg_country_code(const char *text)
{
	return text ? vg__country_code(text, strlen(text)) : NULL;
}

const char *vg_country_name(const char *code)
{
	size_t i;
	if (!code || strlen(code) != 2)
		return NULL;
	for (i = 0; i < N_TABLE; i++)
		if (table[i].code[0] == tolower((unsigned char)code[0]) &&
		    table[i].code[1] == tolower((unsigned char)code[1]))
			return table[i].name;
	return NULL;
}
