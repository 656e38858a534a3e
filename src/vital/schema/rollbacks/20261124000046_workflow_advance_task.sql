-- Rollback of 20261124000046_workflow_advance_task: vital.enqueue_job() as 20261124000043 made it,
-- then the task's row and the lock_arg column.
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
DELETE FROM vital.job_tasks WHERE name = 'vital.advance_run';
ALTER TABLE vital.job_tasks DROP COLUMN IF EXISTS lock_arg;
