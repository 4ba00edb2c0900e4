/*
 * vigil/model.h - the FollowTheMoney model as vigil knows it: schemata with
 * their labels and inheritance, properties with their labels, types and
 * the schema that declares them.
 *
 * For clients that show the model to people (the reconciliation API's
 * type and property suggestions, data extension).  The facts are
 * data/ftm_model.txt; every string is static storage.
 */
#ifndef VIGIL_MODEL_H
#define VIGIL_MODEL_H

#include "common.h"

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	const char *name;   /* "LegalEntity" */
	const char *label;  /* "Legal entity" */
	const char *plural; /* "Legal entities" */
	bool abstract;      /* no entity has it as its schema */
	bool matchable;     /* FtM screens it as a party */
} vg_model_schema;

typedef struct {
	const char *name;   /* "mainCountry" */
	const char *label;  /* "Country of origin" */
	const char *schema; /* the schema declaring it: the qualified name is
			     * schema:name ("LegalEntity:mainCountry") */
	const char *type;   /* FtM's type name ("country", "entity" ...) */
	bool hidden;        /* FtM keeps it out of user interfaces */
} vg_model_property;

/* Schema i of the model (sorted by name); false past the last. */
VG_EXTERN(bool) vg_model_schema_at(vg_model_schema *out, size_t i);
/* The schema of that name (as FtM spells it); false when there is none. */
VG_EXTERN(bool) vg_model_schema_get(vg_model_schema *out, const char *name);
/* Ancestor i of schema: the schema itself first, then the schemata it
 * extends, nearest first; NULL past the last or for an unknown schema. */
VG_EXTERN(const char *) vg_model_ancestor(const char *schema, size_t i);
/* Whether schema is `ancestor` or extends it. */
VG_EXTERN(bool) vg_model_is_a(const char *schema, const char *ancestor);
/* Property i of those schema declares itself (sorted by name, reverse
 * properties included); false past the last or for an unknown schema. */
VG_EXTERN(bool) vg_model_own_property(vg_model_property *out, const char *schema, size_t i);
/* The property `name` of schema, declared there or inherited; false when
 * the schema has none of that name. */
VG_EXTERN(bool) vg_model_property_get(vg_model_property *out, const char *schema,
				      const char *name);
/* Featured property i of schema (those FtM shows first), or NULL. */
VG_EXTERN(const char *) vg_model_featured(const char *schema, size_t i);

#ifdef __cplusplus
}
#endif
#endif
