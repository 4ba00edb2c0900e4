/*
 * scan_json.c - the public scanner handle (vigil/scan.h): the dictionary of
 * an index's names, its mentions as data (vg_scan), and as the
 * {"mentions": [...]} document of CONTRACT.md (written by the JSON writer,
 * src/lib/json).
 *
 * Invariant: a vg_scanner never changes after vg_scanner_new, so threads
 * share it; on failure `out` is restored to the size it had on entry, so a
 * caller never sees half a document.
 */
#include "scan/scanner.h"
#include "json/write.h"
#include "index/index_internal.h"
#include "common/alloc.h"
#include "common/error.h"
#include "common/deadline.h"

#include <stdlib.h>
#include <string.h>

/* Does one of a person's names say it is Arabic: Arabic script, or a
 * particle of Arabic names (data/scan_words.txt [arabic]: "Abu Musab
 * AL-BARNAWI", "HAMMAM, Yahya Abu")?  See VG_SCAN_NAME_ARABIC (and
 * arabic_countries, for names the list writes without either). */
static bool arabic_names(const vg_index *ix, const vg_ix_name *nm, size_t n)
{
	size_t k, i, j;
	for (k = 0; k < n; k++) {
		const unsigned char *v = (const unsigned char *)vg__index_str(ix, nm[k].value);
		for (i = 0; v[i]; i = j) {
			char w[8];
			if (v[i] >= 0xd8 && v[i] <= 0xdb)
				return true;
			for (j = i; (v[j] | 0x20) >= 'a' && (v[j] | 0x20) <= 'z'; j++)
				if (j - i < sizeof(w))
					w[j - i] = (char)(v[j] | 0x20);
			if (j == i)
				j++;
			else if (j - i <= sizeof(w) && strchr("abio", w[0]) &&
				 vg__scan_arabic_word(w, j - i))
				return true;
		}
	}
	return false;
}

/* vg__index_prop_each callback: counts countries, and those whose people
 * have Arabic names. */
static int count_arabic_country(void *ctx, const char *value, const char *qual)
{
	size_t *n = ctx;
	(void)qual;
	n[0]++;
	if (vg__scan_arabic_country(value, strlen(value)))
		n[1]++;
	return 0;
}

/* Is every country of person ord (at least one) a country of Arabic
 * names ("sy" for MISHAAL, Khalid)?  One more, as a Russian in Dubai
 * has, and the name is not read as Arabic. */
static bool arabic_countries(const vg_index *ix, uint32_t ord)
{
	size_t n[2] = { 0, 0 };
	if (vg__index_prop_each(ix, ord, "country", count_arabic_country, n) < 0 ||
	    vg__index_prop_each(ix, ord, "nationality", count_arabic_country, n) < 0)
		return false;
	return n[0] && n[0] == n[1];
}

int vg__scanner_from_index(vg__scanner **out, const vg_index *ix)
{
	vg__scanner *s = NULL;
	uint32_t ord, n_ent = (uint32_t)vg_index_entity_count(ix);
	int error;

	if ((error = vg__scanner_new(&s)) < 0)
		return error;
	for (ord = 0; ord < n_ent; ord++) {
		const vg_ix_name *nm;
		size_t n, k;
		bool arabic;
		vg_schema schema = vg__index_schema(ix, ord);
		/* a Position is indexed but is no party a text mentions */
		if (!vg_schema_is_party(schema))
			continue;
		nm = vg__index_names(ix, ord, &n);
		arabic = schema == VG_SCHEMA_PERSON &&
			 (arabic_names(ix, nm, n) || arabic_countries(ix, ord));
		for (k = 0; k < n; k++) {
			const char *v = vg__index_str(ix, nm[k].value);
			unsigned fl = ((nm[k].flags & VG_IXN_WEAK) ? VG_SCAN_NAME_WEAK : 0) |
				      (arabic ? VG_SCAN_NAME_ARABIC : 0);
			if ((error = vg__scanner_add_name(s, ord, schema, v, strlen(v),
							  fl)) < 0)
				goto cleanup;
		}
	}
	if ((error = vg__scanner_finish(s)) < 0)
		goto cleanup;
	*out = s;
	s = NULL;
cleanup:
	vg__scanner_free(s);
	return error;
}

const char *vg__scan_rule_name(unsigned rule)
{
	switch (rule) {
	case VG_SCAN_RULE_FULL: return "name";
	case VG_SCAN_RULE_SINGLE: return "distinctive one-word name";
	case VG_SCAN_RULE_SURNAME: return "surname after the full name";
	case VG_SCAN_RULE_LONE_SURNAME: return "rare surname of a listed person";
	case VG_SCAN_RULE_ALIAS: return "name the text gives it";
	case VG_SCAN_RULE_RELATIVE: return "relative of a person named before";
	default: return "?";
	}
}

void vg_scan_options_init(vg_scan_options *o)
{
	if (o)
		*o = (vg_scan_options)VG_SCAN_OPTIONS_INIT;
}

struct vg_scanner {
	vg__scanner *dict;
	const vg_index *ix;
};

int vg_scanner_new(vg_scanner **out, const vg_index *ix)
{
	vg_scanner *s;
	int error;

	if (out)
		*out = NULL;
	if (!out || !ix)
		return vg__error_set(VG_EUSAGE, "vg_scanner_new: NULL argument");
	if (!(s = vg__calloc(1, sizeof(*s))))
		return vg__error_oom();
	s->ix = ix;
	if ((error = vg__scanner_from_index(&s->dict, ix)) < 0) {
		free(s);
		return error;
	}
	*out = s;
	return 0;
}

void vg_scanner_free(vg_scanner *s)
{
	if (!s)
		return;
	vg__scanner_free(s->dict);
	free(s);
}

static int check(const vg_scanner *sc, const char *text, size_t len,
		 const vg_scan_options *opts, const char *fn)
{
	if (!sc || (!text && len))
		return vg__error_set(VG_EUSAGE, "%s: NULL argument", fn);
	if (opts && (opts->version < 1 || opts->version > VG_SCAN_OPTIONS_VERSION))
		return vg__error_set(VG_EUSAGE, "%s: options version %u, expected 1 to %u "
				     "(use VG_SCAN_OPTIONS_INIT or vg_scan_options_init)",
				     fn, opts->version, VG_SCAN_OPTIONS_VERSION);
	return 0;
}

/* The caller's time limit (version 2), as a deadline; 0 for none. */
static uint64_t deadline_of(const vg_scan_options *opts)
{
	return opts && opts->version >= 2 ? vg__deadline_after_ms(opts->time_limit_ms) : 0;
}

/* Where the text starts in a longer one (version 3); 0 for a whole text. */
static size_t offset_of(const vg_scan_options *opts)
{
	return opts && opts->version >= 3 ? opts->offset : 0;
}

static double threshold_of(const vg_scan_options *opts)
{
	return opts && opts->threshold >= 0 ? opts->threshold : VG_SCAN_DEFAULT_THRESHOLD;
}

int vg_scan_json(const vg_scanner *sc, const char *text, size_t len,
		 const vg_scan_options *opts, vg_buf *out)
{
	vg__mention *ms = NULL;
	size_t n = 0;
	int error;

	if (!out)
		return vg__error_set(VG_EUSAGE, "vg_scan_json: NULL argument");
	if ((error = check(sc, text, len, opts, "vg_scan_json")) < 0)
		return error;
	if (!text)
		text = "";
	if ((error = vg__scan_until(&ms, &n, sc->dict, text, len, threshold_of(opts),
				    opts && opts->html, deadline_of(opts), offset_of(opts))) < 0)
		return error;
	error = vg__json_mentions(out, sc->ix, sc->dict, ms, n, text, threshold_of(opts),
				  opts ? opts->links_depth : 1, offset_of(opts));
	free(ms);
	return error;
}

int vg_scan(vg_mention **out, size_t *n, const vg_scanner *sc, const char *text, size_t len,
	    const vg_scan_options *opts)
{
	vg__mention *ms = NULL;
	vg_mention *r;
	size_t k, count = 0;
	double threshold = threshold_of(opts);
	int error;
	if (!out || !n)
		return vg__error_set(VG_EUSAGE, "vg_scan: NULL argument");
	if ((error = check(sc, text, len, opts, "vg_scan")) < 0)
		return error;
	if ((error = vg__scan_until(&ms, &count, sc->dict, text ? text : "", len, threshold,
				    opts && opts->html, deadline_of(opts), offset_of(opts))) < 0)
		return error;
	if (!(r = vg__calloc(count ? count : 1, sizeof(*r)))) {
		free(ms);
		return vg__error_oom();
	}
	for (k = 0; k < count; k++) {
		const vg__mention *m = &ms[k];
		vg_mention *o = &r[k];
		o->start = m->start + offset_of(opts);
		o->end = m->end + offset_of(opts);
		o->ordinal = m->entity;
		o->score = m->score;
		o->match = m->score >= threshold;
		o->rule = vg__scan_rule_name(m->rule);
		o->listed_name = vg__scanner_name_text(sc->dict, m->name, &o->listed_len);
		o->full_mention_start = vg__scan_rule_refers(m->rule) ? m->ref_start : SIZE_MAX;
		o->n_alternatives = m->n_alternatives;
		memcpy(o->alternatives, m->alternatives, sizeof(o->alternatives));
	}
	free(ms);
	*out = r;
	*n = count;
	return 0;
}
