-- Add to today's (UTC) counter unless that would pass the limit; NULL = refused.
-- Tenants cannot write tenant_usage themselves (migration 20261124000017).
SELECT vital.count_usage(%(metric)s, %(amount)s, %(limit)s)
