-- Single sign-on per tenant with OpenID Connect (docs/auth.md, "Single sign-on").
-- One identity provider per tenant: its issuer, client id and client secret (the
-- secret sealed by the application with a server-side key, never stored in clear
-- and never returned), the e-mail domains it vouches for, the role of a member's
-- first sign-in, and whether everyone but the owners must use it. Flows in
-- progress keep only the sha256 of their state (the nonce and the PKCE verifier
-- are derived from the state with a server key). Identities link a provider's
-- subject to a user. Like sign-in's tables, these live in schema vital: RLS
-- enabled and forced with no policy, reached only through the definer functions
-- below. The settings functions run as the tenant's caller and check its role
-- (vital.tenant_role()) themselves; the flow functions are for vital_api.

-- == types ===================================================================

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS vital.sso_providers (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id            uuid NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
  issuer               text NOT NULL CHECK (issuer ~ '^https?://[^\s]+$'),
  client_id            text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 512),
  client_secret_sealed text CHECK (client_secret_sealed IS NULL OR client_secret_sealed ~ '^gAAAAA'),
  domains              text[] NOT NULL CHECK (cardinality(domains) > 0),
  default_role         text NOT NULL DEFAULT 'member' CHECK (default_role IN ('viewer', 'member', 'admin')),
  require_sso          boolean NOT NULL DEFAULT false,
  redirect_urls        text[] NOT NULL DEFAULT '{}',
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sso_providers_tenant_key UNIQUE (tenant_id)
);
COMMENT ON TABLE vital.sso_providers IS
  'A tenant''s OpenID Connect identity provider; the client secret is sealed (Fernet) with the server''s SSO key.';

CREATE TABLE IF NOT EXISTS vital.sso_flows (
  state_hash   text PRIMARY KEY CHECK (state_hash ~ '^[0-9a-f]{64}$'),
  tenant_id    uuid NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
  provider_id  uuid NOT NULL REFERENCES vital.sso_providers (id) ON DELETE CASCADE,
  redirect_to  text NOT NULL,
  expires_at   timestamptz NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE vital.sso_flows IS
  'A single sign-on in progress: the sha256 of its state, where to send the user back, until when. Used once.';

CREATE TABLE IF NOT EXISTS vital.sso_identities (
  provider_id  uuid NOT NULL REFERENCES vital.sso_providers (id) ON DELETE CASCADE,
  subject      text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  user_id      uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider_id, subject)
);
COMMENT ON TABLE vital.sso_identities IS
  'Which user a provider''s subject (the ID token''s sub) signs in as.';

-- == functions ===============================================================
-- The caller's tenant, when its role there is admin or owner; else an error.
CREATE OR REPLACE FUNCTION vital.sso_admin_tenant() RETURNS uuid
  LANGUAGE plpgsql STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
BEGIN
  IF auth.tenant_id() IS NULL OR vital.tenant_role() IS NULL
     OR vital.tenant_role() NOT IN ('admin', 'owner') THEN
    RAISE EXCEPTION 'only a tenant''s admins and owners manage its single sign-on'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN auth.tenant_id();
END
$$;
COMMENT ON FUNCTION vital.sso_admin_tenant() IS
  'The caller''s tenant if they are its admin or owner, else insufficient_privilege.';

-- The settings as an admin sees them: whether a secret is set, never the secret.
CREATE OR REPLACE FUNCTION vital.sso_settings()
  RETURNS TABLE (provider_id uuid, issuer text, client_id text, has_client_secret boolean, domains text[],
                 default_role text, require_sso boolean, redirect_urls text[], updated_at timestamptz)
  LANGUAGE sql STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT p.id, p.issuer, p.client_id, p.client_secret_sealed IS NOT NULL, p.domains, p.default_role,
           p.require_sso, p.redirect_urls, p.updated_at
    FROM vital.sso_providers p WHERE p.tenant_id = vital.sso_admin_tenant()
  $$;
COMMENT ON FUNCTION vital.sso_settings() IS
  'The caller''s tenant''s identity provider, without its secret. Admins and owners only.';

-- Registers or changes the provider. A NULL sealed secret keeps the stored one.
CREATE OR REPLACE FUNCTION vital.sso_set(p_issuer text, p_client_id text, p_secret_sealed text, p_domains text[],
                                         p_default_role text, p_require_sso boolean, p_redirect_urls text[])
  RETURNS uuid
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_tenant uuid := vital.sso_admin_tenant();
  v_id     uuid;
BEGIN
  INSERT INTO vital.sso_providers AS p (tenant_id, issuer, client_id, client_secret_sealed, domains,
                                        default_role, require_sso, redirect_urls)
  VALUES (v_tenant, p_issuer, p_client_id, p_secret_sealed,
          (SELECT array_agg(DISTINCT lower(d)) FROM unnest(p_domains) d),
          p_default_role, p_require_sso, coalesce(p_redirect_urls, '{}'))
  ON CONFLICT (tenant_id) DO UPDATE
    SET issuer = excluded.issuer, client_id = excluded.client_id,
        client_secret_sealed = coalesce(excluded.client_secret_sealed, p.client_secret_sealed),
        domains = excluded.domains, default_role = excluded.default_role,
        require_sso = excluded.require_sso, redirect_urls = excluded.redirect_urls
  RETURNING p.id INTO v_id;
  RETURN v_id;
END
$$;
COMMENT ON FUNCTION vital.sso_set(text, text, text, text[], text, boolean, text[]) IS
  'Registers or changes the caller''s tenant''s identity provider. Admins and owners only.';

CREATE OR REPLACE FUNCTION vital.sso_remove() RETURNS boolean
  LANGUAGE sql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    WITH gone AS (DELETE FROM vital.sso_providers p WHERE p.tenant_id = vital.sso_admin_tenant() RETURNING 1)
    SELECT EXISTS (SELECT FROM gone)
  $$;
COMMENT ON FUNCTION vital.sso_remove() IS
  'Removes the caller''s tenant''s identity provider (its flows and identities go with it). Admins and owners only.';

-- The provider a sign-in starts with: by e-mail domain or by id, of this tenant only.
CREATE OR REPLACE FUNCTION vital.sso_provider_for(p_tenant_id uuid, p_domain text, p_provider_id uuid)
  RETURNS TABLE (provider_id uuid, issuer text, client_id text, client_secret_sealed text, domains text[],
                 default_role text, redirect_urls text[])
  LANGUAGE sql STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT p.id, p.issuer, p.client_id, p.client_secret_sealed, p.domains, p.default_role, p.redirect_urls
    FROM vital.sso_providers p
    WHERE p.tenant_id = p_tenant_id
      AND (p.id = p_provider_id OR lower(p_domain) = ANY (p.domains))
  $$;
COMMENT ON FUNCTION vital.sso_provider_for(uuid, text, uuid) IS
  'The tenant''s identity provider for an e-mail domain or an id, else no row. For the API login role.';

CREATE OR REPLACE FUNCTION vital.sso_flow_start(p_tenant_id uuid, p_provider_id uuid, p_state_hash text,
                                                p_redirect_to text, p_expires_at timestamptz)
  RETURNS void
  LANGUAGE sql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    DELETE FROM vital.sso_flows f WHERE f.expires_at < now() - interval '1 hour';
    INSERT INTO vital.sso_flows (state_hash, tenant_id, provider_id, redirect_to, expires_at)
    VALUES (p_state_hash, p_tenant_id, p_provider_id, p_redirect_to, p_expires_at);
  $$;
COMMENT ON FUNCTION vital.sso_flow_start(uuid, uuid, text, text, timestamptz) IS
  'Records a sign-on in progress by the sha256 of its state (and sweeps long-expired ones). For the API login role.';

-- Spends a flow: returns it once (expired or not, so the caller can say which), then it is gone.
CREATE OR REPLACE FUNCTION vital.sso_flow_take(p_tenant_id uuid, p_state_hash text)
  RETURNS TABLE (provider_id uuid, redirect_to text, expired boolean)
  LANGUAGE sql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    DELETE FROM vital.sso_flows f WHERE f.state_hash = p_state_hash AND f.tenant_id = p_tenant_id
    RETURNING f.provider_id, f.redirect_to, f.expires_at <= now()
  $$;
COMMENT ON FUNCTION vital.sso_flow_take(uuid, text) IS
  'Returns and deletes a sign-on in progress by the sha256 of its state. For the API login role.';

-- The user a verified ID token signs in as: by the provider's subject, else by
-- e-mail (linking an existing user), else a new user; and, on their first
-- sign-in at this tenant, a profile and a membership with the default role.
-- A user who belongs to another tenant is never signed in by this tenant's
-- provider: a user is one account across tenants (one password), and a tenant's
-- admin controls its provider, so signing such a user in here would let that
-- admin take over their account elsewhere (PUT /auth/v1/user sets the password).
-- outcome: ok | disabled (a disabled membership) | elsewhere (a member of another tenant).
CREATE OR REPLACE FUNCTION vital.sso_link_user(p_tenant_id uuid, p_provider_id uuid, p_subject text,
                                               p_email text, p_name text)
  RETURNS TABLE (outcome text, user_id uuid, created_membership boolean)
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_provider vital.sso_providers;
  v_user     uuid;
  v_status   text;
BEGIN
  SELECT p.* INTO v_provider FROM vital.sso_providers p WHERE p.id = p_provider_id AND p.tenant_id = p_tenant_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no such identity provider for this tenant' USING ERRCODE = 'no_data_found';
  END IF;
  SELECT i.user_id INTO v_user FROM vital.sso_identities i
   WHERE i.provider_id = p_provider_id AND i.subject = p_subject;
  IF v_user IS NULL THEN
    SELECT u.id INTO v_user FROM auth.users u WHERE u.email = lower(p_email);
    IF v_user IS NULL THEN
      INSERT INTO auth.users (email, raw_app_meta_data)
      VALUES (lower(p_email), jsonb_build_object('provider', 'sso', 'tenant_id', p_tenant_id))
      RETURNING id INTO v_user;
    END IF;
  END IF;
  IF EXISTS (SELECT FROM public.tenant_members m WHERE m.user_id = v_user AND m.tenant_id <> p_tenant_id) THEN
    RETURN QUERY SELECT 'elsewhere'::text, NULL::uuid, false;
    RETURN;
  END IF;
  INSERT INTO vital.sso_identities (provider_id, subject, user_id) VALUES (p_provider_id, p_subject, v_user)
  ON CONFLICT (provider_id, subject) DO NOTHING;
  SELECT m.status INTO v_status FROM public.tenant_members m
   WHERE m.tenant_id = p_tenant_id AND m.user_id = v_user;
  IF v_status = 'disabled' THEN
    RETURN QUERY SELECT 'disabled'::text, v_user, false;
    RETURN;
  END IF;
  IF v_status IS NOT NULL THEN
    RETURN QUERY SELECT 'ok'::text, v_user, false;
    RETURN;
  END IF;
  INSERT INTO public.profiles (tenant_id, user_id, display_name, email)
  VALUES (p_tenant_id, v_user, coalesce(nullif(p_name, ''), split_part(p_email, '@', 1)), lower(p_email))
  ON CONFLICT DO NOTHING;
  INSERT INTO public.tenant_members (tenant_id, user_id, role) VALUES (p_tenant_id, v_user, v_provider.default_role);
  RETURN QUERY SELECT 'ok'::text, v_user, true;
END
$$;
COMMENT ON FUNCTION vital.sso_link_user(uuid, uuid, text, text, text) IS
  'Finds, links or creates the user of a verified ID token and, at first sign-in, their membership. For the API login role.';

-- Password sign-in asks this: does the tenant require single sign-on of a member with this role?
CREATE OR REPLACE FUNCTION vital.sso_required(p_tenant_id uuid, p_role text) RETURNS boolean
  LANGUAGE sql STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT p_role IS DISTINCT FROM 'owner'
       AND EXISTS (SELECT FROM vital.sso_providers p WHERE p.tenant_id = p_tenant_id AND p.require_sso)
  $$;
COMMENT ON FUNCTION vital.sso_required(uuid, text) IS
  'Whether the tenant requires single sign-on of a member with this role (never of an owner). For the API login role.';

REVOKE ALL ON FUNCTION
  vital.sso_admin_tenant(), vital.sso_settings(),
  vital.sso_set(text, text, text, text[], text, boolean, text[]), vital.sso_remove(),
  vital.sso_provider_for(uuid, text, uuid), vital.sso_flow_start(uuid, uuid, text, text, timestamptz),
  vital.sso_flow_take(uuid, text), vital.sso_link_user(uuid, uuid, text, text, text),
  vital.sso_required(uuid, text)
  FROM PUBLIC, anon, authenticated, service_role;
-- The settings functions run as the tenant's caller (tenant_transaction: role
-- authenticated, for the API and the CLI alike) and check its role themselves.
GRANT EXECUTE ON FUNCTION
  vital.sso_settings(), vital.sso_set(text, text, text, text[], text, boolean, text[]), vital.sso_remove()
  TO authenticated;
GRANT EXECUTE ON FUNCTION
  vital.sso_provider_for(uuid, text, uuid), vital.sso_flow_start(uuid, uuid, text, text, timestamptz),
  vital.sso_flow_take(uuid, text), vital.sso_link_user(uuid, uuid, text, text, text),
  vital.sso_required(uuid, text)
  TO vital_api;

-- == triggers ================================================================
CREATE OR REPLACE TRIGGER set_updated_at BEFORE UPDATE ON vital.sso_providers
  FOR EACH ROW EXECUTE FUNCTION vital.set_updated_at();
CREATE OR REPLACE TRIGGER set_updated_at BEFORE UPDATE ON vital.sso_flows
  FOR EACH ROW EXECUTE FUNCTION vital.set_updated_at();
CREATE OR REPLACE TRIGGER set_updated_at BEFORE UPDATE ON vital.sso_identities
  FOR EACH ROW EXECUTE FUNCTION vital.set_updated_at();

-- == policies ================================================================
ALTER TABLE vital.sso_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE vital.sso_providers FORCE ROW LEVEL SECURITY;
ALTER TABLE vital.sso_flows ENABLE ROW LEVEL SECURITY;
ALTER TABLE vital.sso_flows FORCE ROW LEVEL SECURITY;
ALTER TABLE vital.sso_identities ENABLE ROW LEVEL SECURITY;
ALTER TABLE vital.sso_identities FORCE ROW LEVEL SECURITY;
REVOKE ALL ON vital.sso_providers, vital.sso_flows, vital.sso_identities
  FROM PUBLIC, anon, authenticated, service_role;

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS sso_flows_tenant_idx ON vital.sso_flows (tenant_id);
CREATE INDEX IF NOT EXISTS sso_flows_provider_idx ON vital.sso_flows (provider_id);
CREATE INDEX IF NOT EXISTS sso_flows_expires_idx ON vital.sso_flows (expires_at);
CREATE INDEX IF NOT EXISTS sso_identities_user_idx ON vital.sso_identities (user_id);
