-- level: error
-- description: Every table under RLS has a role class (vital.secure_table_roles), so that roles and key scopes bound it.
SELECT c.oid::regclass::text, 'the table has no role policies (no role class)',
       'Classify it: CALL vital.secure_table_roles(''' || c.oid::regclass::text
       || ''', ''data''), or personal, bookkeeping, admin, owner (docs/roles.md).'
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (%(schemas)s) AND c.relrowsecurity AND NOT c.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'role_read')
