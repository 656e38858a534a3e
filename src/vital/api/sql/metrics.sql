-- /metrics (api/metrics.py): the job queue, read at scrape time as the API role.
-- vital.job_queue_stats() is the jobs schema's SECURITY DEFINER function (granted to the API role):
-- one row per task and status with its number of jobs (what vital.jobs.queue.summary reads as the owner).
-- Until it exists the queue is simply not reported (vital_jobs_stats_up 0).

-- name: jobs_present
SELECT to_regprocedure('vital.job_queue_stats()') IS NOT NULL AS present

-- name: jobs
SELECT task, status, jobs FROM vital.job_queue_stats()
