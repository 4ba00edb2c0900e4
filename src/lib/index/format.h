/*
 * format.h - the on-disk layout of a vigil index file (internal).
 *
 * Invariant: every integer is little-endian, every section starts on an
 * 8-byte boundary, and no offset stored in the file is trusted before
 * vg_index_parse() has checked it against the size of the section it points
 * into.  The host must be little-endian (checked at compile time) because
 * the file is used in place through mmap.
 *
 *   offset 0                                                        64
 *   +--------+---------+--------+----------+----------+-------------+
 *   | magic  | version | n_sect | reserved | filesize | header hash | header
 *   | 8 B    | u32     | u32    | u64      | u64      | u64         | (+pad)
 *   +--------+---------+--------+----------+----------+-------------+
 *   | section table: n_sect x vg_ix_section (32 B each)              |
 *   |   tag u32 | elem_size u32 | offset u64 | size u64 | hash u64   |
 *   +----------------------------------------------------------------+
 *   | STRS | SRCS | RECS | PROP | NAME | NENC | TERM | TPST | NTRM   |
 *   | TKEY | TKPS | PAIR | PPST | IKEY | IPST | IDMP | EDGE | SANC   |
 *   | RSRC | REFS | TDIR | KDIR | META (8-aligned, any order)        |
 *   +----------------------------------------------------------------+
 *
 * The checksum is two-level so that the writer can stream sections to disk:
 * each section's bytes are hashed (vg__hash64) into its table entry, and the
 * header hash covers the header itself and the section table.  Sections
 * must tile the file (gaps only of zeroed alignment padding), so tampering
 * with any byte of the file fails the open.
 *
 * The hash: vg__hash64 is XXH64 of xxHash (the 64-bit algorithm of xxHash's
 * xxhash_spec.md, unchanged since xxHash 0.6; linked here from Debian's
 * libxxhash, 0.8.1 in Debian 12), seed 0 for every checksum, so any XXH64
 * implementation can verify a file.  Retrieval keys and the id map use it
 * too, with the seeds defined below.
 *
 * Sections:
 *   STRS  packed NUL-terminated UTF-8 strings; offset 0 is "".  Every string
 *         field below is an offset into it.
 *   SRCS  vg_ix_source[]: provenance of each input.
 *   RECS  vg_ix_record[]: every record read.  The screenable ones come first
 *         (ordinals 0 .. meta.n_entities-1), then sanctions, links,
 *         addresses and the rest.  A record delivered by several inputs
 *         under one id (OFAC SDN and consolidated share ids) is one record.
 *   RSRC  u16 indexes into SRCS: each record's sources, a contiguous run
 *         (never empty, no repeats, ascending; the first is .source).
 *
 *           RECS[i]: ... source | src_start src_count ...
 *                                    |
 *           RSRC:    [ 0 ][ 0 ][ 1 ][ 0 ][ 2 ] ...  -> record i is listed
 *                               `------'              by sources 0 and 1
 *   PROP  vg_ix_prop[]: each record's properties, a contiguous run.
 *   NAME  vg_ix_name[]: each entity's analysed names, a contiguous run.
 *   NENC  the encoded analysed names (vg__name_encode), bytes.
 *
 * Name retrieval is two-level (match.c says how it is used): names are
 * found by their terms (vg__name_terms: words, glued pairs, initials),
 * and a query's terms meet the listed terms written otherwise through the
 * terms' derived keys (phonetic, skeleton, one letter deleted, variant
 * group), so a key names a handful of terms instead of thousands of names.
 *
 *   TERM  vg_ix_key[] sorted by hash: term -> run of TPST (its names).
 *         A term's index in TERM is its number.
 *   TPST  u32 name indexes (into NAME), ascending within a term.
 *   NTRM  u32 term numbers of each name, ascending, the run from
 *         NAME[i].term_start to NAME[i+1].term_start (or the end).
 *   TKEY  vg_ix_key[] sorted by hash: derived key -> run of TKPS.
 *   TKPS  u64 hashes of the terms having that derived key (ascending).
 *   TDIR  u32[2^b + 1], 1 <= b <= 24: TERM's lookup directory.  TDIR[k] is
 *         the first key of TERM whose hash's top b bits are >= k (the last
 *         entry is the number of keys), so a lookup binary-searches one
 *         bucket of a few keys (the writer picks b: vg__index_dir_bits of
 *         the key count, or of a bound on it for TKEY).  Stored
 *         so that opening an index need not read all of TERM and TKEY.
 *   KDIR  the same directory for TKEY.
 *
 *           TKEY "d:smth" --> TKPS [h(t:smith) h(t:smyth)] --> TERM
 *           TERM h(t:smith) --> TPST [17 402 9031 ...] --> NAME
 *           NAME 402 --> NTRM [t:john t:smith t:johnsmith] (numbers)
 *
 *   PAIR  vg_ix_key[] sorted by hash: two common terms (more names than
 *         meta.pair_df each; vg__index_pair_hash) -> run of PPST: the
 *         names having both, so that "John Smith" never reads every John.
 *   PPST  u32 name indexes, ascending within a pair.
 *   IKEY  vg_ix_key[] sorted by hash: normalised identifier -> run of IPST.
 *   IPST  u32 record ordinals.
 *   IDMP  vg_ix_idmap[] sorted by hash: hash of the id string -> ordinal.
 *   EDGE  vg_ix_edge[]: each record's link edges, a contiguous run.
 *   SANC  u32 ordinals of Sanction records, a contiguous run per entity.
 *   REFS  vg_ix_ref[]: each record's inbound references, a contiguous run:
 *         which record names it in which of its entity properties (FtM's
 *         model says which properties hold entities), so that an entity
 *         can be shown with the records pointing at it under FtM's reverse
 *         property names.  Ascending by (from, prop).
 *   META  one vg_ix_meta.
 *
 * Properties: besides FtM properties, a record's PROP run may hold the
 * entity-level fields of FtM's JSON form the publisher gave (caption,
 * target, referents, first_seen, last_seen, last_change); vg__ftm_is_meta_key
 * tells them apart, FtM having no property of those names.
 */
#ifndef VG_INDEX_FORMAT_H
#define VG_INDEX_FORMAT_H

#include <stdint.h>

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "vigil index files are used in place: little-endian hosts only"
#endif

#define VG_IX_MAGIC "VIGILIX\0"
#define VG_IX_VERSION 11u
#define VG_IX_HEADER_SIZE 64u
/* seeds of vg__hash64 for the id map and the identifier keys */
#define VG_IX_IDMAP_SEED 0u
#define VG_IX_IDNUM_SEED 7u
#define VG_IX_PAIR_SEED 11u

#define VG_IX_TAG(a, b, c, d) \
	((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)

enum {
	VG_IX_STRS = VG_IX_TAG('S', 'T', 'R', 'S'),
	VG_IX_SRCS = VG_IX_TAG('S', 'R', 'C', 'S'),
	VG_IX_RECS = VG_IX_TAG('R', 'E', 'C', 'S'),
	VG_IX_PROP = VG_IX_TAG('P', 'R', 'O', 'P'),
	VG_IX_NAME = VG_IX_TAG('N', 'A', 'M', 'E'),
	VG_IX_NENC = VG_IX_TAG('N', 'E', 'N', 'C'),
	VG_IX_TERM = VG_IX_TAG('T', 'E', 'R', 'M'),
	VG_IX_TPST = VG_IX_TAG('T', 'P', 'S', 'T'),
	VG_IX_NTRM = VG_IX_TAG('N', 'T', 'R', 'M'),
	VG_IX_TKEY = VG_IX_TAG('T', 'K', 'E', 'Y'),
	VG_IX_TKPS = VG_IX_TAG('T', 'K', 'P', 'S'),
	VG_IX_PAIR = VG_IX_TAG('P', 'A', 'I', 'R'),
	VG_IX_PPST = VG_IX_TAG('P', 'P', 'S', 'T'),
	VG_IX_IKEY = VG_IX_TAG('I', 'K', 'E', 'Y'),
	VG_IX_IPST = VG_IX_TAG('I', 'P', 'S', 'T'),
	VG_IX_IDMP = VG_IX_TAG('I', 'D', 'M', 'P'),
	VG_IX_EDGE = VG_IX_TAG('E', 'D', 'G', 'E'),
	VG_IX_SANC = VG_IX_TAG('S', 'A', 'N', 'C'),
	VG_IX_META = VG_IX_TAG('M', 'E', 'T', 'A'),
	VG_IX_RSRC = VG_IX_TAG('R', 'S', 'R', 'C'),
	VG_IX_REFS = VG_IX_TAG('R', 'E', 'F', 'S'),
	VG_IX_TDIR = VG_IX_TAG('T', 'D', 'I', 'R'),
	VG_IX_KDIR = VG_IX_TAG('K', 'D', 'I', 'R'),
};
#define VG_IX_N_SECTIONS 23u

typedef struct {
	char magic[8];
	uint32_t version;
	uint32_t n_sections;
	uint64_t reserved;
	uint64_t file_size;
	uint64_t table_hash;
	uint8_t pad[24];
} vg_ix_header;

typedef struct {
	uint32_t tag;
	uint32_t elem_size; /* size of one element; 1 for byte sections */
	uint64_t offset;
	uint64_t size;      /* bytes, a multiple of elem_size */
	uint64_t hash;      /* vg__hash64 of the section's bytes */
} vg_ix_section;

typedef struct {
	uint32_t n_entities; /* screenable records: ordinals 0 .. n-1 */
	uint32_t n_records;
	uint32_t n_names;
	uint32_t n_sources;
	uint64_t built_at;   /* unix seconds (SOURCE_DATE_EPOCH when set) */
	uint32_t pair_df;    /* a term of more names has PAIR postings */
	uint32_t reserved;
	/* vg__analysis_stamp() of the vigil that analysed the names: a later
	 * build may reuse them only when it analyses the same way */
	uint64_t analysis;
} vg_ix_meta;

/* The counts are what this input delivered: a record several inputs list
 * counts in each of them (meta.n_entities counts it once). */
typedef struct {
	uint32_t name, format, path, version, as_of; /* STRS offsets */
	uint32_t n_entities, n_names, n_links, n_sanctions, n_records;
	uint32_t encoding; /* STRS: the text encoding the input was read in */
	uint32_t reserved;
} vg_ix_source;

/* vg_ix_record.flags */
enum {
	VG_IXR_SANCTIONED = 1u << 0, /* has at least one Sanction record */
	VG_IXR_TARGET = 1u << 1,     /* a subject of its list (FtM "target") */
};
/* Bits 16..31 of vg_ix_record.flags: the year of the first birthDate (0
 * when none), so retrieval can rank namesakes without reading properties.
 * Bits 2..8 and 9..15: the next two other years of its birth dates (lists
 * give a person born "1960 or 1963" both), in property order, each as its
 * difference from the first in 7 bits (two's complement, -63..63; 0 when
 * none; a year further off is left out). */
#define VG_IXR_BIRTH_YEAR(flags) ((flags) >> 16)
#define VG_IXR_YEAR_BITS 7u
#define VG_IXR_YEAR_SHIFT 2u
#define VG_IXR_YEAR_SPAN 63

/* The k-th (0 or 1) other birth year's difference from the first; 0: none. */
static inline int vg__ixr_year_delta(uint32_t flags, unsigned k)
{
	int d = (int)((flags >> (VG_IXR_YEAR_SHIFT + k * VG_IXR_YEAR_BITS)) & 0x7fu);
	return d > VG_IXR_YEAR_SPAN ? d - 128 : d;
}

/* How an entity's birth years read against a query's year y: 1 one of
 * them is y, -1 every one is more than a year from it, 0 otherwise (none
 * listed, or one a year apart). */
static inline int vg__ixr_born(uint32_t flags, uint32_t y)
{
	uint32_t first = VG_IXR_BIRTH_YEAR(flags);
	int near = 0;
	unsigned k;
	if (!first)
		return 0;
	for (k = 0; k < 3; k++) {
		int d = k ? vg__ixr_year_delta(flags, k - 1) : 0;
		int64_t off = (int64_t)first + d - (int64_t)y;
		if (k && !d)
			break;
		if (!off)
			return 1;
		near |= off >= -1 && off <= 1;
	}
	return near ? 0 : -1;
}

typedef struct {
	uint32_t id;          /* STRS */
	uint32_t schema_name; /* STRS: the FtM schema as read */
	uint16_t schema;      /* vg_schema */
	uint16_t source;      /* index into SRCS: the first input listing it */
	uint32_t caption;     /* STRS */
	uint32_t flags;
	uint32_t prop_start, prop_count; /* run in PROP */
	uint32_t name_start, name_count; /* run in NAME */
	uint32_t edge_start, edge_count; /* run in EDGE */
	uint32_t sanc_start, sanc_count; /* run in SANC */
	uint32_t src_start, src_count;   /* run in RSRC: every input listing it */
	uint32_t ref_start, ref_count;   /* run in REFS: who points at it */
} vg_ix_record;

typedef struct {
	uint32_t from; /* ordinal of the record holding the reference */
	uint32_t prop; /* STRS: the name of its property ("owner", "entity") */
} vg_ix_ref;

typedef struct {
	uint32_t key, value, qual; /* STRS; qual 0 means none */
} vg_ix_prop;

/* vg_ix_name.flags */
enum {
	VG_IXN_WEAK = 1u << 0,     /* weakAlias: counts less than a name */
	VG_IXN_PREVIOUS = 1u << 1, /* previousName */
	VG_IXN_DERIVED = 1u << 2,  /* assembled from firstName/lastName parts */
};

typedef struct {
	uint32_t record;  /* ordinal of the entity */
	uint32_t value;   /* STRS: the name as listed */
	uint32_t enc_off; /* run in NENC */
	uint32_t enc_len;
	uint32_t flags;
	uint32_t term_start; /* run in NTRM, up to the next name's start */
} vg_ix_name;

typedef struct {
	uint64_t hash;
	uint32_t start, count; /* run in TPST, TKPS, PPST or IPST */
} vg_ix_key;

typedef struct {
	uint64_t hash; /* vg__hash64 of the id string */
	uint32_t ordinal;
	uint32_t pad;
} vg_ix_idmap;

/* vg_ix_edge.end: which end of the link record this entity is. */
enum {
	VG_IXE_SOURCE = 0, /* owner, director, member, employee, person, subject */
	VG_IXE_TARGET = 1, /* asset, organization, employer, relative, object */
};

typedef struct {
	uint32_t link;  /* ordinal of the link record (Ownership, Family ...) */
	uint32_t other; /* ordinal of the record at the other end */
	uint32_t end;   /* VG_IXE_SOURCE or VG_IXE_TARGET */
} vg_ix_edge;

/* Checksum of the header (with table_hash read as 0) and the section
 * table; p holds at least VG_IX_HEADER_SIZE + the table. */
uint64_t vg__ix_header_hash(const unsigned char *p);

/* The directory of a key table of n keys (TDIR, KDIR): b, and dir's
 * 2^b + 1 entries for keys[0..n) sorted by hash. */
unsigned vg__index_dir_bits(size_t n);
void vg__index_dir_fill(uint32_t *dir, unsigned bits, const vg_ix_key *keys, size_t n);
/* The same a key at a time, for keys written as they come: *next = 0,
 * then step for key j (ascending hashes), then end with the key count. */
void vg__index_dir_step(uint32_t *dir, unsigned bits, uint32_t *next, uint64_t hash,
			uint32_t j);
void vg__index_dir_end(uint32_t *dir, unsigned bits, uint32_t *next, uint32_t n);

#endif
