-- level: error
-- description: Views run with the caller's rights (security_invoker), so that RLS applies through them.
SELECT c.oid::regclass::text, 'the view runs with its owner''s rights and bypasses RLS',
       'ALTER VIEW ' || c.oid::regclass::text || ' SET (security_invoker = true).'
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY (%(schemas)s)
  AND NOT coalesce(c.reloptions && ARRAY['security_invoker=true', 'security_invoker=on', 'security_invoker=1'], false)
