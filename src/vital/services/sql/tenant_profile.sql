-- The caller's tenant: its tier (limits) and settings (per-tenant model endpoint, limit overrides).
SELECT tier, settings FROM public.tenants WHERE id = (SELECT auth.tenant_id())
