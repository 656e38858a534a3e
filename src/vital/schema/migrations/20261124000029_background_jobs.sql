-- Durable background jobs (docs/operations.md#background-jobs): Procrastinate's
-- queue in a schema of its own, `procrastinate`, created here from the schema
-- SQL of the installed (pinned) package, so the tables follow the pin.
-- The schema is not `public`: the catalog and /rest/v1 never see it, and no
-- tenant role (anon, authenticated, service_role) nor the API's login holds
-- any privilege on it. Its tables have no tenant_id and no RLS: a job is the
-- platform's, not a tenant's row. Tenants reach the queue only through
-- vital.enqueue_job(), which records the tenant and the caller's claims from
-- the transaction's JWT (never from an argument) beside the job's arguments,
-- in the same transaction as the rows the job concerns. The worker's login
-- (vital_worker) reads the queue and runs a tenant's job as that tenant, under
-- RLS; maintenance jobs run as vital_maintenance, which the API's login is not
-- a member of.

-- == types ===================================================================
-- Two login/group roles, cluster-wide like vital_api (never dropped by a rollback).
--   vital_worker: the workers' login. NOINHERIT, no BYPASSRLS, owns nothing; it
--     uses the queue's tables and switches a transaction to `authenticated`
--     (a tenant's job) or `vital_maintenance` (a maintenance job).
--   vital_maintenance: the one maintenance role; it can only execute the
--     maintenance functions granted to it below.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vital_worker') THEN
    CREATE ROLE vital_worker LOGIN NOINHERIT NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vital_maintenance') THEN
    CREATE ROLE vital_maintenance NOLOGIN NOINHERIT NOBYPASSRLS;
  END IF;
END $$;
GRANT authenticated, vital_maintenance TO vital_worker;

-- == tables ==================================================================
CREATE SCHEMA IF NOT EXISTS procrastinate;
REVOKE ALL ON SCHEMA procrastinate FROM PUBLIC;
COMMENT ON SCHEMA procrastinate IS
  'Procrastinate''s job queue (background jobs): no tenant role nor the API''s login may use it; vital_worker does.';
-- Procrastinate's schema.sql names its objects unqualified: create them in this schema.
SELECT set_config('search_path', 'procrastinate', true);
-- include: procrastinate/sql/schema.sql
SELECT set_config('search_path', 'public, extensions', true);

-- Uploaded files waiting for their ingestion job: written by the tenant's
-- transaction that enqueues the job, read and dropped by the job (as the tenant).
-- RLS enabled and forced with no policy: reached only through the functions below.
CREATE TABLE IF NOT EXISTS vital.job_files (
  tenant_id     uuid NOT NULL,
  job_id        uuid NOT NULL,
  seq           integer NOT NULL CHECK (seq >= 0),
  name          text NOT NULL,
  content_type  text,
  data          bytea NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, job_id, seq),
  FOREIGN KEY (tenant_id, job_id) REFERENCES public.rag_ingestion_jobs (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE vital.job_files IS
  'Uploaded files waiting for their background ingestion job (vital.stage_job_file), dropped when it ends.';
ALTER TABLE vital.job_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE vital.job_files FORCE ROW LEVEL SECURITY;

-- == functions ===============================================================
-- Procrastinate's functions resolve their names through the search path: pin it.
DO $$
DECLARE f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'procrastinate' LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = procrastinate, pg_temp', f);
  END LOOP;
END $$;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA procrastinate FROM PUBLIC;
GRANT USAGE ON SCHEMA procrastinate TO vital_worker;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA procrastinate TO vital_worker;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA procrastinate TO vital_worker;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA procrastinate TO vital_worker;

-- A tenant's transaction enqueues one of the tenant tasks. The tenant and the
-- claims come from the transaction's JWT and overwrite any in `args`, so a job
-- can only ever act for the tenant that enqueued it. Re-embedding is one job
-- per tenant at a time (Procrastinate's queueing lock): a second request gets
-- the waiting job's id.
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
  IF task NOT IN ('vital.ingest', 'vital.reembed') THEN
    RAISE EXCEPTION 'unknown tenant task %', task USING ERRCODE = '22023',
      HINT = 'Tenants enqueue vital.ingest or vital.reembed.';
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
  'Enqueue a tenant task (vital.ingest, vital.reembed) for the caller''s tenant, with the caller''s claims.';

CREATE OR REPLACE FUNCTION vital.stage_job_file(job uuid, seq integer, name text, content_type text,
                                                data bytea)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = ''
AS $$
  INSERT INTO vital.job_files (tenant_id, job_id, seq, name, content_type, data)
  SELECT auth.tenant_id(), j.id, stage_job_file.seq, stage_job_file.name, stage_job_file.content_type,
         stage_job_file.data
    FROM public.rag_ingestion_jobs j
   WHERE j.tenant_id = auth.tenant_id() AND j.id = stage_job_file.job;
$$;
COMMENT ON FUNCTION vital.stage_job_file(uuid, integer, text, text, bytea) IS
  'Keep an uploaded file for the caller''s ingestion job until the job has run.';

CREATE OR REPLACE FUNCTION vital.staged_job_files(job uuid)
RETURNS TABLE (seq integer, name text, content_type text, data bytea)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$
  SELECT f.seq, f.name, f.content_type, f.data FROM vital.job_files f
   WHERE f.tenant_id = auth.tenant_id() AND f.job_id = staged_job_files.job ORDER BY f.seq;
$$;
COMMENT ON FUNCTION vital.staged_job_files(uuid) IS 'The files staged for one of the caller''s ingestion jobs.';

CREATE OR REPLACE FUNCTION vital.drop_job_files(job uuid)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = ''
AS $$
  DELETE FROM vital.job_files f WHERE f.tenant_id = auth.tenant_id() AND f.job_id = drop_job_files.job;
$$;
COMMENT ON FUNCTION vital.drop_job_files(uuid) IS 'Drop the files of one of the caller''s ingestion jobs (it ended).';

-- Maintenance (vital_maintenance only): expiry of one-time sign-in tokens and
-- invitations, across tenants.
CREATE OR REPLACE FUNCTION vital.expire_sign_in_tokens()
RETURNS TABLE (tokens bigint, invitations bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
AS $$
BEGIN
  -- Links and codes are single use and short-lived: a day after expiry they serve no audit.
  DELETE FROM vital.one_time_tokens WHERE expires_at < now() - interval '1 day';
  GET DIAGNOSTICS tokens = ROW_COUNT;
  UPDATE public.tenant_invitations SET status = 'expired'
   WHERE status = 'pending' AND expires_at < now();
  GET DIAGNOSTICS invitations = ROW_COUNT;
  RETURN NEXT;
END $$;
COMMENT ON FUNCTION vital.expire_sign_in_tokens() IS
  'Maintenance: delete one-time tokens a day past expiry, mark pending invitations past expiry expired.';

-- Maintenance: workflow runs left `pending` or `running` by a process that
-- stopped (untouched for `idle`), with the tenant and user to resume them as.
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

REVOKE EXECUTE ON FUNCTION vital.enqueue_job(text, jsonb), vital.stage_job_file(uuid, integer, text, text, bytea),
  vital.staged_job_files(uuid), vital.drop_job_files(uuid), vital.expire_sign_in_tokens(), vital.runs_to_resume(interval)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION vital.enqueue_job(text, jsonb), vital.stage_job_file(uuid, integer, text, text, bytea),
  vital.staged_job_files(uuid), vital.drop_job_files(uuid) TO authenticated;
-- The maintenance role reaches schema vital for these functions and nothing else.
GRANT USAGE ON SCHEMA vital TO vital_maintenance;
GRANT EXECUTE ON FUNCTION vital.expire_sign_in_tokens(), vital.runs_to_resume(interval) TO vital_maintenance;

-- == triggers ================================================================

-- == policies ================================================================

-- == indexes =================================================================
