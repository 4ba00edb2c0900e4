/*
 * ftm.h - the facts of the FollowTheMoney model vigil uses (internal):
 * schemata, inheritance, abstract/matchable/edge flags, caption properties,
 * properties with their types, ranges and reverse names, and the topics.
 *
 * The facts are data/ftm_model.txt, compiled by data/gen_ftm.py into
 * ftm_data.c; nothing else in vigil spells a schema's properties.
 *
 * Invariant: the tables are sorted by name (schemata, each schema's own
 * properties, topics), so every lookup is a binary search; a schema's
 * ancestors list starts with the schema itself, so a property lookup walks
 * it in order and finds the nearest declaration (an override before the
 * inherited property).  Everything is static storage.
 */
#ifndef VG_MODEL_FTM_H
#define VG_MODEL_FTM_H

#include "vigil/common.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* FtM's property types, in the order of data/gen_ftm.py's TYPES. */
typedef enum {
	VG__FTM_ADDRESS, VG__FTM_CHECKSUM, VG__FTM_COUNTRY, VG__FTM_DATE,
	VG__FTM_EMAIL, VG__FTM_ENTITY, VG__FTM_GENDER, VG__FTM_HTML,
	VG__FTM_IBAN, VG__FTM_IDENTIFIER, VG__FTM_IP, VG__FTM_JSON,
	VG__FTM_LANGUAGE, VG__FTM_MIMETYPE, VG__FTM_NAME, VG__FTM_NUMBER,
	VG__FTM_PHONE, VG__FTM_STRING, VG__FTM_TEXT, VG__FTM_TOPIC, VG__FTM_URL,
} vg__ftm_type;

/* vg__ftm_schema.flags */
enum {
	VG__FTM_ABSTRACT = 1u << 0,  /* no entity has it as its schema */
	VG__FTM_MATCHABLE = 1u << 1, /* FtM screens it as a party */
	VG__FTM_EDGE = 1u << 2,      /* links two entities (edge_source/target) */
};

/* vg__ftm_prop.flags */
enum {
	VG__FTM_PROP_STUB = 1u << 0, /* a reverse property, derived */
	VG__FTM_PROP_HIDDEN = 1u << 1, /* FtM keeps it out of user interfaces */
};

typedef struct {
	const char *name;
	uint8_t type;    /* vg__ftm_type */
	uint8_t flags;
	int16_t range;   /* entity properties: index of the schema pointed at,
			  * for a reverse property the schema declaring the
			  * forward one; -1 otherwise */
	const char *reverse; /* entity properties: the other side's name */
	const char *label;   /* human-readable ("Country of origin") */
} vg__ftm_prop;

typedef struct {
	const char *name, *label, *plural;
	uint16_t flags;
	const char *edge_source, *edge_target; /* edges only, else NULL */
	uint16_t prop_start, n_props;  /* own properties in vg__ftm_props */
	uint16_t anc_start, n_anc;     /* in vg__ftm_ancestors, self first */
	uint16_t cap_start, n_cap;     /* in vg__ftm_captions */
	uint16_t feat_start, n_feat;   /* in vg__ftm_featured: shown first */
} vg__ftm_schema;

typedef struct {
	const char *name;
	uint8_t target; /* an entity with it is a subject of its list */
} vg__ftm_topic;

#define VG__FTM_N_SCHEMATA 69
#define VG__FTM_N_TOPICS 62

extern const char *const vg__ftm_type_names[]; /* by vg__ftm_type */
extern const vg__ftm_prop vg__ftm_props[];
extern const uint16_t vg__ftm_ancestors[];
extern const char *const vg__ftm_captions[];
extern const char *const vg__ftm_featured[];
extern const vg__ftm_schema vg__ftm_schemata[VG__FTM_N_SCHEMATA];
extern const vg__ftm_topic vg__ftm_topics[VG__FTM_N_TOPICS];

/* The schema of that name (case-sensitive, as FtM writes it), or NULL. */
const vg__ftm_schema *vg__ftm_find_schema(const char *name);
/* The property of that name on schema s, own or inherited, or NULL. */
const vg__ftm_prop *vg__ftm_find_prop(const vg__ftm_schema *s, const char *name);
/* Whether s is `ancestor` or extends it (directly or not). */
bool vg__ftm_is_a(const vg__ftm_schema *s, const vg__ftm_schema *ancestor);
/* The range of an entity property (NULL for other types). */
const vg__ftm_schema *vg__ftm_range(const vg__ftm_prop *p);
/* Caption property i (< s->n_cap) of s. */
static inline const char *vg__ftm_caption(const vg__ftm_schema *s, size_t i)
{
	return vg__ftm_captions[s->cap_start + i];
}
/* The topic of that name, or NULL when FtM does not know it. */
const vg__ftm_topic *vg__ftm_find_topic(const char *name);

/* Entity-level fields of FtM's JSON form that readers keep beside the
 * properties (they are no FtM property): the entity's other ids and when
 * the publisher saw it.  "caption" and "target" are the publisher's. */
bool vg__ftm_is_meta_key(const char *key);

/* What the builder does with a property value a reader gave (conform.c). */
typedef enum {
	VG__CONFORM_KEEP,    /* as given */
	VG__CONFORM_CHANGED, /* under out->key, with out->value */
	VG__CONFORM_NOTE,    /* out->value is a note under out->key */
	VG__CONFORM_DROP,    /* it says nothing ("country: undetermined") */
	VG__CONFORM_ERROR,   /* out of memory (recorded) */
} vg__conform;

typedef struct {
	const char *key;   /* static, the model's or the caller's */
	const char *value; /* the caller's, static, or in scratch */
} vg__conformed;

/* Makes (key, value) valid for an entity of schema s (NULL: a schema FtM
 * does not have, left alone); scratch holds a rewritten value. */
vg__conform vg__conform_prop(const vg__ftm_schema *s, const char *key, const char *value,
			     vg__conformed *out, vg_buf *scratch);

/* vg__conform_prop for a caller that knows p = vg__ftm_find_prop(s, key)
 * and whether key is an FtM-level field (meta), for instance from a cache:
 * the builder asks for every property of every record. */
vg__conform vg__conform_found(const vg__ftm_schema *s, const vg__ftm_prop *p, bool meta,
			      const char *key, const char *value, vg__conformed *out,
			      vg_buf *scratch);

/* vigil's own reading: the properties whose values identify a party (a
 * passport, a registration, an IMO number ...).  The builder indexes them
 * and the matcher scores them, so both ask here. */
bool vg__is_identifier_key(const char *key);

#endif
