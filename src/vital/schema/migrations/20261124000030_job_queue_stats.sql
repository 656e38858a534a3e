-- Operators' metrics: the background-job queue by task and status (docs/operations.md,
-- "Metrics and traces"). The queue's schema has no grant to the API's login, so the
-- /metrics collector reads these counts, and nothing else of it, through this function.

-- == functions ================================================================
CREATE OR REPLACE FUNCTION vital.job_queue_stats()
RETURNS TABLE (task text, status text, jobs bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$
  SELECT task_name::text, status::text, count(*)
    FROM procrastinate.procrastinate_jobs
   GROUP BY 1, 2
$$;
COMMENT ON FUNCTION vital.job_queue_stats() IS
  'Background jobs per task and status, for the API''s /metrics (no arguments, no tenant data).';

SELECT vital.grant_to_api(ARRAY['vital.job_queue_stats()']::regprocedure[]);
