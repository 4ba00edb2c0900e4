/*
 * model.c - the public view of the FollowTheMoney model facts (vigil/model.h)
 * over the generated tables of ftm.h.
 */
#include "vigil/model.h"

#include "model/ftm.h"

#include <string.h>

static void fill_schema(vg_model_schema *out, const vg__ftm_schema *s)
{
	out->name = s->name;
	out->label = s->label;
	out->plural = s->plural;
	out->abstract = (s->flags & VG__FTM_ABSTRACT) != 0;
	out->matchable = (s->flags & VG__FTM_MATCHABLE) != 0;
}

static void fill_prop(vg_model_property *out, const vg__ftm_prop *p, const vg__ftm_schema *owner)
{
	out->name = p->name;
	out->label = p->label;
	out->schema = owner->name;
	out->type = vg__ftm_type_names[p->type];
	out->hidden = (p->flags & VG__FTM_PROP_HIDDEN) != 0;
}

bool vg_model_schema_at(vg_model_schema *out, size_t i)
{
	if (i >= VG__FTM_N_SCHEMATA)
		return false;
	fill_schema(out, &vg__ftm_schemata[i]);
	return true;
}

bool vg_model_schema_get(vg_model_schema *out, const char *name)
{
	const vg__ftm_schema *s = name ? vg__ftm_find_schema(name) : NULL;
	if (!s)
		return false;
	fill_schema(out, s);
	return true;
}

const char *vg_model_ancestor(const char *schema, size_t i)
{
	const vg__ftm_schema *s = schema ? vg__ftm_find_schema(schema) : NULL;
	if (!s || i >= s->n_anc)
		return NULL;
	return vg__ftm_schemata[vg__ftm_ancestors[s->anc_start + i]].name;
}

bool vg_model_is_a(const char *schema, const char *ancestor)
{
	const vg__ftm_schema *s = schema ? vg__ftm_find_schema(schema) : NULL;
	const vg__ftm_schema *a = ancestor ? vg__ftm_find_schema(ancestor) : NULL;
	return s && a && vg__ftm_is_a(s, a);
}

bool vg_model_own_property(vg_model_property *out, const char *schema, size_t i)
{
	const vg__ftm_schema *s = schema ? vg__ftm_find_schema(schema) : NULL;
	if (!s || i >= s->n_props)
		return false;
	fill_prop(out, &vg__ftm_props[s->prop_start + i], s);
	return true;
}

bool vg_model_property_get(vg_model_property *out, const char *schema, const char *name)
{
	const vg__ftm_schema *s = schema ? vg__ftm_find_schema(schema) : NULL;
	size_t a, k;
	if (!s || !name)
		return false;
	/* the nearest declaration, as vg__ftm_find_prop finds it, with its
	 * owner for the qualified name */
	for (a = 0; a < s->n_anc; a++) {
		const vg__ftm_schema *anc = &vg__ftm_schemata[vg__ftm_ancestors[s->anc_start + a]];
		for (k = 0; k < anc->n_props; k++)
			if (!strcmp(vg__ftm_props[anc->prop_start + k].name, name)) {
				fill_prop(out, &vg__ftm_props[anc->prop_start + k], anc);
				return true;
			}
	}
	return false;
}

const char *vg_model_featured(const char *schema, size_t i)
{
	const vg__ftm_schema *s = schema ? vg__ftm_find_schema(schema) : NULL;
	if (!s || i >= s->n_feat)
		return NULL;
	return vg__ftm_featured[s->feat_start + i];
}
