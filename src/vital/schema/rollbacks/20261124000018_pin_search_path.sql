-- Rollback of 20261124000018_pin_search_path: the functions as 20261124000001 and
-- 20261124000002 left them (search_path not pinned).
DO $$
DECLARE
  fn regprocedure;
BEGIN
  FOREACH fn IN ARRAY ARRAY['auth.jwt()'::regprocedure, 'auth.uid()'::regprocedure] LOOP
    IF pg_catalog.pg_has_role((SELECT proowner FROM pg_catalog.pg_proc WHERE oid = fn), 'USAGE') THEN
      EXECUTE pg_catalog.format('ALTER FUNCTION %s RESET search_path', fn);
    END IF;
  END LOOP;
END $$;
ALTER FUNCTION auth.tenant_id() RESET search_path;
ALTER FUNCTION vital.seed_uuid(text[]) RESET search_path;
ALTER FUNCTION vital.platform_tenant_id() RESET search_path;
