/*
 * jsonl.c - the JSON-lines iterator the FtM and Senzing readers share.
 *
 * Invariant: a value reaches a reader only when its whole line parsed as
 * one JSON value, within VG__LINE_MAX bytes, VG__JSON_DEPTH levels and
 * valid UTF-8 (a Windows-1252 or Latin-1 file is converted line by line)
 * without a NUL character, raw or escaped; anything else stops the read
 * with "FILE:LINE: why".
 */
#include "sources/source.h"

#include <json-c/json.h>
#include <string.h>

static int init(vg__jsonl *j, const char *name, const char *data, size_t len,
		vg_source_meta *meta, int mapped)
{
	vg__text_enc enc;
	int rc;
	memset(j, 0, sizeof(*j));
	if ((rc = mapped ? vg__text_detect_mapped(&enc, name, data, len)
			 : vg__text_detect(&enc, name, data, len)) < 0)
		return rc;
	vg__meta_encoding(meta, enc);
	j->convert = enc == VG__TEXT_CP1252 || enc == VG__TEXT_LATIN1;
	j->name = name;
	j->p = data;
	j->end = data + len;
	j->next_line = 1;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		j->p += 3;
	if (mapped)
		j->released = j->p;
	j->tok = json_tokener_new_ex(VG__JSON_DEPTH);
	if (!j->tok)
		return vg__error_oom();
	return 0;
}

int vg__jsonl_init(vg__jsonl *j, const char *name, const char *data,
		   size_t len, vg_source_meta *meta)
{
	return init(j, name, data, len, meta, 0);
}

int vg__jsonl_init_mapped(vg__jsonl *j, const char *name, const char *data,
			  size_t len, vg_source_meta *meta)
{
	return init(j, name, data, len, meta, 1);
}

void vg__jsonl_dispose(vg__jsonl *j)
{
	if (j->obj)
		json_object_put(j->obj);
	if (j->tok)
		json_tokener_free(j->tok);
	vg_buf_dispose(&j->conv);
	memset(j, 0, sizeof(*j));
}

/* The column (from 1) of the first NUL in a JSON line, raw or escaped as
 * \u0000 (a backslash escapes it only when not itself escaped), or 0.
 * json-c keeps such a string whole but the index stores C strings: a name
 * would be cut short there, and two ids differing only after it would be
 * merged into one entity. */
static size_t nul_column(const char *s, size_t len)
{
	const char *p = memchr(s, '\0', len), *q = s, *b;
	size_t raw = p ? (size_t)(p - s) + 1 : 0;
	while ((q = memmem(q, len - (size_t)(q - s), "\\u0000", 6))) {
		for (b = q; b > s && b[-1] == '\\'; b--)
			;
		if ((q - b) % 2 == 0)
			return !raw || (size_t)(q - s) + 1 < raw ? (size_t)(q - s) + 1 : raw;
		q++;
	}
	return raw;
}

int vg__jsonl_line(vg__jsonl *j, const char **line, size_t *line_len)
{
	if (j->obj) {
		json_object_put(j->obj);
		j->obj = NULL;
	}
	for (;;) {
		const char *nl, *s;
		size_t len, bad, i;
		if (j->p >= j->end)
			return 0;
		s = j->p;
		if (j->released && (size_t)(s - j->released) >= VG__MAP_PIECE) {
			/* nothing before this line is referred to any more */
			vg__map_release(j->released, s);
			j->released = s;
		}
		nl = memchr(s, '\n', (size_t)(j->end - s));
		len = nl ? (size_t)(nl - s) : (size_t)(j->end - s);
		j->p = nl ? nl + 1 : j->end;
		j->line = j->next_line++;
		if (len > VG__LINE_MAX)
			return vg__error_set(VG_EDATA,
					     "%s:%zu: line of %zu bytes is above the limit of %zu",
					     j->name, j->line, len, VG__LINE_MAX);
		while (len && (s[len - 1] == '\r' || s[len - 1] == ' ' ||
			       s[len - 1] == '\t'))
			len--;
		for (i = 0; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
			;
		if (i == len)
			continue;
		if (j->convert) {
			vg_buf_clear(&j->conv);
			if (vg__cp1252_to_utf8(&j->conv, s, len) < 0)
				return VG_ENOMEM;
			s = j->conv.ptr;
			len = j->conv.size;
		}
		if ((i = nul_column(s, len)))
			return vg__error_set(VG_EDATA,
					     "%s:%zu: a NUL character at column %zu (a text file has "
					     "none; it would cut a name or id short)", j->name, j->line, i);
		if (!vg__utf8_valid(s, len, &bad))
			return vg__error_set(VG_EDATA,
					     "%s:%zu: invalid UTF-8 (byte 0x%02x at column %zu); the file must be UTF-8",
					     j->name, j->line, (unsigned char)s[bad], bad + 1);
		*line = s;
		*line_len = len;
		return 1;
	}
}

int vg__jsonl_parse(vg__jsonl *j, const char *s, size_t len, struct json_object **out)
{
	enum json_tokener_error err;
	if (j->obj) {
		json_object_put(j->obj);
		j->obj = NULL;
	}
	json_tokener_reset(j->tok);
	j->obj = json_tokener_parse_ex(j->tok, s, (int)len);
	err = json_tokener_get_error(j->tok);
	if (err == json_tokener_continue)
		return vg__error_set(VG_EDATA, "%s:%zu: incomplete JSON value (file truncated?)",
				     j->name, j->line);
	if (err == json_tokener_error_depth)
		return vg__error_set(VG_EDATA, "%s:%zu: JSON nested deeper than %d levels",
				     j->name, j->line, VG__JSON_DEPTH);
	if (err != json_tokener_success || !j->obj)
		return vg__error_set(VG_EDATA, "%s:%zu: bad JSON: %s", j->name, j->line,
				     json_tokener_error_desc(err));
	if ((size_t)json_tokener_get_parse_end(j->tok) != len)
		return vg__error_set(VG_EDATA, "%s:%zu: more than one JSON value on the line",
				     j->name, j->line);
	if (!json_object_is_type(j->obj, json_type_object))
		return vg__error_set(VG_EDATA, "%s:%zu: not a JSON object", j->name, j->line);
	*out = j->obj;
	return 1;
}

int vg__jsonl_next(vg__jsonl *j, struct json_object **out)
{
	const char *s;
	size_t len;
	int rc = vg__jsonl_line(j, &s, &len);
	return rc == 1 ? vg__jsonl_parse(j, s, len, out) : rc;
}

const char *vg__json_str(struct json_object *obj, const char *key, size_t *len)
{
	struct json_object *v;
	if (!obj || !json_object_object_get_ex(obj, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	if (len)
		*len = (size_t)json_object_get_string_len(v);
	return json_object_get_string(v);
}
