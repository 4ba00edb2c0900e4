/*
 * schema.h - the case store's migrations (internal; defined in schema.c).
 */
#ifndef VG_CASES_SCHEMA_H
#define VG_CASES_SCHEMA_H

#include <stddef.h>

typedef struct {
	int version;
	const char *name;
	const char *both;   /* statements for both databases */
	const char *sqlite; /* then these on SQLite, or NULL */
	const char *pg;     /* or these on PostgreSQL, or NULL */
} vg__migration;

/* In ascending version order, versions 1, 2, ... without gaps. */
extern const vg__migration vg__cases_migrations[];
extern const size_t vg__cases_n_migrations;

#define VG__CASES_SCHEMA_VERSION ((int)vg__cases_n_migrations)

#endif
