/*
 * pg_plan.c - telling the planner what a lateral vigil_match costs, so that
 * the screening query of a table runs in parallel on default settings.
 *
 *   SELECT c.id, m.* FROM customers c
 *   CROSS JOIN LATERAL vigil_match(c.name, ...) m WHERE m.match
 *
 * is a nested loop whose inner side is a function scan.  PostgreSQL 15
 * charges a function scan's function cost once, as start-up cost, and
 * charges a rescan only the run cost (costsize.c, cost_rescan: the results
 * are kept in a tuplestore).  That holds for a function of constants; a
 * lateral call is evaluated again for every outer row.  So the planner
 * prices 100,000 matches (seconds of CPU) like one, finds the whole query
 * too cheap for parallel workers, and plans it serially.
 *
 * The fix is in the paths of our own function scans only: when the
 * function-scan relation is lateral (depends on other relations) and calls
 * a function whose planner support function is vigil_planner_support,
 * its start-up cost is moved into its run cost.  Total cost is unchanged;
 * a rescan is then charged the function again, as the executor does.
 *
 * The support function also gives the row estimate, and it is what loads
 * the module during the first planning of a session that uses it (the
 * planner calls it before building paths), so the hook is in place before
 * the first such query's paths are built.
 */
#include "pg_vigil.h"

#include "fmgr.h"
#include "nodes/pathnodes.h"
#include "nodes/supportnodes.h"
#include "optimizer/paths.h"
#include "utils/lsyscache.h"

PG_FUNCTION_INFO_V1(vigil_planner_support);

/* Rows a lateral vigil_match or vigil_scan call is expected to return: most
 * screened parties match nothing, and 1 is the planner's floor. */
#define VGPG_EST_ROWS 1.0

static set_rel_pathlist_hook_type prev_rel_pathlist = NULL;
/* Oid of vigil_planner_support, learnt when the planner first calls it. */
static Oid support_oid = InvalidOid;

Datum vigil_planner_support(PG_FUNCTION_ARGS)
{
	Node *req = (Node *)PG_GETARG_POINTER(0);

	support_oid = fcinfo->flinfo->fn_oid;
	if (IsA(req, SupportRequestRows)) {
		((SupportRequestRows *)req)->rows = VGPG_EST_ROWS;
		PG_RETURN_POINTER(req);
	}
	PG_RETURN_POINTER(NULL);
}

static bool calls_ours(const RangeTblEntry *rte)
{
	ListCell *lc;

	if (!OidIsValid(support_oid))
		return false;
	foreach (lc, rte->functions) {
		RangeTblFunction *f = lfirst_node(RangeTblFunction, lc);
		if (IsA(f->funcexpr, FuncExpr) &&
		    get_func_support(((FuncExpr *)f->funcexpr)->funcid) == support_oid)
			return true;
	}
	return false;
}

static void rel_pathlist(PlannerInfo *root, RelOptInfo *rel, Index rti,
			 RangeTblEntry *rte)
{
	ListCell *lc;

	if (prev_rel_pathlist)
		prev_rel_pathlist(root, rel, rti, rte);
	if (rte->rtekind != RTE_FUNCTION || bms_is_empty(rel->lateral_relids) ||
	    !calls_ours(rte))
		return;
	foreach (lc, rel->pathlist) {
		Path *p = (Path *)lfirst(lc);
		if (p->pathtype == T_FunctionScan)
			p->startup_cost = 0;
	}
}

void vgpg_plan_init(void)
{
	prev_rel_pathlist = set_rel_pathlist_hook;
	set_rel_pathlist_hook = rel_pathlist;
}
