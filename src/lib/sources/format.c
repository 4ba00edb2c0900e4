/*
 * format.c - format names, detecting a list's format from its content, and
 * the two entry points (vg_source_read, vg_source_parse_mem) that dispatch
 * to one reader per format.
 *
 * Invariant: detection looks only at the first bytes of a file (or the
 * names in a folder), never at its extension alone, so a renamed file is
 * still read right and an unknown one is refused with a reason.
 */
#include "sources/source.h"
#include "common/files.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const format_names[VG_FORMAT__COUNT] = {
	[VG_FORMAT_AUTO] = "auto",
	[VG_FORMAT_OFAC_CSV] = "ofac-csv",
	[VG_FORMAT_UN_XML] = "un-xml",
	[VG_FORMAT_EU_XML] = "eu-xml",
	[VG_FORMAT_UK_CSV] = "uk-csv",
	[VG_FORMAT_CSL_CSV] = "csl-csv",
	[VG_FORMAT_DPL_TSV] = "dpl-tsv",
	[VG_FORMAT_FTM_JSON] = "ftm-json",
	[VG_FORMAT_SENZING_JSON] = "senzing-json",
	[VG_FORMAT_UKSL_XML] = "uksl-xml",
};

vg_format vg_format_from_name(const char *name)
{
	int i;
	if (!name)
		return VG_FORMAT_AUTO;
	for (i = 1; i < VG_FORMAT__COUNT; i++)
		if (strcasecmp(name, format_names[i]) == 0)
			return (vg_format)i;
	return VG_FORMAT_AUTO;
}

const char *vg_format_name(vg_format format)
{
	if ((int)format < 0 || format >= VG_FORMAT__COUNT)
		return "unknown";
	return format_names[format];
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int exists_in(const char *dir, const char *name)
{
	char p[4096];
	struct stat st;
	if ((size_t)snprintf(p, sizeof(p), "%s/%s", dir, name) >= sizeof(p))
		return 0;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

/* The first line of head (without its end), at most outsz-1 bytes. */
static void first_line(char *out, size_t outsz, const char *head, size_t n)
{
	size_t i = 0;
	if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) {
		head += 3;
		n -= 3;
	}
	while (i < n && i + 1 < outsz && head[i] != '\n' && head[i] != '\r') {
		out[i] = head[i];
		i++;
	}
	out[i] = '\0';
}

/* The name of the root element of an XML document, past the declaration,
 * comments, processing instructions and a DOCTYPE (which may all hold
 * '<'), without a namespace prefix.  0 when none starts in s[0..n). */
static int xml_root(char *out, size_t outsz, const char *s, size_t n)
{
	size_t i = 0, j;
	for (;;) {
		const char *lt = i < n ? memchr(s + i, '<', n - i) : NULL, *end;
		if (!lt)
			return 0;
		i = (size_t)(lt - s);
		if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
			end = memmem(s + i + 4, n - i - 4, "-->", 3);
		else if (n - i >= 2 && s[i + 1] == '?')
			end = memmem(s + i + 2, n - i - 2, "?>", 2);
		else if (n - i >= 2 && s[i + 1] == '!')
			end = memchr(s + i, '>', n - i);
		else
			break;
		if (!end)
			return 0;
		i = (size_t)(end - s) + 1;
	}
	i++;
	for (j = 0; i + j < n && j + 1 < outsz; j++) {
		char c = s[i + j];
		if (c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\r' || c == '\n')
			break;
		out[j] = c;
	}
	out[j] = '\0';
	{
		char *colon = strchr(out, ':');
		if (colon)
			memmove(out, colon + 1, strlen(colon));
	}
	return out[0] != '\0';
}

/* The FCDO's CSV export of the UK Sanctions List: "Unique ID" and "Name 6"
 * columns in its header, on the first or second line (a report date may
 * come first), and no OFSI "Group Type". */
static int uksl_csv(const char *head, size_t n)
{
	const char *nl = memchr(head, '\n', n);
	size_t end = nl ? (size_t)(nl - head) + 1 : n;
	char two[8192];
	nl = end < n ? memchr(head + end, '\n', n - end) : NULL;
	end = nl ? (size_t)(nl - head) : n;
	if (end >= sizeof(two))
		end = sizeof(two) - 1;
	memcpy(two, head, end);
	two[end] = '\0';
	return strstr(two, "Unique ID") && strstr(two, "Name 6") && !strstr(two, "Group Type");
}

static int detect_head(vg_format *out, const char *path, const char *head,
		       size_t n)
{
	char line[4096];
	size_t i = 0;
	while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' ||
			 head[i] == '\n' || (unsigned char)head[i] == 0xEF ||
			 (unsigned char)head[i] == 0xBB || (unsigned char)head[i] == 0xBF))
		i++;
	if (i < n && head[i] == '<') {
		char root[128];
		if (!xml_root(root, sizeof(root), head + i, n - i))
			return vg__error_set(VG_EDATA, "%s: XML without a root element in its first "
					     "64 KB", path);
		if (strcmp(root, "CONSOLIDATED_LIST") == 0) {
			*out = VG_FORMAT_UN_XML;
			return 0;
		}
		if (strcmp(root, "export") == 0) {
			*out = VG_FORMAT_EU_XML;
			return 0;
		}
		if (strcmp(root, "Designations") == 0) {
			*out = VG_FORMAT_UKSL_XML;
			return 0;
		}
		return vg__error_set(VG_EDATA,
				     "%s: unknown XML list (root element <%s>); use --format",
				     path, root);
	}
	first_line(line, sizeof(line), head, n);
	if (uksl_csv(head, n))
		return vg__error_set(VG_EDATA,
				     "%s: the UK Sanctions List in CSV; vigil reads the same list in "
				     "XML (uksl-xml), published beside it as UK-Sanctions-List.xml",
				     path);
	if (i < n && head[i] == '{') {
		if (strstr(line, "\"versions\"") && !strstr(line, "\"schema\"")) {
			*out = VG_FORMAT_FTM_JSON; /* a delta index.json */
			return 0;
		}
		if (strstr(line, "\"DATA_SOURCE\"") || strstr(line, "\"RECORD_ID\"")) {
			*out = VG_FORMAT_SENZING_JSON;
			return 0;
		}
		if ((strstr(line, "\"schema\"") && strstr(line, "\"properties\"")) ||
		    (strstr(line, "\"op\"") && strstr(line, "\"entity\"")) ||
		    (strstr(line, "\"schema\"") && strstr(line, "\"id\""))) {
			*out = VG_FORMAT_FTM_JSON;
			return 0;
		}
		return vg__error_set(VG_EDATA,
				     "%s:1: JSON lines that are neither FollowTheMoney nor Senzing",
				     path);
	}
	if (strncasecmp(line, "Last Updated", 12) == 0 ||
	    (strstr(line, "Name 6") && strstr(line, "Group ID"))) {
		*out = VG_FORMAT_UK_CSV;
		return 0;
	}
	if (strchr(line, '\t') && strstr(line, "Name") &&
	    (strstr(line, "FR_Citation") || strstr(line, "Effective_Date"))) {
		*out = VG_FORMAT_DPL_TSV;
		return 0;
	}
	if (strstr(line, "source") && strstr(line, "name") &&
	    (strstr(line, "entity_number") || strstr(line, "programs"))) {
		*out = VG_FORMAT_CSL_CSV;
		return 0;
	}
	/* OFAC rows: ent_num,"NAME",... and, in add/alt, ent_num,num,"..." */
	{
		size_t k = 0, j;
		while (line[k] >= '0' && line[k] <= '9')
			k++;
		if (k > 0 && line[k] == ',') {
			j = k + 1;
			while (line[j] >= '0' && line[j] <= '9')
				j++;
			if (j > k + 1 && line[j] == ',')
				k = j;
			if (line[k + 1] == '"' || strncmp(line + k + 1, "-0-", 3) == 0) {
				*out = VG_FORMAT_OFAC_CSV;
				return 0;
			}
		}
	}
	return vg__error_set(VG_EDATA, "%s: unknown list format; use --format", path);
}

int vg_format_detect(vg_format *out, const char *path)
{
	char head[65536];
	struct stat st;
	FILE *f;
	size_t n;
	int fd, rc;
	*out = VG_FORMAT_AUTO;
	if (!path)
		return vg__error_set(VG_EUSAGE, "no path");
	if (is_dir(path)) {
		if (exists_in(path, "sdn.csv") || exists_in(path, "cons_prim.csv")) {
			*out = VG_FORMAT_OFAC_CSV;
			return 0;
		}
		if (exists_in(path, "index.json")) {
			*out = VG_FORMAT_FTM_JSON;
			return 0;
		}
		return vg__error_set(VG_EDATA,
				     "%s: a folder without sdn.csv, cons_prim.csv or a delta index.json",
				     path);
	}
	if ((rc = vg__open_regular(&fd, &st, path)) < 0)
		return rc;
	if (!(f = fdopen(fd, "rb"))) {
		close(fd);
		return vg__error_set(VG_EIO, "%s: %s", path, strerror(errno));
	}
	n = fread(head, 1, sizeof(head) - 1, f);
	fclose(f);
	head[n] = '\0';
	if (n == 0)
		return vg__error_set(VG_EDATA, "%s: empty file", path);
	return detect_head(out, path, head, n);
}

static vg__parse_fn parser_of(vg_format format)
{
	switch (format) {
	case VG_FORMAT_UN_XML: return vg__un_parse;
	case VG_FORMAT_EU_XML: return vg__eu_parse;
	case VG_FORMAT_UK_CSV: return vg__uk_parse;
	case VG_FORMAT_CSL_CSV: return vg__csl_parse;
	case VG_FORMAT_DPL_TSV: return vg__dpl_parse;
	case VG_FORMAT_FTM_JSON: return vg__ftm_parse;
	case VG_FORMAT_SENZING_JSON: return vg__senzing_parse;
	case VG_FORMAT_UKSL_XML: return vg__uksl_parse;
	default: return NULL;
	}
}

/* The file's checksum (vg__meta_checksum: FNV-1a, a byte at a time, about
 * four cycles a byte) is computed by a thread of its own while the file is
 * parsed: at 1M entities it was a quarter of a second of the thread that
 * holds a build or an update up.  Small files are summed in line. */
#define SUM_THREAD_FROM ((size_t)4 << 20)

typedef struct {
	const char *data;
	size_t len;
	uint64_t h;
	pthread_t th;
	int threaded;
} sum_job;

static void *sum_main(void *arg)
{
	sum_job *j = arg;
	const size_t piece = VG__MAP_PIECE;
	size_t at, n;
	j->h = VG__FNV_SEED;
	/* the file is mapped (vg_source_read): its pages need not stay */
	for (at = 0; at < j->len; at += n) {
		n = j->len - at < piece ? j->len - at : piece;
		j->h = vg__fnv1a(j->data + at, n, j->h);
		vg__map_release(j->data + at, j->data + at + n);
	}
	return NULL;
}

static void sum_start(sum_job *j, const char *data, size_t len)
{
	j->data = data;
	j->len = len;
	j->threaded = len >= SUM_THREAD_FROM && pthread_create(&j->th, NULL, sum_main, j) == 0;
}

/* The checksum, when `need` (the thread is joined either way). */
static uint64_t sum_finish(sum_job *j, int need)
{
	if (j->threaded)
		pthread_join(j->th, NULL);
	else if (need)
		sum_main(j);
	return j->h;
}

int vg_source_read(const char *path, vg_format format, vg_source_meta *meta,
		   const vg_reader_sink *sink)
{
	sum_job sum;
	uint64_t h;
	vg__map m;
	vg__parse_fn fn;
	int rc;
	if (!path || !meta)
		return vg__error_set(VG_EUSAGE, "vg_source_read: missing argument");
	memset(meta, 0, sizeof(*meta));
	if (format == VG_FORMAT_AUTO && (rc = vg_format_detect(&format, path)) < 0)
		return rc;
	if (format == VG_FORMAT_OFAC_CSV)
		return vg__ofac_read(path, meta, sink);
	if (format == VG_FORMAT_FTM_JSON &&
	    (is_dir(path) || strcmp(base_name(path), "index.json") == 0))
		return vg__ftm_read_delta(path, meta, sink);
	if (!(fn = parser_of(format)))
		return vg__error_set(VG_EUSAGE, "unknown format %d", (int)format);
	if (is_dir(path))
		return vg__error_set(VG_EUSAGE, "%s: a folder, but %s reads one file",
				     path, vg_format_name(format));
	if ((rc = vg__map_file(&m, path)) < 0)
		return rc;
	sum_start(&sum, m.data, m.len);
	/* FtM JSON lines grow into millions of entities: let the pages read go */
	if (fn == vg__ftm_parse)
		fn = vg__ftm_parse_mapped;
	rc = fn(path, m.data, m.len, meta, sink);
	h = sum_finish(&sum, rc == 0 && meta->version[0] == '\0');
	if (rc == 0 && meta->version[0] == '\0')
		vg__meta_set_checksum(meta, h);
	vg__unmap_file(&m);
	return rc;
}

int vg_source_parse_mem(const char *name, const char *data, size_t len,
			vg_format format, vg_source_meta *meta,
			const vg_reader_sink *sink)
{
	vg__parse_fn fn;
	int rc;
	if (!name)
		name = "(memory)";
	if (!meta || (!data && len))
		return vg__error_set(VG_EUSAGE, "vg_source_parse_mem: missing argument");
	if (!data)
		data = "";
	memset(meta, 0, sizeof(*meta));
	if (format == VG_FORMAT_AUTO &&
	    (rc = detect_head(&format, name, data, len < 65536 ? len : 65536)) < 0)
		return rc;
	if (format == VG_FORMAT_OFAC_CSV) {
		/* the four files of the set, separated by VG__OFAC_FILE_SEP */
		vg__ofac_files files;
		const char *p = data, *end = data + len;
		int i;
		memset(&files, 0, sizeof(files));
		files.cons = strstr(name, "cons") != NULL;
		for (i = 0; i < 4 && p <= end; i++) {
			const char *q = memchr(p, VG__OFAC_FILE_SEP, (size_t)(end - p));
			static const char *const names[4] = { "sdn.csv", "add.csv",
							      "alt.csv", "sdn_comments.csv" };
			files.name[i] = i == 0 ? name : names[i];
			files.data[i] = p;
			files.len[i] = q ? (size_t)(q - p) : (size_t)(end - p);
			if (!q)
				break;
			p = q + 1;
		}
		rc = vg__ofac_parse(&files, meta, sink);
	} else {
		if (!(fn = parser_of(format)))
			return vg__error_set(VG_EUSAGE, "unknown format %d", (int)format);
		rc = fn(name, data, len, meta, sink);
	}
	if (rc == 0 && meta->version[0] == '\0')
		vg__meta_checksum(meta, data, len);
	return rc;
}
