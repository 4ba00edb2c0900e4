/*
 * routes.c - the endpoints of `vigil serve` (see routes.h) and the OpenAPI
 * description written from them.
 *
 * The response schemas are yente's models (yente/data/common.py) with
 * their required fields, so that a client generated for yente reads
 * vigil's answers; vigil's extra fields are allowed (no
 * additionalProperties: false).
 */
#include "routes.h"

#include <string.h>

#define MATCH_PARAMS "limit:integer threshold:number cutoff:number algorithm:string " \
	"include_dataset:string[] exclude_dataset:string[] exclude_schema:string[] " \
	"exclude_entity_ids:string[] topics:string[] changed_since:string fuzzy:boolean"
#define SEARCH_PARAMS "q:string schema:string include_dataset:string[] " \
	"exclude_dataset:string[] exclude_schema:string[] changed_since:string " \
	"countries:string[] topics:string[] datasets:string[] filter:string[] " \
	"limit:integer offset:integer sort:string[] target:boolean fuzzy:boolean " \
	"simple:boolean facets:string[] filter_op:string"
#define PAGE_PARAMS "sort:string[] limit:integer offset:integer"

/* First match wins: a longer literal prefix before a shorter one. */
const srv_route_info srv_routes[] = {
	{ "/match/{dataset}", "post", SRV_ROUTE_SMALL_INLINE, SRV_BODY_JSON, "Matching",
	  "Match entities by their properties (yente's EntityMatchQuery)", MATCH_PARAMS,
	  "EntityMatchResponse" },
	{ "/search/{dataset}", "get", SRV_ROUTE_TRY_INLINE, SRV_BODY_NONE, "Matching",
	  "Search entities by text, with filters and facets", SEARCH_PARAMS, "SearchResponse" },
	{ "/entities/{entity_id}", "get", SRV_ROUTE_TRY_INLINE, SRV_BODY_NONE, "Data access",
	  "An entity with its adjacent entities nested", "nested:boolean", "EntityResponse" },
	{ "/entities/{entity_id}/adjacent", "get", SRV_ROUTE_TRY_INLINE, SRV_BODY_NONE,
	  "Data access", "The entities adjacent to an entity, per property, paged", PAGE_PARAMS,
	  "EntityAdjacentResponse" },
	{ "/entities/{entity_id}/adjacent/{property_name}", "get", SRV_ROUTE_TRY_INLINE,
	  SRV_BODY_NONE, "Data access", "The entities adjacent through one property, paged",
	  PAGE_PARAMS, "AdjacentResultsResponse" },
	{ "/reconcile/{dataset}", "get post", SRV_ROUTE_TRY_INLINE, SRV_BODY_JSON, "Reconciliation",
	  "OpenRefine reconciliation: the service manifest, or a batch of queries",
	  "queries:string extend:string callback:string", NULL },
	{ "/scan", "post", SRV_ROUTE_WORKER, SRV_BODY_SCAN, "Matching",
	  "Mentions of listed parties in a text ({\"text\": ...} or text/plain)", NULL, NULL },
	{ "/admin/{action}", "post", SRV_ROUTE_WORKER, SRV_BODY_NONE, "System",
	  "reload: load the index file again (the admin key)", NULL, NULL },
	/* the case store may wait for another process's write lock */
	{ "/cases", "get post", SRV_ROUTE_WORKER, SRV_BODY_JSON, "Cases",
	  "The case store: alerts, decisions, the review queue", NULL, NULL },
	{ "/catalog", "get", SRV_ROUTE_INLINE, SRV_BODY_NONE, "System",
	  "The datasets of the index (yente's catalog)", NULL, "DataCatalogModel" },
	{ "/algorithms", "get", SRV_ROUTE_INLINE, SRV_BODY_NONE, "Matching",
	  "The scoring algorithm and its default threshold", NULL, "AlgorithmResponse" },
	{ "/healthz", "get", SRV_ROUTE_INLINE, SRV_BODY_NONE, "System", "Liveness", NULL,
	  "StatusResponse" },
	{ "/readyz", "get", SRV_ROUTE_INLINE, SRV_BODY_NONE, "System",
	  "Readiness: an index is loaded", NULL, "StatusResponse" },
	{ "/openapi.json", "get", SRV_ROUTE_INLINE, SRV_BODY_NONE, "System",
	  "This description of the API", NULL, NULL },
};
const size_t srv_n_routes = sizeof(srv_routes) / sizeof(srv_routes[0]);

const srv_route_info *srv_route_find(const char *path)
{
	size_t i;
	for (i = 0; i < srv_n_routes; i++) {
		const char *t = srv_routes[i].path;
		size_t lit = strcspn(t, "{");
		if (!strncmp(path, t, lit) && (t[lit] || !path[lit] || path[lit] == '/'))
			return &srv_routes[i];
	}
	return NULL;
}

/* yente's response models, required fields only (components.schemas). */
static const char schemas[] =
	"{\"ErrorResponse\": {\"type\": \"object\", \"required\": [\"detail\"], "
	"\"properties\": {\"detail\": {\"type\": \"string\"}}}, "
	"\"HTTPValidationError\": {\"type\": \"object\", \"properties\": {\"detail\": "
	"{\"type\": \"array\", \"items\": {\"type\": \"object\", \"required\": [\"loc\", "
	"\"msg\", \"type\"], \"properties\": {\"loc\": {\"type\": \"array\", \"items\": "
	"{\"type\": \"string\"}}, \"msg\": {\"type\": \"string\"}, \"type\": {\"type\": "
	"\"string\"}}}}}}, "
	"\"StatusResponse\": {\"type\": \"object\", \"properties\": {\"status\": "
	"{\"type\": \"string\"}}}, "
	"\"EntityResponse\": {\"type\": \"object\", \"required\": [\"id\", \"caption\", "
	"\"schema\", \"properties\"], \"properties\": {\"id\": {\"type\": \"string\"}, "
	"\"caption\": {\"type\": \"string\"}, \"schema\": {\"type\": \"string\"}, "
	"\"properties\": {\"type\": \"object\", \"additionalProperties\": {\"type\": "
	"\"array\", \"items\": {\"anyOf\": [{\"type\": \"string\"}, {\"$ref\": "
	"\"#/components/schemas/EntityResponse\"}]}}}, \"datasets\": {\"type\": \"array\", "
	"\"items\": {\"type\": \"string\"}}, \"referents\": {\"type\": \"array\", \"items\": "
	"{\"type\": \"string\"}}, \"target\": {\"type\": \"boolean\"}, \"first_seen\": "
	"{\"type\": \"string\", \"nullable\": true}, \"last_seen\": {\"type\": \"string\", "
	"\"nullable\": true}, \"last_change\": {\"type\": \"string\", \"nullable\": true}}}, "
	"\"FeatureResult\": {\"type\": \"object\", \"required\": [\"score\"], \"properties\": "
	"{\"detail\": {\"type\": \"string\", \"nullable\": true}, \"score\": {\"type\": "
	"\"number\"}, \"query\": {}, \"candidate\": {}}}, "
	"\"ScoredEntityResponse\": {\"allOf\": [{\"$ref\": \"#/components/schemas/"
	"EntityResponse\"}, {\"type\": \"object\", \"required\": [\"score\", \"match\", "
	"\"explanations\"], \"properties\": {\"score\": {\"type\": \"number\"}, \"match\": "
	"{\"type\": \"boolean\"}, \"explanations\": {\"type\": \"object\", "
	"\"additionalProperties\": {\"$ref\": \"#/components/schemas/FeatureResult\"}}}}]}, "
	"\"TotalSpec\": {\"type\": \"object\", \"required\": [\"value\"], \"properties\": "
	"{\"value\": {\"type\": \"integer\"}, \"relation\": {\"type\": \"string\"}}}, "
	"\"SearchFacetItem\": {\"type\": \"object\", \"required\": [\"name\", \"label\"], "
	"\"properties\": {\"name\": {\"type\": \"string\"}, \"label\": {\"type\": "
	"\"string\"}, \"count\": {\"type\": \"integer\"}}}, "
	"\"SearchFacet\": {\"type\": \"object\", \"required\": [\"label\", \"values\"], "
	"\"properties\": {\"label\": {\"type\": \"string\"}, \"values\": {\"type\": "
	"\"array\", \"items\": {\"$ref\": \"#/components/schemas/SearchFacetItem\"}}}}, "
	"\"SearchResponse\": {\"type\": \"object\", \"required\": [\"limit\", \"total\", "
	"\"results\", \"facets\"], \"properties\": {\"limit\": {\"type\": \"integer\"}, "
	"\"offset\": {\"type\": \"integer\"}, \"total\": {\"$ref\": \"#/components/schemas/"
	"TotalSpec\"}, \"results\": {\"type\": \"array\", \"items\": {\"$ref\": "
	"\"#/components/schemas/EntityResponse\"}}, \"facets\": {\"type\": \"object\", "
	"\"additionalProperties\": {\"$ref\": \"#/components/schemas/SearchFacet\"}}}}, "
	"\"AdjacentResultsResponse\": {\"type\": \"object\", \"required\": [\"limit\", "
	"\"total\"], \"properties\": {\"limit\": {\"type\": \"integer\"}, \"offset\": "
	"{\"type\": \"integer\"}, \"total\": {\"$ref\": \"#/components/schemas/TotalSpec\"}, "
	"\"results\": {\"type\": \"array\", \"items\": {\"anyOf\": [{\"type\": \"string\"}, "
	"{\"$ref\": \"#/components/schemas/EntityResponse\"}]}}}}, "
	"\"EntityAdjacentResponse\": {\"type\": \"object\", \"required\": [\"entity\", "
	"\"adjacent\"], \"properties\": {\"entity\": {\"$ref\": \"#/components/schemas/"
	"EntityResponse\"}, \"adjacent\": {\"type\": \"object\", \"additionalProperties\": "
	"{\"$ref\": \"#/components/schemas/AdjacentResultsResponse\"}}}}, "
	"\"EntityExample\": {\"type\": \"object\", \"required\": [\"schema\", "
	"\"properties\"], \"properties\": {\"id\": {\"type\": \"string\", \"nullable\": "
	"true}, \"schema\": {\"type\": \"string\"}, \"properties\": {\"type\": \"object\", "
	"\"additionalProperties\": {\"anyOf\": [{\"type\": \"string\"}, {\"type\": "
	"\"array\", \"items\": {}}]}}}}, "
	"\"EntityMatchQuery\": {\"type\": \"object\", \"required\": [\"queries\"], "
	"\"properties\": {\"weights\": {\"type\": \"object\", \"additionalProperties\": "
	"{\"type\": \"number\"}}, \"config\": {\"type\": \"object\"}, \"queries\": {\"type\": "
	"\"object\", \"additionalProperties\": {\"$ref\": \"#/components/schemas/"
	"EntityExample\"}}}}, "
	"\"EntityMatches\": {\"type\": \"object\", \"required\": [\"results\", \"total\", "
	"\"query\"], \"properties\": {\"status\": {\"type\": \"integer\"}, \"results\": "
	"{\"type\": \"array\", \"items\": {\"$ref\": \"#/components/schemas/"
	"ScoredEntityResponse\"}}, \"total\": {\"$ref\": \"#/components/schemas/TotalSpec\"}, "
	"\"query\": {\"$ref\": \"#/components/schemas/EntityExample\"}}}, "
	"\"EntityMatchResponse\": {\"type\": \"object\", \"required\": [\"responses\", "
	"\"limit\"], \"properties\": {\"responses\": {\"type\": \"object\", "
	"\"additionalProperties\": {\"$ref\": \"#/components/schemas/EntityMatches\"}}, "
	"\"limit\": {\"type\": \"integer\"}}}, "
	"\"DataCatalogModel\": {\"type\": \"object\", \"required\": [\"datasets\", "
	"\"current\", \"outdated\"], \"properties\": {\"datasets\": {\"type\": \"array\", "
	"\"items\": {\"type\": \"object\", \"required\": [\"name\", \"title\"], "
	"\"properties\": {\"name\": {\"type\": \"string\"}, \"title\": {\"type\": "
	"\"string\"}, \"version\": {\"type\": \"string\"}, \"updated_at\": {\"type\": "
	"\"string\", \"nullable\": true}}}}, \"current\": {\"type\": \"array\", \"items\": "
	"{\"type\": \"string\"}}, \"outdated\": {\"type\": \"array\", \"items\": {\"type\": "
	"\"string\"}}, \"index_stale\": {\"type\": \"boolean\"}}}, "
	"\"AlgorithmResponse\": {\"type\": \"object\", \"required\": [\"algorithms\", "
	"\"default\", \"best\"], \"properties\": {\"algorithms\": {\"type\": \"array\", "
	"\"items\": {\"type\": \"object\", \"required\": [\"name\"], \"properties\": "
	"{\"name\": {\"type\": \"string\"}, \"description\": {\"type\": \"string\", "
	"\"nullable\": true}}}}, \"default\": {\"type\": \"string\"}, \"best\": {\"type\": "
	"\"string\"}}}}";

static void put_ref(vg_buf *out, const char *schema)
{
	vg_buf_printf(out, "{\"description\": \"%s\", \"content\": {\"application/json\": "
		      "{\"schema\": {\"$ref\": \"#/components/schemas/%s\"}}}}",
		      strcmp(schema, "ErrorResponse") ? "OK" : "Error", schema);
}

/* The parameters of route r: its path's {names}, then its query's. */
static void put_params(vg_buf *out, const srv_route_info *r)
{
	const char *p = r->path, *q = r->params;
	bool first = true;
	vg_buf_puts(out, "[");
	while ((p = strchr(p, '{'))) {
		size_t n = strcspn(++p, "}");
		vg_buf_printf(out, "%s{\"name\": \"%.*s\", \"in\": \"path\", \"required\": true, "
			      "\"schema\": {\"type\": \"string\"}}", first ? "" : ", ", (int)n, p);
		first = false;
		p += n;
	}
	while (q && *q) {
		size_t n = strcspn(q, " "), name = strcspn(q, ":");
		const char *type = q + name + 1;
		size_t tlen = n - name - 1;
		bool many = tlen > 2 && !strncmp(type + tlen - 2, "[]", 2);
		vg_buf_printf(out, "%s{\"name\": \"%.*s\", \"in\": \"query\", \"required\": false, "
			      "\"schema\": ", first ? "" : ", ", (int)name, q);
		if (many)
			vg_buf_printf(out, "{\"type\": \"array\", \"items\": {\"type\": \"%.*s\"}}}",
				      (int)(tlen - 2), type);
		else
			vg_buf_printf(out, "{\"type\": \"%.*s\"}}", (int)tlen, type);
		first = false;
		q += n + (q[n] == ' ');
	}
	vg_buf_puts(out, "]");
}

/* One operation: METHOD of route r. */
static void put_operation(vg_buf *out, const srv_route_info *r, const char *method, size_t mlen)
{
	const char *p;
	vg_buf_printf(out, "\"%.*s\": {\"operationId\": \"%.*s", (int)mlen, method, (int)mlen,
		      method);
	for (p = r->path; *p; p++)
		vg_buf_printf(out, "%c", (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
					     (*p >= '0' && *p <= '9') ? *p : '_');
	vg_buf_puts(out, "\", \"summary\": ");
	vg_buf_put_json_string(out, r->summary, strlen(r->summary));
	vg_buf_puts(out, ", \"tags\": [");
	vg_buf_put_json_string(out, r->tag, strlen(r->tag));
	vg_buf_puts(out, "], \"parameters\": ");
	put_params(out, r);
	if (r->body != SRV_BODY_NONE && !strncmp(method, "post", mlen))
		vg_buf_printf(out, ", \"requestBody\": {\"required\": true, \"content\": "
			      "{\"application/json\": {\"schema\": %s}}}",
			      r->response && !strcmp(r->response, "EntityMatchResponse")
				      ? "{\"$ref\": \"#/components/schemas/EntityMatchQuery\"}"
				      : "{\"type\": \"object\"}");
	vg_buf_puts(out, ", \"responses\": {\"200\": ");
	if (r->response)
		put_ref(out, r->response);
	else
		vg_buf_puts(out, "{\"description\": \"OK\"}");
	vg_buf_puts(out, ", \"422\": ");
	put_ref(out, "HTTPValidationError");
	vg_buf_puts(out, ", \"default\": ");
	put_ref(out, "ErrorResponse");
	vg_buf_puts(out, "}}");
}

int srv_openapi_json(vg_buf *out, const char *base_url)
{
	size_t i;
	vg_buf_printf(out, "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"vigil\", "
		      "\"description\": \"Sanctions screening: yente's matching API, "
		      "OpenRefine reconciliation, text scanning\", \"version\": \"%s\"}, "
		      "\"servers\": [{\"url\": ", vg_version(NULL, NULL, NULL));
	vg_buf_put_json_string(out, base_url ? base_url : "", base_url ? strlen(base_url) : 0);
	vg_buf_puts(out, "}], \"paths\": {");
	for (i = 0; i < srv_n_routes; i++) {
		const srv_route_info *r = &srv_routes[i];
		const char *m = r->methods;
		vg_buf_puts(out, i ? ", " : "");
		vg_buf_put_json_string(out, r->path, strlen(r->path));
		vg_buf_puts(out, ": {");
		while (*m) {
			size_t n = strcspn(m, " ");
			vg_buf_puts(out, m == r->methods ? "" : ", ");
			put_operation(out, r, m, n);
			m += n + (m[n] == ' ');
		}
		vg_buf_puts(out, "}");
	}
	vg_buf_puts(out, "}, \"components\": {\"schemas\": ");
	vg_buf_puts(out, schemas);
	vg_buf_puts(out, ", \"securitySchemes\": {\"ApiKey\": {\"type\": \"apiKey\", "
		    "\"in\": \"header\", \"name\": \"Authorization\", \"description\": "
		    "\"'ApiKey KEY' or 'Bearer KEY' when the server has a key\"}}}, "
		    "\"security\": [{}, {\"ApiKey\": []}]}\n");
	return vg_buf_oom(out) ? -1 : 0;
}
