/*
 * cmd_match.c - `vigil match` (placeholder until its issue lands: says so and
 * fails, never pretends).
 */
#include "cli.h"

int cmd_match(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "vigil match: not built yet\n");
	return EXIT_RUNTIME;
}
