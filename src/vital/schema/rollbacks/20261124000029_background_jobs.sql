-- Rollback of 20261124000029_background_jobs. The roles stay (cluster-wide, like vital_api).
DROP FUNCTION IF EXISTS vital.runs_to_resume(interval);
DROP FUNCTION IF EXISTS vital.expire_sign_in_tokens();
DROP FUNCTION IF EXISTS vital.drop_job_files(uuid);
DROP FUNCTION IF EXISTS vital.staged_job_files(uuid);
DROP FUNCTION IF EXISTS vital.stage_job_file(uuid, integer, text, text, bytea);
DROP FUNCTION IF EXISTS vital.enqueue_job(text, jsonb);
DROP TABLE IF EXISTS vital.job_files;
-- Procrastinate's schema is the package's, not ours to list object by object: CASCADE drops exactly it.
DROP SCHEMA IF EXISTS procrastinate CASCADE;
REVOKE USAGE ON SCHEMA vital FROM vital_maintenance;
REVOKE authenticated, vital_maintenance FROM vital_worker;
