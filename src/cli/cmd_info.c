/*
 * cmd_info.c - `vigil info` (placeholder until its issue lands: says so and
 * fails, never pretends).
 */
#include "cli.h"

int cmd_info(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "vigil info: not built yet\n");
	return EXIT_RUNTIME;
}
