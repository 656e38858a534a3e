-- E-mail flows of /auth/v1: one-time links and codes (magic link, sign-up,
-- recovery), invitations accepted through a link, and the record of every
-- message sent. Like sign-in's tables (20261124000019_sign_in) they live in
-- schema vital, RLS enabled and forced with no policy, reached by the API's
-- login (vital_api) only through the SECURITY DEFINER functions below.
-- Invitations stay in public.tenant_invitations (admins write them under RLS);
-- their token is the link's secret, stored as its sha256 only.

-- == types ===================================================================

-- == tables ==================================================================
-- A link's secret and its 6-digit code are never stored: only their sha256
-- (the code's with the tenant and e-mail, so that equal codes do not collide).
CREATE TABLE IF NOT EXISTS vital.one_time_tokens (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
  user_id     uuid REFERENCES auth.users (id) ON DELETE CASCADE,
  email       text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
  kind        text NOT NULL CHECK (kind IN ('magiclink', 'signup', 'recovery')),
  token_hash  text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  code_hash   text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  password_hash text CHECK (password_hash LIKE '$argon2%'),
  used_at     timestamptz,
  expires_at  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT one_time_tokens_token_hash_key UNIQUE (token_hash)
);
COMMENT ON TABLE vital.one_time_tokens IS
  'One-time sign-in links and codes (magiclink, signup, recovery), sha256 only, single use, bound to a tenant and an e-mail.';
COMMENT ON COLUMN vital.one_time_tokens.password_hash IS
  'signup: the argon2 hash of the password given with POST /signup, set when the link is followed (for a new user only).';

-- What the operator sees of the mail: never the link or the code (they would
-- sign anyone in who reads this table); the server log has them only in local
-- without SMTP.
CREATE TABLE IF NOT EXISTS vital.sent_mail (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id   uuid REFERENCES public.tenants (id) ON DELETE CASCADE,
  recipient   text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('magiclink', 'signup', 'recovery', 'invite')),
  subject     text NOT NULL,
  status      text NOT NULL CHECK (status IN ('sent', 'logged', 'failed')),
  error       text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE vital.sent_mail IS
  'Every message of the e-mail flows for the operator: tenant, recipient, kind, subject, status (sent by SMTP, logged in local, failed). Never the link.';

-- == functions ===============================================================
-- A new link (and code) for an e-mail at a tenant. outcome: ok | no_user
-- (no active member with that e-mail) | disabled (a disabled member) |
-- signup_closed (the tenant is invite-only) | exists (signup for a member).
-- A magic link for a stranger becomes a signup when p_create_user and the
-- tenant's sign-up is open (tenants.settings.auth.signup = 'open').
-- Older unused links of the e-mail at the tenant are spent: one live at a time.
CREATE OR REPLACE FUNCTION vital.issue_link(p_tenant_id uuid, p_email text, p_kind text, p_token_hash text,
                                            p_code_hash text, p_expires_at timestamptz, p_create_user boolean,
                                            p_password_hash text DEFAULT NULL)
  RETURNS TABLE (outcome text, kind text)
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_user   uuid;
  v_status text;
  v_kind   text := p_kind;
  v_open   boolean;
BEGIN
  SELECT u.id, m.status INTO v_user, v_status
    FROM auth.users u JOIN public.tenant_members m ON m.user_id = u.id AND m.tenant_id = p_tenant_id
   WHERE u.email = p_email;
  SELECT coalesce(t.settings #>> '{auth,signup}', 'invite') = 'open' INTO v_open
    FROM public.tenants t WHERE t.id = p_tenant_id AND t.status = 'active';
  IF v_status = 'disabled' THEN
    RETURN QUERY SELECT 'disabled'::text, v_kind; RETURN;
  END IF;
  IF v_kind = 'signup' AND v_user IS NOT NULL THEN
    RETURN QUERY SELECT 'exists'::text, v_kind; RETURN;
  END IF;
  IF v_kind = 'magiclink' AND v_user IS NULL AND p_create_user THEN
    v_kind := 'signup';
  END IF;
  IF v_kind = 'signup' AND NOT coalesce(v_open, false) THEN
    RETURN QUERY SELECT 'signup_closed'::text, v_kind; RETURN;
  END IF;
  IF v_kind <> 'signup' AND v_user IS NULL THEN
    RETURN QUERY SELECT 'no_user'::text, v_kind; RETURN;
  END IF;
  UPDATE vital.one_time_tokens o SET used_at = now()
   WHERE o.tenant_id = p_tenant_id AND o.email = p_email AND o.used_at IS NULL;
  INSERT INTO vital.one_time_tokens (tenant_id, user_id, email, kind, token_hash, code_hash, expires_at,
                                     password_hash)
  VALUES (p_tenant_id, v_user, p_email, v_kind, p_token_hash, p_code_hash, p_expires_at,
          CASE WHEN v_kind = 'signup' THEN p_password_hash END);
  RETURN QUERY SELECT 'ok'::text, v_kind;
END
$$;
COMMENT ON FUNCTION vital.issue_link(uuid, text, text, text, text, timestamptz, boolean, text) IS
  'Stores a one-time link and code (sha256) for an e-mail at a tenant, when the tenant''s rules allow it. For the API login role.';

-- A new user (or the one with that e-mail) made a member of the tenant, with a
-- profile, unless they already are. Internal: called by spend_link only.
CREATE OR REPLACE FUNCTION vital.join_tenant(p_tenant_id uuid, p_email text, p_role text, p_invited_by uuid)
  RETURNS TABLE (user_id uuid, status text)
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_user   uuid;
  v_status text;
BEGIN
  SELECT u.id INTO v_user FROM auth.users u WHERE u.email = p_email;
  IF v_user IS NULL THEN
    INSERT INTO auth.users (email) VALUES (p_email) RETURNING id INTO v_user;
  END IF;
  SELECT m.status INTO v_status FROM public.tenant_members m
   WHERE m.tenant_id = p_tenant_id AND m.user_id = v_user;
  IF v_status IS NOT NULL THEN
    RETURN QUERY SELECT v_user, v_status; RETURN;
  END IF;
  INSERT INTO public.profiles (tenant_id, user_id, display_name, email)
  VALUES (p_tenant_id, v_user, split_part(p_email, '@', 1), p_email)
  ON CONFLICT ON CONSTRAINT profiles_tenant_user_key DO NOTHING;
  INSERT INTO public.tenant_members (tenant_id, user_id, role, created_by)
  VALUES (p_tenant_id, v_user, p_role, p_invited_by);
  RETURN QUERY SELECT v_user, 'active'::text;
END
$$;
COMMENT ON FUNCTION vital.join_tenant(uuid, text, text, uuid) IS
  'Makes the user with this e-mail (created if new) a member of the tenant with a role, once. Not granted: spend_link calls it.';

-- Spends a link (p_token_hash: sha256 of its secret) or a code (p_code_hash)
-- of one of p_kinds at the tenant. outcome: ok | not_found | used | expired |
-- disabled (the membership is disabled). Invitations are found by their token
-- in tenant_invitations (pending, unexpired, this tenant): the invitee becomes
-- a member with the invitation's role, once.
CREATE OR REPLACE FUNCTION vital.spend_link(p_tenant_id uuid, p_token_hash text, p_code_hash text, p_kinds text[])
  RETURNS TABLE (outcome text, user_id uuid, email text, kind text)
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_link   vital.one_time_tokens;
  v_inv    public.tenant_invitations;
  v_user   uuid;
  v_status text;
  v_role   text;
BEGIN
  IF 'invite' = ANY (p_kinds) AND p_token_hash IS NOT NULL THEN
    SELECT i.* INTO v_inv FROM public.tenant_invitations i
     WHERE i.tenant_id = p_tenant_id AND i.token_hash = p_token_hash FOR UPDATE;
    IF FOUND THEN
      IF v_inv.status = 'accepted' THEN
        RETURN QUERY SELECT 'used'::text, NULL::uuid, v_inv.email, 'invite'::text; RETURN;
      ELSIF v_inv.status <> 'pending' THEN
        RETURN QUERY SELECT 'expired'::text, NULL::uuid, v_inv.email, 'invite'::text; RETURN;
      ELSIF v_inv.expires_at <= now() THEN
        UPDATE public.tenant_invitations SET status = 'expired' WHERE tenant_id = v_inv.tenant_id AND id = v_inv.id;
        RETURN QUERY SELECT 'expired'::text, NULL::uuid, v_inv.email, 'invite'::text; RETURN;
      END IF;
      SELECT j.user_id, j.status INTO v_user, v_status
        FROM vital.join_tenant(p_tenant_id, lower(v_inv.email), v_inv.role, v_inv.created_by) j;
      IF v_status <> 'active' THEN
        RETURN QUERY SELECT 'disabled'::text, v_user, v_inv.email, 'invite'::text; RETURN;
      END IF;
      UPDATE public.tenant_invitations SET status = 'accepted', accepted_at = now()
       WHERE tenant_id = v_inv.tenant_id AND id = v_inv.id;
      RETURN QUERY SELECT 'ok'::text, v_user, lower(v_inv.email), 'invite'::text; RETURN;
    END IF;
  END IF;
  SELECT o.* INTO v_link FROM vital.one_time_tokens o
   WHERE o.tenant_id = p_tenant_id AND o.kind = ANY (p_kinds)
     AND (o.token_hash = p_token_hash OR o.code_hash = p_code_hash)
   ORDER BY o.created_at DESC LIMIT 1 FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'not_found'::text, NULL::uuid, NULL::text, NULL::text; RETURN;
  END IF;
  IF v_link.used_at IS NOT NULL THEN
    RETURN QUERY SELECT 'used'::text, v_link.user_id, v_link.email, v_link.kind; RETURN;
  END IF;
  UPDATE vital.one_time_tokens SET used_at = now() WHERE id = v_link.id;
  IF v_link.expires_at <= now() THEN
    RETURN QUERY SELECT 'expired'::text, v_link.user_id, v_link.email, v_link.kind; RETURN;
  END IF;
  IF v_link.kind = 'signup' THEN
    SELECT CASE WHEN t.settings #>> '{auth,signup_role}' IN ('member', 'viewer')
                THEN t.settings #>> '{auth,signup_role}' ELSE 'member' END INTO v_role
      FROM public.tenants t WHERE t.id = p_tenant_id;
    SELECT j.user_id, j.status INTO v_user, v_status
      FROM vital.join_tenant(p_tenant_id, v_link.email, v_role, NULL) j;
    IF v_link.password_hash IS NOT NULL THEN  -- never replaces the password of a user who has one
      INSERT INTO vital.user_passwords (user_id, password_hash) VALUES (v_user, v_link.password_hash)
      ON CONFLICT ON CONSTRAINT user_passwords_pkey DO NOTHING;
    END IF;
  ELSE
    SELECT m.user_id, m.status INTO v_user, v_status FROM public.tenant_members m
     WHERE m.tenant_id = p_tenant_id AND m.user_id = v_link.user_id;
  END IF;
  IF v_status IS DISTINCT FROM 'active' THEN
    RETURN QUERY SELECT 'disabled'::text, v_user, v_link.email, v_link.kind; RETURN;
  END IF;
  RETURN QUERY SELECT 'ok'::text, v_user, v_link.email, v_link.kind;
END
$$;
COMMENT ON FUNCTION vital.spend_link(uuid, text, text, text[]) IS
  'Spends a one-time link or code, or accepts an invitation, at a tenant; says why not otherwise. For the API login role.';

CREATE OR REPLACE FUNCTION vital.record_mail(p_tenant_id uuid, p_recipient text, p_kind text, p_subject text,
                                             p_status text, p_error text DEFAULT NULL)
  RETURNS bigint
  LANGUAGE sql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    INSERT INTO vital.sent_mail (tenant_id, recipient, kind, subject, status, error)
    VALUES (p_tenant_id, p_recipient, p_kind, left(p_subject, 500), p_status, left(p_error, 2000))
    RETURNING id
  $$;
COMMENT ON FUNCTION vital.record_mail(uuid, text, text, text, text, text) IS
  'Records one message of the e-mail flows (never its link). For the API login role.';

-- Where this tenant's links may lead besides its own host: tenants.settings.auth.redirect_urls.
CREATE OR REPLACE FUNCTION vital.redirect_urls(p_tenant_id uuid)
  RETURNS text[]
  LANGUAGE sql STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT coalesce(array_agg(u.value), '{}'::text[])
    FROM public.tenants t, jsonb_array_elements_text(
      CASE WHEN jsonb_typeof(t.settings #> '{auth,redirect_urls}') = 'array'
           THEN t.settings #> '{auth,redirect_urls}' ELSE '[]'::jsonb END) u
    WHERE t.id = p_tenant_id
  $$;
COMMENT ON FUNCTION vital.redirect_urls(uuid) IS
  'The tenant''s allow-list of redirect targets (tenants.settings.auth.redirect_urls). For the API login role.';

-- Whether the tenant takes sign-ups (tenants.settings.auth.signup = 'open'), for GET /settings.
CREATE OR REPLACE FUNCTION vital.signup_open(p_tenant_id uuid)
  RETURNS boolean
  LANGUAGE sql STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT coalesce((SELECT t.settings #>> '{auth,signup}' = 'open' FROM public.tenants t WHERE t.id = p_tenant_id),
                    false)
  $$;
COMMENT ON FUNCTION vital.signup_open(uuid) IS
  'Whether the tenant takes open sign-ups. For the API login role.';

REVOKE ALL ON FUNCTION
  vital.redirect_urls(uuid), vital.signup_open(uuid),
  vital.issue_link(uuid, text, text, text, text, timestamptz, boolean, text), vital.join_tenant(uuid, text, text, uuid),
  vital.spend_link(uuid, text, text, text[]), vital.record_mail(uuid, text, text, text, text, text)
  FROM PUBLIC, anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION
  vital.redirect_urls(uuid), vital.signup_open(uuid),
  vital.issue_link(uuid, text, text, text, text, timestamptz, boolean, text),
  vital.spend_link(uuid, text, text, text[]), vital.record_mail(uuid, text, text, text, text, text)
  TO vital_api;

-- == triggers ================================================================
CREATE OR REPLACE TRIGGER set_updated_at BEFORE UPDATE ON vital.one_time_tokens
  FOR EACH ROW EXECUTE FUNCTION vital.set_updated_at();
CREATE OR REPLACE TRIGGER set_updated_at BEFORE UPDATE ON vital.sent_mail
  FOR EACH ROW EXECUTE FUNCTION vital.set_updated_at();

-- == policies ================================================================
ALTER TABLE vital.one_time_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE vital.one_time_tokens FORCE ROW LEVEL SECURITY;
ALTER TABLE vital.sent_mail ENABLE ROW LEVEL SECURITY;
ALTER TABLE vital.sent_mail FORCE ROW LEVEL SECURITY;
REVOKE ALL ON vital.one_time_tokens, vital.sent_mail FROM PUBLIC, anon, authenticated, service_role;

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS one_time_tokens_code_idx ON vital.one_time_tokens (tenant_id, code_hash);
CREATE INDEX IF NOT EXISTS one_time_tokens_email_idx ON vital.one_time_tokens (tenant_id, email);
CREATE INDEX IF NOT EXISTS one_time_tokens_user_idx ON vital.one_time_tokens (user_id);
CREATE INDEX IF NOT EXISTS sent_mail_tenant_idx ON vital.sent_mail (tenant_id, created_at);
