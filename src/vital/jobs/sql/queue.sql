-- The queue as operators see it (vital db jobs): Procrastinate's jobs by task and status.

-- name: summary
SELECT task_name AS task, status::text AS status, count(*) AS jobs, max(attempts) AS most_attempts
  FROM procrastinate.procrastinate_jobs
 GROUP BY task_name, status
 ORDER BY task_name, status;

-- name: ingest_times
-- bench/jobs_queue.py: when each ingestion job row was made, taken by a worker, and done.
SELECT status, created_at, started_at, finished_at FROM public.rag_ingestion_jobs WHERE id = ANY(%(ids)s);
