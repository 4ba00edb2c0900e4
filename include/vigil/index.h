/*
 * vigil/index.h - reading watchlists and the index file.
 *
 * A vg_builder reads list files in their official formats into one entity
 * model and writes one index file (to a temporary name, renamed into place
 * only when complete).  A vg_index is an immutable, memory-mapped,
 * validated index; it is safe to share between threads.
 */
#ifndef VIGIL_INDEX_H
#define VIGIL_INDEX_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Source formats, as named on the command line. */
typedef enum {
	VG_FORMAT_AUTO = 0,
	VG_FORMAT_OFAC_CSV,
	VG_FORMAT_UN_XML,
	VG_FORMAT_EU_XML,
	VG_FORMAT_UK_CSV,
	VG_FORMAT_CSL_CSV,
	VG_FORMAT_DPL_TSV,
	VG_FORMAT_FTM_JSON,
	VG_FORMAT_SENZING_JSON,
	VG_FORMAT_UKSL_XML, /* the FCDO UK Sanctions List (<Designations>) */
	VG_FORMAT__COUNT
} vg_format;

/* "ofac-csv" -> VG_FORMAT_OFAC_CSV; VG_FORMAT_AUTO for unknown names. */
VG_EXTERN(vg_format) vg_format_from_name(const char *name);
VG_EXTERN(const char *) vg_format_name(vg_format format);
/* Detects the format of a file or folder from its content. */
VG_EXTERN(int) vg_format_detect(vg_format *out, const char *path);

/* ---- building ---------------------------------------------------------- */

typedef struct vg_builder vg_builder;

/* How a build may use the machine.  `memory` is the build's resident
 * memory, about: the names' analyses, retrieval terms and postings stream
 * through sorted temporary files in `tmpdir`, and the large tables of the
 * entity model (records, properties, strings, names) live in temporary
 * files there that the build maps and lets go of when it passes `memory`.
 * Below what the build's hash tables need (about 200 MB at 2M entities)
 * the build still finishes, more slowly. */
typedef struct {
	unsigned int version; /* VG_BUILDER_OPTIONS_VERSION */
	size_t memory;        /* bytes the build may keep resident; 0: 512 MiB */
	unsigned int threads; /* cores to use; 0: every online core (at most 16) */
	/* a previous index: names it analysed the way this vigil analyses
	 * them are copied instead of analysed again (vigil update); NULL or
	 * an unusable file: every name is analysed */
	const char *reuse;
	const char *tmpdir;   /* temporary files; NULL: $TMPDIR, else /tmp */
} vg_builder_options;
#define VG_BUILDER_OPTIONS_VERSION 1
#define VG_BUILDER_OPTIONS_INIT { VG_BUILDER_OPTIONS_VERSION, 0, 0, NULL, NULL }
/* Sets *options to VG_BUILDER_OPTIONS_INIT (for bindings without macros). */
VG_EXTERN(void) vg_builder_options_init(vg_builder_options *options);

/* A builder with the default options. */
VG_EXTERN(int) vg_builder_new(vg_builder **out);
/* options NULL: VG_BUILDER_OPTIONS_INIT. */
VG_EXTERN(int) vg_builder_new_with(vg_builder **out, const vg_builder_options *options);
VG_EXTERN(void) vg_builder_free(vg_builder *builder);

/* Reads one input (a file, or a folder for ofac-csv) into the builder.
 * A bad input fails with VG_EDATA and a message "FILE:LINE: what is wrong";
 * the builder then holds nothing from that input. */
VG_EXTERN(int) vg_builder_add(vg_builder *builder, const char *path,
			      vg_format format);

/* Appends a human-readable summary (per source: entities by schema, names,
 * links, sanctions, skipped records with reasons, warnings). */
VG_EXTERN(int) vg_builder_summary(const vg_builder *builder, vg_buf *out);

/* Writes the index to `path` atomically (temporary file + rename). */
VG_EXTERN(int) vg_builder_write(vg_builder *builder, const char *path);

/* ---- the index --------------------------------------------------------- */

typedef struct vg_index vg_index;

/* Maps and validates an index file: its header and section table, their
 * checksum and every offset, run and ordinal, so that no file can make a
 * reader go out of bounds.  A truncated, foreign or structurally damaged
 * file fails with VG_EDATA.  The sections' checksums are not hashed (that
 * reads every byte of the file): vg_index_verify does it. */
VG_EXTERN(int) vg_index_open(vg_index **out, const char *path);
/* Validates an index held in memory (the bytes must outlive the index),
 * like vg_index_open and, in addition, every section's checksum: a file
 * with any byte changed fails with VG_EDATA.  What the server and the
 * PostgreSQL extension use on their private copies, and the fuzzer feeds. */
VG_EXTERN(int) vg_index_parse(vg_index **out, const void *data, size_t len);
/* Hashes every section of an index and compares its checksum: 0, or
 * VG_EDATA "INDEX: <section> section checksum mismatch". */
VG_EXTERN(int) vg_index_verify(const vg_index *index);
/* Readies an index for many queries: copies the tables queries read at
 * random (names, their terms, records; about a fifth of the file) out of
 * the mapping into memory of the process that the system may back with
 * huge pages, which makes a query at a million entities about a quarter
 * cheaper, for the CPU of about a thousand queries and the tables' size in
 * memory (176 MB at a million entities).  For a run of many queries
 * (`vigil screen`); call it before any matcher or scanner is made on the
 * index and before the index is shared between threads.  Calling it again
 * does nothing.  0, or VG_ENOMEM with the index unchanged and usable. */
VG_EXTERN(int) vg_index_warm(vg_index *index);
VG_EXTERN(void) vg_index_free(vg_index *index);

/* `vigil info --json`: {"entities", "sources": [...]}, written by
 * vg_json_info (vigil/json.h). */
VG_EXTERN(int) vg_index_info_json(const vg_index *index, vg_buf *out);

/* Number of screenable entities: the parties and the positions, which are
 * ordinals 0 .. count-1 (every other record follows them). */
VG_EXTERN(size_t) vg_index_entity_count(const vg_index *index);
/* Number of parties (people, organisations, vessels ...): what `vigil info`
 * counts as entities. */
VG_EXTERN(size_t) vg_index_party_count(const vg_index *index);
/* Number of records of every schema: ordinals 0 .. count-1. */
VG_EXTERN(size_t) vg_index_record_count(const vg_index *index);
/* When the index was written (seconds since the epoch). */
VG_EXTERN(uint64_t) vg_index_built_at(const vg_index *index);

/* Entities are addressed by a dense ordinal (0 .. count-1) inside one index
 * and by their stable string id across indexes. */
VG_EXTERN(int) vg_index_lookup(uint32_t *ordinal, const vg_index *index,
			       const char *id);
VG_EXTERN(const char *) vg_index_entity_id(const vg_index *index,
					   uint32_t ordinal);

/* ---- the sources of an index ------------------------------------------- */

/* One input of the index.  Strings point into the index. */
typedef struct {
	const char *name;    /* dataset name: "us_ofac_sdn", file stem as a slug for FtM */
	const char *format;  /* "ofac-csv" ... */
	const char *path;    /* as given to vg_builder_add */
	const char *version; /* publisher's version or content checksum */
	const char *as_of;   /* publication date, or "" */
	const char *encoding; /* the text encoding it was read in ("utf-8",
			       * "windows-1252" ...), or "" */
	size_t entities, names, links, sanctions, records;
} vg_source_info;

VG_EXTERN(size_t) vg_index_source_count(const vg_index *index);
/* Fills *out with source i (< vg_index_source_count); VG_ENOTFOUND past
 * the end. */
VG_EXTERN(int) vg_index_source(vg_source_info *out, const vg_index *index,
			       size_t i);

/* ---- entities as data ----------------------------------------------------
 *
 * Every record of the index (an entity, a sanction, a link, an address ...)
 * is an FtM entity.  The accessors below take its ordinal (< the record
 * count; out of range gives NULL, 0 or false) and return pointers into the
 * index: valid while it is open, never to be freed.
 */

/* The FtM schema name ("Person", "Ownership"). */
VG_EXTERN(const char *) vg_entity_schema(const vg_index *index, uint32_t ordinal);
/* vigil's reading of the schema (VG_SCHEMA_OTHER for the rest of FtM). */
VG_EXTERN(vg_schema) vg_entity_kind(const vg_index *index, uint32_t ordinal);
/* The caption, by FtM's caption properties (or the publisher's own). */
VG_EXTERN(const char *) vg_entity_caption(const vg_index *index, uint32_t ordinal);
/* A subject of its list: sanctioned, or with a target topic (FtM "target"). */
VG_EXTERN(bool) vg_entity_target(const vg_index *index, uint32_t ordinal);

/* One value of an FtM property.  qualifier: what the source said about the
 * value (the issuing country of a number, "low" quality of an alias ...),
 * or NULL. */
typedef struct {
	const char *property, *value, *qualifier;
} vg_value;

/* The entity's property values, in the order read (values of one property
 * need not be adjacent). */
VG_EXTERN(size_t) vg_entity_value_count(const vg_index *index, uint32_t ordinal);
VG_EXTERN(bool) vg_entity_value(vg_value *out, const vg_index *index,
				uint32_t ordinal, size_t i);
/* The first value of `property`, or NULL. */
VG_EXTERN(const char *) vg_entity_first(const vg_index *index, uint32_t ordinal,
					const char *property);

/* The datasets (index sources) that list the entity. */
VG_EXTERN(size_t) vg_entity_dataset_count(const vg_index *index, uint32_t ordinal);
VG_EXTERN(const char *) vg_entity_dataset(const vg_index *index, uint32_t ordinal,
					  size_t i);
/* Whether `typed`, a dataset name as a user gave it (include_dataset,
 * exclude_dataset, /match/{dataset}, match --dataset), names `dataset`:
 * the same name; or, official lists, vigil's former name ("ofac-sdn" for
 * us_ofac_sdn, also when an index built before the rename carries it); or
 * the same slug ("un-sc" for un_sc, the dataset of un-sc.ftm.jsonl). */
VG_EXTERN(bool) vg_dataset_matches(const char *dataset, const char *typed);
/* The entity's other ids, as its publisher merged them (FtM "referents"). */
VG_EXTERN(size_t) vg_entity_referent_count(const vg_index *index, uint32_t ordinal);
VG_EXTERN(const char *) vg_entity_referent(const vg_index *index, uint32_t ordinal,
					   size_t i);

/* When the publisher first and last saw the entity, and last saw it change
 * (ISO 8601), or NULL when the source does not say. */
typedef enum {
	VG_SEEN_FIRST,
	VG_SEEN_LAST,
	VG_CHANGED_LAST,
} vg_seen;
VG_EXTERN(const char *) vg_entity_seen(const vg_index *index, uint32_t ordinal,
				       vg_seen which);

/* The Sanction records naming the entity (ordinals). */
VG_EXTERN(size_t) vg_entity_sanction_count(const vg_index *index, uint32_t ordinal);
VG_EXTERN(uint32_t) vg_entity_sanction(const vg_index *index, uint32_t ordinal,
				       size_t i);

/* A link: an edge record (Ownership, Family, UnknownLink ...) with its own
 * properties, the entity at its far end, and which end this entity is. */
typedef enum {
	VG_LINK_OUT = 0, /* this entity is the edge's source (owner, director) */
	VG_LINK_IN = 1,  /* this entity is the edge's target (asset, company) */
} vg_link_direction;

typedef struct {
	uint32_t edge;  /* ordinal of the edge record */
	uint32_t other; /* ordinal of the entity at the far end */
	vg_link_direction direction;
} vg_link;

VG_EXTERN(size_t) vg_entity_link_count(const vg_index *index, uint32_t ordinal);
VG_EXTERN(bool) vg_entity_link(vg_link *out, const vg_index *index, uint32_t ordinal,
			       size_t i);

/* Why a link holds, read from one end ("owner of", "relative of", or the
 * edge's own role: "branch of"); static storage or the index's. */
VG_EXTERN(const char *) vg_link_relation(const vg_index *index, uint32_t edge,
					 vg_link_direction direction);

/* A walk over the links from one entity, breadth-first, each entity once,
 * at most `depth` links away (clamped to 6) and at most 200 entities: step
 * 0 is the start entity; every other step was reached from step `parent`
 * through `edge`, `direction` saying which end of the edge the parent is. */
typedef struct {
	uint32_t ordinal;
	uint32_t parent;
	uint32_t edge;
	vg_link_direction direction;
	unsigned depth;
} vg_walk_step;

/* *steps: a new array of *n steps (the caller frees it with free());
 * *truncated: whether the walk stopped at its limit of entities. */
VG_EXTERN(int) vg_entity_walk(vg_walk_step **steps, size_t *n, bool *truncated,
			      const vg_index *index, uint32_t ordinal, int depth);

/* A record pointing at the entity through one of its entity properties
 * (an Ownership's "owner", a Sanction's "entity", a Payment's "payer"),
 * with FtM's name for that reference seen from the entity ("ownershipOwner",
 * "sanctions", "paymentPayer"; NULL when FtM gives none). */
typedef struct {
	uint32_t from;
	const char *property;
	const char *reverse;
} vg_reference;

VG_EXTERN(size_t) vg_entity_reference_count(const vg_index *index, uint32_t ordinal);
VG_EXTERN(bool) vg_entity_reference(vg_reference *out, const vg_index *index,
				    uint32_t ordinal, size_t i);

/* The FollowTheMoney model, by FtM's names: whether `schema` is `ancestor`
 * or extends it (false when either is unknown); a schema's label (NULL:
 * unknown); the type of a schema's property, own or inherited ("name",
 * "country", "identifier", "entity", "date", "address", "topic" ..., NULL
 * when the schema has no such property).  Static storage. */
VG_EXTERN(bool) vg_ftm_schema_is_a(const char *schema, const char *ancestor);
VG_EXTERN(const char *) vg_ftm_schema_label(const char *schema);
VG_EXTERN(const char *) vg_ftm_property_type(const char *schema, const char *property);

/* Appends an entity as FtM JSON (vg_json_entity with links_depth as the
 * depth of "links", nested as yente nests /entities/ID). */
VG_EXTERN(int) vg_index_entity_json(const vg_index *index, uint32_t ordinal,
				    int links_depth, vg_buf *out);

#ifdef __cplusplus
}
#endif
#endif
