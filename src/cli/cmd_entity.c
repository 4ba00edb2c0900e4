/*
 * cmd_entity.c - `vigil entity` (placeholder until its issue lands: says so and
 * fails, never pretends).
 */
#include "cli.h"

int cmd_entity(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "vigil entity: not built yet\n");
	return EXIT_RUNTIME;
}
