-- Ingestion jobs that have not finished, every tenant, with how long since they
-- last moved (each finished file moves a job's counters, and updated_at with them).
SELECT t.subdomain, j.id, j.status, j.items_done, j.items_failed, j.items_total, j.started_at,
       extract(epoch FROM now() - j.updated_at)::int AS idle_seconds
FROM public.rag_ingestion_jobs j
JOIN public.tenants t ON t.id = j.tenant_id
WHERE j.status = 'running'
ORDER BY j.updated_at
