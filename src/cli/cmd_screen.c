/*
 * cmd_screen.c - `vigil screen` (placeholder until its issue lands: says so and
 * fails, never pretends).
 */
#include "cli.h"

int cmd_screen(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "vigil screen: not built yet\n");
	return EXIT_RUNTIME;
}
