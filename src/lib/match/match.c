/*
 * match.c - multi-attribute scoring of one query against the candidates
 * retrieval (retrieve.c) picked.
 *
 * Invariant: full comparison runs on at most VG__MAX_TIED entities (the
 * best VG__MAX_CANDIDATES of retrieval and those tying with the last) and,
 * within them, only on names retrieval met (a name covering too little of
 * the query cannot reach the comparator's threshold), each listed name
 * written alike compared once per query.  Results are deterministic: ties
 * are broken by ordinal.
 *
 * How it works:
 *  1. The query's names (full names, and first/middle/last joined) are
 *     analysed, a query of unknown schema also as a person's.
 *  2. Retrieval picks the candidates (retrieve.c says how).
 *  3. The candidates are compared name by name; the best pair wins.
 *  4. Features adjust the name score: birth date, countries, identifiers,
 *     gender, and a weak alias counting less.  Contradicting evidence
 *     lowers the score; missing evidence changes nothing.
 */
#include "match/match_internal.h"
#include "vigil/json.h"
#include "index/hash.h"
#include "common/error.h"
#include "common/utf8.h"
#include "sources/source.h"
#include "names/name.h"
#include "names/keys.h"
#include "model/ftm.h"
#include "common/alloc.h"
#include "common/deadline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The decision threshold on the final score.  It sits above the
 * comparator's pair threshold because features add to the name score and
 * screening lists of many similar names needs a stricter cut; measured with
 * ../shared/tools/eval-screening (see bench/bench_match.sh). */
#define VG__MATCH_THRESHOLD 0.80
/* Results below this share of the threshold are not shown. */
#define VG__SHOW_FLOOR 0.7
/* Where a query without names starts for an entity sharing one of its
 * identifiers: the same number from the same issuer (+0.35) makes a match
 * (0.95), the same digits from another issuer (+0.05) a candidate below
 * the threshold (0.65). */
#define VG__ID_ONLY_BASE 0.60

double vg_match_threshold(void)
{
	return VG__MATCH_THRESHOLD;
}

/* ---- lifecycle ------------------------------------------------------------ */

int vg_matcher_new(vg_matcher **out, const vg_index *ix)
{
	vg_matcher *m;
	size_t ne, nn;
	if (!out || !ix)
		return vg__error_set(VG_EUSAGE, "vg_matcher_new: NULL argument");
	ne = ix->meta.n_entities;
	nn = ix->meta.n_names;
	if (!(m = vg__calloc(1, sizeof(*m))))
		return vg__error_oom();
	m->ix = ix;
	m->dob = m->dobs[0];
	/* read at random, name by name: in huge pages (alloc.h) */
	if (!(m->acc = vg__calloc_huge(ne + 1, sizeof(float))) ||
	    !(m->name_acc = vg__calloc_huge(nn + 1, sizeof(float))) ||
	    !(m->touched = vg__malloc((ne + 65) * sizeof(uint32_t))) ||
	    vg__retrieve_init(m) != 0 ||
	    !(m->memo = vg__calloc(VG__MEMO_SLOTS, sizeof(vg__memo))) ||
	    !(m->memo_used = vg__malloc(VG__MEMO_SLOTS / 2 * sizeof(uint16_t))) ||
	    !(m->view = vg__calloc(1, vg__name_struct_size())) ||
	    !(m->cmp_view = vg__calloc(1, vg__name_struct_size()))) {
		vg_matcher_free(m);
		return vg__error_oom();
	}
	*out = m;
	return 0;
}

void vg_matcher_free(vg_matcher *m)
{
	size_t i;
	if (!m)
		return;
	for (i = 0; i < m->n_qnames; i++) {
		vg_name_free(m->qnames[i]);
		vg_name_free(m->qperson[i]);
	}
	free(m->acc);
	free(m->name_acc);
	free(m->touched);
	vg__retrieve_free(m);
	free(m->view);
	free(m->cmp_view);
	free(m->cands);
	free(m->memo);
	free(m->memo_used);
	free(m->results);
	vg_buf_dispose(&m->parts);
	free(m);
}

/* ---- validation ------------------------------------------------------------ */

static int digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int check_text(const char *what, const char *s)
{
	size_t len = strlen(s);
	if (len > VG__MAX_NAME_BYTES)
		return vg__error_set(VG_EUSAGE, "%s: too long (%zu bytes, at most %d)",
				     what, len, VG__MAX_NAME_BYTES);
	if (!vg__utf8_valid(s, len, NULL))
		return vg__error_set(VG_EUSAGE, "%s: invalid UTF-8", what);
	return 0;
}

static int has_text(const char *s)
{
	return s && s[0];
}

static int norm_date(char out[11], const char *d);
static int year_of(const char *d);

int vg_query_validate(const vg_query *q)
{
	size_t i;
	int any = 0, rc;
	char dob[11];
	if (!q)
		return vg__error_set(VG_EUSAGE, "query: NULL");
	if (q->version < 1 || q->version > VG_QUERY_VERSION)
		return vg__error_set(VG_EUSAGE, "query: unknown version %u", q->version);
	if (q->schema != VG_SCHEMA_THING && !vg_schema_is_screenable(q->schema))
		return vg__error_set(VG_EUSAGE, "schema: '%s' cannot be screened",
				     vg_schema_name(q->schema));
	if (q->n_names > VG__MAX_QUERY_NAMES)
		return vg__error_set(VG_EUSAGE, "names: at most %d", VG__MAX_QUERY_NAMES);
	for (i = 0; i < q->n_names; i++) {
		if (!q->names || !q->names[i])
			return vg__error_set(VG_EUSAGE, "name: NULL");
		if ((rc = check_text("name", q->names[i])) != 0)
			return rc;
		any |= q->names[i][0] != '\0';
	}
	if ((has_text(q->first_name) && (rc = check_text("first_name", q->first_name))) ||
	    (has_text(q->middle_name) && (rc = check_text("middle_name", q->middle_name))) ||
	    (has_text(q->last_name) && (rc = check_text("last_name", q->last_name))))
		return rc;
	any |= has_text(q->first_name) || has_text(q->last_name) ||
	       has_text(q->middle_name);
	for (i = 0; !any && i < q->n_id_numbers; i++) {
		char norm[64];
		any = q->id_numbers[i] &&
		      vg__index_id_normalize(norm, sizeof(norm), q->id_numbers[i]) >= 4;
	}
	if (!any)
		return vg__error_set(VG_EUSAGE, "name: empty");
	if (has_text(q->birth_date) && !norm_date(dob, q->birth_date))
		return vg__error_set(VG_EUSAGE,
				     "birth_date: '%.40s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
				     q->birth_date);
	for (i = 0; q->version >= 2 && i < q->n_birth_dates; i++)
		if (!q->birth_dates || !q->birth_dates[i] || !norm_date(dob, q->birth_dates[i]))
			return vg__error_set(VG_EUSAGE,
					     "birth_dates[%zu]: not a date (YYYY, YYYY-MM or "
					     "YYYY-MM-DD)", i);
	for (i = 0; i < q->n_countries; i++)
		if (q->countries[i] && (rc = check_text("country", q->countries[i])))
			return rc;
	for (i = 0; i < q->n_id_numbers; i++)
		if (q->id_numbers[i] && (rc = check_text("id_number", q->id_numbers[i])))
			return rc;
	if (has_text(q->gender) && (rc = check_text("gender", q->gender)))
		return rc;
	return 0;
}

/* ---- query preparation ----------------------------------------------------- */

static void reset_query(vg_matcher *m)
{
	size_t i;
	for (i = 0; i < m->n_qnames; i++) {
		vg_name_free(m->qnames[i]);
		vg_name_free(m->qperson[i]);
		m->qperson[i] = NULL;
	}
	m->n_qnames = 0;
	m->n_countries = 0;
	m->n_ids = 0;
	m->n_dobs = 0;
	m->dob = m->dobs[0];
	m->dob[0] = '\0';
	m->qyear = 0;
	m->gender = 0;
}

static int add_qname(vg_matcher *m, const char *text, size_t len, vg_schema schema)
{
	vg_name *nm = NULL, *pn = NULL;
	int rc;
	if (m->n_qnames >= VG__MAX_QUERY_NAMES || !len)
		return 0;
	/* A name with no letters or digits (VG_EDATA) adds nothing; any
	 * other failure (out of memory) fails the query. */
	if ((rc = vg__name_analyze(&nm, text, len, schema)) != 0)
		return rc == VG_EDATA ? (vg_error_clear(), 0) : rc;
	/* A query of unknown schema may be a person, so it is also read as
	 * one; not when it carries a legal form: read as a person, "ООО"'s
	 * words would become name parts that drown the company's name. */
	if (schema == VG_SCHEMA_THING && !nm->legal_form &&
	    (rc = vg__name_analyze(&pn, text, len, VG_SCHEMA_PERSON)) != 0) {
		if (rc != VG_EDATA) {
			vg_name_free(nm);
			return rc;
		}
		vg_error_clear();
		pn = NULL;
	}
	m->qtext[m->n_qnames] = text;
	m->qperson[m->n_qnames] = pn;
	m->qnames[m->n_qnames++] = nm;
	return 0;
}

/* Normalises a birth date leniently into out[11]: "1977-8-12" is
 * 1977-08-12, "1968-30-12" has day and month swapped; a part out of range
 * is dropped (the year is still evidence).  Returns 0 when there is no
 * year to read: YYYY[sep M[M][sep D[D]]] with sep one of - / . */
static int norm_date(char out[11], const char *d)
{
	int v[3] = { 0, 0, 0 }, n = 0, i;
	const char *p = d;
	while (n < 3) {
		int digits_read = 0, x = 0;
		while (*p >= '0' && *p <= '9' && digits_read < (n ? 2 : 4)) {
			x = x * 10 + (*p++ - '0');
			digits_read++;
		}
		if (!digits_read || (n == 0 && digits_read != 4))
			return 0;
		v[n++] = x;
		if (!*p)
			break;
		if (*p != '-' && *p != '/' && *p != '.')
			return 0;
		p++;
	}
	if (*p)
		return 0;
	if (v[0] < 1800 || v[0] > 2100)
		return 0;
	if (n == 3 && v[1] > 12 && v[2] >= 1 && v[2] <= 12) {
		i = v[1];
		v[1] = v[2];
		v[2] = i;
	}
	if (n >= 2 && (v[1] < 1 || v[1] > 12))
		n = 1;
	if (n == 3 && (v[2] < 1 || v[2] > 31))
		n = 2;
	/* YYYY[-MM[-DD]], written by hand (no snprintf): every query's dates
	 * come here twice, in validation and in preparation */
	out[0] = (char)('0' + v[0] / 1000);
	out[1] = (char)('0' + v[0] / 100 % 10);
	out[2] = (char)('0' + v[0] / 10 % 10);
	out[3] = (char)('0' + v[0] % 10);
	for (i = 1; i < n; i++) {
		out[3 * i + 1] = '-';
		out[3 * i + 2] = (char)('0' + v[i] / 10);
		out[3 * i + 3] = (char)('0' + v[i] % 10);
	}
	out[3 * n + 1] = '\0';
	return 1;
}

static int lower_gender(const char *g)
{
	if (!g || !g[0])
		return 0;
	if (g[0] == 'm' || g[0] == 'M')
		return 1;
	if (g[0] == 'f' || g[0] == 'F' || g[0] == 'w' || g[0] == 'W')
		return 2;
	return 0;
}

static int prepare(vg_matcher *m, const vg_query *q)
{
	size_t i;
	int rc;
	vg_schema schema = q->schema;

	/* A birth date, a gender or name parts say the party is a person. */
	if (schema == VG_SCHEMA_THING &&
	    (has_text(q->birth_date) || has_text(q->gender) ||
	     has_text(q->first_name) || has_text(q->last_name)))
		schema = VG_SCHEMA_PERSON;
	reset_query(m);
	m->schema = schema;
	vg_buf_clear(&m->parts);
	for (i = 0; i < q->n_names; i++)
		if ((rc = add_qname(m, q->names[i], strlen(q->names[i]), schema)) != 0)
			return rc;
	if (has_text(q->first_name) || has_text(q->last_name)) {
		const char *parts[3] = { q->first_name, q->middle_name, q->last_name };
		for (i = 0; i < 3; i++)
			if (has_text(parts[i])) {
				if (m->parts.size)
					vg_buf_puts(&m->parts, " ");
				vg_buf_puts(&m->parts, parts[i]);
			}
		/* A full name equal to the joined parts adds nothing. */
		for (i = 0; i < q->n_names; i++)
			if (!strcasecmp(q->names[i], m->parts.ptr ? m->parts.ptr : ""))
				break;
		if ((rc = vg_buf_check(&m->parts)) != 0)
			return rc;
		if (i == q->n_names && m->parts.ptr &&
		    (rc = add_qname(m, m->parts.ptr, m->parts.size, schema)) != 0)
			return rc;
	}
	if (has_text(q->birth_date) && norm_date(m->dobs[0], q->birth_date))
		m->n_dobs = 1;
	for (i = 0; q->version >= 2 && i < q->n_birth_dates && m->n_dobs < 4; i++)
		if (norm_date(m->dobs[m->n_dobs], q->birth_dates[i]))
			m->n_dobs++;
	if (!m->n_dobs)
		m->dob[0] = '\0';
	m->qyear = m->dob[0] && year_of(m->dob) > 0 ? (uint32_t)year_of(m->dob) : 0;
	for (i = 0; i < q->n_countries && m->n_countries < 8; i++) {
		const char *c = q->countries[i], *code;
		if (!c || !c[0])
			continue;
		code = vg__country_code(c, strlen(c));
		if (code) {
			snprintf(m->countries[m->n_countries++], 3, "%s", code);
		} else if (strlen(c) == 2) {
			m->countries[m->n_countries][0] = (char)(c[0] | 0x20);
			m->countries[m->n_countries][1] = (char)(c[1] | 0x20);
			m->countries[m->n_countries++][2] = '\0';
		}
	}
	for (i = 0; i < q->n_id_numbers && m->n_ids < 8; i++)
		if (q->id_numbers[i] &&
		    vg__index_id_normalize(m->ids[m->n_ids], sizeof(m->ids[0]),
					   q->id_numbers[i]) >= 4)
			m->n_ids++;
	m->gender = lower_gender(q->gender);
	m->qgender = m->gender ? q->gender : NULL;
	if (!m->n_qnames && !m->n_ids)
		return vg__error_set(VG_EUSAGE, "name: no letters or digits");
	return vg_buf_check(&m->parts);
}

/* ---- filters ------------------------------------------------------------- */

static int in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (list[i] && !strcmp(list[i], s))
			return 1;
	return 0;
}

static int has_topic(const vg_index *ix, uint32_t ord, const char *const *t, size_t n)
{
	size_t np, i;
	const vg_ix_prop *p = vg__index_props(ix, ord, &np);
	if (in_list("sanction", t, n) && ix->recs[ord].sanc_count)
		return 1;
	for (i = 0; i < np; i++)
		if (!strcmp(ix->strs + p[i].key, "topics") &&
		    in_list(ix->strs + p[i].value, t, n))
			return 1;
	return 0;
}

/* Whether the entity's id or one of its referents is among ids[0..n). */
static int excluded_id(const vg_index *ix, uint32_t ord, const char *const *ids, size_t n)
{
	size_t i, k, nr;
	if (in_list(vg__index_id(ix, ord), ids, n))
		return 1;
	nr = vg_entity_referent_count(ix, ord);
	for (i = 0; i < nr; i++)
		for (k = 0; k < n; k++)
			if (ids[k] && !strcmp(vg_entity_referent(ix, ord, i), ids[k]))
				return 1;
	return 0;
}

/* The filters of options version 4. */
static int admissible3(const vg_index *ix, const vg_match_options *o, uint32_t ord)
{
	const char *changed;
	if (o->n_exclude_schemata &&
	    in_list(vg_entity_schema(ix, ord), o->exclude_schemata, o->n_exclude_schemata))
		return 0;
	if (o->n_exclude_ids && excluded_id(ix, ord, o->exclude_ids, o->n_exclude_ids))
		return 0;
	/* ISO 8601 in one time zone sorts as text; an entity whose publisher
	 * gives no time of change is not known to have changed */
	if (o->changed_since && o->changed_since[0] &&
	    (!(changed = vg_entity_seen(ix, ord, VG_CHANGED_LAST)) ||
	     strncmp(changed, o->changed_since, strlen(o->changed_since)) < 0))
		return 0;
	return 1;
}

int vg__match_admissible(const vg_matcher *m, const vg_match_options *o, uint32_t ord)
{
	const vg_index *ix = m->ix;
	if (!vg_schema_compatible(m->schema, vg__index_schema(ix, ord)))
		return 0;
	/* An entity several lists share is in each of them: any one of them
	 * admits it and any one excluded drops it. */
	if (o->datasets && o->n_datasets &&
	    !vg__index_in_datasets(ix, ord, o->datasets, o->n_datasets))
		return 0;
	if (o->exclude_datasets && o->n_exclude_datasets &&
	    vg__index_in_datasets(ix, ord, o->exclude_datasets,
				  o->n_exclude_datasets))
		return 0;
	if (o->topics && o->n_topics && !has_topic(ix, ord, o->topics, o->n_topics))
		return 0;
	return o->version < 4 || admissible3(ix, o, ord);
}

/* ---- features ------------------------------------------------------------ */

static int year_of(const char *d)
{
	if (strlen(d) < 4 || !digits(d, 4))
		return -1;
	return (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
}

/* Birth date: exact +0.06; swapped day and month, or the same year when
 * one side has the year only, +0.03; the same year with another day
 * -0.04; a year apart -0.02 (transcription noise); further apart -0.15.
 * The best pair of the entity's and the query's birth dates counts. */
/* How one listed birth date d reads against one query date qd. */
static double dob_score(const char *d, const char *qd, const char **how)
{
	int ey = year_of(d), qy = year_of(qd);
	if (ey == qy) {
		if (strlen(d) >= 10 && strlen(qd) >= 10) {
			if (!strncmp(d, qd, 10))
				return *how = "exact", 0.06;
			if (!strncmp(d + 5, qd + 8, 2) && !strncmp(d + 8, qd + 5, 2))
				return *how = "day/month swapped", 0.03;
			return *how = "same year, other day", -0.04;
		}
		return *how = "same year", 0.03;
	}
	if (abs(ey - qy) == 1)
		return *how = "one year apart", -0.02;
	return *how = "contradicting", -0.15;
}

static void feature_dob(vg_matcher *m, vg__cand *c)
{
	size_t np, i, k;
	const vg_ix_prop *p = vg__index_props(m->ix, c->ord, &np);
	double best = -1.0;
	int seen = 0;
	for (i = 0; i < np; i++) {
		const char *d, *h;
		if (strcmp(m->ix->strs + p[i].key, "birthDate"))
			continue;
		d = m->ix->strs + p[i].value;
		if (year_of(d) < 0)
			continue;
		for (k = 0; k < m->n_dobs; k++) {
			double f = dob_score(d, m->dobs[k], &h);
			seen = 1;
			if (f > best) {
				best = f;
				c->dob_how = h;
				c->dob_val = d;
				c->q_dob = m->dobs[k];
			}
		}
	}
	if (seen)
		c->f_dob = best;
}

/* The properties that say which country a party belongs to (FtM types
 * addresses' and a sanction's countries as countries too: not these). */
static int is_country_key(const char *k)
{
	return !strcmp(k, "nationality") || !strcmp(k, "country") ||
	       !strcmp(k, "citizenship") || !strcmp(k, "jurisdiction") ||
	       !strcmp(k, "birthCountry") || !strcmp(k, "mainCountry") ||
	       !strcmp(k, "flag");
}

/* Countries: agreement +0.03; the entity has countries and none is the
 * query's -0.06 (people move, so it is weak evidence). */
static void feature_country(vg_matcher *m, vg__cand *c)
{
	size_t np, i, k;
	const vg_ix_prop *p = vg__index_props(m->ix, c->ord, &np);
	int seen = 0;
	if (!m->n_countries)
		return;
	for (i = 0; i < np; i++) {
		const char *v;
		if (!is_country_key(m->ix->strs + p[i].key))
			continue;
		v = m->ix->strs + p[i].value;
		if (!seen)
			c->country_val = v;
		seen = 1;
		for (k = 0; k < m->n_countries; k++)
			if (!strcasecmp(v, m->countries[k])) {
				c->f_country = 0.03;
				c->country_how = "agrees";
				c->country_val = v;
				c->q_country = m->countries[k];
				return;
			}
	}
	if (seen) {
		c->f_country = -0.06;
		c->country_how = "contradicting";
		c->q_country = m->countries[0];
	} else {
		c->country_val = NULL;
	}
}

/* Identifiers: the same number from the same issuer is decisive (+0.35);
 * the same digits from another country are only a hint (+0.05). */
static void feature_id(vg_matcher *m, vg__cand *c)
{
	size_t np, i, k, j;
	const vg_ix_prop *p = vg__index_props(m->ix, c->ord, &np);
	char norm[64];
	if (!m->n_ids)
		return;
	for (i = 0; i < np; i++) {
		const char *qual;
		if (!vg__is_identifier_key(m->ix->strs + p[i].key))
			continue;
		if (vg__index_id_normalize(norm, sizeof(norm), m->ix->strs + p[i].value) < 4)
			continue;
		for (k = 0; k < m->n_ids; k++) {
			int other = 0;
			if (strcmp(norm, m->ids[k]))
				continue;
			qual = p[i].qual ? m->ix->strs + p[i].qual : NULL;
			if (qual && strlen(qual) == 2 && m->n_countries) {
				other = 1;
				for (j = 0; j < m->n_countries; j++)
					if (!strcasecmp(qual, m->countries[j]))
						other = 0;
			}
			if (other) {
				if (c->f_id < 0.05) {
					c->f_id = 0.05;
					c->id_how = "same number, other issuer";
					c->id_val = m->ix->strs + p[i].value;
					c->q_id = m->ids[k];
				}
			} else {
				c->f_id = 0.35;
				c->id_how = "same number";
				c->id_val = m->ix->strs + p[i].value;
				c->q_id = m->ids[k];
				return;
			}
		}
	}
}

static void feature_gender(vg_matcher *m, vg__cand *c)
{
	const char *g;
	int eg;
	if (!m->gender)
		return;
	if (!(g = vg__index_prop(m->ix, c->ord, "gender")) || !(eg = lower_gender(g)))
		return;
	c->gender_val = g;
	if (eg != m->gender) {
		c->f_gender = -0.10;
		c->gender_how = "contradicting";
	} else {
		c->gender_how = "agrees";
	}
}

/* Two tokens are the same name part: same text, phonetic key or consonant
 * skeleton, or a typo apart. */
static int token_close(const vg_name *a, const vg__token *ta, const vg_name *b,
		       const vg__token *tb)
{
	const char *x = a->text + ta->off, *y = b->text + tb->off;
	unsigned max;
	if (ta->len == tb->len && !memcmp(x, y, ta->len))
		return 1;
	if (ta->klen && ta->klen == tb->klen &&
	    !memcmp(a->text + ta->koff, b->text + tb->koff, ta->klen))
		return 1;
	if (ta->slen >= 3 && ta->slen == tb->slen &&
	    !memcmp(a->text + ta->soff, b->text + tb->soff, ta->slen))
		return 1;
	if (ta->len < 4 || tb->len < 4)
		return 0;
	max = (ta->len >= 8 && tb->len >= 8) ? 2 : 1;
	return vg__edit_distance(x, ta->len, y, tb->len, max) <= max;
}

/* Whether query token t is close to a token of the listed name n. */
static int in_listed(const vg_name *q, const vg__token *t, const vg_name *n)
{
	size_t i;
	for (i = 0; i < n->n_tokens; i++)
		if (token_close(q, t, n, &n->tokens[i]))
			return 1;
	return 0;
}

/* Family name: a person query whose family name (the part before the
 * comma of "SURNAME, Given", else the last part written) appears nowhere
 * in the listed name is another family's member with the same given names
 * (-0.12).  The comparator sees an extra part; this sees which part.
 * An exact birth date outweighs it: another family's member born the same
 * day is unlikely, a mangled family name is not.  Given names the listed
 * name lacks count a little (-0.05 for each, weighed by rarity; not
 * pieces of three letters or less, which are as often a word cut in two). */
static void feature_family(vg_matcher *m, vg__cand *c)
{
	const vg_index *ix = m->ix;
	const vg_name *q;
	const vg_ix_name *nm;
	const unsigned char *enc;
	size_t len, used, i;
	const vg__token *fam = NULL;
	double extra = 0;
	/* a query of unknown schema compared as a person (its person reading)
	 * is one too */
	if ((m->schema != VG_SCHEMA_PERSON &&
	     !(m->schema == VG_SCHEMA_THING && c->qname >= 0 && m->qperson[c->qname])) ||
	    vg__index_schema(ix, c->ord) != VG_SCHEMA_PERSON ||
	    c->qname < 0 || !m->view || c->f_dob >= 0.06)
		return;
	q = (const vg_name *)vg__qname_for(m, (size_t)c->qname, VG_SCHEMA_PERSON);
	if (q->n_tokens < 2)
		return;
	for (i = 0; i < q->n_tokens; i++) {
		const vg__token *t = &q->tokens[i];
		if (t->kind != VG__TOK_WORD)
			continue;
		if (t->flags & VG__TF_SURNAME) {
			if (!fam || !(fam->flags & VG__TF_SURNAME) || t->pos > fam->pos)
				fam = t;
		} else if (!fam || (!(fam->flags & VG__TF_SURNAME) && t->pos > fam->pos)) {
			fam = t;
		}
	}
	if (!fam || fam->len < 2)
		return;
	nm = &ix->names[c->name_idx];
	enc = vg__index_name_enc(ix, nm, &len);
	if (vg__name_decode(m->view, &used, enc, len) != 0)
		return;
	if (!in_listed(q, fam, m->view)) {
		c->f_family = -0.12;
		c->family_how = "family name not in the listed name";
		c->q_family = q->text + fam->off;
		c->family_val = ix->strs + nm->value;
		return;
	}
	/* the family name is there: given names the listed name lacks (Mark
	 * Erica Taylor / TAYLOR, Mark) say a little against it too */
	for (i = 0; i < q->n_tokens; i++) {
		const vg__token *t = &q->tokens[i];
		if (t->kind == VG__TOK_WORD && t != fam && t->len >= 4 && !in_listed(q, t, m->view)) {
			if (!extra)
				c->q_family = q->text + t->off;
			extra += t->weight;
		}
	}
	if (extra > 0) {
		c->f_family = -0.05 * (extra > 2 ? 2 : extra);
		c->family_how = "given names not in the listed name";
		c->family_val = ix->strs + nm->value;
	}
}

/* ---- retrieval and scoring ------------------------------------------------- */

static int cmp_cand(const void *x, const void *y)
{
	const vg__cand *a = x, *b = y;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->ord < b->ord ? -1 : a->ord > b->ord;
}

int vg__match_push_cand(vg_matcher *m, uint32_t ord, float w)
{
	vg__cand *c;
	if (vg__grow(&m->cands, &m->cap_cands, m->n_cands + 1, sizeof(*m->cands)))
		return VG_ENOMEM;
	c = &m->cands[m->n_cands++];
	memset(c, 0, sizeof(*c));
	c->ord = ord;
	c->retrieval = w;
	c->qname = -1;
	c->name_idx = UINT32_MAX;
	return 0;
}

/* Keeps the best (query name, entity name) pair; a weak alias counts
 * 0.08 less than a strong name. */
static void consider(vg__cand *c, double s, int weak, int qi, uint32_t name_idx)
{
	double adj = weak ? s - 0.08 : s;
	if (c->qname < 0 || adj > c->name_score + c->f_weak) {
		c->name_score = s;
		c->f_weak = weak ? -0.08 : 0.0;
		c->qname = qi;
		c->name_idx = name_idx;
	}
}

/*
 * The comparison of query analysis q with the listed name of bytes enc:
 * namesakes written alike (one name on many records, the ties retrieval
 * cannot order) are compared once per query.  Exact: the comparator reads
 * nothing but the two analysed names, and the bytes are the whole listed
 * one.  Past half the table's slots a comparison is not kept.
 */
static int compare_memo(vg_matcher *m, double *score, const vg_name *q,
			const unsigned char *enc, size_t len, int *decoded)
{
	size_t used, p = (size_t)vg__hash64(enc, len, (uint64_t)(uintptr_t)q) & (VG__MEMO_SLOTS - 1);
	vg__memo *e;
	int rc;
	for (e = &m->memo[p]; e->enc; e = &m->memo[p = (p + 1) & (VG__MEMO_SLOTS - 1)])
		if (e->q == q && e->len == len && (e->enc == enc || !memcmp(e->enc, enc, len))) {
			*score = e->score;
			return e->rc;
		}
	/* decoded once for all the query's names (*decoded: 0 not yet, 1
	 * done, -1 failed) */
	if (!*decoded)
		*decoded = vg__name_decode(m->cmp_view, &used, enc, len) ? -1 : 1;
	rc = *decoded < 0 ? VG_EDATA : vg_name_compare(score, q, m->cmp_view, NULL);
	if (rc == 0)
		m->n_compares++;
	if (m->n_memo < VG__MEMO_SLOTS / 2) {
		*e = (vg__memo){ enc, q, (uint32_t)len, rc, rc ? 0.0 : *score };
		m->memo_used[m->n_memo++] = (uint16_t)p;
	}
	return rc;
}

static void memo_clear(vg_matcher *m)
{
	size_t i;
	for (i = 0; i < m->n_memo; i++)
		m->memo[m->memo_used[i]].enc = NULL;
	m->n_memo = 0;
}

/* Step 3: each candidate's names that retrieval met, compared with the
 * query's; then retrieval's scratch is cleared. */
static int compare_candidates(vg_matcher *m)
{
	const vg_index *ix = m->ix;
	size_t k, i;
	for (k = 0; k < m->n_cands; k++) {
		vg__cand *c = &m->cands[k];
		size_t nn;
		const vg_ix_name *names = vg__index_names(ix, c->ord, &nn);
		uint32_t base = ix->recs[c->ord].name_start;
		if (vg__deadline_passed(m->deadline, k, 15)) {
			m->n_cands = 0;
			memo_clear(m);
			return vg__error_set(VG_ETIMEOUT, "time limit exceeded");
		}
		for (i = 0; i < nn; i++) {
			size_t qi, len;
			const unsigned char *enc;
			int decoded = 0;
			float na = m->name_acc[base + i];
			/* Only the names reaching retrieval's cut can reach
			 * the threshold; an identifier's candidate compares
			 * every name. */
			if (c->retrieval < 100.0f && na <= 0.0f)
				continue;
			enc = vg__index_name_enc(ix, &names[i], &len);
			for (qi = 0; qi < m->n_qnames; qi++) {
				double s;
				if (compare_memo(m, &s, vg__qname_for(m, qi, vg__index_schema(ix, c->ord)),
						 enc, len, &decoded))
					continue;
				consider(c, s, names[i].flags & VG_IXN_WEAK, (int)qi,
					 base + (uint32_t)i);
			}
		}
	}
	memo_clear(m);
	return 0;
}

static int retrieve(vg_matcher *m, const vg_query *q, const vg_match_options *o)
{
	int rc = vg__retrieve(m, q, o);
	if (rc == 0)
		rc = compare_candidates(m);
	else
		m->n_cands = 0;
	vg__retrieve_clear(m);
	return rc;
}

/* The reference path: every admissible entity, every name. */
static int exhaustive(vg_matcher *m, const vg_query *q, const vg_match_options *o)
{
	const vg_index *ix = m->ix;
	uint32_t e;
	m->n_cands = 0;
	for (e = 0; e < ix->meta.n_entities; e++) {
		size_t nn, i, qi;
		const vg_ix_name *names;
		vg__cand *c;
		if (!vg__match_admissible(m, o, e))
			continue;
		names = vg__index_names(ix, e, &nn);
		if (!nn)
			continue;
		if (vg__match_push_cand(m, e, 0))
			return VG_ENOMEM;
		c = &m->cands[m->n_cands - 1];
		for (i = 0; i < nn; i++) {
			size_t len;
			const unsigned char *enc = vg__index_name_enc(ix, &names[i], &len);
			for (qi = 0; qi < m->n_qnames; qi++) {
				double s;
				if (vg__match_compare(&s, m->cmp_view,
						      vg__qname_for(m, qi, vg__index_schema(ix, e)),
						      enc, len, NULL))
					continue;
				m->n_compares++;
				consider(c, s, names[i].flags & VG_IXN_WEAK, (int)qi,
					 ix->recs[e].name_start + (uint32_t)i);
			}
		}
		/* Keep memory bounded: drop hopeless candidates at once. */
		if (c->name_score < 0.3)
			m->n_cands--;
	}
	return 0;
}

static double threshold_of(const vg_match_options *o);

/* The features' codes, in the order of their parts of vg__cand. */
enum { F_NAME, F_WEAK, F_DOB, F_COUNTRY, F_ID, F_GENDER, F_FAMILY, F__COUNT };
static const char *const feature_names[F__COUNT + 1] = {
	"name", "weak_alias", "birth_date", "country", "identifier", "gender",
	"family_name", NULL
};

const char *vg_match_feature_name(size_t i)
{
	return i < F__COUNT ? feature_names[i] : NULL;
}

/* The score with each feature's part multiplied by the caller's weight. */
static double weighted(const vg__cand *c, const vg_match_options *o)
{
	double part[F__COUNT] = { c->name_score, c->f_weak, c->f_dob, c->f_country,
				  c->f_id, c->f_gender, c->f_family };
	double s = 0.0;
	size_t f, k;
	for (f = 0; f < F__COUNT; f++) {
		double w = 1.0;
		for (k = 0; k < o->n_weights; k++)
			if (o->weight_names[k] && !strcmp(o->weight_names[k], feature_names[f]))
				w = o->weights[k];
		s += part[f] * w;
	}
	return s;
}

int vg__match_run(vg_matcher *m, const vg_query *q, const vg_match_options *o,
		  int exhaustive_mode)
{
	size_t k;
	int rc;
	double floor = threshold_of(o) * VG__SHOW_FLOOR;
	m->deadline = o && o->version >= 3 ? vg__deadline_after_ms(o->time_limit_ms) : 0;
	if ((rc = vg_query_validate(q)) != 0 || (rc = prepare(m, q)) != 0)
		return rc;
	rc = exhaustive_mode ? exhaustive(m, q, o) : retrieve(m, q, o);
	if (rc)
		return rc;
	for (k = 0; k < m->n_cands; k++) {
		vg__cand *c = &m->cands[k];
		double s;
		if (c->qname < 0 && !(c->id_only = !m->n_qnames && c->retrieval >= 100.0f)) {
			c->score = 0.0;
			continue;
		}
		/* a query without names is screened on its identifiers: what
		 * shares one starts where a good name match would */
		if (c->id_only)
			c->name_score = VG__ID_ONLY_BASE;
		feature_id(m, c);
		/* The other features move a score by at most +0.09: a name too
		 * far below the display floor to be lifted to it skips them. */
		if (c->name_score + c->f_weak + c->f_id + 0.1 >= floor) {
			feature_dob(m, c);
			feature_country(m, c);
			feature_gender(m, c);
			feature_family(m, c);
		}
		if (o->version >= 4 && o->n_weights)
			s = weighted(c, o);
		else
			s = c->name_score + c->f_weak + c->f_dob + c->f_country + c->f_id +
			    c->f_gender + c->f_family;
		c->score = s < 0.0 ? 0.0 : s > 1.0 ? 1.0 : s;
	}
	if (m->n_cands > 1)
		qsort(m->cands, m->n_cands, sizeof(vg__cand), cmp_cand);
	return 0;
}

static double threshold_of(const vg_match_options *o)
{
	return (o && o->threshold >= 0.0) ? o->threshold : VG__MATCH_THRESHOLD;
}

/* Results worth showing: a weak name resemblance is noise; a caller's
 * cutoff drops what scores at or below it (yente's). */
static size_t shown(const vg_matcher *m, size_t limit, double threshold,
		    const vg_match_options *o)
{
	size_t n = 0;
	double floor = threshold * VG__SHOW_FLOOR;
	double cutoff = o->version >= 4 ? o->cutoff : -1.0;
	while (n < m->n_cands && n < limit && (m->cands[n].qname >= 0 || m->cands[n].id_only) &&
	       m->cands[n].score >= floor && m->cands[n].score > cutoff)
		n++;
	return n;
}

void vg_match_options_init(vg_match_options *o)
{
	if (o)
		*o = (vg_match_options)VG_MATCH_OPTIONS_INIT;
}

void vg_query_init(vg_query *q)
{
	if (q)
		*q = (vg_query)VG_QUERY_INIT;
}

const vg_index *vg_matcher_index(const vg_matcher *m)
{
	return m ? m->ix : NULL;
}

/* Options of an older layout than this library's are read as far as they
 * go; an unknown version or a limit of 0 (a zero-initialised struct) is
 * the caller's mistake. */
static int check_options(const vg_match_options *o, const char *fn)
{
	if (o->version < 1 || o->version > VG_MATCH_OPTIONS_VERSION)
		return vg__error_set(VG_EUSAGE, "%s: options version %u, expected 1..%u "
				     "(use VG_MATCH_OPTIONS_INIT or vg_match_options_init)",
				     fn, o->version, VG_MATCH_OPTIONS_VERSION);
	if (o->limit == 0)
		return vg__error_set(VG_EUSAGE, "%s: limit 0 (at least 1 result)", fn);
	if (o->threshold > 1.0 || o->threshold != o->threshold)
		return vg__error_set(VG_EUSAGE, "%s: threshold above 1", fn);
	if (o->version >= 4 && (o->cutoff > 1.0 || o->cutoff != o->cutoff))
		return vg__error_set(VG_EUSAGE, "%s: cutoff above 1", fn);
	return 0;
}

static void add_feature(vg_match_result *r, const char *code, double score, const char *detail,
			const char *query, const char *candidate)
{
	if (!detail || r->n_features >= VG_MAX_FEATURES)
		return;
	r->features[r->n_features++] = (vg_feature){ code, score, detail, query, candidate };
}

/* The result of candidate c, its explanation included. */
static void fill_result(vg_match_result *r, const vg_matcher *m, const vg__cand *c,
			double threshold)
{
	const vg_ix_name *nm = c->id_only ? NULL : &m->ix->names[c->name_idx];
	r->ordinal = c->ord;
	r->score = c->score;
	r->match = c->score >= threshold;
	r->query_name = nm ? m->qtext[c->qname] : NULL;
	r->matched_name = nm ? m->ix->strs + nm->value : NULL;
	r->name_kind = !nm ? "no name in the query" :
		       (nm->flags & VG_IXN_WEAK) ? "weak alias" :
		       (nm->flags & VG_IXN_PREVIOUS) ? "previous name" :
		       (nm->flags & VG_IXN_DERIVED) ? "name parts" : "name";
	r->n_features = 0;
	add_feature(r, feature_names[F_NAME], c->name_score,
		    nm ? "best name" : "no name in the query: found by an identifier",
		    r->query_name, r->matched_name);
	if (c->f_weak != 0.0)
		add_feature(r, feature_names[F_WEAK], c->f_weak, "weak alias", NULL,
			    r->matched_name);
	add_feature(r, feature_names[F_DOB], c->f_dob, c->dob_how, c->q_dob, c->dob_val);
	add_feature(r, feature_names[F_COUNTRY], c->f_country, c->country_how, c->q_country,
		    c->country_val);
	add_feature(r, feature_names[F_ID], c->f_id, c->id_how, c->q_id, c->id_val);
	add_feature(r, feature_names[F_GENDER], c->f_gender, c->gender_how, m->qgender,
		    c->gender_val);
	add_feature(r, feature_names[F_FAMILY], c->f_family, c->family_how, c->q_family,
		    c->family_val);
}

int vg_match(size_t *n_results, vg_match_result *results, size_t cap,
	     vg_matcher *m, const vg_query *q, const vg_match_options *o)
{
	vg_match_options def = VG_MATCH_OPTIONS_INIT;
	size_t n, i;
	double t;
	int rc;
	if (!n_results || (!results && cap) || !m || !q)
		return vg__error_set(VG_EUSAGE, "vg_match: NULL argument");
	if (!o)
		o = &def;
	if ((rc = check_options(o, "vg_match")) != 0 ||
	    (rc = vg__match_run(m, q, o, 0)) != 0)
		return rc;
	t = threshold_of(o);
	n = shown(m, o->limit < cap ? o->limit : cap, t, o);
	for (i = 0; i < n; i++)
		fill_result(&results[i], m, &m->cands[i], t);
	*n_results = n;
	return 0;
}

int vg__match_json_hits(size_t *n_results, vg__match_hit *hits, size_t cap,
			vg_matcher *m, const vg_query *q, const vg_match_options *o,
			vg_buf *out)
{
	vg_match_options def = VG_MATCH_OPTIONS_INIT;
	vg_json_options jo = VG_JSON_OPTIONS_INIT;
	size_t n = 0, room, i, mark;
	int rc;
	if (!m || !q || !out)
		return vg__error_set(VG_EUSAGE, "vg_match_json: NULL argument");
	if (!o)
		o = &def;
	if ((rc = check_options(o, "vg_match_json")) != 0)
		return rc;
	room = o->limit < VG__MAX_CANDIDATES ? o->limit : VG__MAX_CANDIDATES;
	if (vg__grow(&m->results, &m->cap_results, room, sizeof(*m->results)))
		return VG_ENOMEM;
	if ((rc = vg_match(&n, m->results, room, m, q, o)) != 0)
		return rc;
	jo.explain = o->explain;
	jo.entity = o->version >= 2 && o->properties;
	jo.links_depth = o->links_depth;
	mark = out->size;
	/* one result at a time, so each one's place in `out` is known */
	vg_buf_puts(out, "[");
	for (i = 0; i < n && rc == 0; i++) {
		size_t start;
		if (i)
			vg_buf_puts(out, ", ");
		start = out->size;
		if ((rc = vg_json_result(out, m->ix, m, &m->results[i], &jo)) == 0 && hits &&
		    i < cap)
			hits[i] = (vg__match_hit){ m->results[i].ordinal, m->results[i].score,
						   m->results[i].match, start, out->size - start };
	}
	vg_buf_puts(out, "]");
	if (rc == 0)
		rc = vg_buf_check(out);
	if (rc) {
		vg_buf_truncate(out, mark);
		return rc;
	}
	if (n_results)
		*n_results = n;
	return 0;
}

int vg_match_json(size_t *n_results, vg_matcher *m, const vg_query *q,
		  const vg_match_options *o, vg_buf *out)
{
	return vg__match_json_hits(n_results, NULL, 0, m, q, o, out);
}

int vg__match_compare(double *score, vg_name *view, const vg_name *q,
		      const unsigned char *enc, size_t len, vg_buf *explain)
{
	size_t used;
	int rc = vg__name_decode(view, &used, enc, len);
	if (rc)
		return rc;
	return vg_name_compare(score, q, view, explain);
}

int vg_match_name_explanation(vg_matcher *m, const vg_match_result *r, vg_buf *out)
{
	int rc;
	size_t qi, len;
	const vg_ix_name *nm;
	const unsigned char *enc;
	double s;
	if (!m || !r || !out)
		return vg__error_set(VG_EUSAGE, "vg_match_name_explanation: NULL argument");
	if (!r->query_name)
		return vg__error_set(VG_ENOTFOUND, "vg_match_name_explanation: no name compared");
	for (qi = 0; qi < m->n_qnames && m->qtext[qi] != r->query_name; qi++)
		;
	if (qi == m->n_qnames || r->ordinal >= m->ix->meta.n_entities)
		return vg__error_set(VG_EUSAGE, "vg_match_name_explanation: not a result "
				     "of this matcher's last query");
	nm = vg__index_names(m->ix, r->ordinal, &len);
	for (; len && m->ix->strs + nm->value != r->matched_name; len--)
		nm++;
	if (!len)
		return vg__error_set(VG_EUSAGE, "vg_match_name_explanation: no such name");
	enc = vg__index_name_enc(m->ix, nm, &len);
	if ((rc = vg__match_compare(&s, m->view,
				    vg__qname_for(m, qi, vg__index_schema(m->ix, r->ordinal)),
				    enc, len, out)) != 0)
		return rc;
	/* the comparator writes its explanation without checking each
	 * write: the buffer's sticky flag says whether one failed */
	return vg_buf_check(out);
}
