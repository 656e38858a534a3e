-- Add to today's (UTC) counter, unless that would pass the limit; no row back = refused.
INSERT INTO public.tenant_usage (tenant_id, metric, period, period_start, value)
VALUES ((SELECT auth.tenant_id()), %(metric)s, 'day', (now() AT TIME ZONE 'utc')::date, %(amount)s)
ON CONFLICT ON CONSTRAINT tenant_usage_counter_key
DO UPDATE SET value = tenant_usage.value + excluded.value
 WHERE %(limit)s::bigint IS NULL OR tenant_usage.value + excluded.value <= %(limit)s::bigint
RETURNING value
