-- Rollback of 20261124000020_roles.
DO $$
DECLARE
  p record;
BEGIN
  FOR p IN SELECT c.oid::regclass AS tbl, pol.polname
             FROM pg_catalog.pg_policy pol
             JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public'
              AND pol.polname IN ('role_read', 'role_insert', 'role_update', 'role_delete', 'documents_readable')
  LOOP
    EXECUTE format('DROP POLICY IF EXISTS %I ON %s', p.polname, p.tbl);
  END LOOP;
END $$;
DROP TRIGGER IF EXISTS guard_membership ON public.tenant_members;
DROP PROCEDURE IF EXISTS vital.secure_table_roles(regclass, text, text);
DROP FUNCTION IF EXISTS vital.guard_membership();
DROP FUNCTION IF EXISTS vital.tenant_role();
ALTER TABLE public.tenant_members DROP COLUMN IF EXISTS status;
