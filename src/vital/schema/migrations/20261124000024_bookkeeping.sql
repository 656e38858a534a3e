-- Bookkeeping through SECURITY DEFINER functions, API-key scopes in SQL, and API
-- keys that act for the member who created them (docs/roles.md).
-- Search logs, LLM usage, analytics events and the daily roll-ups are written
-- only by the functions below: tenant and user come from the caller's claims,
-- never from arguments, and the bookkeeping class no longer lets any role write
-- those tables directly. A key without a writer's role (a read key, or a key whose
-- creator is a viewer) is refused every INSERT, UPDATE and DELETE by one
-- restrictive policy per command, with a message that says what to do; the API
-- no longer checks scopes itself. A key with a creator (api_keys.created_by)
-- acts for that member: its claims carry sub = created_by, and vital.tenant_role()
-- gives the lesser of the key's scope role and the creator's current role.

-- == types ===================================================================

-- == tables ==================================================================

-- == functions ===============================================================
-- Who the caller is inside its tenant (20261124000020), now with keys acting for
-- their creator:
--   user token (sub)        -> the role of the ACTIVE membership, else NULL
--   API key (api_key_id)    -> from the key row's scopes: '*' or 'all' -> admin,
--                              'write' -> member, 'read' -> viewer; revoked,
--                              expired, unknown or no such scope -> NULL.
--                              A key with a creator: the lesser of that and the
--                              creator's active membership (none -> NULL), and the
--                              claims' sub must be the creator. A key without one
--                              (seeded, operator-made): the scopes alone, no user.
--   neither (the tenant itself: operators' tools, `vital tenant restore`, tests;
--   only the holder of the JWT secret can sign such a token) -> owner
CREATE OR REPLACE FUNCTION vital.tenant_role() RETURNS text
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
  DECLARE
    ranks  constant text[] := ARRAY['viewer', 'member', 'admin', 'owner'];
    v_tenant uuid := auth.tenant_id();
    v_user   uuid := auth.uid();
    v_key    text := auth.jwt() ->> 'api_key_id';
    v_role   text;
    v_creator uuid;
    v_member text;
  BEGIN
    IF v_tenant IS NULL THEN
      RETURN NULL;
    END IF;
    IF v_key IS NOT NULL THEN
      SELECT CASE WHEN k.scopes && ARRAY['*', 'all'] THEN 'admin'
                  WHEN 'write' = ANY (k.scopes) THEN 'member'
                  WHEN 'read' = ANY (k.scopes) THEN 'viewer' END,
             k.created_by
        INTO v_role, v_creator
        FROM public.api_keys k
       WHERE k.tenant_id = v_tenant AND k.id = v_key::uuid
         AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now());
      IF v_role IS NULL OR v_user IS DISTINCT FROM v_creator THEN
        RETURN NULL;
      ELSIF v_creator IS NULL THEN
        RETURN v_role;
      END IF;
      SELECT m.role INTO v_member
        FROM public.tenant_members m
       WHERE m.tenant_id = v_tenant AND m.user_id = v_creator AND m.status = 'active';
      IF v_member IS NULL THEN
        RETURN NULL;
      END IF;
      RETURN ranks[least(array_position(ranks, v_role), array_position(ranks, v_member))];
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
  'The caller''s role in its tenant: owner, admin, member or viewer from the active membership (user token) or the key''s scopes bounded by its creator''s role (API key); NULL gives no rights.';
REVOKE ALL ON FUNCTION vital.tenant_role() FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION vital.tenant_role() TO authenticated, service_role;

-- The API login's key lookup, as vital.api_key_scopes() (20261124000015, which it
-- replaces) plus the key's creator, whom the key's claims name as sub. A new name:
-- a function's result type cannot change in place.
DROP FUNCTION IF EXISTS vital.api_key_scopes(uuid, text, text);
CREATE OR REPLACE FUNCTION vital.api_key_lookup(p_tenant_id uuid, p_key_prefix text, p_key_hash text)
  RETURNS TABLE (key_id uuid, scopes text[], created_by uuid)
  LANGUAGE sql STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT k.id, k.scopes, k.created_by
    FROM public.api_keys k
    WHERE k.tenant_id = p_tenant_id
      AND k.key_prefix = p_key_prefix
      AND k.key_hash = p_key_hash
      AND k.revoked_at IS NULL
      AND (k.expires_at IS NULL OR k.expires_at > now())
  $$;
COMMENT ON FUNCTION vital.api_key_lookup(uuid, text, text) IS
  'The id, scopes and creator of a live API key of the tenant matching prefix and sha256 hash, else no row. For the API login role.';
REVOKE ALL ON FUNCTION vital.api_key_lookup(uuid, text, text) FROM PUBLIC, anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION vital.api_key_lookup(uuid, text, text) TO vital_api;

-- An API key's scopes bound what its requests may change: a key whose role is
-- viewer (a read key, or any key a viewer created) writes nothing directly. It
-- raises rather than returning false so that an UPDATE or DELETE is refused
-- with a hint instead of silently touching no row. Policies call it as an
-- initplan, once per statement.
CREATE OR REPLACE FUNCTION vital.key_may_write() RETURNS boolean
  LANGUAGE plpgsql
  STABLE
  SET search_path = ''
  AS $$
  BEGIN
    IF auth.jwt() ->> 'api_key_id' IS NOT NULL AND vital.tenant_role() = 'viewer' THEN
      RAISE EXCEPTION 'this API key may only read'
        USING ERRCODE = '42501',
              HINT = 'Give the key the ''write'' scope; a key never has more rights than the member who created it.';
    END IF;
    RETURN true;
  END
  $$;
COMMENT ON FUNCTION vital.key_may_write() IS
  'True, or raises 42501 for an API key whose role is viewer: what the key_scope policies check.';
REVOKE ALL ON FUNCTION vital.key_may_write() FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION vital.key_may_write() TO authenticated, service_role;

-- The key-scope rule on one table: one restrictive policy per writing command.
CREATE OR REPLACE PROCEDURE vital.secure_key_scope(tbl regclass)
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  BEGIN
    EXECUTE format('DROP POLICY IF EXISTS key_scope_insert ON %s', tbl);
    EXECUTE format('DROP POLICY IF EXISTS key_scope_update ON %s', tbl);
    EXECUTE format('DROP POLICY IF EXISTS key_scope_delete ON %s', tbl);
    EXECUTE format('CREATE POLICY key_scope_insert ON %s AS RESTRICTIVE FOR INSERT TO authenticated '
                   'WITH CHECK ((SELECT vital.key_may_write()))', tbl);
    EXECUTE format('CREATE POLICY key_scope_update ON %s AS RESTRICTIVE FOR UPDATE TO authenticated '
                   'USING ((SELECT vital.key_may_write()))', tbl);
    EXECUTE format('CREATE POLICY key_scope_delete ON %s AS RESTRICTIVE FOR DELETE TO authenticated '
                   'USING ((SELECT vital.key_may_write()))', tbl);
  END
  $$;
COMMENT ON PROCEDURE vital.secure_key_scope(regclass) IS
  'Restrictive policies refusing INSERT, UPDATE and DELETE to an API key whose role is viewer (vital.key_may_write).';

-- Role rules in one place (20261124000020), changed here: the bookkeeping class
-- refuses every direct write (the functions below write it), and every table
-- also gets the key-scope policies. Kinds (docs/roles.md):
--   data        owner, admin, member write; viewer and read keys do not
--   personal    as data, and a viewer writes the rows that are their own
--               (user_id, else created_by, = auth.uid())
--   bookkeeping nobody writes directly: only the SECURITY DEFINER functions
--   admin       owners and admins write
--   owner       owners write
CREATE OR REPLACE PROCEDURE vital.secure_table_roles(tbl regclass, kind text, document_column text DEFAULT NULL)
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  DECLARE
    r constant text := '(SELECT vital.tenant_role())';
    writers text := CASE kind
      WHEN 'data' THEN r || ' = ANY (''{owner,admin,member}''::text[])'
      WHEN 'personal' THEN r || ' = ANY (''{owner,admin,member}''::text[])'
      WHEN 'bookkeeping' THEN 'false'
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
    CALL vital.secure_key_scope(tbl);
  END
  $$;
COMMENT ON PROCEDURE vital.secure_table_roles(regclass, text, text) IS
  'Restrictive role policies of a table by its class (data, personal, bookkeeping, admin, owner), plus document-level reads when document_column is given, plus the API-key scope policies (vital.secure_key_scope).';

-- The caller's tenant for a bookkeeping function: a tenant in the claims and a
-- role in it (a disabled member or a revoked key writes nothing).
CREATE OR REPLACE FUNCTION vital.bookkeeping_tenant() RETURNS uuid
  LANGUAGE plpgsql
  STABLE
  SET search_path = ''
  AS $$
  DECLARE
    v_tenant uuid := auth.tenant_id();
  BEGIN
    IF v_tenant IS NULL OR vital.tenant_role() IS NULL THEN
      RAISE EXCEPTION 'bookkeeping is written only for a caller with a role in a tenant'
        USING ERRCODE = '42501', HINT = 'Call it as an active member or a live API key of the tenant.';
    END IF;
    RETURN v_tenant;
  END
  $$;
COMMENT ON FUNCTION vital.bookkeeping_tenant() IS
  'The caller''s tenant when the caller has a role in it, else raises 42501; for the bookkeeping functions.';
REVOKE ALL ON FUNCTION vital.bookkeeping_tenant() FROM PUBLIC, anon;

-- The bookkeeping functions below run as their owner (past RLS: the caller may
-- not write these tables) and write only the caller's tenant, as the caller's
-- user (created_by = auth.uid()); the constraints of the tables still apply.
CREATE OR REPLACE FUNCTION vital.log_search(p_query text, p_strategy text, p_embedding_model_tenant_id uuid,
                                            p_embedding_model_id uuid, p_filters jsonb, p_results jsonb,
                                            p_latency_ms integer)
  RETURNS uuid
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
  DECLARE
    v_tenant uuid := vital.bookkeeping_tenant();
    v_id uuid;
  BEGIN
    IF p_query IS NULL OR btrim(p_query) = '' THEN
      RAISE EXCEPTION 'a search log needs the query' USING ERRCODE = '22023', HINT = 'Pass the text searched for.';
    END IF;
    IF p_latency_ms IS NULL OR p_latency_ms < 0 THEN
      RAISE EXCEPTION 'search latency must be zero or more milliseconds, got %', p_latency_ms
        USING ERRCODE = '22023';
    END IF;
    IF jsonb_typeof(coalesce(p_results, '[]')) <> 'array' THEN
      RAISE EXCEPTION 'search results must be a JSON array' USING ERRCODE = '22023';
    END IF;
    INSERT INTO public.search_logs (tenant_id, query, strategy, embedding_model_tenant_id, embedding_model_id,
                                    filters, results, result_count, latency_ms, created_by)
    VALUES (v_tenant, p_query, p_strategy, p_embedding_model_tenant_id, p_embedding_model_id,
            coalesce(p_filters, '{}'), coalesce(p_results, '[]'), jsonb_array_length(coalesce(p_results, '[]')),
            p_latency_ms, auth.uid())
    RETURNING id INTO v_id;
    RETURN v_id;
  END
  $$;
COMMENT ON FUNCTION vital.log_search(text, text, uuid, uuid, jsonb, jsonb, integer) IS
  'Logs one search of the caller (its tenant and user) and returns the log''s id.';

CREATE OR REPLACE FUNCTION vital.record_llm_usage(p_provider text, p_model text, p_operation text, p_status text,
                                                  p_prompt_tokens integer, p_completion_tokens integer,
                                                  p_cost_usd numeric, p_latency_ms integer, p_session_id uuid,
                                                  p_message_id uuid, p_panel_id uuid, p_workflow_run_id uuid)
  RETURNS uuid
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
  DECLARE
    v_tenant uuid := vital.bookkeeping_tenant();
    v_id uuid;
  BEGIN
    IF coalesce(p_prompt_tokens, -1) < 0 OR coalesce(p_completion_tokens, -1) < 0 OR coalesce(p_cost_usd, -1) < 0 THEN
      RAISE EXCEPTION 'token counts and cost must be zero or more, got %, %, %',
                      p_prompt_tokens, p_completion_tokens, p_cost_usd
        USING ERRCODE = '22023', HINT = 'Record what the provider reported; 0 when it reported nothing.';
    END IF;
    INSERT INTO public.llm_usage (tenant_id, provider, model, operation, status, prompt_tokens, completion_tokens,
                                  cost_usd, latency_ms, session_id, message_id, panel_id, workflow_run_id, created_by)
    VALUES (v_tenant, p_provider, p_model, coalesce(p_operation, 'chat'), coalesce(p_status, 'succeeded'),
            p_prompt_tokens, p_completion_tokens, p_cost_usd, p_latency_ms, p_session_id, p_message_id, p_panel_id,
            p_workflow_run_id, auth.uid())
    RETURNING id INTO v_id;
    RETURN v_id;
  END
  $$;
COMMENT ON FUNCTION vital.record_llm_usage(text, text, text, text, integer, integer, numeric, integer, uuid, uuid, uuid, uuid) IS
  'Records one model call of the caller (its tenant and user) and returns the row''s id.';

-- A run's model calls served the answer it ended with: only the caller's own
-- rows of that run that are not linked yet.
CREATE OR REPLACE FUNCTION vital.link_llm_usage(p_workflow_run_id uuid, p_message_id uuid)
  RETURNS integer
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
  DECLARE
    v_tenant uuid := vital.bookkeeping_tenant();
    v_count integer;
  BEGIN
    IF p_workflow_run_id IS NULL OR p_message_id IS NULL THEN
      RAISE EXCEPTION 'linking model calls needs the run and the message' USING ERRCODE = '22023';
    END IF;
    UPDATE public.llm_usage u SET message_id = p_message_id
     WHERE u.tenant_id = v_tenant AND u.workflow_run_id = p_workflow_run_id AND u.message_id IS NULL
       AND u.created_by IS NOT DISTINCT FROM auth.uid();
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
  END
  $$;
COMMENT ON FUNCTION vital.link_llm_usage(uuid, uuid) IS
  'Links the caller''s unlinked model calls of a workflow run to the message they served; returns how many.';

CREATE OR REPLACE FUNCTION vital.record_event(p_event_type text, p_subject_type text, p_subject_id uuid,
                                              p_properties jsonb)
  RETURNS uuid
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
  DECLARE
    v_tenant uuid := vital.bookkeeping_tenant();
    v_id uuid;
  BEGIN
    IF jsonb_typeof(coalesce(p_properties, '{}')) <> 'object' THEN
      RAISE EXCEPTION 'event properties must be a JSON object' USING ERRCODE = '22023';
    END IF;
    INSERT INTO public.analytics_events (tenant_id, event_type, subject_type, subject_id, properties, created_by)
    VALUES (v_tenant, p_event_type, p_subject_type, p_subject_id, coalesce(p_properties, '{}'), auth.uid())
    RETURNING id INTO v_id;
    RETURN v_id;
  END
  $$;
COMMENT ON FUNCTION vital.record_event(text, text, uuid, jsonb) IS
  'Records one product event of the caller (its tenant and user) and returns its id.';

-- The daily roll-ups: one UTC day of the caller's tenant, recomputed from the raw
-- tables and upserted (running one twice changes nothing). Past RLS, so every
-- raw table is filtered by the tenant here.
CREATE OR REPLACE FUNCTION vital.rollup_usage(p_day date)
  RETURNS TABLE (metric text, value numeric)
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
  #variable_conflict use_column
  DECLARE
    v_tenant uuid := vital.bookkeeping_tenant();
    lo timestamptz := p_day::timestamp AT TIME ZONE 'utc';
    hi timestamptz := (p_day + 1)::timestamp AT TIME ZONE 'utc';
  BEGIN
    IF p_day IS NULL THEN
      RAISE EXCEPTION 'a roll-up needs the day' USING ERRCODE = '22023';
    END IF;
    RETURN QUERY
    WITH counts (metric, value) AS (
      SELECT 'ask_expert_sessions', count(*)::numeric FROM public.ask_expert_sessions
       WHERE tenant_id = v_tenant AND created_at >= lo AND created_at < hi
      UNION ALL
      SELECT 'ask_expert_messages', count(*) FROM public.ask_expert_messages
       WHERE tenant_id = v_tenant AND created_at >= lo AND created_at < hi
      UNION ALL
      SELECT 'panel_sessions', count(*) FROM public.panel_sessions
       WHERE tenant_id = v_tenant AND created_at >= lo AND created_at < hi
      UNION ALL
      SELECT 'workflow_runs', count(*) FROM public.workflow_runs
       WHERE tenant_id = v_tenant AND created_at >= lo AND created_at < hi
      UNION ALL
      SELECT 'llm_tokens', coalesce(sum(total_tokens), 0) FROM public.llm_usage
       WHERE tenant_id = v_tenant AND created_at >= lo AND created_at < hi
      UNION ALL
      SELECT 'llm_cost_usd', coalesce(sum(cost_usd), 0) FROM public.llm_usage
       WHERE tenant_id = v_tenant AND created_at >= lo AND created_at < hi
      UNION ALL
      SELECT 'searches', count(*) FROM public.search_logs
       WHERE tenant_id = v_tenant AND created_at >= lo AND created_at < hi
      UNION ALL
      SELECT 'feedback_ratings', count(*) FROM public.feedback
       WHERE tenant_id = v_tenant AND created_at >= lo AND created_at < hi
      UNION ALL
      SELECT 'active_users', count(DISTINCT created_by) FROM public.analytics_events
       WHERE tenant_id = v_tenant AND occurred_at >= lo AND occurred_at < hi AND created_by IS NOT NULL
    )
    INSERT INTO public.usage_metrics AS u (tenant_id, metric, day, value, created_by)
    SELECT v_tenant, c.metric, p_day, c.value, auth.uid() FROM counts c
    ON CONFLICT ON CONSTRAINT usage_metrics_day_key DO UPDATE SET value = excluded.value
    RETURNING u.metric, u.value;
  END
  $$;
COMMENT ON FUNCTION vital.rollup_usage(date) IS
  'Recomputes the caller''s tenant''s usage_metrics of one UTC day from the raw tables; returns each metric''s value.';

CREATE OR REPLACE FUNCTION vital.rollup_agent_performance(p_day date)
  RETURNS TABLE (agent_id uuid)
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
  #variable_conflict use_column
  DECLARE
    v_tenant uuid := vital.bookkeeping_tenant();
    lo timestamptz := p_day::timestamp AT TIME ZONE 'utc';
    hi timestamptz := (p_day + 1)::timestamp AT TIME ZONE 'utc';
  BEGIN
    IF p_day IS NULL THEN
      RAISE EXCEPTION 'a roll-up needs the day' USING ERRCODE = '22023';
    END IF;
    -- Per agent: answers, ratings, answer latency (metadata.timings.total_ms), spend.
    RETURN QUERY
    WITH answers AS (
      SELECT m.id, m.agent_tenant_id, m.agent_id, (m.metadata #>> '{timings,total_ms}')::numeric AS latency_ms
        FROM public.ask_expert_messages m
       WHERE m.tenant_id = v_tenant AND m.role = 'assistant' AND m.agent_id IS NOT NULL
         AND m.created_at >= lo AND m.created_at < hi
    ),
    rated AS (
      SELECT f.message_id, avg(f.rating) AS rating FROM public.feedback f
       WHERE f.tenant_id = v_tenant AND f.message_id IS NOT NULL
       GROUP BY f.message_id
    ),
    spend AS (
      SELECT s.message_id, sum(s.total_tokens) AS tokens, sum(s.cost_usd) AS cost
        FROM public.llm_usage s WHERE s.tenant_id = v_tenant AND s.message_id IS NOT NULL GROUP BY s.message_id
    )
    INSERT INTO public.agent_performance AS p (tenant_id, agent_tenant_id, agent_id, day, answers, rated_answers,
                                               avg_rating, p50_latency_ms, p95_latency_ms, total_tokens, cost_usd,
                                               created_by)
    SELECT v_tenant, a.agent_tenant_id, a.agent_id, p_day, count(*), count(r.rating), round(avg(r.rating), 2),
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY a.latency_ms))::integer,
           round(percentile_cont(0.95) WITHIN GROUP (ORDER BY a.latency_ms))::integer,
           coalesce(sum(s.tokens), 0), coalesce(sum(s.cost), 0), auth.uid()
      FROM answers a
      LEFT JOIN rated r ON r.message_id = a.id
      LEFT JOIN spend s ON s.message_id = a.id
     GROUP BY a.agent_tenant_id, a.agent_id
    ON CONFLICT ON CONSTRAINT agent_performance_agent_day_key DO UPDATE
       SET answers = excluded.answers, rated_answers = excluded.rated_answers, avg_rating = excluded.avg_rating,
           p50_latency_ms = excluded.p50_latency_ms, p95_latency_ms = excluded.p95_latency_ms,
           total_tokens = excluded.total_tokens, cost_usd = excluded.cost_usd
    RETURNING p.agent_id;
  END
  $$;
COMMENT ON FUNCTION vital.rollup_agent_performance(date) IS
  'Recomputes the caller''s tenant''s agent_performance rows of one UTC day; returns the agents rolled up.';

REVOKE ALL ON FUNCTION vital.log_search(text, text, uuid, uuid, jsonb, jsonb, integer),
  vital.record_llm_usage(text, text, text, text, integer, integer, numeric, integer, uuid, uuid, uuid, uuid),
  vital.link_llm_usage(uuid, uuid), vital.record_event(text, text, uuid, jsonb),
  vital.rollup_usage(date), vital.rollup_agent_performance(date) FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION vital.log_search(text, text, uuid, uuid, jsonb, jsonb, integer),
  vital.record_llm_usage(text, text, text, text, integer, integer, numeric, integer, uuid, uuid, uuid, uuid),
  vital.link_llm_usage(uuid, uuid), vital.record_event(text, text, uuid, jsonb),
  vital.rollup_usage(date), vital.rollup_agent_performance(date) TO authenticated, service_role;

-- == triggers ================================================================

-- == policies ================================================================
-- The bookkeeping tables get the class's new policies; every classified table
-- gets the key-scope policies (secure_table_roles adds them for tables made later).
DO $$
DECLARE
  t regclass;
BEGIN
  FOR t IN SELECT c.oid::regclass
             FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public'
              AND EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'role_read')
  LOOP
    IF obj_description((SELECT p.oid FROM pg_catalog.pg_policy p WHERE p.polrelid = t AND p.polname = 'role_read'),
                       'pg_policy') = 'role class: bookkeeping' THEN
      CALL vital.secure_table_roles(t, 'bookkeeping');
    ELSE
      CALL vital.secure_key_scope(t);
    END IF;
  END LOOP;
END $$;

-- == indexes =================================================================
