-- Rollback of 20261124000026_user_references: the triggers it made (found by their
-- functions), then the functions.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT t.tgname, t.tgrelid::regclass AS tbl
      FROM pg_catalog.pg_trigger t
     WHERE t.tgfoid IN ('vital.check_user_exists()'::regprocedure, 'vital.check_user_is_member()'::regprocedure)
  LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', r.tgname, r.tbl);
  END LOOP;
END
$$;
DROP FUNCTION IF EXISTS vital.check_user_is_member();
DROP FUNCTION IF EXISTS vital.check_user_exists();
DROP FUNCTION IF EXISTS vital.refuse_foreign_user();
DROP FUNCTION IF EXISTS vital.in_tenant_context();
