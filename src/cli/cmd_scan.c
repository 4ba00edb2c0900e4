/*
 * cmd_scan.c - `vigil scan` (placeholder until its issue lands: says so and
 * fails, never pretends).
 */
#include "cli.h"

int cmd_scan(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "vigil scan: not built yet\n");
	return EXIT_RUNTIME;
}
