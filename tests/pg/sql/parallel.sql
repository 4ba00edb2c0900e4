-- The screening query of the README in parallel: vigil_match is PARALLEL
-- SAFE, so the customers table is scanned by parallel workers that call it,
-- and the result is the one a plain plan gives.
SET vigil.index = 'vigil/lists.idx';
CREATE TABLE customers (id int PRIMARY KEY, name text, birth_date text, country text);
INSERT INTO customers
SELECT i,
       (ARRAY['James','Mary','Robert','Patricia','John','Jennifer','Michael','Linda',
              'William','Elizabeth','David','Barbara','Richard','Susan','Joseph','Jessica'])[1 + i % 16]
       || ' ' ||
       (ARRAY['Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis',
              'Wilson','Anderson','Taylor','Thomas','Moore','Jackson','Martin','Lee',
              'Thompson','White','Harris','Clark','Lewis','Walker'])[1 + (i / 16) % 22],
       to_char(date '1940-01-01' + i * 7, 'YYYY-MM-DD'),
       (ARRAY['us','gb','ca','au','ie','nz'])[1 + i % 6]
FROM generate_series(1, 2000) i;
INSERT INTO customers VALUES
  (3001, 'Dmitri Volkonsky', '1970-05-21', 'ru'),
  (3002, 'Волконский Дмитрий Александрович', NULL, NULL),
  (3003, 'Maria Castellanos', '1982-11-02', 've'),
  (3004, 'Omar Haddad', '1965', 'sy'),
  (3005, 'Maria Castellanos', '1950-01-01', 'es');
ANALYZE customers;

-- The planner's default costs (only the size floor for a parallel scan is
-- lowered: the table is small).  PostgreSQL charges a function scan once,
-- not once per outer row; vigil_planner_support corrects that for lateral
-- calls (pg_plan.c), which is what makes this plan parallel.  This is the
-- session's first call: the support function also loads the module.
SET max_parallel_workers_per_gather = 2;
SET min_parallel_table_scan_size = 0;
EXPLAIN (COSTS OFF)
SELECT c.id, m.* FROM customers c
CROSS JOIN LATERAL vigil_match(c.name, 'Person', c.birth_date, c.country) m
WHERE m.match;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;

CREATE TABLE alerts_parallel AS
SELECT c.id, m.entity_id, m.score FROM customers c
CROSS JOIN LATERAL vigil_match(c.name, 'Person', c.birth_date, c.country) m
WHERE m.match;
DO $$
DECLARE plan json;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) SELECT c.id, m.* FROM customers c
           CROSS JOIN LATERAL vigil_match(c.name, ''Person'', c.birth_date, c.country) m
           WHERE m.match' INTO plan;
  RAISE NOTICE 'parallel workers launched: %',
    (plan -> 0 -> 'Plan' ->> 'Workers Launched')::int > 0;
END $$;

SET max_parallel_workers_per_gather = 0;
CREATE TABLE alerts_serial AS
SELECT c.id, m.entity_id, m.score FROM customers c
CROSS JOIN LATERAL vigil_match(c.name, 'Person', c.birth_date, c.country) m
WHERE m.match;

-- the listed customers (the generated ones are nobody's namesakes)
SELECT id, entity_id FROM alerts_parallel WHERE id > 3000 ORDER BY id, entity_id;
SELECT count(*) AS differences FROM (
  (TABLE alerts_parallel EXCEPT TABLE alerts_serial)
  UNION ALL
  (TABLE alerts_serial EXCEPT TABLE alerts_parallel)) d;

-- vigil_compare and vigil_scan in parallel too
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT array_agg(id ORDER BY id) FILTER (WHERE id > 3000) AS listed FROM customers
WHERE vigil_compare(name, 'Maria Castellanos') >= 0.7;
SELECT array_agg(id ORDER BY id) FILTER (WHERE id > 3000) AS listed FROM customers
WHERE vigil_compare(name, 'Maria Castellanos') >= 0.7;
SELECT c.id, s.entity_id FROM customers c, LATERAL vigil_scan('Payment to ' || c.name) s
WHERE c.id > 3000 ORDER BY 1, 2;
DROP TABLE customers, alerts_parallel, alerts_serial;
