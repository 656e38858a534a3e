-- Workflow runs are executed by the background-job workers, not the API process
-- (docs/services.md, "Runs in the background"): starting a run, deciding its approval
-- or resuming it queues the tenant task `vital.advance_run` in the same transaction.
-- A run's jobs must not advance it at the same time, so a task may name the argument
-- whose value, with the task and the tenant, becomes the job's Procrastinate `lock`:
-- jobs of one run then execute one after the other, in the order they were queued.
-- (No queueing lock per run: Procrastinate puts a retried job back to `todo`, which
-- would collide with a newer waiting job of the same queueing lock.)

-- == types ===================================================================

-- == tables ==================================================================
ALTER TABLE vital.job_tasks ADD COLUMN IF NOT EXISTS lock_arg text
  CHECK (lock_arg ~ '^[a-z][a-z0-9_]*$');
COMMENT ON COLUMN vital.job_tasks.lock_arg IS
  'The argument whose value (with the task and the tenant) is the job''s Procrastinate lock: jobs of one lock run one at a time, oldest first.';

INSERT INTO vital.job_tasks (name, one_queued_per_tenant, lock_arg) VALUES
  ('vital.advance_run', false, 'run')  -- a workflow run carried on until it rests
ON CONFLICT (name) DO NOTHING;

-- == functions ===============================================================
CREATE OR REPLACE FUNCTION vital.enqueue_job(task text, args jsonb DEFAULT '{}'::jsonb)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
AS $$
DECLARE
  v_tenant   uuid := auth.tenant_id();
  v_once     boolean;
  v_lock_arg text;
  v_qlock    text;
  v_lock     text;
  v_id       bigint;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'a job needs a tenant' USING ERRCODE = '42501';
  END IF;
  SELECT t.one_queued_per_tenant, t.lock_arg INTO v_once, v_lock_arg
    FROM vital.job_tasks t WHERE t.name = enqueue_job.task;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown tenant task %', task USING ERRCODE = '22023',
      HINT = 'Tenants enqueue ' || (SELECT string_agg(t.name, ', ' ORDER BY t.name) FROM vital.job_tasks t) || '.';
  END IF;
  IF jsonb_typeof(args) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION 'job arguments must be a JSON object' USING ERRCODE = '22023';
  END IF;
  IF v_lock_arg IS NOT NULL THEN
    IF jsonb_typeof(args -> v_lock_arg) IS DISTINCT FROM 'string' THEN
      RAISE EXCEPTION 'task % needs the argument %', task, v_lock_arg USING ERRCODE = '22023';
    END IF;
    -- The tenant in the lock: another tenant's job can never hold this one back.
    v_lock := task || ':' || v_tenant || ':' || (args ->> v_lock_arg);
  END IF;
  v_qlock := CASE WHEN v_once THEN task || ':' || v_tenant END;
  INSERT INTO procrastinate.procrastinate_jobs (queue_name, task_name, lock, queueing_lock, args)
  VALUES ('tenants', task, v_lock, v_qlock,
          (args - 'tenant_id' - 'claims') || jsonb_build_object('tenant_id', v_tenant, 'claims', auth.jwt()))
  ON CONFLICT (queueing_lock) WHERE status = 'todo' DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    SELECT id INTO v_id FROM procrastinate.procrastinate_jobs WHERE queueing_lock = v_qlock AND status = 'todo';
  END IF;
  RETURN v_id;
END $$;
COMMENT ON FUNCTION vital.enqueue_job(text, jsonb) IS
  'Enqueue a tenant task (a row of vital.job_tasks) for the caller''s tenant, with the caller''s claims and the task''s lock.';

-- == triggers ================================================================

-- == policies ================================================================

-- == indexes =================================================================
