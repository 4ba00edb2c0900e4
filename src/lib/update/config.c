/*
 * config.c - the INI configuration of `vigil update`.
 *
 *     [update]                     ; optional: defaults for every source
 *     timeout = 300                ; seconds, whole transfer
 *     low_speed_limit = 1024       ; bytes/s; slower than that for
 *     low_speed_time = 60          ; this many seconds aborts the attempt
 *     [source ofac-sdn]
 *     format = ofac-csv
 *     url = https://.../SDN.CSV    ; one or more
 *     sha256 = <64 hex>            ; optional, pins the url line above it
 *     schedule = daily             ; always|hourly|daily|weekly|N[smhd]
 *     max_drop = 0.2               ; allowed share of entity-count drop
 *     delta_index = https://...    ; ftm-json only
 *
 * Parsing works on bytes (vg_update_config_parse) so the fuzzer can feed
 * it.  Invariant: a configuration that parses is complete: every source has
 * a known format and at least one http(s) URL, every limit is resolved
 * (the source's own value, else [update]'s, else the built-in default).
 */
#include "update_internal.h"
#include "common/error.h"
#include "common/alloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define UNSET_L (-1L)
#define UNSET_U64 UINT64_MAX
#define MAX_CONFIG_BYTES (1u << 20)

static const vg__fetch_limits builtin_limits = {
	30 * 1000L,             /* connect */
	30 * 60 * 1000L,        /* whole transfer */
	(uint64_t)4 << 30,      /* 4 GiB: the OpenSanctions default dataset is ~2 */
	3, 2000L, 5,
	1024L, 60 * 1000L,      /* under 1 KB/s for a minute: a stalled server */
};

static void limits_unset(vg__fetch_limits *l)
{
	l->connect_timeout_ms = UNSET_L;
	l->timeout_ms = UNSET_L;
	l->max_size = UNSET_U64;
	l->retries = -1;
	l->backoff_ms = UNSET_L;
	l->max_redirects = UNSET_L;
	l->low_speed_bps = UNSET_L;
	l->low_speed_ms = UNSET_L;
}

static void limits_resolve(vg__fetch_limits *l, const vg__fetch_limits *dflt)
{
	if (l->connect_timeout_ms == UNSET_L)
		l->connect_timeout_ms = dflt->connect_timeout_ms;
	if (l->timeout_ms == UNSET_L)
		l->timeout_ms = dflt->timeout_ms;
	if (l->max_size == UNSET_U64)
		l->max_size = dflt->max_size;
	if (l->retries < 0)
		l->retries = dflt->retries;
	if (l->backoff_ms == UNSET_L)
		l->backoff_ms = dflt->backoff_ms;
	if (l->max_redirects == UNSET_L)
		l->max_redirects = dflt->max_redirects;
	if (l->low_speed_bps == UNSET_L)
		l->low_speed_bps = dflt->low_speed_bps;
	if (l->low_speed_ms == UNSET_L)
		l->low_speed_ms = dflt->low_speed_ms;
}

void vg_update_config_free(vg_update_config *c)
{
	if (!c)
		return;
	free(c->name);
	vg_buf_dispose(&c->strings);
	free(c->sources);
	free(c->urls);
	free(c);
}

/* Stores a string in the packed buffer; *off receives its offset. */
static int put_str(vg_update_config *c, size_t *off, const char *s, size_t len)
{
	*off = c->strings.size;
	if (vg_buf_put(&c->strings, s, len) < 0 || vg_buf_put(&c->strings, "", 1) < 0)
		return vg__error_oom();
	return 0;
}

static bool str_eq(const char *s, size_t len, const char *lit)
{
	return strlen(lit) == len && memcmp(s, lit, len) == 0;
}

/* "300", "2.5" seconds -> milliseconds. */
static int parse_seconds(long *out, const char *v, size_t len)
{
	char tmp[32], *end;
	double d;
	if (len == 0 || len >= sizeof(tmp))
		return -1;
	memcpy(tmp, v, len);
	tmp[len] = '\0';
	errno = 0;
	d = strtod(tmp, &end);
	if (errno || *end || !(d >= 0.001 && d <= 86400.0))
		return -1;
	*out = (long)(d * 1000.0 + 0.5);
	return 0;
}

static int parse_uint(uint64_t *out, const char *v, size_t len, uint64_t max)
{
	uint64_t n = 0;
	size_t i;
	if (len == 0)
		return -1;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)v[i]) || n > (max - (uint64_t)(v[i] - '0')) / 10)
			return -1;
		n = n * 10 + (uint64_t)(v[i] - '0');
	}
	*out = n;
	return 0;
}

/* "1048576", "512K", "200M", "4G" -> bytes. */
static int parse_size(uint64_t *out, const char *v, size_t len)
{
	uint64_t n, mul = 1;
	if (len > 0) {
		switch (toupper((unsigned char)v[len - 1])) {
		case 'K': mul = (uint64_t)1 << 10; len--; break;
		case 'M': mul = (uint64_t)1 << 20; len--; break;
		case 'G': mul = (uint64_t)1 << 30; len--; break;
		}
	}
	if (parse_uint(&n, v, len, UINT64_MAX / mul) < 0 || n == 0)
		return -1;
	*out = n * mul;
	return 0;
}

/* always|hourly|daily|weekly|N[smhdw] -> seconds. */
static int parse_schedule(int64_t *out, const char *v, size_t len)
{
	uint64_t n, mul = 1;
	if (str_eq(v, len, "always")) { *out = 0; return 0; }
	if (str_eq(v, len, "hourly")) { *out = 3600; return 0; }
	if (str_eq(v, len, "daily")) { *out = 86400; return 0; }
	if (str_eq(v, len, "weekly")) { *out = 7 * 86400; return 0; }
	if (len > 0) {
		switch (v[len - 1]) {
		case 's': len--; break;
		case 'm': mul = 60; len--; break;
		case 'h': mul = 3600; len--; break;
		case 'd': mul = 86400; len--; break;
		case 'w': mul = 7 * 86400; len--; break;
		}
	}
	if (parse_uint(&n, v, len, (uint64_t)365 * 86400 / mul) < 0)
		return -1;
	*out = (int64_t)(n * mul);
	return 0;
}

static bool valid_url(const char *v, size_t len)
{
	size_t i, scheme;
	if (len > 7 && !strncasecmp(v, "http://", 7))
		scheme = 7;
	else if (len > 8 && !strncasecmp(v, "https://", 8))
		scheme = 8;
	else
		return false;
	for (i = scheme; i < len; i++)
		if ((unsigned char)v[i] <= ' ' || v[i] == 0x7f)
			return false;
	return true;
}

static bool valid_name(const char *v, size_t len)
{
	size_t i;
	if (len == 0 || len > 64 || v[0] == '.')
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)v[i]) && v[i] != '-' && v[i] != '_' && v[i] != '.')
			return false;
	return true;
}

static void trim(const char **s, size_t *len)
{
	while (*len > 0 && isspace((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

/* Applies one key of a source section (src) or of [update] (src == NULL). */
static int set_key(vg_update_config *c, vg__config_source *src, const char *file,
		   size_t line, const char *k, size_t klen, const char *v, size_t vlen)
{
	vg__fetch_limits *lim = src ? &src->limits : &c->defaults;
	char fmt[32];
	size_t off;
	uint64_t u;

	if (str_eq(k, klen, "connect_timeout")) {
		if (parse_seconds(&lim->connect_timeout_ms, v, vlen) < 0)
			goto bad_value;
		return 0;
	}
	if (str_eq(k, klen, "timeout")) {
		if (parse_seconds(&lim->timeout_ms, v, vlen) < 0)
			goto bad_value;
		return 0;
	}
	if (str_eq(k, klen, "retry_delay")) {
		if (parse_seconds(&lim->backoff_ms, v, vlen) < 0)
			goto bad_value;
		return 0;
	}
	if (str_eq(k, klen, "max_size")) {
		if (parse_size(&lim->max_size, v, vlen) < 0)
			goto bad_value;
		return 0;
	}
	if (str_eq(k, klen, "retries")) {
		if (parse_uint(&u, v, vlen, 10) < 0)
			goto bad_value;
		lim->retries = (int)u;
		return 0;
	}
	if (str_eq(k, klen, "low_speed_limit")) {
		if (parse_uint(&u, v, vlen, 1u << 30) < 0)
			goto bad_value;
		lim->low_speed_bps = (long)u;
		return 0;
	}
	if (str_eq(k, klen, "low_speed_time")) {
		if (parse_seconds(&lim->low_speed_ms, v, vlen) < 0)
			goto bad_value;
		return 0;
	}
	if (str_eq(k, klen, "max_redirects")) {
		if (parse_uint(&u, v, vlen, 20) < 0)
			goto bad_value;
		lim->max_redirects = (long)u;
		return 0;
	}
	if (!src)
		return vg__error_set(VG_EDATA, "%s:%zu: unknown key '%.*s' in [update]",
				     file, line, (int)klen, k);

	if (str_eq(k, klen, "format")) {
		if (vlen >= sizeof(fmt))
			goto bad_value;
		memcpy(fmt, v, vlen);
		fmt[vlen] = '\0';
		src->format = vg_format_from_name(fmt);
		if (src->format == VG_FORMAT_AUTO)
			goto bad_value;
		return 0;
	}
	if (str_eq(k, klen, "url")) {
		if (!valid_url(v, vlen))
			return vg__error_set(VG_EDATA, "%s:%zu: url must be http:// or https:// "
					     "without spaces: '%.*s'", file, line, (int)vlen, v);
		/* a source's urls are contiguous: sections cannot interleave */
		if (vg__grow(&c->urls, &c->cap_urls, c->n_urls + 1, sizeof(*c->urls)) < 0 ||
		    put_str(c, &off, v, vlen) < 0)
			return VG_ENOMEM;
		if (src->n_urls == 0)
			src->first_url = c->n_urls;
		c->urls[c->n_urls].url = off;
		c->urls[c->n_urls].sha256 = VG__NO_STR;
		c->n_urls++;
		src->n_urls++;
		return 0;
	}
	if (str_eq(k, klen, "sha256")) {
		char hex[65];
		size_t i;
		vg__config_url *u0;
		if (src->n_urls == 0)
			return vg__error_set(VG_EDATA, "%s:%zu: sha256 must follow the url "
					     "line it checks", file, line);
		u0 = &c->urls[src->first_url + src->n_urls - 1];
		if (u0->sha256 != VG__NO_STR)
			return vg__error_set(VG_EDATA, "%s:%zu: second sha256 for one url",
					     file, line);
		if (vlen != 64)
			goto bad_value;
		for (i = 0; i < 64; i++) {
			if (!isxdigit((unsigned char)v[i]))
				goto bad_value;
			hex[i] = (char)tolower((unsigned char)v[i]);
		}
		hex[64] = '\0';
		if (put_str(c, &off, hex, 64) < 0)
			return VG_ENOMEM;
		u0->sha256 = off;
		return 0;
	}
	if (str_eq(k, klen, "schedule")) {
		if (parse_schedule(&src->schedule_s, v, vlen) < 0)
			goto bad_value;
		return 0;
	}
	if (str_eq(k, klen, "max_drop")) {
		char tmp[32], *end;
		double d;
		if (vlen == 0 || vlen >= sizeof(tmp))
			goto bad_value;
		memcpy(tmp, v, vlen);
		tmp[vlen] = '\0';
		errno = 0;
		d = strtod(tmp, &end);
		if (errno || *end || !(d >= 0.0 && d <= 1.0))
			goto bad_value;
		src->max_drop = d;
		return 0;
	}
	if (str_eq(k, klen, "delta_index")) {
		if (!valid_url(v, vlen))
			goto bad_value;
		if (src->delta_index != VG__NO_STR)
			return vg__error_set(VG_EDATA, "%s:%zu: second delta_index", file, line);
		if (put_str(c, &off, v, vlen) < 0)
			return VG_ENOMEM;
		src->delta_index = off;
		return 0;
	}
	return vg__error_set(VG_EDATA, "%s:%zu: unknown key '%.*s' (see "
			     "examples/vigil-update.ini)", file, line, (int)klen, k);

bad_value:
	return vg__error_set(VG_EDATA, "%s:%zu: bad value for %.*s: '%.*s'", file, line,
			     (int)klen, k, (int)(vlen > 80 ? 80 : vlen), v);
}

static int finish_source(vg_update_config *c, vg__config_source *s, const char *file)
{
	const char *name = c->strings.ptr + s->name;
	if (s->format == VG_FORMAT_AUTO)
		return vg__error_set(VG_EDATA, "%s:%zu: [source %s] has no format", file,
				     s->line, name);
	if (s->n_urls == 0)
		return vg__error_set(VG_EDATA, "%s:%zu: [source %s] has no url", file,
				     s->line, name);
	if (s->delta_index != VG__NO_STR &&
	    (s->format != VG_FORMAT_FTM_JSON || s->n_urls != 1))
		return vg__error_set(VG_EDATA, "%s:%zu: [source %s]: delta_index needs "
				     "format ftm-json and exactly one url", file, s->line, name);
	return 0;
}

int vg_update_config_parse(vg_update_config **out, const char *name,
			   const char *data, size_t len)
{
	vg_update_config *c;
	vg__config_source *cur = NULL;
	bool in_update = false;
	size_t pos = 0, line = 0, i;
	int rc = 0;

	*out = NULL;
	if (!name)
		name = "config";
	if (len > MAX_CONFIG_BYTES)
		return vg__error_set(VG_EDATA, "%s: larger than %u bytes", name,
				     MAX_CONFIG_BYTES);
	if (memchr(data, '\0', len))
		return vg__error_set(VG_EDATA, "%s: contains a NUL byte", name);
	c = vg__calloc(1, sizeof(*c));
	if (!c || !(c->name = vg__strdup(name))) {
		free(c);
		return vg__error_oom();
	}
	c->defaults = builtin_limits;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		pos = 3;

	while (pos < len) {
		const char *s = data + pos, *nl = memchr(s, '\n', len - pos), *eq;
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		pos += n + (nl ? 1 : 0);
		line++;
		trim(&s, &n);
		if (n == 0 || s[0] == '#' || s[0] == ';')
			continue;
		if (s[0] == '[') {
			const char *h;
			size_t hn;
			if (s[n - 1] != ']') {
				rc = vg__error_set(VG_EDATA, "%s:%zu: section header without ']'",
						   name, line);
				goto cleanup;
			}
			if (cur && (rc = finish_source(c, cur, name)) < 0)
				goto cleanup;
			cur = NULL;
			in_update = false;
			h = s + 1;
			hn = n - 2;
			trim(&h, &hn);
			if (str_eq(h, hn, "update")) {
				in_update = true;
				continue;
			}
			if (hn > 7 && !memcmp(h, "source", 6) && isspace((unsigned char)h[6])) {
				size_t off;
				h += 7;
				hn -= 7;
				trim(&h, &hn);
				if (!valid_name(h, hn)) {
					rc = vg__error_set(VG_EDATA, "%s:%zu: source name must be 1-64 "
							   "of A-Z a-z 0-9 . _ - (not starting with "
							   "'.'): '%.*s'", name, line, (int)hn, h);
					goto cleanup;
				}
				for (i = 0; i < c->n_sources; i++) {
					if (str_eq(h, hn, c->strings.ptr + c->sources[i].name)) {
						rc = vg__error_set(VG_EDATA, "%s:%zu: source '%.*s' "
								   "defined twice", name, line,
								   (int)hn, h);
						goto cleanup;
					}
				}
				if ((rc = vg__grow(&c->sources, &c->cap_sources, c->n_sources + 1,
					       sizeof(*c->sources))) < 0 ||
				    (rc = put_str(c, &off, h, hn)) < 0)
					goto cleanup;
				cur = &c->sources[c->n_sources++];
				memset(cur, 0, sizeof(*cur));
				cur->name = off;
				cur->format = VG_FORMAT_AUTO;
				cur->delta_index = VG__NO_STR;
				cur->max_drop = 0.2;
				cur->line = line;
				limits_unset(&cur->limits);
				continue;
			}
			rc = vg__error_set(VG_EDATA, "%s:%zu: unknown section [%.*s] (want "
					   "[update] or [source NAME])", name, line, (int)hn, h);
			goto cleanup;
		}
		eq = memchr(s, '=', n);
		if (!eq) {
			rc = vg__error_set(VG_EDATA, "%s:%zu: expected 'key = value'", name, line);
			goto cleanup;
		}
		if (!cur && !in_update) {
			rc = vg__error_set(VG_EDATA, "%s:%zu: key outside a section", name, line);
			goto cleanup;
		}
		{
			const char *k = s, *v = eq + 1;
			size_t kn = (size_t)(eq - s), vn = n - kn - 1;
			trim(&k, &kn);
			trim(&v, &vn);
			if ((rc = set_key(c, cur, name, line, k, kn, v, vn)) < 0)
				goto cleanup;
		}
	}
	if (cur && (rc = finish_source(c, cur, name)) < 0)
		goto cleanup;
	if (c->n_sources == 0) {
		rc = vg__error_set(VG_EDATA, "%s: no [source NAME] section", name);
		goto cleanup;
	}
	for (i = 0; i < c->n_sources; i++)
		limits_resolve(&c->sources[i].limits, &c->defaults);
	*out = c;
	c = NULL;
cleanup:
	vg_update_config_free(c);
	return rc;
}

int vg_update_config_load(vg_update_config **out, const char *path)
{
	vg_buf data = VG_BUF_INIT;
	char chunk[8192];
	size_t n;
	int rc = 0;
	FILE *f;

	*out = NULL;
	f = fopen(path, "rb");
	if (!f)
		return vg__error_set(VG_EIO, "%s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (data.size + n > MAX_CONFIG_BYTES) {
			rc = vg__error_set(VG_EDATA, "%s: larger than %u bytes", path,
					   MAX_CONFIG_BYTES);
			goto cleanup;
		}
		if ((rc = vg_buf_put(&data, chunk, n)) < 0)
			goto cleanup;
	}
	if (ferror(f)) {
		rc = vg__error_set(VG_EIO, "%s: read error", path);
		goto cleanup;
	}
	rc = vg_update_config_parse(out, path, data.ptr ? data.ptr : "", data.size);
cleanup:
	fclose(f);
	vg_buf_dispose(&data);
	return rc;
}

size_t vg_update_config_source_count(const vg_update_config *c)
{
	return c ? c->n_sources : 0;
}

const char *vg_update_config_source_name(const vg_update_config *c, size_t i)
{
	if (!c || i >= c->n_sources)
		return NULL;
	return c->strings.ptr + c->sources[i].name;
}
