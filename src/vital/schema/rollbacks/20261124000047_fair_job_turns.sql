-- Rollback of 20261124000047_fair_job_turns: vital.enqueue_job() as 20261124000046 made it (every job at
-- priority 0, oldest first), vital.runs_to_resume() as 20261124000029 made it, and the index of live
-- jobs by tenant.
DROP INDEX IF EXISTS procrastinate.procrastinate_jobs_live_by_tenant;

CREATE OR REPLACE FUNCTION vital.runs_to_resume(idle interval)
RETURNS TABLE (tenant_id uuid, run_id uuid, user_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$
  SELECT r.tenant_id, r.id, r.created_by FROM public.workflow_runs r
   WHERE r.status IN ('pending', 'running') AND r.updated_at < now() - idle
   ORDER BY r.updated_at LIMIT 500;
$$;
COMMENT ON FUNCTION vital.runs_to_resume(interval) IS
  'Maintenance: runs left pending or running by a stopped process, to resume as their tenant.';

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

