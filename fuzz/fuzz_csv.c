/*
 * fuzz_csv.c - libFuzzer target for the CSV reader (vigil/csv.h).
 *
 * The first byte picks the options (separator, encoding, leniency, small
 * limits); the rest is the input.  It is read twice, from memory and as a
 * stream handed out a few bytes at a time: both must give the same
 * records, raw bytes and final status, every field must be NUL-free and as
 * long as it says, and nothing may crash or leak.
 */
#include "vigil/vigil.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *p;
	size_t left, step;
} dribble;

static int dribble_read(void *ctx, char *buf, size_t cap, size_t *got)
{
	dribble *d = ctx;
	size_t n = d->left < d->step ? d->left : d->step;
	if (n > cap)
		n = cap;
	memcpy(buf, d->p, n);
	d->p += n;
	d->left -= n;
	*got = n;
	return 0;
}

/* Every record as bytes: line, mark, raw, fields. */
static int dump(vg_csv *c, vg_buf *out)
{
	int rc;
	while ((rc = vg_csv_next(c)) == 1) {
		size_t i, len;
		const char *raw = vg_csv_raw(c, &len);
		vg_buf_printf(out, "%zu:%s:", vg_csv_line(c),
			      vg_csv_record_error(c) ? vg_csv_record_error(c) : "");
		vg_buf_put(out, raw, len);
		for (i = 0; i < vg_csv_count(c); i++) {
			const char *f = vg_csv_field(c, i, &len);
			if (strlen(f) != len)
				abort();
			vg_buf_put(out, "|", 1);
			vg_buf_put(out, f, len);
		}
		vg_buf_put(out, "\n", 1);
	}
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char seps[4] = { ',', '\t', ';', '|' };
	vg_csv_options o = VG_CSV_OPTIONS_INIT;
	vg_buf a = VG_BUF_INIT, b = VG_BUF_INIT;
	vg_csv *c = NULL;
	dribble d;
	int ra = -100, rb = -100;
	if (size < 1)
		return 0;
	o.separator = seps[data[0] & 3];
	o.encoding = (data[0] & 4) ? VG_CSV_WINDOWS_1252 : VG_CSV_UTF8;
	o.flags = (data[0] & 8) ? VG_CSV_LENIENT : 0;
	if (data[0] & 16) {
		o.max_field = 16;
		o.max_record = 64;
		o.max_fields = 8;
	}
	d.p = (const char *)data + 1;
	d.left = size - 1;
	d.step = 1 + (data[0] >> 5);
	if (vg_csv_open_mem(&c, "fuzz", (const char *)data + 1, size - 1, &o) == 0)
		ra = dump(c, &a);
	vg_csv_free(c);
	c = NULL;
	if (vg_csv_open_stream(&c, "fuzz", dribble_read, &d, &o) == 0)
		rb = dump(c, &b);
	vg_csv_free(c);
	if (ra != rb || a.size != b.size || (a.size && memcmp(a.ptr, b.ptr, a.size) != 0))
		abort();
	vg_buf_dispose(&a);
	vg_buf_dispose(&b);
	return 0;
}
