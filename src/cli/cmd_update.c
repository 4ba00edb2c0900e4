/*
 * cmd_update.c - `vigil update` (placeholder until its issue lands: says so and
 * fails, never pretends).
 */
#include "cli.h"

int cmd_update(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "vigil update: not built yet\n");
	return EXIT_RUNTIME;
}
