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

VG_EXTERN(int) vg_builder_new(vg_builder **out);
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

/* Maps and validates an index file.  A truncated, tampered or foreign file
 * fails with VG_EDATA. */
VG_EXTERN(int) vg_index_open(vg_index **out, const char *path);
/* Validates an index held in memory (the bytes must outlive the index).
 * This is what vg_index_open uses after mapping, and what the fuzzer feeds. */
VG_EXTERN(int) vg_index_parse(vg_index **out, const void *data, size_t len);
VG_EXTERN(void) vg_index_free(vg_index *index);

/* `vigil info --json`: {"entities", "sources": [...]} */
VG_EXTERN(int) vg_index_info_json(const vg_index *index, vg_buf *out);

/* Number of screenable entities. */
VG_EXTERN(size_t) vg_index_entity_count(const vg_index *index);

/* Entities are addressed by a dense ordinal (0 .. count-1) inside one index
 * and by their stable string id across indexes. */
VG_EXTERN(int) vg_index_lookup(uint32_t *ordinal, const vg_index *index,
			       const char *id);
VG_EXTERN(const char *) vg_index_entity_id(const vg_index *index,
					   uint32_t ordinal);

/* Appends an entity as FtM-style JSON: {"id", "schema", "caption",
 * "properties": {...}, "datasets", "topics", "sanctions": [...]}.  With
 * links_depth > 0 also "links": the neighbourhood up to that depth. */
VG_EXTERN(int) vg_index_entity_json(const vg_index *index, uint32_t ordinal,
				    int links_depth, vg_buf *out);

#ifdef __cplusplus
}
#endif
#endif
