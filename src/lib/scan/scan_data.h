/*
 * scan_data.h - the scanner's linguistic data, compiled from data/scan_*.txt
 * by data/gen_scan.py into scan_data.c (internal to the scan stage).
 *
 * Invariant: the word lists (common ... annotations, trans_from) are sorted
 * in byte order, so words.c finds a word by binary search; the affix lists
 * keep the order of the data file (longest first); trans_to[i] is the
 * English word of trans_from[i]; acr_LANG_en is sorted too, and
 * acr_LANG_word[i] is the first word of LANG (ru, uk) given for it.
 */
#ifndef VG_SCAN_SCAN_DATA_H
#define VG_SCAN_SCAN_DATA_H

#include <stddef.h>

#define VG__SD_LIST(name) \
	extern const char *const name[]; \
	extern const size_t name##_n;

VG__SD_LIST(vg__sd_common)
VG__SD_LIST(vg__sd_generic)
VG__SD_LIST(vg__sd_places)
VG__SD_LIST(vg__sd_titles)
VG__SD_LIST(vg__sd_weak)
VG__SD_LIST(vg__sd_conjunctions)
VG__SD_LIST(vg__sd_arabic)
VG__SD_LIST(vg__sd_articles)
VG__SD_LIST(vg__sd_kin)
VG__SD_LIST(vg__sd_courtesy)
VG__SD_LIST(vg__sd_clan)
VG__SD_LIST(vg__sd_settlement)
VG__SD_LIST(vg__sd_regions)
VG__SD_LIST(vg__sd_fronts)
VG__SD_LIST(vg__sd_surnames)
VG__SD_LIST(vg__sd_institutions)
VG__SD_LIST(vg__sd_splinters)
VG__SD_LIST(vg__sd_plural)
VG__SD_LIST(vg__sd_describing)
VG__SD_LIST(vg__sd_kinds)
VG__SD_LIST(vg__sd_kinds_first)
VG__SD_LIST(vg__sd_bodies)
VG__SD_LIST(vg__sd_arabic_countries)
VG__SD_LIST(vg__sd_locative)
VG__SD_LIST(vg__sd_acronyms)
VG__SD_LIST(vg__sd_org_words)
VG__SD_LIST(vg__sd_annotations)
VG__SD_LIST(vg__sd_aka)
VG__SD_LIST(vg__sd_endings)
VG__SD_LIST(vg__sd_ar_article)
VG__SD_LIST(vg__sd_ar_clitic)
VG__SD_LIST(vg__sd_ar_compound)
VG__SD_LIST(vg__sd_ar_compound_head)
VG__SD_LIST(vg__sd_ar_particles)
VG__SD_LIST(vg__sd_ar_common)
VG__SD_LIST(vg__sd_place_phrases)
VG__SD_LIST(vg__sd_ko_particles)
VG__SD_LIST(vg__sd_ko_words)
VG__SD_LIST(vg__sd_ko_en)
VG__SD_LIST(vg__sd_ko_cyr_words)
VG__SD_LIST(vg__sd_ko_cyr_latin)
VG__SD_LIST(vg__sd_ko_cyr_uk_words)
VG__SD_LIST(vg__sd_ko_cyr_uk_latin)
VG__SD_LIST(vg__sd_ko_cyr_surnames)
VG__SD_LIST(vg__sd_ko_cyr_endings)
VG__SD_LIST(vg__sd_zh_words)
VG__SD_LIST(vg__sd_zh_en)
VG__SD_LIST(vg__sd_zh_translit)
VG__SD_LIST(vg__sd_zh_particles)
VG__SD_LIST(vg__sd_zh_subunits)
VG__SD_LIST(vg__sd_zh_korean_family)
VG__SD_LIST(vg__sd_zh_korea)
VG__SD_LIST(vg__sd_trans_from)
VG__SD_LIST(vg__sd_trans_to)
VG__SD_LIST(vg__sd_place_from)
VG__SD_LIST(vg__sd_place_to)
VG__SD_LIST(vg__sd_acr_ru_en)
VG__SD_LIST(vg__sd_acr_ru_word)
VG__SD_LIST(vg__sd_acr_uk_en)
VG__SD_LIST(vg__sd_acr_uk_word)

#undef VG__SD_LIST

/* vg__sd_endings_len[i] is the length of vg__sd_endings[i] */
extern const unsigned char vg__sd_endings_len[];

#endif
