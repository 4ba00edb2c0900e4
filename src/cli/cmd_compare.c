/*
 * cmd_compare.c - `vigil compare` (placeholder until its issue lands: says so and
 * fails, never pretends).
 */
#include "cli.h"

int cmd_compare(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "vigil compare: not built yet\n");
	return EXIT_RUNTIME;
}
