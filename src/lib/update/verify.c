/*
 * verify.c - content sniffing and a full parse of each download.
 *
 * Why both: sniffing gives a clear message for the common failure (a proxy
 * or a publisher serving an HTML page with status 200), the full parse
 * catches everything else (truncation, a changed layout) before the file
 * can reach an index.  Invariant: neither check modifies the file; a file
 * either passes both or the update stops with a message naming its URL.
 */
#include "verify.h"
#include "common/error.h"
#include "model/record.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool is_xml_format(vg_format f)
{
	return f == VG_FORMAT_UN_XML || f == VG_FORMAT_EU_XML || f == VG_FORMAT_UKSL_XML;
}

static bool is_json_format(vg_format f)
{
	return f == VG_FORMAT_FTM_JSON || f == VG_FORMAT_SENZING_JSON;
}

static bool has_html_marker(const char *head, size_t n)
{
	static const char *const markers[] = { "<!doctype html", "<html", "<head>",
					       "<body", "<title>" };
	char low[1025];
	size_t i;
	if (n > sizeof(low) - 1)
		n = sizeof(low) - 1;
	for (i = 0; i < n; i++)
		low[i] = head[i] ? (char)tolower((unsigned char)head[i]) : ' ';
	low[n] = '\0';
	for (i = 0; i < sizeof(markers) / sizeof(markers[0]); i++)
		if (strstr(low, markers[i]))
			return true;
	return false;
}

int vg__verify_sniff_head(const char *head, size_t n, const char *url, vg_format format,
			  const char *content_type)
{
	size_t i = 0;
	const char *fmt = vg_format_name(format);
	if (n == 0)
		return vg__error_set(VG_EDATA, "%s: empty download", url);
	if (content_type && !strncasecmp(content_type, "text/html", 9))
		return vg__error_set(VG_EDATA, "%s: served an HTML page (Content-Type %s), "
				     "not %s", url, content_type, fmt);
	if (n >= 3 && !memcmp(head, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && isspace((unsigned char)head[i]))
		i++;
	if (has_html_marker(head + i, n - i))
		return vg__error_set(VG_EDATA, "%s: served an HTML page, not %s", url, fmt);
	if (i == n)
		return vg__error_set(VG_EDATA, "%s: download holds only white space", url);
	if (is_xml_format(format) && head[i] != '<')
		return vg__error_set(VG_EDATA, "%s: does not start like XML, not %s", url, fmt);
	if (is_json_format(format) && head[i] != '{')
		return vg__error_set(VG_EDATA, "%s: does not start like JSON lines, not %s",
				     url, fmt);
	if (!is_xml_format(format) && !is_json_format(format) &&
	    (head[i] == '<' || head[i] == '{'))
		return vg__error_set(VG_EDATA, "%s: starts like %s, not %s", url,
				     head[i] == '<' ? "XML/HTML" : "JSON", fmt);
	return 0;
}

int vg__verify_sniff(const char *path, const char *url, vg_format format,
		     const char *content_type)
{
	char head[VG__SNIFF_BYTES];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return vg__error_set(VG_EIO, "%s: %s", path, strerror(errno));
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	return vg__verify_sniff_head(head, n, url, format, content_type);
}

static int count_record(void *ctx, const vg_record *rec)
{
	if (vg_schema_is_screenable(rec->schema))
		(*(uint64_t *)ctx)++;
	return 0;
}

int vg__verify_count(uint64_t *entities, const char *path, vg_format format)
{
	vg_source_meta meta;
	vg_reader_sink sink;
	memset(&meta, 0, sizeof(meta));
	memset(&sink, 0, sizeof(sink));
	*entities = 0;
	sink.on_record = count_record;
	sink.ctx = entities;
	return vg_source_read(path, format, &meta, &sink);
}
