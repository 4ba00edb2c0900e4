/*
 * conform.c - what the builder does with a property value a reader gave,
 * so that every record is a valid FollowTheMoney entity (see ftm.h).
 *
 * Readers name properties after FtM, but a source can say things FtM puts
 * elsewhere for that schema (OFAC gives organisations a Russian bank code,
 * FtM has bikCode on companies only; a position or an airplane gets a
 * nationality) or put words where FtM wants a country code ("former Soviet
 * Union", "undetermined").  The rules, in order:
 *   1. a property the schema has stays; a country value is turned into its
 *      code, a value that says there is no country is dropped, and other
 *      words are kept as a note ("nationality: possibly Palestinian");
 *   2. a property the schema lacks that FtM types as an identifier becomes
 *      idNumber (or registrationNumber), one typed as a country becomes
 *      country (read as in 1);
 *   3. anything else is kept as a note ("position: Director"), in notes or
 *      description, whichever the schema has, so no fact is lost.
 * Records of schemata FtM does not have, and the FtM-level fields beside the
 * properties, are left alone.
 */
#include "model/ftm.h"
#include "sources/source.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* The type FtM gives a property name in any schema (its first
 * declaration), or -1. */
static int type_anywhere(const char *key)
{
	size_t i;
	for (i = 0; i < VG__FTM_N_SCHEMATA; i++) {
		const vg__ftm_prop *p = vg__ftm_find_prop(&vg__ftm_schemata[i], key);
		if (p)
			return p->type;
	}
	return -1;
}

static bool is_code(const char *v)
{
	size_t n = strlen(v), i;
	if (n != 2 && n != 4 && !(n >= 4 && n <= 7 && v[2] == '-'))
		return false;
	for (i = 0; i < n; i++)
		if (!(islower((unsigned char)v[i]) || (i > 2 && isdigit((unsigned char)v[i])) ||
		      (i == 2 && v[i] == '-')))
			return false;
	return true;
}

/* Words that say a country is not known. */
static bool no_country(const char *v)
{
	static const char *const words[] = { "undetermined", "unknown", "none identified",
					     "none", "not known", "stateless" };
	size_t i;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcasecmp(v, words[i]))
			return true;
	return false;
}

static const char *note_key(const vg__ftm_schema *s)
{
	if (vg__ftm_find_prop(s, "notes"))
		return "notes";
	if (vg__ftm_find_prop(s, "description"))
		return "description";
	return NULL;
}

static vg__conform note(const vg__ftm_schema *s, const char *key, const char *value,
			vg__conformed *out, vg_buf *scratch)
{
	if (!(out->key = note_key(s)))
		return VG__CONFORM_DROP;
	vg_buf_clear(scratch);
	vg_buf_printf(scratch, "%s: %s", key, value);
	if (vg_buf_oom(scratch))
		return VG__CONFORM_ERROR;
	out->value = scratch->ptr;
	return VG__CONFORM_NOTE;
}

static vg__conform country(const vg__ftm_schema *s, const char *key, const char *value,
			   vg__conformed *out, vg_buf *scratch)
{
	const char *code;
	if (is_code(value)) {
		out->value = value;
		return VG__CONFORM_KEEP;
	}
	if ((code = vg__country_code(value, strlen(value)))) {
		out->value = code;
		return VG__CONFORM_CHANGED;
	}
	if (no_country(value))
		return VG__CONFORM_DROP;
	return note(s, key, value, out, scratch);
}

vg__conform vg__conform_prop(const vg__ftm_schema *s, const char *key, const char *value,
			     vg__conformed *out, vg_buf *scratch)
{
	bool meta = vg__ftm_is_meta_key(key);
	return vg__conform_found(s, s && !meta ? vg__ftm_find_prop(s, key) : NULL, meta, key,
				 value, out, scratch);
}

vg__conform vg__conform_found(const vg__ftm_schema *s, const vg__ftm_prop *p, bool meta,
			      const char *key, const char *value, vg__conformed *out,
			      vg_buf *scratch)
{
	vg__conform c;
	int type;
	out->key = key;
	out->value = value;
	if (!s || meta)
		return VG__CONFORM_KEEP;
	if (p)
		return p->type == VG__FTM_COUNTRY ? country(s, key, value, out, scratch)
						  : VG__CONFORM_KEEP;
	type = type_anywhere(key);
	if (type == VG__FTM_IDENTIFIER && (vg__ftm_find_prop(s, "idNumber") ||
					   vg__ftm_find_prop(s, "registrationNumber"))) {
		out->key = vg__ftm_find_prop(s, "idNumber") ? "idNumber" : "registrationNumber";
		return VG__CONFORM_CHANGED;
	}
	if (type == VG__FTM_COUNTRY && vg__ftm_find_prop(s, "country")) {
		out->key = "country";
		c = country(s, key, value, out, scratch);
		return c == VG__CONFORM_KEEP ? VG__CONFORM_CHANGED : c;
	}
	return note(s, key, value, out, scratch);
}
