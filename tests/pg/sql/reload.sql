-- `vigil update` renames a new index file into place: the next statement
-- uses it, a running statement keeps the index it started with, and a
-- damaged file renamed into place is an error until a good one replaces it.
SET vigil.index = 'vigil/lists.idx';
-- sh(COMMAND): a shell command, run by the server's own user inside the
-- data directory
CREATE FUNCTION sh(cmd text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('COPY (SELECT 1 WHERE false) TO PROGRAM %L', cmd);
END $$;
-- swap_to(FILE): what vigil update does (copy beside, rename over)
CREATE FUNCTION swap_to(f text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sh(format('cp %s vigil/lists.tmp && mv vigil/lists.tmp vigil/lists.idx', f));
  RETURN f;
END $$;

SELECT vigil_info() -> 'entities' AS entities;
SELECT count(*) FROM vigil_match('Lukas Hofstaetter');
SELECT swap_to('vigil/v2.idx');
SELECT vigil_info() -> 'entities' AS entities;
SELECT entity_id, match FROM vigil_match('Lukas Hofstaetter');

-- within one statement: the same index before and after the swap
SELECT vigil_info() -> 'entities' AS before, swap_to('vigil/v1.idx'),
       vigil_info() -> 'entities' AS after;
SELECT vigil_info() -> 'entities' AS next_statement;

-- a damaged file in place: an error, then the next good file is used
SELECT swap_to('vigil/flipped.idx');
SELECT count(*) FROM vigil_match('Dmitri Volkonsky');
SELECT swap_to('vigil/v2.idx');
SELECT vigil_info() -> 'entities' AS entities;
-- a file rewritten in place (cp over it, truncating the same inode) while
-- a statement reads it: backends read a private copy, so the statement
-- finishes on the index it started with; the next one sees the damage
CREATE FUNCTION overwrite_with(f text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sh(format('cp %s vigil/lists.idx', f));
  RETURN f;
END $$;
SELECT (SELECT count(*) FROM vigil_match('Dmitri Volkonsky')) AS before,
       overwrite_with('vigil/truncated.idx'),
       (SELECT count(*) FROM vigil_match('Omar Haddad')) AS after,
       (SELECT count(*) FROM vigil_scan('Lukas Hofstaetter and Maria Castellanos')) AS scanned;
\set VERBOSITY terse
SELECT count(*) FROM vigil_match('Dmitri Volkonsky');
\set VERBOSITY default
SELECT overwrite_with('vigil/v1.idx');
SELECT vigil_info() -> 'entities' AS entities;
-- one private copy per setting (the version in use), older ones removed
SELECT max(n) AS copies_per_setting FROM (
  SELECT count(*) AS n FROM pg_ls_dir('base/pgsql_tmp') f
  WHERE f LIKE 'pgsql_tmp_vigil_%.idx' GROUP BY split_part(f, '_', 4)) c;
DROP FUNCTION swap_to(text);
DROP FUNCTION overwrite_with(text);
DROP FUNCTION sh(text);
