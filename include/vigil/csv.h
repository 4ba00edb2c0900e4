/*
 * vigil/csv.h - the one CSV reader of vigil.  The list readers, `vigil
 * screen` and `vigil compare --pairs` all read CSV (and TSV) through it.
 *
 * What it reads: RFC 4180 records (quoted fields may hold separators,
 * doubled quotes and line breaks) ended by CR, LF or CRLF, as real files
 * mix them; a UTF-8 byte order mark at the start is skipped; blank lines
 * and a trailing DOS end-of-file byte (0x1A) are not records.  Text after
 * a closing quote is kept (`"a"b` reads `ab`), as lenient readers do.
 *
 * What it refuses, with VG_EDATA "NAME:LINE: what": a NUL byte (no text
 * file has one; it would cut a name short further on), a quote left open
 * at the end of the input, a field, a record or a field count above the
 * limits of vg_csv_options, and, unless VG_CSV_LENIENT, a field that is not
 * valid UTF-8.
 *
 * Memory is bounded by the largest record: a reader over a stream keeps
 * one chunk of input and the current record, never the file.
 */
#ifndef VIGIL_CSV_H
#define VIGIL_CSV_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How the bytes are to be read.  Windows-1252 text is converted to UTF-8
 * field by field; ISO-8859-1 (Latin-1) text reads the same way, since the
 * two differ only in bytes 0x80-0x9F that Latin-1 text never uses. */
typedef enum {
	VG_CSV_UTF8 = 0,
	VG_CSV_WINDOWS_1252 = 1,
} vg_csv_encoding;

/* vg_csv_options.flags */
enum {
	/* A field that is not valid UTF-8, or above max_field, marks its
	 * record (vg_csv_record_error) instead of failing the read; the
	 * over-long field is cut at max_field bytes. */
	VG_CSV_LENIENT = 1u << 0,
};

typedef struct {
	unsigned int version;     /* VG_CSV_OPTIONS_VERSION */
	char separator;           /* ',' (default), '\t', ';' ... */
	vg_csv_encoding encoding;
	unsigned int flags;       /* VG_CSV_LENIENT */
	size_t max_field;         /* bytes of one field; 0: 1 MiB */
	size_t max_record;        /* bytes of one record; 0: 16 MiB */
	size_t max_fields;        /* fields of one record; 0: 65,536 */
} vg_csv_options;

#define VG_CSV_OPTIONS_VERSION 1
#define VG_CSV_OPTIONS_INIT { VG_CSV_OPTIONS_VERSION, ',', VG_CSV_UTF8, 0, 0, 0, 0 }
/* Fills opts with the defaults (for bindings that cannot use the macro). */
VG_EXTERN(void) vg_csv_options_init(vg_csv_options *opts);

typedef struct vg_csv vg_csv;

/* Reads up to cap bytes into buf: returns 0 with *got bytes (0 at the end
 * of the input), or a negative value on a read error. */
typedef int (*vg_csv_read_fn)(void *ctx, char *buf, size_t cap, size_t *got);

/* A reader over bytes in memory (which must outlive it).  `name` is the
 * file name used in messages (copied).  opts may be NULL for the defaults. */
VG_EXTERN(int) vg_csv_open_mem(vg_csv **out, const char *name, const char *data,
			       size_t len, const vg_csv_options *opts);
/* A streaming reader that pulls its input from read(ctx, ...). */
VG_EXTERN(int) vg_csv_open_stream(vg_csv **out, const char *name,
				  vg_csv_read_fn read, void *ctx,
				  const vg_csv_options *opts);
VG_EXTERN(void) vg_csv_free(vg_csv *csv);

/* Reads the next record: 1, 0 at the end of the input, or a negative
 * vg_error_code (VG_EDATA "NAME:LINE: ..." for bad input).  After an error
 * every further call returns the same error. */
VG_EXTERN(int) vg_csv_next(vg_csv *csv);

/* The current record.  Field pointers are owned by the reader, valid until
 * the next vg_csv_next, vg_csv_seek or vg_csv_free; each is NUL-terminated
 * UTF-8 without NUL bytes.  vg_csv_field returns "" past the last field. */
VG_EXTERN(size_t) vg_csv_count(const vg_csv *csv);
VG_EXTERN(const char *) vg_csv_field(const vg_csv *csv, size_t i, size_t *len);
/* Line on which the current record starts (the first line is 1). */
VG_EXTERN(size_t) vg_csv_line(const vg_csv *csv);
/* The record's bytes as they are in the input (quotes, separators and
 * inner line breaks included; its line ending and the BOM excluded), not
 * converted nor validated.  Same lifetime as the fields. */
VG_EXTERN(const char *) vg_csv_raw(const vg_csv *csv, size_t *len);
/* With VG_CSV_LENIENT: why the current record is unusable ("invalid UTF-8
 * in field 2"), or NULL when it is fine.  Same lifetime as the fields. */
VG_EXTERN(const char *) vg_csv_record_error(const vg_csv *csv);
/* Byte offset of the current record's first byte in the input. */
VG_EXTERN(uint64_t) vg_csv_offset(const vg_csv *csv);
/* Bytes of input consumed so far (for progress reports). */
VG_EXTERN(uint64_t) vg_csv_consumed(const vg_csv *csv);
/* Index of the first field of the current record equal to `name`, ignoring
 * ASCII case and white space around the field, or -1: for header rows. */
VG_EXTERN(long) vg_csv_find(const vg_csv *csv, const char *name);

/* Memory readers only: continue reading at byte `offset` of the input,
 * which starts line `line` (an offset and line that vg_csv_offset and
 * vg_csv_line gave).  VG_EUSAGE on a stream or an offset past the end. */
VG_EXTERN(int) vg_csv_seek(vg_csv *csv, uint64_t offset, size_t line);

#ifdef __cplusplus
}
#endif
#endif
