/*
 * cases.c - the /cases endpoints of `vigil serve --cases DB`: the review
 * queue with filters and paging, one alert with why it fired and the
 * entity as listed now, and decisions and approvals by the analyst whose
 * key the request carries.
 *
 *   GET  /cases?state=&changed=&list=&min_score=&max_score=&subject=
 *              &entity=&verdict=&run=&after=&limit=
 *   GET  /cases/runs?limit=
 *   GET  /cases/ID
 *   POST /cases/ID/decision  {"verdict", "reason", "version"}
 *   POST /cases/ID/approval  {"version"}
 *
 * Invariant: the analyst's name comes from the key (server.c maps it)
 * and never from the request body; a decision taken on a version of the
 * alert that is no longer current answers 409 and changes nothing.
 */
#include "handlers.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_LIMIT 50

static void lib_error(srv_response *resp)
{
	const vg_error *e = vg_error_last();
	int status;
	switch (e->code) {
	case VG_EUSAGE:
	case VG_EDATA: status = 400; break;
	case VG_ENOTFOUND: status = 404; break;
	case VG_ECONFLICT: status = 409; break;
	case VG_ETIMEOUT: status = 503; break;
	default: status = 500; break;
	}
	srv_respond_error(resp, status, e->message[0] ? e->message : "the case store failed");
}

static int arg_int(long long *out, const srv_args *args, const char *key, long long min,
		   long long max, srv_err *err)
{
	const char *v = srv_args_get(args, key);
	char *end;
	if (!v)
		return 0;
	errno = 0;
	*out = strtoll(v, &end, 10);
	if (!*v || *end || errno || *out < min || *out > max)
		return srv_err_set(err, 400, "%s: expected a whole number from %lld to %lld", key,
				   min, max);
	return 0;
}

static int arg_score(double *out, const srv_args *args, const char *key, srv_err *err)
{
	const char *v = srv_args_get(args, key);
	char *end;
	if (!v)
		return 0;
	*out = strtod(v, &end);
	if (!*v || *end || !(*out >= 0 && *out <= 1))
		return srv_err_set(err, 400, "%s: expected a score from 0 to 1", key);
	return 0;
}

static int parse_filter(vg_cases_filter *f, const srv_args *args, size_t max_limit, srv_err *err)
{
	long long n;
	const char *v;
	f->state = srv_args_get(args, "state") ? srv_args_get(args, "state") : "open";
	v = srv_args_get(args, "changed");
	f->changed = v && (!strcmp(v, "1") || !strcmp(v, "true"));
	f->dataset = srv_args_get(args, "list");
	f->subject = srv_args_get(args, "subject");
	f->entity = srv_args_get(args, "entity");
	if ((v = srv_args_get(args, "verdict")) &&
	    (f->verdict = vg_verdict_from_name(v)) == VG_VERDICT_NONE)
		return srv_err_set(err, 400, "verdict: match, false_positive or escalate");
	if (arg_score(&f->min_score, args, "min_score", err) ||
	    arg_score(&f->max_score, args, "max_score", err))
		return err->status;
	n = 0;
	if (arg_int(&n, args, "run", 1, INT64_MAX, err))
		return err->status;
	f->run = n;
	n = 0;
	if (arg_int(&n, args, "after", 0, INT64_MAX, err))
		return err->status;
	f->after = n;
	n = DEFAULT_LIMIT;
	if (arg_int(&n, args, "limit", 1, (long long)max_limit, err))
		return err->status;
	f->limit = (size_t)n;
	return 0;
}

static void queue(const srv_ctx *ctx, const srv_request *req, srv_response *resp)
{
	vg_cases_filter f = VG_CASES_FILTER_INIT;
	vg_cases_list *l = NULL;
	srv_err err = { 0 };
	size_t i, n;
	int rc;
	if (parse_filter(&f, req->args, ctx->limits->max_limit, &err)) {
		srv_respond_error(resp, err.status, err.detail);
		return;
	}
	if (vg_cases_alerts(&l, ctx->cases, &f) != 0) {
		lib_error(resp);
		return;
	}
	n = vg_cases_list_count(l);
	vg_buf_clear(&resp->body);
	rc = vg_buf_puts(&resp->body, "{\"analyst\": ");
	rc |= vg_buf_put_json_string(&resp->body, req->analyst, strlen(req->analyst));
	rc |= vg_buf_printf(&resp->body, ", \"total\": %zu, \"limit\": %zu, \"next_after\": ",
			    vg_cases_list_total(l), f.limit);
	if (n == f.limit && n)
		rc |= vg_buf_printf(&resp->body, "%lld",
				    (long long)vg_cases_list_alert(l, n - 1)->id);
	else
		rc |= vg_buf_puts(&resp->body, "null");
	rc |= vg_buf_puts(&resp->body, ", \"alerts\": [");
	for (i = 0; i < n && rc == 0; i++)
		rc = (i ? vg_buf_puts(&resp->body, ", ") : 0) | vg_cases_alert_json(l, i, &resp->body);
	rc |= vg_buf_puts(&resp->body, "]}\n");
	vg_cases_list_free(l);
	if (rc)
		srv_respond_error(resp, 500, "out of memory");
}

/* {"alert": ALERT, "entity": the entity as the loaded index lists it, or
 * null when it left the list} */
static void one(const srv_ctx *ctx, int64_t id, srv_response *resp)
{
	vg_cases_list *l = NULL;
	uint32_t ord;
	int rc;
	if (vg_cases_alert_get(&l, ctx->cases, id) != 0) {
		lib_error(resp);
		return;
	}
	vg_buf_clear(&resp->body);
	rc = vg_buf_puts(&resp->body, "{\"alert\": ");
	rc |= vg_cases_alert_json(l, 0, &resp->body);
	rc |= vg_buf_puts(&resp->body, ", \"entity\": ");
	if (ctx->ix && vg_index_lookup(&ord, ctx->ix->index, vg_cases_list_alert(l, 0)->entity) == 0)
		rc |= vg_index_entity_json(ctx->ix->index, ord, 1, &resp->body);
	else
		rc |= vg_buf_puts(&resp->body, "null");
	rc |= vg_buf_puts(&resp->body, "}\n");
	vg_cases_list_free(l);
	if (rc)
		srv_respond_error(resp, 500, "out of memory");
}

static const char *body_str(json_object *o, const char *key)
{
	json_object *v;
	return json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string) ?
		       json_object_get_string(v) : NULL;
}

/* The body's "version": 0 when absent, -1 (after answering 400) when it
 * is not a positive whole number. */
static int64_t body_version(json_object *o, srv_response *resp)
{
	json_object *v;
	int64_t n;
	if (!json_object_object_get_ex(o, "version", &v) || json_object_is_type(v, json_type_null))
		return 0;
	if (!json_object_is_type(v, json_type_int) || (n = json_object_get_int64(v)) < 1) {
		srv_respond_error(resp, 400, "version: expected the alert's version, a whole "
					     "number from 1");
		return -1;
	}
	return n;
}

static void decide(const srv_ctx *ctx, const srv_request *req, srv_response *resp, int64_t id,
		   bool approval)
{
	vg_cases_decision d = VG_CASES_DECISION_INIT;
	srv_err err = { 0 };
	json_object *body = srv_json_parse(req->body, req->body_len, ctx->limits->max_depth, &err);
	int rc;
	if (!body) {
		srv_respond_error(resp, err.status ? err.status : 400, err.detail);
		return;
	}
	if (!json_object_is_type(body, json_type_object)) {
		srv_respond_error(resp, 400, "the body is a JSON object");
		goto done;
	}
	if ((d.expected_version = body_version(body, resp)) < 0)
		goto done;
	d.alert = id;
	d.analyst = req->analyst;
	if (approval) {
		rc = vg_cases_approve(NULL, ctx->cases, id, req->analyst, d.expected_version);
	} else {
		d.reason = body_str(body, "reason");
		if ((d.verdict = vg_verdict_from_name(body_str(body, "verdict"))) == VG_VERDICT_NONE) {
			srv_respond_error(resp, 400, "verdict: match, false_positive or escalate");
			goto done;
		}
		rc = vg_cases_decide(NULL, ctx->cases, &d);
	}
	if (rc != 0)
		lib_error(resp);
	else
		one(ctx, id, resp);
done:
	json_object_put(body);
}

static void runs(const srv_ctx *ctx, const srv_request *req, srv_response *resp)
{
	long long n = 20;
	srv_err err = { 0 };
	if (arg_int(&n, req->args, "limit", 1, 10000, &err)) {
		srv_respond_error(resp, err.status, err.detail);
		return;
	}
	vg_buf_clear(&resp->body);
	if (vg_buf_puts(&resp->body, "{\"runs\": ") < 0 ||
	    vg_cases_runs_json(ctx->cases, (size_t)n, &resp->body) != 0 ||
	    vg_buf_puts(&resp->body, "}\n") < 0)
		lib_error(resp);
}

void srv_handle_cases(const srv_ctx *ctx, const srv_request *req, srv_response *resp,
		      const char *arg, const char *sub)
{
	bool get = !strcmp(req->method, "GET");
	long long id;
	char *end;
	if (!ctx->cases) {
		srv_respond_error(resp, 404, "no case store: start the server with --cases DB");
		return;
	}
	if (!req->analyst) {
		srv_respond_error(resp, 401, "an analyst key is required (Authorization: Bearer KEY)");
		return;
	}
	if (!arg[0] || !strcmp(arg, "runs")) {
		if (!get || sub[0])
			srv_respond_error(resp, get ? 404 : 405, get ? "no such path" : "use GET");
		else if (arg[0])
			runs(ctx, req, resp);
		else
			queue(ctx, req, resp);
		return;
	}
	errno = 0;
	id = strtoll(arg, &end, 10);
	if (*end || errno || id < 1) {
		srv_respond_error(resp, 404, "no such alert: alerts are numbered from 1");
		return;
	}
	if (!sub[0]) {
		if (get)
			one(ctx, id, resp);
		else
			srv_respond_error(resp, 405, "use GET /cases/ID, or POST /cases/ID/decision");
	} else if (!strcmp(sub, "decision") || !strcmp(sub, "approval")) {
		if (get)
			srv_respond_error(resp, 405, "use POST");
		else
			decide(ctx, req, resp, id, !strcmp(sub, "approval"));
	} else {
		srv_respond_error(resp, 404, "no such path");
	}
}
