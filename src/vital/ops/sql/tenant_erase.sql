-- name: lock_tenant
-- Holds off every other transaction's new rows for the tenant (vital.ops.tenant_erase says how).
SELECT 1 FROM public.tenants WHERE id = %(tenant)s FOR UPDATE;

-- name: profile_users
SELECT user_id FROM public.profiles WHERE tenant_id = %(tenant)s;

-- name: queued_jobs
-- The tenant's background jobs (vital.enqueue_job records the tenant and the caller's claims in
-- the arguments). A job a worker is running now is left to end on its own: its tenant's rows are gone.
DELETE FROM procrastinate.procrastinate_jobs
 WHERE args ->> 'tenant_id' = %(tenant)s::text AND status <> 'doing';
