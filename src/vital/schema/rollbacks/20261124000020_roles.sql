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
-- rag_document_readable as 20261124000010_knowledge made it.
CREATE OR REPLACE FUNCTION vital.rag_document_readable(doc_tenant_id uuid, doc_id uuid) RETURNS boolean
  LANGUAGE sql STABLE
  SET search_path = ''
  AS $$
    SELECT doc_tenant_id = vital.platform_tenant_id()
        OR NOT EXISTS (SELECT FROM public.rag_document_access a
                        WHERE a.tenant_id = doc_tenant_id AND a.document_id = doc_id)
        OR EXISTS (SELECT FROM public.rag_document_access a
                    WHERE a.tenant_id = doc_tenant_id AND a.document_id = doc_id
                      AND a.principal_type = 'user' AND a.user_id = auth.uid())
        OR EXISTS (SELECT FROM public.rag_document_access a
                     JOIN public.org_team_members tm
                       ON tm.tenant_id = a.tenant_id AND tm.org_team_id = a.team_id
                    WHERE a.tenant_id = doc_tenant_id AND a.document_id = doc_id
                      AND a.principal_type = 'team' AND tm.user_id = auth.uid()
                      AND (tm.left_on IS NULL OR tm.left_on > current_date))
        OR EXISTS (SELECT FROM public.tenant_members m
                    WHERE m.tenant_id = doc_tenant_id AND m.user_id = auth.uid()
                      AND m.role IN ('owner', 'admin'))
  $$;
DROP FUNCTION IF EXISTS vital.tenant_role();
ALTER TABLE public.tenant_members DROP COLUMN IF EXISTS status;
