-- Rollback of 20261124000024_bookkeeping: the key-scope policies go, the
-- bookkeeping class and vital.tenant_role() are as 20261124000020_roles left them,
-- the key lookup as 20261124000015_api_access left it.
DO $$
DECLARE
  p record;
BEGIN
  FOR p IN SELECT c.oid::regclass AS tbl, pol.polname
             FROM pg_catalog.pg_policy pol
             JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public'
              AND pol.polname IN ('key_scope_insert', 'key_scope_update', 'key_scope_delete')
  LOOP
    EXECUTE format('DROP POLICY IF EXISTS %I ON %s', p.polname, p.tbl);
  END LOOP;
END $$;
DROP FUNCTION IF EXISTS vital.rollup_agent_performance(date);
DROP FUNCTION IF EXISTS vital.rollup_usage(date);
DROP FUNCTION IF EXISTS vital.record_event(text, text, uuid, jsonb);
DROP FUNCTION IF EXISTS vital.link_llm_usage(uuid, uuid);
DROP FUNCTION IF EXISTS vital.record_llm_usage(text, text, text, text, integer, integer, numeric, integer, uuid, uuid, uuid, uuid);
DROP FUNCTION IF EXISTS vital.log_search(text, text, uuid, uuid, jsonb, jsonb, integer);
DROP FUNCTION IF EXISTS vital.bookkeeping_tenant();

CREATE OR REPLACE PROCEDURE vital.secure_table_roles(tbl regclass, kind text, document_column text DEFAULT NULL)
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  DECLARE
    r constant text := '(SELECT vital.tenant_role())';
    writers text := CASE kind
      WHEN 'data' THEN r || ' = ANY (''{owner,admin,member}''::text[])'
      WHEN 'personal' THEN r || ' = ANY (''{owner,admin,member}''::text[])'
      WHEN 'bookkeeping' THEN r || ' = ANY (''{owner,admin}''::text[])'
      WHEN 'admin' THEN r || ' = ANY (''{owner,admin}''::text[])'
      WHEN 'owner' THEN r || ' = ''owner''' END;
    own_column text;
    inserting text;
    updating text;
  BEGIN
    IF writers IS NULL THEN
      RAISE EXCEPTION 'unknown role class % for %', kind, tbl
        USING ERRCODE = '22023', HINT = 'One of data, personal, bookkeeping, admin, owner.';
    END IF;
    SELECT a.attname INTO own_column
      FROM pg_catalog.pg_attribute a
     WHERE a.attrelid = tbl AND a.attname IN ('user_id', 'created_by') AND NOT a.attisdropped
     ORDER BY a.attname = 'user_id' DESC
     LIMIT 1;
    inserting := writers;
    updating := writers;
    IF kind = 'personal' THEN
      inserting := format('%s OR (%s = ''viewer'' AND %I = (SELECT auth.uid()))', writers, r, own_column);
      updating := inserting;
    ELSIF kind = 'bookkeeping' THEN
      inserting := r || ' IS NOT NULL';
      updating := format('%s OR (%s IS NOT NULL AND created_by = (SELECT auth.uid()))', writers, r);
    END IF;
    EXECUTE format('DROP POLICY IF EXISTS role_read ON %s', tbl);
    EXECUTE format('DROP POLICY IF EXISTS role_insert ON %s', tbl);
    EXECUTE format('DROP POLICY IF EXISTS role_update ON %s', tbl);
    EXECUTE format('DROP POLICY IF EXISTS role_delete ON %s', tbl);
    EXECUTE format('DROP POLICY IF EXISTS documents_readable ON %s', tbl);
    EXECUTE format('CREATE POLICY role_read ON %s AS RESTRICTIVE FOR SELECT TO authenticated '
                   'USING (%s IS NOT NULL)', tbl, r);
    EXECUTE format('COMMENT ON POLICY role_read ON %s IS %L', tbl, 'role class: ' || kind);
    EXECUTE format('CREATE POLICY role_insert ON %s AS RESTRICTIVE FOR INSERT TO authenticated '
                   'WITH CHECK (%s)', tbl, inserting);
    EXECUTE format('CREATE POLICY role_update ON %s AS RESTRICTIVE FOR UPDATE TO authenticated '
                   'USING (%s) WITH CHECK (%s)', tbl, updating, updating);
    EXECUTE format('CREATE POLICY role_delete ON %s AS RESTRICTIVE FOR DELETE TO authenticated '
                   'USING (%s)', tbl, CASE WHEN kind = 'personal' THEN updating ELSE writers END);
    IF document_column IS NOT NULL THEN
      -- ARRAY(...) is an initplan: the set is computed once per statement, then
      -- each row costs one array comparison (see 20261124000016 on cost).
      EXECUTE format('CREATE POLICY documents_readable ON %s AS RESTRICTIVE FOR SELECT TO authenticated '
                     'USING (%I <> ALL (ARRAY(SELECT vital.rag_unreadable_documents())))', tbl, document_column);
    END IF;
  END
  $$;
COMMENT ON PROCEDURE vital.secure_table_roles(regclass, text, text) IS
  'Restrictive role policies of a table by its class (data, personal, bookkeeping, admin, owner), plus document-level reads when document_column is given.';

DROP PROCEDURE IF EXISTS vital.secure_key_scope(regclass);
DROP FUNCTION IF EXISTS vital.key_may_write();

DO $$
DECLARE
  t regclass;
BEGIN
  FOR t IN SELECT p.polrelid::regclass FROM pg_catalog.pg_policy p
            WHERE p.polname = 'role_read' AND obj_description(p.oid, 'pg_policy') = 'role class: bookkeeping'
  LOOP
    CALL vital.secure_table_roles(t, 'bookkeeping');
  END LOOP;
END $$;

DROP FUNCTION IF EXISTS vital.api_key_lookup(uuid, text, text);
CREATE OR REPLACE FUNCTION vital.api_key_scopes(p_tenant_id uuid, p_key_prefix text, p_key_hash text)
  RETURNS TABLE (key_id uuid, scopes text[])
  LANGUAGE sql STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT k.id, k.scopes
    FROM public.api_keys k
    WHERE k.tenant_id = p_tenant_id
      AND k.key_prefix = p_key_prefix
      AND k.key_hash = p_key_hash
      AND k.revoked_at IS NULL
      AND (k.expires_at IS NULL OR k.expires_at > now())
  $$;
COMMENT ON FUNCTION vital.api_key_scopes(uuid, text, text) IS
  'The id and scopes of a live API key of the tenant matching prefix and sha256 hash, else no row. For the API login role.';
REVOKE ALL ON FUNCTION vital.api_key_scopes(uuid, text, text) FROM PUBLIC, anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION vital.api_key_scopes(uuid, text, text) TO vital_api;

CREATE OR REPLACE FUNCTION vital.tenant_role() RETURNS text
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
  DECLARE
    v_tenant uuid := auth.tenant_id();
    v_user   uuid := auth.uid();
    v_key    text := auth.jwt() ->> 'api_key_id';
    v_role   text;
  BEGIN
    IF v_tenant IS NULL THEN
      RETURN NULL;
    END IF;
    IF v_key IS NOT NULL THEN
      SELECT CASE WHEN k.scopes && ARRAY['*', 'all'] THEN 'admin'
                  WHEN 'write' = ANY (k.scopes) THEN 'member'
                  WHEN 'read' = ANY (k.scopes) THEN 'viewer' END
        INTO v_role
        FROM public.api_keys k
       WHERE k.tenant_id = v_tenant AND k.id = v_key::uuid
         AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now());
      RETURN v_role;
    END IF;
    IF v_user IS NULL THEN
      RETURN 'owner';
    END IF;
    SELECT m.role INTO v_role
      FROM public.tenant_members m
     WHERE m.tenant_id = v_tenant AND m.user_id = v_user AND m.status = 'active';
    RETURN v_role;
  END
  $$;
COMMENT ON FUNCTION vital.tenant_role() IS
  'The caller''s role in its tenant: owner, admin, member or viewer from the active membership (user token) or the key''s scopes (API key); NULL gives no rights.';
REVOKE ALL ON FUNCTION vital.tenant_role() FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION vital.tenant_role() TO authenticated, service_role;
