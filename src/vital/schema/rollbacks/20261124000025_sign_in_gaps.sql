-- Rollback of 20261124000025_sign_in_gaps: the sign-in functions of 20261124000019_sign_in again.
DROP FUNCTION IF EXISTS vital.pkce_exchange(uuid, text, text, text);
DROP FUNCTION IF EXISTS vital.pkce_code(uuid, text, uuid, text, text, timestamptz);
DROP FUNCTION IF EXISTS vital.pkce_begin(uuid, text, text, text);
DROP FUNCTION IF EXISTS vital.rotate_refresh_token(uuid, text, text, timestamptz, interval);
DROP FUNCTION IF EXISTS vital.start_session(uuid, uuid, text, timestamptz, text, inet, text, text);
DROP FUNCTION IF EXISTS vital.grant_to_api(regprocedure[]);
DROP TABLE IF EXISTS vital.pkce_flows;
ALTER TABLE vital.auth_sessions DROP COLUMN IF EXISTS sign_in_method;

CREATE OR REPLACE FUNCTION vital.start_session(p_tenant_id uuid, p_user_id uuid, p_token_hash text,
                                               p_expires_at timestamptz, p_user_agent text, p_ip inet,
                                               p_rehash text DEFAULT NULL)
  RETURNS uuid
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_session uuid;
BEGIN
  INSERT INTO vital.auth_sessions (tenant_id, user_id, user_agent, ip)
  VALUES (p_tenant_id, p_user_id, left(p_user_agent, 512), p_ip)
  RETURNING id INTO v_session;
  INSERT INTO vital.refresh_tokens (session_id, token_hash, expires_at)
  VALUES (v_session, p_token_hash, p_expires_at);
  IF p_rehash IS NOT NULL THEN
    UPDATE vital.user_passwords SET password_hash = p_rehash WHERE user_id = p_user_id;
  END IF;
  RETURN v_session;
END
$$;
COMMENT ON FUNCTION vital.start_session(uuid, uuid, text, timestamptz, text, inet, text) IS
  'Opens a session of a user at a tenant with its first refresh token (sha256). For the API login role.';

CREATE OR REPLACE FUNCTION vital.rotate_refresh_token(p_tenant_id uuid, p_token_hash text, p_new_hash text,
                                                      p_expires_at timestamptz)
  RETURNS TABLE (outcome text, session_id uuid, user_id uuid)
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
    RETURN QUERY SELECT 'not_found'::text, NULL::uuid, NULL::uuid;
    RETURN;
  END IF;
  SELECT s.* INTO v_session FROM vital.auth_sessions s WHERE s.id = v_token.session_id FOR UPDATE;
  IF v_session.tenant_id <> p_tenant_id THEN  -- another tenant's token: as if unknown
    RETURN QUERY SELECT 'not_found'::text, NULL::uuid, NULL::uuid;
    RETURN;
  END IF;
  IF v_session.revoked_at IS NOT NULL THEN
    RETURN QUERY SELECT 'revoked'::text, v_session.id, v_session.user_id;
    RETURN;
  END IF;
  IF v_token.used_at IS NOT NULL THEN
    UPDATE vital.auth_sessions SET revoked_at = now(), revoked_reason = 'refresh_token_reuse'
     WHERE id = v_session.id;
    RETURN QUERY SELECT 'reused'::text, v_session.id, v_session.user_id;
    RETURN;
  END IF;
  IF v_token.expires_at <= now() THEN
    RETURN QUERY SELECT 'expired'::text, v_session.id, v_session.user_id;
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM public.tenant_members m
                 WHERE m.tenant_id = p_tenant_id AND m.user_id = v_session.user_id) THEN
    RETURN QUERY SELECT 'not_member'::text, v_session.id, v_session.user_id;
    RETURN;
  END IF;
  UPDATE vital.refresh_tokens SET used_at = now() WHERE id = v_token.id;
  INSERT INTO vital.refresh_tokens (session_id, token_hash, parent_id, expires_at)
  VALUES (v_session.id, p_new_hash, v_token.id, p_expires_at);
  UPDATE vital.auth_sessions SET refreshed_at = now() WHERE id = v_session.id;
  RETURN QUERY SELECT 'ok'::text, v_session.id, v_session.user_id;
END
$$;
COMMENT ON FUNCTION vital.rotate_refresh_token(uuid, text, text, timestamptz) IS
  'Spends a refresh token (sha256) and issues its child; a spent token presented again revokes its session. For the API login role.';

REVOKE ALL ON FUNCTION
  vital.start_session(uuid, uuid, text, timestamptz, text, inet, text),
  vital.rotate_refresh_token(uuid, text, text, timestamptz)
  FROM PUBLIC, anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION
  vital.start_session(uuid, uuid, text, timestamptz, text, inet, text),
  vital.rotate_refresh_token(uuid, text, text, timestamptz)
  TO vital_api;
