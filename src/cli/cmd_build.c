/*
 * cmd_build.c - `vigil build` (placeholder until its issue lands: says so and
 * fails, never pretends).
 */
#include "cli.h"

int cmd_build(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "vigil build: not built yet\n");
	return EXIT_RUNTIME;
}
