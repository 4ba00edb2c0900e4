/*
 * test_sources.c - the list readers: format names and detection, each
 * reader on the project's own fixtures (tests/fixtures/sources), the real
 * lists under ../shared (counts), and bad input of every kind.
 */
#include "helpers.h"
#include "sources/source.h"
#include "vigil/vigil.h"

#include <json-c/json.h>
#include <unistd.h>

/* ---- a sink that keeps everything as text ------------------------------ */

/* Each record becomes lines "ID|SCHEMA|KEY=VALUE@QUAL" in one buffer. */
typedef struct {
	vg_buf text;
	size_t records, warnings;
	size_t by_schema[VG_SCHEMA__COUNT];
	int stop_after; /* return 99 after this many records, 0 = never */
	char warns[2048]; /* "FILE:LINE: what\n" of each warning, cut at the end */
} store;

static int keep(void *ctx, const vg_record *rec)
{
	store *s = ctx;
	size_t i;
	s->records++;
	s->by_schema[rec->schema]++;
	assert_non_null(rec->id);
	assert_non_null(rec->file);
	assert_true(rec->line > 0);
	vg_buf_printf(&s->text, "%s|%s|\n", rec->id, vg_schema_name(rec->schema));
	for (i = 0; i < rec->n_props; i++)
		vg_buf_printf(&s->text, "%s|%s|%s=%s%s%s\n", rec->id, vg_schema_name(rec->schema),
			      rec->props[i].key, rec->props[i].value,
			      rec->props[i].qual ? "@" : "",
			      rec->props[i].qual ? rec->props[i].qual : "");
	if (s->stop_after && (int)s->records >= s->stop_after)
		return 99;
	return 0;
}

static void warned(void *ctx, const char *file, size_t line, const char *what)
{
	store *s = ctx;
	size_t used = strlen(s->warns);
	s->warnings++;
	snprintf(s->warns + used, sizeof(s->warns) - used, "%s:%zu: %s\n", file, line, what);
}

static int has(const store *s, const char *line)
{
	char want[1024];
	snprintf(want, sizeof(want), "%s\n", line);
	return s->text.ptr && strstr(s->text.ptr, want) != NULL;
}

#define assert_has(s, l) do { if (!has((s), (l))) { printf("missing: %s\n", (l)); fail(); } } while (0)
#define assert_lacks(s, l) do { if (has((s), (l))) { printf("unexpected: %s\n", (l)); fail(); } } while (0)

static int read_path(store *s, const char *path, vg_format f, vg_source_meta *meta)
{
	vg_reader_sink sink = { keep, warned, s, 0 };
	memset(s, 0, sizeof(*s));
	return vg_source_read(path, f, meta, &sink);
}

static int parse_mem(store *s, const char *name, const char *data, size_t len,
		     vg_format f)
{
	vg_reader_sink sink = { keep, warned, s, 0 };
	vg_source_meta meta;
	/* the caller disposed of the previous text (expect_edata does) */
	memset(s, 0, sizeof(*s));
	return vg_source_parse_mem(name, data, len, f, &meta, &sink);
}

static size_t screenable(const store *s)
{
	size_t n = 0;
	int i;
	for (i = 0; i < VG_SCHEMA__COUNT; i++)
		if (vg_schema_is_screenable((vg_schema)i))
			n += s->by_schema[i];
	return n;
}

/* ---- names, detection, dates, countries --------------------------------- */

static void test_format_names(void **state)
{
	int i;
	(void)state;
	for (i = 1; i < VG_FORMAT__COUNT; i++)
		assert_int_equal(vg_format_from_name(vg_format_name((vg_format)i)), i);
	assert_int_equal(vg_format_from_name("OFAC-CSV"), VG_FORMAT_OFAC_CSV);
	assert_int_equal(vg_format_from_name("nonsense"), VG_FORMAT_AUTO);
	assert_int_equal(vg_format_from_name(NULL), VG_FORMAT_AUTO);
	assert_string_equal(vg_format_name(VG_FORMAT_SENZING_JSON), "senzing-json");
}

static void test_detect(void **state)
{
	static const struct {
		const char *rel;
		vg_format f;
	} cases[] = {
		{ "sources/ofac", VG_FORMAT_OFAC_CSV },
		{ "sources/ofac/sdn.csv", VG_FORMAT_OFAC_CSV },
		{ "sources/un.xml", VG_FORMAT_UN_XML },
		{ "sources/eu-fsf.xml", VG_FORMAT_EU_XML },
		{ "sources/uk-conlist.csv", VG_FORMAT_UK_CSV },
		{ "sources/csl.csv", VG_FORMAT_CSL_CSV },
		{ "sources/dpl.txt", VG_FORMAT_DPL_TSV },
		{ "sources/ftm.jsonl", VG_FORMAT_FTM_JSON },
		{ "sources/ftm-delta", VG_FORMAT_FTM_JSON },
		{ "sources/ftm-delta/index.json", VG_FORMAT_FTM_JSON },
		{ "sources/senzing.jsonl", VG_FORMAT_SENZING_JSON },
		/* its root comes after a comment holding "<Designation>" and a
		 * processing instruction */
		{ "sources/uksl.xml", VG_FORMAT_UKSL_XML },
	};
	size_t i;
	vg_format f;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(vg_format_detect(&f, fixture(cases[i].rel)), 0);
		assert_int_equal(f, cases[i].f);
	}
	/* a file that is no list is refused with a reason */
	assert_int_equal(vg_format_detect(&f, fixture("sources/ftm-delta/v2.delta.jsonl")), 0);
	assert_int_equal(f, VG_FORMAT_FTM_JSON);
	assert_int_equal(vg_format_detect(&f, fixture("sources/nonexistent.csv")), VG_ENOTFOUND);
	assert_int_equal(vg_format_detect(&f, fixture("sources")), VG_EDATA);
}

static void test_dates(void **state)
{
	static const struct {
		const char *in, *out;
		vg__date_order order;
	} ok[] = {
		{ "01 Jan 1960", "1960-01-01", VG__DMY }, { "1960", "1960", VG__DMY },
		{ "Jan 1960", "1960-01", VG__DMY },       { "Nov. 1973 ", "1973-11", VG__DMY },
		{ "1960-01-02", "1960-01-02", VG__DMY },  { "1960-01-02T10:00:00", "1960-01-02", VG__DMY },
		{ "14/03/1965", "1965-03-14", VG__DMY },  { "03/14/1965", "1965-03-14", VG__MDY },
		{ "00/00/1971", "1971", VG__DMY },        { "00/05/1971", "1971-05", VG__DMY },
		{ "January 5, 1960", "1960-01-05", VG__DMY }, { "19600105", "1960-01-05", VG__DMY },
	};
	static const char *const bad[] = { "", "circa", "31 Feb 1960", "13/13/1960", "1960-13",
					   "99", "yesterday", "12 Foo 1960" };
	char out[11];
	size_t i;
	vg_record rec;
	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(vg__date_norm(out, ok[i].in, strlen(ok[i].in), ok[i].order), 1);
		assert_string_equal(out, ok[i].out);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(vg__date_norm(out, bad[i], strlen(bad[i]), VG__DMY), 0);
	vg_record_init(&rec);
	assert_int_equal(vg__date_add(&rec, "birthDate", "circa 1960", 10, VG__DMY, NULL), 1);
	assert_string_equal(rec.props[0].value, "1960");
	assert_string_equal(rec.props[0].qual, "circa");
	vg_record_reset(&rec);
	assert_int_equal(vg__date_add(&rec, "birthDate", "1960 to 1962", 12, VG__DMY, NULL), 1);
	assert_int_equal(rec.n_props, 3);
	assert_string_equal(rec.props[2].value, "1962");
	assert_string_equal(rec.props[2].qual, "between 1960 and 1962");
	vg_record_reset(&rec);
	assert_int_equal(vg__date_add(&rec, "birthDate", "1979-1982", 9, VG__DMY, NULL), 1);
	assert_int_equal(rec.n_props, 4);
	vg_record_reset(&rec);
	/* a long range: its bounds, not 60 years */
	assert_int_equal(vg__date_add(&rec, "birthDate", "between 1900 and 1960", 21, VG__DMY, NULL), 1);
	assert_int_equal(rec.n_props, 2);
	vg_record_reset(&rec);
	assert_int_equal(vg__date_add(&rec, "birthDate", "1960; 1961", 10, VG__DMY, NULL), 1);
	assert_int_equal(rec.n_props, 2);
	vg_record_reset(&rec);
	assert_int_equal(vg__date_add(&rec, "birthDate", "unknown", 7, VG__DMY, NULL), 0);
	assert_int_equal(rec.n_props, 0);
	/* ranges without a lower bound (found by fuzz_read_senzing: the
	 * prefix's space once started the separator) are not dates */
	assert_int_equal(vg__date_add(&rec, "birthDate", "between and 1960", 16, VG__DMY, NULL), 0);
	assert_int_equal(vg__date_add(&rec, "birthDate", "from to 1960", 12, VG__DMY, NULL), 0);
	assert_int_equal(rec.n_props, 0);
	vg_record_dispose(&rec);
}

static void test_countries(void **state)
{
	static const struct {
		const char *in, *code;
	} cases[] = {
		{ "Iran", "ir" },
		{ "Iran (Islamic Republic of)", "ir" },
		{ "Russia", "ru" },
		{ "Russian Federation", "ru" },
		{ "RUSSIAN FEDERATION", "ru" },
		{ "Korea, North", "kp" },
		{ "Democratic People's Republic of Korea", "kp" },
		{ "Democratic Republic of the Congo", "cd" },
		{ "Congo", "cg" },
		{ "United Kingdom", "gb" },
		{ "the Netherlands", "nl" },
		{ "US", "us" },
		{ "de", "de" },
		{ "Palestinian", "ps" },
		{ "Syrian Arab Republic", "sy" },
		{ "T\xc3\xbcrkiye", "tr" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *c = vg__country_code(cases[i].in, strlen(cases[i].in));
		if (!c || strcmp(c, cases[i].code) != 0) {
			printf("%s -> %s\n", cases[i].in, c ? c : "NULL");
			fail();
		}
	}
	assert_null(vg__country_code("Atlantis", 8));
	assert_null(vg__country_code("zz", 2));
	assert_null(vg__country_code("", 0));
	assert_string_equal(vg__script_of("\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd", 8), "Cyrl");
	assert_string_equal(vg__script_of("Ivan", 4), "Latn");
	assert_string_equal(vg__script_of("\xd8\xb9\xd8\xa8\xd8\xaf", 6), "Arab");
}

/* ---- readers on fixtures ------------------------------------------------ */

static void test_ofac_fixture(void **state)
{
	store s;
	vg_source_meta meta;
	(void)state;
	assert_int_equal(read_path(&s, fixture("sources/ofac"), VG_FORMAT_AUTO, &meta), 0);
	assert_string_equal(meta.name, "us_ofac_sdn");
	assert_string_equal(meta.format, "ofac-csv");
	assert_int_equal(screenable(&s), 5);
	assert_int_equal(s.by_schema[VG_SCHEMA_SANCTION], 5);
	/* organisation with SWIFT, website, weak a.k.a. from the remarks */
	assert_has(&s, "ofac-100|Organization|name=BANCO EJEMPLO, S.A.");
	assert_has(&s, "ofac-100|Organization|swiftBic=BEJECUHH");
	assert_has(&s, "ofac-100|Organization|website=www.bancoejemplo.cu");
	assert_has(&s, "ofac-100|Organization|weakAlias=BESA@weak");
	assert_has(&s, "ofac-100|Organization|alias=BESA BANK");
	assert_has(&s, "ofac-100|Organization|country=cu");
	/* a person: name as given and in natural order, parts, dates */
	assert_has(&s, "ofac-200|Person|name=PEREZ GOMEZ, Juan Carlos");
	assert_has(&s, "ofac-200|Person|name=Juan Carlos PEREZ GOMEZ");
	assert_has(&s, "ofac-200|Person|firstName=Juan Carlos");
	assert_has(&s, "ofac-200|Person|lastName=PEREZ GOMEZ");
	assert_has(&s, "ofac-200|Person|alias=Juanito PEREZ");
	assert_has(&s, "ofac-200|Person|birthDate=1960-01-01");
	assert_has(&s, "ofac-200|Person|birthDate=1961@circa");
	assert_has(&s, "ofac-200|Person|birthPlace=Cali, Colombia");
	assert_has(&s, "ofac-200|Person|nationality=co");
	assert_has(&s, "ofac-200|Person|citizenship=co");
	assert_has(&s, "ofac-200|Person|gender=male");
	assert_has(&s, "ofac-200|Person|idNumber=16247821@co");
	assert_has(&s, "ofac-200|Person|passportNumber=AB123456@co");
	assert_has(&s, "ofac-200-passport-AB123456|Passport|holder=ofac-200");
	assert_has(&s, "ofac-200-passport-AB123456|Passport|country=co");
	assert_has(&s, "ofac-200-passport-AB123456|Passport|startDate=2010-02-05");
	assert_has(&s, "ofac-200-passport-AB123456|Passport|endDate=2020-02-04");
	assert_has(&s, "ofac-200-sanction|Sanction|program=SDNTK");
	assert_has(&s, "ofac-200-sanction|Sanction|program=ILLICIT-DRUGS-EO14059");
	assert_has(&s, "ofac-200-sanction|Sanction|authority=US OFAC");
	/* Linked To: resolved to an entity of the file, or kept as a name */
	assert_has(&s, "ofac-200-link-100|UnknownLink|object=ofac-100");
	assert_has(&s, "ofac-200-link-100|UnknownLink|role=linked to");
	assert_has(&s, "ofac-100-link-200|UnknownLink|object=ofac-200");
	assert_has(&s, "ofac-200-link-na3295db7|UnknownLink|object=NOT ON THIS LIST LTD@name");
	/* a vessel: columns and remarks, its owner as an Ownership */
	assert_has(&s, "ofac-300|Vessel|callSign=9BXY");
	assert_has(&s, "ofac-300|Vessel|flag=ir");
	assert_has(&s, "ofac-300|Vessel|imoNumber=IMO9187629");
	assert_has(&s, "ofac-300|Vessel|mmsi=422123456");
	assert_has(&s, "ofac-300-owner-100|Ownership|owner=ofac-100");
	assert_has(&s, "ofac-300-link-100|UnknownLink|subject=ofac-300");
	/* a date range, an f.k.a. alt name, and remarks continued in the
	 * comments file mid-word */
	assert_has(&s, "ofac-400|Person|birthDate=1971@between 1970 and 1972");
	assert_has(&s, "ofac-400|Person|previousName=Ahmed RASHID");
	assert_has(&s, "ofac-400|Person|weakAlias=AL-RASHID@weak");
	assert_has(&s, "ofac-400|Person|passportNumber=K1234567@ir");
	/* a free-text fragment is a note and a warning */
	assert_has(&s, "ofac-400|Person|notes=Minister of Something Important");
	assert_true(s.warnings >= 1);
	assert_has(&s, "ofac-500|Person|name=SMIRNOV, Pavel \"Pasha\"");
	assert_has(&s, "ofac-500|Person|birthDate=1975-03");
	assert_has(&s, "ofac-500|Person|taxNumber=772812345678@ru");
	assert_has(&s, "ofac-500|Person|email=pavel@example.ru");
	vg_buf_dispose(&s.text);
}

static void test_ofac_companions(void **state)
{
	store s;
	vg_source_meta meta;
	size_t warnings;
	(void)state;
	/* without the comments file: read, with a warning, remarks cut */
	assert_int_equal(read_path(&s, fixture("sources/ofac-nocomments/sdn.csv"), VG_FORMAT_AUTO,
				   &meta), 0);
	assert_int_equal(screenable(&s), 5);
	assert_lacks(&s, "ofac-400|Person|passportNumber=K1234567@ir");
	warnings = s.warnings;
	assert_true(warnings >= 1);
	vg_buf_dispose(&s.text);
	/* a companion file given stands for its set */
	assert_int_equal(read_path(&s, fixture("sources/ofac/alt.csv"), VG_FORMAT_AUTO, &meta), 0);
	assert_int_equal(screenable(&s), 5);
	vg_buf_dispose(&s.text);
	/* without alt.csv: refused, naming what is missing */
	assert_int_equal(read_path(&s, fixture("sources/ofac-noalt"), VG_FORMAT_OFAC_CSV, &meta),
			 VG_EDATA);
	assert_non_null(strstr(vg_error_last()->message, "missing alt.csv"));
	assert_int_equal(s.records, 0);
	vg_buf_dispose(&s.text);
}

/* Remarks fragments read by label, the longer label first: "Nationality
 * of Registration" is where a ship or company is registered, not a
 * nationality (it read as nationality "of Registration Korea, North"). */
static void test_ofac_remarks(void **state)
{
	static const char sdn[] =
		"23149,\"CHON MA SAN\",\"vessel\",\"DPRK\",-0- ,-0- ,\"Oil Tanker\",-0- ,-0- ,-0- ,-0- ,"
		"\"Vessel Registration Identification IMO 8660313; Nationality of Registration Korea, North; "
		"Gender Male; a.k.a. 'CMS'; DOB 1961; Phone Number 850 2 18111.\"\r\n"
		"23150,\"KOREA SHIPPING CO\",-0- ,\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
		"\"Nationality of Registration Korea, North; nationality: Iran; Website www.ksc.kp.\"\r\n"
		/* the labels sharing a space: the issue date is empty, not the
		 * rest of memory (a fuzzer's find) */
		"23151,\"EXAMPLE, Ahmed\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
		"\"Passport K1234567 issued expires 01 Jan 2020.\"\r\n";
	store s;
	(void)state;
	assert_int_equal(parse_mem(&s, "sdn.csv", sdn, sizeof(sdn) - 1, VG_FORMAT_OFAC_CSV), 0);
	assert_has(&s, "ofac-23149|Vessel|flag=kp");
	assert_has(&s, "ofac-23149|Vessel|imoNumber=IMO8660313");
	assert_has(&s, "ofac-23149|Vessel|weakAlias=CMS@weak");
	assert_has(&s, "ofac-23149|Vessel|phone=850 2 18111");
	assert_has(&s, "ofac-23149|Vessel|birthDate=1961");
	assert_has(&s, "ofac-23150|Organization|jurisdiction=kp");
	assert_has(&s, "ofac-23150|Organization|nationality=ir");
	assert_has(&s, "ofac-23150|Organization|website=www.ksc.kp");
	assert_null(strstr(s.text.ptr, "of Registration"));
	assert_has(&s, "ofac-23151|Person|passportNumber=K1234567");
	assert_has(&s, "ofac-23151-passport-K1234567|Passport|endDate=2020-01-01");
	vg_buf_dispose(&s.text);
}

static void test_un_fixture(void **state)
{
	store s;
	vg_source_meta meta;
	(void)state;
	assert_int_equal(read_path(&s, fixture("sources/un.xml"), VG_FORMAT_AUTO, &meta), 0);
	assert_string_equal(meta.name, "un_sc_sanctions");
	assert_string_equal(meta.as_of, "2026-02-27");
	assert_int_equal(s.by_schema[VG_SCHEMA_PERSON], 1);
	assert_int_equal(s.by_schema[VG_SCHEMA_ORGANIZATION], 1);
	assert_has(&s, "un-QDi.900|Person|name=ABDUL RAHMAN EXAMPLE");
	assert_has(&s, "un-QDi.900|Person|firstName=ABDUL");
	assert_has(&s, "un-QDi.900|Person|alias=\xd8\xb9\xd8\xa8\xd8\xaf \xd8\xa7\xd9\x84\xd8\xb1\xd8\xad\xd9\x85\xd9\x86@Arab");
	assert_has(&s, "un-QDi.900|Person|alias=Abdul Rahman Ex");
	assert_has(&s, "un-QDi.900|Person|weakAlias=Abu Bakr@weak");
	assert_has(&s, "un-QDi.900|Person|previousName=Old Name");
	assert_has(&s, "un-QDi.900|Person|birthDate=1963-04-11");
	assert_has(&s, "un-QDi.900|Person|birthDate=1960@approx");
	assert_has(&s, "un-QDi.900|Person|birthDate=1956@between 1955 and 1957");
	assert_has(&s, "un-QDi.900|Person|birthPlace=Shiraz, Iran");
	assert_has(&s, "un-QDi.900|Person|nationality=ir");
	assert_has(&s, "un-QDi.900|Person|nationality=iq");
	assert_has(&s, "un-QDi.900|Person|gender=male");
	assert_has(&s, "un-QDi.900|Person|title=Sheikh");
	assert_has(&s, "un-QDi.900|Person|position=Financier");
	assert_has(&s, "un-QDi.900|Person|notes=A test person.");
	assert_has(&s, "un-QDi.900|Person|passportNumber=P1234567@ir");
	assert_has(&s, "un-QDi.900|Person|idNumber=123-456@iq");
	assert_has(&s, "un-QDi.900-doc-1|Passport|country=ir");
	assert_has(&s, "un-QDi.900-doc-1|Passport|startDate=2010-05-01");
	assert_has(&s, "un-QDi.900-doc-2|Identification|number=123-456");
	assert_has(&s, "un-QDi.900-sanction|Sanction|authority=UN Security Council");
	assert_has(&s, "un-QDi.900-sanction|Sanction|program=Al-Qaida");
	assert_has(&s, "un-QDi.900-sanction|Sanction|listingDate=2001-01-25");
	assert_has(&s, "un-KPe.900|Organization|name=EXAMPLE TRADING COMPANY");
	assert_has(&s, "un-KPe.900|Organization|alias=ETC");
	assert_has(&s, "un-KPe.900|Organization|country=kp");
	vg_buf_dispose(&s.text);
}

/* Records cut from the real export: what the fixture written from the
 * published layout got wrong (<citizen>, issuedDate, the alias quality in
 * a strong="true" alias's note) is what this checks. */
static void test_eu_fixture(void **state)
{
	store s;
	vg_source_meta meta;
	(void)state;
	assert_int_equal(read_path(&s, fixture("sources/eu-fsf.xml"), VG_FORMAT_AUTO, &meta), 0);
	assert_string_equal(meta.name, "eu_fsf");
	assert_string_equal(meta.as_of, "2026-08-05");
	assert_string_equal(meta.version, "184961");
	assert_int_equal(screenable(&s), 4);
	/* the caption: the English name (with its parts when there is a
	 * choice), not the French, Irish or Arabic one listed first */
	assert_has(&s, "eu-191|Person|name=Khalid Sheikh MOHAMMED");
	assert_has(&s, "eu-191|Person|alias=Bin Khalid Fahd Bin Adballah");
	assert_has(&s, "eu-3822|Organization|name=Parchin Chemical Industries (PCI)");
	assert_has(&s, "eu-3822|Organization|alias=Tionscail  Ceimice\xc3\xa1n Parchin");
	assert_has(&s, "eu-6177|Person|name=Ibrahim Hassan Tali Al-Asiri");
	assert_has(&s, "eu-521|Person|name=Haji Ahmad Jan");
	/* nationality from <citizenship> */
	assert_has(&s, "eu-521|Person|nationality=af");
	assert_has(&s, "eu-6177|Person|nationality=sa");
	/* the alias quality is a note inside the alias: low quality ones weigh
	 * as weak aliases, good quality ones stay aliases, and neither note
	 * is kept as text */
	assert_has(&s, "eu-6177|Person|weakAlias=Abu-Salaah@weak");
	assert_has(&s, "eu-6177|Person|weakAlias=Abu Saleh@weak");
	assert_lacks(&s, "eu-6177|Person|alias=Abu Saleh");
	assert_has(&s, "eu-6177|Person|alias=Ibrahim al-'Asiri");
	assert_lacks(&s, "eu-6177|Person|notes=good quality alias");
	/* other notes on aliases, addresses and documents are kept */
	assert_has(&s, "eu-3822|Organization|notes=PCF: Parchin Chemical Factories");
	assert_has(&s, "eu-3822|Organization|notes=Address: Factory");
	assert_has(&s, "eu-6177-id-1|Identification|summary=(national civil identification number)");
	/* contact details */
	assert_has(&s, "eu-3822|Organization|website=http://icig.ir/");
	assert_has(&s, "eu-3822|Organization|phone=+98 21 2258929");
	assert_has(&s, "eu-3822|Organization|phone=+98 21 3130626");
	/* a function is a person's position, an organisation's description */
	assert_has(&s, "eu-521|Person|position=Minister of Water and Electricity under the Taliban regime");
	assert_has(&s, "eu-521|Person|title=Maulavi");
	assert_has(&s, "eu-3822|Organization|notes=Parchin Chemical Industries (PCI) produces ammunition, "
		       "explosives and solid propellants for rockets and missiles");
	assert_null(strstr(s.text.ptr, "eu-3822|Organization|position="));
	/* "-" is no city */
	assert_has(&s, "eu-191|Person|birthPlace=PAKISTAN");
	assert_null(strstr(s.text.ptr, "birthPlace=-"));
	assert_has(&s, "eu-191|Person|birthCountry=pk");
	/* circa on a range of years is kept */
	assert_has(&s, "eu-521|Person|birthDate=1955@circa between 1953 and 1958");
	assert_has(&s, "eu-521|Person|birthPlace=Tirin Kot District, Uruzgan Province, AFGHANISTAN");
	assert_has(&s, "eu-6177|Person|birthDate=1982-04-19");
	assert_has(&s, "eu-6177|Person|notes=Date of birth: hijri calendar");
	/* identification: issueDate, validTo, knownExpired */
	assert_has(&s, "eu-6177|Person|passportNumber=F654645@sa");
	assert_has(&s, "eu-6177-id-2|Passport|startDate=2005-04-30");
	assert_has(&s, "eu-6177-id-2|Passport|endDate=2010-03-07");
	assert_has(&s, "eu-6177-id-2|Passport|summary=known to have expired");
	assert_has(&s, "eu-191|Person|passportNumber=488555");
	/* the listing date is the designation date, not the last amendment;
	 * without one, the earliest publication that names the entity */
	assert_has(&s, "eu-521-sanction|Sanction|listingDate=2001-01-25");
	assert_has(&s, "eu-521-sanction|Sanction|startDate=2001-01-25");
	assert_lacks(&s, "eu-521-sanction|Sanction|listingDate=2017-03-09");
	assert_has(&s, "eu-6177-sanction|Sanction|listingDate=2011-03-24");
	assert_has(&s, "eu-191-sanction|Sanction|listingDate=2005-11-30@not later than");
	assert_has(&s, "eu-3822-sanction|Sanction|reason=UN designation:24/03/2007 (no longer valid)");
	assert_has(&s, "eu-3822-sanction|Sanction|program=IRN");
	vg_buf_dispose(&s.text);
}

static void test_uksl_fixture(void **state)
{
	store s;
	vg_source_meta meta;
	(void)state;
	assert_int_equal(read_path(&s, fixture("sources/uksl.xml"), VG_FORMAT_AUTO, &meta), 0);
	assert_string_equal(meta.name, "gb_fcdo_sanctions");
	assert_string_equal(meta.format, "uksl-xml");
	assert_string_equal(meta.as_of, "2026-08-14");
	assert_int_equal(s.by_schema[VG_SCHEMA_PERSON], 2);
	assert_int_equal(s.by_schema[VG_SCHEMA_VESSEL], 1);
	assert_int_equal(s.by_schema[VG_SCHEMA_SANCTION], 3);
	/* the record without a UniqueID: skipped, its line named */
	assert_int_equal(s.warnings, 1);
	assert_non_null(strstr(s.warns, "uksl.xml:230: Designation without a UniqueID, skipped"));
	/* "Primary name" in either capitalisation; low quality a.k.a. weak */
	assert_has(&s, "uksl-AQD0128|Person|name=AKRAM TURKI HISHAN AL-MAZIDIH");
	assert_has(&s, "uksl-AFG0011|Person|name=ABDUL LATIF MANSUR");
	assert_has(&s, "uksl-AQD0128|Person|weakAlias=Abu Akram@weak");
	assert_has(&s, "uksl-AQD0128|Person|alias=Akram Turki Al-Hishan");
	assert_has(&s, "uksl-AQD0128|Person|firstName=AKRAM");
	assert_has(&s, "uksl-AQD0128|Person|middleName=HISHAN");
	assert_has(&s, "uksl-AQD0128|Person|lastName=AL-MAZIDIH");
	assert_has(&s, "uksl-AQD0128|Person|alias=\xd8\xa3\xd9\x83\xd8\xb1\xd9\x85 \xd8\xaa\xd8\xb1\xd9\x83\xd9\x8a "
		       "\xd9\x87\xd8\xa7\xd8\xb4\xd9\x85 \xd8\xa7\xd9\x84\xd9\x85\xd8\xb2\xd9\x8a\xd8\xaf\xd9\x87@Arab");
	/* dd/mm placeholders: what is known, and nothing else */
	assert_has(&s, "uksl-AQD0128|Person|birthDate=1974");
	assert_has(&s, "uksl-AQD0128|Person|birthDate=1958-09");
	assert_has(&s, "uksl-AQD0128|Person|birthDate=1985");
	assert_has(&s, "uksl-AFG0011|Person|birthDate=1968");
	assert_has(&s, "uksl-AFG0011|Person|birthDate=1967-11-12");
	/* the leading zero of a national identifier stays; the passport's
	 * leading space goes */
	assert_has(&s, "uksl-AQD0128|Person|idNumber=0075258");
	assert_has(&s, "uksl-AQD0128-doc-1|Identification|summary=Ration card no.");
	assert_has(&s, "uksl-AFG0011|Person|passportNumber=D0009720");
	assert_has(&s, "uksl-AFG0011-doc-1|Passport|number=D0009720");
	assert_has(&s, "uksl-AFG0011-doc-2|Passport|number=D0010442");
	assert_has(&s, "uksl-AFG0011|Person|address=Darul Aman, Kabul, Afghanistan");
	assert_has(&s, "uksl-AFG0011|Person|country=af");
	assert_has(&s, "uksl-AQD0128|Person|address=Deir ez-Zor Governorate, Syria");
	assert_has(&s, "uksl-AFG0011|Person|nationality=af");
	assert_has(&s, "uksl-AFG0011|Person|birthPlace=Zurmat District, Paktia Province");
	assert_has(&s, "uksl-AFG0011|Person|birthCountry=af");
	assert_has(&s, "uksl-AFG0011|Person|title=Maulavi");
	assert_has(&s, "uksl-AFG0011|Person|position=Minister of Agriculture under the previous Taliban "
		       "regime  (1996-2001)");
	/* the ship */
	assert_has(&s, "uksl-DPR0075|Vessel|name=Petrel 8");
	assert_has(&s, "uksl-DPR0075|Vessel|alias=Tian Tai 36");
	assert_has(&s, "uksl-DPR0075|Vessel|imoNumber=IMO9562233");
	assert_has(&s, "uksl-DPR0075|Vessel|flag=km");
	assert_has(&s, "uksl-DPR0075|Vessel|pastFlags=in");
	assert_has(&s, "uksl-DPR0075|Vessel|type=Bulk Carrier");
	assert_has(&s, "uksl-DPR0075|Vessel|tonnage=7078");
	assert_has(&s, "uksl-DPR0075|Vessel|buildDate=2011");
	assert_has(&s, "uksl-DPR0075|Vessel|notes=Current owner/operator: Global United Shipping India");
	/* the designation itself */
	assert_has(&s, "uksl-AQD0128-sanction|Sanction|authorityId=AQD0128");
	assert_has(&s, "uksl-AQD0128-sanction|Sanction|authorityId=11050");
	assert_has(&s, "uksl-AQD0128-sanction|Sanction|unscId=QDi.276");
	assert_has(&s, "uksl-AQD0128-sanction|Sanction|program=Isil (Da'esh) and Al-Qaeda (United Nations "
		       "Sanctions) (EU Exit) Regulations 2019");
	assert_has(&s, "uksl-AQD0128-sanction|Sanction|provisions=Arms embargo");
	assert_has(&s, "uksl-AQD0128-sanction|Sanction|listingDate=2010-03-11");
	assert_has(&s, "uksl-AQD0128-sanction|Sanction|modifiedAt=2021-12-18");
	assert_has(&s, "uksl-AQD0128-sanction|Sanction|summary=Designation source: UN");
	assert_null(strstr(s.text.ptr, "uksl-DPR0075-sanction|Sanction|unscId="));
	vg_buf_dispose(&s.text);
}

static void test_uk_fixture(void **state)
{
	store s;
	vg_source_meta meta;
	(void)state;
	assert_int_equal(read_path(&s, fixture("sources/uk-conlist.csv"), VG_FORMAT_AUTO, &meta), 0);
	assert_string_equal(meta.name, "gb_hmt_sanctions");
	assert_string_equal(meta.as_of, "2024-06-03");
	/* 7 rows, 4 groups: rows of a group need not be adjacent */
	assert_int_equal(screenable(&s), 4);
	assert_int_equal(s.by_schema[VG_SCHEMA_SANCTION], 4);
	assert_has(&s, "uk-14001|Person|name=Ivan Sergeyevich PETROV");
	assert_has(&s, "uk-14001|Person|lastName=PETROV");
	assert_has(&s, "uk-14001|Person|alias=Vanya PETROV");
	assert_has(&s, "uk-14001|Person|weakAlias=Ivan the Bear PETROV@weak");
	assert_has(&s, "uk-14001|Person|alias=\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd \xd0\xa1\xd0\xb5\xd1\x80\xd0\xb3\xd0\xb5\xd0\xb5\xd0\xb2\xd0\xb8\xd1\x87 \xd0\x9f\xd0\x95\xd0\xa2\xd0\xa0\xd0\x9e\xd0\x92@Cyrl");
	assert_has(&s, "uk-14001|Person|birthDate=1965-03-14");
	assert_has(&s, "uk-14001|Person|nationality=ru");
	assert_has(&s, "uk-14001|Person|passportNumber=7512345678");
	assert_has(&s, "uk-14001-sanction|Sanction|program=Russia");
	assert_has(&s, "uk-14001-sanction|Sanction|listingDate=2022-03-16");
	assert_has(&s, "uk-9001|Person|birthDate=1971");
	assert_has(&s, "uk-9001|Person|nationality=sy");
	assert_has(&s, "uk-9001|Person|nationality=iq");
	assert_has(&s, "uk-13500|Organization|name=GLOBAL STAR SHIPPING LLC");
	assert_has(&s, "uk-13500|Organization|alias=STAR, GLOBAL");
	assert_has(&s, "uk-13500|Organization|country=ae");
	assert_has(&s, "uk-15000|Vessel|name=OCEAN GRACE");
	assert_has(&s, "uk-15000|Vessel|imoNumber=IMO9123456");
	vg_buf_dispose(&s.text);
}

static void expect_edata(store *s, const char *name, const char *data, size_t len,
			 vg_format f, const char *needle);

/* Rows cut from the real list of 13 April 2018 (the layout before 2022),
 * in the file's own Windows-1252. */
static void test_uk_2018_fixture(void **state)
{
	store s;
	vg_source_meta meta;
	(void)state;
	assert_int_equal(read_path(&s, fixture("sources/uk-conlist-2018.csv"), VG_FORMAT_AUTO, &meta), 0);
	assert_string_equal(meta.encoding, "windows-1252");
	assert_string_equal(meta.as_of, "2018-04-13");
	assert_int_equal(screenable(&s), 7);
	/* the "Prime Alias" row is the name, wherever it stands in the group */
	assert_has(&s, "uk-13349|Person|name=Nayef Salam Muhammad Ujaym AL-HABABI");
	assert_has(&s, "uk-13349|Person|alias=Sheikh Farooq AL-QAHTANI");
	assert_has(&s, "uk-13289|Person|name=Boubaker Ben Habib BEN AL-HAKIM");
	assert_has(&s, "uk-11044|Organization|name=AL-QAIDA IN THE ARABIAN PENINSULA (AQAP)");
	assert_has(&s, "uk-11044|Organization|previousName=AL-QAIDA IN YEMEN (AQY)");
	/* lists of countries in their several numberings; a comment after a
	 * country goes to the notes */
	assert_has(&s, "uk-13349|Person|nationality=sa");
	assert_has(&s, "uk-13349|Person|nationality=qa");
	assert_has(&s, "uk-13289|Person|nationality=fr");
	assert_has(&s, "uk-13289|Person|nationality=tn");
	assert_has(&s, "uk-13349|Person|country=af");
	assert_has(&s, "uk-13349|Person|notes=country: Afghanistan (since 2009)");
	assert_null(strstr(s.text.ptr, "nationality=1)"));
	assert_null(strstr(s.text.ptr, "nationality=a)"));
	/* numbers out of Passport Details and NI Number */
	assert_has(&s, "uk-13349|Person|passportNumber=592667@qa");
	assert_has(&s, "uk-13458|Person|passportNumber=D00000897");
	assert_has(&s, "uk-11050|Person|idNumber=0075258");
	assert_has(&s, "uk-11050|Person|notes=National identification: Ration card no. 0075258");
	/* Windows-1252 quotes come out as UTF-8 */
	assert_non_null(strstr(s.text.ptr, "\xe2\x80\x98PK5\xe2\x80\x99"));
	/* an Entity with a ship's IMO number is a ship; a shipping company's
	 * IMO number (no ship check digit) leaves it a company */
	assert_has(&s, "uk-13556|Vessel|name=TONG SAN 2");
	assert_has(&s, "uk-13556|Vessel|imoNumber=IMO8937675");
	assert_has(&s, "uk-13340|Organization|imoNumber=IMO5342883");
	assert_has(&s, "uk-13556-sanction|Sanction|listingDate=2017-10-19");
	vg_buf_dispose(&s.text);
}

/* Other numberings and rows shorter than the header. */
static void test_uk_cells(void **state)
{
	static const char head[] =
		"Last Updated,13/04/2018\n"
		"Name 6,Name 1,Nationality,Country of Birth,Passport Details,NI Number,Other Information,"
		"Group Type,Alias Type,Regime,Listed On,Last Updated,Group ID\n";
	vg_buf b = VG_BUF_INIT;
	store s;
	(void)state;
	vg_buf_puts(&b, head);
	vg_buf_puts(&b, "A,B,\"(1) Germany (b) Algeria\",\"(1)-(2) Tunisia (3) Libya\","
			"\"(1) 106261543 (Kuwaiti) (2) 1420529 (Kuwaiti). Issued in Kuwait.\","
			"\"Saudi Arabian national identification number:1027508157\",,Individual,"
			"Prime Alias,X,01/01/2010,01/01/2010,1\n");
	/* a row cut short in the middle of the file: read as far as it goes */
	vg_buf_puts(&b, "C,D,Iraqi\n");
	vg_buf_puts(&b, "E,F,,,,,\"IMO number: 8660313\",Entity,Prime Alias,X,01/01/2010,01/01/2010,2\n");
	assert_int_equal(parse_mem(&s, "uk.csv", b.ptr, b.size, VG_FORMAT_UK_CSV), 0);
	assert_has(&s, "uk-1|Person|nationality=de");
	assert_has(&s, "uk-1|Person|nationality=dz");
	assert_has(&s, "uk-1|Person|birthCountry=tn");
	assert_has(&s, "uk-1|Person|birthCountry=ly");
	assert_has(&s, "uk-1|Person|passportNumber=106261543@kw");
	assert_has(&s, "uk-1|Person|passportNumber=1420529@kw");
	assert_has(&s, "uk-1|Person|idNumber=1027508157");
	assert_has(&s, "uk-2|Vessel|imoNumber=IMO8660313");
	assert_int_equal(s.warnings, 1);
	assert_non_null(strstr(s.warns, "uk.csv:4: row of 3 fields"));
	vg_buf_dispose(&s.text);
	/* the same row at the very end, with no line end: a truncated file */
	b.size -= strlen("E,F,,,,,\"IMO number: 8660313\",Entity,Prime Alias,X,01/01/2010,01/01/2010,2\n");
	b.size -= 1; /* and C,D,Iraqi loses its line end */
	b.ptr[b.size] = '\0';
	expect_edata(&s, "uk.csv", b.ptr, b.size, VG_FORMAT_UK_CSV, "uk.csv:4: the last row has 3 fields");
	vg_buf_dispose(&b);
}

static void test_csl_dpl_fixtures(void **state)
{
	store s;
	vg_source_meta meta;
	(void)state;
	assert_int_equal(read_path(&s, fixture("sources/csl.csv"), VG_FORMAT_AUTO, &meta), 0);
	assert_string_equal(meta.name, "us_trade_csl");
	assert_int_equal(screenable(&s), 3);
	assert_has(&s, "csl-9696|Person|name=Naser ABDUL JAWAD");
	assert_has(&s, "csl-9696|Person|alias=ABDEL JAWAD, Nasir Abdullah Odeh");
	assert_has(&s, "csl-9696|Person|birthDate=1965");
	assert_has(&s, "csl-9696|Person|nationality=ps");
	assert_has(&s, "csl-9696|Person|passportNumber=900123@ps");
	assert_has(&s, "csl-9696|Person|idNumber=4455");
	assert_has(&s, "csl-9696|Person|topics=sanction");
	assert_has(&s, "csl-9696-sanction|Sanction|authority=Specially Designated Nationals (SDN) - Treasury Department");
	/* no entity number: a stable hash id; topics from the source list */
	assert_true(strstr(s.text.ptr, "|Organization|name=EXAMPLE AVIATION LLC") != NULL);
	assert_true(strstr(s.text.ptr, "|Organization|topics=export.control") != NULL);
	assert_true(strstr(s.text.ptr, "|Organization|website=www.example-air.ae") != NULL);
	assert_true(strstr(s.text.ptr, "|Organization|alias=EXAMPLE AIR") != NULL);
	assert_true(strstr(s.text.ptr, "|LegalEntity|topics=debarment") != NULL);
	vg_buf_dispose(&s.text);

	assert_int_equal(read_path(&s, fixture("sources/dpl.txt"), VG_FORMAT_AUTO, &meta), 0);
	assert_string_equal(meta.name, "us_bis_denied");
	/* adjacent rows of one party merge; a later one gets a suffix */
	assert_int_equal(screenable(&s), 3);
	assert_true(strstr(s.text.ptr, "|LegalEntity|address=P.O. BOX 28360, DUBAI, AE") != NULL);
	assert_true(strstr(s.text.ptr, "|LegalEntity|country=ae") != NULL);
	assert_true(strstr(s.text.ptr, "-2|LegalEntity|name=AL NASER AIRLINES") != NULL);
	assert_true(strstr(s.text.ptr, "-sanction|Sanction|startDate=2022-08-24") != NULL);
	assert_true(strstr(s.text.ptr, "-sanction|Sanction|endDate=2026-01-14") != NULL);
	vg_buf_dispose(&s.text);
}

/* Dataset names are slugs: the official lists by OpenSanctions' names
 * (datasets.c), an FtM or Senzing file by its stem made a slug; the former
 * names still select the same lists. */
static void test_dataset_names(void **state)
{
	static const char line[] = "{\"id\": \"x-1\", \"schema\": \"Person\", "
				   "\"properties\": {\"name\": [\"Maria Ivanova\"]}}\n";
	vg_reader_sink sink;
	vg_source_meta meta;
	store s;
	(void)state;
	memset(&s, 0, sizeof(s));
	sink = (vg_reader_sink){ keep, warned, &s, 0 };
	assert_int_equal(vg_source_parse_mem("dir.v2/UN-sc.Lists.ftm.jsonl", line, sizeof(line) - 1,
					     VG_FORMAT_FTM_JSON, &meta, &sink), 0);
	assert_string_equal(meta.name, "un_sc");
	vg_buf_dispose(&s.text);
	memset(&s, 0, sizeof(s));
	assert_int_equal(vg_source_parse_mem("my list 2026.senzing.jsonl", "", 0,
					     VG_FORMAT_SENZING_JSON, &meta, &sink), 0);
	assert_string_equal(meta.name, "my_list_2026");
	vg_buf_dispose(&s.text);
	assert_string_equal(vg__dataset_name(VG__DS_OFAC_SDN), "us_ofac_sdn");
	assert_string_equal(vg__dataset_name(VG__DS_UK_HMT), "gb_hmt_sanctions");
	/* the former names, typed by a user or kept in an index built before */
	assert_true(vg_dataset_matches("us_ofac_sdn", "ofac-sdn"));
	assert_true(vg_dataset_matches("ofac-sdn", "us_ofac_sdn"));
	assert_true(vg_dataset_matches("gb_fcdo_sanctions", "uk-fcdo"));
	assert_true(vg_dataset_matches("gb_hmt_sanctions", "uk-ofsi"));
	assert_true(vg_dataset_matches("us_bis_denied", "us-dpl"));
	assert_true(vg_dataset_matches("un_sc_sanctions", "un-sc"));
	assert_true(vg_dataset_matches("un_sc", "un-sc"));  /* un-sc.ftm.jsonl */
	assert_true(vg_dataset_matches("zala", "zala"));
	assert_false(vg_dataset_matches("us_ofac_sdn", "ofac-cons"));
	assert_false(vg_dataset_matches("us_ofac_cons", "us_ofac_sdn"));
	assert_false(vg_dataset_matches("un_sc_sanctions", "un_sc"));
	assert_false(vg_dataset_matches("zala", "zal"));
	assert_false(vg_dataset_matches("zala", NULL));
}

static void test_ftm_fixture(void **state)
{
	store s;
	vg_source_meta meta;
	(void)state;
	assert_int_equal(read_path(&s, fixture("sources/ftm.jsonl"), VG_FORMAT_AUTO, &meta), 0);
	assert_string_equal(meta.name, "ftm");
	assert_int_equal(s.records, 5);
	assert_int_equal(screenable(&s), 2);
	assert_has(&s, "p-1|Person|name=Maria Ivanova");
	assert_has(&s, "p-1|Person|name=\xd0\x9c\xd0\xb0\xd1\x80\xd0\xb8\xd1\x8f \xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xb0");
	/* the entity's datasets are the index's sources, not the file's */
	assert_lacks(&s, "p-1|Person|datasets=");
	assert_has(&s, "p-1|Person|referents=old-1");
	assert_has(&s, "p-1|Person|first_seen=2024-01-01T00:00:00");
	assert_has(&s, "o-1|Ownership|percentage=51");
	/* a schema vigil does not know is carried, not dropped */
	assert_has(&s, "x-1|Other|publicKey=1abc");
	assert_int_equal(s.by_schema[VG_SCHEMA_OTHER], 1);
	vg_buf_dispose(&s.text);
}

/* A file of several megabytes is summed on a thread of its own while it is
 * parsed (format.c): the version is still the FNV-1a of every byte. */
static void test_big_file_checksum(void **state)
{
	char path[] = "/tmp/vigil-test-sum-XXXXXX", ver[64];
	vg_buf text = VG_BUF_INIT;
	vg_source_meta meta;
	store s;
	int fd, i;
	(void)state;
	for (i = 0; text.size < ((size_t)5 << 20); i++)
		vg_buf_printf(&text, "{\"id\": \"p-%d\", \"schema\": \"Person\", \"properties\": "
			      "{\"name\": [\"Maria Ivanova %d\"], \"birthDate\": [\"1970\"]}}\n", i, i);
	assert_false(vg_buf_oom(&text));
	assert_true((fd = mkstemp(path)) >= 0);
	assert_int_equal(write(fd, text.ptr, text.size), (ssize_t)text.size);
	close(fd);
	assert_int_equal(read_path(&s, path, VG_FORMAT_FTM_JSON, &meta), 0);
	unlink(path);
	assert_int_equal(s.records, i);
	snprintf(ver, sizeof(ver), "fnv1a:%016llx",
		 (unsigned long long)vg__fnv1a(text.ptr, text.size, VG__FNV_SEED));
	assert_string_equal(meta.version, ver);
	vg_buf_dispose(&s.text);
	vg_buf_dispose(&text);
}

/* The direct FtM line reader (ftm_line.c) reads what json-c's path reads,
 * to the same record, and declines everything it cannot read the same way
 * (json-c's path then reads the line and words its errors). */
static void test_ftm_line_as_json(void **state)
{
	static const struct {
		const char *line;
		int direct; /* read directly (1) or declined (0) */
	} cases[] = {
		{ "{\"id\": \"a\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Ann Lee\", \"A. Lee\"], "
		  "\"birthDate\": [\"1970\"]}, \"caption\": \"Ann Lee\", \"datasets\": [\"x\"], \"target\": true}", 1 },
		/* the meta keys after the properties, in FtM's order, whatever the line's */
		{ "{\"last_seen\": \"2024\", \"referents\": [\"r1\", null, \"r2\"], \"target\": false, "
		  "\"schema\": \"Company\", \"id\": \"c\", \"first_seen\": null, \"properties\": {\"name\": \"Acme\"}}", 1 },
		/* escapes, decoded; a value repeated once; blanks around tokens */
		{ " { \"id\" : \"e\\u00e9\" , \"schema\":\"Person\",\"properties\":{\"name\":[\"\\\"Q\\\" \\u0416\\u4e2d\\/x\\ty\", "
		  "\"\\\"Q\\\" \\u0416\\u4e2d\\/x\\ty\"],\"alias\":[]}}", 1 },
		{ "{\"id\": \"n\", \"schema\": \"Person\", \"properties\": {\"name\": [\"x\"], \"age\": [3]}}", 0 },
		{ "{\"id\": \"n\", \"schema\": \"Person\", \"properties\": {\"name\": [{\"id\": \"y\"}]}}", 0 },
		{ "{\"id\": \"n\", \"schema\": \"Person\", \"properties\": {\"name\": [\"x\"], \"name\": [\"y\"]}}", 0 },
		{ "{\"id\": \"n\", \"id\": \"m\", \"schema\": \"Person\"}", 0 },
		{ "{\"id\": \"n\", \"schema\": \"Person\", \"properties\": {\"name\": [\"\\ud83d\\ude00\"]}}", 0 },
		{ "{\"op\": \"ADD\", \"entity\": {\"id\": \"n\", \"schema\": \"Person\"}}", 0 },
		{ "{\"id\": \"n\", \"schema\": \"Person\", \"extra\": {\"k\": 1}}", 0 },
		{ "{\"id\": \"\", \"schema\": \"Person\"}", 0 },
		{ "{\"id\": \"n\", \"properties\": {}}", 0 },
		{ "{\"id\": \"n\", \"schema\": \"Person\"} {}", 0 },
		{ "{\"id\": \"n\", \"schema\": \"Person\",}", 0 },
		{ "{\"id\": \"n\", \"schema\": \"Person\", \"properties\": {\"name\": [\"x\"]}", 0 },
	};
	vg__ftm_scratch sc = { VG_BUF_INIT, VG_BUF_INIT };
	size_t i, k;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *line = cases[i].line;
		vg_record direct, viajson;
		struct json_object *obj;
		vg_record_init(&direct);
		vg_record_init(&viajson);
		if (vg__ftm_line(&direct, line, strlen(line), "t.jsonl", 1, &sc) != cases[i].direct) {
			printf("case %zu: %s\n", i, line);
			fail();
		}
		if (cases[i].direct) {
			assert_non_null(obj = json_tokener_parse(line));
			assert_int_equal(vg__ftm_entity(&viajson, obj, "t.jsonl", 1), 0);
			json_object_put(obj);
			assert_string_equal(direct.id, viajson.id);
			assert_string_equal(direct.schema_name, viajson.schema_name);
			assert_int_equal(direct.n_props, viajson.n_props);
			for (k = 0; k < direct.n_props; k++) {
				assert_string_equal(direct.props[k].key, viajson.props[k].key);
				assert_string_equal(direct.props[k].value, viajson.props[k].value);
			}
		}
		vg_record_dispose(&direct);
		vg_record_dispose(&viajson);
	}
	vg_buf_dispose(&sc.a);
	vg_buf_dispose(&sc.b);
}

static void test_ftm_delta(void **state)
{
	store s;
	vg_source_meta meta;
	(void)state;
	assert_int_equal(read_path(&s, fixture("sources/ftm-delta"), VG_FORMAT_AUTO, &meta), 0);
	assert_string_equal(meta.version, "v3");
	assert_string_equal(meta.as_of, "2024-05-28");
	/* base a b c; v2 adds d and renames a; v3 deletes b and modifies d */
	assert_int_equal(s.records, 3);
	assert_has(&s, "a|Person|name=Alpha One Renamed");
	assert_lacks(&s, "a|Person|name=Alpha One");
	assert_lacks(&s, "b|Person|");
	assert_has(&s, "c|Company|name=Charlie Three Ltd");
	assert_has(&s, "d|Person|birthDate=1990");
	vg_buf_dispose(&s.text);
	/* index.json as the input reads the same */
	assert_int_equal(read_path(&s, fixture("sources/ftm-delta/index.json"), VG_FORMAT_FTM_JSON,
				   &meta), 0);
	assert_int_equal(s.records, 3);
	vg_buf_dispose(&s.text);
}

static void test_senzing_fixture(void **state)
{
	store s;
	vg_source_meta meta;
	(void)state;
	assert_int_equal(read_path(&s, fixture("sources/senzing.jsonl"), VG_FORMAT_AUTO, &meta), 0);
	assert_string_equal(meta.name, "test_pep");
	/* untyped records are generic entities, but the one another record
	 * holds by Occupancy is a Position (indexed, no party) */
	assert_int_equal(screenable(&s), 4);
	assert_has(&s, "pep-1|Person|name=Jane Q. Public");
	assert_has(&s, "pep-1|Person|alias=Janie Public");
	assert_has(&s, "pep-1|Person|birthDate=1972-05-06");
	assert_has(&s, "pep-1|Person|nationality=us");
	assert_has(&s, "pep-1|Person|citizenship=ca");
	assert_has(&s, "pep-1|Person|passportNumber=X1234567@us");
	assert_has(&s, "pep-1|Person|taxNumber=123-45-6789");
	assert_has(&s, "pep-1|Person|topics=role.pep");
	assert_lacks(&s, "pep-1|Person|idNumber=pep-1");
	assert_has(&s, "pep-1-rel-Q1|Occupancy|post=Q1");
	assert_has(&s, "pep-1-rel-pep-2|UnknownLink|role=spouse");
	assert_has(&s, "org-1|Organization|name=Acme Holdings");
	assert_has(&s, "Q1|Position|name=Member of Parliament");
	assert_has(&s, "flat-1|LegalEntity|name=Flat Record Name");
	assert_has(&s, "flat-1|LegalEntity|birthDate=1950");
	vg_buf_dispose(&s.text);
}

static void test_sink_stops(void **state)
{
	store s;
	vg_source_meta meta;
	vg_reader_sink sink = { keep, warned, &s, 0 };
	(void)state;
	memset(&s, 0, sizeof(s));
	s.stop_after = 2;
	assert_int_equal(vg_source_read(fixture("sources/un.xml"), VG_FORMAT_AUTO, &meta, &sink), 99);
	assert_int_equal(s.records, 2);
	vg_buf_dispose(&s.text);
}

/* ---- the real lists ----------------------------------------------------- */

static void test_shared_counts(void **state)
{
	static const struct {
		const char *rel;
		size_t entities, records_min;
	} lists[] = {
		{ "data/lists/ofac-sdn-2021-07", 8976, 8976 * 2 },
		{ "data/lists/ofac-consolidated-2025-12", 442, 442 * 2 },
		{ "data/lists/un-sc-consolidated-2026-02-27.xml", 1003, 1003 * 2 },
		{ "data/lists/ftm/zala.ftm.jsonl", 17, 91 },
		{ "data/lists/us-csl-2019-12.csv", 115, 230 },
		{ "data/lists/opensanctions-us-congress-2026-01.senzing.jsonl", 1319, 1319 },
	};
	store s;
	vg_source_meta meta;
	size_t i;
	(void)state;
	if (!shared_path("data")) {
		skip();
		return;
	}
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		int rc = read_path(&s, shared_path(lists[i].rel), VG_FORMAT_AUTO, &meta);
		if (rc != 0)
			printf("%s: %s\n", lists[i].rel, vg_error_last()->message);
		assert_int_equal(rc, 0);
		if (screenable(&s) != lists[i].entities)
			printf("%s: %zu entities\n", lists[i].rel, screenable(&s));
		assert_int_equal(screenable(&s), lists[i].entities);
		assert_true(s.records >= lists[i].records_min);
		if (i == 0) {
			/* the first row is an entity, not a header: a reader that
			 * takes it for one counts 8,975 */
			assert_has(&s, "ofac-36|Organization|name=AEROCARIBBEAN AIRLINES");
			assert_string_equal(meta.as_of, "2021-07");
			assert_int_equal(s.by_schema[VG_SCHEMA_PERSON], 4620);
			assert_int_equal(s.by_schema[VG_SCHEMA_VESSEL], 406);
			assert_int_equal(s.by_schema[VG_SCHEMA_AIRPLANE], 277);
			/* remarks cut by OFAC and continued in sdn_comments.csv */
			assert_has(&s, "ofac-28263|Person|weakAlias=snowsjohn@weak");
		}
		if (i == 2) {
			assert_int_equal(s.by_schema[VG_SCHEMA_PERSON], 730);
			assert_int_equal(s.by_schema[VG_SCHEMA_ORGANIZATION], 273);
			assert_string_equal(meta.as_of, "2026-02-27");
		}
		if (i == 3)
			assert_int_equal(s.records, 91);
		if (i == 5) {
			/* 1,319 records: 1,317 members of Congress and the two
			 * positions they hold ("United States senator", "...
			 * representative"), untyped in the file */
			assert_int_equal(s.by_schema[VG_SCHEMA_PERSON], 1317);
			assert_int_equal(s.by_schema[VG_SCHEMA_POSITION], 2);
		}
		vg_buf_dispose(&s.text);
	}
	assert_int_equal(read_path(&s, shared_path("data/lists/us-bis-dpl-2022-09.txt"), VG_FORMAT_AUTO,
				   &meta), 0);
	/* 581 rows, one per address: fewer parties */
	assert_true(screenable(&s) > 400 && screenable(&s) < 581);
	vg_buf_dispose(&s.text);
	assert_int_equal(read_path(&s, shared_path("data/lists/ftm/delta"), VG_FORMAT_AUTO, &meta), 0);
	assert_true(s.records > 0);
	assert_lacks(&s, "NK-500Poltergeist|");
	vg_buf_dispose(&s.text);
}

/* ---- encodings and line ends -------------------------------------------- */

static char *slurp(const char *path, size_t *len);

/* Windows-1252 bytes 0x80-0x9F as code points (0 where undefined). */
static const unsigned cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
	0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* UTF-8 text written as Windows-1252 into cp, and as the UTF-8 that
 * conversion gives back into ref: a character Windows-1252 lacks becomes
 * '?' in both. */
static void to_cp1252(const char *s, size_t len, vg_buf *cp, vg_buf *ref)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned c = p[i], n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, k, b = '?';
		if (n == 1) {
			b = c;
		} else {
			unsigned cpt = c & (0xFF >> (n + 1));
			for (k = 1; k < n; k++)
				cpt = (cpt << 6) | (p[i + k] & 0x3F);
			if (cpt >= 0xA0 && cpt <= 0xFF)
				b = cpt;
			for (k = 0; k < 32 && b == '?'; k++)
				if (cp1252_high[k] && cp1252_high[k] == cpt)
					b = 0x80 + k;
		}
		{
			char ch = (char)b;
			vg_buf_put(cp, &ch, 1);
			vg_buf_put(ref, b == '?' ? "?" : s + i, b == '?' ? 1 : n);
		}
		i += n;
	}
}

/* Every text reader reads its fixture the same in UTF-8, with a byte order
 * mark, with CRLF line ends and in Windows-1252, and says which encoding
 * it found. */
static void test_encodings(void **state)
{
	static const struct {
		const char *rel;
		vg_format f;
	} files[] = {
		{ "sources/ofac/sdn.csv", VG_FORMAT_OFAC_CSV },
		{ "sources/uk-conlist.csv", VG_FORMAT_UK_CSV },
		{ "sources/csl.csv", VG_FORMAT_CSL_CSV },
		{ "sources/dpl.txt", VG_FORMAT_DPL_TSV },
		{ "sources/un.xml", VG_FORMAT_UN_XML },
		{ "sources/eu-fsf.xml", VG_FORMAT_EU_XML },
		{ "sources/uksl.xml", VG_FORMAT_UKSL_XML },
		{ "sources/ftm.jsonl", VG_FORMAT_FTM_JSON },
		{ "sources/senzing.jsonl", VG_FORMAT_SENZING_JSON },
	};
	size_t i, k;
	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		size_t len;
		char *data = slurp(fixture(files[i].rel), &len);
		vg_buf v[4] = { VG_BUF_INIT, VG_BUF_INIT, VG_BUF_INIT, VG_BUF_INIT }, ref = VG_BUF_INIT;
		const char *want[4] = { "utf-8", "utf-8 (BOM)", "utf-8", "utf-8" };
		store base, s;
		vg_reader_sink sink = { keep, warned, NULL, 0 };
		vg_source_meta meta;
		/* 0 as it is, 1 with a BOM, 2 CRLF, 3 Windows-1252 */
		vg_buf_put(&v[0], data, len);
		vg_buf_puts(&v[1], "\xEF\xBB\xBF");
		vg_buf_put(&v[1], data, len);
		for (k = 0; k < len; k++)
			vg_buf_put(&v[2], data[k] == '\n' ? "\r\n" : data + k, data[k] == '\n' ? 2 : 1);
		to_cp1252(data, len, &v[3], &ref);
		/* plain ASCII is UTF-8 too; a byte 0x80-0x9F says Windows-1252 */
		for (k = 0; k < v[3].size; k++) {
			unsigned char c = (unsigned char)v[3].ptr[k];
			if (c >= 0x80 && c < 0xA0) {
				want[3] = "windows-1252";
				break;
			}
			if (c >= 0xA0)
				want[3] = "iso-8859-1";
		}
		/* the fixture with what Windows-1252 cannot write replaced */
		memset(&base, 0, sizeof(base));
		sink.ctx = &base;
		assert_int_equal(vg_source_parse_mem(files[i].rel, ref.ptr, ref.size, files[i].f, &meta, &sink), 0);
		for (k = 0; k < 4; k++) {
			int rc;
			memset(&s, 0, sizeof(s));
			sink.ctx = &s;
			rc = vg_source_parse_mem(files[i].rel, v[k].ptr, v[k].size, files[i].f, &meta, &sink);
			if (rc != 0)
				printf("%s variant %zu: %s\n", files[i].rel, k, vg_error_last()->message);
			assert_int_equal(rc, 0);
			if (strcmp(meta.encoding, want[k]) != 0)
				printf("%s variant %zu: encoding %s\n", files[i].rel, k, meta.encoding);
			assert_string_equal(meta.encoding, want[k]);
			if (k == 2) {
				/* a line break inside a quoted field reads as CRLF */
				assert_int_equal(s.records, base.records);
			} else if (k < 2) {
				store plain;
				memset(&plain, 0, sizeof(plain));
				sink.ctx = &plain;
				assert_int_equal(vg_source_parse_mem(files[i].rel, data, len, files[i].f, &meta,
								     &sink), 0);
				assert_string_equal(s.text.ptr, plain.text.ptr);
				vg_buf_dispose(&plain.text);
			} else if (strcmp(s.text.ptr, base.text.ptr) != 0) {
				printf("%s in Windows-1252 reads:\n%s\nwanted:\n%s\n", files[i].rel, s.text.ptr,
				       base.text.ptr);
				fail();
			}
			vg_buf_dispose(&s.text);
		}
		vg_buf_dispose(&base.text);
		for (k = 0; k < 4; k++)
			vg_buf_dispose(&v[k]);
		vg_buf_dispose(&ref);
		free(data);
	}
}

/* The lists as they really are (../shared/data/lists/real): files other
 * than the fixtures, read with the same expectations. */
static void test_real_uksl(void **state)
{
	store s;
	vg_source_meta meta;
	const char *path;
	(void)state;
	if (!(path = shared_path("data/lists/real/uk-sanctions-list-2026-08-14-excerpt.xml"))) {
		skip();
		return;
	}
	assert_int_equal(read_path(&s, path, VG_FORMAT_AUTO, &meta), 0);
	assert_string_equal(meta.format, "uksl-xml");
	assert_string_equal(meta.as_of, "2026-08-14");
	/* four real designations; the synthetic one has no UniqueID */
	assert_int_equal(screenable(&s), 4);
	assert_int_equal(s.by_schema[VG_SCHEMA_PERSON], 2);
	assert_int_equal(s.by_schema[VG_SCHEMA_ORGANIZATION], 1);
	assert_int_equal(s.by_schema[VG_SCHEMA_VESSEL], 1);
	assert_int_equal(s.warnings, 1);
	assert_non_null(strstr(s.warns, "excerpt.xml:353: Designation without a UniqueID, skipped"));
	assert_has(&s, "uksl-AQD0377|Organization|name=Khatiba al-Tawhid wal-Jihad (KTJ)");
	assert_has(&s, "uksl-AQD0377|Organization|alias=Jannat Oshiklari");
	assert_has(&s, "uksl-AQD0377|Organization|summary=Terrorist Group");
	assert_has(&s, "uksl-AQD0377|Organization|alias=\xd0\x9a\xd0\xb0\xd1\x82\xd0\xb8\xd0\xb1\xd0\xb0 "
		       "\xd0\xb0\xd1\x82-\xd0\xa2\xd0\xb0\xd1\x83\xd1\x85\xd0\xb8\xd0\xb4 "
		       "\xd0\xb2\xd0\xb0\xd0\xbb\xd1\x8c-\xd0\x94\xd0\xb6\xd0\xb8\xd1\x85\xd0\xb0\xd0\xb4@Cyrl");
	assert_has(&s, "uksl-AFG0011|Person|passportNumber=D0009720");
	assert_has(&s, "uksl-DPR0075|Vessel|imoNumber=IMO9562233");
	assert_has(&s, "uksl-AFG0011-sanction|Sanction|provisions=Travel Ban");
	assert_has(&s, "uksl-AFG0011-sanction|Sanction|startDate=2001-01-31");
	vg_buf_dispose(&s.text);
}

static void test_real_eu(void **state)
{
	store s;
	vg_source_meta meta;
	const char *path;
	(void)state;
	if (!(path = shared_path("data/lists/real/eu-fsf-2026-08-05-excerpt.xml"))) {
		skip();
		return;
	}
	assert_int_equal(read_path(&s, path, VG_FORMAT_AUTO, &meta), 0);
	assert_string_equal(meta.format, "eu-xml");
	assert_string_equal(meta.encoding, "utf-8");
	assert_int_equal(screenable(&s), 5);
	assert_int_equal(s.by_schema[VG_SCHEMA_PERSON], 4);
	/* a record the fixture does not hold */
	assert_has(&s, "eu-6106|Person|name=Abu Zayd Umar DORDA");
	assert_has(&s, "eu-6106|Person|alias=Dorda Abuzed OE");
	assert_lacks(&s, "eu-6106|Person|notes=Dorda Abuzed OE: Good quality alias");
	assert_has(&s, "eu-6106|Person|position=Director, External Security Organisation. Head of "
		       "external intelligence agency.");
	assert_has(&s, "eu-6106|Person|birthPlace=Alrhaybat");
	assert_has(&s, "eu-6106|Person|notes=Address: Libya (Believed status/location: residing in Egypt)");
	assert_has(&s, "eu-6106|Person|passportNumber=FK117RK0@ly");
	assert_has(&s, "eu-6106-id-1|Passport|startDate=2018-11-25");
	assert_has(&s, "eu-6106-id-1|Passport|endDate=2026-11-24");
	assert_has(&s, "eu-6106-sanction|Sanction|listingDate=2011-02-26");
	assert_has(&s, "eu-6106-sanction|Sanction|unscId=LYi.006");
	/* every low quality alias of the real record, the misspelt note too */
	assert_has(&s, "eu-6177|Person|weakAlias=Abosslah@weak");
	assert_has(&s, "eu-6177|Person|weakAlias=Abu Saleh@weak");
	assert_has(&s, "eu-191-sanction|Sanction|listingDate=2005-11-30@not later than");
	assert_has(&s, "eu-3822|Organization|phone=+98 21 35243153");
	vg_buf_dispose(&s.text);
}

/* The complete OFSI list of 2018: every group, its Prime Alias as the
 * caption, the ships of its North Korea annex as ships. */
static void test_real_ofsi(void **state)
{
	store s;
	vg_source_meta meta;
	const char *path;
	(void)state;
	if (!(path = shared_path("data/lists/real/uk-ofsi-conlist-2018-04-13.csv"))) {
		skip();
		return;
	}
	assert_int_equal(read_path(&s, path, VG_FORMAT_AUTO, &meta), 0);
	assert_string_equal(meta.encoding, "windows-1252");
	assert_int_equal(screenable(&s), 2106);
	assert_int_equal(s.by_schema[VG_SCHEMA_VESSEL], 25);
	assert_int_equal(s.warnings, 0);
	assert_has(&s, "uk-13349|Person|name=Nayef Salam Muhammad Ujaym AL-HABABI");
	assert_has(&s, "uk-11050|Person|name=Akram Turki Hishan AL-MAZIDIH");
	assert_has(&s, "uk-13554|Vessel|imoNumber=IMO9562233");
	vg_buf_dispose(&s.text);
}

/* ---- bad input ---------------------------------------------------------- */

static void expect_edata(store *s, const char *name, const char *data, size_t len,
			 vg_format f, const char *needle)
{
	int rc = parse_mem(s, name, data, len, f);
	if (rc != VG_EDATA || (needle && !strstr(vg_error_last()->message, needle)))
		printf("%s (%s): rc %d, message \"%s\", wanted \"%s\"\n", name,
		       vg_format_name(f), rc, vg_error_last()->message, needle ? needle : "");
	assert_int_equal(rc, VG_EDATA);
	if (needle)
		assert_non_null(strstr(vg_error_last()->message, needle));
	vg_buf_dispose(&s->text);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void test_bad_truncated(void **state)
{
	static const struct {
		const char *rel;
		vg_format f;
		double keep;
	} files[] = {
		{ "sources/ofac/sdn.csv", VG_FORMAT_OFAC_CSV, 0.5 },
		{ "sources/un.xml", VG_FORMAT_UN_XML, 0.5 },
		{ "sources/eu-fsf.xml", VG_FORMAT_EU_XML, 0.5 },
		{ "sources/uksl.xml", VG_FORMAT_UKSL_XML, 0.5 },
		{ "sources/uk-conlist.csv", VG_FORMAT_UK_CSV, 0.6 },
		{ "sources/csl.csv", VG_FORMAT_CSL_CSV, 0.5 },
		{ "sources/dpl.txt", VG_FORMAT_DPL_TSV, 0.5 },
		{ "sources/ftm.jsonl", VG_FORMAT_FTM_JSON, 0.5 },
		{ "sources/senzing.jsonl", VG_FORMAT_SENZING_JSON, 0.3 },
	};
	store s;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		size_t len;
		char *data = slurp(fixture(files[i].rel), &len);
		/* cut inside a quoted field or a JSON value, never on a row
		 * boundary: move back to just after an opening quote */
		size_t cut = (size_t)((double)len * files[i].keep);
		while (cut > 0 && data[cut - 1] != '"' && data[cut - 1] != '<')
			cut--;
		expect_edata(&s, files[i].rel, data, cut, files[i].f, NULL);
		assert_non_null(strstr(vg_error_last()->message, files[i].rel));
		free(data);
	}
}

static void test_bad_csv(void **state)
{
	static const char unterminated[] =
		"100,\"OPEN QUOTE NEVER CLOSED,-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
		"101,-0- ,-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
	static const char short_row[] = "100,\"A\",-0- ,\"CUBA\"\r\n";
	static const char latin1[] =
		"100,\"JOS\xc9 P\xc9REZ\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
	static const char uk_head[] =
		"Last Updated,03/06/2024\nName 6,Name 1,Group Type,Alias Type,Group ID\n";
	store s;
	vg_buf b = VG_BUF_INIT;
	(void)state;
	expect_edata(&s, "sdn.csv", unterminated, sizeof(unterminated) - 1, VG_FORMAT_OFAC_CSV,
		     "sdn.csv:1: unterminated quoted field");
	expect_edata(&s, "sdn.csv", short_row, sizeof(short_row) - 1, VG_FORMAT_OFAC_CSV,
		     "sdn.csv:1: 4 fields, expected 12");
	/* Latin-1 is read as such; after a UTF-8 byte order mark the same
	 * bytes are bad UTF-8 */
	assert_int_equal(parse_mem(&s, "sdn.csv", latin1, sizeof(latin1) - 1, VG_FORMAT_OFAC_CSV), 0);
	assert_has(&s, "ofac-100|Organization|name=JOS\xc3\x89 P\xc3\x89REZ");
	vg_buf_dispose(&s.text);
	vg_buf_puts(&b, "\xEF\xBB\xBF");
	vg_buf_puts(&b, latin1);
	expect_edata(&s, "sdn.csv", b.ptr, b.size, VG_FORMAT_OFAC_CSV, "sdn.csv:1: invalid UTF-8");
	/* the same for the other CSV readers */
	vg_buf_clear(&b);
	vg_buf_puts(&b, "\xEF\xBB\xBF");
	vg_buf_puts(&b, uk_head);
	vg_buf_puts(&b, "PEREZ,Jos\xe9,Individual,Primary name,1\n");
	expect_edata(&s, "uk.csv", b.ptr, b.size, VG_FORMAT_UK_CSV, "uk.csv:3: invalid UTF-8");
	vg_buf_clear(&b);
	vg_buf_puts(&b, uk_head);
	vg_buf_puts(&b, "PEREZ,\"Jose,Individual,Primary name,1\n");
	expect_edata(&s, "uk.csv", b.ptr, b.size, VG_FORMAT_UK_CSV, "uk.csv:3: unterminated");
	vg_buf_clear(&b);
	vg_buf_puts(&b, "\xEF\xBB\xBFsource,entity_number,name\nSDN,1,\"Jos\xe9\"\n");
	expect_edata(&s, "csl.csv", b.ptr, b.size, VG_FORMAT_CSL_CSV, "csl.csv:2: invalid UTF-8");
	vg_buf_clear(&b);
	vg_buf_puts(&b, "\xEF\xBB\xBF\"Name\"\t\"City\"\n\"JOS\xc9\"\t\"X\"\n");
	expect_edata(&s, "dpl.txt", b.ptr, b.size, VG_FORMAT_DPL_TSV, "dpl.txt:2: invalid UTF-8");
	vg_buf_clear(&b);
	vg_buf_puts(&b, "\"Name\"\t\"City\"\n\"JOSE\tX\n");
	expect_edata(&s, "dpl.txt", b.ptr, b.size, VG_FORMAT_DPL_TSV, "dpl.txt:2: unterminated");
	/* a NUL byte would cut a name short: refused in every CSV list, with
	 * its line */
	vg_buf_clear(&b);
	vg_buf_puts(&b, "101,-0- ,-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n100,\"JOSE");
	vg_buf_put(&b, "\0", 1);
	vg_buf_puts(&b, " PEREZ\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");
	expect_edata(&s, "sdn.csv", b.ptr, b.size, VG_FORMAT_OFAC_CSV, "sdn.csv:2: NUL byte in field 2");
	vg_buf_clear(&b);
	vg_buf_puts(&b, uk_head);
	vg_buf_puts(&b, "PEREZ,Jos");
	vg_buf_put(&b, "\0", 1);
	vg_buf_puts(&b, ",Individual,Primary name,1\n");
	expect_edata(&s, "uk.csv", b.ptr, b.size, VG_FORMAT_UK_CSV, "uk.csv:3: NUL byte in field 2");
	vg_buf_clear(&b);
	vg_buf_puts(&b, "source,entity_number,name\nSDN,1,");
	vg_buf_put(&b, "\0", 1);
	vg_buf_puts(&b, "x\n");
	expect_edata(&s, "csl.csv", b.ptr, b.size, VG_FORMAT_CSL_CSV, "csl.csv:2: NUL byte in field 3");
	vg_buf_dispose(&b);
}

static void test_bad_huge_field(void **state)
{
	size_t big = (size_t)10 << 20, i;
	vg_buf b = VG_BUF_INIT;
	store s;
	(void)state;
	/* a 10 MB quoted field, a 10 MB unquoted field, a 10 MB JSON value */
	vg_buf_puts(&b, "100,\"");
	assert_int_equal(vg_buf_grow(&b, big + 200), 0);
	for (i = 0; i < big; i++)
		b.ptr[b.size++] = 'A';
	b.ptr[b.size] = '\0';
	vg_buf_puts(&b, "\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");
	expect_edata(&s, "sdn.csv", b.ptr, b.size, VG_FORMAT_OFAC_CSV, "above the limit");
	b.ptr[4] = 'A'; /* the same field, unquoted */
	expect_edata(&s, "sdn.csv", b.ptr, b.size, VG_FORMAT_OFAC_CSV, "above the limit");
	vg_buf_clear(&b);
	vg_buf_puts(&b, "{\"id\": \"x\", \"schema\": \"Person\", \"properties\": {\"name\": [\"");
	assert_int_equal(vg_buf_grow(&b, big + 200), 0);
	for (i = 0; i < big; i++)
		b.ptr[b.size++] = 'A';
	b.ptr[b.size] = '\0';
	vg_buf_puts(&b, "\"]}}\n");
	expect_edata(&s, "big.jsonl", b.ptr, b.size, VG_FORMAT_FTM_JSON, "big.jsonl:1: x: name value of");
	vg_buf_dispose(&b);
}

static void test_bad_xml(void **state)
{
	static const char bomb[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE lolz [\n"
		" <!ENTITY lol \"lol\">\n"
		" <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		" <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		" <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
		" <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
		" <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
		" <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
		" <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
		" <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
		"]>\n"
		"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol9;</FIRST_NAME>"
		"<REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>\n";
	static const char xxe[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE export [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
		"<export xmlns=\"http://eu.europa.eu/fpi/fsd/export\"><sanctionEntity logicalId=\"1\">"
		"<nameAlias wholeName=\"&xxe;\"/></sanctionEntity></export>\n";
	static const char latin1[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CONSOLIDATED_LIST><INDIVIDUALS>\n"
		"<INDIVIDUAL><FIRST_NAME>JOS\xc9</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>"
		"</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>\n";
	static const char wrong_root[] = "<?xml version=\"1.0\"?>\n<html><body/></html>\n";
	store s;
	(void)state;
	expect_edata(&s, "bomb.xml", bomb, sizeof(bomb) - 1, VG_FORMAT_UN_XML, "bomb.xml:2: DOCTYPE");
	expect_edata(&s, "bomb.xml", bomb, sizeof(bomb) - 1, VG_FORMAT_EU_XML, "DOCTYPE");
	expect_edata(&s, "xxe.xml", xxe, sizeof(xxe) - 1, VG_FORMAT_EU_XML, "xxe.xml:2: DOCTYPE");
	/* declared UTF-8 but written in Latin-1, as files saved on Windows
	 * are: read in the encoding the bytes show; after a byte order mark
	 * they are bad UTF-8 */
	assert_int_equal(parse_mem(&s, "latin1.xml", latin1, sizeof(latin1) - 1, VG_FORMAT_UN_XML), 0);
	assert_has(&s, "un-QDi.1|Person|name=JOS\xc3\x89");
	vg_buf_dispose(&s.text);
	{
		vg_buf b = VG_BUF_INIT;
		vg_buf_puts(&b, "\xEF\xBB\xBF");
		vg_buf_puts(&b, latin1);
		expect_edata(&s, "latin1.xml", b.ptr, b.size, VG_FORMAT_UN_XML, "latin1.xml:3:");
		vg_buf_dispose(&b);
	}
	expect_edata(&s, "page.xml", wrong_root, sizeof(wrong_root) - 1, VG_FORMAT_UN_XML,
		     "page.xml:2: root element <html>");
	expect_edata(&s, "page.xml", wrong_root, sizeof(wrong_root) - 1, VG_FORMAT_EU_XML,
		     "root element <html>");
	expect_edata(&s, "bomb.xml", bomb, sizeof(bomb) - 1, VG_FORMAT_UKSL_XML, "bomb.xml:2: DOCTYPE");
	expect_edata(&s, "page.xml", wrong_root, sizeof(wrong_root) - 1, VG_FORMAT_UKSL_XML,
		     "page.xml:2: root element <html>, expected <Designations>");
	/* auto-detection refuses it too */
	expect_edata(&s, "page.xml", wrong_root, sizeof(wrong_root) - 1, VG_FORMAT_AUTO,
		     "unknown XML list");
}

static void test_bad_json(void **state)
{
	vg_buf b = VG_BUF_INIT;
	store s;
	int i;
	static const char latin1[] = "{\"id\": \"a\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Jos\xe9\"]}}\n";
	static const char noid[] = "{\"schema\": \"Person\", \"properties\": {}}\n";
	static const char two[] = "{\"id\": \"a\", \"schema\": \"Person\"} {\"id\": \"b\"}\n";
	(void)state;
	vg_buf_puts(&b, "{\"id\": \"a\", \"schema\": \"Person\"}\n{\"id\": \"b\", \"schema\": \"Person\", \"x\": ");
	for (i = 0; i < 10000; i++)
		vg_buf_puts(&b, "[");
	for (i = 0; i < 10000; i++)
		vg_buf_puts(&b, "]");
	vg_buf_puts(&b, "}\n");
	expect_edata(&s, "deep.jsonl", b.ptr, b.size, VG_FORMAT_FTM_JSON,
		     "deep.jsonl:2: JSON nested deeper than 64 levels");
	vg_buf_clear(&b);
	vg_buf_puts(&b, "{\"DATA_SOURCE\": \"X\", \"RECORD_ID\": \"1\", \"NAMES\": ");
	for (i = 0; i < 10000; i++)
		vg_buf_puts(&b, "[");
	expect_edata(&s, "deep.jsonl", b.ptr, b.size, VG_FORMAT_SENZING_JSON, "deep.jsonl:1:");
	vg_buf_dispose(&b);
	/* Latin-1 reads; after a byte order mark it is bad UTF-8 */
	assert_int_equal(parse_mem(&s, "l1.jsonl", latin1, sizeof(latin1) - 1, VG_FORMAT_FTM_JSON), 0);
	assert_has(&s, "a|Person|name=Jos\xc3\xa9");
	vg_buf_dispose(&s.text);
	vg_buf_puts(&b, "\xEF\xBB\xBF");
	vg_buf_puts(&b, latin1);
	expect_edata(&s, "l1.jsonl", b.ptr, b.size, VG_FORMAT_FTM_JSON, "l1.jsonl:1: invalid UTF-8");
	expect_edata(&s, "l1.jsonl", b.ptr, b.size, VG_FORMAT_SENZING_JSON, "l1.jsonl:1: invalid UTF-8");
	vg_buf_dispose(&b);
	expect_edata(&s, "noid.jsonl", noid, sizeof(noid) - 1, VG_FORMAT_FTM_JSON,
		     "noid.jsonl:1: entity without an \"id\"");
	expect_edata(&s, "noid.jsonl", noid, sizeof(noid) - 1, VG_FORMAT_SENZING_JSON,
		     "noid.jsonl:1: record without a RECORD_ID");
	expect_edata(&s, "two.jsonl", two, sizeof(two) - 1, VG_FORMAT_FTM_JSON, "two.jsonl:1:");
}

static void test_bad_paths(void **state)
{
	store s;
	vg_source_meta meta;
	(void)state;
	assert_int_equal(read_path(&s, fixture("sources/missing.xml"), VG_FORMAT_UN_XML, &meta),
			 VG_ENOTFOUND);
	assert_int_equal(read_path(&s, fixture("sources"), VG_FORMAT_UN_XML, &meta), VG_EUSAGE);
	assert_int_equal(read_path(&s, fixture("sources/un.xml"), (vg_format)99, &meta), VG_EUSAGE);
	vg_buf_dispose(&s.text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_countries),
		cmocka_unit_test(test_ofac_fixture),
		cmocka_unit_test(test_ofac_companions),
		cmocka_unit_test(test_ofac_remarks),
		cmocka_unit_test(test_un_fixture),
		cmocka_unit_test(test_eu_fixture),
		cmocka_unit_test(test_uksl_fixture),
		cmocka_unit_test(test_uk_fixture),
		cmocka_unit_test(test_uk_2018_fixture),
		cmocka_unit_test(test_uk_cells),
		cmocka_unit_test(test_csl_dpl_fixtures),
		cmocka_unit_test(test_dataset_names),
		cmocka_unit_test(test_ftm_fixture),
		cmocka_unit_test(test_big_file_checksum),
		cmocka_unit_test(test_ftm_delta),
		cmocka_unit_test(test_ftm_line_as_json),
		cmocka_unit_test(test_senzing_fixture),
		cmocka_unit_test(test_sink_stops),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_shared_counts),
		cmocka_unit_test(test_real_uksl),
		cmocka_unit_test(test_real_eu),
		cmocka_unit_test(test_real_ofsi),
		cmocka_unit_test(test_bad_truncated),
		cmocka_unit_test(test_bad_csv),
		cmocka_unit_test(test_bad_huge_field),
		cmocka_unit_test(test_bad_xml),
		cmocka_unit_test(test_bad_json),
		cmocka_unit_test(test_bad_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
