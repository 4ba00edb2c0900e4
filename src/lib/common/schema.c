/*
 * schema.c - the FollowTheMoney schemata vigil knows, and which may match
 * which.
 */
#include "vigil/common.h"

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
	[VG_SCHEMA_AIRCRAFT] = "Aircraft",
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
	return VG_SCHEMA_UNKNOWN;
}

const char *vg_schema_name(vg_schema schema)
{
	if ((int)schema < 0 || schema >= VG_SCHEMA__COUNT)
		return names[VG_SCHEMA_UNKNOWN];
	return names[schema];
}

bool vg_schema_is_screenable(vg_schema s)
{
	return s >= VG_SCHEMA_LEGAL_ENTITY && s <= VG_SCHEMA_AIRCRAFT;
}

static bool is_org(vg_schema s)
{
	return s == VG_SCHEMA_ORGANIZATION || s == VG_SCHEMA_COMPANY ||
	       s == VG_SCHEMA_PUBLIC_BODY;
}

bool vg_schema_compatible(vg_schema q, vg_schema c)
{
	if (!vg_schema_is_screenable(c))
		return false;
	if (q == VG_SCHEMA_THING || q == VG_SCHEMA_UNKNOWN || q == c)
		return true;
	if (q == VG_SCHEMA_LEGAL_ENTITY || c == VG_SCHEMA_LEGAL_ENTITY)
		return q != VG_SCHEMA_VESSEL && q != VG_SCHEMA_AIRCRAFT &&
		       c != VG_SCHEMA_VESSEL && c != VG_SCHEMA_AIRCRAFT;
	if (is_org(q) && is_org(c))
		return true;
	return false;
}
