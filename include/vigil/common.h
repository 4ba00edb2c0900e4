/*
 * vigil/common.h - error handling, growable buffers and schemas shared by
 * every part of the public API.
 *
 * Error discipline (as in libgit2): a function that can fail returns an int,
 * 0 on success or a negative vg_error_code, with its outputs as the first
 * arguments.  The message of the last failure on the calling thread is kept
 * in thread-local storage and read with vg_error_last().  The library never
 * prints and never exits.
 */
#ifndef VIGIL_COMMON_H
#define VIGIL_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vigil/version.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define VG_EXTERN(type) extern __attribute__((visibility("default"))) type
#else
#define VG_EXTERN(type) extern type
#endif

/* The version of the library loaded: its string ("0.1.0"), and its
 * parts when the pointers are not NULL.  Static storage. */
VG_EXTERN(const char *) vg_version(int *major, int *minor, int *patch);

/* Error codes.  The CLI maps them to exit statuses: VG_EUSAGE -> 2,
 * VG_EDATA -> 3, anything else -> 1. */
typedef enum {
	VG_OK = 0,
	VG_ERROR = -1,     /* generic runtime failure */
	VG_EUSAGE = -2,    /* bad argument from the caller */
	VG_EDATA = -3,     /* bad input data (file, record, request) */
	VG_ENOMEM = -4,    /* allocation failed or size overflow */
	VG_EIO = -5,       /* operating-system I/O failure */
	VG_ENOTFOUND = -6, /* requested item does not exist */
	VG_ETIMEOUT = -7,  /* a time limit was exceeded */
	VG_ECONFLICT = -8, /* the item changed since the caller read it */
	VG_EFORMAT = -9,   /* an index of another format version: rebuild it */
} vg_error_code;

typedef struct {
	int code;            /* a vg_error_code */
	const char *message; /* never NULL; "" when no error was recorded */
} vg_error;

/* The last error recorded on this thread.  Valid until the next failing
 * call on the same thread. */
VG_EXTERN(const vg_error *) vg_error_last(void);
VG_EXTERN(void) vg_error_clear(void);

/* A growable byte buffer, always NUL-terminated when ptr != NULL.
 * Initialise with VG_BUF_INIT; release with vg_buf_dispose.
 *
 * Out of memory is sticky: the first write that cannot grow the buffer sets
 * `oom`, and every later write returns VG_ENOMEM without writing, so a
 * writer may append a whole document and check once, with vg_buf_oom() or
 * vg_buf_check(), instead of after every call.  The content of a buffer
 * whose oom flag is set is incomplete; vg_buf_clear starts it afresh. */
typedef struct {
	char *ptr;
	size_t size;  /* bytes used, excluding the terminating NUL */
	size_t asize; /* bytes allocated */
	int oom;      /* a write failed: the content is incomplete */
} vg_buf;

#define VG_BUF_INIT { NULL, 0, 0, 0 }

VG_EXTERN(int) vg_buf_grow(vg_buf *buf, size_t target_size);
VG_EXTERN(int) vg_buf_put(vg_buf *buf, const char *data, size_t len);
VG_EXTERN(int) vg_buf_puts(vg_buf *buf, const char *str);
VG_EXTERN(int) vg_buf_printf(vg_buf *buf, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Appends str as a JSON string literal (quotes included, escaped). */
VG_EXTERN(int) vg_buf_put_json_string(vg_buf *buf, const char *str, size_t len);
/* Whether a write failed since the buffer was last cleared. */
VG_EXTERN(bool) vg_buf_oom(const vg_buf *buf);
/* 0, or VG_ENOMEM (recorded as the last error) when a write failed. */
VG_EXTERN(int) vg_buf_check(const vg_buf *buf);
/* Empties the buffer (keeping its memory) and clears the oom flag. */
VG_EXTERN(void) vg_buf_clear(vg_buf *buf);
/* Cuts the content back to `size` bytes (<= buf->size). */
VG_EXTERN(void) vg_buf_truncate(vg_buf *buf, size_t size);
VG_EXTERN(void) vg_buf_dispose(vg_buf *buf);

/* True when s[0..len) is valid UTF-8 (no overlong forms, surrogates or
 * values past U+10FFFF); otherwise false with the offset of the first
 * invalid sequence in *bad (when not NULL). */
VG_EXTERN(bool) vg_utf8_valid(const char *s, size_t len, size_t *bad);

/* The allocation hook.  Every allocation the library makes asks the hook
 * first (when one is set); a hook that returns false makes that allocation
 * fail, and the call that needed it returns VG_ENOMEM, having freed what it
 * had taken.  Memory itself always comes from the C library (malloc/free).
 * This is for failure-injection tests and for accounting: set it while no
 * other thread is inside the library; NULL removes it.  Allocations made
 * inside ICU, libxml2, json-c and libcurl are not seen by the hook. */
typedef bool (*vg_alloc_hook)(size_t size, void *ctx);
VG_EXTERN(void) vg_alloc_set_hook(vg_alloc_hook hook, void *ctx);

/* FollowTheMoney schemata that vigil interprets.  The first group are the
 * parties a list names (what `vigil info` counts as entities); the rest are
 * facts attached to them.  A Position is kept and indexed by name but is
 * not a party: only a query for a Position finds one.  VG_SCHEMA_THING
 * stands for "any party" in queries.  Every other FtM schema is
 * VG_SCHEMA_OTHER, carried with its name. */
typedef enum {
	VG_SCHEMA_UNKNOWN = 0,
	VG_SCHEMA_THING,
	VG_SCHEMA_LEGAL_ENTITY,
	VG_SCHEMA_PERSON,
	VG_SCHEMA_ORGANIZATION,
	VG_SCHEMA_COMPANY,
	VG_SCHEMA_PUBLIC_BODY,
	VG_SCHEMA_VESSEL,
	VG_SCHEMA_AIRPLANE,
	/* not parties: */
	VG_SCHEMA_SANCTION,
	VG_SCHEMA_OWNERSHIP,
	VG_SCHEMA_DIRECTORSHIP,
	VG_SCHEMA_MEMBERSHIP,
	VG_SCHEMA_EMPLOYMENT,
	VG_SCHEMA_FAMILY,
	VG_SCHEMA_ASSOCIATE,
	VG_SCHEMA_UNKNOWN_LINK,
	VG_SCHEMA_OCCUPANCY,
	VG_SCHEMA_POSITION,
	VG_SCHEMA_ADDRESS,
	VG_SCHEMA_IDENTIFICATION,
	VG_SCHEMA_PASSPORT,
	VG_SCHEMA_PAYMENT,
	VG_SCHEMA_OTHER, /* an FtM schema vigil carries without interpreting */
	VG_SCHEMA__COUNT
} vg_schema;

/* Parses an FtM schema name ("Person", "LegalEntity" ...), case-insensitive
 * ("Aircraft", vigil's old name for Airplane, is read as Airplane).
 * Returns VG_SCHEMA_UNKNOWN for names it does not know. */
VG_EXTERN(vg_schema) vg_schema_from_name(const char *name, size_t len);
/* The FtM name of a schema ("Person"); static storage. */
VG_EXTERN(const char *) vg_schema_name(vg_schema schema);
/* A party a list names: Person, Organization, Company, PublicBody,
 * LegalEntity, Vessel, Airplane. */
VG_EXTERN(bool) vg_schema_is_party(vg_schema schema);
/* Indexed by name and screenable when asked for: the parties and Position. */
VG_EXTERN(bool) vg_schema_is_screenable(vg_schema schema);
/* An organisation: Organization, Company, PublicBody, and LegalEntity, which
 * lists use for parties of unknown kind (mostly organisations). */
VG_EXTERN(bool) vg_schema_is_organization(vg_schema schema);
/* A vehicle: Vessel, Airplane. */
VG_EXTERN(bool) vg_schema_is_vehicle(vg_schema schema);
/* The lower-case ISO 3166 code of a country given by its code or its name
 * in English ("Russia", "RU", "Russian Federation" -> "ru"), or NULL when
 * vigil does not know it.  Static storage. */
VG_EXTERN(const char *) vg_country_code(const char *text);
/* The English name of the country with that ISO 3166 code, lower case as
 * vigil's table writes it ("ru" -> "russia"), or NULL.  Static storage. */
VG_EXTERN(const char *) vg_country_name(const char *code);

/* True when a query of schema `query` may match an entity of schema
 * `candidate`: a Person never matches a Vessel; LegalEntity matches Person,
 * Company and Organization; Thing matches every party; a Position only
 * matches a query for a Position. */
VG_EXTERN(bool) vg_schema_compatible(vg_schema query, vg_schema candidate);

#ifdef __cplusplus
}
#endif
#endif
