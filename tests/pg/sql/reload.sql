-- `vigil update` renames a new index file into place: the next statement
-- uses it, a running statement keeps the index it started with, and a
-- damaged file renamed into place is an error until a good one replaces it.
SET vigil.index = 'vigil/lists.idx';
-- swap_to(FILE): what vigil update does (copy beside, rename over), run by
-- the server's own user inside the data directory
CREATE FUNCTION swap_to(f text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('COPY (SELECT 1 WHERE false) TO PROGRAM %L',
                 format('cp %s vigil/lists.tmp && mv vigil/lists.tmp vigil/lists.idx', f));
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
DROP FUNCTION swap_to(text);
