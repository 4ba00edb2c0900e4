/*
 * cmd_serve.c - `vigil serve` (placeholder until its issue lands: says so and
 * fails, never pretends).
 */
#include "cli.h"

int cmd_serve(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "vigil serve: not built yet\n");
	return EXIT_RUNTIME;
}
