-- /api/v1/admin: every statement runs as the caller under RLS (api/admin.py);
-- the role policies of 20261124000020 decide who may change what.

-- name: members
SELECT m.user_id, p.email, p.display_name, m.role, m.status, m.created_at, m.updated_at
FROM tenant_members m
LEFT JOIN profiles p ON p.tenant_id = m.tenant_id AND p.user_id = m.user_id
ORDER BY m.created_at, p.email

-- name: member_visible
SELECT EXISTS (SELECT FROM tenant_members WHERE user_id = %(user_id)s) AS visible

-- name: member_update
UPDATE tenant_members
SET role = coalesce(%(role)s, role), status = coalesce(%(status)s, status)
WHERE user_id = %(user_id)s
RETURNING user_id, role, status, updated_at

-- name: member_delete
DELETE FROM tenant_members WHERE user_id = %(user_id)s RETURNING user_id

-- name: keys
SELECT id, name, key_prefix, scopes, expires_at, last_used_at, revoked_at, created_at, created_by
FROM api_keys
ORDER BY created_at, name

-- name: key_visible
SELECT EXISTS (SELECT FROM api_keys WHERE id = %(id)s) AS visible

-- name: key_create
INSERT INTO api_keys (tenant_id, name, key_prefix, key_hash, scopes, expires_at)
VALUES ((SELECT auth.tenant_id()), %(name)s, %(prefix)s, %(key_hash)s, %(scopes)s, %(expires_at)s)
RETURNING id, name, key_prefix, scopes, expires_at, created_at

-- name: key_revoke
UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())
WHERE id = %(id)s
RETURNING id, revoked_at

-- name: audit
SELECT id, created_at, table_name, action, row_id, actor_id, old_data, new_data
FROM audit_log
WHERE (%(table)s::text IS NULL OR table_name = %(table)s)
  AND (%(action)s::text IS NULL OR action = %(action)s)
  AND (%(actor)s::uuid IS NULL OR actor_id = %(actor)s)
  AND (%(since)s::timestamptz IS NULL OR created_at >= %(since)s)
  AND (%(until)s::timestamptz IS NULL OR created_at < %(until)s)
ORDER BY created_at DESC, id
LIMIT %(limit)s

-- name: settings
SELECT settings FROM tenants WHERE id = (SELECT auth.tenant_id())

-- name: settings_update
SELECT vital.set_tenant_settings(%(changes)s) AS settings

-- name: llm_update
-- Within settings.llm_allowed, owners and admins only: the function decides (20261124000041).
SELECT vital.set_tenant_llm(%(changes)s) AS settings
