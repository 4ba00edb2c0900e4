/*
 * test_dist.c - what the Debian package installs as configuration:
 * dist/vigil-update.ini (/etc/vigil/vigil-update.ini) parses, names only
 * official lists, each over https, and each exactly as the documented
 * example examples/vigil-update.ini has it (same format, same URLs in the
 * same order), so a publisher's new address is written once and a stale
 * copy fails here.
 */
#include "helpers.h"
#include "update/update_internal.h"
#include "vigil/vigil.h"

static vg_update_config *load(const char *rel)
{
	char path[4096];
	vg_update_config *c = NULL;
	snprintf(path, sizeof(path), "%s/%s", VG_TEST_SOURCE, rel);
	if (vg_update_config_load(&c, path) != 0)
		fail_msg("%s: %s", path, vg_error_last()->message);
	return c;
}

static const vg__config_source *find(const vg_update_config *c, const char *name)
{
	size_t i;
	for (i = 0; i < c->n_sources; i++)
		if (!strcmp(vg__config_str(c, c->sources[i].name), name))
			return &c->sources[i];
	return NULL;
}

static void test_packaged_update_config(void **state)
{
	/* the official publishers' lists the package keeps current */
	static const char *const official[] = { "us_ofac_sdn", "us_ofac_cons", "un_sc_sanctions", "eu_fsf",
						"gb_fcdo_sanctions" };
	vg_update_config *pkg = load("dist/vigil-update.ini");
	vg_update_config *ex = load("examples/vigil-update.ini");
	size_t i, u;
	(void)state;

	for (i = 0; i < sizeof(official) / sizeof(official[0]); i++)
		if (!find(pkg, official[i]))
			fail_msg("dist/vigil-update.ini has no [source %s]", official[i]);
	for (i = 0; i < pkg->n_sources; i++) {
		const vg__config_source *s = &pkg->sources[i];
		const char *name = vg__config_str(pkg, s->name);
		const vg__config_source *e = find(ex, name);
		if (s->format == VG_FORMAT_FTM_JSON || s->format == VG_FORMAT_SENZING_JSON ||
		    s->delta_index != VG__NO_STR)
			fail_msg("[source %s]: an aggregator's dataset, not an official list", name);
		if (!e)
			fail_msg("[source %s] is not in examples/vigil-update.ini", name);
		if (e->format != s->format || e->n_urls != s->n_urls)
			fail_msg("[source %s]: format or number of URLs differ from the example", name);
		for (u = 0; u < s->n_urls; u++) {
			const char *url = vg__config_str(pkg, pkg->urls[s->first_url + u].url);
			if (strncmp(url, "https://", 8))
				fail_msg("[source %s]: %s is not https", name, url);
			if (strcmp(url, vg__config_str(ex, ex->urls[e->first_url + u].url)))
				fail_msg("[source %s]: %s differs from the example's %s", name, url,
					 vg__config_str(ex, ex->urls[e->first_url + u].url));
		}
	}
	vg_update_config_free(pkg);
	vg_update_config_free(ex);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_packaged_update_config),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
