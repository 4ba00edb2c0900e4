/*
 * csv.c - the one CSV tokenizer (vigil/csv.h), over memory or a stream.
 *
 * Invariant: after vg_csv_next() returns 1, field i is the NUL-terminated
 * string at rec.ptr + offs[i], of offs[i+1] - offs[i] - 1 bytes (the last
 * one ends at rec.size - 1), valid UTF-8 (unless the record is marked),
 * without NUL bytes; raw/raw_len are the record's input bytes.
 *
 * How it works: the input is a window [p, end) of one chunk (the whole
 * input for a memory reader).  A record is read field by field, each field
 * unescaped into `rec`; a run of ordinary bytes is found with a table
 * lookup per byte and copied at once.  The line ending that closes a
 * record is left in the input and consumed by the next call together with
 * any blank lines, so the record's raw bytes stay in the window until then.
 * When a stream's record crosses a chunk boundary its bytes seen so far are
 * copied to `spill` before the chunk is refilled.
 */
#include "vigil/csv.h"
#include "common/alloc.h"
#include "common/error.h"
#include "common/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CHUNK (64u * 1024u)
#define DEFAULT_MAX_FIELD ((size_t)1 << 20)
#define DEFAULT_MAX_RECORD ((size_t)16 << 20)
#define DEFAULT_MAX_FIELDS ((size_t)65536)

/* byte classes: what ends a run of ordinary bytes */
enum { K_PLAIN = 0, K_SEP = 1, K_QUOTE = 2, K_LF = 3, K_CR = 4, K_NUL = 5 };

struct vg_csv {
	char *name;
	vg_csv_options o;
	unsigned char cls[256];
	/* input window */
	const char *p, *end, *base; /* base: first byte of the chunk */
	uint64_t base_off;          /* input offset of base */
	const char *data;           /* memory reader: the whole input */
	size_t len;
	vg_csv_read_fn read;
	void *ctx;
	char *chunk;
	int eof;
	/* the current record */
	vg_buf rec;
	size_t *offs;
	size_t n, cap;
	size_t line, rec_line; /* line of the next byte; of the record */
	uint64_t rec_off;
	const char *seg; /* first byte of the record not yet in spill */
	int spilled;
	vg_buf spill;
	const char *raw;
	size_t raw_len;
	const char *mark; /* VG_CSV_LENIENT: why the record is unusable */
	char mark_buf[96];
	vg_buf conv;
	int failed; /* sticky error code */
};

void vg_csv_options_init(vg_csv_options *opts)
{
	static const vg_csv_options init = VG_CSV_OPTIONS_INIT;
	if (opts)
		*opts = init;
}

static int open_common(vg_csv **out, const char *name, const vg_csv_options *opts)
{
	vg_csv *c;
	vg_csv_options o = VG_CSV_OPTIONS_INIT;
	*out = NULL;
	if (opts) {
		if (opts->version != VG_CSV_OPTIONS_VERSION)
			return vg__error_set(VG_EUSAGE, "vg_csv_options version %u, expected %u",
					     opts->version, VG_CSV_OPTIONS_VERSION);
		o = *opts;
	}
	if (o.separator == '"' || o.separator == '\n' || o.separator == '\r' ||
	    o.separator == '\0')
		return vg__error_set(VG_EUSAGE, "CSV separator cannot be a quote, a line end or NUL");
	if (o.encoding != VG_CSV_UTF8 && o.encoding != VG_CSV_WINDOWS_1252)
		return vg__error_set(VG_EUSAGE, "unknown CSV encoding %d", (int)o.encoding);
	if (!o.max_field)
		o.max_field = DEFAULT_MAX_FIELD;
	if (!o.max_record)
		o.max_record = DEFAULT_MAX_RECORD;
	if (!o.max_fields)
		o.max_fields = DEFAULT_MAX_FIELDS;
	if (!(c = vg__calloc(1, sizeof(*c))) ||
	    !(c->name = vg__strdup(name ? name : "(csv)"))) {
		free(c);
		return vg__error_oom();
	}
	c->o = o;
	c->cls[(unsigned char)o.separator] = K_SEP;
	c->cls['"'] = K_QUOTE;
	c->cls['\n'] = K_LF;
	c->cls['\r'] = K_CR;
	c->cls[0] = K_NUL;
	c->line = 1;
	*out = c;
	return 0;
}

/* A UTF-8 byte order mark at the very start is no part of the first field. */
static void skip_bom(vg_csv *c)
{
	if (c->o.encoding == VG_CSV_UTF8 && c->base_off == 0 && c->p == c->base &&
	    c->end - c->p >= 3 && memcmp(c->p, "\xEF\xBB\xBF", 3) == 0)
		c->p += 3;
}

int vg_csv_open_mem(vg_csv **out, const char *name, const char *data,
		    size_t len, const vg_csv_options *opts)
{
	int rc;
	if (!out || (!data && len))
		return vg__error_set(VG_EUSAGE, "vg_csv_open_mem: missing argument");
	if ((rc = open_common(out, name, opts)) < 0)
		return rc;
	(*out)->data = data ? data : "";
	(*out)->len = len;
	(*out)->base = (*out)->p = (*out)->data;
	(*out)->end = (*out)->data + len;
	(*out)->eof = 1;
	skip_bom(*out);
	return 0;
}

int vg_csv_open_stream(vg_csv **out, const char *name, vg_csv_read_fn read,
		       void *ctx, const vg_csv_options *opts)
{
	int rc;
	if (!out || !read)
		return vg__error_set(VG_EUSAGE, "vg_csv_open_stream: missing argument");
	if ((rc = open_common(out, name, opts)) < 0)
		return rc;
	if (!((*out)->chunk = vg__malloc(CHUNK))) {
		vg_csv_free(*out);
		*out = NULL;
		return vg__error_oom();
	}
	(*out)->read = read;
	(*out)->ctx = ctx;
	(*out)->base = (*out)->p = (*out)->end = (*out)->chunk;
	return 0;
}

void vg_csv_free(vg_csv *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->chunk);
	free(c->offs);
	vg_buf_dispose(&c->rec);
	vg_buf_dispose(&c->spill);
	vg_buf_dispose(&c->conv);
	free(c);
}

static int fail(vg_csv *c, int code)
{
	c->failed = code;
	return code;
}

/* Makes more input available: 1, 0 at the end, <0 on a read error.  The
 * bytes of the record in progress are saved to `spill` first. */
static int refill(vg_csv *c, int in_record)
{
	size_t got = 0;
	if (c->eof)
		return 0;
	if (in_record) {
		if (vg_buf_put(&c->spill, c->seg, (size_t)(c->end - c->seg)) < 0)
			return fail(c, VG_ENOMEM);
		c->spilled = 1;
	}
	c->base_off += (uint64_t)(c->end - c->base);
	for (;;) {
		size_t n = 0;
		if (c->read(c->ctx, c->chunk + got, CHUNK - got, &n) < 0)
			return fail(c, vg__error_set(VG_EIO, "%s: read error", c->name));
		got += n < CHUNK - got ? n : CHUNK - got;
		/* the first chunk holds at least a whole byte order mark */
		if (!n || c->base_off > 0 || got >= 3)
			break;
	}
	c->base = c->p = c->seg = c->chunk;
	c->end = c->chunk + got;
	if (!got) {
		c->eof = 1;
		return 0;
	}
	skip_bom(c);
	c->seg = c->p;
	return 1;
}

/* The next byte without taking it, or -1 at the end of the input. */
static int peek(vg_csv *c, int in_record)
{
	/* a refill may bring nothing but the byte order mark */
	while (c->p == c->end)
		if (refill(c, in_record) <= 0)
			return -1;
	return (unsigned char)*c->p;
}

static int nul_error(vg_csv *c)
{
	return fail(c, vg__error_set(VG_EDATA,
				     "%s:%zu: NUL byte in field %zu (a text file has none; "
				     "is this a binary file?)",
				     c->name, c->line, c->n + 1));
}

/* Appends input bytes to the field being read, minding the limits. */
static int put_field(vg_csv *c, size_t field_start, const char *s, size_t len)
{
	size_t have = c->rec.size - field_start, room;
	if (have + len <= c->o.max_field)
		return vg_buf_put(&c->rec, s, len) < 0 ? fail(c, VG_ENOMEM) : 0;
	if (!(c->o.flags & VG_CSV_LENIENT))
		return fail(c, vg__error_set(VG_EDATA, "%s:%zu: field above the limit of %zu bytes",
					     c->name, c->line, c->o.max_field));
	if (!c->mark) {
		snprintf(c->mark_buf, sizeof(c->mark_buf),
			 "field %zu above the limit of %zu bytes", c->n + 1, c->o.max_field);
		c->mark = c->mark_buf;
	}
	room = have < c->o.max_field ? c->o.max_field - have : 0;
	return vg_buf_put(&c->rec, s, room) < 0 ? fail(c, VG_ENOMEM) : 0;
}

/* Record size so far, against max_record. */
static int check_record(vg_csv *c)
{
	size_t sz = c->spill.size + (size_t)(c->p - c->seg);
	if (sz > c->o.max_record)
		return fail(c, vg__error_set(VG_EDATA,
					     "%s:%zu: record above the limit of %zu bytes (a line "
					     "without an end, or an open quote?)",
					     c->name, c->rec_line, c->o.max_record));
	return 0;
}

/* Copies the run [p, q) of ordinary bytes into the field and moves past it. */
static int take_run(vg_csv *c, size_t field_start, const char *q)
{
	int rc;
	if (q > c->p && (rc = put_field(c, field_start, c->p, (size_t)(q - c->p))) < 0)
		return rc;
	c->p = q;
	return check_record(c);
}

/* Ends the field begun at field_start: converts or validates it and
 * NUL-terminates it. */
static int end_field(vg_csv *c, size_t field_start)
{
	size_t flen = c->rec.size - field_start, bad;
	const char *f = c->rec.ptr ? c->rec.ptr + field_start : "";
	if (c->n == c->o.max_fields)
		return fail(c, vg__error_set(VG_EDATA, "%s:%zu: more than %zu fields",
					     c->name, c->rec_line, c->o.max_fields));
	if (c->o.encoding == VG_CSV_WINDOWS_1252) {
		size_t i;
		for (i = 0; i < flen && (unsigned char)f[i] < 0x80; i++)
			;
		if (i < flen) {
			vg_buf_clear(&c->conv);
			if (vg__cp1252_to_utf8(&c->conv, f, flen) < 0)
				return fail(c, VG_ENOMEM);
			c->rec.size = field_start;
			if (vg_buf_put(&c->rec, c->conv.ptr, c->conv.size) < 0)
				return fail(c, VG_ENOMEM);
		}
	} else if (!vg__utf8_valid(f, flen, &bad)) {
		if (!(c->o.flags & VG_CSV_LENIENT))
			return fail(c, vg__error_set(VG_EDATA,
						     "%s:%zu: invalid UTF-8 (byte 0x%02x in field %zu); "
						     "the file must be UTF-8 or Windows-1252",
						     c->name, c->rec_line, (unsigned char)f[bad], c->n + 1));
		if (!c->mark) {
			snprintf(c->mark_buf, sizeof(c->mark_buf),
				 "invalid UTF-8 (byte 0x%02x in field %zu)",
				 (unsigned char)f[bad], c->n + 1);
			c->mark = c->mark_buf;
		}
	}
	if (vg__grow(&c->offs, &c->cap, c->n + 1, sizeof(*c->offs)))
		return fail(c, VG_ENOMEM);
	c->offs[c->n++] = field_start;
	return vg_buf_put(&c->rec, "", 1) < 0 ? fail(c, VG_ENOMEM) : 0;
}

/* A quoted field's content, from after its opening quote through its
 * closing quote. */
static int read_quoted(vg_csv *c, size_t field_start)
{
	size_t open_line = c->line;
	int rc;
	for (;;) {
		const char *q = c->p;
		int k;
		/* separators are data here */
		while (q < c->end && c->cls[(unsigned char)*q] < K_QUOTE)
			q++;
		if ((rc = take_run(c, field_start, q)) < 0)
			return rc;
		if (q == c->end) {
			if ((rc = refill(c, 1)) < 0)
				return rc;
			if (rc == 0)
				return fail(c, vg__error_set(VG_EDATA,
							     "%s:%zu: unterminated quoted field (file truncated?)",
							     c->name, open_line));
			continue;
		}
		k = c->cls[(unsigned char)*q];
		if (k == K_NUL)
			return nul_error(c);
		c->p++;
		if (k == K_QUOTE) {
			if (peek(c, 1) == '"') {
				c->p++;
				if ((rc = put_field(c, field_start, "\"", 1)) < 0)
					return rc;
				continue;
			}
			return 0;
		}
		/* a line break inside quotes is data; CRLF counts once */
		if ((rc = put_field(c, field_start, q, 1)) < 0)
			return rc;
		if (k == K_LF || peek(c, 1) != '\n')
			c->line++;
		if (c->failed)
			return c->failed;
	}
}

/* Reads one record's fields; the input is at its first byte. */
static int read_record(vg_csv *c)
{
	int rc;
	for (;;) {
		size_t field_start = c->rec.size;
		int k = K_PLAIN;
		if (peek(c, 1) == '"') {
			c->p++;
			if ((rc = read_quoted(c, field_start)) < 0)
				return rc;
		}
		for (;;) {
			const char *q = c->p;
			while (q < c->end && c->cls[(unsigned char)*q] <= K_QUOTE &&
			       c->cls[(unsigned char)*q] != K_SEP)
				q++;
			if ((rc = take_run(c, field_start, q)) < 0)
				return rc;
			if (q < c->end) {
				k = c->cls[(unsigned char)*q];
				break;
			}
			if ((rc = refill(c, 1)) < 0)
				return rc;
			if (rc == 0) {
				k = K_LF; /* the end of the input ends the record */
				break;
			}
		}
		if (k == K_NUL)
			return nul_error(c);
		if ((rc = end_field(c, field_start)) < 0)
			return rc;
		if (k != K_SEP)
			return 0; /* CR or LF stays for the next call */
		c->p++;
	}
}

/* Consumes line endings and blank lines before a record: 1 when a record
 * starts at c->p, 0 at the end of the input. */
static int skip_blank(vg_csv *c)
{
	for (;;) {
		int ch = peek(c, 0);
		if (ch < 0)
			return c->failed ? c->failed : 0;
		if (ch == '\n') {
			c->p++;
			c->line++;
		} else if (ch == '\r') {
			c->p++;
			if (peek(c, 0) == '\n')
				c->p++;
			c->line++;
		} else {
			return 1;
		}
	}
}

/* A record of nothing but the DOS end-of-file byte and blanks. */
static int is_eof_marker(const vg_csv *c)
{
	size_t i;
	if (c->n != 1 || !c->raw_len || c->raw[0] != '\x1a')
		return 0;
	for (i = 1; i < c->raw_len; i++)
		if (c->raw[i] != ' ' && c->raw[i] != '\t' && c->raw[i] != '\x1a')
			return 0;
	return 1;
}

int vg_csv_next(vg_csv *c)
{
	int rc;
	if (!c)
		return vg__error_set(VG_EUSAGE, "vg_csv_next: no reader");
	if (c->failed)
		return c->failed;
	for (;;) {
		if ((rc = skip_blank(c)) <= 0)
			return rc;
		vg_buf_clear(&c->rec);
		vg_buf_clear(&c->spill);
		c->n = 0;
		c->mark = NULL;
		c->spilled = 0;
		c->seg = c->p;
		c->rec_line = c->line;
		c->rec_off = c->base_off + (uint64_t)(c->p - c->base);
		if ((rc = read_record(c)) < 0)
			return rc;
		if (c->spilled) {
			if (vg_buf_put(&c->spill, c->seg, (size_t)(c->p - c->seg)) < 0)
				return fail(c, VG_ENOMEM);
			c->raw = c->spill.ptr;
			c->raw_len = c->spill.size;
		} else {
			c->raw = c->seg;
			c->raw_len = (size_t)(c->p - c->seg);
		}
		if (!is_eof_marker(c))
			return 1;
	}
}

size_t vg_csv_count(const vg_csv *c)
{
	return c ? c->n : 0;
}

const char *vg_csv_field(const vg_csv *c, size_t i, size_t *len)
{
	size_t next;
	if (!c || i >= c->n) {
		if (len)
			*len = 0;
		return "";
	}
	next = i + 1 < c->n ? c->offs[i + 1] : c->rec.size;
	if (len)
		*len = next - c->offs[i] - 1;
	return c->rec.ptr + c->offs[i];
}

size_t vg_csv_line(const vg_csv *c)
{
	return c ? c->rec_line : 0;
}

const char *vg_csv_raw(const vg_csv *c, size_t *len)
{
	if (!c || !c->raw) {
		if (len)
			*len = 0;
		return "";
	}
	if (len)
		*len = c->raw_len;
	return c->raw;
}

const char *vg_csv_record_error(const vg_csv *c)
{
	return c ? c->mark : NULL;
}

uint64_t vg_csv_offset(const vg_csv *c)
{
	return c ? c->rec_off : 0;
}

uint64_t vg_csv_consumed(const vg_csv *c)
{
	return c ? c->base_off + (uint64_t)(c->p - c->base) : 0;
}

long vg_csv_find(const vg_csv *c, const char *name)
{
	size_t i, nl = name ? strlen(name) : 0;
	for (i = 0; c && name && i < c->n; i++) {
		size_t len;
		const char *f = vg_csv_field(c, i, &len);
		while (len && (*f == ' ' || *f == '\t')) {
			f++;
			len--;
		}
		while (len && (f[len - 1] == ' ' || f[len - 1] == '\t'))
			len--;
		if (len == nl && strncasecmp(f, name, nl) == 0)
			return (long)i;
	}
	return -1;
}

int vg_csv_seek(vg_csv *c, uint64_t offset, size_t line)
{
	if (!c || c->read)
		return vg__error_set(VG_EUSAGE, "vg_csv_seek: only a memory reader can seek");
	if (offset > c->len)
		return vg__error_set(VG_EUSAGE, "vg_csv_seek: offset %llu past the end",
				     (unsigned long long)offset);
	c->p = c->data + offset;
	c->line = line ? line : 1;
	skip_bom(c);
	c->failed = 0;
	c->n = 0;
	c->raw = NULL;
	c->raw_len = 0;
	return 0;
}
