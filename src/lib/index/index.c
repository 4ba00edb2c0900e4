/*
 * index.c - opening (mmap), parsing and validating an index file, and the
 * read accessors over it.
 *
 * Invariant: a vg_index exists only after the header's checksum, every
 * section's bounds and every offset, run and ordinal stored in the sections
 * were checked; nothing after that checks bounds again.  Any failure is
 * VG_EDATA "INDEX: ..." and leaves *out untouched.
 *
 * The sections' own checksums are a second matter.  vg_index_parse() (bytes
 * a caller holds: the server's and PostgreSQL's private copies, the fuzzer)
 * verifies them all; vg_index_open() does not, because hashing every byte of
 * a mapped file (1.7 G instructions and every page of 905 MB at 1M
 * entities) was most of a short command and of no use to the structure
 * checks, which alone keep a damaged file from being read out of bounds.
 * vg_index_verify() hashes them on request (`vigil info --verify`, a new
 * index before `vigil update` swaps it in); the builder verifies the
 * sections it copies from an index it reuses.
 */
#include "index/index_internal.h"
#include "index/hash.h"
#include "common/error.h"
#include "common/alloc.h"
#include "common/lower_bound.h"

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define BAD(...) vg__error_set(VG_EDATA, "INDEX: " __VA_ARGS__)

/* The sections, by what they hold; the file may store them in any order. */
enum {
	S_STRS, S_SRCS, S_RECS, S_PROP, S_NAME, S_NENC, S_TERM, S_TPST, S_NTRM,
	S_TKEY, S_TKPS, S_PAIR, S_PPST, S_IKEY, S_IPST, S_IDMP, S_EDGE, S_SANC,
	S_META, S_RSRC, S_REFS, S_TDIR, S_KDIR, S__COUNT
};

typedef struct {
	uint32_t tag, elem;
	const char *what;
} section_spec;

static const section_spec specs[S__COUNT] = {
	[S_STRS] = { VG_IX_STRS, 1, "strings" },
	[S_SRCS] = { VG_IX_SRCS, sizeof(vg_ix_source), "sources" },
	[S_RECS] = { VG_IX_RECS, sizeof(vg_ix_record), "records" },
	[S_PROP] = { VG_IX_PROP, sizeof(vg_ix_prop), "properties" },
	[S_NAME] = { VG_IX_NAME, sizeof(vg_ix_name), "names" },
	[S_NENC] = { VG_IX_NENC, 1, "encoded names" },
	[S_TERM] = { VG_IX_TERM, sizeof(vg_ix_key), "terms" },
	[S_TPST] = { VG_IX_TPST, sizeof(uint32_t), "term postings" },
	[S_NTRM] = { VG_IX_NTRM, sizeof(uint32_t), "name terms" },
	[S_TKEY] = { VG_IX_TKEY, sizeof(vg_ix_key), "derived keys" },
	[S_TKPS] = { VG_IX_TKPS, sizeof(uint64_t), "derived key terms" },
	[S_PAIR] = { VG_IX_PAIR, sizeof(vg_ix_key), "term pairs" },
	[S_PPST] = { VG_IX_PPST, sizeof(uint32_t), "term pair postings" },
	[S_IKEY] = { VG_IX_IKEY, sizeof(vg_ix_key), "identifier keys" },
	[S_IPST] = { VG_IX_IPST, sizeof(uint32_t), "identifier postings" },
	[S_IDMP] = { VG_IX_IDMP, sizeof(vg_ix_idmap), "id map" },
	[S_EDGE] = { VG_IX_EDGE, sizeof(vg_ix_edge), "edges" },
	[S_SANC] = { VG_IX_SANC, sizeof(uint32_t), "sanction refs" },
	[S_META] = { VG_IX_META, sizeof(vg_ix_meta), "meta" },
	[S_RSRC] = { VG_IX_RSRC, sizeof(uint16_t), "record sources" },
	[S_REFS] = { VG_IX_REFS, sizeof(vg_ix_ref), "references" },
	[S_TDIR] = { VG_IX_TDIR, sizeof(uint32_t), "term directory" },
	[S_KDIR] = { VG_IX_KDIR, sizeof(uint32_t), "derived key directory" },
};
_Static_assert(S__COUNT == VG_IX_N_SECTIONS, "one spec per section");

/* A run [start, start+count) inside a table of n elements. */
static int run_ok(uint32_t start, uint32_t count, size_t n)
{
	return (size_t)start <= n && (size_t)count <= n - start;
}

static int check_keys(const vg_ix_key *keys, size_t n, size_t n_post,
		      const char *what)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (i && keys[i].hash <= keys[i - 1].hash)
			return BAD("%s not sorted at %zu", what, i);
		if (!keys[i].count || !run_ok(keys[i].start, keys[i].count, n_post))
			return BAD("%s %zu points outside its postings", what, i);
	}
	return 0;
}

static int check_str(const vg_index *ix, uint32_t off)
{
	return (size_t)off < ix->strs_len;
}

/* Every run of `post` (the runs `keys` give) holds values < limit in
 * ascending order. */
static int check_ascending(const vg_ix_key *keys, size_t n, const uint32_t *post,
			   uint32_t limit, const char *what)
{
	size_t i, j;
	for (i = 0; i < n; i++)
		for (j = keys[i].start; j < (size_t)keys[i].start + keys[i].count; j++)
			if (post[j] >= limit || (j > keys[i].start && post[j] <= post[j - 1]))
				return BAD("%s %zu out of range or order", what, i);
	return 0;
}

/* The names, their terms and the retrieval tables (format.h). */
static int validate_names(const vg_index *ix)
{
	const vg_ix_meta *m = &ix->meta;
	uint32_t i, prev = 0;
	size_t j;
	for (i = 0; i < m->n_names; i++) {
		const vg_ix_name *n = &ix->names[i];
		if (n->record >= m->n_entities || !check_str(ix, n->value) ||
		    !run_ok(n->enc_off, n->enc_len, ix->nenc_len) ||
		    n->term_start < prev || n->term_start > ix->n_ntrm)
			return BAD("name %u points outside a section", i);
		prev = n->term_start;
	}
	for (i = 0; i < m->n_names; i++) {
		size_t nt;
		const uint32_t *t = vg__index_name_terms(ix, i, &nt);
		for (j = 0; j < nt; j++)
			if (t[j] >= ix->n_terms || (j && t[j] <= t[j - 1]))
				return BAD("name %u has a bad term list", i);
	}
	/* TKEY (15 M keys at 1M entities) is not read here: its runs are
	 * checked when looked up (vg__index_derived), and an unsorted TKEY
	 * can only make a lookup miss */
	if (check_keys(ix->terms, ix->n_terms, ix->n_tpst, "term") ||
	    check_keys(ix->pairs, ix->n_pairs, ix->n_ppst, "term pair") ||
	    check_ascending(ix->terms, ix->n_terms, ix->tpst, m->n_names, "term") ||
	    check_ascending(ix->pairs, ix->n_pairs, ix->ppst, m->n_names, "term pair"))
		return VG_EDATA;
	return 0;
}

static int validate(vg_index *ix)
{
	const vg_ix_meta *m = &ix->meta;

	ix->n_parties = 0;
	uint32_t i, k;
	size_t j;

	if (!ix->strs_len || ix->strs[0] != '\0' ||
	    ix->strs[ix->strs_len - 1] != '\0')
		return BAD("string section is not NUL-delimited");
	if (m->n_entities > m->n_records)
		return BAD("more entities than records");
	if (m->n_records >= UINT32_MAX || m->n_names >= UINT32_MAX ||
	    ix->n_terms >= UINT32_MAX || ix->n_ntrm >= UINT32_MAX)
		return BAD("record count too large");

	for (i = 0; i < m->n_sources; i++) {
		const vg_ix_source *s = &ix->sources[i];
		if (!check_str(ix, s->name) || !check_str(ix, s->format) ||
		    !check_str(ix, s->path) || !check_str(ix, s->version) ||
		    !check_str(ix, s->as_of) || !check_str(ix, s->encoding))
			return BAD("source %u has a bad string offset", i);
	}
	for (i = 0; i < m->n_records; i++) {
		const vg_ix_record *r = &ix->recs[i];
		if (!check_str(ix, r->id) || !check_str(ix, r->schema_name) ||
		    !check_str(ix, r->caption))
			return BAD("record %u has a bad string offset", i);
		if (r->schema >= VG_SCHEMA__COUNT || r->source >= m->n_sources)
			return BAD("record %u has a bad schema or source", i);
		if ((i < m->n_entities) != vg_schema_is_screenable((vg_schema)r->schema))
			return BAD("record %u is out of order", i);
		if (!run_ok(r->prop_start, r->prop_count, ix->n_props) ||
		    !run_ok(r->name_start, r->name_count, m->n_names) ||
		    !run_ok(r->edge_start, r->edge_count, ix->n_edges) ||
		    !run_ok(r->sanc_start, r->sanc_count, ix->n_sanc) ||
		    !run_ok(r->src_start, r->src_count, ix->n_rsrc) ||
		    !run_ok(r->ref_start, r->ref_count, ix->n_refs))
			return BAD("record %u points outside a section", i);
		if (i < m->n_entities && vg_schema_is_party((vg_schema)r->schema))
			ix->n_parties++;
		if (!r->src_count || ix->rsrc[r->src_start] != r->source)
			return BAD("record %u has a bad source list", i);
		for (k = 1; k < r->src_count; k++)
			if (ix->rsrc[r->src_start + k] <= ix->rsrc[r->src_start + k - 1])
				return BAD("record %u has a bad source list", i);
	}
	for (j = 0; j < ix->n_props; j++) {
		const vg_ix_prop *p = &ix->props[j];
		if (!check_str(ix, p->key) || !check_str(ix, p->value) ||
		    !check_str(ix, p->qual))
			return BAD("property %zu has a bad string offset", j);
	}
	if (validate_names(ix))
		return VG_EDATA;
	if (check_keys(ix->ikeys, ix->n_ikeys, ix->n_ipst, "identifier key"))
		return VG_EDATA;
	for (j = 0; j < ix->n_ipst; j++)
		if (ix->ipst[j] >= m->n_records)
			return BAD("identifier posting %zu out of range", j);
	for (j = 0; j < ix->n_idmap; j++) {
		if (j && ix->idmap[j].hash < ix->idmap[j - 1].hash)
			return BAD("id map not sorted at %zu", j);
		if (ix->idmap[j].ordinal >= m->n_records)
			return BAD("id map entry %zu out of range", j);
	}
	for (j = 0; j < ix->n_edges; j++)
		if (ix->edges[j].link >= m->n_records ||
		    ix->edges[j].other >= m->n_records || ix->edges[j].end > 1)
			return BAD("edge %zu out of range", j);
	for (j = 0; j < ix->n_sanc; j++)
		if (ix->sanc[j] >= m->n_records)
			return BAD("sanction ref %zu out of range", j);
	for (j = 0; j < ix->n_rsrc; j++)
		if (ix->rsrc[j] >= m->n_sources)
			return BAD("record source %zu out of range", j);
	for (j = 0; j < ix->n_refs; j++)
		if (ix->refs[j].from >= m->n_records || !check_str(ix, ix->refs[j].prop))
			return BAD("reference %zu out of range", j);
	return 0;
}

/* The sections must tile the file: each gap is alignment padding (< 8
 * zero bytes) and the last section ends the file, so no byte escapes the
 * checksums. */
static int check_tiling(const unsigned char *p, size_t len,
			const vg_ix_section *sec)
{
	uint64_t pos = VG_IX_HEADER_SIZE + sizeof(vg_ix_section) * VG_IX_N_SECTIONS;
	unsigned done = 0, k, used = 0, pick;
	while (done < VG_IX_N_SECTIONS) {
		const vg_ix_section *next = NULL;
		pick = 0;
		for (k = 0; k < VG_IX_N_SECTIONS; k++)
			if (!(used & (1u << k)) &&
			    (!next || sec[k].offset < next->offset ||
			     (sec[k].offset == next->offset && sec[k].size < next->size))) {
				next = &sec[k];
				pick = k;
			}
		used |= 1u << pick;
		if (!next || next->offset < pos || next->offset - pos >= 8)
			return BAD("sections do not tile the file");
		for (; pos < next->offset; pos++)
			if (p[pos])
				return BAD("non-zero padding at %llu",
					   (unsigned long long)pos);
		pos = next->offset + next->size;
		done++;
	}
	if (pos != len)
		return BAD("trailing bytes after the last section");
	return 0;
}

/* About four keys per bucket, so a lookup reads one or two lines. */
unsigned vg__index_dir_bits(size_t n)
{
	unsigned bits = 1;
	while (bits < 24 && ((size_t)4 << bits) < n)
		bits++;
	return bits;
}

void vg__index_dir_step(uint32_t *dir, unsigned bits, uint32_t *next, uint64_t hash,
			uint32_t j)
{
	uint64_t h = hash >> (64 - bits);
	while (*next <= h)
		dir[(*next)++] = j;
}

void vg__index_dir_end(uint32_t *dir, unsigned bits, uint32_t *next, uint32_t n)
{
	while (*next <= (1u << bits))
		dir[(*next)++] = n;
}

void vg__index_dir_fill(uint32_t *dir, unsigned bits, const vg_ix_key *keys, size_t n)
{
	uint32_t next = 0;
	size_t j;
	for (j = 0; j < n; j++)
		vg__index_dir_step(dir, bits, &next, keys[j].hash, (uint32_t)j);
	vg__index_dir_end(dir, bits, &next, (uint32_t)n);
}

/* A stored directory (TDIR, KDIR) of a table of n keys: 2^b + 1 entries,
 * 1 <= b <= 24, ascending, the last n, so a bucket is a run of the keys.
 * Whether each key is in its right bucket is not checked: a wrong
 * directory can only make a lookup miss. */
static int check_dir(const uint32_t *dir, size_t count, size_t n, unsigned *shift,
		     const char *what)
{
	unsigned bits;
	size_t k;
	for (bits = 1; bits <= 24 && ((size_t)1 << bits) + 1 != count; bits++)
		;
	if (bits > 24 || dir[count - 1] != n)
		return BAD("%s has a bad size", what);
	for (k = 1; k < count; k++)
		if (dir[k] < dir[k - 1])
			return BAD("%s not sorted at %zu", what, k);
	*shift = 64 - bits;
	return 0;
}

uint64_t vg__ix_header_hash(const unsigned char *p)
{
	unsigned char buf[VG_IX_HEADER_SIZE + sizeof(vg_ix_section) * VG_IX_N_SECTIONS];
	memcpy(buf, p, sizeof(buf));
	memset(buf + offsetof(vg_ix_header, table_hash), 0, sizeof(uint64_t));
	return vg__hash64(buf, sizeof(buf), 0);
}

/* Finds each section of specs in the table and checks its bounds (and its
 * checksum when `hash`): where[k] and count[k] (elements) of specs[k]. */
static int locate(const void *where[S__COUNT], size_t count[S__COUNT], const unsigned char *p,
		  size_t len, const vg_ix_section *sec, size_t table_len, int hash)
{
	uint32_t i, k;
	for (k = 0; k < S__COUNT; k++) {
		const vg_ix_section *s = NULL;
		for (i = 0; i < VG_IX_N_SECTIONS; i++)
			if (sec[i].tag == specs[k].tag)
				s = &sec[i];
		if (!s)
			return BAD("missing %s section", specs[k].what);
		if (s->elem_size != specs[k].elem || s->offset % 8 ||
		    s->offset > len || s->size > len - s->offset ||
		    s->offset < VG_IX_HEADER_SIZE + table_len ||
		    s->size % specs[k].elem)
			return BAD("%s section out of bounds", specs[k].what);
		if (hash && vg__hash64(p + s->offset, (size_t)s->size, 0) != s->hash)
			return BAD("%s section checksum mismatch", specs[k].what);
		where[k] = p + s->offset;
		count[k] = (size_t)s->size / specs[k].elem;
	}
	return 0;
}

/* Points ix's tables at the sections locate() found. */
static void attach(vg_index *ix, const void *where[S__COUNT], const size_t count[S__COUNT])
{
	ix->strs = where[S_STRS];
	ix->strs_len = count[S_STRS];
	ix->sources = where[S_SRCS];
	ix->recs = where[S_RECS];
	ix->props = where[S_PROP];
	ix->n_props = count[S_PROP];
	ix->names = where[S_NAME];
	ix->nenc = where[S_NENC];
	ix->nenc_len = count[S_NENC];
	ix->terms = where[S_TERM];
	ix->n_terms = count[S_TERM];
	ix->tpst = where[S_TPST];
	ix->n_tpst = count[S_TPST];
	ix->ntrm = where[S_NTRM];
	ix->n_ntrm = count[S_NTRM];
	ix->tkeys = where[S_TKEY];
	ix->n_tkeys = count[S_TKEY];
	ix->tkps = where[S_TKPS];
	ix->n_tkps = count[S_TKPS];
	ix->pairs = where[S_PAIR];
	ix->n_pairs = count[S_PAIR];
	ix->ppst = where[S_PPST];
	ix->n_ppst = count[S_PPST];
	ix->ikeys = where[S_IKEY];
	ix->n_ikeys = count[S_IKEY];
	ix->ipst = where[S_IPST];
	ix->n_ipst = count[S_IPST];
	ix->idmap = where[S_IDMP];
	ix->n_idmap = count[S_IDMP];
	ix->edges = where[S_EDGE];
	ix->n_edges = count[S_EDGE];
	ix->sanc = where[S_SANC];
	ix->n_sanc = count[S_SANC];
	ix->rsrc = where[S_RSRC];
	ix->n_rsrc = count[S_RSRC];
	ix->refs = where[S_REFS];
	ix->n_refs = count[S_REFS];
	ix->term_dir = where[S_TDIR];
	ix->tkey_dir = where[S_KDIR];
}

/* vg_index_parse, with the sections' checksums verified when `hash`. */
static int parse(vg_index **out, const void *data, size_t len, int hash)
{
	const unsigned char *p = data;
	vg_ix_header h;
	vg_ix_section sec[VG_IX_N_SECTIONS];
	const void *where[S__COUNT];
	size_t count[S__COUNT];
	vg_index *ix;
	size_t table_len = sizeof(sec);
	int rc;

	if (!out || (!data && len))
		return vg__error_set(VG_EUSAGE, "vg_index_parse: NULL argument");
	if ((uintptr_t)data % 8)
		return vg__error_set(VG_EUSAGE, "vg_index_parse: data not 8-byte aligned");
	if (len < VG_IX_HEADER_SIZE)
		return BAD("file too short (%zu bytes) to be an index", len);
	memcpy(&h, p, sizeof(h));
	if (memcmp(h.magic, VG_IX_MAGIC, 8) != 0)
		return BAD("not a vigil index (bad magic)");
	if (h.version != VG_IX_VERSION)
		return vg__error_set(VG_EFORMAT, "INDEX: written in index format %u, this "
				     "vigil reads format %u: rebuild the index with "
				     "this vigil (vigil build or vigil update)",
				     h.version, VG_IX_VERSION);
	if (h.file_size != len)
		return BAD("truncated or extended: header says %llu bytes, file has %zu",
			   (unsigned long long)h.file_size, len);
	if (h.n_sections != VG_IX_N_SECTIONS ||
	    len - VG_IX_HEADER_SIZE < table_len)
		return BAD("bad section table");
	memcpy(sec, p + VG_IX_HEADER_SIZE, table_len);
	if (vg__ix_header_hash(p) != h.table_hash)
		return BAD("header checksum mismatch");

	if ((rc = locate(where, count, p, len, sec, table_len, hash)) != 0)
		return rc;
	if ((rc = check_tiling(p, len, sec)) != 0)
		return rc;
	if (count[S_META] != 1)
		return BAD("meta section has %zu entries", count[S_META]);
	if (!(ix = vg__calloc(1, sizeof(*ix))))
		return vg__error_oom();
	ix->data = p;
	ix->len = len;
	memcpy(&ix->meta, where[S_META], sizeof(ix->meta));
	attach(ix, where, count);
	if (count[S_SRCS] != ix->meta.n_sources || count[S_RECS] != ix->meta.n_records ||
	    count[S_NAME] != ix->meta.n_names || count[S_IDMP] != ix->meta.n_records) {
		free(ix);
		return BAD("section sizes disagree with the counts");
	}
	if (validate(ix) ||
	    check_dir(ix->term_dir, count[S_TDIR], ix->n_terms, &ix->term_shift,
		      specs[S_TDIR].what) ||
	    check_dir(ix->tkey_dir, count[S_KDIR], ix->n_tkeys, &ix->tkey_shift,
		      specs[S_KDIR].what)) {
		free(ix);
		return VG_EDATA;
	}
	*out = ix;
	return 0;
}

int vg_index_parse(vg_index **out, const void *data, size_t len)
{
	return parse(out, data, len, 1);
}

int vg__index_verify_sections(const vg_index *ix, const uint32_t *tags, size_t n_tags)
{
	vg_ix_section sec[VG_IX_N_SECTIONS];
	size_t i, k;
	if (!ix)
		return vg__error_set(VG_EUSAGE, "vg_index_verify: NULL argument");
	memcpy(sec, ix->data + VG_IX_HEADER_SIZE, sizeof(sec));
	for (k = 0; k < S__COUNT; k++) {
		int want = !tags;
		for (i = 0; tags && i < n_tags; i++)
			want |= tags[i] == specs[k].tag;
		for (i = 0; want && i < VG_IX_N_SECTIONS; i++)
			if (sec[i].tag == specs[k].tag &&
			    vg__hash64(ix->data + sec[i].offset, (size_t)sec[i].size, 0) != sec[i].hash)
				return BAD("%s section checksum mismatch", specs[k].what);
	}
	return 0;
}

int vg_index_verify(const vg_index *ix)
{
	return vg__index_verify_sections(ix, NULL, 0);
}

int vg_index_open(vg_index **out, const char *path)
{
	int fd, rc;
	struct stat st;
	void *map;
	vg_index *ix = NULL;

	if (!out || !path)
		return vg__error_set(VG_EUSAGE, "vg_index_open: NULL argument");
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
		return vg__error_set(errno == ENOENT ? VG_ENOTFOUND : VG_EIO,
				     "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0) {
		rc = vg__error_set(VG_EIO, "%s: %s", path, strerror(errno));
		close(fd);
		return rc;
	}
	/* O_NONBLOCK: a FIFO opens at once and is refused here */
	if (!S_ISREG(st.st_mode) || st.st_size < (off_t)VG_IX_HEADER_SIZE) {
		close(fd);
		return vg__error_set(VG_EDATA, "INDEX: %s: not an index file", path);
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return vg__error_set(VG_EIO, "%s: mmap: %s", path, strerror(errno));
	if ((rc = parse(&ix, map, (size_t)st.st_size, 0)) != 0) {
		vg__error_prefix("%s", path);
		munmap(map, (size_t)st.st_size);
		return rc;
	}
	ix->map = map;
	ix->map_len = (size_t)st.st_size;
	*out = ix;
	return 0;
}

/* One table vg_index_warm copies: where its pointer is, and its size. */
typedef struct {
	const void *from;
	size_t bytes;
} hot_table;

/* The mapped pages of table t, now read from its copy, are let go of (a
 * mapped file's pages are read again from the file if ever touched), so
 * that the copy does not count twice in the process's memory. */
static void release_mapped(const vg_index *ix, const hot_table *t)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), from, to;
	if (!ix->map || !page)
		return;
	from = ((uintptr_t)t->from + page - 1) & ~(page - 1);
	to = ((uintptr_t)t->from + t->bytes) & ~(page - 1);
	if (to > from)
		(void)madvise((void *)from, to - from, MADV_DONTNEED);
}

/* Copies t[0..n) one after the other, each on a 64-byte boundary, into
 * *hot, each table's mapped pages released once it is copied (so that
 * the file's pages and the copy are not held whole at once); their
 * copies' addresses into at[]. */
static int copy_hot(const vg_index *ix, void **hot, const void **at, const hot_table *t,
		    size_t n)
{
	size_t i, total = 0, off = 0;
	unsigned char *p;
	for (i = 0; i < n; i++)
		total += (t[i].bytes + 63) & ~(size_t)63;
	if (!(p = vg__malloc_huge(total)))
		return vg__error_oom();
	for (i = 0; i < n; i++) {
		if (t[i].bytes) {
			memcpy(p + off, t[i].from, t[i].bytes);
			release_mapped(ix, &t[i]);
		}
		at[i] = p + off;
		off += (t[i].bytes + 63) & ~(size_t)63;
	}
	*hot = p;
	return 0;
}

/*
 * The tables a query reads at random are copied out of the mapped file
 * into memory that can be backed by huge pages: in the file's 4 KB pages
 * nearly each such read is also a TLB miss, which on a virtual machine
 * (two levels of page tables to walk) costs more than the rest of the
 * query.  They are what retrieval reads name by name and entity by entity
 * (about 1,700 names covered per query at a million entities: each one's
 * NAME entry and NTRM run; TERM, TDIR and TPST for every term met; RECS
 * for every entity ranked), the derived keys of the query's words (KDIR,
 * TKEY, TKPS: about sixty lookups per query), the pairs of common words
 * (PAIR, PPST), and what the comparator and the features read of each
 * candidate (NENC: the bytes of about sixty names per query; PROP and
 * STRS: birth dates, countries, identifiers).  At 1M entities that is 876
 * of the file's 959 MB (the rest is read for identifiers, links and
 * sources).  bench_scale query of 3,000 unlisted names at 1M entities on
 * this project's 2-core virtual machine, alternated with copying the
 * first six tables alone (176 MB) at load average 22-27: mean CPU per
 * query 1,574-2,354 -> 482-484 us, the same answers (README "Measured").
 */
int vg_index_warm(vg_index *ix)
{
	enum {
		NAMES, NTRM, TPST, TERMS, TDIR, RECS, KDIR, TKEY, TKPS, PAIR, PPST, NENC, PROP,
		STRS, N_HOT
	};
	const void *at[N_HOT];
	hot_table t[N_HOT];
	if (!ix)
		return vg__error_set(VG_EUSAGE, "vg_index_warm: NULL argument");
	if (ix->hot)
		return 0;
	t[NAMES] = (hot_table){ ix->names, ix->meta.n_names * sizeof(vg_ix_name) };
	t[NTRM] = (hot_table){ ix->ntrm, ix->n_ntrm * sizeof(uint32_t) };
	t[TPST] = (hot_table){ ix->tpst, ix->n_tpst * sizeof(uint32_t) };
	t[TERMS] = (hot_table){ ix->terms, ix->n_terms * sizeof(vg_ix_key) };
	t[TDIR] = (hot_table){ ix->term_dir,
			       (((size_t)1 << (64 - ix->term_shift)) + 1) * sizeof(uint32_t) };
	t[RECS] = (hot_table){ ix->recs, ix->meta.n_records * sizeof(vg_ix_record) };
	t[KDIR] = (hot_table){ ix->tkey_dir,
			       (((size_t)1 << (64 - ix->tkey_shift)) + 1) * sizeof(uint32_t) };
	t[TKEY] = (hot_table){ ix->tkeys, ix->n_tkeys * sizeof(vg_ix_key) };
	t[TKPS] = (hot_table){ ix->tkps, ix->n_tkps * sizeof(uint64_t) };
	t[PAIR] = (hot_table){ ix->pairs, ix->n_pairs * sizeof(vg_ix_key) };
	t[PPST] = (hot_table){ ix->ppst, ix->n_ppst * sizeof(uint32_t) };
	t[NENC] = (hot_table){ ix->nenc, ix->nenc_len };
	t[PROP] = (hot_table){ ix->props, ix->n_props * sizeof(vg_ix_prop) };
	t[STRS] = (hot_table){ ix->strs, ix->strs_len };
	if (copy_hot(ix, &ix->hot, at, t, N_HOT) != 0)
		return VG_ENOMEM;
	ix->names = at[NAMES];
	ix->ntrm = at[NTRM];
	ix->tpst = at[TPST];
	ix->terms = at[TERMS];
	ix->term_dir = at[TDIR];
	ix->recs = at[RECS];
	ix->tkey_dir = at[KDIR];
	ix->tkeys = at[TKEY];
	ix->tkps = at[TKPS];
	ix->pairs = at[PAIR];
	ix->ppst = at[PPST];
	ix->nenc = at[NENC];
	ix->props = at[PROP];
	ix->strs = at[STRS];
	return 0;
}

void vg_index_free(vg_index *ix)
{
	if (!ix)
		return;
	if (ix->map)
		munmap(ix->map, ix->map_len);
	free(ix->hot);
	free(ix);
}

size_t vg_index_entity_count(const vg_index *ix)
{
	return ix ? ix->meta.n_entities : 0;
}

const char *vg_index_entity_id(const vg_index *ix, uint32_t ord)
{
	if (!ix || ord >= ix->meta.n_records)
		return NULL;
	return vg__index_id(ix, ord);
}

VG__LOWER_BOUND_BY(idmap_find, vg_ix_idmap, hash, uint64_t)

int vg_index_lookup(uint32_t *ordinal, const vg_index *ix, const char *id)
{
	uint64_t h;
	size_t lo;
	if (!ordinal || !ix || !id)
		return vg__error_set(VG_EUSAGE, "vg_index_lookup: NULL argument");
	h = vg__hash64(id, strlen(id), VG_IX_IDMAP_SEED);
	for (lo = idmap_find(ix->idmap, ix->n_idmap, h);
	     lo < ix->n_idmap && ix->idmap[lo].hash == h; lo++) {
		uint32_t ord = ix->idmap[lo].ordinal;
		if (!strcmp(vg__index_id(ix, ord), id)) {
			*ordinal = ord;
			return 0;
		}
	}
	return vg__error_set(VG_ENOTFOUND, "no entity with id '%s'", id);
}

const char *vg__index_prop(const vg_index *ix, uint32_t ord, const char *key)
{
	size_t n, i;
	const vg_ix_prop *p = vg__index_props(ix, ord, &n);
	for (i = 0; i < n; i++)
		if (!strcmp(ix->strs + p[i].key, key))
			return ix->strs + p[i].value;
	return NULL;
}

int vg__index_prop_each(const vg_index *ix, uint32_t ord, const char *key,
			int (*fn)(void *ctx, const char *value, const char *qual),
			void *ctx)
{
	size_t n, i;
	int rc;
	const vg_ix_prop *p = vg__index_props(ix, ord, &n);
	for (i = 0; i < n; i++) {
		if (strcmp(ix->strs + p[i].key, key))
			continue;
		rc = fn(ctx, ix->strs + p[i].value,
			p[i].qual ? ix->strs + p[i].qual : NULL);
		if (rc)
			return rc;
	}
	return 0;
}

uint64_t vg__index_key_hash(unsigned kind, const char *key, size_t len)
{
	return vg__hash64(key, len, 0x9E3779B97F4A7C15ULL * (kind + 1));
}

VG__LOWER_BOUND_BY(key_lower_bound, vg_ix_key, hash, uint64_t)

static const vg_ix_key *find_key(const vg_ix_key *keys, size_t n, uint64_t h)
{
	size_t lo = key_lower_bound(keys, n, h);
	return (lo < n && keys[lo].hash == h) ? &keys[lo] : NULL;
}

/* The key with hash h among keys, searching the bucket dir gives. */
static const vg_ix_key *find_in_dir(const vg_ix_key *keys, const uint32_t *dir,
				    unsigned shift, uint64_t h)
{
	uint32_t b = (uint32_t)(h >> shift);
	uint32_t lo = dir[b], hi = dir[b + 1];
	return find_key(keys + lo, hi - lo, h);
}

uint32_t vg__index_term(const vg_index *ix, uint64_t hash)
{
	const vg_ix_key *k = find_in_dir(ix->terms, ix->term_dir, ix->term_shift, hash);
	return k ? (uint32_t)(k - ix->terms) : UINT32_MAX;
}

const uint64_t *vg__index_derived(const vg_index *ix, uint64_t hash, size_t *n)
{
	const vg_ix_key *k = find_in_dir(ix->tkeys, ix->tkey_dir, ix->tkey_shift, hash);
	/* opening did not check TKEY's runs (validate_names) */
	if (k && !run_ok(k->start, k->count, ix->n_tkps))
		k = NULL;
	*n = k ? k->count : 0;
	return k ? ix->tkps + k->start : NULL;
}

uint64_t vg__index_pair_hash(uint32_t a, uint32_t b)
{
	uint32_t v[2] = { a < b ? a : b, a < b ? b : a };
	return vg__hash64(v, sizeof(v), VG_IX_PAIR_SEED);
}

const uint32_t *vg__index_pair_names(const vg_index *ix, uint32_t a, uint32_t b,
				     size_t *n)
{
	const vg_ix_key *k = find_key(ix->pairs, ix->n_pairs, vg__index_pair_hash(a, b));
	*n = k ? k->count : 0;
	return k ? ix->ppst + k->start : NULL;
}

size_t vg__index_id_normalize(char *out, size_t cap, const char *in)
{
	size_t n = 0;
	if (!cap)
		return 0;
	for (; *in && n + 1 < cap; in++) {
		unsigned char c = (unsigned char)*in;
		if (c >= 'a' && c <= 'z')
			out[n++] = (char)(c - 'a' + 'A');
		else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			out[n++] = (char)c;
	}
	out[n] = '\0';
	return n;
}

const uint32_t *vg__index_id_postings(const vg_index *ix, const char *norm,
				      size_t *n)
{
	uint64_t h = vg__hash64(norm, strlen(norm), VG_IX_IDNUM_SEED);
	const vg_ix_key *k = find_key(ix->ikeys, ix->n_ikeys, h);
	*n = k ? k->count : 0;
	return k ? ix->ipst + k->start : NULL;
}
