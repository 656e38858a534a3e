-- Fair under abuse, the remaining gaps (docs/fairness.md): the shared request-rate
-- counters flushed by one background task per API process, many keys in one round trip;
-- the tenants whose analytics the scheduled roll-up recomputes (docs/operations.md).

-- == functions ================================================================
-- Adds each key's hits (0: only read it) to its fixed window, a new window starting
-- when the last is over; returns every key's count and window end. One statement per
-- process and second, whatever the number of tenants and keys (vital.api.rates).
CREATE OR REPLACE FUNCTION vital.rate_add(p_bucket text, p_key_hashes text[], p_amounts integer[],
                                          p_window interval)
  RETURNS TABLE (key_hash text, hits integer, window_end timestamptz)
  LANGUAGE sql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    INSERT INTO vital.rate_counters AS c (bucket, key_hash, hits, window_end)
    SELECT p_bucket, k.key_hash, greatest(k.amount, 0), now() + p_window
      FROM unnest(p_key_hashes, p_amounts) AS k(key_hash, amount)
    ON CONFLICT (bucket, key_hash) DO UPDATE
      SET hits = CASE WHEN c.window_end <= now() THEN excluded.hits ELSE c.hits + excluded.hits END,
          window_end = CASE WHEN c.window_end <= now() THEN excluded.window_end ELSE c.window_end END,
          last_hit_at = CASE WHEN excluded.hits > 0 THEN now() ELSE c.last_hit_at END
    RETURNING c.key_hash, c.hits, c.window_end
  $$;
COMMENT ON FUNCTION vital.rate_add(text, text[], integer[], interval) IS
  'Adds hits to many keys of a bucket at once (fixed windows) and returns their counts. For the API login role.';

SELECT vital.grant_to_api(ARRAY['vital.rate_add(text, text[], integer[], interval)']::regprocedure[]);

-- Maintenance: the tenants whose daily analytics the scheduled roll-up recomputes (vital.jobs.maintenance),
-- each then rolled up as that tenant, under RLS. Ids only: no tenant data reaches the maintenance role.
CREATE OR REPLACE FUNCTION vital.tenants_to_roll_up()
  RETURNS TABLE (tenant_id uuid)
  LANGUAGE sql
  STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT t.id FROM public.tenants t
     WHERE t.status = 'active' AND t.deleted_at IS NULL AND t.id <> vital.platform_tenant_id()
     ORDER BY t.id
  $$;
COMMENT ON FUNCTION vital.tenants_to_roll_up() IS
  'Maintenance: the active tenants, whose analytics the scheduled roll-up recomputes as each tenant.';
REVOKE ALL ON FUNCTION vital.tenants_to_roll_up() FROM PUBLIC, anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION vital.tenants_to_roll_up() TO vital_maintenance;
