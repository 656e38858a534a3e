-- The queue as operators see it (vital db jobs): Procrastinate's jobs by task and status.

-- name: summary
SELECT task_name AS task, status::text AS status, count(*) AS jobs, max(attempts) AS most_attempts
  FROM procrastinate.procrastinate_jobs
 GROUP BY task_name, status
 ORDER BY task_name, status;
