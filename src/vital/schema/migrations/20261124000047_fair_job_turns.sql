-- Fair turns on the job queue (docs/operations.md#background-jobs): a tenant's new job is queued with a
-- priority of minus the number of that tenant's jobs already queued or running, and workers take the
-- highest priority first (then the oldest). A tenant that queues a hundred jobs, or whose workflow runs
-- go on slice after slice (VITAL_WORKER_SLICE_SECONDS: each slice queues the next), waits behind its own
-- backlog only: another tenant's single job is taken at the next free place. The count reads the
-- tenant's live jobs through the index below. The periodic resumption of stranded runs queues them
-- (as their tenant, in its turn) instead of executing them inside the maintenance job, and leaves alone
-- the runs whose job is queued or running.

-- == types ===================================================================

-- == tables ==================================================================

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
  v_priority integer;
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
  -- Fair turns: the more work of this tenant is queued or running, the later its new job's turn (workers take
  -- the highest priority first, then the oldest), so another tenant's job waits for no backlog but its own.
  SELECT -count(*) INTO v_priority
    FROM procrastinate.procrastinate_jobs j
   WHERE j.status IN ('todo', 'doing') AND j.queue_name = 'tenants' AND j.args ->> 'tenant_id' = v_tenant::text;
  INSERT INTO procrastinate.procrastinate_jobs (queue_name, task_name, lock, queueing_lock, args, priority)
  VALUES ('tenants', task, v_lock, v_qlock,
          (args - 'tenant_id' - 'claims') || jsonb_build_object('tenant_id', v_tenant, 'claims', auth.jwt()),
          v_priority)
  ON CONFLICT (queueing_lock) WHERE status = 'todo' DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    SELECT id INTO v_id FROM procrastinate.procrastinate_jobs WHERE queueing_lock = v_qlock AND status = 'todo';
  END IF;
  RETURN v_id;
END $$;
COMMENT ON FUNCTION vital.enqueue_job(text, jsonb) IS
  'Enqueue a tenant task (a row of vital.job_tasks) for the caller''s tenant, with the caller''s claims, the task''s lock, and a priority that puts it behind the tenant''s own queued and running work.';

CREATE OR REPLACE FUNCTION vital.runs_to_resume(idle interval)
RETURNS TABLE (tenant_id uuid, run_id uuid, user_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$
  SELECT r.tenant_id, r.id, r.created_by FROM public.workflow_runs r
   WHERE r.status IN ('pending', 'running') AND r.updated_at < now() - idle
     -- a run whose job waits for its turn, or runs, is not stranded: queuing it again would skip the turn
     AND NOT EXISTS (SELECT 1 FROM procrastinate.procrastinate_jobs j
                      WHERE j.lock = 'vital.advance_run:' || r.tenant_id || ':' || r.id
                        AND j.status IN ('todo', 'doing'))
   ORDER BY r.updated_at LIMIT 500;
$$;
COMMENT ON FUNCTION vital.runs_to_resume(interval) IS
  'Maintenance: runs left pending or running by a stopped process, with no job queued or running for them, to queue again as their tenant.';

-- == triggers ================================================================

-- == policies ================================================================

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS procrastinate_jobs_live_by_tenant
  ON procrastinate.procrastinate_jobs ((args ->> 'tenant_id'))
  WHERE status IN ('todo', 'doing');
