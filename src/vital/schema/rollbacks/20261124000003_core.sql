-- Rollback of 20261124000003_core.
DROP TABLE IF EXISTS public.audit_log;
DROP TABLE IF EXISTS public.tenant_usage;
DROP TABLE IF EXISTS public.api_keys;
DROP TABLE IF EXISTS public.tenant_invitations;
DROP TABLE IF EXISTS public.tenant_members;
DROP TABLE IF EXISTS public.profiles;
DROP TABLE IF EXISTS public.tenants;
DROP FUNCTION IF EXISTS vital.audit_row_change();
