/*
 * util.c - helpers every list reader uses: handing records to the sink,
 * warnings, UTF-8 validation, checksums, the CSV tokenizer, mapping files
 * and source metadata.
 *
 * Invariant of the CSV tokenizer: after vg__csv_next() returns 1, fields[i]
 * points into buf at a NUL-terminated, unescaped, valid UTF-8 string of
 * lens[i] bytes, lens[i] <= VG__FIELD_MAX; the pointers stay valid until the
 * next call.
 */
#include "sources/source.h"
#include "common/alloc.h"
#include "common/files.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int vg__emit(const vg_reader_sink *sink, vg_record *rec)
{
	int rc = 0;
	if (sink && sink->on_record)
		rc = sink->on_record(sink->ctx, rec);
	vg_record_reset(rec);
	return rc;
}

void vg__warn(const vg_reader_sink *sink, const char *file, size_t line,
	      const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	if (!sink || !sink->on_warning)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sink->on_warning(sink->ctx, file, line, msg);
}

int vg__add_country(vg_record *rec, const char *key, const char *text,
		    size_t len)
{
	const char *code = vg__country_code(text, len);
	if (code)
		return vg_record_add(rec, key, code, strlen(code), NULL);
	return vg_record_add(rec, key, text, len, NULL);
}

void vg__trim(const char **s, size_t *len)
{
	while (*len && isspace((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

/* "LAST, First Middle" -> name as given, "First Middle LAST", and parts. */
int vg__add_last_first(vg_record *rec, const char *key, const char *nm,
			   size_t len, const char *qual, int parts)
{
	const char *comma = memchr(nm, ',', len);
	int rc;
	if ((rc = vg_record_add(rec, key, nm, len, qual)) < 0)
		return rc;
	if (comma) {
		const char *last = nm, *first = comma + 1;
		size_t llen = (size_t)(comma - nm), flen = len - llen - 1;
		vg__trim(&last, &llen);
		vg__trim(&first, &flen);
		/* a second comma means it is not a simple "LAST, First" */
		if (!llen || !flen || memchr(first, ',', flen))
			return 0;
		if ((rc = vg_record_addf(rec, key, qual, "%.*s %.*s", (int)flen, first,
					 (int)llen, last)) < 0)
			return rc;
		if (parts &&
		    ((rc = vg_record_add(rec, "firstName", first, flen, NULL)) < 0 ||
		     (rc = vg_record_add(rec, "lastName", last, llen, NULL)) < 0))
			return rc;
	}
	return 0;
}

const char *vg__script_of(const char *s, size_t len)
{
	static const struct {
		uint32_t lo, hi;
		const char *script;
	} ranges[] = {
		{ 0x00C0, 0x024F, "Latn" }, { 0x0370, 0x03FF, "Grek" },
		{ 0x0400, 0x052F, "Cyrl" }, { 0x0530, 0x058F, "Armn" },
		{ 0x0590, 0x05FF, "Hebr" }, { 0x0600, 0x06FF, "Arab" },
		{ 0x0750, 0x077F, "Arab" }, { 0x0E00, 0x0E7F, "Thai" },
		{ 0x10A0, 0x10FF, "Geor" }, { 0x1100, 0x11FF, "Hang" },
		{ 0x1E00, 0x1EFF, "Latn" }, { 0x3040, 0x30FF, "Jpan" },
		{ 0x3400, 0x4DBF, "Hani" }, { 0x4E00, 0x9FFF, "Hani" },
		{ 0xAC00, 0xD7AF, "Hang" }, { 0xFB50, 0xFDFF, "Arab" },
		{ 0xFE70, 0xFEFF, "Arab" },
	};
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	while (i < len) {
		uint32_t cp;
		size_t n;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((p[i] & 0xE0) == 0xC0 && i + 1 < len) {
			cp = ((uint32_t)(p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F);
			n = 2;
		} else if ((p[i] & 0xF0) == 0xE0 && i + 2 < len) {
			cp = ((uint32_t)(p[i] & 0x0F) << 12) | ((uint32_t)(p[i + 1] & 0x3F) << 6) |
			     (p[i + 2] & 0x3F);
			n = 3;
		} else {
			return NULL;
		}
		for (k = 0; k < sizeof(ranges) / sizeof(ranges[0]); k++)
			if (cp >= ranges[k].lo && cp <= ranges[k].hi)
				return ranges[k].script;
		/* punctuation and symbols say nothing: look further */
		i += n;
	}
	return "Latn";
}

uint64_t vg__fnv1a(const void *data, size_t len, uint64_t h)
{
	const unsigned char *p = data;
	size_t i;
	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* ---- encodings ---------------------------------------------------------- */

/* The end of the piece of data from `from` that detection reads before it
 * lets its pages go: about VG__MAP_PIECE, ending after a line end (no
 * UTF-8 sequence spans one, so each piece is valid or not on its own). */
static size_t piece_end(const char *data, size_t len, size_t from, int release)
{
	const char *nl;
	if (!release || len - from <= VG__MAP_PIECE)
		return len;
	nl = memchr(data + from + VG__MAP_PIECE, '\n', len - from - VG__MAP_PIECE);
	return nl ? (size_t)(nl - data) + 1 : len;
}

/* Whether data is valid UTF-8, read a piece at a time (piece_end), each
 * piece's pages let go after it when `release`. */
static int utf8_valid_pieces(const char *data, size_t len, int release)
{
	size_t at = 0, end;
	int ok = 1;
	for (; ok && at < len; at = end) {
		end = piece_end(data, len, at, release);
		ok = vg__utf8_valid(data + at, end - at, NULL);
		if (release)
			vg__map_release(data + at, data + end);
	}
	return ok;
}

static int text_detect(vg__text_enc *out, const char *name, const char *data, size_t len,
		       int release)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t i;
	*out = VG__TEXT_UTF8;
	if ((len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) ||
	    (len >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF))
		return vg__error_set(VG_EDATA,
				     "%s:1: UTF-16 or UTF-32 text (byte order mark %02X %02X); "
				     "save the list as UTF-8", name, p[0], p[1]);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		/* a BOM says UTF-8: a bad byte after it is an error, not
		 * another encoding */
		*out = VG__TEXT_UTF8_BOM;
		return 0;
	}
	if (utf8_valid_pieces(data, len, release))
		return 0;
	*out = VG__TEXT_LATIN1;
	for (i = 0; i < len; i++) {
		if (p[i] >= 0x80 && p[i] < 0xA0) {
			*out = VG__TEXT_CP1252;
			break;
		}
	}
	if (release)
		vg__map_release(data, data + len);
	return 0;
}

int vg__text_detect(vg__text_enc *out, const char *name, const char *data, size_t len)
{
	return text_detect(out, name, data, len, 0);
}

int vg__text_detect_mapped(vg__text_enc *out, const char *name, const char *data, size_t len)
{
	return text_detect(out, name, data, len, 1);
}

const char *vg__text_enc_name(vg__text_enc enc)
{
	switch (enc) {
	case VG__TEXT_UTF8_BOM: return "utf-8 (BOM)";
	case VG__TEXT_CP1252: return "windows-1252";
	case VG__TEXT_LATIN1: return "iso-8859-1";
	default: return "utf-8";
	}
}

void vg__meta_encoding(vg_source_meta *meta, vg__text_enc enc)
{
	if (!meta || (meta->encoding[0] && strcmp(meta->encoding, "utf-8") != 0))
		return;
	if (!meta->encoding[0] || enc != VG__TEXT_UTF8)
		snprintf(meta->encoding, sizeof(meta->encoding), "%s", vg__text_enc_name(enc));
}

/* ---- CSV ---------------------------------------------------------------- */

int vg__csv_open(vg_csv **out, const char *name, const char *data, size_t len,
		 char sep, vg_source_meta *meta)
{
	vg_csv_options o = VG_CSV_OPTIONS_INIT;
	vg__text_enc enc;
	int rc;
	*out = NULL;
	if ((rc = vg__text_detect(&enc, name, data, len)) < 0)
		return rc;
	vg__meta_encoding(meta, enc);
	o.separator = sep;
	o.max_field = VG__FIELD_MAX;
	if (enc == VG__TEXT_CP1252 || enc == VG__TEXT_LATIN1)
		o.encoding = VG_CSV_WINDOWS_1252;
	return vg_csv_open_mem(out, name, data, len, &o);
}

/* ---- files -------------------------------------------------------------- */

int vg__map_file(vg__map *m, const char *path)
{
	struct stat st;
	int fd;
	void *addr;
	memset(m, 0, sizeof(*m));
	m->data = "";
	int rc;
	if ((rc = vg__open_regular(&fd, &st, path)) < 0)
		return rc;
	if (st.st_size == 0) {
		close(fd);
		return 0;
	}
	addr = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (addr == MAP_FAILED)
		return vg__error_set(VG_EIO, "%s: cannot map: %s", path,
				     strerror(errno));
	m->addr = addr;
	m->data = addr;
	m->len = (size_t)st.st_size;
	return 0;
}

void vg__map_release(const char *from, const char *to)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t a = ((uintptr_t)from + page - 1) / page * page, b = (uintptr_t)to / page * page;
	if (b > a)
		madvise((void *)a, b - a, MADV_DONTNEED);
}

void vg__unmap_file(vg__map *m)
{
	if (m->addr)
		munmap(m->addr, m->len);
	memset(m, 0, sizeof(*m));
}

static void copy_str(char *dst, size_t dstsz, const char *src, size_t len)
{
	if (len >= dstsz)
		len = dstsz - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* Finds YYYY-MM-DD or YYYY-MM (1900..2099) in s, preferring the longer. */
static int find_date(char out[11], const char *s)
{
	size_t n = strlen(s), i;
	for (i = 0; i + 7 <= n; i++) {
		const char *p = s + i;
		if ((p[0] == '1' || p[0] == '2') && isdigit((unsigned char)p[1]) &&
		    isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
		    p[4] == '-' && isdigit((unsigned char)p[5]) &&
		    isdigit((unsigned char)p[6]) &&
		    (i == 0 || !isdigit((unsigned char)p[-1]))) {
			if (i + 10 <= n && p[7] == '-' && isdigit((unsigned char)p[8]) &&
			    isdigit((unsigned char)p[9])) {
				copy_str(out, 11, p, 10);
				return 1;
			}
			copy_str(out, 11, p, 7);
			return 1;
		}
	}
	return 0;
}

int vg__path_join(char *out, size_t outsz, const char *dir, const char *name,
		  const char *suffix)
{
	size_t a = strlen(dir), b = strlen(name), c = strlen(suffix);
	if (a + b + c + 2 > outsz)
		return vg__error_set(VG_EUSAGE, "%s/%s%s: path too long", dir, name, suffix);
	memcpy(out, dir, a);
	out[a] = '/';
	memcpy(out + a + 1, name, b);
	memcpy(out + a + 1 + b, suffix, c + 1);
	return 0;
}

void vg__file_stem(char *out, size_t outsz, const char *path)
{
	const char *b = strrchr(path, '/'), *dot;
	size_t len;
	b = b ? b + 1 : path;
	dot = strchr(b, '.');
	len = dot ? (size_t)(dot - b) : strlen(b);
	copy_str(out, outsz, b, len);
}

void vg__meta_init(vg_source_meta *meta, const char *name, const char *format,
		   const char *path)
{
	char d[11];
	memset(meta, 0, sizeof(*meta));
	copy_str(meta->name, sizeof(meta->name), name, strlen(name));
	copy_str(meta->format, sizeof(meta->format), format, strlen(format));
	if (path) {
		/* the file name first, then the folder it sits in */
		const char *b = strrchr(path, '/');
		if (b && b[1] && find_date(d, b + 1))
			copy_str(meta->as_of, sizeof(meta->as_of), d, strlen(d));
		else if (find_date(d, path))
			copy_str(meta->as_of, sizeof(meta->as_of), d, strlen(d));
	}
}

void vg__meta_checksum(vg_source_meta *meta, const char *data, size_t len)
{
	vg__meta_set_checksum(meta, vg__fnv1a(data, len, VG__FNV_SEED));
}

void vg__meta_set_checksum(vg_source_meta *meta, uint64_t h)
{
	snprintf(meta->version, sizeof(meta->version), "fnv1a:%016llx", (unsigned long long)h);
}
