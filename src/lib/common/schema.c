/*
 * schema.c - the FollowTheMoney schemata vigil interprets, the one
 * definition of which are parties, organisations and vehicles, and which may
 * match which.
 */
#include "common/schema.h"

#include <string.h>
#include <strings.h>

static const char *const names[VG_SCHEMA__COUNT] = {
	[VG_SCHEMA_UNKNOWN] = "Unknown",
	[VG_SCHEMA_THING] = "Thing",
	[VG_SCHEMA_LEGAL_ENTITY] = "LegalEntity",
	[VG_SCHEMA_PERSON] = "Person",
	[VG_SCHEMA_ORGANIZATION] = "Organization",
	[VG_SCHEMA_COMPANY] = "Company",
	[VG_SCHEMA_PUBLIC_BODY] = "PublicBody",
	[VG_SCHEMA_VESSEL] = "Vessel",
	[VG_SCHEMA_AIRPLANE] = "Airplane",
	[VG_SCHEMA_SANCTION] = "Sanction",
	[VG_SCHEMA_OWNERSHIP] = "Ownership",
	[VG_SCHEMA_DIRECTORSHIP] = "Directorship",
	[VG_SCHEMA_MEMBERSHIP] = "Membership",
	[VG_SCHEMA_EMPLOYMENT] = "Employment",
	[VG_SCHEMA_FAMILY] = "Family",
	[VG_SCHEMA_ASSOCIATE] = "Associate",
	[VG_SCHEMA_UNKNOWN_LINK] = "UnknownLink",
	[VG_SCHEMA_OCCUPANCY] = "Occupancy",
	[VG_SCHEMA_POSITION] = "Position",
	[VG_SCHEMA_ADDRESS] = "Address",
	[VG_SCHEMA_IDENTIFICATION] = "Identification",
	[VG_SCHEMA_PASSPORT] = "Passport",
	[VG_SCHEMA_PAYMENT] = "Payment",
	[VG_SCHEMA_OTHER] = "Other",
};

vg_schema vg_schema_from_name(const char *name, size_t len)
{
	int i;
	if (!name)
		return VG_SCHEMA_UNKNOWN;
	for (i = VG_SCHEMA_THING; i < VG_SCHEMA_OTHER; i++) {
		if (strlen(names[i]) == len && strncasecmp(names[i], name, len) == 0)
			return (vg_schema)i;
	}
	if (len == 6 && strncasecmp(name, "Entity", 6) == 0)
		return VG_SCHEMA_LEGAL_ENTITY;
	if (len == 8 && strncasecmp(name, "Aircraft", 8) == 0)
		return VG_SCHEMA_AIRPLANE;
	return VG_SCHEMA_UNKNOWN;
}

const char *vg_schema_name(vg_schema schema)
{
	if ((int)schema < 0 || schema >= VG_SCHEMA__COUNT)
		return names[VG_SCHEMA_UNKNOWN];
	return names[schema];
}

bool vg_schema_is_party(vg_schema s)
{
	return vg__schema_is_party(s);
}

bool vg_schema_is_screenable(vg_schema s)
{
	return vg_schema_is_party(s) || s == VG_SCHEMA_POSITION;
}

bool vg_schema_is_organization(vg_schema s)
{
	return vg__schema_is_organization(s);
}

bool vg_schema_is_vehicle(vg_schema s)
{
	return vg__schema_is_vehicle(s);
}

bool vg_schema_compatible(vg_schema q, vg_schema c)
{
	if (c == VG_SCHEMA_POSITION || q == VG_SCHEMA_POSITION)
		return q == c;
	if (!vg_schema_is_party(c))
		return false;
	if (q == VG_SCHEMA_THING || q == VG_SCHEMA_UNKNOWN || q == c)
		return true;
	if (q == VG_SCHEMA_LEGAL_ENTITY || c == VG_SCHEMA_LEGAL_ENTITY)
		return !vg_schema_is_vehicle(q) && !vg_schema_is_vehicle(c);
	return vg_schema_is_organization(q) && vg_schema_is_organization(c);
}
