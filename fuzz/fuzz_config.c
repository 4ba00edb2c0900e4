/*
 * fuzz_config.c - libFuzzer target for the `vigil update` INI parser
 * (vg_update_config_parse): any bytes must either parse into a complete
 * configuration or fail with VG_EDATA, never crash or leak.
 */
#include "vigil/vigil.h"
#include "update/update_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vg_update_config *c = NULL;
	size_t i, j;
	if (vg_update_config_parse(&c, "fuzz.ini", (const char *)data, size) == 0) {
		/* the invariant the updater relies on: complete, in-bounds */
		if (vg_update_config_source_count(c) == 0)
			abort();
		for (i = 0; i < c->n_sources; i++) {
			const vg__config_source *s = &c->sources[i];
			if (s->format == VG_FORMAT_AUTO || s->n_urls == 0 ||
			    s->first_url + s->n_urls > c->n_urls ||
			    strchr(vg__config_str(c, s->name), '/'))
				abort();
			for (j = 0; j < s->n_urls; j++)
				if (strncasecmp(vg__config_str(c, c->urls[s->first_url + j].url), "http", 4))
					abort();
		}
		vg_update_config_free(c);
	}
	return 0;
}
