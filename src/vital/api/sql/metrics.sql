-- /metrics (api/metrics.py): the job queue, read at scrape time as the API role.
-- vital.job_queue_stats() is the jobs schema's SECURITY DEFINER function (granted to the API role):
-- one row per queue and status with its number of jobs. Until it exists the queue is simply not reported.

-- name: jobs_present
SELECT to_regprocedure('vital.job_queue_stats()') IS NOT NULL AS present

-- name: jobs
SELECT queue, status, jobs FROM vital.job_queue_stats()
