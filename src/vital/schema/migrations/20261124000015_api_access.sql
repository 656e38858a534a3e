-- API access: what the HTTP API must know before any tenant context exists.
-- The API logs in as vital_api, which holds no privilege on any table. To find
-- the tenant behind a Host header, and the tenant behind an API key, it calls
-- the two functions below; they run as their owner (the migration runner, which
-- bypasses RLS like the seeds do), read exactly one row, and reveal nothing else.
-- Everything after that runs as `authenticated` under RLS.

-- == types ===================================================================
-- vital_api is NOINHERIT: the schema usage granted to anon/authenticated does
-- not reach it before the role switch.
GRANT USAGE ON SCHEMA vital TO vital_api;

-- == tables ==================================================================

-- == functions ===============================================================
-- Unknown, suspended and deleted tenants all give NULL: the API answers 404 for
-- each alike, so a caller cannot tell which subdomains exist.
CREATE OR REPLACE FUNCTION vital.api_tenant_id(p_subdomain text) RETURNS uuid
  LANGUAGE sql STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT t.id
    FROM public.tenants t
    WHERE t.subdomain = p_subdomain
      AND t.status = 'active'
      AND t.deleted_at IS NULL
  $$;
COMMENT ON FUNCTION vital.api_tenant_id(text) IS
  'The id of the active tenant serving this subdomain, else NULL. For the API login role, before a tenant context exists.';

-- The caller sends the key; the API hashes it (sha256 hex) and never sends the
-- clear key to the database. The prefix finds the row through its unique index.
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

REVOKE ALL ON FUNCTION vital.api_tenant_id(text), vital.api_key_scopes(uuid, text, text)
  FROM PUBLIC, anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION vital.api_tenant_id(text), vital.api_key_scopes(uuid, text, text) TO vital_api;

-- == triggers ================================================================

-- == policies ================================================================

-- == indexes =================================================================
