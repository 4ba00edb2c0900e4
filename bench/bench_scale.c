/*
 * bench_scale.c - matching at scale on synthetic data.
 *
 *   bench_scale gen N OUT.ftm.jsonl
 *       writes N FollowTheMoney entities (85% people, 15% organisations)
 *       with name parts from several cultures and scripts (Latin, Cyrillic,
 *       Arabic, Chinese, Greek), birth dates and countries.  Entity i is a
 *       pure function of i, so the queries can be derived again.
 *   bench_scale query INDEX N Q
 *       runs Q queries against the index built from `gen N`: half are
 *       listed people written differently (a typo, reordered parts, a
 *       dropped middle name), half unlisted combinations; prints latency
 *       p50/p99 (thread CPU time) and how many listed ones were found.
 */
#include "vigil/vigil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
	const char *country;
	const char *const *given;
	const char *const *family;
	size_t n_given, n_family;
} culture;

#define N_OF(a) (sizeof(a) / sizeof(a[0]))

static const char *const en_g[] = { "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa" };
static const char *const en_f[] = { "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill" };
static const char *const es_g[] = { "Juan", "Maria", "Jose", "Carmen", "Luis", "Ana", "Carlos", "Lucia", "Jorge", "Elena", "Miguel", "Sofia", "Pedro", "Isabel", "Alejandro", "Paula", "Fernando", "Rosa", "Diego", "Marta" };
static const char *const es_f[] = { "Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez", "Ramirez", "Torres", "Flores", "Rivera", "Gomez", "Diaz", "Reyes", "Morales", "Cruz", "Ortiz", "Gutierrez", "Chavez", "Ramos", "Ruiz", "Alvarez", "Castillo" };
static const char *const ar_g[] = { "Mohammed", "Ahmed", "Ali", "Omar", "Hassan", "Hussein", "Khalid", "Yusuf", "Ibrahim", "Abdullah", "Fatima", "Aisha", "Mariam", "Zainab", "Tariq", "Saeed", "Mustafa", "Hamza", "Bilal", "Karim" };
static const char *const ar_f[] = { "Al-Rashid", "Haddad", "Mansour", "Khalil", "Nasser", "Saleh", "Hamdan", "Al-Masri", "Qureshi", "Abbas", "Farouk", "Jaber", "Sabbagh", "Darwish", "Aziz", "Bakr", "Zayed", "Othman", "Suleiman", "Yassin" };
static const char *const ar_s_g[] = { "محمد", "أحمد", "علي", "عمر", "حسن", "خالد", "يوسف", "إبراهيم" };
static const char *const ar_s_f[] = { "حداد", "منصور", "خليل", "ناصر", "صالح", "حمدان", "عباس", "جابر" };
static const char *const ru_g[] = { "Ivan", "Sergei", "Dmitry", "Alexei", "Nikolai", "Andrei", "Olga", "Tatiana", "Natalia", "Elena", "Mikhail", "Vladimir", "Yuri", "Pavel", "Irina", "Svetlana" };
static const char *const ru_f[] = { "Ivanov", "Petrov", "Sidorov", "Smirnov", "Kuznetsov", "Popov", "Volkov", "Sokolov", "Lebedev", "Kozlov", "Novikov", "Morozov", "Orlov", "Pavlov", "Semenov", "Golubev", "Vinogradov", "Bogdanov" };
static const char *const ru_s_g[] = { "Иван", "Сергей", "Дмитрий", "Алексей", "Николай", "Андрей", "Ольга", "Татьяна" };
static const char *const ru_s_f[] = { "Иванов", "Петров", "Сидоров", "Смирнов", "Кузнецов", "Попов", "Волков", "Соколов" };
static const char *const zh_g[] = { "Wei", "Fang", "Min", "Jing", "Lei", "Jun", "Yan", "Hui", "Xiaoming", "Li Na", "Jian", "Ping", "Qiang", "Yong", "Hong", "Xin" };
static const char *const zh_f[] = { "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo" };
static const char *const zh_s_g[] = { "伟", "芳", "敏", "静", "磊", "军" };
static const char *const zh_s_f[] = { "王", "李", "张", "刘", "陈", "杨" };
static const char *const de_g[] = { "Hans", "Klaus", "Jürgen", "Wolfgang", "Ursula", "Monika", "Stefan", "Andreas", "Sabine", "Petra", "Thomas", "Michael" };
static const char *const de_f[] = { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter" };
static const char *const in_g[] = { "Rahul", "Priya", "Amit", "Sunita", "Vijay", "Anita", "Rajesh", "Deepa", "Sanjay", "Kavita", "Arjun", "Lakshmi" };
static const char *const in_f[] = { "Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Joshi", "Chopra", "Das" };
static const char *const el_g[] = { "Γιώργος", "Νίκος", "Μαρία", "Ελένη" };
static const char *const el_f[] = { "Παπαδόπουλος", "Νικολάου", "Γεωργίου", "Οικονόμου" };
static const char *const org_w[] = { "Global", "Trading", "Petro", "Star", "Ocean", "Atlas", "Delta", "Nova", "Sigma", "United", "Eastern", "Golden", "Silver", "Alpha", "Pacific", "Northern", "Summit", "Prime", "Crescent", "Falcon", "Orion", "Vertex", "Harbor", "Meridian" };
static const char *const org_f[] = { "LLC", "Ltd", "GmbH", "S.A.", "JSC", "Holdings", "Group", "Industries", "OOO", "FZE" };

/* syllables of invented family names, for Latin-script cultures */
static const char *const syl[] = { "ka", "ro", "mi", "ten", "sa", "lu", "ber", "go", "vi", "dan", "mor", "el", "ti", "na", "shi", "par", "zu", "kel", "ran", "do" };

static const culture cultures[] = {
	{ "us", en_g, en_f, N_OF(en_g), N_OF(en_f) },
	{ "es", es_g, es_f, N_OF(es_g), N_OF(es_f) },
	{ "sa", ar_g, ar_f, N_OF(ar_g), N_OF(ar_f) },
	{ "iq", ar_s_g, ar_s_f, N_OF(ar_s_g), N_OF(ar_s_f) },
	{ "ru", ru_g, ru_f, N_OF(ru_g), N_OF(ru_f) },
	{ "ru", ru_s_g, ru_s_f, N_OF(ru_s_g), N_OF(ru_s_f) },
	{ "cn", zh_g, zh_f, N_OF(zh_g), N_OF(zh_f) },
	{ "cn", zh_s_g, zh_s_f, N_OF(zh_s_g), N_OF(zh_s_f) },
	{ "de", de_g, de_f, N_OF(de_g), N_OF(de_f) },
	{ "in", in_g, in_f, N_OF(in_g), N_OF(in_f) },
	{ "gr", el_g, el_f, N_OF(el_g), N_OF(el_f) },
};

/* splitmix64: entity i's random stream */
static uint64_t mix(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

typedef struct {
	int person;
	char name[256];
	char given[64], middle[64], family[128];
	char dob[11];
	const char *country;
} entity;

static void make_entity(entity *e, uint64_t i)
{
	uint64_t s = i * 7919 + 17;
	const culture *c = &cultures[mix(&s) % N_OF(cultures)];
	e->person = mix(&s) % 100 < 85;
	e->country = c->country;
	e->middle[0] = '\0';
	if (e->person) {
		snprintf(e->given, sizeof(e->given), "%s", c->given[mix(&s) % c->n_given]);
		if (mix(&s) % 2)
			snprintf(e->middle, sizeof(e->middle), "%s", c->given[mix(&s) % c->n_given]);
		/* double-barrelled and invented family names widen the space */
		snprintf(e->family, sizeof(e->family), "%s%s%s", c->family[mix(&s) % c->n_family],
			 mix(&s) % 3 ? "" : "-", "");
		if (e->family[strlen(e->family) - 1] == '-')
			snprintf(e->family + strlen(e->family), sizeof(e->family) - strlen(e->family),
				 "%s", c->family[mix(&s) % c->n_family]);
		if ((unsigned char)e->family[0] < 0x80 && mix(&s) % 2) {
			size_t l = strlen(e->family), k, ns = 2 + mix(&s) % 2;
			e->family[0] = (char)(e->family[0] | 0x20);
			for (k = 0; k < ns; k++)
				l += (size_t)snprintf(e->family + l, sizeof(e->family) - l, "%s",
						      syl[mix(&s) % N_OF(syl)]);
			e->family[0] = (char)(e->family[0] & ~0x20);
		}
		snprintf(e->name, sizeof(e->name), "%s%s%s %s", e->given, e->middle[0] ? " " : "",
			 e->middle, e->family);
		snprintf(e->dob, sizeof(e->dob), "%04d-%02d-%02d", 1940 + (int)(mix(&s) % 60),
			 1 + (int)(mix(&s) % 12), 1 + (int)(mix(&s) % 28));
	} else {
		snprintf(e->name, sizeof(e->name), "%s %s %s %u", org_w[mix(&s) % N_OF(org_w)],
			 org_w[mix(&s) % N_OF(org_w)], org_f[mix(&s) % N_OF(org_f)],
			 (unsigned)(mix(&s) % 1000));
		e->dob[0] = '\0';
	}
}

static void put_json(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static int gen(uint64_t n, const char *out)
{
	FILE *f = fopen(out, "w");
	uint64_t i;
	entity e;
	if (!f)
		return 1;
	for (i = 0; i < n; i++) {
		make_entity(&e, i);
		fprintf(f, "{\"id\": \"syn-%llu\", \"schema\": \"%s\", \"properties\": {\"name\": [",
			(unsigned long long)i, e.person ? "Person" : "Company");
		put_json(f, e.name);
		fprintf(f, "], \"%s\": [\"%s\"]", e.person ? "nationality" : "country", e.country);
		if (e.person) {
			fprintf(f, ", \"birthDate\": [\"%s\"], \"firstName\": [", e.dob);
			put_json(f, e.given);
			fprintf(f, "], \"lastName\": [");
			put_json(f, e.family);
			fprintf(f, "]");
		}
		fprintf(f, ", \"topics\": [\"sanction\"]}}\n");
	}
	return fclose(f) != 0;
}

static double cpu_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int query(const char *index, uint64_t n, size_t nq)
{
	vg_index *ix = NULL;
	vg_matcher *m = NULL;
	double *lat = malloc(nq * sizeof(double)), t0;
	size_t i, listed = 0, found = 0;
	uint64_t s = 42;
	vg_match_options o = VG_MATCH_OPTIONS_INIT;
	vg_match_result res[5];

	if (!lat || vg_index_open(&ix, index) || vg_matcher_new(&m, ix)) {
		fprintf(stderr, "bench_scale: %s\n", vg_error_last()->message);
		return 1;
	}
	o.explain = false;
	for (i = 0; i < nq; i++) {
		entity e, f;
		char name[300], id[32];
		const char *names[1] = { name };
		vg_query q = VG_QUERY_INIT;
		size_t nres = 0, k;
		uint64_t which = mix(&s) % n;
		int is_listed = (i % 2) == 0;
		make_entity(&e, which);
		if (is_listed && e.person) {
			size_t len;
			switch (mix(&s) % 3) {
			case 0: /* a typo: one letter of the family name doubled */
				snprintf(name, sizeof(name), "%s %s", e.given, e.family);
				len = strlen(name);
				if (len > 3 && (unsigned char)name[len - 2] < 0x80) {
					name[len + 1] = '\0';
					name[len] = name[len - 1];
				}
				break;
			case 1: /* reordered */
				snprintf(name, sizeof(name), "%s, %s%s%s", e.family, e.given,
					 e.middle[0] ? " " : "", e.middle);
				break;
			default: /* middle name dropped */
				snprintf(name, sizeof(name), "%s %s", e.given, e.family);
			}
			q.birth_date = e.dob;
			listed++;
		} else if (is_listed) {
			snprintf(name, sizeof(name), "%s", e.name);
			listed++;
		} else {
			/* given name of one entity, family name of another */
			make_entity(&f, mix(&s) % n);
			snprintf(name, sizeof(name), "%s %s", e.person ? e.given : "Nobody",
				 f.person ? f.family : "Unlisted");
		}
		q.names = names;
		q.n_names = 1;
		t0 = cpu_us();
		if (vg_match(&nres, res, 5, m, &q, &o) != 0)
			nres = 0;
		lat[i] = cpu_us() - t0;
		if (is_listed) {
			snprintf(id, sizeof(id), "syn-%llu", (unsigned long long)which);
			for (k = 0; k < nres; k++)
				if (!strcmp(vg_index_entity_id(ix, res[k].ordinal), id) && res[k].match) {
					found++;
					break;
				}
			if (k == nres && getenv("BENCH_VERBOSE"))
				printf("  missed %s '%s' (listed '%s' %s); top %s %.3f\n", id, name,
				       e.name, e.dob, nres ? vg_index_entity_id(ix, res[0].ordinal) : "-",
				       nres ? res[0].score : 0.0);
		}
	}
	qsort(lat, nq, sizeof(double), cmp_d);
	printf("entities %zu  queries %zu  latency p50 %.0f us  p99 %.0f us  "
	       "listed found %zu of %zu\n", vg_index_entity_count(ix), nq,
	       lat[nq / 2], lat[nq * 99 / 100], found, listed);
	vg_matcher_free(m);
	vg_index_free(ix);
	free(lat);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "gen"))
		return gen(strtoull(argv[2], NULL, 10), argv[3]);
	if (argc == 5 && !strcmp(argv[1], "query"))
		return query(argv[2], strtoull(argv[3], NULL, 10), (size_t)atol(argv[4]));
	fprintf(stderr, "usage: bench_scale gen N OUT.jsonl | bench_scale query INDEX N Q\n");
	return 2;
}
