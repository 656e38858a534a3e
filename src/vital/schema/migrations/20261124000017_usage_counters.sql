-- Usage counters: tenant_usage holds the numbers the tier limits are enforced
-- against, so a tenant must not be able to lower them. Tenants keep SELECT
-- (the API shows them their usage); every count goes through
-- vital.count_usage(), which only adds, and only to the caller's own tenant.

-- == types ===================================================================

-- == tables ==================================================================
REVOKE INSERT, UPDATE, DELETE ON public.tenant_usage FROM authenticated;

-- == functions ===============================================================
-- Runs as its owner (past RLS) because the caller may no longer write the
-- table; the tenant comes from the caller's claims, never from an argument.
CREATE OR REPLACE FUNCTION vital.count_usage(p_metric text, p_amount bigint, p_limit bigint DEFAULT NULL)
  RETURNS bigint
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_tenant uuid := auth.tenant_id();
  v_value  bigint;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'usage can only be counted inside a tenant context'
      USING ERRCODE = '42501', HINT = 'Call it in a transaction whose claims name a tenant.';
  END IF;
  IF p_amount IS NULL OR p_amount <= 0 THEN
    RAISE EXCEPTION 'usage amount must be positive, got %', p_amount
      USING ERRCODE = '22023', HINT = 'Counters only grow; operators correct them as service_role.';
  END IF;
  IF p_amount > p_limit THEN
    RETURN NULL;  -- the limit's check below only guards an existing counter
  END IF;
  INSERT INTO public.tenant_usage (tenant_id, metric, period, period_start, value)
  VALUES (v_tenant, p_metric, 'day', (now() AT TIME ZONE 'utc')::date, p_amount)
  ON CONFLICT ON CONSTRAINT tenant_usage_counter_key
  DO UPDATE SET value = tenant_usage.value + excluded.value
   WHERE p_limit IS NULL OR tenant_usage.value + excluded.value <= p_limit
  RETURNING value INTO v_value;
  RETURN v_value;
END
$$;
COMMENT ON FUNCTION vital.count_usage(text, bigint, bigint) IS
  'Adds p_amount to the caller''s tenant''s counter of p_metric for today (UTC) and returns the new value; NULL, changing nothing, when that would pass p_limit.';
REVOKE ALL ON FUNCTION vital.count_usage(text, bigint, bigint) FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION vital.count_usage(text, bigint, bigint) TO authenticated, service_role;

-- == triggers ================================================================

-- == policies ================================================================

-- == indexes =================================================================
