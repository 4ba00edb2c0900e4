/*
 * record.h - the one entity model every reader produces (internal).
 *
 * The model is FollowTheMoney's: a record is an id, a schema and a bag of
 * multi-valued properties named as in FtM ("name", "alias", "weakAlias",
 * "firstName", "birthDate", "idNumber", ...).  Facts about an entity that
 * FtM models as entities of their own stay entities of their own here too:
 * a Sanction record points at its entity with property "entity"; links are
 * Ownership (owner, asset, percentage), Directorship (director,
 * organization, role), Membership (member, organization), Employment
 * (employee, employer), Family (person, relative, relationship), Associate
 * (person, associate), UnknownLink (subject, object, role: "branch of",
 * "linked to" ...).  That way FtM data loads without loss and every other
 * format is translated into the same shape.
 *
 * A property value may carry a qualifier: the issuing country of an
 * identifier, the quality ("low", "good") of an alias, the script of a name
 * written in its original script, the precision of a date ("circa",
 * "from 1960 to 1962").
 *
 * Memory: a reader fills a vg_record whose strings live in the record's own
 * arena; the callback must copy what it keeps.  After the callback returns
 * the reader clears the record and reuses it, so memory is bounded by the
 * largest record, not the file.
 */
#ifndef VG_MODEL_RECORD_H
#define VG_MODEL_RECORD_H

#include "vigil/common.h"
#include "vigil/index.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
	const char *key;   /* FtM property name, NUL-terminated */
	const char *value; /* UTF-8, NUL-terminated, never empty */
	const char *qual;  /* qualifier or NULL */
} vg_prop;

typedef struct vg_record {
	const char *id;          /* stable id: SOURCE-NATIVEID, or FtM's id */
	vg_schema schema;
	const char *schema_name; /* FtM schema name as read (for VG_SCHEMA_OTHER) */
	vg_prop *props;
	size_t n_props, cap_props;
	/* where it came from, for error messages and provenance */
	const char *file;
	size_t line;
	/* private: the string arena */
	char *arena;
	size_t arena_used, arena_cap;
} vg_record;

void vg_record_init(vg_record *rec);
void vg_record_reset(vg_record *rec);  /* empties it, keeps the memory */
void vg_record_dispose(vg_record *rec);

/* Largest property value: a longer one is bad data (VG_EDATA). */
#define VG_RECORD_VALUE_MAX ((size_t)1 << 20)

/* Copies the strings into the record.  value of length 0 is ignored
 * (returns 0).  Leading/trailing white space in value is trimmed; a value
 * above VG_RECORD_VALUE_MAX fails with VG_EDATA "FILE:LINE: ...". */
int vg_record_set_id(vg_record *rec, const char *id, size_t len);
int vg_record_add(vg_record *rec, const char *key, const char *value,
		  size_t len, const char *qual);
int vg_record_addf(vg_record *rec, const char *key, const char *qual,
		   const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
/* Sets schema from an FtM schema name (VG_SCHEMA_OTHER when vigil does not
 * know it) and keeps the name as read in schema_name. */
int vg_record_set_schema(vg_record *rec, const char *name, size_t len);
/* First value of key, or NULL. */
const char *vg_record_get(const vg_record *rec, const char *key);

/* What a reader tells its caller about the source as a whole. */
typedef struct {
	char name[64];       /* dataset name: "us_ofac_sdn" (sources/datasets.c), file stem as a slug for FtM */
	char format[32];     /* "ofac-csv" ... */
	char as_of[32];      /* publication date when the file says, else "" */
	char version[64];    /* publisher's version or file checksum */
	char encoding[24];   /* how its text was written: "utf-8", "utf-8 (BOM)",
			      * "windows-1252", "iso-8859-1" (read as UTF-8) */
} vg_source_meta;

/* Reader callback: receives each complete record.  A non-zero return stops
 * the reader, which returns that value. */
typedef int (*vg_record_cb)(void *ctx, const vg_record *rec);

/* Warnings and skipped records are reported here; the reader goes on. */
typedef void (*vg_warn_cb)(void *ctx, const char *file, size_t line,
			   const char *what);

typedef struct {
	vg_record_cb on_record;
	vg_warn_cb on_warning; /* may be NULL */
	void *ctx;
	/* threads the reader may use, the calling one's included (0 or 1:
	 * that one alone); records reach on_record on the calling thread,
	 * in file order, whatever the number */
	unsigned threads;
} vg_reader_sink;

/* Reads `path` (file, or folder for OFAC) in `format` and sends every record
 * to the sink.  Fills *meta.  Bad input: VG_EDATA with "FILE:LINE: ...". */
int vg_source_read(const char *path, vg_format format, vg_source_meta *meta,
		   const vg_reader_sink *sink);

/* Parsers over memory, one per format, for tests and fuzzers.  `name` is
 * used in messages as the file name. */
int vg_source_parse_mem(const char *name, const char *data, size_t len,
			vg_format format, vg_source_meta *meta,
			const vg_reader_sink *sink);

#endif
