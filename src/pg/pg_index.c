/*
 * pg_index.c - the extension's module entry point, the vigil.index setting,
 * and the index each backend has mapped.
 *
 * A backend (and each parallel worker, a process of its own) maps the index
 * the first time a function needs it and keeps it, with one matcher, for
 * its lifetime: this per-process state is the one place the extension holds
 * memory across calls, and all of it is library (malloc) memory or the
 * mapping, released only here.  What is mapped is not the configured file
 * but its private copy (pg_snapshot.c), which nothing rewrites in place.
 *
 * Invariant: within one statement every call of a backend uses the same
 * mapped index.  The file behind vigil.index is looked at (stat) once per
 * statement; when `vigil update` has renamed a new file into place (or the
 * file was rewritten), its device/inode, size or modification time differ
 * and the next statement maps the new version and releases the old one.  A statement that is running
 * during an update finishes on the index it started with; the functions are
 * declared STABLE for exactly that promise.  (A parallel worker that starts
 * after the rename sees the new file: a statement running across an update
 * can mix the two in its workers.  Updates are rare; the README says so.)
 */
#include "pg_vigil.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "access/xact.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "storage/fd.h"
#include "utils/guc.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

PG_MODULE_MAGIC;

void _PG_init(void);

typedef struct {
	vg_index *index;
	vg_matcher *matcher;
	vg_scanner *scanner;      /* built on the first vigil_scan of `index` */
	vg_mention *mentions;     /* the last vg_scan's array (library memory) */
	void *map;                /* the private copy `index` reads (pg_snapshot.c) */
	size_t map_len;
	vg_buf out;
	char path[MAXPGPATH];     /* the setting `index` was opened under */
	dev_t dev;                /* identity of the file the copy was made from */
	ino_t ino;
	off_t size;
	struct timespec mtime;
	TimestampTz checked;      /* statement start of the last stat() */
} vgpg_state;

/* Output buffer capacity kept between calls. */
#define VGPG_KEEP_BYTES (1u << 20)

/* Per-backend state (see the header comment). */
static vgpg_state state = { NULL, NULL, NULL, NULL, NULL, 0, VG_BUF_INIT, "", 0, 0, 0, { 0, 0 }, 0 };
/* The value of vigil.index, owned by the GUC machinery. */
static char *index_setting = NULL;

void _PG_init(void)
{
	DefineCustomStringVariable(
		"vigil.index",
		"Path of the vigil index file that the vigil_* functions read.",
		"A relative path is relative to the data directory. Each backend "
		"maps the file once and maps it again when it has been replaced "
		"(vigil update renames a new file into place).",
		&index_setting, "", PGC_SUSET, 0, NULL, NULL, NULL);
	MarkGUCPrefixReserved("vigil");
	vgpg_plan_init();
}

void vgpg_raise(int rc, const char *what, bool input)
{
	const vg_error *e = vg_error_last();
	int sqlstate;

	switch (rc) {
	case VG_EUSAGE:
		sqlstate = ERRCODE_INVALID_PARAMETER_VALUE;
		break;
	case VG_EDATA:
		sqlstate = input ? ERRCODE_INVALID_PARAMETER_VALUE : ERRCODE_DATA_CORRUPTED;
		break;
	case VG_ENOMEM:
		sqlstate = ERRCODE_OUT_OF_MEMORY;
		break;
	case VG_EIO:
	case VG_ENOTFOUND:
		sqlstate = ERRCODE_UNDEFINED_FILE;
		break;
	default:
		sqlstate = ERRCODE_EXTERNAL_ROUTINE_EXCEPTION;
		break;
	}
	ereport(ERROR, (errcode(sqlstate), errmsg("%s: %s", what,
		e->message[0] ? e->message : "failed")));
	pg_unreachable();
}

char *vgpg_text(text *t, size_t max, const char *what)
{
	size_t len = VARSIZE_ANY_EXHDR(t);

	if (len > max)
		ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			errmsg("%s is too long: %zu bytes, at most %zu", what, len, max)));
	return text_to_cstring(t);
}

void vgpg_require_utf8(void)
{
	if (GetDatabaseEncoding() != PG_UTF8)
		ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			errmsg("vigil needs a database in UTF8 encoding, not %s",
			       GetDatabaseEncodingName())));
}

static bool same_file(const struct stat *sb)
{
	return state.index && sb->st_dev == state.dev && sb->st_ino == state.ino &&
	       sb->st_size == state.size &&
	       sb->st_mtim.tv_sec == state.mtime.tv_sec &&
	       sb->st_mtim.tv_nsec == state.mtime.tv_nsec;
}

/* Maps the file `name` read-only; *len 0 maps nothing. */
static void *map_file(const char *name, size_t *len)
{
	struct stat sb;
	void *map;
	int fd;

	if ((fd = OpenTransientFile(name, O_RDONLY | PG_BINARY)) < 0 || fstat(fd, &sb) != 0)
		ereport(ERROR, (errcode_for_file_access(),
			errmsg("could not open \"%s\": %m", name)));
	*len = (size_t)sb.st_size;
	map = *len ? mmap(NULL, *len, PROT_READ, MAP_SHARED, fd, 0) : NULL;
	CloseTransientFile(fd);
	if (map == MAP_FAILED)
		ereport(ERROR, (errcode_for_file_access(),
			errmsg("could not map \"%s\": %m", name)));
	return map;
}

static void release(void)
{
	vg_scanner_free(state.scanner);
	vg_matcher_free(state.matcher);
	vg_index_free(state.index);
	if (state.map)
		munmap(state.map, state.map_len);
	state.scanner = NULL;
	state.matcher = NULL;
	state.index = NULL;
	state.map = NULL;
}

/* Maps the private copy of the file behind `path` (pg_snapshot.c) and
 * swaps it in; the old index is released only once the new one is ready,
 * so a failure leaves the backend as it was. */
static void load(const char *path)
{
	static const uint64_t empty = 0;
	char copy[MAXPGPATH];
	struct stat src;
	vg_index *ix = NULL;
	vg_matcher *m = NULL;
	void *map;
	size_t len;
	int rc;

	vgpg_snapshot(copy, sizeof(copy), &src, path);
	map = map_file(copy, &len);
	if ((rc = vg_index_parse(&ix, map ? map : &empty, len)) != 0 ||
	    (rc = vg_matcher_new(&m, ix)) != 0) {
		vg_index_free(ix); /* records no error: the message stays */
		if (map)
			munmap(map, len);
		if (rc == VG_EDATA && strcmp(copy, path) != 0)
			unlink(copy); /* never the configured file itself */
		ereport(ERROR, (errcode(rc == VG_ENOMEM ? ERRCODE_OUT_OF_MEMORY : ERRCODE_DATA_CORRUPTED),
			errmsg("could not use vigil index \"%s\"", path),
			errdetail("%s", vg_error_last()->message),
			errhint("Rebuild it with vigil build or vigil update.")));
	}
	release();
	state.index = ix;
	state.matcher = m;
	state.map = map;
	state.map_len = len;
	state.dev = src.st_dev;
	state.ino = src.st_ino;
	state.size = src.st_size;
	state.mtime = src.st_mtim;
	vgpg_snapshot_prune(path, copy);
}

/* stat()s the file behind the setting and maps it when it is new. */
static void refresh(const char *path)
{
	struct stat sb;

	if (strlen(path) >= MAXPGPATH)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("vigil.index is too long (%zu bytes)", strlen(path))));
	if (stat(path, &sb) != 0)
		ereport(ERROR, (errcode_for_file_access(),
			errmsg("could not open vigil index \"%s\": %m", path)));
	if (!S_ISREG(sb.st_mode))
		ereport(ERROR, (errcode(ERRCODE_WRONG_OBJECT_TYPE),
			errmsg("vigil index \"%s\" is not a regular file", path)));
	if (!same_file(&sb))
		load(path);
	strlcpy(state.path, path, sizeof(state.path));
}

void vgpg_index(vgpg_handle *out)
{
	const char *path = index_setting;
	TimestampTz stmt = GetCurrentStatementStartTimestamp();

	if (!path || !path[0])
		ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			errmsg("vigil.index is not set"),
			errhint("Name an index file: SET vigil.index = '/var/lib/vigil/lists.idx', "
				"or ALTER DATABASE ... SET vigil.index = ....")));
	if (!state.index || stmt != state.checked || strcmp(path, state.path) != 0) {
		refresh(path);
		state.checked = stmt;
	}
	/* one huge scan result must not stay allocated for the backend's life */
	if (state.out.asize > VGPG_KEEP_BYTES)
		vg_buf_dispose(&state.out);
	vg_buf_clear(&state.out);
	free(state.mentions);
	state.mentions = NULL;
	out->index = state.index;
	out->matcher = state.matcher;
	out->out = &state.out;
	out->mentions = &state.mentions;
}

const vg_scanner *vgpg_scanner(const vgpg_handle *h)
{
	int rc;

	if (!state.scanner && (rc = vg_scanner_new(&state.scanner, h->index)) != 0)
		ereport(ERROR, (errcode(rc == VG_ENOMEM ? ERRCODE_OUT_OF_MEMORY : ERRCODE_INTERNAL_ERROR),
			errmsg("could not build the scanner of vigil index \"%s\"", state.path),
			errdetail("%s", vg_error_last()->message)));
	return state.scanner;
}
