/*
 * scan_json.c - the public scanner handle (vigil/scan.h): the dictionary of
 * an index's names, and the {"mentions": [...]} document of CONTRACT.md.
 *
 * Invariant: a vg_scanner never changes after vg_scanner_new, so threads
 * share it; on failure `out` is restored to the size it had on entry, so a
 * caller never sees half a document.
 */
#include "scan/scanner.h"
#include "graph/graph.h"
#include "index/index_internal.h"
#include "common/alloc.h"
#include "common/error.h"
#include "common/deadline.h"

#include <stdlib.h>
#include <string.h>

int vg__scanner_from_index(vg__scanner **out, const vg_index *ix)
{
	vg__scanner *s = NULL;
	uint32_t ord, n_ent = (uint32_t)vg_index_entity_count(ix);
	int error;

	if ((error = vg__scanner_new(&s)) < 0)
		return error;
	for (ord = 0; ord < n_ent; ord++) {
		const vg_ix_name *nm;
		size_t n, k;
		vg_schema schema = vg__index_schema(ix, ord);
		nm = vg__index_names(ix, ord, &n);
		for (k = 0; k < n; k++) {
			const char *v = vg__index_str(ix, nm[k].value);
			unsigned fl = (nm[k].flags & VG_IXN_WEAK) ? VG_SCAN_NAME_WEAK : 0;
			if ((error = vg__scanner_add_name(s, ord, schema, v, strlen(v),
							  fl)) < 0)
				goto cleanup;
		}
	}
	if ((error = vg__scanner_finish(s)) < 0)
		goto cleanup;
	*out = s;
	s = NULL;
cleanup:
	vg__scanner_free(s);
	return error;
}

static const char *rule_name(unsigned rule)
{
	switch (rule) {
	case VG_SCAN_RULE_FULL: return "name";
	case VG_SCAN_RULE_SINGLE: return "distinctive one-word name";
	case VG_SCAN_RULE_SURNAME: return "surname after the full name";
	case VG_SCAN_RULE_LONE_SURNAME: return "rare surname of a listed person";
	default: return "?";
	}
}

static int topics_cb(void *ctx, const char *value, const char *qual)
{
	vg_buf *out = ctx;
	(void)qual;
	if (out->ptr[out->size - 1] != '[' && vg_buf_puts(out, ",") < 0)
		return -1;
	return vg_buf_put_json_string(out, value, strlen(value)) < 0 ? -1 : 0;
}

static int put_str(vg_buf *out, const char *s)
{
	return vg_buf_put_json_string(out, s, strlen(s));
}

/* The RESULT object of CONTRACT.md for one mention, plus "sanctions". */
static int result_json(vg_buf *out, const vg_index *ix, const vg__scanner *s,
		       const vg__mention *m, const char *text, double threshold)
{
	uint32_t ord = m->entity, r;
	size_t nl;
	const char *listed = vg__scanner_name_text(s, m->name, &nl);
	int rc = 0;

	rc |= vg_buf_puts(out, "{\"id\":");
	rc |= put_str(out, vg__index_id(ix, ord));
	rc |= vg_buf_puts(out, ",\"caption\":");
	rc |= put_str(out, vg__index_caption(ix, ord));
	rc |= vg_buf_puts(out, ",\"schema\":");
	rc |= put_str(out, vg_schema_name(vg__index_schema(ix, ord)));
	rc |= vg_buf_printf(out, ",\"score\":%.4f,\"match\":%s,\"datasets\":",
			    m->score, m->score >= threshold ? "true" : "false");
	rc |= vg__index_datasets_json(ix, ord, ",", out);
	rc |= vg_buf_puts(out, ",\"topics\":[");
	if (rc < 0 || vg__index_prop_each(ix, ord, "topics", topics_cb, out))
		return vg__error_oom();
	rc |= vg_buf_puts(out, "],\"explanation\":{\"rule\":");
	rc |= put_str(out, rule_name(m->rule));
	rc |= vg_buf_puts(out, ",\"listed_name\":");
	rc |= vg_buf_put_json_string(out, listed, nl);
	rc |= vg_buf_puts(out, ",\"text\":");
	rc |= vg_buf_put_json_string(out, text + m->start, m->end - m->start);
	if (m->rule == VG_SCAN_RULE_SURNAME)
		rc |= vg_buf_printf(out, ",\"full_mention_start\":%zu", m->ref_start);
	rc |= vg_buf_puts(out, ",\"alternatives\":[");
	for (r = 0; r < m->n_alternatives; r++) {
		if (r)
			rc |= vg_buf_puts(out, ",");
		rc |= put_str(out, vg__index_id(ix, m->alternatives[r]));
	}
	rc |= vg_buf_puts(out, "]},\"sanctions\":");
	if (rc < 0)
		return vg__error_oom();
	if ((rc = vg__graph_sanctions_json(ix, ord, out)) < 0)
		return rc;
	return vg_buf_puts(out, "}");
}

struct vg_scanner {
	vg__scanner *dict;
	const vg_index *ix;
};

int vg_scanner_new(vg_scanner **out, const vg_index *ix)
{
	vg_scanner *s;
	int error;

	if (out)
		*out = NULL;
	if (!out || !ix)
		return vg__error_set(VG_EUSAGE, "vg_scanner_new: NULL argument");
	if (!(s = vg__calloc(1, sizeof(*s))))
		return vg__error_oom();
	s->ix = ix;
	if ((error = vg__scanner_from_index(&s->dict, ix)) < 0) {
		free(s);
		return error;
	}
	*out = s;
	return 0;
}

void vg_scanner_free(vg_scanner *s)
{
	if (!s)
		return;
	vg__scanner_free(s->dict);
	free(s);
}

int vg_scan_json(const vg_scanner *sc, const char *text, size_t len,
		 const vg_scan_options *opts, vg_buf *out)
{
	vg_scan_options def = VG_SCAN_OPTIONS_INIT;
	const vg__scanner *s;
	const vg_index *ix;
	vg__mention *ms = NULL;
	size_t n = 0, k, mark;
	double threshold;
	uint64_t deadline;
	int error;

	if (!sc || (!text && len) || !out)
		return vg__error_set(VG_EUSAGE, "vg_scan_json: NULL argument");
	if (opts && (opts->version < 1 || opts->version > VG_SCAN_OPTIONS_VERSION))
		return vg__error_set(VG_EUSAGE, "vg_scan_json: options version %u, "
				     "expected 1 to %u", opts->version,
				     VG_SCAN_OPTIONS_VERSION);
	if (!opts)
		opts = &def;
	if (!text)
		text = "";
	s = sc->dict;
	ix = sc->ix;
	mark = out->size;
	deadline = opts->version >= 2 ? vg__deadline_after_ms(opts->time_limit_ms) : 0;
	threshold = opts->threshold < 0 ? VG_SCAN_DEFAULT_THRESHOLD : opts->threshold;
	if ((error = vg__scan_until(&ms, &n, s, text, len, threshold, opts->html,
				    deadline)) < 0)
		goto cleanup;
	if ((error = vg_buf_puts(out, "{\"mentions\":[")) < 0)
		goto cleanup;
	for (k = 0; k < n; k++) {
		const vg__mention *m = &ms[k];
		if (vg__deadline_passed(deadline, k, 255)) {
			error = vg__error_set(VG_ETIMEOUT, "time limit exceeded "
					      "writing mention %zu of %zu", k, n);
			goto cleanup;
		}
		if ((error = vg_buf_printf(out, "%s{\"start\":%zu,\"end\":%zu,\"text\":",
					   k ? "," : "", m->start, m->end)) < 0 ||
		    (error = vg_buf_put_json_string(out, text + m->start,
						    m->end - m->start)) < 0 ||
		    (error = vg_buf_puts(out, ",\"result\":")) < 0 ||
		    (error = result_json(out, ix, s, m, text, threshold)) < 0 ||
		    (error = vg_buf_puts(out, ",\"links\":")) < 0 ||
		    (error = vg__graph_links_json(ix, m->entity, opts->links_depth,
						  out)) < 0 ||
		    (error = vg_buf_puts(out, "}")) < 0)
			goto cleanup;
	}
	error = vg_buf_puts(out, "]}");

cleanup:
	free(ms);
	if (error < 0 && out->ptr) {
		out->size = mark;
		out->ptr[mark] = '\0';
	}
	return error < 0 ? error : 0;
}
