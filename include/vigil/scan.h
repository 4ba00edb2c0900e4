/*
 * vigil/scan.h - finding listed parties mentioned in free text.
 *
 * A scanner is a dictionary of every token of every listed name of an index,
 * built once (tens of milliseconds on all the shared lists) and then read by
 * any number of scans, from any number of threads at once: it never changes
 * after vg_scanner_new.  The index must outlive the scanner.
 */
#ifndef VIGIL_SCAN_H
#define VIGIL_SCAN_H

#include "common.h"
#include "index.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vg_scanner vg_scanner;

typedef struct {
	unsigned version;
	double threshold;   /* < 0: the default scan threshold */
	int links_depth;    /* default 1 */
	bool html;          /* strip tags first (offsets stay in the input) */
	/* version >= 2: */
	double time_limit_ms; /* > 0: stop with VG_ETIMEOUT past this long */
	/* version >= 3: */
	size_t offset;      /* the text is a piece of a longer one starting at
			     * this byte: added to every offset reported */
} vg_scan_options;

#define VG_SCAN_OPTIONS_VERSION 3
#define VG_SCAN_OPTIONS_INIT { VG_SCAN_OPTIONS_VERSION, -1.0, 1, false, 0.0, 0 }
/* Sets *options to VG_SCAN_OPTIONS_INIT (for bindings without macros). */
VG_EXTERN(void) vg_scan_options_init(vg_scan_options *options);

/* Builds the dictionary of every name of every entity of `index`.  The
 * caller frees *out with vg_scanner_free; `index` must outlive it. */
VG_EXTERN(int) vg_scanner_new(vg_scanner **out, const vg_index *index);
VG_EXTERN(void) vg_scanner_free(vg_scanner *scanner);

/* A listed entity mentioned in a text. */
typedef struct {
	size_t start, end;         /* byte offsets into the text */
	uint32_t ordinal;          /* the entity */
	double score;
	bool match;                /* score >= the threshold */
	const char *rule;          /* why it counts: "name", "distinctive
				    * one-word name", "surname after the full
				    * name", "rare surname of a listed person",
				    * "name the text gives it", "relative of a
				    * person named before" */
	const char *listed_name;   /* the listed name found (not NUL-
				    * terminated: listed_len bytes) */
	size_t listed_len;
	size_t full_mention_start; /* the full mention a lone surname, a
				    * name the text gives or a relative
				    * refers to, or SIZE_MAX */
	size_t n_alternatives;     /* other entities listed under that name */
	uint32_t alternatives[4];
} vg_mention;

/* Finds listed entities mentioned in `text`: *mentions is a new array of
 * *n mentions in text order, which the caller frees with free(); the
 * listed names point into the scanner (valid while it is). */
VG_EXTERN(int) vg_scan(vg_mention **mentions, size_t *n, const vg_scanner *scanner,
		       const char *text, size_t len, const vg_scan_options *options);

/* The mentions written as JSON (by the writer, vigil/json.h): appends
 * {"mentions": [{"start", "end", "text", "result", "links"}]} to `out`.
 * Offsets are byte offsets into `text`.  Safe to call from several threads
 * on one scanner.  Invalid UTF-8, NUL bytes and control characters fail
 * with VG_EDATA naming the byte offset; on failure `out` is as it was. */
VG_EXTERN(int) vg_scan_json(const vg_scanner *scanner, const char *text,
			    size_t len, const vg_scan_options *options,
			    vg_buf *out);

#ifdef __cplusplus
}
#endif
#endif
