-- Operators' acts on people (`vital user`, vital.auth.members). The auth.users row
-- and the lock are the operator's (owner connection); memberships and profiles are
-- written as the tenant, under RLS and the membership guard.

-- name: user_by_email
SELECT id FROM auth.users WHERE lower(email) = lower(%(email)s)

-- name: new_user
INSERT INTO auth.users (email) VALUES (%(email)s) RETURNING id

-- name: profile
INSERT INTO profiles (tenant_id, user_id, display_name, email)
VALUES (%(tenant)s, %(user_id)s, %(name)s, %(email)s)
ON CONFLICT (tenant_id, user_id) DO NOTHING

-- name: join
INSERT INTO tenant_members (tenant_id, user_id, role) VALUES (%(tenant)s, %(user_id)s, %(role)s)

-- name: list
SELECT coalesce(p.email, '') AS email, m.role, m.status, m.created_at
FROM tenant_members m
LEFT JOIN profiles p ON p.tenant_id = m.tenant_id AND p.user_id = m.user_id
ORDER BY m.role = 'owner' DESC, m.created_at, p.email

-- name: change
UPDATE tenant_members SET role = coalesce(%(role)s, role), status = coalesce(%(status)s, status)
WHERE user_id = %(user_id)s
RETURNING role, status

-- name: lock
SELECT vital.lock_user(%(user_id)s, %(reason)s) AS ended

-- name: unlock
DELETE FROM vital.user_locks WHERE user_id = %(user_id)s RETURNING user_id
