-- Tier limits (limits.py): counters in tenant_usage, stored documents.

-- name: count_usage
-- Add to today's (UTC) counter unless that would pass the limit; NULL = refused.
-- Tenants cannot write tenant_usage themselves (migration 20261124000017).
SELECT vital.count_usage(%(metric)s, %(amount)s, %(limit)s) AS counted

-- name: usage_today
SELECT coalesce((SELECT value FROM public.tenant_usage
                  WHERE metric = %(metric)s AND period = 'day'
                    AND period_start = (now() AT TIME ZONE 'utc')::date), 0)::bigint AS used

-- name: documents_lock
-- One tenant's document-adding transactions, one at a time (until commit).
SELECT pg_advisory_xact_lock(hashtextextended('vital.documents:' || (SELECT auth.tenant_id())::text, 0))

-- name: documents_count
SELECT count(*) AS documents FROM public.rag_documents WHERE tenant_id = (SELECT auth.tenant_id()) AND deleted_at IS NULL

-- name: storage_bytes
SELECT coalesce(sum(size), 0)::bigint AS used FROM public.storage_objects WHERE tenant_id = (SELECT auth.tenant_id())
