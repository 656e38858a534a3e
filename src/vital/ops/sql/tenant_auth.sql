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

-- name: erasable_tables
-- Every table of schema vital that names a tenant (a foreign key to tenants): sessions,
-- one-time links and codes, sent mail, SSO providers (their flows and identities go with
-- them), PKCE flows, and whatever a later migration adds. An erase keeps the tenants row
-- as a tombstone, so ON DELETE CASCADE never removes them; the erase deletes them itself.
SELECT n.nspname AS schema_name, r.relname AS table_name, a.attname AS column_name
FROM pg_constraint c
JOIN pg_class r ON r.oid = c.conrelid
JOIN pg_namespace n ON n.oid = r.relnamespace
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
WHERE c.contype = 'f' AND c.confrelid = 'public.tenants'::regclass AND n.nspname = 'vital'
  AND cardinality(c.conkey) = 1
ORDER BY r.relname, a.attname
