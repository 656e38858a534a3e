-- Rollback of 20261124000042_agent_gaps_and_job_copy.
DROP FUNCTION IF EXISTS public.copy_job_to_tenant(uuid);
DROP VIEW IF EXISTS public.agent_completeness;
