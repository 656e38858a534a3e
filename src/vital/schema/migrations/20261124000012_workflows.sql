-- Domain 8, Workflows (6 tables): workflow_definitions, workflow_runs,
-- workflow_run_steps, workflow_checkpoints, workflow_approvals, workflow_events.
-- LangGraph runs the autonomous Ask Expert modes and the panels; its state is kept
-- here, tenant-scoped and under RLS, instead of in LangGraph's own tables.

-- == functions ===============================================================
-- Before the tables: the CHECK on workflow_definitions.graph needs it.
-- A graph is {"nodes": [{"id": ...}, ...], "edges": [{"from": ..., "to": ...}, ...]}.
-- Node ids are unique strings; an edge joins two known nodes, or starts at
-- LangGraph's __start__ / ends at __end__; at least one edge leaves __start__.
-- plpgsql, because each test must run only once the previous one has
-- established the shape (jsonb_array_elements raises on a scalar).
CREATE OR REPLACE FUNCTION vital.workflow_graph_is_valid(graph jsonb) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = ''
  AS $$
  DECLARE
    node_ids text[];
  BEGIN
    IF jsonb_typeof(graph) IS DISTINCT FROM 'object'
       OR jsonb_typeof(graph -> 'nodes') IS DISTINCT FROM 'array'
       OR jsonb_typeof(graph -> 'edges') IS DISTINCT FROM 'array' THEN
      RETURN false;
    END IF;
    IF EXISTS (SELECT FROM jsonb_array_elements(graph -> 'nodes') AS n
                WHERE jsonb_typeof(n -> 'id') IS DISTINCT FROM 'string'
                   OR n ->> 'id' IN ('__start__', '__end__')) THEN
      RETURN false;
    END IF;
    SELECT array_agg(n ->> 'id') INTO node_ids FROM jsonb_array_elements(graph -> 'nodes') AS n;
    IF node_ids IS NULL
       OR cardinality(node_ids) <> (SELECT count(DISTINCT x) FROM unnest(node_ids) AS x) THEN
      RETURN false;
    END IF;
    IF EXISTS (SELECT FROM jsonb_array_elements(graph -> 'edges') AS e
                WHERE jsonb_typeof(e -> 'from') IS DISTINCT FROM 'string'
                   OR jsonb_typeof(e -> 'to') IS DISTINCT FROM 'string'
                   OR NOT (e ->> 'from' = ANY (node_ids || '__start__'::text))
                   OR NOT (e ->> 'to' = ANY (node_ids || '__end__'::text))) THEN
      RETURN false;
    END IF;
    RETURN EXISTS (SELECT FROM jsonb_array_elements(graph -> 'edges') AS e
                    WHERE e ->> 'from' = '__start__');
  END
  $$;
COMMENT ON FUNCTION vital.workflow_graph_is_valid(jsonb) IS
  'CHECK helper: true when a workflow graph has unique string node ids and every edge joins known nodes (or __start__/__end__).';
-- A CHECK runs with the privileges of the writer, who needs EXECUTE.
GRANT EXECUTE ON FUNCTION vital.workflow_graph_is_valid(jsonb) TO authenticated, service_role;

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS public.workflow_definitions (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  slug        text NOT NULL
              CONSTRAINT workflow_definitions_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name        text NOT NULL CHECK (length(btrim(name)) > 0),
  description text,
  version     integer NOT NULL DEFAULT 1
              CONSTRAINT workflow_definitions_version_positive CHECK (version >= 1),
  status      text NOT NULL DEFAULT 'draft'
              CONSTRAINT workflow_definitions_status_check
              CHECK (status IN ('draft', 'active', 'deprecated', 'archived')),
  graph       jsonb NOT NULL
              CONSTRAINT workflow_definitions_graph_shape CHECK (vital.workflow_graph_is_valid(graph)),
  input_schema jsonb NOT NULL DEFAULT '{}'::jsonb
              CONSTRAINT workflow_definitions_input_schema_is_object CHECK (jsonb_typeof(input_schema) = 'object'),
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb
              CONSTRAINT workflow_definitions_settings_is_object CHECK (jsonb_typeof(settings) = 'object'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  deleted_at  timestamptz,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT workflow_definitions_slug_version_key UNIQUE (tenant_id, slug, version),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.workflow_definitions IS 'LangGraph graphs (library: the platform''s are read by every tenant, which may fork them). One row per version of a slug.';
COMMENT ON COLUMN public.workflow_definitions.slug IS 'Stable name across versions; (slug, version) is unique per tenant.';
COMMENT ON COLUMN public.workflow_definitions.version IS 'Published versions are immutable by habit: a change is a new row with version + 1, so that runs keep pointing at what they ran.';
COMMENT ON COLUMN public.workflow_definitions.graph IS '{"nodes": [{"id", "type", "label", ...}], "edges": [{"from", "to", "condition"?}]}; __start__ and __end__ are LangGraph''s entry and exit.';
COMMENT ON COLUMN public.workflow_definitions.input_schema IS 'JSON Schema of the run input the graph expects.';
COMMENT ON COLUMN public.workflow_definitions.settings IS 'Run defaults: model, max_steps, budget, approval policy.';

CREATE TABLE IF NOT EXISTS public.workflow_runs (
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id            uuid NOT NULL REFERENCES public.tenants (id),
  definition_tenant_id uuid NOT NULL,
  definition_id        uuid NOT NULL,
  thread_id            text NOT NULL DEFAULT gen_random_uuid()::text,
  status               text NOT NULL DEFAULT 'pending'
                       CONSTRAINT workflow_runs_status_check
                       CHECK (status IN ('pending', 'running', 'waiting_approval', 'paused',
                                         'succeeded', 'failed', 'cancelled')),
  current_node         text,
  input                jsonb NOT NULL DEFAULT '{}'::jsonb
                       CONSTRAINT workflow_runs_input_is_object CHECK (jsonb_typeof(input) = 'object'),
  output               jsonb NOT NULL DEFAULT '{}'::jsonb
                       CONSTRAINT workflow_runs_output_is_object CHECK (jsonb_typeof(output) = 'object'),
  error                text,
  budget_tokens        integer
                       CONSTRAINT workflow_runs_budget_tokens_positive CHECK (budget_tokens > 0),
  budget_usd           numeric(10, 4)
                       CONSTRAINT workflow_runs_budget_usd_nonnegative CHECK (budget_usd >= 0),
  started_at           timestamptz,
  finished_at          timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  created_by           uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT workflow_runs_thread_key UNIQUE (tenant_id, thread_id),
  FOREIGN KEY (definition_tenant_id, definition_id) REFERENCES public.workflow_definitions (tenant_id, id),
  CONSTRAINT workflow_runs_definition_tenant_check
    CHECK (definition_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT workflow_runs_finished_after_started CHECK (finished_at >= started_at),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.workflow_runs IS 'One execution of a workflow definition (own or platform) for a tenant.';
COMMENT ON COLUMN public.workflow_runs.definition_tenant_id IS 'Tenant of the definition: the run''s own tenant or the platform library.';
COMMENT ON COLUMN public.workflow_runs.thread_id IS 'LangGraph thread id: the key of this run''s rows in workflow_checkpoints.';
COMMENT ON COLUMN public.workflow_runs.error IS 'Why the run failed, when status = failed.';
COMMENT ON COLUMN public.workflow_runs.current_node IS 'Graph node the run is at (or stopped at), for progress display.';
COMMENT ON COLUMN public.workflow_runs.budget_tokens IS 'Token ceiling of the run; null = the definition''s or tenant''s default. Spend is summed from llm_usage.';
COMMENT ON COLUMN public.workflow_runs.budget_usd IS 'Cost ceiling of the run in USD; null = no run-level ceiling.';

CREATE TABLE IF NOT EXISTS public.workflow_run_steps (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  run_id      uuid NOT NULL,
  sequence    integer NOT NULL
              CONSTRAINT workflow_run_steps_sequence_positive CHECK (sequence >= 1),
  node_key    text NOT NULL,
  status      text NOT NULL DEFAULT 'pending'
              CONSTRAINT workflow_run_steps_status_check
              CHECK (status IN ('pending', 'running', 'waiting_approval', 'succeeded',
                                'failed', 'skipped', 'cancelled')),
  attempt     integer NOT NULL DEFAULT 1
              CONSTRAINT workflow_run_steps_attempt_positive CHECK (attempt >= 1),
  input       jsonb NOT NULL DEFAULT '{}'::jsonb
              CONSTRAINT workflow_run_steps_input_is_object CHECK (jsonb_typeof(input) = 'object'),
  output      jsonb NOT NULL DEFAULT '{}'::jsonb
              CONSTRAINT workflow_run_steps_output_is_object CHECK (jsonb_typeof(output) = 'object'),
  error       text,
  started_at  timestamptz,
  finished_at timestamptz,
  duration_ms bigint GENERATED ALWAYS AS
              ((extract(epoch FROM finished_at - started_at) * 1000)::bigint) STORED,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT workflow_run_steps_sequence_key UNIQUE (tenant_id, run_id, sequence),
  CONSTRAINT workflow_run_steps_run_step_key UNIQUE (tenant_id, run_id, id),
  FOREIGN KEY (tenant_id, run_id) REFERENCES public.workflow_runs (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT workflow_run_steps_finished_after_started CHECK (finished_at >= started_at),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.workflow_run_steps IS 'Executions of graph nodes within a run, in order; a node visited again (a loop) or retried gets a new row.';
COMMENT ON COLUMN public.workflow_run_steps.sequence IS 'Order in which the run opened its steps, from 1.';
COMMENT ON COLUMN public.workflow_run_steps.node_key IS 'The node id in the definition''s graph.';
COMMENT ON COLUMN public.workflow_run_steps.attempt IS 'Try number of this node visit: a retry after a failure repeats node_key with attempt + 1.';
COMMENT ON COLUMN public.workflow_run_steps.duration_ms IS 'finished_at - started_at in milliseconds, kept by the database.';
COMMENT ON CONSTRAINT workflow_run_steps_run_step_key ON public.workflow_run_steps IS
  'Target of (tenant_id, run_id, step_id) references, so that an approval or event cannot name a step of another run.';

-- LangGraph's saver state, both of its kinds in one table, keyed like its own
-- tables: a checkpoint by (thread_id, checkpoint_ns, checkpoint_id), a pending write
-- by the same plus (task_id, idx). Checkpoint rows leave task_id and idx null, and
-- the unique key treats nulls as equal, so one constraint serves both kinds (and
-- ON CONFLICT). Channel values are serialised inside the checkpoint blob (the
-- layout of LangGraph's SQLite saver), so no separate blob table is needed.
CREATE TABLE IF NOT EXISTS public.workflow_checkpoints (
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id            uuid NOT NULL REFERENCES public.tenants (id),
  run_id               uuid,
  kind                 text NOT NULL
                       CONSTRAINT workflow_checkpoints_kind_check CHECK (kind IN ('checkpoint', 'write')),
  thread_id            text NOT NULL,
  checkpoint_ns        text NOT NULL DEFAULT '',
  checkpoint_id        text NOT NULL,
  parent_checkpoint_id text,
  type                 text,
  checkpoint           bytea,
  metadata             jsonb NOT NULL DEFAULT '{}'::jsonb
                       CONSTRAINT workflow_checkpoints_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object'),
  task_id              text,
  task_path            text,
  idx                  integer,
  channel              text,
  value                bytea,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  created_by           uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT workflow_checkpoints_key
    UNIQUE NULLS NOT DISTINCT (tenant_id, thread_id, checkpoint_ns, checkpoint_id, task_id, idx),
  CONSTRAINT workflow_checkpoints_kind_columns CHECK (
    CASE kind
      WHEN 'checkpoint' THEN checkpoint IS NOT NULL
                         AND num_nulls(task_id, task_path, idx, channel, value) = 5
      WHEN 'write'      THEN num_nonnulls(task_id, idx, channel, value) = 4
                         AND num_nulls(checkpoint, parent_checkpoint_id) = 2
    END),
  FOREIGN KEY (tenant_id, run_id) REFERENCES public.workflow_runs (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.workflow_checkpoints IS 'LangGraph checkpoints and pending writes per thread (kind), so that a run survives a restart under RLS.';
COMMENT ON COLUMN public.workflow_checkpoints.run_id IS 'The run the thread belongs to, when it is a workflow run (panels may checkpoint without one); its deletion removes the state.';
COMMENT ON COLUMN public.workflow_checkpoints.kind IS 'checkpoint: a saved graph state (checkpoint, metadata, parent); write: a pending write of a task (task_id, idx, channel, value).';
COMMENT ON COLUMN public.workflow_checkpoints.checkpoint_ns IS 'LangGraph namespace: empty for the root graph, set for subgraphs.';
COMMENT ON COLUMN public.workflow_checkpoints.thread_id IS 'LangGraph thread (workflow_runs.thread_id for a run).';
COMMENT ON COLUMN public.workflow_checkpoints.parent_checkpoint_id IS 'kind = checkpoint: the checkpoint this one follows in the thread.';
COMMENT ON COLUMN public.workflow_checkpoints.metadata IS 'kind = checkpoint: LangGraph checkpoint metadata (source, step, parents).';
COMMENT ON COLUMN public.workflow_checkpoints.task_id IS 'kind = write: the task that produced the write.';
COMMENT ON COLUMN public.workflow_checkpoints.task_path IS 'kind = write: path of the task within nested graphs, as recent LangGraph savers record it.';
COMMENT ON COLUMN public.workflow_checkpoints.channel IS 'kind = write: the graph channel written to.';
COMMENT ON COLUMN public.workflow_checkpoints.checkpoint_id IS 'LangGraph checkpoint id (time-ordered uuid6 text); for a write, the checkpoint it follows.';
COMMENT ON COLUMN public.workflow_checkpoints.type IS 'Serializer tag of the blob (msgpack, json, ...), as returned by the saver''s dumps_typed.';
COMMENT ON COLUMN public.workflow_checkpoints.checkpoint IS 'kind = checkpoint: the serialised checkpoint, channel values included.';
COMMENT ON COLUMN public.workflow_checkpoints.idx IS 'kind = write: position of the write within its task; negative for LangGraph''s special writes (error, interrupt), which are upserted.';
COMMENT ON COLUMN public.workflow_checkpoints.value IS 'kind = write: the serialised value written to the channel.';

CREATE TABLE IF NOT EXISTS public.workflow_approvals (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  run_id      uuid NOT NULL,
  step_id     uuid,
  request     jsonb NOT NULL DEFAULT '{}'::jsonb
              CONSTRAINT workflow_approvals_request_is_object CHECK (jsonb_typeof(request) = 'object'),
  status      text NOT NULL DEFAULT 'pending'
              CONSTRAINT workflow_approvals_status_check CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by  uuid,
  decided_at  timestamptz,
  comment     text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, run_id) REFERENCES public.workflow_runs (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, run_id, step_id) REFERENCES public.workflow_run_steps (tenant_id, run_id, id)
    ON DELETE SET NULL (step_id),
  FOREIGN KEY (tenant_id, decided_by) REFERENCES public.profiles (tenant_id, user_id)
    ON DELETE SET NULL (decided_by),
  CONSTRAINT workflow_approvals_decision_consistent CHECK ((status = 'pending') = (decided_at IS NULL)),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.workflow_approvals IS 'Human-in-the-loop gates: a run waits (status waiting_approval) until a person approves or rejects.';
COMMENT ON COLUMN public.workflow_approvals.step_id IS 'The step that asked for approval (a step of the same run).';
COMMENT ON COLUMN public.workflow_approvals.request IS 'What is put before the person: the plan, the tool call, the draft, with the question asked.';
COMMENT ON COLUMN public.workflow_approvals.decided_by IS 'The user who decided (a profile of the tenant); decided_at is set with the decision.';

CREATE TABLE IF NOT EXISTS public.workflow_events (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  run_id      uuid NOT NULL,
  step_id     uuid,
  sequence    bigint NOT NULL
              CONSTRAINT workflow_events_sequence_positive CHECK (sequence >= 1),
  event_type  text NOT NULL
              CONSTRAINT workflow_events_event_type_check
              CHECK (event_type IN ('run_started', 'run_paused', 'run_resumed', 'run_succeeded',
                                    'run_failed', 'run_cancelled', 'step_started', 'step_succeeded',
                                    'step_failed', 'step_retried', 'approval_requested',
                                    'approval_decided', 'tool_called', 'llm_called',
                                    'checkpoint_saved', 'budget_exceeded', 'message')),
  payload     jsonb NOT NULL DEFAULT '{}'::jsonb
              CONSTRAINT workflow_events_payload_is_object CHECK (jsonb_typeof(payload) = 'object'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT workflow_events_sequence_key UNIQUE (tenant_id, run_id, sequence),
  FOREIGN KEY (tenant_id, run_id) REFERENCES public.workflow_runs (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, run_id, step_id) REFERENCES public.workflow_run_steps (tenant_id, run_id, id)
    ON DELETE SET NULL (step_id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.workflow_events IS 'Append-only timeline of a run, streamed to clients (server-sent events) and replayed from any sequence.';
COMMENT ON COLUMN public.workflow_events.sequence IS 'Order of the event within its run, from 1, without gaps: a client resumes a stream after the last sequence it saw.';

-- == triggers ================================================================
CREATE OR REPLACE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON public.workflow_definitions
  FOR EACH ROW EXECUTE FUNCTION vital.audit_row_change();

-- == policies ================================================================
CALL vital.secure_tenant_table('public.workflow_definitions', library => true);
CALL vital.secure_tenant_table('public.workflow_runs');
CALL vital.secure_tenant_table('public.workflow_run_steps');
CALL vital.secure_tenant_table('public.workflow_checkpoints');
CALL vital.secure_tenant_table('public.workflow_approvals');
CALL vital.secure_tenant_table('public.workflow_events');

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS workflow_definitions_created_by_idx ON public.workflow_definitions (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS workflow_definitions_status_idx ON public.workflow_definitions (tenant_id, status);

CREATE INDEX IF NOT EXISTS workflow_runs_definition_idx ON public.workflow_runs (definition_tenant_id, definition_id);
CREATE INDEX IF NOT EXISTS workflow_runs_created_by_idx ON public.workflow_runs (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS workflow_runs_status_idx ON public.workflow_runs (tenant_id, status);
CREATE INDEX IF NOT EXISTS workflow_runs_created_at_idx ON public.workflow_runs (tenant_id, created_at);

CREATE INDEX IF NOT EXISTS workflow_run_steps_created_by_idx ON public.workflow_run_steps (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS workflow_run_steps_status_idx ON public.workflow_run_steps (tenant_id, status);

CREATE INDEX IF NOT EXISTS workflow_checkpoints_run_id_idx ON public.workflow_checkpoints (tenant_id, run_id);
CREATE INDEX IF NOT EXISTS workflow_checkpoints_created_by_idx ON public.workflow_checkpoints (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS workflow_approvals_run_step_idx ON public.workflow_approvals (tenant_id, run_id, step_id);
CREATE INDEX IF NOT EXISTS workflow_approvals_decided_by_idx ON public.workflow_approvals (tenant_id, decided_by);
CREATE INDEX IF NOT EXISTS workflow_approvals_created_by_idx ON public.workflow_approvals (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS workflow_approvals_status_idx ON public.workflow_approvals (tenant_id, status);

CREATE INDEX IF NOT EXISTS workflow_events_run_step_idx ON public.workflow_events (tenant_id, run_id, step_id);
CREATE INDEX IF NOT EXISTS workflow_events_created_by_idx ON public.workflow_events (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS workflow_events_created_at_idx ON public.workflow_events (tenant_id, created_at);
