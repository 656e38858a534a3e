-- Running ingestion jobs that have not moved for %(idle)s: their process died (a
-- file's document, chunks and counters commit together, so nothing of the file
-- it was on is in the database). Marked failed, with the reason, so that they are
-- not mistaken for work in progress; ingesting the same files again skips the
-- finished ones.
UPDATE public.rag_ingestion_jobs j
SET status = 'failed',
    finished_at = greatest(now(), j.started_at),
    errors = j.errors || jsonb_build_array(jsonb_build_object(
      'code', 'interrupted',
      'message', 'The ingesting process stopped before the job finished; ingest the same files again.'))
WHERE j.status = 'running' AND j.updated_at < now() - %(idle)s::interval
RETURNING (SELECT t.subdomain FROM public.tenants t WHERE t.id = j.tenant_id), j.id, j.items_done, j.items_total
