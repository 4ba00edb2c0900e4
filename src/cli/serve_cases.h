/*
 * serve_cases.h - the case store and analysts' keys of `vigil serve
 * --cases DB --analyst-keys FILE` (serve_cases.c).
 */
#ifndef VG_CLI_SERVE_CASES_H
#define VG_CLI_SERVE_CASES_H

#include "server.h"

struct serve_cases;

/* Reads the key file and opens the store into cfg (cases, analysts).
 * Returns an exit status, having said what is wrong; call
 * serve_cases_close whatever it returns. */
int serve_cases_open(struct serve_cases **out, srv_config *cfg, const char *db,
		     const char *keys_path);
/* Closes the store and frees the keys (out may be NULL). */
void serve_cases_close(struct serve_cases *sc, srv_config *cfg);

#endif
