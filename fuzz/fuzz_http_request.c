/*
 * fuzz_http_request.c - libFuzzer target for what `vigil serve` parses from
 * untrusted clients (src/server/request.c and reconcile_query.c, compiled
 * in): the request target with its query string, match options, yente
 * /match bodies, OpenRefine reconciliation queries and /scan bodies.
 *
 * Input: "METHOD PATH[?QUERY]\nCONTENT-TYPE\nBODY".  Any byte string is
 * accepted; everything parsed must be freed and no read may leave the input.
 */
#include "../src/server/request.c"
#include "../src/server/reconcile_query.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const srv_limits lim = { 4096, 8, 12, 50, 32, 4096, 1 << 20, 64 };
	const char *p = (const char *)data, *end = p + size, *nl, *q;
	char target[512], ctype[64];
	srv_args args = SRV_ARGS_INIT;
	srv_route route;
	srv_err err;
	srv_batch batch;
	srv_recon_item *recon = NULL;
	size_t n, tlen, blen;
	vg_match_options opts = VG_MATCH_OPTIONS_INIT;
	const char **lists = NULL, *text, *queries;
	json_object *root = NULL;

	if (!(nl = memchr(p, '\n', size)))
		return 0;
	n = (size_t)(nl - p);
	tlen = n < sizeof(target) - 1 ? n : sizeof(target) - 1;
	memcpy(target, p, tlen);
	target[tlen] = '\0';
	p = nl + 1;
	nl = memchr(p, '\n', (size_t)(end - p));
	n = nl ? (size_t)(nl - p) : 0;
	if (n > sizeof(ctype) - 1)
		n = sizeof(ctype) - 1;
	memcpy(ctype, p, n);
	ctype[n] = '\0';
	p = nl ? nl + 1 : end;
	blen = (size_t)(end - p);

	/* "METHOD PATH?QUERY" as MHD hands them over */
	q = strchr(target, ' ');
	q = q ? q + 1 : target;
	{
		char *qs = strchr((char *)q, '?');
		if (qs) {
			*qs = '\0';
			srv_args_parse_form(&args, qs + 1, strlen(qs + 1));
		}
	}
	srv_args_check(&args, "query string", &err);
	srv_route_parse(&route, q, &err);
	if (srv_match_options_parse(&opts, &lists, &args, &lim, &err) == 0)
		free(lists);

	if (srv_batch_parse_match(&batch, p, blen, &lim, &err) == 0)
		srv_batch_free(&batch);
	if (srv_batch_parse_reconcile(&batch, &recon, p, blen, &lim, &err) == 0) {
		srv_batch_free(&batch);
		free(recon);
	}
	if ((queries = srv_args_get(&args, "queries")) &&
	    srv_batch_parse_reconcile(&batch, &recon, queries, strlen(queries), &lim, &err) == 0) {
		srv_batch_free(&batch);
		free(recon);
	}
	if (srv_scan_text(&text, &n, &root, ctype, p, blen, &lim, &err) == 0)
		json_object_put(root);
	srv_args_free(&args);
	return 0;
}
