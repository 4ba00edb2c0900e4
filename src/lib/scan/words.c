/*
 * words.c - small word lists the scanner uses to tell names from ordinary
 * language (internal).
 *
 * Invariant: every list is sorted in byte order and holds normalised
 * (lower-case ASCII) words, so lookups are a binary search; test_scan
 * checks the order.  The lists are written by hand, from knowledge of the
 * languages, and kept short on purpose: they only need the words that are
 * also listed names or parts of them ("Hope", "Union", "Bank", "Golden
 * Star"), the titles that stand before names ("President", "Sheikh"), and
 * the particles and legal forms that carry no identity ("of", "al", "LLC").
 */
#include "scan/scan.h"

#include <stdlib.h>
#include <string.h>

/* Ordinary words of English and the other languages most texts come in:
 * a listed name made only of these needs capitals to count, and one of
 * them alone is never a mention. */
static const char *const common[] = {
	"a", "about", "above", "across", "act", "action", "administration", "after",
	"again", "against", "age", "agency", "ago", "air", "all", "alpha", "also",
	"always", "am", "among", "an", "and", "any", "arabic", "area", "army",
	"art", "as", "ask", "assembly", "at", "atlantic", "au", "auch", "auf",
	"aus", "authority", "aux", "avec", "away", "back", "bad", "bank", "base",
	"be", "because", "been", "before", "bei", "being", "best", "beta", "better",
	"between", "big", "black", "blue", "board", "body", "book", "both", "boy",
	"bring", "brother", "build", "bureau", "business", "but", "buy", "by",
	"call", "can", "capital", "car", "care", "case", "catholic", "cause",
	"center", "central", "centre", "century", "change", "child", "children",
	"christian", "city", "civil", "class", "clear", "close", "club", "come",
	"commission", "committee", "common", "community", "company", "con",
	"control", "could", "council", "country", "course", "court", "cross",
	"crown", "culture", "cut", "da", "dans", "dark", "das", "data", "day",
	"dead", "deal", "dear", "death", "decision", "deep", "defence", "defense",
	"del", "della", "delle", "delta", "dem", "democracy", "democratic", "den",
	"department", "der", "des", "development", "di", "did", "die", "different",
	"directorate", "do", "doctor", "does", "dog", "door", "down", "dream", "du",
	"during", "each", "eagle", "early", "earth", "east", "eastern", "economic",
	"economy", "education", "effect", "eight", "ein", "eine", "einer", "either",
	"el", "else", "en", "end", "energy", "enough", "et", "even", "evening",
	"event", "ever", "every", "eye", "face", "fact", "fair", "faith", "falcon",
	"family", "far", "farm", "fast", "father", "fear", "federal", "federation",
	"feel", "few", "field", "fight", "figure", "film", "final", "find", "fine",
	"fire", "first", "five", "flight", "flower", "fly", "follow", "food", "for",
	"force", "foreign", "forest", "form", "fortune", "forward", "four", "free",
	"freedom", "friend", "from", "front", "full", "fund", "fur", "future",
	"game", "garden", "general", "girl", "give", "gli", "global", "glory", "go",
	"god", "gold", "golden", "good", "government", "great", "green", "group",
	"grow", "growth", "hand", "happy", "hard", "harmony", "have", "he", "head",
	"health", "hear", "heart", "help", "her", "here", "high", "him", "his",
	"history", "hold", "home", "hope", "horizon", "horse", "hospital", "hot",
	"hotel", "house", "how", "human", "hundred", "idea", "if", "il",
	"important", "in", "income", "independent", "industry", "information",
	"inside", "interest", "international", "into", "is", "islam", "islamic",
	"island", "it", "its", "jewish", "job", "join", "just", "justice", "keep",
	"kind", "king", "kingdom", "know", "kremlin", "la", "land", "language",
	"large", "las", "last", "late", "law", "le", "lead", "leader", "left",
	"les", "less", "let", "liberty", "life", "light", "like", "line", "lion",
	"list", "little", "live", "lo", "local", "long", "look", "lord", "los",
	"love", "low", "main", "major", "make", "man", "many", "market", "may",
	"me", "media", "member", "men", "might", "military", "million", "mind",
	"minister", "ministry", "miss", "mit", "moment", "money", "month", "more",
	"morning", "most", "mother", "move", "movement", "much", "music", "muslim",
	"must", "my", "nach", "name", "nation", "national", "nature", "near",
	"need", "network", "neue", "neuer", "never", "new", "news", "next", "nice",
	"nicht", "night", "nine", "no", "none", "north", "northern", "not",
	"nothing", "nouveau", "nouvelle", "nova", "now", "nueva", "nuevo", "number",
	"ocean", "of", "off", "office", "officer", "official", "often", "oil",
	"old", "omega", "on", "once", "one", "only", "open", "or", "order",
	"orthodox", "other", "our", "out", "over", "own", "pacific", "page",
	"paper", "par", "para", "paradise", "park", "parliament", "part", "party",
	"past", "pay", "peace", "people", "per", "person", "place", "plan", "plant",
	"play", "point", "police", "policy", "political", "poor", "popular", "por",
	"pour", "power", "present", "president", "press", "price", "prime",
	"private", "problem", "program", "project", "provisional", "public", "put",
	"queen", "question", "quick", "race", "radio", "rain", "rather", "reach",
	"read", "ready", "real", "reason", "red", "report", "republic", "research",
	"rest", "right", "river", "road", "rock", "room", "rose", "royal", "rule",
	"run", "safe", "said", "same", "say", "school", "science", "sea", "season",
	"second", "security", "see", "seven", "shall", "she", "shia", "shiite",
	"ship", "short", "should", "show", "side", "sigma", "sign", "silver", "sin",
	"since", "single", "sister", "six", "small", "so", "sobre", "social",
	"socialist", "society", "some", "son", "south", "southern", "special",
	"sport", "spring", "square", "staff", "stand", "star", "start", "state",
	"states", "station", "stay", "still", "stone", "stop", "story", "street",
	"strong", "student", "study", "such", "summer", "sun", "sunni", "sunrise",
	"sunset", "support", "sur", "sure", "system", "take", "talk", "team", "ten",
	"than", "that", "the", "their", "them", "then", "there", "these", "they",
	"thing", "think", "third", "this", "those", "three", "through", "tiger",
	"time", "to", "today", "together", "top", "total", "town", "trade", "train",
	"transitional", "travel", "tree", "true", "trust", "truth", "two", "uber",
	"un", "una", "und", "under", "une", "union", "unit", "united", "unity",
	"university", "uno", "unter", "until", "up", "upon", "us", "use", "very",
	"victory", "view", "village", "voice", "von", "war", "water", "way", "we",
	"week", "well", "west", "western", "what", "when", "where", "which",
	"while", "white", "who", "whole", "why", "will", "win", "wind", "winter",
	"with", "within", "without", "woman", "women", "word", "work", "world",
	"would", "year", "yes", "yet", "you", "young", "your", "zum", "zur",
};

/* Countries, capitals, large cities, regions and peoples.  Texts name
 * places all the time and lists use them inside names ("PJSC VTB BANK
 * (KIEV)", "MOLINA CARACAS, Tomas"), so one of them alone is never a
 * mention; inside a longer name they count like other words. */
static const char *const places[] = {
	"ababa", "abu", "abuja", "accra", "addis", "afghan", "afghanistan",
	"africa", "african", "alabama", "albania", "aleppo", "algeria", "algiers",
	"america", "american", "americas", "amman", "amsterdam", "andorra",
	"angola", "ankara", "arab", "arabian", "arctic", "argentina", "arizona",
	"armenia", "armenian", "ashgabat", "asia", "asian", "astana", "athens",
	"atlanta", "austin", "australia", "austria", "azerbaijan", "azerbaijani",
	"baghdad", "bahamas", "bahrain", "baku", "balkans", "bamako", "bangkok",
	"bangladesh", "barcelona", "basra", "beijing", "beirut", "belarus",
	"belarusian", "belgium", "belgrade", "belize", "benghazi", "benin",
	"berlin", "bern", "bhutan", "bishkek", "bogota", "bolivia", "bosnia",
	"boston", "botswana", "brasilia", "bratislava", "brazil", "britain",
	"british", "brunei", "brussels", "bucharest", "budapest", "bulgaria",
	"burkina", "burma", "burundi", "cairo", "calcutta", "california",
	"cambodia", "cameroon", "canada", "canberra", "caracas", "carolina",
	"caucasus", "chad", "chechnya", "chicago", "chile", "china", "chinese",
	"chisinau", "colombia", "comoros", "congo", "copenhagen", "crimea",
	"croatia", "cuba", "cuban", "cyprus", "czech", "czechia", "dagestan",
	"dakar", "dallas", "damascus", "delhi", "denmark", "denver", "dhabi",
	"dhaka", "djibouti", "dnipro", "dodoma", "doha", "dominica", "donbas",
	"donetsk", "dubai", "dublin", "dushanbe", "ecuador", "egypt", "egyptian",
	"emirates", "england", "english", "erbil", "eritrea", "estonia", "eswatini",
	"ethiopia", "europe", "european", "fallujah", "fiji", "finland", "florida",
	"france", "frankfurt", "french", "gabon", "gambia", "gaza", "geneva",
	"georgia", "georgian", "german", "germany", "ghana", "greece", "grenada",
	"grozny", "guangzhou", "guatemala", "guinea", "guyana", "hague", "haiti",
	"hamburg", "hanoi", "harare", "havana", "helsinki", "herat", "holland",
	"homs", "honduras", "hongkong", "houston", "hungary", "iceland", "idlib",
	"india", "indian", "indonesia", "iran", "iranian", "iraq", "iraqi",
	"ireland", "islamabad", "israel", "israeli", "istanbul", "italian", "italy",
	"jakarta", "jamaica", "japan", "japanese", "jersey", "jerusalem", "jordan",
	"kabul", "kampala", "kandahar", "kansas", "karachi", "kathmandu", "kazakh",
	"kazakhstan", "kazan", "kenya", "kharkiv", "kharkov", "khartoum", "kiev",
	"kiribati", "kirkuk", "kolkata", "korea", "korean", "kosovo", "kurdish",
	"kurdistan", "kuwait", "kyiv", "kyrgyzstan", "lahore", "laos", "latvia",
	"lebanese", "lebanon", "lesotho", "liberia", "libya", "liechtenstein",
	"lima", "lisbon", "lithuania", "ljubljana", "london", "luanda", "luhansk",
	"lusaka", "luxembourg", "lviv", "lyon", "macau", "madagascar", "madrid",
	"malawi", "malaysia", "maldives", "mali", "malta", "managua", "manama",
	"manila", "maputo", "mariupol", "marseille", "mauritania", "mauritius",
	"melbourne", "mexico", "miami", "milan", "minsk", "mogadishu", "moldova",
	"monaco", "mongolia", "montenegro", "montevideo", "montreal", "morocco",
	"moscow", "mosul", "mozambique", "mumbai", "munich", "muscat", "myanmar",
	"nairobi", "namibia", "nauru", "naypyidaw", "nepal", "netherlands",
	"nevada", "nicaragua", "nicosia", "niger", "nigeria", "norway",
	"novosibirsk", "odesa", "odessa", "ohio", "oman", "oregon", "oslo",
	"ottawa", "pakistan", "pakistani", "palau", "palestine", "palestinian",
	"panama", "paraguay", "paris", "peru", "peshawar", "petersburg",
	"philippines", "phoenix", "podgorica", "poland", "polish", "portugal",
	"prague", "pretoria", "pristina", "pyongyang", "qatar", "rabat", "raqqa",
	"riga", "riyadh", "romania", "rome", "russia", "russian", "rwanda",
	"sahara", "sahel", "samoa", "sanaa", "santiago", "sarajevo", "saudi",
	"scotland", "seattle", "senegal", "seoul", "serbia", "sevastopol",
	"seychelles", "shanghai", "sharjah", "shenzhen", "simferopol", "singapore",
	"skopje", "slovakia", "slovenia", "sofia", "somalia", "spain", "spanish",
	"springfield", "stockholm", "sudan", "suriname", "sweden", "switzerland",
	"sydney", "syria", "syrian", "taipei", "taiwan", "tajikistan", "tallinn",
	"tanzania", "tashkent", "tbilisi", "tehran", "texas", "thailand", "tikrit",
	"tirana", "togo", "tokyo", "tonga", "toronto", "tripoli", "tunisia",
	"turkey", "turkish", "turkiye", "turkmenistan", "tuvalu", "uganda",
	"ukraine", "ukrainian", "ulaanbaatar", "uruguay", "uzbek", "uzbekistan",
	"valletta", "vancouver", "vanuatu", "vatican", "venezuela", "venezuelan",
	"vienna", "vientiane", "vietnam", "vilnius", "virginia", "vladivostok",
	"wales", "warsaw", "washington", "wellington", "windhoek", "yekaterinburg",
	"yemen", "yerevan", "york", "zagreb", "zambia", "zimbabwe", "zurich",
};

/* Titles and ranks written before a name. */
static const char *const titles[] = {
	"admiral", "ambassador", "amir", "ayatollah", "bishop", "capt", "captain",
	"ceo", "chair", "chairman", "chairwoman", "chief", "col", "colonel",
	"commander", "comrade", "deputy", "director", "doctor", "don", "dona", "dr",
	"emir", "father", "frau", "gen", "general", "gospodin", "governor", "haji",
	"hajji", "head", "herr", "imam", "judge", "justice", "king", "lady",
	"lieutenant", "lord", "lt", "madam", "madame", "maj", "major", "mayor",
	"minister", "miss", "mister", "mme", "monsieur", "mr", "mrs", "ms",
	"mullah", "pan", "pani", "premier", "president", "prime", "prince",
	"princess", "prof", "professor", "queen", "rep", "representative", "rev",
	"reverend", "saint", "secretary", "senator", "senor", "senora", "sergeant",
	"shaikh", "sheik", "sheikh", "sir", "st", "sultan", "tovarishch", "vice",
};

/* Particles, articles and legal forms: part of a name, never its
 * distinctive part. */
static const char *const weak[] = {
	"a", "ab", "abou", "abu", "ag", "al", "an", "and", "as", "asa", "at", "ben",
	"bhd", "bin", "bint", "bv", "by", "cjsc", "co", "company", "corp",
	"corporation", "da", "das", "de", "del", "della", "der", "des", "di", "do",
	"dos", "du", "e", "el", "est", "et", "for", "fzc", "fzco", "fze", "gmbh",
	"i", "ibn", "in", "inc", "incorporated", "jsc", "kg", "kk", "la", "las",
	"le", "les", "limited", "llc", "llp", "los", "lp", "ltd", "nv", "oao", "of",
	"ohg", "ojsc", "on", "ooo", "oy", "pao", "pjsc", "plc", "pte", "pvt", "sa",
	"sarl", "sas", "sdn", "spa", "srl", "the", "to", "tov", "und", "van", "von",
	"y", "zao", "zu",
};

typedef struct {
	const char *s;
	size_t len;
} key;

static int cmp(const void *a, const void *b)
{
	const key *k = a;
	const char *w = *(const char *const *)b;
	int c = strncmp(k->s, w, k->len);
	if (c)
		return c;
	return w[k->len] ? -1 : 0;
}

static bool in(const char *const *list, size_t n, const char *s, size_t len)
{
	key k = { s, len };
	return bsearch(&k, list, n, sizeof(*list), cmp) != NULL;
}

#define IN(list, s, len) in(list, sizeof(list) / sizeof(list[0]), s, len)

bool vg__scan_common_word(const char *norm, size_t len)
{
	return IN(common, norm, len);
}

bool vg__scan_place_word(const char *norm, size_t len)
{
	return IN(places, norm, len);
}

bool vg__scan_title_word(const char *norm, size_t len)
{
	return IN(titles, norm, len);
}

bool vg__scan_weak_word(const char *norm, size_t len)
{
	return IN(weak, norm, len);
}

bool vg__scan_words_sorted(void)
{
	const char *const *lists[4] = { common, places, titles, weak };
	const size_t ns[4] = { sizeof(common) / sizeof(common[0]),
			       sizeof(places) / sizeof(places[0]),
			       sizeof(titles) / sizeof(titles[0]),
			       sizeof(weak) / sizeof(weak[0]) };
	size_t l, i;
	for (l = 0; l < 4; l++)
		for (i = 1; i < ns[l]; i++)
			if (strcmp(lists[l][i - 1], lists[l][i]) >= 0)
				return false;
	return true;
}
