-- vigil extension, version @PROJECT_VERSION@: watchlist screening in SQL.
-- The index is the file named by the setting vigil.index (a superuser sets
-- it, per database with ALTER DATABASE ... SET, or per role or session).
\echo Use "CREATE EXTENSION vigil" to load this file. \quit

-- Name similarity, 0 to 1; a score at or above 0.70 is a match.  Depends on
-- the two names and the library's version only (no index).
CREATE FUNCTION vigil_compare(a text, b text, schema text DEFAULT 'Person')
RETURNS float8
AS 'MODULE_PATHNAME', 'vigil_compare'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 200;

-- Tells the planner that a lateral call runs once per outer row (pg_plan.c),
-- so that screening a table gets a parallel plan.
CREATE FUNCTION vigil_planner_support(internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'vigil_planner_support'
LANGUAGE C STRICT;

CREATE TYPE vigil_match_result AS (
  entity_id text,
  caption text,
  schema text,
  score float8,
  match boolean,
  datasets text[],
  explanation jsonb
);

-- The listed entities that a party resembles, best first.  NULL arguments
-- are "not known"; a NULL name gives no rows.  STABLE: one statement reads
-- one index, even while `vigil update` replaces the file.
CREATE FUNCTION vigil_match(
  name text,
  schema text DEFAULT 'Person',
  birth_date text DEFAULT NULL,
  country text DEFAULT NULL,
  id_number text DEFAULT NULL,
  threshold float8 DEFAULT NULL,
  max_results int DEFAULT 5)
RETURNS SETOF vigil_match_result
AS 'MODULE_PATHNAME', 'vigil_match'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE COST 5000 ROWS 1
SUPPORT vigil_planner_support;

-- Listed entities mentioned in a text; offsets count characters from 0,
-- end exclusive: substr(document, start_offset + 1, end_offset - start_offset)
-- is the mention.
CREATE FUNCTION vigil_scan(document text)
RETURNS TABLE (mention text, start_offset int, end_offset int,
               entity_id text, caption text, schema text, score float8)
AS 'MODULE_PATHNAME', 'vigil_scan'
LANGUAGE C STABLE STRICT PARALLEL SAFE COST 20000 ROWS 1
SUPPORT vigil_planner_support;

-- A listed entity as FollowTheMoney JSON with its links up to links_depth;
-- NULL when the index has no such id.
CREATE FUNCTION vigil_entity(id text, links_depth int DEFAULT 1)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'vigil_entity'
LANGUAGE C STABLE STRICT PARALLEL SAFE COST 1000;

-- The index in use: entities and sources (what `vigil info --json` prints).
CREATE FUNCTION vigil_info()
RETURNS jsonb
AS 'MODULE_PATHNAME', 'vigil_info'
LANGUAGE C STABLE PARALLEL SAFE;
