-- name: lock_tenant
-- Holds off every other transaction's new rows for the tenant (vital.ops.tenant_erase says how).
SELECT 1 FROM public.tenants WHERE id = %(tenant)s FOR UPDATE;

-- name: profile_users
SELECT user_id FROM public.profiles WHERE tenant_id = %(tenant)s;
