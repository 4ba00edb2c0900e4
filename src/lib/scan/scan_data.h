/*
 * scan_data.h - the scanner's linguistic data, compiled from data/scan_*.txt
 * by data/gen_scan.py into scan_data.c (internal to the scan stage).
 *
 * Invariant: the word lists (common ... annotations, trans_from) are sorted
 * in byte order, so words.c finds a word by binary search; the affix lists
 * keep the order of the data file (longest first); trans_to[i] is the
 * English word of trans_from[i].
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
VG__SD_LIST(vg__sd_acronyms)
VG__SD_LIST(vg__sd_org_words)
VG__SD_LIST(vg__sd_annotations)
VG__SD_LIST(vg__sd_aka)
VG__SD_LIST(vg__sd_endings)
VG__SD_LIST(vg__sd_ar_article)
VG__SD_LIST(vg__sd_ar_clitic)
VG__SD_LIST(vg__sd_trans_from)
VG__SD_LIST(vg__sd_trans_to)
VG__SD_LIST(vg__sd_place_from)
VG__SD_LIST(vg__sd_place_to)

#undef VG__SD_LIST

#endif
