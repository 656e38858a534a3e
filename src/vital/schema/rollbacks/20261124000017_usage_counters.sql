-- Rollback of 20261124000017_usage_counters.
DROP FUNCTION IF EXISTS vital.count_usage(text, bigint, bigint);
GRANT INSERT, UPDATE, DELETE ON public.tenant_usage TO authenticated;
