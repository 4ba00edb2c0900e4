/*
 * helpers.h - what the cmocka test files share: where the fixtures, the
 * shared data and the built command are, and skipping cleanly when the
 * shared data folder is absent (a user's fresh clone has no ../shared).
 */
#ifndef VG_TEST_HELPERS_H
#define VG_TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

/* Path of a file under tests/fixtures (static buffer, one at a time). */
static inline const char *fixture(const char *rel)
{
	static char path[4096];
	snprintf(path, sizeof(path), "%s/%s", VG_TEST_FIXTURES, rel);
	return path;
}

/* Path under ../shared, or NULL (after printing "skipped: no ../shared")
 * when the folder is not there.  Use: if (!(p = shared_path(...))) { skip(); } */
static inline const char *shared_path(const char *rel)
{
	static char path[4096];
	struct stat st;
	const char *root = getenv("VIGIL_SHARED");
	if (!root)
		root = VG_TEST_SHARED;
	if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) {
		printf("skipped: no ../shared (%s)\n", root);
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	return path;
}

#endif
