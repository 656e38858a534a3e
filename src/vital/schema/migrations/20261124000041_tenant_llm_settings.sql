-- The model settings a tenant's admins may change themselves, within what the operator allows.
-- The operator's allowance is tenants.settings.llm_allowed (written by vital.allow_tenant_llm(),
-- `vital tenant llm-allow`); the tenant's values stay in tenants.settings.llm, where
-- services/llm reads them. Shape of the allowance (docs/services.md):
--   {"model": ["gpt-4o-mini", "gpt-4o"],          -- the models an admin may choose from
--    "max_tokens": {"interactive": 2048},         -- per purpose, the largest token cap an admin may set
--    "seconds": {"panel": 90}}                    -- per purpose, the longest time limit an admin may set
-- Whatever is not named there stays the operator's. The purposes are services/llm/bounds.py's
-- PURPOSES (tests/admin/test_llm.py checks that the two lists agree).

-- == types ===================================================================

-- == tables ==================================================================

-- == functions ===============================================================
-- The operator's: run by the database owner (the CLI), never by a tenant role. It checks the
-- allowance's shape, so that vital.set_tenant_llm() can trust it.
CREATE OR REPLACE FUNCTION vital.allow_tenant_llm(p_tenant_id uuid, p_allowed jsonb)
  RETURNS jsonb
  LANGUAGE plpgsql
  VOLATILE
  SET search_path = ''
  AS $$
  DECLARE
    v_key text;
    v_purpose text;
    v_value jsonb;
    v_settings jsonb;
  BEGIN
    IF p_allowed IS NOT NULL AND jsonb_typeof(p_allowed) IS DISTINCT FROM 'object' THEN
      RAISE EXCEPTION 'the allowance is a JSON object' USING ERRCODE = '22023';
    END IF;
    FOR v_key IN SELECT jsonb_object_keys(coalesce(p_allowed, '{}')) LOOP
      IF v_key NOT IN ('model', 'max_tokens', 'seconds') THEN
        RAISE EXCEPTION '% is not a model setting a tenant may be allowed to change', v_key
          USING ERRCODE = '22023', HINT = 'Allow model, max_tokens.<purpose> or seconds.<purpose>.';
      END IF;
    END LOOP;
    IF p_allowed ? 'model' AND (jsonb_typeof(p_allowed -> 'model') <> 'array'
       OR jsonb_array_length(p_allowed -> 'model') = 0
       OR EXISTS (SELECT FROM jsonb_array_elements(p_allowed -> 'model') e
                   WHERE jsonb_typeof(e) <> 'string' OR btrim(e #>> '{}') = '')) THEN
      RAISE EXCEPTION 'model is a list of model names' USING ERRCODE = '22023';
    END IF;
    FOREACH v_key IN ARRAY ARRAY['max_tokens', 'seconds'] LOOP
      CONTINUE WHEN NOT coalesce(p_allowed ? v_key, false);
      IF jsonb_typeof(p_allowed -> v_key) <> 'object' THEN
        RAISE EXCEPTION '% is an object of purposes and their largest values', v_key USING ERRCODE = '22023';
      END IF;
      FOR v_purpose, v_value IN SELECT * FROM jsonb_each(p_allowed -> v_key) LOOP
        IF v_purpose NOT IN ('interactive', 'autonomous', 'panel', 'workflow') THEN
          RAISE EXCEPTION '% is not a purpose', v_purpose
            USING ERRCODE = '22023', HINT = 'The purposes are interactive, autonomous, panel and workflow.';
        END IF;
        IF jsonb_typeof(v_value) <> 'number' OR (v_value #>> '{}')::numeric <= 0
           OR (v_key = 'max_tokens' AND (v_value #>> '{}')::numeric <> trunc((v_value #>> '{}')::numeric)) THEN
          RAISE EXCEPTION '%.% is a positive number%', v_key, v_purpose,
            CASE WHEN v_key = 'max_tokens' THEN ' of tokens' ELSE ' of seconds' END USING ERRCODE = '22023';
        END IF;
      END LOOP;
    END LOOP;
    UPDATE public.tenants t
       SET settings = CASE WHEN p_allowed IS NULL OR p_allowed = '{}' THEN t.settings - 'llm_allowed'
                           ELSE jsonb_set(t.settings, '{llm_allowed}', p_allowed) END
     WHERE t.id = p_tenant_id
    RETURNING t.settings INTO v_settings;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'no such tenant' USING ERRCODE = '22023';
    END IF;
    RETURN v_settings;
  END
  $$;
COMMENT ON FUNCTION vital.allow_tenant_llm(uuid, jsonb) IS
  'The operator''s: which model settings the tenant''s admins may change and within what bounds (settings.llm_allowed; NULL or {}: none).';

-- The tenant admins': changes to settings.llm inside settings.llm_allowed, refused with what was
-- wrong and what to do. A null value gives the setting back to the operator (drops the tenant's).
-- Definer, because tenants is the operator's table; the role check is the database's own
-- (vital.tenant_role()), as in vital.set_tenant_settings(). The audit trigger on tenants records it.
CREATE OR REPLACE FUNCTION vital.set_tenant_llm(p_changes jsonb)
  RETURNS jsonb
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
  DECLARE
    v_tenant uuid := auth.tenant_id();
    v_allowed jsonb;
    v_llm jsonb;
    v_key text;
    v_purpose text;
    v_value jsonb;
    v_max numeric;
    v_settings jsonb;
  BEGIN
    IF vital.tenant_role() IS DISTINCT FROM 'owner' AND vital.tenant_role() IS DISTINCT FROM 'admin' THEN
      RAISE EXCEPTION 'only the organisation''s owners and admins change its model settings'
        USING ERRCODE = '42501', HINT = 'Ask one of its admins.';
    END IF;
    IF jsonb_typeof(p_changes) IS DISTINCT FROM 'object' THEN
      RAISE EXCEPTION 'model settings are a JSON object' USING ERRCODE = '22023',
        HINT = 'Send e.g. {"model": "...", "max_tokens": {"interactive": 800}}.';
    END IF;
    SELECT coalesce(t.settings -> 'llm_allowed', '{}'), coalesce(t.settings -> 'llm', '{}')
      INTO v_allowed, v_llm
      FROM public.tenants t WHERE t.id = v_tenant;
    IF jsonb_typeof(v_llm) <> 'object' THEN
      v_llm := '{}';
    END IF;
    FOR v_key IN SELECT jsonb_object_keys(p_changes) LOOP
      IF v_key NOT IN ('model', 'max_tokens', 'seconds') OR NOT v_allowed ? v_key THEN
        RAISE EXCEPTION 'the operator does not let this organisation change %', v_key
          USING ERRCODE = '22023',
                HINT = CASE WHEN v_allowed = '{}' THEN 'Nothing is open to change: ask the operator.'
                            ELSE 'You may change: ' || (SELECT string_agg(k, ', ' ORDER BY k)
                                                         FROM jsonb_object_keys(v_allowed) k) || '.' END;
      END IF;
    END LOOP;
    IF p_changes ? 'model' AND jsonb_typeof(p_changes -> 'model') <> 'null' THEN
      IF NOT (v_allowed -> 'model') @> jsonb_build_array(p_changes -> 'model') THEN
        RAISE EXCEPTION 'the model % is not one the operator allows', p_changes -> 'model'
          USING ERRCODE = '22023', HINT = 'Choose one of: ' || (SELECT string_agg(m, ', ')
                                             FROM jsonb_array_elements_text(v_allowed -> 'model') m) || '.';
      END IF;
      v_llm := jsonb_set(v_llm, '{model}', p_changes -> 'model');
    ELSIF p_changes ? 'model' THEN
      v_llm := v_llm - 'model';
    END IF;
    FOREACH v_key IN ARRAY ARRAY['max_tokens', 'seconds'] LOOP
      CONTINUE WHEN NOT p_changes ? v_key;
      IF jsonb_typeof(p_changes -> v_key) <> 'object' THEN
        RAISE EXCEPTION '% is an object of purposes and values', v_key
          USING ERRCODE = '22023', HINT = 'Send e.g. {"' || v_key || '": {"interactive": 600}}.';
      END IF;
      IF jsonb_typeof(v_llm -> v_key) IS DISTINCT FROM 'object' THEN
        v_llm := jsonb_set(v_llm, ARRAY[v_key], '{}');
      END IF;
      FOR v_purpose, v_value IN SELECT * FROM jsonb_each(p_changes -> v_key) LOOP
        v_max := (v_allowed -> v_key ->> v_purpose)::numeric;
        IF v_max IS NULL THEN
          RAISE EXCEPTION 'the operator does not let this organisation change %.%', v_key, v_purpose
            USING ERRCODE = '22023', HINT = 'You may change ' || v_key || ' for: ' ||
              coalesce((SELECT string_agg(p, ', ' ORDER BY p) FROM jsonb_object_keys(v_allowed -> v_key) p), 'none')
              || '.';
        END IF;
        IF jsonb_typeof(v_value) = 'null' THEN
          v_llm := jsonb_set(v_llm, ARRAY[v_key], (v_llm -> v_key) - v_purpose);
          CONTINUE;
        END IF;
        IF jsonb_typeof(v_value) <> 'number' OR (v_value #>> '{}')::numeric <= 0
           OR (v_value #>> '{}')::numeric > v_max
           OR (v_key = 'max_tokens' AND (v_value #>> '{}')::numeric <> trunc((v_value #>> '{}')::numeric)) THEN
          RAISE EXCEPTION '%.% must be a % from 1 to %, not %', v_key, v_purpose,
            CASE WHEN v_key = 'max_tokens' THEN 'whole number of tokens' ELSE 'number of seconds' END,
            v_max, v_value
            USING ERRCODE = '22023', HINT = 'The operator allows at most ' || v_max || ' here.';
        END IF;
        v_llm := jsonb_set(v_llm, ARRAY[v_key, v_purpose], v_value);
      END LOOP;
    END LOOP;
    UPDATE public.tenants t SET settings = jsonb_set(t.settings, '{llm}', v_llm)
     WHERE t.id = v_tenant
    RETURNING t.settings INTO v_settings;
    RETURN v_settings;
  END
  $$;
COMMENT ON FUNCTION vital.set_tenant_llm(jsonb) IS
  'Changes the caller''s tenant''s model settings (settings.llm) within settings.llm_allowed; owners and admins only.';

REVOKE ALL ON FUNCTION vital.allow_tenant_llm(uuid, jsonb), vital.set_tenant_llm(jsonb)
  FROM PUBLIC, anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION vital.set_tenant_llm(jsonb) TO authenticated;

-- == policies ================================================================

-- == indexes =================================================================
