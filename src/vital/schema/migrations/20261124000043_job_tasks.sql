-- The tenant tasks of the background-job queue as data (docs/operations.md#background-jobs):
-- vital.enqueue_job() accepts a task when it has a row in vital.job_tasks, so a
-- migration that adds a task adds one row (INSERT ... ON CONFLICT DO NOTHING, and
-- a DELETE in its rollback) instead of re-creating the function with the whole list.
-- Which roles may enqueue stays the function's grant (authenticated, 20261124000029).

-- == types ===================================================================

-- == tables ==================================================================
-- Like vital.job_files: schema vital, out of every tenant role's reach (no grant),
-- RLS enabled and forced with no policy; only the definer function below reads it.
CREATE TABLE IF NOT EXISTS vital.job_tasks (
  name                   text PRIMARY KEY CHECK (name ~ '^vital\.[a-z][a-z0-9_]*$'),
  one_queued_per_tenant  boolean NOT NULL DEFAULT false,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE vital.job_tasks IS
  'The tasks a tenant may enqueue with vital.enqueue_job(); adding a task is one row.';
COMMENT ON COLUMN vital.job_tasks.one_queued_per_tenant IS
  'At most one job of this task waits per tenant: enqueueing another returns the waiting one (Procrastinate''s queueing lock).';
ALTER TABLE vital.job_tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE vital.job_tasks FORCE ROW LEVEL SECURITY;
REVOKE ALL ON vital.job_tasks FROM PUBLIC;

INSERT INTO vital.job_tasks (name, one_queued_per_tenant) VALUES
  ('vital.ingest', false),   -- 20261124000029: uploads in the background
  ('vital.reembed', true),   -- 20261124000029: one re-embedding waits per tenant
  ('vital.eval', false),     -- 20261124000031: evaluation runs
  ('vital.reparse', false)   -- 20261124000040: documents re-parsed from their originals
ON CONFLICT (name) DO NOTHING;

-- == functions ===============================================================
CREATE OR REPLACE FUNCTION vital.enqueue_job(task text, args jsonb DEFAULT '{}'::jsonb)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
AS $$
DECLARE
  v_tenant uuid := auth.tenant_id();
  v_once   boolean;
  v_lock   text;
  v_id     bigint;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'a job needs a tenant' USING ERRCODE = '42501';
  END IF;
  SELECT t.one_queued_per_tenant INTO v_once FROM vital.job_tasks t WHERE t.name = enqueue_job.task;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown tenant task %', task USING ERRCODE = '22023',
      HINT = 'Tenants enqueue ' || (SELECT string_agg(t.name, ', ' ORDER BY t.name) FROM vital.job_tasks t) || '.';
  END IF;
  IF jsonb_typeof(args) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION 'job arguments must be a JSON object' USING ERRCODE = '22023';
  END IF;
  v_lock := CASE WHEN v_once THEN task || ':' || v_tenant END;
  INSERT INTO procrastinate.procrastinate_jobs (queue_name, task_name, queueing_lock, args)
  VALUES ('tenants', task, v_lock,
          (args - 'tenant_id' - 'claims') || jsonb_build_object('tenant_id', v_tenant, 'claims', auth.jwt()))
  ON CONFLICT (queueing_lock) WHERE status = 'todo' DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    SELECT id INTO v_id FROM procrastinate.procrastinate_jobs WHERE queueing_lock = v_lock AND status = 'todo';
  END IF;
  RETURN v_id;
END $$;
COMMENT ON FUNCTION vital.enqueue_job(text, jsonb) IS
  'Enqueue a tenant task (a row of vital.job_tasks) for the caller''s tenant, with the caller''s claims.';

-- == triggers ================================================================

-- == policies ================================================================

-- == indexes =================================================================
