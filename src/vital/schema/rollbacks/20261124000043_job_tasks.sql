-- Rollback of 20261124000043_job_tasks: vital.enqueue_job() as 20261124000040 made it
-- (tenant tasks vital.ingest, vital.reembed, vital.eval and vital.reparse), then the table.
CREATE OR REPLACE FUNCTION vital.enqueue_job(task text, args jsonb DEFAULT '{}'::jsonb)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
AS $$
DECLARE
  v_tenant uuid := auth.tenant_id();
  v_lock   text;
  v_id     bigint;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'a job needs a tenant' USING ERRCODE = '42501';
  END IF;
  IF task NOT IN ('vital.ingest', 'vital.reembed', 'vital.eval', 'vital.reparse') THEN
    RAISE EXCEPTION 'unknown tenant task %', task USING ERRCODE = '22023',
      HINT = 'Tenants enqueue vital.ingest, vital.reembed, vital.eval or vital.reparse.';
  END IF;
  IF jsonb_typeof(args) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION 'job arguments must be a JSON object' USING ERRCODE = '22023';
  END IF;
  v_lock := CASE WHEN task = 'vital.reembed' THEN task || ':' || v_tenant END;
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
  'Enqueue a tenant task (vital.ingest, vital.reembed, vital.eval, vital.reparse) for the caller''s tenant, with the caller''s claims.';
DROP TABLE IF EXISTS vital.job_tasks;
