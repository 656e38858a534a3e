-- The sign-in internals (schema vital) of a tenant's users that travel with an
-- export: password hashes and operators' locks. Sessions and refresh tokens do
-- not (docs/operations.md#what-travels-with-a-tenant): they are live credentials
-- of this deployment. The users are those of tenant_users.sql.

-- name: passwords
SELECT w.user_id, w.password_hash, w.created_at, w.updated_at
FROM vital.user_passwords w
WHERE w.user_id IN (SELECT p.user_id FROM public.profiles p WHERE p.tenant_id = %(tenant)s
                    UNION
                    SELECT t.created_by FROM public.tenants t WHERE t.id = %(tenant)s)
ORDER BY w.user_id

-- name: locks
SELECT l.user_id, l.reason, l.locked_by, l.created_at, l.updated_at
FROM vital.user_locks l
WHERE l.user_id IN (SELECT p.user_id FROM public.profiles p WHERE p.tenant_id = %(tenant)s
                    UNION
                    SELECT t.created_by FROM public.tenants t WHERE t.id = %(tenant)s)
ORDER BY l.user_id

-- name: erase_sessions
-- Sessions opened at the erased tenant, by users who stay because another tenant
-- has them (the others' go with their auth.users row).
DELETE FROM vital.auth_sessions WHERE tenant_id = %(tenant)s
