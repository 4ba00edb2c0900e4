/*
 * xml.c - the guarded libxml2 reader the XML lists (UN, EU, UK Sanctions
 * List) share, and the few DOM helpers their record translators use.
 *
 * Invariant: no XML reader in vigil loads a DTD, substitutes entities or
 * touches the network, and libxml2's own size limits stay on (no
 * XML_PARSE_HUGE); a document with a DOCTYPE or an entity reference is
 * refused outright (no sanctions list uses one, and an internal subset is
 * how billion-laughs and external-entity attacks start).  libxml2 never
 * prints: its first message is captured and returned as "FILE:LINE: ...".
 */
#include "sources/source.h"

#include <ctype.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static void on_error(void *arg, xmlErrorPtr e)
{
	vg__xml *x = arg;
	size_t n;
	if (!x || x->has_err || !e)
		return;
	snprintf(x->msg, sizeof(x->msg), "%s", e->message ? e->message : "XML error");
	n = strlen(x->msg);
	while (n && (x->msg[n - 1] == '\n' || x->msg[n - 1] == ' '))
		x->msg[--n] = '\0';
	x->line = e->line;
	x->has_err = 1;
}

/* Looks through the prolog (declaration, comments, processing
 * instructions) for a DOCTYPE, so that libxml2 never parses one. */
static int prolog_has_doctype(const char *s, size_t len, size_t *line)
{
	size_t i = 0;
	*line = 1;
	while (i < len) {
		const char *end;
		if (s[i] == '\n') {
			(*line)++;
			i++;
			continue;
		}
		if (s[i] != '<') {
			i++;
			continue;
		}
		if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
			end = memmem(s + i, len - i, "-->", 3);
		else if (len - i >= 2 && s[i + 1] == '?')
			end = memmem(s + i, len - i, "?>", 2);
		else
			return len - i >= 9 && strncasecmp(s + i, "<!DOCTYPE", 9) == 0;
		if (!end)
			return 0;
		for (; s + i < end; i++)
			if (s[i] == '\n')
				(*line)++;
	}
	return 0;
}

/* The encoding the XML declaration names (lower case), "" without one. */
static void declared_encoding(char *out, size_t outsz, const char *s, size_t len)
{
	const char *end, *e;
	size_t n = 0;
	out[0] = '\0';
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		len -= 3;
	}
	if (len < 5 || memcmp(s, "<?xml", 5) != 0 || !(end = memmem(s, len, "?>", 2)) ||
	    !(e = memmem(s, (size_t)(end - s), "encoding", 8)))
		return;
	for (e += 8; e < end && (*e == ' ' || *e == '=' || *e == '"' || *e == '\''); e++)
		;
	while (e < end && *e != '"' && *e != '\'' && n + 1 < outsz)
		out[n++] = (char)tolower((unsigned char)*e++);
	out[n] = '\0';
}

int vg__xml_open(vg__xml *x, const char *name, const char *data, size_t len,
		 vg_source_meta *meta)
{
	size_t line;
	vg__text_enc enc;
	char declared[32];
	const char *force = NULL;
	int rc;
	memset(x, 0, sizeof(*x));
	x->name = name;
	if (len > 2147483647u)
		return vg__error_set(VG_EDATA, "%s: XML file above 2 GB", name);
	if (prolog_has_doctype(data, len, &line))
		return vg__error_set(VG_EDATA,
				     "%s:%zu: DOCTYPE refused: no list uses one, and entity declarations "
				     "carry XML bomb and external-entity attacks",
				     name, line);
	/* A document that names an encoding other than UTF-8 is converted by
	 * libxml2.  One that names none or UTF-8 but is written in
	 * Windows-1252 or Latin-1, as files saved on Windows are, is read in
	 * the encoding its bytes show. */
	if ((rc = vg__text_detect(&enc, name, data, len)) < 0)
		return rc;
	declared_encoding(declared, sizeof(declared), data, len);
	if (declared[0] && strcmp(declared, "utf-8") != 0 && strcmp(declared, "utf8") != 0) {
		if (meta && !meta->encoding[0])
			snprintf(meta->encoding, sizeof(meta->encoding), "%.23s", declared);
	} else {
		if (enc == VG__TEXT_CP1252)
			force = "windows-1252";
		else if (enc == VG__TEXT_LATIN1)
			force = "iso-8859-1";
		vg__meta_encoding(meta, enc);
	}
	x->r = xmlReaderForMemory(data, (int)len, name, force,
				  XML_PARSE_NONET | XML_PARSE_NOWARNING |
					  XML_PARSE_NOERROR | XML_PARSE_NOCDATA);
	if (!x->r)
		return vg__error_set(VG_EDATA, "%s: cannot start the XML parser", name);
	xmlTextReaderSetStructuredErrorHandler(x->r, on_error, x);
	return 0;
}

int vg__xml_fail(vg__xml *x, const char *what)
{
	int line = x->line;
	if (!line && x->r)
		line = xmlTextReaderGetParserLineNumber(x->r);
	if (x->has_err)
		return vg__error_set(VG_EDATA, "%s:%d: %s: %s", x->name, line, what, x->msg);
	return vg__error_set(VG_EDATA, "%s:%d: %s", x->name, line, what);
}

int vg__xml_read(vg__xml *x)
{
	int rc = xmlTextReaderRead(x->r), type;
	if (rc < 0 || x->has_err)
		return vg__xml_fail(x, "bad XML");
	if (rc == 0)
		return 0;
	type = xmlTextReaderNodeType(x->r);
	if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY ||
	    type == XML_READER_TYPE_ENTITY_REFERENCE) {
		x->line = xmlTextReaderGetParserLineNumber(x->r);
		return vg__xml_fail(x, "DOCTYPE and entity declarations are refused "
				       "(no list uses them; they carry XML bomb and external-entity attacks)");
	}
	return 1;
}

void vg__xml_close(vg__xml *x)
{
	if (x->r)
		xmlFreeTextReader(x->r);
	x->r = NULL;
}

static int is_record(const vg__xml_walk *w, const char *el)
{
	const char *const *r;
	for (r = w->records; el && *r; r++)
		if (strcmp(el, *r) == 0)
			return 1;
	return 0;
}

/* How it works: the reader reads node by node; at a record it expands the
 * subtree, hands it on, and Next() skips it, which may land on the
 * following record directly (handled in the inner loop, or reading on
 * would step over it). */
int vg__xml_records(vg__xml *x, const vg__xml_walk *w)
{
	int rc, seen_root = 0;
	while ((rc = vg__xml_read(x)) == 1) {
		const char *el;
		int depth;
		if (xmlTextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT)
			continue;
		el = (const char *)xmlTextReaderConstLocalName(x->r);
		depth = xmlTextReaderDepth(x->r);
		if (depth == 0) {
			if (!el || strcmp(el, w->root) != 0)
				return vg__error_set(VG_EDATA, "%s:%ld: root element <%s>, expected <%s>",
						     x->name, xmlGetLineNo(xmlTextReaderCurrentNode(x->r)),
						     el ? el : "?", w->root);
			seen_root = 1;
			if (w->on_root && (rc = w->on_root(w->ctx, x)) != 0)
				return rc;
			continue;
		}
		while (depth == w->depth && is_record(w, el)) {
			xmlNode *node = xmlTextReaderExpand(x->r);
			if (!node || x->has_err)
				return vg__xml_fail(x, "bad XML");
			if ((rc = w->on_record(w->ctx, node, el)) != 0)
				return rc;
			if (xmlTextReaderNext(x->r) < 0 || x->has_err)
				return vg__xml_fail(x, "bad XML");
			el = NULL;
			if (xmlTextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT)
				break;
			el = (const char *)xmlTextReaderConstLocalName(x->r);
			depth = xmlTextReaderDepth(x->r);
		}
		if (el && w->on_element && (rc = w->on_element(w->ctx, x, el, depth)) != 0)
			return rc;
	}
	if (rc == 0 && !seen_root)
		return vg__error_set(VG_EDATA, "%s:1: no <%s> element", x->name, w->root);
	return rc;
}

char *vg__xml_attr(vg__xml *x, const char *name)
{
	return (char *)xmlTextReaderGetAttribute(x->r, (const xmlChar *)name);
}

int vg__xml_attr_copy(vg__xml *x, const char *name, char *dst, size_t size, int max)
{
	char *v = vg__xml_attr(x, name);
	if (!v)
		return 0;
	snprintf(dst, size, "%.*s", max, v);
	xmlFree(v);
	return 1;
}

int vg__xml_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

const xmlNode *vg__xml_child(const xmlNode *n, const char *name)
{
	const xmlNode *c;
	for (c = n ? n->children : NULL; c; c = c->next)
		if (vg__xml_is(c, name))
			return c;
	return NULL;
}

char *vg__xml_text(const xmlNode *n)
{
	xmlChar *t;
	if (!n)
		return NULL;
	t = xmlNodeGetContent(n);
	if (t && !t[0]) {
		xmlFree(t);
		return NULL;
	}
	return (char *)t;
}

int vg__xml_add_text(vg_record *rec, const char *key, const xmlNode *n, const char *qual)
{
	char *t = vg__xml_text(n);
	int rc = 0;
	if (t)
		rc = vg_record_add(rec, key, t, strlen(t), qual);
	xmlFree(t);
	return rc;
}
