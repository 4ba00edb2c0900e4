/*
 * schema.h - the one definition of which schemata are parties,
 * organisations and vehicles, inline for the comparator's inner loop
 * (internal; vigil/common.h's vg_schema_is_* call these).
 */
#ifndef VG_COMMON_SCHEMA_H
#define VG_COMMON_SCHEMA_H

#include "vigil/common.h"

static inline bool vg__schema_is_party(vg_schema s)
{
	return s >= VG_SCHEMA_LEGAL_ENTITY && s <= VG_SCHEMA_AIRPLANE;
}

/* Organization, Company, PublicBody, and LegalEntity, which lists use for
 * parties of unknown kind (mostly organisations). */
static inline bool vg__schema_is_organization(vg_schema s)
{
	return s == VG_SCHEMA_ORGANIZATION || s == VG_SCHEMA_COMPANY ||
	       s == VG_SCHEMA_PUBLIC_BODY || s == VG_SCHEMA_LEGAL_ENTITY;
}

static inline bool vg__schema_is_vehicle(vg_schema s)
{
	return s == VG_SCHEMA_VESSEL || s == VG_SCHEMA_AIRPLANE;
}

#endif
