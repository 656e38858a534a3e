-- Maintenance jobs (vital.jobs.maintenance): one transaction as vital_maintenance,
-- which may only execute the maintenance functions granted to it.

-- name: become
SELECT set_config('role', 'vital_maintenance', true);

-- name: expire_tokens
SELECT tokens, invitations FROM vital.expire_sign_in_tokens();

-- name: runs_to_resume
SELECT tenant_id, run_id, user_id FROM vital.runs_to_resume(make_interval(secs => %(idle)s));

-- name: tenants_to_roll_up
SELECT tenant_id FROM vital.tenants_to_roll_up();
