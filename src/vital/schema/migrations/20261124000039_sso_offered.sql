-- Whether a tenant offers single sign-on, for sign-in pages: GET /auth/v1/settings answers it
-- before anyone is signed in, so the console shows its SSO button only where SSO is set up.
-- The API's login role reads no SSO table; this answers yes or no and nothing else.

-- == functions ===============================================================
CREATE OR REPLACE FUNCTION vital.sso_offered(p_tenant_id uuid) RETURNS boolean
  LANGUAGE sql STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT EXISTS (SELECT FROM vital.sso_providers p WHERE p.tenant_id = p_tenant_id)
  $$;
COMMENT ON FUNCTION vital.sso_offered(uuid) IS
  'Whether the tenant has an identity provider for single sign-on (no detail of it). For the API login role.';

REVOKE ALL ON FUNCTION vital.sso_offered(uuid) FROM PUBLIC, anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION vital.sso_offered(uuid) TO vital_api;
