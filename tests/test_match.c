/*
 * test_match.c - the matcher: query validation, retrieval against the
 * exhaustive reference, the features moving the score the right way,
 * filters, determinism, and one index shared by several threads.
 */
#include "helpers.h"
#include "common/error.h"
#include "match/match_internal.h"
#include "vigil/vigil.h"

#include <pthread.h>
#include <unistd.h>

static vg_index *ix;
static char idx_path[256];

static int setup(void **state)
{
	vg_builder *b = NULL;
	(void)state;
	snprintf(idx_path, sizeof(idx_path), "/tmp/vg_test_match.%d.idx", (int)getpid());
	if (vg_builder_new(&b) || vg_builder_add(b, fixture("index/small.ftm.jsonl"),
						  VG_FORMAT_FTM_JSON) ||
	    vg_builder_write(b, idx_path))
		return -1;
	vg_builder_free(b);
	return vg_index_open(&ix, idx_path);
}

static int teardown(void **state)
{
	(void)state;
	vg_index_free(ix);
	unlink(idx_path);
	return 0;
}

/* Score of entity `id` for a query (-1 when not returned). */
static double score_of(vg_matcher *m, const vg_query *q, const char *id)
{
	vg_match_result r[10];
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	size_t n, i;
	o.limit = 10;
	assert_int_equal(vg_match(&n, r, 10, m, q, &o), 0);
	for (i = 0; i < n; i++)
		if (!strcmp(vg_index_entity_id(ix, r[i].ordinal), id))
			return r[i].score;
	return -1.0;
}

static void test_validate(void **state)
{
	vg_query q = VG_QUERY_INIT;
	const char *names[1];
	char *big = malloc(100001);
	(void)state;
	q.names = names;
	q.n_names = 1;
	names[0] = "";
	assert_int_equal(vg_query_validate(&q), VG_EUSAGE);
	assert_non_null(strstr(vg_error_last()->message, "name"));
	names[0] = "bad \xff\xfe bytes";
	assert_int_equal(vg_query_validate(&q), VG_EUSAGE);
	assert_non_null(strstr(vg_error_last()->message, "UTF-8"));
	memset(big, 'a', 100000);
	big[100000] = '\0';
	names[0] = big;
	assert_int_equal(vg_query_validate(&q), VG_EUSAGE);
	assert_non_null(strstr(vg_error_last()->message, "too long"));
	names[0] = "Ivan Sidorov";
	assert_int_equal(vg_query_validate(&q), 0);
	q.birth_date = "sometime";
	assert_int_equal(vg_query_validate(&q), VG_EUSAGE);
	assert_non_null(strstr(vg_error_last()->message, "birth_date"));
	q.birth_date = "1977-8-12"; /* damaged but readable */
	assert_int_equal(vg_query_validate(&q), 0);
	q.birth_date = NULL;
	q.schema = VG_SCHEMA_SANCTION;
	assert_int_equal(vg_query_validate(&q), VG_EUSAGE);
	assert_non_null(strstr(vg_error_last()->message, "schema"));
	free(big);
}

static void test_punctuation_only(void **state)
{
	vg_matcher *m = NULL;
	vg_query q = VG_QUERY_INIT;
	const char *names[1] = { "!!! ???" };
	vg_buf out = VG_BUF_INIT;
	size_t n;
	(void)state;
	q.names = names;
	q.n_names = 1;
	assert_int_equal(vg_matcher_new(&m, ix), 0);
	assert_int_equal(vg_match_json(&n, m, &q, NULL, &out), VG_EUSAGE);
	vg_buf_dispose(&out);
	vg_matcher_free(m);
}

/* A time limit stops a query with VG_ETIMEOUT, and leaves the matcher as
 * clean as a finished query: the next one gives the same results. */
static void test_time_limit(void **state)
{
	vg_matcher *m = NULL;
	vg_query q = VG_QUERY_INIT;
	const char *names[8] = { "Ivan Sidorov", "Ivan Petrovich Sidorov", "I. Sidorov",
				 "Sidorov Ivan", "Ivan Sidorow", "Iwan Sidorov", "Sidorov, Ivan",
				 "Ivan P. Sidorov" };
	vg_match_result before[10], after[10];
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	size_t n1, n2, i, timeouts = 0;
	(void)state;
	assert_int_equal(vg_matcher_new(&m, ix), 0);
	q.names = names;
	q.n_names = 8;
	o.limit = 10;
	assert_int_equal(vg_match(&n1, before, 10, m, &q, &o), 0);
	assert_true(n1 > 0);
	/* 1 ns: the deadline is 1 us away when the query starts, less than
	 * preparing eight names takes */
	o.time_limit_ms = 1e-6;
	for (i = 0; i < 5; i++)
		timeouts += vg_match(&n2, after, 10, m, &q, &o) == VG_ETIMEOUT;
	assert_int_equal(timeouts, 5);
	o.time_limit_ms = 60000;
	assert_int_equal(vg_match(&n2, after, 10, m, &q, &o), 0);
	assert_int_equal(n1, n2);
	for (i = 0; i < n1; i++) {
		assert_int_equal(before[i].ordinal, after[i].ordinal);
		assert_true(before[i].score == after[i].score);
	}
	/* options of version 2 (before the time limit) are still taken */
	o.version = 2;
	o.time_limit_ms = 1e-6;
	assert_int_equal(vg_match(&n2, after, 10, m, &q, &o), 0);
	assert_int_equal(n1, n2);
	vg_matcher_free(m);
}

static void test_features(void **state)
{
	vg_matcher *m = NULL;
	vg_query q = VG_QUERY_INIT;
	const char *names[1] = { "Ivan Sidorov" }, *ids[1] = { "7201 334455" },
		   *ru[1] = { "Russia" }, *fr[1] = { "fr" };
	double base, s;
	(void)state;
	assert_int_equal(vg_matcher_new(&m, ix), 0);
	q.names = names;
	q.n_names = 1;
	q.schema = VG_SCHEMA_PERSON;
	base = score_of(m, &q, "t-p1");
	assert_true(base > 0.7);
	q.birth_date = "1961-04-12";
	assert_true(score_of(m, &q, "t-p1") > base);
	q.birth_date = "1961-12-04"; /* day and month swapped */
	s = score_of(m, &q, "t-p1");
	assert_true(s > base && s < base + 0.06);
	q.birth_date = "1985";
	assert_true(score_of(m, &q, "t-p1") < base);
	q.birth_date = NULL;
	q.countries = ru;
	q.n_countries = 1;
	assert_true(score_of(m, &q, "t-p1") > base);
	q.countries = fr;
	assert_true(score_of(m, &q, "t-p1") < base);
	q.n_countries = 0;
	q.gender = "female";
	assert_true(score_of(m, &q, "t-p1") < base);
	q.gender = NULL;
	/* an identifier rescues a weak name */
	names[0] = "I. Sidorov";
	s = score_of(m, &q, "t-p1");
	q.id_numbers = ids;
	q.n_id_numbers = 1;
	assert_true(score_of(m, &q, "t-p1") >= (s + 0.3 < 1.0 ? s + 0.3 : 1.0) - 1e-9);
	/* missing evidence changes nothing: Maria has no passport */
	names[0] = "Maria Sidorova";
	q.n_id_numbers = 0;
	base = score_of(m, &q, "t-p2");
	q.n_id_numbers = 1;
	assert_true(score_of(m, &q, "t-p2") == base);
	q.n_id_numbers = 0;
	/* a given name the listed name lacks says a little against it, also
	 * for a query of unknown schema (read as a person too) */
	names[0] = "Maria Elena Sidorova";
	s = score_of(m, &q, "t-p2");
	assert_true(s < base);
	q.schema = VG_SCHEMA_THING;
	assert_true(score_of(m, &q, "t-p2") <= s + 1e-9);
	vg_matcher_free(m);
}

static void test_filters_and_weak_alias(void **state)
{
	vg_matcher *m = NULL;
	vg_query q = VG_QUERY_INIT;
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	vg_match_result r[5];
	const char *names[1] = { "Sea Falcon" }, *ds[1] = { "no-such-list" };
	size_t n, i;
	(void)state;
	assert_int_equal(vg_matcher_new(&m, ix), 0);
	q.names = names;
	q.n_names = 1;
	q.schema = VG_SCHEMA_PERSON;
	assert_int_equal(vg_match(&n, r, 5, m, &q, &o), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(vg__index_schema(ix, r[i].ordinal), VG_SCHEMA_PERSON);
	q.schema = VG_SCHEMA_VESSEL;
	assert_int_equal(vg_match(&n, r, 5, m, &q, &o), 0);
	assert_true(n >= 1);
	assert_string_equal(vg_index_entity_id(ix, r[0].ordinal), "t-v1");
	assert_true(r[0].match);
	o.datasets = ds;
	o.n_datasets = 1;
	assert_int_equal(vg_match(&n, r, 5, m, &q, &o), 0);
	assert_int_equal(n, 0);
	/* a weak alias counts less than a name */
	q.schema = VG_SCHEMA_THING;
	names[0] = "The Admiral";
	o.n_datasets = 0;
	assert_int_equal(vg_match(&n, r, 5, m, &q, &o), 0);
	if (n)
		assert_true(r[0].score < 0.95);
	vg_matcher_free(m);
}

/* Every match the exhaustive reference finds, the indexed path finds. */
static void test_recall_vs_exhaustive(void **state)
{
	static const char *const queries[] = {
		"Ivan Sidorov", "Sidorov Ivan Petrovich", "Iwan Sidorow", "Vanya Sidorov",
		"Иван Сидоров", "Maria Sidorova", "Juan Carlos Ortega", "Ortega Ramirez, Juan",
		"Northwind Shipping", "Northwind Shipping Limited", "Sea Falcon", "Seafalcon",
	};
	vg_matcher *m = NULL;
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	size_t qi, j, k;
	(void)state;
	assert_int_equal(vg_matcher_new(&m, ix), 0);
	for (qi = 0; qi < sizeof(queries) / sizeof(queries[0]); qi++) {
		vg_query q = VG_QUERY_INIT;
		const char *names[1] = { queries[qi] };
		uint32_t want[16];
		size_t n_want = 0;
		q.names = names;
		q.n_names = 1;
		assert_int_equal(vg__match_run(m, &q, &o, 1), 0);
		for (j = 0; j < m->n_cands && n_want < 16; j++)
			if (m->cands[j].score >= vg_match_threshold())
				want[n_want++] = m->cands[j].ord;
		assert_true(n_want >= 1); /* each query names a listed party */
		assert_int_equal(vg__match_run(m, &q, &o, 0), 0);
		for (j = 0; j < n_want; j++) {
			for (k = 0; k < m->n_cands; k++)
				if (m->cands[k].ord == want[j])
					break;
			if (k == m->n_cands)
				fail_msg("'%s' misses %s", queries[qi],
					 vg_index_entity_id(ix, want[j]));
		}
	}
	vg_matcher_free(m);
}

/* Builds the FtM file `path` into the index `ipath` and opens a matcher on it. */
static void built_open(const char *path, const char *ipath, vg_index **cix, vg_matcher **m)
{
	vg_builder *b = NULL;
	assert_int_equal(vg_builder_new(&b), 0);
	assert_int_equal(vg_builder_add(b, path, VG_FORMAT_FTM_JSON), 0);
	assert_int_equal(vg_builder_write(b, ipath), 0);
	vg_builder_free(b);
	assert_int_equal(vg_index_open(cix, ipath), 0);
	assert_int_equal(vg_matcher_new(m, *cix), 0);
}

/* Frees what built_open made and removes its files. */
static void built_close(const char *path, const char *ipath, vg_index *cix, vg_matcher *m)
{
	vg_matcher_free(m);
	vg_index_free(cix);
	unlink(path);
	unlink(ipath);
}

/* Names the fixture files of a test (TAG: its own word) in path and ipath
 * and opens the first for writing. */
static FILE *fixture_file(const char *tag, char path[256], char ipath[256])
{
	FILE *f;
	snprintf(path, 256, "/tmp/vg_test_%s.%d.jsonl", tag, (int)getpid());
	snprintf(ipath, 256, "/tmp/vg_test_%s.%d.idx", tag, (int)getpid());
	assert_non_null(f = fopen(path, "w"));
	return f;
}

/* Runs one Person query, NAME born BIRTH (or NULL), through the exhaustive
 * path (exhaustive 1) or retrieval (0): m->cands holds the answer. */
static void person_run(vg_matcher *m, const char *name, const char *birth, int exhaustive)
{
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	vg_query q = VG_QUERY_INIT;
	const char *names[1] = { name };
	q.names = names;
	q.n_names = 1;
	q.schema = VG_SCHEMA_PERSON;
	q.birth_date = birth;
	assert_int_equal(vg__match_run(m, &q, &o, exhaustive), 0);
}

/* Builds and opens an index of 64 Person namesakes, "PREFIX" followed by
 * a syllable of syl and an ending of end (ids TAG-0 .. TAG-63), and one
 * more Person, ID named NAME, written last; path and ipath receive the
 * files' names for built_close. */
static void crowd_open(const char *tag, const char *prefix, const char *const syl[8],
		       const char *const end[8], const char *id, const char *name,
		       char path[256], char ipath[256], vg_index **cix, vg_matcher **m)
{
	FILE *f;
	size_t i;
	f = fixture_file(tag, path, ipath);
	for (i = 0; i < 64; i++)
		fprintf(f, "{\"id\": \"%s-%zu\", \"schema\": \"Person\", \"properties\": "
			   "{\"name\": [\"%s%s%s\"]}}\n",
			tag, i, prefix, syl[i % 8], end[i / 8]);
	fprintf(f, "{\"id\": \"%s\", \"schema\": \"Person\", \"properties\": "
		   "{\"name\": [\"%s\"]}}\n", id, name);
	assert_int_equal(fclose(f), 0);
	built_open(path, ipath, cix, m);
}

/*
 * A crowd of namesakes sharing a query's given name and patronymic
 * ("Andrey Andreyevich Belarov" ...), more than retrieval compares, and
 * one listed "Andrey Popov" written last: for "Andrey Andreyevich Popov"
 * the comparator matches Andrey Popov (a middle name one side lacks) and
 * none of the crowd (another family name is a conflict).  Retrieval covers
 * more of the query with the crowd's names, so it must rank by what both
 * names leave over, not by coverage alone, to compare Andrey Popov.
 */
static void test_namesake_crowd(void **state)
{
	static const char *const syl[] = { "Bel", "Kar", "Mur", "Sed", "Tol", "Vin", "Zar", "Lug" };
	static const char *const end[] = { "arov", "eshin", "ukov", "omin", "itsyn", "yagin", "urov",
					   "enko" };
	char path[256], ipath[256];
	vg_index *cix = NULL;
	vg_matcher *m = NULL;
	size_t k;
	int found = 0;
	(void)state;
	crowd_open("crowd", "Andrey Andreyevich ", syl, end, "popov", "Andrey Popov", path, ipath,
		   &cix, &m);
	/* the exhaustive reference matches Andrey Popov and no one else */
	person_run(m, "Andrey Andreyevich Popov", NULL, 1);
	for (k = 0; k < m->n_cands && m->cands[k].score >= vg_match_threshold(); k++)
		assert_string_equal(vg_index_entity_id(cix, m->cands[k].ord), "popov");
	assert_int_equal(k, 1);
	person_run(m, "Andrey Andreyevich Popov", NULL, 0);
	for (k = 0; k < m->n_cands; k++)
		found |= !strcmp(vg_index_entity_id(cix, m->cands[k].ord), "popov") &&
			 m->cands[k].score >= vg_match_threshold();
	assert_true(found);
	built_close(path, ipath, cix, m);
}

/* Postings that retrieval reads for one query of the given schema. */
static uint64_t postings_of(vg_matcher *m, const char *name, vg_schema schema)
{
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	vg_query q = VG_QUERY_INIT;
	const char *names[1] = { name };
	uint64_t before = m->n_postings;
	q.names = names;
	q.n_names = 1;
	q.schema = schema;
	assert_int_equal(vg__match_run(m, &q, &o, 0), 0);
	return m->n_postings - before;
}

/*
 * Eighty companies share two words ("Kortan Velmis <brand>"), so both are
 * common and retrieval meets them as a pair (PAIR).  A query of unknown
 * schema has two readings, each meeting the pair: its names are read
 * once, not once a reading.  A query whose other words are unlisted
 * cannot reach the cut on the pair alone (two words of five): the pair's
 * names are not read at all.  Both keep every match of the exhaustive path.
 */
static void test_common_pairs(void **state)
{
	static const char *const syl[] = { "Bel", "Kar", "Mur", "Sed", "Tol", "Vin", "Zar", "Lug" };
	static const char *const end[] = { "ardo", "esin", "ukor", "omir", "itan", "yago", "urel",
					   "enko", "ifax", "opul" };
	char path[256], ipath[256];
	vg_index *cix = NULL;
	vg_matcher *m = NULL;
	FILE *f;
	size_t i;
	uint64_t one;
	(void)state;
	f = fixture_file("pairs", path, ipath);
	for (i = 0; i < 80; i++)
		fprintf(f, "{\"id\": \"co-%zu\", \"schema\": \"Company\", \"properties\": "
			   "{\"name\": [\"Kortan Velmis %s%s\"]}}\n",
			i, syl[i % 8], end[i / 8]);
	assert_int_equal(fclose(f), 0);
	built_open(path, ipath, &cix, &m);
	/* each reading meets the pairs of "Kortan", "Velmis" and their glue;
	 * the person reading's were read again: 563 postings, not 323 */
	one = postings_of(m, "Kortan Velmis Murukor", VG_SCHEMA_COMPANY);
	assert_int_equal(postings_of(m, "Kortan Velmis Murukor", VG_SCHEMA_THING), one);
	assert_int_equal(m->n_cands > 0, 1);
	assert_string_equal(vg_index_entity_id(cix, m->cands[0].ord), "co-18");
	assert_true(m->cands[0].score >= vg_match_threshold());
	/* every pair's 80 names were read: 241 postings, not 1 */
	assert_true(postings_of(m, "Kortan Velmis Qwyzzop Xhrumbak Jipfeqq", VG_SCHEMA_COMPANY) <
		    80);
	assert_true(m->n_cands == 0 || m->cands[0].score < vg_match_threshold());
	built_close(path, ipath, cix, m);
}

/*
 * 64 "Andrey Popov" born 1960, more than retrieval compares, and one more
 * written last whose properties end with popov_props (JSON); for "Andrey
 * Popov" born 1947-03-02 both the exhaustive path and retrieval must rank
 * him first (all tie on the name).
 */
static void born_crowd(const char *tag, const char *popov_props)
{
	char path[256], ipath[256];
	vg_index *cix = NULL;
	vg_matcher *m = NULL;
	FILE *f;
	size_t i, k;
	int found = 0;
	f = fixture_file(tag, path, ipath);
	for (i = 0; i < 64; i++)
		fprintf(f, "{\"id\": \"crowd-%zu\", \"schema\": \"Person\", \"properties\": "
			   "{\"name\": [\"Andrey Popov\"], \"birthDate\": [\"1960-05-%02zu\"]}}\n",
			i, i % 28 + 1);
	fprintf(f, "{\"id\": \"popov\", \"schema\": \"Person\", \"properties\": "
		   "{\"name\": [\"Andrey Popov\"]%s}}\n", popov_props);
	assert_int_equal(fclose(f), 0);
	built_open(path, ipath, &cix, &m);
	person_run(m, "Andrey Popov", "1947-03-02", 1);
	assert_true(m->n_cands > 0);
	assert_string_equal(vg_index_entity_id(cix, m->cands[0].ord), "popov");
	person_run(m, "Andrey Popov", "1947-03-02", 0);
	for (k = 0; k < m->n_cands; k++)
		found |= !strcmp(vg_index_entity_id(cix, m->cands[k].ord), "popov");
	assert_true(found);
	assert_string_equal(vg_index_entity_id(cix, m->cands[0].ord), "popov");
	built_close(path, ipath, cix, m);
}

/*
 * Namesakes born in another year score 0.15 less (the birth date
 * feature), so one with no birth date listed is the best match: retrieval
 * must rank the namesakes born years from the query's year below him to
 * compare him.
 */
static void test_namesakes_born_otherwise(void **state)
{
	(void)state;
	born_crowd("born", "");
}

/*
 * A person listed with two birth dates (lists give the dates their
 * sources disagree on) is born in either year: popov born 1960-01-01 or
 * 1947-03-02 is the query's exact date.  Retrieval read his first year
 * only, ranked him with the crowd, last of 65 ties, and did not compare
 * him.
 */
static void test_namesake_born_in_a_second_year(void **state)
{
	(void)state;
	born_crowd("born2", ", \"birthDate\": [\"1960-01-01\", \"1947-03-02\"]");
}

/* The record's birth years as retrieval reads them: the first, two more
 * within 63 years of it in property order, the same year once. */
static void test_birth_years_in_flags(void **state)
{
	uint32_t f = 1960u << 16;
	(void)state;
	assert_int_equal(vg__ixr_born(0, 1960), 0);
	assert_int_equal(vg__ixr_born(f, 1960), 1);
	assert_int_equal(vg__ixr_born(f, 1961), 0);
	assert_int_equal(vg__ixr_born(f, 1947), -1);
	f |= (uint32_t)(-13 & 0x7f) << VG_IXR_YEAR_SHIFT;
	f |= (uint32_t)(5 & 0x7f) << (VG_IXR_YEAR_SHIFT + VG_IXR_YEAR_BITS);
	assert_int_equal(vg__ixr_year_delta(f, 0), -13);
	assert_int_equal(vg__ixr_year_delta(f, 1), 5);
	assert_int_equal(vg__ixr_born(f, 1947), 1);
	assert_int_equal(vg__ixr_born(f, 1965), 1);
	assert_int_equal(vg__ixr_born(f, 1966), 0);
	assert_int_equal(vg__ixr_born(f, 1948), 0);
	assert_int_equal(vg__ixr_born(f, 1980), -1);
}

/*
 * A family name written with a vowel and a consonant changed: "Davit
 * Holkorov" is listed Davit Holvarov, whom the comparator matches; no
 * listed name has "Holkorov", and the two share no term, phonetic key or
 * deletion, only their skeletons less a letter (hlkr, hlr).  Without that
 * key retrieval meets Davit Holvarov by "Davit" and the initials D. H.
 * alone, tied with the 64 other Davit H.s written before him, and does not
 * compare him.
 */
static void test_family_name_twice_misspelt(void **state)
{
	static const char *const syl[] = { "mul", "ber", "gol", "tser", "kap", "lom", "rid", "chik" };
	static const char *const end[] = { "ashvili", "adze", "eli", "ani", "idze", "uri", "ava",
					   "ia" };
	char path[256], ipath[256];
	vg_index *cix = NULL;
	vg_matcher *m = NULL;
	size_t k;
	int found = 0;
	(void)state;
	crowd_open("davit", "Davit Ha", syl, end, "holvarov", "Davit Holvarov", path, ipath, &cix,
		   &m);
	person_run(m, "Davit Holkorov", NULL, 1);
	assert_true(m->n_cands > 0 && m->cands[0].score >= vg_match_threshold());
	assert_string_equal(vg_index_entity_id(cix, m->cands[0].ord), "holvarov");
	person_run(m, "Davit Holkorov", NULL, 0);
	for (k = 0; k < m->n_cands; k++)
		found |= !strcmp(vg_index_entity_id(cix, m->cands[k].ord), "holvarov");
	assert_true(found);
	built_close(path, ipath, cix, m);
}

/* Writes to f n Person records "PREFIX<family>" (ids TAG-0 ..), the
 * families made of three syllables each unlike the others'. */
static void write_people(FILE *f, const char *tag, const char *prefix, size_t n)
{
	static const char *const a[] = { "Bak", "Dor", "Gim", "Hal", "Kes", "Mir", "Suv", "Tez" };
	static const char *const b[] = { "ra", "zi", "lo", "mu", "ve", "ka", "shi", "do" };
	static const char *const c[] = { "mov", "shek", "dzic", "gard", "rilt" };
	size_t i;
	for (i = 0; i < n; i++)
		fprintf(f, "{\"id\": \"%s-%zu\", \"schema\": \"Person\", \"properties\": "
			   "{\"name\": [\"%s%s%s%s\"]}}\n",
			tag, i, prefix, a[i % 8], b[i / 8 % 8], c[i / 64 % 5]);
}

/* Whether entity `id` is among m's candidates, scoring a match. */
static int candidate_matches(const vg_index *cix, const vg_matcher *m, const char *id)
{
	size_t k;
	for (k = 0; k < m->n_cands; k++)
		if (!strcmp(vg_index_entity_id(cix, m->cands[k].ord), id))
			return m->cands[k].score >= vg_match_threshold();
	return 0;
}

/*
 * A given name 320 listed people share, more than a common word that
 * alone reaches the cut opens (its first 256 names: they tie on it), and
 * one more "Elizabeth Shelgriham" written last: "Elizabeth Shelgridoham"
 * is she with two letters more (the comparator matches her), met only
 * through the family name's skeleton less a letter (shlgrhm).  Retrieval
 * must open the family name's spellings that deep: the given name alone
 * does not open her, and she covers more of the query than the crowd.
 */
static void test_common_given_name_misspelt_family(void **state)
{
	char path[256], ipath[256];
	vg_index *cix = NULL;
	vg_matcher *m = NULL;
	FILE *f;
	(void)state;
	f = fixture_file("eliz", path, ipath);
	write_people(f, "crowd", "Elizabeth ", 320);
	fprintf(f, "{\"id\": \"eliz\", \"schema\": \"Person\", \"properties\": "
		   "{\"name\": [\"Elizabeth Shelgriham\"]}}\n");
	assert_int_equal(fclose(f), 0);
	built_open(path, ipath, &cix, &m);
	person_run(m, "Elizabeth Shelgridoham", NULL, 1);
	assert_true(candidate_matches(cix, m, "eliz"));
	person_run(m, "Elizabeth Shelgridoham", NULL, 0);
	assert_true(candidate_matches(cix, m, "eliz"));
	built_close(path, ipath, cix, m);
}

/*
 * Sixty namesakes "Kortan Velmis Murukor" and 400 people sharing their
 * first two names only: the query's candidates are namesakes, whose
 * weight no name covering two words of three can reach, so retrieval
 * need not cover those 400 (the pair Kortan-Velmis); it compares the
 * candidates the exhaustive path ranks first all the same.
 */
static void crowd_and_namesakes_open(const char *tag, char path[256], char ipath[256],
				     vg_index **cix, vg_matcher **m)
{
	FILE *f = fixture_file(tag, path, ipath);
	size_t i;
	write_people(f, "crowd", "Kortan Velmis ", 400);
	for (i = 0; i < 60; i++)
		fprintf(f, "{\"id\": \"ns-%zu\", \"schema\": \"Person\", \"properties\": "
			   "{\"name\": [\"Kortan Velmis Murukor\"]}}\n", i);
	assert_int_equal(fclose(f), 0);
	built_open(path, ipath, cix, m);
}

static void test_namesakes_prune_the_crowd(void **state)
{
	char path[256], ipath[256];
	vg_index *cix = NULL;
	vg_matcher *m = NULL;
	size_t i;
	uint64_t covered;
	char best[64];
	(void)state;
	crowd_and_namesakes_open("prune", path, ipath, &cix, &m);
	person_run(m, "Kortan Velmis Murukor", NULL, 1);
	assert_true(m->n_cands > 0);
	snprintf(best, sizeof(best), "%s", vg_index_entity_id(cix, m->cands[0].ord));
	assert_true(!strncmp(best, "ns-", 3));
	covered = m->n_opened_total;
	person_run(m, "Kortan Velmis Murukor", NULL, 0);
	covered = m->n_opened_total - covered;
	assert_true(candidate_matches(cix, m, best));
	for (i = 0; i < m->n_cands; i++)
		assert_true(!strncmp(vg_index_entity_id(cix, m->cands[i].ord), "ns-", 3));
	/* the pair's 460 names were covered: now the namesakes' and a few */
	assert_true(covered < 120);
	built_close(path, ipath, cix, m);
}

/*
 * The statistics of what retrieval covers (for bench_scale): each name
 * covered is counted once by what opened it (the 60 namesakes by their
 * rare family name), and with count_competing set, the names that could
 * rank among the candidates are counted: the 60 namesakes tie with the
 * last candidate, and the crowd (two words of three) was not covered.
 * All 60 are candidates: retrieval cannot order namesakes of one weight,
 * so those tying with the 48th are compared too (up to VG__MAX_TIED).
 */
static void test_covered_counters(void **state)
{
	char path[256], ipath[256];
	vg_index *cix = NULL;
	vg_matcher *m = NULL;
	uint64_t covered, by[VG__OPEN_KINDS], sum = 0;
	size_t k;
	(void)state;
	crowd_and_namesakes_open("counters", path, ipath, &cix, &m);
	covered = m->n_opened_total;
	memcpy(by, m->n_opened_by, sizeof(by));
	person_run(m, "Kortan Velmis Murukor", NULL, 0);
	for (k = 0; k < VG__OPEN_KINDS; k++)
		sum += m->n_opened_by[k] - by[k];
	assert_int_equal(sum, m->n_opened_total - covered);
	/* Murukor, the namesakes' rare word, opened them; the crowd's pair
	 * could not reach the cut and was not read */
	assert_int_equal(m->n_opened_by[VG__OPEN_RARE] - by[VG__OPEN_RARE], 60);
	assert_int_equal(m->n_opened_by[VG__OPEN_PAIR] - by[VG__OPEN_PAIR], 0);
	assert_int_equal(m->n_competing_total, 0);
	m->count_competing = true;
	person_run(m, "Kortan Velmis Murukor", NULL, 0);
	assert_int_equal(m->n_cands, 60);
	assert_int_equal(m->n_competing_total, 60);
	built_close(path, ipath, cix, m);
}

/* The best of `query` under exhaustive comparison is entity `id`, and
 * retrieval finds it first too, with the same score. */
static void assert_found_as_exhaustive(vg_matcher *m, vg_index *cix, const char *query,
				       const char *id)
{
	double best;
	person_run(m, query, NULL, 1);
	assert_true(m->n_cands > 0);
	assert_string_equal(vg_index_entity_id(cix, m->cands[0].ord), id);
	best = m->cands[0].score;
	person_run(m, query, NULL, 0);
	assert_true(m->n_cands > 0);
	assert_string_equal(vg_index_entity_id(cix, m->cands[0].ord), id);
	assert_true(m->cands[0].score == best);
}

/*
 * A long family name with two letters changed in its middle: "Ali
 * Rustipour" is most like Ali Rustenpour (the comparator's best, 0.79),
 * and "Rustipour" is listed as written too, for Mohammad Rustipour (who
 * scores far less).  The two spellings share no term, phonetic key, deletion or
 * skeleton, only their ends (rus...our, 9 and 10 letters): without them
 * Ali Rustenpour covers only "Ali" of the query and is not compared.
 */
static void test_family_name_ends(void **state)
{
	char path[256], ipath[256];
	vg_index *cix = NULL;
	vg_matcher *m = NULL;
	FILE *f;
	(void)state;
	f = fixture_file("ends", path, ipath);
	write_people(f, "crowd", "Ali ", 40);
	fprintf(f, "{\"id\": \"mohammad\", \"schema\": \"Person\", \"properties\": "
		   "{\"name\": [\"Mohammad Rustipour\"]}}\n"
		   "{\"id\": \"ali\", \"schema\": \"Person\", \"properties\": "
		   "{\"name\": [\"Ali Rustenpour\"]}}\n");
	assert_int_equal(fclose(f), 0);
	built_open(path, ipath, &cix, &m);
	assert_found_as_exhaustive(m, cix, "Ali Rustipour", "ali");
	built_close(path, ipath, cix, m);
}

/*
 * Two letters added in the middle of a long family name: "Ali Akoquigbe"
 * is Ali Akoulquigbe (9 and 11 letters).  No term, phonetic key, deletion
 * or skeleton less a letter is shared (skeletons kjb, klkjb), only the
 * ends (ako...gbe) at lengths two apart.
 */
static void test_family_name_ends_two(void **state)
{
	char path[256], ipath[256];
	vg_index *cix = NULL;
	vg_matcher *m = NULL;
	FILE *f;
	(void)state;
	f = fixture_file("ends2", path, ipath);
	write_people(f, "crowd", "Ali ", 40);
	fprintf(f, "{\"id\": \"ali\", \"schema\": \"Person\", \"properties\": "
		   "{\"name\": [\"Ali Akoulquigbe\"]}}\n");
	assert_int_equal(fclose(f), 0);
	built_open(path, ipath, &cix, &m);
	assert_found_as_exhaustive(m, cix, "Ali Akoquigbe", "ali");
	built_close(path, ipath, cix, m);
}

typedef struct {
	vg_buf out;
	int rc;
} thread_result;

static void *run_queries(void *arg)
{
	thread_result *t = arg;
	vg_matcher *m = NULL;
	int i;
	if ((t->rc = vg_matcher_new(&m, ix)) != 0)
		return NULL;
	for (i = 0; i < 200 && !t->rc; i++) {
		vg_query q = VG_QUERY_INIT;
		const char *names[1] = { i % 2 ? "Ivan Sidorov" : "Northwind Shipping" };
		size_t n;
		q.names = names;
		q.n_names = 1;
		vg_buf_clear(&t->out);
		t->rc = vg_match_json(&n, m, &q, NULL, &t->out);
	}
	vg_matcher_free(m);
	return NULL;
}

static void test_threads_and_determinism(void **state)
{
	pthread_t th[4];
	thread_result res[4];
	int i;
	(void)state;
	for (i = 0; i < 4; i++) {
		memset(&res[i], 0, sizeof(res[i]));
		assert_int_equal(pthread_create(&th[i], NULL, run_queries, &res[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(res[i].rc, 0);
		assert_non_null(strstr(res[i].out.ptr, "\"id\": \"t-p1\""));
		if (i)
			assert_string_equal(res[i].out.ptr, res[0].out.ptr);
	}
	for (i = 0; i < 4; i++)
		vg_buf_dispose(&res[i].out);
}

static void test_result_json(void **state)
{
	vg_matcher *m = NULL;
	vg_query q = VG_QUERY_INIT;
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	const char *names[1] = { "Ivan Sidorov" };
	vg_buf out = VG_BUF_INIT;
	size_t n;
	(void)state;
	q.names = names;
	q.n_names = 1;
	q.birth_date = "1961-04-12";
	o.properties = true;
	o.links_depth = 1;
	assert_int_equal(vg_matcher_new(&m, ix), 0);
	assert_int_equal(vg_match_json(&n, m, &q, &o, &out), 0);
	assert_true(n >= 1);
	assert_non_null(strstr(out.ptr, "\"explanation\": {\"query_name\": \"Ivan Sidorov\""));
	assert_non_null(strstr(out.ptr, "\"birth_date\": {\"score\": 0.0600, \"detail\": \"exact\", "
			       "\"query\": \"1961-04-12\", \"candidate\": \"1961-04-12\"}"));
	assert_non_null(strstr(out.ptr, "\"properties\": {"));
	assert_non_null(strstr(out.ptr, "\"links\": ["));
	assert_non_null(strstr(out.ptr, "\"match\": true"));
	vg_buf_dispose(&out);
	vg_matcher_free(m);
}

static void test_shared_ofac(void **state)
{
	const char *p = shared_path("data/lists/ofac-sdn-2021-07");
	vg_builder *b = NULL;
	vg_index *o = NULL;
	vg_matcher *m = NULL;
	vg_query q = VG_QUERY_INIT;
	vg_match_result r[5];
	const char *names[1] = { "Ayman al-Zawahiri" };
	char path[300];
	size_t n;
	(void)state;
	if (!p)
		skip();
	snprintf(path, sizeof(path), "%s.ofac", idx_path);
	assert_int_equal(vg_builder_new(&b), 0);
	assert_int_equal(vg_builder_add(b, p, VG_FORMAT_AUTO), 0);
	assert_int_equal(vg_builder_write(b, path), 0);
	vg_builder_free(b);
	assert_int_equal(vg_index_open(&o, path), 0);
	assert_int_equal(vg_matcher_new(&m, o), 0);
	q.names = names;
	q.n_names = 1;
	q.birth_date = "1951-06-19";
	assert_int_equal(vg_match(&n, r, 5, m, &q, NULL), 0);
	assert_true(n >= 1);
	assert_string_equal(vg_index_entity_id(o, r[0].ordinal), "ofac-2676");
	assert_true(r[0].match);
	vg_matcher_free(m);
	vg_index_free(o);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_punctuation_only),
		cmocka_unit_test(test_features),
		cmocka_unit_test(test_time_limit),
		cmocka_unit_test(test_filters_and_weak_alias),
		cmocka_unit_test(test_recall_vs_exhaustive),
		cmocka_unit_test(test_namesake_crowd),
		cmocka_unit_test(test_common_pairs),
		cmocka_unit_test(test_namesakes_born_otherwise),
		cmocka_unit_test(test_namesake_born_in_a_second_year),
		cmocka_unit_test(test_birth_years_in_flags),
		cmocka_unit_test(test_family_name_twice_misspelt),
		cmocka_unit_test(test_common_given_name_misspelt_family),
		cmocka_unit_test(test_namesakes_prune_the_crowd),
		cmocka_unit_test(test_covered_counters),
		cmocka_unit_test(test_family_name_ends),
		cmocka_unit_test(test_family_name_ends_two),
		cmocka_unit_test(test_threads_and_determinism),
		cmocka_unit_test(test_result_json),
		cmocka_unit_test(test_shared_ofac),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
