-- Workflow runs hold no connection while they execute (docs/services.md, "Run caps").
-- A process that executes a run claims it with a lease: who holds it (a random id per
-- execution) and until when. The lease is renewed before each step and released when
-- the run rests; a process that dies leaves a lease that simply expires, after which
-- the run can be resumed. Live leases are also what a tenant's concurrent-run cap counts.
-- The columns are the tenant's own like the rest of the row (RLS unchanged): a tenant
-- that clears its own leases only stops its own runs at their next step.

-- == types ===================================================================

-- == tables ==================================================================
ALTER TABLE public.workflow_runs ADD COLUMN IF NOT EXISTS locked_by uuid;
ALTER TABLE public.workflow_runs ADD COLUMN IF NOT EXISTS lease_until timestamptz;
COMMENT ON COLUMN public.workflow_runs.locked_by IS 'The execution that holds the run''s lease (null: nobody executes it).';
COMMENT ON COLUMN public.workflow_runs.lease_until IS 'Until when the lease holds unless renewed; an expired lease can be taken over.';

-- == functions ===============================================================

-- == triggers ================================================================

-- == policies ================================================================

-- == indexes =================================================================
-- The concurrent-run cap counts a tenant's live leases.
CREATE INDEX IF NOT EXISTS workflow_runs_lease_idx ON public.workflow_runs (tenant_id, lease_until)
  WHERE lease_until IS NOT NULL;
