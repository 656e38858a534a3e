-- Sign-in (/auth/v1, in the shapes of Supabase Auth): password hashes, sessions,
-- rotating refresh tokens, and the counters of the rate limiter.
-- Users stay in auth.users. These tables live in schema vital, not auth: on a
-- real Supabase project Supabase Auth owns auth.* and serves /auth/v1 itself.
-- No tenant role reaches them: RLS is enabled and forced with no policy, nothing
-- is granted on them, and the API's login (vital_api) uses them only through the
-- SECURITY DEFINER functions below, each reading or changing the rows of one
-- sign-in, one session or one counter.

-- == types ===================================================================

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS vital.user_passwords (
  user_id        uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
  password_hash  text NOT NULL CHECK (password_hash LIKE '$argon2%'),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE vital.user_passwords IS
  'A user''s password, as an argon2 hash (argon2-cffi). One per user, whatever tenants they belong to.';

-- A session is one sign-in at one tenant's host; its refresh tokens form one family.
CREATE TABLE IF NOT EXISTS vital.auth_sessions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
  user_id         uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  user_agent      text,
  ip              inet,
  refreshed_at    timestamptz,
  revoked_at      timestamptz,
  revoked_reason  text CHECK (revoked_reason IN ('logout', 'refresh_token_reuse', 'password_change')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE vital.auth_sessions IS
  'One password sign-in of a user at a tenant; revoked by logout, by the reuse of a spent refresh token, or by a password change.';

-- Only the sha256 of a refresh token is stored. A token is used once: refreshing
-- marks it used and issues its child; presenting a used token again revokes the
-- whole session (GoTrue's reuse detection).
CREATE TABLE IF NOT EXISTS vital.refresh_tokens (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id  uuid NOT NULL REFERENCES vital.auth_sessions (id) ON DELETE CASCADE,
  token_hash  text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  parent_id   bigint REFERENCES vital.refresh_tokens (id) ON DELETE CASCADE,
  used_at     timestamptz,
  expires_at  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash)
);
COMMENT ON TABLE vital.refresh_tokens IS
  'Rotating refresh tokens (sha256 only), each with its session and its parent for reuse detection.';

-- Fixed-window counters shared by every API process (vital.auth.limiter): keys
-- are sha256 hashes of what is counted (an e-mail, a client address).
CREATE TABLE IF NOT EXISTS vital.rate_counters (
  bucket      text NOT NULL CHECK (bucket ~ '^[a-z0-9_.:-]{1,64}$'),
  key_hash    text NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  hits        integer NOT NULL CHECK (hits >= 0),
  last_hit_at timestamptz NOT NULL DEFAULT now(),
  window_end  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bucket, key_hash)
);
COMMENT ON TABLE vital.rate_counters IS
  'Rate-limit counters (failed sign-ins per e-mail and per client address, and whatever else reuses vital.auth.limiter).';

-- == functions ===============================================================
-- A member of the tenant with this e-mail and their password hash (NULL when
-- they have none): what a password grant checks. Not a member: no row.
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
    WHERE u.email = p_email
  $$;
COMMENT ON FUNCTION vital.sign_in_candidate(uuid, text) IS
  'The tenant''s member with this e-mail and their argon2 hash, else no row. For the API login role.';

-- The user as /auth/v1 shows them, while they are a member of the tenant.
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
    WHERE u.id = p_user_id
  $$;
COMMENT ON FUNCTION vital.sign_in_user(uuid, uuid) IS
  'A member of the tenant as /auth/v1 shows them, else no row. For the API login role.';

-- A new session and its first refresh token; also rehashes the password when
-- the caller asks (argon2 parameters raised since it was stored).
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

-- Rotation. outcome: ok | not_found | reused | expired | revoked | not_member.
-- A used token presented again revokes its session (every token of the family).
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

CREATE OR REPLACE FUNCTION vital.session_is_live(p_tenant_id uuid, p_user_id uuid, p_session_id uuid)
  RETURNS boolean
  LANGUAGE sql STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT EXISTS (SELECT 1 FROM vital.auth_sessions s
                   WHERE s.id = p_session_id AND s.tenant_id = p_tenant_id AND s.user_id = p_user_id
                     AND s.revoked_at IS NULL)
  $$;
COMMENT ON FUNCTION vital.session_is_live(uuid, uuid, uuid) IS
  'Whether the session of an access token is still open. For the API login role.';

-- scope: local (this session), others (every other session of the user),
-- global (every session of the user, at every tenant). Returns how many ended.
CREATE OR REPLACE FUNCTION vital.end_sessions(p_user_id uuid, p_session_id uuid, p_scope text,
                                              p_reason text DEFAULT 'logout')
  RETURNS integer
  LANGUAGE sql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    WITH ended AS (
      UPDATE vital.auth_sessions s SET revoked_at = now(), revoked_reason = p_reason
      WHERE s.user_id = p_user_id AND s.revoked_at IS NULL
        AND CASE p_scope WHEN 'local' THEN s.id = p_session_id
                         WHEN 'others' THEN s.id IS DISTINCT FROM p_session_id
                         WHEN 'global' THEN true END
      RETURNING 1)
    SELECT count(*)::integer FROM ended
  $$;
COMMENT ON FUNCTION vital.end_sessions(uuid, uuid, text, text) IS
  'Revokes a user''s sessions: local, others or global. For the API login role.';

CREATE OR REPLACE FUNCTION vital.set_password(p_user_id uuid, p_hash text)
  RETURNS void
  LANGUAGE sql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    INSERT INTO vital.user_passwords (user_id, password_hash) VALUES (p_user_id, p_hash)
    ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash
  $$;
COMMENT ON FUNCTION vital.set_password(uuid, text) IS
  'Stores a user''s argon2 password hash. For the API login role (PUT /auth/v1/user, as that user).';

CREATE OR REPLACE FUNCTION vital.set_user_metadata(p_user_id uuid, p_data jsonb)
  RETURNS void
  LANGUAGE sql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    UPDATE auth.users SET raw_user_meta_data = raw_user_meta_data || p_data, updated_at = now()
    WHERE id = p_user_id
  $$;
COMMENT ON FUNCTION vital.set_user_metadata(uuid, jsonb) IS
  'Merges keys into a user''s user_metadata. For the API login role (PUT /auth/v1/user, as that user).';

-- One hit on a fixed window: a new window starts when the last one is over.
-- Returns the hits in the current window and when it ends.
CREATE OR REPLACE FUNCTION vital.rate_hit(p_bucket text, p_key_hash text, p_window interval)
  RETURNS TABLE (hits integer, last_hit_at timestamptz, window_end timestamptz)
  LANGUAGE sql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    INSERT INTO vital.rate_counters AS c (bucket, key_hash, hits, window_end)
    VALUES (p_bucket, p_key_hash, 1, now() + p_window)
    ON CONFLICT (bucket, key_hash) DO UPDATE
      SET hits = CASE WHEN c.window_end <= now() THEN 1 ELSE c.hits + 1 END,
          window_end = CASE WHEN c.window_end <= now() THEN now() + p_window ELSE c.window_end END,
          last_hit_at = now()
    RETURNING c.hits, c.last_hit_at, c.window_end
  $$;
COMMENT ON FUNCTION vital.rate_hit(text, text, interval) IS
  'Counts one hit of a key in a bucket (fixed window). For the API login role.';

CREATE OR REPLACE FUNCTION vital.rate_peek(p_bucket text, p_key_hash text)
  RETURNS TABLE (hits integer, last_hit_at timestamptz, window_end timestamptz)
  LANGUAGE sql STABLE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT c.hits, c.last_hit_at, c.window_end FROM vital.rate_counters c
    WHERE c.bucket = p_bucket AND c.key_hash = p_key_hash AND c.window_end > now()
  $$;
COMMENT ON FUNCTION vital.rate_peek(text, text) IS
  'The hits of a key in its current window, else no row. For the API login role.';

-- Clears one key, and sweeps a few long-expired counters of the bucket on the way.
CREATE OR REPLACE FUNCTION vital.rate_clear(p_bucket text, p_key_hash text)
  RETURNS void
  LANGUAGE sql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
    DELETE FROM vital.rate_counters c
    WHERE c.bucket = p_bucket
      AND (c.key_hash = p_key_hash
           OR c.ctid = ANY (ARRAY(SELECT x.ctid FROM vital.rate_counters x
                                  WHERE x.bucket = p_bucket AND x.window_end < now() - interval '1 hour'
                                  LIMIT 100)))
  $$;
COMMENT ON FUNCTION vital.rate_clear(text, text) IS
  'Forgets a key''s counter (and up to 100 long-expired ones of the bucket). For the API login role.';

REVOKE ALL ON FUNCTION
  vital.sign_in_candidate(uuid, text), vital.sign_in_user(uuid, uuid),
  vital.start_session(uuid, uuid, text, timestamptz, text, inet, text),
  vital.rotate_refresh_token(uuid, text, text, timestamptz), vital.session_is_live(uuid, uuid, uuid),
  vital.end_sessions(uuid, uuid, text, text), vital.set_password(uuid, text),
  vital.set_user_metadata(uuid, jsonb), vital.rate_hit(text, text, interval), vital.rate_peek(text, text),
  vital.rate_clear(text, text)
  FROM PUBLIC, anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION
  vital.sign_in_candidate(uuid, text), vital.sign_in_user(uuid, uuid),
  vital.start_session(uuid, uuid, text, timestamptz, text, inet, text),
  vital.rotate_refresh_token(uuid, text, text, timestamptz), vital.session_is_live(uuid, uuid, uuid),
  vital.end_sessions(uuid, uuid, text, text), vital.set_password(uuid, text),
  vital.set_user_metadata(uuid, jsonb), vital.rate_hit(text, text, interval), vital.rate_peek(text, text),
  vital.rate_clear(text, text)
  TO vital_api;

-- == triggers ================================================================
CREATE OR REPLACE TRIGGER set_updated_at BEFORE UPDATE ON vital.user_passwords
  FOR EACH ROW EXECUTE FUNCTION vital.set_updated_at();
CREATE OR REPLACE TRIGGER set_updated_at BEFORE UPDATE ON vital.auth_sessions
  FOR EACH ROW EXECUTE FUNCTION vital.set_updated_at();
CREATE OR REPLACE TRIGGER set_updated_at BEFORE UPDATE ON vital.refresh_tokens
  FOR EACH ROW EXECUTE FUNCTION vital.set_updated_at();
CREATE OR REPLACE TRIGGER set_updated_at BEFORE UPDATE ON vital.rate_counters
  FOR EACH ROW EXECUTE FUNCTION vital.set_updated_at();

-- == policies ================================================================
-- Enabled and forced, with no policy: no role but the owner (the definer
-- functions above) sees a row.
ALTER TABLE vital.user_passwords ENABLE ROW LEVEL SECURITY;
ALTER TABLE vital.user_passwords FORCE ROW LEVEL SECURITY;
ALTER TABLE vital.auth_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE vital.auth_sessions FORCE ROW LEVEL SECURITY;
ALTER TABLE vital.refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE vital.refresh_tokens FORCE ROW LEVEL SECURITY;
ALTER TABLE vital.rate_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE vital.rate_counters FORCE ROW LEVEL SECURITY;
REVOKE ALL ON vital.user_passwords, vital.auth_sessions, vital.refresh_tokens, vital.rate_counters
  FROM PUBLIC, anon, authenticated, service_role;

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS auth_sessions_user_idx ON vital.auth_sessions (user_id);
CREATE INDEX IF NOT EXISTS auth_sessions_tenant_idx ON vital.auth_sessions (tenant_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_session_idx ON vital.refresh_tokens (session_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_parent_idx ON vital.refresh_tokens (parent_id);
CREATE INDEX IF NOT EXISTS rate_counters_window_end_idx ON vital.rate_counters (bucket, window_end);
