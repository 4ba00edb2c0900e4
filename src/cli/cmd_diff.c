/*
 * cmd_diff.c - `vigil diff` (placeholder until its issue lands: says so and
 * fails, never pretends).
 */
#include "cli.h"

int cmd_diff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "vigil diff: not built yet\n");
	return EXIT_RUNTIME;
}
