-- The extension's functions on a small fictional watchlist
-- (tests/fixtures/pg/watchlist.ftm.jsonl).  Scores are shown as decisions
-- and bounds, not digits, so that a comparator change does not rewrite this
-- file; run.sh checks the exact scores against `vigil match`.
CREATE EXTENSION vigil;
SET vigil.index = 'vigil/lists.idx';

-- what each function promises the planner
SELECT p.proname, p.provolatile, p.proparallel, p.proisstrict, p.proretset
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'vigil'
ORDER BY 1;

-- vigil_compare: names in two scripts, reordered, different people
SELECT vigil_compare('Dmitri Volkonsky', 'Дмитрий Волконский') >= 0.7 AS cyrillic;
SELECT vigil_compare('Volkonsky, Dmitri', 'Dmitri Volkonsky') >= 0.7 AS reordered;
SELECT vigil_compare('Dmitri Volkonsky', 'Maria Castellanos') < 0.5 AS different;
SELECT vigil_compare('Northwind Maritime Holdings Ltd', 'NORTHWIND MARITIME HOLDINGS LIMITED', 'Company') >= 0.7 AS company;
SELECT vigil_compare('same name', 'same name', 'Thing') = 1 AS identical;
SELECT vigil_compare(NULL, 'x') IS NULL AS strict;

-- vigil_match: the columns, one row per result
SELECT entity_id, caption, schema, score >= 0.8 AS high, match, datasets,
       jsonb_typeof(explanation) AS explanation
FROM vigil_match('Dmitri Volkonsky');
SELECT entity_id, match FROM vigil_match('Волконский Дмитрий', 'Person', '1970-05-21', 'ru');
SELECT entity_id, match FROM vigil_match('Omar Haddad', birth_date => '1965', country => 'sy');
SELECT entity_id, match FROM vigil_match('Northwind Maritime Holdings', 'Company');
SELECT entity_id, match FROM vigil_match('Ocean Pearl', 'Vessel');
-- a person query never returns the vessel
SELECT count(*) FROM vigil_match('Ocean Pearl', 'Person');
-- any schema
SELECT entity_id FROM vigil_match('Vostok Trade', NULL);
-- a matching birth date scores higher than a conflicting one
SELECT (SELECT score FROM vigil_match('Dmitri Volkonsky', birth_date => '1970-05-21'))
     > (SELECT score FROM vigil_match('Dmitri Volkonsky', birth_date => '1950-01-01'))
       AS date_counts;
-- threshold and max_results
SELECT entity_id, match FROM vigil_match('Dmitri Volkonsky', threshold => 0.99);
SELECT count(*) <= 1 AS limited FROM vigil_match('Trade Holdings', 'Company', max_results => 1);
-- no one
SELECT count(*) FROM vigil_match('John Smith');
SELECT count(*) FROM vigil_match(NULL);

-- vigil_scan: character offsets, also after non-ASCII text
SELECT mention, start_offset, end_offset, entity_id, schema, score >= 0.8 AS high
FROM vigil_scan('Председатель встретился с Dmitri Volkonsky из Vostok Trade LLC.');
SELECT bool_and(substr(t, start_offset + 1, end_offset - start_offset) = mention) AS offsets
FROM (SELECT 'Überweisung an Northwind Maritime Holdings Ltd für Ocean Pearl' AS t) x,
     LATERAL vigil_scan(t);
SELECT count(*) FROM vigil_scan('Nothing to see here.');

-- vigil_entity: the entity with its links
SELECT vigil_entity('pgt-c1', 0) ->> 'caption' AS caption,
       vigil_entity('pgt-c1', 0) -> 'properties' -> 'jurisdiction' AS jurisdiction;
SELECT jsonb_array_length(vigil_entity('pgt-p1') -> 'properties' -> 'sanctions') AS sanctions;
SELECT vigil_entity('no-such-id') IS NULL AS unknown;

-- vigil_info
SELECT vigil_info() -> 'entities' AS entities,
       jsonb_array_length(vigil_info() -> 'sources') AS sources;

-- the library's ICU (transliteration) and PostgreSQL's own (collations) in
-- one backend: the same Debian ICU, loaded once
SELECT vigil_compare('Владимир Волконский', 'Vladimir Volkonsky', 'Thing') >= 0.7 AS translit,
       'a' < 'B' COLLATE "und-x-icu" AS icu_collation,
       (SELECT string_agg(w, ' ' ORDER BY w COLLATE "und-x-icu")
        FROM unnest(ARRAY['Zürich', 'zebra', 'Ölbaum', 'apple']) w) AS icu_order;
