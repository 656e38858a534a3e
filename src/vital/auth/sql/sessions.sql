-- Sign-in at /auth/v1: every statement calls a definer function of migration
-- 20261124000019_sign_in (the API role sees none of the tables).

-- name: candidate
SELECT user_id, email, password_hash, tenant_role FROM vital.sign_in_candidate(%(tenant_id)s, %(email)s)

-- name: user
SELECT user_id, email, tenant_role, app_metadata, user_metadata, created_at, updated_at, last_sign_in_at
FROM vital.sign_in_user(%(tenant_id)s, %(user_id)s)

-- name: start
-- now(): the transaction's time, which is the new session's created_at (the amr timestamp).
SELECT vital.start_session(%(tenant_id)s, %(user_id)s, %(token_hash)s, %(expires_at)s, %(user_agent)s,
                           %(ip)s, %(rehash)s, %(method)s) AS session_id, now() AS signed_in_at

-- name: rotate
SELECT outcome, session_id, user_id, sign_in_method, signed_in_at
FROM vital.rotate_refresh_token(%(tenant_id)s, %(token_hash)s, %(new_hash)s, %(expires_at)s, %(reuse)s)

-- name: live
SELECT vital.session_is_live(%(tenant_id)s, %(user_id)s, %(session_id)s) AS live

-- name: end
SELECT vital.end_sessions(%(user_id)s, %(session_id)s, %(scope)s, %(reason)s) AS ended

-- name: set_password
SELECT vital.set_password(%(user_id)s, %(hash)s)

-- name: set_user_metadata
SELECT vital.set_user_metadata(%(user_id)s, %(data)s)

