-- Rollback of 20261124000012_workflows.
DROP TABLE IF EXISTS public.workflow_events;
DROP TABLE IF EXISTS public.workflow_approvals;
DROP TABLE IF EXISTS public.workflow_checkpoints;
DROP TABLE IF EXISTS public.workflow_run_steps;
DROP TABLE IF EXISTS public.workflow_runs;
DROP TABLE IF EXISTS public.workflow_definitions;
DROP FUNCTION IF EXISTS vital.workflow_graph_is_valid(jsonb);
