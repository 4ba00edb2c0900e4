/*
 * state.c - the per-source state file of `vigil update`.
 *
 *     vigil-update-state 1
 *     checked_at 1767225600
 *     changed_at 1767225600
 *     entities 8976
 *     version 20240528134729-3iv
 *     data v1767225600-4242
 *     file URL<TAB>LOCAL<TAB>ETAG<TAB>LAST-MODIFIED<TAB>SHA256<TAB>SIZE
 *
 * Invariant: the file on disk is always complete (written to a temporary
 * name and renamed), and a state that fails to parse is dropped rather
 * than trusted: it only makes the next download unconditional.
 */
#include "state.h"
#include "common/error.h"
#include "common/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATE_MAGIC "vigil-update-state 1"

void vg__state_init(vg__source_state *st)
{
	memset(st, 0, sizeof(*st));
}

void vg__state_dispose(vg__source_state *st)
{
	free(st->files);
	vg__state_init(st);
}

int vg__state_add(vg__state_file **out, vg__source_state *st)
{
	if (vg__grow(&st->files, &st->cap_files, st->n_files + 1, sizeof(*st->files)))
		return VG_ENOMEM;
	*out = &st->files[st->n_files++];
	memset(*out, 0, sizeof(**out));
	return 0;
}

vg__state_file *vg__state_find(vg__source_state *st, const char *url)
{
	size_t i;
	for (i = 0; i < st->n_files; i++)
		if (!strcmp(st->files[i].url, url))
			return &st->files[i];
	return NULL;
}

/* Copies field [s, e) into dst[cap]; false when it does not fit. */
static bool take(char *dst, size_t cap, const char *s, const char *e)
{
	size_t n = (size_t)(e - s);
	if (n >= cap)
		return false;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return true;
}

static bool parse_file_line(vg__state_file *f, char *line)
{
	char *field[6], *p = line, *tab;
	char num[32], *end;
	int i;
	for (i = 0; i < 6; i++) {
		field[i] = p;
		tab = strchr(p, '\t');
		if (i < 5) {
			if (!tab)
				return false;
			*tab = '\0';
			p = tab + 1;
		}
	}
	if (!take(f->url, sizeof(f->url), field[0], field[0] + strlen(field[0])) ||
	    !take(f->file, sizeof(f->file), field[1], field[1] + strlen(field[1])) ||
	    !take(f->etag, sizeof(f->etag), field[2], field[2] + strlen(field[2])) ||
	    !take(f->last_modified, sizeof(f->last_modified), field[3],
		  field[3] + strlen(field[3])) ||
	    !take(f->sha256, sizeof(f->sha256), field[4], field[4] + strlen(field[4])) ||
	    !take(num, sizeof(num), field[5], field[5] + strlen(field[5])))
		return false;
	if (!f->url[0] || !f->file[0] || strchr(f->file, '/') || f->file[0] == '.')
		return false;
	errno = 0;
	f->size = strtoull(num, &end, 10);
	return !errno && !*end;
}

int vg__state_load(vg__source_state *st, const char *path)
{
	char line[4096];
	bool ok = true, first = true;
	FILE *fp;

	vg__state_dispose(st);
	fp = fopen(path, "r");
	if (!fp)
		return errno == ENOENT ? 0 : vg__error_set(VG_EIO, "%s: %s", path,
							   strerror(errno));
	while (ok && fgets(line, sizeof(line), fp)) {
		size_t n = strlen(line);
		char *end;
		if (n == 0 || line[n - 1] != '\n') {
			ok = false;
			break;
		}
		line[--n] = '\0';
		if (first) {
			ok = !strcmp(line, STATE_MAGIC);
			first = false;
			continue;
		}
		errno = 0;
		if (!strncmp(line, "checked_at ", 11))
			st->checked_at = strtoll(line + 11, &end, 10);
		else if (!strncmp(line, "changed_at ", 11))
			st->changed_at = strtoll(line + 11, &end, 10);
		else if (!strncmp(line, "entities ", 9))
			st->entities = strtoull(line + 9, &end, 10);
		else if (!strncmp(line, "version ", 8)) {
			ok = take(st->version, sizeof(st->version), line + 8, line + n);
			continue;
		} else if (!strncmp(line, "data ", 5)) {
			ok = take(st->data_dir, sizeof(st->data_dir), line + 5, line + n) &&
			     st->data_dir[0] == 'v' && !strchr(st->data_dir, '/');
			continue;
		} else if (!strncmp(line, "file ", 5)) {
			vg__state_file *f = NULL;
			if (vg__state_add(&f, st) < 0) {
				fclose(fp);
				return VG_ENOMEM;
			}
			ok = parse_file_line(f, line + 5);
			continue;
		} else {
			ok = false;
			continue;
		}
		ok = !errno && !*end;
	}
	if (ferror(fp) || first)
		ok = false;
	fclose(fp);
	if (!ok)
		vg__state_dispose(st);
	return 0;
}

int vg__state_save(const vg__source_state *st, const char *path)
{
	vg_buf b = VG_BUF_INIT;
	size_t i;
	int rc = vg_buf_printf(&b, STATE_MAGIC "\nchecked_at %" PRId64 "\nchanged_at %"
			       PRId64 "\nentities %" PRIu64 "\n", st->checked_at,
			       st->changed_at, st->entities);
	if (rc == 0 && st->version[0])
		rc = vg_buf_printf(&b, "version %s\n", st->version);
	if (rc == 0 && st->data_dir[0])
		rc = vg_buf_printf(&b, "data %s\n", st->data_dir);
	for (i = 0; rc == 0 && i < st->n_files; i++) {
		const vg__state_file *f = &st->files[i];
		rc = vg_buf_printf(&b, "file %s\t%s\t%s\t%s\t%s\t%" PRIu64 "\n", f->url,
				   f->file, f->etag, f->last_modified, f->sha256, f->size);
	}
	if (rc == 0)
		rc = vg__write_file_atomic(path, b.ptr, b.size);
	vg_buf_dispose(&b);
	return rc;
}

int vg__write_file_atomic(const char *path, const char *data, size_t len)
{
	char tmp[4200];
	int fd, rc = 0;
	if (snprintf(tmp, sizeof(tmp), "%s.tmp%ld", path, (long)getpid()) >= (int)sizeof(tmp))
		return vg__error_set(VG_EUSAGE, "%s: path too long", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return vg__error_set(VG_EIO, "%s: %s", tmp, strerror(errno));
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = vg__error_set(VG_EIO, "%s: %s", tmp, strerror(errno));
			break;
		}
		data += n;
		len -= (size_t)n;
	}
	if (rc == 0 && fsync(fd) < 0)
		rc = vg__error_set(VG_EIO, "%s: %s", tmp, strerror(errno));
	if (close(fd) < 0 && rc == 0)
		rc = vg__error_set(VG_EIO, "%s: %s", tmp, strerror(errno));
	if (rc == 0 && rename(tmp, path) < 0)
		rc = vg__error_set(VG_EIO, "%s: %s", path, strerror(errno));
	if (rc < 0)
		unlink(tmp);
	return rc;
}

int vg__mkdir_p(const char *path)
{
	char buf[4096];
	size_t i, n = strlen(path);
	if (n == 0 || n >= sizeof(buf))
		return vg__error_set(VG_EUSAGE, "bad folder path '%s'", path);
	memcpy(buf, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (buf[i] == '/' || buf[i] == '\0') {
			char c = buf[i];
			buf[i] = '\0';
			if (mkdir(buf, 0755) < 0 && errno != EEXIST)
				return vg__error_set(VG_EIO, "%s: %s", buf, strerror(errno));
			buf[i] = c;
		}
	}
	return 0;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	return (flag == FTW_DP ? rmdir(path) : unlink(path)) < 0 && errno != ENOENT ? -1 : 0;
}

int vg__rm_rf(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : vg__error_set(VG_EIO, "%s: %s", path,
							   strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return unlink(path) < 0 ? vg__error_set(VG_EIO, "%s: %s", path,
							strerror(errno)) : 0;
	if (nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		return vg__error_set(VG_EIO, "removing %s: %s", path, strerror(errno));
	return 0;
}
