-- A tenant's transaction puts work on the queue (vital.jobs.enqueue): through the
-- SECURITY DEFINER functions of migration 20261124000029, which take the tenant
-- and the claims from the transaction's JWT.

-- name: job
SELECT vital.enqueue_job(%(task)s, %(args)s::jsonb) AS id;

-- name: stage_file
SELECT vital.stage_job_file(%(job)s, %(seq)s, %(name)s, %(content_type)s, %(data)s);

-- name: staged_files
SELECT seq, name, content_type, data FROM vital.staged_job_files(%(job)s);

-- name: drop_files
SELECT vital.drop_job_files(%(job)s);
