/*
 * source.h - what the list readers share (internal): opening the CSV reader,
 * UTF-8 checks, date and country normalisation, file mapping and the
 * per-format entry points that format.c dispatches to.
 *
 * Every reader parses bytes in memory (vg_source_read maps the file), so
 * fuzzers and tests feed the very same code; a reader sends each record to
 * the sink as soon as it is complete and reuses one vg_record, so its heap
 * is bounded by the largest record (UK is the exception: see uk.c).
 */
#ifndef VG_SOURCES_SOURCE_H
#define VG_SOURCES_SOURCE_H

#include "model/record.h"
#include "common/error.h"
#include "common/utf8.h"
#include "vigil/csv.h"

#include <stddef.h>
#include <stdint.h>

/* Refused above these sizes: no real list comes near them, and a bigger
 * field or line is a broken or hostile file. */
#define VG__FIELD_MAX ((size_t)1 << 20)
#define VG__LINE_MAX ((size_t)16 << 20)
#define VG__JSON_DEPTH 64

/* ---- records ------------------------------------------------------------ */

/* Sends rec to the sink and resets it for the next one. */
int vg__emit(const vg_reader_sink *sink, vg_record *rec);
void vg__warn(const vg_reader_sink *sink, const char *file, size_t line,
	      const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
/* Adds a country property: `text` is a country name, demonym or ISO code;
 * known ones are stored as ISO-2 lowercase, unknown ones as given. */
int vg__add_country(vg_record *rec, const char *key, const char *text,
		    size_t len);

/* Adds a name written "LAST, First Middle" (OFAC and lists copying it) as
 * given and in natural order "First Middle LAST"; with parts, also
 * firstName and lastName.  A name without exactly one comma is added as
 * given only. */
int vg__add_last_first(vg_record *rec, const char *key, const char *nm,
		       size_t len, const char *qual, int parts);
/* Drops white space at both ends of s[0..len). */
void vg__trim(const char **s, size_t *len);

/* ---- text --------------------------------------------------------------- */

/* ISO 15924 code of the script a name is written in ("Cyrl", "Arab",
 * "Hani" ...) from its first letter outside ASCII; "Latn" when all ASCII;
 * NULL when unknown. */
const char *vg__script_of(const char *s, size_t len);
/* ISO-2 lowercase code ("ir") for a country name, demonym or code, or NULL. */
const char *vg__country_code(const char *name, size_t len);
/* 64-bit FNV-1a, for versions and derived ids. */
uint64_t vg__fnv1a(const void *data, size_t len, uint64_t seed);
#define VG__FNV_SEED 0xcbf29ce484222325ULL

/* Date precision of free text. */
typedef enum { VG__DMY = 0, VG__MDY = 1 } vg__date_order;

/* Normalises one date ("01 Jan 1960", "1960-01-01", "Jan. 1960", "1960",
 * "01/02/1960" read in `order`) to ISO YYYY, YYYY-MM or YYYY-MM-DD in
 * out[11].  Returns 1 when it understood the text, else 0. */
int vg__date_norm(char out[11], const char *s, size_t len,
		  vg__date_order order);
/* Adds key=date for free text that may also say "circa 1960",
 * "approximately 1960", "1960 to 1962", "between 1960 and 1962" (each year
 * of a short range, qualified "between A and B"), or several dates
 * separated by ";".  Returns 1 when something was understood, 0 when not
 * (nothing added), <0 on error. */
int vg__date_add(vg_record *rec, const char *key, const char *s, size_t len,
		 vg__date_order order, const char *qual);

/* ---- encodings ---------------------------------------------------------- */

/* How a list file's text is written.  Publishers use UTF-8, with or
 * without a byte order mark, and Windows-1252 (the OFSI list) or ISO-8859-1;
 * every reader takes them all and hands on UTF-8. */
typedef enum {
	VG__TEXT_UTF8 = 0,
	VG__TEXT_UTF8_BOM,
	VG__TEXT_CP1252,
	VG__TEXT_LATIN1,
} vg__text_enc;

/* Reads the bytes: UTF-8 (or UTF-8 with its BOM) when they all decode as
 * UTF-8; otherwise Windows-1252 when a byte 0x80-0x9F occurs (Windows puts
 * punctuation there, such as the right quote 0x92) and ISO-8859-1 when
 * none does; both convert to UTF-8 the same way (vg__cp1252_to_utf8).  A
 * BOM of UTF-16 or UTF-32 is refused with VG_EDATA naming the file. */
int vg__text_detect(vg__text_enc *out, const char *name, const char *data, size_t len);
/* The same over a read-only file mapping, whose pages it lets go
 * (vg__map_release) a VG__MAP_PIECE at a time: at 1M entities the file is
 * 267 MB. */
int vg__text_detect_mapped(vg__text_enc *out, const char *name, const char *data, size_t len);
const char *vg__text_enc_name(vg__text_enc enc);
/* Records enc in meta (may be NULL): a source read from several files
 * (OFAC's set) says the first encoding that is not plain UTF-8. */
void vg__meta_encoding(vg_source_meta *meta, vg__text_enc enc);

/* ---- CSV ---------------------------------------------------------------- */

/* The CSV reader of vigil/csv.h over a list file in memory, in the
 * encoding its bytes show (recorded in meta, which may be NULL), with the
 * field limit VG__FIELD_MAX. */
int vg__csv_open(vg_csv **out, const char *name, const char *data, size_t len,
		 char sep, vg_source_meta *meta);

/* ---- files -------------------------------------------------------------- */

typedef struct {
	const char *data;
	size_t len;
	void *addr; /* what to munmap, NULL for an empty file */
} vg__map;

int vg__map_file(vg__map *m, const char *path);
void vg__unmap_file(vg__map *m);
/* Lets the whole pages of [from, to), inside a read-only file mapping, go
 * from this process's memory (a later read maps them again from the page
 * cache).  Never for other memory: its contents would be lost. */
void vg__map_release(const char *from, const char *to);
/* How much of a mapped file a reader holds before it lets the pages go. */
#define VG__MAP_PIECE ((size_t)16 << 20)

/* ---- dataset names (datasets.c) ------------------------------------------ */

/* The official lists the readers read; their dataset names are in one
 * table (OpenSanctions' names for the same lists). */
typedef enum {
	VG__DS_OFAC_SDN,  /* us_ofac_sdn: OFAC Specially Designated Nationals */
	VG__DS_OFAC_CONS, /* us_ofac_cons: OFAC consolidated (non-SDN) lists */
	VG__DS_UN_SC,     /* un_sc_sanctions: UN Security Council consolidated */
	VG__DS_EU_FSF,    /* eu_fsf: EU Financial Sanctions Files */
	VG__DS_UK_FCDO,   /* gb_fcdo_sanctions: UK Sanctions List (FCDO) */
	VG__DS_UK_HMT,    /* gb_hmt_sanctions: OFSI consolidated list (HMT) */
	VG__DS_US_CSL,    /* us_trade_csl: US Consolidated Screening List */
	VG__DS_US_DPL     /* us_bis_denied: BIS Denied Persons List */
} vg__dataset;

/* Size of vg_source_meta.name: no dataset name is longer than this - 1. */
#define VG__DATASET_MAX 64

const char *vg__dataset_name(vg__dataset d);
/* out = s[0..len) as a dataset slug: ASCII letters lower-cased, digits
 * kept, every other byte (hyphen, dot, space, ...) '_'; cut to fit. */
void vg__dataset_slug(char *out, size_t outsz, const char *s, size_t len);
/* The file's stem as a dataset slug ("un-sc.ftm.jsonl" -> "un_sc"). */
void vg__dataset_of_file(char out[VG__DATASET_MAX], const char *path);

/* Fills meta->name/format, and as_of from a date in the file name
 * ("ofac-sdn-2021-07", "list-2026-02-27.xml") when present. */
void vg__meta_init(vg_source_meta *meta, const char *name, const char *format,
		   const char *path);
/* meta->version = "fnv1a:<hex>" of data when the publisher gave none. */
void vg__meta_checksum(vg_source_meta *meta, const char *data, size_t len);
/* meta->version from a checksum h = vg__fnv1a(data, len, VG__FNV_SEED)
 * computed elsewhere (vg_source_read does it on a thread of its own). */
void vg__meta_set_checksum(vg_source_meta *meta, uint64_t h);
/* out = dir/name+suffix; VG_EUSAGE when it does not fit. */
int vg__path_join(char *out, size_t outsz, const char *dir, const char *name,
		  const char *suffix);
/* The file's base name without folders and extensions ("zala"). */
void vg__file_stem(char *out, size_t outsz, const char *path);

/* ---- readers ------------------------------------------------------------ */

typedef int (*vg__parse_fn)(const char *name, const char *data, size_t len,
			    vg_source_meta *meta, const vg_reader_sink *sink);

/* OFAC's set of four files: primary (sdn.csv or cons_prim.csv), add, alt,
 * comments; any but the first may be NULL.  `cons` selects the dataset
 * (us_ofac_cons instead of us_ofac_sdn). */
typedef struct {
	const char *name[4];
	const char *data[4];
	size_t len[4];
	int cons;
} vg__ofac_files;
int vg__ofac_parse(const vg__ofac_files *files, vg_source_meta *meta,
		   const vg_reader_sink *sink);
int vg__ofac_read(const char *path, vg_source_meta *meta,
		  const vg_reader_sink *sink);
/* Separator between the four files in vg_source_parse_mem's input (ASCII
 * "file separator"). */
#define VG__OFAC_FILE_SEP '\x1c'

int vg__un_parse(const char *name, const char *data, size_t len,
		 vg_source_meta *meta, const vg_reader_sink *sink);
int vg__eu_parse(const char *name, const char *data, size_t len,
		 vg_source_meta *meta, const vg_reader_sink *sink);
int vg__uk_parse(const char *name, const char *data, size_t len,
		 vg_source_meta *meta, const vg_reader_sink *sink);
int vg__uksl_parse(const char *name, const char *data, size_t len,
		   vg_source_meta *meta, const vg_reader_sink *sink);
int vg__csl_parse(const char *name, const char *data, size_t len,
		  vg_source_meta *meta, const vg_reader_sink *sink);
int vg__dpl_parse(const char *name, const char *data, size_t len,
		  vg_source_meta *meta, const vg_reader_sink *sink);
/* vg__ftm_parse of a read-only file mapping (vg__jsonl_mapped). */
int vg__ftm_parse_mapped(const char *name, const char *data, size_t len,
			 vg_source_meta *meta, const vg_reader_sink *sink);
int vg__ftm_parse(const char *name, const char *data, size_t len,
		  vg_source_meta *meta, const vg_reader_sink *sink);
/* FtM base + deltas: path is a delta folder or its index.json. */
int vg__ftm_read_delta(const char *path, vg_source_meta *meta,
		       const vg_reader_sink *sink);
int vg__senzing_parse(const char *name, const char *data, size_t len,
		      vg_source_meta *meta, const vg_reader_sink *sink);

/* JSON lines (FtM, Senzing): one value per line, each line at most
 * VG__LINE_MAX bytes of valid UTF-8 nested at most VG__JSON_DEPTH deep;
 * blank lines are skipped. */
struct json_object;
struct json_tokener;
typedef struct {
	const char *name;
	const char *p, *end;
	size_t line; /* line of the value last returned */
	size_t next_line;
	struct json_tokener *tok;
	struct json_object *obj;
	int convert; /* Windows-1252 or Latin-1 lines, converted into conv */
	vg_buf conv;
	/* data is a read-only file mapping (vg__jsonl_mapped): the pages of
	 * the lines read are let go up to here as reading goes on */
	const char *released;
} vg__jsonl;

/* Starts reading data in the encoding its bytes show (recorded in meta,
 * which may be NULL). */
int vg__jsonl_init(vg__jsonl *j, const char *name, const char *data,
		   size_t len, vg_source_meta *meta);
/* 1 with *out (owned by j, valid until the next call), 0 at the end, <0
 * VG_EDATA "FILE:LINE: ..." on a bad line. */
int vg__jsonl_next(vg__jsonl *j, struct json_object **out);
/* vg__jsonl_next in two steps: the next line that is not blank, converted
 * and checked (1 with *line, valid until the next call; 0 at the end; <0
 * VG_EDATA), then that line parsed by json-c (1 with *out, or <0). */
int vg__jsonl_line(vg__jsonl *j, const char **line, size_t *len);
/* vg__jsonl_init of a read-only file mapping (vg__map_file): the pages
 * the encoding's detection reads, and those of every line read, leave this
 * process's memory a VG__MAP_PIECE at a time, so that the file's size does
 * not add to the reader's memory. */
int vg__jsonl_init_mapped(vg__jsonl *j, const char *name, const char *data,
			  size_t len, vg_source_meta *meta);
int vg__jsonl_parse(vg__jsonl *j, const char *line, size_t len,
		    struct json_object **out);
void vg__jsonl_dispose(vg__jsonl *j);
/* One FtM entity line read straight into rec (ftm_line.c): 1 when it was
 * read, 0 when it is declined (json-c's path then reads it and words any
 * error), <0 never.  sc holds scratch text between calls. */
typedef struct {
	vg_buf a, b;
} vg__ftm_scratch;
/* rec from one FtM entity object parsed by json-c (0, or <0 VG_EDATA). */
int vg__ftm_entity(vg_record *rec, struct json_object *ent, const char *file,
		   size_t line);
int vg__ftm_line(vg_record *rec, const char *line, size_t len, const char *file,
		 size_t lineno, vg__ftm_scratch *sc);

/* The string member key of obj, or NULL. */
const char *vg__json_str(struct json_object *obj, const char *key,
			 size_t *len);

/* The guarded XML reader the XML lists share: a libxml2 text reader over
 * memory with network, DTD loading and entity substitution off, any
 * DOCTYPE refused, and libxml2's messages captured instead of printed. */
struct _xmlTextReader;
typedef struct {
	struct _xmlTextReader *r;
	const char *name;
	char msg[256];
	int line;
	int has_err;
} vg__xml;

/* Opens the reader over data, in the encoding the declaration names or,
 * without one (or with UTF-8), the one the bytes show; records it in meta
 * (may be NULL). */
int vg__xml_open(vg__xml *x, const char *name, const char *data, size_t len,
		 vg_source_meta *meta);
/* Advances to the next node: 1, 0 at the end, <0 VG_EDATA on bad XML. */
int vg__xml_read(vg__xml *x);
/* VG_EDATA "FILE:LINE: what: libxml2's message". */
int vg__xml_fail(vg__xml *x, const char *what);
void vg__xml_close(vg__xml *x);

/* Streams a list whose records are elements at one depth: the root must be
 * named `root` (on_root is called on it, to read its attributes); each
 * record element (named one of records[], at `depth`) is expanded into a
 * DOM subtree, handed to on_record and skipped; any other element below
 * the root goes to on_element.  Callbacks may be NULL but on_record; a
 * non-zero return stops the walk and is returned. */
struct _xmlNode;
typedef struct {
	const char *root;
	int depth;
	const char *const *records;
	int (*on_root)(void *ctx, vg__xml *x);
	int (*on_element)(void *ctx, vg__xml *x, const char *name, int depth);
	int (*on_record)(void *ctx, const struct _xmlNode *node, const char *name);
	void *ctx;
} vg__xml_walk;
int vg__xml_records(vg__xml *x, const vg__xml_walk *w);
/* An attribute of the element the reader is on (xmlFree it), or NULL. */
char *vg__xml_attr(vg__xml *x, const char *name);
/* Copies at most `max` bytes of that attribute into dst[size]; 0 when the
 * element has no such attribute (dst untouched). */
int vg__xml_attr_copy(vg__xml *x, const char *name, char *dst, size_t size, int max);

/* DOM helpers over one expanded record. */
struct _xmlNode;
/* True when n is an element named `name`. */
int vg__xml_is(const struct _xmlNode *n, const char *name);
/* The first child element of n named `name`, or NULL. */
const struct _xmlNode *vg__xml_child(const struct _xmlNode *n, const char *name);
/* n's text content (the caller xmlFree()s it); NULL when n is NULL or the
 * text is empty. */
char *vg__xml_text(const struct _xmlNode *n);
/* Adds n's text as `key` (nothing when there is none). */
int vg__xml_add_text(vg_record *rec, const char *key, const struct _xmlNode *n,
		     const char *qual);

#endif
