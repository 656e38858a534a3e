-- level: error
-- description: SECURITY DEFINER functions pin search_path, so that a caller cannot slip in objects of its own.
SELECT p.oid::regprocedure::text, 'SECURITY DEFINER without a fixed search_path',
       'ALTER FUNCTION ' || p.oid::regprocedure::text || ' SET search_path = ''''.'
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prosecdef
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) s WHERE s LIKE 'search_path=%%')
