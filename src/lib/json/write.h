/*
 * write.h - the parts of the JSON writer (write.c) that render internal
 * structures: the scanner's mentions (internal).  Everything else is in
 * vigil/json.h.
 */
#ifndef VG_JSON_WRITE_H
#define VG_JSON_WRITE_H

#include "vigil/json.h"
#include "scan/scan.h"

/* {"mentions": [{"start", "end", "text", "result": RESULT, "links"}]} of
 * CONTRACT.md for mentions ms[0..n) found by scanner s in text, which
 * starts at byte offset of a longer one (0: the whole text): offsets are
 * written from there. */
int vg__json_mentions(vg_buf *out, const vg_index *index, const vg__scanner *s,
		      const vg__mention *ms, size_t n, const char *text,
		      double threshold, int links_depth, size_t offset);

#endif
