/*
 * files.c - regular-file inputs and outputs (see files.h).
 */
#include "files.h"
#include "error.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static const char *kind_of(mode_t m)
{
	if (S_ISDIR(m))
		return "a folder";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "a device";
	if (S_ISSOCK(m))
		return "a socket";
	if (S_ISLNK(m))
		return "a symbolic link";
	return "not a regular file";
}

int vg__open_regular(int *fd, struct stat *st, const char *path)
{
	int flags, e;
	*fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (*fd < 0)
		return vg__error_set(errno == ENOENT ? VG_ENOTFOUND : VG_EIO,
				     "%s: cannot open: %s", path, strerror(errno));
	if (fstat(*fd, st) != 0) {
		e = errno;
		close(*fd);
		*fd = -1;
		return vg__error_set(VG_EIO, "%s: %s", path, strerror(e));
	}
	if (!S_ISREG(st->st_mode)) {
		close(*fd);
		*fd = -1;
		return vg__error_set(VG_EUSAGE, "%s: not a regular file (%s)", path,
				     kind_of(st->st_mode));
	}
	if ((flags = fcntl(*fd, F_GETFL)) < 0 || fcntl(*fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		e = errno;
		close(*fd);
		*fd = -1;
		return vg__error_set(VG_EIO, "%s: %s", path, strerror(e));
	}
	return 0;
}

int vg__check_output(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return 0; /* not there (or unreadable: the write will say) */
	if (S_ISREG(st.st_mode))
		return 0;
	if (S_ISLNK(st.st_mode))
		return vg__error_set(VG_EUSAGE,
				     "%s is a symbolic link: writing would replace the link, not "
				     "the file it points to; give the file's own path (readlink -f "
				     "%s) or remove the link first", path, path);
	return vg__error_set(VG_EUSAGE, "%s exists and is %s, not a regular file: give the "
			     "path of an index file", path, kind_of(st.st_mode));
}
