-- level: error
-- description: A table with RLS enabled has policies (otherwise it is silently empty to every role but the owner).
SELECT c.oid::regclass::text, 'row-level security is on but the table has no policy',
       'CALL vital.secure_tenant_table(''' || c.oid::regclass::text || ''').'
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (%(schemas)s) AND c.relrowsecurity
  AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)
