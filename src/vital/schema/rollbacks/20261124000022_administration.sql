-- Rollback of 20261124000022_administration: the functions of 20261124000019 as they were.
DROP FUNCTION IF EXISTS vital.set_tenant_settings(jsonb);
DROP FUNCTION IF EXISTS vital.lock_user(uuid, text);
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
DROP FUNCTION IF EXISTS vital.may_sign_in(uuid, uuid);
UPDATE vital.auth_sessions SET revoked_reason = 'logout' WHERE revoked_reason = 'locked';
ALTER TABLE vital.auth_sessions DROP CONSTRAINT IF EXISTS auth_sessions_revoked_reason_check;
ALTER TABLE vital.auth_sessions ADD CONSTRAINT auth_sessions_revoked_reason_check
  CHECK (revoked_reason IN ('logout', 'refresh_token_reuse', 'password_change'));
DROP TABLE IF EXISTS vital.user_locks;
