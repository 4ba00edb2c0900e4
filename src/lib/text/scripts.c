/*
 * scripts.c - vigil's own transliteration tables, for scripts whose names
 * ICU does not spell the way they are written in Latin (or not at all).
 *
 * Cyrillic follows the spellings names are usually written with in Latin
 * (Russian BGN-like; Ukrainian, Serbian, Kazakh and Belarusian letters by
 * word); Arabic/Persian/Urdu and Hebrew give consonants with long vowels
 * (the comparator compares such words on their consonant skeleton);
 * Korean names are spelt the way passports spell them, one word per
 * syllable.
 */
#include "text/scripts.h"

#include <string.h>

/* ---- Cyrillic ---------------------------------------------------------- */

static const char *const cyr_ru[32] = {
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
};

uint32_t vg__cyr_lower(uint32_t c)
{
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	if (c >= 0x460 && c <= 0x4FF && !(c & 1) && !(c >= 0x4C0 && c <= 0x4CF))
		return c + 1;
	return c;
}

int vg__cyr_lang_of(uint32_t c)
{
	switch (vg__cyr_lower(c)) {
	case 0x452: case 0x453: case 0x455: case 0x458: case 0x459: case 0x45A:
	case 0x45B: case 0x45C: case 0x45F:
		return CYR_SR;
	case 0x454: case 0x457: case 0x491:
		return CYR_UK;
	case 0x45E:
		return CYR_BE;
	case 0x4D9: case 0x493: case 0x49B: case 0x4A3: case 0x4E9: case 0x4B1:
	case 0x4AF: case 0x4BB:
		return CYR_KK;
	default:
		return -1;
	}
}

/* Latin spelling of a lowercase Cyrillic letter, or NULL when unknown. */
const char *vg__cyr_map(uint32_t c, int lang)
{
	if (lang == CYR_SR) {
		switch (c) {
		case 0x436: return "z";   /* ж */
		case 0x447: return "c";   /* ч */
		case 0x448: return "s";   /* ш */
		case 0x446: return "c";   /* ц */
		case 0x445: return "h";   /* х */
		case 0x452: return "dj";  /* ђ */
		case 0x453: return "gj";  /* ѓ */
		case 0x455: return "dz";  /* ѕ */
		case 0x458: return "j";   /* ј */
		case 0x459: return "lj";  /* љ */
		case 0x45A: return "nj";  /* њ */
		case 0x45B: return "c";   /* ћ */
		case 0x45C: return "kj";  /* ќ */
		case 0x45F: return "dz";  /* џ */
		default: break;
		}
	}
	if (lang == CYR_UK || lang == CYR_BE) {
		if (c == 0x433)
			return "h";           /* г */
		if (c == 0x438 && lang == CYR_UK)
			return "y";           /* и */
	}
	if (c >= 0x430 && c <= 0x44F)
		return cyr_ru[c - 0x430];
	switch (c) {
	case 0x451: return "e";   /* ё */
	case 0x454: return "ye";  /* є */
	case 0x456: return "i";   /* і */
	case 0x457: return "yi";  /* ї */
	case 0x45E: return "u";   /* ў */
	case 0x491: return "g";   /* ґ */
	case 0x4D9: return "a";   /* ә */
	case 0x493: return "g";   /* ғ */
	case 0x49B: return "k";   /* қ */
	case 0x4A3: return "ng";  /* ң */
	case 0x4E9: return "o";   /* ө */
	case 0x4B1: return "u";   /* ұ */
	case 0x4AF: return "u";   /* ү */
	case 0x4BB: return "h";   /* һ */
	case 0x452: return "dj";
	case 0x458: return "j";
	case 0x459: return "lj";
	case 0x45A: return "nj";
	case 0x45B: return "c";
	case 0x45F: return "dz";
	default: return NULL;
	}
}

/* ---- Arabic, Persian, Urdu; Hebrew ------------------------------------- */

/* Consonants as usually romanised; long vowels as vowels; the comparator
 * compares these words on their consonant skeleton anyway. */
const char *vg__arabic_map(uint32_t c, int word_start)
{
	switch (c) {
	case 0x621: return "";   case 0x622: return "a";  case 0x623: return "a";
	case 0x624: return "";   case 0x625: return "i";  case 0x626: return "";
	case 0x627: return "a";  case 0x628: return "b";  case 0x629: return "a";
	case 0x62A: return "t";  case 0x62B: return "th"; case 0x62C: return "j";
	case 0x62D: return "h";  case 0x62E: return "kh"; case 0x62F: return "d";
	case 0x630: return "dh"; case 0x631: return "r";  case 0x632: return "z";
	case 0x633: return "s";  case 0x634: return "sh"; case 0x635: return "s";
	case 0x636: return "d";  case 0x637: return "t";  case 0x638: return "z";
	case 0x639: return "";   case 0x63A: return "gh"; case 0x641: return "f";
	case 0x642: return "q";  case 0x643: return "k";  case 0x644: return "l";
	case 0x645: return "m";  case 0x646: return "n";  case 0x647: return "h";
	case 0x648: return word_start ? "w" : "u";
	case 0x649: return "a";
	case 0x64A: case 0x6CC: case 0x6D2: return word_start ? "y" : "i";
	case 0x64E: return "a";  case 0x64F: return "u";  case 0x650: return "i";
	case 0x67E: return "p";  case 0x686: return "ch"; case 0x698: return "zh";
	case 0x6AF: return "g";  case 0x6A9: return "k";  case 0x679: return "t";
	case 0x688: return "d";  case 0x691: return "r";  case 0x6BA: return "n";
	case 0x6BE: return "h";  case 0x6C1: return "h";  case 0x6C0: return "h";
	case 0x671: return "a";
	default:
		if ((c >= 0x64B && c <= 0x65F) || c == 0x640 || c == 0x670)
			return ""; /* other harakat, tatweel */
		return NULL;
	}
}

const char *vg__hebrew_map(uint32_t c, int word_start, int word_end)
{
	switch (c) {
	case 0x5D0: return "";   case 0x5D1: return "b";  case 0x5D2: return "g";
	case 0x5D3: return "d";  case 0x5D4: return word_end ? "" : "h";
	case 0x5D5: return word_start ? "v" : "o";
	case 0x5D6: return "z";  case 0x5D7: return "h";  case 0x5D8: return "t";
	case 0x5D9: return word_start ? "y" : "i";
	case 0x5DA: case 0x5DB: return "k";
	case 0x5DC: return "l";  case 0x5DD: case 0x5DE: return "m";
	case 0x5DF: case 0x5E0: return "n";
	case 0x5E1: return "s";  case 0x5E2: return "";
	case 0x5E3: case 0x5E4: return "p";
	case 0x5E5: case 0x5E6: return "ts";
	case 0x5E7: return "k";  case 0x5E8: return "r";  case 0x5E9: return "sh";
	case 0x5EA: return "t";
	default:
		if (c >= 0x591 && c <= 0x5C7)
			return ""; /* points and cantillation */
		return NULL;
	}
}

/* ---- Hangul ------------------------------------------------------------ */

static const char *const hangul_l[19] = {
	"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj",
	"ch", "k", "t", "p", "h",
};
static const char *const hangul_v[21] = {
	"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo",
	"u", "wo", "we", "wi", "yu", "u", "ui", "i",
};
static const char *const hangul_t[28] = {
	"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l",
	"m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
};

/* Family names spelt the way their bearers spell them in Latin. */
static const struct { uint16_t cp; const char *latin; } hangul_surnames[] = {
	{ 0xAE40, "kim" }, { 0xC774, "lee" }, { 0xBC15, "park" }, { 0xCD5C, "choi" },
	{ 0xC815, "jung" }, { 0xAC15, "kang" }, { 0xC870, "cho" }, { 0xC724, "yoon" },
	{ 0xC7A5, "jang" }, { 0xC784, "lim" }, { 0xD55C, "han" }, { 0xC624, "oh" },
	{ 0xC11C, "seo" }, { 0xC2E0, "shin" }, { 0xAD8C, "kwon" }, { 0xD669, "hwang" },
	{ 0xC548, "ahn" }, { 0xC1A1, "song" }, { 0xB958, "ryu" }, { 0xC804, "jeon" },
	{ 0xD64D, "hong" }, { 0xACE0, "ko" }, { 0xBB38, "moon" }, { 0xC591, "yang" },
	{ 0xC190, "son" }, { 0xBC30, "bae" }, { 0xBC31, "baek" }, { 0xD5C8, "heo" },
	{ 0xC720, "yoo" }, { 0xB0A8, "nam" }, { 0xC2EC, "shim" }, { 0xB178, "noh" },
	{ 0xD558, "ha" }, { 0xACFD, "kwak" }, { 0xCC28, "cha" }, { 0xC8FC, "joo" },
	{ 0xC6B0, "woo" }, { 0xAD6C, "koo" }, { 0xBBFC, "min" }, { 0xB9AC, "ri" },
	{ 0xB9BC, "rim" },
};

void vg__put_hangul(emitter *e, uint32_t c, int name_start)
{
	uint32_t s = c - 0xAC00;
	char b[16];
	size_t n = 0, i;
	const char *parts[3] = { hangul_l[s / (21 * 28)], hangul_v[(s / 28) % 21],
				 hangul_t[s % 28] };
	if (name_start) {
		for (i = 0; i < sizeof(hangul_surnames) / sizeof(hangul_surnames[0]); i++) {
			if (hangul_surnames[i].cp == c) {
				put_syllable(e, (uint16_t)c, hangul_surnames[i].latin,
					     strlen(hangul_surnames[i].latin));
				return;
			}
		}
	}
	for (i = 0; i < 3; i++) {
		size_t k = strlen(parts[i]);
		memcpy(b + n, parts[i], k);
		n += k;
	}
	put_syllable(e, (uint16_t)c, b, n);
}
