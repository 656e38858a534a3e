-- Sign-in gaps (docs/auth.md): the method of each sign-in (GoTrue's `amr`), kept by
-- its refreshes; a grace interval for a refresh token presented twice at once (two
-- tabs); GoTrue's PKCE flow (an auth code exchanged once, with its verifier, at
-- /token?grant_type=pkce). Like the tables of 20261124000019_sign_in, the new one
-- lives in schema vital with RLS forced and no policy, and the API login reaches it
-- only through the SECURITY DEFINER functions below.

-- == types ===================================================================

-- == tables ==================================================================
-- GoTrue's method names (its amr claim); 'sso/oidc' follows its 'sso/saml'.
ALTER TABLE vital.auth_sessions ADD COLUMN IF NOT EXISTS sign_in_method text NOT NULL DEFAULT 'password'
  CONSTRAINT auth_sessions_sign_in_method_check
  CHECK (sign_in_method IN ('password', 'otp', 'magiclink', 'email/signup', 'recovery', 'invite', 'sso/oidc'));
COMMENT ON COLUMN vital.auth_sessions.sign_in_method IS
  'How the session was opened (the amr claim of its access tokens, kept by every refresh).';

-- One PKCE sign-in: its challenge from the start (POST /otp, /signup, /recover or /sso),
-- keyed by the sha256 the flow already has (the link's token_hash, the SSO state_hash);
-- then, once the link or the provider said who it is, the sha256 of the auth code
-- handed to the browser, spent once with the verifier.
CREATE TABLE IF NOT EXISTS vital.pkce_flows (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id              uuid NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
  source_hash            text NOT NULL CHECK (source_hash ~ '^[0-9a-f]{64}$'),
  code_challenge         text NOT NULL CHECK (code_challenge ~ '^[A-Za-z0-9._~-]{43,128}$'),
  code_challenge_method  text NOT NULL CHECK (code_challenge_method IN ('s256', 'plain')),
  auth_code_hash         text CHECK (auth_code_hash ~ '^[0-9a-f]{64}$'),
  user_id                uuid REFERENCES auth.users (id) ON DELETE CASCADE,
  sign_in_method         text,
  code_expires_at        timestamptz,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pkce_flows_source_hash_key UNIQUE (source_hash),
  CONSTRAINT pkce_flows_auth_code_hash_key UNIQUE (auth_code_hash),
  CONSTRAINT pkce_flows_code_complete CHECK (
    (auth_code_hash IS NULL) = (user_id IS NULL) AND (auth_code_hash IS NULL) = (code_expires_at IS NULL))
);
COMMENT ON TABLE vital.pkce_flows IS
  'PKCE sign-ins (GoTrue''s flow state): the code challenge, then the sha256 of the auth code, spent once.';

-- == functions ===============================================================
-- What migrations 19, 21, 22 and 23 repeat after each batch of functions for the API
-- login, once: each function must be SECURITY DEFINER with SET search_path = ''; then
-- EXECUTE is revoked from every role and granted to vital_api alone. Run by migrations
-- (as the owner); no role may call it.
CREATE OR REPLACE FUNCTION vital.grant_to_api(p_functions regprocedure[])
  RETURNS void
  LANGUAGE plpgsql
  VOLATILE
  SET search_path = ''
  AS $$
DECLARE
  v_function regprocedure;
BEGIN
  FOREACH v_function IN ARRAY p_functions LOOP
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_proc p
                   WHERE p.oid = v_function AND p.prosecdef AND p.proconfig @> ARRAY['search_path=""']) THEN
      RAISE EXCEPTION '% must be SECURITY DEFINER with an empty search_path', v_function;
    END IF;
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC, anon, authenticated, service_role', v_function);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO vital_api', v_function);
  END LOOP;
END
$$;
COMMENT ON FUNCTION vital.grant_to_api(regprocedure[]) IS
  'Checks that functions are SECURITY DEFINER with an empty search_path, and grants their EXECUTE to vital_api alone. For migrations.';
REVOKE ALL ON FUNCTION vital.grant_to_api(regprocedure[]) FROM PUBLIC, anon, authenticated, service_role;

-- start_session and rotate_refresh_token of 20261124000019 gain the sign-in method.
DROP FUNCTION IF EXISTS vital.start_session(uuid, uuid, text, timestamptz, text, inet, text);
CREATE OR REPLACE FUNCTION vital.start_session(p_tenant_id uuid, p_user_id uuid, p_token_hash text,
                                               p_expires_at timestamptz, p_user_agent text, p_ip inet,
                                               p_rehash text DEFAULT NULL, p_method text DEFAULT 'password')
  RETURNS uuid
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_session uuid;
BEGIN
  INSERT INTO vital.auth_sessions (tenant_id, user_id, user_agent, ip, sign_in_method)
  VALUES (p_tenant_id, p_user_id, left(p_user_agent, 512), p_ip, p_method)
  RETURNING id INTO v_session;
  INSERT INTO vital.refresh_tokens (session_id, token_hash, expires_at)
  VALUES (v_session, p_token_hash, p_expires_at);
  IF p_rehash IS NOT NULL THEN
    UPDATE vital.user_passwords SET password_hash = p_rehash WHERE user_id = p_user_id;
  END IF;
  RETURN v_session;
END
$$;
COMMENT ON FUNCTION vital.start_session(uuid, uuid, text, timestamptz, text, inet, text, text) IS
  'Opens a session of a user at a tenant (with how they signed in) and its first refresh token (sha256). For the API login role.';

-- Rotation. outcome: ok | not_found | reused | expired | revoked | not_member.
-- A spent token presented again within p_reuse of its spending (two tabs refreshing at
-- once) gets another child, as GoTrue's refresh_token_reuse_interval gives back the
-- active one (only hashes are stored here, so the active one cannot be given back);
-- later, it revokes its session (every token of the family).
DROP FUNCTION IF EXISTS vital.rotate_refresh_token(uuid, text, text, timestamptz);
CREATE OR REPLACE FUNCTION vital.rotate_refresh_token(p_tenant_id uuid, p_token_hash text, p_new_hash text,
                                                      p_expires_at timestamptz, p_reuse interval)
  RETURNS TABLE (outcome text, session_id uuid, user_id uuid, sign_in_method text, signed_in_at timestamptz)
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_token   vital.refresh_tokens;
  v_session vital.auth_sessions;
BEGIN
  SELECT t.* INTO v_token FROM vital.refresh_tokens t WHERE t.token_hash = p_token_hash FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'not_found'::text, NULL::uuid, NULL::uuid, NULL::text, NULL::timestamptz;
    RETURN;
  END IF;
  SELECT s.* INTO v_session FROM vital.auth_sessions s WHERE s.id = v_token.session_id FOR UPDATE;
  IF v_session.tenant_id <> p_tenant_id THEN  -- another tenant's token: as if unknown
    RETURN QUERY SELECT 'not_found'::text, NULL::uuid, NULL::uuid, NULL::text, NULL::timestamptz;
    RETURN;
  END IF;
  IF v_session.revoked_at IS NOT NULL THEN
    RETURN QUERY SELECT 'revoked'::text, v_session.id, v_session.user_id, NULL::text, NULL::timestamptz;
    RETURN;
  END IF;
  IF v_token.used_at IS NOT NULL AND v_token.used_at <= now() - p_reuse THEN
    UPDATE vital.auth_sessions SET revoked_at = now(), revoked_reason = 'refresh_token_reuse'
     WHERE id = v_session.id;
    RETURN QUERY SELECT 'reused'::text, v_session.id, v_session.user_id, NULL::text, NULL::timestamptz;
    RETURN;
  END IF;
  IF v_token.expires_at <= now() THEN
    RETURN QUERY SELECT 'expired'::text, v_session.id, v_session.user_id, NULL::text, NULL::timestamptz;
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM public.tenant_members m
                 WHERE m.tenant_id = p_tenant_id AND m.user_id = v_session.user_id) THEN
    RETURN QUERY SELECT 'not_member'::text, v_session.id, v_session.user_id, NULL::text, NULL::timestamptz;
    RETURN;
  END IF;
  -- used_at keeps the first spending: the grace runs from it, not from the last reuse.
  UPDATE vital.refresh_tokens SET used_at = coalesce(used_at, now()) WHERE id = v_token.id;
  INSERT INTO vital.refresh_tokens (session_id, token_hash, parent_id, expires_at)
  VALUES (v_session.id, p_new_hash, v_token.id, p_expires_at);
  UPDATE vital.auth_sessions SET refreshed_at = now() WHERE id = v_session.id;
  RETURN QUERY SELECT 'ok'::text, v_session.id, v_session.user_id, v_session.sign_in_method, v_session.created_at;
END
$$;
COMMENT ON FUNCTION vital.rotate_refresh_token(uuid, text, text, timestamptz, interval) IS
  'Spends a refresh token (sha256) and issues its child; a spent token presented again after the reuse interval revokes its session. For the API login role.';

-- The challenge of a PKCE sign-in, at its start (and a sweep of day-old flows).
CREATE OR REPLACE FUNCTION vital.pkce_begin(p_tenant_id uuid, p_source_hash text, p_challenge text, p_method text)
  RETURNS void
  LANGUAGE sql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    DELETE FROM vital.pkce_flows f WHERE f.created_at < now() - interval '1 day';
    INSERT INTO vital.pkce_flows (tenant_id, source_hash, code_challenge, code_challenge_method)
    VALUES (p_tenant_id, p_source_hash, p_challenge, p_method);
  $$;
COMMENT ON FUNCTION vital.pkce_begin(uuid, text, text, text) IS
  'Records the code challenge of a PKCE sign-in, by the sha256 of its link or SSO state. For the API login role.';

-- Once a PKCE sign-in's link or provider said who it is: the auth code (sha256) for the
-- browser. false when the flow was not started with a challenge (the implicit flow).
CREATE OR REPLACE FUNCTION vital.pkce_code(p_tenant_id uuid, p_source_hash text, p_user_id uuid, p_method text,
                                           p_code_hash text, p_expires_at timestamptz)
  RETURNS boolean
  LANGUAGE sql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    WITH coded AS (
      UPDATE vital.pkce_flows f
         SET auth_code_hash = p_code_hash, user_id = p_user_id, sign_in_method = p_method,
             code_expires_at = p_expires_at
       WHERE f.tenant_id = p_tenant_id AND f.source_hash = p_source_hash AND f.auth_code_hash IS NULL
      RETURNING 1)
    SELECT EXISTS (SELECT FROM coded)
  $$;
COMMENT ON FUNCTION vital.pkce_code(uuid, text, uuid, text, text, timestamptz) IS
  'Gives a PKCE sign-in its auth code (sha256) once its user is known; false for an implicit flow. For the API login role.';

-- POST /token?grant_type=pkce. outcome: ok | not_found | expired | bad_verifier.
-- A wrong verifier leaves the code to its owner (as GoTrue); ok and expired spend it.
CREATE OR REPLACE FUNCTION vital.pkce_exchange(p_tenant_id uuid, p_code_hash text, p_verifier text,
                                               p_verifier_s256 text)
  RETURNS TABLE (outcome text, user_id uuid, sign_in_method text)
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_flow vital.pkce_flows;
BEGIN
  SELECT f.* INTO v_flow FROM vital.pkce_flows f
   WHERE f.tenant_id = p_tenant_id AND f.auth_code_hash = p_code_hash FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'not_found'::text, NULL::uuid, NULL::text; RETURN;
  END IF;
  IF v_flow.code_expires_at <= now() THEN
    DELETE FROM vital.pkce_flows WHERE id = v_flow.id;
    RETURN QUERY SELECT 'expired'::text, NULL::uuid, NULL::text; RETURN;
  END IF;
  IF (v_flow.code_challenge_method = 's256' AND v_flow.code_challenge IS DISTINCT FROM p_verifier_s256)
     OR (v_flow.code_challenge_method = 'plain' AND v_flow.code_challenge IS DISTINCT FROM p_verifier) THEN
    RETURN QUERY SELECT 'bad_verifier'::text, NULL::uuid, NULL::text; RETURN;
  END IF;
  DELETE FROM vital.pkce_flows WHERE id = v_flow.id;
  RETURN QUERY SELECT 'ok'::text, v_flow.user_id, v_flow.sign_in_method;
END
$$;
COMMENT ON FUNCTION vital.pkce_exchange(uuid, text, text, text) IS
  'Spends a PKCE auth code (sha256) whose challenge the verifier answers. For the API login role.';

SELECT vital.grant_to_api(ARRAY[
  'vital.start_session(uuid, uuid, text, timestamptz, text, inet, text, text)',
  'vital.rotate_refresh_token(uuid, text, text, timestamptz, interval)',
  'vital.pkce_begin(uuid, text, text, text)', 'vital.pkce_code(uuid, text, uuid, text, text, timestamptz)',
  'vital.pkce_exchange(uuid, text, text, text)']::regprocedure[]);

-- == triggers ================================================================
CREATE OR REPLACE TRIGGER set_updated_at BEFORE UPDATE ON vital.pkce_flows
  FOR EACH ROW EXECUTE FUNCTION vital.set_updated_at();

-- == policies ================================================================
ALTER TABLE vital.pkce_flows ENABLE ROW LEVEL SECURITY;
ALTER TABLE vital.pkce_flows FORCE ROW LEVEL SECURITY;
REVOKE ALL ON vital.pkce_flows FROM PUBLIC, anon, authenticated, service_role;

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS pkce_flows_tenant_idx ON vital.pkce_flows (tenant_id);
CREATE INDEX IF NOT EXISTS pkce_flows_user_idx ON vital.pkce_flows (user_id);
CREATE INDEX IF NOT EXISTS pkce_flows_created_idx ON vital.pkce_flows (created_at);
