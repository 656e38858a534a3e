-- level: error
-- description: Row-Level Security is forced, so that the table owner is bound by it too (rule 2).
SELECT c.oid::regclass::text, 'row-level security is not forced',
       'ALTER TABLE ' || c.oid::regclass::text || ' FORCE ROW LEVEL SECURITY.'
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (%(schemas)s) AND NOT c.relforcerowsecurity
