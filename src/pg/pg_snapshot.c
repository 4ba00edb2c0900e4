/*
 * pg_snapshot.c - the private, never-rewritten copy of the index file that
 * backends map.
 *
 * Why: a mapped file that someone rewrites in place (`cp new.idx
 * lists.idx` truncates and refills the same inode) kills every process
 * reading it, with SIGBUS past the new end or with garbage under offsets
 * that were validated when the file was opened.  In PostgreSQL a backend
 * that dies of a signal makes the postmaster restart every backend.  So
 * each version of the file (its device, inode, size and modification time)
 * is copied once into PostgreSQL's temporary-file folder, and backends map
 * that copy, which nothing rewrites: the copy is written under a temporary
 * name and renamed into place, and a copy whose source changed while it
 * was being made is thrown away.  `vigil update` renames new files into
 * place, so each update makes one new copy.
 *
 * Where: base/pgsql_tmp/pgsql_tmp_vigil_<hash of the setting>_<identity>.idx.
 * The pgsql_tmp prefix makes PostgreSQL remove these files when it starts
 * (and after a crash), and keeps them out of base backups.  Once a backend
 * has mapped a new copy it removes the older copies made for the same
 * setting: a backend that still maps one keeps its pages (Linux unlinks a
 * mapped file only when the last mapping goes).
 */
#include "pg_vigil.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/hashfn.h"
#include "miscadmin.h"
#include "storage/fd.h"

#define SNAP_DIR "base/" PG_TEMP_FILES_DIR
#define SNAP_PREFIX PG_TEMP_FILE_PREFIX "_vigil_"
#define COPY_CHUNK (1 << 20)

static bool same_identity(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* The copy's name prefix for one setting: SNAP_DIR/SNAP_PREFIX<hash>_ */
static void name_prefix(char *out, size_t len, const char *setting)
{
	snprintf(out, len, "%s/%s%08x_", SNAP_DIR, SNAP_PREFIX,
		 hash_bytes((const unsigned char *)setting, (int)strlen(setting)));
}

/* Copies the open file `in` (identity `src`) to `to`, or raises an error;
 * `to` appears complete or not at all. */
static void copy_to(int in, const char *from, const struct stat *src, const char *to)
{
	char tmp[MAXPGPATH];
	char *buf = palloc(COPY_CHUNK);
	struct stat after;
	ssize_t n = 0;
	int out;

	snprintf(tmp, sizeof(tmp), "%s.%d.tmp", to, MyProcPid);
	if (MakePGDirectory(SNAP_DIR) != 0 && errno != EEXIST)
		ereport(ERROR, (errcode_for_file_access(),
			errmsg("could not create directory \"%s\": %m", SNAP_DIR)));
	if ((out = OpenTransientFile(tmp, O_WRONLY | O_CREAT | O_TRUNC | PG_BINARY)) < 0)
		ereport(ERROR, (errcode_for_file_access(),
			errmsg("could not create file \"%s\": %m", tmp)));
	while ((n = read(in, buf, COPY_CHUNK)) > 0) {
		errno = 0;
		if (write(out, buf, (size_t)n) != n) {
			n = -1;
			if (errno == 0)
				errno = ENOSPC;
			break;
		}
	}
	if (n < 0 || fstat(in, &after) != 0) {
		int e = errno;
		CloseTransientFile(out);
		unlink(tmp);
		errno = e;
		ereport(ERROR, (errcode_for_file_access(),
			errmsg("could not copy vigil index \"%s\" to \"%s\": %m", from, tmp)));
	}
	CloseTransientFile(out);
	if (!same_identity(src, &after)) {
		unlink(tmp);
		ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			errmsg("vigil index \"%s\" changed while it was being read", from),
			errhint("Replace the file by renaming a complete one into place, "
				"as vigil update does.")));
	}
	if (rename(tmp, to) != 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
		ereport(ERROR, (errcode_for_file_access(),
			errmsg("could not rename \"%s\" to \"%s\": %m", tmp, to)));
	}
	pfree(buf);
}

void vgpg_snapshot(char *out, size_t outlen, struct stat *src, const char *setting)
{
	char prefix[MAXPGPATH];
	int in;

	if ((in = OpenTransientFile(setting, O_RDONLY | PG_BINARY)) < 0)
		ereport(ERROR, (errcode_for_file_access(),
			errmsg("could not open vigil index \"%s\": %m", setting)));
	if (fstat(in, src) != 0)
		ereport(ERROR, (errcode_for_file_access(),
			errmsg("could not stat vigil index \"%s\": %m", setting)));
	if (!S_ISREG(src->st_mode))
		ereport(ERROR, (errcode(ERRCODE_WRONG_OBJECT_TYPE),
			errmsg("vigil index \"%s\" is not a regular file", setting)));
	name_prefix(prefix, sizeof(prefix), setting);
	snprintf(out, outlen, "%s%llx_%llx_%llx_%llx.%09ld.idx", prefix,
		 (unsigned long long)src->st_dev, (unsigned long long)src->st_ino,
		 (unsigned long long)src->st_size, (unsigned long long)src->st_mtim.tv_sec,
		 (long)src->st_mtim.tv_nsec);
	if (access(out, R_OK) != 0)
		copy_to(in, setting, src, out);
	CloseTransientFile(in);
}

void vgpg_snapshot_prune(const char *setting, const char *keep)
{
	char prefix[MAXPGPATH], path[MAXPGPATH];
	const char *base;
	size_t plen, len;
	struct dirent *de;
	DIR *dir;

	name_prefix(prefix, sizeof(prefix), setting);
	base = prefix + strlen(SNAP_DIR) + 1;
	plen = strlen(base);
	if (!(dir = AllocateDir(SNAP_DIR)))
		return;
	while ((de = ReadDirExtended(dir, SNAP_DIR, LOG)) != NULL) {
		len = strlen(de->d_name);
		if (strncmp(de->d_name, base, plen) != 0 || len < 4 ||
		    strcmp(de->d_name + len - 4, ".idx") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", SNAP_DIR, de->d_name);
		if (strcmp(path, keep) != 0)
			unlink(path);
	}
	FreeDir(dir);
}
