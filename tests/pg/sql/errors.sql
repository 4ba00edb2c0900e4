-- Bad input and bad index files: each a PostgreSQL error with a clear
-- message, and the backend stays up (run.sh also reads the server log).
SET vigil.index = 'vigil/lists.idx';

-- arguments
SELECT * FROM vigil_match('');
SELECT * FROM vigil_match('   ');
SELECT * FROM vigil_match(repeat('a', 2000));
SELECT * FROM vigil_match('x', 'Spaceship');
SELECT * FROM vigil_match('x', 'Sanction');
SELECT * FROM vigil_match('x', birth_date => 'yesterday');
SELECT * FROM vigil_match('x', country => repeat('x', 300));
SELECT * FROM vigil_match('x', id_number => repeat('1', 300));
SELECT * FROM vigil_match('x', threshold => 1.5);
SELECT * FROM vigil_match('x', threshold => 'NaN');
SELECT * FROM vigil_match('x', max_results => 0);
SELECT * FROM vigil_match('x', max_results => 1000);
SELECT vigil_compare('', 'x');
SELECT vigil_compare('x', repeat('b', 1025));
SELECT vigil_compare('a', 'b', 'Planet');
SELECT vigil_compare('!!!', '???');
SELECT count(*) FROM vigil_scan(repeat('word ', 2200000));
SELECT vigil_entity('pgt-p1', 9);
SELECT vigil_entity(repeat('x', 300));
SELECT 'still alive' AS backend;

-- the setting
RESET vigil.index;
SELECT vigil_info();
SET vigil.index = '';
SELECT vigil_info();
SET vigil.index = 'vigil/missing.idx';
SELECT vigil_info();
SET vigil.index = 'vigil/folder.idx';
SELECT vigil_info();
SET vigil.index = 'vigil/empty.idx';
SELECT vigil_info();
SET vigil.index = 'vigil/foreign.idx';
SELECT vigil_info();
-- a truncated file and one with a byte flipped in the middle (sizes and
-- section names left out: they change with the index format)
CREATE FUNCTION open_error(f text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE msg text; detail text;
BEGIN
  PERFORM set_config('vigil.index', f, true);
  PERFORM count(*) FROM vigil_match('Dmitri Volkonsky');
  RETURN 'opened';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
  RETURN SQLSTATE || ': ' || msg || E'\n' ||
    regexp_replace(regexp_replace(detail, '[0-9]+', 'N', 'g'),
                   'INDEX: [a-z ]+ section', 'INDEX: X section');
END $$;
SELECT open_error('vigil/truncated.idx');
SELECT open_error('vigil/flipped.idx');
DROP FUNCTION open_error(text);
-- a failed open leaves nothing half-done: the good index works again
SET vigil.index = 'vigil/lists.idx';
SELECT entity_id FROM vigil_match('Dmitri Volkonsky');

-- only a superuser (or a role granted SET on it) may point at a file
CREATE ROLE vigil_reader;
SET ROLE vigil_reader;
SET vigil.index = '/etc/passwd';
SELECT entity_id FROM vigil_match('Dmitri Volkonsky');
RESET ROLE;
-- ... which a superuser can delegate: the role may then choose its index
GRANT SET ON PARAMETER vigil.index TO vigil_reader;
SET ROLE vigil_reader;
SET vigil.index = 'vigil/v2.idx';
SELECT entity_id FROM vigil_match('Lukas Hofstaetter');
RESET ROLE;
RESET vigil.index;
REVOKE SET ON PARAMETER vigil.index FROM vigil_reader;
DROP ROLE vigil_reader;

-- a database whose text is not UTF-8
CREATE DATABASE vigil_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\set regress_db :DBNAME
\c vigil_latin1
CREATE EXTENSION vigil;
SET vigil.index = 'vigil/lists.idx';
SELECT vigil_compare('a', 'b');
SELECT * FROM vigil_match('Dmitri Volkonsky');
\c :regress_db
DROP DATABASE vigil_latin1;
SELECT 'still alive' AS backend;
