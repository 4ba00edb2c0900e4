/*
 * results.c - the RESULT object of the CLI contract for one scored
 * candidate: {"id", "caption", "schema", "score", "match", "datasets",
 * "topics", "explanation"} (+ "properties", "links" on request).
 *
 * Invariant: the explanation names the query name and the entity name that
 * produced the name score, the comparator's own alignment of the two, and
 * every feature that moved the score, so score = name_score + the sum of
 * the feature contributions (clamped to [0,1]).
 */
#include "match/match_internal.h"
#include "common/error.h"

#include <string.h>

static int put_str(vg_buf *out, const char *s)
{
	return vg_buf_put_json_string(out, s, strlen(s));
}

static int put_feature(vg_buf *out, int *first, const char *name, double v,
		       const char *how)
{
	int rc = 0;
	if (!how)
		return 0;
	rc |= vg_buf_printf(out, "%s\"%s\": {\"score\": %.4f, \"how\": ",
			    *first ? "" : ", ", name, v);
	rc |= put_str(out, how);
	rc |= vg_buf_puts(out, "}");
	*first = 0;
	return rc;
}

/* Re-runs the winning comparison with an explanation: done for shown
 * results only, so the search loop stays free of JSON. */
static int put_explanation(vg_matcher *m, const vg__cand *c, vg_buf *out)
{
	const vg_index *ix = m->ix;
	const vg_ix_name *nm = &ix->names[c->name_idx];
	const unsigned char *enc;
	size_t len;
	double s;
	int rc = 0, first = 1;

	rc |= vg_buf_puts(out, "{\"query_name\": ");
	rc |= put_str(out, m->qtext[c->qname]);
	rc |= vg_buf_puts(out, ", \"matched_name\": ");
	rc |= put_str(out, ix->strs + nm->value);
	rc |= vg_buf_printf(out, ", \"name_kind\": \"%s\", \"name_score\": %.4f, \"name\": ",
			    (nm->flags & VG_IXN_WEAK) ? "weak alias" :
			    (nm->flags & VG_IXN_PREVIOUS) ? "previous name" :
			    (nm->flags & VG_IXN_DERIVED) ? "name parts" : "name",
			    c->name_score);
	vg_buf_clear(&m->scratch);
	enc = vg__index_name_enc(ix, nm, &len);
	if (vg__ng_compare(&s, m->ng,
			   vg__qname_for(m, (size_t)c->qname, vg__index_schema(ix, c->ord)),
			   enc, len, &m->scratch) == 0 &&
	    m->scratch.size)
		rc |= vg_buf_put(out, m->scratch.ptr, m->scratch.size);
	else
		rc |= vg_buf_puts(out, "null");
	rc |= vg_buf_puts(out, ", \"features\": {");
	if (c->f_weak != 0.0)
		rc |= put_feature(out, &first, "weak_alias", c->f_weak, "weak alias");
	rc |= put_feature(out, &first, "birth_date", c->f_dob, c->dob_how);
	rc |= put_feature(out, &first, "country", c->f_country, c->country_how);
	rc |= put_feature(out, &first, "identifier", c->f_id, c->id_how);
	rc |= put_feature(out, &first, "gender", c->f_gender, c->gender_how);
	rc |= put_feature(out, &first, "family_name", c->f_family, c->family_how);
	rc |= vg_buf_puts(out, "}}");
	return rc;
}

int vg__match_result_json(vg_matcher *m, const vg__cand *c,
			  const vg_match_options *o, double threshold,
			  vg_buf *out)
{
	const vg_index *ix = m->ix;
	size_t start = out->size;
	int rc = 0;

	rc |= vg_buf_puts(out, "{\"id\": ");
	rc |= put_str(out, vg__index_id(ix, c->ord));
	rc |= vg_buf_puts(out, ", \"caption\": ");
	rc |= put_str(out, vg__index_caption(ix, c->ord));
	rc |= vg_buf_puts(out, ", \"schema\": ");
	rc |= put_str(out, ix->strs + ix->recs[c->ord].schema_name);
	rc |= vg_buf_printf(out, ", \"score\": %.4f, \"match\": %s", c->score,
			    c->score >= threshold ? "true" : "false");
	rc |= vg_buf_puts(out, ", \"datasets\": ");
	rc |= vg__index_datasets_json(ix, c->ord, ", ", out);
	rc |= vg_buf_puts(out, ", \"topics\": ");
	rc |= vg__index_topics_json(ix, c->ord, out);
	if (o->explain) {
		rc |= vg_buf_puts(out, ", \"explanation\": ");
		rc |= put_explanation(m, c, out);
	}
	if (o->version >= 2 && o->properties) {
		rc |= vg_buf_puts(out, ", \"properties\": ");
		rc |= vg__index_properties_json(ix, c->ord, out);
	}
	if (!rc && o->links_depth > 0) {
		vg_buf ent = VG_BUF_INIT;
		const char *p;
		if (vg_index_entity_json(ix, c->ord, o->links_depth, &ent) == 0 &&
		    (p = strstr(ent.ptr, ", \"sanctions\": ")) != NULL)
			rc |= vg_buf_put(out, p, ent.size - (size_t)(p - ent.ptr) - 1);
		vg_buf_dispose(&ent);
	}
	rc |= vg_buf_puts(out, "}");
	if (rc) {
		out->size = start;
		if (out->ptr)
			out->ptr[start] = '\0';
		return vg__error_oom();
	}
	return 0;
}
