/*
 * record.c - the one entity model every reader fills (see record.h).
 *
 * Invariant: every string a record points at (id, schema_name, each prop's
 * key, value and qual) lives in the record's own arena, so the arena can
 * grow by realloc: before it moves, each pointer is turned into an offset
 * and rebased afterwards.  Reset keeps both the arena and the prop array,
 * which is how a reader reuses one record for a whole file.
 */
#include "model/record.h"
#include "common/error.h"
#include "common/alloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vg_record_init(vg_record *rec)
{
	memset(rec, 0, sizeof(*rec));
}

void vg_record_reset(vg_record *rec)
{
	rec->id = NULL;
	rec->schema = VG_SCHEMA_UNKNOWN;
	rec->schema_name = NULL;
	rec->n_props = 0;
	rec->line = 0;
	rec->arena_used = 0;
}

void vg_record_dispose(vg_record *rec)
{
	free(rec->props);
	free(rec->arena);
	memset(rec, 0, sizeof(*rec));
}

static int in_arena(const vg_record *rec, const char *p)
{
	uintptr_t a = (uintptr_t)rec->arena, q = (uintptr_t)p;
	return p && q >= a && q - a < rec->arena_cap;
}

static void rebase(const char **p, const vg_record *rec, const char *old,
		   size_t old_cap, char *nu)
{
	uintptr_t a = (uintptr_t)old, q = (uintptr_t)*p;
	(void)rec;
	if (*p && q >= a && q - a < old_cap)
		*p = nu + (q - a);
}

/* Makes room for `need` more bytes, rebasing every pointer into the arena. */
static int arena_reserve(vg_record *rec, size_t need)
{
	size_t want, cap;
	char *old = rec->arena, *nu;
	size_t old_cap = rec->arena_cap, i;
	if (vg__add_overflow(&want, rec->arena_used, need))
		return vg__error_oom();
	if (want <= rec->arena_cap)
		return 0;
	cap = rec->arena_cap ? rec->arena_cap : 1024;
	while (cap < want) {
		if (vg__mul_overflow(&cap, cap, 2))
			return vg__error_oom();
	}
	/* a fresh block rather than realloc, so the old addresses are still
	 * valid when rebase() compares them */
	nu = vg__malloc(cap);
	if (!nu)
		return vg__error_oom();
	if (rec->arena_used)
		memcpy(nu, old, rec->arena_used);
	rebase(&rec->id, rec, old, old_cap, nu);
	rebase(&rec->schema_name, rec, old, old_cap, nu);
	for (i = 0; i < rec->n_props; i++) {
		rebase(&rec->props[i].key, rec, old, old_cap, nu);
		rebase(&rec->props[i].value, rec, old, old_cap, nu);
		rebase(&rec->props[i].qual, rec, old, old_cap, nu);
	}
	free(old);
	rec->arena = nu;
	rec->arena_cap = cap;
	return 0;
}

/* Copies s[0..len) into the arena; *out points at the NUL-terminated copy.
 * s may itself point into the arena (it is copied before it can move). */
static int arena_strdup(vg_record *rec, const char **out, const char *s,
			size_t len)
{
	size_t need, off = 0;
	int inside = in_arena(rec, s);
	if (inside)
		off = (size_t)(s - rec->arena);
	if (vg__add_overflow(&need, len, 1) || arena_reserve(rec, need))
		return vg__error_oom();
	if (inside)
		s = rec->arena + off;
	memcpy(rec->arena + rec->arena_used, s, len);
	rec->arena[rec->arena_used + len] = '\0';
	*out = rec->arena + rec->arena_used;
	rec->arena_used += len + 1;
	return 0;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

static void trim(const char **s, size_t *len)
{
	while (*len && is_space((unsigned char)(*s)[0])) {
		(*s)++;
		(*len)--;
	}
	while (*len && is_space((unsigned char)(*s)[*len - 1]))
		(*len)--;
	/* U+00A0 (no-break space) appears around names in several lists */
	while (*len >= 2 && (unsigned char)(*s)[0] == 0xC2 &&
	       (unsigned char)(*s)[1] == 0xA0) {
		*s += 2;
		*len -= 2;
	}
	while (*len >= 2 && (unsigned char)(*s)[*len - 2] == 0xC2 &&
	       (unsigned char)(*s)[*len - 1] == 0xA0)
		*len -= 2;
}

int vg_record_set_id(vg_record *rec, const char *id, size_t len)
{
	trim(&id, &len);
	if (len == 0)
		return vg__error_set(VG_EDATA, "%s:%zu: empty record id",
				     rec->file ? rec->file : "?", rec->line);
	return arena_strdup(rec, &rec->id, id, len);
}

int vg_record_add(vg_record *rec, const char *key, const char *value,
		  size_t len, const char *qual)
{
	vg_prop *p;
	size_t i;
	trim(&value, &len);
	if (len == 0)
		return 0;
	/* the same limit as a CSV field: no real value comes near it */
	if (len > VG_RECORD_VALUE_MAX)
		return vg__error_set(VG_EDATA, "%s:%zu: %s%s%s value of %zu bytes is above the limit of %zu",
				     rec->file ? rec->file : "?", rec->line,
				     rec->id ? rec->id : "", rec->id ? ": " : "", key, len,
				     (size_t)VG_RECORD_VALUE_MAX);
	/* Sources repeat facts (OFAC remarks and alt rows, FtM name and
	 * alias); one copy of each key/value/qual is enough. */
	for (i = 0; i < rec->n_props && i < 1024; i++) {
		const vg_prop *q = &rec->props[i];
		if (strncmp(q->value, value, len) == 0 && q->value[len] == '\0' &&
		    strcmp(q->key, key) == 0 &&
		    ((!q->qual && !qual) || (q->qual && qual && strcmp(q->qual, qual) == 0)))
			return 0;
	}
	if (vg__grow(&rec->props, &rec->cap_props, rec->n_props + 1, sizeof(*rec->props)))
		return VG_ENOMEM;
	/* Reserve room for all three strings at once: any of them may point
	 * into this record's arena (a reader copying one of its values), and
	 * must not move between being located and being copied. */
	{
		size_t klen = strlen(key), qlen = qual ? strlen(qual) : 0, need;
		size_t koff = 0, voff = 0, qoff = 0;
		int kin = in_arena(rec, key), vin = in_arena(rec, value),
		    qin = qual && in_arena(rec, qual);
		if (kin)
			koff = (size_t)(key - rec->arena);
		if (vin)
			voff = (size_t)(value - rec->arena);
		if (qin)
			qoff = (size_t)(qual - rec->arena);
		if (vg__add_overflow(&need, klen, len) || vg__add_overflow(&need, need, qlen) ||
		    vg__add_overflow(&need, need, 3) || arena_reserve(rec, need))
			return vg__error_oom();
		if (kin)
			key = rec->arena + koff;
		if (vin)
			value = rec->arena + voff;
		if (qin)
			qual = rec->arena + qoff;
	}
	p = &rec->props[rec->n_props];
	p->key = p->value = p->qual = NULL;
	/* counted before it is filled, so that it is consistent if a copy
	 * fails and is undone below */
	rec->n_props++;
	if (arena_strdup(rec, &p->key, key, strlen(key)) ||
	    arena_strdup(rec, &p->value, value, len) ||
	    (qual && *qual && arena_strdup(rec, &p->qual, qual, strlen(qual)))) {
		rec->n_props--;
		return VG_ENOMEM;
	}
	return 0;
}

int vg_record_addf(vg_record *rec, const char *key, const char *qual,
		   const char *fmt, ...)
{
	char small[256];
	char *big = NULL;
	va_list ap;
	int n, rc;
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return vg__error_set(VG_ERROR, "format error");
	if ((size_t)n < sizeof(small))
		return vg_record_add(rec, key, small, (size_t)n, qual);
	big = vg__malloc((size_t)n + 1);
	if (!big)
		return vg__error_oom();
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	rc = vg_record_add(rec, key, big, (size_t)n, qual);
	free(big);
	return rc;
}

int vg_record_set_schema(vg_record *rec, const char *name, size_t len)
{
	rec->schema = vg_schema_from_name(name, len);
	if (rec->schema == VG_SCHEMA_UNKNOWN)
		rec->schema = VG_SCHEMA_OTHER;
	return arena_strdup(rec, &rec->schema_name, name, len);
}

const char *vg_record_get(const vg_record *rec, const char *key)
{
	size_t i;
	for (i = 0; i < rec->n_props; i++) {
		if (strcmp(rec->props[i].key, key) == 0)
			return rec->props[i].value;
	}
	return NULL;
}
