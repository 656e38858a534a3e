-- level: error
-- description: A table with policies has RLS enabled (otherwise its policies do nothing).
SELECT c.oid::regclass::text, 'the table has policies but row-level security is disabled',
       'ALTER TABLE ' || c.oid::regclass::text || ' ENABLE ROW LEVEL SECURITY.'
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (%(schemas)s) AND NOT c.relrowsecurity
  AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)
