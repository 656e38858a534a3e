-- Rollback of 20261124000028_workflow_run_leases.
DROP INDEX IF EXISTS public.workflow_runs_lease_idx;
ALTER TABLE public.workflow_runs DROP COLUMN IF EXISTS lease_until;
ALTER TABLE public.workflow_runs DROP COLUMN IF EXISTS locked_by;
