-- level: error
-- description: No policy lets every row through.
SELECT c.oid::regclass::text || ' policy ' || p.polname, 'USING or WITH CHECK is always true',
       'Compare tenant_id with (SELECT auth.tenant_id()) instead.'
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY (%(schemas)s)
  AND (lower(pg_get_expr(p.polqual, p.polrelid)) = 'true'
       OR lower(pg_get_expr(p.polwithcheck, p.polrelid)) = 'true')
