-- Every table and view of schema public, plus auth.users (created by the core
-- domain where Supabase does not provide it). Partitions are documented through
-- their parent.
SELECT c.oid,
       n.nspname                          AS schema,
       c.relname                          AS name,
       c.relkind                          AS kind,
       obj_description(c.oid, 'pg_class') AS comment,
       c.relrowsecurity                   AS rls_enabled,
       c.relforcerowsecurity              AS rls_forced,
       coalesce(c.reloptions, '{}')       AS options,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS definition
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm')
  AND NOT c.relispartition
  AND (n.nspname = 'public' OR (n.nspname = 'auth' AND c.relname = 'users'))
ORDER BY n.nspname, c.relname;
