-- level: error
-- description: every function of ours pins search_path (Supabase's function_search_path_mutable), so that no caller can change what its names resolve to.
SELECT p.oid::regprocedure::text, 'function without a fixed search_path',
       'ALTER FUNCTION ' || p.oid::regprocedure::text || ' SET search_path = '''' (and schema-qualify its body).'
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname IN ('vital', 'public', 'auth')
  AND pg_has_role(p.proowner, 'USAGE')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) s WHERE s LIKE 'search_path=%%')
