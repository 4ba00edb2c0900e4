/*
 * serve_cases.c - what `vigil serve --cases DB --analyst-keys FILE` opens
 * before the server starts: the case store, and the analysts' keys (one
 * "NAME KEY" per line) that say who decides.
 */
#include "cli.h"
#include "serve_cases.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct serve_cases {
	char *text;            /* the key file; names and keys point into it */
	srv_analyst *analysts; /* in list */
	vg_buf list;
	size_t n;
};

static int read_all(char **text, const char *path)
{
	FILE *f = fopen(path, "rb");
	vg_buf b = VG_BUF_INIT;
	char chunk[4096];
	size_t got;
	*text = NULL;
	if (!f) {
		fprintf(stderr, "vigil serve: %s: %s\n", path, strerror(errno));
		return EXIT_RUNTIME;
	}
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		vg_buf_put(&b, chunk, got);
	if (ferror(f) || vg_buf_puts(&b, "") < 0) {
		fprintf(stderr, "vigil serve: %s: %s\n", path,
			ferror(f) ? "read error" : "out of memory");
		fclose(f);
		vg_buf_dispose(&b);
		return EXIT_RUNTIME;
	}
	fclose(f);
	*text = b.ptr; /* NUL-terminated, the caller's */
	return EXIT_OK;
}

/* One line: "NAME KEY", a comment or nothing. */
static int add_line(struct serve_cases *sc, char *p, const char *path, size_t line)
{
	char *name, *key, *rest;
	srv_analyst *a;
	size_t i;
	if (strchr(p, '#'))
		*strchr(p, '#') = '\0';
	if (!(name = strtok_r(p, " \t\r", &rest)))
		return EXIT_OK;
	key = strtok_r(NULL, " \t\r", &rest);
	if (!key || strtok_r(NULL, " \t\r", &rest) || strlen(key) < 16) {
		fprintf(stderr, "vigil serve: %s:%zu: expected NAME KEY, the key of 16 characters "
				"or more\n", path, line);
		return EXIT_DATA;
	}
	for (i = 0; i < sc->n; i++)
		if (!strcmp(sc->analysts[i].key, key) || !strcmp(sc->analysts[i].name, name)) {
			fprintf(stderr, "vigil serve: %s:%zu: %s is given twice\n", path, line,
				strcmp(sc->analysts[i].key, key) ? "this name" : "this key");
			return EXIT_DATA;
		}
	if (vg_buf_put(&sc->list, (const char *)&(srv_analyst){ name, key }, sizeof(*a)) < 0) {
		fprintf(stderr, "vigil serve: out of memory\n");
		return EXIT_RUNTIME;
	}
	sc->analysts = (srv_analyst *)(void *)sc->list.ptr;
	sc->n++;
	return EXIT_OK;
}

static int load_keys(struct serve_cases *sc, const char *path)
{
	size_t line = 0;
	char *p, *next;
	int rc;
	if ((rc = read_all(&sc->text, path)) != EXIT_OK)
		return rc;
	for (p = sc->text; *p; p = next) {
		if ((next = strchr(p, '\n')))
			*next++ = '\0';
		else
			next = p + strlen(p);
		if ((rc = add_line(sc, p, path, ++line)) != EXIT_OK)
			return rc;
	}
	if (!sc->n) {
		fprintf(stderr, "vigil serve: %s: no analyst in it\n", path);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

int serve_cases_open(struct serve_cases **out, srv_config *cfg, const char *db,
		     const char *keys_path)
{
	struct serve_cases *sc = calloc(1, sizeof(*sc));
	int rc;
	*out = sc;
	if (!sc) {
		fprintf(stderr, "vigil serve: out of memory\n");
		return EXIT_RUNTIME;
	}
	if ((rc = load_keys(sc, keys_path)) != EXIT_OK)
		return rc;
	if (vg_cases_open(&cfg->cases, db, NULL) != 0)
		return cli_fail("serve");
	cfg->analysts = sc->analysts;
	cfg->n_analysts = sc->n;
	return EXIT_OK;
}

void serve_cases_close(struct serve_cases *sc, srv_config *cfg)
{
	vg_cases_free(cfg->cases);
	cfg->cases = NULL;
	cfg->analysts = NULL;
	cfg->n_analysts = 0;
	if (!sc)
		return;
	vg_buf_dispose(&sc->list);
	free(sc->text);
	free(sc);
}
