-- Administration (docs/auth.md#administration): locked accounts, sign-in that
-- honours locks and disabled memberships, and the tenant settings an admin may
-- change.
-- A lock is an operator's act on a person (`vital user lock`), not on a
-- membership: it refuses sign-in at every tenant and ends every session. It lives
-- in schema vital beside the other sign-in internals: RLS forced, no policy,
-- nothing granted; the API reads it only through the definer functions below.
-- Tenant settings: public.tenants is writable by owners only (20261124000020);
-- admins change the few keys listed in vital.set_tenant_settings() through it.

-- == types ===================================================================

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS vital.user_locks (
  user_id     uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
  reason      text,
  locked_by   text NOT NULL DEFAULT current_user,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE vital.user_locks IS
  'Accounts locked by an operator: no sign-in and no refresh at any tenant until unlocked.';

ALTER TABLE vital.auth_sessions DROP CONSTRAINT IF EXISTS auth_sessions_revoked_reason_check;
ALTER TABLE vital.auth_sessions ADD CONSTRAINT auth_sessions_revoked_reason_check
  CHECK (revoked_reason IN ('logout', 'refresh_token_reuse', 'password_change', 'locked'));

-- == functions ===============================================================
-- Whether a user may sign in at a tenant at all: an active membership, no lock.
CREATE OR REPLACE FUNCTION vital.may_sign_in(p_tenant_id uuid, p_user_id uuid)
  RETURNS boolean
  LANGUAGE sql STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT EXISTS (SELECT 1 FROM public.tenant_members m
                   WHERE m.tenant_id = p_tenant_id AND m.user_id = p_user_id AND m.status = 'active')
       AND NOT EXISTS (SELECT 1 FROM vital.user_locks l WHERE l.user_id = p_user_id)
  $$;
COMMENT ON FUNCTION vital.may_sign_in(uuid, uuid) IS
  'An active member of the tenant whose account is not locked.';

-- As in 20261124000019, now only for members who may sign in: a disabled member
-- or a locked account gets no row, so the grant answers invalid credentials.
CREATE OR REPLACE FUNCTION vital.sign_in_candidate(p_tenant_id uuid, p_email text)
  RETURNS TABLE (user_id uuid, email text, password_hash text, tenant_role text)
  LANGUAGE sql STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT u.id, u.email, p.password_hash, m.role
    FROM auth.users u
    JOIN public.tenant_members m ON m.user_id = u.id AND m.tenant_id = p_tenant_id
    LEFT JOIN vital.user_passwords p ON p.user_id = u.id
    WHERE u.email = p_email AND vital.may_sign_in(p_tenant_id, u.id)
  $$;

CREATE OR REPLACE FUNCTION vital.sign_in_user(p_tenant_id uuid, p_user_id uuid)
  RETURNS TABLE (user_id uuid, email text, tenant_role text, app_metadata jsonb, user_metadata jsonb,
                 created_at timestamptz, updated_at timestamptz, last_sign_in_at timestamptz)
  LANGUAGE sql STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT u.id, u.email, m.role, u.raw_app_meta_data, u.raw_user_meta_data, u.created_at, u.updated_at,
           (SELECT max(s.created_at) FROM vital.auth_sessions s WHERE s.user_id = u.id)
    FROM auth.users u
    JOIN public.tenant_members m ON m.user_id = u.id AND m.tenant_id = p_tenant_id
    WHERE u.id = p_user_id AND vital.may_sign_in(p_tenant_id, u.id)
  $$;

-- An operator locks an account: every session ends, sign-in is refused everywhere.
CREATE OR REPLACE FUNCTION vital.lock_user(p_user_id uuid, p_reason text DEFAULT NULL)
  RETURNS integer
  LANGUAGE plpgsql
  VOLATILE
  SET search_path = ''
  AS $$
  BEGIN
    INSERT INTO vital.user_locks (user_id, reason) VALUES (p_user_id, p_reason)
    ON CONFLICT (user_id) DO UPDATE SET reason = coalesce(excluded.reason, vital.user_locks.reason);
    RETURN vital.end_sessions(p_user_id, NULL, 'global', 'locked');
  END
  $$;
COMMENT ON FUNCTION vital.lock_user(uuid, text) IS
  'Locks an account (operators only): ends its sessions at every tenant; sign-in and refresh are refused.';

-- The tenant settings an admin may change, and only those keys. Callers under RLS:
-- the caller's tenant, role checked by vital.tenant_role() (owners and admins).
--   signup_open     boolean: anyone may sign up at the tenant's host
--   redirect_urls   array of strings: where /auth/v1 may send a browser back
CREATE OR REPLACE FUNCTION vital.set_tenant_settings(p_changes jsonb)
  RETURNS jsonb
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
  DECLARE
    v_tenant uuid := auth.tenant_id();
    v_key text;
    v_settings jsonb;
  BEGIN
    IF vital.tenant_role() IS DISTINCT FROM 'owner' AND vital.tenant_role() IS DISTINCT FROM 'admin' THEN
      RAISE EXCEPTION 'only the tenant''s owners and admins change its settings'
        USING ERRCODE = '42501';
    END IF;
    IF jsonb_typeof(p_changes) IS DISTINCT FROM 'object' THEN
      RAISE EXCEPTION 'settings are a JSON object' USING ERRCODE = '22023';
    END IF;
    FOR v_key IN SELECT jsonb_object_keys(p_changes) LOOP
      IF v_key NOT IN ('signup_open', 'redirect_urls') THEN
        RAISE EXCEPTION 'setting % cannot be changed here', v_key
          USING ERRCODE = '22023', HINT = 'Admins change signup_open and redirect_urls.';
      END IF;
    END LOOP;
    IF p_changes ? 'signup_open' AND jsonb_typeof(p_changes -> 'signup_open') <> 'boolean' THEN
      RAISE EXCEPTION 'signup_open is true or false' USING ERRCODE = '22023';
    END IF;
    IF p_changes ? 'redirect_urls' AND (jsonb_typeof(p_changes -> 'redirect_urls') <> 'array'
       OR EXISTS (SELECT FROM jsonb_array_elements(p_changes -> 'redirect_urls') e
                   WHERE jsonb_typeof(e) <> 'string')) THEN
      RAISE EXCEPTION 'redirect_urls is an array of URLs' USING ERRCODE = '22023';
    END IF;
    UPDATE public.tenants t SET settings = t.settings || p_changes
     WHERE t.id = v_tenant
    RETURNING t.settings INTO v_settings;
    RETURN v_settings;
  END
  $$;
COMMENT ON FUNCTION vital.set_tenant_settings(jsonb) IS
  'Changes the admin-settable keys (signup_open, redirect_urls) of the caller''s tenant; owners and admins only.';

REVOKE ALL ON FUNCTION vital.may_sign_in(uuid, uuid), vital.lock_user(uuid, text),
  vital.set_tenant_settings(jsonb) FROM PUBLIC, anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION vital.may_sign_in(uuid, uuid) TO vital_api;
GRANT EXECUTE ON FUNCTION vital.set_tenant_settings(jsonb) TO authenticated;

-- == triggers ================================================================
CREATE OR REPLACE TRIGGER set_updated_at BEFORE UPDATE ON vital.user_locks
  FOR EACH ROW EXECUTE FUNCTION vital.set_updated_at();

-- == policies ================================================================
ALTER TABLE vital.user_locks ENABLE ROW LEVEL SECURITY;
ALTER TABLE vital.user_locks FORCE ROW LEVEL SECURITY;

-- == indexes =================================================================
