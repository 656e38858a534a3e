-- level: error
-- description: Row-Level Security is enabled on every table (rule 2).
SELECT c.oid::regclass::text, 'row-level security is disabled',
       'ALTER TABLE ' || c.oid::regclass::text || ' ENABLE ROW LEVEL SECURITY (CALL vital.secure_tenant_table does it all).'
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (%(schemas)s) AND NOT c.relrowsecurity
