/*
 * state.h - what `vigil update` remembers per source between runs
 * (internal): INDEX.state/NAME/state, a small text file beside the last
 * good download INDEX.state/NAME/vTIME-PID/ (the folder the state names).
 */
#ifndef VG_UPDATE_STATE_H
#define VG_UPDATE_STATE_H

#include "update_internal.h"

/* One downloaded file: where from, where kept, and what the server said. */
typedef struct {
	char url[2048];
	char file[128];          /* name inside current/ */
	char etag[256];
	char last_modified[64];
	char sha256[65];
	uint64_t size;
} vg__state_file;

typedef struct {
	int64_t checked_at;      /* last successful check (200 or 304) */
	int64_t changed_at;      /* last time a new version was swapped in */
	uint64_t entities;       /* screenable records of the last good version */
	char version[64];        /* FtM delta version applied last, or "" */
	char data_dir[64];       /* folder of the last good download, "v..." */
	vg__state_file *files;
	size_t n_files, cap_files;
} vg__source_state;

void vg__state_init(vg__source_state *st);
void vg__state_dispose(vg__source_state *st);
/* Reads `path`; a missing file gives an empty state (returns 0).  A file
 * that does not parse is treated as missing too: the state is a cache, and
 * a fresh download repairs it. */
int vg__state_load(vg__source_state *st, const char *path);
/* Writes `path` atomically (temporary file, fsync, rename). */
int vg__state_save(const vg__source_state *st, const char *path);
/* The entry for url, or NULL. */
vg__state_file *vg__state_find(vg__source_state *st, const char *url);
/* Appends a zeroed entry. */
int vg__state_add(vg__state_file **out, vg__source_state *st);

/* Filesystem helpers shared by the update modules. */
int vg__mkdir_p(const char *path);
/* Removes a tree (no error when it does not exist). */
int vg__rm_rf(const char *path);
/* Writes `data` to `path` atomically. */
int vg__write_file_atomic(const char *path, const char *data, size_t len);

#endif
