-- Roles and scopes enforced by PostgreSQL (docs/roles.md).
-- Inside a tenant, tenant_isolation lets every caller do everything; the
-- restrictive policies made here narrow that by who the caller is:
-- vital.tenant_role() turns the claims into 'owner' | 'admin' | 'member' |
-- 'viewer' (or NULL: no rights at all, not even reads), and every table gets the
-- policies of its class (data, personal, bookkeeping, admin, owner) from ONE
-- helper, vital.secure_table_roles(). Every table is classified in ONE list below;
-- the validator's table_missing_role_class catches a table that is not.
-- rag_document_access now restricts reads of documents, their versions and their
-- chunks in RLS itself (it used to be honoured by search only).

-- == types ===================================================================

-- == tables ==================================================================
-- Disabling is per membership: a disabled member keeps their row (and its
-- history) but has no rights in this tenant until enabled again.
ALTER TABLE public.tenant_members
  ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'active'
      CONSTRAINT tenant_members_status_check CHECK (status IN ('active', 'disabled'));
COMMENT ON COLUMN public.tenant_members.status IS
  'active, or disabled: a disabled membership gives no rights in the tenant (vital.tenant_role() is NULL).';

-- == functions ===============================================================
-- Who the caller is inside its tenant, looked up at each statement (policies call
-- it as (SELECT vital.tenant_role()), an initplan: once per statement), so that a
-- role change, a disabled membership or a revoked key takes effect at once and a
-- token from a real Supabase Auth (which carries no VITAL role) works too.
-- Definer: it reads tenant_members and api_keys past their own policies (which
-- call this function), and only for the tenant and user of the caller's claims.
--   user token (sub)        -> the role of the ACTIVE membership, else NULL
--   API key (api_key_id)    -> from the key row's scopes: '*' or 'all' -> admin,
--                              'write' -> member, 'read' -> viewer; revoked,
--                              expired, unknown or no such scope -> NULL.
--                              A key has no user, so it never owns a personal row:
--                              a read key writes bookkeeping only.
--   neither (the tenant itself: operators' tools, `vital tenant restore`, tests;
--   only the holder of the JWT secret can sign such a token) -> owner
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

-- The rules of a membership that a policy cannot state, because they compare the
-- old row with the new one or with the other rows of the tenant. Only for callers
-- under RLS (authenticated): operators (owner, service_role) do maintenance, and
-- `vital tenant erase` removes every membership.
CREATE OR REPLACE FUNCTION vital.guard_membership() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  DECLARE
    v_role text;
  BEGIN
    IF current_user <> 'authenticated' THEN
      RETURN coalesce(NEW, OLD);
    END IF;
    v_role := vital.tenant_role();
    IF TG_OP = 'UPDATE' AND OLD.user_id = auth.uid()
       AND (NEW.role, NEW.status, NEW.user_id) IS DISTINCT FROM (OLD.role, OLD.status, OLD.user_id) THEN
      RAISE EXCEPTION 'nobody changes their own membership'
        USING ERRCODE = '42501', HINT = 'Another admin or owner of the tenant changes your role or status.';
    END IF;
    IF TG_OP <> 'INSERT' AND OLD.role = 'owner' AND v_role IS DISTINCT FROM 'owner' THEN
      RAISE EXCEPTION 'only an owner may change or remove an owner''s membership'
        USING ERRCODE = '42501';
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.role = 'owner' AND v_role IS DISTINCT FROM 'owner'
       AND (TG_OP = 'INSERT' OR OLD.role <> 'owner') THEN
      RAISE EXCEPTION 'only an owner may make an owner'
        USING ERRCODE = '42501';
    END IF;
    IF TG_OP <> 'INSERT' AND OLD.role = 'owner' AND OLD.status = 'active'
       AND (TG_OP = 'DELETE' OR NEW.role <> 'owner' OR NEW.status <> 'active') THEN
      -- Serialises owner removals of one tenant: two owners demoting each other at
      -- once must not leave it with none. The count below then sees the other's commit.
      PERFORM pg_advisory_xact_lock(hashtextextended('vital.tenant_owners/' || OLD.tenant_id::text, 0));
      IF NOT EXISTS (SELECT FROM public.tenant_members m
                      WHERE m.tenant_id = OLD.tenant_id AND m.id <> OLD.id
                        AND m.role = 'owner' AND m.status = 'active') THEN
        RAISE EXCEPTION 'the last active owner of a tenant cannot leave, be disabled or be demoted'
          USING ERRCODE = '23514', HINT = 'Make another member an owner first.';
      END IF;
    END IF;
    RETURN coalesce(NEW, OLD);
  END
  $$;
COMMENT ON FUNCTION vital.guard_membership() IS
  'Trigger on tenant_members for callers under RLS: nobody changes their own membership, only owners make, change or remove owners, the last active owner stays.';

-- Role rules in one place, like vital.secure_tenant_table for isolation. Every
-- policy is RESTRICTIVE (it narrows tenant_isolation, never widens it) and reads
-- the role once per statement. Kinds (docs/roles.md):
--   data        owner, admin, member write; viewer and read keys do not
--   personal    as data, and a viewer writes the rows that are their own
--               (user_id, else created_by, = auth.uid())
--   bookkeeping every caller with a role inserts (read keys included); owners
--               and admins update and delete, others update only rows they created
--   admin       owners and admins write
--   owner       owners write
-- Every kind: reading needs a role (a disabled member or revoked key reads nothing).
-- document_column: the table's rows belong to a rag_documents row; the caller sees
-- only those of documents it may read (rag_document_access), through the
-- once-per-statement set vital.rag_unreadable_documents().
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

-- == triggers ================================================================
CREATE OR REPLACE TRIGGER guard_membership BEFORE INSERT OR UPDATE OR DELETE ON public.tenant_members
  FOR EACH ROW EXECUTE FUNCTION vital.guard_membership();

-- == policies ================================================================
-- THE classification of every table (docs/roles.md). A table created later calls
-- vital.secure_table_roles() in its own migration; the validator
-- (table_missing_role_class) refuses a table left out.
DO $$
DECLARE
  t record;
  missing text;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    -- owner: the tenant itself (tier, settings, status)
    ('tenants', 'owner', NULL),
    -- admin: who belongs, with which role, and how they get in; who reads which document
    ('tenant_members', 'admin', NULL), ('tenant_invitations', 'admin', NULL), ('api_keys', 'admin', NULL),
    ('embedding_models', 'admin', NULL), ('rag_document_access', 'admin', NULL),
    -- bookkeeping: written by the services as the caller, whatever its role
    ('tenant_usage', 'bookkeeping', NULL), ('audit_log', 'bookkeeping', NULL), ('search_logs', 'bookkeeping', NULL),
    ('llm_usage', 'bookkeeping', NULL), ('analytics_events', 'bookkeeping', NULL),
    ('usage_metrics', 'bookkeeping', NULL), ('agent_performance', 'bookkeeping', NULL),
    -- personal: a viewer's own use of the platform (asking, searching, giving feedback)
    ('profiles', 'personal', NULL), ('ask_expert_sessions', 'personal', NULL),
    ('ask_expert_messages', 'personal', NULL), ('ask_expert_citations', 'personal', NULL),
    ('search_feedback', 'personal', NULL), ('feedback', 'personal', NULL),
    ('panel_contributions', 'personal', NULL), ('workflow_runs', 'personal', NULL),
    ('workflow_run_steps', 'personal', NULL), ('workflow_checkpoints', 'personal', NULL),
    ('workflow_events', 'personal', NULL), ('workflow_approvals', 'personal', NULL),
    -- data: the tenant's working data (library tables: their tenant rows)
    ('knowledge_domains', 'data', NULL), ('capabilities', 'data', NULL), ('skills', 'data', NULL),
    ('capability_skills', 'data', NULL), ('therapeutic_areas', 'data', NULL), ('industries', 'data', NULL),
    ('regulatory_jurisdictions', 'data', NULL), ('tags', 'data', NULL),
    ('org_functions', 'data', NULL), ('org_departments', 'data', NULL), ('org_roles', 'data', NULL),
    ('org_locations', 'data', NULL), ('org_teams', 'data', NULL), ('org_team_members', 'data', NULL),
    ('org_reporting_lines', 'data', NULL), ('org_role_responsibilities', 'data', NULL),
    ('org_role_skills', 'data', NULL), ('org_role_tools', 'data', NULL), ('org_role_kpis', 'data', NULL),
    ('org_role_therapeutic_areas', 'data', NULL),
    ('panel_archetypes', 'data', NULL), ('prompt_templates', 'data', NULL),
    ('prompt_template_versions', 'data', NULL), ('output_templates', 'data', NULL),
    ('mission_templates', 'data', NULL),
    ('personas', 'data', NULL), ('persona_typical_day_activities', 'data', NULL),
    ('persona_evidence_sources', 'data', NULL), ('persona_motivations', 'data', NULL),
    ('persona_values', 'data', NULL), ('persona_frustrations', 'data', NULL), ('persona_goals', 'data', NULL),
    ('persona_pain_points', 'data', NULL), ('persona_challenges', 'data', NULL),
    ('persona_responsibilities', 'data', NULL), ('persona_tools_used', 'data', NULL),
    ('persona_stakeholders', 'data', NULL), ('persona_skills', 'data', NULL), ('persona_education', 'data', NULL),
    ('persona_certifications', 'data', NULL), ('persona_success_metrics', 'data', NULL),
    ('persona_buying_triggers', 'data', NULL), ('persona_aspirations', 'data', NULL),
    ('persona_conferences', 'data', NULL), ('persona_publications', 'data', NULL),
    ('persona_social_channels', 'data', NULL), ('persona_personality_traits', 'data', NULL),
    ('persona_roles', 'data', NULL), ('persona_vpanes_assessments', 'data', NULL),
    ('jtbds', 'data', NULL), ('jtbd_job_steps', 'data', NULL), ('jtbd_desired_outcomes', 'data', NULL),
    ('jtbd_outcome_ratings', 'data', NULL), ('jtbd_gen_ai_opportunities', 'data', NULL),
    ('jtbd_gen_ai_use_cases', 'data', NULL), ('jtbd_executors', 'data', NULL), ('jtbd_roles', 'data', NULL),
    ('jtbd_constraints', 'data', NULL), ('jtbd_obstacles', 'data', NULL), ('jtbd_pain_points', 'data', NULL),
    ('jtbd_solution_requirements', 'data', NULL), ('jtbd_value_drivers', 'data', NULL),
    ('jtbd_competing_solutions', 'data', NULL), ('jtbd_success_criteria', 'data', NULL),
    ('jtbd_kpis', 'data', NULL), ('jtbd_enablers', 'data', NULL), ('jtbd_evidence_sources', 'data', NULL),
    ('jtbd_related_jobs', 'data', NULL), ('jtbd_ai_assessments', 'data', NULL),
    ('agent_levels', 'data', NULL), ('tools', 'data', NULL), ('agents', 'data', NULL),
    ('agent_tools', 'data', NULL), ('agent_capabilities', 'data', NULL), ('agent_skills', 'data', NULL),
    ('agent_knowledge_domains', 'data', NULL), ('agent_jtbds', 'data', NULL),
    ('agent_prompt_starters', 'data', NULL), ('agent_relationships', 'data', NULL),
    ('agent_success_criteria', 'data', NULL), ('agent_escalation_triggers', 'data', NULL),
    ('agent_regulatory_jurisdictions', 'data', NULL), ('agent_knowledge_sources', 'data', NULL),
    ('agent_versions', 'data', NULL),
    ('knowledge_sources', 'data', NULL), ('knowledge_collections', 'data', NULL),
    ('rag_documents', 'data', 'id'), ('rag_document_versions', 'data', 'document_id'),
    ('rag_knowledge_chunks', 'data', 'document_id'), ('rag_ingestion_jobs', 'data', NULL),
    ('rag_extracted_entities', 'data', NULL), ('rag_document_domains', 'data', NULL),
    ('kg_nodes', 'data', NULL), ('kg_edges', 'data', NULL),
    ('workflow_definitions', 'data', NULL),
    ('panel_sessions', 'data', NULL), ('panel_members', 'data', NULL), ('panel_votes', 'data', NULL),
    ('panel_syntheses', 'data', NULL)
  ) AS classes (name, kind, document_column)
  LOOP
    CALL vital.secure_table_roles(format('public.%I', t.name)::regclass, t.kind, t.document_column);
  END LOOP;
  SELECT string_agg(c.relname, ', ') INTO missing
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relrowsecurity
     AND NOT EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'role_read');
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'tables without a role class: %', missing
      USING HINT = 'Add them to the list of 20261124000020_roles.sql or call vital.secure_table_roles() for them.';
  END IF;
END $$;

-- == indexes =================================================================
